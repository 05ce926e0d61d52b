//! The completion certificate: which modules a learner finished, with a one-line summary, sealed
//! like the proof pack (`proofs/xrpl_lab_certificate.json`). It names modules, not transactions;
//! on-ledger checking is the proof pack's job.

use std::path::PathBuf;

use serde_json::{Map, Value, json};

use super::atomic::write_atomic;
use super::catalog::{self, ModuleInfo};
use super::clock;
use super::error::WorkspaceError;
use super::integrity::seal;
use super::paths::Workspace;
use super::proof_pack::{address_or_unknown, summary_network, to_file_text};
use super::state::LabState;

/// `Completed {n} module(s) with {t} transaction(s).`, singular only for exactly one.
pub fn summary_line(modules: usize, transactions: usize) -> String {
    let s = |n: usize| if n == 1 { "" } else { "s" };
    format!(
        "Completed {modules} module{} with {transactions} transaction{}.",
        s(modules),
        s(transactions)
    )
}

/// Builds and seals a certificate from `state` as of `now`; titles come from `modules` (the id
/// stands in for a module the catalogue does not know).
pub fn generate(state: &LabState, modules: &[ModuleInfo], now: f64) -> Value {
    let ids: Vec<String> = state
        .completed_modules
        .iter()
        .map(|m| m.module_id.clone())
        .collect();
    let mut titles = Map::new();
    for id in &ids {
        let title = catalog::find(modules, id)
            .map(|m| m.title.clone())
            .unwrap_or_else(|| id.clone());
        titles.insert(id.clone(), Value::String(title));
    }
    let total_tx = state.tx_index.len();
    let ok = state.tx_index.iter().filter(|t| t.success).count();

    let mut cert = Map::new();
    cert.insert("xrpl_lab_certificate".into(), Value::Bool(true));
    cert.insert("version".into(), json!(crate::VERSION));
    cert.insert("network".into(), json!(summary_network(state)));
    cert.insert("address".into(), json!(address_or_unknown(state)));
    cert.insert("generated_at".into(), json!(clock::iso(now)));
    cert.insert("modules_completed".into(), json!(ids));
    cert.insert("module_titles".into(), Value::Object(titles));
    cert.insert("total_modules".into(), json!(ids.len()));
    cert.insert("total_transactions".into(), json!(total_tx));
    cert.insert("successful_transactions".into(), json!(ok));
    cert.insert(
        "summary_line".into(),
        json!(summary_line(ids.len(), total_tx)),
    );
    seal(cert)
}

/// Writes `proofs/xrpl_lab_certificate.json`; refuses with no completed module.
pub fn export(
    state: &LabState,
    modules: &[ModuleInfo],
    ws: &Workspace,
    now: f64,
) -> Result<PathBuf, WorkspaceError> {
    if state.completed_modules.is_empty() {
        return Err(WorkspaceError::NothingToExport);
    }
    let cert = generate(state, modules, now);
    ws.ensure()?;
    let path = ws.certificate_path();
    write_atomic(&path, to_file_text(&cert).as_bytes(), 0o644, "certificate")?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line_plurals() {
        assert_eq!(
            summary_line(1, 2),
            "Completed 1 module with 2 transactions."
        );
        assert_eq!(
            summary_line(2, 1),
            "Completed 2 modules with 1 transaction."
        );
        assert_eq!(
            summary_line(0, 0),
            "Completed 0 modules with 0 transactions."
        );
    }
}

//! The proof pack: everything a learner did, sealed so a facilitator can check it was not edited.
//!
//! Shape, key order and hash follow the original exactly (`proofs/xrpl_lab_proof_pack.json`), so
//! packs verify in both tools. Explorer links are recomputed from each transaction's network, and
//! nothing secret goes in: only addresses, module ids, txids and times.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use serde_json::{Map, Value, json};

use super::atomic::write_atomic;
use super::canonical_json::{Layout, python_dumps};
use super::catalog::{self, ModuleInfo};
use super::clock;
use super::error::WorkspaceError;
use super::integrity::seal;
use super::paths::Workspace;
use super::state::LabState;
use crate::network::explorer_url;

/// The module whose completion sets `capstone: true`.
pub const CAPSTONE_MODULE: &str = "game_economy_capstone";

/// One network for the whole pack: the single network its transactions ran on, `mixed` when
/// several, the state's network when there are none.
pub fn summary_network(state: &LabState) -> String {
    let nets: BTreeSet<&str> = state
        .tx_index
        .iter()
        .map(|t| t.network.as_str())
        .filter(|n| !n.is_empty())
        .collect();
    match nets.len() {
        0 => state.network.clone(),
        1 => nets.into_iter().next().unwrap_or_default().to_string(),
        _ => "mixed".into(),
    }
}

/// The learner's address, or `unknown`.
pub fn address_or_unknown(state: &LabState) -> String {
    state
        .wallet_address
        .clone()
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

fn short_txid(txid: &str) -> String {
    if txid.chars().count() > 16 {
        format!("{}...", txid.chars().take(16).collect::<String>())
    } else {
        txid.to_string()
    }
}

/// Builds and seals a proof pack from `state` as of `now`. `endpoint` is the RPC URL in use;
/// `modules` supplies each module's knowledge-base slug.
pub fn generate(state: &LabState, modules: &[ModuleInfo], endpoint: &str, now: f64) -> Value {
    // A txid's network is that of its last row (later rows overwrite earlier ones here).
    let last_network: HashMap<&str, &str> = state
        .tx_index
        .iter()
        .map(|t| (t.txid.as_str(), t.network.as_str()))
        .collect();
    let network_of = |txid: &str| -> &str {
        last_network
            .get(txid)
            .copied()
            .unwrap_or(state.network.as_str())
    };
    let completed: Vec<Value> = state
        .completed_modules
        .iter()
        .map(|m| {
            let kb = catalog::find(modules, &m.module_id)
                .map(|i| i.kb_source.clone())
                .unwrap_or_default();
            let urls: Vec<String> = m
                .txids
                .iter()
                .map(|t| explorer_url(network_of(t), t))
                .collect();
            json!({
                "module_id": m.module_id,
                "completed_at": clock::iso(m.completed_at),
                "txids": m.txids,
                "kb_source": kb,
                "explorer_urls": urls,
            })
        })
        .collect();
    let transactions: Vec<Value> = state
        .tx_index
        .iter()
        .map(|t| {
            json!({
                "txid": t.txid,
                "module_id": t.module_id,
                "success": t.success,
                "timestamp": clock::iso(t.timestamp),
                "network": t.network,
                "explorer_url": explorer_url(&t.network, &t.txid),
            })
        })
        .collect();
    let receipts: Vec<Value> = state
        .tx_index
        .iter()
        .map(|t| {
            json!({
                "txid": short_txid(&t.txid),
                "txid_full": t.txid,
                "module": t.module_id,
                "status": if t.success { "ok" } else { "FAIL" },
                "network": t.network,
                "timestamp": clock::utc_minutes(t.timestamp),
            })
        })
        .collect();
    let total = state.tx_index.len();
    let ok = state.tx_index.iter().filter(|t| t.success).count();

    let mut pack = Map::new();
    pack.insert("xrpl_lab_proof_pack".into(), Value::Bool(true));
    pack.insert("version".into(), json!(crate::VERSION));
    pack.insert("network".into(), json!(summary_network(state)));
    pack.insert("endpoint".into(), json!(endpoint));
    pack.insert("address".into(), json!(address_or_unknown(state)));
    pack.insert("generated_at".into(), json!(clock::iso(now)));
    pack.insert("completed_modules".into(), Value::Array(completed));
    pack.insert(
        "capstone".into(),
        Value::Bool(state.is_completed(CAPSTONE_MODULE)),
    );
    pack.insert("transactions".into(), Value::Array(transactions));
    pack.insert("receipt_table".into(), Value::Array(receipts));
    pack.insert("total_transactions".into(), json!(total));
    pack.insert("successful_transactions".into(), json!(ok));
    pack.insert("failed_transactions".into(), json!(total - ok));
    seal(pack)
}

/// The file text of an artifact: Python's `indent=2` in insertion order, no trailing newline.
pub fn to_file_text(artifact: &Value) -> String {
    python_dumps(artifact, Layout::PRETTY)
}

/// Writes `proofs/xrpl_lab_proof_pack.json`; refuses (writing nothing) with no completed module.
pub fn export(
    state: &LabState,
    modules: &[ModuleInfo],
    endpoint: &str,
    ws: &Workspace,
    now: f64,
) -> Result<PathBuf, WorkspaceError> {
    if state.completed_modules.is_empty() {
        return Err(WorkspaceError::NothingToExport);
    }
    let pack = generate(state, modules, endpoint, now);
    ws.ensure()?;
    let path = ws.proof_pack_path();
    write_atomic(&path, to_file_text(&pack).as_bytes(), 0o644, "proof pack")?;
    Ok(path)
}

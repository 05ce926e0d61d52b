//! Where a learner stands: [`LearnerStatus`] (`status --json`, the support bundle, cohort rows) and
//! the recovery hints (`recovery`) that turn that position into next commands.
//!
//! Everything is computed from values handed in (state, module list, workspace), so the server,
//! the CLI and the cohort tools agree by construction.

use serde::Serialize;

use super::catalog::{self, ModuleInfo, TRACKS};
use super::clock;
use super::paths::Workspace;
use super::report;
use super::state::LabState;

/// One track's progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackProgress {
    pub track: String,
    pub completed: Vec<String>,
    pub remaining: Vec<String>,
    pub total: usize,
    pub done: usize,
    pub is_complete: bool,
}

/// The learner's position, keys in the original's order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LearnerStatus {
    pub version: String,
    pub wallet_address: Option<String>,
    /// The network of the endpoint in use (not the one last recorded in state).
    pub network: String,
    pub current_module: Option<String>,
    pub current_track: Option<String>,
    pub current_mode: Option<String>,
    pub completed_modules: Vec<String>,
    pub completed_count: usize,
    pub total_modules: usize,
    pub blockers: Vec<String>,
    pub is_blocked: bool,
    pub track_progress: Vec<TrackProgress>,
    pub last_activity: Option<String>,
    pub last_module: Option<String>,
    pub total_transactions: usize,
    pub failed_transactions: usize,
    pub has_proof_pack: bool,
    pub has_certificate: bool,
    pub report_count: usize,
}

fn has_wallet(state: &LabState) -> bool {
    state
        .wallet_address
        .as_deref()
        .is_some_and(|a| !a.is_empty())
}

/// The blockers for the next module, in the original's words.
pub fn blockers(state: &LabState, modules: &[ModuleInfo]) -> Vec<String> {
    let completed = state.completed_ids();
    let mut out = Vec::new();
    if !has_wallet(state) {
        out.push("No wallet yet — create one with: xrpl-lab wallet create".to_string());
    }
    if let Some(next) = catalog::next_module(modules, &completed) {
        let unmet: Vec<&str> = next
            .requires
            .iter()
            .map(String::as_str)
            .filter(|r| !completed.contains(r))
            .collect();
        if !unmet.is_empty() {
            let which = if unmet.len() == 1 { "that" } else { "those" };
            out.push(format!(
                "'{}' builds on {} — finish {which} first",
                next.id,
                unmet.join(", ")
            ));
        }
        if next.mode == "dry-run" {
            out.push(format!(
                "'{id}' runs offline — add --dry-run: xrpl-lab run {id} --dry-run",
                id = next.id
            ));
        }
    }
    out
}

/// Whether the blockers stop the learner (a wallet or prerequisite problem; the dry-run note does
/// not).
pub fn is_blocked(blockers: &[String]) -> bool {
    blockers.iter().any(|b| {
        let b = b.to_lowercase();
        b.contains("wallet") || b.contains("prerequisite")
    })
}

/// Progress per track, the ten tracks in canonical order, modules in load order.
pub fn track_progress(state: &LabState, modules: &[ModuleInfo]) -> Vec<TrackProgress> {
    let ordered = catalog::load_order(modules);
    TRACKS
        .iter()
        .map(|track| {
            let (completed, remaining): (Vec<String>, Vec<String>) = {
                let mut c = Vec::new();
                let mut r = Vec::new();
                for m in ordered.iter().filter(|m| m.track == *track) {
                    if state.is_completed(&m.id) {
                        c.push(m.id.clone());
                    } else {
                        r.push(m.id.clone());
                    }
                }
                (c, r)
            };
            let total = completed.len() + remaining.len();
            TrackProgress {
                track: track.to_string(),
                done: completed.len(),
                is_complete: remaining.is_empty() && total > 0,
                completed,
                remaining,
                total,
            }
        })
        .collect()
}

/// The learner's whole position. `network` is the classified endpoint network.
pub fn learner_status(
    state: &LabState,
    modules: &[ModuleInfo],
    ws: &Workspace,
    network: &str,
) -> LearnerStatus {
    let completed = state.completed_ids();
    let next = catalog::next_module(modules, &completed);
    let blockers = blockers(state, modules);
    let last = state
        .completed_modules
        .iter()
        .max_by(|a, b| a.completed_at.total_cmp(&b.completed_at));
    LearnerStatus {
        version: crate::VERSION.to_string(),
        wallet_address: state.wallet_address.clone().filter(|a| !a.is_empty()),
        network: network.to_string(),
        current_module: next.map(|m| m.id.clone()),
        current_track: next.map(|m| m.track.clone()),
        current_mode: next.map(|m| m.mode.clone()),
        completed_modules: completed.iter().map(|s| s.to_string()).collect(),
        completed_count: completed.len(),
        total_modules: modules.len(),
        is_blocked: is_blocked(&blockers),
        blockers,
        track_progress: track_progress(state, modules),
        last_activity: last.map(|m| clock::iso(m.completed_at)),
        last_module: last.map(|m| m.module_id.clone()),
        total_transactions: state.tx_index.len(),
        failed_transactions: state.tx_index.iter().filter(|t| !t.success).count(),
        has_proof_pack: ws.proof_pack_path().is_file(),
        has_certificate: ws.certificate_path().is_file(),
        report_count: report::count(ws),
    }
}

/// One recovery suggestion: the situation, the command that fixes it, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecoveryHint {
    pub situation: String,
    pub command: String,
    pub explanation: String,
}

fn hint(situation: String, command: String, explanation: &str) -> RecoveryHint {
    RecoveryHint {
        situation,
        command,
        explanation: explanation.to_string(),
    }
}

/// Recovery hints in the original's order. `camp_address` is the XRPL Camp wallet's address found
/// in the working directory, if any.
pub fn recovery_hints(
    state: &LabState,
    modules: &[ModuleInfo],
    ws: &Workspace,
    camp_address: Option<&str>,
) -> Vec<RecoveryHint> {
    let completed = state.completed_ids();
    let mut out = Vec::new();
    if !has_wallet(state) {
        out.push(hint(
            "No wallet yet".into(),
            "xrpl-lab wallet create".into(),
            "Your wallet signs your transactions and proves you control your address. \
             Its seed stays in an owner-only file in your home directory.",
        ));
    }
    if let Some(next) = catalog::next_module(modules, &completed) {
        if next.mode == "dry-run" {
            out.push(hint(
                format!("'{}' runs in offline sandbox", next.id),
                format!("xrpl-lab run {} --dry-run", next.id),
                "This module uses features the public test network does not offer here; \
                 the built-in sandbox ledger runs it offline.",
            ));
        }
        for req in next
            .requires
            .iter()
            .filter(|r| !completed.contains(&r.as_str()))
        {
            let dry = catalog::find(modules, req).is_some_and(|m| m.mode == "dry-run");
            out.push(hint(
                format!("'{}' needs '{req}' first", next.id),
                format!("xrpl-lab run {req}{}", if dry { " --dry-run" } else { "" }),
                "Modules build on each other; finish the prerequisite, then come back.",
            ));
        }
    }
    if let (Some(lab), Some(camp)) = (state.wallet_address.as_deref(), camp_address)
        && !lab.is_empty()
        && lab != camp
    {
        out.push(hint(
            "Camp and Lab wallets differ".into(),
            "xrpl-lab reset".into(),
            "Your XRPL Camp wallet is not the one the Lab uses. Reset (your wallet file is kept) \
             and run 'xrpl-lab start' to continue with the Camp identity.",
        ));
    }
    let recent = &state.tx_index[state.tx_index.len().saturating_sub(10)..];
    if recent.iter().filter(|t| !t.success).count() >= 3 {
        out.push(hint(
            "Several recent transaction failures".into(),
            "xrpl-lab doctor".into(),
            "Repeated failures usually mean a network, funding or configuration problem; \
             the doctor checks each one.",
        ));
    }
    let all_done = !modules.is_empty() && modules.iter().all(|m| state.is_completed(&m.id));
    if all_done && !ws.proof_pack_path().is_file() {
        out.push(hint(
            "All modules done — proof pack not yet exported".into(),
            "xrpl-lab proof-pack".into(),
            "Export your proof pack to share verifiable evidence of your work.",
        ));
    }
    out
}

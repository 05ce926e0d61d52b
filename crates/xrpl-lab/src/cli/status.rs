//! `xrpl-lab status [--json]`: where the learner stands — wallet, network, progress, the next
//! module and what blocks it, per-track progress, transactions and artifacts.

use std::path::PathBuf;
use std::process::ExitCode;

use anstream::println;
use owo_colors::OwoColorize;

use super::learner::{Learner, modules};
use crate::network;
use crate::workspace::status::{LearnerStatus, learner_status};
use crate::workspace::{LabState, ModuleInfo};

/// The status as every learner command computes it (endpoint network, not the recorded one).
pub(super) fn compute(
    learner: &Learner,
    state: &LabState,
    modules: &[ModuleInfo],
) -> LearnerStatus {
    let net = network::classify_network(&network::rpc_url_from_env()).as_str();
    learner_status(state, modules, &learner.ws, net)
}

pub fn run(dirs: &[PathBuf], json: bool) -> ExitCode {
    let learner = Learner::from_env();
    let state = match learner.state() {
        Ok(s) => s,
        Err(code) => return code,
    };
    let modules = match modules(dirs) {
        Ok(m) => m,
        Err(code) => return code,
    };
    let status = compute(&learner, &state, &modules);
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&status).unwrap_or_default()
        );
        return ExitCode::SUCCESS;
    }
    print_text(&status, &modules);
    ExitCode::SUCCESS
}

fn print_text(s: &LearnerStatus, modules: &[ModuleInfo]) {
    println!("{}", "Status".bold());
    match &s.wallet_address {
        Some(a) => println!("Wallet: {a}"),
        None => println!("Wallet: not created yet"),
    }
    println!("Network: {}", s.network);
    if std::env::var(network::RPC_URL_ENV).is_ok_and(|v| !v.is_empty()) {
        println!("RPC endpoint: {} (override)", network::rpc_url_from_env());
    }
    if std::env::var(network::FAUCET_URL_ENV).is_ok_and(|v| !v.is_empty()) {
        println!("Faucet: {} (override)", network::faucet_url_from_env());
    }
    println!(
        "Progress: {}/{} modules",
        s.completed_count, s.total_modules
    );
    match (&s.current_module, &s.current_track, &s.current_mode) {
        (Some(id), Some(track), Some(mode)) => {
            println!("Next up: {id}  ({track}, {mode})");
            if s.completed_count == 0 {
                println!("  Run xrpl-lab start to begin.");
            }
        }
        _ if !modules.is_empty() => println!("All modules completed!"),
        _ => {}
    }
    if !s.blockers.is_empty() {
        println!();
        let mark = if s.is_blocked { "✗" } else { "⚠" };
        for b in &s.blockers {
            println!("{} {b}", mark.yellow());
        }
    }
    println!();
    for t in s.track_progress.iter().filter(|t| t.total > 0) {
        let label = if t.is_complete {
            "✓ DONE  ".green().to_string()
        } else if t.done > 0 {
            "▸ ACTIVE".cyan().to_string()
        } else {
            "◌ TODO  ".dimmed().to_string()
        };
        println!("{label} {}: {}/{}", t.track, t.done, t.total);
    }
    if let (Some(id), Some(at)) = (&s.last_module, &s.last_activity) {
        println!("Last completed: {id} ({at})");
    }
    if s.total_transactions > 0 {
        println!(
            "Transactions: {} ({} ok, {} failed)",
            s.total_transactions,
            s.total_transactions - s.failed_transactions,
            s.failed_transactions
        );
    }
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let mut parts = Vec::new();
    if s.report_count > 0 {
        parts.push(format!("Reports: {}", s.report_count));
    }
    parts.push(format!("Proof pack: {}", yes_no(s.has_proof_pack)));
    parts.push(format!("Certificate: {}", yes_no(s.has_certificate)));
    println!("{}", parts.join("  |  "));
}

//! `xrpl-lab support-bundle [--json] [--verify FILE]`: what a facilitator needs to help, with no
//! secret in it. Also the builder `feedback` prints.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anstream::println;
use owo_colors::OwoColorize;
use serde_json::json;

use super::learner::{Learner, modules};
use crate::network;
use crate::workspace::support::{self, BundleInput, DoctorCheck};
use crate::workspace::{LabState, WalletFile, WorkspaceError, clock, load_state_from_path};

/// The offline checks the bundle carries: the wallet file and the state file, read without side
/// effects (a corrupt state is reported, not backed up again).
fn local_checks(learner: &Learner) -> (Vec<DoctorCheck>, LabState) {
    let check = |name: &str, passed: bool, detail: String, hint: &str| DoctorCheck {
        name: name.into(),
        passed,
        detail,
        hint: hint.into(),
    };
    let wallet = match WalletFile::load(&learner.home) {
        Ok(w) => check("Wallet", true, format!("Found: {}", w.address), ""),
        Err(WorkspaceError::NoWallet) => check(
            "Wallet",
            false,
            "Not found".into(),
            "Run: xrpl-lab wallet create",
        ),
        Err(_) => check(
            "Wallet",
            false,
            "File exists but unreadable".into(),
            "Try: xrpl-lab wallet create",
        ),
    };
    let path = learner.home.state_path();
    let (state_check, state) = if !path.exists() {
        (
            check(
                "State file",
                true,
                "No state yet (fresh install)".into(),
                "",
            ),
            LabState::default(),
        )
    } else {
        match load_state_from_path(&path) {
            Ok(s) => (
                check(
                    "State file",
                    true,
                    format!(
                        "v{}, {} module(s) completed",
                        s.version,
                        s.completed_modules.len()
                    ),
                    "",
                ),
                s,
            ),
            Err(WorkspaceError::StateCorrupt { .. }) => (
                check(
                    "State file",
                    false,
                    "Corrupted JSON".into(),
                    "Run: xrpl-lab reset",
                ),
                LabState::default(),
            ),
            Err(_) => (
                check(
                    "State file",
                    false,
                    "Unreadable".into(),
                    "Check file permissions",
                ),
                LabState::default(),
            ),
        }
    };
    (vec![wallet, state_check], state)
}

/// Builds the bundle in the requested form.
pub(super) fn build(dirs: &[PathBuf], markdown: bool) -> Result<String, ExitCode> {
    let learner = Learner::from_env();
    let modules = modules(dirs)?;
    let (checks, state) = local_checks(&learner);
    let status = super::status::compute(&learner, &state, &modules);
    let rpc = network::rpc_url_from_env();
    let faucet = network::faucet_url_from_env();
    let input = BundleInput {
        learner: &status,
        state: &state,
        rpc_url: &rpc,
        faucet_url: &faucet,
        doctor_checks: &checks,
        now: clock::now_ts(),
    };
    Ok(if markdown {
        support::bundle_markdown(&input)
    } else {
        serde_json::to_string_pretty(&support::bundle_json(&input)).unwrap_or_default()
    })
}

pub fn run(dirs: &[PathBuf], json: bool, verify: Option<&Path>) -> ExitCode {
    if let Some(file) = verify {
        return verify_file(file, json);
    }
    match build(dirs, !json) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

fn verify_file(file: &Path, json: bool) -> ExitCode {
    let result = match std::fs::read(file) {
        Err(e) => Err(format!("Could not read support bundle ({:?}).", e.kind())),
        Ok(bytes) => support::verify_bundle(&String::from_utf8_lossy(&bytes)),
    };
    let (valid, message) = match &result {
        Ok(m) => (true, m.clone()),
        Err(m) => (false, m.clone()),
    };
    if json {
        println!("{}", json!({"valid": valid, "message": message}));
    } else if valid {
        println!("  {} {message}", "✅ PASS —".green().bold());
    } else {
        println!("  {} {message}", "❌ FAIL —".red().bold());
    }
    if valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

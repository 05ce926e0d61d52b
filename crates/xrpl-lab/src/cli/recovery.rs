//! `xrpl-lab recovery`: what is in the learner's way, each with the command that clears it.

use std::path::PathBuf;
use std::process::ExitCode;

use anstream::println;
use owo_colors::OwoColorize;

use super::learner::{Learner, modules};
use crate::workspace::WalletFile;
use crate::workspace::status::recovery_hints;

/// The XRPL Camp wallet's address in the working directory, if there is one.
fn camp_address() -> Option<String> {
    WalletFile::load_from(std::path::Path::new(".xrpl-camp/wallet.json"))
        .ok()
        .map(|w| w.address)
}

pub fn run(dirs: &[PathBuf]) -> ExitCode {
    let learner = Learner::from_env();
    let state = match learner.state() {
        Ok(s) => s,
        Err(code) => return code,
    };
    let modules = match modules(dirs) {
        Ok(m) => m,
        Err(code) => return code,
    };
    let hints = recovery_hints(&state, &modules, &learner.ws, camp_address().as_deref());
    if hints.is_empty() {
        println!("No known blockers found.");
        println!(
            "Next: run xrpl-lab start to see your next module, or xrpl-lab status for detailed progress."
        );
        return ExitCode::SUCCESS;
    }
    println!("{}", "Recovery".bold());
    for h in hints {
        println!("  {} {}", "⚠".yellow(), h.situation);
        println!("    {}", h.command.cyan());
        println!("    {}", h.explanation);
    }
    ExitCode::SUCCESS
}

//! `xrpl-lab reset [--module ID] [--yes]`: start over (state and workspace), or forget one module
//! (its completion, its transaction rows and its report). The wallet is always kept. Without
//! `--yes` the learner must type the exact confirmation word.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use anstream::{eprintln, print, println};
use clap::Args;
use owo_colors::OwoColorize;

use super::learner::{Learner, modules, report};
use crate::curriculum::normalize_id;

#[derive(Debug, Clone, Args)]
pub struct ResetArgs {
    /// Reset only this module (its completion, transaction rows and report).
    #[arg(long = "module", value_name = "ID")]
    pub module: Option<String>,
    /// Do not ask for confirmation.
    #[arg(long, alias = "confirm")]
    pub yes: bool,
    /// Kept for compatibility: the wallet is always preserved.
    #[arg(long, hide = true)]
    pub keep_wallet: bool,
}

/// Prompts and reads one line; `None` on end of input.
fn ask(prompt: &str) -> Option<String> {
    print!("{prompt}");
    let _ = std::io::Write::flush(&mut std::io::stdout());
    let mut line = String::new();
    match std::io::stdin().lock().read_line(&mut line) {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(line.trim().to_string()),
    }
}

pub fn run(dirs: &[PathBuf], args: &ResetArgs) -> ExitCode {
    let learner = Learner::from_env();
    match &args.module {
        Some(raw) => reset_module(dirs, &learner, &normalize_id(raw), args.yes),
        None => reset_all(&learner, args.yes),
    }
}

fn reset_all(learner: &Learner, yes: bool) -> ExitCode {
    println!("This will delete:");
    println!("  - your progress (state file: completed modules and transaction history)");
    println!("  - the workspace ./.xrpl-lab (reports, proof packs, certificates, audit packs)");
    println!("Your wallet is preserved. Run 'xrpl-lab wallet show' to see it afterwards.");
    if !yes {
        match ask("Type 'RESET' to confirm: ") {
            None => {
                println!("Cancelled.");
                return ExitCode::SUCCESS;
            }
            Some(answer) if answer != "RESET" => {
                println!("Cancelled. (Must type exactly: RESET)");
                return ExitCode::SUCCESS;
            }
            Some(_) => {}
        }
    }
    match learner.store.reset_all(&learner.ws) {
        Ok(()) => {
            println!("{}", "State and workspace cleared.".green());
            ExitCode::SUCCESS
        }
        Err(e) => report(e),
    }
}

fn reset_module(dirs: &[PathBuf], learner: &Learner, id: &str, yes: bool) -> ExitCode {
    let modules = match modules(dirs) {
        Ok(m) => m,
        Err(code) => return code,
    };
    if !modules.iter().any(|m| m.id == id) {
        let mut ids: Vec<&str> = modules.iter().map(|m| m.id.as_str()).collect();
        ids.sort_unstable();
        eprintln!("Unknown module ID: '{id}'.");
        eprintln!("  Available: {}", ids.join(", "));
        return ExitCode::from(2);
    }
    if !yes {
        match ask(&format!("Type '{id}' to confirm: ")) {
            None => {
                println!("Cancelled.");
                return ExitCode::SUCCESS;
            }
            Some(answer) if answer != id => {
                println!("Cancelled. (Must type exactly: {id})");
                return ExitCode::SUCCESS;
            }
            Some(_) => {}
        }
    }
    match learner.store.reset_module(&learner.ws, id) {
        Ok(r) => {
            println!(
                "Module '{id}' reset. Cleared {} tx record(s); report removed: {}.",
                r.tx_records_cleared,
                if r.report_removed { "True" } else { "False" }
            );
            ExitCode::SUCCESS
        }
        Err(e) => report(e),
    }
}

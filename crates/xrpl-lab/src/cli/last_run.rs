//! `xrpl-lab last-run`: the last strategy run and the audit command that verifies it.

use std::path::Path;
use std::process::ExitCode;

use anstream::println;
use owo_colors::OwoColorize;

use super::learner::Learner;
use crate::workspace::last_run::{self, LastRun};

pub fn run() -> ExitCode {
    let learner = Learner::from_env();
    let meta = match last_run::read(&learner.ws) {
        LastRun::None => {
            println!("No last run found. Run a strategy module first.");
            return ExitCode::SUCCESS;
        }
        LastRun::Unreadable => {
            println!("Last run data is unreadable. Try running a module first.");
            return ExitCode::SUCCESS;
        }
        LastRun::Found(m) => m,
    };
    println!("{}", "Last Run".bold());
    println!("  Module:    {}", meta.module);
    println!("  Run ID:    {}", meta.run_id);
    println!("  Timestamp: {}", meta.timestamp);
    println!("  TX count:  {}", meta.txid_count);
    if !meta.preset.is_empty() {
        println!("  Preset:    {}", meta.preset);
    }
    let mut cmd = "xrpl-lab audit --txids .xrpl-lab/last_run_txids.txt".to_string();
    let preset = format!("presets/{}.json", meta.preset);
    if !meta.preset.is_empty() && Path::new(&preset).is_file() {
        cmd.push_str(&format!(" --expect {preset}"));
    }
    println!();
    println!("  Verify with:");
    println!("    {}", cmd.cyan());
    ExitCode::SUCCESS
}

//! `xrpl-lab start [--dry-run]`: where a learner begins: the network, every module with what is
//! done, the next module and why it matters, and an offer to run it now.

use std::collections::BTreeSet;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::run::RunArgs;
use crate::curriculum::{Catalog, next_module};
use crate::lab_error::LabError;
use crate::workspace::LearnerFiles;

#[derive(Debug, Args)]
pub struct StartArgs {
    /// Run on the workspace's offline sandbox ledger.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: StartArgs, module_dirs: &[PathBuf]) -> ExitCode {
    let catalog = match Catalog::load(module_dirs) {
        Ok(c) => c,
        Err(e) => {
            super::print_error(&LabError::from(e));
            return ExitCode::from(1);
        }
    };
    let files = LearnerFiles::resolve(None, None);
    let completed: BTreeSet<String> = match files.state.load() {
        Ok(state) => state
            .completed_ids()
            .into_iter()
            .map(String::from)
            .collect(),
        Err(e) => {
            super::print_error(&e.to_lab_error());
            return ExitCode::from(1);
        }
    };
    println!("XRPL Lab v{}", crate::VERSION);
    println!("Learn by doing, prove by artifact.\n");
    if args.dry_run {
        println!("Network: dry-run (offline sandbox ledger: real rules, no internet needed)");
    } else {
        println!("Network: XRPL Testnet");
    }
    if catalog.is_empty() {
        println!("No modules found. Check --modules, or run 'xrpl-lab lint'.");
        return ExitCode::from(1);
    }
    println!("\nAvailable modules:");
    for m in catalog.modules() {
        let mark = if completed.contains(&m.id) {
            "✓ done"
        } else {
            "◌ todo"
        };
        let only = if m.mode == "dry-run" {
            " (dry-run only)"
        } else {
            ""
        };
        println!(
            "  {mark} {} — {}  [{}, ~{}]{only}",
            m.id, m.title, m.level, m.time
        );
    }
    let Some(next) = next_module(&catalog, &completed) else {
        println!("\nAll modules completed! Run 'xrpl-lab proof-pack' to export.");
        return ExitCode::SUCCESS;
    };
    println!("\nNext up: {}", next.title);
    println!("  {}", next.summary);
    println!(
        "  Track: {}  |  Mode: {}  |  ~{}",
        next.track, next.mode, next.time
    );
    if !next.requires.is_empty() {
        println!("  Requires: {}", next.requires.join(", "));
    }
    print!("\nStart this module? [Y/n] ");
    let _ = std::io::Write::flush(&mut std::io::stdout());
    let mut answer = String::new();
    match std::io::stdin().lock().read_line(&mut answer) {
        Ok(0) | Err(_) => {
            println!("\nBye!");
            ExitCode::SUCCESS
        }
        Ok(_) if matches!(answer.trim().to_lowercase().as_str(), "" | "y" | "yes") => {
            let run = RunArgs {
                module: next.id.clone(),
                dry_run: args.dry_run,
                yes: false,
            };
            super::run::run(run, module_dirs)
        }
        Ok(_) => {
            println!("When you're ready: xrpl-lab run {}", next.id);
            ExitCode::SUCCESS
        }
    }
}

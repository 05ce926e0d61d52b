//! `xrpl-lab run MODULE [--dry-run] [--yes]`: runs one module in the terminal.
//!
//! The same runner the server uses, with the terminal as its sink. Pauses between steps only
//! when stdin is a terminal and `--yes` is not given, so scripts and CI never hang. Exit code 0
//! when the module completed, 1 when a step failed or the run stopped, 2 for usage errors.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use clap::Args as ClapArgs;
use tokio_util::sync::CancellationToken;

use crate::curriculum::Catalog;
use crate::lab_error::LabError;
use crate::runner::run::{RunOptions, run_module};
use crate::runner::terminal::TerminalSink;
use crate::runner::{EventSink, RunEvent, RunOutcome};
use crate::transport::Transport;
use crate::workspace::LearnerFiles;

#[derive(Debug, ClapArgs)]
pub struct RunArgs {
    /// The module to run (e.g. `trust_lines_101`; `trust-lines-101` works too).
    pub module: String,
    /// Run on the built-in sandbox ledger (offline).
    #[arg(long)]
    pub dry_run: bool,
    /// Don't pause between steps.
    #[arg(long, short)]
    pub yes: bool,
}

pub fn run(args: RunArgs, module_dirs: &[PathBuf]) -> ExitCode {
    match execute(args, module_dirs) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => {
            super::print_error(&err);
            ExitCode::from(1)
        }
    }
}

fn execute(args: RunArgs, module_dirs: &[PathBuf]) -> Result<bool, LabError> {
    let catalog = Catalog::load(module_dirs).map_err(LabError::from)?;
    let module = catalog.require(&args.module).map_err(LabError::from)?;
    let files = LearnerFiles::resolve(None, None);
    let dry_run = args.dry_run || module.mode == "dry-run";
    if module.mode == "dry-run" && !args.dry_run {
        eprintln!(
            "Note: '{}' runs on the sandbox only; using --dry-run.",
            module.id
        );
    }
    let transport = Transport::for_learner(dry_run, &files.workspace)?;
    let options = RunOptions {
        dry_run,
        step_delay: std::time::Duration::ZERO,
        interactive: !args.yes && std::io::stdin().is_terminal(),
    };

    let terminal = Arc::new(Mutex::new(TerminalSink::new()));
    let printer = Arc::clone(&terminal);
    let sink: EventSink = Arc::new(move |event: RunEvent| {
        if let Ok(mut t) = printer.lock() {
            t.emit(&event);
        }
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|_| {
            LabError::new(
                "RUNTIME_INTERNAL",
                "Could not start the async runtime.",
                "Run 'xrpl-lab doctor'.",
            )
        })?;
    let cancel = CancellationToken::new();
    let outcome = runtime.block_on(async {
        let ctrl_c = cancel.clone();
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                ctrl_c.cancel();
            }
        });
        run_module(
            module,
            &transport,
            &files,
            &options,
            Arc::clone(&sink),
            cancel,
        )
        .await
    });
    let final_event = match &outcome {
        RunOutcome::Completed {
            success,
            txids,
            report_path,
        } => RunEvent::Complete {
            success: *success,
            txids: txids.clone(),
            report_path: report_path.clone(),
        },
        RunOutcome::Failed(err) => RunEvent::error(err),
        RunOutcome::Cancelled => RunEvent::Output {
            text: "Module interrupted.".into(),
        },
    };
    sink(final_event);
    Ok(matches!(
        outcome,
        RunOutcome::Completed { success: true, .. }
    ))
}

//! Running one module: its steps in order, each step's action against the transport, events
//! out to the sink, the report and the completion record at the end.
//!
//! Outcome rules (DESIGN.md; the original called a run with a failed step "completed"):
//! - a step whose action errors aborts the run: `Completed { success: false }` (public `failed`);
//! - a transaction that fails in a step that did not expect it also makes the run unsuccessful,
//!   though the remaining steps still run (what happened next is part of the lesson);
//! - expected-failure steps (`*_expect_fail`, `submit_payment_fail`) succeed when they fail;
//! - cancellation is checked at every await (the action future is dropped there); state on disk
//!   is only ever replaced atomically, so a cancelled run leaves it consistent.

use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::context::RunContext;
use super::{EventSink, RunEvent, RunOutcome};
use crate::actions::{self, ActionCx};
use crate::blocking::on_blocking_pool;
use crate::curriculum::module::Module;
use crate::lab_error::LabError;
use crate::transport::{LedgerClient, Transport};
use crate::workspace::LearnerFiles;
use crate::workspace::report::ModuleReport;

/// How a run is paced and reported.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub dry_run: bool,
    /// Pause after each step (projector pacing; tests use it to hold runs open).
    pub step_delay: Duration,
    /// Wait for Enter between steps (the CLI on a terminal without `--yes`).
    pub interactive: bool,
}

/// Actions whose failure is the lesson.
fn expects_failure(action: &str) -> bool {
    action.ends_with("_expect_fail") || action == "submit_payment_fail"
}

/// Whether an action's step goes into the module report (setup actions do not), as the
/// curriculum's action registry declares it.
fn reportable(action: &str) -> bool {
    crate::curriculum::registry()
        .get(action)
        .is_none_or(|spec| spec.reportable)
}

/// Runs `module` to its end (or until `cancel` fires), reporting through `sink`.
pub async fn run_module(
    module: &Module,
    transport: &Transport,
    files: &LearnerFiles,
    options: &RunOptions,
    sink: EventSink,
    cancel: CancellationToken,
) -> RunOutcome {
    let emit = |event: RunEvent| sink(event);
    let say = |text: String| sink(RunEvent::Output { text });

    // Refuse before touching anything when the module needs what this build cannot do yet.
    let unsupported: Vec<&str> = module
        .actions()
        .map(|a| a.name.as_str())
        .filter(|name| !actions::is_supported(name))
        .collect();
    if !unsupported.is_empty() {
        return RunOutcome::Failed(LabError::new(
            "DEP_ACTION_UNSUPPORTED",
            format!(
                "Module '{}' needs actions this build cannot run yet: {}.",
                module.id,
                unsupported.join(", ")
            ),
            "Run 'xrpl-lab list' to see the modules this build runs end to end.",
        ));
    }
    let state = {
        let store = files.state.clone();
        match on_blocking_pool(move || store.load()).await {
            Ok(Ok(state)) => state,
            Ok(Err(e)) => return RunOutcome::Failed(e.to_lab_error()),
            Err(e) => return RunOutcome::Failed(e),
        }
    };
    let unmet: Vec<&String> = module
        .requires
        .iter()
        .filter(|r| !state.is_completed(r))
        .collect();
    if !unmet.is_empty() {
        say("Note: this module builds on modules you have not completed yet:".into());
        for id in &unmet {
            say(format!("  - {id}"));
        }
        say("It runs anyway; those modules explain what this one assumes.".into());
    }

    say(format!(
        "{}  [{}, ~{}]",
        module.title, module.level, module.time
    ));
    if options.dry_run {
        say("Sandbox ledger (offline): real rules, real signatures, no internet needed.".into());
    }

    let run_id = crate::workspace::clock::file_stamp(crate::workspace::clock::now_ts());
    let mut run = RunContext::new(&module.id, run_id, options.dry_run);
    let mut report = ModuleReport::new(&module.title);
    let mut all_ok = true;
    let total = module.steps.len();

    for (index, step) in module.steps.iter().enumerate() {
        say(step.text.trim().to_string());
        let Some(action) = &step.action else {
            if !pace(options, &cancel).await {
                return RunOutcome::Cancelled;
            }
            continue;
        };
        emit(RunEvent::Step {
            action: action.name.clone(),
            index,
            total,
        });
        say(format!("  → {}...", action.name));
        run.last_verify.clear();
        let failed_before = run.failed.len();
        let executed = {
            let mut cx = ActionCx {
                client: LedgerClient::new(transport),
                run: &mut run,
                files,
                sink: &sink,
            };
            tokio::select! {
                biased;
                _ = cancel.cancelled() => return RunOutcome::Cancelled,
                result = actions::execute(&action.name, &action.args, &mut cx) => result,
            }
        };
        if let Err(err) = executed {
            say(format!("Step failed: {}", err.code));
            say(format!("  {}", err.message));
            say(format!("  Hint: {}", err.hint));
            say(format!(
                "Progress saved. You can resume with: xrpl-lab run {}",
                module.id
            ));
            emit(RunEvent::StepComplete {
                action: action.name.clone(),
                success: false,
            });
            return RunOutcome::Completed {
                success: false,
                txids: run.txids.clone(),
                report_path: String::new(),
            };
        }
        let new_failures = run.failed.len() > failed_before;
        let step_ok = if expects_failure(&action.name) {
            true
        } else {
            !new_failures
        };
        all_ok &= step_ok;
        emit(RunEvent::StepComplete {
            action: action.name.clone(),
            success: step_ok,
        });
        if reportable(&action.name) {
            report.section(
                format!("Step {}: {}", index + 1, first_line(&step.text)),
                step_report(&action.name, &run),
            );
        }
        if options.interactive && index + 1 < total && !wait_for_enter(&cancel).await {
            say("Module interrupted.".into());
            return RunOutcome::Completed {
                success: false,
                txids: run.txids.clone(),
                report_path: String::new(),
            };
        }
        if !pace(options, &cancel).await {
            return RunOutcome::Cancelled;
        }
    }

    let (id, files, say_later) = (module.id.clone(), files.clone(), Arc::clone(&sink));
    let finished = on_blocking_pool(move || {
        let say = |text: String| say_later(RunEvent::Output { text });
        finish(&id, &files, &run, report, all_ok, &say)
    })
    .await;
    finished.unwrap_or_else(RunOutcome::Failed)
}

/// Writes the report and, on success, records the completion.
fn finish(
    module_id: &str,
    files: &LearnerFiles,
    run: &RunContext,
    mut report: ModuleReport,
    success: bool,
    say: &dyn Fn(String),
) -> RunOutcome {
    report.section(
        "Summary",
        format!(
            "Transactions: {} successful, {} failed",
            run.txids.len(),
            run.failed.len()
        ),
    );
    for txid in &run.txids {
        report.section("Transaction", format!("TXID: `{txid}`"));
    }
    let now = crate::workspace::clock::now_ts();
    let path = match report.write(&files.workspace, module_id, now) {
        Ok(path) => path,
        Err(e) => return RunOutcome::Failed(e.to_lab_error()),
    };
    let report_path = path.display().to_string();
    if success {
        let txids = run.txids.clone();
        let recorded = files.state.update(|state| {
            state.mark_completed(module_id, txids, Some(report_path.clone()), now);
        });
        if recorded.is_err() {
            say(format!(
                "Warning: '{}' ran and its report was saved, but recording completion in state failed. Re-run to record it: xrpl-lab run {}",
                module_id, module_id
            ));
        }
    }
    RunOutcome::Completed {
        success,
        txids: run.txids.clone(),
        report_path,
    }
}

/// Waits the configured step delay (projector pacing); false when cancelled meanwhile.
async fn pace(options: &RunOptions, cancel: &CancellationToken) -> bool {
    if options.step_delay.is_zero() {
        return !cancel.is_cancelled();
    }
    tokio::select! {
        biased;
        _ = cancel.cancelled() => false,
        _ = tokio::time::sleep(options.step_delay) => true,
    }
}

/// Prompts and waits for Enter; false on end of input (Ctrl-D) or cancellation.
async fn wait_for_enter(cancel: &CancellationToken) -> bool {
    use std::io::Write;
    print!("Press Enter to continue...");
    let _ = std::io::stdout().flush();
    let read = tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        matches!(std::io::stdin().read_line(&mut line), Ok(n) if n > 0)
    });
    tokio::select! {
        _ = cancel.cancelled() => false,
        read = read => read.unwrap_or(false),
    }
}

fn first_line(text: &str) -> String {
    let line = text
        .lines()
        .map(|l| l.trim().trim_matches('*').trim())
        .find(|l| !l.is_empty())
        .unwrap_or("");
    line.chars().take(100).collect()
}

fn step_report(action: &str, run: &RunContext) -> String {
    let mut lines = vec![format!("Action: `{action}`")];
    if !run.txids.is_empty() {
        lines.push(format!("Transactions: {}", run.txids.len()));
        for txid in run.txids.iter().rev().take(3).rev() {
            lines.push(format!("- TXID: `{txid}`"));
        }
    }
    if let Some(last) = &run.last_submit {
        if !last.result_code.is_empty() {
            lines.push(format!("Result code: `{}`", last.result_code));
        }
    }
    for check in run.last_verify.iter().take(3) {
        lines.push(format!("- ✓ {check}"));
    }
    lines.join("\n")
}

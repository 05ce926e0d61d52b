//! `ModuleWalk`: a minimal, honest [`RunLauncher`] that `serve` uses until the real runner lands.
//!
//! It executes nothing. It walks the step list it was given, reports each step the way the real
//! runner will (`output` with the step text, then `step` / `output` / `step_complete` for a step
//! with an action), says plainly that the action is not supported by this build, and completes
//! with `success: false` if any action was skipped. It honours the step delay (so tests and demos
//! can hold runs open) and stops at the next step when cancelled.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;
use tokio_util::sync::CancellationToken;

use super::{EventSink, RunEvent, RunLauncher, RunOutcome, RunRequest};

/// One step: its text, and the action it runs (if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkStep {
    pub text: String,
    pub action: Option<String>,
}

/// A module as the walk needs it: an id and its steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkModule {
    pub id: String,
    pub steps: Vec<WalkStep>,
}

/// The launcher. Module ids are matched canonically (`trust-lines-101` finds `trust_lines_101`).
#[derive(Debug, Clone, Default)]
pub struct ModuleWalk {
    modules: Arc<HashMap<String, WalkModule>>,
    step_delay: Duration,
}

/// Canonical module id: the hyphenated form normalised to snake_case.
pub fn canonical_module_id(id: &str) -> String {
    id.trim().replace('-', "_")
}

impl ModuleWalk {
    pub fn new(modules: Vec<WalkModule>, step_delay: Duration) -> Self {
        let modules = modules
            .into_iter()
            .map(|m| (canonical_module_id(&m.id), m))
            .collect();
        Self {
            modules: Arc::new(modules),
            step_delay,
        }
    }

    /// Reads every `*.md` module in `dir` (front-matter `id`, `## Step`/`## Checkpoint` headings,
    /// the first `<!-- action: NAME … -->` of each step). A stand-in for the curriculum loader,
    /// tolerant by design: files it cannot read are skipped.
    pub fn load_dir(dir: &Path) -> std::io::Result<Vec<WalkModule>> {
        let mut modules = Vec::new();
        let mut paths: Vec<_> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        paths.sort();
        for path in paths {
            if let Ok(text) = std::fs::read_to_string(&path)
                && let Some(module) = parse_module(&text)
            {
                modules.push(module);
            }
        }
        Ok(modules)
    }
}

fn parse_module(text: &str) -> Option<WalkModule> {
    let rest = text.strip_prefix("---")?;
    let (front, body) = rest.split_once("\n---")?;
    let id = front
        .lines()
        .find_map(|l| l.strip_prefix("id:"))
        .map(|v| v.trim().trim_matches(['"', '\'']).to_string())
        .filter(|id| !id.is_empty())?;
    let body = body.split_once('\n').map_or("", |(_, b)| b);
    let mut steps: Vec<WalkStep> = Vec::new();
    let mut current = String::new();
    let is_header = |l: &str| {
        l.strip_prefix("##")
            .filter(|r| r.starts_with(char::is_whitespace))
            .map(str::trim_start)
            .is_some_and(|r| r.starts_with("Step ") || r.starts_with("Checkpoint"))
    };
    let flush = |text: &str, steps: &mut Vec<WalkStep>| {
        let text = text.trim();
        if !text.is_empty() {
            steps.push(WalkStep {
                text: text.to_string(),
                action: first_action(text),
            });
        }
    };
    for line in body.lines() {
        if is_header(line) {
            flush(&current, &mut steps);
            current.clear();
        }
        current.push_str(line);
        current.push('\n');
    }
    flush(&current, &mut steps);
    Some(WalkModule { id, steps })
}

fn first_action(step: &str) -> Option<String> {
    let after = step.split("<!--").skip(1).find_map(|c| {
        c.trim_start()
            .strip_prefix("action:")
            .map(|r| r.trim_start().to_string())
    })?;
    let name: String = after
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

impl RunLauncher for ModuleWalk {
    fn resolve_module(&self, module_id: &str) -> Option<String> {
        let id = canonical_module_id(module_id);
        self.modules.contains_key(&id).then_some(id)
    }

    fn launch(
        &self,
        request: RunRequest,
        sink: EventSink,
        cancel: CancellationToken,
    ) -> BoxFuture<'static, RunOutcome> {
        let module = self.modules.get(&request.module_id).cloned();
        let delay = self.step_delay;
        Box::pin(async move {
            let Some(module) = module else {
                return RunOutcome::Failed(crate::lab_error::LabError::new(
                    "INPUT_MODULE_NOT_FOUND",
                    format!("Module '{}' not found.", request.module_id),
                    "Run 'xrpl-lab list' to see available modules.",
                ));
            };
            let total = module.steps.len();
            let mut skipped = 0;
            for (index, step) in module.steps.iter().enumerate() {
                if !delay.is_zero() {
                    tokio::select! {
                        _ = cancel.cancelled() => return RunOutcome::Cancelled,
                        _ = tokio::time::sleep(delay) => {}
                    }
                }
                if cancel.is_cancelled() {
                    return RunOutcome::Cancelled;
                }
                sink(RunEvent::Output {
                    text: step.text.clone(),
                });
                if let Some(action) = &step.action {
                    sink(RunEvent::Step {
                        action: action.clone(),
                        index,
                        total,
                    });
                    sink(RunEvent::Output {
                        text: format!("action {action} is not yet supported by this build"),
                    });
                    sink(RunEvent::StepComplete {
                        action: action.clone(),
                        success: false,
                    });
                    skipped += 1;
                }
            }
            RunOutcome::Completed {
                success: skipped == 0,
                txids: Vec::new(),
                report_path: String::new(),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    const MODULE: &str = "---\nid: trust_lines_101\ntitle: T\n---\nIntro text.\n\n\
        ## Step 1: Wallet\n<!-- action: ensure_wallet -->\n\n## Step 2: Read\nJust read.\n\n\
        ## Checkpoint: Done\nYou did it.\n";

    #[test]
    fn parses_steps_and_first_actions() {
        let m = parse_module(MODULE).unwrap();
        assert_eq!(m.id, "trust_lines_101");
        let actions: Vec<_> = m.steps.iter().map(|s| s.action.as_deref()).collect();
        assert_eq!(actions, [None, Some("ensure_wallet"), None, None]);
    }

    #[tokio::test]
    async fn walks_every_step_and_reports_unsupported_actions() {
        let walk = ModuleWalk::new(vec![parse_module(MODULE).unwrap()], Duration::ZERO);
        assert_eq!(
            walk.resolve_module("trust-lines-101").as_deref(),
            Some("trust_lines_101")
        );
        assert_eq!(walk.resolve_module("nope"), None);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let s = seen.clone();
        let sink: EventSink = Arc::new(move |e| s.lock().unwrap().push(e));
        let request = RunRequest {
            module_id: "trust_lines_101".into(),
            dry_run: true,
            learner: None,
        };
        let outcome = walk.launch(request, sink, CancellationToken::new()).await;
        assert!(matches!(
            outcome,
            RunOutcome::Completed { success: false, .. }
        ));
        let seen = seen.lock().unwrap();
        assert!(seen.contains(&RunEvent::Step {
            action: "ensure_wallet".into(),
            index: 1,
            total: 4
        }));
        assert!(seen.iter().any(|e| matches!(e, RunEvent::Output { text }
            if text == "action ensure_wallet is not yet supported by this build")));
    }

    #[tokio::test]
    async fn stops_when_cancelled() {
        let walk = ModuleWalk::new(vec![parse_module(MODULE).unwrap()], Duration::from_secs(60));
        let cancel = CancellationToken::new();
        let request = RunRequest {
            module_id: "trust_lines_101".into(),
            dry_run: true,
            learner: None,
        };
        let run = walk.launch(request, Arc::new(|_| {}), cancel.clone());
        cancel.cancel();
        assert_eq!(run.await, RunOutcome::Cancelled);
    }
}

//! `ModuleWalk`: a minimal, honest [`RunLauncher`] that `serve` uses until the real runner lands.
//!
//! It executes nothing. It walks the step list it was given, reports each step the way the real
//! runner will (`output` with the step text, then `step` / `output` / `step_complete` for a step
//! with an action), says plainly that the action is not supported by this build, and completes
//! with `success: false` if any action was skipped. It honours the step delay (so tests and demos
//! can hold runs open) and stops at the next step when cancelled.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;
use tokio_util::sync::CancellationToken;

use super::{EventSink, RunEvent, RunLauncher, RunOutcome, RunRequest};
use crate::curriculum::{Catalog, normalize_id};

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

impl ModuleWalk {
    pub fn new(modules: Vec<WalkModule>, step_delay: Duration) -> Self {
        let modules = modules
            .into_iter()
            .map(|m| (normalize_id(&m.id), m))
            .collect();
        Self {
            modules: Arc::new(modules),
            step_delay,
        }
    }

    /// The walk over every module of a loaded curriculum.
    pub fn from_catalog(catalog: &Catalog, step_delay: Duration) -> Self {
        let modules = catalog
            .modules()
            .iter()
            .map(|m| WalkModule {
                id: m.id.clone(),
                steps: m
                    .steps
                    .iter()
                    .map(|s| WalkStep {
                        text: s.text.clone(),
                        action: s.action.as_ref().map(|a| a.name.clone()),
                    })
                    .collect(),
            })
            .collect();
        Self::new(modules, step_delay)
    }
}

impl RunLauncher for ModuleWalk {
    fn resolve_module(&self, module_id: &str) -> Option<String> {
        let id = normalize_id(module_id);
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

    const MODULE: &str = "---\nid: trust_lines_101\ntitle: T\ntime: 5 min\nlevel: beginner\n\
        track: tokens\nsummary: S\n---\nIntro text.\n\n\
        ## Step 1: Wallet\n<!-- action: ensure_wallet -->\n\n## Step 2: Read\nJust read.\n\n\
        ## Checkpoint: Done\nYou did it.\n";

    fn walk(delay: Duration) -> ModuleWalk {
        let module = crate::curriculum::parse::parse_module(MODULE, "t.md").unwrap();
        ModuleWalk::from_catalog(&Catalog::from_modules(vec![module]), delay)
    }

    #[tokio::test]
    async fn walks_every_step_and_reports_unsupported_actions() {
        let walk = walk(Duration::ZERO);
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
        let walk = walk(Duration::from_secs(60));
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

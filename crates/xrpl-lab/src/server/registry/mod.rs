//! The `RunRegistry`: the one owner of every run's lifecycle.
//!
//! - **Admission.** A run takes a slot under the cap with one atomic compare-and-swap, before
//!   anything else happens, so N simultaneous starts admit exactly the free slots.
//! - **Driving.** Each run gets a task that drives the [`RunLauncher`] with a sink into the run's
//!   event log and a cancellation token, then writes the terminal frame from the outcome.
//! - **Ending.** The task, a facilitator's cancel, and shutdown all end a run through
//!   [`Run::finish`], which only the first caller gets to do; the slot is released there, once.
//! - **Pruning.** Every ended run is removed after the grace window, whether or not anyone ever
//!   watched it, so the list settles back to the active runs.

mod event_log;
mod run;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

use tokio_util::task::TaskTracker;
use uuid::Uuid;

pub use event_log::{Appended, EventLog};
pub use run::{Batch, Follower, Run, RunInfo, RunStatus, rfc3339_millis};

use crate::lab_error::LabError;
use crate::runner::{EventSink, RunEvent, RunLauncher, RunOutcome, RunRequest};
use crate::server::metrics::Metrics;

/// How long a launcher may take to unwind after its cancellation token fires before its future
/// is dropped anyway. The run is already marked cancelled (and its slot free) before this starts.
const CANCEL_UNWIND: Duration = Duration::from_secs(5);

/// How the registry is tuned (from [`crate::server::ServeConfig`]).
#[derive(Debug, Clone)]
pub struct RegistryConfig {
    pub max_concurrent: usize,
    pub grace: Duration,
    pub event_log_capacity: usize,
    pub run_timeout: Duration,
}

/// Why a run was not started.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StartError {
    #[error("all {max} run slots are in use")]
    AtCapacity { max: usize, active: usize },
    #[error("module {0:?} not found")]
    UnknownModule(String),
    #[error("the server is shutting down")]
    ShuttingDown,
}

/// What a cancel did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelOutcome {
    /// The run was running and is now cancelled.
    Cancelled,
    /// The run had already ended with this status; nothing changed.
    AlreadyTerminated(RunStatus),
}

/// The cancel frame a facilitator's Kill produces (the original's texts).
pub fn cancelled_by_facilitator() -> LabError {
    LabError::new(
        "RUNTIME_CANCELLED",
        "Run cancelled by facilitator.",
        "Restart the run when ready, or check with the facilitator.",
    )
}

fn cancelled_by_shutdown() -> LabError {
    LabError::new(
        "RUNTIME_CANCELLED",
        "The server is shutting down; this run was stopped.",
        "Restart the run when the facilitator has restarted the server.",
    )
}

/// The original's timeout envelope: it is the network, not the learner's fault.
fn timed_out() -> LabError {
    LabError::new(
        "RUNTIME_TIMEOUT",
        "The module run timed out — the XRPL testnet did not respond within the run window. This \
         usually means the testnet is congested or your network is slow, not a bug in your module \
         logic.",
        "Retry the run — testnet load varies and a second attempt often succeeds. If it keeps \
         timing out, restart in offline mode: from the CLI run `xrpl-lab run <module> --dry-run`, \
         or from the dashboard select 'Dry Run' on the module page before clicking Start.",
    )
}

fn cancelled_generic() -> LabError {
    LabError::new(
        "RUNTIME_CANCELLED",
        "The module run was cancelled.",
        "Restart the run when ready.",
    )
}

/// Back-pressure made visible: when a full log dropped its oldest frame, count it, and warn
/// once per run per capacity's worth of drops (not once per frame).
fn note_drop(inner: &Inner, run: &Run, appended: Appended) {
    if let Appended::Stored {
        dropped_oldest: true,
        ..
    } = appended
    {
        inner.metrics.frames_dropped.fetch_add(1, Ordering::Relaxed);
        let dropped = run.state().log.dropped();
        if dropped == 1 || dropped % inner.config.event_log_capacity as u64 == 0 {
            tracing::warn!(run_id = %run.id, dropped, "event log full: dropped oldest frames");
        }
    }
}

#[derive(Debug, Default)]
struct RunTable {
    runs: HashMap<Uuid, Arc<Run>>,
    next_ordinal: u64,
}

struct Inner {
    config: RegistryConfig,
    launcher: Arc<dyn RunLauncher>,
    table: Mutex<RunTable>,
    /// Runs holding a slot. Taken by compare-and-swap at admission, released by `finish`.
    active: AtomicUsize,
    shutting_down: AtomicBool,
    metrics: Arc<Metrics>,
    tasks: TaskTracker,
}

/// Shared handle to the registry (cheap to clone).
#[derive(Clone)]
pub struct RunRegistry {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for RunRegistry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunRegistry")
            .field("config", &self.inner.config)
            .field("active", &self.active_count())
            .finish()
    }
}

impl RunRegistry {
    pub fn new(
        config: RegistryConfig,
        launcher: Arc<dyn RunLauncher>,
        metrics: Arc<Metrics>,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                config,
                launcher,
                table: Mutex::new(RunTable::default()),
                active: AtomicUsize::new(0),
                shutting_down: AtomicBool::new(false),
                metrics,
                tasks: TaskTracker::new(),
            }),
        }
    }

    fn table(&self) -> MutexGuard<'_, RunTable> {
        // Never held across an await; a poisoned lock still guards a consistent map.
        self.inner.table.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn max_concurrent(&self) -> usize {
        self.inner.config.max_concurrent
    }

    /// Runs currently holding a slot.
    pub fn active_count(&self) -> usize {
        self.inner.active.load(Ordering::Acquire)
    }

    pub fn launcher(&self) -> &Arc<dyn RunLauncher> {
        &self.inner.launcher
    }

    /// Admits and starts a run. The slot is checked first (a saturated server answers 429 even
    /// for an unknown module, as the original does), then the module is resolved.
    pub fn start(
        &self,
        module_id: &str,
        dry_run: bool,
        learner: Option<String>,
    ) -> Result<Arc<Run>, StartError> {
        if self.inner.shutting_down.load(Ordering::Acquire) {
            return Err(StartError::ShuttingDown);
        }
        let max = self.inner.config.max_concurrent;
        if let Err(active) =
            self.inner
                .active
                .fetch_update(Ordering::AcqRel, Ordering::Acquire, |active| {
                    (active < max).then_some(active + 1)
                })
        {
            self.inner
                .metrics
                .runs_refused
                .fetch_add(1, Ordering::Relaxed);
            return Err(StartError::AtCapacity { max, active });
        }
        let Some(canonical) = self.inner.launcher.resolve_module(module_id) else {
            self.inner.active.fetch_sub(1, Ordering::AcqRel);
            return Err(StartError::UnknownModule(module_id.to_string()));
        };
        let run = {
            let mut table = self.table();
            let ordinal = table.next_ordinal;
            table.next_ordinal += 1;
            let run = Arc::new(Run::new(
                canonical.clone(),
                dry_run,
                learner.clone(),
                ordinal,
                self.inner.config.event_log_capacity,
            ));
            table.runs.insert(run.id, run.clone());
            run
        };
        self.inner
            .metrics
            .runs_started
            .fetch_add(1, Ordering::Relaxed);
        tracing::info!(run_id = %run.id, module_id = %canonical, dry_run, "run started");
        let request = RunRequest {
            module_id: canonical,
            dry_run,
            learner,
        };
        self.inner
            .tasks
            .spawn(self.clone().drive(run.clone(), request));
        Ok(run)
    }

    /// The run's task: drives the launcher, then ends the run from its outcome.
    async fn drive(self, run: Arc<Run>, request: RunRequest) {
        let sink = self.sink_for(&run);
        let cancel = run.cancel.clone();
        let launched = self.inner.launcher.launch(request, sink, cancel.clone());
        let timeout = self.inner.config.run_timeout;
        let outcome = tokio::select! {
            biased;
            outcome = launched => outcome,
            _ = tokio::time::sleep(timeout) => {
                tracing::error!(run_id = %run.id, module_id = %run.module_id, "module run timeout");
                cancel.cancel();
                RunOutcome::Failed(timed_out())
            }
            // The launcher should notice the token at its next await and return `Cancelled`;
            // one that does not is dropped after a bounded wait.
            _ = async { cancel.cancelled().await; tokio::time::sleep(CANCEL_UNWIND).await } => {
                tracing::warn!(run_id = %run.id, "launcher did not unwind after cancel; dropped");
                RunOutcome::Cancelled
            }
        };
        let (status, terminal) = match outcome {
            RunOutcome::Completed {
                success,
                txids,
                report_path,
            } => (
                if success {
                    RunStatus::Completed
                } else {
                    RunStatus::Failed
                },
                RunEvent::Complete {
                    success,
                    txids,
                    report_path,
                },
            ),
            RunOutcome::Failed(err) => {
                tracing::error!(run_id = %run.id, module_id = %run.module_id, code = %err.code, "module run failed");
                (RunStatus::Failed, RunEvent::error(&err))
            }
            RunOutcome::Cancelled => (RunStatus::Cancelled, RunEvent::error(&cancelled_generic())),
        };
        if !self.finish(&run, status, &terminal) && status != RunStatus::Cancelled {
            tracing::debug!(run_id = %run.id, "run ended after it was cancelled; outcome discarded");
        }
    }

    fn sink_for(&self, run: &Arc<Run>) -> EventSink {
        let run = Arc::downgrade(run);
        let registry = Arc::downgrade(&self.inner);
        Arc::new(move |event: RunEvent| {
            if let (Some(run), Some(inner)) = (run.upgrade(), registry.upgrade()) {
                let appended = run.record(&event);
                note_drop(&inner, &run, appended);
            }
        })
    }

    /// Ends a run once; releases its slot, counts it and schedules its pruning.
    fn finish(&self, run: &Arc<Run>, status: RunStatus, terminal: &RunEvent) -> bool {
        let Some(appended) = run.finish(status, terminal) else {
            return false;
        };
        note_drop(&self.inner, run, appended);
        self.inner.active.fetch_sub(1, Ordering::AcqRel);
        let m = &self.inner.metrics;
        match status {
            RunStatus::Completed => &m.runs_completed,
            RunStatus::Failed => &m.runs_failed,
            RunStatus::Cancelled => &m.runs_cancelled,
            RunStatus::Running => return true,
        }
        .fetch_add(1, Ordering::Relaxed);
        tracing::info!(run_id = %run.id, status = status.as_str(), "run ended");
        self.schedule_prune(run.id);
        true
    }

    fn schedule_prune(&self, id: Uuid) {
        let registry: Weak<Inner> = Arc::downgrade(&self.inner);
        let grace = self.inner.config.grace;
        tokio::spawn(async move {
            tokio::time::sleep(grace).await;
            if let Some(inner) = registry.upgrade() {
                let mut table = inner.table.lock().unwrap_or_else(|p| p.into_inner());
                table.runs.remove(&id);
            }
        });
    }

    pub fn get(&self, id: &str) -> Option<Arc<Run>> {
        let id = Uuid::parse_str(id).ok()?;
        self.table().runs.get(&id).cloned()
    }

    /// Every known run, oldest first.
    pub fn list(&self) -> Vec<Arc<Run>> {
        let mut runs: Vec<Arc<Run>> = self.table().runs.values().cloned().collect();
        runs.sort_by_key(|r| r.ordinal);
        runs
    }

    /// Cancels a run: marks it cancelled and appends the one cancel frame (so every follower
    /// sees it and closes 1000), frees its slot, and fires the task's token. Does not wait for
    /// the task: the run is already over from everyone's point of view.
    pub fn cancel(&self, id: &str) -> Option<CancelOutcome> {
        let run = self.get(id)?;
        Some(self.cancel_run(&run, &cancelled_by_facilitator()))
    }

    fn cancel_run(&self, run: &Arc<Run>, why: &LabError) -> CancelOutcome {
        let outcome = if self.finish(run, RunStatus::Cancelled, &RunEvent::error(why)) {
            tracing::info!(run_id = %run.id, module_id = %run.module_id, "module run cancelled");
            CancelOutcome::Cancelled
        } else {
            CancelOutcome::AlreadyTerminated(run.status())
        };
        run.cancel.cancel();
        outcome
    }

    /// Attaches a follower to a run, replaying from sequence number `from`.
    pub fn follow(&self, run: &Arc<Run>, from: u64) -> Follower {
        run.attach(from)
    }

    /// Stops admitting runs and cancels every running one (each gets its terminal frame).
    pub fn begin_shutdown(&self) {
        self.inner.shutting_down.store(true, Ordering::Release);
        let why = cancelled_by_shutdown();
        for run in self.list() {
            if run.status() == RunStatus::Running {
                self.cancel_run(&run, &why);
            }
        }
        self.inner.tasks.close();
    }

    /// Waits (bounded) for the run tasks to return after [`Self::begin_shutdown`].
    pub async fn wait_for_tasks(&self, bound: Duration) -> bool {
        tokio::time::timeout(bound, self.inner.tasks.wait())
            .await
            .is_ok()
    }

    pub fn metrics(&self) -> &Arc<Metrics> {
        &self.inner.metrics
    }

    /// Whether shutdown has begun (no run is admitted any more).
    pub fn is_shutting_down(&self) -> bool {
        self.inner.shutting_down.load(Ordering::Acquire)
    }
}

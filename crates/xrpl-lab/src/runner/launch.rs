//! The seam between the server and the runner.
//!
//! The server's `RunRegistry` owns a run's lifecycle (admission, cancellation, the event log, the
//! terminal frame); a [`RunLauncher`] owns what a run *does*. The registry hands the launcher a
//! sink for non-terminal events and a cancellation token, and turns the returned [`RunOutcome`]
//! into exactly one terminal frame. Keeping the terminal frame on the registry's side is what lets
//! cancel racing completion end with one terminal state and one terminal frame.

use std::sync::Arc;

use futures::future::BoxFuture;
use tokio_util::sync::CancellationToken;

use crate::lab_error::LabError;
use crate::runner::RunEvent;

/// What the server asks to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunRequest {
    /// Canonical (snake_case) module id, already known to exist.
    pub module_id: String,
    /// Sandbox (`true`) or the configured network.
    pub dry_run: bool,
    /// Optional learner label from `?learner=`.
    pub learner: Option<String>,
}

/// Where a run reports its non-terminal events (`output`, `step`, `tx`, `step_complete`).
/// Emitting never blocks: sinks buffer or drop by their own policy.
pub type EventSink = Arc<dyn Fn(RunEvent) + Send + Sync>;

/// How a run ended, as the launcher saw it.
#[derive(Debug, Clone, PartialEq)]
pub enum RunOutcome {
    /// The module ran to its end; `success` is false when a step failed.
    Completed {
        success: bool,
        txids: Vec<String>,
        report_path: String,
    },
    /// The run stopped on a structured error (timeout, vanished module, internal fault).
    Failed(LabError),
    /// The run saw its cancellation token and stopped at an await point, state consistent.
    Cancelled,
}

/// Starts runs. Implemented by the real runner over modules and transports, and by scripted
/// launchers in the server's tests.
pub trait RunLauncher: Send + Sync + 'static {
    /// Resolves a module id (canonical or hyphenated) to its canonical id, if the module exists.
    fn resolve_module(&self, module_id: &str) -> Option<String>;

    /// Runs one module to its end. Must return promptly (at its next await point) once `cancel`
    /// fires, with [`RunOutcome::Cancelled`].
    fn launch(
        &self,
        request: RunRequest,
        sink: EventSink,
        cancel: CancellationToken,
    ) -> BoxFuture<'static, RunOutcome>;
}

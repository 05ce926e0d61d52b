//! Blocking work off the async executor.
//!
//! The learner's files are written atomically and fsync'd under a lock (`workspace::atomic`), and
//! the sandbox engine is synchronous CPU work: both take milliseconds that must not be spent on
//! the server's few async worker threads, or every request waits behind them (DESIGN: a run
//! never blocks the server). Runs hand such work to tokio's blocking pool through here.

use crate::lab_error::LabError;

/// Runs `work` on the blocking pool and waits for it without holding an async worker.
pub async fn on_blocking_pool<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, LabError> {
    tokio::task::spawn_blocking(work).await.map_err(|_| {
        LabError::new(
            "RUNTIME_INTERNAL",
            "An internal task stopped unexpectedly while writing the learner's files.",
            "Re-run the module; if it happens again, run 'xrpl-lab doctor'.",
        )
    })
}

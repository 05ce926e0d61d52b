//! One run as the server knows it: who started what, when, its public status, its event log, and
//! the clients following it.
//!
//! A run's status and its log sit behind one lock, so "the run ended" and "the terminal frame was
//! appended" are one step: whoever ends the run first (its task completing, a facilitator's
//! cancel, shutdown) writes the only terminal frame, and everyone after finds the run already
//! over. That is how cancel racing completion yields one terminal state and one terminal frame.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use axum::extract::ws::Utf8Bytes;
use serde::Serialize;
use time::OffsetDateTime;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;
use utoipa::ToSchema;
use uuid::Uuid;

use super::event_log::{Appended, EventLog};
use crate::runner::RunEvent;

/// The public status of a run: exactly these four, never a fifth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum RunStatus {
    Running,
    Completed,
    Failed,
    Cancelled,
}

impl RunStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Completed => "completed",
            RunStatus::Failed => "failed",
            RunStatus::Cancelled => "cancelled",
        }
    }

    pub fn is_terminal(self) -> bool {
        self != RunStatus::Running
    }
}

/// A run as `GET /api/runs` shows it. The first seven fields are the seed's, in its order.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct RunInfo {
    /// uuid4, 36 characters.
    pub run_id: String,
    /// Canonical module id.
    pub module_id: String,
    pub status: RunStatus,
    /// When the run was admitted (UTC, RFC 3339, milliseconds).
    pub created_at: String,
    /// Seconds since the start while running; the run's duration once it ended (frozen).
    pub elapsed_seconds: f64,
    /// Frames not yet delivered to the run's attached clients (all retained frames while none is
    /// attached).
    pub queue_size: usize,
    pub dry_run: bool,
    /// The learner label given at start (`?learner=`), or null.
    pub learner: Option<String>,
    /// When the run ended (UTC, RFC 3339), null while running.
    pub finished_at: Option<String>,
}

/// Formats a UTC instant the way the seed's example does: `2026-04-30T10:14:22.831Z`.
pub fn rfc3339_millis(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.millisecond()
    )
}

#[derive(Debug)]
pub(super) struct RunState {
    pub status: RunStatus,
    pub finished: Option<(Instant, OffsetDateTime)>,
    pub log: EventLog,
    /// Attached clients and the sequence number each has been delivered up to (exclusive).
    pub clients: HashMap<u64, u64>,
    pub next_client: u64,
}

/// A run, shared between its task, the registry, the HTTP handlers and its WebSocket clients.
#[derive(Debug)]
pub struct Run {
    pub id: Uuid,
    pub module_id: String,
    pub dry_run: bool,
    pub learner: Option<String>,
    pub created_at: OffsetDateTime,
    pub(super) started: Instant,
    /// Admission order, for listing oldest first.
    pub(super) ordinal: u64,
    pub(super) cancel: CancellationToken,
    state: Mutex<RunState>,
    /// Bumped on every append; followers wait on it instead of polling.
    appended: watch::Sender<u64>,
}

impl Run {
    pub(super) fn new(
        module_id: String,
        dry_run: bool,
        learner: Option<String>,
        ordinal: u64,
        log_capacity: usize,
    ) -> Self {
        Self {
            id: Uuid::new_v4(),
            module_id,
            dry_run,
            learner,
            created_at: OffsetDateTime::now_utc(),
            started: Instant::now(),
            ordinal,
            cancel: CancellationToken::new(),
            state: Mutex::new(RunState {
                status: RunStatus::Running,
                finished: None,
                log: EventLog::new(log_capacity),
                clients: HashMap::new(),
                next_client: 0,
            }),
            appended: watch::channel(0).0,
        }
    }

    /// The lock is never held across an await, so a poisoned lock can only mean a panic inside
    /// one of the short sections below; the state is still consistent, so keep serving it.
    pub(super) fn state(&self) -> MutexGuard<'_, RunState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn status(&self) -> RunStatus {
        self.state().status
    }

    /// Appends a non-terminal frame from the run's task. Terminal frames are the registry's to
    /// write (through [`Run::finish`]); frames arriving after the end are dropped.
    pub(super) fn record(&self, event: &RunEvent) -> Appended {
        if event.is_terminal() {
            return Appended::AfterTerminal;
        }
        let appended = {
            let mut state = self.state();
            if state.status.is_terminal() {
                return Appended::AfterTerminal;
            }
            state.log.append(event)
        };
        self.appended.send_modify(|n| *n += 1);
        appended
    }

    /// Ends the run with `status` and its terminal frame, if nobody ended it before. Returns
    /// how the terminal frame was stored when this call was the one that ended it, `None` when
    /// the run had already ended.
    pub(super) fn finish(&self, status: RunStatus, terminal: &RunEvent) -> Option<Appended> {
        debug_assert!(status.is_terminal() && terminal.is_terminal());
        let appended = {
            let mut state = self.state();
            if state.status.is_terminal() {
                return None;
            }
            state.status = status;
            state.finished = Some((Instant::now(), OffsetDateTime::now_utc()));
            state.log.append(terminal)
        };
        self.appended.send_modify(|n| *n += 1);
        Some(appended)
    }

    /// The public projection. Never exposes frames, errors, txids or report paths.
    pub fn info(&self) -> RunInfo {
        let state = self.state();
        let (elapsed, finished_at) = match state.finished {
            Some((at, wall)) => (at.duration_since(self.started), Some(rfc3339_millis(wall))),
            None => (self.started.elapsed(), None),
        };
        let queue_size = if state.clients.is_empty() {
            state.log.len()
        } else {
            state
                .clients
                .values()
                .map(|cursor| state.log.pending_after(*cursor))
                .max()
                .unwrap_or(0)
        };
        RunInfo {
            run_id: self.id.to_string(),
            module_id: self.module_id.clone(),
            status: state.status,
            created_at: rfc3339_millis(self.created_at),
            elapsed_seconds: (elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
            queue_size,
            dry_run: self.dry_run,
            learner: self.learner.clone(),
            finished_at,
        }
    }

    /// Attaches a follower that will replay the log from sequence number `from` and then follow.
    pub(super) fn attach(self: &std::sync::Arc<Self>, from: u64) -> Follower {
        let mut state = self.state();
        let client = state.next_client;
        state.next_client += 1;
        state.clients.insert(client, from);
        drop(state);
        Follower {
            run: self.clone(),
            client,
            cursor: from,
            appended: self.appended.subscribe(),
        }
    }
}

/// One client's place in a run's log. Dropping it detaches the client.
#[derive(Debug)]
pub struct Follower {
    run: std::sync::Arc<Run>,
    client: u64,
    cursor: u64,
    appended: watch::Receiver<u64>,
}

/// What a follower found in the log.
#[derive(Debug)]
pub struct Batch {
    pub frames: Vec<Utf8Bytes>,
    /// The batch ends with (or the client already had) the terminal frame.
    pub ended: bool,
}

impl Follower {
    pub fn run(&self) -> &Run {
        &self.run
    }

    /// The next frames after the cursor (at most `max`), advancing the cursor past them.
    pub fn take(&mut self, max: usize) -> Batch {
        // Mark the current version seen *before* reading, so an append racing this read wakes
        // the next `changed()` instead of being missed.
        self.appended.borrow_and_update();
        let state = self.run.state();
        let (frames, next) = state.log.read_from(self.cursor, max);
        self.cursor = next;
        Batch {
            frames,
            ended: state.log.is_past_terminal(next),
        }
    }

    /// Records that everything before the cursor reached the client (for `queue_size`).
    pub fn delivered(&self) {
        let mut state = self.run.state();
        if let Some(c) = state.clients.get_mut(&self.client) {
            *c = self.cursor;
        }
    }

    /// Waits until something is appended to the log.
    pub async fn changed(&mut self) {
        if self.appended.changed().await.is_err() {
            // The run (and its sender) is gone; nothing will ever be appended.
            std::future::pending::<()>().await;
        }
    }
}

impl Drop for Follower {
    fn drop(&mut self) {
        self.run.state().clients.remove(&self.client);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_look_like_the_seed_example() {
        let at = time::macros::datetime!(2026-04-30 10:14:22.831 UTC);
        assert_eq!(rfc3339_millis(at), "2026-04-30T10:14:22.831Z");
    }

    #[test]
    fn only_the_first_finish_writes_a_terminal_frame() {
        let run = Run::new("m".into(), true, None, 0, 16);
        let done = RunEvent::Complete {
            success: true,
            txids: vec![],
            report_path: String::new(),
        };
        assert!(run.finish(RunStatus::Completed, &done).is_some());
        assert!(run.finish(RunStatus::Cancelled, &done).is_none());
        assert_eq!(run.status(), RunStatus::Completed);
        assert_eq!(run.state().log.len(), 1);
        let e1 = run.info().elapsed_seconds;
        std::thread::sleep(std::time::Duration::from_millis(5));
        assert_eq!(run.info().elapsed_seconds, e1, "elapsed freezes at the end");
        assert!(run.info().finished_at.is_some());
    }
}

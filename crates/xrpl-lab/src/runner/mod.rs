//! The runner: walks a module's steps, executes their actions against a transport, and reports
//! what happens as a stream of [`RunEvent`]s.
//!
//! The same events feed every sink: the terminal (CLI `run`), and the server's run log that the
//! WebSocket replays. The server drives runs through the [`RunLauncher`] seam, so it knows nothing
//! of modules or ledgers, and its tests can drive scripted runs through the same seam.

mod event;
mod launch;
pub mod module_walk;

pub use event::RunEvent;
pub use launch::{EventSink, RunLauncher, RunOutcome, RunRequest};

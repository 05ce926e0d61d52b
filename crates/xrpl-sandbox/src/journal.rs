//! The journal: how a sandbox with a data directory survives a restart.
//!
//! Rather than snapshotting state, it records the inputs — each signed blob that reached the
//! engine and each ledger close that was asked for — with the clock reading at the time, one
//! JSON object per line. Replaying them through the same engine rebuilds the same ledgers, ids
//! and metadata. Records are written (and synced) *before* they take effect, so a crash can lose
//! at most an event that never happened; a torn last line is dropped on open.
//!
//! A long-lived classroom ledger may hold many thousands of transactions, so the replay checks
//! their signatures in batches, as [`Ledger::submit_batch`](crate::Ledger::submit_batch) does.

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The journal file inside the data directory.
pub const JOURNAL_FILE: &str = "ledger-journal.jsonl";

/// One recorded input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// The ledger was created (its genesis close time).
    Genesis {
        /// Clock reading.
        now: u32,
    },
    /// A signed blob passed decoding and signature checks and was applied or refused.
    Submit {
        /// The blob, hex.
        blob: String,
        /// Clock reading.
        now: u32,
    },
    /// `ledger_accept`.
    Accept {
        /// Clock reading.
        now: u32,
    },
    /// A close triggered by the close interval.
    Close {
        /// Clock reading.
        now: u32,
    },
}

/// Why the journal could not be read, written or replayed.
#[derive(Debug, Error)]
pub enum JournalError {
    /// Reading or writing the file failed.
    #[error("ledger journal {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A line in the middle of the file is not a journal record.
    #[error("ledger journal {path}, line {line}: {reason}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// An open journal, appending.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: File,
}

impl Journal {
    /// Opens (creating if needed) the journal in `dir` and returns it with the events so far.
    pub fn open(dir: &Path) -> Result<(Journal, Vec<Event>), JournalError> {
        let path = dir.join(JOURNAL_FILE);
        let io = |source| JournalError::Io {
            path: path.clone(),
            source,
        };
        fs::create_dir_all(dir).map_err(io)?;
        let mut events = Vec::new();
        let mut good_len = 0u64;
        if path.exists() {
            let reader = BufReader::new(File::open(&path).map_err(io)?);
            let mut lines = reader.split(b'\n').enumerate().peekable();
            while let Some((n, line)) = lines.next() {
                let line = line.map_err(io)?;
                let is_last = lines.peek().is_none();
                match serde_json::from_slice::<Event>(&line) {
                    Ok(event) => {
                        events.push(event);
                        good_len += line.len() as u64 + 1;
                    }
                    Err(_) if line.is_empty() && is_last => {}
                    // A record cut short by a crash: it never took effect.
                    Err(_) if is_last => break,
                    Err(e) => {
                        return Err(JournalError::Corrupt {
                            path: path.clone(),
                            line: n + 1,
                            reason: e.to_string(),
                        });
                    }
                }
            }
        }
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(io)?;
        // Drop a torn tail so new records start on a clean line.
        if file.metadata().map_err(io)?.len() > good_len {
            file.set_len(good_len).map_err(io)?;
        }
        Ok((Journal { path, file }, events))
    }

    /// Appends one event and syncs it to disk.
    pub fn record(&mut self, event: &Event) -> Result<(), JournalError> {
        let io = |source| JournalError::Io {
            path: self.path.clone(),
            source,
        };
        let mut line = serde_json::to_vec(event).map_err(|e| io(std::io::Error::other(e)))?;
        line.push(b'\n');
        self.file.write_all(&line).map_err(io)?;
        self.file.sync_data().map_err(io)
    }
}

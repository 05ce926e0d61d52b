//! The learner's progress, `state.json`, in the original's schema, and the store that reads and
//! writes it safely.
//!
//! The file is the original's pydantic model dumped with `indent=2`: keys in declaration order,
//! timestamps as float Unix seconds. A file written by the original loads here and ours loads
//! there. Unknown keys are ignored; missing keys take the original's defaults.
//!
//! A state file that cannot be read is never silently replaced: it is copied beside itself as
//! `state.json.corrupted.<unix>` and the load fails with `STATE_CORRUPT`, so the learner (or a
//! facilitator) decides what happens to the progress it held.

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::atomic::{FileLock, write_atomic};
use super::clock;
use super::error::WorkspaceError;
use super::paths::{Home, Workspace};

/// The network the original stamps on a fresh state.
pub const DEFAULT_NETWORK: &str = "testnet";

/// One completed module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompletedModule {
    pub module_id: String,
    pub completed_at: f64,
    #[serde(default)]
    pub txids: Vec<String>,
    #[serde(default)]
    pub report_path: Option<String>,
}

/// One transaction the learner submitted (`txid` is `failed` when a failure had none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TxRecord {
    pub txid: String,
    pub module_id: String,
    pub timestamp: f64,
    pub network: String,
    pub success: bool,
    #[serde(default)]
    pub explorer_url: String,
}

/// The whole of `state.json`. Field order is the file's key order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabState {
    #[serde(default = "current_version")]
    pub version: String,
    #[serde(default = "default_network")]
    pub network: String,
    #[serde(default)]
    pub wallet_path: Option<String>,
    #[serde(default)]
    pub wallet_address: Option<String>,
    #[serde(default)]
    pub completed_modules: Vec<CompletedModule>,
    #[serde(default)]
    pub tx_index: Vec<TxRecord>,
    #[serde(default = "clock::now_ts")]
    pub created_at: f64,
    #[serde(default = "clock::now_ts")]
    pub updated_at: f64,
}

fn current_version() -> String {
    crate::VERSION.to_string()
}

fn default_network() -> String {
    DEFAULT_NETWORK.to_string()
}

impl Default for LabState {
    fn default() -> Self {
        Self::fresh(clock::now_ts())
    }
}

impl LabState {
    /// A state as a fresh install has it, stamped `now`.
    pub fn fresh(now: f64) -> Self {
        Self {
            version: current_version(),
            network: default_network(),
            wallet_path: None,
            wallet_address: None,
            completed_modules: Vec::new(),
            tx_index: Vec::new(),
            created_at: now,
            updated_at: now,
        }
    }

    pub fn is_completed(&self, module_id: &str) -> bool {
        self.completed_modules
            .iter()
            .any(|m| m.module_id == module_id)
    }

    /// Ids of completed modules, in completion order.
    pub fn completed_ids(&self) -> Vec<&str> {
        self.completed_modules
            .iter()
            .map(|m| m.module_id.as_str())
            .collect()
    }

    /// Records a completion. Idempotent: a module already completed keeps its first record.
    /// Returns whether a record was added.
    pub fn mark_completed(
        &mut self,
        module_id: &str,
        txids: Vec<String>,
        report_path: Option<String>,
        now: f64,
    ) -> bool {
        if self.is_completed(module_id) {
            return false;
        }
        self.completed_modules.push(CompletedModule {
            module_id: module_id.to_string(),
            completed_at: now,
            txids,
            report_path,
        });
        self.updated_at = now;
        true
    }

    /// Appends a transaction row (duplicates are kept: each submission is a fact).
    pub fn record_tx(
        &mut self,
        txid: &str,
        module_id: &str,
        network: &str,
        success: bool,
        explorer_url: &str,
        now: f64,
    ) {
        self.tx_index.push(TxRecord {
            txid: txid.to_string(),
            module_id: module_id.to_string(),
            timestamp: now,
            network: network.to_string(),
            success,
            explorer_url: explorer_url.to_string(),
        });
        self.updated_at = now;
    }

    /// Removes a module's completion and all its transaction rows.
    pub fn forget_module(&mut self, module_id: &str) -> Result<usize, WorkspaceError> {
        if !self.is_completed(module_id) {
            return Err(WorkspaceError::ModuleNotCompleted(module_id.to_string()));
        }
        self.completed_modules.retain(|m| m.module_id != module_id);
        let before = self.tx_index.len();
        self.tx_index.retain(|t| t.module_id != module_id);
        Ok(before - self.tx_index.len())
    }

    /// The warning the original prints when the file comes from another version.
    pub fn version_warning(&self) -> Option<String> {
        (self.version != crate::VERSION).then(|| {
            format!(
                "Warning: state from v{}, current is v{}. Some fields may differ.",
                self.version,
                crate::VERSION
            )
        })
    }

    /// The file text: indent 2, keys in schema order, no trailing newline (as pydantic writes it).
    pub fn to_json(&self) -> String {
        // Serialising plain structs of strings, floats and bools cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Parses file bytes, telling malformed JSON apart from a JSON document of the wrong shape.
    pub fn from_json(bytes: &[u8]) -> Result<Self, &'static str> {
        let value: Value = serde_json::from_slice(bytes).map_err(|_| "InvalidJson")?;
        serde_json::from_value(value).map_err(|_| "SchemaMismatch")
    }
}

/// What `reset --module` removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuleReset {
    pub removed_from_completed: bool,
    pub tx_records_cleared: usize,
    pub report_removed: bool,
}

/// Reads and writes one home's `state.json`.
#[derive(Debug, Clone)]
pub struct StateStore {
    home: Home,
}

impl StateStore {
    pub fn new(home: Home) -> Self {
        Self { home }
    }

    pub fn home(&self) -> &Home {
        &self.home
    }

    pub fn exists(&self) -> bool {
        self.home.state_path().is_file()
    }

    /// The current state: fresh (not written) when there is no file; `STATE_CORRUPT` after making
    /// a backup copy when the file cannot be read.
    pub fn load(&self) -> Result<LabState, WorkspaceError> {
        let path = self.home.state_path();
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(LabState::default()),
            Err(_) => return Err(corrupt(&path, "Unreadable")),
        };
        LabState::from_json(&bytes).map_err(|kind| corrupt(&path, kind))
    }

    /// Read-modify-write under the lock: no concurrent writer (another thread, the server, a
    /// second terminal) can slip an update in between, so none is lost. A corrupt file is left
    /// as it is and the change is refused.
    pub fn update<T>(&self, change: impl FnOnce(&mut LabState) -> T) -> Result<T, WorkspaceError> {
        self.home.ensure()?;
        let _lock = FileLock::exclusive(&self.home.state_path(), "state file")?;
        let mut state = self.load()?;
        let out = change(&mut state);
        self.write(&mut state)?;
        Ok(out)
    }

    /// Like [`update`](Self::update), for changes that can refuse (nothing is written then).
    pub fn try_update<T>(
        &self,
        change: impl FnOnce(&mut LabState) -> Result<T, WorkspaceError>,
    ) -> Result<T, WorkspaceError> {
        self.home.ensure()?;
        let _lock = FileLock::exclusive(&self.home.state_path(), "state file")?;
        let mut state = self.load()?;
        let out = change(&mut state)?;
        self.write(&mut state)?;
        Ok(out)
    }

    fn write(&self, state: &mut LabState) -> Result<(), WorkspaceError> {
        state.version = current_version();
        state.updated_at = clock::now_ts();
        write_atomic(
            &self.home.state_path(),
            state.to_json().as_bytes(),
            0o600,
            "state file",
        )
    }

    /// `reset`: deletes state.json and the whole workspace; the wallet and doctor.log stay.
    pub fn reset_all(&self, ws: &Workspace) -> Result<(), WorkspaceError> {
        let _lock = if self.home.dir().is_dir() {
            Some(FileLock::exclusive(&self.home.state_path(), "state file")?)
        } else {
            None
        };
        match fs::remove_file(self.home.state_path()) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(WorkspaceError::io("remove", "state file", e)),
        }
        match fs::remove_dir_all(ws.dir()) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(WorkspaceError::io("remove", "workspace", e)),
        }
    }

    /// `reset --module ID`: forgets one module (completion and tx rows) and deletes its report;
    /// the wallet, other modules and audit packs stay.
    pub fn reset_module(
        &self,
        ws: &Workspace,
        module_id: &str,
    ) -> Result<ModuleReset, WorkspaceError> {
        let cleared = self.try_update(|s| s.forget_module(module_id))?;
        let report = super::report::report_path(ws, module_id)?;
        let report_removed = report.is_file() && fs::remove_file(&report).is_ok();
        Ok(ModuleReset {
            removed_from_completed: true,
            tx_records_cleared: cleared,
            report_removed,
        })
    }
}

/// Reads a state file from an explicit path with no side effects (cohort tools).
pub fn load_state_from_path(path: &Path) -> Result<LabState, WorkspaceError> {
    let bytes = fs::read(path).map_err(|e| WorkspaceError::io("read", "state file", e))?;
    LabState::from_json(&bytes).map_err(|kind| WorkspaceError::StateCorrupt {
        kind,
        backup_note: "the file was left untouched.".into(),
    })
}

/// Copies an unreadable state file aside and builds the error that says so.
fn corrupt(path: &Path, kind: &'static str) -> WorkspaceError {
    let stamp = clock::now_ts() as u64;
    let mut n = 0;
    let backup = loop {
        let suffix = if n == 0 {
            format!("corrupted.{stamp}")
        } else {
            format!("corrupted.{stamp}.{n}")
        };
        let candidate = path.with_extension(format!("json.{suffix}"));
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    let backup_note = match fs::copy(path, &backup) {
        Ok(_) => format!(
            "a backup was saved as {} and the file was left in place.",
            backup
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ),
        Err(e) => format!("the backup also failed ({:?}).", e.kind()),
    };
    WorkspaceError::StateCorrupt { kind, backup_note }
}

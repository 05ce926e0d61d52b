//! The last strategy run's files: `last_run_txids.txt` (one txid a line) and `last_run_meta.json`,
//! which `last-run` turns into the audit command that verifies that run.

use serde::{Deserialize, Serialize};

use super::atomic::write_atomic;
use super::clock;
use super::error::WorkspaceError;
use super::paths::Workspace;

/// `last_run_meta.json`, keys in the original's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastRunMeta {
    pub module: String,
    pub run_id: String,
    #[serde(default)]
    pub preset: String,
    #[serde(default)]
    pub endpoint: String,
    #[serde(default)]
    pub timestamp: String,
    #[serde(default)]
    pub txid_count: usize,
}

/// Writes both files for a finished run.
pub fn write(
    ws: &Workspace,
    module: &str,
    preset: &str,
    txids: &[String],
    now: f64,
) -> Result<LastRunMeta, WorkspaceError> {
    ws.ensure()?;
    let mut text = txids.join("\n");
    text.push('\n');
    write_atomic(
        &ws.last_run_txids_path(),
        text.as_bytes(),
        0o644,
        "last-run file",
    )?;
    let stamp = clock::utc_z(now);
    let meta = LastRunMeta {
        module: module.to_string(),
        run_id: stamp.clone(),
        preset: preset.to_string(),
        endpoint: String::new(),
        timestamp: stamp,
        txid_count: txids.len(),
    };
    let json = serde_json::to_string_pretty(&meta).unwrap_or_default();
    write_atomic(
        &ws.last_run_meta_path(),
        json.as_bytes(),
        0o644,
        "last-run file",
    )?;
    Ok(meta)
}

/// What `last-run` finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LastRun {
    None,
    Unreadable,
    Found(LastRunMeta),
}

pub fn read(ws: &Workspace) -> LastRun {
    match std::fs::read(ws.last_run_meta_path()) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => LastRun::None,
        Err(_) => LastRun::Unreadable,
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(LastRun::Found)
            .unwrap_or(LastRun::Unreadable),
    }
}

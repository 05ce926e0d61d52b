//! The doctor's checks of the learner's files: the wallet, the state file and the workspace.
//!
//! They read, never repair (except creating a missing workspace, which every run would do
//! anyway), and never surface more of the wallet than its address.

use std::path::Path;

use serde_json::Value;

use super::Check;
use crate::workspace::{Home, LabState, Workspace};

/// Check 1, `Wallet`: `wallet.json` exists and is JSON.
pub fn wallet_check(home: &Home) -> Check {
    const NAME: &str = "Wallet";
    let path = home.wallet_path();
    if !path.exists() {
        return Check::fail(NAME, "Not found", "Run: xrpl-lab wallet create");
    }
    let parsed = std::fs::read(&path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok());
    match parsed {
        // Only the address leaves this function; the seed is never looked at.
        Some(wallet) => {
            let address = wallet
                .get("address")
                .and_then(Value::as_str)
                .filter(|a| !a.is_empty())
                .unwrap_or("?");
            Check::pass(NAME, format!("Found: {address}"))
        }
        None => Check::fail(
            NAME,
            "File exists but unreadable",
            "Try: xrpl-lab wallet create",
        ),
    }
}

/// Check 2, `State file`: absent (fresh), readable JSON, or corrupt.
pub fn state_check(home: &Home) -> Check {
    const NAME: &str = "State file";
    let path = home.state_path();
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Check::pass(NAME, "No state yet (fresh install)");
        }
        Err(e) => {
            return Check::fail(
                NAME,
                format!("Unreadable ({:?})", e.kind()),
                "Check file permissions",
            );
        }
    };
    match LabState::from_json(&bytes) {
        Ok(state) => Check::pass(
            NAME,
            format!(
                "v{}, {} module(s) completed",
                state.version,
                state.completed_modules.len()
            ),
        ),
        Err(_) => Check::fail(NAME, "Corrupted JSON", "Run: xrpl-lab reset"),
    }
}

/// Check 3, `Workspace`: created if missing, then proven writable with a probe file.
pub fn workspace_check(ws: &Workspace) -> Check {
    const NAME: &str = "Workspace";
    let hint = "Check directory permissions";
    let existed = ws.dir().is_dir();
    if let Err(e) = ws.ensure() {
        return Check::fail(NAME, format!("Cannot create ({})", e.code()), hint);
    }
    let probe = ws.dir().join(".doctor-probe");
    let written = std::fs::write(&probe, b"ok").and_then(|()| std::fs::remove_file(&probe));
    let shown = shown_path(ws.dir());
    match written {
        Err(e) => Check::fail(NAME, format!("Not writable ({:?})", e.kind()), hint),
        Ok(()) if existed => Check::pass(NAME, format!("Writable: {shown}")),
        Ok(()) => Check::pass(NAME, format!("Created: {shown}")),
    }
}

/// A path as the doctor shows it: `~/…` under the user's home, else `./…` under the working
/// directory, else just its last component — never an absolute path (doctor output gets pasted
/// into chats and issues).
pub fn shown_path(path: &Path) -> String {
    let resolved = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let relative_to = |base: Option<std::path::PathBuf>| {
        base.and_then(|b| resolved.strip_prefix(b).ok().map(Path::to_path_buf))
    };
    if let Some(rel) = relative_to(std::env::var_os("HOME").map(Into::into)) {
        return format!("~/{}", rel.display());
    }
    if let Some(rel) = relative_to(std::env::current_dir().ok()) {
        return format!("./{}", rel.display());
    }
    resolved
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

//! What every learner-file command starts from: the home (from `XRPL_LAB_HOME`), the workspace in
//! the working directory, the module facts from the curriculum, and one way to report a
//! workspace error (message and hint on stderr, exit code by the code's family).

use std::path::PathBuf;
use std::process::ExitCode;

use anstream::eprintln;
use owo_colors::OwoColorize;

use crate::curriculum::{Catalog, Module};
use crate::lab_error::LabError;
use crate::workspace::audit::AuditTx;
use crate::workspace::{Home, LabState, ModuleInfo, StateStore, Workspace, WorkspaceError};

/// The learner's files and the curriculum, resolved once at the edge.
pub(super) struct Learner {
    pub home: Home,
    pub ws: Workspace,
    pub store: StateStore,
}

impl Learner {
    pub fn from_env() -> Self {
        let home = Home::from_env();
        Self {
            store: StateStore::new(home.clone()),
            home,
            ws: Workspace::in_current_dir(),
        }
    }

    /// The state, or the error already reported (with its exit code).
    pub fn state(&self) -> Result<LabState, ExitCode> {
        let state = self.store.load().map_err(report)?;
        if let Some(w) = state.version_warning() {
            eprintln!("{}", w.yellow());
        }
        Ok(state)
    }
}

/// The module facts the workspace needs, in canonical order.
pub(super) fn module_infos(catalog: &Catalog) -> Vec<ModuleInfo> {
    catalog.canonical_order().into_iter().map(info).collect()
}

fn info(m: &Module) -> ModuleInfo {
    ModuleInfo {
        id: m.id.clone(),
        title: m.title.clone(),
        track: m.track.clone(),
        mode: m.mode.clone(),
        requires: m.requires.clone(),
        kb_source: m.kb_source.clone(),
        order: m.order,
    }
}

/// Loads the curriculum (bundled + `--modules` dirs) as module facts.
pub(super) fn modules(dirs: &[PathBuf]) -> Result<Vec<ModuleInfo>, ExitCode> {
    super::list::load_catalog(dirs).map(|c| module_infos(&c))
}

/// The exit code for a lab error: `INPUT_`/`CONFIG_`/`STATE_` → 1, everything else → 2.
pub(super) fn exit_code(code: &str) -> ExitCode {
    let family = code.split('_').next().unwrap_or("");
    match family {
        "INPUT" | "CONFIG" | "STATE" => ExitCode::from(1),
        _ => ExitCode::from(2),
    }
}

/// Prints a workspace error (code, message, hint) on stderr and returns its exit code.
pub(super) fn report(e: WorkspaceError) -> ExitCode {
    let lab: LabError = e.into();
    eprintln!(
        "{} {}",
        format!("Error [{}]:", lab.code).red().bold(),
        lab.message
    );
    eprintln!("  {}", lab.hint);
    exit_code(&lab.code)
}

/// Looks a transaction up on `network`'s ledger, for `audit` and `--live` verification.
///
/// The transport's `tx` read over the network's endpoint; a lookup that cannot be made is an
/// `Err`, which both callers turn into a clear could-not-verify result (never a pass).
pub(super) fn ledger_lookup(network: &str, txid: &str) -> Result<AuditTx, String> {
    crate::transport::lookup::lookup_tx_blocking(network, txid)
}

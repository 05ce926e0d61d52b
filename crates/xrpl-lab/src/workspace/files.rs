//! The learner's files as one bundle: the private home (wallet, state), the shareable workspace
//! (reports, packs, the sandbox ledger) and the state store over the home.
//!
//! The CLI, the server's endpoints and the runner's actions all hold one of these, resolved once
//! where the process starts, so no layer below reads the environment or the current directory
//! on its own.

use std::path::PathBuf;

use super::paths::{Home, Workspace};
use super::state::StateStore;

#[derive(Debug, Clone)]
pub struct LearnerFiles {
    pub home: Home,
    pub workspace: Workspace,
    pub state: StateStore,
}

impl LearnerFiles {
    pub fn new(home: Home, workspace: Workspace) -> Self {
        Self {
            state: StateStore::new(home.clone()),
            home,
            workspace,
        }
    }

    /// From explicit directories where given (tests, a server's configuration), else
    /// `XRPL_LAB_HOME` / `~/.xrpl-lab` and `./.xrpl-lab`.
    pub fn resolve(home_dir: Option<PathBuf>, workspace_dir: Option<PathBuf>) -> Self {
        Self::new(
            home_dir.map_or_else(Home::from_env, Home::at),
            workspace_dir.map_or_else(Workspace::in_current_dir, Workspace::new),
        )
    }
}

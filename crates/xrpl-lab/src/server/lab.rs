//! What the learner-facing endpoints read: the curriculum (as loaded for this server) and the
//! learner's files (home state, workspace artifacts), resolved once when the server binds.
//!
//! State is read fresh on every request — the CLI may be writing it at the same time, and the
//! workspace layer's locked, atomic writes make a fresh read always consistent.

use std::sync::Arc;

use crate::curriculum::{Catalog, Module};
use crate::lab_error::LabError;
use crate::workspace::{LabState, LearnerFiles, ModuleInfo, WorkspaceError};

use super::config::ServeConfig;
use super::error::ApiError;

/// The curriculum and the learner's files.
#[derive(Debug)]
pub struct Lab {
    pub catalog: Arc<Catalog>,
    /// Module facts in canonical order, for status, next module and artifacts.
    pub modules: Vec<ModuleInfo>,
    pub files: LearnerFiles,
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

impl Lab {
    pub fn new(config: &ServeConfig, catalog: Arc<Catalog>) -> Self {
        let modules = catalog.canonical_order().into_iter().map(info).collect();
        Self {
            catalog,
            modules,
            files: LearnerFiles::resolve(config.home_dir.clone(), config.workspace_dir.clone()),
        }
    }

    /// The learner's state as it is on disk now.
    pub fn state(&self) -> Result<LabState, ApiError> {
        self.files.state.load().map_err(ApiError::from)
    }
}

impl From<WorkspaceError> for ApiError {
    fn from(err: WorkspaceError) -> Self {
        match err {
            WorkspaceError::InvalidModuleId(_) => ApiError::InvalidModuleId,
            WorkspaceError::ReportNotFound(id) => ApiError::ReportNotFound(id),
            WorkspaceError::NotAnObject => ApiError::BodyNotObject,
            WorkspaceError::UnknownArtifact => ApiError::UnknownArtifact,
            other => {
                // The workspace's texts name no path or secret; the OS detail goes to the log.
                tracing::error!(error = ?other, "learner files could not be read");
                ApiError::Lab(LabError::new(other.code(), other.to_string(), other.hint()))
            }
        }
    }
}

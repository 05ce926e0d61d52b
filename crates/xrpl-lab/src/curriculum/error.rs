//! The curriculum layer's error: what can go wrong loading modules or looking one up, mapped to
//! the lab's structured [`LabError`] for the CLI and the API.

use std::path::PathBuf;

use crate::lab_error::LabError;

use super::parse::ParseError;

#[derive(Debug, thiserror::Error)]
pub enum CurriculumError {
    /// A `--modules DIR` that does not exist or is not a directory.
    #[error("Modules directory not found: {}", .0.display())]
    DirNotFound(PathBuf),
    #[error("Cannot read modules directory {}: {source}", .path.display())]
    ReadDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// A module id no loaded module has; `suggestion` is the closest id, when one is close.
    #[error("Module '{id}' not found.")]
    ModuleNotFound {
        id: String,
        suggestion: Option<String>,
        available: Vec<String>,
    },
}

impl CurriculumError {
    /// What to do about it, for the person reading.
    pub fn hint(&self) -> String {
        match self {
            CurriculumError::DirNotFound(_) | CurriculumError::ReadDir { .. } => {
                "Check the --modules path: it must be a readable directory of .md modules.".into()
            }
            CurriculumError::Parse(_) => {
                "Fix the module file, then check it with: xrpl-lab lint".into()
            }
            CurriculumError::ModuleNotFound { suggestion, .. } => match suggestion {
                Some(s) => format!("Did you mean '{s}'? Run 'xrpl-lab list' to see every module."),
                None => "Run 'xrpl-lab list' to see available modules.".into(),
            },
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            CurriculumError::DirNotFound(_) => "CONFIG_MODULES_DIR",
            CurriculumError::ReadDir { .. } => "IO_READ_FAILED",
            CurriculumError::Parse(_) => "INPUT_MODULE_INVALID",
            CurriculumError::ModuleNotFound { .. } => "INPUT_MODULE_NOT_FOUND",
        }
    }
}

impl From<&CurriculumError> for LabError {
    fn from(e: &CurriculumError) -> Self {
        LabError::new(e.code(), e.to_string(), e.hint())
    }
}

impl From<CurriculumError> for LabError {
    fn from(e: CurriculumError) -> Self {
        LabError::from(&e)
    }
}

//! The workspace layer's one error type: every way reading or writing learner files can fail,
//! each mapped to the lab's structured error code so the CLI and the server report it the same way.
//!
//! Messages never carry an absolute path or a secret: they are shown to learners and may be pasted
//! into a support thread. The operating-system error is kept as `source` for logs.

use std::io;

use crate::lab_error::LabError;

#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// state.json exists but cannot be read or parsed; a copy was saved beside it.
    #[error("state file could not be read ({kind}); {backup_note}")]
    StateCorrupt {
        /// What went wrong, by kind only (`InvalidJson`, `SchemaMismatch`, `Unreadable`).
        kind: &'static str,
        /// File name of the backup copy (no directory), or why the backup failed.
        backup_note: String,
    },
    /// No wallet.json at the expected place.
    #[error("No wallet found. Run 'xrpl-lab wallet create' first.")]
    NoWallet,
    /// wallet.json exists but is not a wallet.
    #[error("Wallet file exists but is unreadable.")]
    WalletUnreadable,
    /// The operating system gave no randomness, or key derivation failed.
    #[error("Could not generate a wallet key.")]
    KeyGeneration,
    /// `wallet create` when one exists: we never overwrite a seed.
    #[error("Wallet already exists at this location.")]
    WalletExists,
    /// A module id that could name a path outside the reports directory.
    #[error("Invalid module_id")]
    InvalidModuleId(String),
    /// No report file for that module.
    #[error("Report for '{0}' not found")]
    ReportNotFound(String),
    /// `reset --module` for a module that is not completed.
    #[error("Module '{0}' is not in completed_modules — nothing to reset for that ID.")]
    ModuleNotCompleted(String),
    /// Exporting with nothing to export.
    #[error("No completed modules yet. Nothing to export.")]
    NothingToExport,
    /// An artifact to verify that is not a JSON object.
    #[error("Request body must be a JSON object (a proof pack or certificate).")]
    NotAnObject,
    /// A JSON object carrying neither artifact marker.
    #[error(
        "Body is not a recognized XRPL Lab artifact — it is missing the xrpl_lab_proof_pack / xrpl_lab_certificate marker."
    )]
    UnknownArtifact,
    /// A file or directory could not be created, written, renamed or read.
    #[error("Could not {action} {what} ({kind})")]
    Io {
        action: &'static str,
        /// What the file is for (`state file`, `workspace`, `report`…), never its path.
        what: &'static str,
        kind: String,
        #[source]
        source: io::Error,
    },
}

impl WorkspaceError {
    pub(crate) fn io(action: &'static str, what: &'static str, source: io::Error) -> Self {
        WorkspaceError::Io {
            action,
            what,
            kind: format!("{:?}", source.kind()),
            source,
        }
    }

    /// The stable code in the lab's catalogue (`STATE_*` → exit 1, `IO_*` → exit 2).
    pub fn code(&self) -> &'static str {
        match self {
            WorkspaceError::StateCorrupt { .. } => "STATE_CORRUPT",
            WorkspaceError::NoWallet => "STATE_NO_WALLET",
            WorkspaceError::WalletUnreadable => "STATE_WALLET_UNREADABLE",
            WorkspaceError::WalletExists => "STATE_WALLET_EXISTS",
            WorkspaceError::KeyGeneration => "RUNTIME_KEYGEN_FAILED",
            WorkspaceError::InvalidModuleId(_) => "INVALID_MODULE_ID",
            WorkspaceError::ReportNotFound(_) => "REPORT_NOT_FOUND",
            WorkspaceError::ModuleNotCompleted(_) => "STATE_MODULE_NOT_COMPLETED",
            WorkspaceError::NothingToExport => "STATE_NOTHING_TO_EXPORT",
            WorkspaceError::NotAnObject => "INVALID_BODY",
            WorkspaceError::UnknownArtifact => "UNKNOWN_ARTIFACT",
            WorkspaceError::Io { .. } => "IO_WRITE_FAILED",
        }
    }

    /// What the reader should do next.
    pub fn hint(&self) -> String {
        match self {
            WorkspaceError::StateCorrupt { .. } => "Your progress file was kept as a backup. Run 'xrpl-lab doctor' to diagnose, \
                 or 'xrpl-lab reset' to start a fresh state (the backup stays)."
                .into(),
            WorkspaceError::NoWallet => "Run: xrpl-lab wallet create".into(),
            WorkspaceError::WalletUnreadable => {
                "Check the wallet file, or move it aside and run: xrpl-lab wallet create".into()
            }
            WorkspaceError::WalletExists => "Use 'xrpl-lab wallet show' to view it.".into(),
            WorkspaceError::KeyGeneration => "Try again; if it persists, run 'xrpl-lab doctor'.".into(),
            WorkspaceError::InvalidModuleId(_) => {
                "Module IDs must not contain path separators or special characters".into()
            }
            WorkspaceError::ReportNotFound(_) => "Run a module first to generate its report".into(),
            WorkspaceError::ModuleNotCompleted(_) => {
                "Run 'xrpl-lab status' to see which modules are completed.".into()
            }
            WorkspaceError::NothingToExport => {
                "Complete a module first, then export: run xrpl-lab start to begin.".into()
            }
            WorkspaceError::NotAnObject => {
                "Paste the full xrpl_lab_proof_pack.json or xrpl_lab_certificate.json.".into()
            }
            WorkspaceError::UnknownArtifact => {
                "Paste a proof pack or certificate generated by xrpl-lab.".into()
            }
            WorkspaceError::Io { .. } => {
                "Check that the directory exists and that you may write to it (permissions, disk space)."
                    .into()
            }
        }
    }

    pub fn to_lab_error(&self) -> LabError {
        LabError::new(self.code(), self.to_string(), self.hint())
    }
}

impl From<WorkspaceError> for LabError {
    fn from(e: WorkspaceError) -> Self {
        e.to_lab_error()
    }
}

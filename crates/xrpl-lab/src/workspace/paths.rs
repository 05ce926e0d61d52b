//! Where learner files live: the private *home* and the shareable *workspace*.
//!
//! - Home (`XRPL_LAB_HOME`, else `~/.xrpl-lab/`, mode 0700): `wallet.json` (0600), `state.json`
//!   (0600), `doctor.log`. Private to one learner: it holds the seed.
//! - Workspace (`./.xrpl-lab/`, 0755 with `proofs/ reports/ logs/ audit_packs/`): reports, proof
//!   packs, certificates, audit packs and last-run files, all free of secrets and meant to be
//!   handed to a facilitator.
//!
//! Both are values passed down from the edge (CLI, server, tests), never read from a global deep in
//! the code, so a test or the server can point them anywhere.

use std::fs;
use std::path::{Path, PathBuf};

use super::error::WorkspaceError;

/// The environment variable that moves the home directory.
pub const HOME_ENV: &str = "XRPL_LAB_HOME";
/// The workspace directory name, relative to the learner's working directory.
pub const WORKSPACE_DIR_NAME: &str = ".xrpl-lab";

const HOME_MODE: u32 = 0o700;
const WORKSPACE_MODE: u32 = 0o755;
const WORKSPACE_SUBDIRS: [&str; 4] = ["proofs", "reports", "logs", "audit_packs"];

/// The learner's private directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Home {
    dir: PathBuf,
}

impl Home {
    /// `XRPL_LAB_HOME` when set and non-empty, else `~/.xrpl-lab`.
    pub fn from_env() -> Self {
        Self::resolve(
            std::env::var_os(HOME_ENV).filter(|v| !v.is_empty()),
            std::env::var_os("HOME"),
        )
    }

    /// The same rule over explicit values, so it can be tested without touching the process env.
    pub fn resolve(
        lab_home: Option<std::ffi::OsString>,
        user_home: Option<std::ffi::OsString>,
    ) -> Self {
        match lab_home {
            Some(dir) => Self::at(dir),
            None => {
                let base = user_home
                    .map(PathBuf::from)
                    .unwrap_or_else(|| PathBuf::from("."));
                Self::at(base.join(WORKSPACE_DIR_NAME))
            }
        }
    }

    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn state_path(&self) -> PathBuf {
        self.dir.join("state.json")
    }

    pub fn wallet_path(&self) -> PathBuf {
        self.dir.join("wallet.json")
    }

    pub fn doctor_log_path(&self) -> PathBuf {
        self.dir.join("doctor.log")
    }

    /// Creates the home directory if needed and sets it to exactly 0700 (an older, looser
    /// directory is tightened: it holds the seed).
    pub fn ensure(&self) -> Result<(), WorkspaceError> {
        ensure_dir_mode(&self.dir, HOME_MODE, "home directory")
    }
}

/// The learner's shareable directory of artifacts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    dir: PathBuf,
}

impl Workspace {
    /// A workspace rooted at `dir` (the `.xrpl-lab` directory itself).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// `./.xrpl-lab`, relative, as the original shows it (`/api/status` reports it unresolved).
    pub fn in_current_dir() -> Self {
        Self::new(WORKSPACE_DIR_NAME)
    }

    /// The workspace of a learner directory (`{learner}/.xrpl-lab`), as cohort tools read it.
    pub fn of_learner_dir(learner_dir: &Path) -> Self {
        Self::new(learner_dir.join(WORKSPACE_DIR_NAME))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn reports_dir(&self) -> PathBuf {
        self.dir.join("reports")
    }

    pub fn proofs_dir(&self) -> PathBuf {
        self.dir.join("proofs")
    }

    pub fn proof_pack_path(&self) -> PathBuf {
        self.proofs_dir().join("xrpl_lab_proof_pack.json")
    }

    pub fn certificate_path(&self) -> PathBuf {
        self.proofs_dir().join("xrpl_lab_certificate.json")
    }

    pub fn last_run_txids_path(&self) -> PathBuf {
        self.dir.join("last_run_txids.txt")
    }

    pub fn last_run_meta_path(&self) -> PathBuf {
        self.dir.join("last_run_meta.json")
    }

    /// The state file a workspace may carry (cohort layouts keep one per learner).
    pub fn state_path(&self) -> PathBuf {
        self.dir.join("state.json")
    }

    /// Creates the workspace and its four subdirectories at exactly 0755.
    pub fn ensure(&self) -> Result<(), WorkspaceError> {
        ensure_dir_mode(&self.dir, WORKSPACE_MODE, "workspace")?;
        for sub in WORKSPACE_SUBDIRS {
            ensure_dir_mode(&self.dir.join(sub), WORKSPACE_MODE, "workspace")?;
        }
        Ok(())
    }
}

/// Creates `dir` (and parents) and sets its mode exactly; chmod is POSIX-only.
pub(crate) fn ensure_dir_mode(
    dir: &Path,
    mode: u32,
    what: &'static str,
) -> Result<(), WorkspaceError> {
    fs::create_dir_all(dir).map_err(|e| WorkspaceError::io("create", what, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = fs::metadata(dir).map_err(|e| WorkspaceError::io("inspect", what, e))?;
        if meta.permissions().mode() & 0o777 != mode {
            fs::set_permissions(dir, fs::Permissions::from_mode(mode))
                .map_err(|e| WorkspaceError::io("set permissions on", what, e))?;
        }
    }
    #[cfg(not(unix))]
    let _ = mode;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_prefers_the_env_override_unless_empty() {
        let h = Home::resolve(Some("/x/h".into()), Some("/u".into()));
        assert_eq!(h.state_path(), PathBuf::from("/x/h/state.json"));
        let h = Home::resolve(None, Some("/u".into()));
        assert_eq!(h.wallet_path(), PathBuf::from("/u/.xrpl-lab/wallet.json"));
    }

    #[cfg(unix)]
    #[test]
    fn modes_are_set_exactly() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let home = Home::at(tmp.path().join("h"));
        fs::create_dir(home.dir()).unwrap();
        fs::set_permissions(home.dir(), fs::Permissions::from_mode(0o755)).unwrap();
        home.ensure().unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(home.dir()), 0o700);

        let ws = Workspace::new(tmp.path().join("w/.xrpl-lab"));
        fs::create_dir_all(ws.dir()).unwrap();
        fs::set_permissions(ws.dir(), fs::Permissions::from_mode(0o700)).unwrap();
        ws.ensure().unwrap();
        assert_eq!(mode(ws.dir()), 0o755);
        for sub in WORKSPACE_SUBDIRS {
            assert_eq!(mode(&ws.dir().join(sub)), 0o755, "{sub}");
        }
    }
}

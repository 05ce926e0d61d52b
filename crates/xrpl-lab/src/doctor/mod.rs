//! `xrpl-lab doctor`: eight checks that tell a learner (or the facilitator, through
//! `GET /api/doctor`) what stands between them and a working lab, in the original's order:
//! Wallet, State file, Workspace, Env overrides, RPC endpoint, Faucet, Last error, Last module state.
//!
//! One file per group: [`files`] (wallet, state, workspace), [`endpoints`] (env overrides, RPC,
//! faucet), [`progress`] (last error, last module state), [`log`] (`doctor.log`). The two network
//! checks run concurrently and are each bounded by [`NETWORK_TIMEOUT`], so a whole doctor run
//! answers well inside the dashboard's 10-second fetch timeout (the original allowed 30 s + 15 s
//! and so timed out in its own dashboard whenever the network was down).
//!
//! No check reads or shows a seed: the wallet check reads only the file's `address`.

pub mod endpoints;
pub mod files;
pub mod log;
pub mod progress;

use std::time::Duration;

use serde::Serialize;

use crate::workspace::{Home, ModuleInfo, Workspace};

/// Bound on each network check (RPC `server_info`, faucet reachability).
pub const NETWORK_TIMEOUT: Duration = Duration::from_secs(8);

/// One check's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub name: String,
    pub passed: bool,
    pub detail: String,
    /// What to do about a failure (may be empty).
    pub hint: String,
}

impl Check {
    pub fn pass(name: &str, detail: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            passed: true,
            detail: detail.into(),
            hint: String::new(),
        }
    }

    pub fn fail(name: &str, detail: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            passed: false,
            detail: detail.into(),
            hint: hint.into(),
        }
    }

    /// The one-line message the API shows: `"{detail}. {hint}"`, or whichever is non-empty.
    pub fn message(&self) -> String {
        match (self.detail.is_empty(), self.hint.is_empty()) {
            (_, true) => self.detail.clone(),
            (true, false) => self.hint.clone(),
            (false, false) => format!("{}. {}", self.detail, self.hint),
        }
    }
}

/// All eight checks, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DoctorReport {
    pub checks: Vec<Check>,
}

impl DoctorReport {
    pub fn passed(&self) -> usize {
        self.checks.iter().filter(|c| c.passed).count()
    }

    pub fn all_passed(&self) -> bool {
        self.checks.iter().all(|c| c.passed)
    }

    /// `"{passed}/{total} checks passed"`.
    pub fn summary(&self) -> String {
        format!("{}/{} checks passed", self.passed(), self.checks.len())
    }

    /// `healthy` when every check passed, else `error` (the API's `overall`).
    pub fn overall(&self) -> &'static str {
        if self.all_passed() {
            "healthy"
        } else {
            "error"
        }
    }
}

/// What the doctor looks at: the learner's files, the curriculum, and the endpoints in use.
#[derive(Debug, Clone)]
pub struct DoctorInput {
    pub home: Home,
    pub workspace: Workspace,
    pub modules: Vec<ModuleInfo>,
    /// `XRPL_LAB_RPC_URL` as set (None or empty: not overridden).
    pub rpc_override: Option<String>,
    /// `XRPL_LAB_FAUCET_URL` as set.
    pub faucet_override: Option<String>,
}

impl DoctorInput {
    /// The endpoints from the process environment.
    pub fn from_env(home: Home, workspace: Workspace, modules: Vec<ModuleInfo>) -> Self {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        Self {
            home,
            workspace,
            modules,
            rpc_override: var(crate::network::RPC_URL_ENV),
            faucet_override: var(crate::network::FAUCET_URL_ENV),
        }
    }

    pub fn rpc_url(&self) -> String {
        self.rpc_override
            .clone()
            .unwrap_or_else(|| crate::network::DEFAULT_RPC_URL.to_string())
    }

    pub fn faucet_url(&self) -> String {
        self.faucet_override
            .clone()
            .unwrap_or_else(|| crate::network::DEFAULT_FAUCET_URL.to_string())
    }
}

/// Runs the eight checks and appends the outcome to `doctor.log` (best effort).
pub async fn run(input: &DoctorInput) -> DoctorReport {
    let rpc_url = input.rpc_url();
    let faucet_url = input.faucet_url();
    let (rpc, faucet) = tokio::join!(
        endpoints::rpc_check(&rpc_url),
        endpoints::faucet_check(&faucet_url)
    );
    let report = DoctorReport {
        checks: vec![
            files::wallet_check(&input.home),
            files::state_check(&input.home),
            files::workspace_check(&input.workspace),
            endpoints::env_check(
                input.rpc_override.as_deref(),
                input.faucet_override.as_deref(),
            ),
            rpc,
            faucet,
            progress::last_error_check(&input.home),
            progress::last_module_state_check(&input.home, &input.modules),
        ],
    };
    log::append(&input.home, &report, crate::workspace::clock::now_ts());
    report
}

//! The in-process sandbox ledger as a transport.
//!
//! The engine is synchronous and CPU-bound; every call runs on tokio's blocking pool so a run on
//! the sandbox never stalls the server's executor (GET /api/runs stays fast during any run). One
//! ledger is shared by every run of a workspace (learners' wallets are real, distinct accounts on
//! it), behind a mutex: calls are microseconds long, so contention is not worth more machinery.

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use xrpl_sandbox::{Ledger, LedgerConfig};

use crate::lab_error::LabError;
use crate::workspace::Workspace;
use xrpl_sandbox::faucet::DEFAULT_FAUCET_DROPS;

use super::rpc::read_result;
use super::{FundResult, TransportError};

/// A handle on a sandbox ledger; clones share the same ledger.
#[derive(Clone)]
pub struct SandboxTransport {
    ledger: Arc<Mutex<Ledger>>,
    /// Held while a workspace ledger is in use (see [`open_workspace_ledger`]).
    lock: Option<Arc<std::fs::File>>,
}

impl SandboxTransport {
    pub fn new(ledger: Arc<Mutex<Ledger>>) -> Self {
        Self { ledger, lock: None }
    }

    /// The shared ledger, for callers that read it directly (tests, `ledger serve`).
    pub fn ledger(&self) -> &Arc<Mutex<Ledger>> {
        &self.ledger
    }

    pub async fn call(&self, method: &str, params: Value) -> Result<Value, TransportError> {
        let request = json!({ "method": method, "params": [params] });
        let reply = self.with_ledger(move |ledger| ledger.rpc(&request)).await?;
        read_result(reply)
    }

    pub async fn fund(&self, address: &str) -> Result<FundResult, TransportError> {
        let (account, _tag) =
            xrpl_proto::address::parse_any(address).map_err(|e| TransportError::Rpc {
                error: "actMalformed".into(),
                message: format!("'{address}' is not an XRPL address: {e}"),
            })?;
        let grant = self
            .with_ledger(move |ledger| ledger.faucet(Some(account), DEFAULT_FAUCET_DROPS))
            .await?
            .map_err(|e| TransportError::Rpc {
                error: "faucetFailed".into(),
                message: e.to_string(),
            })?;
        Ok(FundResult {
            address: grant.account.to_classic(),
            balance: format!("{}", grant.balance / 1_000_000),
        })
    }

    /// Advances the ledger clock by `seconds`, then closes a ledger so the next transaction's
    /// parent close time (what escrow and channel rules compare against) is the new time.
    pub async fn fast_forward(&self, seconds: u32) -> Result<(), TransportError> {
        self.with_ledger(move |ledger| {
            ledger.advance_time(seconds);
            ledger.ledger_accept().map(|_| ())
        })
        .await?
        .map_err(|e| TransportError::Protocol(format!("the sandbox could not close a ledger: {e}")))
    }

    async fn with_ledger<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Ledger) -> T + Send + 'static,
    ) -> Result<T, TransportError> {
        with_ledger(&self.ledger, work)
            .await
            .ok_or_else(|| TransportError::Protocol("the sandbox ledger task stopped".into()))
    }
}

/// Runs `work` on the blocking pool with the ledger locked; `None` only if the task died.
///
/// A poisoned lock (a panic in an earlier call) still guards a consistent ledger, because the
/// engine applies transactions all-or-nothing, so it is recovered rather than propagated.
pub(crate) async fn with_ledger<T: Send + 'static>(
    ledger: &Arc<Mutex<Ledger>>,
    work: impl FnOnce(&mut Ledger) -> T + Send + 'static,
) -> Option<T> {
    let ledger = Arc::clone(ledger);
    tokio::task::spawn_blocking(move || {
        let mut guard = ledger
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        work(&mut guard)
    })
    .await
    .ok()
}

/// A sandbox transport over a fresh, in-memory ledger (tests, `ledger serve` without a data dir).
pub fn in_memory() -> SandboxTransport {
    SandboxTransport::new(Arc::new(Mutex::new(Ledger::new(LedgerConfig::default()))))
}

/// The sandbox ledger of a learner workspace, kept in `<workspace>/sandbox/` so consecutive
/// runs and modules (CLI or server) see the same ledger, across restarts.
pub fn open_workspace_ledger(workspace: &Workspace) -> Result<SandboxTransport, LabError> {
    let dir = workspace.dir().join("sandbox");
    let (ledger, lock) = open_journaled_ledger(&dir, LedgerConfig::default(), "the workspace")?;
    let mut transport = SandboxTransport::new(Arc::new(Mutex::new(ledger)));
    transport.lock = Some(Arc::new(lock));
    Ok(transport)
}

/// A ledger journaled in `dir` (created if missing), replayed from its journal, with the
/// directory locked for as long as the returned lock file is held. `place` names the directory
/// in messages ("the workspace", "--data DIR").
///
/// One process at a time: the journal is append-only and not meant for two writers, so a
/// second process gets a clear refusal instead of a corrupted journal.
pub fn open_journaled_ledger(
    dir: &std::path::Path,
    config: LedgerConfig,
    place: &str,
) -> Result<(Ledger, std::fs::File), LabError> {
    let io_error = |what: &str| {
        LabError::new(
            "IO_WRITE_FAILED",
            format!("The sandbox ledger's {what} in {place} could not be created."),
            "Check that the directory is writable, or use another directory.",
        )
    };
    std::fs::create_dir_all(dir).map_err(|_| io_error("directory"))?;
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join("ledger.lock"))
        .map_err(|_| io_error("lock file"))?;
    if fs2::FileExt::try_lock_exclusive(&lock).is_err() {
        return Err(LabError::new(
            "STATE_SANDBOX_IN_USE",
            format!(
                "The sandbox ledger in {place} is in use by another xrpl-lab process (a running `xrpl-lab serve` or `xrpl-lab ledger serve`?)."
            ),
            "Stop that process first, use its server, or use another directory.",
        ));
    }
    let ledger = Ledger::open(config, dir).map_err(|e| {
        LabError::new(
            "STATE_CORRUPT",
            format!("The sandbox ledger in {place} could not be opened: {e}."),
            "Move its directory aside to start from a fresh ledger.",
        )
    })?;
    Ok((ledger, lock))
}

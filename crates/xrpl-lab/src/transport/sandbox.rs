//! The in-process sandbox ledger as a transport.
//!
//! The engine is synchronous and CPU-bound; every call runs on tokio's blocking pool so a run on
//! the sandbox never stalls the server's executor (GET /api/runs stays fast during any run). One
//! ledger is shared by every run of a workspace (learners' wallets are real, distinct accounts on
//! it), behind a mutex: calls are microseconds long, so contention is not worth more machinery.

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use xrpl_sandbox::Ledger;
use xrpl_sandbox::faucet::DEFAULT_FAUCET_DROPS;

use super::rpc::read_result;
use super::{FundResult, TransportError};

/// A handle on a sandbox ledger; clones share the same ledger.
#[derive(Clone)]
pub struct SandboxTransport {
    ledger: Arc<Mutex<Ledger>>,
}

impl SandboxTransport {
    pub fn new(ledger: Arc<Mutex<Ledger>>) -> Self {
        Self { ledger }
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

/// The sandbox ledger of a learner workspace.
///
/// Today a fresh ledger per process: the CLI's consecutive runs each start from genesis (the
/// learner's wallet file persists, and is funded again from the sandbox faucet); the server keeps
/// one ledger for its whole life. Persisting it across processes (the engine's journal) is the
/// next step.
pub fn workspace_ledger(
    _workspace: &crate::workspace::Workspace,
) -> Result<Ledger, crate::lab_error::LabError> {
    Ok(Ledger::new(xrpl_sandbox::LedgerConfig::default()))
}

//! How actions reach a ledger.
//!
//! Both ledgers the lab talks to speak rippled's JSON-RPC: the built-in sandbox (in process) and a
//! network node (over HTTP). So a [`Transport`] is only "a JSON-RPC endpoint plus a faucet", and
//! everything above it (autofill, signing, submit-and-wait, typed reads) is written once, in
//! [`client`], and behaves the same offline and on Testnet. That is also how the network path is
//! tested end to end: against the sandbox's own JSON-RPC face on loopback.
//!
//! | file | what |
//! |---|---|
//! | [`rpc`] | JSON-RPC over HTTP(S) to a rippled node, and the Testnet faucet |
//! | [`sandbox`] | the in-process sandbox ledger, one per learner workspace |
//! | [`client`] | autofill, sign once, submit, wait for validation; typed reads |
//! | [`lookup`] | a claimed transaction read back for on-ledger verification and audit |

pub mod client;
pub mod lookup;
pub mod rpc;
pub mod sandbox;

use std::time::Duration;

use serde_json::Value;

pub use crate::network::{Network, classify_network};
pub use client::{LedgerClient, SubmitResult};

use crate::lab_error::LabError;

/// A ledger the lab can read from and submit to.
pub enum Transport {
    /// The built-in sandbox (`--dry-run`).
    Sandbox(sandbox::SandboxTransport),
    /// A rippled node over JSON-RPC (Testnet, Devnet, or a local `xrpl-lab ledger serve`).
    Rpc(rpc::RpcTransport),
}

/// What the faucet answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundResult {
    pub address: String,
    /// Balance after funding, in XRP as the faucet reports it (may be empty when unknown).
    pub balance: String,
}

/// Why a call to a ledger did not produce a result.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TransportError {
    /// The endpoint could not be reached at all.
    #[error("cannot connect to the ledger endpoint")]
    Unreachable,
    /// The endpoint did not answer in time.
    #[error("the ledger endpoint did not answer in time")]
    Timeout,
    /// The node answered with a JSON-RPC error (`error`, e.g. `actNotFound`, `txnNotFound`).
    #[error("{error}: {message}")]
    Rpc { error: String, message: String },
    /// The node answered something that is not a JSON-RPC reply.
    #[error("unexpected reply from the ledger endpoint: {0}")]
    Protocol(String),
    /// The faucet refused (rate limit, degraded, refused host).
    #[error("{0}")]
    Faucet(LabError),
    /// The endpoint is not one the lab may use (mainnet or unknown).
    #[error("{0}")]
    Refused(LabError),
}

impl TransportError {
    /// The rippled error token, when the node answered with one.
    pub fn rpc_error(&self) -> Option<&str> {
        match self {
            TransportError::Rpc { error, .. } => Some(error),
            _ => None,
        }
    }

    /// Whether trying the same call again later may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(self, TransportError::Unreachable | TransportError::Timeout)
    }

    /// The structured error a learner sees.
    pub fn to_lab_error(&self) -> LabError {
        match self {
            TransportError::Unreachable => LabError::new(
                "RUNTIME_NETWORK",
                "Cannot connect to the XRPL endpoint.",
                "Check your internet connection or set XRPL_LAB_RPC_URL, or run with --dry-run to practise offline.",
            ),
            TransportError::Timeout => LabError::new(
                "RUNTIME_TIMEOUT",
                "The XRPL endpoint did not answer in time; the testnet may be congested or your network slow.",
                "Retry in a minute, or run with --dry-run to practise offline.",
            ),
            TransportError::Rpc { error, message } => LabError::new(
                "RUNTIME_NETWORK",
                format!("The ledger answered with an error: {error} ({message})."),
                "Run 'xrpl-lab doctor' to check the endpoint.",
            ),
            TransportError::Protocol(_) => LabError::new(
                "RUNTIME_NETWORK",
                "The XRPL endpoint sent a reply the lab could not read.",
                "Check that XRPL_LAB_RPC_URL points at a rippled JSON-RPC port.",
            ),
            TransportError::Faucet(e) | TransportError::Refused(e) => e.clone(),
        }
    }
}

impl Transport {
    /// The ledger a learner's command talks to: the workspace's persisted sandbox ledger with
    /// `--dry-run`, else the network `XRPL_LAB_RPC_URL` names (the public Testnet by default).
    pub fn for_learner(
        dry_run: bool,
        workspace: &crate::workspace::Workspace,
    ) -> Result<Transport, LabError> {
        Ok(if dry_run {
            Transport::Sandbox(sandbox::open_workspace_ledger(workspace)?)
        } else {
            Transport::Rpc(rpc::RpcTransport::from_env())
        })
    }

    /// The network label used in state, packs and explorer links.
    pub fn network(&self) -> Network {
        match self {
            Transport::Sandbox(_) => Network::DryRun,
            Transport::Rpc(rpc) => rpc.network(),
        }
    }

    /// Calls a rippled JSON-RPC method and returns its `result` object, or the node's error.
    pub async fn call(&self, method: &str, params: Value) -> Result<Value, TransportError> {
        match self {
            Transport::Sandbox(sandbox) => sandbox.call(method, params).await,
            Transport::Rpc(rpc) => rpc.call(method, params).await,
        }
    }

    /// Asks the faucet to fund (and create) an account.
    pub async fn fund(&self, address: &str) -> Result<FundResult, TransportError> {
        match self {
            Transport::Sandbox(sandbox) => sandbox.fund(address).await,
            Transport::Rpc(rpc) => rpc.fund(address).await,
        }
    }

    /// Moves the ledger's clock forward by `seconds` and closes a ledger at the new time, so
    /// time-locked objects (escrows, channel expirations) can be shown to unlock without a
    /// classroom waiting. Only the sandbox's clock can be moved: a network refuses.
    pub async fn fast_forward(&self, seconds: u32) -> Result<(), TransportError> {
        match self {
            Transport::Sandbox(sandbox) => sandbox.fast_forward(seconds).await,
            Transport::Rpc(_) => Err(TransportError::Rpc {
                error: "notSupported".into(),
                message: "a network ledger's clock cannot be moved; wait for it instead".into(),
            }),
        }
    }

    /// How long to wait between polls for validation: the sandbox validates every transaction
    /// as it applies it, a network closes a ledger every 3–4 seconds.
    pub fn poll_interval(&self) -> Duration {
        match self {
            Transport::Sandbox(_) => Duration::ZERO,
            Transport::Rpc(_) => Duration::from_secs(1),
        }
    }
}

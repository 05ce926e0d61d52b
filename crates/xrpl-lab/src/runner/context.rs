//! What one run carries from step to step: the wallets in play, the receipts so far, and the
//! facts earlier steps learned (an offer's sequence, an NFT's id, a balance snapshot) that later
//! steps verify against.
//!
//! Wallets created during a run (the issuer, a buyer, a channel receiver) live here, not on
//! disk, except the learner's own wallet and the issuer wallet, which the original persists and
//! so do we. Their seeds never leave [`Wallet`]: it has no `Debug` that prints them.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;
use xrpl_proto::keys::KeyPair;

/// A signing identity used in a run.
pub struct Wallet {
    pub address: String,
    pub keys: KeyPair,
}

impl fmt::Debug for Wallet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Wallet")
            .field("address", &self.address)
            .field("keys", &"***")
            .finish()
    }
}

/// The outcome of the latest submission, sticky across steps (the report and `step_complete`
/// read it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastSubmit {
    pub txid: String,
    pub result_code: String,
    pub success: bool,
}

/// A transaction that failed, kept for the summary ("N failed").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedTx {
    pub txid: String,
    pub result_code: String,
    pub error: String,
}

/// Everything a run accumulates.
#[derive(Debug, Default)]
pub struct RunContext {
    pub module_id: String,
    /// The run's timestamp id (UTC `%Y%m%dT%H%M%S`), used in strategy memos.
    pub run_id: String,
    pub dry_run: bool,
    pub learner: Option<Wallet>,
    pub issuer: Option<Wallet>,
    /// Extra wallets by role (`buyer`, `receiver`, `noclaw_issuer`): funded, never persisted.
    pub others: BTreeMap<String, Wallet>,
    /// Successful transaction ids of this run, in order.
    pub txids: Vec<String>,
    pub failed: Vec<FailedTx>,
    pub last_submit: Option<LastSubmit>,
    /// Checks printed by the latest verify action (first three go into the report).
    pub last_verify: Vec<String>,
    /// Values learned by earlier steps, by name (`offer_sequence`, `nft_id`, `snapshot_before`…).
    pub facts: BTreeMap<String, Value>,
}

impl RunContext {
    pub fn new(module_id: &str, run_id: String, dry_run: bool) -> Self {
        Self {
            module_id: module_id.to_string(),
            run_id,
            dry_run,
            ..Self::default()
        }
    }

    pub fn fact(&self, name: &str) -> Option<&Value> {
        self.facts.get(name)
    }

    pub fn fact_str(&self, name: &str) -> Option<&str> {
        self.facts.get(name).and_then(Value::as_str)
    }

    pub fn set_fact(&mut self, name: &str, value: impl Into<Value>) {
        self.facts.insert(name.to_string(), value.into());
    }

    /// The wallet playing `role`: `learner`/`creator`, `issuer`, or one of the extra roles.
    pub fn wallet(&self, role: &str) -> Option<&Wallet> {
        match role {
            "learner" | "creator" => self.learner.as_ref(),
            "issuer" => self.issuer.as_ref(),
            other => self.others.get(other),
        }
    }
}

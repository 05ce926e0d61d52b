//! The faucet: Testnet-style funding from the genesis account.
//!
//! Funding is an ordinary signed Payment from genesis, applied through the same pipeline as
//! every other transaction, so it has a real id, shows up in `tx` and `account_tx`, burns its fee
//! and respects the reserve. Asking for a new account generates a fresh ed25519 wallet; its seed
//! goes back to the requester only (never into a log or the `Debug` output).

use std::fmt;

use serde_json::{Value, json};
use thiserror::Error;
use xrpl_proto::address::XAddress;
use xrpl_proto::keys::KeyPair;
use xrpl_proto::seed::{Algorithm, Seed};

use crate::ledger::{GENESIS_ACCOUNT, Ledger, SubmitError};
use crate::proto::{AccountId, Hash256, sign_transaction};
use crate::result::Ter;

/// The well-known seed of rippled's genesis account (`masterpassphrase`).
const GENESIS_SEED: &str = "snoPBrXtMeMyMHUVTgbuqAfg1SUTb";

/// The sandbox faucet's default grant, 1000 XRP (what the lab's original dry-run handed out).
pub const DEFAULT_FAUCET_DROPS: u64 = 1_000 * 1_000_000;

/// Why funding failed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FaucetError {
    /// The genesis payment was not applied.
    #[error("the faucet payment failed: {0}")]
    Rejected(Ter),
    /// A fresh wallet could not be generated (no system randomness).
    #[error("could not generate a new wallet")]
    NoRandomness,
    /// The journal could not record the payment.
    #[error("the ledger journal failed: {0}")]
    Journal(String),
    /// The genesis payment could not be built or signed.
    #[error("the faucet could not sign its payment: {0}")]
    Signing(String),
}

/// A funded account.
#[derive(Clone)]
pub struct FaucetGrant {
    /// The account funded.
    pub account: AccountId,
    /// The seed of a wallet the faucet generated (None when an address was given).
    pub seed: Option<String>,
    /// Drops sent.
    pub amount: u64,
    /// The account's balance afterwards, in drops.
    pub balance: u64,
    /// The funding transaction's id.
    pub tx_hash: Hash256,
}

impl fmt::Debug for FaucetGrant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FaucetGrant")
            .field("account", &self.account)
            .field("seed", &self.seed.as_ref().map(|_| "<redacted>"))
            .field("amount", &self.amount)
            .field("balance", &self.balance)
            .field("tx_hash", &self.tx_hash)
            .finish()
    }
}

impl FaucetGrant {
    /// The Testnet faucet's response body (`/accounts`), amounts in XRP. Unlike Testnet's it
    /// never carries a secret: XRPL clients generate their wallet locally and send the address,
    /// and no secret may reach an API response. An in-process caller that let the faucet
    /// generate a wallet reads [`FaucetGrant::seed`] instead.
    pub fn to_testnet_json(&self) -> Value {
        let classic = self.account.to_classic();
        let account = json!({
            "xAddress": XAddress::new(self.account, None, true).encode(),
            "classicAddress": classic,
            "address": classic,
        });
        json!({
            "account": account,
            "amount": self.amount as f64 / 1e6,
            "balance": self.balance as f64 / 1e6,
            "hash": self.tx_hash.to_hex(),
        })
    }
}

impl Ledger {
    /// Funds `account` (or a newly generated wallet when `None`) with `drops` from genesis.
    pub fn faucet(
        &mut self,
        account: Option<AccountId>,
        drops: u64,
    ) -> Result<FaucetGrant, FaucetError> {
        let (account, seed) = match account {
            Some(a) => (a, None),
            None => {
                let seed =
                    Seed::generate(Algorithm::Ed25519).map_err(|_| FaucetError::NoRandomness)?;
                let keys = KeyPair::from_seed(&seed).map_err(|_| FaucetError::NoRandomness)?;
                (keys.account_id(), Some(seed.encode()))
            }
        };
        if self.genesis_keys.is_none() {
            let keys = KeyPair::from_seed_str(GENESIS_SEED)
                .map_err(|e| FaucetError::Signing(e.to_string()))?;
            self.genesis_keys = Some(keys);
        }
        let sequence = self
            .account(&GENESIS_ACCOUNT)
            .map(|g| g.sequence)
            .ok_or(FaucetError::Rejected(Ter::terNO_ACCOUNT))?;
        let mut tx = json!({
            "TransactionType": "Payment",
            "Account": GENESIS_ACCOUNT.to_classic(),
            "Destination": account.to_classic(),
            "Amount": drops.to_string(),
            "Fee": self.fees().base_fee.to_string(),
            "Sequence": sequence,
            "Flags": 0,
        });
        if let Some(id) = self.config().network_id_field() {
            tx["NetworkID"] = id.into();
        }
        let keys = self
            .genesis_keys
            .as_ref()
            .ok_or_else(|| FaucetError::Signing("no genesis key".into()))?;
        let blob = sign_transaction(&tx, keys).map_err(|e| FaucetError::Signing(e.to_string()))?;
        let outcome = self.submit(&blob).map_err(|e| match e {
            SubmitError::Malformed(m) => FaucetError::Signing(m),
            SubmitError::BadSignature => FaucetError::Signing(e.to_string()),
            SubmitError::Journal(m) => FaucetError::Journal(m),
        })?;
        if !outcome.result.is_success() {
            return Err(FaucetError::Rejected(outcome.result));
        }
        Ok(FaucetGrant {
            account,
            seed,
            amount: drops,
            balance: self.account(&account).map_or(0, |a| a.balance),
            tx_hash: outcome.hash,
        })
    }
}

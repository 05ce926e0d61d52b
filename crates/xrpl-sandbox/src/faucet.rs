//! A Testnet-style faucet: funds (and so creates) an account from the genesis wallet.
//!
//! Funding is a real, signed Payment from the genesis account (the well-known `masterpassphrase`
//! key, as in every rippled genesis ledger), applied through the same pipeline as any learner
//! transaction: it has a txid, shows up in `tx` and `account_tx`, burns its fee, and keeps XRP
//! conserved. The request and reply have the Testnet faucet's shape, so xrpl-py's and xrpl.js's
//! funding helpers work against `xrpl-lab ledger serve` unchanged.

use serde_json::{Value, json};
use xrpl_proto::address::{AccountId, XAddress};
use xrpl_proto::keys::KeyPair;

use crate::ledger::{GENESIS_ACCOUNT, Ledger};

/// XRP granted per request, in drops: generous, so the curriculum's richest module (an NFT sold
/// twice, an AMM pool) never runs dry in a classroom.
pub const FAUCET_DROPS: u64 = 1_000 * 1_000_000;

/// The genesis account's seed (`masterpassphrase`): public knowledge, sandbox-only.
const GENESIS_SEED: &str = "snoPBrXtMeMyMHUVTgbuqAfg1SUTb";

impl Ledger {
    /// Answers a faucet request body (`{"destination": "r…" | "X…"}`) with the Testnet faucet's
    /// reply, or a message saying why the account could not be funded.
    pub fn faucet_request(&mut self, request: &Value) -> Result<Value, String> {
        let destination = request
            .get("destination")
            .and_then(Value::as_str)
            .ok_or("a destination address is required: {\"destination\": \"r…\"}")?;
        let (account, _tag) = xrpl_proto::address::parse_any(destination)
            .map_err(|e| format!("'{destination}' is not an XRPL address: {e}"))?;
        let hash = self.fund(&account, FAUCET_DROPS)?;
        let balance = self.account(&account).map_or(0, |root| root.balance);
        Ok(json!({
            "account": {
                "xAddress": XAddress::new(account, None, true).encode(),
                "classicAddress": account.to_classic(),
                "address": account.to_classic(),
            },
            "amount": FAUCET_DROPS / 1_000_000,
            "balance": balance / 1_000_000,
            "transactionHash": hash,
        }))
    }

    /// Pays `drops` from genesis to `account` with a signed Payment; returns its txid.
    pub fn fund(&mut self, account: &AccountId, drops: u64) -> Result<String, String> {
        if *account == GENESIS_ACCOUNT {
            return Err("the genesis account cannot fund itself".into());
        }
        let genesis =
            KeyPair::from_seed_str(GENESIS_SEED).map_err(|e| format!("genesis key: {e}"))?;
        let sequence = self
            .account(&GENESIS_ACCOUNT)
            .map(|root| root.sequence)
            .ok_or("the genesis account is gone")?;
        let tx = json!({
            "TransactionType": "Payment",
            "Account": GENESIS_ACCOUNT.to_classic(),
            "Destination": account.to_classic(),
            "Amount": drops.to_string(),
            "Fee": self.fees().base_fee.to_string(),
            "Sequence": sequence,
        });
        let signed = xrpl_proto::sign::sign_transaction(&tx, &genesis)
            .map_err(|e| format!("could not sign the funding payment: {e}"))?;
        let blob = hex::decode(&signed.tx_blob).map_err(|e| e.to_string())?;
        let outcome = self.submit(&blob).map_err(|e| e.to_string())?;
        if outcome.result.is_success() {
            Ok(signed.hash)
        } else {
            Err(format!(
                "the funding payment failed: {} ({})",
                outcome.result,
                outcome.result.message()
            ))
        }
    }
}

//! Shared test harness: wallets from fixed seeds, a ledger on a fixed clock, and a `submit` that
//! autofills, signs for real with `xrpl-proto` and submits the blob — the way a learner's client
//! talks to the sandbox.

#![allow(dead_code)]

use serde_json::{Value, json};
use xrpl_proto::keys::KeyPair;
use xrpl_proto::seed::{Algorithm, Seed};
use xrpl_sandbox::ledger::settings::{ClockSource, LedgerConfig};
use xrpl_sandbox::proto::{AccountId, sign_transaction};
use xrpl_sandbox::{Ledger, SubmitOutcome, Ter};

/// One XRP in drops.
pub const XRP: u64 = 1_000_000;

/// The fixed start time of test ledgers (Ripple epoch seconds, 2024-01-01).
pub const T0: u32 = 757_382_400;

/// A test wallet.
pub struct Wallet {
    pub keys: KeyPair,
    pub account: AccountId,
}

impl Wallet {
    /// A wallet from fixed entropy: the same `n` always gives the same keys.
    pub fn new(n: u8, algorithm: Algorithm) -> Wallet {
        let keys = KeyPair::from_seed(&Seed::from_entropy([n; 16], algorithm)).unwrap();
        let account = keys.account_id();
        Wallet { keys, account }
    }

    /// An ed25519 wallet (what the lab creates).
    pub fn ed(n: u8) -> Wallet {
        Wallet::new(n, Algorithm::Ed25519)
    }

    /// A secp256k1 wallet.
    pub fn secp(n: u8) -> Wallet {
        Wallet::new(n, Algorithm::Secp256k1)
    }

    /// The classic address.
    pub fn address(&self) -> String {
        self.account.to_classic()
    }
}

/// A ledger on a fixed clock with helpers for signing and submitting.
pub struct Lab {
    pub ledger: Ledger,
}

impl Lab {
    pub fn new() -> Lab {
        Lab::with_config(LedgerConfig {
            clock: ClockSource::Fixed(T0),
            ..LedgerConfig::default()
        })
    }

    pub fn with_config(config: LedgerConfig) -> Lab {
        Lab {
            ledger: Ledger::new(config),
        }
    }

    /// Funds `wallet` from genesis with `xrp` whole XRP.
    pub fn fund(&mut self, wallet: &Wallet, xrp: u64) {
        let grant = self.ledger.faucet(Some(wallet.account), xrp * XRP).unwrap();
        assert_eq!(grant.account, wallet.account);
    }

    /// Signs `tx` as-is (no autofill) and returns the blob.
    pub fn sign(&self, wallet: &Wallet, tx: &Value) -> Vec<u8> {
        sign_transaction(tx, &wallet.keys).unwrap()
    }

    /// Fills Account, Fee (reference fee) and Sequence (the account's next) where missing.
    pub fn autofill(&self, wallet: &Wallet, mut tx: Value) -> Value {
        let map = tx.as_object_mut().unwrap();
        map.entry("Account")
            .or_insert_with(|| json!(wallet.address()));
        map.entry("Fee")
            .or_insert_with(|| json!(self.ledger.fees().base_fee.to_string()));
        if !map.contains_key("Sequence") {
            let seq = self
                .ledger
                .account(&wallet.account)
                .map_or(0, |a| a.sequence);
            map.insert("Sequence".into(), json!(seq));
        }
        tx
    }

    /// Autofills, signs with `wallet` and submits.
    pub fn submit(&mut self, wallet: &Wallet, tx: Value) -> SubmitOutcome {
        let tx = self.autofill(wallet, tx);
        let blob = self.sign(wallet, &tx);
        self.ledger.submit(&blob).unwrap()
    }

    /// Submits and asserts the engine result.
    pub fn expect(&mut self, wallet: &Wallet, tx: Value, ter: Ter) -> SubmitOutcome {
        let outcome = self.submit(wallet, tx);
        assert_eq!(outcome.result, ter, "tx_json: {}", outcome.tx_json);
        outcome
    }

    /// XRP balance in drops (0 when the account does not exist).
    pub fn balance(&self, wallet: &Wallet) -> u64 {
        self.ledger
            .account(&wallet.account)
            .map_or(0, |a| a.balance)
    }

    /// Owner count.
    pub fn owner_count(&self, wallet: &Wallet) -> u32 {
        self.ledger
            .account(&wallet.account)
            .map_or(0, |a| a.owner_count)
    }

    /// Next sequence.
    pub fn sequence(&self, wallet: &Wallet) -> u32 {
        self.ledger
            .account(&wallet.account)
            .map_or(0, |a| a.sequence)
    }

    /// JSON-RPC call with one params object; returns `result`.
    pub fn rpc(&mut self, method: &str, params: Value) -> Value {
        let response = self
            .ledger
            .rpc(&json!({"method": method, "params": [params]}));
        response["result"].clone()
    }
}

/// A Payment of XRP drops.
pub fn pay_xrp(to: &Wallet, drops: u64) -> Value {
    json!({"TransactionType": "Payment", "Destination": to.address(), "Amount": drops.to_string()})
}

/// The `AffectedNodes` entry of type `kind` (CreatedNode, ModifiedNode, DeletedNode) whose
/// LedgerEntryType is `entry_type` and whose fields mention `account`.
pub fn find_node<'a>(
    meta: &'a Value,
    kind: &str,
    entry_type: &str,
    account: &str,
) -> Option<&'a Value> {
    meta["AffectedNodes"].as_array()?.iter().find_map(|node| {
        let inner = node.get(kind)?;
        let fields = inner
            .get("FinalFields")
            .or_else(|| inner.get("NewFields"))?;
        (inner["LedgerEntryType"] == entry_type && fields["Account"] == account).then_some(inner)
    })
}

/// A currency code.
pub fn cur(code: &str) -> xrpl_proto::amount::Currency {
    xrpl_proto::amount::Currency::from_code(code).unwrap()
}

/// An issued amount's JSON.
pub fn iou(issuer: &Wallet, code: &str, value: &str) -> Value {
    json!({"currency": code, "issuer": issuer.address(), "value": value})
}

/// A TrustSet from the holder towards `issuer`.
pub fn trust(issuer: &Wallet, code: &str, limit: &str) -> Value {
    json!({"TransactionType": "TrustSet", "LimitAmount": iou(issuer, code, limit)})
}

/// A Payment of an issued amount.
pub fn pay_iou(to: &Wallet, amount: Value) -> Value {
    json!({"TransactionType": "Payment", "Destination": to.address(), "Amount": amount})
}

/// An AccountSet setting an `asf` flag.
pub fn set_flag(flag: u32) -> Value {
    json!({"TransactionType": "AccountSet", "SetFlag": flag})
}

impl Lab {
    /// `holder`'s balance of `issuer`'s `code`, as a decimal string ("0" without a line).
    pub fn iou_balance(&self, holder: &Wallet, issuer: &Wallet, code: &str) -> String {
        self.ledger
            .trust_line(&holder.account, &issuer.account, &cur(code))
            .map_or("0".into(), |line| {
                line.balance_for(&holder.account).to_string()
            })
    }

    /// True when a line exists between the two.
    pub fn has_line(&self, a: &Wallet, b: &Wallet, code: &str) -> bool {
        self.ledger
            .trust_line(&a.account, &b.account, &cur(code))
            .is_some()
    }

    /// The number of objects in `wallet`'s owner directory.
    pub fn owned(&self, wallet: &Wallet) -> usize {
        self.ledger.owned_objects(&wallet.account).len()
    }
}

//! Closed ledgers and the transaction index behind `tx`, `account_tx` and `ledger`.
//!
//! Every applied transaction is kept with its metadata and the ledger it went into; a
//! transaction is validated once that ledger has closed (the sandbox is its own single
//! validator, so closed means validated).

use std::collections::HashMap;

use serde_json::Value;

use crate::proto::{AccountId, Hash256};

/// The header of a closed ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerHeader {
    /// Ledger sequence (`ledger_index`).
    pub seq: u32,
    /// This ledger's hash.
    pub hash: Hash256,
    /// The previous ledger's hash.
    pub parent_hash: Hash256,
    /// Close time, Ripple-epoch seconds.
    pub close_time: u32,
    /// XRP in existence after this ledger (drops): fees burned so far are gone.
    pub total_drops: u64,
    /// Transactions in this ledger, in `TransactionIndex` order.
    pub transactions: Vec<Hash256>,
}

/// One applied transaction, stored compactly (its blob and its metadata as JSON text): a
/// classroom ledger keeps every transaction, and a JSON tree costs several times its text.
#[derive(Debug, Clone)]
pub struct TxRecord {
    /// Its id.
    pub hash: Hash256,
    /// The signed blob.
    pub blob: Box<[u8]>,
    /// Its metadata (with `TransactionIndex`), as compact JSON text.
    meta: Box<str>,
    /// The ledger it went into.
    pub ledger_seq: u32,
}

impl TxRecord {
    /// A record of `blob`, applied with `meta` in ledger `ledger_seq`.
    pub fn new(hash: Hash256, blob: &[u8], meta: &Value, ledger_seq: u32) -> TxRecord {
        TxRecord {
            hash,
            blob: blob.into(),
            meta: compact_json(meta),
            ledger_seq,
        }
    }

    /// The transaction's JSON, decoded from its blob (which decoded once already).
    pub fn tx_json(&self) -> Value {
        xrpl_proto::codec::decode(&self.blob).unwrap_or(Value::Null)
    }

    /// The metadata.
    pub fn meta(&self) -> Value {
        serde_json::from_str(&self.meta).unwrap_or(Value::Null)
    }
}

/// `value` as compact JSON text. Serialised into bytes rather than through `Display`, which
/// goes through a formatter per token and costs a third more.
fn compact_json(value: &Value) -> Box<str> {
    // Sized for a payment's metadata, so the text is not re-allocated as it grows.
    let mut bytes = Vec::with_capacity(1024);
    serde_json::to_writer(&mut bytes, value)
        .ok()
        .and_then(|()| String::from_utf8(bytes).ok())
        .unwrap_or_else(|| value.to_string())
        .into_boxed_str()
}

/// Everything closed so far, and every applied transaction.
#[derive(Debug, Default)]
pub struct History {
    ledgers: Vec<LedgerHeader>,
    txs: HashMap<Hash256, TxRecord>,
    by_account: HashMap<AccountId, Vec<Hash256>>,
}

impl History {
    /// Appends a closed ledger.
    pub fn push_ledger(&mut self, header: LedgerHeader) {
        self.ledgers.push(header);
    }

    /// The last closed (= validated) ledger.
    pub fn last_closed(&self) -> Option<&LedgerHeader> {
        self.ledgers.last()
    }

    /// A closed ledger by sequence.
    pub fn ledger(&self, seq: u32) -> Option<&LedgerHeader> {
        let first = self.ledgers.first()?.seq;
        self.ledgers
            .get(usize::try_from(seq.checked_sub(first)?).ok()?)
    }

    /// A closed ledger by hash.
    pub fn ledger_by_hash(&self, hash: &Hash256) -> Option<&LedgerHeader> {
        self.ledgers.iter().rev().find(|l| &l.hash == hash)
    }

    /// The sequence of the first ledger still held.
    pub fn first_seq(&self) -> Option<u32> {
        self.ledgers.first().map(|l| l.seq)
    }

    /// Records an applied transaction for the accounts it touched.
    pub fn record_tx(&mut self, record: TxRecord, accounts: &[AccountId]) {
        for account in accounts {
            self.by_account
                .entry(*account)
                .or_default()
                .push(record.hash);
        }
        self.txs.insert(record.hash, record);
    }

    /// A transaction by id.
    pub fn tx(&self, hash: &Hash256) -> Option<&TxRecord> {
        self.txs.get(hash)
    }

    /// The ids of an account's transactions, oldest first.
    pub fn account_txs(&self, account: &AccountId) -> &[Hash256] {
        self.by_account
            .get(account)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

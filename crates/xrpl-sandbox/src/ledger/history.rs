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

/// `value` as compact JSON text, byte for byte what `serde_json::to_vec` writes. Written here
/// because every applied transaction's metadata comes through: serde_json checks each string
/// a byte at a time for characters to escape, while metadata is hundreds of bytes of hex,
/// addresses and names with none, which a check eight bytes at a time passes through at a
/// fraction of the cost. Anything that does need escaping, and every float, is left to
/// serde_json.
fn compact_json(value: &Value) -> Box<str> {
    // Sized for a payment's metadata, so the text is not re-allocated as it grows.
    let mut out = Vec::with_capacity(1024);
    write_compact(value, &mut out);
    String::from_utf8(out)
        .unwrap_or_else(|_| value.to_string())
        .into_boxed_str()
}

fn write_compact(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => write_u64(u, out),
            (None, Some(i)) => {
                out.push(b'-');
                write_u64(i.unsigned_abs(), out);
            }
            _ => write_with_serde(n, out),
        },
        Value::String(text) => write_str(text, out),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_compact(item, out);
            }
            out.push(b']');
        }
        Value::Object(fields) => {
            out.push(b'{');
            for (i, (key, item)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_str(key, out);
                out.push(b':');
                write_compact(item, out);
            }
            out.push(b'}');
        }
    }
}

/// A JSON string: copied as is when nothing in it needs escaping, else written by serde_json.
fn write_str(text: &str, out: &mut Vec<u8>) {
    if needs_escape(text.as_bytes()) {
        write_with_serde(text, out);
        return;
    }
    out.push(b'"');
    out.extend_from_slice(text.as_bytes());
    out.push(b'"');
}

/// True when `bytes` holds a `"`, a `\` or a control character (below 0x20): the bytes JSON
/// escapes. Eight at a time, with the classic zero-byte test: `(x - 0x01…) & !x & 0x80…` is
/// non-zero exactly when some byte of `x` is zero (and `(x - n·0x01…) & !x & 0x80…` when some
/// byte is below `n`, for `n` ≤ 0x80).
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGHS != 0;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut le = [0u8; 8];
        le.copy_from_slice(word);
        let x = u64::from_le_bytes(le);
        if below(x, 0x20)
            || below(x ^ (ONES * u64::from(b'"')), 1)
            || below(x ^ (ONES * u64::from(b'\\')), 1)
        {
            return true;
        }
    }
    words
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

fn write_u64(mut n: u64, out: &mut Vec<u8>) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

fn write_with_serde<T: serde::Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) {
    // Writing into a Vec cannot fail, and strings and numbers always serialise.
    let _ = serde_json::to_writer(&mut *out, value);
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::{Map, Value, json};

    use super::{compact_json, needs_escape};

    /// Any JSON value a few levels deep; strings of every kind, escapes included.
    fn any_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(|f| json!(f)),
            "[ -~]{0,40}".prop_map(Value::from),
            any::<String>().prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec((any::<String>(), inner), 0..6)
                    .prop_map(|fields| Value::Object(fields.into_iter().collect::<Map<_, _>>())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// The metadata text is serde_json's, byte for byte.
        #[test]
        fn compact_json_is_serde_json_text(value in any_json()) {
            let ours = compact_json(&value);
            let theirs = serde_json::to_vec(&value).unwrap();
            prop_assert_eq!(ours.as_bytes(), theirs.as_slice());
        }

        /// The word-at-a-time check agrees with the byte-at-a-time one.
        #[test]
        fn escape_check_matches_bytewise(bytes in prop::collection::vec(any::<u8>(), 0..40)) {
            let bytewise = bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
            prop_assert_eq!(needs_escape(&bytes), bytewise);
        }
    }

    #[test]
    fn compact_json_of_metadata_and_edge_values() {
        let value = json!({
            "AffectedNodes": [{"ModifiedNode": {"FinalFields": {"Balance": "99999990",
                "Flags": 0, "Sequence": 4294967295u64}, "LedgerEntryType": "AccountRoot"}}],
            "TransactionIndex": 0, "TransactionResult": "tesSUCCESS",
            "n": [u64::MAX, i64::MIN, -1, 0.5, 1e300, null, true],
            "s": ["a\"b", "0123456\\", "\u{1f}", "\u{7f}é\u{80}ÿ", "", "0123456789abcdef"]
        });
        let theirs = serde_json::to_vec(&value).unwrap();
        assert_eq!(compact_json(&value).as_bytes(), theirs.as_slice());
    }
}

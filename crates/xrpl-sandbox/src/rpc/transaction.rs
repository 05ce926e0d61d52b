//! `submit` and `tx`: sending a signed blob and reading a transaction back, in API v1 and v2
//! shapes (v2 nests the transaction under `tx_json` and renames a Payment's `Amount` to
//! `DeliverMax`), with rippled's synthetic metadata fields.

use serde_json::{Map, Value};

use super::params;
use super::{RpcError, RpcResult};
use crate::ledger::history::TxRecord;
use crate::ledger::time::iso_8601;
use crate::proto::parse_hash256;
use crate::{Ledger, SubmitError, Ter};

/// `submit` (blob form): applies the transaction and reports the engine result.
pub fn submit(ledger: &mut Ledger, params: &Value) -> RpcResult {
    let blob_hex = params
        .get("tx_blob")
        .ok_or_else(|| RpcError::missing("tx_blob"))?
        .as_str()
        .ok_or_else(|| RpcError::invalid("tx_blob"))?;
    let blob =
        hex::decode(blob_hex).map_err(|_| RpcError::InvalidParams("Invalid parameter.".into()))?;
    let outcome = ledger.submit(&blob).map_err(|err| match err {
        SubmitError::Malformed(detail) => RpcError::InvalidTransaction(detail),
        SubmitError::BadSignature => RpcError::InvalidTransaction(err.to_string()),
        SubmitError::Journal(detail) => RpcError::Internal(detail),
    })?;
    let result = outcome.result;
    let kept = result.is_applied() || matches!(result, Ter::terPRE_SEQ | Ter::terPRE_TICKET);
    let account = outcome
        .tx_json
        .get("Account")
        .and_then(Value::as_str)
        .and_then(crate::proto::decode_address);
    let next_seq = account
        .and_then(|a| ledger.account(&a))
        .map(|root| root.sequence);
    let mut tx_json = outcome.tx_json.clone();
    if let Value::Object(map) = &mut tx_json {
        map.insert("hash".into(), outcome.hash.to_hex().into());
    }
    let mut out = Map::new();
    out.insert("accepted".into(), result.is_applied().into());
    if let Some(seq) = next_seq {
        out.insert("account_sequence_available".into(), seq.into());
        out.insert("account_sequence_next".into(), seq.into());
    }
    out.insert("applied".into(), result.is_applied().into());
    out.insert("broadcast".into(), result.is_applied().into());
    out.insert("engine_result".into(), result.token().into());
    out.insert("engine_result_code".into(), result.code().into());
    out.insert("engine_result_message".into(), result.message().into());
    out.insert("kept".into(), kept.into());
    out.insert(
        "open_ledger_cost".into(),
        ledger.fees().base_fee.to_string().into(),
    );
    out.insert("queued".into(), false.into());
    out.insert("tx_blob".into(), blob_hex.to_ascii_uppercase().into());
    out.insert("tx_json".into(), tx_json);
    out.insert(
        "validated_ledger_index".into(),
        ledger.validated_ledger_seq().into(),
    );
    Ok(out)
}

/// `tx`: a transaction by id, with its metadata and validation status.
pub fn tx(ledger: &mut Ledger, params: &Value) -> RpcResult {
    let api = params::api_version(params)?;
    let hash_text = params
        .get("transaction")
        .ok_or_else(|| RpcError::missing("transaction"))?
        .as_str()
        .ok_or_else(|| RpcError::invalid("transaction"))?;
    let hash = parse_hash256(hash_text).ok_or_else(|| RpcError::invalid("transaction"))?;
    let found = ledger.tx(&hash).ok_or(RpcError::TxnNotFound)?;
    let record = found.record;
    let header = ledger.history().ledger(record.ledger_seq);
    let mut out = Map::new();
    if api >= 2 {
        if let Some(header) = header {
            out.insert("close_time_iso".into(), iso_8601(header.close_time).into());
            out.insert("ledger_hash".into(), header.hash.to_hex().into());
        }
        out.insert("hash".into(), record.hash.to_hex().into());
        out.insert("ledger_index".into(), record.ledger_seq.into());
        out.insert("meta".into(), meta_for(record));
        out.insert("tx_json".into(), tx_json_for(record, api));
    } else {
        if let Value::Object(fields) = tx_json_for(record, api) {
            out.extend(fields);
        }
        if let Some(header) = header {
            out.insert("date".into(), header.close_time.into());
        }
        out.insert("inLedger".into(), record.ledger_seq.into());
        out.insert("ledger_index".into(), record.ledger_seq.into());
        out.insert("meta".into(), meta_for(record));
    }
    out.insert("validated".into(), found.validated.into());
    Ok(out)
}

/// The transaction's metadata as rippled shows it: what the engine wrote, plus the synthetic
/// ids (`nftoken_id`, `offer_id`, `mpt_issuance_id`, …) of [`super::synthetic`].
pub fn meta_for(record: &TxRecord) -> Value {
    let mut meta = record.meta();
    super::synthetic::insert_synthetic_fields(&record.tx_json(), &mut meta);
    meta
}

/// The transaction's JSON as the API version shows it.
pub fn tx_json_for(record: &TxRecord, api: u32) -> Value {
    let mut tx = record.tx_json();
    if let Value::Object(map) = &mut tx {
        let is_payment = map.get("TransactionType").and_then(Value::as_str) == Some("Payment");
        if is_payment && let Some(amount) = map.get("Amount").cloned() {
            map.insert("DeliverMax".into(), amount);
            if api >= 2 {
                map.remove("Amount");
            }
        }
        if api < 2 {
            map.insert("hash".into(), record.hash.to_hex().into());
        }
        map.sort_keys();
    }
    tx
}

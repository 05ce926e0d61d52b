//! Ledger queries and control: `ledger`, `ledger_accept`, `ledger_current`, `ledger_closed`,
//! `ledger_entry`.

use serde_json::{Map, Value, json};

use super::params::{self, ledger_stamp};
use super::{RpcError, RpcResult};
use crate::Ledger;
use crate::ledger::history::LedgerHeader;
use crate::ledger::time::{human, iso_8601};
use crate::proto::{AccountId, Hash256, decode_address, keylet, parse_hash256};
use xrpl_proto::amount::Currency;

/// `ledger`: a closed ledger's header (and its transactions on request), or the open ledger.
pub fn ledger(ledger: &mut Ledger, params: &Value) -> RpcResult {
    let with_txs = params::flag(params, "transactions")?;
    let expand = params::flag(params, "expand")?;
    let api = params::api_version(params)?;
    let header = if let Some(hash) = params.get("ledger_hash") {
        let hash = hash
            .as_str()
            .and_then(parse_hash256)
            .ok_or_else(|| RpcError::invalid("ledger_hash"))?;
        ledger.history().ledger_by_hash(&hash)
    } else {
        let seq = match params.get("ledger_index") {
            None => ledger.validated_ledger_seq(),
            Some(index) => params::ledger_seq(ledger, index)?,
        };
        if seq == ledger.current_ledger_seq() {
            return Ok(open_ledger(ledger));
        }
        ledger.history().ledger(seq)
    };
    let header = header.ok_or(RpcError::LedgerNotFound)?.clone();
    let parent_close = ledger
        .history()
        .ledger(header.seq.saturating_sub(1))
        .filter(|_| header.seq > 1)
        .map_or(0, |p| p.close_time);
    let mut body = header_json(&header, parent_close);
    if with_txs {
        let txs: Vec<Value> = header
            .transactions
            .iter()
            .map(|hash| match (expand, ledger.tx(hash)) {
                (true, Some(found)) => {
                    let mut tx = super::transaction::tx_json_for(found.record, api);
                    if let Value::Object(map) = &mut tx {
                        map.insert("metaData".into(), found.record.meta());
                    }
                    tx
                }
                _ => Value::String(hash.to_hex()),
            })
            .collect();
        body.insert("transactions".into(), Value::Array(txs));
    }
    let mut out = Map::new();
    out.insert("ledger".into(), Value::Object(body));
    out.insert("ledger_hash".into(), header.hash.to_hex().into());
    out.insert("ledger_index".into(), header.seq.into());
    out.insert("validated".into(), true.into());
    Ok(out)
}

fn header_json(header: &LedgerHeader, parent_close: u32) -> Map<String, Value> {
    let tx_hash = crate::proto::sha512_half(
        &header
            .transactions
            .iter()
            .map(|h| h.as_bytes().as_slice())
            .collect::<Vec<_>>(),
    );
    let mut body = Map::new();
    body.insert("account_hash".into(), Hash256::ZERO.to_hex().into());
    body.insert("close_flags".into(), 0.into());
    body.insert("close_time".into(), header.close_time.into());
    body.insert("close_time_human".into(), human(header.close_time).into());
    body.insert("close_time_iso".into(), iso_8601(header.close_time).into());
    body.insert("close_time_resolution".into(), 10.into());
    body.insert("closed".into(), true.into());
    body.insert("ledger_hash".into(), header.hash.to_hex().into());
    body.insert("ledger_index".into(), header.seq.to_string().into());
    body.insert("parent_close_time".into(), parent_close.into());
    body.insert("parent_hash".into(), header.parent_hash.to_hex().into());
    body.insert("total_coins".into(), header.total_drops.to_string().into());
    body.insert("transaction_hash".into(), tx_hash.to_hex().into());
    body
}

fn open_ledger(ledger: &Ledger) -> Map<String, Value> {
    let last = ledger.last_closed();
    let mut out = Map::new();
    out.insert(
        "ledger".into(),
        json!({
            "closed": false,
            "ledger_index": ledger.current_ledger_seq().to_string(),
            "parent_close_time": last.close_time,
            "parent_hash": last.hash.to_hex(),
            "total_coins": ledger.total_drops().to_string(),
        }),
    );
    out.insert(
        "ledger_current_index".into(),
        ledger.current_ledger_seq().into(),
    );
    out.insert("validated".into(), false.into());
    out
}

/// `ledger_accept`: closes the open ledger now (a standalone-mode command).
pub fn ledger_accept(ledger: &mut Ledger) -> RpcResult {
    let current = ledger
        .ledger_accept()
        .map_err(|e| RpcError::Internal(e.to_string()))?;
    let mut out = Map::new();
    out.insert("ledger_current_index".into(), current.into());
    Ok(out)
}

/// `ledger_current`: the open ledger's sequence.
pub fn ledger_current(ledger: &mut Ledger) -> RpcResult {
    let mut out = Map::new();
    out.insert(
        "ledger_current_index".into(),
        ledger.current_ledger_seq().into(),
    );
    Ok(out)
}

/// `ledger_closed`: the last closed ledger's hash and sequence.
pub fn ledger_closed(ledger: &mut Ledger) -> RpcResult {
    let last = ledger.last_closed();
    let mut out = Map::new();
    out.insert("ledger_hash".into(), last.hash.to_hex().into());
    out.insert("ledger_index".into(), last.seq.into());
    Ok(out)
}

/// `ledger_entry`: one object, by `index` or by the fields that make its keylet.
pub fn ledger_entry(ledger: &mut Ledger, params: &Value) -> RpcResult {
    let key = entry_key(params)?;
    let which = params::state_ledger(ledger, params)?;
    let view = ledger.read_view(which);
    let node = view.get(&key).ok_or(RpcError::EntryNotFound)?;
    let mut out = Map::new();
    out.insert("index".into(), key.to_hex().into());
    out.insert("node".into(), node.to_json(&key));
    ledger_stamp(ledger, which, &mut out);
    Ok(out)
}

fn entry_key(params: &Value) -> Result<Hash256, RpcError> {
    if let Some(index) = params.get("index") {
        return hash_param(index, "index");
    }
    if params.get("account_root").is_some() {
        let account = params::account(params, "account_root")?;
        return Ok(keylet::account(&account));
    }
    if let Some(key) = super::token_entries::entry_key(params)? {
        return Ok(key);
    }
    // Objects named by their id, or by the fields their keylet is made of.
    for (field, by_fields) in [
        ("offer", Keyed::AccountSeq("account", "seq", keylet::offer)),
        ("escrow", Keyed::AccountSeq("owner", "seq", keylet::escrow)),
        (
            "ticket",
            Keyed::AccountSeq("account", "ticket_seq", keylet::ticket),
        ),
        ("check", Keyed::IdOnly),
        ("payment_channel", Keyed::IdOnly),
        ("deposit_preauth", Keyed::Preauth),
        ("ripple_state", Keyed::Line),
    ] {
        let Some(spec) = params.get(field) else {
            continue;
        };
        if spec.is_string() {
            return hash_param(spec, field);
        }
        return match by_fields {
            Keyed::IdOnly => Err(RpcError::invalid(field)),
            Keyed::AccountSeq(who, seq, make) => {
                let account = params::account(spec, who).map_err(|_| RpcError::invalid(field))?;
                let seq = spec
                    .get(seq)
                    .and_then(Value::as_u64)
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or_else(|| RpcError::invalid(field))?;
                Ok(make(&account, seq))
            }
            Keyed::Preauth => {
                let owner = params::account(spec, "owner").map_err(|_| RpcError::invalid(field))?;
                let authorized =
                    params::account(spec, "authorized").map_err(|_| RpcError::invalid(field))?;
                Ok(keylet::deposit_preauth(&owner, &authorized))
            }
            Keyed::Line => {
                let accounts: Vec<_> = spec
                    .get("accounts")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().and_then(decode_address))
                            .collect()
                    })
                    .unwrap_or_default();
                let currency = spec
                    .get("currency")
                    .and_then(Value::as_str)
                    .and_then(|c| Currency::issued_from_code(c).ok());
                match (accounts.as_slice(), currency) {
                    ([a, b], Some(c)) => Ok(keylet::line(a, b, &c)),
                    _ => Err(RpcError::invalid(field)),
                }
            }
        };
    }
    Err(RpcError::InvalidParams("Invalid parameters.".into()))
}

/// How an object type may be named in `ledger_entry` besides its id.
enum Keyed {
    IdOnly,
    AccountSeq(&'static str, &'static str, fn(&AccountId, u32) -> Hash256),
    Preauth,
    Line,
}

fn hash_param(value: &Value, field: &str) -> Result<Hash256, RpcError> {
    value
        .as_str()
        .and_then(parse_hash256)
        .ok_or_else(|| RpcError::invalid(field))
}

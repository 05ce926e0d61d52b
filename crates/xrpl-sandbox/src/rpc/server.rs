//! `server_info`, `server_state` and `fee`: what a client asks before it signs (network, fees, reserves,
//! the ledger to aim `LastLedgerSequence` at).

use serde_json::{Map, Value, json};

use super::RpcResult;
use crate::Ledger;
use crate::ledger::settings::DROPS_PER_XRP;

fn xrp(drops: u64) -> Value {
    // rippled prints these as JSON numbers in XRP (0.00001, 1, 0.2).
    json!(drops as f64 / DROPS_PER_XRP as f64)
}

/// `server_info`: a single always-in-sync server that validates its own ledgers.
pub fn server_info(ledger: &mut Ledger) -> RpcResult {
    let fees = ledger.fees();
    let last = ledger.last_closed();
    let first = ledger.history().first_seq().unwrap_or(last.seq);
    let age = ledger.now().saturating_sub(last.close_time);
    let mut info = Map::new();
    info.insert(
        "build_version".into(),
        concat!("xrpl-sandbox-", env!("CARGO_PKG_VERSION")).into(),
    );
    info.insert(
        "complete_ledgers".into(),
        format!("{first}-{}", last.seq).into(),
    );
    info.insert("hostid".into(), "SANDBOX".into());
    info.insert("load_factor".into(), 1.into());
    if let Some(id) = ledger.config().network_id {
        info.insert("network_id".into(), id.into());
    }
    info.insert("peers".into(), 0.into());
    info.insert("server_state".into(), "full".into());
    info.insert(
        "validated_ledger".into(),
        json!({
            "age": age,
            "base_fee_xrp": xrp(fees.base_fee),
            "hash": last.hash.to_hex(),
            "reserve_base_xrp": xrp(fees.reserve_base),
            "reserve_inc_xrp": xrp(fees.reserve_increment),
            "seq": last.seq,
        }),
    );
    info.insert("validation_quorum".into(), 1.into());
    let mut out = Map::new();
    out.insert("info".into(), Value::Object(info));
    Ok(out)
}

/// `server_state`: `server_info`'s facts in rippled's machine form, under `state`, with fees and
/// reserves as integer drops (what clients read to price AccountDelete and AMMCreate).
pub fn server_state(ledger: &mut Ledger) -> RpcResult {
    let fees = ledger.fees();
    let last = ledger.last_closed();
    let first = ledger.history().first_seq().unwrap_or(last.seq);
    let mut state = Map::new();
    state.insert(
        "build_version".into(),
        concat!("xrpl-sandbox-", env!("CARGO_PKG_VERSION")).into(),
    );
    state.insert(
        "complete_ledgers".into(),
        format!("{first}-{}", last.seq).into(),
    );
    state.insert("load_base".into(), 256.into());
    state.insert("load_factor".into(), 256.into());
    if let Some(id) = ledger.config().network_id {
        state.insert("network_id".into(), id.into());
    }
    state.insert("peers".into(), 0.into());
    state.insert("server_state".into(), "full".into());
    state.insert(
        "validated_ledger".into(),
        json!({
            "base_fee": fees.base_fee,
            "close_time": last.close_time,
            "hash": last.hash.to_hex(),
            "reserve_base": fees.reserve_base,
            "reserve_inc": fees.reserve_increment,
            "seq": last.seq,
        }),
    );
    state.insert("validation_quorum".into(), 1.into());
    let mut out = Map::new();
    out.insert("state".into(), Value::Object(state));
    Ok(out)
}

/// `fee`: the open ledger never queues, so every level is the base fee.
pub fn fee(ledger: &mut Ledger) -> RpcResult {
    let base = ledger.fees().base_fee.to_string();
    let mut out = Map::new();
    out.insert("current_ledger_size".into(), "0".into());
    out.insert("current_queue_size".into(), "0".into());
    out.insert(
        "drops".into(),
        json!({
            "base_fee": base,
            "median_fee": base,
            "minimum_fee": base,
            "open_ledger_fee": base,
        }),
    );
    out.insert("expected_ledger_size".into(), "1000".into());
    out.insert(
        "ledger_current_index".into(),
        ledger.current_ledger_seq().into(),
    );
    out.insert(
        "levels".into(),
        json!({
            "median_level": "256",
            "minimum_level": "256",
            "open_ledger_level": "256",
            "reference_level": "256",
        }),
    );
    out.insert("max_queue_size".into(), "2000".into());
    Ok(out)
}

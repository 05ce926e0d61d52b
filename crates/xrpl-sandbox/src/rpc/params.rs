//! Reading request parameters the way rippled does, with its error for each bad one.

use serde_json::{Map, Value};

use super::RpcError;
use crate::Ledger;
use crate::ledger::read_view::LedgerSelector;
use crate::proto::{AccountId, decode_address};

/// A required account parameter (`account`, …): missing is `invalidParams`, unreadable is
/// `actMalformed`.
pub fn account(params: &Value, field: &str) -> Result<AccountId, RpcError> {
    let text = params
        .get(field)
        .ok_or_else(|| RpcError::missing(field))?
        .as_str()
        .ok_or(RpcError::AccountMalformed)?;
    decode_address(text).ok_or(RpcError::AccountMalformed)
}

/// Which ledger's state a query reads (`ledger_index`, `ledger_hash`). The sandbox keeps the
/// state of the open and the last validated ledger; asking for an older one is `lgrNotFound`.
pub fn state_ledger(ledger: &Ledger, params: &Value) -> Result<LedgerSelector, RpcError> {
    if let Some(hash) = params.get("ledger_hash") {
        let last = ledger.last_closed();
        return match hash.as_str() {
            Some(h) if h.eq_ignore_ascii_case(&last.hash.to_hex()) => Ok(LedgerSelector::Validated),
            Some(h) if h.len() == 64 && hex::decode(h).is_ok() => Err(RpcError::LedgerNotFound),
            _ => Err(RpcError::invalid("ledger_hash")),
        };
    }
    match params.get("ledger_index") {
        None => Ok(LedgerSelector::Current),
        Some(index) => match ledger_seq(ledger, index)? {
            seq if seq == ledger.current_ledger_seq() => Ok(LedgerSelector::Current),
            seq if seq == ledger.validated_ledger_seq() => Ok(LedgerSelector::Validated),
            _ => Err(RpcError::LedgerNotFound),
        },
    }
}

/// Resolves a `ledger_index` value ("current", "validated", "closed", a number or a numeric
/// string) to a sequence.
pub fn ledger_seq(ledger: &Ledger, index: &Value) -> Result<u32, RpcError> {
    match index {
        Value::String(s) => match s.as_str() {
            "current" => Ok(ledger.current_ledger_seq()),
            "validated" | "closed" => Ok(ledger.validated_ledger_seq()),
            digits => digits
                .parse::<u32>()
                .map_err(|_| RpcError::invalid("ledger_index")),
        },
        Value::Number(n) => n
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| RpcError::invalid("ledger_index")),
        _ => Err(RpcError::invalid("ledger_index")),
    }
}

/// Adds the fields rippled uses to say which ledger answered.
pub fn ledger_stamp(ledger: &Ledger, which: LedgerSelector, out: &mut Map<String, Value>) {
    match which {
        LedgerSelector::Current => {
            out.insert(
                "ledger_current_index".into(),
                ledger.current_ledger_seq().into(),
            );
            out.insert("validated".into(), false.into());
        }
        LedgerSelector::Validated => {
            let last = ledger.last_closed();
            out.insert("ledger_hash".into(), last.hash.to_hex().into());
            out.insert("ledger_index".into(), last.seq.into());
            out.insert("validated".into(), true.into());
        }
    }
}

/// An optional boolean parameter.
pub fn flag(params: &Value, field: &str) -> Result<bool, RpcError> {
    match params.get(field) {
        None => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(RpcError::invalid(field)),
    }
}

/// The API version asked for (1 unless 2 is requested).
pub fn api_version(params: &Value) -> Result<u32, RpcError> {
    match params.get("api_version") {
        None => Ok(1),
        Some(v) => match v.as_u64() {
            Some(1) => Ok(1),
            Some(2) => Ok(2),
            _ => Err(RpcError::InvalidParams("Invalid API version.".into())),
        },
    }
}

/// An optional `limit` (clamped to rippled's bounds for the method).
pub fn limit(params: &Value, default: usize, max: usize) -> Result<usize, RpcError> {
    match params.get("limit") {
        None => Ok(default),
        Some(v) => v
            .as_u64()
            .map(|n| (n as usize).clamp(1, max))
            .ok_or_else(|| RpcError::invalid("limit")),
    }
}

//! `ledger_entry` lookups by description for the token families: `did`, `mpt_issuance`,
//! `mptoken` and `nft_page` (the core lookups live in `ledger.rs`).

use serde_json::Value;

use super::RpcError;
use super::params;
use crate::proto::{Hash256, keylet, parse_hash256};
use xrpl_proto::amount::MptIssuanceId;

fn mpt_id(value: &Value, field: &str) -> Result<MptIssuanceId, RpcError> {
    value
        .as_str()
        .and_then(|h| MptIssuanceId::from_hex(h).ok())
        .ok_or_else(|| RpcError::invalid(field))
}

/// The key a `ledger_entry` request names with one of these fields, if it uses one.
pub fn entry_key(request: &Value) -> Result<Option<Hash256>, RpcError> {
    if request.get("did").is_some() {
        return Ok(Some(keylet::did(&params::account(request, "did")?)));
    }
    if let Some(id) = request.get("mpt_issuance") {
        return Ok(Some(keylet::mpt_issuance(&mpt_id(id, "mpt_issuance")?)));
    }
    if let Some(token) = request.get("mptoken") {
        let id = mpt_id(
            token.get("mpt_issuance_id").unwrap_or(&Value::Null),
            "mptoken",
        )?;
        let holder = params::account(token, "account")?;
        return Ok(Some(keylet::mptoken(&id, &holder)));
    }
    if let Some(page) = request.get("nft_page") {
        return page
            .as_str()
            .and_then(parse_hash256)
            .map(Some)
            .ok_or_else(|| RpcError::invalid("nft_page"));
    }
    Ok(None)
}

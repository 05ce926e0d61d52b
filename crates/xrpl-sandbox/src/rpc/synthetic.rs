//! The synthetic metadata fields rippled adds when it shows a transaction (`tx`, `account_tx`):
//! ids a client would otherwise dig out of `AffectedNodes` — `nftoken_id` for an NFTokenMint or
//! an accepted offer, `nftoken_ids` for NFTokenCancelOffer, `offer_id` for NFTokenCreateOffer
//! (and a mint that offers the token for sale), `mpt_issuance_id` for MPTokenIssuanceCreate.
//!
//! They are derived from the stored metadata exactly as rippled derives them (`NFTokenID.cpp`,
//! `NFTokenOfferID.cpp`, `MPTokenIssuanceID.cpp`), only for a `tesSUCCESS` result, and never
//! stored: the ledger's metadata stays what the engine wrote.
//! Rules: <https://xrpl.org/docs/references/http-websocket-apis/public-api-methods/transaction-methods/tx>
//! and <https://xrpl.org/docs/references/protocol/transactions/types/nftokenmint> ("Metadata").

use serde_json::{Map, Value};

use crate::proto::{decode_address, hex_upper};

/// `(kind, fields)` of every affected node of `entry_type`: kind is `CreatedNode`,
/// `ModifiedNode` or `DeletedNode`, fields the node's inner object.
fn nodes<'a>(meta: &'a Value, entry_type: &str) -> impl Iterator<Item = (&'a str, &'a Value)> {
    meta.get("AffectedNodes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .flat_map(|node| node.iter())
        .filter(move |(_, inner)| {
            inner.get("LedgerEntryType").and_then(Value::as_str) == Some(entry_type)
        })
        .map(|(kind, inner)| (kind.as_str(), inner))
}

/// The NFTokenIDs in a page's `NFTokens` array.
fn token_ids(fields: Option<&Value>) -> Option<Vec<String>> {
    let tokens = fields?.get("NFTokens")?.as_array()?;
    Some(
        tokens
            .iter()
            .filter_map(|t| t.get("NFToken")?.get("NFTokenID")?.as_str())
            .map(str::to_owned)
            .collect(),
    )
}

/// The token a mint added: the one id more in the pages' final lists than in their previous
/// ones (rippled's `getNFTokenIDFromPage`). A modified page whose tokens did not change (only
/// its links did) has no `NFTokens` in `PreviousFields` and is skipped.
fn minted_token(meta: &Value) -> Option<String> {
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for (kind, node) in nodes(meta, "NFTokenPage") {
        match kind {
            "CreatedNode" => after.extend(token_ids(node.get("NewFields"))?),
            "ModifiedNode" => {
                let Some(previous) = token_ids(node.get("PreviousFields")) else {
                    continue;
                };
                before.extend(previous);
                after.extend(token_ids(node.get("FinalFields"))?);
            }
            _ => {}
        }
    }
    if after.len() != before.len() + 1 {
        return None;
    }
    before.sort();
    after.sort();
    let index = after
        .iter()
        .zip(before.iter())
        .position(|(a, b)| a != b)
        .unwrap_or(before.len());
    after.get(index).cloned()
}

/// The tokens of every NFTokenOffer the transaction deleted, sorted and without repeats
/// (rippled's `getNFTokenIDFromDeletedOffer`).
fn tokens_of_deleted_offers(meta: &Value) -> Vec<String> {
    let mut ids: Vec<String> = nodes(meta, "NFTokenOffer")
        .filter(|(kind, _)| *kind == "DeletedNode")
        .filter_map(|(_, node)| node.get("FinalFields")?.get("NFTokenID")?.as_str())
        .map(str::to_owned)
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The id of the NFTokenOffer the transaction created.
fn created_offer(meta: &Value) -> Option<String> {
    nodes(meta, "NFTokenOffer")
        .find(|(kind, _)| *kind == "CreatedNode")
        .and_then(|(_, node)| node.get("LedgerIndex")?.as_str())
        .map(str::to_owned)
}

/// The MPTokenIssuanceID of the issuance the transaction created: its Sequence (4 bytes, big
/// endian) then its Issuer.
fn created_issuance(meta: &Value) -> Option<String> {
    let (_, node) = nodes(meta, "MPTokenIssuance").find(|(kind, _)| *kind == "CreatedNode")?;
    let fields = node.get("NewFields")?;
    let sequence = u32::try_from(fields.get("Sequence")?.as_u64()?).ok()?;
    let issuer = decode_address(fields.get("Issuer")?.as_str()?)?;
    Some(format!("{sequence:08X}{}", hex_upper(issuer.as_bytes())))
}

/// Adds rippled's synthetic fields to the `meta` of transaction `tx`.
pub fn insert_synthetic_fields(tx: &Value, meta: &mut Value) {
    if meta.get("TransactionResult").and_then(Value::as_str) != Some("tesSUCCESS") {
        return;
    }
    let mut extra = Map::new();
    match tx.get("TransactionType").and_then(Value::as_str) {
        Some("NFTokenMint") => {
            if let Some(id) = minted_token(meta) {
                extra.insert("nftoken_id".into(), id.into());
            }
            if tx.get("Amount").is_some()
                && let Some(id) = created_offer(meta)
            {
                extra.insert("offer_id".into(), id.into());
            }
        }
        Some("NFTokenAcceptOffer") => {
            if let Some(id) = tokens_of_deleted_offers(meta).into_iter().next() {
                extra.insert("nftoken_id".into(), id.into());
            }
        }
        Some("NFTokenCancelOffer") => {
            let ids = tokens_of_deleted_offers(meta);
            extra.insert(
                "nftoken_ids".into(),
                Value::Array(ids.into_iter().map(Value::String).collect()),
            );
        }
        Some("NFTokenCreateOffer") => {
            if let Some(id) = created_offer(meta) {
                extra.insert("offer_id".into(), id.into());
            }
        }
        Some("MPTokenIssuanceCreate") => {
            if let Some(id) = created_issuance(meta) {
                extra.insert("mpt_issuance_id".into(), id.into());
            }
        }
        _ => {}
    }
    if let Value::Object(fields) = meta {
        fields.extend(extra);
    }
}

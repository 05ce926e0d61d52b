//! NFT queries: `account_nfts` (the tokens an account holds), `nft_sell_offers` /
//! `nft_buy_offers` (the open offers for one token), in rippled's shapes, and the NFT pages
//! `account_objects` lists.

use serde_json::{Map, Value};

use super::params::{self, ledger_stamp};
use super::{RpcError, RpcResult};
use crate::Ledger;
use crate::apply::directory;
use crate::ledger::entry::LedgerEntry;
use crate::ledger::read_view::ReadView;
use crate::proto::{AccountId, Hash256, encode_address, keylet, parse_hash256};
use crate::tx::nft::pages::owner_tokens;

/// `account_nfts`: every token the account holds, in page order.
pub fn account_nfts(ledger: &mut Ledger, params: &Value) -> RpcResult {
    let account = params::account(params, "account")?;
    let limit = params::limit(params, 100, 400)?;
    let which = params::state_ledger(ledger, params)?;
    let view = ledger.read_view(which);
    view.account(&account).ok_or(RpcError::AccountNotFound)?;
    let nfts: Vec<Value> = owner_tokens(|k| view.get(k), &account)
        .into_iter()
        .take(limit)
        .map(|token| {
            let parts = keylet::nftoken_id_parts(&token.id);
            let mut out = Map::new();
            out.insert("Flags".into(), parts.flags.into());
            out.insert("Issuer".into(), encode_address(&parts.issuer).into());
            out.insert("NFTokenID".into(), token.id.to_hex().into());
            out.insert("NFTokenTaxon".into(), parts.taxon.into());
            if parts.transfer_fee != 0 {
                out.insert("TransferFee".into(), parts.transfer_fee.into());
            }
            if let Some(uri) = &token.uri {
                out.insert("URI".into(), hex::encode_upper(uri).into());
            }
            out.insert("nft_serial".into(), parts.sequence.into());
            Value::Object(out)
        })
        .collect();
    let mut out = Map::new();
    out.insert("account".into(), encode_address(&account).into());
    out.insert("account_nfts".into(), Value::Array(nfts));
    ledger_stamp(ledger, which, &mut out);
    Ok(out)
}

fn token_offers(ledger: &mut Ledger, params: &Value, sells: bool) -> RpcResult {
    let token: Hash256 = params
        .get("nft_id")
        .ok_or_else(|| RpcError::missing("nft_id"))?
        .as_str()
        .and_then(parse_hash256)
        .ok_or_else(|| RpcError::invalid("nft_id"))?;
    let limit = params::limit(params, 250, 500)?;
    let which = params::state_ledger(ledger, params)?;
    let view = ledger.read_view(which);
    let root = if sells {
        keylet::nft_sell_offers(&token)
    } else {
        keylet::nft_buy_offers(&token)
    };
    let offers: Vec<Value> = directory::entries(|k| view.get(k), &root)
        .into_iter()
        .filter_map(|key| match view.get(&key) {
            Some(LedgerEntry::NFTokenOffer(offer)) => Some((key, offer)),
            _ => None,
        })
        .take(limit)
        .map(|(key, offer)| {
            let mut out = Map::new();
            out.insert("amount".into(), offer.amount.to_json());
            if let Some(dst) = &offer.destination {
                out.insert("destination".into(), encode_address(dst).into());
            }
            if let Some(t) = offer.expiration {
                out.insert("expiration".into(), t.into());
            }
            out.insert("flags".into(), offer.flags.into());
            out.insert("nft_offer_index".into(), key.to_hex().into());
            out.insert("owner".into(), encode_address(&offer.owner).into());
            Value::Object(out)
        })
        .collect();
    // rippled answers "no offers" as an error, not an empty list.
    if offers.is_empty() {
        return Err(RpcError::ObjectNotFound);
    }
    let mut out = Map::new();
    out.insert("nft_id".into(), token.to_hex().into());
    out.insert("offers".into(), Value::Array(offers));
    ledger_stamp(ledger, which, &mut out);
    Ok(out)
}

/// `nft_sell_offers`: the open sell offers for a token.
pub fn nft_sell_offers(ledger: &mut Ledger, params: &Value) -> RpcResult {
    token_offers(ledger, params, true)
}

/// `nft_buy_offers`: the open buy offers for a token.
pub fn nft_buy_offers(ledger: &mut Ledger, params: &Value) -> RpcResult {
    token_offers(ledger, params, false)
}

/// `account`'s NFTokenPages in key order: they sit outside the owner directory, so
/// `account_objects` lists them separately (first, as rippled does).
pub fn nft_pages<'a>(view: &ReadView<'a>, account: &AccountId) -> Vec<(Hash256, &'a LedgerEntry)> {
    let page_at = |key: &Hash256| match view.get(key) {
        Some(entry @ LedgerEntry::NFTokenPage(page)) => Some((*key, entry, page)),
        _ => None,
    };
    let (_, last) = keylet::nftoken_page_bounds(account);
    let Some(mut at) = page_at(&last) else {
        return Vec::new();
    };
    while let Some(prev) = at.2.previous_page_min.as_ref().and_then(&page_at) {
        at = prev;
    }
    let mut pages = vec![(at.0, at.1)];
    while let Some(next) = at.2.next_page_min.as_ref().and_then(&page_at) {
        pages.push((next.0, next.1));
        at = next;
    }
    pages
}

//! Order-book queries: `book_offers` (one side of a market, best first) and `account_offers`.

use serde_json::{Map, Value};
use xrpl_proto::amount::{Currency, IouValue, Issue};
use xrpl_proto::keylet::quality_rate;

use super::params::{self, ledger_stamp};
use super::{RpcError, RpcResult};
use crate::Ledger;
use crate::apply::directory;
use crate::ledger::entry::LedgerEntry;
use crate::ledger::offer::Offer;
use crate::proto::{decode_address, keylet};

fn issue_param(params: &Value, field: &str) -> Result<Issue, RpcError> {
    let spec = params.get(field).ok_or_else(|| RpcError::missing(field))?;
    let code = spec
        .get("currency")
        .and_then(Value::as_str)
        .ok_or_else(|| RpcError::invalid(field))?;
    let currency = Currency::from_code(code).map_err(|_| RpcError::invalid(field))?;
    if currency.is_xrp() {
        return match spec.get("issuer") {
            None => Ok(Issue::XRP),
            Some(_) => Err(RpcError::invalid(field)),
        };
    }
    let issuer = spec
        .get("issuer")
        .and_then(Value::as_str)
        .and_then(decode_address)
        .ok_or_else(|| RpcError::invalid(field))?;
    Ok(Issue::new(currency, issuer))
}

/// A quality as rippled prints it: the decimal rate TakerPays / TakerGets.
fn quality_text(quality: u64) -> String {
    let (mantissa, exponent) = quality_rate(quality);
    IouValue::new(mantissa as i64, exponent)
        .map(|v| v.to_string())
        .unwrap_or_else(|_| "0".into())
}

/// `book_offers`: offers that give `taker_gets` for `taker_pays`, best quality first.
pub fn book_offers(ledger: &mut Ledger, params: &Value) -> RpcResult {
    let gets = issue_param(params, "taker_gets")?;
    let pays = issue_param(params, "taker_pays")?;
    let limit = params::limit(params, 60, 400)?;
    let which = params::state_ledger(ledger, params)?;
    let view = ledger.read_view(which);
    let base = keylet::book(&pays, &gets);
    let end = keylet::quality_next(&base);
    let mut offers = Vec::new();
    'pages: for dir in view.book_roots(&base, &end) {
        let quality = keylet::quality_of(&dir);
        for key in directory::entries(|k| view.get(k), &dir) {
            let Some(entry) = view.get(&key) else {
                continue;
            };
            let mut json = entry.to_json(&key);
            if let Value::Object(map) = &mut json {
                map.insert("quality".into(), quality_text(quality).into());
            }
            offers.push(json);
            if offers.len() == limit {
                break 'pages;
            }
        }
    }
    let mut out = Map::new();
    out.insert("offers".into(), Value::Array(offers));
    ledger_stamp(ledger, which, &mut out);
    Ok(out)
}

/// `account_offers`: the account's offers, in `account_offers`' compact form.
pub fn account_offers(ledger: &mut Ledger, params: &Value) -> RpcResult {
    let account = params::account(params, "account")?;
    let which = params::state_ledger(ledger, params)?;
    let view = ledger.read_view(which);
    if view.account(&account).is_none() {
        return Err(RpcError::AccountNotFound);
    }
    let offers: Vec<Value> = directory::entries(|k| view.get(k), &keylet::owner_dir(&account))
        .into_iter()
        .filter_map(|key| view.get(&key).and_then(LedgerEntry::as_offer))
        .map(offer_summary)
        .collect();
    let mut out = Map::new();
    out.insert("account".into(), account.to_classic().into());
    out.insert("offers".into(), Value::Array(offers));
    ledger_stamp(ledger, which, &mut out);
    Ok(out)
}

fn offer_summary(offer: &Offer) -> Value {
    let mut m = Map::new();
    if let Some(t) = offer.expiration {
        m.insert("expiration".into(), t.into());
    }
    m.insert("flags".into(), offer.flags.into());
    m.insert(
        "quality".into(),
        quality_text(keylet::quality_of(&offer.book_directory)).into(),
    );
    m.insert("seq".into(), offer.sequence.into());
    m.insert("taker_gets".into(), offer.taker_gets.to_json());
    m.insert("taker_pays".into(), offer.taker_pays.to_json());
    Value::Object(m)
}

//! `amm_info`: a pool's balances, LP-token supply, fee, votes and auction slot (with the
//! accounts its holder authorised), found by its asset pair (`asset`/`asset2`) or its
//! pseudo-account (`amm_account`).

use serde_json::{Map, Value, json};

use super::params::{self, ledger_stamp};
use super::{RpcError, RpcResult};
use crate::Ledger;
use crate::ledger::amm::AuctionSlot;
use crate::ledger::entry::LedgerEntry;
use crate::ledger::read_view::LedgerSelector;
use crate::ledger::time::iso_8601;
use crate::proto::{encode_address, keylet};
use crate::tx::amm::AUCTION_SLOT_SECONDS;
use crate::tx::amm::bid::AUCTION_SLOT_INTERVALS;
use xrpl_proto::amount::{Amount, Currency, Drops, IouValue, Issue, IssuedAmount};

fn issue_param(params: &Value, field: &str) -> Result<Issue, RpcError> {
    let value = params.get(field).ok_or_else(|| RpcError::missing(field))?;
    let code = value
        .get("currency")
        .and_then(Value::as_str)
        .ok_or_else(|| RpcError::invalid(field))?;
    let currency = Currency::from_code(code).map_err(|_| RpcError::invalid(field))?;
    if currency.is_xrp() {
        return Ok(Issue::XRP);
    }
    let issuer = params::account(value, "issuer")?;
    Ok(Issue::new(currency, issuer))
}

/// The auction slot as rippled's `amm_info` prints it: the expiration as ISO 8601 with a
/// `+0000` offset, the interval (0–19, or 20 once expired) and the authorised accounts.
fn auction_slot_json(slot: &AuctionSlot, now: u32) -> Value {
    let start = slot.expiration.saturating_sub(AUCTION_SLOT_SECONDS);
    let interval = if now >= start && now < slot.expiration {
        (now - start) / (AUCTION_SLOT_SECONDS / AUCTION_SLOT_INTERVALS)
    } else {
        AUCTION_SLOT_INTERVALS
    };
    let expiration = iso_8601(slot.expiration).replace('Z', "+0000");
    let mut out = Map::new();
    out.insert("account".into(), encode_address(&slot.account).into());
    if !slot.auth_accounts.is_empty() {
        let auth = slot
            .auth_accounts
            .iter()
            .map(|a| json!({"account": encode_address(a)}))
            .collect();
        out.insert("auth_accounts".into(), Value::Array(auth));
    }
    out.insert("discounted_fee".into(), slot.discounted_fee.into());
    out.insert("expiration".into(), expiration.into());
    out.insert("price".into(), Amount::Issued(slot.price).to_json());
    out.insert("time_interval".into(), interval.into());
    Value::Object(out)
}

/// `amm_info`.
pub fn amm_info(ledger: &mut Ledger, params: &Value) -> RpcResult {
    let which = params::state_ledger(ledger, params)?;
    // The slot's interval is read against the ledger's parent close time, as rippled does.
    let now = match which {
        LedgerSelector::Current => ledger.last_closed().close_time,
        LedgerSelector::Validated => ledger
            .history()
            .ledger(ledger.validated_ledger_seq().saturating_sub(1))
            .map_or(0, |parent| parent.close_time),
    };
    let view = ledger.read_view(which);
    // Asked by its assets, the pool's balances come in the order asked (rippled's `amm_info`:
    // `amount` is `asset`'s); asked by its account, in the pool's own order.
    let (key, asked) = if params.get("amm_account").is_some() {
        let account = params::account(params, "amm_account")?;
        let key = view
            .account(&account)
            .and_then(|a| a.extras.amm_id)
            .ok_or(RpcError::AccountNotFound)?;
        (key, None)
    } else {
        let (asset, asset2) = (
            issue_param(params, "asset")?,
            issue_param(params, "asset2")?,
        );
        (keylet::amm(&asset, &asset2), Some((asset, asset2)))
    };
    let Some(LedgerEntry::Amm(amm)) = view.get(&key) else {
        return Err(RpcError::ObjectNotFound);
    };
    let (asset, asset2) = asked.unwrap_or((amm.asset, amm.asset2));
    let balance = |issue: &Issue| -> Value {
        if issue.is_xrp() {
            let drops = view.account(&amm.account).map_or(0, |a| a.balance as i64);
            return Amount::Xrp(Drops::new(drops).unwrap_or_default()).to_json();
        }
        let value = view
            .get(&keylet::line(&amm.account, &issue.issuer, &issue.currency))
            .and_then(LedgerEntry::as_ripple_state)
            .map_or(IouValue::ZERO, |l| l.balance_for(&amm.account));
        Amount::Issued(IssuedAmount::new(value, *issue)).to_json()
    };
    let mut out = Map::new();
    out.insert("account".into(), encode_address(&amm.account).into());
    out.insert("amount".into(), balance(&asset));
    out.insert("amount2".into(), balance(&asset2));
    out.insert(
        "lp_token".into(),
        Amount::Issued(amm.lp_token_balance).to_json(),
    );
    out.insert("trading_fee".into(), amm.trading_fee.into());
    out.insert(
        "vote_slots".into(),
        Value::Array(
            amm.vote_slots
                .iter()
                .map(|v| {
                    json!({"account": encode_address(&v.account), "trading_fee": v.trading_fee,
                           "vote_weight": v.vote_weight})
                })
                .collect(),
        ),
    );
    if let Some(slot) = &amm.auction_slot {
        out.insert("auction_slot".into(), auction_slot_json(slot, now));
    }
    let mut result = Map::new();
    result.insert("amm".into(), Value::Object(out));
    ledger_stamp(ledger, which, &mut result);
    Ok(result)
}

//! `amm_info`: a pool's balances, LP-token supply, fee, votes and auction slot, found by its
//! asset pair (`asset`/`asset2`) or its pseudo-account (`amm_account`).

use serde_json::{Map, Value, json};

use super::params::{self, ledger_stamp};
use super::{RpcError, RpcResult};
use crate::Ledger;
use crate::ledger::entry::LedgerEntry;
use crate::proto::{encode_address, keylet};
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

/// `amm_info`.
pub fn amm_info(ledger: &mut Ledger, params: &Value) -> RpcResult {
    let which = params::state_ledger(ledger, params)?;
    let view = ledger.read_view(which);
    let key = if params.get("amm_account").is_some() {
        let account = params::account(params, "amm_account")?;
        view.account(&account)
            .and_then(|a| a.extras.amm_id)
            .ok_or(RpcError::AccountNotFound)?
    } else {
        keylet::amm(
            &issue_param(params, "asset")?,
            &issue_param(params, "asset2")?,
        )
    };
    let Some(LedgerEntry::Amm(amm)) = view.get(&key) else {
        return Err(RpcError::ObjectNotFound);
    };
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
    out.insert("amount".into(), balance(&amm.asset));
    out.insert("amount2".into(), balance(&amm.asset2));
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
        out.insert(
            "auction_slot".into(),
            json!({"account": encode_address(&slot.account), "discounted_fee": slot.discounted_fee,
                   "expiration": slot.expiration, "price": Amount::Issued(slot.price).to_json()}),
        );
    }
    let mut result = Map::new();
    result.insert("amm".into(), Value::Object(out));
    ledger_stamp(ledger, which, &mut result);
    Ok(result)
}

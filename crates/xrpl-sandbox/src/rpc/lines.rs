//! Trust-line and object queries: `account_lines`, `account_currencies`, `account_objects`,
//! `gateway_balances`.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};
use xrpl_proto::amount::IouValue;

use super::params::{self, ledger_stamp};
use super::{RpcError, RpcResult};
use crate::Ledger;
use crate::apply::directory;
use crate::ledger::entry::LedgerEntry;
use crate::ledger::read_view::ReadView;
use crate::proto::{AccountId, Hash256, keylet};

/// Everything in `account`'s owner directory, in directory order.
fn owned<'a>(view: &ReadView<'a>, account: &AccountId) -> Vec<(Hash256, &'a LedgerEntry)> {
    let view = *view;
    directory::entries(|k| view.get(k), &keylet::owner_dir(account))
        .into_iter()
        .filter_map(|key| view.get(&key).map(|entry| (key, entry)))
        .collect()
}

fn require_account(view: &ReadView<'_>, account: &AccountId) -> Result<(), RpcError> {
    view.account(account)
        .map(|_| ())
        .ok_or(RpcError::AccountNotFound)
}

/// `account_lines`: the account's trust lines, each seen from its side.
pub fn account_lines(ledger: &mut Ledger, params: &Value) -> RpcResult {
    let account = params::account(params, "account")?;
    let peer = match params.get("peer") {
        None => None,
        Some(_) => Some(params::account(params, "peer")?),
    };
    let limit = params::limit(params, 200, 400)?;
    let which = params::state_ledger(ledger, params)?;
    let view = ledger.read_view(which);
    require_account(&view, &account)?;
    let mut lines = Vec::new();
    for (_, entry) in owned(&view, &account) {
        let Some(line) = entry.as_ripple_state() else {
            continue;
        };
        let other = line.peer_of(&account);
        if peer.is_some_and(|p| p != other) {
            continue;
        }
        let mine = line.side(&account);
        let theirs = line.side(&other);
        let (quality_in, quality_out) = line.qualities_of(&account);
        let mut out = Map::new();
        out.insert("account".into(), other.to_classic().into());
        out.insert(
            "balance".into(),
            line.balance_for(&account).to_string().into(),
        );
        out.insert("currency".into(), line.currency.to_string().into());
        out.insert("limit".into(), line.limit_of(&account).to_string().into());
        out.insert(
            "limit_peer".into(),
            line.limit_of(&other).to_string().into(),
        );
        out.insert("no_ripple".into(), line.has(mine.no_ripple).into());
        out.insert("no_ripple_peer".into(), line.has(theirs.no_ripple).into());
        out.insert("quality_in".into(), quality_in.into());
        out.insert("quality_out".into(), quality_out.into());
        for (name, flag) in [
            ("authorized", mine.auth),
            ("peer_authorized", theirs.auth),
            ("freeze", mine.freeze),
            ("freeze_peer", theirs.freeze),
        ] {
            if line.has(flag) {
                out.insert(name.into(), true.into());
            }
        }
        lines.push(Value::Object(out));
        if lines.len() == limit {
            break;
        }
    }
    let mut out = Map::new();
    out.insert("account".into(), account.to_classic().into());
    out.insert("lines".into(), Value::Array(lines));
    ledger_stamp(ledger, which, &mut out);
    Ok(out)
}

/// `account_currencies`: the currencies the account could still receive (a line whose balance is
/// below its limit) and could still send (a line where it can go further into debt to the peer,
/// or holds some), each list sorted by currency code as rippled sorts them.
pub fn account_currencies(ledger: &mut Ledger, params: &Value) -> RpcResult {
    let account = params::account(params, "account")?;
    let which = params::state_ledger(ledger, params)?;
    let view = ledger.read_view(which);
    require_account(&view, &account)?;
    let mut receive = BTreeSet::new();
    let mut send = BTreeSet::new();
    for (_, entry) in owned(&view, &account) {
        let Some(line) = entry.as_ripple_state() else {
            continue;
        };
        let balance = line.balance_for(&account);
        if balance < line.limit_of(&account) {
            receive.insert(line.currency);
        }
        if -balance < line.limit_of(&line.peer_of(&account)) {
            send.insert(line.currency);
        }
    }
    let names = |set: BTreeSet<xrpl_proto::amount::Currency>| -> Vec<Value> {
        set.into_iter().map(|c| c.to_string().into()).collect()
    };
    let mut out = Map::new();
    out.insert("receive_currencies".into(), names(receive).into());
    out.insert("send_currencies".into(), names(send).into());
    ledger_stamp(ledger, which, &mut out);
    Ok(out)
}

/// The `type` filter names of `account_objects`.
fn type_filter(name: &str) -> Option<&'static str> {
    Some(match name {
        "state" => "RippleState",
        "offer" => "Offer",
        "escrow" => "Escrow",
        "payment_channel" => "PayChannel",
        "ticket" => "Ticket",
        "deposit_preauth" => "DepositPreauth",
        "check" => "Check",
        "did" => "DID",
        "nft_offer" => "NFTokenOffer",
        "nft_page" => "NFTokenPage",
        "mpt_issuance" => "MPTokenIssuance",
        "mptoken" => "MPToken",
        _ => return None,
    })
}

/// `account_objects`: every object in the account's owner directory.
pub fn account_objects(ledger: &mut Ledger, params: &Value) -> RpcResult {
    let account = params::account(params, "account")?;
    let wanted = match params.get("type") {
        None => None,
        Some(t) => Some(
            t.as_str()
                .and_then(type_filter)
                .ok_or_else(|| RpcError::invalid("type"))?,
        ),
    };
    let limit = params::limit(params, 200, 400)?;
    let which = params::state_ledger(ledger, params)?;
    let view = ledger.read_view(which);
    require_account(&view, &account)?;
    let objects: Vec<Value> = super::nft::nft_pages(&view, &account)
        .into_iter()
        .chain(owned(&view, &account))
        .filter(|(_, e)| wanted.is_none_or(|t| e.entry_type() == t))
        .take(limit)
        .map(|(key, e)| e.to_json(&key))
        .collect();
    let mut out = Map::new();
    out.insert("account".into(), account.to_classic().into());
    out.insert("account_objects".into(), Value::Array(objects));
    ledger_stamp(ledger, which, &mut out);
    Ok(out)
}

/// `gateway_balances`: what an issuer owes (obligations), what its operational ("hot")
/// wallets hold, and what it holds of others' tokens (assets).
pub fn gateway_balances(ledger: &mut Ledger, params: &Value) -> RpcResult {
    let account = params::account(params, "account")?;
    let hot: Vec<AccountId> = match params.get("hotwallet") {
        None => Vec::new(),
        Some(Value::String(s)) => {
            vec![crate::proto::decode_address(s).ok_or_else(|| RpcError::invalid("hotwallet"))?]
        }
        Some(Value::Array(list)) => list
            .iter()
            .map(|v| v.as_str().and_then(crate::proto::decode_address))
            .collect::<Option<_>>()
            .ok_or_else(|| RpcError::invalid("hotwallet"))?,
        Some(_) => return Err(RpcError::invalid("hotwallet")),
    };
    let which = params::state_ledger(ledger, params)?;
    let view = ledger.read_view(which);
    require_account(&view, &account)?;
    let mut obligations: BTreeMap<String, IouValue> = BTreeMap::new();
    let mut balances: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    let mut assets: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (_, entry) in owned(&view, &account) {
        let Some(line) = entry.as_ripple_state() else {
            continue;
        };
        let peer = line.peer_of(&account);
        let balance = line.balance_for(&account);
        let currency = line.currency.to_string();
        if balance.is_negative() {
            let owed = -balance;
            if hot.contains(&peer) {
                balances
                    .entry(peer.to_classic())
                    .or_default()
                    .push(json!({"currency": currency, "value": owed.to_string()}));
            } else {
                let total = obligations.entry(currency).or_insert(IouValue::ZERO);
                *total = total.checked_add(owed).unwrap_or(*total);
            }
        } else if balance.is_positive() {
            assets
                .entry(peer.to_classic())
                .or_default()
                .push(json!({"currency": currency, "value": balance.to_string()}));
        }
    }
    let mut out = Map::new();
    out.insert("account".into(), account.to_classic().into());
    if !assets.is_empty() {
        out.insert("assets".into(), json!(assets));
    }
    if !balances.is_empty() {
        out.insert("balances".into(), json!(balances));
    }
    if !obligations.is_empty() {
        let owed: Map<String, Value> = obligations
            .into_iter()
            .map(|(c, v)| (c, Value::String(v.to_string())))
            .collect();
        out.insert("obligations".into(), Value::Object(owed));
    }
    ledger_stamp(ledger, which, &mut out);
    Ok(out)
}

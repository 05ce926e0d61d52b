//! `account_channels`: the payment channels an account is the source of.

use serde_json::{Map, Value};

use super::params::{self, ledger_stamp};
use super::{RpcError, RpcResult};
use crate::Ledger;
use crate::apply::directory;
use crate::ledger::entry::LedgerEntry;
use crate::proto::{hex_upper, keylet};

/// rippled writes a channel's key in the node-public-key base58 form (`n…`).
const NODE_PUBLIC_KEY_VERSION: u8 = 0x1C;

/// `account_channels`.
pub fn account_channels(ledger: &mut Ledger, params: &Value) -> RpcResult {
    let account = params::account(params, "account")?;
    let destination = match params.get("destination_account") {
        None => None,
        Some(_) => Some(params::account(params, "destination_account")?),
    };
    let which = params::state_ledger(ledger, params)?;
    let view = ledger.read_view(which);
    if view.account(&account).is_none() {
        return Err(RpcError::AccountNotFound);
    }
    let mut channels = Vec::new();
    for key in directory::entries(|k| view.get(k), &keylet::owner_dir(&account)) {
        let Some(channel) = view.get(&key).and_then(LedgerEntry::as_pay_channel) else {
            continue;
        };
        if channel.account != account || destination.is_some_and(|d| d != channel.destination) {
            continue;
        }
        let mut c = Map::new();
        c.insert("account".into(), channel.account.to_classic().into());
        c.insert("amount".into(), channel.amount.to_string().into());
        c.insert("balance".into(), channel.balance.to_string().into());
        if let Some(t) = channel.cancel_after {
            c.insert("cancel_after".into(), t.into());
        }
        c.insert("channel_id".into(), key.to_hex().into());
        c.insert(
            "destination_account".into(),
            channel.destination.to_classic().into(),
        );
        if let Some(t) = channel.destination_tag {
            c.insert("destination_tag".into(), t.into());
        }
        if let Some(t) = channel.expiration {
            c.insert("expiration".into(), t.into());
        }
        c.insert(
            "public_key".into(),
            xrpl_proto::base58::encode_check(&[NODE_PUBLIC_KEY_VERSION], &channel.public_key)
                .into(),
        );
        c.insert(
            "public_key_hex".into(),
            hex_upper(&channel.public_key).into(),
        );
        c.insert("settle_delay".into(), channel.settle_delay.into());
        if let Some(t) = channel.source_tag {
            c.insert("source_tag".into(), t.into());
        }
        channels.push(Value::Object(c));
    }
    let mut out = Map::new();
    out.insert("account".into(), account.to_classic().into());
    out.insert("channels".into(), Value::Array(channels));
    ledger_stamp(ledger, which, &mut out);
    Ok(out)
}

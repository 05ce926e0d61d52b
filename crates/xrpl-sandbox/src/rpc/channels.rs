//! Payment-channel queries: `account_channels` (the channels an account is the source of) and
//! `channel_verify` (checking a claim signature off-ledger).

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

/// `channel_verify`: does `signature` by `public_key` authorise `amount` drops from
/// `channel_id`? Off-ledger: it reads nothing from the ledger.
pub fn channel_verify(params: &Value) -> RpcResult {
    let field = |name: &str| {
        params
            .get(name)
            .ok_or_else(|| RpcError::missing(name))?
            .as_str()
            .ok_or_else(|| RpcError::invalid(name))
    };
    let channel = crate::proto::parse_hash256(field("channel_id")?)
        .ok_or_else(|| RpcError::invalid("channel_id"))?;
    let drops: u64 = field("amount")?
        .parse()
        .map_err(|_| RpcError::invalid("amount"))?;
    let key_text = field("public_key")?;
    // rippled accepts the key in hex or in its base58 node-public-key form.
    let key = hex::decode(key_text)
        .ok()
        .or_else(|| {
            xrpl_proto::base58::decode_check(key_text)
                .ok()
                .and_then(|bytes| bytes.get(1..).map(<[u8]>::to_vec))
        })
        .ok_or_else(|| RpcError::invalid("public_key"))?;
    let signature = hex::decode(field("signature")?).map_err(|_| RpcError::invalid("signature"))?;
    let mut out = Map::new();
    out.insert(
        "signature_verified".into(),
        crate::proto::verify_claim(&channel, drops, &key, &signature).into(),
    );
    Ok(out)
}

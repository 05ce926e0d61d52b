//! Account queries: `account_info`, `account_tx`.

use serde_json::{Map, Value, json};

use super::params::{self, ledger_stamp};
use super::{RpcError, RpcResult};
use crate::Ledger;
use crate::ledger::account_root::flags as lsf;
use crate::proto::keylet;

/// `account_info`: the AccountRoot and its flags decoded.
pub fn account_info(ledger: &mut Ledger, params: &Value) -> RpcResult {
    let account = params::account(params, "account")?;
    let which = params::state_ledger(ledger, params)?;
    let view = ledger.read_view(which);
    let key = keylet::account(&account);
    let Some(root) = view.get(&key).and_then(|e| e.as_account()) else {
        return Err(RpcError::AccountNotFound);
    };
    let entry = view.get(&key).map(|e| e.to_json(&key)).unwrap_or_default();
    let has = |flag| root.has_flag(flag);
    let mut out = Map::new();
    out.insert("account_data".into(), entry);
    out.insert(
        "account_flags".into(),
        json!({
            "allowTrustLineClawback": has(lsf::ALLOW_TRUST_LINE_CLAWBACK),
            "defaultRipple": has(lsf::DEFAULT_RIPPLE),
            "depositAuth": has(lsf::DEPOSIT_AUTH),
            "disableMasterKey": has(lsf::DISABLE_MASTER),
            "disallowIncomingXRP": has(lsf::DISALLOW_XRP),
            "globalFreeze": has(lsf::GLOBAL_FREEZE),
            "noFreeze": has(lsf::NO_FREEZE),
            "passwordSpent": has(lsf::PASSWORD_SPENT),
            "requireAuthorization": has(lsf::REQUIRE_AUTH),
            "requireDestinationTag": has(lsf::REQUIRE_DEST_TAG),
        }),
    );
    ledger_stamp(ledger, which, &mut out);
    Ok(out)
}

/// `account_tx`: the account's transactions, newest first (or oldest first with `forward`).
pub fn account_tx(ledger: &mut Ledger, params: &Value) -> RpcResult {
    let account = params::account(params, "account")?;
    let forward = params::flag(params, "forward")?;
    let limit = params::limit(params, 200, 400)?;
    let api = params::api_version(params)?;
    let validated_seq = ledger.validated_ledger_seq();
    let mut hashes: Vec<_> = ledger.history().account_txs(&account).to_vec();
    if !forward {
        hashes.reverse();
    }
    let mut txs = Vec::new();
    for hash in hashes.iter().take(limit) {
        if let Some(found) = ledger.tx(hash) {
            let record = found.record;
            let mut entry = Map::new();
            entry.insert("meta".into(), super::transaction::meta_for(record));
            entry.insert("validated".into(), found.validated.into());
            if api >= 2 {
                entry.insert("hash".into(), record.hash.to_hex().into());
                entry.insert("ledger_index".into(), record.ledger_seq.into());
                entry.insert(
                    "tx_json".into(),
                    super::transaction::tx_json_for(record, api),
                );
            } else {
                entry.insert("tx".into(), super::transaction::tx_json_for(record, api));
            }
            txs.push(Value::Object(entry));
        }
    }
    let first = ledger.history().first_seq().unwrap_or(1);
    let mut out = Map::new();
    out.insert("account".into(), account.to_classic().into());
    out.insert("ledger_index_max".into(), validated_seq.into());
    out.insert("ledger_index_min".into(), first.into());
    out.insert("limit".into(), limit.into());
    out.insert("transactions".into(), Value::Array(txs));
    out.insert("validated".into(), true.into());
    Ok(out)
}

//! Looking a claimed transaction up on its ledger, for on-ledger verification (`proof verify
//! --live`, `cert-verify --live`, `POST /api/verify?live=true`) and `audit`.
//!
//! The workspace layer judges transactions ([`AuditTx`]) but cannot reach a ledger; this file is
//! the other half of that seam: pick the endpoint for the pack's network, read the transaction
//! with [`LedgerClient::fetch_tx`], and flatten the reply into an [`AuditTx`]. "The ledger does
//! not have it" is an answer (an empty, unvalidated row); "the ledger could not be asked" is an
//! `Err`, so the caller can tell "not found" from "not checked".

use std::time::Duration;

use serde_json::Value;

use super::rpc::RpcTransport;
use super::{LedgerClient, Network, Transport, TransportError};
use crate::network::{DEFAULT_RPC_URL, classify_network};
use crate::workspace::ArtifactKind;
use crate::workspace::audit::AuditTx;
use crate::workspace::live::{LiveResult, unreachable_result, verify_live};

/// The public Devnet JSON-RPC endpoint.
pub const DEVNET_RPC_URL: &str = "https://s.devnet.rippletest.net:51234";

/// Upper bound on one lookup, so a dead endpoint costs a learner seconds, not minutes.
const LOOKUP_TIMEOUT: Duration = Duration::from_secs(8);

/// The JSON-RPC endpoint for `network`: `XRPL_LAB_RPC_URL` when it classifies to that network,
/// else the public default. A `local` ledger has no public default: only the override reaches it.
pub fn endpoint_for(network: &str) -> Option<String> {
    let override_url = std::env::var("XRPL_LAB_RPC_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .filter(|u| classify_network(u).as_str() == network);
    if override_url.is_some() {
        return override_url;
    }
    match network {
        "testnet" => Some(DEFAULT_RPC_URL.to_string()),
        "devnet" => Some(DEVNET_RPC_URL.to_string()),
        _ => None,
    }
}

/// The live layer over `lookup`, with one rule added: when no lookup reached a ledger at all
/// (every on-ledger claim failed to connect), the answer is the synthetic "could not be
/// completed" block (retry later), not a list of per-transaction failures that would read as
/// if the pack were wrong.
/// The same rule holds per network: after one failed lookup, that network is not asked again.
pub fn verify_on_ledger(
    artifact: &Value,
    kind: ArtifactKind,
    mut lookup: impl FnMut(&str, &str) -> Result<AuditTx, String>,
) -> LiveResult {
    let (mut reached, mut unreachable) = (false, false);
    // A network that failed to answer once is not asked again in this verification: a pack of
    // fifty txids against a dead endpoint costs one timeout, not fifty.
    let mut dead: Vec<String> = Vec::new();
    let result = verify_live(artifact, kind, |network, txid| {
        if dead.iter().any(|d| d == network) {
            return Err("the ledger did not answer an earlier lookup".into());
        }
        let found = lookup(network, txid);
        match &found {
            Ok(_) => reached = true,
            Err(_) => {
                unreachable = true;
                dead.push(network.to_string());
            }
        }
        found
    });
    if unreachable && !reached {
        unreachable_result(kind)
    } else {
        result
    }
}

/// Reads `txid` from `network`'s ledger.
pub async fn lookup_tx(network: &str, txid: &str) -> Result<AuditTx, String> {
    let url = endpoint_for(network).ok_or_else(|| {
        format!("no JSON-RPC endpoint for the '{network}' network; set XRPL_LAB_RPC_URL")
    })?;
    // The endpoint's own class must be a test network: never read (or trust) mainnet answers.
    if !matches!(
        classify_network(&url),
        Network::Testnet | Network::Devnet | Network::Local
    ) {
        return Err(format!("refusing to verify against a '{network}' endpoint"));
    }
    let transport = Transport::Rpc(RpcTransport::new(url, String::new()));
    let client = LedgerClient::new(&transport);
    match tokio::time::timeout(LOOKUP_TIMEOUT, client.fetch_tx(txid)).await {
        Err(_) => Err(TransportError::Timeout.to_string()),
        Ok(Err(TransportError::Rpc { error, .. })) if error == "txnNotFound" => Ok(not_found(txid)),
        Ok(Err(e)) => Err(e.to_string()),
        Ok(Ok(tx)) => Ok(audit_tx_from_reply(txid, &tx)),
    }
}

/// The same lookup for synchronous callers (the CLI): a small runtime of its own per call.
pub fn lookup_tx_blocking(network: &str, txid: &str) -> Result<AuditTx, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("could not start the async runtime: {e}"))?;
    runtime.block_on(lookup_tx(network, txid))
}

fn not_found(txid: &str) -> AuditTx {
    AuditTx {
        txid: txid.to_string(),
        tx_type: String::new(),
        account: String::new(),
        destination: String::new(),
        amount: String::new(),
        fee: String::new(),
        result_code: String::new(),
        ledger_index: None,
        memos: None,
        validated: false,
        fetch_error: None,
    }
}

/// Flattens a `tx` reply (already folded to one shape by `fetch_tx`) into an audit row.
pub fn audit_tx_from_reply(txid: &str, tx: &Value) -> AuditTx {
    let text = |key: &str| match tx.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    let result_code = tx
        .pointer("/meta/TransactionResult")
        .or_else(|| tx.pointer("/metaData/TransactionResult"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let memos = tx.get("Memos").and_then(Value::as_array).map(|memos| {
        memos
            .iter()
            .filter_map(|m| m.pointer("/Memo/MemoData").and_then(Value::as_str))
            .filter_map(|hex_data| hex::decode(hex_data).ok())
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .collect()
    });
    AuditTx {
        txid: txid.to_string(),
        tx_type: text("TransactionType"),
        account: text("Account"),
        destination: text("Destination"),
        amount: text("Amount"),
        fee: text("Fee"),
        result_code,
        ledger_index: tx.get("ledger_index").and_then(|v| {
            v.as_u64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        }),
        memos,
        validated: tx.get("validated").and_then(Value::as_bool) == Some(true),
        fetch_error: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_reply_flattens_to_an_audit_row() {
        let row = audit_tx_from_reply(
            "AB",
            &json!({
                "TransactionType": "Payment", "Account": "rA", "Destination": "rB",
                "Amount": "10", "Fee": "12", "validated": true, "ledger_index": 7,
                "meta": {"TransactionResult": "tesSUCCESS"},
                "Memos": [{"Memo": {"MemoData": hex::encode("hi")}}],
            }),
        );
        assert_eq!(row.tx_type, "Payment");
        assert_eq!(row.result_code, "tesSUCCESS");
        assert_eq!(row.ledger_index, Some(7));
        assert_eq!(row.memos, Some(vec!["hi".to_string()]));
        assert!(row.validated);
    }

    #[test]
    fn a_dead_network_is_asked_once_and_gives_the_synthetic_block() {
        let pack = json!({
            "address": "rLearner",
            "network": "testnet",
            "transactions": [
                {"txid": "A1", "network": "testnet"},
                {"txid": "A2", "network": "testnet"},
                {"txid": "A3", "network": "testnet"},
            ],
        });
        let mut asked = 0;
        let result = verify_on_ledger(&pack, ArtifactKind::ProofPack, |_, _| {
            asked += 1;
            Err("connection refused".into())
        });
        assert_eq!(asked, 1);
        assert!(!result.overall_passed);
        assert!(result.tx_results.is_empty());
        assert!(result.note.contains("could not be completed"));
    }

    #[test]
    fn local_has_no_public_endpoint() {
        // Only an override that classifies as local reaches a local ledger; the test process
        // environment may carry one, so only assert the networks that have no default.
        assert_eq!(endpoint_for("mainnet"), None);
        assert_eq!(endpoint_for("dry-run"), None);
    }
}

//! token_freeze_101 and clawback_101 on the sandbox ledger: the issuer's levers, proved by the
//! flags and balances the ledger holds (and the metadata of the transactions that set them).

mod modules_common;

use modules_common::Learner;
use serde_json::{Value, json};

const LSF_LOW_FREEZE: u64 = 0x0040_0000;
const LSF_HIGH_FREEZE: u64 = 0x0080_0000;
const LSF_GLOBAL_FREEZE: u64 = 0x0040_0000;
const LSF_ALLOW_TRUSTLINE_CLAWBACK: u64 = 0x8000_0000;

/// The final fields of the one node of `entry_type` a transaction modified.
fn modified(tx: &Value, entry_type: &str) -> Value {
    tx["meta"]["AffectedNodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n.get("ModifiedNode"))
        .find(|n| n["LedgerEntryType"] == entry_type)
        .unwrap_or_else(|| panic!("no modified {entry_type} in {tx}"))["FinalFields"]
        .clone()
}

fn tx_json(tx: &Value) -> &Value {
    tx.get("tx_json").unwrap_or(tx)
}

async fn line(learner: &Learner, currency: &str, peer: &str) -> Value {
    let lines = learner
        .rpc(
            "account_lines",
            json!({ "account": learner.address(), "peer": peer, "ledger_index": "validated" }),
        )
        .await;
    lines["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["currency"] == currency)
        .unwrap_or_else(|| panic!("no {currency} line in {lines}"))
        .clone()
}

#[tokio::test]
async fn token_freeze_101_sets_and_clears_both_freezes_on_the_ledger() {
    let learner = Learner::new();
    let ran = learner.run("token_freeze_101").await;
    let txids = ran.completed("token_freeze_101");
    assert_eq!(
        txids.len(),
        6,
        "trust line, issue, freeze, unfreeze, global on, global off"
    );
    let mut txs = Vec::new();
    for txid in &txids {
        txs.push(learner.tx(txid).await);
    }
    let issuer = tx_json(&txs[2])["Account"].as_str().unwrap().to_string();
    let holder = learner.address();

    // Individual freeze: the issuer's bit on the RippleState, set then cleared.
    let issuer_is_low = xrpl_proto::address::AccountId::from_classic(&issuer).unwrap()
        < xrpl_proto::address::AccountId::from_classic(&holder).unwrap();
    let bit = if issuer_is_low {
        LSF_LOW_FREEZE
    } else {
        LSF_HIGH_FREEZE
    };
    assert_eq!(tx_json(&txs[2])["TransactionType"], "TrustSet");
    let frozen = modified(&txs[2], "RippleState")["Flags"].as_u64().unwrap();
    assert_ne!(frozen & bit, 0, "freeze set on the issuer's side");
    let thawed = modified(&txs[3], "RippleState")["Flags"].as_u64().unwrap();
    assert_eq!(thawed & bit, 0, "freeze cleared");

    // Global freeze: lsfGlobalFreeze on the issuer's AccountRoot, set then cleared.
    assert_eq!(tx_json(&txs[4])["SetFlag"], 7);
    let on = modified(&txs[4], "AccountRoot")["Flags"].as_u64().unwrap();
    assert_ne!(on & LSF_GLOBAL_FREEZE, 0);
    let off = modified(&txs[5], "AccountRoot")["Flags"].as_u64().unwrap();
    assert_eq!(off & LSF_GLOBAL_FREEZE, 0);

    // Freezing never changed the balance; the line ends unfrozen.
    let gld = line(&learner, "GLD", &issuer).await;
    assert_eq!(gld["balance"], "100");
    assert_ne!(gld["freeze_peer"], true);
    for said in [
        "Individual freeze is ON for the holder's GLD line",
        "Individual freeze is OFF for the holder's GLD line",
        "Global freeze is ON on the issuer account",
        "Global freeze is OFF on the issuer account",
    ] {
        assert!(ran.said_line(said), "{said}");
    }
}

#[tokio::test]
async fn clawback_101_recalls_exactly_thirty_and_is_refused_without_the_flag() {
    let learner = Learner::new();
    let ran = learner.run("clawback_101").await;
    let txids = ran.completed("clawback_101");
    let mut kinds = Vec::new();
    for txid in &txids {
        let tx = learner.tx(txid).await;
        assert_eq!(tx["meta"]["TransactionResult"], "tesSUCCESS");
        kinds.push(
            tx_json(&tx)["TransactionType"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    // The no-clawback issuer's setup is not part of the lesson's record.
    assert_eq!(kinds, ["AccountSet", "TrustSet", "Payment", "Clawback"]);

    let enable = learner.tx(&txids[0]).await;
    let issuer = tx_json(&enable)["Account"].as_str().unwrap().to_string();
    let issuer_root = learner
        .rpc(
            "account_info",
            json!({ "account": issuer, "ledger_index": "validated" }),
        )
        .await;
    let flags = issuer_root["account_data"]["Flags"].as_u64().unwrap();
    assert_ne!(flags & LSF_ALLOW_TRUSTLINE_CLAWBACK, 0);

    // The Clawback names the holder in Amount.issuer, and took exactly 30 of 100.
    let clawback = learner.tx(&txids[3]).await;
    assert_eq!(
        tx_json(&clawback)["Amount"]["issuer"],
        learner.address().as_str()
    );
    assert_eq!(line(&learner, "GLD", &issuer).await["balance"], "70");
    assert!(ran.said_line("Holder balance dropped by exactly 30 GLD"));

    // The second issuer was refused, its fee burned, the NOC untouched.
    let codes = ran.codes();
    assert_eq!(codes.last().map(String::as_str), Some("tecNO_PERMISSION"));
    assert!(ran.said_line("Expected failure: tecNO_PERMISSION"));
    let noc = learner
        .rpc(
            "account_lines",
            json!({ "account": learner.address(), "ledger_index": "validated" }),
        )
        .await;
    let noc: Vec<&Value> = noc["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["currency"] == "NOC")
        .collect();
    assert_eq!(noc.len(), 1);
    assert_eq!(noc[0]["balance"], "50");

    // The failure is in the learner's history as a failed receipt.
    let state = learner.files.state.load().unwrap();
    let failed = state.tx_index.iter().filter(|t| !t.success).count();
    assert_eq!(failed, 1);
}

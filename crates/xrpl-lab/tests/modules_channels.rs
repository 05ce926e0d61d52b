//! payment_channel_101 on the sandbox ledger: the channel's deposit and paid-out balance, read
//! back from its PayChannel entry, and the receiver paid exactly the latest claim.

mod modules_common;

use modules_common::{FAUCET_DROPS, Learner};
use serde_json::{Value, json};

fn tx_json(tx: &Value) -> &Value {
    tx.get("tx_json").unwrap_or(tx)
}

#[tokio::test]
async fn payment_channel_101_deposits_fifteen_and_settles_the_latest_claim_of_seven() {
    let learner = Learner::new();
    let ran = learner.run("payment_channel_101").await;
    let txids = ran.completed("payment_channel_101");
    let mut txs = Vec::new();
    for txid in &txids {
        let tx = learner.tx(txid).await;
        assert_eq!(tx["meta"]["TransactionResult"], "tesSUCCESS");
        txs.push(tx);
    }
    let kinds: Vec<&str> = txs
        .iter()
        .map(|t| tx_json(t)["TransactionType"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "PaymentChannelCreate",
            "PaymentChannelFund",
            "PaymentChannelClaim"
        ]
    );

    // The channel on the ledger: 15 XRP deposited, 7 paid out, the learner's key.
    let create = tx_json(&txs[0]);
    let receiver = create["Destination"].as_str().unwrap().to_string();
    let channels = learner
        .rpc(
            "account_channels",
            json!({ "account": learner.address(), "ledger_index": "validated" }),
        )
        .await;
    let channels = channels["channels"].as_array().unwrap();
    assert_eq!(channels.len(), 1, "{channels:?}");
    let channel = &channels[0];
    assert_eq!(channel["destination_account"], receiver.as_str());
    assert_eq!(channel["amount"], "15000000");
    assert_eq!(channel["balance"], "7000000");
    assert_eq!(channel["public_key_hex"], create["PublicKey"]);

    // The claim was the receiver's transaction, carrying the learner's signature for 7 XRP.
    let claim = tx_json(&txs[2]);
    assert_eq!(claim["Account"], receiver.as_str());
    assert_eq!(claim["Channel"], channel["channel_id"]);
    assert_eq!(claim["Balance"], "7000000");

    // 15 XRP left the learner (plus fees); the receiver gained 7 minus its claim fee.
    let learner_fees = learner.fees_paid(&txids).await;
    assert_eq!(
        learner.balance_drops().await,
        FAUCET_DROPS - 15_000_000 - learner_fees
    );
    let receiver_root = learner
        .rpc(
            "account_info",
            json!({ "account": receiver, "ledger_index": "validated" }),
        )
        .await;
    let claim_fee: u64 = claim["Fee"].as_str().unwrap().parse().unwrap();
    assert_eq!(
        receiver_root["account_data"]["Balance"],
        (FAUCET_DROPS + 7_000_000 - claim_fee).to_string()
    );
    assert_eq!(learner.account().await["OwnerCount"], 1, "the open channel");

    let said = ran.said();
    let valid = said
        .iter()
        .filter(|t| t.contains("is valid: signed by the channel's key"))
        .count();
    assert_eq!(valid, 2, "both claims verified by the receiver");
    assert!(ran.said_line("Claimed balance matches: 7.000000 XRP"));
    assert!(ran.said_line("Deposit matches: 15.000000 XRP"));
}

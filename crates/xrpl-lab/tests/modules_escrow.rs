//! escrow_101 and escrow_finish_101 on the sandbox ledger: the escrowed XRP leaves the balance,
//! sits in an Escrow entry named by owner and create-sequence, and comes back when finished.

mod modules_common;

use modules_common::{FAUCET_DROPS, Learner};
use serde_json::Value;
use xrpl_proto::address::AccountId;

fn escrow_index(owner: &str, sequence: u64) -> String {
    let owner = AccountId::from_classic(owner).unwrap();
    xrpl_proto::keylet::escrow(&owner, u32::try_from(sequence).unwrap()).to_hex()
}

#[tokio::test]
async fn escrow_101_locks_ten_xrp_in_an_escrow_entry_with_its_times() {
    let learner = Learner::new();
    let ran = learner.run("escrow_101").await;
    let txids = ran.completed("escrow_101");
    assert_eq!(txids.len(), 1, "one EscrowCreate");
    let create = learner.tx(&txids[0]).await;
    let create_json = create.get("tx_json").unwrap_or(&create);
    assert_eq!(create_json["TransactionType"], "EscrowCreate");
    assert_eq!(create["meta"]["TransactionResult"], "tesSUCCESS");

    let address = learner.address();
    let sequence = create_json["Sequence"].as_u64().unwrap();
    let escrow = learner
        .ledger_object(&escrow_index(&address, sequence))
        .await
        .expect("the escrow is on the ledger");
    assert_eq!(escrow["Amount"], "10000000");
    assert_eq!(escrow["Destination"], address.as_str());
    let finish_after = escrow["FinishAfter"].as_u64().unwrap();
    let cancel_after = escrow["CancelAfter"].as_u64().unwrap();
    assert_eq!(cancel_after, finish_after + 86_400);

    // FinishAfter is two minutes after the ledger time the create was built against.
    let ledger = learner
        .rpc(
            "ledger",
            serde_json::json!({ "ledger_index": create["ledger_index"] }),
        )
        .await;
    let closed_at = ledger["ledger"]["close_time"].as_u64().unwrap();
    assert!(
        finish_after > closed_at && finish_after <= closed_at + 120,
        "FinishAfter {finish_after} vs the create's ledger close {closed_at}"
    );

    // The 10 XRP left the balance (and the fee was burned); the escrow is one owned object.
    let fee = learner.fees_paid(&txids).await;
    assert_eq!(
        learner.balance_drops().await,
        FAUCET_DROPS - 10_000_000 - fee
    );
    assert_eq!(learner.account().await["OwnerCount"], 1);
    assert!(ran.said_line(&format!("Escrow found: create-sequence {sequence}")));
    assert!(ran.said_line("Amount: 10.000000 XRP (10000000 drops)"));
    assert!(ran.said_line("Your account owns 1 escrow(s)"));
}

#[tokio::test]
async fn escrow_finish_101_releases_the_xrp_and_frees_the_reserve() {
    let learner = Learner::new();
    let ran = learner.run("escrow_finish_101").await;
    let txids = ran.completed("escrow_finish_101");
    let kinds: Vec<String> = {
        let mut kinds = Vec::new();
        for txid in &txids {
            let tx = learner.tx(txid).await;
            let tx_json = tx.get("tx_json").unwrap_or(&tx).clone();
            assert_eq!(tx["meta"]["TransactionResult"], "tesSUCCESS");
            kinds.push(tx_json["TransactionType"].as_str().unwrap().to_string());
        }
        kinds
    };
    assert_eq!(kinds, ["EscrowCreate", "EscrowFinish"]);

    let create = learner.tx(&txids[0]).await;
    let create_json = create.get("tx_json").unwrap_or(&create).clone();
    let finish = learner.tx(&txids[1]).await;
    let finish_json = finish.get("tx_json").unwrap_or(&finish).clone();
    assert_eq!(finish_json["Owner"], create_json["Account"]);
    assert_eq!(finish_json["OfferSequence"], create_json["Sequence"]);

    // Not submitted early: the finish's ledger closed after FinishAfter, because the lab moved
    // the sandbox clock forward (and said so) rather than let it fail tecNO_PERMISSION.
    let finish_after = create_json["FinishAfter"].as_u64().unwrap();
    let finish_ledger = learner
        .rpc(
            "ledger",
            serde_json::json!({ "ledger_index": finish["ledger_index"] }),
        )
        .await;
    let parent_close = finish_ledger["ledger"]["parent_close_time"]
        .as_u64()
        .unwrap();
    assert!(
        parent_close > finish_after,
        "{parent_close} > {finish_after}"
    );
    assert!(ran.said_line("Sandbox clock advanced by"));
    assert!(!ran.codes().iter().any(|c| c == "tecNO_PERMISSION"));

    // The escrow is gone, the 10 XRP are back, only the two fees were spent.
    let sequence = create_json["Sequence"].as_u64().unwrap();
    assert_eq!(
        learner
            .ledger_object(&escrow_index(&learner.address(), sequence))
            .await,
        None::<Value>
    );
    let fees = learner.fees_paid(&txids).await;
    assert_eq!(learner.balance_drops().await, FAUCET_DROPS - fees);
    assert_eq!(learner.account().await["OwnerCount"], 0);
    assert!(ran.said_line(&format!(
        "Escrow (create-sequence {sequence}) is gone — funds released, reserve freed"
    )));
    assert!(ran.said_line("Owner count unchanged: 0"));
}

#[tokio::test]
async fn over_json_rpc_the_finish_waits_for_ledger_time_instead_of_moving_a_clock() {
    // The network path: the lab cannot move a remote clock, so it waits until the ledger's
    // close time passes FinishAfter (asking a standalone node to close ledgers meanwhile).
    let learner = Learner::over_http().await;
    let ran = learner.run("escrow_finish_101").await;
    let txids = ran.completed("escrow_finish_101");
    assert_eq!(txids.len(), 2);
    assert!(ran.said_line("Waiting for ledger time to pass"));
    assert!(!ran.said_line("Sandbox clock advanced"));
    assert!(!ran.codes().iter().any(|c| c == "tecNO_PERMISSION"));
    assert_eq!(learner.account().await["OwnerCount"], 0);
}

#[tokio::test]
async fn a_bad_escrow_amount_stops_the_step_with_a_typed_error_and_locks_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bundled = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../modules/escrow_101.md"),
    )
    .unwrap();
    let broken = bundled.replace(
        "create_escrow amount=10 finish_seconds=120",
        "create_escrow amount=ten finish_seconds=120",
    );
    assert_ne!(broken, bundled);
    std::fs::write(dir.path().join("escrow_101.md"), broken).unwrap();

    let learner = Learner::new();
    let ran = learner
        .run_from(&[dir.path().to_path_buf()], "escrow_101")
        .await;
    assert!(
        matches!(
            ran.outcome,
            xrpl_lab::runner::RunOutcome::Completed { success: false, .. }
        ),
        "{:?}",
        ran.outcome
    );
    assert!(ran.said_line("Step failed: INPUT_INVALID_AMOUNT"));
    assert!(ran.said_line("'ten' is not a valid XRP amount."));
    assert!(ran.codes().is_empty(), "nothing was submitted");
    assert_eq!(learner.balance_drops().await, FAUCET_DROPS);
    assert_eq!(learner.account().await["OwnerCount"], 0);
}

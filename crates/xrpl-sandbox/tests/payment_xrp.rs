//! XRP payments end to end: signed blobs in, balances, reserves, sequences and metadata out.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/payment> and
//! <https://xrpl.org/docs/concepts/accounts/reserves>.

mod common;

use common::{Lab, T0, Wallet, XRP, find_node, pay_xrp};
use serde_json::json;
use xrpl_sandbox::ledger::GENESIS_DROPS;
use xrpl_sandbox::{SubmitError, Ter};

#[test]
fn genesis_is_the_well_known_account_and_holds_everything() {
    let lab = Lab::new();
    let genesis = xrpl_sandbox::ledger::GENESIS_ACCOUNT;
    assert_eq!(genesis.to_classic(), "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh");
    assert_eq!(lab.ledger.account(&genesis).unwrap().balance, GENESIS_DROPS);
    assert_eq!(lab.ledger.total_drops(), GENESIS_DROPS);
}

#[test]
fn funding_creates_the_account_with_the_ledger_sequence_and_burns_the_fee() {
    let mut lab = Lab::new();
    let alice = Wallet::ed(1);
    let ledger_before = lab.ledger.current_ledger_seq();
    lab.fund(&alice, 1000);
    let root = lab.ledger.account(&alice.account).unwrap();
    assert_eq!(root.balance, 1000 * XRP);
    // Accounts created since DeletableAccounts start at the sequence of their ledger.
    assert_eq!(root.sequence, ledger_before);
    assert_eq!(root.owner_count, 0);
    assert_eq!(lab.ledger.total_drops(), GENESIS_DROPS - 10);
    // Every transaction closes into its own validated ledger by default.
    assert_eq!(lab.ledger.validated_ledger_seq(), ledger_before);
}

#[test]
fn a_payment_moves_drops_exactly_and_reports_metadata() {
    let mut lab = Lab::new();
    let (alice, bob) = (Wallet::ed(1), Wallet::secp(2));
    lab.fund(&alice, 100);
    lab.fund(&bob, 50);
    let seq = lab.sequence(&alice);
    let outcome = lab.expect(&alice, pay_xrp(&bob, 12_345_678), Ter::tesSUCCESS);
    assert_eq!(lab.balance(&alice), 100 * XRP - 12_345_678 - 10);
    assert_eq!(lab.balance(&bob), 50 * XRP + 12_345_678);
    assert_eq!(lab.sequence(&alice), seq + 1);
    assert!(outcome.applied && outcome.validated);

    let meta = outcome.meta.unwrap();
    assert_eq!(meta["TransactionResult"], "tesSUCCESS");
    assert_eq!(meta["TransactionIndex"], 0);
    assert_eq!(meta["delivered_amount"], "12345678");
    let sender = find_node(&meta, "ModifiedNode", "AccountRoot", &alice.address()).unwrap();
    assert_eq!(sender["PreviousFields"]["Balance"], (100 * XRP).to_string());
    assert_eq!(sender["PreviousFields"]["Sequence"], seq);
    assert_eq!(
        sender["FinalFields"]["Balance"],
        (100 * XRP - 12_345_688).to_string()
    );
    let receiver = find_node(&meta, "ModifiedNode", "AccountRoot", &bob.address()).unwrap();
    assert_eq!(
        receiver["PreviousFields"]["Balance"],
        (50 * XRP).to_string()
    );
    assert!(receiver["PreviousFields"].get("Sequence").is_none());

    // The id is SHA-512Half of the blob, and `tx` finds it.
    let found = lab.ledger.tx(&outcome.hash).unwrap();
    assert_eq!(
        xrpl_proto::hash::transaction_id(&found.record.blob),
        outcome.hash
    );
}

#[test]
fn creating_an_account_needs_the_base_reserve() {
    let mut lab = Lab::new();
    let (alice, carol) = (Wallet::ed(1), Wallet::ed(3));
    lab.fund(&alice, 100);
    let seq = lab.sequence(&alice);
    // Below the 1 XRP base reserve: claimed (fee and sequence), no account.
    let outcome = lab.expect(&alice, pay_xrp(&carol, XRP - 1), Ter::tecNO_DST_INSUF_XRP);
    assert!(outcome.applied);
    assert!(lab.ledger.account(&carol.account).is_none());
    assert_eq!(lab.balance(&alice), 100 * XRP - 10);
    assert_eq!(lab.sequence(&alice), seq + 1);
    let meta = outcome.meta.unwrap();
    assert_eq!(meta["AffectedNodes"].as_array().unwrap().len(), 1);
    assert_eq!(meta["delivered_amount"], "unavailable");

    // Exactly the reserve creates it.
    let created = lab.expect(&alice, pay_xrp(&carol, XRP), Ter::tesSUCCESS);
    assert_eq!(lab.balance(&carol), XRP);
    let meta = created.meta.unwrap();
    let node = find_node(&meta, "CreatedNode", "AccountRoot", &carol.address()).unwrap();
    assert_eq!(node["NewFields"]["Balance"], XRP.to_string());
    assert_eq!(node["NewFields"]["Sequence"], created.ledger_index.unwrap());
}

#[test]
fn the_sender_keeps_its_reserve_but_the_fee_may_dip_into_it() {
    let mut lab = Lab::new();
    let (alice, bob) = (Wallet::ed(1), Wallet::ed(2));
    lab.fund(&alice, 10);
    lab.fund(&bob, 10);
    // Spendable = balance - reserve (1 XRP); one drop more is unfunded.
    let spendable = 10 * XRP - XRP;
    lab.expect(
        &alice,
        pay_xrp(&bob, spendable + 1),
        Ter::tecUNFUNDED_PAYMENT,
    );
    assert_eq!(lab.balance(&alice), 10 * XRP - 10);
    assert_eq!(lab.balance(&bob), 10 * XRP);
    // With 10 drops fewer after that fee, rippled's check `prior < amount + max(reserve, fee)`
    // still allows exactly balance - reserve.
    let spendable = lab.balance(&alice) - XRP;
    lab.expect(&alice, pay_xrp(&bob, spendable), Ter::tesSUCCESS);
    assert_eq!(
        lab.balance(&alice),
        XRP - 10,
        "the fee came out of the reserve"
    );
}

#[test]
fn require_dest_and_destination_tags() {
    let mut lab = Lab::new();
    let (alice, exchange) = (Wallet::ed(1), Wallet::ed(4));
    lab.fund(&alice, 100);
    lab.fund(&exchange, 100);
    // asfRequireDest = 1. https://xrpl.org/docs/tutorials/how-tos/manage-account-settings/require-destination-tags
    lab.expect(
        &exchange,
        json!({"TransactionType": "AccountSet", "SetFlag": 1}),
        Ter::tesSUCCESS,
    );
    lab.expect(&alice, pay_xrp(&exchange, 5 * XRP), Ter::tecDST_TAG_NEEDED);
    let mut tagged = pay_xrp(&exchange, 5 * XRP);
    tagged["DestinationTag"] = json!(42);
    lab.expect(&alice, tagged, Ter::tesSUCCESS);
    assert_eq!(lab.balance(&exchange), 105 * XRP - 10);
}

#[test]
fn malformed_payments_are_rejected_without_touching_the_ledger() {
    let mut lab = Lab::new();
    let (alice, bob) = (Wallet::ed(1), Wallet::ed(2));
    lab.fund(&alice, 100);
    lab.fund(&bob, 100);
    let before = (lab.balance(&alice), lab.sequence(&alice));
    let cases = [
        (pay_xrp(&alice, XRP), Ter::temREDUNDANT),
        (pay_xrp(&bob, 0), Ter::temBAD_AMOUNT),
        (
            json!({"TransactionType": "Payment", "Destination": bob.address(), "Amount": "-5"}),
            Ter::temBAD_AMOUNT,
        ),
        (
            json!({"TransactionType": "Payment", "Amount": "5"}),
            Ter::temDST_NEEDED,
        ),
        (
            json!({"TransactionType": "Payment", "Destination": bob.address(), "Amount": "5", "Flags": 0x0002_0000}),
            Ter::temBAD_SEND_XRP_PARTIAL,
        ),
        (
            json!({"TransactionType": "Payment", "Destination": bob.address(), "Amount": "5", "SendMax": "6"}),
            Ter::temBAD_SEND_XRP_MAX,
        ),
        (
            json!({"TransactionType": "Payment", "Destination": bob.address(), "Amount": "5", "Flags": 1}),
            Ter::temINVALID_FLAG,
        ),
    ];
    for (tx, ter) in cases {
        let outcome = lab.expect(&alice, tx, ter);
        assert!(!outcome.applied && outcome.meta.is_none());
    }
    assert_eq!((lab.balance(&alice), lab.sequence(&alice)), before);
}

#[test]
fn sequence_fee_and_last_ledger_checks() {
    let mut lab = Lab::new();
    let (alice, bob) = (Wallet::ed(1), Wallet::ed(2));
    lab.fund(&alice, 100);
    lab.fund(&bob, 100);
    let seq = lab.sequence(&alice);
    let before = lab.balance(&alice);
    let mut past = pay_xrp(&bob, XRP);
    past["Sequence"] = json!(seq - 1);
    lab.expect(&alice, past, Ter::tefPAST_SEQ);
    let mut future = pay_xrp(&bob, XRP);
    future["Sequence"] = json!(seq + 1);
    lab.expect(&alice, future, Ter::terPRE_SEQ);
    let mut cheap = pay_xrp(&bob, XRP);
    cheap["Fee"] = json!("9");
    lab.expect(&alice, cheap, Ter::telINSUF_FEE_P);
    let mut expired = pay_xrp(&bob, XRP);
    expired["LastLedgerSequence"] = json!(lab.ledger.current_ledger_seq() - 1);
    lab.expect(&alice, expired, Ter::tefMAX_LEDGER);
    let mut ok = pay_xrp(&bob, XRP);
    ok["LastLedgerSequence"] = json!(lab.ledger.current_ledger_seq());
    lab.expect(&alice, ok, Ter::tesSUCCESS);
    assert_eq!(lab.balance(&alice), before - XRP - 10);
    // A bigger fee is fine and is burned entirely.
    let total = lab.ledger.total_drops();
    let mut generous = pay_xrp(&bob, XRP);
    generous["Fee"] = json!("5000");
    lab.expect(&alice, generous, Ter::tesSUCCESS);
    assert_eq!(lab.ledger.total_drops(), total - 5000);
}

#[test]
fn an_unfunded_account_cannot_submit() {
    let mut lab = Lab::new();
    let (ghost, bob) = (Wallet::ed(9), Wallet::ed(2));
    lab.fund(&bob, 100);
    let mut tx = pay_xrp(&bob, XRP);
    tx["Sequence"] = json!(1);
    lab.expect(&ghost, tx, Ter::terNO_ACCOUNT);
}

#[test]
fn bad_signatures_and_garbage_blobs_are_refused_before_the_engine() {
    let mut lab = Lab::new();
    let (alice, bob, mallory) = (Wallet::ed(1), Wallet::ed(2), Wallet::secp(6));
    lab.fund(&alice, 100);
    lab.fund(&bob, 100);
    let tx = lab.autofill(&alice, pay_xrp(&bob, XRP));
    let mut blob = lab.sign(&alice, &tx);
    // Flip one bit inside the signed amount: the signature no longer matches.
    let amount_at = blob.windows(2).position(|w| w == [0x61, 0x40]).unwrap();
    blob[amount_at + 8] ^= 1;
    assert_eq!(
        lab.ledger.submit(&blob).unwrap_err(),
        SubmitError::BadSignature
    );
    // Signed by someone else's key: a valid signature, but not Alice's key.
    let forged = lab.sign(&mallory, &tx);
    assert_eq!(lab.ledger.submit(&forged).unwrap().result, Ter::tefBAD_AUTH);
    for garbage in [&b""[..], b"\x00", b"\x12\x00", &[0xFF; 64][..]] {
        assert!(matches!(
            lab.ledger.submit(garbage),
            Err(SubmitError::Malformed(_))
        ));
    }
    assert_eq!(lab.balance(&alice), 100 * XRP);
}

#[test]
fn the_same_blob_twice_is_already_applied() {
    let mut lab = Lab::new();
    let (alice, bob) = (Wallet::ed(1), Wallet::ed(2));
    lab.fund(&alice, 100);
    lab.fund(&bob, 100);
    let tx = lab.autofill(&alice, pay_xrp(&bob, XRP));
    let blob = lab.sign(&alice, &tx);
    let first = lab.ledger.submit(&blob).unwrap();
    let again = lab.ledger.submit(&blob).unwrap();
    assert_eq!(first.result, Ter::tesSUCCESS);
    assert_eq!(again.result, Ter::tefALREADY);
    assert_eq!(again.hash, first.hash);
    assert_eq!(lab.balance(&bob), 101 * XRP);
}

#[test]
fn close_times_follow_the_clock_and_never_repeat() {
    let mut lab = Lab::new();
    let alice = Wallet::ed(1);
    lab.fund(&alice, 10);
    let first = lab.ledger.last_closed().close_time;
    assert!(first > T0);
    lab.ledger.advance_time(3600);
    lab.fund(&alice, 10);
    assert_eq!(lab.ledger.last_closed().close_time, T0 + 3600);
}

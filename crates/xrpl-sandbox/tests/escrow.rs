//! Escrows: XRP really leaves the owner, comes back on cancel, goes to the destination on
//! finish, under time and PREIMAGE-SHA-256 conditions judged by ledger close time.
//! Rules: <https://xrpl.org/docs/concepts/payment-types/escrow>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/escrowcreate>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/escrowfinish>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/escrowcancel>.

mod common;

use common::{Lab, Wallet, XRP, find_node};
use serde_json::{Value, json};
use xrpl_sandbox::Ter;
use xrpl_sandbox::condition::{Condition, fulfillment_for};

fn create(dest: &Wallet, drops: u64, finish: Option<u32>, cancel: Option<u32>) -> Value {
    let mut tx = json!({"TransactionType": "EscrowCreate", "Destination": dest.address(), "Amount": drops.to_string()});
    if let Some(t) = finish {
        tx["FinishAfter"] = json!(t);
    }
    if let Some(t) = cancel {
        tx["CancelAfter"] = json!(t);
    }
    tx
}

fn finish(owner: &Wallet, seq: u32) -> Value {
    json!({"TransactionType": "EscrowFinish", "Owner": owner.address(), "OfferSequence": seq})
}

fn cancel(owner: &Wallet, seq: u32) -> Value {
    json!({"TransactionType": "EscrowCancel", "Owner": owner.address(), "OfferSequence": seq})
}

fn now(lab: &Lab) -> u32 {
    lab.ledger.last_closed().close_time
}

fn pair() -> (Lab, Wallet, Wallet) {
    let mut lab = Lab::new();
    let (alice, bob) = (Wallet::ed(1), Wallet::ed(2));
    lab.fund(&alice, 1000);
    lab.fund(&bob, 1000);
    (lab, alice, bob)
}

#[test]
fn a_timed_escrow_locks_then_releases_to_the_destination() {
    let (mut lab, alice, bob) = pair();
    let seq = lab.sequence(&alice);
    let t = now(&lab);
    let before = lab.balance(&alice);
    let outcome = lab.expect(
        &alice,
        create(&bob, 100 * XRP, Some(t + 60), None),
        Ter::tesSUCCESS,
    );
    assert_eq!(
        lab.balance(&alice),
        before - 100 * XRP - 10,
        "the XRP left the owner"
    );
    assert_eq!(lab.owner_count(&alice), 1);
    assert_eq!(lab.owned(&bob), 1, "listed for the destination too");
    let meta = outcome.meta.unwrap();
    assert!(find_node(&meta, "CreatedNode", "Escrow", &alice.address()).is_some());
    let total = lab.ledger.total_drops();

    // Too early: anyone's finish is refused (and costs only the fee).
    lab.expect(&bob, finish(&alice, seq), Ter::tecNO_PERMISSION);
    lab.ledger.advance_time(120);
    lab.fund(&bob, 1); // closes a ledger after FinishAfter
    let bob_before = lab.balance(&bob);
    lab.expect(&bob, finish(&alice, seq), Ter::tesSUCCESS);
    assert_eq!(lab.balance(&bob), bob_before + 100 * XRP - 10);
    assert_eq!(lab.owner_count(&alice), 0);
    assert_eq!((lab.owned(&alice), lab.owned(&bob)), (0, 0));
    // Only fees were burned while the XRP was locked.
    assert_eq!(lab.ledger.total_drops(), total - 10 - 10 - 10);
    lab.expect(&bob, finish(&alice, seq), Ter::tecNO_TARGET);
}

#[test]
fn cancel_returns_the_xrp_only_after_cancel_after() {
    let (mut lab, alice, bob) = pair();
    let seq = lab.sequence(&alice);
    let t = now(&lab);
    lab.expect(
        &alice,
        create(&bob, 50 * XRP, Some(t + 10), Some(t + 100)),
        Ter::tesSUCCESS,
    );
    let locked = lab.balance(&alice);
    lab.expect(&bob, cancel(&alice, seq), Ter::tecNO_PERMISSION);
    lab.ledger.advance_time(200);
    lab.fund(&bob, 1);
    // Past CancelAfter it can no longer be finished, only cancelled.
    lab.expect(&bob, finish(&alice, seq), Ter::tecNO_PERMISSION);
    lab.expect(&bob, cancel(&alice, seq), Ter::tesSUCCESS);
    assert_eq!(lab.balance(&alice), locked + 50 * XRP);
    assert_eq!(lab.owner_count(&alice), 0);
}

#[test]
fn a_conditional_escrow_needs_the_matching_fulfillment() {
    let (mut lab, alice, bob) = pair();
    let seq = lab.sequence(&alice);
    let t = now(&lab);
    let condition = hex::encode_upper(Condition::for_preimage(b"workshop secret").to_der());
    let mut tx = create(&bob, 10 * XRP, None, Some(t + 1000));
    tx["Condition"] = json!(condition);
    lab.expect(&alice, tx, Ter::tesSUCCESS);
    let with = |preimage: &[u8], fee: u64| {
        let mut f = finish(&alice, seq);
        f["Condition"] = json!(condition);
        f["Fulfillment"] = json!(hex::encode_upper(fulfillment_for(preimage)));
        f["Fee"] = json!(fee.to_string());
        f
    };
    lab.expect(&bob, finish(&alice, seq), Ter::tecCRYPTOCONDITION_ERROR);
    // Checking a fulfillment costs extra: 10 × (33 + 19/16) = 340 drops here.
    lab.expect(&bob, with(b"workshop secret", 10), Ter::telINSUF_FEE_P);
    lab.expect(
        &bob,
        with(b"wrong secret", 340),
        Ter::tecCRYPTOCONDITION_ERROR,
    );
    let before = lab.balance(&bob);
    lab.expect(&bob, with(b"workshop secret", 340), Ter::tesSUCCESS);
    assert_eq!(lab.balance(&bob), before + 10 * XRP - 340);
}

#[test]
fn create_rules() {
    let (mut lab, alice, bob) = pair();
    let t = now(&lab);
    let ghost = Wallet::ed(77);
    for (tx, ter) in [
        (create(&bob, 10 * XRP, None, None), Ter::temBAD_EXPIRATION),
        (
            create(&bob, 10 * XRP, Some(t + 100), Some(t + 50)),
            Ter::temBAD_EXPIRATION,
        ),
        (
            create(&bob, 10 * XRP, None, Some(t + 50)),
            Ter::temMALFORMED,
        ),
        (create(&bob, 0, Some(t + 100), None), Ter::temBAD_AMOUNT),
        (
            create(&ghost, 10 * XRP, Some(t + 100), None),
            Ter::tecNO_DST,
        ),
        (
            create(&bob, 10 * XRP, Some(t - 1), None),
            Ter::tecNO_PERMISSION,
        ),
        (
            create(&bob, 999 * XRP, Some(t + 100), None),
            Ter::tecUNFUNDED,
        ),
    ] {
        lab.expect(&alice, tx, ter);
    }
    assert_eq!(lab.owner_count(&alice), 0);
    let mut malformed = create(&bob, 10 * XRP, Some(t + 100), None);
    malformed["Condition"] = json!("DEADBEEF");
    lab.expect(&alice, malformed, Ter::temMALFORMED);
}

//! Checks (deferred payments) and AccountDelete.
//! Rules: <https://xrpl.org/docs/concepts/payment-types/checks>,
//! <https://xrpl.org/docs/concepts/accounts/deleting-accounts>.

mod common;

use common::{Lab, Wallet, XRP, iou, pay_iou, pay_xrp, set_flag, trust};
use serde_json::{Value, json};
use xrpl_sandbox::Ter;

fn check_id(outcome: &xrpl_sandbox::SubmitOutcome) -> String {
    let meta = outcome.meta.as_ref().unwrap();
    meta["AffectedNodes"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|n| {
            n.get("CreatedNode")
                .filter(|c| c["LedgerEntryType"] == "Check")
        })
        .unwrap()["LedgerIndex"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn create(to: &Wallet, send_max: Value) -> Value {
    json!({"TransactionType": "CheckCreate", "Destination": to.address(), "SendMax": send_max})
}

#[test]
fn an_xrp_check_is_cashed_by_its_destination_only() {
    let mut lab = Lab::new();
    let (alice, bob, carol) = (Wallet::ed(1), Wallet::ed(2), Wallet::ed(3));
    for w in [&alice, &bob, &carol] {
        lab.fund(w, 100);
    }
    let outcome = lab.expect(
        &alice,
        create(&bob, json!((20 * XRP).to_string())),
        Ter::tesSUCCESS,
    );
    let id = check_id(&outcome);
    assert_eq!(lab.owner_count(&alice), 1);
    let before = (lab.balance(&alice), lab.balance(&bob));
    let cash = |amount: u64| json!({"TransactionType": "CheckCash", "CheckID": id, "Amount": amount.to_string()});
    lab.expect(&carol, cash(XRP), Ter::tecNO_PERMISSION);
    lab.expect(&bob, cash(21 * XRP), Ter::tecPATH_PARTIAL);
    lab.expect(&bob, cash(15 * XRP), Ter::tesSUCCESS);
    assert_eq!(lab.balance(&alice), before.0 - 15 * XRP);
    assert_eq!(
        lab.balance(&bob),
        before.1 + 15 * XRP - 20,
        "two fees: the refused and the good cash"
    );
    assert_eq!(lab.owner_count(&alice), 0);
    lab.expect(&bob, cash(XRP), Ter::tecNO_ENTRY);
}

#[test]
fn a_flexible_cash_takes_what_the_writer_can_pay() {
    let mut lab = Lab::new();
    let (alice, bob) = (Wallet::ed(1), Wallet::ed(2));
    lab.fund(&alice, 10);
    lab.fund(&bob, 100);
    let outcome = lab.expect(
        &alice,
        create(&bob, json!((50 * XRP).to_string())),
        Ter::tesSUCCESS,
    );
    let id = check_id(&outcome);
    let cash =
        json!({"TransactionType": "CheckCash", "CheckID": id, "DeliverMin": (5 * XRP).to_string()});
    let outcome = lab.expect(&bob, cash, Ter::tesSUCCESS);
    // Alice keeps her base reserve; everything above it went to bob.
    assert_eq!(lab.balance(&alice), XRP);
    assert_eq!(
        outcome.meta.unwrap()["delivered_amount"],
        (9 * XRP - 10).to_string()
    );
}

#[test]
fn an_issued_check_pays_through_the_trust_line() {
    let mut lab = Lab::new();
    let (gw, alice, bob) = (Wallet::ed(10), Wallet::ed(1), Wallet::ed(2));
    for w in [&gw, &alice, &bob] {
        lab.fund(w, 100);
    }
    lab.expect(&gw, set_flag(8), Ter::tesSUCCESS);
    for w in [&alice, &bob] {
        lab.expect(w, trust(&gw, "USD", "1000"), Ter::tesSUCCESS);
    }
    lab.expect(
        &gw,
        pay_iou(&alice, iou(&gw, "USD", "100")),
        Ter::tesSUCCESS,
    );
    let outcome = lab.expect(&alice, create(&bob, iou(&gw, "USD", "40")), Ter::tesSUCCESS);
    let id = check_id(&outcome);
    lab.expect(
        &bob,
        json!({"TransactionType": "CheckCash", "CheckID": id, "Amount": iou(&gw, "USD", "40")}),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.iou_balance(&alice, &gw, "USD"), "60");
    assert_eq!(lab.iou_balance(&bob, &gw, "USD"), "40");
}

#[test]
fn cancelling_and_expiring_checks() {
    let mut lab = Lab::new();
    let (alice, bob, carol) = (Wallet::ed(1), Wallet::ed(2), Wallet::ed(3));
    for w in [&alice, &bob, &carol] {
        lab.fund(w, 100);
    }
    let now = lab.ledger.last_closed().close_time;
    let mut tx = create(&bob, json!(XRP.to_string()));
    tx["Expiration"] = json!(now + 50);
    let id = check_id(&lab.expect(&alice, tx, Ter::tesSUCCESS));
    let cancel = json!({"TransactionType": "CheckCancel", "CheckID": id});
    lab.expect(&carol, cancel.clone(), Ter::tecNO_PERMISSION);
    lab.ledger.advance_time(100);
    lab.fund(&carol, 1);
    lab.expect(
        &bob,
        json!({"TransactionType": "CheckCash", "CheckID": id, "Amount": "1"}),
        Ter::tecEXPIRED,
    );
    // Expired: anyone may clean it up.
    lab.expect(&carol, cancel, Ter::tesSUCCESS);
    assert_eq!(lab.owner_count(&alice), 0);
    lab.expect(&alice, create(&alice, json!("1")), Ter::temREDUNDANT);
    lab.expect(&alice, create(&bob, json!("0")), Ter::temBAD_AMOUNT);
    lab.expect(&alice, create(&Wallet::ed(50), json!("1")), Ter::tecNO_DST);
}

#[test]
fn deleting_an_account_sends_its_xrp_on() {
    let mut lab = Lab::new();
    let (alice, bob) = (Wallet::ed(1), Wallet::ed(2));
    lab.fund(&alice, 100);
    lab.fund(&bob, 100);
    let delete = |fee: u64| json!({"TransactionType": "AccountDelete", "Destination": bob.address(), "Fee": fee.to_string()});
    lab.expect(&alice, delete(10), Ter::telINSUF_FEE_P);
    // Too young: an account must be 256 ledgers past its sequence.
    lab.expect(&alice, delete(200_000), Ter::tecTOO_SOON);
    // Objects that carry obligations block deletion; offers and tickets do not.
    lab.expect(
        &alice,
        json!({"TransactionType": "TicketCreate", "TicketCount": 2}),
        Ter::tesSUCCESS,
    );
    for _ in 0..256 {
        lab.ledger.ledger_accept().unwrap();
    }
    let balance = lab.balance(&alice);
    let bob_before = lab.balance(&bob);
    let total = lab.ledger.total_drops();
    let outcome = lab.expect(&alice, delete(200_000), Ter::tesSUCCESS);
    assert!(lab.ledger.account(&alice.account).is_none());
    assert_eq!(lab.balance(&bob), bob_before + balance - 200_000);
    assert_eq!(lab.ledger.total_drops(), total - 200_000);
    assert_eq!(
        outcome.meta.unwrap()["delivered_amount"],
        (balance - 200_000).to_string()
    );
    assert_eq!(lab.owned(&alice), 0);
    // Sending to the deleted account recreates it from scratch.
    lab.expect(&bob, pay_xrp(&alice, 10 * XRP), Ter::tesSUCCESS);
    assert_eq!(lab.owner_count(&alice), 0);
}

#[test]
fn obligations_block_deletion() {
    let mut lab = Lab::new();
    let (gw, alice) = (Wallet::ed(10), Wallet::ed(1));
    lab.fund(&gw, 100);
    lab.fund(&alice, 100);
    lab.expect(&alice, trust(&gw, "USD", "10"), Ter::tesSUCCESS);
    for _ in 0..256 {
        lab.ledger.ledger_accept().unwrap();
    }
    let delete =
        json!({"TransactionType": "AccountDelete", "Destination": gw.address(), "Fee": "200000"});
    lab.expect(&alice, delete, Ter::tecHAS_OBLIGATIONS);
    lab.expect(&alice, json!({"TransactionType": "AccountDelete", "Destination": alice.address(), "Fee": "200000"}), Ter::temDST_IS_SRC);
}

//! Issued-currency payments: issuing, redeeming, rippling through the issuer, transfer fees,
//! partial payments, freezes, and Clawback.
//! Rules: <https://xrpl.org/docs/concepts/tokens/fungible-tokens/rippling>,
//! <https://xrpl.org/docs/concepts/tokens/fungible-tokens/transfer-fees>,
//! <https://xrpl.org/docs/concepts/payment-types/partial-payments>,
//! <https://xrpl.org/docs/concepts/tokens/fungible-tokens/freezes>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/clawback>.

mod common;

use common::{Lab, Wallet, iou, pay_iou, set_flag, trust};
use serde_json::json;
use xrpl_sandbox::Ter;

const ASF_GLOBAL_FREEZE: u32 = 7;
const ASF_DEFAULT_RIPPLE: u32 = 8;
const ASF_ALLOW_CLAWBACK: u32 = 16;
const TF_PARTIAL: u32 = 0x0002_0000;
const TF_SET_FREEZE: u32 = 0x0010_0000;

/// An issuer with DefaultRipple and two holders trusting it for 1000 USD, each holding 100.
fn gateway() -> (Lab, Wallet, Wallet, Wallet) {
    let mut lab = Lab::new();
    let (issuer, alice, bob) = (Wallet::ed(10), Wallet::ed(11), Wallet::secp(12));
    for w in [&issuer, &alice, &bob] {
        lab.fund(w, 1000);
    }
    lab.expect(&issuer, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    for holder in [&alice, &bob] {
        lab.expect(holder, trust(&issuer, "USD", "1000"), Ter::tesSUCCESS);
        lab.expect(
            &issuer,
            pay_iou(holder, iou(&issuer, "USD", "100")),
            Ter::tesSUCCESS,
        );
    }
    (lab, issuer, alice, bob)
}

#[test]
fn issuing_is_bounded_by_the_holders_limit() {
    let (mut lab, issuer, alice, _) = gateway();
    let xrp_before = lab.balance(&issuer);
    lab.expect(
        &issuer,
        pay_iou(&alice, iou(&issuer, "USD", "900.5")),
        Ter::tecPATH_PARTIAL,
    );
    assert_eq!(lab.iou_balance(&alice, &issuer, "USD"), "100");
    assert_eq!(
        lab.balance(&issuer),
        xrp_before - 10,
        "a claimed failure costs the fee only"
    );
    let outcome = lab.expect(
        &issuer,
        pay_iou(&alice, iou(&issuer, "USD", "900")),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.iou_balance(&alice, &issuer, "USD"), "1000");
    let meta = outcome.meta.unwrap();
    assert_eq!(meta["delivered_amount"], iou(&issuer, "USD", "900"));
    // The issuer's view is the mirror image.
    assert_eq!(lab.iou_balance(&issuer, &alice, "USD"), "-1000");
}

#[test]
fn no_line_means_no_path() {
    let (mut lab, issuer, _, _) = gateway();
    let carol = Wallet::ed(13);
    lab.fund(&carol, 100);
    lab.expect(
        &issuer,
        pay_iou(&carol, iou(&issuer, "USD", "1")),
        Ter::tecPATH_DRY,
    );
    lab.expect(
        &carol,
        pay_iou(&issuer, iou(&issuer, "USD", "1")),
        Ter::tecPATH_DRY,
    );
}

#[test]
fn redeeming_returns_tokens_to_the_issuer() {
    let (mut lab, issuer, alice, _) = gateway();
    lab.expect(
        &alice,
        pay_iou(&issuer, iou(&issuer, "USD", "100.01")),
        Ter::tecPATH_PARTIAL,
    );
    lab.expect(
        &alice,
        pay_iou(&issuer, iou(&issuer, "USD", "40.25")),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.iou_balance(&alice, &issuer, "USD"), "59.75");
    let balances = lab.rpc("gateway_balances", json!({"account": issuer.address()}));
    assert_eq!(balances["obligations"]["USD"], "159.75");
}

#[test]
fn holders_pay_each_other_through_the_issuer() {
    let (mut lab, issuer, alice, bob) = gateway();
    lab.expect(
        &alice,
        pay_iou(&bob, iou(&issuer, "USD", "30")),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.iou_balance(&alice, &issuer, "USD"), "70");
    assert_eq!(lab.iou_balance(&bob, &issuer, "USD"), "130");
    // Bob's limit caps what he can receive.
    lab.expect(
        &alice,
        pay_iou(&bob, iou(&issuer, "USD", "70")),
        Ter::tesSUCCESS,
    );
    lab.expect(&bob, trust(&issuer, "USD", "250"), Ter::tesSUCCESS);
    lab.expect(
        &alice,
        pay_iou(&bob, iou(&issuer, "USD", "0.5")),
        Ter::tecPATH_DRY,
    );
}

#[test]
fn without_default_ripple_holders_cannot_ripple_through_the_issuer() {
    let mut lab = Lab::new();
    let (issuer, alice, bob) = (Wallet::ed(10), Wallet::ed(11), Wallet::ed(12));
    for w in [&issuer, &alice, &bob] {
        lab.fund(w, 1000);
    }
    for holder in [&alice, &bob] {
        lab.expect(holder, trust(&issuer, "USD", "1000"), Ter::tesSUCCESS);
        lab.expect(
            &issuer,
            pay_iou(holder, iou(&issuer, "USD", "100")),
            Ter::tesSUCCESS,
        );
    }
    lab.expect(
        &alice,
        pay_iou(&bob, iou(&issuer, "USD", "1")),
        Ter::tecPATH_DRY,
    );
    assert_eq!(lab.iou_balance(&bob, &issuer, "USD"), "100");
}

#[test]
fn transfer_fees_are_paid_by_the_sender_within_send_max() {
    let (mut lab, issuer, alice, bob) = gateway();
    // 0.5% transfer fee.
    lab.expect(
        &issuer,
        json!({"TransactionType": "AccountSet", "TransferRate": 1_005_000_000u32}),
        Ter::tesSUCCESS,
    );
    // Without SendMax the sender may spend only the Amount: the fee does not fit.
    lab.expect(
        &alice,
        pay_iou(&bob, iou(&issuer, "USD", "50")),
        Ter::tecPATH_PARTIAL,
    );
    let mut with_max = pay_iou(&bob, iou(&issuer, "USD", "50"));
    with_max["SendMax"] = iou(&issuer, "USD", "50.25");
    lab.expect(&alice, with_max, Ter::tesSUCCESS);
    assert_eq!(lab.iou_balance(&alice, &issuer, "USD"), "49.75");
    assert_eq!(lab.iou_balance(&bob, &issuer, "USD"), "150");
    // The fee vanished from circulation: the issuer owes 0.25 less.
    let balances = lab.rpc("gateway_balances", json!({"account": issuer.address()}));
    assert_eq!(balances["obligations"]["USD"], "199.75");
    // The issuer itself pays no fee on its own tokens.
    lab.expect(
        &issuer,
        pay_iou(&bob, iou(&issuer, "USD", "10")),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.iou_balance(&bob, &issuer, "USD"), "160");
}

#[test]
fn partial_payments_deliver_what_fits_and_respect_deliver_min() {
    let (mut lab, issuer, alice, bob) = gateway();
    lab.expect(&bob, trust(&issuer, "USD", "120"), Ter::tesSUCCESS);
    let mut partial = pay_iou(&bob, iou(&issuer, "USD", "50"));
    partial["Flags"] = json!(TF_PARTIAL);
    partial["DeliverMin"] = iou(&issuer, "USD", "25");
    lab.expect(&alice, partial.clone(), Ter::tecPATH_PARTIAL);
    partial["DeliverMin"] = iou(&issuer, "USD", "20");
    let outcome = lab.expect(&alice, partial, Ter::tesSUCCESS);
    let meta = outcome.meta.unwrap();
    assert_eq!(meta["delivered_amount"], iou(&issuer, "USD", "20"));
    assert_eq!(meta["DeliveredAmount"], iou(&issuer, "USD", "20"));
    assert_eq!(lab.iou_balance(&bob, &issuer, "USD"), "120");
    assert_eq!(lab.iou_balance(&alice, &issuer, "USD"), "80");
    // DeliverMin without the partial flag is malformed.
    let mut bad = pay_iou(&bob, iou(&issuer, "USD", "5"));
    bad["DeliverMin"] = iou(&issuer, "USD", "1");
    lab.expect(&alice, bad, Ter::temBAD_AMOUNT);
}

#[test]
fn a_frozen_holder_can_only_send_back_to_the_issuer() {
    let (mut lab, issuer, alice, bob) = gateway();
    let mut freeze = trust(&alice, "USD", "0");
    freeze["Flags"] = json!(TF_SET_FREEZE);
    lab.expect(&issuer, freeze, Ter::tesSUCCESS);
    lab.expect(
        &alice,
        pay_iou(&bob, iou(&issuer, "USD", "1")),
        Ter::tecPATH_DRY,
    );
    lab.expect(
        &alice,
        pay_iou(&issuer, iou(&issuer, "USD", "1")),
        Ter::tesSUCCESS,
    );
    // Alice can still receive.
    lab.expect(
        &bob,
        pay_iou(&alice, iou(&issuer, "USD", "5")),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.iou_balance(&alice, &issuer, "USD"), "104");
}

#[test]
fn a_global_freeze_stops_holder_to_holder_payments_only() {
    let (mut lab, issuer, alice, bob) = gateway();
    lab.expect(&issuer, set_flag(ASF_GLOBAL_FREEZE), Ter::tesSUCCESS);
    lab.expect(
        &alice,
        pay_iou(&bob, iou(&issuer, "USD", "1")),
        Ter::tecPATH_DRY,
    );
    lab.expect(
        &issuer,
        pay_iou(&bob, iou(&issuer, "USD", "1")),
        Ter::tesSUCCESS,
    );
    lab.expect(
        &alice,
        pay_iou(&issuer, iou(&issuer, "USD", "1")),
        Ter::tesSUCCESS,
    );
    lab.expect(
        &issuer,
        json!({"TransactionType": "AccountSet", "ClearFlag": ASF_GLOBAL_FREEZE}),
        Ter::tesSUCCESS,
    );
    lab.expect(
        &alice,
        pay_iou(&bob, iou(&issuer, "USD", "1")),
        Ter::tesSUCCESS,
    );
}

#[test]
fn clawback_takes_tokens_back_up_to_the_balance() {
    let mut lab = Lab::new();
    let (issuer, holder) = (Wallet::ed(10), Wallet::ed(11));
    lab.fund(&issuer, 1000);
    lab.fund(&holder, 1000);
    let claw =
        |value: &str| json!({"TransactionType": "Clawback", "Amount": iou(&holder, "USD", value)});
    // Clawback must be enabled before anything is issued.
    lab.expect(&issuer, claw("1"), Ter::tecNO_PERMISSION);
    lab.expect(&issuer, set_flag(ASF_ALLOW_CLAWBACK), Ter::tesSUCCESS);
    lab.expect(&issuer, claw("1"), Ter::tecNO_LINE);
    lab.expect(&holder, trust(&issuer, "USD", "1000"), Ter::tesSUCCESS);
    lab.expect(&issuer, claw("1"), Ter::tecINSUFFICIENT_FUNDS);
    lab.expect(
        &issuer,
        pay_iou(&holder, iou(&issuer, "USD", "60")),
        Ter::tesSUCCESS,
    );
    lab.expect(&issuer, claw("25"), Ter::tesSUCCESS);
    assert_eq!(lab.iou_balance(&holder, &issuer, "USD"), "35");
    lab.expect(&issuer, claw("1000"), Ter::tesSUCCESS);
    assert_eq!(lab.iou_balance(&holder, &issuer, "USD"), "0");
    lab.expect(&holder, claw("1"), Ter::temBAD_AMOUNT);
    lab.expect(
        &issuer,
        json!({"TransactionType": "Clawback", "Amount": "100"}),
        Ter::temBAD_AMOUNT,
    );
}

#[test]
fn clawback_cannot_be_enabled_once_lines_exist() {
    let (mut lab, issuer, _, _) = gateway();
    lab.expect(&issuer, set_flag(ASF_ALLOW_CLAWBACK), Ter::tecOWNERS);
}

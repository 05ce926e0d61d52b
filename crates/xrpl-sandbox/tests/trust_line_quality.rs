//! Trust-line QualityIn and QualityOut: an account values what arrives on a line at its
//! QualityIn and charges what leaves through it at its QualityOut (per 1,000,000,000; 0 and
//! 1,000,000,000 are face value), and a frozen line in the middle of a path stops the value.
//! The expected figures are rippled's own `Flow_test` ("testLineQuality") scenarios, computed
//! here from the rule, not read back from the engine.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/trustset> (QualityIn,
//! QualityOut), <https://xrpl.org/docs/concepts/tokens/fungible-tokens/freezes>.

mod common;

use common::{Lab, Wallet, iou, pay_iou, set_flag, trust};
use serde_json::{Value, json};
use xrpl_sandbox::Ter;

const ASF_DEFAULT_RIPPLE: u32 = 8;
const TF_NO_RIPPLE_DIRECT: u32 = 0x0001_0000;
const TF_SET_FREEZE: u32 = 0x0010_0000;

fn percent(p: u32) -> u32 {
    p * 10_000_000
}

/// alice, bob, carol and dan, each with DefaultRipple (as rippled's test environment funds
/// accounts), so only the qualities decide what moves.
fn four() -> (Lab, Wallet, Wallet, Wallet, Wallet) {
    let mut lab = Lab::new();
    let (alice, bob, carol, dan) = (
        Wallet::ed(60),
        Wallet::ed(61),
        Wallet::secp(62),
        Wallet::ed(63),
    );
    for w in [&alice, &bob, &carol, &dan] {
        lab.fund(w, 1000);
        lab.expect(w, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    }
    (lab, alice, bob, carol, dan)
}

fn trust_with(issuer: &Wallet, limit: &str, field: &str, quality: u32) -> Value {
    let mut tx = trust(issuer, "USD", limit);
    tx[field] = json!(quality);
    tx
}

#[test]
fn the_middle_account_charges_the_larger_of_its_quality_in_and_quality_out() {
    // Flow_test: Dan → Bob → Alice → Carol, bob's QualityIn on dan's line and QualityOut on
    // alice's line each 80%, 100% or 120%. Bob redeems 10 of alice's USD; in return it takes
    // 10 × max(QualityIn, QualityOut) in value from dan, and a line valued at QualityIn needs
    // that value ÷ QualityIn in balance: 10 × QualityOut ÷ QualityIn when QualityOut is the
    // larger, else exactly 10.
    for bob_dan_in in [80u32, 100, 120] {
        for bob_alice_out in [80u32, 100, 120] {
            let (mut lab, alice, bob, carol, dan) = four();
            let q_in = trust_with(&dan, "100", "QualityIn", percent(bob_dan_in));
            lab.expect(&bob, q_in, Ter::tesSUCCESS);
            let q_out = trust_with(&alice, "100", "QualityOut", percent(bob_alice_out));
            lab.expect(&bob, q_out, Ter::tesSUCCESS);
            lab.expect(&carol, trust(&alice, "USD", "100"), Ter::tesSUCCESS);
            lab.expect(
                &alice,
                pay_iou(&bob, iou(&alice, "USD", "100")),
                Ter::tesSUCCESS,
            );
            let tx = json!({"TransactionType": "Payment", "Destination": carol.address(),
                "Amount": iou(&alice, "USD", "10"), "SendMax": iou(&dan, "USD", "100"),
                "Paths": [[{"account": bob.address()}]], "Flags": TF_NO_RIPPLE_DIRECT});
            lab.expect(&dan, tx, Ter::tesSUCCESS);
            let expected = if bob_alice_out > bob_dan_in {
                let tenths = 100 * bob_alice_out / bob_dan_in; // exact for these pairs
                if tenths % 10 == 0 {
                    format!("{}", tenths / 10)
                } else {
                    format!("{}.{}", tenths / 10, tenths % 10)
                }
            } else {
                "10".to_string()
            };
            let case = format!("QualityIn {bob_dan_in}%, QualityOut {bob_alice_out}%");
            assert_eq!(lab.iou_balance(&bob, &alice, "USD"), "90", "{case}");
            assert_eq!(lab.iou_balance(&bob, &dan, "USD"), expected, "{case}");
            assert_eq!(lab.iou_balance(&carol, &alice, "USD"), "10", "{case}");
        }
    }
}

#[test]
fn the_destinations_quality_in_below_face_value_raises_the_cost() {
    // Flow_test: bob → alice → carol, carol's QualityIn 80%, 100%, 120%. To deliver 5, carol's
    // line must take 5 ÷ min(1, QualityIn): 6.25 at 80%; never less than 5.
    for (carol_in, moved, bob_left) in [(80u32, "6.25", "3.75"), (100, "5", "5"), (120, "5", "5")] {
        let (mut lab, alice, bob, carol, _) = four();
        lab.expect(&bob, trust(&alice, "USD", "10"), Ter::tesSUCCESS);
        let q_in = trust_with(&alice, "10", "QualityIn", percent(carol_in));
        lab.expect(&carol, q_in, Ter::tesSUCCESS);
        lab.expect(
            &alice,
            pay_iou(&bob, iou(&alice, "USD", "10")),
            Ter::tesSUCCESS,
        );
        let tx = json!({"TransactionType": "Payment", "Destination": carol.address(),
            "Amount": iou(&alice, "USD", "5"), "SendMax": iou(&alice, "USD", "10")});
        lab.expect(&bob, tx, Ter::tesSUCCESS);
        let case = format!("QualityIn {carol_in}%");
        assert_eq!(lab.iou_balance(&bob, &alice, "USD"), bob_left, "{case}");
        assert_eq!(lab.iou_balance(&carol, &alice, "USD"), moved, "{case}");
    }
}

#[test]
fn the_senders_own_quality_out_does_not_apply_to_its_first_step() {
    // rippled charges QualityOut only to an account value passes *through*; bob paying from its
    // own balance spends face value.
    let (mut lab, alice, bob, carol, _) = four();
    let q_out = trust_with(&alice, "10", "QualityOut", percent(120));
    lab.expect(&bob, q_out, Ter::tesSUCCESS);
    lab.expect(&carol, trust(&alice, "USD", "10"), Ter::tesSUCCESS);
    lab.expect(
        &alice,
        pay_iou(&bob, iou(&alice, "USD", "10")),
        Ter::tesSUCCESS,
    );
    let tx = json!({"TransactionType": "Payment", "Destination": carol.address(),
        "Amount": iou(&alice, "USD", "5"), "SendMax": iou(&alice, "USD", "5")});
    lab.expect(&bob, tx, Ter::tesSUCCESS);
    assert_eq!(lab.iou_balance(&bob, &alice, "USD"), "5");
    assert_eq!(lab.iou_balance(&carol, &alice, "USD"), "5");
}

#[test]
fn a_quality_of_one_billion_is_stored_as_face_value() {
    let (mut lab, alice, bob, _, _) = four();
    let tx = trust_with(&alice, "10", "QualityIn", 1_000_000_000);
    lab.expect(&bob, tx, Ter::tesSUCCESS);
    let line = lab
        .ledger
        .trust_line(&bob.account, &alice.account, &common::cur("USD"))
        .unwrap();
    assert_eq!(line.qualities_of(&bob.account), (0, 0));
}

#[test]
fn a_frozen_line_in_the_middle_stops_the_value_but_not_a_payment_back_to_the_issuer() {
    // Dan → Bob → Alice → Carol again, at face value; alice freezes bob's line. Bob's step
    // gives alice back its own USD on a line alice froze: as a middle step it is blocked
    // (tecPATH_DRY); as bob's own payment straight to alice it is allowed.
    let (mut lab, alice, bob, carol, dan) = four();
    lab.expect(&bob, trust(&dan, "USD", "100"), Ter::tesSUCCESS);
    lab.expect(&bob, trust(&alice, "USD", "100"), Ter::tesSUCCESS);
    lab.expect(&carol, trust(&alice, "USD", "100"), Ter::tesSUCCESS);
    lab.expect(
        &alice,
        pay_iou(&bob, iou(&alice, "USD", "100")),
        Ter::tesSUCCESS,
    );
    let mut freeze = trust(&bob, "USD", "0");
    freeze["Flags"] = json!(TF_SET_FREEZE);
    lab.expect(&alice, freeze, Ter::tesSUCCESS);
    let tx = json!({"TransactionType": "Payment", "Destination": carol.address(),
        "Amount": iou(&alice, "USD", "10"), "SendMax": iou(&dan, "USD", "10"),
        "Paths": [[{"account": bob.address()}]], "Flags": TF_NO_RIPPLE_DIRECT});
    lab.expect(&dan, tx, Ter::tecPATH_DRY);
    assert_eq!(lab.iou_balance(&bob, &alice, "USD"), "100");
    assert_eq!(lab.iou_balance(&bob, &dan, "USD"), "0");
    assert_eq!(lab.iou_balance(&carol, &alice, "USD"), "0");
    lab.expect(
        &bob,
        pay_iou(&alice, iou(&alice, "USD", "10")),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.iou_balance(&bob, &alice, "USD"), "90");
}

//! Payments along explicit `Paths`: rippling through a third party's two trust lines, NoRipple,
//! several paths used best first, partial payments over a thin path, transfer fees when value
//! ripples through an issuer, books on the way (one book then rippling, two books bridged by
//! XRP) and the codes malformed paths get.
//! Rules: <https://xrpl.org/docs/concepts/tokens/fungible-tokens/paths>,
//! <https://xrpl.org/docs/concepts/tokens/fungible-tokens/rippling>,
//! <https://xrpl.org/docs/concepts/tokens/fungible-tokens/transfer-fees>,
//! <https://xrpl.org/docs/concepts/payment-types/partial-payments>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/payment>.

mod common;

use common::{Lab, Wallet, XRP, cur, iou, pay_iou, set_flag, trust};
use proptest::prelude::*;
use serde_json::{Value, json};
use xrpl_sandbox::Ter;

const ASF_DEFAULT_RIPPLE: u32 = 8;
const TF_NO_RIPPLE_DIRECT: u32 = 0x0001_0000;
const TF_PARTIAL: u32 = 0x0002_0000;
const TF_SET_NO_RIPPLE: u32 = 0x0002_0000;

/// A payment of `amount` to `to`, spending at most `send_max`, along `paths`.
fn pay_along(to: &Wallet, amount: Value, send_max: Value, paths: Value) -> Value {
    json!({"TransactionType": "Payment", "Destination": to.address(), "Amount": amount,
        "SendMax": send_max, "Paths": paths})
}

fn through(accounts: &[&Wallet]) -> Value {
    Value::Array(
        accounts
            .iter()
            .map(|w| json!({"account": w.address()}))
            .collect(),
    )
}

/// Community credit: bob trusts alice for 100 USD, carol trusts bob for `carol_limit` — so
/// alice can pay carol by rippling through bob (xrpl.org "Rippling": an account with lines to
/// two others lets value pass from one to the other).
fn community(carol_limit: &str) -> (Lab, Wallet, Wallet, Wallet) {
    let mut lab = Lab::new();
    let (alice, bob, carol) = (Wallet::ed(30), Wallet::ed(31), Wallet::secp(32));
    for w in [&alice, &bob, &carol] {
        lab.fund(w, 1000);
    }
    lab.expect(&bob, trust(&alice, "USD", "100"), Ter::tesSUCCESS);
    lab.expect(&carol, trust(&bob, "USD", carol_limit), Ter::tesSUCCESS);
    (lab, alice, bob, carol)
}

#[test]
fn value_ripples_through_a_third_partys_two_lines() {
    let (mut lab, alice, bob, carol) = community("100");
    // Without a path there is no line between alice and carol: nothing to ripple through.
    let alone = json!({"TransactionType": "Payment", "Destination": carol.address(),
        "Amount": iou(&carol, "USD", "10"), "SendMax": iou(&alice, "USD", "10")});
    lab.expect(&alice, alone, Ter::tecPATH_DRY);
    let outcome = lab.expect(
        &alice,
        pay_along(
            &carol,
            iou(&carol, "USD", "10"),
            iou(&alice, "USD", "10"),
            json!([through(&[&bob])]),
        ),
        Ter::tesSUCCESS,
    );
    // alice issued 10 to bob; bob issued 10 to carol: each line moved by exactly 10.
    assert_eq!(lab.iou_balance(&bob, &alice, "USD"), "10");
    assert_eq!(lab.iou_balance(&alice, &bob, "USD"), "-10");
    assert_eq!(lab.iou_balance(&carol, &bob, "USD"), "10");
    assert_eq!(lab.iou_balance(&bob, &carol, "USD"), "-10");
    assert_eq!(
        outcome.meta.unwrap()["delivered_amount"],
        iou(&carol, "USD", "10")
    );
}

#[test]
fn no_ripple_on_both_of_the_middle_accounts_lines_blocks_one_does_not() {
    let (mut lab, alice, bob, carol) = community("100");
    // carol's line was created by carol, so bob's side of it starts NoRipple (bob has no
    // DefaultRipple); bob's side of its own line to alice does not. One of two: value passes.
    let line = lab
        .ledger
        .trust_line(&bob.account, &carol.account, &cur("USD"))
        .unwrap();
    assert!(line.has(line.side(&bob.account).no_ripple));
    let pay = |value: &str| {
        pay_along(
            &carol,
            iou(&carol, "USD", value),
            iou(&alice, "USD", value),
            json!([through(&[&bob])]),
        )
    };
    lab.expect(&alice, pay("4"), Ter::tesSUCCESS);
    assert_eq!(lab.iou_balance(&carol, &bob, "USD"), "4");

    // Now bob sets NoRipple on its line to alice too: both of its lines refuse rippling.
    let no_ripple = json!({"TransactionType": "TrustSet", "LimitAmount": iou(&alice, "USD", "100"),
        "Flags": TF_SET_NO_RIPPLE});
    lab.expect(&bob, no_ripple, Ter::tesSUCCESS);
    let before = lab.balance(&alice);
    lab.expect(&alice, pay("4"), Ter::tecPATH_DRY);
    assert_eq!(lab.balance(&alice), before - 10, "the fee only");
    assert_eq!(lab.iou_balance(&carol, &bob, "USD"), "4");
    assert_eq!(lab.iou_balance(&bob, &alice, "USD"), "4");
}

#[test]
fn the_better_path_is_used_first_and_the_other_makes_up_the_rest() {
    let (mut lab, alice, bob, carol) = community("100");
    let dave = Wallet::ed(33);
    lab.fund(&dave, 1000);
    // dave passes value at face value but carol trusts it for 4 only; bob values what it gets
    // from alice at 80% (QualityIn), so each unit through bob costs alice 1/0.8 = 1.25.
    lab.expect(&dave, trust(&alice, "USD", "100"), Ter::tesSUCCESS);
    lab.expect(&carol, trust(&dave, "USD", "4"), Ter::tesSUCCESS);
    let quality_in = json!({"TransactionType": "TrustSet", "LimitAmount": iou(&alice, "USD", "100"),
        "QualityIn": 800_000_000u32});
    lab.expect(&bob, quality_in, Ter::tesSUCCESS);
    // The worse path is listed first: order in the transaction does not matter.
    lab.expect(
        &alice,
        pay_along(
            &carol,
            iou(&carol, "USD", "10"),
            iou(&alice, "USD", "20"),
            json!([through(&[&bob]), through(&[&dave])]),
        ),
        Ter::tesSUCCESS,
    );
    // dave's path (rate 1) carries its 4 first; bob's carries the other 6 at 1.25: 7.5.
    assert_eq!(lab.iou_balance(&carol, &dave, "USD"), "4");
    assert_eq!(lab.iou_balance(&dave, &alice, "USD"), "4");
    assert_eq!(lab.iou_balance(&carol, &bob, "USD"), "6");
    assert_eq!(lab.iou_balance(&bob, &alice, "USD"), "7.5");
}

#[test]
fn a_partial_payment_delivers_what_a_thin_path_carries() {
    let (mut lab, alice, bob, carol) = community("5");
    let pay = |flags: u32, deliver_min: Option<&str>| {
        let mut tx = pay_along(
            &carol,
            iou(&carol, "USD", "10"),
            iou(&alice, "USD", "10"),
            json!([through(&[&bob])]),
        );
        tx["Flags"] = json!(flags);
        if let Some(min) = deliver_min {
            tx["DeliverMin"] = iou(&carol, "USD", min);
        }
        tx
    };
    lab.expect(&alice, pay(0, None), Ter::tecPATH_PARTIAL);
    lab.expect(&alice, pay(TF_PARTIAL, Some("6")), Ter::tecPATH_PARTIAL);
    assert_eq!(lab.iou_balance(&carol, &bob, "USD"), "0");
    let outcome = lab.expect(&alice, pay(TF_PARTIAL, Some("5")), Ter::tesSUCCESS);
    assert_eq!(
        outcome.meta.unwrap()["delivered_amount"],
        iou(&carol, "USD", "5")
    );
    assert_eq!(lab.iou_balance(&carol, &bob, "USD"), "5");
    assert_eq!(lab.iou_balance(&bob, &alice, "USD"), "5");
}

#[test]
fn send_max_bounds_a_partial_payment_at_the_first_step() {
    let (mut lab, alice, bob, carol) = community("100");
    let mut tx = pay_along(
        &carol,
        iou(&carol, "USD", "10"),
        iou(&alice, "USD", "3"),
        json!([through(&[&bob])]),
    );
    tx["Flags"] = json!(TF_PARTIAL);
    let outcome = lab.expect(&alice, tx, Ter::tesSUCCESS);
    assert_eq!(
        outcome.meta.unwrap()["delivered_amount"],
        iou(&carol, "USD", "3")
    );
    assert_eq!(lab.iou_balance(&bob, &alice, "USD"), "3");
    assert_eq!(lab.iou_balance(&carol, &bob, "USD"), "3");
}

#[test]
fn a_step_redeems_what_it_holds_then_issues_the_rest() {
    // bob holds 5 of alice's USD and alice trusts bob for 10 of bob's: paying alice 8, bob
    // first gives back alice's 5, then issues 3 of its own (the line's balance crosses zero).
    let (mut lab, alice, bob, _) = community("100");
    lab.expect(&alice, trust(&bob, "USD", "10"), Ter::tesSUCCESS);
    lab.expect(
        &alice,
        pay_iou(&bob, iou(&alice, "USD", "5")),
        Ter::tesSUCCESS,
    );
    let tx = json!({"TransactionType": "Payment", "Destination": alice.address(),
        "Amount": iou(&alice, "USD", "8"), "SendMax": iou(&bob, "USD", "8")});
    lab.expect(&bob, tx, Ter::tesSUCCESS);
    assert_eq!(lab.iou_balance(&bob, &alice, "USD"), "-3");
    assert_eq!(lab.iou_balance(&alice, &bob, "USD"), "3");
}

/// gw issues USD with a 0.2% transfer fee; alice holds 100; bob trusts gw; carol trusts bob.
fn fee_gateway() -> (Lab, Wallet, Wallet, Wallet, Wallet) {
    let mut lab = Lab::new();
    let (gw, alice, bob, carol) = (
        Wallet::ed(40),
        Wallet::ed(41),
        Wallet::ed(42),
        Wallet::secp(43),
    );
    for w in [&gw, &alice, &bob, &carol] {
        lab.fund(w, 1000);
    }
    lab.expect(&gw, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    let rate = json!({"TransactionType": "AccountSet", "TransferRate": 1_002_000_000u32});
    lab.expect(&gw, rate, Ter::tesSUCCESS);
    lab.expect(&alice, trust(&gw, "USD", "1000"), Ter::tesSUCCESS);
    lab.expect(&bob, trust(&gw, "USD", "1000"), Ter::tesSUCCESS);
    lab.expect(&carol, trust(&bob, "USD", "1000"), Ter::tesSUCCESS);
    lab.expect(
        &gw,
        pay_iou(&alice, iou(&gw, "USD", "100")),
        Ter::tesSUCCESS,
    );
    (lab, gw, alice, bob, carol)
}

#[test]
fn the_issuer_charges_its_transfer_fee_when_value_ripples_through_it() {
    let (mut lab, gw, alice, bob, carol) = fee_gateway();
    let path = json!([through(&[&gw, &bob])]);
    // 10 arriving at bob through gw costs alice 10 × 1.002 = 10.02: SendMax 10 is not enough.
    lab.expect(
        &alice,
        pay_along(
            &carol,
            iou(&carol, "USD", "10"),
            iou(&gw, "USD", "10"),
            path.clone(),
        ),
        Ter::tecPATH_PARTIAL,
    );
    lab.expect(
        &alice,
        pay_along(
            &carol,
            iou(&carol, "USD", "10"),
            iou(&gw, "USD", "10.02"),
            path,
        ),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.iou_balance(&alice, &gw, "USD"), "89.98");
    assert_eq!(lab.iou_balance(&bob, &gw, "USD"), "10");
    assert_eq!(lab.iou_balance(&carol, &bob, "USD"), "10");
}

#[test]
fn a_path_through_one_book_then_rippling() {
    let mut lab = Lab::new();
    let (gw, maker, payer) = (Wallet::ed(44), Wallet::ed(45), Wallet::ed(46));
    let (bob, carol) = (Wallet::ed(47), Wallet::secp(48));
    for w in [&gw, &maker, &payer, &bob, &carol] {
        lab.fund(w, 1000);
    }
    lab.expect(&gw, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    lab.expect(&maker, trust(&gw, "USD", "1000"), Ter::tesSUCCESS);
    lab.expect(&bob, trust(&gw, "USD", "1000"), Ter::tesSUCCESS);
    lab.expect(&carol, trust(&bob, "USD", "1000"), Ter::tesSUCCESS);
    lab.expect(
        &gw,
        pay_iou(&maker, iou(&gw, "USD", "100")),
        Ter::tesSUCCESS,
    );
    // The maker sells 10 USD for 100 XRP: 10 XRP per USD.
    let offer = json!({"TransactionType": "OfferCreate", "TakerPays": (100 * XRP).to_string(),
        "TakerGets": iou(&gw, "USD", "10")});
    lab.expect(&maker, offer, Ter::tesSUCCESS);
    let payer_before = lab.balance(&payer);
    let maker_before = lab.balance(&maker);
    // XRP → (book) → USD.gw → bob → carol, who holds bob's USD.
    let path = json!([[{"currency": "USD", "issuer": gw.address()}, {"account": bob.address()}]]);
    lab.expect(
        &payer,
        pay_along(
            &carol,
            iou(&carol, "USD", "5"),
            json!((60 * XRP).to_string()),
            path,
        ),
        Ter::tesSUCCESS,
    );
    // 5 USD at 10 XRP each: 50 XRP, plus the 10-drop fee.
    assert_eq!(lab.balance(&payer), payer_before - 50 * XRP - 10);
    assert_eq!(lab.balance(&maker), maker_before + 50 * XRP);
    assert_eq!(lab.iou_balance(&maker, &gw, "USD"), "95");
    assert_eq!(lab.iou_balance(&bob, &gw, "USD"), "5");
    assert_eq!(lab.iou_balance(&carol, &bob, "USD"), "5");
}

/// Two gateways and two makers: maker1 buys gw1's USD with XRP (10 XRP per USD), maker2 sells
/// gw2's EUR for XRP (10 XRP per EUR); alice holds 100 USD.gw1, carol trusts gw2 for EUR.
/// gw1 charges `gw1_rate` (billionths) on transfers.
fn two_books(gw1_rate: u32) -> (Lab, [Wallet; 6]) {
    let mut lab = Lab::new();
    let wallets = [
        Wallet::ed(50),
        Wallet::ed(51),
        Wallet::ed(52),
        Wallet::secp(53),
        Wallet::ed(54),
        Wallet::ed(55),
    ];
    let [gw1, gw2, alice, carol, maker1, maker2] = &wallets;
    for w in &wallets {
        lab.fund(w, 1000);
    }
    for gw in [gw1, gw2] {
        lab.expect(gw, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    }
    let rate = json!({"TransactionType": "AccountSet", "TransferRate": gw1_rate});
    lab.expect(gw1, rate, Ter::tesSUCCESS);
    lab.expect(alice, trust(gw1, "USD", "1000"), Ter::tesSUCCESS);
    lab.expect(maker1, trust(gw1, "USD", "1000"), Ter::tesSUCCESS);
    lab.expect(maker2, trust(gw2, "EUR", "1000"), Ter::tesSUCCESS);
    lab.expect(carol, trust(gw2, "EUR", "1000"), Ter::tesSUCCESS);
    lab.expect(gw1, pay_iou(alice, iou(gw1, "USD", "100")), Ter::tesSUCCESS);
    lab.expect(
        gw2,
        pay_iou(maker2, iou(gw2, "EUR", "100")),
        Ter::tesSUCCESS,
    );
    let bid = json!({"TransactionType": "OfferCreate", "TakerPays": iou(gw1, "USD", "10"),
        "TakerGets": (100 * XRP).to_string()});
    lab.expect(maker1, bid, Ter::tesSUCCESS);
    let ask = json!({"TransactionType": "OfferCreate", "TakerPays": (100 * XRP).to_string(),
        "TakerGets": iou(gw2, "EUR", "10")});
    lab.expect(maker2, ask, Ter::tesSUCCESS);
    (lab, wallets)
}

fn bridged(carol: &Wallet, gw1: &Wallet, gw2: &Wallet, send_max: &str) -> Value {
    let mut tx = pay_along(
        carol,
        iou(gw2, "EUR", "5"),
        iou(gw1, "USD", send_max),
        json!([[{"currency": "XRP"}]]),
    );
    tx["Flags"] = json!(TF_NO_RIPPLE_DIRECT);
    tx
}

#[test]
fn a_path_through_xrp_between_two_books() {
    let (mut lab, [gw1, gw2, alice, carol, maker1, maker2]) = two_books(1_000_000_000);
    let (alice_xrp, maker1_xrp, maker2_xrp) = (
        lab.balance(&alice),
        lab.balance(&maker1),
        lab.balance(&maker2),
    );
    let outcome = lab.expect(&alice, bridged(&carol, &gw1, &gw2, "5"), Ter::tesSUCCESS);
    // 5 EUR cost 50 XRP at maker2's price; 50 XRP cost 5 USD at maker1's.
    assert_eq!(lab.iou_balance(&carol, &gw2, "EUR"), "5");
    assert_eq!(lab.iou_balance(&maker2, &gw2, "EUR"), "95");
    assert_eq!(lab.iou_balance(&maker1, &gw1, "USD"), "5");
    assert_eq!(lab.iou_balance(&alice, &gw1, "USD"), "95");
    assert_eq!(lab.balance(&maker1), maker1_xrp - 50 * XRP);
    assert_eq!(lab.balance(&maker2), maker2_xrp + 50 * XRP);
    assert_eq!(
        lab.balance(&alice),
        alice_xrp - 10,
        "the XRP only passed through"
    );
    assert_eq!(
        outcome.meta.unwrap()["delivered_amount"],
        iou(&gw2, "EUR", "5")
    );
}

#[test]
fn the_sender_pays_the_transfer_fee_on_what_it_pays_into_a_book() {
    // gw1 charges 0.2%: the 5 USD maker1 receives cost alice 5 × 1.002 = 5.01.
    let (mut lab, [gw1, gw2, alice, carol, maker1, _]) = two_books(1_002_000_000);
    lab.expect(
        &alice,
        bridged(&carol, &gw1, &gw2, "5"),
        Ter::tecPATH_PARTIAL,
    );
    lab.expect(&alice, bridged(&carol, &gw1, &gw2, "5.01"), Ter::tesSUCCESS);
    assert_eq!(lab.iou_balance(&alice, &gw1, "USD"), "94.99");
    assert_eq!(lab.iou_balance(&maker1, &gw1, "USD"), "5");
    assert_eq!(lab.iou_balance(&carol, &gw2, "EUR"), "5");
}

#[test]
fn malformed_paths_get_rippleds_codes() {
    let (mut lab, alice, bob, carol) = community("100");
    let amount = iou(&carol, "USD", "1");
    let max = iou(&alice, "USD", "1");
    let with = |paths: Value| pay_along(&carol, amount.clone(), max.clone(), paths);
    // An account element that also names a currency.
    let mixed = json!([[{"account": bob.address(), "currency": "USD"}]]);
    lab.expect(&alice, with(mixed), Ter::temBAD_PATH);
    // XRP has no issuer.
    let xrp_issuer = json!([[{"currency": "XRP", "issuer": bob.address()}]]);
    lab.expect(&alice, with(xrp_issuer), Ter::temBAD_PATH);
    // bob → carol → bob → carol: bob receives twice.
    let looped = json!([through(&[&bob, &carol, &bob])]);
    lab.expect(&alice, with(looped), Ter::temBAD_PATH_LOOP);
    // Paths on an XRP-to-XRP payment.
    let xrp = json!({"TransactionType": "Payment", "Destination": carol.address(),
        "Amount": "1000", "Paths": [through(&[&bob])]});
    lab.expect(&alice, xrp, Ter::temBAD_SEND_XRP_PATHS);
    // No default path and no path at all.
    let mut none = json!({"TransactionType": "Payment", "Destination": carol.address(),
        "Amount": amount.clone(), "SendMax": max.clone()});
    none["Flags"] = json!(TF_NO_RIPPLE_DIRECT);
    lab.expect(&alice, none, Ter::temRIPPLE_EMPTY);
    // rippled's MaxPathSize (6) and MaxPathLength (8) are server limits checked in preclaim.
    let seven = Value::Array(vec![through(&[&bob]); 7]);
    lab.expect(&alice, with(seven), Ter::telBAD_PATH_COUNT);
    let nine = json!([through(&[&bob; 9])]);
    lab.expect(&alice, with(nine), Ter::telBAD_PATH_COUNT);
    // Nothing changed, and none of these claimed a fee.
    assert_eq!(lab.iou_balance(&carol, &bob, "USD"), "0");
    assert_eq!(lab.balance(&alice), 1000 * XRP);
}

#[test]
fn xrp_delivered_through_a_book_can_create_the_destination() {
    let (mut lab, [gw1, _, alice, _, maker1, _]) = two_books(1_000_000_000);
    let newcomer = Wallet::ed(56);
    let maker1_xrp = lab.balance(&maker1);
    let tx = pay_along(
        &newcomer,
        json!((30 * XRP).to_string()),
        iou(&gw1, "USD", "3"),
        json!([[{"currency": "XRP"}]]),
    );
    lab.expect(&alice, tx, Ter::tesSUCCESS);
    // 30 XRP at maker1's 10 XRP per USD: 3 USD.
    assert_eq!(lab.balance(&newcomer), 30 * XRP);
    assert_eq!(lab.balance(&maker1), maker1_xrp - 30 * XRP);
    assert_eq!(lab.iou_balance(&alice, &gw1, "USD"), "97");
    assert_eq!(lab.iou_balance(&maker1, &gw1, "USD"), "3");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Two face-value paths with random room: a partial payment delivers exactly
    /// min(Amount, room through bob + room through dave), every unit carol receives from an
    /// intermediary is one unit that intermediary received from alice, and XRP only pays the fee.
    #[test]
    fn two_paths_deliver_their_combined_room_and_conserve_value(
        bob_room in 1u32..50,
        dave_room in 1u32..50,
        amount in 1u32..120,
    ) {
        let (mut lab, alice, bob, carol) = community(&bob_room.to_string());
        let dave = Wallet::ed(33);
        lab.fund(&dave, 1000);
        lab.expect(&dave, trust(&alice, "USD", "1000"), Ter::tesSUCCESS);
        lab.expect(&carol, trust(&dave, "USD", &dave_room.to_string()), Ter::tesSUCCESS);
        let before = lab.balance(&alice);
        let mut tx = pay_along(
            &carol,
            iou(&carol, "USD", &amount.to_string()),
            iou(&alice, "USD", &amount.to_string()),
            json!([through(&[&bob]), through(&[&dave])]),
        );
        tx["Flags"] = json!(TF_PARTIAL);
        let outcome = lab.expect(&alice, tx, Ter::tesSUCCESS);
        let expected = amount.min(bob_room + dave_room);
        prop_assert_eq!(
            &outcome.meta.unwrap()["delivered_amount"],
            &iou(&carol, "USD", &expected.to_string())
        );
        let via_bob: u32 = lab.iou_balance(&carol, &bob, "USD").parse().unwrap();
        let via_dave: u32 = lab.iou_balance(&carol, &dave, "USD").parse().unwrap();
        prop_assert_eq!(via_bob + via_dave, expected);
        prop_assert!(via_bob <= bob_room && via_dave <= dave_room);
        prop_assert_eq!(lab.iou_balance(&bob, &alice, "USD"), via_bob.to_string());
        prop_assert_eq!(lab.iou_balance(&dave, &alice, "USD"), via_dave.to_string());
        prop_assert_eq!(lab.balance(&alice), before - 10);
    }
}

//! TickSize: offers in an issuer's tokens are rounded to its tick size before they cross and
//! rest, the quality upwards and then the inexact side recomputed (a sell asks more, a buy gives
//! less).
//! Rules: <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/ticksize> and
//! <https://xrpl.org/docs/references/protocol/transactions/types/accountset>; the four-offer
//! scenario and its figures are rippled's `Offer_test::testTickSize`.

mod common;

use common::{Lab, Wallet, XRP, iou, pay_iou, trust};
use serde_json::{Value, json};
use xrpl_sandbox::Ter;

const TF_SELL: u32 = 0x0008_0000;

fn tick_size(size: u32) -> Value {
    json!({"TransactionType": "AccountSet", "TickSize": size})
}

fn offer(pays: Value, gets: Value, flags: u32) -> Value {
    json!({"TransactionType": "OfferCreate", "TakerPays": pays, "TakerGets": gets, "Flags": flags})
}

/// `owner`'s offers by sequence: (TakerPays, TakerGets, the quality half of BookDirectory).
fn offers(lab: &mut Lab, owner: &Wallet) -> Vec<(Value, Value, String)> {
    let objects = lab.rpc(
        "account_objects",
        json!({"account": owner.address(), "type": "offer"}),
    );
    let mut list: Vec<_> = objects["account_objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let dir = o["BookDirectory"].as_str().unwrap();
            (
                o["Sequence"].as_u64().unwrap(),
                (
                    o["TakerPays"].clone(),
                    o["TakerGets"].clone(),
                    dir[48..].to_owned(),
                ),
            )
        })
        .collect();
    list.sort_by_key(|(seq, _)| *seq);
    list.into_iter().map(|(_, o)| o).collect()
}

/// rippled's quality encoding of `mantissa × 10^exponent`: (exponent + 100) ‖ 56-bit mantissa.
fn quality_hex(mantissa: u64, exponent: i32) -> String {
    format!("{:016X}", ((exponent + 100) as u64) << 56 | mantissa)
}

#[test]
fn offers_are_rounded_to_the_issuers_tick_size_as_rippleds_unit_test_shows() {
    let mut lab = Lab::new();
    let (gw, alice) = (Wallet::ed(120), Wallet::ed(121));
    lab.fund(&gw, 10_000);
    lab.fund(&alice, 10_000);
    lab.expect(&gw, tick_size(5), Ter::tesSUCCESS);
    let info = lab.rpc("account_info", json!({"account": gw.address()}));
    assert_eq!(info["account_data"]["TickSize"], 5);
    for code in ["XTS", "XXX"] {
        lab.expect(&alice, trust(&gw, code, "1000"), Ter::tesSUCCESS);
        lab.expect(&gw, pay_iou(&alice, iou(&gw, code, "100")), Ter::tesSUCCESS);
    }
    let (xts, xxx) = (|v: &str| iou(&gw, "XTS", v), |v: &str| iou(&gw, "XXX", v));
    lab.expect(&alice, offer(xts("10"), xxx("30"), 0), Ter::tesSUCCESS);
    lab.expect(&alice, offer(xts("30"), xxx("10"), 0), Ter::tesSUCCESS);
    lab.expect(
        &alice,
        offer(xts("10"), xxx("30"), TF_SELL),
        Ter::tesSUCCESS,
    );
    lab.expect(
        &alice,
        offer(xts("30"), xxx("10"), TF_SELL),
        Ter::tesSUCCESS,
    );

    let placed = offers(&mut lab, &alice);
    assert_eq!(placed.len(), 4);
    // 10/30 = 0.3333… rounds up to 5 digits, 0.33334. A buy keeps TakerPays and gives
    // 10 / 0.33334 = 29.99940001199976|0004… (16 digits): a little less than 30.
    let third_up = quality_hex(3_333_400_000_000_000, -16);
    assert_eq!(placed[0].0, xts("10"));
    assert_eq!(placed[0].1, xxx("29.99940001199976"));
    // It rests at the rounded quality: 10 / 29.99940001199976 = 0.33334000000000000005….
    assert_eq!(placed[0].2, third_up);
    // 30/10 = 3 is already 5 digits: unchanged.
    let three = quality_hex(3_000_000_000_000_000, -15);
    assert_eq!((&placed[1].0, &placed[1].1), (&xts("30"), &xxx("10")));
    assert_eq!(placed[1].2, three);
    // A sell keeps TakerGets and asks 30 × 0.33334 = 10.0002.
    assert_eq!((&placed[2].0, &placed[2].1), (&xts("10.0002"), &xxx("30")));
    assert_eq!(placed[2].2, third_up);
    assert_eq!((&placed[3].0, &placed[3].1), (&xts("30"), &xxx("10")));
    assert_eq!(placed[3].2, three);
}

#[test]
fn the_smaller_tick_size_wins_and_xrp_has_none() {
    let mut lab = Lab::new();
    let (usd_gw, eur_gw, alice) = (Wallet::ed(122), Wallet::ed(123), Wallet::ed(124));
    for w in [&usd_gw, &eur_gw, &alice] {
        lab.fund(w, 10_000);
    }
    lab.expect(&usd_gw, tick_size(3), Ter::tesSUCCESS);
    lab.expect(&eur_gw, tick_size(6), Ter::tesSUCCESS);
    lab.expect(&alice, trust(&usd_gw, "USD", "1000"), Ter::tesSUCCESS);
    lab.expect(&alice, trust(&eur_gw, "EUR", "1000"), Ter::tesSUCCESS);
    lab.expect(
        &eur_gw,
        pay_iou(&alice, iou(&eur_gw, "EUR", "100")),
        Ter::tesSUCCESS,
    );

    // Buy 1 USD for 7 XRP: 1/7,000,000 = 1.428571428571429e-7 rounds up to 3 digits, 1.43e-7;
    // the buy gives 1 / 1.43e-7 = 6,993,006.993… → 6,993,007 drops.
    lab.expect(
        &alice,
        offer(iou(&usd_gw, "USD", "1"), json!((7 * XRP).to_string()), 0),
        Ter::tesSUCCESS,
    );
    // USD (3) against EUR (6): 3 digits. Sell 7 EUR for USD at 1/7 = 0.1428…: the rate
    // rounds up to 0.143 and the sell asks 7 × 0.143 = 1.001 USD.
    lab.expect(
        &alice,
        offer(iou(&usd_gw, "USD", "1"), iou(&eur_gw, "EUR", "7"), TF_SELL),
        Ter::tesSUCCESS,
    );
    let placed = offers(&mut lab, &alice);
    assert_eq!(placed[0].0, iou(&usd_gw, "USD", "1"));
    assert_eq!(placed[0].1, json!("6993007"));
    assert_eq!(placed[1].0, iou(&usd_gw, "USD", "1.001"));
    assert_eq!(placed[1].1, iou(&eur_gw, "EUR", "7"));
    assert_eq!(placed[1].2, quality_hex(1_430_000_000_000_000, -16));

    // Clearing the tick size (0, or 16 = every digit) stops the rounding.
    lab.expect(&usd_gw, tick_size(16), Ter::tesSUCCESS);
    let info = lab.rpc("account_info", json!({"account": usd_gw.address()}));
    assert!(info["account_data"].get("TickSize").is_none());
    lab.expect(
        &alice,
        offer(iou(&usd_gw, "USD", "1"), iou(&eur_gw, "EUR", "7"), TF_SELL),
        Ter::tesSUCCESS,
    );
    // Now EUR's 6 digits: 0.142857|14… rounds up to 0.142858; 7 × 0.142858 = 1.000006.
    let placed = offers(&mut lab, &alice);
    assert_eq!(placed[2].0, iou(&usd_gw, "USD", "1.000006"));
}

#[test]
fn a_partly_crossed_offer_rests_at_its_rounded_quality() {
    let mut lab = Lab::new();
    let (gw, alice, bob) = (Wallet::ed(125), Wallet::ed(126), Wallet::ed(127));
    for w in [&gw, &alice, &bob] {
        lab.fund(w, 10_000);
    }
    lab.expect(&gw, tick_size(5), Ter::tesSUCCESS);
    for w in [&alice, &bob] {
        for code in ["XTS", "XXX"] {
            lab.expect(w, trust(&gw, code, "1000"), Ter::tesSUCCESS);
            lab.expect(&gw, pay_iou(w, iou(&gw, code, "100")), Ter::tesSUCCESS);
        }
    }
    let (xts, xxx) = (|v: &str| iou(&gw, "XTS", v), |v: &str| iou(&gw, "XXX", v));
    // Bob sells 4 XTS at 2.5 XXX each (exact at 5 digits).
    lab.expect(&bob, offer(xxx("10"), xts("4"), 0), Ter::tesSUCCESS);
    // Alice's 10 XTS for 30 XXX is rounded first (as above: 29.99940001199976 XXX at
    // 0.33334), takes Bob's 4 XTS for 10 XXX, and 6 XTS are left. At the offer's rate
    // 2.999940001199976 XXX per XTS they need 17.999640007199856 → 17.99964000719986 XXX (up),
    // whose own quality, 6 / 17.99964000719986 = 0.3333399999999999|2597…, is a hair off the
    // tick: rippled files the remainder under the offer's rate, 0.33334, all the same.
    lab.expect(&alice, offer(xts("10"), xxx("30"), 0), Ter::tesSUCCESS);
    assert_eq!(lab.iou_balance(&alice, &gw, "XTS"), "104");
    assert_eq!(lab.iou_balance(&alice, &gw, "XXX"), "90");
    assert!(offers(&mut lab, &bob).is_empty());
    let placed = offers(&mut lab, &alice);
    assert_eq!(placed.len(), 1);
    assert_eq!(placed[0].0, xts("6"));
    assert_eq!(placed[0].1, xxx("17.99964000719986"));
    assert_eq!(placed[0].2, quality_hex(3_333_400_000_000_000, -16));
}

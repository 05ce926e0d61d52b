//! XRP auto-bridging: an offer trading one token for another also crosses the token→XRP and
//! XRP→token books, at the product of their prices, whenever that beats the direct book; the
//! direct book is preferred when better (and on ties).
//!
//! The market here: Dan gives 100 XRP for 50 USD (0.5 USD per XRP), Erin gives 40 EUR for 80 XRP
//! (2 XRP per EUR), so the bridge sells EUR for 0.5 × 2 = 1 USD each; Frank sells 5 EUR for
//! 4.5 USD directly (0.9 USD each). Rules:
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/autobridging>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/offercreate>.

mod common;

use common::{Lab, Wallet, XRP, find_node, iou, pay_iou, set_flag, trust};
use serde_json::{Value, json};
use xrpl_sandbox::Ter;

const ASF_DEFAULT_RIPPLE: u32 = 8;
const TF_PASSIVE: u32 = 0x0001_0000;
const TF_IOC: u32 = 0x0002_0000;
const TF_FOK: u32 = 0x0004_0000;
const TF_SELL: u32 = 0x0008_0000;

struct Market {
    lab: Lab,
    gw: Wallet,
    carol: Wallet,
    dan: Wallet,
    erin: Wallet,
    frank: Wallet,
}

fn offer(pays: Value, gets: Value, flags: u32) -> Value {
    json!({"TransactionType": "OfferCreate", "TakerPays": pays, "TakerGets": gets, "Flags": flags})
}

/// The two XRP books (Dan's and Erin's offers); Frank's direct offer when `direct`.
fn market(direct: bool) -> Market {
    let mut lab = Lab::new();
    let (gw, carol, dan, erin, frank) = (
        Wallet::ed(70),
        Wallet::ed(71),
        Wallet::ed(72),
        Wallet::ed(73),
        Wallet::ed(74),
    );
    for w in [&gw, &carol, &dan, &erin, &frank] {
        lab.fund(w, 10_000);
    }
    lab.expect(&gw, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    for w in [&carol, &dan, &erin, &frank] {
        for code in ["USD", "EUR"] {
            lab.expect(w, trust(&gw, code, "100000"), Ter::tesSUCCESS);
        }
    }
    lab.expect(
        &gw,
        pay_iou(&carol, iou(&gw, "USD", "100")),
        Ter::tesSUCCESS,
    );
    for w in [&erin, &frank] {
        lab.expect(&gw, pay_iou(w, iou(&gw, "EUR", "100")), Ter::tesSUCCESS);
    }
    let tx = offer(iou(&gw, "USD", "50"), json!((100 * XRP).to_string()), 0);
    lab.expect(&dan, tx, Ter::tesSUCCESS);
    let tx = offer(json!((80 * XRP).to_string()), iou(&gw, "EUR", "40"), 0);
    lab.expect(&erin, tx, Ter::tesSUCCESS);
    if direct {
        let tx = offer(iou(&gw, "USD", "4.5"), iou(&gw, "EUR", "5"), 0);
        lab.expect(&frank, tx, Ter::tesSUCCESS);
    }
    Market {
        lab,
        gw,
        carol,
        dan,
        erin,
        frank,
    }
}

impl Market {
    fn bal(&self, who: &Wallet, code: &str) -> String {
        self.lab.iou_balance(who, &self.gw, code)
    }

    /// Carol's offer: wants `eur`, gives `usd`.
    fn carol_bids(&mut self, eur: &str, usd: &str, flags: u32, ter: Ter) -> Option<Value> {
        let tx = offer(iou(&self.gw, "EUR", eur), iou(&self.gw, "USD", usd), flags);
        self.lab.expect(&self.carol, tx, ter).meta
    }
}

fn offers_of(lab: &mut Lab, who: &Wallet) -> Vec<Value> {
    let out = lab.rpc("account_offers", json!({"account": who.address()}));
    out["offers"].as_array().unwrap().clone()
}

#[test]
fn a_bridged_crossing_consumes_both_legs_at_the_composite_price() {
    let mut m = market(false);
    let fee = m.lab.ledger.fees().base_fee;
    let (carol_xrp, dan_xrp, erin_xrp) = (
        m.lab.balance(&m.carol),
        m.lab.balance(&m.dan),
        m.lab.balance(&m.erin),
    );
    // 10 EUR for up to 12 USD: through the bridge at 1 USD/EUR, 20 XRP pass through Carol.
    let meta = m.carol_bids("10", "12", 0, Ter::tesSUCCESS).unwrap();
    assert_eq!(m.bal(&m.carol, "EUR"), "10");
    assert_eq!(m.bal(&m.carol, "USD"), "90");
    assert_eq!(m.lab.balance(&m.carol), carol_xrp - fee, "the XRP nets out");
    assert_eq!(m.bal(&m.dan, "USD"), "10");
    assert_eq!(m.lab.balance(&m.dan), dan_xrp - 20 * XRP);
    assert_eq!(m.bal(&m.erin, "EUR"), "90");
    assert_eq!(m.lab.balance(&m.erin), erin_xrp + 20 * XRP);
    // Both legs' offers appear in the metadata, partly consumed.
    let dan_offer = find_node(&meta, "ModifiedNode", "Offer", &m.dan.address()).unwrap();
    assert_eq!(
        dan_offer["FinalFields"]["TakerGets"],
        (80 * XRP).to_string()
    );
    let erin_offer = find_node(&meta, "ModifiedNode", "Offer", &m.erin.address()).unwrap();
    assert_eq!(erin_offer["FinalFields"]["TakerGets"]["value"], "30");
    assert!(offers_of(&mut m.lab, &m.carol).is_empty(), "filled");
}

#[test]
fn the_direct_book_is_preferred_when_better() {
    let mut m = market(true);
    let dan_xrp = m.lab.balance(&m.dan);
    // Frank's 5 EUR at 0.9 USD first (4.5 USD), then 5 EUR through the bridge at 1 (5 USD).
    m.carol_bids("10", "12", 0, Ter::tesSUCCESS);
    assert_eq!(m.bal(&m.carol, "EUR"), "10");
    assert_eq!(m.bal(&m.carol, "USD"), "90.5");
    assert_eq!(m.bal(&m.frank, "USD"), "4.5");
    assert!(offers_of(&mut m.lab, &m.frank).is_empty());
    assert_eq!(m.bal(&m.dan, "USD"), "5");
    assert_eq!(m.lab.balance(&m.dan), dan_xrp - 10 * XRP);
    assert_eq!(m.bal(&m.erin, "EUR"), "95");
}

#[test]
fn a_bridge_worse_than_the_limit_is_not_taken() {
    let mut m = market(false);
    // 10 EUR for 9 USD: 0.9 USD/EUR, better than the bridge's 1; the offer rests untouched.
    m.carol_bids("10", "9", 0, Ter::tesSUCCESS);
    assert_eq!(m.bal(&m.carol, "EUR"), "0");
    assert_eq!(m.bal(&m.dan, "USD"), "0");
    assert_eq!(offers_of(&mut m.lab, &m.carol).len(), 1);
    // Passive at exactly the bridge's price does not take it either.
    m.carol_bids("10", "10", TF_PASSIVE, Ter::tesSUCCESS);
    assert_eq!(m.bal(&m.carol, "EUR"), "0");
    assert_eq!(offers_of(&mut m.lab, &m.carol).len(), 2);
}

#[test]
fn flags_hold_through_the_bridge() {
    // Fill-or-kill for more than Erin's 40 EUR: killed, nothing moves.
    let mut m = market(false);
    m.carol_bids("50", "60", TF_FOK, Ter::tecKILLED);
    assert_eq!(m.bal(&m.carol, "USD"), "100");
    assert_eq!(m.bal(&m.erin, "EUR"), "100");
    assert_eq!(m.bal(&m.dan, "USD"), "0");

    // Immediate-or-cancel: all 40 EUR the bridge has (80 XRP from Dan for 40 USD), no rest.
    m.carol_bids("50", "60", TF_IOC, Ter::tesSUCCESS);
    assert_eq!(m.bal(&m.carol, "EUR"), "40");
    assert_eq!(m.bal(&m.carol, "USD"), "60");
    assert_eq!(m.bal(&m.dan, "USD"), "40");
    assert!(offers_of(&mut m.lab, &m.carol).is_empty());
    assert!(
        offers_of(&mut m.lab, &m.erin).is_empty(),
        "Erin's offer is used up"
    );

    // Sell: gives all 10 USD though it asks only 5 EUR, and gets 10 EUR.
    let mut m = market(false);
    m.carol_bids("5", "10", TF_SELL, Ter::tesSUCCESS);
    assert_eq!(m.bal(&m.carol, "USD"), "90");
    assert_eq!(m.bal(&m.carol, "EUR"), "10");
    assert!(offers_of(&mut m.lab, &m.carol).is_empty());
}

#[test]
fn payments_without_paths_do_not_bridge() {
    // A payment of EUR with USD has no book between them and no Paths: it stays dry.
    let mut m = market(false);
    let tx = json!({"TransactionType": "Payment", "Destination": m.frank.address(),
                    "Amount": iou(&m.gw, "EUR", "1"), "SendMax": iou(&m.gw, "USD", "2")});
    m.lab.expect(&m.carol, tx, Ter::tecPATH_DRY);
    assert_eq!(m.bal(&m.dan, "USD"), "0");
}

#[test]
fn the_bridge_and_the_direct_pool_compete_by_quality() {
    let mut m = market(false);
    // Frank's 100 USD / 80 EUR pool, no fee: its spot price is 100/80 = 1.25 USD per EUR,
    // dearer than the bridge's 1.
    m.lab.expect(
        &m.gw,
        pay_iou(&m.frank, iou(&m.gw, "USD", "100")),
        Ter::tesSUCCESS,
    );
    let reserve = m.lab.ledger.fees().reserve_increment;
    let tx = json!({"TransactionType": "AMMCreate", "Amount": iou(&m.gw, "USD", "100"),
                    "Amount2": iou(&m.gw, "EUR", "80"), "TradingFee": 0,
                    "Fee": reserve.to_string()});
    m.lab.expect(&m.frank, tx, Ter::tesSUCCESS);
    // 50 EUR for up to 100 USD: the bridge's 40 EUR for 40 USD first, then 10 EUR from the
    // pool at equation 6's price, 100·80/70 − 100 USD (XLS-30).
    m.carol_bids("50", "100", 0, Ter::tesSUCCESS);
    assert_eq!(m.bal(&m.carol, "EUR"), "50");
    assert_eq!(m.bal(&m.dan, "USD"), "40");
    let from_pool = 100.0 * 80.0 / 70.0 - 100.0;
    let usd: f64 = m.bal(&m.carol, "USD").parse().unwrap();
    assert!((usd - (100.0 - 40.0 - from_pool)).abs() < 1e-9, "{usd}");
    assert!(offers_of(&mut m.lab, &m.erin).is_empty());
}

/// Dan withdraws; Frank's 100 USD / 200 XRP pool (no fee) sells XRP for USD instead, at a
/// spot price of 0.5 USD per XRP — with Erin's 2 XRP per EUR, the bridge starts at 1 USD/EUR.
fn pool_on_the_first_leg() -> Market {
    let mut m = market(false);
    let seq = offers_of(&mut m.lab, &m.dan)[0]["seq"].clone();
    let tx = json!({"TransactionType": "OfferCancel", "OfferSequence": seq});
    m.lab.expect(&m.dan, tx, Ter::tesSUCCESS);
    m.lab.expect(
        &m.gw,
        pay_iou(&m.frank, iou(&m.gw, "USD", "100")),
        Ter::tesSUCCESS,
    );
    let reserve = m.lab.ledger.fees().reserve_increment;
    let tx = json!({"TransactionType": "AMMCreate", "Amount": iou(&m.gw, "USD", "100"),
                    "Amount2": (200 * XRP).to_string(), "TradingFee": 0,
                    "Fee": reserve.to_string()});
    m.lab.expect(&m.frank, tx, Ter::tesSUCCESS);
    m
}

#[test]
fn a_pool_on_a_leg_serves_the_bridge() {
    let mut m = pool_on_the_first_leg();
    let (carol_xrp, erin_xrp) = (m.lab.balance(&m.carol), m.lab.balance(&m.erin));
    let fee = m.lab.ledger.fees().base_fee;
    // 10 EUR for up to 12 USD: 20 XRP from the pool cost 100·2e8/1.8e8 − 100 USD (XLS-30
    // equation 6), an average of 1.11 USD/EUR, within the limit; Erin sells the 10 EUR.
    m.carol_bids("10", "12", 0, Ter::tesSUCCESS);
    assert_eq!(m.lab.balance(&m.erin), erin_xrp + 20 * XRP);
    assert_eq!(m.lab.balance(&m.carol), carol_xrp - fee, "the XRP nets out");
    assert_eq!(m.bal(&m.carol, "EUR"), "10");
    let usd: f64 = m.bal(&m.carol, "USD").parse().unwrap();
    assert!(
        (usd - (100.0 - (100.0 * 2e8 / 1.8e8 - 100.0))).abs() < 1e-9,
        "{usd}"
    );
    assert!(offers_of(&mut m.lab, &m.carol).is_empty());
}

#[test]
fn the_takers_limit_stops_a_pool_on_a_leg_at_its_average_price() {
    let mut m = pool_on_the_first_leg();
    let erin_xrp = m.lab.balance(&m.erin);
    // 40 EUR for up to 48 USD (1.2 USD/EUR). With Erin's fixed 2 XRP/EUR, the step's average
    // meets the limit when the pool's own average is 0.6 USD/XRP: x = 0.6e-6 · 2e8 − 100 =
    // 20 USD in, for 2e8 − 2e10/120 drops out (equation 5), which buy half as many EUR from
    // Erin. The rest of the bid rests.
    let xrp = (2e8 - 2e10 / 120.0f64).floor() as u64;
    m.carol_bids("40", "48", 0, Ter::tesSUCCESS);
    assert_eq!(m.lab.balance(&m.erin), erin_xrp + xrp);
    let eur: f64 = m.bal(&m.carol, "EUR").parse().unwrap();
    assert!((eur - xrp as f64 / 2e6).abs() < 1e-9, "{eur}");
    let usd: f64 = m.bal(&m.carol, "USD").parse().unwrap();
    assert!((usd - 80.0).abs() < 1e-6, "{usd}");
    assert!(
        (100.0 - usd) / eur <= 1.2 + 1e-9,
        "average within the limit"
    );
    assert_eq!(offers_of(&mut m.lab, &m.carol).len(), 1);
}

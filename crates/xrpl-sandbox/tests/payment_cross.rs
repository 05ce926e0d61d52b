//! Cross-currency payments through the order book: the sender spends SendMax of one asset and
//! the destination receives the Amount in another, at the book's best prices.
//! Rules: <https://xrpl.org/docs/concepts/payment-types/cross-currency-payments>.

mod common;

use common::{Lab, Wallet, XRP, iou, pay_iou, set_flag, trust};
use serde_json::{Value, json};
use xrpl_sandbox::Ter;

const TF_PARTIAL: u32 = 0x0002_0000;

/// A gateway, a market maker selling USD for XRP (10 at 2.0, 10 at 2.5), a payer with XRP only
/// and a merchant who trusts the gateway.
fn market() -> (Lab, Wallet, Wallet, Wallet, Wallet) {
    let mut lab = Lab::new();
    let (gw, maker, payer, merchant) = (
        Wallet::ed(10),
        Wallet::ed(11),
        Wallet::ed(12),
        Wallet::ed(13),
    );
    for w in [&gw, &maker, &payer, &merchant] {
        lab.fund(w, 1000);
    }
    lab.expect(&gw, set_flag(8), Ter::tesSUCCESS);
    for w in [&maker, &merchant] {
        lab.expect(w, trust(&gw, "USD", "1000"), Ter::tesSUCCESS);
    }
    lab.expect(
        &gw,
        pay_iou(&maker, iou(&gw, "USD", "500")),
        Ter::tesSUCCESS,
    );
    for xrp in [20, 25] {
        let ask = json!({"TransactionType": "OfferCreate", "TakerPays": (xrp * XRP).to_string(), "TakerGets": iou(&gw, "USD", "10")});
        lab.expect(&maker, ask, Ter::tesSUCCESS);
    }
    (lab, gw, maker, payer, merchant)
}

fn pay_usd_with_xrp(to: &Wallet, usd: Value, max_xrp: u64) -> Value {
    json!({"TransactionType": "Payment", "Destination": to.address(), "Amount": usd, "SendMax": (max_xrp * XRP).to_string()})
}

#[test]
fn xrp_in_usd_out_at_the_best_prices() {
    let (mut lab, gw, maker, payer, merchant) = market();
    let payer_xrp = lab.balance(&payer);
    let outcome = lab.expect(
        &payer,
        pay_usd_with_xrp(&merchant, iou(&gw, "USD", "15"), 40),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.iou_balance(&merchant, &gw, "USD"), "15");
    // 10 at 2.0 and 5 at 2.5: 32.5 XRP, not the 40 allowed.
    assert_eq!(lab.balance(&payer), payer_xrp - 32_500_000 - 10);
    assert_eq!(lab.iou_balance(&maker, &gw, "USD"), "485");
    assert_eq!(
        outcome.meta.unwrap()["delivered_amount"],
        iou(&gw, "USD", "15")
    );
    // The payer never held USD: no trust line appeared for it.
    assert!(!lab.has_line(&payer, &gw, "USD"));
    assert_eq!(lab.owner_count(&payer), 0);
}

#[test]
fn send_max_bounds_the_total() {
    let (mut lab, gw, _, payer, merchant) = market();
    lab.expect(
        &payer,
        pay_usd_with_xrp(&merchant, iou(&gw, "USD", "15"), 30),
        Ter::tecPATH_PARTIAL,
    );
    assert_eq!(lab.iou_balance(&merchant, &gw, "USD"), "0");
    let mut partial = pay_usd_with_xrp(&merchant, iou(&gw, "USD", "15"), 30);
    partial["Flags"] = json!(TF_PARTIAL);
    let outcome = lab.expect(&payer, partial, Ter::tesSUCCESS);
    // 20 XRP buys 10, the other 10 XRP buys 4 at 2.5.
    assert_eq!(lab.iou_balance(&merchant, &gw, "USD"), "14");
    assert_eq!(
        outcome.meta.unwrap()["DeliveredAmount"],
        iou(&gw, "USD", "14")
    );
}

#[test]
fn the_destination_needs_a_line_with_room() {
    let (mut lab, gw, _, payer, _) = market();
    let stranger = Wallet::ed(20);
    lab.fund(&stranger, 100);
    lab.expect(
        &payer,
        pay_usd_with_xrp(&stranger, iou(&gw, "USD", "1"), 5),
        Ter::tecPATH_DRY,
    );
    lab.expect(&stranger, trust(&gw, "USD", "3"), Ter::tesSUCCESS);
    lab.expect(
        &payer,
        pay_usd_with_xrp(&stranger, iou(&gw, "USD", "5"), 15),
        Ter::tecPATH_PARTIAL,
    );
    lab.expect(
        &payer,
        pay_usd_with_xrp(&stranger, iou(&gw, "USD", "3"), 15),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.iou_balance(&stranger, &gw, "USD"), "3");
}

#[test]
fn usd_in_xrp_out() {
    let (mut lab, gw, maker, _, merchant) = market();
    // The maker also bids: 1.5 XRP per USD for up to 10 USD.
    let bid = json!({"TransactionType": "OfferCreate", "TakerPays": iou(&gw, "USD", "10"), "TakerGets": (15 * XRP).to_string()});
    lab.expect(&maker, bid, Ter::tesSUCCESS);
    lab.expect(
        &gw,
        pay_iou(&merchant, iou(&gw, "USD", "20")),
        Ter::tesSUCCESS,
    );
    let someone = Wallet::ed(21);
    lab.fund(&someone, 100);
    let before = lab.balance(&someone);
    let pay = json!({"TransactionType": "Payment", "Destination": someone.address(), "Amount": (6 * XRP).to_string(), "SendMax": iou(&gw, "USD", "5")});
    lab.expect(&merchant, pay, Ter::tesSUCCESS);
    assert_eq!(lab.balance(&someone), before + 6 * XRP);
    assert_eq!(lab.iou_balance(&merchant, &gw, "USD"), "16");
}

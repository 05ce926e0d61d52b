//! Payments through an AMM pool: the price follows XLS-30's constant-product equations with the
//! trading fee, worked out here independently (equation 6: in = (B_in·B_out/(B_out − out) −
//! B_in)/(1 − fee), rounded up; equation 5: out = B_out − B_in·B_out/(B_in + in·(1 − fee)),
//! rounded down), and the pool's product never shrinks.
//! Spec: <https://github.com/XRPLF/XRPL-Standards/tree/master/XLS-0030-automated-market-maker>.

#[path = "amm_exact_fixture/clob.rs"]
mod clob;
mod common;
#[path = "amm_exact_fixture/decimal.rs"]
mod decimal;

use common::{Lab, Wallet, XRP, iou, pay_iou, set_flag, trust};
use decimal::{D, Mode};
use serde_json::{Value, json};
use xrpl_sandbox::Ter;

const ASF_DEFAULT_RIPPLE: u32 = 8;
const TF_PARTIAL_PAYMENT: u32 = 0x0002_0000;

struct Market {
    lab: Lab,
    gateway: Wallet,
    bob: Wallet,
    carol: Wallet,
}

/// A 100 XRP / 100 USD pool with `fee`, created by Alice; Bob holds XRP and USD, Carol trusts USD.
fn market(fee: u32) -> Market {
    let mut lab = Lab::new();
    let (gateway, alice, bob, carol) = (
        Wallet::ed(90),
        Wallet::ed(91),
        Wallet::ed(92),
        Wallet::ed(93),
    );
    for w in [&gateway, &alice, &bob, &carol] {
        lab.fund(w, 10_000);
    }
    lab.expect(&gateway, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    for w in [&alice, &bob, &carol] {
        lab.expect(w, trust(&gateway, "USD", "100000"), Ter::tesSUCCESS);
    }
    for w in [&alice, &bob] {
        lab.expect(
            &gateway,
            pay_iou(w, iou(&gateway, "USD", "1000")),
            Ter::tesSUCCESS,
        );
    }
    let reserve = lab.ledger.fees().reserve_increment;
    lab.expect(
        &alice,
        json!({"TransactionType": "AMMCreate", "Amount": (100 * XRP).to_string(),
               "Amount2": iou(&gateway, "USD", "100"), "TradingFee": fee, "Fee": reserve.to_string()}),
        Ter::tesSUCCESS,
    );
    Market {
        lab,
        gateway,
        bob,
        carol,
    }
}

fn pool(lab: &mut Lab, gateway: &Wallet) -> (u64, f64) {
    let out = lab.rpc(
        "amm_info",
        json!({"asset": {"currency": "XRP"}, "asset2": {"currency": "USD", "issuer": gateway.address()}}),
    );
    (
        out["amm"]["amount"].as_str().unwrap().parse().unwrap(),
        out["amm"]["amount2"]["value"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap(),
    )
}

fn buy_usd(to: &Wallet, gateway: &Wallet, usd: &str, max_drops: u64) -> Value {
    json!({"TransactionType": "Payment", "Destination": to.address(),
           "Amount": iou(gateway, "USD", usd), "SendMax": max_drops.to_string()})
}

/// Equation 6 on integers: drops needed for `out` USD from a pool of `b_in` drops and `b_out` USD,
/// with `fee` in 1/100,000 — rounded up.
fn cost_in_drops(b_in: u128, b_out: u128, out: u128, fee: u128) -> u64 {
    // (b_in·b_out/(b_out − out) − b_in) / (1 − fee/100000), all over one denominator.
    let num = (b_in * b_out - b_in * (b_out - out)) * 100_000;
    let den = (b_out - out) * (100_000 - fee);
    num.div_ceil(den) as u64
}

#[test]
fn buying_an_exact_amount_costs_what_equation_6_says() {
    for fee in [0u32, 300] {
        let Market {
            mut lab,
            gateway,
            bob,
            carol,
        } = market(fee);
        let expected = cost_in_drops(100 * XRP as u128, 100, 10, fee as u128);
        if fee == 0 {
            assert_eq!(expected, 11_111_112);
        }
        let before = lab.balance(&bob);
        let outcome = lab.expect(
            &bob,
            buy_usd(&carol, &gateway, "10", 20 * XRP),
            Ter::tesSUCCESS,
        );
        assert_eq!(
            lab.balance(&bob),
            before - expected - lab.ledger.fees().base_fee
        );
        assert_eq!(lab.iou_balance(&carol, &gateway, "USD"), "10");
        assert_eq!(outcome.meta.unwrap()["delivered_amount"]["value"], "10");
        let (xrp, usd) = pool(&mut lab, &gateway);
        assert_eq!(xrp, 100 * XRP + expected);
        assert_eq!(usd, 90.0);
        // The product never shrinks.
        assert!(xrp as f64 * usd >= (100 * XRP) as f64 * 100.0);
    }
}

#[test]
fn a_send_max_below_the_price_fails_without_moving_anything() {
    let Market {
        mut lab,
        gateway,
        bob,
        carol,
    } = market(0);
    let before = lab.balance(&bob);
    lab.expect(
        &bob,
        buy_usd(&carol, &gateway, "10", 11_111_111),
        Ter::tecPATH_PARTIAL,
    );
    assert_eq!(lab.balance(&bob), before - lab.ledger.fees().base_fee);
    assert_eq!(pool(&mut lab, &gateway), (100 * XRP, 100.0));
    assert_eq!(lab.iou_balance(&carol, &gateway, "USD"), "0");
}

#[test]
fn a_partial_payment_spends_send_max_at_the_equation_5_price() {
    let Market {
        mut lab,
        gateway,
        bob,
        carol,
    } = market(300);
    let mut tx = buy_usd(&carol, &gateway, "100", 10 * XRP);
    tx["Flags"] = json!(TF_PARTIAL_PAYMENT);
    let outcome = lab.expect(&bob, tx, Ter::tesSUCCESS);
    // Equation 5 as rippled's swapAssetIn evaluates it with fixAMMv1_1, each step rounded in
    // the pool's favour: B_in·B_out up, 1 − fee and B_in + in·(1 − fee) down, the quotient up,
    // B_out minus it down.
    let (up, down) = (Mode::Up, Mode::Down);
    let (b_in, b_out, spent) = (D::int(100_000_000), D::int(100), D::int(10_000_000));
    let fee = D::int(300).div(D::int(100_000), up);
    let one_minus_fee = D::int(1).sub(fee, down);
    let denominator = b_in.add(spent.mul(one_minus_fee, down), down);
    let ratio = b_in.mul(b_out, up).div(denominator, up);
    let expected = b_out.sub(ratio, down);
    assert_eq!(
        outcome.meta.unwrap()["delivered_amount"]["value"],
        expected.text()
    );
    assert_eq!(pool(&mut lab, &gateway).0, 110 * XRP);
    // Selling USD back into the pool works the other way round.
    let back = json!({"TransactionType": "Payment", "Destination": bob.address(),
                      "Amount": "1000000", "SendMax": iou(&gateway, "USD", "5")});
    lab.expect(&bob, back, Ter::tesSUCCESS);
}

#[test]
fn a_destination_without_a_trust_line_cannot_receive() {
    let Market {
        mut lab,
        gateway,
        bob,
        ..
    } = market(0);
    let dave = Wallet::ed(94);
    lab.fund(&dave, 100);
    lab.expect(
        &bob,
        buy_usd(&dave, &gateway, "1", 5 * XRP),
        Ter::tecPATH_DRY,
    );
    assert_eq!(pool(&mut lab, &gateway), (100 * XRP, 100.0));
}

fn offer(gateway: &Wallet, gives_drops: u64, wants_usd: &str) -> Value {
    json!({"TransactionType": "OfferCreate", "TakerGets": gives_drops.to_string(),
           "TakerPays": iou(gateway, "USD", wants_usd)})
}

#[test]
fn an_offer_takes_from_the_pool_at_no_worse_than_its_own_rate() {
    let Market {
        mut lab,
        gateway,
        bob,
        ..
    } = market(0);
    let fee = lab.ledger.fees().base_fee;
    // Wanting 10 USD for up to 20 XRP: the pool sells 10 USD for what equation 6 says, and
    // nothing is left to rest on the book.
    let (before, owners) = (lab.balance(&bob), lab.owner_count(&bob));
    lab.expect(&bob, offer(&gateway, 20 * XRP, "10"), Ter::tesSUCCESS);
    let cost = cost_in_drops(100 * XRP as u128, 100, 10, 0);
    assert_eq!(lab.balance(&bob), before - cost - fee);
    assert_eq!(lab.iou_balance(&bob, &gateway, "USD"), "1010");
    assert_eq!(lab.owner_count(&bob), owners, "no offer left behind");
    assert_eq!(pool(&mut lab, &gateway), (100 * XRP + cost, 90.0));
}

#[test]
fn the_pool_fills_an_offer_up_to_its_rate_and_the_rest_rests_on_the_book() {
    let Market {
        mut lab,
        gateway,
        bob,
        ..
    } = market(0);
    let owners = lab.owner_count(&bob);
    // 19 USD for 20 XRP (0.95 USD per XRP): the pool gives its best until its average rate
    // reaches 0.95. rippled sizes that by what comes out (`QualityFunction::outFromAvgQ`,
    // out = (1/r − B_out/B_in)/(−1/B_in), rounded up: about 5 USD) and prices it with
    // equation 6 (rounded up to drops). (This test used to solve for the drops in directly.)
    lab.expect(&bob, offer(&gateway, 20 * XRP, "19"), Ter::tesSUCCESS);
    let moved = clob::Pool {
        i: D::int(100 * XRP as i128),
        o: D::int(100),
        tfee: 0,
        in_drops: true,
        out_drops: false,
    };
    let out = moved.out_at_average(clob::rate(D::int(20 * XRP as i128), D::int(19)));
    let x = moved.swap_out(out).to_int(Mode::Nearest) as u64;
    let (xrp, usd) = pool(&mut lab, &gateway);
    assert_eq!(xrp, 100 * XRP + x);
    let info = lab.rpc(
        "amm_info",
        json!({"asset": {"currency": "XRP"}, "asset2": {"currency": "USD", "issuer": gateway.address()}}),
    );
    assert_eq!(
        info["amm"]["amount2"]["value"],
        D::int(100).sub(out, Mode::Nearest).text()
    );
    let got = 100.0 - usd;
    assert!(
        (got / x as f64 - 0.95e-6).abs() < 1e-12,
        "average rate {}",
        got / x as f64
    );
    assert_eq!(
        lab.owner_count(&bob),
        owners + 1,
        "the remainder rests as an offer"
    );
    let offers = lab.rpc("account_offers", json!({"account": bob.address()}));
    assert_eq!(
        offers["offers"][0]["taker_gets"],
        (20 * XRP - x).to_string()
    );

    // An offer asking more than the pool's price leaves the pool alone.
    lab.expect(&bob, offer(&gateway, 10 * XRP, "20"), Ter::tesSUCCESS);
    assert_eq!(pool(&mut lab, &gateway).0, 100 * XRP + x);
}

#[test]
fn a_payment_takes_the_pool_down_to_the_book_price_then_the_book() {
    let Market {
        mut lab,
        gateway,
        bob,
        carol,
    } = market(0);
    // The gateway sells 50 USD at 1.25 XRP each on the book (dearer than the pool's 1.0, so
    // the offer does not trade with the pool and rests).
    lab.expect(
        &gateway,
        json!({"TransactionType": "OfferCreate", "TakerGets": iou(&gateway, "USD", "50"),
               "TakerPays": "62500000"}),
        Ter::tesSUCCESS,
    );
    assert_eq!(pool(&mut lab, &gateway), (100 * XRP, 100.0));
    // rippled weighs the pool against the book quality by quality: the pool sells until its
    // spot price B_in/B_out reaches the book's 1.25 XRP per USD — with no fee, B_in' =
    // √(1.25 XRP/USD · B_in · B_out), so x = √(1.25e6 · 1e8 · 100) − 1e8 drops go in and
    // equation 5 gives 100 − 1e10/(1e8 + x) USD out — then the book sells the rest at 1.25.
    // (This test used to assert "the pool alone, else the book alone".)
    let x = ((1.25e6f64 * 1e8 * 100.0).sqrt() - 1e8).floor() as u64;
    let from_pool = 100.0 - 1e10 / (1e8 + x as f64);
    let book_cost = ((40.0 - from_pool) * 1.25e6).ceil() as u64;
    let before = lab.balance(&bob);
    lab.expect(
        &bob,
        buy_usd(&carol, &gateway, "40", 50 * XRP),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.iou_balance(&carol, &gateway, "USD"), "40");
    assert_eq!(
        lab.balance(&bob),
        before - x - book_cost - lab.ledger.fees().base_fee
    );
    let (pool_xrp, pool_usd) = pool(&mut lab, &gateway);
    assert_eq!(pool_xrp, 100 * XRP + x);
    assert!((pool_usd - (100.0 - from_pool)).abs() < 1e-9, "{pool_usd}");
}

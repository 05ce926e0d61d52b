//! Pools in crossings with more than one strand: a token/token OfferCreate crosses the direct
//! book and pool and, as a second strand, the XRP bridge (rippled's `flowCross`). While both
//! strands have liquidity within the taker's limit (rippled's `AMMContext::multiPath`, set each
//! pass from the active strands), every pool offers a Fibonacci-sized slice at the slice's own
//! quality (`AMMLiquidity::generateFibSeqOffer`, `AMMOffer::limitOut` with `ceil_out_strict`);
//! once one strand is left, the pool is sized as on a single path again.
//!
//! The worked example's figures are computed in the test from that sequence on the test-side
//! decimal (`amm_exact_fixture/fib.rs`); the bridged-crossing figures are rippled's own, read in
//! `AMMExtended_test.cpp` (`testBridgedCross`). Rules:
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers>,
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/autobridging>.

mod amm_exact_fixture;
mod common;

use amm_exact_fixture::clob::{NumberDiv, Pool, lt};
use amm_exact_fixture::decimal::{D, Mode};
use amm_exact_fixture::fib::fib_offer;
use common::{Lab, Wallet, XRP, iou, pay_iou, set_flag, trust};
use serde_json::{Value, json};
use xrpl_sandbox::Ter;

const N: Mode = Mode::Nearest;
const ASF_DEFAULT_RIPPLE: u32 = 8;

struct Market {
    lab: Lab,
    gw: Wallet,
}

/// rippled's `fund(env, gw, {alice, bob, carol}, {USD(15'000), EUR(15'000)}, Fund::All)`:
/// each holds 30,000 XRP and 15,000 USD and EUR. Returns the market and Alice, Bob and Carol.
fn market() -> (Market, Wallet, Wallet, Wallet) {
    let mut lab = Lab::new();
    let (gw, alice, bob, carol) = (
        Wallet::ed(80),
        Wallet::ed(81),
        Wallet::ed(82),
        Wallet::ed(83),
    );
    for w in [&gw, &alice, &bob, &carol] {
        lab.fund(w, 30_000);
    }
    lab.expect(&gw, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    for w in [&alice, &bob, &carol] {
        for code in ["USD", "EUR"] {
            lab.expect(w, trust(&gw, code, "100000"), Ter::tesSUCCESS);
            lab.expect(&gw, pay_iou(w, iou(&gw, code, "15000")), Ter::tesSUCCESS);
        }
    }
    (Market { lab, gw }, alice, bob, carol)
}

fn offer(taker_pays: Value, taker_gets: Value) -> Value {
    json!({"TransactionType": "OfferCreate", "TakerPays": taker_pays, "TakerGets": taker_gets})
}

fn xrp(n: u64) -> Value {
    json!((n * XRP).to_string())
}

impl Market {
    fn create_pool(&mut self, who: &Wallet, amount: Value, amount2: Value) {
        let reserve = self.lab.ledger.fees().reserve_increment;
        let tx = json!({"TransactionType": "AMMCreate", "Amount": amount, "Amount2": amount2,
                        "TradingFee": 0, "Fee": reserve.to_string()});
        self.lab.expect(who, tx, Ter::tesSUCCESS);
    }

    /// The pool's two balances as `amm_info` prints them (drops, or a token's value).
    fn pool(&mut self, asset: Value, asset2: Value) -> (String, String) {
        let info = self
            .lab
            .rpc("amm_info", json!({"asset": asset, "asset2": asset2}));
        let text = |v: &Value| match v {
            Value::String(s) => s.clone(),
            other => other["value"].as_str().unwrap_or_default().to_owned(),
        };
        (text(&info["amm"]["amount"]), text(&info["amm"]["amount2"]))
    }

    fn bal(&self, who: &Wallet, code: &str) -> String {
        self.lab.iou_balance(who, &self.gw, code)
    }

    fn asset(&self, code: &str) -> Value {
        json!({"currency": code, "issuer": self.gw.address()})
    }

    fn offers(&mut self, who: &Wallet) -> usize {
        let out = self
            .lab
            .rpc("account_offers", json!({"account": who.address()}));
        out["offers"].as_array().map_or(0, Vec::len)
    }
}

/// rippled's `testBridgedCross`, first case: a USD/XRP pool (10,000 XRP, 10,100 USD) and an
/// EUR/XRP pool (10,000 EUR, 10,100 XRP), no direct book. Carol's offer of 100 EUR for 100 USD
/// crosses through both pools; the direct strand is dry, so the bridge is the only strand.
/// rippled expects the pools at 10,100 XRP / 10,000 USD and 10,000 XRP / 10,100 EUR, Carol at
/// 15,100 USD and 14,900 EUR, and no offer left: the strand goes on until its average price
/// (the two pools' combined quality function) meets Carol's limit of 1 EUR per USD.
#[test]
fn rippled_bridged_cross_through_two_pools() {
    let (mut m, alice, bob, carol) = market();
    m.create_pool(&alice, xrp(10_000), iou(&m.gw, "USD", "10100"));
    m.create_pool(&bob, iou(&m.gw, "EUR", "10000"), xrp(10_100));
    let tx = offer(iou(&m.gw, "USD", "100"), iou(&m.gw, "EUR", "100"));
    m.lab.expect(&carol, tx, Ter::tesSUCCESS);
    let (usd, eur) = (m.asset("USD"), m.asset("EUR"));
    assert_eq!(
        m.pool(json!({"currency": "XRP"}), usd),
        ((10_100 * XRP).to_string(), "10000".to_owned())
    );
    assert_eq!(
        m.pool(json!({"currency": "XRP"}), eur),
        ((10_000 * XRP).to_string(), "10100".to_owned())
    );
    assert_eq!(m.bal(&carol, "USD"), "15100");
    assert_eq!(m.bal(&carol, "EUR"), "14900");
    assert_eq!(m.offers(&carol), 0);
}

/// `testBridgedCross`, second case: the USD/XRP pool and Bob's offer of 100 XRP for 100 EUR.
/// rippled expects the pool at 10,100 XRP / 10,000 USD, Carol at 15,100 USD and 14,900 EUR,
/// and neither offer left.
#[test]
fn rippled_bridged_cross_pool_then_book() {
    let (mut m, alice, bob, carol) = market();
    m.create_pool(&alice, xrp(10_000), iou(&m.gw, "USD", "10100"));
    m.lab.expect(
        &bob,
        offer(iou(&m.gw, "EUR", "100"), xrp(100)),
        Ter::tesSUCCESS,
    );
    let tx = offer(iou(&m.gw, "USD", "100"), iou(&m.gw, "EUR", "100"));
    m.lab.expect(&carol, tx, Ter::tesSUCCESS);
    let usd = m.asset("USD");
    assert_eq!(
        m.pool(json!({"currency": "XRP"}), usd),
        ((10_100 * XRP).to_string(), "10000".to_owned())
    );
    assert_eq!(m.bal(&carol, "USD"), "15100");
    assert_eq!(m.bal(&carol, "EUR"), "14900");
    assert_eq!(m.offers(&carol), 0);
    assert_eq!(m.offers(&bob), 0);
}

/// `testBridgedCross`, third case: Alice's offer of 100 USD for 100 XRP and the EUR/XRP pool.
/// rippled expects the pool at 10,000 XRP / 10,100 EUR, Carol at 15,100 USD and 14,900 EUR, and
/// neither offer left.
#[test]
fn rippled_bridged_cross_book_then_pool() {
    let (mut m, alice, bob, carol) = market();
    m.lab.expect(
        &alice,
        offer(xrp(100), iou(&m.gw, "USD", "100")),
        Ter::tesSUCCESS,
    );
    m.create_pool(&bob, iou(&m.gw, "EUR", "10000"), xrp(10_100));
    let tx = offer(iou(&m.gw, "USD", "100"), iou(&m.gw, "EUR", "100"));
    m.lab.expect(&carol, tx, Ter::tesSUCCESS);
    let eur = m.asset("EUR");
    assert_eq!(
        m.pool(eur, json!({"currency": "XRP"})),
        ("10100".to_owned(), (10_000 * XRP).to_string())
    );
    assert_eq!(m.bal(&carol, "USD"), "15100");
    assert_eq!(m.bal(&carol, "EUR"), "14900");
    assert_eq!(m.offers(&carol), 0);
    assert_eq!(m.offers(&alice), 0);
}

/// A worked example with both strands live. Alice's pool holds 100 USD and 100 EUR (spot price
/// 1 USD per EUR); the bridge runs through Bob's 100 XRP for 55 USD and Alice's 40 EUR for 80
/// XRP, 0.55 × 2 = 1.1 USD per EUR for up to 40 EUR. Carol bids for 60 EUR with up to 120 USD.
///
/// While both strands are live, each pass takes the better of the pool's Fibonacci-sized offer
/// (pass n: Fibonacci(n) × the first slice's output; the first slice puts 0.025% of the pool's
/// 100 USD in, equation 5 out) and the bridge, the direct strand winning ties. When a slice
/// would cost more than 1.1, the bridge takes its 40 EUR at 1.1 and runs dry; the pool is then
/// the only strand and delivers the rest at equation 6's price (single-path sizing).
#[test]
fn fibonacci_slices_compete_with_the_bridge() {
    let (mut m, alice, bob, carol) = market();
    m.create_pool(&alice, iou(&m.gw, "USD", "100"), iou(&m.gw, "EUR", "100"));
    m.lab.expect(
        &bob,
        offer(iou(&m.gw, "USD", "55"), xrp(100)),
        Ter::tesSUCCESS,
    );
    m.lab.expect(
        &alice,
        offer(xrp(80), iou(&m.gw, "EUR", "40")),
        Ter::tesSUCCESS,
    );
    let tx = offer(iou(&m.gw, "EUR", "60"), iou(&m.gw, "USD", "120"));
    m.lab.expect(&carol, tx, Ter::tesSUCCESS);

    let start = Pool {
        i: D::int(100),
        o: D::int(100),
        tfee: 0,
        in_drops: false,
        out_drops: false,
    };
    let bridge = D::parse("1.1");
    let want = D::int(60);
    let (mut pool, mut paid, mut got, mut iters) = (start, D::int(0), D::int(0), 0);
    // Both strands live: the pool's slices while they are no dearer than the bridge.
    loop {
        let offer = fib_offer(&start, &pool, iters).unwrap();
        if lt(bridge, offer.0.ndiv(offer.1, N)) {
            break;
        }
        pool = pool.after(offer.0, offer.1);
        paid = paid.add(offer.0, N);
        got = got.add(offer.1, N);
        iters += 1;
    }
    assert!(iters > 3 && lt(got, D::int(20)), "{iters}");
    // The bridge: 40 EUR for 80 XRP, bought with 44 USD.
    paid = paid.add(D::int(44), N);
    got = got.add(D::int(40), N);
    // The pool alone: equation 6 for the rest.
    let rest = want.sub(got, N);
    let last = pool.swap_out(rest);
    let pool = pool.after(last, rest);
    paid = paid.add(last, N);

    assert_eq!(m.bal(&carol, "EUR"), "15060");
    assert_eq!(m.bal(&carol, "USD"), D::int(15_000).sub(paid, N).text());
    assert_eq!(m.offers(&carol), 0);
    let (usd, eur) = (m.asset("USD"), m.asset("EUR"));
    assert_eq!(m.pool(usd, eur), (pool.i.text(), pool.o.text()));
    // Bob's 20 XRP are left; Alice's bridge offer is gone.
    assert_eq!(m.offers(&bob), 1);
}

/// A pool on a bridge leg while the direct book is live. Alice's pool holds 100 USD and 200 XRP
/// (0.5 USD per XRP) and Bob gives 40 EUR for 80 XRP, so the bridge starts at 1 USD per EUR;
/// Alice also sells 5 EUR for 6 USD directly (1.2). Carol bids for 12 EUR with up to 18 USD.
///
/// Both strands are live, so the leg's pool offers Fibonacci-sized slices of XRP, each bought
/// whole with the USD it asks (equation 6 on the pool's balances then) and sold to Bob at 2 XRP
/// per EUR, while the slice's composite price beats the book's 1.2; then Alice's book offer
/// delivers the rest at 1.2.
#[test]
fn a_pool_on_a_bridge_leg_slices_beside_a_live_book() {
    let (mut m, alice, bob, carol) = market();
    m.create_pool(&alice, iou(&m.gw, "USD", "100"), xrp(200));
    m.lab.expect(
        &bob,
        offer(xrp(80), iou(&m.gw, "EUR", "40")),
        Ter::tesSUCCESS,
    );
    m.lab.expect(
        &alice,
        offer(iou(&m.gw, "USD", "6"), iou(&m.gw, "EUR", "5")),
        Ter::tesSUCCESS,
    );
    let bob_xrp = m.lab.balance(&bob);
    let tx = offer(iou(&m.gw, "EUR", "12"), iou(&m.gw, "USD", "18"));
    m.lab.expect(&carol, tx, Ter::tesSUCCESS);

    let start = Pool {
        i: D::int(100),
        o: D::int(200 * XRP as i128),
        tfee: 0,
        in_drops: false,
        out_drops: true,
    };
    let per_eur = D::int(2 * XRP as i128);
    let book = D::parse("1.2");
    let (mut pool, mut usd, mut drops, mut eur, mut iters) =
        (start, D::int(0), D::int(0), D::int(0), 0);
    loop {
        let offer = fib_offer(&start, &pool, iters).unwrap();
        if !lt(offer.0.ndiv(offer.1, N).mul(per_eur, N), book) {
            break;
        }
        pool = pool.after(offer.0, offer.1);
        usd = usd.add(offer.0, N);
        drops = drops.add(offer.1, N);
        eur = eur.add(offer.1.div(per_eur, N), N);
        iters += 1;
    }
    assert!(iters > 5 && lt(eur, D::int(12)), "{iters}");
    // Alice's book offer: the rest at 6 USD per 5 EUR, rounded up.
    let rest = D::int(12).sub(eur, N);
    let cost = rest.mul(book, Mode::Up);
    usd = usd.add(cost, N);

    assert_eq!(m.bal(&carol, "EUR"), "15012");
    assert_eq!(m.bal(&carol, "USD"), D::int(15_000).sub(usd, N).text());
    assert_eq!(m.lab.balance(&bob), bob_xrp + drops.to_int(N) as u64);
    let usd_asset = m.asset("USD");
    assert_eq!(
        m.pool(usd_asset, json!({"currency": "XRP"})),
        (pool.i.text(), pool.o.to_int(N).to_string())
    );
    assert_eq!(m.offers(&carol), 0);
}

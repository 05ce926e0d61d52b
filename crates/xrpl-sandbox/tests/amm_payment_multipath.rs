//! Pools in a Payment with several strands: its default path and the paths it names. rippled
//! sets `AMMContext::multiPath` from the number of live strands each pass (`StrandFlow`): while
//! more than one is live, a pool in a book step offers a Fibonacci-sized slice, at most one per
//! pass (`BookStep::forEachOffer`), sized from the pool's balances when the payment began
//! (`AMMLiquidity::generateFibSeqOffer`) with the passes that used a pool counted across the
//! payment; each pass keeps the strand with the best rate. Once one strand is left, the pool is
//! sized as on a single path again.
//!
//! The expected figures are computed in the test from that sequence on the test-side decimal
//! (`amm_exact_fixture/fib.rs`), never read from the engine. Rules:
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers>,
//! <https://xrpl.org/docs/concepts/tokens/fungible-tokens/paths>.

mod amm_exact_fixture;
mod common;

use amm_exact_fixture::clob::{NumberDiv, Pool, lt};
use amm_exact_fixture::decimal::{D, Mode};
use amm_exact_fixture::fib::{fib_offer, limit_out};
use common::{Lab, Wallet, XRP, iou, pay_iou, set_flag, trust};
use serde_json::{Value, json};
use xrpl_sandbox::Ter;

const N: Mode = Mode::Nearest;
const ASF_DEFAULT_RIPPLE: u32 = 8;

/// A gateway issuing USD and EUR; Alice, Bob and Carol hold 15,000 of each and 30,000 XRP;
/// Dan trusts the gateway's EUR and holds none.
struct Market {
    lab: Lab,
    gw: Wallet,
}

/// The market, and Alice, Bob, Carol and Dan.
fn market() -> (Market, [Wallet; 4]) {
    let mut lab = Lab::new();
    let (gw, alice, bob, carol, dan) = (
        Wallet::ed(90),
        Wallet::ed(91),
        Wallet::ed(92),
        Wallet::ed(93),
        Wallet::ed(94),
    );
    for w in [&gw, &alice, &bob, &carol, &dan] {
        lab.fund(w, 30_000);
    }
    lab.expect(&gw, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    for w in [&alice, &bob, &carol] {
        for code in ["USD", "EUR"] {
            lab.expect(w, trust(&gw, code, "100000"), Ter::tesSUCCESS);
            lab.expect(&gw, pay_iou(w, iou(&gw, code, "15000")), Ter::tesSUCCESS);
        }
    }
    lab.expect(&dan, trust(&gw, "EUR", "100000"), Ter::tesSUCCESS);
    (Market { lab, gw }, [alice, bob, carol, dan])
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

    /// The pool's two balances as `amm_info` prints them.
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

    /// Carol pays Dan `eur` EUR with up to `send_max` USD, by the default path (the USD/EUR
    /// book and pool) and through XRP.
    fn pay(&mut self, carol: &Wallet, dan: &Wallet, eur: &str, send_max: &str) {
        let tx = json!({"TransactionType": "Payment", "Destination": dan.address(),
            "Amount": iou(&self.gw, "EUR", eur), "SendMax": iou(&self.gw, "USD", send_max),
            "Paths": [[{"currency": "XRP"}]]});
        self.lab.expect(carol, tx, Ter::tesSUCCESS);
    }
}

/// Alice's pool holds 100 USD and 100 EUR (1 USD per EUR); through XRP, Bob gives 100 XRP for
/// 55 USD and Alice 40 EUR for 80 XRP: 0.55 × 2 = 1.1 USD per EUR for up to 40 EUR. Carol
/// pays Dan 60 EUR with up to 120 USD, by the default path and through XRP.
///
/// Each pass keeps the better strand. While the pool's slice (pass n: Fibonacci(n) × the first
/// slice's output; the first puts 0.025% of the pool's 100 USD in, equation 5 out) costs no
/// more than 1.1, the default path wins with one slice; then the bridge delivers its 40 EUR for
/// 44 USD in one pass, which uses no pool and so is not counted. The next pass still has two
/// live strands: the bridge is dry, so the pool's slice of the same size is taken. With one
/// strand left, the pool delivers the rest at equation 6's price.
#[test]
fn a_payments_pool_slices_compete_with_its_path_through_xrp() {
    let (mut m, [alice, bob, carol, dan]) = market();
    m.create_pool(&alice, iou(&m.gw, "USD", "100"), iou(&m.gw, "EUR", "100"));
    let tx = offer(iou(&m.gw, "USD", "55"), xrp(100));
    m.lab.expect(&bob, tx, Ter::tesSUCCESS);
    let tx = offer(xrp(80), iou(&m.gw, "EUR", "40"));
    m.lab.expect(&alice, tx, Ter::tesSUCCESS);
    m.pay(&carol, &dan, "60", "120");

    let start = Pool {
        i: D::int(100),
        o: D::int(100),
        tfee: 0,
        in_drops: false,
        out_drops: false,
    };
    let bridge = D::parse("1.1");
    let want = D::int(60);
    // Carol's USD moves once a pass, each time rounded to 16 digits.
    let (mut pool, mut carol_usd, mut got, mut iters) = (start, D::int(15_000), D::int(0), 0);
    loop {
        let slice = fib_offer(&start, &pool, iters).unwrap();
        if lt(bridge, slice.0.ndiv(slice.1, N)) {
            break;
        }
        pool = pool.after(slice.0, slice.1);
        carol_usd = carol_usd.sub(slice.0, N);
        got = got.add(slice.1, N);
        iters += 1;
    }
    assert!(iters > 3 && lt(got, D::int(20)), "{iters}");
    // The bridge's pass: 40 EUR for 80 XRP, bought with 44 USD.
    carol_usd = carol_usd.sub(D::int(44), N);
    got = got.add(D::int(40), N);
    // Two strands still live, the bridge dry: the pool's slice for the uncounted pass.
    let slice = fib_offer(&start, &pool, iters).unwrap();
    let rest = want.sub(got, N);
    let (slice_in, slice_out) = if lt(slice.1, rest) {
        slice
    } else {
        (limit_out(slice, rest, false), rest)
    };
    pool = pool.after(slice_in, slice_out);
    carol_usd = carol_usd.sub(slice_in, N);
    got = got.add(slice_out, N);
    // One strand left: equation 6 for the rest.
    let rest = want.sub(got, N);
    assert!(lt(D::int(0), rest));
    let last = pool.swap_out(rest);
    pool = pool.after(last, rest);
    carol_usd = carol_usd.sub(last, N);
    assert_eq!(m.bal(&dan, "EUR"), "60");
    assert_eq!(m.bal(&carol, "USD"), carol_usd.text());
    let (usd, eur) = (m.asset("USD"), m.asset("EUR"));
    assert_eq!(m.pool(usd, eur), (pool.i.text(), pool.o.text()));
    // Bob's 20 XRP are left; Alice's offer through XRP is gone.
    assert_eq!(m.offers(&bob), 1);
}

/// rippled's own figures: `AMM_test.cpp`, `testBasicPaymentEngine`, "Multiple paths/steps"
/// (with fixAMMv1_1). Seven pools, all made by Alice with no trading fee; Bob pays Carol 100
/// USD with up to 200 XRP along three paths: through EUR and BTC, straight to USD, and through
/// ETH and EUR. rippled's multi-path offers split the payment between XRP→ETH→EUR→USD and
/// XRP→USD; the path through BTC provides nothing ("due to how offers are generated in
/// multi-path"), so its three pools stay as they were.
#[test]
fn rippled_multiple_paths_through_seven_pools() {
    let mut lab = Lab::new();
    let (gw, alice, bob, carol) = (
        Wallet::ed(95),
        Wallet::ed(96),
        Wallet::ed(97),
        Wallet::ed(98),
    );
    lab.fund(&gw, 1_000);
    lab.fund(&alice, 100_000);
    lab.fund(&bob, 1_000);
    lab.fund(&carol, 1_000);
    lab.expect(&gw, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    for code in ["EUR", "BTC", "ETH", "USD"] {
        lab.expect(&alice, trust(&gw, code, "100000"), Ter::tesSUCCESS);
        lab.expect(
            &gw,
            pay_iou(&alice, iou(&gw, code, "50000")),
            Ter::tesSUCCESS,
        );
    }
    for w in [&bob, &carol] {
        lab.expect(w, trust(&gw, "USD", "100000"), Ter::tesSUCCESS);
        lab.expect(&gw, pay_iou(w, iou(&gw, "USD", "200")), Ter::tesSUCCESS);
    }
    let mut m = Market { lab, gw };
    let x = |n: u64| xrp(n);
    let t = |m: &Market, code: &str, v: &str| iou(&m.gw, code, v);
    let pools = [
        (x(10_100), t(&m, "EUR", "10000")),
        (t(&m, "EUR", "10000"), t(&m, "BTC", "10200")),
        (t(&m, "BTC", "10100"), t(&m, "USD", "10000")),
        (x(10_150), t(&m, "USD", "10200")),
        (x(10_000), t(&m, "ETH", "10100")),
        (t(&m, "ETH", "10900"), t(&m, "EUR", "11000")),
        (t(&m, "EUR", "10100"), t(&m, "USD", "10000")),
    ];
    for (a, b) in pools {
        m.create_pool(&alice, a, b);
    }
    let book = |code: &str| json!({"currency": code, "issuer": m.gw.address()});
    let paths = json!([
        [book("EUR"), book("BTC"), book("USD")],
        [book("USD")],
        [book("ETH"), book("EUR"), book("USD")]
    ]);
    let tx = json!({"TransactionType": "Payment", "Destination": carol.address(),
        "Amount": iou(&m.gw, "USD", "100"), "SendMax": xrp(200), "Paths": paths});
    m.lab.expect(&bob, tx, Ter::tesSUCCESS);

    let xrp_asset = json!({"currency": "XRP"});
    let (eur, btc, eth, usd) = (
        m.asset("EUR"),
        m.asset("BTC"),
        m.asset("ETH"),
        m.asset("USD"),
    );
    let s = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(
        m.pool(xrp_asset.clone(), eth.clone()),
        s("10026208900", "10073.65779244461")
    );
    assert_eq!(
        m.pool(eth, eur.clone()),
        s("10926.34220755539", "10973.5423207872")
    );
    assert_eq!(
        m.pool(eur.clone(), usd.clone()),
        s("10126.4576792128", "9973.93151712057")
    );
    assert_eq!(
        m.pool(xrp_asset.clone(), usd.clone()),
        s("10224106246", "10126.06848287943")
    );
    assert_eq!(m.pool(xrp_asset, eur.clone()), s("10100000000", "10000"));
    assert_eq!(m.pool(eur, btc.clone()), s("10000", "10200"));
    assert_eq!(m.pool(btc, usd), s("10100", "10000"));
    assert_eq!(m.bal(&carol, "USD"), "300");
}

/// rippled's own figures: `AMM_test.cpp`, `testBasicPaymentEngine`, "Dependent AMM" (with
/// fixAMMv1_1). Two paths share the EUR/BTC and BTC/USD pools: XRP→EUR→BTC→USD and
/// XRP→ETH→EUR→BTC→USD. Bob pays Carol 100 USD with up to 200 XRP; every pool the payment
/// touches offers slices sized from its balances when the payment began.
#[test]
fn rippled_dependent_pools_on_two_paths() {
    let mut lab = Lab::new();
    let (gw, alice, bob, carol) = (
        Wallet::ed(100),
        Wallet::ed(101),
        Wallet::ed(102),
        Wallet::ed(103),
    );
    lab.fund(&gw, 1_000);
    lab.fund(&alice, 40_000);
    lab.fund(&bob, 1_000);
    lab.fund(&carol, 1_000);
    lab.expect(&gw, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    for code in ["EUR", "BTC", "ETH", "USD"] {
        lab.expect(&alice, trust(&gw, code, "100000"), Ter::tesSUCCESS);
        lab.expect(
            &gw,
            pay_iou(&alice, iou(&gw, code, "50000")),
            Ter::tesSUCCESS,
        );
    }
    for w in [&bob, &carol] {
        lab.expect(w, trust(&gw, "USD", "100000"), Ter::tesSUCCESS);
        lab.expect(&gw, pay_iou(w, iou(&gw, "USD", "200")), Ter::tesSUCCESS);
    }
    let mut m = Market { lab, gw };
    let t = |m: &Market, code: &str, v: &str| iou(&m.gw, code, v);
    let pools = [
        (xrp(10_100), t(&m, "EUR", "10000")),
        (t(&m, "EUR", "10000"), t(&m, "BTC", "10200")),
        (t(&m, "BTC", "10100"), t(&m, "USD", "10000")),
        (xrp(10_000), t(&m, "ETH", "10100")),
        (t(&m, "ETH", "10900"), t(&m, "EUR", "11000")),
    ];
    for (a, b) in pools {
        m.create_pool(&alice, a, b);
    }
    let book = |code: &str| json!({"currency": code, "issuer": m.gw.address()});
    let paths = json!([
        [book("EUR"), book("BTC"), book("USD")],
        [book("ETH"), book("EUR"), book("BTC"), book("USD")]
    ]);
    let tx = json!({"TransactionType": "Payment", "Destination": carol.address(),
        "Amount": iou(&m.gw, "USD", "100"), "SendMax": xrp(200), "Paths": paths});
    m.lab.expect(&bob, tx, Ter::tesSUCCESS);

    let xrp_asset = json!({"currency": "XRP"});
    let (eur, btc, eth, usd) = (
        m.asset("EUR"),
        m.asset("BTC"),
        m.asset("ETH"),
        m.asset("USD"),
    );
    let s = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(
        m.pool(xrp_asset.clone(), eur.clone()),
        s("10118738472", "9981.544436337923")
    );
    assert_eq!(
        m.pool(eur.clone(), btc.clone()),
        s("10101.16096785188", "10097.91426968059")
    );
    assert_eq!(m.pool(btc, usd), s("10202.08573031941", "9900"));
    assert_eq!(
        m.pool(xrp_asset, eth.clone()),
        s("10082446397", "10017.41072777996")
    );
    assert_eq!(m.pool(eth, eur), s("10982.58927222004", "10917.2945958102"));
    assert_eq!(m.bal(&carol, "USD"), "300");
}

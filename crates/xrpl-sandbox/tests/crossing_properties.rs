//! Random pools and books crossed by a random bid keep the exchange's promises: the taker never
//! pays more on average than its own price, the pool's constant product never shrinks, XRP is
//! only burned as the fee, and a bid that rests left nothing better than its price behind —
//! neither a book offer nor the pool's spot price. Bridged through XRP, a token/token bid keeps
//! its limit too, and the XRP passing through the taker nets out.
//! Rules: <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/offers>,
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers>,
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/autobridging>.

mod common;

use common::{Lab, Wallet, iou, pay_iou, set_flag, trust};
use proptest::prelude::*;
use serde_json::{Value, json};
use xrpl_sandbox::Ter;

const ASF_DEFAULT_RIPPLE: u32 = 8;

#[derive(Debug, Clone)]
struct Case {
    fee: u32,
    pool_usd: u64,
    /// Bob's asks: (USD, milli-XRP per USD).
    asks: Vec<(u64, u64)>,
    /// Carol's bid: USD wanted, milli-XRP per USD she will pay at most.
    want: u64,
    limit: u64,
}

fn case() -> impl Strategy<Value = Case> {
    (
        0..=1000u32,
        50..200u64,
        prop::collection::vec((1..20u64, 800..2000u64), 0..4),
        1..60u64,
        500..2500u64,
    )
        .prop_map(|(fee, pool_usd, asks, want, limit)| Case {
            fee,
            pool_usd,
            asks,
            want,
            limit,
        })
}

fn pool_balances(lab: &mut Lab, gw: &Wallet) -> (f64, f64) {
    let out = lab.rpc(
        "amm_info",
        json!({"asset": {"currency": "XRP"}, "asset2": {"currency": "USD", "issuer": gw.address()}}),
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

fn usd(lab: &Lab, who: &Wallet, gw: &Wallet) -> f64 {
    lab.iou_balance(who, gw, "USD").parse().unwrap()
}

fn book_asks(lab: &mut Lab, gw: &Wallet) -> Vec<Value> {
    let out = lab.rpc(
        "book_offers",
        json!({"taker_gets": {"currency": "USD", "issuer": gw.address()},
               "taker_pays": {"currency": "XRP"}}),
    );
    out["offers"].as_array().unwrap().clone()
}

fn run(case: &Case) {
    let mut lab = Lab::new();
    let (gw, alice, bob, carol) = (
        Wallet::ed(80),
        Wallet::ed(81),
        Wallet::ed(82),
        Wallet::ed(83),
    );
    for w in [&gw, &alice, &bob, &carol] {
        lab.fund(w, 10_000);
    }
    lab.expect(&gw, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    for w in [&alice, &bob, &carol] {
        lab.expect(w, trust(&gw, "USD", "100000"), Ter::tesSUCCESS);
        lab.expect(&gw, pay_iou(w, iou(&gw, "USD", "1000")), Ter::tesSUCCESS);
    }
    // Asks first, so they rest on the book rather than trade with the pool.
    for (amount, price) in &case.asks {
        let tx = json!({"TransactionType": "OfferCreate",
                        "TakerGets": iou(&gw, "USD", &amount.to_string()),
                        "TakerPays": (amount * price * 1000).to_string()});
        lab.expect(&bob, tx, Ter::tesSUCCESS);
    }
    let reserve = lab.ledger.fees().reserve_increment;
    let tx = json!({"TransactionType": "AMMCreate", "Amount": "100000000",
                    "Amount2": iou(&gw, "USD", &case.pool_usd.to_string()),
                    "TradingFee": case.fee, "Fee": reserve.to_string()});
    lab.expect(&alice, tx, Ter::tesSUCCESS);

    let (pool_xrp, pool_usd) = pool_balances(&mut lab, &gw);
    let everyone = [&gw, &alice, &bob, &carol];
    let xrp_before: u64 = everyone.iter().map(|w| lab.balance(w)).sum::<u64>() + pool_xrp as u64;
    let (carol_xrp, carol_usd) = (lab.balance(&carol), usd(&lab, &carol, &gw));

    let give = case.want * case.limit * 1000;
    let tx = json!({"TransactionType": "OfferCreate",
                    "TakerPays": iou(&gw, "USD", &case.want.to_string()),
                    "TakerGets": give.to_string()});
    lab.expect(&carol, tx, Ter::tesSUCCESS);
    let fee = lab.ledger.fees().base_fee;

    let got = usd(&lab, &carol, &gw) - carol_usd;
    let paid = (carol_xrp - lab.balance(&carol) - fee) as f64;
    let limit = case.limit as f64 * 1000.0; // drops per USD
    if got > 0.0 {
        // rippled trims a pool step to where its average price meets the limit and accepts
        // the result within 10⁻⁷ of it (`StrandFlow`'s `limitOut`, then `withinRelativeDistance`).
        assert!(
            paid / got <= limit * (1.0 + 1e-7),
            "average {} over the limit {limit}",
            paid / got
        );
    }
    let (xrp_after, usd_after) = pool_balances(&mut lab, &gw);
    assert!(
        xrp_after * usd_after >= pool_xrp * pool_usd * (1.0 - 1e-12),
        "the pool's product shrank"
    );
    let xrp_now: u64 = everyone.iter().map(|w| lab.balance(w)).sum::<u64>() + xrp_after as u64;
    assert_eq!(xrp_now + fee, xrp_before, "XRP only burns as the fee");

    let filled = got >= case.want as f64 * (1.0 - 1e-12);
    if !filled {
        // The rest rests: nothing cheaper than Carol's price is left in the book or the pool.
        for ask in book_asks(&mut lab, &gw) {
            let quality: f64 = ask["quality"].as_str().unwrap().parse().unwrap();
            assert!(
                quality > limit * (1.0 - 1e-12),
                "ask {quality} left under {limit}"
            );
        }
        // The pool is left no cheaper — except by a step too small to take: rippled refuses a
        // pool step whose average price, its input rounded up to whole drops, misses the limit
        // by more than 10⁻⁷ (`StrandFlow`'s quality check), which any step under 10⁷ drops can.
        // The step to the limit on average: x/out(x) = L, x = L·B_out − B_in/(1 − fee).
        let keep = 1.0 - case.fee as f64 / 100_000.0;
        let spot = xrp_after / (usd_after * keep);
        let step = limit * usd_after - xrp_after / keep;
        assert!(
            spot >= limit * (1.0 - 1e-6) || step < 1e7,
            "pool spot {spot} left under {limit}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn crossing_keeps_the_exchanges_promises(case in case()) {
        run(&case);
    }
}

#[derive(Debug, Clone)]
struct BridgeCase {
    /// Dan's USD→XRP ask: (USD wanted, micro-USD per XRP), if any.
    first_book: Option<(u64, u64)>,
    /// Frank's USD/XRP pool: (USD, XRP), if any.
    first_pool: Option<(u64, u64)>,
    /// Erin's XRP→EUR ask: (EUR, milli-XRP per EUR).
    second_book: (u64, u64),
    /// Carol's bid: EUR wanted, milli-USD per EUR she will pay at most.
    want: u64,
    limit: u64,
}

fn bridge_case() -> impl Strategy<Value = BridgeCase> {
    (
        prop::option::of((1..60u64, 300_000..800_000u64)),
        prop::option::of((50..150u64, 100..300u64)),
        (1..60u64, 1000..3000u64),
        1..60u64,
        500..2000u64,
    )
        .prop_map(
            |(first_book, first_pool, second_book, want, limit)| BridgeCase {
                first_book,
                first_pool,
                second_book,
                want,
                limit,
            },
        )
}

fn run_bridge(case: &BridgeCase) {
    let mut lab = Lab::new();
    let (gw, carol, dan, erin, frank) = (
        Wallet::ed(84),
        Wallet::ed(85),
        Wallet::ed(86),
        Wallet::ed(87),
        Wallet::ed(88),
    );
    for w in [&gw, &carol, &dan, &erin, &frank] {
        lab.fund(w, 10_000);
    }
    lab.expect(&gw, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    for w in [&carol, &dan, &erin, &frank] {
        for code in ["USD", "EUR"] {
            lab.expect(w, trust(&gw, code, "100000"), Ter::tesSUCCESS);
            lab.expect(&gw, pay_iou(w, iou(&gw, code, "1000")), Ter::tesSUCCESS);
        }
    }
    if let Some((usd, price)) = case.first_book {
        let drops = usd * 1_000_000_000_000 / price;
        let tx = json!({"TransactionType": "OfferCreate",
                        "TakerPays": iou(&gw, "USD", &usd.to_string()),
                        "TakerGets": drops.to_string()});
        lab.expect(&dan, tx, Ter::tesSUCCESS);
    }
    let (eur, price) = case.second_book;
    let tx = json!({"TransactionType": "OfferCreate",
                    "TakerPays": (eur * price * 1000).to_string(),
                    "TakerGets": iou(&gw, "EUR", &eur.to_string())});
    lab.expect(&erin, tx, Ter::tesSUCCESS);
    if let Some((usd, xrp)) = case.first_pool {
        let reserve = lab.ledger.fees().reserve_increment;
        let tx = json!({"TransactionType": "AMMCreate",
                        "Amount": iou(&gw, "USD", &usd.to_string()),
                        "Amount2": (xrp * 1_000_000).to_string(), "TradingFee": 0,
                        "Fee": reserve.to_string()});
        lab.expect(&frank, tx, Ter::tesSUCCESS);
    }
    let pool_account = case.first_pool.map(|_| {
        let out = lab.rpc(
            "amm_info",
            json!({"asset": {"currency": "XRP"},
                   "asset2": {"currency": "USD", "issuer": gw.address()}}),
        );
        out["amm"]["account"].as_str().unwrap().to_string()
    });
    let pool_xrp = |lab: &mut Lab| -> u64 {
        pool_account.as_ref().map_or(0, |account| {
            let info = lab.rpc("account_info", json!({"account": account}));
            info["account_data"]["Balance"]
                .as_str()
                .unwrap()
                .parse()
                .unwrap()
        })
    };
    let everyone = [&gw, &carol, &dan, &erin, &frank];
    let xrp_before: u64 = everyone.iter().map(|w| lab.balance(w)).sum::<u64>() + pool_xrp(&mut lab);
    let carol_xrp = lab.balance(&carol);
    let eur_before: f64 = lab.iou_balance(&carol, &gw, "EUR").parse().unwrap();
    let usd_before: f64 = lab.iou_balance(&carol, &gw, "USD").parse().unwrap();

    let gives = format!("{}", case.want as f64 * case.limit as f64 / 1000.0);
    let tx = json!({"TransactionType": "OfferCreate",
                    "TakerPays": iou(&gw, "EUR", &case.want.to_string()),
                    "TakerGets": iou(&gw, "USD", &gives)});
    lab.expect(&carol, tx, Ter::tesSUCCESS);
    let fee = lab.ledger.fees().base_fee;

    let got = lab.iou_balance(&carol, &gw, "EUR").parse::<f64>().unwrap() - eur_before;
    let paid = usd_before - lab.iou_balance(&carol, &gw, "USD").parse::<f64>().unwrap();
    let limit = case.limit as f64 / 1000.0;
    if got > 0.0 {
        // rippled trims a pool step to where its average price meets the limit and accepts
        // the result within 10⁻⁷ of it (`StrandFlow`'s `limitOut`, then `withinRelativeDistance`).
        assert!(
            paid / got <= limit * (1.0 + 1e-7),
            "average {} over the limit {limit}",
            paid / got
        );
    }
    let xrp_now: u64 = everyone.iter().map(|w| lab.balance(w)).sum::<u64>() + pool_xrp(&mut lab);
    assert_eq!(xrp_now + fee, xrp_before, "XRP only burns as the fee");
    let kept = lab.balance(&carol) + fee - carol_xrp;
    assert!(
        kept < 1_000,
        "the bridge's XRP nets out ({kept} drops left over)"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn bridged_crossing_keeps_the_limit_and_nets_its_xrp(case in bridge_case()) {
        run_bridge(&case);
    }
}

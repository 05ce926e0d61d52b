//! Random pools and books crossed by a random bid keep the exchange's promises: the taker never
//! pays more on average than its own price, the pool's constant product never shrinks, XRP is
//! only burned as the fee, and a bid that rests left nothing better than its price behind —
//! neither a book offer nor the pool's spot price.
//! Rules: <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/offers>,
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers>.

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
        assert!(
            paid / got <= limit * (1.0 + 1e-9),
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
        let spot = xrp_after / (usd_after * (1.0 - case.fee as f64 / 100_000.0));
        assert!(
            spot >= limit * (1.0 - 1e-6),
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

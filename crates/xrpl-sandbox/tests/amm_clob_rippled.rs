//! rippled's own figures for offers and payments that meet an AMM pool with the order book in
//! play, from `AMMExtended_test.cpp` and `AMM_test.cpp` (fixAMMv1_1 and later): the same setup
//! here, and the pool's
//! and the accounts' balances asserted equal to rippled's to the drop and the last digit. Each
//! figure is also checked against the XLS-30 formula that explains it, on the test-side decimal.
//! Rules: <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers>,
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/offers>,
//! <https://xrpl.org/docs/concepts/tokens/transfer-fees>.

mod amm_exact_fixture;
mod common;

use amm_exact_fixture::clob::Pool;
use amm_exact_fixture::decimal::{D, Mode};
use amm_exact_fixture::{Amm, amm_with};
use common::{Lab, Wallet, XRP, iou, pay_iou, set_flag, trust};
use serde_json::{Value, json};
use xrpl_sandbox::Ter;

const TF_PASSIVE: u32 = 0x0001_0000;
const TF_IOC: u32 = 0x0002_0000;
const TF_FOK: u32 = 0x0004_0000;
const TF_PARTIAL_PAYMENT: u32 = 0x0002_0000;

/// rippled's jtx `offer(account, takerPays, takerGets)`.
fn offer(taker_pays: Value, taker_gets: Value, flags: u32) -> Value {
    json!({"TransactionType": "OfferCreate", "TakerPays": taker_pays, "TakerGets": taker_gets,
           "Flags": flags})
}

fn xrp(n: u64) -> Value {
    Value::String((n * XRP).to_string())
}

fn offers(lab: &mut Lab, who: &Wallet) -> usize {
    let out = lab.rpc("account_offers", json!({"account": who.address()}));
    out["offers"].as_array().map_or(0, Vec::len)
}

/// The pool as a taker paying USD for XRP sees it.
fn usd_in(usd: i128, drops: i128) -> Pool {
    Pool {
        i: D::int(usd),
        o: D::int(drops),
        tfee: 0,
        in_drops: false,
        out_drops: true,
    }
}

/// `testFillModes`, immediate-or-cancel: a 10,100 XRP / 10,000 USD pool, Carol offering up to
/// 200 USD for 200 XRP. The pool sells until the trade's average price meets her 1 USD/XRP:
/// exactly 100 XRP for 100 USD (equation 6: 10,000·10,100/10,000 − 10,000), and nothing rests.
/// The LP tokens stay at √(10,100e6 · 10,000) (rippled's `ammAlice.tokens()`).
#[test]
fn fill_modes_immediate_or_cancel() {
    let mut amm = amm_with(10_100, "10000", 0);
    let Amm { lab, carol, .. } = &mut amm;
    let before = lab.balance(carol);
    let tx = offer(xrp(200), amm.usd("200"), TF_IOC);
    amm.lab.expect(&amm.carol, tx, Ter::tesSUCCESS);
    let fee = amm.lab.ledger.fees().base_fee;
    let pool = usd_in(10_000, 10_100 * XRP as i128);
    assert_eq!(pool.swap_out(D::int(100 * XRP as i128)).text(), "100");
    amm.expect_balances(10_000 * XRP, "10100", "10049875.62112089");
    assert_eq!(amm.lab.balance(&amm.carol), before + 100 * XRP - fee);
    assert_eq!(amm.lab.iou_balance(&amm.carol, &amm.gw, "USD"), "29900");
    assert_eq!(offers(&mut amm.lab, &amm.carol), 0);
}

/// `testFillModes`, fill-or-kill: on the same pool, an offer the pool cannot fill at its price
/// (100 XRP for 100 USD, against a pool asking more) is killed and changes nothing but the fee;
/// one it can fill crosses in full.
#[test]
fn fill_modes_fill_or_kill() {
    let mut amm = amm_with(10_100, "10000", 0);
    let before = amm.lab.balance(&amm.carol);
    let tx = offer(amm.usd("100"), xrp(100), TF_FOK);
    amm.lab.expect(&amm.carol, tx, Ter::tecKILLED);
    let fee = amm.lab.ledger.fees().base_fee;
    amm.expect_balances(10_100 * XRP, "10000", "10049875.62112089");
    assert_eq!(amm.lab.balance(&amm.carol), before - fee);
    assert_eq!(offers(&mut amm.lab, &amm.carol), 0);
    assert_eq!(amm.lab.iou_balance(&amm.carol, &amm.gw, "USD"), "30000");

    let tx = offer(xrp(100), amm.usd("100"), TF_FOK);
    amm.lab.expect(&amm.carol, tx, Ter::tesSUCCESS);
    amm.expect_balances(10_000 * XRP, "10100", "10049875.62112089");
    assert_eq!(amm.lab.balance(&amm.carol), before + 100 * XRP - 2 * fee);
    assert_eq!(amm.lab.iou_balance(&amm.carol, &amm.gw, "USD"), "29900");
    assert_eq!(offers(&mut amm.lab, &amm.carol), 0);
}

/// `testFillModes`, tfPassive crossing only better quality: an 11,000 XRP / 9,000 USD pool and
/// Alice's book offer selling 100 XRP for 110 USD, dearer than Carol's passive 100 XRP for
/// 100 USD. The pool alone serves her: rippled's pool balances after are 10,900 XRP and
/// 9,082.56880733945 USD (equation 6: 11,000·9,000/10,900 − 9,000 rounded up); Alice's offer
/// stays and nothing of Carol's rests.
#[test]
fn fill_modes_passive_takes_the_pool_and_leaves_the_dearer_book() {
    let mut amm = amm_with(11_000, "9000", 0);
    let tx = offer(amm.usd("110"), xrp(100), 0);
    amm.lab.expect(&amm.alice, tx, Ter::tesSUCCESS);
    let tx = offer(xrp(100), amm.usd("100"), TF_PASSIVE);
    amm.lab.expect(&amm.carol, tx, Ter::tesSUCCESS);
    let paid = usd_in(9_000, 11_000 * XRP as i128).swap_out(D::int(100 * XRP as i128));
    assert_eq!(
        D::int(9_000).add(paid, Mode::Nearest).text(),
        "9082.56880733945"
    );
    let (drops, usd, _) = amm.balances();
    assert_eq!(
        (drops, usd.as_str()),
        ((10_900 * XRP).to_string(), "9082.56880733945")
    );
    assert_eq!(offers(&mut amm.lab, &amm.carol), 0);
    assert_eq!(offers(&mut amm.lab, &amm.alice), 1);
}

/// `testTransferRateOffer`: with a 25% transfer rate, Carol's offer buying 100 USD for 100 XRP
/// takes them from a 10,000 XRP / 10,100 USD pool, which pays no transfer fee: the pool ends
/// at 10,100 XRP / 10,000 USD and Carol holds 30,100 USD.
#[test]
fn transfer_rate_offer_the_pool_pays_no_fee() {
    let mut amm = amm_with(10_000, "10100", 0);
    let tx = json!({"TransactionType": "AccountSet", "TransferRate": 1_250_000_000u32});
    amm.lab.expect(&amm.gw, tx, Ter::tesSUCCESS);
    let tx = offer(amm.usd("100"), xrp(100), 0);
    amm.lab.expect(&amm.carol, tx, Ter::tesSUCCESS);
    let (drops, usd, _) = amm.balances();
    assert_eq!((drops, usd.as_str()), ((10_100 * XRP).to_string(), "10000"));
    assert_eq!(amm.lab.iou_balance(&amm.carol, &amm.gw, "USD"), "30100");
    assert_eq!(offers(&mut amm.lab, &amm.carol), 0);
}

/// `testCurrencyConversionInParts`: Alice converts up to 100 USD to 100 XRP through her own
/// 10,000 / 10,000 pool. Without tfPartialPayment the pool can't deliver 100 XRP for 100 USD
/// (tecPATH_PARTIAL); with it, 100 USD buy 99,009,900 drops (equation 5:
/// 1e10 − 1e10·10,000/10,100 rounded down), leaving the pool at 9,900.990100 XRP / 10,100 USD.
#[test]
fn currency_conversion_in_parts() {
    let mut amm = amm_with(10_000, "10000", 0);
    let before = amm.lab.balance(&amm.alice);
    let fee = amm.lab.ledger.fees().base_fee;
    let pay = |flags: u32, amm: &Amm| {
        json!({"TransactionType": "Payment", "Destination": amm.alice.address(),
               "Amount": (100 * XRP).to_string(), "SendMax": amm.usd("100"), "Flags": flags})
    };
    let tx = pay(0, &amm);
    amm.lab.expect(&amm.alice, tx, Ter::tecPATH_PARTIAL);
    let tx = pay(TF_PARTIAL_PAYMENT, &amm);
    amm.lab.expect(&amm.alice, tx, Ter::tesSUCCESS);
    let got = usd_in(10_000, 10_000 * XRP as i128).swap_in(D::int(100));
    assert_eq!(got.text(), "99009900");
    let (drops, usd, _) = amm.balances();
    assert_eq!((drops, usd.as_str()), ("9900990100".to_owned(), "10100"));
    assert_eq!(amm.lab.iou_balance(&amm.alice, &amm.gw, "USD"), "19900");
    assert_eq!(amm.lab.balance(&amm.alice), before + 99_009_900 - 2 * fee);
}

/// `testOfferCrossWithXRP`: Alice's 150,000 XRP / 50 USD pool; Bob offers up to 4,000 XRP for
/// 1 USD and pays 3,061,224,490 drops for it (equation 6: 1.5e11·50/49 − 1.5e11 rounded up);
/// the LP tokens stay at √(1.5e11·50) = 2,738,612.78752583.
#[test]
fn offer_cross_with_xrp() {
    let mut lab = Lab::new();
    let (gw, alice, bob) = (Wallet::ed(90), Wallet::ed(91), Wallet::ed(93));
    for w in [&gw, &alice, &bob] {
        lab.fund(w, 300_000);
    }
    lab.expect(&gw, set_flag(8), Ter::tesSUCCESS);
    for w in [&alice, &bob] {
        lab.expect(w, trust(&gw, "USD", "1000"), Ter::tesSUCCESS);
        lab.expect(&gw, pay_iou(w, iou(&gw, "USD", "100")), Ter::tesSUCCESS);
    }
    let reserve = lab.ledger.fees().reserve_increment;
    let tx = json!({"TransactionType": "AMMCreate", "Amount": (150_000 * XRP).to_string(),
                    "Amount2": iou(&gw, "USD", "50"), "TradingFee": 0,
                    "Fee": reserve.to_string()});
    lab.expect(&alice, tx, Ter::tesSUCCESS);
    let before = lab.balance(&bob);
    let tx = offer(iou(&gw, "USD", "1"), xrp(4_000), 0);
    lab.expect(&bob, tx, Ter::tesSUCCESS);
    let transferred = 3_061_224_490u64;
    let pool = Pool {
        i: D::int(150_000 * XRP as i128),
        o: D::int(50),
        tfee: 0,
        in_drops: true,
        out_drops: false,
    };
    assert_eq!(pool.swap_out(D::int(1)).text(), transferred.to_string());
    let info = lab.rpc(
        "amm_info",
        json!({"asset": {"currency": "XRP"},
               "asset2": {"currency": "USD", "issuer": gw.address()}}),
    );
    assert_eq!(
        info["amm"]["amount"],
        (150_000 * XRP + transferred).to_string()
    );
    assert_eq!(info["amm"]["amount2"]["value"], "49");
    assert_eq!(info["amm"]["lp_token"]["value"], "2738612.78752583");
    assert_eq!(lab.iou_balance(&bob, &gw, "USD"), "101");
    let fee = lab.ledger.fees().base_fee;
    assert_eq!(lab.balance(&bob), before - transferred - fee);
    assert_eq!(offers(&mut lab, &bob), 0);
}

/// Everyone `AMM_test.cpp`'s `testFixAMMOfferBlockedByLOB` starts from: a gateway issuing USD,
/// Alice and Carol each holding `xrp` XRP and `usd` USD.
fn gateway_market(xrp: u64, usd: &str) -> (Lab, Wallet, Wallet, Wallet) {
    let mut lab = Lab::new();
    let (gw, alice, carol) = (Wallet::ed(90), Wallet::ed(91), Wallet::ed(92));
    for w in [&gw, &alice, &carol] {
        lab.fund(w, xrp);
    }
    lab.expect(&gw, set_flag(8), Ter::tesSUCCESS);
    for w in [&alice, &carol] {
        lab.expect(w, trust(&gw, "USD", "10000000"), Ter::tesSUCCESS);
        lab.expect(&gw, pay_iou(w, iou(&gw, "USD", usd)), Ter::tesSUCCESS);
    }
    (lab, gw, alice, carol)
}

fn create_pool(lab: &mut Lab, creator: &Wallet, gw: &Wallet, drops: u64, usd: &str) {
    let reserve = lab.ledger.fees().reserve_increment;
    let tx = json!({"TransactionType": "AMMCreate", "Amount": drops.to_string(),
                    "Amount2": iou(gw, "USD", usd), "TradingFee": 0,
                    "Fee": reserve.to_string()});
    lab.expect(creator, tx, Ter::tesSUCCESS);
}

fn pool_of(lab: &mut Lab, gw: &Wallet) -> (String, String) {
    let info = lab.rpc(
        "amm_info",
        json!({"asset": {"currency": "XRP"},
               "asset2": {"currency": "USD", "issuer": gw.address()}}),
    );
    (
        info["amm"]["amount"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        info["amm"]["amount2"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    )
}

/// `testFixAMMOfferBlockedByLOB` (fixAMMv1_1): Alice's book offer selling 0.01 USD for 1 XRP,
/// far dearer than Carol's limit, no longer blocks the 200,000 XRP / 100,000 USD pool: Carol's
/// offer buying 0.49 USD for 1 XRP crosses it in full. rippled's pool after: 200,000,980,005
/// drops and 99,999.51 USD (equation 6: 2e11·1e5/99,999.51 − 2e11 rounded up); Alice's offer
/// stays, none of Carol's rests.
#[test]
fn a_dear_book_offer_does_not_block_the_pool() {
    let (mut lab, gw, alice, carol) = gateway_market(1_000_000, "1000000");
    lab.expect(
        &alice,
        offer(xrp(1), iou(&gw, "USD", "0.01"), 0),
        Ter::tesSUCCESS,
    );
    create_pool(&mut lab, &gw, &gw, 200_000 * XRP, "100000");
    let before = lab.balance(&carol);
    lab.expect(
        &carol,
        offer(iou(&gw, "USD", "0.49"), xrp(1), 0),
        Ter::tesSUCCESS,
    );
    let pool = Pool {
        i: D::int(200_000 * XRP as i128),
        o: D::int(100_000),
        tfee: 0,
        in_drops: true,
        out_drops: false,
    };
    assert_eq!(pool.swap_out(D::parse("0.49")).text(), "980005");
    assert_eq!(
        pool_of(&mut lab, &gw),
        ("200000980005".to_owned(), "99999.51".to_owned())
    );
    let fee = lab.ledger.fees().base_fee;
    assert_eq!(lab.balance(&carol), before - 980_005 - fee);
    assert_eq!(lab.iou_balance(&carol, &gw, "USD"), "1000000.49");
    assert_eq!(offers(&mut lab, &carol), 0);
    assert_eq!(offers(&mut lab, &alice), 1);
}

/// `testFixAMMOfferBlockedByLOB`, XRP out of the pool: Alice's 1,000 XRP / 500 USD pool and
/// Carol's offer buying 100 XRP for 55 USD. The pool sells until the trade's average price meets
/// her 0.55 USD/XRP (`outFromAvgQ`: 90,909,091 drops) for equation 6's 50.000000055 USD (its
/// 5e11/909,090,909 kept to `Number`'s 17 digits, so the tail past them does not round up);
/// rippled's pool after: 909,090,909 drops and 550.000000055 USD, and the rest of Carol's
/// offer rests.
#[test]
fn the_pool_sells_xrp_down_to_the_takers_average_price() {
    let (mut lab, gw, alice, carol) = gateway_market(10_000, "1000");
    create_pool(&mut lab, &alice, &gw, 1_000 * XRP, "500");
    lab.expect(
        &carol,
        offer(xrp(100), iou(&gw, "USD", "55"), 0),
        Ter::tesSUCCESS,
    );
    let pool = usd_in(500, 1_000 * XRP as i128);
    let out = pool.out_at_average(amm_exact_fixture::clob::rate(
        D::int(55),
        D::int(100 * XRP as i128),
    ));
    assert_eq!(out.text(), "90909091");
    let paid = pool.swap_out(out);
    assert_eq!(paid.text(), "50.000000055");
    assert_eq!(
        pool_of(&mut lab, &gw),
        ("909090909".to_owned(), "550.000000055".to_owned())
    );
    assert_eq!(lab.iou_balance(&carol, &gw, "USD"), "949.999999945");
    assert_eq!(offers(&mut lab, &carol), 1);
}

/// `testTransferRateOffer`, the other way: with a 25% transfer rate, Carol's offer selling
/// 100 USD for 100 XRP takes them from a 10,100 XRP / 10,000 USD pool; the pool receives
/// 100 USD and Carol, a holder paying through the issuer, gives 125: she holds 29,875 USD.
#[test]
fn transfer_rate_offer_the_taker_pays_the_fee_into_the_pool() {
    let mut amm = amm_with(10_100, "10000", 0);
    let tx = json!({"TransactionType": "AccountSet", "TransferRate": 1_250_000_000u32});
    amm.lab.expect(&amm.gw, tx, Ter::tesSUCCESS);
    let tx = offer(xrp(100), amm.usd("100"), 0);
    amm.lab.expect(&amm.carol, tx, Ter::tesSUCCESS);
    let (drops, usd, _) = amm.balances();
    assert_eq!((drops, usd.as_str()), ((10_000 * XRP).to_string(), "10100"));
    assert_eq!(amm.lab.iou_balance(&amm.carol, &amm.gw, "USD"), "29875");
    assert_eq!(offers(&mut amm.lab, &amm.carol), 0);
}

/// `testOfferCrossWithLimitOverride`: Bob, with no USD trust line, offers 3,000 XRP for 1 USD
/// against Alice's 150,000 XRP / 51 USD pool; crossing opens his line past its (absent) limit.
/// rippled's pool after: 153,000 XRP / 50 USD (equation 6: 1.5e11·51/50 − 1.5e11 = 3e9 drops),
/// Bob holding 1 USD and 3,000 XRP less the fee.
#[test]
fn offer_cross_with_limit_override() {
    let mut lab = Lab::new();
    let (gw, alice, bob) = (Wallet::ed(90), Wallet::ed(91), Wallet::ed(93));
    for w in [&gw, &alice, &bob] {
        lab.fund(w, 200_000);
    }
    lab.expect(&gw, set_flag(8), Ter::tesSUCCESS);
    lab.expect(&alice, trust(&gw, "USD", "1000"), Ter::tesSUCCESS);
    lab.expect(
        &gw,
        pay_iou(&alice, iou(&gw, "USD", "500")),
        Ter::tesSUCCESS,
    );
    create_pool(&mut lab, &alice, &gw, 150_000 * XRP, "51");
    let before = lab.balance(&bob);
    lab.expect(
        &bob,
        offer(iou(&gw, "USD", "1"), xrp(3_000), 0),
        Ter::tesSUCCESS,
    );
    let pool = Pool {
        i: D::int(150_000 * XRP as i128),
        o: D::int(51),
        tfee: 0,
        in_drops: true,
        out_drops: false,
    };
    assert_eq!(pool.swap_out(D::int(1)).text(), (3_000 * XRP).to_string());
    assert_eq!(
        pool_of(&mut lab, &gw),
        ((153_000 * XRP).to_string(), "50".to_owned())
    );
    assert_eq!(lab.iou_balance(&bob, &gw, "USD"), "1");
    let fee = lab.ledger.fees().base_fee;
    assert_eq!(lab.balance(&bob), before - 3_000 * XRP - fee);
}

/// `testCurrencyConversionEntire`: Alice converts her 100 USD to 500 XRP through Bob's
/// 200 USD / 1,500 XRP pool: the pool ends at 300 USD / 1,000 XRP (equation 6:
/// 200·1,500/1,000 − 200 = 100 USD for 500 XRP), Alice at 0 USD.
#[test]
fn currency_conversion_entire() {
    let mut lab = Lab::new();
    let (gw, alice, bob) = (Wallet::ed(90), Wallet::ed(91), Wallet::ed(93));
    for w in [&gw, &alice, &bob] {
        lab.fund(w, 10_000);
    }
    lab.expect(&gw, set_flag(8), Ter::tesSUCCESS);
    lab.expect(&alice, trust(&gw, "USD", "100"), Ter::tesSUCCESS);
    lab.expect(&bob, trust(&gw, "USD", "1000"), Ter::tesSUCCESS);
    lab.expect(&gw, pay_iou(&bob, iou(&gw, "USD", "1000")), Ter::tesSUCCESS);
    lab.expect(
        &gw,
        pay_iou(&alice, iou(&gw, "USD", "100")),
        Ter::tesSUCCESS,
    );
    create_pool(&mut lab, &bob, &gw, 1_500 * XRP, "200");
    let before = lab.balance(&alice);
    let tx = json!({"TransactionType": "Payment", "Destination": alice.address(),
                    "Amount": (500 * XRP).to_string(), "SendMax": iou(&gw, "USD", "100")});
    lab.expect(&alice, tx, Ter::tesSUCCESS);
    assert_eq!(
        usd_in(200, 1_500 * XRP as i128)
            .swap_out(D::int(500 * XRP as i128))
            .text(),
        "100"
    );
    assert_eq!(
        pool_of(&mut lab, &gw),
        ((1_000 * XRP).to_string(), "300".to_owned())
    );
    assert_eq!(lab.iou_balance(&alice, &gw, "USD"), "0");
    let fee = lab.ledger.fees().base_fee;
    assert_eq!(lab.balance(&alice), before + 500 * XRP - fee);
}

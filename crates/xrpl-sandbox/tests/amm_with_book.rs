//! The AMM pool competing with the order book, quality by quality, inside one OfferCreate or
//! cross-currency Payment: the pool sells while its spot price beats the best book offer, sized
//! so its new spot price meets that offer (with no book offer in reach, until the trade's
//! average price meets the taker's limit); then the book offer; then the pool again.
//!
//! Expected numbers are worked out here from XLS-30 with no fee (so the spot price is
//! B_in/B_out): equation 5, out = B_out − B_in·B_out/(B_in + in), rounded down in the pool's
//! favour; equation 6, in = B_in·B_out/(B_out − out) − B_in, rounded up; and the spot-price
//! step to a price p, B_in' = √(p·B_in·B_out). Pages:
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers>,
//! <https://github.com/XRPLF/XRPL-Standards/tree/master/XLS-0030-automated-market-maker>,
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/offers>,
//! <https://xrpl.org/docs/concepts/tokens/transfer-fees>.

mod common;

use common::{Lab, Wallet, XRP, iou, pay_iou, set_flag, trust};
use serde_json::{Value, json};
use xrpl_sandbox::Ter;

const ASF_DEFAULT_RIPPLE: u32 = 8;
const TF_PASSIVE: u32 = 0x0001_0000;
const TF_IOC: u32 = 0x0002_0000;
const TF_FOK: u32 = 0x0004_0000;
const TF_SELL: u32 = 0x0008_0000;
const TF_PARTIAL_PAYMENT: u32 = 0x0002_0000;
const TF_LIMIT_QUALITY: u32 = 0x0004_0000;

/// Everyone in one market: `gw` issues USD; `alice` provides the pool; `bob` makes the book;
/// `carol` and `dave` take.
struct Market {
    lab: Lab,
    gw: Wallet,
    alice: Wallet,
    bob: Wallet,
    carol: Wallet,
    dave: Wallet,
}

fn market() -> Market {
    let mut lab = Lab::new();
    let (gw, alice, bob, carol, dave) = (
        Wallet::ed(60),
        Wallet::ed(61),
        Wallet::ed(62),
        Wallet::ed(63),
        Wallet::ed(64),
    );
    for w in [&gw, &alice, &bob, &carol, &dave] {
        lab.fund(w, 10_000);
    }
    lab.expect(&gw, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    for w in [&alice, &bob, &carol, &dave] {
        lab.expect(w, trust(&gw, "USD", "100000"), Ter::tesSUCCESS);
    }
    for w in [&alice, &bob, &carol] {
        lab.expect(&gw, pay_iou(w, iou(&gw, "USD", "1000")), Ter::tesSUCCESS);
    }
    Market {
        lab,
        gw,
        alice,
        bob,
        carol,
        dave,
    }
}

impl Market {
    /// Alice's 100 XRP / 100 USD pool with no trading fee.
    fn pool(&mut self) {
        self.pool_with_fee(0);
    }

    /// Alice's 100 XRP / 100 USD pool charging `fee` (in 1/100,000); as its creator she holds
    /// the auction slot, and trades at a tenth of the fee.
    fn pool_with_fee(&mut self, fee: u32) {
        let reserve = self.lab.ledger.fees().reserve_increment;
        self.lab.expect(
            &self.alice,
            json!({"TransactionType": "AMMCreate", "Amount": (100 * XRP).to_string(),
                   "Amount2": iou(&self.gw, "USD", "100"), "TradingFee": fee,
                   "Fee": reserve.to_string()}),
            Ter::tesSUCCESS,
        );
    }

    /// The pool's XRP drops and USD.
    fn pool_balances(&mut self) -> (u64, f64) {
        let out = self.lab.rpc(
            "amm_info",
            json!({"asset": {"currency": "XRP"},
                   "asset2": {"currency": "USD", "issuer": self.gw.address()}}),
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

    fn usd(&self, holder: &Wallet) -> f64 {
        self.lab
            .iou_balance(holder, &self.gw, "USD")
            .parse()
            .unwrap()
    }

    /// Bob's book offer selling `usd` for `drops`.
    fn ask(&mut self, usd: &str, drops: u64) {
        let tx = ask(&self.gw, usd, drops);
        self.lab.expect(&self.bob, tx, Ter::tesSUCCESS);
    }
}

fn offers_of(lab: &mut Lab, who: &Wallet) -> Vec<Value> {
    let out = lab.rpc("account_offers", json!({"account": who.address()}));
    out["offers"].as_array().unwrap().clone()
}

/// A maker's OfferCreate selling `usd` for `drops`.
fn ask(gw: &Wallet, usd: &str, drops: u64) -> Value {
    json!({"TransactionType": "OfferCreate", "TakerGets": iou(gw, "USD", usd),
           "TakerPays": drops.to_string()})
}

/// A taker's OfferCreate: wants `usd`, gives up to `drops`.
fn bid(gw: &Wallet, usd: &str, drops: u64, flags: u32) -> Value {
    json!({"TransactionType": "OfferCreate", "TakerPays": iou(gw, "USD", usd),
           "TakerGets": drops.to_string(), "Flags": flags})
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// The pool, then Bob's 5 USD at 1.25 XRP, then the pool again — worked out independently.
struct ThreeSteps {
    /// Drops into the pool until its spot price is 1.25 XRP/USD: √(1.25e6·1e8·100) − 1e8.
    x1: u64,
    /// USD out of the pool for them (equation 5).
    out1: f64,
    /// Bob's offer, whole: 5 USD for 6.25 XRP.
    book: u64,
    /// Drops for the remaining 20 − out1 − 5 USD (equation 6 on the moved pool).
    x3: u64,
}

fn three_steps() -> ThreeSteps {
    let x1 = ((1.25e6f64 * 1e8 * 100.0).sqrt() - 1e8).floor() as u64;
    let b_in = 1e8 + x1 as f64;
    let b_out = 1e10 / b_in;
    let out1 = 100.0 - b_out;
    let w = 20.0 - out1 - 5.0;
    let x3 = (b_in * b_out / (b_out - w) - b_in).ceil() as u64;
    ThreeSteps {
        x1,
        out1,
        book: 6_250_000,
        x3,
    }
}

#[test]
fn an_offer_takes_the_pool_then_the_book_then_the_pool_again() {
    let mut m = market();
    m.pool();
    m.ask("5", 6_250_000);
    let s = three_steps();
    let fee = m.lab.ledger.fees().base_fee;
    let (carol_xrp, bob_xrp) = (m.lab.balance(&m.carol), m.lab.balance(&m.bob));
    // 20 USD for up to 40 XRP (a limit of 2 XRP/USD, never reached).
    let tx = bid(&m.gw, "20", 40 * XRP, 0);
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);
    assert!(close(m.usd(&m.carol), 1020.0), "{}", m.usd(&m.carol));
    assert_eq!(
        m.lab.balance(&m.carol),
        carol_xrp - s.x1 - s.book - s.x3 - fee
    );
    assert_eq!(m.lab.balance(&m.bob), bob_xrp + s.book, "Bob's ask, whole");
    assert!(offers_of(&mut m.lab, &m.bob).is_empty());
    assert!(
        offers_of(&mut m.lab, &m.carol).is_empty(),
        "filled, nothing rests"
    );
    let (pool_xrp, pool_usd) = m.pool_balances();
    assert_eq!(pool_xrp, 100 * XRP + s.x1 + s.x3);
    assert!(close(pool_usd, 100.0 - (20.0 - 5.0)), "{pool_usd}");
    assert!(
        s.out1 > 10.0 && s.out1 < 11.0,
        "the first pool step: {}",
        s.out1
    );
}

#[test]
fn a_payment_takes_the_pool_then_the_book_then_the_pool_again() {
    let mut m = market();
    m.pool();
    m.ask("5", 6_250_000);
    let s = three_steps();
    let fee = m.lab.ledger.fees().base_fee;
    let carol_xrp = m.lab.balance(&m.carol);
    let tx = json!({"TransactionType": "Payment", "Destination": m.dave.address(),
                    "Amount": iou(&m.gw, "USD", "20"), "SendMax": (40 * XRP).to_string()});
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);
    assert_eq!(m.lab.iou_balance(&m.dave, &m.gw, "USD"), "20");
    assert_eq!(
        m.lab.balance(&m.carol),
        carol_xrp - s.x1 - s.book - s.x3 - fee
    );
    assert!(offers_of(&mut m.lab, &m.bob).is_empty());
    let (pool_xrp, pool_usd) = m.pool_balances();
    assert_eq!(pool_xrp, 100 * XRP + s.x1 + s.x3);
    assert!(close(pool_usd, 85.0), "{pool_usd}");
}

#[test]
fn a_book_offer_better_than_the_pool_is_taken_first() {
    let mut m = market();
    // Bob's 10 USD at 0.9 XRP, placed before the pool exists (it would otherwise sell to it).
    m.ask("10", 9 * XRP);
    m.pool();
    let fee = m.lab.ledger.fees().base_fee;
    let carol_xrp = m.lab.balance(&m.carol);
    let tx = bid(&m.gw, "15", 30 * XRP, 0);
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);
    // The book's 10 USD for 9 XRP, then 5 USD from the untouched pool: equation 6,
    // 1e8·100/95 − 1e8 = 5,263,157.9 → 5,263,158 drops.
    let from_pool = (1e10f64 / 95.0 - 1e8).ceil() as u64;
    assert_eq!(from_pool, 5_263_158);
    assert!(close(m.usd(&m.carol), 1015.0));
    assert_eq!(
        m.lab.balance(&m.carol),
        carol_xrp - 9 * XRP - from_pool - fee
    );
    assert!(offers_of(&mut m.lab, &m.bob).is_empty());
    let (pool_xrp, pool_usd) = m.pool_balances();
    assert_eq!(pool_xrp, 100 * XRP + from_pool);
    assert!(close(pool_usd, 95.0));
}

#[test]
fn the_taker_limit_stops_the_pool_and_leaves_the_dearer_book() {
    let mut m = market();
    m.pool();
    m.ask("5", 6_250_000);
    let fee = m.lab.ledger.fees().base_fee;
    let carol_xrp = m.lab.balance(&m.carol);
    // 50 USD for 55 XRP: a limit of 1.1 XRP/USD, under Bob's 1.25. The pool sells until the
    // trade's average price is 1.1: x = 1.1e6·B_out − B_in = 10 XRP, for 100 − 1e10/1.1e8 =
    // 9.0909… USD; the rest rests at the offer's own price.
    let tx = bid(&m.gw, "50", 55 * XRP, 0);
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);
    assert_eq!(m.lab.balance(&m.carol), carol_xrp - 10 * XRP - fee);
    assert!(close(m.usd(&m.carol), 1000.0 + 100.0 / 11.0));
    assert_eq!(m.pool_balances().0, 110 * XRP);
    let bob = offers_of(&mut m.lab, &m.bob);
    assert_eq!(
        bob[0]["taker_gets"]["value"], "5",
        "the book was not reached"
    );
    let rest = offers_of(&mut m.lab, &m.carol);
    assert_eq!(rest[0]["taker_gets"], (45 * XRP).to_string());

    // The same limit on a payment (tfLimitQuality): the pool moves no further, since its
    // spot price is now 1.21 XRP/USD, past the 1.1 limit — nothing to deliver.
    let tx = json!({"TransactionType": "Payment", "Destination": m.dave.address(),
                    "Amount": iou(&m.gw, "USD", "50"), "SendMax": (55 * XRP).to_string(),
                    "Flags": TF_PARTIAL_PAYMENT | TF_LIMIT_QUALITY});
    m.lab.expect(&m.carol, tx, Ter::tecPATH_DRY);
    assert_eq!(m.pool_balances().0, 110 * XRP);
}

#[test]
fn a_limited_payment_stops_where_its_average_price_meets_the_limit() {
    let mut m = market();
    m.pool();
    let tx = json!({"TransactionType": "Payment", "Destination": m.dave.address(),
                    "Amount": iou(&m.gw, "USD", "50"), "SendMax": (55 * XRP).to_string(),
                    "Flags": TF_PARTIAL_PAYMENT | TF_LIMIT_QUALITY});
    let carol_xrp = m.lab.balance(&m.carol);
    let fee = m.lab.ledger.fees().base_fee;
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);
    // As for the offer above: 10 XRP in, 100 − 1e10/1.1e8 USD out.
    assert_eq!(m.lab.balance(&m.carol), carol_xrp - 10 * XRP - fee);
    assert!(close(m.usd(&m.dave), 100.0 / 11.0));
}

#[test]
fn the_taker_pays_the_transfer_fee_into_a_pool_and_the_pool_pays_none_out() {
    let mut m = market();
    m.pool();
    // A 25% transfer fee, set after the pool was funded.
    let tx = json!({"TransactionType": "AccountSet", "TransferRate": 1_250_000_000u32});
    m.lab.expect(&m.gw, tx, Ter::tesSUCCESS);
    let fee = m.lab.ledger.fees().base_fee;

    // The pool delivers 5 USD out and, unlike an offer's owner, pays no transfer fee on it
    // (rippled's `AMMOffer::adjustRates`): exactly 5 USD leave it. Equation 6 for 5 USD out of
    // 100 XRP / 100 USD: 1e8·100/95 − 1e8 = 5,263,157.89… → 5,263,158 drops (rounded up).
    let carol_xrp = m.lab.balance(&m.carol);
    let tx = bid(&m.gw, "5", 20 * XRP, 0);
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);
    let cost = 5_263_158;
    assert_eq!(m.lab.balance(&m.carol), carol_xrp - cost - fee);
    assert_eq!(m.lab.iou_balance(&m.carol, &m.gw, "USD"), "1005");
    let (pool_xrp, pool_usd) = m.pool_balances();
    assert_eq!(pool_xrp, 100 * XRP + cost);
    assert_eq!(pool_usd, 95.0);

    // The taker pays USD in: the pool receives what equation 6 asks for 5 XRP out, and the
    // taker, a holder paying through the issuer, pays 1.25 times that.
    let (b_in, b_out) = (pool_usd, pool_xrp as f64);
    let pool_gets = b_in * b_out / (b_out - 5e6) - b_in;
    let carol_usd = m.usd(&m.carol);
    let tx = json!({"TransactionType": "Payment", "Destination": m.dave.address(),
                    "Amount": (5 * XRP).to_string(), "SendMax": iou(&m.gw, "USD", "10")});
    let dave_xrp = m.lab.balance(&m.dave);
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);
    assert_eq!(m.lab.balance(&m.dave), dave_xrp + 5 * XRP);
    let (pool_xrp, pool_usd) = m.pool_balances();
    assert_eq!(pool_xrp, 100 * XRP + cost - 5 * XRP);
    assert!((pool_usd - (95.0 + pool_gets)).abs() < 1e-9);
    assert!((carol_usd - m.usd(&m.carol) - 1.25 * pool_gets).abs() < 1e-9);
}

#[test]
fn offer_flags_hold_with_the_pool() {
    // Fill-or-kill beyond what the pool gives within the limit: killed, nothing moves.
    let mut m = market();
    m.pool();
    let tx = bid(&m.gw, "50", 55 * XRP, TF_FOK);
    m.lab.expect(&m.carol, tx, Ter::tecKILLED);
    assert_eq!(m.pool_balances(), (100 * XRP, 100.0));

    // Immediate-or-cancel: takes what the pool gives at the limit (10 XRP in), rests nothing.
    let tx = bid(&m.gw, "50", 55 * XRP, TF_IOC);
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);
    assert_eq!(m.pool_balances().0, 110 * XRP);
    assert!(offers_of(&mut m.lab, &m.carol).is_empty());

    // Passive: refuses only equal prices, so a pool strictly better is still taken: 10 USD
    // within a 1.32 XRP/USD limit, equation 6: 1e10/90 − 1e8 → 11,111,112 drops.
    let mut m = market();
    m.pool();
    let tx = bid(&m.gw, "10", 13_200_000, TF_PASSIVE);
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);
    let x = (1e10f64 / 90.0 - 1e8).ceil() as u64;
    assert_eq!(m.pool_balances().0, 100 * XRP + x);
    assert!(close(m.usd(&m.carol), 1010.0));
    assert!(offers_of(&mut m.lab, &m.carol).is_empty());

    // Sell: gives all 10 XRP even for more than the 1 USD asked: 100 − 1e10/1.1e8 USD.
    let mut m = market();
    m.pool();
    let tx = bid(&m.gw, "1", 10 * XRP, TF_SELL);
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);
    assert_eq!(m.pool_balances().0, 110 * XRP);
    assert!(close(m.usd(&m.carol), 1000.0 + 100.0 / 11.0));
    assert!(offers_of(&mut m.lab, &m.carol).is_empty());
}

#[test]
fn a_pool_whose_asset_is_frozen_is_left_out() {
    let mut m = market();
    m.pool();
    let info = m.lab.rpc(
        "amm_info",
        json!({"asset": {"currency": "XRP"},
               "asset2": {"currency": "USD", "issuer": m.gw.address()}}),
    );
    let pool_account = info["amm"]["account"].as_str().unwrap().to_string();
    // The issuer freezes the pool's USD line (tfSetFreeze): rippled's BookStep no longer offers
    // the pool's liquidity, so the bid rests on the book instead.
    // <https://xrpl.org/docs/concepts/tokens/fungible-tokens/freezes>
    let tx = json!({"TransactionType": "TrustSet", "Flags": 0x0010_0000u32,
                    "LimitAmount": {"currency": "USD", "issuer": pool_account, "value": "0"}});
    m.lab.expect(&m.gw, tx, Ter::tesSUCCESS);
    let tx = bid(&m.gw, "10", 20 * XRP, 0);
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);
    assert_eq!(m.pool_balances(), (100 * XRP, 100.0));
    assert_eq!(offers_of(&mut m.lab, &m.carol).len(), 1);
}

#[test]
fn the_auction_slot_holder_crosses_the_pool_at_the_discounted_fee() {
    // A 1% pool: 10 USD costs (1e8·100/90 − 1e8)/(1 − fee) drops (equation 6) — 0.1% for
    // Alice, who holds the slot, 1% for Carol.
    // <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers#auction-slot>
    let base = 1e10f64 / 90.0 - 1e8;
    for (discounted, fee_fraction) in [(true, 0.001), (false, 0.01)] {
        let mut m = market();
        m.pool_with_fee(1000);
        let trader = if discounted { &m.alice } else { &m.carol };
        let before = m.lab.balance(trader);
        let tx = bid(&m.gw, "10", 20 * XRP, 0);
        m.lab.expect(trader, tx, Ter::tesSUCCESS);
        let cost = (base / (1.0 - fee_fraction)).ceil() as u64;
        let fee = m.lab.ledger.fees().base_fee;
        assert_eq!(
            m.lab.balance(trader),
            before - cost - fee,
            "slot: {discounted}"
        );
        assert_eq!(m.pool_balances(), (100 * XRP + cost, 90.0));
    }
}

/// A payment along an explicit path meets the pool in the path's book step, as rippled's
/// `BookStep` consults `AMMLiquidity`: with `tfNoRippleDirect` only the path is tried, and with
/// no offer on the book only the pool can serve it.
/// Rules: <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers>.
#[test]
fn an_explicit_path_takes_from_the_pool() {
    const TF_NO_RIPPLE_DIRECT: u32 = 0x0001_0000;
    let mut m = market();
    m.pool();
    let carol_usd = m.usd(&m.carol);
    let dave_xrp = m.lab.balance(&m.dave);
    let tx = json!({"TransactionType": "Payment", "Destination": m.dave.address(),
                    "Amount": (5 * XRP).to_string(), "SendMax": iou(&m.gw, "USD", "10"),
                    "Paths": [[{"currency": "XRP"}]], "Flags": TF_NO_RIPPLE_DIRECT});
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);
    assert_eq!(m.lab.balance(&m.dave), dave_xrp + 5 * XRP);
    // Equation 6 for 5 XRP out of 100 XRP / 100 USD: 100·100/95 − 100 = 5.263157894736842…
    let (pool_xrp, pool_usd) = m.pool_balances();
    assert_eq!(pool_xrp, 95 * XRP);
    assert!((pool_usd - 10_000.0 / 95.0).abs() < 1e-12, "{pool_usd}");
    assert!(
        pool_usd > 100.0 + 100.0 / 19.0,
        "rounded in the pool's favour"
    );
    assert!((carol_usd - m.usd(&m.carol) - (pool_usd - 100.0)).abs() < 1e-12);
}

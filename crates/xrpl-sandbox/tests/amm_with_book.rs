//! The AMM pool competing with the order book, quality by quality, inside one OfferCreate or
//! cross-currency Payment: the pool sells while its spot price beats the best book offer, sized
//! so its new spot price meets that offer (with no book offer in reach, until the trade's
//! average price meets the taker's limit); then the book offer; then the pool again.
//!
//! Expected numbers are worked out here on the test-side decimal (`amm_exact_fixture/clob.rs`)
//! from the formulas rippled's `AMMHelpers.h` documents: equation 5, out = B_out −
//! B_in·B_out/(B_in + in·(1 − fee)), rounded down; equation 6, in = (B_in·B_out/(B_out − out) −
//! B_in)/(1 − fee), rounded up; the offer that moves the spot price to a book offer's quality
//! (`changeSpotPriceQuality`); and the output at which the trade's average price meets the
//! taker's limit (`QualityFunction::outFromAvgQ`). Balances are asserted to the drop and to the
//! last digit. Pages:
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers>,
//! <https://github.com/XRPLF/XRPL-Standards/tree/master/XLS-0030-automated-market-maker>,
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/offers>,
//! <https://xrpl.org/docs/concepts/tokens/transfer-fees>.

mod amm_exact_fixture;
mod common;

use amm_exact_fixture::clob::{Pool, lt, rate};
use amm_exact_fixture::decimal::{D, Mode};
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

    /// The pool's XRP drops and USD, as `amm_info` reports them.
    fn pool_balances(&mut self) -> (u64, String) {
        let out = self.lab.rpc(
            "amm_info",
            json!({"asset": {"currency": "XRP"},
                   "asset2": {"currency": "USD", "issuer": self.gw.address()}}),
        );
        (
            out["amm"]["amount"].as_str().unwrap().parse().unwrap(),
            out["amm"]["amount2"]["value"].as_str().unwrap().to_owned(),
        )
    }

    fn usd(&self, holder: &Wallet) -> String {
        self.lab.iou_balance(holder, &self.gw, "USD")
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

const N: Mode = Mode::Nearest;

/// Alice's untouched pool as a taker paying XRP for USD sees it (drops in, USD out).
fn xrp_in(tfee: i128) -> Pool {
    Pool {
        i: D::int(100 * XRP as i128),
        o: D::int(100),
        tfee,
        in_drops: true,
        out_drops: false,
    }
}

fn d(v: u64) -> D {
    D::int(v as i128)
}

fn drops(v: D) -> u64 {
    v.to_int(N) as u64
}

/// USD `base` plus `delta`, as the ledger prints it.
fn plus(base: &str, delta: D) -> String {
    D::parse(base).add(delta, N).text()
}

/// The pool's steps against one book offer at `book` (rate in drops per USD): while its spot
/// price beats the book's by more than 10⁻⁷, rippled's `AMMLiquidity` offers the amount that
/// brings it there. Returns the pool after, what went in and what came out.
fn pool_down_to(mut pool: Pool, book: D) -> (Pool, D, D) {
    let (mut paid, mut got) = (D::int(0), D::int(0));
    while pool.beats(book) {
        let (i, o) = pool.offer_to(book).expect("an offer to the book's price");
        pool = pool.after(i, o);
        paid = paid.add(i, N);
        got = got.add(o, N);
    }
    (pool, paid, got)
}

/// The pool, then Bob's 5 USD at 1.25 XRP, then the pool again for the rest of 20 USD —
/// worked out independently: returns the pool after, drops into it, USD out of it.
fn three_steps() -> (Pool, D, D) {
    let book = rate(d(6_250_000), D::int(5));
    let (pool, paid, got) = pool_down_to(xrp_in(0), book);
    // The first pool step: √(1.25e6·1e8·100) − 1e8 drops in, about 10.56 USD out.
    assert_eq!(drops(paid), 11_803_398);
    assert!(!pool.beats(book), "the pool now prices at the book");
    // Bob's offer whole, then no book: the rest at equation 6, well within the taker's
    // 2 XRP/USD average limit (`outFromAvgQ`).
    let want = D::int(15).sub(got, N);
    assert!(lt(want, pool.out_at_average(rate(d(40 * XRP), D::int(20)))));
    let x3 = pool.swap_out(want);
    (pool.after(x3, want), paid.add(x3, N), got.add(want, N))
}

#[test]
fn an_offer_takes_the_pool_then_the_book_then_the_pool_again() {
    let mut m = market();
    m.pool();
    m.ask("5", 6_250_000);
    let (pool, into_pool, _) = three_steps();
    let fee = m.lab.ledger.fees().base_fee;
    let (carol_xrp, bob_xrp) = (m.lab.balance(&m.carol), m.lab.balance(&m.bob));
    // 20 USD for up to 40 XRP (a limit of 2 XRP/USD, never reached).
    let tx = bid(&m.gw, "20", 40 * XRP, 0);
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);
    assert_eq!(m.usd(&m.carol), "1020");
    assert_eq!(
        m.lab.balance(&m.carol),
        carol_xrp - drops(into_pool) - 6_250_000 - fee
    );
    assert_eq!(
        m.lab.balance(&m.bob),
        bob_xrp + 6_250_000,
        "Bob's ask, whole"
    );
    assert!(offers_of(&mut m.lab, &m.bob).is_empty());
    assert!(
        offers_of(&mut m.lab, &m.carol).is_empty(),
        "filled, nothing rests"
    );
    assert_eq!(m.pool_balances(), (drops(pool.i), pool.o.text()));
    assert_eq!(pool.o.text(), "85");
}

#[test]
fn a_payment_takes_the_pool_then_the_book_then_the_pool_again() {
    let mut m = market();
    m.pool();
    m.ask("5", 6_250_000);
    let (pool, into_pool, _) = three_steps();
    let fee = m.lab.ledger.fees().base_fee;
    let carol_xrp = m.lab.balance(&m.carol);
    let tx = json!({"TransactionType": "Payment", "Destination": m.dave.address(),
                    "Amount": iou(&m.gw, "USD", "20"), "SendMax": (40 * XRP).to_string()});
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);
    assert_eq!(m.lab.iou_balance(&m.dave, &m.gw, "USD"), "20");
    assert_eq!(
        m.lab.balance(&m.carol),
        carol_xrp - drops(into_pool) - 6_250_000 - fee
    );
    assert!(offers_of(&mut m.lab, &m.bob).is_empty());
    assert_eq!(m.pool_balances(), (drops(pool.i), pool.o.text()));
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
    // The pool's spot price (1 XRP/USD) does not beat the book's 0.9: the book's 10 USD for
    // 9 XRP, then 5 USD from the untouched pool: equation 6, 1e8·100/95 − 1e8 → 5,263,158.
    let pool = xrp_in(0);
    assert!(!pool.beats(rate(d(9 * XRP), D::int(10))));
    let from_pool = pool.swap_out(D::int(5));
    assert_eq!(drops(from_pool), 5_263_158);
    assert_eq!(m.usd(&m.carol), "1015");
    assert_eq!(
        m.lab.balance(&m.carol),
        carol_xrp - 9 * XRP - drops(from_pool) - fee
    );
    assert!(offers_of(&mut m.lab, &m.bob).is_empty());
    assert_eq!(
        m.pool_balances(),
        (100 * XRP + drops(from_pool), "95".to_owned())
    );
}

/// What the untouched pool gives a taker whose limit is `limit` drops per USD: rippled's
/// `StrandFlow` `limitOut` trims the output to where the average price meets the limit
/// (`QualityFunction::outFromAvgQ`), and the pool prices that output with equation 6.
fn at_average(limit: D) -> (D, D) {
    let pool = xrp_in(0);
    let out = pool.out_at_average(limit);
    (out, pool.swap_out(out))
}

#[test]
fn the_taker_limit_stops_the_pool_and_leaves_the_dearer_book() {
    let mut m = market();
    m.pool();
    m.ask("5", 6_250_000);
    let fee = m.lab.ledger.fees().base_fee;
    let carol_xrp = m.lab.balance(&m.carol);
    // 50 USD for 55 XRP: a limit of 1.1 XRP/USD, under Bob's 1.25, so the book is out of
    // reach and the pool sells until the trade's average price is 1.1: about 9.0909 USD for
    // about 10 XRP; the rest rests at the offer's own price.
    let (out, paid) = at_average(rate(d(55 * XRP), D::int(50)));
    assert!(lt(D::parse("9.0909"), out) && lt(out, D::parse("9.0910")));
    let tx = bid(&m.gw, "50", 55 * XRP, 0);
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);
    assert_eq!(m.lab.balance(&m.carol), carol_xrp - drops(paid) - fee);
    assert_eq!(m.usd(&m.carol), plus("1000", out));
    let moved = xrp_in(0).after(paid, out);
    assert_eq!(m.pool_balances(), (drops(moved.i), moved.o.text()));
    let bob = offers_of(&mut m.lab, &m.bob);
    assert_eq!(
        bob[0]["taker_gets"]["value"], "5",
        "the book was not reached"
    );
    let rest = offers_of(&mut m.lab, &m.carol);
    assert_eq!(
        rest[0]["taker_pays"]["value"],
        D::int(50).sub(out, N).text()
    );

    // The same limit on a payment (tfLimitQuality): the pool moves no further, since its
    // spot price is now past the 1.1 limit — nothing to deliver.
    let tx = json!({"TransactionType": "Payment", "Destination": m.dave.address(),
                    "Amount": iou(&m.gw, "USD", "50"), "SendMax": (55 * XRP).to_string(),
                    "Flags": TF_PARTIAL_PAYMENT | TF_LIMIT_QUALITY});
    m.lab.expect(&m.carol, tx, Ter::tecPATH_DRY);
    assert_eq!(m.pool_balances().0, drops(moved.i));
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
    // As for the offer above.
    let (out, paid) = at_average(rate(d(55 * XRP), D::int(50)));
    assert_eq!(m.lab.balance(&m.carol), carol_xrp - drops(paid) - fee);
    assert_eq!(m.usd(&m.dave), out.text());
}

/// A limited payment (tfLimitQuality) with a book offer just past its limit: rippled's payment
/// book step still sizes the pool's offer against that offer's quality (1.12 XRP/USD), which
/// here is smaller than what the limit on average (1.1) would allow; the book offer itself is
/// past the limit and stays.
#[test]
fn a_limited_payment_sizes_the_pool_against_a_book_offer_past_its_limit() {
    let mut m = market();
    m.pool();
    m.ask("5", 5_600_000);
    let carol_xrp = m.lab.balance(&m.carol);
    let fee = m.lab.ledger.fees().base_fee;
    let tx = json!({"TransactionType": "Payment", "Destination": m.dave.address(),
                    "Amount": iou(&m.gw, "USD", "50"), "SendMax": (55 * XRP).to_string(),
                    "Flags": TF_PARTIAL_PAYMENT | TF_LIMIT_QUALITY});
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);
    let pool = xrp_in(0);
    let (paid, got) = pool
        .offer_to(rate(d(5_600_000), D::int(5)))
        .expect("an offer to the book's price");
    assert!(lt(got, pool.out_at_average(rate(d(55 * XRP), D::int(50)))));
    assert_eq!(m.lab.balance(&m.carol), carol_xrp - drops(paid) - fee);
    assert_eq!(m.usd(&m.dave), got.text());
    let moved = pool.after(paid, got);
    assert_eq!(m.pool_balances(), (drops(moved.i), moved.o.text()));
    assert_eq!(
        offers_of(&mut m.lab, &m.bob).len(),
        1,
        "the book was not reached"
    );
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
    assert_eq!(drops(xrp_in(0).swap_out(D::int(5))), cost);
    assert_eq!(m.lab.balance(&m.carol), carol_xrp - cost - fee);
    assert_eq!(m.usd(&m.carol), "1005");
    assert_eq!(m.pool_balances(), (100 * XRP + cost, "95".to_owned()));

    // The taker pays USD in: the pool receives what equation 6 asks for 5 XRP out, and the
    // taker, a holder paying through the issuer, pays 1.25 times that.
    let pool = Pool {
        i: D::int(95),
        o: d(100 * XRP + cost),
        tfee: 0,
        in_drops: false,
        out_drops: true,
    };
    let pool_gets = pool.swap_out(d(5 * XRP));
    let carol_usd = m.usd(&m.carol);
    let tx = json!({"TransactionType": "Payment", "Destination": m.dave.address(),
                    "Amount": (5 * XRP).to_string(), "SendMax": iou(&m.gw, "USD", "10")});
    let dave_xrp = m.lab.balance(&m.dave);
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);
    assert_eq!(m.lab.balance(&m.dave), dave_xrp + 5 * XRP);
    assert_eq!(
        m.pool_balances(),
        (
            100 * XRP + cost - 5 * XRP,
            D::int(95).add(pool_gets, N).text()
        )
    );
    // Her balance, 16 digits, loses what the 1.25 times leaves past them.
    let taker_pays = pool_gets.mul(D::parse("1.25"), Mode::Up);
    assert_eq!(
        m.usd(&m.carol),
        D::parse(&carol_usd).sub(taker_pays, N).text()
    );
}

#[test]
fn offer_flags_hold_with_the_pool() {
    // Fill-or-kill beyond what the pool gives within the limit: killed, nothing moves.
    let mut m = market();
    m.pool();
    let tx = bid(&m.gw, "50", 55 * XRP, TF_FOK);
    m.lab.expect(&m.carol, tx, Ter::tecKILLED);
    assert_eq!(m.pool_balances(), (100 * XRP, "100".to_owned()));

    // Immediate-or-cancel: takes what the pool gives at the limit on average, rests nothing.
    let tx = bid(&m.gw, "50", 55 * XRP, TF_IOC);
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);
    let (out, paid) = at_average(rate(d(55 * XRP), D::int(50)));
    let moved = xrp_in(0).after(paid, out);
    assert_eq!(m.pool_balances(), (drops(moved.i), moved.o.text()));
    assert!(offers_of(&mut m.lab, &m.carol).is_empty());

    // Passive: refuses only equal prices, so a pool strictly better is still taken: 10 USD
    // within a 1.32 XRP/USD limit, equation 6: 1e10/90 − 1e8 → 11,111,112 drops.
    let mut m = market();
    m.pool();
    let tx = bid(&m.gw, "10", 13_200_000, TF_PASSIVE);
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);
    let x = xrp_in(0).swap_out(D::int(10));
    assert_eq!(drops(x), 11_111_112);
    assert_eq!(m.pool_balances(), (100 * XRP + drops(x), "90".to_owned()));
    assert_eq!(m.usd(&m.carol), "1010");
    assert!(offers_of(&mut m.lab, &m.carol).is_empty());

    // Sell: gives all 10 XRP even for more than the 1 USD asked: equation 5 for 10 XRP in,
    // 100 − 1e10/1.1e8 USD rounded down.
    let mut m = market();
    m.pool();
    let tx = bid(&m.gw, "1", 10 * XRP, TF_SELL);
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);
    let got = xrp_in(0).swap_in(d(10 * XRP));
    assert_eq!(
        m.pool_balances(),
        (110 * XRP, D::int(100).sub(got, N).text())
    );
    assert_eq!(m.usd(&m.carol), plus("1000", got));
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
    assert_eq!(m.pool_balances(), (100 * XRP, "100".to_owned()));
    assert_eq!(offers_of(&mut m.lab, &m.carol).len(), 1);
}

#[test]
fn the_auction_slot_holder_crosses_the_pool_at_the_discounted_fee() {
    // A 1% pool: 10 USD costs equation 6 with the fee — 0.1% for Alice, who holds the slot,
    // 1% for Carol.
    // <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers#auction-slot>
    for (discounted, tfee) in [(true, 100), (false, 1000)] {
        let mut m = market();
        m.pool_with_fee(1000);
        let trader = if discounted { &m.alice } else { &m.carol };
        let before = m.lab.balance(trader);
        let tx = bid(&m.gw, "10", 20 * XRP, 0);
        m.lab.expect(trader, tx, Ter::tesSUCCESS);
        let cost = drops(xrp_in(tfee).swap_out(D::int(10)));
        let fee = m.lab.ledger.fees().base_fee;
        assert_eq!(
            m.lab.balance(trader),
            before - cost - fee,
            "slot: {discounted}"
        );
        assert_eq!(m.pool_balances(), (100 * XRP + cost, "90".to_owned()));
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
    // Equation 6 for 5 XRP out of 100 XRP / 100 USD: 100·100/95 − 100 = 5.263157894736842…,
    // rounded up in the pool's favour.
    let pool = Pool {
        i: D::int(100),
        o: d(100 * XRP),
        tfee: 0,
        in_drops: false,
        out_drops: true,
    };
    let pool_gets = pool.swap_out(d(5 * XRP));
    // B_in·B_out/(B_out − out) rounded up to 16 digits (105.2631578947369) before B_in
    // comes off, as rippled's `swapAssetOut` rounds it.
    assert_eq!(pool_gets.text(), "5.2631578947369");
    assert_eq!(
        m.pool_balances(),
        (95 * XRP, D::int(100).add(pool_gets, N).text())
    );
    let carol_paid = D::parse(&carol_usd).sub(D::parse(&m.usd(&m.carol)), N);
    assert_eq!(carol_paid, pool_gets);
}

//! The pool competing with a book offer, sized as rippled sizes its synthetic offer, in the
//! cases `amm_with_book.rs` leaves out: a pool with a trading fee (where the offer whose own
//! price meets the book's can be the smaller, and the pool is asked again), a pool paying out XRP
//! (its offer starts from the XRP side, rounded down to drops), and a token/token pool.
//!
//! Expected balances are worked out on the test-side decimal (`amm_exact_fixture/clob.rs`) from
//! the formulas rippled's `AMMHelpers.h` documents (`changeSpotPriceQuality`,
//! `getAMMOfferStartWithTakerGets`/`...TakerPays`, equations 5 and 6 with fixAMMv1_1 rounding),
//! and asserted to the drop and the last digit.
//! Rules: <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers>,
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/offers>.

mod amm_exact_fixture;
mod common;

use amm_exact_fixture::clob::{Pool, lt, rate};
use amm_exact_fixture::decimal::{D, Mode};
use common::{Lab, Wallet, XRP, iou, pay_iou, set_flag, trust};
use serde_json::{Value, json};
use xrpl_sandbox::Ter;

const N: Mode = Mode::Nearest;

/// A gateway issuing USD and EUR; Alice (the pool's creator), Bob (the book) and Carol (the
/// taker) hold 10,000 XRP and 1,000 of each.
struct Market {
    lab: Lab,
    gw: Wallet,
    alice: Wallet,
    bob: Wallet,
    carol: Wallet,
}

fn market() -> Market {
    let mut lab = Lab::new();
    let (gw, alice, bob, carol) = (
        Wallet::ed(70),
        Wallet::ed(71),
        Wallet::ed(72),
        Wallet::ed(73),
    );
    for w in [&gw, &alice, &bob, &carol] {
        lab.fund(w, 10_000);
    }
    lab.expect(&gw, set_flag(8), Ter::tesSUCCESS);
    for w in [&alice, &bob, &carol] {
        for code in ["USD", "EUR"] {
            lab.expect(w, trust(&gw, code, "100000"), Ter::tesSUCCESS);
            lab.expect(&gw, pay_iou(w, iou(&gw, code, "1000")), Ter::tesSUCCESS);
        }
    }
    Market {
        lab,
        gw,
        alice,
        bob,
        carol,
    }
}

impl Market {
    fn create_pool(&mut self, amount: Value, amount2: Value, fee: u32) {
        let reserve = self.lab.ledger.fees().reserve_increment;
        let tx = json!({"TransactionType": "AMMCreate", "Amount": amount, "Amount2": amount2,
                        "TradingFee": fee, "Fee": reserve.to_string()});
        self.lab.expect(&self.alice, tx, Ter::tesSUCCESS);
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

    fn usd(&self, who: &Wallet) -> String {
        self.lab.iou_balance(who, &self.gw, "USD")
    }

    fn eur(&self, who: &Wallet) -> String {
        self.lab.iou_balance(who, &self.gw, "EUR")
    }
}

fn offer(taker_pays: Value, taker_gets: Value) -> Value {
    json!({"TransactionType": "OfferCreate", "TakerPays": taker_pays, "TakerGets": taker_gets})
}

fn offers(lab: &mut Lab, who: &Wallet) -> usize {
    let out = lab.rpc("account_offers", json!({"account": who.address()}));
    out["offers"].as_array().map_or(0, Vec::len)
}

fn d(v: u64) -> D {
    D::int(v as i128)
}

/// The pool's steps against a book offer at `book` (rate in per out): while its spot price,
/// before the fee, beats the book's by more than 10⁻⁷, rippled's `AMMLiquidity` offers what
/// `changeSpotPriceQuality` sizes, up to 30 times. Returns the pool after, in, out.
fn pool_down_to(mut pool: Pool, book: D) -> (Pool, D, D, usize) {
    let (mut paid, mut got, mut steps) = (D::int(0), D::int(0), 0);
    while steps < 30 && pool.beats(book) {
        let Some((i, o)) = pool.offer_to(book) else {
            break;
        };
        pool = pool.after(i, o);
        paid = paid.add(i, N);
        got = got.add(o, N);
        steps += 1;
    }
    (pool, paid, got, steps)
}

/// A 1% pool (Carol pays the whole fee) against Bob's 5 USD at 1.02 XRP each: the offer whose
/// own price after the fee meets the book's (i = O/Qt − I/f) is smaller than the one that brings
/// the spot price there, so it is the one rippled's pool makes. Its spot price before the fee
/// still beats the book's after, but no offer at the book's price is left in it with the fee
/// (`changeSpotPriceQuality` finds none, and its largest offer is dearer): Bob's 5 USD go next,
/// then the pool for the rest of Carol's 20 USD.
#[test]
fn a_pool_with_a_fee_is_asked_again_at_the_books_price() {
    let mut m = market();
    let asset2 = json!({"currency": "USD", "issuer": m.gw.address()});
    m.create_pool(
        json!((100 * XRP).to_string()),
        iou(&m.gw, "USD", "100"),
        1000,
    );
    let tx = offer(json!("5100000"), iou(&m.gw, "USD", "5"));
    m.lab.expect(&m.bob, tx, Ter::tesSUCCESS);
    let before = m.lab.balance(&m.carol);
    let tx = offer(iou(&m.gw, "USD", "20"), json!((40 * XRP).to_string()));
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);

    let start = Pool {
        i: d(100 * XRP),
        o: D::int(100),
        tfee: 1000,
        in_drops: true,
        out_drops: false,
    };
    let book = rate(d(5_100_000), D::int(5));
    let (pool, paid, got, steps) = pool_down_to(start, book);
    assert_eq!(steps, 1);
    assert!(pool.beats(book) && pool.offer_to(book).is_none());
    let want = D::int(15).sub(got, N);
    assert!(lt(want, pool.out_at_average(rate(d(40 * XRP), D::int(20)))));
    let last = pool.swap_out(want);
    let pool = pool.after(last, want);

    let fee = m.lab.ledger.fees().base_fee;
    let into_pool = paid.add(last, N).to_int(N) as u64;
    assert_eq!(m.usd(&m.carol), "1020");
    assert_eq!(
        m.lab.balance(&m.carol),
        before - into_pool - 5_100_000 - fee
    );
    assert_eq!(offers(&mut m.lab, &m.bob), 0);
    assert_eq!(
        m.pool(json!({"currency": "XRP"}), asset2),
        ((pool.i.to_int(N)).to_string(), pool.o.text())
    );
}

/// A pool paying out XRP: Carol buys 20 XRP for up to 40 USD, Bob sells 5 XRP at 1.25 USD
/// each. The pool's offer starts from the XRP it gives, rounded down to drops
/// (`getAMMOfferStartWithTakerGets`), then Bob's offer, then the pool again.
#[test]
fn a_pool_paying_xrp_sizes_its_offer_from_the_xrp_side() {
    let mut m = market();
    m.create_pool(json!((100 * XRP).to_string()), iou(&m.gw, "USD", "100"), 0);
    let tx = offer(iou(&m.gw, "USD", "6.25"), json!((5 * XRP).to_string()));
    m.lab.expect(&m.bob, tx, Ter::tesSUCCESS);
    let before = m.lab.balance(&m.carol);
    let tx = offer(json!((20 * XRP).to_string()), iou(&m.gw, "USD", "40"));
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);

    let start = Pool {
        i: D::int(100),
        o: d(100 * XRP),
        tfee: 0,
        in_drops: false,
        out_drops: true,
    };
    let book = rate(D::parse("6.25"), d(5 * XRP));
    let (pool, paid, got, steps) = pool_down_to(start, book);
    assert!(steps >= 1);
    let want = d(15 * XRP).sub(got, N);
    assert!(lt(want, pool.out_at_average(rate(D::int(40), d(20 * XRP)))));
    let last = pool.swap_out(want);
    let pool = pool.after(last, want);
    let carol_paid = paid.add(D::parse("6.25"), N).add(last, N);

    let fee = m.lab.ledger.fees().base_fee;
    assert_eq!(m.lab.balance(&m.carol), before + 20 * XRP - fee);
    assert_eq!(m.usd(&m.carol), D::int(1000).sub(carol_paid, N).text());
    assert_eq!(offers(&mut m.lab, &m.bob), 0);
    assert_eq!(offers(&mut m.lab, &m.carol), 0);
    let asset2 = json!({"currency": "USD", "issuer": m.gw.address()});
    assert_eq!(
        m.pool(json!({"currency": "XRP"}), asset2),
        (pool.o.to_int(N).to_string(), pool.i.text())
    );
}

/// A token/token pool (with no XRP books, one path): Carol buys 20 EUR for up to 40 USD from a
/// 100 USD / 100 EUR pool and Bob's 5 EUR at 1.25 USD each.
#[test]
fn a_token_pool_competes_with_the_book() {
    let mut m = market();
    m.create_pool(iou(&m.gw, "USD", "100"), iou(&m.gw, "EUR", "100"), 0);
    let tx = offer(iou(&m.gw, "USD", "6.25"), iou(&m.gw, "EUR", "5"));
    m.lab.expect(&m.bob, tx, Ter::tesSUCCESS);
    let tx = offer(iou(&m.gw, "EUR", "20"), iou(&m.gw, "USD", "40"));
    m.lab.expect(&m.carol, tx, Ter::tesSUCCESS);

    let start = Pool {
        i: D::int(100),
        o: D::int(100),
        tfee: 0,
        in_drops: false,
        out_drops: false,
    };
    let book = rate(D::parse("6.25"), D::int(5));
    let (pool, paid, got, steps) = pool_down_to(start, book);
    assert!(steps >= 1);
    let want = D::int(15).sub(got, N);
    assert!(lt(want, pool.out_at_average(rate(D::int(40), D::int(20)))));
    let last = pool.swap_out(want);
    let pool = pool.after(last, want);
    let carol_paid = paid.add(D::parse("6.25"), N).add(last, N);

    assert_eq!(m.eur(&m.carol), "1020");
    assert_eq!(m.usd(&m.carol), D::int(1000).sub(carol_paid, N).text());
    assert_eq!(offers(&mut m.lab, &m.bob), 0);
    let usd = json!({"currency": "USD", "issuer": m.gw.address()});
    let eur = json!({"currency": "EUR", "issuer": m.gw.address()});
    assert_eq!(m.pool(usd, eur), (pool.i.text(), pool.o.text()));
}

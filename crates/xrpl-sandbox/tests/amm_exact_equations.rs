//! The XLS-30 equations with a trading fee, computed here independently of the engine — exact
//! decimals rounded once per operation to 16 digits in the mode rippled's AMMHelpers.cpp sets
//! (`amm_exact_fixture::decimal`) — and held against the engine's ledger to the last digit.
//! Equations (XLS-30, <https://github.com/XRPLF/XRPL-Standards/tree/master/XLS-0030-automated-market-maker>;
//! modes: <https://xrpl.org/docs/references/protocol/transactions/types/ammdeposit>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/ammwithdraw>):
//! 3: t = T·(r − c)/(1 + c), r = b/B, c = √(f2² + r/f1) − f2, f1 = 1 − fee, f2 = (1 − fee/2)/f1;
//! 4: b = B·x, x the positive root of (x/t2)² + x·(2d/t2 − 1/f1) + d² − f2² = 0, t1 = t/T,
//!    t2 = 1 + t1, d = f2 − t1/t2;
//! 7: t = T·(c − √(c² − 4R))/2, R = b/B, c = R·fee + 2 − fee;
//! 8: b = B·(t1² − t1·(2 − fee))/(t1·fee − 1).
//! Rounding (fixAMMv1_3): tokens out down and assets in up on deposit, tokens in up and assets
//! out down on withdrawal; tokens then "adjusted" to what the 16-digit LP balance records, and
//! the asset re-derived from the adjusted tokens.

mod amm_exact_fixture;
mod common;

use amm_exact_fixture::decimal::{D, Mode};
use amm_exact_fixture::xls30::{adjust, eq3, eq4_frac, eq8_frac, single_deposit, single_withdraw};
use amm_exact_fixture::*;
use common::XRP;
use serde_json::json;
use xrpl_sandbox::Ter;

const N: Mode = Mode::Nearest;

fn d(v: &str) -> D {
    D::parse(v)
}

/// A 100 XRP / 100 USD pool at a 1% fee (100,000 LP tokens), which Carol, not its creator (who
/// holds the auction slot's discount), trades with.
fn pool() -> Amm {
    amm_with(100, "100", 1000)
}

#[test]
fn a_single_usd_deposit_with_a_fee_follows_equations_3_and_4() {
    let (big_b, big_t, tfee) = (d("100"), d("100000"), 1000);
    let (t, paid) = single_deposit(big_b, d("10"), big_t, tfee, false);
    let lpt = big_t.add(t, N);

    let mut amm = pool();
    let carol = carol_wallet();
    let usd = amm.usd("10");
    assert_eq!(
        amm.deposit(&carol, TF_SINGLE_ASSET, json!({"Amount": usd})),
        Ter::tesSUCCESS
    );
    amm.expect_balances(100 * XRP, &big_b.add(paid, N).text(), &lpt.text());
    assert_eq!(amm.lp_tokens(&carol), t.text());
}

#[test]
fn a_single_xrp_deposit_with_a_fee_follows_equations_3_and_4() {
    let (big_b, big_t, tfee) = (D::int(100_000_000), d("100000"), 1000);
    let b = D::int(10_000_000);
    let t = adjust(big_t, eq3(big_b, b, big_t, tfee), true);
    // Equation 4 in drops, rounded up; never above the 10 XRP offered.
    let needed = big_b
        .mul(eq4_frac(big_t, t, tfee), Mode::Up)
        .to_int(Mode::Up);
    assert!(needed <= 10_000_000, "no re-derivation needed here");

    let mut amm = pool();
    let carol = carol_wallet();
    assert_eq!(
        amm.deposit(&carol, TF_SINGLE_ASSET, json!({"Amount": "10000000"})),
        Ter::tesSUCCESS
    );
    amm.expect_balances(
        (100 * XRP as i128 + needed) as u64,
        "100",
        &big_t.add(t, N).text(),
    );
}

#[test]
fn a_one_asset_deposit_for_tokens_with_a_fee_follows_equation_4() {
    let (big_b, big_t, tfee) = (d("100"), d("100000"), 1000);
    let t = d("5000");
    let paid = big_b.mul(eq4_frac(big_t, t, tfee), Mode::Up);

    let mut amm = pool();
    let carol = carol_wallet();
    let (tokens, max) = (amm.lpt("5000"), amm.usd("20"));
    let fields = json!({"LPTokenOut": tokens, "Amount": max});
    assert_eq!(
        amm.deposit(&carol, TF_ONE_ASSET_LP_TOKEN, fields),
        Ter::tesSUCCESS
    );
    amm.expect_balances(100 * XRP, &big_b.add(paid, N).text(), "105000");
    assert_eq!(amm.lp_tokens(&carol), "5000");
}

/// The pool after Carol's equal deposit of 10,000 tokens: 110 XRP, 110 USD, 110,000 tokens.
fn pool_with_carol() -> Amm {
    let mut amm = pool();
    let carol = carol_wallet();
    amm.deposit_tokens(&carol, "10000");
    amm.expect_balances(110 * XRP, "110", "110000");
    amm
}

#[test]
fn a_single_usd_withdrawal_with_a_fee_follows_equations_7_and_8() {
    let (big_b, big_t, tfee) = (d("110"), d("110000"), 1000);
    let (t, out) = single_withdraw(big_b, d("5"), big_t, tfee, false);

    let mut amm = pool_with_carol();
    let carol = carol_wallet();
    let usd = amm.usd("5");
    assert_eq!(
        amm.withdraw(&carol, TF_SINGLE_ASSET, json!({"Amount": usd})),
        Ter::tesSUCCESS
    );
    amm.expect_balances(
        110 * XRP,
        &big_b.sub(out, N).text(),
        &big_t.sub(t, N).text(),
    );
    assert_eq!(amm.lp_tokens(&carol), d("10000").sub(t, N).text());
}

#[test]
fn a_single_xrp_withdrawal_by_tokens_with_a_fee_follows_equation_8() {
    // 1,100 of 110,000 tokens: t1 = 0.01, b = B·(t1² − t1·1.99)/(t1·0.01 − 1) = B·0.0198/0.9999,
    // rounded down to the drop: ⌊110,000,000 × 198/9999⌋.
    let (big_b, big_t, tfee) = (D::int(110_000_000), d("110000"), 1000);
    let t = d("1100");
    let out = big_b
        .mul(eq8_frac(big_t, t, tfee), Mode::Down)
        .to_int(Mode::Down);
    assert_eq!(out, 110_000_000 * 198 / 9999, "the rational value, floored");

    let mut amm = pool_with_carol();
    let carol = carol_wallet();
    let tokens = amm.lpt("1100");
    let fields = json!({"LPTokenIn": tokens, "Amount": "0"});
    assert_eq!(
        amm.withdraw(&carol, TF_ONE_ASSET_LP_TOKEN, fields),
        Ter::tesSUCCESS
    );
    amm.expect_balances((110 * XRP as i128 - out) as u64, "110", "108900");
    assert_eq!(amm.lp_tokens(&carol), "8900");
}

#[test]
fn a_single_usd_withdrawal_by_tokens_with_a_fee_follows_equation_8() {
    // The same share in USD: 110 × 198/9999 = 2.178217821782178217…, rounded down to 16 digits.
    let (big_b, big_t, tfee) = (d("110"), d("110000"), 1000);
    let out = big_b.mul(eq8_frac(big_t, d("1100"), tfee), Mode::Down);
    assert_eq!(out.text(), "2.178217821782178");

    let mut amm = pool_with_carol();
    let carol = carol_wallet();
    let (tokens, min) = (amm.lpt("1100"), amm.usd("2"));
    let fields = json!({"LPTokenIn": tokens, "Amount": min});
    assert_eq!(
        amm.withdraw(&carol, TF_ONE_ASSET_LP_TOKEN, fields),
        Ter::tesSUCCESS
    );
    amm.expect_balances(110 * XRP, &big_b.sub(out, N).text(), "108900");
}

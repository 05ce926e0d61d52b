//! The XLS-30 single-asset equations (3, 4, 7, 8) in the operation order rippled's
//! AMMHelpers.cpp evaluates them, on the test-side decimal (`decimal.rs`), and rippled's
//! `adjustLPTokens`. Used to work out expected ledger balances independently of the engine.

#![allow(dead_code)]

use super::decimal::{D, Mode};

const N: Mode = Mode::Nearest;

pub fn fee(tfee: i128) -> D {
    D::int(tfee).div(D::int(100_000), N)
}

pub fn f1_f2(tfee: i128) -> (D, D) {
    let one = D::int(1);
    let f1 = one.sub(fee(tfee), N);
    let f2 = one.sub(fee(tfee).div(D::int(2), N), N).div(f1, N);
    (f1, f2)
}

/// Equation 3, tokens rounded down.
pub fn eq3(big_b: D, b: D, big_t: D, tfee: i128) -> D {
    let (f1, f2) = f1_f2(tfee);
    let r = b.div(big_b, N);
    let c = f2.mul(f2, N).add(r.div(f1, N), N).root2(N).sub(f2, N);
    let frac = r.sub(c, N).div(D::int(1).add(c, N), N);
    big_t.mul(frac, Mode::Down)
}

/// Equation 4's fraction of the balance (the caller rounds the product up).
pub fn eq4_frac(big_t: D, t: D, tfee: i128) -> D {
    let (f1, f2) = f1_f2(tfee);
    let t1 = t.div(big_t, N);
    let t2 = D::int(1).add(t1, N);
    let dd = f2.sub(t1.div(t2, N), N);
    let a = D::int(1).div(t2.mul(t2, N), N);
    let b = D::int(2).mul(dd, N).div(t2, N).sub(D::int(1).div(f1, N), N);
    let c = dd.mul(dd, N).sub(f2.mul(f2, N), N);
    let disc = b.mul(b, N).sub(D::int(4).mul(a, N).mul(c, N), N);
    D { m: -b.m, e: b.e }
        .add(disc.root2(N), N)
        .div(D::int(2).mul(a, N), N)
}

/// Equation 7, tokens rounded up.
pub fn eq7(big_b: D, b: D, big_t: D, tfee: i128) -> D {
    let fr = b.div(big_b, N);
    let f = fee(tfee);
    let c = fr.mul(f, N).add(D::int(2), N).sub(f, N);
    let root = c.mul(c, N).sub(D::int(4).mul(fr, N), N).root2(N);
    let frac = c.sub(root, N).div(D::int(2), N);
    big_t.mul(frac, Mode::Up)
}

/// Equation 8's fraction of the balance (the caller rounds the product down).
pub fn eq8_frac(big_t: D, t: D, tfee: i128) -> D {
    let f = fee(tfee);
    let t1 = t.div(big_t, N);
    let num = t1.mul(t1, N).sub(t1.mul(D::int(2).sub(f, N), N), N);
    let den = t1.mul(f, N).sub(D::int(1), N);
    num.div(den, N)
}

/// rippled's `adjustLPTokens`: what a 16-digit balance T records of ±t, rounded down.
pub fn adjust(big_t: D, t: D, deposit: bool) -> D {
    let down = Mode::Down;
    if deposit {
        big_t.add(t, down).sub(big_t, down)
    } else {
        t.sub(big_t, down).add(big_t, down)
    }
}

/// An asset amount `balance × frac` rounded in `mode`: to 16 digits for an issued asset, then
/// to whole drops for XRP.
fn asset(balance: D, frac: D, mode: Mode, drops: bool) -> D {
    let v = balance.mul(frac, mode);
    if drops { D::int(v.to_int(mode)) } else { v }
}

fn greater(a: D, b: D) -> bool {
    a.sub(b, N).m > 0
}

/// A single-asset deposit of `b` (rippled's `singleDeposit` with fixAMMv1_3): equation-3 tokens,
/// adjusted; the deposit those tokens cost by equation 4 (rounded up); if rounding asks for more
/// than `b`, the deposit shrunk by the overshoot and both derived again. Returns (tokens, paid).
pub fn single_deposit(big_b: D, b: D, big_t: D, tfee: i128, drops: bool) -> (D, D) {
    let mut t = adjust(big_t, eq3(big_b, b, big_t, tfee), true);
    let mut paid = asset(big_b, eq4_frac(big_t, t, tfee), Mode::Up, drops);
    if greater(paid, b) {
        let smaller = b.sub(paid.sub(b, N), N);
        t = adjust(big_t, eq3(big_b, smaller, big_t, tfee), true);
        paid = asset(big_b, eq4_frac(big_t, t, tfee), Mode::Up, drops);
    }
    (t, if greater(paid, b) { b } else { paid })
}

/// A single-asset withdrawal of `b` (rippled's `singleWithdraw` with fixAMMv1_3): equation-7
/// tokens, adjusted; what they pay by equation 8 (rounded down), re-derived the same way.
/// Returns (tokens, paid out).
pub fn single_withdraw(big_b: D, b: D, big_t: D, tfee: i128, drops: bool) -> (D, D) {
    let mut t = adjust(big_t, eq7(big_b, b, big_t, tfee), false);
    let mut out = asset(big_b, eq8_frac(big_t, t, tfee), Mode::Down, drops);
    if greater(out, b) {
        let smaller = b.sub(out.sub(b, N), N);
        t = adjust(big_t, eq7(big_b, smaller, big_t, tfee), false);
        out = asset(big_b, eq8_frac(big_t, t, tfee), Mode::Down, drops);
    }
    (t, if greater(out, b) { b } else { out })
}

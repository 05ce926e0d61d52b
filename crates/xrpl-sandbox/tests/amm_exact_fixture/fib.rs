//! The pool's Fibonacci-sized offer for a trade with several strands, worked out on the
//! test-side decimal from rippled's `AMMLiquidity::generateFibSeqOffer` and `AMMOffer::limitIn`
//! /`limitOut` (multi-path): the first offer puts 5/20000 of the pool's initial input balance in
//! (rounded up) for equation 5's output on the initial balances; the n-th pass that used the
//! pool offers Fibonacci(n) times that output (rounded down) for equation 6's input on the
//! current balances; a part of an offer is priced at the offer's own quality. Used to compute
//! expected ledger balances independently of the engine. XLS-30:
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers>.

#![allow(dead_code)]

use super::clob::{Pool, lt, rate};
use super::decimal::{D, Mode};

const N: Mode = Mode::Nearest;

/// rippled's multipliers for the passes after the first (`generateFibSeqOffer`'s `fib`).
pub const FIB: [i128; 30] = [
    1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765, 10946,
    17711, 28657, 46368, 75025, 121393, 196418, 317811, 514229, 832040, 1346269,
];

fn whole(value: D, drops: bool, mode: Mode) -> D {
    if drops {
        D::int(value.to_int(mode))
    } else {
        value
    }
}

/// The pool's offer (in, out) on pass `iters` (passes so far that used it), from its balances
/// when the trade began (`initial`) and now (`now`). None where it would empty the pool.
pub fn fib_offer(initial: &Pool, now: &Pool, iters: usize) -> Option<(D, D)> {
    let seed = initial.i.mul(D::parse("0.00025"), N);
    let first_in = whole(seed, initial.in_drops, Mode::Up);
    let first_out = initial.swap_in(first_in);
    if iters == 0 {
        return Some((first_in, first_out));
    }
    let out = whole(
        first_out.mul(D::int(FIB[iters - 1]), N),
        now.out_drops,
        Mode::Down,
    );
    if !lt(out, now.o) {
        return None;
    }
    Some((now.swap_out(out), out))
}

/// rippled's `Quality::ceil_out_strict` (rounding up): `out` of the offer (in, o) costs `out`
/// at the offer's quality rate, rounded up, at most `in`.
pub fn limit_out(offer: (D, D), out: D, in_drops: bool) -> D {
    if !lt(out, offer.1) {
        return offer.0;
    }
    let paid = whole(
        out.mul(rate(offer.0, offer.1), Mode::Up),
        in_drops,
        Mode::Up,
    );
    if lt(offer.0, paid) { offer.0 } else { paid }
}

/// rippled's `Quality::ceil_in_strict` (rounding down): `input` into the offer (i, out) buys
/// `input` over the offer's quality rate, rounded down, at most `out`.
pub fn limit_in(offer: (D, D), input: D, out_drops: bool) -> D {
    if !lt(input, offer.0) {
        return offer.1;
    }
    let got = whole(
        input.div(rate(offer.0, offer.1), Mode::Down),
        out_drops,
        Mode::Down,
    );
    if lt(offer.1, got) { offer.1 } else { got }
}

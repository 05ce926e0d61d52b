//! The pool's synthetic offer against the order book, worked out on the test-side decimal
//! (`decimal.rs`) from the formulas rippled documents in `AMMHelpers.h` (fixAMMv1_1) — equations
//! 5 and 6 with every step rounded in the pool's favour, the offer that moves the spot price to
//! a book offer's quality, the largest offer, and the output at which a trade's average quality
//! meets a limit (`QualityFunction`). Quotients follow rippled's `Number` (17 digits, truncated,
//! then rounded once), quality rates its `STAmount` division. Used to compute expected ledger
//! balances independently of the engine. XLS-30: <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers>.

#![allow(dead_code)]

use super::decimal::{D, Mode};

const N: Mode = Mode::Nearest;
const UP: Mode = Mode::Up;
const DOWN: Mode = Mode::Down;

/// Division as rippled's `Number` does it: both mantissas normalised to 16 digits, the quotient
/// of the one scaled by 10^17 truncated, then rounded once in `mode` — digits past the 17th are
/// lost, not carried as a sticky remainder.
pub fn div(a: D, b: D, mode: Mode) -> D {
    fn norm(m: i128, mut e: i32) -> (i128, i32) {
        let mut m = m.abs();
        while m < 1_000_000_000_000_000 {
            m *= 10;
            e -= 1;
        }
        while m >= 10_000_000_000_000_000 {
            m /= 10;
            e += 1;
        }
        (m, e)
    }
    if a.m == 0 {
        return D::int(0);
    }
    let sign = a.m.signum() * b.m.signum();
    let (am, ae) = norm(a.m, a.e);
    let (bm, be) = norm(b.m, b.e);
    let q = am * 10i128.pow(17) / bm;
    D {
        m: sign * q,
        e: ae - be - 17,
    }
    .add(D::int(0), mode)
}

/// `Number`'s division as a method, so the formulas read left to right.
pub trait NumberDiv {
    fn ndiv(self, other: D, mode: Mode) -> D;
}

impl NumberDiv for D {
    fn ndiv(self, other: D, mode: Mode) -> D {
        div(self, other, mode)
    }
}

/// True when a < b.
pub fn lt(a: D, b: D) -> bool {
    a.sub(b, N).m < 0
}

fn one() -> D {
    D::int(1)
}

/// 1 − tfee/100,000.
pub fn fee_mult(tfee: i128) -> D {
    one().sub(D::int(tfee).ndiv(D::int(100_000), N), N)
}

/// A quality's rate (in per out) as rippled's `getRate` computes it with `STAmount` division:
/// both mantissas normalised to 16 digits, the quotient scaled by 10^17, plus 5, truncated.
pub fn rate(taker_pays: D, taker_gets: D) -> D {
    fn norm(mut m: i128, mut e: i32) -> (i128, i32) {
        while m < 1_000_000_000_000_000 {
            m *= 10;
            e -= 1;
        }
        while m >= 10_000_000_000_000_000 {
            m /= 10;
            e += 1;
        }
        (m, e)
    }
    let (n, ne) = norm(taker_pays.m, taker_pays.e);
    let (d, de) = norm(taker_gets.m, taker_gets.e);
    let mut q = n * 10i128.pow(17) / d + 5;
    let mut e = ne - de - 17;
    while q >= 10_000_000_000_000_000 {
        q /= 10;
        e += 1;
    }
    D { m: q, e }
}

/// A pool as the taker sees it: balances of what goes in and what comes out, the fee, and
/// whether what comes out (or goes in) is XRP, counted in drops.
#[derive(Debug, Clone, Copy)]
pub struct Pool {
    pub i: D,
    pub o: D,
    pub tfee: i128,
    pub in_drops: bool,
    pub out_drops: bool,
}

fn whole(value: D, drops: bool, mode: Mode) -> D {
    if drops {
        D::int(value.to_int(mode))
    } else {
        value
    }
}

impl Pool {
    /// Equation 5 (rippled's `swapAssetIn`, fixAMMv1_1): out for `amount` in, rounded down.
    pub fn swap_in(&self, amount: D) -> D {
        let numerator = self.i.mul(self.o, UP);
        let fee = D::int(self.tfee).ndiv(D::int(100_000), UP);
        let denominator = self.i.add(amount.mul(one().sub(fee, DOWN), DOWN), DOWN);
        let out = self.o.sub(numerator.ndiv(denominator, UP), DOWN);
        whole(out, self.out_drops, DOWN)
    }

    /// Equation 6 (rippled's `swapAssetOut`, fixAMMv1_1): in for `amount` out, rounded up.
    pub fn swap_out(&self, amount: D) -> D {
        let numerator = self.i.mul(self.o, UP);
        let denominator = self.o.sub(amount, DOWN);
        let ratio = numerator.ndiv(denominator, UP).sub(self.i, UP);
        let fee = D::int(self.tfee).ndiv(D::int(100_000), UP);
        let swap = ratio.ndiv(one().sub(fee, DOWN), UP);
        whole(swap, self.in_drops, UP)
    }

    /// The pool after `paid` went in and `got` came out.
    pub fn after(&self, paid: D, got: D) -> Pool {
        Pool {
            i: self.i.add(paid, N),
            o: self.o.sub(got, N),
            ..*self
        }
    }

    /// The spot-price rate before the fee (rippled's `Quality{balances}`).
    pub fn spot(&self) -> D {
        rate(self.i, self.o)
    }

    /// The smaller root of ax² + bx + c, as `solveQuadraticEqSmallest` takes it.
    fn smallest_root(a: D, b: D, c: D) -> D {
        let d = b.mul(b, N).sub(D::int(4).mul(a, N).mul(c, N), N);
        let root = d.root2(N);
        let den = if b.m > 0 {
            b.mul(D::int(-1), N).sub(root, N)
        } else {
            b.mul(D::int(-1), N).add(root, N)
        };
        D::int(2).mul(c, N).ndiv(den, N)
    }

    /// The offer (in, out) that moves the spot price to the book's rate `r`, or whose own
    /// price is `r`, whichever is smaller (`changeSpotPriceQuality`), starting from the XRP
    /// side. None where no such offer exists.
    pub fn offer_to(&self, r: D) -> Option<(D, D)> {
        let f = fee_mult(self.tfee);
        let (i, o) = (self.i, self.o);
        let offer = if self.out_drops {
            let b = i
                .mul(one().sub(one().ndiv(f, N), N), N)
                .ndiv(r, N)
                .sub(D::int(2).mul(o, N), N);
            let c = o.mul(o, N).sub(i.mul(o, N).ndiv(r, N), N);
            let mut gets = Self::smallest_root(one(), b, c);
            let limit = o.sub(i.ndiv(r.mul(f, N), N), N);
            if limit.m <= 0 || gets.m <= 0 {
                return None;
            }
            if lt(limit, gets) {
                gets = limit;
            }
            let gets = whole(gets, true, DOWN);
            (self.swap_out(gets), gets)
        } else {
            let b = i.mul(one().add(f, N), N);
            let c = i.mul(i, N).sub(i.mul(o, N).mul(r, N), N);
            let mut pays = Self::smallest_root(f, b, c);
            let limit = o.mul(r, N).sub(i.ndiv(f, N), N);
            if limit.m <= 0 || pays.m <= 0 {
                return None;
            }
            if lt(limit, pays) {
                pays = limit;
            }
            let pays = whole(pays, self.in_drops, DOWN);
            (pays, self.swap_in(pays))
        };
        // Not reduced by 0.01% in these examples: the offer already meets the rate.
        assert!(!lt(r, rate(offer.0, offer.1)), "offer worse than the book");
        Some(offer)
    }

    /// Whether the pool offers anything against a book offer at rate `r`: its spot price before
    /// the fee is better, by more than 10⁻⁷ relative.
    pub fn beats(&self, r: D) -> bool {
        let spot = self.spot();
        lt(spot, r) && !lt(r.sub(spot, N).ndiv(r, N), D { m: 1, e: -7 })
    }

    /// The output at which the trade's average rate meets `limit` (rippled's
    /// `QualityFunction::outFromAvgQ`): out/in = b + m·out with m = −f/I and b = O·f/I, so
    /// out = (1/limit − b)/m, rounded up.
    pub fn out_at_average(&self, limit: D) -> D {
        let f = fee_mult(self.tfee);
        let m = f.mul(D::int(-1), N).ndiv(self.i, N);
        let b = self.o.mul(f, N).ndiv(self.i, N);
        let out = one().ndiv(limit, UP).sub(b, UP).ndiv(m, UP);
        whole(out, self.out_drops, N)
    }
}

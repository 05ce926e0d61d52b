//! A test-side decimal for checking the AMM's arithmetic independently of the engine: values
//! are exact (an `i128` mantissa and a power of ten), and each operation rounds its exact result
//! once to 16 significant digits in an explicit mode — rippled's `Number` rule — with quotients
//! taken exactly (long division with a sticky remainder) before that one rounding, and square
//! roots by rippled's documented Newton iteration.

#![allow(dead_code)]

/// How a result loses digits past the 16th.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Nearest,
    Up,
    Down,
}

/// `m × 10^e`, exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct D {
    pub m: i128,
    pub e: i32,
}

const LOW: i128 = 1_000_000_000_000_000;
const HIGH: i128 = 10_000_000_000_000_000;

/// Rounds `m × 10^e` (with `sticky` = smaller non-zero digits already dropped) to 16 digits.
fn round(m: i128, mut e: i32, sticky: bool, mode: Mode) -> D {
    if m == 0 {
        return D { m: 0, e: 0 };
    }
    let negative = m < 0;
    let mut a = m.abs();
    while a < LOW {
        a *= 10;
        e -= 1;
    }
    let (mut dropped, mut unit) = (0i128, 1i128);
    while a >= HIGH {
        dropped += (a % 10) * unit;
        unit *= 10;
        a /= 10;
        e += 1;
    }
    let inexact = dropped != 0 || sticky;
    let away = match mode {
        Mode::Up => inexact && !negative,
        Mode::Down => inexact && negative,
        Mode::Nearest => {
            unit > 1 && (dropped * 2 > unit || (dropped * 2 == unit && (sticky || a % 2 == 1)))
        }
    };
    if away {
        a += 1;
        if a >= HIGH {
            a /= 10;
            e += 1;
        }
    }
    D {
        m: if negative { -a } else { a },
        e,
    }
}

impl D {
    pub fn int(v: i128) -> D {
        round(v, 0, false, Mode::Nearest)
    }

    /// From decimal text such as "25.41" or "-0.0001".
    pub fn parse(text: &str) -> D {
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let m: i128 = format!("{int}{frac}").parse().unwrap();
        round(m, -(frac.len() as i32), false, Mode::Nearest)
    }

    pub fn add(self, o: D, mode: Mode) -> D {
        if self.m == 0 {
            return round(o.m, o.e, false, mode);
        }
        if o.m == 0 {
            return round(self.m, self.e, false, mode);
        }
        let (hi, lo) = if self.e >= o.e { (self, o) } else { (o, self) };
        let gap = (hi.e - lo.e) as u32;
        if gap > 20 {
            // lo is below hi's 20th digit: it only decides the rounding direction.
            let big = hi.m * 10i128.pow(20) + lo.m.signum();
            return round(big, hi.e - 20, true, mode);
        }
        round(hi.m * 10i128.pow(gap) + lo.m, lo.e, false, mode)
    }

    pub fn sub(self, o: D, mode: Mode) -> D {
        self.add(D { m: -o.m, e: o.e }, mode)
    }

    pub fn mul(self, o: D, mode: Mode) -> D {
        round(self.m * o.m, self.e + o.e, false, mode)
    }

    pub fn div(self, o: D, mode: Mode) -> D {
        let scaled = self.m * 10i128.pow(20);
        let q = scaled / o.m;
        let sticky = scaled % o.m != 0;
        round(q, self.e - o.e - 20, sticky, mode)
    }

    /// √self by rippled's documented method (`root2` in Number.cpp): scale into (0, 1) by an
    /// even power of ten, start from the least-squares quadratic (−60f² + 144f + 18)/105, and
    /// take Newton steps r ← (r + f/r)/2 until r stops changing — every step rounded in `mode`.
    /// (Not always the correctly rounded root: the last digit is Newton's, as on the ledger.)
    pub fn root2(self, mode: Mode) -> D {
        let one = D::int(1);
        if self.m <= 0 || self == one {
            return self;
        }
        let mut scale = self.e + 16;
        if scale % 2 != 0 {
            scale += 1;
        }
        let f = D {
            m: self.m,
            e: self.e - scale,
        };
        let mut r = D::int(-60)
            .mul(f, mode)
            .add(D::int(144), mode)
            .mul(f, mode)
            .add(D::int(18), mode)
            .div(D::int(105), mode);
        let (mut rm1, mut rm2);
        rm1 = D { m: 0, e: 0 };
        loop {
            rm2 = rm1;
            rm1 = r;
            r = r.add(f.div(r, mode), mode).div(D::int(2), mode);
            if r == rm1 || r == rm2 {
                break;
            }
        }
        D {
            m: r.m,
            e: r.e + scale / 2,
        }
    }

    /// Whole units (drops), rounded in `mode`.
    pub fn to_int(self, mode: Mode) -> i128 {
        if self.e >= 0 {
            return self.m * 10i128.pow(self.e as u32);
        }
        let unit = 10i128.pow((-self.e) as u32);
        let (q, r) = (self.m / unit, self.m % unit);
        match mode {
            Mode::Down if r < 0 => q - 1,
            Mode::Up if r > 0 => q + 1,
            Mode::Nearest if 2 * r.abs() > unit || (2 * r.abs() == unit && q % 2 != 0) => {
                q + r.signum()
            }
            _ => q,
        }
    }

    /// As rippled prints an issued value (plain decimal, no trailing zeros).
    pub fn text(self) -> String {
        if self.m == 0 {
            return "0".into();
        }
        let digits = self.m.abs().to_string();
        let sign = if self.m < 0 { "-" } else { "" };
        let point = digits.len() as i32 + self.e;
        let s = if self.e >= 0 {
            format!("{digits}{}", "0".repeat(self.e as usize))
        } else if point > 0 {
            let (a, b) = digits.split_at(point as usize);
            format!("{a}.{b}")
        } else {
            format!("0.{}{digits}", "0".repeat((-point) as usize))
        };
        let s = if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            s
        };
        format!("{sign}{s}")
    }
}

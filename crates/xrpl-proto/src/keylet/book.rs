//! Order-book directories and offer quality.
//!
//! All offers that trade the same pair sit in one *book*: a run of directory pages whose ids
//! share a 24-byte prefix (the book base, hashed from the two issues) and end in the 8-byte
//! *quality* — the offer's rate, encoded so that byte order is numeric order. Walking a book from
//! best to worst price is walking ids upwards from the base; that is why the sandbox's offer
//! crossing needs these exact encodings.

use crate::hash::Hash256;

use super::issue::Issue;
use super::{LedgerNameSpace, index_hash};

/// rippled's book base: SHA-512Half(`B`, in.currency, out.currency, in.issuer, out.issuer)
/// with the low 64 bits cleared (quality 0). `taker_pays` is the book's "in" side, `taker_gets`
/// its "out" side, as in OfferCreate.
pub fn book_base(taker_pays: &Issue, taker_gets: &Issue) -> Hash256 {
    let hash = index_hash(
        LedgerNameSpace::BOOK_DIR,
        &[
            &taker_pays.currency.0,
            &taker_gets.currency.0,
            taker_pays.issuer.as_bytes(),
            taker_gets.issuer.as_bytes(),
        ],
    );
    with_quality(&hash, 0)
}

/// The directory id for `quality` within the book whose id (or base) is `book`.
pub fn with_quality(book: &Hash256, quality: u64) -> Hash256 {
    let mut bytes = book.0;
    bytes[24..].copy_from_slice(&quality.to_be_bytes());
    Hash256(bytes)
}

/// The quality encoded in a book directory id (its low 64 bits).
pub fn quality_of(directory: &Hash256) -> u64 {
    let mut low = [0u8; 8];
    low.copy_from_slice(&directory.0[24..]);
    u64::from_be_bytes(low)
}

/// The first id past every directory of this book: base + 2^64 (`getQualityNext`).
pub fn quality_next(book: &Hash256) -> Hash256 {
    let mut bytes = book.0;
    // Add one at bit 64, carrying towards the most significant byte.
    for byte in bytes[..24].iter_mut().rev() {
        let (sum, carry) = byte.overflowing_add(1);
        *byte = sum;
        if !carry {
            break;
        }
    }
    Hash256(bytes)
}

/// An amount as rippled's rate arithmetic sees it: an unsigned mantissa and a power of ten.
/// XRP is `(drops, 0)`; an issued value is its mantissa and exponent (normalised or not).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QualityOperand {
    pub mantissa: u64,
    pub exponent: i32,
}

impl QualityOperand {
    pub fn new(mantissa: u64, exponent: i32) -> Self {
        QualityOperand { mantissa, exponent }
    }

    pub fn drops(drops: u64) -> Self {
        QualityOperand::new(drops, 0)
    }
}

const MIN_MANTISSA: u128 = 1_000_000_000_000_000;
const MAX_MANTISSA: u128 = 9_999_999_999_999_999;
const MIN_EXPONENT: i32 = -96;
const MAX_EXPONENT: i32 = 80;

/// The quality of an offer, `TakerPays / TakerGets`, as rippled's `getRate` encodes it:
/// (exponent + 100) in the top 8 bits, the 56-bit normalised mantissa below. Lower is better
/// for the taker. Zero when either side is zero or the rate is out of range, as in rippled.
///
/// The division is STAmount's: both mantissas brought to 16 digits, `num × 10^17 / den + 5`,
/// then truncated back to 16 digits.
pub fn offer_quality(taker_pays: QualityOperand, taker_gets: QualityOperand) -> u64 {
    let (Some((num, num_exp)), Some((den, den_exp))) = (widen(taker_pays), widen(taker_gets))
    else {
        return 0;
    };
    let mut mantissa = num * 100_000_000_000_000_000 / den + 5;
    let mut exponent = num_exp - den_exp - 17;
    while mantissa > MAX_MANTISSA {
        mantissa /= 10;
        exponent += 1;
    }
    while mantissa < MIN_MANTISSA && exponent > MIN_EXPONENT {
        mantissa *= 10;
        exponent -= 1;
    }
    if !(MIN_EXPONENT..=MAX_EXPONENT).contains(&exponent) || mantissa < MIN_MANTISSA {
        return 0;
    }
    // In range: exponent + 100 is in 4..=180, mantissa < 2^54.
    ((exponent + 100) as u64) << 56 | mantissa as u64
}

/// Brings a mantissa up to at least 16 digits (rippled never scales one down here: an XRP
/// amount of up to 10^17 drops stays as is, and the product still fits in 128 bits).
fn widen(operand: QualityOperand) -> Option<(u128, i32)> {
    if operand.mantissa == 0 {
        return None;
    }
    let mut mantissa = u128::from(operand.mantissa);
    let mut exponent = operand.exponent;
    while mantissa < MIN_MANTISSA {
        mantissa *= 10;
        exponent -= 1;
    }
    Some((mantissa, exponent))
}

/// Decodes a quality back into (mantissa, exponent) of the rate `TakerPays / TakerGets`.
pub fn quality_rate(quality: u64) -> (u64, i32) {
    let exponent = (quality >> 56) as i32 - 100;
    (quality & 0x00FF_FFFF_FFFF_FFFF, exponent)
}

//! Order-book directories and offer quality.
//!
//! All offers that trade the same pair sit in one *book*: a run of directory pages whose ids
//! share a 24-byte prefix (the book base, hashed from the two issues) and end in the 8-byte
//! *quality* — the offer's rate, encoded so that byte order is numeric order. Walking a book from
//! best to worst price is walking ids upwards from the base; that is why the sandbox's offer
//! crossing needs these exact encodings.

use crate::amount::{Amount, Issue, Quantity, QuantityKind, divide};
use crate::hash::Hash256;

use super::{LedgerNameSpace, canonical, index_hash};

/// rippled's book base: SHA-512Half(`B`, in.currency, out.currency, in.issuer, out.issuer)
/// with the low 64 bits cleared (quality 0). `taker_pays` is the book's "in" side, `taker_gets`
/// its "out" side, as in OfferCreate.
pub fn book_base(taker_pays: &Issue, taker_gets: &Issue) -> Hash256 {
    let (taker_pays, taker_gets) = (&canonical(taker_pays), &canonical(taker_gets));
    let hash = index_hash(
        LedgerNameSpace::BOOK_DIR,
        &[
            taker_pays.currency.as_bytes(),
            taker_gets.currency.as_bytes(),
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

/// The quality of an offer, `TakerPays / TakerGets`, as rippled's `getRate` encodes it:
/// (exponent + 100) in the top 8 bits, the normalised 16-digit mantissa below. Lower is better
/// for the taker. Zero when either side is zero or the division fails, as in rippled (whose
/// `getRate` also answers 0 then). The division is STAmount's, from [`crate::amount::divide`].
pub fn offer_quality(taker_pays: &Amount, taker_gets: &Amount) -> u64 {
    if taker_gets.is_zero() {
        return 0;
    }
    let Ok(Quantity::Iou(rate)) = divide(
        taker_pays.quantity(),
        taker_gets.quantity(),
        QuantityKind::Iou,
    ) else {
        return 0;
    };
    if rate.is_zero() || rate.is_negative() {
        return 0;
    }
    // A normalised, positive value: exponent + 100 is in 4..=180 and the mantissa < 2^54.
    ((rate.exponent() + 100) as u64) << 56 | rate.mantissa() as u64
}

/// Decodes a quality back into (mantissa, exponent) of the rate `TakerPays / TakerGets`.
pub fn quality_rate(quality: u64) -> (u64, i32) {
    let exponent = (quality >> 56) as i32 - 100;
    (quality & 0x00FF_FFFF_FFFF_FFFF, exponent)
}

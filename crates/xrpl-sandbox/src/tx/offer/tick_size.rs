//! TickSize: an issuer's promise that offers in its tokens are priced to a few significant
//! digits, so order books do not fragment into near-identical qualities.
//!
//! Before an OfferCreate crosses, rippled (`CreateOffer.cpp`) takes the smaller TickSize of the
//! two issuers (XRP has none; 16, the default, means none), rounds the offer's quality
//! (TakerPays / TakerGets) *up* to that many digits (`Quality::round`), and recomputes the side
//! that is not exact: a sell keeps TakerGets and asks `TakerGets × rate`, a buy keeps TakerPays
//! and gives `TakerPays / rate`. The offer then crosses and rests at the rounded quality.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/accountset> (TickSize)
//! and <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/ticksize>.

use xrpl_proto::amount::divide;
use xrpl_proto::amount::{Amount, IouValue, Quantity, multiply};
use xrpl_proto::keylet::{offer_quality, quality_rate};

use crate::apply::assets::{issue_of, kind_of};
use crate::apply::view::ApplyView;

/// rippled's `Quality::maxTickSize`: every digit kept, i.e. no rounding.
pub const MAX_TICK_SIZE: u8 = 16;
/// rippled's `Quality::minTickSize`.
pub const MIN_TICK_SIZE: u8 = 3;

/// The TickSize that applies to an offer between these two amounts' issuers.
pub fn tick_size(view: &ApplyView<'_>, pays: &Amount, gets: &Amount) -> u8 {
    [issue_of(pays), issue_of(gets)]
        .iter()
        .filter(|issue| !issue.is_xrp())
        .filter_map(|issue| view.account(&issue.issuer)?.tick_size)
        .fold(MAX_TICK_SIZE, u8::min)
}

/// A quality rounded up to `digits` significant digits, as rippled's `Quality::round` does on
/// the encoded value (the exponent byte kept, the 16-digit mantissa rounded up).
pub fn round_quality(quality: u64, digits: u8) -> u64 {
    let Some(modulus) = 10u64.checked_pow(u32::from(MAX_TICK_SIZE.saturating_sub(digits))) else {
        return quality;
    };
    let exponent = quality >> 56;
    let mantissa = quality & 0x00FF_FFFF_FFFF_FFFF;
    let mantissa = mantissa + (modulus - 1);
    let mantissa = mantissa - mantissa % modulus;
    (exponent << 56) | mantissa
}

/// The offer's (TakerPays, TakerGets) after the TickSize rounding; `None` when rounding leaves
/// a side at zero (rippled then succeeds without crossing or placing anything).
pub fn apply_tick_size(
    view: &ApplyView<'_>,
    pays: &Amount,
    gets: &Amount,
    sell: bool,
) -> Option<(Amount, Amount)> {
    let digits = tick_size(view, pays, gets);
    if digits >= MAX_TICK_SIZE {
        return Some((*pays, *gets));
    }
    let quality = round_quality(offer_quality(pays, gets), digits);
    let (mantissa, exponent) = quality_rate(quality);
    let rate = Quantity::Iou(IouValue::new(i64::try_from(mantissa).ok()?, exponent).ok()?);
    let rounded = if sell {
        let kind = kind_of(&issue_of(pays));
        (
            pays.with_quantity(multiply(gets.quantity(), rate, kind).ok()?)
                .ok()?,
            *gets,
        )
    } else {
        let kind = kind_of(&issue_of(gets));
        (
            *pays,
            gets.with_quantity(divide(pays.quantity(), rate, kind).ok()?)
                .ok()?,
        )
    };
    (!rounded.0.is_zero() && !rounded.1.is_zero()).then_some(rounded)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 1/3 encoded as rippled's `getRate` does: exponent −16 (+100), mantissa 3333333333333333.
    const ONE_THIRD: u64 = (84 << 56) | 3_333_333_333_333_333;

    #[test]
    fn rounding_is_upwards_to_the_given_digits() {
        assert_eq!(
            round_quality(ONE_THIRD, 5),
            (84 << 56) | 3_333_400_000_000_000
        );
        assert_eq!(
            round_quality(ONE_THIRD, 15),
            (84 << 56) | 3_333_333_333_333_340
        );
        assert_eq!(round_quality(ONE_THIRD, 16), ONE_THIRD);
        // An exact quality is left alone.
        let three = (85 << 56) | 3_000_000_000_000_000;
        assert_eq!(round_quality(three, 3), three);
    }
}

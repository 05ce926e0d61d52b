//! The Amount type (XRP, issued, MPT) and the Number type (STNumber) on the wire.
//!
//! Amount's first bits say which of three layouts follows: XRP is 8 bytes (a "positive" bit and
//! 62 bits of drops), an issued amount is 48 bytes (the decimal value, then currency and issuer),
//! an MPT amount is 33 bytes (a lead byte, 64 bits of units, the 24-byte issuance id). Number is
//! a 64-bit signed mantissa and a 32-bit signed exponent, printed as ripple-binary-codec prints it.

use serde_json::Value;

use super::CodecError;
use super::account_cache::{account_from_classic, classic_of};
use super::binary::Reader;
use crate::address::AccountId;
use crate::amount::{
    Amount, AmountError, Currency, Drops, IouValue, Issue, IssuedAmount, MptAmount, MptIssuanceId,
};
use crate::definitions::FieldDef;

const XRP_POSITIVE_BIT: u64 = 0x4000_0000_0000_0000;
const MPT_LEAD: u8 = 0x60;
const MPT_FLAG: u8 = 0x20;
const NOT_NATIVE: u8 = 0x80;
const POSITIVE: u8 = 0x40;

fn amount_error(field: &FieldDef, source: AmountError) -> CodecError {
    CodecError::Amount {
        field: field.name.clone(),
        source,
    }
}

/// Appends the wire form of an amount.
pub fn write_amount(amount: &Amount, out: &mut Vec<u8>) {
    match amount {
        Amount::Xrp(drops) => {
            let magnitude = drops.get().unsigned_abs();
            let bits = if drops.is_negative() {
                magnitude
            } else {
                magnitude | XRP_POSITIVE_BIT
            };
            out.extend_from_slice(&bits.to_be_bytes());
        }
        Amount::Issued(a) => {
            out.extend_from_slice(&a.value.to_bits().to_be_bytes());
            out.extend_from_slice(a.issue.currency.as_bytes());
            out.extend_from_slice(a.issue.issuer.as_bytes());
        }
        Amount::Mpt(m) => {
            out.push(if m.value < 0 { MPT_FLAG } else { MPT_LEAD });
            out.extend_from_slice(&m.value.unsigned_abs().to_be_bytes());
            out.extend_from_slice(m.issuance.as_bytes());
        }
    }
}

/// Reads an amount, rejecting layouts rippled would not have written.
pub fn read_amount(field: &FieldDef, reader: &mut Reader<'_>) -> Result<Amount, CodecError> {
    let lead = reader.peek()?;
    if lead & NOT_NATIVE != 0 {
        let bits = u64::from_be_bytes(reader.read_array()?);
        let value = IouValue::from_bits(bits).map_err(|e| amount_error(field, e))?;
        let currency = Currency::from_bytes(reader.read_array()?);
        if currency.is_xrp() {
            return Err(amount_error(field, AmountError::BadCurrency("XRP".into())));
        }
        let issuer = AccountId::from_bytes(reader.read_array()?);
        return Ok(Amount::Issued(IssuedAmount::new(
            value,
            Issue::new(currency, issuer),
        )));
    }
    if lead & MPT_FLAG != 0 {
        reader.read_u8()?;
        let units = u64::from_be_bytes(reader.read_array()?);
        let issuance = MptIssuanceId::from_bytes(reader.read_array()?);
        let value = i64::try_from(units)
            .map_err(|_| amount_error(field, AmountError::MptOutOfRange(units.to_string())))?;
        let value = if lead & POSITIVE != 0 { value } else { -value };
        return Ok(Amount::Mpt(MptAmount::new(value, issuance)));
    }
    let bits = u64::from_be_bytes(reader.read_array()?);
    let magnitude = bits & !(XRP_POSITIVE_BIT | 0x8000_0000_0000_0000);
    let negative = bits & XRP_POSITIVE_BIT == 0;
    if negative && magnitude == 0 {
        return Err(amount_error(field, AmountError::NotANumber("-0".into())));
    }
    let magnitude = i64::try_from(magnitude)
        .map_err(|_| amount_error(field, AmountError::XrpOutOfRange(magnitude.to_string())))?;
    let drops = Drops::new(if negative { -magnitude } else { magnitude })
        .map_err(|e| amount_error(field, e))?;
    Ok(Amount::Xrp(drops))
}

pub fn encode(field: &FieldDef, value: &Value, out: &mut Vec<u8>) -> Result<(), CodecError> {
    // Issuers may be written as classic addresses or as 40 hex digits (as rippled's own JSON
    // sometimes does).
    let parse_issuer = |text: &str| {
        if text.len() == 40 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            AccountId::from_hex(text)
        } else {
            account_from_classic(text)
        }
    };
    let amount = Amount::from_json_with(value, parse_issuer).map_err(|e| amount_error(field, e))?;
    write_amount(&amount, out);
    Ok(())
}

pub fn decode(field: &FieldDef, reader: &mut Reader<'_>) -> Result<Value, CodecError> {
    Ok(read_amount(field, reader)?.to_json_with(classic_of))
}

/// STNumber's canonical zero: mantissa 0 with the lowest exponent.
const NUMBER_ZERO_EXPONENT: i32 = i32::MIN;
const NUMBER_MIN_MANTISSA: u64 = 1_000_000_000_000_000;
const NUMBER_MAX_MANTISSA: u64 = 9_999_999_999_999_999;
const NUMBER_MIN_EXPONENT: i64 = -32_768;
const NUMBER_MAX_EXPONENT: i64 = 32_768;

/// Parses a Number string into a normalised (mantissa, exponent): 16 digits, extra digits
/// truncated as ripple-binary-codec does.
fn parse_number(field: &FieldDef, text: &str) -> Result<(i64, i32), CodecError> {
    let bad = || CodecError::WrongType {
        field: field.name.clone(),
        expected: "a decimal number string",
    };
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (body, exponent_text) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (whole, fraction) = match body.split_once('.') {
        Some((w, f)) => (w, f),
        None => (body, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || !all_digits(whole)
        || !all_digits(fraction)
        || (body.contains('.') && fraction.is_empty())
    {
        return Err(bad());
    }
    let mut exponent: i64 = match exponent_text {
        Some(e) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || digits.len() > 9 || !all_digits(digits) {
                return Err(bad());
            }
            e.parse().map_err(|_| bad())?
        }
        None => 0,
    };
    exponent -= fraction.len() as i64;
    let mut mantissa: u64 = 0;
    for b in whole.bytes().chain(fraction.bytes()) {
        let digit = u64::from(b - b'0');
        if mantissa > (u64::MAX - 9) / 10 {
            // Beyond 19 digits the rest only shifts the exponent (truncation).
            exponent += 1;
        } else {
            mantissa = mantissa * 10 + digit;
        }
    }
    if mantissa == 0 {
        return Ok((0, NUMBER_ZERO_EXPONENT));
    }
    while mantissa < NUMBER_MIN_MANTISSA && exponent > NUMBER_MIN_EXPONENT {
        mantissa *= 10;
        exponent -= 1;
    }
    while mantissa > NUMBER_MAX_MANTISSA {
        if exponent >= NUMBER_MAX_EXPONENT {
            return Err(CodecError::OutOfRange {
                field: field.name.clone(),
                value: text.to_string(),
            });
        }
        mantissa /= 10;
        exponent += 1;
    }
    if !(NUMBER_MIN_EXPONENT..=NUMBER_MAX_EXPONENT).contains(&exponent) {
        return Err(CodecError::OutOfRange {
            field: field.name.clone(),
            value: text.to_string(),
        });
    }
    let mantissa = mantissa as i64;
    Ok((if negative { -mantissa } else { mantissa }, exponent as i32))
}

pub fn encode_number(field: &FieldDef, value: &Value, out: &mut Vec<u8>) -> Result<(), CodecError> {
    let text = value.as_str().ok_or_else(|| CodecError::WrongType {
        field: field.name.clone(),
        expected: "a decimal number string",
    })?;
    let (mantissa, exponent) = parse_number(field, text)?;
    out.extend_from_slice(&mantissa.to_be_bytes());
    out.extend_from_slice(&exponent.to_be_bytes());
    Ok(())
}

pub fn decode_number(reader: &mut Reader<'_>) -> Result<Value, CodecError> {
    let mantissa = i64::from_be_bytes(reader.read_array()?);
    let exponent = i32::from_be_bytes(reader.read_array()?);
    Ok(Value::String(format_number(mantissa, exponent)))
}

/// ripple-binary-codec's rendering: scientific outside exponents [-25, -5], decimal inside.
fn format_number(mantissa: i64, exponent: i32) -> String {
    if mantissa == 0 && (exponent == NUMBER_ZERO_EXPONENT || exponent == 0) {
        return "0".to_string();
    }
    if exponent == 0 {
        return mantissa.to_string();
    }
    if !(-25..=-5).contains(&exponent) {
        return format!("{mantissa}e{exponent}");
    }
    let sign = if mantissa < 0 { "-" } else { "" };
    let digits = mantissa.unsigned_abs().to_string();
    let point = digits.len() as i32 + exponent;
    let (whole, fraction) = if point > 0 {
        let (w, f) = digits.split_at(point as usize);
        (w.to_string(), f.to_string())
    } else {
        (
            "0".to_string(),
            format!("{}{digits}", "0".repeat((-point) as usize)),
        )
    };
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

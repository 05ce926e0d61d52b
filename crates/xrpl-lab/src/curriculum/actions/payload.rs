//! Validating and coercing a directive's text arguments against an action's schema.
//!
//! The linter and the runner share this one function, so "the linter passed" means "the runner
//! will accept these arguments". Unlike the original, an action with no fields rejects every
//! argument, and values are checked strictly (no `NaN` amounts, no `maybe` booleans).

use super::super::Args;
use super::{ActionSpec, FieldType, PayloadField};

/// Why a directive's arguments do not fit the action. Each variant names the offending field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayloadError {
    #[error("Unknown field '{field}'{}", expected_fields(.accepted))]
    UnknownField {
        field: String,
        accepted: Vec<&'static str>,
    },
    #[error("Missing required field '{field}'")]
    MissingRequired { field: String },
    #[error("Invalid {ty} for '{field}': {raw}")]
    InvalidValue {
        ty: &'static str,
        field: String,
        raw: String,
    },
    #[error("Invalid value '{raw}' for '{field}'; expected one of: {}", .choices.join(", "))]
    NotAChoice {
        field: String,
        raw: String,
        choices: Vec<&'static str>,
    },
    #[error("Value for '{field}' out of range: {raw} (expected {min} to {max})")]
    OutOfRange {
        field: String,
        raw: String,
        min: i64,
        max: i64,
    },
}

fn expected_fields(accepted: &[&'static str]) -> String {
    if accepted.is_empty() {
        " (this action takes no arguments)".to_string()
    } else {
        format!(" (accepted: {})", accepted.join(", "))
    }
}

impl PayloadError {
    /// The field the error is about.
    pub fn field(&self) -> &str {
        match self {
            PayloadError::UnknownField { field, .. }
            | PayloadError::MissingRequired { field }
            | PayloadError::InvalidValue { field, .. }
            | PayloadError::NotAChoice { field, .. }
            | PayloadError::OutOfRange { field, .. } => field,
        }
    }
}

/// A coerced argument value.
#[derive(Debug, Clone, PartialEq)]
pub enum PayloadValue {
    Str(String),
    Int(i64),
    /// Kept as the validated decimal text (`"10"`, `"0.5"`, `"1e3"`): amounts are exact, never
    /// floats; transports turn them into drops or IOU values.
    Decimal(String),
    Bool(bool),
    Enum(String),
    List(Vec<String>),
}

/// The arguments after validation: every given field, plus defaults for absent ones, in schema
/// order. Absent fields without a default are absent here too.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ValidatedPayload(Vec<(&'static str, PayloadValue)>);

impl ValidatedPayload {
    pub fn get(&self, name: &str) -> Option<&PayloadValue> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    pub fn str(&self, name: &str) -> Option<&str> {
        match self.get(name)? {
            PayloadValue::Str(s) | PayloadValue::Decimal(s) | PayloadValue::Enum(s) => Some(s),
            _ => None,
        }
    }

    pub fn int(&self, name: &str) -> Option<i64> {
        match self.get(name)? {
            PayloadValue::Int(i) => Some(*i),
            _ => None,
        }
    }

    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.get(name)? {
            PayloadValue::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &PayloadValue)> {
        self.0.iter().map(|(n, v)| (*n, v))
    }
}

pub(super) fn validate(spec: &ActionSpec, args: &Args) -> Result<ValidatedPayload, PayloadError> {
    if let Some((key, _)) = args.iter().find(|(k, _)| spec.field(k).is_none()) {
        return Err(PayloadError::UnknownField {
            field: key.to_string(),
            accepted: spec.fields.iter().map(|f| f.name).collect(),
        });
    }
    let mut out = Vec::new();
    for field in spec.fields {
        let raw = match args.get(field.name) {
            Some(raw) => raw,
            None if field.required => {
                return Err(PayloadError::MissingRequired {
                    field: field.name.to_string(),
                });
            }
            None => match field.default {
                Some(d) => d,
                None => continue,
            },
        };
        if field.required && raw.trim().is_empty() {
            return Err(PayloadError::MissingRequired {
                field: field.name.to_string(),
            });
        }
        out.push((field.name, coerce(field, raw)?));
    }
    Ok(ValidatedPayload(out))
}

fn coerce(field: &PayloadField, raw: &str) -> Result<PayloadValue, PayloadError> {
    let invalid = || PayloadError::InvalidValue {
        ty: field.ty.as_str(),
        field: field.name.to_string(),
        raw: raw.to_string(),
    };
    Ok(match field.ty {
        FieldType::Str => PayloadValue::Str(raw.to_string()),
        FieldType::Int => {
            let value = parse_int(raw).ok_or_else(invalid)?;
            let (min, max) = (field.min.unwrap_or(i64::MIN), field.max.unwrap_or(i64::MAX));
            if value < min || value > max {
                return Err(PayloadError::OutOfRange {
                    field: field.name.to_string(),
                    raw: raw.to_string(),
                    min,
                    max,
                });
            }
            PayloadValue::Int(value)
        }
        FieldType::Decimal => {
            if !is_decimal(raw.trim()) {
                return Err(invalid());
            }
            PayloadValue::Decimal(raw.trim().to_string())
        }
        FieldType::Bool => PayloadValue::Bool(parse_bool(raw).ok_or_else(invalid)?),
        FieldType::Enum => {
            if !field.choices.contains(&raw) {
                return Err(PayloadError::NotAChoice {
                    field: field.name.to_string(),
                    raw: raw.to_string(),
                    choices: field.choices.to_vec(),
                });
            }
            PayloadValue::Enum(raw.to_string())
        }
        FieldType::List => PayloadValue::List(
            raw.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        ),
    })
}

/// An integer as Python's `int()` reads text: optional sign, surrounding blanks, and `_`
/// between digits.
fn parse_int(raw: &str) -> Option<i64> {
    let s = raw.trim();
    let (sign, digits) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s.strip_prefix('+').unwrap_or(s)),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        return None;
    }
    format!("{sign}{}", digits.replace('_', "")).parse().ok()
}

/// A finite decimal number: `[+-]digits[.digits][e[+-]digits]`, at least one digit before the
/// exponent. `NaN` and `Infinity` are not amounts.
fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits_ok = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = digits_ok(int_part)
        && digits_ok(frac_part)
        && !(int_part.is_empty() && frac_part.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits_ok(e)
    });
    mantissa_ok && exponent_ok
}

fn parse_bool(raw: &str) -> Option<bool> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Some(true),
        "false" | "0" | "no" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::registry;
    use super::*;

    fn check(action: &str, args: &[(&str, &str)]) -> Result<ValidatedPayload, PayloadError> {
        let args: Args = args.iter().copied().collect();
        registry().get(action).unwrap().validate(&args)
    }

    #[test]
    fn bad_int_names_type_field_and_value() {
        let err = check("check_inventory", &[("min_xrp_drops", "not_a_number")]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Invalid int for 'min_xrp_drops': not_a_number"
        );
        assert_eq!(err.field(), "min_xrp_drops");
    }

    #[test]
    fn ints_accept_python_forms_and_respect_ranges() {
        let ok = check("mint_nft", &[("taxon", "1_000"), ("transfer_fee", "+500")]).unwrap();
        assert_eq!(ok.int("taxon"), Some(1000));
        assert_eq!(ok.int("transfer_fee"), Some(500));
        let err = check("mint_nft", &[("transfer_fee", "50001")]).unwrap_err();
        assert!(matches!(err, PayloadError::OutOfRange { .. }), "{err}");
        assert!(check("mint_nft", &[("taxon", "1__0")]).is_err());
    }

    #[test]
    fn unknown_field_is_rejected_even_without_a_schema() {
        let err = check("submit_payment", &[("amount", "1"), ("foo", "1")]).unwrap_err();
        assert!(err.to_string().starts_with("Unknown field 'foo'"), "{err}");
        let err = check("verify_tx", &[("foo", "1")]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Unknown field 'foo' (this action takes no arguments)"
        );
    }

    #[test]
    fn defaults_fill_absent_fields_and_values_coerce() {
        let ok = check("mint_nft", &[("mutable", "YES")]).unwrap();
        assert_eq!(ok.bool("mutable"), Some(true));
        assert_eq!(ok.bool("transferable"), Some(true));
        assert_eq!(ok.str("uri"), Some("ipfs://example/game-asset.json"));
        assert!(check("mint_nft", &[("mutable", "maybe")]).is_err());
    }

    #[test]
    fn decimals_must_be_finite_numbers() {
        for good in ["10", "0.5", ".5", "1e3", "-2", "+1.25E-2"] {
            assert!(is_decimal(good), "{good}");
        }
        for bad in ["", "NaN", "Infinity", "1.2.3", "e5", "1e", "abc", "."] {
            assert!(!is_decimal(bad), "{bad}");
        }
        assert!(check("submit_payment", &[("amount", "ten")]).is_err());
    }

    #[test]
    fn required_fields_must_be_present_and_not_blank() {
        assert_eq!(
            check("set_trust_line", &[("limit", "5")]).unwrap_err(),
            PayloadError::MissingRequired {
                field: "currency".into()
            }
        );
        assert!(check("set_trust_line", &[("currency", "")]).is_err());
        assert!(check("set_trust_line", &[("currency", "LAB")]).is_ok());
    }

    #[test]
    fn enums_list_their_choices() {
        let err = check("list_nft_sell_offer", &[("seller", "bob")]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Invalid value 'bob' for 'seller'; expected one of: creator, buyer"
        );
    }
}

//! [`Amount`] ↔ JSON, in the shapes rippled and the codec use.
//!
//! XRP is a string of drops (`"1000000"`); an issued amount is `{"currency", "issuer", "value"}`;
//! an MPT amount is `{"mpt_issuance_id", "value"}`. Values print as ripple-binary-codec prints
//! them, so decoding a blob and re-encoding its JSON gives the same bytes.

use serde_json::{Map, Value};

use super::{
    Amount, AmountError, Currency, Drops, IouValue, Issue, IssuedAmount, MptAmount, MptIssuanceId,
};
use crate::address::{AccountId, AddressError};

fn string_member<'a>(object: &'a Map<String, Value>, key: &str) -> Result<&'a str, AmountError> {
    object
        .get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| AmountError::BadJson(format!("`{key}` must be a string")))
}

impl Amount {
    /// Reads an amount from its JSON form.
    pub fn from_json(json: &Value) -> Result<Amount, AmountError> {
        Amount::from_json_with(json, AccountId::from_classic)
    }

    /// [`Amount::from_json`] with the caller's address parser (the codec passes a memoised one).
    pub fn from_json_with(
        json: &Value,
        parse_issuer: impl Fn(&str) -> Result<AccountId, AddressError>,
    ) -> Result<Amount, AmountError> {
        match json {
            Value::String(drops) => Ok(Amount::Xrp(Drops::from_drops_str(drops)?)),
            Value::Object(object) => {
                if object.contains_key("mpt_issuance_id") {
                    if object.len() != 2 || !object.contains_key("value") {
                        return Err(AmountError::BadJson(
                            "an MPT amount has exactly `mpt_issuance_id` and `value`".into(),
                        ));
                    }
                    let issuance =
                        MptIssuanceId::from_hex(string_member(object, "mpt_issuance_id")?)?;
                    let value = MptAmount::parse_value(string_member(object, "value")?)?;
                    return Ok(Amount::Mpt(MptAmount::new(value, issuance)));
                }
                if object.len() != 3 {
                    return Err(AmountError::BadJson(
                        "an issued amount has exactly `currency`, `issuer` and `value`".into(),
                    ));
                }
                let currency = Currency::issued_from_code(string_member(object, "currency")?)?;
                let issuer_text = string_member(object, "issuer")?;
                let issuer = parse_issuer(issuer_text)
                    .map_err(|_| AmountError::BadIssuer(issuer_text.to_string()))?;
                let value: IouValue = string_member(object, "value")?.parse()?;
                Ok(Amount::Issued(IssuedAmount::new(
                    value,
                    Issue::new(currency, issuer),
                )))
            }
            other => Err(AmountError::BadJson(format!(
                "expected a drops string or an amount object, found {other}"
            ))),
        }
    }

    /// The JSON form, as the codec writes it.
    pub fn to_json(&self) -> Value {
        self.to_json_with(AccountId::to_classic)
    }

    /// The JSON form rippled's own API prints: issued values as `STAmount::getText` writes them
    /// (`"1000000000000000e5"` outside the plain-decimal window). For a rippled-compatible face.
    pub fn to_rippled_json(&self) -> Value {
        let mut json = self.to_json();
        if let (Amount::Issued(a), Value::Object(object)) = (self, &mut json) {
            object.insert("value".into(), Value::String(a.value.to_rippled_string()));
        }
        json
    }

    /// [`Amount::to_json`] with the caller's address printer.
    pub fn to_json_with(&self, print_issuer: impl Fn(&AccountId) -> String) -> Value {
        match self {
            Amount::Xrp(drops) => Value::String(drops.to_string()),
            Amount::Issued(a) => {
                let mut object = Map::with_capacity(3);
                object.insert(
                    "currency".into(),
                    Value::String(a.issue.currency.to_string()),
                );
                object.insert(
                    "issuer".into(),
                    Value::String(print_issuer(&a.issue.issuer)),
                );
                object.insert("value".into(), Value::String(a.value.to_string()));
                Value::Object(object)
            }
            Amount::Mpt(m) => {
                let mut object = Map::with_capacity(2);
                object.insert(
                    "mpt_issuance_id".into(),
                    Value::String(m.issuance.to_string()),
                );
                object.insert("value".into(), Value::String(m.value.to_string()));
                Value::Object(object)
            }
        }
    }
}

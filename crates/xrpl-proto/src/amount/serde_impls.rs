//! Serde for the amount types, in the same JSON shapes the codec and rippled use.
//!
//! The sandbox stores ledger state and answers JSON-RPC with these types; giving them the wire
//! JSON forms (drops as a string, values as plain decimals, currencies as codes, MPT ids as hex,
//! amounts as string-or-object) means no caller writes its own conversion.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::{Amount, Currency, Drops, IouValue, Issue, MptIssuanceId};
use crate::address::AccountId;

impl Serialize for Drops {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Drops {
    /// Accepts the string form (`"1000000"`) and, leniently, a JSON integer.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::String(text) => Drops::from_drops_str(&text).map_err(D::Error::custom),
            Value::Number(n) => n
                .as_i64()
                .ok_or_else(|| D::Error::custom("drops out of range"))
                .and_then(|d| Drops::new(d).map_err(D::Error::custom)),
            other => Err(D::Error::custom(format!("expected drops, found {other}"))),
        }
    }
}

impl Serialize for IouValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IouValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(D::Error::custom)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Currency::from_code(&text).map_err(D::Error::custom)
    }
}

impl Serialize for MptIssuanceId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for MptIssuanceId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        MptIssuanceId::from_hex(&text).map_err(D::Error::custom)
    }
}

/// `{"currency": "XRP"}` or `{"currency": "USD", "issuer": "r…"}`, as in the Issue type.
#[derive(Serialize, Deserialize)]
struct IssueJson {
    currency: Currency,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    issuer: Option<AccountId>,
}

impl Serialize for Issue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        IssueJson {
            currency: self.currency,
            issuer: (!self.is_xrp()).then_some(self.issuer),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Issue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = IssueJson::deserialize(deserializer)?;
        match (json.currency.is_xrp(), json.issuer) {
            (true, None) => Ok(Issue::XRP),
            (false, Some(issuer)) => Ok(Issue::new(json.currency, issuer)),
            (true, Some(_)) => Err(D::Error::custom("XRP has no issuer")),
            (false, None) => Err(D::Error::custom("an issued currency needs an issuer")),
        }
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = Value::deserialize(deserializer)?;
        Amount::from_json(&json).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn amounts_serialise_in_their_wire_json_shapes() {
        let usd = json!({"currency": "USD", "issuer": "rLQBHVhFnaC5gLEkgr6HgBJJ3bgeZHg9cj", "value": "12.5"});
        let amount: Amount = serde_json::from_value(usd.clone()).unwrap();
        assert_eq!(serde_json::to_value(amount).unwrap(), usd);
        let xrp: Amount = serde_json::from_value(json!("1000")).unwrap();
        assert_eq!(serde_json::to_value(xrp).unwrap(), json!("1000"));
        let drops: Drops = serde_json::from_value(json!(25)).unwrap();
        assert_eq!(serde_json::to_value(drops).unwrap(), json!("25"));
        let issue: Issue = serde_json::from_value(json!({"currency": "XRP"})).unwrap();
        assert_eq!(issue, Issue::XRP);
        assert_eq!(
            serde_json::to_value(issue).unwrap(),
            json!({"currency": "XRP"})
        );
        assert!(serde_json::from_value::<Issue>(json!({"currency": "USD"})).is_err());
        assert!(serde_json::from_value::<IouValue>(json!("1.2.3")).is_err());
    }
}

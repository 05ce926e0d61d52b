//! Currency codes and issues.
//!
//! On the ledger a currency is 160 bits. The familiar three-character codes (`USD`, `EUR`) sit in
//! bytes 12..15 of an otherwise zero value; anything else (longer names, demurrage codes) is
//! written as 40 hex digits. All-zero is XRP, which is why `XRP` may never be the code of an
//! issued currency. An [`Issue`] is a currency plus the account that issues it: the identity of a
//! trust-line asset.

use std::fmt;
use std::str::FromStr;

use super::AmountError;
use crate::address::AccountId;

/// Characters rippled accepts in a three-character currency code.
fn is_iso_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"<>(){}[]|?!@#$%^&*".contains(&c)
}

/// A 160-bit currency code.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Currency([u8; 20]);

impl Currency {
    /// XRP: all zero bits.
    pub const XRP: Currency = Currency([0; 20]);

    pub const fn from_bytes(bytes: [u8; 20]) -> Currency {
        Currency(bytes)
    }

    pub const fn as_bytes(&self) -> &[u8; 20] {
        &self.0
    }

    pub fn is_xrp(&self) -> bool {
        self.0 == [0; 20]
    }

    /// Parses `XRP`, a three-character code, or 40 hex digits.
    pub fn from_code(code: &str) -> Result<Currency, AmountError> {
        let bad = || AmountError::BadCurrency(code.to_string());
        let bytes = code.as_bytes();
        if code == "XRP" {
            return Ok(Currency::XRP);
        }
        if bytes.len() == 3 {
            if !bytes.iter().all(|c| is_iso_char(*c)) {
                return Err(bad());
            }
            let mut out = [0u8; 20];
            out[12..15].copy_from_slice(bytes);
            return Ok(Currency(out));
        }
        if bytes.len() == 40 {
            let mut out = [0u8; 20];
            hex::decode_to_slice(code, &mut out).map_err(|_| bad())?;
            return Ok(Currency(out));
        }
        Err(bad())
    }

    /// Parses a currency for an issued amount or trust line, where `XRP` is not allowed.
    pub fn issued_from_code(code: &str) -> Result<Currency, AmountError> {
        let currency = Currency::from_code(code)?;
        if currency.is_xrp() {
            return Err(AmountError::BadCurrency(code.to_string()));
        }
        Ok(currency)
    }

    /// The three-character code, when the value is in the standard format (and not "XRP").
    pub fn iso_code(&self) -> Option<&str> {
        let b = &self.0;
        if b[..12].iter().any(|x| *x != 0) || b[15..].iter().any(|x| *x != 0) {
            return None;
        }
        let code = &b[12..15];
        if !code.iter().all(|c| is_iso_char(*c)) || code == b"XRP" {
            return None;
        }
        std::str::from_utf8(code).ok()
    }
}

impl fmt::Display for Currency {
    /// `XRP`, the three-character code, or 40 upper-case hex digits (as the codec writes it).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_xrp() {
            return f.write_str("XRP");
        }
        match self.iso_code() {
            Some(code) => f.write_str(code),
            None => f.write_str(&hex::encode_upper(self.0)),
        }
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({self})")
    }
}

impl FromStr for Currency {
    type Err = AmountError;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Currency::from_code(code)
    }
}

/// A currency and its issuer: the asset of a trust line. XRP's issue has the zero account.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Issue {
    pub currency: Currency,
    pub issuer: AccountId,
}

impl Issue {
    pub const XRP: Issue = Issue {
        currency: Currency::XRP,
        issuer: AccountId::ZERO,
    };

    pub fn new(currency: Currency, issuer: AccountId) -> Issue {
        Issue { currency, issuer }
    }

    pub fn is_xrp(&self) -> bool {
        self.currency.is_xrp()
    }
}

impl fmt::Display for Issue {
    /// `XRP`, or `USD/rIssuer…`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_xrp() {
            f.write_str("XRP")
        } else {
            write!(f, "{}/{}", self.currency, self.issuer)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_160_bits() {
        let usd = Currency::from_code("USD").unwrap();
        assert_eq!(
            hex::encode_upper(usd.as_bytes()),
            "0000000000000000000000005553440000000000"
        );
        assert_eq!(usd.to_string(), "USD");
        assert_eq!(Currency::from_code("XRP").unwrap(), Currency::XRP);
        assert_eq!(Currency::XRP.to_string(), "XRP");
        let hexcode = "0158415500000000C1F76FF6ECB0BAC600000000";
        assert_eq!(Currency::from_code(hexcode).unwrap().to_string(), hexcode);
        // "XRP" in the standard slot is not XRP; it prints as hex so it cannot be confused.
        let fake = Currency::from_code("0000000000000000000000005852500000000000").unwrap();
        assert_eq!(fake.to_string(), "0000000000000000000000005852500000000000");
        for bad in [
            "US",
            "USDX",
            "U D",
            "",
            "0158415500000000C1F76FF6ECB0BAC60000000G",
        ] {
            assert!(Currency::from_code(bad).is_err(), "{bad:?}");
        }
        assert!(Currency::issued_from_code("XRP").is_err());
    }
}

//! Currencies, issues and MPT issuance ids: the asset identities that ledger-object ids are
//! hashed from.
//!
//! rippled keys trust lines, order books and AMM pools by 160-bit currency codes and issuer
//! account ids, never by the text a learner types, so the conversion from `"USD"` to bytes lives
//! next to the keylets that need it.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use thiserror::Error;

use crate::address::AccountId;

/// A currency code or issue that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CurrencyError {
    #[error(
        "invalid currency {0:?}: expected a 3-character code (letters, digits, ?!@#$%^&*<>(){{}}[]|) or 40 hex digits"
    )]
    BadCode(String),
}

/// A 160-bit currency code. All zeros is XRP; a "standard" code is three ASCII characters at
/// bytes 12..15 with every other byte zero; anything else is a nonstandard code shown as hex.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Currency(pub [u8; 20]);

impl Currency {
    pub const XRP: Currency = Currency([0u8; 20]);

    pub fn is_xrp(&self) -> bool {
        *self == Self::XRP
    }

    /// `"USD"` → standard code bytes; `"XRP"` → the XRP currency; 40 hex digits → as given.
    pub fn from_code(code: &str) -> Result<Self, CurrencyError> {
        if code == "XRP" {
            return Ok(Self::XRP);
        }
        if code.len() == 3 && code.bytes().all(is_standard_code_char) {
            let mut bytes = [0u8; 20];
            bytes[12..15].copy_from_slice(code.as_bytes());
            return Ok(Currency(bytes));
        }
        let mut bytes = [0u8; 20];
        if code.len() == 40 && hex::decode_to_slice(code, &mut bytes).is_ok() {
            return Ok(Currency(bytes));
        }
        Err(CurrencyError::BadCode(code.to_owned()))
    }

    /// The three-letter code when the bytes are in the standard layout.
    pub fn standard_code(&self) -> Option<&str> {
        let standard = self.0[..12].iter().all(|b| *b == 0)
            && self.0[15..].iter().all(|b| *b == 0)
            && self.0[12..15].iter().copied().all(is_standard_code_char);
        if standard && !self.is_xrp() {
            std::str::from_utf8(&self.0[12..15]).ok()
        } else {
            None
        }
    }
}

fn is_standard_code_char(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"?!@#$%^&*<>(){}[]|".contains(&byte)
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_xrp() {
            f.write_str("XRP")
        } else if let Some(code) = self.standard_code() {
            f.write_str(code)
        } else {
            f.write_str(&hex::encode_upper(self.0))
        }
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({self})")
    }
}

impl FromStr for Currency {
    type Err = CurrencyError;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Currency::from_code(code)
    }
}

/// A currency and its issuer. For XRP the issuer is the zero account and plays no part in
/// comparisons, as in rippled.
#[derive(Clone, Copy, Debug)]
pub struct Issue {
    pub currency: Currency,
    pub issuer: AccountId,
}

impl Issue {
    pub const XRP: Issue = Issue {
        currency: Currency::XRP,
        issuer: AccountId::ZERO,
    };

    pub fn new(currency: Currency, issuer: AccountId) -> Self {
        if currency.is_xrp() {
            Self::XRP
        } else {
            Issue { currency, issuer }
        }
    }

    pub fn is_xrp(&self) -> bool {
        self.currency.is_xrp()
    }
}

impl PartialEq for Issue {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Issue {}

impl std::hash::Hash for Issue {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.currency.hash(state);
        if !self.is_xrp() {
            self.issuer.hash(state);
        }
    }
}

impl PartialOrd for Issue {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Currency first, then issuer unless the currency is XRP: the order rippled uses to put the
/// two sides of an AMM pool in a canonical order.
impl Ord for Issue {
    fn cmp(&self, other: &Self) -> Ordering {
        self.currency.cmp(&other.currency).then_with(|| {
            if self.is_xrp() {
                Ordering::Equal
            } else {
                self.issuer.cmp(&other.issuer)
            }
        })
    }
}

/// A 192-bit MPT issuance id: the issuer's sequence at creation (big-endian) ‖ issuer.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MptId(pub [u8; 24]);

impl MptId {
    pub fn new(sequence: u32, issuer: &AccountId) -> Self {
        let mut bytes = [0u8; 24];
        bytes[..4].copy_from_slice(&sequence.to_be_bytes());
        bytes[4..].copy_from_slice(issuer.as_bytes());
        MptId(bytes)
    }

    pub fn sequence(&self) -> u32 {
        u32::from_be_bytes([self.0[0], self.0[1], self.0[2], self.0[3]])
    }

    pub fn issuer(&self) -> AccountId {
        let mut bytes = [0u8; 20];
        bytes.copy_from_slice(&self.0[4..]);
        AccountId::from_bytes(bytes)
    }

    pub fn to_hex(&self) -> String {
        hex::encode_upper(self.0)
    }

    pub fn from_hex(text: &str) -> Option<Self> {
        let mut bytes = [0u8; 24];
        hex::decode_to_slice(text, &mut bytes).ok()?;
        Some(MptId(bytes))
    }
}

impl fmt::Display for MptId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for MptId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MptId({})", self.to_hex())
    }
}

//! Account ids and the two ways to write them: classic `r…` addresses and X-addresses.
//!
//! An account is 20 bytes: RIPEMD-160(SHA-256(public key)). Learners meet it as a classic
//! address (Base58Check, version `0x00`), and sometimes as an X-address, which packs the account,
//! an optional destination tag and the network kind (main or test) into one string, per the
//! XLS-5d spec as ripple-address-codec implements it. Everything the ledger stores and the codec
//! writes is the 20-byte [`AccountId`]; strings are parsed at the edge into it.

use std::fmt;
use std::str::FromStr;

use ripemd::Ripemd160;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::base58::{self, Base58Error};

/// Version byte of a classic address (gives the leading `r`).
const CLASSIC_VERSION: [u8; 1] = [0x00];
/// X-address prefixes (give the leading `X` on main net, `T` on test networks).
const X_MAIN_PREFIX: [u8; 2] = [0x05, 0x44];
const X_TEST_PREFIX: [u8; 2] = [0x04, 0x93];
/// prefix (2) ‖ account (20) ‖ tag flag (1) ‖ tag as 64-bit little-endian (8).
const X_PAYLOAD_LEN: usize = 31;

/// Why an address string (or byte string) is not an account.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AddressError {
    /// The Base58Check envelope is broken: bad character, bad checksum, wrong prefix or length.
    #[error("invalid address: {0}")]
    Base58(#[from] Base58Error),
    /// An account id given as raw bytes or hex has the wrong size.
    #[error("an account id is 20 bytes, found {0}")]
    WrongLength(usize),
    /// An account id given as hex is not hex.
    #[error("an account id in hex must be 40 hex digits")]
    BadHex,
    /// Decodes, but with a prefix that is neither the main-net nor the test-net X-address prefix.
    #[error("invalid X-address: unknown network prefix")]
    BadXAddressPrefix,
    /// The tag flag byte is neither 0 (no tag) nor 1 (32-bit tag); 64-bit tags are unsupported.
    #[error("invalid X-address: unsupported tag flag {0}")]
    BadTagFlag(u8),
    /// The tag bytes disagree with the flag: a tag without the flag, or one past 32 bits.
    #[error("invalid X-address: tag bytes do not match the tag flag")]
    BadTag,
}

/// The 20-byte identity of an account: what the ledger keys objects by and the codec writes.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct AccountId([u8; 20]);

impl AccountId {
    /// The account with all-zero bytes (`rrrrrrrrrrrrrrrrrrrrrhoLvTp`), which rippled uses as the
    /// "no account" marker, e.g. the XRP issuer.
    pub const ZERO: AccountId = AccountId([0u8; 20]);

    pub const fn from_bytes(bytes: [u8; 20]) -> Self {
        AccountId(bytes)
    }

    /// Accepts exactly 20 bytes.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, AddressError> {
        let array: [u8; 20] = bytes
            .try_into()
            .map_err(|_| AddressError::WrongLength(bytes.len()))?;
        Ok(AccountId(array))
    }

    /// Parses 40 hex digits (either case), the form rippled uses inside some JSON (e.g. metadata).
    pub fn from_hex(text: &str) -> Result<Self, AddressError> {
        let bytes = hex::decode(text).map_err(|_| AddressError::BadHex)?;
        Self::from_slice(&bytes)
    }

    /// The account controlled by a 33-byte public key (`ED`-prefixed ed25519 or compressed
    /// secp256k1): RIPEMD-160(SHA-256(key)).
    pub fn from_public_key(public_key: &[u8]) -> Self {
        let digest = Ripemd160::digest(Sha256::digest(public_key));
        let mut bytes = [0u8; 20];
        bytes.copy_from_slice(&digest);
        AccountId(bytes)
    }

    pub const fn as_bytes(&self) -> &[u8; 20] {
        &self.0
    }

    /// Upper-case hex, as rippled prints account ids in hex form.
    pub fn to_hex(&self) -> String {
        base16ct::upper::encode_string(&self.0)
    }

    /// The classic `r…` address. Memoised per thread (see the codec's `account_cache`): the
    /// engine prints the same few accounts into every transaction's metadata.
    pub fn to_classic(&self) -> String {
        crate::codec::account_cache::classic_of(self)
    }

    /// Parses a classic `r…` address (not an X-address: see [`XAddress`] or [`parse_any`]).
    /// Memoised per thread, like [`to_classic`](Self::to_classic).
    pub fn from_classic(text: &str) -> Result<Self, AddressError> {
        crate::codec::account_cache::account_from_classic(text)
    }

    /// [`to_classic`](Self::to_classic) without the memo: the Base58Check encoding itself.
    pub(crate) fn encode_classic(&self) -> String {
        base58::encode_check(&CLASSIC_VERSION, &self.0)
    }

    /// [`from_classic`](Self::from_classic) without the memo.
    pub(crate) fn decode_classic(text: &str) -> Result<Self, AddressError> {
        Ok(AccountId(base58::decode_versioned::<20>(
            text,
            &CLASSIC_VERSION,
        )?))
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_classic())
    }
}

impl fmt::Debug for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AccountId({})", self.to_classic())
    }
}

impl FromStr for AccountId {
    type Err = AddressError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::from_classic(text)
    }
}

impl From<[u8; 20]> for AccountId {
    fn from(bytes: [u8; 20]) -> Self {
        AccountId(bytes)
    }
}

impl AsRef<[u8]> for AccountId {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl Serialize for AccountId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_classic())
    }
}

impl<'de> Deserialize<'de> for AccountId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        AccountId::from_classic(&text).map_err(serde::de::Error::custom)
    }
}

/// An X-address: account, optional destination tag, and whether it is meant for a test network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct XAddress {
    pub account: AccountId,
    pub tag: Option<u32>,
    /// `true` for the `T…` form (testnet/devnet), `false` for the `X…` main-net form.
    pub test: bool,
}

impl XAddress {
    pub fn new(account: AccountId, tag: Option<u32>, test: bool) -> Self {
        XAddress { account, tag, test }
    }

    pub fn encode(&self) -> String {
        let mut bytes = [0u8; X_PAYLOAD_LEN - 2];
        bytes[..20].copy_from_slice(self.account.as_bytes());
        if let Some(tag) = self.tag {
            bytes[20] = 1;
            bytes[21..25].copy_from_slice(&tag.to_le_bytes());
        }
        let prefix = if self.test {
            &X_TEST_PREFIX
        } else {
            &X_MAIN_PREFIX
        };
        base58::encode_check(prefix, &bytes)
    }

    pub fn decode(text: &str) -> Result<Self, AddressError> {
        let bytes = base58::decode_check(text)?;
        if bytes.len() != X_PAYLOAD_LEN {
            return Err(Base58Error::WrongLength {
                expected: X_PAYLOAD_LEN - 2,
                found: bytes.len().saturating_sub(2),
            }
            .into());
        }
        let test = match [bytes[0], bytes[1]] {
            X_MAIN_PREFIX => false,
            X_TEST_PREFIX => true,
            _ => return Err(AddressError::BadXAddressPrefix),
        };
        let account = AccountId::from_slice(&bytes[2..22])?;
        let tag_bytes = &bytes[23..31];
        let tag = match bytes[22] {
            0 if tag_bytes.iter().all(|b| *b == 0) => None,
            // Only the low 32 bits may be used: rippled's tags are UInt32.
            1 if tag_bytes[4..].iter().all(|b| *b == 0) => Some(u32::from_le_bytes([
                tag_bytes[0],
                tag_bytes[1],
                tag_bytes[2],
                tag_bytes[3],
            ])),
            0 | 1 => return Err(AddressError::BadTag),
            flag => return Err(AddressError::BadTagFlag(flag)),
        };
        Ok(XAddress { account, tag, test })
    }
}

impl fmt::Display for XAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encode())
    }
}

impl FromStr for XAddress {
    type Err = AddressError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::decode(text)
    }
}

/// True when `text` has the shape of an X-address (checksum and prefix verified).
pub fn is_x_address(text: &str) -> bool {
    XAddress::decode(text).is_ok()
}

/// Parses either form: a classic address gives no tag; an X-address gives its tag.
///
/// The codec uses this where the transaction JSON may carry an X-address in `Account` or
/// `Destination` (the tag then belongs in `SourceTag`/`DestinationTag`).
pub fn parse_any(text: &str) -> Result<(AccountId, Option<u32>), AddressError> {
    match AccountId::from_classic(text) {
        Ok(account) => Ok((account, None)),
        Err(classic_err) => match XAddress::decode(text) {
            Ok(x) => Ok((x.account, x.tag)),
            // Report the classic error for strings that are not X-address-shaped at all.
            Err(AddressError::Base58(Base58Error::WrongLength { .. }))
            | Err(AddressError::BadXAddressPrefix) => Err(classic_err),
            Err(err) => Err(err),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_account_is_the_well_known_black_hole() {
        assert_eq!(AccountId::ZERO.to_classic(), "rrrrrrrrrrrrrrrrrrrrrhoLvTp");
        let one = AccountId::from_bytes({
            let mut b = [0u8; 20];
            b[19] = 1;
            b
        });
        assert_eq!(one.to_classic(), "rrrrrrrrrrrrrrrrrrrrBZbvji");
    }

    #[test]
    fn x_address_round_trip_keeps_tag_and_network() {
        let account: AccountId = "rGWrZyQqhTp9Xu7G5Pkayo7bXjH4k4QYpf".parse().unwrap();
        for tag in [None, Some(0), Some(1), Some(u32::MAX)] {
            for test in [false, true] {
                let x = XAddress::new(account, tag, test);
                let text = x.encode();
                assert_eq!(text.starts_with('T'), test);
                assert_eq!(XAddress::decode(&text), Ok(x));
                assert_eq!(parse_any(&text), Ok((account, tag)));
            }
        }
    }
}

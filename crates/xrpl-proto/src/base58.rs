//! Versioned Base58Check with the XRPL alphabet.
//!
//! Every human-facing XRPL identifier (classic addresses, X-addresses, family seeds, node keys) is
//! the same envelope: version bytes ‖ payload ‖ the first four bytes of SHA-256(SHA-256(·)),
//! written in the `rpshnaf39w…` alphabet. This module owns that envelope so the callers only say
//! which version they expect and how long the payload must be; each gets a typed error that tells
//! a learner *what* is wrong with the string they pasted (a typo → checksum, the wrong kind of
//! string → version, a truncated string → length).

use thiserror::Error;

/// What can be wrong with a Base58Check string, before anyone interprets the payload.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Base58Error {
    /// The string is empty.
    #[error("empty string")]
    Empty,
    /// A character outside the XRPL alphabet (`0`, `O`, `I`, `l` and all non-ASCII are absent).
    #[error("character {character:?} at position {index} is not in the XRPL base58 alphabet")]
    InvalidCharacter { character: char, index: usize },
    /// The last four bytes are not the double-SHA-256 checksum of the rest: usually a typo.
    #[error("checksum mismatch (a mistyped or truncated string)")]
    BadChecksum,
    /// The version bytes say this is another kind of identifier.
    #[error("unexpected version prefix (this string encodes a different kind of value)")]
    WrongVersion,
    /// Checksum and version are fine but the payload has the wrong size.
    #[error("wrong payload length: expected {expected} bytes, found {found}")]
    WrongLength { expected: usize, found: usize },
}

impl From<bs58::decode::Error> for Base58Error {
    fn from(err: bs58::decode::Error) -> Self {
        match err {
            bs58::decode::Error::InvalidCharacter { character, index } => {
                Base58Error::InvalidCharacter { character, index }
            }
            bs58::decode::Error::NonAsciiCharacter { index } => Base58Error::InvalidCharacter {
                character: char::REPLACEMENT_CHARACTER,
                index,
            },
            bs58::decode::Error::InvalidVersion { .. } => Base58Error::WrongVersion,
            // NoChecksum: fewer than four bytes; every other variant is a checksum failure or
            // cannot happen with `into_vec`.
            _ => Base58Error::BadChecksum,
        }
    }
}

/// Encodes `version ‖ payload` with its checksum in the XRPL alphabet.
pub fn encode_check(version: &[u8], payload: &[u8]) -> String {
    let mut bytes = Vec::with_capacity(version.len() + payload.len());
    bytes.extend_from_slice(version);
    bytes.extend_from_slice(payload);
    bs58::encode(bytes)
        .with_alphabet(bs58::Alphabet::RIPPLE)
        .with_check()
        .into_string()
}

/// Decodes a Base58Check string and verifies its checksum; returns `version ‖ payload`.
pub fn decode_check(text: &str) -> Result<Vec<u8>, Base58Error> {
    if text.is_empty() {
        return Err(Base58Error::Empty);
    }
    Ok(bs58::decode(text)
        .with_alphabet(bs58::Alphabet::RIPPLE)
        .with_check(None)
        .into_vec()?)
}

/// Decodes a string that must carry exactly `version` and an `N`-byte payload.
///
/// The length is checked before the version, so a truncated string of the right kind reports
/// its length rather than a misleading version mismatch.
pub fn decode_versioned<const N: usize>(
    text: &str,
    version: &[u8],
) -> Result<[u8; N], Base58Error> {
    let bytes = decode_check(text)?;
    let expected = version.len() + N;
    if bytes.len() != expected {
        // A different length with the right prefix is a broken value; with another prefix it is
        // another kind of value altogether.
        return Err(if bytes.starts_with(version) {
            Base58Error::WrongLength {
                expected: N,
                found: bytes.len().saturating_sub(version.len()),
            }
        } else {
            Base58Error::WrongVersion
        });
    }
    if !bytes.starts_with(version) {
        return Err(Base58Error::WrongVersion);
    }
    let mut payload = [0u8; N];
    payload.copy_from_slice(&bytes[version.len()..]);
    Ok(payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_with_multi_byte_versions() {
        let payload = [7u8; 16];
        let text = encode_check(&[0x01, 0xE1, 0x4B], &payload);
        assert!(text.starts_with("sEd"));
        assert_eq!(
            decode_versioned::<16>(&text, &[0x01, 0xE1, 0x4B]),
            Ok(payload)
        );
        assert_eq!(
            decode_versioned::<16>(&text, &[0x21]),
            Err(Base58Error::WrongVersion)
        );
    }

    #[test]
    fn reports_typos_and_alphabet_errors() {
        let text = encode_check(&[0], &[1u8; 20]);
        let mut chars: Vec<char> = text.chars().collect();
        let last = chars.len() - 1;
        chars[last] = if chars[last] == 'r' { 'p' } else { 'r' };
        let typo: String = chars.into_iter().collect();
        assert_eq!(decode_check(&typo), Err(Base58Error::BadChecksum));
        assert!(matches!(
            decode_check("r0"),
            Err(Base58Error::InvalidCharacter { character: '0', .. })
        ));
        assert_eq!(decode_check(""), Err(Base58Error::Empty));
        assert_eq!(
            decode_versioned::<20>(&encode_check(&[0], &[1u8; 19]), &[0]),
            Err(Base58Error::WrongLength {
                expected: 20,
                found: 19
            })
        );
    }
}

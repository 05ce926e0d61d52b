//! The one door between the engine and `xrpl-proto`.
//!
//! Every call into the codec, the keys, the address encoding and the keylets goes through here,
//! so the engine reads in ledger vocabulary and a change in `xrpl-proto`'s surface is a one-file
//! change. Pieces marked `SHIM` are stand-ins written while the matching `xrpl-proto` module was
//! still empty; each is to be replaced by a re-export or a one-line call.

use serde_json::Value;
use sha2::{Digest, Sha512};
use thiserror::Error;

/// A 256-bit ledger key (keylet) or hash.
pub type Hash256 = [u8; 32];

/// Why a blob or a field could not be turned into something the engine can apply.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ProtoError {
    /// The bytes are not a canonical serialised transaction.
    #[error("{0}")]
    Codec(String),
    /// The signature does not verify, or the key is malformed.
    #[error("Invalid signature.")]
    BadSignature,
}

// SHIM(crypto: address::AccountId) — a 20-byte account id, `Copy` and ordered like rippled's.
/// A 160-bit account id.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AccountId(pub [u8; 20]);

impl std::fmt::Debug for AccountId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&encode_address(self))
    }
}

impl std::fmt::Display for AccountId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&encode_address(self))
    }
}

const ACCOUNT_ID_VERSION: u8 = 0x00;

// SHIM(crypto: address) — classic address encoding, XRPL alphabet with a double-SHA-256 checksum.
/// The classic `r…` address of an account id.
pub fn encode_address(id: &AccountId) -> String {
    let mut payload = Vec::with_capacity(21);
    payload.push(ACCOUNT_ID_VERSION);
    payload.extend_from_slice(&id.0);
    bs58::encode(payload)
        .with_alphabet(bs58::Alphabet::RIPPLE)
        .with_check()
        .into_string()
}

// SHIM(crypto: address) — decoding the classic form; X-addresses are the transport's concern.
/// The account id of a classic `r…` address, or `None` when it is not one.
pub fn decode_address(address: &str) -> Option<AccountId> {
    let bytes = bs58::decode(address)
        .with_alphabet(bs58::Alphabet::RIPPLE)
        .with_check(Some(ACCOUNT_ID_VERSION))
        .into_vec()
        .ok()?;
    let body: [u8; 20] = bytes.get(1..)?.try_into().ok()?;
    Some(AccountId(body))
}

// SHIM(crypto: hash::sha512_half)
/// SHA-512Half over the concatenation of `parts`.
pub fn sha512_half(parts: &[&[u8]]) -> Hash256 {
    let mut hasher = Sha512::new();
    for part in parts {
        hasher.update(part);
    }
    let digest = hasher.finalize();
    let mut out = [0u8; 32];
    out.copy_from_slice(&digest[..32]);
    out
}

/// Upper-case hex, the way rippled prints hashes and keys.
pub fn hex_upper(bytes: &[u8]) -> String {
    hex::encode_upper(bytes)
}

/// Parses a 64-hex-digit hash (either case).
pub fn parse_hash256(text: &str) -> Option<Hash256> {
    let mut out = [0u8; 32];
    hex::decode_to_slice(text, &mut out).ok()?;
    Some(out)
}

/// Ledger-object ids, as rippled's `keylet::*` computes them.
// SHIM(crypto: keylet::*) — each is SHA-512Half over a two-byte space tag and the object's key.
pub mod keylet {
    use super::{AccountId, Hash256, sha512_half};

    fn space(tag: u8) -> [u8; 2] {
        [0, tag]
    }

    /// The AccountRoot of `account`.
    pub fn account(account: &AccountId) -> Hash256 {
        sha512_half(&[&space(b'a'), &account.0])
    }

    /// The root page of `account`'s owner directory.
    pub fn owner_dir(account: &AccountId) -> Hash256 {
        sha512_half(&[&space(b'O'), &account.0])
    }

    /// Page `page` of the directory rooted at `root` (page 0 is the root itself).
    pub fn dir_page(root: &Hash256, page: u64) -> Hash256 {
        if page == 0 {
            return *root;
        }
        sha512_half(&[&space(b'd'), root, &page.to_be_bytes()])
    }

    /// The trust line between two accounts for a 160-bit currency code.
    pub fn line(a: &AccountId, b: &AccountId, currency: &[u8; 20]) -> Hash256 {
        let (low, high) = if a < b { (a, b) } else { (b, a) };
        sha512_half(&[&space(b'r'), &low.0, &high.0, currency])
    }

    /// The Offer `account` created with sequence `seq`.
    pub fn offer(account: &AccountId, seq: u32) -> Hash256 {
        sha512_half(&[&space(b'o'), &account.0, &seq.to_be_bytes()])
    }

    /// The Escrow `account` created with sequence `seq`.
    pub fn escrow(account: &AccountId, seq: u32) -> Hash256 {
        sha512_half(&[&space(b'u'), &account.0, &seq.to_be_bytes()])
    }

    /// The PayChannel from `source` to `destination` created with sequence `seq`.
    pub fn pay_channel(source: &AccountId, destination: &AccountId, seq: u32) -> Hash256 {
        sha512_half(&[&space(b'x'), &source.0, &destination.0, &seq.to_be_bytes()])
    }

    /// The Ticket `account` holds for sequence `seq`.
    pub fn ticket(account: &AccountId, seq: u32) -> Hash256 {
        sha512_half(&[&space(b'T'), &account.0, &seq.to_be_bytes()])
    }

    /// The Check `account` created with sequence `seq`.
    pub fn check(account: &AccountId, seq: u32) -> Hash256 {
        sha512_half(&[&space(b'C'), &account.0, &seq.to_be_bytes()])
    }

    /// The DepositPreauth `owner` granted to `authorized`.
    pub fn deposit_preauth(owner: &AccountId, authorized: &AccountId) -> Hash256 {
        sha512_half(&[&space(b'p'), &owner.0, &authorized.0])
    }
}

/// A transaction as the codec decodes it, with the facts the engine needs about its bytes.
#[derive(Debug, Clone)]
pub struct DecodedTx {
    /// The transaction's JSON form (rippled's field names).
    pub json: Value,
    /// Its id: SHA-512Half of `TXN\0` and the blob.
    pub hash: Hash256,
}

const TXN_ID_PREFIX: [u8; 4] = *b"TXN\0";

/// Decodes a signed blob and computes its id.
pub fn decode_transaction(blob: &[u8]) -> Result<DecodedTx, ProtoError> {
    let json = codec_decode(blob)?;
    if !json.is_object() || json.get("TransactionType").is_none() {
        return Err(ProtoError::Codec("not a transaction".into()));
    }
    Ok(DecodedTx {
        json,
        hash: sha512_half(&[&TXN_ID_PREFIX, blob]),
    })
}

fn codec_decode(blob: &[u8]) -> Result<Value, ProtoError> {
    let _ = blob;
    Err(ProtoError::Codec("codec unavailable".into()))
}

/// Checks the single signature of `tx` against its `SigningPubKey` and returns the account id
/// that key controls (to be matched against the master or regular key of `Account`).
pub fn verify_transaction(tx: &Value) -> Result<AccountId, ProtoError> {
    let _ = tx;
    Err(ProtoError::BadSignature)
}

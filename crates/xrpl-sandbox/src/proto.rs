//! The one door between the engine and `xrpl-proto`.
//!
//! Every call into the codec, the keys, the address encoding and the keylets goes through here,
//! so the engine reads in ledger vocabulary and a change in `xrpl-proto`'s surface is a one-file
//! change.

use serde_json::Value;
use thiserror::Error;
use xrpl_proto::codec::encode_for_signing_claim;
use xrpl_proto::keys::{KeyPair, PublicKey};
use xrpl_proto::sign::{
    SignError, VerifiedTransaction, verify_transaction, verify_transaction_with_id,
    verify_transactions,
};

pub use xrpl_proto::address::AccountId;
pub use xrpl_proto::hash::Hash256;

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

/// The classic `r…` address of an account id.
pub fn encode_address(id: &AccountId) -> String {
    id.to_classic()
}

/// The account id of a classic `r…` address, or `None` when it is not one.
pub fn decode_address(address: &str) -> Option<AccountId> {
    AccountId::from_classic(address).ok()
}

/// SHA-512Half over the concatenation of `parts`.
pub fn sha512_half(parts: &[&[u8]]) -> Hash256 {
    xrpl_proto::hash::sha512_half_of(parts)
}

/// Upper-case hex, the way rippled prints hashes and keys.
pub fn hex_upper(bytes: impl AsRef<[u8]>) -> String {
    // By table, a byte at a time: the `hex` crate's char-by-char collect costs several times
    // more, and metadata prints a few hashes per transaction.
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let bytes = bytes.as_ref();
    let mut text = Vec::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(DIGITS[usize::from(byte >> 4)]);
        text.push(DIGITS[usize::from(byte & 0x0F)]);
    }
    // Only ASCII digits were written, so this always holds.
    String::from_utf8(text).unwrap_or_default()
}

/// Parses a 64-hex-digit hash (either case).
pub fn parse_hash256(text: &str) -> Option<Hash256> {
    Hash256::from_hex(text).ok()
}

/// Ledger-object ids, as rippled's `keylet::*` computes them (from `xrpl-proto`), under the
/// names the engine uses.
pub mod keylet {
    use std::cell::RefCell;
    use std::collections::HashMap;

    use super::{AccountId, Hash256};
    use xrpl_proto::amount::{Currency, Issue};
    use xrpl_proto::keylet as k;

    pub use k::{NFTokenIdParts, nftoken_id, nftoken_id_parts};
    pub use k::{quality_next, quality_of, with_quality};

    /// Accounts the per-thread memo of AccountRoot keys holds before it starts over.
    const ACCOUNT_MEMO: usize = 4096;

    thread_local! {
        /// AccountRoot keys computed lately. A transaction looks up its accounts' roots a dozen
        /// times (preclaim, fee, apply, metadata), each a SHA-512Half; the memo is keyed by the
        /// whole account id, so it cannot change a key.
        static ACCOUNT_KEYS: RefCell<HashMap<AccountId, Hash256>> = RefCell::new(HashMap::new());
    }

    /// The AccountRoot of `account`.
    pub fn account(account: &AccountId) -> Hash256 {
        if let Some(key) = ACCOUNT_KEYS.with(|keys| keys.borrow().get(account).copied()) {
            return key;
        }
        let key = k::account_root(account);
        ACCOUNT_KEYS.with(|keys| {
            let mut keys = keys.borrow_mut();
            if keys.len() >= ACCOUNT_MEMO {
                keys.clear();
            }
            keys.insert(*account, key);
        });
        key
    }

    /// The root page of `account`'s owner directory.
    pub fn owner_dir(account: &AccountId) -> Hash256 {
        k::owner_dir(account)
    }

    /// Page `page` of the directory rooted at `root` (page 0 is the root itself).
    pub fn dir_page(root: &Hash256, page: u64) -> Hash256 {
        k::dir_page(root, page)
    }

    /// The trust line between two accounts for a currency.
    pub fn line(a: &AccountId, b: &AccountId, code: &Currency) -> Hash256 {
        k::ripple_state(a, b, code)
    }

    /// The first directory of the order book where takers pay `pays` and get `gets`.
    pub fn book(pays: &Issue, gets: &Issue) -> Hash256 {
        k::book_base(pays, gets)
    }

    /// The Offer `account` created with sequence `seq`.
    pub fn offer(account: &AccountId, seq: u32) -> Hash256 {
        k::offer(account, seq)
    }

    /// The Escrow `account` created with sequence `seq`.
    pub fn escrow(account: &AccountId, seq: u32) -> Hash256 {
        k::escrow(account, seq)
    }

    /// The PayChannel from `source` to `destination` created with sequence `seq`.
    pub fn pay_channel(source: &AccountId, destination: &AccountId, seq: u32) -> Hash256 {
        k::pay_channel(source, destination, seq)
    }

    /// The Ticket `account` holds for sequence `seq`.
    pub fn ticket(account: &AccountId, seq: u32) -> Hash256 {
        k::ticket(account, seq)
    }

    /// The Check `account` created with sequence `seq`.
    pub fn check(account: &AccountId, seq: u32) -> Hash256 {
        k::check(account, seq)
    }

    /// The DID of `account`.
    pub fn did(account: &AccountId) -> Hash256 {
        k::did(account)
    }

    /// The NFTokenOffer `owner` created with sequence `seq`.
    pub fn nftoken_offer(owner: &AccountId, seq: u32) -> Hash256 {
        k::nftoken_offer(owner, seq)
    }

    /// The directory of buy offers for `token`.
    pub fn nft_buy_offers(token: &Hash256) -> Hash256 {
        k::nft_buy_offers(token)
    }

    /// The directory of sell offers for `token`.
    pub fn nft_sell_offers(token: &Hash256) -> Hash256 {
        k::nft_sell_offers(token)
    }

    /// The lowest and highest NFTokenPage keys `owner` can have.
    pub fn nftoken_page_bounds(owner: &AccountId) -> (Hash256, Hash256) {
        (k::nftoken_page_min(owner), k::nftoken_page_max(owner))
    }

    /// The smallest page key that could hold `token` for `owner`.
    pub fn nftoken_page_for(owner: &AccountId, token: &Hash256) -> Hash256 {
        k::nftoken_page_for(owner, token)
    }

    /// The MPTokenIssuance with MPTID `id`.
    pub fn mpt_issuance(id: &xrpl_proto::amount::MptIssuanceId) -> Hash256 {
        k::mpt_issuance(id)
    }

    /// The AMM pool for two assets, in either order.
    pub fn amm(a: &Issue, b: &Issue) -> Hash256 {
        k::amm(a, b)
    }

    /// `holder`'s MPToken of issuance `id`.
    pub fn mptoken(id: &xrpl_proto::amount::MptIssuanceId, holder: &AccountId) -> Hash256 {
        k::mptoken(id, holder)
    }

    /// The DepositPreauth `owner` granted to `authorized`.
    pub fn deposit_preauth(owner: &AccountId, authorized: &AccountId) -> Hash256 {
        k::deposit_preauth(owner, authorized)
    }
}

/// A signed transaction whose signature checked out.
#[derive(Debug, Clone)]
pub struct VerifiedTx {
    /// The transaction's JSON form (rippled's field names).
    pub json: Value,
    /// Its id: SHA-512Half of `TXN\0` and the blob.
    pub hash: Hash256,
    /// Who signed.
    pub signer: Signer,
}

/// How a transaction was signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signer {
    /// One key; this is the account id that key controls (to be matched against the master or
    /// regular key of `Account`).
    Key(AccountId),
    /// Several signers (`Signers`); this engine has no signer lists yet.
    Multi,
}

/// A transaction's id (SHA-512Half of `TXN\0` ‖ blob), computable before any decoding.
pub fn transaction_id(blob: &[u8]) -> Hash256 {
    xrpl_proto::hash::transaction_id(blob)
}

/// Decodes a signed blob and checks its signature(s).
pub fn verify_blob(blob: &[u8]) -> Result<VerifiedTx, ProtoError> {
    engine_view(verify_transaction(blob))
}

/// [`verify_blob`] for a blob whose id (`transaction_id(blob)`) is known already: not hashed
/// again.
pub fn verify_blob_with_id(blob: &[u8], id: Hash256) -> Result<VerifiedTx, ProtoError> {
    engine_view(verify_transaction_with_id(blob, id))
}

/// [`verify_blob`] for many blobs, with the same answer for each; ed25519 signatures are checked
/// in batches, which is cheaper per signature.
pub fn verify_blobs(blobs: &[&[u8]]) -> Vec<Result<VerifiedTx, ProtoError>> {
    verify_transactions(blobs)
        .into_iter()
        .map(engine_view)
        .collect()
}

fn engine_view(verified: Result<VerifiedTransaction, SignError>) -> Result<VerifiedTx, ProtoError> {
    let verified = verified.map_err(|e| match e {
        SignError::BadSignature { .. } => ProtoError::BadSignature,
        // A key or signature that is there but unusable fails the signature check; a missing
        // one makes the transaction malformed.
        SignError::BadField {
            field: "SigningPubKey" | "TxnSignature",
            problem,
        } if problem != "missing" => ProtoError::BadSignature,
        other => ProtoError::Codec(other.to_string()),
    })?;
    if verified.tx_json.get("TransactionType").is_none() {
        return Err(ProtoError::Codec("not a transaction".into()));
    }
    let signer = match (verified.multi_signed, verified.signers.first()) {
        (false, Some(s)) => Signer::Key(key_account(&s.public_key)),
        (false, None) => return Err(ProtoError::BadSignature),
        (true, _) => Signer::Multi,
    };
    Ok(VerifiedTx {
        json: verified.tx_json,
        hash: verified.hash,
        signer,
    })
}

/// Signing keys the per-thread memo of their account ids holds before it starts over.
const KEY_MEMO: usize = 4096;

thread_local! {
    /// Account ids of signing keys seen lately. Deriving one is a SHA-256 and a RIPEMD-160,
    /// and a classroom's few wallets sign again and again; keyed by the whole key, so the memo
    /// cannot change an answer.
    static KEY_ACCOUNTS: std::cell::RefCell<std::collections::HashMap<PublicKey, AccountId>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// The account id `key` controls (as its master key), through the memo.
fn key_account(key: &PublicKey) -> AccountId {
    if let Some(account) = KEY_ACCOUNTS.with(|memo| memo.borrow().get(key).copied()) {
        return account;
    }
    let account = key.account_id();
    KEY_ACCOUNTS.with(|memo| {
        let mut memo = memo.borrow_mut();
        if memo.len() >= KEY_MEMO {
            memo.clear();
        }
        memo.insert(*key, account);
    });
    account
}

/// Checks a payment-channel claim signature: `key` signed "pay `drops` from `channel`".
pub fn verify_claim(channel: &Hash256, drops: u64, key: &[u8], signature: &[u8]) -> bool {
    let Ok(key) = PublicKey::from_slice(key) else {
        return false;
    };
    let Ok(message) = encode_for_signing_claim(&channel.to_hex(), drops) else {
        return false;
    };
    key.verify(&message, signature).is_ok()
}

/// True when `bytes` is a public key of either algorithm.
pub fn is_public_key(bytes: &[u8]) -> bool {
    PublicKey::from_slice(bytes).is_ok()
}

/// Signs `tx` with `keys` (setting `SigningPubKey` and `TxnSignature`) and returns the blob.
pub fn sign_transaction(tx: &Value, keys: &KeyPair) -> Result<Vec<u8>, ProtoError> {
    let signed = xrpl_proto::sign::sign_transaction(tx, keys)
        .map_err(|e| ProtoError::Codec(e.to_string()))?;
    hex::decode(&signed.tx_blob).map_err(|e| ProtoError::Codec(e.to_string()))
}

//! Signing and verifying transactions at the JSON level, and payment-channel claims.
//!
//! This is where keys meet the codec: a transaction JSON gets its `SigningPubKey`, its signing
//! serialisation (`STX\0` ‖ signing fields) is signed, the signature goes into `TxnSignature`, and
//! the whole is encoded into the blob whose SHA-512Half(`TXN\0` ‖ blob) is the transaction id.
//! Multi-signing does the same per signer over `SMT\0` ‖ fields ‖ signer account, with an empty
//! `SigningPubKey` and the signatures collected into `Signers`, sorted by account as rippled
//! requires. Verification is the sandbox's first check on a submitted blob: it proves the
//! signatures are canonical and valid for the keys they name; whether those keys may sign for
//! the account (master key, regular key, signer list) is the ledger's question, answered there.
//! [`verify_transactions`] gives the same answers for many blobs at once, checking their ed25519
//! signatures in batches.

mod claim;
mod splice;

pub use claim::{claim_signing_data, sign_claim, verify_claim};

use std::sync::OnceLock;

use serde::Serialize;
use serde_json::{Map, Value};
use thiserror::Error;

use crate::address::AccountId;
use crate::codec::{self, CodecError, SIGNING_PREFIX};
use crate::definitions::definitions;
use crate::hash::{Hash256, transaction_id};
use crate::keys::{KeyError, KeyPair, PublicKey};

/// Why a transaction could not be signed or its signatures do not hold.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SignError {
    /// The transaction is not valid codec input (unknown field, wrong type, bad address, …).
    #[error("{0}")]
    Codec(#[from] CodecError),
    #[error("the transaction must be a JSON object")]
    NotAnObject,
    /// The key could not produce a signature (practically unreachable).
    #[error("signing failed: {0}")]
    Key(#[from] KeyError),
    /// Single-signing a transaction that already carries `Signers` would mix the two schemes.
    #[error("the transaction already carries Signers (it is multi-signed)")]
    AlreadyMultiSigned,
    /// A field needed to verify is missing or malformed.
    #[error("field {field}: {problem}")]
    BadField {
        field: &'static str,
        problem: &'static str,
    },
    /// `Signers` must be in strictly increasing account order, one entry per account.
    #[error("Signers must be sorted by account with no duplicates")]
    SignersNotSorted,
    /// A signature that is malformed, non-canonical or not valid for its key and data.
    #[error("bad signature{}: {source}", signer_suffix(.signer))]
    BadSignature {
        /// The multi-signer whose signature failed; `None` for a single signature.
        signer: Option<AccountId>,
        #[source]
        source: KeyError,
    },
}

fn signer_suffix(signer: &Option<AccountId>) -> String {
    signer
        .map(|account| format!(" from signer {account}"))
        .unwrap_or_default()
}

/// A signed transaction, in the three forms callers use.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignedTransaction {
    /// The canonical binary form, upper-case hex: what `submit` takes.
    pub tx_blob: String,
    /// The transaction id, upper-case hex.
    pub hash: String,
    /// The input JSON with `SigningPubKey` and `TxnSignature` (or `Signers`) filled in.
    pub tx_json: Value,
}

/// Someone whose signature a transaction carries, and the key that made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TxSigner {
    /// For a single signature, the transaction's `Account`; for a multi-signature, the signer's.
    pub account: AccountId,
    pub public_key: PublicKey,
}

/// A decoded transaction whose signatures all verify.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedTransaction {
    pub hash: Hash256,
    pub tx_json: Value,
    /// One entry for a single-signed transaction, one per `Signer` for a multi-signed one.
    pub signers: Vec<TxSigner>,
    pub multi_signed: bool,
}

/// Signs `tx_json` with `keys`: fills `SigningPubKey`, adds `TxnSignature`, encodes, hashes.
///
/// The JSON must be complete (`Fee`, `Sequence`, … are not filled in here). Any previous
/// `TxnSignature` is replaced.
pub fn sign_transaction(tx_json: &Value, keys: &KeyPair) -> Result<SignedTransaction, SignError> {
    let mut tx = object_of(tx_json)?;
    if tx.contains_key("Signers") {
        return Err(SignError::AlreadyMultiSigned);
    }
    tx.remove("TxnSignature");
    tx.insert(
        "SigningPubKey".into(),
        Value::String(keys.public_key().to_hex()),
    );
    let mut tx = Value::Object(tx);
    let signing_data = codec::encode_for_signing(&tx)?;
    let signature = keys.sign(&signing_data)?;
    let signature_hex = base16ct::upper::encode_string(&signature);
    // The usual case reuses the signing bytes; a transaction with other non-signing fields
    // (a claim's `Signature`, …) is encoded from its JSON.
    let spliced = if has_only_signing_fields(&tx) {
        splice::with_txn_signature(&signing_data[SIGNING_PREFIX.len()..], &signature)
    } else {
        None
    };
    if let Value::Object(fields) = &mut tx {
        fields.insert("TxnSignature".into(), Value::String(signature_hex));
    }
    match spliced {
        Some(blob) => Ok(SignedTransaction {
            hash: transaction_id(&blob).to_hex(),
            tx_blob: base16ct::upper::encode_string(&blob),
            tx_json: tx,
        }),
        None => finish(tx),
    }
}

/// True when every top-level field is part of the signing serialisation.
fn has_only_signing_fields(tx: &Value) -> bool {
    let outside = fields_outside_signing();
    tx.as_object()
        .is_some_and(|fields| fields.keys().all(|name| !outside.contains(&name.as_str())))
}

/// The serialised fields a signature does not cover (`TxnSignature`, `Signers`, a claim's
/// `Signature`, …), from the definitions, collected once: a short list is cheaper to scan than
/// a definitions lookup per field on every signature.
fn fields_outside_signing() -> &'static [&'static str] {
    static OUTSIDE: OnceLock<Vec<&'static str>> = OnceLock::new();
    OUTSIDE.get_or_init(|| {
        definitions()
            .fields()
            .iter()
            .filter(|field| field.is_serialized && !field.is_signing)
            .map(|field| field.name.as_str())
            .collect()
    })
}

/// One multi-signer's contribution: `{"Signer": {"Account", "SigningPubKey", "TxnSignature"}}`.
///
/// `signer` is the account signing (a member of the sender's signer list); it defaults to the
/// account of `keys`, and differs when that account signs with its regular key.
pub fn multisign(
    tx_json: &Value,
    keys: &KeyPair,
    signer: Option<AccountId>,
) -> Result<Value, SignError> {
    let mut tx = object_of(tx_json)?;
    tx.remove("Signers");
    tx.remove("TxnSignature");
    tx.insert("SigningPubKey".into(), Value::String(String::new()));
    let account = signer.unwrap_or_else(|| keys.account_id());
    let data = codec::encode_for_multisigning(&Value::Object(tx), account)?;
    let signature = keys.sign(&data)?;
    Ok(serde_json::json!({
        "Signer": {
            "Account": account.to_classic(),
            "SigningPubKey": keys.public_key().to_hex(),
            "TxnSignature": base16ct::upper::encode_string(&signature),
        }
    }))
}

/// Assembles a multi-signed transaction from the `Signer` objects [`multisign`] produced (in any
/// order): empty `SigningPubKey`, `Signers` sorted by account id.
pub fn combine_multisigned(
    tx_json: &Value,
    signers: &[Value],
) -> Result<SignedTransaction, SignError> {
    let mut tx = object_of(tx_json)?;
    tx.remove("TxnSignature");
    tx.insert("SigningPubKey".into(), Value::String(String::new()));
    let mut entries = signers
        .iter()
        .map(|entry| Ok((signer_account(entry)?, entry.clone())))
        .collect::<Result<Vec<_>, SignError>>()?;
    entries.sort_by_key(|(account, _)| *account);
    if entries.windows(2).any(|pair| pair[0].0 == pair[1].0) {
        return Err(SignError::SignersNotSorted);
    }
    tx.insert(
        "Signers".into(),
        Value::Array(entries.into_iter().map(|(_, entry)| entry).collect()),
    );
    finish(Value::Object(tx))
}

/// Decodes a signed blob and checks every signature it carries (canonical form included).
pub fn verify_transaction(blob: &[u8]) -> Result<VerifiedTransaction, SignError> {
    verify_transaction_with_id(blob, transaction_id(blob))
}

/// [`verify_transaction`] for a caller that has already computed the blob's id
/// (`transaction_id(blob)`, e.g. to look it up first), so the blob is not hashed twice.
pub fn verify_transaction_with_id(
    blob: &[u8],
    id: Hash256,
) -> Result<VerifiedTransaction, SignError> {
    let pending = decode_signed(blob, id)?;
    let outcome = pending.check.as_ref().map_or(Ok(()), |check| {
        check.key.verify(&check.message, &check.signature)
    });
    pending.finish(outcome)
}

/// A decoded transaction whose single signature is still to be checked (multi-signatures are
/// checked while decoding), so that many can be checked together: see [`verify_transactions`].
struct PendingTransaction {
    hash: Hash256,
    tx_json: Value,
    signers: Vec<TxSigner>,
    multi_signed: bool,
    /// The single signature still to check, if any.
    check: Option<SignatureCheck>,
}

/// What a single signature covers: `STX\0` ‖ the signing fields.
struct SignatureCheck {
    key: PublicKey,
    message: Vec<u8>,
    signature: Vec<u8>,
}

impl PendingTransaction {
    /// The verified transaction, or the signature's failure.
    fn finish(self, outcome: Result<(), KeyError>) -> Result<VerifiedTransaction, SignError> {
        outcome.map_err(|source| SignError::BadSignature {
            signer: None,
            source,
        })?;
        Ok(VerifiedTransaction {
            hash: self.hash,
            tx_json: self.tx_json,
            signers: self.signers,
            multi_signed: self.multi_signed,
        })
    }
}

/// Everything [`verify_transaction`] does before the single-signature check, in the same order
/// (so the same blob fails with the same error).
fn decode_signed(blob: &[u8], hash: Hash256) -> Result<PendingTransaction, SignError> {
    let tx_json = codec::decode(blob)?;
    let tx = tx_json.as_object().ok_or(SignError::NotAnObject)?;
    let signing_key =
        tx.get("SigningPubKey")
            .and_then(Value::as_str)
            .ok_or(SignError::BadField {
                field: "SigningPubKey",
                problem: "missing",
            })?;

    match tx.get("Signers") {
        Some(signers) => {
            if !signing_key.is_empty() {
                return Err(SignError::BadField {
                    field: "SigningPubKey",
                    problem: "must be empty in a multi-signed transaction",
                });
            }
            let signers = verify_signers(&tx_json, signers)?;
            Ok(PendingTransaction {
                hash,
                tx_json,
                signers,
                multi_signed: true,
                check: None,
            })
        }
        None => {
            let public_key = PublicKey::from_hex_unchecked_point(signing_key).map_err(|_| {
                SignError::BadField {
                    field: "SigningPubKey",
                    problem: "not a public key",
                }
            })?;
            let signature = hex_field(tx, "TxnSignature")?;
            let account = tx
                .get("Account")
                .and_then(Value::as_str)
                .and_then(|a| a.parse::<AccountId>().ok())
                .ok_or(SignError::BadField {
                    field: "Account",
                    problem: "missing or not an address",
                })?;
            // Cut from the blob when it is plainly canonical; otherwise encoded from the JSON,
            // which gives the same bytes for those blobs and the same errors for the rest.
            let message = match codec::signing_data_from_blob(blob) {
                Some(message) => message,
                None => codec::encode_for_signing(&tx_json)?,
            };
            Ok(PendingTransaction {
                hash,
                tx_json,
                signers: vec![TxSigner {
                    account,
                    public_key,
                }],
                multi_signed: false,
                check: Some(SignatureCheck {
                    key: public_key,
                    message,
                    signature,
                }),
            })
        }
    }
}

/// [`verify_transaction`] for many blobs at once, with the same answer for each: ed25519
/// single signatures are checked together ([`PublicKey::verify_many`]), which costs less per
/// signature than checking them one at a time. For a ledger that receives many transactions at
/// once, such as one replaying its journal.
pub fn verify_transactions(blobs: &[&[u8]]) -> Vec<Result<VerifiedTransaction, SignError>> {
    let pending: Vec<Result<PendingTransaction, SignError>> = blobs
        .iter()
        .map(|blob| decode_signed(blob, transaction_id(blob)))
        .collect();
    let checks: Vec<(PublicKey, &[u8], &[u8])> = pending
        .iter()
        .filter_map(|p| p.as_ref().ok()?.check.as_ref())
        .map(|c| (c.key, c.message.as_slice(), c.signature.as_slice()))
        .collect();
    let mut outcomes = PublicKey::verify_many(&checks).into_iter();
    pending
        .into_iter()
        .map(|p| {
            let p = p?;
            // `verify_many` answers every check, in order; a missing answer cannot happen, and
            // would refuse rather than pass.
            let outcome = match p.check {
                Some(_) => outcomes.next().unwrap_or(Err(KeyError::SignatureMismatch)),
                None => Ok(()),
            };
            p.finish(outcome)
        })
        .collect()
}

/// [`verify_transaction`] from a hex blob.
pub fn verify_transaction_hex(blob: &str) -> Result<VerifiedTransaction, SignError> {
    let bytes = hex::decode(blob).map_err(|_| CodecError::BadHex {
        what: "the blob".into(),
    })?;
    verify_transaction(&bytes)
}

fn verify_signers(tx_json: &Value, signers: &Value) -> Result<Vec<TxSigner>, SignError> {
    let signers = signers.as_array().ok_or(SignError::BadField {
        field: "Signers",
        problem: "not an array",
    })?;
    if signers.is_empty() {
        return Err(SignError::BadField {
            field: "Signers",
            problem: "empty",
        });
    }
    let mut verified: Vec<TxSigner> = Vec::with_capacity(signers.len());
    for entry in signers {
        let account = signer_account(entry)?;
        if verified.last().is_some_and(|last| last.account >= account) {
            return Err(SignError::SignersNotSorted);
        }
        let signer = &entry["Signer"];
        let public_key = signer
            .get("SigningPubKey")
            .and_then(Value::as_str)
            .and_then(|key| PublicKey::from_hex_unchecked_point(key).ok())
            .ok_or(SignError::BadField {
                field: "SigningPubKey",
                problem: "a Signer's key is missing or invalid",
            })?;
        let signature = signer
            .get("TxnSignature")
            .and_then(Value::as_str)
            .and_then(|sig| hex::decode(sig).ok())
            .ok_or(SignError::BadField {
                field: "TxnSignature",
                problem: "a Signer's signature is missing or not hex",
            })?;
        let data = codec::encode_for_multisigning(tx_json, account)?;
        public_key
            .verify(&data, &signature)
            .map_err(|source| SignError::BadSignature {
                signer: Some(account),
                source,
            })?;
        verified.push(TxSigner {
            account,
            public_key,
        });
    }
    Ok(verified)
}

fn object_of(tx_json: &Value) -> Result<Map<String, Value>, SignError> {
    tx_json.as_object().cloned().ok_or(SignError::NotAnObject)
}

fn finish(tx_json: Value) -> Result<SignedTransaction, SignError> {
    let blob = codec::encode(&tx_json)?;
    Ok(SignedTransaction {
        hash: transaction_id(&blob).to_hex(),
        tx_blob: base16ct::upper::encode_string(&blob),
        tx_json,
    })
}

fn signer_account(entry: &Value) -> Result<AccountId, SignError> {
    entry
        .get("Signer")
        .and_then(|signer| signer.get("Account"))
        .and_then(Value::as_str)
        .and_then(|account| account.parse().ok())
        .ok_or(SignError::BadField {
            field: "Signers",
            problem: "each entry must be {\"Signer\": {\"Account\": …}}",
        })
}

fn hex_field(tx: &Map<String, Value>, field: &'static str) -> Result<Vec<u8>, SignError> {
    tx.get(field)
        .and_then(Value::as_str)
        .and_then(|text| base16ct::mixed::decode_vec(text).ok())
        .ok_or(SignError::BadField {
            field,
            problem: "missing or not hex",
        })
}

//! Payment-channel claims: the off-ledger promise a channel's payer signs and the payee redeems.
//!
//! A claim authorises the payee to take up to an amount of XRP from a channel. What is signed is
//! `CLM\0` ‖ channel id ‖ drops (big-endian u64), with the key the channel was opened with
//! (its `PublicKey`), not necessarily the payer's account key; the ledger checks it when a
//! PaymentChannelClaim carries `Signature`.

use super::SignError;
use crate::hash::{Hash256, prefix};
use crate::keys::{KeyError, KeyPair, PublicKey};

/// What a payment-channel claim signs: `CLM\0` ‖ channel id ‖ drops as a big-endian u64.
pub fn claim_signing_data(channel: &Hash256, drops: u64) -> Vec<u8> {
    let mut data = Vec::with_capacity(44);
    data.extend_from_slice(&prefix::PAYMENT_CHANNEL_CLAIM);
    data.extend_from_slice(channel.as_bytes());
    data.extend_from_slice(&drops.to_be_bytes());
    data
}

/// Signs a claim for `drops` on `channel`: the upper-case hex a PaymentChannelClaim's
/// `Signature` field (or `channel_verify`) takes.
pub fn sign_claim(channel: &Hash256, drops: u64, keys: &KeyPair) -> Result<String, SignError> {
    Ok(base16ct::upper::encode_string(
        &keys.sign(&claim_signing_data(channel, drops))?,
    ))
}

/// Checks a claim signature against the channel's `PublicKey`.
pub fn verify_claim(
    channel: &Hash256,
    drops: u64,
    public_key: &PublicKey,
    signature: &[u8],
) -> Result<(), KeyError> {
    public_key.verify(&claim_signing_data(channel, drops), signature)
}

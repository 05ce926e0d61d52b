//! Building a single-signed blob from the signing bytes, without encoding the JSON twice.
//!
//! For a transaction whose only non-signing field is `TxnSignature`, the signed blob is the
//! signing serialisation (minus its `STX\0` prefix) with the `TxnSignature` field inserted at
//! its canonical place. Fields are ordered by (type code, nth), and `TxnSignature` is Blob #4, so
//! only UInt16/32/64, Hash128/256, Amount and Blobs #1–3 can precede it; each of those has a
//! length readable from its own bytes. Walking them is cheap, and saves the second pass through
//! the codec that would otherwise cost as much as the first. Anything unexpected answers `None`
//! and the caller encodes the JSON instead.

/// Field id of `TxnSignature`: type 7 (Blob), nth 4.
const TXN_SIGNATURE_HEADER: u8 = 0x74;
const TXN_SIGNATURE_KEY: (u8, u8) = (7, 4);

/// `fields` (canonical signing fields, no prefix) with `TxnSignature = signature` spliced in.
pub(super) fn with_txn_signature(fields: &[u8], signature: &[u8]) -> Option<Vec<u8>> {
    // Signatures are at most 72 bytes (DER) or 64 (ed25519): a one-byte length prefix.
    let length = u8::try_from(signature.len())
        .ok()
        .filter(|len| *len <= 192)?;
    let at = txn_signature_offset(fields)?;
    let mut blob = Vec::with_capacity(fields.len() + 2 + signature.len());
    blob.extend_from_slice(&fields[..at]);
    blob.push(TXN_SIGNATURE_HEADER);
    blob.push(length);
    blob.extend_from_slice(signature);
    blob.extend_from_slice(&fields[at..]);
    Some(blob)
}

/// The offset of the first field that sorts after `TxnSignature` (or the end).
fn txn_signature_offset(fields: &[u8]) -> Option<usize> {
    let mut pos = 0;
    while pos < fields.len() {
        let (type_code, nth, header_len) = read_header(&fields[pos..])?;
        if (type_code, nth) >= TXN_SIGNATURE_KEY {
            // An existing TxnSignature would be a bug upstream: refuse rather than duplicate.
            return ((type_code, nth) != TXN_SIGNATURE_KEY).then_some(pos);
        }
        let value = pos + header_len;
        let value_len = match type_code {
            1 => 2,
            2 => 4,
            3 => 8,
            4 => 16,
            5 => 32,
            6 => amount_len(*fields.get(value)?),
            7 => {
                let (len, prefix_len) = read_vl(fields.get(value..)?)?;
                prefix_len + len
            }
            _ => return None,
        };
        pos = value.checked_add(value_len)?;
    }
    (pos == fields.len()).then_some(pos)
}

/// A field id: 1–3 bytes, 4-bit codes when small.
fn read_header(bytes: &[u8]) -> Option<(u8, u8, usize)> {
    let first = *bytes.first()?;
    let (high, low) = (first >> 4, first & 0x0F);
    match (high, low) {
        (0, 0) => Some((*bytes.get(1)?, *bytes.get(2)?, 3)),
        (0, nth) => Some((*bytes.get(1)?, nth, 2)),
        (type_code, 0) => Some((type_code, *bytes.get(1)?, 2)),
        (type_code, nth) => Some((type_code, nth, 1)),
    }
}

/// An Amount's width from its first byte: issued (top bit set) 48, MPT (0x20 set) 33, XRP 8.
fn amount_len(first: u8) -> usize {
    if first & 0x80 != 0 {
        48
    } else if first & 0x20 != 0 {
        33
    } else {
        8
    }
}

/// A variable-length prefix: (content length, prefix length).
fn read_vl(bytes: &[u8]) -> Option<(usize, usize)> {
    let b1 = usize::from(*bytes.first()?);
    match b1 {
        0..=192 => Some((b1, 1)),
        193..=240 => {
            let b2 = usize::from(*bytes.get(1)?);
            Some((193 + (b1 - 193) * 256 + b2, 2))
        }
        241..=254 => {
            let b2 = usize::from(*bytes.get(1)?);
            let b3 = usize::from(*bytes.get(2)?);
            Some((12481 + (b1 - 241) * 65536 + b2 * 256 + b3, 3))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_long_headers_and_lengths() {
        assert_eq!(read_header(&[0x12]), Some((1, 2, 1)));
        assert_eq!(read_header(&[0x20, 0x1B]), Some((2, 27, 2)));
        assert_eq!(read_header(&[0x01, 0x11]), Some((17, 1, 2)));
        assert_eq!(read_header(&[0x00, 0x11, 0x20]), Some((17, 32, 3)));
        assert_eq!(read_header(&[0x00, 0x11]), None);
        assert_eq!(read_vl(&[192]), Some((192, 1)));
        assert_eq!(read_vl(&[193, 0]), Some((193, 2)));
        assert_eq!(read_vl(&[241, 0, 0]), Some((12481, 3)));
        assert_eq!(read_vl(&[255]), None);
    }

    #[test]
    fn refuses_truncated_or_already_signed_fields() {
        // UInt32 Sequence with only two of its four bytes.
        assert_eq!(txn_signature_offset(&[0x24, 0, 0]), None);
        // A TxnSignature already present.
        assert_eq!(txn_signature_offset(&[0x74, 0x01, 0xAA]), None);
        // Empty: goes at the end.
        assert_eq!(txn_signature_offset(&[]), Some(0));
    }
}

#[cfg(test)]
mod against_the_codec {
    use serde_json::json;

    use super::with_txn_signature;
    use crate::codec::{self, SIGNING_PREFIX};

    /// The splice must produce what the codec writes for the signed JSON, for fields on both
    /// sides of `TxnSignature` (amounts of every width, PublicKey before it, Memos after).
    #[test]
    fn splice_equals_a_full_encoding() {
        let signature = [0xABu8; 71];
        let mut tx = json!({
            "TransactionType": "PaymentChannelCreate",
            "Account": "rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL",
            "Destination": "r9zRhGr7b6xPekLvT6wP4qNdWMryaumZS7",
            "Amount": "10000", "Fee": "12", "Sequence": 5, "SettleDelay": 86400,
            "PublicKey": "EDA57EBBCB502C2009EFE17229E8DC865DCCB192C52D7888D624DC9EBADDB815F0",
            "SigningPubKey": "EDA57EBBCB502C2009EFE17229E8DC865DCCB192C52D7888D624DC9EBADDB815F0",
            "Memos": [{"Memo": {"MemoData": "00"}}]
        });
        for amount in [
            json!("10000"),
            json!({"currency": "USD", "issuer": "rGCkuB7PBr5tNy68tPEABEtcdno4hE6Y7f", "value": "2"}),
            json!({"mpt_issuance_id": "0000000700112233445566778899AABBCCDDEEFF00112233", "value": "9"}),
        ] {
            tx["Amount"] = amount;
            let signing = codec::encode_for_signing(&tx).unwrap();
            let spliced = with_txn_signature(&signing[SIGNING_PREFIX.len()..], &signature).unwrap();
            let mut signed = tx.clone();
            signed["TxnSignature"] = json!(base16ct::upper::encode_string(&signature));
            assert_eq!(spliced, codec::encode(&signed).unwrap());
        }
    }
}

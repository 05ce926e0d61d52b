//! `verify_transactions` answers exactly what `verify_transaction` answers for each blob — for
//! ed25519 and secp256k1 single signatures, multi-signatures, a tampered signature and a tampered
//! message inside a batch, and bytes that are not a transaction.
//!
//! What a valid signature is: https://xrpl.org/docs/concepts/accounts/cryptographic-keys
//! (ed25519 per RFC 8032, secp256k1 ECDSA in canonical DER) and
//! https://xrpl.org/docs/concepts/accounts/multi-signing for `Signers`.

use serde_json::json;
use xrpl_proto::keys::KeyPair;
use xrpl_proto::seed::{Algorithm, Seed};
use xrpl_proto::sign::{
    combine_multisigned, multisign, sign_transaction, verify_transaction, verify_transactions,
};

fn wallet(n: u8, algorithm: Algorithm) -> KeyPair {
    KeyPair::from_seed(&Seed::from_entropy([n; 16], algorithm)).unwrap()
}

fn payment(from: &KeyPair, seq: u32) -> serde_json::Value {
    json!({
        "TransactionType": "Payment",
        "Account": from.account_id().to_classic(),
        "Destination": "r9zRhGr7b6xPekLvT6wP4qNdWMryaumZS7",
        "Amount": "1000", "Fee": "12", "Sequence": seq,
    })
}

fn signed(from: &KeyPair, seq: u32) -> Vec<u8> {
    hex::decode(sign_transaction(&payment(from, seq), from).unwrap().tx_blob).unwrap()
}

#[test]
fn batched_answers_equal_one_by_one_answers() {
    let ed: Vec<KeyPair> = (1..=3).map(|n| wallet(n, Algorithm::Ed25519)).collect();
    let secp = wallet(9, Algorithm::Secp256k1);
    let mut blobs: Vec<Vec<u8>> = (0..150u32)
        .map(|i| signed(&ed[i as usize % 3], i))
        .collect();
    blobs.insert(5, signed(&secp, 1));
    // A tampered signature byte early in the batch, and a tampered message late in it.
    let sig_at = blobs[10].len() - 44 - 20;
    blobs[10][sig_at] ^= 0x04;
    blobs[140][3] ^= 0x01;
    // Not a transaction at all.
    blobs.push(vec![0x12, 0x00]);
    // Multi-signed by two ed25519 keys.
    let tx = json!({
        "TransactionType": "Payment", "Account": "r9zRhGr7b6xPekLvT6wP4qNdWMryaumZS7",
        "Destination": "rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL", "Amount": "5", "Fee": "36",
        "Sequence": 3, "SigningPubKey": "",
    });
    let signers = [
        multisign(&tx, &ed[0], None).unwrap(),
        multisign(&tx, &ed[1], None).unwrap(),
    ];
    blobs.push(hex::decode(combine_multisigned(&tx, &signers).unwrap().tx_blob).unwrap());

    let slices: Vec<&[u8]> = blobs.iter().map(Vec::as_slice).collect();
    let batched = verify_transactions(&slices);
    let one_by_one: Vec<_> = slices.iter().map(|b| verify_transaction(b)).collect();
    assert_eq!(batched, one_by_one);
    assert!(batched[10].is_err() && batched[140].is_err() && batched[151].is_err());
    assert!(batched[152].as_ref().unwrap().multi_signed);
    assert_eq!(
        batched.iter().filter(|r| r.is_ok()).count(),
        blobs.len() - 3
    );
}

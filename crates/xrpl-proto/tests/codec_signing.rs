//! The signing serialisations: what single signers, multi-signers and channel claims sign.

use k256::ecdsa::signature::hazmat::PrehashVerifier;
use k256::ecdsa::{Signature, VerifyingKey};
use serde_json::{Value, json};
use sha2::{Digest, Sha512};
use xrpl_proto::address::AccountId;
use xrpl_proto::codec::{
    CodecError, decode_hex, encode, encode_for_multisigning, encode_for_signing,
    encode_for_signing_claim,
};

fn signed_payment() -> Value {
    let path = format!(
        "{}/tests/vectors/codec-fixtures.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let fixtures: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    fixtures["transactions"][0]["json"].clone()
}

fn sha512_half(bytes: &[u8]) -> [u8; 32] {
    let digest = Sha512::digest(bytes);
    let mut half = [0u8; 32];
    half.copy_from_slice(&digest[..32]);
    half
}

#[test]
fn single_signing_data_is_what_the_fixture_signature_signed() {
    let tx = signed_payment();
    let data = encode_for_signing(&tx).unwrap();
    assert_eq!(&data[..4], b"STX\0");
    // The signature in the fixture verifies against exactly these bytes: an independent check
    // that TxnSignature (and only it) was left out and the rest is canonical.
    let key = hex::decode(tx["SigningPubKey"].as_str().unwrap()).unwrap();
    let key = VerifyingKey::from_sec1_bytes(&key).unwrap();
    let der = hex::decode(tx["TxnSignature"].as_str().unwrap()).unwrap();
    let signature = Signature::from_der(&der).unwrap();
    let signature = signature.normalize_s().unwrap_or(signature);
    key.verify_prehash(&sha512_half(&data), &signature).unwrap();

    // And the full blob is the signing fields plus the signature field.
    let blob = encode(&tx).unwrap();
    assert_eq!(blob.len(), data.len() - 4 + 2 + der.len());
}

#[test]
fn signing_data_ignores_non_signing_fields_at_the_top_level_only() {
    let mut tx = signed_payment();
    let plain = encode_for_signing(&tx).unwrap();
    tx["Signers"] = json!([{"Signer": {
        "Account": "rLQBHVhFnaC5gLEkgr6HgBJJ3bgeZHg9cj",
        "SigningPubKey": "034AADB09CFF4A4804073701EC53C3510CDC95917C2BB0150FB742D0C66E6CEE9E",
        "TxnSignature": "00"
    }}]);
    assert_eq!(encode_for_signing(&tx).unwrap(), plain);
    // The blob does carry the signers, and they decode back.
    let blob = hex::encode(encode(&tx).unwrap());
    assert_eq!(decode_hex(&blob).unwrap()["Signers"], tx["Signers"]);
}

#[test]
fn multisigning_data_appends_the_signer() {
    let mut tx = signed_payment();
    tx.as_object_mut().unwrap().remove("TxnSignature");
    let signer = AccountId::from_classic("rLQBHVhFnaC5gLEkgr6HgBJJ3bgeZHg9cj").unwrap();
    assert_eq!(
        encode_for_multisigning(&tx, signer),
        Err(CodecError::SigningPubKeyNotEmpty)
    );
    tx["SigningPubKey"] = json!("");
    let data = encode_for_multisigning(&tx, signer).unwrap();
    assert_eq!(&data[..4], b"SMT\0");
    assert_eq!(&data[data.len() - 20..], signer.as_bytes());
    let single = encode_for_signing(&tx).unwrap();
    assert_eq!(&data[4..data.len() - 20], &single[4..]);
}

#[test]
fn claim_data_is_prefix_channel_and_drops() {
    let channel = "43904CBFCDCEC530B4037871F86EE90BF799DF8D2E0EA98BC0EB3DD7E2FD0F96";
    let data = encode_for_signing_claim(channel, 1000).unwrap();
    assert_eq!(
        hex::encode_upper(data),
        format!("434C4D00{channel}00000000000003E8")
    );
    assert!(matches!(
        encode_for_signing_claim("ABCD", 1),
        Err(CodecError::BadLength { .. })
    ));
    assert!(matches!(
        encode_for_signing_claim(&"ZZ".repeat(32), 1),
        Err(CodecError::BadHex { .. })
    ));
}

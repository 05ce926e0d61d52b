//! Signing and verification against blobs and hashes produced by xrpl-py 4.5 and xrpl.js 5.3
//! (reference/ledger.md §1.5), a real mainnet transaction from the codec fixtures, and the typed
//! errors for tampered, non-canonical and malformed signatures.

use std::path::PathBuf;

use k256::ecdsa::Signature;
use serde_json::{Value, json};
use xrpl_proto::address::AccountId;
use xrpl_proto::codec;
use xrpl_proto::hash::Hash256;
use xrpl_proto::keys::{KeyError, KeyPair};
use xrpl_proto::sign::{
    SignError, claim_signing_data, combine_multisigned, multisign, sign_claim, sign_transaction,
    verify_claim, verify_transaction, verify_transaction_hex,
};

const ED_SEED: &str = "sEdTM1uX8pu2do5XvTnutH6HsouMaM2";
const SECP_SEED: &str = "sp6JS7f14BuwFY8Mw6bTtLKWauoUs";

fn ed_payment() -> Value {
    json!({
        "Account": "rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL",
        "TransactionType": "Payment",
        "Fee": "12",
        "Sequence": 1,
        "LastLedgerSequence": 1000,
        "Memos": [{"Memo": {"MemoData": "5852504c4c41427c74657374", "MemoType": "746578742f706c61696e"}}],
        "Amount": "10000000",
        "Destination": "r9zRhGr7b6xPekLvT6wP4qNdWMryaumZS7"
    })
}

fn secp_payment() -> Value {
    json!({
        "Account": "rGCkuB7PBr5tNy68tPEABEtcdno4hE6Y7f",
        "TransactionType": "Payment",
        "Fee": "12",
        "Sequence": 7,
        "Amount": "1000000",
        "Destination": "rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL"
    })
}

#[test]
fn ed25519_payment_equals_xrpl_py_byte_for_byte() {
    let keys = KeyPair::from_seed_str(ED_SEED).unwrap();
    let signed = sign_transaction(&ed_payment(), &keys).unwrap();
    assert_eq!(
        signed.tx_blob,
        "1200002400000001201B000003E861400000000098968068400000000000000C7321EDA57EBBCB502C2009EFE17229E8DC865DCCB192C52D7888D624DC9EBADDB815F074409D38133CFC0BF85D203F0E3C1A18703F999F0D84CF5A138B75F46764BF15E413D42DC44D354E235F15BA67811913DF2D012486123A30259080C969211917000B8114A6070B8A1822E3322676A99F0C804EE2D15B82708314629CCC144AC8464561F11D8870A57DC376A0D191F9EA7C0A746578742F706C61696E7D0C5852504C4C41427C74657374E1F1"
    );
    assert_eq!(
        signed.hash,
        "9656D5DD94398EB8D461C78C6C4D2F96AA754DA14CE3F625ED0CB5AB4C0BBE0C"
    );
    assert_eq!(signed.tx_json["SigningPubKey"], keys.public_key().to_hex());
    // The JSON form encodes to the same blob.
    assert_eq!(codec::encode_hex(&signed.tx_json).unwrap(), signed.tx_blob);
}

#[test]
fn secp256k1_payment_equals_xrpl_py_byte_for_byte() {
    let keys = KeyPair::from_seed_str(SECP_SEED).unwrap();
    let signed = sign_transaction(&secp_payment(), &keys).unwrap();
    assert_eq!(
        signed.tx_blob,
        "12000024000000076140000000000F424068400000000000000C73210390A196799EE412284A5D80BF78C3E84CBB80E1437A0AECD9ADF94D7FEAAFA28474473045022100F82615BF68B5EA0147F7A47362EB14C59872E96B7122DA05710AB13EB35459AD0220778199E269FE91587F95AB9E079637F8B59520A3EAC50AD7A6ECFBB9D82CD0168114ABDE56C21ACFBF94172489A1A01A9A6A95C4849D8314A6070B8A1822E3322676A99F0C804EE2D15B8270"
    );
    assert_eq!(
        signed.hash,
        "4E7090308DA1895D24A4E820D2734B45CB2FC6ED66AC90B207F817DC9F5EF17A"
    );
}

#[test]
fn trust_set_hash_equals_xrpl_py() {
    let keys = KeyPair::from_seed_str(ED_SEED).unwrap();
    let trust_set = json!({
        "TransactionType": "TrustSet",
        "Account": "rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL",
        "LimitAmount": {"currency": "LAB", "issuer": "rGCkuB7PBr5tNy68tPEABEtcdno4hE6Y7f", "value": "1000"},
        "Fee": "12",
        "Sequence": 2
    });
    let signed = sign_transaction(&trust_set, &keys).unwrap();
    assert_eq!(
        signed.hash,
        "4F3F80612B2F37D9F2229DF249E21C1A9FB9DE4787EA866864B8B837FE67044B"
    );
}

#[test]
fn claim_signature_equals_xrpl_py() {
    let keys = KeyPair::from_seed_str(ED_SEED).unwrap();
    let channel: Hash256 = "5DB01B7FFED6B67E6B0414DED11E051D2EE2B7619CE0EAA6286D67A3A4D5BDB3"
        .parse()
        .unwrap();
    let data = claim_signing_data(&channel, 1_000_000);
    assert_eq!(
        hex::encode_upper(&data),
        "434C4D005DB01B7FFED6B67E6B0414DED11E051D2EE2B7619CE0EAA6286D67A3A4D5BDB300000000000F4240"
    );
    // The codec's claim serialisation agrees.
    assert_eq!(
        codec::encode_for_signing_claim(&channel.to_hex(), 1_000_000).unwrap(),
        data
    );
    let signature = sign_claim(&channel, 1_000_000, &keys).unwrap();
    assert_eq!(
        signature,
        "FE275F1A91B37223EC29F624AFDA91452985E16A34822C44C1ABEEA65A267EFAED0B1DBE1E1360185851CEECB2A394A6B3D21DD576DAB96F53F98DE0B3115302"
    );
    let signature = hex::decode(signature).unwrap();
    verify_claim(&channel, 1_000_000, keys.public_key(), &signature).unwrap();
    assert_eq!(
        verify_claim(&channel, 1_000_001, keys.public_key(), &signature),
        Err(KeyError::SignatureMismatch)
    );
}

#[test]
fn signed_blobs_verify_and_name_their_signer() {
    for (seed, tx) in [(ED_SEED, ed_payment()), (SECP_SEED, secp_payment())] {
        let keys = KeyPair::from_seed_str(seed).unwrap();
        let signed = sign_transaction(&tx, &keys).unwrap();
        let verified = verify_transaction_hex(&signed.tx_blob).unwrap();
        assert_eq!(verified.hash.to_hex(), signed.hash);
        assert!(!verified.multi_signed);
        assert_eq!(verified.signers.len(), 1);
        assert_eq!(verified.signers[0].account, keys.account_id());
        assert_eq!(&verified.signers[0].public_key, keys.public_key());
        assert_eq!(verified.tx_json["Amount"], tx["Amount"]);
    }
}

/// A transaction from the main network (escrow-finish fixture, with its recorded hash).
#[test]
fn a_mainnet_transaction_verifies_and_hashes_to_its_recorded_id() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/escrow-finish-tx.json");
    let mut tx: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let recorded = tx["hash"].as_str().unwrap().to_owned();
    let fields = tx.as_object_mut().unwrap();
    fields.remove("hash");
    fields.remove("meta");
    let blob = codec::encode(&tx).unwrap();
    let verified = verify_transaction(&blob).unwrap();
    assert_eq!(verified.hash.to_hex(), recorded);
    assert_eq!(verified.signers[0].account.to_classic(), tx["Account"]);
}

#[test]
fn tampering_and_high_s_twins_are_refused() {
    let keys = KeyPair::from_seed_str(SECP_SEED).unwrap();
    let signed = sign_transaction(&secp_payment(), &keys).unwrap();

    // Change the amount after signing.
    let mut tampered = signed.tx_json.clone();
    tampered["Amount"] = json!("1000001");
    let err = verify_transaction(&codec::encode(&tampered).unwrap()).unwrap_err();
    assert_eq!(
        err,
        SignError::BadSignature {
            signer: None,
            source: KeyError::SignatureMismatch
        }
    );

    // Same signature with S replaced by n − S: valid ECDSA, a different blob and hash, refused.
    let der = hex::decode(signed.tx_json["TxnSignature"].as_str().unwrap()).unwrap();
    let signature = Signature::from_der(&der).unwrap();
    let (r, s) = signature.split_scalars();
    let twin = Signature::from_scalars(r.to_bytes(), (-*s).to_bytes()).unwrap();
    let mut malleated = signed.tx_json.clone();
    malleated["TxnSignature"] = json!(hex::encode_upper(twin.to_der().as_bytes()));
    let err = verify_transaction(&codec::encode(&malleated).unwrap()).unwrap_err();
    assert_eq!(
        err,
        SignError::BadSignature {
            signer: None,
            source: KeyError::NonCanonicalSignature
        }
    );
}

/// The codec fixture's mainnet Payment was signed in 2013 with a high-S signature: valid ECDSA
/// that today's rule refuses. Its low-S twin verifies, which shows the signing data is right.
#[test]
fn an_early_high_s_mainnet_signature_is_refused_but_its_twin_verifies() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/codec-fixtures.json");
    let fixtures: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let entry = &fixtures["transactions"][0];
    let blob = hex::decode(entry["binary"].as_str().unwrap()).unwrap();
    assert_eq!(
        verify_transaction(&blob).unwrap_err(),
        SignError::BadSignature {
            signer: None,
            source: KeyError::NonCanonicalSignature
        }
    );
    let mut tx = entry["json"].clone();
    let der = hex::decode(tx["TxnSignature"].as_str().unwrap()).unwrap();
    let low_s = Signature::from_der(&der).unwrap().normalize_s().unwrap();
    tx["TxnSignature"] = json!(hex::encode_upper(low_s.to_der().as_bytes()));
    verify_transaction(&codec::encode(&tx).unwrap()).unwrap();
}

#[test]
fn multisigned_transactions_sort_signers_and_verify_each() {
    let alice = KeyPair::from_seed_str(ED_SEED).unwrap();
    let bob = KeyPair::from_seed_str(SECP_SEED).unwrap();
    let carol = KeyPair::from_seed_str("sEdSKaCy2JT7JaM7v95H9SxkhP9wS2r").unwrap();
    let mut tx = ed_payment();
    tx["Account"] = json!("rLUEXYuLiQptky37CqLcm9USQpPiz5rkpD");
    let signatures: Vec<Value> = [&alice, &bob]
        .iter()
        .map(|keys| multisign(&tx, keys, None).unwrap())
        .collect();
    let forward = combine_multisigned(&tx, &signatures).unwrap();
    let reversed: Vec<Value> = signatures.iter().rev().cloned().collect();
    let backward = combine_multisigned(&tx, &reversed).unwrap();
    assert_eq!(forward, backward, "signer order does not matter");
    assert_eq!(forward.tx_json["SigningPubKey"], "");

    let verified = verify_transaction_hex(&forward.tx_blob).unwrap();
    assert!(verified.multi_signed);
    let mut expected: Vec<AccountId> = vec![alice.account_id(), bob.account_id()];
    expected.sort();
    let accounts: Vec<AccountId> = verified.signers.iter().map(|s| s.account).collect();
    assert_eq!(accounts, expected);

    // A signature made for another signer's slot names the slot that fails.
    let mut forged = signatures.clone();
    let mut stolen = multisign(&tx, &carol, Some(bob.account_id())).unwrap();
    stolen["Signer"]["TxnSignature"] = signatures[0]["Signer"]["TxnSignature"].clone();
    forged[1] = stolen;
    let blob = combine_multisigned(&tx, &forged).unwrap().tx_blob;
    assert!(matches!(
        verify_transaction_hex(&blob),
        Err(SignError::BadSignature { signer: Some(who), .. }) if who == bob.account_id()
    ));

    // Duplicates and unsorted Signers are refused.
    assert_eq!(
        combine_multisigned(&tx, &[signatures[0].clone(), signatures[0].clone()]).unwrap_err(),
        SignError::SignersNotSorted
    );
    let mut unsorted = forward.tx_json.clone();
    let list = unsorted["Signers"].as_array_mut().unwrap();
    list.reverse();
    assert_eq!(
        verify_transaction(&codec::encode(&unsorted).unwrap()).unwrap_err(),
        SignError::SignersNotSorted
    );
}

#[test]
fn bad_input_is_a_typed_error() {
    let keys = KeyPair::from_seed_str(ED_SEED).unwrap();
    assert_eq!(
        sign_transaction(&json!([1, 2]), &keys).unwrap_err(),
        SignError::NotAnObject
    );
    assert!(matches!(
        sign_transaction(
            &json!({"TransactionType": "Payment", "Amountt": "1"}),
            &keys
        ),
        Err(SignError::Codec(_))
    ));
    let mut multi = ed_payment();
    multi["Signers"] = json!([]);
    assert_eq!(
        sign_transaction(&multi, &keys).unwrap_err(),
        SignError::AlreadyMultiSigned
    );
    assert!(matches!(
        verify_transaction_hex("zz"),
        Err(SignError::Codec(_))
    ));
    // A key that is not a curve point is caught by the verification itself.
    let mut off_curve =
        sign_transaction(&secp_payment(), &KeyPair::from_seed_str(SECP_SEED).unwrap())
            .unwrap()
            .tx_json;
    off_curve["SigningPubKey"] = json!(format!("02{}05", "00".repeat(31)));
    assert_eq!(
        verify_transaction(&codec::encode(&off_curve).unwrap()).unwrap_err(),
        SignError::BadSignature {
            signer: None,
            source: KeyError::BadPublicKey
        }
    );
    off_curve["SigningPubKey"] = json!("04ABCD");
    assert!(matches!(
        verify_transaction(&codec::encode(&off_curve).unwrap()),
        Err(SignError::BadField {
            field: "SigningPubKey",
            ..
        })
    ));
    // An unsigned transaction has nothing to verify.
    let unsigned = codec::encode(&ed_payment()).unwrap();
    assert!(matches!(
        verify_transaction(&unsigned),
        Err(SignError::BadField {
            field: "SigningPubKey",
            ..
        })
    ));
}

/// Every transaction shape in the vector files, re-signed with both keys: the blob equals the
/// codec's encoding of the signed JSON, and verifies.
#[test]
fn signed_blobs_equal_the_codec_encoding_for_every_fixture_shape() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let read = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap()
    };
    let mut shapes: Vec<Value> =
        vec![read("codec-fixtures.json")["transactions"][0]["json"].clone()];
    for tx in read("x-codec-fixtures.json")["transactions"]
        .as_array()
        .unwrap()
    {
        shapes.push(tx["rjson"].clone());
    }
    for (_, case) in read("nf-token.json").as_object().unwrap() {
        shapes.push(case["tx"]["json"].clone());
    }
    for name in [
        "escrow-create-tx.json",
        "escrow-finish-tx.json",
        "escrow-cancel-tx.json",
        "payment-channel-create-tx.json",
        "payment-channel-fund-tx.json",
        "payment-channel-claim-tx.json",
    ] {
        shapes.push(read(name));
    }
    // Issued and MPT amounts, which have other widths than XRP.
    shapes.push(json!({
        "TransactionType": "Payment", "Account": "rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL",
        "Destination": "r9zRhGr7b6xPekLvT6wP4qNdWMryaumZS7", "Fee": "12", "Sequence": 3,
        "Amount": {"mpt_issuance_id": "0000000700112233445566778899AABBCCDDEEFF00112233", "value": "100"}
    }));
    shapes.push(json!({
        "TransactionType": "OfferCreate", "Account": "rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL",
        "Fee": "12", "Sequence": 4, "TakerGets": "1000000",
        "TakerPays": {"currency": "USD", "issuer": "rGCkuB7PBr5tNy68tPEABEtcdno4hE6Y7f", "value": "1.5"}
    }));
    let keys = [
        KeyPair::from_seed_str(ED_SEED).unwrap(),
        KeyPair::from_seed_str(SECP_SEED).unwrap(),
    ];
    for mut tx in shapes {
        let fields = tx.as_object_mut().unwrap();
        for drop in ["TxnSignature", "SigningPubKey", "hash", "meta"] {
            fields.remove(drop);
        }
        // The claim fixture omits the sender; a signed transaction always names one.
        fields
            .entry("Account")
            .or_insert(json!("rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL"));
        for key in &keys {
            let signed = sign_transaction(&tx, key).unwrap();
            assert_eq!(
                signed.tx_blob,
                codec::encode_hex(&signed.tx_json).unwrap(),
                "{}",
                tx["TransactionType"]
            );
            verify_transaction_hex(&signed.tx_blob).unwrap();
        }
    }
}

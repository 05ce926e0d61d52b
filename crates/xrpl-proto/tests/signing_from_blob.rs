//! Property tests: the signing bytes cut from a blob are exactly the bytes the codec encodes
//! for the decoded transaction, whenever the cut is taken.
//!
//! rippled signs `STX\0` ‖ the canonical serialisation of the signing fields
//! (https://xrpl.org/docs/references/protocol/binary-format#signing-data and
//! `isSigningField` in the definitions), so for a canonical blob the signing bytes are the blob
//! without its non-signing fields. The cut must agree with `encode_for_signing(decode(blob))`
//! for every transaction type, the codec fixtures, fields in any order (it declines, or still
//! agrees) and corrupted blobs; and it must actually be taken for a plain canonical payment.
//! The generators are those of `codec_roundtrip.rs` (`tests/tx_strategy/`).

mod tx_strategy;

use tx_strategy::transaction;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value, json};
use xrpl_proto::codec::{decode, encode, encode_for_signing, signing_data_from_blob};
use xrpl_proto::definitions::definitions;

const CASES_PER_TYPE: u32 = 32;

fn agrees(blob: &[u8]) -> Result<bool, TestCaseError> {
    let Ok(tx) = decode(blob) else {
        return Ok(false);
    };
    let Some(cut) = signing_data_from_blob(blob) else {
        return Ok(false);
    };
    let encoded = encode_for_signing(&tx);
    prop_assert!(encoded.is_ok(), "cut taken where encoding fails: {tx}");
    prop_assert_eq!(cut, encoded.unwrap(), "{}", tx);
    Ok(true)
}

/// Each top-level field of `tx` on its own, as the bytes it contributes to a blob.
fn field_chunks(tx: &Value) -> Vec<Vec<u8>> {
    tx.as_object()
        .unwrap()
        .iter()
        .map(|(key, value)| {
            let mut one = Map::new();
            one.insert(key.clone(), value.clone());
            encode(&Value::Object(one)).unwrap()
        })
        .collect()
}

#[test]
fn every_transaction_type_cuts_the_same_bytes_as_encoding_in_any_order() {
    let defs = definitions();
    let mut formats: Vec<_> = defs.transaction_formats().collect();
    formats.sort_by(|a, b| a.name.cmp(&b.name));
    for format in formats {
        let mut fields = defs.common_transaction_fields().to_vec();
        fields.extend_from_slice(&format.fields);
        let strategy = (
            transaction(&format.name, fields),
            any::<prop::sample::Index>(),
            any::<u64>(),
        );
        let mut runner = TestRunner::new(Config::with_cases(CASES_PER_TYPE));
        runner
            .run(&strategy, |(tx, duplicate, shuffle)| {
                let blob = encode(&tx).unwrap();
                agrees(&blob)?;
                // The same fields in a scrambled order, and with one of them twice.
                let mut chunks = field_chunks(&tx);
                let n = chunks.len();
                for i in 0..n {
                    let j = (shuffle.rotate_left(i as u32 * 7) as usize) % n;
                    chunks.swap(i, j);
                }
                agrees(&chunks.concat())?;
                let again = chunks[duplicate.index(n)].clone();
                chunks.push(again);
                agrees(&chunks.concat())?;
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{}: {e}", format.name));
    }
}

/// The fixture blobs (ledger objects and transactions from ripple-binary-codec).
fn fixture_blobs() -> Vec<Vec<u8>> {
    let path = format!(
        "{}/tests/vectors/codec-fixtures.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let fixtures: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    fixtures["accountState"]
        .as_array()
        .unwrap()
        .iter()
        .chain(fixtures["transactions"].as_array().unwrap())
        .map(|e| hex::decode(e["binary"].as_str().unwrap()).unwrap())
        .collect()
}

#[test]
fn codec_fixtures_cut_the_same_bytes_as_encoding() {
    let mut taken = 0;
    for blob in fixture_blobs() {
        if agrees(&blob).unwrap() {
            taken += 1;
        }
    }
    assert!(taken > 0, "the cut was never taken on the fixtures");
}

#[test]
fn a_plain_signed_payment_is_cut_from_the_blob() {
    let tx = json!({
        "TransactionType": "Payment",
        "Account": "rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL",
        "Destination": "r9zRhGr7b6xPekLvT6wP4qNdWMryaumZS7",
        "Amount": "1000000", "Fee": "10", "Flags": 0, "Sequence": 7,
        "LastLedgerSequence": 20,
        "SigningPubKey": "EDA57EBBCB502C2009EFE17229E8DC865DCCB192C52D7888D624DC9EBADDB815F0",
        "TxnSignature": "AB".repeat(64),
    });
    let cut = signing_data_from_blob(&encode(&tx).unwrap());
    assert_eq!(cut, Some(encode_for_signing(&tx).unwrap()));
    // An issued amount is cut too, when its value is normalised.
    let mut iou = tx.clone();
    iou["Amount"] =
        json!({"currency": "USD", "issuer": "rGCkuB7PBr5tNy68tPEABEtcdno4hE6Y7f", "value": "1.5"});
    let cut = signing_data_from_blob(&encode(&iou).unwrap());
    assert_eq!(cut, Some(encode_for_signing(&iou).unwrap()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    /// Corrupted fixture blobs: wherever one still decodes and the cut is taken, it agrees.
    #[test]
    fn corrupted_blobs_never_cut_other_bytes(
        pick in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let blobs = fixture_blobs_once();
        let mut blob = blobs[pick.index(blobs.len())].clone();
        let i = at.index(blob.len());
        blob[i] = byte;
        agrees(&blob)?;
    }
}

fn fixture_blobs_once() -> &'static [Vec<u8>] {
    static BLOBS: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    BLOBS.get_or_init(fixture_blobs)
}

//! Property tests: every transaction type round-trips, and the decoder survives any bytes.
//!
//! Transactions are generated from `TRANSACTION_FORMATS` by `tests/tx_strategy/`: each type's own
//! fields plus the common ones, required fields always present, optional ones at random, each
//! value drawn from its field type in the canonical form the decoder writes back.

mod tx_strategy;

use tx_strategy::transaction;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;
use xrpl_proto::codec::{decode, encode};
use xrpl_proto::definitions::definitions;

const CASES_PER_TYPE: u32 = 64;

#[test]
fn every_transaction_type_round_trips() {
    let defs = definitions();
    let mut formats: Vec<_> = defs.transaction_formats().collect();
    formats.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(
        formats.len() >= 80,
        "definitions list {} types",
        formats.len()
    );
    for format in formats {
        let mut fields = defs.common_transaction_fields().to_vec();
        fields.extend_from_slice(&format.fields);
        let strategy = transaction(&format.name, fields);
        let mut runner = TestRunner::new(Config::with_cases(CASES_PER_TYPE));
        runner
            .run(&strategy, |tx| {
                let bytes = encode(&tx).map_err(|e| TestCaseError::fail(format!("{e}: {tx}")))?;
                let back = decode(&bytes).map_err(|e| TestCaseError::fail(format!("{e}")))?;
                prop_assert_eq!(&back, &tx);
                prop_assert_eq!(encode(&back).unwrap(), bytes);
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{}: {e}", format.name));
    }
}

/// The fixture blobs, parsed once for all cases.
static VALID_BLOBS: std::sync::LazyLock<Vec<Vec<u8>>> = std::sync::LazyLock::new(valid_blobs);

fn valid_blobs() -> Vec<Vec<u8>> {
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

/// Any JSON value, a few levels deep, with strings that sometimes look like protocol data.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[0-9A-Fa-f]{0,70}".prop_map(Value::from),
        "-?[0-9]{0,25}(\\.[0-9]{0,20})?(e-?[0-9]{1,3})?".prop_map(Value::from),
        "r[1-9A-HJ-NP-Za-km-z]{24,34}".prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        let field_names: Vec<String> = definitions()
            .fields()
            .iter()
            .map(|f| f.name.clone())
            .collect();
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(field_names), inner), 0..5)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn encode_never_panics_on_arbitrary_json(json in any_json()) {
        if let Ok(bytes) = encode(&json) {
            // Whatever encodes must decode (the encoder only writes what it can read back).
            prop_assert!(decode(&bytes).is_ok(), "{}", json);
        }
    }

    #[test]
    fn decode_never_panics_on_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = decode(&bytes);
    }

    #[test]
    fn decode_never_panics_on_mutated_blobs(
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut blob = pick.get(&VALID_BLOBS).clone();
        for (at, byte) in edits {
            let i = at.index(blob.len());
            blob[i] = byte;
        }
        let end = cut.index(blob.len() + 1);
        if let Ok(json) = decode(&blob[..end]) {
            // Whatever decodes must re-encode without panicking either.
            let _ = encode(&json);
        }
    }
}

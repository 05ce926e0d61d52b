//! Property tests: the signing bytes cut from a blob are exactly the bytes the codec encodes
//! for the decoded transaction, whenever the cut is taken.
//!
//! rippled signs `STX\0` ‖ the canonical serialisation of the signing fields
//! (https://xrpl.org/docs/references/protocol/binary-format#signing-data and
//! `isSigningField` in the definitions), so for a canonical blob the signing bytes are the blob
//! without its non-signing fields. The cut must agree with `encode_for_signing(decode(blob))`
//! for every transaction type, the codec fixtures, fields in any order (it declines, or still
//! agrees) and corrupted blobs; and it must actually be taken for a plain canonical payment.
//! The generators are those of `codec_roundtrip.rs`.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value, json};
use xrpl_proto::address::AccountId;
use xrpl_proto::codec::{decode, encode, encode_for_signing, signing_data_from_blob};
use xrpl_proto::definitions::{FieldDef, FieldType, FormatField, Optionality, definitions};

const CASES_PER_TYPE: u32 = 32;

fn hex_bytes(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<u8>(), len).prop_map(hex::encode_upper)
}

fn account() -> impl Strategy<Value = String> {
    any::<[u8; 20]>().prop_map(|b| AccountId::from_bytes(b).to_classic())
}

fn currency_code() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec!["USD", "EUR", "BTC", "CNY", "xyz", "A1?"]).prop_map(String::from),
        // Non-standard codes start with a non-zero byte, so they never look like ISO codes.
        (1u8..=255, any::<[u8; 19]>()).prop_map(|(first, rest)| {
            let mut bytes = vec![first];
            bytes.extend_from_slice(&rest);
            hex::encode_upper(bytes)
        }),
    ]
}

fn iou_value() -> impl Strategy<Value = String> {
    (
        1_000_000_000_000_000i64..10_000_000_000_000_000,
        -96i32..=80,
        any::<bool>(),
    )
        .prop_map(|(m, e, negative)| {
            let value =
                xrpl_proto::amount::IouValue::new(if negative { -m } else { m }, e).unwrap();
            value.to_string()
        })
}

fn amount() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0i64..=100_000_000_000_000_000).prop_map(|d| json!(d.to_string())),
        (iou_value(), currency_code(), account())
            .prop_map(|(value, currency, issuer)| json!({"currency": currency, "issuer": issuer, "value": value})),
        (0i64..=i64::MAX, hex_bytes(24..25))
            .prop_map(|(value, id)| json!({"mpt_issuance_id": id, "value": value.to_string()})),
    ]
}

fn issue() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!({"currency": "XRP"})),
        (currency_code(), account()).prop_map(|(c, i)| json!({"currency": c, "issuer": i})),
        hex_bytes(24..25).prop_map(|id| json!({"mpt_issuance_id": id})),
    ]
}

fn path_step() -> impl Strategy<Value = Value> {
    (
        prop::option::of(account()),
        prop::option::of(prop_oneof![Just("XRP".to_string()), currency_code()]),
        prop::option::of(account()),
    )
        .prop_filter("a step names something", |(a, c, i)| {
            a.is_some() || c.is_some() || i.is_some()
        })
        .prop_map(|(a, c, i)| {
            let mut step = Map::new();
            if let Some(a) = a {
                step.insert("account".into(), json!(a));
            }
            if let Some(c) = c {
                step.insert("currency".into(), json!(c));
            }
            if let Some(i) = i {
                step.insert("issuer".into(), json!(i));
            }
            Value::Object(step)
        })
}

fn number() -> impl Strategy<Value = Value> {
    (
        1_000_000_000_000_000i64..10_000_000_000_000_000,
        prop_oneof![1i32..40, -60i32..-26],
        any::<bool>(),
    )
        .prop_map(|(m, e, negative)| json!(format!("{}e{e}", if negative { -m } else { m })))
}

/// A value of the field's type, in the form the decoder prints.
fn value_for(field: &FieldDef) -> BoxedStrategy<Value> {
    let base10 = ["MaximumAmount", "OutstandingAmount", "MPTAmount"].contains(&field.name.as_str());
    match field.field_type {
        FieldType::UInt8 => any::<u8>().prop_map(|n| json!(n)).boxed(),
        FieldType::UInt16 => any::<u16>().prop_map(|n| json!(n)).boxed(),
        FieldType::UInt32 => any::<u32>().prop_map(|n| json!(n)).boxed(),
        FieldType::UInt64 if base10 => any::<u64>().prop_map(|n| json!(n.to_string())).boxed(),
        FieldType::UInt64 => any::<u64>()
            .prop_map(|n| json!(format!("{n:016X}")))
            .boxed(),
        FieldType::Int32 => any::<i32>().prop_map(|n| json!(n)).boxed(),
        FieldType::Int64 => any::<i64>().prop_map(|n| json!(n)).boxed(),
        FieldType::Hash128 => any::<[u8; 16]>()
            .prop_map(|b| {
                json!(if b == [0; 16] {
                    String::new()
                } else {
                    hex::encode_upper(b)
                })
            })
            .boxed(),
        FieldType::Hash160 => hex_bytes(20..21).prop_map(Value::from).boxed(),
        FieldType::Hash192 => hex_bytes(24..25).prop_map(Value::from).boxed(),
        FieldType::Hash256 => hex_bytes(32..33).prop_map(Value::from).boxed(),
        FieldType::Hash384 => hex_bytes(48..49).prop_map(Value::from).boxed(),
        FieldType::Hash512 => hex_bytes(64..65).prop_map(Value::from).boxed(),
        FieldType::UInt96 => hex_bytes(12..13).prop_map(Value::from).boxed(),
        FieldType::Vector256 => prop::collection::vec(hex_bytes(32..33), 0..4)
            .prop_map(|v| json!(v))
            .boxed(),
        FieldType::Blob => hex_bytes(0..80).prop_map(Value::from).boxed(),
        FieldType::AccountID => account().prop_map(Value::from).boxed(),
        FieldType::Amount => amount().boxed(),
        FieldType::Number => number().boxed(),
        FieldType::Currency => prop_oneof![Just("XRP".to_string()), currency_code()]
            .prop_map(Value::from)
            .boxed(),
        FieldType::Issue => issue().boxed(),
        FieldType::XChainBridge => (account(), issue(), account(), issue())
            .prop_map(|(ld, li, id, ii)| {
                json!({"LockingChainDoor": ld, "LockingChainIssue": li,
                       "IssuingChainDoor": id, "IssuingChainIssue": ii})
            })
            .boxed(),
        FieldType::PathSet => prop::collection::vec(prop::collection::vec(path_step(), 1..4), 1..4)
            .prop_map(|paths| json!(paths))
            .boxed(),
        FieldType::STObject => (account(), hex_bytes(0..8))
            .prop_map(|(a, data)| json!({"Account": a, "MemoData": data}))
            .boxed(),
        FieldType::STArray => prop::collection::vec((account(), any::<u32>()), 0..3)
            .prop_map(|items| {
                Value::Array(
                    items
                        .into_iter()
                        .map(|(a, n)| json!({"Memo": {"Account": a, "Sequence": n}}))
                        .collect(),
                )
            })
            .boxed(),
        FieldType::Other => Just(Value::Null).boxed(),
    }
}

fn transaction(name: &str, fields: Vec<FormatField>) -> BoxedStrategy<Value> {
    let defs = definitions();
    let name = name.to_string();
    let slots: Vec<BoxedStrategy<Option<(String, Value)>>> = fields
        .into_iter()
        .filter_map(|slot| {
            let field = &defs.fields()[slot.field];
            if field.name == "TransactionType" || !field.is_serialized {
                return None;
            }
            let key = field.name.clone();
            let value = value_for(field).prop_map(move |v| (key.clone(), v));
            Some(match slot.optionality {
                Optionality::Required => value.prop_map(Some).boxed(),
                Optionality::Optional | Optionality::Default => prop::option::of(value).boxed(),
            })
        })
        .collect();
    slots
        .prop_map(move |entries| {
            let mut tx = Map::new();
            tx.insert("TransactionType".into(), json!(name));
            tx.extend(entries.into_iter().flatten());
            Value::Object(tx)
        })
        .boxed()
}

/// Where the cut is taken it equals the codec's signing bytes of the decoded JSON. (The
/// verifier decodes first, so blobs that do not decode never reach the cut.)
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

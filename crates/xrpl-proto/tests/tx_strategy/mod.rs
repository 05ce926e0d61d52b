//! Proptest generators for whole transactions, driven by `TRANSACTION_FORMATS`: each type's own
//! fields plus the common ones, required fields always present, optional ones at random, each
//! value drawn from its field type in the canonical form the decoder writes back. Shared by the
//! codec round-trip and the signing-bytes property tests.
#![allow(dead_code)]

use proptest::prelude::*;
use serde_json::{Map, Value, json};
use xrpl_proto::address::AccountId;
use xrpl_proto::definitions::{FieldDef, FieldType, FormatField, Optionality, definitions};

pub fn hex_bytes(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<u8>(), len).prop_map(hex::encode_upper)
}

pub fn account() -> impl Strategy<Value = String> {
    any::<[u8; 20]>().prop_map(|b| AccountId::from_bytes(b).to_classic())
}

pub fn currency_code() -> impl Strategy<Value = String> {
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

pub fn iou_value() -> impl Strategy<Value = String> {
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

pub fn amount() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0i64..=100_000_000_000_000_000).prop_map(|d| json!(d.to_string())),
        (iou_value(), currency_code(), account())
            .prop_map(|(value, currency, issuer)| json!({"currency": currency, "issuer": issuer, "value": value})),
        (0i64..=i64::MAX, hex_bytes(24..25))
            .prop_map(|(value, id)| json!({"mpt_issuance_id": id, "value": value.to_string()})),
    ]
}

pub fn issue() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!({"currency": "XRP"})),
        (currency_code(), account()).prop_map(|(c, i)| json!({"currency": c, "issuer": i})),
        hex_bytes(24..25).prop_map(|id| json!({"mpt_issuance_id": id})),
    ]
}

pub fn path_step() -> impl Strategy<Value = Value> {
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

pub fn number() -> impl Strategy<Value = Value> {
    (
        1_000_000_000_000_000i64..10_000_000_000_000_000,
        prop_oneof![1i32..40, -60i32..-26],
        any::<bool>(),
    )
        .prop_map(|(m, e, negative)| json!(format!("{}e{e}", if negative { -m } else { m })))
}

/// A value of the field's type, in the form the decoder prints.
pub fn value_for(field: &FieldDef) -> BoxedStrategy<Value> {
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

pub fn transaction(name: &str, fields: Vec<FormatField>) -> BoxedStrategy<Value> {
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

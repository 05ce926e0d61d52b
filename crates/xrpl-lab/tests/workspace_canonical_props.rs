//! Properties of the Python-compatible JSON writer, over generated values (bounded case counts).

use proptest::prelude::*;
use serde_json::{Map, Number, Value};
use xrpl_lab::workspace::canonical_json::{Layout, canonical, python_dumps, python_float_repr};

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| Value::Number(Number::from_f64(f).unwrap())),
        ".*".prop_map(Value::String),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((".*", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Equal values; floats may differ by a unit or two in the last place because serde_json's own float parser (without
/// its `float_roundtrip` feature) can be an ULP or two off. The writer's digits are checked exactly by
/// the float property below, with Rust's correctly rounded parser.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            // Counted in units in the last place, on the bits: a relative epsilon is too strict
            // for subnormals, whose last place is large relative to the value.
            x == y || (x.signum() == y.signum() && x.to_bits().abs_diff(y.to_bits()) <= 2)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn keys_sorted(v: &Value) -> bool {
    match v {
        Value::Object(m) => {
            let keys: Vec<&String> = m.keys().collect();
            keys.windows(2).all(|w| w[0] <= w[1]) && m.values().all(keys_sorted)
        }
        Value::Array(a) => a.iter().all(keys_sorted),
        _ => true,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn canonical_text_is_ascii_and_parses_back_to_the_same_value(v in value()) {
        let text = canonical(&v);
        prop_assert!(text.is_ascii());
        prop_assert!(!text.contains(": ") || text.contains('"'));
        let back: Value = serde_json::from_str(&text).unwrap();
        prop_assert!(same(&back, &v), "{back} != {v}");
        prop_assert!(keys_sorted(&back));
        // The pretty layouts carry the same value.
        let pretty: Value = serde_json::from_str(&python_dumps(&v, Layout::PRETTY)).unwrap();
        prop_assert!(same(&pretty, &v));
    }

    #[test]
    fn float_repr_round_trips_and_uses_python_notation(f in any::<f64>().prop_filter("finite", |f| f.is_finite())) {
        let text = python_float_repr(f);
        prop_assert_eq!(text.parse::<f64>().unwrap(), f);
        // Python always writes a '.' or an exponent, so a float never reads back as an integer.
        prop_assert!(text.contains('.') || text.contains('e'));
        if let Some((_, exp)) = text.split_once('e') {
            prop_assert!(exp.starts_with('+') || exp.starts_with('-'));
            prop_assert!(exp.len() >= 3);
        }
    }
}

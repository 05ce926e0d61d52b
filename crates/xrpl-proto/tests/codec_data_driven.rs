//! ripple-binary-codec's `data-driven-tests.json`: type codes, field headers, whole objects
//! field by field, and every amount value (including each error case).

use serde_json::{Map, Value};
use xrpl_proto::amount::Amount;
use xrpl_proto::codec::{decode_amount, decode_hex, encode, encode_amount, encode_for_signing};
use xrpl_proto::definitions::definitions;

fn data() -> Value {
    let path = format!(
        "{}/tests/vectors/data-driven-tests.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn type_codes_match() {
    let data = data();
    let types = data["types"].as_array().unwrap();
    assert_eq!(types.len(), 17);
    for t in types {
        let name = t["name"].as_str().unwrap();
        assert_eq!(
            definitions().type_code(name).map(i64::from),
            t["ordinal"].as_i64(),
            "{name}"
        );
    }
}

#[test]
fn field_headers_match() {
    let data = data();
    let fields = data["fields_tests"].as_array().unwrap();
    assert_eq!(fields.len(), 123);
    for case in fields {
        let name = case["name"].as_str().unwrap();
        let field = definitions()
            .field(name)
            .unwrap_or_else(|| panic!("{name} is missing from definitions.json"));
        assert_eq!(
            i64::from(field.type_code),
            case["type"].as_i64().unwrap(),
            "{name}"
        );
        assert_eq!(
            i64::from(field.nth),
            case["nth_of_type"].as_i64().unwrap(),
            "{name}"
        );
        assert_eq!(
            field.type_name,
            case["type_name"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(
            hex::encode_upper(field.header()),
            case["expected_hex"].as_str().unwrap(),
            "{name}"
        );
    }
}

#[test]
fn whole_objects_field_by_field() {
    let data = data();
    let objects = data["whole_objects"].as_array().unwrap();
    assert_eq!(objects.len(), 18);
    for (i, object) in objects.iter().enumerate() {
        let tx = &object["tx_json"];
        let mut expected = String::new();
        for pair in object["fields"].as_array().unwrap() {
            let name = pair[0].as_str().unwrap();
            let parts = &pair[1];
            let mut field_hex = parts["field_header"].as_str().unwrap().to_string();
            if let Some(vl) = parts["vl_length"].as_str() {
                field_hex.push_str(vl);
            }
            for chunk in parts["binary"].as_array().unwrap() {
                field_hex.push_str(chunk.as_str().unwrap());
            }
            // The fixture's chunks for an array stop before its end marker (0xF1), which its
            // own `blob_with_no_signing` does contain.
            if definitions().field(name).unwrap().type_name == "STArray" {
                field_hex.push_str("F1");
            }
            // Each field alone encodes to its own bytes, and decodes back to its JSON.
            let mut single = Map::new();
            single.insert(name.to_string(), parts["json"].clone());
            let single = Value::Object(single);
            assert_eq!(
                hex::encode_upper(encode(&single).unwrap()),
                field_hex,
                "object {i} field {name}"
            );
            assert_eq!(
                decode_hex(&field_hex).unwrap(),
                single,
                "object {i} field {name}"
            );
            expected.push_str(&field_hex);
        }
        assert_eq!(
            hex::encode_upper(encode(tx).unwrap()),
            expected,
            "object {i}"
        );
        assert_eq!(
            expected,
            object["blob_with_no_signing"].as_str().unwrap(),
            "object {i}"
        );
        // With no signature present, the signing serialisation is the prefix plus the blob.
        let signing = encode_for_signing(tx).unwrap();
        assert_eq!(hex::encode_upper(&signing[4..]), expected, "object {i}");
        assert_eq!(decode_hex(&expected).unwrap(), *tx, "object {i}");
    }
}

#[test]
fn amount_values_and_their_errors() {
    let data = data();
    let values = data["values_tests"].as_array().unwrap();
    assert_eq!(values.len(), 32);
    let mut errors = 0;
    for case in values {
        assert_eq!(case["type"], "Amount");
        let json = &case["test_json"];
        match case.get("error") {
            Some(message) => {
                errors += 1;
                let err = Amount::from_json(json).expect_err(message.as_str().unwrap());
                // Our messages carry the same facts as the fixture's.
                let text = err.to_string();
                let fact = match message.as_str().unwrap() {
                    m if m.contains("precision") => "precision of 17",
                    m if m.contains("exponent") => "exponent is too large",
                    m if m.contains("1000000000000 absolute") => "1000000000000 absolute XRP",
                    _ => "10000000000000000000 absolute XRP",
                };
                assert!(text.contains(fact), "{text:?} lacks {fact:?}");
            }
            None => {
                let amount = Amount::from_json(json).unwrap();
                let expected = case["expected_hex"].as_str().unwrap();
                assert_eq!(
                    hex::encode_upper(encode_amount(&amount)),
                    expected,
                    "{json}"
                );
                let bytes = hex::decode(expected).unwrap();
                assert_eq!(decode_amount(&bytes).unwrap(), amount, "{json}");
                if let (Some(mantissa), Some(exponent)) =
                    (case["mantissa"].as_str(), case["exponent"].as_i64())
                    && let Amount::Issued(issued) = amount
                    // The fixture gives zero an exponent of -15; its only encoding has none.
                    && !issued.value.is_zero()
                {
                    let m = i64::from_str_radix(mantissa, 16).unwrap();
                    assert_eq!(issued.value.mantissa().abs(), m, "{json}");
                    assert_eq!(i64::from(issued.value.exponent()), exponent, "{json}");
                }
            }
        }
    }
    assert_eq!(errors, 4);
}

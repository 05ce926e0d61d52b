//! The codec against the ripple-binary-codec fixture corpus, in both directions.
//!
//! The fixtures come from ripple-binary-codec 1.8.0 while our `definitions.json` is current; no
//! field used by these fixtures was renamed or renumbered since (every key resolves, and every
//! blob round-trips byte for byte), which this file checks by running them all.

use serde_json::Value;
use xrpl_proto::codec::{
    decode, decode_hex, decode_ledger_header, encode, encode_hex, encode_ledger_header,
};

fn vectors(name: &str) -> Value {
    let path = format!("{}/tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Encodes `json` and checks the hex; decodes `binary` and checks the JSON.
fn both_directions(label: &str, json: &Value, binary: &str) {
    let encoded = encode_hex(json).unwrap_or_else(|e| panic!("{label}: encode failed: {e}"));
    assert_eq!(encoded, binary.to_uppercase(), "{label}: encode");
    let decoded = decode_hex(binary).unwrap_or_else(|e| panic!("{label}: decode failed: {e}"));
    assert_eq!(&decoded, json, "{label}: decode");
}

#[test]
fn codec_fixtures_account_state_transactions_and_ledger_data() {
    let fixtures = vectors("codec-fixtures.json");
    let account_state = fixtures["accountState"].as_array().unwrap();
    assert_eq!(account_state.len(), 261);
    for (i, entry) in account_state.iter().enumerate() {
        both_directions(
            &format!("accountState[{i}]"),
            &entry["json"],
            entry["binary"].as_str().unwrap(),
        );
    }
    for (i, entry) in fixtures["transactions"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        both_directions(
            &format!("transactions[{i}]"),
            &entry["json"],
            entry["binary"].as_str().unwrap(),
        );
    }
}

#[test]
fn codec_fixtures_ledger_headers() {
    let fixtures = vectors("codec-fixtures.json");
    let headers = fixtures["ledgerData"].as_array().unwrap();
    assert!(!headers.is_empty());
    for entry in headers {
        let binary = entry["binary"].as_str().unwrap();
        let bytes = hex::decode(binary).unwrap();
        assert_eq!(encode_ledger_header(&entry["json"]).unwrap(), bytes);
        assert_eq!(decode_ledger_header(&bytes).unwrap(), entry["json"]);
        assert!(decode_ledger_header(&bytes[..bytes.len() - 1]).is_err());
    }
}

#[test]
fn nf_token_transactions_and_metadata() {
    let fixtures = vectors("nf-token.json");
    for (name, case) in fixtures.as_object().unwrap() {
        for part in ["tx", "meta"] {
            both_directions(
                &format!("{name}.{part}"),
                &case[part]["json"],
                case[part]["binary"].as_str().unwrap(),
            );
        }
    }
}

#[test]
fn escrow_and_payment_channel_pairs() {
    for name in [
        "escrow-create",
        "escrow-finish",
        "escrow-cancel",
        "payment-channel-create",
        "payment-channel-fund",
        "payment-channel-claim",
    ] {
        let mut json = vectors(&format!("{name}-tx.json"));
        let binary = vectors(&format!("{name}-binary.json"));
        // escrow-finish-tx.json is a `tx` answer: `hash` and `meta` ride along and are not part
        // of the blob. Encoding skips them; the decoded JSON cannot contain them.
        let encoded = encode_hex(&json).unwrap();
        assert_eq!(
            encoded,
            binary.as_str().unwrap().to_uppercase(),
            "{name}: encode"
        );
        let object = json.as_object_mut().unwrap();
        object.remove("hash");
        object.remove("meta");
        both_directions(name, &json, binary.as_str().unwrap());
    }
    // The escrow-finish metadata blob decodes and re-encodes to itself.
    let meta = vectors("escrow-finish-meta-binary.json");
    let meta = meta.as_str().unwrap();
    let json = decode_hex(meta).unwrap();
    assert_eq!(encode_hex(&json).unwrap(), meta.to_uppercase());
}

#[test]
fn x_addresses_encode_like_their_classic_form() {
    let fixtures = vectors("x-codec-fixtures.json");
    let cases = fixtures["transactions"].as_array().unwrap();
    assert!(!cases.is_empty());
    for (i, case) in cases.iter().enumerate() {
        let classic = encode(&case["rjson"]).unwrap();
        let x = encode(&case["xjson"]).unwrap_or_else(|e| panic!("xjson[{i}]: {e}"));
        assert_eq!(x, classic, "case {i}");
        // Decoding always gives the classic form.
        assert_eq!(decode(&x).unwrap(), case["rjson"], "case {i}");
    }
}

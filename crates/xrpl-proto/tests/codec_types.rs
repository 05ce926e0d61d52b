//! Single types against the expectations of ripple-binary-codec's own unit tests: Number,
//! Issue (XRP, IOU, MPT), MPT amounts, short UInt64 hex, and the signing blobs.

use serde_json::{Value, json};
use xrpl_proto::address::AccountId;
use xrpl_proto::codec::{
    decode, decode_hex, encode, encode_for_multisigning, encode_for_signing,
    encode_for_signing_claim, encode_hex,
};

/// Encodes `{field: value}` and decodes it back, returning the decoded value.
fn through(field: &str, value: Value) -> Value {
    let mut object = serde_json::Map::new();
    object.insert(field.to_string(), value);
    let bytes = encode(&Value::Object(object)).unwrap();
    decode(&bytes).unwrap()[field].clone()
}

#[test]
fn numbers_normalise_and_print_like_xrpl_js() {
    for (input, printed) in [
        ("9876543210", "9876543210"),
        ("-987654321", "-987654321"),
        ("0", "0"),
        ("123.456", "123.456"),
        ("1.23e5", "123000"),
        ("-4.56e-7", "-0.000000456"),
        ("7.89e+20", "7890000000000000e5"),
        ("123.45000", "123.45"),
        ("0000123.45", "123.45"),
        ("123e2", "12300"),
        ("-1.2e2", "-120"),
    ] {
        assert_eq!(
            through("AssetsTotal", json!(input)),
            json!(printed),
            "{input}"
        );
    }
    assert!(encode(&json!({"AssetsTotal": "abc123"})).is_err());
    assert!(encode(&json!({"AssetsTotal": 5})).is_err());
    // 12 bytes: 8-byte mantissa, 4-byte exponent; zero has the lowest exponent.
    let zero = encode(&json!({"AssetsTotal": "0"})).unwrap();
    assert_eq!(
        hex::encode_upper(&zero[zero.len() - 12..]),
        "000000000000000080000000"
    );
}

#[test]
fn issues_of_every_kind_round_trip() {
    for issue in [
        json!({"currency": "XRP"}),
        json!({"currency": "USD", "issuer": "rG1QQv2nh2gr7RCZ1P8YYcBUKCCN633jCn"}),
        json!({"currency": "0123456789ABCDEF0123456789ABCDEF01234567", "issuer": "rG1QQv2nh2gr7RCZ1P8YYcBUKCCN633jCn"}),
        json!({"mpt_issuance_id": "BAADF00DBAADF00DBAADF00DBAADF00DBAADF00DBAADF00D"}),
    ] {
        assert_eq!(through("Asset", issue.clone()), issue);
    }
    // The MPT form: issuer, the "no account" marker, then the sequence little-endian.
    let bytes = encode(
        &json!({"Asset": {"mpt_issuance_id": "00002403C84A0A28E0190E208E982C352BBD5006600555CF"}}),
    )
    .unwrap();
    assert_eq!(
        hex::encode_upper(&bytes[2..]),
        "C84A0A28E0190E208E982C352BBD5006600555CF000000000000000000000000000000000000000103240000"
    );
    assert!(encode(&json!({"Asset": {"currency": "USD"}})).is_err());
    assert!(
        encode(
            &json!({"Asset": {"currency": "XRP", "issuer": "rG1QQv2nh2gr7RCZ1P8YYcBUKCCN633jCn"}})
        )
        .is_err()
    );
}

#[test]
fn mpt_amounts() {
    let id = "00002403C84A0A28E0190E208E982C352BBD5006600555CF";
    for value in ["100", "9223372036854775807"] {
        let amount = json!({"mpt_issuance_id": id, "value": value});
        assert_eq!(through("Amount", amount.clone()), amount);
    }
    // A negative MPT amount (as metadata may carry) has the sign bit clear.
    let negative = decode_hex(&format!("6120000000000000006400{}", &id[2..])).unwrap();
    assert_eq!(
        negative["Amount"],
        json!({"mpt_issuance_id": id, "value": "-100"})
    );
    assert!(
        encode(&json!({"Amount": {"mpt_issuance_id": id, "value": "9223372036854775808"}}))
            .is_err()
    );
    assert!(encode(&json!({"Amount": {"mpt_issuance_id": id, "value": "1.5"}})).is_err());
    // An issuer in hex is accepted and printed as an address.
    let hex_issuer = json!({"value": "1", "issuer": "0000000000000000000000000000000000000000", "currency": "USD"});
    assert_eq!(
        through("Amount", hex_issuer),
        json!({"currency": "USD", "issuer": "rrrrrrrrrrrrrrrrrrrrrhoLvTp", "value": "1"})
    );
}

#[test]
fn uint64_accepts_short_hex() {
    let entry = json!({
        "Balance": {"currency": "JPY", "issuer": "rrrrrrrrrrrrrrrrrrrrBZbvji", "value": "0.3369568318"},
        "Flags": 1114112,
        "HighLimit": {"currency": "JPY", "issuer": "r94s8px6kSw1uZ1MV98dhSRTvc6VMPoPcN", "value": "0"},
        "HighNode": "a3",
        "LedgerEntryType": "RippleState",
        "LowLimit": {"currency": "JPY", "issuer": "rfYQMgj3g3Qp8VLoZNvvU35mEuuJC8nCmY", "value": "1000000000"},
        "LowNode": "0",
        "PreviousTxnID": "06FC7DE374089D50F81AAE13E7BBF3D0E694769331E14F55351B38D0148018EA",
        "PreviousTxnLgrSeq": 32253063,
        "index": "000319BAE0A618A7D3BB492F17E98E5D92EA0C6458AFEBED44206B5B4798A840"
    });
    assert_eq!(
        encode_hex(&entry).unwrap(),
        "11007222001100002501EC24873700000000000000003800000000000000A35506FC7DE374089D50F81AAE13E7BBF3D0E694769331E14F55351B38D0148018EA62D44BF89AC2A40B800000000000000000000000004A50590000000000000000000000000000000000000000000000000166D6C38D7EA4C680000000000000000000000000004A5059000000000047C1258B4B79774B28176324068F759EDE226F686780000000000000000000000000000000000000004A505900000000005BBC0F22F61D9224A110650CFE21CC0C4BE13098"
    );
    assert_eq!(
        through("MPTAmount", json!("18446744073709551615")),
        json!("18446744073709551615")
    );
    assert_eq!(through("OwnerNode", json!("1f")), json!("000000000000001F"));
    assert!(encode(&json!({"OwnerNode": "12345678901234567"})).is_err());
}

fn signing_tx() -> Value {
    json!({
        "Account": "r9LqNeG6qHxjeUocjvVki2XR35weJ9mZgQ",
        "Amount": "1000",
        "Destination": "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh",
        "Fee": "10",
        "Flags": 2147483648u32,
        "Sequence": 1,
        "TransactionType": "Payment",
        "TxnSignature": "30440220718D264EF05CAED7C781FF6DE298DCAC68D002562C9BF3A07C1E721B420C0DAB02203A5A4779EF4D2CCC7BC3EF886676D803A9981B928D3B8ACA483B80ECA3CD7B9B",
        "Signature": "30440220718D264EF05CAED7C781FF6DE298DCAC68D002562C9BF3A07C1E721B420C0DAB02203A5A4779EF4D2CCC7BC3EF886676D803A9981B928D3B8ACA483B80ECA3CD7B9B",
        "SigningPubKey": "ED5F5AC8B98974A3CA843326D9B88CEBD0560177B973EE0B149F782CFAA06DC66A"
    })
}

#[test]
fn signing_blobs_match_ripple_binary_codec() {
    let single = encode_for_signing(&signing_tx()).unwrap();
    assert_eq!(
        hex::encode_upper(single),
        "53545800120000228000000024000000016140000000000003E868400000000000000A7321ED5F5AC8B98974A3CA843326D9B88CEBD0560177B973EE0B149F782CFAA06DC66A81145B812C9D57731E27A2DA8B1830195F88EF32A3B68314B5F762798A53D543A014CAF8B297CFF8F2F937E8"
    );
    let mut tx = signing_tx();
    tx["SigningPubKey"] = json!("");
    let signer = AccountId::from_classic("rJZdUusLDtY9NEsGea7ijqhVrXv98rYBYN").unwrap();
    assert_eq!(
        hex::encode_upper(encode_for_multisigning(&tx, signer).unwrap()),
        "534D5400120000228000000024000000016140000000000003E868400000000000000A730081145B812C9D57731E27A2DA8B1830195F88EF32A3B68314B5F762798A53D543A014CAF8B297CFF8F2F937E8C0A5ABEF242802EFED4B041E8F2D4A8CC86AE3D1"
    );
    assert_eq!(
        hex::encode_upper(
            encode_for_signing_claim(
                "43904CBFCDCEC530B4037871F86EE90BF799DF8D2E0EA564BC8A3F332E4F5FB1",
                1000
            )
            .unwrap()
        ),
        "434C4D0043904CBFCDCEC530B4037871F86EE90BF799DF8D2E0EA564BC8A3F332E4F5FB100000000000003E8"
    );
}

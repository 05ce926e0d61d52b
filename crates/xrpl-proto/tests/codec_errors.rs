//! Bad input gets the right typed error and never a panic.

use serde_json::{Value, json};
use xrpl_proto::address::AddressError;
use xrpl_proto::amount::AmountError;
use xrpl_proto::base58::Base58Error;
use xrpl_proto::codec::{CodecError, decode, decode_hex, encode};

fn payment() -> Value {
    json!({
        "TransactionType": "Payment",
        "Account": "r3kmLJN5D28dHuH8vZNUZpMC43pEHpaocV",
        "Destination": "rLQBHVhFnaC5gLEkgr6HgBJJ3bgeZHg9cj",
        "Amount": {"currency": "USD", "value": "12.5", "issuer": "rLQBHVhFnaC5gLEkgr6HgBJJ3bgeZHg9cj"},
        "Fee": "12",
        "Sequence": 7,
        "Memos": [{"Memo": {"MemoData": "68656C6C6F"}}],
        "SigningPubKey": ""
    })
}

fn with(field: &str, value: Value) -> Value {
    let mut tx = payment();
    tx[field] = value;
    tx
}

#[test]
fn malformed_hex_is_rejected() {
    assert!(matches!(decode_hex("12ZZ"), Err(CodecError::BadHex { .. })));
    assert!(matches!(decode_hex("120"), Err(CodecError::BadHex { .. })));
    assert!(matches!(
        encode(&with("MemoType", json!("ABC"))),
        Err(CodecError::BadHex { .. })
    ));
    assert!(matches!(
        encode(&with("InvoiceID", json!("XY".repeat(32)))),
        Err(CodecError::BadHex { .. })
    ));
    assert!(matches!(
        encode(&with("InvoiceID", json!("AB"))),
        Err(CodecError::BadLength {
            expected: 32,
            found: 1,
            ..
        })
    ));
}

#[test]
fn truncated_blobs_are_rejected_wherever_they_are_cut() {
    let blob = encode(&payment()).unwrap();
    assert!(matches!(
        decode(&blob[..blob.len() - 1]),
        Err(CodecError::Truncated { .. })
    ));
    // Inside the Memos array: the end markers are missing.
    let memo_start = blob.iter().position(|b| *b == 0xF9).unwrap();
    assert!(matches!(
        decode(&blob[..memo_start + 3]),
        Err(CodecError::Truncated { .. })
    ));
    for cut in 0..blob.len() {
        // Every prefix decodes to a typed result; cuts at field boundaries are shorter objects.
        let _ = decode(&blob[..cut]);
    }
}

#[test]
fn unknown_fields_are_rejected_both_ways() {
    assert_eq!(
        encode(&with("Ammount", json!("1"))),
        Err(CodecError::UnknownField("Ammount".into()))
    );
    // Lower-case keys are API annotations (hash, meta, validated) and are skipped.
    assert_eq!(
        encode(&with("validated", json!(true))).unwrap(),
        encode(&payment()).unwrap()
    );
    // UInt32 with nth 250 is not a field.
    assert!(matches!(
        decode(&[0x20, 0xFA, 0, 0, 0, 0]),
        Err(CodecError::UnknownFieldCode {
            type_code: 2,
            nth: 250,
            offset: 0
        })
    ));
    // A one-byte-sized code written in the long form is not canonical.
    assert!(matches!(
        decode(&[0x20, 0x02]),
        Err(CodecError::BadFieldHeader(0))
    ));
    assert_eq!(
        encode(&with("TransactionType", json!("Paymnt"))),
        Err(CodecError::UnknownName {
            field: "TransactionType".into(),
            value: "Paymnt".into()
        })
    );
}

#[test]
fn wrong_types_are_rejected() {
    for (field, value) in [
        ("Sequence", json!("seven")),
        ("Sequence", json!(-1.5)),
        ("Account", json!(5)),
        ("Memos", json!({"Memo": {}})),
        ("Memos", json!([{"Memo": {}, "Extra": {}}])),
        (
            "Memos",
            json!([{"Account": "r3kmLJN5D28dHuH8vZNUZpMC43pEHpaocV"}]),
        ),
        ("Paths", json!("not paths")),
    ] {
        let result = encode(&with(field, value.clone()));
        assert!(
            matches!(
                result,
                Err(CodecError::WrongType { .. } | CodecError::OutOfRange { .. })
            ),
            "{field} = {value}: {result:?}"
        );
    }
    assert!(matches!(
        encode(&with("Fee", json!(12))),
        Err(CodecError::Amount {
            source: AmountError::BadJson(_),
            ..
        })
    ));
    assert_eq!(encode(&json!([1, 2])), Err(CodecError::NotAnObject));
}

#[test]
fn out_of_range_values_are_rejected() {
    assert!(matches!(
        encode(&with("Sequence", json!(4_294_967_296u64))),
        Err(CodecError::OutOfRange { .. })
    ));
    assert!(matches!(
        encode(&with("TickSize", json!(256))),
        Err(CodecError::OutOfRange { .. })
    ));
    assert!(matches!(
        encode(&with("Fee", json!("100000000000000001"))),
        Err(CodecError::Amount {
            source: AmountError::XrpOutOfRange(_),
            ..
        })
    ));
    assert!(matches!(
        encode(&with("Fee", json!("1.5"))),
        Err(CodecError::Amount {
            source: AmountError::FractionalDrops(_),
            ..
        })
    ));
    let too_precise = json!({"currency": "USD", "value": "1.23456789012345678", "issuer": "rLQBHVhFnaC5gLEkgr6HgBJJ3bgeZHg9cj"});
    assert!(matches!(
        encode(&with("Amount", too_precise)),
        Err(CodecError::Amount {
            source: AmountError::TooPrecise(18),
            ..
        })
    ));
    let xrp_as_issued =
        json!({"currency": "XRP", "value": "1", "issuer": "rLQBHVhFnaC5gLEkgr6HgBJJ3bgeZHg9cj"});
    assert!(matches!(
        encode(&with("Amount", xrp_as_issued)),
        Err(CodecError::Amount {
            source: AmountError::BadCurrency(_),
            ..
        })
    ));
}

#[test]
fn bad_addresses_are_rejected() {
    // Last character changed: the checksum no longer matches.
    assert!(matches!(
        encode(&with(
            "Destination",
            json!("rLQBHVhFnaC5gLEkgr6HgBJJ3bgeZHg9ck")
        )),
        Err(CodecError::Address {
            source: AddressError::Base58(Base58Error::BadChecksum),
            ..
        })
    ));
    // A tagged X-address whose tag disagrees with the explicit tag field.
    let tagged = "XVYmGpJqHS95ir411XvanwY1xt5Z2314WsamHPVgUNABUGV";
    let mut tx = with("Destination", json!(tagged));
    tx["DestinationTag"] = json!(1);
    assert!(matches!(encode(&tx), Err(CodecError::XAddressTag { .. })));
    // A tagged X-address in a field that has no tag to carry it.
    assert!(matches!(
        encode(&with("RegularKey", json!(tagged))),
        Err(CodecError::XAddressTag { .. })
    ));
}

#[test]
fn decoding_rejects_deep_nesting_and_non_canonical_amounts() {
    // 0xEA is the header of the Memo object: an endless chain of nested objects.
    assert_eq!(decode(&[0xEA; 200]), Err(CodecError::TooDeep));
    let mut deep = json!({"MemoData": "00"});
    for _ in 0..40 {
        deep = json!({ "Memo": deep });
    }
    assert_eq!(encode(&deep), Err(CodecError::TooDeep));
    // Amount (0x61) with a "negative zero" XRP value.
    assert!(matches!(
        decode(&[0x61, 0, 0, 0, 0, 0, 0, 0, 0]),
        Err(CodecError::Amount { .. })
    ));
    // An issued amount whose mantissa is not normalised.
    let mut bytes = vec![0x61, 0xD4, 0x80, 0, 0, 0, 0, 0, 1];
    bytes.extend_from_slice(&[0u8; 12]);
    bytes.extend_from_slice(b"USD");
    bytes.extend_from_slice(&[0u8; 5]);
    bytes.extend_from_slice(&[7u8; 20]);
    assert!(matches!(decode(&bytes), Err(CodecError::Amount { .. })));
}

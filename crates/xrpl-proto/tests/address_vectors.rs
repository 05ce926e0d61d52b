//! Classic and X-address vectors: the pairs in `x-codec-fixtures.json` (ripple-binary-codec) and
//! the examples published with the X-address spec and ripple-address-codec.

use std::path::PathBuf;

use serde_json::Value;
use xrpl_proto::address::{AccountId, AddressError, XAddress, parse_any};
use xrpl_proto::base58::Base58Error;

fn vectors(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Each fixture writes the same transaction twice: classic `Account`/`Destination` with
/// `SourceTag`/`DestinationTag`, and X-addresses carrying those tags.
#[test]
fn x_codec_fixture_pairs_agree() {
    let fixtures = vectors("x-codec-fixtures.json");
    let transactions = fixtures["transactions"].as_array().unwrap();
    assert!(!transactions.is_empty());
    for tx in transactions {
        let (rjson, xjson) = (&tx["rjson"], &tx["xjson"]);
        for (field, tag_field) in [("Account", "SourceTag"), ("Destination", "DestinationTag")] {
            let classic = rjson[field].as_str().unwrap();
            let x_or_classic = xjson[field].as_str().unwrap();
            let expected_tag = rjson[tag_field].as_u64().map(|t| t as u32);
            let (account, tag) = parse_any(x_or_classic).unwrap();
            assert_eq!(account.to_classic(), classic, "{field} of {x_or_classic}");
            assert_eq!(account, classic.parse::<AccountId>().unwrap());
            if x_or_classic.starts_with('X') {
                assert_eq!(tag, expected_tag, "{tag_field} of {x_or_classic}");
                // Re-encoding gives back the fixture string exactly.
                assert_eq!(XAddress::new(account, tag, false).encode(), x_or_classic);
            } else {
                assert_eq!(tag, None);
            }
        }
    }
}

#[test]
fn spec_examples_encode_and_decode() {
    let account = "rGWrZyQqhTp9Xu7G5Pkayo7bXjH4k4QYpf";
    let main_net = [
        (None, "XVLhHMPHU98es4dbozjVtdWzVrDjtV5fdx1mHp98tDMoQXb"),
        (Some(0), "XVLhHMPHU98es4dbozjVtdWzVrDjtV8AqEL4xcZj5whKbmc"),
        (Some(1), "XVLhHMPHU98es4dbozjVtdWzVrDjtV8xvjGQTYPiAx6gwDC"),
        (Some(2), "XVLhHMPHU98es4dbozjVtdWzVrDjtV8zpDURx7DzBCkrQE7"),
        (Some(32), "XVLhHMPHU98es4dbozjVtdWzVrDjtVoYiC9UvKfjKar4LJe"),
        (Some(276), "XVLhHMPHU98es4dbozjVtdWzVrDjtVoKj3MnFGMXEFMnvJV"),
        (
            Some(65591),
            "XVLhHMPHU98es4dbozjVtdWzVrDjtVozpjdhPQVdt3ghaWw",
        ),
        (
            Some(16781933),
            "XVLhHMPHU98es4dbozjVtdWzVrDjtVqrDUk2vDpkTjPsY73",
        ),
        (
            Some(4294967294),
            "XVLhHMPHU98es4dbozjVtdWzVrDjtV1kAsixQTdMjbWi39u",
        ),
        (
            Some(4294967295),
            "XVLhHMPHU98es4dbozjVtdWzVrDjtV18pX8yuPT7y4xaEHi",
        ),
    ];
    let id: AccountId = account.parse().unwrap();
    for (tag, text) in main_net {
        let x = XAddress::new(id, tag, false);
        assert_eq!(x.encode(), text);
        assert_eq!(text.parse::<XAddress>(), Ok(x));
    }
    let test_net = XAddress::new(
        "r3SVzk8ApofDJuVBPKdmbbLjWGCCXpBQ2g".parse().unwrap(),
        Some(123),
        true,
    );
    assert_eq!(
        test_net.encode(),
        "T7oKJ3q7s94kDH6tpkBowhetT1JKfcfdSCmAXbS75iATyLD"
    );
    assert_eq!(
        XAddress::decode("T7oKJ3q7s94kDH6tpkBowhetT1JKfcfdSCmAXbS75iATyLD"),
        Ok(test_net)
    );
}

#[test]
fn account_id_is_ripemd160_of_sha256_of_the_public_key() {
    let key =
        hex::decode("EDA57EBBCB502C2009EFE17229E8DC865DCCB192C52D7888D624DC9EBADDB815F0").unwrap();
    assert_eq!(
        AccountId::from_public_key(&key).to_classic(),
        "rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL"
    );
    let key =
        hex::decode("0390A196799EE412284A5D80BF78C3E84CBB80E1437A0AECD9ADF94D7FEAAFA284").unwrap();
    assert_eq!(
        AccountId::from_public_key(&key).to_string(),
        "rGCkuB7PBr5tNy68tPEABEtcdno4hE6Y7f"
    );
}

#[test]
fn serde_uses_the_classic_address() {
    let id: AccountId = "rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL".parse().unwrap();
    let json = serde_json::to_string(&id).unwrap();
    assert_eq!(json, "\"rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL\"");
    assert_eq!(serde_json::from_str::<AccountId>(&json).unwrap(), id);
    assert!(serde_json::from_str::<AccountId>("\"rG31cLyErnqeVj2eomEjBZtq7PYaupGYzM\"").is_err());
    assert_eq!(AccountId::from_hex(&id.to_hex()), Ok(id));
}

#[test]
fn bad_addresses_give_typed_errors() {
    // One character changed: the checksum catches it.
    assert_eq!(
        "rG31cLyErnqeVj2eomEjBZtq7PYaupGYzM".parse::<AccountId>(),
        Err(AddressError::Base58(Base58Error::BadChecksum))
    );
    // Not in the alphabet.
    assert!(matches!(
        "rG31cLyErnqeVj2eomEjBZtq7PYaupGYz0".parse::<AccountId>(),
        Err(AddressError::Base58(Base58Error::InvalidCharacter {
            character: '0',
            ..
        }))
    ));
    // A seed is a valid Base58Check string of another kind.
    assert_eq!(
        "sp6JS7f14BuwFY8Mw6bTtLKWauoUs".parse::<AccountId>(),
        Err(AddressError::Base58(Base58Error::WrongVersion))
    );
    // An X-address is not a classic address, but `parse_any` takes both.
    assert!(
        "XVLhHMPHU98es4dbozjVtdWzVrDjtV5fdx1mHp98tDMoQXb"
            .parse::<AccountId>()
            .is_err()
    );
    assert_eq!(
        AccountId::from_slice(&[0u8; 19]),
        Err(AddressError::WrongLength(19))
    );
    assert_eq!(AccountId::from_hex("zz"), Err(AddressError::BadHex));
    // An X-address with a typo.
    assert_eq!(
        XAddress::decode("XVLhHMPHU98es4dbozjVtdWzVrDjtV5fdx1mHp98tDMoQXc"),
        Err(AddressError::Base58(Base58Error::BadChecksum))
    );
    // A classic address handed to the X-address decoder is the wrong length.
    assert!(matches!(
        XAddress::decode("rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL"),
        Err(AddressError::Base58(Base58Error::WrongLength { .. }))
    ));
}

#[test]
fn malformed_x_address_payloads_are_rejected() {
    use xrpl_proto::base58::encode_check;
    let account = [9u8; 20];
    let build = |prefix: [u8; 2], flag: u8, tag: [u8; 8]| {
        let mut body = account.to_vec();
        body.push(flag);
        body.extend_from_slice(&tag);
        encode_check(&prefix, &body)
    };
    assert_eq!(
        XAddress::decode(&build([0x05, 0x45], 0, [0; 8])),
        Err(AddressError::BadXAddressPrefix)
    );
    assert_eq!(
        XAddress::decode(&build([0x05, 0x44], 2, [0; 8])),
        Err(AddressError::BadTagFlag(2))
    );
    // Flag 0 with tag bytes set, and a tag past 32 bits.
    assert_eq!(
        XAddress::decode(&build([0x05, 0x44], 0, [1, 0, 0, 0, 0, 0, 0, 0])),
        Err(AddressError::BadTag)
    );
    assert_eq!(
        XAddress::decode(&build([0x04, 0x93], 1, [0, 0, 0, 0, 1, 0, 0, 0])),
        Err(AddressError::BadTag)
    );
    let ok = XAddress::decode(&build([0x04, 0x93], 1, [5, 0, 0, 0, 0, 0, 0, 0])).unwrap();
    assert_eq!((ok.tag, ok.test), (Some(5), true));
}

//! Key derivation and message signatures against published vectors: ripple-keypairs'
//! `api.json` and the seed → address table verified with xrpl-py, xrpl.js and xrpl-rust
//! (reference/ledger.md §1.5). Plus the typed errors for bad seeds, keys and signatures.

use std::path::PathBuf;

use k256::ecdsa::Signature;
use serde_json::Value;
use xrpl_proto::address::AccountId;
use xrpl_proto::base58::{Base58Error, encode_check};
use xrpl_proto::keys::{KeyError, KeyPair, PublicKey};
use xrpl_proto::seed::{Algorithm, Seed, SeedError};

fn vectors(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn keypairs_api_fixture_both_algorithms() {
    let fixture = vectors("keypairs-api.json");
    for (name, algorithm) in [
        ("secp256k1", Algorithm::Secp256k1),
        ("ed25519", Algorithm::Ed25519),
    ] {
        let entry = &fixture[name];
        let seed = Seed::decode(entry["seed"].as_str().unwrap()).unwrap();
        assert_eq!(seed.algorithm(), algorithm);
        let pair = KeyPair::from_seed(&seed).unwrap();
        assert_eq!(
            pair.expose_private_key_hex(),
            entry["keypair"]["privateKey"].as_str().unwrap(),
            "{name} private key"
        );
        assert_eq!(
            pair.public_key().to_hex(),
            entry["keypair"]["publicKey"].as_str().unwrap(),
            "{name} public key"
        );
        assert_eq!(
            pair.account_id().to_classic(),
            entry["address"].as_str().unwrap()
        );
        let message = entry["message"].as_str().unwrap().as_bytes();
        let signature = pair.sign(message).unwrap();
        assert_eq!(
            hex::encode_upper(&signature),
            entry["signature"].as_str().unwrap(),
            "{name} signature"
        );
        pair.public_key().verify(message, &signature).unwrap();
        assert_eq!(
            pair.public_key().verify(b"another message", &signature),
            Err(KeyError::SignatureMismatch)
        );
    }
}

#[test]
fn seed_to_address_table() {
    // (seed, algorithm, address, public key or its known head/tail)
    let table = [
        (
            "sEdTM1uX8pu2do5XvTnutH6HsouMaM2",
            Algorithm::Ed25519,
            "rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL",
            "EDA57EBBCB502C2009EFE17229E8DC865DCCB192C52D7888D624DC9EBADDB815F0",
        ),
        (
            "sp6JS7f14BuwFY8Mw6bTtLKWauoUs",
            Algorithm::Secp256k1,
            "rGCkuB7PBr5tNy68tPEABEtcdno4hE6Y7f",
            "0390A196799EE412284A5D80BF78C3E84CBB80E1437A0AECD9ADF94D7FEAAFA284",
        ),
        (
            "sEdSJHS4oiAdz7w2X2ni1gFiqtbJHqE",
            Algorithm::Ed25519,
            "r9zRhGr7b6xPekLvT6wP4qNdWMryaumZS7",
            "ED1A7C08",
        ),
        (
            "snoPBrXtMeMyMHUVTgbuqAfg1SUTb",
            Algorithm::Secp256k1,
            "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh",
            "0330E7FC",
        ),
    ];
    for (seed, algorithm, address, public_key) in table {
        let pair = KeyPair::from_seed_str(seed).unwrap();
        assert_eq!(pair.algorithm(), algorithm, "{seed}");
        assert_eq!(pair.account_id().to_classic(), address, "{seed}");
        assert!(pair.public_key().to_hex().starts_with(public_key), "{seed}");
    }
    // The genesis account's seed is "masterpassphrase" through SHA-512Half: the public key's tail
    // is also known.
    let genesis = KeyPair::from_seed_str("snoPBrXtMeMyMHUVTgbuqAfg1SUTb").unwrap();
    assert!(genesis.public_key().to_hex().ends_with("7FD020"));
}

#[test]
fn wallet_fallback_accepts_the_xrpl_py_4_ed25519_reading_of_an_s_seed() {
    let seed = Seed::decode("sp6JS7f14BuwFY8Mw6bTtLKWauoUs").unwrap();
    let legacy: AccountId = "r9zRhGr7b6xPekLvT6wP4qNdWMryaumZS7".parse().unwrap();
    let pair = KeyPair::from_seed_for_account(&seed, &legacy).unwrap();
    assert_eq!(pair.algorithm(), Algorithm::Ed25519);
    let proper: AccountId = "rGCkuB7PBr5tNy68tPEABEtcdno4hE6Y7f".parse().unwrap();
    assert_eq!(
        KeyPair::from_seed_for_account(&seed, &proper)
            .unwrap()
            .algorithm(),
        Algorithm::Secp256k1
    );
    let stranger: AccountId = "rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL".parse().unwrap();
    assert_eq!(
        KeyPair::from_seed_for_account(&seed, &stranger).unwrap_err(),
        KeyError::AccountMismatch { expected: stranger }
    );
}

#[test]
fn secp256k1_signatures_are_low_s_and_high_s_twins_are_refused() {
    let pair = KeyPair::from_seed_str("sp5fghtJtpUorTwvof1NpDXAzNwf5").unwrap();
    for i in 0..32u8 {
        let message = [i; 40];
        let der = pair.sign(&message).unwrap();
        let signature = Signature::from_der(&der).unwrap();
        assert!(signature.normalize_s().is_none(), "signature {i} is low-S");
        pair.verify(&message, &der).unwrap();
        // Same r, s replaced by n - s: valid ECDSA, but rippled's canonicality rule refuses it.
        let (r, s) = signature.split_scalars();
        let twin = Signature::from_scalars(r.to_bytes(), (-*s).to_bytes()).unwrap();
        assert_eq!(
            pair.verify(&message, twin.to_der().as_bytes()),
            Err(KeyError::NonCanonicalSignature)
        );
    }
}

#[test]
fn non_strict_der_and_garbage_are_refused() {
    let pair = KeyPair::from_seed_str("sp5fghtJtpUorTwvof1NpDXAzNwf5").unwrap();
    let der = pair.sign(b"m").unwrap();
    // Trailing byte after the DER sequence, and a truncated one.
    let mut trailing = der.clone();
    trailing.push(0);
    assert!(matches!(
        pair.verify(b"m", &trailing),
        Err(KeyError::BadSignature | KeyError::NonCanonicalSignature)
    ));
    assert_eq!(
        pair.verify(b"m", &der[..der.len() - 1]),
        Err(KeyError::BadSignature)
    );
    assert_eq!(pair.verify(b"m", b""), Err(KeyError::BadSignature));
}

#[test]
fn ed25519_rejects_s_not_below_the_group_order() {
    let pair = KeyPair::from_seed_str("sEdSKaCy2JT7JaM7v95H9SxkhP9wS2r").unwrap();
    let mut signature = pair.sign(b"m").unwrap();
    assert_eq!(signature.len(), 64);
    // Add L to S (little-endian): the same signature mathematically, but not canonical.
    let order: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
        0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let mut carry = 0u16;
    for (byte, add) in signature[32..].iter_mut().zip(order) {
        let sum = *byte as u16 + add as u16 + carry;
        *byte = sum as u8;
        carry = sum >> 8;
    }
    assert_eq!(
        pair.verify(b"m", &signature),
        Err(KeyError::NonCanonicalSignature)
    );
    assert_eq!(
        pair.verify(b"m", &signature[..63]),
        Err(KeyError::BadSignature)
    );
}

#[test]
fn bad_seeds_give_typed_errors() {
    // A typo in a valid seed.
    assert_eq!(
        Seed::decode("sEdTM1uX8pu2do5XvTnutH6HsouMaM3").unwrap_err(),
        SeedError::Base58(Base58Error::BadChecksum)
    );
    // An address is valid Base58Check, but not a seed.
    assert_eq!(
        Seed::decode("rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL").unwrap_err(),
        SeedError::NotASeed
    );
    // Right prefix, wrong entropy length.
    assert_eq!(
        Seed::decode(&encode_check(&[0x21], &[1u8; 15])).unwrap_err(),
        SeedError::NotASeed
    );
    assert_eq!(
        Seed::decode(&encode_check(&[0x01, 0xE1, 0x4B], &[1u8; 17])).unwrap_err(),
        SeedError::NotASeed
    );
    assert!(matches!(
        Seed::decode("s0"),
        Err(SeedError::Base58(Base58Error::InvalidCharacter { .. }))
    ));
    assert_eq!(
        Seed::decode("").unwrap_err(),
        SeedError::Base58(Base58Error::Empty)
    );
    assert!(matches!(
        KeyPair::from_seed_str("nope"),
        Err(KeyError::Seed(_))
    ));
    assert_eq!(
        "ed448".parse::<Algorithm>(),
        Err(SeedError::UnknownAlgorithm("ed448".into()))
    );
}

#[test]
fn bad_public_keys_give_typed_errors() {
    let good = KeyPair::from_seed_str("sEdTM1uX8pu2do5XvTnutH6HsouMaM2")
        .unwrap()
        .public_key()
        .to_hex();
    assert_eq!(PublicKey::from_hex(&good).unwrap().to_hex(), good);
    assert_eq!(
        PublicKey::from_hex(&good[..64]),
        Err(KeyError::BadPublicKey)
    );
    assert_eq!(PublicKey::from_hex("zz"), Err(KeyError::BadPublicKey));
    // Unknown first byte.
    let mut wrong_prefix = good.clone();
    wrong_prefix.replace_range(0..2, "04");
    assert_eq!(
        PublicKey::from_hex(&wrong_prefix),
        Err(KeyError::BadPublicKey)
    );
    // x = 5 is not the x-coordinate of a point on secp256k1 (5³ + 7 = 132 is a non-residue).
    let off_curve = format!("02{}05", "00".repeat(31));
    assert_eq!(PublicKey::from_hex(&off_curve), Err(KeyError::BadPublicKey));
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let seed = Seed::decode("sEdTM1uX8pu2do5XvTnutH6HsouMaM2").unwrap();
    let pair = KeyPair::from_seed(&seed).unwrap();
    let private = pair.expose_private_key_hex();
    for shown in [format!("{seed:?}"), format!("{pair:?}")] {
        assert!(!shown.contains("sEdTM1uX8pu2do5XvTnutH6HsouMaM2"));
        assert!(!shown.contains(&private[2..]));
        assert!(!shown.contains(&private[2..].to_lowercase()));
    }
}

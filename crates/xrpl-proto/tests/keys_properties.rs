//! Property tests (bounded case counts) for keys and signing: signatures verify for the message
//! signed and no other, secp256k1 signatures are always canonical, and arbitrary bytes handed to
//! the verifiers give an error, never a panic.

use proptest::prelude::*;
use xrpl_proto::keys::{KeyError, KeyPair, PublicKey};
use xrpl_proto::seed::{Algorithm, Seed};
use xrpl_proto::sign::verify_transaction;

fn pair(entropy: [u8; 16], ed: bool) -> KeyPair {
    let algorithm = if ed {
        Algorithm::Ed25519
    } else {
        Algorithm::Secp256k1
    };
    KeyPair::from_seed(&Seed::from_entropy(entropy, algorithm)).unwrap()
}

proptest! {
    // Key derivation and ECDSA are slow in debug builds: keep the case count small.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn signatures_verify_only_for_their_message(
        entropy in any::<[u8; 16]>(),
        ed in any::<bool>(),
        message in proptest::collection::vec(any::<u8>(), 0..300),
        flip in any::<usize>(),
    ) {
        let keys = pair(entropy, ed);
        let signature = keys.sign(&message).unwrap();
        prop_assert_eq!(keys.verify(&message, &signature), Ok(()));
        // Round-trip the public key through its hex form first.
        let public = PublicKey::from_hex(&keys.public_key().to_hex()).unwrap();
        prop_assert_eq!(public.account_id(), keys.account_id());
        let mut other = message.clone();
        if other.is_empty() {
            other.push(0);
        } else {
            let at = flip % other.len();
            other[at] ^= 0x01;
        }
        prop_assert!(public.verify(&other, &signature).is_err());
        // A signature with one bit changed does not verify either.
        let mut bent = signature.clone();
        let at = flip % bent.len();
        bent[at] ^= 0x80;
        prop_assert!(public.verify(&message, &bent).is_err());
    }

    #[test]
    fn arbitrary_signature_bytes_are_errors(
        entropy in any::<[u8; 16]>(),
        ed in any::<bool>(),
        garbage in proptest::collection::vec(any::<u8>(), 0..80),
    ) {
        let keys = pair(entropy, ed);
        let result = keys.verify(b"message", &garbage);
        prop_assert!(matches!(
            result,
            Err(KeyError::BadSignature | KeyError::NonCanonicalSignature | KeyError::SignatureMismatch)
        ));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_blobs_and_keys_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = verify_transaction(&bytes);
        let _ = PublicKey::from_slice(&bytes);
        if bytes.len() >= 33 {
            let _ = PublicKey::from_slice(&bytes[..33]);
        }
    }
}

//! Property tests (bounded case counts) for addresses: every account id round-trips through both
//! written forms, and no string, however broken, makes the parsers panic.

use proptest::prelude::*;
use xrpl_proto::address::{AccountId, XAddress, parse_any};
use xrpl_proto::seed::{Algorithm, Seed};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn classic_and_x_addresses_round_trip(
        bytes in any::<[u8; 20]>(),
        tag in proptest::option::of(any::<u32>()),
        test in any::<bool>(),
    ) {
        let account = AccountId::from_bytes(bytes);
        let classic = account.to_classic();
        prop_assert!(classic.starts_with('r'));
        prop_assert_eq!(classic.parse::<AccountId>(), Ok(account));
        let x = XAddress::new(account, tag, test);
        let text = x.encode();
        prop_assert_eq!(XAddress::decode(&text), Ok(x));
        prop_assert_eq!(parse_any(&text), Ok((account, tag)));
        prop_assert_eq!(parse_any(&classic), Ok((account, None)));
    }

    #[test]
    fn seeds_round_trip(entropy in any::<[u8; 16]>(), ed in any::<bool>()) {
        let algorithm = if ed { Algorithm::Ed25519 } else { Algorithm::Secp256k1 };
        let seed = Seed::from_entropy(entropy, algorithm);
        let decoded = Seed::decode(&seed.encode()).unwrap();
        prop_assert_eq!(decoded.algorithm(), algorithm);
        prop_assert_eq!(decoded.entropy(), &entropy);
    }

    /// One changed character in a valid address is caught (checksum, alphabet or version).
    #[test]
    fn single_character_typos_are_rejected(
        bytes in any::<[u8; 20]>(),
        position in 1usize..25,
        replacement in proptest::sample::select(
            "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz".chars().collect::<Vec<_>>()
        ),
    ) {
        let classic = AccountId::from_bytes(bytes).to_classic();
        let mut chars: Vec<char> = classic.chars().collect();
        let position = position % chars.len();
        prop_assume!(chars[position] != replacement);
        chars[position] = replacement;
        let typo: String = chars.into_iter().collect();
        prop_assert!(typo.parse::<AccountId>().is_err());
    }

    #[test]
    fn arbitrary_strings_never_panic(text in "\\PC{0,60}") {
        let _ = text.parse::<AccountId>();
        let _ = XAddress::decode(&text);
        let _ = parse_any(&text);
        let _ = Seed::decode(&text);
    }
}

//! NFTs in the sandbox: ids as rippled composes them (checked against the published
//! NFTokenMint vector), pages of 32 with their splits, merges and owner reserves, burning and
//! modifying, and `account_nfts`.
//! Rules: <https://xrpl.org/docs/concepts/tokens/nfts/reference>,
//! <https://xrpl.org/docs/references/protocol/ledger-data/ledger-entry-types/nftokenpage>.

mod common;

use common::{Lab, Wallet};
use serde_json::{Value, json};
use xrpl_proto::keys::KeyPair;
use xrpl_proto::seed::Seed;
use xrpl_sandbox::Ter;
use xrpl_sandbox::ledger::GENESIS_ACCOUNT;
use xrpl_sandbox::proto::keylet;

const TF_BURNABLE: u32 = 0x1;
const TF_TRANSFERABLE: u32 = 0x8;
const TF_MUTABLE: u32 = 0x10;

fn mint(taxon: u32, flags: u32) -> Value {
    json!({"TransactionType": "NFTokenMint", "NFTokenTaxon": taxon, "Flags": flags})
}

/// The ids `who` holds, in `account_nfts` order.
fn nft_ids(lab: &mut Lab, who: &Wallet) -> Vec<String> {
    let out = lab.rpc("account_nfts", json!({"account": who.address()}));
    out["account_nfts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["NFTokenID"].as_str().unwrap().to_owned())
        .collect()
}

fn vector() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../xrpl-proto/tests/vectors/nf-token.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn minted_ids_equal_the_published_vector() {
    // The vector's tokens were minted by the genesis account (flags 9, fee 50, taxon 0) with
    // token sequences 0..=4; a fresh sandbox genesis mints sequences from its Sequence, 1.
    let fixture = vector();
    let page = fixture["NFTokenMint"]["meta"]["json"]["AffectedNodes"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|n| {
            n.get("ModifiedNode")
                .filter(|m| m["LedgerEntryType"] == "NFTokenPage")
        })
        .unwrap()
        .clone();
    let expected: Vec<String> = page["FinalFields"]["NFTokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["NFToken"]["NFTokenID"].as_str().unwrap().to_owned())
        .collect();
    let uri = fixture["NFTokenMint"]["tx"]["json"]["URI"].clone();

    let mut lab = Lab::new();
    let seed = Seed::decode("snoPBrXtMeMyMHUVTgbuqAfg1SUTb").unwrap();
    let keys = KeyPair::from_seed(&seed).unwrap();
    let genesis = Wallet {
        account: keys.account_id(),
        keys,
    };
    assert_eq!(genesis.account, GENESIS_ACCOUNT);
    for _ in 0..5 {
        let mut tx = mint(0, 9);
        tx["TransferFee"] = json!(50);
        tx["URI"] = uri.clone();
        lab.expect(&genesis, tx, Ter::tesSUCCESS);
    }
    let minted = nft_ids(&mut lab, &genesis);
    assert_eq!(minted.len(), 5);
    // Sequences 1..=4 are common to both: the ids must be identical.
    for (seq, id) in expected.iter().enumerate().skip(1).take(4) {
        assert!(minted.contains(id), "token {seq}: {id} not minted");
    }
    // And the page holding them has the key the vector shows.
    let (_, last) = keylet::nftoken_page_bounds(&GENESIS_ACCOUNT);
    assert_eq!(last.to_hex(), page["LedgerIndex"].as_str().unwrap());
    let info = lab.rpc("account_info", json!({"account": genesis.address()}));
    assert_eq!(info["account_data"]["MintedNFTokens"], 5);
    assert_eq!(info["account_data"]["FirstNFTokenSequence"], 1);
}

#[test]
fn ids_compose_flags_fee_issuer_scrambled_taxon_and_sequence() {
    let mut lab = Lab::new();
    let alice = Wallet::ed(50);
    lab.fund(&alice, 100);
    let first = lab.sequence(&alice);
    for taxon in [7u32, 7, 123_456] {
        let mut tx = mint(taxon, TF_TRANSFERABLE | TF_BURNABLE);
        tx["TransferFee"] = json!(2500);
        lab.expect(&alice, tx, Ter::tesSUCCESS);
    }
    let out = lab.rpc("account_nfts", json!({"account": alice.address()}));
    let nfts = out["account_nfts"].as_array().unwrap();
    let mut serials: Vec<u64> = nfts
        .iter()
        .map(|n| n["nft_serial"].as_u64().unwrap())
        .collect();
    serials.sort();
    assert_eq!(
        serials,
        vec![first as u64, first as u64 + 1, first as u64 + 2]
    );
    for n in nfts {
        let seq = n["nft_serial"].as_u64().unwrap() as u32;
        let taxon = n["NFTokenTaxon"].as_u64().unwrap() as u32;
        // Independently: flags ‖ fee ‖ issuer ‖ (taxon ^ (384160001·seq + 2459)) ‖ seq.
        let scrambled = taxon ^ 384_160_001u32.wrapping_mul(seq).wrapping_add(2459);
        let expected = format!(
            "{:04X}{:04X}{}{:08X}{:08X}",
            TF_TRANSFERABLE | TF_BURNABLE,
            2500,
            hex::encode_upper(alice.account.as_bytes()),
            scrambled,
            seq
        );
        assert_eq!(n["NFTokenID"], expected);
        assert_eq!(n["Issuer"], alice.address());
        assert_eq!(n["TransferFee"], 2500);
    }
}

#[test]
fn thirty_two_tokens_share_a_page_and_the_thirty_third_splits_it() {
    let mut lab = Lab::new();
    let alice = Wallet::ed(51);
    lab.fund(&alice, 1000);
    for i in 0..32 {
        lab.expect(&alice, mint(i, TF_BURNABLE), Ter::tesSUCCESS);
    }
    assert_eq!(lab.owner_count(&alice), 1, "32 tokens fit on one page");
    lab.expect(&alice, mint(99, TF_BURNABLE), Ter::tesSUCCESS);
    assert_eq!(lab.owner_count(&alice), 2, "the 33rd splits the page");
    let ids = nft_ids(&mut lab, &alice);
    assert_eq!(ids.len(), 33);
    // Pages chain in key order and the last one has the owner's maximum key.
    let (_, last) = keylet::nftoken_page_bounds(&alice.account);
    let last_page = lab.rpc("ledger_entry", json!({"index": last.to_hex()}));
    let prev = last_page["node"]["PreviousPageMin"]
        .as_str()
        .unwrap()
        .to_owned();
    let first_page = lab.rpc("ledger_entry", json!({"index": &prev}));
    assert_eq!(first_page["node"]["NextPageMin"], last.to_hex());
    let sizes = (
        first_page["node"]["NFTokens"].as_array().unwrap().len(),
        last_page["node"]["NFTokens"].as_array().unwrap().len(),
    );
    // The full page split in the middle (16 | 16) and the new token joined one half.
    assert_eq!((sizes.0.min(sizes.1), sizes.0.max(sizes.1)), (16, 17));
    let objects = lab.rpc(
        "account_objects",
        json!({"account": alice.address(), "type": "nft_page"}),
    );
    let listed: Vec<&str> = objects["account_objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["index"].as_str().unwrap())
        .collect();
    assert_eq!(listed, vec![prev.as_str(), last.to_hex().as_str()]);

    // Burning back down merges the pages again and returns the reserve.
    for id in ids.iter().take(17) {
        lab.expect(
            &alice,
            json!({"TransactionType": "NFTokenBurn", "NFTokenID": id}),
            Ter::tesSUCCESS,
        );
    }
    assert_eq!(nft_ids(&mut lab, &alice).len(), 16);
    assert_eq!(lab.owner_count(&alice), 1);
    for id in ids.iter().skip(17) {
        lab.expect(
            &alice,
            json!({"TransactionType": "NFTokenBurn", "NFTokenID": id}),
            Ter::tesSUCCESS,
        );
    }
    assert_eq!(lab.owner_count(&alice), 0);
    assert!(lab.ledger.state().get(&last).is_none());
    let info = lab.rpc("account_info", json!({"account": alice.address()}));
    assert_eq!(info["account_data"]["BurnedNFTokens"], 33);
}

#[test]
fn a_new_page_needs_the_owner_reserve() {
    let mut lab = Lab::new();
    let alice = Wallet::ed(52);
    let fees = lab.ledger.fees();
    lab.ledger
        .faucet(Some(alice.account), fees.account_reserve(0) + 100)
        .unwrap();
    lab.expect(&alice, mint(1, 0), Ter::tecINSUFFICIENT_RESERVE);
    assert!(nft_ids(&mut lab, &alice).is_empty());
    assert_eq!(lab.owner_count(&alice), 0);
}

#[test]
fn burning_needs_ownership_or_a_burnable_issuer() {
    let mut lab = Lab::new();
    let (issuer, holder, stranger) = (Wallet::ed(53), Wallet::ed(54), Wallet::ed(55));
    for w in [&issuer, &holder, &stranger] {
        lab.fund(w, 100);
    }
    lab.expect(
        &issuer,
        mint(1, TF_TRANSFERABLE | TF_BURNABLE),
        Ter::tesSUCCESS,
    );
    lab.expect(&issuer, mint(2, TF_TRANSFERABLE), Ter::tesSUCCESS);
    let ids = nft_ids(&mut lab, &issuer);
    // Give both tokens to the holder (sell for nothing, accepted by the holder).
    for id in &ids {
        let offer = lab.expect(
            &issuer,
            json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": id, "Amount": "0", "Flags": 1}),
            Ter::tesSUCCESS,
        );
        let key = created_offer(&offer.meta.unwrap());
        lab.expect(
            &holder,
            json!({"TransactionType": "NFTokenAcceptOffer", "NFTokenSellOffer": key}),
            Ter::tesSUCCESS,
        );
    }
    assert_eq!(nft_ids(&mut lab, &holder).len(), 2);
    let burnable = ids
        .iter()
        .find(|id| u16::from_str_radix(&id[..4], 16).unwrap() & 1 == 1)
        .unwrap();
    let fixed = ids.iter().find(|id| *id != burnable).unwrap();
    let burn = |id: &str| json!({"TransactionType": "NFTokenBurn", "NFTokenID": id, "Owner": Wallet::ed(54).address()});
    lab.expect(&stranger, burn(burnable), Ter::tecNO_PERMISSION);
    lab.expect(&issuer, burn(fixed), Ter::tecNO_PERMISSION);
    lab.expect(&issuer, burn(burnable), Ter::tesSUCCESS);
    assert_eq!(nft_ids(&mut lab, &holder), vec![fixed.clone()]);
    lab.expect(
        &holder,
        json!({"TransactionType": "NFTokenBurn", "NFTokenID": fixed}),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.owner_count(&holder), 0);
    lab.expect(
        &holder,
        json!({"TransactionType": "NFTokenBurn", "NFTokenID": fixed}),
        Ter::tecNO_ENTRY,
    );
}

/// The key of the NFTokenOffer a transaction created.
pub fn created_offer(meta: &Value) -> String {
    meta["AffectedNodes"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|n| {
            n.get("CreatedNode")
                .filter(|c| c["LedgerEntryType"] == "NFTokenOffer")
        })
        .unwrap()["LedgerIndex"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn only_mutable_tokens_change_their_uri() {
    let mut lab = Lab::new();
    let alice = Wallet::ed(56);
    lab.fund(&alice, 100);
    let mut tx = mint(1, TF_MUTABLE);
    tx["URI"] = json!("AA");
    lab.expect(&alice, tx, Ter::tesSUCCESS);
    lab.expect(&alice, mint(2, 0), Ter::tesSUCCESS);
    let out = lab.rpc("account_nfts", json!({"account": alice.address()}));
    let nfts = out["account_nfts"].as_array().unwrap().clone();
    let mutable = nfts.iter().find(|n| n["NFTokenTaxon"] == 1).unwrap();
    let fixed = nfts.iter().find(|n| n["NFTokenTaxon"] == 2).unwrap();
    lab.expect(
        &alice,
        json!({"TransactionType": "NFTokenModify", "NFTokenID": mutable["NFTokenID"], "URI": "BBCC"}),
        Ter::tesSUCCESS,
    );
    lab.expect(
        &alice,
        json!({"TransactionType": "NFTokenModify", "NFTokenID": fixed["NFTokenID"], "URI": "BBCC"}),
        Ter::tecNO_PERMISSION,
    );
    let out = lab.rpc("account_nfts", json!({"account": alice.address()}));
    let after = out["account_nfts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["NFTokenTaxon"] == 1)
        .unwrap()
        .clone();
    assert_eq!(after["URI"], "BBCC");
    // Without a URI the field goes away.
    lab.expect(
        &alice,
        json!({"TransactionType": "NFTokenModify", "NFTokenID": mutable["NFTokenID"]}),
        Ter::tesSUCCESS,
    );
    let out = lab.rpc("account_nfts", json!({"account": alice.address()}));
    assert!(
        out["account_nfts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n.get("URI").is_none())
    );
}

#[test]
fn malformed_mints_are_refused() {
    let mut lab = Lab::new();
    let alice = Wallet::ed(57);
    lab.fund(&alice, 100);
    let with = |extra: Value| {
        let mut tx = mint(1, TF_TRANSFERABLE);
        for (k, v) in extra.as_object().unwrap() {
            tx[k] = v.clone();
        }
        tx
    };
    for (tx, ter) in [
        (
            with(json!({"TransferFee": 50_001})),
            Ter::temBAD_NFTOKEN_TRANSFER_FEE,
        ),
        (
            json!({"TransactionType": "NFTokenMint", "NFTokenTaxon": 1, "TransferFee": 10}),
            Ter::temMALFORMED,
        ),
        (with(json!({"URI": ""})), Ter::temMALFORMED),
        (with(json!({"URI": "AB".repeat(257)})), Ter::temMALFORMED),
        (with(json!({"Flags": 0x4})), Ter::temINVALID_FLAG),
        (with(json!({"Issuer": alice.address()})), Ter::temMALFORMED),
    ] {
        let outcome = lab.submit(&alice, tx);
        assert_eq!(outcome.result, ter);
        assert!(!outcome.applied);
    }
    lab.expect(
        &alice,
        with(json!({"TransferFee": 50_000})),
        Ter::tesSUCCESS,
    );
}

#[test]
fn an_authorised_minter_mints_in_the_issuers_name() {
    let mut lab = Lab::new();
    let (issuer, minter, other) = (Wallet::ed(58), Wallet::ed(59), Wallet::ed(49));
    for w in [&issuer, &minter, &other] {
        lab.fund(w, 100);
    }
    let on_behalf = json!({"TransactionType": "NFTokenMint", "NFTokenTaxon": 3, "Flags": TF_BURNABLE,
                           "Issuer": issuer.address()});
    lab.expect(&minter, on_behalf.clone(), Ter::tecNO_PERMISSION);
    lab.expect(
        &issuer,
        json!({"TransactionType": "AccountSet", "SetFlag": 10, "NFTokenMinter": minter.address()}),
        Ter::tesSUCCESS,
    );
    let info = lab.rpc("account_info", json!({"account": issuer.address()}));
    assert_eq!(info["account_data"]["NFTokenMinter"], minter.address());
    lab.expect(&minter, on_behalf.clone(), Ter::tesSUCCESS);
    lab.expect(&other, on_behalf.clone(), Ter::tecNO_PERMISSION);
    // The minter holds the token; the issuer's counters moved.
    let out = lab.rpc("account_nfts", json!({"account": minter.address()}));
    assert_eq!(out["account_nfts"][0]["Issuer"], issuer.address());
    let info = lab.rpc("account_info", json!({"account": issuer.address()}));
    assert_eq!(info["account_data"]["MintedNFTokens"], 1);
    // Cleared, the permission is gone; setting without a minter is malformed.
    lab.expect(
        &issuer,
        json!({"TransactionType": "AccountSet", "ClearFlag": 10}),
        Ter::tesSUCCESS,
    );
    lab.expect(&minter, on_behalf, Ter::tecNO_PERMISSION);
    let bad = lab.submit(
        &issuer,
        json!({"TransactionType": "AccountSet", "SetFlag": 10}),
    );
    assert_eq!(bad.result, Ter::temMALFORMED);
}

//! Ledger-object ids recomputed from object fields and compared with ids rippled wrote:
//! the `accountState` objects of `codec-fixtures.json` (directory roots, book directories, the
//! contents of owner directories) and the metadata `LedgerIndex` values in `nf-token.json` and
//! `escrow-finish-tx.json`. None of the expected ids is computed by us.

use std::collections::HashSet;
use std::path::PathBuf;

use serde_json::Value;
use xrpl_proto::address::AccountId;
use xrpl_proto::amount::{Amount, Currency, Issue, MptIssuanceId};
use xrpl_proto::hash::Hash256;
use xrpl_proto::keylet;

fn vectors(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn account(v: &Value) -> AccountId {
    v.as_str().unwrap().parse().unwrap()
}

fn hash(v: &Value) -> Hash256 {
    v.as_str().unwrap().parse().unwrap()
}

fn account_state() -> Vec<Value> {
    vectors("codec-fixtures.json")["accountState"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["json"].clone())
        .collect()
}

fn of_type<'a>(objects: &'a [Value], kind: &str) -> Vec<&'a Value> {
    objects
        .iter()
        .filter(|o| o["LedgerEntryType"] == kind)
        .collect()
}

/// Every id listed in any directory page of the fixture.
fn directory_contents(objects: &[Value]) -> HashSet<Hash256> {
    of_type(objects, "DirectoryNode")
        .iter()
        .flat_map(|d| d["Indexes"].as_array().unwrap().iter().map(hash))
        .collect()
}

/// The issue of an amount in JSON form (a drops string is XRP).
fn issue_of(amount: &Value) -> Issue {
    match amount {
        Value::String(_) => Issue::XRP,
        _ => Issue::new(
            amount["currency"].as_str().unwrap().parse().unwrap(),
            account(&amount["issuer"]),
        ),
    }
}

fn amount(v: &Value) -> Amount {
    Amount::from_json(v).unwrap()
}

#[test]
fn owner_directory_roots_match_their_owner() {
    let objects = account_state();
    let owned: Vec<_> = of_type(&objects, "DirectoryNode")
        .into_iter()
        .filter(|d| d.get("Owner").is_some())
        .collect();
    assert!(owned.len() > 30, "fixture has owner directories");
    for dir in owned {
        assert_eq!(
            keylet::owner_dir(&account(&dir["Owner"])),
            hash(&dir["RootIndex"]),
            "owner dir of {}",
            dir["Owner"]
        );
    }
}

#[test]
fn book_directories_match_their_issues_and_exchange_rate() {
    let objects = account_state();
    let books: Vec<_> = of_type(&objects, "DirectoryNode")
        .into_iter()
        .filter(|d| d.get("TakerPaysCurrency").is_some())
        // One fixture page carries a made-up RootIndex along with made-up IndexNext/IndexPrevious
        // links (it exercises the codec, not the ledger); real roots have no IndexPrevious.
        .filter(|d| d.get("IndexPrevious").is_none())
        .collect();
    assert_eq!(books.len(), 4);
    for dir in books {
        let side = |currency: &str, issuer: &str| {
            Issue::new(
                Currency::from_code(dir[currency].as_str().unwrap()).unwrap(),
                AccountId::from_hex(dir[issuer].as_str().unwrap()).unwrap(),
            )
        };
        let pays = side("TakerPaysCurrency", "TakerPaysIssuer");
        let gets = side("TakerGetsCurrency", "TakerGetsIssuer");
        let rate = u64::from_str_radix(dir["ExchangeRate"].as_str().unwrap(), 16).unwrap();
        let base = keylet::book_base(&pays, &gets);
        assert_eq!(keylet::quality_of(&base), 0);
        assert_eq!(keylet::with_quality(&base, rate), hash(&dir["RootIndex"]));
        assert_eq!(keylet::quality_of(&hash(&dir["RootIndex"])), rate);
    }
}

#[test]
fn offers_sit_in_their_book_at_their_quality_and_in_directories() {
    let objects = account_state();
    let listed = directory_contents(&objects);
    let offers = of_type(&objects, "Offer");
    assert_eq!(offers.len(), 4);
    let mut exact = 0;
    for offer in offers {
        let directory = hash(&offer["BookDirectory"]);
        let base = keylet::book_base(
            &issue_of(&offer["TakerPays"]),
            &issue_of(&offer["TakerGets"]),
        );
        assert_eq!(
            keylet::with_quality(&base, 0),
            keylet::with_quality(&directory, 0)
        );
        // These offers are unfilled, so their amounts still give the quality they were filed
        // at. The fixture ledger predates fixUniversalNumber, when the last digit of the rate was
        // truncated; today it is rounded to nearest (what the sandbox must do), so a rate whose
        // dropped digits were ≥ .5 is now filed one unit higher.
        let quality =
            keylet::offer_quality(&amount(&offer["TakerPays"]), &amount(&offer["TakerGets"]));
        let recorded = keylet::quality_of(&directory);
        assert!(quality == recorded || quality == recorded + 1, "{offer}");
        exact += usize::from(quality == recorded);
        assert!(keylet::quality_next(&base) > directory);
        let id = keylet::offer(
            &account(&offer["Account"]),
            offer["Sequence"].as_u64().unwrap() as u32,
        );
        assert!(listed.contains(&id), "offer {id} is listed in a directory");
    }
    assert_eq!(exact, 3);
}

#[test]
fn trust_lines_are_listed_under_their_computed_ids() {
    let objects = account_state();
    let listed = directory_contents(&objects);
    let lines = of_type(&objects, "RippleState");
    let mut found = 0;
    for line in &lines {
        let low = account(&line["LowLimit"]["issuer"]);
        let high = account(&line["HighLimit"]["issuer"]);
        let currency: Currency = line["Balance"]["currency"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let id = keylet::ripple_state(&low, &high, &currency);
        assert_eq!(id, keylet::ripple_state(&high, &low, &currency));
        if listed.contains(&id) {
            found += 1;
        }
    }
    // The fixture holds a slice of a ledger: not every line's directories are in it, but most
    // are, and a wrong derivation would find none.
    assert!(
        found * 2 > lines.len(),
        "{found} of {} trust lines found",
        lines.len()
    );
}

#[test]
fn nftoken_metadata_ids() {
    let fixture = vectors("nf-token.json");
    let issuer: AccountId = "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh".parse().unwrap();
    let mut checked = 0;
    for (name, case) in fixture.as_object().unwrap() {
        let tx = &case["tx"]["json"];
        for node in case["meta"]["json"]["AffectedNodes"].as_array().unwrap() {
            let (kind, node) = node.as_object().unwrap().iter().next().unwrap();
            let fields = node
                .get("FinalFields")
                .or_else(|| node.get("NewFields"))
                .unwrap();
            let index = hash(&node["LedgerIndex"]);
            let expected = match node["LedgerEntryType"].as_str().unwrap() {
                "AccountRoot" => keylet::account_root(&account(&fields["Account"])),
                "DirectoryNode" if fields.get("Owner").is_some() => {
                    keylet::owner_dir(&account(&fields["Owner"]))
                }
                // A sell-offer directory for the token (lsfNFTokenSellOffers = 2 on the page).
                "DirectoryNode" => {
                    assert_eq!(fields["Flags"], 2);
                    keylet::nft_sell_offers(&hash(&fields["NFTokenID"]))
                }
                "NFTokenPage" => {
                    // The owner's last page; the page id's account bits are the owner.
                    let owner = AccountId::from_slice(&index.0[..20]).unwrap();
                    keylet::nftoken_page_max(&owner)
                }
                "NFTokenOffer" if kind == "CreatedNode" => keylet::nftoken_offer(
                    &account(&tx["Account"]),
                    tx["Sequence"].as_u64().unwrap() as u32,
                ),
                "NFTokenOffer" => {
                    assert_eq!(hash(&tx["NFTokenSellOffer"]), index);
                    continue;
                }
                other => panic!("{name}: unexpected {other}"),
            };
            assert_eq!(expected, index, "{name} {kind}");
            checked += 1;
        }
    }
    assert!(checked >= 12);
    // The issuer's page: its id begins with the issuer's account.
    assert_eq!(
        keylet::nftoken_page_max(&issuer).to_hex(),
        "B5F762798A53D543A014CAF8B297CFF8F2F937E8FFFFFFFFFFFFFFFFFFFFFFFF"
    );
}

#[test]
fn minted_nftoken_ids_are_composed_like_rippled() {
    let fixture = vectors("nf-token.json");
    let mint = &fixture["NFTokenMint"];
    let tx = &mint["tx"]["json"];
    let issuer = account(&tx["Account"]);
    let flags = (tx["Flags"].as_u64().unwrap() & 0xFFFF) as u16;
    let fee = tx["TransferFee"].as_u64().unwrap() as u16;
    let taxon = tx["NFTokenTaxon"].as_u64().unwrap() as u32;
    // The page after the mint lists the issuer's tokens 0..=4; the mint made number 4.
    let page = mint["meta"]["json"]["AffectedNodes"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|n| {
            n.get("ModifiedNode")
                .filter(|m| m["LedgerEntryType"] == "NFTokenPage")
        })
        .unwrap();
    let tokens: Vec<Hash256> = page["FinalFields"]["NFTokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| hash(&t["NFToken"]["NFTokenID"]))
        .collect();
    assert_eq!(tokens.len(), 5);
    for (sequence, token) in tokens.iter().enumerate() {
        let id = keylet::nftoken_id(flags, fee, &issuer, taxon, sequence as u32);
        assert_eq!(&id, token);
        let parts = keylet::nftoken_id_parts(token);
        assert_eq!(
            (
                parts.flags,
                parts.transfer_fee,
                parts.issuer,
                parts.taxon,
                parts.sequence
            ),
            (flags, fee, issuer, taxon, sequence as u32)
        );
        // The token's page lookup key lies between the owner's min and max page.
        let key = keylet::nftoken_page_for(&issuer, token);
        assert!(
            keylet::nftoken_page_min(&issuer) <= key && key <= keylet::nftoken_page_max(&issuer)
        );
    }
    assert_eq!(keylet::scramble_taxon(keylet::scramble_taxon(77, 9), 9), 77);
}

#[test]
fn escrow_finish_metadata_ids() {
    let tx = vectors("escrow-finish-tx.json");
    let owner = account(&tx["Owner"]);
    let sequence = tx["OfferSequence"].as_u64().unwrap() as u32;
    let mut kinds = HashSet::new();
    for node in tx["meta"]["AffectedNodes"].as_array().unwrap() {
        let (_, node) = node.as_object().unwrap().iter().next().unwrap();
        let fields = &node["FinalFields"];
        let expected = match node["LedgerEntryType"].as_str().unwrap() {
            "Escrow" => keylet::escrow(&owner, sequence),
            "AccountRoot" => keylet::account_root(&account(&fields["Account"])),
            "DirectoryNode" => keylet::owner_dir(&account(&fields["Owner"])),
            other => panic!("unexpected {other}"),
        };
        assert_eq!(expected, hash(&node["LedgerIndex"]));
        kinds.insert(node["LedgerEntryType"].as_str().unwrap().to_owned());
    }
    assert_eq!(kinds.len(), 3);
}

#[test]
fn singletons_have_their_well_known_ids() {
    assert_eq!(
        keylet::fee_settings().to_hex(),
        "4BC50C9B0D8515D3EAAE1E74B29A95804346C491EE1A95BF25E4AAB854A6A651"
    );
    assert_eq!(
        keylet::amendments().to_hex(),
        "7DB0788C020F02780A673DC74757F23823FA3014C1866E72CC4CD8B226CD6EF4"
    );
    assert_eq!(
        keylet::skip_list().to_hex(),
        "B4979A36CDC7F3D3D5C31A4EAE2AC7D7209DDA877588B9AFC66799692AB0D66B"
    );
}

/// The AMM example of the XRPL documentation (a mainnet XRP/NEX pool, ledger 91448830).
#[test]
fn amm_id_and_lp_token_currency_match_a_documented_pool() {
    let nex = Issue::new(
        "NEX".parse().unwrap(),
        "rQGiPFWhaTDdue1xHX7cVpxGqPQK54zng1".parse().unwrap(),
    );
    assert_eq!(
        keylet::amm(&Issue::XRP, &nex).to_hex(),
        "F490627BACE2D0AA744514A640B4999D50E495DD1677550D8B10E2D20FBB15C3"
    );
    assert_eq!(
        keylet::amm(&nex, &Issue::XRP),
        keylet::amm(&Issue::XRP, &nex)
    );
    assert_eq!(
        keylet::amm_lp_token_currency(&nex, &Issue::XRP).to_string(),
        "03DC324562A8915B7C65E9D31B93D62D02BC491C"
    );
}

#[test]
fn pseudo_account_candidates_depend_on_attempt_parent_and_owner() {
    let pool = keylet::amm(
        &Issue::XRP,
        &Issue::new("USD".parse().unwrap(), AccountId::ZERO),
    );
    let parent = keylet::fee_settings();
    let candidates: HashSet<AccountId> = (0..16)
        .map(|i| keylet::pseudo_account_candidate(i, &parent, &pool))
        .chain([keylet::pseudo_account_candidate(0, &Hash256::ZERO, &pool)])
        .chain([keylet::pseudo_account_candidate(0, &parent, &Hash256::ZERO)])
        .collect();
    assert_eq!(candidates.len(), 18);
    assert_eq!(
        keylet::pseudo_account_candidate(3, &parent, &pool),
        keylet::pseudo_account_candidate(3, &parent, &pool)
    );
}

#[test]
fn ids_differ_by_kind_and_by_every_input() {
    let a: AccountId = "rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL".parse().unwrap();
    let b: AccountId = "rGCkuB7PBr5tNy68tPEABEtcdno4hE6Y7f".parse().unwrap();
    let ids = [
        keylet::account_root(&a),
        keylet::owner_dir(&a),
        keylet::did(&a),
        keylet::signer_list(&a),
        keylet::offer(&a, 5),
        keylet::escrow(&a, 5),
        keylet::check(&a, 5),
        keylet::ticket(&a, 5),
        keylet::nftoken_offer(&a, 5),
        keylet::oracle(&a, 5),
        keylet::offer(&a, 6),
        keylet::pay_channel(&a, &b, 5),
        keylet::pay_channel(&b, &a, 5),
        keylet::deposit_preauth(&a, &b),
        keylet::deposit_preauth(&b, &a),
        keylet::dir_page(&keylet::owner_dir(&a), 1),
    ];
    let unique: HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
    assert_eq!(
        keylet::dir_page(&keylet::owner_dir(&a), 0),
        keylet::owner_dir(&a)
    );

    // AMM ids ignore the order of the two issues; MPTokens hang off the issuance id.
    let usd = Issue::new("USD".parse().unwrap(), a);
    assert_eq!(
        keylet::amm(&Issue::XRP, &usd),
        keylet::amm(&usd, &Issue::XRP)
    );
    assert_ne!(
        keylet::amm(&Issue::XRP, &usd),
        keylet::amm(&Issue::XRP, &Issue::new("USD".parse().unwrap(), b))
    );
    let mpt = MptIssuanceId::new(7, a);
    assert_eq!((mpt.sequence(), mpt.issuer()), (7, a));
    assert_eq!(&mpt.to_string()[..8], "00000007");
    assert_ne!(
        keylet::mptoken(&mpt, &b),
        keylet::mptoken(&MptIssuanceId::new(8, a), &b)
    );
    assert_ne!(
        keylet::mpt_issuance(&mpt),
        keylet::mpt_issuance(&MptIssuanceId::new(7, b))
    );
}

#[test]
fn quality_orders_like_the_rate_it_encodes() {
    // Paying 2 XRP for 1 USD is worse for the taker than paying 1 XRP for 1 USD.
    let usd = |value: &str| {
        amount(&serde_json::json!({
            "currency": "USD", "value": value, "issuer": "rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL"
        }))
    };
    let drops = |n: &str| amount(&Value::String(n.into()));
    let q1 = keylet::offer_quality(&drops("1000000"), &usd("1"));
    let q2 = keylet::offer_quality(&drops("2000000"), &usd("1"));
    assert!(q1 < q2);
    assert_eq!(keylet::quality_rate(q1), (1_000_000_000_000_000, -9));
    assert_eq!(keylet::offer_quality(&drops("0"), &usd("1")), 0);
    assert_eq!(keylet::offer_quality(&usd("1"), &drops("0")), 0);
}

#[test]
fn currency_codes_hash_as_160_bits() {
    let a: AccountId = "rG31cLyErnqeVj2eomEjBZtq7PYaupGYzL".parse().unwrap();
    let b: AccountId = "rGCkuB7PBr5tNy68tPEABEtcdno4hE6Y7f".parse().unwrap();
    let usd: Currency = "USD".parse().unwrap();
    let same_bytes = Currency::from_code("0000000000000000000000005553440000000000").unwrap();
    assert_eq!(
        keylet::ripple_state(&a, &b, &usd),
        keylet::ripple_state(&a, &b, &same_bytes)
    );
    assert_ne!(
        keylet::ripple_state(&a, &b, &usd),
        keylet::ripple_state(&a, &b, &"EUR".parse().unwrap())
    );
}

//! NFT fidelity: sales paid in a token charge the token issuer's TransferRate on every leg that
//! passes between two of its holders (rippled's NFTokenAcceptOffer `pay` is `accountSend`), and
//! `tx` / `account_tx` carry rippled's synthetic metadata ids.
//! Rules: <https://xrpl.org/docs/concepts/tokens/transfer-fees>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/nftokenacceptoffer>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/nftokenmint> ("Metadata":
//! `nftoken_id`),
//! <https://xrpl.org/docs/references/http-websocket-apis/public-api-methods/transaction-methods/tx>
//! (`nftoken_id`, `nftoken_ids`, `offer_id`, `mpt_issuance_id`) and
//! <https://xrpl.org/docs/references/protocol/ledger-data/ledger-entry-types/ripplestate>
//! (`lsfAMMNode`), <https://xrpl.org/docs/references/protocol/ledger-data/ledger-entry-types/amm>.

mod common;

use common::{Lab, Wallet, XRP, iou, pay_iou, set_flag, trust};
use serde_json::{Value, json};
use xrpl_sandbox::Ter;

const TF_TRANSFERABLE: u32 = 0x8;
const TF_SELL: u32 = 0x1;
const ASF_DEFAULT_RIPPLE: u32 = 8;
/// A 25% transfer rate: a holder sends 1.25 for 1 to arrive.
const RATE_125: u32 = 1_250_000_000;
/// A 20% royalty, in 1/100,000.
const ROYALTY_20: u32 = 20_000;

struct Sale {
    lab: Lab,
    gw: Wallet,
    minter: Wallet,
    alice: Wallet,
    bob: Wallet,
    broker: Wallet,
    token: String,
}

fn created(meta: &Value, entry_type: &str) -> String {
    meta["AffectedNodes"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|n| {
            n.get("CreatedNode")
                .filter(|c| c["LedgerEntryType"] == entry_type)
        })
        .unwrap()["LedgerIndex"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn first_nft(lab: &mut Lab, who: &Wallet) -> String {
    let out = lab.rpc("account_nfts", json!({"account": who.address()}));
    out["account_nfts"][0]["NFTokenID"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// USD from a gateway charging 25%; the minter's token (20% royalty) already sold to Alice for
/// nothing; Bob holds `bob_usd` USD; everyone trusts USD.
fn sale(bob_usd: &str) -> Sale {
    let mut lab = Lab::new();
    let (gw, minter, alice, bob, broker) = (
        Wallet::ed(130),
        Wallet::ed(131),
        Wallet::ed(132),
        Wallet::ed(133),
        Wallet::ed(134),
    );
    for w in [&gw, &minter, &alice, &bob, &broker] {
        lab.fund(w, 1000);
    }
    lab.expect(&gw, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    lab.expect(
        &gw,
        json!({"TransactionType": "AccountSet", "TransferRate": RATE_125}),
        Ter::tesSUCCESS,
    );
    for w in [&minter, &alice, &bob, &broker] {
        lab.expect(w, trust(&gw, "USD", "10000"), Ter::tesSUCCESS);
    }
    lab.expect(
        &gw,
        pay_iou(&bob, iou(&gw, "USD", bob_usd)),
        Ter::tesSUCCESS,
    );
    lab.expect(
        &minter,
        json!({"TransactionType": "NFTokenMint", "NFTokenTaxon": 0, "Flags": TF_TRANSFERABLE,
               "TransferFee": ROYALTY_20}),
        Ter::tesSUCCESS,
    );
    let token = first_nft(&mut lab, &minter);
    let gift = lab.expect(
        &minter,
        json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": token, "Amount": "0",
               "Flags": TF_SELL, "Destination": alice.address()}),
        Ter::tesSUCCESS,
    );
    let key = created(&gift.meta.unwrap(), "NFTokenOffer");
    lab.expect(
        &alice,
        json!({"TransactionType": "NFTokenAcceptOffer", "NFTokenSellOffer": key}),
        Ter::tesSUCCESS,
    );
    Sale {
        lab,
        gw,
        minter,
        alice,
        bob,
        broker,
        token,
    }
}

fn sell_offer(s: &mut Sale, usd: &str) -> String {
    let tx = json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": s.token,
                    "Amount": iou(&s.gw, "USD", usd), "Flags": TF_SELL});
    let outcome = s.lab.expect(&s.alice, tx, Ter::tesSUCCESS);
    created(&outcome.meta.unwrap(), "NFTokenOffer")
}

fn buy_offer(s: &mut Sale, usd: &str) -> String {
    let tx = json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": s.token,
                    "Amount": iou(&s.gw, "USD", usd), "Owner": s.alice.address()});
    let outcome = s.lab.expect(&s.bob, tx, Ter::tesSUCCESS);
    created(&outcome.meta.unwrap(), "NFTokenOffer")
}

#[test]
fn a_direct_sale_in_a_token_charges_the_transfer_rate_on_the_royalty_and_the_price() {
    let mut s = sale("200");
    let offer = sell_offer(&mut s, "100");
    s.lab.expect(
        &s.bob,
        json!({"TransactionType": "NFTokenAcceptOffer", "NFTokenSellOffer": offer}),
        Ter::tesSUCCESS,
    );
    // Royalty 100 × 20% = 20 arrives at the minter, 80 at Alice; Bob sends each × 1.25:
    // 25 + 100 = 125 of his 200.
    assert_eq!(s.lab.iou_balance(&s.minter, &s.gw, "USD"), "20");
    assert_eq!(s.lab.iou_balance(&s.alice, &s.gw, "USD"), "80");
    assert_eq!(s.lab.iou_balance(&s.bob, &s.gw, "USD"), "75");
    assert_eq!(first_nft(&mut s.lab, &s.bob), s.token);
}

#[test]
fn a_brokered_sale_charges_the_transfer_rate_on_every_leg() {
    let mut s = sale("200");
    let sell = sell_offer(&mut s, "50");
    let buy = buy_offer(&mut s, "100");
    s.lab.expect(
        &s.broker,
        json!({"TransactionType": "NFTokenAcceptOffer", "NFTokenSellOffer": sell,
               "NFTokenBuyOffer": buy, "NFTokenBrokerFee": iou(&s.gw, "USD", "10")}),
        Ter::tesSUCCESS,
    );
    // Broker 10; the royalty is 20% of the 90 left, 18; Alice gets 72. Bob sends
    // (10 + 18 + 72) × 1.25 = 125.
    assert_eq!(s.lab.iou_balance(&s.broker, &s.gw, "USD"), "10");
    assert_eq!(s.lab.iou_balance(&s.minter, &s.gw, "USD"), "18");
    assert_eq!(s.lab.iou_balance(&s.alice, &s.gw, "USD"), "72");
    assert_eq!(s.lab.iou_balance(&s.bob, &s.gw, "USD"), "75");
}

#[test]
fn a_buyer_who_cannot_cover_the_transfer_fee_gets_tec_insufficient_funds() {
    // Bob holds exactly the price: enough for the offer's check, not for the 25% on top.
    let mut s = sale("100");
    let offer = sell_offer(&mut s, "100");
    let before = s.lab.balance(&s.bob);
    s.lab.expect(
        &s.bob,
        json!({"TransactionType": "NFTokenAcceptOffer", "NFTokenSellOffer": offer}),
        Ter::tecINSUFFICIENT_FUNDS,
    );
    assert_eq!(s.lab.balance(&s.bob), before - s.lab.ledger.fees().base_fee);
    assert_eq!(s.lab.iou_balance(&s.bob, &s.gw, "USD"), "100");
    assert_eq!(s.lab.iou_balance(&s.alice, &s.gw, "USD"), "0");
    assert_eq!(first_nft(&mut s.lab, &s.alice), s.token);
    let offers = s
        .lab
        .rpc("nft_sell_offers", json!({"nft_id": s.token.clone()}));
    assert_eq!(offers["offers"][0]["nft_offer_index"], offer);
}

#[test]
fn the_issuer_of_the_payment_token_pays_no_transfer_fee() {
    let mut s = sale("1");
    let offer = sell_offer(&mut s, "100");
    s.lab.expect(
        &s.gw,
        json!({"TransactionType": "NFTokenAcceptOffer", "NFTokenSellOffer": offer}),
        Ter::tesSUCCESS,
    );
    // The gateway issues what it pays: 20 and 80 arrive, nothing more is charged.
    assert_eq!(s.lab.iou_balance(&s.minter, &s.gw, "USD"), "20");
    assert_eq!(s.lab.iou_balance(&s.alice, &s.gw, "USD"), "80");
}

/// `tx` for `hash`, in API v2 (`meta` beside `tx_json`).
fn tx_meta(lab: &mut Lab, hash: &str) -> Value {
    lab.rpc("tx", json!({"transaction": hash, "api_version": 2}))["meta"].clone()
}

#[test]
fn tx_results_carry_rippleds_synthetic_ids() {
    let mut lab = Lab::new();
    let (minter, bob) = (Wallet::ed(135), Wallet::ed(136));
    lab.fund(&minter, 1000);
    lab.fund(&bob, 1000);
    let mint = lab.expect(
        &minter,
        json!({"TransactionType": "NFTokenMint", "NFTokenTaxon": 7, "Flags": TF_TRANSFERABLE}),
        Ter::tesSUCCESS,
    );
    let token = first_nft(&mut lab, &minter);
    assert_eq!(tx_meta(&mut lab, &mint.hash.to_hex())["nftoken_id"], token);

    // A second mint adds to the same page: the new id is the one the page did not have.
    let second = lab.expect(
        &minter,
        json!({"TransactionType": "NFTokenMint", "NFTokenTaxon": 8, "Flags": TF_TRANSFERABLE}),
        Ter::tesSUCCESS,
    );
    let nfts = lab.rpc("account_nfts", json!({"account": minter.address()}));
    let second_id = nfts["account_nfts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["NFTokenTaxon"] == 8)
        .unwrap()["NFTokenID"]
        .clone();
    assert_eq!(
        tx_meta(&mut lab, &second.hash.to_hex())["nftoken_id"],
        second_id
    );

    // Create offer: offer_id, the NFTokenOffer's index; the object carries its two nodes.
    let sell = lab.expect(
        &minter,
        json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": token, "Amount": "1000000",
               "Flags": TF_SELL}),
        Ter::tesSUCCESS,
    );
    let offer_id = created(sell.meta.as_ref().unwrap(), "NFTokenOffer");
    assert_eq!(tx_meta(&mut lab, &sell.hash.to_hex())["offer_id"], offer_id);
    let entry = lab.rpc("ledger_entry", json!({"index": offer_id}));
    assert_eq!(entry["node"]["NFTokenOfferNode"], "0");
    assert_eq!(entry["node"]["OwnerNode"], "0");

    // Two offers on two tokens, both cancelled: nftoken_ids lists each token once, sorted.
    let bid = lab.expect(
        &bob,
        json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": second_id,
               "Amount": "500000", "Owner": minter.address()}),
        Ter::tesSUCCESS,
    );
    let bid_id = created(bid.meta.as_ref().unwrap(), "NFTokenOffer");
    let bid2 = lab.expect(
        &bob,
        json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": token,
               "Amount": "400000", "Owner": minter.address()}),
        Ter::tesSUCCESS,
    );
    let bid2_id = created(bid2.meta.as_ref().unwrap(), "NFTokenOffer");
    let cancel = lab.expect(
        &bob,
        json!({"TransactionType": "NFTokenCancelOffer", "NFTokenOffers": [bid_id, bid2_id]}),
        Ter::tesSUCCESS,
    );
    let mut expected = vec![token.clone(), second_id.as_str().unwrap().to_owned()];
    expected.sort();
    assert_eq!(
        tx_meta(&mut lab, &cancel.hash.to_hex())["nftoken_ids"],
        json!(expected)
    );

    // Accept: nftoken_id of the token sold.
    let accept = lab.expect(
        &bob,
        json!({"TransactionType": "NFTokenAcceptOffer", "NFTokenSellOffer": offer_id}),
        Ter::tesSUCCESS,
    );
    assert_eq!(
        tx_meta(&mut lab, &accept.hash.to_hex())["nftoken_id"],
        token
    );

    // account_tx shows the same, in API v1 too; a failed transaction gets none.
    let failed = lab.expect(
        &bob,
        json!({"TransactionType": "NFTokenAcceptOffer", "NFTokenSellOffer": offer_id}),
        Ter::tecOBJECT_NOT_FOUND,
    );
    assert!(
        tx_meta(&mut lab, &failed.hash.to_hex())
            .get("nftoken_id")
            .is_none()
    );
    let history = lab.rpc("account_tx", json!({"account": minter.address()}));
    let mint_entry = history["transactions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["tx"]["hash"] == mint.hash.to_hex())
        .unwrap();
    assert_eq!(mint_entry["meta"]["nftoken_id"], token);
    // The stored metadata itself is untouched.
    assert!(mint.meta.unwrap().get("nftoken_id").is_none());
}

#[test]
fn an_mpt_issuance_shows_its_id() {
    let mut lab = Lab::new();
    let issuer = Wallet::ed(137);
    lab.fund(&issuer, 1000);
    let sequence = lab.sequence(&issuer);
    let created_tx = lab.expect(
        &issuer,
        json!({"TransactionType": "MPTokenIssuanceCreate", "MaximumAmount": "1000"}),
        Ter::tesSUCCESS,
    );
    // MPTokenIssuanceID = the creating Sequence (4 bytes, big endian) ‖ the issuer's account id.
    let expected = format!(
        "{sequence:08X}{}",
        hex::encode_upper(issuer.account.as_bytes())
    );
    assert_eq!(
        tx_meta(&mut lab, &created_tx.hash.to_hex())["mpt_issuance_id"],
        expected
    );
}

#[test]
fn an_amm_pools_asset_lines_are_marked_amm_nodes() {
    let mut lab = Lab::new();
    let (gw, alice) = (Wallet::ed(138), Wallet::ed(139));
    lab.fund(&gw, 1000);
    lab.fund(&alice, 1000);
    lab.expect(&gw, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    lab.expect(&alice, trust(&gw, "USD", "1000"), Ter::tesSUCCESS);
    lab.expect(
        &gw,
        pay_iou(&alice, iou(&gw, "USD", "100")),
        Ter::tesSUCCESS,
    );
    let reserve = lab.ledger.fees().reserve_increment;
    lab.expect(
        &alice,
        json!({"TransactionType": "AMMCreate", "Amount": (10 * XRP).to_string(),
               "Amount2": iou(&gw, "USD", "10"), "TradingFee": 0, "Fee": reserve.to_string()}),
        Ter::tesSUCCESS,
    );
    let info = lab.rpc(
        "amm_info",
        json!({"asset": {"currency": "XRP"}, "asset2": {"currency": "USD", "issuer": gw.address()}}),
    );
    let pool = info["amm"]["account"].clone();
    let lines = lab.rpc("account_objects", json!({"account": pool, "type": "state"}));
    let flags: Vec<u64> = lines["account_objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["Flags"].as_u64().unwrap())
        .collect();
    // The pool's USD line (to the gateway) is lsfAMMNode (0x01000000); its LP-token line to
    // Alice is not.
    assert_eq!(flags.len(), 2);
    assert_eq!(flags.iter().filter(|f| *f & 0x0100_0000 != 0).count(), 1);
    // A zero fee is left out of the AMM object, as rippled writes it.
    let amm_id = lab.rpc("account_info", json!({"account": pool}))["account_data"]["AMMID"].clone();
    let amm = lab.rpc("ledger_entry", json!({"index": amm_id}))["node"].clone();
    assert!(amm.get("TradingFee").is_none());
    assert!(amm["AuctionSlot"].get("DiscountedFee").is_none());
    assert!(amm["VoteSlots"][0]["VoteEntry"].get("TradingFee").is_none());
    assert_eq!(amm["VoteSlots"][0]["VoteEntry"]["VoteWeight"], 100_000);
}

#[test]
fn an_xrp_royalty_is_rounded_to_the_nearest_drop() {
    // rippled's multiply(price, transferFeeAsRate(fee)) converts the 16-digit product to drops
    // to nearest: 33 drops × 5% = 1.65 → 2 drops to the minter, 31 to the seller.
    let mut lab = Lab::new();
    let (minter, alice, bob) = (Wallet::ed(140), Wallet::ed(141), Wallet::ed(142));
    for w in [&minter, &alice, &bob] {
        lab.fund(w, 1000);
    }
    lab.expect(
        &minter,
        json!({"TransactionType": "NFTokenMint", "NFTokenTaxon": 0, "Flags": TF_TRANSFERABLE,
               "TransferFee": 5_000}),
        Ter::tesSUCCESS,
    );
    let token = first_nft(&mut lab, &minter);
    let gift = lab.expect(
        &minter,
        json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": token, "Amount": "0",
               "Flags": TF_SELL, "Destination": alice.address()}),
        Ter::tesSUCCESS,
    );
    let key = created(&gift.meta.unwrap(), "NFTokenOffer");
    lab.expect(
        &alice,
        json!({"TransactionType": "NFTokenAcceptOffer", "NFTokenSellOffer": key}),
        Ter::tesSUCCESS,
    );
    let sell = lab.expect(
        &alice,
        json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": token, "Amount": "33",
               "Flags": TF_SELL}),
        Ter::tesSUCCESS,
    );
    let key = created(&sell.meta.unwrap(), "NFTokenOffer");
    let (minter0, alice0, bob0) = (lab.balance(&minter), lab.balance(&alice), lab.balance(&bob));
    lab.expect(
        &bob,
        json!({"TransactionType": "NFTokenAcceptOffer", "NFTokenSellOffer": key}),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.balance(&minter), minter0 + 2);
    assert_eq!(lab.balance(&alice), alice0 + 31);
    assert_eq!(lab.balance(&bob), bob0 - 33 - lab.ledger.fees().base_fee);
}

//! NFT trading: sell and buy offers, direct and brokered sales, the issuer's royalty and the
//! broker's fee (computed here independently from the XLS-20 rule: royalty = price × TransferFee
//! / 100,000, on what the seller's side receives after the broker's fee), cancellation and the
//! offer queries.
//! Rules: <https://xrpl.org/docs/concepts/tokens/nfts/trading>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/nftokenacceptoffer>.

mod common;

use common::{Lab, Wallet, XRP};
use serde_json::{Value, json};
use xrpl_sandbox::Ter;

const TF_TRANSFERABLE: u32 = 0x8;
const TF_SELL: u32 = 0x1;
/// 5% in XLS-20 units (1/100,000).
const FEE_5_PERCENT: u64 = 5_000;

fn created_offer(meta: &Value) -> String {
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

fn first_nft(lab: &mut Lab, who: &Wallet) -> String {
    let out = lab.rpc("account_nfts", json!({"account": who.address()}));
    out["account_nfts"][0]["NFTokenID"]
        .as_str()
        .unwrap()
        .to_owned()
}

struct Market {
    lab: Lab,
    issuer: Wallet,
    bob: Wallet,
    carol: Wallet,
    broker: Wallet,
    token: String,
}

/// The issuer mints a transferable token with a 5% royalty and gives it to Bob.
fn market() -> Market {
    let mut lab = Lab::new();
    let (issuer, bob, carol, broker) = (
        Wallet::ed(60),
        Wallet::ed(61),
        Wallet::ed(62),
        Wallet::ed(63),
    );
    for w in [&issuer, &bob, &carol, &broker] {
        lab.fund(w, 1000);
    }
    lab.expect(
        &issuer,
        json!({"TransactionType": "NFTokenMint", "NFTokenTaxon": 0, "Flags": TF_TRANSFERABLE, "TransferFee": FEE_5_PERCENT}),
        Ter::tesSUCCESS,
    );
    let token = first_nft(&mut lab, &issuer);
    let gift = lab.expect(
        &issuer,
        json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": token, "Amount": "0", "Flags": TF_SELL, "Destination": bob.address()}),
        Ter::tesSUCCESS,
    );
    let key = created_offer(&gift.meta.unwrap());
    lab.expect(
        &bob,
        json!({"TransactionType": "NFTokenAcceptOffer", "NFTokenSellOffer": key}),
        Ter::tesSUCCESS,
    );
    assert_eq!(first_nft(&mut lab, &bob), token);
    Market {
        lab,
        issuer,
        bob,
        carol,
        broker,
        token,
    }
}

#[test]
fn a_direct_sale_pays_the_seller_and_the_issuers_royalty() {
    let Market {
        mut lab,
        issuer,
        bob,
        carol,
        token,
        ..
    } = market();
    let fee = lab.ledger.fees().base_fee;
    let price = 10 * XRP;
    let sell = lab.expect(
        &bob,
        json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": token, "Amount": price.to_string(), "Flags": TF_SELL}),
        Ter::tesSUCCESS,
    );
    let key = created_offer(&sell.meta.unwrap());
    let listed = lab.rpc("nft_sell_offers", json!({"nft_id": token}));
    assert_eq!(listed["offers"][0]["nft_offer_index"], key);
    assert_eq!(listed["offers"][0]["amount"], price.to_string());
    assert_eq!(listed["offers"][0]["owner"], bob.address());
    assert_eq!(lab.owner_count(&bob), 2, "the token page and the offer");

    let (b0, c0, i0) = (lab.balance(&bob), lab.balance(&carol), lab.balance(&issuer));
    lab.expect(
        &carol,
        json!({"TransactionType": "NFTokenAcceptOffer", "NFTokenSellOffer": key}),
        Ter::tesSUCCESS,
    );
    let royalty = price * FEE_5_PERCENT / 100_000;
    assert_eq!(royalty, 500_000);
    assert_eq!(lab.balance(&issuer), i0 + royalty);
    assert_eq!(lab.balance(&bob), b0 + price - royalty);
    assert_eq!(lab.balance(&carol), c0 - price - fee);
    assert_eq!(first_nft(&mut lab, &carol), token);
    assert_eq!(lab.owner_count(&bob), 0, "offer consumed, empty page gone");
    assert_eq!(lab.owner_count(&carol), 1);
    let gone = lab.rpc("nft_sell_offers", json!({"nft_id": token}));
    assert_eq!(gone["error"], "objectNotFound");
}

#[test]
fn a_brokered_sale_pays_the_broker_then_the_royalty_then_the_seller() {
    let Market {
        mut lab,
        issuer,
        bob,
        carol,
        broker,
        token,
    } = market();
    let fee = lab.ledger.fees().base_fee;
    let (ask, bid, broker_fee) = (10 * XRP, 15 * XRP, 2 * XRP);
    let sell = lab.expect(
        &bob,
        json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": token, "Amount": ask.to_string(), "Flags": TF_SELL, "Destination": broker.address()}),
        Ter::tesSUCCESS,
    );
    let sell_key = created_offer(&sell.meta.unwrap());
    let buy = lab.expect(
        &carol,
        json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": token, "Amount": bid.to_string(), "Owner": bob.address()}),
        Ter::tesSUCCESS,
    );
    let buy_key = created_offer(&buy.meta.unwrap());
    let bids = lab.rpc("nft_buy_offers", json!({"nft_id": token}));
    assert_eq!(bids["offers"][0]["owner"], carol.address());

    // Only the named broker may match Bob's offer.
    lab.expect(
        &issuer,
        json!({"TransactionType": "NFTokenAcceptOffer", "NFTokenSellOffer": sell_key, "NFTokenBuyOffer": buy_key}),
        Ter::tecNO_PERMISSION,
    );
    // The fee may not eat into the seller's ask.
    lab.expect(
        &broker,
        json!({"TransactionType": "NFTokenAcceptOffer", "NFTokenSellOffer": sell_key, "NFTokenBuyOffer": buy_key, "NFTokenBrokerFee": (6 * XRP).to_string()}),
        Ter::tecINSUFFICIENT_PAYMENT,
    );

    let (b0, c0, i0, k0) = (
        lab.balance(&bob),
        lab.balance(&carol),
        lab.balance(&issuer),
        lab.balance(&broker),
    );
    lab.expect(
        &broker,
        json!({"TransactionType": "NFTokenAcceptOffer", "NFTokenSellOffer": sell_key, "NFTokenBuyOffer": buy_key, "NFTokenBrokerFee": broker_fee.to_string()}),
        Ter::tesSUCCESS,
    );
    let settled = bid - broker_fee;
    let royalty = settled * FEE_5_PERCENT / 100_000;
    assert_eq!(lab.balance(&broker), k0 + broker_fee - fee);
    assert_eq!(lab.balance(&issuer), i0 + royalty);
    assert_eq!(lab.balance(&bob), b0 + settled - royalty);
    assert_eq!(lab.balance(&carol), c0 - bid);
    assert_eq!(first_nft(&mut lab, &carol), token);
    assert_eq!(lab.owner_count(&bob), 0);
    assert_eq!(
        lab.owner_count(&carol),
        1,
        "buy offer consumed, one page gained"
    );
}

#[test]
fn the_owner_accepts_a_buy_offer() {
    let Market {
        mut lab,
        issuer,
        bob,
        carol,
        token,
        ..
    } = market();
    let bid = 3 * XRP;
    let buy = lab.expect(
        &carol,
        json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": token, "Amount": bid.to_string(), "Owner": bob.address()}),
        Ter::tesSUCCESS,
    );
    let key = created_offer(&buy.meta.unwrap());
    // Not the owner: cannot accept on Bob's behalf.
    lab.expect(
        &issuer,
        json!({"TransactionType": "NFTokenAcceptOffer", "NFTokenBuyOffer": key}),
        Ter::tecNO_PERMISSION,
    );
    lab.expect(
        &carol,
        json!({"TransactionType": "NFTokenAcceptOffer", "NFTokenBuyOffer": key}),
        Ter::tecCANT_ACCEPT_OWN_NFTOKEN_OFFER,
    );
    let i0 = lab.balance(&issuer);
    lab.expect(
        &bob,
        json!({"TransactionType": "NFTokenAcceptOffer", "NFTokenBuyOffer": key}),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.balance(&issuer), i0 + bid * FEE_5_PERCENT / 100_000);
    assert_eq!(first_nft(&mut lab, &carol), token);
}

#[test]
fn offers_are_cancelled_by_their_owner_and_free_the_reserve() {
    let Market {
        mut lab,
        bob,
        carol,
        token,
        ..
    } = market();
    let buy = lab.expect(
        &carol,
        json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": token, "Amount": "1000", "Owner": bob.address()}),
        Ter::tesSUCCESS,
    );
    let key = created_offer(&buy.meta.unwrap());
    assert_eq!(lab.owner_count(&carol), 1);
    let cancel = json!({"TransactionType": "NFTokenCancelOffer", "NFTokenOffers": [key]});
    lab.expect(&bob, cancel.clone(), Ter::tecNO_PERMISSION);
    lab.expect(&carol, cancel, Ter::tesSUCCESS);
    assert_eq!(lab.owner_count(&carol), 0);
    assert_eq!(lab.owned(&carol), 0);
    assert_eq!(
        lab.rpc("nft_buy_offers", json!({"nft_id": token}))["error"],
        "objectNotFound"
    );
}

#[test]
fn bad_offers_are_refused() {
    let Market {
        mut lab,
        bob,
        carol,
        token,
        ..
    } = market();
    let seq = lab.sequence(&carol);
    for (who, tx, ter) in [
        // A buy offer must name the owner, a sell offer must not.
        (
            &carol,
            json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": token, "Amount": "10"}),
            Ter::temMALFORMED,
        ),
        (
            &bob,
            json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": token, "Amount": "10", "Flags": TF_SELL, "Owner": carol.address()}),
            Ter::temMALFORMED,
        ),
        // Buying for nothing.
        (
            &carol,
            json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": token, "Amount": "0", "Owner": bob.address()}),
            Ter::temBAD_AMOUNT,
        ),
        (
            &carol,
            json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": token, "Amount": "10", "Owner": bob.address(), "Expiration": 0}),
            Ter::temBAD_EXPIRATION,
        ),
    ] {
        let outcome = lab.submit(who, tx);
        assert_eq!(outcome.result, ter);
    }
    assert_eq!(lab.sequence(&carol), seq);
    // Selling a token you do not hold.
    lab.expect(
        &carol,
        json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": token, "Amount": "10", "Flags": TF_SELL}),
        Ter::tecNO_ENTRY,
    );
}

#[test]
fn a_non_transferable_token_only_goes_back_to_its_issuer() {
    let mut lab = Lab::new();
    let (issuer, bob) = (Wallet::ed(64), Wallet::ed(65));
    for w in [&issuer, &bob] {
        lab.fund(w, 100);
    }
    lab.expect(
        &issuer,
        json!({"TransactionType": "NFTokenMint", "NFTokenTaxon": 0}),
        Ter::tesSUCCESS,
    );
    let token = first_nft(&mut lab, &issuer);
    let gift = lab.expect(
        &issuer,
        json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": token, "Amount": "0", "Flags": TF_SELL}),
        Ter::tesSUCCESS,
    );
    lab.expect(
        &bob,
        json!({"TransactionType": "NFTokenAcceptOffer", "NFTokenSellOffer": created_offer(&gift.meta.unwrap())}),
        Ter::tesSUCCESS,
    );
    let outcome = lab.submit(
        &bob,
        json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": token, "Amount": "10", "Flags": TF_SELL}),
    );
    assert_eq!(outcome.result, Ter::tefNFTOKEN_IS_NOT_TRANSFERABLE);
    assert!(!outcome.applied);
}

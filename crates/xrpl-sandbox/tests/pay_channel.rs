//! Payment channels: deposits leave the source, claims signed off-ledger by the channel key pay
//! the destination, and closing respects the settle delay and returns the rest.
//! Rules: <https://xrpl.org/docs/concepts/payment-types/payment-channels>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/paymentchannelclaim>.

mod common;

use common::{Lab, Wallet, XRP};
use serde_json::{Value, json};
use xrpl_proto::codec::encode_for_signing_claim;
use xrpl_sandbox::Ter;

const TF_CLOSE: u32 = 0x0002_0000;

struct Channel {
    id: String,
}

fn open(lab: &mut Lab, source: &Wallet, dest: &Wallet, drops: u64, settle: u32) -> Channel {
    let tx = json!({
        "TransactionType": "PaymentChannelCreate",
        "Destination": dest.address(),
        "Amount": drops.to_string(),
        "SettleDelay": settle,
        "PublicKey": source.keys.public_key().to_hex(),
    });
    let outcome = lab.expect(source, tx, Ter::tesSUCCESS);
    let meta = outcome.meta.unwrap();
    let id = meta["AffectedNodes"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|n| {
            n.get("CreatedNode")
                .filter(|c| c["LedgerEntryType"] == "PayChannel")
        })
        .unwrap()["LedgerIndex"]
        .as_str()
        .unwrap()
        .to_owned();
    Channel { id }
}

/// The source's off-ledger authorisation of `drops` in total.
fn authorise(source: &Wallet, channel: &Channel, drops: u64) -> String {
    let message = encode_for_signing_claim(&channel.id, drops).unwrap();
    hex::encode_upper(source.keys.sign(&message).unwrap())
}

fn claim(channel: &Channel, source: &Wallet, drops: u64, signature: &str) -> Value {
    json!({
        "TransactionType": "PaymentChannelClaim",
        "Channel": channel.id,
        "Balance": drops.to_string(),
        "Amount": drops.to_string(),
        "Signature": signature,
        "PublicKey": source.keys.public_key().to_hex(),
    })
}

fn pair() -> (Lab, Wallet, Wallet) {
    let mut lab = Lab::new();
    let (alice, bob) = (Wallet::ed(1), Wallet::secp(2));
    lab.fund(&alice, 1000);
    lab.fund(&bob, 1000);
    (lab, alice, bob)
}

#[test]
fn signed_claims_pay_the_destination_incrementally() {
    let (mut lab, alice, bob) = pair();
    let before = lab.balance(&alice);
    let channel = open(&mut lab, &alice, &bob, 100 * XRP, 3600);
    assert_eq!(lab.balance(&alice), before - 100 * XRP - 10);
    assert_eq!(lab.owner_count(&alice), 1);
    let listed = lab.rpc("account_channels", json!({"account": alice.address()}));
    assert_eq!(listed["channels"][0]["channel_id"], channel.id);
    assert_eq!(listed["channels"][0]["amount"], (100 * XRP).to_string());

    let bob_before = lab.balance(&bob);
    let sig = authorise(&alice, &channel, 15 * XRP);
    lab.expect(
        &bob,
        claim(&channel, &alice, 15 * XRP, &sig),
        Ter::tesSUCCESS,
    );
    let sig = authorise(&alice, &channel, 40 * XRP);
    lab.expect(
        &bob,
        claim(&channel, &alice, 40 * XRP, &sig),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.balance(&bob), bob_before + 40 * XRP - 20);
    // Replaying an older claim pays nothing.
    let old = authorise(&alice, &channel, 15 * XRP);
    lab.expect(
        &bob,
        claim(&channel, &alice, 15 * XRP, &old),
        Ter::tecUNFUNDED_PAYMENT,
    );
    // More than the deposit is unfunded.
    let greedy = authorise(&alice, &channel, 101 * XRP);
    lab.expect(
        &bob,
        claim(&channel, &alice, 101 * XRP, &greedy),
        Ter::tecUNFUNDED_PAYMENT,
    );
    let listed = lab.rpc("account_channels", json!({"account": alice.address()}));
    assert_eq!(listed["channels"][0]["balance"], (40 * XRP).to_string());
}

#[test]
fn forged_claims_are_rejected() {
    let (mut lab, alice, bob) = pair();
    let channel = open(&mut lab, &alice, &bob, 100 * XRP, 3600);
    // Signed for 10 XRP, claimed as 50.
    let sig = authorise(&alice, &channel, 10 * XRP);
    lab.expect(
        &bob,
        claim(&channel, &alice, 50 * XRP, &sig),
        Ter::temBAD_SIGNATURE,
    );
    // Signed by bob's own key: valid signature, wrong key for this channel.
    let forged = authorise(&bob, &channel, 50 * XRP);
    lab.expect(
        &bob,
        claim(&channel, &bob, 50 * XRP, &forged),
        Ter::temBAD_SIGNER,
    );
    // The destination can't claim without a signature.
    let mut unsigned = claim(&channel, &alice, 50 * XRP, "");
    for field in ["Signature", "PublicKey"] {
        unsigned.as_object_mut().unwrap().remove(field);
    }
    lab.expect(&bob, unsigned, Ter::temBAD_SIGNATURE);
}

#[test]
fn funding_adds_to_the_deposit() {
    let (mut lab, alice, bob) = pair();
    let channel = open(&mut lab, &alice, &bob, 10 * XRP, 60);
    let fund = json!({"TransactionType": "PaymentChannelFund", "Channel": channel.id, "Amount": (5 * XRP).to_string()});
    lab.expect(&bob, fund.clone(), Ter::tecNO_PERMISSION);
    let before = lab.balance(&alice);
    lab.expect(&alice, fund, Ter::tesSUCCESS);
    assert_eq!(lab.balance(&alice), before - 5 * XRP - 10);
    let listed = lab.rpc("account_channels", json!({"account": alice.address()}));
    assert_eq!(listed["channels"][0]["amount"], (15 * XRP).to_string());
}

#[test]
fn the_source_closes_after_the_settle_delay_and_gets_the_rest() {
    let (mut lab, alice, bob) = pair();
    let channel = open(&mut lab, &alice, &bob, 100 * XRP, 600);
    let sig = authorise(&alice, &channel, 30 * XRP);
    lab.expect(
        &bob,
        claim(&channel, &alice, 30 * XRP, &sig),
        Ter::tesSUCCESS,
    );
    let close =
        json!({"TransactionType": "PaymentChannelClaim", "Channel": channel.id, "Flags": TF_CLOSE});
    lab.expect(&alice, close.clone(), Ter::tesSUCCESS);
    // Still open: bob has the settle delay to claim more.
    let listed = lab.rpc("account_channels", json!({"account": alice.address()}));
    let expiration = listed["channels"][0]["expiration"].as_u64().unwrap();
    assert!(expiration > u64::from(lab.ledger.last_closed().close_time));
    let sig = authorise(&alice, &channel, 35 * XRP);
    lab.expect(
        &bob,
        claim(&channel, &alice, 35 * XRP, &sig),
        Ter::tesSUCCESS,
    );
    lab.ledger.advance_time(700);
    lab.fund(&bob, 1);
    let before = lab.balance(&alice);
    // Any transaction on the expired channel closes it.
    lab.expect(&alice, close, Ter::tesSUCCESS);
    assert_eq!(lab.balance(&alice), before + 65 * XRP - 10);
    assert_eq!(lab.owner_count(&alice), 0);
    assert_eq!(lab.owned(&bob), 0);
}

#[test]
fn the_destination_can_close_at_once() {
    let (mut lab, alice, bob) = pair();
    let channel = open(&mut lab, &alice, &bob, 100 * XRP, 600);
    let before = lab.balance(&alice);
    let close =
        json!({"TransactionType": "PaymentChannelClaim", "Channel": channel.id, "Flags": TF_CLOSE});
    lab.expect(&bob, close, Ter::tesSUCCESS);
    assert_eq!(lab.balance(&alice), before + 100 * XRP);
    assert_eq!(lab.owner_count(&alice), 0);
}

#[test]
fn create_rules() {
    let (mut lab, alice, bob) = pair();
    let base = json!({"TransactionType": "PaymentChannelCreate", "Destination": bob.address(), "Amount": "1000000", "SettleDelay": 60, "PublicKey": alice.keys.public_key().to_hex()});
    let mut to_self = base.clone();
    to_self["Destination"] = json!(alice.address());
    lab.expect(&alice, to_self, Ter::temDST_IS_SRC);
    let mut bad_key = base.clone();
    bad_key["PublicKey"] = json!("0011");
    lab.expect(&alice, bad_key, Ter::temMALFORMED);
    let mut too_much = base.clone();
    too_much["Amount"] = json!((1000 * XRP).to_string());
    lab.expect(&alice, too_much, Ter::tecUNFUNDED);
    let mut nobody = base;
    nobody["Destination"] = json!(Wallet::ed(55).address());
    lab.expect(&alice, nobody, Ter::tecNO_DST);
}

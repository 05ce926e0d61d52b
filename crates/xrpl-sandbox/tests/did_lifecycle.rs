//! DIDSet and DIDDelete: a DID is created, updated and deleted, with its owner reserve, the
//! field limits and rippled's result codes.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/didset>.

mod common;

use common::{Lab, Wallet, XRP, find_node};
use serde_json::{Value, json};
use xrpl_sandbox::Ter;
use xrpl_sandbox::proto::keylet;

fn did_set(fields: Value) -> Value {
    let mut tx = json!({"TransactionType": "DIDSet"});
    for (k, v) in fields.as_object().unwrap() {
        tx[k] = v.clone();
    }
    tx
}

fn did_json(lab: &mut Lab, who: &Wallet) -> Value {
    let index = keylet::did(&who.account).to_hex();
    lab.rpc("ledger_entry", json!({"index": index}))
}

#[test]
fn a_did_is_created_updated_and_deleted_and_its_reserve_returns() {
    let mut lab = Lab::new();
    let alice = Wallet::ed(40);
    lab.fund(&alice, 100);
    let fee = lab.ledger.fees().base_fee;

    let created = lab.expect(
        &alice,
        did_set(json!({"URI": "68747470733A2F2F6578616D706C652E636F6D", "Data": "AB"})),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.owner_count(&alice), 1);
    assert_eq!(lab.owned(&alice), 1);
    let meta = created.meta.unwrap();
    let node = find_node(&meta, "CreatedNode", "DID", &alice.address()).unwrap();
    assert_eq!(
        node["NewFields"]["URI"],
        "68747470733A2F2F6578616D706C652E636F6D"
    );
    assert_eq!(node["NewFields"]["Data"], "AB");
    assert!(node["NewFields"].get("DIDDocument").is_none());

    // An update replaces given fields, removes fields given empty and keeps the rest.
    lab.expect(
        &alice,
        did_set(json!({"DIDDocument": "7B7D", "Data": ""})),
        Ter::tesSUCCESS,
    );
    let entry = did_json(&mut lab, &alice);
    assert_eq!(entry["node"]["LedgerEntryType"], "DID");
    assert_eq!(
        entry["node"]["URI"],
        "68747470733A2F2F6578616D706C652E636F6D"
    );
    assert_eq!(entry["node"]["DIDDocument"], "7B7D");
    assert!(entry["node"].get("Data").is_none());
    assert_eq!(lab.owner_count(&alice), 1, "an update takes no new reserve");

    // Emptying every field is refused: a DID is never left empty.
    lab.expect(
        &alice,
        did_set(json!({"URI": "", "DIDDocument": ""})),
        Ter::tecEMPTY_DID,
    );
    assert_eq!(did_json(&mut lab, &alice)["node"]["DIDDocument"], "7B7D");

    let before = lab.balance(&alice);
    let deleted = lab.expect(
        &alice,
        json!({"TransactionType": "DIDDelete"}),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.owner_count(&alice), 0);
    assert_eq!(
        lab.owned(&alice),
        0,
        "the owner directory is gone with its last object"
    );
    assert_eq!(lab.balance(&alice), before - fee);
    let meta = deleted.meta.unwrap();
    assert!(find_node(&meta, "DeletedNode", "DID", &alice.address()).is_some());
    assert_eq!(did_json(&mut lab, &alice)["error"], "entryNotFound");
    let info = lab.rpc("account_info", json!({"account": alice.address()}));
    assert_eq!(info["account_data"]["OwnerCount"], 0);

    lab.expect(
        &alice,
        json!({"TransactionType": "DIDDelete"}),
        Ter::tecNO_ENTRY,
    );
}

#[test]
fn malformed_did_sets_change_nothing() {
    let mut lab = Lab::new();
    let alice = Wallet::ed(41);
    lab.fund(&alice, 100);
    let seq = lab.sequence(&alice);
    let too_long = "AB".repeat(257);
    for (tx, ter) in [
        (did_set(json!({})), Ter::temEMPTY_DID),
        (
            did_set(json!({"URI": "", "DIDDocument": "", "Data": ""})),
            Ter::temEMPTY_DID,
        ),
        (did_set(json!({"URI": too_long})), Ter::temMALFORMED),
        (
            did_set(json!({"Data": "AB".repeat(257)})),
            Ter::temMALFORMED,
        ),
        (
            did_set(json!({"URI": "AB", "Flags": 1})),
            Ter::temINVALID_FLAG,
        ),
    ] {
        let outcome = lab.submit(&alice, tx);
        assert_eq!(outcome.result, ter);
        assert!(!outcome.applied);
    }
    assert_eq!(lab.sequence(&alice), seq);
    assert_eq!(lab.owner_count(&alice), 0);
    // Exactly at the limit is fine.
    lab.expect(
        &alice,
        did_set(json!({"URI": "AB".repeat(256)})),
        Ter::tesSUCCESS,
    );
}

#[test]
fn a_did_needs_the_owner_reserve() {
    let mut lab = Lab::new();
    let alice = Wallet::ed(42);
    let fees = lab.ledger.fees();
    // Enough for the base reserve and a few fees, not for one more object.
    let grant = fees.account_reserve(0) + fees.reserve_increment / 2;
    lab.ledger.faucet(Some(alice.account), grant).unwrap();
    let outcome = lab.expect(
        &alice,
        did_set(json!({"URI": "AB"})),
        Ter::tecINSUFFICIENT_RESERVE,
    );
    assert!(outcome.applied, "a tec is claimed: fee burned");
    assert_eq!(lab.balance(&alice), grant - fees.base_fee);
    assert_eq!(lab.owner_count(&alice), 0);
    assert!(
        lab.ledger
            .state()
            .get(&keylet::did(&alice.account))
            .is_none()
    );
}

#[test]
fn deleting_the_did_frees_its_owner_reserve_for_spending() {
    let mut lab = Lab::new();
    let (alice, bob) = (Wallet::ed(43), Wallet::ed(44));
    lab.fund(&bob, 100);
    let fees = lab.ledger.fees();
    let spare = 5 * fees.base_fee;
    lab.ledger
        .faucet(
            Some(alice.account),
            fees.account_reserve(1) + XRP / 10 + spare,
        )
        .unwrap();
    lab.expect(&alice, did_set(json!({"URI": "AB"})), Ter::tesSUCCESS);
    // With the DID, a payment of its reserve's worth would dip into the reserve.
    let payment = common::pay_xrp(&bob, fees.reserve_increment);
    lab.expect(&alice, payment.clone(), Ter::tecUNFUNDED_PAYMENT);
    lab.expect(
        &alice,
        json!({"TransactionType": "DIDDelete"}),
        Ter::tesSUCCESS,
    );
    lab.expect(&alice, payment, Ter::tesSUCCESS);
}

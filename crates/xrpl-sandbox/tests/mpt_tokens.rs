//! MPTs in the sandbox: issuance create/set/destroy, holder opt-in and issuer authorisation,
//! payments (issuing, between holders with the transfer fee, redeeming), locks, the cap and
//! clawback — with the ledger objects `ledger_entry` and `account_objects` show.
//! Rules: <https://xrpl.org/docs/concepts/tokens/fungible-tokens/multi-purpose-tokens>.

mod common;

use common::{Lab, Wallet};
use serde_json::{Value, json};
use xrpl_proto::amount::MptIssuanceId;
use xrpl_sandbox::Ter;

const CAN_LOCK: u32 = 0x02;
const REQUIRE_AUTH: u32 = 0x04;
const CAN_TRANSFER: u32 = 0x20;
const CAN_CLAWBACK: u32 = 0x40;
const TF_LOCK: u32 = 0x1;
const TF_UNLOCK: u32 = 0x2;
const TF_UNAUTHORIZE: u32 = 0x1;

struct Mpt {
    lab: Lab,
    issuer: Wallet,
    alice: Wallet,
    bob: Wallet,
    id: String,
}

/// An issuer creates an issuance with `flags` and `extra` fields; Alice and Bob are funded.
fn issue(flags: u32, extra: Value) -> Mpt {
    let mut lab = Lab::new();
    let (issuer, alice, bob) = (Wallet::ed(70), Wallet::ed(71), Wallet::ed(72));
    for w in [&issuer, &alice, &bob] {
        lab.fund(w, 100);
    }
    let seq = lab.sequence(&issuer);
    let mut tx = json!({"TransactionType": "MPTokenIssuanceCreate", "Flags": flags});
    for (k, v) in extra.as_object().unwrap() {
        tx[k] = v.clone();
    }
    lab.expect(&issuer, tx, Ter::tesSUCCESS);
    let id = MptIssuanceId::new(seq, issuer.account).to_string();
    Mpt {
        lab,
        issuer,
        alice,
        bob,
        id,
    }
}

fn amount(id: &str, value: u64) -> Value {
    json!({"mpt_issuance_id": id, "value": value.to_string()})
}

fn pay(to: &Wallet, amount: Value) -> Value {
    json!({"TransactionType": "Payment", "Destination": to.address(), "Amount": amount})
}

fn opt_in(id: &str) -> Value {
    json!({"TransactionType": "MPTokenAuthorize", "MPTokenIssuanceID": id})
}

fn held(lab: &mut Lab, id: &str, who: &Wallet) -> u64 {
    let out = lab.rpc(
        "ledger_entry",
        json!({"mptoken": {"mpt_issuance_id": id, "account": who.address()}}),
    );
    out["node"]["MPTAmount"]
        .as_str()
        .map_or(0, |v| v.parse().unwrap())
}

fn outstanding(lab: &mut Lab, id: &str) -> u64 {
    let out = lab.rpc("ledger_entry", json!({"mpt_issuance": id}));
    out["node"]["OutstandingAmount"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn an_issuance_records_its_terms() {
    let Mpt {
        mut lab,
        issuer,
        id,
        ..
    } = issue(
        CAN_TRANSFER | CAN_LOCK,
        json!({"AssetScale": 2, "MaximumAmount": "1000000", "TransferFee": 500, "MPTokenMetadata": "7B7D"}),
    );
    let entry = lab.rpc("ledger_entry", json!({"mpt_issuance": id}));
    let node = &entry["node"];
    assert_eq!(node["LedgerEntryType"], "MPTokenIssuance");
    assert_eq!(node["Issuer"], issuer.address());
    assert_eq!(node["AssetScale"], 2);
    assert_eq!(node["MaximumAmount"], "1000000");
    assert_eq!(node["OutstandingAmount"], "0");
    assert_eq!(node["TransferFee"], 500);
    assert_eq!(node["MPTokenMetadata"], "7B7D");
    assert_eq!(node["Flags"], CAN_TRANSFER | CAN_LOCK);
    assert_eq!(lab.owner_count(&issuer), 1);
    let objects = lab.rpc(
        "account_objects",
        json!({"account": issuer.address(), "type": "mpt_issuance"}),
    );
    assert_eq!(objects["account_objects"].as_array().unwrap().len(), 1);
}

#[test]
fn malformed_issuances_are_refused() {
    let mut lab = Lab::new();
    let issuer = Wallet::ed(73);
    lab.fund(&issuer, 100);
    let create = |flags: u32, extra: Value| {
        let mut tx = json!({"TransactionType": "MPTokenIssuanceCreate", "Flags": flags});
        for (k, v) in extra.as_object().unwrap() {
            tx[k] = v.clone();
        }
        tx
    };
    for (tx, ter) in [
        (
            create(CAN_TRANSFER, json!({"TransferFee": 50_001})),
            Ter::temBAD_TRANSFER_FEE,
        ),
        (create(0, json!({"TransferFee": 10})), Ter::temMALFORMED),
        (create(0, json!({"MaximumAmount": "0"})), Ter::temMALFORMED),
        (
            create(0, json!({"MPTokenMetadata": "AB".repeat(1025)})),
            Ter::temMALFORMED,
        ),
        (create(0x1, json!({})), Ter::temINVALID_FLAG),
    ] {
        assert_eq!(lab.submit(&issuer, tx).result, ter);
    }
    assert_eq!(lab.owner_count(&issuer), 0);
}

#[test]
fn a_holder_cannot_receive_before_opting_in() {
    let Mpt {
        mut lab,
        issuer,
        alice,
        id,
        ..
    } = issue(CAN_TRANSFER, json!({}));
    let outcome = lab.expect(&issuer, pay(&alice, amount(&id, 50)), Ter::tecNO_AUTH);
    assert!(outcome.applied);
    assert_eq!(outstanding(&mut lab, &id), 0);

    lab.expect(&alice, opt_in(&id), Ter::tesSUCCESS);
    lab.expect(&alice, opt_in(&id), Ter::tecDUPLICATE);
    assert_eq!(lab.owner_count(&alice), 1);
    let paid = lab.expect(&issuer, pay(&alice, amount(&id, 50)), Ter::tesSUCCESS);
    assert_eq!(held(&mut lab, &id, &alice), 50);
    assert_eq!(outstanding(&mut lab, &id), 50);
    assert_eq!(paid.meta.unwrap()["delivered_amount"], amount(&id, 50));
    let objects = lab.rpc(
        "account_objects",
        json!({"account": alice.address(), "type": "mptoken"}),
    );
    assert_eq!(objects["account_objects"][0]["MPTokenIssuanceID"], id);
}

#[test]
fn require_auth_needs_the_issuers_approval() {
    let Mpt {
        mut lab,
        issuer,
        alice,
        bob,
        id,
    } = issue(REQUIRE_AUTH | CAN_TRANSFER, json!({}));
    lab.expect(&alice, opt_in(&id), Ter::tesSUCCESS);
    lab.expect(&issuer, pay(&alice, amount(&id, 10)), Ter::tecNO_AUTH);
    let approve = json!({"TransactionType": "MPTokenAuthorize", "MPTokenIssuanceID": id, "Holder": alice.address()});
    // Bob has no MPToken to approve.
    lab.expect(
        &issuer,
        json!({"TransactionType": "MPTokenAuthorize", "MPTokenIssuanceID": id, "Holder": bob.address()}),
        Ter::tecOBJECT_NOT_FOUND,
    );
    lab.expect(&bob, approve.clone(), Ter::tecNO_PERMISSION);
    lab.expect(&issuer, approve, Ter::tesSUCCESS);
    lab.expect(&issuer, pay(&alice, amount(&id, 10)), Ter::tesSUCCESS);
    assert_eq!(held(&mut lab, &id, &alice), 10);
    // Revoked: the holder can no longer receive.
    lab.expect(
        &issuer,
        json!({"TransactionType": "MPTokenAuthorize", "MPTokenIssuanceID": id, "Holder": alice.address(), "Flags": TF_UNAUTHORIZE}),
        Ter::tesSUCCESS,
    );
    lab.expect(&issuer, pay(&alice, amount(&id, 10)), Ter::tecNO_AUTH);
    assert_eq!(held(&mut lab, &id, &alice), 10);
}

#[test]
fn holders_pay_each_other_with_the_transfer_fee_on_top() {
    // 1,000 tenths of a basis point = 1%.
    let Mpt {
        mut lab,
        issuer,
        alice,
        bob,
        id,
    } = issue(CAN_TRANSFER, json!({"TransferFee": 1000}));
    lab.expect(&alice, opt_in(&id), Ter::tesSUCCESS);
    lab.expect(&bob, opt_in(&id), Ter::tesSUCCESS);
    lab.expect(&issuer, pay(&alice, amount(&id, 1000)), Ter::tesSUCCESS);
    // Delivering 100 costs 101: without SendMax covering the fee the payment falls short.
    lab.expect(&alice, pay(&bob, amount(&id, 100)), Ter::tecPATH_PARTIAL);
    let mut tx = pay(&bob, amount(&id, 100));
    tx["SendMax"] = amount(&id, 101);
    lab.expect(&alice, tx, Ter::tesSUCCESS);
    let fee = 100 * 1000 / 100_000;
    assert_eq!(held(&mut lab, &id, &alice), 1000 - 100 - fee);
    assert_eq!(held(&mut lab, &id, &bob), 100);
    assert_eq!(
        outstanding(&mut lab, &id),
        1000 - fee,
        "the fee is redeemed"
    );
    // Paying the issuer back carries no fee.
    lab.expect(&bob, pay(&issuer, amount(&id, 100)), Ter::tesSUCCESS);
    assert_eq!(held(&mut lab, &id, &bob), 0);
    assert_eq!(outstanding(&mut lab, &id), 1000 - fee - 100);
}

#[test]
fn without_can_transfer_only_the_issuer_is_a_counterparty() {
    let Mpt {
        mut lab,
        issuer,
        alice,
        bob,
        id,
    } = issue(0, json!({}));
    lab.expect(&alice, opt_in(&id), Ter::tesSUCCESS);
    lab.expect(&bob, opt_in(&id), Ter::tesSUCCESS);
    lab.expect(&issuer, pay(&alice, amount(&id, 10)), Ter::tesSUCCESS);
    lab.expect(&alice, pay(&bob, amount(&id, 5)), Ter::tecNO_AUTH);
    lab.expect(&alice, pay(&issuer, amount(&id, 5)), Ter::tesSUCCESS);
    assert_eq!(held(&mut lab, &id, &alice), 5);
}

#[test]
fn a_locked_mpt_cannot_move_between_holders() {
    let Mpt {
        mut lab,
        issuer,
        alice,
        bob,
        id,
    } = issue(CAN_TRANSFER | CAN_LOCK, json!({}));
    lab.expect(&alice, opt_in(&id), Ter::tesSUCCESS);
    lab.expect(&bob, opt_in(&id), Ter::tesSUCCESS);
    lab.expect(&issuer, pay(&alice, amount(&id, 10)), Ter::tesSUCCESS);
    let set = |flags: u32, holder: Option<&Wallet>| {
        let mut tx = json!({"TransactionType": "MPTokenIssuanceSet", "MPTokenIssuanceID": id, "Flags": flags});
        if let Some(h) = holder {
            tx["Holder"] = json!(h.address());
        }
        tx
    };
    // Lock Alice alone.
    lab.expect(&issuer, set(TF_LOCK, Some(&alice)), Ter::tesSUCCESS);
    lab.expect(&alice, pay(&bob, amount(&id, 1)), Ter::tecLOCKED);
    lab.expect(&issuer, set(TF_UNLOCK, Some(&alice)), Ter::tesSUCCESS);
    lab.expect(&alice, pay(&bob, amount(&id, 1)), Ter::tesSUCCESS);
    // Lock the whole issuance.
    lab.expect(&issuer, set(TF_LOCK, None), Ter::tesSUCCESS);
    let entry = lab.rpc("ledger_entry", json!({"mpt_issuance": id}));
    assert_eq!(entry["node"]["Flags"].as_u64().unwrap() & 1, 1);
    lab.expect(&bob, pay(&alice, amount(&id, 1)), Ter::tecLOCKED);
    lab.expect(&alice, pay(&bob, amount(&id, 1)), Ter::tecLOCKED);
    assert_eq!(held(&mut lab, &id, &alice), 9);
    assert_eq!(held(&mut lab, &id, &bob), 1);
    // Only the issuer may lock, and only a lockable issuance.
    lab.expect(&alice, set(TF_UNLOCK, None), Ter::tecNO_PERMISSION);
    lab.expect(
        &issuer,
        set(TF_LOCK | TF_UNLOCK, None),
        Ter::temINVALID_FLAG,
    );
}

#[test]
fn a_non_lockable_issuance_cannot_be_locked() {
    let Mpt {
        mut lab,
        issuer,
        id,
        ..
    } = issue(CAN_TRANSFER, json!({}));
    lab.expect(
        &issuer,
        json!({"TransactionType": "MPTokenIssuanceSet", "MPTokenIssuanceID": id, "Flags": TF_LOCK}),
        Ter::tecNO_PERMISSION,
    );
}

#[test]
fn the_cap_bounds_what_is_outstanding() {
    let Mpt {
        mut lab,
        issuer,
        alice,
        id,
        ..
    } = issue(0, json!({"MaximumAmount": "100"}));
    lab.expect(&alice, opt_in(&id), Ter::tesSUCCESS);
    lab.expect(&issuer, pay(&alice, amount(&id, 60)), Ter::tesSUCCESS);
    lab.expect(&issuer, pay(&alice, amount(&id, 41)), Ter::tecPATH_PARTIAL);
    lab.expect(&issuer, pay(&alice, amount(&id, 40)), Ter::tesSUCCESS);
    assert_eq!(outstanding(&mut lab, &id), 100);
}

#[test]
fn clawback_takes_units_back_only_when_allowed() {
    let Mpt {
        mut lab,
        issuer,
        alice,
        id,
        ..
    } = issue(CAN_CLAWBACK, json!({}));
    lab.expect(&alice, opt_in(&id), Ter::tesSUCCESS);
    lab.expect(&issuer, pay(&alice, amount(&id, 30)), Ter::tesSUCCESS);
    let claw = |v: u64| json!({"TransactionType": "Clawback", "Amount": amount(&id, v), "Holder": alice.address()});
    lab.expect(&issuer, claw(10), Ter::tesSUCCESS);
    assert_eq!(held(&mut lab, &id, &alice), 20);
    // More than held takes what there is.
    lab.expect(&issuer, claw(1000), Ter::tesSUCCESS);
    assert_eq!(held(&mut lab, &id, &alice), 0);
    assert_eq!(outstanding(&mut lab, &id), 0);
    lab.expect(&issuer, claw(1), Ter::tecINSUFFICIENT_FUNDS);

    let Mpt {
        mut lab,
        issuer,
        alice,
        id,
        ..
    } = issue(0, json!({}));
    lab.expect(&alice, opt_in(&id), Ter::tesSUCCESS);
    lab.expect(&issuer, pay(&alice, amount(&id, 30)), Ter::tesSUCCESS);
    lab.expect(
        &issuer,
        json!({"TransactionType": "Clawback", "Amount": amount(&id, 1), "Holder": alice.address()}),
        Ter::tecNO_PERMISSION,
    );
}

#[test]
fn an_issuance_is_destroyed_only_when_nothing_is_outstanding() {
    let Mpt {
        mut lab,
        issuer,
        alice,
        id,
        ..
    } = issue(0, json!({}));
    lab.expect(&alice, opt_in(&id), Ter::tesSUCCESS);
    lab.expect(&issuer, pay(&alice, amount(&id, 5)), Ter::tesSUCCESS);
    let destroy = json!({"TransactionType": "MPTokenIssuanceDestroy", "MPTokenIssuanceID": id});
    lab.expect(&issuer, destroy.clone(), Ter::tecHAS_OBLIGATIONS);
    let opt_out = json!({"TransactionType": "MPTokenAuthorize", "MPTokenIssuanceID": id, "Flags": TF_UNAUTHORIZE});
    lab.expect(&alice, opt_out.clone(), Ter::tecHAS_OBLIGATIONS);
    lab.expect(&alice, pay(&issuer, amount(&id, 5)), Ter::tesSUCCESS);
    lab.expect(&alice, opt_out, Ter::tesSUCCESS);
    assert_eq!(lab.owner_count(&alice), 0);
    lab.expect(&alice, destroy.clone(), Ter::tecNO_PERMISSION);
    lab.expect(&issuer, destroy.clone(), Ter::tesSUCCESS);
    assert_eq!(lab.owner_count(&issuer), 0);
    assert_eq!(
        lab.rpc("ledger_entry", json!({"mpt_issuance": id}))["error"],
        "entryNotFound"
    );
    lab.expect(&issuer, destroy, Ter::tecOBJECT_NOT_FOUND);
}

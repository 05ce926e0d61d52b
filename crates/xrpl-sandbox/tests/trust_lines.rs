//! TrustSet: lines, limits, reserves and owner counts, NoRipple, freeze and authorisation.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/trustset>,
//! <https://xrpl.org/docs/concepts/accounts/reserves#owner-reserves> (the first two objects),
//! <https://xrpl.org/docs/concepts/tokens/fungible-tokens/freezes>,
//! <https://xrpl.org/docs/concepts/tokens/fungible-tokens/authorized-trust-lines>.

mod common;

use common::{Lab, Wallet, XRP, cur, iou, pay_iou, set_flag, trust};
use serde_json::json;
use xrpl_sandbox::Ter;
use xrpl_sandbox::ledger::ripple_state::flags as line_flags;

const ASF_REQUIRE_AUTH: u32 = 2;
const ASF_NO_FREEZE: u32 = 6;
const ASF_DEFAULT_RIPPLE: u32 = 8;
const TF_SET_AUTH: u32 = 0x0001_0000;
const TF_SET_NO_RIPPLE: u32 = 0x0002_0000;
const TF_SET_FREEZE: u32 = 0x0010_0000;
const TF_CLEAR_FREEZE: u32 = 0x0020_0000;

fn setup() -> (Lab, Wallet, Wallet) {
    let mut lab = Lab::new();
    let (issuer, holder) = (Wallet::ed(10), Wallet::ed(11));
    lab.fund(&issuer, 1000);
    lab.fund(&holder, 1000);
    (lab, issuer, holder)
}

#[test]
fn a_new_line_is_owned_by_the_holder_and_listed_for_both() {
    let (mut lab, issuer, holder) = setup();
    let outcome = lab.expect(&holder, trust(&issuer, "USD", "1000"), Ter::tesSUCCESS);
    assert_eq!(lab.owner_count(&holder), 1);
    assert_eq!(
        lab.owner_count(&issuer),
        0,
        "the issuer pays no reserve for a holder's line"
    );
    assert_eq!((lab.owned(&holder), lab.owned(&issuer)), (1, 1));
    let line = lab
        .ledger
        .trust_line(&holder.account, &issuer.account, &cur("USD"))
        .unwrap();
    assert_eq!(line.limit_of(&holder.account).to_string(), "1000");
    assert_eq!(line.limit_of(&issuer.account).to_string(), "0");
    assert!(line.has(line.side(&holder.account).reserve));
    // The issuer never set DefaultRipple, so its side starts NoRipple.
    assert!(line.has(line.side(&issuer.account).no_ripple));
    assert!(!line.has(line.side(&holder.account).no_ripple));

    let meta = outcome.meta.unwrap();
    let nodes = meta["AffectedNodes"].as_array().unwrap();
    let created: Vec<_> = nodes
        .iter()
        .filter_map(|n| n.get("CreatedNode"))
        .map(|n| n["LedgerEntryType"].as_str().unwrap())
        .collect();
    assert_eq!(created.iter().filter(|t| **t == "DirectoryNode").count(), 2);
    assert!(created.contains(&"RippleState"));
    let line_node = nodes
        .iter()
        .find_map(|n| {
            n.get("CreatedNode")
                .filter(|c| c["LedgerEntryType"] == "RippleState")
        })
        .unwrap();
    assert_eq!(line_node["NewFields"]["Balance"]["value"], "0");
    assert_eq!(
        line_node["NewFields"]["Balance"]["issuer"],
        "rrrrrrrrrrrrrrrrrrrrBZbvji"
    );

    let lines = lab.rpc("account_lines", json!({"account": holder.address()}));
    assert_eq!(lines["lines"][0]["account"], issuer.address());
    assert_eq!(lines["lines"][0]["limit"], "1000");
    assert_eq!(lines["lines"][0]["no_ripple_peer"], true);
    let objects = lab.rpc(
        "account_objects",
        json!({"account": issuer.address(), "type": "state"}),
    );
    assert_eq!(objects["account_objects"].as_array().unwrap().len(), 1);
}

#[test]
fn default_ripple_on_the_issuer_leaves_its_side_rippling() {
    let (mut lab, issuer, holder) = setup();
    lab.expect(&issuer, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    lab.expect(&holder, trust(&issuer, "USD", "1000"), Ter::tesSUCCESS);
    let line = lab
        .ledger
        .trust_line(&holder.account, &issuer.account, &cur("USD"))
        .unwrap();
    assert!(!line.has(line_flags::LOW_NO_RIPPLE) && !line.has(line_flags::HIGH_NO_RIPPLE));
}

#[test]
fn the_first_two_objects_need_no_reserve_the_third_does() {
    let mut lab = Lab::new();
    let holder = Wallet::ed(11);
    let issuers: Vec<Wallet> = (20..23).map(Wallet::ed).collect();
    for issuer in &issuers {
        lab.fund(issuer, 100);
    }
    lab.ledger
        .faucet(Some(holder.account), XRP + XRP / 2)
        .unwrap();
    lab.expect(&holder, trust(&issuers[0], "USD", "10"), Ter::tesSUCCESS);
    lab.expect(&holder, trust(&issuers[1], "USD", "10"), Ter::tesSUCCESS);
    // The third line needs reserve(3) = 1.6 XRP; the holder has ~1.5.
    lab.expect(
        &holder,
        trust(&issuers[2], "USD", "10"),
        Ter::tecNO_LINE_INSUF_RESERVE,
    );
    assert_eq!(lab.owner_count(&holder), 2);
    assert!(!lab.has_line(&holder, &issuers[2], "USD"));
}

#[test]
fn back_to_default_deletes_the_line_and_releases_the_reserve() {
    let (mut lab, issuer, holder) = setup();
    lab.expect(
        &holder,
        trust(&issuer, "USD", "0"),
        Ter::tecNO_LINE_REDUNDANT,
    );
    lab.expect(&holder, trust(&issuer, "USD", "1000"), Ter::tesSUCCESS);
    // Without DefaultRipple an account's default is NoRipple *on*: a zero limit alone still
    // leaves the holder's side non-default, so the line (and its reserve) stays.
    lab.expect(&holder, trust(&issuer, "USD", "0"), Ter::tesSUCCESS);
    assert!(lab.has_line(&holder, &issuer, "USD"));
    assert_eq!(lab.owner_count(&holder), 1);
    let mut to_default = trust(&issuer, "USD", "0");
    to_default["Flags"] = json!(TF_SET_NO_RIPPLE);
    let outcome = lab.expect(&holder, to_default, Ter::tesSUCCESS);
    assert!(!lab.has_line(&holder, &issuer, "USD"));
    assert_eq!(lab.owner_count(&holder), 0);
    assert_eq!((lab.owned(&holder), lab.owned(&issuer)), (0, 0));
    let meta = outcome.meta.unwrap();
    let deleted: Vec<_> = meta["AffectedNodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n.get("DeletedNode"))
        .map(|n| n["LedgerEntryType"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        deleted.len(),
        3,
        "the line and both (now empty) owner directories: {deleted:?}"
    );
}

#[test]
fn a_line_holding_tokens_survives_a_zero_limit() {
    let (mut lab, issuer, holder) = setup();
    lab.expect(&holder, trust(&issuer, "USD", "1000"), Ter::tesSUCCESS);
    lab.expect(
        &issuer,
        pay_iou(&holder, iou(&issuer, "USD", "25")),
        Ter::tesSUCCESS,
    );
    let mut to_default = trust(&issuer, "USD", "0");
    to_default["Flags"] = json!(TF_SET_NO_RIPPLE);
    lab.expect(&holder, to_default, Ter::tesSUCCESS);
    assert_eq!(lab.iou_balance(&holder, &issuer, "USD"), "25");
    assert_eq!(lab.owner_count(&holder), 1);
    // Redeeming everything then leaves the holder's side default: the line goes away.
    lab.expect(
        &holder,
        pay_iou(&issuer, iou(&issuer, "USD", "25")),
        Ter::tesSUCCESS,
    );
    assert!(!lab.has_line(&holder, &issuer, "USD"));
    assert_eq!(lab.owner_count(&holder), 0);
}

#[test]
fn malformed_trust_sets() {
    let (mut lab, issuer, holder) = setup();
    let ghost = Wallet::ed(99);
    lab.expect(&holder, trust(&issuer, "USD", "-1"), Ter::temBAD_LIMIT);
    lab.expect(&holder, trust(&holder, "USD", "10"), Ter::temDST_IS_SRC);
    lab.expect(
        &holder,
        json!({"TransactionType": "TrustSet", "LimitAmount": "1000"}),
        Ter::temBAD_LIMIT,
    );
    let mut flagged = trust(&issuer, "USD", "10");
    flagged["Flags"] = json!(1);
    lab.expect(&holder, flagged, Ter::temINVALID_FLAG);
    lab.expect(&holder, trust(&ghost, "USD", "10"), Ter::tecNO_DST);
    assert_eq!(lab.owner_count(&holder), 0);
}

#[test]
fn freezing_and_no_freeze() {
    let (mut lab, issuer, holder) = setup();
    lab.expect(&holder, trust(&issuer, "USD", "1000"), Ter::tesSUCCESS);
    let mut freeze = trust(&holder, "USD", "0");
    freeze["Flags"] = json!(TF_SET_FREEZE);
    lab.expect(&issuer, freeze.clone(), Ter::tesSUCCESS);
    let line = lab
        .ledger
        .trust_line(&holder.account, &issuer.account, &cur("USD"))
        .unwrap();
    assert!(line.has(line.side(&issuer.account).freeze));
    let lines = lab.rpc("account_lines", json!({"account": holder.address()}));
    assert_eq!(lines["lines"][0]["freeze_peer"], true);
    // A freeze is a non-default setting: the issuer now holds a reserve for the line.
    assert_eq!(lab.owner_count(&issuer), 1);
    let mut unfreeze = trust(&holder, "USD", "0");
    unfreeze["Flags"] = json!(TF_CLEAR_FREEZE);
    lab.expect(&issuer, unfreeze, Ter::tesSUCCESS);
    assert_eq!(lab.owner_count(&issuer), 0);
    // After NoFreeze the issuer may never freeze again.
    lab.expect(&issuer, set_flag(ASF_NO_FREEZE), Ter::tesSUCCESS);
    lab.expect(&issuer, freeze, Ter::tecNO_PERMISSION);
}

#[test]
fn authorised_lines() {
    let (mut lab, issuer, holder) = setup();
    let mut authorise = trust(&holder, "USD", "0");
    authorise["Flags"] = json!(TF_SET_AUTH);
    lab.expect(&issuer, authorise.clone(), Ter::tefNO_AUTH_REQUIRED);
    lab.expect(&issuer, set_flag(ASF_REQUIRE_AUTH), Ter::tesSUCCESS);
    lab.expect(&holder, trust(&issuer, "USD", "1000"), Ter::tesSUCCESS);
    lab.expect(
        &issuer,
        pay_iou(&holder, iou(&issuer, "USD", "5")),
        Ter::tecPATH_DRY,
    );
    lab.expect(&issuer, authorise, Ter::tesSUCCESS);
    lab.expect(
        &issuer,
        pay_iou(&holder, iou(&issuer, "USD", "5")),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.iou_balance(&holder, &issuer, "USD"), "5");
    let lines = lab.rpc("account_lines", json!({"account": holder.address()}));
    assert_eq!(lines["lines"][0]["peer_authorized"], true);
}

#[test]
fn require_auth_only_before_owning_anything() {
    let (mut lab, issuer, holder) = setup();
    lab.expect(&holder, trust(&issuer, "USD", "1000"), Ter::tesSUCCESS);
    // The issuer's owner directory lists the holder's line.
    lab.expect(&issuer, set_flag(ASF_REQUIRE_AUTH), Ter::tecOWNERS);
}

#[test]
fn no_ripple_cannot_be_set_by_a_side_that_owes() {
    let (mut lab, issuer, holder) = setup();
    lab.expect(&holder, trust(&issuer, "USD", "1000"), Ter::tesSUCCESS);
    lab.expect(
        &issuer,
        pay_iou(&holder, iou(&issuer, "USD", "10")),
        Ter::tesSUCCESS,
    );
    let mut no_ripple = trust(&holder, "USD", "0");
    no_ripple["Flags"] = json!(TF_SET_NO_RIPPLE);
    lab.expect(&issuer, no_ripple, Ter::tecNO_PERMISSION);
    let mut mine = trust(&issuer, "USD", "1000");
    mine["Flags"] = json!(TF_SET_NO_RIPPLE);
    lab.expect(&holder, mine, Ter::tesSUCCESS);
}

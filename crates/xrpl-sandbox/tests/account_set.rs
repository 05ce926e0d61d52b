//! AccountSet flags and fields, SetRegularKey, and signing authority.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/accountset>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/setregularkey>,
//! <https://xrpl.org/docs/concepts/accounts/cryptographic-keys>.

mod common;

use common::{Lab, Wallet, XRP, pay_xrp, set_flag};
use serde_json::json;
use xrpl_sandbox::Ter;
use xrpl_sandbox::ledger::account_root::flags as lsf;

const ASF_DISALLOW_XRP: u32 = 3;
const ASF_DISABLE_MASTER: u32 = 4;
const ASF_NO_FREEZE: u32 = 6;
const ASF_GLOBAL_FREEZE: u32 = 7;
const ASF_DEFAULT_RIPPLE: u32 = 8;
const ASF_DEPOSIT_AUTH: u32 = 9;

fn clear_flag(flag: u32) -> serde_json::Value {
    json!({"TransactionType": "AccountSet", "ClearFlag": flag})
}

fn flags(lab: &Lab, wallet: &Wallet) -> u32 {
    lab.ledger.account(&wallet.account).unwrap().flags
}

#[test]
fn flags_set_and_clear() {
    let mut lab = Lab::new();
    let alice = Wallet::ed(1);
    lab.fund(&alice, 100);
    for (asf, bit) in [
        (ASF_DISALLOW_XRP, lsf::DISALLOW_XRP),
        (ASF_DEFAULT_RIPPLE, lsf::DEFAULT_RIPPLE),
        (ASF_DEPOSIT_AUTH, lsf::DEPOSIT_AUTH),
        (ASF_GLOBAL_FREEZE, lsf::GLOBAL_FREEZE),
    ] {
        let outcome = lab.expect(&alice, set_flag(asf), Ter::tesSUCCESS);
        assert_ne!(flags(&lab, &alice) & bit, 0, "asf {asf}");
        let meta = outcome.meta.unwrap();
        let node = &meta["AffectedNodes"][0]["ModifiedNode"];
        assert_eq!(node["FinalFields"]["Flags"], flags(&lab, &alice));
        lab.expect(&alice, clear_flag(asf), Ter::tesSUCCESS);
        assert_eq!(flags(&lab, &alice) & bit, 0, "asf {asf}");
    }
    lab.expect(
        &alice,
        json!({"TransactionType": "AccountSet", "SetFlag": ASF_DEFAULT_RIPPLE, "ClearFlag": ASF_DEFAULT_RIPPLE}),
        Ter::temINVALID_FLAG,
    );
}

#[test]
fn no_freeze_is_permanent_and_pins_a_global_freeze() {
    let mut lab = Lab::new();
    let issuer = Wallet::ed(1);
    lab.fund(&issuer, 100);
    lab.expect(&issuer, set_flag(ASF_GLOBAL_FREEZE), Ter::tesSUCCESS);
    lab.expect(&issuer, set_flag(ASF_NO_FREEZE), Ter::tesSUCCESS);
    lab.expect(&issuer, clear_flag(ASF_NO_FREEZE), Ter::tesSUCCESS);
    lab.expect(&issuer, clear_flag(ASF_GLOBAL_FREEZE), Ter::tesSUCCESS);
    let f = flags(&lab, &issuer);
    assert_ne!(f & lsf::NO_FREEZE, 0);
    assert_ne!(
        f & lsf::GLOBAL_FREEZE,
        0,
        "the global freeze stays once NoFreeze is set"
    );
}

#[test]
fn fields_domain_transfer_rate_tick_size() {
    let mut lab = Lab::new();
    let alice = Wallet::ed(1);
    lab.fund(&alice, 100);
    let domain = hex::encode_upper("example.com");
    lab.expect(
        &alice,
        json!({"TransactionType": "AccountSet", "Domain": domain, "TransferRate": 1_002_000_000u32, "TickSize": 5}),
        Ter::tesSUCCESS,
    );
    let info = lab.rpc("account_info", json!({"account": alice.address()}));
    assert_eq!(info["account_data"]["Domain"], domain);
    assert_eq!(info["account_data"]["TransferRate"], 1_002_000_000u32);
    assert_eq!(info["account_data"]["TickSize"], 5);
    // Setting the neutral values removes the fields.
    lab.expect(
        &alice,
        json!({"TransactionType": "AccountSet", "Domain": "", "TransferRate": 1_000_000_000u32, "TickSize": 0}),
        Ter::tesSUCCESS,
    );
    let info = lab.rpc("account_info", json!({"account": alice.address()}));
    for field in ["Domain", "TransferRate", "TickSize"] {
        assert!(info["account_data"].get(field).is_none(), "{field}");
    }
    for (tx, ter) in [
        (
            json!({"TransactionType": "AccountSet", "TransferRate": 999_999_999u32}),
            Ter::temBAD_TRANSFER_RATE,
        ),
        (
            json!({"TransactionType": "AccountSet", "TransferRate": 2_000_000_001u32}),
            Ter::temBAD_TRANSFER_RATE,
        ),
        (
            json!({"TransactionType": "AccountSet", "TickSize": 2}),
            Ter::temBAD_TICK_SIZE,
        ),
        (
            // rippled's range is 3..=16 (Quality::maxTickSize, Offer_test testTickSize): 16
            // means "every digit" and clears the field; 17 is out of range.
            json!({"TransactionType": "AccountSet", "TickSize": 17}),
            Ter::temBAD_TICK_SIZE,
        ),
    ] {
        lab.expect(&alice, tx, ter);
    }
}

#[test]
fn regular_key_and_disabling_the_master_key() {
    let mut lab = Lab::new();
    let (alice, spare, bob) = (Wallet::ed(1), Wallet::secp(2), Wallet::ed(3));
    lab.fund(&alice, 100);
    lab.fund(&bob, 100);
    // Nothing else could sign yet.
    lab.expect(
        &alice,
        set_flag(ASF_DISABLE_MASTER),
        Ter::tecNO_ALTERNATIVE_KEY,
    );
    lab.expect(
        &alice,
        json!({"TransactionType": "SetRegularKey", "RegularKey": alice.address()}),
        Ter::temBAD_REGKEY,
    );
    lab.expect(
        &alice,
        json!({"TransactionType": "SetRegularKey", "RegularKey": spare.address()}),
        Ter::tesSUCCESS,
    );
    // The regular key signs for alice.
    let mut tx = pay_xrp(&bob, XRP);
    tx["Account"] = json!(alice.address());
    tx["Sequence"] = json!(lab.sequence(&alice));
    tx["Fee"] = json!("10");
    let blob = lab.sign(&spare, &tx);
    assert_eq!(lab.ledger.submit(&blob).unwrap().result, Ter::tesSUCCESS);
    // Only the master key may disable the master key.
    let mut disable = set_flag(ASF_DISABLE_MASTER);
    disable["Account"] = json!(alice.address());
    disable["Sequence"] = json!(lab.sequence(&alice));
    disable["Fee"] = json!("10");
    let blob = lab.sign(&spare, &disable);
    assert_eq!(
        lab.ledger.submit(&blob).unwrap().result,
        Ter::tecNEED_MASTER_KEY
    );
    lab.expect(&alice, set_flag(ASF_DISABLE_MASTER), Ter::tesSUCCESS);
    lab.expect(&alice, pay_xrp(&bob, XRP), Ter::tefMASTER_DISABLED);
    // And the regular key can no longer be removed.
    let mut remove = json!({"TransactionType": "SetRegularKey"});
    remove["Account"] = json!(alice.address());
    remove["Sequence"] = json!(lab.sequence(&alice));
    remove["Fee"] = json!("10");
    let blob = lab.sign(&spare, &remove);
    assert_eq!(
        lab.ledger.submit(&blob).unwrap().result,
        Ter::tecNO_ALTERNATIVE_KEY
    );
    assert_eq!(lab.balance(&bob), 101 * XRP);
}

#[test]
fn deposit_auth_blocks_unauthorised_xrp_above_the_reserve() {
    let mut lab = Lab::new();
    let (alice, bob) = (Wallet::ed(1), Wallet::ed(2));
    lab.fund(&alice, 100);
    lab.fund(&bob, 100);
    lab.expect(&bob, set_flag(ASF_DEPOSIT_AUTH), Ter::tesSUCCESS);
    lab.expect(&alice, pay_xrp(&bob, XRP), Ter::tecNO_PERMISSION);
    assert_eq!(lab.balance(&bob), 100 * XRP - 10);
}

//! The `NetworkID` rule: a network whose id is 1024 or less (the main network, Testnet, and a
//! sandbox by default) refuses a transaction that names a network; a network above 1024 refuses
//! one that does not name it, or names another. Refused locally (`tel`): nothing is charged.
//! Rule: <https://xrpl.org/docs/references/protocol/transactions/common-fields#networkid-field>.

mod common;

use common::{Lab, T0, Wallet, XRP, pay_xrp};
use serde_json::json;
use xrpl_sandbox::Ter;
use xrpl_sandbox::ledger::settings::{ClockSource, LedgerConfig};

fn on_network(id: Option<u32>) -> (Lab, Wallet, Wallet) {
    let mut lab = Lab::with_config(LedgerConfig {
        network_id: id,
        clock: ClockSource::Fixed(T0),
        ..LedgerConfig::default()
    });
    let (alice, bob) = (Wallet::ed(1), Wallet::ed(2));
    lab.fund(&alice, 100);
    lab.fund(&bob, 100);
    (lab, alice, bob)
}

fn payment(to: &Wallet, network: Option<u32>) -> serde_json::Value {
    let mut tx = pay_xrp(to, XRP);
    if let Some(id) = network {
        tx["NetworkID"] = json!(id);
    }
    tx
}

#[test]
fn a_legacy_network_refuses_a_network_id_even_its_own() {
    for ours in [None, Some(1), Some(1024)] {
        let (mut lab, alice, bob) = on_network(ours);
        let before = lab.balance(&alice);
        for theirs in [0, 1, 1024, 21338] {
            lab.expect(
                &alice,
                payment(&bob, Some(theirs)),
                Ter::telNETWORK_ID_MAKES_TX_NON_CANONICAL,
            );
        }
        assert_eq!(lab.balance(&alice), before, "a tel result charges nothing");
        lab.expect(&alice, payment(&bob, None), Ter::tesSUCCESS);
    }
}

#[test]
fn a_newer_network_requires_its_own_id() {
    let (mut lab, alice, bob) = on_network(Some(21338));
    let before = lab.balance(&alice);
    let sequence = lab.sequence(&alice);
    lab.expect(&alice, payment(&bob, None), Ter::telREQUIRES_NETWORK_ID);
    lab.expect(&alice, payment(&bob, Some(1)), Ter::telWRONG_NETWORK);
    lab.expect(&alice, payment(&bob, Some(21339)), Ter::telWRONG_NETWORK);
    assert_eq!(lab.balance(&alice), before);
    assert_eq!(lab.sequence(&alice), sequence, "no sequence consumed");
    lab.expect(&alice, payment(&bob, Some(21338)), Ter::tesSUCCESS);
    assert_eq!(lab.balance(&alice), before - XRP - 10);
}

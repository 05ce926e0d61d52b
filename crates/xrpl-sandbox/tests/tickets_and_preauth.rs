//! Tickets (sequence numbers set aside) and deposit preauthorisation.
//! Rules: <https://xrpl.org/docs/concepts/accounts/tickets>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/depositpreauth>.

mod common;

use common::{Lab, Wallet, XRP, pay_xrp, set_flag};
use serde_json::json;
use xrpl_sandbox::Ter;

const ASF_DEPOSIT_AUTH: u32 = 9;

#[test]
fn tickets_reserve_sequences_for_out_of_order_use() {
    let mut lab = Lab::new();
    let (alice, bob) = (Wallet::ed(1), Wallet::ed(2));
    lab.fund(&alice, 100);
    lab.fund(&bob, 100);
    let seq = lab.sequence(&alice);
    lab.expect(
        &alice,
        json!({"TransactionType": "TicketCreate", "TicketCount": 3}),
        Ter::tesSUCCESS,
    );
    // Tickets seq+1 ..= seq+3; the account jumps past them.
    assert_eq!(lab.sequence(&alice), seq + 4);
    assert_eq!(lab.owner_count(&alice), 3);
    let info = lab.rpc("account_info", json!({"account": alice.address()}));
    assert_eq!(info["account_data"]["TicketCount"], 3);
    let tickets = lab.rpc(
        "account_objects",
        json!({"account": alice.address(), "type": "ticket"}),
    );
    assert_eq!(tickets["account_objects"].as_array().unwrap().len(), 3);

    let with_ticket = |ticket: u32| {
        let mut tx = pay_xrp(&bob, XRP);
        tx["Sequence"] = json!(0);
        tx["TicketSequence"] = json!(ticket);
        tx
    };
    // Out of order: the last ticket first.
    lab.expect(&alice, with_ticket(seq + 3), Ter::tesSUCCESS);
    lab.expect(&alice, with_ticket(seq + 1), Ter::tesSUCCESS);
    assert_eq!(
        lab.sequence(&alice),
        seq + 4,
        "tickets don't move the sequence"
    );
    assert_eq!(lab.owner_count(&alice), 1);
    // The same signed bytes again are simply already applied; a new transaction on a used
    // ticket has no ticket.
    lab.expect(&alice, with_ticket(seq + 1), Ter::tefALREADY);
    let mut reuse = with_ticket(seq + 1);
    reuse["Amount"] = json!("2000000");
    lab.expect(&alice, reuse, Ter::tefNO_TICKET);
    lab.expect(&alice, with_ticket(seq + 50), Ter::terPRE_TICKET);
    let mut both = with_ticket(seq + 2);
    both["Sequence"] = json!(seq + 4);
    lab.expect(&alice, both, Ter::temSEQ_AND_TICKET);
    lab.expect(&alice, with_ticket(seq + 2), Ter::tesSUCCESS);
    assert_eq!(lab.owner_count(&alice), 0);
    let info = lab.rpc("account_info", json!({"account": alice.address()}));
    assert!(info["account_data"].get("TicketCount").is_none());
    assert_eq!(lab.balance(&bob), 103 * XRP);
    lab.expect(
        &alice,
        json!({"TransactionType": "TicketCreate", "TicketCount": 0}),
        Ter::temINVALID_COUNT,
    );
    lab.expect(
        &alice,
        json!({"TransactionType": "TicketCreate", "TicketCount": 251}),
        Ter::temINVALID_COUNT,
    );
}

#[test]
fn preauthorised_senders_get_through_deposit_auth() {
    let mut lab = Lab::new();
    let (alice, bob, carol) = (Wallet::ed(1), Wallet::ed(2), Wallet::ed(3));
    for w in [&alice, &bob, &carol] {
        lab.fund(w, 100);
    }
    lab.expect(&bob, set_flag(ASF_DEPOSIT_AUTH), Ter::tesSUCCESS);
    lab.expect(&alice, pay_xrp(&bob, 5 * XRP), Ter::tecNO_PERMISSION);
    let authorise = json!({"TransactionType": "DepositPreauth", "Authorize": alice.address()});
    lab.expect(&bob, authorise.clone(), Ter::tesSUCCESS);
    assert_eq!(lab.owner_count(&bob), 1);
    lab.expect(&bob, authorise, Ter::tecDUPLICATE);
    lab.expect(&alice, pay_xrp(&bob, 5 * XRP), Ter::tesSUCCESS);
    lab.expect(&carol, pay_xrp(&bob, 5 * XRP), Ter::tecNO_PERMISSION);
    let revoke = json!({"TransactionType": "DepositPreauth", "Unauthorize": alice.address()});
    lab.expect(&bob, revoke.clone(), Ter::tesSUCCESS);
    lab.expect(&bob, revoke, Ter::tecNO_ENTRY);
    assert_eq!(lab.owner_count(&bob), 0);
    lab.expect(&alice, pay_xrp(&bob, 5 * XRP), Ter::tecNO_PERMISSION);
    lab.expect(
        &bob,
        json!({"TransactionType": "DepositPreauth", "Authorize": bob.address()}),
        Ter::temCANNOT_PREAUTH_SELF,
    );
    lab.expect(
        &bob,
        json!({"TransactionType": "DepositPreauth"}),
        Ter::temMALFORMED,
    );
    lab.expect(
        &bob,
        json!({"TransactionType": "DepositPreauth", "Authorize": Wallet::ed(40).address()}),
        Ter::tecNO_TARGET,
    );
}

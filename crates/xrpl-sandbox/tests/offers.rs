//! The decentralized exchange: placing, crossing in quality order, partial fills, passive,
//! immediate-or-cancel, fill-or-kill, sell, expiration, unfunded removal, cancel.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/offercreate>,
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/offers>.

mod common;

use common::{Lab, Wallet, XRP, iou, pay_iou, set_flag, trust};
use serde_json::{Value, json};
use xrpl_sandbox::Ter;

const ASF_GLOBAL_FREEZE: u32 = 7;
const ASF_DEFAULT_RIPPLE: u32 = 8;
const TF_PASSIVE: u32 = 0x0001_0000;
const TF_IOC: u32 = 0x0002_0000;
const TF_FOK: u32 = 0x0004_0000;
const TF_SELL: u32 = 0x0008_0000;

fn offer(pays: Value, gets: Value) -> Value {
    json!({"TransactionType": "OfferCreate", "TakerPays": pays, "TakerGets": gets})
}

fn drops(xrp: f64) -> Value {
    json!(((xrp * 1e6).round() as u64).to_string())
}

/// A gateway, a market maker (bob) holding 1000 USD, and a trader (alice) trusting USD.
fn market() -> (Lab, Wallet, Wallet, Wallet) {
    let mut lab = Lab::new();
    let (gw, bob, alice) = (Wallet::ed(10), Wallet::ed(11), Wallet::ed(12));
    for w in [&gw, &bob, &alice] {
        lab.fund(w, 10_000);
    }
    lab.expect(&gw, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    for w in [&bob, &alice] {
        lab.expect(w, trust(&gw, "USD", "100000"), Ter::tesSUCCESS);
    }
    lab.expect(&gw, pay_iou(&bob, iou(&gw, "USD", "1000")), Ter::tesSUCCESS);
    (lab, gw, bob, alice)
}

/// Bob sells 10 USD at 3, 2 and 2.5 XRP per USD (placed out of price order).
fn bob_asks(lab: &mut Lab, gw: &Wallet, bob: &Wallet) -> Vec<u32> {
    let mut seqs = Vec::new();
    for price in [3.0, 2.0, 2.5] {
        seqs.push(lab.sequence(bob));
        lab.expect(
            bob,
            offer(drops(10.0 * price), iou(gw, "USD", "10")),
            Ter::tesSUCCESS,
        );
    }
    seqs
}

fn book(lab: &mut Lab, gw: &Wallet) -> Vec<Value> {
    let result = lab.rpc(
        "book_offers",
        json!({"taker_gets": {"currency": "USD", "issuer": gw.address()}, "taker_pays": {"currency": "XRP"}}),
    );
    result["offers"].as_array().unwrap().clone()
}

#[test]
fn a_resting_offer_is_listed_in_its_book_and_costs_a_reserve() {
    let (mut lab, gw, bob, _) = market();
    let seq = lab.sequence(&bob);
    let outcome = lab.expect(
        &bob,
        offer(drops(20.0), iou(&gw, "USD", "10")),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.owner_count(&bob), 2, "trust line + offer");
    let offers = book(&mut lab, &gw);
    assert_eq!(offers.len(), 1);
    assert_eq!(offers[0]["Account"], bob.address());
    assert_eq!(offers[0]["Sequence"], seq);
    assert_eq!(offers[0]["TakerPays"], "20000000");
    assert_eq!(offers[0]["quality"], "2000000", "drops per USD");
    let mine = lab.rpc("account_offers", json!({"account": bob.address()}));
    assert_eq!(mine["offers"][0]["seq"], seq);
    let meta = outcome.meta.unwrap();
    let created: Vec<_> = meta["AffectedNodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n.get("CreatedNode"))
        .map(|n| n["LedgerEntryType"].as_str().unwrap().to_owned())
        .collect();
    assert!(created.contains(&"Offer".to_owned()));
    assert!(
        created.contains(&"DirectoryNode".to_owned()),
        "the book page"
    );
}

#[test]
fn crossing_takes_the_best_prices_first_with_a_partial_fill() {
    let (mut lab, gw, bob, alice) = market();
    let seqs = bob_asks(&mut lab, &gw, &bob);
    let (alice_xrp, bob_xrp) = (lab.balance(&alice), lab.balance(&bob));
    // Alice buys 15 USD paying at most 40 XRP (2.67 per USD).
    lab.expect(
        &alice,
        offer(iou(&gw, "USD", "15"), drops(40.0)),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.iou_balance(&alice, &gw, "USD"), "15");
    assert_eq!(lab.iou_balance(&bob, &gw, "USD"), "985");
    // 10 at 2 XRP, then 5 at 2.5 XRP: 32.5 XRP, at the makers' prices.
    assert_eq!(lab.balance(&alice), alice_xrp - 32_500_000 - 10);
    assert_eq!(lab.balance(&bob), bob_xrp + 32_500_000);
    // Filled: nothing rests for alice.
    assert_eq!(lab.owner_count(&alice), 1);
    let offers = book(&mut lab, &gw);
    assert_eq!(offers.len(), 2);
    assert_eq!(offers[0]["Sequence"], seqs[2], "the 2.5 offer, half left");
    assert_eq!(offers[0]["TakerGets"]["value"], "5");
    assert_eq!(offers[0]["TakerPays"], "12500000");
    assert_eq!(offers[1]["Sequence"], seqs[0], "the 3.0 offer, untouched");
    assert_eq!(lab.owner_count(&bob), 3);
}

#[test]
fn the_unfilled_rest_of_an_offer_rests_in_the_book() {
    let (mut lab, gw, bob, alice) = market();
    bob_asks(&mut lab, &gw, &bob);
    // 40 USD at up to 2.2 XRP: only the 2.0 offer crosses; 30 USD for 66 XRP rests.
    lab.expect(
        &alice,
        offer(iou(&gw, "USD", "40"), drops(88.0)),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.iou_balance(&alice, &gw, "USD"), "10");
    let mine = lab.rpc("account_offers", json!({"account": alice.address()}));
    assert_eq!(mine["offers"][0]["taker_pays"]["value"], "30");
    assert_eq!(mine["offers"][0]["taker_gets"], "66000000");
    assert_eq!(lab.owner_count(&alice), 2);
}

#[test]
fn passive_offers_do_not_take_equal_prices() {
    let (mut lab, gw, bob, alice) = market();
    lab.expect(
        &bob,
        offer(drops(20.0), iou(&gw, "USD", "10")),
        Ter::tesSUCCESS,
    );
    let mut passive = offer(iou(&gw, "USD", "10"), drops(20.0));
    passive["Flags"] = json!(TF_PASSIVE);
    lab.expect(&alice, passive.clone(), Ter::tesSUCCESS);
    assert_eq!(lab.iou_balance(&alice, &gw, "USD"), "0");
    assert_eq!(lab.owner_count(&alice), 2, "it rests beside bob's");
    // A better price does cross.
    let mut better = offer(iou(&gw, "USD", "10"), drops(21.0));
    better["Flags"] = json!(TF_PASSIVE);
    lab.expect(&alice, better, Ter::tesSUCCESS);
    assert_eq!(lab.iou_balance(&alice, &gw, "USD"), "10");
}

#[test]
fn immediate_or_cancel_never_rests() {
    let (mut lab, gw, bob, alice) = market();
    let mut ioc = offer(iou(&gw, "USD", "15"), drops(30.0));
    ioc["Flags"] = json!(TF_IOC);
    lab.expect(&alice, ioc.clone(), Ter::tecKILLED);
    lab.expect(
        &bob,
        offer(drops(20.0), iou(&gw, "USD", "10")),
        Ter::tesSUCCESS,
    );
    lab.expect(&alice, ioc, Ter::tesSUCCESS);
    assert_eq!(lab.iou_balance(&alice, &gw, "USD"), "10");
    assert_eq!(
        lab.owner_count(&alice),
        1,
        "the 5 USD rest was cancelled, not placed"
    );
}

#[test]
fn fill_or_kill_is_all_or_nothing() {
    let (mut lab, gw, bob, alice) = market();
    bob_asks(&mut lab, &gw, &bob);
    let bob_usd = lab.iou_balance(&bob, &gw, "USD");
    let mut fok = offer(iou(&gw, "USD", "25"), drops(55.0));
    fok["Flags"] = json!(TF_FOK);
    lab.expect(&alice, fok, Ter::tecKILLED);
    assert_eq!(lab.iou_balance(&bob, &gw, "USD"), bob_usd);
    assert_eq!(book(&mut lab, &gw).len(), 3);
    // At up to 2.5 XRP per USD both cheaper offers fill it: 20 + 25 XRP.
    let alice_xrp = lab.balance(&alice);
    let mut fok = offer(iou(&gw, "USD", "20"), drops(50.0));
    fok["Flags"] = json!(TF_FOK);
    lab.expect(&alice, fok, Ter::tesSUCCESS);
    assert_eq!(lab.iou_balance(&alice, &gw, "USD"), "20");
    assert_eq!(lab.balance(&alice), alice_xrp - 45 * XRP - 10);
}

#[test]
fn a_sell_offer_spends_everything_it_offers() {
    let (mut lab, gw, bob, alice) = market();
    bob_asks(&mut lab, &gw, &bob);
    let alice_xrp = lab.balance(&alice);
    let mut sell = offer(iou(&gw, "USD", "10"), drops(30.0));
    sell["Flags"] = json!(TF_SELL);
    lab.expect(&alice, sell, Ter::tesSUCCESS);
    // 20 XRP buys 10 USD at 2.0, the other 10 XRP buys 4 USD at 2.5.
    assert_eq!(lab.iou_balance(&alice, &gw, "USD"), "14");
    assert_eq!(lab.balance(&alice), alice_xrp - 30 * XRP - 10);
}

#[test]
fn expired_offers_are_refused_and_removed_from_the_book() {
    let (mut lab, gw, bob, alice) = market();
    let now = lab.ledger.last_closed().close_time;
    let mut stale = offer(drops(20.0), iou(&gw, "USD", "10"));
    stale["Expiration"] = json!(now);
    lab.expect(&bob, stale, Ter::tecEXPIRED);
    let mut soon = offer(drops(20.0), iou(&gw, "USD", "10"));
    soon["Expiration"] = json!(now + 100);
    lab.expect(&bob, soon, Ter::tesSUCCESS);
    assert_eq!(lab.owner_count(&bob), 2);
    lab.ledger.advance_time(1000);
    lab.fund(&alice, 1);
    lab.expect(
        &alice,
        offer(iou(&gw, "USD", "10"), drops(20.0)),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.iou_balance(&alice, &gw, "USD"), "0");
    assert_eq!(lab.owner_count(&bob), 1, "the expired offer was removed");
    let offers = book(&mut lab, &gw);
    assert!(offers.is_empty());
    assert_eq!(lab.owner_count(&alice), 2, "alice's bid rests instead");
}

#[test]
fn unfunded_offers_are_removed_when_met() {
    let (mut lab, gw, bob, alice) = market();
    lab.expect(
        &bob,
        offer(drops(20.0), iou(&gw, "USD", "10")),
        Ter::tesSUCCESS,
    );
    // Bob gives all his USD back to the gateway: his offer is now unfunded.
    lab.expect(&bob, pay_iou(&gw, iou(&gw, "USD", "1000")), Ter::tesSUCCESS);
    lab.expect(
        &alice,
        offer(iou(&gw, "USD", "10"), drops(20.0)),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.owner_count(&bob), 1);
    assert_eq!(lab.iou_balance(&alice, &gw, "USD"), "0");
}

#[test]
fn funding_and_reserve_failures() {
    let (mut lab, gw, _, alice) = market();
    lab.expect(
        &alice,
        offer(drops(20.0), iou(&gw, "USD", "10")),
        Ter::tecUNFUNDED_OFFER,
    );
    let dave = Wallet::ed(13);
    lab.ledger
        .faucet(Some(dave.account), XRP + XRP / 10)
        .unwrap();
    lab.expect(
        &dave,
        offer(iou(&gw, "USD", "1"), drops(0.05)),
        Ter::tecINSUF_RESERVE_OFFER,
    );
    assert_eq!(lab.owner_count(&dave), 0);
}

#[test]
fn a_taker_without_a_line_gets_one() {
    let (mut lab, gw, bob, _) = market();
    let carol = Wallet::ed(14);
    lab.fund(&carol, 100);
    lab.expect(
        &bob,
        offer(drops(20.0), iou(&gw, "USD", "10")),
        Ter::tesSUCCESS,
    );
    lab.expect(
        &carol,
        offer(iou(&gw, "USD", "5"), drops(10.0)),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.iou_balance(&carol, &gw, "USD"), "5");
    assert_eq!(
        lab.owner_count(&carol),
        1,
        "the new line is hers to reserve"
    );
}

#[test]
fn cancelling_removes_the_offer_and_its_reserve() {
    let (mut lab, gw, bob, _) = market();
    let seq = lab.sequence(&bob);
    lab.expect(
        &bob,
        offer(drops(20.0), iou(&gw, "USD", "10")),
        Ter::tesSUCCESS,
    );
    let cancel = |s: u32| json!({"TransactionType": "OfferCancel", "OfferSequence": s});
    lab.expect(&bob, cancel(lab.sequence(&bob) + 5), Ter::temBAD_SEQUENCE);
    let outcome = lab.expect(&bob, cancel(seq), Ter::tesSUCCESS);
    assert_eq!(lab.owner_count(&bob), 1);
    assert!(book(&mut lab, &gw).is_empty());
    let meta = outcome.meta.unwrap();
    let deleted = meta["AffectedNodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n.get("DeletedNode").is_some())
        .count();
    assert_eq!(deleted, 2, "the offer and its emptied book page");
    lab.expect(&bob, cancel(seq), Ter::tesSUCCESS);
    // OfferSequence in an OfferCreate replaces an offer in one step.
    let seq = lab.sequence(&bob);
    lab.expect(
        &bob,
        offer(drops(20.0), iou(&gw, "USD", "10")),
        Ter::tesSUCCESS,
    );
    let mut replace = offer(drops(30.0), iou(&gw, "USD", "10"));
    replace["OfferSequence"] = json!(seq);
    lab.expect(&bob, replace, Ter::tesSUCCESS);
    let offers = book(&mut lab, &gw);
    assert_eq!(offers.len(), 1);
    assert_eq!(offers[0]["TakerPays"], "30000000");
}

#[test]
fn malformed_and_frozen_offers() {
    let (mut lab, gw, bob, _) = market();
    for (tx, ter) in [
        (offer(drops(1.0), drops(2.0)), Ter::temBAD_OFFER),
        (
            offer(iou(&gw, "USD", "1"), iou(&gw, "USD", "2")),
            Ter::temREDUNDANT,
        ),
        (offer(iou(&gw, "USD", "0"), drops(2.0)), Ter::temBAD_OFFER),
    ] {
        lab.expect(&bob, tx, ter);
    }
    let mut both = offer(drops(20.0), iou(&gw, "USD", "10"));
    both["Flags"] = json!(TF_IOC | TF_FOK);
    lab.expect(&bob, both, Ter::temINVALID_FLAG);
    let mut zero = offer(drops(20.0), iou(&gw, "USD", "10"));
    zero["Expiration"] = json!(0);
    lab.expect(&bob, zero, Ter::temBAD_EXPIRATION);
    lab.expect(&gw, set_flag(ASF_GLOBAL_FREEZE), Ter::tesSUCCESS);
    lab.expect(
        &bob,
        offer(drops(20.0), iou(&gw, "USD", "10")),
        Ter::tecFROZEN,
    );
}

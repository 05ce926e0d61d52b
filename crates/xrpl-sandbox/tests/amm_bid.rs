//! AMMBid with `AuthAccounts`: the slot holder names up to four accounts that trade at the
//! discounted fee (a tenth of the pool's fee) while the slot lasts.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/ammbid> and
//! <https://xrpl.org/docs/concepts/tokens/decentralized-exchange/automated-market-makers#auction-slot>
//! (rippled `AMMBid.cpp`: more than 4 accounts, the bidder itself or a repeat is temMALFORMED;
//! an account that does not exist is terNO_ACCOUNT; `getTradingFee` gives the discounted fee to
//! the holder and every listed account).
//! Prices follow XLS-30 equation 6, worked out on integers here: in = (B_in·B_out/(B_out − out)
//! − B_in)/(1 − fee), rounded up.

mod common;

use common::{Lab, Wallet, XRP, iou, pay_iou, set_flag, trust};
use serde_json::{Value, json};
use xrpl_sandbox::Ter;

const ASF_DEFAULT_RIPPLE: u32 = 8;
const TF_LP_TOKEN: u32 = 0x0001_0000;
/// The pool's fee: 1% (1000 in 1/100,000); the slot's discounted fee is a tenth of it.
const FEE: u128 = 1000;
const DISCOUNTED_FEE: u128 = 100;

struct Market {
    lab: Lab,
    gateway: Wallet,
    alice: Wallet,
    bob: Wallet,
    carol: Wallet,
    dave: Wallet,
}

fn assets(gateway: &Wallet) -> (Value, Value) {
    (
        json!({"currency": "XRP"}),
        json!({"currency": "USD", "issuer": gateway.address()}),
    )
}

/// A 150 XRP / 150 USD pool at 1%: Alice created it with 100/100, Bob deposited 50/50 for
/// 50,000 LP tokens. Carol and Dave hold only XRP and trust USD.
fn market() -> Market {
    let mut lab = Lab::new();
    let (gateway, alice, bob, carol, dave) = (
        Wallet::ed(110),
        Wallet::ed(111),
        Wallet::ed(112),
        Wallet::ed(113),
        Wallet::ed(114),
    );
    for w in [&gateway, &alice, &bob, &carol, &dave] {
        lab.fund(w, 10_000);
    }
    lab.expect(&gateway, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    for w in [&alice, &bob, &carol, &dave] {
        lab.expect(w, trust(&gateway, "USD", "100000"), Ter::tesSUCCESS);
    }
    for w in [&alice, &bob] {
        lab.expect(
            &gateway,
            pay_iou(w, iou(&gateway, "USD", "1000")),
            Ter::tesSUCCESS,
        );
    }
    let reserve = lab.ledger.fees().reserve_increment;
    lab.expect(
        &alice,
        json!({"TransactionType": "AMMCreate", "Amount": (100 * XRP).to_string(),
               "Amount2": iou(&gateway, "USD", "100"), "TradingFee": FEE as u32,
               "Fee": reserve.to_string()}),
        Ter::tesSUCCESS,
    );
    let (a, b) = assets(&gateway);
    let lp = info(&mut lab, &gateway)["amm"]["lp_token"].clone();
    let mut tokens = lp.clone();
    tokens["value"] = json!("50000");
    lab.expect(
        &bob,
        json!({"TransactionType": "AMMDeposit", "Asset": a, "Asset2": b, "Flags": TF_LP_TOKEN,
               "LPTokenOut": tokens}),
        Ter::tesSUCCESS,
    );
    Market {
        lab,
        gateway,
        alice,
        bob,
        carol,
        dave,
    }
}

fn info(lab: &mut Lab, gateway: &Wallet) -> Value {
    let (a, b) = assets(gateway);
    lab.rpc("amm_info", json!({"asset": a, "asset2": b}))
}

fn pool(lab: &mut Lab, gateway: &Wallet) -> (u128, u128) {
    let out = info(lab, gateway);
    let drops = out["amm"]["amount"].as_str().unwrap().parse().unwrap();
    let usd = out["amm"]["amount2"]["value"].as_str().unwrap();
    (drops, usd.parse().unwrap())
}

fn bid(gateway: &Wallet, auth: &[&Wallet]) -> Value {
    let (a, b) = assets(gateway);
    let mut tx = json!({"TransactionType": "AMMBid", "Asset": a, "Asset2": b});
    if !auth.is_empty() {
        tx["AuthAccounts"] = auth
            .iter()
            .map(|w| json!({"AuthAccount": {"Account": w.address()}}))
            .collect();
    }
    tx
}

/// Equation 6 on integers, rounded up: drops in for `out` whole USD.
fn cost_in_drops(b_in: u128, b_out: u128, out: u128, fee: u128) -> u64 {
    let num = (b_in * b_out - b_in * (b_out - out)) * 100_000;
    let den = (b_out - out) * (100_000 - fee);
    num.div_ceil(den) as u64
}

/// `from` buys `usd` whole USD for itself from the pool, paying XRP; returns the drops it paid
/// for the USD (the transaction fee taken out).
fn buy_usd(lab: &mut Lab, from: &Wallet, gateway: &Wallet, usd: u32) -> u64 {
    let before = lab.balance(from);
    lab.expect(
        from,
        json!({"TransactionType": "Payment", "Destination": from.address(),
               "Amount": iou(gateway, "USD", &usd.to_string()),
               "SendMax": (50 * XRP).to_string()}),
        Ter::tesSUCCESS,
    );
    before - lab.balance(from) - lab.ledger.fees().base_fee
}

#[test]
fn an_authorised_account_trades_at_the_discounted_fee_and_others_pay_the_full_fee() {
    let Market {
        mut lab,
        gateway,
        alice,
        bob,
        carol,
        dave,
    } = market();
    lab.expect(&bob, bid(&gateway, &[&carol]), Ter::tesSUCCESS);

    // The slot carries the list as rippled stores it, and amm_info shows it.
    let out = info(&mut lab, &gateway);
    let slot = &out["amm"]["auction_slot"];
    assert_eq!(slot["account"], bob.address());
    assert_eq!(slot["discounted_fee"], DISCOUNTED_FEE as u64);
    assert_eq!(slot["auth_accounts"], json!([{"account": carol.address()}]));
    assert_eq!(slot["time_interval"], 0);
    let amm_id = lab.rpc(
        "account_info",
        json!({"account": out["amm"]["account"].clone()}),
    )["account_data"]["AMMID"]
        .clone();
    let entry = lab.rpc("ledger_entry", json!({"index": amm_id}));
    assert_eq!(
        entry["node"]["AuctionSlot"]["AuthAccounts"],
        json!([{"AuthAccount": {"Account": carol.address()}}])
    );

    // Carol buys 15 USD from 150/150 at 0.1%: 150·150/135 − 150 = 16.6̅ XRP, / 0.999.
    let (b_in, b_out) = pool(&mut lab, &gateway);
    assert_eq!((b_in, b_out), (150 * XRP as u128, 150));
    let carol_cost = cost_in_drops(b_in, b_out, 15, DISCOUNTED_FEE);
    assert_eq!(carol_cost, 16_683_351);
    assert_eq!(buy_usd(&mut lab, &carol, &gateway, 15), carol_cost);
    assert_eq!(lab.iou_balance(&carol, &gateway, "USD"), "15");
    let (b_in, b_out) = pool(&mut lab, &gateway);
    assert_eq!((b_in, b_out), (150 * XRP as u128 + carol_cost as u128, 135));

    // Dave is not on the list: the full 1%.
    let dave_cost = cost_in_drops(b_in, b_out, 15, FEE);
    assert_eq!(buy_usd(&mut lab, &dave, &gateway, 15), dave_cost);
    let (b_in2, b_out2) = pool(&mut lab, &gateway);
    assert_eq!((b_in2, b_out2), (b_in + dave_cost as u128, 120));

    // A new holder's bid replaces the list: Carol is back to the full fee.
    lab.expect(&alice, bid(&gateway, &[]), Ter::tesSUCCESS);
    let out = info(&mut lab, &gateway);
    assert_eq!(out["amm"]["auction_slot"]["account"], alice.address());
    assert!(out["amm"]["auction_slot"].get("auth_accounts").is_none());
    let (b_in, b_out) = pool(&mut lab, &gateway);
    let full = cost_in_drops(b_in, b_out, 10, FEE);
    assert_eq!(buy_usd(&mut lab, &carol, &gateway, 10), full);
}

#[test]
fn auth_accounts_are_checked_as_rippled_checks_them() {
    let Market {
        mut lab,
        gateway,
        alice,
        bob,
        carol,
        dave,
    } = market();
    let (e, f, g) = (Wallet::ed(115), Wallet::ed(116), Wallet::ed(117));
    for w in [&e, &f] {
        lab.fund(w, 100);
    }
    let lp_before = info(&mut lab, &gateway)["amm"]["lp_token"].clone();
    let seq = lab.sequence(&bob);

    // Five accounts: temMALFORMED, nothing charged, the sequence not used.
    let five = [&alice, &carol, &dave, &e, &f];
    lab.expect(&bob, bid(&gateway, &five), Ter::temMALFORMED);
    // The bidder itself, or the same account twice: temMALFORMED too.
    lab.expect(&bob, bid(&gateway, &[&carol, &bob]), Ter::temMALFORMED);
    lab.expect(&bob, bid(&gateway, &[&carol, &carol]), Ter::temMALFORMED);
    // An account that does not exist (never funded): terNO_ACCOUNT.
    lab.expect(&bob, bid(&gateway, &[&carol, &g]), Ter::terNO_ACCOUNT);
    assert_eq!(lab.sequence(&bob), seq);
    assert_eq!(info(&mut lab, &gateway)["amm"]["lp_token"], lp_before);
    assert_eq!(
        info(&mut lab, &gateway)["amm"]["auction_slot"]["account"],
        alice.address()
    );

    // Four is the most, and it works.
    lab.expect(
        &bob,
        bid(&gateway, &[&alice, &carol, &dave, &e]),
        Ter::tesSUCCESS,
    );
    let listed = info(&mut lab, &gateway)["amm"]["auction_slot"]["auth_accounts"].clone();
    assert_eq!(listed.as_array().unwrap().len(), 4);
}

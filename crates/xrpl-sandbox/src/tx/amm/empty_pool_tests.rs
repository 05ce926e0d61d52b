//! AMMDeposit's `tfTwoAssetIfEmpty` on a pool in rippled's empty state: LP tokens all gone but
//! the AMM object kept (rippled keeps it when more trust lines hang off the pool than one
//! transaction may delete, which this engine never reaches through transactions). The pool is
//! built by real transactions, emptied by hand in a copy of the state, and the deposit runs
//! through the real pipeline (`apply_transaction`).
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/ammdeposit>
//! ("tfTwoAssetIfEmpty … the AMM's trading fee is set to the TradingFee field").

use serde_json::{Value, json};
use xrpl_proto::keys::KeyPair;
use xrpl_proto::seed::{Algorithm, Seed};

use crate::Ledger;
use crate::apply::apply_transaction;
use crate::apply::view::{Change, LedgerContext};
use crate::ledger::entry::LedgerEntry;
use crate::ledger::settings::{ClockSource, LedgerConfig};
use crate::ledger::state::StateMap;
use crate::proto::{AccountId, Hash256, keylet, sign_transaction};
use crate::result::Ter;
use crate::tx::fields::{IouValue, Issue};
use xrpl_proto::amount::Currency;

const T0: u32 = 757_382_400;
const XRP: u64 = 1_000_000;

struct Wallet {
    keys: KeyPair,
    account: AccountId,
}

fn wallet(n: u8) -> Wallet {
    let keys = KeyPair::from_seed(&Seed::from_entropy([n; 16], Algorithm::Ed25519)).unwrap();
    let account = keys.account_id();
    Wallet { keys, account }
}

fn submit(ledger: &mut Ledger, who: &Wallet, mut tx: Value) -> Ter {
    let seq = ledger.account(&who.account).map_or(0, |a| a.sequence);
    tx["Account"] = json!(who.account.to_classic());
    tx["Sequence"] = json!(seq);
    if tx.get("Fee").is_none() {
        tx["Fee"] = json!(ledger.fees().base_fee.to_string());
    }
    let blob = sign_transaction(&tx, &who.keys).unwrap();
    ledger.submit(&blob).unwrap().result
}

fn usd(gw: &Wallet, value: &str) -> Value {
    json!({"currency": "USD", "issuer": gw.account.to_classic(), "value": value})
}

/// A 10,000 XRP / 10,000 USD pool of Alice's, and Carol funded with both.
fn market() -> (Ledger, Wallet, Wallet, Wallet) {
    let mut ledger = Ledger::new(LedgerConfig {
        clock: ClockSource::Fixed(T0),
        ..LedgerConfig::default()
    });
    let (gw, alice, carol) = (wallet(70), wallet(71), wallet(72));
    for w in [&gw, &alice, &carol] {
        ledger.faucet(Some(w.account), 30_000 * XRP).unwrap();
    }
    let set_default_ripple = json!({"TransactionType": "AccountSet", "SetFlag": 8});
    assert_eq!(
        submit(&mut ledger, &gw, set_default_ripple),
        Ter::tesSUCCESS
    );
    for w in [&alice, &carol] {
        let trust = json!({"TransactionType": "TrustSet", "LimitAmount": usd(&gw, "100000")});
        assert_eq!(submit(&mut ledger, w, trust), Ter::tesSUCCESS);
        let pay = json!({"TransactionType": "Payment", "Destination": w.account.to_classic(),
                         "Amount": usd(&gw, "30000")});
        assert_eq!(submit(&mut ledger, &gw, pay), Ter::tesSUCCESS);
    }
    let create = json!({"TransactionType": "AMMCreate", "Amount": (10_000 * XRP).to_string(),
                        "Amount2": usd(&gw, "10000"), "TradingFee": 0,
                        "Fee": ledger.fees().reserve_increment.to_string()});
    assert_eq!(submit(&mut ledger, &alice, create), Ter::tesSUCCESS);
    (ledger, gw, alice, carol)
}

/// The state with the pool emptied: no LP tokens, nothing in either side, Alice's LP line gone.
fn emptied(ledger: &Ledger, gw: &Wallet, alice: &Wallet) -> (StateMap, Hash256, AccountId) {
    let mut state = ledger.state().clone();
    let usd_issue = Issue::new(Currency::from_code("USD").unwrap(), gw.account);
    let key = keylet::amm(&Issue::XRP, &usd_issue);
    let Some(LedgerEntry::Amm(amm)) = state.get(&key).cloned() else {
        panic!("no pool");
    };
    let pool = amm.account;
    let mut emptied = amm.clone();
    emptied.lp_token_balance.value = IouValue::ZERO;
    state.put(key, LedgerEntry::Amm(emptied));
    let mut root = state.account(&pool).unwrap().clone();
    root.balance = 0;
    state.put(keylet::account(&pool), LedgerEntry::AccountRoot(root));
    let usd_line = keylet::line(&pool, &gw.account, &usd_issue.currency);
    let Some(LedgerEntry::RippleState(mut line)) = state.get(&usd_line).cloned() else {
        panic!("no pool USD line");
    };
    line.balance = IouValue::ZERO;
    state.put(usd_line, LedgerEntry::RippleState(line));
    let lp_line = keylet::line(&alice.account, &pool, &amm.lp_token_balance.issue.currency);
    state.remove(&lp_line);
    (state, key, pool)
}

fn deposit(ledger: &Ledger, gw: &Wallet, who: &Wallet, flags: u32, extra: Value) -> Value {
    let mut tx = json!({"TransactionType": "AMMDeposit", "Account": who.account.to_classic(),
                        "Asset": {"currency": "XRP"},
                        "Asset2": {"currency": "USD", "issuer": gw.account.to_classic()},
                        "Flags": flags, "Fee": "10",
                        "Sequence": ledger.account(&who.account).unwrap().sequence});
    for (k, v) in extra.as_object().unwrap() {
        tx[k] = v.clone();
    }
    tx
}

fn context(ledger: &Ledger) -> LedgerContext {
    LedgerContext {
        ledger_seq: 10,
        parent_close_time: T0,
        fees: ledger.fees(),
        network_id: None,
    }
}

#[test]
fn an_emptied_pool_is_refilled_at_a_new_fee_by_its_new_provider() {
    let (ledger, gw, alice, carol) = market();
    let (state, key, pool) = emptied(&ledger, &gw, &alice);
    let tx = deposit(
        &ledger,
        &gw,
        &carol,
        0x0080_0000,
        json!({"Amount": (1_000 * XRP).to_string(), "Amount2": usd(&gw, "4000"),
               "TradingFee": 500}),
    );
    let result = apply_transaction(
        &state,
        context(&ledger),
        &tx,
        Hash256::default(),
        carol.account,
    );
    assert_eq!(result.ter, Ter::tesSUCCESS);
    let changes = result.applied.unwrap().changes;
    let Some(Change::Modified(LedgerEntry::Amm(amm))) = changes.get(&key) else {
        panic!("the pool was not updated");
    };
    // XLS-30 equation 1 on the new deposit: √(10^9 drops × 4,000) = 2,000,000 tokens.
    assert_eq!(amm.lp_token_balance.value.to_string(), "2000000");
    // The depositor's fee, its vote at full weight, and the auction slot for 24 hours at a
    // tenth of the fee.
    assert_eq!(amm.trading_fee, 500);
    assert_eq!(amm.vote_slots.len(), 1);
    assert_eq!(amm.vote_slots[0].account, carol.account);
    assert_eq!(amm.vote_slots[0].vote_weight, 100_000);
    let slot = amm.auction_slot.as_ref().unwrap();
    assert_eq!((slot.account, slot.discounted_fee), (carol.account, 50));
    assert_eq!(slot.expiration, T0 + 24 * 3600);
    let Some(Change::Modified(LedgerEntry::AccountRoot(root))) =
        changes.get(&keylet::account(&pool))
    else {
        panic!("the pool account was not paid");
    };
    assert_eq!(root.balance, 1_000 * XRP);
}

#[test]
fn an_emptied_pool_takes_no_other_deposit_and_a_full_one_no_refill() {
    let (ledger, gw, alice, carol) = market();
    let (state, _, _) = emptied(&ledger, &gw, &alice);
    let single = deposit(
        &ledger,
        &gw,
        &carol,
        0x0008_0000,
        json!({"Amount": (1_000 * XRP).to_string()}),
    );
    let result = apply_transaction(
        &state,
        context(&ledger),
        &single,
        Hash256::default(),
        carol.account,
    );
    assert_eq!(result.ter, Ter::tecAMM_EMPTY);

    let refill = deposit(
        &ledger,
        &gw,
        &carol,
        0x0080_0000,
        json!({"Amount": (1_000 * XRP).to_string(), "Amount2": usd(&gw, "1000")}),
    );
    let full = ledger.state().clone();
    let result = apply_transaction(
        &full,
        context(&ledger),
        &refill,
        Hash256::default(),
        carol.account,
    );
    assert_eq!(result.ter, Ter::tecAMM_NOT_EMPTY);
}

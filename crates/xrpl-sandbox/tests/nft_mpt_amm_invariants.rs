//! Random sequences of NFT, MPT and AMM transactions from a handful of accounts keep the
//! ledger's books straight: XRP is only ever burned as fees, every owner count equals the
//! objects that account really owns (NFT pages included), no MPT holder holds more than is
//! outstanding, and an AMM's LP supply is the sum of what its providers hold.

mod common;

use std::collections::HashMap;

use common::{Lab, Wallet, XRP, iou, pay_iou, set_flag, trust};
use proptest::prelude::*;
use serde_json::{Value, json};
use xrpl_proto::amount::MptIssuanceId;
use xrpl_sandbox::Ter;
use xrpl_sandbox::ledger::GENESIS_DROPS;
use xrpl_sandbox::ledger::entry::LedgerEntry;
use xrpl_sandbox::proto::AccountId;
use xrpl_sandbox::result::TerClass;

const PLAYERS: usize = 3;

#[derive(Debug, Clone)]
enum Step {
    Mint { who: usize, flags: u32 },
    Burn { who: usize, pick: usize },
    Sell { who: usize, pick: usize, drops: u64 },
    Accept { who: usize, pick: usize },
    OptIn { who: usize },
    PayMpt { from: usize, to: usize, units: u64 },
    Deposit { who: usize, tokens: u64 },
    Withdraw { who: usize, all: bool, tokens: u64 },
    Swap { who: usize, usd_milli: u64 },
}

fn step() -> impl Strategy<Value = Step> {
    let who = 0..PLAYERS;
    prop_oneof![
        (
            who.clone(),
            prop_oneof![Just(0u32), Just(1), Just(8), Just(9)]
        )
            .prop_map(|(who, flags)| Step::Mint { who, flags }),
        (who.clone(), 0..8usize).prop_map(|(who, pick)| Step::Burn { who, pick }),
        (who.clone(), 0..8usize, 0..5_000_000u64).prop_map(|(who, pick, drops)| Step::Sell {
            who,
            pick,
            drops
        }),
        (who.clone(), 0..8usize).prop_map(|(who, pick)| Step::Accept { who, pick }),
        who.clone().prop_map(|who| Step::OptIn { who }),
        (0..=PLAYERS, 0..=PLAYERS, 1..500u64).prop_map(|(from, to, units)| Step::PayMpt {
            from,
            to,
            units
        }),
        (who.clone(), 1..20_000u64).prop_map(|(who, tokens)| Step::Deposit { who, tokens }),
        (who.clone(), any::<bool>(), 1..20_000u64).prop_map(|(who, all, tokens)| Step::Withdraw {
            who,
            all,
            tokens
        }),
        (who, 1..5_000u64).prop_map(|(who, usd_milli)| Step::Swap { who, usd_milli }),
    ]
}

struct World {
    lab: Lab,
    gateway: Wallet,
    players: Vec<Wallet>,
    mpt: String,
    burned: u64,
}

fn world() -> World {
    let mut lab = Lab::new();
    let gateway = Wallet::ed(100);
    let players: Vec<Wallet> = (0..PLAYERS as u8).map(|n| Wallet::ed(101 + n)).collect();
    lab.fund(&gateway, 10_000);
    lab.expect(&gateway, set_flag(8), Ter::tesSUCCESS);
    for p in &players {
        lab.fund(p, 10_000);
        lab.expect(p, trust(&gateway, "USD", "1000000"), Ter::tesSUCCESS);
        lab.expect(
            &gateway,
            pay_iou(p, iou(&gateway, "USD", "5000")),
            Ter::tesSUCCESS,
        );
    }
    let seq = lab.sequence(&gateway);
    lab.expect(
        &gateway,
        json!({"TransactionType": "MPTokenIssuanceCreate", "Flags": 0x20, "MaximumAmount": "100000"}),
        Ter::tesSUCCESS,
    );
    let mpt = MptIssuanceId::new(seq, gateway.account).to_string();
    let reserve = lab.ledger.fees().reserve_increment;
    lab.expect(
        &players[0],
        json!({"TransactionType": "AMMCreate", "Amount": (1000 * XRP).to_string(),
               "Amount2": iou(&gateway, "USD", "1000"), "TradingFee": 300, "Fee": reserve.to_string()}),
        Ter::tesSUCCESS,
    );
    World {
        burned: GENESIS_DROPS - lab.ledger.total_drops(),
        lab,
        gateway,
        players,
        mpt,
    }
}

fn nfts(lab: &mut Lab, who: &Wallet) -> Vec<String> {
    let out = lab.rpc("account_nfts", json!({"account": who.address()}));
    out["account_nfts"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|n| n["NFTokenID"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn offers(lab: &Lab) -> Vec<String> {
    let mut keys: Vec<String> = lab
        .ledger
        .state()
        .iter()
        .filter(|(_, e)| matches!(e, LedgerEntry::NFTokenOffer(_)))
        .map(|(k, _)| k.to_hex())
        .collect();
    keys.sort();
    keys
}

fn assets(gateway: &Wallet) -> (Value, Value) {
    (
        json!({"currency": "XRP"}),
        json!({"currency": "USD", "issuer": gateway.address()}),
    )
}

fn lp_token(lab: &mut Lab, gateway: &Wallet, value: u64) -> Option<Value> {
    let (a, b) = assets(gateway);
    let out = lab.rpc("amm_info", json!({"asset": a, "asset2": b}));
    let mut t = out["amm"].get("lp_token")?.clone();
    t["value"] = json!(value.to_string());
    Some(t)
}

impl World {
    fn tx(&mut self, step: &Step) -> Option<(usize, Value)> {
        let (a, b) = assets(&self.gateway);
        let gw = self.gateway.address();
        Some(match step {
            Step::Mint { who, flags } => (
                *who,
                json!({"TransactionType": "NFTokenMint", "NFTokenTaxon": 1, "Flags": flags}),
            ),
            Step::Burn { who, pick } => {
                let ids = nfts(&mut self.lab, &self.players[*who]);
                let id = ids.get(pick % ids.len().max(1))?.clone();
                (
                    *who,
                    json!({"TransactionType": "NFTokenBurn", "NFTokenID": id}),
                )
            }
            Step::Sell { who, pick, drops } => {
                let ids = nfts(&mut self.lab, &self.players[*who]);
                let id = ids.get(pick % ids.len().max(1))?.clone();
                (
                    *who,
                    json!({"TransactionType": "NFTokenCreateOffer", "NFTokenID": id, "Amount": drops.to_string(), "Flags": 1}),
                )
            }
            Step::Accept { who, pick } => {
                let keys = offers(&self.lab);
                let key = keys.get(pick % keys.len().max(1))?.clone();
                (
                    *who,
                    json!({"TransactionType": "NFTokenAcceptOffer", "NFTokenSellOffer": key}),
                )
            }
            Step::OptIn { who } => (
                *who,
                json!({"TransactionType": "MPTokenAuthorize", "MPTokenIssuanceID": self.mpt}),
            ),
            Step::PayMpt { from, to, units } => {
                let to = if *to == PLAYERS {
                    gw.clone()
                } else {
                    self.players[*to].address()
                };
                (
                    *from,
                    json!({"TransactionType": "Payment", "Destination": to,
                    "Amount": {"mpt_issuance_id": self.mpt, "value": units.to_string()}}),
                )
            }
            Step::Deposit { who, tokens } => {
                let t = lp_token(&mut self.lab, &self.gateway, *tokens)?;
                (
                    *who,
                    json!({"TransactionType": "AMMDeposit", "Asset": a, "Asset2": b, "Flags": 0x0001_0000, "LPTokenOut": t}),
                )
            }
            Step::Withdraw { who, all, tokens } => {
                if *all {
                    (
                        *who,
                        json!({"TransactionType": "AMMWithdraw", "Asset": a, "Asset2": b, "Flags": 0x0002_0000}),
                    )
                } else {
                    let t = lp_token(&mut self.lab, &self.gateway, *tokens)?;
                    (
                        *who,
                        json!({"TransactionType": "AMMWithdraw", "Asset": a, "Asset2": b, "Flags": 0x0001_0000, "LPTokenIn": t}),
                    )
                }
            }
            Step::Swap { who, usd_milli } => {
                let usd = format!("{}.{:03}", usd_milli / 1000, usd_milli % 1000);
                (
                    *who,
                    json!({"TransactionType": "Payment", "Destination": self.players[*who].address(),
                    "Amount": iou(&self.gateway, "USD", &usd), "SendMax": (10 * XRP).to_string()}),
                )
            }
        })
    }

    fn run(&mut self, step: &Step) {
        let Some((who, tx)) = self.tx(step) else {
            return;
        };
        // Step::PayMpt may name the gateway as sender index PLAYERS.
        let wallet = if who == PLAYERS {
            &self.gateway
        } else {
            &self.players[who]
        };
        let outcome = self.lab.submit(wallet, tx);
        if matches!(
            outcome.result.class(),
            TerClass::Success | TerClass::Claimed
        ) {
            let fee: u64 = outcome.tx_json["Fee"].as_str().unwrap().parse().unwrap();
            self.burned += fee;
        }
    }

    fn check(&self) {
        let ledger = &self.lab.ledger;
        let mut held: u64 = 0;
        let mut owned: HashMap<AccountId, u32> = HashMap::new();
        let mut counts: HashMap<AccountId, u32> = HashMap::new();
        let mut mpt_held: u64 = 0;
        let mut outstanding: u64 = 0;
        for (_, entry) in ledger.state().iter() {
            match entry {
                LedgerEntry::AccountRoot(a) => {
                    held += a.balance;
                    counts.insert(a.account, a.owner_count);
                }
                LedgerEntry::RippleState(line) => {
                    for side in [line.low, line.high] {
                        if line.has(line.side(&side).reserve) {
                            *owned.entry(side).or_default() += 1;
                        }
                    }
                }
                LedgerEntry::Did(d) => *owned.entry(d.account).or_default() += 1,
                LedgerEntry::NFTokenPage(p) => *owned.entry(p.owner).or_default() += 1,
                LedgerEntry::NFTokenOffer(o) => *owned.entry(o.owner).or_default() += 1,
                LedgerEntry::MPTokenIssuance(i) => {
                    *owned.entry(i.issuer).or_default() += 1;
                    outstanding += i.outstanding_amount;
                }
                LedgerEntry::MPToken(t) => {
                    *owned.entry(t.account).or_default() += 1;
                    mpt_held += t.amount;
                }
                _ => {}
            }
        }
        assert_eq!(held, ledger.total_drops(), "XRP held == XRP in existence");
        assert_eq!(
            GENESIS_DROPS - ledger.total_drops(),
            self.burned,
            "only fees burn XRP"
        );
        assert_eq!(mpt_held, outstanding, "MPT held == outstanding");
        for (account, count) in counts {
            assert_eq!(
                owned.get(&account).copied().unwrap_or(0),
                count,
                "owner count of {account}"
            );
        }
        // The pool's LP supply is exactly what its providers hold.
        for (_, entry) in ledger.state().iter() {
            let LedgerEntry::Amm(amm) = entry else {
                continue;
            };
            let lp = amm.lp_token_balance.issue.currency;
            let mut sum = xrpl_proto::amount::IouValue::ZERO;
            for p in &self.players {
                if let Some(line) = ledger.trust_line(&p.account, &amm.account, &lp) {
                    sum = sum.checked_add(line.balance_for(&p.account)).unwrap();
                }
            }
            assert_eq!(sum, amm.lp_token_balance.value, "LP supply");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn random_token_traffic_keeps_the_books(steps in proptest::collection::vec(step(), 1..30)) {
        let mut world = world();
        world.check();
        for step in &steps {
            world.run(step);
            world.check();
        }
    }
}

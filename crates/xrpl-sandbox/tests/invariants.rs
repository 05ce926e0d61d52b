//! Property tests over random transaction sequences, checking the ledger's invariants after
//! every transaction:
//! - XRP is conserved: account balances + escrowed + unclaimed channel XRP + burned fees ==
//!   the genesis supply;
//! - owner counts equal the objects each account owns (lines it reserves, offers, escrows,
//!   channels);
//! - a `tec` result changes nothing but the sender's fee and sequence; `tem`/`tef`/`ter`
//!   change nothing at all.
//!
//! And bad input: random bytes and mutated blobs never panic and never change the ledger.

mod common;

use std::collections::HashMap;

use common::{Lab, Wallet, XRP, iou, pay_iou, pay_xrp, set_flag, trust};
use proptest::prelude::*;
use serde_json::{Value, json};
use xrpl_sandbox::ledger::GENESIS_DROPS;
use xrpl_sandbox::ledger::entry::LedgerEntry;
use xrpl_sandbox::proto::{AccountId, Hash256, keylet};
use xrpl_sandbox::result::TerClass;
use xrpl_sandbox::{Ledger, Ter};

const WALLETS: u8 = 4;

/// One random step a participant may take.
#[derive(Debug, Clone)]
enum Step {
    PayXrp {
        from: u8,
        to: u8,
        drops: u64,
    },
    Trust {
        who: u8,
        limit: u32,
    },
    Issue {
        to: u8,
        value: u32,
    },
    PayUsd {
        from: u8,
        to: u8,
        value: u32,
    },
    Bid {
        who: u8,
        usd: u32,
        xrp: u32,
    },
    Ask {
        who: u8,
        usd: u32,
        xrp: u32,
    },
    Cancel {
        who: u8,
        back: u32,
    },
    Escrow {
        from: u8,
        to: u8,
        drops: u64,
        finish_in: u32,
    },
    Finish {
        who: u8,
        pick: prop::sample::Index,
    },
    Flag {
        who: u8,
        flag: u32,
    },
    Channel {
        from: u8,
        to: u8,
        drops: u64,
    },
    ChannelClose {
        who: u8,
        pick: prop::sample::Index,
    },
    Check {
        from: u8,
        to: u8,
        drops: u64,
    },
    CheckCash {
        who: u8,
        pick: prop::sample::Index,
        drops: u64,
    },
    Tickets {
        who: u8,
        count: u32,
    },
    Wait {
        seconds: u32,
    },
}

fn step() -> impl Strategy<Value = Step> {
    let w = 0..WALLETS;
    prop_oneof![
        (w.clone(), w.clone(), 0u64..3_000 * XRP).prop_map(|(from, to, drops)| Step::PayXrp {
            from,
            to,
            drops
        }),
        (w.clone(), 0u32..2_000).prop_map(|(who, limit)| Step::Trust { who, limit }),
        (w.clone(), 1u32..500).prop_map(|(to, value)| Step::Issue { to, value }),
        (w.clone(), w.clone(), 1u32..300).prop_map(|(from, to, value)| Step::PayUsd {
            from,
            to,
            value
        }),
        (w.clone(), 1u32..100, 1u32..400).prop_map(|(who, usd, xrp)| Step::Bid { who, usd, xrp }),
        (w.clone(), 1u32..100, 1u32..400).prop_map(|(who, usd, xrp)| Step::Ask { who, usd, xrp }),
        (w.clone(), 1u32..6).prop_map(|(who, back)| Step::Cancel { who, back }),
        (w.clone(), w.clone(), 0u64..500 * XRP, 0u32..200).prop_map(
            |(from, to, drops, finish_in)| Step::Escrow {
                from,
                to,
                drops,
                finish_in
            }
        ),
        (w.clone(), any::<prop::sample::Index>())
            .prop_map(|(who, pick)| Step::Finish { who, pick }),
        (
            w.clone(),
            prop_oneof![Just(1u32), Just(7), Just(8), Just(9)]
        )
            .prop_map(|(who, flag)| Step::Flag { who, flag }),
        (w.clone(), w.clone(), 0u64..300 * XRP).prop_map(|(from, to, drops)| Step::Channel {
            from,
            to,
            drops
        }),
        (w.clone(), any::<prop::sample::Index>())
            .prop_map(|(who, pick)| Step::ChannelClose { who, pick }),
        (w.clone(), w.clone(), 0u64..300 * XRP).prop_map(|(from, to, drops)| Step::Check {
            from,
            to,
            drops
        }),
        (w.clone(), any::<prop::sample::Index>(), 1u64..300 * XRP)
            .prop_map(|(who, pick, drops)| Step::CheckCash { who, pick, drops }),
        (w.clone(), 1u32..4).prop_map(|(who, count)| Step::Tickets { who, count }),
        (0u32..300).prop_map(|seconds| Step::Wait { seconds }),
    ]
}

struct World {
    lab: Lab,
    gw: Wallet,
    people: Vec<Wallet>,
    fees_burned: u64,
}

impl World {
    fn new() -> World {
        let mut lab = Lab::new();
        let gw = Wallet::ed(100);
        let people: Vec<Wallet> = (0..WALLETS).map(|n| Wallet::ed(101 + n)).collect();
        lab.fund(&gw, 10_000);
        for p in &people {
            lab.fund(p, 2_000);
        }
        lab.expect(&gw, set_flag(8), Ter::tesSUCCESS);
        let fees_burned = GENESIS_DROPS - lab.ledger.total_drops();
        World {
            lab,
            gw,
            people,
            fees_burned,
        }
    }

    fn tx_for(&self, step: &Step) -> Option<(usize, Value)> {
        let p = |i: u8| &self.people[usize::from(i)];
        let seq_back = |i: u8, back: u32| self.lab.sequence(p(i)).saturating_sub(back);
        let now = self.lab.ledger.last_closed().close_time;
        Some(match step {
            Step::PayXrp { from, to, drops } => (usize::from(*from), pay_xrp(p(*to), *drops)),
            Step::Trust { who, limit } => (
                usize::from(*who),
                trust(&self.gw, "USD", &limit.to_string()),
            ),
            Step::Issue { to, value } => (
                usize::MAX,
                pay_iou(p(*to), iou(&self.gw, "USD", &value.to_string())),
            ),
            Step::PayUsd { from, to, value } => (
                usize::from(*from),
                pay_iou(p(*to), iou(&self.gw, "USD", &value.to_string())),
            ),
            Step::Bid { who, usd, xrp } => (
                usize::from(*who),
                json!({"TransactionType": "OfferCreate", "TakerPays": iou(&self.gw, "USD", &usd.to_string()), "TakerGets": (u64::from(*xrp) * XRP).to_string()}),
            ),
            Step::Ask { who, usd, xrp } => (
                usize::from(*who),
                json!({"TransactionType": "OfferCreate", "TakerGets": iou(&self.gw, "USD", &usd.to_string()), "TakerPays": (u64::from(*xrp) * XRP).to_string()}),
            ),
            Step::Cancel { who, back } => (
                usize::from(*who),
                json!({"TransactionType": "OfferCancel", "OfferSequence": seq_back(*who, *back)}),
            ),
            Step::Escrow {
                from,
                to,
                drops,
                finish_in,
            } => (
                usize::from(*from),
                json!({"TransactionType": "EscrowCreate", "Destination": p(*to).address(), "Amount": drops.to_string(), "FinishAfter": now + finish_in, "CancelAfter": now + finish_in + 100}),
            ),
            Step::Finish { who, pick } => {
                let (key, escrow) = self.pick(pick, LedgerEntry::as_escrow)?;
                // An escrow does not store the sequence that created it: find it by its keylet.
                let seq = (1..10_000).find(|s| keylet::escrow(&escrow.account, *s) == key)?;
                (
                    usize::from(*who),
                    json!({"TransactionType": "EscrowFinish", "Owner": escrow.account.to_classic(), "OfferSequence": seq}),
                )
            }
            Step::Flag { who, flag } => (usize::from(*who), set_flag(*flag)),
            Step::Channel { from, to, drops } => (
                usize::from(*from),
                json!({"TransactionType": "PaymentChannelCreate", "Destination": p(*to).address(), "Amount": drops.to_string(), "SettleDelay": 60, "PublicKey": p(*from).keys.public_key().to_hex()}),
            ),
            Step::ChannelClose { who, pick } => {
                let (id, _) = self.pick(pick, LedgerEntry::as_pay_channel)?;
                (
                    usize::from(*who),
                    json!({"TransactionType": "PaymentChannelClaim", "Channel": id.to_hex(), "Flags": 0x0002_0000}),
                )
            }
            Step::Check { from, to, drops } => (
                usize::from(*from),
                json!({"TransactionType": "CheckCreate", "Destination": p(*to).address(), "SendMax": drops.to_string()}),
            ),
            Step::CheckCash { who, pick, drops } => {
                let (id, _) = self.pick(pick, LedgerEntry::as_check)?;
                (
                    usize::from(*who),
                    json!({"TransactionType": "CheckCash", "CheckID": id.to_hex(), "Amount": drops.to_string()}),
                )
            }
            Step::Tickets { who, count } => (
                usize::from(*who),
                json!({"TransactionType": "TicketCreate", "TicketCount": count}),
            ),
            Step::Wait { .. } => return None,
        })
    }
}

impl World {
    /// One existing object of a kind, chosen by `pick` (None when there is none).
    fn pick<T: Clone>(
        &self,
        pick: &prop::sample::Index,
        kind: impl Fn(&LedgerEntry) -> Option<&T>,
    ) -> Option<(Hash256, T)> {
        let mut found: Vec<(Hash256, T)> = self
            .lab
            .ledger
            .state()
            .iter()
            .filter_map(|(k, e)| kind(e).map(|t| (*k, t.clone())))
            .collect();
        if found.is_empty() {
            return None;
        }
        found.sort_by_key(|(k, _)| *k);
        Some(found.swap_remove(pick.index(found.len())))
    }
}

/// A copy of every object, to compare before and after a transaction.
fn snapshot(ledger: &Ledger) -> HashMap<Hash256, LedgerEntry> {
    ledger
        .state()
        .iter()
        .map(|(k, e)| (*k, e.clone()))
        .collect()
}

fn check_conservation(world: &World) {
    let ledger = &world.lab.ledger;
    let mut held: u64 = 0;
    for (_, entry) in ledger.state().iter() {
        held += match entry {
            LedgerEntry::AccountRoot(a) => a.balance,
            LedgerEntry::Escrow(e) => e.amount,
            LedgerEntry::PayChannel(c) => c.amount - c.balance,
            _ => 0,
        };
    }
    assert_eq!(held, ledger.total_drops(), "XRP held == XRP in existence");
    assert_eq!(
        GENESIS_DROPS - ledger.total_drops(),
        world.fees_burned,
        "only fees are burned"
    );
}

fn check_owner_counts(ledger: &Ledger) {
    let mut owned: HashMap<AccountId, u32> = HashMap::new();
    let mut counts: HashMap<AccountId, u32> = HashMap::new();
    for (_, entry) in ledger.state().iter() {
        match entry {
            LedgerEntry::AccountRoot(a) => {
                counts.insert(a.account, a.owner_count);
            }
            LedgerEntry::RippleState(line) => {
                for side in [line.low, line.high] {
                    if line.has(line.side(&side).reserve) {
                        *owned.entry(side).or_default() += 1;
                    }
                }
            }
            LedgerEntry::Offer(o) => *owned.entry(o.account).or_default() += 1,
            LedgerEntry::Escrow(e) => *owned.entry(e.account).or_default() += 1,
            LedgerEntry::PayChannel(c) => *owned.entry(c.account).or_default() += 1,
            LedgerEntry::Ticket(t) => *owned.entry(t.account).or_default() += 1,
            LedgerEntry::DepositPreauth(p) => *owned.entry(p.account).or_default() += 1,
            LedgerEntry::Did(d) => *owned.entry(d.account).or_default() += 1,
            LedgerEntry::NFTokenPage(p) => *owned.entry(p.owner).or_default() += 1,
            LedgerEntry::NFTokenOffer(o) => *owned.entry(o.owner).or_default() += 1,
            LedgerEntry::MPTokenIssuance(i) => *owned.entry(i.issuer).or_default() += 1,
            LedgerEntry::MPToken(t) => *owned.entry(t.account).or_default() += 1,
            LedgerEntry::Amm(_) => {}
            LedgerEntry::Check(c) => *owned.entry(c.account).or_default() += 1,
            LedgerEntry::DirectoryNode(_) => {}
        }
    }
    for (account, count) in counts {
        assert_eq!(
            owned.get(&account).copied().unwrap_or(0),
            count,
            "owner count of {account}"
        );
    }
}

fn check_failure_effects(
    before: &HashMap<Hash256, LedgerEntry>,
    after: &HashMap<Hash256, LedgerEntry>,
    ter: Ter,
    sender: &AccountId,
    fee: u64,
) {
    match ter.class() {
        TerClass::Success => {}
        TerClass::Claimed => {
            assert_eq!(
                before.len(),
                after.len(),
                "{ter}: no object created or deleted"
            );
            for (key, old) in before {
                let new = &after[key];
                match (old, new) {
                    (LedgerEntry::AccountRoot(o), LedgerEntry::AccountRoot(n))
                        if o.account == *sender =>
                    {
                        assert_eq!(n.balance, o.balance - fee, "{ter}: only the fee is taken");
                        assert_eq!(n.sequence, o.sequence + 1);
                        assert_eq!(n.owner_count, o.owner_count);
                        assert_eq!(n.flags, o.flags);
                    }
                    _ => assert_eq!(old, new, "{ter}: {key} must not change"),
                }
            }
        }
        _ => assert_eq!(before, after, "{ter}: nothing may change"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_sequences_keep_every_invariant(steps in proptest::collection::vec(step(), 1..40)) {
        let mut world = World::new();
        for step in &steps {
            if let Step::Wait { seconds } = step {
                world.lab.ledger.advance_time(*seconds);
                continue;
            }
            let Some((who, tx)) = world.tx_for(step) else { continue };
            let wallet = if who == usize::MAX { &world.gw } else { &world.people[who] };
            let before = snapshot(&world.lab.ledger);
            let tx = world.lab.autofill(wallet, tx);
            let blob = world.lab.sign(wallet, &tx);
            let outcome = world.lab.ledger.submit(&blob).unwrap();
            if outcome.applied {
                world.fees_burned += 10;
            }
            let after = snapshot(&world.lab.ledger);
            check_failure_effects(&before, &after, outcome.result, &wallet.account, 10);
            check_conservation(&world);
            check_owner_counts(&world.lab.ledger);
        }
    }

    #[test]
    fn random_bytes_never_panic_or_change_anything(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let mut lab = Lab::new();
        let before = snapshot(&lab.ledger);
        let _ = lab.ledger.submit(&bytes);
        prop_assert_eq!(before, snapshot(&lab.ledger));
    }

    #[test]
    fn mutated_blobs_never_panic_and_conserve_xrp(at in any::<prop::sample::Index>(), xor in 1u8..=255) {
        let mut world = World::new();
        let (alice, bob) = (&world.people[0], &world.people[1]);
        let tx = world.lab.autofill(alice, pay_xrp(bob, 5 * XRP));
        let mut blob = world.lab.sign(alice, &tx);
        let i = at.index(blob.len());
        blob[i] ^= xor;
        if let Ok(outcome) = world.lab.ledger.submit(&blob) && outcome.applied {
            world.fees_burned += outcome.tx_json["Fee"].as_str().and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
        }
        check_conservation(&world);
    }

    #[test]
    fn random_rpc_requests_always_get_an_answer(method in "[a-z_]{0,16}", field in "[a-z_]{0,12}", value in any::<i64>()) {
        let mut lab = Lab::new();
        for method in [method.as_str(), "account_info", "tx", "submit", "ledger", "book_offers", "ledger_entry"] {
            let response = lab.ledger.rpc(&json!({"method": method, "params": [{field.clone(): value}]}));
            let status = response["result"]["status"].as_str();
            prop_assert!(status == Some("success") || status == Some("error"), "{}", response);
        }
    }
}

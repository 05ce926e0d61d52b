//! The ledger: state, the open ledger, closed-ledger history, the clock and fees — and
//! [`Ledger::submit`], the one way signed transactions change it.
//!
//! Everything is synchronous and owned: the lab wraps a `Ledger` in a mutex and calls it off the
//! async executor; the JSON-RPC face and the faucet are thin layers over the same methods.

pub mod account_extras;
pub mod account_root;
pub mod amm;
pub mod clock;
pub mod did;
pub mod directory;
pub mod entry;
pub mod escrow;
pub mod history;
pub mod mptoken;
pub mod nftoken;
pub mod offer;
pub mod pay_channel;
pub mod read_view;
pub mod ripple_state;
pub mod settings;
pub mod small_objects;
pub mod state;
mod submit;
pub mod time;

use std::path::Path;

use serde_json::Value;
use thiserror::Error;

use crate::apply::view::LedgerContext;
use crate::journal::{Event, Journal, JournalError};
use crate::proto::{AccountId, Hash256, ProtoError, keylet, sha512_half};
use crate::result::Ter;
use account_root::AccountRoot;
use clock::Clock;
use entry::LedgerEntry;
use history::{History, LedgerHeader, TxRecord};
use read_view::{LedgerSelector, ReadView, UndoLog};
use settings::{ClockSource, CloseMode, FeeSettings, LedgerConfig};
use state::StateMap;

/// All XRP that will ever exist, in drops; the genesis account holds it at the start.
pub const GENESIS_DROPS: u64 = 100_000_000_000 * settings::DROPS_PER_XRP;

/// The genesis account's id: `rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh`, the key of the well-known
/// `masterpassphrase` seed, as in every rippled genesis ledger.
pub const GENESIS_ACCOUNT: AccountId = AccountId::from_bytes([
    0xB5, 0xF7, 0x62, 0x79, 0x8A, 0x53, 0xD5, 0x43, 0xA0, 0x14, 0xCA, 0xF8, 0xB2, 0x97, 0xCF, 0xF8,
    0xF2, 0xF9, 0x37, 0xE8,
]);

/// Sequence of the genesis ledger.
const GENESIS_LEDGER_SEQ: u32 = 1;

/// Why a blob was refused before it reached the engine (rippled answers these as RPC errors,
/// not engine results).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SubmitError {
    /// Not a canonical serialised transaction.
    #[error("Invalid transaction: {0}")]
    Malformed(String),
    /// The signature does not verify.
    #[error("fails local checks: Invalid signature.")]
    BadSignature,
    /// The journal could not record the transaction, so it was not applied.
    #[error("the ledger journal could not record the transaction: {0}")]
    Journal(String),
}

impl From<ProtoError> for SubmitError {
    fn from(err: ProtoError) -> Self {
        match err {
            ProtoError::BadSignature => SubmitError::BadSignature,
            ProtoError::Codec(msg) => SubmitError::Malformed(msg),
        }
    }
}

/// What happened to a submitted transaction.
#[derive(Debug, Clone)]
pub struct SubmitOutcome {
    /// The engine result.
    pub result: Ter,
    /// The transaction id.
    pub hash: Hash256,
    /// The decoded transaction.
    pub tx_json: Value,
    /// True when it went into a ledger (`tes…`/`tec…`).
    pub applied: bool,
    /// The ledger it went into.
    pub ledger_index: Option<u32>,
    /// True when that ledger is closed (validated).
    pub validated: bool,
    /// Its metadata, when applied.
    pub meta: Option<Value>,
}

/// A transaction as `tx` finds it.
#[derive(Debug, Clone)]
pub struct TxLookup<'a> {
    /// The stored record.
    pub record: &'a TxRecord,
    /// True once its ledger closed.
    pub validated: bool,
}

/// The sandbox ledger.
#[derive(Debug)]
pub struct Ledger {
    config: LedgerConfig,
    clock: Clock,
    state: StateMap,
    history: History,
    open_seq: u32,
    open_txs: Vec<Hash256>,
    open_since: u32,
    total_drops: u64,
    /// Objects as the last closed ledger had them, for keys the open ledger changed.
    undo: UndoLog,
    /// The genesis key pair, derived on the faucet's first use.
    pub(crate) genesis_keys: Option<xrpl_proto::keys::KeyPair>,
    /// Where inputs are recorded, when the ledger has a data directory.
    journal: Option<Journal>,
}

impl Ledger {
    /// A new ledger: one closed genesis ledger whose genesis account holds all XRP.
    pub fn new(config: LedgerConfig) -> Self {
        let clock = Clock::new(config.clock);
        let now = clock.now();
        let mut state = StateMap::default();
        let mut genesis = AccountRoot::new(GENESIS_ACCOUNT, GENESIS_DROPS, 1);
        genesis.previous_txn.ledger_seq = GENESIS_LEDGER_SEQ;
        state.put(
            keylet::account(&GENESIS_ACCOUNT),
            LedgerEntry::AccountRoot(genesis),
        );
        let mut history = History::default();
        let header = LedgerHeader {
            seq: GENESIS_LEDGER_SEQ,
            hash: ledger_hash(GENESIS_LEDGER_SEQ, &Hash256::ZERO, now, GENESIS_DROPS, &[]),
            parent_hash: Hash256::ZERO,
            close_time: now,
            total_drops: GENESIS_DROPS,
            transactions: Vec::new(),
        };
        history.push_ledger(header);
        Ledger {
            config,
            clock,
            state,
            history,
            open_seq: GENESIS_LEDGER_SEQ + 1,
            open_txs: Vec::new(),
            open_since: now,
            total_drops: GENESIS_DROPS,
            undo: UndoLog::new(),
            genesis_keys: None,
            journal: None,
        }
    }

    /// A ledger that keeps its state in `data_dir`: the journal there is replayed (rebuilding
    /// every ledger, id and metadata), then extended by everything that happens next.
    pub fn open(config: LedgerConfig, data_dir: &Path) -> Result<Ledger, JournalError> {
        let (mut journal, events) = Journal::open(data_dir)?;
        let genesis_time = match events.first() {
            Some(Event::Genesis { now }) => *now,
            _ => Clock::new(config.clock).now(),
        };
        let mut ledger = Ledger::new(LedgerConfig {
            clock: ClockSource::Fixed(genesis_time),
            ..config.clone()
        });
        if events.is_empty() {
            journal.record(&Event::Genesis { now: genesis_time })?;
        }
        let last = ledger.replay(&events).unwrap_or(genesis_time);
        ledger.clock = Clock::new(match config.clock {
            ClockSource::Fixed(t) => ClockSource::Fixed(t.max(last)),
            ClockSource::Real => ClockSource::Real,
        });
        ledger.config = config;
        ledger.journal = Some(journal);
        Ok(ledger)
    }

    fn context(&self) -> LedgerContext {
        LedgerContext {
            ledger_seq: self.open_seq,
            parent_close_time: self.history.last_closed().map_or(0, |l| l.close_time),
            fees: self.config.fees,
            network_id: self.config.network_id,
        }
    }

    /// Answers a rippled JSON-RPC request body with its response body (see [`crate::rpc`]).
    pub fn rpc(&mut self, request: &Value) -> Value {
        self.tick();
        crate::rpc::handle(self, request)
    }

    /// Closes the open ledger (rippled's `ledger_accept`) and returns the new open sequence.
    pub fn ledger_accept(&mut self) -> Result<u32, JournalError> {
        if let Some(journal) = &mut self.journal {
            journal.record(&Event::Accept {
                now: self.clock.now(),
            })?;
        }
        self.close_ledger();
        Ok(self.open_seq)
    }

    fn close_ledger(&mut self) {
        let (parent_hash, parent_close) = self
            .history
            .last_closed()
            .map_or((Hash256::ZERO, 0), |l| (l.hash, l.close_time));
        // Close times never go backwards and never repeat, as in rippled.
        let close_time = self.clock.now().max(parent_close.saturating_add(1));
        let transactions = std::mem::take(&mut self.open_txs);
        let hash = ledger_hash(
            self.open_seq,
            &parent_hash,
            close_time,
            self.total_drops,
            &transactions,
        );
        self.history.push_ledger(LedgerHeader {
            seq: self.open_seq,
            hash,
            parent_hash,
            close_time,
            total_drops: self.total_drops,
            transactions,
        });
        self.open_seq += 1;
        self.open_since = close_time;
        self.undo.clear();
    }

    /// Closes the open ledger when the configured interval has passed.
    fn tick(&mut self) {
        if let CloseMode::Interval(every) = self.config.close {
            let now = self.clock.now();
            let elapsed = u64::from(now.saturating_sub(self.open_since));
            if elapsed >= every.as_secs().max(1) {
                // If the close can't be recorded it doesn't happen; the next call retries.
                if let Some(journal) = &mut self.journal
                    && journal.record(&Event::Close { now }).is_err()
                {
                    return;
                }
                self.close_ledger();
            }
        }
    }

    fn is_validated(&self, seq: u32) -> bool {
        seq <= self.validated_ledger_seq()
    }

    /// The open ledger's sequence (`ledger_current_index`).
    pub fn current_ledger_seq(&self) -> u32 {
        self.open_seq
    }

    /// The last closed, validated ledger's sequence.
    pub fn validated_ledger_seq(&self) -> u32 {
        self.open_seq - 1
    }

    /// The last closed ledger.
    pub fn last_closed(&self) -> &LedgerHeader {
        // There is always at least the genesis ledger.
        self.history
            .last_closed()
            .unwrap_or_else(|| unreachable!("the genesis ledger is never removed"))
    }

    /// Fees and reserves in force.
    pub fn fees(&self) -> FeeSettings {
        self.config.fees
    }

    /// The configuration this ledger runs with.
    pub fn config(&self) -> &LedgerConfig {
        &self.config
    }

    /// The current state (including the open ledger's applied transactions).
    pub fn state(&self) -> &StateMap {
        &self.state
    }

    /// The history of closed ledgers and applied transactions.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// A read-only view of the current or the last validated ledger.
    pub fn read_view(&self, which: LedgerSelector) -> ReadView<'_> {
        match which {
            LedgerSelector::Current => ReadView::current(&self.state),
            LedgerSelector::Validated => ReadView::validated(&self.state, &self.undo),
        }
    }

    /// An account's root, if it exists.
    pub fn account(&self, account: &AccountId) -> Option<&AccountRoot> {
        self.state.account(account)
    }

    /// The trust line between `a` and `b` in `currency`.
    pub fn trust_line(
        &self,
        a: &AccountId,
        b: &AccountId,
        currency: &xrpl_proto::amount::Currency,
    ) -> Option<&ripple_state::RippleState> {
        self.state
            .get(&keylet::line(a, b, currency))?
            .as_ripple_state()
    }

    /// Every object in `account`'s owner directory, in directory order.
    pub fn owned_objects(&self, account: &AccountId) -> Vec<(Hash256, &LedgerEntry)> {
        crate::apply::directory::entries(|k| self.state.get(k), &keylet::owner_dir(account))
            .into_iter()
            .filter_map(|key| self.state.get(&key).map(|entry| (key, entry)))
            .collect()
    }

    /// XRP in existence, in drops (genesis supply minus burned fees).
    pub fn total_drops(&self) -> u64 {
        self.total_drops
    }

    /// A transaction by id.
    pub fn tx(&self, hash: &Hash256) -> Option<TxLookup<'_>> {
        let record = self.history.tx(hash)?;
        Some(TxLookup {
            record,
            validated: self.is_validated(record.ledger_seq),
        })
    }

    /// The ledger clock now (Ripple-epoch seconds).
    pub fn now(&self) -> u32 {
        self.clock.now()
    }

    /// Pins the ledger clock (Ripple-epoch seconds); the next close uses it.
    pub fn set_time(&mut self, ripple_time: u32) {
        self.clock.set(ripple_time);
    }

    /// Moves the ledger clock forward.
    pub fn advance_time(&mut self, seconds: u32) {
        self.clock.advance(seconds);
    }
}

/// A ledger's id. The sandbox keeps no SHAMap, so this hashes the header facts and the
/// transaction ids rather than rippled's tree roots: unique and stable, not rippled-identical.
fn ledger_hash(
    seq: u32,
    parent: &Hash256,
    close_time: u32,
    total_drops: u64,
    txs: &[Hash256],
) -> Hash256 {
    let tx_root = {
        let parts: Vec<&[u8]> = txs.iter().map(|h| h.as_bytes().as_slice()).collect();
        sha512_half(&parts)
    };
    sha512_half(&[
        b"LWR\0",
        &seq.to_be_bytes(),
        &total_drops.to_be_bytes(),
        parent.as_bytes(),
        tx_root.as_bytes(),
        &close_time.to_be_bytes(),
    ])
}

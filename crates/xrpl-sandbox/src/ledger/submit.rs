//! The submit pipeline: signed blobs in, applied transactions out, one or many at a time.
//!
//! One at a time is [`Ledger::submit`]; many at once, with their signatures checked in batches,
//! is [`Ledger::submit_batch`]; the journal replayed on open goes the same way.
//!
//! All three take the same path per blob (seen before? signature, journal, apply, record,
//! close), so their outcomes are the same; batching only changes how signatures are checked.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::history::TxRecord;
use super::settings::CloseMode;
use super::{Ledger, SubmitError, SubmitOutcome};
use crate::apply::apply_transaction;
use crate::apply::view::Change;
use crate::journal::Event;
use crate::proto::{
    AccountId, Hash256, ProtoError, Signer, VerifiedTx, transaction_id, verify_blob_with_id,
    verify_blobs,
};
use crate::result::Ter;

/// How many blobs [`Ledger::submit_batch`] and the journal replay verify together before
/// applying them: a few signature batches' worth.
const SUBMIT_WINDOW: usize = 256;

/// The length of the next replay window at the front of `events`: up to [`SUBMIT_WINDOW`]
/// submits, with the closes among them.
fn replay_window(events: &[Event]) -> usize {
    let mut submits = 0;
    for (i, event) in events.iter().enumerate() {
        if matches!(event, Event::Submit { .. }) {
            if submits == SUBMIT_WINDOW {
                return i;
            }
            submits += 1;
        }
    }
    events.len()
}

/// A blob's signature check: still to make, or made already (with others, in a batch).
enum Checked {
    Later,
    Done(Result<VerifiedTx, ProtoError>),
}

impl Ledger {
    /// Decodes, verifies and applies a signed transaction blob.
    pub fn submit(&mut self, blob: &[u8]) -> Result<SubmitOutcome, SubmitError> {
        self.tick();
        self.submit_checked(blob, Checked::Later, true)
    }

    /// [`submit`](Self::submit) for many blobs, in order: each outcome is exactly what
    /// submitting the blobs one by one gives (each in its own validated ledger when every
    /// transaction closes one). Only cheaper: their ed25519 signatures are checked in batches.
    ///
    /// One caveat comes from the batch equation (see `xrpl_proto::keys`): an ed25519 signature
    /// deliberately built with a small-order component can pass a batch that one-by-one checking
    /// refuses. Ordinary and corrupted signatures cannot. The journal replay is exact even so:
    /// only blobs whose signatures passed when first submitted are ever journaled.
    pub fn submit_batch<B: AsRef<[u8]>>(
        &mut self,
        blobs: &[B],
    ) -> Vec<Result<SubmitOutcome, SubmitError>> {
        let mut outcomes = Vec::with_capacity(blobs.len());
        // Verified a window at a time, so a long batch never holds every decoded transaction.
        for window in blobs.chunks(SUBMIT_WINDOW) {
            let window: Vec<&[u8]> = window.iter().map(AsRef::as_ref).collect();
            for (blob, verified) in window.iter().zip(verify_blobs(&window)) {
                self.tick();
                outcomes.push(self.submit_checked(blob, Checked::Done(verified), true));
            }
        }
        outcomes
    }

    /// Submits `blob`, checking its signature now or taking the check already made.
    fn submit_checked(
        &mut self,
        blob: &[u8],
        checked: Checked,
        record: bool,
    ) -> Result<SubmitOutcome, SubmitError> {
        // A verified blob knows its id already: hashing the blob again is a tenth of the rest.
        let hash = match &checked {
            Checked::Done(Ok(verified)) => verified.hash,
            _ => transaction_id(blob),
        };
        if let Some(done) = self.history.tx(&hash) {
            // The same signed bytes again: already in a ledger, nothing more to do.
            return Ok(SubmitOutcome {
                result: Ter::tefALREADY,
                hash,
                tx_json: done.tx_json(),
                applied: false,
                ledger_index: Some(done.ledger_seq),
                validated: self.is_validated(done.ledger_seq),
                meta: None,
            });
        }
        let verified = match checked {
            // The id is known already: the blob is not hashed a second time.
            Checked::Later => verify_blob_with_id(blob, hash),
            Checked::Done(result) => result,
        }?;
        if record && let Some(journal) = &mut self.journal {
            let event = Event::Submit {
                blob: hex::encode_upper(blob),
                now: self.clock.now(),
            };
            journal
                .record(&event)
                .map_err(|e| SubmitError::Journal(e.to_string()))?;
        }
        let signer = match verified.signer {
            Signer::Key(account) => account,
            // Multi-signing needs a SignerList, which this engine does not keep yet.
            Signer::Multi => {
                return Ok(SubmitOutcome {
                    result: Ter::tefNOT_MULTI_SIGNING,
                    hash,
                    tx_json: verified.json,
                    applied: false,
                    ledger_index: None,
                    validated: false,
                    meta: None,
                });
            }
        };
        Ok(self.apply_verified(blob, verified.json, hash, signer))
    }

    fn apply_verified(
        &mut self,
        blob: &[u8],
        tx_json: Value,
        hash: Hash256,
        signer: AccountId,
    ) -> SubmitOutcome {
        let ctx = self.context();
        let result = apply_transaction(&self.state, ctx, &tx_json, hash, signer);
        let Some(applied) = result.applied else {
            return SubmitOutcome {
                result: result.ter,
                hash,
                tx_json,
                applied: false,
                ledger_index: None,
                validated: false,
                meta: None,
            };
        };
        let fee = tx_json
            .get("Fee")
            .and_then(Value::as_str)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0);
        self.commit(applied.changes);
        self.total_drops -= fee;
        let mut meta = applied.meta;
        insert_sorted(
            &mut meta,
            "TransactionIndex",
            Value::from(self.open_txs.len()),
        );
        let meta = Value::Object(meta);
        self.open_txs.push(hash);
        let ledger_seq = self.open_seq;
        self.history.record_tx(
            TxRecord::new(hash, blob, &meta, ledger_seq),
            &applied.accounts,
        );
        if self.config.close == CloseMode::EveryTransaction {
            self.close_ledger();
        }
        SubmitOutcome {
            result: result.ter,
            hash,
            tx_json,
            applied: true,
            ledger_index: Some(ledger_seq),
            validated: self.is_validated(ledger_seq),
            meta: Some(meta),
        }
    }

    fn commit(&mut self, changes: BTreeMap<Hash256, Change>) {
        for (key, change) in changes {
            if self.config.close != CloseMode::EveryTransaction {
                // Remember the closed ledger's object before the open ledger first changes it.
                let before = self.state.get(&key).cloned();
                self.undo.entry(key).or_insert(before);
            }
            match change {
                Change::Created(entry) | Change::Modified(entry) => self.state.put(key, entry),
                Change::Deleted(_) => self.state.remove(&key),
            }
        }
    }

    /// Replays journaled events (after genesis) and returns the clock's last reading, if any.
    pub(super) fn replay(&mut self, events: &[Event]) -> Option<u32> {
        let mut last = None;
        // Replayed a window at a time: the window's signatures are checked together first.
        let mut rest = events;
        while !rest.is_empty() {
            let window = replay_window(rest);
            let (now_events, later) = rest.split_at(window);
            rest = later;
            let blobs: Vec<Option<Vec<u8>>> = now_events
                .iter()
                .map(|event| match event {
                    Event::Submit { blob, .. } => hex::decode(blob).ok(),
                    _ => None,
                })
                .collect();
            let decodable: Vec<&[u8]> = blobs.iter().flatten().map(Vec::as_slice).collect();
            let mut verified = verify_blobs(&decodable).into_iter();
            for (event, blob) in now_events.iter().zip(&blobs) {
                match event {
                    Event::Genesis { .. } => {}
                    Event::Submit { now, .. } => {
                        self.clock.set(*now);
                        // Only decodable blobs were verified, so only they take a result.
                        if let Some(bytes) = blob
                            && let Some(checked) = verified.next()
                        {
                            // Refusals replay as refusals; only the outcome's effects matter.
                            let _ = self.submit_checked(bytes, Checked::Done(checked), false);
                        }
                        last = Some(*now);
                    }
                    Event::Accept { now } | Event::Close { now } => {
                        self.clock.set(*now);
                        self.close_ledger();
                        last = Some(*now);
                    }
                }
            }
        }
        last
    }
}

fn insert_sorted(map: &mut Map<String, Value>, key: &str, value: Value) {
    map.insert(key.to_owned(), value);
    map.sort_keys();
}

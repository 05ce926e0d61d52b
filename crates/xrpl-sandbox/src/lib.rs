//! An XRP Ledger engine that runs inside the binary: the sandbox behind `--dry-run`.
//!
//! It is a real ledger, not canned answers: it decodes and verifies signed transactions with
//! `xrpl-proto`, applies them with rippled's checks and result codes, keeps balances, reserves,
//! owner counts and ledger objects, and answers rippled's JSON-RPC methods so real XRPL clients
//! can use it as a classroom Testnet. It knows nothing of the lab (modules, runs, dashboards).
//!
//! | module | what |
//! |---|---|
//! | [`ledger`] | state, genesis, fees and reserves, clock, closed-ledger history, [`Ledger::submit`] |
//! | [`apply`] | the pipeline: preflight, preclaim, apply in an all-or-nothing view, fee burn |
//! | [`tx`] | one file per transaction family |
//! | [`faucet`] | a Testnet-style faucet: signed Payments from the genesis wallet |
//! | [`meta`] | `AffectedNodes` metadata |
//! | [`result`] | the engine-result catalogue (`Ter`) |
//! | [`proto`] | the one door to `xrpl-proto` (codec, keys, addresses, keylets) |
//! | [`rpc`] | rippled's JSON-RPC methods over the engine, with rippled's error shapes |
//! | [`faucet`] | Testnet-style funding: signed Payments from the genesis account |
//! | [`journal`] | persistence: the input log replayed on open |
//! | [`condition`] | PREIMAGE-SHA-256 crypto-conditions for escrows |
//!
//! NFTs (XLS-20), MPTs (XLS-33), DIDs (XLS-40) and AMM pools (XLS-30) live in `tx/{nft,mpt,amm}`
//! and `tx/did.rs`, routed by `tx/route.rs`.
//!
//! Not yet: deep freeze, multi-signing and SignerListSet, held (`terPRE_SEQ`) transactions,
//! `ripple_path_find`; a book step takes offers across price levels in one pass where rippled
//! takes one level per pass, so a single-path payment is not stopped by rippled's limit of 30
//! passes that use a pool.
//!
//! The lab holds a [`Ledger`] behind a mutex and calls it off the async executor:
//! [`Ledger::new`] (or [`Ledger::open`] with a data directory), [`Ledger::submit`] for signed
//! blobs ([`Ledger::submit_batch`] for many at once), [`Ledger::faucet`], [`Ledger::rpc`] for
//! anything a rippled client would ask, and typed reads ([`Ledger::account`],
//! [`Ledger::trust_line`], [`Ledger::owned_objects`], [`Ledger::tx`]).

pub mod apply;
pub mod condition;
pub mod faucet;
pub mod journal;
pub mod ledger;
pub mod meta;
pub mod proto;
pub mod result;
pub mod rpc;
pub mod tx;

pub use faucet::{FaucetError, FaucetGrant};
pub use journal::JournalError;
pub use ledger::settings::{ClockSource, CloseMode, FeeSettings, LedgerConfig};
pub use ledger::{Ledger, SubmitError, SubmitOutcome};
pub use proto::AccountId;
pub use result::Ter;

#[cfg(test)]
mod tests {
    #[test]
    fn the_ledger_can_move_to_a_blocking_thread() {
        fn assert_send<T: Send + 'static>() {}
        assert_send::<super::Ledger>();
    }
}

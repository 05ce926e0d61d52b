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
//! | [`meta`] | `AffectedNodes` metadata |
//! | [`result`] | the engine-result catalogue (`Ter`) |
//! | [`proto`] | the one door to `xrpl-proto` (codec, keys, addresses, keylets) |

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

pub use ledger::settings::{ClockSource, CloseMode, FeeSettings, LedgerConfig};
pub use ledger::{Ledger, SubmitError, SubmitOutcome};
pub use proto::AccountId;
pub use result::Ter;

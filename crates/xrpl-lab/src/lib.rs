//! xrpl-lab: the XRP Ledger training workbook.
//!
//! Layers inside this crate, each looking only down the list:
//!
//! | module | what |
//! |---|---|
//! | [`blocking`] | file and engine work moved off the async executor |
//! | [`cli`] | the `xrpl-lab` command line: one file per command |
//! | [`server`] | `xrpl-lab serve`: JSON API, WebSocket run stream, dashboard assets |
//! | [`actions`] | what each module action does, against a transport |
//! | [`ledger_node`] | `xrpl-lab ledger serve`: the sandbox as a local rippled JSON-RPC node and faucet |
//! | [`network`] | which network an endpoint is, explorer links, endpoint env vars, the mainnet guard |
//! | [`runner`] | runs a module step by step and emits [`runner::RunEvent`]s to a sink |
//! | [`curriculum`] | module files, the linter, tracks and canonical order, the action registry |
//! | [`transport`] | how actions reach a ledger: the in-process sandbox, or JSON-RPC to a network |
//! | [`doctor`] | the eight health checks behind `xrpl-lab doctor` and `GET /api/doctor` |
//! | [`workspace`] | learner state and files: wallet, state.json, reports, proof packs, certificates |
//! | [`lab_error`] | the structured error (code, message, hint) every layer reports in |

pub mod actions;
pub mod blocking;
pub mod cli;
pub mod curriculum;
pub mod doctor;
pub mod lab_error;
pub mod ledger_node;
pub mod network;
pub mod runner;
pub mod server;
pub mod transport;
pub mod workspace;

/// The version reported by `--version`, `/api/health` and artifacts.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

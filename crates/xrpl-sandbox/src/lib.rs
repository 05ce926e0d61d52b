//! An XRP Ledger engine that runs inside the binary: the sandbox behind `--dry-run`.
//!
//! It is a real ledger, not canned answers: it decodes and verifies signed transactions with
//! `xrpl-proto`, applies them with rippled's checks and result codes, keeps balances, reserves,
//! owner counts and ledger objects, and answers rippled's JSON-RPC methods so real XRPL clients
//! can use it as a classroom Testnet. It knows nothing of the lab (modules, runs, dashboards).

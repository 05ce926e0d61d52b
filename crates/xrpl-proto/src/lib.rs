//! XRPL protocol primitives, byte for byte with rippled, xrpl.js and xrpl-py.
//!
//! Everything here is pure: no I/O, no async, no clocks. The sandbox ledger decodes and verifies
//! what learners sign with it; the network transport signs what goes to Testnet with it; artifacts
//! carry the hashes it computes.
//!
//! | module | what |
//! |---|---|
//! | [`base58`] | the XRPL alphabet, versioned check-encoding |
//! | [`address`] | account ids, classic `r…` addresses, X-addresses |
//! | [`seed`] | family seeds (`s…` secp256k1, `sEd…` ed25519), generation |
//! | [`keys`] | key pairs for both algorithms, signing and verification |
//! | [`hash`] | SHA-512Half, hash prefixes, transaction ids |
//! | [`keylet`] | ledger-object ids (AccountRoot, RippleState, Offer, directories, …) |
//! | [`definitions`] | `definitions.json`, embedded: fields, types, transaction and ledger formats |
//! | [`amount`] | XRP drops and the XRPL decimal type for issued values, exact arithmetic |
//! | [`codec`] | the binary codec: JSON ↔ canonical bytes, signing serialisations |
//! | [`sign`] | signing a transaction JSON into a blob and its hash |

pub mod address;
pub mod amount;
pub mod base58;
pub mod codec;
pub mod definitions;
pub mod hash;
pub mod keylet;
pub mod keys;
pub mod seed;
pub mod sign;

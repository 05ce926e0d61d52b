//! The MPT family (XLS-33): multi-purpose tokens, a simpler fungible token than trust lines —
//! an issuer creates an MPTokenIssuance, holders opt in with an MPToken, and balances are whole
//! units with one optional transfer fee.
//!
//! | file | what |
//! |---|---|
//! | `transfer.rs` | balances, locks and moving units |
//! | `issuance.rs` | MPTokenIssuanceCreate, MPTokenIssuanceSet (lock/unlock), MPTokenIssuanceDestroy |
//! | `authorize.rs` | MPTokenAuthorize: holder opt-in and opt-out, issuer authorisation |
//! | `payment.rs` | MPT Payments and MPT Clawback (routed here by `tx/route.rs`) |

pub mod authorize;
pub mod issuance;
pub mod payment;
pub mod transfer;

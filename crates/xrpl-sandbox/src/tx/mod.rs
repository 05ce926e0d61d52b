//! The transaction families, one file each, behind one [`Transactor`] shape.
//!
//! Each family does what rippled's transactor for it does, in rippled's three stages:
//! `preflight` (the transaction alone: `tem…`), `preclaim` (against the ledger, before the fee
//! is taken: `tef…`/`ter…`/`tec…`) and `apply` (the effects, inside an [`ApplyView`]).

pub mod account_delete;
pub mod account_set;
pub mod amm;
pub mod check;
pub mod clawback;
pub mod deposit_preauth;
pub mod did;
pub mod escrow;
pub mod fields;
pub mod mpt;
pub mod nft;
pub mod offer;
pub mod pay_channel;
pub mod payment;
pub mod route;
pub mod set_regular_key;
pub mod ticket;
pub mod trust_set;

use serde_json::Value;

use crate::apply::view::ApplyView;
use crate::ledger::settings::FeeSettings;
use crate::proto::{AccountId, Hash256};
use crate::result::Ter;
use fields::TxFields;

/// Flags any transaction may carry (`tfFullyCanonicalSig`, `tfInnerBatchTxn`).
pub const UNIVERSAL_FLAGS: u32 = 0x8000_0000 | 0x4000_0000;

/// The fields every transaction has, already checked.
#[derive(Debug, Clone)]
pub struct Common {
    /// The sending account.
    pub account: AccountId,
    /// The fee, in drops.
    pub fee: u64,
    /// The Sequence (0 when a ticket is used).
    pub sequence: u32,
    /// The TicketSequence, when a ticket is used.
    pub ticket_sequence: Option<u32>,
    /// The Flags.
    pub flags: u32,
    /// The transaction id.
    pub hash: Hash256,
    /// The account's XRP balance before the fee was taken (rippled's `mPriorBalance`).
    pub prior_balance: u64,
    /// True when the master key signed (not the regular key).
    pub signed_with_master: bool,
}

impl Common {
    /// The sequence the transaction consumes (ticket or account sequence): the key of the
    /// objects it creates (offers, escrows, channels, checks).
    pub fn seq_proxy(&self) -> u32 {
        self.ticket_sequence.unwrap_or(self.sequence)
    }
}

/// What a transaction reports beyond its result, for metadata.
#[derive(Debug, Clone, Default)]
pub struct ApplyOutput {
    /// The amount actually delivered (Payments).
    pub delivered_amount: Option<Value>,
    /// True for a partial payment: rippled then also records `DeliveredAmount` in the metadata.
    pub partial: bool,
}

/// One transaction family's rules.
pub trait Transactor: Sized {
    /// Checks the transaction on its own; `Err` is a `tem…` (or other not-applied) result.
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter>;

    /// The smallest fee this transaction may pay (most pay exactly the reference fee; a few
    /// cost more).
    fn required_fee(&self, fees: &FeeSettings) -> u64 {
        fees.base_fee
    }

    /// Checks against the ledger before the fee is taken. A `tec…` here is still claimed.
    fn preclaim(&self, _view: &ApplyView<'_>, _common: &Common) -> Ter {
        Ter::tesSUCCESS
    }

    /// Applies the effects; the fee is already taken and the sequence consumed.
    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, out: &mut ApplyOutput) -> Ter;
}

macro_rules! families {
    ($($name:literal => $variant:ident($ty:ty),)+) => {
        /// A transaction that passed preflight, ready for preclaim and apply.
        pub enum Prepared {
            $(
                #[doc = concat!("A ", $name, ".")]
                $variant($ty),
            )+
        }

        impl Prepared {
            /// Runs the family's preflight for `tx_type`.
            pub fn preflight(tx_type: &str, tx: TxFields<'_>, flags: u32) -> Result<Prepared, Ter> {
                match tx_type {
                    $($name => <$ty>::preflight(tx, flags).map(Prepared::$variant),)+
                    _ => Err(Ter::temUNKNOWN),
                }
            }

            /// The smallest fee the transaction may pay.
            pub fn required_fee(&self, fees: &FeeSettings) -> u64 {
                match self { $(Prepared::$variant(t) => t.required_fee(fees),)+ }
            }

            /// Runs the family's preclaim.
            pub fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
                match self { $(Prepared::$variant(t) => t.preclaim(view, common),)+ }
            }

            /// Runs the family's apply.
            pub fn apply(&self, view: &mut ApplyView<'_>, common: &Common, out: &mut ApplyOutput) -> Ter {
                match self { $(Prepared::$variant(t) => t.apply(view, common, out),)+ }
            }
        }
    };
}

families! {
    "Payment" => Payment(route::AnyPayment),
    "AccountSet" => AccountSet(nft::minter::AccountSetWithMinter),
    "SetRegularKey" => SetRegularKey(set_regular_key::SetRegularKey),
    "TrustSet" => TrustSet(trust_set::TrustSet),
    "Clawback" => Clawback(route::AnyClawback),
    "OfferCreate" => OfferCreate(offer::OfferCreate),
    "OfferCancel" => OfferCancel(offer::OfferCancel),
    "EscrowCreate" => EscrowCreate(escrow::EscrowCreate),
    "PaymentChannelCreate" => PaymentChannelCreate(pay_channel::PaymentChannelCreate),
    "PaymentChannelFund" => PaymentChannelFund(pay_channel::PaymentChannelFund),
    "PaymentChannelClaim" => PaymentChannelClaim(pay_channel::PaymentChannelClaim),
    "DepositPreauth" => DepositPreauth(deposit_preauth::DepositPreauth),
    "TicketCreate" => TicketCreate(ticket::TicketCreate),
    "AccountDelete" => AccountDelete(account_delete::AccountDelete),
    "CheckCreate" => CheckCreate(check::CheckCreate),
    "CheckCash" => CheckCash(check::CheckCash),
    "CheckCancel" => CheckCancel(check::CheckCancel),
    "EscrowFinish" => EscrowFinish(escrow::EscrowFinish),
    "EscrowCancel" => EscrowCancel(escrow::EscrowCancel),
    "DIDSet" => DidSet(did::DidSet),
    "DIDDelete" => DidDelete(did::DidDelete),
    "NFTokenMint" => NFTokenMint(nft::mint::NFTokenMint),
    "NFTokenBurn" => NFTokenBurn(nft::mint::NFTokenBurn),
    "NFTokenModify" => NFTokenModify(nft::mint::NFTokenModify),
    "NFTokenCreateOffer" => NFTokenCreateOffer(nft::offer::NFTokenCreateOffer),
    "NFTokenCancelOffer" => NFTokenCancelOffer(nft::offer::NFTokenCancelOffer),
    "NFTokenAcceptOffer" => NFTokenAcceptOffer(nft::accept::NFTokenAcceptOffer),
    "MPTokenIssuanceCreate" => MPTokenIssuanceCreate(mpt::issuance::MPTokenIssuanceCreate),
    "MPTokenIssuanceSet" => MPTokenIssuanceSet(mpt::issuance::MPTokenIssuanceSet),
    "MPTokenIssuanceDestroy" => MPTokenIssuanceDestroy(mpt::issuance::MPTokenIssuanceDestroy),
    "MPTokenAuthorize" => MPTokenAuthorize(mpt::authorize::MPTokenAuthorize),
    "AMMCreate" => AmmCreate(amm::create::AmmCreate),
    "AMMDeposit" => AmmDeposit(amm::deposit::AmmDeposit),
    "AMMWithdraw" => AmmWithdraw(amm::withdraw::AmmWithdraw),
    "AMMDelete" => AmmDelete(amm::withdraw::AmmDelete),
    "AMMVote" => AmmVote(amm::vote::AmmVote),
    "AMMBid" => AmmBid(amm::bid::AmmBid),
}

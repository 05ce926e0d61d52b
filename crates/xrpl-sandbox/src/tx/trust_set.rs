//! TrustSet: creating, changing and removing a trust line — limits, NoRipple, freeze,
//! authorisation and qualities — with rippled's reserve rules.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/trustset>,
//! <https://xrpl.org/docs/concepts/tokens/fungible-tokens> (reserves, freezes, authorized lines).

use super::fields::{Amount, TxFields};
use super::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use crate::apply::trust_line::{self, QUALITY_ONE};
use crate::apply::view::ApplyView;
use crate::ledger::account_root::flags as lsf;
use crate::proto::AccountId;
use crate::result::Ter;
use xrpl_proto::amount::{Currency, IouValue};

/// `tfSetfAuth`: authorise the peer to hold the tokens this account issues.
pub const TF_SET_AUTH: u32 = 0x0001_0000;
/// `tfSetNoRipple`.
pub const TF_SET_NO_RIPPLE: u32 = 0x0002_0000;
/// `tfClearNoRipple`.
pub const TF_CLEAR_NO_RIPPLE: u32 = 0x0004_0000;
/// `tfSetFreeze`.
pub const TF_SET_FREEZE: u32 = 0x0010_0000;
/// `tfClearFreeze`.
pub const TF_CLEAR_FREEZE: u32 = 0x0020_0000;

const ALLOWED_FLAGS: u32 = UNIVERSAL_FLAGS
    | TF_SET_AUTH
    | TF_SET_NO_RIPPLE
    | TF_CLEAR_NO_RIPPLE
    | TF_SET_FREEZE
    | TF_CLEAR_FREEZE;

/// A TrustSet that passed preflight.
#[derive(Debug, Clone)]
pub struct TrustSet {
    peer: AccountId,
    currency: Currency,
    limit: IouValue,
    quality_in: Option<u32>,
    quality_out: Option<u32>,
    set_auth: bool,
    set_no_ripple: bool,
    clear_no_ripple: bool,
    set_freeze: bool,
    clear_freeze: bool,
}

/// A quality of exactly 1.0 is stored as "unset".
fn normalise_quality(q: Option<u32>) -> Option<u32> {
    q.map(|q| if q == QUALITY_ONE { 0 } else { q })
}

impl Transactor for TrustSet {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !ALLOWED_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let account = tx.account("Account")?.ok_or(Ter::temBAD_SRC_ACCOUNT)?;
        let limit = match tx.amount("LimitAmount")? {
            Some(Amount::Issued(a)) => a,
            Some(_) => return Err(Ter::temBAD_LIMIT),
            None => return Err(Ter::temBAD_LIMIT),
        };
        if limit.value.is_negative() {
            return Err(Ter::temBAD_LIMIT);
        }
        let peer = limit.issue.issuer;
        if peer == AccountId::ZERO {
            return Err(Ter::temDST_NEEDED);
        }
        // A line to yourself means nothing.
        if peer == account {
            return Err(Ter::temDST_IS_SRC);
        }
        Ok(TrustSet {
            peer,
            currency: limit.issue.currency,
            limit: limit.value,
            quality_in: normalise_quality(tx.u32("QualityIn")?),
            quality_out: normalise_quality(tx.u32("QualityOut")?),
            set_auth: flags & TF_SET_AUTH != 0,
            set_no_ripple: flags & TF_SET_NO_RIPPLE != 0,
            clear_no_ripple: flags & TF_CLEAR_NO_RIPPLE != 0,
            set_freeze: flags & TF_SET_FREEZE != 0,
            clear_freeze: flags & TF_CLEAR_FREEZE != 0,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        let Some(root) = view.account(&common.account) else {
            return Ter::terNO_ACCOUNT;
        };
        // Authorising a holder only means something for an issuer that requires it.
        if self.set_auth && !root.has_flag(lsf::REQUIRE_AUTH) {
            return Ter::tefNO_AUTH_REQUIRED;
        }
        // https://xrpl.org/docs/concepts/tokens/fungible-tokens/freezes: an issuer that gave up
        // freezing can't freeze, and one transaction can't both freeze and unfreeze.
        if self.set_freeze && (self.clear_freeze || root.has_flag(lsf::NO_FREEZE)) {
            return Ter::tecNO_PERMISSION;
        }
        Ter::tesSUCCESS
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let me = common.account;
        if view.account(&self.peer).is_none() {
            return Ter::tecNO_DST;
        }
        let Some(root) = view.account(&me) else {
            return Ter::tefINTERNAL;
        };
        // The first two owned objects need no extra reserve for a trust line.
        let reserve_create = if root.owner_count < 2 {
            0
        } else {
            view.ctx.fees.account_reserve(root.owner_count + 1)
        };
        match trust_line::read(view, &me, &self.peer, &self.currency) {
            Some(line) => self.modify(view, common, line, reserve_create),
            None => self.create(view, common, reserve_create),
        }
    }
}

impl TrustSet {
    fn create(&self, view: &mut ApplyView<'_>, common: &Common, reserve_create: u64) -> Ter {
        let me = common.account;
        let nothing_to_say = self.limit.is_zero()
            && self.quality_in.unwrap_or(0) == 0
            && self.quality_out.unwrap_or(0) == 0
            && !self.set_auth;
        if nothing_to_say {
            return Ter::tecNO_LINE_REDUNDANT;
        }
        if common.prior_balance < reserve_create {
            return Ter::tecNO_LINE_INSUF_RESERVE;
        }
        trust_line::create(view, &me, &self.peer, &self.currency, |line| {
            let side = line.side(&me);
            line.set_limit_of(&me, self.limit);
            line.set_qualities_of(
                &me,
                self.quality_in.unwrap_or(0),
                self.quality_out.unwrap_or(0),
            );
            if self.set_auth {
                line.flags |= side.auth;
            }
            if self.set_no_ripple && !self.clear_no_ripple {
                line.flags |= side.no_ripple;
            }
            if self.set_freeze {
                line.flags |= side.freeze;
            }
        });
        Ter::tesSUCCESS
    }

    fn modify(
        &self,
        view: &mut ApplyView<'_>,
        common: &Common,
        mut line: crate::ledger::ripple_state::RippleState,
        reserve_create: u64,
    ) -> Ter {
        let me = common.account;
        let side = line.side(&me);
        line.set_limit_of(&me, self.limit);
        let (old_in, old_out) = line.qualities_of(&me);
        line.set_qualities_of(
            &me,
            self.quality_in.unwrap_or(old_in),
            self.quality_out.unwrap_or(old_out),
        );
        if self.set_auth {
            line.flags |= side.auth;
        }
        if self.set_no_ripple && !self.clear_no_ripple {
            // NoRipple can only be set by a side that does not owe on this line.
            if line.balance_for(&me).is_negative() {
                return Ter::tecNO_PERMISSION;
            }
            line.flags |= side.no_ripple;
        } else if self.clear_no_ripple && !self.set_no_ripple {
            line.flags &= !side.no_ripple;
        }
        if self.set_freeze {
            line.flags |= side.freeze;
        } else if self.clear_freeze {
            line.flags &= !side.freeze;
        }

        // Each side holds a reserve exactly while it is not in its default state.
        let mut reserve_increase = false;
        for account in [line.low, line.high] {
            let flags = line.side(&account);
            let default = trust_line::side_is_default(view, &line, &account);
            if !default && !line.has(flags.reserve) {
                line.flags |= flags.reserve;
                view.adjust_owner_count(&account, 1);
                reserve_increase |= account == me;
            } else if default && line.has(flags.reserve) {
                line.flags &= !flags.reserve;
                view.adjust_owner_count(&account, -1);
            }
        }
        let both_default = !line.has(crate::ledger::ripple_state::flags::LOW_RESERVE)
            && !line.has(crate::ledger::ripple_state::flags::HIGH_RESERVE)
            && line.balance.is_zero();
        if both_default {
            trust_line::delete(view, &line);
            return Ter::tesSUCCESS;
        }
        if reserve_increase && common.prior_balance < reserve_create {
            return Ter::tecINSUF_RESERVE_LINE;
        }
        trust_line::write(view, line);
        Ter::tesSUCCESS
    }
}

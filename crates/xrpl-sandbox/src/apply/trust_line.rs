//! Trust-line bookkeeping inside a view: reading a line from either side, creating and deleting
//! lines with their directory entries and reserves, moving IOUs along a line, and the freeze
//! and transfer-rate facts payments and offers consult.
//!
//! The reserve rules are rippled's: a side "owns" the line (holds a reserve for it, and counts
//! it in its owner count) exactly while its side is not in the default state — a limit, a
//! positive balance, a freeze, a quality or a NoRipple setting that differs from its account's
//! DefaultRipple. A line whose two sides are both default is deleted.

use super::directory;
use super::view::ApplyView;
use crate::ledger::account_root::flags as lsf;
use crate::ledger::entry::LedgerEntry;
use crate::ledger::ripple_state::RippleState;
use crate::proto::{AccountId, keylet};
use crate::result::Ter;
use xrpl_proto::amount::{Currency, IouValue};

/// A transfer rate of 1.0, in billionths.
pub const QUALITY_ONE: u32 = 1_000_000_000;

/// The line between `a` and `b` in `currency`.
pub fn read(
    view: &ApplyView<'_>,
    a: &AccountId,
    b: &AccountId,
    currency: &Currency,
) -> Option<RippleState> {
    view.read(&keylet::line(a, b, currency))?
        .as_ripple_state()
        .cloned()
}

/// Writes a line back.
pub fn write(view: &mut ApplyView<'_>, line: RippleState) {
    let key = keylet::line(&line.low, &line.high, &line.currency);
    if view.exists(&key) {
        view.update(key, LedgerEntry::RippleState(line));
    } else {
        view.insert(key, LedgerEntry::RippleState(line));
    }
}

/// Creates a line on behalf of `owner` (who takes the reserve) towards `peer`, listed in both
/// owner directories. The peer's side starts NoRipple unless the peer set DefaultRipple.
pub fn create(
    view: &mut ApplyView<'_>,
    owner: &AccountId,
    peer: &AccountId,
    currency: &Currency,
    mut configure: impl FnMut(&mut RippleState),
) -> RippleState {
    let mut line = RippleState::new(*owner, *peer, *currency);
    let key = keylet::line(owner, peer, currency);
    line.flags |= line.side(owner).reserve;
    let peer_default_ripple = view
        .account(peer)
        .is_some_and(|p| p.has_flag(lsf::DEFAULT_RIPPLE));
    if !peer_default_ripple {
        line.flags |= line.side(peer).no_ripple;
    }
    configure(&mut line);
    line.low_node = directory::add_owned(view, &line.low, key);
    line.high_node = directory::add_owned(view, &line.high, key);
    view.insert(key, LedgerEntry::RippleState(line.clone()));
    view.adjust_owner_count(owner, 1);
    line
}

/// Deletes a line and its two directory entries (reserves must already be released).
pub fn delete(view: &mut ApplyView<'_>, line: &RippleState) {
    let key = keylet::line(&line.low, &line.high, &line.currency);
    directory::remove_owned(view, &line.low, &key);
    directory::remove_owned(view, &line.high, &key);
    view.erase(&key);
}

/// True when `account`'s side of the line is in its default state (it would hold no reserve).
pub fn side_is_default(view: &ApplyView<'_>, line: &RippleState, account: &AccountId) -> bool {
    let side = line.side(account);
    let default_ripple = view
        .account(account)
        .is_some_and(|a| a.has_flag(lsf::DEFAULT_RIPPLE));
    let (quality_in, quality_out) = line.qualities_of(account);
    line.limit_of(account).is_zero()
        && !line.balance_for(account).is_positive()
        && !line.has(side.freeze)
        && quality_in == 0
        && quality_out == 0
        && line.has(side.no_ripple) != default_ripple
}

/// Moves `amount` of IOUs from `sender` to `receiver` along their line (which must exist):
/// the receiver's balance rises, the sender's falls. Releases the sender's reserve, and deletes
/// the line, when that leaves the sender's side default (rippled's `rippleCredit`).
pub fn credit(
    view: &mut ApplyView<'_>,
    sender: &AccountId,
    receiver: &AccountId,
    currency: &Currency,
    amount: IouValue,
) -> Result<(), Ter> {
    let mut line = read(view, sender, receiver, currency).ok_or(Ter::tecNO_LINE)?;
    let before = line.balance_for(sender);
    let after = before.checked_sub(amount).map_err(|_| Ter::tecINTERNAL)?;
    line.set_balance_for(sender, after);
    let sender_side = line.side(sender);
    let receiver_side = line.side(receiver);
    if before.is_positive()
        && !after.is_positive()
        && line.has(sender_side.reserve)
        && side_is_default(view, &line, sender)
    {
        view.adjust_owner_count(sender, -1);
        line.flags &= !sender_side.reserve;
        if after.is_zero() && !line.has(receiver_side.reserve) {
            delete(view, &line);
            return Ok(());
        }
    }
    write(view, line);
    Ok(())
}

/// True when `issuer` froze `holder`'s line in `currency`, or froze everything it issued.
pub fn is_frozen(
    view: &ApplyView<'_>,
    holder: &AccountId,
    currency: &Currency,
    issuer: &AccountId,
) -> bool {
    if holder == issuer {
        return false;
    }
    if view
        .account(issuer)
        .is_some_and(|a| a.has_flag(lsf::GLOBAL_FREEZE))
    {
        return true;
    }
    read(view, holder, issuer, currency).is_some_and(|line| line.has(line.side(issuer).freeze))
}

/// How many of `issuer`'s `currency` IOUs `holder` can spend: its balance, or zero if frozen.
pub fn spendable(
    view: &ApplyView<'_>,
    holder: &AccountId,
    currency: &Currency,
    issuer: &AccountId,
) -> IouValue {
    if is_frozen(view, holder, currency, issuer) {
        return IouValue::ZERO;
    }
    read(view, holder, issuer, currency)
        .map(|line| line.balance_for(holder))
        .filter(|b| b.is_positive())
        .unwrap_or(IouValue::ZERO)
}

/// `issuer`'s transfer rate as a multiplier (1.0 when unset).
pub fn transfer_rate(view: &ApplyView<'_>, issuer: &AccountId) -> u32 {
    view.account(issuer)
        .and_then(|a| a.transfer_rate)
        .unwrap_or(QUALITY_ONE)
}

/// Like [`credit`], but a receiver without a line gets one (zero limit, its reserve), as
/// happens when crossing an offer delivers a token the taker never trusted.
pub fn credit_creating(
    view: &mut ApplyView<'_>,
    sender: &AccountId,
    receiver: &AccountId,
    currency: &Currency,
    amount: IouValue,
) -> Result<(), Ter> {
    if read(view, sender, receiver, currency).is_some() {
        return credit(view, sender, receiver, currency, amount);
    }
    create(view, receiver, sender, currency, |line| {
        line.set_balance_for(receiver, amount);
    });
    Ok(())
}

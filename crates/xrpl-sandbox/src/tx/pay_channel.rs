//! PaymentChannelCreate, PaymentChannelFund, PaymentChannelClaim: XRP set aside for one
//! destination and paid out by claims the source signs off-ledger.
//!
//! The deposit leaves the source's balance on create and fund; a claim moves the newly claimed
//! part to the destination; closing returns what was never claimed to the source. Channel times
//! (Expiration, CancelAfter, SettleDelay) compare against the parent ledger's close time.
//! Rules: <https://xrpl.org/docs/concepts/payment-types/payment-channels> and the three
//! transaction pages under <https://xrpl.org/docs/references/protocol/transactions/types>.

use super::fields::{Amount, TxFields, is_legal_positive_xrp};
use super::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use crate::apply::directory;
use crate::apply::view::ApplyView;
use crate::ledger::account_root::flags as lsf;
use crate::ledger::entry::{LedgerEntry, Threading};
use crate::ledger::pay_channel::PayChannel;
use crate::proto::{AccountId, Hash256, is_public_key, keylet, verify_claim};
use crate::result::Ter;

/// `tfRenew`: clear the channel's Expiration (source only).
pub const TF_RENEW: u32 = 0x0001_0000;
/// `tfClose`: close now (destination) or after the settle delay (source).
pub const TF_CLOSE: u32 = 0x0002_0000;

fn xrp_amount(tx: &TxFields<'_>, field: &str) -> Result<Option<u64>, Ter> {
    match tx.amount(field)? {
        None => Ok(None),
        Some(Amount::Xrp(d)) if is_legal_positive_xrp(d.get()) => Ok(Some(d.get() as u64)),
        Some(_) => Err(Ter::temBAD_AMOUNT),
    }
}

fn read_channel(view: &ApplyView<'_>, key: &Hash256) -> Option<PayChannel> {
    view.read(key)?.as_pay_channel().cloned()
}

fn put_channel(view: &mut ApplyView<'_>, key: Hash256, channel: PayChannel) {
    view.update(key, LedgerEntry::PayChannel(channel));
}

/// True once the channel's CancelAfter or Expiration has passed.
fn is_expired(view: &ApplyView<'_>, channel: &PayChannel) -> bool {
    let now = view.ctx.parent_close_time;
    channel.cancel_after.is_some_and(|t| now >= t) || channel.expiration.is_some_and(|t| now >= t)
}

/// Closes a channel: the unclaimed rest goes back to the source, the object goes away.
fn close(view: &mut ApplyView<'_>, key: &Hash256, channel: &PayChannel) -> Ter {
    directory::remove_owned(view, &channel.account, key);
    if channel.destination_node.is_some() {
        directory::remove_owned(view, &channel.destination, key);
    }
    view.erase(key);
    let Some(mut source) = view.account(&channel.account) else {
        return Ter::tefINTERNAL;
    };
    source.balance = source
        .balance
        .saturating_add(channel.amount.saturating_sub(channel.balance));
    source.owner_count = source.owner_count.saturating_sub(1);
    view.put_account(source);
    Ter::tesSUCCESS
}

/// A PaymentChannelCreate that passed preflight.
#[derive(Debug, Clone)]
pub struct PaymentChannelCreate {
    destination: AccountId,
    amount: u64,
    settle_delay: u32,
    public_key: Vec<u8>,
    cancel_after: Option<u32>,
    source_tag: Option<u32>,
    destination_tag: Option<u32>,
}

impl Transactor for PaymentChannelCreate {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let account = tx.account("Account")?.ok_or(Ter::temBAD_SRC_ACCOUNT)?;
        let amount = xrp_amount(&tx, "Amount")?.ok_or(Ter::temBAD_AMOUNT)?;
        let destination = tx.account("Destination")?.ok_or(Ter::temDST_NEEDED)?;
        if destination == account {
            return Err(Ter::temDST_IS_SRC);
        }
        let public_key = tx.blob("PublicKey")?.ok_or(Ter::temMALFORMED)?;
        if !is_public_key(&public_key) {
            return Err(Ter::temMALFORMED);
        }
        Ok(PaymentChannelCreate {
            destination,
            amount,
            settle_delay: tx.u32("SettleDelay")?.ok_or(Ter::temMALFORMED)?,
            public_key,
            cancel_after: tx.u32("CancelAfter")?,
            source_tag: tx.u32("SourceTag")?,
            destination_tag: tx.u32("DestinationTag")?,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        let Some(source) = view.account(&common.account) else {
            return Ter::terNO_ACCOUNT;
        };
        let reserve = view.ctx.fees.account_reserve(source.owner_count + 1);
        if source.balance < reserve {
            return Ter::tecINSUFFICIENT_RESERVE;
        }
        if source.balance < reserve.saturating_add(self.amount) {
            return Ter::tecUNFUNDED;
        }
        match view.account(&self.destination) {
            None => Ter::tecNO_DST,
            Some(d) if d.has_flag(lsf::REQUIRE_DEST_TAG) && self.destination_tag.is_none() => {
                Ter::tecDST_TAG_NEEDED
            }
            Some(_) => Ter::tesSUCCESS,
        }
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        if self
            .cancel_after
            .is_some_and(|t| view.ctx.parent_close_time >= t)
        {
            return Ter::tecEXPIRED;
        }
        let key = keylet::pay_channel(&common.account, &self.destination, common.seq_proxy());
        let owner_node = directory::add_owned(view, &common.account, key);
        let destination_node = Some(directory::add_owned(view, &self.destination, key));
        view.insert(
            key,
            LedgerEntry::PayChannel(PayChannel {
                account: common.account,
                destination: self.destination,
                amount: self.amount,
                balance: 0,
                public_key: self.public_key.clone(),
                settle_delay: self.settle_delay,
                expiration: None,
                cancel_after: self.cancel_after,
                source_tag: self.source_tag,
                destination_tag: self.destination_tag,
                owner_node,
                destination_node,
                previous_txn: Threading::default(),
            }),
        );
        let Some(mut source) = view.account(&common.account) else {
            return Ter::tefINTERNAL;
        };
        source.balance -= self.amount;
        source.owner_count += 1;
        view.put_account(source);
        Ter::tesSUCCESS
    }
}

/// A PaymentChannelFund that passed preflight.
#[derive(Debug, Clone)]
pub struct PaymentChannelFund {
    channel: Hash256,
    amount: u64,
    expiration: Option<u32>,
}

impl Transactor for PaymentChannelFund {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        Ok(PaymentChannelFund {
            channel: tx.hash256("Channel")?.ok_or(Ter::temMALFORMED)?,
            amount: xrp_amount(&tx, "Amount")?.ok_or(Ter::temBAD_AMOUNT)?,
            expiration: tx.u32("Expiration")?,
        })
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let Some(mut channel) = read_channel(view, &self.channel) else {
            return Ter::tecNO_ENTRY;
        };
        if channel.account != common.account {
            return Ter::tecNO_PERMISSION;
        }
        if is_expired(view, &channel) {
            return close(view, &self.channel, &channel);
        }
        if let Some(extend) = self.expiration {
            // A new expiration can't cut the destination's settle delay short.
            let mut earliest = view
                .ctx
                .parent_close_time
                .saturating_add(channel.settle_delay);
            if let Some(current) = channel.expiration {
                earliest = earliest.min(current);
            }
            if extend < earliest {
                return Ter::temBAD_EXPIRATION;
            }
            channel.expiration = Some(extend);
        }
        let Some(mut source) = view.account(&common.account) else {
            return Ter::tefINTERNAL;
        };
        let reserve = view.ctx.fees.account_reserve(source.owner_count);
        if source.balance < reserve {
            return Ter::tecINSUFFICIENT_RESERVE;
        }
        if source.balance < reserve.saturating_add(self.amount) {
            return Ter::tecUNFUNDED;
        }
        source.balance -= self.amount;
        channel.amount = channel.amount.saturating_add(self.amount);
        view.put_account(source);
        put_channel(view, self.channel, channel);
        Ter::tesSUCCESS
    }
}

/// A PaymentChannelClaim that passed preflight.
#[derive(Debug, Clone)]
pub struct PaymentChannelClaim {
    channel: Hash256,
    balance: Option<u64>,
    signed: Option<(Vec<u8>, Vec<u8>)>,
    renew: bool,
    close: bool,
}

impl Transactor for PaymentChannelClaim {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !(UNIVERSAL_FLAGS | TF_RENEW | TF_CLOSE) != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let renew = flags & TF_RENEW != 0;
        let close = flags & TF_CLOSE != 0;
        if renew && close {
            return Err(Ter::temMALFORMED);
        }
        let channel = tx.hash256("Channel")?.ok_or(Ter::temMALFORMED)?;
        let balance = xrp_amount(&tx, "Balance")?;
        let authorised = xrp_amount(&tx, "Amount")?;
        if let (Some(b), Some(a)) = (balance, authorised)
            && b > a
        {
            return Err(Ter::temBAD_AMOUNT);
        }
        let signed = match tx.blob("Signature")? {
            None => None,
            Some(signature) => {
                // A signed claim needs the key and the balance it authorises.
                let key = tx.blob("PublicKey")?.ok_or(Ter::temMALFORMED)?;
                let (Some(_), Some(authorised)) = (balance, authorised) else {
                    return Err(Ter::temMALFORMED);
                };
                if !verify_claim(&channel, authorised, &key, &signature) {
                    return Err(Ter::temBAD_SIGNATURE);
                }
                Some((key, signature))
            }
        };
        Ok(PaymentChannelClaim {
            channel,
            balance,
            signed,
            renew,
            close,
        })
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let Some(mut channel) = read_channel(view, &self.channel) else {
            return Ter::tecNO_TARGET;
        };
        let me = common.account;
        let (source, destination) = (channel.account, channel.destination);
        if me != source && me != destination {
            return Ter::tecNO_PERMISSION;
        }
        if is_expired(view, &channel) {
            return close(view, &self.channel, &channel);
        }
        if let Some(requested) = self.balance {
            // The destination needs the source's signature; the source can just pay.
            if me == destination && self.signed.is_none() {
                return Ter::temBAD_SIGNATURE;
            }
            if let Some((key, _)) = &self.signed
                && *key != channel.public_key
            {
                return Ter::temBAD_SIGNER;
            }
            if requested > channel.amount {
                return Ter::tecUNFUNDED_PAYMENT;
            }
            if requested <= channel.balance {
                // Nothing new to pay.
                return Ter::tecUNFUNDED_PAYMENT;
            }
            let Some(mut receiver) = view.account(&destination) else {
                return Ter::tecNO_DST;
            };
            if me != destination
                && receiver.has_flag(lsf::DEPOSIT_AUTH)
                && !view.exists(&keylet::deposit_preauth(&destination, &me))
            {
                return Ter::tecNO_PERMISSION;
            }
            receiver.balance = receiver.balance.saturating_add(requested - channel.balance);
            view.put_account(receiver);
            channel.balance = requested;
            put_channel(view, self.channel, channel.clone());
        }
        if self.renew {
            if me != source {
                return Ter::tecNO_PERMISSION;
            }
            channel.expiration = None;
            put_channel(view, self.channel, channel.clone());
        }
        if self.close {
            // The destination, or a fully claimed channel, closes at once; the source must
            // leave the destination its settle delay to claim what it is owed.
            if me == destination || channel.balance == channel.amount {
                return close(view, &self.channel, &channel);
            }
            let settle = view
                .ctx
                .parent_close_time
                .saturating_add(channel.settle_delay);
            if channel.expiration.is_none_or(|e| e > settle) {
                channel.expiration = Some(settle);
            }
            put_channel(view, self.channel, channel);
        }
        Ter::tesSUCCESS
    }
}

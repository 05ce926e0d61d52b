//! NFTokenAcceptOffer: a sale. Direct (the buyer accepts a sell offer, or the owner accepts a
//! buy offer) or brokered (a third party matches a buy and a sell offer and keeps a fee).
//!
//! Money moves before the token, in rippled's order: the broker's fee, then the issuer's
//! royalty (TransferFee, in 1/100,000 of the price, unless the issuer is buying or selling),
//! then the rest to the seller. Both offers are consumed.
//!
//! Each leg is rippled's `accountSend`: a token passing between two accounts that are not its
//! issuer costs the buyer the issuer's TransferRate on top (the receiver gets the amount named);
//! a leg that would leave the buyer owing fails the sale with `tecINSUFFICIENT_FUNDS`.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/nftokenacceptoffer>.

use std::cmp::Ordering;

use super::offer::{delete_offer, has_expired, read_offer};
use super::pages::{find_token, insert_token, remove_token};
use crate::apply::funds::{account_send, can_pay};
use crate::apply::trust_line;
use crate::apply::view::ApplyView;
use crate::ledger::nftoken::NFTokenOffer;
use crate::proto::{AccountId, Hash256, keylet};
use crate::result::Ter;
use crate::tx::account_set::QUALITY_ONE;
use crate::tx::fields::{Amount, IouValue, TxFields};
use crate::tx::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};
use xrpl_proto::amount::{Quantity, QuantityKind, multiply};

/// The issuer's cut of `price` for a token with `transfer_fee` (1/100,000 units): rippled's
/// `multiply(price, transferFeeAsRate(fee))`, a 16-digit product rounded to nearest (to the
/// nearest drop for XRP).
pub fn royalty(price: &Amount, transfer_fee: u16) -> Option<Amount> {
    if matches!(price, Amount::Mpt(_)) {
        return None;
    }
    // transferFeeAsRate: the fee in billionths (× 10,000).
    let rate = IouValue::new(i64::from(transfer_fee) * 10_000, -9).ok()?;
    let kind = match price {
        Amount::Xrp(_) => QuantityKind::Drops,
        _ => QuantityKind::Iou,
    };
    let cut = multiply(price.quantity(), Quantity::Iou(rate), kind).ok()?;
    price.with_quantity(cut).ok()
}

fn cmp(a: &Amount, b: &Amount) -> Option<Ordering> {
    a.checked_cmp(b).ok()
}

/// An NFTokenAcceptOffer that passed preflight.
#[derive(Debug, Clone)]
pub struct NFTokenAcceptOffer {
    buy: Option<Hash256>,
    sell: Option<Hash256>,
    broker_fee: Option<Amount>,
}

impl NFTokenAcceptOffer {
    fn check_offer(&self, view: &ApplyView<'_>, key: &Hash256) -> Result<NFTokenOffer, Ter> {
        let offer = read_offer(view, key).ok_or(Ter::tecOBJECT_NOT_FOUND)?;
        if has_expired(view, &offer) {
            return Err(Ter::tecEXPIRED);
        }
        Ok(offer)
    }

    fn check(&self, view: &ApplyView<'_>, common: &Common) -> Result<(), Ter> {
        let buy = self.buy.map(|k| self.check_offer(view, &k)).transpose()?;
        let sell = self.sell.map(|k| self.check_offer(view, &k)).transpose()?;
        if buy.as_ref().is_some_and(NFTokenOffer::is_sell)
            || sell.as_ref().is_some_and(|o| !o.is_sell())
        {
            return Err(Ter::tecNFTOKEN_OFFER_TYPE_MISMATCH);
        }
        match (&buy, &sell) {
            (Some(bo), Some(so)) => {
                if bo.token_id != so.token_id || !bo.amount.same_asset(&so.amount) {
                    return Err(Ter::tecNFTOKEN_BUY_SELL_MISMATCH);
                }
                if bo.owner == so.owner {
                    return Err(Ter::tecCANT_ACCEPT_OWN_NFTOKEN_OFFER);
                }
                if cmp(&bo.amount, &so.amount) == Some(Ordering::Less) {
                    return Err(Ter::tecINSUFFICIENT_PAYMENT);
                }
                // The broker must be the destination a brokered offer names.
                if bo.destination.is_some_and(|d| d != common.account)
                    || so.destination.is_some_and(|d| d != common.account)
                {
                    return Err(Ter::tecNO_PERMISSION);
                }
                if let Some(fee) = &self.broker_fee {
                    if !fee.same_asset(&bo.amount) {
                        return Err(Ter::tecNFTOKEN_BUY_SELL_MISMATCH);
                    }
                    if cmp(fee, &bo.amount) != Some(Ordering::Less) {
                        return Err(Ter::tecINSUFFICIENT_PAYMENT);
                    }
                    let rest = bo
                        .amount
                        .checked_sub(fee)
                        .map_err(|_| Ter::tecINSUFFICIENT_PAYMENT)?;
                    if cmp(&so.amount, &rest) == Some(Ordering::Greater) {
                        return Err(Ter::tecINSUFFICIENT_PAYMENT);
                    }
                }
                if find_token(view, &so.owner, &so.token_id).is_none() {
                    return Err(Ter::tecNO_PERMISSION);
                }
                if !can_pay(view, &bo.owner, &bo.amount) {
                    return Err(Ter::tecINSUFFICIENT_FUNDS);
                }
            }
            (Some(bo), None) => {
                if bo.owner == common.account {
                    return Err(Ter::tecCANT_ACCEPT_OWN_NFTOKEN_OFFER);
                }
                if find_token(view, &common.account, &bo.token_id).is_none() {
                    return Err(Ter::tecNO_PERMISSION);
                }
                if bo.destination.is_some_and(|d| d != common.account) {
                    return Err(Ter::tecNO_PERMISSION);
                }
                if !can_pay(view, &bo.owner, &bo.amount) {
                    return Err(Ter::tecINSUFFICIENT_FUNDS);
                }
            }
            (None, Some(so)) => {
                if so.owner == common.account {
                    return Err(Ter::tecCANT_ACCEPT_OWN_NFTOKEN_OFFER);
                }
                if find_token(view, &so.owner, &so.token_id).is_none() {
                    return Err(Ter::tecNO_PERMISSION);
                }
                if so.destination.is_some_and(|d| d != common.account) {
                    return Err(Ter::tecNO_PERMISSION);
                }
                if !can_pay(view, &common.account, &so.amount) {
                    return Err(Ter::tecINSUFFICIENT_FUNDS);
                }
            }
            (None, None) => return Err(Ter::temMALFORMED),
        }
        Ok(())
    }
}

/// `amount` grossed up by `issuer`'s TransferRate: what a holder sends for `amount` to arrive
/// (rippled's `multiply(amount, transferRate)`, to nearest).
fn with_transfer_fee(
    view: &ApplyView<'_>,
    amount: IouValue,
    issuer: &AccountId,
) -> Option<IouValue> {
    let rate = trust_line::transfer_rate(view, issuer);
    if rate == QUALITY_ONE {
        return Some(amount);
    }
    let rate = Quantity::Iou(IouValue::new(i64::from(rate), -9).ok()?);
    multiply(Quantity::Iou(amount), rate, QuantityKind::Iou)
        .ok()?
        .to_iou_value()
        .ok()
}

/// One leg of a sale, as rippled's NFTokenAcceptOffer `pay`: `accountSend` with the transfer
/// fee, then neither side may be left with a negative balance of the token.
fn pay(view: &mut ApplyView<'_>, from: &AccountId, to: &AccountId, amount: &Amount) -> Ter {
    if amount.is_negative() {
        return Ter::tecINTERNAL;
    }
    let Amount::Issued(iou) = amount else {
        return account_send(view, from, to, amount);
    };
    let (issuer, currency) = (iou.issue.issuer, iou.issue.currency);
    if from == to || *from == issuer || *to == issuer || iou.value.is_zero() {
        let ter = account_send(view, from, to, amount);
        if ter != Ter::tesSUCCESS {
            return ter;
        }
    } else {
        // Through the issuer: the receiver is credited the amount, the sender debited it
        // with the fee, in rippled's order.
        let Some(gross) = with_transfer_fee(view, iou.value, &issuer) else {
            return Ter::tecINTERNAL;
        };
        let moved = trust_line::credit(view, &issuer, to, &currency, iou.value)
            .and_then(|()| trust_line::credit(view, from, &issuer, &currency, gross));
        if let Err(ter) = moved {
            return ter;
        }
    }
    for account in [from, to] {
        if *account != issuer
            && trust_line::read(view, account, &issuer, &currency)
                .is_some_and(|line| line.balance_for(account).is_negative())
        {
            return Ter::tecINSUFFICIENT_FUNDS;
        }
    }
    Ter::tesSUCCESS
}

/// Pays `price` from `buyer` to `seller`, the issuer's royalty first; then moves the token.
fn settle(
    view: &mut ApplyView<'_>,
    buyer: &AccountId,
    seller: &AccountId,
    token: &Hash256,
    price: &Amount,
) -> Ter {
    let parts = keylet::nftoken_id_parts(token);
    let mut rest = *price;
    if parts.transfer_fee != 0 && parts.issuer != *buyer && parts.issuer != *seller {
        let Some(cut) = royalty(price, parts.transfer_fee) else {
            return Ter::tecINTERNAL;
        };
        if !cut.is_zero() {
            let ter = pay(view, buyer, &parts.issuer, &cut);
            if ter != Ter::tesSUCCESS {
                return ter;
            }
            rest = match rest.checked_sub(&cut) {
                Ok(r) => r,
                Err(_) => return Ter::tecINTERNAL,
            };
        }
    }
    if !rest.is_zero() {
        let ter = pay(view, buyer, seller, &rest);
        if ter != Ter::tesSUCCESS {
            return ter;
        }
    }
    transfer_token(view, seller, buyer, token)
}

/// Moves the token between owners; a page the buyer had to add must be covered by its reserve.
fn transfer_token(
    view: &mut ApplyView<'_>,
    seller: &AccountId,
    buyer: &AccountId,
    token: &Hash256,
) -> Ter {
    let Some(held) = find_token(view, seller, token) else {
        return Ter::tecNO_PERMISSION;
    };
    let ter = remove_token(view, seller, token);
    if ter != Ter::tesSUCCESS {
        return ter;
    }
    let before = view.account(buyer).map_or(0, |a| a.owner_count);
    let ter = insert_token(view, buyer, held);
    if ter != Ter::tesSUCCESS {
        return ter;
    }
    if let Some(root) = view.account(buyer)
        && root.owner_count > before
        && root.balance < view.ctx.fees.account_reserve(root.owner_count)
    {
        return Ter::tecINSUFFICIENT_RESERVE;
    }
    Ter::tesSUCCESS
}

impl Transactor for NFTokenAcceptOffer {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let buy = tx.hash256("NFTokenBuyOffer")?;
        let sell = tx.hash256("NFTokenSellOffer")?;
        if buy.is_none() && sell.is_none() {
            return Err(Ter::temMALFORMED);
        }
        let broker_fee = tx.amount("NFTokenBrokerFee")?;
        if let Some(fee) = &broker_fee
            && (buy.is_none() || sell.is_none() || fee.is_zero() || fee.is_negative())
        {
            return Err(Ter::temMALFORMED);
        }
        Ok(NFTokenAcceptOffer {
            buy,
            sell,
            broker_fee,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        match self.check(view, common) {
            Ok(()) => Ter::tesSUCCESS,
            Err(ter) => ter,
        }
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let buy = self.buy.and_then(|k| read_offer(view, &k).map(|o| (k, o)));
        let sell = self.sell.and_then(|k| read_offer(view, &k).map(|o| (k, o)));
        for (key, offer) in buy.iter().chain(sell.iter()) {
            delete_offer(view, key, offer);
        }
        match (buy, sell) {
            (Some((_, bo)), Some((_, so))) => {
                let mut price = bo.amount;
                if let Some(fee) = &self.broker_fee {
                    let ter = pay(view, &bo.owner, &common.account, fee);
                    if ter != Ter::tesSUCCESS {
                        return ter;
                    }
                    price = match price.checked_sub(fee) {
                        Ok(p) => p,
                        Err(_) => return Ter::tecINTERNAL,
                    };
                }
                settle(view, &bo.owner, &so.owner, &bo.token_id, &price)
            }
            (Some((_, bo)), None) => {
                settle(view, &bo.owner, &common.account, &bo.token_id, &bo.amount)
            }
            (None, Some((_, so))) => {
                settle(view, &common.account, &so.owner, &so.token_id, &so.amount)
            }
            (None, None) => Ter::tecOBJECT_NOT_FOUND,
        }
    }
}

//! NFTokenAcceptOffer: a sale. Direct (the buyer accepts a sell offer, or the owner accepts a
//! buy offer) or brokered (a third party matches a buy and a sell offer and keeps a fee).
//!
//! Money moves before the token, in rippled's order: the broker's fee, then the issuer's
//! royalty (TransferFee, in 1/100,000 of the price, unless the issuer is buying or selling),
//! then the rest to the seller. Both offers are consumed.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/nftokenacceptoffer>.

use std::cmp::Ordering;

use super::offer::{delete_offer, has_expired, read_offer};
use super::pages::{find_token, insert_token, remove_token};
use crate::apply::funds::{account_send, can_pay};
use crate::apply::view::ApplyView;
use crate::ledger::nftoken::NFTokenOffer;
use crate::proto::{AccountId, Hash256, keylet};
use crate::result::Ter;
use crate::tx::fields::{Amount, Drops, IouValue, IssuedAmount, TxFields};
use crate::tx::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};

/// The issuer's cut of `price` for a token with `transfer_fee` (1/100,000 units), rounded down
/// for XRP as rippled's multiply does.
pub fn royalty(price: &Amount, transfer_fee: u16) -> Option<Amount> {
    match price {
        Amount::Xrp(drops) => {
            let cut = i128::from(drops.get()) * i128::from(transfer_fee) / 100_000;
            Drops::new(i64::try_from(cut).ok()?).ok().map(Amount::Xrp)
        }
        Amount::Issued(iou) => {
            let rate = IouValue::new(i64::from(transfer_fee), -5).ok()?;
            let cut = iou.value.checked_mul(rate).ok()?;
            Some(Amount::Issued(IssuedAmount::new(cut, iou.issue)))
        }
        Amount::Mpt(_) => None,
    }
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
            let ter = account_send(view, buyer, &parts.issuer, &cut);
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
        let ter = account_send(view, buyer, seller, &rest);
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
                    let ter = account_send(view, &bo.owner, &common.account, fee);
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

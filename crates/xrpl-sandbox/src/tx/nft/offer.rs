//! NFTokenCreateOffer and NFTokenCancelOffer, and the removal of offers (also used when a token
//! is sold or burned).
//!
//! An offer sits in its owner's directory (one owner reserve) and in the token's buy or sell
//! offer directory, where `nft_buy_offers`/`nft_sell_offers` find it. Funds are not reserved: a
//! buy offer only has to be funded when it is made and again when it is accepted.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/nftokencreateoffer>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/nftokencanceloffer>.

use super::pages::find_token;
use super::token_flags::{ONLY_XRP, TRANSFERABLE};
use crate::apply::directory::{self, DirKind};
use crate::apply::funds::account_holds;
use crate::apply::trust_line;
use crate::apply::view::ApplyView;
use crate::ledger::entry::{LedgerEntry, Threading};
use crate::ledger::nftoken::{LSF_SELL_NFTOKEN, NFTokenOffer};
use crate::proto::{AccountId, Hash256, keylet};
use crate::result::Ter;
use crate::tx::fields::{Amount, TxFields};
use crate::tx::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};

/// `tfSellNFToken`.
pub const TF_SELL_NFTOKEN: u32 = 0x0000_0001;

/// The most offers one NFTokenCancelOffer may name.
pub const MAX_CANCEL_OFFERS: usize = 500;

/// True for an amount above zero.
pub fn is_positive(amount: &Amount) -> bool {
    !amount.is_zero() && !amount.is_negative()
}

/// The NFTokenOffer at `key`.
pub fn read_offer(view: &ApplyView<'_>, key: &Hash256) -> Option<NFTokenOffer> {
    match view.read(key)? {
        LedgerEntry::NFTokenOffer(offer) => Some(offer.clone()),
        _ => None,
    }
}

/// True when the offer can no longer be accepted (its Expiration is not after the parent
/// ledger's close).
pub fn has_expired(view: &ApplyView<'_>, offer: &NFTokenOffer) -> bool {
    offer
        .expiration
        .is_some_and(|t| view.ctx.parent_close_time >= t)
}

/// Removes an offer from both directories and the ledger, releasing its owner's reserve.
pub fn delete_offer(view: &mut ApplyView<'_>, key: &Hash256, offer: &NFTokenOffer) {
    directory::remove_owned(view, &offer.owner, key);
    let token_dir = if offer.is_sell() {
        keylet::nft_sell_offers(&offer.token_id)
    } else {
        keylet::nft_buy_offers(&offer.token_id)
    };
    directory::remove(view, &token_dir, key, false);
    view.erase(key);
    view.adjust_owner_count(&offer.owner, -1);
}

/// Removes every buy and sell offer for `token`.
pub fn remove_all_offers(view: &mut ApplyView<'_>, token: &Hash256) {
    for root in [
        keylet::nft_sell_offers(token),
        keylet::nft_buy_offers(token),
    ] {
        let keys = directory::entries(|k| view.read(k), &root);
        for key in keys {
            if let Some(offer) = read_offer(view, &key) {
                delete_offer(view, &key, &offer);
            }
        }
    }
}

/// An NFTokenCreateOffer that passed preflight.
#[derive(Debug, Clone)]
pub struct NFTokenCreateOffer {
    token: Hash256,
    amount: Amount,
    owner: Option<AccountId>,
    destination: Option<AccountId>,
    expiration: Option<u32>,
    sell: bool,
}

impl Transactor for NFTokenCreateOffer {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !(UNIVERSAL_FLAGS | TF_SELL_NFTOKEN) != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let sell = flags & TF_SELL_NFTOKEN != 0;
        let account = tx.account("Account")?.ok_or(Ter::temBAD_SRC_ACCOUNT)?;
        let token = tx.hash256("NFTokenID")?.ok_or(Ter::temMALFORMED)?;
        let amount = tx.amount("Amount")?.ok_or(Ter::temBAD_AMOUNT)?;
        if amount.is_negative() || matches!(amount, Amount::Mpt(_)) {
            return Err(Ter::temBAD_AMOUNT);
        }
        if !amount.is_xrp() && (super::flags_of(&token) & ONLY_XRP != 0 || amount.is_zero()) {
            return Err(Ter::temBAD_AMOUNT);
        }
        // A buyer must offer something; a seller may give the token away.
        if !sell && amount.is_zero() {
            return Err(Ter::temBAD_AMOUNT);
        }
        let expiration = tx.u32("Expiration")?;
        if expiration == Some(0) {
            return Err(Ter::temBAD_EXPIRATION);
        }
        // A buy offer names the token's owner; a sell offer must not (it is the sender).
        let owner = tx.account("Owner")?;
        if owner.is_some() == sell || owner == Some(account) {
            return Err(Ter::temMALFORMED);
        }
        let destination = tx.account("Destination")?;
        if destination == Some(account) {
            return Err(Ter::temMALFORMED);
        }
        Ok(NFTokenCreateOffer {
            token,
            amount,
            owner,
            destination,
            expiration,
            sell,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        if self
            .expiration
            .is_some_and(|t| view.ctx.parent_close_time >= t)
        {
            return Ter::tecEXPIRED;
        }
        let holder = self.owner.unwrap_or(common.account);
        if find_token(view, &holder, &self.token).is_none() {
            return Ter::tecNO_ENTRY;
        }
        let parts = keylet::nftoken_id_parts(&self.token);
        // The issuer collects royalties in the offer's currency, so it must be able to hold it.
        if let Amount::Issued(iou) = &self.amount
            && parts.transfer_fee != 0
        {
            if view.account(&parts.issuer).is_none() {
                return Ter::tecNO_ISSUER;
            }
            if parts.issuer != iou.issue.issuer
                && trust_line::read(view, &parts.issuer, &iou.issue.issuer, &iou.issue.currency)
                    .is_none()
            {
                return Ter::tecNO_LINE;
            }
            if trust_line::is_frozen(view, &parts.issuer, &iou.issue.currency, &iou.issue.issuer) {
                return Ter::tecFROZEN;
            }
        }
        // A non-transferable token only moves to or from its issuer (or authorised minter).
        if parts.issuer != common.account && parts.flags & TRANSFERABLE == 0 {
            let minter = view
                .account(&parts.issuer)
                .and_then(|r| r.extras.nftoken_minter);
            if minter != Some(common.account) {
                return Ter::tefNFTOKEN_IS_NOT_TRANSFERABLE;
            }
        }
        if let Amount::Issued(iou) = &self.amount
            && trust_line::is_frozen(
                view,
                &common.account,
                &iou.issue.currency,
                &iou.issue.issuer,
            )
        {
            return Ter::tecFROZEN;
        }
        if !self.sell && !is_positive(&account_holds(view, &common.account, &self.amount)) {
            return Ter::tecUNFUNDED_OFFER;
        }
        if let Some(dst) = &self.destination
            && view.account(dst).is_none()
        {
            return Ter::tecNO_DST;
        }
        if let Some(owner) = &self.owner
            && view.account(owner).is_none()
        {
            return Ter::tecNO_TARGET;
        }
        Ter::tesSUCCESS
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let Some(root) = view.account(&common.account) else {
            return Ter::tefINTERNAL;
        };
        if common.prior_balance < view.ctx.fees.account_reserve(root.owner_count + 1) {
            return Ter::tecINSUFFICIENT_RESERVE;
        }
        let key = keylet::nftoken_offer(&common.account, common.seq_proxy());
        let owner_node = directory::add_owned(view, &common.account, key);
        let token_dir = if self.sell {
            keylet::nft_sell_offers(&self.token)
        } else {
            keylet::nft_buy_offers(&self.token)
        };
        let offer_node = directory::insert(view, &token_dir, key, &DirKind::Plain);
        view.insert(
            key,
            LedgerEntry::NFTokenOffer(NFTokenOffer {
                owner: common.account,
                token_id: self.token,
                amount: self.amount,
                destination: self.destination,
                expiration: self.expiration,
                flags: if self.sell { LSF_SELL_NFTOKEN } else { 0 },
                owner_node,
                offer_node,
                previous_txn: Threading::default(),
            }),
        );
        view.adjust_owner_count(&common.account, 1);
        Ter::tesSUCCESS
    }
}

/// An NFTokenCancelOffer that passed preflight.
#[derive(Debug, Clone)]
pub struct NFTokenCancelOffer {
    offers: Vec<Hash256>,
}

impl Transactor for NFTokenCancelOffer {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let list = tx
            .json()
            .get("NFTokenOffers")
            .and_then(|v| v.as_array())
            .ok_or(Ter::temMALFORMED)?;
        if list.is_empty() || list.len() > MAX_CANCEL_OFFERS {
            return Err(Ter::temMALFORMED);
        }
        let mut offers = Vec::with_capacity(list.len());
        for item in list {
            let key = item
                .as_str()
                .and_then(crate::proto::parse_hash256)
                .ok_or(Ter::temMALFORMED)?;
            if offers.contains(&key) {
                return Err(Ter::temMALFORMED);
            }
            offers.push(key);
        }
        Ok(NFTokenCancelOffer { offers })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        for key in &self.offers {
            match view.read(key) {
                // Already gone: nothing to cancel, and no reason to fail.
                None => continue,
                Some(LedgerEntry::NFTokenOffer(offer)) => {
                    // Its owner, its destination, or anyone once it expired.
                    let allowed = offer.owner == common.account
                        || offer.destination == Some(common.account)
                        || has_expired(view, offer);
                    if !allowed {
                        return Ter::tecNO_PERMISSION;
                    }
                }
                Some(_) => return Ter::tecNO_PERMISSION,
            }
        }
        Ter::tesSUCCESS
    }

    fn apply(&self, view: &mut ApplyView<'_>, _common: &Common, _out: &mut ApplyOutput) -> Ter {
        for key in &self.offers {
            if let Some(offer) = read_offer(view, key) {
                delete_offer(view, key, &offer);
            }
        }
        Ter::tesSUCCESS
    }
}

//! NFTokenMint, NFTokenBurn and NFTokenModify.
//!
//! The NFTokenID is composed exactly as rippled does: flags, transfer fee, issuer, the taxon
//! scrambled by the token sequence, and the sequence itself — `FirstNFTokenSequence +
//! MintedNFTokens` of the issuer (fixNFTokenRemint), so a deleted and recreated account can never
//! mint the same id twice.
//! Rules: <https://xrpl.org/docs/references/protocol/transactions/types/nftokenmint>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/nftokenburn>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/nftokenmodify>.

use super::offer::remove_all_offers;
use super::pages::{change_uri, find_token, insert_token, remove_token};
use super::token_flags::{MUTABLE, TRANSFERABLE, TRUST_LINE};
use super::{MAX_TRANSFER_FEE, MAX_URI_LENGTH, flags_of};
use crate::apply::view::ApplyView;
use crate::ledger::nftoken::NFToken;
use crate::proto::{AccountId, Hash256, keylet};
use crate::result::Ter;
use crate::tx::fields::TxFields;
use crate::tx::{ApplyOutput, Common, Transactor, UNIVERSAL_FLAGS};

/// The NFTokenMint flags that exist (burnable, only-XRP, transferable, mutable).
const MINT_FLAGS: u32 = 0x0000_001F & !(TRUST_LINE as u32);

/// A URI field: absent is fine, empty or longer than 256 bytes is malformed.
fn read_uri(tx: TxFields<'_>) -> Result<Option<Vec<u8>>, Ter> {
    match tx.blob("URI")? {
        Some(uri) if uri.is_empty() || uri.len() > MAX_URI_LENGTH => Err(Ter::temMALFORMED),
        uri => Ok(uri),
    }
}

/// True when `account` may act for `issuer`: it is the issuer or the issuer's NFTokenMinter.
fn acts_for_issuer(view: &ApplyView<'_>, account: &AccountId, issuer: &AccountId) -> bool {
    account == issuer
        || view
            .account(issuer)
            .is_some_and(|root| root.extras.nftoken_minter == Some(*account))
}

/// An NFTokenMint that passed preflight.
#[derive(Debug, Clone)]
pub struct NFTokenMint {
    taxon: u32,
    transfer_fee: u16,
    issuer: Option<AccountId>,
    uri: Option<Vec<u8>>,
    token_flags: u16,
}

impl Transactor for NFTokenMint {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !(UNIVERSAL_FLAGS | MINT_FLAGS) != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let token_flags = (flags & 0xFFFF) as u16;
        let transfer_fee = match tx.u32("TransferFee")? {
            None => 0,
            Some(fee) => u16::try_from(fee)
                .ok()
                .filter(|f| *f <= MAX_TRANSFER_FEE)
                .ok_or(Ter::temBAD_NFTOKEN_TRANSFER_FEE)?,
        };
        // A royalty only makes sense on a token that can change hands.
        if transfer_fee != 0 && token_flags & TRANSFERABLE == 0 {
            return Err(Ter::temMALFORMED);
        }
        let account = tx.account("Account")?.ok_or(Ter::temBAD_SRC_ACCOUNT)?;
        let issuer = tx.account("Issuer")?;
        if issuer == Some(account) {
            return Err(Ter::temMALFORMED);
        }
        let taxon = tx.u32("NFTokenTaxon")?.ok_or(Ter::temMALFORMED)?;
        Ok(NFTokenMint {
            taxon,
            transfer_fee,
            issuer,
            uri: read_uri(tx)?,
            token_flags,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        let Some(issuer) = self.issuer else {
            return Ter::tesSUCCESS;
        };
        match view.account(&issuer) {
            None => Ter::tecNO_ISSUER,
            Some(root) if root.extras.nftoken_minter != Some(common.account) => {
                Ter::tecNO_PERMISSION
            }
            Some(_) => Ter::tesSUCCESS,
        }
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let issuer = self.issuer.unwrap_or(common.account);
        let Some(mut root) = view.account(&issuer) else {
            return Ter::tecNO_ISSUER;
        };
        // The issuer's Sequence was already consumed when the issuer itself mints with a
        // Sequence; otherwise it is untouched.
        let first = *root.extras.first_nftoken_sequence.get_or_insert(
            if self.issuer.is_some() || common.ticket_sequence.is_some() {
                root.sequence
            } else {
                root.sequence.wrapping_sub(1)
            },
        );
        let minted = root.extras.minted_nftokens.unwrap_or(0);
        let Some(next_minted) = minted.checked_add(1) else {
            return Ter::tecMAX_SEQUENCE_REACHED;
        };
        let Some(token_seq) = first.checked_add(minted).filter(|s| *s != u32::MAX) else {
            return Ter::tecMAX_SEQUENCE_REACHED;
        };
        root.extras.minted_nftokens = Some(next_minted);
        view.put_account(root);

        let id = keylet::nftoken_id(
            self.token_flags,
            self.transfer_fee,
            &issuer,
            self.taxon,
            token_seq,
        );
        let owner_count_before = view.account(&common.account).map_or(0, |a| a.owner_count);
        let ter = insert_token(
            view,
            &common.account,
            NFToken {
                id,
                uri: self.uri.clone(),
            },
        );
        if ter != Ter::tesSUCCESS {
            return ter;
        }
        // Only a new page costs a reserve.
        let owner_count_after = view.account(&common.account).map_or(0, |a| a.owner_count);
        if owner_count_after > owner_count_before
            && common.prior_balance < view.ctx.fees.account_reserve(owner_count_after)
        {
            return Ter::tecINSUFFICIENT_RESERVE;
        }
        Ter::tesSUCCESS
    }
}

/// An NFTokenBurn that passed preflight.
#[derive(Debug, Clone)]
pub struct NFTokenBurn {
    token: Hash256,
    owner: Option<AccountId>,
}

impl Transactor for NFTokenBurn {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        Ok(NFTokenBurn {
            token: tx.hash256("NFTokenID")?.ok_or(Ter::temMALFORMED)?,
            owner: tx.account("Owner")?,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        let owner = self.owner.unwrap_or(common.account);
        if find_token(view, &owner, &self.token).is_none() {
            return Ter::tecNO_ENTRY;
        }
        if owner != common.account {
            // Someone else's token: only its issuer (or minter) may burn it, if burnable.
            let issuer = keylet::nftoken_id_parts(&self.token).issuer;
            if flags_of(&self.token) & super::token_flags::BURNABLE == 0
                || !acts_for_issuer(view, &common.account, &issuer)
            {
                return Ter::tecNO_PERMISSION;
            }
        }
        Ter::tesSUCCESS
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let owner = self.owner.unwrap_or(common.account);
        let ter = remove_token(view, &owner, &self.token);
        if ter != Ter::tesSUCCESS {
            return ter;
        }
        let issuer = keylet::nftoken_id_parts(&self.token).issuer;
        if let Some(mut root) = view.account(&issuer) {
            root.extras.burned_nftokens = Some(root.extras.burned_nftokens.unwrap_or(0) + 1);
            view.put_account(root);
        }
        // A burned token's offers can never be accepted: they go with it.
        remove_all_offers(view, &self.token);
        Ter::tesSUCCESS
    }
}

/// An NFTokenModify that passed preflight.
#[derive(Debug, Clone)]
pub struct NFTokenModify {
    token: Hash256,
    owner: Option<AccountId>,
    uri: Option<Vec<u8>>,
}

impl Transactor for NFTokenModify {
    fn preflight(tx: TxFields<'_>, flags: u32) -> Result<Self, Ter> {
        if flags & !UNIVERSAL_FLAGS != 0 {
            return Err(Ter::temINVALID_FLAG);
        }
        let account = tx.account("Account")?.ok_or(Ter::temBAD_SRC_ACCOUNT)?;
        let owner = tx.account("Owner")?;
        if owner == Some(account) {
            return Err(Ter::temMALFORMED);
        }
        Ok(NFTokenModify {
            token: tx.hash256("NFTokenID")?.ok_or(Ter::temMALFORMED)?,
            owner,
            uri: read_uri(tx)?,
        })
    }

    fn preclaim(&self, view: &ApplyView<'_>, common: &Common) -> Ter {
        let owner = self.owner.unwrap_or(common.account);
        if find_token(view, &owner, &self.token).is_none() {
            return Ter::tecNO_ENTRY;
        }
        if flags_of(&self.token) & MUTABLE == 0 {
            return Ter::tecNO_PERMISSION;
        }
        let issuer = keylet::nftoken_id_parts(&self.token).issuer;
        if !acts_for_issuer(view, &common.account, &issuer) {
            return Ter::tecNO_PERMISSION;
        }
        Ter::tesSUCCESS
    }

    fn apply(&self, view: &mut ApplyView<'_>, common: &Common, _out: &mut ApplyOutput) -> Ter {
        let owner = self.owner.unwrap_or(common.account);
        change_uri(view, &owner, &self.token, self.uri.clone())
    }
}

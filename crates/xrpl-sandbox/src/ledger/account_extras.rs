//! The optional AccountRoot fields of the token and pool families: the NFT mint and burn
//! counters, the authorised minter, and the AMM id that marks an AMM's pseudo-account.
//!
//! They live apart from the core AccountRoot so those families can grow without touching it.

use serde_json::Value;

use super::entry::Fields;
use crate::proto::{AccountId, Hash256, encode_address, hex_upper};

/// `MintedNFTokens`, `BurnedNFTokens`, `FirstNFTokenSequence`, `NFTokenMinter`, `AMMID`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AccountExtras {
    /// Tokens this account has minted as issuer (the next token's sequence is derived from it).
    pub minted_nftokens: Option<u32>,
    /// Tokens of this issuer that were burned.
    pub burned_nftokens: Option<u32>,
    /// The account's Sequence when its first token was minted (fixes NFTokenID reuse).
    pub first_nftoken_sequence: Option<u32>,
    /// An account allowed to mint on this one's behalf.
    pub nftoken_minter: Option<AccountId>,
    /// Set on an AMM's pseudo-account: the pool it holds.
    pub amm_id: Option<Hash256>,
}

impl AccountExtras {
    pub(crate) fn write_fields(&self, f: &mut Fields) {
        if let Some(n) = self.minted_nftokens {
            f.insert("MintedNFTokens", Value::from(n));
        }
        if let Some(n) = self.burned_nftokens {
            f.insert("BurnedNFTokens", Value::from(n));
        }
        if let Some(n) = self.first_nftoken_sequence {
            f.insert("FirstNFTokenSequence", Value::from(n));
        }
        if let Some(minter) = &self.nftoken_minter {
            f.insert("NFTokenMinter", Value::String(encode_address(minter)));
        }
        if let Some(id) = &self.amm_id {
            f.insert("AMMID", Value::String(hex_upper(id)));
        }
    }
}

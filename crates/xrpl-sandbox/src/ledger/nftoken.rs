//! NFT objects (XLS-20): the NFTokenPage that holds up to 32 of an owner's tokens, and the
//! NFTokenOffer to buy or sell one token.
//!
//! Tokens are not objects of their own: they live inside their owner's pages, sorted by the low
//! 96 bits of their id, and a page's key is the owner followed by the low 96 bits of the largest
//! id it may hold. Pages are chained by `PreviousPageMin`/`NextPageMin`, not by a directory.

use serde_json::{Map, Value};

use super::entry::{Fields, Threading};
use crate::proto::{AccountId, Hash256, encode_address, hex_upper};
use crate::tx::fields::Amount;

/// How many tokens fit on one page.
pub const TOKENS_PER_PAGE: usize = 32;

/// `lsfSellNFToken`: the offer sells the token (otherwise it bids for it).
pub const LSF_SELL_NFTOKEN: u32 = 0x0000_0001;

/// One token on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NFToken {
    /// The NFTokenID.
    pub id: Hash256,
    /// Its URI, raw bytes.
    pub uri: Option<Vec<u8>>,
}

impl NFToken {
    /// The id's low 96 bits, then the whole id: the order tokens keep on a page.
    pub fn sort_key(&self) -> ([u8; 12], Hash256) {
        (xrpl_proto::keylet::page_ordering_bits(&self.id), self.id)
    }

    /// The token as rippled prints it inside `NFTokens`.
    pub fn to_json(&self) -> Value {
        let mut inner = Map::new();
        inner.insert("NFTokenID".into(), Value::String(hex_upper(self.id)));
        if let Some(uri) = &self.uri {
            inner.insert("URI".into(), Value::String(hex_upper(uri)));
        }
        let mut outer = Map::new();
        outer.insert("NFToken".into(), Value::Object(inner));
        Value::Object(outer)
    }
}

/// The typed NFTokenPage.
#[derive(Debug, Clone, PartialEq)]
pub struct NFTokenPage {
    /// The owner (the high 160 bits of the page key).
    pub owner: AccountId,
    /// Tokens, sorted by [`NFToken::sort_key`].
    pub tokens: Vec<NFToken>,
    /// Key of the previous page, if any.
    pub previous_page_min: Option<Hash256>,
    /// Key of the next page, if any.
    pub next_page_min: Option<Hash256>,
    /// Last transaction that touched it.
    pub previous_txn: Threading,
}

impl NFTokenPage {
    pub(crate) fn write_fields(&self, f: &mut Fields) {
        f.insert("Flags", Value::from(0u32));
        f.insert(
            "NFTokens",
            Value::Array(self.tokens.iter().map(NFToken::to_json).collect()),
        );
        if let Some(key) = &self.previous_page_min {
            f.insert("PreviousPageMin", Value::String(hex_upper(key)));
        }
        if let Some(key) = &self.next_page_min {
            f.insert("NextPageMin", Value::String(hex_upper(key)));
        }
    }
}

/// The typed NFTokenOffer.
#[derive(Debug, Clone, PartialEq)]
pub struct NFTokenOffer {
    /// Who made the offer (the seller for a sell offer, the bidder for a buy offer).
    pub owner: AccountId,
    /// The token.
    pub token_id: Hash256,
    /// The price: asked for a sell offer, bid for a buy offer.
    pub amount: Amount,
    /// Only this account may accept it.
    pub destination: Option<AccountId>,
    /// Ripple time after which it can no longer be accepted.
    pub expiration: Option<u32>,
    /// `lsfSellNFToken` or 0.
    pub flags: u32,
    /// Page of the owner's directory holding it.
    pub owner_node: u64,
    /// Page of the token's buy or sell offer directory holding it.
    pub offer_node: u64,
    /// Last transaction that touched it.
    pub previous_txn: Threading,
}

impl NFTokenOffer {
    /// True for a sell offer.
    pub fn is_sell(&self) -> bool {
        self.flags & LSF_SELL_NFTOKEN != 0
    }

    pub(crate) fn write_fields(&self, f: &mut Fields) {
        f.insert("Amount", self.amount.to_json());
        if let Some(dst) = &self.destination {
            f.insert("Destination", Value::String(encode_address(dst)));
        }
        if let Some(t) = self.expiration {
            f.insert("Expiration", Value::from(t));
        }
        f.insert("Flags", Value::from(self.flags));
        f.insert("NFTokenID", Value::String(hex_upper(self.token_id)));
        f.insert(
            "NFTokenOfferNode",
            Value::String(format!("{:x}", self.offer_node)),
        );
        f.insert("Owner", Value::String(encode_address(&self.owner)));
        f.insert("OwnerNode", Value::String(format!("{:x}", self.owner_node)));
    }
}

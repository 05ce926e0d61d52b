//! DirectoryNode: one page of an owner directory (what an account owns) or an order-book
//! directory (offers at one quality).
//!
//! Pages hold at most [`PAGE_SIZE`] keys and chain through `IndexNext`/`IndexPrevious`; the root
//! page's `IndexPrevious` names the last page so appends are O(1), as in rippled.

use super::entry::Fields;
use crate::proto::{AccountId, Hash256, encode_address, hex_upper};
use serde_json::Value;

/// Keys per directory page (rippled's `dirNodeMaxEntries`).
pub const PAGE_SIZE: usize = 32;

/// The order-book facts a book directory page carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookFacts {
    /// TakerPaysCurrency (160-bit).
    pub pays_currency: [u8; 20],
    /// TakerPaysIssuer.
    pub pays_issuer: [u8; 20],
    /// TakerGetsCurrency.
    pub gets_currency: [u8; 20],
    /// TakerGetsIssuer.
    pub gets_issuer: [u8; 20],
    /// The quality every offer on this page has (the key's last 64 bits).
    pub exchange_rate: u64,
}

/// A typed directory page.
#[derive(Debug, Clone, PartialEq)]
pub struct DirectoryNode {
    /// Key of the directory's root page.
    pub root: Hash256,
    /// The owner, for owner directories.
    pub owner: Option<AccountId>,
    /// Book facts, for order-book directories.
    pub book: Option<BookFacts>,
    /// The keys on this page.
    pub indexes: Vec<Hash256>,
    /// Next page number (0: none).
    pub index_next: u64,
    /// Previous page number (on the root: the last page).
    pub index_previous: u64,
}

impl DirectoryNode {
    /// An empty page of the directory rooted at `root`.
    pub fn new(root: Hash256, owner: Option<AccountId>, book: Option<BookFacts>) -> Self {
        DirectoryNode {
            root,
            owner,
            book,
            indexes: Vec::new(),
            index_next: 0,
            index_previous: 0,
        }
    }

    /// Writes the page's fields; `Indexes` only when `with_indexes` (rippled never puts it in
    /// metadata, and it is the costly one).
    pub(crate) fn write_fields(&self, f: &mut Fields, with_indexes: bool) {
        f.insert("Flags", Value::from(0u32));
        f.insert("RootIndex", Value::String(hex_upper(self.root)));
        if with_indexes {
            f.insert(
                "Indexes",
                Value::Array(
                    self.indexes
                        .iter()
                        .map(|k| Value::String(hex_upper(k)))
                        .collect(),
                ),
            );
        }
        if let Some(owner) = &self.owner {
            f.insert("Owner", Value::String(encode_address(owner)));
        }
        if self.index_next != 0 {
            f.insert("IndexNext", Value::String(format!("{:x}", self.index_next)));
        }
        if self.index_previous != 0 {
            f.insert(
                "IndexPrevious",
                Value::String(format!("{:x}", self.index_previous)),
            );
        }
        if let Some(book) = &self.book {
            f.insert(
                "TakerPaysCurrency",
                Value::String(hex_upper(book.pays_currency)),
            );
            f.insert(
                "TakerPaysIssuer",
                Value::String(hex_upper(book.pays_issuer)),
            );
            f.insert(
                "TakerGetsCurrency",
                Value::String(hex_upper(book.gets_currency)),
            );
            f.insert(
                "TakerGetsIssuer",
                Value::String(hex_upper(book.gets_issuer)),
            );
            f.insert(
                "ExchangeRate",
                Value::String(format!("{:016X}", book.exchange_rate)),
            );
        }
    }
}

//! The state map: every ledger object, keyed by its keylet.
//!
//! Only the apply pipeline writes here, and only by committing a finished view, so a
//! transaction's changes land all together or not at all.

use std::collections::{BTreeSet, HashMap};

use super::account_root::AccountRoot;
use super::entry::LedgerEntry;
use crate::proto::{AccountId, Hash256, keylet};

/// All objects of the current ledger.
///
/// Objects live in a hash map (fast point reads); the roots of order-book directories are also
/// kept in an ordered set, because crossing an offer walks a book from its best quality up.
#[derive(Debug, Clone, Default)]
pub struct StateMap {
    entries: HashMap<Hash256, LedgerEntry>,
    book_roots: BTreeSet<Hash256>,
}

/// True for the root page of an order-book directory.
pub fn is_book_root(key: &Hash256, entry: &LedgerEntry) -> bool {
    entry
        .as_directory()
        .is_some_and(|d| d.book.is_some() && d.root == *key)
}

impl StateMap {
    /// The object at `key`.
    pub fn get(&self, key: &Hash256) -> Option<&LedgerEntry> {
        self.entries.get(key)
    }

    /// The AccountRoot of `account`.
    pub fn account(&self, account: &AccountId) -> Option<&AccountRoot> {
        self.entries.get(&keylet::account(account))?.as_account()
    }

    /// Writes (or replaces) the object at `key`.
    pub(crate) fn put(&mut self, key: Hash256, entry: LedgerEntry) {
        if is_book_root(&key, &entry) {
            self.book_roots.insert(key);
        }
        self.entries.insert(key, entry);
    }

    /// Removes the object at `key`.
    pub(crate) fn remove(&mut self, key: &Hash256) {
        self.book_roots.remove(key);
        self.entries.remove(key);
    }

    /// Book-directory roots with keys in `from..to`, in key (= quality) order.
    pub fn book_roots(&self, from: &Hash256, to: &Hash256) -> impl Iterator<Item = &Hash256> {
        self.book_roots.range(*from..*to)
    }

    /// Every object, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&Hash256, &LedgerEntry)> {
        self.entries.iter()
    }

    /// Number of objects.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is no object at all.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

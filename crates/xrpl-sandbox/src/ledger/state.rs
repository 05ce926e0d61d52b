//! The state map: every ledger object, keyed by its keylet.
//!
//! Only the apply pipeline writes here, and only by committing a finished view, so a
//! transaction's changes land all together or not at all.

use std::collections::HashMap;

use super::account_root::AccountRoot;
use super::entry::LedgerEntry;
use crate::proto::{AccountId, Hash256, keylet};

/// All objects of the current ledger.
#[derive(Debug, Clone, Default)]
pub struct StateMap {
    entries: HashMap<Hash256, LedgerEntry>,
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
        self.entries.insert(key, entry);
    }

    /// Removes the object at `key`.
    pub(crate) fn remove(&mut self, key: &Hash256) {
        self.entries.remove(key);
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

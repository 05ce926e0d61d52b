//! ApplyView: a transaction's private, all-or-nothing view of the ledger.
//!
//! Reads fall through to the committed state; writes stay in an ordered change set. A rule that
//! fails simply drops the view, so a failed transaction cannot leave half its effects behind.
//! The change set keeps what metadata needs: the object as it was and as it ends.

use std::collections::BTreeMap;

use crate::ledger::account_root::AccountRoot;
use crate::ledger::entry::LedgerEntry;
use crate::ledger::settings::FeeSettings;
use crate::ledger::state::{StateMap, is_book_root};
use crate::proto::{AccountId, Hash256, keylet};

/// What happened to one key in this view.
#[derive(Debug, Clone)]
pub enum Change {
    /// Created here.
    Created(LedgerEntry),
    /// Existed before and was rewritten.
    Modified(LedgerEntry),
    /// Existed before and was removed; holds the object as it was at removal.
    Deleted(LedgerEntry),
}

/// Facts about the ledger a transaction is applied to.
#[derive(Debug, Clone, Copy)]
pub struct LedgerContext {
    /// Sequence of the open ledger.
    pub ledger_seq: u32,
    /// Close time of the parent (last closed) ledger: time-based rules compare against it.
    pub parent_close_time: u32,
    /// Fees and reserves in force.
    pub fees: FeeSettings,
    /// The network's id, when it has one (`None` behaves as a network id of 0).
    pub network_id: Option<u32>,
}

/// The overlay of one transaction. Cloning it gives a scratch copy (a payment tries each
/// path in one and keeps the best), which is cheap: only the change set is copied.
#[derive(Clone)]
pub struct ApplyView<'a> {
    base: &'a StateMap,
    changes: BTreeMap<Hash256, Change>,
    /// The ledger being built.
    pub ctx: LedgerContext,
}

impl<'a> ApplyView<'a> {
    /// An empty overlay on `base`.
    pub fn new(base: &'a StateMap, ctx: LedgerContext) -> Self {
        ApplyView {
            base,
            changes: BTreeMap::new(),
            ctx,
        }
    }

    /// The object at `key` as this transaction sees it.
    pub fn read(&self, key: &Hash256) -> Option<&LedgerEntry> {
        match self.changes.get(key) {
            Some(Change::Created(e)) | Some(Change::Modified(e)) => Some(e),
            Some(Change::Deleted(_)) => None,
            None => self.base.get(key),
        }
    }

    /// True when an object exists at `key`.
    pub fn exists(&self, key: &Hash256) -> bool {
        self.read(key).is_some()
    }

    /// Adds a new object (the key must be free).
    pub fn insert(&mut self, key: Hash256, entry: LedgerEntry) {
        let change = match self.changes.remove(&key) {
            // Deleted then re-created in one transaction: to the outside it was modified.
            Some(Change::Deleted(_)) => Change::Modified(entry),
            _ => Change::Created(entry),
        };
        self.changes.insert(key, change);
    }

    /// Rewrites an existing object.
    pub fn update(&mut self, key: Hash256, entry: LedgerEntry) {
        let change = match self.changes.get(&key) {
            Some(Change::Created(_)) => Change::Created(entry),
            _ => Change::Modified(entry),
        };
        self.changes.insert(key, change);
    }

    /// Removes an existing object.
    pub fn erase(&mut self, key: &Hash256) {
        match self.changes.remove(key) {
            // Created and removed inside one transaction: it never existed.
            Some(Change::Created(_)) => {}
            Some(Change::Modified(last)) => {
                self.changes.insert(*key, Change::Deleted(last));
            }
            Some(Change::Deleted(last)) => {
                self.changes.insert(*key, Change::Deleted(last));
            }
            None => {
                if let Some(last) = self.base.get(key) {
                    self.changes.insert(*key, Change::Deleted(last.clone()));
                }
            }
        }
    }

    /// The AccountRoot of `account`, as a copy to modify and [`put_account`](Self::put_account).
    pub fn account(&self, account: &AccountId) -> Option<AccountRoot> {
        self.read(&keylet::account(account))?.as_account().cloned()
    }

    /// Writes an AccountRoot back (creating it when new).
    pub fn put_account(&mut self, root: AccountRoot) {
        let key = keylet::account(&root.account);
        if self.exists(&key) {
            self.update(key, LedgerEntry::AccountRoot(root));
        } else {
            self.insert(key, LedgerEntry::AccountRoot(root));
        }
    }

    /// Adds `delta` to `account`'s owner count (the object being created or removed).
    pub fn adjust_owner_count(&mut self, account: &AccountId, delta: i32) {
        if let Some(mut root) = self.account(account) {
            root.owner_count = root.owner_count.saturating_add_signed(delta);
            self.put_account(root);
        }
    }

    /// The first order-book directory root in `from..to` as this transaction sees it: the
    /// best remaining quality of a book.
    pub fn first_book_root(&self, from: &Hash256, to: &Hash256) -> Option<Hash256> {
        let committed = self
            .base
            .book_roots(from, to)
            .find(|k| !matches!(self.changes.get(*k), Some(Change::Deleted(_))))
            .copied();
        let created = self.changes.range(*from..*to).find_map(|(k, c)| match c {
            Change::Created(e) | Change::Modified(e) if is_book_root(k, e) => Some(*k),
            _ => None,
        });
        match (committed, created) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The original (committed) object at `key`.
    pub fn original(&self, key: &Hash256) -> Option<&LedgerEntry> {
        self.base.get(key)
    }

    /// The committed state under this view.
    pub fn base(&self) -> &'a StateMap {
        self.base
    }

    /// Consumes the view, giving its changes in key order.
    pub fn into_changes(self) -> BTreeMap<Hash256, Change> {
        self.changes
    }
}

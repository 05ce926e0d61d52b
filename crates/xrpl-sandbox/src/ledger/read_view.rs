//! Read-only views of the ledger for queries: the open (current) ledger or the last validated one.
//!
//! The engine keeps one state map, the open ledger's. To answer `ledger_index: "validated"`
//! without copying the whole map at every close, it keeps an undo log: for every key the open
//! ledger changed, the object as the last closed ledger had it. Reading "validated" consults the
//! log first. Older ledgers are not kept (a classroom needs the present, not an archive).

use std::collections::HashMap;

use super::account_root::AccountRoot;
use super::entry::LedgerEntry;
use super::state::{StateMap, is_book_root};
use crate::proto::{AccountId, Hash256, keylet};

/// Objects as the last closed ledger had them, for keys the open ledger changed.
pub type UndoLog = HashMap<Hash256, Option<LedgerEntry>>;

/// Which ledger a query reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerSelector {
    /// The open ledger, including transactions not yet validated.
    Current,
    /// The last closed (validated) ledger.
    Validated,
}

/// A read-only view of one ledger's state.
#[derive(Clone, Copy)]
pub struct ReadView<'a> {
    state: &'a StateMap,
    undo: Option<&'a UndoLog>,
}

impl<'a> ReadView<'a> {
    /// The open ledger's state.
    pub fn current(state: &'a StateMap) -> Self {
        ReadView { state, undo: None }
    }

    /// The last closed ledger's state: the open state with the open ledger's changes undone.
    pub fn validated(state: &'a StateMap, undo: &'a UndoLog) -> Self {
        ReadView {
            state,
            undo: Some(undo),
        }
    }

    /// The object at `key`.
    pub fn get(&self, key: &Hash256) -> Option<&'a LedgerEntry> {
        if let Some(undo) = self.undo
            && let Some(before) = undo.get(key)
        {
            return before.as_ref();
        }
        self.state.get(key)
    }

    /// The AccountRoot of `account`.
    pub fn account(&self, account: &AccountId) -> Option<&'a AccountRoot> {
        self.get(&keylet::account(account))?.as_account()
    }

    /// Order-book directory roots with keys in `from..to`, best quality first.
    pub fn book_roots(&self, from: &Hash256, to: &Hash256) -> Vec<Hash256> {
        let mut roots: Vec<Hash256> = self
            .state
            .book_roots(from, to)
            .copied()
            .filter(|k| self.get(k).is_some())
            .collect();
        if let Some(undo) = self.undo {
            for (key, before) in undo {
                if (from..to).contains(&key)
                    && before.as_ref().is_some_and(|e| is_book_root(key, e))
                    && !roots.contains(key)
                {
                    roots.push(*key);
                }
            }
            roots.sort();
        }
        roots
    }

    /// Every object in the view (open-ledger objects the undo log removes are skipped, objects
    /// it restores are included).
    pub fn for_each(&self, mut visit: impl FnMut(&Hash256, &'a LedgerEntry)) {
        for (key, entry) in self.state.iter() {
            match self.undo.and_then(|u| u.get(key)) {
                Some(Some(before)) => visit(key, before),
                Some(None) => {}
                None => visit(key, entry),
            }
        }
        if let Some(undo) = self.undo {
            for (key, before) in undo {
                if let Some(before) = before
                    && self.state.get(key).is_none()
                {
                    visit(key, before);
                }
            }
        }
    }
}

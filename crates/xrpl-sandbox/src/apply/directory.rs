//! Directory maintenance inside a view: adding a key to an owner or book directory and removing
//! it again, paging as rippled does.
//!
//! Owner directories keep each page sorted (rippled's `dirInsert`); book directories append in
//! arrival order so offers at one quality fill first-come, first-served (`dirAppend`).

use super::view::ApplyView;
use crate::ledger::directory::{BookFacts, DirectoryNode, PAGE_SIZE};
use crate::ledger::entry::LedgerEntry;
use crate::proto::{AccountId, Hash256, keylet};

/// What kind of directory a root is, for creating its pages.
#[derive(Debug, Clone)]
pub enum DirKind {
    /// An account's owner directory.
    Owner(AccountId),
    /// An order-book directory at one quality.
    Book(BookFacts),
    /// A directory with no owner and no book (an NFT's buy or sell offers).
    Plain,
}

fn page(view: &ApplyView<'_>, key: &Hash256) -> Option<DirectoryNode> {
    view.read(key)?.as_directory().cloned()
}

fn put_page(view: &mut ApplyView<'_>, key: Hash256, node: DirectoryNode) {
    if view.exists(&key) {
        view.update(key, LedgerEntry::DirectoryNode(node));
    } else {
        view.insert(key, LedgerEntry::DirectoryNode(node));
    }
}

fn new_page(root: Hash256, kind: &DirKind) -> DirectoryNode {
    match kind {
        DirKind::Owner(owner) => DirectoryNode::new(root, Some(*owner), None),
        DirKind::Book(facts) => DirectoryNode::new(root, None, Some(facts.clone())),
        DirKind::Plain => DirectoryNode::new(root, None, None),
    }
}

/// Adds `key` to the directory rooted at `root`; returns the page number it landed on
/// (stored by the object as `OwnerNode`/`BookNode`).
pub fn insert(view: &mut ApplyView<'_>, root: &Hash256, key: Hash256, kind: &DirKind) -> u64 {
    let sorted = !matches!(kind, DirKind::Book(_));
    let Some(mut root_page) = page(view, root) else {
        let mut node = new_page(*root, kind);
        node.indexes.push(key);
        put_page(view, *root, node);
        return 0;
    };
    let last_no = root_page.index_previous;
    let mut last = if last_no == 0 {
        root_page.clone()
    } else {
        page(view, &keylet::dir_page(root, last_no)).unwrap_or_else(|| new_page(*root, kind))
    };
    if last.indexes.len() < PAGE_SIZE {
        if sorted {
            let at = last.indexes.partition_point(|k| k < &key);
            last.indexes.insert(at, key);
        } else {
            last.indexes.push(key);
        }
        put_page(view, keylet::dir_page(root, last_no), last);
        return last_no;
    }
    // The last page is full: chain a new one after it.
    let new_no = last_no + 1;
    let mut fresh = new_page(*root, kind);
    fresh.indexes.push(key);
    fresh.index_previous = last_no;
    if last_no == 0 {
        root_page.index_next = new_no;
        root_page.index_previous = new_no;
        put_page(view, *root, root_page);
    } else {
        last.index_next = new_no;
        put_page(view, keylet::dir_page(root, last_no), last);
        root_page.index_previous = new_no;
        put_page(view, *root, root_page);
    }
    put_page(view, keylet::dir_page(root, new_no), fresh);
    new_no
}

/// Removes `key` from the directory rooted at `root`, wherever it is. Empty non-root pages are
/// unlinked; an empty root with no other page is deleted unless `keep_root`. Returns false when
/// the key was not found.
pub fn remove(view: &mut ApplyView<'_>, root: &Hash256, key: &Hash256, keep_root: bool) -> bool {
    let mut page_no = 0u64;
    loop {
        let page_key = keylet::dir_page(root, page_no);
        let Some(mut node) = page(view, &page_key) else {
            return false;
        };
        if let Some(at) = node.indexes.iter().position(|k| k == key) {
            node.indexes.remove(at);
            finish_removal(view, root, page_no, node, keep_root);
            return true;
        }
        if node.index_next == 0 {
            return false;
        }
        page_no = node.index_next;
    }
}

fn finish_removal(
    view: &mut ApplyView<'_>,
    root: &Hash256,
    page_no: u64,
    node: DirectoryNode,
    keep_root: bool,
) {
    let page_key = keylet::dir_page(root, page_no);
    if !node.indexes.is_empty() {
        put_page(view, page_key, node);
        return;
    }
    if page_no == 0 {
        if node.index_next == 0 && !keep_root {
            view.erase(&page_key);
        } else {
            put_page(view, page_key, node);
        }
        return;
    }
    // Unlink an empty inner or last page.
    let (prev_no, next_no) = (node.index_previous, node.index_next);
    view.erase(&page_key);
    if let Some(mut prev) = page(view, &keylet::dir_page(root, prev_no)) {
        prev.index_next = next_no;
        if prev_no == 0 && next_no == 0 {
            prev.index_previous = 0;
        }
        put_page(view, keylet::dir_page(root, prev_no), prev);
    }
    if next_no != 0 {
        if let Some(mut next) = page(view, &keylet::dir_page(root, next_no)) {
            next.index_previous = prev_no;
            put_page(view, keylet::dir_page(root, next_no), next);
        }
    } else if prev_no != 0
        && let Some(mut root_page) = page(view, root)
    {
        // The removed page was the last one: the root now points at its predecessor.
        root_page.index_previous = prev_no;
        put_page(view, *root, root_page);
    }
    // An emptied root with no pages left goes too.
    if let Some(root_page) = page(view, root)
        && root_page.indexes.is_empty()
        && root_page.index_next == 0
        && !keep_root
    {
        view.erase(root);
    }
}

/// Every key in the directory rooted at `root`, page by page, read through `read`.
pub fn entries<'a>(
    read: impl Fn(&Hash256) -> Option<&'a LedgerEntry>,
    root: &Hash256,
) -> Vec<Hash256> {
    let mut out = Vec::new();
    let mut page_no = 0u64;
    while let Some(node) =
        read(&keylet::dir_page(root, page_no)).and_then(LedgerEntry::as_directory)
    {
        out.extend_from_slice(&node.indexes);
        if node.index_next == 0 {
            break;
        }
        page_no = node.index_next;
    }
    out
}

/// Adds `key` to `owner`'s owner directory; returns its page (the object's `OwnerNode`).
pub fn add_owned(view: &mut ApplyView<'_>, owner: &AccountId, key: Hash256) -> u64 {
    insert(
        view,
        &keylet::owner_dir(owner),
        key,
        &DirKind::Owner(*owner),
    )
}

/// Removes `key` from `owner`'s owner directory.
pub fn remove_owned(view: &mut ApplyView<'_>, owner: &AccountId, key: &Hash256) {
    remove(view, &keylet::owner_dir(owner), key, false);
}

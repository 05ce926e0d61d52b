//! Where an owner's NFTs live: finding, inserting and removing tokens in NFTokenPages.
//!
//! Pages form a sorted, doubly linked chain per owner. The last page always has the owner's
//! maximum page key; a token belongs to the first page whose key is strictly above
//! owner ‖ low-96-bits(token). A full page (32 tokens) splits near its middle, never between two
//! tokens whose low 96 bits are equal; a page emptied or small enough merges with a neighbour.
//! Each page is one owner reserve, which is why 32 NFTs cost about one object. This follows
//! rippled's `NFTokenUtils.cpp` (with fixNFTokenPageLinks).

use crate::apply::view::ApplyView;
use crate::ledger::entry::{LedgerEntry, Threading};
use crate::ledger::nftoken::{NFToken, NFTokenPage, TOKENS_PER_PAGE};
use crate::proto::{AccountId, Hash256, keylet};
use crate::result::Ter;
use xrpl_proto::keylet::page_ordering_bits;

/// The page at `key`, if it is one.
pub fn read_page(view: &ApplyView<'_>, key: &Hash256) -> Option<NFTokenPage> {
    match view.read(key)? {
        LedgerEntry::NFTokenPage(page) => Some(page.clone()),
        _ => None,
    }
}

fn put_page(view: &mut ApplyView<'_>, key: Hash256, page: NFTokenPage) {
    if view.exists(&key) {
        view.update(key, LedgerEntry::NFTokenPage(page));
    } else {
        view.insert(key, LedgerEntry::NFTokenPage(page));
    }
}

/// `id + 1` as a 256-bit big-endian number (rippled's `uint256::next`).
fn next_key(id: &Hash256) -> Hash256 {
    let mut bytes = *id.as_bytes();
    for byte in bytes.iter_mut().rev() {
        let (sum, carry) = byte.overflowing_add(1);
        *byte = sum;
        if !carry {
            break;
        }
    }
    Hash256(bytes)
}

/// The page that holds (or would hold) `id` among `owner`'s pages: the first page whose key is
/// strictly above owner ‖ low 96 bits of `id`. Walks back from the last page along the links.
pub fn locate_page(
    view: &ApplyView<'_>,
    owner: &AccountId,
    id: &Hash256,
) -> Option<(Hash256, NFTokenPage)> {
    let first = keylet::nftoken_page_for(owner, id);
    let (_, last) = keylet::nftoken_page_bounds(owner);
    let mut key = last;
    let mut page = read_page(view, &key)?;
    while let Some(prev) = page.previous_page_min {
        if prev <= first {
            break;
        }
        page = read_page(view, &prev)?;
        key = prev;
    }
    Some((key, page))
}

/// The token `id` if `owner` holds it.
pub fn find_token(view: &ApplyView<'_>, owner: &AccountId, id: &Hash256) -> Option<NFToken> {
    let (_, page) = locate_page(view, owner, id)?;
    page.tokens.into_iter().find(|t| t.id == *id)
}

fn new_page(owner: &AccountId, tokens: Vec<NFToken>) -> NFTokenPage {
    NFTokenPage {
        owner: *owner,
        tokens,
        previous_page_min: None,
        next_page_min: None,
        previous_txn: Threading::default(),
    }
}

/// The page a new token `id` goes on, splitting a full page or creating the first one. Every
/// new page takes one owner reserve. `None` when the token cannot be stored at all (a full page
/// of tokens equivalent to it).
fn page_for_new_token(
    view: &mut ApplyView<'_>,
    owner: &AccountId,
    id: &Hash256,
) -> Option<Hash256> {
    let first = keylet::nftoken_page_for(owner, id);
    let (base, last) = keylet::nftoken_page_bounds(owner);
    let Some((key, mut page)) = locate_page(view, owner, id) else {
        put_page(view, last, new_page(owner, Vec::new()));
        view.adjust_owner_count(owner, 1);
        return Some(last);
    };
    if page.tokens.len() < TOKENS_PER_PAGE {
        return Some(key);
    }
    // Split near the middle, but keep tokens with equal low 96 bits together.
    let half = TOKENS_PER_PAGE / 2;
    let low = |t: &NFToken| page_ordering_bits(&t.id);
    let cmp = low(&page.tokens[half - 1]);
    let mut split = page.tokens[half..]
        .iter()
        .position(|t| low(t) != cmp)
        .map(|at| at + half);
    if split.is_none() {
        split = page.tokens.iter().position(|t| low(t) == cmp);
    }
    let mut split = split?;
    if split == 0 {
        match page_ordering_bits(id).cmp(&cmp) {
            std::cmp::Ordering::Equal => return None,
            // The new token goes above the full run: it gets a page of its own.
            std::cmp::Ordering::Greater => split = page.tokens.len(),
            std::cmp::Ordering::Less => {}
        }
    }
    let upper = page.tokens.split_off(split);
    let lower = std::mem::replace(&mut page.tokens, upper);
    // The new (lower) page's key sits just above its largest token.
    let new_key_token = if lower.len() == TOKENS_PER_PAGE {
        next_key(&lower[TOKENS_PER_PAGE - 1].id)
    } else {
        page.tokens[0].id
    };
    let new_key = keylet::nftoken_page_for(owner, &new_key_token);
    debug_assert!(new_key > base);
    let mut fresh = new_page(owner, lower);
    fresh.next_page_min = Some(key);
    if let Some(prev_key) = page.previous_page_min {
        fresh.previous_page_min = Some(prev_key);
        if let Some(mut prev) = read_page(view, &prev_key) {
            prev.next_page_min = Some(new_key);
            put_page(view, prev_key, prev);
        }
    }
    put_page(view, new_key, fresh);
    page.previous_page_min = Some(new_key);
    put_page(view, key, page);
    view.adjust_owner_count(owner, 1);
    Some(if first < new_key { new_key } else { key })
}

/// Puts `token` into `owner`'s pages (`tecNO_SUITABLE_NFTOKEN_PAGE` when it cannot fit).
pub fn insert_token(view: &mut ApplyView<'_>, owner: &AccountId, token: NFToken) -> Ter {
    let Some(key) = page_for_new_token(view, owner, &token.id) else {
        return Ter::tecNO_SUITABLE_NFTOKEN_PAGE;
    };
    let Some(mut page) = read_page(view, &key) else {
        return Ter::tecINTERNAL;
    };
    let at = page
        .tokens
        .partition_point(|t| t.sort_key() < token.sort_key());
    page.tokens.insert(at, token);
    put_page(view, key, page);
    Ter::tesSUCCESS
}

/// Merges page `low_key` into the next page `high_key` when both fit on one; true if merged
/// (the lower page is gone).
fn merge_pages(view: &mut ApplyView<'_>, low_key: Hash256, high_key: Hash256) -> bool {
    let (Some(low), Some(mut high)) = (read_page(view, &low_key), read_page(view, &high_key))
    else {
        return false;
    };
    if low.tokens.len() + high.tokens.len() > TOKENS_PER_PAGE {
        return false;
    }
    let mut tokens = low.tokens;
    tokens.extend(high.tokens);
    tokens.sort_by_key(NFToken::sort_key);
    high.tokens = tokens;
    high.previous_page_min = low.previous_page_min;
    if let Some(prev_key) = low.previous_page_min
        && let Some(mut prev) = read_page(view, &prev_key)
    {
        prev.next_page_min = Some(high_key);
        put_page(view, prev_key, prev);
    }
    put_page(view, high_key, high);
    view.erase(&low_key);
    true
}

/// Takes token `id` out of `owner`'s pages (`tecNO_ENTRY` when the owner does not hold it),
/// unlinking or merging pages and releasing their reserves.
pub fn remove_token(view: &mut ApplyView<'_>, owner: &AccountId, id: &Hash256) -> Ter {
    let Some((key, mut page)) = locate_page(view, owner, id) else {
        return Ter::tecNO_ENTRY;
    };
    let Some(at) = page.tokens.iter().position(|t| t.id == *id) else {
        return Ter::tecNO_ENTRY;
    };
    page.tokens.remove(at);
    let (prev_key, next_key) = (page.previous_page_min, page.next_page_min);
    let (_, last) = keylet::nftoken_page_bounds(owner);

    if !page.tokens.is_empty() {
        put_page(view, key, page);
        let mut released = 0;
        if let Some(prev) = prev_key
            && merge_pages(view, prev, key)
        {
            released += 1;
        }
        if let Some(next) = next_key
            && merge_pages(view, key, next)
        {
            released += 1;
        }
        view.adjust_owner_count(owner, -released);
        return Ter::tesSUCCESS;
    }

    if let Some(prev) = prev_key {
        if key == last {
            // The last page must keep its key: pull the previous page's tokens into it.
            let Some(prev_page) = read_page(view, &prev) else {
                return Ter::tecINTERNAL;
            };
            page.tokens = prev_page.tokens;
            page.previous_page_min = prev_page.previous_page_min;
            if let Some(pp) = prev_page.previous_page_min
                && let Some(mut before) = read_page(view, &pp)
            {
                before.next_page_min = Some(key);
                put_page(view, pp, before);
            }
            put_page(view, key, page);
            view.erase(&prev);
            view.adjust_owner_count(owner, -1);
            return Ter::tesSUCCESS;
        }
        if let Some(mut p) = read_page(view, &prev) {
            p.next_page_min = next_key;
            put_page(view, prev, p);
        }
    }
    if let Some(next) = next_key
        && let Some(mut n) = read_page(view, &next)
    {
        n.previous_page_min = prev_key;
        put_page(view, next, n);
    }
    view.erase(&key);
    let mut released = 1;
    if let (Some(prev), Some(next)) = (prev_key, next_key)
        && merge_pages(view, prev, next)
    {
        released += 1;
    }
    view.adjust_owner_count(owner, -released);
    Ter::tesSUCCESS
}

/// Replaces (or with `None` removes) the URI of `owner`'s token `id`.
pub fn change_uri(
    view: &mut ApplyView<'_>,
    owner: &AccountId,
    id: &Hash256,
    uri: Option<Vec<u8>>,
) -> Ter {
    let Some((key, mut page)) = locate_page(view, owner, id) else {
        return Ter::tecINTERNAL;
    };
    let Some(token) = page.tokens.iter_mut().find(|t| t.id == *id) else {
        return Ter::tecINTERNAL;
    };
    token.uri = uri;
    put_page(view, key, page);
    Ter::tesSUCCESS
}

/// Every token `owner` holds, page by page from the first.
pub fn owner_tokens<'a>(
    read: impl Fn(&Hash256) -> Option<&'a LedgerEntry>,
    owner: &AccountId,
) -> Vec<NFToken> {
    let (_, last) = keylet::nftoken_page_bounds(owner);
    let page_at = |key: &Hash256| match read(key) {
        Some(LedgerEntry::NFTokenPage(p)) => Some(p),
        _ => None,
    };
    let Some(mut page) = page_at(&last) else {
        return Vec::new();
    };
    // Walk to the first page, then forward.
    while let Some(prev) = page.previous_page_min.as_ref().and_then(&page_at) {
        page = prev;
    }
    let mut out = page.tokens.clone();
    while let Some(next) = page.next_page_min.as_ref().and_then(&page_at) {
        out.extend(next.tokens.iter().cloned());
        page = next;
    }
    out
}

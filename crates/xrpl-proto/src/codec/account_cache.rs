//! A small per-thread memo of classic address → account id.
//!
//! Decoding a Base58Check address costs about a microsecond (a big-number base conversion and
//! a double SHA-256), which is most of the cost of encoding a Payment. A classroom ledger sees
//! the same few dozen accounts over and over, so the codec remembers the last addresses it
//! decoded (and printed), per thread, in direct-mapped tables. Only successfully decoded addresses enter it,
//! and a hit compares the full string, so the cache can never change a result.

use std::cell::RefCell;

use crate::address::{AccountId, AddressError};

const SLOTS: usize = 128;
/// Classic addresses are 25 to 35 characters.
const MAX_LEN: usize = 35;

#[derive(Clone, Copy)]
struct Slot {
    len: u8,
    text: [u8; MAX_LEN],
    account: AccountId,
}

thread_local! {
    /// Address text → account (encoding).
    static CACHE: RefCell<[Option<Slot>; SLOTS]> = const { RefCell::new([None; SLOTS]) };
    /// Account → address text (decoding), the same entries looked up the other way.
    static REVERSE: RefCell<[Option<Slot>; SLOTS]> = const { RefCell::new([None; SLOTS]) };
}

/// FNV-1a: cheap and good enough to spread addresses over the slots.
fn slot_of(text: &[u8]) -> usize {
    let mut hash: u32 = 0x811C_9DC5;
    for byte in text {
        hash = (hash ^ u32::from(*byte)).wrapping_mul(0x0100_0193);
    }
    hash as usize % SLOTS
}

/// [`AccountId::from_classic`], memoised.
pub fn account_from_classic(text: &str) -> Result<AccountId, AddressError> {
    let bytes = text.as_bytes();
    if bytes.len() > MAX_LEN {
        return AccountId::from_classic(text);
    }
    let slot = slot_of(bytes);
    let hit = CACHE.with(|cache| {
        cache.borrow()[slot]
            .filter(|entry| &entry.text[..entry.len as usize] == bytes)
            .map(|entry| entry.account)
    });
    if let Some(account) = hit {
        return Ok(account);
    }
    let account = AccountId::from_classic(text)?;
    let mut entry = Slot {
        len: bytes.len() as u8,
        text: [0; MAX_LEN],
        account,
    };
    entry.text[..bytes.len()].copy_from_slice(bytes);
    CACHE.with(|cache| cache.borrow_mut()[slot] = Some(entry));
    Ok(account)
}

/// [`AccountId::to_classic`], memoised.
pub fn classic_of(account: &AccountId) -> String {
    let slot = slot_of(account.as_bytes());
    let hit = REVERSE.with(|cache| {
        cache.borrow()[slot]
            .filter(|entry| entry.account == *account)
            .map(|entry| String::from_utf8_lossy(&entry.text[..entry.len as usize]).into_owned())
    });
    if let Some(text) = hit {
        return text;
    }
    let text = account.to_classic();
    if text.len() <= MAX_LEN {
        let mut entry = Slot {
            len: text.len() as u8,
            text: [0; MAX_LEN],
            account: *account,
        };
        entry.text[..text.len()].copy_from_slice(text.as_bytes());
        REVERSE.with(|cache| cache.borrow_mut()[slot] = Some(entry));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_and_uncached_answers_agree() {
        for text in [
            "r3kmLJN5D28dHuH8vZNUZpMC43pEHpaocV",
            "rLQBHVhFnaC5gLEkgr6HgBJJ3bgeZHg9cj",
            "rLQBHVhFnaC5gLEkgr6HgBJJ3bgeZHg9ck",
            "rrrrrrrrrrrrrrrrrrrrrhoLvTp",
            "",
        ] {
            for _ in 0..2 {
                assert_eq!(
                    account_from_classic(text),
                    AccountId::from_classic(text),
                    "{text}"
                );
            }
        }
    }
}

//! A small per-thread memo of classic address → account id.
//!
//! It serves both directions, behind [`AccountId::from_classic`] and [`AccountId::to_classic`].
//!
//! Decoding a Base58Check address costs about a microsecond (a big-number base conversion and
//! a double SHA-256), which is most of the cost of encoding a Payment, and printing one costs as
//! much (the engine prints every account its metadata shows). A classroom ledger sees the same
//! few dozen accounts over and over, so the codec remembers the addresses it decoded and
//! printed, per thread, in two bounded maps. Only successfully decoded addresses enter, keyed by
//! the whole string or account, so the cache can never change a result.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::address::{AccountId, AddressError};

/// Addresses each table holds before it starts over: far more than a classroom's accounts.
const CAPACITY: usize = 4096;

thread_local! {
    /// Address text → account (decoding).
    static BY_TEXT: RefCell<HashMap<Box<str>, AccountId>> = RefCell::new(HashMap::new());
    /// Account → address text (encoding).
    static BY_ACCOUNT: RefCell<HashMap<AccountId, Box<str>>> = RefCell::new(HashMap::new());
}

fn remember<K: std::hash::Hash + Eq, V>(table: &mut HashMap<K, V>, key: K, value: V) {
    if table.len() >= CAPACITY {
        table.clear();
    }
    table.insert(key, value);
}

/// [`AccountId::from_classic`], memoised.
pub fn account_from_classic(text: &str) -> Result<AccountId, AddressError> {
    if let Some(account) = BY_TEXT.with(|table| table.borrow().get(text).copied()) {
        return Ok(account);
    }
    let account = AccountId::decode_classic(text)?;
    BY_TEXT.with(|table| remember(&mut table.borrow_mut(), text.into(), account));
    Ok(account)
}

/// [`AccountId::to_classic`], memoised.
pub fn classic_of(account: &AccountId) -> String {
    if let Some(text) = BY_ACCOUNT.with(|table| table.borrow().get(account).map(|t| t.to_string()))
    {
        return text;
    }
    let text = account.encode_classic();
    BY_ACCOUNT.with(|table| remember(&mut table.borrow_mut(), *account, text.as_str().into()));
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
                let decoded = account_from_classic(text);
                assert_eq!(decoded, AccountId::decode_classic(text), "{text}");
                if let Ok(account) = decoded {
                    assert_eq!(classic_of(&account), account.encode_classic());
                }
            }
        }
    }
}

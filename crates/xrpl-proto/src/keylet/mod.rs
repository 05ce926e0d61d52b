//! Ledger-object ids ("keylets"), exactly as rippled's `Indexes.cpp` computes them.
//!
//! Every object in the state tree lives at a 256-bit id derived from what identifies it: an
//! AccountRoot from its account, a trust line from its two accounts and currency, an offer or
//! escrow from its owner and the sequence that created it. The id is SHA-512Half of a two-byte
//! *space key* (one ASCII letter per object kind, so ids of different kinds never collide)
//! followed by those fields in their binary form. The sandbox stores objects under these ids, so
//! that `ledger_entry`, metadata `LedgerIndex` values and directory contents match a real rippled.

mod book;
mod nft;

pub use book::{book_base, offer_quality, quality_next, quality_of, quality_rate, with_quality};
pub use nft::{
    NFTokenIdParts, nftoken_id, nftoken_id_parts, nftoken_page_for, nftoken_page_max,
    nftoken_page_min, page_ordering_bits, scramble_taxon,
};

use crate::address::AccountId;
use crate::amount::{Currency, Issue, MptIssuanceId};
use crate::hash::{Hash256, sha512_half_of};

/// The space keys of rippled's `LedgerNameSpace` (a 16-bit big-endian value, here the letter).
pub struct LedgerNameSpace;

impl LedgerNameSpace {
    pub const ACCOUNT: u8 = b'a';
    pub const DIR_NODE: u8 = b'd';
    pub const TRUST_LINE: u8 = b'r';
    pub const OFFER: u8 = b'o';
    pub const OWNER_DIR: u8 = b'O';
    pub const BOOK_DIR: u8 = b'B';
    pub const SKIP_LIST: u8 = b's';
    pub const ESCROW: u8 = b'u';
    pub const AMENDMENTS: u8 = b'f';
    pub const FEE_SETTINGS: u8 = b'e';
    pub const TICKET: u8 = b'T';
    pub const SIGNER_LIST: u8 = b'S';
    pub const XRP_PAYMENT_CHANNEL: u8 = b'x';
    pub const CHECK: u8 = b'C';
    pub const DEPOSIT_PREAUTH: u8 = b'p';
    pub const NEGATIVE_UNL: u8 = b'N';
    pub const NFTOKEN_OFFER: u8 = b'q';
    pub const NFTOKEN_BUY_OFFERS: u8 = b'h';
    pub const NFTOKEN_SELL_OFFERS: u8 = b'i';
    pub const AMM: u8 = b'A';
    pub const DID: u8 = b'I';
    pub const ORACLE: u8 = b'R';
    pub const MPTOKEN_ISSUANCE: u8 = b'~';
    pub const MPTOKEN: u8 = b't';
    pub const CREDENTIAL: u8 = b'D';
}

/// SHA-512Half(0x00 ‖ space ‖ parts…): the space key is a big-endian u16 whose high byte is 0.
pub(crate) fn index_hash(space: u8, parts: &[&[u8]]) -> Hash256 {
    let space = [0u8, space];
    let mut all: Vec<&[u8]> = Vec::with_capacity(parts.len() + 1);
    all.push(&space);
    all.extend_from_slice(parts);
    sha512_half_of(&all)
}

pub fn account_root(account: &AccountId) -> Hash256 {
    index_hash(LedgerNameSpace::ACCOUNT, &[account.as_bytes()])
}

/// The trust line between two accounts for one currency; the same id from either side, because
/// the accounts are hashed low then high.
pub fn ripple_state(a: &AccountId, b: &AccountId, currency: &Currency) -> Hash256 {
    let (low, high) = if a <= b { (a, b) } else { (b, a) };
    index_hash(
        LedgerNameSpace::TRUST_LINE,
        &[low.as_bytes(), high.as_bytes(), currency.as_bytes()],
    )
}

/// The offer `account` created with `sequence` (its Sequence, or its TicketSequence).
pub fn offer(account: &AccountId, sequence: u32) -> Hash256 {
    index_hash(
        LedgerNameSpace::OFFER,
        &[account.as_bytes(), &sequence.to_be_bytes()],
    )
}

/// The root page of `owner`'s owner directory (everything that counts towards its reserve).
pub fn owner_dir(owner: &AccountId) -> Hash256 {
    index_hash(LedgerNameSpace::OWNER_DIR, &[owner.as_bytes()])
}

/// Page `index` of the directory rooted at `root`; page 0 is the root itself.
pub fn dir_page(root: &Hash256, index: u64) -> Hash256 {
    if index == 0 {
        return *root;
    }
    index_hash(LedgerNameSpace::DIR_NODE, &[&root.0, &index.to_be_bytes()])
}

pub fn escrow(owner: &AccountId, sequence: u32) -> Hash256 {
    index_hash(
        LedgerNameSpace::ESCROW,
        &[owner.as_bytes(), &sequence.to_be_bytes()],
    )
}

pub fn pay_channel(source: &AccountId, destination: &AccountId, sequence: u32) -> Hash256 {
    index_hash(
        LedgerNameSpace::XRP_PAYMENT_CHANNEL,
        &[
            source.as_bytes(),
            destination.as_bytes(),
            &sequence.to_be_bytes(),
        ],
    )
}

pub fn check(account: &AccountId, sequence: u32) -> Hash256 {
    index_hash(
        LedgerNameSpace::CHECK,
        &[account.as_bytes(), &sequence.to_be_bytes()],
    )
}

pub fn ticket(account: &AccountId, ticket_sequence: u32) -> Hash256 {
    index_hash(
        LedgerNameSpace::TICKET,
        &[account.as_bytes(), &ticket_sequence.to_be_bytes()],
    )
}

pub fn deposit_preauth(owner: &AccountId, authorized: &AccountId) -> Hash256 {
    index_hash(
        LedgerNameSpace::DEPOSIT_PREAUTH,
        &[owner.as_bytes(), authorized.as_bytes()],
    )
}

/// An account's signer list (rippled only ever uses page 0).
pub fn signer_list(account: &AccountId) -> Hash256 {
    index_hash(
        LedgerNameSpace::SIGNER_LIST,
        &[account.as_bytes(), &0u32.to_be_bytes()],
    )
}

pub fn nftoken_offer(owner: &AccountId, sequence: u32) -> Hash256 {
    index_hash(
        LedgerNameSpace::NFTOKEN_OFFER,
        &[owner.as_bytes(), &sequence.to_be_bytes()],
    )
}

/// The directory of buy offers for a token.
pub fn nft_buy_offers(token: &Hash256) -> Hash256 {
    index_hash(LedgerNameSpace::NFTOKEN_BUY_OFFERS, &[&token.0])
}

/// The directory of sell offers for a token.
pub fn nft_sell_offers(token: &Hash256) -> Hash256 {
    index_hash(LedgerNameSpace::NFTOKEN_SELL_OFFERS, &[&token.0])
}

pub fn mpt_issuance(id: &MptIssuanceId) -> Hash256 {
    index_hash(LedgerNameSpace::MPTOKEN_ISSUANCE, &[id.as_bytes()])
}

/// A holder's MPToken, keyed by the issuance's ledger id (not the MPTID itself).
pub fn mptoken(id: &MptIssuanceId, holder: &AccountId) -> Hash256 {
    let issuance = mpt_issuance(id);
    index_hash(LedgerNameSpace::MPTOKEN, &[&issuance.0, holder.as_bytes()])
}

pub fn did(account: &AccountId) -> Hash256 {
    index_hash(LedgerNameSpace::DID, &[account.as_bytes()])
}

pub fn oracle(account: &AccountId, document_id: u32) -> Hash256 {
    index_hash(
        LedgerNameSpace::ORACLE,
        &[account.as_bytes(), &document_id.to_be_bytes()],
    )
}

pub fn credential(subject: &AccountId, issuer: &AccountId, credential_type: &[u8]) -> Hash256 {
    index_hash(
        LedgerNameSpace::CREDENTIAL,
        &[subject.as_bytes(), issuer.as_bytes(), credential_type],
    )
}

/// The AMM pool for two issues, in either order: the smaller issue (currency, then issuer; XRP's
/// issuer is the zero account) is hashed first as issuer ‖ currency, then the larger.
pub fn amm(a: &Issue, b: &Issue) -> Hash256 {
    let (a, b) = (canonical(a), canonical(b));
    let (min, max) = if a <= b { (a, b) } else { (b, a) };
    index_hash(
        LedgerNameSpace::AMM,
        &[
            min.issuer.as_bytes(),
            min.currency.as_bytes(),
            max.issuer.as_bytes(),
            max.currency.as_bytes(),
        ],
    )
}

/// The currency of an AMM's LP tokens: `0x03` ‖ the first 19 bytes of SHA-512Half(the two
/// pools' currencies, smaller first), as rippled's `ammLPTCurrency`.
pub fn amm_lp_token_currency(a: &Issue, b: &Issue) -> Currency {
    let (a, b) = (canonical(a), canonical(b));
    let (min, max) = if a <= b { (a, b) } else { (b, a) };
    let hash = sha512_half_of(&[min.currency.as_bytes(), max.currency.as_bytes()]);
    let mut bytes = [0u8; 20];
    bytes[0] = 0x03;
    bytes[1..].copy_from_slice(&hash.0[..19]);
    Currency::from_bytes(bytes)
}

/// Candidate `attempt` (0, 1, …) for the account of a pseudo-account owner such as an AMM
/// (`owner_key` = its ledger id): RIPEMD-160(SHA-256(SHA-512Half(attempt as u16 ‖ parent
/// ledger hash ‖ owner_key))). rippled takes the first candidate with no AccountRoot, trying at
/// most 256.
pub fn pseudo_account_candidate(
    attempt: u16,
    parent_ledger_hash: &Hash256,
    owner_key: &Hash256,
) -> AccountId {
    let hash = sha512_half_of(&[
        &attempt.to_be_bytes(),
        parent_ledger_hash.as_bytes(),
        owner_key.as_bytes(),
    ]);
    AccountId::from_public_key(hash.as_bytes())
}

/// XRP is issued by nobody: whatever account an XRP issue carries, rippled hashes the zero
/// account (`xrpAccount()`).
pub(crate) fn canonical(issue: &Issue) -> Issue {
    if issue.is_xrp() { Issue::XRP } else { *issue }
}

/// Singletons.
pub fn amendments() -> Hash256 {
    index_hash(LedgerNameSpace::AMENDMENTS, &[])
}

pub fn fee_settings() -> Hash256 {
    index_hash(LedgerNameSpace::FEE_SETTINGS, &[])
}

pub fn negative_unl() -> Hash256 {
    index_hash(LedgerNameSpace::NEGATIVE_UNL, &[])
}

/// The "recent ledger hashes" skip list (the last 256 ledgers).
pub fn skip_list() -> Hash256 {
    index_hash(LedgerNameSpace::SKIP_LIST, &[])
}

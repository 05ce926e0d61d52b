//! The NFT family (XLS-20): minting, burning and modifying tokens, and trading them through
//! NFTokenOffers — directly, or brokered with the issuer's royalty and a broker's fee.
//!
//! | file | what |
//! |---|---|
//! | `pages.rs` | where tokens live: NFTokenPages, their splits, merges and reserves |
//! | `mint.rs` | NFTokenMint, NFTokenBurn, NFTokenModify |
//! | `minter.rs` | AccountSet's authorised NFT minter (`NFTokenMinter`) |
//! | `offer.rs` | NFTokenCreateOffer, NFTokenCancelOffer, offer removal |
//! | `accept.rs` | NFTokenAcceptOffer and the money that moves with a sale |

pub mod accept;
pub mod mint;
pub mod minter;
pub mod offer;
pub mod pages;

/// The flags baked into an NFTokenID (the low 16 bits of the NFTokenMint flags).
pub mod token_flags {
    /// The issuer (or its authorised minter) may burn the token wherever it is.
    pub const BURNABLE: u16 = 0x0001;
    /// The token can only be traded for XRP.
    pub const ONLY_XRP: u16 = 0x0002;
    /// Retired auto-trust-line flag: refused by current rules.
    pub const TRUST_LINE: u16 = 0x0004;
    /// Holders other than the issuer may sell it on.
    pub const TRANSFERABLE: u16 = 0x0008;
    /// The URI may be changed later with NFTokenModify.
    pub const MUTABLE: u16 = 0x0010;
}

/// The largest TransferFee: 50,000 hundred-thousandths, i.e. 50%.
pub const MAX_TRANSFER_FEE: u16 = 50_000;

/// The longest URI, in bytes.
pub const MAX_URI_LENGTH: usize = 256;

/// The flags of `id`.
pub fn flags_of(id: &crate::proto::Hash256) -> u16 {
    crate::proto::keylet::nftoken_id_parts(id).flags
}

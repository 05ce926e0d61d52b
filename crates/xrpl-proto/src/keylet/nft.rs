//! NFToken ids and the NFTokenPage ids that hold them.
//!
//! An NFTokenID is not a hash: it packs flags (16 bits), transfer fee (16), issuer (160), a
//! scrambled taxon (32) and the issuer's mint sequence (32), big-endian. The taxon is scrambled
//! with a linear congruential generator keyed by the sequence so that tokens of one taxon do not
//! cluster on one page. An owner's tokens live in pages whose ids are the owner's account in the
//! high 160 bits and the low 96 bits of the largest token id the page may hold; pages are found by
//! looking up the first page id ≥ (owner ‖ low 96 bits of the token).

use crate::address::AccountId;
use crate::hash::Hash256;

/// The low 96 bits of a page id or token id.
const PAGE_MASK_START: usize = 20;

/// An NFTokenID taken apart (taxon unscrambled).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NFTokenIdParts {
    pub flags: u16,
    pub transfer_fee: u16,
    pub issuer: AccountId,
    pub taxon: u32,
    pub sequence: u32,
}

/// `taxon XOR (384160001 × sequence + 2459 mod 2^32)`: its own inverse.
pub fn scramble_taxon(taxon: u32, sequence: u32) -> u32 {
    taxon ^ 384_160_001u32.wrapping_mul(sequence).wrapping_add(2459)
}

/// Composes the id rippled assigns to the token minted by `issuer` as its `sequence`-th mint
/// (`MintedNFTokens` before the mint). `flags` are the low 16 bits of the NFTokenMint flags.
pub fn nftoken_id(
    flags: u16,
    transfer_fee: u16,
    issuer: &AccountId,
    taxon: u32,
    sequence: u32,
) -> Hash256 {
    let mut bytes = [0u8; 32];
    bytes[..2].copy_from_slice(&flags.to_be_bytes());
    bytes[2..4].copy_from_slice(&transfer_fee.to_be_bytes());
    bytes[4..24].copy_from_slice(issuer.as_bytes());
    bytes[24..28].copy_from_slice(&scramble_taxon(taxon, sequence).to_be_bytes());
    bytes[28..].copy_from_slice(&sequence.to_be_bytes());
    Hash256(bytes)
}

/// Takes an NFTokenID apart.
pub fn nftoken_id_parts(id: &Hash256) -> NFTokenIdParts {
    let b = &id.0;
    let sequence = u32::from_be_bytes([b[28], b[29], b[30], b[31]]);
    let scrambled = u32::from_be_bytes([b[24], b[25], b[26], b[27]]);
    let mut issuer = [0u8; 20];
    issuer.copy_from_slice(&b[4..24]);
    NFTokenIdParts {
        flags: u16::from_be_bytes([b[0], b[1]]),
        transfer_fee: u16::from_be_bytes([b[2], b[3]]),
        issuer: AccountId::from_bytes(issuer),
        taxon: scramble_taxon(scrambled, sequence),
        sequence,
    }
}

/// The lowest possible page id for `owner`: owner ‖ 96 zero bits.
pub fn nftoken_page_min(owner: &AccountId) -> Hash256 {
    let mut bytes = [0u8; 32];
    bytes[..20].copy_from_slice(owner.as_bytes());
    Hash256(bytes)
}

/// The highest page id for `owner`: owner ‖ 96 one bits. An owner's last page always has it.
pub fn nftoken_page_max(owner: &AccountId) -> Hash256 {
    let mut bytes = [0xFFu8; 32];
    bytes[..20].copy_from_slice(owner.as_bytes());
    Hash256(bytes)
}

/// owner ‖ low 96 bits of `token`: the smallest page id that could hold the token; the page that
/// does is the first existing page at or above it.
pub fn nftoken_page_for(owner: &AccountId, token: &Hash256) -> Hash256 {
    let mut bytes = token.0;
    bytes[..PAGE_MASK_START].copy_from_slice(owner.as_bytes());
    Hash256(bytes)
}

/// The low 96 bits of a token or page id, the part pages are sorted by.
pub fn page_ordering_bits(id: &Hash256) -> [u8; 12] {
    let mut low = [0u8; 12];
    low.copy_from_slice(&id.0[PAGE_MASK_START..]);
    low
}

//! The catalogue of the lab's 80 actions, by family: names, descriptions, wallet needs and
//! payload schemas. Defaults are the values the handlers use when a directive leaves a field out.
//!
//! Types are tighter than the original's all-text schema on purpose: amounts are decimals,
//! switches are booleans, NFT/MPT fees and scales have the ledger's ranges, roles are enums.
//! The actions on accounts, lines and the order book are in `core.rs`; those on the ledger
//! objects the later modules teach (pools, NFTs, escrows, DIDs, MPTs, channels) in `objects.rs`.

mod core;
mod objects;

use super::{ActionSpec, Family, FieldType, PayloadField};

/// Every action, in catalogue order (grouped by family).
pub(super) fn actions() -> impl Iterator<Item = &'static ActionSpec> {
    core::ACTIONS.iter().chain(objects::ACTIONS)
}

const fn f(name: &'static str, ty: FieldType) -> PayloadField {
    PayloadField::new(name, ty)
}

const fn spec(
    name: &'static str,
    family: Family,
    wallet_required: bool,
    description: &'static str,
    fields: &'static [PayloadField],
) -> ActionSpec {
    ActionSpec {
        name,
        family,
        description,
        wallet_required,
        reportable: true,
        sandbox_only: false,
        fields,
    }
}

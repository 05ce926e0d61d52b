//! Actions on the ledger objects the later modules teach: AMM pools, NFTs, escrows, DIDs, MPTs
//! and payment channels.

use super::{f, spec};
use crate::curriculum::actions::Family::*;
use crate::curriculum::actions::FieldType::{Bool, Decimal, Enum, Int, Str};
use crate::curriculum::actions::{ActionSpec, PayloadField};

/// NFT and MPT transfer fees are in 1/100 000 units, capped at 50% by the ledger.
const TRANSFER_FEE_MAX: i64 = 50_000;
const U32_MAX: i64 = u32::MAX as i64;
/// MPT maximum amounts are 63-bit.
const MPT_MAX: i64 = i64::MAX;
const ZERO_OFFER: &str = "0000000000000000000000000000000000000000000000000000000000000000";

const fn amm_write(
    name: &'static str,
    description: &'static str,
    fields: &'static [PayloadField],
) -> ActionSpec {
    let mut s = spec(name, Amm, true, description, fields);
    s.sandbox_only = true;
    s
}

pub(super) static ACTIONS: &[ActionSpec] = &[
    // AMM
    amm_write(
        "ensure_amm_pair",
        "Create the AMM pool for a pair unless it exists.",
        &[
            f("a_currency", Str).default("XRP"),
            f("a_value", Decimal).default("100"),
            f("b_currency", Str).default("LAB"),
            f("b_value", Decimal).default("100"),
        ],
    ),
    spec(
        "get_amm_info",
        Amm,
        false,
        "Show a pool's balances, LP supply and fee.",
        &[f("a_currency", Str), f("b_currency", Str)],
    ),
    amm_write(
        "amm_deposit",
        "Deposit both assets into the pool for LP tokens.",
        &[
            f("a_currency", Str),
            f("a_value", Decimal).default("10"),
            f("b_currency", Str),
            f("b_value", Decimal).default("10"),
        ],
    ),
    spec(
        "verify_lp_received",
        Amm,
        false,
        "Check LP tokens arrived.",
        &[],
    ),
    amm_write(
        "amm_withdraw",
        "Return LP tokens to withdraw from the pool (all when no value).",
        &[
            f("a_currency", Str),
            f("b_currency", Str),
            f("lp_value", Decimal),
        ],
    ),
    spec(
        "verify_withdrawal",
        Amm,
        false,
        "Check the LP balance went down.",
        &[],
    ),
    // NFTs
    spec(
        "mint_nft",
        Nfts,
        true,
        "Mint an NFToken.",
        &[
            f("uri", Str).default("ipfs://example/game-asset.json"),
            f("taxon", Int).default("0").range(0, U32_MAX),
            f("transfer_fee", Int)
                .default("0")
                .range(0, TRANSFER_FEE_MAX),
            f("transferable", Bool).default("true"),
            f("mutable", Bool).default("false"),
        ],
    ),
    spec(
        "verify_nft",
        Nfts,
        false,
        "Check the minted NFToken on-ledger.",
        &[],
    ),
    spec(
        "burn_nft",
        Nfts,
        true,
        "Burn an NFToken (the last minted by default).",
        &[f("nftoken_id", Str)],
    ),
    spec(
        "verify_nft_burned",
        Nfts,
        false,
        "Check the NFToken is gone.",
        &[],
    ),
    spec(
        "create_buyer_wallet",
        Nfts,
        false,
        "Create and fund a second player's wallet.",
        &[],
    ),
    spec(
        "list_nft_sell_offer",
        Nfts,
        true,
        "List the NFToken for sale.",
        &[
            f("amount", Decimal).default("100"),
            f("seller", Enum)
                .default("creator")
                .choices(&["creator", "buyer"]),
        ],
    ),
    spec(
        "verify_nft_offer",
        Nfts,
        false,
        "Show the NFToken's open sell offers.",
        &[],
    ),
    spec(
        "accept_nft_offer",
        Nfts,
        true,
        "Accept the sell offer, settling the trade.",
        &[f("buyer", Enum)
            .default("buyer")
            .choices(&["buyer", "creator"])],
    ),
    spec(
        "accept_nft_offer_expect_fail",
        Nfts,
        true,
        "Accept an offer that does not exist: an expected failure.",
        &[f("offer_index", Str).default(ZERO_OFFER)],
    ),
    spec(
        "verify_nft_trade",
        Nfts,
        false,
        "Check the new owner and the royalty paid.",
        &[],
    ),
    spec(
        "modify_nft",
        Nfts,
        true,
        "Change a mutable NFToken's URI.",
        &[
            f("uri", Str).default("ipfs://example/item-level-2.json"),
            f("nftoken_id", Str),
        ],
    ),
    spec(
        "modify_nft_expect_fail",
        Nfts,
        true,
        "Modify a non-mutable NFToken: an expected failure.",
        &[f("uri", Str).default("ipfs://example/cannot-change.json")],
    ),
    spec(
        "verify_nft_modified",
        Nfts,
        false,
        "Check the same NFToken now carries the new URI.",
        &[],
    ),
    // Escrow
    spec(
        "create_escrow",
        Escrow,
        true,
        "Lock XRP in a time-based escrow.",
        &[
            f("amount", Decimal).default("10"),
            f("destination", Str),
            f("finish_seconds", Int).default("120").range(0, U32_MAX),
        ],
    ),
    spec(
        "verify_escrow",
        Escrow,
        false,
        "Check the escrow exists on-ledger.",
        &[],
    ),
    spec(
        "finish_escrow",
        Escrow,
        true,
        "Release the escrowed XRP after FinishAfter.",
        &[],
    ),
    spec(
        "cancel_escrow",
        Escrow,
        true,
        "Cancel the escrow after CancelAfter.",
        &[],
    ),
    spec(
        "verify_escrow_finished",
        Escrow,
        false,
        "Check the escrow is gone and its reserve freed.",
        &[],
    ),
    // DID
    spec(
        "set_did",
        Did,
        true,
        "Anchor a DID to the account.",
        &[f("uri", Str).default("did:xrpl:example"), f("data", Str)],
    ),
    spec("verify_did", Did, false, "Check the DID and its URI.", &[]),
    spec("delete_did", Did, true, "Delete the DID.", &[]),
    spec(
        "verify_did_deleted",
        Did,
        false,
        "Check the DID is gone.",
        &[],
    ),
    // MPT
    spec(
        "create_mpt_issuance",
        Mpt,
        true,
        "Create a Multi-Purpose Token issuance.",
        &[
            f("maximum_amount", Int)
                .default("1000000")
                .range(1, MPT_MAX),
            f("asset_scale", Int).default("0").range(0, 255),
            f("transfer_fee", Int)
                .default("0")
                .range(0, TRANSFER_FEE_MAX),
            f("transferable", Bool).default("true"),
        ],
    ),
    spec(
        "verify_mpt_issuance",
        Mpt,
        false,
        "Check the issuance's supply, scale and flags.",
        &[],
    ),
    spec(
        "mpt_authorize",
        Mpt,
        true,
        "Opt the holder in to the issuance.",
        &[],
    ),
    spec(
        "mpt_payment",
        Mpt,
        true,
        "Pay MPT units to the holder.",
        &[f("amount", Int).default("100").range(1, MPT_MAX)],
    ),
    spec(
        "verify_mpt_balance",
        Mpt,
        false,
        "Check the holder's MPT balance.",
        &[f("expected", Int).range(0, MPT_MAX)],
    ),
    // Payment channels
    spec(
        "create_channel_receiver",
        PaymentChannels,
        false,
        "Create and fund the channel's receiver wallet.",
        &[],
    ),
    spec(
        "open_channel",
        PaymentChannels,
        true,
        "Open a payment channel with XRP locked in it.",
        &[
            f("amount", Decimal).default("10"),
            f("settle_delay", Int).default("86400").range(0, U32_MAX),
        ],
    ),
    spec(
        "fund_channel",
        PaymentChannels,
        true,
        "Add XRP to the channel.",
        &[f("amount", Decimal).default("5")],
    ),
    spec(
        "sign_claim",
        PaymentChannels,
        true,
        "Sign an off-ledger claim for a cumulative amount.",
        &[f("amount", Decimal).default("3")],
    ),
    spec(
        "verify_claim_signature",
        PaymentChannels,
        false,
        "Verify the claim's signature with the channel key.",
        &[],
    ),
    spec(
        "redeem_claim",
        PaymentChannels,
        true,
        "Let the receiver redeem the latest claim on-ledger.",
        &[f("close", Bool).default("false")],
    ),
    spec(
        "verify_channel",
        PaymentChannels,
        false,
        "Check the channel's deposit and claimed balance.",
        &[f("expect_amount", Decimal), f("expect_balance", Decimal)],
    ),
];

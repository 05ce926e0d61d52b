//! The catalogue of the lab's 80 actions, by family: names, descriptions, wallet needs and
//! payload schemas. Defaults are the values the handlers use when a directive leaves a field out.
//!
//! Types are tighter than the original's all-text schema on purpose: amounts are decimals,
//! switches are booleans, NFT/MPT fees and scales have the ledger's ranges, roles are enums.

use super::FieldType::{Bool, Decimal, Enum, Int, Str};
use super::{ActionSpec, Family, PayloadField};

const fn f(name: &'static str, ty: super::FieldType) -> PayloadField {
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

const fn setup(name: &'static str, description: &'static str) -> ActionSpec {
    let mut s = spec(name, Family::Setup, false, description, &[]);
    s.reportable = false;
    s
}

const fn amm_write(
    name: &'static str,
    description: &'static str,
    fields: &'static [PayloadField],
) -> ActionSpec {
    let mut s = spec(name, Family::Amm, true, description, fields);
    s.sandbox_only = true;
    s
}

/// NFT and MPT transfer fees are in 1/100 000 units, capped at 50% by the ledger.
const TRANSFER_FEE_MAX: i64 = 50_000;
const U32_MAX: i64 = u32::MAX as i64;
/// MPT maximum amounts are 63-bit.
const MPT_MAX: i64 = i64::MAX;
const ZERO_OFFER: &str = "0000000000000000000000000000000000000000000000000000000000000000";

use Family::*;

pub(super) static ACTIONS: &[ActionSpec] = &[
    // Setup
    setup(
        "ensure_wallet",
        "Load the learner's wallet, or create and save one.",
    ),
    setup(
        "ensure_funded",
        "Make sure the wallet holds XRP, asking the faucet if it is empty.",
    ),
    setup(
        "create_issuer_wallet",
        "Create a separate issuer wallet for this module.",
    ),
    setup("fund_issuer", "Fund the issuer wallet from the faucet."),
    setup(
        "write_report",
        "Mark where the report is written (it is written at completion).",
    ),
    // Payments & verification
    spec(
        "submit_payment",
        Payments,
        true,
        "Send an XRP payment (to yourself when no destination is given).",
        &[
            f("destination", Str),
            f("amount", Decimal).default("10"),
            f("memo", Str),
        ],
    ),
    spec(
        "submit_payment_fail",
        Payments,
        true,
        "Submit a payment that is meant to fail, to read its error code.",
        &[
            f("reason", Str).default("bad_sequence"),
            f("destination", Str),
            f("amount", Decimal).default("10"),
        ],
    ),
    spec(
        "verify_tx",
        Payments,
        false,
        "Fetch the last transaction and check its result, fee and ledger.",
        &[],
    ),
    // Issued currencies / trust lines
    spec(
        "set_trust_line",
        TrustLines,
        true,
        "Set a trust line from the learner to the issuer.",
        &[
            f("currency", Str).required(),
            f("limit", Decimal).default("1000"),
        ],
    ),
    spec(
        "issue_token",
        TrustLines,
        true,
        "Have the issuer pay its currency to the learner.",
        &[
            f("currency", Str).default("LAB"),
            f("amount", Decimal).default("100"),
        ],
    ),
    spec(
        "issue_token_expect_fail",
        TrustLines,
        true,
        "Issue a currency with no trust line: an expected failure.",
        &[
            f("currency", Str).default("DBG"),
            f("amount", Decimal).default("100"),
        ],
    ),
    spec(
        "verify_trust_line",
        TrustLines,
        false,
        "Find the trust line and show its issuer, limit and balance.",
        &[f("currency", Str).default("LAB")],
    ),
    spec(
        "remove_trust_line",
        TrustLines,
        true,
        "Set a trust line's limit to 0 to remove it.",
        &[f("currency", Str).default("HYGIENE")],
    ),
    spec(
        "verify_trust_line_removed",
        TrustLines,
        false,
        "Check the trust line is gone.",
        &[f("currency", Str).default("HYGIENE")],
    ),
    // Freeze
    spec(
        "set_freeze",
        Freeze,
        true,
        "Set or clear an individual freeze on the holder's trust line.",
        &[
            f("currency", Str).default("GLD"),
            f("freeze", Bool).default("true"),
        ],
    ),
    spec(
        "set_global_freeze",
        Freeze,
        true,
        "Turn the issuer's global freeze on or off.",
        &[f("enable", Bool).default("true")],
    ),
    spec(
        "verify_freeze",
        Freeze,
        false,
        "Check the individual and global freeze flags against expectations.",
        &[
            f("currency", Str).default("GLD"),
            f("expect_individual", Bool),
            f("expect_global", Bool),
        ],
    ),
    // Clawback
    spec(
        "enable_clawback",
        Clawback,
        true,
        "Allow the issuer to claw back its tokens (before issuing).",
        &[],
    ),
    spec(
        "snapshot_token_balance",
        Clawback,
        false,
        "Record the holder's token balance under a label.",
        &[
            f("currency", Str).default("LAB"),
            f("label", Str).default("before"),
        ],
    ),
    spec(
        "clawback",
        Clawback,
        true,
        "Recall an amount of the issuer's token from the holder.",
        &[
            f("currency", Str).default("LAB"),
            f("amount", Decimal).default("30"),
        ],
    ),
    spec(
        "verify_clawback",
        Clawback,
        false,
        "Check the holder's balance dropped by exactly the clawed amount.",
        &[f("currency", Str).default("LAB")],
    ),
    spec(
        "create_noclaw_issuer",
        Clawback,
        true,
        "Set up a second issuer without clawback and take its tokens.",
        &[
            f("currency", Str).default("NOC"),
            f("amount", Decimal).default("50"),
        ],
    ),
    spec(
        "clawback_expect_fail",
        Clawback,
        true,
        "Claw back from the issuer without the flag: an expected failure.",
        &[
            f("currency", Str).default("NOC"),
            f("amount", Decimal).default("10"),
        ],
    ),
    // DEX
    spec(
        "create_offer",
        Dex,
        true,
        "Place an offer on the order book.",
        &[
            f("pays_currency", Str).default("LAB"),
            f("pays_value", Decimal).default("50"),
            f("gets_currency", Str).default("XRP"),
            f("gets_value", Decimal).default("10"),
        ],
    ),
    spec(
        "verify_offer_present",
        Dex,
        false,
        "Check the offer is active on the book.",
        &[],
    ),
    spec("cancel_offer", Dex, true, "Cancel the offer.", &[]),
    spec(
        "verify_offer_absent",
        Dex,
        false,
        "Check the offer is gone.",
        &[],
    ),
    // Strategy (market making)
    spec(
        "snapshot_position",
        Strategy,
        false,
        "Record balance, owner count, offers and trust lines under a label.",
        &[f("label", Str).default("snapshot")],
    ),
    spec(
        "strategy_offer_bid",
        Strategy,
        true,
        "Place the strategy's bid offer.",
        &[
            f("pays_currency", Str).default("LAB"),
            f("pays_value", Decimal).default("10"),
            f("gets_currency", Str).default("XRP"),
            f("gets_value", Decimal).default("1"),
            f("memo_action", Str).default("OFFER_BID"),
        ],
    ),
    spec(
        "strategy_offer_ask",
        Strategy,
        true,
        "Place the strategy's ask offer.",
        &[
            f("pays_currency", Str).default("LAB"),
            f("pays_value", Decimal).default("10"),
            f("gets_currency", Str).default("XRP"),
            f("gets_value", Decimal).default("2"),
            f("memo_action", Str).default("OFFER_ASK"),
        ],
    ),
    spec(
        "verify_module_offers",
        Strategy,
        false,
        "Check every strategy offer is on the book.",
        &[],
    ),
    spec(
        "cancel_module_offers",
        Strategy,
        true,
        "Cancel every strategy offer.",
        &[],
    ),
    spec(
        "verify_module_offers_absent",
        Strategy,
        false,
        "Check the account has no open offers left.",
        &[],
    ),
    spec(
        "verify_position_delta",
        Strategy,
        false,
        "Compare two position snapshots.",
        &[
            f("before", Str).default("before"),
            f("after", Str).default("after"),
        ],
    ),
    spec(
        "check_inventory",
        Strategy,
        false,
        "Decide which sides of the book are safe to quote.",
        &[
            f("currency", Str).default("LAB"),
            f("min_xrp_drops", Int)
                .default("20000000")
                .range(0, i64::MAX),
            f("min_token", Decimal).default("10"),
        ],
    ),
    spec(
        "place_safe_sides",
        Strategy,
        true,
        "Quote only the sides the inventory check allowed.",
        &[
            f("pays_currency", Str).default("LAB"),
            f("gets_currency", Str).default("XRP"),
            f("bid_value", Decimal).default("10"),
            f("ask_value", Decimal).default("10"),
            f("bid_price", Decimal).default("1"),
            f("ask_price", Decimal).default("2"),
        ],
    ),
    spec(
        "hygiene_summary",
        Strategy,
        false,
        "Summarise open offers and owner count against the baseline.",
        &[],
    ),
    // Reserves
    spec(
        "snapshot_account",
        Reserves,
        false,
        "Record balance, owner count and sequence under a label.",
        &[f("label", Str).default("snapshot")],
    ),
    spec(
        "verify_reserve_change",
        Reserves,
        false,
        "Compare two account snapshots and explain the reserve change.",
        &[
            f("before", Str).default("before"),
            f("after", Str).default("after"),
        ],
    ),
    // Audit
    spec(
        "run_audit",
        Audit,
        false,
        "Audit this run's transactions into a report and an audit pack.",
        &[],
    ),
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

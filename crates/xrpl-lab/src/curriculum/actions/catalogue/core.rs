//! Actions on accounts, payments, trust lines and the order book: setup, payments, issued
//! currencies, freeze, clawback, the DEX and market making, reserves and the audit.

use super::{f, spec};
use crate::curriculum::actions::ActionSpec;
use crate::curriculum::actions::Family::*;
use crate::curriculum::actions::FieldType::{Bool, Decimal, Int, Str};

const fn setup(name: &'static str, description: &'static str) -> ActionSpec {
    let mut s = spec(name, Setup, false, description, &[]);
    s.reportable = false;
    s
}

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
];

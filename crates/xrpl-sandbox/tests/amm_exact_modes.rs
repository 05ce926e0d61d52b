//! Every AMMDeposit and AMMWithdraw mode's failures, with rippled's result codes and its order of
//! checks (preflight `tem`, preclaim `ter`/`tec`, apply `tec`): the field combinations each mode
//! takes, LP-token and amount validity, minimums and limits not met, amounts that round to no
//! tokens, and withdrawals that would empty one side of the pool. Cases follow rippled's
//! `testInvalidDeposit`/`testInvalidWithdraw` (`src/test/app/AMM_test.cpp`); the rules are
//! xrpl.org's (<https://xrpl.org/docs/references/protocol/transactions/types/ammdeposit>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/ammwithdraw>). A failed
//! transaction leaves the pool as it was.

mod amm_exact_fixture;
mod common;

use amm_exact_fixture::*;
use common::{XRP, iou};
use serde_json::{Value, json};
use xrpl_sandbox::Ter;

const UNTOUCHED: (u64, &str, &str) = (10_000 * XRP, "10000", "10000000");

fn expect_untouched(amm: &mut Amm) {
    let (x, u, t) = UNTOUCHED;
    amm.expect_balances(x, u, t);
}

#[test]
fn deposit_field_combinations_are_checked_per_mode() {
    let mut amm = amm(0);
    let carol = carol_wallet();
    let (t, usd, ep) = (amm.lpt("1000"), amm.usd("100"), amm.usd("0.01"));
    let xrp = (100 * XRP).to_string();
    let cases: Vec<(u32, Value, Ter)> = vec![
        // A withdrawal flag, and no or two mode flags.
        (
            TF_WITHDRAW_ALL,
            json!({"LPTokenOut": t}),
            Ter::temINVALID_FLAG,
        ),
        (0, json!({"LPTokenOut": t}), Ter::temMALFORMED),
        (
            TF_LP_TOKEN | TF_SINGLE_ASSET,
            json!({"LPTokenOut": t}),
            Ter::temMALFORMED,
        ),
        // tfLPToken: LPTokenOut, both amounts or none, no EPrice or TradingFee.
        (TF_LP_TOKEN, json!({"Amount": xrp}), Ter::temMALFORMED),
        (
            TF_LP_TOKEN,
            json!({"LPTokenOut": t, "Amount": xrp}),
            Ter::temMALFORMED,
        ),
        (
            TF_LP_TOKEN,
            json!({"LPTokenOut": t, "EPrice": ep}),
            Ter::temMALFORMED,
        ),
        (
            TF_LP_TOKEN,
            json!({"LPTokenOut": t, "TradingFee": 10}),
            Ter::temMALFORMED,
        ),
        // tfSingleAsset: Amount alone (LPTokenOut as a minimum).
        (
            TF_SINGLE_ASSET,
            json!({"Amount": xrp, "Amount2": usd}),
            Ter::temMALFORMED,
        ),
        (TF_SINGLE_ASSET, json!({"LPTokenOut": t}), Ter::temMALFORMED),
        // tfTwoAsset: both amounts.
        (TF_TWO_ASSET, json!({"Amount": xrp}), Ter::temMALFORMED),
        // tfOneAssetLPToken: Amount and LPTokenOut.
        (
            TF_ONE_ASSET_LP_TOKEN,
            json!({"Amount": xrp}),
            Ter::temMALFORMED,
        ),
        (
            TF_ONE_ASSET_LP_TOKEN,
            json!({"LPTokenOut": t, "Amount": xrp, "EPrice": ep}),
            Ter::temMALFORMED,
        ),
        // tfLimitLPToken: Amount and EPrice.
        (TF_LIMIT_LP_TOKEN, json!({"Amount": usd}), Ter::temMALFORMED),
        (
            TF_LIMIT_LP_TOKEN,
            json!({"Amount": usd, "EPrice": ep, "LPTokenOut": t}),
            Ter::temMALFORMED,
        ),
        // tfTwoAssetIfEmpty: both amounts, no LPTokenOut.
        (
            TF_TWO_ASSET_IF_EMPTY,
            json!({"Amount": xrp, "Amount2": usd, "LPTokenOut": t}),
            Ter::temMALFORMED,
        ),
    ];
    for (flags, fields, ter) in cases {
        assert_eq!(
            amm.deposit(&carol, flags, fields.clone()),
            ter,
            "{flags:#x} {fields}"
        );
    }
    expect_untouched(&mut amm);
}

#[test]
fn deposit_amounts_and_tokens_are_validated() {
    let mut amm = amm(0);
    let carol = carol_wallet();
    let gw = gw_wallet();
    let (usd, gbp) = (amm.usd("100"), iou(&gw, "GBP", "100"));
    let cases: Vec<(u32, Value, Ter)> = vec![
        (
            TF_LP_TOKEN,
            json!({"LPTokenOut": amm.lpt("0")}),
            Ter::temBAD_AMM_TOKENS,
        ),
        (
            TF_LP_TOKEN,
            json!({"LPTokenOut": amm.lpt("-1")}),
            Ter::temBAD_AMM_TOKENS,
        ),
        // An asset the pool does not hold; the same asset twice.
        (
            TF_SINGLE_ASSET,
            json!({"Amount": gbp}),
            Ter::temBAD_AMM_TOKENS,
        ),
        (
            TF_TWO_ASSET,
            json!({"Amount": usd, "Amount2": usd}),
            Ter::temBAD_AMM_TOKENS,
        ),
        // Zero and negative amounts.
        (
            TF_SINGLE_ASSET,
            json!({"Amount": amm.usd("0")}),
            Ter::temBAD_AMOUNT,
        ),
        (
            TF_SINGLE_ASSET,
            json!({"Amount": amm.usd("-100")}),
            Ter::temBAD_AMOUNT,
        ),
        // The effective price is in the deposited asset.
        (
            TF_LIMIT_LP_TOKEN,
            json!({"Amount": usd, "EPrice": "100"}),
            Ter::temBAD_AMM_TOKENS,
        ),
        // A trading fee above 1%.
        (
            TF_TWO_ASSET_IF_EMPTY,
            json!({"Amount": "100", "Amount2": usd, "TradingFee": 1001}),
            Ter::temBAD_FEE,
        ),
        // LPTokenOut must be this pool's token (checked at preclaim).
        (
            TF_LP_TOKEN,
            json!({"LPTokenOut": amm.usd("1000")}),
            Ter::temBAD_AMM_TOKENS,
        ),
        // A pool that is not empty cannot be refilled.
        (
            TF_TWO_ASSET_IF_EMPTY,
            json!({"Amount": "100", "Amount2": usd}),
            Ter::tecAMM_NOT_EMPTY,
        ),
    ];
    for (flags, fields, ter) in cases {
        assert_eq!(
            amm.deposit(&carol, flags, fields.clone()),
            ter,
            "{flags:#x} {fields}"
        );
    }
    expect_untouched(&mut amm);

    // No pool for the pair.
    let mut tx = json!({"TransactionType": "AMMDeposit", "Asset": {"currency": "XRP"},
                        "Asset2": {"currency": "EUR", "issuer": gw.address()},
                        "Flags": TF_SINGLE_ASSET, "Amount": "100"});
    tx["Account"] = json!(carol.address());
    assert_eq!(amm.lab.submit(&carol, tx).result, Ter::terNO_AMM);
}

#[test]
fn deposits_beyond_funds_limits_and_precision_fail() {
    let mut amm = amm(0);
    let carol = carol_wallet();
    // More USD than Carol holds (30,000).
    let usd = amm.usd("40000");
    assert_eq!(
        amm.deposit(&carol, TF_SINGLE_ASSET, json!({"Amount": usd})),
        Ter::tecUNFUNDED_AMM
    );
    // All her XRP: the reserve for the LP-token line a first deposit opens is not there.
    let all = (30_000 * XRP).to_string();
    assert_eq!(
        amm.deposit(&carol, TF_SINGLE_ASSET, json!({"Amount": all})),
        Ter::tecINSUF_RESERVE_LINE
    );
    // 100,000 tokens cost 201 USD (equation 4); a 200 USD cap is short.
    let (t, usd) = (amm.lpt("100000"), amm.usd("200"));
    assert_eq!(
        amm.deposit(
            &carol,
            TF_ONE_ASSET_LP_TOKEN,
            json!({"LPTokenOut": t, "Amount": usd})
        ),
        Ter::tecAMM_FAILED
    );
    // 1000 XRP / 1000 USD earn exactly 1,000,000 tokens: a minimum of one more fails.
    let (t, usd) = (amm.lpt("1000001"), amm.usd("1000"));
    let fields = json!({"LPTokenOut": t, "Amount": (1_000 * XRP).to_string(), "Amount2": usd});
    assert_eq!(
        amm.deposit(&carol, TF_TWO_ASSET, fields),
        Ter::tecAMM_FAILED
    );
    // 1e-11 USD earns 5e-9 tokens, which a balance of 10,000,000 cannot record.
    let usd = amm.usd("0.00000000001");
    assert_eq!(
        amm.deposit(&carol, TF_SINGLE_ASSET, json!({"Amount": usd})),
        Ter::tecAMM_INVALID_TOKENS
    );
    expect_untouched(&mut amm);
    assert_eq!(amm.lp_tokens(&carol), "0");
}

#[test]
fn withdrawal_field_combinations_are_checked_per_mode() {
    let mut amm = amm(0);
    let alice = alice_wallet();
    let (t, usd) = (amm.lpt("1000"), amm.usd("100"));
    let xrp = (100 * XRP).to_string();
    let ep = amm.lpt("250");
    let cases: Vec<(u32, Value, Ter)> = vec![
        (
            TF_TWO_ASSET_IF_EMPTY,
            json!({"LPTokenIn": t}),
            Ter::temINVALID_FLAG,
        ),
        (0, json!({}), Ter::temMALFORMED),
        (
            TF_SINGLE_ASSET | TF_TWO_ASSET,
            json!({"Amount": xrp}),
            Ter::temMALFORMED,
        ),
        (TF_WITHDRAW_ALL, json!({"LPTokenIn": t}), Ter::temMALFORMED),
        (TF_WITHDRAW_ALL, json!({"Amount": usd}), Ter::temMALFORMED),
        (TF_WITHDRAW_ALL, json!({"Amount2": usd}), Ter::temMALFORMED),
        (TF_WITHDRAW_ALL, json!({"EPrice": ep}), Ter::temMALFORMED),
        (
            TF_WITHDRAW_ALL | TF_ONE_ASSET_WITHDRAW_ALL,
            json!({}),
            Ter::temMALFORMED,
        ),
        (TF_ONE_ASSET_WITHDRAW_ALL, json!({}), Ter::temMALFORMED),
        (
            TF_LP_TOKEN,
            json!({"LPTokenIn": t, "Amount": usd}),
            Ter::temMALFORMED,
        ),
        (
            TF_TWO_ASSET,
            json!({"Amount": xrp, "Amount2": usd, "LPTokenIn": t}),
            Ter::temMALFORMED,
        ),
        (
            TF_ONE_ASSET_LP_TOKEN,
            json!({"Amount": usd}),
            Ter::temMALFORMED,
        ),
        (TF_LIMIT_LP_TOKEN, json!({"Amount": usd}), Ter::temMALFORMED),
        (
            TF_LIMIT_LP_TOKEN,
            json!({"Amount": usd, "EPrice": ep, "LPTokenIn": t}),
            Ter::temMALFORMED,
        ),
    ];
    for (flags, fields, ter) in cases {
        assert_eq!(
            amm.withdraw(&alice, flags, fields.clone()),
            ter,
            "{flags:#x} {fields}"
        );
    }
    expect_untouched(&mut amm);
}

#[test]
fn withdrawal_amounts_and_tokens_are_validated() {
    let mut amm = amm(0);
    let (alice, carol, gw) = (alice_wallet(), carol_wallet(), gw_wallet());
    let (usd, gbp) = (amm.usd("100"), iou(&gw, "GBP", "100"));
    let cases: Vec<(u32, Value, Ter)> = vec![
        (
            TF_LP_TOKEN,
            json!({"LPTokenIn": amm.lpt("0")}),
            Ter::temBAD_AMM_TOKENS,
        ),
        (
            TF_LP_TOKEN,
            json!({"LPTokenIn": amm.lpt("-1")}),
            Ter::temBAD_AMM_TOKENS,
        ),
        (
            TF_SINGLE_ASSET,
            json!({"Amount": gbp}),
            Ter::temBAD_AMM_TOKENS,
        ),
        (
            TF_TWO_ASSET,
            json!({"Amount": usd, "Amount2": gbp}),
            Ter::temBAD_AMM_TOKENS,
        ),
        (
            TF_TWO_ASSET,
            json!({"Amount": usd, "Amount2": usd}),
            Ter::temBAD_AMM_TOKENS,
        ),
        (
            TF_SINGLE_ASSET,
            json!({"Amount": amm.usd("0")}),
            Ter::temBAD_AMOUNT,
        ),
        (
            TF_SINGLE_ASSET,
            json!({"Amount": amm.usd("-100")}),
            Ter::temBAD_AMOUNT,
        ),
        (
            TF_LIMIT_LP_TOKEN,
            json!({"Amount": amm.usd("10"), "EPrice": amm.lpt("-1")}),
            Ter::temBAD_AMOUNT,
        ),
        // The effective price is in LP tokens; LPTokenIn is this pool's token (preclaim).
        (
            TF_LIMIT_LP_TOKEN,
            json!({"Amount": amm.usd("10"), "EPrice": usd}),
            Ter::temBAD_AMM_TOKENS,
        ),
        (
            TF_LP_TOKEN,
            json!({"LPTokenIn": amm.usd("1000")}),
            Ter::temBAD_AMM_TOKENS,
        ),
        // All of one side, alone: "withdraw all tokens from one side of the pool".
        (
            TF_SINGLE_ASSET,
            json!({"Amount": amm.usd("10000")}),
            Ter::tecAMM_BALANCE,
        ),
        (
            TF_SINGLE_ASSET,
            json!({"Amount": (10_000 * XRP).to_string()}),
            Ter::tecAMM_BALANCE,
        ),
        (
            TF_ONE_ASSET_WITHDRAW_ALL,
            json!({"Amount": amm.usd("0")}),
            Ter::tecAMM_BALANCE,
        ),
        // More tokens than held.
        (
            TF_LP_TOKEN,
            json!({"LPTokenIn": amm.lpt("10000001")}),
            Ter::tecAMM_INVALID_TOKENS,
        ),
        // "Calculated amount to withdraw is 0" / "Calculated tokens to withdraw are 0".
        (
            TF_LP_TOKEN,
            json!({"LPTokenIn": amm.lpt("0.00001")}),
            Ter::tecAMM_FAILED,
        ),
        (
            TF_SINGLE_ASSET,
            json!({"Amount": amm.usd("0.00000000001")}),
            Ter::tecAMM_INVALID_TOKENS,
        ),
        // Minimums not met: 10,000 tokens pay 19.99 USD; 520 tokens per USD pay 1,627 USD.
        (
            TF_ONE_ASSET_LP_TOKEN,
            json!({"LPTokenIn": amm.lpt("10000"), "Amount": amm.usd("20")}),
            Ter::tecAMM_FAILED,
        ),
        (
            TF_LIMIT_LP_TOKEN,
            json!({"Amount": amm.usd("2000"), "EPrice": amm.lpt("520")}),
            Ter::tecAMM_FAILED,
        ),
    ];
    for (flags, fields, ter) in cases {
        assert_eq!(
            amm.withdraw(&alice, flags, fields.clone()),
            ter,
            "{flags:#x} {fields}"
        );
    }
    expect_untouched(&mut amm);

    // Carol holds no LP tokens.
    let t = amm.lpt("1000");
    assert_eq!(
        amm.withdraw(&carol, TF_LP_TOKEN, json!({"LPTokenIn": t})),
        Ter::tecAMM_BALANCE
    );
    // After a 1e-10 USD deposit (4e-8 tokens) she cannot take back 1e-9 USD or one drop.
    let usd = amm.usd("0.0000000001");
    assert_eq!(
        amm.deposit(&carol, TF_SINGLE_ASSET, json!({"Amount": usd})),
        Ter::tesSUCCESS
    );
    let usd = amm.usd("0.000000001");
    assert_eq!(
        amm.withdraw(&carol, TF_SINGLE_ASSET, json!({"Amount": usd})),
        Ter::tecAMM_INVALID_TOKENS
    );
    assert_eq!(
        amm.withdraw(&carol, TF_SINGLE_ASSET, json!({"Amount": "1"})),
        Ter::tecAMM_INVALID_TOKENS
    );
}

#[test]
fn a_withdrawal_cannot_exceed_the_pool() {
    // rippled's first `testInvalidWithdraw` cases: from a 99 XRP / 99 USD pool, 100 of either.
    let mut amm = amm_with(99, "99", 0);
    let alice = alice_wallet();
    let usd = amm.usd("100");
    assert_eq!(
        amm.withdraw(
            &alice,
            TF_SINGLE_ASSET,
            json!({"Amount": (100 * XRP).to_string()})
        ),
        Ter::tecAMM_BALANCE
    );
    assert_eq!(
        amm.withdraw(&alice, TF_SINGLE_ASSET, json!({"Amount": usd})),
        Ter::tecAMM_BALANCE
    );
    amm.expect_balances(99 * XRP, "99", "99000");
}

#[test]
fn withdrawing_every_token_deletes_the_pool() {
    let mut amm = amm(0);
    let alice = alice_wallet();
    assert_eq!(
        amm.withdraw(&alice, TF_WITHDRAW_ALL, json!({})),
        Ter::tesSUCCESS
    );
    assert!(amm.info().get("amm").is_none(), "the pool is gone");
    assert_eq!(
        amm.withdraw(&alice, TF_WITHDRAW_ALL, json!({})),
        Ter::terNO_AMM
    );
}

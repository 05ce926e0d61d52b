//! AMM deposits and withdrawals exact to rippled's last digit: each case is one of rippled's own
//! unit tests (`src/test/app/AMM_test.cpp`, `testDeposit` and `testWithdraw`, with fixAMMv1_1 and
//! fixAMMv1_3), run against the same starting pool — 10,000 XRP and 10,000 USD, 10,000,000 LP
//! tokens, fee 0 — and held to the pool and LP-token balances its `expectBalances` and
//! `expectLPTokens` assert. The equations are XLS-30's
//! (<https://github.com/XRPLF/XRPL-Standards/tree/master/XLS-0030-automated-market-maker>);
//! the modes are xrpl.org's
//! (<https://xrpl.org/docs/references/protocol/transactions/types/ammdeposit>,
//! <https://xrpl.org/docs/references/protocol/transactions/types/ammwithdraw>).

mod amm_exact_fixture;
mod common;

use amm_exact_fixture::*;
use common::XRP;
use serde_json::json;
use xrpl_sandbox::Ter;

const OK: Ter = Ter::tesSUCCESS;

// ---- testDeposit ----------------------------------------------------------------------------

#[test]
fn single_deposit_of_1000_usd() {
    // "Single deposit: 1000 USD": equation 3 gives 488,088.48170151 tokens; re-deriving the
    // deposit from the rounded tokens (equation 4, rounded up) takes one unit of the last digit
    // less than 1,000 USD.
    let mut amm = amm(0);
    let (carol, usd) = (carol_wallet(), amm.usd("1000"));
    assert_eq!(
        amm.deposit(&carol, TF_SINGLE_ASSET, json!({"Amount": usd})),
        OK
    );
    amm.expect_balances(10_000 * XRP, "10999.99999999999", "10488088.48170151");
    assert_eq!(amm.lp_tokens(&carol), "488088.48170151");
}

#[test]
fn single_deposit_of_1000_xrp() {
    // "Single deposit: 1000 XRP": same tokens, and whole drops leave no remainder to give back.
    let mut amm = amm(0);
    let carol = carol_wallet();
    let xrp = (1_000 * XRP).to_string();
    assert_eq!(
        amm.deposit(&carol, TF_SINGLE_ASSET, json!({"Amount": xrp})),
        OK
    );
    amm.expect_balances(11_000 * XRP, "10000", "10488088.48170151");
}

#[test]
fn one_asset_deposit_for_100000_tokens() {
    // "Single deposit: 100000 tokens worth of USD / XRP" (tfOneAssetLPToken, equation 4):
    // with fee 0, b = B·((1 + t/T)² − 1) = 10,000 × (1.01² − 1) = 201, under the 205 limit.
    let mut amm = amm(0);
    let carol = carol_wallet();
    let (t, usd) = (amm.lpt("100000"), amm.usd("205"));
    let fields = json!({"LPTokenOut": t, "Amount": usd});
    assert_eq!(amm.deposit(&carol, TF_ONE_ASSET_LP_TOKEN, fields), OK);
    amm.expect_balances(10_000 * XRP, "10201", "10100000");

    let mut amm = amm_exact_fixture::amm(0);
    let carol = carol_wallet();
    let t = amm.lpt("100000");
    let fields = json!({"LPTokenOut": t, "Amount": (205 * XRP).to_string()});
    assert_eq!(amm.deposit(&carol, TF_ONE_ASSET_LP_TOKEN, fields), OK);
    amm.expect_balances(10_201 * XRP, "10000", "10100000");
}

#[test]
fn limit_lp_token_deposits_by_effective_price() {
    // "Single deposit with EP not exceeding specified": 1000 USD at most 0.1 USD per token
    // deposits it all (its price is ~0.00205).
    let mut amm = amm(0);
    let carol = carol_wallet();
    let (usd, ep) = (amm.usd("1000"), amm.usd("0.1"));
    let fields = json!({"Amount": usd, "EPrice": ep});
    assert_eq!(amm.deposit(&carol, TF_LIMIT_LP_TOKEN, fields), OK);
    amm.expect_balances(10_000 * XRP, "10999.99999999999", "10488088.48170151");

    // 100 USD at most 0.002004 USD per token: the deposit whose price is exactly 0.002004 —
    // 80.16 USD for 40,000 tokens; and the same with Amount 0 (no cap on the asset).
    for cap in ["100", "0"] {
        let mut amm = amm_exact_fixture::amm(0);
        let carol = carol_wallet();
        let (usd, ep) = (amm.usd(cap), amm.usd("0.002004"));
        let fields = json!({"Amount": usd, "EPrice": ep});
        assert_eq!(
            amm.deposit(&carol, TF_LIMIT_LP_TOKEN, fields),
            OK,
            "cap {cap}"
        );
        amm.expect_balances(10_000 * XRP, "10080.16", "10040000");
    }
}

#[test]
fn tiny_deposits() {
    // "Tiny deposits": 0.001 tokens in proportion take one drop and 0.000001 USD.
    let mut amm = amm(0);
    let carol = carol_wallet();
    amm.deposit_tokens(&carol, "0.001");
    amm.expect_balances(10_000 * XRP + 1, "10000.000001", "10000000.001");
    assert_eq!(amm.lp_tokens(&carol), "0.001");

    // One drop alone: 0.00049999 tokens.
    let mut amm = amm_exact_fixture::amm(0);
    let carol = carol_wallet();
    assert_eq!(
        amm.deposit(&carol, TF_SINGLE_ASSET, json!({"Amount": "1"})),
        OK
    );
    amm.expect_balances(10_000 * XRP + 1, "10000", "10000000.00049999");
    assert_eq!(amm.lp_tokens(&carol), "0.00049999");

    // 1e-10 USD: the tokens round to 4e-8 and the deposit re-derived from them is 8e-11.
    let mut amm = amm_exact_fixture::amm(0);
    let carol = carol_wallet();
    let usd = amm.usd("0.0000000001");
    assert_eq!(
        amm.deposit(&carol, TF_SINGLE_ASSET, json!({"Amount": usd})),
        OK
    );
    amm.expect_balances(10_000 * XRP, "10000.00000000008", "10000000.00000004");
    assert_eq!(amm.lp_tokens(&carol), "0.00000004");
}

#[test]
fn issuer_deposits() {
    // "Issuer deposit": the gateway deposits 1,000,000 tokens' worth, then 1000 of its USD.
    let mut amm = amm(0);
    let gw = gw_wallet();
    amm.deposit_tokens(&gw, "1000000");
    amm.expect_balances(11_000 * XRP, "11000", "11000000");
    let usd = amm.usd("1000");
    assert_eq!(
        amm.deposit(&gw, TF_SINGLE_ASSET, json!({"Amount": usd})),
        OK
    );
    amm.expect_balances(11_000 * XRP, "11999.99999999998", "11489125.29307605");
}

#[test]
fn deposits_with_minimums() {
    // "Min deposit": the LP tokens or amounts named alongside are minimums that are met.
    let mut amm = amm(0);
    let carol = carol_wallet();
    let (t, usd) = (amm.lpt("1000000"), amm.usd("1000"));
    let fields = json!({"LPTokenOut": t, "Amount": (1_000 * XRP).to_string(), "Amount2": usd});
    assert_eq!(amm.deposit(&carol, TF_LP_TOKEN, fields), OK);
    amm.expect_balances(11_000 * XRP, "11000", "11000000");

    let mut amm = amm_exact_fixture::amm(0);
    let carol = carol_wallet();
    let (t, usd) = (amm.lpt("1000000"), amm.usd("1000"));
    let fields = json!({"LPTokenOut": t, "Amount": (1_000 * XRP).to_string(), "Amount2": usd});
    assert_eq!(amm.deposit(&carol, TF_TWO_ASSET, fields), OK);
    amm.expect_balances(11_000 * XRP, "11000", "11000000");

    let mut amm = amm_exact_fixture::amm(0);
    let carol = carol_wallet();
    let t = amm.lpt("488088");
    let fields = json!({"LPTokenOut": t, "Amount": (1_000 * XRP).to_string()});
    assert_eq!(amm.deposit(&carol, TF_SINGLE_ASSET, fields), OK);
    amm.expect_balances(11_000 * XRP, "10000", "10488088.48170151");

    // One token more than the deposit earns is a minimum not met.
    let mut amm = amm_exact_fixture::amm(0);
    let carol = carol_wallet();
    let t = amm.lpt("488089");
    let fields = json!({"LPTokenOut": t, "Amount": (1_000 * XRP).to_string()});
    assert_eq!(
        amm.deposit(&carol, TF_SINGLE_ASSET, fields),
        Ter::tecAMM_FAILED
    );
    amm.expect_balances(10_000 * XRP, "10000", "10000000");
}

// ---- testWithdraw ---------------------------------------------------------------------------

#[test]
fn equal_withdrawals() {
    // "Equal withdrawal by tokens 1000000, 10% of the current pool".
    let mut amm = amm(0);
    let alice = alice_wallet();
    let t = amm.lpt("1000000");
    assert_eq!(
        amm.withdraw(&alice, TF_LP_TOKEN, json!({"LPTokenIn": t})),
        OK
    );
    amm.expect_balances(9_000 * XRP, "9000", "9000000");

    // "Equal withdrawal with a limit": XRP 200 / USD 100 and XRP 100 / USD 200 both bind at
    // 100 of each.
    for (xrp, usd) in [(200, "100"), (100, "200")] {
        let mut amm = amm_exact_fixture::amm(0);
        let alice = alice_wallet();
        let usd = amm.usd(usd);
        let fields = json!({"Amount": (xrp * XRP).to_string(), "Amount2": usd});
        assert_eq!(amm.withdraw(&alice, TF_TWO_ASSET, fields), OK);
        amm.expect_balances(9_900 * XRP, "9900", "9900000");
    }
}

#[test]
fn single_withdrawals() {
    // "Single withdrawal by amount XRP1000" (equation 7): t/T = (c − √(c² − 4R))/2 with
    // R = 0.1, c = 2 gives 513,167.01949486 tokens (rounded up). With fixAMMv1_3 the XRP paid is
    // re-derived from those tokens by equation 8, B·(2·t1 − t1²) = 999,999,999.99999962 drops,
    // rounded down: one drop stays in the pool. rippled's fixAMMv1_3 figure is the XRP side of
    // "single withdraw XRP from XRP/MPT": XRPAmount(9000'000001), LPT 9,486,832.98050514.
    let mut amm = amm(0);
    let alice = alice_wallet();
    let fields = json!({"Amount": (1_000 * XRP).to_string()});
    assert_eq!(amm.withdraw(&alice, TF_SINGLE_ASSET, fields), OK);
    amm.expect_balances(9_000 * XRP + 1, "10000", "9486832.98050514");

    // "Single withdrawal by tokens 10000" (equation 8): b = B·(1 − (1 − t/T)²) = 19.99 USD.
    let mut amm = amm_exact_fixture::amm(0);
    let alice = alice_wallet();
    let (t, usd) = (amm.lpt("10000"), amm.usd("0"));
    let fields = json!({"LPTokenIn": t, "Amount": usd});
    assert_eq!(amm.withdraw(&alice, TF_ONE_ASSET_LP_TOKEN, fields), OK);
    amm.expect_balances(10_000 * XRP, "9980.01", "9990000");
}

#[test]
fn withdrawing_all_tokens() {
    // "Single deposit 1000USD, withdraw all tokens in USD": the pool is back where it began.
    let mut amm = amm(0);
    let carol = carol_wallet();
    let usd = amm.usd("1000");
    assert_eq!(
        amm.deposit(&carol, TF_SINGLE_ASSET, json!({"Amount": usd})),
        OK
    );
    let usd0 = amm.usd("0");
    assert_eq!(
        amm.withdraw(&carol, TF_ONE_ASSET_WITHDRAW_ALL, json!({"Amount": usd0})),
        OK
    );
    amm.expect_balances(10_000 * XRP, "10000", "10000000");
    assert_eq!(amm.lp_tokens(&carol), "0");

    // "... withdraw all tokens in XRP".
    let mut amm = amm_exact_fixture::amm(0);
    let carol = carol_wallet();
    let usd = amm.usd("1000");
    assert_eq!(
        amm.deposit(&carol, TF_SINGLE_ASSET, json!({"Amount": usd})),
        OK
    );
    assert_eq!(
        amm.withdraw(&carol, TF_ONE_ASSET_WITHDRAW_ALL, json!({"Amount": "0"})),
        OK
    );
    amm.expect_balances(9_090_909_091, "10999.99999999999", "10000000");

    // "Equal deposit 10%, withdraw all tokens" — in both, in USD, in XRP.
    let mut amm = amm_exact_fixture::amm(0);
    let carol = carol_wallet();
    amm.deposit_tokens(&carol, "1000000");
    assert_eq!(amm.withdraw(&carol, TF_WITHDRAW_ALL, json!({})), OK);
    amm.expect_balances(10_000 * XRP, "10000", "10000000");

    let mut amm = amm_exact_fixture::amm(0);
    let carol = carol_wallet();
    amm.deposit_tokens(&carol, "1000000");
    let usd0 = amm.usd("0");
    assert_eq!(
        amm.withdraw(&carol, TF_ONE_ASSET_WITHDRAW_ALL, json!({"Amount": usd0})),
        OK
    );
    amm.expect_balances(11_000 * XRP, "9090.909090909092", "10000000");

    let mut amm = amm_exact_fixture::amm(0);
    let carol = carol_wallet();
    amm.deposit_tokens(&carol, "1000000");
    assert_eq!(
        amm.withdraw(&carol, TF_ONE_ASSET_WITHDRAW_ALL, json!({"Amount": "0"})),
        OK
    );
    amm.expect_balances(9_090_909_091, "11000", "10000000");
}

#[test]
fn limit_lp_token_withdrawals_by_effective_price() {
    // "Withdraw with EPrice limit": 520 tokens per USD, at least 100 USD (and with Amount 0).
    // Worked here: t = T·(T + A·E·(f − 2))/(T·f − A·E) with T = 11,000,000, A = 11,000, E = 520,
    // f = 0 is T·(2AE − T)/(AE) = 846,153.846153846153…; × T rounded up and adjusted down to
    // what the balance records: 846,153.84615384, leaving 10,153,846.15384616 (and Carol
    // 153,846.15384616, as rippled asserts). The USD out is t/E = 1,627.21893491123076…, rounded
    // down to 16 digits under fixAMMv1_3 (1,627.218934911230): 9,372.78106508877 left. (rippled's
    // XRP/USD figure, 9,372.781065088757, predates fixAMMv1_3; its fixAMMv1_3 XRP/MPT version of
    // this case likewise leaves the pool a unit more, 9372781066 against 9372781065.)
    for min in ["100", "0"] {
        let mut amm = amm(0);
        let carol = carol_wallet();
        amm.deposit_tokens(&carol, "1000000");
        let (usd, ep) = (amm.usd(min), amm.lpt("520"));
        let fields = json!({"Amount": usd, "EPrice": ep});
        assert_eq!(
            amm.withdraw(&carol, TF_LIMIT_LP_TOKEN, fields),
            OK,
            "min {min}"
        );
        amm.expect_balances(11_000 * XRP, "9372.78106508877", "10153846.15384616");
        assert_eq!(amm.lp_tokens(&carol), "153846.15384616");
    }
}

#[test]
fn tiny_withdrawals() {
    // "Tiny withdraw" by tokens, one drop, and 1e-10 USD.
    let mut amm = amm(0);
    let alice = alice_wallet();
    let t = amm.lpt("0.001");
    assert_eq!(
        amm.withdraw(&alice, TF_LP_TOKEN, json!({"LPTokenIn": t})),
        OK
    );
    amm.expect_balances(10_000 * XRP - 1, "9999.999999", "9999999.999");

    // One drop: 0.0005 tokens, whose equation-8 value is 0.99999999999975 drops — rounded down
    // to nothing under fixAMMv1_3 (rippled's "Single withdraw XRP from MPT/XRP": XRP(10'000),
    // LPT 9,999,999.9995).
    let mut amm = amm_exact_fixture::amm(0);
    let alice = alice_wallet();
    assert_eq!(
        amm.withdraw(&alice, TF_SINGLE_ASSET, json!({"Amount": "1"})),
        OK
    );
    amm.expect_balances(10_000 * XRP, "10000", "9999999.9995");

    let mut amm = amm_exact_fixture::amm(0);
    let alice = alice_wallet();
    let usd = amm.usd("0.0000000001");
    assert_eq!(
        amm.withdraw(&alice, TF_SINGLE_ASSET, json!({"Amount": usd})),
        OK
    );
    amm.expect_balances(10_000 * XRP, "9999.9999999999", "9999999.99999995");
}

#[test]
fn withdrawing_close_to_the_entire_pool() {
    // "Withdraw close to entire pool": equal by tokens.
    let mut amm = amm(0);
    let alice = alice_wallet();
    let t = amm.lpt("9999999.999");
    assert_eq!(
        amm.withdraw(&alice, TF_LP_TOKEN, json!({"LPTokenIn": t})),
        OK
    );
    amm.expect_balances(1, "0.000001", "0.001");

    // USD by tokens.
    let mut amm = amm_exact_fixture::amm(0);
    let alice = alice_wallet();
    let (t, usd0) = (amm.lpt("9999999"), amm.usd("0"));
    let fields = json!({"LPTokenIn": t, "Amount": usd0});
    assert_eq!(amm.withdraw(&alice, TF_ONE_ASSET_LP_TOKEN, fields), OK);
    amm.expect_balances(10_000 * XRP, "0.0000000001", "1");

    // XRP by tokens.
    let mut amm = amm_exact_fixture::amm(0);
    let alice = alice_wallet();
    let t = amm.lpt("9999900");
    let fields = json!({"LPTokenIn": t, "Amount": "0"});
    assert_eq!(amm.withdraw(&alice, TF_ONE_ASSET_LP_TOKEN, fields), OK);
    amm.expect_balances(1, "10000", "100");

    // USD by amount.
    let mut amm = amm_exact_fixture::amm(0);
    let alice = alice_wallet();
    let usd = amm.usd("9999.99999999999");
    assert_eq!(
        amm.withdraw(&alice, TF_SINGLE_ASSET, json!({"Amount": usd})),
        OK
    );
    amm.expect_balances(10_000 * XRP, "0.00000000001", "0.316227765");

    // XRP by amount.
    let mut amm = amm_exact_fixture::amm(0);
    let alice = alice_wallet();
    let fields = json!({"Amount": (10_000 * XRP - 1).to_string()});
    assert_eq!(amm.withdraw(&alice, TF_SINGLE_ASSET, fields), OK);
    amm.expect_balances(1, "10000", "100");
}

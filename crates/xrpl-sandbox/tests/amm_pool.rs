//! AMM pools in the sandbox: creation (LP-token currency and initial tokens), deposits and
//! withdrawals in each mode, and the pool's end — checked against the XLS-30 equations worked
//! out here independently — on numbers where rippled's 16-digit rounding is exact, and step by
//! step in rippled's rounding (`amm_exact_fixture/xls30.rs`) where it is not.
//! Spec: <https://github.com/XRPLF/XRPL-Standards/tree/master/XLS-0030-automated-market-maker>
//! (equation 1: LP = √(A·B); equal deposit/withdrawal: each asset × t/T; equation 3:
//! t = T·(r − c)/(1 + c), c = √(f2² + r/f1) − f2; equation 7: t = T·(c − √(c² − 4R))/2).

mod common;
#[path = "amm_exact_fixture/decimal.rs"]
mod decimal;
#[path = "amm_exact_fixture/xls30.rs"]
mod xls30;

use common::{Lab, Wallet, XRP, iou, pay_iou, set_flag, trust};
use decimal::{D, Mode};
use serde_json::{Value, json};
use sha2::{Digest, Sha512};
use xls30::{single_deposit, single_withdraw};
use xrpl_sandbox::Ter;

const ASF_DEFAULT_RIPPLE: u32 = 8;
const TF_LP_TOKEN: u32 = 0x0001_0000;
const TF_WITHDRAW_ALL: u32 = 0x0002_0000;
const TF_SINGLE_ASSET: u32 = 0x0008_0000;
const TF_TWO_ASSET: u32 = 0x0010_0000;

struct Pool {
    lab: Lab,
    gateway: Wallet,
    alice: Wallet,
    bob: Wallet,
}

fn xrp_usd() -> Value {
    json!({"Asset": {"currency": "XRP"}})
}

fn assets(gateway: &Wallet) -> (Value, Value) {
    (
        json!({"currency": "XRP"}),
        json!({"currency": "USD", "issuer": gateway.address()}),
    )
}

/// A gateway issuing USD (rippling on), Alice and Bob each holding 1,000 USD.
fn market() -> Pool {
    let mut lab = Lab::new();
    let (gateway, alice, bob) = (Wallet::ed(80), Wallet::ed(81), Wallet::ed(82));
    for w in [&gateway, &alice, &bob] {
        lab.fund(w, 10_000);
    }
    lab.expect(&gateway, set_flag(ASF_DEFAULT_RIPPLE), Ter::tesSUCCESS);
    for w in [&alice, &bob] {
        lab.expect(w, trust(&gateway, "USD", "100000"), Ter::tesSUCCESS);
        lab.expect(
            &gateway,
            pay_iou(w, iou(&gateway, "USD", "1000")),
            Ter::tesSUCCESS,
        );
    }
    let _ = xrp_usd();
    Pool {
        lab,
        gateway,
        alice,
        bob,
    }
}

fn create(lab: &mut Lab, who: &Wallet, gateway: &Wallet, drops: u64, usd: &str, fee: u32) -> Ter {
    let reserve = lab.ledger.fees().reserve_increment;
    lab.submit(
        who,
        json!({"TransactionType": "AMMCreate", "Amount": drops.to_string(),
               "Amount2": iou(gateway, "USD", usd), "TradingFee": fee, "Fee": reserve.to_string()}),
    )
    .result
}

fn info(lab: &mut Lab, gateway: &Wallet) -> Value {
    let (a, b) = assets(gateway);
    lab.rpc("amm_info", json!({"asset": a, "asset2": b}))
}

fn deposit(gateway: &Wallet, flags: u32, fields: Value) -> Value {
    let (a, b) = assets(gateway);
    let mut tx = json!({"TransactionType": "AMMDeposit", "Asset": a, "Asset2": b, "Flags": flags});
    for (k, v) in fields.as_object().unwrap() {
        tx[k] = v.clone();
    }
    tx
}

fn withdraw(gateway: &Wallet, flags: u32, fields: Value) -> Value {
    let mut tx = deposit(gateway, flags, fields);
    tx["TransactionType"] = json!("AMMWithdraw");
    tx
}

fn lp(info: &Value) -> String {
    info["amm"]["lp_token"]["value"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn lp_amount(info: &Value, value: &str) -> Value {
    let mut t = info["amm"]["lp_token"].clone();
    t["value"] = json!(value);
    t
}

#[test]
fn creating_a_pool_issues_the_geometric_mean_in_lp_tokens() {
    let Pool {
        mut lab,
        gateway,
        alice,
        ..
    } = market();
    let usd_before = lab.iou_balance(&alice, &gateway, "USD");
    assert_eq!(
        create(&mut lab, &alice, &gateway, 100 * XRP, "100", 500),
        Ter::tesSUCCESS
    );
    let out = info(&mut lab, &gateway);
    // Equation 1: √(100,000,000 drops × 100 USD) = 100,000.
    assert_eq!(lp(&out), "100000");
    assert_eq!(out["amm"]["amount"], (100 * XRP).to_string());
    assert_eq!(out["amm"]["amount2"]["value"], "100");
    assert_eq!(out["amm"]["trading_fee"], 500);
    assert_eq!(out["amm"]["vote_slots"][0]["account"], alice.address());
    assert_eq!(out["amm"]["auction_slot"]["discounted_fee"], 50);
    // The LP token's currency: 0x03 ‖ first 19 bytes of SHA-512Half(XRP ‖ USD).
    let mut usd = [0u8; 20];
    usd[12..15].copy_from_slice(b"USD");
    let digest = Sha512::digest([[0u8; 20], usd].concat());
    let expected = format!("03{}", hex::encode_upper(&digest[..19]));
    assert_eq!(out["amm"]["lp_token"]["currency"], expected);
    assert_eq!(out["amm"]["lp_token"]["issuer"], out["amm"]["account"]);
    assert_eq!(
        lab.iou_balance(&alice, &gateway, "USD"),
        (usd_before.parse::<i64>().unwrap() - 100).to_string()
    );
    // The same pair again is a duplicate; the fee must be an owner reserve.
    assert_eq!(
        create(&mut lab, &alice, &gateway, XRP, "1", 0),
        Ter::tecDUPLICATE
    );
    let cheap = lab.submit(
        &alice,
        json!({"TransactionType": "AMMCreate", "Amount": "1000000", "Amount2": iou(&gateway, "EUR", "1")}),
    );
    assert_eq!(cheap.result, Ter::telINSUF_FEE_P);
}

#[test]
fn a_pool_needs_funds_and_a_rippling_issuer() {
    let Pool {
        mut lab,
        gateway,
        alice,
        bob,
    } = market();
    assert_eq!(
        create(&mut lab, &alice, &gateway, 10 * XRP, "5000", 0),
        Ter::tecUNFUNDED_AMM
    );
    // An issuer without DefaultRipple cannot back a pool.
    let quiet = Wallet::ed(83);
    lab.fund(&quiet, 100);
    lab.expect(&bob, trust(&quiet, "EUR", "100"), Ter::tesSUCCESS);
    lab.expect(
        &quiet,
        pay_iou(&bob, iou(&quiet, "EUR", "10")),
        Ter::tesSUCCESS,
    );
    let reserve = lab.ledger.fees().reserve_increment;
    let outcome = lab.submit(
        &bob,
        json!({"TransactionType": "AMMCreate", "Amount": "1000000", "Amount2": iou(&quiet, "EUR", "1"),
               "Fee": reserve.to_string()}),
    );
    assert_eq!(outcome.result, Ter::terNO_RIPPLE);
    let (a, b) = assets(&gateway);
    lab.expect(
        &bob,
        json!({"TransactionType": "AMMDeposit", "Asset": a, "Asset2": b, "Flags": TF_TWO_ASSET,
               "Amount": "1000000", "Amount2": iou(&gateway, "USD", "1")}),
        Ter::terNO_AMM,
    );
}

#[test]
fn equal_deposits_and_withdrawals_follow_the_pool_ratio() {
    let Pool {
        mut lab,
        gateway,
        alice,
        bob,
    } = market();
    assert_eq!(
        create(&mut lab, &alice, &gateway, 100 * XRP, "100", 0),
        Ter::tesSUCCESS
    );
    let out = info(&mut lab, &gateway);

    // LP-token mode: 10,000 of 100,000 tokens is a tenth of each asset.
    let xrp0 = lab.balance(&bob);
    let fee = lab.ledger.fees().base_fee;
    lab.expect(
        &bob,
        deposit(
            &gateway,
            TF_LP_TOKEN,
            json!({"LPTokenOut": lp_amount(&out, "10000")}),
        ),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.balance(&bob), xrp0 - 10 * XRP - fee);
    assert_eq!(lab.iou_balance(&bob, &gateway, "USD"), "990");
    let out = info(&mut lab, &gateway);
    assert_eq!(lp(&out), "110000");
    assert_eq!(out["amm"]["amount"], (110 * XRP).to_string());
    assert_eq!(out["amm"]["amount2"]["value"], "110");

    // Two-asset mode with limits 22 XRP / 11 USD: the pool is 1:1, so USD binds —
    // 11/110 = a tenth: 11 XRP, 11 USD, 11,000 tokens.
    lab.expect(
        &bob,
        deposit(
            &gateway,
            TF_TWO_ASSET,
            json!({"Amount": (22 * XRP).to_string(), "Amount2": iou(&gateway, "USD", "11")}),
        ),
        Ter::tesSUCCESS,
    );
    let out = info(&mut lab, &gateway);
    assert_eq!(lp(&out), "121000");
    assert_eq!(out["amm"]["amount"], (121 * XRP).to_string());
    assert_eq!(out["amm"]["amount2"]["value"], "121");
    let lines = lab.rpc(
        "account_lines",
        json!({"account": bob.address(), "peer": out["amm"]["account"]}),
    );
    assert_eq!(lines["lines"][0]["balance"], "21000");

    // With tfLPToken, Amount and Amount2 are the least the depositor will put in (rippled's
    // `equalDepositTokens` passes them as `depositMin`): 12,100 of 121,000 tokens is 12.1 of
    // each, short of a 13-unit minimum.
    lab.expect(
        &bob,
        deposit(
            &gateway,
            TF_LP_TOKEN,
            json!({"LPTokenOut": lp_amount(&out, "12100"), "Amount": (13 * XRP).to_string(),
                   "Amount2": iou(&gateway, "USD", "13")}),
        ),
        Ter::tecAMM_FAILED,
    );

    // Withdrawing 12,100 of 121,000 tokens returns a tenth of each asset.
    let xrp1 = lab.balance(&bob);
    lab.expect(
        &bob,
        withdraw(
            &gateway,
            TF_LP_TOKEN,
            json!({"LPTokenIn": lp_amount(&out, "12100")}),
        ),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.balance(&bob), xrp1 + 12_100_000 - fee);
    let out = info(&mut lab, &gateway);
    assert_eq!(lp(&out), "108900");
    assert_eq!(out["amm"]["amount2"]["value"], "108.9");
    // More tokens than held.
    lab.expect(
        &bob,
        withdraw(
            &gateway,
            TF_LP_TOKEN,
            json!({"LPTokenIn": lp_amount(&out, "9000")}),
        ),
        Ter::tecAMM_INVALID_TOKENS,
    );
}

#[test]
fn single_asset_deposit_and_withdrawal_match_equations_3_and_7() {
    let Pool {
        mut lab,
        gateway,
        alice,
        bob,
    } = market();
    assert_eq!(
        create(&mut lab, &alice, &gateway, 121 * XRP, "121", 0),
        Ter::tesSUCCESS
    );
    // Fee 0: t = T·(√(1 + b/B) − 1). b = 25.41 USD into 121 USD: √1.21 − 1 = 0.1, so 12,100 of
    // 121,000 — then rippled re-derives the deposit from the tokens (equation 4, rounded up) and,
    // when that asks for more than offered, shrinks both: worked out here step by step
    // (`xls30::single_deposit`), to the last digit.
    lab.expect(
        &bob,
        deposit(
            &gateway,
            TF_SINGLE_ASSET,
            json!({"Amount": iou(&gateway, "USD", "25.41")}),
        ),
        Ter::tesSUCCESS,
    );
    let (big_t, near) = (D::parse("121000"), Mode::Nearest);
    let (minted, paid) = single_deposit(D::parse("121"), D::parse("25.41"), big_t, 0, false);
    let out = info(&mut lab, &gateway);
    let lpt = big_t.add(minted, near);
    assert_eq!(lp(&out), lpt.text());
    assert_eq!(
        out["amm"]["amount2"]["value"],
        D::parse("121").add(paid, near).text()
    );
    assert_eq!(out["amm"]["amount"], (121 * XRP).to_string());

    // Equation 7 with fee 0: t/T = 1 − √(1 − R). Taking R = 0.0975 of 121 XRP (11.7975 XRP)
    // costs 1 − √0.9025 = 5% of the tokens; the pool rounds the tokens taken up, the XRP paid
    // down (`xls30::single_withdraw`).
    let xrp0 = lab.balance(&bob);
    lab.expect(
        &bob,
        withdraw(&gateway, TF_SINGLE_ASSET, json!({"Amount": "11797500"})),
        Ter::tesSUCCESS,
    );
    let (burned, paid) = single_withdraw(D::int(121_000_000), D::int(11_797_500), lpt, 0, true);
    let out = info(&mut lab, &gateway);
    assert_eq!(lp(&out), lpt.sub(burned, near).text());
    let paid = paid.to_int(Mode::Down) as u64;
    assert_eq!(lab.balance(&bob) + lab.ledger.fees().base_fee - xrp0, paid);
    assert_eq!(out["amm"]["amount"], (121 * XRP - paid).to_string());
}

#[test]
fn a_single_asset_deposit_pays_the_trading_fee() {
    let Pool {
        mut lab,
        gateway,
        alice,
        bob,
    } = market();
    // 1% fee.
    assert_eq!(
        create(&mut lab, &alice, &gateway, 100 * XRP, "100", 1000),
        Ter::tesSUCCESS
    );
    lab.expect(
        &bob,
        deposit(
            &gateway,
            TF_SINGLE_ASSET,
            json!({"Amount": iou(&gateway, "USD", "10")}),
        ),
        Ter::tesSUCCESS,
    );
    // Equation 3 at a 1% fee, re-derived by equation 4, step by step (`xls30::single_deposit`).
    let big_t = D::parse("100000");
    let (minted, paid) = single_deposit(D::parse("100"), D::parse("10"), big_t, 1000, false);
    let out = info(&mut lab, &gateway);
    assert_eq!(lp(&out), big_t.add(minted, Mode::Nearest).text());
    assert_eq!(
        out["amm"]["amount2"]["value"],
        D::parse("100").add(paid, Mode::Nearest).text()
    );
    // Fewer tokens than the fee-free formula, T·(√1.1 − 1) ≈ 4,880.88: the fee stays in the pool.
    let (free, _) = single_deposit(D::parse("100"), D::parse("10"), big_t, 0, false);
    assert!(free.sub(minted, Mode::Nearest).m > 0);
}

#[test]
fn withdrawing_everything_removes_the_pool() {
    let Pool {
        mut lab,
        gateway,
        alice,
        bob,
    } = market();
    assert_eq!(
        create(&mut lab, &alice, &gateway, 100 * XRP, "100", 0),
        Ter::tesSUCCESS
    );
    let out = info(&mut lab, &gateway);
    let pool_account = out["amm"]["account"].as_str().unwrap().to_owned();
    lab.expect(
        &bob,
        deposit(
            &gateway,
            TF_LP_TOKEN,
            json!({"LPTokenOut": lp_amount(&out, "50000")}),
        ),
        Ter::tesSUCCESS,
    );
    let owners = lab.owner_count(&bob);
    lab.expect(
        &bob,
        withdraw(&gateway, TF_WITHDRAW_ALL, json!({})),
        Ter::tesSUCCESS,
    );
    assert_eq!(
        lab.owner_count(&bob),
        owners - 1,
        "the emptied LP line is gone"
    );
    assert_eq!(lab.iou_balance(&bob, &gateway, "USD"), "1000");
    let out = info(&mut lab, &gateway);
    assert_eq!(lp(&out), "100000");

    lab.expect(
        &alice,
        withdraw(&gateway, TF_WITHDRAW_ALL, json!({})),
        Ter::tesSUCCESS,
    );
    assert_eq!(lab.iou_balance(&alice, &gateway, "USD"), "1000");
    assert_eq!(info(&mut lab, &gateway)["error"], "objectNotFound");
    let gone = lab.rpc("account_info", json!({"account": pool_account}));
    assert_eq!(gone["error"], "actNotFound");
    let (a, b) = assets(&gateway);
    lab.expect(
        &alice,
        json!({"TransactionType": "AMMDelete", "Asset": a, "Asset2": b}),
        Ter::terNO_AMM,
    );
}

#[test]
fn the_trading_fee_is_the_lp_weighted_average_of_the_votes() {
    let Pool {
        mut lab,
        gateway,
        alice,
        bob,
    } = market();
    assert_eq!(
        create(&mut lab, &alice, &gateway, 100 * XRP, "100", 1000),
        Ter::tesSUCCESS
    );
    let out = info(&mut lab, &gateway);
    // Bob takes a third of the pool (50,000 of 150,000 tokens) and votes for no fee.
    lab.expect(
        &bob,
        deposit(
            &gateway,
            TF_LP_TOKEN,
            json!({"LPTokenOut": lp_amount(&out, "50000")}),
        ),
        Ter::tesSUCCESS,
    );
    let (a, b) = assets(&gateway);
    let vote = |fee: u32| json!({"TransactionType": "AMMVote", "Asset": a, "Asset2": b, "TradingFee": fee});
    lab.expect(&bob, vote(0), Ter::tesSUCCESS);
    let out = info(&mut lab, &gateway);
    // (1000 × 100,000 + 0 × 50,000) / 150,000 = 666.67 → 667.
    assert_eq!(out["amm"]["trading_fee"], 667);
    assert_eq!(out["amm"]["auction_slot"]["discounted_fee"], 66);
    let slots = out["amm"]["vote_slots"].as_array().unwrap();
    assert_eq!(slots.len(), 2);
    let bob_slot = slots
        .iter()
        .find(|s| s["account"] == bob.address())
        .unwrap();
    assert_eq!(bob_slot["vote_weight"], 33333);
    // Voting again replaces the vote; a fee above 1% is malformed; no tokens, no vote.
    lab.expect(&bob, vote(400), Ter::tesSUCCESS);
    assert_eq!(info(&mut lab, &gateway)["amm"]["trading_fee"], 800);
    assert_eq!(lab.submit(&bob, vote(1001)).result, Ter::temBAD_FEE);
    lab.expect(&gateway, vote(10), Ter::tecAMM_INVALID_TOKENS);
}

#[test]
fn the_auction_slot_is_bought_with_lp_tokens_and_refunds_its_holder() {
    let Pool {
        mut lab,
        gateway,
        alice,
        bob,
    } = market();
    assert_eq!(
        create(&mut lab, &alice, &gateway, 100 * XRP, "100", 1000),
        Ter::tesSUCCESS
    );
    let out = info(&mut lab, &gateway);
    lab.expect(
        &bob,
        deposit(
            &gateway,
            TF_LP_TOKEN,
            json!({"LPTokenOut": lp_amount(&out, "50000")}),
        ),
        Ter::tesSUCCESS,
    );
    let (a, b) = assets(&gateway);
    let bid = |extra: Value| {
        let mut tx = json!({"TransactionType": "AMMBid", "Asset": a, "Asset2": b});
        for (k, v) in extra.as_object().unwrap() {
            tx[k] = v.clone();
        }
        tx
    };
    // Alice's creation slot cost nothing, so Bob pays 1.05 × 0 + the minimum: T × 1% / 25 =
    // 150,000 × 0.01 / 25 = 60 tokens, all burned. A cap below that fails.
    lab.expect(
        &bob,
        bid(json!({"BidMax": lp_amount(&out, "59")})),
        Ter::tecAMM_FAILED,
    );
    lab.expect(&bob, bid(json!({})), Ter::tesSUCCESS);
    let out = info(&mut lab, &gateway);
    assert_eq!(lp(&out), "149940");
    assert_eq!(out["amm"]["auction_slot"]["account"], bob.address());
    assert_eq!(out["amm"]["auction_slot"]["price"]["value"], "60");
    assert_eq!(out["amm"]["auction_slot"]["discounted_fee"], 100);
    // Alice buys it back in the first interval: 60 × 1.05 + 149,940 × 0.01 / 25 = 122.976;
    // Bob is refunded the unused 19/20 of his 60 (57); the other 65.976 is burned.
    lab.expect(&alice, bid(json!({})), Ter::tesSUCCESS);
    let out = info(&mut lab, &gateway);
    assert_eq!(out["amm"]["auction_slot"]["account"], alice.address());
    assert_eq!(out["amm"]["auction_slot"]["price"]["value"], "122.976");
    assert_eq!(lp(&out), "149874.024");
    let held = |lab: &mut Lab, who: &Wallet| {
        let lines = lab.rpc(
            "account_lines",
            json!({"account": who.address(), "peer": out["amm"]["account"]}),
        );
        lines["lines"][0]["balance"].as_str().unwrap().to_owned()
    };
    assert_eq!(held(&mut lab, &bob), "49997");
    assert_eq!(held(&mut lab, &alice), "99877.024");
}

/// `amm_info` gives the balances in the order the request names the assets (`amount` is
/// `asset`'s), and in the pool's own order when asked by its account, as rippled does.
/// Reference: <https://xrpl.org/docs/references/http-websocket-apis/public-api-methods/path-and-order-book-methods/amm_info>.
#[test]
fn amm_info_orders_the_balances_as_asked() {
    let mut p = market();
    assert_eq!(
        create(&mut p.lab, &p.alice, &p.gateway, 100 * XRP, "50", 0),
        Ter::tesSUCCESS
    );
    let (xrp, usd) = assets(&p.gateway);
    let forward = p.lab.rpc("amm_info", json!({"asset": xrp, "asset2": usd}));
    assert_eq!(forward["amm"]["amount"], (100 * XRP).to_string());
    assert_eq!(forward["amm"]["amount2"]["value"], "50");
    let reversed = p.lab.rpc("amm_info", json!({"asset": usd, "asset2": xrp}));
    assert_eq!(reversed["amm"]["amount"]["value"], "50");
    assert_eq!(reversed["amm"]["amount2"], (100 * XRP).to_string());
    let account = forward["amm"]["account"].clone();
    let by_account = p.lab.rpc("amm_info", json!({"amm_account": account}));
    assert_eq!(by_account["amm"]["amount"], (100 * XRP).to_string());
    assert_eq!(by_account["amm"]["amount2"]["value"], "50");
}

//! AMM liquidity: a pool for the run's pair, a two-asset deposit for LP tokens, a withdrawal
//! that burns them, each read back from `amm_info` and the learner's LP-token trust line.
//!
//! The writes are sandbox-only (the catalogue's `sandbox_only`): on Testnet a learner's pool
//! would be public and the modules are `dry-run`, so on a network transport they refuse before
//! touching anything. A ledger on this machine (`xrpl-lab ledger serve`) counts as a sandbox.
//! The token issuer must have DefaultRipple before its token can sit in a pool (rippled answers
//! `terNO_RIPPLE` otherwise), so `ensure_amm_pair` sets it first, as a setup transaction.

use serde_json::{Value, json};

use super::support::{amount, arg, text, trust_lines, wire_currency};
use super::{ActionCx, Record};
use crate::curriculum::module::Args;
use crate::lab_error::LabError;
use crate::transport::Network;

/// AMMCreate trading fee: 0.5% (units of 1/100,000).
const TRADING_FEE: u32 = 500;
/// AccountSet flag: DefaultRipple.
const ASF_DEFAULT_RIPPLE: u32 = 8;
/// AccountRoot flag `lsfDefaultRipple`.
const LSF_DEFAULT_RIPPLE: u64 = 0x0080_0000;
/// AMMDeposit flag: deposit both assets.
const TF_TWO_ASSET: u32 = 0x0010_0000;
/// AMMWithdraw flags: return an LP-token amount, or all of them.
const TF_LP_TOKEN: u32 = 0x0001_0000;
const TF_WITHDRAW_ALL: u32 = 0x0002_0000;

/// One side of the run's pool.
struct Side {
    currency: String,
    issuer: String,
}

impl Side {
    fn asset(&self) -> Value {
        if self.currency.eq_ignore_ascii_case("XRP") {
            json!({ "currency": "XRP" })
        } else {
            json!({ "currency": wire_currency(&self.currency), "issuer": self.issuer })
        }
    }

    fn amount(&self, value: &str) -> Result<Value, LabError> {
        amount(&self.currency, value, &self.issuer)
    }
}

/// `ensure_amm_pair a_currency=XRP a_value=100 b_currency=LAB b_value=100`.
pub async fn ensure_amm_pair(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    sandbox_only(cx, "ensure_amm_pair")?;
    let (a, b) = pair(args, cx)?;
    if pool(cx, &a, &b).await?.is_some() {
        cx.say("  AMM pool already exists");
    } else {
        for side in [&a, &b] {
            if !side.issuer.is_empty() {
                enable_default_ripple(cx, &side.issuer).await?;
            }
        }
        let tx = json!({
            "TransactionType": "AMMCreate",
            "Account": cx.learner_address()?,
            "Amount": a.amount(arg(args, "a_value", "100"))?,
            "Amount2": b.amount(arg(args, "b_value", "100"))?,
            "TradingFee": TRADING_FEE,
        });
        let result = cx.submit(tx, "learner", Record::None).await?;
        if result.success {
            cx.record(&result).await?;
            cx.say("  AMM pool created");
        } else if matches!(
            result.result_code.as_str(),
            "notSupported" | "temDISABLED" | "notYetImplemented"
        ) {
            cx.say("AMM not supported on this transport. Use --dry-run to practice.");
            return Ok(());
        } else {
            cx.explain_failure("AMMCreate", &result);
            return Ok(());
        }
    }
    remember_pair(cx, &a, &b);
    show_pool(cx, &a, &b).await
}

/// `get_amm_info a_currency=XRP b_currency=LAB`: the pool's balances, LP supply and fee.
pub async fn get_amm_info(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let (a, b) = pair(args, cx)?;
    show_pool(cx, &a, &b).await
}

/// `amm_deposit a_currency=XRP a_value=10 b_currency=LAB b_value=10`: a two-asset deposit.
pub async fn amm_deposit(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    sandbox_only(cx, "amm_deposit")?;
    let a_value = required(args, "a_value", "amm_deposit")?;
    let b_value = required(args, "b_value", "amm_deposit")?;
    let (a, b) = pair(args, cx)?;
    let before = lp_balance(cx).await;
    let tx = json!({
        "TransactionType": "AMMDeposit",
        "Account": cx.learner_address()?,
        "Asset": a.asset(),
        "Asset2": b.asset(),
        "Amount": a.amount(&a_value)?,
        "Amount2": b.amount(&b_value)?,
        "Flags": TF_TWO_ASSET,
    });
    let result = cx.submit(tx, "learner", Record::Standard).await?;
    if result.success {
        cx.say(format!(
            "  Deposited {a_value} {} and {b_value} {}",
            a.currency, b.currency
        ));
        cx.run.set_fact("lp_balance_before_deposit", before);
    } else {
        cx.explain_failure("Deposit", &result);
    }
    Ok(())
}

/// `verify_lp_received`: the learner holds LP tokens, more than before the deposit.
pub async fn verify_lp_received(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let balance = lp_balance(cx).await;
    let before = cx
        .run
        .fact_str("lp_balance_before_deposit")
        .unwrap_or("0")
        .to_string();
    if decimal(&balance) > 0.0 {
        cx.check(format!("LP tokens received: {balance}"));
        if decimal(&balance) > decimal(&before) {
            cx.check(format!("LP token balance increased: {before} → {balance}"));
        }
    } else {
        cx.fail_check("No LP tokens received");
    }
    cx.run.set_fact("lp_balance_before_withdraw", balance);
    if let (Some(a), Some(b)) = (side_of_run(cx, "a"), side_of_run(cx, "b")) {
        show_pool(cx, &a, &b).await?;
    }
    Ok(())
}

/// `amm_withdraw a_currency=XRP b_currency=LAB [lp_value=…]`: return LP tokens (all by default).
pub async fn amm_withdraw(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    sandbox_only(cx, "amm_withdraw")?;
    let (a, b) = pair(args, cx)?;
    let mut tx = json!({
        "TransactionType": "AMMWithdraw",
        "Account": cx.learner_address()?,
        "Asset": a.asset(),
        "Asset2": b.asset(),
        "Flags": TF_WITHDRAW_ALL,
    });
    let lp_value = arg(args, "lp_value", "");
    if !lp_value.is_empty() {
        let (Some(currency), Some(issuer)) = (
            cx.run.fact_str("amm_lp_currency"),
            cx.run.fact_str("amm_account"),
        ) else {
            cx.say("  The pool's LP token is unknown: run ensure_amm_pair first.");
            return Ok(());
        };
        tx["Flags"] = json!(TF_LP_TOKEN);
        tx["LPTokenIn"] = json!({ "currency": currency, "issuer": issuer, "value": lp_value });
    }
    if let Some(info) = pool(cx, &a, &b).await? {
        cx.run.set_fact("amm_pool_before_withdraw", info);
    }
    let result = cx.submit(tx, "learner", Record::Standard).await?;
    if result.success {
        cx.say(match lp_value {
            "" => "  Withdrew all your LP tokens".to_string(),
            v => format!("  Withdrew {v} LP tokens"),
        });
    } else {
        cx.explain_failure("Withdraw", &result);
    }
    Ok(())
}

/// `verify_withdrawal`: the LP balance fell, and what became of the pool.
pub async fn verify_withdrawal(cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let before = cx
        .run
        .fact_str("lp_balance_before_withdraw")
        .unwrap_or("0")
        .to_string();
    let after = lp_balance(cx).await;
    let (b, a) = (decimal(&before), decimal(&after));
    if a == 0.0 && b == 0.0 {
        cx.fail_check("No LP tokens before or after: nothing was withdrawn");
        return Ok(());
    }
    if a >= b {
        cx.fail_check(format!("LP balance unchanged: {after}"));
        return Ok(());
    }
    cx.check(format!("LP balance decreased: {before} → {after}"));
    if a == 0.0 {
        cx.check("All LP tokens returned — full withdrawal");
    }
    let (Some(sa), Some(sb)) = (side_of_run(cx, "a"), side_of_run(cx, "b")) else {
        return Ok(());
    };
    match pool(cx, &sa, &sb).await? {
        None => cx.check("Pool emptied: the AMM entry and its account are deleted"),
        Some(info) => {
            let was = cx.run.fact("amm_pool_before_withdraw").cloned();
            if let Some(was) = was {
                cx.check(format!(
                    "Pool balances: {} → {}, {} → {}",
                    amount_text(&was["amount"]),
                    amount_text(&info["amount"]),
                    amount_text(&was["amount2"]),
                    amount_text(&info["amount2"])
                ));
            }
        }
    }
    Ok(())
}

/// Refuses a pool write on a public network.
fn sandbox_only(cx: &ActionCx<'_>, action: &str) -> Result<(), LabError> {
    match cx.client.transport().network() {
        Network::DryRun | Network::Local => Ok(()),
        other => Err(LabError::new(
            "CONFIG_SANDBOX_ONLY",
            format!(
                "'{action}' runs only on the sandbox ledger; this run is on {}.",
                other.as_str()
            ),
            "Run this module with --dry-run: AMM pools are practised on the built-in ledger.",
        )),
    }
}

/// The pair a directive names; a token side is issued by the run's issuer.
fn pair(args: &Args, cx: &ActionCx<'_>) -> Result<(Side, Side), LabError> {
    let side = |key: &str, default: &str, fact: &str| -> Result<Side, LabError> {
        let currency = match args.get(key).filter(|v| !v.is_empty()) {
            Some(c) => c.to_string(),
            None => cx.run.fact_str(fact).unwrap_or(default).to_string(),
        };
        if currency.eq_ignore_ascii_case("XRP") {
            return Ok(Side {
                currency,
                issuer: String::new(),
            });
        }
        let issuer = cx
            .run
            .issuer
            .as_ref()
            .map(|w| w.address.clone())
            .ok_or_else(|| {
                LabError::new(
                    "STATE_NO_ISSUER",
                    format!("No issuer wallet for {currency}. Run the previous steps first."),
                    "Run the module from its first step: create_issuer_wallet comes before the pool.",
                )
            })?;
        Ok(Side { currency, issuer })
    };
    Ok((
        side("a_currency", "XRP", "a_currency")?,
        side("b_currency", "LAB", "b_currency")?,
    ))
}

fn remember_pair(cx: &mut ActionCx<'_>, a: &Side, b: &Side) {
    cx.run.set_fact("a_currency", a.currency.clone());
    cx.run.set_fact("a_issuer", a.issuer.clone());
    cx.run.set_fact("b_currency", b.currency.clone());
    cx.run.set_fact("b_issuer", b.issuer.clone());
}

fn side_of_run(cx: &ActionCx<'_>, which: &str) -> Option<Side> {
    Some(Side {
        currency: cx.run.fact_str(&format!("{which}_currency"))?.to_string(),
        issuer: cx
            .run
            .fact_str(&format!("{which}_issuer"))
            .unwrap_or("")
            .to_string(),
    })
}

fn required(args: &Args, key: &str, action: &str) -> Result<String, LabError> {
    match args.get(key) {
        Some(v) if !v.is_empty() => Ok(v.to_string()),
        _ => Err(LabError::new(
            "INPUT_REQUIRED_FIELD",
            format!("Missing required '{key}' for action '{action}'."),
            format!("Add {key}=… to the {action} directive in the module file."),
        )),
    }
}

/// The pool of the pair (`amm_info`'s `amm` object), `None` when there is none.
async fn pool(cx: &ActionCx<'_>, a: &Side, b: &Side) -> Result<Option<Value>, LabError> {
    let params = json!({ "asset": a.asset(), "asset2": b.asset(), "ledger_index": "validated" });
    match cx.client.transport().call("amm_info", params).await {
        Ok(reply) => Ok(reply.get("amm").cloned()),
        Err(e) if matches!(e.rpc_error(), Some("actNotFound" | "objectNotFound")) => Ok(None),
        Err(e) => Err(e.to_lab_error()),
    }
}

/// Prints the pool and keeps its account and LP-token currency for the LP-balance reads.
async fn show_pool(cx: &mut ActionCx<'_>, a: &Side, b: &Side) -> Result<(), LabError> {
    let Some(info) = pool(cx, a, b).await? else {
        cx.say("  No AMM found for this pair.");
        return Ok(());
    };
    cx.say(format!("  Pool account: {}", text(&info, "account")));
    cx.say(format!(
        "  Pool balances: {} and {}",
        amount_text(&info["amount"]),
        amount_text(&info["amount2"])
    ));
    cx.say(format!(
        "  LP token supply: {}",
        text(&info["lp_token"], "value")
    ));
    let fee = info.get("trading_fee").and_then(Value::as_u64).unwrap_or(0);
    cx.say(format!(
        "  Trading fee: {fee} ({:.3}%)",
        fee as f64 / 1000.0
    ));
    cx.run.set_fact("amm_account", text(&info, "account"));
    cx.run
        .set_fact("amm_lp_currency", text(&info["lp_token"], "currency"));
    cx.run.set_fact("amm_info", info);
    Ok(())
}

/// The learner's LP-token balance (its trust line to the pool account), `"0"` when none.
async fn lp_balance(cx: &ActionCx<'_>) -> String {
    let (Some(account), Some(currency), Ok(learner)) = (
        cx.run.fact_str("amm_account"),
        cx.run.fact_str("amm_lp_currency"),
        cx.learner_address(),
    ) else {
        return "0".into();
    };
    trust_lines(&cx.client, &learner)
        .await
        .into_iter()
        .find(|l| text(l, "account") == account && text(l, "currency") == currency)
        .map(|l| text(&l, "balance").to_string())
        .unwrap_or_else(|| "0".into())
}

fn decimal(value: &str) -> f64 {
    value.parse().unwrap_or(0.0)
}

/// An amount as text: drops as XRP, a token as `value CUR`.
fn amount_text(amount: &Value) -> String {
    match amount {
        Value::String(drops) => format!(
            "{} XRP",
            super::support::drops_to_xrp_text(drops.parse().unwrap_or(0))
        ),
        other => format!("{} {}", text(other, "value"), text(other, "currency")),
    }
}

/// Sets DefaultRipple on a token issuer that lacks it (a setup transaction, not recorded).
async fn enable_default_ripple(cx: &mut ActionCx<'_>, issuer: &str) -> Result<(), LabError> {
    let flags = cx
        .client
        .account_root(issuer)
        .await
        .map_err(|e| e.to_lab_error())?
        .and_then(|root| root.get("Flags").and_then(Value::as_u64))
        .unwrap_or(0);
    if flags & LSF_DEFAULT_RIPPLE != 0 {
        return Ok(());
    }
    cx.say("  Setup: the issuer enables DefaultRipple so the pool can hold its token");
    let tx = json!({ "TransactionType": "AccountSet", "Account": issuer, "SetFlag": ASF_DEFAULT_RIPPLE });
    let result = cx.submit(tx, "issuer", Record::None).await?;
    if !result.success {
        cx.explain_failure("DefaultRipple", &result);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_xrp_or_token_text() {
        assert_eq!(amount_text(&json!("110000000")), "110.000000 XRP");
        assert_eq!(
            amount_text(&json!({ "currency": "LAB", "issuer": "r", "value": "110" })),
            "110 LAB"
        );
    }

    #[test]
    fn a_deposit_without_values_is_refused_with_the_field_named() {
        let args = Args::default();
        let e = required(&args, "a_value", "amm_deposit").unwrap_err();
        assert_eq!(e.code, "INPUT_REQUIRED_FIELD");
        assert!(e.message.contains("'a_value'"));
    }
}

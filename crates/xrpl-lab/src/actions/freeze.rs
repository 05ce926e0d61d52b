//! The issuer's pause buttons: an Individual Freeze on one holder's trust line (TrustSet
//! `tfSetFreeze` / `tfClearFreeze`) and a Global Freeze on the issuer's account (AccountSet
//! `asfGlobalFreeze`).
//!
//! Verification reads the flags where the ledger keeps them: the issuer's freeze bit on the
//! `RippleState` entry (`lsfLowFreeze` or `lsfHighFreeze`, by which account sorts lower) and
//! `lsfGlobalFreeze` on the issuer's `AccountRoot`.

use serde_json::{Value, json};
use xrpl_proto::address::AccountId;
use xrpl_proto::amount::Currency;
use xrpl_proto::keylet::ripple_state;

use super::escrow::ledger_object;
use super::support::{arg, text, wire_currency};
use super::{ActionCx, Record};
use crate::curriculum::module::Args;
use crate::lab_error::LabError;
use crate::transport::LedgerClient;

/// TrustSet flags.
const TF_SET_FREEZE: u32 = 0x0010_0000;
const TF_CLEAR_FREEZE: u32 = 0x0020_0000;
/// AccountSet flag number of Global Freeze.
const ASF_GLOBAL_FREEZE: u32 = 7;
/// AccountRoot flag: the account has a Global Freeze on.
const LSF_GLOBAL_FREEZE: u64 = 0x0040_0000;
/// RippleState flags: the low / high account has frozen the line.
const LSF_LOW_FREEZE: u64 = 0x0040_0000;
const LSF_HIGH_FREEZE: u64 = 0x0080_0000;

/// The catalogue's reading of a yes/no argument.
pub fn truthy(value: &str) -> bool {
    matches!(
        value.to_ascii_lowercase().as_str(),
        "true" | "1" | "yes" | "on"
    )
}

/// `set_freeze currency=GLD freeze=true|false`: the issuer freezes (or unfreezes) the learner's line.
pub async fn set_freeze(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let currency = arg(args, "currency", "GLD");
    let freeze = truthy(arg(args, "freeze", "true"));
    let (holder, issuer) = holder_and_issuer(cx)?;
    // The issuer's side of the holder's line: LimitAmount names the holder as counterparty.
    let tx = json!({
        "TransactionType": "TrustSet",
        "Account": issuer,
        "LimitAmount": { "currency": wire_currency(currency), "issuer": holder, "value": "0" },
        "Flags": if freeze { TF_SET_FREEZE } else { TF_CLEAR_FREEZE },
    });
    let result = cx.submit(tx, "issuer", Record::Standard).await?;
    let (verb, flag) = if freeze {
        ("frozen", "tfSetFreeze")
    } else {
        ("unfrozen", "tfClearFreeze")
    };
    if result.success {
        cx.say(format!(
            "  Your {currency} line is {verb} by the issuer ({flag})"
        ));
    } else {
        cx.explain_failure("Freeze", &result);
    }
    Ok(())
}

/// `set_global_freeze enable=true|false`: AccountSet Set/ClearFlag 7 on the issuer.
pub async fn set_global_freeze(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    let enable = truthy(arg(args, "enable", "true"));
    let (_, issuer) = holder_and_issuer(cx)?;
    let mut tx = json!({ "TransactionType": "AccountSet", "Account": issuer });
    tx[if enable { "SetFlag" } else { "ClearFlag" }] = json!(ASF_GLOBAL_FREEZE);
    let result = cx.submit(tx, "issuer", Record::Standard).await?;
    if result.success {
        cx.say(format!(
            "  Global freeze {} on the issuer account",
            if enable { "enabled" } else { "cleared" }
        ));
    } else {
        cx.explain_failure("Global freeze", &result);
    }
    Ok(())
}

/// `verify_freeze [currency=GLD] [expect_individual=…] [expect_global=…]`.
pub async fn verify_freeze(args: &Args, cx: &mut ActionCx<'_>) -> Result<(), LabError> {
    cx.run.last_verify.clear();
    let currency = arg(args, "currency", "GLD");
    let (holder, issuer) = holder_and_issuer(cx)?;
    if let Some(expected) = args.get("expect_individual").filter(|v| !v.is_empty()) {
        let expected = truthy(expected);
        match individual_freeze(&cx.client, &holder, &issuer, currency).await {
            Ok(Some((frozen, balance))) => {
                let state = on_off(frozen);
                if frozen == expected {
                    cx.check(format!(
                        "Individual freeze is {state} for the holder's {currency} line"
                    ));
                    cx.check(format!(
                        "Balance unchanged by the freeze: {balance} {currency}"
                    ));
                } else {
                    cx.fail_check(format!(
                        "Individual freeze mismatch: expected {}, got {state}",
                        on_off(expected)
                    ));
                }
            }
            Ok(None) => cx.fail_check(format!(
                "No {currency} trust line between holder and issuer"
            )),
            Err(e) => cx.fail_check(format!("Could not read the {currency} line: {}", e.message)),
        }
    }
    if let Some(expected) = args.get("expect_global").filter(|v| !v.is_empty()) {
        let expected = truthy(expected);
        match cx.client.account_root(&issuer).await {
            Ok(Some(root)) => {
                let flags = root.get("Flags").and_then(Value::as_u64).unwrap_or(0);
                let frozen = flags & LSF_GLOBAL_FREEZE != 0;
                if frozen == expected {
                    cx.check(format!(
                        "Global freeze is {} on the issuer account",
                        on_off(frozen)
                    ));
                } else {
                    cx.fail_check(format!(
                        "Global freeze mismatch: expected {}, got {}",
                        on_off(expected),
                        on_off(frozen)
                    ));
                }
            }
            Ok(None) => cx.fail_check("The issuer account does not exist on the ledger"),
            Err(e) => cx.fail_check(format!(
                "Could not read the issuer account: {}",
                e.to_lab_error().message
            )),
        }
    }
    Ok(())
}

fn on_off(on: bool) -> &'static str {
    if on { "ON" } else { "OFF" }
}

/// Whether the issuer froze the holder's line, and the holder's balance; `None` without a line.
async fn individual_freeze(
    client: &LedgerClient<'_>,
    holder: &str,
    issuer: &str,
    currency: &str,
) -> Result<Option<(bool, String)>, LabError> {
    let bad = |what: &str| {
        LabError::new(
            "INPUT_INVALID_ARG",
            format!("'{what}' cannot name a trust line."),
            "Check the currency code and the wallets of this run.",
        )
    };
    let holder_id = AccountId::from_classic(holder).map_err(|_| bad(holder))?;
    let issuer_id = AccountId::from_classic(issuer).map_err(|_| bad(issuer))?;
    let code = Currency::from_code(&wire_currency(currency)).map_err(|_| bad(currency))?;
    let index = ripple_state(&holder_id, &issuer_id, &code).to_hex();
    let Some(line) = ledger_object(client, &index)
        .await
        .map_err(|e| e.to_lab_error())?
    else {
        return Ok(None);
    };
    let flags = line.get("Flags").and_then(Value::as_u64).unwrap_or(0);
    let issuer_is_low = issuer_id < holder_id;
    let frozen = flags
        & if issuer_is_low {
            LSF_LOW_FREEZE
        } else {
            LSF_HIGH_FREEZE
        }
        != 0;
    // The stored Balance is from the low account's side: positive when low holds the tokens.
    let stored = line.get("Balance").map(|b| text(b, "value")).unwrap_or("0");
    let balance = if issuer_is_low {
        stored.strip_prefix('-').unwrap_or(stored).to_string()
    } else {
        stored.to_string()
    };
    Ok(Some((frozen, balance)))
}

/// The learner (holder) and the run's issuer.
pub fn holder_and_issuer(cx: &ActionCx<'_>) -> Result<(String, String), LabError> {
    let issuer = cx
        .run
        .issuer
        .as_ref()
        .map(|w| w.address.clone())
        .ok_or_else(|| {
            LabError::new(
                "STATE_NO_ISSUER",
                "No issuer wallet found. Run the previous step first.",
                "Run the module from its first step: create_issuer_wallet comes before this one.",
            )
        })?;
    Ok((cx.learner_address()?, issuer))
}

#[cfg(test)]
mod tests {
    use super::truthy;

    #[test]
    fn yes_no_arguments_read_as_the_catalogue_says() {
        for yes in ["true", "TRUE", "1", "yes", "On"] {
            assert!(truthy(yes), "{yes}");
        }
        for no in ["false", "0", "no", "off", "", "maybe"] {
            assert!(!truthy(no), "{no}");
        }
    }
}

//! A Payment's `Paths` field: the routes a client found (with `ripple_path_find`) or wrote by
//! hand, parsed and checked the way rippled checks them before any step is built.
//!
//! Each path is a list of elements; an element names an account to ripple through, or a
//! currency and/or issuer to convert into through an order book. The transaction's own source,
//! SendMax issuer, Amount issuer and destination are implied around it (see `strand.rs`).
//! Rules: <https://xrpl.org/docs/concepts/tokens/fungible-tokens/paths>.

use serde_json::Value;
use xrpl_proto::amount::Currency;

use crate::proto::{AccountId, decode_address};
use crate::result::Ter;

/// rippled's `MaxPathSize`: at most this many paths in one Payment.
pub const MAX_PATHS: usize = 6;
/// rippled's `MaxPathLength`: at most this many elements in one path.
pub const MAX_PATH_LENGTH: usize = 8;

/// One element of a path: an account, or a currency and/or issuer (an order book).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathElement {
    /// Ripple through this account.
    pub account: Option<AccountId>,
    /// Convert into this currency.
    pub currency: Option<Currency>,
    /// Convert into this issuer's tokens.
    pub issuer: Option<AccountId>,
}

impl PathElement {
    /// An account element.
    pub fn account(account: AccountId) -> PathElement {
        PathElement {
            account: Some(account),
            currency: None,
            issuer: None,
        }
    }

    /// True for an account element; the others are order books ("offers").
    pub fn is_account(&self) -> bool {
        self.account.is_some()
    }
}

/// One path.
pub type Path = Vec<PathElement>;

fn field<T>(
    step: &serde_json::Map<String, Value>,
    name: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, Ter> {
    match step.get(name) {
        None => Ok(None),
        Some(Value::String(text)) => parse(text).map(Some).ok_or(Ter::temBAD_PATH),
        Some(_) => Err(Ter::temBAD_PATH),
    }
}

/// Parses and checks `Paths` (absent: no paths). An element must name something, an account
/// element names nothing else, XRP has no issuer and no account is "XRP"
/// (rippled's `toStrand` checks, which answer `temBAD_PATH`); an empty path has nothing to
/// ripple through (`temRIPPLE_EMPTY`).
pub fn parse(paths: Option<&Value>) -> Result<Vec<Path>, Ter> {
    let Some(paths) = paths else {
        return Ok(Vec::new());
    };
    let paths = paths.as_array().ok_or(Ter::temBAD_PATH)?;
    let mut out = Vec::with_capacity(paths.len());
    for path in paths {
        let steps = path.as_array().ok_or(Ter::temBAD_PATH)?;
        if steps.is_empty() {
            return Err(Ter::temRIPPLE_EMPTY);
        }
        let mut parsed = Vec::with_capacity(steps.len());
        for step in steps {
            let step = step.as_object().ok_or(Ter::temBAD_PATH)?;
            let element = PathElement {
                account: field(step, "account", decode_address)?,
                currency: field(step, "currency", |c| Currency::from_code(c).ok())?,
                issuer: field(step, "issuer", decode_address)?,
            };
            check(&element)?;
            parsed.push(element);
        }
        out.push(parsed);
    }
    Ok(out)
}

fn check(element: &PathElement) -> Result<(), Ter> {
    let PathElement {
        account,
        currency,
        issuer,
    } = element;
    if account.is_none() && currency.is_none() && issuer.is_none() {
        return Err(Ter::temBAD_PATH);
    }
    if account.is_some() && (currency.is_some() || issuer.is_some()) {
        return Err(Ter::temBAD_PATH);
    }
    if account.is_some_and(|a| a == AccountId::ZERO) || issuer.is_some_and(|i| i == AccountId::ZERO)
    {
        return Err(Ter::temBAD_PATH);
    }
    if let (Some(c), Some(_)) = (currency, issuer)
        && c.is_xrp()
    {
        return Err(Ter::temBAD_PATH);
    }
    Ok(())
}

/// True when the path set is larger than a server accepts (`telBAD_PATH_COUNT` in preclaim).
pub fn too_big(paths: &[Path]) -> bool {
    paths.len() > MAX_PATHS || paths.iter().any(|p| p.len() > MAX_PATH_LENGTH)
}

//! The action registry, schema side: every action a module directive may name, what it does,
//! whether it needs the learner's wallet, and the payload fields it accepts.
//!
//! The registry is data only. The runner binds a handler to each action by name (and its tests
//! check every name here has one); the linter and the runner both validate a directive's
//! arguments against these schemas, so a typo or a bad value is caught at lint time instead of
//! in the middle of a workshop.

mod catalogue;
mod payload;

use std::collections::BTreeMap;
use std::sync::OnceLock;

pub use payload::{PayloadError, PayloadValue, ValidatedPayload};

/// The family an action belongs to, in the order the catalogue presents them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    Setup,
    Payments,
    TrustLines,
    Freeze,
    Clawback,
    Dex,
    Strategy,
    Reserves,
    Audit,
    Amm,
    Nfts,
    Escrow,
    Did,
    Mpt,
    PaymentChannels,
}

impl Family {
    pub fn label(self) -> &'static str {
        match self {
            Family::Setup => "Setup",
            Family::Payments => "Payments & verification",
            Family::TrustLines => "Issued currencies / trust lines",
            Family::Freeze => "Freeze",
            Family::Clawback => "Clawback",
            Family::Dex => "DEX",
            Family::Strategy => "Strategy (market making)",
            Family::Reserves => "Reserves",
            Family::Audit => "Audit",
            Family::Amm => "AMM",
            Family::Nfts => "NFTs",
            Family::Escrow => "Escrow",
            Family::Did => "DID",
            Family::Mpt => "MPT",
            Family::PaymentChannels => "Payment channels",
        }
    }
}

/// The type of a payload field; directive values are text and are coerced to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    Str,
    Int,
    Decimal,
    Bool,
    Enum,
    List,
}

impl FieldType {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::Str => "str",
            FieldType::Int => "int",
            FieldType::Decimal => "decimal",
            FieldType::Bool => "bool",
            FieldType::Enum => "enum",
            FieldType::List => "list",
        }
    }
}

/// One argument an action accepts.
#[derive(Debug, Clone, PartialEq)]
pub struct PayloadField {
    pub name: &'static str,
    pub ty: FieldType,
    /// Must be given, and not blank.
    pub required: bool,
    /// The value used when the directive leaves the field out.
    pub default: Option<&'static str>,
    /// The allowed values of an `Enum` field.
    pub choices: &'static [&'static str],
    /// Inclusive bounds of an `Int` field.
    pub min: Option<i64>,
    pub max: Option<i64>,
}

impl PayloadField {
    pub(crate) const fn new(name: &'static str, ty: FieldType) -> Self {
        Self {
            name,
            ty,
            required: false,
            default: None,
            choices: &[],
            min: None,
            max: None,
        }
    }

    pub(crate) const fn default(mut self, value: &'static str) -> Self {
        self.default = Some(value);
        self
    }

    pub(crate) const fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub(crate) const fn range(mut self, min: i64, max: i64) -> Self {
        self.min = Some(min);
        self.max = Some(max);
        self
    }

    pub(crate) const fn choices(mut self, choices: &'static [&'static str]) -> Self {
        self.choices = choices;
        self
    }
}

/// Everything the lab knows about an action before any handler is bound to it.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionSpec {
    pub name: &'static str,
    pub family: Family,
    pub description: &'static str,
    /// The runner skips the step when the learner has no wallet yet.
    pub wallet_required: bool,
    /// Appears as a section of the module report (setup actions do not).
    pub reportable: bool,
    /// Only the sandbox can carry it out (AMM); a module using it must be `mode: dry-run`.
    pub sandbox_only: bool,
    /// The accepted arguments; an action with none accepts no arguments at all.
    pub fields: &'static [PayloadField],
}

impl ActionSpec {
    /// Checks a directive's arguments against the schema and coerces them (§1.5): unknown
    /// fields, missing required fields and values of the wrong type or outside their range are
    /// errors; absent fields take their default.
    pub fn validate(&self, args: &super::Args) -> Result<ValidatedPayload, PayloadError> {
        payload::validate(self, args)
    }

    pub fn field(&self, name: &str) -> Option<&PayloadField> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// An action name no spec carries.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Unknown action: '{name}'{}", suggestion_suffix(.suggestion))]
pub struct UnknownAction {
    pub name: String,
    /// The closest registered name, when one is close.
    pub suggestion: Option<&'static str>,
}

fn suggestion_suffix(suggestion: &Option<&'static str>) -> String {
    suggestion
        .map(|s| format!(" (did you mean '{s}'?)"))
        .unwrap_or_default()
}

/// All registered actions, looked up by name.
#[derive(Debug)]
pub struct ActionRegistry {
    specs: Vec<&'static ActionSpec>,
    by_name: BTreeMap<&'static str, usize>,
}

impl ActionRegistry {
    fn build(specs: impl Iterator<Item = &'static ActionSpec>) -> Self {
        let specs: Vec<_> = specs.collect();
        let mut by_name = BTreeMap::new();
        for (i, spec) in specs.iter().enumerate() {
            // The catalogue is static data; its uniqueness is asserted by a unit test.
            by_name.entry(spec.name).or_insert(i);
        }
        Self { specs, by_name }
    }

    pub fn get(&self, name: &str) -> Option<&'static ActionSpec> {
        self.by_name.get(name).map(|&i| self.specs[i])
    }

    /// Like [`get`](Self::get), with an error that suggests the closest registered name.
    pub fn lookup(&self, name: &str) -> Result<&'static ActionSpec, UnknownAction> {
        self.get(name).ok_or_else(|| UnknownAction {
            name: name.to_string(),
            suggestion: crate::curriculum::suggest::closest(name, self.names()),
        })
    }

    /// Specs in catalogue order (grouped by family).
    pub fn iter(&self) -> impl Iterator<Item = &'static ActionSpec> + '_ {
        self.specs.iter().copied()
    }

    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        self.specs.iter().map(|s| s.name)
    }

    pub fn len(&self) -> usize {
        self.specs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.specs.is_empty()
    }
}

/// The one registry of the lab's actions.
pub fn registry() -> &'static ActionRegistry {
    static REGISTRY: OnceLock<ActionRegistry> = OnceLock::new();
    REGISTRY.get_or_init(|| ActionRegistry::build(catalogue::actions()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn catalogue_has_80_unique_actions() {
        let names: BTreeSet<_> = catalogue::actions().map(|a| a.name).collect();
        assert_eq!(
            names.len(),
            catalogue::actions().count(),
            "duplicate action name"
        );
        assert_eq!(registry().len(), 80);
    }

    #[test]
    fn field_names_are_unique_and_defaults_validate() {
        for spec in registry().iter() {
            let names: BTreeSet<_> = spec.fields.iter().map(|f| f.name).collect();
            assert_eq!(names.len(), spec.fields.len(), "{}", spec.name);
            // Every default must itself be a valid value: validating no args uses them all.
            let args = super::super::Args::new();
            if spec.fields.iter().all(|f| !f.required) {
                spec.validate(&args)
                    .unwrap_or_else(|e| panic!("{}: default invalid: {e}", spec.name));
            }
        }
    }

    #[test]
    fn setup_actions_are_not_reportable_and_amm_writes_are_sandbox_only() {
        let r = registry();
        let unreported: BTreeSet<_> = r.iter().filter(|a| !a.reportable).map(|a| a.name).collect();
        assert_eq!(
            unreported,
            BTreeSet::from([
                "ensure_wallet",
                "ensure_funded",
                "create_issuer_wallet",
                "fund_issuer",
                "write_report"
            ])
        );
        let sandbox: BTreeSet<_> = r
            .iter()
            .filter(|a| a.sandbox_only)
            .map(|a| a.name)
            .collect();
        assert_eq!(
            sandbox,
            BTreeSet::from(["ensure_amm_pair", "amm_deposit", "amm_withdraw"])
        );
    }

    #[test]
    fn lookup_suggests_the_closest_name() {
        let err = registry().lookup("verfy_tx").unwrap_err();
        assert_eq!(err.suggestion, Some("verify_tx"));
        assert_eq!(
            err.to_string(),
            "Unknown action: 'verfy_tx' (did you mean 'verify_tx'?)"
        );
        assert!(
            registry()
                .lookup("zzzzzzzzzzzzzzzz")
                .unwrap_err()
                .suggestion
                .is_none()
        );
    }
}

//! Fee and reserve settings, and how the ledger closes.
//!
//! Defaults are today's mainnet and Testnet values (base fee 10 drops, base reserve 1 XRP, owner
//! reserve 0.2 XRP); a classroom may raise them to make reserves visible.

use std::time::Duration;

/// One XRP in drops.
pub const DROPS_PER_XRP: u64 = 1_000_000;

/// The network's fee schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeeSettings {
    /// The reference transaction cost, in drops.
    pub base_fee: u64,
    /// The reserve every account keeps, in drops.
    pub reserve_base: u64,
    /// The extra reserve per owned object, in drops.
    pub reserve_increment: u64,
}

impl Default for FeeSettings {
    fn default() -> Self {
        FeeSettings {
            base_fee: 10,
            reserve_base: DROPS_PER_XRP,
            reserve_increment: DROPS_PER_XRP / 5,
        }
    }
}

impl FeeSettings {
    /// The XRP an account owning `owner_count` objects must keep.
    pub fn account_reserve(&self, owner_count: u32) -> u64 {
        self.reserve_base.saturating_add(
            self.reserve_increment
                .saturating_mul(u64::from(owner_count)),
        )
    }
}

/// When transactions become validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CloseMode {
    /// Every applied transaction closes into its own validated ledger at once (the default:
    /// a learner's step sees its result validated immediately).
    #[default]
    EveryTransaction,
    /// The open ledger closes only on `ledger_accept`.
    Manual,
    /// The open ledger closes when it has been open this long (checked on each call).
    Interval(Duration),
}

/// Where close times come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClockSource {
    /// The system clock.
    #[default]
    Real,
    /// A clock that only moves when told (tests, time-travel demos): seconds since the
    /// Ripple epoch (2000-01-01T00:00:00Z).
    Fixed(u32),
}

/// Everything that shapes a new ledger.
#[derive(Debug, Clone, Default)]
pub struct LedgerConfig {
    /// Fees and reserves.
    pub fees: FeeSettings,
    /// When ledgers close.
    pub close: CloseMode,
    /// Where close times come from.
    pub clock: ClockSource,
    /// The `NetworkID` reported by `server_info` (Testnet-like sandboxes leave it unset).
    pub network_id: Option<u32>,
}

/// Networks with an id up to this one (the main network, Testnet, Devnet) predate the
/// `NetworkID` transaction field: their transactions must not carry it; every later network's
/// must. Rule: <https://xrpl.org/docs/references/protocol/transactions/common-fields#networkid-field>.
pub const LEGACY_NETWORK_ID_MAX: u32 = 1024;

impl LedgerConfig {
    /// The `NetworkID` a transaction for this ledger must carry, if any.
    pub fn network_id_field(&self) -> Option<u32> {
        self.network_id.filter(|&id| id > LEGACY_NETWORK_ID_MAX)
    }
}

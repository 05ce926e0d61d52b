//! The ledger clock, in seconds since the Ripple epoch.
//!
//! Escrow and channel rules compare against ledger close times, so tests and workshops need a
//! clock they can set and advance; by default it follows the system clock.

use std::time::{SystemTime, UNIX_EPOCH};

use super::settings::ClockSource;

/// Seconds between the Unix epoch and the Ripple epoch (2000-01-01T00:00:00Z).
pub const RIPPLE_EPOCH_OFFSET: u64 = 946_684_800;

/// A real or controlled clock.
#[derive(Debug, Clone)]
pub struct Clock {
    source: ClockSource,
    /// Offset added to the real clock by [`Clock::advance`].
    skew: u64,
}

impl Clock {
    /// A clock of the given kind.
    pub fn new(source: ClockSource) -> Self {
        Clock { source, skew: 0 }
    }

    /// Now, in Ripple-epoch seconds.
    pub fn now(&self) -> u32 {
        match self.source {
            ClockSource::Fixed(t) => t,
            ClockSource::Real => {
                let unix = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(RIPPLE_EPOCH_OFFSET);
                let ripple = unix.saturating_sub(RIPPLE_EPOCH_OFFSET) + self.skew;
                u32::try_from(ripple).unwrap_or(u32::MAX)
            }
        }
    }

    /// Pins the clock at `ripple_time`.
    pub fn set(&mut self, ripple_time: u32) {
        self.source = ClockSource::Fixed(ripple_time);
    }

    /// Moves the clock forward by `seconds` (a fixed clock stays fixed, a real one gains a skew).
    pub fn advance(&mut self, seconds: u32) {
        match &mut self.source {
            ClockSource::Fixed(t) => *t = t.saturating_add(seconds),
            ClockSource::Real => self.skew += u64::from(seconds),
        }
    }
}

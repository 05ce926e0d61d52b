//! Timestamps as the original writes them.
//!
//! State keeps Unix seconds as floats (Python's `time.time()`); artifacts print them as Python's
//! `datetime.fromtimestamp(ts, UTC).isoformat()`. Hashes cover those strings, so the rendering has
//! to match to the character: microseconds rounded half-to-even, the fraction printed only when it
//! is not zero, and the offset written `+00:00`.

use time::{OffsetDateTime, format_description::BorrowedFormatItem, macros::format_description};

/// Now, as Unix seconds with microsecond resolution (what `time.time()` gives in practice).
pub fn now_ts() -> f64 {
    let nanos = OffsetDateTime::now_utc().unix_timestamp_nanos();
    let micros = nanos / 1_000;
    micros as f64 / 1e6
}

/// Splits float seconds into whole seconds and microseconds the way Python's `fromtimestamp` does.
fn split(ts: f64) -> (i64, u32) {
    let ts = if ts.is_finite() { ts } else { 0.0 };
    let whole = ts.trunc();
    let mut secs = whole as i64;
    let mut micros = ((ts - whole) * 1e6).round_ties_even() as i64;
    if micros >= 1_000_000 {
        secs += 1;
        micros -= 1_000_000;
    } else if micros < 0 {
        secs -= 1;
        micros += 1_000_000;
    }
    (secs, micros as u32)
}

fn datetime(ts: f64) -> (OffsetDateTime, u32) {
    let (secs, micros) = split(ts);
    let dt = OffsetDateTime::from_unix_timestamp(secs).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    (dt, micros)
}

const SECONDS: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
const MINUTES: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day] [hour]:[minute]");
const COMPACT: &[BorrowedFormatItem<'static>] =
    format_description!("[year][month][day]_[hour][minute][second]");

fn fmt(dt: OffsetDateTime, items: &[BorrowedFormatItem<'static>]) -> String {
    // Formatting a valid date with a static description cannot fail; fall back to RFC-ish text.
    dt.format(items).unwrap_or_else(|_| dt.to_string())
}

/// `YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00`, as Python's `isoformat()` on an aware UTC datetime.
pub fn iso(ts: f64) -> String {
    let (dt, micros) = datetime(ts);
    let base = fmt(dt, SECONDS);
    if micros == 0 {
        format!("{base}+00:00")
    } else {
        format!("{base}.{micros:06}+00:00")
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` (audit timestamps, last-run files, doctor log).
pub fn utc_z(ts: f64) -> String {
    format!("{}Z", fmt(datetime(ts).0, SECONDS))
}

/// `YYYY-MM-DD HH:MM` (the proof pack's receipt table, report dates).
pub fn utc_minutes(ts: f64) -> String {
    fmt(datetime(ts).0, MINUTES)
}

/// `YYYYMMDD_HHMMSS` for artifact file names. UTC, so names sort the same in every time zone.
pub fn file_stamp(ts: f64) -> String {
    fmt(datetime(ts).0, COMPACT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_matches_python_isoformat() {
        assert_eq!(iso(0.0), "1970-01-01T00:00:00+00:00");
        assert_eq!(iso(1714567890.0), "2024-05-01T12:51:30+00:00");
        assert_eq!(iso(1714567890.123), "2024-05-01T12:51:30.123000+00:00");
        assert_eq!(iso(1735689600.5), "2025-01-01T00:00:00.500000+00:00");
    }

    #[test]
    fn microseconds_round_half_even_and_carry() {
        // 0.9999996 s rounds up into the next second, as Python does.
        assert_eq!(iso(1.9999996), "1970-01-01T00:00:02+00:00");
        assert_eq!(iso(1.0000004), "1970-01-01T00:00:01+00:00");
    }

    #[test]
    fn other_formats() {
        assert_eq!(utc_z(1714567890.7), "2024-05-01T12:51:30Z");
        assert_eq!(utc_minutes(1714567890.7), "2024-05-01 12:51");
        assert_eq!(file_stamp(1714567890.7), "20240501_125130");
    }
}

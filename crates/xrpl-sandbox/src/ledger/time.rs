//! Ripple-epoch time in the forms rippled prints (`close_time_human`, `close_time_iso`).

use time::OffsetDateTime;
use time::macros::format_description;

use super::clock::RIPPLE_EPOCH_OFFSET;

fn datetime(ripple_time: u32) -> OffsetDateTime {
    let unix = i64::from(ripple_time) + RIPPLE_EPOCH_OFFSET as i64;
    // Every u32 of Ripple time is a valid date (years 2000–2136).
    OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// `2024-May-01 12:00:00.000000000 UTC`, rippled's `close_time_human`.
pub fn human(ripple_time: u32) -> String {
    let format = format_description!(
        "[year]-[month repr:short]-[day] [hour]:[minute]:[second].000000000 UTC"
    );
    datetime(ripple_time).format(format).unwrap_or_default()
}

/// `2024-05-01T12:00:00Z`, rippled's `close_time_iso`.
pub fn iso_8601(ripple_time: u32) -> String {
    let format = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    datetime(ripple_time).format(format).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_a_known_date() {
        assert_eq!(iso_8601(0), "2000-01-01T00:00:00Z");
        assert_eq!(human(0), "2000-Jan-01 00:00:00.000000000 UTC");
        // 2024-02-29T12:34:56Z is Unix 1709210096.
        let t = (1_709_210_096 - RIPPLE_EPOCH_OFFSET) as u32;
        assert_eq!(iso_8601(t), "2024-02-29T12:34:56Z");
        assert_eq!(human(u32::MAX).len(), human(0).len());
    }
}

//! The time a write happened, as RFC 3339 text in UTC (`2026-12-03T16:12:00Z`): what the
//! audit log and every `*_at` column hold. Text sorts in time order and reads the same on both
//! databases; a dependency on a date-time crate is not worth one function.

use std::time::{SystemTime, UNIX_EPOCH};

/// Now, in UTC, to the second.
pub(crate) fn now_utc() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format_unix(secs)
}

/// Now moved by `secs` seconds (into the past when negative), in the same form: a session's
/// end, the start of a throttling window.
pub(crate) fn offset_utc(secs: i64) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format_unix(now.saturating_add_signed(secs))
}

/// Seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian, core's
/// `civil_from_days`).
pub(crate) fn format_unix(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (h, m, s) = (rem / 3600, (rem % 3600) / 60, rem % 60);
    let (year, month, d) = shinchoku_core::period::civil_from_days(days);
    format!("{year:04}-{month:02}-{d:02}T{h:02}:{m:02}:{s:02}Z")
}

#[cfg(test)]
mod tests {
    use super::format_unix;

    #[test]
    fn known_instants() {
        assert_eq!(format_unix(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_unix(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_unix(1_796_314_320), "2026-12-03T16:12:00Z");
        assert_eq!(format_unix(4_102_444_799), "2099-12-31T23:59:59Z");
    }
}

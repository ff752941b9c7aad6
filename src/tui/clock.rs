//! Wall-clock times as the UI shows them: in the local time zone (the TZ
//! variable, else /etc/localtime, through libc) unless the user chose UTC
//! with `U`, and always saying which zone.

use super::detail::utc;

/// `2025-11-22 19:41:24.123456789 JST (+09:00)` in local time, or
/// [`utc`]'s `… UTC` with `utc` (or when libc cannot convert).
pub fn wall(ns: u64, utc_wanted: bool) -> String {
    if utc_wanted {
        return utc(ns);
    }
    let Some(t) = crate::sys::local_time((ns / 1_000_000_000) as i64) else {
        return utc(ns);
    };
    local_text(ns, &t)
}

/// The text for a converted local time.
pub fn local_text(ns: u64, t: &crate::sys::LocalTime) -> String {
    let (y, mo, d, h, mi, s) = t.ymd_hms;
    let off = t.gmtoff;
    let sign = if off < 0 { '-' } else { '+' };
    let a = off.unsigned_abs();
    let offset = format!("{sign}{:02}:{:02}", a / 3600, a % 3600 / 60);
    let zone = if t.zone.is_empty() || t.zone == offset {
        offset
    } else {
        format!("{} ({offset})", super::safe::cleaned(&t.zone))
    };
    format!(
        "{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}.{:09} {zone}",
        ns % 1_000_000_000
    )
}

/// Which zone times are shown in, for headers: `local time` or `UTC`.
pub fn zone_label(utc_wanted: bool) -> &'static str {
    if utc_wanted {
        "UTC"
    } else {
        "local time"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sys::LocalTime;

    #[test]
    fn local_text_names_zone_and_offset() {
        let t = LocalTime {
            ymd_hms: (2025, 11, 22, 19, 41, 24),
            gmtoff: 9 * 3600,
            zone: "JST".into(),
        };
        assert_eq!(
            local_text(1_763_808_084_123_456_789, &t),
            "2025-11-22 19:41:24.123456789 JST (+09:00)"
        );
        let t = LocalTime {
            ymd_hms: (2025, 11, 22, 6, 11, 24),
            gmtoff: -(4 * 3600 + 30 * 60),
            zone: "-0430".into(),
        };
        assert_eq!(
            local_text(5, &t),
            "2025-11-22 06:11:24.000000005 -0430 (-04:30)"
        );
    }

    /// Whatever this machine's zone: libc's broken-down local time is
    /// UTC shifted by the offset it reports.
    #[test]
    fn local_time_is_utc_plus_its_offset() {
        for secs in [0i64, 1_763_808_084, 1_751_328_000] {
            let t = crate::sys::local_time(secs).expect("localtime_r");
            let shifted = utc(((secs + t.gmtoff) as u64) * 1_000_000_000);
            let (y, mo, d, h, mi, s) = t.ymd_hms;
            let want = format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}.000000000 UTC");
            assert_eq!(shifted, want, "at {secs}");
            assert_eq!((h, mi, s), crate::sys::local_hms(secs));
        }
    }

    #[test]
    fn utc_wanted_is_utc() {
        assert_eq!(wall(0, true), "1970-01-01 00:00:00.000000000 UTC");
    }
}

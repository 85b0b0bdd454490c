//! GWS-style timestamps: `2014-01-06 12:14:06.007-0800` (a space, offset without colon),
//! written in UTC, next to `timestampSeconds` in milliseconds.

/// Formats Unix milliseconds as the simulator writes `timestamp`.
pub fn format_millis(millis: i64) -> String {
    let days = millis.div_euclid(86_400_000);
    let in_day = millis.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    let (h, m, s, ms) = (
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1_000 % 60,
        in_day % 1_000,
    );
    format!("{year:04}-{month:02}-{day:02} {h:02}:{m:02}:{s:02}.{ms:03}+0000")
}

/// Proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::format_millis;

    #[test]
    fn round_trips_through_the_shared_parser() {
        for millis in [0, 1_389_039_246_007, 1_709_164_800_000, 4_102_444_799_999] {
            let text = format_millis(millis);
            assert_eq!(
                gws_types::timestamp::parse_millis(&text),
                Some(millis),
                "{text}"
            );
        }
        assert_eq!(
            format_millis(1_389_039_246_007),
            "2014-01-06 20:14:06.007+0000"
        );
    }
}

//! GWS timestamps (`2014-01-06 12:14:06.007-0800`): lenient reading, and writing in UTC.
//!
//! Reading is only a fallback: `timestampSeconds` is authoritative. It accepts a space or `T`
//! between date and time, optional fraction, and `Z`, `±hhmm` or `±hh:mm`.

/// Unix milliseconds of a GWS timestamp, or `None` if it is not one.
pub fn parse_millis(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date, rest) = (text.get(..10)?, text.get(11..)?);
    if !matches!(text.as_bytes().get(10), Some(b' ' | b'T')) {
        return None;
    }
    let mut date_parts = date.split('-');
    let year: i64 = number(date_parts.next()?, 4)?;
    let month: i64 = number(date_parts.next()?, 2)?;
    let day: i64 = number(date_parts.next()?, 2)?;
    if date_parts.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }

    let hour: i64 = number(rest.get(0..2)?, 2)?;
    let minute: i64 = number(rest.get(3..5)?, 2)?;
    let second: i64 = number(rest.get(6..8)?, 2)?;
    if rest.get(2..3)? != ":" || rest.get(5..6)? != ":" || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut tail = rest.get(8..)?;
    let mut millis = 0;
    if let Some(fraction) = tail.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let first_three = fraction.get(..digits.min(3))?;
        millis = number(first_three, first_three.len())? * 10_i64.pow(3 - first_three.len() as u32);
        tail = fraction.get(digits..)?;
    }
    let offset_minutes = offset(tail)?;

    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
    Some(seconds * 1_000 + millis)
}

fn number(digits: &str, len: usize) -> Option<i64> {
    if digits.len() != len || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn offset(tail: &str) -> Option<i64> {
    if tail == "Z" || tail.is_empty() {
        return Some(0);
    }
    let sign = match tail.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = tail.get(1..)?.chars().filter(|c| *c != ':').collect();
    let hours = number(digits.get(0..2)?, 2)?;
    let minutes = number(digits.get(2..)?, 2)?;
    Some(sign * (hours * 60 + minutes))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Writes Unix milliseconds as GWS writes `timestamp`, in UTC
/// (`2014-01-06 20:14:06.007+0000`).
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
    use super::{format_millis, parse_millis};

    #[test]
    fn agrees_with_timestamp_seconds_of_the_samples() {
        assert_eq!(
            parse_millis("2014-01-09 11:58:12.035+0200"),
            Some(1_389_261_492_035)
        );
        assert_eq!(
            parse_millis("2014-01-06 12:14:06.007-0800"),
            Some(1_389_039_246_007)
        );
        assert_eq!(
            parse_millis("2014-01-06T12:14:06.007-0800"),
            Some(1_389_039_246_007)
        );
        assert_eq!(
            parse_millis("2014-05-15 02:24:00.000-0700"),
            Some(1_400_145_840_000)
        );
        assert_eq!(
            parse_millis("2015-11-19 12:30:20.000+02:00"),
            Some(1_447_929_020_000)
        );
        assert_eq!(parse_millis("1970-01-01T00:00:00Z"), Some(0));
    }

    #[test]
    fn rejects_what_is_not_a_timestamp() {
        for text in [
            "",
            "2014-01-0612: 14: 06.007-0800",
            "yesterday",
            "2014-13-01 00:00:00",
            "2014-01-01 00:00:00.+0100",
            "2014-01-01 00:00:00 0100",
        ] {
            assert_eq!(parse_millis(text), None, "{text}");
        }
    }

    #[test]
    fn writes_what_it_reads() {
        for millis in [0, 1_389_039_246_007, 1_709_164_800_000, 4_102_444_799_999] {
            let text = format_millis(millis);
            assert_eq!(parse_millis(&text), Some(millis), "{text}");
        }
        assert_eq!(
            format_millis(1_389_039_246_007),
            "2014-01-06 20:14:06.007+0000"
        );
    }
}

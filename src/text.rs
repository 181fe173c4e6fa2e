//! Numbers, changes, times, shares and counted nouns as words: the one place that decides how
//! the game writes them, so the desktop, the browser tables, the facilitator's pages, the
//! workshop report and the command line cannot drift apart (they did: "-0" in the browser
//! beside "0.0" on the desktop, a clock rounding down beside one rounding up,
//! "1 customer segments").
//!
//! It sits at the bottom of the crate with no dependencies, below `workshop` and `cli` that
//! use it as well as `app`. Pure functions of their arguments; the simulation core's own
//! explanations (`sim`) keep their words, which the fingerprint hashes.

/// What a number that is not one (NaN, infinite) is written as: a dash, not "NaN".
const NOT_A_NUMBER: &str = "—";

/// A number with `decimals` decimals, never "-0" or "-0.0": a value that rounds to zero is
/// zero, whatever its sign.
pub fn fixed(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return NOT_A_NUMBER.to_string();
    }
    fixed_quick(x, decimals).unwrap_or_else(|| fixed_exact(x, decimals))
}

/// [`fixed`] by the formatter's exact digits: right for every number, and dearer than a page
/// of them can afford (a browser table's page writes hundreds).
fn fixed_exact(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    match s.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
        _ => s,
    }
}

/// [`fixed`] for the numbers screens mostly write (a few decimals, below about four billion
/// in units of the last decimal), rounded as a whole count of the last decimal. The count is
/// the exact one unless the number lies within a millionth of that decimal of a tie, where
/// the float product (off by at most half a millionth there) could round the other way:
/// `None` then, and for what is larger or finer, for the formatter to write.
fn fixed_quick(x: f64, decimals: usize) -> Option<String> {
    use std::fmt::Write;
    const SCALES: [u64; 5] = [1, 10, 100, 1_000, 10_000];
    let scale = *SCALES.get(decimals)?;
    let scaled = x.abs() * scale as f64;
    if scaled >= 4e9 || (scaled.fract() - 0.5).abs() < 1e-6 {
        return None;
    }
    let units = scaled.round() as u64;
    let mut s = String::with_capacity(16);
    if x < 0.0 && units != 0 {
        s.push('-');
    }
    // Writing into a String cannot fail.
    let _ = write!(s, "{}", units / scale);
    if decimals > 0 {
        let _ = write!(s, ".{:0decimals$}", units % scale);
    }
    Some(s)
}

/// A whole number: hours, sizes, totals on the facilitator's table.
pub fn whole(x: f64) -> String {
    fixed(x, 0)
}

/// A score or a quantity as the screens show it: one decimal below 100, none from 100 on.
pub fn num(x: f64) -> String {
    // Decided on the value as one decimal shows it: 99.96 is "100", as 100.0 is, not "100.0".
    if (x.abs() * 10.0).round() >= 1000.0 {
        fixed(x, 0)
    } else {
        fixed(x, 1)
    }
}

/// A change with its sign ("+1.2", "-12"), and "±0" when it is too small to be worth showing.
pub fn signed(x: f64) -> String {
    if !x.is_finite() {
        NOT_A_NUMBER.to_string()
    } else if x.abs() < 0.05 {
        "±0".to_string()
    } else {
        // Decided on the value as one decimal shows it: 9.96 is "+10", as 10.0 is.
        signed_fixed(x, usize::from((x.abs() * 10.0).round() < 100.0))
    }
}

/// A change with its sign and `decimals` decimals, for what the screens write that finely (a
/// person's stats, "0.80"): "+0.02", "-0.10", and "±0" when it rounds to zero.
pub fn signed_fixed(x: f64, decimals: usize) -> String {
    match fixed(x, decimals) {
        s if s.starts_with('-') || s == NOT_A_NUMBER => s,
        s if s.bytes().all(|b| b == b'0' || b == b'.') => "±0".to_string(),
        s => format!("+{s}"),
    }
}

/// A share in `0..=1` as a whole percentage: "42%".
pub fn percent(share: f64) -> String {
    if !share.is_finite() {
        return NOT_A_NUMBER.to_string();
    }
    format!("{}%", whole(share * 100.0))
}

/// The whole seconds a countdown shows for `seconds` left: rounded up, since a clock that says
/// 0:00 while time is left is wrong. Below zero (and NaN) is zero.
pub fn countdown_seconds(seconds: f64) -> u64 {
    // `max` takes 0 over NaN; the cast saturates at the top.
    seconds.max(0.0).ceil() as u64
}

/// A countdown as `m:ss`, rounded up ([`countdown_seconds`]).
pub fn countdown(seconds: f64) -> String {
    let s = countdown_seconds(seconds);
    format!("{}:{:02}", s / 60, s % 60)
}

/// A short span of time: "45 s" under a minute, `m:ss` from a minute on, rounded up like
/// [`countdown`].
pub fn duration(seconds: f64) -> String {
    let s = countdown_seconds(seconds);
    if s >= 60 {
        countdown(seconds)
    } else {
        format!("{s} s")
    }
}

/// How long ago something happened, `seconds` before now: "just now", "5 min ago",
/// "2 h ago", "1 day ago".
pub fn ago(seconds: u64) -> String {
    match seconds {
        0..60 => "just now".into(),
        60..3600 => format!("{} min ago", seconds / 60),
        3600..86400 => format!("{} h ago", seconds / 3600),
        _ => format!("{} ago", count((seconds / 86400) as usize, "day")),
    }
}

/// `n` of a noun with a regular plural: "1 item", "2 items", "0 items".
pub fn count(n: usize, singular: &str) -> String {
    format!("{n} {}", noun(n, singular))
}

/// `n` of a noun with its plural given: "1 person", "3 people".
pub fn count_as(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// A regular noun in the number `n` asks for, without the number: "table", "tables".
pub fn noun(n: usize, singular: &str) -> String {
    if n == 1 {
        singular.to_string()
    } else {
        format!("{singular}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_way_writes_what_the_formatter_writes_or_leaves_it_to_it() {
        // Ties and near-ties in every decimal, signs, and values spread over many magnitudes.
        let mut values = vec![
            0.5, 1.5, 2.5, -0.5, 0.125, 0.375, 2.675, 1.005, 0.045, 1e9, 4e9,
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let unit = (seed >> 11) as f64 / (1u64 << 53) as f64;
            let magnitude = 10f64.powi((seed % 12) as i32 - 4);
            let sign = if seed & 1 == 0 { 1.0 } else { -1.0 };
            values.push(sign * unit * magnitude);
        }
        let mut quick = 0;
        for x in values {
            for decimals in 0..=4 {
                if let Some(s) = fixed_quick(x, decimals) {
                    quick += 1;
                    assert_eq!(s, fixed_exact(x, decimals), "{x} to {decimals} decimals");
                }
            }
        }
        assert!(quick > 90_000, "the quick way wrote only {quick}");
        assert_eq!(
            fixed_quick(2.5, 0),
            None,
            "a tie is the formatter's to round"
        );
        assert_eq!(fixed(2.5, 0), "2");
        assert_eq!(fixed(-1e12, 1), "-1000000000000.0");
    }

    #[test]
    fn fixed_never_writes_a_negative_zero() {
        assert_eq!(fixed(-0.0, 1), "0.0");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(-0.4, 0), "0");
        assert_eq!(fixed(-0.0001, 3), "0.000");
        assert_eq!(fixed(-0.06, 1), "-0.1");
        assert_eq!(fixed(-0.6, 0), "-1");
        assert_eq!(fixed(2.346, 2), "2.35");
        assert_eq!(fixed(f64::NAN, 1), "—");
        assert_eq!(fixed(f64::NEG_INFINITY, 0), "—");
    }

    #[test]
    fn whole_rounds_to_the_nearest() {
        assert_eq!(whole(39.6), "40");
        assert_eq!(whole(-0.2), "0");
        assert_eq!(whole(1e6), "1000000");
    }

    #[test]
    fn num_has_one_decimal_below_a_hundred_and_none_above() {
        assert_eq!(num(0.0), "0.0");
        assert_eq!(num(-0.0), "0.0");
        assert_eq!(num(-0.049), "0.0");
        assert_eq!(num(-1e-12), "0.0");
        assert_eq!(num(12.34), "12.3");
        assert_eq!(num(-12.34), "-12.3");
        assert_eq!(num(99.94), "99.9");
        assert_eq!(num(99.96), "100");
        assert_eq!(num(-99.96), "-100");
        assert_eq!(num(100.0), "100");
        assert_eq!(num(1234.5), "1234");
        assert_eq!(num(-250.4), "-250");
        assert_eq!(num(f64::NAN), "—");
        assert_eq!(num(f64::INFINITY), "—");
    }

    #[test]
    fn signed_changes_carry_their_sign_and_small_ones_are_even() {
        assert_eq!(signed(0.0), "±0");
        assert_eq!(signed(-0.0), "±0");
        assert_eq!(signed(-0.049), "±0");
        assert_eq!(signed(0.05), "+0.1");
        assert_eq!(signed(1.24), "+1.2");
        assert_eq!(signed(-3.0), "-3.0");
        assert_eq!(signed(12.4), "+12");
        assert_eq!(signed(9.94), "+9.9");
        assert_eq!(signed(9.96), "+10");
        assert_eq!(signed(-9.96), "-10");
        assert_eq!(signed(-12.6), "-13");
        assert_eq!(signed(f64::NAN), "—");
        // As the formatter signs them, over every magnitude a change shows.
        for i in -30_000..30_000 {
            let x = f64::from(i) * 0.013_7;
            if x.abs() >= 0.05 {
                let one = (x.abs() * 10.0).round() < 100.0;
                let formatted = if one {
                    format!("{x:+.1}")
                } else {
                    format!("{x:+.0}")
                };
                assert_eq!(signed(x), formatted, "{x}");
            }
        }
    }

    #[test]
    fn finely_signed_changes_keep_their_decimals() {
        assert_eq!(signed_fixed(0.02, 2), "+0.02");
        assert_eq!(signed_fixed(-0.1, 2), "-0.10");
        assert_eq!(signed_fixed(0.004, 2), "±0");
        assert_eq!(signed_fixed(-0.004, 2), "±0");
        assert_eq!(signed_fixed(1.5, 0), "+2");
        assert_eq!(signed_fixed(f64::NAN, 2), "—");
    }

    #[test]
    fn percent_is_a_whole_share() {
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(-0.001), "0%");
        assert_eq!(percent(0.234), "23%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(f64::NAN), "—");
    }

    #[test]
    fn countdowns_round_up() {
        assert_eq!(countdown(0.0), "0:00");
        assert_eq!(countdown(0.2), "0:01");
        assert_eq!(countdown(59.01), "1:00");
        assert_eq!(countdown(60.0), "1:00");
        assert_eq!(countdown(125.0), "2:05");
        assert_eq!(countdown(-3.0), "0:00");
        assert_eq!(countdown(-0.0), "0:00");
        assert_eq!(countdown(f64::NAN), "0:00");
        assert_eq!(countdown_seconds(f64::INFINITY), u64::MAX);
    }

    #[test]
    fn durations_are_seconds_under_a_minute() {
        assert_eq!(duration(0.0), "0 s");
        assert_eq!(duration(44.2), "45 s");
        assert_eq!(duration(59.5), "1:00");
        assert_eq!(duration(90.0), "1:30");
    }

    #[test]
    fn ages_are_in_the_largest_unit_that_fits() {
        assert_eq!(ago(0), "just now");
        assert_eq!(ago(59), "just now");
        assert_eq!(ago(60), "1 min ago");
        assert_eq!(ago(7_300), "2 h ago");
        assert_eq!(ago(86_400), "1 day ago");
        assert_eq!(ago(3 * 86_400 + 5), "3 days ago");
    }

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1, "item"), "1 item");
        assert_eq!(count(0, "item"), "0 items");
        assert_eq!(count(2, "customer segment"), "2 customer segments");
        assert_eq!(count(1, "customer segment"), "1 customer segment");
        assert_eq!(count_as(1, "person", "people"), "1 person");
        assert_eq!(count_as(3, "person", "people"), "3 people");
        assert_eq!(noun(1, "table"), "table");
        assert_eq!(noun(7, "table"), "tables");
    }
}

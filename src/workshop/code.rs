//! Workshop codes: a short text that names a scenario, a seed and optionally a week timer, so
//! every table that types it plays the same world.
//!
//! The form is `<scenario>-<seed>[-<timer>]`: `brilliant-team-4821`, or with a timer of 90
//! seconds per week `brilliant-team-4821-90s` (`3m` for three minutes). Scenario ids contain
//! hyphens, so a code is read from the right.

use std::fmt;

use crate::format::diagnostic::clip;

/// The shortest week timer a code may set: less is no time to read a week.
pub const MIN_WEEK_SECONDS: u32 = 10;

/// The longest week timer a code may set (one hour).
pub const MAX_WEEK_SECONDS: u32 = 3600;

/// How a code should look, for messages about one that does not.
const SHAPE: &str = "a workshop code is a scenario name and a number, like `brilliant-team-4821` (add `-90s` for a 90-second week timer)";

/// Why a text is not a workshop code; its words are what a player or facilitator reads.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// Nothing was typed.
    #[error("the code is empty: {SHAPE}")]
    Empty,
    /// Only a timer, or one word.
    #[error("the code has no scenario or number: {SHAPE}")]
    Incomplete,
    /// The text (shortened) does not end in a seed.
    #[error("`{0}` does not end in a number: {SHAPE}")]
    NoNumber(String),
    /// The seed (shortened) does not fit in 64 bits.
    #[error("the number `{0}` in the code is too large")]
    NumberTooLarge(String),
    /// A number and nothing before it.
    #[error("the code names no scenario: {SHAPE}")]
    NoScenario,
    /// A character a code cannot have.
    #[error("a code has only letters, digits and hyphens; `{0}` is not one")]
    Character(char),
    /// A week timer (shortened) out of range.
    #[error("the week timer `{0}` must be between {MIN_WEEK_SECONDS} seconds and {max} minutes", max = MAX_WEEK_SECONDS / 60)]
    Timer(String),
}

/// A parsed workshop code.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Code {
    /// The scenario's id (a built-in's name, or a scenario file's stem).
    pub scenario: String,
    /// The world's seed.
    pub seed: u64,
    /// Seconds per week on the countdown, if the workshop keeps time.
    pub week_seconds: Option<u32>,
}

impl Code {
    /// Reads a code as a person types it: case, surrounding blanks, and spaces or
    /// underscores instead of hyphens are forgiven.
    pub fn parse(text: &str) -> Result<Code, CodeError> {
        let normal: String = text
            .trim()
            .chars()
            .map(|c| match c {
                ' ' | '\t' | '_' => '-',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        let mut parts: Vec<&str> = normal.split('-').filter(|p| !p.is_empty()).collect();
        if parts.is_empty() {
            return Err(CodeError::Empty);
        }
        let mut week_seconds = None;
        if let Some(last) = parts.last()
            && let Some(seconds) = timer(last)
        {
            let seconds = seconds?;
            week_seconds = Some(seconds);
            parts.pop();
        }
        let Some(seed) = parts.pop() else {
            return Err(CodeError::Incomplete);
        };
        if !seed.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CodeError::NoNumber(clip(text.trim())));
        }
        let seed: u64 = seed
            .parse()
            .map_err(|_| CodeError::NumberTooLarge(clip(seed)))?;
        if parts.is_empty() {
            return Err(CodeError::NoScenario);
        }
        if let Some(bad) = parts
            .iter()
            .flat_map(|p| p.chars())
            .find(|c| !c.is_ascii_alphanumeric())
        {
            return Err(CodeError::Character(bad));
        }
        Ok(Code {
            scenario: parts.join("-"),
            seed,
            week_seconds,
        })
    }

    /// A code for `scenario` with a four-digit seed taken from `entropy`, which the caller
    /// supplies (a clock, a die): the library reads no clock, and four digits are easy to
    /// say across a room.
    pub fn fresh(scenario: &str, entropy: u64, week_seconds: Option<u32>) -> Code {
        Code {
            scenario: scenario.to_string(),
            seed: 1000 + entropy % 9000,
            week_seconds,
        }
    }
}

/// `Some(seconds)` if `part` is a timer (`90s`, `3m`), with an error if it is out of range.
/// A week timer as typed (`90s`, `3m`), between [`MIN_WEEK_SECONDS`] and
/// [`MAX_WEEK_SECONDS`].
pub fn week_timer(text: &str) -> Result<u32, CodeError> {
    let text = text.trim().to_ascii_lowercase();
    timer(&text).unwrap_or_else(|| Err(CodeError::Timer(clip(&text))))
}

fn timer(part: &str) -> Option<Result<u32, CodeError>> {
    let (digits, scale) = match part.strip_suffix('s') {
        Some(digits) => (digits, 1),
        None => (part.strip_suffix('m')?, 60),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let seconds = digits
        .parse::<u32>()
        .ok()
        .and_then(|n| n.checked_mul(scale))
        .filter(|s| (MIN_WEEK_SECONDS..=MAX_WEEK_SECONDS).contains(s));
    Some(seconds.ok_or_else(|| CodeError::Timer(clip(part))))
}

/// The canonical code: lower case, hyphens, a timer in whole minutes where it is one.
impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.scenario, self.seed)?;
        match self.week_seconds {
            Some(s) if s % 60 == 0 => write!(f, "-{}m", s / 60),
            Some(s) => write!(f, "-{s}s"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenario_ids_with_hyphens_and_digits_are_read_from_the_right() {
        let c = Code::parse("team-2-4821-90s").unwrap();
        assert_eq!(
            (c.scenario.as_str(), c.seed, c.week_seconds),
            ("team-2", 4821, Some(90))
        );
    }

    #[test]
    fn codes_ending_in_any_character_get_an_answer() {
        for text in [
            "x-1é",
            "é",
            "first-week-12-é",
            "a-1-9€s",
            "a-1-🦀",
            "ß-1-ms",
            "-s",
            "m",
        ] {
            assert!(Code::parse(text).is_err(), "{text}");
        }
        assert_eq!(Code::parse("a-1-60s").map(|c| c.week_seconds), Ok(Some(60)));
        assert_eq!(Code::parse("a-1-2m").map(|c| c.week_seconds), Ok(Some(120)));
    }

    #[test]
    fn a_timer_alone_is_not_a_seed() {
        assert!(Code::parse("brilliant-team-90s").is_err());
        assert!(Code::parse("4821").is_err());
        assert!(Code::parse("brilliant-team-4821-5s").is_err());
    }
}

//! What backlog items are called. A scenario's items keep the id and name their file gives;
//! the needs that arrive during a run are called `item-N` and, say, `Dark mode #N`, kept as
//! their number (and feature) and spelt only when something reads them: bots and checks make
//! hundreds of needs a run and read none of their names, and spelling every one was a tenth
//! of a simulated week.

use std::borrow::Cow;
use std::fmt;

/// What every generated item's id starts with, before its number.
pub(crate) const ITEM_PREFIX: &str = "item-";

/// Whether two ids are the same, as `==` says, their lengths and last bytes compared first:
/// a look-up by id compares one with many, and ids often differ only at the end (`p1`, `p2`,
/// `hire-3`), so the call that compares whole strings is made only where they match so far.
#[inline]
pub(crate) fn same_id(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.last() == b.last() && a == b
}

/// The most digits a `u32` has in decimal.
const U32_DIGITS: usize = 10;

/// Names for generated backlog items: plausible features, none of them obviously valuable.
pub(crate) const FEATURES: &[&str] = &[
    "Dark mode",
    "CSV export",
    "Single sign-on",
    "Audit log",
    "Bulk edit",
    "Offline mode",
    "Webhooks",
    "Usage dashboard",
    "Faster search",
    "Mobile layout",
    "Custom fields",
    "Role permissions",
    "Slack integration",
    "Rewrite the build",
    "New onboarding flow",
    "Billing by seat",
    "Public API",
    "Keyboard shortcuts",
    "Theme editor",
    "Data import",
    "Scheduled reports",
    "Two-factor login",
    "GraphQL endpoint",
    "Plugin system",
    "Template library",
    "Activity feed",
    "Smart suggestions",
    "Multi-currency",
    "Archive view",
    "Migration to a new database",
    "Accessibility pass",
    "Self-hosted edition",
    "Comments",
    "Approval workflow",
    "Calendar sync",
    "Localisation",
    "Sandbox accounts",
    "Status page",
    "Performance budget",
    "Realtime collaboration",
];

// A generated name keeps its feature's place in a byte.
const _: () = assert!(FEATURES.len() <= 256);

/// An item's id: a scenario's own, or a generated item's number.
///
/// Read as the text it stands for: two ids are equal when they are spelt the same, whatever
/// their kind, and an id equals a `str` spelt the same, so a scenario item called `item-3`
/// and the third generated one are the same id, as they were when both were strings.
#[derive(Clone)]
pub enum ItemId {
    /// As the scenario file gives it.
    Given(String),
    /// `item-N` of the `N`th item generated during the run.
    Generated(u32),
}

impl ItemId {
    /// The id spelt out: borrowed for a scenario's item, made for a generated one.
    pub fn as_str(&self) -> Cow<'_, str> {
        match self {
            Self::Given(id) => Cow::Borrowed(id),
            Self::Generated(n) => {
                let mut id = String::with_capacity(ITEM_PREFIX.len() + U32_DIGITS);
                id.push_str(ITEM_PREFIX);
                push_number(&mut id, *n);
                Cow::Owned(id)
            }
        }
    }

    /// The number of a generated item's id.
    pub(crate) fn generated(&self) -> Option<u32> {
        match self {
            Self::Given(_) => None,
            Self::Generated(n) => Some(*n),
        }
    }
}

impl From<String> for ItemId {
    fn from(id: String) -> Self {
        Self::Given(id)
    }
}

impl From<&str> for ItemId {
    fn from(id: &str) -> Self {
        Self::Given(id.to_owned())
    }
}

impl PartialEq<str> for ItemId {
    fn eq(&self, other: &str) -> bool {
        match self {
            Self::Given(id) => same_id(id, other),
            Self::Generated(n) => other
                .strip_prefix(ITEM_PREFIX)
                .is_some_and(|digits| spells(*n, digits)),
        }
    }
}

impl PartialEq<&str> for ItemId {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl PartialEq<String> for ItemId {
    fn eq(&self, other: &String) -> bool {
        *self == **other
    }
}

impl PartialEq for ItemId {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Generated(a), Self::Generated(b)) => a == b,
            (Self::Given(a), b) | (b, Self::Given(a)) => *b == **a,
        }
    }
}

impl Eq for ItemId {}

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Given(id) => f.write_str(id),
            Self::Generated(n) => write!(f, "{ITEM_PREFIX}{n}"),
        }
    }
}

/// Written as the string it stands for, as when ids were strings.
impl fmt::Debug for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.as_str(), f)
    }
}

/// An item's name: a scenario's own, or a generated need's feature and number.
///
/// Read as the text it stands for, as [`ItemId`] is.
#[derive(Clone)]
pub enum ItemName {
    /// As the scenario file gives it.
    Given(String),
    /// `FEATURE #N`: one of [`FEATURES`] (by place) and the item's number.
    Generated {
        /// The feature's place in [`FEATURES`].
        feature: u8,
        /// The number its id ends in.
        number: u32,
    },
}

impl ItemName {
    /// The name spelt out: borrowed for a scenario's item, made for a generated one.
    pub fn as_str(&self) -> Cow<'_, str> {
        match self {
            Self::Given(name) => Cow::Borrowed(name),
            Self::Generated { feature, number } => {
                let base = feature_name(*feature);
                let mut name = String::with_capacity(base.len() + 2 + U32_DIGITS);
                name.push_str(base);
                name.push_str(" #");
                push_number(&mut name, *number);
                Cow::Owned(name)
            }
        }
    }
}

impl From<String> for ItemName {
    fn from(name: String) -> Self {
        Self::Given(name)
    }
}

impl From<&str> for ItemName {
    fn from(name: &str) -> Self {
        Self::Given(name.to_owned())
    }
}

impl PartialEq<str> for ItemName {
    fn eq(&self, other: &str) -> bool {
        match self {
            Self::Given(name) => name == other,
            Self::Generated { feature, number } => other
                .strip_prefix(feature_name(*feature))
                .and_then(|rest| rest.strip_prefix(" #"))
                .is_some_and(|digits| spells(*number, digits)),
        }
    }
}

impl PartialEq<&str> for ItemName {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl PartialEq for ItemName {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Generated { .. }, Self::Generated { .. }) => self.as_str() == other.as_str(),
            (Self::Given(a), b) | (b, Self::Given(a)) => *b == **a,
        }
    }
}

impl Eq for ItemName {}

impl fmt::Display for ItemName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Given(name) => f.write_str(name),
            Self::Generated { feature, number } => {
                write!(f, "{} #{number}", feature_name(*feature))
            }
        }
    }
}

/// Written as the string it stands for, as when names were strings.
impl fmt::Debug for ItemName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.as_str(), f)
    }
}

/// The feature at `place` in [`FEATURES`] (the last, for a place past the end, which no
/// generated name holds).
fn feature_name(place: u8) -> &'static str {
    FEATURES
        .get(usize::from(place))
        .or(FEATURES.last())
        .copied()
        .unwrap_or_default()
}

/// Whether `digits` is `n` as decimal writes it (no sign, no leading zero): what an id or name
/// spelt out would end in.
fn spells(n: u32, digits: &str) -> bool {
    let bytes = digits.as_bytes();
    if bytes.is_empty() || bytes.len() > U32_DIGITS || (bytes[0] == b'0' && bytes.len() > 1) {
        return false;
    }
    let mut value: u64 = 0;
    for &b in bytes {
        if !b.is_ascii_digit() {
            return false;
        }
        value = value * 10 + u64::from(b - b'0');
    }
    value == u64::from(n)
}

/// Appends `n` in decimal, without going through `fmt`.
fn push_number(s: &mut String, n: u32) {
    let mut digits = [0u8; U32_DIGITS];
    let mut start = digits.len();
    let mut rest = n;
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    // Decimal digits are ASCII: pushed as chars, they need no UTF-8 check.
    for &d in &digits[start..] {
        s.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A generated id and name read exactly as the strings they once were.
    #[test]
    fn generated_ids_and_names_are_spelt_as_strings_were() {
        for n in [0, 1, 9, 10, 42, 1000, u32::MAX] {
            let id = ItemId::Generated(n);
            let spelt = format!("item-{n}");
            assert_eq!(id.as_str(), spelt);
            assert_eq!(id.to_string(), spelt);
            assert_eq!(format!("{id:?}"), format!("{spelt:?}"));
            assert!(id == *spelt.as_str());
            assert_eq!(id, ItemId::from(spelt.as_str()));
            assert_eq!(ItemId::from(spelt.as_str()), id);
            for other in [
                format!("item-0{n}"),
                format!("item-{n}0"),
                format!("item-+{n}"),
            ] {
                assert!(id != *other.as_str(), "{other} is not item-{n}");
            }
            let name = ItemName::Generated {
                feature: 1,
                number: n,
            };
            let spelt = format!("{} #{n}", FEATURES[1]);
            assert_eq!(name.as_str(), spelt);
            assert_eq!(name.to_string(), spelt);
            assert_eq!(format!("{name:?}"), format!("{spelt:?}"));
            assert_eq!(name, ItemName::from(spelt.as_str()));
            assert!(name != *format!("{} #{n}", FEATURES[2]).as_str());
        }
        assert!(ItemId::Generated(3) != *"item-");
        assert!(ItemId::Generated(3) != *"item-99999999999");
        assert!(ItemId::Generated(3) != ItemId::Generated(4));
    }
}

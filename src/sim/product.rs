//! The product: a backlog of work items with hidden value per customer segment.

use std::fmt;
use std::ops::Deref;

use super::naming::{ItemId, ItemName};

/// One piece of work the team could build.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Stable identifier (scenario items keep theirs; generated ones are `item-N`).
    pub id: ItemId,
    /// What it is, in a few words.
    pub name: ItemName,
    /// Effort points needed to ship it.
    pub effort: f64,
    /// True value to each segment, in segment order. Hidden from the player until revealed.
    pub value: Values,
    /// How interesting the team finds it: where effort goes when nobody aims it.
    pub appeal: f64,
    /// Whether customer insight has revealed its value.
    pub revealed: bool,
    /// Effort put in so far.
    pub progress: f64,
    /// The week it shipped, if it has.
    pub shipped: Option<u32>,
    /// Quality it shipped with, `0..=1`.
    pub quality: f64,
    /// How much of the need it met as shipped, `0..=1`: 1 if its value was known when it
    /// shipped, less if it was built on a guess (the model's `unasked_fit`).
    pub fit: f64,
}

impl Item {
    /// Worth to all segments together at which customers want an item: below it, the feed
    /// says few needed it, the debrief counts it as waste, and bots do not count it as work
    /// worth building.
    pub const WANTED: f64 = 2.0;

    /// Total true value over all segments.
    pub fn total_value(&self) -> f64 {
        self.value.iter().sum()
    }

    /// What it is worth to customers as shipped: its value at the quality it was built with
    /// and as much of the need as it met. The feed, the debrief's key moments and the waste
    /// all say this one number.
    pub fn worth(&self) -> f64 {
        self.total_value() * self.quality * self.fit
    }

    /// Whether work on it is still possible.
    pub fn open(&self) -> bool {
        self.shipped.is_none()
    }

    /// Effort still needed to ship it.
    pub fn remaining(&self) -> f64 {
        (self.effort - self.progress).max(0.0)
    }
}

/// The most segments whose values an item keeps in itself (every built-in scenario has at most
/// four).
const INLINE: usize = 4;

/// An item's value to each segment, in segment order, read as a slice.
///
/// Kept in the item itself for up to [`INLINE`] segments, in a list of its own beyond: a run
/// generates hundreds of items and copies its start's backlog, and a list allocated and freed
/// for each item was a twentieth of the exploit search's time.
#[derive(Clone)]
pub struct Values(Repr);

#[derive(Clone)]
enum Repr {
    /// The first `len` of `values`.
    Inline { len: u8, values: [f64; INLINE] },
    /// More than [`INLINE`].
    Heap(Box<[f64]>),
}

impl Deref for Values {
    type Target = [f64];

    fn deref(&self) -> &[f64] {
        match &self.0 {
            Repr::Inline { len, values } => &values[..usize::from(*len)],
            Repr::Heap(values) => values,
        }
    }
}

impl FromIterator<f64> for Values {
    /// Takes the values in order (each is drawn as it is taken when an item is generated).
    fn from_iter<I: IntoIterator<Item = f64>>(iter: I) -> Self {
        let mut iter = iter.into_iter();
        let (mut values, mut len) = ([0.0; INLINE], 0);
        let mut beyond = None;
        for v in iter.by_ref() {
            if len == INLINE {
                beyond = Some(v);
                break;
            }
            values[len] = v;
            len += 1;
        }
        match beyond {
            None => Self(Repr::Inline {
                len: len as u8,
                values,
            }),
            Some(v) => {
                let mut all = values.to_vec();
                all.push(v);
                all.extend(iter);
                Self(Repr::Heap(all.into_boxed_slice()))
            }
        }
    }
}

impl From<Vec<f64>> for Values {
    fn from(values: Vec<f64>) -> Self {
        values.into_iter().collect()
    }
}

impl<'a> IntoIterator for &'a Values {
    type Item = &'a f64;
    type IntoIter = std::slice::Iter<'a, f64>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Equal when the values are, however they are kept.
impl PartialEq for Values {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl fmt::Debug for Values {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

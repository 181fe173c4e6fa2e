//! The product: a backlog of work items with hidden value per customer segment.

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
    pub value: Vec<f64>,
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

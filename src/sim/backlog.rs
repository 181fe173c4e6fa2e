//! The backlog's items in the orders a week reads them in, kept as items arrive, are revealed
//! and ship.

use std::ops::Range;

use super::product::Item;

/// Lists of backlog places a week reads instead of the whole backlog: the open items in the
/// two orders effort flows in (by value per effort for what focus aims at, by appeal for the
/// rest), and the open items whose value is known (what a bot plans by) and those nobody
/// knows the value of (what a reveal draws from).
///
/// Kept up to date rather than found afresh each week: an item's ranks never change, and the
/// backlog grows all run, mostly with shipped items. Walking all of it to pick out the few
/// that matter was a sixth of a simulated week, and the picking, item by item, is a branch
/// the processor cannot guess.
///
/// The orders effort flows in put the best item last, where taking it out when it ships moves
/// nothing: highest rank, and among equal ranks the first in the backlog, which is the pick a
/// weekly ranking made. An item that ships from elsewhere in an order stays there until it
/// comes last, rather than being looked for. The other lists are sets of places, read in
/// backlog order as the sums over them are, where an item comes and goes without moving the
/// others.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Orders {
    /// Every open item with its appeal (and shipped ones not yet come last).
    appeal: Vec<(f64, usize)>,
    /// The open items whose value is known (revealed), with their value per effort (and
    /// shipped ones not yet come last).
    worth: Vec<(f64, usize)>,
    /// The open items whose value is known.
    known: Places,
    /// The open items whose value is not known.
    hidden: Places,
    /// How many there are.
    hidden_count: usize,
    /// Their values summed for each segment: what a reveal weighs them by, kept as items
    /// come and go rather than summed for every reveal. Adding and taking away leaves a
    /// rounding error a fresh sum would not have, far too small to change a draw but for a
    /// pick that lands within it of an item's edge.
    hidden_worth: Vec<f64>,
}

impl Orders {
    /// The orders of a backlog, with room for `room` items in all.
    pub(crate) fn new(items: &[Item], room: usize) -> Self {
        let mut orders = Self {
            appeal: Vec::with_capacity(room),
            worth: Vec::with_capacity(room),
            known: Places::with_room(room),
            hidden: Places::with_room(room),
            hidden_count: 0,
            hidden_worth: Vec::new(),
        };
        for i in 0..items.len() {
            orders.add(items, i);
        }
        orders
    }

    /// A copy with the same spare room, so a copied run's lists do not move in memory either.
    pub(crate) fn clone_with_room(&self) -> Self {
        use super::spare::clone_with_room;
        Self {
            appeal: clone_with_room(&self.appeal),
            worth: clone_with_room(&self.worth),
            known: self.known.clone_with_room(),
            hidden: self.hidden.clone_with_room(),
            hidden_count: self.hidden_count,
            hidden_worth: self.hidden_worth.clone(),
        }
    }

    /// Takes in item `i`, the last in the backlog (new to it, or found there when the orders
    /// are made).
    pub(crate) fn add(&mut self, items: &[Item], i: usize) {
        let item = &items[i];
        if !item.open() {
            return;
        }
        insert(&mut self.appeal, item.appeal, i);
        if item.revealed {
            insert(&mut self.worth, value_per_effort(item), i);
            self.known.insert(i);
        } else {
            self.hide(item, i);
        }
    }

    /// Moves item `i` among the known ones, now that it is revealed.
    pub(crate) fn reveal(&mut self, items: &[Item], i: usize) {
        if items[i].open() && self.unhide(&items[i], i) {
            insert(&mut self.worth, value_per_effort(&items[i]), i);
            self.known.insert(i);
        }
    }

    /// Takes item `i` out of the open items: it shipped.
    pub(crate) fn ship(&mut self, items: &[Item], i: usize) {
        let item = &items[i];
        if item.revealed {
            self.known.remove(i);
        } else {
            self.unhide(item, i);
        }
        drop_shipped(&mut self.appeal, items);
        drop_shipped(&mut self.worth, items);
    }

    fn hide(&mut self, item: &Item, i: usize) {
        self.hidden.insert(i);
        self.hidden_count += 1;
        if self.hidden_worth.len() < item.value.len() {
            self.hidden_worth.resize(item.value.len(), 0.0);
        }
        for (sum, v) in self.hidden_worth.iter_mut().zip(&item.value) {
            *sum += v;
        }
    }

    /// Takes item `i` out of the hidden ones; whether it was there (a second reveal of the
    /// same item changes nothing).
    fn unhide(&mut self, item: &Item, i: usize) -> bool {
        if !self.hidden.remove(i) {
            return false;
        }
        self.hidden_count -= 1;
        for (sum, v) in self.hidden_worth.iter_mut().zip(&item.value) {
            *sum -= v;
        }
        true
    }

    /// How many open items have a value nobody knows.
    pub(crate) fn hidden_count(&self) -> usize {
        self.hidden_count
    }

    /// What the hidden items weigh together in a reveal for the `targets` segments, each
    /// `base` plus its worth to them.
    pub(crate) fn hidden_weight(&self, base: f64, targets: &Range<usize>) -> f64 {
        let n = self.hidden_worth.len();
        let worth: f64 = self.hidden_worth[targets.start.min(n)..targets.end.min(n)]
            .iter()
            .sum();
        base * self.hidden_count as f64 + worth
    }

    /// The most appealing open item.
    pub(crate) fn most_appealing(&self) -> Option<usize> {
        self.appeal.last().map(|&(_, i)| i)
    }

    /// The known open item with the most value per effort (what the orders' tests read).
    #[cfg(test)]
    pub(crate) fn best_known(&self) -> Option<usize> {
        self.worth.last().map(|&(_, i)| i)
    }

    /// The known open item with the most value per effort among those worth at least
    /// `wanted` in all: what focus aims at. Known items worth less are left to the team's
    /// taste, however cheap.
    pub(crate) fn best_wanted(&self, items: &[Item], wanted: f64) -> Option<usize> {
        self.worth
            .iter()
            .rev()
            .map(|&(_, i)| i)
            .find(|&i| items[i].open() && items[i].total_value() >= wanted)
    }

    /// Whether the value of some open item is known.
    pub(crate) fn any_known(&self) -> bool {
        self.known.first().is_some()
    }

    /// The open items whose value is known.
    pub(crate) fn known(&self) -> &Places {
        &self.known
    }

    /// The open items whose value is not known.
    pub(crate) fn hidden(&self) -> &Places {
        &self.hidden
    }
}

/// Where focus ranks a known item.
fn value_per_effort(item: &Item) -> f64 {
    item.total_value() / item.effort
}

/// Where an item of rank `rank` at backlog place `i` goes in `order`: after the items it
/// would be picked before.
fn place(order: &[(f64, usize)], rank: f64, i: usize) -> usize {
    order.partition_point(|&(r, j)| r < rank || (r == rank && j > i))
}

fn insert(order: &mut Vec<(f64, usize)>, rank: f64, i: usize) {
    let at = place(order, rank, i);
    order.insert(at, (rank, i));
}

/// Takes the shipped items off the end of `order`, so that its last is open.
fn drop_shipped(order: &mut Vec<(f64, usize)>, items: &[Item]) {
    while order.last().is_some_and(|&(_, i)| !items[i].open()) {
        order.pop();
    }
}

/// A set of backlog places, one bit each, read in backlog order.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Places {
    words: Vec<u64>,
}

impl Places {
    /// An empty set with room for places up to `room`.
    fn with_room(room: usize) -> Self {
        Self {
            words: Vec::with_capacity(room.div_ceil(64)),
        }
    }

    /// A copy with the same spare room.
    fn clone_with_room(&self) -> Self {
        Self {
            words: super::spare::clone_with_room(&self.words),
        }
    }

    fn insert(&mut self, i: usize) {
        let word = i / 64;
        if word >= self.words.len() {
            self.words.resize(word + 1, 0);
        }
        self.words[word] |= 1 << (i % 64);
    }

    /// Takes place `i` out; whether it was in.
    fn remove(&mut self, i: usize) -> bool {
        let Some(word) = self.words.get_mut(i / 64) else {
            return false;
        };
        let bit = 1 << (i % 64);
        let was = *word & bit != 0;
        *word &= !bit;
        was
    }

    /// The places in the set, in backlog order.
    pub(crate) fn iter(&self) -> PlacesIter<'_> {
        PlacesIter {
            words: self.words.iter().enumerate(),
            base: 0,
            rest: 0,
        }
    }

    /// The places in the set, last first.
    pub(crate) fn iter_rev(&self) -> PlacesRev<'_> {
        PlacesRev {
            words: self.words.iter().enumerate(),
            base: 0,
            rest: 0,
        }
    }

    /// The first place in the set.
    pub(crate) fn first(&self) -> Option<usize> {
        let (k, word) = self.words.iter().enumerate().find(|(_, w)| **w != 0)?;
        Some(k * 64 + word.trailing_zeros() as usize)
    }
}

/// The words of a [`Places`] with their numbers, read from either end.
type Words<'a> = std::iter::Enumerate<std::slice::Iter<'a, u64>>;

/// The places of a [`Places`], in backlog order.
pub(crate) struct PlacesIter<'a> {
    words: Words<'a>,
    /// The place of the first bit of `rest`'s word.
    base: usize,
    /// The bits of the current word not yet read.
    rest: u64,
}

impl Iterator for PlacesIter<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.rest == 0 {
            let (k, &word) = self.words.next()?;
            (self.base, self.rest) = (k * 64, word);
        }
        let bit = self.rest.trailing_zeros() as usize;
        self.rest &= self.rest - 1;
        Some(self.base + bit)
    }
}

/// The places of a [`Places`], last first.
pub(crate) struct PlacesRev<'a> {
    words: Words<'a>,
    /// The place of the first bit of `rest`'s word.
    base: usize,
    /// The bits of the current word not yet read.
    rest: u64,
}

impl Iterator for PlacesRev<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.rest == 0 {
            let (k, &word) = self.words.next_back()?;
            (self.base, self.rest) = (k * 64, word);
        }
        let bit = 63 - self.rest.leading_zeros() as usize;
        self.rest &= !(1 << bit);
        Some(self.base + bit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(appeal: f64, value: f64, revealed: bool) -> Item {
        Item {
            id: String::new(),
            name: String::new(),
            effort: 2.0,
            value: vec![value],
            appeal,
            revealed,
            progress: 0.0,
            shipped: None,
            quality: 0.0,
            fit: 1.0,
        }
    }

    fn list(places: &Places) -> Vec<usize> {
        places.iter().collect()
    }

    #[test]
    fn places_are_read_in_backlog_order() {
        let mut places = Places::with_room(8);
        for i in [130, 3, 64, 0, 63] {
            places.insert(i);
        }
        assert!(places.remove(3));
        assert!(!places.remove(3), "already out");
        assert!(!places.remove(500));
        assert_eq!(list(&places), [0, 63, 64, 130]);
        assert_eq!(places.iter_rev().collect::<Vec<_>>(), [130, 64, 63, 0]);
        assert_eq!(places.first(), Some(0));
        places.remove(0);
        places.remove(63);
        assert_eq!(places.first(), Some(64));
        assert_eq!(Places::default().first(), None);
    }

    #[test]
    fn hidden_weight_follows_the_hidden_items() {
        let value = |i: usize, v: [f64; 2]| Item {
            value: v.to_vec(),
            ..item(0.5 + i as f64 / 10.0, 0.0, false)
        };
        let mut items = vec![
            value(0, [1.0, 2.0]),
            value(1, [4.0, 0.5]),
            value(2, [0.0, 3.0]),
        ];
        let mut orders = Orders::new(&items, 8);
        assert_eq!(orders.hidden_count(), 3);
        assert_eq!(orders.hidden_weight(0.15, &(0..1)), 0.45 + 5.0);
        assert_eq!(orders.hidden_weight(0.15, &(0..2)), 0.45 + 5.0 + 5.5);

        items[1].revealed = true;
        orders.reveal(&items, 1);
        items[2].shipped = Some(1);
        orders.ship(&items, 2);
        assert_eq!(orders.hidden_count(), 1);
        assert_eq!(orders.hidden_weight(0.15, &(1..2)), 0.15 + 2.0);
        assert_eq!(list(orders.hidden()), [0]);

        items.push(value(3, [0.25, 0.0]));
        orders.add(&items, 3);
        assert_eq!(orders.hidden_weight(0.15, &(0..1)), 0.3 + 1.25);
        assert_eq!(
            orders.hidden_weight(0.15, &(5..9)),
            0.3,
            "no such segments: no worth"
        );
    }

    #[test]
    fn picks_are_the_best_rank_and_the_first_of_equals() {
        let mut items = vec![
            item(0.5, 1.0, true),
            item(0.9, 4.0, false),
            item(0.9, 1.0, true),
            item(0.2, 4.0, true),
        ];
        let mut orders = Orders::new(&items, 8);
        assert_eq!(orders.most_appealing(), Some(1));
        assert_eq!(orders.best_known(), Some(3));
        assert_eq!(list(orders.hidden()), [1]);
        assert_eq!(list(orders.known()), [0, 2, 3]);

        items[1].shipped = Some(1);
        orders.ship(&items, 1);
        assert_eq!(orders.most_appealing(), Some(2));
        assert_eq!(list(orders.hidden()), Vec::<usize>::new());

        items[3].shipped = Some(1);
        orders.ship(&items, 3);
        items[0].shipped = Some(2);
        orders.ship(&items, 0);
        assert_eq!(orders.best_known(), Some(2));
        assert_eq!(list(orders.known()), [2]);

        items.push(item(0.9, 1.0, false));
        orders.add(&items, 4);
        assert_eq!(
            orders.most_appealing(),
            Some(2),
            "the first of equal appeal"
        );
        items[4].revealed = true;
        orders.reveal(&items, 4);
        let once = orders.clone();
        orders.reveal(&items, 4);
        assert_eq!(orders, once, "a second reveal changes nothing");
        assert_eq!(
            orders.best_known(),
            Some(2),
            "the first of equal value per effort"
        );
        assert_eq!(list(orders.hidden()), Vec::<usize>::new());
        assert_eq!(list(orders.known()), [2, 4]);

        // Items shipped from the middle of an order are never picked.
        for i in [2, 4] {
            items[i].shipped = Some(3);
            orders.ship(&items, i);
        }
        assert_eq!(orders.most_appealing(), None);
        assert_eq!(orders.best_known(), None);
        assert!(!orders.any_known());
    }
}

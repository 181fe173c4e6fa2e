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
    /// Every open item with its appeal (and shipped ones not yet come first): a heap, as
    /// only the most appealing is ever asked for and items arrive all run.
    appeal: Heap<false>,
    /// The open items known to be worth building (revealed, worth at least
    /// [`Item::WANTED`]), with their value per effort (and shipped ones not yet come last):
    /// what focus aims at. Known junk is left out, as focus passes it by.
    worth: Vec<(f64, usize)>,
    /// The open items whose value is known, with their value in all (and shipped ones not
    /// yet come first): what a bot aims an item action at.
    valued: Heap<true>,
    /// The open items whose value is known.
    known: Places,
    /// The effort still needed on the known open items worth building
    /// ([`Item::WANTED`]): kept as effort goes in, since a bot asks every week it plans.
    known_work: f64,
    /// The open items whose value is not known.
    hidden: Places,
    /// How many there are.
    hidden_count: usize,
    /// Their values summed for each segment: what a reveal weighs them by, kept as items
    /// come and go rather than summed for every reveal. Adding and taking away leaves a
    /// rounding error a fresh sum would not have, far too small to change a draw but for a
    /// pick that lands within it of an item's edge.
    hidden_worth: Vec<f64>,
    /// The hidden items' values summed by block of [`BLOCK`] backlog places, `segments` sums
    /// a block: a reveal's draw passes a block by its sum rather than item by item (see
    /// `state::draw_by_blocks`). Each item comes into its block's sums once and goes at most
    /// once, so what rounding leaves in a sum stays within a few dozen roundings of the most
    /// a block was worth.
    block_worth: Vec<f64>,
    /// The most any item taken into the hidden ones was worth to all segments together: the
    /// scale of that rounding.
    worth_ceiling: f64,
    /// Every item's value to each segment, `segments` to an item in backlog order: what a
    /// reveal's draw reads, item after item, laid out together rather than one list an item.
    values: Vec<f64>,
    /// How many segments there are: the values an item has in `values`.
    segments: usize,
}

impl Orders {
    /// The orders of a backlog of items valued by `segments` segments, with room for `room`
    /// items in all.
    pub(crate) fn new(items: &[Item], segments: usize, room: usize) -> Self {
        let mut orders = Self {
            appeal: Heap::with_room(room),
            worth: Vec::with_capacity(room),
            valued: Heap::with_room(room),
            known: Places::with_room(room),
            known_work: 0.0,
            hidden: Places::with_room(room),
            hidden_count: 0,
            hidden_worth: Vec::new(),
            block_worth: Vec::with_capacity(room.div_ceil(BLOCK) * segments),
            worth_ceiling: 0.0,
            values: Vec::with_capacity(room * segments),
            segments,
        };
        for i in 0..items.len() {
            orders.add(items, i);
        }
        orders
    }

    /// `src` copied into these lists' memory (see `State::clone_from`).
    pub(crate) fn copy_from(&mut self, src: &Self) {
        self.appeal.nodes.clone_from(&src.appeal.nodes);
        self.worth.clone_from(&src.worth);
        self.valued.nodes.clone_from(&src.valued.nodes);
        self.known.words.clone_from(&src.known.words);
        self.known_work = src.known_work;
        self.hidden.words.clone_from(&src.hidden.words);
        self.hidden_count = src.hidden_count;
        self.hidden_worth.clone_from(&src.hidden_worth);
        self.block_worth.clone_from(&src.block_worth);
        self.worth_ceiling = src.worth_ceiling;
        self.values.clone_from(&src.values);
        self.segments = src.segments;
    }

    /// A copy with the same spare room, so a copied run's lists do not move in memory either.
    pub(crate) fn clone_with_room(&self) -> Self {
        use super::spare::clone_with_room;
        Self {
            appeal: self.appeal.clone_with_room(),
            worth: clone_with_room(&self.worth),
            valued: self.valued.clone_with_room(),
            known: self.known.clone_with_room(),
            known_work: self.known_work,
            hidden: self.hidden.clone_with_room(),
            hidden_count: self.hidden_count,
            hidden_worth: self.hidden_worth.clone(),
            block_worth: clone_with_room(&self.block_worth),
            worth_ceiling: self.worth_ceiling,
            values: clone_with_room(&self.values),
            segments: self.segments,
        }
    }

    /// Takes in item `i`, the last in the backlog (new to it, or found there when the orders
    /// are made).
    pub(crate) fn add(&mut self, items: &[Item], i: usize) {
        let item = &items[i];
        let known = item.value.len().min(self.segments);
        self.values.extend_from_slice(&item.value[..known]);
        self.values
            .extend(std::iter::repeat_n(0.0, self.segments - known));
        if !item.open() {
            return;
        }
        self.appeal.push(item.appeal, i);
        if item.revealed {
            self.know(item, i);
        } else {
            self.hide(item, i);
        }
    }

    /// Moves item `i` among the known ones, now that it is revealed.
    pub(crate) fn reveal(&mut self, items: &[Item], i: usize) {
        if items[i].open() && self.unhide(&items[i], i) {
            self.know(&items[i], i);
        }
    }

    /// Counts `effort` put into item `i` (before it ships, if it does).
    pub(crate) fn worked(&mut self, item: &Item, effort: f64) {
        if item.revealed && item.total_value() >= Item::WANTED {
            self.known_work -= effort;
        }
    }

    /// Takes item `i` out of the open items: it shipped.
    pub(crate) fn ship(&mut self, items: &[Item], i: usize) {
        let item = &items[i];
        if item.revealed {
            self.known.remove(i);
            if self.known.first().is_none() {
                // What rounding left of the sum goes with the last known item.
                self.known_work = 0.0;
            }
        } else {
            self.unhide(item, i);
        }
        self.appeal.drop_shipped(items);
        self.valued.drop_shipped(items);
        drop_shipped(&mut self.worth, items);
    }

    fn know(&mut self, item: &Item, i: usize) {
        let value = item.total_value();
        self.valued.push(value, i);
        self.known.insert(i);
        if value >= Item::WANTED {
            insert(&mut self.worth, value / item.effort, i);
            self.known_work += item.remaining();
        }
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
        let (segments, block) = (self.segments, i / BLOCK);
        let row = block * segments..(block + 1) * segments;
        if self.block_worth.len() < row.end {
            self.block_worth.resize(row.end, 0.0);
        }
        let values = &self.values[i * segments..(i + 1) * segments];
        let mut worth = 0.0;
        for (sum, v) in self.block_worth[row].iter_mut().zip(values) {
            *sum += v;
            worth += v;
        }
        self.worth_ceiling = self.worth_ceiling.max(worth);
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
        let (segments, block) = (self.segments, i / BLOCK);
        let values = &self.values[i * segments..(i + 1) * segments];
        let sums = &mut self.block_worth[block * segments..(block + 1) * segments];
        for (sum, v) in sums.iter_mut().zip(values) {
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

    /// What the hidden items of block `block` ([`BLOCK`] places from `block * BLOCK`) are
    /// worth to the `targets` segments together, as a draw weighs them, rounding aside (see
    /// [`Orders::rounding`]).
    pub(crate) fn block_worth(&self, block: usize, targets: &Range<usize>) -> f64 {
        let sums = self
            .block_worth
            .get(block * self.segments..(block + 1) * self.segments);
        let sums = sums.unwrap_or_default();
        let n = sums.len();
        match targets.len() {
            1 => sums.get(targets.start).copied().unwrap_or(0.0),
            _ => sums[targets.start.min(n)..targets.end.min(n)].iter().sum(),
        }
    }

    /// How far a running total of hidden items' weights, each `base` plus what they are worth
    /// to some segments, can be from the exact sum of those weights, whichever way it was
    /// added up (item by item from either end, or block by block): many times over the
    /// rounding of that many additions of that size, so a pick further than this from an
    /// item's edge falls on the same item however the weights before it were added up.
    pub(crate) fn rounding(&self, base: f64) -> f64 {
        let n = (self.hidden.words.len() * 64 + 4 * BLOCK) as f64;
        1e-12 * n * n * (base + self.worth_ceiling)
    }

    /// Item `i`'s value to each segment.
    pub(crate) fn values(&self, i: usize) -> &[f64] {
        &self.values[i * self.segments..(i + 1) * self.segments]
    }

    /// The most appealing open item (the first in the backlog of equals).
    pub(crate) fn most_appealing(&self) -> Option<usize> {
        self.appeal.top()
    }

    /// The known open item of most value in all (the last in the backlog of equals).
    pub(crate) fn most_valued(&self) -> Option<usize> {
        self.valued.top()
    }

    /// The effort still needed on the known open items worth building.
    pub(crate) fn known_work(&self) -> f64 {
        self.known_work.max(0.0)
    }

    /// The known open item with the most value per effort (what the orders' tests read).
    #[cfg(test)]
    pub(crate) fn best_known(&self) -> Option<usize> {
        self.worth.last().map(|&(_, i)| i)
    }

    /// The known open item with the most value per effort among those worth building: what
    /// focus aims at. Known items worth less are left to the team's taste, however cheap.
    pub(crate) fn best_wanted(&self, items: &[Item]) -> Option<usize> {
        self.worth
            .iter()
            .rev()
            .map(|&(_, i)| i)
            .find(|&i| items[i].open())
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

/// Backlog places a block of the hidden items' sums covers: a quarter of a [`Places`] word.
pub(crate) const BLOCK: usize = 16;

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

/// Backlog places by rank, the highest on top and among equal ranks the first in the
/// backlog, or the last if `LAST_OF_EQUALS` (as a walk in backlog order that keeps the
/// greater or equal ends on): a binary heap, where an item arrives without moving the
/// others. An item that ships stays until it comes to the top.
#[derive(Clone, Debug, Default, PartialEq)]
struct Heap<const LAST_OF_EQUALS: bool> {
    /// The heap's nodes, each with its children at `2k + 1` and `2k + 2`.
    nodes: Vec<(f64, usize)>,
}

impl<const LAST_OF_EQUALS: bool> Heap<LAST_OF_EQUALS> {
    fn with_room(room: usize) -> Self {
        Self {
            nodes: Vec::with_capacity(room),
        }
    }

    fn clone_with_room(&self) -> Self {
        Self {
            nodes: super::spare::clone_with_room(&self.nodes),
        }
    }

    /// Whether node `a` goes above node `b`.
    fn above(a: (f64, usize), b: (f64, usize)) -> bool {
        a.0 > b.0 || (a.0 == b.0 && (a.1 > b.1) == LAST_OF_EQUALS)
    }

    /// Adds a node: the parents it goes above move down one each, and it is written once
    /// where the last stopped (a new need often outranks most of the heap, so swapping it up
    /// step by step was most of taking it in).
    fn push(&mut self, rank: f64, place: usize) {
        let node = (rank, place);
        let mut k = self.nodes.len();
        self.nodes.push(node);
        while k > 0 {
            let parent = (k - 1) / 2;
            if !Self::above(node, self.nodes[parent]) {
                break;
            }
            self.nodes[k] = self.nodes[parent];
            k = parent;
        }
        self.nodes[k] = node;
    }

    fn top(&self) -> Option<usize> {
        self.nodes.first().map(|&(_, place)| place)
    }

    fn pop(&mut self) {
        let Some(last) = self.nodes.pop() else { return };
        if self.nodes.is_empty() {
            return;
        }
        // The last node sinks from the top: the children it is below move up one each, and
        // it is written once where it stops.
        let (n, mut k) = (self.nodes.len(), 0);
        loop {
            let (l, r) = (2 * k + 1, 2 * k + 2);
            if l >= n {
                break;
            }
            let child = if r < n && Self::above(self.nodes[r], self.nodes[l]) {
                r
            } else {
                l
            };
            if !Self::above(self.nodes[child], last) {
                break;
            }
            self.nodes[k] = self.nodes[child];
            k = child;
        }
        self.nodes[k] = last;
    }

    /// Takes the shipped items off the top, so that the top is open.
    fn drop_shipped(&mut self, items: &[Item]) {
        while self.top().is_some_and(|i| !items[i].open()) {
            self.pop();
        }
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

    /// How many blocks of [`BLOCK`] places the set spans.
    pub(crate) fn blocks(&self) -> usize {
        self.words.len() * (64 / BLOCK)
    }

    /// The places of block `block` in the set, as bits from the block's first place.
    pub(crate) fn block(&self, block: usize) -> u16 {
        let word = self.words.get(block / (64 / BLOCK)).copied().unwrap_or(0);
        (word >> ((block % (64 / BLOCK)) * BLOCK)) as u16
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
            id: String::new().into(),
            name: String::new().into(),
            effort: 2.0,
            value: vec![value].into(),
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
            value: v.to_vec().into(),
            ..item(0.5 + i as f64 / 10.0, 0.0, false)
        };
        let mut items = vec![
            value(0, [1.0, 2.0]),
            value(1, [4.0, 0.5]),
            value(2, [0.0, 3.0]),
        ];
        let mut orders = Orders::new(&items, 2, 8);
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

    /// The sums and the most valued item a bot plans by follow reveals, work and shipping,
    /// and among equal values the last in the backlog is the one aimed at.
    #[test]
    fn known_work_and_the_most_valued_follow_the_backlog() {
        let mut items = vec![
            item(0.5, 3.0, true),
            item(0.4, 1.0, true),
            item(0.3, 3.0, false),
            item(0.2, 5.0, false),
        ];
        let mut orders = Orders::new(&items, 2, 8);
        assert_eq!(orders.known_work(), 2.0, "only item 0 is known and wanted");
        assert_eq!(orders.most_valued(), Some(0));

        items[2].revealed = true;
        orders.reveal(&items, 2);
        assert_eq!(orders.known_work(), 4.0);
        assert_eq!(orders.most_valued(), Some(2), "the last of equal values");

        items[2].progress = 1.5;
        orders.worked(&items[2], 1.5);
        items[1].progress = 1.0;
        orders.worked(&items[1], 1.0);
        assert_eq!(orders.known_work(), 2.5, "work on junk is not counted");

        items[2].progress = 2.0;
        orders.worked(&items[2], 0.5);
        items[2].shipped = Some(1);
        orders.ship(&items, 2);
        assert_eq!(orders.most_valued(), Some(0));
        assert_eq!(orders.known_work(), 2.0);

        for i in [0, 1] {
            items[i].shipped = Some(2);
            orders.ship(&items, i);
        }
        assert_eq!(orders.most_valued(), None);
        assert_eq!(orders.known_work(), 0.0);
    }

    /// A heap's top is the highest rank, its ties broken as its kind says, however the
    /// items arrive.
    #[test]
    fn heaps_keep_the_highest_on_top() {
        let ranks = [0.3, 0.9, 0.1, 0.9, 0.5, 0.0, 0.7, 0.9, 0.2];
        let mut first: Heap<false> = Heap::default();
        let mut last: Heap<true> = Heap::default();
        for (i, &r) in ranks.iter().enumerate() {
            first.push(r, i);
            last.push(r, i);
        }
        let mut drained = (Vec::new(), Vec::new());
        while let (Some(a), Some(b)) = (first.top(), last.top()) {
            drained.0.push(a);
            drained.1.push(b);
            first.pop();
            last.pop();
        }
        assert_eq!(drained.0, [1, 3, 7, 6, 4, 0, 8, 2, 5]);
        assert_eq!(drained.1, [7, 3, 1, 6, 4, 0, 8, 2, 5]);
    }

    #[test]
    fn picks_are_the_best_rank_and_the_first_of_equals() {
        let mut items = vec![
            item(0.5, 2.0, true),
            item(0.9, 4.0, false),
            item(0.9, 2.0, true),
            item(0.2, 4.0, true),
        ];
        let mut orders = Orders::new(&items, 2, 8);
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

        items.push(item(0.9, 2.0, false));
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

//! The open backlog in the orders the week pours effort in, kept as items arrive, are revealed
//! and ship.

use super::product::Item;

/// The open items in the two orders effort flows in: by value per effort for what focus aims
/// at, by appeal for the rest.
///
/// Kept up to date rather than ranked afresh each week: the ranks of an item never change,
/// and ranking the whole backlog twice a week was a sixth of a simulated week, more as a run's
/// backlog fills with shipped items. Each order puts the best item last, where taking it
/// out when it ships moves nothing: highest rank, and among equal ranks the first in the
/// backlog, which is the pick a weekly ranking made.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Queues {
    /// Every open item with its appeal.
    appeal: Vec<(f64, usize)>,
    /// The open items whose value is known (revealed), with their value per effort.
    known: Vec<(f64, usize)>,
}

impl Queues {
    /// The queues of a backlog, with room for `room` items in all.
    pub(crate) fn new(items: &[Item], room: usize) -> Self {
        let mut queues = Self {
            appeal: Vec::with_capacity(room),
            known: Vec::with_capacity(room),
        };
        for i in 0..items.len() {
            queues.add(items, i);
        }
        queues
    }

    /// A copy with the same spare room, so a copied run's queues do not move in memory either.
    pub(crate) fn clone_with_room(&self) -> Self {
        Self {
            appeal: super::state::clone_with_room(&self.appeal),
            known: super::state::clone_with_room(&self.known),
        }
    }

    /// Queues item `i`, new to the backlog (or found there when the queues are made).
    pub(crate) fn add(&mut self, items: &[Item], i: usize) {
        let item = &items[i];
        if !item.open() {
            return;
        }
        insert(&mut self.appeal, item.appeal, i);
        if item.revealed {
            insert(&mut self.known, known_rank(item), i);
        }
    }

    /// Queues item `i` among the known ones, now that it is revealed.
    pub(crate) fn reveal(&mut self, items: &[Item], i: usize) {
        if items[i].open() {
            insert(&mut self.known, known_rank(&items[i]), i);
        }
    }

    /// Takes item `i` out of the queues: it shipped.
    pub(crate) fn ship(&mut self, items: &[Item], i: usize) {
        let item = &items[i];
        remove(&mut self.appeal, item.appeal, i);
        if item.revealed {
            remove(&mut self.known, known_rank(item), i);
        }
    }

    /// The most appealing open item.
    pub(crate) fn most_appealing(&self) -> Option<usize> {
        self.appeal.last().map(|&(_, i)| i)
    }

    /// The known open item with the most value per effort.
    pub(crate) fn best_known(&self) -> Option<usize> {
        self.known.last().map(|&(_, i)| i)
    }
}

/// Where focus ranks a known item: by value per effort.
fn known_rank(item: &Item) -> f64 {
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

/// Takes item `i` out of `order`: usually the last, the one work was poured into, otherwise
/// found by its rank (or, for a rank that does not order, such as NaN, by looking).
fn remove(order: &mut Vec<(f64, usize)>, rank: f64, i: usize) {
    if order.last().is_some_and(|&(_, j)| j == i) {
        order.pop();
        return;
    }
    let at = place(order, rank, i);
    let at = if order.get(at).is_some_and(|&(_, j)| j == i) {
        Some(at)
    } else {
        order.iter().position(|&(_, j)| j == i)
    };
    if let Some(at) = at {
        order.remove(at);
    }
}

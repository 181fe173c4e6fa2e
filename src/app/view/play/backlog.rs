//! The backlog in the order the player asks for, and what shipped.

use super::*;

/// The backlog.
#[derive(Clone, Debug)]
pub struct BacklogView {
    /// "12 open · value known for 3".
    pub summary: String,
    /// The id of the item item actions are aimed at, if any (it may be in no row: shipped,
    /// or not in this order).
    pub picked: Option<String>,
    /// "Aimed at: Search", when an item is picked.
    pub aimed: Option<String>,
    /// What an empty list means.
    pub empty: Option<&'static str>,
    /// The open items, in the order asked for (the first of them, on a screen that lists
    /// only those).
    pub rows: Vec<ItemRow>,
    /// How many open items of this order `rows` leaves out.
    pub more: usize,
    /// "Shipped (4)", when anything shipped.
    pub shipped_head: Option<String>,
    /// What shipped, the latest first.
    pub shipped: Vec<String>,
}

/// An open backlog item.
#[derive(Clone, Debug)]
pub struct ItemRow {
    /// The item's id, for aiming at it.
    pub id: String,
    /// "[first] Search · worth 3.2 · 40% of 6".
    pub text: String,
    /// Whether its value is known.
    pub known: bool,
    /// Whether item actions are aimed at it.
    pub picked: bool,
    /// Its effort, progress and value by segment, in a sentence.
    pub detail: String,
}

impl BacklogView {
    /// The backlog with only its first `at_most` items in `order` as rows (and the picked
    /// one, wherever it stands), for a page that lists what one screen shows and the rest
    /// on asking: a row is a few sentences to write, and a backlog can hold a hundred.
    pub(super) fn first(run: &Run, order: BacklogOrder, at_most: usize) -> Self {
        let state = run.game.state();
        let open = state.items.iter().filter(|i| i.open()).count();
        let known = state
            .items
            .iter()
            .filter(|i| i.open() && i.revealed)
            .count();
        let picked = run.selection.item.as_deref();
        let listed = backlog_rows(state, order);
        let all = listed.len();
        let rows: Vec<_> = listed
            .into_iter()
            .enumerate()
            .filter(|(at, item)| *at < at_most || picked.is_some_and(|p| item.id == p))
            .map(|(_, item)| row(state, picked, item))
            .collect();
        let shipped: Vec<String> = state
            .items
            .iter()
            .filter(|i| i.shipped.is_some())
            .rev()
            .map(|item| {
                let worth = if item.revealed {
                    format!("worth {}", text::fixed(item.worth(), 1))
                } else {
                    "worth ?".into()
                };
                format!("wk {} · {} · {worth}", item.shipped.unwrap_or(0), item.name)
            })
            .collect();
        Self {
            summary: format!("{open} open · value known for {known}"),
            picked: picked.map(str::to_owned),
            aimed: picked
                .and_then(|id| state.items.iter().find(|i| i.id == id))
                .map(|item| format!("Aimed at: {}", item.name)),
            empty: rows.is_empty().then_some("Nothing here."),
            more: all - rows.len(),
            rows,
            shipped_head: (!shipped.is_empty()).then(|| format!("Shipped ({})", shipped.len())),
            shipped,
        }
    }
}

/// The row of the open `item`.
fn row(state: &sim::State, picked: Option<&str>, item: &sim::Item) -> ItemRow {
    let worth = if item.revealed {
        format!("worth {}", text::fixed(item.total_value(), 1))
    } else {
        "worth ?".to_string()
    };
    let first = if state.pinned.as_ref() == Some(&item.id) {
        "[first] "
    } else {
        ""
    };
    let value = if item.revealed {
        let per: Vec<String> = state
            .segments
            .iter()
            .zip(&item.value)
            .map(|(s, v)| format!("{} {}", s.name, text::fixed(*v, 1)))
            .collect();
        format!("Value by segment: {}", per.join(", "))
    } else {
        "Its value is unknown: talk to customers to find out.".to_string()
    };
    ItemRow {
        id: item.id.to_string(),
        text: format!(
            "{first}{} · {worth} · {} of {}",
            item.name,
            text::percent(item.progress / item.effort.max(1e-9)),
            text::whole(item.effort)
        ),
        known: item.revealed,
        picked: picked.is_some_and(|p| item.id == p),
        detail: format!(
            "Effort {}, done {}. {value}",
            text::fixed(item.effort, 1),
            text::fixed(item.progress, 1)
        ),
    }
}

/// The open items in `order` (the unknown-value order lists only those): the backlog's rows
/// and the order the desktop's arrow keys step through.
pub fn backlog_rows(state: &sim::State, order: BacklogOrder) -> Vec<&sim::Item> {
    let mut open: Vec<_> = state.items.iter().filter(|i| i.open()).collect();
    let by_value = |a: &&sim::Item, b: &&sim::Item| {
        (b.revealed.cmp(&a.revealed))
            .then(b.total_value().total_cmp(&a.total_value()))
            .then(b.progress.total_cmp(&a.progress))
    };
    match order {
        BacklogOrder::Value => open.sort_by(by_value),
        BacklogOrder::Building => open.sort_by(|a, b| {
            let done = |i: &sim::Item| i.progress / i.effort.max(1e-9);
            done(b).total_cmp(&done(a)).then(by_value(a, b))
        }),
        BacklogOrder::Effort => {
            open.sort_by(|a, b| a.remaining().total_cmp(&b.remaining()).then(by_value(a, b)));
        }
        BacklogOrder::Unknown => {
            open.retain(|i| !i.revealed);
            open.sort_by(|a, b| a.remaining().total_cmp(&b.remaining()));
        }
    }
    open
}

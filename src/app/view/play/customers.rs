//! The customers: focus, reach and debt, and a row a segment.

use super::*;

/// The customers.
#[derive(Clone, Debug)]
pub struct CustomersView {
    /// "focus 40% · reach 25% · debt 1.2".
    pub summary: String,
    /// What the summary's words mean.
    pub summary_tip: &'static str,
    /// The segments, in the scenario's order.
    pub rows: Vec<SegmentRow>,
}

/// A customer segment.
#[derive(Clone, Debug)]
pub struct SegmentRow {
    /// The segment's id, for aiming at it.
    pub id: String,
    /// Its name.
    pub name: String,
    /// "12.5 / week revenue".
    pub revenue: String,
    /// Adoption and satisfaction.
    pub bars: [Bar; 2],
    /// Whether segment actions are aimed at it.
    pub picked: bool,
    /// Its size, price, adoption, satisfaction and revenue in a sentence.
    pub detail: String,
}

impl CustomersView {
    pub(super) fn of(run: &Run) -> Self {
        let state = run.game.state();
        let satisfied = run.game.scenario().model.satisfied_price;
        Self {
            summary: format!(
                "focus {} · reach {} · debt {}",
                text::percent(state.focus),
                text::percent(state.reach()),
                text::fixed(state.debt, 1)
            ),
            summary_tip: "Focus: share of effort aimed at the most valuable known work. Reach: how well you know your customers. Debt: low-quality work that creates support load.",
            rows: state
                .segments
                .iter()
                .map(|seg| SegmentRow {
                    id: seg.id.clone(),
                    name: seg.name.clone(),
                    // A market that opens later says when: work for it can start now.
                    revenue: if seg.open_in(state.week + 1) {
                        format!("{} / week revenue", text::num(seg.revenue(satisfied)))
                    } else {
                        format!("opens in week {}", seg.opens)
                    },
                    bars: [
                        Bar::of("Adoption", seg.adoption),
                        Bar::of("Satisfied", seg.satisfaction),
                    ],
                    picked: run.selection.segment.as_deref() == Some(seg.id.as_str()),
                    detail: format!(
                        "{}: size {}, price {}, adoption {}, satisfaction {}, revenue {}/week",
                        seg.name,
                        text::whole(seg.size),
                        text::fixed(seg.price, 1),
                        text::percent(seg.adoption),
                        text::percent(seg.satisfaction),
                        text::fixed(seg.revenue(satisfied), 1)
                    ),
                })
                .collect(),
        }
    }
}

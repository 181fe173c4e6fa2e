//! The briefing's goals as the run stands.

use super::*;

/// The briefing's goals as the run stands.
#[derive(Clone, Debug)]
pub struct GoalsView {
    /// "Your goals · 1 of 2 met now".
    pub title: String,
    /// Each goal: whether it is met now, and its words.
    pub rows: Vec<GoalRow>,
}

/// A goal during play.
#[derive(Clone, Debug)]
pub struct GoalRow {
    /// "met", "not yet" or "you judge".
    pub mark: &'static str,
    /// Whether the mark is good news.
    pub met: bool,
    /// The goal, with what it needs while the game counts it not met.
    pub text: String,
}

impl GoalsView {
    pub(super) fn of(game: &sim::Game) -> Self {
        let goals = sim::review::goals(game);
        let checked = goals.iter().filter(|g| g.met.is_some()).count();
        let met = goals.iter().filter(|g| g.met == Some(true)).count();
        Self {
            title: if checked == 0 {
                "Your goals".to_string()
            } else {
                format!("Your goals · {met} of {checked} met now")
            },
            rows: goals
                .into_iter()
                .map(|g| GoalRow {
                    mark: match g.met {
                        Some(true) => "met",
                        Some(false) => "not yet",
                        None => "you judge",
                    },
                    met: g.met == Some(true),
                    text: with_needs(g.text, g.needs),
                })
                .collect(),
        }
    }
}

/// A goal's words with what its check needs while it is not met: "Grow revenue. (needs last
/// week's value at least 60, now 36.2)", on the play screen and the debrief alike.
pub(crate) fn with_needs(text: String, needs: Option<String>) -> String {
    match needs {
        Some(needs) => format!("{text} ({needs})"),
        None => text,
    }
}

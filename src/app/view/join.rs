//! Joining a workshop: what the desktop's Join dialog and a browser's join page ask and say.
//! The desktop joins by a code or a room's address; a browser is already at the room's
//! address and types only its team's name, so the two differ in their first field and share
//! the rest.

use crate::room::rules::MAX_TEAM;

/// The team-name field and the words around it, as both join screens show them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JoinView {
    /// What joining means, in a sentence or two.
    pub intro: String,
    /// The team field's label.
    pub team_label: &'static str,
    /// The team field's example.
    pub team_hint: &'static str,
    /// The longest team name a room takes, in characters.
    pub team_max: usize,
    /// The button.
    pub join: &'static str,
    /// Why the last try failed, if it did.
    pub problem: Option<String>,
}

/// What every table plays, whichever way it joins.
const SAME_WORLD: &str =
    "Every table plays the same world, so the facilitator can compare your run with the others'.";

impl JoinView {
    /// The desktop's Join dialog: a workshop code or a hosted room's address.
    pub fn desktop(problem: Option<String>) -> Self {
        Self {
            intro: format!(
                "{SAME_WORLD} With a code, the game saves a result file to hand in at the \
                 debrief. In a hosted room, type the address on the projector instead: your \
                 weeks go to the facilitator as you play."
            ),
            join: "Join",
            ..Self::room(problem)
        }
    }

    /// A browser at a hosted room's address.
    pub fn room(problem: Option<String>) -> Self {
        Self {
            intro: format!(
                "{SAME_WORLD} Your weeks go to the facilitator as you play; close the tab and \
                 open this address again to come back to your run."
            ),
            team_label: "Team name",
            team_hint: "e.g. Night Owls",
            team_max: MAX_TEAM,
            join: "Join the room",
            problem,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ways_in_ask_for_the_same_team_name() {
        let (desktop, room) = (JoinView::desktop(None), JoinView::room(None));
        assert_eq!(desktop.team_label, room.team_label);
        assert_eq!(desktop.team_max, room.team_max);
        assert!(desktop.intro.starts_with(SAME_WORLD) && room.intro.starts_with(SAME_WORLD));
        assert_ne!(
            desktop.intro, room.intro,
            "only a desktop table hands in a file"
        );
    }
}

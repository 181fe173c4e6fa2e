//! Joining a workshop: what the desktop's Join dialog and a browser's join page ask and say.
//! The desktop joins by a code or a room's address; a browser is already at the room's
//! address and types only its team's name, so the two differ in their first field and share
//! the rest.

use crate::app::Intent;
use crate::room::Address;
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
                 debrief. In a hosted room, type the address and the room's code on the \
                 projector instead: your weeks go to the facilitator as you play."
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

/// What the desktop's Join dialog asks before a team's name, which a browser at the room's
/// address does not: a workshop code or a room's address, and the room's code apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DesktopFields {
    /// The first field: a workshop code or a room's address.
    pub code_label: &'static str,
    /// The first field's example.
    pub code_hint: &'static str,
    /// The field for a hosted room's short code, the digits the projector shows beside its
    /// address (a room picked from the list nearby fills only its address).
    pub door_label: &'static str,
    /// The room code field's example.
    pub door_hint: &'static str,
    /// What the list of rooms heard nearby is for.
    pub nearby: &'static str,
}

/// The desktop Join dialog's own fields.
pub const DESKTOP_FIELDS: DesktopFields = DesktopFields {
    code_label: "Code or room address",
    code_hint: "e.g. brilliant-team-4821 or 192.168.1.20:8470",
    door_label: "Room's code",
    door_hint: "a hosted room's digits, e.g. 0427",
    nearby: "Rooms on this network (click one to fill in its address, then type the room's \
             code from the projector):",
};

/// What the desktop's Join dialog asks for: `code` (a workshop code or a room's address, as
/// typed), `door` (the room's code, if typed in its own field: it goes with the address,
/// over one typed after a `/`) and `team`.
pub fn join_intent(code: &str, door: &str, team: &str) -> Intent {
    let door = door.trim();
    let code = match Address::parse(code) {
        Some(address) if !door.is_empty() => format!("{address}/{door}"),
        _ => code.to_string(),
    };
    Intent::Join {
        code,
        team: team.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rooms_code_typed_apart_joins_with_its_address() {
        let code_of = |intent| match intent {
            Intent::Join { code, .. } => Address::parse(&code).and_then(|a| a.door),
            _ => None,
        };
        let door = |code, door| code_of(join_intent(code, door, "Owls"));
        assert_eq!(door("192.168.1.20:8470", "0427"), Some("0427".into()));
        assert_eq!(door("192.168.1.20:8470/0427", ""), Some("0427".into()));
        assert_eq!(
            door("192.168.1.20:8470/1111", " 0427 "),
            Some("0427".into()),
            "the field of its own wins"
        );
        assert_eq!(
            door("https://room.example.org", "0427"),
            Some("0427".into())
        );
        assert_eq!(
            join_intent("brilliant-team-4821-90s", "0427", "Owls"),
            Intent::Join {
                code: "brilliant-team-4821-90s".into(),
                team: "Owls".into()
            },
            "a workshop code has no room"
        );
        let remote = join_intent("https://room.example.org", "0427", "Owls");
        assert!(
            matches!(&remote, Intent::Join { code, .. } if code == "https://room.example.org/0427"),
            "{remote:?}"
        );
    }

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

//! What a plan entry will meet when the week is played, said before it is: its target gone
//! (who left, what shipped), or its action spent on its target (mentoring someone grown into
//! their potential, delegating to someone who already leads work on their own).
//!
//! The week's skip reasons and the plan's warnings read these same words, so what the plan
//! warns of before a week is what the feed says after it. Words only: nothing here changes a
//! number.

use super::action::{ActionDef, Refusal, TargetKind};
use super::arcs;
use super::people::Stat;
use super::state::State;

/// What became of the target an entry names, when it can no longer be aimed at: "Bea has left
/// the team", "Dark mode has shipped". `None` when the target is still there, was never
/// picked, or is not known at all (the refusal's own words say that).
pub fn gone(state: &State, kind: TargetKind, target: Option<&str>) -> Option<String> {
    let target = target?;
    match kind {
        TargetKind::Person if state.person_index(target).is_none() => (state.departed.iter())
            .rev()
            .find(|(_, p)| p.id == target)
            .map(|(_, p)| format!("{} has left the team", p.name)),
        TargetKind::Item => {
            let item = &state.items[state.item_index(target)?];
            (!item.open()).then(|| format!("{} has shipped", item.name))
        }
        _ => None,
    }
}

/// Why a week skips an entry aimed at `target`, in words: what became of its target if it is
/// gone, what of its requirement does not hold and where the run stands on it, else the
/// refusal as it says itself.
pub(crate) fn skip_reason(state: &State, refusal: &Refusal<'_>, target: Option<&str>) -> String {
    match refusal {
        Refusal::NoTarget(kind) => {
            gone(state, *kind, target).unwrap_or_else(|| refusal.to_string())
        }
        Refusal::Requires(condition) => format!("needs {}", state.unmet(condition)),
        _ => refusal.to_string(),
    }
}

/// What `def` aimed at `target` would spend for little now, in words, when it would: mentoring
/// someone whose skill has reached their potential (it grows their skill no further),
/// delegating to someone who already leads work on their own. `None` when it still does what
/// it is for, or is aimed at no one on the team.
pub fn spent(state: &State, def: &ActionDef, target: Option<&str>) -> Option<String> {
    if def.target != TargetKind::Person {
        return None;
    }
    let p = &state.people[state.person_index(target?)?];
    let name = &p.name;
    if arcs::grows(def, Stat::Skill) && p.grown() {
        Some(format!(
            "{name} has grown into their potential: mentoring grows their skill no further"
        ))
    } else if arcs::grows(def, Stat::Autonomy) && arcs::owns(p) {
        Some(format!(
            "{name} already leads work on their own: delegating adds little"
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Scenario;

    /// A built-in scenario and its first week's state.
    fn start() -> (Scenario, State) {
        let scenario = crate::format::builtin("brilliant-team").map(|s| s.expect("valid"));
        let scenario = scenario.expect("built-in");
        let state = State::new(&scenario, 1);
        (scenario, state)
    }

    /// An entry aimed at someone who left, or at an item that shipped, says what became of
    /// it, where it said only that it needed a target; an entry never aimed says so still.
    #[test]
    fn a_target_gone_is_named() {
        let (_, mut state) = start();
        let bea = state.people.remove(0);
        let (name, id) = (bea.name.clone(), bea.id.clone());
        state.departed.push((3, bea));
        let refusal = Refusal::NoTarget(TargetKind::Person);
        assert_eq!(
            skip_reason(&state, &refusal, Some(&id)),
            format!("{name} has left the team")
        );
        assert_eq!(skip_reason(&state, &refusal, None), refusal.to_string());
        let stayed = state.people[0].id.clone();
        assert_eq!(gone(&state, TargetKind::Person, Some(&stayed)), None);

        let item = &mut state.items[0];
        item.shipped = Some(2);
        let (item, shipped) = (item.id.to_string(), format!("{} has shipped", item.name));
        let refusal = Refusal::NoTarget(TargetKind::Item);
        assert_eq!(skip_reason(&state, &refusal, Some(&item)), shipped);
    }

    /// Mentoring someone at their potential, or delegating to someone who already leads
    /// work on their own, is said to spend the hours for little; short of that it is not.
    #[test]
    fn mentoring_the_grown_and_delegating_to_an_owner_are_spent() {
        let (scenario, mut state) = start();
        let (mentor, delegate) = (
            scenario.action("mentor").expect("mentoring"),
            scenario.action("delegate").expect("delegating"),
        );
        let p = &mut state.people[0];
        (p.skill, p.potential, p.autonomy) = (0.5, 0.9, 0.3);
        let (name, id) = (p.name.clone(), p.id.clone());
        assert_eq!(spent(&state, mentor, Some(&id)), None);
        assert_eq!(spent(&state, delegate, Some(&id)), None);

        (state.people[0].skill, state.people[0].autonomy) = (0.9, 0.9);
        let said = spent(&state, mentor, Some(&id)).expect("mentoring the grown");
        assert!(
            said.starts_with(&format!("{name} has grown into their potential")),
            "{said}"
        );
        let said = spent(&state, delegate, Some(&id)).expect("delegating to an owner");
        assert!(
            said.starts_with(&format!("{name} already leads work on their own")),
            "{said}"
        );
        assert_eq!(spent(&state, mentor, Some("nobody")), None);
    }
}

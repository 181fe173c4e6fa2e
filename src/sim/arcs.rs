//! People's arcs: each person's story across the run (mentored, grown into their potential,
//! leading work on their own, burning out and back, an offer, gone), read from the state week
//! by week.
//!
//! A narrative layer only: it reads the model's own numbers after each week and changes none
//! of them, so a run scores the same with or without it. A [`Game`](super::Game) keeps one
//! beside its world; the bots' trial runs, which read no story, keep none. Each turn of a
//! story is told once, the week it happens: a turn that can come undone (ownership, burning
//! out, an offer) is told again only after the number has moved well back past the line
//! (the thresholds below come in pairs), so a number hovering at a line tells nothing twice.

use std::ops::Range;
use std::sync::Arc;

use super::action::{ActionDef, Planned};
use super::effect::{Effect, Who};
use super::people::{Person, Stat};
use super::report::{Cause, Topic};
use super::scenario::Scenario;
use super::state::State;

/// Autonomy from which someone skilled enough leads work on their own: well above the 0.6
/// under which a grown person who wants growth feels they own nothing.
pub const OWNS_AUTONOMY: f64 = 0.75;
/// The skill someone needs to lead work on their own: more than a newcomer's.
pub const OWNS_SKILL: f64 = 0.6;
/// Autonomy under which someone who owned their work no longer does (a squeeze, check-ins).
pub const OWNS_LOST: f64 = 0.55;
/// Morale under which someone is burning out: below even the resting level of someone who
/// owns nothing (the model's `morale_rest_base`, 0.3 by default), where only a squeeze, an
/// outgrown role or a hard event pushes them.
pub const BURNING: f64 = 0.3;
/// Morale from which someone who was burning out has recovered: where flight risk stops
/// rising.
pub const RECOVERED: f64 = 0.5;
/// Flight risk from which someone has an offer elsewhere: where the feed starts saying they
/// may leave.
pub const OFFER: f64 = 0.5;
/// Flight risk under which someone who had an offer has decided to stay.
pub const STAYED: f64 = 0.3;

/// A turn in a person's story.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Turn {
    /// Joined the team during the run.
    Joined,
    /// Mentored for the first time.
    Mentored,
    /// A newcomer who has reached full speed.
    RampedUp,
    /// Grown as far as mentoring can take them.
    Grown,
    /// Leads work on their own: autonomy and skill high.
    Owns,
    /// Owned their work and no longer does.
    LostOwnership,
    /// Grown, wants growth and owns nothing ([`Person::outgrown`]).
    Outgrown,
    /// Morale below [`BURNING`].
    BurningOut,
    /// Back to [`RECOVERED`] after burning out.
    Recovered,
    /// Flight risk at [`OFFER`]: looking elsewhere.
    Offer,
    /// Flight risk back under [`STAYED`] after an offer.
    Stayed,
    /// Left the team.
    Left,
}

impl Turn {
    /// Whether it is good news for the team, for the feed's colour.
    pub fn good(self) -> bool {
        matches!(
            self,
            Turn::Joined
                | Turn::Mentored
                | Turn::RampedUp
                | Turn::Grown
                | Turn::Owns
                | Turn::Recovered
                | Turn::Stayed
        )
    }

    /// The turn in a word or two, as a person's card shows their latest.
    pub fn word(self) -> &'static str {
        match self {
            Turn::Joined => "new",
            Turn::Mentored => "mentored",
            Turn::RampedUp => "up to speed",
            Turn::Grown => "grown",
            Turn::Owns => "owns their work",
            Turn::LostOwnership => "lost ownership",
            Turn::Outgrown => "outgrown the work",
            Turn::BurningOut => "burning out",
            Turn::Recovered => "recovered",
            Turn::Offer => "has an offer",
            Turn::Stayed => "staying",
            Turn::Left => "left",
        }
    }

    /// The turn as the debrief recalls it, before its week ("mentored from week 2").
    fn recalled(self) -> &'static str {
        match self {
            Turn::Joined => "joined in",
            Turn::Mentored => "mentored from",
            Turn::RampedUp => "up to speed in",
            Turn::Grown => "grew into their potential in",
            Turn::Owns => "led work on their own from",
            Turn::LostOwnership => "lost ownership in",
            Turn::Outgrown => "outgrew the work in",
            Turn::BurningOut => "burning out in",
            Turn::Recovered => "recovered in",
            Turn::Offer => "had an offer in",
            Turn::Stayed => "decided to stay in",
            Turn::Left => "left in",
        }
    }
}

/// How a turn recalled at one week ends ("grew into their potential in"): turns of one week
/// that end so are told together ("grew into their potential and outgrew the work in").
const IN: &str = " in";

/// One turn of one person's story, with the week it happened.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The week, from 1.
    pub week: u32,
    /// The person's id.
    pub person: String,
    /// Their name, as it was when the turn came.
    pub name: String,
    /// What happened.
    pub turn: Turn,
}

/// What is known of one person's story so far: which turns are told and not yet undone.
#[derive(Clone, Debug, Default, PartialEq)]
struct Seen {
    mentored: bool,
    ramping: bool,
    grown: bool,
    owns: bool,
    outgrown: bool,
    burning: bool,
    offer: bool,
}

impl Seen {
    /// How someone stands when the story starts following them: what is already true of them
    /// then is where their story begins, not a turn in it.
    fn of(p: &Person, ramp_weeks: f64) -> Self {
        Self {
            mentored: false,
            ramping: p.ramp(ramp_weeks) < 1.0,
            grown: p.grown(),
            owns: owns(p),
            outgrown: p.outgrown(),
            burning: p.morale < BURNING,
            offer: p.flight_risk >= OFFER,
        }
    }
}

/// Whether someone leads work on their own.
pub(crate) fn owns(p: &Person) -> bool {
    p.autonomy >= OWNS_AUTONOMY && p.skill >= OWNS_SKILL
}

/// Whether an action mentors the person it is aimed at: it grows their skill.
fn mentors(def: &ActionDef) -> bool {
    grows(def, Stat::Skill)
}

/// Whether `def` grows `stat` of the person it is aimed at: a skill grown is mentoring, an
/// autonomy grown is delegating, whatever the scenario calls the action.
pub(crate) fn grows(def: &ActionDef, stat: Stat) -> bool {
    def.effects
        .iter()
        .any(|e| matches!(e, Effect::Grow { who: Who::Target, stat: s, .. } if *s == stat))
}

/// Every person's story in a run so far.
#[derive(Debug, Default, PartialEq)]
pub struct Arcs {
    /// Every turn told, in the order told (week by week).
    steps: Vec<Step>,
    /// Where each person on the team stands, by id, in the team's order (hires come last,
    /// departures leave the others in order): each week reads the person at the same place
    /// first, rather than looking every id up.
    seen: Vec<(String, Seen)>,
    /// How many of the state's departures have been told.
    departed: usize,
}

/// Cloned by hand to keep the room the turns had, as a game's log does: a copied game (a
/// preview, undo, a benchmark's) would otherwise move every turn told at the first turn of
/// its next week.
impl Clone for Arcs {
    fn clone(&self) -> Self {
        Self {
            steps: super::spare::clone_with_room(&self.steps),
            seen: self.seen.clone(),
            departed: self.departed,
        }
    }
}

impl Arcs {
    /// The stories of a run starting from `state`.
    pub fn new(state: &State, scenario: &Scenario) -> Self {
        let ramp = scenario.model.ramp_weeks;
        Self {
            // Room for two turns a week, more than a run tells (each person's story turns
            // every few weeks): the turns never move as the run tells more, nor in a copy.
            steps: Vec::with_capacity(2 * scenario.weeks as usize),
            seen: (state.people.iter())
                .map(|p| (p.id.clone(), Seen::of(p, ramp)))
                .collect(),
            departed: state.departed.len(),
        }
    }

    /// Every turn told so far, in week order.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The latest turn of the person with this id, if their story has one.
    pub fn latest(&self, person: &str) -> Option<&Step> {
        self.steps.iter().rev().find(|s| s.person == person)
    }

    /// Reads the week just played: `state` as it ended, `mentored` the ids of the people a
    /// carried-out action mentored. Returns where the week's new turns are in
    /// [`Arcs::steps`].
    pub fn follow<'a>(
        &mut self,
        state: &State,
        scenario: &Scenario,
        mentored: impl Iterator<Item = &'a str> + Clone,
    ) -> Range<usize> {
        let start = self.steps.len();
        let (week, ramp) = (state.week, scenario.model.ramp_weeks);
        let (steps, known) = (&mut self.steps, &mut self.seen);
        // Who was mentored is read from the plan once, when someone not yet mentored is
        // met: reading it for each person looked every entry's action up again.
        let mut mentored_now: Option<Vec<&str>> = None;
        for (i, p) in state.people.iter().enumerate() {
            let mut tell = |turn| {
                steps.push(Step {
                    week,
                    person: p.id.clone(),
                    name: p.name.clone(),
                    turn,
                })
            };
            let at = match known.get(i) {
                Some((id, _)) if *id == p.id => i,
                _ => match known.iter().position(|(id, _)| *id == p.id) {
                    Some(at) => at,
                    None => {
                        tell(Turn::Joined);
                        known.push((p.id.clone(), Seen::of(p, ramp)));
                        known.len() - 1
                    }
                },
            };
            let seen = &mut known[at].1;
            if !seen.mentored
                && (mentored_now.get_or_insert_with(|| mentored.clone().collect()))
                    .contains(&p.id.as_str())
            {
                seen.mentored = true;
                tell(Turn::Mentored);
            }
            if seen.ramping && p.ramp(ramp) >= 1.0 {
                seen.ramping = false;
                tell(Turn::RampedUp);
            }
            if !seen.grown && p.grown() {
                seen.grown = true;
                tell(Turn::Grown);
            }
            if !seen.owns && owns(p) {
                seen.owns = true;
                // Ownership answers an outgrown role: outgrowing it again is a new turn.
                seen.outgrown = false;
                tell(Turn::Owns);
            } else if seen.owns && p.autonomy < OWNS_LOST {
                seen.owns = false;
                tell(Turn::LostOwnership);
            }
            if !seen.outgrown && p.outgrown() {
                seen.outgrown = true;
                tell(Turn::Outgrown);
            }
            if !seen.burning && p.morale < BURNING {
                seen.burning = true;
                tell(Turn::BurningOut);
            } else if seen.burning && p.morale >= RECOVERED {
                seen.burning = false;
                tell(Turn::Recovered);
            }
            if !seen.offer && p.flight_risk >= OFFER {
                seen.offer = true;
                tell(Turn::Offer);
            } else if seen.offer && p.flight_risk < STAYED {
                seen.offer = false;
                tell(Turn::Stayed);
            }
        }
        for (gone, p) in state.departed.iter().skip(self.departed) {
            if let Some(at) = self.seen.iter().position(|(id, _)| *id == p.id) {
                self.seen.remove(at);
            }
            self.steps.push(Step {
                week: *gone,
                person: p.id.clone(),
                name: p.name.clone(),
                turn: Turn::Left,
            });
        }
        self.departed = state.departed.len();
        start..self.steps.len()
    }

    /// The feed's lines for the turns at `told` (as [`Arcs::follow`] returned them), with
    /// the numbers that told each: one line a turn, of their own [`Topic::Arc`], but one
    /// sentence for someone who grew into their potential and outgrew the work the same week
    /// (two lines told one news twice). Someone who left is told with their story so far;
    /// someone who left with no story is told by the week's own line on their leaving, or by
    /// the answer that let them go.
    pub fn feed(&self, told: Range<usize>, state: &State) -> Vec<Cause> {
        let steps = self.steps.get(told).unwrap_or_default();
        let outgrew =
            |s: &Step| (steps.iter()).any(|o| o.person == s.person && o.turn == Turn::Outgrown);
        steps
            .iter()
            .filter(|s| {
                !(s.turn == Turn::Outgrown
                    && (steps.iter()).any(|g| g.person == s.person && g.turn == Turn::Grown))
            })
            .filter_map(|s| {
                let person = state.people.iter().find(|p| p.id == s.person);
                let (text, good) = match person {
                    Some(p) if s.turn == Turn::Grown && outgrew(s) => (grew_and_outgrew(p), false),
                    Some(p) => (said(s.turn, p), s.turn.good()),
                    None => {
                        let story = self.story(&s.person, |t| t.week < s.week);
                        if story.is_empty() {
                            return None;
                        }
                        let text = format!("{} has left the team; their story: {story}", s.name);
                        (text, s.turn.good())
                    }
                };
                Some(Cause {
                    topic: Topic::Arc,
                    text,
                    size: if good { 1.0 } else { -1.0 },
                })
            })
            .collect()
    }

    /// One person's story in one line ("mentored from week 2, grew into their potential and
    /// outgrew the work in week 11"), of the turns `keep` keeps: turns of one week said "in"
    /// it are told together.
    fn story(&self, person: &str, keep: impl Fn(&Step) -> bool) -> String {
        let mut told: Vec<(u32, Vec<&str>)> = Vec::new();
        for s in (self.steps.iter()).filter(|s| s.person == person && keep(s)) {
            let turn = s.turn.recalled();
            match told.last_mut() {
                Some((week, turns))
                    if *week == s.week
                        && turn.ends_with(IN)
                        && turns.last().is_some_and(|t| t.ends_with(IN)) =>
                {
                    turns.push(turn)
                }
                _ => told.push((s.week, vec![turn])),
            }
        }
        told.iter()
            .map(|(week, turns)| match turns.split_last() {
                Some((last, before)) if !before.is_empty() => {
                    let before: Vec<_> = (before.iter())
                        .map(|t| t.strip_suffix(IN).unwrap_or(t))
                        .collect();
                    format!("{} and {last} week {week}", before.join(", "))
                }
                _ => format!("{} week {week}", turns.join("")),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every person with a story worth recalling, in the order their stories began, with the
    /// week each began and the whole story in one line, as the debrief recalls them: "Priya:
    /// mentored from week 2, grew into their potential in week 11". Someone who only joined
    /// or was only mentored has no story yet: on a team mentored from week 1, those lines
    /// would crowd out the rest.
    pub fn recalled(&self) -> Vec<(u32, String)> {
        let mut people: Vec<&Step> = Vec::new();
        for s in &self.steps {
            if !people.iter().any(|p| p.person == s.person) {
                people.push(s);
            }
        }
        let eventful = |first: &&Step| {
            (self.steps.iter()).any(|s| {
                s.person == first.person && !matches!(s.turn, Turn::Joined | Turn::Mentored)
            })
        };
        people.retain(eventful);
        people
            .into_iter()
            .map(|first| {
                let text = match first.turn {
                    // Leaving is all their story: as the debrief always said it.
                    Turn::Left => format!("{} left the team", first.name),
                    _ => format!("{}: {}", first.name, self.story(&first.person, |_| true)),
                };
                (first.week, text)
            })
            .collect()
    }
}

/// Someone who grew into their potential and outgrew the work in one week, in one sentence.
fn grew_and_outgrew(p: &Person) -> String {
    format!(
        "{} has grown into their potential and outgrown the work: skill {:.2}, and they own \
         nothing (autonomy {:.2})",
        p.name, p.skill, p.autonomy
    )
}

/// A turn as the feed tells it the week it happens, with the numbers that told it.
fn said(turn: Turn, p: &Person) -> String {
    let name = &p.name;
    match turn {
        Turn::Joined => format!("{name} joins the team and starts learning the ropes"),
        Turn::Mentored => format!(
            "{name} is mentored for the first time: skill {:.2} of a potential {:.2}",
            p.skill, p.potential
        ),
        Turn::RampedUp => format!(
            "{name} is up to speed after {:.0} weeks on the team",
            p.tenure
        ),
        Turn::Grown => format!(
            "{name} has grown into their potential: skill {:.2}",
            p.skill
        ),
        Turn::Owns => format!(
            "{name} now leads work on their own: autonomy {:.2}, skill {:.2}",
            p.autonomy, p.skill
        ),
        Turn::LostOwnership => format!(
            "{name} no longer owns their work: autonomy {:.2}",
            p.autonomy
        ),
        Turn::Outgrown => format!(
            "{name} has outgrown the work: grown as far as it takes them, they own nothing \
             (autonomy {:.2})",
            p.autonomy
        ),
        Turn::BurningOut => format!("{name} is burning out: morale {:.2}", p.morale),
        Turn::Recovered => format!("{name} has recovered: morale {:.2}", p.morale),
        Turn::Offer => format!(
            "{name} has an offer from elsewhere: flight risk {:.2}",
            p.flight_risk
        ),
        Turn::Stayed => format!(
            "{name} has decided to stay: flight risk {:.2}",
            p.flight_risk
        ),
        Turn::Left => format!("{name} has left the team"),
    }
}

/// Which of the scenario's actions mentor, by place: found once a run, as every week asks
/// it of each entry carried out.
pub(crate) fn mentoring(scenario: &Scenario) -> Arc<[bool]> {
    scenario.actions.iter().map(mentors).collect()
}

/// The ids of the people the carried-out entries of `plan` mentored: `taken` gives each
/// carried-out entry's action, by place in the scenario, and `mentoring` which actions
/// mentor ([`mentoring`]).
pub(crate) fn mentored<'a>(
    mentoring: &'a [bool],
    plan: &'a [Planned],
    taken: impl Fn(usize) -> Option<usize> + Clone + 'a,
) -> impl Iterator<Item = &'a str> + Clone + 'a {
    plan.iter().enumerate().filter_map(move |(k, p)| {
        let mentors = mentoring.get(taken(k)?).copied()?;
        mentors.then_some(p.target.as_deref()?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario() -> Scenario {
        crate::format::builtin("brilliant-team")
            .expect("built-in")
            .expect("valid")
    }

    /// The turns told for the first person as their numbers are set week by week.
    fn told(weeks: &[fn(&mut Person)]) -> Vec<(u32, Turn)> {
        let scenario = scenario();
        let mut state = State::new(&scenario, 1);
        let mut arcs = Arcs::new(&state, &scenario);
        for set in weeks {
            state.week += 1;
            set(&mut state.people[0]);
            arcs.follow(&state, &scenario, std::iter::empty());
        }
        let first = state.people[0].id.clone();
        (arcs.steps().iter())
            .filter(|s| s.person == first)
            .map(|s| (s.week, s.turn))
            .collect()
    }

    /// Morale hovering at the line tells burning out once; only a recovery well past it
    /// (and a new fall) tells the next turn.
    #[test]
    fn a_number_hovering_at_a_line_tells_its_turn_once() {
        let turns = told(&[
            |p| p.morale = 0.29,
            |p| p.morale = 0.31,
            |p| p.morale = 0.29,
            |p| p.morale = 0.45,
            |p| p.morale = 0.29,
            |p| p.morale = RECOVERED,
            |p| p.morale = 0.29,
        ]);
        assert_eq!(
            turns,
            [
                (1, Turn::BurningOut),
                (6, Turn::Recovered),
                (7, Turn::BurningOut)
            ]
        );
    }

    /// Ownership and an offer each come and go with a gap between their lines.
    #[test]
    fn ownership_and_offers_come_and_go_past_a_gap() {
        let turns = told(&[
            |p| (p.skill, p.autonomy) = (0.8, OWNS_AUTONOMY),
            |p| p.autonomy = 0.7,
            |p| p.autonomy = OWNS_AUTONOMY,
            |p| p.autonomy = 0.5,
            |p| p.flight_risk = OFFER,
            |p| p.flight_risk = 0.4,
            |p| p.flight_risk = OFFER,
            |p| p.flight_risk = 0.2,
        ]);
        assert_eq!(
            turns,
            [
                (1, Turn::Owns),
                (4, Turn::LostOwnership),
                (5, Turn::Offer),
                (8, Turn::Stayed)
            ]
        );
    }

    /// Growing into one's potential and outgrowing the work in one week is one sentence in
    /// the feed and one phrase in the story the debrief recalls, not two lines of one news.
    #[test]
    fn grown_and_outgrown_in_one_week_are_told_as_one() {
        let scenario = scenario();
        let mut state = State::new(&scenario, 1);
        let mut arcs = Arcs::new(&state, &scenario);
        let p = &mut state.people[0];
        p.traits = Some(crate::sim::Traits::of([crate::sim::Trait::WantsGrowth]));
        (p.skill, p.potential, p.autonomy) = (0.8, 0.8, 0.3);
        let (name, id) = (p.name.clone(), p.id.clone());
        state.week = 4;
        let told = arcs.follow(&state, &scenario, std::iter::empty());
        let turns: Vec<_> = arcs.steps()[told.clone()].iter().map(|s| s.turn).collect();
        assert_eq!(turns, [Turn::Grown, Turn::Outgrown]);
        let lines = arcs.feed(told, &state);
        assert_eq!(lines.len(), 1, "{lines:?}");
        let said = format!("{name} has grown into their potential and outgrown the work: ");
        assert!(lines[0].text.starts_with(&said), "{}", lines[0].text);
        assert!(
            lines[0].size < 0.0,
            "outgrowing the work is the news to act on"
        );
        assert_eq!(
            arcs.story(&id, |_| true),
            "grew into their potential and outgrew the work in week 4"
        );
        // A later turn of another week follows after a comma, as before.
        state.people[0].morale = 0.1;
        state.week = 6;
        arcs.follow(&state, &scenario, std::iter::empty());
        assert_eq!(
            arcs.story(&id, |_| true),
            "grew into their potential and outgrew the work in week 4, burning out in week 6"
        );
    }

    /// What is already true when the run starts is where a story begins, not a turn in it.
    #[test]
    fn a_start_is_no_turn() {
        let scenario = scenario();
        let mut state = State::new(&scenario, 1);
        for p in &mut state.people {
            (p.skill, p.potential, p.autonomy, p.morale) = (0.9, 0.9, 0.9, 0.2);
        }
        let mut arcs = Arcs::new(&state, &scenario);
        state.week = 1;
        assert!(
            arcs.follow(&state, &scenario, std::iter::empty())
                .is_empty()
        );
        assert!(arcs.recalled().is_empty());
    }
}

//! The team on the play screen: a row a person, the flight-risk warning decided once, and
//! what their week's output is the product of.

use super::*;

/// A person on the team.
#[derive(Clone, Debug)]
pub struct PersonRow {
    /// The person's id, for aiming at them.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Their role's name.
    pub role: &'static str,
    /// Whether person actions are aimed at them.
    pub picked: bool,
    /// Skill, morale, autonomy and clarity.
    pub bars: [Bar; 4],
    /// Their traits in a few words ("wants growth · perfectionist"); empty if they have none.
    pub traits: String,
    /// What each trait changes, a line each, for the card's tooltip.
    pub traits_say: Vec<String>,
    /// The latest turn of their story in a word or two and its week ("owns their work ·
    /// week 14"), with its tone; `None` before their story has one.
    pub arc: Option<(String, Tone)>,
    /// "may leave: flight risk 34%", when the risk is worth a warning.
    pub flight_risk: Option<String>,
    /// "50% of this week given to your answer", when an answer to an event took part of the
    /// week being planned: a plan that counts on them should know.
    pub booked: Option<String>,
    /// Every stat and the potential, in words ("Skill", "0.62").
    pub stats: Vec<(&'static str, String)>,
    /// What their week's output is the product of ("skill", "× 0.62"), then "= factor".
    pub factors: Vec<(&'static str, String)>,
    /// Their output factor in words.
    pub factor: String,
}

/// A person's traits (none for one whose traits are still to be drawn).
fn traits(p: &Person) -> impl Iterator<Item = Trait> {
    p.traits.into_iter().flat_map(|set| set.iter())
}

pub(super) fn team(run: &Run) -> Vec<PersonRow> {
    let ramp = run.game.scenario().model.ramp_weeks;
    let arcs = run.game.arcs();
    run.game
        .state()
        .people
        .iter()
        .map(|p| {
            let f = p.factors(ramp);
            let mut stats: Vec<_> = Stat::ALL
                .into_iter()
                .map(|s| (s.label(), text::fixed(p.stat(s), 2)))
                .collect();
            stats.push(("Potential", text::fixed(p.potential, 2)));
            PersonRow {
                id: p.id.clone(),
                name: p.name.clone(),
                role: p.role.name(),
                picked: run.selection.person.as_deref() == Some(p.id.as_str()),
                bars: [
                    Bar::of("Skill", p.skill),
                    Bar::of("Morale", p.morale),
                    Bar::of("Autonomy", p.autonomy),
                    Bar::of("Clarity", p.clarity),
                ],
                traits: traits(p).map(|t| t.label()).collect::<Vec<_>>().join(" · "),
                traits_say: traits(p)
                    .map(|t| format!("{}: {}", t.label(), t.says()))
                    .collect(),
                arc: arcs.latest(&p.id).map(|s| {
                    let tone = if s.turn.good() { Tone::Good } else { Tone::Bad };
                    (format!("{} · week {}", s.turn.word(), s.week), tone)
                }),
                flight_risk: (p.flight_risk > FLIGHT_RISK_SHOWN)
                    .then(|| format!("may leave: flight risk {}", text::percent(p.flight_risk))),
                booked: (p.booked > 0.0).then(|| {
                    format!(
                        "{} of this week given to your answer",
                        text::percent(p.booked)
                    )
                }),
                stats,
                factors: [
                    ("skill", f.skill),
                    ("morale 0.3+0.7×m", f.morale),
                    ("clarity 0.4+0.6×c", f.clarity),
                    ("autonomy 0.6+0.4×a", f.autonomy),
                    ("ramp-up", f.ramp),
                    ("available time", f.available),
                ]
                .into_iter()
                .map(|(name, v)| (name, format!("× {}", text::fixed(v, 2))))
                .collect(),
                factor: text::fixed(f.product(), 2),
            }
        })
        .collect()
}

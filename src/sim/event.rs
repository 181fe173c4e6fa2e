//! Events: things that happen to the team, with choices for the player.

use super::director::Kind;
use super::effect::{Condition, Effect};
use super::people::Stat;

/// Who an event is about.
#[derive(Clone, Debug, PartialEq)]
pub enum Subject {
    /// The person with the highest value of a stat, among those who have ramped up (everyone
    /// when nobody has).
    Highest(Stat),
    /// The person with the lowest value of a stat, among those who have ramped up (everyone
    /// when nobody has): a newcomer's onboarding clarity is not "gone quiet".
    Lowest(Stat),
    /// A person picked at random.
    Anyone,
    /// One named person.
    Person(String),
}

super::effect::names!(Subject {
    Highest(_) => "Highest",
    Lowest(_) => "Lowest",
    Anyone => "Anyone",
    Person(_) => "Person",
});

/// One option the player can pick when an event happens.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// What the button says.
    pub label: String,
    /// A hint of the consequences shown beside it.
    pub hint: String,
    /// What picking it does.
    pub effects: Vec<Effect>,
}

impl EventDef {
    /// How many times an event happens in a run when its file does not say.
    pub const TIMES: u32 = 2;
}

/// Something that may happen at the end of a week.
#[derive(Clone, Debug, PartialEq)]
pub struct EventDef {
    /// Stable identifier.
    pub id: String,
    /// Headline.
    pub title: String,
    /// What happened; `{name}` is replaced by the subject's name.
    pub text: String,
    /// Relative chance among the events eligible this week.
    pub weight: f64,
    /// What kind of decision it is: the director's temper weighs it by its kind.
    pub kind: Kind,
    /// When it can happen.
    pub when: Condition,
    /// Who it is about, if anyone.
    pub subject: Option<Subject>,
    /// The most times it happens in a run: 1 for an event written `once: true`, else the
    /// file's `times`, else [`EventDef::TIMES`]. A run that meets the same event again and
    /// again stops asking anything.
    pub times: u32,
    /// Weeks before it can happen again.
    pub cooldown: u32,
    /// Whether it happens at the end of every week it is eligible (its condition holds, within
    /// its `times` and `cooldown`), before the week's chance of an event is rolled: what a
    /// scenario promises, such as money running out, is not left to luck.
    pub always: bool,
    /// The options; an event always has at least one.
    pub choices: Vec<Choice>,
}

//! What a week produced and why: the numbers kept as history and the causes the game shows.

/// The numbers of one finished week, kept for charts, debriefs and result files.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WeekRecord {
    /// The week, from 1.
    pub week: u32,
    /// Effort delivered this week (team and player).
    pub output: f64,
    /// Value realised this week (revenue from adopted, satisfied customers).
    pub value: f64,
    /// People on the team(s) at the end of the week.
    pub team_size: usize,
    /// Mean skill.
    pub skill: f64,
    /// Mean morale.
    pub morale: f64,
    /// Mean autonomy.
    pub autonomy: f64,
    /// Mean clarity.
    pub clarity: f64,
    /// Mean adoption over segments.
    pub adoption: f64,
    /// Mean satisfaction over segments.
    pub satisfaction: f64,
    /// Revenue this week: what customers paid, the week's Value; the budget gets the model's
    /// `revenue_share` of it.
    pub revenue: f64,
    /// Budget at the end of the week.
    pub budget: f64,
    /// Technical debt at the end of the week.
    pub debt: f64,
    /// Items shipped this week.
    pub shipped: u32,
    /// The event that happened as the week ended, and the choice taken on it once decided.
    pub event: Option<EventTaken>,
}

/// An event of the run, by its place in the scenario's events, and the choice taken on it
/// (by its place among the event's choices) once decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventTaken {
    /// The event's place in [`Scenario::events`](super::Scenario::events).
    pub event: usize,
    /// The choice's place in the event's choices, once taken.
    pub choice: Option<usize>,
}

/// What a line of the week's feed is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    /// Something the player did.
    Action,
    /// Why output moved.
    Output,
    /// Why value moved.
    Value,
    /// A person: a warning, a departure, a hire.
    People,
    /// Something shipped.
    Shipped,
    /// The budget: salaries against what comes in, and how long it lasts.
    Money,
    /// A turn in a person's story (see [`super::arcs`]): told once, the week it happens.
    Arc,
    /// The world around the team: a phase of the run begins, a segment opens.
    World,
}

/// One line of the week's feed: a cause and its size.
#[derive(Clone, Debug, PartialEq)]
pub struct Cause {
    /// What it is about.
    pub topic: Topic,
    /// The explanation, in words with numbers.
    pub text: String,
    /// Signed size of the change it explains (a relative change where that makes sense), for sorting and colour.
    pub size: f64,
}

/// An action in the plan that was not carried out, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Skipped {
    /// The action's id.
    pub action: String,
    /// Why it was skipped.
    pub reason: String,
}

/// Everything a finished week produced.
#[derive(Clone, Debug, PartialEq)]
pub struct WeekReport {
    /// The week's numbers.
    pub record: WeekRecord,
    /// Why they moved, biggest first within each topic.
    pub causes: Vec<Cause>,
    /// Planned actions that could not be carried out.
    pub skipped: Vec<Skipped>,
}

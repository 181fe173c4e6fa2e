//! The briefing: the scenario's story, its facts, the workshop it belongs to, the goals and
//! how a week works, before the first week.

use crate::app::Run;
use crate::text;

/// Everything the briefing shows.
#[derive(Clone, Debug)]
pub struct BriefingView {
    /// The scenario's title.
    pub title: String,
    /// Its pitch, in a sentence.
    pub pitch: String,
    /// "12 weeks · 6 people · 40 hours of your attention a week · seed 7".
    pub facts: String,
    /// "Workshop brilliant-team-4821-90s · team Night Owls · 1:30 per week on the clock".
    pub workshop: Option<String>,
    /// The story, a paragraph an entry.
    pub intro: Vec<String>,
    /// The goals, each with whether the game keeps track of it.
    pub goals: Vec<(String, bool)>,
    /// How a week works, in a paragraph.
    pub how: &'static str,
    /// The button that starts the run.
    pub begin: &'static str,
}

/// What a tracked goal is marked with.
pub const TRACKED: &str = "the game keeps track of this one";

impl BriefingView {
    /// The briefing of `run`.
    pub fn of(run: &Run) -> Self {
        let scenario = run.game.scenario();
        let story = &scenario.story;
        let workshop = run.workshop.as_ref().map(|w| {
            let timer = match &w.room {
                Some(room) => format!(
                    "room at {} · {}",
                    room.address,
                    room.clock.pacing.describe()
                ),
                None => w.code.week_seconds.map_or_else(
                    || "no week timer".to_string(),
                    |s| format!("{} per week on the clock", text::countdown(f64::from(s))),
                ),
            };
            format!("Workshop {} · team {} · {timer}", w.code, w.team)
        });
        Self {
            title: story.title.clone(),
            pitch: story.pitch.clone(),
            facts: format!(
                "{} · {} · {} hours of your attention a week · seed {}",
                text::count(scenario.weeks as usize, "week"),
                text::count_as(scenario.people.len(), "person", "people"),
                text::whole(run.game.hours()),
                run.game.seed()
            ),
            workshop,
            intro: story
                .intro
                .split("\n\n")
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect(),
            goals: story
                .goals
                .iter()
                .map(|g| (g.text.clone(), g.check.is_some()))
                .collect(),
            how: "Spend your attention hours on actions, then end the week. Leadership actions grow the team's Output slowly and for good; management actions turn Output into Value. The feed explains why the numbers moved. Your plan carries over to the next week until you change it.",
            begin: "Start week 1",
        }
    }
}

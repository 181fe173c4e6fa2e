//! Lessons: what a scenario claims to teach, as comparisons between bot policies.

use super::archetype::Policy;

/// Which of the two scores a lesson compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Score {
    /// Total output over the run.
    Output,
    /// Total value over the run.
    Value,
}

impl Score {
    /// Both scores.
    pub const ALL: [Score; 2] = [Score::Output, Score::Value];

    /// The names scenario files and tables use, in [`Score::ALL`] order.
    pub const NAMES: [&'static str; 2] = ["Output", "Value"];

    /// The name used in scenario files and tables.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// "`better` beats `worse` on `score` in at least `share` of seeds."
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    /// The lesson in words, as the debrief and the check print it.
    pub text: String,
    /// The policy expected to win.
    pub better: Policy,
    /// The policy expected to lose.
    pub worse: Policy,
    /// The score compared.
    pub score: Score,
    /// Required share of seeds in which `better` wins, `0..=1`.
    pub share: f64,
}

/// The outcome of checking one lesson over many seeds.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonResult {
    /// The lesson checked.
    pub lesson: Lesson,
    /// Mean score of the expected winner.
    pub better_mean: f64,
    /// Mean score of the expected loser.
    pub worse_mean: f64,
    /// Share of seeds in which the winner won.
    pub held: f64,
}

impl LessonResult {
    /// Whether the lesson held in its required share of seeds.
    pub fn passed(&self) -> bool {
        self.held >= self.lesson.share
    }
}

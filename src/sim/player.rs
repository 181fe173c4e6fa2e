//! The player: weekly attention and competencies that grow with practice.

/// One of the player's three competencies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Competency {
    /// Building things personally.
    Engineering,
    /// Scaling others' effort.
    Leadership,
    /// Turning output into value.
    Management,
}

impl Competency {
    /// Every competency, in the order the format lists them.
    pub const ALL: [Competency; 3] = [
        Competency::Engineering,
        Competency::Leadership,
        Competency::Management,
    ];

    /// The names scenario files use, in [`Competency::ALL`] order.
    pub const NAMES: [&'static str; 3] = ["Engineering", "Leadership", "Management"];

    /// The name used in scenario files.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// The player's state.
#[derive(Clone, Debug, PartialEq)]
pub struct Player {
    /// Attention hours available each week.
    pub hours: f64,
    /// Engineering competency, `0..=1`.
    pub engineering: f64,
    /// Leadership competency, `0..=1`.
    pub leadership: f64,
    /// Management competency, `0..=1`.
    pub management: f64,
}

impl Player {
    /// The value of one competency.
    pub fn competency(&self, c: Competency) -> f64 {
        match c {
            Competency::Engineering => self.engineering,
            Competency::Leadership => self.leadership,
            Competency::Management => self.management,
        }
    }

    /// Mutable access to one competency.
    pub fn competency_mut(&mut self, c: Competency) -> &mut f64 {
        match c {
            Competency::Engineering => &mut self.engineering,
            Competency::Leadership => &mut self.leadership,
            Competency::Management => &mut self.management,
        }
    }
}

//! The bot archetypes by name: what lessons compare, what the debrief and the report show
//! beside a player's run. How each one plans is [`super::policy`]'s business.

/// A strategy archetype.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Policy {
    /// Codes personally all week.
    HeroCoder,
    /// Mentors, explains, delegates; never talks to a customer.
    PureLeader,
    /// Checks in daily, reviews everything, dictates, and aims at known value.
    Micromanager,
    /// Talks to customers, prioritises, supports; never grows the team.
    PureManager,
    /// Leads and manages, adapting to what the week needs.
    Balanced,
    /// Picks actions at random.
    Random,
}

impl Policy {
    /// Every policy, in the order tables list them.
    pub const ALL: [Policy; 6] = [
        Policy::HeroCoder,
        Policy::PureLeader,
        Policy::Micromanager,
        Policy::PureManager,
        Policy::Balanced,
        Policy::Random,
    ];

    /// The command-line name (`hero-coder`).
    pub fn name(self) -> &'static str {
        match self {
            Policy::HeroCoder => "hero-coder",
            Policy::PureLeader => "pure-leader",
            Policy::Micromanager => "micromanager",
            Policy::PureManager => "pure-manager",
            Policy::Balanced => "balanced",
            Policy::Random => "random",
        }
    }

    /// The names scenario files use (`HeroCoder`), in [`Policy::ALL`] order.
    pub const NAMES: [&'static str; 6] = [
        "HeroCoder",
        "PureLeader",
        "Micromanager",
        "PureManager",
        "Balanced",
        "Random",
    ];

    /// The name used in scenario files (`HeroCoder`).
    pub fn variant(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The display name (`Hero coder`).
    pub fn label(self) -> &'static str {
        match self {
            Policy::HeroCoder => "Hero coder",
            Policy::PureLeader => "Pure leader",
            Policy::Micromanager => "Micromanager",
            Policy::PureManager => "Pure manager",
            Policy::Balanced => "Balanced",
            Policy::Random => "Random",
        }
    }

    /// The policy with this command-line or file name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|p| p.name() == name || p.variant() == name)
    }
}

//! What a person is like: traits that change what helps them, so that the same week's plan
//! does not suit everyone, nor the same person all run.
//!
//! A scenario names each person's traits, or leaves them to the seed: then each person gets
//! one, and some a second, drawn when the run starts (and for each hire when they join).

/// A perfectionist's pace: the share of a like person's output they make.
pub(crate) const PERFECTIONIST_PACE: f64 = 0.92;
/// What the team's shipped quality gains if every builder is a perfectionist (in proportion
/// to their share of the builders).
pub(crate) const PERFECTIONIST_QUALITY: f64 = 0.1;
/// A perfectionist's morale lost per unit of the week's squeeze.
pub(crate) const PERFECTIONIST_SQUEEZE: f64 = 0.15;
/// How much more a check-in or a review costs someone who frays under them.
pub(crate) const FRAYS: f64 = 1.5;
/// How much more mentoring grows someone who wants growth.
pub(crate) const GROWTH_MENTORED: f64 = 1.5;
/// How much more leading them clarifies someone quiet until asked.
pub(crate) const QUIET_LED: f64 = 1.5;
/// How much faster a quiet person's clarity fades than the model's `clarity_decay`.
pub(crate) const QUIET_DECAY: f64 = 1.6;
/// How far a customer-minded person's resting morale moves with customer reach (above or
/// below a half).
pub(crate) const CUSTOMER_MINDED: f64 = 0.2;
/// Morale an outgrown person loses a week without ownership.
pub(crate) const OUTGROWN_MORALE: f64 = 0.015;
/// Flight risk an outgrown person gains a week without ownership.
pub(crate) const OUTGROWN_FLIGHT: f64 = 0.01;

/// One trait.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Trait {
    /// Mentoring grows them half as much again; once grown to their potential they want
    /// ownership, and without it their morale sags and they look elsewhere.
    WantsGrowth,
    /// Cares whether customers are looked after: their morale follows the customers' reach.
    CustomerMinded,
    /// Builds with care: the team's work ships at better quality, a little slower, and a
    /// squeeze hurts their morale.
    Perfectionist,
    /// Check-ins and reviews cost them half as much morale and autonomy again.
    FraysUnderCheckIns,
    /// Their clarity fades faster, and leading them (explaining, one-on-ones) gives more.
    QuietUntilAsked,
}

impl Trait {
    /// Every trait, in the order the format lists them.
    pub const ALL: [Trait; 5] = [
        Trait::WantsGrowth,
        Trait::CustomerMinded,
        Trait::Perfectionist,
        Trait::FraysUnderCheckIns,
        Trait::QuietUntilAsked,
    ];

    /// The names scenario files use, in [`Trait::ALL`] order.
    pub const NAMES: [&'static str; 5] = [
        "WantsGrowth",
        "CustomerMinded",
        "Perfectionist",
        "FraysUnderCheckIns",
        "QuietUntilAsked",
    ];

    /// The words a person's card shows.
    pub fn label(self) -> &'static str {
        match self {
            Trait::WantsGrowth => "wants growth",
            Trait::CustomerMinded => "customer-minded",
            Trait::Perfectionist => "perfectionist",
            Trait::FraysUnderCheckIns => "frays under check-ins",
            Trait::QuietUntilAsked => "quiet until asked",
        }
    }

    /// What it changes, in a sentence a tooltip shows.
    pub fn says(self) -> &'static str {
        match self {
            Trait::WantsGrowth => {
                "Mentoring grows them more; grown to their potential, they want to own something"
            }
            Trait::CustomerMinded => "Happier while customers are well looked after",
            Trait::Perfectionist => "Ships better quality, a little slower; a squeeze hurts them",
            Trait::FraysUnderCheckIns => {
                "Check-ins and reviews cost them half as much morale again"
            }
            Trait::QuietUntilAsked => {
                "Loses the thread faster; explaining and one-on-ones reach further"
            }
        }
    }

    /// The trait with this file name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|t| Self::NAMES[*t as usize] == name)
    }
}

/// A person's traits: a small set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Traits(u8);

impl Traits {
    /// A set of these traits.
    pub fn of(traits: impl IntoIterator<Item = Trait>) -> Self {
        traits
            .into_iter()
            .fold(Self(0), |set, t| Self(set.0 | 1 << t as u8))
    }

    /// Whether the set holds `t`.
    pub fn has(self, t: Trait) -> bool {
        self.0 & 1 << t as u8 != 0
    }

    /// The traits in the set, in [`Trait::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Trait> {
        Trait::ALL.into_iter().filter(move |&t| self.has(t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_holds_what_it_was_made_of() {
        let set = Traits::of([Trait::Perfectionist, Trait::WantsGrowth]);
        assert!(set.has(Trait::Perfectionist) && set.has(Trait::WantsGrowth));
        assert!(!set.has(Trait::QuietUntilAsked));
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            [Trait::WantsGrowth, Trait::Perfectionist]
        );
        for t in Trait::ALL {
            assert_eq!(Trait::from_name(Trait::NAMES[t as usize]), Some(t));
        }
    }
}

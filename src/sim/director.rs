//! The director: when the run asks the player to decide something, and what kind of thing.
//!
//! A fixed chance each week gives long silences and clusters alike; a run then asks nothing
//! for ten weeks and twice in a row after. The director keeps the time since the last decision
//! instead: the week after one it stays quiet, and from then on the chance of another rises
//! week by week, so that decisions come about every `pace` weeks and rarely two weeks running.
//! Which decision comes is the events' business (their conditions read the run's state); the
//! director's temper weighs them by kind: a calm run brings more openings, a turbulent one
//! more shocks.
//!
//! The director also reads how strained the run is ([`Strain`]: the lowest morale, the
//! highest flight risk, the lowest clarity, the debt). A strained run's clock runs ahead, so
//! its next decision comes sooner, and it meets trouble more often and openings less; a team
//! in good shape meets the pace its scenario sets and more of the openings. Two runs of one
//! world that are played differently therefore meet different stories.

use super::people::Person;

/// How a scenario's run is paced: the game's difficulty, set in the scenario's file.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Director {
    /// The mean number of weeks between two decisions (events), from 2 up.
    pub pace: f64,
    /// What kind of events come more often.
    pub temper: Temper,
    /// How much the week's chance rises for each quiet week after the first, worked out from
    /// `pace` (see [`Director::new`]).
    ramp: f64,
}

/// The director's temper: which kinds of event it favours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Temper {
    /// More openings, few shocks: a first run, a workshop's warm-up.
    Calm,
    /// Openings, trouble and shocks as their events weigh them.
    Steady,
    /// Shocks and trouble come more often: a run for a player who has learnt the game.
    Turbulent,
}

/// How strained a run is this week, from 0 (a team in good shape) to 1: the worst of its
/// people's lowest morale, highest flight risk and lowest clarity, and its debt, each read
/// against the level where trouble starts and the level where it is certain.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct Strain(f64);

impl Strain {
    /// No strain at all.
    pub const NONE: Strain = Strain(0.0);

    /// Morale at which strain starts, and where it is full.
    const MORALE: (f64, f64) = (0.6, 0.3);
    /// Flight risk at which strain starts, and where it is full.
    const FLIGHT_RISK: (f64, f64) = (0.1, 0.4);
    /// Clarity at which strain starts, and where it is full.
    const CLARITY: (f64, f64) = (0.5, 0.2);
    /// Debt at which strain starts, and where it is full.
    const DEBT: (f64, f64) = (0.2, 0.5);

    /// The readings' bands, in [`levels`] order.
    const BANDS: [(f64, f64); 4] = [Self::MORALE, Self::FLIGHT_RISK, Self::CLARITY, Self::DEBT];
    /// The readings in words, in [`levels`] order.
    const READINGS: [&'static str; 4] = [
        "lowest morale",
        "highest flight risk",
        "lowest clarity",
        "debt",
    ];

    /// Strain from which the feed says the team is under it.
    pub const TOLD: Strain = Strain(0.5);
    /// Strain under which the feed says it has eased, once it was told.
    pub const EASED: Strain = Strain(0.2);

    /// The strain of a run whose team has these extremes (a run with nobody on its team has
    /// the neutral values: morale and clarity 1, flight risk 0) and this much debt.
    pub fn of(min_morale: f64, max_flight_risk: f64, min_clarity: f64, debt: f64) -> Self {
        let levels = [min_morale, max_flight_risk, min_clarity, debt];
        Strain(
            (0..levels.len())
                .map(|k| past(levels[k], Self::BANDS[k]))
                .fold(0.0, f64::max),
        )
    }

    /// The strain of this team with this much debt. People still ramping up over
    /// `ramp_weeks` are left out: a newcomer's low clarity is onboarding, not strain.
    pub fn of_team(people: &[Person], debt: f64, ramp_weeks: f64) -> Self {
        let [morale, flight_risk, clarity, debt] = levels(people, debt, ramp_weeks);
        Self::of(morale, flight_risk, clarity, debt)
    }

    /// What strains this team most, in words with its level: "lowest morale 0.41".
    pub fn worst(people: &[Person], debt: f64, ramp_weeks: f64) -> String {
        let levels = levels(people, debt, ramp_weeks);
        let strain = |k: usize| past(levels[k], Self::BANDS[k]);
        let k = (0..levels.len())
            .max_by(|&a, &b| strain(a).total_cmp(&strain(b)))
            .unwrap_or(0);
        format!("{} {:.2}", Self::READINGS[k], levels[k])
    }

    /// The strain as a number from 0 to 1.
    pub fn get(self) -> f64 {
        self.0
    }
}

/// How far `x` is from the start of a `(start, full)` band toward its end, from 0 to 1 (0 for
/// a level that is not a number).
fn past(x: f64, (start, full): (f64, f64)) -> f64 {
    let s = (x - start) / (full - start);
    if s.is_finite() {
        s.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// A team's lowest morale, highest flight risk and lowest clarity among those ramped up over
/// `ramp_weeks` (1, 0 and 1 with nobody), and the debt: what [`Strain`] reads.
fn levels(people: &[Person], debt: f64, ramp_weeks: f64) -> [f64; 4] {
    let (mut morale, mut flight_risk, mut clarity) = (1.0_f64, 0.0_f64, 1.0_f64);
    for p in people.iter().filter(|p| p.ramp(ramp_weeks) >= 1.0) {
        morale = morale.min(p.morale);
        flight_risk = flight_risk.max(p.flight_risk);
        clarity = clarity.min(p.clarity);
    }
    [morale, flight_risk, clarity, debt]
}

/// What kind of decision an event is, for the director's temper.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A chance to take: a mentee ready for more, a big customer's deal.
    Opening,
    /// Something going wrong inside: burnout, debt, an escalation.
    Trouble,
    /// The world moving: a rival, a reorganisation, a market that turns.
    Shock,
}

impl Temper {
    /// Every temper, in the order the format lists them.
    pub const ALL: [Temper; 3] = [Temper::Calm, Temper::Steady, Temper::Turbulent];

    /// The names scenario files use, in [`Temper::ALL`] order.
    pub const NAMES: [&'static str; 3] = ["Calm", "Steady", "Turbulent"];

    /// How much more (or less) often events of `kind` come than their weight says.
    pub fn weight(self, kind: Kind) -> f64 {
        match (self, kind) {
            (Temper::Calm, Kind::Opening) => 2.0,
            (Temper::Calm, Kind::Trouble) => 0.8,
            (Temper::Calm, Kind::Shock) => 0.3,
            (Temper::Steady, _) => 1.0,
            (Temper::Turbulent, Kind::Opening) => 0.7,
            (Temper::Turbulent, Kind::Trouble) => 1.3,
            (Temper::Turbulent, Kind::Shock) => 2.5,
        }
    }
}

impl Kind {
    /// Every kind, in the order the format lists them.
    pub const ALL: [Kind; 3] = [Kind::Opening, Kind::Trouble, Kind::Shock];

    /// The names scenario files use, in [`Kind::ALL`] order.
    pub const NAMES: [&'static str; 3] = ["Opening", "Trouble", "Shock"];
}

impl Default for Director {
    fn default() -> Self {
        Self::new(Self::PACE, Temper::Steady)
    }
}

impl Director {
    /// The pace when a scenario does not set one: a decision about every four weeks.
    pub const PACE: f64 = 4.0;

    /// The slowest pace a scenario may set.
    pub const SLOWEST: f64 = 12.0;

    /// A director with a decision every `pace` weeks on average (clamped to `2..=12`).
    pub fn new(pace: f64, temper: Temper) -> Self {
        let pace = if pace.is_finite() {
            pace.clamp(2.0, Self::SLOWEST)
        } else {
            Self::PACE
        };
        // The mean gap grows as the ramp falls: find the ramp whose mean gap is `pace`.
        let (mut low, mut high) = (1e-4_f64, 1.0_f64);
        for _ in 0..60 {
            let mid = (low * high).sqrt();
            if mean_gap(mid) > pace {
                low = mid;
            } else {
                high = mid;
            }
        }
        Self {
            pace,
            temper,
            ramp: high,
        }
    }

    /// The chance that a decision comes this week, `since` weeks after the last one (or the
    /// start of the run): none the week after one, then rising by the same step a week. Under
    /// full strain the clock runs half a pace ahead.
    pub fn chance(&self, since: u32, strain: Strain) -> f64 {
        if since < 2 {
            0.0
        } else {
            let since = f64::from(since - 1) + strain.0 * self.pace / 2.0;
            (self.ramp * since).min(1.0)
        }
    }

    /// How much more (or less) often an event of `kind` comes than its weight says: the
    /// temper's weighting, then the strain's. A team in good shape meets openings half again
    /// as often and trouble half as often; under full strain, trouble two and a half times as
    /// often and openings half as often.
    pub fn weight(&self, kind: Kind, strain: Strain) -> f64 {
        let s = strain.0;
        let by_strain = match kind {
            Kind::Opening => 1.5 - s,
            Kind::Trouble => 0.5 + 2.0 * s,
            Kind::Shock => 1.0,
        };
        self.temper.weight(kind) * by_strain
    }
}

/// The mean number of weeks between decisions when the chance rises by `ramp` a week after
/// the first quiet one.
fn mean_gap(ramp: f64) -> f64 {
    let (mut mean, mut quiet) = (0.0, 1.0);
    for since in 2..10_000u32 {
        let chance = (ramp * f64::from(since - 1)).min(1.0);
        mean += f64::from(since) * quiet * chance;
        quiet *= 1.0 - chance;
        if quiet < 1e-12 {
            break;
        }
    }
    mean
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pace a scenario sets is the mean gap between decisions it gets.
    #[test]
    fn the_mean_gap_is_the_pace() {
        for pace in [2.5, 3.0, 4.0, 5.0, 8.0, 12.0] {
            let d = Director::new(pace, Temper::Steady);
            let (mut mean, mut quiet) = (0.0, 1.0);
            for since in 0..200 {
                let c = d.chance(since, Strain::NONE);
                mean += f64::from(since) * quiet * c;
                quiet *= 1.0 - c;
            }
            assert!((mean - pace).abs() < 0.01, "pace {pace}: mean gap {mean}");
        }
    }

    /// Never two weeks running, and the chance only rises with the quiet.
    #[test]
    fn the_chance_rises_with_the_quiet() {
        let d = Director::default();
        assert_eq!(d.chance(0, Strain::NONE), 0.0);
        assert_eq!(d.chance(1, Strain::NONE), 0.0);
        let chances: Vec<f64> = (2..12).map(|s| d.chance(s, Strain::NONE)).collect();
        assert!(chances[0] > 0.0);
        assert!(chances.windows(2).all(|w| w[1] >= w[0]));
        assert_eq!(d.chance(200, Strain::NONE), 1.0);
        assert_eq!(Director::new(f64::NAN, Temper::Calm).pace, Director::PACE);
        assert_eq!(Director::new(100.0, Temper::Calm).pace, Director::SLOWEST);
    }

    /// A strained run meets its next decision sooner and more trouble, never the week after
    /// one; a team in good shape more openings.
    #[test]
    fn strain_brings_trouble_sooner() {
        let d = Director::default();
        let full = Strain::of(0.2, 0.5, 0.1, 0.6);
        assert_eq!(full.get(), 1.0);
        assert_eq!(Strain::of(0.9, 0.0, 1.0, 0.0), Strain::NONE);
        let half = Strain::of(0.45, 0.0, 1.0, 0.0);
        assert!((half.get() - 0.5).abs() < 1e-9, "{half:?}");
        assert_eq!(Strain::of(f64::NAN, 0.0, 1.0, 0.0), Strain::NONE);
        assert_eq!(d.chance(1, full), 0.0);
        for since in 2..6 {
            assert!(d.chance(since, full) > d.chance(since, half));
            assert!(d.chance(since, half) > d.chance(since, Strain::NONE));
        }
        assert!(d.weight(Kind::Trouble, full) > 4.0 * d.weight(Kind::Trouble, Strain::NONE));
        assert!(d.weight(Kind::Opening, Strain::NONE) > d.weight(Kind::Trouble, Strain::NONE));
        assert!(d.weight(Kind::Opening, full) < d.weight(Kind::Trouble, full));
        assert_eq!(
            d.weight(Kind::Shock, full),
            d.weight(Kind::Shock, Strain::NONE)
        );
    }
}

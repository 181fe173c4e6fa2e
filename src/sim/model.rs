//! The model's coefficients: every number the simulation uses, with its default and its range.
//!
//! A scenario may override any of them in its `model` section. The table below is the single
//! source for the struct, its defaults, the validator's ranges and the format reference.

/// One tunable coefficient, as the scenario format and its documentation see it.
#[derive(Clone, Copy, Debug)]
pub struct Coefficient {
    /// The name authors write in `model: (...)`.
    pub name: &'static str,
    /// The value used when a scenario does not set it.
    pub default: f64,
    /// Smallest accepted value.
    pub min: f64,
    /// Largest accepted value.
    pub max: f64,
    /// What it does, in a sentence.
    pub doc: &'static str,
}

macro_rules! model {
    ($( $(#[doc = $doc:literal])+ $name:ident: $default:literal, $min:literal..=$max:literal; )+) => {
        /// The coefficients of the weekly model (see the module documentation).
        #[derive(Clone, Debug, PartialEq)]
        pub struct Model {
            $( $(#[doc = $doc])+ pub $name: f64, )+
        }

        impl Default for Model {
            fn default() -> Self {
                Self { $( $name: $default, )+ }
            }
        }

        impl Model {
            /// Every coefficient with its default, range and meaning, in declaration order.
            pub const COEFFICIENTS: &'static [Coefficient] = &[
                $( Coefficient {
                    name: stringify!($name),
                    default: $default,
                    min: $min,
                    max: $max,
                    doc: concat!($($doc),+),
                }, )+
            ];

            /// Sets a coefficient by its scenario name; `false` if there is no such name.
            pub fn set(&mut self, name: &str, value: f64) -> bool {
                match name {
                    $( stringify!($name) => { self.$name = value; true } )+
                    _ => false,
                }
            }
        }
    };
}

model! {
    /// Output points per week of one person at full skill, morale, clarity and autonomy.
    output_scale: 10.0, 0.1..=1000.0;
    /// Coordination cost per extra person in a team (communication paths grow with headcount).
    coordination: 0.07, 0.0..=1.0;
    /// How much shared clarity cuts coordination cost (1 removes it entirely at full clarity).
    clarity_relief: 0.7, 0.0..=1.0;
    /// How much delegated ownership (mean autonomy) cuts coordination cost.
    autonomy_relief: 0.4, 0.0..=1.0;
    /// Coordination cost per extra team between team leads (several teams only).
    lead_coordination: 0.05, 0.0..=1.0;
    /// Share of the team's output lost to each newcomer who is still onboarding.
    onboarding_drain: 0.1, 0.0..=0.5;
    /// Weeks a newcomer needs to reach full speed.
    ramp_weeks: 8.0, 1.0..=52.0;
    /// Share of clarity that fades every week unless renewed.
    clarity_decay: 0.05, 0.0..=1.0;
    /// Morale's resting level with no autonomy; it rises with autonomy up to `morale_rest_base + morale_rest_autonomy`.
    morale_rest_base: 0.3, 0.0..=1.0;
    /// How far autonomy raises morale's resting level.
    morale_rest_autonomy: 0.55, 0.0..=1.0;
    /// Share of the gap to its resting level that morale closes each week.
    morale_drift: 0.12, 0.0..=1.0;
    /// Weekly rise of flight risk per point of morale below 0.5 (and fall above it).
    flight_risk_rate: 0.25, 0.0..=2.0;
    /// Weekly chance of leaving for someone at flight risk 1.
    leave_chance: 0.25, 0.0..=1.0;
    /// Share of the gap to the team's best that people close each week by learning from each other, scaled by autonomy and clarity.
    peer_learning: 0.02, 0.0..=0.5;
    /// Share of effort aimed at known valuable work that fades every week unless renewed.
    focus_decay: 0.2, 0.0..=1.0;
    /// Share of customer reach (support, success) that fades every week unless renewed.
    reach_decay: 0.25, 0.0..=1.0;
    /// Multiplier on repeated uses of the same action in one week (diminishing returns).
    repeat_factor: 0.5, 0.0..=1.0;
    /// Effectiveness of an action done with no competency in its family; it rises linearly to 1 at full competency.
    competency_floor: 0.4, 0.0..=1.0;
    /// Competency gained per hour of practice, as a share of the remaining gap to 1.
    competency_growth: 0.003, 0.0..=0.1;
    /// Output points per hour the player spends building at engineering 1.
    build_rate: 0.6, 0.0..=10.0;
    /// Effort points a valuable generated need takes per point of its value: real needs take real work, so what the team can build bounds the value management can turn it into.
    need_effort: 3.0, 0.0..=100.0;
    /// Share of each segment's product worth that fades every week as its needs move on: adoption follows what the team keeps delivering, not what it once shipped.
    worth_decay: 0.05, 0.0..=1.0;
    /// How much of a need an item meets when it was built without anyone knowing what customers wanted (1 when its value was known): a need met on a guess is met only in part.
    unasked_fit: 0.15, 0.0..=1.0;
    /// How much further focused effort goes on the item put first (0.3: a third further): a team that swarms on one thing juggles less.
    first_flow: 0.3, 0.0..=2.0;
    /// Product worth at which a segment's adoption reaches half its potential.
    adoption_half: 250.0, 0.1..=100000.0;
    /// Share of the gap to the adoption target closed per week with no reach.
    adoption_speed: 0.08, 0.0..=1.0;
    /// How much full reach multiplies adoption speed (1 doubles it).
    reach_speed: 2.0, 0.0..=20.0;
    /// Weekly churn of adopted customers at satisfaction 0 (none at satisfaction 1).
    churn: 0.06, 0.0..=1.0;
    /// Weekly growth of adoption from happy customers telling others (satisfaction above 0.5).
    referral: 0.02, 0.0..=1.0;
    /// Support tickets per week per adopted share of a segment, before debt.
    ticket_rate: 6.0, 0.0..=1000.0;
    /// Support capacity per point of support output.
    support_capacity: 1.0, 0.0..=100.0;
    /// How much customer success in a segment multiplies the support team's capacity there at reach 1 (1 doubles it): managing customers makes the team's work go further, and cannot stand in for a team.
    reach_support: 1.0, 0.0..=20.0;
    /// Support capacity the player's own customer reach adds at reach 1.
    reach_capacity: 6.0, 0.0..=1000.0;
    /// How much of satisfaction's target is set by answered tickets (the rest above a floor of 0.2 by the quality of what shipped): where customers live in the support queue, set it high.
    served_satisfaction: 0.45, 0.0..=0.8;
    /// Share of the price that only satisfied customers pay (renewals, upsells); the rest is paid whatever their mood.
    satisfied_price: 0.4, 0.0..=1.0;
    /// Share of the gap to its target that satisfaction closes each week.
    satisfaction_drift: 0.2, 0.0..=1.0;
    /// Quality lost per point of squeeze: work pushed out under pressure ships with more bugs.
    squeeze_quality: 0.3, 0.0..=2.0;
    /// How much a squeeze takes from those who own their work: each week of squeeze costs a person this × the squeeze × their autonomy above 0.3, so reviewing every change of people you have handed problems to undoes the handing over (a bump now, and the ownership built by delegating is gone).
    squeeze_owners: 1.0, 0.0..=5.0;
    /// Debt added per shipped effort point at quality 0 (none at quality 1).
    debt_rate: 0.01, 0.0..=1.0;
    /// Share of output lost per point of debt.
    debt_drag: 0.3, 0.0..=1.0;
    /// New backlog items arriving per week (fractions accumulate).
    arrivals: 5.0, 0.0..=50.0;
    /// Share of generated items that carry real value; the rest is a long, thin tail.
    valuable_share: 0.25, 0.0..=1.0;
    /// Share of generated backlog items (at the start and arriving) that come as requests from customers, their value known from the start; the rest is found by talking to customers. Authored items are as their file says.
    requested_share: 0.15, 0.0..=1.0;
    /// Weekly chance that some event happens when one is eligible.
    /// Share of par's Output (the balanced bot's on the same world) from which a run's Output counts as high in the verdict.
    verdict_output: 0.85, 0.0..=2.0;
    /// Share of par's Value from which a run's Value counts as high in the verdict.
    verdict_value: 0.4, 0.0..=2.0;
    /// Budget each person costs per week (0 leaves the budget to events and actions). With a salary, a budget that runs out forces a cut: the least skilled person is let go at the end of each week the budget is below zero.
    salary: 0.0, 0.0..=100000.0;
    /// Share of each week's Value that comes into the budget as money (the rest is value customers get that does not pay this quarter's bills).
    revenue_share: 1.0, 0.0..=1.0;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_lies_in_its_range_and_set_reaches_every_field() {
        let defaults = Model::default();
        let mut changed = Model::default();
        for c in Model::COEFFICIENTS {
            assert!(c.min <= c.default && c.default <= c.max, "{}", c.name);
            assert!(changed.set(c.name, c.max), "{}", c.name);
        }
        assert!(!changed.set("no_such_coefficient", 1.0));
        assert_ne!(defaults, changed);
    }
}

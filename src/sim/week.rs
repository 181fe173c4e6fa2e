//! One week of the model: the player's plan, the team's output, where the effort goes, what
//! customers make of it, how people drift, and which event happens.

use std::collections::BTreeMap;
use std::fmt;

use super::action::{ActionDef, MAX_PLAN, Planned, Refusal, Step, Target, TargetKind};
use super::arrivals::Arrivals;
use super::director::Strain;
use super::model::Model;
use super::naming::same_id;
use super::people::{Person, Role, Stat};
use super::product::Item;
use super::report::{Cause, EventTaken, Skipped, Topic, WeekRecord, WeekReport};
use super::rng::{SimRng, Stream};
use super::scenario::Scenario;
use super::state::{Context, PendingEvent, State, Worked, mean};
use super::traits::{
    CUSTOMER_MINDED, OUTGROWN_FLIGHT, OUTGROWN_MORALE, PERFECTIONIST_PACE, PERFECTIONIST_QUALITY,
    PERFECTIONIST_SQUEEZE, QUIET_DECAY, Trait,
};

/// Output of the team this week, split by where it goes.
#[derive(Default)]
struct Produced {
    /// Effort points into the backlog (engineers and leads).
    build: f64,
    /// Support capacity points.
    support: f64,
    /// Sales points.
    sales: f64,
    /// Everything, for the Output score.
    total: f64,
    /// Team efficiency after coordination and onboarding, averaged over people.
    efficiency: f64,
    /// The debt the week's output was made at (after the week's actions).
    debt: f64,
}

impl State {
    /// Plays one week: carries out `plan`, advances the world and records the week.
    ///
    /// The caller resolves any pending event first ([`State::choose`]); a pending event is
    /// left untouched here.
    /// With `explain` off the week's numbers are the same but no causes are written: bots and
    /// lesson checks play millions of weeks and read only the numbers.
    pub fn advance(
        &mut self,
        scenario: &Scenario,
        plan: &[Planned],
        seed: u64,
        explain: bool,
    ) -> WeekReport {
        self.play(scenario, plan, seed, explain, &mut Scratch::default(), None)
    }

    /// What the team would produce in an ordinary week as it stands: nobody's time taken by
    /// the player's actions, no squeeze, nothing the player builds. Output differs from it by
    /// exactly those; the play screen shows both.
    pub fn capacity(&self, scenario: &Scenario) -> f64 {
        let mut calm = self.clone();
        calm.boost = 0.0;
        for p in &mut calm.people {
            p.busy = 0.0;
        }
        calm.produce(scenario, &mut Vec::new()).total
    }

    /// [`State::advance`] with a plan of either kind of [`Entry`], and the needs each week
    /// brings the run booked ahead for its seed if they are ([`Arrivals`]).
    pub(crate) fn play<E: Entry>(
        &mut self,
        scenario: &Scenario,
        plan: &[E],
        seed: u64,
        explain: bool,
        scratch: &mut Scratch,
        arrivals: Option<&Arrivals>,
    ) -> WeekReport {
        let week = self.week + 1;
        let m = scenario.model_at(week);
        self.ramp_weeks = m.ramp_weeks;
        // Entries past the limit are left out, said once: whatever a log holds, a week costs
        // what at most MAX_PLAN entries cost.
        let (plan, beyond) = plan.split_at(plan.len().min(MAX_PLAN));
        // The team and last week as they stood, with last week's squeeze and the player's own
        // building, for the feed to say what moved since (falls as well as rises).
        let before = explain.then(|| Before {
            people: self.people.clone(),
            last: self.history.last().cloned(),
            boost: self.boost,
            built: self.built,
            worked_last: self.worked.team,
            debt: self.worked.debt,
            efficiency: self.worked.efficiency,
        });
        let mut causes = Feed {
            on: explain,
            causes: Vec::new(),
        };
        let mut skipped = Vec::new();
        if let Some(phase) = scenario.phases.iter().find(|p| p.from == week) {
            causes.push(Topic::World, 1.0, || {
                format!("{} begins: {}", phase.name, phase.says)
            });
        }
        for seg in self.segments.iter().filter(|s| s.opens == week && week > 1) {
            causes.push(Topic::World, 1.0, || {
                format!(
                    "{} can buy from this week: what shipped for them counts now",
                    seg.name
                )
            });
        }

        for p in &mut self.people {
            p.busy = std::mem::take(&mut p.booked);
        }
        self.boost = std::mem::take(&mut self.booked_boost);
        self.built = 0.0;
        let hours = self.player.hours + self.extra_hours;
        self.extra_hours = 0.0;

        self.take_actions(
            scenario,
            plan,
            hours,
            seed,
            &mut causes,
            &mut skipped,
            scratch,
        );
        if let Some(first) = beyond.first() {
            let rest = match beyond.len() {
                1 => "this entry was left out".to_string(),
                2 => "this and 1 more entry were left out".to_string(),
                n => format!("this and {} more entries were left out", n - 1),
            };
            let reason = format!("{}: {rest}", Refusal::PlanFull);
            skipped.push(Skipped {
                action: first.id(scenario).to_owned(),
                reason,
            });
        }

        let produced = self.produce(scenario, &mut scratch.teams);
        let worked = Worked {
            debt: produced.debt,
            efficiency: produced.efficiency,
            team: self.people.len(),
        };
        let output = produced.total + self.built;
        let effort = produced.build + self.built;
        let shipped = self.work(scenario, effort, week, &mut causes, scratch);
        let value = self.serve_customers(scenario, &produced);
        let salaries = m.salary * self.people.len() as f64;
        self.budget -= salaries;
        explain_runway(self.budget, salaries, value * m.revenue_share, &mut causes);
        self.cut_if_broke(scenario, &mut causes);

        self.arrivals_due += m.arrivals;
        // The week's needs as booked for the seed, if they are (the same as made here).
        let booked = arrivals.and_then(|book| book.week(week, self.arrivals_due, self.next_item));
        if let Some(needs) = booked {
            // Copied into the backlog together, then taken into its orders one by one, as
            // each would be received.
            let first = self.items.len();
            self.items.extend_from_slice(needs);
            for i in first..self.items.len() {
                self.arrivals_due -= 1.0;
                self.next_item += 1;
                self.orders.add(&self.items, i);
            }
        } else {
            let mut rng = SimRng::new(seed, week, Stream::Arrivals);
            while self.arrivals_due >= 1.0 {
                self.arrivals_due -= 1.0;
                self.generate_item(scenario, &mut rng);
            }
        }

        // The team's best skill is taken from the teams as they produced: nobody has changed
        // or left since.
        self.drift(scenario, seed, &scratch.teams, &mut causes);
        self.focus *= 1.0 - m.focus_decay;
        for seg in &mut self.segments {
            seg.reach *= 1.0 - m.reach_decay;
        }
        if self
            .pinned
            .as_ref()
            .and_then(|id| self.item_with(id))
            .is_none_or(|i| !self.items[i].open())
        {
            self.pinned = None;
        }

        let strain = self.mind_strain(&mut causes);

        let record = WeekRecord {
            week,
            output,
            value,
            team_size: self.people.len(),
            skill: self.mean(Stat::Skill),
            morale: self.mean(Stat::Morale),
            autonomy: self.mean(Stat::Autonomy),
            clarity: self.mean(Stat::Clarity),
            adoption: mean(self.segments.iter().map(|s| s.adoption)),
            satisfaction: mean(self.segments.iter().map(|s| s.satisfaction)),
            revenue: value,
            budget: self.budget,
            debt: self.debt,
            shipped,
            event: None,
        };
        self.worked = worked;
        if let Some(before) = &before
            && let Some(last) = &before.last
        {
            explain_output(before, last, self, &record, &produced, m, &mut causes);
            explain_value(last, self, &record, m, &mut causes);
        }
        self.week = week;
        self.history.push(record);
        explain_trends(&self.history, &mut causes);
        // After the last week nothing is left to decide: an event then would ask the player
        // about a week that never comes.
        if week < scenario.weeks {
            self.roll_event(scenario, seed, strain, scratch);
        }
        WeekReport {
            // As the history has it, with the event the week ended on.
            record: self.history.last().cloned().unwrap_or_default(),
            causes: causes.causes,
            skipped,
        }
    }

    /// Carries out the plan in order, within the week's hours.
    // The week's hot path: its buffers are passed apart so the borrows stay disjoint.
    #[allow(clippy::too_many_arguments)]
    fn take_actions<E: Entry>(
        &mut self,
        scenario: &Scenario,
        plan: &[E],
        hours: f64,
        seed: u64,
        causes: &mut Feed,
        skipped: &mut Vec<Skipped>,
        scratch: &mut Scratch,
    ) {
        let m = scenario.model_at(self.week + 1);
        let mut used = 0.0;
        // Repeats of the same action on the same target this week, for diminishing returns,
        // found before anything changes, so a bot's targets are compared by their ids. Only
        // the entries with the same action are compared: each action keeps its latest entry.
        // The list is the scratch's, taken out while the effects use the rest of it.
        let mut repeats = std::mem::take(&mut scratch.repeats);
        repeats.clear();
        let latest = &mut scratch.latest;
        latest.clear();
        latest.resize(scenario.actions.len(), None);
        for (k, entry) in plan.iter().enumerate() {
            let action = entry.action(scenario).map(|(i, _)| i);
            let before = action.and_then(|a| latest[a].replace(k));
            let mut first = k;
            let mut j = before;
            while let Some(earlier) = j {
                if plan[earlier].same_target(entry, self) {
                    first = repeats[earlier].first;
                    break;
                }
                j = repeats[earlier].before;
            }
            repeats.push(Repeat {
                action,
                before,
                first,
                strength: 1.0,
            });
        }
        scratch.aims.clear();
        scratch.aims.resize(plan.len(), None);
        for (k, entry) in plan.iter().enumerate() {
            let skip = |reason: String| Skipped {
                action: entry.id(scenario).to_owned(),
                reason,
            };
            // Found above: a plan by id looks its actions up by comparing strings.
            let def = repeats[k].action.map(|i| &scenario.actions[i]);
            let (def, aim) = match self.admit(def, entry, used, hours) {
                Ok(admitted) => admitted,
                Err(refusal) => {
                    let why = super::plan::skip_reason(self, &refusal, entry.target_id());
                    skipped.push(skip(why));
                    continue;
                }
            };
            scratch.aims[k] = Some(aim);
            let mut ctx = Context::default();
            match aim {
                Aim::Person(i) => (ctx.person_id, ctx.person) = (entry.person_id(), Some(i)),
                Aim::Item(i) => ctx.item = Some(i),
                Aim::Segment(i) => ctx.segment = Some(i),
                Aim::Nothing => {}
            }
            let competency = def.family.competency();
            let level = self.player.competency(competency);
            let first = repeats[k].first;
            let repeat = repeats[first].strength;
            repeats[first].strength *= m.repeat_factor;
            ctx.strength = (m.competency_floor + (1.0 - m.competency_floor) * level) * repeat;
            ctx.family = Some(def.family);

            let people_before = if causes.on {
                self.people.clone()
            } else {
                Vec::new()
            };
            let focus_before = self.focus;
            for effect in &def.effects {
                self.apply(scenario, effect, &mut ctx, seed);
            }
            let c = self.player.competency_mut(competency);
            *c += m.competency_growth * def.hours * (1.0 - *c);
            used += def.hours;
            if !causes.on {
                continue;
            }
            let aimed = ctx.person.map(|i| self.people[i].name.clone());
            let mut text = match aimed {
                Some(name) => format!("{}: {}", def.name, name),
                None => def.name.clone(),
            };
            let changes = stat_changes(&people_before, &self.people);
            if !changes.is_empty() {
                text.push_str(&format!(" ({changes})"));
            }
            if (self.focus - focus_before).abs() > 0.005 {
                text.push_str(&format!(
                    " (focus {:+.0}%)",
                    (self.focus - focus_before) * 100.0
                ));
            }
            causes.push(Topic::Action, def.hours, || text);
        }
        scratch.repeats = repeats;
    }

    /// [`State::still_there`] for a plan entry this week's actions aimed at `aim`: the place
    /// it was found at answers without a look-up by id unless the target has gone from it.
    /// Items never move and segments never leave, so an item's place is still the first with
    /// its id; a person's place holds them unless somebody before them left.
    pub(crate) fn still_aimed(&self, target: &str, aim: Option<Aim>) -> bool {
        let found = match aim {
            Some(Aim::Item(i)) => self
                .items
                .get(i)
                .is_some_and(|it| it.id == target && it.open()),
            Some(Aim::Person(i)) => self.people.get(i).is_some_and(|p| same_id(&p.id, target)),
            Some(Aim::Segment(i)) => (self.segments.get(i)).is_some_and(|s| same_id(&s.id, target)),
            Some(Aim::Nothing) | None => false,
        };
        found || self.still_there(target)
    }

    /// The one rule for whether a plan entry can be taken now, wherever it is asked (a plan
    /// being made, a bot's, a week being played): the action `def` (`None` if the scenario
    /// has no such action) fits in the `hours` of the week with `used` of them spent, its
    /// requirement holds, and the entry's target can be aimed at. The answer is the action
    /// and where it aims, or why it cannot be taken.
    pub(crate) fn admit<'s, E: Entry>(
        &self,
        def: Option<&'s ActionDef>,
        entry: &E,
        used: f64,
        hours: f64,
    ) -> Result<(&'s ActionDef, Aim), Refusal<'s>> {
        let def = def.ok_or(Refusal::NoSuchAction)?;
        if used + def.hours > hours + 1e-9 {
            return Err(Refusal::Hours {
                needed: def.hours,
                left: hours - used,
            });
        }
        if !self.holds(&def.requires) {
            return Err(Refusal::Requires(&def.requires));
        }
        let aim = entry
            .aim(self, def.target)
            .ok_or(Refusal::NoTarget(def.target))?;
        Ok((def, aim))
    }

    /// What `target` names for an action aimed at `kind`, if it can be aimed at now: a
    /// person on the team, an open item, a segment (anything, for an untargeted action).
    pub(crate) fn aim(&self, kind: TargetKind, target: Option<&str>) -> Option<Aim> {
        match kind {
            TargetKind::None => Some(Aim::Nothing),
            TargetKind::Person => target.and_then(|t| self.person_index(t)).map(Aim::Person),
            TargetKind::Item => target
                .and_then(|t| self.item_index(t))
                .filter(|&i| self.items[i].open())
                .map(Aim::Item),
            TargetKind::Segment => target.and_then(|t| self.segment_index(t)).map(Aim::Segment),
        }
    }

    /// The team's output this week, before it is pointed at anything. Each team's sums and
    /// efficiency are left in `teams`.
    fn produce(&self, scenario: &Scenario, teams: &mut Vec<Team>) -> Produced {
        let m = scenario.model_at(self.week + 1);
        sum_teams(m, &self.people, teams);
        let org = if teams.len() > 1 {
            let lead_clarity = mean(
                self.people
                    .iter()
                    .filter(|p| p.role == Role::Lead)
                    .map(|p| p.clarity),
            );
            1.0 / (1.0
                + m.lead_coordination
                    * (teams.len() - 1) as f64
                    * (1.0 - m.clarity_relief * lead_clarity))
        } else {
            1.0
        };
        let debt = 1.0 / (1.0 + m.debt_drag * self.debt);
        let squeeze = 1.0 + self.boost;
        let mut out = Produced {
            debt: self.debt,
            ..Produced::default()
        };
        let mut eff_sum = 0.0;
        for p in &self.people {
            let eff = teams
                .iter()
                .find(|t| t.id == p.team)
                .map_or(1.0, |t| t.efficiency)
                * org;
            let care = if p.has(Trait::Perfectionist) {
                PERFECTIONIST_PACE
            } else {
                1.0
            };
            let points =
                m.output_scale * p.factors(m.ramp_weeks).product() * eff * debt * squeeze * care;
            eff_sum += eff;
            out.total += points;
            match p.role {
                Role::Support => out.support += points,
                Role::Sales => out.sales += points,
                Role::Engineer | Role::Lead => out.build += points,
            }
        }
        out.efficiency = if self.people.is_empty() {
            1.0
        } else {
            eff_sum / self.people.len() as f64
        };
        out
    }

    /// Pours the week's effort into the backlog: the focused share into known valuable work,
    /// the rest into what the team finds interesting. Returns how many items shipped.
    fn work(
        &mut self,
        scenario: &Scenario,
        effort: f64,
        week: u32,
        causes: &mut Feed,
        scratch: &mut Scratch,
    ) -> u32 {
        let m = scenario.model_at(self.week + 1);
        let builders = || self.people.iter().filter(|p| State::builds(p.role));
        let care = mean(builders().map(|p| f64::from(u8::from(p.has(Trait::Perfectionist)))));
        let quality = (0.25
            + 0.45 * mean(builders().map(|p| p.skill))
            + 0.3 * mean(builders().map(|p| p.clarity))
            + PERFECTIONIST_QUALITY * care
            - m.squeeze_quality * self.boost)
            .clamp(0.05, 1.0);

        // Focused effort goes to the pinned item if its value is known, then to known items
        // by value per effort; the rest to what the team finds appealing.
        let pinned = (self.pinned.as_ref())
            .and_then(|id| self.item_with(id))
            .filter(|&i| self.items[i].revealed);
        // Focus aims effort only if some open item is known.
        let aimed = if !self.orders.any_known() {
            0.0
        } else {
            effort * self.focus
        };
        let done = &mut scratch.done;
        done.clear();
        let leftover = self.pour(m, aimed, week, quality, Pour::Known { pinned }, done);
        let rest = effort - aimed + leftover;
        if rest > POURED {
            self.pour(m, rest, week, quality, Pour::Appeal, done);
        }
        self.debt += m.debt_rate * effort * (1.0 - quality);

        // In backlog order, as the segments' worth adds up in it.
        done.sort_unstable();
        for &i in done.iter() {
            let item = &self.items[i];
            let value = item.worth();
            let guessed = !item.revealed
                && item.fit < 1.0
                && item.total_value() * item.quality >= Item::WANTED;
            let verdict = if guessed {
                "a real need, built on a guess"
            } else if value >= Item::WANTED {
                "customers wanted this"
            } else if item.revealed {
                "known to matter little"
            } else {
                "few customers needed it"
            };
            let (items, focus) = (&self.items, self.focus);
            causes.push(Topic::Shipped, value, || {
                // What the player could do about it, when the world says.
                let next = if guessed {
                    format!(
                        ": it met {:.0}% of the need, as nobody asked customers first",
                        item.fit * 100.0
                    )
                } else if value >= Item::WANTED {
                    String::new()
                } else if !items
                    .iter()
                    .any(|i| i.open() && i.revealed && i.total_value() >= Item::WANTED)
                {
                    ": nothing known in the backlog is worth more; talking to customers finds what is"
                        .to_string()
                } else if focus < 0.3 {
                    ": valuable work is known but the team was not aimed at it; prioritising aims it"
                        .to_string()
                } else {
                    String::new()
                };
                format!(
                    "Shipped “{}”: worth {:.1} to customers, {verdict}{next}",
                    item.name, value
                )
            });
            for (seg, v) in self.segments.iter_mut().zip(&item.value) {
                seg.worth += v * item.quality * item.fit;
            }
        }
        done.len() as u32
    }

    /// Puts `effort` into open items in the order `aim` gives, each until it ships, and adds
    /// those that ship to `done`; returns what is left when none remain.
    fn pour(
        &mut self,
        m: &Model,
        mut effort: f64,
        week: u32,
        quality: f64,
        aim: Pour,
        done: &mut Vec<usize>,
    ) -> f64 {
        while effort > POURED {
            let next = match aim {
                // Focus aims at known work worth building; known junk is left to taste.
                Pour::Known { pinned } => pinned
                    .filter(|&i| self.items[i].open())
                    .or_else(|| self.orders.best_wanted(&self.items)),
                Pour::Appeal => self.orders.most_appealing(),
            };
            let Some(i) = next else { break };
            // One thing first: a team that swarms on it juggles less.
            let flow = match aim {
                Pour::Known { pinned } if pinned == Some(i) => 1.0 + m.first_flow,
                _ => 1.0,
            };
            let item = &mut self.items[i];
            let used = effort.min(item.remaining() / flow);
            item.progress += used * flow;
            self.orders.worked(item, used * flow);
            effort -= used;
            if item.remaining() <= 1e-9 {
                item.shipped = Some(week);
                item.quality = quality;
                item.fit = if item.revealed { 1.0 } else { m.unasked_fit };
                self.shipped_quality += quality;
                self.shipped_count += 1;
                self.orders.ship(&self.items, i);
                done.push(i);
            }
        }
        effort.max(0.0)
    }

    /// Customers adopt what is worth it, churn when unhappy, and pay. Returns the week's value.
    fn serve_customers(&mut self, scenario: &Scenario, produced: &Produced) -> f64 {
        let week = self.week + 1;
        let m = scenario.model_at(week);
        let quality = if self.shipped_count == 0 {
            0.6
        } else {
            self.shipped_quality / f64::from(self.shipped_count)
        };
        let load: f64 = self
            .segments
            .iter()
            .map(|s| s.adoption * m.ticket_rate * (1.0 + self.debt))
            .sum();
        // The support team answers every segment's tickets in proportion; the player's
        // reach in a segment answers that segment's.
        let pooled = if load <= 1e-9 {
            1.0
        } else {
            produced.support * m.support_capacity / load
        };
        let sales = 1.0 + 0.05 * produced.sales;
        let mut value = 0.0;
        for seg in &mut self.segments {
            let tickets = seg.adoption * m.ticket_rate * (1.0 + self.debt);
            let served = if tickets <= 1e-9 {
                1.0
            } else {
                (pooled * (1.0 + m.reach_support * seg.reach)
                    + seg.reach * m.reach_capacity / tickets)
                    .min(1.0)
            };
            // Needs move on: what shipped long ago is worth less each week.
            seg.worth *= 1.0 - m.worth_decay;
            if !seg.open_in(week) {
                // Nobody there can buy yet: what ships waits for them in its worth.
                continue;
            }
            let target = seg.adoption_target(m.adoption_half);
            if target > seg.adoption {
                let speed = (m.adoption_speed * (1.0 + m.reach_speed * seg.reach) * sales).min(1.0);
                seg.adoption += (target - seg.adoption) * speed;
            } else {
                // Customers drift away from a product that no longer meets their needs.
                seg.adoption += (target - seg.adoption) * m.adoption_speed;
            }
            let referral = m.referral * seg.adoption * (seg.satisfaction - 0.5).max(0.0) * 2.0;
            seg.adoption += referral * (1.0 - seg.adoption);
            seg.adoption -= seg.adoption * m.churn * (1.0 - seg.satisfaction);
            seg.adoption = seg.adoption.clamp(0.0, 1.0);
            let target_satisfaction =
                (0.2 + m.served_satisfaction * served + (0.8 - m.served_satisfaction) * quality)
                    .clamp(0.0, 1.0);
            seg.satisfaction += (target_satisfaction - seg.satisfaction) * m.satisfaction_drift;
            seg.satisfaction = seg.satisfaction.clamp(0.0, 1.0);
            value += seg.revenue(m.satisfied_price);
        }
        self.budget += value * m.revenue_share;
        value
    }

    /// Money binds: with salaries to pay and the budget below zero, the least skilled person
    /// is let go at the week's end (one a week, until the budget recovers or nobody is left).
    fn cut_if_broke(&mut self, scenario: &Scenario, causes: &mut Feed) {
        if scenario.model_at(self.week + 1).salary <= 0.0
            || self.budget >= 0.0
            || self.people.is_empty()
        {
            return;
        }
        let least = (0..self.people.len())
            .min_by(|&a, &b| {
                (self.people[a].skill.total_cmp(&self.people[b].skill))
                    .then_with(|| self.people[a].id.cmp(&self.people[b].id))
            })
            .unwrap_or(0);
        let person = self.people.remove(least);
        let budget = self.budget;
        causes.push(Topic::People, -1.0, || {
            format!(
                "The money ran out (budget {}): {} had to be let go",
                crate::text::num(budget),
                person.name
            )
        });
        self.departed.push((self.week + 1, person));
    }

    /// People drift: clarity fades, morale settles toward a level set by autonomy, low morale
    /// raises flight risk, people learn from each other, and some leave.
    ///
    /// `teams` are the teams as this week's people make them up, for their best skill.
    fn drift(&mut self, scenario: &Scenario, seed: u64, teams: &[Team], causes: &mut Feed) {
        let m = scenario.model_at(self.week + 1);
        let reach = self.reach();
        for p in &mut self.people {
            let quiet = if p.has(Trait::QuietUntilAsked) {
                QUIET_DECAY
            } else {
                1.0
            };
            p.clarity *= 1.0 - m.clarity_decay * quiet;
            let mut rest = m.morale_rest_base + m.morale_rest_autonomy * p.autonomy;
            if p.has(Trait::CustomerMinded) {
                rest += CUSTOMER_MINDED * (reach - 0.5);
            }
            if p.has(Trait::Perfectionist) {
                p.morale -= PERFECTIONIST_SQUEEZE * self.boost;
            }
            // Pushed and checked, owners stop owning: the most independent lose the most.
            p.autonomy -= m.squeeze_owners * self.boost * (p.autonomy - 0.3).max(0.0);
            if p.outgrown() {
                // Grown as far as the work lets them: without ownership they sag and look
                // elsewhere.
                p.morale -= OUTGROWN_MORALE;
                p.flight_risk += OUTGROWN_FLIGHT;
                // The arc tells the week it happens; the feed says it again once it bites
                // (morale under 0.6, where strain starts, or a flight risk that shows), not
                // every week of a long run.
                if p.morale < 0.6 || p.flight_risk >= 0.2 {
                    causes.push(Topic::People, -OUTGROWN_MORALE, || {
                        format!(
                            "{} has outgrown the work and wants to own something: without it, \
                             morale −{OUTGROWN_MORALE} and flight risk +{OUTGROWN_FLIGHT} a week",
                            p.name
                        )
                    });
                }
            }
            p.morale += (rest - p.morale) * m.morale_drift;
            p.flight_risk =
                (p.flight_risk + m.flight_risk_rate * (0.5 - p.morale) * 0.5).clamp(0.0, 1.0);
            let top = teams
                .iter()
                .find(|t| t.id == p.team)
                .map_or(p.skill, |t| t.best);
            let learn =
                m.peer_learning * p.autonomy * (0.5 + 0.5 * p.clarity) * (top - p.skill).max(0.0);
            p.skill = (p.skill + learn).min(p.potential);
            p.tenure += 1.0;
            p.morale = p.morale.clamp(0.0, 1.0);
        }
        let mut rng = SimRng::new(seed, self.week + 1, Stream::Departures);
        let mut i = 0;
        while i < self.people.len() {
            let risk = self.people[i].flight_risk;
            if rng.unit() < m.leave_chance * risk * risk {
                let p = self.people.remove(i);
                causes.push(Topic::People, -1.0, || {
                    format!(
                        "{} left the team (morale {:.2}, flight risk {:.2})",
                        p.name, p.morale, p.flight_risk
                    )
                });
                self.departed.push((self.week + 1, p));
            } else {
                i += 1;
            }
        }
        for p in &self.people {
            if p.flight_risk >= 0.5 {
                causes.push(Topic::People, -p.flight_risk, || {
                    format!(
                        "{} may leave: flight risk {:.2} after weeks of morale {:.2}",
                        p.name, p.flight_risk, p.morale
                    )
                });
            }
        }
    }

    /// Says when the team comes under strain, and when it has eased (see [`Strain`]): the
    /// director brings trouble sooner and more often under strain, openings once it eases.
    /// Returns the week's strain, for the director.
    fn mind_strain(&mut self, causes: &mut Feed) -> Strain {
        let now = self.strain();
        if !self.strained && now >= Strain::TOLD {
            self.strained = true;
            causes.push(Topic::People, -now.get(), || {
                format!(
                    "The team is under strain ({}): trouble comes sooner and more often \
                     until it eases",
                    Strain::worst(&self.people, self.debt, self.ramp_weeks)
                )
            });
        } else if self.strained && now < Strain::EASED {
            self.strained = false;
            causes.push(Topic::People, 0.5, || {
                "The strain on the team has eased: openings come more often again".to_string()
            });
        }
        now
    }

    /// Maybe starts an event for the player to decide on.
    ///
    /// The eligible events and their weights go into `scratch`'s buffers: this runs every
    /// week, and allocating two lists for it each time showed in profiles. `strain` is the
    /// team's as the week ended.
    fn roll_event(
        &mut self,
        scenario: &Scenario,
        seed: u64,
        strain: Strain,
        scratch: &mut Scratch,
    ) {
        let week = self.week;
        let eligible = |i: usize| {
            let e = &scenario.events[i];
            let last = self.event_weeks.get(i).copied().flatten();
            let happened = self.event_counts.get(i).copied().unwrap_or(0);
            let ready = happened < e.times
                && match last {
                    None => true,
                    Some(w) => week >= w + e.cooldown.max(1),
                };
            ready && self.holds(&e.when) && (e.subject.is_none() || !self.people.is_empty())
        };
        let mut rng = SimRng::new(seed, week, Stream::Events);
        // An event that always happens when it can comes first, without the director. The
        // others' conditions are read only in a week the director calls for a decision.
        let always = (0..scenario.events.len()).find(|&i| scenario.events[i].always && eligible(i));
        let place = match always {
            Some(place) => place,
            None => {
                let director = &scenario.director;
                let last = self.event_weeks.iter().flatten().max().copied();
                let chance = director.chance(week - last.unwrap_or(0), strain);
                if chance <= 0.0 || rng.unit() >= chance {
                    return;
                }
                let events = &mut scratch.events;
                events.clear();
                events.extend((0..scenario.events.len()).filter(|&i| eligible(i)));
                let weights = &mut scratch.weights;
                weights.clear();
                weights.extend(events.iter().map(|&i| {
                    let e = &scenario.events[i];
                    e.weight * director.weight(e.kind, strain)
                }));
                let Some(pick) = rng.weighted(weights) else {
                    return;
                };
                events[pick]
            }
        };
        let event = &scenario.events[place];
        // An event about the team's highest or lowest is about someone who has settled in,
        // as its condition reads them (see `State::settled`).
        let subject = event.subject.as_ref().and_then(|s| {
            use super::event::Subject;
            let by = |stat: Stat, highest: bool| {
                let candidates = self.settled();
                let pick = candidates.reduce(|a, b| {
                    let (x, y) = (a.1.stat(stat), b.1.stat(stat));
                    if (highest && y > x) || (!highest && y < x) {
                        b
                    } else {
                        a
                    }
                });
                pick.map(|(i, _)| i)
            };
            match s {
                Subject::Highest(stat) => by(*stat, true),
                Subject::Lowest(stat) => by(*stat, false),
                Subject::Anyone => Some(rng.below(self.people.len())),
                Subject::Person(id) => self.person_index(id),
            }
        });
        let name = subject
            .map(|i| self.people[i].name.clone())
            .unwrap_or_default();
        if let Some(last) = self.event_weeks.get_mut(place) {
            *last = Some(week);
        }
        if let Some(count) = self.event_counts.get_mut(place) {
            *count += 1;
        }
        if let Some(record) = self.history.last_mut() {
            record.event = Some(EventTaken {
                event: place,
                choice: None,
            });
        }
        self.pending = Some(PendingEvent {
            event: event.id.clone(),
            subject: subject.map(|i| self.people[i].id.clone()),
            text: event.text.replace("{name}", &name),
        });
    }

    /// Resolves the pending event with the choice at `index`; `false` if there is no pending
    /// event or no such choice.
    pub fn choose(&mut self, scenario: &Scenario, index: usize, seed: u64) -> bool {
        let Some(choice) = self
            .pending
            .as_ref()
            .and_then(|p| scenario.event(&p.event))
            .and_then(|e| e.choices.get(index))
        else {
            return false;
        };
        // Taken out first so the effects can borrow the subject's id; effects never read it.
        let pending = self.pending.take();
        let subject = pending.as_ref().and_then(|p| p.subject.as_deref());
        let mut ctx = Context {
            person_id: subject,
            person: subject.and_then(|id| self.person_index(id)),
            strength: 1.0,
            ..Context::default()
        };
        for effect in &choice.effects {
            self.apply(scenario, effect, &mut ctx, seed);
        }
        if let Some(taken) = self.history.last_mut().and_then(|r| r.event.as_mut()) {
            taken.choice = Some(index);
        }
        true
    }
}

/// Buffers a week reuses: allocating its small lists afresh every week showed in profiles, so
/// a [`World`](super::World) keeps one for its run. Copies keep the room but not the contents:
/// nothing in it outlives the week that fills it (`aims` is read by the game right after the
/// week, to carry the plan over).
#[derive(Default)]
pub(crate) struct Scratch {
    /// Each plan entry's place among the week's repeats (see `State::take_actions`).
    pub repeats: Vec<Repeat>,
    /// The latest plan entry with each action, by the action's place in the scenario.
    pub latest: Vec<Option<usize>>,
    /// Each team's sums and efficiency (see `State::produce`).
    pub teams: Vec<Team>,
    /// Items shipped this week (see `State::work`).
    pub done: Vec<usize>,
    /// What each plan entry of the week was aimed at, if it was taken (see
    /// `State::still_aimed`).
    pub aims: Vec<Option<Aim>>,
    /// Events that could happen this week, by place (see `State::roll_event`).
    pub events: Vec<usize>,
    /// Their weights.
    pub weights: Vec<f64>,
}

impl Scratch {
    /// The action of entry `k` of the week just played, by place in the scenario, if the
    /// entry was carried out: found as the week was played, so nothing is looked up again.
    pub(crate) fn taken(&self, k: usize) -> Option<usize> {
        self.aims.get(k).copied().flatten()?;
        self.repeats.get(k)?.action
    }
}

impl Clone for Scratch {
    fn clone(&self) -> Self {
        Self {
            repeats: Vec::with_capacity(self.repeats.capacity()),
            latest: Vec::with_capacity(self.latest.capacity()),
            teams: Vec::with_capacity(self.teams.capacity()),
            done: Vec::with_capacity(self.done.capacity()),
            aims: Vec::with_capacity(self.aims.capacity()),
            events: Vec::with_capacity(self.events.capacity()),
            weights: Vec::with_capacity(self.weights.capacity()),
        }
    }

    /// Empty, as a clone is, keeping this scratch's own room.
    fn clone_from(&mut self, _: &Self) {
        self.repeats.clear();
        self.latest.clear();
        self.teams.clear();
        self.done.clear();
        self.aims.clear();
        self.events.clear();
        self.weights.clear();
    }
}

impl fmt::Debug for Scratch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Scratch")
    }
}

/// A plan entry's place among the week's repeats (see `State::take_actions`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Repeat {
    /// The entry's action, by place in the scenario, if it has it.
    action: Option<usize>,
    /// The latest entry before this one with the same action.
    before: Option<usize>,
    /// The first entry with the same action and target.
    first: usize,
    /// What the next repeat of that first entry's action on its target gets of its effect
    /// (kept on the first entry): the scenario's repeat factor once for every time it was
    /// taken so far, multiplied in as it is taken rather than again for every repeat.
    strength: f64,
}

/// The order [`State::pour`] puts effort into open items in.
#[derive(Clone, Copy)]
enum Pour {
    /// Aimed: the pinned item first if its value is known and it is open, then the known
    /// items by value per effort.
    Known { pinned: Option<usize> },
    /// Unaimed: by appeal.
    Appeal,
}

/// Effort below this is spent.
const POURED: f64 = 1e-12;

/// What a checked plan entry is aimed at, by place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Aim {
    /// Nothing in particular.
    Nothing,
    /// The person at this place in [`State::people`].
    Person(usize),
    /// The open item at this place in [`State::items`].
    Item(usize),
    /// The segment at this place in [`State::segments`].
    Segment(usize),
}

/// A plan entry as a week carries it out: a player's [`Planned`], by id, or a bot's [`Step`],
/// by place. Both give the same week for the same entries.
pub(crate) trait Entry {
    /// The action's place in the scenario and its definition, if the scenario has it.
    fn action<'s>(&self, scenario: &'s Scenario) -> Option<(usize, &'s ActionDef)>;
    /// The action's id, for the list of skipped entries.
    fn id<'s>(&'s self, scenario: &'s Scenario) -> &'s str;
    /// What the entry is aimed at for an action aimed at `kind`, if it can be aimed at now.
    fn aim(&self, state: &State, kind: TargetKind) -> Option<Aim>;
    /// Whether two entries name the same target (by id).
    fn same_target(&self, other: &Self, state: &State) -> bool;
    /// The id of a targeted person, to find them again after a departure shifts the team.
    /// `None` for a bot's step: a bot's plan that can change who is on the team is played
    /// by id instead (see `World::play_steps`).
    fn person_id(&self) -> Option<&str>;
    /// The id the entry names its target by, to say what became of a target that is gone:
    /// `None` for a bot's step, whose skips no player reads.
    fn target_id(&self) -> Option<&str>;
}

impl Entry for Planned {
    fn action<'s>(&self, scenario: &'s Scenario) -> Option<(usize, &'s ActionDef)> {
        let i = scenario.action_index(&self.action)?;
        Some((i, &scenario.actions[i]))
    }

    fn id<'s>(&'s self, _: &'s Scenario) -> &'s str {
        &self.action
    }

    fn aim(&self, state: &State, kind: TargetKind) -> Option<Aim> {
        state.aim(kind, self.target.as_deref())
    }

    fn same_target(&self, other: &Self, _: &State) -> bool {
        self.target == other.target
    }

    fn person_id(&self) -> Option<&str> {
        self.target.as_deref()
    }

    fn target_id(&self) -> Option<&str> {
        self.target.as_deref()
    }
}

impl Entry for Step {
    fn action<'s>(&self, scenario: &'s Scenario) -> Option<(usize, &'s ActionDef)> {
        scenario
            .actions
            .get(self.action)
            .map(|def| (self.action, def))
    }

    fn id<'s>(&'s self, scenario: &'s Scenario) -> &'s str {
        scenario.actions.get(self.action).map_or("", |def| &def.id)
    }

    /// A person or segment is found by place, anything else by id. A step names a person by
    /// the first place with their id, and segment ids are unique, so these are the places a
    /// look-up by id would find.
    fn aim(&self, state: &State, kind: TargetKind) -> Option<Aim> {
        match (kind, self.target) {
            (TargetKind::Person, Some(Target::Person(i))) => Some(Aim::Person(i)),
            (TargetKind::Segment, Some(Target::Segment(i))) => Some(Aim::Segment(i)),
            (TargetKind::Item, Some(Target::Item(i))) => state
                .item_place(i)
                .filter(|&i| state.items[i].open())
                .map(Aim::Item),
            (kind, target) => state.aim(kind, target.map(|t| state.target_id(t)).as_deref()),
        }
    }

    #[inline]
    fn same_target(&self, other: &Self, state: &State) -> bool {
        match (self.target, other.target) {
            (Some(a), Some(b)) => a == b || state.same_id(a, b),
            (a, b) => a == b,
        }
    }

    fn person_id(&self) -> Option<&str> {
        None
    }

    fn target_id(&self) -> Option<&str> {
        None
    }
}

/// The week's explanations, written only when asked for.
struct Feed {
    on: bool,
    causes: Vec<Cause>,
}

impl Feed {
    /// Adds a cause; the text is only formatted when explanations are on.
    fn push(&mut self, topic: Topic, size: f64, text: impl FnOnce() -> String) {
        if self.on {
            self.causes.push(Cause {
                topic,
                text: text(),
                size,
            });
        }
    }
}

/// One team's efficiency, and the sums it is worked out from.
pub(crate) struct Team {
    id: u32,
    members: f64,
    clarity: f64,
    autonomy: f64,
    /// Newcomers' missing ramp, summed.
    onboarding: f64,
    /// The highest skill on the team: what the others learn from.
    best: f64,
    efficiency: f64,
}

/// Each team's share of effort left after coordination and onboarding newcomers, into
/// `teams` in order of appearance. The sums and the results share one list, kept from week
/// to week: this runs twice a week.
fn sum_teams(m: &super::model::Model, people: &[Person], teams: &mut Vec<Team>) {
    teams.clear();
    for p in people {
        let i = match teams.iter().position(|t| t.id == p.team) {
            Some(i) => i,
            None => {
                teams.push(Team {
                    id: p.team,
                    members: 0.0,
                    clarity: 0.0,
                    autonomy: 0.0,
                    onboarding: 0.0,
                    best: p.skill,
                    efficiency: 0.0,
                });
                teams.len() - 1
            }
        };
        let t = &mut teams[i];
        t.members += 1.0;
        t.clarity += p.clarity;
        t.autonomy += p.autonomy;
        t.onboarding += 1.0 - p.ramp(m.ramp_weeks);
        t.best = f64::max(t.best, p.skill);
    }
    for t in teams.iter_mut() {
        let n = t.members;
        let (clarity, autonomy) = (t.clarity / n, t.autonomy / n);
        let overhead = m.coordination
            * (n - 1.0).max(0.0)
            * (1.0 - m.clarity_relief * clarity)
            * (1.0 - m.autonomy_relief * autonomy);
        t.efficiency = (1.0 - m.onboarding_drain * t.onboarding).max(0.2) / (1.0 + overhead);
    }
}

/// "skill +0.04 Priya, autonomy −0.05 everyone": the stat changes between two snapshots.
fn stat_changes(before: &[Person], after: &[Person]) -> String {
    let pairs: Vec<(&Person, &Person)> = paired(before, after).collect();
    let mut parts = Vec::new();
    for stat in Stat::ALL {
        let deltas: Vec<(&str, f64)> = pairs
            .iter()
            .filter_map(|(old, p)| {
                let d = p.stat(stat) - old.stat(stat);
                (d.abs() >= 0.005).then_some((p.name.as_str(), d))
            })
            .collect();
        match deltas.as_slice() {
            [] => {}
            [(name, d)] => parts.push(format!("{} {:+.2} {name}", stat.label(), d)),
            many => {
                let avg = many.iter().map(|(_, d)| d).sum::<f64>() / many.len() as f64;
                let who = if many.len() == after.len() {
                    "everyone".to_string()
                } else {
                    format!("{} people", many.len())
                };
                parts.push(format!("{} {avg:+.2} {who}", stat.label()));
            }
        }
    }
    // The time this action took, said once for everyone it took it from (the line used to
    // repeat every person's running total).
    let took: Vec<(&str, f64)> = pairs
        .iter()
        .filter_map(|(old, p)| {
            let d = p.busy - old.busy;
            (d >= 0.005).then_some((p.name.as_str(), d))
        })
        .collect();
    match took.as_slice() {
        [] => {}
        [(name, d)] => parts.push(format!("{name} busy {:.0}%", d * 100.0)),
        many => {
            let same = many.iter().all(|(_, d)| (d - many[0].1).abs() < 0.005);
            let who = if many.len() == after.len() {
                "everyone".to_string()
            } else {
                format!("{} people", many.len())
            };
            if same {
                parts.push(format!("{who} busy {:.0}%", many[0].1 * 100.0));
            } else {
                let (name, most) = many
                    .iter()
                    .copied()
                    .fold(many[0], |a, b| if b.1 > a.1 { b } else { a });
                parts.push(format!("{who} busy, most {name} {:.0}%", most * 100.0));
            }
        }
    }
    parts.join(", ")
}

/// What the feed compares a week with: the state as the week began.
struct Before {
    /// The team as last week ended (with last week's busy shares).
    people: Vec<Person>,
    /// Last week's record, if there was a last week.
    last: Option<WeekRecord>,
    /// Last week's squeeze.
    boost: f64,
    /// What the player built last week.
    built: f64,
    /// How many people worked last week (departures come at a week's end, so a person who
    /// leaves is missed the week after; one who joins by an answer, the week after it).
    worked_last: usize,
    /// The debt last week's work was done at.
    debt: f64,
    /// The share of effort coordination and onboarding left last week.
    efficiency: f64,
}

/// Names what moved output since last week, biggest first.
fn explain_output(
    was: &Before,
    last: &WeekRecord,
    after: &State,
    record: &WeekRecord,
    produced: &Produced,
    model: &super::model::Model,
    causes: &mut Feed,
) {
    let (ramp, debt_drag) = (model.ramp_weeks, model.debt_drag);
    let before = was.people.as_slice();
    if last.output <= 1e-9 {
        return;
    }
    let change = record.output / last.output - 1.0;
    if change.abs() < 0.02 {
        return;
    }
    let mut drivers: Vec<(f64, String)> = Vec::new();
    // Factor moves too small to name on their own, kept for a week that has nothing bigger.
    let mut small: Vec<(f64, String)> = Vec::new();
    let factor = |people: &[Person], f: fn(&super::people::OutputFactors) -> f64| {
        mean(people.iter().map(|p| f(&p.factors(ramp))))
    };
    // `before` is the team as last week ended, which is only roughly what last week's output
    // was made from: the comparison names directions and rough sizes, not an audit.
    for (label, f) in [
        (
            "morale",
            (|x: &super::people::OutputFactors| x.morale)
                as fn(&super::people::OutputFactors) -> f64,
        ),
        ("clarity", |x| x.clarity),
        ("autonomy", |x| x.autonomy),
        ("skill", |x| x.skill),
    ] {
        let (a, b) = (factor(before, f), factor(&after.people, f));
        if a > 1e-9 && (b / a - 1.0).abs() >= 0.02 {
            let d = b / a - 1.0;
            let mover = biggest_mover(before, after, label);
            // The squeeze's cost arriving: with ownership gone, morale settles low.
            let autonomy = after.mean(Stat::Autonomy);
            let why = if label == "morale" && d < 0.0 && autonomy < 0.3 {
                format!(
                    ", settling toward {:.2} with ownership at {autonomy:.2}",
                    model.morale_rest_base + model.morale_rest_autonomy * autonomy
                )
            } else {
                String::new()
            };
            drivers.push((d, format!("{label} {}{mover}{why}", pct(d))));
        } else if a > 1e-9 && (b / a - 1.0).abs() >= 0.002 {
            let d = b / a - 1.0;
            small.push((d, format!("{label} {:+.1}%", d * 100.0)));
        }
    }
    // Who worked this week against who worked last week (not who is left at the end: a
    // departure this week shows in next week's output).
    let (then, now) = (was.worked_last, after.worked.team);
    if then != now {
        let size = now as f64 / then.max(1) as f64 - 1.0;
        let text = if now == 0 {
            format!("nobody is left on the team (last week {then})")
        } else {
            format!("team size {then} → {now}")
        };
        drivers.push((size, text));
    }
    // Time the player's actions took from people (a mentee pairs, everyone sits in a
    // meeting): output falls with it, and rises when it is given back.
    let busy = |people: &[Person]| mean(people.iter().map(|p| p.busy));
    let (was_busy, now_busy) = (busy(before), busy(&after.people));
    if (now_busy - was_busy).abs() >= 0.01 && was_busy < 1.0 {
        let size = (1.0 - now_busy) / (1.0 - was_busy) - 1.0;
        // Someone is named only when busier than the rest: a whole team in one meeting has no
        // "most".
        let most = after
            .people
            .iter()
            .filter(|p| p.busy >= 0.05 && p.busy > now_busy + 0.01)
            .max_by(|a, b| a.busy.total_cmp(&b.busy))
            .map(|p| format!(" (most: {} {})", p.name, pct(p.busy)))
            .unwrap_or_default();
        drivers.push((
            size,
            format!(
                "your {} took {} of the team's time, last week {}{most}",
                // An answer's time was booked before the week began.
                if before.iter().any(|p| p.booked > 0.0) {
                    "actions and answers"
                } else {
                    "actions"
                },
                pct(now_busy),
                pct(was_busy)
            ),
        ));
    }
    if after.boost > 0.0 || was.boost > 0.0 {
        let size = (1.0 + after.boost) / (1.0 + was.boost) - 1.0;
        let text = if was.boost <= 0.0 {
            format!("squeezed {} by pressure this week", pct(after.boost))
        } else if after.boost <= 0.0 {
            format!("no squeeze this week (last week {})", pct(was.boost))
        } else {
            format!(
                "squeezed {} by pressure (last week {})",
                pct(after.boost),
                pct(was.boost)
            )
        };
        drivers.push((size, text));
    }
    if after.built > 0.0 || was.built > 0.0 {
        let size = (after.built - was.built) / record.output.max(1e-9);
        let text = if was.built <= 0.0 {
            format!("{:.1} points you built yourself", after.built)
        } else if after.built <= 0.0 {
            format!(
                "you built nothing yourself (last week {:.1} points)",
                was.built
            )
        } else {
            format!(
                "{:.1} points you built yourself (last week {:.1})",
                after.built, was.built
            )
        };
        drivers.push((size, text));
    }
    // Debt drags output: named when the drag moved, with its size this week (the debt the
    // week worked at, after this week's fixes, against the debt the week began with).
    let drag = |debt: f64| 1.0 / (1.0 + debt_drag * debt);
    let (was_drag, now_drag) = (drag(was.debt), drag(produced.debt));
    if (now_drag / was_drag - 1.0).abs() >= 0.01 {
        drivers.push((
            now_drag / was_drag - 1.0,
            format!(
                "worked at debt {:.2} (last week {:.2}), which costs {} of output{}",
                produced.debt,
                was.debt,
                pct(1.0 - now_drag),
                // Paid down before the work, built up again by it: the record shows the latter.
                if (after.debt - produced.debt).abs() >= 0.005 {
                    format!("; the week's work left it at {:.2}", after.debt)
                } else {
                    String::new()
                }
            ),
        ));
    }
    // Coordination and onboarding: named when their cost moved, not every week it stays.
    let coordination = produced.efficiency / was.efficiency.max(1e-9) - 1.0;
    let (cost, was_cost) = (pct(1.0 - produced.efficiency), pct(1.0 - was.efficiency));
    if coordination.abs() >= 0.01 && cost != was_cost {
        drivers.push((
            coordination,
            format!("coordination and onboarding cost {cost} (was {was_cost})"),
        ));
    }
    // Several small drifts can add up to a visible move: then they are the cause.
    if drivers.is_empty() {
        drivers = small;
    }
    drivers.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
    let why: Vec<String> = drivers.into_iter().take(3).map(|(_, s)| s).collect();
    let verb = if change > 0.0 { "rose" } else { "fell" };
    let text = if why.is_empty() {
        format!("Output {verb} {}", pct(change.abs()))
    } else {
        format!("Output {verb} {}: {}", pct(change.abs()), why.join("; "))
    };
    causes.push(Topic::Output, change, || text);
}

/// Weeks in a row a slow drift must run before the feed says so, and again every as many
/// weeks while it lasts: a week's line names only what moved noticeably that week.
const TREND_WEEKS: usize = 4;

/// Slow drifts a week's lines miss: value or output falling, or debt growing, a little every
/// week for [`TREND_WEEKS`] weeks (said then, and every as many weeks while it lasts).
fn explain_trends(history: &[WeekRecord], causes: &mut Feed) {
    if !causes.on {
        return;
    }
    // How many of the latest weeks in a row moved `worse` than the week before.
    let run = |of: fn(&WeekRecord) -> f64, worse: fn(f64, f64) -> bool| {
        (history.windows(2).rev())
            .take_while(|w| worse(of(&w[0]), of(&w[1])))
            .count()
    };
    let since = |weeks: usize, of: fn(&WeekRecord) -> f64| {
        let first = &history[history.len() - 1 - weeks];
        (of(first), of(&history[history.len() - 1]))
    };
    let falls = |a: f64, b: f64| b < a * 0.999;
    let value = run(|r| r.value, falls);
    if value >= TREND_WEEKS && value % TREND_WEEKS == 0 {
        let (from, to) = since(value, |r| r.value);
        causes.push(Topic::Value, to / from.max(1e-9) - 1.0, || {
            format!(
                "Value has fallen {value} weeks running ({from:.1} → {to:.1}): what customers \
                 need moves on, and talking to them finds what is worth building now"
            )
        });
    }
    let output = run(|r| r.output, falls);
    if output >= TREND_WEEKS && output % TREND_WEEKS == 0 {
        let (from, to) = since(output, |r| r.output);
        causes.push(Topic::Output, to / from.max(1e-9) - 1.0, || {
            format!(
                "Output has fallen {output} weeks running ({from:.1} → {to:.1}): the team's \
                 morale, clarity and time are where it goes"
            )
        });
    }
    let debt = run(|r| r.debt, |a, b| b > a + 0.005);
    if debt >= TREND_WEEKS && debt % TREND_WEEKS == 0 {
        let (from, to) = since(debt, |r| r.debt);
        causes.push(Topic::Output, from - to, || {
            format!(
                "Debt has grown {debt} weeks running ({from:.2} → {to:.2}): it drags more \
                 of every week's output until it is paid down"
            )
        });
    }
}

/// " (Priya 0.62 → 0.55)": who moved most on a stat, if anyone moved noticeably.
fn biggest_mover(before: &[Person], after: &State, label: &str) -> String {
    let Some(stat) = Stat::ALL.into_iter().find(|s| s.label() == label) else {
        return String::new();
    };
    paired(before, &after.people)
        .map(|(old, p)| (p.stat(stat) - old.stat(stat), p, old.stat(stat)))
        .max_by(|a, b| a.0.abs().total_cmp(&b.0.abs()))
        .filter(|(d, _, _)| d.abs() >= 0.03)
        .map(|(_, p, old)| format!(" (most: {} {old:.2} → {:.2})", p.name, p.stat(stat)))
        .unwrap_or_default()
}

/// Each person of `after` with the first person of `before` who has the same id (people who
/// joined have none), in `after`'s order: a look-up by id rather than a scan, so explaining a
/// week grows with the team's size, not its square. (A `BTreeMap`: the core takes no
/// randomness from the system, not even a hasher's seed.)
fn paired<'a>(
    before: &'a [Person],
    after: &'a [Person],
) -> impl Iterator<Item = (&'a Person, &'a Person)> {
    let mut first: BTreeMap<&str, &Person> = BTreeMap::new();
    for b in before {
        first.entry(b.id.as_str()).or_insert(b);
    }
    after
        .iter()
        .filter_map(move |p| Some((*first.get(p.id.as_str())?, p)))
}

/// Weeks of salaries the budget covers below which the feed warns.
const RUNWAY_WARNING: f64 = 8.0;

/// Warns, with the numbers, when the budget will not cover salaries for long at this week's
/// pace: the player sees the money running out before it forces a cut.
fn explain_runway(budget: f64, salaries: f64, income: f64, causes: &mut Feed) {
    let burn = salaries - income;
    if salaries <= 0.0 || burn <= 1e-9 {
        return;
    }
    // Below zero the cut itself is said (see `State::cut_if_broke`).
    let weeks = budget / burn;
    if budget < 0.0 || weeks >= RUNWAY_WARNING {
        return;
    }
    causes.push(Topic::Money, -1.0 / (1.0 + weeks), || {
        let left = if weeks < 1.0 {
            "less than a week".to_string()
        } else {
            format!("about {weeks:.0} more weeks")
        };
        format!(
            "Money: the budget ({budget:.0}) covers {left}: salaries {salaries:.1} a week \
             against {income:.1} coming in; then people are let go"
        )
    });
}

/// Names what moved value since last week.
fn explain_value(
    last: &WeekRecord,
    after: &State,
    record: &WeekRecord,
    m: &Model,
    causes: &mut Feed,
) {
    let change = if last.value > 1e-9 {
        record.value / last.value - 1.0
    } else {
        0.0
    };
    if last.value > 1e-9 && change.abs() < 0.02 {
        return;
    }
    if last.value <= 1e-9 && record.value <= 1e-9 {
        return;
    }
    let mut why = Vec::new();
    // Value is revenue from adoption, so a small move in adoption is a visible move in value.
    // A small share of a large segment is a visible move too: named when it moves by a
    // hundredth of itself.
    let adoption = record.adoption - last.adoption;
    let relative = if last.adoption > 1e-9 {
        adoption / last.adoption
    } else {
        0.0
    };
    if adoption.abs() >= 0.0005 {
        why.push(format!("adoption {:+.2} points", adoption * 100.0));
    } else if relative.abs() >= 0.01 {
        why.push(format!("adoption {:+.0}%", relative * 100.0));
    }
    // Adoption above what the product is now worth to a segment drifts down: name the fade.
    let behind =
        || (after.segments.iter()).any(|s| s.adoption_target(m.adoption_half) < s.adoption);
    if adoption < 0.0 && m.worth_decay > 0.0 && behind() {
        why.push(format!(
            "needs moved on (what shipped loses {} of its worth a week; customers drift from a product that falls behind)",
            pct(m.worth_decay)
        ));
    }
    let satisfaction = record.satisfaction - last.satisfaction;
    if satisfaction.abs() >= 0.005 {
        why.push(format!("satisfaction {:+.2}", satisfaction));
    }
    let unaimed = after.focus < 0.05
        && after
            .items
            .iter()
            .filter(|i| i.revealed && i.open())
            .count()
            == 0;
    if unaimed && record.output > 0.0 {
        why.push(
            "nobody knows what customers need, so effort goes where the team finds it interesting"
                .into(),
        );
    }
    let verb = if change >= 0.0 { "rose" } else { "fell" };
    let text = if why.is_empty() {
        format!("Value {verb} {}", pct(change.abs()))
    } else {
        format!("Value {verb} {}: {}", pct(change.abs()), why.join("; "))
    };
    causes.push(Topic::Value, change, || text);
}

/// A share as a whole percentage.
fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

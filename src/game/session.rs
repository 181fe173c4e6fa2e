//! The run in progress, and the one place that turns the player's intents into core calls.
//!
//! Screens never call the core's mutating API themselves: they write an [`Intent`], and
//! [`apply`] carries it out, moves between screens, autosaves and reports problems as a
//! [`Notice`]. Tests drive the game by writing the same intents.

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;

use super::live::Reloading;
use super::pending::{self, Background};
use super::saves::{self, AUTOSAVE, Listing, SaveFile, SaveList, SavedWorkshop};
use super::scenarios::{self, Catalog, Entry, Scanning, Source};
use super::screens::{Overlay, Screen};
use crate::scenario;
use crate::sim::{self, Game, Planned, Policy, Scenario, Totals, WeekLog, WeekReport};
use crate::storage::DataDir;
use crate::workshop::{Code, HashedScenario, ResultFile};

/// Something the player asked for.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum Intent {
    /// Pick the catalog entry at this index and show its briefing (seed: random if `None`).
    Choose { entry: usize, seed: Option<u64> },
    /// Join a workshop: play the world its code names, as this team.
    Join { code: String, team: String },
    /// Start playing the briefed scenario.
    Begin,
    /// Show the author view (errors, lesson check) of the catalog entry at this index.
    Author(usize),
    /// Write a starter scenario with this name into the scenario folder and open its author
    /// view.
    NewScenario(String),
    /// Add an action to the plan.
    Add(Planned),
    /// Remove the plan entry at this index.
    Remove(usize),
    /// Empty the plan.
    ClearPlan,
    /// Play the week.
    EndWeek,
    /// Decide the pending event.
    Decide(usize),
    /// Take back the last week.
    Undo,
    /// Save under a name.
    Save(String),
    /// Load a save file.
    Load(PathBuf),
    /// Load the autosave.
    Continue,
    /// Same scenario, new seed.
    PlayAgain,
    /// The next scenario in the list.
    NextScenario,
    /// Back to the title screen.
    ToTitle,
    /// Re-read the scenario folder and the saves.
    Rescan,
    /// Close the game.
    Quit,
}

/// A line for the player about the last thing that happened: a confirmation or a problem.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The text.
    pub text: String,
    /// Whether it reports a problem.
    pub error: bool,
}

/// What happened in a week beyond the numbers: an event and the choice made.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRecord {
    /// The week it followed, from 1.
    pub week: u32,
    /// The event's title.
    pub title: String,
    /// The label of the choice made, once made.
    pub choice: Option<String>,
}

/// What the player has selected as the target for actions that need one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    /// A person's id.
    pub person: Option<String>,
    /// A backlog item's id.
    pub item: Option<String>,
    /// A segment's id.
    pub segment: Option<String>,
}

/// A run being played, with what the screens need beyond the core's state.
#[derive(Debug)]
pub struct Run {
    /// Where the scenario came from (for saves).
    pub source: Source,
    /// The core's run.
    pub game: Game,
    /// The report of every played week, in order (the feed and the debrief's key moments).
    pub reports: Vec<WeekReport>,
    /// Every event that happened.
    pub events: Vec<EventRecord>,
    /// Current targets.
    pub selection: Selection,
    /// Seconds (of the UI clock) when the last week ended: the flow animation replays then.
    pub ended_at: f64,
    /// The workshop this run belongs to, if it was joined with a code.
    pub workshop: Option<Workshop>,
    /// The week's countdown, if the workshop keeps time.
    pub timer: Option<WeekTimer>,
}

/// A workshop run: the code every table typed, this table's name, and the scenario's hash
/// that goes into the result file.
#[derive(Clone, Debug, PartialEq)]
pub struct Workshop {
    /// The code.
    pub code: Code,
    /// The team's name.
    pub team: String,
    /// [`crate::workshop::content_hash`] of the scenario played.
    pub hash: String,
}

/// A countdown per week: when it runs out the week ends with the plan as it stands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WeekTimer {
    /// Seconds each week gets.
    pub per_week: f64,
    /// Seconds left this week.
    pub left: f64,
}

impl WeekTimer {
    /// A full week's countdown.
    pub fn new(seconds: u32) -> Self {
        Self {
            per_week: f64::from(seconds),
            left: f64::from(seconds),
        }
    }

    /// Starts the countdown again for a new week.
    pub fn restart(&mut self) {
        self.left = self.per_week;
    }
}

impl Run {
    /// A fresh run.
    pub fn new(source: Source, scenario: Arc<Scenario>, seed: u64) -> Self {
        let game = Game::new(scenario, seed);
        let mut run = Self {
            source,
            game,
            reports: Vec::new(),
            events: Vec::new(),
            selection: Selection::default(),
            ended_at: f64::NEG_INFINITY,
            workshop: None,
            timer: None,
        };
        run.default_selection();
        run
    }

    /// Rebuilds a run from a log with every week's report, so the feed and key moments are
    /// complete after loading.
    pub fn replay(
        source: Source,
        scenario: Arc<Scenario>,
        seed: u64,
        log: &[WeekLog],
        plan: Vec<Planned>,
    ) -> Result<Self, String> {
        let mut run = Self::new(source, scenario, seed);
        for (i, week) in log.iter().enumerate() {
            let at = |e: String| format!("week {} cannot be replayed: {e}", i + 1);
            run.game.set_plan(week.plan.clone());
            run.end_week().map_err(at)?;
            match (week.choice, run.game.pending().is_some()) {
                (Some(c), true) => run.decide(c).map_err(at)?,
                (None, false) => {}
                (Some(_), false) => {
                    return Err(at("a choice is saved but no event happened".into()));
                }
                (None, true) if i + 1 < log.len() => {
                    return Err(at("an event happened but no choice is saved".into()));
                }
                (None, true) => {}
            }
        }
        run.game.set_plan(plan);
        run.default_selection();
        Ok(run)
    }

    /// The workshop part of a save of this run.
    pub fn saved_workshop(&self) -> Option<SavedWorkshop> {
        self.workshop.as_ref().map(|w| SavedWorkshop {
            code: w.code.to_string(),
            team: w.team.clone(),
        })
    }

    /// Makes this run a workshop run, with its countdown if the code sets one.
    pub fn join(&mut self, workshop: Workshop) {
        self.timer = workshop.code.week_seconds.map(WeekTimer::new);
        self.workshop = Some(workshop);
    }

    /// Plays the week and keeps its report.
    pub fn end_week(&mut self) -> Result<(), String> {
        let report = self.game.end_week(true).map_err(|e| e.to_string())?;
        self.reports.push(report);
        if let Some(timer) = self.timer.as_mut() {
            timer.restart();
        }
        if let Some(p) = self.game.pending() {
            let title = self
                .game
                .scenario()
                .event(&p.event)
                .map_or_else(|| p.event.clone(), |e| e.title.clone());
            self.events.push(EventRecord {
                week: self.game.state().week,
                title,
                choice: None,
            });
        }
        self.default_selection();
        Ok(())
    }

    /// Decides the pending event.
    pub fn decide(&mut self, index: usize) -> Result<(), String> {
        let label = self.choice_labels().get(index).cloned();
        self.game.choose(index).map_err(|e| e.to_string())?;
        if let Some(last) = self.events.last_mut()
            && last.choice.is_none()
        {
            last.choice = label;
        }
        self.default_selection();
        Ok(())
    }

    /// The pending event's choice labels with the subject's name filled in.
    pub fn choice_labels(&self) -> Vec<String> {
        let Some(p) = self.game.pending() else {
            return Vec::new();
        };
        let name = self.subject_name();
        self.game
            .scenario()
            .event(&p.event)
            .map(|e| {
                e.choices
                    .iter()
                    .map(|c| c.label.replace("{name}", &name))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The name of the pending event's subject ("someone" if it has none).
    pub fn subject_name(&self) -> String {
        let Some(p) = self.game.pending() else {
            return String::new();
        };
        let state = self.game.state();
        p.subject
            .as_deref()
            .and_then(|id| {
                state
                    .people
                    .iter()
                    .chain(state.departed.iter().map(|(_, p)| p))
                    .find(|x| x.id == id)
            })
            .map_or_else(|| "someone".to_string(), |x| x.name.clone())
    }

    /// Takes back the last week (the plan returns to what it was).
    pub fn undo(&mut self) -> bool {
        let Some(game) = self.game.undo() else {
            return false;
        };
        let week = self.game.state().week;
        self.events.retain(|e| e.week < week);
        self.reports.pop();
        self.game = game;
        if let Some(timer) = self.timer.as_mut() {
            timer.restart();
        }
        self.default_selection();
        true
    }

    /// Keeps each selection pointing at something that still exists, defaulting to the first.
    fn default_selection(&mut self) {
        let s = self.game.state();
        let sel = &mut self.selection;
        if sel
            .person
            .as_deref()
            .is_none_or(|id| s.person_index(id).is_none())
        {
            sel.person = s.people.first().map(|p| p.id.clone());
        }
        if sel
            .item
            .as_deref()
            .is_none_or(|id| s.item_index(id).is_none_or(|i| !s.items[i].open()))
        {
            sel.item = s.items.iter().find(|i| i.open()).map(|i| i.id.clone());
        }
        if sel
            .segment
            .as_deref()
            .is_none_or(|id| s.segment_index(id).is_none())
        {
            sel.segment = s.segments.first().map(|x| x.id.clone());
        }
    }

    /// The planned entry for an action aimed at the current selection.
    pub fn aimed(&self, def: &sim::ActionDef) -> Planned {
        let target = match def.target {
            sim::TargetKind::None => None,
            sim::TargetKind::Person => self.selection.person.clone(),
            sim::TargetKind::Item => self.selection.item.clone(),
            sim::TargetKind::Segment => self.selection.segment.clone(),
        };
        Planned {
            action: def.id.clone(),
            target,
        }
    }

    /// The display name of a target id (person, item or segment).
    pub fn target_name(&self, id: &str) -> String {
        let s = self.game.state();
        s.people
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.clone())
            .or_else(|| s.items.iter().find(|i| i.id == id).map(|i| i.name.clone()))
            .or_else(|| {
                s.segments
                    .iter()
                    .find(|x| x.id == id)
                    .map(|x| x.name.clone())
            })
            .unwrap_or_else(|| id.to_string())
    }
}

/// One bot's run on the same seed, for the debrief.
#[derive(Clone, Debug)]
pub struct BotRun {
    /// The archetype.
    pub policy: Policy,
    /// Its totals.
    pub totals: Totals,
    /// Its weekly Output and Value.
    pub weekly: Vec<(f64, f64)>,
}

/// The debrief's numbers, computed once when the run ends.
#[derive(Clone, Debug)]
pub struct Debrief {
    /// The player's totals.
    pub totals: Totals,
    /// Every bot on the same scenario and seed.
    pub bots: Vec<BotRun>,
    /// The weeks worth remembering, in order.
    pub moments: Vec<(u32, String)>,
}

impl Debrief {
    /// Plays every bot on the run's seed and picks out the key moments.
    pub fn of(run: &Run) -> Self {
        Self::compare(
            Totals::of(&run.game),
            key_moments(run),
            run.game.scenario(),
            run.game.seed(),
        )
    }

    /// The debrief of a run with these totals and moments: every bot plays `scenario` on
    /// `seed`, as long as the scenario makes it (hence off the frame thread).
    fn compare(
        totals: Totals,
        moments: Vec<(u32, String)>,
        scenario: &Arc<Scenario>,
        seed: u64,
    ) -> Self {
        let bots = Policy::ALL
            .iter()
            .map(|&policy| {
                let g = sim::play(scenario, policy, seed);
                BotRun {
                    policy,
                    totals: Totals::of(&g),
                    weekly: g
                        .state()
                        .history
                        .iter()
                        .map(|r| (r.output, r.value))
                        .collect(),
                }
            })
            .collect();
        Self {
            totals,
            bots,
            moments,
        }
    }
}

/// The biggest weekly swings of Output and Value, departures, events and big ships.
fn key_moments(run: &Run) -> Vec<(u32, String)> {
    let history = &run.game.state().history;
    let mut moments: Vec<(u32, String)> = Vec::new();
    let swing = |pick: fn(&sim::WeekRecord) -> f64,
                 topic: sim::Topic,
                 name: &str,
                 moments: &mut Vec<(u32, String)>| {
        let best = history
            .windows(2)
            .map(|w| (w[1].week, pick(&w[0]), pick(&w[1])))
            .filter(|(_, a, _)| *a > 0.01)
            .map(|(week, a, b)| (week, (b - a) / a))
            .max_by(|x, y| x.1.abs().total_cmp(&y.1.abs()));
        if let Some((week, change)) = best
            && change.abs() > 0.05
        {
            let why = run
                .reports
                .get(week as usize - 1)
                .and_then(|r| r.causes.iter().find(|c| c.topic == topic))
                .map(|c| c.text.clone());
            let headline = format!(
                "{name} {} {:.0}%",
                if change > 0.0 { "rose" } else { "fell" },
                change.abs() * 100.0
            );
            // The core's cause usually states the change itself; add it only if not.
            let text = match why {
                Some(w) if w.starts_with(name) => w,
                Some(w) => format!("{headline}: {w}"),
                None => headline,
            };
            moments.push((week, text));
        }
    };
    swing(|r| r.output, sim::Topic::Output, "Output", &mut moments);
    swing(|r| r.value, sim::Topic::Value, "Value", &mut moments);
    for (week, person) in &run.game.state().departed {
        moments.push((*week, format!("{} left the team", person.name)));
    }
    for e in &run.events {
        let choice = e
            .choice
            .as_deref()
            .map(|c| format!(" — you chose “{c}”"))
            .unwrap_or_default();
        moments.push((e.week, format!("{}{choice}", e.title)));
    }
    let best_ship = run
        .game
        .state()
        .items
        .iter()
        .filter_map(|i| i.shipped.map(|w| (w, i)))
        .max_by(|a, b| a.1.total_value().total_cmp(&b.1.total_value()));
    if let Some((week, item)) = best_ship {
        moments.push((
            week,
            format!(
                "Shipped {} (worth {:.1} to customers)",
                item.name,
                item.total_value()
            ),
        ));
    }
    if let Some(peak) = history.iter().max_by(|a, b| a.value.total_cmp(&b.value)) {
        moments.push((peak.week, format!("Best week for Value: {:.1}", peak.value)));
    }
    moments.sort_by_key(|m| m.0);
    moments
}

/// The game's session: the run (if any), the entry being briefed, and the last notice.
#[derive(Resource, Default, Debug)]
pub struct Session {
    /// The run in progress.
    pub run: Option<Run>,
    /// The catalog entry chosen on the title screen.
    pub entry: Option<usize>,
    /// The last confirmation or problem to show.
    pub notice: Option<Notice>,
    /// The debrief, once the run has ended.
    pub debrief: Option<Debrief>,
    /// Whether the last week's report is still unseen (the UI restarts the flow animation).
    pub fresh_week: bool,
    /// Where the workshop result file was written at the debrief, or why it could not be.
    pub result: Option<Result<PathBuf, String>>,
    /// Whether the player asked to read the folders again and has not been told the counts.
    rescanning: bool,
}

impl Session {
    /// Makes `run` the run in progress, from catalog entry `entry`, with nothing left over
    /// from the last one (debrief, result file, notice).
    fn start(&mut self, run: Run, entry: Option<usize>) {
        self.run = Some(run);
        self.entry = entry;
        self.debrief = None;
        self.result = None;
        self.notice = None;
    }

    /// Shows a confirmation.
    pub fn tell(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            error: false,
        });
    }

    /// Shows a problem.
    pub fn fail(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            error: true,
        });
    }
}

/// A run made off the frame thread (a save loaded, a workshop joined), ready to be shown.
#[derive(Debug)]
pub struct Arrival {
    /// The run.
    run: Run,
    /// Its debrief, if it has already ended.
    debrief: Option<Debrief>,
    /// What to tell the player.
    notice: Option<Notice>,
    /// The screen it opens on.
    screen: Screen,
}

/// A run being made in the background, or why it could not be. While one is, the player's
/// intents are ignored (they would act on the run being replaced) and a loading window shows.
pub type Loading = Background<Result<Arrival, String>>;

/// The bots playing the finished run's seed for the debrief; the player waits for it too.
pub type Comparing = Background<Debrief>;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Session>();
    app.add_message::<Intent>();
    pending::register::<Result<Arrival, String>>(app);
    pending::register::<Debrief>(app);
    app.add_systems(
        Update,
        (
            arrive.run_if(pending::in_flight::<Result<Arrival, String>>),
            compared.run_if(pending::in_flight::<Debrief>),
            count_down,
            apply,
            report_rescan,
        )
            .chain(),
    );
}

/// What the player waits for, if a run is being made, replayed or compared with the bots
/// in the background.
pub fn waiting_for<'a>(
    loading: &'a Loading,
    comparing: &'a Comparing,
    reloading: Option<&'a Reloading>,
) -> Option<&'a str> {
    loading
        .what()
        .or_else(|| comparing.what())
        .or_else(|| reloading.and_then(Background::what))
}

/// Runs the workshop's week timer while the week is being planned; at zero the week ends
/// with the plan as it stands. An event waiting for a decision stops the clock.
fn count_down(
    mut session: ResMut<Session>,
    time: Res<Time<Real>>,
    screen: Res<State<Screen>>,
    mut intents: MessageWriter<Intent>,
    loading: Res<Loading>,
    comparing: Res<Comparing>,
    reloading: Option<Res<Reloading>>,
) {
    let waiting = waiting_for(&loading, &comparing, reloading.as_deref()).is_some();
    if *screen.get() != Screen::Play || waiting {
        return;
    }
    let Some(run) = session.run.as_mut() else {
        return;
    };
    if run.game.finished() || run.game.pending().is_some() {
        return;
    }
    let Some(timer) = run.timer.as_mut() else {
        return;
    };
    timer.left -= time.delta_secs_f64();
    if timer.left <= 0.0 {
        timer.left = 0.0;
        intents.write(Intent::EndWeek);
    }
}

/// A workshop run of the world `code` names, for `team`.
fn join(code: &str, team: &str, data: &DataDir) -> Result<Run, String> {
    let code = Code::parse(code)?;
    let team = team.trim();
    if team.is_empty() {
        return Err("type your team's name: it goes on the facilitator's leaderboard".into());
    }
    let (source, hashed) = if scenario::BUILTINS.iter().any(|b| b.id == code.scenario) {
        let hashed = HashedScenario::resolve(&code.scenario).map_err(|e| e.first_line())?;
        (Source::Builtin(code.scenario.clone()), hashed)
    } else {
        let path = data.scenarios().join(format!("{}.ron", code.scenario));
        if !path.is_file() {
            return Err(format!(
                "no scenario is called `{}`: a workshop code names a built-in scenario or a file in your scenario folder ({})",
                code.scenario,
                data.scenarios().display()
            ));
        }
        let hashed = HashedScenario::load(&path).map_err(|e| e.first_line())?;
        (Source::File(path), hashed)
    };
    let mut run = Run::new(source, hashed.scenario, code.seed);
    run.join(Workshop {
        code,
        team: team.to_string(),
        hash: hashed.hash,
    });
    Ok(run)
}

/// A seed from the clock: every new run differs unless a seed is given.
fn fresh_seed() -> u64 {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    // splitmix64 finaliser: nearby times give unrelated seeds.
    let mut z = t.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) % 1_000_000
}

/// Carries out every intent written this frame.
pub fn apply(
    mut intents: MessageReader<Intent>,
    mut session: ResMut<Session>,
    mut catalog: ResMut<Catalog>,
    mut scanning: ResMut<Scanning>,
    mut saves: ResMut<Listing>,
    mut loading: ResMut<Loading>,
    mut comparing: ResMut<Comparing>,
    reloading: Option<Res<Reloading>>,
    mut overlay: ResMut<Overlay>,
    data: Res<DataDir>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut exit: MessageWriter<AppExit>,
) {
    let mut screen_now = *screen.get();
    let go = |to: Screen, next: &mut NextState<Screen>, now: &mut Screen| {
        next.set(to);
        *now = to;
    };
    for intent in intents.read() {
        // Only quitting is not about the run being made: everything else waits for it (the
        // loading window says so), and is dropped rather than applied to the wrong run.
        let waiting = waiting_for(&loading, &comparing, reloading.as_deref()).is_some();
        if waiting && *intent != Intent::Quit {
            continue;
        }
        match intent.clone() {
            Intent::Choose { entry, seed } => match catalog.entries.get(entry) {
                Some(e) => match &e.scenario {
                    Ok(scenario) => {
                        let seed = seed.unwrap_or_else(fresh_seed);
                        let run = Run::new(e.source.clone(), scenario.clone(), seed);
                        session.start(run, Some(entry));
                        go(Screen::Briefing, &mut next, &mut screen_now);
                    }
                    Err(err) => session.fail(format!("{} cannot be played: {err}", e.title())),
                },
                None => session.fail("there is no such scenario"),
            },
            Intent::NewScenario(name) => {
                if scanning.busy() {
                    session.fail(
                        "still reading your scenario folder: try again when its scenarios are listed",
                    );
                    continue;
                }
                let Some(path) = scenario::starter::target(&name, &data.scenarios()) else {
                    session.fail("give the scenario a name with a letter or digit in it");
                    continue;
                };
                match scenario::starter::create(&path, &name, false) {
                    Ok(()) => {
                        // The starter is ours and small: it is read here, not in the background.
                        let entry = Some(catalog.insert(Entry::read(Source::File(path.clone()))));
                        session.entry = entry;
                        session.tell(format!(
                            "Wrote {}: open it in a text editor; every save reloads it here",
                            path.display()
                        ));
                        *overlay = Overlay::None;
                        if entry.is_some() {
                            go(Screen::Author, &mut next, &mut screen_now);
                        }
                    }
                    Err(e) => session.fail(e.to_string()),
                }
            }
            Intent::Join { code, team } => {
                let data = data.clone();
                loading.start(format!("Joining workshop {}…", code.trim()), move || {
                    join(&code, &team, &data).map(|run| Arrival {
                        run,
                        debrief: None,
                        notice: None,
                        screen: Screen::Briefing,
                    })
                });
            }
            Intent::Author(entry) => {
                if entry < catalog.entries.len() {
                    session.entry = Some(entry);
                    session.notice = None;
                    go(Screen::Author, &mut next, &mut screen_now);
                } else {
                    session.fail("there is no such scenario");
                }
            }
            Intent::Begin => {
                if session.run.is_some() {
                    go(Screen::Play, &mut next, &mut screen_now);
                }
            }
            Intent::Add(planned) => {
                if let Some(run) = session.run.as_mut() {
                    if let Err(why) = run.game.add(planned) {
                        session.fail(format!("can't plan that: {why}"));
                    } else {
                        session.notice = None;
                    }
                }
            }
            Intent::Remove(i) => {
                if let Some(run) = session.run.as_mut() {
                    run.game.remove(i);
                }
            }
            Intent::ClearPlan => {
                if let Some(run) = session.run.as_mut() {
                    run.game.set_plan(Vec::new());
                }
            }
            Intent::EndWeek => {
                let Some(run) = session.run.as_mut() else {
                    continue;
                };
                if let Err(why) = run.end_week() {
                    session.fail(why);
                    continue;
                }
                session.fresh_week = true;
                session.notice = None;
                after_week(&mut session, &data, &mut saves, &mut comparing);
            }
            Intent::Decide(i) => {
                let Some(run) = session.run.as_mut() else {
                    continue;
                };
                if let Err(why) = run.decide(i) {
                    session.fail(why);
                    continue;
                }
                after_week(&mut session, &data, &mut saves, &mut comparing);
            }
            Intent::Undo => {
                let Some(run) = session.run.as_mut() else {
                    continue;
                };
                if run.undo() {
                    let week = run.game.week();
                    session.debrief = None;
                    session.result = None;
                    session.tell(format!("Took back a week: planning week {week} again"));
                    autosave(&mut session, &data, &mut saves);
                    if screen_now != Screen::Play {
                        go(Screen::Play, &mut next, &mut screen_now);
                    }
                } else {
                    session.fail("nothing to undo: no week has been played yet");
                }
            }
            Intent::Save(name) => {
                let Some(run) = session.run.as_ref() else {
                    session.fail("there is no game to save");
                    continue;
                };
                let name = if name.trim().is_empty() {
                    format!(
                        "{} week {}",
                        run.game.scenario().story.title,
                        run.game.week()
                    )
                } else {
                    name.trim().to_string()
                };
                let save = SaveFile::of_run(&name, &run.source, &run.game, run.saved_workshop());
                let path = data.saves().join(saves::file_name(&name));
                match saves::write(&path, &save) {
                    Ok(()) => {
                        session.tell(format!("Saved as “{name}”"));
                        saves::rescan(&mut saves, &data);
                        *overlay = Overlay::None;
                    }
                    Err(e) => session.fail(e),
                }
            }
            Intent::Load(path) => {
                let what = format!("Loading {}…", file_name(&path));
                loading.start(what, move || open_save(&path));
            }
            Intent::Continue => {
                let path = data.saves().join(AUTOSAVE);
                loading.start("Continuing your last run…", move || open_save(&path));
            }
            Intent::PlayAgain => {
                let Some(run) = session.run.as_ref() else {
                    continue;
                };
                let run = Run::new(
                    run.source.clone(),
                    run.game.scenario().clone(),
                    fresh_seed(),
                );
                let entry = session.entry;
                session.start(run, entry);
                go(Screen::Briefing, &mut next, &mut screen_now);
            }
            Intent::NextScenario => {
                let current = session
                    .run
                    .as_ref()
                    .and_then(|r| catalog.position(&r.source))
                    .or(session.entry)
                    .unwrap_or(0);
                match catalog.next_playable(current) {
                    Some(i) => {
                        let e = &catalog.entries[i];
                        if let Ok(scenario) = &e.scenario {
                            let run = Run::new(e.source.clone(), scenario.clone(), fresh_seed());
                            session.start(run, Some(i));
                            go(Screen::Briefing, &mut next, &mut screen_now);
                        }
                    }
                    None => session.fail("no other scenario can be played"),
                }
            }
            Intent::ToTitle => {
                saves::rescan(&mut saves, &data);
                go(Screen::Title, &mut next, &mut screen_now);
            }
            Intent::Rescan => {
                scenarios::rescan(&mut scanning, &data);
                saves::rescan(&mut saves, &data);
                session.tell("Reading the scenario folder and the saves again…");
                session.rescanning = true;
            }
            Intent::Quit => {
                exit.write(AppExit::Success);
            }
        }
    }
}

/// After a week or a decision: autosave, and go to the debrief when the run is over.
/// The bots are played in the background; the debrief shows when they are done.
fn after_week(
    session: &mut Session,
    data: &DataDir,
    saves: &mut Listing,
    comparing: &mut Comparing,
) {
    autosave(session, data, saves);
    let Some(run) = session.run.as_ref() else {
        return;
    };
    if run.game.finished() && run.game.pending().is_none() {
        session.result = run.workshop.as_ref().map(|w| write_result(run, w, data));
        let (totals, moments) = (Totals::of(&run.game), key_moments(run));
        let (scenario, seed) = (run.game.scenario().clone(), run.game.seed());
        comparing.start("Playing the bots on your seed…", move || {
            Debrief::compare(totals, moments, &scenario, seed)
        });
    }
}

/// Shows the debrief once the bots have played.
fn compared(
    mut comparing: ResMut<Comparing>,
    mut session: ResMut<Session>,
    mut next: ResMut<NextState<Screen>>,
) {
    match comparing.finished() {
        Some(Ok(debrief)) => {
            session.debrief = Some(debrief);
            next.set(Screen::Debrief);
        }
        Some(Err(why)) => session.fail(format!("The bots could not be played: {why}")),
        None => {}
    }
}

/// The workshop of a saved run, with the hash of its scenario as it is now.
fn rejoin(saved: &SavedWorkshop, source: &Source) -> Result<Workshop, String> {
    let code = Code::parse(&saved.code)?;
    let hashed = match source {
        Source::Builtin(id) => HashedScenario::resolve(id),
        Source::File(path) => HashedScenario::load(path),
    }
    .map_err(|e| e.first_line())?;
    Ok(Workshop {
        code,
        team: saved.team.clone(),
        hash: hashed.hash,
    })
}

/// Writes the workshop result file into the results folder, returning its path.
fn write_result(run: &Run, workshop: &Workshop, data: &DataDir) -> Result<PathBuf, String> {
    let result = ResultFile::of(&workshop.team, &workshop.code, &run.game, &workshop.hash);
    let path = data.results().join(result.file_name());
    result.write(&path).map(|()| path)
}

/// Rewrites the autosave; a failure is shown but never stops play.
fn autosave(session: &mut Session, data: &DataDir, saves: &mut Listing) {
    let Some(run) = session.run.as_ref() else {
        return;
    };
    let save = SaveFile::of_run("Autosave", &run.source, &run.game, run.saved_workshop());
    match saves::write(&data.saves().join(AUTOSAVE), &save) {
        Ok(()) => saves::rescan(saves, data),
        Err(e) => session.fail(format!("autosave failed: {e}")),
    }
}

/// A path's file name, for messages.
fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into(),
    )
}

/// Reads a save and replays it: on a background thread, since the save's size and the
/// length of its log are the player's.
fn open_save(path: &std::path::Path) -> Result<Arrival, String> {
    let name = file_name(path);
    let save = saves::read(path).map_err(|e| format!("Cannot load {name}: {e}"))?;
    let scenario = save.scenario.load().map_err(|e| {
        format!(
            "Cannot load {name}: its scenario {} does not load: {e}",
            save.scenario.describe()
        )
    })?;
    let plan = save.plan.iter().map(Planned::from).collect();
    let mut run = Run::replay(
        save.scenario.clone(),
        scenario,
        save.seed,
        &save.week_logs(),
        plan,
    )
    .map_err(|e| format!("Cannot load {name}: {e} (was the scenario file changed since?)"))?;
    let mut lost = None;
    if let Some(saved) = &save.workshop {
        match rejoin(saved, &run.source) {
            Ok(workshop) => run.join(workshop),
            Err(e) => lost = Some(e),
        }
    }
    let finished = run.game.finished() && run.game.pending().is_none();
    let notice = match lost {
        None => Notice {
            text: format!("Loaded “{}”", save.name),
            error: false,
        },
        Some(e) => Notice {
            text: format!(
                "Loaded “{}” without its workshop ({e}): no result file will be written",
                save.name
            ),
            error: true,
        },
    };
    Ok(Arrival {
        debrief: finished.then(|| Debrief::of(&run)),
        run,
        notice: Some(notice),
        screen: if finished {
            Screen::Debrief
        } else {
            Screen::Play
        },
    })
}

/// Shows the run made in the background, or says why there is none.
fn arrive(
    mut loading: ResMut<Loading>,
    mut session: ResMut<Session>,
    catalog: Res<Catalog>,
    mut overlay: ResMut<Overlay>,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(answer) = loading.finished() else {
        return;
    };
    match answer {
        Ok(Ok(arrival)) => {
            let entry = catalog.position(&arrival.run.source);
            session.start(arrival.run, entry);
            session.debrief = arrival.debrief;
            session.notice = arrival.notice;
            *overlay = Overlay::None;
            next.set(arrival.screen);
        }
        Ok(Err(why)) => session.fail(why),
        Err(why) => session.fail(format!("Loading failed: {why}")),
    }
}

/// Tells the player what a rescan found, once both folders have been read.
fn report_rescan(
    mut session: ResMut<Session>,
    scanning: Res<Scanning>,
    listing: Res<Listing>,
    catalog: Res<Catalog>,
    saves: Res<SaveList>,
) {
    if session.rescanning && !scanning.busy() && !listing.busy() {
        session.rescanning = false;
        session.tell(format!(
            "Found {} scenarios and {} saves",
            catalog.entries.len(),
            saves.saves.len()
        ));
    }
}

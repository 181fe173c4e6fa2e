//! A run being played, with what the screens need beyond the core's state: where its
//! scenario came from, every week's report (the feed), the player's selection, and the
//! workshop it belongs to with the week's countdown.

use std::path::Path;
use std::sync::Arc;

use super::Source;
use super::hosted::Hosted;
use super::save::{SavedRoom, SavedWorkshop};
use crate::format::diagnostic::clip;
use crate::format::{self, Found};
use crate::room::{Address, ClientError, Clock, Pacing};
use crate::sim::{self, Game, GameError, Planned, Scenario, WeekLog, WeekReport};
use crate::workshop::{Code, CodeError, HashedScenario};

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
    /// What the team would produce in an ordinary week as it stands (`State::capacity`),
    /// worked out once whenever the world changes rather than on every frame that shows it.
    capacity: f64,
    /// Current targets.
    pub selection: Selection,
    /// The workshop this run belongs to, if it was joined with a code.
    pub workshop: Option<Workshop>,
    /// The week's countdown, if the workshop keeps time.
    pub timer: Option<WeekTimer>,
    /// Weeks taken back with Undo, for the workshop's result.
    pub undos: u32,
    /// When each played week was ended, in seconds since 1970, for the workshop's result.
    pub ended_at: Vec<u64>,
    /// Where this run was forked from, if it is a fork: it then belongs to no workshop, so
    /// it never replaces a table's result.
    pub fork: Option<Fork>,
    /// The autosave file this run writes, when it was loaded from a save: the autosave's own
    /// name, or for a named save one of its own ([`super::save::autosave_of_loaded`]), so
    /// playing on from a named save never replaces the autosave of the run it was saved from
    /// (a finished run's, which Load would lose). `None`: the name its scenario, seed, team
    /// and fork make.
    pub autosave: Option<String>,
    /// What adding each action or giving each answer would do, each worked out once and kept
    /// until the run or its plan changes.
    pub whatif: super::whatif::Previews,
}

/// A fork's origin: the run it was taken from, and the weeks of it the fork kept.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Fork {
    /// The weeks kept: the fork plays on from the week after.
    pub week: u32,
    /// The run it was taken from, in words ("Night Owls in brilliant-team-4821").
    pub of: String,
    /// That run's weekly Output and Value, for the fork's debrief to draw beside its own.
    pub original: Vec<(f64, f64)>,
}

/// A run's weeks played again on a scenario (a save being loaded, an edited file): the core's
/// run and every week's report, not yet a run of the game's. A load makes a new run of it
/// ([`Run::replay`]); after a live edit only the run it was made from can take it
/// ([`Run::follow`]), which keeps what is the run's own.
#[derive(Debug)]
pub struct Replay {
    game: Game,
    reports: Vec<WeekReport>,
    /// The content hash of the scenario version played, for a workshop's result file.
    hash: Option<String>,
}

impl Replay {
    /// Plays `log` on `scenario` with `seed`, week by week with the feed's explanations, and
    /// leaves `plan` as the coming week's; a log that does not fit says which week and why.
    pub fn play(
        scenario: Arc<Scenario>,
        seed: u64,
        log: &[WeekLog],
        plan: Vec<Planned>,
    ) -> Result<Self, ReplayError> {
        let mut game = Game::new(scenario, seed);
        let mut reports = Vec::with_capacity(log.len());
        for (i, week) in log.iter().enumerate() {
            let at = |why: Misfit| ReplayError { week: i + 1, why };
            game.set_plan(week.plan.clone());
            reports.push(game.end_week(true).map_err(|e| at(Misfit::Game(e)))?);
            match (week.choice, game.pending().is_some()) {
                (Some(c), true) => game.choose(c).map_err(|e| at(Misfit::Game(e)))?,
                (None, false) => {}
                (Some(_), false) => return Err(at(Misfit::ChoiceWithoutEvent)),
                (None, true) if i + 1 < log.len() => return Err(at(Misfit::EventWithoutChoice)),
                (None, true) => {}
            }
        }
        game.set_plan(plan);
        Ok(Self {
            game,
            reports,
            hash: None,
        })
    }

    /// Records that the scenario played has this content hash, which a workshop run's result
    /// file then names: the table played that version.
    pub fn hashed(mut self, hash: String) -> Self {
        self.hash = Some(hash);
        self
    }
}

/// Why a log does not replay on a scenario: the week, from 1, and what did not fit.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("week {week} cannot be replayed: {why}")]
pub struct ReplayError {
    /// The week that did not fit, from 1.
    pub week: usize,
    /// What did not fit.
    pub why: Misfit,
}

/// What of a logged week did not fit the scenario.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Misfit {
    /// The core refused the week or the choice.
    #[error(transparent)]
    Game(#[from] GameError),
    /// A choice is logged but no event happened.
    #[error("a choice is saved but no event happened")]
    ChoiceWithoutEvent,
    /// An event happened but no choice is logged (before the last week).
    #[error("an event happened but no choice is saved")]
    EventWithoutChoice,
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
    /// The room the table plays in, if it joined a host rather than typed a code.
    pub room: Option<Hosted>,
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

    /// Runs the clock `seconds`; `true` once it has run out (it stops at zero).
    pub fn tick(&mut self, seconds: f64) -> bool {
        self.left = (self.left - seconds).max(0.0);
        self.left <= 0.0
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
            capacity: 0.0,
            selection: Selection::default(),
            workshop: None,
            timer: None,
            undos: 0,
            ended_at: Vec::new(),
            fork: None,
            autosave: None,
            whatif: Default::default(),
        };
        run.settle();
        run
    }

    /// A new run that keeps the first `week` weeks of this one and plays on from there, in
    /// the same world, with the plan this run played next (so playing on as before gives
    /// this run again). It belongs to no workshop and names where it came from. `None` from
    /// the last week played: there is nothing left to play another way.
    pub fn fork(&self, week: u32) -> Option<Run> {
        let log = self.game.log();
        let week = week as usize;
        if week >= log.len() {
            return None;
        }
        let mut game =
            Game::replay(self.game.scenario().clone(), self.game.seed(), &log[..week]).ok()?;
        game.set_plan(
            log.get(week)
                .map_or_else(|| self.game.plan().to_vec(), |w| w.plan.clone()),
        );
        let of = match (&self.fork, &self.workshop) {
            (Some(fork), _) => fork.of.clone(),
            (None, Some(w)) => format!("{} in {}", w.team, w.code),
            (None, None) => "your run".to_string(),
        };
        let mut run = Self {
            source: self.source.clone(),
            game,
            // The weeks kept were played alike: their feed is the original's.
            reports: self.reports[..week.min(self.reports.len())].to_vec(),
            capacity: 0.0,
            selection: self.selection.clone(),
            workshop: None,
            timer: None,
            undos: 0,
            ended_at: self.ended_at[..week.min(self.ended_at.len())].to_vec(),
            fork: Some(Fork {
                week: week as u32,
                of,
                original: self.fork.as_ref().map_or_else(
                    || {
                        (self.game.state().history.iter())
                            .map(|r| (r.output, r.value))
                            .collect()
                    },
                    |f| f.original.clone(),
                ),
            }),
            autosave: None,
            whatif: Default::default(),
        };
        run.settle();
        Some(run)
    }

    /// The run as it stood after `week` weeks (the debrief's timeline), or `None` past its
    /// end.
    pub fn at_week(&self, week: u32) -> Option<Game> {
        let log = self.game.log();
        let week = week as usize;
        if week > log.len() {
            return None;
        }
        let mut game =
            Game::replay(self.game.scenario().clone(), self.game.seed(), &log[..week]).ok()?;
        game.set_plan(log.get(week).map_or_else(Vec::new, |w| w.plan.clone()));
        Some(game)
    }

    /// A run rebuilt from a save's log with every week's report, so the feed and key
    /// moments are complete after loading.
    pub fn replay(
        source: Source,
        scenario: Arc<Scenario>,
        seed: u64,
        log: &[WeekLog],
        plan: Vec<Planned>,
    ) -> Result<Self, ReplayError> {
        let replay = Replay::play(scenario, seed, log, plan)?;
        let mut run = Self::new(source, replay.game.scenario().clone(), seed);
        run.follow(replay);
        Ok(run)
    }

    /// Plays on from `replay`, this run's weeks played again on an edited version of its
    /// scenario. Only the game and the feed are replaced (and the workshop's record of the
    /// version played, when the replay names it): the source, the workshop, the week's
    /// countdown and the selection are the run's own, so an edit never drops them.
    pub fn follow(&mut self, replay: Replay) {
        self.game = replay.game;
        self.reports = replay.reports;
        if let (Some(workshop), Some(hash)) = (self.workshop.as_mut(), replay.hash) {
            workshop.hash = hash;
        }
        self.settle();
    }

    /// What a replay of this run needs, to make one on another thread.
    pub fn replay_of(&self) -> (u64, Vec<WeekLog>, Vec<Planned>) {
        (
            self.game.seed(),
            self.game.log().to_vec(),
            self.game.plan().to_vec(),
        )
    }

    /// The workshop part of a save of this run.
    pub fn saved_workshop(&self) -> Option<SavedWorkshop> {
        self.workshop.as_ref().map(|w| SavedWorkshop {
            code: w.code.to_string(),
            team: w.team.clone(),
            room: w.room.as_ref().map(|r| SavedRoom {
                address: r.address.to_string(),
                token: r.token.clone(),
                pacing: Some(r.clock.pacing),
            }),
            undos: self.undos,
            ended_at: self.ended_at.clone(),
        })
    }

    /// Makes this run a workshop run, with its countdown if the code (or the room) sets one.
    pub fn join(&mut self, workshop: Workshop) {
        let room = workshop.room.as_ref().map(|r| r.clock);
        self.timer = match room {
            Some(Clock {
                pacing: Pacing::InStep { seconds: Some(s) },
                left,
                ..
            }) => Some(WeekTimer {
                per_week: f64::from(s),
                left: left.unwrap_or(f64::from(s)),
            }),
            Some(Clock {
                pacing: Pacing::Timed { seconds },
                ..
            }) => Some(WeekTimer::new(seconds)),
            Some(_) => None,
            None => workshop.code.week_seconds.map(WeekTimer::new),
        };
        self.workshop = Some(workshop);
    }

    /// Plays the week and keeps its report.
    pub fn end_week(&mut self) -> Result<(), GameError> {
        let report = self.game.end_week(true)?;
        self.reports.push(report);
        self.ended_at.truncate(self.reports.len() - 1);
        self.ended_at.push(super::save::now());
        if let Some(timer) = self.timer.as_mut() {
            timer.restart();
        }
        self.settle();
        Ok(())
    }

    /// Decides the pending event.
    pub fn decide(&mut self, index: usize) -> Result<(), GameError> {
        self.game.choose(index)?;
        self.settle();
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
        self.reports.pop();
        self.ended_at.truncate(self.reports.len());
        self.undos += 1;
        self.game = game;
        if let Some(timer) = self.timer.as_mut() {
            timer.restart();
        }
        self.settle();
        true
    }

    /// Aims actions at `pick` from now on, if it is there to be aimed at.
    pub fn select(&mut self, pick: super::session::Pick) {
        use super::session::Pick;
        let s = self.game.state();
        match pick {
            Pick::Person(id) if s.person_index(&id).is_some() => self.selection.person = Some(id),
            Pick::Item(id) if s.item_index(&id).is_some_and(|i| s.items[i].open()) => {
                self.selection.item = Some(id);
            }
            Pick::Segment(id) if s.segment_index(&id).is_some() => {
                self.selection.segment = Some(id);
            }
            _ => {}
        }
    }

    /// The team's capacity now: what an ordinary week would produce (see `State::capacity`).
    pub fn capacity(&self) -> f64 {
        self.capacity
    }

    /// After the world changed (a week, a decision, an undo, a replay): the selection is kept
    /// on what still exists and the capacity worked out again.
    fn settle(&mut self) {
        self.default_selection();
        self.capacity = self.game.state().capacity(self.game.scenario());
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
            sel.item = s.items.iter().find(|i| i.open()).map(|i| i.id.to_string());
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
    /// Players see names only: someone who left keeps their name (what the plan says beside
    /// it tells they left); a target no longer in the world at all (one a live edit removed)
    /// is said to be gone, not shown by id.
    pub fn target_name(&self, id: &str) -> String {
        let s = self.game.state();
        s.people
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.clone())
            .or_else(|| {
                s.items
                    .iter()
                    .find(|i| i.id == id)
                    .map(|i| i.name.to_string())
            })
            .or_else(|| {
                s.segments
                    .iter()
                    .find(|x| x.id == id)
                    .map(|x| x.name.clone())
            })
            // Someone who left is still named: the plan says they left beside their name.
            .or_else(|| {
                (s.departed.iter().rev())
                    .find(|(_, p)| p.id == id)
                    .map(|(_, p)| p.name.clone())
            })
            .unwrap_or_else(|| "no longer here".to_string())
    }
}

/// Why a workshop cannot be joined (or a saved one taken up again).
#[derive(Debug, thiserror::Error)]
pub enum JoinError {
    /// The code does not read.
    #[error(transparent)]
    Code(#[from] CodeError),
    /// No team name was typed.
    #[error("type your team's name: it goes on the facilitator's leaderboard")]
    NoTeam,
    /// The code names neither a built-in scenario nor a file in the player's folder.
    #[error(
        "no scenario is called `{id}`: a workshop code names a built-in scenario or a file in your scenario folder ({folder})"
    )]
    NoScenario {
        /// The scenario id the code names.
        id: String,
        /// The folder looked in.
        folder: String,
    },
    /// The scenario does not load: its first problem.
    #[error("{0}")]
    Scenario(String),
    /// The room could not be joined: the host's words, or why it is out of reach.
    #[error(transparent)]
    Room(#[from] ClientError),
    /// A saved room's address does not read.
    #[error("`{0}` is not a room's address")]
    Address(String),
    /// The room's scenario could not be kept beside the run, for saves to load it again.
    #[error("cannot keep the room's scenario: {0}")]
    Keep(std::io::Error),
    /// The weeks the host has do not replay on the room's scenario.
    #[error(transparent)]
    Replay(#[from] ReplayError),
    /// A saved workshop's code names another world (seed) than the saved run's.
    #[error("its code `{0}` names another world than the saved run's seed")]
    OtherWorld(String),
}

/// A workshop run of the world `code` names, for `team`: a built-in scenario, or a file in
/// the player's scenario `folder`.
pub fn join(code: &str, team: &str, folder: &Path) -> Result<Run, JoinError> {
    let code = Code::parse(code)?;
    let team = team.trim();
    if team.is_empty() {
        return Err(JoinError::NoTeam);
    }
    let found =
        format::find_named(&code.scenario, Some(folder)).map_err(|_| JoinError::NoScenario {
            id: clip(&code.scenario),
            folder: folder.display().to_string(),
        })?;
    let hashed = HashedScenario::of(&found).map_err(|e| JoinError::Scenario(e.first_line()))?;
    let source = match found {
        Found::Builtin(b) => Source::Builtin(b.id.to_string()),
        Found::File(path) => Source::File(path),
    };
    let mut run = Run::new(source, hashed.scenario, code.seed);
    run.join(Workshop {
        code,
        team: team.to_string(),
        hash: hashed.hash,
        room: None,
    });
    Ok(run)
}

/// The workshop of a saved run of `game`, with the hash of its scenario as it is now; the
/// code must name the run's own seed.
pub fn rejoin(saved: &SavedWorkshop, source: &Source, game: &Game) -> Result<Workshop, JoinError> {
    let code = Code::parse(&saved.code)?;
    if code.seed != game.seed() {
        return Err(JoinError::OtherWorld(clip(&saved.code)));
    }
    let hashed = match source {
        Source::Builtin(id) => HashedScenario::resolve(id),
        Source::File(path) => HashedScenario::load(path),
    }
    .map_err(|e| JoinError::Scenario(e.first_line()))?;
    let room = match &saved.room {
        Some(r) => Some(Hosted {
            address: Address::parse(&r.address)
                .ok_or_else(|| JoinError::Address(clip(&r.address)))?,
            token: r.token.clone(),
            // The host says again what it has: weeks it had already are passed over.
            acked: 0,
            clock: Clock {
                pacing: r.pacing.unwrap_or(Pacing::Free),
                paused: false,
                room_week: None,
                left: None,
                previews: true,
                ended: false,
            },
            reached: false,
            refused: None,
        }),
        None => None,
    };
    Ok(Workshop {
        code,
        team: saved.team.clone(),
        hash: hashed.hash,
        room,
    })
}

//! The session: the one writer of the run. It takes the player's [`Intent`]s and the answers
//! of work done off the frame thread, changes the run, and says what the shell must do next
//! as [`Command`]s (go to a screen, start a load, write a save or a result, read the folders
//! again). Nothing here knows Bevy or touches the disk: the game's shell feeds it and carries
//! its commands out, a browser table on the host carries out only those it needs, and tests
//! drive it directly.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Source;
use super::catalog::Catalog;
use super::debrief::Debrief;
use super::hosted::join_room;
use super::live::Replayed;
use super::run::{JoinError, ReplayError, Run, join, rejoin};
use super::save::{self, SaveError, SaveFile};
use super::write::{Write, Written};
use crate::format;
use crate::format::diagnostic::clip;
use crate::room::{Address, ClientError, Synced};
use crate::sim::review::{self, Moment};
use crate::sim::{Planned, Scenario, Totals, plan};
use crate::storage::DataDir;
use crate::text;
use crate::workshop::{ResultError, ResultFile};

/// Which screen is showing.
#[cfg_attr(feature = "desktop", derive(bevy::prelude::States))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    /// Scenario choice, continue, load, settings, quit.
    #[default]
    Title,
    /// The chosen scenario's story and goals.
    Briefing,
    /// The weeks of the run (event decisions are a modal over it).
    Play,
    /// The end of the run, beside the bots.
    Debrief,
    /// For scenario authors: the file's errors and the lesson check of the chosen scenario.
    Author,
}

/// Something the player asked for.
#[cfg_attr(feature = "desktop", derive(bevy::prelude::Message))]
#[derive(Clone, Debug, PartialEq)]
pub enum Intent {
    /// Pick the scenario from this source and show its briefing (seed: random if `None`).
    /// Entries are named by their source: a rescan may put them in another order.
    Choose { source: Source, seed: Option<u64> },
    /// Join a workshop: play the world its code names, as this team.
    Join { code: String, team: String },
    /// Start playing the briefed scenario.
    Begin,
    /// Show the author view (errors, lesson check) of the scenario from this source.
    Author(Source),
    /// Write a starter scenario with this name into the scenario folder and open its author
    /// view.
    NewScenario(String),
    /// Aim actions at this person, item or segment from now on.
    Select(Pick),
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
    /// At the debrief: play on from the end of this week as a new run in the same world (a
    /// fork; the run ended stays as it was, and so does a workshop's result).
    Fork(u32),
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
    /// Forget the notice shown: a dialog opened, and what was said before is not about it.
    Dismiss,
    /// The player paused the game (`true`: the desktop's Paused menu opened over the play
    /// screen) or went on (`false`): a timed week's clock stands still meanwhile, as the
    /// menu's title says.
    Pause(bool),
    /// Close the game.
    Quit,
}

/// Something actions can be aimed at, by id.
#[derive(Clone, Debug, PartialEq)]
pub enum Pick {
    /// A person on the team.
    Person(String),
    /// An open backlog item.
    Item(String),
    /// A customer segment.
    Segment(String),
}

/// A line for the player about the last thing that happened: a confirmation or a problem.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The text.
    pub text: String,
    /// Whether it reports a problem.
    pub error: bool,
    /// The screen it is about: it is dropped when the player leaves that screen, so a
    /// message never outlives what it was about ("Loaded …" is not left on the title screen).
    pub screen: Screen,
}

/// What the shell must do after the session took an intent or an answer.
#[derive(Debug)]
pub enum Command {
    /// Show this screen.
    Go(Screen),
    /// Close the window over the screen (a save named, a scenario written).
    CloseOverlay,
    /// Make a run off the frame thread ([`Load::run`]) and hand it to [`Session::arrive`].
    Load(Load),
    /// Play the bots off the frame thread ([`Compare::run`]) and hand the debrief to
    /// [`Session::compared`].
    Compare(Compare),
    /// Read the scenario folder and the saves again, then tell [`Session::rescanned`].
    Rescan,
    /// Read the saves again: one was written.
    RescanSaves,
    /// Write a file into the data folder ([`Write::run`]) and hand what came of it to
    /// [`Session::written`]. A shell that keeps no files drops it.
    Write(Write),
    /// Close the game.
    Quit,
}

/// A run to make off the frame thread: its cost (a save's log, a workshop's scenario file)
/// is the player's.
#[derive(Debug)]
pub enum Load {
    /// A save file, replayed.
    Save {
        /// The file.
        path: PathBuf,
        /// What the loading window says.
        what: String,
    },
    /// The run played last: the newest autosave in the saves folder, replayed.
    Continue,
    /// A workshop's world, for a team (a workshop's own scenario is found in the player's
    /// scenario folder).
    Join {
        /// The code as typed.
        code: String,
        /// The team's name as typed.
        team: String,
    },
    /// A hosted room, over the network: a new table, or this machine's table again (its
    /// token and the room's scenario are kept in the data folder).
    Room {
        /// The host's address.
        address: Address,
        /// The team's name as typed.
        team: String,
    },
}

impl Load {
    /// What the loading window says meanwhile.
    pub fn what(&self) -> String {
        match self {
            Load::Save { what, .. } => what.clone(),
            Load::Continue => "Continuing your last run…".into(),
            Load::Join { code, .. } => format!("Joining workshop {}…", clip(code.trim())),
            Load::Room { address, .. } => format!("Joining the room at {address}…"),
        }
    }

    /// Does the work: reads and replays the save, or sets up the workshop's run, with the
    /// player's files in `data`.
    pub fn run(self, data: &DataDir) -> Result<Arrival, LoadError> {
        match self {
            Load::Save { path, .. } => open_save(&path),
            Load::Continue => match save::autosaves(&data.saves()).first() {
                Some(path) => open_save(path),
                None => Err(LoadError::NoAutosave),
            },
            Load::Join { code, team } => Ok(Arrival {
                run: join(&code, &team, &data.scenarios())?,
                debrief: None,
                notice: None,
                screen: Screen::Briefing,
            }),
            Load::Room { address, team } => Ok(Arrival::in_room(
                join_room(&address, &team, data)?,
                &address,
            )),
        }
    }
}

impl Arrival {
    /// A run of a hosted room arrives: at the briefing if no week is played yet, else on
    /// the play screen saying the weeks came back (or at the debrief of a finished run).
    pub fn in_room(run: Run, address: &Address) -> Self {
        let weeks = run.game.state().week;
        let (screen, notice) = if weeks == 0 {
            (Screen::Briefing, None)
        } else {
            let text = format!(
                "Back in the room at {address}: {} of your run came back from the host",
                text::count(weeks as usize, "week")
            );
            (
                Screen::Play,
                Some(Notice {
                    text,
                    error: false,
                    screen: Screen::Play,
                }),
            )
        };
        let finished = run.game.finished() && run.game.pending().is_none();
        let screen = if finished { Screen::Debrief } else { screen };
        Self {
            debrief: finished.then(|| Debrief::of(&run)),
            run,
            notice,
            screen,
        }
    }
}

/// Why a run could not be made: a save that does not load, a workshop that cannot be joined.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// Continue found no autosave (it was removed since the title screen listed it).
    #[error("there is no run to continue: start a scenario")]
    NoAutosave,
    /// The workshop cannot be joined.
    #[error(transparent)]
    Join(#[from] JoinError),
    /// The save file does not read.
    #[error("Cannot load {name}: {why}")]
    Save {
        /// The file's name.
        name: String,
        /// Why.
        why: SaveError,
    },
    /// The save's scenario does not load: its first problem.
    #[error("Cannot load {name}: its scenario {scenario} does not load: {why}")]
    Scenario {
        /// The file's name.
        name: String,
        /// The scenario, described.
        scenario: String,
        /// Its first problem.
        why: String,
    },
    /// The save's log does not replay on its scenario.
    #[error("Cannot load {name}: {why} (was the scenario file changed since?)")]
    Replay {
        /// The file's name.
        name: String,
        /// Where and why.
        why: ReplayError,
    },
}

/// The bots to play for a finished run's debrief, off the frame thread: as long as the
/// scenario makes it.
#[derive(Debug)]
pub struct Compare {
    totals: Totals,
    moments: Vec<Moment>,
    scenario: Arc<Scenario>,
    seed: u64,
}

impl Compare {
    /// What the loading window says meanwhile.
    pub const WHAT: &'static str = "Playing the bots on your seed…";

    /// Plays the bots and makes the debrief.
    pub fn run(self) -> Debrief {
        Debrief::compare(self.totals, self.moments, &self.scenario, self.seed)
    }
}

/// A run made off the frame thread (a save loaded, a workshop joined), ready to be shown.
#[derive(Debug)]
pub struct Arrival {
    run: Run,
    debrief: Option<Debrief>,
    notice: Option<Notice>,
    screen: Screen,
}

/// What [`Session::apply`] reads and changes beyond the session: the scenario list, and
/// whether work it waits for is under way.
pub struct Context<'a> {
    /// The scenarios on offer.
    pub catalog: &'a mut Catalog,
    /// Whether the scenario folder is being read.
    pub scanning: bool,
    /// Whether a run is being made, replayed or compared with the bots: every intent but
    /// quitting waits for it (and is dropped rather than applied to the run being replaced).
    pub busy: bool,
}

/// The session: the run (if any), the scenario chosen, the screen and the last notice.
#[cfg_attr(feature = "desktop", derive(bevy::prelude::Resource))]
#[derive(Default, Debug)]
pub struct Session {
    /// The run in progress.
    pub run: Option<Run>,
    /// The scenario chosen on the title screen (or playing), by its source.
    pub entry: Option<Source>,
    /// The last confirmation or problem to show.
    pub notice: Option<Notice>,
    /// The debrief, once the run has ended.
    pub debrief: Option<Debrief>,
    /// Where the workshop result file was written at the debrief, or why it could not be
    /// (once the shell has said: see [`Session::written`]).
    pub result: Option<Result<PathBuf, ResultError>>,
    /// The screen the session is on (the shell follows it with [`Command::Go`]).
    screen: Screen,
    /// Whether the player asked to read the folders again and has not been told the counts.
    rescanning: bool,
    /// Whether the player has paused the game ([`Intent::Pause`]): the week's clock stands
    /// still.
    paused: bool,
}

impl Session {
    /// The screen the session is on.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// Shows a confirmation.
    pub fn tell(&mut self, text: impl fmt::Display) {
        self.notice = Some(Notice {
            text: text.to_string(),
            error: false,
            screen: self.screen,
        });
    }

    /// Shows a problem: any error's words.
    pub fn fail(&mut self, text: impl fmt::Display) {
        self.notice = Some(Notice {
            text: text.to_string(),
            error: true,
            screen: self.screen,
        });
    }

    /// Makes `run` the run in progress, with nothing left over from the last one (debrief,
    /// result file, notice).
    fn start(&mut self, run: Run) {
        self.entry = Some(run.source.clone());
        self.run = Some(run);
        self.debrief = None;
        self.result = None;
        self.notice = None;
    }

    /// Moves to `screen`; a notice about another screen goes.
    fn go(&mut self, screen: Screen, commands: &mut Vec<Command>) {
        if self.notice.as_ref().is_some_and(|n| n.screen != screen) {
            self.notice = None;
        }
        self.screen = screen;
        commands.push(Command::Go(screen));
    }

    /// Carries out one intent.
    pub fn apply(&mut self, intent: Intent, cx: &mut Context) -> Vec<Command> {
        let mut out = Vec::new();
        if cx.busy && !matches!(intent, Intent::Quit | Intent::Pause(_)) {
            return out;
        }
        match intent {
            Intent::Choose { source, seed } => match cx.catalog.entry(&source) {
                Some(e) => match &e.scenario {
                    Ok(scenario) => {
                        let seed = seed.unwrap_or_else(fresh_seed);
                        let run = Run::new(e.source.clone(), scenario.clone(), seed);
                        self.start(run);
                        self.go(Screen::Briefing, &mut out);
                    }
                    Err(err) => self.fail(format!("{} cannot be played: {err}", e.title())),
                },
                None => self.fail("there is no such scenario"),
            },
            Intent::NewScenario(name) => self.new_scenario(&name, cx, &mut out),
            Intent::Join { code, team } => match Address::parse(&code) {
                Some(address) => out.push(Command::Load(Load::Room { address, team })),
                None => out.push(Command::Load(Load::Join { code, team })),
            },
            Intent::Author(source) => {
                if cx.catalog.entry(&source).is_some() {
                    self.entry = Some(source);
                    self.notice = None;
                    self.go(Screen::Author, &mut out);
                } else {
                    self.fail("there is no such scenario");
                }
            }
            Intent::Begin => {
                if self.run.is_some() {
                    // From now on Continue resumes this run, even before a week is played.
                    self.autosave(&mut out);
                    self.go(Screen::Play, &mut out);
                }
            }
            Intent::Select(pick) => {
                if let Some(run) = self.run.as_mut() {
                    run.select(pick);
                }
            }
            Intent::Add(planned) => {
                if let Some(run) = self.run.as_mut() {
                    // Checked first, in the state's words ("needs budget at least 15, now
                    // 9"): a refusal from `add` borrows the game.
                    let refused = match run.game.check(&planned) {
                        Err(why) => Some(plan::skip_reason(
                            run.game.state(),
                            &why,
                            planned.target.as_deref(),
                        )),
                        Ok(()) => run.game.add(planned).err().map(|why| why.to_string()),
                    }
                    .map(|why| format!("can't plan that: {why}"));
                    match refused {
                        None => self.notice = None,
                        Some(why) => self.fail(why),
                    }
                }
            }
            Intent::Remove(i) => {
                if let Some(run) = self.run.as_mut() {
                    run.game.remove(i);
                }
            }
            Intent::ClearPlan => {
                if let Some(run) = self.run.as_mut() {
                    run.game.set_plan(Vec::new());
                }
            }
            Intent::EndWeek => {
                let Some(run) = self.run.as_mut() else {
                    return out;
                };
                if let Some(why) = run.held() {
                    self.fail(format!("the week cannot end yet: {why}"));
                    return out;
                }
                if let Err(why) = run.end_week() {
                    self.fail(why);
                    return out;
                }
                self.notice = None;
                self.after_week(&mut out);
            }
            Intent::Decide(i) => {
                let Some(run) = self.run.as_mut() else {
                    return out;
                };
                if let Err(why) = run.decide(i) {
                    self.fail(why);
                    return out;
                }
                self.after_week(&mut out);
            }
            Intent::Undo => self.undo(&mut out),
            Intent::Fork(week) => {
                let fork = (self.screen == Screen::Debrief)
                    .then(|| self.run.as_ref().and_then(|r| r.fork(week)))
                    .flatten();
                match fork {
                    Some(fork) => {
                        let weeks = fork.game.state().week;
                        self.start(fork);
                        self.autosave(&mut out);
                        self.go(Screen::Play, &mut out);
                        self.tell(format!(
                            "A fork: weeks 1 to {weeks} as they were; from here, play it another way"
                        ));
                    }
                    None => self.fail("there is no such week to play on from"),
                }
            }
            Intent::Save(name) => self.save(&name, &mut out),
            Intent::Load(path) => {
                let what = format!("Loading {}…", file_name(&path));
                out.push(Command::Load(Load::Save { path, what }));
            }
            Intent::Continue => out.push(Command::Load(Load::Continue)),
            Intent::PlayAgain => {
                let Some(run) = self.run.as_ref() else {
                    return out;
                };
                let run = Run::new(
                    run.source.clone(),
                    run.game.scenario().clone(),
                    fresh_seed(),
                );
                self.start(run);
                self.go(Screen::Briefing, &mut out);
            }
            Intent::NextScenario => self.next_scenario(cx.catalog, &mut out),
            Intent::ToTitle => {
                // The run left is the one Continue resumes (a save loaded and left unplayed
                // too).
                if self.screen == Screen::Play {
                    self.autosave(&mut out);
                }
                out.push(Command::RescanSaves);
                self.go(Screen::Title, &mut out);
            }
            Intent::Rescan => {
                out.push(Command::Rescan);
                self.tell("Reading the scenario folder and the saves again…");
                self.rescanning = true;
            }
            Intent::Dismiss => self.notice = None,
            Intent::Pause(on) => self.paused = on,
            Intent::Quit => out.push(Command::Quit),
        }
        out
    }

    /// Runs the workshop's week timer by `seconds`; at zero the week ends with the plan as
    /// it stands. An open event does not stop the clock: when time is up it takes its first
    /// choice. A paused room, the player's pause ([`Intent::Pause`]) or work the player waits
    /// for stops it; a room that holds the week (in step) lets it reach zero and waits.
    pub fn tick(&mut self, seconds: f64, cx: &mut Context) -> Vec<Command> {
        if self.screen != Screen::Play || cx.busy || self.paused {
            return Vec::new();
        }
        let Some(run) = self.run.as_mut() else {
            return Vec::new();
        };
        let paused = run
            .workshop
            .as_ref()
            .and_then(|w| w.room.as_ref())
            .is_some_and(|r| r.clock.paused);
        if run.game.finished() || paused {
            return Vec::new();
        }
        let ran_out = run.timer.as_mut().is_some_and(|t| t.tick(seconds));
        if !ran_out || run.held().is_some() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let decided = run.game.pending().is_some();
        if decided {
            out.extend(self.apply(Intent::Decide(0), cx));
        }
        let still_planning = self
            .run
            .as_ref()
            .is_some_and(|r| !r.game.finished() && r.game.pending().is_none());
        if still_planning {
            out.extend(self.apply(Intent::EndWeek, cx));
        }
        if decided && self.screen == Screen::Play {
            self.tell("Time was up: the event took its first answer, and the week ended");
        }
        out
    }

    /// Takes the host's answer to a sync of a room's run; a refusal is shown once.
    pub fn synced(&mut self, answer: Result<Synced, ClientError>) {
        let Some(run) = self.run.as_mut() else {
            return;
        };
        let before = run
            .workshop
            .as_ref()
            .and_then(|w| w.room.as_ref())
            .and_then(|r| r.refused.clone());
        run.synced(answer);
        let now = run
            .workshop
            .as_ref()
            .and_then(|w| w.room.as_ref())
            .and_then(|r| r.refused.clone());
        if let Some(why) = now.filter(|n| before.as_ref() != Some(n)) {
            self.fail(format!("the room's host refused your last weeks: {why}"));
        }
    }

    /// Shows the run made off the frame thread, or says why there is none.
    pub fn arrive(&mut self, answer: Result<Arrival, LoadError>) -> Vec<Command> {
        let mut out = Vec::new();
        match answer {
            Ok(arrival) => {
                self.start(arrival.run);
                self.debrief = arrival.debrief;
                self.notice = arrival.notice;
                out.push(Command::CloseOverlay);
                self.go(arrival.screen, &mut out);
            }
            Err(why) => self.fail(why),
        }
        out
    }

    /// Shows the debrief once the bots have played.
    pub fn compared(&mut self, debrief: Debrief) -> Vec<Command> {
        let mut out = Vec::new();
        self.debrief = Some(debrief);
        self.go(Screen::Debrief, &mut out);
        out
    }

    /// Takes what came of a file the shell was asked to write: a failed autosave is shown
    /// but never stops play, a named save closes its window, a result is shown at the
    /// debrief, a starter scenario is listed and opened in the author view.
    pub fn written(&mut self, written: Written, cx: &mut Context) -> Vec<Command> {
        let mut out = Vec::new();
        match written {
            Written::Autosave(Ok(())) => out.push(Command::RescanSaves),
            Written::Autosave(Err(e)) => self.fail(format!("autosave failed: {e}")),
            Written::Save {
                name,
                outcome: Ok(()),
            } => {
                self.tell(format!("Saved as “{name}”"));
                out.push(Command::RescanSaves);
                out.push(Command::CloseOverlay);
            }
            Written::Save {
                outcome: Err(e), ..
            } => self.fail(e),
            Written::Result(result) => self.result = Some(result),
            Written::Starter(Ok(entry)) => {
                let source = entry.source.clone();
                cx.catalog.insert(entry);
                out.push(Command::CloseOverlay);
                self.go(Screen::Author, &mut out);
                // Told on the author view it is about (told before, it went with the title).
                self.tell(format!(
                    "Wrote {}: open it in a text editor; every save reloads it here",
                    source.file().unwrap_or(Path::new("")).display()
                ));
                self.entry = Some(source);
            }
            Written::Starter(Err(e)) => self.fail(e),
        }
        out
    }

    /// Plays on from `replayed`, the run's weeks played again on an edited version of its
    /// scenario file, if the run in progress still plays that file (the player may have
    /// moved on meanwhile), and tells the player. The edit may have ended the run (the
    /// debrief follows) or lengthened a finished one (planning goes on).
    pub fn follow(&mut self, replayed: Replayed) -> Vec<Command> {
        let Replayed {
            source,
            replay,
            text,
        } = replayed;
        let mut out = Vec::new();
        let Some(run) = self.run.as_mut().filter(|r| r.source == source) else {
            return out;
        };
        run.follow(replay);
        let over = run.game.finished() && run.game.pending().is_none();
        self.tell(text);
        match (over, self.screen) {
            (true, Screen::Play) => self.after_week(&mut out),
            (false, Screen::Debrief) => {
                self.debrief = None;
                self.result = None;
                self.go(Screen::Play, &mut out);
            }
            _ => {}
        }
        out
    }

    /// Whether the player asked to read the folders again and has not been told yet what
    /// was found.
    pub fn rescanning(&self) -> bool {
        self.rescanning
    }

    /// Tells the player what a rescan found, once both folders have been read.
    pub fn rescanned(&mut self, scenarios: usize, saves: usize) {
        if std::mem::take(&mut self.rescanning) {
            self.tell(format!(
                "Found {} and {}",
                text::count(scenarios, "scenario"),
                text::count(saves, "save")
            ));
        }
    }

    /// Writes a starter scenario into the folder, lists it and opens its author view.
    fn new_scenario(&mut self, name: &str, cx: &mut Context, out: &mut Vec<Command>) {
        if cx.scanning {
            self.fail(
                "still reading your scenario folder: try again when its scenarios are listed",
            );
            return;
        }
        if format::starter::slug(name).is_none() {
            self.fail("give the scenario a name with a letter or digit in it");
            return;
        }
        out.push(Command::Write(Write::Starter {
            name: name.to_string(),
        }));
    }

    /// Takes back the last week.
    fn undo(&mut self, out: &mut Vec<Command>) {
        let Some(run) = self.run.as_mut() else {
            return;
        };
        if !run.may_undo() {
            let why = super::view::play::undo(run).blocked.unwrap_or_default();
            self.fail(why);
            return;
        }
        if run.undo() {
            let week = run.game.week();
            self.debrief = None;
            self.result = None;
            self.tell(format!("Took back a week: planning week {week} again"));
            self.autosave(out);
            if self.screen != Screen::Play {
                self.go(Screen::Play, out);
            }
        } else {
            self.fail("nothing to undo: no week has been played yet");
        }
    }

    /// Saves the run under `name` (or its scenario and week when blank).
    fn save(&mut self, name: &str, out: &mut Vec<Command>) {
        let Some(run) = self.run.as_ref() else {
            self.fail("there is no game to save");
            return;
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
        let save = SaveFile::of_run(&name, &run.source, &run.game, run.saved_workshop())
            .forked(run.fork.as_ref());
        out.push(Command::Write(Write::Save {
            name,
            save: Box::new(save),
        }));
    }

    /// Starts the next playable scenario after the current one.
    fn next_scenario(&mut self, catalog: &Catalog, out: &mut Vec<Command>) {
        let current = self
            .run
            .as_ref()
            .map(|r| &r.source)
            .or(self.entry.as_ref())
            .and_then(|s| catalog.position(s))
            .unwrap_or(0);
        match catalog.next_playable(current) {
            Some(i) => {
                let e = &catalog.entries[i];
                if let Ok(scenario) = &e.scenario {
                    let run = Run::new(e.source.clone(), scenario.clone(), fresh_seed());
                    self.start(run);
                    self.go(Screen::Briefing, out);
                }
            }
            None => self.fail("no other scenario can be played"),
        }
    }

    /// After a week or a decision: autosave, and once the run is over write the workshop's
    /// result and have the bots played for the debrief.
    fn after_week(&mut self, out: &mut Vec<Command>) {
        self.autosave(out);
        let Some(run) = self.run.as_ref() else {
            return;
        };
        if run.game.finished() && run.game.pending().is_none() {
            self.result = None;
            if let Some(w) = run.workshop.as_ref() {
                let result = ResultFile::of(&w.team, &w.code, &run.game, &w.hash)
                    .timed(run.undos, &run.ended_at);
                out.push(Command::Write(Write::Result(Box::new(result))));
            }
            out.push(Command::Compare(Compare {
                totals: Totals::of(run.game.state()),
                moments: review::key_moments(&run.game, &run.reports),
                scenario: run.game.scenario().clone(),
                seed: run.game.seed(),
            }));
        }
    }

    /// Rewrites the run's own autosave, which makes it the run Continue resumes; a failure
    /// is shown but never stops play.
    fn autosave(&mut self, out: &mut Vec<Command>) {
        let Some(run) = self.run.as_ref() else {
            return;
        };
        let workshop = run.saved_workshop();
        let save = SaveFile::of_run("Autosave", &run.source, &run.game, workshop.clone())
            .forked(run.fork.as_ref());
        let file_name = run.autosave.clone().unwrap_or_else(|| {
            save::autosave_name(
                &run.source,
                run.game.seed(),
                workshop.as_ref(),
                run.fork.as_ref(),
            )
        });
        out.push(Command::Write(Write::Autosave {
            file_name,
            save: Box::new(save),
        }));
    }
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

/// A path's file name, for messages.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into(),
    )
}

/// Reads a save and replays it (off the frame thread: the save's size and the length of its
/// log are the player's).
fn open_save(path: &Path) -> Result<Arrival, LoadError> {
    let name = file_name(path);
    let save = save::read(path).map_err(|why| LoadError::Save {
        name: name.clone(),
        why,
    })?;
    let scenario = save.scenario.load().map_err(|why| LoadError::Scenario {
        name: name.clone(),
        scenario: save.scenario.describe(),
        why,
    })?;
    let plan = save.plan.iter().map(Planned::from).collect();
    let mut run = Run::replay(
        save.scenario.clone(),
        scenario,
        save.seed,
        &save.week_logs(),
        plan,
    )
    .map_err(|why| LoadError::Replay { name, why })?;
    run.fork = save.fork.clone();
    run.autosave = Some(save::autosave_of_loaded(path, &save));
    let mut lost = None;
    if let Some(saved) = &save.workshop {
        match rejoin(saved, &run.source, &run.game) {
            Ok(workshop) => {
                run.join(workshop);
                run.undos = saved.undos;
                run.ended_at = saved.ended_at.clone();
            }
            Err(e) => lost = Some(e),
        }
    }
    let finished = run.game.finished() && run.game.pending().is_none();
    let screen = if finished {
        Screen::Debrief
    } else {
        Screen::Play
    };
    let notice = match lost {
        None => Notice {
            text: format!("Loaded “{}”", save.name),
            error: false,
            screen,
        },
        Some(e) => Notice {
            text: format!(
                "Loaded “{}” without its workshop ({e}): no result file will be written",
                save.name
            ),
            error: true,
            screen,
        },
    };
    Ok(Arrival {
        debrief: finished.then(|| Debrief::of(&run)),
        run,
        notice: Some(notice),
        screen,
    })
}

//! The run in progress, and the one place that turns the player's intents into core calls.
//!
//! Screens never call the core's mutating API themselves: they write an [`Intent`], and
//! [`apply`] carries it out, moves between screens, autosaves and reports problems as a
//! [`Notice`]. Tests drive the game by writing the same intents.

use std::path::PathBuf;

use bevy::prelude::*;

use super::live::Reloading;
use super::pending::{self, Background};
use super::saves::{self, AUTOSAVE, Listing, SaveFile, SaveList};
use super::scenarios::{self, Catalog, Entry, Scanning, Source};
use super::screens::{Overlay, Screen};
pub use crate::app::{Debrief, Run, Selection, WeekTimer, Workshop};
use crate::app::{join, rejoin};
use crate::scenario;
use crate::sim::review;
use crate::sim::{Planned, Totals};
use crate::storage::DataDir;
use crate::workshop::ResultFile;

/// Something the player asked for.
#[derive(Message, Clone, Debug, PartialEq)]
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

/// The game's session: the run (if any), the entry being briefed, and the last notice.
#[derive(Resource, Default, Debug)]
pub struct Session {
    /// The run in progress.
    pub run: Option<Run>,
    /// The scenario chosen on the title screen (or playing), by its source.
    pub entry: Option<Source>,
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
    /// Makes `run` the run in progress, with nothing left over from the last one (debrief,
    /// result file, notice).
    fn start(&mut self, run: Run) {
        self.entry = Some(run.source.clone());
        self.run = Some(run);
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
    if timer.tick(time.delta_secs_f64()) {
        intents.write(Intent::EndWeek);
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
            Intent::Choose { source, seed } => match catalog.entry(&source) {
                Some(e) => match &e.scenario {
                    Ok(scenario) => {
                        let seed = seed.unwrap_or_else(fresh_seed);
                        let run = Run::new(e.source.clone(), scenario.clone(), seed);
                        session.start(run);
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
                        let source = Source::File(path.clone());
                        catalog.insert(Entry::read(source.clone()));
                        session.entry = Some(source);
                        session.tell(format!(
                            "Wrote {}: open it in a text editor; every save reloads it here",
                            path.display()
                        ));
                        *overlay = Overlay::None;
                        go(Screen::Author, &mut next, &mut screen_now);
                    }
                    Err(e) => session.fail(e.to_string()),
                }
            }
            Intent::Join { code, team } => {
                let data = data.clone();
                loading.start(format!("Joining workshop {}…", code.trim()), move || {
                    join(&code, &team, &data.scenarios()).map(|run| Arrival {
                        run,
                        debrief: None,
                        notice: None,
                        screen: Screen::Briefing,
                    })
                });
            }
            Intent::Author(source) => {
                if catalog.entry(&source).is_some() {
                    session.entry = Some(source);
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
                session.start(run);
                go(Screen::Briefing, &mut next, &mut screen_now);
            }
            Intent::NextScenario => {
                let current = session
                    .run
                    .as_ref()
                    .map(|r| &r.source)
                    .or(session.entry.as_ref())
                    .and_then(|s| catalog.position(s))
                    .unwrap_or(0);
                match catalog.next_playable(current) {
                    Some(i) => {
                        let e = &catalog.entries[i];
                        if let Ok(scenario) = &e.scenario {
                            let run = Run::new(e.source.clone(), scenario.clone(), fresh_seed());
                            session.start(run);
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
        let totals = Totals::of(&run.game);
        let moments = review::key_moments(&run.game, &run.reports);
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
    mut overlay: ResMut<Overlay>,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(answer) = loading.finished() else {
        return;
    };
    match answer {
        Ok(Ok(arrival)) => {
            session.start(arrival.run);
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

//! The author view's lesson check: every bot over many seeds on the selected scenario, on a
//! background thread so the window never waits for it.
//!
//! A check belongs to one version of one scenario. When the file is edited (live reload
//! swaps the scenario) a new check starts and the old one's result is dropped.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use bevy::prelude::*;
use bevy::window::RequestRedraw;

use super::frame::Frame;
use super::pending::Job;
use crate::app::{Catalog, Screen, Session, Source};
use crate::sim::{self, CheckReport, Scenario, SearchReport};

/// Seeds a check plays unless the author picks another count.
pub const DEFAULT_SEEDS: u64 = 200;

/// Work on its own thread that says how far it has got: a lesson check or an exploit search.
/// It keeps its answer once taken, so the view reads one place while it runs and after.
pub struct Progressing<R> {
    /// Share done, in millionths, written by the worker.
    done: Arc<AtomicU32>,
    /// The worker, until its answer has been taken.
    job: Job<R>,
    /// The answer, once there is one (none if the worker panicked).
    pub report: Option<R>,
}

impl<R: Send + 'static> Progressing<R> {
    /// Starts `work` on its own thread, handing it the function it reports its share with.
    fn start(work: impl FnOnce(&dyn Fn(f64)) -> R + Send + 'static) -> Self {
        let done = Arc::new(AtomicU32::new(0));
        let shared = done.clone();
        // Work the view no longer wants runs to its end and is dropped unread.
        let job = Job::start(move || {
            work(&|share: f64| shared.store((share * 1e6) as u32, Ordering::Relaxed))
        });
        Self {
            done,
            job,
            report: None,
        }
    }

    /// Share done, `0..=1`.
    pub fn progress(&self) -> f32 {
        if self.report.is_some() {
            1.0
        } else {
            self.done.load(Ordering::Relaxed) as f32 / 1e6
        }
    }

    /// Whether the work is still running.
    pub fn running(&self) -> bool {
        self.job.running()
    }

    /// Takes the answer when it is ready; asks for another frame while the work runs, so the
    /// progress bar moves even in the reactive (idle) update mode.
    fn collect(&mut self, redraw: &mut MessageWriter<RequestRedraw>) {
        if !self.job.running() {
            return;
        }
        match self.job.poll() {
            // A worker that panicked leaves no report; the view says the work stopped.
            Some(answer) => self.report = answer.ok(),
            None => {
                redraw.write(RequestRedraw);
            }
        }
    }
}

/// One lesson check, running or done.
pub struct LessonCheck {
    /// The version checked (compared by pointer: a reload makes a new `Arc`).
    pub scenario: Arc<Scenario>,
    /// Seeds played.
    pub seeds: u64,
    /// The check itself.
    pub work: Progressing<CheckReport>,
}

impl LessonCheck {
    /// Starts checking `scenario` over `seeds` seeds on its own thread.
    fn start(scenario: Arc<Scenario>, seeds: u64) -> Self {
        let worker_scenario = scenario.clone();
        let work = Progressing::start(move |report| sim::check(&worker_scenario, seeds, report));
        Self {
            scenario,
            seeds,
            work,
        }
    }
}

/// The exploit search of one version of the scenario, started when the author asks (it plays
/// thousands of strategies: seconds, not a frame).
pub struct ExploitSearch {
    /// The scenario searched (a newer version starts nothing by itself).
    pub scenario: Arc<Scenario>,
    /// The search itself.
    pub work: Progressing<SearchReport>,
}

impl ExploitSearch {
    fn start(scenario: Arc<Scenario>) -> Self {
        let worker_scenario = scenario.clone();
        let work = Progressing::start(move |report| sim::search(&worker_scenario, report));
        Self { scenario, work }
    }
}

/// What the author view shows: which scenario, its full error report, its check and, once
/// asked for, its exploit search.
#[derive(Resource)]
pub struct Author {
    /// The scenario shown, by its source.
    pub entry: Option<Source>,
    /// Seeds per check.
    pub seeds: u64,
    /// The check of the entry's current version.
    pub check: Option<LessonCheck>,
    /// Every error of the entry's file (rendered), when it has any.
    pub errors: Option<String>,
    /// Set to start the check again (the seed count changed or the author asked).
    pub rerun: bool,
    /// The exploit search, once asked for: for the scenario version it ran on.
    pub search: Option<ExploitSearch>,
    /// The author asked for a search (of the current version).
    pub search_asked: bool,
}

impl Default for Author {
    fn default() -> Self {
        Self {
            entry: None,
            seeds: DEFAULT_SEEDS,
            check: None,
            errors: None,
            rerun: false,
            search: None,
            search_asked: false,
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Author>();
    // Registered by the window plugin in the game; headless apps need it too.
    app.add_message::<RequestRedraw>();
    app.add_systems(OnEnter(Screen::Author), (select, refresh_errors).chain());
    app.add_systems(
        Update,
        (
            refresh_errors.run_if(resource_changed::<Catalog>),
            keep_checked,
            collect,
        )
            .chain()
            .run_if(in_state(Screen::Author))
            .in_set(Frame::Follow),
    );
}

/// Shows the entry chosen on the title screen.
fn select(mut author: ResMut<Author>, session: Res<Session>) {
    if author.entry != session.entry {
        author.entry = session.entry.clone();
        author.check = None;
        author.search = None;
    }
}

/// Shows the entry's full error list, as the catalog read it (the file is never parsed on
/// the frame thread).
fn refresh_errors(mut author: ResMut<Author>, catalog: Res<Catalog>) {
    let errors = author
        .entry
        .as_ref()
        .and_then(|s| catalog.entry(s))
        .and_then(|entry| entry.errors.clone());
    if author.errors != errors {
        author.errors = errors;
    }
}

/// Starts a check when the shown scenario has none for its current version.
fn keep_checked(mut author: ResMut<Author>, catalog: Res<Catalog>) {
    let Some(Ok(scenario)) = author
        .entry
        .as_ref()
        .and_then(|s| catalog.entry(s))
        .map(|e| e.scenario.clone())
    else {
        if author.check.is_some() {
            author.check = None;
        }
        return;
    };
    let current = author
        .check
        .as_ref()
        .is_some_and(|c| Arc::ptr_eq(&c.scenario, &scenario) && c.seeds == author.seeds);
    if !current || author.rerun {
        let seeds = author.seeds;
        author.check = Some(LessonCheck::start(scenario.clone(), seeds));
        author.rerun = false;
    }
    if author.search_asked {
        author.search_asked = false;
        author.search = Some(ExploitSearch::start(scenario));
    }
}

/// Takes each worker's answer when it is ready (see [`Progressing::collect`]).
fn collect(mut author: ResMut<Author>, mut redraw: MessageWriter<RequestRedraw>) {
    if let Some(check) = author.check.as_mut() {
        check.work.collect(&mut redraw);
    }
    if let Some(search) = author.search.as_mut() {
        search.work.collect(&mut redraw);
    }
}

//! Work whose cost the player controls (reading their scenario folder and saves, replaying a
//! long log) runs on its own thread, so the window keeps drawing and shows that it is loading.
//!
//! A [`Job`] is one piece of such work; a [`Background`] resource holds the one job of a kind
//! in flight. Each area starts its jobs and takes the answers in a system of its own; this
//! module keeps frames coming while any job runs (the window otherwise idles until input).

use std::thread::JoinHandle;

use bevy::prelude::*;
use bevy::window::RequestRedraw;

/// One piece of work on its own thread, and its answer once it is done.
pub struct Job<T> {
    state: State<T>,
}

enum State<T> {
    Running(JoinHandle<T>),
    /// No thread could be started: the answer is why.
    Failed(String),
    Taken,
}

/// Why a job gave no answer.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum JobError {
    /// Its work panicked.
    #[error("it stopped unexpectedly (a bug in Multiplier: please report it)")]
    Stopped,
    /// No thread could be started for it.
    #[error("no thread could be started for it ({0})")]
    NoThread(String),
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a new thread.
    pub fn start(work: impl FnOnce() -> T + Send + 'static) -> Self {
        let state = match std::thread::Builder::new()
            .name("multiplier-job".into())
            .spawn(work)
        {
            Ok(handle) => State::Running(handle),
            Err(e) => State::Failed(e.to_string()),
        };
        Self { state }
    }

    /// Whether the answer has not been taken yet.
    pub fn running(&self) -> bool {
        !matches!(self.state, State::Taken)
    }

    /// The answer, once the work is done (and only once).
    pub fn poll(&mut self) -> Option<Result<T, JobError>> {
        if let State::Running(handle) = &self.state
            && !handle.is_finished()
        {
            return None;
        }
        match std::mem::replace(&mut self.state, State::Taken) {
            State::Running(handle) => Some(handle.join().map_err(|_| JobError::Stopped)),
            State::Failed(why) => Some(Err(JobError::NoThread(why))),
            State::Taken => None,
        }
    }
}

/// The job of one kind in flight, with a line for the player saying what it does.
///
/// Starting another drops the first one's answer unread (its thread runs to its end): the
/// newer request is the one that counts.
#[derive(Resource)]
pub struct Background<T> {
    job: Option<(Job<T>, String)>,
    /// Work to start once the job in flight is done ([`Background::start_after`]).
    queued: Option<Queued<T>>,
    /// An answer was taken since the last frame ended: one more frame shows what it changed
    /// (a screen change takes effect in the next one).
    answered: bool,
}

/// Work waiting for its turn, with what it does.
type Queued<T> = (String, Box<dyn FnOnce() -> T + Send + Sync>);

impl<T> Default for Background<T> {
    fn default() -> Self {
        Self {
            job: None,
            queued: None,
            answered: false,
        }
    }
}

impl<T: Send + 'static> Background<T> {
    /// Starts `work`; `what` says what it does ("Loading “Autosave”…").
    pub fn start(&mut self, what: impl Into<String>, work: impl FnOnce() -> T + Send + 'static) {
        let what = what.into();
        self.queued = None;
        self.job = Some((Job::start(work), what));
    }

    /// Starts `work` now, or once the job in flight is done, in place of any work waiting:
    /// for work asked for often (reading the saves after every week) whose newest answer is
    /// the one that counts, so that two never run at once and none piles up.
    pub fn start_after(
        &mut self,
        what: impl Into<String>,
        work: impl FnOnce() -> T + Send + Sync + 'static,
    ) {
        if self.busy() {
            self.queued = Some((what.into(), Box::new(work)));
        } else {
            self.start(what, work);
        }
    }

    /// Whether a job is in flight (its answer not taken yet).
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// What the job in flight does, if there is one.
    pub fn what(&self) -> Option<&str> {
        self.job.as_ref().map(|(_, what)| what.as_str())
    }

    /// The answer of the job in flight, once it is done.
    pub fn finished(&mut self) -> Option<Result<T, JobError>> {
        let answer = self.job.as_mut()?.0.poll()?;
        self.job = self
            .queued
            .take()
            .map(|(what, work)| (Job::start(work), what));
        self.answered = true;
        Some(answer)
    }
}

/// The kinds of job this app runs, to ask whether any is in flight.
#[derive(Resource, Default)]
struct Kinds(Vec<fn(&World) -> bool>);

/// Registers a kind of background job: its resource, and frames while it runs.
pub fn register<T: Send + 'static>(app: &mut App) {
    // Registered by the window plugin in the game; headless apps need it too.
    app.add_message::<RequestRedraw>();
    app.init_resource::<Background<T>>();
    app.init_resource::<Kinds>();
    app.world_mut()
        .resource_mut::<Kinds>()
        .0
        .push(|world| world.resource::<Background<T>>().busy());
    app.add_systems(Last, keep_drawing::<T>);
}

/// Whether a job of this kind is in flight: a run condition.
pub fn in_flight<T: Send + 'static>(jobs: Res<Background<T>>) -> bool {
    jobs.busy()
}

/// Whether any background job is in flight (tests run frames until none is).
pub fn busy(world: &World) -> bool {
    world
        .get_resource::<Kinds>()
        .is_some_and(|kinds| kinds.0.iter().any(|busy| busy(world)))
}

/// The window redraws on input only; a job in flight needs frames to be collected (and the
/// loading state to be drawn), and its answer one more to be shown.
fn keep_drawing<T: Send + 'static>(
    mut jobs: ResMut<Background<T>>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    if jobs.busy() {
        redraw.write(RequestRedraw);
    } else if jobs.answered {
        jobs.answered = false;
        redraw.write(RequestRedraw);
    }
}

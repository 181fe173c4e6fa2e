//! The session in the game: the app layer's [`Session`] as a resource, fed with the intents
//! the screens write and the answers of background work, and its [`Command`]s carried out
//! (the screen state, the overlay, background loads, the files it asks for, folder reads,
//! quitting).
//!
//! Screens never change the run themselves: they write an [`Intent`], and the session (the
//! one writer of the run) takes it. Tests drive the game by writing the same intents.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::frame::Frame;
use super::pending::{self, Background, JobError};
use super::saves::{self, Listing, SaveList};
use super::scenarios::{self, Scanning};
use super::screens::Overlay;
use crate::app::live::{Replayed, Unfollowed};
use crate::app::session::{Arrival, Command, Compare, Context, Intent, LoadError, Session};
use crate::app::{Catalog, Debrief, Screen, Written};
use crate::storage::DataDir;

/// A run being made in the background, or why it could not be. While one is, the player's
/// intents are ignored (they would act on the run being replaced) and a loading window shows.
pub type Loading = Background<Result<Arrival, LoadError>>;

/// The bots playing the finished run's seed for the debrief; the player waits for it too.
pub type Comparing = Background<Debrief>;

/// A replay of the run on an edited version of its scenario file (see `live`), or why the
/// run cannot follow the edit. While one runs the player's intents wait, as for a load.
pub type Reloading = Background<Result<Replayed, Unfollowed>>;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Session>();
    app.add_message::<Intent>();
    pending::register::<Result<Arrival, LoadError>>(app);
    pending::register::<Debrief>(app);
    app.add_systems(
        Update,
        (
            arrive.run_if(pending::in_flight::<Result<Arrival, LoadError>>),
            compared.run_if(pending::in_flight::<Debrief>),
            count_down,
            apply,
            report_rescan,
        )
            .chain()
            .in_set(Frame::Session),
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

/// What the session reads and what carries out its commands.
#[derive(SystemParam)]
pub struct Shell<'w> {
    session: ResMut<'w, Session>,
    catalog: ResMut<'w, Catalog>,
    scanning: ResMut<'w, Scanning>,
    saves: ResMut<'w, Listing>,
    loading: ResMut<'w, Loading>,
    comparing: ResMut<'w, Comparing>,
    reloading: Option<ResMut<'w, Reloading>>,
    overlay: ResMut<'w, Overlay>,
    data: Res<'w, DataDir>,
    next: ResMut<'w, NextState<Screen>>,
    exit: MessageWriter<'w, AppExit>,
}

impl Shell<'_> {
    /// Hands `intent` to the session and carries out what it answers.
    fn apply(&mut self, intent: Intent) {
        let changes_catalog = matches!(intent, Intent::NewScenario(_));
        let commands = self.with_context(changes_catalog, |session, cx| session.apply(intent, cx));
        self.carry_out(commands);
    }

    /// Runs `f` on the session with the context it reads. The catalog is lent without
    /// marking it changed (the timer asks every frame); `changes_catalog` marks it after.
    fn with_context(
        &mut self,
        changes_catalog: bool,
        f: impl FnOnce(&mut Session, &mut Context) -> Vec<Command>,
    ) -> Vec<Command> {
        let busy = waiting_for(&self.loading, &self.comparing, self.reloading.as_deref()).is_some();
        let mut cx = Context {
            catalog: self.catalog.bypass_change_detection(),
            scanning: self.scanning.busy(),
            busy,
        };
        let commands = f(&mut self.session, &mut cx);
        if changes_catalog {
            self.catalog.set_changed();
        }
        commands
    }

    /// The answer of the replay after a live edit, once it is done.
    pub(super) fn reloaded(&mut self) -> Option<Result<Result<Replayed, Unfollowed>, JobError>> {
        self.reloading.as_mut()?.finished()
    }

    /// Hands the session a replay of its run on an edited scenario.
    pub(super) fn follow(&mut self, replayed: Replayed) {
        let commands = self.session.follow(replayed);
        self.carry_out(commands);
    }

    /// Tells the player of a problem.
    pub(super) fn fail(&mut self, why: impl std::fmt::Display) {
        self.session.fail(why);
    }

    /// Carries out the session's commands, in order.
    fn carry_out(&mut self, commands: Vec<Command>) {
        for command in commands {
            match command {
                Command::Go(screen) => self.next.set(screen),
                Command::CloseOverlay => *self.overlay = Overlay::None,
                Command::Load(load) => {
                    let data = self.data.clone();
                    self.loading.start(load.what(), move || load.run(&data));
                }
                Command::Compare(compare) => {
                    self.comparing.start(Compare::WHAT, move || compare.run());
                }
                Command::Rescan => {
                    scenarios::rescan(&mut self.scanning, &self.data);
                    saves::rescan(&mut self.saves, &self.data);
                }
                Command::RescanSaves => saves::rescan(&mut self.saves, &self.data),
                // A file is small and written at once, as the player expects it kept.
                Command::Write(write) => {
                    let written = write.run(&self.data);
                    // Only a starter scenario written is listed.
                    let listed = matches!(written, Written::Starter(Ok(_)));
                    let more =
                        self.with_context(listed, |session, cx| session.written(written, cx));
                    self.carry_out(more);
                }
                Command::Quit => {
                    self.exit.write(AppExit::Success);
                }
            }
        }
    }
}

/// Hands every intent written this frame to the session.
fn apply(mut intents: MessageReader<Intent>, mut shell: Shell) {
    for intent in intents.read() {
        shell.apply(intent.clone());
    }
}

/// Runs the workshop's week timer on the real clock.
fn count_down(time: Res<Time<Real>>, mut shell: Shell) {
    let timed = shell.session.screen() == Screen::Play
        && shell
            .session
            .run
            .as_ref()
            .is_some_and(|r| r.timer.is_some());
    if !timed {
        return;
    }
    let seconds = time.delta_secs_f64();
    let commands = shell.with_context(false, |session, cx| session.tick(seconds, cx));
    shell.carry_out(commands);
}

/// Shows the run made in the background, or says why there is none.
fn arrive(mut shell: Shell) {
    let Some(answer) = shell.loading.finished() else {
        return;
    };
    match answer {
        Ok(answer) => {
            let commands = shell.session.arrive(answer);
            shell.carry_out(commands);
        }
        Err(why) => shell.session.fail(format!("Loading failed: {why}")),
    }
}

/// Shows the debrief once the bots have played.
fn compared(mut shell: Shell) {
    match shell.comparing.finished() {
        Some(Ok(debrief)) => {
            let commands = shell.session.compared(debrief);
            shell.carry_out(commands);
        }
        Some(Err(why)) => shell
            .session
            .fail(format!("The bots could not be played: {why}")),
        None => {}
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
    if session.rescanning() && !scanning.busy() && !listing.busy() {
        session.rescanned(catalog.entries.len(), saves.saves.len());
    }
}

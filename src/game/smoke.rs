//! The scripted smoke run (`MULTIPLIER_SMOKE=<dir>`): drives every screen through the same
//! intents the player's clicks write, saves a screenshot of each into `<dir>`, then exits.
//! `scripts/smoke.sh` runs it under a virtual display and checks the pictures.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};

use super::author::Author;
use super::frame::Frame;
use super::live::Problems;
use super::screens::Overlay;
use super::session::Reloading;
use super::session::{Comparing, Loading, waiting_for};
use super::ui::UiState;
use crate::app::{Intent, Screen, Session, Source};
use crate::format;
use crate::sim::arcs::Turn;
use crate::storage::DataDir;

/// The scenario file `scripts/smoke.sh` puts in the folder for the smoke run to edit.
const DRAFT: &str = "smoke-draft.ron";

/// The draft file, if the smoke script provided one.
fn draft_path(data: &DataDir) -> Option<PathBuf> {
    Some(data.scenarios().join(DRAFT)).filter(|p| p.is_file())
}

/// Frames to let egui lay out and fade in before a picture.
const SETTLE: u32 = 20;

/// Gives up (exit code 2) if the script has not finished after this many frames.
const MAX_FRAMES: u32 = 6000;

/// Adds the driver.
pub struct SmokePlugin {
    /// Where the screenshots go.
    pub dir: PathBuf,
}

impl Plugin for SmokePlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(Script {
            dir: self.dir.clone(),
            step: 0,
            wait: 40,
            frames: 0,
            shots: Vec::new(),
        });
        app.init_resource::<Timings>();
        app.add_systems(Update, drive.in_set(Frame::Arrive));
        app.add_systems(Last, measure);
    }
}

/// When the process started, for the launch time; inserted by [`super::run`].
#[derive(Resource, Clone, Copy)]
pub struct Launched(pub std::time::Instant);

/// Frame figures gathered during the smoke run and written to `timings.txt` beside the
/// screenshots, so the README's figures come from a repeatable command.
#[derive(Resource, Default)]
struct Timings {
    /// Seconds from launch to the end of the first frame.
    first_frame: Option<f64>,
    /// Durations of frames on the play screen while nothing is asked of the game.
    play_frames: Vec<f64>,
}

/// Records the first frame and the play screen's frame times.
fn measure(
    mut timings: ResMut<Timings>,
    launched: Option<Res<Launched>>,
    time: Res<Time<Real>>,
    screen: Res<State<Screen>>,
    script: Res<Script>,
) {
    if timings.first_frame.is_none() {
        timings.first_frame = launched.map(|l| l.0.elapsed().as_secs_f64());
    }
    // Frames spent waiting for the picture to settle are frames of an idle, drawn screen.
    if *screen.get() == Screen::Play && script.wait > 0 && script.wait < SETTLE {
        timings.play_frames.push(time.delta_secs_f64());
    }
}

impl Timings {
    /// A short text report.
    fn report(&self) -> String {
        let mut frames = self.play_frames.clone();
        frames.sort_by(f64::total_cmp);
        let at = |q: f64| {
            frames
                .get(((frames.len() as f64 - 1.0) * q).round() as usize)
                .map_or(f64::NAN, |s| s * 1000.0)
        };
        format!(
            "launch to first frame: {:.0} ms\nplay screen frames: {} measured, median {:.1} ms, p95 {:.1} ms\n",
            self.first_frame.unwrap_or(f64::NAN) * 1000.0,
            frames.len(),
            at(0.5),
            at(0.95)
        )
    }
}

#[derive(Resource)]
struct Script {
    dir: PathBuf,
    step: u32,
    wait: u32,
    frames: u32,
    shots: Vec<PathBuf>,
}

impl Script {
    fn shot(&mut self, commands: &mut Commands, name: &str) {
        let path = self.dir.join(format!("{name}.png"));
        let _ = std::fs::remove_file(&path);
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(path.clone()));
        self.shots.push(path);
        self.wait = SETTLE;
    }
}

// A Bevy system: its parameters are the resources it reads, which Bevy passes by name.
#[allow(clippy::too_many_arguments)]
fn drive(
    mut commands: Commands,
    mut script: ResMut<Script>,
    mut intents: MessageWriter<Intent>,
    mut overlay: ResMut<Overlay>,
    mut ui_state: ResMut<UiState>,
    session: Res<Session>,
    screen: Res<State<Screen>>,
    mut exit: MessageWriter<AppExit>,
    mut windows: Query<&mut Window>,
    timings: Res<Timings>,
    data: Res<DataDir>,
    problems: Res<Problems>,
    author: Res<Author>,
    loading: Res<Loading>,
    comparing: Res<Comparing>,
    reloading: Option<Res<Reloading>>,
) {
    script.frames += 1;
    if script.frames > MAX_FRAMES {
        error!("smoke: timed out at step {}", script.step);
        exit.write(AppExit::from_code(2));
        return;
    }
    if script.wait > 0 {
        script.wait -= 1;
        return;
    }
    // The next step waits for what the game does in the background (a load, the bots).
    if waiting_for(&loading, &comparing, reloading.as_deref()).is_some() {
        return;
    }
    let step = script.step;
    script.step += 1;
    script.wait = SETTLE;
    let run = session.run.as_ref();
    match step {
        0 => {
            // Park the virtual pointer in a corner so no tooltip covers the pictures.
            for mut w in &mut windows {
                let size = w.size();
                w.set_cursor_position(Some(size - Vec2::splat(2.0)));
            }
            script.shot(&mut commands, "01-title");
        }
        1 => {
            intents.write(Intent::Choose {
                source: Source::Builtin(format::BUILTINS[1].id.into()),
                seed: Some(7),
            });
        }
        2 => script.shot(&mut commands, "02-briefing"),
        3 => {
            intents.write(Intent::Begin);
        }
        4 => {
            // Plan what a balanced lead would: every action that fits, one of each family.
            if let Some(run) = run {
                let mut used = run.game.hours_planned();
                for id in [
                    "explain",
                    "mentor",
                    "talk_to_customers",
                    "prioritise",
                    "one_on_one",
                ] {
                    if let Some(def) = run.game.scenario().action(id) {
                        let planned = run.aimed(def);
                        if run.game.check_after(&planned, used).is_ok() {
                            used += def.hours;
                            intents.write(Intent::Add(planned));
                        }
                    }
                }
            }
        }
        5 => script.shot(&mut commands, "03-play"),
        6 => {
            // End weeks until an event asks for a decision (or the run ends).
            match run {
                Some(r) if r.game.pending().is_some() => {}
                Some(r) if !r.game.finished() => {
                    intents.write(Intent::EndWeek);
                    script.step = 6;
                    script.wait = 2;
                }
                _ => script.step = 8,
            }
        }
        7 => script.shot(&mut commands, "04-event"),
        8 => {
            if run.is_some_and(|r| r.game.pending().is_some()) {
                intents.write(Intent::Decide(0));
            }
        }
        9 => script.shot(&mut commands, "05-play-later"),
        10 => *overlay = Overlay::Settings,
        11 => script.shot(&mut commands, "06-pause-settings"),
        12 => {
            ui_state.save_name = "smoke".into();
            intents.write(Intent::Save("Smoke test".into()));
        }
        13 => *overlay = Overlay::Load,
        14 => script.shot(&mut commands, "07-load"),
        15 => {
            // Continue the autosave (the same run): read and replayed in the background, under
            // the loading window, before the next step.
            intents.write(Intent::Continue);
        }
        16 => {
            *overlay = Overlay::None;
            // Play to the end, taking the first choice on every event.
            if *screen.get() != Screen::Debrief {
                match run {
                    Some(r) if r.game.pending().is_some() => {
                        intents.write(Intent::Decide(0));
                    }
                    Some(_) => {
                        intents.write(Intent::EndWeek);
                    }
                    None => {}
                }
                script.step = 16;
                script.wait = 2;
            }
        }
        17 => script.shot(&mut commands, "08-debrief"),
        18 => {
            // Week by week at a turn of someone's story (the first grown into their
            // potential, else the first leading their own work, else the latest): the feed
            // of that week tells it.
            let arcs = run.map(|r| r.game.arcs().steps()).unwrap_or_default();
            let first = |turn| arcs.iter().find(|s| s.turn == turn);
            let told = (first(Turn::Grown))
                .or_else(|| first(Turn::Owns))
                .or(arcs.last());
            ui_state.timeline = told.map(|s| s.week);
        }
        19 => script.shot(&mut commands, "08-debrief-arc"),
        20 => {
            intents.write(Intent::ToTitle);
        }
        21 => script.shot(&mut commands, "09-title-continue"),
        22 => {
            ui_state.workshop_code = "brilliant-team-4821-90s".into();
            ui_state.workshop_team = "Night Owls".into();
            *overlay = Overlay::Workshop;
        }
        23 => script.shot(&mut commands, "10-workshop-join"),
        24 => {
            intents.write(Intent::Join {
                code: ui_state.workshop_code.clone(),
                team: ui_state.workshop_team.clone(),
            });
        }
        25 => {
            intents.write(Intent::Begin);
        }
        26 => script.shot(&mut commands, "11-play-workshop-timer"),
        27 => {
            // Break the draft scenario the smoke script put in the folder: the reload overlay.
            if let Some(draft) = draft_path(&data) {
                let broken = std::fs::read_to_string(&draft)
                    .unwrap_or_default()
                    .replacen("weeks:", "wekes:", 1);
                if let Err(e) = std::fs::write(&draft, broken) {
                    warn!("smoke: cannot edit {}: {e}", draft.display());
                }
            }
        }
        28 => {
            // Wait for the watcher to report the broken edit.
            if draft_path(&data).is_some() && problems.files.is_empty() {
                script.step = 28;
                script.wait = 5;
            }
        }
        29 => script.shot(&mut commands, "12-reload-errors"),
        30 => {
            intents.write(Intent::ToTitle);
        }
        31 => {
            intents.write(Intent::Author(Source::Builtin(
                format::BUILTINS[1].id.into(),
            )));
        }
        32 => {
            // Wait for the background lesson check.
            if author
                .check
                .as_ref()
                .is_none_or(|c| c.work.report.is_none())
            {
                script.step = 32;
                script.wait = 5;
            }
        }
        33 => script.shot(&mut commands, "13-author"),
        _ => {
            // Wait for the last pictures to reach the disk.
            let done = script.shots.iter().all(|p| p.exists());
            if done {
                let report = timings.report();
                if let Err(e) = std::fs::write(script.dir.join("timings.txt"), &report) {
                    warn!("smoke: cannot write timings.txt: {e}");
                }
                info!("smoke: {}", report.trim_end().replace('\n', "; "));
                info!(
                    "smoke: {} screenshots in {}",
                    script.shots.len(),
                    script.dir.display()
                );
                exit.write(AppExit::Success);
            } else {
                script.wait = 5;
            }
        }
    }
}

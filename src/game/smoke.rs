//! The scripted smoke run (`MULTIPLIER_SMOKE=<dir>`): drives every screen through the same
//! intents the player's clicks write, saves a screenshot of each into `<dir>`, then exits.
//! `scripts/smoke.sh` runs it under a virtual display and checks the pictures.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};

use super::screens::{Overlay, Screen};
use super::session::{Intent, Session};
use super::ui::UiState;

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
        app.add_systems(Update, drive.before(super::session::apply));
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
                entry: 1,
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
                script.step = 15;
                script.wait = 2;
            }
        }
        16 => script.shot(&mut commands, "08-debrief"),
        17 => {
            intents.write(Intent::ToTitle);
        }
        18 => script.shot(&mut commands, "09-title-continue"),
        _ => {
            // Wait for the last pictures to reach the disk.
            let done = script.shots.iter().all(|p| p.exists());
            if done {
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

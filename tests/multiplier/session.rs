//! The session without Bevy: the game's whole flow driven through the app layer, with the
//! shell's work (loads, the bots, the files asked for, folder reads) carried out on the spot.

use multiplier::app::catalog::FolderScan;
use multiplier::app::{Catalog, Command, Context, Intent, Screen, Session, Source, Write};
use multiplier::storage::DataDir;

/// A session and what its shell would hold, with the shell's work done synchronously.
pub(super) struct Shell {
    pub(super) session: Session,
    pub(super) catalog: Catalog,
    pub(super) data: DataDir,
    /// Every screen the session asked for, in order.
    screens: Vec<Screen>,
    /// Every file the session asked to have written, in order: what kind, and its name.
    writes: Vec<(&'static str, String)>,
    /// Whether the shell writes the files it is asked for (a browser table's does not).
    keeps_files: bool,
}

impl Shell {
    pub(super) fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("mt-session-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Self::at(DataDir(dir))
    }

    /// A new session on a data folder as it is: the game started again.
    pub(super) fn at(data: DataDir) -> Self {
        let mut catalog = Catalog::builtins();
        catalog.set_folder(FolderScan::read(&data.scenarios()));
        Self {
            session: Session::default(),
            catalog,
            data,
            screens: Vec::new(),
            writes: Vec::new(),
            keeps_files: true,
        }
    }

    pub(super) fn send(&mut self, intent: Intent) {
        let mut cx = Context {
            catalog: &mut self.catalog,
            scanning: false,
            busy: false,
        };
        let commands = self.session.apply(intent, &mut cx);
        self.carry_out(commands);
    }

    pub(super) fn carry_out(&mut self, commands: Vec<Command>) {
        for command in commands {
            let more = match command {
                Command::Go(screen) => {
                    self.screens.push(screen);
                    Vec::new()
                }
                Command::Load(load) => self.session.arrive(load.run(&self.data)),
                Command::Compare(compare) => self.session.compared(compare.run()),
                Command::Rescan => {
                    self.catalog
                        .set_folder(FolderScan::read(&self.data.scenarios()));
                    Vec::new()
                }
                Command::Write(write) => {
                    self.writes.push(match &write {
                        Write::Autosave { file_name, .. } => ("autosave", file_name.clone()),
                        Write::Save { name, .. } => ("save", name.clone()),
                        Write::Result(result) => ("result", result.file_name()),
                        Write::Starter { name } => ("starter", name.clone()),
                    });
                    if self.keeps_files {
                        let written = write.run(&self.data);
                        let mut cx = Context {
                            catalog: &mut self.catalog,
                            scanning: false,
                            busy: false,
                        };
                        self.session.written(written, &mut cx)
                    } else {
                        Vec::new()
                    }
                }
                Command::CloseOverlay | Command::RescanSaves | Command::Quit => Vec::new(),
            };
            self.carry_out(more);
        }
    }

    pub(super) fn week(&self) -> u32 {
        self.session.run.as_ref().map_or(0, |r| r.game.state().week)
    }

    /// Ends a week, deciding any event with its first choice.
    pub(super) fn play_week(&mut self) {
        self.send(Intent::EndWeek);
        if self
            .session
            .run
            .as_ref()
            .is_some_and(|r| r.game.pending().is_some())
        {
            self.send(Intent::Decide(0));
        }
    }
}

#[test]
fn title_to_debrief_and_back_through_the_session() {
    let mut shell = Shell::new("flow");
    shell.send(Intent::Choose {
        source: Source::Builtin("first-week".into()),
        seed: Some(5),
    });
    assert_eq!(shell.session.screen(), Screen::Briefing);
    shell.send(Intent::Begin);
    assert_eq!(shell.session.screen(), Screen::Play);
    shell.send(Intent::Add(multiplier::sim::Planned::new("explain")));
    assert_eq!(
        shell.session.notice, None,
        "a plan entry that fits is taken quietly"
    );
    shell.play_week();
    assert_eq!(shell.week(), 1);
    shell.send(Intent::Undo);
    assert_eq!(shell.week(), 0);
    assert!(shell.session.notice.as_ref().is_some_and(|n| !n.error));
    while shell.session.screen() == Screen::Play {
        shell.play_week();
    }
    assert_eq!(shell.session.screen(), Screen::Debrief);
    let debrief = shell.session.debrief.as_ref().expect("a debrief");
    assert_eq!(debrief.bots.len(), multiplier::sim::Policy::ALL.len());
    let autosaves: Vec<&String> = shell
        .writes
        .iter()
        .filter(|(kind, _)| *kind == "autosave")
        .map(|(_, name)| name)
        .collect();
    assert!(
        autosaves.len() > 5 && autosaves.iter().all(|name| *name == autosaves[0]),
        "every week is autosaved, into the run's own file: {autosaves:?}"
    );
    assert_eq!(
        multiplier::app::save::autosaves(&shell.data.saves()).len(),
        1,
        "the shell wrote it"
    );

    // Continue picks up the finished run at its debrief.
    shell.send(Intent::ToTitle);
    assert_eq!(shell.session.screen(), Screen::Title);
    shell.send(Intent::Continue);
    assert_eq!(shell.session.screen(), Screen::Debrief);
    assert_eq!(
        shell.screens,
        [
            Screen::Briefing,
            Screen::Play,
            Screen::Debrief,
            Screen::Title,
            Screen::Debrief
        ]
    );
}

#[test]
fn a_workshop_runs_on_its_countdown_and_writes_its_result() {
    let mut shell = Shell::new("workshop");
    shell.send(Intent::Join {
        code: "first-week-77-30s".into(),
        team: "Night Owls".into(),
    });
    assert_eq!(shell.session.screen(), Screen::Briefing);
    shell.send(Intent::Begin);
    let mut cx = Context {
        catalog: &mut shell.catalog,
        scanning: false,
        busy: false,
    };
    assert!(shell.session.tick(29.0, &mut cx).is_empty());
    let commands = shell.session.tick(1.5, &mut cx);
    shell.carry_out(commands);
    assert_eq!(shell.week(), 1, "the countdown ended the week");
    let mut cx = Context {
        catalog: &mut shell.catalog,
        scanning: false,
        busy: true,
    };
    assert!(
        shell.session.tick(60.0, &mut cx).is_empty(),
        "the clock waits while the player waits"
    );
    while shell.session.screen() == Screen::Play {
        shell.play_week();
    }
    let results: Vec<&(&str, String)> = shell
        .writes
        .iter()
        .filter(|(kind, _)| *kind == "result")
        .collect();
    assert_eq!(
        results,
        [&(
            "result",
            "night-owls-first-week-77-30s.result.ron".to_string()
        )],
        "the result is asked for once, at the end"
    );
    match &shell.session.result {
        Some(Ok(path)) => {
            assert!(path.ends_with("results/night-owls-first-week-77-30s.result.ron"))
        }
        other => panic!("no result file: {other:?}"),
    }
}

/// A timed workshop at a desktop table: Undo is shown disabled with its reason (it looked
/// enabled, then said "Undo is off"), and the week's clock stands still while the player has
/// the game paused (the Paused menu), and runs again after.
#[test]
fn a_timed_weeks_clock_stops_while_paused_and_undo_says_why_it_is_off() {
    use multiplier::app::view::PlayView;
    use multiplier::app::view::play::undo;
    let mut shell = Shell::new("paused");
    shell.send(Intent::Join {
        code: "first-week-77-30s".into(),
        team: "Larks".into(),
    });
    shell.send(Intent::Begin);
    shell.play_week();
    let run = shell.session.run.as_ref().expect("a run");
    let view = PlayView::of(run, None, Default::default());
    assert_eq!(
        view.plan.undo.blocked.as_deref(),
        Some("Undo is off in this workshop: its weeks keep time")
    );
    assert_eq!(undo(run), view.plan.undo, "the debrief's is the same");

    let tick = |shell: &mut Shell, seconds: f64| {
        let mut cx = Context {
            catalog: &mut shell.catalog,
            scanning: false,
            busy: false,
        };
        let commands = shell.session.tick(seconds, &mut cx);
        shell.carry_out(commands);
    };
    shell.send(Intent::Pause(true));
    tick(&mut shell, 120.0);
    assert_eq!(shell.week(), 1, "paused: the clock stood still");
    shell.send(Intent::Pause(false));
    tick(&mut shell, 29.0);
    assert_eq!(shell.week(), 1, "the week's 30 s are all still there");
    tick(&mut shell, 1.5);
    assert_eq!(shell.week(), 2, "and run out as before");
}

/// The session writes nothing itself: a shell that keeps no files (a browser table on the
/// host) plays a whole workshop run without a folder, and is still told nothing failed.
#[test]
fn the_session_leaves_every_file_to_its_shell() {
    let mut shell = Shell::new("no-files");
    shell.keeps_files = false;
    shell.send(Intent::Join {
        code: "first-week-78".into(),
        team: "Larks".into(),
    });
    shell.send(Intent::Begin);
    while shell.session.screen() == Screen::Play {
        shell.play_week();
    }
    assert_eq!(shell.session.screen(), Screen::Debrief);
    shell.send(Intent::Save("Larks".into()));
    let kinds: std::collections::BTreeSet<&str> = shell.writes.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        kinds,
        ["autosave", "result", "save"].into(),
        "every file is asked for"
    );
    assert!(
        !shell.data.saves().exists() && !shell.data.results().exists(),
        "and none was written by the session"
    );
    assert!(
        shell.session.notice.as_ref().is_none_or(|n| !n.error),
        "no write failed: {:?}",
        shell.session.notice
    );
    assert!(shell.session.result.is_none(), "no result was kept");
}

#[test]
fn intents_wait_while_a_run_is_being_made() {
    let mut shell = Shell::new("busy");
    let mut cx = Context {
        catalog: &mut shell.catalog,
        scanning: false,
        busy: true,
    };
    let choose = Intent::Choose {
        source: Source::Builtin("first-week".into()),
        seed: None,
    };
    assert!(shell.session.apply(choose, &mut cx).is_empty());
    assert!(shell.session.run.is_none());
    assert!(matches!(
        shell.session.apply(Intent::Quit, &mut cx).as_slice(),
        [Command::Quit]
    ));
}

#[test]
fn the_selection_changes_only_through_the_session_and_only_to_what_is_there() {
    use multiplier::app::Pick;
    let mut shell = Shell::new("select");
    shell.send(Intent::Choose {
        source: Source::Builtin("brilliant-team".into()),
        seed: Some(1),
    });
    let second = shell.session.run.as_ref().unwrap().game.state().people[1]
        .id
        .clone();
    shell.send(Intent::Select(Pick::Person(second.clone())));
    shell.send(Intent::Select(Pick::Person("nobody".into())));
    shell.send(Intent::Select(Pick::Item("no-such-item".into())));
    let run = shell.session.run.as_ref().unwrap();
    assert_eq!(run.selection.person, Some(second));
    assert!(run.selection.item.is_some(), "an open item stays selected");
}

/// A message belongs to the screen it was about: "Loaded …" is shown at the run it loaded and
/// gone from the title screen; a dialog that opens dismisses what was said before it.
#[test]
fn messages_do_not_outlive_their_screen() {
    let mut shell = Shell::new("notices");
    shell.send(Intent::Choose {
        source: Source::Builtin("first-week".into()),
        seed: Some(3),
    });
    shell.send(Intent::Begin);
    shell.play_week();
    shell.send(Intent::Save("before the reorg".into()));
    let saved = shell.session.notice.clone().expect("the save is confirmed");
    assert!(!saved.error, "{}", saved.text);
    shell.send(Intent::ToTitle);
    assert_eq!(
        shell.session.notice, None,
        "the save's message left with its screen"
    );

    let path = std::fs::read_dir(shell.data.saves())
        .expect("the saves folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| !multiplier::app::save::is_autosave(p))
        .expect("the named save");
    shell.send(Intent::Load(path));
    assert_eq!(shell.session.screen(), Screen::Play);
    let loaded = shell.session.notice.clone().expect("the load is confirmed");
    assert!(loaded.text.starts_with("Loaded"), "{}", loaded.text);
    shell.send(Intent::ToTitle);
    assert_eq!(
        shell.session.notice, None,
        "“Loaded …” is not left on the title"
    );

    // A refusal on the play screen is not carried into a dialog opened after it.
    shell.send(Intent::Continue);
    shell.send(Intent::Add(multiplier::sim::Planned::new("no_such_action")));
    assert!(shell.session.notice.as_ref().is_some_and(|n| n.error));
    shell.send(Intent::Dismiss);
    assert_eq!(shell.session.notice, None);
}

/// The saves list says the week being planned, as the play screen does.
#[test]
fn a_save_is_listed_at_the_week_being_planned() {
    let mut shell = Shell::new("progress");
    shell.send(Intent::Choose {
        source: Source::Builtin("first-week".into()),
        seed: Some(4),
    });
    shell.send(Intent::Begin);
    for _ in 0..3 {
        shell.play_week();
    }
    let run = shell.session.run.as_ref().expect("a run");
    assert_eq!(run.game.week(), 4, "planning week 4");
    let save = multiplier::app::save::SaveFile::of_run("x", &run.source, &run.game, None);
    assert_eq!(save.progress(), format!("week 4 of {}", save.weeks));
    while shell.session.screen() == Screen::Play {
        shell.play_week();
    }
    let run = shell.session.run.as_ref().expect("a run");
    let save = multiplier::app::save::SaveFile::of_run("x", &run.source, &run.game, None);
    assert_eq!(save.progress(), format!("finished ({} weeks)", save.weeks));
}

/// Each run keeps its own autosave, and Continue resumes the run played last: a new run
/// does not replace another's, and a save loaded and left is what Continue comes back to.
#[test]
fn continue_resumes_the_run_played_last() {
    let mut shell = Shell::new("continue");
    let start = |shell: &mut Shell, id: &str, seed: u64| {
        shell.send(Intent::Choose {
            source: Source::Builtin(id.into()),
            seed: Some(seed),
        });
        shell.send(Intent::Begin);
    };
    start(&mut shell, "brilliant-team", 7);
    for _ in 0..5 {
        shell.play_week();
    }
    shell.send(Intent::Save("week six".into()));
    shell.play_week();
    shell.send(Intent::ToTitle);

    // Another run, left at week 1: it does not replace the first run's autosave.
    start(&mut shell, "first-week", 8);
    shell.send(Intent::ToTitle);
    let autosaves: std::collections::BTreeSet<&String> = shell
        .writes
        .iter()
        .filter(|(kind, _)| *kind == "autosave")
        .map(|(_, name)| name)
        .collect();
    assert_eq!(autosaves.len(), 2, "an autosave of each run: {autosaves:?}");
    shell.send(Intent::Continue);
    let run = shell.session.run.as_ref().expect("a run");
    assert_eq!(
        run.source,
        Source::Builtin("first-week".into()),
        "the run played last"
    );

    // The named save, loaded and left unplayed, is what Continue resumes next.
    shell.send(Intent::ToTitle);
    let named = std::fs::read_dir(shell.data.saves())
        .expect("the saves folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| !multiplier::app::save::is_autosave(p))
        .expect("the named save");
    shell.send(Intent::Load(named));
    assert_eq!(shell.session.run.as_ref().map(|r| r.game.week()), Some(6));
    shell.send(Intent::ToTitle);
    shell.send(Intent::Continue);
    let run = shell.session.run.as_ref().expect("a run");
    assert_eq!(run.source, Source::Builtin("brilliant-team".into()));
    assert_eq!(
        run.game.week(),
        6,
        "the loaded save, not the run's later autosave"
    );
}

/// Loading a named save never replaces a finished run's autosave (seen: brilliant-team
/// finished, a save from week 19 loaded, quit to the title: the run's autosave showed week 19
/// and the finished run was gone from Load). Playing on from a save writes an autosave of its
/// own, which Continue and Load go on with.
#[test]
fn loading_a_named_save_keeps_the_finished_runs_autosave() {
    use multiplier::app::save::{autosaves, is_autosave, read};
    let mut shell = Shell::new("named-load");
    shell.send(Intent::Choose {
        source: Source::Builtin("first-week".into()),
        seed: Some(4),
    });
    shell.send(Intent::Begin);
    for _ in 0..5 {
        shell.play_week();
    }
    shell.send(Intent::Save("week six".into()));
    while shell.session.screen() == Screen::Play {
        shell.play_week();
    }
    assert_eq!(shell.session.screen(), Screen::Debrief, "finished");
    let finished = |shell: &Shell| {
        autosaves(&shell.data.saves())
            .iter()
            .filter_map(|p| read(p).ok())
            .filter(|s| s.week == s.weeks)
            .count()
    };
    assert_eq!(finished(&shell), 1, "the finished run's autosave");

    shell.send(Intent::ToTitle);
    let named = std::fs::read_dir(shell.data.saves())
        .expect("the saves folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| !is_autosave(p))
        .expect("the named save");
    shell.send(Intent::Load(named));
    assert_eq!(shell.week(), 5);
    shell.play_week();
    shell.send(Intent::ToTitle);
    assert_eq!(
        finished(&shell),
        1,
        "still there after the load: {:?}",
        shell.writes
    );
    let weeks: Vec<u32> = autosaves(&shell.data.saves())
        .iter()
        .filter_map(|p| read(p).ok())
        .map(|s| s.week)
        .collect();
    assert_eq!(
        weeks.len(),
        2,
        "the finished run and the one played on: {weeks:?}"
    );

    // Continue goes on with the run played on from the save, and keeps writing its autosave.
    shell.send(Intent::Continue);
    assert_eq!(shell.week(), 6);
    shell.play_week();
    shell.send(Intent::ToTitle);
    assert_eq!(autosaves(&shell.data.saves()).len(), 2, "no third autosave");
    assert_eq!(finished(&shell), 1);
}

/// A named save called "autosave …" is still a named save.
#[test]
fn a_save_named_autosave_is_not_taken_for_one() {
    use multiplier::app::save::{file_name, is_autosave};
    for name in ["autosave", "Autosave backup", "AUTOSAVE-1"] {
        let file = file_name(name);
        assert!(!is_autosave(std::path::Path::new(&file)), "{name} → {file}");
    }
}

/// The run's capacity, worked out when the world changes, is always the state's own: after a
/// week, a decision, an undo and a load.
#[test]
fn the_runs_capacity_follows_every_change() {
    let mut shell = Shell::new("capacity");
    shell.send(Intent::Choose {
        source: Source::Builtin("brilliant-team".into()),
        seed: Some(2),
    });
    shell.send(Intent::Begin);
    let fresh = |shell: &Shell| {
        let run = shell.session.run.as_ref().expect("a run");
        (
            run.capacity(),
            run.game.state().capacity(run.game.scenario()),
        )
    };
    let (kept, now) = fresh(&shell);
    assert_eq!(kept, now);
    for _ in 0..4 {
        shell.send(Intent::Add(multiplier::sim::Planned::new("explain")));
        shell.play_week();
        let (kept, now) = fresh(&shell);
        assert_eq!(kept, now, "week {}", shell.week());
    }
    shell.send(Intent::Undo);
    let (kept, now) = fresh(&shell);
    assert_eq!(kept, now, "after undo");
    shell.send(Intent::ToTitle);
    shell.send(Intent::Continue);
    let (kept, now) = fresh(&shell);
    assert_eq!(kept, now, "after a load");
}

/// A new scenario is asked of the shell, which writes the starter; the session lists it and
/// opens its author view saying where it is.
#[test]
fn a_new_scenario_is_written_by_the_shell_and_opened() {
    let mut shell = Shell::new("starter");
    shell.send(Intent::NewScenario("   ".into()));
    assert!(shell.writes.is_empty(), "a blank name asks for nothing");
    assert!(shell.session.notice.as_ref().is_some_and(|n| n.error));
    shell.send(Intent::NewScenario("Our platform team".into()));
    assert_eq!(shell.writes, [("starter", "Our platform team".to_string())]);
    assert_eq!(shell.session.screen(), Screen::Author);
    let file = shell.data.scenarios().join("our-platform-team.ron");
    assert_eq!(shell.session.entry, Some(Source::File(file.clone())));
    assert!(shell.catalog.entry(&Source::File(file)).is_some(), "listed");
    let notice = shell.session.notice.as_ref().expect("a notice");
    assert!(
        !notice.error && notice.text.contains("our-platform-team.ron"),
        "{notice:?}"
    );
}

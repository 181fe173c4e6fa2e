//! Workshop mode: codes, result files, verification by replay and the HTML report.

use std::path::{Path, PathBuf};

use multiplier::sim::{Policy, play};
use multiplier::workshop::{
    Code, HashedScenario, MAX_RESULT_BYTES, Report, ResultFile, Verdict, verify_files,
};

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mt-workshop-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// The result of a bot's run under `code`, as a table would write it.
fn result(team: &str, code: &str, policy: Policy) -> ResultFile {
    let code = Code::parse(code).expect("code");
    let hashed = HashedScenario::resolve(&code.scenario).expect("scenario");
    let game = play(&hashed.scenario, policy, code.seed);
    ResultFile::of(team, &code, &game, &hashed.hash)
}

fn write(dir: &Path, r: &ResultFile) -> PathBuf {
    let path = dir.join(r.file_name());
    r.write(&path).expect("written");
    path
}

#[test]
fn codes_read_from_the_right_forgive_typing_and_print_canonically() {
    let c = Code::parse("  Brilliant Team 4821 ").unwrap();
    assert_eq!(
        c,
        Code {
            scenario: "brilliant-team".into(),
            seed: 4821,
            week_seconds: None
        }
    );
    assert_eq!(c.to_string(), "brilliant-team-4821");
    let t = Code::parse("blood-from-a-stone-7-90s").unwrap();
    assert_eq!(
        (t.scenario.as_str(), t.seed, t.week_seconds),
        ("blood-from-a-stone", 7, Some(90))
    );
    assert_eq!(
        Code::parse("first_week_12_2M").unwrap().to_string(),
        "first-week-12-2m"
    );
    assert_eq!(Code::parse(&t.to_string()).unwrap(), t);
    for bad in [
        "",
        "4821",
        "brilliant-team",
        "brilliant-team-90s",
        "team-1-5s",
        "te@m-12",
    ] {
        let e = Code::parse(bad).unwrap_err().to_string();
        assert!(!e.is_empty() && !e.contains('\n'), "{bad}: {e}");
    }
    let fresh = Code::fresh("first-week", 123_456_789, Some(120));
    assert!((1000..10000).contains(&fresh.seed));
    assert_eq!(Code::parse(&fresh.to_string()).unwrap(), fresh);
}

#[test]
fn result_files_round_trip_bit_for_bit() {
    let r = result("Table 1", "brilliant-team-4821", Policy::Random);
    let text = r.to_ron().unwrap();
    let back = ResultFile::from_ron(&text).unwrap();
    assert_eq!(back, r);
    for (a, b) in r.weeks.iter().zip(&back.weeks) {
        assert_eq!(a.output.to_bits(), b.output.to_bits());
        assert_eq!(a.value.to_bits(), b.value.to_bits());
    }
    assert_eq!(r.output.to_bits(), back.output.to_bits());
    assert_eq!(r.weeks.len(), 26);
    assert!(!r.log.is_empty());
    let dir = scratch("roundtrip");
    let path = write(&dir, &r);
    assert_eq!(ResultFile::read(&path).unwrap(), r);
}

#[test]
fn file_names_are_safe_whatever_the_team_types() {
    let mut r = result("x", "first-week-3", Policy::Balanced);
    r.team = "../../Table 3: Lead & Manage!".into();
    assert_eq!(r.file_name(), "table-3-lead-manage-first-week-3.result.ron");
    r.team = "  ".into();
    assert_eq!(r.file_name(), "team-first-week-3.result.ron");
}

#[test]
fn honest_results_verify_and_edits_are_caught() {
    let dir = scratch("verify");
    let honest = result("Honest", "first-week-5", Policy::Balanced);
    let mut score = honest.clone();
    score.team = "Score".into();
    score.value += 1.0;
    let mut weekly = honest.clone();
    weekly.team = "Weekly".into();
    weekly.weeks[3].output *= 1.01;
    let mut log = honest.clone();
    log.team = "Log".into();
    // A week of work dropped from the log: the recorded scores no longer follow from it.
    log.log[2].plan.clear();
    let mut hash = honest.clone();
    hash.team = "Hash".into();
    hash.scenario_hash = "0".repeat(64);
    let paths: Vec<PathBuf> = [&honest, &score, &weekly, &log, &hash]
        .into_iter()
        .map(|r| write(&dir, r))
        .collect();
    let checked = verify_files(&paths, None);
    assert_eq!(checked[0].verdict, Verdict::Verified);
    for c in &checked[1..] {
        assert!(
            matches!(&c.verdict, Verdict::Tampered(why) if !why.contains('\n')),
            "{:?}",
            c.verdict
        );
    }
    assert!(checked[4].verdict.to_string().contains("hash"));
}

/// A run played on another version of the simulation whose replay differs is named as
/// such; one whose replay still matches verifies; a file from before versions were recorded
/// reads as version 0.
#[test]
fn results_from_another_simulation_version_are_not_called_tampered() {
    let dir = scratch("version");
    let honest = result("Honest", "first-week-5", Policy::Balanced);
    assert_eq!(honest.model, multiplier::sim::MODEL_VERSION);
    let mut older = honest.clone();
    older.team = "Older".into();
    older.model = 0;
    older.value += 1.0;
    let mut same_numbers = honest.clone();
    same_numbers.team = "Same numbers".into();
    same_numbers.model = 0;
    let mut edited = honest.clone();
    edited.team = "Edited".into();
    edited.value += 1.0;
    let paths: Vec<PathBuf> = [&older, &same_numbers, &edited]
        .into_iter()
        .map(|r| write(&dir, r))
        .collect();
    let checked = verify_files(&paths, None);
    assert!(
        matches!(&checked[0].verdict, Verdict::OtherVersion(why) if why.contains("version 0")),
        "{:?}",
        checked[0].verdict
    );
    assert!(!checked[0].verdict.verified());
    assert_eq!(checked[1].verdict, Verdict::Verified);
    assert!(matches!(checked[2].verdict, Verdict::Tampered(_)));

    let text = honest.to_ron().expect("encoded");
    let without: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("model:"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_ne!(without, text, "the model version is written");
    assert_eq!(
        ResultFile::from_ron(&without).map(|r| r.model).ok(),
        Some(0)
    );
}

#[test]
fn unreadable_and_foreign_files_get_clear_messages() {
    let dir = scratch("unreadable");
    let garbage = dir.join("garbage.result.ron");
    std::fs::write(&garbage, [0xff, 0x00, 0x13, 0x37]).unwrap();
    let not_result = dir.join("scenario.result.ron");
    std::fs::write(&not_result, "Scenario(title: \"x\")").unwrap();
    let newer = dir.join("newer.result.ron");
    std::fs::write(&newer, "(version: 99)").unwrap();
    let huge = dir.join("huge.result.ron");
    std::fs::write(&huge, vec![b' '; MAX_RESULT_BYTES as usize + 1]).unwrap();
    let missing = dir.join("missing.result.ron");
    let mut custom = result("Custom", "first-week-1", Policy::Balanced);
    custom.scenario = "my-own".into();
    let custom = write(&dir, &custom);
    let checked = verify_files(&[garbage, not_result, newer, huge, missing, custom], None);
    let text: Vec<String> = checked.iter().map(|c| c.verdict.to_string()).collect();
    assert!(text[0].contains("not text"), "{}", text[0]);
    assert!(text[1].starts_with("unreadable"), "{}", text[1]);
    assert!(text[2].contains("newer version"), "{}", text[2]);
    assert!(text[3].contains("too large"), "{}", text[3]);
    assert!(text[4].contains("cannot open"), "{}", text[4]);
    assert!(text[5].contains("--scenario"), "{}", text[5]);
    assert!(matches!(checked[5].verdict, Verdict::OtherScenario(_)));
    assert!(text.iter().all(|t| !t.contains('\n')));
}

#[test]
fn a_report_names_every_team_flags_edits_and_draws_the_charts() {
    let dir = scratch("report");
    let teams = [
        ("Rocket Table", Policy::PureLeader),
        ("Customer <Crew>", Policy::PureManager),
        ("Night Owls", Policy::HeroCoder),
    ];
    let mut paths: Vec<PathBuf> = teams
        .iter()
        .map(|(t, p)| write(&dir, &result(t, "brilliant-team-77", *p)))
        .collect();
    let mut edited_score = result("Edited Score", "brilliant-team-77", Policy::Balanced);
    edited_score.output += 100.0;
    let mut edited_log = result("Edited Log", "brilliant-team-77", Policy::Balanced);
    edited_log.log[0].choice = Some(7);
    let wrong = result("Wrong Room", "first-week-77", Policy::Balanced);
    paths.extend([&edited_score, &edited_log, &wrong].map(|r| write(&dir, r)));
    let broken = dir.join("broken.result.ron");
    std::fs::write(&broken, "(version: 1, team: ").unwrap();
    paths.push(broken);

    let report = Report::build(&paths, None).unwrap();
    assert_eq!(report.tables.len(), 3);
    assert_eq!(report.seed, 77);
    assert_eq!(report.bots.len(), Policy::ALL.len());
    let verdict = |team: &str| {
        report
            .files
            .iter()
            .find(|f| f.1 == team)
            .map(|f| f.2.clone())
            .unwrap()
    };
    assert!(matches!(verdict("Edited Score"), Verdict::Tampered(_)));
    assert!(matches!(verdict("Edited Log"), Verdict::Tampered(_)));
    assert!(matches!(verdict("Wrong Room"), Verdict::OtherScenario(_)));
    assert!(matches!(report.files[6].2, Verdict::Unreadable(_)));

    let html = report.html().unwrap();
    for team in [
        "Rocket Table",
        "Customer &lt;Crew&gt;",
        "Night Owls",
        "Edited Score",
        "Edited Log",
        "Wrong Room",
    ] {
        assert!(html.contains(team), "{team} missing");
    }
    assert!(!html.contains("Customer <Crew>"), "team names are escaped");
    assert_eq!(
        html.matches("<svg").count(),
        4,
        "quadrant, two curves, hours"
    );
    assert!(html.contains("Scaled and valuable"));
    for q in &report.scenario.scenario.story.debrief {
        assert!(
            html.contains(&maud_escape(q)),
            "debrief question missing: {q}"
        );
    }
    for needle in ["<script", "src=\"http", "href=\"http", "<link"] {
        assert!(
            !html.contains(needle),
            "{needle}: the page must be self-contained"
        );
    }
    // The leaderboard ranks only verified tables: the edited score is left off it.
    let board = &html[html.find("Leaderboard").unwrap()..html.find("Curves").unwrap()];
    assert!(!board.contains("Edited Score"));
    assert!(board.contains("Rocket Table"));
}

#[test]
fn a_custom_scenario_is_verified_against_its_file() {
    let dir = scratch("custom");
    let source = multiplier::format::BUILTINS[0].source;
    let file = dir.join("my-own.ron");
    std::fs::write(&file, source).unwrap();
    let hashed = HashedScenario::load(&file).unwrap();
    assert_eq!(hashed.scenario.story.id, "my-own");
    let code = Code::parse("my-own-9").unwrap();
    let game = play(&hashed.scenario, Policy::Balanced, code.seed);
    let r = ResultFile::of("Own", &code, &game, &hashed.hash);
    let path = write(&dir, &r);
    let checked = verify_files(std::slice::from_ref(&path), Some(&hashed));
    assert_eq!(checked[0].verdict, Verdict::Verified);
    let report = Report::build(&[path], Some(&hashed)).unwrap();
    assert_eq!(report.tables.len(), 1);
    // The same file changed by one byte is another scenario version.
    std::fs::write(&file, format!("{source}\n")).unwrap();
    let changed = HashedScenario::load(&file).unwrap();
    assert_ne!(changed.hash, hashed.hash);
}

#[test]
fn the_command_line_writes_verifies_and_reports() {
    let dir = scratch("cli");
    let bin = env!("CARGO_BIN_EXE_multiplier");
    let out = dir.join("a.result.ron");
    let run = |args: &[&str]| {
        std::process::Command::new(bin)
            .args(args)
            .output()
            .expect("the binary runs")
    };
    let o = out.to_str().unwrap();
    assert!(
        run(&[
            "play",
            "first-week",
            "--seed",
            "4",
            "--team",
            "A",
            "--out",
            o
        ])
        .status
        .success()
    );
    assert_eq!(ResultFile::read(&out).unwrap().code, "first-week-4");
    assert!(run(&["verify", o]).status.success());
    let mut edited = ResultFile::read(&out).unwrap();
    edited.value += 1.0;
    let bad = dir.join("b.result.ron");
    edited.write(&bad).unwrap();
    let v = run(&["verify", o, bad.to_str().unwrap()]);
    assert_eq!(v.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&v.stderr).contains("tampered"));
    let html = dir.join("report.html");
    let r = run(&[
        "report",
        o,
        bad.to_str().unwrap(),
        "--out",
        html.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(std::fs::read_to_string(&html).unwrap().contains("<svg"));
}

/// What maud makes of plain text in HTML.
fn maud_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[test]
fn odd_codes_and_choice_numbers_in_a_file_are_flagged_not_fatal() {
    let dir = scratch("odd");
    let honest = write(
        &dir,
        &result("Honest", "brilliant-team-5", Policy::Balanced),
    );
    let mut accent = result("Accent", "brilliant-team-5", Policy::Balanced);
    accent.code = "brilliant-team-5é".into();
    let accent_path = dir.join("accent.result.ron");
    accent.write(&accent_path).unwrap();
    let mut chosen = result("Chosen", "brilliant-team-5", Policy::Balanced);
    let week = chosen
        .log
        .iter()
        .position(|w| w.choice.is_some())
        .expect("some event in the run");
    chosen.log[week].choice = Some(usize::MAX);
    let chosen_path = dir.join("chosen.result.ron");
    chosen.write(&chosen_path).unwrap();
    let checked = verify_files(&[accent_path, chosen_path, honest.clone()], None);
    let text: Vec<String> = checked.iter().map(|c| c.verdict.to_string()).collect();
    assert!(
        text[0].starts_with("tampered: its code does not read"),
        "{}",
        text[0]
    );
    assert!(
        text[1].contains("no choice number 18446744073709551616"),
        "{}",
        text[1]
    );
    assert!(checked[2].verdict.verified(), "{}", text[2]);
    let report = Report::build(&[checked[0].path.clone(), honest], None).unwrap();
    assert_eq!(report.tables.len(), 1);
}

#[test]
fn a_byte_order_mark_is_not_damage() {
    let dir = scratch("bom");
    let r = result("Windows", "first-week-3", Policy::Balanced);
    let path = dir.join("bom.result.ron");
    std::fs::write(&path, format!("\u{feff}{}", r.to_ron().unwrap())).unwrap();
    assert_eq!(ResultFile::read(&path).ok().as_ref(), Some(&r));
}

#[test]
fn a_report_counts_a_run_once_and_ranks_one_world() {
    let dir = scratch("worlds");
    let a = write(
        &dir,
        &result("Alpha", "brilliant-team-8", Policy::PureLeader),
    );
    let b = write(&dir, &result("Beta", "brilliant-team-8", Policy::Balanced));
    let copy = dir.join("copy-of-alpha.result.ron");
    std::fs::copy(&a, &copy).unwrap();
    let other = write(&dir, &result("Gamma", "brilliant-team-9", Policy::Balanced));
    let paths = [a.clone(), b, a.clone(), copy, other];
    let report = Report::build(&paths, None).unwrap();
    let teams: Vec<&str> = report
        .tables
        .iter()
        .map(|t| t.result.team.as_str())
        .collect();
    assert_eq!(teams, ["Alpha", "Beta"]);
    assert_eq!(report.seed, 8);
    let verdicts: Vec<String> = report.files.iter().map(|f| f.2.to_string()).collect();
    assert!(
        verdicts[2].starts_with("duplicate: the same run as"),
        "{}",
        verdicts[2]
    );
    assert!(verdicts[2].contains(&a.display().to_string()));
    assert!(verdicts[3].starts_with("duplicate:"), "{}", verdicts[3]);
    assert!(
        verdicts[4].starts_with("other world: played with the code `brilliant-team-9`"),
        "{}",
        verdicts[4]
    );
    let html = report.html().unwrap();
    assert!(
        html.contains("other world"),
        "the page says why Gamma is left out"
    );
}

#[test]
fn tampered_files_neither_choose_the_world_nor_hide_as_another() {
    let dir = scratch("tampered-world");
    let honest = write(
        &dir,
        &result("Honest", "brilliant-team-8", Policy::Balanced),
    );
    let mut paths = vec![honest];
    for team in ["Edit One", "Edit Two"] {
        let mut r = result(team, "brilliant-team-9", Policy::Balanced);
        r.output += 1.0;
        paths.push(write(&dir, &r));
    }
    let report = Report::build(&paths, None).unwrap();
    assert_eq!(report.seed, 8, "the verified file's world");
    assert!(
        report.files[1..]
            .iter()
            .all(|f| matches!(f.2, Verdict::Tampered(_)))
    );
}

/// A bot's run on `code` stopped after `weeks` weeks, as a table mid-run would write it.
fn partial(team: &str, code: &str, policy: Policy, weeks: usize) -> ResultFile {
    let code = Code::parse(code).expect("code");
    let hashed = HashedScenario::resolve(&code.scenario).expect("scenario");
    let mut game = multiplier::sim::Game::new(hashed.scenario.clone(), code.seed);
    while game.state().history.len() < weeks && !game.finished() {
        game.set_plan(policy.plan(game.world()));
        game.end_week(false).expect("a week ends");
        if game.pending().is_some() {
            game.choose(policy.choose(game.world())).expect("a choice");
        }
    }
    ResultFile::of(team, &code, &game, &hashed.hash)
}

#[test]
fn an_unfinished_run_is_ranked_beside_the_bots_at_its_week_and_says_so() {
    let dir = scratch("unfinished");
    let code = "brilliant-team-77";
    let paths = [
        write(&dir, &result("Whole Run", code, Policy::PureManager)),
        write(&dir, &partial("Half Way", code, Policy::HeroCoder, 10)),
    ];
    let report = Report::build(&paths, None).unwrap();
    assert_eq!(report.tables.len(), 2, "a run under way verifies");
    assert_eq!(report.scenario.scenario.weeks, 26);
    let html = report.html().unwrap();
    assert!(html.contains("1 run unfinished"), "the page says so");
    assert!(html.contains("Half Way at week 10 of 26"));
    assert!(
        html.contains("Half Way (week 10 of 26)"),
        "marked on the chart"
    );
    // Two quadrants: the whole runs beside the bots' whole runs, then the run under way
    // beside the bots' first ten weeks; neither holds the other's table.
    let charts = &html[html.find("the quadrant").expect("the quadrant")..];
    let charts = &charts[..charts.find("Leaderboard").expect("then the leaderboard")];
    let (whole, at_ten) = charts
        .split_once("At week 10 of 26")
        .expect("a quadrant for week 10");
    assert!(whole.contains("Whole runs") && whole.contains("Whole Run"));
    assert!(
        !whole.contains("Half Way"),
        "not beside the bots' whole runs"
    );
    assert!(at_ten.contains("Half Way") && !at_ten.contains("Whole Run"));
    assert!(at_ten.contains("beside the bots' first 10 weeks"));
    assert_eq!(at_ten.matches("<svg").count(), 1, "one chart for the week");
    // The leaderboard by Output: whole runs first, then the 10-week block.
    let output = &html[html.find("By Output").expect("a leaderboard")..];
    let output = &output[..output.find("By Value").expect("two leaderboards")];
    let (whole, at_ten) = output
        .split_once("By Output at week 10 of 26")
        .expect("a block for week 10");
    assert!(whole.contains("Whole Run") && !whole.contains("Half Way"));
    assert!(at_ten.contains("Half Way") && !at_ten.contains("Whole Run"));
    assert!(at_ten.contains("ranked beside the bots' first 10 weeks"));
    // The bots beside it are their first ten weeks, not their whole runs.
    let hashed = HashedScenario::resolve("brilliant-team").expect("built-in");
    let balanced = play(&hashed.scenario, Policy::Balanced, 77);
    let ten: f64 = balanced.state().history[..10]
        .iter()
        .map(|w| w.output)
        .sum();
    let all = balanced.state().total_output();
    assert!(ten < all, "a sane run gains Output after week 10");
    let bot_row = at_ten
        .split("<tr")
        .find(|row| row.contains("bot: ") && row.contains(Policy::Balanced.label()))
        .expect("the balanced bot's row at week 10");
    assert!(
        bot_row.contains(&format!(">{}<", multiplier::text::whole(ten))),
        "{bot_row}"
    );
    // Its rank is among the tables at its week: first of one.
    let row = at_ten
        .split("<tr")
        .find(|row| row.contains("Half Way"))
        .expect("its row");
    assert!(row.contains("<td>1</td>"), "{row}");
}

#[test]
fn a_report_with_no_table_says_so_and_still_draws_the_bots() {
    let dir = scratch("no-table");
    let mut tampered = result("Edited", "brilliant-team-77", Policy::Balanced);
    tampered.output += 100.0;
    let report = Report::build(&[write(&dir, &tampered)], None).unwrap();
    assert!(report.tables.is_empty());
    let html = report.html().unwrap();
    assert!(html.contains("No table has played yet"));
    for bot in Policy::ALL {
        assert!(html.contains(bot.label()), "{} on the page", bot.label());
    }
}

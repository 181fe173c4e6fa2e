//! The command line: exit codes, output shapes and errors on stderr.

use std::process::Command;

fn multiplier(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_multiplier"))
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn scenarios_lists_every_builtin_with_its_pitch() {
    let (code, out, _) = multiplier(&["scenarios"]);
    assert_eq!(code, 0);
    for b in multiplier::format::BUILTINS {
        assert!(out.contains(b.id), "{out}");
    }
    assert!(!out.contains("does not load"), "{out}");
}

/// `multiplier play … | head -1`: once the reader is gone the command stops without a panic.
#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_multiplier"))
        .args(["play", "path-to-cto", "--policy", "balanced", "--seed", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // The read end closes at once, long before the command has a row to write.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("it ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    use std::os::unix::process::ExitStatusExt;
    assert!(
        out.status.signal() == Some(13) || out.status.success(),
        "ended by the closed pipe's signal (SIGPIPE), or done before it: {:?}",
        out.status
    );
}

#[test]
fn play_prints_one_row_per_week_and_csv_is_machine_readable() {
    let (code, out, _) = multiplier(&[
        "play",
        "first-week",
        "--policy",
        "balanced",
        "--seed",
        "3",
        "--csv",
    ]);
    assert_eq!(code, 0);
    let rows: Vec<&str> = out.lines().collect();
    assert!(rows[0].starts_with("week,output,value,team"), "{out}");
    assert_eq!(rows.len(), 1 + 12);
    assert!(rows[12].starts_with("12,"));
    let (again, out2, _) = multiplier(&[
        "play",
        "first-week",
        "--policy",
        "balanced",
        "--seed",
        "3",
        "--csv",
    ]);
    assert_eq!((again, out2), (0, out), "deterministic");
}

#[test]
fn bad_usage_exits_2_and_invalid_files_exit_1() {
    assert_eq!(
        multiplier(&["play", "first-week", "--policy", "nobody"]).0,
        2
    );
    assert_eq!(multiplier(&["frobnicate"]).0, 2);
    for seeds in ["0", "100001", "18446744073709551615"] {
        let (code, _, err) = multiplier(&["check", "first-week", "--seeds", seeds]);
        assert_eq!(code, 2, "--seeds {seeds}");
        assert!(err.contains("--seeds"), "{err}");
    }
    let dir = std::env::temp_dir().join(format!("multiplier-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.ron");
    std::fs::write(&bad, "Scenario(title: 1)").unwrap();
    let (code, out, err) = multiplier(&["validate", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.is_empty() && err.contains("bad.ron:1:"), "{err}");
    let (code, _, err) = multiplier(&["play", "no-such-scenario"]);
    assert_eq!(code, 1);
    assert!(err.contains("no such scenario"), "{err}");
}

#[test]
fn validate_accepts_every_shipped_file() {
    let files: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    let args: Vec<&str> = std::iter::once("validate")
        .chain(files.iter().map(String::as_str))
        .collect();
    let (code, out, err) = multiplier(&args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.lines().filter(|l| l.contains(": ok")).count(),
        files.len()
    );
}

#[test]
fn check_prints_each_lesson_with_numbers() {
    let (code, out, _) = multiplier(&["check", "first-week", "--seeds", "20"]);
    assert!(out.contains("PASS") || out.contains("FAIL"), "{out}");
    assert!(out.contains("held in"), "{out}");
    assert!(code == 0 || code == 1);
}

#[test]
fn code_makes_a_workshop_code_that_parses_back() {
    let (code, out, _) = multiplier(&["code", "brilliant-team", "--timer", "90s"]);
    assert_eq!(code, 0);
    let first = out.lines().next().expect("the code");
    let parsed = multiplier::workshop::Code::parse(first).expect("a valid code");
    assert_eq!(parsed.scenario, "brilliant-team");
    assert_eq!(parsed.week_seconds, Some(90));
    assert_eq!(parsed.to_string(), first, "printed in canonical form");

    let (code, _, err) = multiplier(&["code", "brilliant-team", "--timer", "5s"]);
    assert_eq!(code, 2, "a timer out of range is bad usage");
    assert!(err.contains("5s"), "{err}");
    let (code, _, err) = multiplier(&["code", "no-such-scenario"]);
    assert_eq!(code, 1);
    assert!(!err.is_empty());
}

#[test]
fn devices_pipes_and_odd_codes_get_one_line_not_a_hang_or_a_panic() {
    let (code, _, err) = multiplier(&["validate", "/dev/zero"]);
    assert_eq!(code, 1);
    assert!(err.contains("not a regular file"), "{err}");
    let dir = std::env::temp_dir().join(format!("mt-cli-fifo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("pipe.ron");
    let _ = std::fs::remove_file(&fifo);
    if Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        let (code, _, err) = multiplier(&["validate", fifo.to_str().unwrap()]);
        assert_eq!(code, 1);
        assert!(err.contains("not a regular file"), "{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
    let (code, _, err) = multiplier(&["code", "first-week", "--timer", "é"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("is not a week timer") && !err.contains("panicked"),
        "{err}"
    );
}

#[test]
fn runaway_arguments_are_not_echoed_whole() {
    let long = "z".repeat(100_000);
    for args in [
        vec!["play", "first-week", "--policy", long.as_str()],
        vec!["play", long.as_str()],
        vec!["code", long.as_str()],
    ] {
        let (code, _, err) = multiplier(&args);
        assert_ne!(code, 0);
        assert!(
            err.len() < 2_000,
            "{} bytes for {:?}…",
            err.len(),
            &args[..2]
        );
    }
    let digits = "9".repeat(100_000);
    for code in [
        format!("first-week-{digits}"),
        format!("first-week-1-{digits}s"),
        long.clone(),
    ] {
        let e = multiplier::workshop::Code::parse(&code)
            .unwrap_err()
            .to_string();
        assert!(e.len() < 400, "{} bytes", e.len());
    }
}

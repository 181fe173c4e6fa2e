//! A mutation fuzzer for the two kinds of file Multiplier reads from people: scenario files
//! and workshop result files. It needs no nightly toolchain and no extra dependency.
//!
//! ```sh
//! cargo run --release --no-default-features --example fuzz -- scenario --minutes 10
//! cargo run --release --no-default-features --example fuzz -- result --minutes 10 --seed 7
//! ```
//!
//! - `scenario` starts from every built-in scenario, the starter `multiplier new` writes and
//!   every `ron` example in `docs/scenario-format.md`. A mutated file that validates is played
//!   to the end by a bot with the feed's explanations on, and its log must replay to the same
//!   scores; one that does not validate must render every diagnostic as a `fuzz.ron:LINE:COL:`
//!   line, with the line inside the file, in at most 100,000 bytes in all.
//! - `result` starts from result files of bots playing every built-in scenario. A mutated
//!   file is read and verified against the built-in scenario it names, then written to a
//!   temporary folder and given to `verify_files`: the two verifications must agree, and the
//!   verdict must take at most 4,000 bytes. A file that reads (and one in 32 of the others)
//!   then goes to `Report::build` beside an honest file, as a facilitator would give them,
//!   and the page is rendered; the honest file must stay on the leaderboard.
//!
//! Mutations: bit flips, byte changes, deleting, duplicating and swapping ranges, splicing
//! from other inputs, interesting tokens (huge numbers, `NaN`, `-0`, long names, `é` and
//! emoji at the end of a word, unbalanced and deeply nested brackets, a BOM, control
//! characters), truncation, and now and then growing past the format's size limit. Inputs that
//! give a message (with numbers and names masked) not seen before join the corpus.
//!
//! A panic, a broken property or an input that takes more than two seconds is written to
//! `$CARGO_TARGET_DIR/fuzz-crashes/` (or `target/fuzz-crashes/`) as `<target>-<n>.bin` (the
//! first three at each place in the code; the rest are counted) and the run goes on; an input
//! that runs for a minute ends the run. `--replay FILE` runs one saved input and prints what
//! it does. The same `--seed` makes the same inputs. Progress is printed every ten seconds;
//! the exit code is 1 if anything was found.

use std::collections::{BTreeMap, HashSet};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use multiplier::format::{self, BUILTINS, Errors, MAX_FILE_BYTES};
use multiplier::sim::{Game, Policy};
use multiplier::workshop::{
    Code, HashedScenario, MAX_RESULT_BYTES, Report, ResultFile, Verdict, verify, verify_files,
};

const USAGE: &str = "usage: fuzz <scenario|result> [--minutes N] [--seed S] [--replay FILE]";

/// An input slower than this is reported as a stall.
const STALL: Duration = Duration::from_secs(2);
/// An input still running after this is a hang: it is saved and the run ends.
const HANG: Duration = Duration::from_secs(60);
/// How often a progress line is printed.
const PROGRESS: Duration = Duration::from_secs(10);
/// The most inputs kept to mutate; new ones then replace old ones (the seeds stay).
const MAX_CORPUS: usize = 4096;
/// Inputs larger than this are run but not kept, so the corpus stays quick to run.
const MAX_KEPT: usize = 256 * 1024;
/// Crashes at the same place in the code after this many are counted but not saved.
const SAVED_PER_PLACE: usize = 3;

/// The name scenario inputs are parsed under; diagnostics must start with it.
const FILE: &str = "fuzz.ron";
/// The most error text one scenario may produce, the bound the test suite holds a file of
/// thousands of mistakes to (a hundred problems are listed, then a count of the rest).
const MAX_ERROR_TEXT: usize = 100_000;
/// The longest verdict on one result file: a line in `verify`'s output and the report.
const MAX_VERDICT: usize = 4_000;

fn main() -> ExitCode {
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let target: Box<dyn Target> = match args.target.as_str() {
        "scenario" => Box::new(ScenarioTarget),
        "result" => match ResultTarget::new() {
            Ok(t) => Box::new(t),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
        },
        other => {
            eprintln!("error: there is no target `{other}`\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    panic::set_hook(Box::new(|info| {
        *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(info.to_string());
    }));
    let found = match &args.replay {
        Some(file) => replay(target, file),
        None => Fuzzer::new(target, &args).run(Duration::from_secs_f64(args.minutes * 60.0)),
    };
    if found {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The command line.
struct Args {
    target: String,
    minutes: f64,
    seed: u64,
    replay: Option<PathBuf>,
}

impl Args {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Self, String> {
        let target = args.next().ok_or("name a target")?;
        let mut parsed = Args {
            target,
            minutes: 10.0,
            seed: 1,
            replay: None,
        };
        while let Some(flag) = args.next() {
            let value = args.next().ok_or(format!("{flag} needs a value"))?;
            let bad = || format!("{flag} takes a number, not `{value}`");
            match flag.as_str() {
                "--minutes" => parsed.minutes = value.parse().map_err(|_| bad())?,
                "--seed" => parsed.seed = value.parse().map_err(|_| bad())?,
                "--replay" => parsed.replay = Some(PathBuf::from(value)),
                _ => return Err(format!("unknown option `{flag}`")),
            }
        }
        if !(parsed.minutes.is_finite() && parsed.minutes >= 0.0) {
            return Err("--minutes must not be negative".into());
        }
        Ok(parsed)
    }
}

/// What is fuzzed: the seed inputs and how one input is run.
trait Target {
    /// The name on the command line and in the names of saved inputs.
    fn name(&self) -> &'static str;
    /// The inputs to start from.
    fn seeds(&self) -> Vec<Vec<u8>>;
    /// The format's size limit; inputs grow to a fifth past it.
    fn limit(&self) -> usize;
    /// Runs one input, panicking on any defect.
    fn run(&mut self, input: &[u8]) -> Outcome;
}

/// What an input did.
struct Outcome {
    /// Whether the file was accepted (a scenario validated, a result read).
    accepted: bool,
    /// What it gave rise to (messages with numbers and names masked), so that inputs that
    /// reach something new are kept.
    signatures: Vec<String>,
    /// How many bytes of text a person is shown about it (the errors, the verdict).
    shown: usize,
}

// ---------------------------------------------------------------------------------------
// The scenario target

/// Scenario files: parse, and play what validates.
struct ScenarioTarget;

impl Target for ScenarioTarget {
    fn name(&self) -> &'static str {
        "scenario"
    }

    fn seeds(&self) -> Vec<Vec<u8>> {
        let builtins = BUILTINS.iter().map(|b| b.source.to_string());
        let starter = format::starter::starter("Fuzz team é 🦀");
        let docs = include_str!("../docs/scenario-format.md")
            .split("```")
            .skip(1)
            .step_by(2)
            .filter_map(|block| block.strip_prefix("ron\n"))
            .map(str::to_string);
        builtins
            .chain(starter)
            .chain(docs)
            .map(String::into_bytes)
            .collect()
    }

    fn limit(&self) -> usize {
        MAX_FILE_BYTES
    }

    fn run(&mut self, input: &[u8]) -> Outcome {
        match format::parse(FILE, input) {
            Ok(s) => {
                let (policy, seed) = bot_for(input);
                play_and_replay(Arc::new(s), policy, seed);
                Outcome {
                    accepted: true,
                    signatures: vec![format!("valid, played by {}", policy.name())],
                    shown: 0,
                }
            }
            Err(errors) => {
                let text = check_rendering(&errors);
                Outcome {
                    accepted: false,
                    signatures: errors
                        .diagnostics
                        .iter()
                        .map(|d| mask(&d.message))
                        .collect(),
                    shown: text.len(),
                }
            }
        }
    }
}

/// The bot and seed an input is played with: taken from its bytes, so a saved input plays
/// the same way again.
fn bot_for(input: &[u8]) -> (Policy, u64) {
    let hash = hash(input);
    (Policy::ALL[(hash % 6) as usize], hash >> 32)
}

/// A hash of an input (FNV-1a, the same in every build), for choices that must be the same
/// when it is run again.
fn hash(input: &[u8]) -> u64 {
    (input.iter()).fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// Plays a whole run as the game does (a bot's plan, explanations on, its event choices),
/// then replays its log, which must give the same scores bit for bit.
fn play_and_replay(scenario: Arc<multiplier::sim::Scenario>, policy: Policy, seed: u64) {
    let mut game = Game::new(scenario.clone(), seed);
    while !game.finished() {
        game.set_plan(policy.plan(game.world()));
        if let Err(e) = game.end_week(true) {
            panic!(
                "week {} of a valid scenario does not play: {e}",
                game.week()
            );
        }
        if game.pending().is_some()
            && let Err(e) = game.choose(policy.choose(game.world()))
        {
            panic!("the bot's choice in week {} is refused: {e}", game.week());
        }
    }
    let replayed = match Game::replay(scenario, seed, game.log()) {
        Ok(g) => g,
        Err(e) => panic!("the run's own log does not replay: {e}"),
    };
    let totals = |g: &Game| {
        let s = g.state();
        (s.total_output().to_bits(), s.total_value().to_bits())
    };
    assert_eq!(
        totals(&game),
        totals(&replayed),
        "the replay scores differently"
    );
}

/// Every diagnostic renders as a `fuzz.ron:LINE:COL: message` line, the first one first, with
/// the line inside the file and both numbers from 1, and the whole text is bounded. Returns the text.
fn check_rendering(errors: &Errors) -> String {
    assert!(
        !errors.diagnostics.is_empty(),
        "a rejected file has no diagnostic"
    );
    let text = errors.to_string();
    assert!(
        text.len() <= MAX_ERROR_TEXT,
        "{} bytes of error text (at most {MAX_ERROR_TEXT}):\n{}",
        text.len(),
        cut(&text)
    );
    let lines = errors.source.lines().count().max(1);
    let headers: Vec<(usize, usize)> = text.lines().filter_map(header).collect();
    assert!(
        text.lines().next().and_then(header).is_some(),
        "the error text does not start with `{FILE}:LINE:COL: `:\n{}",
        cut(&text)
    );
    assert_eq!(
        headers.len(),
        errors.diagnostics.len(),
        "not one `{FILE}:LINE:COL:` line per diagnostic:\n{}",
        cut(&text)
    );
    for (line, col) in headers {
        assert!(
            (1..=lines + 1).contains(&line) && col >= 1,
            "position {line}:{col} outside a file of {lines} lines:\n{}",
            cut(&text)
        );
    }
    text
}

/// The line and column of a `fuzz.ron:LINE:COL: ` header line.
fn header(line: &str) -> Option<(usize, usize)> {
    let rest = line.strip_prefix(FILE)?.strip_prefix(':')?;
    let (l, rest) = rest.split_once(':')?;
    let (c, rest) = rest.split_once(':')?;
    rest.starts_with(' ').then_some(())?;
    Some((l.parse().ok()?, c.parse().ok()?))
}

/// The start of a long text, for messages.
fn cut(text: &str) -> &str {
    &text[..text.floor_char_boundary(2000)]
}

// ---------------------------------------------------------------------------------------
// The result target

/// Result files: read, verify directly and through files, build and render the report.
struct ResultTarget {
    /// Every built-in scenario with its hash, by id.
    builtins: BTreeMap<String, HashedScenario>,
    /// The honest files the seeds were made from, by scenario id, written in `dir`.
    honest: BTreeMap<String, (PathBuf, String)>,
    /// Where the mutated input is written: a temporary folder, removed at the end.
    dir: TempDir,
}

/// Bots whose runs seed the corpus, with a team name each.
const TEAMS: [(Policy, &str); 4] = [
    (Policy::Balanced, "Rocket Table"),
    (Policy::HeroCoder, "Équipe 🦀"),
    (Policy::Random, "Dice & Co"),
    (Policy::PureManager, "Customer \"Crew\""),
];

impl ResultTarget {
    fn new() -> Result<Self, String> {
        let dir = TempDir::new()?;
        let mut builtins = BTreeMap::new();
        for b in BUILTINS {
            let hashed = HashedScenario::resolve(b.id).map_err(|e| e.first_line())?;
            builtins.insert(b.id.to_string(), hashed);
        }
        let mut honest = BTreeMap::new();
        for (id, hashed) in &builtins {
            let text = seed_result(hashed, Policy::Balanced, "Honest", None)?;
            let path = dir.0.join(format!("honest-{id}.result.ron"));
            std::fs::write(&path, &text).map_err(|e| e.to_string())?;
            honest.insert(id.clone(), (path, text));
        }
        Ok(Self {
            builtins,
            honest,
            dir,
        })
    }

    /// The mutated input's file.
    fn file(&self) -> PathBuf {
        self.dir.0.join("fuzz.result.ron")
    }

    /// The honest file to put beside a result naming `id`: one of its scenario if there is.
    fn honest_for(&self, id: Option<&str>) -> &Path {
        let found = id.and_then(|id| self.honest.get(id));
        let any = self.honest.values().next();
        &found.or(any).expect("one honest file per built-in").0
    }

    /// The facilitator's report of the input `file` beside an honest file: it settles on the
    /// honest file's scenario, keeps it on the leaderboard, and renders.
    fn report(&self, named: Option<&str>, file: PathBuf) {
        let honest = self.honest_for(named).to_path_buf();
        let report = match Report::build(&[honest, file], None) {
            Ok(r) => r,
            Err(e) => panic!("no report beside an honest file: {e}"),
        };
        assert!(
            matches!(report.files[0].2, Verdict::Verified),
            "the honest file is not verified beside the input: {}",
            report.files[0].2
        );
        if let Err(e) = report.html() {
            panic!("the report does not render: {e}");
        }
    }
}

/// The text of a result file of `policy` playing `scenario` on seed 4821, by `team` under a
/// code with `week_seconds`.
fn seed_result(
    scenario: &HashedScenario,
    policy: Policy,
    team: &str,
    week_seconds: Option<u32>,
) -> Result<String, String> {
    let code = Code {
        scenario: scenario.scenario.story.id.clone(),
        seed: 4821,
        week_seconds,
    };
    let game = multiplier::sim::play(&scenario.scenario, policy, code.seed);
    ResultFile::of(team, &code, &game, &scenario.hash)
        .to_ron()
        .map_err(|e| e.to_string())
}

impl Target for ResultTarget {
    fn name(&self) -> &'static str {
        "result"
    }

    fn seeds(&self) -> Vec<Vec<u8>> {
        let mut seeds: Vec<Vec<u8>> = self
            .honest
            .values()
            .map(|(_, t)| t.clone().into_bytes())
            .collect();
        for (i, hashed) in self.builtins.values().enumerate() {
            for (policy, team) in TEAMS {
                let timer = (i % 2 == 0).then_some(90);
                if let Ok(text) = seed_result(hashed, policy, team, timer) {
                    seeds.push(text.into_bytes());
                }
            }
        }
        seeds
    }

    fn limit(&self) -> usize {
        MAX_RESULT_BYTES as usize
    }

    fn run(&mut self, input: &[u8]) -> Outcome {
        let read = std::str::from_utf8(input).map(ResultFile::from_ron);
        let reads = matches!(read, Ok(Ok(_))) && input.len() <= self.limit();
        let direct = match &read {
            Ok(Ok(result)) if reads => {
                (self.builtins.get(&result.scenario)).map(|s| verify(result, s).0)
            }
            _ => None,
        };
        let file = self.file();
        if let Err(e) = std::fs::write(&file, input) {
            panic!("cannot write the input to {}: {e}", file.display());
        }
        let checked = verify_files(std::slice::from_ref(&file), None);
        let verdict = &checked[0].verdict;
        assert_eq!(
            checked[0].result.is_some(),
            reads,
            "verify_files and ResultFile::from_ron disagree on whether the file reads ({verdict})"
        );
        if let Some(direct) = &direct {
            assert_eq!(direct, verdict, "verify and verify_files disagree");
        }
        // The report does more than list the verdict only for a file that reads; it is slow
        // (every bot plays), so the other inputs get one time in 32.
        if checked[0].result.is_some() || hash(input).is_multiple_of(32) {
            let named = checked[0].result.as_ref().map(|r| r.scenario.as_str());
            self.report(named, file);
        }
        let shown = verdict.to_string();
        assert!(
            shown.len() <= MAX_VERDICT,
            "a verdict of {} bytes (at most {MAX_VERDICT}): {}",
            shown.len(),
            cut(&shown)
        );
        Outcome {
            accepted: checked[0].result.is_some(),
            signatures: vec![mask(&shown)],
            shown: shown.len(),
        }
    }
}

/// A folder of our own under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<Self, String> {
        let path = std::env::temp_dir().join(format!("multiplier-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&path)
            .map_err(|e| format!("cannot make {}: {e}", path.display()))?;
        Ok(Self(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A message with its numbers and everything from its first to its last quote (`` ` ``, `"`
/// or `'`) masked, so that messages differing only in the names and numbers they quote count as
/// the same behaviour, whatever those names contain. A message cut short (ending in `…`) or
/// with one quote keeps only what comes before it.
fn mask(message: &str) -> String {
    let quote = |c: char| matches!(c, '`' | '"' | '\'');
    let masked = match (message.find(quote), message.rfind(quote)) {
        (Some(first), Some(last)) if first == last || message.ends_with('…') => {
            format!("{}`_", &message[..first])
        }
        (Some(first), Some(last)) => format!("{}`_`{}", &message[..first], &message[last + 1..]),
        _ => message.to_string(),
    };
    let mut out = String::new();
    for c in masked.chars().take(200) {
        match c {
            '0'..='9' if out.ends_with('0') => {}
            '0'..='9' => out.push('0'),
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// The fuzzing loop

/// The message of the last panic, recorded by the panic hook.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// What went wrong with one input.
enum Finding {
    Panic(String),
    Stall(Duration),
}

impl Finding {
    /// Where in the code it happened, so repeats of one defect are told apart from new ones.
    fn place(&self) -> String {
        match self {
            Finding::Panic(message) => message.lines().next().unwrap_or_default().to_string(),
            Finding::Stall(_) => "stall".into(),
        }
    }
}

/// Runs one input, catching a panic.
fn run_caught(target: &mut dyn Target, input: &[u8]) -> (Result<Outcome, Finding>, Duration) {
    let started = Instant::now();
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| target.run(input)));
    let took = started.elapsed();
    let outcome = match outcome {
        Ok(_) if took > STALL => Err(Finding::Stall(took)),
        Ok(outcome) => Ok(outcome),
        Err(_) => {
            let message = LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take();
            Err(Finding::Panic(
                message.unwrap_or_else(|| "a panic without a message".into()),
            ))
        }
    };
    (outcome, took)
}

/// Runs one saved input and says what it did; true if it fails.
fn replay(mut target: Box<dyn Target>, file: &Path) -> bool {
    let input = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", file.display());
            return true;
        }
    };
    let (outcome, took) = run_caught(target.as_mut(), &input);
    match outcome {
        Ok(outcome) => {
            let verdict = if outcome.accepted {
                "accepted"
            } else {
                "rejected"
            };
            println!(
                "{verdict} in {} ms, {} bytes of text shown: {}",
                took.as_millis(),
                outcome.shown,
                outcome.signatures.join(" | ")
            );
            false
        }
        Err(finding) => {
            println!("{}", describe(&finding));
            true
        }
    }
}

fn describe(finding: &Finding) -> String {
    match finding {
        Finding::Panic(message) => format!("panic: {}", cut(message)),
        Finding::Stall(took) => format!("stall: the input took {} ms", took.as_millis()),
    }
}

/// The state of a fuzzing run.
struct Fuzzer {
    target: Box<dyn Target>,
    rng: Rng,
    corpus: Vec<Vec<u8>>,
    /// How many of the corpus's first inputs are seeds, never replaced.
    seeds: usize,
    /// Every masked message seen.
    seen: HashSet<String>,
    /// How many findings there were at each place in the code.
    places: BTreeMap<String, usize>,
    crash_dir: PathBuf,
    execs: u64,
    accepted: u64,
    crashes: u64,
    stalls: u64,
    slowest: Duration,
    /// The most text shown about one input, and that input's size.
    most_shown: (usize, usize),
    watchdog: Watchdog,
}

impl Fuzzer {
    fn new(target: Box<dyn Target>, args: &Args) -> Self {
        let corpus = target.seeds();
        let crash_dir = std::env::var_os("CARGO_TARGET_DIR")
            .map_or_else(|| PathBuf::from("target"), PathBuf::from)
            .join("fuzz-crashes");
        Self {
            seeds: corpus.len(),
            watchdog: Watchdog::start(target.name(), crash_dir.clone()),
            target,
            rng: Rng(args.seed),
            corpus,
            seen: HashSet::new(),
            places: BTreeMap::new(),
            crash_dir,
            execs: 0,
            accepted: 0,
            crashes: 0,
            stalls: 0,
            slowest: Duration::ZERO,
            most_shown: (0, 0),
        }
    }

    /// Fuzzes for `duration`; true if anything was found.
    fn run(mut self, duration: Duration) -> bool {
        println!(
            "fuzzing `{}` for {:.1} min from {} seed inputs; findings go to {}",
            self.target.name(),
            duration.as_secs_f64() / 60.0,
            self.seeds,
            self.crash_dir.display()
        );
        let started = Instant::now();
        let mut next_report = PROGRESS;
        for i in 0..self.seeds {
            let seed = self.corpus[i].clone();
            self.exec(seed);
        }
        while started.elapsed() < duration {
            let input = self.mutated();
            self.exec(input);
            if started.elapsed() >= next_report {
                println!("{}", self.progress(started.elapsed()));
                next_report += PROGRESS;
            }
        }
        println!("done: {}", self.progress(started.elapsed()));
        for (place, count) in &self.places {
            println!("  {count} × {place}");
        }
        self.crashes + self.stalls > 0
    }

    fn progress(&self, elapsed: Duration) -> String {
        let secs = elapsed.as_secs_f64().max(1e-9);
        format!(
            "[{:>5.0}s] execs {} ({:.0}/s) · accepted {:.1}% · corpus {} · behaviours {} · crashes {} · stalls {} · slowest {} ms · most text {} KiB (for {} KiB)",
            secs,
            self.execs,
            self.execs as f64 / secs,
            100.0 * self.accepted as f64 / self.execs.max(1) as f64,
            self.corpus.len(),
            self.seen.len(),
            self.crashes,
            self.stalls,
            self.slowest.as_millis(),
            self.most_shown.0 / 1024,
            self.most_shown.1 / 1024,
        )
    }

    /// Runs one input, records what it found and keeps it if it reached something new.
    fn exec(&mut self, input: Vec<u8>) {
        let input = Arc::new(input);
        self.watchdog.arm(input.clone());
        let (outcome, took) = run_caught(self.target.as_mut(), &input);
        self.watchdog.disarm();
        self.execs += 1;
        self.slowest = self.slowest.max(took);
        match outcome {
            Ok(outcome) => {
                self.accepted += u64::from(outcome.accepted);
                self.most_shown = self.most_shown.max((outcome.shown, input.len()));
                let new = (outcome.signatures.into_iter())
                    .fold(false, |new, s| self.seen.insert(s) | new);
                if new && input.len() <= MAX_KEPT {
                    self.keep(Arc::unwrap_or_clone(input));
                }
            }
            Err(finding) => self.found(&input, &finding),
        }
    }

    fn keep(&mut self, input: Vec<u8>) {
        if self.corpus.len() < MAX_CORPUS {
            self.corpus.push(input);
        } else {
            let at = self.seeds + self.rng.below(MAX_CORPUS - self.seeds);
            self.corpus[at] = input;
        }
    }

    /// Counts a finding and saves its input, unless its place has been saved often enough.
    fn found(&mut self, input: &[u8], finding: &Finding) {
        match finding {
            Finding::Panic(_) => self.crashes += 1,
            Finding::Stall(_) => self.stalls += 1,
        }
        let count = self.places.entry(finding.place()).or_default();
        *count += 1;
        if *count > SAVED_PER_PLACE {
            return;
        }
        let path = save(&self.crash_dir, self.target.name(), input);
        println!(
            "FOUND {} ({} bytes): {}",
            path,
            input.len(),
            describe(finding)
        );
    }

    /// A new input: one to four mutations of a corpus entry (a seed one time in four, so that
    /// whole files stay in play), within the size bound.
    fn mutated(&mut self) -> Vec<u8> {
        let from = if self.rng.below(4) == 0 {
            self.seeds
        } else {
            self.corpus.len()
        };
        let mut input = self.corpus[self.rng.below(from)].clone();
        let max = self.target.limit() + self.target.limit() / 5;
        for _ in 0..1 + self.rng.below(4) {
            let other = &self.corpus[self.rng.below(self.corpus.len())];
            mutate(&mut self.rng, &mut input, other, self.target.limit());
            input.truncate(max);
        }
        input
    }
}

/// Writes an input to the first free `<target>-<n>.bin` in `dir`; returns the path (or why
/// it could not be written).
fn save(dir: &Path, target: &str, input: &[u8]) -> String {
    if let Err(e) = std::fs::create_dir_all(dir) {
        return format!("(not saved: cannot make {}: {e})", dir.display());
    }
    let path = (0..)
        .map(|n| dir.join(format!("{target}-{n}.bin")))
        .find(|p| !p.exists())
        .expect("a free name");
    match std::fs::write(&path, input) {
        Ok(()) => path.display().to_string(),
        Err(e) => format!("(not saved: cannot write {}: {e})", path.display()),
    }
}

/// A thread that saves the running input and ends the process when one runs for [`HANG`]:
/// a loop that never ends cannot be caught like a panic.
struct Watchdog(Arc<Mutex<Option<(Instant, Arc<Vec<u8>>)>>>);

impl Watchdog {
    fn start(target: &'static str, dir: PathBuf) -> Self {
        let running: Arc<Mutex<Option<(Instant, Arc<Vec<u8>>)>>> = Arc::default();
        let watched = running.clone();
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(500));
                let guard = watched.lock().unwrap_or_else(|e| e.into_inner());
                if let Some((started, input)) = guard.as_ref()
                    && started.elapsed() > HANG
                {
                    let path = save(&dir, target, input);
                    println!(
                        "FOUND {path} ({} bytes): hang: still running after {} s; stopping",
                        input.len(),
                        HANG.as_secs()
                    );
                    std::process::exit(1);
                }
            }
        });
        Self(running)
    }

    fn arm(&self, input: Arc<Vec<u8>>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), input));
    }

    fn disarm(&self) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

// ---------------------------------------------------------------------------------------
// Mutations

/// Tokens that have broken parsers before: extreme and odd numbers, special floats, long
/// names, multi-byte characters, brackets, RON's own syntax, a BOM and control characters.
const TOKENS: &[&str] = &[
    "1e308",
    "-1e308",
    "1e309",
    "1e-400",
    "-0",
    "-0.0",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "+1",
    "99999999999999999999",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    "4294967296",
    "0x7fffffff",
    "0b101",
    "1_000",
    ".5",
    "5.",
    "1.0.0",
    "é",
    "🦀",
    "\u{301}",
    "ß",
    "€",
    "\u{202e}",
    "\u{feff}",
    "\0",
    "\r",
    "\r\n",
    "\t",
    "\u{7f}",
    "\u{1b}[31m",
    "Some(",
    "None",
    "Some(None)",
    "()",
    "[]",
    "{}",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "'",
    "'x'",
    "\"\\u{110000}\"",
    "\"\\u{d800}\"",
    "\"\\x\"",
    "r#\"",
    "\"#",
    "/*",
    "*/",
    "//",
    "#![enable(implicit_some)]",
    "true",
    "false",
    "id",
    "weeks",
    "version",
    "Scenario",
    "ResultFile",
];

/// Applies one random mutation to `input`; `other` is a corpus entry to splice from and
/// `limit` the format's size limit.
fn mutate(rng: &mut Rng, input: &mut Vec<u8>, other: &[u8], limit: usize) {
    match rng.below(20) {
        0..=1 => flip_bit(rng, input),
        2..=3 => set_byte(rng, input),
        4..=5 => delete_range(rng, input),
        6..=7 => duplicate_range(rng, input),
        8 => swap_ranges(rng, input),
        9..=10 => splice(rng, input, other),
        11..=14 => insert_token(rng, input),
        15 => replace_number(rng, input),
        16 => input.truncate(rng.below(input.len() + 1)),
        17 => nest(rng, input),
        18 if rng.below(32) == 0 => grow_past(rng, input, limit),
        _ => insert_at_word_end(rng, input),
    }
}

fn flip_bit(rng: &mut Rng, input: &mut [u8]) {
    if !input.is_empty() {
        let at = rng.below(input.len());
        input[at] ^= 1 << rng.below(8);
    }
}

fn set_byte(rng: &mut Rng, input: &mut [u8]) {
    const BYTES: &[u8] = b"\0\xff\xc3\xe2\x80\"()[],:\n\\-.e";
    if !input.is_empty() {
        let at = rng.below(input.len());
        input[at] = if rng.below(2) == 0 {
            BYTES[rng.below(BYTES.len())]
        } else {
            rng.next() as u8
        };
    }
}

/// A random range of at most `max` bytes within `len` bytes.
fn range(rng: &mut Rng, len: usize, max: usize) -> std::ops::Range<usize> {
    let start = rng.below(len + 1);
    let end = start + rng.below((len - start).min(max) + 1);
    start..end
}

/// Lengths of ranges: mostly short, sometimes a whole section.
fn span_len(rng: &mut Rng) -> usize {
    [8, 64, 512, 4096][rng.below(4)]
}

fn delete_range(rng: &mut Rng, input: &mut Vec<u8>) {
    let max = span_len(rng);
    let r = range(rng, input.len(), max);
    input.drain(r);
}

fn duplicate_range(rng: &mut Rng, input: &mut Vec<u8>) {
    let max = span_len(rng);
    let r = range(rng, input.len(), max);
    let chunk = input[r].to_vec();
    let at = rng.below(input.len() + 1);
    input.splice(at..at, chunk);
}

fn swap_ranges(rng: &mut Rng, input: &mut Vec<u8>) {
    let max = span_len(rng);
    let (a, b) = (range(rng, input.len(), max), range(rng, input.len(), max));
    let (first, second) = if a.start <= b.start { (a, b) } else { (b, a) };
    if first.end > second.start {
        return;
    }
    let swapped = [
        &input[..first.start],
        &input[second.clone()],
        &input[first.end..second.start],
        &input[first.clone()],
        &input[second.end..],
    ]
    .concat();
    *input = swapped;
}

/// Replaces a range of `input` with a chunk of `other`.
fn splice(rng: &mut Rng, input: &mut Vec<u8>, other: &[u8]) {
    let max = span_len(rng);
    let from = range(rng, other.len(), max);
    let replaced = if rng.below(2) == 0 { 0 } else { max };
    let to = range(rng, input.len(), replaced);
    input.splice(to, other[from].iter().copied());
}

fn token(rng: &mut Rng) -> String {
    match rng.below(12) {
        0 => "x".repeat([64, 300, 10_000][rng.below(3)]),
        1 => "é".repeat([1, 100, 5000][rng.below(3)]),
        _ => TOKENS[rng.below(TOKENS.len())].to_string(),
    }
}

fn insert_token(rng: &mut Rng, input: &mut Vec<u8>) {
    let token = token(rng);
    if rng.below(16) == 0 {
        input.splice(0..0, "\u{feff}".bytes());
    }
    let at = rng.below(input.len() + 1);
    input.splice(at..at, token.into_bytes());
}

/// Inserts a token (mostly a multi-byte character) right after a word or a number, where
/// code that cuts words by bytes goes wrong.
fn insert_at_word_end(rng: &mut Rng, input: &mut Vec<u8>) {
    let Some(at) = word_end(rng, input) else {
        return;
    };
    let token = match rng.below(4) {
        0 => token(rng),
        1 => "🦀".to_string(),
        2 => "€".to_string(),
        _ => "é".to_string(),
    };
    input.splice(at..at, token.into_bytes());
}

/// The end of the word (letters, digits, `-`, `_`) at or after a random place.
fn word_end(rng: &mut Rng, input: &[u8]) -> Option<usize> {
    let word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_';
    let from = rng.below(input.len() + 1);
    let start = from + input[from..].iter().position(word)?;
    Some(
        start
            + input[start..]
                .iter()
                .position(|b| !word(b))
                .unwrap_or(input.len() - start),
    )
}

/// Replaces a number in the input with an interesting one.
fn replace_number(rng: &mut Rng, input: &mut Vec<u8>) {
    const NUMBERS: &[&str] = &[
        "0",
        "-0",
        "1",
        "-1",
        "0.5",
        "1e308",
        "-1e308",
        "1e309",
        "NaN",
        "inf",
        "4294967295",
        "4294967296",
        "18446744073709551615",
        "99999999999999999999",
        "520",
        "521",
        "1e-320",
    ];
    let from = rng.below(input.len() + 1);
    let Some(start) = input[from..]
        .iter()
        .position(u8::is_ascii_digit)
        .map(|i| i + from)
    else {
        return;
    };
    let number = |b: &u8| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'-' | b'_');
    let end = input[start..]
        .iter()
        .position(|b| !number(b))
        .map_or(input.len(), |i| i + start);
    let with = NUMBERS[rng.below(NUMBERS.len())];
    input.splice(start..end, with.bytes());
}

/// Inserts deeply nested brackets, balanced or not.
fn nest(rng: &mut Rng, input: &mut Vec<u8>) {
    let depth = [3, 63, 64, 65, 200, 10_000][rng.below(6)];
    let (open, close) = [("[", "]"), ("(", ")"), ("Some(", ")"), ("{", "}")][rng.below(4)];
    let mut text = open.repeat(depth);
    if rng.below(2) == 0 {
        text.push_str(&close.repeat(depth));
    }
    let at = rng.below(input.len() + 1);
    input.splice(at..at, text.into_bytes());
}

/// Repeats a chunk of the input until it is about at or past `limit`.
fn grow_past(rng: &mut Rng, input: &mut Vec<u8>, limit: usize) {
    let r = range(rng, input.len(), 4096);
    let chunk = if r.is_empty() {
        b" ".to_vec()
    } else {
        input[r].to_vec()
    };
    let goal = limit - 4096 + rng.below(8192);
    let at = rng.below(input.len() + 1);
    let mut grown = input[..at].to_vec();
    while grown.len() + input.len() - at < goal {
        grown.extend_from_slice(&chunk);
    }
    grown.extend_from_slice(&input[at..]);
    *input = grown;
}

/// SplitMix64: small, fast and the same everywhere, so a `--seed` repeats a run's inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

//! The facilitator's page in headless Chromium, driven through ChromeDriver (WebDriver over
//! HTTP): the CPU its processes take, and when each table's week first appears in the
//! page's DOM (a MutationObserver notes every row put in place).

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Debian's Chromium, as the browser tests use it.
const CHROMIUM: &str = "/usr/bin/chromium";

/// Notes when each row's (team, weeks) first appears in `#live`, looking only at what each
/// change put in place (a row's cells, or a part holding rows).
const OBSERVE: &str = r#"
window.seen = {};
var live = document.getElementById('live');
var note = function (rows, now) {
  for (var i = 0; i < rows.length; i++) {
    var c = rows[i].cells;
    if (c.length < 2) { continue; }
    var k = c[0].textContent + '|' + parseInt(c[1].textContent, 10);
    if (!(k in window.seen)) { window.seen[k] = now; }
  }
};
new MutationObserver(function (records) {
  var now = Date.now();
  records.forEach(function (r) {
    r.addedNodes.forEach(function (n) {
      if (n.nodeType !== 1) { return; }
      var row = n.closest('tr[id^="row-"]');
      note(row ? [row] : n.querySelectorAll('tr[id^="row-"]'), now);
    });
  });
}).observe(live, { childList: true, subtree: true });
note(live.querySelectorAll('tr[id^="row-"]'), Date.now());
return 'observing';
"#;

/// A headless Chromium on one page, through a ChromeDriver of its own; ended when dropped.
pub struct Chromium {
    driver: Child,
    base: String,
    session: String,
}

impl Chromium {
    /// Opens `url` and starts noting rows; `None` where Chromium or ChromeDriver is missing.
    pub fn start(url: &str) -> Option<Self> {
        if !std::path::Path::new(CHROMIUM).exists() {
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .ok()?
            .port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let base = format!("http://127.0.0.1:{port}");
        let start = Instant::now();
        while ureq::get(format!("{base}/status")).call().is_err() {
            if start.elapsed() > Duration::from_secs(20) {
                return None;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let capabilities = format!(
            r#"{{"capabilities":{{"alwaysMatch":{{"browserName":"chrome","goog:chromeOptions":{{"binary":"{CHROMIUM}","args":["--headless=new","--no-sandbox","--disable-gpu","--disable-dev-shm-usage","--window-size=1280,1000"]}}}}}}}}"#
        );
        let answer = post(&format!("{base}/session"), &capabilities);
        let session = between(&answer, r#""sessionId":""#, "\"").to_string();
        let mut chromium = Self {
            driver,
            base,
            session,
        };
        if chromium.session.is_empty() {
            eprintln!("no WebDriver session: {answer}");
            return None;
        }
        chromium.open(url);
        let observing = chromium.run(OBSERVE);
        if !observing.contains("observing") {
            eprintln!("the page is not observed: {observing}");
            chromium.session.clear();
            return None;
        }
        Some(chromium)
    }

    fn open(&mut self, url: &str) {
        post(
            &format!("{}/session/{}/url", self.base, self.session),
            &format!(r#"{{"url":"{url}"}}"#),
        );
    }

    fn run(&self, script: &str) -> String {
        let quoted = script
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n");
        post(
            &format!("{}/session/{}/execute/sync", self.base, self.session),
            &format!(r#"{{"script":"{quoted}","args":[]}}"#),
        )
    }

    /// When each (team, weeks) first appeared in the page, in milliseconds since 1970.
    pub fn shown(&self) -> HashMap<(String, u32), u64> {
        let answer = self.run(
            "return Object.keys(window.seen).map(function (k) { return k + '=' + window.seen[k]; }).join(';');",
        );
        between(&answer, r#""value":""#, "\"")
            .split(';')
            .filter_map(|entry| {
                let (row, at) = entry.split_once('=')?;
                let (team, weeks) = row.split_once('|')?;
                Some(((team.to_string(), weeks.parse().ok()?), at.parse().ok()?))
            })
            .collect()
    }

    /// The CPU time of every process ChromeDriver started (the browser, its renderer, its
    /// helpers), in seconds, from `/proc`.
    pub fn cpu_seconds(&self) -> f64 {
        let mut parents: HashMap<u32, u32> = HashMap::new();
        let mut seconds: HashMap<u32, f64> = HashMap::new();
        for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let text = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
            if let Some((parent, cpu)) = super::stat(&text) {
                parents.insert(pid, parent);
                seconds.insert(pid, cpu);
            }
        }
        let driver = self.driver.id();
        let descends = |mut pid: u32| {
            while let Some(&parent) = parents.get(&pid) {
                if parent == driver {
                    return true;
                }
                if parent <= 1 {
                    return false;
                }
                pid = parent;
            }
            false
        };
        seconds
            .iter()
            .filter(|(pid, _)| descends(**pid))
            .map(|(_, cpu)| cpu)
            .sum()
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = ureq::delete(format!("{}/session/{}", self.base, self.session)).call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn post(url: &str, body: &str) -> String {
    ureq::post(url)
        .content_type("application/json")
        .send(body.to_string())
        .ok()
        .and_then(|mut r| r.body_mut().read_to_string().ok())
        .unwrap_or_default()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    text.split_once(start)
        .and_then(|(_, rest)| rest.split_once(end))
        .map_or("", |(inside, _)| inside)
}

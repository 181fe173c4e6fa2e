//! The room's live pages in a real browser: headless Chromium driven through ChromeDriver
//! (WebDriver over HTTP). `.ci/run` installs both from Debian's packages.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use multiplier::room::{Pacing, SyncRequest, client};

use super::room::{address, folder, host, weeks};

/// A browser session through a ChromeDriver of its own, ended when dropped.
struct Browser {
    driver: Child,
    base: String,
    session: String,
}

impl Browser {
    fn start() -> Self {
        let port = super::room::free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver runs (Debian's chromium-driver; .ci/run installs it)");
        let base = format!("http://127.0.0.1:{port}");
        let start = Instant::now();
        while ureq::get(format!("{base}/status")).call().is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "chromedriver does not answer"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let capabilities = r#"{"capabilities":{"alwaysMatch":{"browserName":"chrome","goog:chromeOptions":{"binary":"/usr/bin/chromium","args":["--headless=new","--no-sandbox","--disable-gpu","--disable-dev-shm-usage","--window-size=1280,1000"]}}}}"#;
        let answer = post(&format!("{base}/session"), capabilities);
        let session = between(&answer, r#""sessionId":""#, "\"").to_string();
        assert!(!session.is_empty(), "no session: {answer}");
        Self {
            driver,
            base,
            session,
        }
    }

    fn open(&self, url: &str) {
        post(
            &format!("{}/session/{}/url", self.base, self.session),
            &format!(r#"{{"url":"{url}"}}"#),
        );
    }

    /// Runs `script` in the page; the WebDriver answer, as JSON text.
    fn run(&self, script: &str) -> String {
        post(
            &format!("{}/session/{}/execute/sync", self.base, self.session),
            &format!(r#"{{"script":"{script}","args":[]}}"#),
        )
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = ureq::delete(format!("{}/session/{}", self.base, self.session)).call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn post(url: &str, body: &str) -> String {
    ureq::post(url)
        .content_type("application/json")
        .send(body)
        .and_then(|mut r| r.body_mut().read_to_string())
        .unwrap_or_else(|e| panic!("{url}: {e}"))
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    text.split_once(start)
        .and_then(|(_, rest)| rest.split_once(end))
        .map_or("", |(inside, _)| inside)
}

/// The facilitator's page is open in the browser; a table joins and ends weeks; the page
/// shows the table and its week within seconds, and it is the same page (a mark set in it
/// is still there), so the update came without a reload.
#[test]
fn the_facilitators_live_view_updates_without_a_reload() {
    let dir = folder("browser");
    let running = host(&dir, Pacing::Free);
    let at = address(&running);
    let browser = Browser::start();
    browser.open(&format!(
        "http://{}/room?key={}",
        running.addr(),
        running.key()
    ));
    let mark = browser.run("window.multiplierMark = 'kept'; return document.title;");
    assert!(mark.contains("Room"), "not the facilitator's page: {mark}");

    let joined = client::join(&at, "Night Owls", None).expect("joins");
    let all = weeks();
    let request = SyncRequest {
        from: 0,
        weeks: all[..3].to_vec(),
        planned: 10.0,
        hours: 40.0,
        left: None,
    };
    client::sync(&at, &joined.token, &request).expect("accepted");

    let start = Instant::now();
    let seen = loop {
        let page = browser
            .run("return window.multiplierMark + ' ' + document.getElementById('live').innerText;");
        if page.contains("Night Owls") && page.contains("3 / ") {
            break page;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the live view did not show the table's weeks: {page}"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(seen.contains("kept"), "the page was reloaded: {seen}");
}

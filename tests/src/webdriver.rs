//! Just enough W3C WebDriver to drive the real app through tauri-driver in the
//! end-to-end tests: elements are found by their `data-testid`, waits poll a
//! condition in the page until it holds, and photographs are taken of the
//! app's X window (`xwd`), because WebKitWebDriver's own screenshots hang
//! under Xvfb whenever no repaint is pending.

use std::{
    net::TcpListener,
    os::unix::process::CommandExt,
    path::Path,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use serde_json::{Value, json};

/// How long a wait may take before the test fails; the app is a debug build.
const PATIENCE: Duration = Duration::from_secs(60);
/// WebDriver's key for an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The app, running under tauri-driver, with one WebDriver session.
pub struct App {
    http: reqwest::Client,
    session: String,
    _driver: Driver,
}

/// tauri-driver and what it started (WebKitWebDriver, the app), stopped
/// together when dropped: also when a launch fails half-way, so no failed
/// test leaves them running.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        // tauri-driver, WebKitWebDriver and the app share the group.
        let _ = Command::new("kill").arg("--").arg(format!("-{}", self.0.id())).status();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port()
}

fn selector(testid: &str) -> String {
    format!("[data-testid=\"{testid}\"]")
}

impl App {
    /// Starts tauri-driver and, through it, the app `binary` with its device
    /// database at `database`, as a fresh install: its web view keeps its
    /// storage (the language chosen, say) beside the database, not in the
    /// machine's home, so no run sees what an earlier one chose.
    pub async fn launch(binary: &Path, database: &Path, log: &Path) -> Self {
        let port = free_port();
        let log = std::fs::File::create(log).expect("driver log");
        let home = database.with_extension("home");
        let driver = Driver(
            Command::new("tauri-driver")
                .args(["--port", &port.to_string(), "--native-port", &free_port().to_string()])
                .env("CAMPO_DEVICE_DB", database)
                .env("CAMPO_AGREEMENTS_DIR", home.join("convenios"))
                .env("XDG_DATA_HOME", home.join("data"))
                .env("XDG_CACHE_HOME", home.join("cache"))
                .env("XDG_CONFIG_HOME", home.join("config"))
                .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
                .stdout(Stdio::null())
                .stderr(log)
                // Its own process group, so the app and WebKitWebDriver stop with it.
                .process_group(0)
                .spawn()
                .expect("tauri-driver runs (cargo install tauri-driver)"),
        );
        let http = reqwest::Client::new();
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while http.get(format!("{base}/status")).send().await.is_err() {
            assert!(started.elapsed() < PATIENCE, "tauri-driver did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let answer: Value = http
            .post(format!("{base}/session"))
            .json(&json!({ "capabilities": { "alwaysMatch": { "tauri:options": { "application": binary } } } }))
            .send()
            .await
            .expect("new session")
            .json()
            .await
            .expect("session json");
        let session =
            answer["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("no session: {answer}")).to_owned();
        Self { http, session: format!("{base}/session/{session}"), _driver: driver }
    }

    async fn command(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        let answer: Value = self
            .http
            .request(method, format!("{}{path}", self.session))
            .json(&body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("webdriver {path}: {e}"))
            .json()
            .await
            .expect("webdriver json");
        if answer["value"]["error"].is_string() {
            panic!("webdriver {path}: {}", answer["value"]);
        }
        answer["value"].clone()
    }

    /// Runs `script` in the page with `args`; returns its result.
    pub async fn script(&self, script: &str, args: Value) -> Value {
        self.command(reqwest::Method::POST, "/execute/sync", json!({ "script": script, "args": args })).await
    }

    /// Waits until `script` returns something truthy; panics naming `what`.
    pub async fn wait_until(&self, what: &str, script: &str, args: Value) -> Value {
        let started = Instant::now();
        loop {
            let value = self.script(script, args.clone()).await;
            if !(value.is_null() || value == json!(false) || value == json!("")) {
                return value;
            }
            if started.elapsed() > PATIENCE {
                let screen = self.script("return document.body.innerText", json!([])).await;
                panic!("waited {PATIENCE:?} for {what}; the screen reads:\n{}", screen.as_str().unwrap_or_default());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element `testid` is on screen.
    pub async fn wait_for(&self, testid: &str) {
        self.wait_until(testid, "return document.querySelector(arguments[0]) !== null", json!([selector(testid)]))
            .await;
    }

    /// Waits until the element `testid` shows `text`; returns all it shows.
    pub async fn wait_for_text(&self, testid: &str, text: &str) -> String {
        let script = "const e = document.querySelector(arguments[0]);
                      return e && e.textContent.includes(arguments[1]) ? e.textContent : null";
        let found = self.wait_until(&format!("«{text}» in {testid}"), script, json!([selector(testid), text])).await;
        found.as_str().unwrap_or_default().to_owned()
    }

    /// Whether an element `testid` is on screen now.
    pub async fn exists(&self, testid: &str) -> bool {
        self.script("return document.querySelector(arguments[0]) !== null", json!([selector(testid)])).await
            == json!(true)
    }

    /// The text of the element `testid` now.
    pub async fn text(&self, testid: &str) -> String {
        self.wait_for(testid).await;
        let text =
            self.script("return document.querySelector(arguments[0]).textContent", json!([selector(testid)])).await;
        text.as_str().unwrap_or_default().trim().to_owned()
    }

    /// What the field `testid` holds now.
    pub async fn value(&self, testid: &str) -> String {
        self.wait_for(testid).await;
        let value = self.script("return document.querySelector(arguments[0]).value", json!([selector(testid)])).await;
        value.as_str().unwrap_or_default().to_owned()
    }

    async fn element(&self, css: &str) -> String {
        let found =
            self.command(reqwest::Method::POST, "/element", json!({ "using": "css selector", "value": css })).await;
        found[ELEMENT].as_str().expect("element reference").to_owned()
    }

    /// Clicks the first element matching `testid`, once it is there. It is
    /// scrolled to the middle of the screen first, as a person would: the
    /// driver's own scrolling can leave it under the sticky tab bar.
    pub async fn click(&self, testid: &str) {
        self.wait_for(testid).await;
        self.script(
            "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })",
            json!([selector(testid)]),
        )
        .await;
        let element = self.element(&selector(testid)).await;
        self.command(reqwest::Method::POST, &format!("/element/{element}/click"), json!({})).await;
    }

    /// Types `text` into the field `testid`, replacing what it held.
    pub async fn fill(&self, testid: &str, text: &str) {
        self.wait_for(testid).await;
        let element = self.element(&selector(testid)).await;
        self.command(reqwest::Method::POST, &format!("/element/{element}/clear"), json!({})).await;
        self.command(reqwest::Method::POST, &format!("/element/{element}/value"), json!({ "text": text })).await;
    }

    /// Sets a select `testid` to `value`, as picking it would.
    pub async fn choose(&self, testid: &str, value: &str) {
        self.wait_for(testid).await;
        self.script(
            "const e = document.querySelector(arguments[0]);
             e.value = arguments[1];
             e.dispatchEvent(new Event('input', { bubbles: true }));
             e.dispatchEvent(new Event('change', { bubbles: true }));",
            json!([selector(testid), value]),
        )
        .await;
    }

    /// Resizes the window to `width`×`height` and waits until the page has its new size.
    pub async fn resize(&self, width: u32, height: u32) {
        self.command(reqwest::Method::POST, "/window/rect", json!({ "width": width, "height": height })).await;
        self.wait_until(
            &format!("the window at {width}×{height}"),
            "return window.innerWidth === arguments[0] && window.innerHeight === arguments[1]",
            json!([width, height]),
        )
        .await;
    }

    /// Resizes the window to `width`×`height`, scrolls the element `around`
    /// (if any) to the middle, and saves a PNG of the window at `path`.
    pub async fn photograph(&self, width: u32, height: u32, around: Option<&str>, path: &Path) {
        self.resize(width, height).await;
        if let Some(testid) = around {
            let center = "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })";
            self.script(center, json!([selector(testid)])).await;
        }
        // Two frames: the resized layout has been painted.
        let painted = "const done = arguments[arguments.length - 1];
                       requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
        self.command(reqwest::Method::POST, "/execute/async", json!({ "script": painted, "args": [] })).await;
        let status = Command::new("bash")
            .arg("-c")
            .arg("set -o pipefail; xwd -name Campo -silent | xwdtopnm 2>/dev/null | pnmtopng > \"$0\"")
            .arg(path)
            .status()
            .expect("xwd, xwdtopnm and pnmtopng (x11-apps, netpbm)");
        assert!(status.success(), "photographing the window into {}", path.display());
    }

    /// Ends the session, which closes the app.
    pub async fn quit(self) {
        self.command(reqwest::Method::DELETE, "", json!({})).await;
    }
}

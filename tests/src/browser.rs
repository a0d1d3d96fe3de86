//! The console's browser tests drive Debian's Chromium through
//! playwright-core: `ui/browser/driver.mjs` runs in Node and takes one JSON
//! command per line. [`Browser`] is its Rust end, with the same shape as the
//! app's WebDriver helpers (elements by `data-testid`, waits that are
//! Playwright's own), so a test reads as a story and can sync devices
//! between clicks.

use std::{path::Path, process::Stdio};

use serde_json::{Value, json};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines},
    process::{Child, ChildStdin, ChildStdout, Command},
};

/// A headless Chromium on one page.
pub struct Browser {
    child: Child,
    stdin: ChildStdin,
    answers: Lines<BufReader<ChildStdout>>,
}

impl Browser {
    /// Starts Chromium (`CHROMIUM`, else /usr/bin/chromium) through the driver.
    pub async fn launch() -> Self {
        let driver = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/browser/driver.mjs");
        let mut child = Command::new("node")
            .arg(&driver)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("node {}: {e} (scripts/console.sh installs Node's packages)", driver.display()));
        let stdin = child.stdin.take().expect("piped stdin");
        let answers = BufReader::new(child.stdout.take().expect("piped stdout")).lines();
        Self { child, stdin, answers }
    }

    /// Sends one command; its value, or the test fails with the driver's error.
    async fn send(&mut self, command: Value) -> Value {
        let line = format!("{command}\n");
        self.stdin.write_all(line.as_bytes()).await.expect("the driver takes commands");
        let answer = self.answers.next_line().await.expect("the driver answers").expect("the driver is running");
        let answer: Value = serde_json::from_str(&answer).expect("a JSON answer");
        assert!(answer["ok"] == true, "{command}: {}\n\npage:\n{}", answer["error"], answer["page"]);
        answer["value"].clone()
    }

    /// Opens `url`.
    pub async fn open(&mut self, url: &str) {
        self.send(json!({ "op": "goto", "url": url })).await;
    }

    /// Types `value` into the field `testid`, replacing what was there.
    pub async fn fill(&mut self, testid: &str, value: &str) {
        self.send(json!({ "op": "fill", "testid": testid, "value": value })).await;
    }

    /// Clicks the `testid` element.
    pub async fn click(&mut self, testid: &str) {
        self.send(json!({ "op": "click", "testid": testid })).await;
    }

    /// Picks `value` in the `testid` select.
    pub async fn choose(&mut self, testid: &str, value: &str) {
        self.send(json!({ "op": "choose", "testid": testid, "value": value })).await;
    }

    /// Puts a file named `name` holding `content` in the `testid` file input.
    pub async fn upload(&mut self, testid: &str, name: &str, content: &str) {
        self.send(json!({ "op": "upload", "testid": testid, "name": name, "content": content })).await;
    }

    /// Waits for the `testid` element to hold `text`; all its text.
    pub async fn wait_for_text(&mut self, testid: &str, text: &str) -> String {
        let value = self.send(json!({ "op": "text", "testid": testid, "contains": text })).await;
        value.as_str().expect("text").to_owned()
    }

    /// Waits until the `testid` element no longer holds `text` (or is gone).
    pub async fn wait_without_text(&mut self, testid: &str, text: &str) {
        self.send(json!({ "op": "lacks", "testid": testid, "text": text })).await;
    }

    /// Photographs the whole page at `width`×`height` into `path`.
    pub async fn photograph(&mut self, width: u32, height: u32, path: &Path) {
        self.send(json!({ "op": "photograph", "path": path, "width": width, "height": height })).await;
    }

    /// The errors the page logged since last asked.
    pub async fn page_errors(&mut self) -> Vec<String> {
        serde_json::from_value(self.send(json!({ "op": "errors" })).await).expect("a list")
    }

    /// Closes Chromium and the driver.
    pub async fn close(mut self) {
        drop(self.stdin);
        let status = self.child.wait().await.expect("the driver exits");
        assert!(status.success(), "the driver failed: {status}");
    }
}

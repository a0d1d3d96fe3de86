//! The server and the device CLI as child processes, for scenarios that kill
//! them. Their output is read line by line; a scenario waits for a line, not
//! for time to pass.

use std::{
    io::{BufRead, BufReader},
    net::SocketAddr,
    path::Path,
    process::{Child, Command, Stdio},
    sync::mpsc::{Receiver, channel},
    time::Duration,
};

/// A child process and the lines it writes.
pub struct Running {
    child: Child,
    lines: Receiver<String>,
}

/// Only a safety net against a hung child, never a synchronisation point.
const HANG: Duration = Duration::from_secs(120);

impl Running {
    fn start(mut command: Command) -> Self {
        command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().expect("spawn child");
        let (tx, lines) = channel();
        for stream in [
            Box::new(child.stdout.take().expect("stdout")) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().expect("stderr")),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        Self { child, lines }
    }

    /// Waits for a line containing `needle`; returns it.
    pub fn wait_for(&self, needle: &str) -> String {
        loop {
            match self.lines.recv_timeout(HANG) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(e) => panic!("no line with {needle:?}: {e}"),
            }
        }
    }

    /// Kills the process at once (SIGKILL): no cleanup, like a crash or a dead battery.
    pub fn kill(mut self) {
        self.child.kill().expect("kill");
        self.child.wait().expect("reap");
    }

    /// Waits for the process to exit; returns whether it succeeded and every remaining line.
    pub fn finish(mut self) -> (bool, Vec<String>) {
        let status = self.child.wait().expect("wait");
        (status.success(), self.lines.iter().collect())
    }
}

/// The server binary serving `db` on a free port.
pub fn server(db: &Path) -> (Running, SocketAddr) {
    let (running, line) = server_with(db, &[]);
    let addr = line.rsplit("addr=").next().expect("addr in log").trim().parse().expect("socket addr");
    (running, addr)
}

/// The server binary with extra `args`, and the log line saying where it listens.
pub fn server_with(db: &Path, args: &[&str]) -> (Running, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scenario-server"));
    command.arg("--db").arg(db).args(args).args(["serve", "--listen", "127.0.0.1:0"]).env("RUST_LOG", "info");
    let running = Running::start(command);
    let line = running.wait_for("listening");
    (running, line)
}

#[test]
fn server_logs_to_a_file_carry_no_colour_codes_and_json_logs_are_one_object_a_line() {
    let dir = tempfile::tempdir().expect("dir");
    let (text, line) = server_with(&dir.path().join("a.db"), &[]);
    assert!(!line.contains('\u{1b}'), "no escape codes: {line:?}");
    text.kill();
    let (json, line) = server_with(&dir.path().join("b.db"), &["--log-format", "json"]);
    let object: serde_json::Value = serde_json::from_str(&line).expect("a JSON object");
    assert_eq!(object["fields"]["message"], "listening", "{line}");
    json.kill();
}

#[test]
fn the_device_cli_piped_into_a_reader_that_stops_early_exits_quietly() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("server.db");
    campo_tests::seed(&campo_sync_server::SqliteStorage::open(&db).expect("db"), 3000);
    let (server, addr) = server(&db);
    let device_db = dir.path().join("device.db");
    let login = device(
        &device_db,
        &["login", "--server", &format!("http://{addr}"), "--login", "g1", "--password", campo_tests::PASSWORD],
    );
    assert!(login.finish().0);
    assert!(device(&device_db, &["sync"]).finish().0);
    // `campo-device debtors | head -1`: read one line, then close the pipe.
    let mut command = Command::new(env!("CARGO_BIN_EXE_scenario-device"));
    command.arg("--db").arg(&device_db).arg("debtors").stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().expect("spawn");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("a line");
    let output = child.wait_with_output().expect("exit");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && stderr.is_empty(), "{:?}: {stderr}", output.status);
    server.kill();
}

/// The device CLI on `db` with `args`.
pub fn device(db: &Path, args: &[&str]) -> Running {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scenario-device"));
    command.arg("--db").arg(db).args(args);
    Running::start(command)
}

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

fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

impl Running {
    fn start(mut command: Command) -> Self {
        command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).env("NO_COLOR", "1");
        let mut child = command.spawn().expect("spawn child");
        let (tx, lines) = channel();
        for stream in [
            Box::new(child.stdout.take().expect("stdout")) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().expect("stderr")),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if tx.send(strip_ansi(&line)).is_err() {
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
    let mut command = Command::new(env!("CARGO_BIN_EXE_scenario-server"));
    command.arg("--db").arg(db).args(["serve", "--listen", "127.0.0.1:0"]).env("RUST_LOG", "info");
    let running = Running::start(command);
    let line = running.wait_for("listening");
    let addr = line.rsplit("addr=").next().expect("addr in log").trim().parse().expect("socket addr");
    (running, addr)
}

/// The device CLI on `db` with `args`.
pub fn device(db: &Path, args: &[&str]) -> Running {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scenario-device"));
    command.arg("--db").arg(db).args(args);
    Running::start(command)
}

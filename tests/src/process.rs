//! The server and the device CLI as child processes, for scenarios that kill
//! them and benchmarks that measure them. Their output is read line by line;
//! a caller waits for a line, not for time to pass. The binaries' paths come
//! from the caller (`env!("CARGO_BIN_EXE_…")` exists only in tests and benches).

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
    /// Starts `command`, reading what it writes on stdout and stderr.
    pub fn start(mut command: Command) -> Self {
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

    /// Its process id.
    pub fn id(&self) -> u32 {
        self.child.id()
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

/// The server `binary` serving `db` on a free port, with extra `args`, and
/// the log line saying where it listens (see [`listening_at`]).
pub fn server_with(binary: &Path, db: &Path, args: &[&str]) -> (Running, String) {
    let mut command = Command::new(binary);
    command.arg("--db").arg(db).args(args).args(["serve", "--listen", "127.0.0.1:0"]).env("RUST_LOG", "info");
    let running = Running::start(command);
    let line = running.wait_for("listening");
    (running, line)
}

/// The address in the server's "listening" log line.
pub fn listening_at(line: &str) -> SocketAddr {
    line.rsplit("addr=").next().expect("addr in log").trim().parse().expect("socket addr")
}

impl Drop for Running {
    /// A scenario that fails half-way leaves no process behind.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

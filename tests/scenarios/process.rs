//! The server and the device CLI as child processes (see
//! `campo_tests::process`), with the scenarios about the processes themselves.

use std::{
    io::{BufRead, BufReader},
    net::SocketAddr,
    path::Path,
    process::{Command, Stdio},
};

pub use campo_tests::process::Running;

/// The server binary serving `db` on a free port.
pub fn server(db: &Path) -> (Running, SocketAddr) {
    let (running, line) = server_with(db, &[]);
    (running, campo_tests::process::listening_at(&line))
}

/// The server binary with extra `args`, and the log line saying where it listens.
pub fn server_with(db: &Path, args: &[&str]) -> (Running, String) {
    campo_tests::process::server_with(Path::new(env!("CARGO_BIN_EXE_scenario-server")), db, args)
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

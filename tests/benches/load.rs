//! Many devices against one server (a benchmark, not a test): the release
//! server binary serving the demo portfolio (21,000 accounts, 1,000 per
//! gestor), and N devices in this process, each with its own SQLite file.
//! Waves, all devices at once: the first sync of the whole portfolio, then
//! three rounds of five visits each and a sync (push and pull). Reported per
//! wave: p50/p99 of a device's sync and its errors; for the server, its RSS
//! after each wave (memory that keeps growing round after round is a leak),
//! its peak (VmHWM), and its RSS once idle again after the load.
//!
//! Run with `cargo bench -p campo-tests --bench load`; `CAMPO_LOAD_DEVICES`
//! lists the device counts (default `20,100,300`). Devices and server share
//! this machine's cores, so latencies include the devices' own work.

use std::{
    path::Path,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use campo_core::RecordBody;
use campo_device::{Store, SyncOptions};
use campo_sync_server::demo::{DEMO_PASSWORD, gestor_logins};
use campo_tests::{
    process::{self, Running},
    visit_body,
};

const DEMO_DEBTORS: usize = 21_000;
const VISITS: usize = 5;
/// Rounds of visits and a sync after the first sync.
const ROUNDS: usize = 3;
/// How long the server is left idle before its settled RSS is read.
const SETTLE: Duration = Duration::from_secs(5);

/// Kibibytes of `field` (VmRSS, VmHWM) in the server's /proc status.
fn memory(server: &Running, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.id())).expect("proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.trim_start_matches(':').trim().strip_suffix("kB")?.trim().parse().ok())
        .expect("field in /proc status")
}

/// p50 and p99 of `runs`.
fn percentiles(mut runs: Vec<Duration>) -> (Duration, Duration) {
    runs.sort();
    let at = |q: f64| runs[((runs.len() as f64 * q).ceil() as usize).clamp(1, runs.len()) - 1];
    (at(0.5), at(0.99))
}

/// Runs `sync` on every device at once; returns each success's time and the errors.
async fn wave(devices: &[Store]) -> (Vec<Duration>, Vec<String>) {
    let tasks: Vec<_> = devices
        .iter()
        .map(|device| {
            let device = device.clone();
            tokio::spawn(async move {
                let started = Instant::now();
                campo_device::sync(&device, SyncOptions::default(), |_| {}).await.map(|_| started.elapsed())
            })
        })
        .collect();
    let (mut times, mut errors) = (Vec::new(), Vec::new());
    for task in tasks {
        match task.await.expect("sync task") {
            Ok(time) => times.push(time),
            Err(e) => errors.push(e.to_string()),
        }
    }
    (times, errors)
}

fn report(label: &str, devices: usize, (times, errors): (Vec<Duration>, Vec<String>)) {
    let (p50, p99) = if times.is_empty() { (Duration::ZERO, Duration::ZERO) } else { percentiles(times) };
    println!(
        "{devices} dispositivos, {label}: p50 {:.0} ms, p99 {:.0} ms, {} errores{}",
        p50.as_secs_f64() * 1000.0,
        p99.as_secs_f64() * 1000.0,
        errors.len(),
        errors.first().map(|e| format!(" (p. ej. {e})")).unwrap_or_default()
    );
}

async fn run(devices: usize, demo: &Path) {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("server.db");
    std::fs::copy(demo, &db).expect("a fresh copy of the demo");
    let (server, line) = process::server_with(Path::new(env!("CARGO_BIN_EXE_scenario-server")), &db, &[]);
    let url = format!("http://{}", process::listening_at(&line));
    let gestores = gestor_logins();
    let mut stores = Vec::with_capacity(devices);
    for n in 0..devices {
        let store = Store::open(&dir.path().join(format!("device-{n}.db"))).expect("device db");
        let login = gestores[n % gestores.len()];
        campo_device::login(&store, &url, login, DEMO_PASSWORD, &format!("carga {n}")).await.expect("login");
        stores.push(store);
    }
    let before = memory(&server, "VmRSS");

    report("primera sincronización", devices, wave(&stores).await);
    let mut after = vec![memory(&server, "VmRSS")];
    for round in 1..=ROUNDS {
        for store in &stores {
            let debtor = store.debtors().expect("debtors")[0].0;
            for v in 0..VISITS {
                let notes = format!("visita {v} de la ronda {round} de la prueba de carga");
                store.create(debtor, &RecordBody::Visit(visit_body(&notes, chrono::Utc::now()))).expect("visit");
            }
        }
        report(&format!("ronda {round}: {VISITS} visitas y sincronización"), devices, wave(&stores).await);
        after.push(memory(&server, "VmRSS"));
    }
    let peak = memory(&server, "VmHWM");
    tokio::time::sleep(SETTLE).await;
    let settled = memory(&server, "VmRSS");
    let waves: Vec<String> = after.iter().map(|kib| format!("{:.0}", *kib as f64 / 1024.0)).collect();
    println!(
        "{devices} dispositivos, servidor: RSS {:.0} MB antes, {} MB tras cada ola, pico {:.0} MB, {:.0} MB tras {} s en reposo",
        before as f64 / 1024.0,
        waves.join(" / "),
        peak as f64 / 1024.0,
        settled as f64 / 1024.0,
        SETTLE.as_secs()
    );
}

fn main() {
    let counts: Vec<usize> = std::env::var("CAMPO_LOAD_DEVICES")
        .unwrap_or_else(|_| "20,100,300".into())
        .split(',')
        .map(|n| n.trim().parse().expect("CAMPO_LOAD_DEVICES: numbers separated by commas"))
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let dir = tempfile::tempdir().expect("dir");
        let demo = dir.path().join("demo.db");
        eprintln!("creando la demo de {DEMO_DEBTORS} cuentas…");
        let created = Command::new(env!("CARGO_BIN_EXE_scenario-server"))
            .arg("--db")
            .arg(&demo)
            .args(["demo", "--debtors", &DEMO_DEBTORS.to_string()])
            .stdout(Stdio::null())
            .status()
            .expect("demo");
        assert!(created.success(), "the demo database is created");
        for devices in counts {
            run(devices, &demo).await;
        }
    });
}

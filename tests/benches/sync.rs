//! Sync speed against a local server (a benchmark, not a test):
//!
//! - a fresh device pulling a 5,000-debtor portfolio with 50,000 visits;
//! - a device pushing 10,000 visits recorded offline.
//!
//! Run with `cargo bench -p campo-tests --bench sync`. Each figure is the
//! median of three runs on fresh devices.

use std::time::Instant;

use campo_core::{RecordBody, ids::RecordId};
use campo_device::{Store, SyncOptions};
use campo_sync_server::{SqliteStorage, Storage, office};
use campo_tests::{PASSWORD, TestServer, median_and_max, seed, visit_body};

const DEBTORS: usize = 5_000;
const VISITS_PER_DEBTOR: usize = 10;
const PUSHED: usize = 10_000;
const RUNS: usize = 3;

async fn fresh_device(dir: &std::path::Path, url: &str, n: usize) -> Store {
    let store = Store::open(&dir.join(format!("device-{n}.db"))).expect("device db");
    campo_device::login(&store, url, "g1", PASSWORD, "banco de pruebas").await.expect("login");
    store
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let dir = tempfile::tempdir().expect("dir");
        let storage = std::sync::Arc::new(SqliteStorage::open(&dir.path().join("server.db")).expect("server db"));
        eprintln!("sembrando {DEBTORS} cuentas y {} visitas…", DEBTORS * VISITS_PER_DEBTOR);
        let fixture = seed(&*storage, DEBTORS);
        let mut tx = storage.write().expect("tx");
        let now = chrono::Utc::now();
        for debtor in fixture.debtors_of("g1") {
            for n in 0..VISITS_PER_DEBTOR {
                let body = RecordBody::Visit(visit_body(&format!("visita {n}: nadie en casa, se dejó aviso"), now));
                office::write_new(&mut *tx, RecordId::generate(), *debtor, &body, None).expect("visit");
            }
        }
        tx.commit().expect("commit");
        let mut server = TestServer::spawn(storage.clone()).await;

        let mut pulls = Vec::new();
        let mut report = None;
        for run in 0..RUNS {
            let device = fresh_device(dir.path(), &server.url, run).await;
            let started = Instant::now();
            report = Some(campo_device::sync(&device, SyncOptions::default(), |_| {}).await.expect("pull"));
            pulls.push(started.elapsed());
        }
        let report = report.expect("ran");
        let (pull, _) = median_and_max(pulls);
        println!(
            "pull inicial: {} elementos en {} páginas, {:.0} ms (mediana de {RUNS}), {:.0} registros/s, {} bytes comprimidos, {:.1} bytes/registro",
            report.pulled,
            report.pages,
            pull.as_secs_f64() * 1000.0,
            report.pulled as f64 / pull.as_secs_f64(),
            report.bytes_received,
            report.bytes_per_record()
        );

        let mut pushes = Vec::new();
        let debtors = fixture.debtors_of("g1");
        for run in 0..RUNS {
            let device = fresh_device(dir.path(), &server.url, RUNS + run).await;
            campo_device::sync(&device, SyncOptions::default(), |_| {}).await.expect("initial pull");
            for n in 0..PUSHED {
                let body = RecordBody::Visit(visit_body("promesa de pago para el viernes", now));
                device.create(debtors[n % debtors.len()], &body).expect("offline visit");
            }
            let started = Instant::now();
            let report = campo_device::sync(&device, SyncOptions::default(), |_| {}).await.expect("push");
            pushes.push(started.elapsed());
            assert_eq!(report.pushed.accepted, PUSHED as u64);
        }
        let (push, _) = median_and_max(pushes);
        println!(
            "push: {PUSHED} registros en {:.0} ms (mediana de {RUNS}), {:.0} registros/s",
            push.as_secs_f64() * 1000.0,
            PUSHED as f64 / push.as_secs_f64()
        );
        server.stop().await;
    });
}

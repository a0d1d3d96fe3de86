//! Sync speed against a local server (a benchmark, not a test):
//!
//! - a fresh device pulling a 5,000-debtor portfolio with 50,000 visits;
//! - a device pushing 10,000 visits recorded offline.
//!
//! Run with `cargo bench -p campo-tests --bench sync`. Each figure is the
//! median of three runs on fresh devices. The data is varied as a real
//! portfolio is (names, streets, phones, notes of 20 to 110 characters), so
//! that compression is not flattered by repetition.

use std::time::Instant;

use campo_core::{
    RecordBody,
    debtor::{Address, DebtorFields},
    ids::{RecordId, TerritoryId},
    text::{Label, Phone},
};
use campo_device::{Store, SyncOptions};
use campo_sync_server::{SqliteStorage, Storage, office};
use campo_tests::{PASSWORD, TestServer, debtor_fields, median_and_max, seed_with, visit_body};

const DEBTORS: usize = 5_000;
const VISITS_PER_DEBTOR: usize = 10;
const PUSHED: usize = 10_000;
const RUNS: usize = 3;

const FIRST: &[&str] = &["María", "José", "Guadalupe", "Juan", "Rosa", "Luis", "Verónica", "Jorge", "Ana", "Miguel"];
const LAST: &[&str] = &["Hernández", "García", "Martínez", "López", "Ramírez", "Flores", "Torres", "Vargas", "Cruz"];
const STREETS: &[&str] = &["Calz. Vallejo", "Av. Montevideo", "Eje Central", "Av. Insurgentes Sur", "Calle 5 de Mayo"];
const SAID: &[&str] = &[
    "nadie en casa",
    "se dejó aviso con la vecina",
    "el titular pide que le llamen después de las 6",
    "promete pagar el viernes en OXXO",
    "dice que ya pagó; pide que se revise su comprobante",
    "no reconoce el cargo de septiembre, se le explicó la aclaración",
    "perdió el empleo en octubre; acepta un plan de pagos",
    "atendió la hija, el titular trabaja en Querétaro",
];

/// A number from `n` that looks random but is the same on every run.
fn mix(n: usize, salt: usize) -> usize {
    (n.wrapping_mul(2_654_435_761) ^ salt.wrapping_mul(40_503)).wrapping_mul(2_246_822_519) >> 7
}

/// An account with a person's name, a street address and a phone of its own.
fn varied_debtor(n: usize, territory: TerritoryId) -> DebtorFields {
    let pick = |list: &[&'static str], salt| list[mix(n, salt) % list.len()];
    let name = format!("{} {} {}", pick(FIRST, 1), pick(LAST, 2), pick(LAST, 3));
    let line = format!("{} {}, col. {}, CDMX", pick(STREETS, 4), mix(n, 5) % 3000, pick(LAST, 6));
    DebtorFields {
        name: Label::parse(&name, "nombre").expect("name"),
        phones: vec![Phone::parse(&format!("55{:08}", mix(n, 7) % 100_000_000)).expect("phone")],
        addresses: vec![Address { line: Label::parse(&line, "dirección").expect("address"), point: None }],
        ..debtor_fields(n, territory)
    }
}

/// What a gestor writes after a visit: one or two things said, and sometimes when to come back.
fn varied_notes(n: usize) -> String {
    let mut notes = SAID[mix(n, 8) % SAID.len()].to_owned();
    if mix(n, 9).is_multiple_of(2) {
        notes = format!("{notes}; {}", SAID[mix(n, 10) % SAID.len()]);
    }
    if mix(n, 11).is_multiple_of(3) {
        notes = format!("{notes}. Volver el {}/{}", 1 + mix(n, 12) % 28, 1 + mix(n, 13) % 12);
    }
    notes
}

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
        let fixture = seed_with(&*storage, DEBTORS, varied_debtor);
        let mut tx = storage.write().expect("tx");
        let now = chrono::Utc::now();
        for (d, debtor) in fixture.debtors_of("g1").iter().enumerate() {
            for v in 0..VISITS_PER_DEBTOR {
                let n = d * VISITS_PER_DEBTOR + v;
                let at = now - chrono::Duration::minutes((mix(n, 14) % 90_000) as i64);
                let body = RecordBody::Visit(visit_body(&varied_notes(n), at));
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
            "pull inicial: {} registros (y {} asignaciones) en {} páginas, {:.0} ms (mediana de {RUNS}), {:.0} registros/s, {} bytes comprimidos, {:.1} bytes/registro",
            report.records,
            report.granted,
            report.pages,
            pull.as_secs_f64() * 1000.0,
            report.records as f64 / pull.as_secs_f64(),
            report.bytes_received,
            report.bytes_per_record()
        );

        let mut pushes = Vec::new();
        let debtors = fixture.debtors_of("g1");
        for run in 0..RUNS {
            let device = fresh_device(dir.path(), &server.url, RUNS + run).await;
            campo_device::sync(&device, SyncOptions::default(), |_| {}).await.expect("initial pull");
            for n in 0..PUSHED {
                let body = RecordBody::Visit(visit_body(&varied_notes(n + 1_000_000), now));
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

//! How fast the gestor's screens answer from the device (a benchmark, not a
//! test), on a device holding 10,000 debtors and 100,000 visits:
//!
//! - opening the store and reading today's agenda, as the app does at start;
//! - the agenda again, warm;
//! - a portfolio search at every keystroke of a name and of a phone;
//! - a debtor's file with 100 timeline entries;
//! - the contact rules a visit form asks as it opens, on the debtor with 100 visits;
//! - saving a visit offline (the save and its summary refresh).
//!
//! Run with `cargo bench -p campo-tests --bench screens`. Figures are medians
//! (and the slowest) over repeated runs.

use std::time::{Duration, Instant};

use campo_core::{RecordBody, ids::RecordId, outcome::Channel};
use campo_device::{Store, SyncOptions, portfolio::PortfolioQuery};
use campo_sync_server::{SqliteStorage, Storage, office};
use campo_tests::{PASSWORD, TestServer, median_and_max, seed, visit_body};

const DEBTORS: usize = 10_000;
const VISITS_PER_DEBTOR: usize = 10;
/// The busy debtor's file: its visits plus the rest of the fixture's.
const BUSY_VISITS: usize = 100;
const RUNS: usize = 50;

struct Timings(Vec<Duration>);

impl Timings {
    fn measure<T>(runs: usize, mut f: impl FnMut() -> T) -> Self {
        Self(
            (0..runs)
                .map(|_| {
                    let started = Instant::now();
                    std::hint::black_box(f());
                    started.elapsed()
                })
                .collect(),
        )
    }

    fn report(self, what: &str) {
        let count = self.0.len();
        let (median, max) = median_and_max(self.0);
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!("{what}: mediana {:.2} ms, máximo {:.2} ms ({count} mediciones)", ms(median), ms(max));
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    let dir = tempfile::tempdir().expect("dir");
    let device_db = dir.path().join("device.db");
    let now = chrono::Utc::now();
    let today = now.date_naive();
    let busy = runtime.block_on(async {
        let storage = std::sync::Arc::new(SqliteStorage::open(&dir.path().join("server.db")).expect("server db"));
        eprintln!("sembrando {DEBTORS} cuentas y {} visitas…", DEBTORS * VISITS_PER_DEBTOR);
        let fixture = seed(&*storage, DEBTORS);
        let debtors = fixture.debtors_of("g1");
        let mut tx = storage.write().expect("tx");
        for (i, debtor) in debtors.iter().enumerate() {
            let visits = if i == 0 { BUSY_VISITS } else { VISITS_PER_DEBTOR };
            for n in 0..visits {
                let at = now - chrono::Duration::hours(n as i64);
                let body = RecordBody::Visit(visit_body(&format!("visita {n}: nadie en casa, se dejó aviso"), at));
                office::write_new(&mut *tx, RecordId::generate(), *debtor, &body, None).expect("visit");
            }
        }
        tx.commit().expect("commit");
        let mut server = TestServer::spawn(storage).await;
        let device = Store::open(&device_db).expect("device db");
        campo_device::login(&device, &server.url, "g1", PASSWORD, "banco de pruebas").await.expect("login");
        let started = Instant::now();
        let report = campo_device::sync(&device, SyncOptions::default(), |_| {}).await.expect("first sync");
        println!(
            "primera sincronización: {} elementos en {:.0} ms",
            report.pulled,
            started.elapsed().as_secs_f64() * 1000.0
        );
        server.stop().await;
        debtors[0]
    });

    Timings::measure(5, || {
        let store = Store::open(&device_db).expect("open");
        store.agenda(today, None, campo_device::app::AGENDA_ROWS).expect("agenda")
    })
    .report("abrir la base y leer la agenda");

    let store = Store::open(&device_db).expect("open");
    Timings::measure(RUNS, || store.agenda(today, None, campo_device::app::AGENDA_ROWS).expect("agenda"))
        .report("agenda de hoy");

    let keystrokes = |typed: &str| {
        let typed = typed.to_owned();
        (1..=typed.chars().count()).map(move |n| typed.chars().take(n).collect::<String>()).collect::<Vec<_>>()
    };
    for typed in ["deudor 4321", "5512345"] {
        let prefixes = keystrokes(typed);
        let mut all = Vec::new();
        for _ in 0..RUNS / 5 {
            for text in &prefixes {
                let query = PortfolioQuery { text: text.clone(), ..PortfolioQuery::default() };
                all.extend(Timings::measure(1, || store.search(&query, today).expect("search")).0);
            }
        }
        Timings(all).report(&format!("búsqueda, cada tecla de «{typed}»"));
    }

    let file = store.debtor_file(busy, today).expect("file");
    assert_eq!(file.timeline.len(), BUSY_VISITS);
    Timings::measure(RUNS, || store.debtor_file(busy, today).expect("file"))
        .report(&format!("expediente con {BUSY_VISITS} entradas"));

    Timings::measure(RUNS, || store.contact_rules(busy, Channel::Visit, now).expect("rules"))
        .report(&format!("reglas de contacto al abrir una visita (cuenta con {BUSY_VISITS} visitas)"));

    Timings::measure(RUNS, || {
        store.create(busy, &RecordBody::Visit(visit_body("promesa de pago para el viernes", now))).expect("save")
    })
    .report("guardar una visita sin conexión");
}

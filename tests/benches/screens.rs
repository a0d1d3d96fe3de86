//! How fast the gestor's screens answer from the device (a benchmark, not a
//! test), on a device holding 10,000 debtors and 100,000 visits:
//!
//! - opening the store and reading today's agenda, as the app does at start;
//! - the agenda again, warm: every account scored, sorted into its section;
//! - today's route over the 60 accounts with a follow-up due;
//! - a portfolio search at every keystroke of a name and of a phone;
//! - a debtor's file with 100 timeline entries;
//! - the contact rules a visit form asks as it opens, on the debtor with 100 visits;
//! - saving a visit offline (the save and its summary refresh).
//!
//! Then, on the demo portfolio (3,000 accounts, 21 gestores), how long each
//! gestor's route is against visiting the same stops in priority order.
//!
//! Run with `cargo bench -p campo-tests --bench screens`. Figures are medians
//! (and the slowest) over repeated runs.

use std::{
    str::FromStr,
    time::{Duration, Instant},
};

use campo_core::{
    RecordBody,
    activity::Visit,
    debtor::{Address, DebtorFields},
    geo::GeoPoint,
    ids::RecordId,
    outcome::Channel,
    text::Label,
    zone::Zone,
};
use campo_device::{Store, SyncOptions, portfolio::PortfolioQuery};
use campo_sync_server::{SqliteStorage, Storage, office};
use campo_tests::{PASSWORD, TestServer, World, debtor_fields, median_and_max, seed_with, visit_body};

const DEBTORS: usize = 10_000;
const VISITS_PER_DEBTOR: usize = 10;
/// The busy debtor's file: its visits plus the rest of the fixture's.
const BUSY_VISITS: usize = 100;
/// Accounts with a follow-up due today: the route's stops.
const STOPS: usize = 60;
/// Accounts visited today: the agenda's "done today".
const DONE_TODAY: usize = 30;
const RUNS: usize = 50;
const DEMO_DEBTORS: usize = 3_000;

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
        let fixture = seed_with(&*storage, DEBTORS, |n, territory| DebtorFields {
            addresses: vec![Address {
                line: Label::parse(&format!("Calle {n}"), "dirección").expect("label"),
                point: Some(spread(n)),
            }],
            ..debtor_fields(n, territory)
        });
        let debtors = fixture.debtors_of("g1");
        let mut tx = storage.write().expect("tx");
        for (i, debtor) in debtors.iter().enumerate() {
            let visits = if i == 0 { BUSY_VISITS } else { VISITS_PER_DEBTOR };
            let follow_up = (1..=STOPS).contains(&i);
            // One visit a day, the latest today on a few accounts and yesterday on the rest.
            let latest =
                if (STOPS + 1..=STOPS + DONE_TODAY).contains(&i) { now } else { now - chrono::Duration::days(1) };
            for n in 0..visits {
                let at = latest - chrono::Duration::days(n as i64);
                let mut visit = visit_body(&format!("visita {n}: nadie en casa, se dejó aviso"), at).into_fields();
                visit.next_action_on = (follow_up && n == 0).then_some(today);
                let body = RecordBody::Visit(Visit::try_from(visit).expect("visit"));
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
    let agenda = store.agenda(today, None, campo_device::app::AGENDA_ROWS).expect("agenda");
    assert_eq!((agenda.due.len(), agenda.counts.done as usize), (STOPS, DONE_TODAY));
    Timings::measure(RUNS, || store.agenda(today, None, campo_device::app::AGENDA_ROWS).expect("agenda"))
        .report(&format!("agenda de hoy ({DEBTORS} cuentas puntuadas)"));

    let gestor = Some(spread(0));
    assert_eq!(store.route(today, gestor).expect("route").stops.len(), STOPS);
    Timings::measure(RUNS, || store.route(today, gestor).expect("route"))
        .report(&format!("ruta de hoy ({STOPS} paradas, {DEBTORS} cuentas)"));

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

    runtime.block_on(demo_routes());
}

/// Addresses over a 20 km square of Mexico City, scattered by a fixed rule.
fn spread(n: usize) -> GeoPoint {
    let (a, b) = ((n * 7_919) % 1_000, (n * 104_729) % 1_000);
    GeoPoint::new(19.30 + a as f64 * 0.000_18, -99.25 + b as f64 * 0.000_19).expect("point")
}

/// Each demo gestor's route today, without a position, against priority order.
async fn demo_routes() {
    let world = World::demo(DEMO_DEBTORS).await;
    let (mut routed, mut by_priority, mut stops) = (0u64, 0u64, 0usize);
    let mut ratios = Vec::new();
    for (login, _) in &world.fixture.gestores {
        let device = world.synced_device(login).await;
        let today = Zone::from_str("America/Mexico_City").expect("zone").local(chrono::Utc::now()).date();
        let route = device.store.route(today, None).expect("route");
        if route.priority_length_m > 0 {
            ratios.push(f64::from(route.length_m) / f64::from(route.priority_length_m));
        }
        routed += u64::from(route.length_m);
        by_priority += u64::from(route.priority_length_m);
        stops += route.stops.len();
    }
    ratios.sort_by(f64::total_cmp);
    let km = |m: u64| m as f64 / 1000.0;
    println!(
        "demo ({DEMO_DEBTORS} cuentas, {} gestores, {stops} paradas): rutas {:.1} km contra {:.1} km en orden de prioridad \
         ({:.0} %); por gestor, de {:.0} % a {:.0} %",
        world.fixture.gestores.len(),
        km(routed),
        km(by_priority),
        100.0 * routed as f64 / by_priority as f64,
        100.0 * ratios.first().copied().unwrap_or(1.0),
        100.0 * ratios.last().copied().unwrap_or(1.0),
    );
}

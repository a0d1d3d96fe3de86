//! How long the gestor waits from launching the app to seeing today's agenda
//! (a benchmark, not a test), on a device already holding 10,000 debtors:
//! the real app binary, launched through tauri-driver on a display.
//!
//! Run under Xvfb after building the app as scripts/e2e.sh does:
//! `CAMPO_APP=target/debug/campo-app WEBKIT_DISABLE_DMABUF_RENDERER=1 xvfb-run cargo bench -p campo-tests --features e2e --bench start`.

use std::time::Instant;

use campo_device::{Store, SyncOptions};
use campo_tests::{PASSWORD, World, median_and_max, webdriver::App};

const DEBTORS: usize = 10_000;
const RUNS: usize = 3;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let binary = std::env::var_os("CAMPO_APP").expect("CAMPO_APP names the app built with its UI embedded");
        eprintln!("sembrando {DEBTORS} cuentas…");
        let mut world = World::new(DEBTORS).await;
        let database = world.dir.path().join("device.db");
        let store = Store::open(&database).expect("device db");
        campo_device::login(&store, &world.server.url, "g1", PASSWORD, "banco de pruebas").await.expect("login");
        campo_device::sync(&store, SyncOptions::default(), |_| {}).await.expect("first sync");
        drop(store);
        // Offline, as in the field: the agenda must not wait for the network.
        world.server.stop().await;
        let mut runs = Vec::new();
        for _ in 0..RUNS {
            let started = Instant::now();
            let app = App::launch(binary.as_ref(), &database, &world.dir.path().join("driver.log")).await;
            app.wait_for("agenda-counts").await;
            runs.push(started.elapsed());
            app.quit().await;
        }
        let (median, max) = median_and_max(runs);
        println!(
            "del arranque a la agenda con {DEBTORS} cuentas: mediana {:.0} ms, máximo {:.0} ms ({RUNS} arranques)",
            median.as_secs_f64() * 1000.0,
            max.as_secs_f64() * 1000.0
        );
    });
}

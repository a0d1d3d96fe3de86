//! The console at the size of a large agency (a benchmark, not a test): a
//! server holding 30,000 accounts and 500,000 visits, calls and promises of
//! one team's three gestores (the worst case: every record in one
//! supervisor's scope), asked over real HTTP for a page of the log (plain
//! and filtered), the team's KPIs of a month, and a reassignment of 10,000
//! accounts previewed, applied and undone; then the console's first load in
//! Chromium, from a fresh browser to the sign-in form.
//!
//! Run with `cargo bench -p campo-tests --features browser --bench console`
//! (`scripts/console.sh` installs Chromium and Node's packages).

use std::{fmt::Write, sync::Arc, time::Instant};

use campo_core::{
    RecordBody,
    activity::{Call, CallFields, ContactFacts, Direction, Visit},
    contact::party::Party,
    ids::RecordId,
    outcome::Outcome,
    text::Phone,
    zone::Zone,
};
use campo_sync_server::{SqliteStorage, Storage, import, office};
use campo_tests::{Office, PASSWORD, TestServer, browser::Browser, median_and_max, promise_body, visit_body};
use chrono::{Days, Duration, Utc};
use reqwest::{Method, StatusCode};
use serde_json::json;

const ACCOUNTS: usize = 30_000;
const RECORDS: usize = 500_000;
const RUNS: usize = 15;

/// The `n`th record of the history: mostly visits, then calls, some
/// promises, spread over the last 180 days.
fn record(n: usize) -> RecordBody {
    let at = Utc::now() - Duration::minutes((n * 518_400 / RECORDS) as i64 * 30 + 1);
    let outcomes = [Outcome::NoAnswer, Outcome::RightPartyContact, Outcome::ThirdPartyContact, Outcome::PromiseToPay];
    let outcome = outcomes[n % outcomes.len()];
    let contact = match outcome {
        Outcome::NoAnswer => ContactFacts::default(),
        Outcome::ThirdPartyContact => {
            ContactFacts { party: Some(Party::Other), identified: true, ..Default::default() }
        }
        _ => ContactFacts { party: Some(Party::Debtor), identified: true, ..Default::default() },
    };
    match n % 10 {
        0 => {
            let day = Zone::MEXICO_CITY.local(at).date();
            promise_body("1500.00", day, day + Days::new(7))
        }
        1..=3 => RecordBody::Call(
            Call::try_from(CallFields {
                number: Phone::parse("5512345678").expect("phone"),
                direction: Direction::Outbound,
                started_at: at,
                duration_s: 90,
                zone: Zone::MEXICO_CITY,
                outcome,
                contact,
                notes: format!("llamada {n}"),
                next_action_on: None,
            })
            .expect("a call"),
        ),
        _ => {
            let mut fields = visit_body(&format!("visita {n}: se dejó aviso con el portero"), at).into_fields();
            fields.outcome = outcome;
            fields.contact = contact;
            RecordBody::Visit(Visit::try_from(fields).expect("a visit"))
        }
    }
}

fn fill(storage: &SqliteStorage) -> campo_tests::Fixture {
    let fixture = campo_tests::seed(storage, 0);
    let mut accounts = String::from(
        "external_ref,name,national_id,product,currency,balance,overdue,minimum_payment,overdue_since,segment,\
         territory,zone,phones,emails,address,lat,lon,gestor\n",
    );
    for n in 0..ACCOUNTS {
        writeln!(
            accounts,
            "TC-{n:07},Cliente {n} López,LOPC{n:06},credit_card,MXN,12500.00,3000.00,1500.00,2026-{:02}-01,{},\
             Pruebas,America/Mexico_City,55{:08},,\"Av. Insurgentes Sur {}, CDMX\",19.37,-99.17,{}",
            1 + n % 11,
            ["alto saldo", "medio", "bajo"][n % 3],
            n,
            n % 3000,
            ["g1", "g2", "g3"][n % 3],
        )
        .expect("a row");
    }
    import::debtors::import(storage, accounts.as_bytes(), false, None, |_| {}).expect("accounts");
    let debtors: Vec<_> = {
        let mut tx = storage.read().expect("read");
        tx.accounts(None).expect("accounts").into_iter().map(|a| (a.debtor, a.gestor.expect("held"))).collect()
    };
    let started = Instant::now();
    for chunk in (0..RECORDS).collect::<Vec<_>>().chunks(50_000) {
        let mut tx = storage.write().expect("write");
        for &n in chunk {
            let (debtor, gestor) = debtors[n % debtors.len()];
            office::write_new(&mut *tx, RecordId::generate(), debtor, &record(n), Some(gestor)).expect("a record");
        }
        tx.commit().expect("commit");
    }
    println!("filled: {ACCOUNTS} accounts, {RECORDS} records in {:.0} s", started.elapsed().as_secs_f64());
    fixture
}

async fn time(what: &str, office: &Office, path: &str) {
    let mut runs = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let (status, _) = office.call(Method::GET, path, None).await;
        runs.push(started.elapsed());
        assert_eq!(status, StatusCode::OK, "{what}");
    }
    let (median, max) = median_and_max(runs);
    println!("{what}: median {:.1} ms, max {:.1} ms", median.as_secs_f64() * 1e3, max.as_secs_f64() * 1e3);
}

async fn once(what: &str, office: &Office, path: &str, body: serde_json::Value) -> serde_json::Value {
    let started = Instant::now();
    let (status, answer) = office.call(Method::POST, path, Some(body)).await;
    println!("{what}: {:.0} ms", started.elapsed().as_secs_f64() * 1e3);
    assert_eq!(status, StatusCode::OK, "{what}: {answer}");
    answer
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let storage = Arc::new(SqliteStorage::open(&dir.path().join("console.db")).expect("storage"));
    let fixture = fill(&storage);
    let server = TestServer::spawn(storage.clone() as Arc<dyn Storage>).await;
    let sup = Office::login(&server.url, "sup", PASSWORD).await;
    let coord = Office::login(&server.url, "coord", PASSWORD).await;

    let (g1, g2) = (fixture.gestor("g1"), fixture.gestor("g2"));
    let day = |days: u64| (Utc::now() - Days::new(days)).date_naive();
    time("log, first page of 100", &sup, "/v1/activities?limit=100").await;
    let from = format!("{}T00:00:00Z", day(60));
    let to = format!("{}T00:00:00Z", day(30));
    time(
        "log, one gestor's calls in a month, 100",
        &sup,
        &format!("/v1/activities?limit=100&gestor={g1}&kind=call&from={from}&to={to}"),
    )
    .await;
    time(
        "log, promises to pay not reviewed, 100",
        &sup,
        "/v1/activities?limit=100&outcome=promise_to_pay&reviewed=false",
    )
    .await;
    time("KPIs, the team over a month", &sup, &format!("/v1/kpis?from={}&to={}", day(30), day(1))).await;

    let request = json!({ "selection": { "gestor": g1 }, "to": g2 });
    let mut runs = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let preview = once("  (preview)", &coord, "/v1/reassignments/preview", request.clone()).await;
        runs.push(started.elapsed());
        assert_eq!(preview["accounts"], ACCOUNTS / 3);
    }
    let (median, _) = median_and_max(runs);
    println!("reassignment of {} accounts, preview: median {:.0} ms", ACCOUNTS / 3, median.as_secs_f64() * 1e3);
    let done =
        once(&format!("reassignment of {} accounts, apply", ACCOUNTS / 3), &coord, "/v1/reassignments", request).await;
    let undo = format!("/v1/reassignments/{}/undo", done["id"].as_str().expect("id"));
    once(&format!("reassignment of {} accounts, undo", ACCOUNTS / 3), &coord, &undo, json!(null)).await;

    // Cold: a browser just started, nothing cached. Warm: the same browser
    // opening the console again, as a supervisor does each morning. The
    // browser's own start is not the console's: a blank page first waits it out.
    let (mut cold, mut warm) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        let mut browser = Browser::launch().await;
        browser.open("about:blank").await;
        for runs in [&mut cold, &mut warm] {
            let started = Instant::now();
            browser.open(&format!("{}/console/", server.url)).await;
            browser.wait_for_text("sign-in", "Iniciar sesión").await;
            runs.push(started.elapsed());
        }
        browser.close().await;
    }
    for (what, runs) in [("a fresh browser", cold), ("the same browser again", warm)] {
        let (median, max) = median_and_max(runs);
        println!(
            "console first load, {what} to the sign-in form: median {:.0} ms, max {:.0} ms",
            median.as_secs_f64() * 1e3,
            max.as_secs_f64() * 1e3
        );
    }
}

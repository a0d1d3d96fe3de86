//! What the gestor's screens read: the agenda's order, the search and a
//! debtor's file, over a portfolio pulled from the real server.

use campo_core::{
    RecordBody, RecordKind,
    activity::{Promise, PromiseFields, PromiseStatus, Visit, VisitFields},
    debtor::Bucket,
    money::{Amount, Currency},
    outcome::Outcome,
    zone::Zone,
};
use campo_device::portfolio::{AgendaReason, PortfolioQuery};
use campo_tests::World;

fn promise_due(today: chrono::NaiveDate) -> RecordBody {
    RecordBody::Promise(
        Promise::try_from(PromiseFields {
            amount: Amount::parse(rust_decimal::Decimal::new(50_000, 2), "monto").expect("amount"),
            currency: Currency::MXN,
            made_on: today,
            due_on: today,
            installments: vec![],
            status: PromiseStatus::Pending,
            source: None,
        })
        .expect("valid promise"),
    )
}

fn visit_with_next_action(today: chrono::NaiveDate) -> RecordBody {
    let now = chrono::Utc::now();
    RecordBody::Visit(
        Visit::try_from(VisitFields {
            started_at: now,
            ended_at: now,
            zone: Zone::MEXICO_CITY,
            position: None,
            distance_m: None,
            photos: vec![],
            outcome: Outcome::NoAnswer,
            contact: Default::default(),
            notes: "volver mañana".into(),
            next_action_on: Some(today),
        })
        .expect("valid visit"),
    )
}

#[tokio::test]
async fn the_agenda_puts_promises_due_today_first_then_next_actions_then_the_rest() {
    let world = World::new(30).await;
    let device = world.synced_device("g1").await;
    let today = chrono::Utc::now().date_naive();
    let debtors = world.fixture.debtors_of("g1");

    device.store.create(debtors[20], &visit_with_next_action(today)).expect("visit");
    device.store.create(debtors[10], &promise_due(today)).expect("promise");

    let agenda = device.store.agenda(today, 50).expect("agenda");
    assert_eq!((agenda.promises_due, agenda.next_actions, agenda.total), (1, 1, 30));
    assert_eq!(agenda.rows[0].debtor_id, debtors[10]);
    assert_eq!(agenda.rows[0].reason, AgendaReason::PromiseDueToday);
    assert_eq!(agenda.rows[1].debtor_id, debtors[20]);
    assert_eq!(agenda.rows[1].reason, AgendaReason::NextAction);
    assert!(agenda.rows[2..].iter().all(|r| r.reason == AgendaReason::ByPriority));
    assert_eq!(agenda.rows[0].pending, 1, "the promise is still unsent");

    let tomorrow = today.succ_opt().expect("date");
    let later = device.store.agenda(tomorrow, 50).expect("agenda");
    assert_eq!(later.rows[0].reason, AgendaReason::PromiseBroken, "a promise past its date with no news");

    device.sync().await.expect("sync");
    let synced = device.store.agenda(today, 50).expect("agenda");
    assert_eq!(synced.rows[0].pending, 0, "the summary follows the acknowledgement");
}

#[tokio::test]
async fn the_portfolio_search_matches_words_in_any_case_and_filters() {
    let world = World::new(30).await;
    let device = world.synced_device("g1").await;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    let search = |query: PortfolioQuery| device.store.search(&query, today).expect("search");

    let all = search(PortfolioQuery::default());
    assert_eq!(all.total, 30);
    let by_name = search(PortfolioQuery { text: "DEUDOR 17".into(), ..Default::default() });
    assert_eq!(by_name.rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["Deudor 17"]);
    let by_phone = search(PortfolioQuery { text: "5512345678".into(), ..Default::default() });
    assert_eq!(by_phone.total, 30, "every fixture debtor has that phone");
    for typed in ["551-234-5678", "(55) 1234 5678", "+52 55 1234 5678", "+52 1 55 1234 5678", "55 12 34", "5678"] {
        assert_eq!(search(PortfolioQuery { text: typed.into(), ..Default::default() }).total, 30, "{typed}");
    }
    for typed in ["551-234-5679", "+51 55 1234 5678"] {
        assert_eq!(search(PortfolioQuery { text: typed.into(), ..Default::default() }).total, 0, "{typed}");
    }
    let nobody = search(PortfolioQuery { text: "zzz".into(), ..Default::default() });
    assert_eq!(nobody.total, 0);

    // Overdue since 2026-09-01: 82 days on 2026-11-22.
    let bucket = |b| search(PortfolioQuery { bucket: Some(b), ..Default::default() }).total;
    assert_eq!((bucket(Bucket::D61To90), bucket(Bucket::D31To60), bucket(Bucket::Current)), (30, 0, 0));
    assert_eq!(all.rows[0].days_past_due, 82);
    let disputed = search(PortfolioQuery { dispute: true, ..Default::default() });
    assert_eq!(disputed.total, 0);

    // Regions are offered by the names the server gave them.
    let regions = device.store.filter_options().expect("options").territories;
    assert_eq!(regions.iter().map(|r| r.name.as_deref()).collect::<Vec<_>>(), [Some("Pruebas")]);
    let in_region = search(PortfolioQuery { territory_id: Some(regions[0].id), ..Default::default() });
    assert_eq!(in_region.total, 30);
}

#[tokio::test]
async fn a_debtors_file_shows_the_account_and_its_timeline_newest_first() {
    let world = World::new(5).await;
    let device = world.synced_device("g1").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let first = device.visit(debtor, "primera visita");
    let today = chrono::Utc::now().date_naive();
    let promise = device.store.create(debtor, &promise_due(today)).expect("promise");
    let second = device.visit(debtor, "segunda visita");

    let file = device.store.debtor_file(debtor, today).expect("file");
    assert_eq!(file.debtor.name.to_string(), "Deudor 0");
    assert_eq!(file.region.as_deref(), Some("Pruebas"));
    let visits: Vec<_> = file.timeline.iter().filter(|e| e.kind == RecordKind::Visit).map(|e| e.id).collect();
    assert_eq!(visits, vec![second, first]);
    assert!(file.timeline.iter().any(|e| e.id == promise && e.pending));

    let missing = device.store.debtor_file(world.fixture.debtors_of("g2")[0], today);
    assert!(matches!(missing, Err(campo_device::DeviceError::NotFound { .. })), "{missing:?}");
    let overdue = (today - chrono::NaiveDate::from_ymd_opt(2026, 9, 1).expect("date")).num_days();
    assert_eq!(i64::from(file.days_past_due), overdue);
    assert_eq!(file.bucket, Bucket::of(file.days_past_due));
    assert_eq!(file.sbs, None, "a Mexican account has no SBS rating");
}

#[tokio::test]
async fn a_peruvian_account_shows_its_sbs_rating() {
    let world = World::with_debtors(1, |n, territory| campo_core::debtor::DebtorFields {
        currency: campo_core::money::Currency::PEN,
        zone: campo_core::zone::Zone::LIMA,
        ..campo_tests::debtor_fields(n, territory)
    })
    .await;
    let device = world.synced_device("g1").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    // Overdue since 1 September 2026: 91 days on 1 December, Dudoso.
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    let file = device.store.debtor_file(debtor, today).expect("file");
    assert_eq!((file.days_past_due, file.bucket), (91, Bucket::D91To120));
    assert_eq!(file.sbs, Some(campo_core::debtor::SbsClass::Dudoso));
}

#[tokio::test]
async fn a_device_store_from_before_the_summary_facts_upgrades_to_the_same_facts_and_agenda() {
    let world = World::new(5).await;
    let device = world.synced_device("g1").await;
    let today = chrono::Utc::now().date_naive();
    let debtors = world.fixture.debtors_of("g1");
    device.store.create(debtors[0], &promise_due(today)).expect("promise");
    device.sync().await.expect("sync");
    device.store.create(debtors[1], &visit_with_next_action(today)).expect("visit, left pending");

    // The same store as schema 3 left it: the device's rows, no fact columns.
    let upgraded = campo_tests::store_at_schema(
        &device,
        &world.dir.path().join("before-facts.db"),
        3,
        "INSERT INTO session SELECT * FROM now.session;
         INSERT INTO records SELECT id, debtor_id, kind, vv, deleted, body, after_reassignment FROM now.records;
         INSERT INTO pending SELECT record_id, debtor_id, kind, vv, base_vv, counter, deleted, body, saved_at,
                                    rejected_code, rejected_message FROM now.pending;
         -- Schema 3 kept each account's count of unsent writes last.
         INSERT INTO debtor_summary SELECT *, 0 FROM now.debtor_summary;
         DELETE FROM summary_dirty;",
    );
    let facts = |db| {
        campo_tests::table(
            db,
            "SELECT id, due_on, status, started_at, next_action_on FROM records
             UNION ALL SELECT record_id, due_on, status, started_at, next_action_on FROM pending ORDER BY 1",
        )
    };
    // Its next pull would bring the policy in force (schema 3 had none);
    // copied here so its rules are the device's at any hour the test runs.
    let conn = rusqlite::Connection::open(&upgraded.path).expect("open");
    conn.execute("ATTACH ?1 AS now", [device.path.to_str().expect("utf-8 path")]).expect("attach");
    conn.execute_batch("INSERT INTO policies SELECT * FROM now.policies").expect("the policy");
    drop(conn);
    let filled = facts(&upgraded.path);
    assert_eq!(filled, facts(&device.path), "the upgrade fills the facts as the device writes them");
    let pending = rusqlite::types::Value::Text("pending".into());
    assert!(filled.iter().any(|f| f[2] == pending), "the promise's facts are there");

    // A new visit on the promised debtor recomputes it from the filled facts.
    for d in [&device, &upgraded] {
        d.store.create(debtors[0], &visit_with_next_action(today)).expect("visit");
    }
    let agenda = |d: &campo_tests::Device| {
        let a = d.store.agenda(today, 10).expect("agenda");
        (a.promises_due, a.next_actions, a.rows.iter().map(|r| (r.debtor_id, r.reason, r.pending)).collect::<Vec<_>>())
    };
    assert_eq!(agenda(&upgraded), agenda(&device));
    assert_eq!(agenda(&upgraded).0, 1, "the promise due today is still on the agenda");
}

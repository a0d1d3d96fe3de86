//! What the gestor's screens read: the agenda's order, the search and a
//! debtor's file, over a portfolio pulled from the real server.

use campo_core::{
    RecordBody, RecordKind,
    activity::{Call, CallFields, Direction, Visit, VisitFields},
    debtor::{Address, Bucket, DebtorFields},
    geo::GeoPoint,
    ids::DebtorId,
    outcome::{Channel, Outcome},
    priority::Factor,
    text::{Label, Phone},
    zone::Zone,
};
use campo_device::{
    agenda::{AgendaCounts, AgendaFilter, AgendaRow},
    portfolio::PortfolioQuery,
};
use campo_tests::{World, fixture_today, promise_body};
use chrono::{DateTime, Days, NaiveDate, TimeDelta, Utc};

fn promise(made_on: NaiveDate, due_on: NaiveDate) -> RecordBody {
    promise_body("500.00", made_on, due_on)
}

fn promise_due(today: NaiveDate) -> RecordBody {
    promise(today, today)
}

fn visit(at: DateTime<Utc>, next_action_on: Option<NaiveDate>) -> RecordBody {
    RecordBody::Visit(
        Visit::try_from(VisitFields {
            started_at: at,
            ended_at: at,
            zone: Zone::MEXICO_CITY,
            position: None,
            distance_m: None,
            photos: vec![],
            outcome: Outcome::NoAnswer,
            contact: Default::default(),
            notes: "volver mañana".into(),
            next_action_on,
        })
        .expect("valid visit"),
    )
}

/// A visit yesterday that set a follow-up for `today`.
fn visit_with_next_action(today: NaiveDate) -> RecordBody {
    visit(Utc::now() - TimeDelta::days(1), Some(today))
}

fn ids(rows: &[AgendaRow]) -> Vec<DebtorId> {
    rows.iter().map(|r| r.row.debtor_id).collect()
}

#[tokio::test]
async fn the_agenda_plans_the_day_broken_promises_first_then_promises_due_then_follow_ups_and_what_was_done() {
    let world = World::new(30).await;
    let device = world.synced_device("g1").await;
    let today = fixture_today();
    let debtors = world.fixture.debtors_of("g1");

    device.store.create(debtors[20], &visit_with_next_action(today)).expect("visit");
    device.store.create(debtors[10], &promise_due(today)).expect("promise");
    // Due ten days ago: past its three days of grace, unpaid, with no news.
    let long_ago = |days| today - Days::new(days);
    device.store.create(debtors[5], &promise(long_ago(12), long_ago(10))).expect("old promise");
    device.store.create(debtors[3], &visit(Utc::now(), None)).expect("visit today");

    let agenda = device.store.agenda(today, None, 50).expect("agenda");
    let counts = AgendaCounts { promises_due: 1, promises_broken: 1, follow_ups: 1, done: 1, total: 30 };
    assert_eq!(agenda.counts, counts);
    assert_eq!(ids(&agenda.due), vec![debtors[5], debtors[10], debtors[20]]);
    let first = &agenda.due[0].row.priority.factors;
    assert_eq!(first[0], Factor::PromiseBroken { days_ago: 6 }, "broken on the fourth day after it fell due");
    assert_eq!(agenda.due[1].row.priority.factors[0], Factor::PromiseDueToday);
    assert_eq!(agenda.due[1].promised_today.as_deref(), Some("500.00"));
    assert_eq!(agenda.due[2].row.priority.factors[0], Factor::FollowUpDue { days_late: 0 });
    assert_eq!(agenda.due[1].row.pending, 1, "the promise is still unsent");
    assert_eq!(agenda.due[0].region.as_deref(), Some("Pruebas"));
    assert_eq!(agenda.rest.len(), 26);
    assert!(agenda.rest.iter().all(|r| !r.row.priority.due_today()));
    assert_eq!(ids(&agenda.done), vec![debtors[3]]);
    assert_eq!(
        agenda.done[0].worked.iter().map(|w| (w.channel, w.outcome)).collect::<Vec<_>>(),
        [(Channel::Visit, Outcome::NoAnswer)]
    );

    // A counter tapped filters every section.
    let broken = device.store.agenda(today, Some(AgendaFilter::PromisesBroken), 50).expect("agenda");
    assert_eq!((ids(&broken.due), broken.rest.len(), broken.done.len()), (vec![debtors[5]], 0, 0));
    assert_eq!(broken.counts, counts, "the counters still count everything");
    let done = device.store.agenda(today, Some(AgendaFilter::Done), 50).expect("agenda");
    assert_eq!((done.due.len(), done.rest.len(), ids(&done.done)), (0, 0, vec![debtors[3]]));

    // A call on the broken promise is its follow-up: it moves to done.
    device.store.create(debtors[5], &visit(Utc::now(), None)).expect("the follow-up");
    let followed = device.store.agenda(today, None, 50).expect("agenda");
    assert_eq!(followed.counts.promises_broken, 0);
    assert!(ids(&followed.done).contains(&debtors[5]));

    // Tomorrow the promise due today is inside its grace: no longer due, still noted.
    let tomorrow = device.store.agenda(today + Days::new(1), None, 50).expect("agenda");
    let waiting = tomorrow.rest.iter().find(|r| r.row.debtor_id == debtors[10]).expect("in the rest");
    assert_eq!(waiting.row.priority.factors[0], Factor::PromiseInGrace { days_late: 1 });
    // A newer promise, for the day after, made while that one is in its grace: that day asks for it.
    device.store.create(debtors[10], &promise(today, today + Days::new(2))).expect("a newer promise");
    let after = device.store.agenda(today + Days::new(2), None, 50).expect("agenda");
    let asked = after.due.iter().find(|r| r.row.debtor_id == debtors[10]).expect("due that day");
    assert_eq!(asked.row.priority.factors[0], Factor::PromiseDueToday);
    assert_eq!(asked.promised_today.as_deref(), Some("500.00"), "the newer promise's amount, not the older's");
    // Four days after, it is broken with no news.
    let later = device.store.agenda(today + Days::new(4), None, 50).expect("agenda");
    assert_eq!(later.due[0].row.debtor_id, debtors[10]);
    assert_eq!(later.due[0].row.priority.factors[0], Factor::PromiseBroken { days_ago: 0 });

    device.sync().await.expect("sync");
    let synced = device.store.agenda(today, None, 50).expect("agenda");
    assert!(
        synced.due.iter().chain(&synced.done).all(|r| r.row.pending == 0),
        "the summary follows the acknowledgement"
    );
}

#[tokio::test]
async fn the_route_visits_todays_accounts_nearest_first_and_is_shorter_than_priority_order() {
    // Ten accounts along a street, one hundredth of a degree (1.1 km) apart,
    // the first six out of their names' order.
    let world = World::with_debtors(10, |n, territory| {
        let i = n % 1_000_000;
        let k = [2, 5, 0, 3, 1, 4].get(i).copied().unwrap_or(i) as f64;
        let point = GeoPoint::new(19.40 + k * 0.01, -99.15).expect("point");
        let line = Label::parse(&format!("Calle {n}"), "dirección").expect("label");
        DebtorFields {
            addresses: vec![Address { line, point: (i != 9).then_some(point) }],
            do_not_visit: i == 8,
            ..campo_tests::debtor_fields(n, territory)
        }
    })
    .await;
    let device = world.synced_device("g1").await;
    let today = fixture_today();
    let debtors = world.fixture.debtors_of("g1");
    // Follow-ups due on six of them, and on the two that cannot be routed
    // (a call, on the one that may not be visited).
    for i in [0, 1, 2, 3, 4, 5, 9] {
        device.store.create(debtors[i], &visit_with_next_action(today)).expect("visit");
    }
    let yesterday = Utc::now() - TimeDelta::days(1);
    let call = Call::try_from(CallFields {
        number: Phone::parse("5512345678").expect("phone"),
        direction: Direction::Outbound,
        started_at: yesterday,
        duration_s: 30,
        zone: Zone::MEXICO_CITY,
        outcome: Outcome::NoAnswer,
        contact: Default::default(),
        notes: String::new(),
        next_action_on: Some(today),
    })
    .expect("call");
    device.store.create(debtors[8], &RecordBody::Call(call)).expect("call");
    assert_eq!(device.store.agenda(today, None, 50).expect("agenda").counts.follow_ups, 8);
    let gestor = GeoPoint::new(19.39, -99.15).expect("point");
    let route = device.store.route(today, Some(gestor)).expect("route");
    let order: Vec<DebtorId> = route.stops.iter().map(|s| s.row.debtor_id).collect();
    assert_eq!(order, [2, 4, 0, 3, 5, 1].map(|i| debtors[i]), "along the street from the gestor");
    assert_eq!(ids_of(&route.unplaced), vec![debtors[9]], "no coordinates: to place by hand");
    assert!(route.stops.iter().all(|s| s.leg_m.abs_diff(1112) <= 2), "{:?}", route.stops);
    assert_eq!(route.length_m, route.stops.iter().map(|s| s.leg_m).sum::<u32>());
    assert!(route.length_m < route.priority_length_m, "{} against {}", route.length_m, route.priority_length_m);
}

fn ids_of(rows: &[campo_device::portfolio::DebtorRow]) -> Vec<DebtorId> {
    rows.iter().map(|r| r.debtor_id).collect()
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
         INSERT INTO debtor_summary
             SELECT debtor_id, name, external_ref, search, territory_id, segment, currency, balance, overdue,
                    minimum_payment, overdue_since, zone, dispute, deceased, do_not_visit, promise_due_on,
                    promise_broken_on IS NOT NULL, next_action_on, last_activity_at, 0
             FROM now.debtor_summary;
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
        let a = d.store.agenda(today, None, 10).expect("agenda");
        let rows = a.due.iter().chain(&a.rest).map(|r| (r.row.debtor_id, r.row.priority.clone(), r.row.pending));
        (a.counts.clone(), rows.collect::<Vec<_>>())
    };
    assert_eq!(agenda(&upgraded), agenda(&device));
    assert_eq!(agenda(&upgraded).0.promises_due, 1, "the promise due today is still on the agenda");
}

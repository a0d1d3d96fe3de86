//! Concurrent writes: merged field by field, losing values kept for supervisors.

use campo_core::{
    DomainError, RecordBody, RecordKind, debtor::Debtor, ids::DebtorId, text::Phone, wire::RejectionCode,
};
use campo_device::{portfolio::PortfolioQuery, store::NoticeKind};
use campo_tests::{Device, World};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// The gestor adds a phone on the street.
fn add_phone(device: &Device, debtor: DebtorId, phone: &str) {
    let local = device.store.record(debtor.into()).expect("read").expect("account");
    let RecordBody::Debtor(account) = local.record.parse_body().expect("body") else { panic!("not a debtor") };
    let mut fields = account.into_fields();
    fields.phones.push(Phone::parse(phone).expect("phone"));
    device
        .store
        .save(debtor.into(), debtor, &RecordBody::Debtor(Debtor::try_from(fields).expect("valid")), false)
        .expect("saved");
}

fn body(record: &Value) -> Value {
    serde_json::from_str(&record["record"]["body"].to_string()).expect("json")
}

#[tokio::test]
async fn concurrent_edits_by_a_gestor_and_a_supervisor_merge_and_keep_the_losing_value() {
    let world = World::new(2).await;
    let sup = world.office("sup").await;
    let device = world.synced_device("g1").await;
    let debtor = world.fixture.debtors_of("g1")[0];

    // Different fields: both survive, no conflict.
    add_phone(&device, debtor, "5511112222");
    sup.patch_debtor(debtor, json!({ "dispute": true })).await;
    let report = device.sync().await.expect("sync");
    assert_eq!(report.pushed.merged, 1);
    let merged = body(&sup.get(&format!("/v1/records/{debtor}")).await);
    assert_eq!(merged["dispute"], true);
    assert_eq!(merged["phones"], json!(["5512345678", "5511112222"]));
    assert_eq!(sup.get("/v1/conflicts").await, json!([]));
    let disputed = PortfolioQuery { dispute: true, ..Default::default() };
    let listed = device.store.search(&disputed, chrono::Utc::now().date_naive()).expect("search");
    assert_eq!(
        listed.rows.iter().map(|r| (r.debtor_id, r.pending)).collect::<Vec<_>>(),
        [(debtor, 0)],
        "lists show the merge"
    );

    // The same list: the office's removals win over the numbers it saw, the
    // gestor's new number survives, and nothing is lost.
    add_phone(&device, debtor, "5533334444");
    sup.patch_debtor(debtor, json!({ "phones": ["5599990000"] })).await;
    device.sync().await.expect("sync");
    let current = body(&sup.get(&format!("/v1/records/{debtor}")).await);
    assert_eq!(current["phones"], json!(["5599990000", "5533334444"]));
    assert_eq!(sup.get("/v1/conflicts").await, json!([]));
    let history = sup.get(&format!("/v1/records/{debtor}/versions")).await;
    assert!(history.to_string().contains("5512345678"), "the removed numbers stay in the history");
    assert_eq!(
        body(&json!({ "record": device.store.record(debtor.into()).expect("read").expect("account").record })),
        current,
        "the device converges"
    );
}

#[tokio::test]
async fn numbers_two_phones_add_at_once_both_survive() {
    let world = World::new(1).await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let (first, second) = (world.synced_device("g1").await, world.synced_device("g1").await);
    add_phone(&first, debtor, "5511112222");
    add_phone(&second, debtor, "5533334444");
    first.sync().await.expect("sync");
    second.sync().await.expect("sync");
    first.sync().await.expect("sync");
    let sup = world.office("sup").await;
    let current = body(&sup.get(&format!("/v1/records/{debtor}")).await);
    assert_eq!(current["phones"], json!(["5512345678", "5533334444", "5511112222"]));
    assert_eq!(sup.get("/v1/conflicts").await, json!([]));
    for device in [&first, &second] {
        let local = device.store.record(debtor.into()).expect("read").expect("account");
        assert_eq!(body(&json!({ "record": local.record })), current, "both phones converge");
    }
}

#[tokio::test]
async fn a_delete_against_a_long_offline_edit_keeps_the_edit_and_notes_the_lost_delete() {
    let world = World::new(1).await;
    let sup = world.office("sup").await;
    let device = world.synced_device("g1").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let visit = device.visit(debtor, "primera versión");
    device.sync().await.expect("push the visit");

    device.edit_notes(visit, "corregida tras semanas sin señal");
    let current = sup.get(&format!("/v1/records/{visit}")).await;
    let (status, answer) = sup
        .call(Method::POST, &format!("/v1/records/{visit}/delete"), Some(json!({ "if_vv": current["record"]["vv"] })))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");

    device.sync().await.expect("sync");
    let after = sup.get(&format!("/v1/records/{visit}")).await;
    assert_eq!(after["record"]["deleted"], false, "an edit beats a delete");
    assert_eq!(body(&after)["notes"], "corregida tras semanas sin señal");
    let conflicts = sup.get("/v1/conflicts").await;
    assert_eq!(conflicts[0]["lost_delete"], true, "{conflicts}");
    assert_eq!(device.notes(visit).as_deref(), Some("corregida tras semanas sin señal"));
}

#[tokio::test]
async fn a_stale_office_write_is_refused_instead_of_creating_false_concurrency() {
    let world = World::new(1).await;
    let sup = world.office("sup").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let read = sup.get(&format!("/v1/records/{debtor}")).await;
    sup.patch_debtor(debtor, json!({ "dispute": true })).await;
    let (status, answer) = sup
        .call(
            Method::PATCH,
            &format!("/v1/debtors/{debtor}"),
            Some(json!({ "if_vv": read["record"]["vv"], "deceased": true })),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(answer["error"], "stale_version");
    assert_eq!(body(&sup.get(&format!("/v1/records/{debtor}")).await)["deceased"], false);
}

/// One run of a gestor/office race with every device time shifted by `days`.
async fn race_with_clock_off_by(days: i64) -> (Value, usize, Vec<String>) {
    let world = World::new(1).await;
    let sup = world.office("sup").await;
    let device = world.synced_device("g1").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let at = chrono::Utc::now() + chrono::Duration::days(days);
    let visit = device.store.create(debtor, &RecordBody::Visit(campo_tests::visit_body("visita", at))).expect("visit");
    device.sync().await.expect("sync");
    device.edit_notes(visit, "nota del gestor");
    add_phone(&device, debtor, "5511112222");
    sup.patch_debtor(debtor, json!({ "phones": ["5599990000"], "do_not_visit": true })).await;
    let report = device.sync().await.expect("sync");
    let account = body(&sup.get(&format!("/v1/records/{debtor}")).await);
    let conflicts = sup.get("/v1/conflicts").await;
    let lost = conflicts.as_array().expect("list").iter().map(|c| c["lost"].to_string()).collect();
    (
        json!({ "phones": account["phones"], "do_not_visit": account["do_not_visit"], "notes": device.notes(visit), "merged": report.pushed.merged }),
        conflicts.as_array().map_or(0, Vec::len),
        lost,
    )
}

#[tokio::test]
async fn device_clocks_off_by_days_change_no_outcome() {
    let on_time = race_with_clock_off_by(0).await;
    assert_eq!(race_with_clock_off_by(-3).await, on_time, "three days slow");
    assert_eq!(race_with_clock_off_by(4).await, on_time, "four days fast");
}

#[tokio::test]
async fn one_bad_record_of_a_hundred_comes_back_with_its_reason_and_the_others_land() {
    let world = World::new(1).await;
    let device = world.synced_device("g1").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let ids: Vec<_> = (0..100).map(|n| device.visit(debtor, &format!("visita {n}"))).collect();
    // As an older app version might have stored it: an outcome code since withdrawn.
    let conn = rusqlite::Connection::open(&device.path).expect("open device db");
    conn.execute(
        "UPDATE pending SET body = json_set(body, '$.outcome', 'left_message_with_neighbour') WHERE record_id = ?1",
        [ids[42].to_string()],
    )
    .expect("corrupt one");

    let report = device.sync().await.expect("sync");
    assert_eq!((report.pushed.accepted, report.pushed.rejected), (99, 1));
    assert_eq!(world.count("SELECT count(*) FROM records WHERE kind = 'visit'"), 99);
    let pending = device.store.pending().expect("pending");
    assert_eq!(pending.len(), 1, "the bad one stays on the device");
    let reason = pending[0].rejected.as_ref().expect("with its reason");
    assert_eq!(reason.code, RejectionCode::InvalidRecord);
    assert_eq!(
        reason.error,
        Some(DomainError::UnknownOutcome { value: "left_message_with_neighbour".into() }),
        "the domain error travels whole, for the app to word: {reason:?}"
    );
    let notices = device.store.notices().expect("notices");
    let told = notices.iter().find(|n| n.kind == NoticeKind::Rejected).expect("the gestor is told");
    assert_eq!(told.debtor_name.as_deref(), Some(debtor_name(&device, debtor).as_str()), "naming the debtor");
    assert_eq!((told.record_kind, told.reason.as_ref()), (Some(RecordKind::Visit), Some(reason)));

    let again = device.sync().await.expect("sync");
    assert_eq!(again.pushed.rejected, 0, "not resent until the gestor fixes it");
    assert_eq!(device.store.status().expect("status").rejected, 1, "and never dropped silently");

    // A device that refused it before notices were typed keeps what it knew.
    let upgraded = campo_tests::store_at_schema(
        &device,
        &world.dir.path().join("before-typed-notices.db"),
        8,
        "INSERT INTO session SELECT * FROM now.session;
         INSERT INTO records SELECT * FROM now.records;
         INSERT INTO pending SELECT record_id, debtor_id, kind, vv, base_vv, counter, deleted, body, saved_at,
                                    rejected_code, rejection ->> '$.message', due_on, status, started_at,
                                    next_action_on FROM now.pending;
         INSERT INTO notices SELECT id, at, kind, debtor_id, record_id, detail, seen FROM now.notices;",
    );
    let kept = upgraded.store.pending().expect("pending")[0].rejected.clone().expect("still refused");
    assert_eq!((kept.code, &kept.message, kept.error), (reason.code, &reason.message, None));
    let told = upgraded.store.notices().expect("notices");
    let told = told.iter().find(|n| n.kind == NoticeKind::Rejected).expect("still told");
    assert_eq!(told.debtor_name.as_deref(), Some(debtor_name(&device, debtor).as_str()));
    assert_eq!(told.reason.as_ref().map(|r| &r.message), Some(&reason.message));
}

fn debtor_name(device: &Device, debtor: DebtorId) -> String {
    device.store.debtors().expect("debtors").into_iter().find(|(id, _)| *id == debtor).expect("held").1.name.to_string()
}

#[tokio::test]
async fn an_edit_made_while_its_first_version_went_unanswered_merges_against_that_version() {
    let world = World::new(2).await;
    let sup = world.office("sup").await;
    let proxy = campo_tests::proxy::Proxy::start(world.server.addr).await;
    let device = world.device_via("g1", &proxy.url).await;
    device.sync().await.expect("first sync");
    let debtor = world.fixture.debtors_of("g1")[0];

    add_phone(&device, debtor, "5511112222");
    proxy.lose_answers(true);
    device.sync().await.expect_err("the answer is lost");
    proxy.lose_answers(false);
    // The gestor edits again while the first version waits for its answer,
    // and the supervisor edits another field of the version that landed.
    add_phone(&device, debtor, "5533334444");
    sup.patch_debtor(debtor, json!({ "dispute": true })).await;

    device.sync().await.expect("sync");
    let current = body(&sup.get(&format!("/v1/records/{debtor}")).await);
    assert_eq!(current["phones"], json!(["5512345678", "5511112222", "5533334444"]));
    assert_eq!(current["dispute"], true);
    assert_eq!(sup.get("/v1/conflicts").await, json!([]), "the common ancestor is the version that landed");
}

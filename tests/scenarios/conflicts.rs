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

/// A gestor's phone and tablet both change a visit's notes offline: the newer
/// install's notes win the merge and the other's are filed as lost.
async fn two_devices_race_on_a_visit(world: &World) -> (Device, Device, campo_core::ids::RecordId) {
    let debtor = world.fixture.debtors_of("g1")[0];
    let (phone, tablet) = (world.synced_device("g1").await, world.synced_device("g1").await);
    let visit = phone.visit(debtor, "primera nota");
    phone.sync().await.expect("push the visit");
    tablet.sync().await.expect("the tablet has it");
    phone.edit_notes(visit, "el deudor pagará el viernes");
    tablet.edit_notes(visit, "nadie en casa");
    phone.sync().await.expect("sync");
    tablet.sync().await.expect("sync");
    (phone, tablet, visit)
}

#[tokio::test]
async fn a_supervisor_takes_a_lost_value_back_and_both_devices_receive_it() {
    let world = World::new(1).await;
    let sup = world.office("sup").await;
    let (phone, tablet, visit) = two_devices_race_on_a_visit(&world).await;

    let open = sup.get("/v1/conflicts?open=true").await;
    let [conflict] = open.as_array().expect("list").as_slice() else { panic!("one conflict: {open}") };
    assert_eq!(conflict["record_id"], visit.to_string());
    assert_eq!(conflict["lost"], json!({ "notes": "el deudor pagará el viernes" }), "the phone lost the tie");
    assert_eq!((&conflict["gestor_name"], &conflict["settled"]), (&json!("Usuario g1"), &Value::Null));
    assert!(conflict["debtor_name"].as_str().is_some_and(|n| !n.is_empty()), "{conflict}");
    let id = conflict["id"].as_str().expect("id").to_owned();
    let detail = sup.get(&format!("/v1/conflicts/{id}")).await;
    assert_eq!(body(&json!({ "record": detail["current"] }))["notes"], "nadie en casa");
    let seen = detail["current"]["vv"].clone();
    let path = format!("/v1/conflicts/{id}/settle");
    let settle = |req: Value| sup.call(Method::POST, &path, Some(req));

    // Wrong settlements name what is wrong and change nothing.
    let (status, answer) = settle(json!({ "if_vv": {}, "take": ["notes"] })).await;
    assert_eq!((status, &answer["error"]), (StatusCode::CONFLICT, &json!("stale_version")), "{answer}");
    let (status, answer) = settle(json!({ "if_vv": seen, "take": ["outcome"] })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert!(answer["message"].as_str().is_some_and(|m| m.contains("outcome")), "{answer}");
    let (status, answer) = settle(json!({ "if_vv": seen, "delete": true })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "nothing deleted was lost: {answer}");
    assert_eq!(sup.get(&format!("/v1/records/{visit}")).await["record"]["vv"], seen, "untouched");
    assert_eq!(sup.get("/v1/conflicts?open=true").await.as_array().map(Vec::len), Some(1));

    let (status, settled) = settle(json!({ "if_vv": seen, "take": ["notes"] })).await;
    assert_eq!(status, StatusCode::OK, "{settled}");
    assert_eq!(body(&json!({ "record": settled["current"] }))["notes"], "el deudor pagará el viernes");
    let settlement = &settled["conflict"]["settled"];
    assert_eq!((&settlement["by"], &settlement["took"]), (&json!("Usuario sup"), &json!(["notes"])), "{settled}");
    assert_eq!(sup.get("/v1/conflicts?open=true").await, json!([]), "out of the queue");
    assert_eq!(sup.get("/v1/conflicts").await[0]["settled"], *settlement, "and in the full list, settled");
    let (status, answer) = settle(json!({ "if_vv": settled["current"]["vv"], "take": [] })).await;
    assert_eq!((status, &answer["error"]), (StatusCode::CONFLICT, &json!("stale_version")), "settled once: {answer}");
    assert_eq!(world.count("SELECT count(*) FROM audit WHERE action = 'conflict_settle'"), 1);

    for device in [&phone, &tablet] {
        device.sync().await.expect("sync");
        assert_eq!(device.notes(visit).as_deref(), Some("el deudor pagará el viernes"));
    }
}

#[tokio::test]
async fn keeping_the_merge_writes_nothing_and_another_teams_supervisor_sees_no_conflict() {
    let world = World::new(1).await;
    let sup = world.office("sup").await;
    let (_phone, _tablet, visit) = two_devices_race_on_a_visit(&world).await;
    let id = sup.get("/v1/conflicts").await[0]["id"].as_str().expect("id").to_owned();

    // A supervisor of another team: as if there were no such conflict.
    let (_, elsewhere) = campo_tests::add_territory(&*world.storage, "Otra", campo_core::money::Currency::MXN, "mx2");
    let admin = world.office("admin").await;
    admin.reassign(world.fixture.debtors_of("g1")[0], elsewhere).await;
    let (status, hidden) = sup.call(Method::GET, &format!("/v1/conflicts/{id}"), None).await;
    assert_eq!((status, &hidden["error"]), (StatusCode::NOT_FOUND, &json!("not_found")), "{hidden}");
    assert_eq!(sup.get("/v1/conflicts").await, json!([]));
    let before = admin.get(&format!("/v1/records/{visit}")).await["record"].clone();
    let (status, _) =
        sup.call(Method::POST, &format!("/v1/conflicts/{id}/settle"), Some(json!({ "if_vv": before["vv"] }))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, kept) =
        admin.call(Method::POST, &format!("/v1/conflicts/{id}/settle"), Some(json!({ "if_vv": before["vv"] }))).await;
    assert_eq!(status, StatusCode::OK, "{kept}");
    assert_eq!(kept["conflict"]["settled"]["took"], json!([]));
    assert_eq!(admin.get(&format!("/v1/records/{visit}")).await["record"], before, "the merge stands as it was");
}

#[tokio::test]
async fn a_lost_delete_can_be_carried_out_and_the_device_drops_the_record() {
    let world = World::new(1).await;
    let sup = world.office("sup").await;
    let device = world.synced_device("g1").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let visit = device.visit(debtor, "visita duplicada");
    device.sync().await.expect("push");
    device.edit_notes(visit, "visita duplicada, corregida");
    let current = sup.get(&format!("/v1/records/{visit}")).await;
    sup.call(Method::POST, &format!("/v1/records/{visit}/delete"), Some(json!({ "if_vv": current["record"]["vv"] })))
        .await;
    device.sync().await.expect("sync");

    let conflict = sup.get("/v1/conflicts?open=true").await[0].clone();
    assert_eq!(conflict["lost_delete"], true, "{conflict}");
    let detail = sup.get(&format!("/v1/conflicts/{}", conflict["id"].as_str().expect("id"))).await;
    let both = json!({ "if_vv": detail["current"]["vv"], "delete": true, "take": ["notes"] });
    let path = format!("/v1/conflicts/{}/settle", conflict["id"].as_str().expect("id"));
    let (status, answer) = sup.call(Method::POST, &path, Some(both)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "delete or take back, not both: {answer}");
    let (status, settled) = sup
        .call(
            Method::POST,
            &format!("/v1/conflicts/{}/settle", conflict["id"].as_str().expect("id")),
            Some(json!({ "if_vv": detail["current"]["vv"], "delete": true })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{settled}");
    assert_eq!(settled["current"]["deleted"], true);
    assert_eq!(settled["conflict"]["settled"]["deleted"], true);
    device.sync().await.expect("sync");
    let local = device.store.record(visit).expect("read").expect("kept as a tombstone");
    assert!(local.record.deleted, "deleted on the device too");
    let history = sup.get(&format!("/v1/records/{visit}/versions")).await;
    assert!(history.to_string().contains("visita duplicada, corregida"), "and kept in the history");
}

#[tokio::test]
async fn taking_a_value_back_into_a_record_deleted_since_leaves_it_deleted() {
    let world = World::new(1).await;
    let sup = world.office("sup").await;
    let (_phone, _tablet, visit) = two_devices_race_on_a_visit(&world).await;
    let id = sup.get("/v1/conflicts").await[0]["id"].as_str().expect("id").to_owned();
    let current = sup.get(&format!("/v1/records/{visit}")).await;
    sup.call(Method::POST, &format!("/v1/records/{visit}/delete"), Some(json!({ "if_vv": current["record"]["vv"] })))
        .await;
    let detail = sup.get(&format!("/v1/conflicts/{id}")).await;
    assert_eq!(detail["takeable"], json!(["notes"]));
    let take = json!({ "if_vv": detail["current"]["vv"], "take": ["notes"] });
    let (status, settled) = sup.call(Method::POST, &format!("/v1/conflicts/{id}/settle"), Some(take)).await;
    assert_eq!(status, StatusCode::OK, "{settled}");
    assert_eq!(
        (&settled["current"]["deleted"], &body(&json!({ "record": settled["current"] }))["notes"]),
        (&json!(true), &json!("el deudor pagará el viernes"))
    );
}

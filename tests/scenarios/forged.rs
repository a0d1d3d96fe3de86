//! A hostile client with a real token: forged versions are refused and
//! stored nowhere, so the office's writes can never be silently overridden.

use campo_core::ids::{RecordId, ReplicaId};
use campo_tests::{Office, World, raw_push};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn office_replica(world: &World) -> ReplicaId {
    world.query::<String>("SELECT id FROM replicas WHERE office = 1", []).parse().expect("replica id")
}

fn stored(world: &World) -> i64 {
    world.count("SELECT (SELECT count(*) FROM versions) + (SELECT sum(seq) FROM records)")
}

async fn current(office: &Office, id: impl std::fmt::Display) -> Value {
    office.get(&format!("/v1/records/{id}")).await["record"].clone()
}

#[tokio::test]
async fn a_vector_claiming_writes_the_server_never_issued_is_refused_and_the_office_keeps_its_say() {
    let world = World::new(1).await;
    let sup = world.office("sup").await;
    let device = world.synced_device("g1").await;
    // The gestor's second phone, in hostile hands.
    let (token, replica) = world.device("g1").await.credentials();
    let debtor = world.fixture.debtors_of("g1")[0];
    let office = office_replica(&world);
    let account = current(&sup, debtor).await;
    let mut body: Value = serde_json::from_str(&account["body"].to_string()).expect("body");
    body["phones"] = json!(["5512345678", "5500001111"]);

    // An invented counter for the server's replica, in the base and so in the version.
    let forged_base = json!({ office.to_string(): 1_000_000_000_000u64 });
    let mut forged_vv = forged_base.clone();
    forged_vv[replica.to_string()] = json!(1);
    // A base naming a version that exists nowhere, though each entry looks plausible.
    let mut unknown_base = account["vv"].clone();
    unknown_base[office.to_string()] = json!(account["vv"][office.to_string()].as_u64().expect("counter") + 5);
    let mut unknown_vv = unknown_base.clone();
    unknown_vv[replica.to_string()] = json!(2);
    // A version that advances the server's entry beyond its base.
    let mut advanced_vv = account["vv"].clone();
    advanced_vv[office.to_string()] = json!(1_000_000_000_000u64);
    advanced_vv[replica.to_string()] = json!(3);

    let before = stored(&world);
    for (what, base, vv) in [
        ("forged base", forged_base, forged_vv),
        ("unknown base", unknown_base, unknown_vv),
        ("advances another entry", account["vv"].clone(), advanced_vv),
    ] {
        let record =
            json!({ "id": debtor, "debtor_id": debtor, "kind": "debtor", "vv": vv, "deleted": false, "body": body });
        let batch = json!({ "replica_clock": 3, "records": [{ "record": record, "base_vv": base }] });
        let (status, answer) =
            raw_push(&world.server.url, &token, Some(&uuid::Uuid::now_v7().to_string()), batch.to_string().into())
                .await;
        assert_eq!(status, StatusCode::OK, "{what}: {answer}");
        assert_eq!(answer["results"][0]["outcome"]["rejected"]["reason"]["code"], "invalid_record", "{what}: {answer}");
    }
    assert_eq!(stored(&world), before, "no version, no feed position");

    // The supervisor's flag is a new version, and the device cannot take it back.
    let read = current(&sup, debtor).await;
    let answer = sup.patch_debtor(debtor, json!({ "dispute": true })).await;
    assert_ne!(answer["record"]["vv"], read["vv"], "a new version");
    device.sync().await.expect("sync");
    let body: Value = serde_json::from_str(&current(&sup, debtor).await["body"].to_string()).expect("body");
    assert_eq!(body["dispute"], true);
    let history = sup.get(&format!("/v1/records/{debtor}/versions")).await;
    assert!(history.as_array().expect("list").iter().any(|v| v["record"]["body"]["dispute"] == true));
}

#[tokio::test]
async fn a_supervisors_delete_is_in_the_history_with_who_made_it() {
    let world = World::new(1).await;
    let sup = world.office("sup").await;
    let device = world.synced_device("g1").await;
    let visit = device.visit(world.fixture.debtors_of("g1")[0], "visita");
    device.sync().await.expect("sync");
    let read = current(&sup, visit).await;
    let (status, answer) =
        sup.call(Method::POST, &format!("/v1/records/{visit}/delete"), Some(json!({ "if_vv": read["vv"] }))).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let history = sup.get(&format!("/v1/records/{visit}/versions")).await;
    let last = history.as_array().and_then(|h| h.last()).expect("versions");
    assert_eq!((last["record"]["deleted"].as_bool(), last["office"].as_bool()), (Some(true), Some(true)), "{history}");
    let sup_id = world.query::<String>("SELECT id FROM users WHERE login = 'sup'", []);
    assert_eq!(last["user"], sup_id.as_str());
    device.sync().await.expect("sync");
    assert!(device.store.record(visit).expect("read").is_none_or(|r| r.record.deleted), "the device hears of it");
}

#[tokio::test]
async fn a_gestor_signed_in_without_a_device_pulls_the_whole_portfolio() {
    let world = World::new(3).await;
    let device = world.synced_device("g1").await;
    device.visit(world.fixture.debtors_of("g1")[0], "visita");
    device.sync().await.expect("push");
    let console = world.office("g1").await;
    let page = console.get("/v1/sync/pull?cursor=0").await;
    let records = page["items"].as_array().expect("items").iter().filter(|i| i.get("record").is_some()).count();
    let g1 = world.fixture.gestor("g1");
    assert_eq!(records as i64, world.count(&format!("SELECT count(*) FROM records WHERE owner_id = '{g1}'")));
    assert_eq!(records, 4, "three accounts and the visit the gestor's phone pushed");
}

#[tokio::test]
async fn a_gestor_the_debtor_left_learns_nothing_of_later_writes_by_pushing_an_old_record_again() {
    let world = World::new(1).await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let old = world.synced_device("g1").await;
    let visit = old.visit(debtor, "visita de g1");
    old.sync().await.expect("sync");
    let sent = old.store.record(visit).expect("read").expect("visit").record;
    world.office("coord").await.reassign(debtor, world.fixture.gestor("g2")).await;
    let new = world.synced_device("g2").await;
    new.edit_notes(visit, "nota privada de g2");
    new.sync().await.expect("sync");

    let (token, _) = old.credentials();
    let clock: u64 = rusqlite::Connection::open(&old.path)
        .and_then(|c| c.query_row("SELECT counter FROM clock", [], |r| r.get(0)))
        .expect("clock");
    let batch = json!({ "replica_clock": clock, "records": [{ "record": sent, "base_vv": {} }] });
    let (status, answer) = raw_push(&world.server.url, &token, Some("again"), batch.to_string().into()).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let result = &answer["results"][0];
    assert_eq!(result["after_reassignment"], true, "{answer}");
    assert!(!answer.to_string().contains("nota privada de g2"), "the new gestor's notes do not leak: {answer}");
    assert_eq!(new.notes(visit).as_deref(), Some("nota privada de g2"), "and stand");
}

#[tokio::test]
async fn a_refused_push_claiming_a_huge_clock_does_not_make_the_real_phone_look_restored() {
    let world = World::new(1).await;
    let device = world.synced_device("g1").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    device.visit(debtor, "antes");
    device.sync().await.expect("sync");

    let (token, replica) = device.credentials();
    let forged = json!({
        "record": { "id": RecordId::generate(), "debtor_id": debtor, "kind": "visit",
                    "vv": { replica.to_string(): 1u64 << 60, ReplicaId::generate().to_string(): 9 },
                    "deleted": false, "body": campo_tests::visit_body("falsa", chrono::Utc::now()) },
        "base_vv": {},
    });
    let batch = json!({ "replica_clock": 1u64 << 60, "records": [forged] });
    let (status, answer) = raw_push(&world.server.url, &token, Some("huge"), batch.to_string().into()).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(answer["results"][0]["outcome"].get("rejected").is_some(), "{answer}");

    device.visit(debtor, "después");
    let report = device.sync().await.expect("the phone is not taken for a restored one");
    assert_eq!(report.pushed.accepted, 1);
}

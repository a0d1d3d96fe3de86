//! The evidence a visit carries over real HTTP: where its position came from
//! and how far it was from the account's address, and how far the device's
//! clock was from the server's when it pushed (the times a record states are
//! the device's).

use campo_core::{
    RecordBody,
    activity::VisitFields,
    debtor::{Address, DebtorFields},
    geo::{GeoPoint, Position},
    text::Label,
    wire::{DEVICE_TIME_HEADER, IDEMPOTENCY_HEADER, PROTOCOL_HEADER, PROTOCOL_VERSION},
};
use campo_tests::{World, debtor_fields, visit_body};
use serde_json::{Value, json};

fn at_home(n: usize, territory: campo_core::ids::TerritoryId) -> DebtorFields {
    let home = Address {
        line: Label::parse("Av. Juárez 10, Centro, CDMX", "dirección").expect("label"),
        point: Some(GeoPoint::new(19.4330, -99.1335).expect("point")),
    };
    DebtorFields { addresses: vec![home], ..debtor_fields(n, territory) }
}

/// The supervisor's row for record `id`.
async fn row(world: &World, id: impl ToString) -> Value {
    let rows = world.office("sup").await.get("/v1/activities").await;
    let id = id.to_string();
    rows.as_array().expect("rows").iter().find(|r| r["record"]["id"] == id).cloned().expect("listed")
}

#[tokio::test]
async fn a_visit_keeps_where_its_position_came_from_and_how_far_it_was_from_the_address() {
    let world = World::with_debtors(1, at_home).await;
    let device = world.synced_device("g1").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let typed = Position::new(GeoPoint::new(19.4326, -99.1332).expect("point"), 20.0).expect("position").typed();
    let fixed_at = chrono::Utc::now() - chrono::Duration::seconds(40);
    let from_phone =
        Position::new(GeoPoint::new(19.4270, -99.1677).expect("point"), 8.0).expect("position").from_device(fixed_at);
    let visit = |position| {
        let fields = VisitFields { position: Some(position), ..visit_body("", chrono::Utc::now()).into_fields() };
        RecordBody::Visit(campo_core::activity::Visit::try_from(fields).expect("visit"))
    };
    let near = device.store.create(debtor, &visit(typed)).expect("typed");
    let far = device.store.create(debtor, &visit(from_phone)).expect("from the phone");
    device.sync().await.expect("sync");

    let near = row(&world, near).await;
    assert_eq!(near["record"]["body"]["position"]["source"], "typed", "a typed position says so");
    assert_eq!(near["record"]["body"]["distance_m"], 54, "measured by the device against the address");
    let far = row(&world, far).await;
    assert_eq!(far["record"]["body"]["position"]["source"], "device");
    let fixed: chrono::DateTime<chrono::Utc> =
        far["record"]["body"]["position"]["fixed_at"].as_str().expect("fix time").parse().expect("instant");
    assert_eq!(fixed, fixed_at, "the fix's age stays evidence");
    let metres = far["record"]["body"]["distance_m"].as_u64().expect("a distance");
    assert!((3_600..3_700).contains(&metres), "the Ángel is 3.6 km from the Zócalo: {metres}");
}

#[tokio::test]
async fn a_device_clock_far_from_the_servers_is_kept_with_each_record_and_flagged() {
    let world = World::new(1).await;
    let device = world.synced_device("g1").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let on_time = device.visit(debtor, "reloj bien");
    device.sync().await.expect("sync");
    let kept = row(&world, on_time).await;
    let skew = kept["clock_skew_s"].as_i64().expect("the device said its time");
    assert!(skew.abs() <= 5, "the same machine's clock: {skew}");
    let received: chrono::DateTime<chrono::Utc> =
        kept["received_at"].as_str().expect("received").parse().expect("time");
    assert!(chrono::Utc::now() - received < chrono::Duration::minutes(1), "{received}");

    // A phone whose clock runs 20 minutes slow pushes a visit.
    let (token, replica) = world.device("g1").await.credentials();
    let id = campo_core::ids::RecordId::generate();
    let slow = chrono::Utc::now() - chrono::Duration::minutes(20);
    let record = json!({ "id": id, "debtor_id": debtor, "kind": "visit", "vv": { replica.to_string(): 1 },
                         "deleted": false, "body": visit_body("reloj atrasado", slow) });
    let batch = json!({ "replica_clock": 1, "records": [{ "record": record, "base_vv": {} }] });
    let response = reqwest::Client::new()
        .post(format!("{}/v1/sync/push", world.server.url))
        .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
        .header(IDEMPOTENCY_HEADER, "slow-clock")
        .header(DEVICE_TIME_HEADER, slow.to_rfc3339())
        .bearer_auth(token)
        .json(&batch)
        .send()
        .await
        .expect("push");
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    let flagged = row(&world, id).await;
    let skew = flagged["clock_skew_s"].as_i64().expect("skew");
    assert!((1_195..=1_210).contains(&skew), "20 minutes behind: {skew}");
    let typed: campo_core::wire::ActivityRow = serde_json::from_value(flagged).expect("a row");
    assert!(typed.clock_flagged());
}

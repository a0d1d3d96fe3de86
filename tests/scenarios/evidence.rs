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
use reqwest::{Method, StatusCode};
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
    let rows = world.office("sup").await.get("/v1/activities").await["rows"].clone();
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
    assert_eq!(flagged["flags"], json!([{ "flag": "clock_skew", "skew_s": skew }]), "{flagged}");
}

/// A made-up JPEG of `size` bytes: its first bytes say JPEG, the rest vary.
fn jpeg(size: usize, seed: u8) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    bytes.extend((0..size - 4).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)));
    bytes
}

fn visit_with(photos: Vec<campo_core::blob::Photo>) -> RecordBody {
    let fields = VisitFields { photos, ..visit_body("foto de la fachada", chrono::Utc::now()).into_fields() };
    RecordBody::Visit(campo_core::activity::Visit::try_from(fields).expect("visit"))
}

#[tokio::test]
async fn a_photo_taken_offline_follows_its_visit_resumes_after_a_lost_connection_and_is_sent_once() {
    let world = World::new(2).await;
    let proxy = campo_tests::proxy::Proxy::start(world.server.addr).await;
    let device = world.device_via("g1", &proxy.url).await;
    device.sync().await.expect("first sync");
    let debtor = world.fixture.debtors_of("g1")[0];

    // Offline, a visit with a photo of three chunks; meanwhile the debtor moves to g2.
    let bytes = jpeg(700_000, 7);
    let photo = device.store.attach_photo(&bytes).expect("attached");
    assert_eq!(device.store.attach_photo(&bytes).expect("again").blob, photo.blob, "kept once");
    device.store.create(debtor, &visit_with(vec![photo.clone()])).expect("visit saved");
    assert_eq!(device.store.status().expect("status").photos_waiting, 1);
    world.office("coord").await.reassign(debtor, world.fixture.gestor("g2")).await;

    // Signal drops as the visit lands: the server keeps it, the device never hears.
    proxy.lose_answers(true);
    device.sync().await.expect_err("the answer is lost");
    proxy.lose_answers(false);
    // The first chunk reached the server before the connection died.
    let client = device.client();
    let (held, _) = client.put_photo(&photo.blob, 0, bytes[..256 * 1024].to_vec()).await.expect("one chunk");
    assert_eq!((held.received, held.complete), (256 * 1024, false));

    let report = device.sync().await.expect("sync");
    assert_eq!(report.photos, 1, "{report:?}");
    assert!(report.bytes_sent < 600_000, "the rest of the photo, not all of it again: {}", report.bytes_sent);
    assert_eq!(device.store.status().expect("status").photos_waiting, 0);
    // The supervisor of the debtor's new gestor sees the photo, byte for byte.
    let sup = world.office("sup").await;
    let served = reqwest::Client::new()
        .get(format!("{}/v1/photos/{}", world.server.url, photo.blob))
        .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
        .bearer_auth(&sup.token)
        .send()
        .await
        .expect("photo");
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    assert!(served.bytes().await.expect("bytes") == bytes, "the bytes the gestor took");
    assert_eq!(world.count("SELECT count(*) FROM blobs"), 1);

    // Nothing goes twice: not on the next sync, not the same photo on another visit.
    assert_eq!(device.sync().await.expect("sync").photos, 0);
    let again = device.store.attach_photo(&bytes).expect("the same photo");
    device.store.create(world.fixture.debtors_of("g1")[1], &visit_with(vec![again])).expect("another visit");
    let report = device.sync().await.expect("sync");
    assert_eq!((report.photos, report.pushed.accepted), (0, 1), "the server holds it already: {report:?}");
    assert_eq!(device.store.status().expect("status").photos_waiting, 0);
}

#[tokio::test]
async fn only_the_gestor_who_took_a_photo_uploads_it_and_only_those_who_see_its_visit_read_it() {
    let world = World::new(1).await;
    let device = world.synced_device("g1").await;
    let bytes = jpeg(1_000, 3);
    let photo = device.store.attach_photo(&bytes).expect("attached");
    device.store.create(world.fixture.debtors_of("g1")[0], &visit_with(vec![photo.clone()])).expect("visit");
    device.sync().await.expect("sync");

    let stranger = world.synced_device("g2").await.client();
    let refused = stranger.put_photo(&photo.blob, 0, bytes.clone()).await.expect_err("not g2's visit");
    assert!(
        matches!(refused, campo_device::DeviceError::Server { code: campo_core::wire::ErrorCode::NotFound, .. }),
        "{refused:?}"
    );
    let forged = jpeg(1_000, 4);
    let bad = device
        .client()
        .put_photo(&campo_core::blob::BlobId::of(&forged), 0, forged)
        .await
        .expect_err("no visit names it");
    assert!(
        matches!(bad, campo_device::DeviceError::Server { code: campo_core::wire::ErrorCode::NotFound, .. }),
        "{bad:?}"
    );
    let (stranger_token, _) = world.device("g2").await.credentials();
    let (status, _) =
        campo_tests::raw_get(&world.server.url, &stranger_token, &format!("/v1/photos/{}", photo.blob)).await;
    assert_eq!(status, reqwest::StatusCode::NOT_FOUND, "g2 does not see g1's visit");
}

#[tokio::test]
async fn a_photo_whose_bytes_are_not_what_its_visit_declares_is_refused_and_stops_no_sync() {
    let world = World::new(1).await;
    let device = world.synced_device("g1").await;
    let bytes = jpeg(2_000, 9);
    let attached = device.store.attach_photo(&bytes).expect("attached");
    // A client that declares the JPEG a PNG.
    let declared = campo_core::blob::Photo { image: campo_core::blob::ImageType::Png, ..attached };
    device.store.create(world.fixture.debtors_of("g1")[0], &visit_with(vec![declared])).expect("visit");
    let report = device.sync().await.expect("the sync goes on");
    assert_eq!((report.pushed.accepted, report.photos), (1, 0));
    assert_eq!(world.count("SELECT count(*) FROM blobs"), 0, "nothing kept");
    assert_eq!(device.store.status().expect("status").photos_waiting, 1, "still counted, never dropped silently");
}

#[tokio::test]
async fn a_photo_taken_on_another_device_comes_from_the_server_once_and_is_kept_for_offline() {
    let mut world = World::new(1).await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let (first, second) = (world.synced_device("g1").await, world.synced_device("g1").await);
    let bytes = jpeg(5_000, 11);
    let photo = first.store.attach_photo(&bytes).expect("attached");
    first.store.create(debtor, &visit_with(vec![photo.clone()])).expect("visit");
    first.sync().await.expect("sync");
    second.sync().await.expect("sync");
    assert_eq!(second.store.photo(&photo.blob).expect("read"), None, "not on this device yet");

    let (_, shown) = campo_device::app::photo(&second.store, photo.blob.clone()).await.expect("from the server");
    assert!(shown == bytes);
    assert_eq!(second.store.status().expect("status").photos_waiting, 0, "not this device's to send");
    world.server.stop().await;
    let (_, offline) = campo_device::app::photo(&second.store, photo.blob.clone()).await.expect("kept");
    assert!(offline == bytes, "shown offline from then on");
}

#[tokio::test]
async fn the_log_flags_a_far_typed_visit_and_the_fourth_contact_of_a_week_and_the_detail_shows_them_with_the_timeline()
{
    let world = World::with_debtors(1, at_home).await;
    let device = world.synced_device("g1").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    // Typed at the Ángel, 3.6 km from the address on the Zócalo.
    let typed = Position::new(GeoPoint::new(19.4270, -99.1677).expect("point"), 15.0).expect("position").typed();
    let fields = VisitFields { position: Some(typed), ..visit_body("desde lejos", chrono::Utc::now()).into_fields() };
    let far = device.store.create(debtor, &RecordBody::Visit(fields.try_into().expect("visit"))).expect("saved");
    let third = [device.visit(debtor, "segunda"), device.visit(debtor, "tercera")][1];
    let fourth = device.visit(debtor, "cuarta");
    device.sync().await.expect("sync");

    let flags =
        |row: &Value| row["flags"].as_array().expect("flags").iter().map(|f| f["flag"].clone()).collect::<Vec<_>>();
    let far_row = row(&world, far).await;
    assert_eq!(flags(&far_row), [json!("far_from_address"), json!("typed_position")], "{far_row}");
    assert_eq!(far_row["flags"][0]["threshold_m"], 300, "the policy's default");
    let metres = far_row["flags"][0]["distance_m"].as_u64().expect("a distance");
    assert!((3_600..3_700).contains(&metres), "{metres}");
    assert_eq!(flags(&row(&world, third).await), Vec::<Value>::new(), "three in a week pass");
    let fourth_row = row(&world, fourth).await;
    assert_eq!(fourth_row["flags"], json!([{ "flag": "many_contacts", "attempts": 4, "days": 7 }]));

    // The detail: the same flags, the account's address, and every record
    // on the account with who wrote it, a review included.
    let sup = world.office("sup").await;
    let review = json!({ "target": far, "verdict": "questioned", "comment": "¿por qué tan lejos?" });
    let (status, answer) = sup.call(Method::POST, "/v1/reviews", Some(review)).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let detail = sup.get(&format!("/v1/activities/{far}")).await;
    assert_eq!(detail["row"]["flags"], far_row["flags"]);
    assert_eq!(detail["row"]["reviewed"], true);
    assert_eq!(detail["debtor"]["addresses"][0]["point"], json!({ "lat": 19.4330, "lon": -99.1335 }));
    let timeline = detail["timeline"].as_array().expect("a timeline");
    let kinds: Vec<&str> = timeline.iter().map(|t| t["record"]["kind"].as_str().expect("kind")).collect();
    assert_eq!(kinds, ["review", "visit", "visit", "visit", "visit"], "newest first");
    assert_eq!(
        (&timeline[0]["author_name"], &timeline[1]["author_name"]),
        (&json!("Usuario sup"), &json!("Usuario g1"))
    );

    // Another team's visit is not there for this supervisor, exactly as a
    // record that does not exist.
    let (_, elsewhere) = campo_tests::add_territory(&*world.storage, "Otra", campo_core::money::Currency::MXN, "mx2");
    world.office("admin").await.reassign(debtor, elsewhere).await;
    let theirs = world.synced_device("mx2").await;
    let visit = theirs.visit(debtor, "otro equipo");
    theirs.sync().await.expect("sync");
    let (status, hidden) = sup.call(Method::GET, &format!("/v1/activities/{visit}"), None).await;
    let nowhere = campo_core::ids::RecordId::generate();
    let (missing_status, missing) = sup.call(Method::GET, &format!("/v1/activities/{nowhere}"), None).await;
    assert_eq!((status, &hidden["error"]), (StatusCode::NOT_FOUND, &json!("not_found")), "{hidden}");
    assert_eq!((missing_status, &missing), (status, &hidden), "nothing tells the two apart");
    assert_eq!(
        world.office("admin").await.get(&format!("/v1/activities/{visit}")).await["row"]["gestor_name"],
        "Usuario mx2"
    );
}

#[tokio::test]
async fn a_gestors_day_lists_their_visits_in_order_with_positions_and_addresses_for_the_map() {
    let world = World::with_debtors(2, at_home).await;
    let device = world.synced_device("g1").await;
    let [first, second] = world.fixture.debtors_of("g1")[..] else { panic!("two debtors") };
    // Both visits on one local day, whatever the hour the test runs at:
    // just after midnight, the day before.
    let zone = campo_core::zone::Zone::MEXICO_CITY;
    let local = zone.local(chrono::Utc::now());
    let since_midnight = i64::from(chrono::Timelike::hour(&local) * 60 + chrono::Timelike::minute(&local));
    let now = chrono::Utc::now() - chrono::Duration::minutes(if since_midnight < 60 { since_midnight + 5 } else { 0 });
    let at = |minutes_ago: i64, point: GeoPoint| {
        let started_at = now - chrono::Duration::minutes(minutes_ago);
        let position = Position::new(point, 10.0).expect("position").from_device(started_at);
        VisitFields { position: Some(position), ..visit_body("visita del día", started_at).into_fields() }
    };
    let later = device
        .store
        .create(
            second,
            &RecordBody::Visit(at(5, GeoPoint::new(19.4331, -99.1336).expect("p")).try_into().expect("visit")),
        )
        .expect("saved");
    let earlier = device
        .store
        .create(
            first,
            &RecordBody::Visit(at(50, GeoPoint::new(19.4300, -99.1300).expect("p")).try_into().expect("visit")),
        )
        .expect("saved");
    let yesterday = visit_body("ayer", now - chrono::Duration::days(1));
    device.store.create(first, &RecordBody::Visit(yesterday)).expect("saved");
    device.sync().await.expect("sync");

    let sup = world.office("sup").await;
    let g1 = world.fixture.gestor("g1");
    let today = zone.local(now).date();
    let map = sup.get(&format!("/v1/days?gestor={g1}&day={today}")).await;
    let ids: Vec<&Value> = map["stops"].as_array().expect("stops").iter().map(|s| &s["record_id"]).collect();
    assert_eq!(ids, [&json!(earlier.to_string()), &json!(later.to_string())], "first to last, not yesterday's");
    assert_eq!(map["stops"][0]["position"]["point"], json!({ "lat": 19.43, "lon": -99.13 }));
    assert_eq!(map["stops"][0]["addresses"], json!([{ "lat": 19.4330, "lon": -99.1335 }]));
    let empty = sup.get(&format!("/v1/days?gestor={g1}&day={}", today + chrono::Days::new(3))).await;
    assert_eq!(empty["stops"], json!([]));
    let (_, elsewhere) = campo_tests::add_territory(&*world.storage, "Otra", campo_core::money::Currency::MXN, "mx2");
    let (status, _) = sup.call(Method::GET, &format!("/v1/days?gestor={elsewhere}&day={today}"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another team's gestor");
}

//! Bad input gets a clear error naming what is wrong, and stores nothing.

use campo_core::{
    RecordBody,
    ids::{RecordId, ReplicaId},
    wire::{FeedItem, MAX_BODY_BYTES, PullQuery},
};
use campo_sync_server::{Storage, office};
use campo_tests::{World, visit_body};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn push(world: &World, token: &str, key: Option<&str>, body: Vec<u8>) -> (StatusCode, Value) {
    campo_tests::raw_push(&world.server.url, token, key, body).await
}

/// A well-formed visit for `debtor` written by `replica` as its write `counter`.
fn visit(debtor: impl ToString, replica: ReplicaId, counter: u64) -> Value {
    json!({
        "record": {
            "id": RecordId::generate(),
            "debtor_id": debtor.to_string(),
            "kind": "visit",
            "vv": { replica.to_string(): counter },
            "deleted": false,
            "body": visit_body("visita", chrono::Utc::now()),
        },
        "base_vv": {},
    })
}

#[tokio::test]
async fn malformed_oversized_mistyped_and_unknown_input_is_refused_and_nothing_is_stored() {
    let world = World::new(1).await;
    let device = world.device("g1").await;
    let (token, replica) = device.credentials();
    let debtor = world.fixture.debtors_of("g1")[0];
    let stored = || {
        world.count("SELECT (SELECT count(*) FROM records) + (SELECT count(*) FROM versions) + (SELECT count(*) FROM idempotency)")
    };
    let before = stored();

    let cases: Vec<(&str, Vec<u8>, StatusCode, &str, &str)> = vec![
        ("malformed JSON", b"{\"replica_clock\": 1, \"records\": [".to_vec(), StatusCode::BAD_REQUEST, "malformed_request", "EOF"),
        ("wrong type", br#"{"replica_clock": "uno", "records": []}"#.to_vec(), StatusCode::BAD_REQUEST, "malformed_request", "replica_clock"),
        ("unknown field", br#"{"replica_clock": 1, "records": [], "priority": "alta"}"#.to_vec(), StatusCode::BAD_REQUEST, "malformed_request", "priority"),
        (
            "too many records",
            serde_json::to_vec(&json!({ "replica_clock": 2000, "records": (1..=1001).map(|n| visit(debtor, replica, n)).collect::<Vec<_>>() })).expect("json"),
            StatusCode::PAYLOAD_TOO_LARGE,
            "batch_too_large",
            "1001",
        ),
        ("too many bytes", vec![b' '; MAX_BODY_BYTES + 1], StatusCode::PAYLOAD_TOO_LARGE, "batch_too_large", "MiB"),
    ];
    for (what, body, status, code, names) in cases {
        let (got, answer) = push(&world, &token, Some(&uuid::Uuid::now_v7().to_string()), body).await;
        assert_eq!(got, status, "{what}: {answer}");
        assert_eq!(answer["error"], code, "{what}");
        assert!(
            answer["message"].as_str().is_some_and(|m| m.contains(names)),
            "{what}: the message names the fault: {answer}"
        );
    }
    let (got, answer) = push(&world, &token, None, br#"{"replica_clock": 0, "records": []}"#.to_vec()).await;
    assert_eq!(
        (got, answer["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("malformed_request")),
        "no idempotency key"
    );
    assert_eq!(stored(), before, "nothing stored");
}

#[tokio::test]
async fn another_gestors_debtor_is_refused_per_record_and_invisible() {
    let world = World::new(1).await;
    let device = world.device("g1").await;
    let (token, replica) = device.credentials();
    let theirs = world.fixture.debtors_of("g2")[0];
    let mine = world.fixture.debtors_of("g1")[0];
    let mut bad_body = visit(mine, replica, 2);
    bad_body["record"]["body"]["mood"] = json!("tenso");
    let batch =
        json!({ "replica_clock": 3, "records": [visit(theirs, replica, 1), bad_body, visit(mine, replica, 3)] });
    let (status, answer) = push(&world, &token, Some("k1"), serde_json::to_vec(&batch).expect("json")).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let results = answer["results"].as_array().expect("results");
    assert_eq!(results[0]["outcome"]["rejected"]["reason"]["code"], "not_found", "{answer}");
    assert_eq!(results[1]["outcome"]["rejected"]["reason"]["code"], "invalid_record");
    assert!(results[1]["outcome"]["rejected"]["reason"]["message"].as_str().is_some_and(|m| m.contains("mood")));
    assert_eq!(results[2]["outcome"], "accepted");
    assert_eq!(
        world.count(&format!("SELECT count(*) FROM records WHERE debtor_id = '{theirs}' AND kind = 'visit'")),
        0
    );
    assert_eq!(world.count("SELECT count(*) FROM records WHERE kind = 'visit'"), 1);

    for path in [format!("/v1/records/{theirs}"), format!("/v1/records/{}", RecordId::generate())] {
        let (status, _) = campo_tests::raw_get(&world.server.url, &token, &path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "another's debtor and a missing id look the same");
    }
}

#[tokio::test]
async fn a_reused_idempotency_key_with_another_body_is_refused() {
    let world = World::new(1).await;
    let device = world.device("g1").await;
    let (token, replica) = device.credentials();
    let debtor = world.fixture.debtors_of("g1")[0];
    let first = json!({ "replica_clock": 1, "records": [visit(debtor, replica, 1)] });
    let (status, _) = push(&world, &token, Some("same"), serde_json::to_vec(&first).expect("json")).await;
    assert_eq!(status, StatusCode::OK);
    let other = json!({ "replica_clock": 2, "records": [visit(debtor, replica, 2)] });
    let (status, answer) = push(&world, &token, Some("same"), serde_json::to_vec(&other).expect("json")).await;
    assert_eq!((status, answer["error"].as_str()), (StatusCode::CONFLICT, Some("idempotency_key_reused")));
    assert_eq!(world.count("SELECT count(*) FROM records WHERE kind = 'visit'"), 1);
}

#[tokio::test]
async fn numbers_beyond_what_storage_keeps_are_refused_naming_the_field() {
    let world = World::new(1).await;
    let device = world.device("g1").await;
    let (token, replica) = device.credentials();
    let debtor = world.fixture.debtors_of("g1")[0];
    let huge = u64::MAX - 1;
    let mut forged_counter = visit(debtor, replica, 1);
    forged_counter["record"]["vv"][replica.to_string()] = json!(huge);
    let cases = [
        ("replica_clock", json!({ "replica_clock": huge, "records": [] })),
        ("cursor", json!({ "replica_clock": 1, "cursor": huge, "records": [] })),
        ("records[0].record.vv", json!({ "replica_clock": 1, "records": [forged_counter] })),
    ];
    for (field, body) in cases {
        let (status, answer) =
            push(&world, &token, Some(&uuid::Uuid::now_v7().to_string()), body.to_string().into()).await;
        assert_eq!(
            (status, answer["error"].as_str()),
            (StatusCode::BAD_REQUEST, Some("malformed_request")),
            "{field}: {answer}"
        );
        let message = answer["message"].as_str().expect("message");
        assert!(
            message.contains(&format!("{field}: "))
                && message.ends_with("supera el máximo admitido, 9223372036854775807"),
            "{field}: {message}"
        );
    }
    for query in [format!("cursor={huge}"), format!("cursor=0&clock={huge}")] {
        let (status, answer) = campo_tests::raw_get(&world.server.url, &token, &format!("/v1/sync/pull?{query}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert!(answer["message"].as_str().is_some_and(|m| m.contains("supera el máximo")), "{query}: {answer}");
    }
    assert_eq!(world.count("SELECT count(*) FROM idempotency"), 0, "nothing stored");

    let doc: Value =
        reqwest::get(format!("{}/openapi.json", world.server.url)).await.expect("doc").json().await.expect("json");
    let pull_cursor = &doc["paths"]["/v1/sync/pull"]["get"]["parameters"][0];
    assert_eq!(pull_cursor["name"], "cursor");
    assert!(pull_cursor["schema"]["maximum"].as_f64().is_some_and(|m| m > 9.2e18), "{pull_cursor}");
    let clock = &doc["components"]["schemas"]["PushRequest"]["properties"]["replica_clock"];
    assert!(clock["maximum"].as_f64().is_some_and(|m| m > 9.2e18), "{clock}");
}

#[tokio::test]
async fn a_body_with_bytes_after_the_json_is_refused() {
    let world = World::new(1).await;
    let device = world.device("g1").await;
    let (token, replica) = device.credentials();
    let debtor = world.fixture.debtors_of("g1")[0];
    let body =
        format!("{} {{\"replica_clock\": 9}}", json!({ "replica_clock": 1, "records": [visit(debtor, replica, 1)] }));
    let (status, answer) = push(&world, &token, Some("k"), body.into_bytes()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert!(answer["message"].as_str().is_some_and(|m| m.contains("sobran datos")), "{answer}");
    assert_eq!(world.count("SELECT count(*) FROM records WHERE kind = 'visit'"), 0);
}

#[tokio::test]
async fn notes_with_control_characters_or_bidirectional_overrides_are_refused_on_the_device_and_the_server() {
    let world = World::new(1).await;
    let device = world.synced_device("g1").await;
    let (token, replica) = device.credentials();
    let debtor = world.fixture.debtors_of("g1")[0];
    for notes in ["pagará\u{0007}", "no pagará \u{202E}árap ís"] {
        let mut forged = visit(debtor, replica, 1);
        forged["record"]["body"]["notes"] = json!(notes);
        let batch = json!({ "replica_clock": 1, "records": [forged] });
        let (status, answer) =
            push(&world, &token, Some(&uuid::Uuid::now_v7().to_string()), batch.to_string().into()).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        let reason = &answer["results"][0]["outcome"]["rejected"]["reason"];
        assert_eq!(reason["error"]["code"], "forbidden_character", "{answer}");
        assert_eq!(reason["error"]["field"], "notas", "{answer}");

        let visit = campo_core::activity::VisitFields {
            notes: notes.into(),
            ..visit_body("", chrono::Utc::now()).into_fields()
        };
        let refused = campo_core::activity::Visit::try_from(visit).expect_err("the device refuses it before saving");
        assert!(matches!(refused, campo_core::DomainError::ForbiddenCharacter { .. }), "{refused:?}");
    }
    assert_eq!(world.count("SELECT count(*) FROM versions WHERE json_extract(body, '$.notes') IS NOT NULL"), 0);
    assert_eq!(device.store.status().expect("status").pending, 0, "nothing stored on the device");
}

#[tokio::test]
async fn a_pull_asking_for_pages_of_any_size_gets_pages_of_at_most_four_mebibytes() {
    let world = World::new(1).await;
    let debtor = world.fixture.debtors_of("g1")[0];
    // 1,500 visits with 4,000-character notes: 6 MB of bodies.
    let notes = "nadie en casa; ".repeat(4000 / 15);
    let mut tx = world.storage.write().expect("tx");
    for _ in 0..1500 {
        let body = RecordBody::Visit(visit_body(&notes, chrono::Utc::now()));
        office::write_new(&mut *tx, RecordId::generate(), debtor, &body, None).expect("visit");
    }
    tx.commit().expect("commit");
    let device = world.device("g1").await;
    let query = PullQuery { cursor: 0, clock: None, limit: Some(5000), max_bytes: Some(u32::MAX) };
    let (page, _) = device.client().pull(&query).await.expect("a page");
    let bodies: usize = page
        .items
        .iter()
        .filter_map(|item| match item {
            FeedItem::Record { record, .. } => Some(record.body.get().len()),
            _ => None,
        })
        .sum();
    assert!((3 * 1024 * 1024..=4 * 1024 * 1024).contains(&bodies), "at most 4 MiB of bodies: {bodies} bytes");
    assert!(page.more, "the rest comes in the next page");
}

#[tokio::test]
async fn the_device_and_the_server_refuse_a_lenders_field_and_another_currency_alike() {
    use campo_core::{
        activity::{Promise, PromiseFields, PromiseStatus},
        money::{Amount, Currency},
        rules::Refusal,
    };
    use campo_device::DeviceError;

    let world = World::new(1).await;
    let device = world.synced_device("g1").await;
    let (token, replica) = device.credentials();
    let debtor = world.fixture.debtors_of("g1")[0];
    let account = device.store.record(debtor.into()).expect("read").expect("the account");
    let RecordBody::Debtor(held) = account.record.parse_body().expect("body") else { panic!("an account") };
    let raised = RecordBody::Debtor(
        campo_core::debtor::Debtor::try_from(campo_core::debtor::DebtorFields {
            balance: Amount::parse(rust_decimal::Decimal::new(99_999_900, 2), "saldo").expect("amount"),
            ..held.into_fields()
        })
        .expect("valid fields"),
    );
    let today = chrono::Utc::now().date_naive();
    let in_soles = RecordBody::Promise(
        Promise::try_from(PromiseFields {
            amount: Amount::parse(rust_decimal::Decimal::new(50_000, 2), "monto").expect("amount"),
            currency: Currency::PEN,
            made_on: today,
            due_on: today,
            installments: vec![],
            status: PromiseStatus::Pending,
            source: None,
            plan: None,
        })
        .expect("a promise"),
    );

    // The device refuses both before saving, typed for the app to word.
    let refused = device.store.save(debtor.into(), debtor, &raised, false).expect_err("the balance is the lender's");
    assert!(
        matches!(&refused, DeviceError::Refused(Refusal::LenderField { field }) if field == "balance"),
        "{refused:?}"
    );
    let refused = device.store.create(debtor, &in_soles).expect_err("soles on a peso account");
    assert!(matches!(refused, DeviceError::Invalid(campo_core::DomainError::CurrencyMismatch { .. })), "{refused:?}");
    assert_eq!(device.store.status().expect("status").pending, 0, "nothing saved");

    // A client that skips the device's checks meets the same ones on the server.
    let item = |kind: &str, id: String, body: &RecordBody, base: &campo_core::VersionVector, counter: u64| {
        json!({
            "record": { "id": id, "debtor_id": debtor.to_string(), "kind": kind,
                        "vv": base.clone().with_write(replica, counter), "deleted": false,
                        "body": serde_json::from_str::<Value>(&body.to_json()).expect("json") },
            "base_vv": base,
        })
    };
    let batch = json!({ "replica_clock": 2, "records": [
        item("debtor", debtor.to_string(), &raised, &account.record.vv, 1),
        item("promise", RecordId::generate().to_string(), &in_soles, &campo_core::VersionVector::default(), 2),
    ]});
    let (status, answer) = push(&world, &token, Some("rules"), batch.to_string().into()).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let reason = |i: usize| answer["results"][i]["outcome"]["rejected"]["reason"].clone();
    assert_eq!(reason(0)["code"], "not_allowed", "{answer}");
    assert!(reason(0)["message"].as_str().is_some_and(|m| m.contains("balance")), "{answer}");
    assert_eq!(reason(1)["error"]["code"], "currency_mismatch", "{answer}");
    assert_eq!(world.count("SELECT count(*) FROM records WHERE kind = 'promise'"), 0);
    let versions: i64 = world.query("SELECT count(*) FROM versions WHERE record_id = ?1", [debtor.to_string()]);
    assert_eq!(versions, 1, "the account has only its first version");
}

#[tokio::test]
async fn a_feed_read_one_byte_at_a_time_still_brings_every_item_once() {
    let world = World::new(5).await;
    let device = world.device("g1").await;
    let client = device.client();
    let (mut cursor, mut seen, mut pages) = (0, Vec::new(), 0);
    loop {
        // Every item is larger than the budget: each page holds one, and says more wait.
        let query = PullQuery { cursor, clock: None, limit: None, max_bytes: Some(1) };
        let (page, _) = client.pull(&query).await.expect("a page");
        assert_eq!(page.items.len(), 1, "one item a page");
        seen.extend(page.items);
        cursor = page.cursor;
        pages += 1;
        if !page.more {
            break;
        }
    }
    assert_eq!(
        pages, 14,
        "five accounts, their five grants and two versions of two countries' policies, one page each"
    );
    assert_eq!(seen.len(), 14);
}

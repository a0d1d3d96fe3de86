//! Lost answers, crashes, restores and old clients: nothing a gestor recorded is lost.

use campo_core::wire::{ErrorCode, PROTOCOL_HEADER};
use campo_device::DeviceError;
use campo_tests::{
    Device, World,
    proxy::{CaptivePortal, Proxy},
};

use crate::process;

#[tokio::test]
async fn a_duplicate_push_after_a_lost_response_has_the_effect_and_answer_of_the_first() {
    let world = World::new(3).await;
    let proxy = Proxy::start(world.server.addr).await;
    let device = world.device_via("g1", &proxy.url).await;
    device.sync().await.expect("first sync");
    let debtor = world.fixture.debtors_of("g1")[0];
    let ids: Vec<_> = (0..3).map(|n| device.visit(debtor, &format!("visita {n}"))).collect();

    proxy.lose_answers(true);
    let lost = device.sync().await.expect_err("the answer is lost");
    assert!(matches!(lost, DeviceError::Offline { .. }), "{lost:?}");
    assert_eq!(world.count("SELECT count(*) FROM records WHERE kind = 'visit'"), 3, "the server applied the batch");
    assert_eq!(device.store.status().expect("status").pending, 3, "the device still holds its work");

    proxy.lose_answers(false);
    let report = device.sync().await.expect("retry");
    assert_eq!(report.pushed.accepted, 3, "the retry gets the first answer, not 'already known'");
    assert_eq!(world.count("SELECT count(*) FROM records WHERE kind = 'visit'"), 3);
    assert_eq!(world.count("SELECT count(*) FROM versions WHERE json_extract(body, '$.notes') LIKE 'visita %'"), 3);
    assert_eq!(world.count("SELECT count(*) FROM idempotency"), 1, "one batch, one key");
    assert_eq!(device.store.status().expect("status").pending, 0);
    for id in ids {
        assert!(device.notes(id).is_some());
    }
}

// Multi-threaded: the test thread blocks reading the child's output while
// the runtime's workers carry the sync (and, below, the in-process server).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_batch_and_restarted_loses_nothing_and_duplicates_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("server.db");
    let fixture = campo_tests::seed(&campo_sync_server::SqliteStorage::open(&db).expect("db"), 2);
    let (server, addr) = process::server(&db);
    let proxy = Proxy::start(addr).await;
    let device_db = dir.path().join("device.db");
    let device = Device::open(&device_db);
    campo_device::login(&device.store, &proxy.url, "g1", campo_tests::PASSWORD, "tel").await.expect("login");
    device.sync().await.expect("first sync");
    let debtor = fixture.debtors_of("g1")[0];
    for n in 0..1000 {
        device.visit(debtor, &format!("visita {n}"));
    }

    let sync = tokio::spawn(async move {
        let result = device.sync().await;
        (device, result)
    });
    server.wait_for("applying push");
    server.kill();
    let (device, result) = sync.await.expect("sync task");
    assert!(result.is_err(), "the sync cannot have finished: the server died while it ran");

    let (server, addr) = process::server(&db);
    proxy.point_to(addr);
    let report = device.sync().await.expect("sync after restart");
    assert_eq!(report.pushed.rejected, 0);
    let conn = rusqlite::Connection::open(&db).expect("open");
    let visits: i64 =
        conn.query_row("SELECT count(*) FROM records WHERE kind = 'visit'", [], |r| r.get(0)).expect("count");
    assert_eq!(visits, 1000, "every visit exactly once");
    assert_eq!(device.store.status().expect("status").pending, 0);
    assert_eq!(device.store.records_of(debtor).expect("records").len(), 1001);
    server.kill();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_killed_mid_pull_resumes_from_its_cursor_and_ends_complete() {
    let world = World::new(400).await;
    let db = world.dir.path().join("device.db");
    let login = process::device(
        &db,
        &["login", "--server", &world.server.url, "--login", "g1", "--password", campo_tests::PASSWORD],
    );
    assert!(login.finish().0, "login");

    let first = process::device(&db, &["sync", "--page-items", "20"]);
    first.wait_for("pull: página");
    first.kill();

    let second = process::device(&db, &["sync", "--page-items", "20"]);
    let start = second.wait_for("sync: desde el cursor");
    let cursor: u64 = start.rsplit(' ').next().expect("cursor").parse().expect("number");
    assert!(cursor > 0, "resumed from a stored cursor, not from the start: {start}");
    let (ok, lines) = second.finish();
    assert!(ok, "{lines:?}");

    let device = Device::open(&db);
    let status = device.store.status().expect("status");
    assert_eq!(status.debtors, 400);
    let g1 = world.fixture.gestor("g1");
    let server_records = world.count(&format!("SELECT count(*) FROM records WHERE owner_id = '{g1}'"));
    assert_eq!(status.records as i64, server_records, "every record of the portfolio, each once");
}

#[tokio::test]
async fn a_restored_device_whose_counters_went_backwards_re_registers_and_keeps_its_writes() {
    let world = World::new(2).await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let backup = world.dir.path().join("backup.db");
    let device = world.synced_device("g1").await.back_up(&backup);
    let before_restore = device.visit(debtor, "antes de restaurar");
    device.sync().await.expect("sync");

    let device = device.restore(&backup);
    let after_restore = device.visit(debtor, "después de restaurar");
    let refused = device.sync().await.expect_err("the server notices the rewind");
    assert!(matches!(refused, DeviceError::SignInAgain), "{refused:?}");
    assert_eq!(world.count("SELECT count(*) FROM replicas WHERE retired_at IS NOT NULL"), 1);
    assert_eq!(device.store.status().expect("status").pending, 1, "the write is kept");

    campo_device::login(&device.store, &world.server.url, "g1", campo_tests::PASSWORD, "tel")
        .await
        .expect("sign in again");
    device.sync().await.expect("sync as the new replica");
    assert_eq!(device.notes(before_restore).as_deref(), Some("antes de restaurar"));
    assert_eq!(device.notes(after_restore).as_deref(), Some("después de restaurar"));
    assert_eq!(world.count("SELECT count(*) FROM records WHERE kind = 'visit'"), 2);
}

#[tokio::test]
async fn an_old_protocol_version_gets_a_clear_error() {
    let world = World::new(1).await;
    let response = reqwest::Client::new()
        .post(format!("{}/v1/login", world.server.url))
        .header(PROTOCOL_HEADER, "0")
        .json(&serde_json::json!({ "login": "g1", "password": campo_tests::PASSWORD, "device_name": "viejo" }))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), reqwest::StatusCode::UPGRADE_REQUIRED);
    let body: campo_core::wire::ErrorBody = response.json().await.expect("error body");
    assert_eq!(body.error, ErrorCode::ProtocolUnsupported);
    assert!(body.message.contains("actualiza la app"), "{}", body.message);
    assert_eq!(world.count("SELECT count(*) FROM replicas WHERE user_id IS NOT NULL"), 0, "nothing registered");
}

#[tokio::test]
async fn a_batch_left_unanswered_by_the_single_batch_outbox_still_lands_after_the_upgrade() {
    let world = World::new(2).await;
    let proxy = Proxy::start(world.server.addr).await;
    let device = world.device_via("g1", &proxy.url).await;
    device.sync().await.expect("first sync");
    let debtor = world.fixture.debtors_of("g1")[0];
    let sent = device.visit(debtor, "enviada sin respuesta");
    proxy.lose_answers(true);
    device.sync().await.expect_err("the answer is lost");
    proxy.lose_answers(false);
    let later = device.visit(debtor, "hecha después");

    // The same store as schema 4 left it: one batch out, in the old table.
    let upgraded = campo_tests::store_at_schema(
        &device,
        &world.dir.path().join("single-batch.db"),
        4,
        "INSERT INTO session SELECT * FROM now.session;
         INSERT INTO records SELECT * FROM now.records;
         INSERT INTO pending SELECT record_id, debtor_id, kind, vv, base_vv, counter, deleted, body, saved_at,
                                    rejected_code, rejected_message, due_on, status, started_at, next_action_on
                             FROM now.pending;
         INSERT INTO outbox_batch (id, key, request) SELECT 1, key, request FROM now.outbox_batches;",
    );
    let report = upgraded.sync().await.expect("sync after the upgrade");
    assert_eq!(report.pushed.accepted, 2, "the batch out gets its first answer, the later write goes after it");
    assert_eq!(upgraded.store.status().expect("status").pending, 0);
    assert_eq!(world.count("SELECT count(*) FROM idempotency"), 2, "the old batch was resent under its key");
    for (id, notes) in [(sent, "enviada sin respuesta"), (later, "hecha después")] {
        assert_eq!(upgraded.notes(id).as_deref(), Some(notes));
    }
}

#[tokio::test]
async fn a_device_restored_from_a_backup_whose_first_step_is_a_pull_gets_its_own_later_work_back() {
    let world = World::new(2).await;
    let sup = world.office("sup").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let backup = world.dir.path().join("backup.db");
    let device = world.synced_device("g1").await.back_up(&backup);
    let after_backup = device.visit(debtor, "después del respaldo");
    device.sync().await.expect("sync");
    let device = device.restore(&backup);
    // The feed moves meanwhile: the office flags the account.
    sup.patch_debtor(debtor, serde_json::json!({ "dispute": true })).await;

    assert_eq!(device.store.status().expect("status").pending, 0, "nothing to push: the sync starts with a pull");
    let refused = device.sync().await.expect_err("the pull notices the rewind");
    assert!(matches!(refused, DeviceError::SignInAgain), "{refused:?}");
    campo_device::login(&device.store, &world.server.url, "g1", campo_tests::PASSWORD, "tel").await.expect("sign in");
    device.sync().await.expect("sync as the new replica");
    assert_eq!(device.notes(after_backup).as_deref(), Some("después del respaldo"), "its own acknowledged visit");
    let g1 = world.fixture.gestor("g1");
    let scope = world.count(&format!("SELECT count(*) FROM records WHERE owner_id = '{g1}'"));
    assert_eq!(device.store.status().expect("status").records as i64, scope, "the whole scope");
}

#[tokio::test]
async fn a_write_sent_again_under_a_new_name_after_signing_in_again_is_already_known_not_merged() {
    let world = World::new(1).await;
    let proxy = Proxy::start(world.server.addr).await;
    let device = world.device_via("g1", &proxy.url).await;
    device.sync().await.expect("first sync");
    let visit = device.visit(world.fixture.debtors_of("g1")[0], "visita");
    proxy.lose_answers(true);
    device.sync().await.expect_err("the answer is lost");
    proxy.lose_answers(false);

    campo_device::login(&device.store, &proxy.url, "g1", campo_tests::PASSWORD, "tel").await.expect("sign in again");
    let report = device.sync().await.expect("sync");
    assert_eq!((report.pushed.already_known, report.pushed.merged), (1, 0), "{report:?}");
    assert_eq!(world.count("SELECT count(*) FROM conflicts"), 0);
    assert_eq!(device.notes(visit).as_deref(), Some("visita"));
    assert_eq!(device.store.status().expect("status").pending, 0);
}

#[tokio::test]
async fn a_page_that_is_not_the_servers_answer_is_told_apart_from_no_connection() {
    let world = World::new(1).await;
    let proxy = Proxy::start(world.server.addr).await;
    let device = world.device_via("g1", &proxy.url).await;
    device.sync().await.expect("first sync");
    device.visit(world.fixture.debtors_of("g1")[0], "visita antes del wifi del centro comercial");

    let portal = CaptivePortal::start().await;
    proxy.point_to(portal.addr);
    let refused = device.sync().await.expect_err("a web page is not a sync answer");
    assert!(matches!(refused, DeviceError::BadAnswer { .. }), "{refused:?}");
    assert_eq!(device.store.status().expect("status").pending, 1, "the visit waits on the device");

    drop(portal);
    let offline = device.sync().await.expect_err("nothing listens there now");
    assert!(matches!(offline, DeviceError::Offline { .. }), "{offline:?}");

    proxy.point_to(world.server.addr);
    assert_eq!(device.sync().await.expect("signal is back").pushed.accepted, 1);
}

//! Promises' statuses derived on the server from the lender's payments and
//! the calendar, over real HTTP: they reach the gestor's device with the
//! next sync, and the device may only cancel a promise.

use campo_core::{
    RecordBody,
    activity::{Promise, PromiseStatus},
    ids::{DebtorId, RecordId},
    rules::Refusal,
};
use campo_device::DeviceError;
use campo_sync_server::promises;
use campo_tests::{Device, World, fixture_today, promise_body};
use chrono::{Days, Utc};
use reqwest::StatusCode;

/// The promise `id` as `device` holds it.
fn held(device: &Device, debtor: DebtorId, id: RecordId) -> Promise {
    let records = device.store.records_of(debtor).expect("records");
    match records.into_iter().find(|r| r.record.id == id).expect("held").record.parse_body() {
        Ok(RecordBody::Promise(p)) => p,
        other => panic!("a promise: {other:?}"),
    }
}

#[tokio::test]
async fn a_payments_import_turns_a_pending_promise_kept_on_the_device_after_its_next_sync() {
    let world = World::new(1).await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let device = world.synced_device("g1").await;
    let today = fixture_today();
    let id = device.store.create(debtor, &promise_body("1500.00", today, today + Days::new(3))).expect("promise");
    device.sync().await.expect("sync");

    let reference = world.field_of(debtor, "external_ref");
    let payments = format!(
        "account_ref,paid_on,amount,currency,reference,channel\n\
         {reference},{today},1000.00,MXN,OXXO-1,store\n{reference},{today},500.00,MXN,SPEI-2,transfer\n"
    );
    let (status, body) = world.office("coord").await.import("/v1/imports/payments", &payments, false).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(held(&device, debtor, id).status, PromiseStatus::Pending, "the device has not synced yet");
    device.sync().await.expect("sync");
    assert_eq!(held(&device, debtor, id).status, PromiseStatus::Kept);
    assert_eq!(world.count("SELECT count(*) FROM conflicts"), 0, "the server's write is no conflict");
    let agenda = device.store.agenda(today, None, 10).expect("agenda");
    let counts = (agenda.counts.promises_due, agenda.counts.promises_broken);
    assert_eq!(counts, (0, 0), "a kept promise is neither due nor broken");
}

#[tokio::test]
async fn a_promise_past_its_grace_unpaid_breaks_when_the_server_sweeps_or_when_it_arrives_late() {
    let world = World::new(2).await;
    let [debtor, other] = world.fixture.debtors_of("g1")[..] else { panic!("two debtors") };
    let device = world.synced_device("g1").await;
    let today = fixture_today();
    let unpaid = device.store.create(debtor, &promise_body("800.00", today, today)).expect("promise");
    device.sync().await.expect("sync");
    assert_eq!(held(&device, debtor, unpaid).status, PromiseStatus::Pending, "still within its grace");

    // The days pass on the server.
    let in_a_week = Utc::now() + Days::new(7);
    let sweep = promises::sweep(&*world.storage, in_a_week).expect("sweep");
    assert_eq!((sweep.accounts, sweep.changed), (1, 1), "past its grace, unpaid");
    let again = promises::sweep(&*world.storage, in_a_week).expect("sweep");
    assert_eq!(again, promises::Sweep::default(), "nothing pending is left to derive");
    device.sync().await.expect("sync");
    assert_eq!(held(&device, debtor, unpaid).status, PromiseStatus::Broken);

    // A promise recorded offline long ago and synced only now is derived as it arrives.
    let ten_days_ago = today - Days::new(10);
    let late = device.store.create(other, &promise_body("300.00", ten_days_ago, ten_days_ago)).expect("promise");
    device.sync().await.expect("sync");
    assert_eq!(held(&device, other, late).status, PromiseStatus::Broken);
}

#[tokio::test]
async fn a_cancel_made_offline_wins_over_the_status_the_server_derived_meanwhile() {
    let world = World::new(1).await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let device = world.synced_device("g1").await;
    let today = fixture_today();
    let body = promise_body("300.00", today, today + Days::new(1));
    let id = device.store.create(debtor, &body).expect("promise");
    device.sync().await.expect("sync");

    // Offline, the gestor cancels it; meanwhile the lender reports it paid.
    let RecordBody::Promise(p) = body else { unreachable!() };
    device
        .store
        .save(id, debtor, &RecordBody::Promise(p.with_status(PromiseStatus::Cancelled)), false)
        .expect("a gestor may cancel");
    let reference = world.field_of(debtor, "external_ref");
    let paid =
        format!("account_ref,paid_on,amount,currency,reference,channel\n{reference},{today},300.00,MXN,P-1,store\n");
    let (status, answer) = world.office("coord").await.import("/v1/imports/payments", &paid, false).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let derived = world.field_of(id, "status");
    assert_eq!(derived, "kept");

    device.sync().await.expect("sync");
    assert_eq!(held(&device, debtor, id).status, PromiseStatus::Cancelled, "the gestor's cancel wins");
    let on_server = world.field_of(id, "status");
    assert_eq!(on_server, "cancelled");
}

#[tokio::test]
async fn a_device_may_not_say_a_promise_was_kept() {
    let world = World::new(1).await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let device = world.synced_device("g1").await;
    let today = fixture_today();
    let RecordBody::Promise(p) = promise_body("100.00", today, today) else { unreachable!() };
    let kept = RecordBody::Promise(p.clone().with_status(PromiseStatus::Kept));
    let refused = device.store.create(debtor, &kept).expect_err("refused");
    assert!(
        matches!(refused, DeviceError::Refused(Refusal::PromiseStatus { status: PromiseStatus::Kept })),
        "{refused:?}"
    );
    let id = device.store.create(debtor, &RecordBody::Promise(p)).expect("pending");
    let edit = device.store.save(id, debtor, &kept, false).expect_err("refused");
    assert!(matches!(edit, DeviceError::Refused(Refusal::PromiseStatus { .. })), "{edit:?}");
    // Cancelled before it was ever sent: the server keeps it, cancelled.
    device.store.cancel_promise(id).expect("cancelled");
    let report = device.sync().await.expect("sync");
    assert_eq!((report.pushed.accepted, report.pushed.rejected), (1, 0), "{report:?}");
    let stored = world.field_of(id, "status");
    assert_eq!(stored, "cancelled");
}

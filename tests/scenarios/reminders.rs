//! Automatic reminders and escalation over real HTTP: a promise about to
//! fall due gets one reminder in the outbox, in the admin's words, in the
//! gestor's name and on the debtor's channel, which reaches the gestor's
//! device; an account whose promises keep breaking is listed for the
//! supervisor.

use campo_core::{
    RecordBody,
    contact::Country,
    message::{Delivery, MessageChannel, REMINDER_TEMPLATE, SentVia},
};
use campo_sync_server::promises;
use campo_tests::{World, fixture_today, promise_body};
use chrono::{Days, Utc};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn a_promise_due_tomorrow_gets_one_reminder_queued_in_the_gestors_name_and_the_device_sees_it() {
    let world = World::new(2).await;
    let [debtor, later] = world.fixture.debtors_of("g1")[..] else { panic!("two debtors") };
    // In the admin's words.
    let mut policy = campo_tests::any_hour_policy(Country::MX);
    let reminder = policy.templates.iter_mut().find(|t| t.code == REMINDER_TEMPLATE).expect("kept");
    reminder.text = "Estimado(a) {nombre}: {gestor}, de {agencia}, le recuerda de parte de {acreedor} su pago de \
                     {monto} para el {fecha}. Cualquier duda, al {telefono}."
        .into();
    world.office("admin").await.enforce(policy).await;
    let device = world.synced_device("g1").await;
    let tomorrow = fixture_today() + Days::new(1);
    device.store.create(debtor, &promise_body("1500.00", fixture_today(), tomorrow)).expect("promise");
    device
        .store
        .create(later, &promise_body("900.00", fixture_today(), fixture_today() + Days::new(10)))
        .expect("promise");
    // Pushed, the promises are derived at once: the one due tomorrow is reminded of.
    device.sync().await.expect("sync");
    let reminders = "SELECT count(*) FROM records WHERE kind = 'message'";
    assert_eq!(world.count(reminders), 1, "one reminder: the other promise is ten days away");

    // However often the server sweeps, it is one reminder.
    promises::sweep(&*world.storage, Utc::now()).expect("sweep");
    promises::sweep(&*world.storage, Utc::now()).expect("sweep");
    assert_eq!(world.count(reminders), 1);

    device.sync().await.expect("sync");
    let message = device
        .store
        .records_of(debtor)
        .expect("records")
        .into_iter()
        .find_map(|r| match r.record.parse_body() {
            Ok(RecordBody::Message(m)) => Some(m),
            _ => None,
        })
        .expect("the reminder on the device");
    assert_eq!(
        (message.channel, message.via, &message.delivery),
        (MessageChannel::Whatsapp, SentVia::Outbox, &Delivery::Queued)
    );
    assert_eq!(message.template, REMINDER_TEMPLATE);
    assert!(message.text.starts_with("Estimado(a) Deudor 0: Usuario g1, de "), "{}", message.text);
    assert!(message.text.contains("su pago de $1,500.00 para el"), "{}", message.text);
    assert!(message.text.contains(&campo_core::message::spanish_date(tomorrow)), "{}", message.text);

    // The admin's log lists it as the server's own, with no gestor.
    let log = world.office("admin").await.get("/v1/activities?kind=message").await;
    let rows = log["rows"].as_array().expect("rows");
    let reminder = rows.iter().find(|r| r["record"]["body"]["template"] == REMINDER_TEMPLATE).expect("listed");
    assert_eq!((&reminder["gestor"], &reminder["gestor_name"]), (&json!(null), &json!("")), "{reminder}");
}

#[tokio::test]
async fn an_account_whose_promises_keep_breaking_goes_to_the_supervisor() {
    let world = World::new(2).await;
    let [debtor, other] = world.fixture.debtors_of("g1")[..] else { panic!("two debtors") };
    let device = world.synced_device("g1").await;
    let ago = |days| fixture_today() - Days::new(days);
    // Two promises broken on one account (the policy's default: two misses), one on the other.
    device.store.create(debtor, &promise_body("500.00", ago(30), ago(20))).expect("promise");
    device.store.create(debtor, &promise_body("400.00", ago(15), ago(10))).expect("promise");
    device.store.create(other, &promise_body("300.00", ago(15), ago(10))).expect("promise");
    device.sync().await.expect("sync");

    let listed = world.office("sup").await.get("/v1/escalations").await;
    let rows = listed.as_array().expect("a list");
    assert_eq!(rows.len(), 1, "{listed}");
    assert_eq!(rows[0]["debtor_id"], debtor.to_string());
    assert_eq!(rows[0]["misses"], 2);
    assert_eq!(rows[0]["last_due_on"], ago(10).to_string());
    assert_eq!(rows[0]["gestor"], world.fixture.gestor("g1").to_string());
    let (status, _) = world.office("g1").await.call(Method::GET, "/v1/escalations", None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a gestor has the agenda, not the supervisor's list");
}

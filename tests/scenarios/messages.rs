//! Messages to debtors over real HTTP: what the rules refuse on the device,
//! and the server's outbox sending queued ones through a webhook gateway (a
//! stub server here) only inside the debtor's contact hours.

use std::sync::{Arc, Mutex};

use axum::{Json, Router, http::StatusCode, routing::post};
use campo_core::{
    RecordBody,
    contact::{Breach, Country, policy::ContactPolicy},
    ids::DebtorId,
    message::{Delivery, Message, MessageChannel, MessageFields, Placeholders, Recipient, SentVia, Template},
    money::Amount,
    outcome::Channel,
    rules::Refusal,
    text::{Email, Phone},
};
use campo_device::DeviceError;
use campo_sync_server::outbox::{self, Outgoing, WebhookGateway};
use campo_tests::{Device, World};
use chrono::{DateTime, Days, Utc};
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 instant")
}

fn message(on: (&Device, DebtorId), to: &str, via: SentVia, when: DateTime<Utc>, template: &str) -> RecordBody {
    message_where(on, to, via, when, template, |_| {})
}

/// [`message`] to `on`'s account as its device fills the template in (about a
/// payment of $1,500.00 tomorrow), with `change` made to its fields. A `to`
/// with an `@` is an email.
fn message_where(
    (device, debtor): (&Device, DebtorId),
    to: &str,
    via: SentVia,
    when: DateTime<Utc>,
    template: &str,
    change: impl FnOnce(&mut MessageFields),
) -> RecordBody {
    let account =
        device.store.records_of(debtor).expect("records").into_iter().find_map(|r| match r.record.parse_body() {
            Ok(RecordBody::Debtor(d)) => Some(d),
            _ => None,
        });
    let account = account.expect("the account on the device");
    let policy = device.store.contact_rules(debtor, Channel::Call, when).expect("rules").policy;
    let due =
        (Amount::parse(Decimal::new(1500, 0), "monto").expect("an amount"), Utc::now().date_naive() + Days::new(1));
    let values = Placeholders::of(&account, &policy, "Usuario g1".into(), Some(due));
    // A template the policy lacks gets its text from `change`.
    let text = policy.template(template).map(|t| t.fill(&values)).unwrap_or_default();
    let (channel, to) = if to.contains('@') {
        (MessageChannel::Email, Recipient::Email(Email::parse(to).expect("email")))
    } else {
        (MessageChannel::Sms, Recipient::Phone(Phone::parse(to).expect("phone")))
    };
    let mut fields = MessageFields {
        channel,
        to,
        text,
        template: template.into(),
        via,
        at: when,
        delivery: if via == SentVia::Outbox { Delivery::Queued } else { Delivery::Opened },
    };
    change(&mut fields);
    RecordBody::Message(Message::try_from(fields).expect("a message"))
}

/// A gateway on 127.0.0.1 that keeps what it is sent and refuses one number.
async fn stub_gateway() -> (String, Arc<Mutex<Vec<Value>>>) {
    let received = Arc::new(Mutex::new(Vec::new()));
    let kept = received.clone();
    let app = Router::new().route(
        "/send",
        post(move |Json(message): Json<Value>| {
            let kept = kept.clone();
            async move {
                let refused = message["to"] == "5500000000";
                kept.lock().expect("lock").push(message);
                if refused {
                    (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({ "error": "número dado de baja" })))
                } else {
                    (StatusCode::OK, Json(json!({ "reference": "stub-1" })))
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}/send", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await.expect("stub serves") });
    (url, received)
}

#[tokio::test]
async fn a_message_goes_only_to_the_debtors_numbers_inside_the_hours_and_no_reminder_in_a_dispute() {
    let world = World::new(2).await;
    world.office("admin").await.enforce(ContactPolicy::default_for(Country::MX)).await;
    let [debtor, disputed] = world.fixture.debtors_of("g1")[..] else { panic!("two debtors") };
    world.office("sup").await.patch_debtor(disputed, json!({ "dispute": true })).await;
    let device = world.synced_device("g1").await;
    let refused = |body: &RecordBody, debtor| match device.store.create(debtor, body) {
        Err(DeviceError::Refused(Refusal::Contact { breaches, .. })) => breaches,
        other => panic!("refused: {other:?}"),
    };
    let noon = at("2026-12-04T18:00:00Z");
    assert_eq!(
        refused(&message((&device, debtor), "5599990000", SentVia::Phone, noon, "seguimiento_visita"), debtor),
        [Breach::NotTheDebtorsNumber]
    );
    assert_eq!(
        refused(
            &message((&device, debtor), "otra.persona@example.com", SentVia::Phone, noon, "seguimiento_visita"),
            debtor
        ),
        [Breach::NotTheDebtorsNumber],
        "nor to an address that is not the debtor's"
    );
    let late = at("2026-12-05T05:30:00Z");
    assert!(matches!(
        &refused(&message((&device, debtor), "5512345678", SentVia::Phone, late, "seguimiento_visita"), debtor)[..],
        [Breach::OutsideHours { .. }]
    ));
    assert_eq!(
        refused(&message((&device, disputed), "5512345678", SentVia::Outbox, noon, "recordatorio_promesa"), disputed),
        [Breach::ReminderInDispute]
    );
    // Only a template's own words, and only the state sending puts it in.
    let edited = message_where((&device, debtor), "5512345678", SentVia::Outbox, noon, "seguimiento_visita", |f| {
        f.text = f.text.replace("¿Me indica cuándo le queda bien que platiquemos?", "Pague hoy o iremos a su trabajo.");
    });
    assert_eq!(refused(&edited, debtor), [Breach::NotFromTemplate]);
    let claims_sent =
        message_where((&device, debtor), "5512345678", SentVia::Outbox, noon, "seguimiento_visita", |f| {
            f.delivery = Delivery::Sent { at: noon, reference: "x".into() };
        });
    assert_eq!(refused(&claims_sent, debtor), [Breach::NotFromTemplate], "only the outbox says a message went");
    // A late one queued waits in the outbox instead; a follow-up in a dispute may go.
    let queued = device
        .store
        .create(debtor, &message((&device, debtor), "5512345678", SentVia::Outbox, late, "seguimiento_visita"))
        .expect("queued");
    let again = message((&device, debtor), "5512345678", SentVia::Outbox, late, "seguimiento_visita");
    let edit = device.store.save(queued, debtor, &again, false).expect_err("a sent or queued message stays as it is");
    assert!(matches!(edit, DeviceError::Refused(Refusal::MayNotEdit { .. })), "{edit:?}");
    device
        .store
        .create(disputed, &message((&device, disputed), "5512345678", SentVia::Phone, noon, "solicitud_contacto"))
        .expect("sent");
    let email = device.store.records_of(debtor).expect("records").iter().find_map(|r| match r.record.parse_body() {
        Ok(RecordBody::Debtor(d)) => d.emails.first().map(|e| e.to_string()),
        _ => None,
    });
    let email = email.expect("the fixture's debtors have an email");
    device
        .store
        .create(debtor, &message((&device, debtor), &email, SentVia::Phone, noon, "solicitud_contacto"))
        .expect("emailed");
    let report = device.sync().await.expect("sync");
    assert_eq!(report.pushed.accepted, 3, "{report:?}");
}

#[tokio::test]
async fn the_outbox_sends_a_queued_message_inside_the_debtors_hours_and_the_gestor_hears_how_it_went() {
    let world = World::new(2).await;
    world.office("admin").await.enforce(ContactPolicy::default_for(Country::MX)).await;
    let [debtor, other] = world.fixture.debtors_of("g1")[..] else { panic!("two debtors") };
    world.office("sup").await.patch_debtor(other, json!({ "phones": ["5500000000"] })).await;
    let device = world.synced_device("g1").await;
    let queued = device
        .store
        .create(debtor, &message((&device, debtor), "5512345678", SentVia::Outbox, Utc::now(), "solicitud_contacto"))
        .expect("queued");
    let refused = device
        .store
        .create(other, &message((&device, other), "5500000000", SentVia::Outbox, Utc::now(), "solicitud_contacto"))
        .expect("queued");
    let emailed = device
        .store
        .create(
            debtor,
            &message((&device, debtor), "deudor0@example.com", SentVia::Outbox, Utc::now(), "solicitud_contacto"),
        )
        .expect("queued");
    device.sync().await.expect("sync");

    let (url, received) = stub_gateway().await;
    let gateway = WebhookGateway::new(&url, Some("secreto".into()));
    let storage: Arc<dyn campo_sync_server::Storage> = world.storage.clone();
    // 23:30 in Mexico City: nothing goes.
    let night = outbox::dispatch(&storage, &gateway, at("2026-12-05T05:30:00Z")).await.expect("round");
    assert_eq!((night.sent, night.failed, night.waiting), (0, 0, 3));
    assert!(received.lock().expect("lock").is_empty());
    // Noon: all go; the gateway takes two and refuses the third.
    let noon = outbox::dispatch(&storage, &gateway, at("2026-12-04T18:00:00Z")).await.expect("round");
    assert_eq!((noon.sent, noon.failed, noon.waiting), (2, 1, 0));
    let sent: Vec<Outgoing> =
        received.lock().expect("lock").iter().map(|m| serde_json::from_value(m.clone()).expect("outgoing")).collect();
    let first = sent.iter().find(|m| m.id == queued).expect("sent");
    assert!(first.text.contains("Usuario g1 de") && first.text.contains("Deudor 0"), "{}", first.text);
    assert_eq!(first.subject, None, "an SMS has no subject");
    let email = sent.iter().find(|m| m.id == emailed).expect("emailed");
    assert_eq!((email.channel, email.to.to_string()), (MessageChannel::Email, "deudor0@example.com".into()));
    let subject = email.subject.as_deref().expect("an email has a subject");
    assert!(subject.starts_with("Mensaje de ") && !subject.contains("pago"), "{subject}");
    let again = outbox::dispatch(&storage, &gateway, at("2026-12-04T18:05:00Z")).await.expect("round");
    assert_eq!(again, outbox::Round::default(), "nothing is sent twice");

    // The device hears how each went.
    device.sync().await.expect("sync");
    let delivery = |debtor, id| {
        let records = device.store.records_of(debtor).expect("records");
        let local = records.into_iter().find(|r| r.record.id == id).expect("held");
        match local.record.parse_body().expect("body") {
            RecordBody::Message(m) => m.delivery.clone(),
            other => panic!("a message: {other:?}"),
        }
    };
    assert!(matches!(delivery(debtor, queued), Delivery::Sent { reference, .. } if reference == "stub-1"));
    assert!(matches!(delivery(other, refused), Delivery::Failed { reason } if reason.contains("número dado de baja")));
}

#[tokio::test]
async fn the_drafts_fill_in_the_account_the_promise_and_the_agency_and_offer_no_reminder_without_a_promise() {
    let world = World::new(1).await;
    let admin = world.office("admin").await;
    let agency = ContactPolicy {
        agency: "Cobranza Justa, S.C.".into(),
        agency_phone: "55 5000 1234".into(),
        ..campo_tests::any_hour_policy(Country::MX)
    };
    admin.enforce(agency).await;
    let device = world.synced_device("g1").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let today = Utc::now().date_naive();
    let codes =
        |drafts: &[campo_device::store::Draft]| drafts.iter().map(|d| d.template.code.clone()).collect::<Vec<_>>();
    let drafts = device.store.message_drafts(debtor, today).expect("drafts");
    assert_eq!(codes(&drafts), ["seguimiento_visita", "solicitud_contacto"], "no promise, no reminder");
    assert!(
        drafts[0]
            .text
            .starts_with("Hola Deudor 0, le saluda Usuario g1 de Cobranza Justa, S.C., en nombre de su acreedor.")
    );

    let due = today + chrono::Days::new(3);
    let promise = json!({ "amount": "1500", "currency": "MXN", "made_on": today, "due_on": due, "installments": [],
                          "status": "pending", "source": null });
    campo_device::app::save_activity(&device.store, debtor, campo_core::RecordKind::Promise, promise)
        .await
        .expect("promise");
    let drafts = device.store.message_drafts(debtor, today).expect("drafts");
    let reminder = drafts.iter().find(|d| d.template.code == "recordatorio_promesa").expect("a reminder now");
    let when = campo_core::message::spanish_date(due);
    assert!(reminder.text.contains(&format!("su pago de $1,500.00 acordado para el {when}")), "{}", reminder.text);
    assert!(reminder.text.ends_with("Dudas: 55 5000 1234."), "{}", reminder.text);
}

#[tokio::test]
async fn an_admins_templates_reach_the_drafts_and_a_message_filled_from_the_earlier_ones_still_lands() {
    let world = World::new(1).await;
    let admin = world.office("admin").await;
    let policy = admin.enforce(campo_tests::any_hour_policy(Country::MX)).await;
    let device = world.synced_device("g1").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let today = Utc::now().date_naive();
    // Written offline, from the wording this device holds.
    let before = device.store.message_drafts(debtor, today).expect("drafts");
    let request = before.iter().find(|d| d.template.code == "solicitud_contacto").expect("a draft");
    let written =
        message_where((&device, debtor), "5512345678", SentVia::Phone, Utc::now(), "solicitud_contacto", |f| {
            f.text = request.text.clone();
        });
    let offline = device.store.create(debtor, &written).expect("a message from the template in force");

    // Meanwhile the admin rewords one template and adds another.
    let mut templates = policy.templates.clone();
    let reworded = "Buen día {nombre}: le escribe {gestor}, de {agencia}, por su cuenta con {acreedor}. Tenemos opciones \
                    para usted; llámenos al {telefono}.";
    templates.iter_mut().find(|t| t.code == "solicitud_contacto").expect("a default").text = reworded.into();
    let agreement = Template {
        code: "aviso_convenio".into(),
        name: "Convenio a su medida".into(),
        purpose: campo_core::message::Purpose::FollowUp,
        collects: false,
        text: "Hola {nombre}, soy {gestor} de {agencia}, en nombre de {acreedor}. Podemos platicar un convenio a su \
               medida: {telefono}."
            .into(),
    };
    templates.push(agreement);
    let mut threatening = templates.clone();
    threatening[1].text.push_str(" Evite el embargo.");
    let path = "/v1/policies/MX";
    let (status, body) = admin
        .call(
            axum::http::Method::PUT,
            path,
            Some(json!(ContactPolicy { version: policy.version + 1, templates: threatening, ..policy.clone() })),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let invalid = &body["invalid"];
    assert_eq!(
        (&body["error"], &invalid["code"], &invalid["template"], &invalid["problem"]),
        (
            &json!("invalid_value"),
            &json!("bad_template"),
            &json!("seguimiento_visita"),
            &json!({ "problem": "pressure", "words": "embargo" })
        ),
        "{body}"
    );
    let in_force = admin.get("/v1/policies").await;
    let mexico = in_force.as_array().and_then(|all| all.iter().find(|p| p["country"] == "MX")).expect("a policy");
    assert_eq!(mexico["version"], policy.version, "nothing stored: {mexico}");
    admin.enforce(ContactPolicy { templates, ..policy.clone() }).await;

    // The message written before lands; the device then offers the new wording.
    let report = device.sync().await.expect("sync");
    assert_eq!((report.pushed.accepted, report.pushed.rejected), (1, 0), "{report:?}");
    let held = campo_sync_server::Storage::write(&*world.storage).expect("tx").record(offline).expect("read");
    assert!(held.is_some(), "the server holds it");
    let drafts = device.store.message_drafts(debtor, today).expect("drafts");
    let offered: Vec<(&str, &str)> =
        drafts.iter().map(|d| (d.template.code.as_str(), d.template.name.as_str())).collect();
    assert_eq!(
        offered,
        [
            ("seguimiento_visita", "Seguimiento de la visita"),
            ("solicitud_contacto", "Pedir que se comunique"),
            ("aviso_convenio", "Convenio a su medida")
        ]
    );
    let request = drafts.iter().find(|d| d.template.code == "solicitud_contacto").expect("a draft");
    assert!(request.text.starts_with("Buen día Deudor 0: le escribe Usuario g1, de "), "{}", request.text);
    // The old wording is no longer offered, so the device no longer writes it.
    let stale = message_where((&device, debtor), "5512345678", SentVia::Phone, Utc::now(), "solicitud_contacto", |f| {
        f.text = written_text(&written);
    });
    match device.store.create(debtor, &stale) {
        Err(DeviceError::Refused(Refusal::Contact { breaches, .. })) => assert_eq!(breaches, [Breach::NotFromTemplate]),
        other => panic!("refused: {other:?}"),
    }
    let added = drafts.iter().find(|d| d.template.code == "aviso_convenio").expect("a draft");
    let new = message_where((&device, debtor), "5512345678", SentVia::Phone, Utc::now(), "aviso_convenio", |f| {
        f.text = added.text.clone()
    });
    device.store.create(debtor, &new).expect("a message from the new template");
    let report = device.sync().await.expect("sync");
    assert_eq!((report.pushed.accepted, report.pushed.rejected), (1, 0), "{report:?}");

    // A client that says it held the new version (or nothing) cannot send the
    // wording withdrawn before; nor hide a threat in a value.
    let (token, replica) = world.device("g1").await.credentials();
    let threat = message_where((&device, debtor), "5512345678", SentVia::Outbox, Utc::now(), "aviso_convenio", |f| {
        f.text = added.text.replace("Usuario g1", "Usuario g1, y si no paga iremos con el embargo");
    });
    for (n, (cursor, body)) in [(1u64 << 40, &stale), (0, &stale), (1 << 40, &threat)].into_iter().enumerate() {
        let counter = n as u64 + 1;
        let record = json!({ "id": campo_core::ids::RecordId::generate(), "debtor_id": debtor, "kind": "message",
                             "vv": { replica.to_string(): counter }, "deleted": false,
                             "body": serde_json::from_str::<Value>(&body.to_json()).expect("json") });
        let batch =
            json!({ "replica_clock": counter, "cursor": cursor, "records": [{ "record": record, "base_vv": {} }] });
        let key = uuid::Uuid::now_v7().to_string();
        let (status, answer) =
            campo_tests::raw_push(&world.server.url, &token, Some(&key), batch.to_string().into()).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        let reason = &answer["results"][0]["outcome"]["rejected"]["reason"];
        assert_eq!(reason["breaches"], json!([{ "breach": "not_from_template" }]), "cursor {cursor}: {answer}");
    }

    // In a dispute, the outbox still sends a template of the admin's that does not collect.
    world.office("sup").await.patch_debtor(debtor, json!({ "dispute": true })).await;
    device.sync().await.expect("sync");
    let queued = message_where((&device, debtor), "5512345678", SentVia::Outbox, Utc::now(), "aviso_convenio", |f| {
        f.text = added.text.clone();
    });
    device.store.create(debtor, &queued).expect("a follow-up may go in a dispute");
    device.sync().await.expect("sync");
    let (url, received) = stub_gateway().await;
    let storage: Arc<dyn campo_sync_server::Storage> = world.storage.clone();
    let noon = outbox::dispatch(&storage, &WebhookGateway::new(&url, None), at("2026-12-04T18:00:00Z")).await;
    assert_eq!(noon.expect("round").sent, 1, "the one queued: the others went from the phone");
    assert!(received.lock().expect("lock").iter().any(|m| m["text"] == added.text.as_str()));
}

fn written_text(body: &RecordBody) -> String {
    match body {
        RecordBody::Message(m) => m.text.clone(),
        other => panic!("a message: {other:?}"),
    }
}

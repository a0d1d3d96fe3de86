//! Payment plans over real HTTP: a discount above the gestor's limit goes
//! to the supervisor, who approves, rejects or counter-offers through the
//! API; the decision reaches the device with its next sync; a plan is
//! derived from payments, instalment by instalment, only once in force.

use campo_core::{
    RecordBody,
    activity::{Promise, PromiseFields, PromiseStatus},
    ids::{DebtorId, RecordId},
    money::Amount,
    plan::{Approval, Frequency, PlanTerms},
    rules::Refusal,
};
use campo_device::{
    DeviceError,
    plans::{PlanPreview, PlanRequest},
};
use campo_tests::{Device, World, fixture_today, raw_push};
use chrono::Days;
use reqwest::StatusCode;
use serde_json::json;

fn amount(text: &str) -> Amount {
    Amount::parse(text.parse().expect("a decimal"), "monto").expect("an amount")
}

/// The fixture's accounts owe 10,000.00 MXN; this plan asks 8,000.00 in
/// four monthly instalments and forgives the other 2,000.00 (20 %).
fn request(count: u32, total: &str, discount: &str) -> PlanRequest {
    PlanRequest {
        terms: PlanTerms { total: amount(total), count, frequency: Frequency::Monthly, first_due: fixture_today() },
        discount: amount(discount),
        made_on: fixture_today(),
    }
}

fn save(device: &Device, debtor: DebtorId, preview: &PlanPreview) -> RecordId {
    let plan = Promise::try_from(preview.promise.clone()).expect("a plan");
    device.store.create(debtor, &RecordBody::Promise(plan)).expect("saved")
}

/// The plan `id` as `device` holds it.
fn held(device: &Device, debtor: DebtorId, id: RecordId) -> PromiseFields {
    let records = device.store.records_of(debtor).expect("records");
    match records.into_iter().find(|r| r.record.id == id).expect("held").record.parse_body() {
        Ok(RecordBody::Promise(p)) => p.into_fields(),
        other => panic!("a plan: {other:?}"),
    }
}

fn approval(plan: &PromiseFields) -> Approval {
    plan.plan.as_ref().expect("a plan").approval.clone()
}

#[tokio::test]
async fn a_plan_above_the_limit_requested_offline_comes_back_approved_and_its_instalments_follow_the_payments() {
    let mut world = World::new(1).await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let device = world.synced_device("g1").await;

    // No signal: the plan is worked out and saved on the device, asking for approval.
    world.server.stop().await;
    let preview = device.store.plan_preview(debtor, &request(4, "8000.00", "2000.00")).expect("preview");
    assert_eq!(approval(&preview.promise), Approval::Requested, "the policy gives gestores no discount");
    assert!(preview.settles, "8,000.00 paid and 2,000.00 forgiven settle the 10,000.00");
    assert_eq!(preview.remaining, "0.00");
    assert_eq!((preview.discount_percent.as_str(), preview.max_percent.as_str()), ("20", "0"));
    assert_eq!(preview.promise.installments.len(), 4);
    let id = save(&device, debtor, &preview);
    assert!(matches!(device.sync().await, Err(DeviceError::Offline { .. })));

    // Its written agreement, on screen and as a PDF, made offline.
    let agreement = device.store.agreement(id).expect("agreement");
    let lines: Vec<&str> = agreement.sections.iter().flat_map(|s| s.lines.iter().map(String::as_str)).collect();
    assert!(lines.contains(&"Total a pagar con este convenio: $8,000.00."), "{lines:#?}");
    assert!(lines.iter().any(|l| l.starts_with("Este convenio está sujeto a la aprobación")), "{lines:#?}");
    let pdf = device.store.save_agreement_pdf(id, &world.dir.path().join("convenios")).expect("pdf");
    let bytes = std::fs::read(&pdf).expect("the file");
    assert!(bytes.starts_with(b"%PDF-") && String::from_utf8_lossy(&bytes).contains("(Convenio de pago)"));
    assert!(pdf.file_name().is_some_and(|n| n.to_string_lossy().starts_with("convenio-REF-")), "{pdf:?}");

    // Signal again: it reaches the server, and the supervisor approves it.
    world.server.restart().await;
    device.sync().await.expect("sync");
    let sup = world.office("sup").await;
    let (status, answer) = sup.decide_plan(id, json!({ "decision": "approve" }), "Aprobado: buen historial").await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let (again, _) = sup.decide_plan(id, json!({ "decision": "reject" }), "otra vez").await;
    assert_eq!(again, StatusCode::BAD_REQUEST, "a plan is decided once");

    device.sync().await.expect("sync");
    let plan = held(&device, debtor, id);
    assert_eq!(approval(&plan), Approval::Approved { comment: "Aprobado: buen historial".into() });
    assert_eq!(plan.status, PromiseStatus::Pending);

    // The lender's file pays the first instalment: it is kept, the plan goes on.
    let reference = world.field_of(debtor, "external_ref");
    let first = plan.installments[0].clone();
    let csv = format!(
        "account_ref,paid_on,amount,currency,reference,channel\n{reference},{},{},MXN,SPEI-1,transfer\n",
        fixture_today(),
        first.amount
    );
    let (status, body) = world.office("coord").await.import("/v1/imports/payments", &csv, false).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    device.sync().await.expect("sync");
    let plan = held(&device, debtor, id);
    let statuses: Vec<_> = plan.installments.iter().map(|i| i.status).collect();
    assert_eq!(statuses[0], Some(PromiseStatus::Kept));
    assert!(statuses[1..].iter().all(|s| *s == Some(PromiseStatus::Pending)), "{statuses:?}");
    assert_eq!(plan.status, PromiseStatus::Pending);
    assert_eq!(world.count("SELECT count(*) FROM conflicts"), 0, "the server's writes are no conflicts");
}

#[tokio::test]
async fn a_counter_offer_is_in_force_once_the_debtor_accepts_it_and_a_rejected_plan_is_cancelled() {
    let world = World::new(2).await;
    let [debtor, other] = world.fixture.debtors_of("g1")[..] else { panic!("two debtors") };
    let device = world.synced_device("g1").await;
    let countered =
        save(&device, debtor, &device.store.plan_preview(debtor, &request(4, "8000.00", "2000.00")).expect("preview"));
    let rejected =
        save(&device, other, &device.store.plan_preview(other, &request(2, "5000.00", "5000.00")).expect("preview"));
    device.sync().await.expect("sync");

    let sup = world.office("sup").await;
    // A first payment before the debtor's today is refused, in words any console can give.
    let yesterday = fixture_today() - Days::new(1);
    let past = json!({
        "decision": "counter",
        "terms": { "total": "9000.00", "count": 6, "frequency": "monthly", "first_due": yesterday },
        "discount": "1000.00",
    });
    let (status, answer) = sup.decide_plan(countered, past, "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["invalid"]["code"], "promise_due_in_past", "{answer}");
    let first_due = fixture_today() + Days::new(7);
    let counter = json!({
        "decision": "counter",
        "terms": { "total": "9000.00", "count": 6, "frequency": "monthly", "first_due": first_due },
        "discount": "1000.00",
    });
    let (status, answer) = sup.decide_plan(countered, counter, "Menos descuento, más plazo").await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let (status, answer) = sup.decide_plan(rejected, json!({ "decision": "reject" }), "Descuento excesivo").await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    device.sync().await.expect("sync");

    let plan = held(&device, debtor, countered);
    assert_eq!(approval(&plan), Approval::Countered { comment: "Menos descuento, más plazo".into() });
    assert_eq!((plan.amount, plan.installments.len()), (amount("9000.00"), 6), "the supervisor's terms");
    assert_eq!(plan.plan.as_ref().map(|p| p.discount), Some(amount("1000.00")));
    assert!(plan.installments.iter().all(|i| i.status.is_none()), "not in force: nothing is derived");
    let refused = held(&device, other, rejected);
    assert_eq!(
        (refused.status, approval(&refused)),
        (PromiseStatus::Cancelled, Approval::Rejected { comment: "Descuento excesivo".into() })
    );

    // The debtor agrees: the gestor records it, and the plan comes into force.
    device.store.accept_counter_offer(countered).expect("accepted");
    device.sync().await.expect("sync");
    let plan = held(&device, debtor, countered);
    assert_eq!(approval(&plan), Approval::Accepted);
    assert!(plan.installments.iter().all(|i| i.status == Some(PromiseStatus::Pending)), "derived now");
    let err = device.store.accept_counter_offer(rejected).expect_err("nothing to accept");
    assert!(matches!(err, DeviceError::Refused(Refusal::PlanApproval)), "{err:?}");
}

#[tokio::test]
async fn a_gestor_cannot_approve_a_plan_hide_a_discount_or_change_what_was_decided() {
    let world = World::new(1).await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let device = world.synced_device("g1").await;
    let preview = device.store.plan_preview(debtor, &request(4, "8000.00", "2000.00")).expect("preview");

    // On the device: a discount above the limit claimed to need no approval, or self-approved.
    let claim = |approval: Approval| {
        let mut fields = preview.promise.clone();
        fields.plan.as_mut().expect("plan").approval = approval;
        RecordBody::Promise(Promise::try_from(fields).expect("valid"))
    };
    let err = device.store.create(debtor, &claim(Approval::NotNeeded)).expect_err("refused");
    assert!(
        matches!(err, DeviceError::Refused(Refusal::DiscountNeedsApproval { ref max_percent }) if max_percent == "0"),
        "{err:?}"
    );
    let err = device.store.create(debtor, &claim(Approval::Approved { comment: "yo".into() })).expect_err("refused");
    assert!(matches!(err, DeviceError::Refused(Refusal::PlanApproval)), "{err:?}");

    // The same, pushed by a hostile client with the gestor's token: the server refuses it too.
    let (token, replica) = world.device("g1").await.credentials();
    let forged = json!({
        "id": RecordId::generate(), "debtor_id": debtor, "kind": "promise",
        "vv": { replica.to_string(): 1 }, "deleted": false, "body": claim(Approval::NotNeeded),
    });
    let batch = json!({ "replica_clock": 1, "records": [{ "record": forged, "base_vv": {} }] });
    let (status, answer) =
        raw_push(&world.server.url, &token, Some(&uuid::Uuid::now_v7().to_string()), batch.to_string().into()).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["results"][0]["outcome"]["rejected"]["reason"]["code"], "plan_approval", "{answer}");

    // Approved by the supervisor, its terms are the supervisor's.
    let id = save(&device, debtor, &preview);
    device.sync().await.expect("sync");
    let (status, _) = world.office("g1").await.decide_plan(id, json!({ "decision": "approve" }), "").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a gestor decides nothing");
    let (status, answer) = world.office("sup").await.decide_plan(id, json!({ "decision": "approve" }), "").await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    // A changed discount on the approved plan, pushed by the hostile client, is refused.
    let current = world.office("sup").await.get(&format!("/v1/records/{id}")).await["record"].clone();
    let (mut vv, mut body) = (current["vv"].clone(), current["body"].clone());
    vv[replica.to_string()] = json!(2);
    body["plan"]["discount"] = json!("1000.00");
    body["amount"] = json!("9000.00");
    body["installments"][3]["amount"] = json!("3000.00");
    let edited = json!({ "id": id, "debtor_id": debtor, "kind": "promise", "vv": vv, "deleted": false, "body": body });
    let batch = json!({ "replica_clock": 2, "records": [{ "record": edited, "base_vv": current["vv"] }] });
    let (status, answer) =
        raw_push(&world.server.url, &token, Some(&uuid::Uuid::now_v7().to_string()), batch.to_string().into()).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let reason = &answer["results"][0]["outcome"]["rejected"]["reason"];
    assert_eq!(reason["code"], "plan_approval", "{answer}");
    assert!(reason["message"].as_str().is_some_and(|m| m.contains("ya decidió")), "{answer}");

    device.sync().await.expect("sync");
    device.store.cancel_promise(id).expect("a plan can always be cancelled");
    device.sync().await.expect("sync");
    assert_eq!(held(&device, debtor, id).status, PromiseStatus::Cancelled);
}

#[tokio::test]
async fn the_agenda_asks_for_a_plans_instalment_due_today_and_not_for_a_plan_waiting_for_approval() {
    let world = World::new(2).await;
    let [debtor, waiting] = world.fixture.debtors_of("g1")[..] else { panic!("two debtors") };
    let device = world.synced_device("g1").await;
    // No discount: in force at once, its first payment today.
    let in_force = device.store.plan_preview(debtor, &request(3, "900.00", "0.00")).expect("preview");
    assert_eq!(approval(&in_force.promise), Approval::NotNeeded);
    assert!(!in_force.settles, "900.00 of 10,000.00");
    assert_eq!(in_force.remaining, "9100.00");
    save(&device, debtor, &in_force);
    save(&device, waiting, &device.store.plan_preview(waiting, &request(3, "900.00", "100.00")).expect("preview"));

    let agenda = device.store.agenda(fixture_today(), None, 50).expect("agenda");
    assert_eq!(agenda.counts.promises_due, 1, "the plan waiting for approval asks nothing yet");
    assert_eq!(agenda.due[0].row.debtor_id, debtor);
    assert_eq!(agenda.due[0].promised_today.as_deref(), Some("300.00"), "the instalment, not the plan's total");
}

#[tokio::test]
async fn terms_are_worked_out_on_the_balance_the_lender_reports_and_a_plan_in_force_is_cancelled_after_it_changes() {
    let world = World::new(1).await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let device = world.synced_device("g1").await;
    let in_force =
        save(&device, debtor, &device.store.plan_preview(debtor, &request(3, "900.00", "0.00")).expect("preview"));
    let stale = device.store.plan_preview(debtor, &request(3, "900.00", "0.00")).expect("preview");
    device.sync().await.expect("sync");

    // The lender's next file says the account owes 12,000.00, not 10,000.00.
    let portfolio = "external_ref,name,national_id,product,currency,balance,overdue,minimum_payment,overdue_since,\
                     segment,territory,zone,phones,address,lat,lon,gestor\n\
                     REF-000000,Deudor 0,ID00000000,personal_loan,MXN,12000.00,2000.00,1000.00,2026-09-01,medio,\
                     Pruebas,America/Mexico_City,5512345678,,,,g1\n";
    let (status, body) = world.office("coord").await.import("/v1/imports/debtors", portfolio, false).await;
    assert_eq!((status, body["updated"].as_u64()), (StatusCode::OK, Some(1)), "{body}");
    device.sync().await.expect("sync");

    // Terms worked out on the old balance are refused naming the new one, on the device...
    let stale = RecordBody::Promise(Promise::try_from(stale.promise).expect("a plan"));
    let err = device.store.create(debtor, &stale).expect_err("the balance changed");
    assert!(
        matches!(err, DeviceError::Refused(Refusal::PlanBalance { ref balance }) if balance == "$12,000.00"),
        "{err:?}"
    );
    // ...and on the server, pushed by a hostile client.
    let (token, replica) = device.credentials();
    let forged = json!({
        "id": RecordId::generate(), "debtor_id": debtor, "kind": "promise",
        "vv": { replica.to_string(): 99 }, "deleted": false, "body": stale,
    });
    let batch = json!({ "replica_clock": 99, "records": [{ "record": forged, "base_vv": {} }] });
    let (status, answer) =
        raw_push(&world.server.url, &token, Some(&uuid::Uuid::now_v7().to_string()), batch.to_string().into()).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["results"][0]["outcome"]["rejected"]["reason"]["code"], "plan_balance", "{answer}");

    // The plan in force, made on the old balance, can still be cancelled.
    device.store.cancel_promise(in_force).expect("a plan in force can always be cancelled");
    let report = device.sync().await.expect("sync");
    assert_eq!(report.pushed.rejected, 0, "{report:?}");
    assert_eq!(world.field_of(in_force, "status"), "cancelled");
}

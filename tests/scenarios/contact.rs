//! The contact rules over real HTTP: the policy an admin puts in force
//! reaches every device, the server judges every visit and call again with
//! every gestor's records (its verdict is final), a justified exception is
//! kept flagged for supervisors, and an account's flags hold on the device
//! and on the server alike.

use campo_core::{
    RecordBody,
    activity::{Call, CallFields, ContactFacts, Direction},
    contact::{Breach, Country, party::Party, policy::ContactPolicy},
    ids::{DebtorId, RecordId},
    outcome::Outcome,
    rules::Refusal,
    text::Phone,
    wire::RejectionCode,
    zone::Zone,
};
use campo_device::DeviceError;
use campo_tests::{Device, World, any_hour_policy, raw_push, visit_body};
use chrono::{DateTime, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 instant")
}

/// A call to the debtor in person, who promised to pay, at `when`.
fn call(when: &str, justification: Option<&str>) -> RecordBody {
    call_where(when, justification, |_| {})
}

/// [`call`], with `change` made to its fields.
fn call_where(when: &str, justification: Option<&str>, change: impl FnOnce(&mut CallFields)) -> RecordBody {
    let mut fields = CallFields {
        number: Phone::parse("5512345678").expect("phone"),
        direction: Direction::Outbound,
        started_at: at(when),
        duration_s: 120,
        zone: Zone::MEXICO_CITY,
        outcome: Outcome::PromiseToPay,
        contact: ContactFacts {
            party: Some(Party::Debtor),
            identified: true,
            justification: justification.map(str::to_owned),
            policy_version: None,
        },
        notes: String::new(),
        next_action_on: None,
    };
    change(&mut fields);
    RecordBody::Call(Call::try_from(fields).expect("a valid call"))
}

/// A visit nobody answered, at `when`.
fn visit(when: &str) -> RecordBody {
    RecordBody::Visit(visit_body("", at(when)))
}

/// The rejection the server gave `id`, kept on the device.
fn rejection(device: &Device, debtor: DebtorId, id: RecordId) -> campo_core::wire::Rejection {
    let records = device.store.records_of(debtor).expect("records");
    let local = records.into_iter().find(|r| r.record.id == id).expect("still on the device");
    assert!(local.pending, "a refused record stays in the outbox");
    local.rejected.expect("refused, with the reason")
}

#[tokio::test]
async fn a_device_judging_by_an_old_policy_hears_the_servers_verdict_and_puts_the_refused_call_right_with_a_reason() {
    let world = World::new(1).await;
    let admin = world.office("admin").await;
    let device = world.synced_device("g1").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    // 23:30 on Friday 4 December 2026 in Mexico City. The device holds the
    // fixture's any-hour policy (version 2), so it saves both.
    let late = device.store.create(debtor, &call("2026-12-05T05:30:00Z", None)).expect("saved under version 2");
    let asked = "el deudor pidió que le llamara después de su turno";
    let justified = device.store.create(debtor, &call("2026-12-05T05:40:00Z", Some(asked))).expect("saved");

    // Meanwhile the admin puts Mexico's own hours back in force.
    let policy = admin.enforce(ContactPolicy::default_for(Country::MX)).await;
    assert_eq!(policy.version, 3);
    let report = device.sync().await.expect("sync");
    assert_eq!((report.pushed.accepted, report.pushed.rejected), (1, 1), "{report:?}");

    let refused = rejection(&device, debtor, late);
    assert_eq!(refused.code, RejectionCode::ContactRule);
    let outside = Breach::OutsideHours { local: "23:30".into(), from: "07:00".into(), until: "22:00".into() };
    assert_eq!(refused.breaches, [outside]);
    assert!(refused.message.contains("son las 23:30 para el deudor"), "{}", refused.message);
    assert_eq!(world.query::<i64>("SELECT count(*) FROM records WHERE id = ?1", [late.to_string()]), 0);

    // The justified one is stored, flagged, with the policy that judged it.
    let sup = world.office("sup").await;
    let flagged = sup.get("/v1/activities?flagged=true").await["rows"].clone();
    let rows = flagged.as_array().expect("rows");
    assert_eq!(rows.len(), 1, "{flagged}");
    assert_eq!(rows[0]["record"]["id"], justified.to_string());
    assert_eq!(rows[0]["judgement"]["policy_version"], 3);
    assert_eq!(rows[0]["judgement"]["breaches"][0]["breach"], "outside_hours");
    assert_eq!(rows[0]["record"]["body"]["contact"]["justification"], asked);
    assert_eq!(rows[0]["record"]["body"]["contact"]["policy_version"], 2, "what the device judged by");
    let within = sup.get("/v1/activities?flagged=false").await["rows"].clone();
    assert!(within.as_array().expect("rows").iter().all(|r| r["record"]["id"] != justified.to_string()));

    // The pull brought version 3: the device now warns as the server judges.
    let warned = device.store.contact_rules(debtor, campo_core::outcome::Channel::Call, at("2026-12-05T05:30:00Z"));
    let warned = warned.expect("rules").breaches;
    assert!(matches!(warned[0], Breach::OutsideHours { .. }), "{warned:?}");
    assert_eq!(warned[1], Breach::TooOftenToday { cap: 2 }, "the refused call happened too: {warned:?}");
    let again = device.store.create(debtor, &call("2026-12-05T05:50:00Z", None)).expect_err("refused at once");
    assert!(
        matches!(&again, DeviceError::Refused(Refusal::Contact { justifiable: true, .. })),
        "Mexico lets a reason cover the hour: {again:?}"
    );

    // The gestor puts the refused call right: the debtor had asked for that hour too.
    let json = |body: &RecordBody| serde_json::from_str::<Value>(&body.to_json()).expect("json");
    let fixed = call("2026-12-05T05:30:00Z", Some("pidió la llamada a esa hora; sale tarde del trabajo"));
    campo_device::app::edit_activity(&device.store, late, campo_core::RecordKind::Call, json(&fixed))
        .await
        .expect("put right");
    let report = device.sync().await.expect("sync");
    assert_eq!((report.pushed.accepted, report.pushed.rejected), (1, 0), "{report:?}");
    let flagged = sup.get("/v1/activities?flagged=true").await["rows"].clone();
    assert_eq!(flagged.as_array().expect("rows").len(), 2, "both kept, both flagged: {flagged}");
    // What the server took is not changed from the app: a new record says what happened next.
    let taken =
        campo_device::app::edit_activity(&device.store, justified, campo_core::RecordKind::Call, json(&fixed)).await;
    assert!(matches!(taken, Err(DeviceError::NotAllowed { .. })), "{taken:?}");
}

#[tokio::test]
async fn the_daily_cap_counts_two_gestores_records_together_on_the_server() {
    let world = World::new(1).await;
    let admin = world.office("admin").await;
    let two_a_day = ContactPolicy {
        caps: campo_core::contact::policy::FrequencyCaps { attempts_per_day: 2, ..any_hour_policy(Country::MX).caps },
        ..any_hour_policy(Country::MX)
    };
    admin.enforce(two_a_day).await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let first = world.synced_device("g1").await;
    // g1 visits twice that morning, offline; the debtor moves to g2 before g1 syncs.
    first.store.create(debtor, &visit("2026-12-04T15:00:00Z")).expect("first");
    first.store.create(debtor, &visit("2026-12-04T16:00:00Z")).expect("second");
    let g2 = world.fixture.gestor("g2");
    world.office("coord").await.reassign(debtor, g2).await;
    let second = world.synced_device("g2").await;
    let report = first.sync().await.expect("g1 syncs");
    assert_eq!(report.pushed.accepted, 2, "kept, though the debtor left g1: {report:?}");

    // g2's device has not heard of them and lets a third visit through.
    let third = second.store.create(debtor, &visit("2026-12-04T20:00:00Z")).expect("allowed on g2's device");
    second.sync().await.expect("g2 syncs");
    assert_eq!(rejection(&second, debtor, third).breaches, [Breach::TooOftenToday { cap: 2 }]);
}

#[tokio::test]
async fn an_accounts_flags_and_a_third_party_are_refused_on_the_device_and_on_the_server() {
    let world = World::new(2).await;
    let sup = world.office("sup").await;
    let [deceased, disputed] = world.fixture.debtors_of("g1")[..] else { panic!("two debtors") };
    sup.patch_debtor(deceased, json!({ "deceased": true })).await;
    sup.patch_debtor(disputed, json!({ "dispute": true, "do_not_visit": true })).await;
    let device = world.synced_device("g1").await;
    let noon = "2026-12-04T18:00:00Z";

    let refused = |body: &RecordBody, debtor| match device.store.create(debtor, body) {
        Err(DeviceError::Refused(Refusal::Contact { breaches, justifiable })) => (breaches, justifiable),
        other => panic!("refused on the device: {other:?}"),
    };
    assert_eq!(refused(&visit(noon), deceased), (vec![Breach::Deceased], false));
    assert_eq!(
        refused(&call(noon, Some("el deudor insistió")), disputed),
        (vec![Breach::InDispute { outcome: Outcome::PromiseToPay }], false)
    );
    assert_eq!(refused(&visit(noon), disputed), (vec![Breach::DoNotVisit], false));
    let neighbour = call_where(noon, None, |f| f.contact.party = Some(Party::Other));
    let (breaches, _) = refused(&neighbour, deceased);
    assert!(breaches.contains(&Breach::ThirdParty { party: Party::Other, outcome: Outcome::PromiseToPay }));
    assert_eq!(device.store.status().expect("status").pending, 0, "nothing stored");

    // A client that skips the device's check hears the same from the server.
    let (token, replica) = world.device("g1").await.credentials();
    let forged = |id: RecordId, debtor: DebtorId, body: &RecordBody, counter: u64| {
        json!({ "record": { "id": id, "debtor_id": debtor, "kind": body.kind(), "vv": { replica.to_string(): counter },
                            "deleted": false, "body": serde_json::from_str::<Value>(&body.to_json()).expect("json") },
                "base_vv": {} })
    };
    let records = [
        forged(RecordId::generate(), deceased, &visit(noon), 1),
        forged(RecordId::generate(), disputed, &call(noon, None), 2),
        forged(RecordId::generate(), deceased, &neighbour, 3),
    ];
    let batch = json!({ "replica_clock": 3, "records": records });
    let (status, answer) = raw_push(&world.server.url, &token, Some("flags"), batch.to_string().into_bytes()).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let breach = |i: usize| answer["results"][i]["outcome"]["rejected"]["reason"].clone();
    assert_eq!(breach(0)["code"], "contact_rule", "{answer}");
    assert_eq!(breach(0)["breaches"], json!([{ "breach": "deceased" }]));
    assert_eq!(breach(1)["breaches"], json!([{ "breach": "in_dispute", "outcome": "promise_to_pay" }]));
    assert_eq!(
        breach(2)["breaches"][1],
        json!({ "breach": "third_party", "party": "other", "outcome": "promise_to_pay" })
    );
    assert_eq!(world.count("SELECT count(*) FROM records WHERE kind IN ('visit', 'call')"), 0);
}

#[tokio::test]
async fn someone_reached_must_be_named_and_the_gestor_identified_before_a_record_is_kept() {
    let world = World::new(1).await;
    let device = world.synced_device("g1").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let with = |party, identified| {
        call_where("2026-12-04T18:00:00Z", None, |f| {
            f.contact.party = party;
            f.contact.identified = identified;
        })
    };
    for (body, breach) in
        [(with(None, false), Breach::NobodyNamed), (with(Some(Party::Debtor), false), Breach::NotIdentified)]
    {
        let refused = device.store.create(debtor, &body).expect_err("refused");
        assert!(
            matches!(&refused, DeviceError::Refused(Refusal::Contact { breaches, justifiable: false }) if breaches == std::slice::from_ref(&breach)),
            "{breach:?}: {refused:?}"
        );
    }
    let id = device.store.create(debtor, &with(Some(Party::Debtor), true)).expect("named and identified");
    let stored = device.store.records_of(debtor).expect("records");
    let body = stored.iter().find(|r| r.record.id == id).expect("saved").record.parse_body().expect("body");
    let RecordBody::Call(call) = body else { panic!("a call") };
    assert_eq!(call.contact.policy_version, Some(2), "judged under the policy the device holds");
}

#[tokio::test]
async fn only_admins_change_a_policy_one_version_after_another_and_each_change_is_audited() {
    let world = World::new(1).await;
    let (admin, sup) = (world.office("admin").await, world.office("sup").await);
    let policies = sup.get("/v1/policies").await;
    assert_eq!(policies.as_array().map(Vec::len), Some(2), "both countries: {policies}");

    let peru = |version| json!(ContactPolicy { version, ..ContactPolicy::default_for(Country::PE) });
    let (status, body) = sup.call(Method::PUT, "/v1/policies/PE", Some(peru(3))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, body) = admin.call(Method::PUT, "/v1/policies/PE", Some(peru(5))).await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::CONFLICT, Some("stale_version")), "{body}");
    let (status, body) = admin.call(Method::PUT, "/v1/policies/MX", Some(peru(3))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let mut backwards = peru(3);
    backwards["from"] = json!("20:00:00");
    backwards["until"] = json!("07:00:00");
    let (status, body) = admin.call(Method::PUT, "/v1/policies/PE", Some(backwards)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["invalid"]["code"], "empty_contact_window", "{body}");
    assert!(body["message"].as_str().is_some_and(|m| m.contains("20:00–07:00")), "{body}");

    let in_force = policies.as_array().and_then(|all| all.iter().find(|p| p["country"] == "PE")).expect("Peru's");
    let in_force: ContactPolicy = serde_json::from_value(in_force.clone()).expect("a policy");
    let mut reworded = ContactPolicy { version: 3, grace_days: 5, ..in_force };
    reworded.templates.retain(|t| t.code != "solicitud_contacto");
    reworded.templates[1].name = "Después de la visita".into();
    let (status, body) = admin.call(Method::PUT, "/v1/policies/PE", Some(json!(reworded))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let audit = admin.get("/v1/audit").await;
    let changes: Vec<&Value> = audit.as_array().expect("rows").iter().filter(|r| r["action"] == "policy").collect();
    assert_eq!(changes.len(), 1, "{audit}");
    assert_eq!(changes[0]["target"], "PE");
    // What changed, not the whole policy: every version is kept whole.
    let changed = &changes[0]["detail"]["changed"];
    assert_eq!(changes[0]["detail"]["version"], 3);
    assert_eq!(changed["grace_days"], 5, "{changed}");
    assert_eq!(changed["templates"][0]["name"], "Después de la visita", "{changed}");
    assert_eq!(changed["templates_removed"], json!(["solicitud_contacto"]), "{changed}");
    assert_eq!(changed.as_object().map(|c| c.len()), Some(3), "nothing else: {changed}");
    assert_eq!(
        world.count("SELECT count(*) FROM policies WHERE country = 'PE'"),
        3,
        "every version kept: the defaults, the fixture's and the admin's"
    );
}

#[tokio::test]
async fn emails_co_obligors_and_guarantors_come_with_the_portfolio_and_a_bad_one_stores_nothing() {
    let world = World::new(0).await;
    let header = "external_ref,name,national_id,product,currency,balance,overdue,minimum_payment,overdue_since,\
                  segment,territory,zone,phones,emails,address,lat,lon,gestor,lender,co_obligor,co_obligor_phones,\
                  guarantor,guarantor_phones";
    let row = |guarantor_phones: &str| {
        format!(
            "TC-9,María López,LOPM800101,credit_card,MXN,1000.00,100.00,50.00,2026-10-01,medio,Pruebas,\
             America/Mexico_City,5512345678,Maria.Lopez@Correo.mx,,,,g1,Banco del Centro,Juan Pérez,5511112222,Rosa Díaz,{guarantor_phones}"
        )
    };
    let bad = format!("{header}\n{}\n", row("55-no"));
    let refused = campo_sync_server::import::debtors::import(&*world.storage, bad.as_bytes(), false, None, |_| {})
        .expect_err("a bad phone");
    assert!(refused.to_string().contains("línea 2, columna guarantor_phones: teléfono inválido: 55-no"), "{refused}");
    assert_eq!(world.count("SELECT count(*) FROM records WHERE kind = 'debtor'"), 0, "nothing stored");

    let good = format!("{header}\n{}\n", row("5533334444;5544445555"));
    campo_sync_server::import::debtors::import(&*world.storage, good.as_bytes(), false, None, |_| {})
        .expect("imported");
    let device = world.synced_device("g1").await;
    let (debtor, account) = device.store.debtors().expect("debtors").pop().expect("the account");
    assert_eq!(account.lender.as_ref().map(|l| l.as_str()), Some("Banco del Centro"));
    assert_eq!(account.emails.iter().map(|e| e.as_str()).collect::<Vec<_>>(), ["maria.lopez@correo.mx"]);
    let related: Vec<(&str, Party, usize)> =
        account.related.iter().map(|r| (r.name.as_str(), r.role, r.phones.len())).collect();
    assert_eq!(related, [("Juan Pérez", Party::CoObligor, 1), ("Rosa Díaz", Party::Guarantor, 2)]);
    let file = device.store.debtor_file(debtor, chrono::Utc::now().date_naive()).expect("file");
    assert_eq!(file.debtor.related.len(), 2, "the debtor's file shows them");
}

#[tokio::test]
async fn two_edits_the_rules_allow_alone_are_refused_when_they_merge_into_a_debt_talked_over_with_a_neighbour() {
    use campo_core::activity::{Visit, VisitFields};
    let world = World::new(1).await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let (first, second) = (world.synced_device("g1").await, world.synced_device("g1").await);
    let visit = |party, outcome| {
        let fields = VisitFields {
            outcome,
            contact: ContactFacts { party: Some(party), identified: true, ..ContactFacts::default() },
            ..visit_body("", at("2026-12-04T18:00:00Z")).into_fields()
        };
        RecordBody::Visit(Visit::try_from(fields).expect("visit"))
    };
    let id = first.store.create(debtor, &visit(Party::Debtor, Outcome::NoAnswer)).expect("visit");
    first.sync().await.expect("sync");
    second.sync().await.expect("sync");
    // Offline, one phone says a neighbour answered; the other, that a promise was made.
    first.store.save(id, debtor, &visit(Party::Other, Outcome::NoAnswer), false).expect("allowed alone");
    second.store.save(id, debtor, &visit(Party::Debtor, Outcome::PromiseToPay), false).expect("allowed alone");
    first.sync().await.expect("sync");
    second.sync().await.expect("sync");
    let refused = rejection(&second, debtor, id);
    assert!(
        refused.breaches.contains(&Breach::ThirdParty { party: Party::Other, outcome: Outcome::PromiseToPay }),
        "{refused:?}"
    );
    let stored: String =
        world.query("SELECT json_extract(body, '$.outcome') FROM records WHERE id = ?1", [id.to_string()]);
    assert_eq!(stored, "no_answer", "the server keeps the lawful version");
}

#[tokio::test]
async fn a_debtor_who_calls_in_late_is_heard_and_the_call_is_kept_flagged_for_the_supervisor() {
    let world = World::new(1).await;
    world.office("admin").await.enforce(ContactPolicy::default_for(Country::MX)).await;
    let device = world.synced_device("g1").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let inbound = call_where("2026-12-05T05:30:00Z", None, |f| f.direction = Direction::Inbound);
    let id = device.store.create(debtor, &inbound).expect("no reason needed: the debtor chose the hour");
    device.sync().await.expect("sync");
    let flagged = world.office("sup").await.get("/v1/activities?flagged=true").await["rows"].clone();
    let row = flagged.as_array().expect("rows").iter().find(|r| r["record"]["id"] == id.to_string()).cloned();
    let row = row.expect("listed for the supervisor");
    assert_eq!(row["judgement"]["breaches"][0]["breach"], "outside_hours", "{row}");
}

#[tokio::test]
async fn an_admin_previews_what_a_stricter_policy_would_have_refused_yesterday_and_nothing_changes() {
    let world = World::new(1).await;
    let admin = world.office("admin").await;
    let device = world.synced_device("g1").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    // Yesterday in Mexico City (UTC-6): a call at 10:00 and one at 22:30.
    let yesterday = campo_tests::fixture_today() - chrono::Days::new(1);
    let early = device.store.create(debtor, &call(&format!("{yesterday}T16:00:00Z"), None)).expect("saved");
    let late = device.store.create(debtor, &call(&format!("{}T04:30:00Z", yesterday + chrono::Days::new(1)), None));
    let late = late.expect("saved under the any-hour policy");
    device.sync().await.expect("sync");

    let current =
        admin.get("/v1/policies").await.as_array().expect("policies").iter().find(|p| p["country"] == "MX").cloned();
    let current: ContactPolicy = serde_json::from_value(current.expect("Mexico's")).expect("a policy");
    let stricter = ContactPolicy {
        version: current.version + 1,
        from: "08:00:00".parse().expect("time"),
        until: "21:00:00".parse().expect("time"),
        ..current.clone()
    };
    let path = "/v1/policies/MX/preview";
    let (status, preview) = admin.call(Method::POST, path, Some(serde_json::to_value(&stricter).expect("json"))).await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    assert_eq!(preview["day"], json!(yesterday));
    assert_eq!(
        (&preview["judged"], &preview["refused_now"], &preview["refused_proposed"]),
        (&json!(2), &json!(0), &json!(1))
    );
    let newly = preview["newly_refused"].as_array().expect("examples");
    assert_eq!(newly.len(), 1, "{preview}");
    assert_eq!((&newly[0]["record_id"], &newly[0]["gestor_name"]), (&json!(late.to_string()), &json!("Usuario g1")));
    assert_eq!(
        newly[0]["breaches"][0],
        json!({ "breach": "outside_hours", "local": "22:30", "from": "08:00", "until": "21:00" })
    );
    assert_ne!(newly[0]["record_id"], json!(early.to_string()));

    let broken = ContactPolicy { escalate_after: 0, ..stricter };
    let (status, answer) = admin.call(Method::POST, path, Some(serde_json::to_value(&broken).expect("json"))).await;
    assert_eq!((status, &answer["error"]), (StatusCode::UNPROCESSABLE_ENTITY, &json!("invalid_value")), "{answer}");
    let after: Vec<ContactPolicy> = serde_json::from_value(admin.get("/v1/policies").await).expect("policies");
    assert_eq!(after.iter().find(|p| p.country == Country::MX), Some(&current), "a preview changes nothing");
}

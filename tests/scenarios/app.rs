//! The operations behind the app's screens, as the Tauri shell calls them.

use campo_core::{DomainError, RecordKind, rules::Refusal};
use campo_device::{DeviceError, Store, app};
use campo_tests::World;
use serde_json::json;

#[tokio::test]
async fn signing_out_never_drops_unsent_work_without_the_exact_count() {
    let world = World::new(3).await;
    let device = world.synced_device("g1").await;
    let store = Store::open(&device.path).expect("store");
    let debtor = world.fixture.debtors_of("g1")[0];
    device.visit(debtor, "uno");
    device.visit(debtor, "dos");

    for refused in [None, Some(1), Some(3)] {
        let answer = app::sign_out(&store, refused).await;
        assert!(matches!(answer, Err(DeviceError::UnsentWork { records: 2 })), "{refused:?}: {answer:?}");
        assert_eq!(app::status(&store).await.expect("status").pending, 2, "nothing lost after {refused:?}");
    }
    app::sign_out(&store, Some(2)).await.expect("confirmed sign-out");
    assert!(app::session(&store).await.expect("session").is_none());
    let status = app::status(&store).await.expect("status");
    assert_eq!((status.debtors, status.pending), (0, 0));

    let other = world.synced_device("g2").await;
    let other_store = Store::open(&other.path).expect("store");
    app::sign_out(&other_store, None).await.expect("nothing unsent: no confirmation needed");
}

#[tokio::test]
async fn a_form_with_a_bad_value_is_refused_with_its_reason_and_stores_nothing() {
    let world = World::new(3).await;
    let device = world.synced_device("g1").await;
    let store = Store::open(&device.path).expect("store");
    let debtor = world.fixture.debtors_of("g1")[0];
    let today = chrono::Utc::now().date_naive();
    let promise = |amount: &str| {
        json!({"amount": amount, "currency": "MXN", "made_on": today, "due_on": today, "installments": [],
               "status": "pending", "source": null})
    };

    let answer = app::save_activity(&store, debtor, RecordKind::Promise, promise("10.123")).await;
    // The amount's own check comes through the parser typed, so the UI can
    // say it in the gestor's language and name the field.
    assert!(
        matches!(&answer, Err(DeviceError::Invalid(DomainError::TooManyDecimals { field })) if field == "monto"),
        "three decimals: {answer:?}"
    );
    let answer = app::save_activity(&store, debtor, RecordKind::Promise, json!({"amount": 5})).await;
    assert!(
        matches!(&answer, Err(DeviceError::Invalid(DomainError::Malformed { message }))
            if !message.contains("line")),
        "a form the parser cannot read says so, without the parser's position: {answer:?}"
    );
    let answer = app::save_activity(&store, debtor, RecordKind::Payment, json!({})).await;
    assert!(
        matches!(answer, Err(DeviceError::Refused(Refusal::MayNotCreate { record_kind: RecordKind::Payment }))),
        "payments come from the lender: {answer:?}"
    );
    assert_eq!(app::status(&store).await.expect("status").pending, 0);

    app::save_activity(&store, debtor, RecordKind::Promise, promise("10.50")).await.expect("valid promise");
    assert_eq!(app::status(&store).await.expect("status").pending, 1);
}

#[tokio::test]
async fn the_form_hears_the_contact_rules_in_the_debtors_time_counting_the_attempts_held() {
    use campo_core::{
        contact::{Breach, Country, policy::ContactPolicy},
        outcome::{Channel, Outcome},
    };

    let world = World::new(1).await;
    let admin = world.office("admin").await;
    admin.enforce(ContactPolicy::default_for(Country::MX)).await;
    let device = world.synced_device("g1").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let at = |text: &str| text.parse::<chrono::DateTime<chrono::Utc>>().expect("instant");
    let rules =
        async |when| app::contact_rules(&device.store, debtor, Channel::Visit, at(when)).await.expect("rules").breaches;

    // The fixture's debtors live in Mexico City (UTC−6): 23:30 there, then noon.
    assert_eq!(
        rules("2026-12-05T05:30:00Z").await,
        [Breach::OutsideHours { local: "23:30".into(), from: "07:00".into(), until: "22:00".into() }]
    );
    assert_eq!(rules("2026-12-04T18:00:00Z").await, []);

    // Two visits already recorded that morning reach the daily cap.
    for hour in ["15", "16"] {
        device
            .store
            .create(
                debtor,
                &campo_core::RecordBody::Visit(campo_tests::visit_body("", at(&format!("2026-12-04T{hour}:00:00Z")))),
            )
            .expect("visit");
    }
    assert_eq!(rules("2026-12-04T18:00:00Z").await, [Breach::TooOftenToday { cap: 2 }]);
    let advice =
        app::contact_rules(&device.store, debtor, Channel::Visit, at("2026-12-04T18:00:00Z")).await.expect("rules");
    assert!(advice.justifiable, "the debtor may ask for another visit today");
    assert!(advice.neutral.contains(&Outcome::ThirdPartyContact) && !advice.neutral.contains(&Outcome::PromiseToPay));
    assert!(
        advice.unanswered.contains(&Outcome::NoAnswer) && !advice.unanswered.contains(&Outcome::Voicemail),
        "a visit's"
    );
}

#[tokio::test]
async fn a_phone_email_or_address_the_debtor_gives_the_gestor_reaches_the_account_beside_the_offices_flags() {
    use campo_device::store::Addition;
    let world = World::new(1).await;
    let device = world.synced_device("g1").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let add = |addition| app::add_to_account(&device.store, debtor, addition);

    let bad = add(Addition::Phone("55-LLAMAME".into())).await;
    assert!(matches!(bad, Err(DeviceError::Invalid(DomainError::InvalidPhone { .. }))), "{bad:?}");
    let bad = add(Addition::Email("rosa@".into())).await;
    assert!(matches!(bad, Err(DeviceError::Invalid(DomainError::InvalidEmail { .. }))), "{bad:?}");
    assert_eq!(app::status(&device.store).await.expect("status").pending, 0, "nothing stored");

    add(Addition::Phone("55 8765 4321".into())).await.expect("a phone");
    add(Addition::Phone("5587654321".into())).await.expect("the same phone again changes nothing");
    add(Addition::Email("Rosa.Diaz@Example.com".into())).await.expect("an email");
    add(Addition::Address("Calle Durazno 12, int. 3, col. Nápoles".into())).await.expect("an address");
    // Meanwhile the office marks the account in dispute.
    world.office("sup").await.patch_debtor(debtor, json!({ "dispute": true })).await;
    device.sync().await.expect("sync");

    let account = |field: &str| world.field_of(debtor, field);
    assert_eq!(account("phones"), r#"["5512345678","5587654321"]"#);
    assert!(account("emails").contains("rosa.diaz@example.com"), "{}", account("emails"));
    assert!(account("addresses").contains("Calle Durazno 12"), "{}", account("addresses"));
    let dispute: bool =
        world.query("SELECT json_extract(body, '$.dispute') FROM records WHERE id = ?1", [debtor.to_string()]);
    assert!(dispute, "the office's flag and the gestor's additions both stand");
}

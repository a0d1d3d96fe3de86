//! Who may do what in the office, and the trail every office write leaves.

use campo_core::{ids::DebtorId, money::Currency};
use campo_tests::{Office, World, add_territory};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn reassign(office: &Office, debtor: DebtorId, gestor: impl ToString) -> (StatusCode, Value) {
    let body = json!({ "gestor": gestor.to_string(), "expected_gestor": null });
    office.call(Method::PUT, &format!("/v1/debtors/{debtor}/assignment"), Some(body)).await
}

#[tokio::test]
async fn a_coordinator_moves_debtors_only_within_their_territories_and_never_across_currencies() {
    let world = World::new(1).await;
    let (_, lima) = add_territory(&*world.storage, "Lima", Currency::PEN, "pe1");
    let (_, other) = add_territory(&*world.storage, "Otra", Currency::MXN, "mx2");
    let debtor = world.fixture.debtors_of("g1")[0];
    let coord = world.office("coord").await;
    let admin = world.office("admin").await;
    let owner = || {
        world.query::<String>(
            "SELECT gestor_id FROM assignments WHERE until_seq IS NULL AND debtor_id = ?1",
            [debtor.to_string()],
        )
    };
    let g1 = world.fixture.gestor("g1").to_string();

    let (status, answer) = reassign(&coord, debtor, other).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{answer}");
    assert!(answer["message"].as_str().is_some_and(|m| m.contains("territorios que coordinas")), "{answer}");
    for office in [&coord, &admin] {
        let (status, answer) = reassign(office, debtor, lima).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{answer}");
        assert!(answer["message"].as_str().is_some_and(|m| m.contains("MXN") && m.contains("PEN")), "{answer}");
    }
    assert_eq!(owner(), g1, "nothing moved");

    let (status, answer) = reassign(&admin, debtor, other).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "an admin moves within a country: {answer}");
    let g2 = world.fixture.gestor("g2");
    let (status, answer) = reassign(&coord, world.fixture.debtors_of("g2")[0], world.fixture.gestor("g1")).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "within the coordinator's territory: {answer}");
    let sup = world.office("sup").await;
    let (status, _) = reassign(&sup, debtor, g2).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "supervisors do not reassign");
}

#[tokio::test]
async fn a_supervisor_cannot_delete_a_lenders_payment_and_every_office_write_is_audited() {
    let world = World::new(1).await;
    let debtor = world.fixture.debtors_of("g1")[0];
    let payment = {
        let body = campo_core::RecordBody::Payment(campo_core::activity::Payment {
            amount: campo_core::money::Amount::parse(rust_decimal::Decimal::new(50_000, 2), "monto").expect("amount"),
            currency: Currency::MXN,
            paid_on: chrono::Utc::now().date_naive(),
            reference: campo_core::text::Label::parse("DEP-1", "referencia").expect("label"),
            channel: None,
        });
        let mut tx = campo_sync_server::Storage::write(&*world.storage).expect("tx");
        let id = campo_core::ids::RecordId::generate();
        campo_sync_server::office::write_new(&mut *tx, id, debtor, &body, None).expect("payment");
        tx.commit().expect("commit");
        id
    };
    let sup = world.office("sup").await;
    let read = sup.get(&format!("/v1/records/{payment}")).await;
    let (status, _) = sup
        .call(Method::POST, &format!("/v1/records/{payment}/delete"), Some(json!({ "if_vv": read["record"]["vv"] })))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(sup.get(&format!("/v1/records/{payment}")).await["record"]["deleted"], false);

    sup.patch_debtor(debtor, json!({ "dispute": true })).await;
    let coord = world.office("coord").await;
    let (status, _) = reassign(&coord, debtor, world.fixture.gestor("g3")).await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    let (status, _) = sup.call(Method::GET, "/v1/audit", None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "the trail is for admins");
    let audit = world.office("admin").await.get("/v1/audit").await;
    let entries: Vec<(String, String)> = audit
        .as_array()
        .expect("list")
        .iter()
        .map(|e| (e["action"].as_str().unwrap_or("").to_owned(), e["login"].as_str().unwrap_or("").to_owned()))
        .collect();
    assert_eq!(entries, [("assign".to_owned(), "coord".to_owned()), ("edit".to_owned(), "sup".to_owned())], "{audit}");
    assert_eq!(audit[1]["detail"], json!({ "dispute": true }));
    assert_eq!(audit[0]["detail"]["to"], world.fixture.gestor("g3").to_string());
}

//! The supervisor's KPIs over real HTTP: counted from what devices synced
//! and the lender's payments, for the gestores in the user's scope.

use campo_core::{
    RecordBody,
    activity::{ContactFacts, Visit},
    contact::party::Party,
    outcome::Outcome,
};
use campo_tests::{World, fixture_today, promise_body, visit_body};
use chrono::Days;
use reqwest::{Method, StatusCode};
use rust_decimal::Decimal;
use serde_json::json;

#[tokio::test]
async fn kpis_count_the_teams_visits_contacts_promises_and_payments_and_export_as_csv() {
    let world = World::new(2).await;
    let (_, elsewhere) = campo_tests::add_territory(&*world.storage, "Otra", campo_core::money::Currency::MXN, "mx2");
    let today = fixture_today();
    let [first, second] = world.fixture.debtors_of("g1")[..] else { panic!("two debtors") };
    let device = world.synced_device("g1").await;
    device.visit(first, "nadie abrió");
    let mut spoke = visit_body("habló el titular", chrono::Utc::now()).into_fields();
    spoke.outcome = Outcome::PromiseToPay;
    spoke.contact = ContactFacts { party: Some(Party::Debtor), identified: true, ..Default::default() };
    device.store.create(first, &RecordBody::Visit(Visit::try_from(spoke).expect("a visit"))).expect("saved");
    device.store.create(first, &promise_body("1500.00", today, today)).expect("promise");
    device.store.create(second, &promise_body("800.00", today, today + Days::new(3))).expect("promise");
    device.sync().await.expect("sync");
    let reference = world.field_of(first, "external_ref");
    let payments = format!(
        "account_ref,paid_on,amount,currency,reference,channel\n{reference},{today},1500.00,MXN,OXXO-1,store\n"
    );
    let (status, answer) = world.office("coord").await.import("/v1/imports/payments", &payments, false).await;
    assert_eq!(status, StatusCode::OK, "{answer}");

    let sup = world.office("sup").await;
    let report = sup.get(&format!("/v1/kpis?from={today}&to={today}")).await;
    let names: Vec<&str> =
        report["gestores"].as_array().expect("rows").iter().map(|g| g["name"].as_str().expect("name")).collect();
    assert_eq!(names, ["Usuario g1", "Usuario g2", "Usuario g3"], "the team, not another region's gestor");
    let g1 = &report["gestores"][0]["kpis"];
    assert_eq!((&g1["visits"], &g1["right_party"], &g1["right_party_rate"]), (&json!(2), &json!(1), &json!("50.0")));
    assert_eq!(
        (&g1["promises"], &g1["promise_rate"]),
        (&json!(2), &json!("100.0")),
        "one visit ended in a promise: {g1}"
    );
    assert_eq!((&g1["due_settled"], &g1["kept"], &g1["kept_rate"]), (&json!(1), &json!(1), &json!("100.0")), "{g1}");
    let overdue: Decimal =
        [first, second].iter().map(|d| world.field_of(d, "overdue").parse::<Decimal>().expect("overdue")).sum();
    let money = &g1["money"][0];
    assert_eq!(
        (&money["currency"], &money["promised"], &money["collected"]),
        (&json!("MXN"), &json!("2300.00"), &json!("1500.00"))
    );
    assert_eq!(money["overdue"], json!(format!("{overdue:.2}")), "what the accounts held have overdue");
    assert_eq!(report["gestores"][1]["kpis"]["visits"], 0, "a gestor who did nothing is in the table, at zero");
    assert_eq!(report["total"]["visits"], 2);
    assert_eq!(report["days"], json!([{ "day": today, "visits": 2, "calls": 0, "right_party": 1, "promises": 2 }]));

    let g2 = world.fixture.gestor("g2");
    let only = sup.get(&format!("/v1/kpis?from={today}&to={today}&gestor={g2}")).await;
    assert_eq!(only["gestores"].as_array().map(Vec::len), Some(1));
    let theirs = sup.get(&format!("/v1/kpis?from={today}&to={today}&gestor={elsewhere}")).await;
    assert_eq!(theirs["gestores"], json!([]), "another team's gestor tells nothing");
    let (status, answer) =
        sup.call(Method::GET, &format!("/v1/kpis?from={today}&to={}", today - Days::new(1)), None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(answer["message"].as_str().is_some_and(|m| m.contains("después de terminar")), "{answer}");
    let (status, _) =
        sup.call(Method::GET, &format!("/v1/kpis?from={today}&to={}", today + Days::new(400)), None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a period of more than a year");

    let (status, content_type, csv) = sup.export(&format!("/v1/exports/kpis?from={today}&to={today}")).await;
    assert_eq!((status, content_type.as_str()), (StatusCode::OK, "text/csv; charset=utf-8"));
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].starts_with("from,to,gestor_id,gestor,visits,calls,days_worked,visits_per_day,right_party"),
        "{csv}"
    );
    let g1 = world.fixture.gestor("g1");
    assert!(
        lines[1].contains(&format!(",{g1},Usuario g1,2,0,1,2.0,1,50.0,2,100.0,1,1,100.0,MXN,2300.00,1500.00,")),
        "{csv}"
    );
    assert!(lines[4].starts_with(&format!("{today},{today},,,2,")), "everyone last: {csv}");
}

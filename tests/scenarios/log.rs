//! The supervisor's activity log over real HTTP: visits, calls, promises and
//! messages of the team by when they happened, newest first, a keyset page
//! at a time, narrowed by gestor, kind, period, outcome and review.

use campo_core::RecordBody;
use campo_tests::{World, fixture_today, promise_body, visit_body};
use chrono::{TimeDelta, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn ids(page: &Value) -> Vec<String> {
    page["rows"].as_array().expect("rows").iter().map(|r| r["record"]["id"].as_str().expect("id").to_owned()).collect()
}

#[tokio::test]
async fn the_log_pages_the_teams_work_newest_first_without_gaps_and_filters_it() {
    let world = World::new(3).await;
    let (g1, g2) = (world.synced_device("g1").await, world.synced_device("g2").await);
    let hours_ago = |h: i64| Utc::now() - TimeDelta::hours(h);
    // Five visits of g1 an hour apart, one promise of g1, two visits of g2.
    let mut expected: Vec<(chrono::DateTime<Utc>, String)> = Vec::new();
    for h in 1..=5 {
        let debtor = world.fixture.debtors_of("g1")[h as usize % 3];
        let id = g1.store.create(debtor, &RecordBody::Visit(visit_body("visita", hours_ago(h * 2)))).expect("visit");
        expected.push((hours_ago(h * 2), id.to_string()));
    }
    let promise = g1
        .store
        .create(world.fixture.debtors_of("g1")[0], &promise_body("500.00", fixture_today(), fixture_today()))
        .expect("promise");
    for h in [3, 7] {
        let id = g2
            .store
            .create(world.fixture.debtors_of("g2")[0], &RecordBody::Visit(visit_body("visita", hours_ago(h))))
            .expect("visit");
        expected.push((hours_ago(h), id.to_string()));
    }
    g1.sync().await.expect("sync");
    g2.sync().await.expect("sync");
    expected.sort_by(|a, b| b.cmp(a));

    // Three at a time, every record once, newest first.
    let sup = world.office("sup").await;
    let (mut seen, mut path) = (Vec::new(), "/v1/activities?kind=visit&limit=3".to_owned());
    loop {
        let page = sup.get(&path).await;
        assert!(page["rows"].as_array().expect("rows").len() <= 3);
        seen.extend(ids(&page));
        match page["next"].as_str() {
            Some(next) => {
                path = with_query("/v1/activities", &[("kind", "visit"), ("limit", "3"), ("before", next)]);
            }
            None => break,
        }
    }
    assert_eq!(seen, expected.iter().map(|(_, id)| id.clone()).collect::<Vec<_>>());
    let all = sup.get("/v1/activities").await;
    assert_eq!(ids(&all).len(), 8, "the promise is in the log too");
    assert!(ids(&all).contains(&promise.to_string()));
    assert_eq!(ids(&sup.get("/v1/activities?kind=promise").await), [promise.to_string()]);

    // Narrowed: by gestor, by period, by outcome.
    let g2_id = world.fixture.gestor("g2");
    assert_eq!(ids(&sup.get(&format!("/v1/activities?gestor={g2_id}")).await).len(), 2);
    let (from, to) = (hours_ago(5).to_rfc3339(), hours_ago(1).to_rfc3339());
    let window = sup.get(&with_query("/v1/activities", &[("kind", "visit"), ("from", &from), ("to", &to)])).await;
    let in_window: Vec<String> =
        expected.iter().filter(|(at, _)| *at >= hours_ago(5) && *at < hours_ago(1)).map(|(_, id)| id.clone()).collect();
    assert_eq!(ids(&window), in_window, "visits 2 and 4 hours ago of g1, 3 hours ago of g2");
    assert_eq!(ids(&sup.get("/v1/activities?outcome=no_answer").await).len(), 7);
    assert_eq!(ids(&sup.get("/v1/activities?outcome=promise_to_pay").await).len(), 0);

    // Reviewed or not yet.
    let review = json!({ "target": expected[0].1, "verdict": "approved", "comment": "bien" });
    let (status, answer) = sup.call(Method::POST, "/v1/reviews", Some(review)).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(ids(&sup.get("/v1/activities?reviewed=true").await), [expected[0].1.clone()]);
    assert_eq!(ids(&sup.get("/v1/activities?kind=visit&reviewed=false").await).len(), 6);
    assert_eq!(sup.get("/v1/activities?reviewed=true").await["rows"][0]["reviewed"], true);

    // A cursor that is not one is named.
    let (status, answer) = sup.call(Method::GET, "/v1/activities?before=ayer", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert!(answer["message"].as_str().is_some_and(|m| m.contains("before")), "{answer}");
    let (status, answer) = sup.call(Method::GET, "/v1/activities?kind=payment", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
}

#[tokio::test]
async fn the_log_exports_as_csv_with_the_lists_filters_and_names_the_teams_gestores() {
    let world = World::new(3).await;
    let (g1, g2) = (world.synced_device("g1").await, world.synced_device("g2").await);
    for h in 1..=3 {
        let at = Utc::now() - TimeDelta::hours(h);
        g1.store
            .create(world.fixture.debtors_of("g1")[0], &RecordBody::Visit(visit_body("visita", at)))
            .expect("visit");
    }
    let g2_visit = g2
        .store
        .create(world.fixture.debtors_of("g2")[0], &RecordBody::Visit(visit_body("visita", Utc::now())))
        .expect("visit");
    g1.sync().await.expect("sync");
    g2.sync().await.expect("sync");
    let sup = world.office("sup").await;

    // The team's gestores, to pick from.
    let gestores = sup.get("/v1/gestores").await;
    let listed: Vec<&str> = gestores.as_array().expect("list").iter().map(|g| g["id"].as_str().expect("id")).collect();
    for g in ["g1", "g2"] {
        assert!(listed.contains(&world.fixture.gestor(g).to_string().as_str()), "{g} in {gestores}");
    }

    // Every row the filters leave, a header first, newest first.
    let (status, kind, csv) = sup.export("/v1/exports/activities?kind=visit").await;
    assert_eq!(status, StatusCode::OK, "{csv}");
    assert!(kind.starts_with("text/csv"), "{kind}");
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("record_id,kind,happened_at,received_at"), "{}", lines[0]);
    assert_eq!(lines.len(), 1 + 4, "{csv}");
    assert!(lines[1].starts_with(&format!("{g2_visit},visit,")), "newest first: {}", lines[1]);
    let g2_id = world.fixture.gestor("g2");
    let (_, _, only_g2) = sup.export(&format!("/v1/exports/activities?gestor={g2_id}")).await;
    assert_eq!(only_g2.lines().count(), 1 + 1, "{only_g2}");
    let (_, _, two) = sup.export("/v1/exports/activities?limit=2").await;
    assert_eq!(two.lines().count(), 1 + 2, "{two}");

    // A filter that does not parse is named, as for the list.
    let (status, _, answer) = sup.export("/v1/exports/activities?kind=payment").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
}

/// `path` with `pairs` as its query, encoded.
fn with_query(path: &str, pairs: &[(&str, &str)]) -> String {
    let url = reqwest::Url::parse_with_params(&format!("http://campo{path}"), pairs).expect("a url");
    format!("{}?{}", url.path(), url.query().unwrap_or_default())
}

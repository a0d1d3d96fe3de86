//! The coordinator's workloads and bulk reassignments over real HTTP: a
//! preview that changes nothing, an apply in one transaction, an undo of the
//! whole while nothing newer touched the accounts, and devices that follow.

use campo_core::money::Currency;
use campo_tests::{Office, World, add_territory};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn post(office: &Office, path: &str, body: Value) -> (StatusCode, Value) {
    office.call(Method::POST, path, Some(body)).await
}

#[tokio::test]
async fn a_reassignment_is_previewed_applied_and_undone_whole_and_the_devices_follow_with_unsent_work_intact() {
    let world = World::new(3).await;
    let coord = world.office("coord").await;
    let (g1, g2) = (world.fixture.gestor("g1"), world.fixture.gestor("g2"));
    let (a, b) = (world.synced_device("g1").await, world.synced_device("g2").await);
    let held = |device: &campo_tests::Device| device.store.debtors().expect("debtors").len();
    // Work g1 has not sent yet, on an account about to move.
    let first = world.fixture.debtors_of("g1")[0];
    let visit = a.visit(first, "visita sin señal");

    let request = json!({ "selection": { "gestor": g1 }, "to": g2 });
    let (status, preview) = post(&coord, "/v1/reassignments/preview", request.clone()).await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    assert_eq!((&preview["accounts"], &preview["already_there"]), (&json!(3), &json!(0)));
    let counts = |side: &str| {
        preview[side].as_array().expect("workloads").iter().map(|w| w["accounts"].clone()).collect::<Vec<_>>()
    };
    assert_eq!((counts("before"), counts("after")), (vec![json!(3), json!(3)], vec![json!(6), json!(0)]), "{preview}");
    assert_eq!(preview["before"][0]["name"], "Usuario g2", "the receiving gestor first");
    assert_eq!(world.count("SELECT count(*) FROM reassignments"), 0, "a preview changes nothing");

    let stale = json!({ "selection": { "gestor": g1 }, "to": g2, "expect": 2 });
    let (status, answer) = post(&coord, "/v1/reassignments", stale).await;
    assert_eq!((status, &answer["error"]), (StatusCode::CONFLICT, &json!("stale_version")), "{answer}");
    let apply = json!({ "selection": { "gestor": g1 }, "to": g2, "expect": 3 });
    let (status, done) = post(&coord, "/v1/reassignments", apply).await;
    assert_eq!((status, &done["accounts"]), (StatusCode::OK, &json!(3)), "{done}");
    let id = done["id"].as_str().expect("id").to_owned();
    b.sync().await.expect("b gets them");
    assert_eq!(held(&b), 6);

    let listed = coord.get("/v1/reassignments").await;
    assert_eq!(
        (&listed[0]["id"], &listed[0]["accounts"], &listed[0]["to_name"]),
        (&json!(id), &json!(3), &json!("Usuario g2"))
    );
    assert_eq!(listed[0]["undone_at"], Value::Null, "{listed}");
    let (status, undone) = post(&coord, &format!("/v1/reassignments/{id}/undo"), json!(null)).await;
    assert_eq!((status, &undone["accounts"]), (StatusCode::OK, &json!(3)), "{undone}");
    let listed = world.office("admin").await.get("/v1/reassignments").await;
    assert!(listed[0]["undone_at"].is_string(), "an admin sees it, undone: {listed}");
    b.sync().await.expect("b lets them go");
    assert_eq!(held(&b), 3);
    let report = a.sync().await.expect("a syncs at last");
    assert_eq!((report.pushed.accepted, held(&a)), (1, 3), "a never lost them, and sends its visit");
    assert_eq!(world.field_of(visit, "notes"), "visita sin señal");
    assert_eq!(world.count("SELECT count(*) FROM records WHERE after_reassignment = 1"), 0, "back with its gestor");
    let (status, again) = post(&coord, &format!("/v1/reassignments/{id}/undo"), json!(null)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{again}");
    assert_eq!((&again["error"], &again["refusal"]), (&json!("changed"), &json!({ "kind": "already_undone" })));
    assert!(again["message"].as_str().is_some_and(|m| m.contains("ya se deshizo")), "{again}");
    let actions = world.count("SELECT count(*) FROM audit WHERE action IN ('reassign_bulk', 'reassign_undo')");
    assert_eq!(actions, 2);
}

#[tokio::test]
async fn accounts_picked_on_the_list_move_and_the_others_stay() {
    let world = World::new(3).await;
    let coord = world.office("coord").await;
    let (g1, g2) = (world.fixture.gestor("g1"), world.fixture.gestor("g2"));
    let (status, listing) = post(&coord, "/v1/reassignments/accounts", json!({ "gestor": g1 })).await;
    assert_eq!((status, &listing["total"]), (StatusCode::OK, &json!(3)), "{listing}");
    let rows = listing["rows"].as_array().expect("rows");
    let refs: Vec<&str> = rows.iter().map(|r| r["external_ref"].as_str().expect("ref")).collect();
    assert!(refs.is_sorted(), "by account number: {refs:?}");
    assert!(rows.iter().all(|r| r["gestor_name"] == "Usuario g1" && r["name"].as_str().is_some_and(|n| !n.is_empty())));
    let picked = rows[1]["debtor"].clone();
    let (status, unchanged) = post(&coord, "/v1/reassignments/accounts", json!({ "gestor": g1 })).await;
    assert_eq!((status, unchanged), (StatusCode::OK, listing.clone()), "listing changes nothing");

    let request = json!({ "selection": { "gestor": g1, "accounts": [picked] }, "to": g2 });
    let (status, preview) = post(&coord, "/v1/reassignments/preview", request.clone()).await;
    assert_eq!((status, &preview["accounts"]), (StatusCode::OK, &json!(1)), "{preview}");
    let (status, done) =
        post(&coord, "/v1/reassignments", json!({ "selection": request["selection"], "to": g2, "expect": 1 })).await;
    assert_eq!((status, &done["accounts"]), (StatusCode::OK, &json!(1)), "{done}");
    let holder = |debtor: &Value| {
        world.query::<String>(
            "SELECT gestor_id FROM assignments WHERE until_seq IS NULL AND debtor_id = ?1",
            [debtor.as_str().expect("id")],
        )
    };
    assert_eq!(holder(&picked), g2.to_string());
    assert_eq!((holder(&rows[0]["debtor"]), holder(&rows[2]["debtor"])), (g1.to_string(), g1.to_string()));
}

#[tokio::test]
async fn an_undo_is_refused_whole_once_work_arrived_on_a_moved_account_and_that_work_is_kept() {
    let world = World::new(3).await;
    let coord = world.office("coord").await;
    let (g1, g2) = (world.fixture.gestor("g1"), world.fixture.gestor("g2"));
    let a = world.synced_device("g1").await;
    let first = world.fixture.debtors_of("g1")[0];
    let visit = a.visit(first, "visita sin señal");
    let (_, done) = post(&coord, "/v1/reassignments", json!({ "selection": { "gestor": g1 }, "to": g2 })).await;
    a.sync().await.expect("a pushes, then lets them go");

    let (status, answer) =
        post(&coord, &format!("/v1/reassignments/{}/undo", done["id"].as_str().expect("id")), json!(null)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    assert_eq!(answer["refusal"], json!({ "kind": "changed_since", "changed": 1, "total": 3 }), "{answer}");
    assert!(answer["message"].as_str().is_some_and(|m| m.contains("1 de las 3 cuentas cambiaron")), "{answer}");
    let owner = world.query::<String>(
        "SELECT gestor_id FROM assignments WHERE until_seq IS NULL AND debtor_id = ?1",
        [first.to_string()],
    );
    assert_eq!(owner, g2.to_string(), "nothing moved back");
    assert_eq!(world.field_of(visit, "notes"), "visita sin señal", "the work that arrived is kept");
}

#[tokio::test]
async fn workloads_count_each_gestors_accounts_and_wrong_reassignments_are_refused_with_their_reason() {
    let world = World::new(3).await;
    let coord = world.office("coord").await;
    let (g1, g3) = (world.fixture.gestor("g1"), world.fixture.gestor("g3"));
    let (lima, pe1) = add_territory(&*world.storage, "Lima", Currency::PEN, "pe1");

    let loads = coord.get("/v1/workload").await;
    let rows: Vec<(&str, u64)> = loads
        .as_array()
        .expect("rows")
        .iter()
        .map(|w| (w["name"].as_str().expect("name"), w["accounts"].as_u64().expect("n")))
        .collect();
    assert_eq!(rows, [("Usuario g1", 3), ("Usuario g2", 3), ("Usuario g3", 0)], "not Lima's gestor");
    assert_eq!(loads[0]["money"][0]["currency"], "MXN");
    assert_eq!(loads[0]["buckets"].as_array().map(Vec::len), Some(6));
    let (status, _) = coord.call(Method::GET, &format!("/v1/workload?territory={lima}"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a territory the coordinator does not coordinate");
    let (status, content_type, csv) = coord.export("/v1/exports/workload").await;
    assert_eq!((status, content_type.as_str()), (StatusCode::OK, "text/csv; charset=utf-8"));
    assert!(csv.starts_with("gestor,accounts,currency,balance,overdue,current,"), "{csv}");
    assert!(csv.contains("\nUsuario g3,0,,,,0,0,0,0,0,0\n"), "{csv}");

    let (status, answer) = post(&coord, "/v1/reassignments/preview", json!({ "selection": {}, "to": g3 })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(answer["message"].as_str().is_some_and(|m| m.contains("elige qué cuentas mover")), "{answer}");
    let admin = world.office("admin").await;
    let (status, answer) =
        post(&admin, "/v1/reassignments/preview", json!({ "selection": { "gestor": g1 }, "to": pe1 })).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(answer["refusal"], json!({ "kind": "other_country", "account": "MXN", "team": "PEN" }), "{answer}");
    assert!(answer["message"].as_str().is_some_and(|m| m.contains("MXN") && m.contains("PEN")), "{answer}");
    let (status, _) = post(&coord, "/v1/reassignments", json!({ "selection": { "gestor": g3 }, "to": g1 })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "nothing to move");
    let sup = world.office("sup").await;
    let (status, _) = post(&sup, "/v1/reassignments/preview", json!({ "selection": { "gestor": g1 }, "to": g3 })).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "supervisors do not reassign");
    assert_eq!(world.count("SELECT count(*) FROM reassignments"), 0);
    let (status, _) =
        post(&coord, "/v1/reassignments/preview", json!({ "selection": { "gestor": g1 }, "to": g3, "x": 1 })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "unknown fields are named, not ignored");
}

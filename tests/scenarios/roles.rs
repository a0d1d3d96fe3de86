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
    let names =
        |list: Value| list.as_array().expect("territories").iter().map(|t| t["name"].clone()).collect::<Vec<_>>();
    assert_eq!(
        names(coord.get("/v1/territories").await),
        vec![json!("Pruebas")],
        "a coordinator picks among their own"
    );
    assert_eq!(names(admin.get("/v1/territories").await).len(), 3, "an admin among all");

    let (status, answer) = reassign(&coord, debtor, other).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{answer}");
    assert_eq!(answer["refusal"], json!({ "kind": "outside_your_territories" }), "{answer}");
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
    let _device = world.device("g1").await;
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
    let (sessions, writes): (Vec<&Value>, Vec<&Value>) =
        audit.as_array().expect("list").iter().partition(|e| e["action"] == "sign_in");
    let entry =
        |e: &Value| (e["action"].as_str().unwrap_or("").to_owned(), e["login"].as_str().unwrap_or("").to_owned());
    let entries: Vec<(String, String)> = writes.iter().map(|e| entry(e)).collect();
    assert_eq!(entries, [("assign".to_owned(), "coord".to_owned()), ("edit".to_owned(), "sup".to_owned())], "{audit}");
    assert_eq!(writes[1]["detail"], json!({ "dispute": true }));
    assert_eq!(writes[0]["detail"]["to"], world.fixture.gestor("g3").to_string());
    // Every sign-in is on the trail too, the device's with the device.
    let signed_in: Vec<String> = sessions.iter().map(|e| entry(e).1).collect();
    assert_eq!(signed_in, ["admin", "coord", "sup", "g1"], "newest first: {audit}");
    assert!(sessions[3]["detail"]["device"].is_string() && sessions[0]["detail"]["device"].is_null(), "{audit}");
}

/// Who may pass an endpoint's door (the role check, before any scope check).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Door {
    /// Anyone, signed in or not.
    Open,
    /// Anyone signed in.
    SignedIn,
    Gestor,
    /// A supervisor, coordinator or admin.
    Office,
    /// A coordinator or admin.
    Coordinator,
    Admin,
}

impl Door {
    fn lets_in(self, role: &str) -> bool {
        match self {
            Self::Open | Self::SignedIn => true,
            Self::Gestor => role == "gestor",
            Self::Office => role != "gestor",
            Self::Coordinator => matches!(role, "coordinator" | "admin"),
            Self::Admin => role == "admin",
        }
    }
}

/// Every endpoint of the OpenAPI document, with its door. A new endpoint
/// fails the matrix test until it is listed here.
const DOORS: &[(&str, &str, Door)] = &[
    ("GET", "/healthz", Door::Open),
    ("GET", "/openapi.json", Door::Open),
    ("POST", "/v1/login", Door::Open),
    ("POST", "/v1/logout", Door::SignedIn),
    ("POST", "/v1/console/session", Door::Open),
    ("GET", "/v1/console/session", Door::Office),
    ("DELETE", "/v1/console/session", Door::Open),
    ("POST", "/v1/users/{id}/revoke-sessions", Door::Admin),
    ("GET", "/v1/users", Door::Admin),
    ("POST", "/v1/users", Door::Admin),
    ("POST", "/v1/users/{id}/password", Door::Admin),
    ("POST", "/v1/users/{id}/deactivate", Door::Admin),
    ("PUT", "/v1/users/{id}/territories", Door::Admin),
    ("POST", "/v1/devices/{id}/revoke", Door::Admin),
    ("GET", "/v1/teams", Door::Admin),
    ("POST", "/v1/teams", Door::Admin),
    ("POST", "/v1/territories", Door::Admin),
    ("POST", "/v1/sync/push", Door::Gestor),
    ("GET", "/v1/sync/pull", Door::Gestor),
    ("GET", "/v1/territories", Door::SignedIn),
    ("GET", "/v1/records/{id}", Door::SignedIn),
    ("GET", "/v1/records/{id}/versions", Door::SignedIn),
    ("POST", "/v1/records/{id}/delete", Door::Office),
    ("GET", "/v1/activities", Door::Office),
    ("GET", "/v1/activities/{id}", Door::Office),
    ("GET", "/v1/days", Door::Office),
    ("GET", "/v1/exports/activities", Door::Office),
    ("GET", "/v1/gestores", Door::Office),
    ("GET", "/v1/kpis", Door::Office),
    ("GET", "/v1/exports/kpis", Door::Office),
    ("POST", "/v1/reviews", Door::Office),
    ("GET", "/v1/plans/waiting", Door::Office),
    ("POST", "/v1/plans/{id}/decision", Door::Office),
    ("GET", "/v1/escalations", Door::Office),
    ("PATCH", "/v1/debtors/{id}", Door::Office),
    ("PUT", "/v1/debtors/{id}/assignment", Door::Office),
    ("GET", "/v1/workload", Door::Coordinator),
    ("GET", "/v1/exports/workload", Door::Coordinator),
    ("POST", "/v1/reassignments/accounts", Door::Coordinator),
    ("POST", "/v1/reassignments/preview", Door::Coordinator),
    ("GET", "/v1/reassignments", Door::Coordinator),
    ("POST", "/v1/reassignments", Door::Coordinator),
    ("POST", "/v1/reassignments/{id}/undo", Door::Coordinator),
    ("GET", "/v1/conflicts", Door::Office),
    ("GET", "/v1/conflicts/{id}", Door::Office),
    ("POST", "/v1/conflicts/{id}/settle", Door::Office),
    ("GET", "/v1/audit", Door::Admin),
    ("GET", "/v1/exports/audit", Door::Admin),
    ("POST", "/v1/imports/debtors", Door::Coordinator),
    ("POST", "/v1/imports/payments", Door::Coordinator),
    ("GET", "/v1/policies", Door::SignedIn),
    ("PUT", "/v1/policies/{country}", Door::Admin),
    ("POST", "/v1/policies/{country}/preview", Door::Admin),
    ("GET", "/v1/photos/{blob}", Door::SignedIn),
    ("PUT", "/v1/photos/{blob}", Door::Gestor),
    ("GET", "/v1/photos/{blob}/status", Door::Gestor),
];

#[tokio::test]
async fn every_endpoint_lets_in_only_the_roles_it_serves_and_tells_the_others_nothing() {
    let world = World::new(1).await;
    let doc: Value =
        reqwest::get(format!("{}/openapi.json", world.server.url)).await.expect("doc").json().await.expect("json");
    let mut documented: Vec<(String, String)> = doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(path, methods)| {
            methods.as_object().expect("methods").keys().map(move |m| (m.to_uppercase(), path.clone()))
        })
        .collect();
    let mut listed: Vec<(String, String)> = DOORS.iter().map(|(m, p, _)| (m.to_string(), p.to_string())).collect();
    documented.sort();
    listed.sort();
    assert_eq!(listed, documented, "DOORS lists exactly the documented endpoints");

    let http = reqwest::Client::new();
    let any_id = campo_core::ids::RecordId::generate().to_string();
    let concrete =
        |path: &str| path.replace("{id}", &any_id).replace("{country}", "MX").replace("{blob}", &"ab".repeat(32));
    for role in [None, Some("gestor"), Some("supervisor"), Some("coordinator"), Some("admin")] {
        let login = role.map(|r| match r {
            "gestor" => "g1",
            "supervisor" => "sup",
            "coordinator" => "coord",
            other => other,
        });
        for (method, path, door) in DOORS {
            // A fresh session each time: the logouts end the one they come
            // with. A gestor's is a device's, as in the field.
            let token = match login {
                Some("g1") => Some(world.device("g1").await.credentials().0),
                Some(login) => Some(world.office(login).await.token),
                None => None,
            };
            let mut request = http
                .request(method.parse().expect("a method"), format!("{}{}", world.server.url, concrete(path)))
                .header(campo_core::wire::PROTOCOL_HEADER, campo_core::wire::PROTOCOL_VERSION.to_string());
            if let Some(token) = &token {
                request = request.bearer_auth(token);
            }
            if *method != "GET" {
                request = request.header("content-type", "application/json").body("{}");
            }
            let response = request.send().await.expect("request");
            let status = response.status();
            let body: Value = response.json().await.unwrap_or(Value::Null);
            let who = role.unwrap_or("nobody");
            let turned_away = match role {
                _ if *door == Door::Open => None,
                None => Some(StatusCode::UNAUTHORIZED),
                Some(role) if !door.lets_in(role) => Some(StatusCode::FORBIDDEN),
                Some(_) => None,
            };
            match turned_away {
                Some(expected) => {
                    assert_eq!(status, expected, "{who} at {method} {path}: {body}");
                    let keys: Vec<&String> = body.as_object().expect("an error body").keys().collect();
                    assert_eq!(keys, ["error", "message"], "{who} at {method} {path} learns nothing more: {body}");
                }
                None => {
                    let at_the_door = status == StatusCode::UNAUTHORIZED
                        || (status == StatusCode::FORBIDDEN && body["message"] == "tu rol no permite esta operación");
                    assert!(!at_the_door, "{who} is let in at {method} {path}: {status} {body}");
                }
            }
        }
    }
}

#[tokio::test]
async fn the_audit_trail_narrows_by_action_user_and_time_pages_back_and_exports() {
    let world = World::new(1).await;
    let coord = world.office("coord").await;
    let debtor = world.fixture.debtors_of("g1")[0];
    reassign(&coord, debtor, world.fixture.gestor("g2")).await;
    let admin = world.office("admin").await;

    let assigned = admin.get("/v1/audit?action=assign").await;
    assert_eq!(assigned.as_array().map(Vec::len), Some(1), "{assigned}");
    assert_eq!((&assigned[0]["login"], &assigned[0]["target"]), (&json!("coord"), &json!(debtor.to_string())));
    let theirs = admin.get("/v1/audit?login=coord").await;
    let actions: Vec<&str> =
        theirs.as_array().expect("rows").iter().map(|r| r["action"].as_str().expect("action")).collect();
    assert_eq!(actions, ["assign", "sign_in"], "newest first");
    let first = admin.get("/v1/audit?login=coord&limit=1").await;
    let older = admin.get(&format!("/v1/audit?login=coord&before={}", first[0]["id"].as_str().expect("id"))).await;
    assert_eq!((&first[0]["action"], &older[0]["action"]), (&json!("assign"), &json!("sign_in")), "paged back by id");
    let later = (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    assert_eq!(admin.get(&format!("/v1/audit?from={later}")).await, json!([]));
    let (status, answer) = admin.call(Method::GET, "/v1/audit?from=ayer", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    let (status, answer) = admin.call(Method::GET, "/v1/audit?before=zzz", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "not an entry: {answer}");

    let (status, content_type, csv) = admin.export("/v1/exports/audit?action=assign").await;
    assert_eq!((status, content_type.as_str()), (StatusCode::OK, "text/csv; charset=utf-8"));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "at,login,action,target,detail");
    assert!(lines[1].contains(&format!(",coord,assign,{debtor},")), "{csv}");
    assert_eq!(lines.len(), 2, "{csv}");
}

//! Signing in: guessing is slowed, sessions expire unless used and can be
//! ended, and a device never loses pending work to any of it.

use std::{net::IpAddr, time::Instant};

use campo_core::wire::{PROTOCOL_HEADER, PROTOCOL_VERSION, PullQuery};
use campo_device::DeviceError;
use campo_tests::{PASSWORD, World};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// A sign-in attempt from `from` (any 127.x address reaches the server).
async fn attempt(world: &World, from: &str, login: &str, password: &str) -> (StatusCode, Option<u64>, Value) {
    let client = reqwest::Client::builder().local_address(from.parse::<IpAddr>().ok()).build().expect("client");
    let response = client
        .post(format!("{}/v1/login", world.server.url))
        .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
        .json(&json!({ "login": login, "password": password }))
        .send()
        .await
        .expect("request");
    let status = response.status();
    let retry = response.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
    (status, retry, response.json().await.expect("json"))
}

#[tokio::test]
async fn repeated_wrong_passwords_are_slowed_per_login_and_per_address_with_a_spanish_wait() {
    let world = World::new(1).await;
    for _ in 0..5 {
        let (status, _, _) = attempt(&world, "127.0.0.2", "g1", "adivinanza").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, _, _) = attempt(&world, "127.0.0.2", "g1", "adivinanza").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the failure that starts the wait is still answered");
    let (status, retry, answer) = attempt(&world, "127.0.0.3", "g1", PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "the login waits, from any address: {answer}");
    assert!(retry.is_some_and(|s| (1..=2).contains(&s)), "{retry:?}");
    assert_eq!(answer["error"], "too_many_attempts");
    let message = answer["message"].as_str().expect("message");
    assert!(message.starts_with("demasiados intentos fallidos: espera") && message.contains("segundo"), "{message}");

    // Another login from the guessing address is still let in until that address runs out of tries.
    let (status, _, _) = attempt(&world, "127.0.0.2", "g2", PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    for n in 0..21 {
        let (status, _, answer) = attempt(&world, "127.0.0.4", &format!("nadie{n}"), "x").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{n}: {answer}");
    }
    let (status, _, answer) = attempt(&world, "127.0.0.4", "g2", PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "one address trying many logins waits: {answer}");
    let (status, _, _) = attempt(&world, "127.0.0.5", "g2", PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "other addresses are not held up");
}

#[tokio::test]
async fn an_unknown_login_is_refused_like_a_wrong_password_and_costs_a_hash_too() {
    let world = World::new(1).await;
    // Warm both paths, then compare: an unknown login that skipped the hash
    // would answer in well under a tenth of the time.
    attempt(&world, "127.0.0.6", "g1", "mal").await;
    attempt(&world, "127.0.0.7", "fantasma", "mal").await;
    let time = |from: &'static str, login: &'static str| {
        let world = &world;
        async move {
            let start = Instant::now();
            let (status, _, answer) = attempt(world, from, login, "mal").await;
            (start.elapsed(), status, answer["message"].clone())
        }
    };
    let (wrong, wrong_status, wrong_message) = time("127.0.0.6", "g1").await;
    let (unknown, unknown_status, unknown_message) = time("127.0.0.7", "fantasma").await;
    assert_eq!((wrong_status, &wrong_message), (unknown_status, &unknown_message), "the same answer");
    assert!(unknown * 4 > wrong, "an unknown login is not answered faster: {unknown:?} against {wrong:?}");
}

#[tokio::test]
async fn a_device_name_with_control_characters_or_too_long_is_refused_naming_the_field() {
    let world = World::new(1).await;
    for name in ["Moto\u{0}G", &"x".repeat(61), "  "] {
        let response = reqwest::Client::new()
            .post(format!("{}/v1/login", world.server.url))
            .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
            .json(&json!({ "login": "g1", "password": PASSWORD, "device_name": name }))
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name:?}");
        let answer: Value = response.json().await.expect("json");
        assert!(answer["message"].as_str().is_some_and(|m| m.contains("nombre del dispositivo")), "{answer}");
    }
    assert_eq!(world.count("SELECT count(*) FROM replicas WHERE user_id IS NOT NULL"), 0, "no device registered");
}

#[tokio::test]
async fn an_expired_session_asks_to_sign_in_again_and_keeps_the_pending_work() {
    let world = World::new(1).await;
    let device = world.synced_device("g1").await;
    let visit = device.visit(world.fixture.debtors_of("g1")[0], "hecha sin señal");
    // A month without syncing: the token has expired.
    let conn = rusqlite::Connection::open(&world.db).expect("open");
    conn.execute("UPDATE tokens SET expires_at = '2026-01-01T00:00:00.000Z'", []).expect("expire");
    let refused = device.sync().await.expect_err("expired");
    assert!(matches!(refused, DeviceError::SignInAgain), "{refused:?}");
    assert_eq!(device.store.status().expect("status").pending, 1, "the visit is kept");
    campo_device::login(&device.store, &world.server.url, "g1", PASSWORD, "tel").await.expect("sign in");
    device.sync().await.expect("sync");
    assert_eq!(world.count("SELECT count(*) FROM records WHERE kind = 'visit'"), 1);
    assert_eq!(device.notes(visit).as_deref(), Some("hecha sin señal"));
}

#[tokio::test]
async fn a_token_in_use_is_renewed_and_one_signed_out_stops_working() {
    let world = World::new(1).await;
    let device = world.synced_device("g1").await;
    let conn = rusqlite::Connection::open(&world.db).expect("open");
    conn.execute("UPDATE tokens SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+2 days')", []).expect("age");
    device.sync().await.expect("sync");
    let days_left: f64 = conn
        .query_row("SELECT julianday(expires_at) - julianday('now') FROM tokens", [], |r| r.get(0))
        .expect("expiry");
    assert!(days_left > 29.0, "renewed by use: {days_left} days left");

    let client = device.client();
    campo_device::app::sign_out(&device.store, None).await.expect("sign out");
    let query = PullQuery { cursor: 0, clock: None, limit: None, max_bytes: None };
    let refused = client.pull(&query).await.expect_err("the token is over");
    assert!(matches!(refused, DeviceError::SignInAgain), "the server ended the session too: {refused:?}");
}

#[tokio::test]
async fn an_admin_ends_every_session_of_a_user_and_only_an_admin_may() {
    let world = World::new(1).await;
    let (first, second) = (world.synced_device("g1").await, world.synced_device("g1").await);
    let visit = first.visit(world.fixture.debtors_of("g1")[0], "pendiente");
    let g1 = world.fixture.gestor("g1");
    let coord = world.office("coord").await;
    let (status, _) = coord.call(Method::POST, &format!("/v1/users/{g1}/revoke-sessions"), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a coordinator may not");

    let admin = world.office("admin").await;
    let (status, answer) = admin.call(Method::POST, &format!("/v1/users/{g1}/revoke-sessions"), None).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["revoked"], 2);
    for device in [&first, &second] {
        assert!(matches!(device.sync().await, Err(DeviceError::SignInAgain)));
    }
    assert_eq!(first.store.status().expect("status").pending, 1, "the pending visit is kept");
    assert_eq!(first.notes(visit).as_deref(), Some("pendiente"));
    let audit = admin.get("/v1/audit").await;
    assert_eq!(audit[0]["action"], "revoke_sessions", "{audit}");
    assert_eq!(audit[0]["target"], g1.to_string());
    assert_eq!(audit[0]["login"], "admin");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guesses_sent_all_at_once_are_throttled_like_guesses_sent_in_turn() {
    let world = std::sync::Arc::new(World::new(1).await);
    let guesses: Vec<_> = (0..12)
        .map(|_| {
            let world = world.clone();
            tokio::spawn(async move { attempt(&world, "127.0.0.8", "g1", "adivinanza").await.0 })
        })
        .collect();
    let mut waited = 0;
    for guess in guesses {
        if guess.await.expect("attempt") == StatusCode::TOO_MANY_REQUESTS {
            waited += 1;
        }
    }
    assert_eq!(waited, 6, "only the five free failures and the one that starts the wait are hashed");
}

#[tokio::test]
async fn an_admin_creates_a_user_resets_a_password_revokes_a_lost_phone_and_deactivates_someone_who_left() {
    let world = World::new(1).await;
    let admin = world.office("admin").await;
    let phone = world.synced_device("g1").await;
    let visit = phone.visit(world.fixture.debtors_of("g1")[0], "hecha antes de perder el teléfono");

    let users = admin.get("/v1/users").await;
    let g1 = users.as_array().expect("users").iter().find(|u| u["user"]["login"] == "g1").expect("g1").clone();
    assert_eq!((&g1["team_name"], &g1["active"]), (&json!("Equipo de pruebas"), &json!(true)));
    let device = g1["devices"][0]["id"].as_str().expect("its phone").to_owned();
    let team = admin.get("/v1/teams").await[0]["id"].clone();

    let create = |login: &str, password: &str, role: &str, team: Value| json!({ "login": login, "name": "Rosa Ibarra León", "role": role, "team": team, "password": password });
    for (body, why) in [
        (create("g1", "una-clave-larga", "gestor", team.clone()), "ya hay un usuario «g1»"),
        (create("rosa", "corta", "gestor", team.clone()), "al menos 10 caracteres"),
        (create("rosa", "una-clave-larga", "gestor", Value::Null), "elige uno"),
        (create("rosa", "una-clave-larga", "admin", team.clone()), "no van en un equipo"),
        (create("rosá", "una-clave-larga", "gestor", team.clone()), "letras sin acento"),
    ] {
        let (status, answer) = admin.call(Method::POST, "/v1/users", Some(body)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
        assert!(answer["message"].as_str().is_some_and(|m| m.contains(why)), "{why}: {answer}");
    }
    let (status, rosa) =
        admin.call(Method::POST, "/v1/users", Some(create("rosa", "una-clave-larga", "gestor", team))).await;
    assert_eq!((status, &rosa["user"]["role"]), (StatusCode::OK, &json!("gestor")), "{rosa}");
    assert_eq!(attempt(&world, "127.0.0.4", "rosa", "una-clave-larga").await.0, StatusCode::OK, "rosa signs in");

    // The phone is lost: revoked, it must sign in again, and keeps the visit it had not sent.
    let (status, _) = admin.call(Method::POST, &format!("/v1/devices/{device}/revoke"), None).await;
    assert_eq!(status, StatusCode::OK);
    let refused = phone.sync().await.expect_err("revoked");
    assert!(matches!(refused, DeviceError::SignInAgain), "{refused:?}");
    assert_eq!(phone.store.status().expect("status").pending, 1, "{visit} is kept");

    // g1 forgot the password: a new one, and the old one no longer works.
    let g1_id = g1["user"]["id"].as_str().expect("id");
    let (status, answer) = admin
        .call(Method::POST, &format!("/v1/users/{g1_id}/password"), Some(json!({ "password": "nueva-clave-2026" })))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(attempt(&world, "127.0.0.2", "g1", PASSWORD).await.0, StatusCode::UNAUTHORIZED);
    campo_device::login(&phone.store, &world.server.url, "g1", "nueva-clave-2026", "tel nuevo")
        .await
        .expect("signs in");
    phone.sync().await.expect("and sends the visit");
    assert_eq!(world.count("SELECT count(*) FROM records WHERE kind = 'visit'"), 1);

    // g1 left: no more sign-ins, and the work stays.
    let (status, left) = admin.call(Method::POST, &format!("/v1/users/{g1_id}/deactivate"), None).await;
    assert_eq!((status, &left["active"]), (StatusCode::OK, &json!(false)));
    assert_eq!(attempt(&world, "127.0.0.3", "g1", "nueva-clave-2026").await.0, StatusCode::UNAUTHORIZED);
    assert!(matches!(phone.sync().await.expect_err("over"), DeviceError::SignInAgain));
    assert_eq!(world.count("SELECT count(*) FROM records WHERE kind = 'visit'"), 1);
    let debtor = world.fixture.debtors_of("g2")[0];
    let (status, answer) = world
        .office("coord")
        .await
        .call(
            Method::PUT,
            &format!("/v1/debtors/{debtor}/assignment"),
            Some(json!({ "gestor": g1_id, "expected_gestor": null })),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "no work for someone who left: {answer}");
    assert!(answer["message"].as_str().is_some_and(|m| m.contains("desactivado")), "{answer}");
    let me = admin.get("/v1/users").await;
    let me = me.as_array().expect("users").iter().find(|u| u["user"]["login"] == "admin").expect("admin")["user"]["id"]
        .clone();
    let (status, answer) =
        admin.call(Method::POST, &format!("/v1/users/{}/deactivate", me.as_str().expect("id")), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{answer}");
    let actions = world.count("SELECT count(*) FROM audit WHERE action IN ('user_create', 'device_revoke', 'password_reset', 'user_deactivate')");
    assert_eq!(actions, 4);
}

#[tokio::test]
async fn an_admin_creates_a_region_and_a_team_in_it_with_unique_names() {
    let world = World::new(1).await;
    let admin = world.office("admin").await;
    let (status, region) =
        admin.call(Method::POST, "/v1/territories", Some(json!({ "name": "Lima Sur", "currency": "PEN" }))).await;
    assert_eq!(status, StatusCode::OK, "{region}");
    let (status, again) =
        admin.call(Method::POST, "/v1/territories", Some(json!({ "name": "Lima Sur", "currency": "PEN" }))).await;
    assert!(
        status == StatusCode::BAD_REQUEST
            && again["message"].as_str().is_some_and(|m| m.contains("ya hay un territorio")),
        "{again}"
    );
    let team = json!({ "name": "Equipo Lima Sur", "territory": region["id"] });
    let (status, made) = admin.call(Method::POST, "/v1/teams", Some(team.clone())).await;
    assert_eq!((status, &made["territory"]), (StatusCode::OK, &region["id"]), "{made}");
    let (status, _) = admin.call(Method::POST, "/v1/teams", Some(team)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "the name is taken");
    let nowhere = json!({ "name": "Equipo fantasma", "territory": campo_core::ids::TerritoryId::generate() });
    assert_eq!(admin.call(Method::POST, "/v1/teams", Some(nowhere)).await.0, StatusCode::BAD_REQUEST);
    let teams = admin.get("/v1/teams").await;
    assert!(teams.as_array().expect("teams").iter().any(|t| t["name"] == "Equipo Lima Sur"));
    let coord = world.office("coord").await;
    let (status, _) =
        coord.call(Method::POST, "/v1/territories", Some(json!({ "name": "Otra", "currency": "MXN" }))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_admin_gives_a_new_coordinator_their_territories_and_they_balance_only_those() {
    let world = World::new(1).await;
    let admin = world.office("admin").await;
    let body = json!({ "login": "lucia", "name": "Lucía Ramos Peña", "role": "coordinator", "team": null, "password": "una-clave-larga" });
    let (status, lucia) = admin.call(Method::POST, "/v1/users", Some(body)).await;
    assert_eq!((status, &lucia["territories"]), (StatusCode::OK, &json!([])), "{lucia}");
    let id = lucia["user"]["id"].as_str().expect("id").to_owned();
    let pruebas = admin.get("/v1/territories").await[0]["id"].clone();
    let path = format!("/v1/users/{id}/territories");

    let nowhere = json!({ "territories": [campo_core::ids::TerritoryId::generate()] });
    let (status, answer) = admin.call(Method::PUT, &path, Some(nowhere)).await;
    assert!(
        status == StatusCode::BAD_REQUEST
            && answer["message"].as_str().is_some_and(|m| m.contains("no existe la región")),
        "{answer}"
    );
    let g1 = world.fixture.gestor("g1");
    let (status, answer) = admin
        .call(Method::PUT, &format!("/v1/users/{g1}/territories"), Some(json!({ "territories": [pruebas] })))
        .await;
    assert!(
        status == StatusCode::BAD_REQUEST
            && answer["message"].as_str().is_some_and(|m| m.contains("no es coordinador")),
        "{answer}"
    );

    let coordinator = campo_tests::Office::login(&world.server.url, "lucia", "una-clave-larga").await;
    assert_eq!(coordinator.get("/v1/workload").await, json!([]), "no territory, no gestores");
    let (status, given) = admin.call(Method::PUT, &path, Some(json!({ "territories": [pruebas] }))).await;
    assert_eq!((status, &given["territories"]), (StatusCode::OK, &json!([pruebas])), "{given}");
    let loads = coordinator.get("/v1/workload").await;
    assert_eq!(loads.as_array().expect("workloads").len(), 3, "the territory's gestores: {loads}");
    let trail = world.count("SELECT count(*) FROM audit WHERE action = 'coordinator_territories'");
    assert_eq!(trail, 1, "only the change that was made is audited");
}

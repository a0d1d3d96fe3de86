//! The console's session and pages over real HTTP: a cookie only office
//! users get, that scripts cannot read and other sites cannot ride on, that
//! ends at logout; the pages served from the server binary; and the
//! supervisor's queue of plans waiting for a decision, in scope.

use campo_core::wire::{PROTOCOL_HEADER, PROTOCOL_VERSION};
use campo_tests::{World, fixture_today};
use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};

/// What a browser does with the console's cookie, by hand: keeps the one it was given and sends it back.
struct CookieClient {
    http: reqwest::Client,
    url: String,
    cookie: Option<String>,
}

impl CookieClient {
    fn new(world: &World) -> Self {
        Self { http: reqwest::Client::new(), url: world.server.url.clone(), cookie: None }
    }

    /// Sends `method path` with the cookie (if any) and `extra` headers; status, headers, JSON body.
    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        extra: &[(&str, &str)],
    ) -> (StatusCode, header::HeaderMap, Value) {
        let mut request =
            self.http.request(method, format!("{}{path}", self.url)).header(PROTOCOL_HEADER, PROTOCOL_VERSION);
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        for (name, value) in extra {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request");
        let (status, headers) = (response.status(), response.headers().clone());
        let text = response.text().await.expect("body");
        (status, headers, if text.is_empty() { Value::Null } else { serde_json::from_str(&text).expect("json") })
    }

    async fn sign_in(&mut self, login: &str, password: &str) -> (StatusCode, Option<String>, Value) {
        self.sign_in_with(login, password, &[]).await
    }

    /// [`Self::sign_in`] with `extra` headers, as a proxy in front adds them.
    async fn sign_in_with(
        &mut self,
        login: &str,
        password: &str,
        extra: &[(&str, &str)],
    ) -> (StatusCode, Option<String>, Value) {
        let body = json!({ "login": login, "password": password });
        let (status, headers, answer) = self.send(Method::POST, "/v1/console/session", Some(body), extra).await;
        let set = headers.get(header::SET_COOKIE).map(|v| v.to_str().expect("ascii").to_owned());
        self.cookie = set.as_deref().and_then(|s| s.split(';').next()).map(str::to_owned);
        (status, set, answer)
    }
}

#[tokio::test]
async fn the_console_session_is_a_cookie_for_the_office_that_other_sites_cannot_use_and_logout_ends() {
    let world = World::new(1).await;
    let mut browser = CookieClient::new(&world);

    // A gestor is sent to the app, with no session.
    let (status, set, answer) = browser.sign_in("g1", world.password).await;
    assert_eq!((status, set), (StatusCode::FORBIDDEN, None), "{answer}");
    assert_eq!(answer["error"], "office_only", "{answer}");
    let (status, _, answer) = browser.sign_in("sup", "no es la contraseña").await;
    assert_eq!((status, answer["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("unauthorized")));

    let (status, set, user) = browser.sign_in("sup", world.password).await;
    assert_eq!(status, StatusCode::OK, "{user}");
    assert_eq!(user["role"], "supervisor");
    assert!(user.get("token").is_none(), "the token is never in reach of page scripts");
    let set = set.expect("a session cookie");
    let attributes: Vec<&str> = set.split(';').map(str::trim).skip(1).collect();
    assert_eq!(attributes, ["Path=/", "HttpOnly", "SameSite=Strict"], "{set}");
    let (status, _, me) = browser.send(Method::GET, "/v1/console/session", None, &[]).await;
    assert_eq!((status, me["login"].as_str()), (StatusCode::OK, Some("sup")), "{me}");

    // The cookie, sent along by a page of another site, opens nothing:
    // whether the browser says so in Sec-Fetch-Site or only in Origin.
    let host = world.server.url.trim_start_matches("http://").to_owned();
    let other_port = format!("http://{}:1", host.split(':').next().expect("a host"));
    for elsewhere in [
        vec![("origin", "https://evil.example")],
        vec![("origin", other_port.as_str())],
        vec![("origin", "null")],
        vec![("sec-fetch-site", "cross-site"), ("origin", "https://evil.example")],
        vec![("sec-fetch-site", "same-site")],
    ] {
        let (status, _, _) = browser.send(Method::GET, "/v1/plans/waiting", None, &elsewhere).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{elsewhere:?}");
        let decision = json!({ "if_vv": {}, "decision": { "decision": "approve" }, "comment": "" });
        let path = format!("/v1/plans/{}/decision", campo_core::ids::RecordId::generate());
        let (status, _, _) = browser.send(Method::POST, &path, Some(decision), &elsewhere).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "POST with {elsewhere:?}");
    }
    let own = format!("http://{host}");
    for same in [vec![("origin", own.as_str())], vec![("sec-fetch-site", "same-origin"), ("origin", own.as_str())]] {
        let (status, headers, _) = browser.send(Method::GET, "/v1/plans/waiting", None, &same).await;
        assert_eq!(status, StatusCode::OK, "the console's own pages: {same:?}");
        assert_eq!(headers[header::CACHE_CONTROL], "no-store", "debtors' data stays out of the browser's cache");
    }
    // A program with a bearer token is not a browser riding on a cookie.
    let office = world.office("sup").await;
    let bearer = reqwest::Client::new()
        .get(format!("{}/v1/plans/waiting", world.server.url))
        .header(PROTOCOL_HEADER, PROTOCOL_VERSION)
        .bearer_auth(&office.token)
        .header("origin", "https://evil.example")
        .send()
        .await
        .expect("request");
    assert_eq!(bearer.status(), StatusCode::OK);

    // Logout ends the session on the server and clears the cookie.
    let kept = browser.cookie.clone();
    let (status, headers, _) = browser.send(Method::DELETE, "/v1/console/session", None, &[]).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let cleared = headers.get(header::SET_COOKIE).expect("cleared").to_str().expect("ascii");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    browser.cookie = kept;
    let (status, _, _) = browser.send(Method::GET, "/v1/console/session", None, &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the old cookie is dead");
    // Signing out with a dead cookie still clears it.
    let (status, headers, _) = browser.send(Method::DELETE, "/v1/console/session", None, &[]).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(headers[header::SET_COOKIE].to_str().expect("ascii").contains("Max-Age=0"));

    // A session left unused past its idle time is over.
    browser.sign_in("sup", world.password).await;
    let conn = rusqlite::Connection::open(&world.db).expect("db");
    conn.execute("UPDATE tokens SET expires_at = '2000-01-01T00:00:00Z' WHERE replica_id IS NULL", []).expect("aged");
    let (status, _, answer) = browser.send(Method::GET, "/v1/console/session", None, &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{answer}");
    // And one kept busy ends a working day after sign-in.
    browser.sign_in("sup", world.password).await;
    let (status, _, _) = browser.send(Method::GET, "/v1/console/session", None, &[]).await;
    assert_eq!(status, StatusCode::OK);
    let signed_in =
        (chrono::Utc::now() - chrono::TimeDelta::hours(13)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    conn.execute("UPDATE tokens SET created_at = ?1 WHERE replica_id IS NULL AND revoked_at IS NULL", [&signed_in])
        .expect("signed in yesterday");
    let (status, _, answer) = browser.send(Method::GET, "/v1/console/session", None, &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{answer}");
    let (status, _) = world.office("sup").await.call(Method::GET, "/v1/plans/waiting", None).await;
    assert_eq!(status, StatusCode::OK, "a bearer token signed in now is not touched");

    // Behind a TLS proxy the cookie goes over HTTPS only, for this host alone.
    let https = [("x-forwarded-proto", "https")];
    let (status, set, _) = browser.sign_in_with("sup", world.password, &https).await;
    assert_eq!(status, StatusCode::OK);
    let set = set.expect("a session cookie");
    assert!(set.starts_with("__Host-campo_session="), "{set}");
    let attributes: Vec<&str> = set.split(';').map(str::trim).skip(1).collect();
    assert_eq!(attributes, ["Path=/", "Secure", "HttpOnly", "SameSite=Strict"], "{set}");
    let (status, _, me) = browser.send(Method::GET, "/v1/console/session", None, &https).await;
    assert_eq!((status, me["login"].as_str()), (StatusCode::OK, Some("sup")), "{me}");
    let (_, headers, _) = browser.send(Method::DELETE, "/v1/console/session", None, &https).await;
    let cleared = headers[header::SET_COOKIE].to_str().expect("ascii");
    assert!(cleared.starts_with("__Host-campo_session=;") && cleared.ends_with("Max-Age=0"), "{cleared}");
}

#[tokio::test]
async fn the_server_serves_the_console_it_was_built_with() {
    let world = World::new(0).await;
    let http = reqwest::Client::new();
    let page = http.get(format!("{}/console/", world.server.url)).send().await.expect("page");
    assert_eq!(page.status(), StatusCode::OK);
    let policy =
        page.headers().get(header::CONTENT_SECURITY_POLICY).expect("a CSP").to_str().expect("ascii").to_owned();
    assert!(policy.contains("default-src 'self'") && policy.contains("frame-ancestors 'none'"), "{policy}");
    let html = page.text().await.expect("html");
    let script =
        html.split("src=\"").nth(1).and_then(|rest| rest.split('"').next()).expect("the page loads its script");
    assert!(script.starts_with("/console/assets/"), "{script}");
    let asset = http.get(format!("{}{script}", world.server.url)).send().await.expect("asset");
    assert_eq!(asset.status(), StatusCode::OK);
    assert!(asset.headers()[header::CACHE_CONTROL].to_str().expect("ascii").contains("immutable"));
    // A screen's address reloads the console; an asset that is not there is not found.
    let screen = http.get(format!("{}/console/planes", world.server.url)).send().await.expect("screen");
    assert_eq!(screen.status(), StatusCode::OK);
    let missing = http.get(format!("{}/console/assets/nada.js", world.server.url)).send().await.expect("missing");
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let favicon = http.get(format!("{}/console/favicon.ico", world.server.url)).send().await.expect("favicon");
    assert_eq!(favicon.status(), StatusCode::NOT_FOUND, "a file that is not there is not the page");
    assert!(!policy.contains("unsafe"), "{policy}");
}

#[tokio::test]
async fn the_supervisor_queue_holds_the_plans_of_their_team_waiting_for_a_decision() {
    let world = World::new(2).await;
    let [waiting, in_force] = world.fixture.debtors_of("g1")[..] else { panic!("two debtors") };
    let device = world.synced_device("g1").await;
    let plan = |discount: &str| campo_device::plans::PlanRequest {
        terms: campo_core::plan::PlanTerms {
            total: campo_core::money::Amount::parse("900.00".parse().expect("decimal"), "total").expect("amount"),
            count: 3,
            frequency: campo_core::plan::Frequency::Monthly,
            first_due: fixture_today(),
        },
        discount: campo_core::money::Amount::parse(discount.parse().expect("decimal"), "d").expect("amount"),
        made_on: fixture_today(),
    };
    for (debtor, discount) in [(waiting, "100.00"), (in_force, "0.00")] {
        let preview = device.store.plan_preview(debtor, &plan(discount)).expect("preview");
        let body = campo_core::RecordBody::Promise(preview.promise.try_into().expect("a plan"));
        device.store.create(debtor, &body).expect("saved");
    }
    device.sync().await.expect("sync");

    let queue = world.office("sup").await.get("/v1/plans/waiting").await;
    let queue = queue.as_array().expect("a list");
    assert_eq!(queue.len(), 1, "the plan in force needs nobody: {queue:?}");
    assert_eq!(queue[0]["debtor_id"], waiting.to_string());
    assert_eq!(queue[0]["discount_percent"], "1", "100.00 of 10,000.00");
    assert_eq!((&queue[0]["gestor_name"], &queue[0]["proposed_by"]), (&json!("Usuario g1"), &json!("Usuario g1")));
    assert_eq!(queue[0]["debtor_name"], world.field_of(waiting, "name"));
    assert_eq!(world.office("coord").await.get("/v1/plans/waiting").await.as_array().map(Vec::len), Some(1));
    let (status, _) = world.office("g1").await.call(Method::GET, "/v1/plans/waiting", None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let id: campo_core::ids::RecordId = queue[0]["id"].as_str().expect("id").parse().expect("an id");

    // The account moves to another team's gestor: it leaves this supervisor's
    // queue (whose decision would not reach its gestor) and is listed with
    // who has it now and who proposed it.
    let (_, elsewhere) = campo_tests::add_territory(&*world.storage, "Otra", campo_core::money::Currency::MXN, "mx2");
    world.office("admin").await.reassign(waiting, elsewhere).await;
    assert_eq!(world.office("sup").await.get("/v1/plans/waiting").await, json!([]));
    let decision = json!({ "if_vv": queue[0]["vv"], "decision": { "decision": "approve" }, "comment": "" });
    let (status, _) =
        world.office("sup").await.call(Method::POST, &format!("/v1/plans/{id}/decision"), Some(decision)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "nor can it be decided from here");
    let moved = world.office("admin").await.get("/v1/plans/waiting").await;
    assert_eq!((&moved[0]["gestor_name"], &moved[0]["proposed_by"]), (&json!("Usuario mx2"), &json!("Usuario g1")));

    // Decided, it leaves the queue.
    let (status, answer) = world.office("admin").await.decide_plan(id, json!({ "decision": "approve" }), "").await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(world.office("admin").await.get("/v1/plans/waiting").await, json!([]));
}

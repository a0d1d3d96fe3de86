//! The harness for Campo's cross-crate scenarios: a real sync server on a real
//! SQLite file and 127.0.0.1 port 0, real device stores, and a proxy that can
//! lose answers on the way back, as a field link does.
//!
//! [`World::new`] seeds a small organisation (one team in one MXN territory:
//! supervisor `sup`, gestores `g1`, `g2`, `g3`; `coord` coordinating the
//! territory, and `admin`; all with [`PASSWORD`]) and
//! starts the server. [`World::device`] signs a fresh device in;
//! [`World::office`] signs a console session in.

pub mod browser;
pub mod process;
pub mod proxy;
pub mod webdriver;

use std::{
    path::{Path, PathBuf},
    sync::{Arc, OnceLock},
};

use campo_core::{
    RecordBody,
    activity::{Visit, VisitFields},
    contact::{
        Country,
        policy::{ContactPolicy, FrequencyCaps},
    },
    debtor::{DebtorFields, Product},
    ids::{DebtorId, RecordId, ReplicaId, TeamId, TerritoryId, UserId},
    money::{Amount, Currency},
    outcome::Outcome,
    text::{Email, Label, Phone},
    wire::{IDEMPOTENCY_HEADER, PROTOCOL_HEADER, PROTOCOL_VERSION, Role},
    zone::Zone,
};
use campo_device::{DeviceError, Store, SyncOptions, SyncReport};
use campo_sync_server::{SqliteStorage, Storage, auth, demo, office, store::NewUser};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use tokio::{sync::oneshot, task::JoinHandle};

/// Adds a territory in `currency` with a team of one gestor, `login`; the
/// territory's and the gestor's ids. For scenarios across territories.
pub fn add_territory(storage: &dyn Storage, name: &str, currency: Currency, login: &str) -> (TerritoryId, UserId) {
    let mut tx = storage.write().expect("write tx");
    let territory = TerritoryId::generate();
    tx.insert_territory(territory, name, currency).expect("territory");
    let team = TeamId::generate();
    tx.insert_team(team, &format!("Equipo {name}"), territory).expect("team");
    let id = UserId::generate();
    let user = NewUser {
        id,
        login: login.into(),
        name: format!("Usuario {login}"),
        role: Role::Gestor,
        team: Some(team),
        password_hash: password_hash().into(),
    };
    tx.insert_user(&user).expect("user");
    tx.commit().expect("commit");
    (territory, id)
}

/// Every fixture user's password.
pub const PASSWORD: &str = "clave-de-prueba";

/// One argon2 hash for all fixture users: hashing is slow by design.
fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| auth::hash_password(PASSWORD))
}

/// A sync server running in this process.
pub struct TestServer {
    /// Its base URL.
    pub url: String,
    /// Its address.
    pub addr: std::net::SocketAddr,
    storage: Arc<dyn Storage>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl TestServer {
    /// Serves `storage` on 127.0.0.1, port 0.
    pub async fn spawn(storage: Arc<dyn Storage>) -> Self {
        Self::spawn_at(storage, "127.0.0.1:0".parse().expect("address")).await
    }

    /// Serves `storage` at `addr`: a restarted server keeps its address, so
    /// the devices signed in to it find it again.
    pub async fn spawn_at(storage: Arc<dyn Storage>, addr: std::net::SocketAddr) -> Self {
        let listener = tokio::net::TcpListener::bind(addr).await.unwrap_or_else(|e| panic!("bind {addr}: {e}"));
        let addr = listener.local_addr().expect("local addr");
        let (tx, rx) = oneshot::channel();
        let served = storage.clone();
        let task = tokio::spawn(async move {
            campo_sync_server::launch_with_listener(listener, served, async {
                let _ = rx.await;
            })
            .await
            .expect("server runs");
        });
        Self { url: format!("http://{addr}"), addr, storage, shutdown: Some(tx), task: Some(task) }
    }

    /// Stops taking requests and waits for those in flight: the devices are
    /// offline until [`TestServer::restart`].
    pub async fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    /// Serves the same storage at the same address again.
    pub async fn restart(&mut self) {
        self.stop().await;
        *self = Self::spawn_at(self.storage.clone(), self.addr).await;
    }
}

/// A debtor account for the fixture, the `n`th of its gestor.
pub fn debtor_fields(n: usize, territory: TerritoryId) -> DebtorFields {
    let amount = |cents: i64| Amount::parse(rust_decimal_from(cents), "monto").expect("valid amount");
    DebtorFields {
        external_ref: Label::parse(&format!("REF-{n:06}"), "ref").expect("label"),
        name: Label::parse(&format!("Deudor {n}"), "nombre").expect("label"),
        national_id: Label::parse(&format!("ID{n:08}"), "id").expect("label"),
        product: Product::PersonalLoan,
        currency: Currency::MXN,
        balance: amount(1_000_000),
        overdue: amount(200_000),
        minimum_payment: amount(100_000),
        overdue_since: chrono::NaiveDate::from_ymd_opt(2026, 9, 1),
        segment: Label::parse("medio", "segmento").expect("label"),
        territory,
        zone: Zone::MEXICO_CITY,
        phones: vec![Phone::parse("5512345678").expect("phone")],
        emails: vec![Email::parse(&format!("deudor{n}@example.com")).expect("email")],
        addresses: vec![],
        lender: None,
        related: vec![],
        dispute: false,
        deceased: false,
        do_not_visit: false,
        breakdown: None,
        pay_to: None,
    }
}

fn rust_decimal_from(cents: i64) -> rust_decimal::Decimal {
    rust_decimal::Decimal::new(cents, 2)
}

/// Ids of the fixture's people and accounts.
#[derive(Clone, Debug)]
pub struct Fixture {
    /// Gestor logins → ids.
    pub gestores: Vec<(String, UserId)>,
    /// Each gestor's debtors, in the order of `gestores`.
    pub debtors: Vec<Vec<DebtorId>>,
}

impl Fixture {
    /// The id of gestor `login`.
    pub fn gestor(&self, login: &str) -> UserId {
        self.gestores.iter().find(|(l, _)| l == login).map(|(_, id)| *id).expect("fixture gestor")
    }

    /// The debtors of gestor `login`.
    pub fn debtors_of(&self, login: &str) -> &[DebtorId] {
        let i = self.gestores.iter().position(|(l, _)| l == login).expect("fixture gestor");
        &self.debtors[i]
    }
}

/// Creates the fixture organisation in `storage`, with `per_gestor` debtors
/// for each of `g1` and `g2` (`g3` starts empty).
pub fn seed(storage: &dyn Storage, per_gestor: usize) -> Fixture {
    seed_with(storage, per_gestor, debtor_fields)
}

/// [`seed`], with the `n`th debtor's fields made by `fields`.
pub fn seed_with(
    storage: &dyn Storage,
    per_gestor: usize,
    fields: impl Fn(usize, TerritoryId) -> DebtorFields,
) -> Fixture {
    let mut tx = storage.write().expect("write tx");
    let territory = TerritoryId::generate();
    tx.insert_territory(territory, "Pruebas", Currency::MXN).expect("territory");
    let team = TeamId::generate();
    tx.insert_team(team, "Equipo de pruebas", territory).expect("team");
    let mut add = |login: &str, role: Role| {
        let id = UserId::generate();
        let user = NewUser {
            id,
            login: login.into(),
            name: format!("Usuario {login}"),
            role,
            team: matches!(role, Role::Gestor | Role::Supervisor).then_some(team),
            password_hash: password_hash().into(),
        };
        tx.insert_user(&user).expect("user");
        id
    };
    add("sup", Role::Supervisor);
    let coord = add("coord", Role::Coordinator);
    let admin = add("admin", Role::Admin);
    let gestores: Vec<(String, UserId)> =
        ["g1", "g2", "g3"].iter().map(|l| (l.to_string(), add(l, Role::Gestor))).collect();
    hold_any_hour_policy(&mut *tx, admin);
    let mut debtors = vec![Vec::new(); gestores.len()];
    for (g, (_, gestor)) in gestores.iter().enumerate().take(2) {
        for n in 0..per_gestor {
            let (id, _) =
                office::upsert_debtor(&mut *tx, fields(g * 1_000_000 + n, territory), *gestor, None).expect("debtor");
            debtors[g].push(id);
        }
    }
    tx.insert_coordinator_territory(coord, territory).expect("coordinator");
    tx.commit().expect("commit");
    Fixture { gestores, debtors }
}

/// The contact policy the fixture and the demo world put in force: any hour,
/// any day, as often as a scenario needs. Sync scenarios must not depend on the
/// hour CI runs at; the contact scenarios put in force the policy they test.
/// Who may hear of the debt, and the account's flags, still hold.
pub fn any_hour_policy(country: Country) -> ContactPolicy {
    ContactPolicy {
        version: 2,
        from: chrono::NaiveTime::MIN,
        until: chrono::NaiveTime::MIN,
        weekends: true,
        holidays: true,
        caps: FrequencyCaps { attempts_per_day: 10_000, attempts_per_week: 10_000, visits_per_week: 10_000 },
        ..ContactPolicy::default_for(country)
    }
}

/// Puts [`any_hour_policy`] in force in both countries, keeping the agency
/// the policy in force names.
fn hold_any_hour_policy(tx: &mut dyn campo_sync_server::store::Tx, admin: UserId) {
    for country in Country::ALL {
        let current = tx.policy(country).expect("policy");
        let policy = ContactPolicy {
            version: current.version + 1,
            agency: current.agency,
            agency_phone: current.agency_phone,
            ..any_hour_policy(country)
        };
        let seq = tx.next_seq().expect("seq");
        tx.put_policy(&policy, seq, Some(admin)).expect("policy");
    }
}

/// A server with the fixture, in a temporary directory that also holds the
/// devices' databases.
pub struct World {
    /// Holds every file of the scenario.
    pub dir: tempfile::TempDir,
    /// The server's database file.
    pub db: PathBuf,
    /// The server's storage, for seeding and for looking inside.
    pub storage: Arc<SqliteStorage>,
    /// The running server.
    pub server: TestServer,
    /// Who and what was seeded.
    pub fixture: Fixture,
    /// Every seeded user's password.
    pub password: &'static str,
}

impl World {
    /// Seeds the fixture with `per_gestor` debtors each for `g1` and `g2` and starts the server.
    pub async fn new(per_gestor: usize) -> Self {
        Self::start(PASSWORD, |storage, _| seed(storage, per_gestor)).await
    }

    /// The demo portfolio of `debtors` accounts (real-looking names and
    /// regions, as people will see them) behind the server. Its fixture lists
    /// the demo gestores (`ana` first) and their debtors.
    pub async fn demo(debtors: usize) -> Self {
        Self::start(demo::DEMO_PASSWORD, |storage, db| {
            demo::create(storage, debtors).expect("demo portfolio");
            let mut tx = storage.write().expect("write tx");
            let (admin, _) = tx.user_by_login("admin").expect("user").expect("the demo's admin");
            hold_any_hour_policy(&mut *tx, admin.id);
            tx.commit().expect("commit");
            let gestores: Vec<(String, UserId)> =
                cells::<String>(db, "SELECT login, id FROM users WHERE role = 'gestor' ORDER BY rowid")
                    .into_iter()
                    .map(|row| (row[0].clone(), row[1].parse().expect("user id")))
                    .collect();
            let debtors = gestores
                .iter()
                .map(|(_, id)| {
                    let sql = format!(
                        "SELECT debtor_id FROM assignments WHERE gestor_id = '{id}' AND until_seq IS NULL ORDER BY from_seq"
                    );
                    cells::<String>(db, &sql).into_iter().map(|row| row[0].parse().expect("debtor id")).collect()
                })
                .collect();
            Fixture { gestores, debtors }
        })
        .await
    }

    /// [`World::new`], with the `n`th debtor's fields made by `fields`.
    pub async fn with_debtors(per_gestor: usize, fields: impl Fn(usize, TerritoryId) -> DebtorFields) -> Self {
        Self::start(PASSWORD, |storage, _| seed_with(storage, per_gestor, fields)).await
    }

    async fn start(password: &'static str, fill: impl FnOnce(&dyn Storage, &Path) -> Fixture) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("server.db");
        let storage = Arc::new(SqliteStorage::open(&db).expect("open server db"));
        let fixture = fill(&*storage, &db);
        let server = TestServer::spawn(storage.clone()).await;
        Self { dir, db, storage, server, fixture, password }
    }

    /// A fresh device for `login`, signed in through `url` (the server's own by default).
    pub async fn device_via(&self, login: &str, url: &str) -> Device {
        let path = self.dir.path().join(format!("device-{}.db", uuid::Uuid::now_v7()));
        let store = Store::open(&path).expect("open device db");
        campo_device::login(&store, url, login, self.password, "dispositivo de prueba").await.expect("device login");
        Device { store, path }
    }

    /// A fresh device for `login`, signed in and not yet synced.
    pub async fn device(&self, login: &str) -> Device {
        self.device_via(login, &self.server.url).await
    }

    /// A fresh device for `login` that has made its first sync.
    pub async fn synced_device(&self, login: &str) -> Device {
        let device = self.device(login).await;
        device.sync().await.expect("first sync");
        device
    }

    /// A console session for `login`.
    pub async fn office(&self, login: &str) -> Office {
        Office::login(&self.server.url, login, self.password).await
    }

    /// One number from the server's database, e.g. `SELECT count(*) FROM records`.
    pub fn count(&self, sql: &str) -> i64 {
        self.query(sql, [])
    }

    /// A field of the record `id`'s body on the server, as SQLite's `json_extract` gives it.
    pub fn field_of(&self, id: impl std::fmt::Display, field: &str) -> String {
        self.query("SELECT json_extract(body, ?2) FROM records WHERE id = ?1", [id.to_string(), format!("$.{field}")])
    }

    /// One value from the server's database, for `sql` with `params`.
    pub fn query<T: rusqlite::types::FromSql>(&self, sql: &str, params: impl rusqlite::Params) -> T {
        let conn = rusqlite::Connection::open(&self.db).expect("open server db");
        conn.query_row(sql, params, |r| r.get(0)).unwrap_or_else(|e| panic!("{sql}: {e}"))
    }
}

/// A device: its store and where it lives.
pub struct Device {
    /// The store.
    pub store: Store,
    /// Its database file.
    pub path: PathBuf,
}

impl Device {
    /// Reopens the store at `path` (after a restart or a restore).
    pub fn open(path: &Path) -> Self {
        Self { store: Store::open(path).expect("open device db"), path: path.to_owned() }
    }

    /// Syncs with the default options.
    pub async fn sync(&self) -> Result<SyncReport, DeviceError> {
        campo_device::sync(&self.store, SyncOptions::default(), |_| {}).await
    }

    /// Records a visit on `debtor` with `notes`.
    pub fn visit(&self, debtor: DebtorId, notes: &str) -> RecordId {
        self.store.create(debtor, &RecordBody::Visit(visit_body(notes, chrono::Utc::now()))).expect("visit saved")
    }

    /// Changes a visit's notes.
    pub fn edit_notes(&self, id: RecordId, notes: &str) {
        let local = self.store.record(id).expect("read").expect("visit on device");
        let RecordBody::Visit(visit) = local.record.parse_body().expect("body") else { panic!("not a visit") };
        let mut fields = visit.into_fields();
        fields.notes = notes.into();
        let body = RecordBody::Visit(Visit::try_from(fields).expect("valid"));
        self.store.save(id, local.record.debtor_id, &body, false).expect("edit saved");
    }

    /// Closes the store, copies its file to `to` as a phone backup would, and
    /// opens it again.
    pub fn back_up(self, to: &Path) -> Device {
        let path = self.path.clone();
        drop(self);
        std::fs::copy(&path, to).expect("back up");
        Device::open(&path)
    }

    /// Closes the store and puts the backup at `from` in its place, as a
    /// restore does, and opens it.
    pub fn restore(self, from: &Path) -> Device {
        let path = self.path.clone();
        drop(self);
        std::fs::copy(from, &path).expect("restore");
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        Device::open(&path)
    }

    /// The device's token and replica id, read from its database as someone
    /// holding the phone could: what a hostile client would send with.
    pub fn credentials(&self) -> (String, ReplicaId) {
        let conn = rusqlite::Connection::open(&self.path).expect("open");
        let (token, replica): (String, String) = conn
            .query_row("SELECT token, replica_id FROM session", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("session");
        (token, replica.parse().expect("replica id"))
    }

    /// The typed API client with this device's session, as its sync loop uses it.
    pub fn client(&self) -> campo_device::client::Client {
        let session = self.store.session().expect("session").expect("signed in");
        campo_device::client::Client::new(&session.server_url, &self.credentials().0)
    }

    /// The notes of a visit as this device sees it.
    pub fn notes(&self, id: RecordId) -> Option<String> {
        let local = self.store.record(id).expect("read")?;
        let body: Value = serde_json::from_str(local.record.body.get()).expect("json");
        body["notes"].as_str().map(str::to_owned)
    }
}

/// A device store at `path` as schema `version` left it (the first `version`
/// device migrations), filled by `copy`: SQL that reads `device`'s own store,
/// attached as `now`. For upgrade scenarios.
pub fn store_at_schema(device: &Device, path: &Path, version: usize, copy: &str) -> Device {
    let conn = rusqlite::Connection::open(path).expect("open");
    for sql in &campo_device::store::MIGRATIONS[..version] {
        conn.execute_batch(sql).expect("old schema");
    }
    conn.pragma_update(None, "user_version", version).expect("schema version");
    conn.execute("ATTACH ?1 AS now", [device.path.to_str().expect("utf-8 path")]).expect("attach");
    conn.execute_batch(&format!("DELETE FROM clock; INSERT INTO clock SELECT * FROM now.clock; {copy}"))
        .expect("copy the device's rows");
    drop(conn);
    Device::open(path)
}

/// Every row `sql` returns from the SQLite file at `db`, column by column.
pub fn table(db: &Path, sql: &str) -> Vec<Vec<rusqlite::types::Value>> {
    cells(db, sql)
}

/// [`table`], each cell read as a `T`.
fn cells<T: rusqlite::types::FromSql>(db: &Path, sql: &str) -> Vec<Vec<T>> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    let columns = stmt.column_count();
    stmt.query_map([], |r| (0..columns).map(|i| r.get(i)).collect())
        .and_then(Iterator::collect)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The median and the slowest of a benchmark's timings.
pub fn median_and_max(mut runs: Vec<std::time::Duration>) -> (std::time::Duration, std::time::Duration) {
    runs.sort();
    (runs[runs.len() / 2], runs[runs.len() - 1])
}

/// A pending promise of `amount` MXN (a decimal string), made on `made_on`, due on `due_on`.
pub fn promise_body(amount: &str, made_on: chrono::NaiveDate, due_on: chrono::NaiveDate) -> campo_core::RecordBody {
    campo_core::RecordBody::Promise(
        campo_core::activity::Promise::try_from(campo_core::activity::PromiseFields {
            amount: Amount::parse(amount.parse().expect("a decimal"), "monto").expect("an amount"),
            currency: Currency::MXN,
            made_on,
            due_on,
            installments: vec![],
            status: campo_core::activity::PromiseStatus::Pending,
            source: None,
            plan: None,
        })
        .expect("a promise"),
    )
}

/// The fixture's local date: its debtors live in Mexico City, behind UTC.
pub fn fixture_today() -> chrono::NaiveDate {
    Zone::MEXICO_CITY.local(chrono::Utc::now()).date()
}

/// A visit body at `at`.
pub fn visit_body(notes: &str, at: chrono::DateTime<chrono::Utc>) -> Visit {
    Visit::try_from(VisitFields {
        started_at: at,
        ended_at: at + chrono::Duration::minutes(10),
        zone: Zone::MEXICO_CITY,
        position: None,
        distance_m: None,
        photos: vec![],
        outcome: Outcome::NoAnswer,
        contact: Default::default(),
        notes: notes.into(),
        next_action_on: None,
    })
    .expect("valid visit")
}

/// Posts `body` as a push with `token`, as any client could; the status and
/// the JSON answer.
pub async fn raw_push(server: &str, token: &str, key: Option<&str>, body: Vec<u8>) -> (StatusCode, Value) {
    let mut request = reqwest::Client::new()
        .post(format!("{server}/v1/sync/push"))
        .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
        .header("content-type", "application/json")
        .bearer_auth(token)
        .body(body);
    if let Some(key) = key {
        request = request.header(IDEMPOTENCY_HEADER, key);
    }
    let response = request.send().await.expect("request");
    let status = response.status();
    (status, response.json().await.expect("json answer"))
}

/// GETs `path` with `token`, as any client could; the status and the JSON
/// answer (`null` if none).
pub async fn raw_get(server: &str, token: &str, path: &str) -> (StatusCode, Value) {
    let response = reqwest::Client::new()
        .get(format!("{server}{path}"))
        .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
        .bearer_auth(token)
        .send()
        .await
        .expect("request");
    let status = response.status();
    let text = response.text().await.expect("body");
    (status, if text.is_empty() { Value::Null } else { serde_json::from_str(&text).expect("json body") })
}

/// A console session speaking plain HTTP.
pub struct Office {
    http: reqwest::Client,
    url: String,
    /// The bearer token.
    pub token: String,
}

impl Office {
    /// Signs `login` in with `password`, without a device.
    pub async fn login(url: &str, login: &str, password: &str) -> Self {
        let http = reqwest::Client::new();
        let response = http
            .post(format!("{url}/v1/login"))
            .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
            .json(&serde_json::json!({ "login": login, "password": password }))
            .send()
            .await
            .expect("login request");
        assert_eq!(response.status(), StatusCode::OK, "console login for {login}");
        let body: Value = response.json().await.expect("login json");
        Self { http, url: url.into(), token: body["token"].as_str().expect("token").into() }
    }

    /// Sends a request with this session; returns status and JSON body (`null` if none).
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.url))
            .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request");
        let status = response.status();
        let text = response.text().await.expect("body");
        (status, if text.is_empty() { Value::Null } else { serde_json::from_str(&text).expect("json body") })
    }

    /// Sends a CSV file to the import at `path` (`/v1/imports/debtors` or
    /// `/v1/imports/payments`); returns status and JSON body.
    pub async fn import(&self, path: &str, csv: &str, dry_run: bool) -> (StatusCode, Value) {
        let response = self
            .http
            .post(format!("{}{path}?dry_run={dry_run}", self.url))
            .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
            .header(reqwest::header::CONTENT_TYPE, "text/csv")
            .bearer_auth(&self.token)
            .body(csv.to_owned())
            .send()
            .await
            .expect("import request");
        let status = response.status();
        (status, response.json().await.expect("json body"))
    }

    /// Downloads the export at `path`; returns status, content type and body.
    pub async fn export(&self, path: &str) -> (StatusCode, String, String) {
        let response = self
            .http
            .get(format!("{}{path}", self.url))
            .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
            .bearer_auth(&self.token)
            .send()
            .await
            .expect("export request");
        let status = response.status();
        let kind = response.headers().get(reqwest::header::CONTENT_TYPE).map(|v| v.to_str().unwrap_or("?").to_owned());
        (status, kind.unwrap_or_default(), response.text().await.expect("body"))
    }

    /// GET, expecting 200.
    pub async fn get(&self, path: &str) -> Value {
        let (status, body) = self.call(Method::GET, path, None).await;
        assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
        body
    }

    /// Decides plan `id` as read now: `decision` is `{"decision": "approve"}`,
    /// `{"decision": "reject"}` or a counter-offer; returns status and answer.
    pub async fn decide_plan(&self, id: RecordId, decision: Value, comment: &str) -> (StatusCode, Value) {
        let current = self.get(&format!("/v1/records/{id}")).await;
        let body = serde_json::json!({ "if_vv": current["record"]["vv"], "decision": decision, "comment": comment });
        self.call(Method::POST, &format!("/v1/plans/{id}/decision"), Some(body)).await
    }

    /// Changes a debtor account as read now (`patch` without `if_vv`),
    /// expecting 200; the answer.
    pub async fn patch_debtor(&self, debtor: DebtorId, patch: Value) -> Value {
        let current = self.get(&format!("/v1/records/{debtor}")).await;
        let mut body = patch;
        body["if_vv"] = current["record"]["vv"].clone();
        let (status, answer) = self.call(Method::PATCH, &format!("/v1/debtors/{debtor}"), Some(body)).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        answer
    }

    /// Puts `policy` in force as the version after the one in force
    /// (whatever `policy.version` says), expecting 200; the policy stored.
    pub async fn enforce(&self, policy: ContactPolicy) -> ContactPolicy {
        let current = self.get("/v1/policies").await;
        let country = policy.country.code();
        let version = current
            .as_array()
            .and_then(|all| all.iter().find(|p| p["country"] == country))
            .and_then(|p| p["version"].as_u64())
            .expect("the policy in force");
        let next = ContactPolicy { version: u32::try_from(version).expect("a version") + 1, ..policy };
        let path = format!("/v1/policies/{country}");
        let (status, body) = self.call(Method::PUT, &path, Some(serde_json::to_value(&next).expect("json"))).await;
        assert_eq!(status, StatusCode::OK, "PUT {path}: {body}");
        serde_json::from_value(body).expect("a policy")
    }

    /// Moves a debtor to `gestor`.
    pub async fn reassign(&self, debtor: DebtorId, gestor: UserId) {
        let (status, body) = self
            .call(
                Method::PUT,
                &format!("/v1/debtors/{debtor}/assignment"),
                Some(serde_json::json!({ "gestor": gestor, "expected_gestor": null })),
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT, "reassign: {body}");
    }
}

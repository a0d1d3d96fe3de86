//! End to end: the real app binary, driven through tauri-driver and
//! WebKitWebDriver under Xvfb, against a real sync server started here.
//! `scripts/e2e.sh` builds the app with its UI embedded and runs these with
//! `CAMPO_APP` pointing at it; they also photograph the main screens into
//! docs/screenshots/ at phone and laptop size. The server holds the demo
//! portfolio, so the screenshots show what people will see; the gestor is
//! `ana` (CDMX Norte) and her colleague `pedro`.

use std::path::{Path, PathBuf};

use campo_core::{
    contact::{
        Country,
        policy::{ContactPolicy, FrequencyCaps},
    },
    ids::{DebtorId, RecordId},
};
use campo_tests::{World, any_hour_policy, proxy::CaptivePortal, webdriver::App};
use chrono::{Local, NaiveDate};

const PHONE: (u32, u32) = (360, 740);
const LAPTOP: (u32, u32) = (1280, 800);
/// Thirty accounts for each of the demo's 21 gestores.
const DEMO_DEBTORS: usize = 21 * 30;
const GESTOR: &str = "ana";

fn app_binary() -> PathBuf {
    std::env::var_os("CAMPO_APP")
        .map(PathBuf::from)
        .expect("CAMPO_APP names the app built with its UI embedded (scripts/e2e.sh builds it)")
}

fn screenshots() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots")
}

/// Photographs the current screen as `name` at both sizes.
async fn photograph(app: &App, name: &str) {
    photograph_around(app, name, None).await;
}

/// Photographs the current screen as `name` at both sizes, with the element
/// `around` (if any) in the middle.
async fn photograph_around(app: &App, name: &str, around: Option<&str>) {
    let dir = screenshots();
    std::fs::create_dir_all(&dir).expect("screenshots dir");
    for (size, (width, height)) in [("phone", PHONE), ("laptop", LAPTOP)] {
        app.photograph(width, height, around, &dir.join(format!("{name}-{size}.png"))).await;
    }
}

/// Opens the app on a fresh device and signs [`GESTOR`] in through the first-run
/// screen; returns once the first sync has landed on the agenda.
async fn first_run(world: &World, photos: bool) -> App {
    let dir = world.dir.path();
    let app = App::launch(&app_binary(), &dir.join("device.db"), &dir.join("tauri-driver.log")).await;
    app.wait_for("sign-in").await;
    app.fill("server", &world.server.url).await;
    app.fill("login", GESTOR).await;
    app.fill("password", world.password).await;
    app.fill("device", "Teléfono de prueba").await;
    if photos {
        photograph(&app, "1-first-run").await;
    }
    app.click("sign-in").await;
    app.wait_for("agenda-counts").await;
    app
}

/// Opens the first debtor on the agenda; returns their name and reference
/// (names repeat in a portfolio; references do not).
async fn open_first_debtor(app: &App) -> (String, String) {
    app.click("tab-agenda").await;
    app.click("debtor-row").await;
    (app.text("debtor-name").await, app.text("debtor-ref").await)
}

/// Opens the account with `reference`, found through the portfolio's search.
async fn open_debtor(app: &App, reference: &str) {
    app.click("tab-portfolio").await;
    app.fill("search", reference).await;
    app.wait_until(
        &format!("{reference} alone in the portfolio"),
        "return document.querySelectorAll('[data-testid=debtor-row]').length === 1",
        serde_json::json!([]),
    )
    .await;
    app.click("debtor-row").await;
    app.wait_for_text("debtor-ref", reference).await;
}

/// How many visits, calls and promises [`GESTOR`] has on the server for the
/// account with `reference`.
fn gestor_work(world: &World, reference: &str) -> [i64; 3] {
    ["visit", "call", "promise"].map(|kind| {
        world.query(
            "SELECT count(*) FROM records r JOIN records d ON d.id = r.debtor_id JOIN users u ON u.id = r.author_id
             WHERE json_extract(d.body, '$.external_ref') = ?1 AND u.login = ?2 AND r.kind = ?3",
            [reference, GESTOR, kind],
        )
    })
}

/// A script expression: the names the debtor list shows.
const LISTED: &str = "[...document.querySelectorAll('[data-testid=debtor-row] strong')].map(e => e.textContent)";

/// Records a visit with `notes` on the open debtor.
async fn record_visit(app: &App, notes: &str) {
    app.click("record-visit").await;
    app.choose("reached", "nobody").await;
    app.choose("outcome", "no_answer").await;
    app.fill("notes", notes).await;
    app.click("save").await;
    app.wait_for_text("timeline", notes).await;
}

/// A week from today on this machine, the gestor's local date.
fn in_a_week() -> NaiveDate {
    Local::now().date_naive() + chrono::Days::new(7)
}

/// A date as a gestor in Mexico or Peru types it: day first.
fn day_first(date: NaiveDate) -> String {
    date.format("%-d/%-m/%Y").to_string()
}

/// What the server holds of `field` in the `kind` records on the account
/// with `reference`, oldest first, joined by spaces.
fn stored(world: &World, kind: &str, field: &str, reference: &str) -> String {
    world.query(
        "SELECT coalesce(group_concat(value, ' '), '') FROM (
           SELECT json_extract(r.body, ?1) AS value FROM records r JOIN records d ON d.id = r.debtor_id
            WHERE r.kind = ?2 AND json_extract(d.body, '$.external_ref') = ?3 ORDER BY r.id)",
        [format!("$.{field}"), kind.to_owned(), reference.to_owned()],
    )
}

/// Taps "sync now" and waits until nothing is left to send.
async fn sync_until_sent(app: &App) {
    app.click("tab-sync").await;
    app.click("sync-now").await;
    app.wait_for("sync-result").await;
    app.wait_for_text("pending", "0").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_day_offline_in_the_app_reaches_the_server_with_one_tap() {
    let mut world = World::demo(DEMO_DEBTORS).await;
    let app = first_run(&world, true).await;
    photograph(&app, "2-agenda").await;

    // Searching by a surname narrows the thirty accounts to those who bear it.
    let name = world.query::<String>(
        "SELECT json_extract(r.body, '$.name') FROM records r JOIN assignments a ON a.debtor_id = r.id
         JOIN users u ON u.id = a.gestor_id WHERE u.login = ?1 AND r.kind = 'debtor' ORDER BY 1 LIMIT 1",
        [GESTOR],
    );
    let surname = name.split(' ').nth(1).expect("a demo name has surnames");
    app.click("tab-portfolio").await;
    app.fill("search", surname).await;
    app.wait_until(
        &format!("{name} among fewer than 30 accounts"),
        &format!("const rows = {LISTED}; return rows.includes(arguments[0]) && rows.length < 30"),
        serde_json::json!([name]),
    )
    .await;
    photograph(&app, "3-portfolio").await;

    // Signal lost for the rest of the day. The first account with a promise
    // due today, through the agenda's counter.
    world.server.stop().await;
    app.click("tab-agenda").await;
    app.click("count-promises_due").await;
    app.wait_until(
        "only promises due today on the agenda",
        "const why = [...document.querySelectorAll('[data-testid=priority-why]')];
         return why.length > 0 && why.every(e => e.textContent.startsWith('Promesa vence hoy'))",
        serde_json::json!([]),
    )
    .await;
    app.click("debtor-row").await;
    let (name, reference) = (app.text("debtor-name").await, app.text("debtor-ref").await);
    let before = gestor_work(&world, &reference);
    record_visit(&app, "nadie en casa, se dejó aviso con la vecina").await;

    app.click("record-call").await;
    app.choose("reached", "debtor").await;
    app.click("identified").await;
    app.choose("outcome", "promise_to_pay").await;
    app.fill("minutes", "4").await;
    app.fill("notes", "acepta pagar el viernes").await;
    app.click("save").await;
    app.wait_for_text("timeline", "acepta pagar el viernes").await;

    app.click("record-promise").await;
    app.fill("amount", "1,500.50").await;
    app.fill("due-on", &day_first(in_a_week())).await;
    app.wait_for_text("amount-echo", "$1,500.50").await;
    photograph(&app, "4-promise-form").await;
    // The account has a promise due today: a second one is confirmed.
    app.click("save").await;
    app.wait_for_text("confirm", "ya tiene una promesa abierta").await;
    app.click("confirm-yes").await;
    app.wait_for_text("timeline", "$1,500.50").await;
    app.wait_for("saved").await;
    photograph(&app, "5-debtor").await;

    app.click("tab-sync").await;
    app.wait_for_text("pending", "3").await;
    app.click("sync-now").await;
    let offline = app.wait_for_text("sync-error", "Sin conexión").await;
    assert!(offline.contains("Tu trabajo queda guardado"), "the gestor is told nothing was lost: {offline}");
    photograph(&app, "6-sync-offline").await;

    // Signal is back: one tap sends the day's work.
    world.server.restart().await;
    sync_until_sent(&app).await;
    assert_ne!(app.text("last-sync").await, "Nunca", "the last sync shows when it happened");
    photograph(&app, "7-sync-done").await;

    assert_eq!(
        gestor_work(&world, &reference),
        before.map(|n| n + 1),
        "the visit, the call and the promise are on the server, on {name}'s account"
    );
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_agenda_puts_the_broken_promise_first_with_its_reason_and_the_route_orders_todays_visits() {
    let world = World::demo(DEMO_DEBTORS).await;
    // The demo gives some accounts a promise due six days ago and never paid.
    let broken = world.query::<String>(
        "SELECT coalesce(min(json_extract(d.body, '$.name')), '') FROM records p JOIN records d ON d.id = p.debtor_id
           JOIN assignments a ON a.debtor_id = d.id JOIN users u ON u.id = a.gestor_id
          WHERE u.login = ?1 AND p.kind = 'promise' AND json_extract(p.body, '$.due_on') = date('now', '-6 days')",
        [GESTOR],
    );
    assert!(!broken.is_empty(), "the demo gives {GESTOR} a broken promise");
    let app = first_run(&world, false).await;

    // Broken two days ago: due six days ago, three days of grace, broken on the fourth.
    let why = app.wait_for_text("priority-why", "Promesa incumplida").await;
    assert!(why.starts_with("Promesa incumplida hace 2 días · "), "{why}");
    let first = app.script(&format!("return {LISTED}[0]"), serde_json::json!([])).await;
    let named = app
        .script(
            "return [...document.querySelectorAll('[data-testid=agenda-due] [data-testid=debtor-row]')]
               .filter(r => r.textContent.includes('Promesa incumplida')).map(r => r.querySelector('strong').textContent)",
            serde_json::json!([]),
        )
        .await;
    assert!(named.as_array().is_some_and(|n| n.contains(&serde_json::json!(broken))), "{broken} is among {named}");
    assert!(named.as_array().is_some_and(|n| n.first() == Some(&first)), "a broken promise leads the day: {first}");
    photograph_around(&app, "2b-agenda-day", Some("agenda-due")).await;

    // The counter filters the list to the broken promises alone.
    app.click("count-promises_broken").await;
    app.wait_for_text("agenda-filter", "Solo: Promesas incumplidas").await;
    app.wait_until(
        "only broken promises listed",
        "const why = [...document.querySelectorAll('[data-testid=priority-why]')];
         return why.length === arguments[0] && why.every(e => e.textContent.startsWith('Promesa incumplida'))",
        serde_json::json!([named.as_array().map_or(0, Vec::len)]),
    )
    .await;
    app.click("count-all").await;
    app.wait_until(
        "the whole day listed again",
        "return !document.querySelector('[data-testid=agenda-filter]')
           && document.querySelectorAll('[data-testid=agenda-due] [data-testid=debtor-row]').length > arguments[0]",
        serde_json::json!([named.as_array().map_or(0, Vec::len)]),
    )
    .await;

    // Today's route: every account due today that may be visited, in order, each with its distance and a maps link.
    let visitable = app
        .script(
            "return [...document.querySelectorAll('[data-testid=agenda-due] [data-testid=debtor-row]')]
               .filter(r => !r.textContent.includes('No visitar')).length",
            serde_json::json!([]),
        )
        .await;
    app.click("open-route").await;
    let summary = app.wait_for_text("route-summary", "visitas").await;
    assert!(summary.contains("En orden de prioridad serían"), "the route is shorter than priority order: {summary}");
    let stops =
        app.script("return document.querySelectorAll('[data-testid=route-stop]').length", serde_json::json!([])).await;
    assert_eq!(stops, visitable, "every visit due today is on the route");
    let legs = app
        .script(
            "return [...document.querySelectorAll('[data-testid=route-leg]')].map(e => e.textContent)",
            serde_json::json!([]),
        )
        .await;
    let legs: Vec<String> = serde_json::from_value(legs).expect("legs");
    assert_eq!(legs[0], "primera parada", "without a position the day starts at the first stop");
    assert!(legs[1..].iter().all(|l| l.starts_with("a ") && (l.ends_with(" km") || l.ends_with(" m"))), "{legs:?}");
    let link = app
        .script("return document.querySelector('[data-testid=route-maps]').getAttribute('href')", serde_json::json!([]))
        .await;
    assert!(link.as_str().is_some_and(|l| l.starts_with("geo:")), "{link}");
    photograph(&app, "2c-route").await;

    // A stop opens its account.
    let stop = app.text("route-open").await;
    app.click("route-open").await;
    app.wait_for_text("debtor-name", &stop).await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_plan_made_offline_goes_to_the_supervisor_and_the_decision_comes_back_to_the_app() {
    let mut world = World::demo(DEMO_DEBTORS).await;
    let reference: String = world.query(
        "SELECT json_extract(d.body, '$.external_ref') FROM records d JOIN assignments a ON a.debtor_id = d.id
           JOIN users u ON u.id = a.gestor_id
          WHERE u.login = ?1 AND d.kind = 'debtor' AND json_extract(d.body, '$.dispute') = 0
            AND CAST(json_extract(d.body, '$.balance') AS REAL) > 5000 ORDER BY d.id LIMIT 1",
        [GESTOR],
    );
    let app = first_run(&world, false).await;
    world.server.stop().await;
    open_debtor(&app, &reference).await;

    // What a gestor mistypes is named, field by field.
    app.click("record-plan").await;
    app.fill("plan-total", "tres mil").await;
    app.fill("plan-count", "2.5").await;
    app.fill("plan-first-due", "31/02/2027").await;
    app.click("plan-save").await;
    app.wait_for_text("plan-total-error", "escribe el monto con números").await;
    app.wait_for_text("plan-count-error", "escribe un número entero").await;
    app.wait_for_text("plan-first-due-error", "esa fecha no existe").await;
    // A first payment before today: the date is named.
    app.fill("plan-total", "3,000").await;
    app.fill("plan-count", "3").await;
    app.fill("plan-first-due", &day_first(in_a_week() - chrono::Days::new(9))).await;
    app.wait_for_text("plan-error", "no puede ser anterior a hoy").await;

    // Talked over with the debtor: 3,000 in three monthly payments, 500 forgiven.
    app.fill("plan-total", "3,000").await;
    app.fill("plan-discount", "500").await;
    app.fill("plan-count", "3").await;
    app.fill("plan-first-due", &day_first(in_a_week())).await;
    app.wait_for_text("plan-total-echo", "$3,000.00").await;
    let approval = app.wait_for_text("plan-approval", "pasa de tu límite").await;
    assert!(approval.contains("Se enviará a tu supervisor"), "{approval}");
    let dues = app
        .script("return document.querySelectorAll('[data-testid=plan-installment]').length", serde_json::json!([]))
        .await;
    assert_eq!(dues, 3);
    assert_eq!(app.text("plan-save").await, "Enviar a aprobación");
    photograph_around(&app, "4b-plan-form", Some("plan-preview")).await;
    app.click("plan-save").await;
    app.wait_for_text("plan-saved", "Se enviará a tu supervisor").await;
    app.wait_for_text("timeline", "Esperando aprobación del supervisor").await;

    // The written agreement, shown to the debtor and saved as a PDF, still offline.
    app.click("show-agreement").await;
    let agreement = app.wait_for_text("agreement", "Convenio de pago").await;
    for said in [
        "Descuento (condonación) que otorga este convenio: $500.00.",
        "Pago 3 de 3: $1,000.00",
        "Paga directamente a ",
        "no puede recibir dinero",
        "sujeto a la aprobación",
    ] {
        assert!(agreement.contains(said), "{said:?} in {agreement}");
    }
    photograph_around(&app, "4c-agreement", Some("agreement")).await;
    app.click("save-pdf").await;
    let saved = app.wait_for_text("pdf-saved", "PDF guardado en").await;
    let dir = world.dir.path().join("device.home").join("convenios");
    let pdf = std::fs::read_dir(&dir).expect("the agreements folder").next().expect("a file").expect("entry").path();
    assert!(saved.contains(&pdf.display().to_string()), "{saved}");
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF-"));

    // Signal: the request goes up, the supervisor approves, the decision comes down.
    world.server.restart().await;
    sync_until_sent(&app).await;
    let plan: RecordId = world
        .query::<String>(
            "SELECT r.id FROM records r JOIN records d ON d.id = r.debtor_id
              WHERE r.kind = 'promise' AND json_extract(d.body, '$.external_ref') = ?1
                AND json_extract(r.body, '$.plan.approval.state') = 'requested'",
            [&reference],
        )
        .parse()
        .expect("plan id");
    let (status, answer) =
        world.office("marta").await.decide_plan(plan, serde_json::json!({ "decision": "approve" }), "Adelante").await;
    assert_eq!(status, reqwest::StatusCode::OK, "{answer}");
    app.click("sync-now").await;
    app.wait_for("sync-result").await;
    open_debtor(&app, &reference).await;
    app.wait_for_text("timeline", "Aprobado por tu supervisor").await;
    app.wait_for_text("plan-comment", "Adelante").await;
    photograph_around(&app, "5b-plan-approved", Some("plan-comment")).await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_visit_to_a_debtor_reassigned_while_offline_still_reaches_the_server() {
    let mut world = World::demo(DEMO_DEBTORS).await;
    let app = first_run(&world, false).await;

    world.server.stop().await;
    let (name, reference) = open_first_debtor(&app).await;
    let notes = "visita hecha antes de saber de la reasignación";
    record_visit(&app, notes).await;

    // Meanwhile the coordinator moves the account to a colleague.
    world.server.restart().await;
    let debtor: DebtorId = world
        .query::<String>(
            "SELECT id FROM records WHERE kind = 'debtor' AND json_extract(body, '$.external_ref') = ?1",
            [&reference],
        )
        .parse()
        .expect("debtor id");
    world.office("carmen").await.reassign(debtor, world.fixture.gestor("pedro")).await;

    sync_until_sent(&app).await;
    app.wait_for("revoked").await;
    app.wait_for_text("notices", &name).await;
    let flagged = "SELECT count(*) FROM records WHERE kind = 'visit' AND after_reassignment = 1
                   AND json_extract(body, '$.notes') = ?1";
    assert_eq!(world.query::<i64>(flagged, [notes]), 1, "the visit reached the server, flagged for the new gestor");

    // The account left the device: 29 remain, and a search does not find it.
    app.click("tab-agenda").await;
    app.wait_for_text("agenda-counts", "29Cuentas").await;
    app.click("tab-portfolio").await;
    app.fill("search", &reference).await;
    app.wait_for_text("result-count", "0 de 0").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_password_is_named_in_the_apps_language_and_the_right_one_signs_in() {
    let world = World::demo(DEMO_DEBTORS).await;
    let dir = world.dir.path();
    let app = App::launch(&app_binary(), &dir.join("device.db"), &dir.join("tauri-driver.log")).await;
    app.wait_for("sign-in").await;
    // A Wi-Fi network that answers every address with its own page is not the server.
    let portal = CaptivePortal::start().await;
    let portal_url = format!("http://{}", portal.addr);
    app.fill("server", &portal_url).await;
    app.fill("login", GESTOR).await;
    app.fill("password", world.password).await;
    app.click("sign-in").await;
    let said = app.wait_for_text("error", "no responde como un servidor de Campo").await;
    assert_eq!(
        said,
        format!(
            "{portal_url} no responde como un servidor de Campo. Revisa la dirección; en una red wifi pública, acepta antes sus condiciones."
        )
    );
    app.fill("server", &world.server.url).await;
    app.fill("password", "campo2025").await;
    app.click("sign-in").await;
    app.wait_for_text("error", "contraseña").await;
    assert_eq!(app.text("error").await, "Usuario o contraseña incorrectos. Revísalos e inténtalo de nuevo.");
    photograph(&app, "1b-wrong-password").await;
    app.choose("language", "en").await;
    app.wait_for_text("error", "password").await;
    assert_eq!(app.text("error").await, "Wrong user name or password. Check them and try again.");
    assert_eq!(world.count("SELECT count(*) FROM replicas WHERE user_id IS NOT NULL"), 0, "no device registered");

    app.fill("password", world.password).await;
    app.click("sign-in").await;
    app.wait_for("agenda-counts").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_forms_store_what_the_gestor_typed_and_say_what_is_wrong_in_spanish_and_english() {
    let world = World::demo(DEMO_DEBTORS).await;
    let app = first_run(&world, false).await;
    let reference: String = world.query(
        "SELECT json_extract(d.body, '$.external_ref') FROM records d JOIN assignments a ON a.debtor_id = d.id
           JOIN users u ON u.id = a.gestor_id
          WHERE u.login = ?1 AND d.kind = 'debtor'
            AND NOT EXISTS (SELECT 1 FROM records p WHERE p.debtor_id = d.id AND p.kind = 'promise')
          ORDER BY 1 LIMIT 1",
        [GESTOR],
    );
    open_debtor(&app, &reference).await;
    let balance: f64 = world.query(
        "SELECT CAST(json_extract(body, '$.balance') AS REAL) FROM records WHERE json_extract(body, '$.external_ref') = ?1",
        [&reference],
    );
    assert!(balance > 1500.0, "the demo's first account owes more than the first promise ({balance})");

    // A number the debtor gave on the doorstep joins the account; a mistyped email is named.
    app.choose("add-field", "email").await;
    app.fill("add-value", "rosa@gmail").await;
    app.click("add-save").await;
    assert_eq!(app.text("add-error").await, "El correo rosa@gmail no es válido: escríbelo como nombre@dominio.com.");
    app.choose("add-field", "phone").await;
    app.fill("add-value", "55 1111 2222").await;
    app.click("add-save").await;
    app.wait_for_text("add-done", "Agregado").await;
    app.wait_for_text("debtor-phones", "5511112222").await;

    // An amount with a thousands comma is that many pesos; a lone point before
    // three digits is asked about, and the answer tapped is what is saved.
    app.click("record-promise").await;
    app.fill("amount", "1,500").await;
    assert_eq!(app.text("amount-echo").await, "Se guardará: $1,500.00");
    app.fill("amount", "1.500").await;
    app.wait_for_text("amount-question", "¿cuál quisiste escribir?").await;
    app.wait_for_text("amount-question", "$1.50").await;
    photograph_around(&app, "4b-amount-question", Some("amount-question")).await;
    app.click("amount-choice").await;
    app.wait_for_text("amount-echo", "$1,500.00").await;
    app.fill("due-on", "31/11/2026").await;
    app.click("save").await;
    assert_eq!(
        app.text("due-on-error").await,
        "Fecha de pago: esa fecha no existe. Revisa el día y el mes (día/mes/año)."
    );
    let due = in_a_week();
    app.fill("due-on", &day_first(due)).await;
    app.wait_for_text("due-on-echo", &due.format("%Y").to_string()).await;
    app.click("save").await;
    app.wait_for_text("timeline", "$1,500.00").await;

    // Half a position is named, not stored as a point at longitude 0; a point
    // pasted whole is split, and it needs its margin; a past follow-up is asked about.
    app.click("record-visit").await;
    app.fill("lat", "19.4326").await;
    app.click("save").await;
    assert_eq!(app.text("outcome-error").await, "Resultado: elige una opción de la lista.");
    assert_eq!(app.text("reached-error").await, "¿Con quién hablaste?: elige una opción de la lista.");
    assert_eq!(
        app.text("lon-error").await,
        "Longitud: falta. Escribe la latitud y la longitud, o deja las dos vacías."
    );
    photograph_around(&app, "4c-visit-errors", Some("lat")).await;
    app.choose("reached", "nobody").await;
    app.choose("outcome", "no_answer").await;
    app.fill("lat", "19.4326, -99.1332").await;
    app.wait_for_text("accuracy-error", "metros de margen").await;
    app.fill("accuracy", "25").await;
    app.fill("next-action", &day_first(Local::now().date_naive() - chrono::Days::new(1))).await;
    app.fill("notes", "posición tomada del mapa").await;
    app.click("save").await;
    app.wait_for_text("confirm", "es anterior a hoy").await;
    app.click("confirm-yes").await;
    app.wait_for_text("timeline", "posición tomada del mapa").await;
    // Not sent yet, so it can be put right: the form opens as it was saved.
    app.script(
        "[...document.querySelectorAll('[data-testid=timeline] li')]
            .find(li => li.textContent.includes('posición tomada del mapa')).querySelector('[data-testid=fix]').click()",
        serde_json::json!([]),
    )
    .await;
    app.wait_for("form-visit").await;
    assert_eq!(app.value("notes").await, "posición tomada del mapa");
    assert_eq!(app.value("accuracy").await, "25");
    app.fill("notes", "posición tomada del mapa; portón verde").await;
    app.click("save").await;
    app.click("confirm-yes").await;
    app.wait_for_text("timeline", "portón verde").await;

    // A call's minutes in words and the browser's own English never reach the gestor.
    app.click("record-call").await;
    app.fill("minutes", "-3").await;
    app.click("save").await;
    assert_eq!(app.text("minutes-error").await, "Duración (minutos): no puede ser negativo.");
    assert_eq!(app.text("outcome-error").await, "Resultado: elige una opción de la lista.");
    app.click("cancel").await;

    // The same in English: a promise above the balance, while another is open, is confirmed first.
    app.click("tab-settings").await;
    app.choose("language", "en").await;
    open_debtor(&app, &reference).await;
    app.click("record-promise").await;
    app.fill("amount", "1,250,000.50").await;
    assert_eq!(app.text("amount-echo").await, "Will be saved as: $1,250,000.50");
    app.fill("due-on", "1/13/2026").await;
    app.click("save").await;
    assert_eq!(
        app.text("due-on-error").await,
        "Payment date: that date does not exist. Check the day and month (day/month/year)."
    );
    app.fill("due-on", &day_first(due)).await;
    app.click("save").await;
    let asked = app.wait_for_text("confirm", "more than the account's balance").await;
    photograph_around(&app, "4d-confirm-en", Some("confirm")).await;
    assert!(asked.contains("already has an open promise of $1,500.00"), "both doubts are asked: {asked}");
    // An edit while the question is open withdraws it: "yes" never saves what was not asked about.
    app.fill("amount", "1,250,000.50").await;
    app.wait_until(
        "the question withdrawn",
        "return !document.querySelector('[data-testid=confirm]')",
        serde_json::json!([]),
    )
    .await;
    app.click("save").await;
    app.wait_for_text("confirm", "more than the account's balance").await;
    app.click("confirm-yes").await;
    app.wait_for_text("timeline", "$1,250,000.50").await;

    sync_until_sent(&app).await;
    assert_eq!(stored(&world, "promise", "amount", &reference), "1500.00 1250000.50");
    assert_eq!(stored(&world, "promise", "due_on", &reference), format!("{due} {due}"));
    assert_eq!(
        stored(&world, "visit", "position", &reference),
        r#"{"point":{"lat":19.4326,"lon":-99.1332},"accuracy_m":25.0,"source":"typed"}"#
    );
    assert_eq!(stored(&world, "call", "outcome", &reference), "", "the refused call was not stored");
    assert_eq!(stored(&world, "visit", "notes", &reference), "posición tomada del mapa; portón verde", "as put right");
    assert!(stored_account(&world, "phones", &reference).contains("5511112222"), "the phone the gestor added");

    // The debtor takes the big one back: the gestor cancels it, after saying so twice.
    assert_eq!(stored(&world, "promise", "status", &reference), "pending pending");
    open_debtor(&app, &reference).await;
    let big = app
        .script(
            "return [...document.querySelectorAll('[data-testid=timeline] li')]
                .findIndex(li => li.textContent.includes('$1,250,000.50'))",
            serde_json::json!([]),
        )
        .await;
    app.script(
        "document.querySelectorAll('[data-testid=timeline] li')[arguments[0]].querySelector('[data-testid=cancel-promise]').click()",
        serde_json::json!([big]),
    )
    .await;
    assert_eq!(app.text("cancel-confirm").await, "Cancel this promise? It stays in the history as cancelled.");
    photograph_around(&app, "5c-promise-cancel", Some("cancel-confirm")).await;
    app.click("cancel-yes").await;
    app.wait_for_text("timeline", "$1,250,000.50 → ").await;
    app.wait_for_text("timeline", "Cancelled").await;
    sync_until_sent(&app).await;
    assert_eq!(stored(&world, "promise", "status", &reference), "pending cancelled");
    app.quit().await;
}

/// A script: the elements wider than the screen, by tag, class and test id;
/// empty when the page fits.
const OVERFLOWING: &str = "return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
    .map(e => `${e.tagName.toLowerCase()}.${e.className} ${e.dataset.testid ?? ''}`.trim())";

/// Asserts that the screen fits the phone's width, naming what does not.
async fn fits_the_phone(app: &App, screen: &str) {
    let wider = app.script(OVERFLOWING, serde_json::json!([])).await;
    assert_eq!(wider, serde_json::json!([]), "on the {screen} at 360 px, wider than the screen");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_portfolio_shows_every_account_keeps_its_place_finds_phones_and_fits_a_phone() {
    // 110 accounts for each of the demo's 21 gestores: more than a page.
    let world = World::demo(21 * 110).await;
    let app = first_run(&world, false).await;
    app.resize(PHONE.0, PHONE.1).await;
    fits_the_phone(&app, "agenda").await;

    app.click("tab-portfolio").await;
    app.wait_for_text("result-count", "100 de 110 cuentas").await;
    fits_the_phone(&app, "portfolio").await;
    let boxes = app
        .script(
            "return [...document.querySelectorAll('input[type=checkbox]')].map(e => e.getBoundingClientRect().width)",
            serde_json::json!([]),
        )
        .await;
    assert!(
        boxes.as_array().is_some_and(|b| b.iter().all(|w| w.as_f64() >= Some(24.0))),
        "checkboxes a thumb can hit: {boxes}"
    );
    app.click("show-more").await;
    app.wait_for_text("result-count", "110 de 110 cuentas").await;

    // Back from the 80th account: the same list, at the same place.
    let place = app
        .script(
            "const row = document.querySelectorAll('[data-testid=debtor-row]')[79];
             row.scrollIntoView({ block: 'center' }); return window.scrollY",
            serde_json::json!([]),
        )
        .await;
    app.script("document.querySelectorAll('[data-testid=debtor-row]')[79].click()", serde_json::json!([])).await;
    app.wait_for("debtor-name").await;
    fits_the_phone(&app, "debtor's file").await;
    app.click("back").await;
    app.wait_for_text("result-count", "110 de 110 cuentas").await;
    app.wait_until(
        "the list where it was left",
        "return Math.abs(window.scrollY - arguments[0]) < 2",
        serde_json::json!([place]),
    )
    .await;

    // A phone typed the way people say it finds its account, and the search survives a visit to it.
    let found = world.query::<String>(
        "SELECT json_extract(d.body, '$.name') || '|' || json_extract(d.body, '$.phones[0]') FROM records d
           JOIN assignments a ON a.debtor_id = d.id JOIN users u ON u.id = a.gestor_id
          WHERE u.login = ?1 AND d.kind = 'debtor' ORDER BY d.id LIMIT 1",
        [GESTOR],
    );
    let (name, phone) = found.split_once('|').expect("name and phone");
    let typed = format!("+52 {}-{}-{}", &phone[..3], &phone[3..6], &phone[6..]);
    app.fill("search", &typed).await;
    app.wait_for_text("result-count", "1 de 1").await;
    app.click("debtor-row").await;
    app.wait_for_text("debtor-name", name).await;
    app.click("back").await;
    app.wait_for_text("result-count", "1 de 1").await;
    assert_eq!(app.value("search").await, typed, "the search is as it was left");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn signing_out_syncs_first_keeps_the_server_and_lands_the_next_person_on_the_agenda() {
    let mut world = World::demo(DEMO_DEBTORS).await;
    let app = first_run(&world, false).await;
    world.server.stop().await;
    let (_, reference) = open_first_debtor(&app).await;
    let before = gestor_work(&world, &reference);
    record_visit(&app, "visita antes de entregar el teléfono").await;

    // Offline is said on every screen, not only on the sync tab.
    app.click("tab-sync").await;
    app.click("sync-now").await;
    app.wait_for_text("sync-error", "Sin conexión").await;
    app.click("tab-agenda").await;
    assert_eq!(app.text("offline").await, "Sin conexión. Sin enviar: 1. Se enviará todo cuando haya señal.");
    photograph(&app, "8-offline-banner").await;

    // Signing out with work unsent: the main choice sends it first.
    app.click("tab-settings").await;
    app.click("sign-out").await;
    app.wait_for("confirm-discard").await;
    let main = app
        .script(
            "return document.querySelector('[data-testid=confirm-discard] button').dataset.testid",
            serde_json::json!([]),
        )
        .await;
    assert_eq!(main, "sync-first", "the first, main button keeps the work");
    photograph(&app, "9-sign-out-unsent").await;
    world.server.restart().await;
    app.click("sync-first").await;
    app.wait_for("sign-in").await;
    assert_eq!(gestor_work(&world, &reference)[0], before[0] + 1, "the visit reached the server before signing out");

    // The next person finds the server and the device's name as they were.
    assert_eq!(app.value("server").await, world.server.url);
    assert_eq!(app.value("device").await, "Teléfono de prueba");
    world.server.stop().await;
    app.fill("login", "pedro").await;
    app.fill("password", world.password).await;
    app.click("sign-in").await;
    let unreachable = app.wait_for_text("error", "No se pudo conectar").await;
    assert_eq!(
        unreachable,
        format!(
            "No se pudo conectar con {}. Revisa la dirección y que haya señal, y vuelve a intentarlo.",
            world.server.url
        )
    );
    world.server.restart().await;
    app.click("sign-in").await;
    app.wait_for("agenda-counts").await;
    app.wait_for_text("tab-agenda", "Agenda").await;
    let active =
        app.script("return document.querySelector('.tab.active')?.dataset.testid", serde_json::json!([])).await;
    assert_eq!(active, "tab-agenda", "the next person starts on the agenda");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_forms_ask_who_answered_give_the_identification_to_read_and_explain_every_rule_in_the_way() {
    let world = World::demo(DEMO_DEBTORS).await;
    // Two attempts a day on a debtor, at any hour (the hour CI runs at must not matter).
    let admin = world.office("admin").await;
    let two_a_day = ContactPolicy {
        caps: FrequencyCaps { attempts_per_day: 2, ..any_hour_policy(Country::MX).caps },
        agency: "Cobranza Justa, S.C.".into(),
        agency_phone: "55 5000 1234".into(),
        ..any_hour_policy(Country::MX)
    };
    admin.enforce(two_a_day).await;
    // The office marks one of her accounts in dispute.
    let sup = world.office("marta").await;
    let account = *world.fixture.debtors_of(GESTOR).last().expect("her accounts");
    let marked = sup.patch_debtor(account, serde_json::json!({ "dispute": true })).await;
    let disputed = marked["record"]["body"]["external_ref"].as_str().expect("a reference").to_owned();
    let app = first_run(&world, false).await;

    // On an account in dispute, a promise is refused with the rule, and no reason can cover it.
    open_debtor(&app, &disputed).await;
    app.click("record-call").await;
    app.choose("reached", "debtor").await;
    app.click("identified").await;
    app.choose("outcome", "promise_to_pay").await;
    app.click("save").await;
    assert_eq!(
        app.wait_for_text("form-error", "aclaración").await,
        "La cuenta está en aclaración: solo se trata la aclaración, no se cobra."
    );
    assert!(!app.exists("justification").await, "a dispute is never justified");
    app.click("cancel").await;

    // Two attempts today: the third is named as the form opens.
    let (name, reference) = open_first_debtor(&app).await;
    // A visit with a photo of the house, as a phone's camera gives it (4000×3000).
    app.click("record-visit").await;
    app.choose("reached", "nobody").await;
    app.choose("outcome", "no_answer").await;
    // This desktop has no location service: the form says so and how to go on.
    app.click("locate").await;
    let no_position = app.wait_for_text("locate-error", "ubicación").await;
    assert!(
        [
            "Este equipo no da la ubicación ahora. Escríbela (quedará como escrita a mano) o déjala vacía.",
            "La app no tiene permiso de ubicación. Dáselo en los ajustes del equipo, o escribe la posición."
        ]
        .contains(&no_position.as_str()),
        "{no_position}"
    );
    take_photo(&app, 4000, 3000).await;
    app.wait_for("photo").await;
    app.fill("notes", "no estaba; volver por la tarde").await;
    app.click("save").await;
    app.wait_for_text("timeline", "no estaba; volver por la tarde").await;
    app.wait_for("photo").await;
    app.click("record-call").await;
    // Who answered and the identification are asked before anything is kept.
    app.fill("minutes", "3").await;
    app.click("save").await;
    assert_eq!(app.text("reached-error").await, "¿Con quién hablaste?: elige una opción de la lista.");
    app.choose("reached", "debtor").await;
    let script = app.text("script-text").await;
    assert_eq!(
        script,
        format!(
            "«Buenos días, soy Ana Torres Vega, de Cobranza Justa, S.C. (teléfono 55 5000 1234). Le busco en nombre de {}, por su {} con contrato {reference}.»",
            stored_account(&world, "lender", &reference),
            product_in_spanish(&stored_account(&world, "product", &reference)),
        )
    );
    app.click("save").await;
    assert_eq!(app.text("identified-error").await, "Identificación: marca la casilla cuando te hayas identificado.");
    photograph_around(&app, "4e-call-identification", Some("script")).await;
    // To someone else the script says nothing of a debt, and no outcome touches it.
    app.choose("reached", "other").await;
    let neutral = app.text("script-text").await;
    assert!(neutral.contains(&format!("Busco a {name} por un asunto personal")), "{neutral}");
    assert!(!neutral.contains("Cobranza") && !neutral.contains("contrato"), "{neutral}");
    let offered = app
        .script(
            "return [...document.querySelectorAll('[data-testid=outcome] option')].map(o => o.value)",
            serde_json::json!([]),
        )
        .await;
    assert!(!offered.as_array().expect("options").iter().any(|o| o == "promise_to_pay"), "{offered}");
    app.choose("reached", "debtor").await;
    app.click("identified").await;
    app.choose("outcome", "right_party_contact").await;
    app.fill("notes", "pide que le llamen de nuevo a las 18:00").await;
    app.click("save").await;
    app.wait_for_text("timeline", "pide que le llamen de nuevo").await;

    app.click("record-call").await;
    let breach = app.wait_for_text("breach", "2 veces hoy").await;
    assert_eq!(breach, "Ya se intentó contactar a este deudor 2 veces hoy, el máximo que permite la política.");
    app.choose("reached", "debtor").await;
    app.click("identified").await;
    app.choose("outcome", "right_party_contact").await;
    app.click("save").await;
    let refused = app.wait_for_text("form-error", "Justificación").await;
    assert!(refused.starts_with("Ya se intentó contactar a este deudor 2 veces hoy"), "{refused}");
    let reason = "devolvió la llamada a la hora que pidió";
    app.fill("justification", reason).await;
    photograph_around(&app, "4f-call-justified", Some("justification")).await;
    app.click("save").await;
    app.wait_for_text("justified", reason).await;

    // A message from a vetted template, queued for the server to send.
    app.click("record-message").await;
    app.choose("message-template", "solicitud_contacto").await;
    let text = app.wait_for_text("message-text", "Cobranza Justa").await;
    let lender = stored_account(&world, "lender", &reference);
    assert!(
        text.starts_with(&format!(
            "Hola {name}, le saluda Ana Torres Vega de Cobranza Justa, S.C., en nombre de {lender}"
        )),
        "{text}"
    );
    photograph_around(&app, "4g-message", Some("message-text")).await;
    app.click("message-queue").await;
    app.wait_for_text("timeline", "en cola del servidor").await;
    // Tapping a number dials it and opens the call form on that number.
    app.click("dial").await;
    app.wait_for("form-call").await;
    let first_phone: String = world.query(
        "SELECT json_extract(body, '$.phones[0]') FROM records WHERE kind = 'debtor' AND json_extract(body, '$.external_ref') = ?1",
        [reference.clone()],
    );
    assert_eq!(app.value("number").await, first_phone);
    app.click("cancel").await;
    // An email address is written to from the same templates, on its own channel.
    let (with_email, address): (String, String) = {
        let conn = rusqlite::Connection::open(&world.db).expect("open server db");
        conn.query_row(
            "SELECT json_extract(body, '$.external_ref'), json_extract(body, '$.emails[0]') FROM records
             WHERE kind = 'debtor' AND owner_id = (SELECT id FROM users WHERE login = ?1)
               AND json_array_length(body, '$.emails') > 0 AND NOT json_extract(body, '$.dispute')
             ORDER BY seq LIMIT 1",
            [GESTOR],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the demo gives every second account an email")
    };
    open_debtor(&app, &with_email).await;
    app.click("write").await;
    app.wait_for("form-message").await;
    assert_eq!(app.value("message-channel").await, "email");
    assert_eq!(app.value("message-to").await, address);
    app.choose("message-template", "solicitud_contacto").await;
    assert_eq!(app.text("message-subject").await, "Asunto: Mensaje de Cobranza Justa, S.C.");
    photograph_around(&app, "4h-email", Some("message-text")).await;
    app.click("message-queue").await;
    app.wait_for_text("timeline", "en cola del servidor").await;

    sync_until_sent(&app).await;
    let queued: String =
        world.query("SELECT json_extract(body, '$.delivery.state') FROM records WHERE kind = 'message'", []);
    assert_eq!(queued, "queued", "the server's outbox will send it");
    let emailed: String = world.query(
        "SELECT json_extract(body, '$.to') FROM records WHERE kind = 'message' AND json_extract(body, '$.channel') = 'email'",
        [],
    );
    assert_eq!(emailed, address);
    let flagged = sup.get("/v1/activities?flagged=true").await["rows"].clone();
    let rows: Vec<&serde_json::Value> = flagged
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["record"]["body"]["contact"]["justification"] == reason)
        .collect();
    assert_eq!(rows.len(), 1, "{flagged}");
    assert_eq!(rows[0]["judgement"]["breaches"], serde_json::json!([{ "breach": "too_often_today", "cap": 2 }]));
    assert_eq!(rows[0]["record"]["body"]["contact"]["party"], "debtor");
    assert_eq!(rows[0]["record"]["body"]["contact"]["identified"], true);
    // The photo followed its visit, scaled down on the phone.
    let bytes: i64 = world.query("SELECT bytes FROM blobs", []);
    assert!((10_000..2 * 1024 * 1024).contains(&bytes), "a scaled-down JPEG: {bytes} bytes");
    open_debtor(&app, &reference).await;
    app.wait_for("photo").await;
    let width = app
        .wait_until(
            "the visit's photo in the timeline",
            "const i = document.querySelector('[data-testid=photo]'); return i && i.complete && i.naturalWidth ? i.naturalWidth : null",
            serde_json::json!([]),
        )
        .await;
    assert_eq!(width, 1600, "the long edge, scaled from 4000");
    photograph_around(&app, "5b-visit-photo", Some("photo")).await;
    app.quit().await;
}

/// Picks a photo in the visit form, as the file picker or the camera would:
/// a JPEG of `width`×`height` drawn in the page.
async fn take_photo(app: &App, width: u32, height: u32) {
    let script = "const [w, h] = arguments;
        const canvas = document.createElement('canvas');
        canvas.width = w; canvas.height = h;
        const g = canvas.getContext('2d');
        g.fillStyle = '#2f6f4f'; g.fillRect(0, 0, w, h);
        g.fillStyle = '#f2c14e'; g.fillRect(w / 4, h / 4, w / 2, h / 2);
        return new Promise((done) => canvas.toBlob((jpeg) => {
            const picked = new DataTransfer();
            picked.items.add(new File([jpeg], 'fachada.jpg', { type: 'image/jpeg' }));
            const input = document.querySelector('[data-testid=photo-input]');
            input.files = picked.files;
            input.dispatchEvent(new Event('change', { bubbles: true }));
            done(true);
        }, 'image/jpeg', 0.9));";
    app.script(script, serde_json::json!([width, height])).await;
}

/// A field of the account with `reference`, as the server holds it.
fn stored_account(world: &World, field: &str, reference: &str) -> String {
    world.query(
        "SELECT json_extract(body, ?1) FROM records WHERE kind = 'debtor' AND json_extract(body, '$.external_ref') = ?2",
        [format!("$.{field}"), reference.to_owned()],
    )
}

fn product_in_spanish(code: &str) -> &'static str {
    match code {
        "credit_card" => "tarjeta de crédito",
        "personal_loan" => "préstamo personal",
        "payroll_loan" => "crédito de nómina",
        "microcredit" => "microcrédito",
        "auto_loan" => "crédito automotriz",
        other => panic!("unknown product {other}"),
    }
}

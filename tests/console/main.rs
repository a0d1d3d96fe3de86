//! The console in a real browser: Debian's Chromium, headless, driven
//! through playwright-core (`campo_tests::browser`), against a real sync
//! server started here with the demo portfolio, and real devices that sync
//! with it. `scripts/console.sh` installs Chromium and Node's packages and
//! runs these; they also photograph the console into docs/screenshots/.

use std::path::{Path, PathBuf};

use campo_core::{
    RecordBody,
    activity::Promise,
    money::Amount,
    plan::{Approval, Frequency, PlanTerms},
};
use campo_device::plans::PlanRequest;
use campo_tests::{World, browser::Browser, fixture_today};
use rust_decimal::Decimal;

/// Thirty accounts for each of the demo's 21 gestores.
const DEMO_DEBTORS: usize = 21 * 30;
/// Ana's supervisor in the demo.
const SUPERVISOR: &str = "marta";

fn screenshot(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshots dir");
    dir.join(format!("{name}.png"))
}

/// Photographs the page as `name` at laptop and tablet size.
async fn photograph(browser: &mut Browser, name: &str) {
    browser.photograph(1280, 800, &screenshot(&format!("{name}-laptop"))).await;
    browser.photograph(820, 1180, &screenshot(&format!("{name}-tablet"))).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_supervisor_reviews_a_visit_approves_a_plan_and_counter_offers_another_and_the_device_receives_all_three() {
    let world = World::demo(DEMO_DEBTORS).await;
    let device = world.synced_device("ana").await;
    let amount = |text: &str| Amount::parse(text.parse().expect("a decimal"), "monto").expect("an amount");
    // Two plans asking to forgive a fifth of the balance: above any gestor's limit.
    let plans: Vec<_> = world.fixture.debtors_of("ana")[..2]
        .iter()
        .map(|&debtor| {
            let balance: Decimal = world.field_of(debtor, "balance").parse().expect("a balance");
            let total = (balance * Decimal::new(8, 1)).round_dp(2);
            let request = PlanRequest {
                terms: PlanTerms {
                    total: amount(&total.to_string()),
                    count: 4,
                    frequency: Frequency::Monthly,
                    first_due: fixture_today(),
                },
                discount: amount(&(balance - total).to_string()),
                made_on: fixture_today(),
            };
            let preview = device.store.plan_preview(debtor, &request).expect("preview");
            assert_eq!(preview.promise.plan.as_ref().expect("a plan").approval, Approval::Requested);
            let body = RecordBody::Promise(Promise::try_from(preview.promise).expect("a plan"));
            (debtor, device.store.create(debtor, &body).expect("saved"))
        })
        .collect();
    // And a visit today whose position ana typed, for the supervisor to
    // find flagged and review.
    let visited = world.fixture.debtors_of("ana")[2];
    let point = campo_core::geo::GeoPoint::new(19.4326, -99.1332).expect("point");
    let typed = campo_core::geo::Position::new(point, 25.0).expect("position").typed();
    let fields = campo_core::activity::VisitFields {
        position: Some(typed),
        ..campo_tests::visit_body("Nadie abrió; vecina dice que vuelve el lunes", chrono::Utc::now()).into_fields()
    };
    let visit = device.store.create(visited, &RecordBody::Visit(fields.try_into().expect("a visit"))).expect("visit");
    device.sync().await.expect("sync");
    let approval_of = |(debtor, id): (campo_core::ids::DebtorId, campo_core::ids::RecordId)| {
        let held = device.store.records_of(debtor).expect("records");
        let held = held.iter().find(|r| r.record.id == id).expect("the plan").record.parse_body().expect("a body");
        let RecordBody::Promise(held) = held else { panic!("a plan") };
        held.into_fields()
    };

    let mut browser = Browser::launch().await;
    browser.open(&format!("{}/console/", world.server.url)).await;
    // A gestor is sent to the app; a wrong password is named.
    browser.fill("login", "ana").await;
    browser.fill("password", world.password).await;
    browser.click("sign-in-submit").await;
    browser.wait_for_text("sign-in-error", "trabaja tu cartera en la app Campo").await;
    browser.fill("login", SUPERVISOR).await;
    browser.fill("password", "otra").await;
    browser.click("sign-in-submit").await;
    browser.wait_for_text("sign-in-error", "Usuario o contraseña incorrectos").await;
    photograph(&mut browser, "c1-console-sign-in").await;

    browser.fill("password", world.password).await;
    browser.click("sign-in-submit").await;
    browser.wait_for_text("signed-in-as", "Supervisor").await;

    // The team's log first, newest first: ana's two plans are in it.
    browser.wait_for_text("log-table", "Ana Torres Vega").await;
    browser.fill("log-from", "31/02/2026").await;
    browser.click("log-apply").await;
    browser.wait_for_text("log-from-error", "Desde: esa fecha no existe").await;
    browser.fill("log-from", "").await;
    browser.choose("log-kind", "promise").await;
    browser.click("log-apply").await;
    browser.wait_without_text("log-table", "Visita").await;
    browser.wait_for_text("log-table", "Promesa de pago").await;
    photograph(&mut browser, "c3-console-log").await;

    // The visit, reviewed: a questioned one must say why. Picked out by
    // its gestor, named in the team's list.
    browser.wait_for_text("log-gestor", "Ana Torres Vega").await;
    browser.choose("log-gestor", &world.fixture.gestor("ana").to_string()).await;
    browser.choose("log-kind", "visit").await;
    browser.click("log-apply").await;
    browser.wait_without_text("log-table", "Promesa de pago").await;
    browser.wait_for_text("log-flags", "Posición escrita a mano").await;
    browser.click("detail-open").await;
    browser.wait_for_text("detail-flags", "Posición escrita a mano: no la tomó el GPS del teléfono.").await;
    browser.wait_for_text("detail-where", "19.43260, -99.13320").await;
    browser.wait_for_text("detail-timeline", "Nadie abrió; vecina dice que vuelve el lunes").await;
    browser.wait_for_text("detail-rules", "Dentro de todas las reglas").await;
    photograph(&mut browser, "c4-console-detail").await;
    browser.click("review-open").await;
    browser.choose("review-verdict", "questioned").await;
    browser.click("review-save").await;
    browser.wait_for_text("review-error", "Escribe por qué la marcas").await;
    browser.fill("review-comment", "La vecina no es quien debe saber de la deuda: no le des detalles.").await;
    browser.click("review-save").await;
    browser.wait_for_text("review-saved", "Ana Torres Vega la verá en su app").await;

    browser.click("nav-plans").await;
    browser.wait_for_text("queue-count", "2 planes esperando tu decisión").await;
    let terms = browser.wait_for_text("waiting-terms", "en 4 pagos (mensual)").await;
    assert!(terms.contains("20 % del saldo"), "{terms}");
    photograph(&mut browser, "c2-console-plans").await;

    browser.fill("decision-comment", "Aprobado: el deudor perdió su empleo y ya pagó antes.").await;
    browser.click("approve").await;
    browser.wait_for_text("queue-done", "aprobado").await;
    browser.wait_for_text("queue-count", "1 plan esperando").await;
    // The other, counter-offered in six payments: the form starts from the gestor's terms.
    browser.click("counter").await;
    browser.fill("counter-count", "6").await;
    browser.click("counter-send").await;
    browser.wait_for_text("queue-done", "Contraoferta enviada").await;
    browser.wait_for_text("queue-count", "No hay planes esperando").await;
    // The same screen in English.
    browser.choose("lang", "en").await;
    browser.wait_for_text("queue-count", "No plans are waiting").await;
    assert_eq!(browser.page_errors().await, Vec::<String>::new());

    // The decisions and the review reach the gestor's device with its next sync.
    device.sync().await.expect("sync");
    let review = device
        .store
        .records_of(visited)
        .expect("records")
        .into_iter()
        .find_map(|r| match r.record.parse_body() {
            Ok(RecordBody::Review(review)) => Some(review.into_fields()),
            _ => None,
        })
        .expect("the review on the device");
    assert_eq!((review.target, review.verdict), (visit, campo_core::activity::Verdict::Questioned));
    let approved = approval_of(plans[0]).plan.expect("a plan").approval;
    assert_eq!(
        approved,
        Approval::Approved { comment: "Aprobado: el deudor perdió su empleo y ya pagó antes.".into() }
    );
    let countered = approval_of(plans[1]);
    assert_eq!(countered.plan.as_ref().expect("a plan").approval, Approval::Countered { comment: String::new() });
    assert_eq!(countered.installments.len(), 6);

    // Signed out, the console asks for a sign-in again.
    browser.choose("lang", "es-MX").await;
    browser.click("sign-out").await;
    browser.wait_for_text("sign-in", "Iniciar sesión").await;
    // And so it does after a reload: the session is over on the server.
    browser.open(&format!("{}/console/", world.server.url)).await;
    browser.wait_for_text("sign-in", "Iniciar sesión").await;
    assert_eq!(browser.page_errors().await, Vec::<String>::new());
    browser.close().await;
}

/// Signs `login` in to the console at `world`'s server.
async fn sign_in(browser: &mut Browser, world: &World, login: &str) {
    browser.open(&format!("{}/console/", world.server.url)).await;
    browser.fill("login", login).await;
    browser.fill("password", world.password).await;
    browser.click("sign-in-submit").await;
    browser.wait_for_text("signed-in-as", "·").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_supervisor_compares_a_conflict_side_by_side_takes_the_lost_notes_back_and_both_devices_get_them() {
    let world = World::demo(DEMO_DEBTORS).await;
    // Ana's phone and tablet both change a visit's notes without signal:
    // the tablet (the newer install) wins the merge, the phone's words are set aside.
    let (phone, tablet) = (world.synced_device("ana").await, world.synced_device("ana").await);
    let debtor = world.fixture.debtors_of("ana")[0];
    let visit = phone.visit(debtor, "Visita sin nota");
    phone.sync().await.expect("sync");
    tablet.sync().await.expect("sync");
    // Two more visits of the day, logged by the phone's GPS, for the day's map.
    for (n, (lat, lon)) in [(1_usize, (19.4290, -99.1600)), (2, (19.4200, -99.1500))] {
        let started_at = chrono::Utc::now() - chrono::Duration::minutes(20 * (3 - n as i64));
        let point = campo_core::geo::GeoPoint::new(lat, lon).expect("point");
        let position = campo_core::geo::Position::new(point, 12.0).expect("position").from_device(started_at);
        let fields = campo_core::activity::VisitFields {
            position: Some(position),
            ..campo_tests::visit_body("Nadie abrió", started_at).into_fields()
        };
        let debtor = world.fixture.debtors_of("ana")[n];
        phone.store.create(debtor, &RecordBody::Visit(fields.try_into().expect("a visit"))).expect("saved");
    }
    phone.edit_notes(visit, "Habló el titular: paga $1,500 el viernes");
    tablet.edit_notes(visit, "Nadie en casa");
    phone.sync().await.expect("sync");
    tablet.sync().await.expect("sync");

    let mut browser = Browser::launch().await;
    sign_in(&mut browser, &world, SUPERVISOR).await;
    browser.click("nav-conflicts").await;
    browser.wait_for_text("conflicts-count", "1 conflicto por resolver").await;
    browser.wait_for_text("conflict", "Visita · ").await;
    browser.click("conflict-open").await;
    let sides = browser.wait_for_text("conflict-sides", "Habló el titular: paga $1,500 el viernes").await;
    assert!(sides.contains("Nadie en casa") && sides.contains("Notas"), "{sides}");
    photograph(&mut browser, "c5-console-conflict").await;
    browser.click("conflict-take").await;
    browser.wait_for_text("conflict-take-chosen", "Recuperar lo marcado (1)").await;
    browser.click("conflict-take-chosen").await;
    browser.wait_for_text("conflicts-done", "se recuperó lo marcado").await;
    browser.wait_for_text("conflicts-count", "No hay conflictos por resolver").await;

    // The queue of records made after a reassignment opens on its own filters.
    browser.click("nav-after").await;
    browser.wait_for_text("activity-log", "Tras reasignación").await;
    browser.wait_for_text("log-count", "Nada que mostrar").await;

    browser.click("nav-escalations").await;
    browser.wait_for_text("esc-count", "límite de incumplimientos").await;

    // Ana's day on the map: her visits of today, numbered in order.
    browser.click("nav-day").await;
    browser.choose("day-gestor", &world.fixture.gestor("ana").to_string()).await;
    browser.click("day-show").await;
    browser.wait_for_text("day-count", "3 visitas el").await;
    browser.wait_for_text("day-table", "La visita no tiene posición").await;
    photograph(&mut browser, "c10-console-day").await;

    // The team's KPIs of this month, with their tables; a wrong date is named.
    browser.click("nav-kpis").await;
    browser.wait_for_text("kpi-total", "Contacto con el titular").await;
    browser.wait_for_text("kpi-gestor-table", "Ana Torres Vega").await;
    photograph(&mut browser, "c6-console-kpis").await;
    browser.fill("kpi-from", "31/02/2026").await;
    browser.click("kpi-apply").await;
    browser.wait_for_text("kpi-from-error", "Desde: esa fecha no existe").await;
    assert_eq!(browser.page_errors().await, Vec::<String>::new());
    browser.close().await;

    for device in [&phone, &tablet] {
        device.sync().await.expect("sync");
        assert_eq!(device.notes(visit).as_deref(), Some("Habló el titular: paga $1,500 el viernes"));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_coordinator_previews_applies_and_undoes_a_reassignment_and_both_devices_follow_with_unsent_work_intact() {
    let world = World::demo(DEMO_DEBTORS).await;
    let (ana, pedro) = (world.synced_device("ana").await, world.synced_device("pedro").await);
    let held = |device: &campo_tests::Device| device.store.debtors().expect("debtors").len();
    let (anas, pedros) = (held(&ana), held(&pedro));
    // A visit ana has not sent, on an account about to move.
    let visit = ana.visit(world.fixture.debtors_of("ana")[0], "Dejé citatorio con el portero");

    let mut browser = Browser::launch().await;
    sign_in(&mut browser, &world, "carmen").await;
    browser.click("nav-workload").await;
    browser.wait_for_text("work-table", "Ana Torres Vega").await;
    browser.choose("move-from", &world.fixture.gestor("ana").to_string()).await;
    browser.click("move-preview").await;
    browser.wait_for_text("work-error", "Elige a qué gestor pasan las cuentas").await;
    browser.choose("move-to", &world.fixture.gestor("pedro").to_string()).await;
    browser.click("move-preview").await;
    browser.wait_for_text("move-summary", &format!("{anas} cuentas pasarían a Pedro Salinas Cruz")).await;
    let table = browser.wait_for_text("move-table", "Pedro Salinas Cruz").await;
    assert!(table.contains(&(anas + pedros).to_string()), "{table}");
    photograph(&mut browser, "c7-console-reassignment").await;
    browser.click("move-apply").await;
    browser.wait_for_text("work-done", &format!("{anas} cuentas pasaron a Pedro Salinas Cruz")).await;

    pedro.sync().await.expect("pedro gets them");
    assert_eq!(held(&pedro), anas + pedros);
    browser.click("work-undo").await;
    browser.wait_for_text("work-done", &format!("Reasignación deshecha: {anas} cuentas")).await;

    // Two of ana's accounts picked by hand on the list: only those move.
    let mut refs: Vec<String> =
        world.fixture.debtors_of("ana")[1..].iter().map(|d| world.field_of(d, "external_ref")).collect();
    refs.sort();
    let picked = &refs[..2];
    browser.click("move-list").await;
    let listed = match anas {
        ..=200 => format!("{anas} cuentas, por número de cuenta"),
        _ => format!("Se muestran las primeras 200 de {anas}"),
    };
    browser.wait_for_text("move-accounts", &listed).await;
    for account in picked {
        browser.click(&format!("move-pick-{account}")).await;
    }
    browser.wait_for_text("move-accounts", "2 cuentas marcadas: solo esas se moverán").await;
    photograph(&mut browser, "c12-console-pick-accounts").await;
    browser.click("move-preview").await;
    browser.wait_for_text("move-summary", "2 cuentas pasarían a Pedro Salinas Cruz").await;
    browser.click("move-apply").await;
    browser.wait_for_text("work-done", "2 cuentas pasaron a Pedro Salinas Cruz").await;
    // Away and back: the undo is still there, on the list of recent ones.
    browser.click("nav-log").await;
    browser.click("nav-workload").await;
    browser.wait_for_text("work-recent", "Deshecha el").await;
    browser.click("recent-undo").await;
    browser.wait_for_text("work-done", "Reasignación deshecha: 2 cuentas").await;

    // The lender's payments from the browser: checked first, every bad line named, then imported.
    let refs: Vec<String> =
        world.fixture.debtors_of("ana")[..2].iter().map(|d| world.field_of(d, "external_ref")).collect();
    let today = fixture_today();
    let file = |amount: &str| {
        format!(
            "account_ref,paid_on,amount,currency,reference,channel\n{},{today},500.00,MXN,OXXO-77,store\n{},{today},{amount},MXN,SPEI-78,transfer\n",
            refs[0], refs[1]
        )
    };
    browser.click("nav-imports").await;
    browser.choose("import-kind", "payments").await;
    browser.upload("import-file", "pagos.csv", &file("\"1,500.00\"")).await;
    browser.click("import-check").await;
    browser.wait_for_text("import-refused", "Línea 3, columna amount: «1,500.00» no es un número").await;
    photograph(&mut browser, "c11-console-import").await;
    browser.upload("import-file", "pagos.csv", &file("1500.00")).await;
    browser.click("import-check").await;
    browser.wait_for_text("import-checked", "crearía 2").await;
    browser.click("import-run").await;
    browser.wait_for_text("import-done", "Importado: 2 nuevos").await;
    assert_eq!(browser.page_errors().await, Vec::<String>::new());
    browser.close().await;

    pedro.sync().await.expect("pedro lets them go");
    assert_eq!(held(&pedro), pedros);
    let report = ana.sync().await.expect("ana syncs at last");
    assert_eq!((report.pushed.accepted, held(&ana)), (1, anas), "ana keeps her accounts and sends her visit");
    assert_eq!(world.field_of(visit, "notes"), "Dejé citatorio con el portero");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_previews_a_stricter_policy_with_reworded_templates_puts_it_in_force_and_a_gestors_device_receives_it()
{
    let world = World::demo(DEMO_DEBTORS).await;
    let device = world.synced_device("ana").await;
    let debtor = world.fixture.debtors_of("ana")[0];
    // 07:30 tomorrow in Mexico City, under the demo's any-hour policy.
    let early: chrono::DateTime<chrono::Utc> =
        format!("{}T13:30:00Z", fixture_today() + chrono::Days::new(1)).parse().expect("an instant");
    let warned = |device: &campo_tests::Device| {
        device.store.contact_rules(debtor, campo_core::outcome::Channel::Call, early).expect("rules").breaches
    };
    assert_eq!(warned(&device), vec![], "any hour goes, for now");

    let mut browser = Browser::launch().await;
    sign_in(&mut browser, &world, "admin").await;
    browser.click("nav-policy").await;
    let version = browser.wait_for_text("policy-version", "En vigor: versión").await;
    browser.fill("policy-from", "25:00").await;
    browser.click("policy-preview").await;
    browser.wait_for_text("policy-from-error", "escribe una hora como 08:00").await;
    browser.fill("policy-from", "8:00").await;
    browser.fill("policy-until", "21:00").await;
    // The templates: the server refuses a threat, and names the template.
    let reworded = "Buen día {nombre}: le escribe {gestor}, de {agencia}, por su cuenta con {acreedor}. Tenemos \
                    opciones para usted; llámenos al {telefono}.";
    browser.fill("template-text-2", &format!("{reworded} Evite el embargo.")).await;
    browser.click("policy-preview").await;
    browser.wait_for_text("template-error-2", "«embargo» suena a autoridad o a amenaza").await;
    browser.wait_for_text("policy-error", "Revisa los campos marcados").await;
    browser.fill("template-text-2", reworded).await;
    // A look at Peru's policy keeps Mexico's edits.
    browser.choose("policy-country", "PE").await;
    browser.wait_for_text("policy-version", "En vigor").await;
    browser.choose("policy-country", "MX").await;
    browser.wait_for_text("template-sample-2", "Buen día María López: le escribe Ana Torres").await;
    browser.click("template-add").await;
    browser.fill("template-name-3", "Convenio a su medida").await;
    browser.fill("template-code-3", "aviso_convenio").await;
    browser.click("policy-preview").await;
    browser.wait_for_text("policy-impact", "la nueva habría rechazado").await;
    photograph(&mut browser, "c8-console-policy").await;
    browser.click("policy-save").await;
    let saved = browser.wait_for_text("policy-saved", "en vigor").await;
    assert_ne!(saved, version);
    // And the change is in the audit trail, under the admin's name.
    browser.click("nav-audit").await;
    browser.choose("audit-action", "policy").await;
    browser.click("audit-apply").await;
    browser.wait_for_text("audit-table", "Cambió la política de contacto").await;
    browser.wait_for_text("audit-count", "1 registro").await;

    // A new gestor for ana's team, named and with a first password.
    browser.click("nav-users").await;
    browser.wait_for_text("users-table", "Ana Torres Vega").await;
    browser.fill("new-name", "Rosa Ibarra León").await;
    browser.fill("new-login", "rosa.ibarra").await;
    browser.fill("new-password", "corta").await;
    browser.click("new-save").await;
    browser.wait_for_text("new-error", "elige uno").await;
    browser.choose("new-team", &world.query::<String>("SELECT team_id FROM users WHERE login = 'ana'", [])).await;
    browser.click("new-save").await;
    browser.wait_for_text("new-error", "al menos 10 caracteres").await;
    browser.fill("new-password", "una-clave-larga").await;
    browser.click("new-save").await;
    browser.wait_for_text("users-done", "Rosa Ibarra León ya puede iniciar sesión como «rosa.ibarra»").await;
    photograph(&mut browser, "c9-console-users").await;
    browser.fill("team-name", "Equipo CDMX Oriente").await;
    browser.click("team-save").await;
    browser.wait_for_text("users-error", "elige su región").await;
    browser.choose("team-region", &world.query::<String>("SELECT territory_id FROM teams LIMIT 1", [])).await;
    browser.click("team-save").await;
    browser.wait_for_text("users-done", "Equipo «Equipo CDMX Oriente» creado").await;
    // Carmen coordinates Mexico's regions; Monterrey goes to someone else.
    browser.wait_for_text("users-table", "CDMX Norte, CDMX Sur, Guadalajara, Monterrey").await;
    browser.click("regions-open-carmen").await;
    browser.click("region-Monterrey").await;
    browser.click("regions-save").await;
    browser.wait_for_text("users-done", "coordina ahora: CDMX Norte, CDMX Sur, Guadalajara.").await;
    // A new coordinator has no regions until an admin gives them some, and hears so.
    browser.fill("new-name", "Luis Paredes Soto").await;
    browser.fill("new-login", "luis.paredes").await;
    browser.choose("new-role", "coordinator").await;
    browser.fill("new-password", "una-clave-larga").await;
    browser.click("new-save").await;
    browser.wait_for_text("users-done", "Luis Paredes Soto ya puede iniciar sesión").await;
    assert_eq!(browser.page_errors().await, Vec::<String>::new());
    browser.click("sign-out").await;
    browser.fill("login", "luis.paredes").await;
    browser.fill("password", "una-clave-larga").await;
    browser.click("sign-in-submit").await;
    browser.click("nav-workload").await;
    browser.wait_for_text("work-no-regions", "No tienes regiones a tu cargo todavía").await;
    browser.close().await;

    device.sync().await.expect("sync");
    let breaches = warned(&device);
    assert!(matches!(breaches.first(), Some(campo_core::contact::Breach::OutsideHours { .. })), "{breaches:?}");
    let drafts = device.store.message_drafts(debtor, fixture_today()).expect("drafts");
    let offered: Vec<&str> = drafts.iter().map(|d| d.template.name.as_str()).collect();
    assert!(offered.ends_with(&["Pedir que se comunique", "Convenio a su medida"]), "{offered:?}");
    let request = drafts.iter().find(|d| d.template.code == "solicitud_contacto").expect("a draft");
    assert!(request.text.starts_with("Buen día "), "{}", request.text);
}

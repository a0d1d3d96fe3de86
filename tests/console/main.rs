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
async fn a_supervisor_approves_in_the_console_a_plan_requested_offline_and_the_device_receives_the_decision() {
    let world = World::demo(DEMO_DEBTORS).await;
    let device = world.synced_device("ana").await;
    let debtor = world.fixture.debtors_of("ana")[0];
    let amount = |text: &str| Amount::parse(text.parse().expect("a decimal"), "monto").expect("an amount");
    let balance = world.field_of(debtor, "balance");
    let total = (balance.parse::<rust_decimal::Decimal>().expect("a balance") * rust_decimal::Decimal::new(8, 1))
        .round_dp(2)
        .to_string();
    let discount = (balance.parse::<rust_decimal::Decimal>().expect("a balance")
        - total.parse::<rust_decimal::Decimal>().expect("total"))
    .to_string();
    let request = PlanRequest {
        terms: PlanTerms { total: amount(&total), count: 4, frequency: Frequency::Monthly, first_due: fixture_today() },
        discount: amount(&discount),
        made_on: fixture_today(),
    };
    let preview = device.store.plan_preview(debtor, &request).expect("preview");
    assert_eq!(preview.promise.plan.as_ref().expect("a plan").approval, Approval::Requested);
    let plan = device
        .store
        .create(debtor, &RecordBody::Promise(Promise::try_from(preview.promise).expect("a plan")))
        .expect("saved");
    device.sync().await.expect("sync");

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
    browser.wait_for_text("queue-count", "1 plan esperando tu decisión").await;
    let terms = browser.wait_for_text("waiting-terms", "en 4 pagos (mensual)").await;
    assert!(terms.contains("20 % del saldo"), "{terms}");
    photograph(&mut browser, "c2-console-plans").await;

    browser.fill("decision-comment", "Aprobado: el deudor perdió su empleo y ya pagó antes.").await;
    browser.click("approve").await;
    browser.wait_for_text("queue-done", "aprobado").await;
    browser.wait_for_text("queue-count", "No hay planes esperando").await;
    // The same screen in English.
    browser.choose("lang", "en").await;
    browser.wait_for_text("queue-count", "No plans are waiting").await;
    assert_eq!(browser.page_errors().await, Vec::<String>::new());

    // The decision reaches the gestor's device with its next sync.
    device.sync().await.expect("sync");
    let held = device.store.records_of(debtor).expect("records");
    let held = held.iter().find(|r| r.record.id == plan).expect("the plan").record.parse_body().expect("a body");
    let RecordBody::Promise(held) = held else { panic!("a plan") };
    let approval = held.into_fields().plan.expect("a plan").approval;
    assert_eq!(
        approval,
        Approval::Approved { comment: "Aprobado: el deudor perdió su empleo y ya pagó antes.".into() }
    );

    // Signed out, the console asks for a sign-in again.
    browser.choose("lang", "es-MX").await;
    browser.click("sign-out").await;
    browser.wait_for_text("sign-in", "Iniciar sesión").await;
    browser.close().await;
}

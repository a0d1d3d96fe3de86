//! The lender's files over real HTTP: the portfolio and the payments, each
//! all or nothing with every bad line reported, idempotent, checked without
//! storing on a dry run, and only by coordinators (into their territories)
//! and admins.

use campo_tests::World;
use reqwest::StatusCode;
use serde_json::{Value, json};

const PAYMENTS: &str = "account_ref,paid_on,amount,currency,reference,channel";

/// The `external_ref` of the fixture's `n`th debtor of g1.
fn reference(world: &World, n: usize) -> String {
    world.field_of(world.fixture.debtors_of("g1")[n], "external_ref")
}

/// Each problem of a refused import as (line, column, code).
fn problems(body: &Value) -> Vec<(u64, String, String)> {
    assert_eq!(body["error"], "import_refused", "{body}");
    body["import"]["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|p| {
            let column = p["column"].as_str().unwrap_or("").to_owned();
            (p["line"].as_u64().expect("line"), column, p["problem"]["code"].as_str().expect("code").to_owned())
        })
        .collect()
}

fn payments_stored(world: &World) -> i64 {
    world.count("SELECT count(*) FROM records WHERE kind = 'payment'")
}

#[tokio::test]
async fn a_payments_file_with_bad_lines_gets_every_problem_named_and_stores_nothing() {
    let world = World::new(2).await;
    let coord = world.office("coord").await;
    let (first, second) = (reference(&world, 0), reference(&world, 1));
    let csv = format!(
        "{PAYMENTS}\n\
         {first},2026-11-20,1500.00,MXN,SPEI-1,transfer\n\
         {second},20/11/2026,\"1,500.00\",MXN,SPEI-2,transfer\n\
         NO-EXISTE,2026-11-20,100.00,MXN,SPEI-3,store\n\
         {first},2026-11-21,100.005,PEN,SPEI-4,cash\n\
         {first},2026-11-22,0,MXN,,branch\n\
         {first},2099-01-01,10.00,MXN,SPEI-5,online\n\
         {first},2026-11-20,1600.00,MXN,SPEI-1,transfer\n\
         {first},2026-11-20\n"
    );
    let (status, body) = coord.import("/v1/imports/payments", &csv, false).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let line = |n: u64, column: &str, code: &str| (n, column.to_owned(), code.to_owned());
    assert_eq!(
        problems(&body),
        [
            line(3, "paid_on", "not_a_date"),
            line(3, "amount", "not_a_number"),
            line(4, "account_ref", "unknown_account"),
            line(5, "amount", "invalid"),
            line(5, "channel", "not_on_the_list"),
            line(5, "currency", "invalid"),
            line(6, "amount", "invalid"),
            line(6, "reference", "invalid"),
            line(7, "paid_on", "in_the_future"),
            line(8, "reference", "repeated_in_file"),
            line(9, "", "unreadable"),
        ]
    );
    let message = body["message"].as_str().expect("message");
    assert!(message.contains("línea 3, columna amount: «1,500.00» no es un número"), "{message}");
    assert!(message.contains("línea 8, columna reference: la referencia SPEI-1 ya viene en la línea 2"), "{message}");
    assert_eq!(body["import"]["lines"][4]["problem"]["allowed"][0], "branch", "the channels it takes");
    assert_eq!(payments_stored(&world), 0, "nothing stored");

    // A header that lacks a column, or names one the import does not know, refuses the file.
    let (status, body) = coord.import("/v1/imports/payments", "account_ref,paid_on,amount,moneda\n", false).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["import"]["missing"], json!(["currency", "reference", "channel"]));
    assert_eq!(body["import"]["unknown"], json!(["moneda"]));
}

#[tokio::test]
async fn importing_the_same_payments_twice_changes_nothing_and_a_dry_run_stores_nothing() {
    let world = World::new(2).await;
    let coord = world.office("coord").await;
    let (first, second) = (reference(&world, 0), reference(&world, 1));
    let csv = format!(
        "{PAYMENTS}\n{first},2026-11-20,1500.00,MXN,SPEI-1,transfer\n{second},2026-11-21,250.50,MXN,OXXO-9,store\n"
    );
    let (status, dry) = coord.import("/v1/imports/payments", &csv, true).await;
    assert_eq!(status, StatusCode::OK, "{dry}");
    assert_eq!(dry, json!({ "created": 2, "updated": 0, "unchanged": 0, "dry_run": true }));
    assert_eq!(payments_stored(&world), 0, "a dry run stores nothing");

    let (_, first_time) = coord.import("/v1/imports/payments", &csv, false).await;
    assert_eq!(first_time["created"], 2, "{first_time}");
    let (_, again) = coord.import("/v1/imports/payments", &csv, false).await;
    assert_eq!(again, json!({ "created": 0, "updated": 0, "unchanged": 2, "dry_run": false }));
    assert_eq!(payments_stored(&world), 2);
    // The lender corrects one: the same reference on the same account is the same payment.
    let corrected = csv.replace("250.50", "260.50");
    let (_, fixed) = coord.import("/v1/imports/payments", &corrected, false).await;
    assert_eq!((fixed["updated"].as_u64(), fixed["unchanged"].as_u64()), (Some(1), Some(1)), "{fixed}");
    assert_eq!(payments_stored(&world), 2);
    let amount: String = world.query(
        "SELECT json_extract(body, '$.amount') FROM records WHERE kind = 'payment' AND json_extract(body, '$.reference') = 'OXXO-9'",
        [],
    );
    assert_eq!(amount, "260.50");
    let audit = world.office("admin").await.get("/v1/audit").await;
    let imports = audit.as_array().expect("rows").iter().filter(|r| r["action"] == "import_payments").count();
    assert_eq!(imports, 3, "each import that stored is audited, the dry run is not: {audit}");
}

#[tokio::test]
async fn only_coordinators_in_their_territories_and_admins_import() {
    let world = World::new(1).await;
    let admin = world.office("admin").await;
    let coord = world.office("coord").await;
    let first = reference(&world, 0);
    let payment = format!("{PAYMENTS}\n{first},2026-11-20,10.00,MXN,P-1,branch\n");
    for who in ["sup", "g1"] {
        let office = world.office(who).await;
        let (status, body) = office.import("/v1/imports/payments", &payment, false).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who}: {body}");
        let (status, _) = office.import("/v1/imports/debtors", "external_ref\n", false).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who}");
    }
    // An account in a territory the coordinator does not coordinate is unknown to them.
    let header = "external_ref,name,national_id,product,currency,balance,overdue,minimum_payment,overdue_since,\
                  segment,territory,zone,phones,address,lat,lon,gestor";
    let elsewhere = format!(
        "{header}\nNORTE-1,Rosa Díaz,DIRR800101,credit_card,MXN,1000.00,100.00,50.00,,medio,Norte,\
         America/Monterrey,8112345678,,,,g1\n"
    );
    let (status, body) = coord.import("/v1/imports/debtors", &elsewhere, false).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problems(&body), [(2, "territory".to_owned(), "not_your_territory".to_owned())]);
    let (status, body) = admin.import("/v1/imports/debtors", &elsewhere, false).await;
    assert_eq!((status, body["created"].as_u64()), (StatusCode::OK, Some(1)), "{body}");
    let (status, body) = coord
        .import("/v1/imports/payments", &format!("{PAYMENTS}\nNORTE-1,2026-11-20,10.00,MXN,P-2,branch\n"), false)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problems(&body), [(2, "account_ref".to_owned(), "unknown_account".to_owned())]);
    let (status, body) = coord.import("/v1/imports/payments", &payment, false).await;
    assert_eq!((status, body["created"].as_u64()), (StatusCode::OK, Some(1)), "{body}");
    // Nor can a row in the coordinator's own territory take that account over.
    let takeover = elsewhere.replace("Norte,America/Monterrey", "Pruebas,America/Monterrey");
    let (status, body) = coord.import("/v1/imports/debtors", &takeover, true).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problems(&body), [(2, "external_ref".to_owned(), "reference_taken".to_owned())]);
}

#[tokio::test]
async fn a_portfolio_with_bad_rows_gets_every_problem_named_and_a_reimport_changes_nothing_and_keeps_the_flags() {
    let world = World::new(0).await;
    let coord = world.office("coord").await;
    let header = "external_ref,name,national_id,product,currency,balance,overdue,minimum_payment,overdue_since,\
                  segment,territory,zone,phones,emails,address,lat,lon,gestor";
    let good = "TC-1,María López,LOPM800101,credit_card,MXN,12500.00,3000.00,1500.00,2026-09-01,medio,Pruebas,\
                America/Mexico_City,5512345678,maria@example.com,\"Av. Insurgentes Sur 1234, CDMX\",19.37,-99.17,g1";
    let bad = format!(
        "{header}\n{good}\n\
         TC-2,José Ruiz,RUIJ800101,tarjeta,MXN,100.00,200.00,10.00,ayer,medio,Pruebas,America/Mexico_City,55-no,\
         jose@,,19.4,,g1\n\
         TC-3,Ana Gil,GILA800101,personal_loan,USD,100.00,10.00,10.00,,medio,Pruebas,Mars/Olympus,5512345678,,,,,nadie\n\
         TC-4,Eva Paz,PAZE800101,microcredit,MXN,100.00,200.00,10.00,,medio,Pruebas,America/Lima,5512345678,,,,,sup\n"
    );
    let (status, body) = coord.import("/v1/imports/debtors", &bad, false).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let line = |n: u64, column: &str, code: &str| (n, column.to_owned(), code.to_owned());
    assert_eq!(
        problems(&body),
        [
            line(3, "product", "not_on_the_list"),
            line(3, "overdue_since", "not_a_date"),
            line(3, "phones", "invalid"),
            line(3, "emails", "invalid"),
            line(3, "lon", "half_position"),
            line(4, "currency", "not_on_the_list"),
            line(4, "zone", "invalid"),
            line(4, "gestor", "unknown_user"),
            line(5, "gestor", "not_a_gestor"),
        ]
    );
    // A value across two lines is named where its row starts, and moves the
    // line numbers after it; the same account twice is named.
    let split = good
        .replace("TC-1,", "TC-6,")
        .replace("\"Av. Insurgentes Sur 1234, CDMX\"", "\"Av. Insurgentes Sur 1234\nCDMX\"");
    let twice = format!(
        "{header}\n{good}\n{split}\n{good}\nTC-5,Eva Paz,PAZE800101,microcredit,PEN,100.00,10.00,10.00,,medio,Pruebas,\
         America/Lima,5512345678,,,,,g1\n"
    );
    let (_, body) = coord.import("/v1/imports/debtors", &twice, true).await;
    assert_eq!(
        problems(&body),
        [
            line(3, "address", "invalid"),
            line(5, "external_ref", "repeated_in_file"),
            line(6, "gestor", "gestor_elsewhere")
        ],
        "a line break in an address, TC-1 twice, a Peruvian account for a gestor who works in Mexico"
    );
    assert_eq!(world.count("SELECT count(*) FROM records WHERE kind = 'debtor'"), 0, "nothing stored");

    let file = format!("{header}\n{good}\n");
    let (_, created) = coord.import("/v1/imports/debtors", &file, false).await;
    assert_eq!(created["created"], 1, "{created}");
    let debtor: String = world.query("SELECT id FROM records WHERE kind = 'debtor'", []);
    let sup = world.office("sup").await;
    sup.patch_debtor(debtor.parse().expect("an id"), json!({ "dispute": true })).await;
    let (_, again) = coord.import("/v1/imports/debtors", &file, false).await;
    assert_eq!(again, json!({ "created": 0, "updated": 0, "unchanged": 1, "dry_run": false }));
    let dispute: bool = world.query("SELECT json_extract(body, '$.dispute') FROM records WHERE kind = 'debtor'", []);
    assert!(dispute, "the office's flag is kept");
}

#[tokio::test]
async fn a_portfolio_may_say_what_the_balance_is_made_of_and_where_the_debtor_pays() {
    let world = World::new(0).await;
    let coord = world.office("coord").await;
    let header = "external_ref,name,national_id,product,currency,balance,overdue,minimum_payment,overdue_since,\
                  segment,territory,zone,phones,address,lat,lon,gestor,principal,interest,fees,pay_to_account,pay_to_reference";
    let row = |reference: &str, parts: &str, pay_to: &str| {
        format!(
            "{reference},María López,LOPM800101,credit_card,MXN,12500.00,3000.00,1500.00,2026-09-01,medio,Pruebas,\
             America/Mexico_City,5512345678,,,,g1,{parts},{pay_to}"
        )
    };
    let file = format!(
        "{header}\n{}\n{}\n{}\n",
        row("TC-1", "10000.00,2000.00,500.00", "\"BBVA, convenio CIE 1234567\",TC-1"),
        row("TC-2", "10000.00,2000.00,", ",TC-2"),
        row("TC-3", "10000.00,2000.00,600.00", ","),
    );
    let (status, body) = coord.import("/v1/imports/debtors", &file, false).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let line = |n: u64, column: &str, code: &str| (n, column.to_owned(), code.to_owned());
    assert_eq!(
        problems(&body),
        [line(3, "fees", "empty"), line(3, "pay_to_account", "empty"), line(4, "", "invalid")],
        "all three parts or none, both payment columns or neither, and the parts add up to the balance"
    );
    assert_eq!(body["import"]["lines"][2]["problem"]["error"]["code"], "breakdown_does_not_add_up", "{body}");
    let good = format!(
        "{header}\n{}\n{}\n",
        row("TC-1", "10000.00,2000.00,500.00", "\"BBVA, convenio CIE 1234567\",TC-1"),
        row("TC-4", ",,", ",")
    );
    let (status, body) = coord.import("/v1/imports/debtors", &good, false).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let account = |reference: &str, path: &str| {
        world.query::<Option<String>>(
            &format!("SELECT json_extract(body, '{path}') FROM records WHERE kind = 'debtor' AND json_extract(body, '$.external_ref') = ?1"),
            [reference],
        )
    };
    assert_eq!(account("TC-1", "$.breakdown.interest").as_deref(), Some("2000.00"));
    assert_eq!(account("TC-1", "$.pay_to.account").as_deref(), Some("BBVA, convenio CIE 1234567"));
    assert_eq!(account("TC-4", "$.breakdown"), None, "the lender's file said nothing of it");
}

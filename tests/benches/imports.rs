//! The lender's files at the size of a real portfolio (a benchmark, not a
//! test): 100,000 accounts, then 100,000 payments onto them, then the same
//! payments again (all unchanged), each in one transaction as the server
//! imports them.
//!
//! Run with `cargo bench -p campo-tests --bench imports`.

use std::{fmt::Write, time::Instant};

use campo_sync_server::{SqliteStorage, import};

const ROWS: usize = 100_000;

fn report(what: &str, rows: usize, started: Instant) {
    let seconds = started.elapsed().as_secs_f64();
    println!("{what}: {rows} rows in {seconds:.1} s, {:.0} rows/s", rows as f64 / seconds);
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let storage = SqliteStorage::open(&dir.path().join("imports.db")).expect("storage");
    campo_tests::seed(&storage, 0);

    let mut debtors = String::from(
        "external_ref,name,national_id,product,currency,balance,overdue,minimum_payment,overdue_since,segment,\
         territory,zone,phones,emails,address,lat,lon,gestor\n",
    );
    for n in 0..ROWS {
        writeln!(
            debtors,
            "TC-{n:07},Cliente {n} López,LOPC{n:06},credit_card,MXN,12500.00,3000.00,1500.00,2026-09-01,medio,\
             Pruebas,America/Mexico_City,55{:08},cliente{n}@example.com,\"Av. Insurgentes Sur {}, CDMX\",19.37,-99.17,{}",
            n % 100_000_000,
            n % 3000,
            ["g1", "g2", "g3"][n % 3],
        )
        .expect("a row");
    }
    let started = Instant::now();
    let done = import::debtors::import(&storage, debtors.as_bytes(), false, None, |_| {}).expect("debtors");
    assert_eq!(done.created, ROWS as u64);
    report("portfolio import", ROWS, started);

    let mut payments = String::from("account_ref,paid_on,amount,currency,reference,channel\n");
    for n in 0..ROWS {
        writeln!(payments, "TC-{n:07},2026-11-{:02},{}.50,MXN,PAGO-{n:07},store", 1 + n % 28, 100 + n % 900)
            .expect("a row");
    }
    let now = chrono::Utc::now();
    let started = Instant::now();
    let done = import::payments::import(&storage, payments.as_bytes(), now, false, None, |_| {}).expect("payments");
    assert_eq!(done.created, ROWS as u64);
    report("payments import", ROWS, started);

    let started = Instant::now();
    let done = import::payments::import(&storage, payments.as_bytes(), now, false, None, |_| {}).expect("again");
    assert_eq!(done.unchanged, ROWS as u64);
    report("payments import again (all unchanged)", ROWS, started);
}

//! The console's CSV exports: what a list shows, as a file a spreadsheet
//! opens. Columns are named in the import files' style (snake_case), codes
//! are the API's, times are RFC 3339 in UTC: the file is read by programs
//! as much as by people, so nothing in it is worded for one language.

use axum::{
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use campo_core::{
    debtor::Bucket,
    kpi::{KpiReport, Kpis},
    wire::{ActivityRow, AuditRow},
    workload::Workload,
};

/// The most rows one export holds; a larger one is refused with a request
/// to narrow the filters, so no export holds the server's memory hostage.
pub const MAX_ROWS: u32 = 100_000;

/// Rows read from the store at a time while exporting.
pub const PAGE: u32 = 1_000;

/// The activity log, a row at a time.
pub struct Activities {
    out: csv::Writer<Vec<u8>>,
    rows: u32,
}

impl Activities {
    const HEADER: [&'static str; 12] = [
        "record_id",
        "kind",
        "happened_at",
        "received_at",
        "clock_skew_s",
        "gestor",
        "debtor",
        "outcome",
        "party",
        "flags",
        "reviewed",
        "after_reassignment",
    ];

    pub fn new() -> Self {
        let mut out = csv::Writer::from_writer(Vec::new());
        write(&mut out, Self::HEADER);
        Self { out, rows: 0 }
    }

    /// Rows written so far.
    pub fn len(&self) -> u32 {
        self.rows
    }

    pub fn push(&mut self, row: &ActivityRow) {
        // The body's own words for what came of it and who was reached,
        // read as the log's filters read them.
        let body = serde_json::to_value(&row.record.body).unwrap_or_default();
        let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
        let outcome = if body["outcome"].is_string() { text(&body["outcome"]) } else { text(&body["status"]) };
        let flags: Vec<String> =
            row.flags.iter().map(|f| text(&serde_json::to_value(f).unwrap_or_default()["flag"])).collect();
        write(
            &mut self.out,
            [
                row.record.id.to_string(),
                row.record.kind.as_str().to_owned(),
                row.happened_at.clone(),
                row.received_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                row.clock_skew_s.map(|s| s.to_string()).unwrap_or_default(),
                row.gestor_name.clone(),
                row.debtor_name.clone(),
                outcome,
                text(&body["contact"]["party"]),
                flags.join(" "),
                row.reviewed.to_string(),
                row.after_reassignment.to_string(),
            ],
        );
        self.rows += 1;
    }

    pub fn finish(self) -> Vec<u8> {
        finish(self.out)
    }
}

/// A KPI report: a row per gestor (and one for everyone, `gestor` empty)
/// and currency; a gestor without money figures has one row, its money
/// columns empty. Rates are percentages, empty when there was nothing to count.
pub fn kpis(report: &KpiReport) -> Vec<u8> {
    const HEADER: [&str; 20] = [
        "from",
        "to",
        "gestor_id",
        "gestor",
        "visits",
        "calls",
        "days_worked",
        "visits_per_day",
        "right_party",
        "right_party_rate",
        "promises",
        "promise_rate",
        "due_settled",
        "kept",
        "kept_rate",
        "currency",
        "promised",
        "collected",
        "overdue",
        "recovery_rate",
    ];
    let mut out = csv::Writer::from_writer(Vec::new());
    write(&mut out, HEADER);
    // The team's total last, with no gestor.
    let everyone = std::iter::once((String::new(), "", &report.total));
    let gestores = report.gestores.iter().map(|g| (g.gestor.to_string(), g.name.as_str(), &g.kpis));
    for (id, name, k) in gestores.chain(everyone) {
        let rate = |r: Option<rust_decimal::Decimal>| r.map(|r| r.to_string()).unwrap_or_default();
        let counts = |k: &Kpis| {
            [
                report.from.to_string(),
                report.to.to_string(),
                id.clone(),
                name.to_owned(),
                k.visits.to_string(),
                k.calls.to_string(),
                k.days_worked.to_string(),
                rate(k.visits_per_day),
                k.right_party.to_string(),
                rate(k.right_party_rate),
                k.promises.to_string(),
                rate(k.promise_rate),
                k.due_settled.to_string(),
                k.kept.to_string(),
                rate(k.kept_rate),
            ]
        };
        if k.money.is_empty() {
            write(&mut out, counts(k).into_iter().chain(std::iter::repeat_n(String::new(), 5)));
        }
        for m in &k.money {
            let money = [
                m.currency.code().to_owned(),
                m.promised.to_string(),
                m.collected.to_string(),
                m.overdue.to_string(),
                rate(m.recovery_rate),
            ];
            write(&mut out, counts(k).into_iter().chain(money));
        }
    }
    finish(out)
}

/// Workloads: a row per gestor and currency (one, its money empty, for a
/// gestor without accounts), the accounts per bucket in columns.
pub fn workloads(rows: &[Workload]) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let buckets = Bucket::ALL
        .map(|b| serde_json::to_value(b).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default());
    write(
        &mut out,
        ["gestor", "accounts", "currency", "balance", "overdue"].into_iter().map(str::to_owned).chain(buckets),
    );
    for w in rows {
        let counts = || w.buckets.iter().map(u32::to_string);
        if w.money.is_empty() {
            write(
                &mut out,
                [w.name.clone(), w.accounts.to_string(), String::new(), String::new(), String::new()]
                    .into_iter()
                    .chain(counts()),
            );
        }
        for m in &w.money {
            let head = [
                w.name.clone(),
                w.accounts.to_string(),
                m.currency.code().to_owned(),
                m.balance.to_string(),
                m.overdue.to_string(),
            ];
            write(&mut out, head.into_iter().chain(counts()));
        }
    }
    finish(out)
}

/// Audit entries, newest first; the particulars as their JSON.
pub fn audit(rows: &[AuditRow]) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    write(&mut out, ["at", "login", "action", "target", "detail"]);
    for r in rows {
        let at = r.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let fields = [
            at,
            r.login.clone().unwrap_or_default(),
            r.action.clone(),
            r.target.clone().unwrap_or_default(),
            r.detail.to_string(),
        ];
        write(&mut out, fields);
    }
    finish(out)
}

fn finish(out: csv::Writer<Vec<u8>>) -> Vec<u8> {
    out.into_inner().unwrap_or_else(|_| unreachable!("writing to memory does not fail"))
}

fn write<I: IntoIterator<Item = T>, T: AsRef<[u8]>>(out: &mut csv::Writer<Vec<u8>>, fields: I) {
    out.write_record(fields).unwrap_or_else(|_| unreachable!("writing to memory does not fail"));
}

/// `csv` as a download named `<name>-<today>.csv`.
pub fn attachment(name: &str, csv: Vec<u8>) -> Response {
    let file = format!("attachment; filename=\"{name}-{}.csv\"", chrono::Utc::now().date_naive());
    let disposition = HeaderValue::from_str(&file).unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        csv,
    )
        .into_response()
}

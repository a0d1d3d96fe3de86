//! Importing the lender's files: the portfolio ([`debtors`]) and the
//! payments it received ([`payments`]), from the server's command line or
//! the API.
//!
//! Both follow the same rules. The file has a header row naming its columns,
//! in any order; a column the import does not know, or one it needs and the
//! header lacks, refuses the file before any row is read. The whole file is
//! one transaction: every line is checked, every problem is reported (its
//! line, its column and what is wrong, typed so the console can word it), and
//! if there is any, nothing is stored. Importing the same file again changes
//! nothing. A dry run checks and counts without storing, so a coordinator
//! sees the report before committing to it.

pub mod debtors;
pub mod payments;

use std::{io::Read, str::FromStr};

pub use campo_core::import::{ImportRefusal, ImportReport, LineProblem, Problem};
use campo_core::{
    ids::TerritoryId,
    money::Amount,
    wire::{Role, UserInfo},
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Serialize, de::DeserializeOwned};

use crate::{
    office::Upserted,
    store::{AuditEntry, Storage, StoreError, Tx},
};

/// Why an import stored nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file's header or lines are wrong.
    #[error("{0}")]
    Refused(#[from] ImportRefusal),
    /// Only coordinators (into their territories) and admins import.
    #[error("tu rol no permite importar")]
    Forbidden,
    /// Storage failed.
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl ImportError {
    fn lines(lines: Vec<LineProblem>) -> Self {
        Self::Refused(ImportRefusal { lines, ..ImportRefusal::default() })
    }
}

/// The problems found on one line, column by column: a line is checked
/// whole, so the report names every value wrong on it, not only the first.
pub(crate) struct Line {
    number: u64,
    problems: Vec<LineProblem>,
}

impl Line {
    fn new(number: u64) -> Self {
        Self { number, problems: Vec::new() }
    }

    /// The value, or `None` with the problem noted against `column`.
    pub(crate) fn check<T>(&mut self, column: &str, value: Result<T, impl Into<Problem>>) -> Option<T> {
        value.map_err(|problem| self.note(Some(column), problem.into())).ok()
    }

    /// Notes a problem; `column` is `None` when it is the line's as a whole.
    pub(crate) fn note(&mut self, column: Option<&str>, problem: Problem) {
        self.problems.push(LineProblem { line: self.number, column: column.map(Into::into), problem });
    }

    /// The line's number in the file.
    pub(crate) fn number(&self) -> u64 {
        self.number
    }

    /// Whether nothing is wrong on it so far.
    pub(crate) fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// What one import reads: its columns and what it does with a row.
pub(crate) trait Importer {
    /// A row as the CSV reader gives it.
    type Row: DeserializeOwned;
    /// Columns every file has.
    const REQUIRED: &'static [&'static str];
    /// Columns a file may have.
    const OPTIONAL: &'static [&'static str];
    /// The audit log's name for it.
    const ACTION: &'static str;
    /// Checks `row` and, if it holds, writes it; problems go on `line`. A
    /// row with problems writes nothing that outlives the import, since the
    /// import then rolls back.
    fn row(&mut self, tx: &mut dyn Tx, line: &mut Line, row: Self::Row) -> Result<Option<Upserted>, StoreError>;
    /// Runs once every row is written, in the same transaction (the payments
    /// import derives the promises' statuses here).
    fn finish(&mut self, _tx: &mut dyn Tx) -> Result<(), StoreError> {
        Ok(())
    }
}

fn check_header<I: Importer>(header: &csv::StringRecord) -> Result<(), ImportError> {
    let named: Vec<&str> = header.iter().collect();
    let missing: Vec<String> = I::REQUIRED.iter().filter(|c| !named.contains(c)).map(|c| (*c).into()).collect();
    let unknown: Vec<String> =
        named.iter().filter(|c| !I::REQUIRED.contains(c) && !I::OPTIONAL.contains(c)).map(|c| (*c).into()).collect();
    if missing.is_empty() && unknown.is_empty() {
        Ok(())
    } else {
        Err(ImportRefusal { missing, unknown, lines: vec![] }.into())
    }
}

/// Runs the importer `make` builds (for the territories `by` may import
/// into) over `input` in one transaction, committed only if every line holds
/// and this is not a `dry_run`. `progress` hears the number of rows read
/// every 500 rows.
pub(crate) fn run<I: Importer>(
    storage: &dyn Storage,
    make: impl FnOnce(Option<Vec<TerritoryId>>) -> I,
    input: impl Read,
    dry_run: bool,
    by: Option<&UserInfo>,
    mut progress: impl FnMut(u64),
) -> Result<ImportReport, ImportError> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::Headers).from_reader(input);
    let header = reader.headers().map_err(|e| ImportError::lines(vec![unreadable(1, &e)]))?.clone();
    check_header::<I>(&header)?;
    let mut tx = storage.write()?;
    let territories = match by {
        Some(user) if user.role == Role::Coordinator => Some(tx.coordinated_territories(user.id)?),
        Some(user) if user.role == Role::Admin => None,
        Some(_) => return Err(ImportError::Forbidden),
        None => None,
    };
    let mut importer = make(territories);
    let mut report = ImportReport { dry_run, ..ImportReport::default() };
    let mut problems = Vec::new();
    let mut record = csv::StringRecord::new();
    for n in 0u64.. {
        let read = reader.read_record(&mut record);
        // Where the record starts: a quoted value may hold line breaks.
        let mut line = Line::new(record.position().map_or(n + 2, csv::Position::line));
        match read {
            Ok(false) => break,
            Ok(true) => match record.deserialize::<I::Row>(Some(&header)) {
                Ok(row) => match importer.row(&mut *tx, &mut line, row)? {
                    Some(Upserted::Created) => report.created += 1,
                    Some(Upserted::Updated) => report.updated += 1,
                    Some(Upserted::Unchanged) => report.unchanged += 1,
                    None => {}
                },
                Err(e) => line.note(None, Problem::Unreadable { detail: e.to_string() }),
            },
            Err(e) => {
                problems.push(unreadable(n + 2, &e));
                // A line the reader cannot split leaves it where it can go on.
                if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                    break;
                }
            }
        }
        problems.append(&mut line.problems);
        if (n + 1) % 500 == 0 {
            progress(n + 1);
        }
    }
    if !problems.is_empty() {
        return Err(ImportError::lines(problems));
    }
    importer.finish(&mut *tx)?;
    if dry_run {
        return Ok(report);
    }
    let detail =
        serde_json::json!({ "created": report.created, "updated": report.updated, "unchanged": report.unchanged });
    tx.put_audit(&AuditEntry { user: by.map(|u| u.id), action: I::ACTION, target: None, detail: &detail })?;
    tx.commit()?;
    Ok(report)
}

fn unreadable(line: u64, error: &csv::Error) -> LineProblem {
    let line = error.position().map_or(line, csv::Position::line);
    LineProblem { line, column: None, problem: Problem::Unreadable { detail: error.to_string() } }
}

/// An amount as the lender's files write it: `1500.50`.
pub(crate) fn amount(text: &str, field: &str) -> Result<Amount, Problem> {
    let value = Decimal::from_str(text.trim()).map_err(|_| Problem::NotANumber { value: text.into() })?;
    Ok(Amount::parse(value, field)?)
}

/// A date as the lender's files write it: `2026-12-01`.
pub(crate) fn date(text: &str) -> Result<NaiveDate, Problem> {
    NaiveDate::from_str(text.trim()).map_err(|_| Problem::NotADate { value: text.into() })
}

/// One of `all`, by its code (`credit_card`, `MXN`).
pub(crate) fn listed<T: DeserializeOwned + Serialize>(text: &str, all: &[T]) -> Result<T, Problem> {
    serde_json::from_value(text.trim().into()).map_err(|_| Problem::NotOnTheList {
        value: text.into(),
        allowed: all.iter().filter_map(|v| serde_json::to_value(v).ok()?.as_str().map(str::to_owned)).collect(),
    })
}

/// A value that must be there.
pub(crate) fn required(text: &str) -> Result<&str, Problem> {
    match text.trim() {
        "" => Err(Problem::Empty),
        text => Ok(text),
    }
}

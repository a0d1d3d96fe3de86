//! What an import of the lender's files answers: what it did, or why it
//! stored nothing, line by line and typed so a client can word it in its
//! user's language (`sync-server/src/import` does the importing).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::DomainError;

/// What is wrong with one value, or one line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    /// The domain refuses the value (an amount with 3 decimals, a bad phone).
    #[error("{error}")]
    Invalid {
        /// Why, as the domain says.
        error: DomainError,
    },
    /// Not a plain decimal number.
    #[error("«{value}» no es un número: escribe cifras con punto decimal, sin separador de miles (1500.50)")]
    NotANumber {
        /// The value given.
        value: String,
    },
    /// Not a date as the file gives dates.
    #[error("«{value}» no es una fecha: escríbela como año-mes-día (2026-12-01)")]
    NotADate {
        /// The value given.
        value: String,
    },
    /// Not one of the values the column takes.
    #[error("«{value}» no es uno de: {}", allowed.join(", "))]
    NotOnTheList {
        /// The value given.
        value: String,
        /// What the column takes.
        allowed: Vec<String>,
    },
    /// The column is required and empty.
    #[error("está vacía")]
    Empty,
    /// The line is not readable CSV (a wrong number of fields, bad quoting).
    #[error("no se puede leer: {detail}")]
    Unreadable {
        /// What the CSV reader said.
        detail: String,
    },
    /// One of latitude and longitude without the other.
    #[error("van la latitud y la longitud, o ninguna")]
    HalfPosition,
    /// Phones for a related person with no name.
    #[error("hay teléfonos pero falta el nombre")]
    PhonesWithoutName,
    /// No user has that login.
    #[error("no existe el usuario {login}")]
    UnknownUser {
        /// The login given.
        login: String,
    },
    /// The user is not a gestor.
    #[error("{login} no es gestor")]
    NotAGestor {
        /// The login given.
        login: String,
    },
    /// No account has that reference.
    #[error("no hay ninguna cuenta con la referencia {reference}: importa primero la cartera")]
    UnknownAccount {
        /// The reference given.
        reference: String,
    },
    /// The same key twice in the file, with different values.
    #[error("la referencia {reference} ya viene en la línea {first_line}")]
    RepeatedInFile {
        /// The key.
        reference: String,
        /// Where it came first.
        first_line: u64,
    },
    /// A territory the coordinator importing does not coordinate (or a new
    /// one, which only an admin creates).
    #[error("el territorio {territory} no es de los que coordinas")]
    NotYourTerritory {
        /// The territory named.
        territory: String,
    },
    /// A gestor who works in another country, or (for a coordinator) in a
    /// territory they do not coordinate.
    #[error("{login} trabaja en otro país o en un territorio que no coordinas")]
    GestorElsewhere {
        /// The login given.
        login: String,
    },
    /// The reference belongs to an account this import may not change.
    #[error("la referencia {reference} ya es de una cuenta de otro territorio")]
    ReferenceTaken {
        /// The reference given.
        reference: String,
    },
    /// A date after today.
    #[error("la fecha {date} todavía no llega")]
    InTheFuture {
        /// The date given.
        date: NaiveDate,
    },
}

impl From<DomainError> for Problem {
    fn from(error: DomainError) -> Self {
        Self::Invalid { error }
    }
}

/// A problem where it is: a line of the file and, where it is one value, its column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LineProblem {
    /// The file's line number; the header is line 1.
    pub line: u64,
    /// The column at fault, if it is one.
    pub column: Option<String>,
    /// What is wrong.
    pub problem: Problem,
}

impl std::fmt::Display for LineProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.column {
            Some(column) => write!(f, "línea {}, columna {column}: {}", self.line, self.problem),
            None => write!(f, "línea {}: {}", self.line, self.problem),
        }
    }
}

/// What an import did (or, in a dry run, would do).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    /// New records.
    pub created: u64,
    /// Records that changed.
    pub updated: u64,
    /// Records already exactly so.
    pub unchanged: u64,
    /// Nothing was stored: the report says what would be.
    pub dry_run: bool,
}

/// Why an import stored nothing: its header, or every line at fault.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[error("{}", self.describe())]
pub struct ImportRefusal {
    /// Columns the import needs that the header lacks.
    pub missing: Vec<String>,
    /// Columns the header names that the import does not know.
    pub unknown: Vec<String>,
    /// Every problem, in file order.
    pub lines: Vec<LineProblem>,
}

impl ImportRefusal {
    fn describe(&self) -> String {
        if !self.missing.is_empty() || !self.unknown.is_empty() {
            return header_message(&self.missing, &self.unknown);
        }
        // The sentence names the first problems; `lines` holds every one.
        const NAMED: usize = 20;
        let n = self.lines.len();
        let mut lines: Vec<String> = self.lines.iter().take(NAMED).map(ToString::to_string).collect();
        if n > NAMED {
            lines.push(format!("y {} más", n - NAMED));
        }
        format!("{n} {}:\n{}", if n == 1 { "problema" } else { "problemas" }, lines.join("\n"))
    }
}

fn header_message(missing: &[String], unknown: &[String]) -> String {
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("faltan las columnas {}", missing.join(", ")));
    }
    if !unknown.is_empty() {
        parts.push(format!("no se conocen las columnas {}", unknown.join(", ")));
    }
    format!("encabezado: {}", parts.join("; "))
}

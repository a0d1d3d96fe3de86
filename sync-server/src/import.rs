//! Importing a lender's portfolio from CSV.
//!
//! The file has a header row and these columns, in any order:
//!
//! | column | example | notes |
//! |---|---|---|
//! | `external_ref` | `TC-000123` | the lender's account reference; the key for re-imports |
//! | `name` | `María López Hernández` | |
//! | `national_id` | `LOHM800101MDFPRR09` | CURP/RFC or DNI |
//! | `product` | `credit_card` | `credit_card`, `personal_loan`, `payroll_loan`, `microcredit`, `auto_loan` |
//! | `currency` | `MXN` | `MXN` or `PEN` |
//! | `balance`, `overdue`, `minimum_payment` | `12500.00` | at most 2 decimals |
//! | `overdue_since` | `2026-09-01` | empty if current |
//! | `segment` | `alto saldo` | |
//! | `territory` | `CDMX Norte` | created if new |
//! | `zone` | `America/Mexico_City` | the debtor's IANA time zone |
//! | `phones` | `5512345678;5587654321` | separated by `;` |
//! | `emails` | `maria.lopez@correo.mx` | optional: separated by `;` |
//! | `address` | `Av. Insurgentes Sur 1234, Del Valle, CDMX` | may be empty |
//! | `lat`, `lon` | `19.3763`, `-99.1795` | may be empty |
//! | `gestor` | `ana` | the login of the gestor to assign |
//! | `lender` | `Banco del Centro` | optional: the lender the gestor names when identifying themselves |
//! | `co_obligor`, `co_obligor_phones` | `Juan Pérez López`, `5511112222` | optional: one co-obligor, phones separated by `;` |
//! | `guarantor`, `guarantor_phones` | `Rosa Díaz Ruiz`, `5533334444` | optional: one guarantor (aval), likewise |
//!
//! The whole file is one transaction: a bad row is reported with its line
//! number and nothing is stored. Importing the same file again changes nothing.

use std::{io::Read, str::FromStr};

use campo_core::{
    contact::party::Party,
    debtor::{Address, DebtorFields, Product, RelatedParty},
    geo::GeoPoint,
    ids::TerritoryId,
    money::{Amount, Currency},
    text::{Email, Label, Phone},
    wire::Role,
    zone::Zone,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::{
    error::ApiError,
    office::{self, Upserted},
    store::{AuditEntry, Storage, StoreError, Tx},
};

/// Why an import stored nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A row is wrong.
    #[error("línea {line}: {message}")]
    Row {
        /// The file's line number (the header is line 1).
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// The file is not readable CSV.
    #[error("el archivo no es un CSV válido: {0}")]
    Csv(#[from] csv::Error),
    /// Storage failed.
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// What an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// New accounts.
    pub created: u64,
    /// Accounts that changed.
    pub updated: u64,
    /// Accounts already exactly so.
    pub unchanged: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    external_ref: String,
    name: String,
    national_id: String,
    product: String,
    currency: String,
    balance: String,
    overdue: String,
    minimum_payment: String,
    overdue_since: String,
    segment: String,
    territory: String,
    zone: String,
    phones: String,
    address: String,
    lat: String,
    lon: String,
    gestor: String,
    #[serde(default)]
    emails: String,
    #[serde(default)]
    lender: String,
    #[serde(default)]
    co_obligor: String,
    #[serde(default)]
    co_obligor_phones: String,
    #[serde(default)]
    guarantor: String,
    #[serde(default)]
    guarantor_phones: String,
}

fn column<T>(name: &str, result: Result<T, impl std::fmt::Display>) -> Result<T, String> {
    result.map_err(|e| format!("columna {name}: {e}"))
}

fn amount(name: &str, text: &str) -> Result<Amount, String> {
    let value = column(name, Decimal::from_str(text.trim()))?;
    column(name, Amount::parse(value, name))
}

/// The values of a `;`-separated column, each parsed by `parse`.
fn list<T, E: std::fmt::Display>(
    name: &str,
    text: &str,
    parse: impl Fn(&str) -> Result<T, E>,
) -> Result<Vec<T>, String> {
    text.split(';').filter(|v| !v.trim().is_empty()).map(|v| column(name, parse(v))).collect()
}

fn phones(name: &str, text: &str) -> Result<Vec<Phone>, String> {
    list(name, text, Phone::parse)
}

/// The person in columns `name` and `{name}_phones`, if the row names one.
fn related(name: &str, who: &str, numbers: &str, role: Party) -> Result<Option<RelatedParty>, String> {
    if who.trim().is_empty() {
        return if numbers.trim().is_empty() {
            Ok(None)
        } else {
            Err(format!("columna {name}: hay teléfonos pero falta el nombre"))
        };
    }
    let name_field = column(name, Label::parse(who, "nombre"))?;
    Ok(Some(RelatedParty { name: name_field, role, phones: phones(&format!("{name}_phones"), numbers)? }))
}

fn float(name: &str, text: &str) -> Result<Option<f64>, String> {
    let text = text.trim();
    if text.is_empty() { Ok(None) } else { column(name, f64::from_str(text)).map(Some) }
}

impl Row {
    fn into_fields(self, tx: &mut dyn Tx) -> Result<(DebtorFields, String), String> {
        let product = column("product", serde_json::from_value::<Product>(self.product.trim().into()))?;
        let overdue_since = match self.overdue_since.trim() {
            "" => None,
            date => Some(column("overdue_since", NaiveDate::from_str(date))?),
        };
        let point = match (float("lat", &self.lat)?, float("lon", &self.lon)?) {
            (Some(lat), Some(lon)) => Some(column("lat/lon", GeoPoint::new(lat, lon))?),
            (None, None) => None,
            _ => return Err("columnas lat/lon: van las dos o ninguna".into()),
        };
        let addresses = match self.address.trim() {
            "" => vec![],
            line => vec![Address { line: column("address", Label::parse(line, "dirección"))?, point }],
        };
        let phones = phones("phones", &self.phones)?;
        let related = [
            related("co_obligor", &self.co_obligor, &self.co_obligor_phones, Party::CoObligor)?,
            related("guarantor", &self.guarantor, &self.guarantor_phones, Party::Guarantor)?,
        ]
        .into_iter()
        .flatten()
        .collect();
        let lender = match self.lender.trim() {
            "" => None,
            lender => Some(column("lender", Label::parse(lender, "acreedor"))?),
        };
        let currency = column("currency", Currency::from_str(&self.currency))?;
        let territory_name = column("territory", Label::parse(&self.territory, "territorio"))?;
        let territory = match tx.territory_by_name(territory_name.as_str()).map_err(|e| e.to_string())? {
            Some(id) => id,
            None => {
                let id = TerritoryId::generate();
                tx.insert_territory(id, territory_name.as_str(), currency).map_err(|e| e.to_string())?;
                id
            }
        };
        let fields = DebtorFields {
            external_ref: column("external_ref", Label::parse(&self.external_ref, "referencia"))?,
            name: column("name", Label::parse(&self.name, "nombre"))?,
            national_id: column("national_id", Label::parse(&self.national_id, "identificación"))?,
            product,
            currency,
            balance: amount("balance", &self.balance)?,
            overdue: amount("overdue", &self.overdue)?,
            minimum_payment: amount("minimum_payment", &self.minimum_payment)?,
            overdue_since,
            segment: column("segment", Label::parse(&self.segment, "segmento"))?,
            territory,
            zone: column("zone", Zone::from_str(self.zone.trim()))?,
            phones,
            emails: list("emails", &self.emails, Email::parse)?,
            addresses,
            lender,
            related,
            dispute: false,
            deceased: false,
            do_not_visit: false,
        };
        Ok((fields, self.gestor.trim().to_owned()))
    }
}

/// Imports a debtors CSV (see the module docs) in one transaction.
/// `progress` hears the number of rows done every 500 rows.
pub fn import(
    storage: &dyn Storage,
    input: impl Read,
    mut progress: impl FnMut(u64),
) -> Result<ImportReport, ImportError> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::Headers).from_reader(input);
    let mut tx = storage.write()?;
    let mut report = ImportReport::default();
    for (n, row) in reader.deserialize::<Row>().enumerate() {
        let line_of = |e: &csv::Error| e.position().map_or(n as u64 + 2, |p| p.line());
        let row = row.map_err(|e| ImportError::Row { line: line_of(&e), message: e.to_string() })?;
        let line = n as u64 + 2;
        let fail = |message: String| ImportError::Row { line, message };
        let (fields, login) = row.into_fields(&mut *tx).map_err(fail)?;
        let gestor = match tx.user_by_login(&login)? {
            Some((user, _)) if user.role == Role::Gestor => user.id,
            Some(_) => return Err(fail(format!("columna gestor: {login} no es gestor"))),
            None => return Err(fail(format!("columna gestor: no existe el usuario {login}"))),
        };
        match office::upsert_debtor(&mut *tx, fields, gestor, None) {
            Ok((_, Upserted::Created)) => report.created += 1,
            Ok((_, Upserted::Updated)) => report.updated += 1,
            Ok((_, Upserted::Unchanged)) => report.unchanged += 1,
            Err(ApiError::Store(e)) => return Err(e.into()),
            Err(e) => return Err(fail(e.to_string())),
        }
        if (n + 1) % 500 == 0 {
            progress(n as u64 + 1);
        }
    }
    let detail =
        serde_json::json!({ "created": report.created, "updated": report.updated, "unchanged": report.unchanged });
    tx.put_audit(&AuditEntry { user: None, action: "import", target: None, detail: &detail })?;
    tx.commit()?;
    Ok(report)
}

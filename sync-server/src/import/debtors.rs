//! The lender's portfolio: one row per account. Columns, in any order:
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
//! | `principal`, `interest`, `fees` | `10000.00`, `2000.00`, `500.00` | optional, all three or none: what the balance is made of, adding up to it |
//! | `pay_to_account`, `pay_to_reference` | `BBVA, convenio CIE 1234567`, `TC-000123` | optional, both or none: where the debtor pays the lender |
//!
//! Accounts are matched by `external_ref`: a known one takes the lender's new
//! figures and keeps what the field added (phones, emails, addresses) and the
//! office's flags (see [`office::upsert_debtor`]); the rest of the rules are
//! in [`super`].

use std::{collections::HashMap, io::Read, str::FromStr};

use campo_core::{
    RecordBody,
    contact::party::Party,
    debtor::{Address, Breakdown, DebtorFields, PayTo, Product, RelatedParty},
    geo::GeoPoint,
    ids::{TerritoryId, UserId},
    money::Currency,
    text::{Email, Label, Phone},
    wire::{Role, UserInfo},
    zone::Zone,
};
use serde::Deserialize;

use super::{ImportError, ImportReport, Importer, Line, Problem, amount, date, listed};
use crate::{
    error::ApiError,
    office::{self, Upserted},
    store::{Storage, StoreError, Tx},
};

#[derive(Debug, Deserialize)]
pub(crate) struct Row {
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
    principal: String,
    #[serde(default)]
    interest: String,
    #[serde(default)]
    fees: String,
    #[serde(default)]
    pay_to_account: String,
    #[serde(default)]
    pay_to_reference: String,
    #[serde(default)]
    co_obligor: String,
    #[serde(default)]
    co_obligor_phones: String,
    #[serde(default)]
    guarantor: String,
    #[serde(default)]
    guarantor_phones: String,
}

/// The values of a `;`-separated column, each parsed by `parse`.
fn list<T, E: Into<Problem>>(text: &str, parse: impl Fn(&str) -> Result<T, E>) -> Result<Vec<T>, Problem> {
    text.split(';').filter(|v| !v.trim().is_empty()).map(|v| parse(v).map_err(Into::into)).collect()
}

fn label(text: &str, field: &str) -> Result<Label, Problem> {
    Ok(Label::parse(text, field)?)
}

fn coordinate(text: &str) -> Result<Option<f64>, Problem> {
    match text.trim() {
        "" => Ok(None),
        text => f64::from_str(text).map(Some).map_err(|_| Problem::NotANumber { value: text.into() }),
    }
}

/// The values of `columns` (column, text, what the domain calls it), all of
/// them or none: `Some(None)` if every one is empty, `None` if one is wrong
/// or missing (noted on the line).
fn all_or_none<T>(
    line: &mut Line,
    columns: &[(&str, &str, &str)],
    parse: impl Fn(&str, &str) -> Result<T, Problem>,
) -> Option<Option<Vec<T>>> {
    if columns.iter().all(|(_, text, _)| text.trim().is_empty()) {
        return Some(None);
    }
    let values: Vec<Option<T>> = columns
        .iter()
        .map(|(column, text, field)| match text.trim() {
            "" => {
                line.note(Some(column), Problem::Empty);
                None
            }
            text => line.check(column, parse(text, field)),
        })
        .collect();
    values.into_iter().collect::<Option<Vec<T>>>().map(Some)
}

/// The person in columns `column` and `{column}_phones`, if the row names one.
fn related(line: &mut Line, column: &str, who: &str, numbers: &str, role: Party) -> Option<RelatedParty> {
    let phones_column = format!("{column}_phones");
    let phones = line.check(&phones_column, list(numbers, Phone::parse));
    if who.trim().is_empty() {
        if phones.is_some_and(|p| !p.is_empty()) {
            line.note(Some(column), Problem::PhonesWithoutName);
        }
        return None;
    }
    let name = line.check(column, label(who, "nombre"))?;
    Some(RelatedParty { name, role, phones: phones? })
}

/// The portfolio import, into `territories` only (`None`: anywhere, and new
/// ones are created).
pub(crate) struct Debtors {
    territories: Option<Vec<TerritoryId>>,
    /// Each account the file holds, by reference: the line it came on.
    seen: HashMap<String, u64>,
}

impl Debtors {
    /// The gestor `login`, if a gestor whose team works in the account's
    /// `currency` (and, for a coordinator, in a territory they coordinate):
    /// as a reassignment from the console asks.
    fn gestor(
        &self,
        tx: &mut dyn Tx,
        line: &mut Line,
        login: &str,
        currency: Option<Currency>,
    ) -> Result<Option<UserId>, StoreError> {
        let login = login.trim();
        let user = match tx.user_by_login(login)? {
            Some((user, _)) if user.role == Role::Gestor => user,
            Some(_) => {
                line.note(Some("gestor"), Problem::NotAGestor { login: login.into() });
                return Ok(None);
            }
            None => {
                line.note(Some("gestor"), Problem::UnknownUser { login: login.into() });
                return Ok(None);
            }
        };
        let team = tx.team_territory(user.id)?;
        let elsewhere = match (&team, currency) {
            (Some((_, Some(works_in))), Some(currency)) => *works_in != currency,
            (None, _) | (Some((_, None)), _) => true,
            _ => false,
        };
        let outside_mine = self.territories.as_ref().is_some_and(|mine| team.is_none_or(|(t, _)| !mine.contains(&t)));
        if elsewhere || outside_mine {
            line.note(Some("gestor"), Problem::GestorElsewhere { login: login.into() });
            return Ok(None);
        }
        Ok(Some(user.id))
    }

    /// Whether the account `reference` (if it exists) is one this import may change.
    fn may_change(&self, tx: &mut dyn Tx, line: &mut Line, reference: &Label) -> Result<bool, StoreError> {
        let Some(mine) = &self.territories else { return Ok(true) };
        let theirs = matches!(
            tx.debtor_by_ref(reference.as_str())?.map(|r| r.record.parse_body()),
            Some(Ok(RecordBody::Debtor(account))) if !mine.contains(&account.territory)
        );
        if theirs {
            line.note(Some("external_ref"), Problem::ReferenceTaken { reference: reference.as_str().into() });
        }
        Ok(!theirs)
    }

    fn territory(
        &self,
        tx: &mut dyn Tx,
        line: &mut Line,
        name: &str,
        currency: Option<Currency>,
    ) -> Result<Option<TerritoryId>, StoreError> {
        let Some(name) = line.check("territory", label(name, "territorio")) else { return Ok(None) };
        let found = tx.territory_by_name(name.as_str())?;
        if let Some(mine) = &self.territories
            && found.is_none_or(|id| !mine.contains(&id))
        {
            line.note(Some("territory"), Problem::NotYourTerritory { territory: name.as_str().into() });
            return Ok(None);
        }
        if let Some(id) = found {
            return Ok(Some(id));
        }
        let Some(currency) = currency else { return Ok(None) };
        // A new region is created with its first account; a file with
        // problems rolls it back with the rest.
        let id = TerritoryId::generate();
        tx.insert_territory(id, name.as_str(), currency)?;
        Ok(Some(id))
    }
}

impl Importer for Debtors {
    type Row = Row;
    const REQUIRED: &'static [&'static str] = &[
        "external_ref",
        "name",
        "national_id",
        "product",
        "currency",
        "balance",
        "overdue",
        "minimum_payment",
        "overdue_since",
        "segment",
        "territory",
        "zone",
        "phones",
        "address",
        "lat",
        "lon",
        "gestor",
    ];
    const OPTIONAL: &'static [&'static str] = &[
        "emails",
        "lender",
        "co_obligor",
        "co_obligor_phones",
        "guarantor",
        "guarantor_phones",
        "principal",
        "interest",
        "fees",
        "pay_to_account",
        "pay_to_reference",
    ];
    const ACTION: &'static str = "import";

    fn row(&mut self, tx: &mut dyn Tx, line: &mut Line, row: Row) -> Result<Option<Upserted>, StoreError> {
        let external_ref = line.check("external_ref", label(&row.external_ref, "referencia"));
        let name = line.check("name", label(&row.name, "nombre"));
        let national_id = line.check("national_id", label(&row.national_id, "identificación"));
        let product = line.check("product", listed(&row.product, &Product::ALL));
        let currency = line.check("currency", listed(&row.currency, &Currency::ALL));
        let balance = line.check("balance", amount(&row.balance, "saldo"));
        let overdue = line.check("overdue", amount(&row.overdue, "monto vencido"));
        let minimum_payment = line.check("minimum_payment", amount(&row.minimum_payment, "pago mínimo"));
        let overdue_since = match row.overdue_since.trim() {
            "" => Some(None),
            text => line.check("overdue_since", date(text)).map(Some),
        };
        let segment = line.check("segment", label(&row.segment, "segmento"));
        let zone = line.check("zone", Zone::from_str(row.zone.trim()).map_err(Problem::from));
        let phones = line.check("phones", list(&row.phones, Phone::parse));
        let emails = line.check("emails", list(&row.emails, Email::parse));
        let lat = line.check("lat", coordinate(&row.lat));
        let lon = line.check("lon", coordinate(&row.lon));
        let point = match (lat, lon) {
            (Some(Some(lat)), Some(Some(lon))) => line.check("lat", GeoPoint::new(lat, lon).map_err(Problem::from)),
            (Some(None), Some(None)) => None,
            (Some(_), Some(_)) => {
                line.note(Some(if row.lat.trim().is_empty() { "lat" } else { "lon" }), Problem::HalfPosition);
                None
            }
            _ => None,
        };
        let addresses = match row.address.trim() {
            "" => Some(vec![]),
            text => line.check("address", label(text, "dirección")).map(|line| vec![Address { line, point }]),
        };
        let co_obligor = related(line, "co_obligor", &row.co_obligor, &row.co_obligor_phones, Party::CoObligor);
        let guarantor = related(line, "guarantor", &row.guarantor, &row.guarantor_phones, Party::Guarantor);
        let lender = match row.lender.trim() {
            "" => Some(None),
            text => line.check("lender", label(text, "acreedor")).map(Some),
        };
        let parts = [
            ("principal", &*row.principal, "capital"),
            ("interest", &row.interest, "intereses"),
            ("fees", &row.fees, "comisiones"),
        ];
        let breakdown = all_or_none(line, &parts, amount)
            .map(|parts| parts.map(|p| Breakdown { principal: p[0], interest: p[1], fees: p[2] }));
        let pay_to = [
            ("pay_to_account", &*row.pay_to_account, "cuenta de pago"),
            ("pay_to_reference", &row.pay_to_reference, "referencia de pago"),
        ];
        let pay_to = all_or_none(line, &pay_to, label).map(|parts| {
            parts.map(|mut p| {
                let reference = p.pop().unwrap_or_else(|| unreachable!("two columns"));
                PayTo { account: p.pop().unwrap_or_else(|| unreachable!("two columns")), reference }
            })
        });
        let territory = self.territory(tx, line, &row.territory, currency)?;
        let gestor = self.gestor(tx, line, &row.gestor, currency)?;
        // Every column was checked above, so the report names all that is
        // wrong on the line; the account is built only if nothing was.
        let assembled = || {
            let fields = DebtorFields {
                external_ref: external_ref?,
                name: name?,
                national_id: national_id?,
                product: product?,
                currency: currency?,
                balance: balance?,
                overdue: overdue?,
                minimum_payment: minimum_payment?,
                overdue_since: overdue_since?,
                segment: segment?,
                territory: territory?,
                zone: zone?,
                phones: phones?,
                emails: emails?,
                addresses: addresses?,
                lender: lender?,
                related: co_obligor.into_iter().chain(guarantor).collect(),
                dispute: false,
                deceased: false,
                do_not_visit: false,
                breakdown: breakdown?,
                pay_to: pay_to?,
            };
            Some((fields, gestor?))
        };
        let Some((fields, gestor)) = assembled().filter(|_| line.is_clean()) else { return Ok(None) };
        let reference = fields.external_ref.as_str().to_owned();
        if let Some(first_line) = self.seen.get(&reference) {
            line.note(Some("external_ref"), Problem::RepeatedInFile { reference, first_line: *first_line });
            return Ok(None);
        }
        self.seen.insert(reference, line.number());
        if !self.may_change(tx, line, &fields.external_ref)? {
            return Ok(None);
        }
        match office::upsert_debtor(tx, fields, gestor, None) {
            Ok((_, upserted)) => Ok(Some(upserted)),
            Err(ApiError::Store(e)) => Err(e),
            // The account's own rules (the overdue amount within the balance).
            Err(ApiError::Invalid(error)) => {
                line.note(None, Problem::Invalid { error });
                Ok(None)
            }
            Err(other) => {
                line.note(None, Problem::Unreadable { detail: other.to_string() });
                Ok(None)
            }
        }
    }
}

/// Imports a debtors CSV (see the module docs) in one transaction; with
/// `dry_run`, checks and counts without storing. `by` is who sent it
/// (`None`: the operator at the command line, who may import anywhere).
/// `progress` hears the number of rows read every 500 rows.
pub fn import(
    storage: &dyn Storage,
    input: impl Read,
    dry_run: bool,
    by: Option<&UserInfo>,
    progress: impl FnMut(u64),
) -> Result<ImportReport, ImportError> {
    super::run(storage, |territories| Debtors { territories, seen: HashMap::new() }, input, dry_run, by, progress)
}

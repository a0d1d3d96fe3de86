//! What a gestor may write. The device checks a write here before it saves
//! it, so the gestor hears at once; the server checks it again here when it
//! arrives, and its verdict is final. One function, so the two never differ.

use serde::Serialize;
use serde_json::value::RawValue;

use crate::{DomainError, Record, RecordBody, RecordKind, debtor::Debtor};

/// A gestor's new version of a record.
pub struct GestorWrite<'a> {
    /// The account it is about.
    pub debtor_id: crate::ids::DebtorId,
    /// Its body, checked by the domain already.
    pub body: &'a RecordBody,
    /// The same body as JSON, as it is stored and sent.
    pub json: &'a RawValue,
    /// Whether the write deletes the record.
    pub deleted: bool,
}

/// What the write lands on, as the side checking it knows it.
pub struct Landing<'a> {
    /// The record's version now, if the record exists.
    pub current: Option<&'a Record>,
    /// The version the gestor edited, if not the current one: a debtor's
    /// fields are compared with what the gestor saw.
    pub edited: Option<&'a Record>,
    /// The account the record belongs to.
    pub account: Option<&'a Debtor>,
}

/// Why a gestor's write is refused. Travels to the app as a code with data
/// (tagged `refusal`, so a domain error inside keeps its own `code`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "refusal", rename_all = "snake_case")]
pub enum Refusal {
    /// The id names a record of another kind or another account.
    #[error("el id ya pertenece a otro registro")]
    OtherRecord,
    /// Gestores do not create records of this kind (debtors and payments come
    /// from the lender, reviews from supervisors).
    #[error("un gestor no puede crear registros de tipo {record_kind}")]
    MayNotCreate {
        /// The kind.
        record_kind: RecordKind,
    },
    /// Gestores do not change records of this kind.
    #[error("un gestor no puede cambiar registros de tipo {record_kind}")]
    MayNotEdit {
        /// The kind.
        record_kind: RecordKind,
    },
    /// A field of the account that belongs to the lender.
    #[error("un gestor no puede cambiar el campo {field} de la cuenta")]
    LenderField {
        /// The field.
        field: String,
    },
    /// A value the domain refuses (a promise in another currency…).
    #[error(transparent)]
    Invalid(#[from] DomainError),
}

/// Checks `write` on `landing`; `Ok` if a gestor may make it.
pub fn check_gestor_write(write: &GestorWrite<'_>, landing: &Landing<'_>) -> Result<(), Refusal> {
    let kind = write.body.kind();
    match landing.current {
        Some(current) if current.kind != kind || current.debtor_id != write.debtor_id => {
            return Err(Refusal::OtherRecord);
        }
        None if !kind.device_may_create() => return Err(Refusal::MayNotCreate { record_kind: kind }),
        Some(_) if !kind.device_may_edit() => return Err(Refusal::MayNotEdit { record_kind: kind }),
        _ => {}
    }
    if kind == RecordKind::Debtor
        && let Some(field) = landing
            .edited
            .or(landing.current)
            .and_then(|before| before.forbidden_device_edit(write.json, write.deleted))
    {
        return Err(Refusal::LenderField { field });
    }
    if let (Some(currency), Some(account)) = (write.body.currency(), landing.account) {
        account.check_currency(currency)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        activity::{Payment, Promise, PromiseFields, PromiseStatus},
        debtor::tests::fields,
        ids::DebtorId,
        money::{Amount, Currency},
        record::raw,
        text::Label,
    };

    fn account() -> Debtor {
        Debtor::try_from(fields()).expect("debtor")
    }

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
    }

    fn amount() -> Amount {
        Amount::parse(rust_decimal::Decimal::new(50_000, 2), "monto").expect("amount")
    }

    fn promise(currency: Currency) -> RecordBody {
        let today = today();
        RecordBody::Promise(
            Promise::try_from(PromiseFields {
                amount: amount(),
                currency,
                made_on: today,
                due_on: today,
                installments: vec![],
                status: PromiseStatus::Pending,
                source: None,
            })
            .expect("promise"),
        )
    }

    fn check(body: &RecordBody, current: Option<&Record>, account: &Debtor) -> Result<(), Refusal> {
        let json = raw(body.to_json());
        let write = GestorWrite { debtor_id: DebtorId::generate(), body, json: &json, deleted: false };
        check_gestor_write(&write, &Landing { current, edited: None, account: Some(account) })
    }

    #[test]
    fn a_promise_in_the_accounts_currency_is_allowed_and_another_currency_is_not() {
        let account = account();
        assert_eq!(check(&promise(account.currency), None, &account), Ok(()));
        let other = if account.currency == Currency::MXN { Currency::PEN } else { Currency::MXN };
        assert!(matches!(
            check(&promise(other), None, &account),
            Err(Refusal::Invalid(DomainError::CurrencyMismatch { .. }))
        ));
    }

    #[test]
    fn gestores_create_no_payments_and_no_accounts() {
        let account = account();
        let reference = Label::parse("PAGO-1", "referencia").expect("label");
        let payment =
            RecordBody::Payment(Payment { amount: amount(), currency: account.currency, paid_on: today(), reference });
        assert_eq!(check(&payment, None, &account), Err(Refusal::MayNotCreate { record_kind: RecordKind::Payment }));
        let debtor = RecordBody::Debtor(account.clone());
        assert_eq!(check(&debtor, None, &account), Err(Refusal::MayNotCreate { record_kind: RecordKind::Debtor }));
    }
}

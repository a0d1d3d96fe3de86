//! The debtor account, as the lender hands it over and the gestor works it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    DomainError,
    contact::party::Party,
    geo::GeoPoint,
    ids::TerritoryId,
    money::{Amount, Currency},
    text::{Email, Label, Phone},
    validated,
    zone::Zone,
};

/// The kind of credit behind the debt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Product {
    /// Tarjeta de crédito.
    CreditCard,
    /// Préstamo personal.
    PersonalLoan,
    /// Crédito de nómina.
    PayrollLoan,
    /// Microcrédito.
    Microcredit,
    /// Crédito automotriz.
    AutoLoan,
}

impl Product {
    /// Every product.
    pub const ALL: [Self; 5] =
        [Self::CreditCard, Self::PersonalLoan, Self::PayrollLoan, Self::Microcredit, Self::AutoLoan];
}

/// An address, with its coordinates when the lender or a gestor has them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// Street, number, neighbourhood, city.
    pub line: Label,
    /// Where it is, if known.
    pub point: Option<GeoPoint>,
}

/// Someone else bound to the debt: a co-obligor or a guarantor (aval).
/// Where the policy allows (see [`crate::contact::party`]) the debt may be
/// discussed with them; with nobody else.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RelatedParty {
    /// Their full name.
    pub name: Label,
    /// [`Party::CoObligor`] or [`Party::Guarantor`].
    pub role: Party,
    /// Their phone numbers, as the lender has them.
    pub phones: Vec<Phone>,
}

/// Days-past-due buckets, as supervisors and coordinators segment a portfolio.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    /// Not overdue.
    Current,
    /// 1 to 30 days.
    D1To30,
    /// 31 to 60 days.
    D31To60,
    /// 61 to 90 days.
    D61To90,
    /// 91 to 120 days.
    D91To120,
    /// Over 120 days.
    Over120,
}

impl Bucket {
    /// Every bucket, from current to the oldest.
    pub const ALL: [Bucket; 6] =
        [Self::Current, Self::D1To30, Self::D31To60, Self::D61To90, Self::D91To120, Self::Over120];

    /// The days past due the bucket spans: its first and last day (`None`: no end).
    pub fn days(self) -> (u32, Option<u32>) {
        match self {
            Self::Current => (0, Some(0)),
            Self::D1To30 => (1, Some(30)),
            Self::D31To60 => (31, Some(60)),
            Self::D61To90 => (61, Some(90)),
            Self::D91To120 => (91, Some(120)),
            Self::Over120 => (121, None),
        }
    }

    /// The bucket of `days` past due.
    pub fn of(days: u32) -> Self {
        Self::ALL.into_iter().find(|b| b.days().1.is_none_or(|last| days <= last)).unwrap_or(Self::Over120)
    }
}

/// Peru's classification of a consumer debtor by days past due (SBS,
/// Res. 11356-2008, chapter 2): shown on Peruvian accounts, since the
/// lender and the debtor both speak of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SbsClass {
    /// Normal: up to 8 days.
    Normal,
    /// Con problemas potenciales (CPP): 9 to 30 days.
    Cpp,
    /// Deficiente: 31 to 60 days.
    Deficiente,
    /// Dudoso: 61 to 120 days.
    Dudoso,
    /// Pérdida: over 120 days.
    Perdida,
}

impl SbsClass {
    /// The class of a debtor `days` past due.
    pub fn of(days: u32) -> Self {
        match days {
            0..=8 => Self::Normal,
            9..=30 => Self::Cpp,
            31..=60 => Self::Deficiente,
            61..=120 => Self::Dudoso,
            _ => Self::Perdida,
        }
    }
}

/// Days past due on `today` of an account overdue since `since` (none: current).
pub fn days_past_due(since: Option<NaiveDate>, today: NaiveDate) -> u32 {
    since.map_or(0, |since| u32::try_from((today - since).num_days()).unwrap_or(0))
}

/// The fields of a [`Debtor`] account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct DebtorFields {
    /// The lender's reference for the account; unique per lender.
    pub external_ref: Label,
    /// The debtor's full name.
    pub name: Label,
    /// CURP or RFC in Mexico, DNI in Peru.
    pub national_id: Label,
    /// The credit product.
    pub product: Product,
    /// The account's currency; every amount on it is in this currency.
    pub currency: Currency,
    /// Total outstanding (saldo).
    pub balance: Amount,
    /// Overdue amount (monto vencido).
    pub overdue: Amount,
    /// Minimum payment that brings the account current.
    pub minimum_payment: Amount,
    /// First day of the oldest unpaid instalment; days past due follow from it.
    pub overdue_since: Option<NaiveDate>,
    /// The lender's or coordinator's segment, e.g. "alto saldo".
    pub segment: Label,
    /// The region the account belongs to.
    pub territory: TerritoryId,
    /// The debtor's time zone: contact hours are the debtor's local hours.
    pub zone: Zone,
    /// Phone numbers the debtor gave the lender, or gave a gestor.
    pub phones: Vec<Phone>,
    /// Email addresses the debtor gave the lender, or gave a gestor.
    /// Accounts imported before emails have none.
    #[serde(default)]
    pub emails: Vec<Email>,
    /// Home and work addresses.
    pub addresses: Vec<Address>,
    /// The lender who owns the account: the gestor names it when they
    /// identify themselves. Accounts imported before it have none.
    #[serde(default)]
    pub lender: Option<Label>,
    /// Co-obligors and guarantors.
    #[serde(default)]
    pub related: Vec<RelatedParty>,
    /// The debtor disputes the debt (aclaración): no collection pressure.
    pub dispute: bool,
    /// The debtor has died.
    pub deceased: bool,
    /// The lender or the law forbids field visits.
    pub do_not_visit: bool,
    /// What the balance is made of, when the lender's file says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub breakdown: Option<Breakdown>,
    /// Where the debtor pays the lender, when the lender's file says. In
    /// Mexico a collector may not take the money: an agreement names these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub pay_to: Option<PayTo>,
}

/// What a balance is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Breakdown {
    /// What was lent and is still owed (capital).
    pub principal: Amount,
    /// Interest owed.
    pub interest: Amount,
    /// Fees and charges.
    pub fees: Amount,
}

/// Where a debtor pays the lender.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct PayTo {
    /// The lender's account, agreement or service: "BBVA, convenio CIE 1234567".
    pub account: Label,
    /// The reference the debtor quotes when paying.
    pub reference: Label,
}

impl DebtorFields {
    /// The fields a gestor's device may change; the rest belong to the lender
    /// and the office. Names are the JSON field names.
    pub const DEVICE_EDITABLE: &'static [&'static str] = &["phones", "emails", "addresses"];

    fn check(&self) -> Result<(), DomainError> {
        if self.overdue > self.balance {
            return Err(DomainError::ExceedsBalance { field: "monto vencido".into() });
        }
        if self.minimum_payment > self.balance {
            return Err(DomainError::ExceedsBalance { field: "pago mínimo".into() });
        }
        if let Some(other) = self.related.iter().find(|r| !matches!(r.role, Party::CoObligor | Party::Guarantor)) {
            return Err(DomainError::NotBoundToTheDebt { name: other.name.as_str().into() });
        }
        if let Some(b) = self.breakdown
            && b.principal.value() + b.interest.value() + b.fees.value() != self.balance.value()
        {
            return Err(DomainError::BreakdownDoesNotAddUp { balance: self.balance.to_string() });
        }
        Ok(())
    }
}

validated! {
    /// A debtor account. Its overdue amount and minimum payment never exceed the balance.
    Debtor(DebtorFields), check = DebtorFields::check
}

impl Debtor {
    /// Days past due on `today` (the debtor's local date).
    pub fn days_past_due(&self, today: NaiveDate) -> u32 {
        days_past_due(self.overdue_since, today)
    }

    /// The delinquency bucket on `today`.
    pub fn bucket(&self, today: NaiveDate) -> Bucket {
        Bucket::of(self.days_past_due(today))
    }

    /// Checks that `currency` is the account's.
    pub fn check_currency(&self, currency: Currency) -> Result<(), DomainError> {
        if currency == self.currency {
            Ok(())
        } else {
            Err(DomainError::CurrencyMismatch { expected: self.currency.code().into(), found: currency.code().into() })
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use rust_decimal::Decimal;

    pub(crate) fn fields() -> DebtorFields {
        DebtorFields {
            external_ref: Label::parse("TC-0001", "ref").unwrap(),
            name: Label::parse("María López", "nombre").unwrap(),
            national_id: Label::parse("LOPM800101MDFRRR09", "id").unwrap(),
            product: Product::CreditCard,
            currency: Currency::MXN,
            balance: Amount::parse(Decimal::new(1200000, 2), "saldo").unwrap(),
            overdue: Amount::parse(Decimal::new(300000, 2), "vencido").unwrap(),
            minimum_payment: Amount::parse(Decimal::new(150000, 2), "mínimo").unwrap(),
            overdue_since: NaiveDate::from_ymd_opt(2026, 9, 1),
            segment: Label::parse("medio", "segmento").unwrap(),
            territory: TerritoryId::generate(),
            zone: Zone::MEXICO_CITY,
            phones: vec![Phone::parse("5512345678").unwrap()],
            emails: vec![Email::parse("maria@correo.mx").unwrap()],
            addresses: vec![],
            lender: Label::parse("Banco Ejemplo", "acreedor").ok(),
            related: vec![],
            dispute: false,
            deceased: false,
            do_not_visit: false,
            breakdown: None,
            pay_to: None,
        }
    }

    #[test]
    fn the_sbs_class_changes_on_the_day_the_regulation_says() {
        let cases = [
            (0, SbsClass::Normal),
            (8, SbsClass::Normal),
            (9, SbsClass::Cpp),
            (30, SbsClass::Cpp),
            (31, SbsClass::Deficiente),
            (60, SbsClass::Deficiente),
            (61, SbsClass::Dudoso),
            (120, SbsClass::Dudoso),
            (121, SbsClass::Perdida),
        ];
        for (days, class) in cases {
            assert_eq!(SbsClass::of(days), class, "{days} days");
        }
    }

    #[test]
    fn only_co_obligors_and_guarantors_are_bound_to_the_debt() {
        let mut f = fields();
        let person = |role| RelatedParty { name: Label::parse("Juan Pérez", "nombre").unwrap(), role, phones: vec![] };
        f.related = vec![person(Party::Guarantor), person(Party::CoObligor)];
        assert!(Debtor::try_from(f.clone()).is_ok());
        f.related.push(person(Party::Other));
        assert_eq!(Debtor::try_from(f), Err(DomainError::NotBoundToTheDebt { name: "Juan Pérez".into() }));
    }

    #[test]
    fn overdue_above_balance_is_refused() {
        let mut f = fields();
        f.overdue = Amount::parse(Decimal::new(2000000, 2), "x").unwrap();
        assert!(matches!(Debtor::try_from(f), Err(DomainError::ExceedsBalance { .. })));
    }

    #[test]
    fn buckets_split_days_past_due_at_30_60_90_and_120() {
        let cases = [(0, Bucket::Current), (1, Bucket::D1To30), (30, Bucket::D1To30), (31, Bucket::D31To60)];
        let more = [(90, Bucket::D61To90), (120, Bucket::D91To120), (121, Bucket::Over120), (4000, Bucket::Over120)];
        for (days, bucket) in cases.into_iter().chain(more) {
            assert_eq!(Bucket::of(days), bucket, "{days} days");
        }
    }

    #[test]
    fn days_past_due_follow_from_the_overdue_date() {
        let d = Debtor::try_from(fields()).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(d.days_past_due(today), 82);
        assert_eq!(d.bucket(today), Bucket::D61To90);
        assert!(d.check_currency(Currency::PEN).is_err());
    }
}

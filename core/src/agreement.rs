//! The written agreement of a payment plan, in plain Spanish: who agrees
//! with whom, what is owed and what it is made of, the discount, whether
//! the plan settles the debt, each payment's date and amount, and where to
//! pay: always the lender, never the collector (in Mexico a collector may
//! not receive payment). The same text is shown on the gestor's screen and
//! written to the PDF the device makes, so both say the same.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

use crate::{
    activity::{PromiseFields, PromiseStatus},
    contact::{Country, policy::ContactPolicy},
    debtor::DebtorFields,
    message::spanish_date,
    money::Amount,
    plan::Approval,
};

/// An agreement, ready to read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Agreement {
    /// "Convenio de pago".
    pub title: String,
    /// Its parts, in reading order.
    pub sections: Vec<Section>,
}

/// A part of an agreement: a heading and its lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Section {
    /// What the part is about.
    pub heading: String,
    /// Its sentences or rows, each on its own line.
    pub lines: Vec<String>,
}

fn long_date(day: NaiveDate) -> String {
    let weekday = match day.weekday() {
        Weekday::Mon => "lunes",
        Weekday::Tue => "martes",
        Weekday::Wed => "miércoles",
        Weekday::Thu => "jueves",
        Weekday::Fri => "viernes",
        Weekday::Sat => "sábado",
        Weekday::Sun => "domingo",
    };
    format!("{weekday} {}", spanish_date(day))
}

/// The agreement of `plan` on `account`, made by `gestor` for the agency
/// `policy` names. `None` if `plan` is a plain promise.
pub fn agreement(
    account: &DebtorFields,
    plan: &PromiseFields,
    policy: &ContactPolicy,
    gestor: &str,
) -> Option<Agreement> {
    let details = plan.plan.as_ref()?;
    let money = |amount: &Amount| account.currency.written(amount);
    let lender = account.lender.as_ref().map_or("la entidad acreedora", |l| l.as_str());
    let agency = if policy.agency.is_empty() { "la agencia de cobranza" } else { policy.agency.as_str() };

    let parties = vec![
        format!("Titular: {}, identificación {}.", account.name, account.national_id),
        format!("Entidad acreedora: {lender}. Cuenta {}.", account.external_ref),
        format!("Gestión de cobranza: {agency}, por {gestor}."),
        format!("Fecha del convenio: {}.", long_date(plan.made_on)),
    ];

    let mut debt = vec![format!("Saldo total de la cuenta: {}.", money(&details.balance))];
    // The account's breakdown, only while it is of the balance the plan was made on.
    if let Some(b) = account.breakdown.filter(|_| account.balance == details.balance) {
        debt.push(format!("Capital: {}.", money(&b.principal)));
        debt.push(format!("Intereses: {}.", money(&b.interest)));
        debt.push(format!("Comisiones y gastos: {}.", money(&b.fees)));
    }
    if !details.discount.is_zero() {
        debt.push(format!("Descuento (condonación) que otorga este convenio: {}.", money(&details.discount)));
    }
    debt.push(format!("Total a pagar con este convenio: {}.", money(&plan.amount)));
    let scope = if details.settles(plan.amount) {
        "Convenio de liquidación: al cubrir todos los pagos, la deuda de esta cuenta queda pagada.".to_owned()
    } else {
        let left = details.balance.value() - plan.amount.value() - details.discount.value();
        let left = Amount::parse(left, "saldo").map_or_else(|_| left.to_string(), |a| money(&a));
        format!("Convenio parcial: al cubrir todos los pagos, la cuenta conserva un saldo de {left}.")
    };
    debt.push(scope);

    let count = plan.installments.len();
    let payments = plan
        .installments
        .iter()
        .enumerate()
        .map(|(i, due)| format!("Pago {} de {count}: {}, el {}.", i + 1, money(&due.amount), long_date(due.due_on)))
        .collect();

    let mut how = vec![match &account.pay_to {
        Some(to) => format!("Paga directamente a {lender}: {}, con la referencia {}.", to.account, to.reference),
        None => format!(
            "Paga solo en los canales oficiales de {lender}, con la referencia de tu cuenta {}.",
            account.external_ref
        ),
    }];
    how.push(
        match Country::from(account.currency) {
            Country::MX => {
                "El personal de cobranza no puede recibir dinero: no entregues pagos a quien te visite o te llame."
            }
            Country::PE => "No entregues dinero a quien te visite o te llame: paga solo en los canales de tu acreedor.",
        }
        .to_owned(),
    );
    how.push("Si un pago cae en día inhábil, la fecha indicada ya es el siguiente día hábil.".to_owned());

    let standing = match (&details.approval, plan.status) {
        (Approval::Rejected { .. }, _) => "Este convenio no fue aprobado y no está en vigor.",
        (_, PromiseStatus::Cancelled) => "Este convenio se canceló y ya no está en vigor.",
        (_, PromiseStatus::Kept) => "Este convenio se cumplió: todos sus pagos se recibieron.",
        (Approval::Requested, _) => {
            "Este convenio está sujeto a la aprobación de un supervisor; entra en vigor cuando se apruebe."
        }
        (Approval::Countered { .. }, _) => {
            "Estas son las condiciones que propone el supervisor; entran en vigor cuando las aceptes."
        }
        (Approval::NotNeeded | Approval::Approved { .. } | Approval::Accepted, _) => "Este convenio está en vigor.",
    };
    let mut terms = vec![standing.to_owned()];
    if !policy.agency_phone.is_empty() {
        terms.push(format!("Dudas o aclaraciones: {agency}, teléfono {}.", policy.agency_phone));
    }

    let section = |heading: &str, lines| Section { heading: heading.into(), lines };
    Some(Agreement {
        title: "Convenio de pago".into(),
        sections: vec![
            section("Partes", parties),
            section("Adeudo", debt),
            section("Calendario de pagos", payments),
            section("Cómo pagar", how),
            section("Vigencia", terms),
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        debtor::{Breakdown, PayTo, tests::fields},
        plan::{Frequency, PlanDetails, PlanTerms, schedule},
        text::Label,
    };

    fn amount(text: &str) -> Amount {
        Amount::parse(text.parse().unwrap(), "monto").unwrap()
    }

    fn plan(total: &str, discount: &str, approval: Approval) -> PromiseFields {
        let made_on = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let terms = PlanTerms { total: amount(total), count: 3, frequency: Frequency::Monthly, first_due: made_on };
        let installments = schedule(&terms, Country::MX).unwrap();
        PromiseFields {
            amount: amount(total),
            currency: crate::money::Currency::MXN,
            made_on,
            due_on: installments[2].due_on,
            installments,
            status: PromiseStatus::Pending,
            source: None,
            plan: Some(PlanDetails {
                frequency: Frequency::Monthly,
                balance: amount("1500.00"),
                discount: amount(discount),
                approval,
            }),
        }
    }

    #[test]
    fn an_agreement_says_what_is_owed_what_is_forgiven_when_to_pay_and_where() {
        let account = DebtorFields {
            balance: amount("1500.00"),
            overdue: amount("500.00"),
            minimum_payment: amount("100.00"),
            lender: Some(Label::parse("Banco del Centro", "acreedor").unwrap()),
            breakdown: Some(Breakdown {
                principal: amount("1200.00"),
                interest: amount("250.00"),
                fees: amount("50.00"),
            }),
            pay_to: Some(PayTo {
                account: Label::parse("BBVA, convenio CIE 1234567", "cuenta").unwrap(),
                reference: Label::parse("TC-000123", "referencia").unwrap(),
            }),
            ..fields()
        };
        let policy = ContactPolicy {
            agency: "Cobranza Justa, S.C.".into(),
            agency_phone: "55 5000 1234".into(),
            ..ContactPolicy::default_for(Country::MX)
        };
        let text = agreement(&account, &plan("1000.00", "500.00", Approval::Requested), &policy, "Ana Ruiz").unwrap();
        let lines: Vec<&str> = text.sections.iter().flat_map(|s| s.lines.iter().map(String::as_str)).collect();
        for expected in [
            "Gestión de cobranza: Cobranza Justa, S.C., por Ana Ruiz.",
            "Fecha del convenio: miércoles 2 de diciembre de 2026.",
            "Capital: $1,200.00.",
            "Intereses: $250.00.",
            "Comisiones y gastos: $50.00.",
            "Descuento (condonación) que otorga este convenio: $500.00.",
            "Total a pagar con este convenio: $1,000.00.",
            "Convenio de liquidación: al cubrir todos los pagos, la deuda de esta cuenta queda pagada.",
            "Pago 1 de 3: $333.33, el miércoles 2 de diciembre de 2026.",
            // 2 January 2027 is a Saturday: the Monday after.
            "Pago 2 de 3: $333.33, el lunes 4 de enero de 2027.",
            "Pago 3 de 3: $333.34, el martes 2 de febrero de 2027.",
            "Paga directamente a Banco del Centro: BBVA, convenio CIE 1234567, con la referencia TC-000123.",
            "El personal de cobranza no puede recibir dinero: no entregues pagos a quien te visite o te llame.",
            "Este convenio está sujeto a la aprobación de un supervisor; entra en vigor cuando se apruebe.",
            "Dudas o aclaraciones: Cobranza Justa, S.C., teléfono 55 5000 1234.",
        ] {
            assert!(lines.contains(&expected), "missing {expected:?} in {lines:#?}");
        }

        let partial = agreement(&account, &plan("900.00", "0.00", Approval::NotNeeded), &policy, "Ana Ruiz").unwrap();
        let lines: Vec<&str> = partial.sections.iter().flat_map(|s| s.lines.iter().map(String::as_str)).collect();
        assert!(
            lines.contains(&"Convenio parcial: al cubrir todos los pagos, la cuenta conserva un saldo de $600.00.")
        );
        assert!(lines.contains(&"Este convenio está en vigor."));
        assert!(!lines.iter().any(|l| l.starts_with("Descuento")), "no discount, no line for it");

        let cancelled =
            PromiseFields { status: PromiseStatus::Cancelled, ..plan("900.00", "0.00", Approval::NotNeeded) };
        let text = agreement(&account, &cancelled, &policy, "Ana Ruiz").unwrap();
        assert!(text.sections[4].lines.contains(&"Este convenio se canceló y ya no está en vigor.".to_owned()));
        let reimported = DebtorFields { balance: amount("1400.00"), ..account.clone() };
        let later = agreement(&reimported, &plan("900.00", "0.00", Approval::NotNeeded), &policy, "Ana Ruiz").unwrap();
        assert!(!later.sections[1].lines.iter().any(|l| l.starts_with("Capital")), "no breakdown of another balance");

        let plain = PromiseFields { plan: None, ..plan("900.00", "0.00", Approval::NotNeeded) };
        assert_eq!(agreement(&account, &plain, &policy, "Ana Ruiz"), None);
    }
}

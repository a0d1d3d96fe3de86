//! What a gestor may write. The device checks a write here before it saves
//! it, so the gestor hears at once; the server checks it again here when it
//! arrives, and its verdict is final. One function, so the two never differ.

use serde::Serialize;
use serde_json::value::RawValue;

use crate::{
    DomainError, Record, RecordBody, RecordKind,
    activity::{PromiseFields, PromiseStatus},
    contact::{
        Breach, Judgement,
        account::check_promise,
        judge::{Account, Verdict},
        policy::{Attempt, ContactPolicy},
    },
    debtor::Debtor,
    message::{Delivery, Message, SentVia},
    plan::Approval,
};

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
    /// The account the record belongs to, when the write carries money.
    pub account: Option<&'a Debtor>,
    /// The contact rules, for a visit, a call or a promise (see [`RulesNeed`]).
    pub contact: Option<&'a ContactRules>,
}

/// What a visit, call or promise is judged against, as the checking side
/// holds it.
#[derive(Clone, Debug)]
pub struct ContactRules {
    /// The policy in force in the account's country.
    pub policy: ContactPolicy,
    /// The account's zone and flags.
    pub account: Account,
    /// Every other attempt on the debtor since [`RulesNeed::AccountAndAttempts`]
    /// said: the server holds every gestor's.
    pub history: Vec<Attempt>,
    /// Earlier policy versions a new message may have been written under,
    /// with their templates and agency: on the server, those since the
    /// version the device held, since a device offline through a change
    /// sends what its version offered; on the device, none.
    pub earlier: Vec<ContactPolicy>,
    /// The gestor's name as this side knows it, which their messages give.
    pub gestor: String,
}

/// What a side must read for the contact rules to judge a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RulesNeed {
    /// Nothing: the rules judge visits, calls and promises only.
    Nothing,
    /// The account's zone and flags (a promise, a message).
    Account,
    /// The account, and every attempt on the debtor that started at or
    /// after this instant (a visit or call).
    AccountAndAttempts {
        /// A week before the contact, with room for the debtor's zone.
        since: chrono::DateTime<chrono::Utc>,
    },
}

impl RulesNeed {
    /// What judging `body` needs.
    pub fn of(body: &RecordBody) -> Self {
        match (body, body.contact()) {
            // A week of the debtor's local days reaches at most 14 hours
            // beyond seven UTC days; the policy counts exactly.
            (_, Some(contact)) => Self::AccountAndAttempts { since: contact.at - chrono::Days::new(8) },
            (RecordBody::Promise(_) | RecordBody::Message(_), None) => Self::Account,
            _ => Self::Nothing,
        }
    }
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
    /// A promise's status is derived on the server from payments and dates
    /// (see [`crate::lifecycle`]); a gestor only cancels one.
    #[error("el estado de una promesa lo calcula el servidor con los pagos; solo puedes cancelarla")]
    PromiseStatus {
        /// The status the write claimed.
        status: PromiseStatus,
    },
    /// A plan's approval is the supervisor's to decide.
    #[error("la aprobación de un plan la decide el supervisor")]
    PlanApproval,
    /// A discount above the gestor's limit, on a plan claiming to need no approval.
    #[error("un descuento de más del {max_percent} % del saldo necesita la aprobación del supervisor")]
    DiscountNeedsApproval {
        /// The gestor's limit for the account's segment, in percent.
        max_percent: String,
    },
    /// The terms of a plan a supervisor decided are theirs.
    #[error("un plan que el supervisor ya decidió no cambia; cancélalo y propón otro")]
    PlanDecided,
    /// A plan worked out on a balance the account no longer has.
    #[error("el saldo de la cuenta es ahora {balance}; vuelve a calcular el plan con él")]
    PlanBalance {
        /// The account's balance now, as people write it.
        balance: String,
    },
    /// Outside the contact rules, with no justification that covers it.
    #[error("{}", sentences(breaches))]
    Contact {
        /// Every rule broken.
        breaches: Vec<Breach>,
        /// Whether a justification would let it through, flagged.
        justifiable: bool,
    },
}

fn sentences(breaches: &[Breach]) -> String {
    breaches.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

/// Checks `write` on `landing`; `Ok` if a gestor may make it, with the
/// contact rules' verdict when they judged it (a new visit or call, or one
/// whose contact changed: an edit of the notes is no new contact).
pub fn check_gestor_write(write: &GestorWrite<'_>, landing: &Landing<'_>) -> Result<Option<Judgement>, Refusal> {
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
    if let RecordBody::Message(message) = write.body {
        return check_message(message, landing).map(|()| None);
    }
    if let RecordBody::Promise(promise) = write.body {
        let seen = match landing.edited.or(landing.current).map(Record::parse_body) {
            Some(Ok(RecordBody::Promise(p))) => Some(p.into_fields()),
            _ => None,
        };
        check_promise_status(promise, seen.as_ref())?;
        check_plan(promise, seen.as_ref(), landing.account, landing.contact.map(|c| &c.policy))?;
    }
    let Some(rules) = landing.contact else { return Ok(None) };
    if let RecordBody::Promise(_) = write.body
        && landing.current.is_none()
    {
        check_promise(rules.account.flags)
            .map_err(|breach| Refusal::Contact { breaches: vec![breach], justifiable: false })?;
        return Ok(None);
    }
    let Some(contact) = write.body.contact() else { return Ok(None) };
    let before = landing.current.and_then(|c| c.parse_body().ok());
    if before.as_ref().and_then(RecordBody::contact) == Some(contact) {
        return Ok(None);
    }
    let policy = &rules.policy;
    let judged = |breaches| Judgement { country: policy.country, policy_version: policy.version, breaches };
    match policy.judge(&contact, &rules.account, &rules.history) {
        Verdict::Allowed => Ok(Some(judged(Vec::new()))),
        Verdict::Flagged(breaches) => Ok(Some(judged(breaches))),
        Verdict::Refused(breaches) => {
            let justifiable = breaches.iter().all(|b| policy.justifiable(b));
            Err(Refusal::Contact { breaches, justifiable })
        }
    }
}

/// What a gestor may say of a promise's status: a new one is pending (or
/// already cancelled, if the gestor cancelled it before it was sent); an
/// edit keeps the status it saw, or cancels; a cancelled one stays so. An
/// instalment's status is the server's alone: an edit keeps those it saw.
fn check_promise_status(promise: &PromiseFields, seen: Option<&PromiseFields>) -> Result<(), Refusal> {
    let status = promise.status;
    let allowed = match seen.map(|p| p.status) {
        None => matches!(status, PromiseStatus::Pending | PromiseStatus::Cancelled),
        Some(PromiseStatus::Cancelled) => status == PromiseStatus::Cancelled,
        Some(seen) => status == seen || status == PromiseStatus::Cancelled,
    };
    let statuses = |p: &PromiseFields| p.installments.iter().map(|i| i.status).collect::<Vec<_>>();
    let instalments_kept = match seen {
        None => promise.installments.iter().all(|i| i.status.is_none()),
        Some(seen) => statuses(promise) == statuses(seen) || status == PromiseStatus::Cancelled,
    };
    if allowed && instalments_kept { Ok(()) } else { Err(Refusal::PromiseStatus { status }) }
}

/// What a gestor may write of a payment plan: a new plan needs no approval
/// or asks for it; an edit keeps the approval it saw, except that the
/// debtor may accept a counter-offer; the terms of a plan a supervisor
/// decided stay as decided. Terms the gestor sets are worked out on the
/// account's balance as the checking side holds it, and a plan needing no
/// approval has its discount within the policy's limit for the account's
/// segment (both skipped where the side holds neither account nor policy).
fn check_plan(
    promise: &PromiseFields,
    seen: Option<&PromiseFields>,
    account: Option<&Debtor>,
    policy: Option<&ContactPolicy>,
) -> Result<(), Refusal> {
    let Some(plan) = &promise.plan else {
        return if seen.is_some_and(|s| s.plan.is_some()) { Err(Refusal::PlanDecided) } else { Ok(()) };
    };
    let seen_plan = seen.and_then(|s| s.plan.as_ref());
    let approval_allowed = match (seen_plan.map(|p| &p.approval), &plan.approval) {
        (None, Approval::NotNeeded | Approval::Requested) => true,
        (Some(Approval::Countered { .. }), Approval::Accepted) => true,
        (Some(before), now) => before == now,
        (None, _) => false,
    };
    if !approval_allowed {
        return Err(Refusal::PlanApproval);
    }
    let terms = |p: &PromiseFields| {
        let plan = p.plan.as_ref().map(|d| (d.frequency, d.balance, d.discount));
        (p.amount, p.installments.iter().map(|i| (i.due_on, i.amount)).collect::<Vec<_>>(), plan)
    };
    let new_terms = seen.is_none_or(|seen| terms(promise) != terms(seen));
    if new_terms && seen_plan.is_some_and(|p| p.approval.is_decided()) {
        return Err(Refusal::PlanDecided);
    }
    // Terms the gestor sets now are judged on the account as the checking
    // side holds it; a cancel, or a counter-offer accepted, sets none.
    if !new_terms {
        return Ok(());
    }
    let (Some(account), Some(policy)) = (account, policy) else { return Ok(()) };
    if plan.balance != account.balance {
        return Err(Refusal::PlanBalance { balance: account.currency.written(&account.balance) });
    }
    if plan.approval == Approval::NotNeeded
        && !crate::plan::discount_within_limit(policy, account.segment.as_str(), account.balance, plan.discount)
    {
        return Err(Refusal::DiscountNeedsApproval {
            max_percent: policy.discount_limit(account.segment.as_str()).normalize().to_string(),
        });
    }
    Ok(())
}

/// What a gestor's new message must be: one of the agency's templates
/// filled in, to one of the account's numbers, in the state its sending puts
/// it in (the outbox alone says a message went), and within the contact rules.
fn check_message(message: &Message, landing: &Landing<'_>) -> Result<(), Refusal> {
    let refused = |breaches| Err(Refusal::Contact { breaches, justifiable: false });
    if landing.account.is_some_and(|a| !message.to.is_the_debtors(a)) {
        return refused(vec![Breach::NotTheDebtorsNumber]);
    }
    let as_sent = matches!(
        (message.via, &message.delivery),
        (SentVia::Phone, Delivery::Opened) | (SentVia::Outbox, Delivery::Queued)
    );
    // Without the account and its rules no template is known, so none fits.
    let (Some(rules), Some(account)) = (landing.contact, landing.account) else {
        return refused(vec![Breach::NotFromTemplate]);
    };
    let Some(template) = message
        .filled_from(std::iter::once(&rules.policy).chain(&rules.earlier), account, &rules.gestor)
        .filter(|_| as_sent)
    else {
        return refused(vec![Breach::NotFromTemplate]);
    };
    match rules.policy.judge_message(message, template, &rules.account) {
        Verdict::Refused(breaches) => refused(breaches),
        Verdict::Allowed | Verdict::Flagged(_) => Ok(()),
    }
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
                plan: None,
            })
            .expect("promise"),
        )
    }

    fn check(body: &RecordBody, current: Option<&Record>, account: &Debtor) -> Result<Option<Judgement>, Refusal> {
        let json = raw(body.to_json());
        let debtor_id = current.map_or_else(DebtorId::generate, |c| c.debtor_id);
        let write = GestorWrite { debtor_id, body, json: &json, deleted: false };
        let policy = ContactPolicy::default_for(account.currency.into());
        let account_rules = Account { zone: account.zone, flags: account.into() };
        let rules = ContactRules {
            earlier: vec![],
            policy,
            account: account_rules,
            history: vec![],
            gestor: "Usuario g1".into(),
        };
        check_gestor_write(&write, &Landing { current, edited: None, account: Some(account), contact: Some(&rules) })
    }

    /// A call to the debtor in person at 10:00 in Mexico City and Lima on a
    /// Friday, with a promise.
    fn call(notes: &str) -> RecordBody {
        RecordBody::Call(
            crate::activity::Call::try_from(crate::activity::CallFields {
                number: crate::text::Phone::parse("5512345678").expect("phone"),
                direction: crate::activity::Direction::Outbound,
                started_at: "2026-12-04T16:00:00Z".parse().expect("instant"),
                duration_s: 60,
                zone: crate::zone::Zone::MEXICO_CITY,
                outcome: crate::outcome::Outcome::PromiseToPay,
                contact: crate::activity::ContactFacts {
                    party: Some(crate::contact::party::Party::Other),
                    identified: true,
                    ..Default::default()
                },
                notes: notes.into(),
                next_action_on: None,
            })
            .expect("call"),
        )
    }

    #[test]
    fn a_promise_in_the_accounts_currency_is_allowed_and_another_currency_is_not() {
        let account = account();
        assert_eq!(check(&promise(account.currency), None, &account), Ok(None));
        let other = if account.currency == Currency::MXN { Currency::PEN } else { Currency::MXN };
        assert!(matches!(
            check(&promise(other), None, &account),
            Err(Refusal::Invalid(DomainError::CurrencyMismatch { .. }))
        ));
    }

    #[test]
    fn a_gestor_creates_a_promise_pending_and_may_only_cancel_it_after() {
        use PromiseStatus::*;
        let account = account();
        let with = |status| match promise(account.currency) {
            RecordBody::Promise(p) => {
                let mut fields = p.into_fields();
                fields.status = status;
                RecordBody::Promise(Promise::try_from(fields).expect("promise"))
            }
            _ => unreachable!("a promise"),
        };
        let stored = |status| {
            Record::new(
                crate::ids::RecordId::generate(),
                DebtorId::generate(),
                &with(status),
                Default::default(),
                false,
            )
        };
        let cases = [
            (None, Pending, true),
            (None, Kept, false),
            (None, Cancelled, true),
            (Some(Pending), Pending, true),
            (Some(Pending), Cancelled, true),
            (Some(Pending), Kept, false),
            (Some(Broken), Broken, true),
            (Some(Broken), Pending, false),
            (Some(Broken), Cancelled, true),
            (Some(Cancelled), Pending, false),
            (Some(Cancelled), Cancelled, true),
        ];
        for (before, after, allowed) in cases {
            let current = before.map(stored);
            let verdict = check(&with(after), current.as_ref(), &account);
            assert_eq!(verdict.is_ok(), allowed, "{before:?} → {after:?}: {verdict:?}");
            if !allowed {
                assert_eq!(verdict, Err(Refusal::PromiseStatus { status: after }));
            }
        }
    }

    #[test]
    fn gestores_create_no_payments_and_no_accounts() {
        let account = account();
        let reference = Label::parse("PAGO-1", "referencia").expect("label");
        let payment = RecordBody::Payment(Payment {
            amount: amount(),
            currency: account.currency,
            paid_on: today(),
            reference,
            channel: None,
        });
        assert_eq!(check(&payment, None, &account), Err(Refusal::MayNotCreate { record_kind: RecordKind::Payment }));
        let debtor = RecordBody::Debtor(account.clone());
        assert_eq!(check(&debtor, None, &account), Err(Refusal::MayNotCreate { record_kind: RecordKind::Debtor }));
    }

    #[test]
    fn a_promise_on_an_account_in_dispute_is_refused_with_the_reason() {
        let account = Debtor::try_from(crate::debtor::DebtorFields { dispute: true, ..fields() }).expect("debtor");
        assert_eq!(
            check(&promise(account.currency), None, &account),
            Err(Refusal::Contact {
                breaches: vec![Breach::InDispute { outcome: crate::outcome::Outcome::PromiseToPay }],
                justifiable: false
            })
        );
    }

    #[test]
    fn a_new_contact_is_judged_and_an_edit_of_its_notes_is_not_judged_again() {
        let account = account();
        let third_party = call("ofreció pagar por él");
        let refused = check(&third_party, None, &account).expect_err("a promise from a third party");
        assert!(
            matches!(&refused, Refusal::Contact { breaches, justifiable: false }
                if matches!(breaches[..], [Breach::ThirdParty { .. }])),
            "{refused:?}"
        );
        // Stored before the rules (by an older server, say), its notes edited now.
        let id = crate::ids::RecordId::generate();
        let stored = Record::new(id, DebtorId::generate(), &third_party, crate::VersionVector::new(), false);
        assert_eq!(check(&call("llamar el lunes"), Some(&stored), &account), Ok(None));
    }
}

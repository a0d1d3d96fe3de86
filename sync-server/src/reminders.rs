//! Reminders and escalation, worked out whenever an account's promises are
//! derived ([`crate::promises`]):
//!
//! - **Reminders.** Each due of a promise in force (the whole promise, or
//!   each instalment of a plan) that is still unpaid gets one reminder, from
//!   the policy's `reminder_days_before` days before it falls due until the
//!   day itself: a message from the policy's `recordatorio_promesa` template, in the
//!   gestor's name, queued in the outbox, which sends it only within the
//!   debtor's contact hours. It goes by the policy's channel where the
//!   account can take it (else by the other kind). None goes to an account
//!   in dispute or of a debtor who died.
//! - **Escalation.** A broken promise or instalment heads the gestor's agenda
//!   until someone follows it up (`campo_core::priority`). Once an account
//!   has broken the policy's `escalate_after` of them, it is listed for the
//!   gestor's supervisor (`GET /v1/escalations`).

use campo_core::{
    RecordBody,
    activity::{PromiseFields, PromiseStatus},
    contact::policy::ContactPolicy,
    debtor::Debtor,
    ids::{DebtorId, RecordId},
    message::{Delivery, Message, MessageChannel, MessageFields, Placeholders, REMINDER_TEMPLATE, Recipient, SentVia},
    money::Amount,
};
use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::{
    office,
    store::{StoreError, Tx},
};

/// The dues to remind of on `today`, `days_before` days ahead at most.
pub(crate) fn due_for_reminder(
    promises: &[(RecordId, &PromiseFields)],
    today: NaiveDate,
    days_before: u32,
) -> Vec<(RecordId, Amount, NaiveDate)> {
    if days_before == 0 {
        return Vec::new();
    }
    let window = |due: NaiveDate| due.checked_sub_days(Days::new(days_before.into())).unwrap_or(due) <= today;
    promises
        .iter()
        .flat_map(|(id, p)| p.unpaid_dues().into_iter().map(move |(amount, due)| (*id, amount, due)))
        .filter(|(_, _, due)| *due >= today && window(*due))
        .collect()
}

/// How many promises and instalments broke (or were kept only in part), and
/// when the latest of them fell due; cancelled ones do not count.
pub(crate) fn misses(promises: &[&PromiseFields]) -> Option<(u32, NaiveDate)> {
    let missed = |s: Option<PromiseStatus>| matches!(s, Some(PromiseStatus::Broken | PromiseStatus::PartiallyKept));
    // A cancelled promise or plan (renegotiated, say) counts no more; its history keeps it.
    let dues = promises.iter().filter(|p| p.status != PromiseStatus::Cancelled).flat_map(|p| {
        let whole = (p.installments.is_empty() && missed(Some(p.status))).then_some(p.due_on);
        whole.into_iter().chain(p.installments.iter().filter(|i| missed(i.status)).map(|i| i.due_on))
    });
    dues.fold(None, |acc, due| match acc {
        None => Some((1, due)),
        Some((n, last)) => Some((n + 1, last.max(due))),
    })
}

/// Where a reminder to `account` goes: the policy's channel if the account
/// has a number or address for it, else the other kind.
fn recipient(account: &Debtor, channel: MessageChannel) -> Option<(MessageChannel, Recipient)> {
    let by_phone = |channel| account.phones.first().map(|p| (channel, Recipient::Phone(p.clone())));
    let by_email = || account.emails.first().map(|e| (MessageChannel::Email, Recipient::Email(e.clone())));
    match channel {
        MessageChannel::Email => by_email().or_else(|| by_phone(MessageChannel::Whatsapp)),
        phone => by_phone(phone).or_else(by_email),
    }
}

/// Queues the reminders `debtor`'s `promises` call for on `today`; returns how many.
pub(crate) fn remind(
    tx: &mut dyn Tx,
    debtor: DebtorId,
    account: &Debtor,
    policy: &ContactPolicy,
    promises: &[(RecordId, &PromiseFields)],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<u32, StoreError> {
    let due = due_for_reminder(promises, today, policy.reminder_days_before);
    if due.is_empty() || account.dispute || account.deceased {
        return Ok(0);
    }
    let Some((channel, to)) = recipient(account, policy.reminder_channel) else { return Ok(0) };
    // Every policy keeps it (see `ContactPolicy::check`).
    let Some(template) = policy.template(REMINDER_TEMPLATE) else { return Ok(0) };
    let gestor = match tx.assignee(debtor)? {
        Some(id) => tx.user(id)?.map(|u| u.name),
        None => None,
    };
    let Some(gestor) = gestor else { return Ok(0) };
    let mut queued = 0;
    for (promise, amount, due_on) in due {
        if tx.reminded(promise, due_on)? {
            continue;
        }
        let text = template.fill(&Placeholders::of(account, policy, gestor.clone(), Some((amount, due_on))));
        let message = Message::try_from(MessageFields {
            channel,
            to: to.clone(),
            template: REMINDER_TEMPLATE.into(),
            text,
            via: SentVia::Outbox,
            at: now,
            delivery: Delivery::Queued,
        });
        // Only an admin's template filled with very long names gets here
        // (over a message's length): the push or import that derived the
        // promise must not fail for it.
        let message = match message {
            Ok(message) => message,
            Err(why) => {
                tracing::warn!(%debtor, %why, "no reminder: the template filled in is not a message");
                continue;
            }
        };
        let id = RecordId::generate();
        office::write_new(tx, id, debtor, &RecordBody::Message(message), None)?;
        tx.put_reminder(promise, due_on, id)?;
        queued += 1;
    }
    Ok(queued)
}

/// Lists `debtor` for the supervisor once its `promises` broke often
/// enough, and takes it off otherwise (and off an account in dispute or of
/// a deceased debtor).
pub(crate) fn escalate(
    tx: &mut dyn Tx,
    debtor: DebtorId,
    account: &Debtor,
    policy: &ContactPolicy,
    promises: &[(RecordId, &PromiseFields)],
) -> Result<(), StoreError> {
    let fields: Vec<&PromiseFields> = promises.iter().map(|(_, p)| *p).collect();
    // No collection pressure on a dispute or a death, from a supervisor either.
    let pressed = !(account.dispute || account.deceased);
    let listed = misses(&fields).filter(|(n, _)| pressed && *n >= policy.escalate_after);
    tx.set_escalation(debtor, listed)
}

#[cfg(test)]
mod tests {
    use campo_core::{activity::Installment, money::Currency};

    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    fn amount(text: &str) -> Amount {
        Amount::parse(text.parse().expect("a decimal"), "monto").expect("an amount")
    }

    fn promise(due_on: &str, status: PromiseStatus, installments: Vec<(&str, Option<PromiseStatus>)>) -> PromiseFields {
        PromiseFields {
            amount: amount("300.00"),
            currency: Currency::MXN,
            made_on: day("2026-11-01"),
            due_on: day(due_on),
            installments: installments
                .into_iter()
                .map(|(on, status)| Installment { due_on: day(on), amount: amount("100.00"), status })
                .collect(),
            status,
            source: None,
            plan: None,
        }
    }

    #[test]
    fn a_due_is_reminded_from_the_days_before_it_to_the_day_itself() {
        let single = promise("2026-12-10", PromiseStatus::Pending, vec![]);
        let id = RecordId::generate();
        let on = |today: &str, days| due_for_reminder(&[(id, &single)], day(today), days);
        assert!(on("2026-12-08", 1).is_empty(), "too early");
        assert_eq!(on("2026-12-09", 1), [(id, amount("300.00"), day("2026-12-10"))]);
        assert_eq!(on("2026-12-10", 1).len(), 1, "a server down the day before still reminds on the day");
        assert!(on("2026-12-11", 1).is_empty(), "past its date: the agenda follows it up");
        assert!(on("2026-12-09", 0).is_empty(), "the policy turned reminders off");
        let kept = promise("2026-12-10", PromiseStatus::Kept, vec![]);
        assert!(due_for_reminder(&[(id, &kept)], day("2026-12-09"), 1).is_empty());

        let plan = promise(
            "2027-02-01",
            PromiseStatus::Pending,
            vec![
                ("2026-12-01", Some(PromiseStatus::Kept)),
                ("2027-01-04", Some(PromiseStatus::Pending)),
                ("2027-02-01", None),
            ],
        );
        let soon = due_for_reminder(&[(id, &plan)], day("2027-01-02"), 3);
        assert_eq!(soon, [(id, amount("100.00"), day("2027-01-04"))], "the next instalment, not the kept one");
    }

    #[test]
    fn misses_count_broken_promises_and_instalments() {
        let broken = promise("2026-11-20", PromiseStatus::Broken, vec![]);
        let partly = promise("2026-11-25", PromiseStatus::PartiallyKept, vec![]);
        let plan = promise(
            "2027-01-04",
            PromiseStatus::PartiallyKept,
            vec![("2026-12-01", Some(PromiseStatus::Broken)), ("2027-01-04", Some(PromiseStatus::Pending))],
        );
        let cancelled = promise("2026-11-28", PromiseStatus::Cancelled, vec![]);
        let cancelled_plan = PromiseFields { status: PromiseStatus::Cancelled, ..plan.clone() };
        assert_eq!(misses(&[&broken, &partly, &plan, &cancelled, &cancelled_plan]), Some((3, day("2026-12-01"))));
        assert_eq!(misses(&[&cancelled]), None);
    }
}

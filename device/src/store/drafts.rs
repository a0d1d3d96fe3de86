//! Messages as the gestor is about to send them: each of the policy's
//! templates filled in for one debtor, with what this device knows (the
//! account, the open promise, the gestor, the agency the policy names).
//! Templates that collect are offered only where there is a promise to
//! remind of, and never in a dispute.

use campo_core::{
    RecordBody, RecordKind,
    activity::{Promise, PromiseStatus},
    ids::DebtorId,
    message::{Placeholders, Template, email_subject},
};
use chrono::NaiveDate;
use serde::Serialize;

use super::{Store, contact, records_of, session::session};
use crate::error::{DeviceError, Result};

/// One template, filled in for a debtor.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Draft {
    /// The template.
    pub template: Template,
    /// Its text for this debtor, as it will be sent.
    pub text: String,
    /// The subject it carries when sent by email.
    pub subject: String,
}

impl Store {
    /// Every template that fits `debtor` on `today`, filled in.
    pub fn message_drafts(&self, debtor: DebtorId, today: NaiveDate) -> Result<Vec<Draft>> {
        self.read(|tx| {
            let gestor = session(tx)?.ok_or(DeviceError::NotSignedIn)?.user.name;
            let records = records_of(tx, debtor)?;
            let mut account = None;
            // The open promise due soonest: the one a reminder is about.
            let mut promise: Option<Promise> = None;
            for local in records.iter().filter(|r| !r.record.deleted) {
                match local.record.parse_body() {
                    Ok(RecordBody::Debtor(d)) if local.record.kind == RecordKind::Debtor => account = Some(d),
                    Ok(RecordBody::Promise(p))
                        if p.status == PromiseStatus::Pending
                            && p.due_on >= today
                            && promise.as_ref().is_none_or(|soonest| p.due_on < soonest.due_on) =>
                    {
                        promise = Some(p);
                    }
                    _ => {}
                }
            }
            let account = account.ok_or_else(|| DeviceError::NotFound { what: format!("la cuenta {debtor}") })?;
            let policy = contact::policy(tx, account.currency.into())?;
            let values = Placeholders::of(&account, &policy, gestor, promise.as_ref().map(|p| (p.amount, p.due_on)));
            let subject = email_subject(&policy.agency);
            Ok(policy
                .templates
                .iter()
                .filter(|t| !t.collects || (promise.is_some() && !account.dispute))
                .filter(|_| !account.deceased)
                .map(|template| Draft {
                    text: template.fill(&values),
                    subject: subject.clone(),
                    template: template.clone(),
                })
                .collect())
        })
    }
}

//! Payment plans as the gestor drafts them: the instalments and what the
//! discount needs, worked out by `campo_core::plan` on the account and the
//! policy this device holds before anything is saved; the written agreement,
//! on screen and as a PDF; and the debtor's acceptance of a supervisor's
//! counter-offer.

use std::path::{Path, PathBuf};

use campo_core::{
    RecordBody,
    activity::{Promise, PromiseFields, PromiseStatus},
    agreement::{self, Agreement},
    contact::Country,
    ids::{DebtorId, RecordId},
    money::Amount,
    plan::{self, Approval, PlanDetails, PlanTerms},
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    error::{DeviceError, Result},
    store::{Store, account, local_record, policy, session},
};

/// The plan a gestor and a debtor are talking over.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct PlanRequest {
    /// The total, the number of instalments, how often, the first date.
    pub terms: PlanTerms,
    /// What it forgives of the balance; zero for nothing.
    pub discount: Amount,
    /// The debtor's local date today.
    pub made_on: NaiveDate,
}

/// A plan worked out, ready to save as it is.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanPreview {
    /// The promise that carries the plan: its instalments, its terms, and
    /// an approval that is requested when the discount is above the limit.
    pub promise: PromiseFields,
    /// Whether paying it settles the debt (otherwise it is partial).
    pub settles: bool,
    /// What the account still owes once the plan is paid, as a decimal string.
    pub remaining: String,
    /// The discount's share of the balance, in percent (to two decimals).
    pub discount_percent: String,
    /// The most a gestor gives at once on this account's segment, in percent.
    pub max_percent: String,
}

impl Store {
    /// The plan `request` on `debtor`, worked out but not saved.
    pub fn plan_preview(&self, debtor: DebtorId, request: &PlanRequest) -> Result<PlanPreview> {
        self.read(|tx| {
            let account = account(tx, debtor)?;
            let country = Country::from(account.currency);
            let policy = policy(tx, country)?;
            let segment = account.segment.as_str();
            let installments = plan::schedule(&request.terms, country)?;
            let within = plan::discount_within_limit(&policy, segment, account.balance, request.discount);
            let details = PlanDetails {
                frequency: request.terms.frequency,
                balance: account.balance,
                discount: request.discount,
                approval: if within { Approval::NotNeeded } else { Approval::Requested },
            };
            let promise = Promise::try_from(PromiseFields {
                amount: request.terms.total,
                currency: account.currency,
                made_on: request.made_on,
                due_on: installments.last().map_or(request.terms.first_due, |i| i.due_on),
                installments,
                status: PromiseStatus::Pending,
                source: None,
                plan: Some(details.clone()),
            })?;
            let remaining = account.balance.value() - request.terms.total.value() - request.discount.value();
            Ok(PlanPreview {
                settles: details.settles(request.terms.total),
                remaining: remaining.round_dp(2).to_string(),
                discount_percent: plan::discount_percent_text(request.discount, account.balance),
                max_percent: policy.discount_limit(segment).normalize().to_string(),
                promise: promise.into_fields(),
            })
        })
    }

    /// The written agreement of plan `id`, as the gestor shows it to the
    /// debtor (in Spanish: it is the debtor's document).
    pub fn agreement(&self, id: RecordId) -> Result<Agreement> {
        self.read(|tx| written_agreement(tx, id)).map(|(agreement, _)| agreement)
    }

    /// Writes the agreement of plan `id` as a PDF into `dir` (made if need
    /// be), named for the account and the day; returns the file's path.
    pub fn save_agreement_pdf(&self, id: RecordId, dir: &Path) -> Result<PathBuf> {
        let (agreement, name) = self.read(|tx| written_agreement(tx, id))?;
        std::fs::create_dir_all(dir)?;
        let path = dir.join(name);
        std::fs::write(&path, crate::pdf::agreement_pdf(&agreement))?;
        Ok(path)
    }

    /// Records that the debtor accepted the supervisor's counter-offer on
    /// plan `id`: it comes into force with the supervisor's terms.
    pub fn accept_counter_offer(&self, id: RecordId) -> Result<()> {
        self.change_promise(id, |plan| plan.with_approval(Approval::Accepted))
    }
}

/// Plan `id`'s agreement, and the file name its PDF takes: the account's
/// reference (what a file name can hold of it) and the day it was made.
fn written_agreement(tx: &rusqlite::Transaction<'_>, id: RecordId) -> Result<(Agreement, String)> {
    let not_a_plan = || DeviceError::NotFound { what: format!("el plan {id}") };
    let local = local_record(tx, id)?.filter(|l| !l.record.deleted).ok_or_else(not_a_plan)?;
    let RecordBody::Promise(plan) = local.record.parse_body()? else { return Err(not_a_plan()) };
    let account = account(tx, local.record.debtor_id)?;
    let policy = policy(tx, Country::from(account.currency))?;
    let gestor = session(tx)?.map(|s| s.user.name).unwrap_or_default();
    let agreement = agreement::agreement(&account, &plan, &policy, &gestor).ok_or_else(not_a_plan)?;
    let reference: String = account
        .external_ref
        .as_str()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
        .collect();
    Ok((agreement, format!("convenio-{reference}-{}.pdf", plan.made_on)))
}

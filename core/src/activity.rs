//! What happens on an account: visits, calls, promises to pay, payments and
//! supervisors' reviews. Times are UTC, with the zone where they happened.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{
    DomainError,
    contact::party::Party,
    geo::Position,
    ids::{RecordId, UserId},
    money::{Amount, Currency},
    outcome::{Channel, Outcome},
    text::{Label, Phone, check_notes},
    validated,
    zone::Zone,
};

/// Who a visit or call reached and what the contact rules asked of the
/// gestor (see [`crate::contact`]). Records from before the rules carry the
/// default: nobody named, nothing confirmed, no policy version.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ContactFacts {
    /// Who was reached; `None`: nobody (no answer, nobody home).
    pub party: Option<Party>,
    /// The gestor confirmed giving the identification the rules require:
    /// their name, the agency, the lender and the contract.
    pub identified: bool,
    /// Why the gestor went ahead outside a rule that allows a reason (the
    /// debtor asked to be called at this hour), in their words.
    pub justification: Option<String>,
    /// The version of the contact policy the device judged the record
    /// under; the server keeps its own verdict beside it.
    pub policy_version: Option<u32>,
}

impl ContactFacts {
    fn check(&self) -> Result<(), DomainError> {
        match &self.justification {
            Some(reason) => check_notes(reason, "justificación"),
            None => Ok(()),
        }
    }
}

/// The fields of a [`Visit`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct VisitFields {
    /// When the gestor arrived, by the device's clock.
    pub started_at: DateTime<Utc>,
    /// When the gestor left, by the device's clock.
    pub ended_at: DateTime<Utc>,
    /// Where the visit took place, for local times.
    pub zone: Zone,
    /// GPS fix at the visit, if the device had one.
    pub position: Option<Position>,
    /// Metres from the position to the account's nearest address with
    /// coordinates, as the device measured them when it saved the visit.
    #[serde(default)]
    pub distance_m: Option<u32>,
    /// Photos of the visit; their bytes travel apart, after the visit.
    #[serde(default)]
    pub photos: Vec<crate::blob::Photo>,
    /// What came of it.
    pub outcome: Outcome,
    /// Who was reached and what the rules asked.
    #[serde(default)]
    pub contact: ContactFacts,
    /// What was said and seen.
    pub notes: String,
    /// When to follow up.
    pub next_action_on: Option<NaiveDate>,
}

impl VisitFields {
    fn check(&self) -> Result<(), DomainError> {
        if self.ended_at < self.started_at {
            return Err(DomainError::EndsBeforeStart);
        }
        self.outcome.check_channel(Channel::Visit)?;
        crate::blob::check_photos(&self.photos)?;
        self.contact.check()?;
        check_notes(&self.notes, "notas")
    }
}

validated! {
    /// A field visit to a debtor.
    Visit(VisitFields), check = VisitFields::check
}

impl Visit {
    /// The same visit, judged under version `version` of the contact policy.
    pub fn judged_under(mut self, version: u32) -> Self {
        self.0.contact.policy_version = Some(version);
        self
    }

    /// The same visit with its distance to the nearest of `account`'s
    /// addresses with coordinates (none without a position or such an address).
    pub fn measured_against(mut self, account: &crate::debtor::Debtor) -> Self {
        let places = account.addresses.iter().filter_map(|a| a.point);
        let nearest = self.0.position.and_then(|p| p.point().nearest(places));
        // Whole metres: a phone's fix is good to a few metres at best.
        self.0.distance_m = nearest.map(|(_, metres)| metres.round().min(f64::from(u32::MAX)) as u32);
        self
    }
}

/// Who placed a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The gestor called the debtor.
    Outbound,
    /// The debtor called the gestor.
    Inbound,
}

/// The fields of a [`Call`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CallFields {
    /// The debtor's number.
    pub number: Phone,
    /// Who called.
    pub direction: Direction,
    /// When the call started, by the device's clock.
    pub started_at: DateTime<Utc>,
    /// Length in seconds.
    pub duration_s: u32,
    /// The debtor's zone, for local times.
    pub zone: Zone,
    /// What came of it.
    pub outcome: Outcome,
    /// Who was reached and what the rules asked.
    #[serde(default)]
    pub contact: ContactFacts,
    /// What was said.
    pub notes: String,
    /// When to follow up.
    pub next_action_on: Option<NaiveDate>,
}

impl CallFields {
    fn check(&self) -> Result<(), DomainError> {
        self.outcome.check_channel(Channel::Call)?;
        self.contact.check()?;
        check_notes(&self.notes, "notas")
    }
}

validated! {
    /// A phone call with a debtor.
    Call(CallFields), check = CallFields::check
}

impl Call {
    /// The same call, judged under version `version` of the contact policy.
    pub fn judged_under(mut self, version: u32) -> Self {
        self.0.contact.policy_version = Some(version);
        self
    }
}

/// Where a promise stands. A promise is pending until its due date passes;
/// then it is kept (fully paid on time), partially kept, or broken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PromiseStatus {
    /// Not yet due.
    Pending,
    /// Paid in full on or before the due date.
    Kept,
    /// Paid in part by the due date.
    PartiallyKept,
    /// Nothing paid by the due date.
    Broken,
    /// Withdrawn, e.g. replaced by a payment plan.
    Cancelled,
}

/// One instalment of a payment plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Installment {
    /// When it falls due.
    pub due_on: NaiveDate,
    /// How much.
    pub amount: Amount,
    /// Where it stands, as the server derives it from payments (see
    /// [`crate::lifecycle`]); none until it first does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub status: Option<PromiseStatus>,
}

/// The fields of a [`Promise`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct PromiseFields {
    /// The total promised.
    pub amount: Amount,
    /// Must be the account's currency.
    pub currency: Currency,
    /// The debtor's local date when the promise was made.
    pub made_on: NaiveDate,
    /// When the (last) payment falls due.
    pub due_on: NaiveDate,
    /// A payment plan; empty for a single payment.
    pub installments: Vec<Installment>,
    /// Where it stands.
    pub status: PromiseStatus,
    /// The visit or call where it was made.
    pub source: Option<RecordId>,
    /// For a payment plan, its terms and approval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub plan: Option<crate::plan::PlanDetails>,
}

impl PromiseFields {
    /// Whether payments count toward it: not cancelled, and not a plan
    /// waiting for (or refused) approval.
    pub fn is_active(&self) -> bool {
        self.status != PromiseStatus::Cancelled && self.plan.as_ref().is_none_or(|p| p.approval.is_active())
    }

    /// Whether it is a plan waiting for the supervisor's decision (the
    /// server's queue, `plans_waiting`, selects the same in SQL).
    pub fn awaits_decision(&self) -> bool {
        self.status != PromiseStatus::Cancelled
            && self.plan.as_ref().is_some_and(|p| p.approval == crate::plan::Approval::Requested)
    }

    /// What is still to pay, in date order: each unpaid instalment of a
    /// plan, or the whole promise; nothing for a promise not in force or no
    /// longer pending.
    pub fn unpaid_dues(&self) -> Vec<(Amount, NaiveDate)> {
        if !self.is_active() || self.status != PromiseStatus::Pending {
            return Vec::new();
        }
        if self.installments.is_empty() {
            return vec![(self.amount, self.due_on)];
        }
        let unpaid = |i: &&Installment| i.status.is_none_or(|s| s == PromiseStatus::Pending);
        self.installments.iter().filter(unpaid).map(|i| (i.amount, i.due_on)).collect()
    }

    /// The day the gestor's agenda goes by: for a pending promise in force,
    /// when its next payment falls due; for a broken one, when the first
    /// missed payment fell due; `None` for a plan not in force, or one with
    /// nothing left to pay.
    pub fn agenda_date(&self) -> Option<NaiveDate> {
        match self.status {
            PromiseStatus::Pending => self.unpaid_dues().first().map(|(_, on)| *on),
            PromiseStatus::Broken | PromiseStatus::PartiallyKept => {
                let missed =
                    |i: &&Installment| matches!(i.status, Some(PromiseStatus::Broken | PromiseStatus::PartiallyKept));
                Some(self.installments.iter().find(missed).map_or(self.due_on, |i| i.due_on))
            }
            PromiseStatus::Kept | PromiseStatus::Cancelled => Some(self.due_on),
        }
    }

    fn check(&self) -> Result<(), DomainError> {
        if self.amount.is_zero() {
            return Err(DomainError::ZeroAmount { field: "monto prometido".into() });
        }
        if self.due_on < self.made_on {
            return Err(DomainError::PromiseDueInPast {
                due_on: self.due_on.to_string(),
                made_on: self.made_on.to_string(),
            });
        }
        if let Some(plan) = &self.plan {
            if self.installments.is_empty() {
                return Err(DomainError::InstallmentCount { max: crate::plan::MAX_INSTALLMENTS });
            }
            plan.check(self.amount)?;
        }
        let Some(last) = self.installments.last() else {
            return Ok(());
        };
        // A first payment before the day it was agreed is a date typed wrong,
        // and the gestor is told which.
        let first = self.installments[0].due_on;
        if first < self.made_on {
            return Err(DomainError::PromiseDueInPast { due_on: first.to_string(), made_on: self.made_on.to_string() });
        }
        let in_order = self.installments.windows(2).all(|w| w[0].due_on < w[1].due_on);
        if !in_order || last.due_on != self.due_on {
            return Err(DomainError::InstallmentsOutOfOrder);
        }
        if self.installments.iter().any(|i| i.amount.is_zero()) {
            return Err(DomainError::ZeroAmount { field: "parcialidad".into() });
        }
        let total: Decimal = self.installments.iter().map(|i| i.amount.value()).sum();
        if total != self.amount.value() {
            return Err(DomainError::InstallmentsDoNotAddUp {
                total: total.to_string(),
                amount: self.amount.to_string(),
            });
        }
        Ok(())
    }
}

validated! {
    /// A promise to pay, possibly in instalments. Never due before it was made;
    /// instalments are in date order and add up to the amount.
    // `Promise` would shadow JavaScript's own in the UI.
    #[cfg_attr(feature = "ts", ts(rename = "PromiseToPay"))]
    Promise(PromiseFields), check = PromiseFields::check
}

impl Promise {
    /// The same promise with `status` (a gestor's cancel, say).
    pub fn with_status(mut self, status: PromiseStatus) -> Self {
        self.0.status = status;
        self
    }

    /// The same promise as [`crate::lifecycle`] derived it: its status, and
    /// each instalment's.
    pub fn derived(mut self, derived: &crate::lifecycle::Derived) -> Self {
        self.0.status = derived.status;
        if derived.dues.len() == self.0.installments.len() {
            for (installment, due) in self.0.installments.iter_mut().zip(&derived.dues) {
                installment.status = Some(due.status);
            }
        }
        self
    }

    /// The same plan with its approval at `approval`.
    pub fn with_approval(mut self, approval: crate::plan::Approval) -> Self {
        if let Some(plan) = &mut self.0.plan {
            plan.approval = approval;
        }
        self
    }
}

/// How a payment reached the lender. In Mexico the collector may not take
/// the money: every channel is the lender's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PaymentChannel {
    /// At a branch's counter (ventanilla).
    Branch,
    /// A bank transfer (SPEI, transferencia interbancaria).
    Transfer,
    /// At a shop or agent that takes payments (OXXO, agente, corresponsal).
    Store,
    /// Charged to the debtor's account (domiciliación, cargo automático).
    DirectDebit,
    /// In the lender's app or online banking.
    Online,
    /// Anything else the lender reports.
    Other,
}

impl PaymentChannel {
    /// Every channel.
    pub const ALL: [Self; 6] =
        [Self::Branch, Self::Transfer, Self::Store, Self::DirectDebit, Self::Online, Self::Other];
}

/// A payment the lender reports; imported, never entered on a device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Payment {
    /// How much arrived.
    pub amount: Amount,
    /// The account's currency.
    pub currency: Currency,
    /// The day it was paid.
    pub paid_on: NaiveDate,
    /// The lender's payment reference: with the account, what makes a
    /// payment the same one when a file is imported again.
    pub reference: Label,
    /// How it was paid; payments imported before channels have none.
    #[serde(default)]
    pub channel: Option<PaymentChannel>,
}

/// A supervisor's verdict on a visit or call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The record and its evidence hold up.
    Approved,
    /// Fine, but the gestor should follow something up.
    FollowUp,
    /// The evidence does not support the record (wrong place, wrong time).
    Questioned,
}

/// The fields of a [`Review`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ReviewFields {
    /// The visit or call reviewed.
    pub target: RecordId,
    /// The verdict.
    pub verdict: Verdict,
    /// Coaching notes for the gestor.
    pub comment: String,
    /// The supervisor.
    pub reviewer: UserId,
    /// When, by the server's clock.
    pub reviewed_at: DateTime<Utc>,
}

impl ReviewFields {
    /// A record flagged (for follow-up, or questioned) says why: the
    /// gestor reads the comment on their device.
    fn check(&self) -> Result<(), DomainError> {
        check_notes(&self.comment, "comentario")?;
        if self.verdict != Verdict::Approved && self.comment.trim().is_empty() {
            return Err(DomainError::EmptyText { field: "comentario".into() });
        }
        Ok(())
    }
}

validated! {
    /// A supervisor's review of a visit or call.
    Review(ReviewFields), check = ReviewFields::check
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn amount(cents: i64) -> Amount {
        Amount::parse(Decimal::new(cents, 2), "monto").unwrap()
    }

    fn promise() -> PromiseFields {
        PromiseFields {
            amount: amount(100000),
            currency: Currency::MXN,
            made_on: day(22),
            due_on: day(30),
            installments: vec![],
            status: PromiseStatus::Pending,
            source: None,
            plan: None,
        }
    }

    #[test]
    fn a_flagged_review_says_why() {
        let review = |verdict, comment: &str| ReviewFields {
            target: RecordId::generate(),
            verdict,
            comment: comment.into(),
            reviewer: crate::ids::UserId::generate(),
            reviewed_at: Utc::now(),
        };
        assert!(Review::try_from(review(Verdict::Approved, "")).is_ok());
        for verdict in [Verdict::FollowUp, Verdict::Questioned] {
            assert_eq!(
                Review::try_from(review(verdict, "  ")).map(|_| ()),
                Err(DomainError::EmptyText { field: "comentario".into() })
            );
            assert!(Review::try_from(review(verdict, "foto borrosa")).is_ok());
        }
    }

    #[test]
    fn a_promise_due_in_the_past_is_refused() {
        let mut p = promise();
        p.due_on = day(21);
        assert!(matches!(Promise::try_from(p), Err(DomainError::PromiseDueInPast { .. })));
        assert!(Promise::try_from(promise()).is_ok());
        // A plan whose first payment is before the day it was agreed: that payment's date is named.
        let mut plan = promise();
        plan.installments = vec![
            Installment { due_on: day(15), amount: amount(50000), status: None },
            Installment { due_on: day(30), amount: amount(50000), status: None },
        ];
        assert_eq!(
            Promise::try_from(plan),
            Err(DomainError::PromiseDueInPast { due_on: day(15).to_string(), made_on: day(22).to_string() })
        );
    }

    #[test]
    fn instalments_must_add_up_and_be_in_order() {
        let mut p = promise();
        p.installments = vec![
            Installment { due_on: day(25), amount: amount(50000), status: None },
            Installment { due_on: day(30), amount: amount(50000), status: None },
        ];
        assert!(Promise::try_from(p.clone()).is_ok());
        p.installments[1].amount = amount(40000);
        assert!(matches!(Promise::try_from(p.clone()), Err(DomainError::InstallmentsDoNotAddUp { .. })));
        p.installments[1].amount = amount(50000);
        p.installments.swap(0, 1);
        assert_eq!(Promise::try_from(p), Err(DomainError::InstallmentsOutOfOrder));
    }

    #[test]
    fn the_agenda_goes_by_a_plans_next_unpaid_instalment_or_its_first_missed_one() {
        use crate::plan::{Approval, Frequency, PlanDetails};
        let mut p = promise();
        assert_eq!((p.unpaid_dues(), p.agenda_date()), (vec![(amount(100000), day(30))], Some(day(30))));
        p.installments = vec![
            Installment { due_on: day(25), amount: amount(50000), status: Some(PromiseStatus::Kept) },
            Installment { due_on: day(30), amount: amount(50000), status: Some(PromiseStatus::Pending) },
        ];
        assert_eq!((p.unpaid_dues(), p.agenda_date()), (vec![(amount(50000), day(30))], Some(day(30))));
        let details = |approval| PlanDetails {
            frequency: Frequency::Weekly,
            balance: amount(100000),
            discount: amount(0),
            approval,
        };
        p.plan = Some(details(Approval::Requested));
        assert_eq!((p.unpaid_dues(), p.agenda_date()), (vec![], None), "not in force: nothing to pay yet");
        p.plan = Some(details(Approval::Accepted));
        p.status = PromiseStatus::PartiallyKept;
        p.installments[1].status = Some(PromiseStatus::Broken);
        assert_eq!((p.unpaid_dues(), p.agenda_date()), (vec![], Some(day(30))), "broken on its second instalment");
    }

    #[test]
    fn deserialising_runs_the_same_checks() {
        let mut p = serde_json::to_value(promise()).unwrap();
        p["due_on"] = "2026-11-01".into();
        assert!(serde_json::from_value::<Promise>(p).is_err());
    }

    #[test]
    fn a_visit_cannot_end_before_it_starts_or_use_a_call_outcome() {
        let now = Utc::now();
        let mut v = VisitFields {
            started_at: now,
            ended_at: now,
            zone: Zone::LIMA,
            position: None,
            distance_m: None,
            photos: vec![],
            outcome: Outcome::NoAnswer,
            contact: ContactFacts::default(),
            notes: String::new(),
            next_action_on: None,
        };
        assert!(Visit::try_from(v.clone()).is_ok());
        v.outcome = Outcome::Voicemail;
        assert!(matches!(Visit::try_from(v.clone()), Err(DomainError::OutcomeNotForChannel { .. })));
        v.outcome = Outcome::NoAnswer;
        v.ended_at = now - chrono::Duration::minutes(1);
        assert_eq!(Visit::try_from(v), Err(DomainError::EndsBeforeStart));
    }

    #[test]
    fn a_visit_measures_its_distance_to_the_nearest_address_with_coordinates() {
        use crate::{
            debtor::{Address, Debtor, tests::fields},
            geo::GeoPoint,
        };
        let point = |lat, lon| GeoPoint::new(lat, lon).unwrap();
        let line = |text| Label::parse(text, "dirección").unwrap();
        let mut account = fields();
        account.addresses = vec![
            Address { line: line("sin coordenadas"), point: None },
            Address { line: line("trabajo"), point: Some(point(19.4270, -99.1677)) },
            Address { line: line("casa"), point: Some(point(19.4330, -99.1335)) },
        ];
        let account = Debtor::try_from(account).unwrap();
        let now = Utc::now();
        let visit = |position| {
            Visit::try_from(VisitFields {
                started_at: now,
                ended_at: now,
                zone: Zone::MEXICO_CITY,
                position,
                distance_m: Some(1),
                photos: vec![],
                outcome: Outcome::NoAnswer,
                contact: ContactFacts::default(),
                notes: String::new(),
                next_action_on: None,
            })
            .unwrap()
        };
        let at_home = Position::new(point(19.4326, -99.1332), 10.0).unwrap();
        assert_eq!(visit(Some(at_home)).measured_against(&account).distance_m, Some(54));
        assert_eq!(visit(None).measured_against(&account).distance_m, None, "no position, no distance");
    }
}

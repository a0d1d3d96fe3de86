//! What a supervisor should look at twice: the automatic flags on a visit,
//! call, promise or message, each with the facts a sentence explains it by
//! (the console words them). The server computes them for every row of the
//! log from the record, the contact rules' verdict on it, the device's clock
//! and the debtor's other attempts; nothing here refuses anything.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    RecordBody,
    activity::PromiseStatus,
    contact::{Breach, Judgement, policy::ContactPolicy},
    geo::PositionSource,
    wire::CLOCK_SKEW_FLAG_S,
};

/// A promise whose first payment was due within this many days of its
/// making and that then broke was likely made to close the visit, not to pay.
pub const BROKEN_SOON_DAYS: i64 = 7;

/// The days over which contacts with one debtor are counted.
pub const CONTACT_WEEK_DAYS: i64 = 7;

/// One reason to look at a record twice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "flag", rename_all = "snake_case")]
pub enum Flag {
    /// The visit's position was farther from every address of the account
    /// than the policy's threshold.
    FarFromAddress {
        /// How far from the nearest address, in metres.
        distance_m: u32,
        /// The policy's threshold.
        threshold_m: u32,
    },
    /// The contact was outside the hours or days the law allows, let through
    /// with the gestor's reason.
    OutsideContactWindow {
        /// Which rule.
        breach: Breach,
        /// The gestor's reason.
        justification: Option<String>,
    },
    /// Another rule the gestor went outside of, with a reason.
    JustifiedException {
        /// Which rule.
        breach: Breach,
        /// The gestor's reason.
        justification: Option<String>,
    },
    /// The device's clock was this far behind the server's when it pushed
    /// (negative: ahead): the times it states may be off by as much.
    ClockSkew {
        /// Seconds.
        skew_s: i64,
    },
    /// The gestor typed the position instead of the phone taking it.
    TypedPosition,
    /// The debtor was approached this often in [`CONTACT_WEEK_DAYS`] days,
    /// this contact included, by every gestor.
    ManyContacts {
        /// Visits and calls.
        attempts: u32,
        /// Over how many days.
        days: i64,
    },
    /// A promise that broke though its first payment was due this few days
    /// after it was made.
    BrokenSoon {
        /// Days from the promise to its first due date.
        days: i64,
    },
    /// Recorded after the account had been reassigned away from the gestor.
    AfterReassignment,
}

/// What the flags of one record are read from.
pub struct Facts<'a> {
    /// The record's body.
    pub body: &'a RecordBody,
    /// The contact rules' verdict on it, if it was judged.
    pub judgement: Option<&'a Judgement>,
    /// How far the device's clock was behind the server's at the push.
    pub clock_skew_s: Option<i64>,
    /// Written after the account had left the gestor.
    pub after_reassignment: bool,
    /// For a visit or call: the other visits and calls on the debtor that
    /// started in the [`CONTACT_WEEK_DAYS`] days before it.
    pub attempts_before: usize,
}

impl Facts<'_> {
    /// The instant from which the earlier attempts count, for a visit or call.
    pub fn week_before(at: DateTime<Utc>) -> DateTime<Utc> {
        at - chrono::Duration::days(CONTACT_WEEK_DAYS)
    }
}

/// Every flag the record earns under `policy` (the account country's).
pub fn flags(facts: &Facts<'_>, policy: &ContactPolicy) -> Vec<Flag> {
    let mut flags = Vec::new();
    if let RecordBody::Visit(visit) = facts.body {
        if let Some(distance_m) = visit.distance_m.filter(|d| *d > policy.far_from_address_m) {
            flags.push(Flag::FarFromAddress { distance_m, threshold_m: policy.far_from_address_m });
        }
        if visit.position.is_some_and(|p| p.source() == Some(PositionSource::Typed)) {
            flags.push(Flag::TypedPosition);
        }
    }
    let contact = facts.body.contact();
    let justification = contact.as_ref().and_then(|c| c.justification).map(str::to_owned);
    for breach in facts.judgement.map(|j| j.breaches.as_slice()).unwrap_or_default() {
        let (breach, justification) = (breach.clone(), justification.clone());
        flags.push(match breach {
            Breach::OutsideHours { .. } | Breach::Weekend | Breach::Holiday { .. } => {
                Flag::OutsideContactWindow { breach, justification }
            }
            _ => Flag::JustifiedException { breach, justification },
        });
    }
    if let Some(skew_s) = facts.clock_skew_s.filter(|s| s.abs() > CLOCK_SKEW_FLAG_S) {
        flags.push(Flag::ClockSkew { skew_s });
    }
    if contact.is_some() {
        let attempts = u32::try_from(facts.attempts_before + 1).unwrap_or(u32::MAX);
        if attempts >= policy.many_contacts_per_week {
            flags.push(Flag::ManyContacts { attempts, days: CONTACT_WEEK_DAYS });
        }
    }
    if let RecordBody::Promise(promise) = facts.body {
        let first_due = promise.installments.first().map_or(promise.due_on, |i| i.due_on);
        let days = (first_due - promise.made_on).num_days();
        if promise.status == PromiseStatus::Broken && days <= BROKEN_SOON_DAYS {
            flags.push(Flag::BrokenSoon { days });
        }
    }
    if facts.after_reassignment {
        flags.push(Flag::AfterReassignment);
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        activity::{ContactFacts, Promise, PromiseFields, Visit, VisitFields},
        contact::Country,
        geo::{GeoPoint, Position},
        money::{Amount, Currency},
        outcome::Outcome,
        zone::Zone,
    };

    fn visit(change: impl FnOnce(&mut VisitFields)) -> RecordBody {
        let now = Utc::now();
        let mut fields = VisitFields {
            started_at: now,
            ended_at: now,
            zone: Zone::MEXICO_CITY,
            position: None,
            distance_m: None,
            photos: vec![],
            outcome: Outcome::NoAnswer,
            contact: ContactFacts::default(),
            notes: String::new(),
            next_action_on: None,
        };
        change(&mut fields);
        RecordBody::Visit(Visit::try_from(fields).expect("visit"))
    }

    fn facts(body: &RecordBody) -> Facts<'_> {
        Facts { body, judgement: None, clock_skew_s: None, after_reassignment: false, attempts_before: 0 }
    }

    fn mx() -> ContactPolicy {
        ContactPolicy::default_for(Country::MX)
    }

    #[test]
    fn a_plain_visit_near_the_address_earns_no_flag() {
        let body = visit(|v| v.distance_m = Some(40));
        assert_eq!(flags(&facts(&body), &mx()), vec![]);
    }

    #[test]
    fn a_visit_beyond_the_policys_distance_or_with_a_typed_position_is_flagged() {
        let policy = mx();
        let at_threshold = visit(|v| v.distance_m = Some(policy.far_from_address_m));
        assert_eq!(flags(&facts(&at_threshold), &policy), vec![], "the threshold itself passes");
        let point = GeoPoint::new(19.43, -99.13).expect("point");
        let far = visit(|v| {
            v.distance_m = Some(2_400);
            v.position = Some(Position::new(point, 15.0).expect("position").typed());
        });
        assert_eq!(
            flags(&facts(&far), &policy),
            vec![
                Flag::FarFromAddress { distance_m: 2_400, threshold_m: policy.far_from_address_m },
                Flag::TypedPosition
            ]
        );
    }

    #[test]
    fn breaches_split_into_the_legal_window_and_other_exceptions_with_the_reason() {
        let body = visit(|v| v.contact.justification = Some("el deudor pidió esta hora".into()));
        let judgement = Judgement {
            country: Country::MX,
            policy_version: 1,
            breaches: vec![
                Breach::OutsideHours { local: "22:30".into(), from: "07:00".into(), until: "22:00".into() },
                Breach::TooOftenToday { cap: 2 },
            ],
        };
        let reason = Some("el deudor pidió esta hora".to_owned());
        assert_eq!(
            flags(&Facts { judgement: Some(&judgement), ..facts(&body) }, &mx()),
            vec![
                Flag::OutsideContactWindow { breach: judgement.breaches[0].clone(), justification: reason.clone() },
                Flag::JustifiedException { breach: judgement.breaches[1].clone(), justification: reason },
            ]
        );
    }

    #[test]
    fn a_skewed_clock_many_contacts_and_a_reassigned_account_are_flagged() {
        let body = visit(|_| {});
        let policy = mx();
        let within = Facts { clock_skew_s: Some(CLOCK_SKEW_FLAG_S), attempts_before: 2, ..facts(&body) };
        assert_eq!(flags(&within, &policy), vec![], "{} attempts, skew at the limit", policy.many_contacts_per_week);
        let busy = Facts {
            clock_skew_s: Some(-1_200),
            attempts_before: policy.many_contacts_per_week as usize - 1,
            after_reassignment: true,
            ..facts(&body)
        };
        assert_eq!(
            flags(&busy, &policy),
            vec![
                Flag::ClockSkew { skew_s: -1_200 },
                Flag::ManyContacts { attempts: policy.many_contacts_per_week, days: CONTACT_WEEK_DAYS },
                Flag::AfterReassignment,
            ]
        );
    }

    #[test]
    fn a_promise_that_broke_within_a_week_of_its_making_is_flagged_and_a_later_one_is_not() {
        let promise = |days: u64, status| {
            let made_on = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).expect("date");
            let fields = PromiseFields {
                amount: Amount::parse(rust_decimal::Decimal::new(50_000, 2), "monto").expect("amount"),
                currency: Currency::MXN,
                made_on,
                due_on: made_on + chrono::Days::new(days),
                installments: vec![],
                status,
                source: None,
                plan: None,
            };
            RecordBody::Promise(Promise::try_from(fields).expect("promise"))
        };
        let soon = promise(3, PromiseStatus::Broken);
        assert_eq!(flags(&facts(&soon), &mx()), vec![Flag::BrokenSoon { days: 3 }]);
        assert_eq!(flags(&facts(&promise(3, PromiseStatus::Kept)), &mx()), vec![]);
        assert_eq!(flags(&facts(&promise(20, PromiseStatus::Broken)), &mx()), vec![]);
    }
}

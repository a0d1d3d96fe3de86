//! The supervisor's KPIs over a period, from the facts of the work: each
//! visit's and call's outcome code (what it counts as is the code's own flags,
//! [`Outcome::right_party`]), promises made and falling due, payments received
//! and the overdue amounts held.
//!
//! Definitions, so a number means one thing everywhere:
//! - **visits per day**: visits over the days the gestor worked (a visit or
//!   call that day); none if they worked no day.
//! - **right-party contact rate**: visits and calls that reached the debtor
//!   in person, over all visits and calls.
//! - **promise rate**: visits and calls whose outcome was a promise to pay,
//!   over right-party contacts (the promises made are counted apart: one
//!   visit may leave a plan, and plans are made without a visit too).
//! - **promise-kept rate**: of the promises due in the period that are
//!   settled one way or the other, those kept in full (a part payment is not
//!   kept); a cancelled or still pending promise does not count.
//! - **collected**: payments received in the period on the accounts a
//!   gestor holds; **recovery rate**: collected over collected plus the
//!   overdue amount still held, per currency (amounts in MXN and PEN never add).
//!
//! Rates are percentages with one decimal, or none when nothing was there to
//! count.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{
    activity::PromiseStatus,
    ids::UserId,
    money::{Amount, Currency},
    outcome::{Channel, Outcome},
};

/// A visit or call, on the debtor's local day.
#[derive(Clone, Copy, Debug)]
pub struct Attempt {
    /// Who made it.
    pub gestor: UserId,
    /// The local day it started.
    pub day: NaiveDate,
    /// Visit or call.
    pub channel: Channel,
    /// What came of it.
    pub outcome: Outcome,
}

/// A promise to pay (or a plan).
#[derive(Clone, Copy, Debug)]
pub struct PromiseFact {
    /// Who took it.
    pub gestor: UserId,
    /// The day it was made.
    pub made_on: NaiveDate,
    /// The day it falls due (a plan's last instalment).
    pub due_on: NaiveDate,
    /// How much was promised.
    pub amount: Amount,
    /// In what.
    pub currency: Currency,
    /// Where it stands.
    pub status: PromiseStatus,
}

/// Money received, or held overdue, on a gestor's accounts.
#[derive(Clone, Copy, Debug)]
pub struct MoneyFact {
    /// The gestor who holds the account.
    pub gestor: UserId,
    /// How much.
    pub amount: Amount,
    /// In what.
    pub currency: Currency,
}

/// Everything the KPIs of a period are computed from, already narrowed to
/// the period (attempts by day, promises made or due in it, payments in it).
#[derive(Clone, Debug, Default)]
pub struct Facts {
    /// Visits and calls.
    pub attempts: Vec<Attempt>,
    /// Promises made or due in the period.
    pub promises: Vec<PromiseFact>,
    /// Payments received.
    pub payments: Vec<MoneyFact>,
    /// Overdue amounts of the accounts held now.
    pub overdue: Vec<MoneyFact>,
}

/// One currency's money figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MoneyKpis {
    /// The currency.
    pub currency: Currency,
    /// Promised in promises made in the period.
    pub promised: Amount,
    /// Received in the period.
    pub collected: Amount,
    /// Overdue on the accounts held now.
    pub overdue: Amount,
    /// Collected over collected plus overdue, in percent.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub recovery_rate: Option<Decimal>,
}

/// The KPIs of one gestor, or of everyone in the report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Kpis {
    /// Visits made.
    pub visits: u32,
    /// Calls made.
    pub calls: u32,
    /// Days with a visit or call.
    pub days_worked: u32,
    /// Visits per day worked.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub visits_per_day: Option<Decimal>,
    /// Visits and calls that reached the debtor in person.
    pub right_party: u32,
    /// Right-party contacts over visits and calls, in percent.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub right_party_rate: Option<Decimal>,
    /// Promises made.
    pub promises: u32,
    /// Visits and calls that ended in a promise to pay, over right-party contacts, in percent.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub promise_rate: Option<Decimal>,
    /// Promises due in the period and settled (kept, partly kept or broken).
    pub due_settled: u32,
    /// Of those, kept in full.
    pub kept: u32,
    /// Kept over settled, in percent.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub kept_rate: Option<Decimal>,
    /// Money, per currency (in currency order).
    pub money: Vec<MoneyKpis>,
}

/// One day of the period, for the charts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DayKpis {
    /// The day.
    pub day: NaiveDate,
    /// Visits that day.
    pub visits: u32,
    /// Calls that day.
    pub calls: u32,
    /// Right-party contacts that day.
    pub right_party: u32,
    /// Promises made that day.
    pub promises: u32,
}

/// The KPIs of a period: everyone together, day by day, and per gestor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KpiReport {
    /// The first day.
    pub from: NaiveDate,
    /// The last day (inclusive).
    pub to: NaiveDate,
    /// Everyone in the report together.
    pub total: Kpis,
    /// Every day of the period, worked or not.
    pub days: Vec<DayKpis>,
    /// Each gestor, by name.
    pub gestores: Vec<GestorKpis>,
}

/// One gestor's KPIs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GestorKpis {
    /// The gestor.
    pub gestor: UserId,
    /// Their name.
    pub name: String,
    /// Their figures.
    pub kpis: Kpis,
}

/// The report of `from..=to` for `gestores` (id and name, in the order to
/// list them) from `facts`; facts of anyone else are left out. One pass
/// sorts the facts by gestor and day, so a team of many gestores costs no
/// more than one.
pub fn report(from: NaiveDate, to: NaiveDate, gestores: &[(UserId, String)], facts: &Facts) -> KpiReport {
    let mut theirs: HashMap<UserId, Facts> = gestores.iter().map(|(id, _)| (*id, Facts::default())).collect();
    let mut everyone = Facts::default();
    let mut days: BTreeMap<NaiveDate, DayKpis> = from
        .iter_days()
        .take_while(|d| *d <= to)
        .map(|day| (day, DayKpis { day, visits: 0, calls: 0, right_party: 0, promises: 0 }))
        .collect();
    for a in &facts.attempts {
        let Some(mine) = theirs.get_mut(&a.gestor) else { continue };
        mine.attempts.push(*a);
        everyone.attempts.push(*a);
        if let Some(day) = days.get_mut(&a.day) {
            let visit = a.channel == Channel::Visit;
            day.visits += u32::from(visit);
            day.calls += u32::from(!visit);
            day.right_party += u32::from(a.outcome.right_party());
        }
    }
    for p in &facts.promises {
        let Some(mine) = theirs.get_mut(&p.gestor) else { continue };
        mine.promises.push(*p);
        everyone.promises.push(*p);
        if let Some(day) = days.get_mut(&p.made_on) {
            day.promises += 1;
        }
    }
    type Slot = fn(&mut Facts) -> &mut Vec<MoneyFact>;
    let money: [(&[MoneyFact], Slot); 2] =
        [(&facts.payments, |f| &mut f.payments), (&facts.overdue, |f| &mut f.overdue)];
    for (all, slot) in money {
        for m in all {
            let Some(mine) = theirs.get_mut(&m.gestor) else { continue };
            slot(mine).push(*m);
            slot(&mut everyone).push(*m);
        }
    }
    KpiReport {
        from,
        to,
        total: kpis(from, to, &everyone),
        days: days.into_values().collect(),
        gestores: gestores
            .iter()
            .map(|(id, name)| GestorKpis { gestor: *id, name: name.clone(), kpis: kpis(from, to, &theirs[id]) })
            .collect(),
    }
}

fn kpis(from: NaiveDate, to: NaiveDate, facts: &Facts) -> Kpis {
    let within = |day: NaiveDate| from <= day && day <= to;
    let attempts: Vec<&Attempt> = facts.attempts.iter().filter(|a| within(a.day)).collect();
    let visits = count(attempts.iter().filter(|a| a.channel == Channel::Visit));
    let days_worked = attempts.iter().map(|a| (a.gestor, a.day)).collect::<BTreeSet<_>>().len() as u32;
    let right_party = count(attempts.iter().filter(|a| a.outcome.right_party()));
    let promised = count(attempts.iter().filter(|a| a.outcome == Outcome::PromiseToPay));
    let made: Vec<&PromiseFact> = facts.promises.iter().filter(|p| within(p.made_on)).collect();
    let settled: Vec<&PromiseFact> = facts
        .promises
        .iter()
        .filter(|p| within(p.due_on))
        .filter(|p| matches!(p.status, PromiseStatus::Kept | PromiseStatus::PartiallyKept | PromiseStatus::Broken))
        .collect();
    let kept = count(settled.iter().filter(|p| p.status == PromiseStatus::Kept));

    let mut money: BTreeMap<Currency, [Decimal; 3]> = BTreeMap::new();
    let mut add = |currency, slot: usize, amount: Amount| money.entry(currency).or_default()[slot] += amount.value();
    made.iter().for_each(|p| add(p.currency, 0, p.amount));
    facts.payments.iter().for_each(|m| add(m.currency, 1, m.amount));
    facts.overdue.iter().for_each(|m| add(m.currency, 2, m.amount));
    let amount = |value: Decimal| Amount::parse(value, "monto").unwrap_or_else(|_| unreachable!("sums of amounts"));
    Kpis {
        visits,
        calls: attempts.len() as u32 - visits,
        days_worked,
        visits_per_day: ratio(Decimal::from(visits), Decimal::from(days_worked), 1),
        right_party,
        right_party_rate: percent(right_party, attempts.len() as u32),
        promises: made.len() as u32,
        promise_rate: percent(promised, right_party),
        due_settled: settled.len() as u32,
        kept,
        kept_rate: percent(kept, settled.len() as u32),
        money: money
            .into_iter()
            .map(|(currency, [promised, collected, overdue])| MoneyKpis {
                currency,
                promised: amount(promised),
                collected: amount(collected),
                overdue: amount(overdue),
                recovery_rate: ratio(collected * Decimal::ONE_HUNDRED, collected + overdue, 1),
            })
            .collect(),
    }
}

fn count<T>(items: impl Iterator<Item = T>) -> u32 {
    items.count() as u32
}

fn percent(part: u32, whole: u32) -> Option<Decimal> {
    ratio(Decimal::from(part) * Decimal::ONE_HUNDRED, Decimal::from(whole), 1)
}

fn ratio(part: Decimal, whole: Decimal, decimals: u32) -> Option<Decimal> {
    // Always `decimals` places, so "50.0" reads as the rate it is.
    (!whole.is_zero()).then(|| {
        let mut value = (part / whole).round_dp(decimals);
        value.rescale(decimals);
        value
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn amount(text: &str) -> Amount {
        Amount::parse(text.parse().unwrap(), "monto").unwrap()
    }

    #[test]
    fn each_rate_counts_what_its_definition_says() {
        let (ana, luis, other) = (UserId::generate(), UserId::generate(), UserId::generate());
        let attempt = |gestor, d, channel, outcome| Attempt { gestor, day: day(d), channel, outcome };
        let promise = |gestor, made, due, total: &str, status| PromiseFact {
            gestor,
            made_on: day(made),
            due_on: day(due),
            amount: amount(total),
            currency: Currency::MXN,
            status,
        };
        let money = |gestor, total: &str| MoneyFact { gestor, amount: amount(total), currency: Currency::MXN };
        let facts = Facts {
            attempts: vec![
                attempt(ana, 2, Channel::Visit, Outcome::PromiseToPay),
                attempt(ana, 2, Channel::Visit, Outcome::NoAnswer),
                attempt(ana, 3, Channel::Call, Outcome::RightPartyContact),
                attempt(ana, 3, Channel::Visit, Outcome::ThirdPartyContact),
                attempt(luis, 2, Channel::Call, Outcome::Busy),
                attempt(other, 2, Channel::Visit, Outcome::PromiseToPay),
                attempt(ana, 30, Channel::Visit, Outcome::PromiseToPay),
            ],
            promises: vec![
                promise(ana, 2, 9, "1500.00", PromiseStatus::Kept),
                promise(ana, 3, 10, "500.50", PromiseStatus::Broken),
                promise(ana, 1, 4, "800.00", PromiseStatus::PartiallyKept),
                promise(luis, 2, 20, "900.00", PromiseStatus::Pending),
            ],
            payments: vec![money(ana, "1500.00"), money(luis, "100.00")],
            overdue: vec![money(ana, "4500.00"), money(luis, "900.00")],
        };
        let gestores = [(ana, "Ana".to_owned()), (luis, "Luis".to_owned())];
        let r = report(day(2), day(10), &gestores, &facts);

        let a = &r.gestores[0].kpis;
        assert_eq!((a.visits, a.calls, a.days_worked, a.right_party), (3, 1, 2, 2), "the 30th is outside");
        assert_eq!(a.visits_per_day, Some(Decimal::new(15, 1)));
        assert_eq!(a.right_party_rate, Some(Decimal::new(500, 1)), "2 of 4: a third party is not the debtor");
        assert_eq!(
            (a.promises, a.promise_rate),
            (2, Some(Decimal::new(500, 1))),
            "made on the 2nd and 3rd; one visit of two"
        );
        assert_eq!(
            (a.due_settled, a.kept, a.kept_rate),
            (3, 1, Some(Decimal::new(333, 1))),
            "a part payment is not kept"
        );
        assert_eq!(
            a.money,
            [MoneyKpis {
                currency: Currency::MXN,
                promised: amount("2000.50"),
                collected: amount("1500.00"),
                overdue: amount("4500.00"),
                recovery_rate: Some(Decimal::new(250, 1)),
            }]
        );
        let l = &r.gestores[1].kpis;
        assert_eq!(
            (l.right_party_rate, l.promise_rate, l.kept_rate),
            (Some(Decimal::ZERO), None, None),
            "nothing to count"
        );

        assert_eq!(
            (r.total.visits, r.total.calls, r.total.promises),
            (3, 2, 3),
            "someone outside the report is not in it"
        );
        assert_eq!(r.days.len(), 9, "every day of the period");
        assert_eq!(
            r.days[0],
            DayKpis { day: day(2), visits: 2, calls: 1, right_party: 1, promises: 2 },
            "the 2nd: ana's two visits and luis's call"
        );
        assert_eq!(r.days[8].visits, 0, "a day nobody worked is there, at zero");
    }
}

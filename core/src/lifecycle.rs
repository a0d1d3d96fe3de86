//! The promise lifecycle, derived from the lender's payments and the
//! calendar, never typed by a device. The server applies it whenever
//! payments arrive and as days pass; its result syncs to the devices.
//!
//! **The rule.** Every promise of an account that is not cancelled is split
//! into what falls due: each instalment of a plan, or the whole amount on
//! its due date. The account's payments pay what falls due in date order
//! (the earliest due first; between promises due the same day, the one made
//! first), each payment from the earliest: a payment counts toward a due
//! only if it was made on or after the day the promise was made and no later
//! than its due date plus the policy's grace days. A payment larger than
//! one due goes on to the next. Then, on the debtor's local date `today`,
//! each due is
//! - **kept** when paid in full,
//! - **pending** while unpaid and `today` is no later than its due date plus grace,
//! - otherwise **broken** if nothing was paid toward it, **partially kept** if something was.
//!
//! A promise is kept when all its dues are; broken or partially kept as its
//! first due that went past its grace unpaid (partially kept if anything at
//! all was paid toward the promise); otherwise pending. A cancelled promise
//! (by the gestor, or replaced by a plan) stays cancelled and takes no money;
//! so does a plan not yet in force (waiting for approval, refused, or
//! counter-offered and not yet accepted), which stays as it is.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use crate::activity::{Payment, PromiseFields, PromiseStatus};

/// Where one due stands, and what was paid toward it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DueStatus {
    /// Kept, pending, partially kept or broken.
    pub status: PromiseStatus,
    /// Paid toward it.
    pub paid: Decimal,
}

/// Where a promise stands, and each of its dues (one per instalment, or one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Derived {
    /// The promise's status.
    pub status: PromiseStatus,
    /// Its dues', in date order; empty for a cancelled promise.
    pub dues: Vec<DueStatus>,
}

struct Due {
    promise: usize,
    made_on: NaiveDate,
    due_on: NaiveDate,
    amount: Decimal,
    paid: Decimal,
}

/// The statuses of `promises` (an account's, in the order given) from the
/// account's `payments`, on the debtor's local date `today`, with `grace`
/// days after each due date (see the module docs).
pub fn derive(promises: &[&PromiseFields], payments: &[&Payment], today: NaiveDate, grace: u32) -> Vec<Derived> {
    let last_day = |due_on: NaiveDate| due_on.checked_add_days(Days::new(grace.into())).unwrap_or(NaiveDate::MAX);
    let mut dues: Vec<Due> = promises
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_active())
        .flat_map(|(promise, p)| {
            let whole = [(p.due_on, p.amount.value())];
            let parts: Vec<(NaiveDate, Decimal)> = if p.installments.is_empty() {
                whole.to_vec()
            } else {
                p.installments.iter().map(|i| (i.due_on, i.amount.value())).collect()
            };
            parts.into_iter().map(move |(due_on, amount)| Due {
                promise,
                made_on: p.made_on,
                due_on,
                amount,
                paid: Decimal::ZERO,
            })
        })
        .collect();
    dues.sort_by_key(|d| (d.due_on, promises[d.promise].made_on, d.promise));
    let mut left: Vec<(NaiveDate, Decimal)> = payments.iter().map(|p| (p.paid_on, p.amount.value())).collect();
    left.sort_by_key(|(on, _)| *on);
    for due in &mut dues {
        for (paid_on, amount) in left.iter_mut() {
            if due.paid == due.amount {
                break;
            }
            if *paid_on < due.made_on || *paid_on > last_day(due.due_on) || amount.is_zero() {
                continue;
            }
            let take = (*amount).min(due.amount - due.paid);
            due.paid += take;
            *amount -= take;
        }
    }
    promises
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if !p.is_active() {
                return Derived { status: p.status, dues: vec![] };
            }
            let statuses: Vec<DueStatus> = dues
                .iter()
                .filter(|d| d.promise == i)
                .map(|d| {
                    let status = if d.paid == d.amount {
                        PromiseStatus::Kept
                    } else if today <= last_day(d.due_on) {
                        PromiseStatus::Pending
                    } else if d.paid.is_zero() {
                        PromiseStatus::Broken
                    } else {
                        PromiseStatus::PartiallyKept
                    };
                    DueStatus { status, paid: d.paid }
                })
                .collect();
            let paid_any = statuses.iter().any(|d| !d.paid.is_zero());
            let status = if statuses.iter().all(|d| d.status == PromiseStatus::Kept) {
                PromiseStatus::Kept
            } else if statuses.iter().any(|d| matches!(d.status, PromiseStatus::Broken | PromiseStatus::PartiallyKept))
            {
                if paid_any { PromiseStatus::PartiallyKept } else { PromiseStatus::Broken }
            } else {
                PromiseStatus::Pending
            };
            Derived { status, dues: statuses }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        activity::Installment,
        money::{Amount, Currency},
        text::Label,
    };

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    fn amount(text: &str) -> Amount {
        Amount::parse(text.parse().expect("a decimal"), "monto").expect("an amount")
    }

    fn promise(total: &str, made_on: &str, due_on: &str) -> PromiseFields {
        PromiseFields {
            amount: amount(total),
            currency: Currency::MXN,
            made_on: day(made_on),
            due_on: day(due_on),
            installments: vec![],
            status: PromiseStatus::Pending,
            source: None,
            plan: None,
        }
    }

    fn paid(total: &str, on: &str) -> Payment {
        Payment {
            amount: amount(total),
            currency: Currency::MXN,
            paid_on: day(on),
            reference: Label::parse(&format!("P-{on}-{total}"), "referencia").expect("label"),
            channel: None,
        }
    }

    fn status(promise: &PromiseFields, payments: &[Payment], today: &str) -> PromiseStatus {
        let payments: Vec<&Payment> = payments.iter().collect();
        derive(&[promise], &payments, day(today), 3)[0].status
    }

    #[test]
    fn a_promise_is_kept_pending_partially_kept_or_broken_by_what_was_paid_by_its_date_and_grace() {
        use PromiseStatus::*;
        let p = promise("1000.00", "2026-11-20", "2026-12-01");
        let cases: &[(&[Payment], &str, PromiseStatus)] = &[
            (&[], "2026-11-25", Pending),
            (&[], "2026-12-04", Pending),
            (&[], "2026-12-05", Broken),
            (&[paid("1000.00", "2026-11-25")], "2026-11-26", Kept),
            (&[paid("600.00", "2026-11-25"), paid("400.00", "2026-12-02")], "2026-12-10", Kept),
            // A partial payment one day inside the grace: still time, then partially kept.
            (&[paid("400.00", "2026-12-02")], "2026-12-04", Pending),
            (&[paid("400.00", "2026-12-02")], "2026-12-05", PartiallyKept),
            // The last day of grace counts; the day after does not.
            (&[paid("1000.00", "2026-12-04")], "2026-12-09", Kept),
            (&[paid("1000.00", "2026-12-05")], "2026-12-09", Broken),
            // Money paid before the promise was made is not toward it.
            (&[paid("1000.00", "2026-11-19")], "2026-12-09", Broken),
            (&[paid("1500.00", "2026-11-30")], "2026-12-09", Kept),
        ];
        for (payments, today, expected) in cases {
            assert_eq!(status(&p, payments, today), *expected, "{payments:?} on {today}");
        }
        let cancelled = PromiseFields { status: Cancelled, ..p.clone() };
        assert_eq!(status(&cancelled, &[], "2026-12-20"), Cancelled);
    }

    #[test]
    fn payments_pay_the_earliest_due_first_and_a_plan_keeps_each_instalment_apart() {
        use PromiseStatus::*;
        let first = promise("500.00", "2026-11-01", "2026-11-10");
        let second = promise("500.00", "2026-11-05", "2026-11-20");
        let payments = [paid("700.00", "2026-11-08")];
        let refs: Vec<&Payment> = payments.iter().collect();
        let derived = derive(&[&second, &first], &refs, day("2026-11-30"), 3);
        assert_eq!((derived[0].status, derived[1].status), (PartiallyKept, Kept), "the earlier due is paid first");
        assert_eq!(derived[0].dues[0].paid, Decimal::new(20_000, 2));

        let mut plan = promise("900.00", "2026-11-01", "2026-12-31");
        plan.installments = ["2026-11-30", "2026-12-31"]
            .iter()
            .map(|d| Installment { due_on: day(d), amount: amount("450.00"), status: None })
            .collect();
        let one_paid = [paid("450.00", "2026-11-28")];
        let refs: Vec<&Payment> = one_paid.iter().collect();
        let on = |today| derive(&[&plan], &refs, day(today), 3)[0].clone();
        assert_eq!(on("2026-12-15").status, Pending, "the first instalment kept, the second not yet due");
        assert_eq!(on("2026-12-15").dues.iter().map(|d| d.status).collect::<Vec<_>>(), [Kept, Pending]);
        assert_eq!(on("2027-01-04").status, PartiallyKept, "the second went past its grace unpaid");
        let nothing = derive(&[&plan], &[], day("2026-12-04"), 3)[0].clone();
        assert_eq!((nothing.status, nothing.dues[0].status), (Broken, Broken));
    }

    proptest::proptest! {
        /// One promise and any payments: its status is what the rule says,
        /// computed here the plain way, straight from the module docs.
        #[test]
        fn one_promise_follows_the_documented_rule(
            cents in 1i64..500_000,
            made in 0u64..30,
            term in 0u64..30,
            paid in proptest::collection::vec((0u64..90, 1i64..300_000), 0..6),
            today in 0u64..90,
            grace in 0u32..10,
        ) {
            let start = day("2026-10-01");
            let at = |d: u64| start + Days::new(d);
            let mut p = promise("1.00", "2026-10-01", "2026-10-01");
            p.amount = Amount::parse(Decimal::new(cents, 2), "monto").expect("amount");
            p.made_on = at(made);
            p.due_on = at(made + term);
            let payments: Vec<Payment> = paid
                .iter()
                .map(|(d, c)| Payment { amount: Amount::parse(Decimal::new(*c, 2), "m").expect("amount"), ..paid_on(at(*d)) })
                .collect();
            let refs: Vec<&Payment> = payments.iter().collect();
            let derived = derive(&[&p], &refs, at(today), grace)[0].status;

            let last = p.due_on + Days::new(grace.into());
            let counted: Decimal =
                payments.iter().filter(|x| x.paid_on >= p.made_on && x.paid_on <= last).map(|x| x.amount.value()).sum();
            let expected = if counted >= p.amount.value() {
                PromiseStatus::Kept
            } else if at(today) <= last {
                PromiseStatus::Pending
            } else if counted.is_zero() {
                PromiseStatus::Broken
            } else {
                PromiseStatus::PartiallyKept
            };
            proptest::prop_assert_eq!(derived, expected);
        }
    }

    fn paid_on(on: NaiveDate) -> Payment {
        paid("1.00", &on.to_string())
    }
}

//! Payment plans: a total split into instalments the debtor can meet, on
//! dates the lender can collect on, and what a discount on it needs.
//!
//! - Every instalment but the last is the total divided by their number,
//!   cut to the cent; the last absorbs the rounding, so they always add up
//!   to the total exactly (1,000.00 in three: 333.33, 333.33, 333.34).
//! - The dates step from the first by a week, a fortnight or a month (a
//!   month from 31 January is the end of February); a date on a Saturday, a
//!   Sunday or a public holiday of the account's country moves to the next
//!   business day.
//! - A discount (condonation) within the policy's limit for the account's
//!   segment, as a share of the balance, applies at once; above it the plan
//!   waits for the gestor's supervisor.
//!
//! A plan travels as a promise with instalments and [`PlanDetails`]; only
//! an active plan ([`Approval::is_active`]) is derived from payments. The
//! supervisor approves, rejects (which cancels it) or counter-offers other
//! terms, which become active once the gestor records that the debtor
//! accepted them.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::{
    DomainError,
    activity::Installment,
    contact::{Country, calendar, policy::ContactPolicy},
    money::Amount,
};

/// How often an instalment falls due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every 7 days.
    Weekly,
    /// Every 14 days (quincenal).
    Fortnightly,
    /// On the same day each month.
    Monthly,
}

/// The most instalments a plan has: five years of months.
pub const MAX_INSTALLMENTS: u32 = 60;

/// What a plan is asked to be.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct PlanTerms {
    /// What the debtor will pay in all.
    pub total: Amount,
    /// In how many instalments.
    pub count: u32,
    /// How often.
    pub frequency: Frequency,
    /// When the first falls due, before any move to a business day.
    pub first_due: NaiveDate,
}

/// A plan's terms beyond its instalments, and where its approval stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct PlanDetails {
    /// How often an instalment falls due.
    pub frequency: Frequency,
    /// What the account owed when the plan was made.
    pub balance: Amount,
    /// What the plan forgives of it (condonación); zero for none.
    pub discount: Amount,
    /// Where its approval stands.
    pub approval: Approval,
}

impl PlanDetails {
    /// Whether paying `amount` under this plan settles the debt: with the
    /// discount it covers the whole balance. Otherwise it is a partial agreement.
    pub fn settles(&self, amount: Amount) -> bool {
        amount.value() + self.discount.value() == self.balance.value()
    }

    /// Checks a plan for `amount`: with its discount, it asks no more than the balance.
    pub fn check(&self, amount: Amount) -> Result<(), DomainError> {
        if amount.value() + self.discount.value() > self.balance.value() {
            return Err(DomainError::PlanOverBalance {
                amount: amount.to_string(),
                discount: self.discount.to_string(),
                balance: self.balance.to_string(),
            });
        }
        Ok(())
    }
}

/// Where a plan's approval stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Approval {
    /// Its discount is within the gestor's limit: active at once.
    NotNeeded,
    /// Waiting for the gestor's supervisor.
    Requested,
    /// The supervisor approved it.
    Approved {
        /// What the supervisor said.
        comment: String,
    },
    /// The supervisor refused it; the plan is cancelled.
    Rejected {
        /// Why.
        comment: String,
    },
    /// The supervisor proposed other terms, now the plan's, for the debtor to accept.
    Countered {
        /// What the supervisor said.
        comment: String,
    },
    /// The gestor recorded that the debtor accepted the counter-offer.
    Accepted,
}

impl Approval {
    /// Whether the plan is in force: payments count toward it.
    pub fn is_active(&self) -> bool {
        matches!(self, Self::NotNeeded | Self::Approved { .. } | Self::Accepted)
    }

    /// Whether a supervisor decided it (its terms are then theirs to change).
    pub fn is_decided(&self) -> bool {
        matches!(self, Self::Approved { .. } | Self::Rejected { .. } | Self::Countered { .. } | Self::Accepted)
    }
}

/// Whether `day` is a business day in `country`: not a weekend, not a public holiday.
pub fn is_business_day(country: Country, day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && calendar::holiday(country, day).is_none()
}

/// `day`, or the first business day after it.
pub fn next_business_day(country: Country, day: NaiveDate) -> NaiveDate {
    day.iter_days().find(|d| is_business_day(country, *d)).unwrap_or(day)
}

/// The instalments of a plan on an account in `country` (see the module docs).
pub fn schedule(terms: &PlanTerms, country: Country) -> Result<Vec<Installment>, DomainError> {
    if terms.count == 0 || terms.count > MAX_INSTALLMENTS {
        return Err(DomainError::InstallmentCount { max: MAX_INSTALLMENTS });
    }
    let total = terms.total.value();
    let count = Decimal::from(terms.count);
    let each = (total / count).round_dp_with_strategy(crate::money::Currency::DECIMALS, RoundingStrategy::ToZero);
    if each.is_zero() {
        return Err(DomainError::ZeroAmount { field: "parcialidad".into() });
    }
    let last = total - each * (count - Decimal::ONE);
    (0..terms.count)
        .map(|k| {
            let nominal = match terms.frequency {
                Frequency::Weekly => terms.first_due.checked_add_days(Days::new(7 * u64::from(k))),
                Frequency::Fortnightly => terms.first_due.checked_add_days(Days::new(14 * u64::from(k))),
                Frequency::Monthly => terms.first_due.checked_add_months(Months::new(k)),
            }
            .ok_or(DomainError::InstallmentCount { max: MAX_INSTALLMENTS })?;
            let amount = if k + 1 == terms.count { last } else { each };
            Ok(Installment {
                due_on: next_business_day(country, nominal),
                amount: Amount::parse(amount, "parcialidad")?,
                status: None,
            })
        })
        .collect()
}

/// A discount's share of `balance`, in percent.
pub fn discount_percent(discount: Amount, balance: Amount) -> Decimal {
    if balance.value().is_zero() {
        return Decimal::ONE_HUNDRED;
    }
    discount.value() * Decimal::ONE_HUNDRED / balance.value()
}

/// [`discount_percent`] as people read it: at most two decimals, no
/// trailing zeros ("12.5").
pub fn discount_percent_text(discount: Amount, balance: Amount) -> String {
    discount_percent(discount, balance).round_dp(2).normalize().to_string()
}

/// Whether `discount` on an account of `segment` owing `balance` is within
/// what `policy` lets a gestor give at once; above it, a supervisor decides.
pub fn discount_within_limit(policy: &ContactPolicy, segment: &str, balance: Amount, discount: Amount) -> bool {
    discount.value().is_zero() || discount_percent(discount, balance) <= policy.discount_limit(segment)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::policy::DiscountLimit;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    fn amount(text: &str) -> Amount {
        Amount::parse(text.parse().expect("a decimal"), "monto").expect("an amount")
    }

    fn plan(total: &str, count: u32, frequency: Frequency, first: &str) -> Vec<(NaiveDate, String)> {
        let terms = PlanTerms { total: amount(total), count, frequency, first_due: day(first) };
        schedule(&terms, Country::MX).expect("a plan").into_iter().map(|i| (i.due_on, i.amount.to_string())).collect()
    }

    #[test]
    fn a_plan_splits_to_the_cent_and_the_last_instalment_absorbs_the_rounding() {
        // Wednesday 2 December 2026; 2 January and 2 February 2027 are a Saturday and a Tuesday.
        assert_eq!(
            plan("1000.00", 3, Frequency::Monthly, "2026-12-02"),
            [
                (day("2026-12-02"), "333.33".into()),
                (day("2027-01-04"), "333.33".into()),
                (day("2027-02-02"), "333.34".into())
            ]
        );
        for (total, count) in [("1000.00", 7), ("0.05", 5), ("12345.67", 60), ("999.99", 1)] {
            let terms =
                PlanTerms { total: amount(total), count, frequency: Frequency::Weekly, first_due: day("2027-03-01") };
            let sum: Decimal = schedule(&terms, Country::PE).expect("a plan").iter().map(|i| i.amount.value()).sum();
            assert_eq!(sum, amount(total).value(), "{total} in {count}");
        }
        let too_many = PlanTerms {
            total: amount("1000.00"),
            count: 61,
            frequency: Frequency::Weekly,
            first_due: day("2027-03-01"),
        };
        assert_eq!(schedule(&too_many, Country::MX), Err(DomainError::InstallmentCount { max: 60 }));
        let too_small = PlanTerms { count: 6, total: amount("0.05"), ..too_many };
        assert!(matches!(schedule(&too_small, Country::MX), Err(DomainError::ZeroAmount { .. })));
    }

    #[test]
    fn a_due_date_on_a_weekend_or_a_holiday_moves_to_the_next_business_day() {
        let cases = [
            // New Year's Day 2027 is a Friday: the Monday after.
            (Country::MX, "2027-01-01", "2027-01-04"),
            (Country::PE, "2027-01-01", "2027-01-04"),
            // A Sunday: the Monday.
            (Country::MX, "2026-12-06", "2026-12-07"),
            // Holy Thursday and Good Friday 2027 in Peru (25 and 26 March): the Monday.
            (Country::PE, "2027-03-25", "2027-03-29"),
            // Mexico's Constitution Day, first Monday of February 2027: the Tuesday.
            (Country::MX, "2027-02-01", "2027-02-02"),
            // A plain Wednesday stays.
            (Country::MX, "2026-12-02", "2026-12-02"),
        ];
        for (country, due, moved) in cases {
            assert_eq!(next_business_day(country, day(due)), day(moved), "{country:?} {due}");
        }
        assert_eq!(
            plan("300.00", 3, Frequency::Fortnightly, "2026-12-20"),
            [
                (day("2026-12-21"), "100.00".into()),
                (day("2027-01-04"), "100.00".into()),
                (day("2027-01-18"), "100.00".into())
            ],
            "each date moved on its own, from where it would fall"
        );
    }

    #[test]
    fn a_discount_within_the_segments_limit_applies_and_one_just_above_waits_for_a_supervisor() {
        let policy = ContactPolicy {
            discount_limits: vec![DiscountLimit { segment: "alto saldo".into(), max_percent: Decimal::new(15, 0) }],
            default_discount_percent: Decimal::new(5, 0),
            ..ContactPolicy::default_for(Country::MX)
        };
        let balance = amount("10000.00");
        let cases = [
            ("alto saldo", "1500.00", true),
            ("alto saldo", "1500.01", false),
            ("medio", "500.00", true),
            ("medio", "500.01", false),
            ("medio", "0.00", true),
        ];
        for (segment, discount, within) in cases {
            assert_eq!(
                discount_within_limit(&policy, segment, balance, amount(discount)),
                within,
                "{segment} {discount}"
            );
        }
        let untouched = ContactPolicy::default_for(Country::PE);
        assert!(
            !discount_within_limit(&untouched, "medio", balance, amount("0.01")),
            "by default every discount goes to a supervisor"
        );
    }

    proptest::proptest! {
        /// Whatever the total, the count and the dates, the instalments add up
        /// to the total, each is at least a cent, and each falls on a business
        /// day after the one before.
        #[test]
        fn the_instalments_always_add_up_to_the_plan_total(
            cents in 1i64..100_000_000,
            count in 1u32..=60,
            frequency in proptest::sample::select(vec![Frequency::Weekly, Frequency::Fortnightly, Frequency::Monthly]),
            offset in 0u64..3650,
            peru in proptest::bool::ANY,
        ) {
            let country = if peru { Country::PE } else { Country::MX };
            let total = Amount::parse(Decimal::new(cents, 2), "total").expect("amount");
            let terms = PlanTerms { total, count, frequency, first_due: day("2026-01-01") + Days::new(offset) };
            match schedule(&terms, country) {
                Ok(plan) => {
                    let sum: Decimal = plan.iter().map(|i| i.amount.value()).sum();
                    proptest::prop_assert_eq!(sum, total.value());
                    proptest::prop_assert_eq!(plan.len(), count as usize);
                    proptest::prop_assert!(plan.iter().all(|i| !i.amount.is_zero() && is_business_day(country, i.due_on)));
                    proptest::prop_assert!(plan.windows(2).all(|w| w[0].due_on < w[1].due_on));
                }
                Err(e) => proptest::prop_assert!(Decimal::new(cents, 2) < Decimal::new(i64::from(count), 2), "{e}"),
            }
        }
    }
}

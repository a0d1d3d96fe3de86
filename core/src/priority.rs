//! The order of the gestor's day: a score per account under the rule below,
//! with the factors that make it, largest first, so the app can explain each
//! account in one line ("promesa incumplida hace 2 días · 45 días de atraso").
//!
//! **The rule.** An account in dispute, or of a debtor who died, scores 0
//! and nothing else counts: no collection pressure. Otherwise the points add up:
//!
//! | Factor | Points |
//! |---|---|
//! | a promise broken and not followed up since (see [`PromiseState`]) | 400 |
//! | a promise falling due today | 300 |
//! | a follow-up (a visit's or call's next action) due today or before | 200 |
//! | a promise past its date, still inside its grace days | 100 |
//! | days past due | 1 per 2 days, at most 90 (from 180 days) |
//! | the amount overdue | 10 per digit of whole units beyond the first, at most 70 |
//! | days since the last visit or call | 1 per day, at most 30; never contacted, 30 |
//! | the account's segment | what the policy gives it, from -50 to 50 |
//!
//! The first three put the account in the part of the agenda due today
//! ([`Priority::due_today`]). Amounts are compared by their digits, not
//! converted: a gestor's portfolio is in one country and one currency.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

/// Points the policy gives a segment, at most this many either way.
pub const MAX_SEGMENT_POINTS: i32 = 50;

/// Where an account's promises stand for the agenda on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromiseState {
    /// Nothing promised is due or broken.
    Quiet,
    /// A promise falls due today.
    DueToday,
    /// A promise's date passed `days_late` days ago; payment may still arrive in grace.
    InGrace {
        /// Days since its due date.
        days_late: u32,
    },
    /// A promise broke `days_ago` days ago (counted from the first day past
    /// its grace) and nobody visited or called the debtor since.
    Broken {
        /// Days since it broke.
        days_ago: u32,
    },
}

impl PromiseState {
    /// The state on `today` of an account whose earliest pending promise
    /// falls due on `pending_due` (and another on `today`, if
    /// `another_due_today`: a new promise made while an older one is in its
    /// grace), whose latest broken (or partly kept) promise fell due on
    /// `broken_due`, last contacted on `last_contact`, with `grace` days. A
    /// pending promise past its grace is broken: the server will say so at
    /// its next derivation, and the gestor need not wait for signal to know.
    pub fn of(
        pending_due: Option<NaiveDate>,
        another_due_today: bool,
        broken_due: Option<NaiveDate>,
        last_contact: Option<NaiveDate>,
        grace: u32,
        today: NaiveDate,
    ) -> Self {
        let broke_on = |due: NaiveDate| due.checked_add_days(Days::new(u64::from(grace) + 1)).unwrap_or(NaiveDate::MAX);
        let overdue_pending = pending_due.filter(|&due| broke_on(due) <= today);
        let broke = [broken_due, overdue_pending].into_iter().flatten().map(broke_on).max();
        if let Some(broke) = broke
            && last_contact.is_none_or(|contact| contact < broke)
        {
            return Self::Broken { days_ago: days_between(broke, today) };
        }
        match pending_due {
            Some(due) if due == today || another_due_today => Self::DueToday,
            Some(due) if due < today && broke_on(due) > today => Self::InGrace { days_late: days_between(due, today) },
            _ => Self::Quiet,
        }
    }
}

fn days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    u32::try_from((to - from).num_days()).unwrap_or(0)
}

/// What the score reads of an account on a given day.
#[derive(Clone, Debug)]
pub struct AccountFacts {
    /// Where its promises stand.
    pub promise: PromiseState,
    /// Days since its next action fell due (0: today), if one did.
    pub follow_up_late: Option<u32>,
    /// Days past due.
    pub days_past_due: u32,
    /// The amount overdue.
    pub overdue: Decimal,
    /// Days since the last visit or call; `None` if never.
    pub days_since_contact: Option<u32>,
    /// The points its segment has in the policy.
    pub segment_points: i32,
    /// In dispute.
    pub dispute: bool,
    /// The debtor died.
    pub deceased: bool,
}

/// One reason an account is where it is on the agenda.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "factor", rename_all = "snake_case")]
pub enum Factor {
    /// A promise broke and nobody followed it up.
    PromiseBroken {
        /// Days since it broke.
        days_ago: u32,
    },
    /// A promise falls due today.
    PromiseDueToday,
    /// A follow-up is due.
    FollowUpDue {
        /// Days since it fell due (0: today).
        days_late: u32,
    },
    /// A promise's date passed; it is inside its grace days.
    PromiseInGrace {
        /// Days since its due date.
        days_late: u32,
    },
    /// How long the account has been overdue.
    DaysPastDue {
        /// Days past due.
        days: u32,
    },
    /// How much is overdue.
    Overdue,
    /// How long since anyone visited or called.
    NoContact {
        /// Days since; `None` if never.
        days: Option<u32>,
    },
    /// The policy puts the account's segment first.
    Segment,
    /// In dispute: no collection pressure.
    Dispute,
    /// The debtor died: no collection pressure.
    Deceased,
}

/// An account's score and the factors that make it, largest first (only
/// those that add points).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Priority {
    /// Higher is sooner.
    pub score: u32,
    /// Why, largest first.
    pub factors: Vec<Factor>,
}

impl Priority {
    /// Whether the account belongs to the part of the day that is due today:
    /// a broken promise, a promise due today, or a follow-up due.
    pub fn due_today(&self) -> bool {
        self.factors
            .iter()
            .any(|f| matches!(f, Factor::PromiseBroken { .. } | Factor::PromiseDueToday | Factor::FollowUpDue { .. }))
    }
}

/// The score of an account with `facts` (see the module docs for the rule).
pub fn score(facts: &AccountFacts) -> Priority {
    if facts.dispute || facts.deceased {
        let factor = if facts.dispute { Factor::Dispute } else { Factor::Deceased };
        return Priority { score: 0, factors: vec![factor] };
    }
    let promise = match facts.promise {
        PromiseState::Quiet => None,
        PromiseState::DueToday => Some((300, Factor::PromiseDueToday)),
        PromiseState::InGrace { days_late } => Some((100, Factor::PromiseInGrace { days_late })),
        PromiseState::Broken { days_ago } => Some((400, Factor::PromiseBroken { days_ago })),
    };
    let follow_up = facts.follow_up_late.map(|days_late| (200, Factor::FollowUpDue { days_late }));
    let past_due = (i64::from(facts.days_past_due.min(180) / 2), Factor::DaysPastDue { days: facts.days_past_due });
    let digits = facts.overdue.trunc().abs().to_string().trim_start_matches('0').len() as i64;
    let overdue = ((digits - 1).clamp(0, 7) * 10, Factor::Overdue);
    let quiet = facts.days_since_contact.map_or(30, |days| days.min(30));
    let no_contact = (i64::from(quiet), Factor::NoContact { days: facts.days_since_contact });
    let segment = (i64::from(facts.segment_points.clamp(-MAX_SEGMENT_POINTS, MAX_SEGMENT_POINTS)), Factor::Segment);

    let mut parts: Vec<(i64, Factor)> =
        [promise, follow_up].into_iter().flatten().chain([past_due, overdue, no_contact, segment]).collect();
    let total: i64 = parts.iter().map(|(points, _)| points).sum();
    // Stable: between equal points, the order above (the more urgent first).
    parts.sort_by_key(|(points, _)| std::cmp::Reverse(*points));
    Priority {
        score: u32::try_from(total).unwrap_or(0),
        factors: parts.into_iter().filter(|(points, _)| *points > 0).map(|(_, factor)| factor).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn quiet(days_past_due: u32, overdue: &str) -> AccountFacts {
        AccountFacts {
            promise: PromiseState::Quiet,
            follow_up_late: None,
            days_past_due,
            overdue: overdue.parse().unwrap(),
            days_since_contact: Some(0),
            segment_points: 0,
            dispute: false,
            deceased: false,
        }
    }

    #[test]
    fn a_promise_breaks_the_day_after_its_grace_and_stays_broken_until_someone_follows_it_up() {
        let today = day("2026-12-10");
        let state = |pending: Option<&str>, broken: Option<&str>, contact: Option<&str>| {
            PromiseState::of(pending.map(day), false, broken.map(day), contact.map(day), 3, today)
        };
        assert_eq!(state(Some("2026-12-10"), None, None), PromiseState::DueToday);
        assert_eq!(state(Some("2026-12-07"), None, None), PromiseState::InGrace { days_late: 3 });
        // Due on the 6th, grace to the 9th: broken from the 10th, with no news.
        assert_eq!(state(Some("2026-12-06"), None, None), PromiseState::Broken { days_ago: 0 });
        // The server said broken (it broke on the 5th); the visit on the 4th came before.
        assert_eq!(state(None, Some("2026-12-01"), Some("2026-12-04")), PromiseState::Broken { days_ago: 5 });
        // A call after it broke is the follow-up.
        assert_eq!(state(None, Some("2026-12-01"), Some("2026-12-05")), PromiseState::Quiet);
        // A broken promise followed up, and a new one due today.
        assert_eq!(state(Some("2026-12-10"), Some("2026-12-01"), Some("2026-12-06")), PromiseState::DueToday);
        assert_eq!(state(Some("2026-12-20"), None, None), PromiseState::Quiet);
        // One in its grace, and a newer one due today: today's is what the gestor asks for.
        let newer_today = PromiseState::of(Some(day("2026-12-08")), true, None, None, 3, today);
        assert_eq!(newer_today, PromiseState::DueToday);
    }

    #[test]
    fn the_points_follow_the_table() {
        // 45 days: 22 points; 12,345.67: 5 digits, 40 points; contacted today: nothing.
        let plain = score(&quiet(45, "12345.67"));
        assert_eq!(plain.score, 62);
        assert_eq!(plain.factors, vec![Factor::Overdue, Factor::DaysPastDue { days: 45 }]);
        assert!(!plain.due_today());

        let broken = score(&AccountFacts {
            promise: PromiseState::Broken { days_ago: 2 },
            days_since_contact: Some(9),
            ..quiet(45, "12345.67")
        });
        assert_eq!(broken.score, 400 + 22 + 40 + 9);
        assert_eq!(
            broken.factors,
            vec![
                Factor::PromiseBroken { days_ago: 2 },
                Factor::Overdue,
                Factor::DaysPastDue { days: 45 },
                Factor::NoContact { days: Some(9) }
            ]
        );
        assert!(broken.due_today());

        let capped = score(&AccountFacts {
            follow_up_late: Some(0),
            days_since_contact: None,
            segment_points: 80,
            ..quiet(400, "123456789012.00")
        });
        assert_eq!(capped.score, 200 + 90 + 70 + 30 + 50);
        assert_eq!(capped.factors[0], Factor::FollowUpDue { days_late: 0 });
        assert!(capped.due_today());

        let in_grace = score(&AccountFacts { promise: PromiseState::InGrace { days_late: 1 }, ..quiet(0, "9.99") });
        assert_eq!((in_grace.score, in_grace.factors.clone()), (100, vec![Factor::PromiseInGrace { days_late: 1 }]));
        assert!(!in_grace.due_today());

        let demoted = score(&AccountFacts { segment_points: -50, ..quiet(10, "100") });
        assert_eq!(demoted.score, 0);
    }

    #[test]
    fn no_pressure_on_a_dispute_or_a_death() {
        let disputed = score(&AccountFacts {
            promise: PromiseState::Broken { days_ago: 1 },
            dispute: true,
            ..quiet(200, "50000")
        });
        assert_eq!(disputed, Priority { score: 0, factors: vec![Factor::Dispute] });
        let deceased = score(&AccountFacts { deceased: true, ..quiet(200, "50000") });
        assert_eq!(deceased, Priority { score: 0, factors: vec![Factor::Deceased] });
    }
}

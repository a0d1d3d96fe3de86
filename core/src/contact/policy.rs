//! A contact policy: when a debtor may be contacted, judged in the debtor's
//! local time (the zone of their address, never the gestor's clock nor the
//! account's currency), and how often. Policies are data: versioned, one per
//! country, with the defaults below; every record judged keeps the version.

use chrono::{DateTime, Datelike, NaiveTime, Utc, Weekday};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Breach, Country, calendar, party::Party};
use crate::{
    DomainError,
    message::{MAX_TEMPLATES, REMINDER_TEMPLATE, Template, TemplateProblem},
    zone::Zone,
};

/// How often a debtor may be approached, over every gestor's records.
/// Neither country sets a number ("continuous or disproportionate" contact is
/// judged as harassment case by case), so the defaults are conservative.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FrequencyCaps {
    /// Visits and calls in one local day.
    pub attempts_per_day: u32,
    /// Visits and calls in the seven days up to and including today.
    pub attempts_per_week: u32,
    /// Visits in those seven days.
    pub visits_per_week: u32,
}

/// When and how often a country's debtors may be contacted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ContactPolicy {
    /// Whose law it follows.
    pub country: Country,
    /// Raised by every change; a judged record keeps the version it met.
    pub version: u32,
    /// First local time contact is allowed.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub from: NaiveTime,
    /// Local time from which contact is no longer allowed; 00:00 means the
    /// end of the day.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub until: NaiveTime,
    /// Whether Saturdays and Sundays are allowed.
    pub weekends: bool,
    /// Whether public holidays are allowed.
    pub holidays: bool,
    /// How often.
    pub caps: FrequencyCaps,
    /// Who may hear of the debt (see [`super::party`]).
    pub may_discuss_debt: Vec<Party>,
    /// Whether a written justification lets a contact outside the hours
    /// and days be recorded, flagged (see [`super::judge`]).
    pub justify_hours: bool,
    /// The agency's name, as its gestores give it when they identify
    /// themselves (Mexico: the agency, the collector, the lender and the
    /// contract, at the start of every call or visit).
    #[serde(default)]
    pub agency: String,
    /// The agency's phone, given with its name.
    #[serde(default)]
    pub agency_phone: String,
    /// Days after a promise's due date within which a payment still keeps
    /// it (see [`crate::lifecycle`]).
    #[serde(default = "ContactPolicy::default_grace_days")]
    pub grace_days: u32,
    /// The most discount a gestor gives at once on a payment plan, as a
    /// percentage of the balance, for segments [`Self::discount_limits`]
    /// does not name; above it a supervisor approves (see [`crate::plan`]).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub default_discount_percent: Decimal,
    /// The limit for particular segments.
    #[serde(default)]
    pub discount_limits: Vec<DiscountLimit>,
    /// Points the agenda's score gives particular segments (see
    /// [`crate::priority`]), from -50 to 50; other segments get none.
    #[serde(default)]
    pub segment_points: Vec<SegmentPoints>,
    /// How many days before a promise or instalment falls due the server
    /// reminds the debtor (0: no automatic reminders), at most a week.
    #[serde(default = "ContactPolicy::default_reminder_days")]
    pub reminder_days_before: u32,
    /// The channel automatic reminders go by, where the account has a number
    /// (else by email, where it has an address).
    #[serde(default = "ContactPolicy::default_reminder_channel")]
    pub reminder_channel: crate::message::MessageChannel,
    /// After how many broken promises or instalments an account goes to the
    /// gestor's supervisor, from 1 to 10.
    #[serde(default = "ContactPolicy::default_escalate_after")]
    pub escalate_after: u32,
    /// How far from the account's nearest address a visit's position may be
    /// before the supervisor's log flags it, in metres (see [`crate::evidence`]).
    #[serde(default = "ContactPolicy::default_far_from_address_m")]
    pub far_from_address_m: u32,
    /// From how many visits and calls on one debtor in a week the log flags
    /// them, every gestor's counted; at most the weekly cap.
    #[serde(default = "ContactPolicy::default_many_contacts_per_week")]
    pub many_contacts_per_week: u32,
    /// The messages gestores and the server's reminders send, as the
    /// admin wrote them (see [`crate::message::Template`]).
    #[serde(default = "Template::defaults")]
    pub templates: Vec<Template>,
}

/// The most days ahead an automatic reminder goes.
pub const MAX_REMINDER_DAYS: u32 = 7;
/// The most misses before an account goes to the supervisor.
pub const MAX_ESCALATE_AFTER: u32 = 10;

/// The narrowest and widest distance flag: closer than a phone's fix, or
/// farther than a neighbourhood, would flag everything or nothing.
pub const MIN_FAR_FROM_ADDRESS_M: u32 = 50;
/// See [`MIN_FAR_FROM_ADDRESS_M`].
pub const MAX_FAR_FROM_ADDRESS_M: u32 = 5_000;

/// The points one segment adds to an account's priority.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SegmentPoints {
    /// The segment, as the portfolio names it.
    pub segment: String,
    /// Points, negative to put it later.
    pub points: i32,
}

/// The discount limit of one segment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DiscountLimit {
    /// The segment, as the portfolio names it.
    pub segment: String,
    /// The most discount given at once, in percent of the balance.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub max_percent: Decimal,
}

/// The most grace a policy gives: past a month, a missed payment is a broken promise.
pub const MAX_GRACE_DAYS: u32 = 30;

impl ContactPolicy {
    /// The grace a policy stored before grace days has.
    pub fn default_grace_days() -> u32 {
        3
    }

    /// Reminders the day before, for a policy stored before reminders.
    pub fn default_reminder_days() -> u32 {
        1
    }

    /// Reminders by WhatsApp, the channel most debtors read, for a policy stored before reminders.
    pub fn default_reminder_channel() -> crate::message::MessageChannel {
        crate::message::MessageChannel::Whatsapp
    }

    /// The supervisor hears of an account at its second miss, for a policy stored before escalation.
    pub fn default_escalate_after() -> u32 {
        2
    }

    /// 300 m: a phone's fix in a city is good to tens of metres, and a block
    /// or two of walking to a door is not suspicious, for a policy stored
    /// before the log's flags.
    pub fn default_far_from_address_m() -> u32 {
        300
    }

    /// Four of the six a week allows, for a policy stored before the log's flags.
    pub fn default_many_contacts_per_week() -> u32 {
        4
    }

    /// The policy Campo starts with in `country`:
    ///
    /// - Peru, Ley 29571 (Código de Protección y Defensa del Consumidor), art.
    ///   62: no visits or calls between 20:00 and 07:00, nor on Saturdays,
    ///   Sundays or public holidays.
    /// - Mexico, CONDUSEF's general provisions for collection agencies (DOF, 7
    ///   October 2014): contact only between 07:00 and 22:00 in the debtor's
    ///   time zone. Weekends and holidays are allowed by default; a lender
    ///   that keeps to Monday–Friday turns them off.
    /// - Frequency, in both: at most 2 attempts a day, 6 a week and 2 visits a
    ///   week, a debtor's whole portfolio counted together.
    /// - Who may hear of the debt: in Mexico the debtor, co-obligors and
    ///   guarantors (CONDUSEF: no collecting from third parties, personal
    ///   references included); in Peru the debtor and guarantors (Ley 29571
    ///   art. 62 and Indecopi: no calls to family or other third parties).
    /// - Justifying a contact outside the hours (the debtor asked for it): in
    ///   Mexico, where the rule protects the debtor's rest; not in Peru, whose
    ///   law names the hours and days outright.
    /// - Discounts: none without a supervisor, until an admin sets limits:
    ///   a condonation is the lender's money.
    /// - Grace for a promise: 3 days, in both. Neither law sets one; a
    ///   payment at a shop or a transfer takes a day or two to reach the
    ///   lender's books, and a debtor who paid should not hear they broke
    ///   their word.
    pub fn default_for(country: Country) -> Self {
        let hour = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap_or_else(|| unreachable!("{h}:00 is a time"));
        let caps = FrequencyCaps { attempts_per_day: 2, attempts_per_week: 6, visits_per_week: 2 };
        match country {
            Country::PE => Self {
                country,
                version: 1,
                from: hour(7),
                until: hour(20),
                weekends: false,
                holidays: false,
                caps,
                may_discuss_debt: vec![Party::Debtor, Party::Guarantor],
                justify_hours: false,
                agency: String::new(),
                agency_phone: String::new(),
                grace_days: Self::default_grace_days(),
                default_discount_percent: Decimal::ZERO,
                discount_limits: Vec::new(),
                segment_points: Vec::new(),
                reminder_days_before: Self::default_reminder_days(),
                reminder_channel: Self::default_reminder_channel(),
                escalate_after: Self::default_escalate_after(),
                far_from_address_m: Self::default_far_from_address_m(),
                many_contacts_per_week: Self::default_many_contacts_per_week(),
                templates: Template::defaults(),
            },
            Country::MX => Self {
                country,
                version: 1,
                from: hour(7),
                until: hour(22),
                weekends: true,
                holidays: true,
                caps,
                may_discuss_debt: vec![Party::Debtor, Party::CoObligor, Party::Guarantor],
                justify_hours: true,
                agency: String::new(),
                agency_phone: String::new(),
                grace_days: Self::default_grace_days(),
                default_discount_percent: Decimal::ZERO,
                discount_limits: Vec::new(),
                segment_points: Vec::new(),
                reminder_days_before: Self::default_reminder_days(),
                reminder_channel: Self::default_reminder_channel(),
                escalate_after: Self::default_escalate_after(),
                far_from_address_m: Self::default_far_from_address_m(),
                many_contacts_per_week: Self::default_many_contacts_per_week(),
                templates: Template::defaults(),
            },
        }
    }

    /// Checks a policy an admin wrote: a window that opens before it closes,
    /// caps that allow at least one attempt, and the debtor always allowed to
    /// hear of their own debt.
    pub fn check(&self) -> Result<(), DomainError> {
        if self.until != NaiveTime::MIN && self.until <= self.from {
            let hm = |t: NaiveTime| t.format("%H:%M").to_string();
            return Err(DomainError::EmptyContactWindow { from: hm(self.from), until: hm(self.until) });
        }
        let caps = [
            (self.caps.attempts_per_day, "intentos por día"),
            (self.caps.attempts_per_week, "intentos por semana"),
            (self.caps.visits_per_week, "visitas por semana"),
        ];
        if let Some((_, field)) = caps.iter().find(|(cap, _)| *cap == 0) {
            return Err(DomainError::ZeroCap { field: (*field).into() });
        }
        if !self.may_discuss_debt.contains(&Party::Debtor) {
            return Err(DomainError::DebtorMustHear);
        }
        if self.grace_days > MAX_GRACE_DAYS {
            return Err(DomainError::GraceTooLong { max: MAX_GRACE_DAYS });
        }
        let percents =
            std::iter::once(self.default_discount_percent).chain(self.discount_limits.iter().map(|l| l.max_percent));
        if percents.into_iter().any(|p| p.is_sign_negative() || p > Decimal::ONE_HUNDRED) {
            return Err(DomainError::DiscountLimitOutOfRange);
        }
        if self.reminder_days_before > MAX_REMINDER_DAYS {
            return Err(DomainError::OutOfRange { field: "días de aviso".into(), min: 0, max: MAX_REMINDER_DAYS });
        }
        if !(1..=MAX_ESCALATE_AFTER).contains(&self.escalate_after) {
            return Err(DomainError::OutOfRange { field: "incumplimientos".into(), min: 1, max: MAX_ESCALATE_AFTER });
        }
        if !(MIN_FAR_FROM_ADDRESS_M..=MAX_FAR_FROM_ADDRESS_M).contains(&self.far_from_address_m) {
            let (min, max) = (MIN_FAR_FROM_ADDRESS_M, MAX_FAR_FROM_ADDRESS_M);
            return Err(DomainError::OutOfRange { field: "distancia al domicilio".into(), min, max });
        }
        if !(1..=self.caps.attempts_per_week).contains(&self.many_contacts_per_week) {
            let max = self.caps.attempts_per_week;
            return Err(DomainError::OutOfRange { field: "contactos por semana a señalar".into(), min: 1, max });
        }
        let max = crate::priority::MAX_SEGMENT_POINTS;
        if self.segment_points.iter().any(|s| s.points.abs() > max) {
            return Err(DomainError::SegmentPointsOutOfRange { max });
        }
        for (text, field) in [(&self.agency, "agencia"), (&self.agency_phone, "teléfono de la agencia")] {
            if text.chars().count() > 200 {
                return Err(DomainError::TextTooLong { field: field.into(), max: 200 });
            }
            crate::text::check_characters(text, field, &[])?;
        }
        self.check_templates()
    }

    /// Every template lawful, each code once, and the reminders' template
    /// kept, collecting.
    fn check_templates(&self) -> Result<(), DomainError> {
        if !(1..=MAX_TEMPLATES as usize).contains(&self.templates.len()) {
            return Err(DomainError::OutOfRange { field: "plantillas".into(), min: 1, max: MAX_TEMPLATES });
        }
        for (i, template) in self.templates.iter().enumerate() {
            template.check()?;
            if self.templates[..i].iter().any(|t| t.code == template.code) {
                return Err(template.refused(TemplateProblem::Repeated));
            }
        }
        match self.template(REMINDER_TEMPLATE) {
            Some(reminder) if reminder.collects => Ok(()),
            Some(reminder) => Err(reminder.refused(TemplateProblem::Reminder)),
            None => {
                Err(DomainError::BadTemplate { template: REMINDER_TEMPLATE.into(), problem: TemplateProblem::Reminder })
            }
        }
    }

    /// The template `code` names.
    pub fn template(&self, code: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.code == code)
    }

    /// The discount limit, in percent of the balance, for `segment`.
    pub fn discount_limit(&self, segment: &str) -> Decimal {
        self.discount_limits
            .iter()
            .find(|l| l.segment == segment)
            .map_or(self.default_discount_percent, |l| l.max_percent)
    }

    /// The points the agenda gives an account in `segment`.
    pub fn segment_points(&self, segment: &str) -> i32 {
        self.segment_points.iter().find(|s| s.segment == segment).map_or(0, |s| s.points)
    }

    /// Whether contacting a debtor in `zone` at `at` is within the policy.
    pub fn check_time(&self, at: DateTime<Utc>, zone: Zone) -> Result<(), Breach> {
        let local = zone.local(at);
        let time = local.time();
        let ends_at_midnight = self.until == NaiveTime::MIN;
        if time < self.from || (!ends_at_midnight && time >= self.until) {
            let hm = |t: NaiveTime| t.format("%H:%M").to_string();
            return Err(Breach::OutsideHours { local: hm(time), from: hm(self.from), until: hm(self.until) });
        }
        if !self.weekends && matches!(local.weekday(), Weekday::Sat | Weekday::Sun) {
            return Err(Breach::Weekend);
        }
        if !self.holidays
            && let Some(holiday) = calendar::holiday(self.country, local.date())
        {
            return Err(Breach::Holiday { name: holiday.name.into() });
        }
        Ok(())
    }

    /// Whether one more attempt at `at` (a visit if `visit`) keeps within the
    /// caps, given every earlier attempt on the debtor by anyone. Days are
    /// the debtor's local days; a week is the seven ending on that day.
    pub fn check_frequency(
        &self,
        at: DateTime<Utc>,
        zone: Zone,
        visit: bool,
        history: &[Attempt],
    ) -> Result<(), Breach> {
        let today = zone.local(at).date();
        let week_start = today - chrono::Days::new(6);
        let (mut day, mut week, mut visits) = (0, 0, 0);
        for attempt in history {
            let on = zone.local(attempt.at).date();
            if on > today || on < week_start {
                continue;
            }
            week += 1;
            day += u32::from(on == today);
            visits += u32::from(attempt.visit);
        }
        let caps = self.caps;
        if day >= caps.attempts_per_day {
            return Err(Breach::TooOftenToday { cap: caps.attempts_per_day });
        }
        if week >= caps.attempts_per_week {
            return Err(Breach::TooOftenThisWeek { cap: caps.attempts_per_week });
        }
        if visit && visits >= caps.visits_per_week {
            return Err(Breach::TooManyVisitsThisWeek { cap: caps.visits_per_week });
        }
        Ok(())
    }
}

/// An earlier visit or call on a debtor, by any gestor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attempt {
    /// When it started.
    pub at: DateTime<Utc>,
    /// A visit (else a call).
    pub visit: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().expect("an RFC 3339 instant")
    }

    fn zone(name: &str) -> Zone {
        name.parse().expect("a served zone")
    }

    /// Each case: when (UTC), the debtor's zone, and the verdict.
    fn check(country: Country, cases: &[(&str, &str, Result<(), Breach>)]) {
        let policy = ContactPolicy::default_for(country);
        for (when, where_, verdict) in cases {
            assert_eq!(&policy.check_time(at(when), zone(where_)), verdict, "{when} in {where_}");
        }
    }

    fn late(local: &str, until: &str) -> Result<(), Breach> {
        Err(Breach::OutsideHours { local: local.into(), from: "07:00".into(), until: until.into() })
    }

    #[test]
    fn peru_allows_weekdays_from_seven_to_eight_in_the_debtors_time() {
        check(
            Country::PE,
            &[
                // Friday 4 December 2026; Lima is UTC−5.
                ("2026-12-04T12:00:00Z", "America/Lima", Ok(())),
                ("2026-12-05T00:59:00Z", "America/Lima", Ok(())), // 19:59
                ("2026-12-05T01:00:00Z", "America/Lima", late("20:00", "20:00")),
                ("2026-12-04T11:59:00Z", "America/Lima", late("06:59", "20:00")),
                ("2026-12-04T12:00:00Z", "America/Lima", Ok(())), // 07:00
                // Saturday 5 December 2026 at 10:00.
                ("2026-12-05T15:00:00Z", "America/Lima", Err(Breach::Weekend)),
                // Good Friday and Fiestas Patrias at 10:00.
                ("2026-04-03T15:00:00Z", "America/Lima", Err(Breach::Holiday { name: "Viernes Santo".into() })),
                ("2026-07-28T15:00:00Z", "America/Lima", Err(Breach::Holiday { name: "Fiestas Patrias".into() })),
            ],
        );
    }

    #[test]
    fn mexico_allows_seven_to_ten_every_day_by_default_and_holidays_when_the_lender_says() {
        check(
            Country::MX,
            &[
                // Saturday 5 December 2026 at 21:59 and 22:00 in Mexico City (UTC−6).
                ("2026-12-06T03:59:00Z", "America/Mexico_City", Ok(())),
                ("2026-12-06T04:00:00Z", "America/Mexico_City", late("22:00", "22:00")),
                // 16 September at noon: allowed by default.
                ("2026-09-16T18:00:00Z", "America/Mexico_City", Ok(())),
            ],
        );
        let strict =
            ContactPolicy { holidays: false, weekends: false, version: 2, ..ContactPolicy::default_for(Country::MX) };
        let independence = strict.check_time(at("2026-09-16T18:00:00Z"), Zone::MEXICO_CITY);
        assert_eq!(independence, Err(Breach::Holiday { name: "Día de la Independencia".into() }));
        assert_eq!(strict.check_time(at("2026-12-05T18:00:00Z"), Zone::MEXICO_CITY), Err(Breach::Weekend));
    }

    #[test]
    fn the_frequency_cap_counts_every_gestors_attempts_in_the_debtors_days() {
        let policy = ContactPolicy::default_for(Country::MX);
        let attempt = |when: &str, visit| Attempt { at: at(when), visit };
        // Two gestors called the debtor this morning (Mexico City, 4 December 2026).
        let today = [attempt("2026-12-04T15:00:00Z", false), attempt("2026-12-04T17:00:00Z", false)];
        let now = at("2026-12-04T20:00:00Z");
        assert_eq!(
            policy.check_frequency(now, Zone::MEXICO_CITY, false, &today),
            Err(Breach::TooOftenToday { cap: 2 })
        );
        // Yesterday's do not count for today, but do for the week.
        let week = [
            attempt("2026-11-28T16:00:00Z", true),
            attempt("2026-11-29T16:00:00Z", true),
            attempt("2026-12-01T16:00:00Z", false),
            attempt("2026-12-02T16:00:00Z", false),
            attempt("2026-12-03T16:00:00Z", false),
        ];
        assert_eq!(
            policy.check_frequency(now, Zone::MEXICO_CITY, true, &week),
            Err(Breach::TooManyVisitsThisWeek { cap: 2 }),
            "two visits in the last seven days"
        );
        assert_eq!(policy.check_frequency(now, Zone::MEXICO_CITY, false, &week), Ok(()), "a sixth attempt is allowed");
        let full = [week.as_slice(), &[attempt("2026-12-04T15:00:00Z", false)]].concat();
        assert_eq!(
            policy.check_frequency(now, Zone::MEXICO_CITY, false, &full),
            Err(Breach::TooOftenThisWeek { cap: 6 })
        );
        // 05:30 UTC on 28 November is 23:30 on the 27th in Mexico City: outside the week.
        let edge = [attempt("2026-11-28T05:30:00Z", false)];
        assert_eq!(policy.check_frequency(now, Zone::MEXICO_CITY, false, &edge), Ok(()));
    }

    #[test]
    fn a_debtor_in_tijuana_is_judged_in_tijuana_time_with_its_daylight_saving() {
        check(
            Country::MX,
            &[
                // 21:30 in Mexico City is 19:30 in Tijuana in January and 20:30 in July: both allowed.
                ("2026-01-16T03:30:00Z", "America/Tijuana", Ok(())),
                ("2026-07-16T03:30:00Z", "America/Tijuana", Ok(())),
                // 23:30 in Mexico City: 21:30 in Tijuana in January, but 22:30 in July.
                ("2026-01-16T05:30:00Z", "America/Tijuana", Ok(())),
                ("2026-07-16T05:30:00Z", "America/Tijuana", late("22:30", "22:00")),
                // 07:30 in Mexico City is still 05:30 in Tijuana in January.
                ("2026-01-16T13:30:00Z", "America/Tijuana", late("05:30", "22:00")),
            ],
        );
    }

    #[test]
    fn a_window_until_midnight_runs_to_the_end_of_the_day_and_an_empty_one_is_refused() {
        let hour = |h| NaiveTime::from_hms_opt(h, 0, 0).expect("a time");
        let all_day = ContactPolicy { from: hour(0), until: hour(0), ..ContactPolicy::default_for(Country::MX) };
        assert_eq!(all_day.check(), Ok(()));
        assert_eq!(all_day.check_time(at("2026-12-05T05:59:59Z"), Zone::MEXICO_CITY), Ok(()), "23:59:59");
        let backwards = ContactPolicy { from: hour(20), until: hour(7), ..all_day.clone() };
        assert_eq!(
            backwards.check(),
            Err(DomainError::EmptyContactWindow { from: "20:00".into(), until: "07:00".into() })
        );
        let mut no_calls = all_day.clone();
        no_calls.caps.attempts_per_day = 0;
        assert_eq!(no_calls.check(), Err(DomainError::ZeroCap { field: "intentos por día".into() }));
        let silent = ContactPolicy { may_discuss_debt: vec![Party::Guarantor], ..all_day.clone() };
        assert_eq!(silent.check(), Err(DomainError::DebtorMustHear));
        let month = ContactPolicy { grace_days: MAX_GRACE_DAYS, ..all_day.clone() };
        assert_eq!(month.check(), Ok(()));
        let lenient = ContactPolicy { grace_days: MAX_GRACE_DAYS + 1, ..all_day.clone() };
        assert_eq!(lenient.check(), Err(DomainError::GraceTooLong { max: MAX_GRACE_DAYS }));
        let points = |points| ContactPolicy {
            segment_points: vec![SegmentPoints { segment: "alto saldo".into(), points }],
            ..all_day.clone()
        };
        assert_eq!(points(-50).check(), Ok(()));
        assert_eq!(points(51).check(), Err(DomainError::SegmentPointsOutOfRange { max: 50 }));
        assert_eq!(points(20).segment_points("alto saldo"), 20);
        assert_eq!(points(20).segment_points("medio"), 0);
        let early = ContactPolicy { reminder_days_before: 8, ..all_day.clone() };
        assert_eq!(early.check(), Err(DomainError::OutOfRange { field: "días de aviso".into(), min: 0, max: 7 }));
        let never = ContactPolicy { escalate_after: 0, ..all_day.clone() };
        assert_eq!(never.check(), Err(DomainError::OutOfRange { field: "incumplimientos".into(), min: 1, max: 10 }));
    }

    #[test]
    fn a_policy_keeps_its_reminder_template_collecting_and_each_code_once() {
        let policy = ContactPolicy::default_for(Country::PE);
        let refused = |code: &str, problem| Err(DomainError::BadTemplate { template: code.into(), problem });
        let without = |code: &str| ContactPolicy {
            templates: policy.templates.iter().filter(|t| t.code != code).cloned().collect(),
            ..policy.clone()
        };
        assert_eq!(without("solicitud_contacto").check(), Ok(()));
        assert_eq!(without(REMINDER_TEMPLATE).check(), refused(REMINDER_TEMPLATE, TemplateProblem::Reminder));
        let mut twice = policy.clone();
        twice.templates.push(twice.templates[1].clone());
        assert_eq!(twice.check(), refused("seguimiento_visita", TemplateProblem::Repeated));
        let mut bad = policy.clone();
        bad.templates[2].text.push_str(" {saldo}");
        let unknown = TemplateProblem::Unknown { placeholder: "{saldo}".into() };
        assert_eq!(bad.check(), refused("solicitud_contacto", unknown));
        let none = ContactPolicy { templates: Vec::new(), ..policy.clone() };
        assert_eq!(
            none.check(),
            Err(DomainError::OutOfRange { field: "plantillas".into(), min: 1, max: MAX_TEMPLATES })
        );
        // A policy stored before templates were the admin's has Campo's.
        let mut stored = serde_json::to_value(&policy).expect("json");
        stored.as_object_mut().expect("an object").remove("templates");
        let read: ContactPolicy = serde_json::from_value(stored).expect("a policy");
        assert_eq!(read.templates, Template::defaults());
    }
}

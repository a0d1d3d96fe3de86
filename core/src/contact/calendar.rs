//! Public holidays of Mexico and Peru, computed for any year: fixed dates,
//! "the third Monday of March" rules, and Holy Thursday and Good Friday from
//! the date of Easter. Contact rules ask whether a debtor's local date is one.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::Country;

/// A public holiday: its date and its name in Spanish, as calendars print it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holiday {
    /// The day.
    pub date: NaiveDate,
    /// Its name.
    pub name: &'static str,
}

/// Easter Sunday in `year` (Gregorian calendar; the anonymous algorithm
/// published by Meeus).
pub fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let (b, c) = (year / 100, year % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, month as u32, day as u32)
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_else(|| unreachable!("{year}-{month}-{day} is a real day"))
}

/// The `n`th `weekday` of `month` (1 = the first).
fn nth(year: i32, month: u32, weekday: Weekday, n: u8) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
        .unwrap_or_else(|| unreachable!("every month has a {n}th {weekday}"))
}

/// Mexico's mandatory rest days (Ley Federal del Trabajo, art. 74, as
/// reformed in the DOF of 30 September 2024). Holy Thursday and Good Friday
/// are not among them. Of the election days (fraction IX), the federal
/// ordinary ones are computed (LGIPE art. 22: the first Sunday of June, every
/// three years from 2024); local and extraordinary ones are not.
fn mexico(year: i32) -> Vec<Holiday> {
    let mut days = vec![
        Holiday { date: date(year, 1, 1), name: "Año Nuevo" },
        Holiday { date: nth(year, 2, Weekday::Mon, 1), name: "Día de la Constitución" },
        Holiday { date: nth(year, 3, Weekday::Mon, 3), name: "Natalicio de Benito Juárez" },
        Holiday { date: date(year, 5, 1), name: "Día del Trabajo" },
        Holiday { date: date(year, 9, 16), name: "Día de la Independencia" },
        Holiday { date: nth(year, 11, Weekday::Mon, 3), name: "Día de la Revolución" },
        Holiday { date: date(year, 12, 25), name: "Navidad" },
    ];
    // The federal executive changes hands on 1 October every six years (2024, 2030…).
    if year >= 2024 && (year - 2024) % 6 == 0 {
        days.push(Holiday { date: date(year, 10, 1), name: "Transmisión del Poder Ejecutivo Federal" });
    }
    if year >= 2024 && (year - 2024) % 3 == 0 {
        days.push(Holiday { date: nth(year, 6, Weekday::Sun, 1), name: "Jornada electoral federal" });
    }
    days
}

/// Peru's national holidays: Decreto Legislativo 713, art. 6, as rewritten by
/// Ley 31788 (2023: 7 June, from 2024), with 9 December (Ley 31381, 2021),
/// 6 August (Ley 31530, 2022) and 23 July (Ley 31822, 2023). Sixteen a year.
/// Días no laborables (public sector, hours made up later) are decreed year
/// by year and are not holidays.
fn peru(year: i32) -> Vec<Holiday> {
    let easter = easter(year);
    vec![
        Holiday { date: date(year, 1, 1), name: "Año Nuevo" },
        Holiday { date: easter - Days::new(3), name: "Jueves Santo" },
        Holiday { date: easter - Days::new(2), name: "Viernes Santo" },
        Holiday { date: date(year, 5, 1), name: "Día del Trabajo" },
        Holiday { date: date(year, 6, 7), name: "Batalla de Arica y Día de la Bandera" },
        Holiday { date: date(year, 6, 29), name: "San Pedro y San Pablo" },
        Holiday { date: date(year, 7, 23), name: "Día de la Fuerza Aérea del Perú" },
        Holiday { date: date(year, 7, 28), name: "Fiestas Patrias" },
        Holiday { date: date(year, 7, 29), name: "Fiestas Patrias" },
        Holiday { date: date(year, 8, 6), name: "Batalla de Junín" },
        Holiday { date: date(year, 8, 30), name: "Santa Rosa de Lima" },
        Holiday { date: date(year, 10, 8), name: "Combate de Angamos" },
        Holiday { date: date(year, 11, 1), name: "Todos los Santos" },
        Holiday { date: date(year, 12, 8), name: "Inmaculada Concepción" },
        Holiday { date: date(year, 12, 9), name: "Batalla de Ayacucho" },
        Holiday { date: date(year, 12, 25), name: "Navidad" },
    ]
}

/// The public holidays of `country` in `year`, by date.
pub fn holidays(country: Country, year: i32) -> Vec<Holiday> {
    let mut days = match country {
        Country::MX => mexico(year),
        Country::PE => peru(year),
    };
    days.sort_by_key(|h| h.date);
    days
}

/// The holiday `day` is in `country`, if it is one.
pub fn holiday(country: Country, day: NaiveDate) -> Option<Holiday> {
    holidays(country, day.year()).into_iter().find(|h| h.date == day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(country: Country, year: i32) -> Vec<String> {
        holidays(country, year).iter().map(|h| h.date.format("%m-%d").to_string()).collect()
    }

    /// Peru's sixteen, against the lists published for 2025 and 2026 (La
    /// República, Latina Noticias); 2027-2030 assume no law changes them.
    #[test]
    fn peru_has_its_sixteen_holidays_each_year_with_holy_week_from_easter() {
        let fixed = [
            "01-01", "05-01", "06-07", "06-29", "07-23", "07-28", "07-29", "08-06", "08-30", "10-08", "11-01", "12-08",
            "12-09", "12-25",
        ];
        let holy = [
            (2025, "04-17", "04-18"),
            (2026, "04-02", "04-03"),
            (2027, "03-25", "03-26"),
            (2028, "04-13", "04-14"),
            (2029, "03-29", "03-30"),
            (2030, "04-18", "04-19"),
        ];
        for (year, thursday, friday) in holy {
            let mut expected: Vec<String> = fixed.iter().map(|d| d.to_string()).collect();
            expected.extend([thursday.to_owned(), friday.to_owned()]);
            expected.sort();
            assert_eq!(dates(Country::PE, year), expected, "{year}");
        }
        let fiestas = holiday(Country::PE, date(2026, 7, 28)).expect("28 July");
        assert_eq!(fiestas.name, "Fiestas Patrias");
    }

    /// Mexico's, against LFT art. 74 computed by hand for each year.
    #[test]
    fn mexico_moves_its_mondays_and_adds_election_and_inauguration_days() {
        let expected = [
            (2025, vec!["01-01", "02-03", "03-17", "05-01", "09-16", "11-17", "12-25"]),
            (2026, vec!["01-01", "02-02", "03-16", "05-01", "09-16", "11-16", "12-25"]),
            (2027, vec!["01-01", "02-01", "03-15", "05-01", "06-06", "09-16", "11-15", "12-25"]),
            (2028, vec!["01-01", "02-07", "03-20", "05-01", "09-16", "11-20", "12-25"]),
            (2029, vec!["01-01", "02-05", "03-19", "05-01", "09-16", "11-19", "12-25"]),
            (2030, vec!["01-01", "02-04", "03-18", "05-01", "06-02", "09-16", "10-01", "11-18", "12-25"]),
        ];
        for (year, days) in expected {
            assert_eq!(dates(Country::MX, year), days, "{year}");
        }
        assert_eq!(holiday(Country::MX, date(2026, 4, 3)), None, "Good Friday is no rest day in Mexico");
    }

    #[test]
    fn easter_falls_where_the_church_calendars_put_it() {
        let published = ["2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2029-04-01", "2030-04-21"];
        for (year, day) in (2025..=2030).zip(published) {
            assert_eq!(easter(year).to_string(), day);
        }
    }
}

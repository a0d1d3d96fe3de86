//! Whether a message's text is one of the agency's templates filled in for
//! its account. The device and the server both ask, as they hold the
//! account and the policy; a client that edits the text, or hides a
//! sentence in a value, is refused. Every value but the due amount and date
//! is one the checking side knows (the debtor's name, the contract, the
//! lender, the gestor's name, the agency's name and phone) and must be
//! exactly that; the amount and the date must read as the screen writes
//! them. A template was checked when the admin saved it, so its own words
//! need no second look.

use super::{
    Template,
    template::{Part, parts},
};
use crate::{contact::policy::ContactPolicy, debtor::DebtorFields, message::Placeholders};

/// How many ways of splitting a text into values are tried before giving
/// up: a template has few placeholders, and a hostile text must not cost
/// more than a normal one.
const MAX_STEPS: u32 = 2_000;

/// What the checking side knows of the values a message holds.
pub struct Expected<'a> {
    /// The account it goes to.
    pub account: &'a DebtorFields,
    /// The policy version it was written under, for the agency's name and phone.
    pub policy: &'a ContactPolicy,
    /// The gestor's name, as this side knows it.
    pub gestor: &'a str,
}

/// A piece of a template: its own words, a value the checking side knows,
/// or a placeholder it reads (as `{monto}`).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece<'a> {
    Words(&'a str),
    Known(String),
    Value(&'a str),
}

impl Template {
    /// Whether `text` is this template filled in for `expected`'s account.
    pub fn filled_in(&self, text: &str, expected: &Expected<'_>) -> bool {
        // Every stored template passed its check; one that did not fits nothing.
        let Ok(parts) = parts(&self.text) else { return false };
        let known = Placeholders::of(expected.account, expected.policy, expected.gestor.into(), None);
        let pieces: Vec<Piece<'_>> = parts
            .into_iter()
            .map(|part| match part {
                Part::Words(words) => Piece::Words(words),
                Part::Placeholder(name @ ("{monto}" | "{fecha}")) => Piece::Value(name),
                Part::Placeholder(name) => {
                    let value = known.pairs().iter().find(|(p, _)| *p == name).map(|(_, v)| v.to_string());
                    value.map_or(Piece::Value(name), Piece::Known)
                }
            })
            .collect();
        let mut steps = MAX_STEPS;
        fits(&pieces, text, &mut Vec::new(), &mut steps)
    }
}

/// Whether `text` is `pieces` with an amount or a date in each placeholder
/// (one placeholder twice, the same value twice), trying each place a value
/// could end.
fn fits<'t>(pieces: &[Piece<'_>], text: &'t str, seen: &mut Vec<(&'static str, &'t str)>, steps: &mut u32) -> bool {
    *steps = steps.saturating_sub(1);
    if *steps == 0 {
        return false;
    }
    let Some((first, rest)) = pieces.split_first() else { return text.is_empty() };
    let (name, reads): (&'static str, fn(&str) -> bool) = match first {
        Piece::Words(words) => return text.strip_prefix(words).is_some_and(|after| fits(rest, after, seen, steps)),
        Piece::Known(value) => {
            return text.strip_prefix(value.as_str()).is_some_and(|after| fits(rest, after, seen, steps));
        }
        Piece::Value("{monto}") => ("{monto}", amount_like),
        Piece::Value("{fecha}") => ("{fecha}", date_like),
        Piece::Value(_) => return false,
    };
    if let Some((_, value)) = seen.iter().find(|(n, _)| *n == name) {
        let value = *value;
        return text.strip_prefix(value).is_some_and(|after| fits(rest, after, seen, steps));
    }
    let ends: Vec<usize> = match rest.first() {
        None => vec![text.len()],
        Some(Piece::Words(next)) => text.match_indices(next).map(|(at, _)| at).collect(),
        Some(Piece::Known(next)) => text.match_indices(next.as_str()).map(|(at, _)| at).collect(),
        // Two placeholders touch only in a template that failed its check.
        Some(Piece::Value(_)) => return false,
    };
    for end in ends {
        let value = &text[..end];
        if !reads(value) {
            continue;
        }
        seen.push((name, value));
        if fits(rest, &text[end..], seen, steps) {
            return true;
        }
        seen.pop();
    }
    false
}

/// An amount as the screen writes one: "$1,500.00", "S/ 1,500.00".
fn amount_like(value: &str) -> bool {
    let digits = value.strip_prefix("S/ ").or_else(|| value.strip_prefix('$')).unwrap_or("");
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// A date as [`super::spanish_date`] writes one: "5 de diciembre de 2026".
fn date_like(value: &str) -> bool {
    let parts: Vec<&str> = value.split(' ').collect();
    let number =
        |s: &str, len: std::ops::RangeInclusive<usize>| len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    matches!(parts[..], [day, "de", month, "de", year]
        if number(day, 1..=2) && number(year, 4..=4) && super::template::MONTHS.contains(&month))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::{contact::Country, debtor::tests::fields};

    /// A name as people have them: words, some with an abbreviation or a comma.
    fn a_name() -> impl Strategy<Value = String> {
        "(Lic\\. |Ing\\. )?[A-ZÁÉÑ][a-záéíóúñ]{1,9}( (de |del |de la )?[A-ZÁÉÑ][a-záéíóúñ]{1,9}){0,3}(, S\\.A\\. de C\\.V\\.|, S\\.C\\.)?"
    }

    proptest! {
        /// Whatever a lawful template and whatever names: the text the
        /// device fills in is the template filled in, as the server sees it.
        #[test]
        fn a_template_that_passes_its_check_fits_its_own_text_filled_in(
            separators in proptest::collection::vec(prop_oneof![
                Just(" "), Just(", "), Just(" de "), Just(" - "), Just(". "), Just(": "), Just(" (")
            ], 7),
            gestor in a_name(), agency in a_name(), phone in "([0-9]{2} [0-9]{4} [0-9]{4})?",
        ) {
            let order = ["{nombre}", "{gestor}", "{agencia}", "{acreedor}", "{contrato}", "{telefono}", "{monto}", "{fecha}"];
            let text: String = order.iter().zip(separators.iter().chain(std::iter::once(&"."))).map(|(p, s)| format!("{p}{s}")).collect();
            let template = Template { text: format!("Hola {text}"), ..Template::defaults()[0].clone() };
            prop_assume!(template.check().is_ok());
            let account = fields();
            let policy = ContactPolicy { agency, agency_phone: phone, ..ContactPolicy::default_for(Country::MX) };
            let amount = crate::money::Amount::parse(rust_decimal::Decimal::new(123_456, 2), "monto").expect("an amount");
            let due = Some((amount, chrono::NaiveDate::from_ymd_opt(2026, 12, 5).expect("a day")));
            let filled = template.fill(&Placeholders::of(&account, &policy, gestor.clone(), due));
            let expected = Expected { account: &account, policy: &policy, gestor: &gestor };
            prop_assert!(template.filled_in(&filled, &expected), "{}", filled);
        }
    }

    #[test]
    fn a_text_fits_only_as_the_template_filled_in_for_the_account_with_nothing_hidden_in_a_value() {
        let account = fields();
        let policy = ContactPolicy {
            agency: "Cobranza Justa, S.A. de C.V.".into(),
            agency_phone: "55 5000 1234".into(),
            ..ContactPolicy::default_for(Country::MX)
        };
        let expected = Expected { account: &account, policy: &policy, gestor: "Lic. Ana de la Torre" };
        let template = policy.template("seguimiento_visita").expect("a default").clone();
        let filled = template.fill(&Placeholders::of(&account, &policy, expected.gestor.into(), None));
        assert!(template.filled_in(&filled, &expected), "{filled}");

        let refused = |text: String| assert!(!template.filled_in(&text, &expected), "{text}");
        refused(filled.replace("¿Me indica", "Pague hoy o"));
        refused(format!("{filled} Última advertencia."));
        refused(filled.replace("Lic. Ana de la Torre", "Ana, sabemos dónde trabajan sus hijos"));
        refused(filled.replace("Cobranza Justa, S.A. de C.V.", "Cobranza Justa, y sus vecinos sabrán"));
        refused(filled.replace(account.name.as_str(), "María"));
        refused(filled.replace("55 5000 1234", "55 5000 1234 o vamos a su casa"));
        // Another version's agency is that version's to vouch for.
        let renamed = ContactPolicy { agency: "Cobranza Justa".into(), ..policy.clone() };
        assert!(!template.filled_in(&filled, &Expected { policy: &renamed, ..expected }));
        // An account whose own name holds a word refused in templates is written to all the same.
        let judge = crate::debtor::DebtorFields {
            name: crate::text::Label::parse("Marta Juez Fiscal", "nombre").expect("a name"),
            ..fields()
        };
        let to_judge = template.fill(&Placeholders::of(&judge, &policy, expected.gestor.into(), None));
        assert!(template.filled_in(&to_judge, &Expected { account: &judge, ..expected }), "{to_judge}");

        // A template whose placeholders are one space apart still fits.
        let terse = Template { text: "{nombre}: {gestor} {agencia} {acreedor} {telefono}".into(), ..template.clone() };
        let filled = terse.fill(&Placeholders::of(&account, &policy, expected.gestor.into(), None));
        assert!(terse.filled_in(&filled, &expected), "{filled}");

        let reminder = policy.template(crate::message::REMINDER_TEMPLATE).expect("kept").clone();
        let amount = crate::money::Amount::parse(rust_decimal::Decimal::new(1500, 0), "monto").expect("an amount");
        let due = Some((amount, chrono::NaiveDate::from_ymd_opt(2026, 12, 5).expect("a day")));
        let filled = reminder.fill(&Placeholders::of(&account, &policy, expected.gestor.into(), due));
        assert!(reminder.filled_in(&filled, &expected), "{filled}");
        assert!(!reminder.filled_in(&filled.replace("5 de diciembre de 2026", "mañana sin falta"), &expected));
        assert!(!reminder.filled_in(&filled.replace("$1,500.00", "$1,500.00 más intereses"), &expected));
    }
}

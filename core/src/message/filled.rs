//! Whether a message's text is one of the agency's templates filled in for
//! its account. The device and the server both ask, as they hold the
//! account and the policy; a client that edits the text, or hides a
//! sentence in a value, is refused. What the checking side knows outright
//! (the debtor's name, the contract, the lender) must be exactly that; what
//! an offline device may have held an older version of (the gestor's name,
//! the agency's name and phone) is that or a plain value; an amount and a
//! date read as one.

use super::{Template, wording::pressure};
use crate::{contact::policy::ContactPolicy, debtor::DebtorFields, message::Placeholders};

/// The longest a value the checking side does not know may be.
const MAX_VALUE: usize = 120;

/// How many ways of splitting a text into values are tried before giving
/// up: a template has few placeholders, and a hostile text must not cost
/// more than a normal one.
const MAX_STEPS: u32 = 2_000;

/// What the checking side knows of the values a message holds.
pub struct Expected<'a> {
    /// The account it goes to.
    pub account: &'a DebtorFields,
    /// The policy in force, for the agency's name and phone.
    pub policy: &'a ContactPolicy,
    /// The gestor's name, as this side knows it.
    pub gestor: &'a str,
}

/// A piece of a template: its own words, or a placeholder (as `{name}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Piece<'a> {
    Words(&'a str),
    Value(&'a str),
}

impl Template {
    /// Whether `text` is this template filled in for `expected`'s account.
    pub fn filled_in(&self, text: &str, expected: &Expected<'_>) -> bool {
        if pressure(text).is_some() {
            return false;
        }
        let known = Placeholders::of(expected.account, expected.policy, expected.gestor.into(), None);
        let fixed = [("{nombre}", known.nombre), ("{contrato}", known.contrato), ("{acreedor}", known.acreedor)];
        let pieces: Vec<Piece<'_>> = pieces(&self.text)
            .into_iter()
            .map(|piece| match piece {
                Piece::Value(name) => fixed.iter().find(|(p, _)| *p == name).map_or(piece, |(_, v)| Piece::Words(v)),
                words => words,
            })
            .collect();
        let plausible = |name: &str, value: &str| match name {
            "{gestor}" => value == expected.gestor || plain(value),
            "{agencia}" => value == expected.policy.agency || plain(value),
            "{telefono}" => value == expected.policy.agency_phone || phone_like(value),
            "{monto}" => amount_like(value),
            "{fecha}" => date_like(value),
            _ => false,
        };
        let mut steps = MAX_STEPS;
        fits(&pieces, text, &mut Vec::new(), &plausible, &mut steps)
    }
}

/// The template's text as words and placeholders, in order. A template
/// that passed its check has no lone brace.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        out.push(Piece::Words(&rest[..open]));
        out.push(Piece::Value(&rest[open..=close]));
        rest = &rest[close + 1..];
    }
    out.push(Piece::Words(rest));
    out.retain(|p| *p != Piece::Words(""));
    out
}

/// Whether `text` is `pieces` with a plausible value in each placeholder
/// (one placeholder twice, the same value twice), trying each place a value
/// could end.
fn fits<'t>(
    pieces: &[Piece<'_>],
    text: &'t str,
    seen: &mut Vec<(String, &'t str)>,
    plausible: &dyn Fn(&str, &str) -> bool,
    steps: &mut u32,
) -> bool {
    *steps = steps.saturating_sub(1);
    if *steps == 0 {
        return false;
    }
    let Some((first, rest)) = pieces.split_first() else { return text.is_empty() };
    let name = match first {
        Piece::Words(words) => {
            return text.strip_prefix(words).is_some_and(|after| fits(rest, after, seen, plausible, steps));
        }
        Piece::Value(name) => *name,
    };
    if let Some((_, value)) = seen.iter().find(|(n, _)| n == name) {
        let value = *value;
        return text.strip_prefix(value).is_some_and(|after| fits(rest, after, seen, plausible, steps));
    }
    let ends: Vec<usize> = match rest.first() {
        None => vec![text.len()],
        Some(Piece::Words(next)) => text.match_indices(next).map(|(at, _)| at).collect(),
        // Two placeholders touch only in a template that failed its check.
        Some(Piece::Value(_)) => return false,
    };
    for end in ends {
        let value = &text[..end];
        if !plausible(name, value) {
            continue;
        }
        seen.push((name.to_owned(), value));
        if fits(rest, &text[end..], seen, plausible, steps) {
            return true;
        }
        seen.pop();
    }
    false
}

/// A name or a number, not a sentence: short, on one line, with no
/// question, exclamation or full stop that starts another sentence
/// ("S.A. de C.V." is a name; "Ana. Sabemos dónde trabaja" is not).
fn plain(value: &str) -> bool {
    let chars: Vec<char> = value.chars().collect();
    let new_sentence = chars.windows(3).any(|w| w[0] == '.' && w[1].is_whitespace() && w[2].is_uppercase());
    !value.trim().is_empty()
        && chars.len() <= MAX_VALUE
        && !chars.iter().any(|c| matches!(c, '\n' | '\r' | '!' | '?' | '¡' | '¿' | ':' | ';'))
        && !new_sentence
}

/// A phone as people write one: digits with spaces, dashes, dots, brackets or a plus.
fn phone_like(value: &str) -> bool {
    value.chars().any(|c| c.is_ascii_digit())
        && value.chars().count() <= 30
        && value.chars().all(|c| c.is_ascii_digit() || " +-.()".contains(c))
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
        /// device fills in is the template filled in, as the server sees it
        /// too, knowing the names or not.
        #[test]
        fn a_template_that_passes_its_check_fits_its_own_text_filled_in(
            separators in proptest::collection::vec(prop_oneof![
                Just(" "), Just(", "), Just(" de "), Just(" - "), Just(". "), Just(": "), Just(" (")
            ], 7),
            gestor in a_name(), agency in a_name(), known in any::<bool>(),
            phone in "[0-9]{2} [0-9]{4} [0-9]{4}",
        ) {
            let order = ["{nombre}", "{gestor}", "{agencia}", "{acreedor}", "{contrato}", "{telefono}", "{monto}", "{fecha}"];
            let text: String = order.iter().zip(separators.iter().chain(std::iter::once(&"."))).map(|(p, s)| format!("{p}{s}")).collect();
            let template = Template { text: format!("Hola {text}"), ..Template::defaults()[0].clone() };
            prop_assume!(template.check().is_ok());
            let account = fields();
            let policy = ContactPolicy { agency: agency.clone(), agency_phone: phone, ..ContactPolicy::default_for(Country::MX) };
            let amount = crate::money::Amount::parse(rust_decimal::Decimal::new(123_456, 2), "monto").expect("an amount");
            let due = Some((amount, chrono::NaiveDate::from_ymd_opt(2026, 12, 5).expect("a day")));
            let filled = template.fill(&Placeholders::of(&account, &policy, gestor.clone(), due));
            let elsewhere = ContactPolicy { agency: "Otra Agencia".into(), ..policy.clone() };
            let expected = if known {
                Expected { account: &account, policy: &policy, gestor: &gestor }
            } else {
                Expected { account: &account, policy: &elsewhere, gestor: "Otro Nombre" }
            };
            // A name with "Lic. Ana" reads as a new sentence when not known.
            let plain_names = plain(&gestor) && plain(&agency);
            prop_assert!(template.filled_in(&filled, &expected) || (!known && !plain_names), "{}", filled);
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
        // Written before the agency changed its name, or the gestor theirs: plain values still fit.
        let moved = ContactPolicy { agency: "Cobranza Justa".into(), ..policy.clone() };
        assert!(template.filled_in(&filled, &Expected { policy: &moved, ..expected }), "{filled}");
        let renamed = filled.replace("Lic. Ana de la Torre", "Ana Torres");
        assert!(template.filled_in(&renamed, &expected), "{renamed}");

        let refused = |text: String| assert!(!template.filled_in(&text, &expected), "{text}");
        refused(filled.replace("¿Me indica", "Pague hoy o"));
        refused(format!("{filled} Última advertencia."));
        refused(filled.replace("Lic. Ana de la Torre", "Ana. Sabemos dónde trabaja"));
        refused(filled.replace("Lic. Ana de la Torre", "Ana, le notificamos embargo"));
        refused(filled.replace(account.name.as_str(), "María"));
        refused(filled.replace("55 5000 1234", "55 5000 1234 o vamos a su casa"));

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

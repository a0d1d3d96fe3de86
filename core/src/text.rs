//! Bounded text and phone numbers.

use std::fmt;

use serde::Serialize;

use crate::DomainError;

/// Trimmed text that is neither empty nor longer than 200 characters: names,
/// references, address lines.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct Label(String);

crate::error::deserialize_via!(Label, String);

impl Label {
    /// The longest label accepted.
    pub const MAX: usize = 200;

    /// Parses `value` for `field`.
    pub fn parse(value: &str, field: &str) -> Result<Self, DomainError> {
        let value = value.trim();
        if value.is_empty() {
            return Err(DomainError::EmptyText { field: field.into() });
        }
        if value.chars().count() > Self::MAX {
            return Err(DomainError::TextTooLong { field: field.into(), max: Self::MAX });
        }
        check_characters(value, field, &[])?;
        Ok(Self(value.to_owned()))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Label {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, DomainError> {
        Self::parse(&value, "texto")
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Free notes on a visit, call or review: up to 4,000 characters, may be empty.
pub fn check_notes(notes: &str, field: &str) -> Result<(), DomainError> {
    const MAX: usize = 4000;
    if notes.chars().count() > MAX {
        return Err(DomainError::TextTooLong { field: field.into(), max: MAX });
    }
    check_characters(notes, field, &['\n', '\t'])
}

/// Refuses control characters (but those in `allowed`) and the invisible
/// marks that reorder how text is shown (bidirectional overrides and
/// isolates): in a record that must stand up in a dispute, what is shown must
/// be what was written.
pub fn check_characters(text: &str, field: &str, allowed: &[char]) -> Result<(), DomainError> {
    let forbidden = |c: &char| {
        (c.is_control() && !allowed.contains(c)) || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    match text.chars().find(forbidden) {
        Some(c) => {
            Err(DomainError::ForbiddenCharacter { field: field.into(), character: format!("U+{:04X}", c as u32) })
        }
        None => Ok(()),
    }
}

/// A phone number, kept as `+` and digits only. Spaces, dashes, dots and
/// brackets are dropped; 7 to 15 digits remain (E.164's maximum).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, example = "+525512345678"))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct Phone(String);

crate::error::deserialize_via!(Phone, String);

impl Phone {
    /// Parses a phone number as a person would type it.
    pub fn parse(value: &str) -> Result<Self, DomainError> {
        let invalid = || DomainError::InvalidPhone { value: value.into() };
        let trimmed = value.trim();
        let (plus, rest) = match trimmed.strip_prefix('+') {
            Some(rest) => ("+", rest),
            None => ("", trimmed),
        };
        let mut digits = String::with_capacity(rest.len() + 1);
        digits.push_str(plus);
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '.' | '(' | ')' => {}
                _ => return Err(invalid()),
            }
        }
        let count = digits.len() - plus.len();
        if !(7..=15).contains(&count) {
            return Err(invalid());
        }
        Ok(Self(digits))
    }

    /// The normalised number.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Phone {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, DomainError> {
        Self::parse(&value)
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An email address, kept trimmed and in lower case. Checked only for the
/// shape every address has (one `@`, a dotted domain, no spaces): whether it
/// reaches anyone only the mail server knows.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, example = "maria@correo.mx"))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct Email(String);

crate::error::deserialize_via!(Email, String);

impl Email {
    /// Parses an email address as a person would type it.
    pub fn parse(value: &str) -> Result<Self, DomainError> {
        let address = value.trim().to_lowercase();
        let well_formed = address.len() <= 254
            // Letters, digits and the few signs addresses use: nothing that
            // would open a new part of a `mailto:` link (`?`, `&`, `#`, `%`).
            && address.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+' | '@'))
            && address.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.split('.').count() >= 2
                    && domain.split('.').all(|label| !label.is_empty())
            });
        if well_formed { Ok(Self(address)) } else { Err(DomainError::InvalidEmail { value: value.into() }) }
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, DomainError> {
        Self::parse(&value)
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_emails_are_normalised_and_checked() {
        assert_eq!(Phone::parse("+52 (55) 1234-5678").unwrap().as_str(), "+525512345678");
        assert_eq!(Phone::parse("01 234 5678").unwrap().as_str(), "012345678");
        assert!(Phone::parse("12345").is_err());
        assert!(Phone::parse("55-CALL-ME").is_err());
        assert_eq!(Email::parse(" Maria.Lopez@Correo.MX ").unwrap().as_str(), "maria.lopez@correo.mx");
        for bad in [
            "maria",
            "maria@",
            "@correo.mx",
            "maria@correo",
            "maria@@correo.mx",
            "maria @correo.mx",
            "a@b..mx",
            "a@b.mx;c@d.mx",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn labels_are_trimmed_and_bounded() {
        assert_eq!(Label::parse("  Ana  ", "nombre").unwrap().as_str(), "Ana");
        assert_eq!(Label::parse(" ", "nombre"), Err(DomainError::EmptyText { field: "nombre".into() }));
        assert!(Label::parse(&"x".repeat(201), "nombre").is_err());
    }

    #[test]
    fn control_characters_and_bidirectional_overrides_are_refused() {
        let refused = |e: Result<(), DomainError>| match e {
            Err(DomainError::ForbiddenCharacter { field, character }) => format!("{field} {character}"),
            other => panic!("{other:?}"),
        };
        assert_eq!(refused(check_notes("pagó\u{0007}", "notas")), "notas U+0007");
        assert_eq!(refused(check_notes("abc\u{202E}fdp", "notas")), "notas U+202E");
        assert_eq!(refused(Label::parse("Ana\nLópez", "nombre").map(|_| ())), "nombre U+000A");
        assert_eq!(check_notes("línea 1\n\tlínea 2", "notas"), Ok(()));
    }
}

/// `text` lower-cased with Spanish accents and the tilde removed, so that a
/// search for "nunez" finds "Núñez" and "JOSE" finds "José".
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod fold_tests {
    #[test]
    fn fold_ignores_case_and_accents() {
        assert_eq!(super::fold("José Núñez ÁLVAREZ"), "jose nunez alvarez");
    }
}

//! Message templates: the only texts a gestor or the server sends a debtor.
//! Each country's policy holds its own (see
//! [`crate::contact::policy::ContactPolicy::templates`]), which an admin
//! edits; [`Template::check`] keeps every one lawful whoever wrote it: it
//! names who sends it, for whom and how to answer, fills only what Campo
//! knows, and asks rather than threatens.

use serde::{Deserialize, Serialize};

use super::wording::pressure;
use crate::{
    DomainError,
    text::{check_characters, check_notes},
};

/// The template automatic reminders are filled from: every policy keeps it,
/// and it collects (see [`crate::contact::policy::ContactPolicy::check`]).
pub const REMINDER_TEMPLATE: &str = "recordatorio_promesa";

/// The most templates a country's policy holds: a gestor picks from a list
/// that fits a phone's screen.
pub const MAX_TEMPLATES: u32 = 20;

/// The longest a template's text may be: filled in with the names people
/// have, it stays within a message's 1000 characters.
pub const MAX_TEMPLATE_TEXT: usize = 600;

/// The longest a template's name may be.
pub const MAX_TEMPLATE_NAME: usize = 60;

/// What every template names (Mexico: the agency, the collector and the
/// lender at every contact), with a number to answer on.
const ALWAYS: [&str; 4] = ["{gestor}", "{agencia}", "{acreedor}", "{telefono}"];

/// What a template that collects names, both of them, and no other does.
const DUE: [&str; 2] = ["{monto}", "{fecha}"];

/// What a template is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// A promise or instalment falls due.
    Reminder,
    /// After a visit or call, or when the debtor could not be reached.
    FollowUp,
}

/// A message template: text with `{placeholders}` (see [`Placeholders`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Template {
    /// Its stable code: a message names the template it was filled from by it.
    pub code: String,
    /// What the gestor picks it by, in Spanish.
    #[serde(default)]
    pub name: String,
    /// What it is for.
    pub purpose: Purpose,
    /// Whether it asks for payment: never on an account in dispute. A
    /// template that collects names an amount and a date: a promise's.
    pub collects: bool,
    /// The text, in Spanish.
    pub text: String,
}

/// What is wrong with a template (see [`Template::check`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum TemplateProblem {
    /// A code that is not 1 to 40 lowercase letters, digits or `_`.
    #[error("el código lleva de 1 a 40 minúsculas sin acentos, cifras o _")]
    Code,
    /// Two templates with one code.
    #[error("otra plantilla tiene el mismo código")]
    Repeated,
    /// No name to pick it by.
    #[error("le falta el nombre")]
    NoName,
    /// No text.
    #[error("le falta el texto")]
    NoText,
    /// A name or text longer than allowed.
    #[error("el nombre o el texto pasa de {max} caracteres")]
    TooLong {
        /// The limit.
        max: usize,
    },
    /// A control character or an invisible mark.
    #[error("contiene un carácter no permitido ({character})")]
    Character {
        /// The character, as U+XXXX.
        character: String,
    },
    /// A `{` without its `}`, or two placeholders with nothing between them
    /// (the server could not tell where one value ends).
    #[error("cada {{ cierra con }} y entre dos datos va texto")]
    Braces,
    /// A placeholder Campo does not fill.
    #[error("{placeholder} no es un dato que Campo llene")]
    Unknown {
        /// The placeholder, with its braces.
        placeholder: String,
    },
    /// A placeholder it must hold.
    #[error("le falta {placeholder}")]
    Missing {
        /// The placeholder, with its braces.
        placeholder: String,
    },
    /// It names an amount or a date without collecting: only a reminder of
    /// a promise has them to fill.
    #[error("nombra {{monto}} o {{fecha}}, que solo lleva una plantilla de cobro")]
    NotCollecting,
    /// Words of a court, the police or a threat.
    #[error("«{words}» suena a autoridad o a amenaza")]
    Pressure {
        /// The words, as the template has them.
        words: String,
    },
    /// The reminders' template removed, or made one that does not collect.
    #[error("la usan los recordatorios automáticos: se queda, y es de cobro")]
    Reminder,
}

/// The values a template's placeholders take.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Placeholders {
    /// `{nombre}`: the debtor's name.
    pub nombre: String,
    /// `{gestor}`: the sender.
    pub gestor: String,
    /// `{agencia}`: the agency.
    pub agencia: String,
    /// `{telefono}`: the agency's phone.
    pub telefono: String,
    /// `{acreedor}`: the lender.
    pub acreedor: String,
    /// `{contrato}`: the account's reference.
    pub contrato: String,
    /// `{monto}`: an amount, as the screen shows it.
    pub monto: String,
    /// `{fecha}`: a date, as the screen shows it.
    pub fecha: String,
}

impl Placeholders {
    /// Every placeholder with its value: the placeholders Campo knows.
    pub(super) fn pairs(&self) -> [(&'static str, &str); 8] {
        [
            ("{nombre}", &self.nombre),
            ("{gestor}", &self.gestor),
            ("{agencia}", &self.agencia),
            ("{telefono}", &self.telefono),
            ("{acreedor}", &self.acreedor),
            ("{contrato}", &self.contrato),
            ("{monto}", &self.monto),
            ("{fecha}", &self.fecha),
        ]
    }

    /// The values for `account`, sent by `gestor` for the agency `policy`
    /// names, about `due` (an amount and the day it falls due) when a
    /// template reminds of one.
    pub fn of(
        account: &crate::debtor::DebtorFields,
        policy: &crate::contact::policy::ContactPolicy,
        gestor: String,
        due: Option<(crate::money::Amount, chrono::NaiveDate)>,
    ) -> Self {
        Self {
            nombre: account.name.as_str().into(),
            gestor,
            agencia: policy.agency.clone(),
            telefono: policy.agency_phone.clone(),
            acreedor: account.lender.as_ref().map_or_else(|| "su acreedor".into(), |l| l.as_str().into()),
            contrato: account.external_ref.as_str().into(),
            monto: due.map(|(amount, _)| account.currency.written(&amount)).unwrap_or_default(),
            fecha: due.map(|(_, on)| spanish_date(on)).unwrap_or_default(),
        }
    }
}

impl Template {
    /// The templates Campo starts with. Each names the sender (gestor and
    /// agency) and the lender, asks rather than threatens, and leaves the
    /// debtor a way to answer.
    pub fn defaults() -> Vec<Self> {
        let template = |code: &str, name: &str, purpose, collects, text: &str| Self {
            code: code.into(),
            name: name.into(),
            purpose,
            collects,
            text: text.into(),
        };
        vec![
            template(
                REMINDER_TEMPLATE,
                "Recordatorio de la promesa",
                Purpose::Reminder,
                true,
                "Hola {nombre}, le saluda {gestor} de {agencia}, en nombre de {acreedor}. Le recordamos su pago de \
                 {monto} acordado para el {fecha} (contrato {contrato}). Si ya pagó, gracias y disculpe la molestia. \
                 Dudas: {telefono}.",
            ),
            template(
                "seguimiento_visita",
                "Seguimiento de la visita",
                Purpose::FollowUp,
                false,
                "Hola {nombre}, le saluda {gestor} de {agencia}, en nombre de {acreedor}. Pasé a visitarle y no \
                 coincidimos. ¿Me indica cuándo le queda bien que platiquemos? Puede responder a este mensaje o \
                 llamar al {telefono}.",
            ),
            template(
                "solicitud_contacto",
                "Pedir que se comunique",
                Purpose::FollowUp,
                false,
                "Hola {nombre}, le saluda {gestor} de {agencia}, en nombre de {acreedor}, respecto de su contrato \
                 {contrato}. Queremos ofrecerle opciones de pago a su medida. Responda a este mensaje o llame al \
                 {telefono}.",
            ),
        ]
    }

    /// The text with its placeholders filled in.
    pub fn fill(&self, values: &Placeholders) -> String {
        values.pairs().iter().fold(self.text.clone(), |text, (placeholder, value)| text.replace(placeholder, value))
    }

    /// Checks a template an admin wrote: a code and a name, a text within
    /// bounds whose placeholders Campo fills and can find again (see
    /// [`Self::matches`]), naming who sends it, for whom and how to answer,
    /// an amount and a date exactly when it collects, and no words of a
    /// court or a threat.
    pub fn check(&self) -> Result<(), DomainError> {
        self.problem().map_or(Ok(()), |problem| Err(self.refused(problem)))
    }

    /// `problem`, as the error naming this template.
    pub fn refused(&self, problem: TemplateProblem) -> DomainError {
        DomainError::BadTemplate { template: self.code.clone(), problem }
    }

    fn problem(&self) -> Option<TemplateProblem> {
        let code_ok = (1..=40).contains(&self.code.len())
            && self.code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !code_ok {
            return Some(TemplateProblem::Code);
        }
        if self.name.trim().is_empty() {
            return Some(TemplateProblem::NoName);
        }
        if self.text.trim().is_empty() {
            return Some(TemplateProblem::NoText);
        }
        for (text, max) in [(&self.name, MAX_TEMPLATE_NAME), (&self.text, MAX_TEMPLATE_TEXT)] {
            if text.chars().count() > max {
                return Some(TemplateProblem::TooLong { max });
            }
        }
        let characters = check_characters(&self.name, "", &[]).and_then(|()| check_notes(&self.text, ""));
        if let Err(DomainError::ForbiddenCharacter { character, .. }) = characters {
            return Some(TemplateProblem::Character { character });
        }
        let placeholders: Vec<&str> = match parts(&self.text) {
            Ok(parts) => {
                parts.into_iter().filter_map(|p| if let Part::Placeholder(p) = p { Some(p) } else { None }).collect()
            }
            Err(problem) => return Some(problem),
        };
        let known = Placeholders::default();
        let known: Vec<&str> = known.pairs().iter().map(|(p, _)| *p).collect();
        if let Some(unknown) = placeholders.iter().find(|p| !known.contains(p)) {
            return Some(TemplateProblem::Unknown { placeholder: (*unknown).into() });
        }
        let needed = ALWAYS.iter().chain(DUE.iter().filter(|_| self.collects));
        if let Some(missing) = needed.into_iter().find(|p| !placeholders.contains(p)) {
            return Some(TemplateProblem::Missing { placeholder: (*missing).into() });
        }
        if !self.collects && DUE.iter().any(|p| placeholders.contains(p)) {
            return Some(TemplateProblem::NotCollecting);
        }
        pressure(&self.text).map(|words| TemplateProblem::Pressure { words })
    }
}

/// A piece of a template's text: its own words, or a placeholder (with its braces).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Part<'a> {
    Words(&'a str),
    Placeholder(&'a str),
}

/// `text` as words and placeholders, in order; refused if a brace is
/// unmatched or two placeholders touch (nothing would tell where one value
/// ends and the next begins).
pub(super) fn parts(text: &str) -> Result<Vec<Part<'_>>, TemplateProblem> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        let Some(close) = rest[open..].find('}').map(|c| open + c).filter(|_| rest[open..].starts_with('{')) else {
            return Err(TemplateProblem::Braces);
        };
        let placeholder = &rest[open..=close];
        let touching = open == 0 && matches!(out.last(), Some(Part::Placeholder(_)));
        if placeholder[1..].contains('{') || touching {
            return Err(TemplateProblem::Braces);
        }
        if open > 0 {
            out.push(Part::Words(&rest[..open]));
        }
        out.push(Part::Placeholder(placeholder));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Part::Words(rest));
    }
    Ok(out)
}

/// A date as a message to a debtor writes it: "5 de diciembre de 2026".
pub fn spanish_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} de {} de {}", date.day(), MONTHS[date.month0() as usize], date.year())
}

/// The months as a message to a debtor writes them.
pub(super) const MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Placeholders {
        Placeholders {
            nombre: "María López".into(),
            gestor: "Ana Torres".into(),
            agencia: "Cobranza Justa".into(),
            telefono: "55 5000 1234".into(),
            acreedor: "Banco del Centro".into(),
            contrato: "MX-000123".into(),
            monto: "$1,500.00".into(),
            fecha: "5 dic 2026".into(),
        }
    }

    fn named(code: &str) -> Template {
        Template::defaults().into_iter().find(|t| t.code == code).expect("a default")
    }

    #[test]
    fn every_template_names_the_sender_and_the_lender_and_fills_in_full() {
        for template in Template::defaults() {
            assert_eq!(template.check(), Ok(()), "{}", template.code);
            let text = template.fill(&values());
            assert!(!text.contains('{'), "{}: {text}", template.code);
            assert!(text.contains("Ana Torres de Cobranza Justa, en nombre de Banco del Centro"), "{text}");
        }
        assert_eq!(spanish_date(chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()), "5 de diciembre de 2026");
        let reminder = named(REMINDER_TEMPLATE);
        assert!(reminder.fill(&values()).contains("su pago de $1,500.00 acordado para el 5 dic 2026"));
    }

    #[test]
    fn a_template_an_admin_writes_names_who_sends_it_fills_only_what_campo_knows_and_does_not_threaten() {
        let follow_up = named("seguimiento_visita");
        let with = |text: &str, collects| Template { text: text.into(), collects, ..follow_up.clone() };
        let problem = |template: Template| template.check().err();
        let refused = |problem: TemplateProblem| Some(follow_up.refused(problem));
        let base = "Hola {nombre}, soy {gestor} de {agencia}, por {acreedor}. Llámenos al {telefono}.";
        assert_eq!(problem(with(base, false)), None);
        let missing = |p: &str| refused(TemplateProblem::Missing { placeholder: p.into() });
        assert_eq!(problem(with(&base.replace(" de {agencia}", ""), false)), missing("{agencia}"));
        assert_eq!(problem(with(&base.replace("al {telefono}", "pronto"), false)), missing("{telefono}"));
        assert_eq!(problem(with(base, true)), missing("{monto}"), "a template that collects names the amount");
        let due = format!("{base} Su pago de {{monto}} vence el {{fecha}}.");
        assert_eq!(problem(with(&due, true)), None);
        assert_eq!(problem(with(&due, false)), refused(TemplateProblem::NotCollecting));
        let unknown = refused(TemplateProblem::Unknown { placeholder: "{saldo}".into() });
        assert_eq!(problem(with(&format!("{base} Saldo: {{saldo}}."), false)), unknown);
        for broken in
            [format!("{base} {{nombre"), format!("{base} nombre}}"), base.replace(", soy {gestor}", "{nombre}{gestor}")]
        {
            assert_eq!(problem(with(&broken, false)), refused(TemplateProblem::Braces), "{broken}");
        }
        let threat = format!("{base} De no pagar, procederemos con la DEMANDA ante el Juzgado.");
        assert_eq!(problem(with(&threat, false)), refused(TemplateProblem::Pressure { words: "DEMANDA".into() }));
        let jail = format!("{base} Evite la cárcel.");
        assert_eq!(problem(with(&jail, false)), refused(TemplateProblem::Pressure { words: "cárcel".into() }));
        // A word that only holds one of them is no threat.
        assert_eq!(problem(with(&format!("{base} Le recomendamos pagar en tienda."), false)), None);
        let code = |code: &str| Template { code: code.into(), ..follow_up.clone() }.check().err();
        assert_eq!(code("aviso_pago_2"), None);
        for bad in ["", "Aviso", "aviso pago", "aviso-pago", "aviso_pagó"] {
            assert!(
                matches!(code(bad), Some(DomainError::BadTemplate { problem: TemplateProblem::Code, .. })),
                "{bad}"
            );
        }
        assert_eq!(problem(Template { name: " ".into(), ..follow_up.clone() }), refused(TemplateProblem::NoName));
        let long = format!("{base} {}", "muy ".repeat(150));
        assert_eq!(problem(with(&long, false)), refused(TemplateProblem::TooLong { max: MAX_TEMPLATE_TEXT }));
        let hidden = refused(TemplateProblem::Character { character: "U+202E".into() });
        assert_eq!(problem(with(&format!("{base}\u{202E}"), false)), hidden);
    }
}

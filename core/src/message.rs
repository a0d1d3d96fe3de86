//! Messages to a debtor: reminders and follow-ups by SMS, WhatsApp or email,
//! from templates written in a respectful tone that always name the sender
//! and the lender. A message goes only to the debtor's own numbers and
//! addresses, so only the debtor reads of the debt. The gestor sends it from the phone (the record
//! says so) or queues it on the server's outbox, which sends it through a
//! gateway inside the contact hours (see `sync-server/src/outbox.rs`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    DomainError,
    debtor::DebtorFields,
    text::{Email, Phone, check_notes},
    validated,
};

/// How a message travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MessageChannel {
    /// A text message.
    Sms,
    /// WhatsApp.
    Whatsapp,
    /// Email.
    Email,
}

/// Where a message goes: a phone number for SMS and WhatsApp, an address for email.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum Recipient {
    /// A phone number.
    Phone(Phone),
    /// An email address.
    Email(Email),
}

impl Recipient {
    /// Whether a message on `channel` can go to it.
    pub fn suits(&self, channel: MessageChannel) -> bool {
        matches!(self, Self::Email(_)) == (channel == MessageChannel::Email)
    }

    /// Whether it is one of `account`'s own numbers or addresses.
    pub fn is_the_debtors(&self, account: &DebtorFields) -> bool {
        match self {
            Self::Phone(phone) => account.phones.contains(phone),
            Self::Email(email) => account.emails.contains(email),
        }
    }
}

impl std::fmt::Display for Recipient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Phone(phone) => phone.fmt(f),
            Self::Email(email) => email.fmt(f),
        }
    }
}

/// The subject of an email from `agency`: it names the sender and nothing of
/// the debt, since a subject shows wherever the mail is listed.
pub fn email_subject(agency: &str) -> String {
    format!("Mensaje de {agency}")
}

/// Who sends it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SentVia {
    /// The gestor's phone: Campo opened its SMS or WhatsApp app with the text.
    Phone,
    /// The server's outbox, through the agency's gateway.
    Outbox,
}

/// Where a message stands. The server's outbox moves it on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Delivery {
    /// Handed to the phone's app to send.
    Opened,
    /// Waiting in the outbox, for the contact hours or the gateway.
    Queued,
    /// Taken by the outbox and handed to the gateway; if the server stopped
    /// before the gateway answered, it stays so (sent at most once) for an
    /// operator to look at.
    Sending,
    /// The gateway took it.
    Sent {
        /// When, by the server's clock.
        at: DateTime<Utc>,
        /// The gateway's reference for it.
        reference: String,
    },
    /// The gateway refused it, or failed too often.
    Failed {
        /// Why, as the gateway said.
        reason: String,
    },
}

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
    /// Its stable code.
    pub code: String,
    /// What it is for.
    pub purpose: Purpose,
    /// Whether it asks for payment: never on an account in dispute. A
    /// template that collects names an amount and a date: a promise's.
    pub collects: bool,
    /// The text, in Spanish.
    pub text: String,
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
        let template = |code: &str, purpose, collects, text: &str| Self {
            code: code.into(),
            purpose,
            collects,
            text: text.into(),
        };
        vec![
            template(
                "recordatorio_promesa",
                Purpose::Reminder,
                true,
                "Hola {nombre}, le saluda {gestor} de {agencia}, en nombre de {acreedor}. Le recordamos su pago de \
                 {monto} acordado para el {fecha} (contrato {contrato}). Si ya pagó, gracias y disculpe la molestia. \
                 Dudas: {telefono}.",
            ),
            template(
                "seguimiento_visita",
                Purpose::FollowUp,
                false,
                "Hola {nombre}, le saluda {gestor} de {agencia}, en nombre de {acreedor}. Pasé a visitarle y no \
                 coincidimos. ¿Me indica cuándo le queda bien que platiquemos? Puede responder a este mensaje o \
                 llamar al {telefono}.",
            ),
            template(
                "solicitud_contacto",
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
        [
            ("{nombre}", &values.nombre),
            ("{gestor}", &values.gestor),
            ("{agencia}", &values.agencia),
            ("{telefono}", &values.telefono),
            ("{acreedor}", &values.acreedor),
            ("{contrato}", &values.contrato),
            ("{monto}", &values.monto),
            ("{fecha}", &values.fecha),
        ]
        .iter()
        .fold(self.text.clone(), |text, (placeholder, value)| text.replace(placeholder, value))
    }

    /// Whether `text` was filled from this template: its own words all
    /// there, in order, and between them only what a placeholder holds (a
    /// name, a number, an amount, a date: no sentence hides in one). A text
    /// edited into pressure, or that drops who sends it, does not match.
    pub fn matches(&self, text: &str) -> bool {
        let is_value = |v: &str| {
            v.chars().count() <= 120 && !v.contains('\n') && !["! ", "? ", ". ", "¡", "¿"].iter().any(|s| v.contains(s))
        };
        let literals: Vec<&str> =
            self.text.split('{').map(|part| part.split_once('}').map_or(part, |(_, rest)| rest)).collect();
        let Some((first, rest)) = literals.split_first() else { return false };
        let Some(mut remaining) = text.strip_prefix(first) else { return false };
        for (i, literal) in rest.iter().enumerate() {
            let value = if i + 1 == rest.len() {
                let Some(value) = remaining.strip_suffix(literal) else { return false };
                remaining = "";
                value
            } else {
                let Some(at) = remaining.find(literal).filter(|_| !literal.is_empty()) else { return false };
                let value = &remaining[..at];
                remaining = &remaining[at + literal.len()..];
                value
            };
            if !is_value(value) {
                return false;
            }
        }
        remaining.is_empty()
    }

    /// The template named `code` among the defaults.
    pub fn named(code: &str) -> Option<Self> {
        Self::defaults().into_iter().find(|t| t.code == code)
    }
}

/// A date as a message to a debtor writes it: "5 de diciembre de 2026".
pub fn spanish_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
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
    format!("{} de {} de {}", date.day(), MONTHS[date.month0() as usize], date.year())
}

/// The fields of a [`Message`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct MessageFields {
    /// SMS, WhatsApp or email.
    pub channel: MessageChannel,
    /// The debtor's number or address it goes to.
    pub to: Recipient,
    /// The template it was filled from.
    pub template: String,
    /// The text as sent.
    pub text: String,
    /// From the gestor's phone or the server's outbox.
    pub via: SentVia,
    /// When the gestor sent or queued it, by the device's clock.
    pub at: DateTime<Utc>,
    /// Where it stands.
    pub delivery: Delivery,
}

impl MessageFields {
    fn check(&self) -> Result<(), DomainError> {
        if !self.to.suits(self.channel) {
            return Err(DomainError::RecipientNotForChannel { to: self.to.to_string() });
        }
        if self.text.trim().is_empty() {
            return Err(DomainError::EmptyText { field: "mensaje".into() });
        }
        if self.text.chars().count() > 1000 {
            return Err(DomainError::TextTooLong { field: "mensaje".into(), max: 1000 });
        }
        check_notes(&self.text, "mensaje")
    }
}

validated! {
    /// A message to a debtor.
    Message(MessageFields), check = MessageFields::check
}

impl Message {
    /// The template it was filled from, if it is one Campo knows.
    pub fn template(&self) -> Option<Template> {
        Template::named(&self.template)
    }

    /// The same message, moved on by the outbox.
    pub fn delivered(mut self, delivery: Delivery) -> Self {
        self.0.delivery = delivery;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_names_the_sender_and_the_lender_and_fills_in_full() {
        let values = Placeholders {
            nombre: "María López".into(),
            gestor: "Ana Torres".into(),
            agencia: "Cobranza Justa".into(),
            telefono: "55 5000 1234".into(),
            acreedor: "Banco del Centro".into(),
            contrato: "MX-000123".into(),
            monto: "$1,500.00".into(),
            fecha: "5 dic 2026".into(),
        };
        for template in Template::defaults() {
            for needed in ["{gestor}", "{agencia}", "{acreedor}", "{nombre}"] {
                assert!(template.text.contains(needed), "{} names {needed}", template.code);
            }
            let text = template.fill(&values);
            assert!(!text.contains('{'), "{}: {text}", template.code);
            assert!(text.contains("Ana Torres de Cobranza Justa, en nombre de Banco del Centro"), "{text}");
        }
        assert_eq!(spanish_date(chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()), "5 de diciembre de 2026");
        let visit = Template::named("seguimiento_visita").expect("a default");
        let filled = visit.fill(&values);
        assert!(visit.matches(&filled), "{filled}");
        assert!(!visit.matches(&filled.replace("¿Me indica", "Pague hoy o")), "edited wording");
        assert!(!visit.matches(&filled.replace("Ana Torres de Cobranza Justa, en nombre de ", "")), "no sender");
        assert!(!visit.matches(&format!("{filled} Última advertencia.")), "added words");
        let reminder = Template::named("recordatorio_promesa").expect("a default");
        assert!(reminder.fill(&values).contains("su pago de $1,500.00 acordado para el 5 dic 2026"));
    }

    #[test]
    fn an_email_goes_to_an_address_and_a_text_to_a_number() {
        let fields = |channel, to: &str| {
            let to: Recipient = serde_json::from_value(serde_json::json!(to)).expect("a number or an address");
            MessageFields {
                channel,
                to,
                template: "seguimiento_visita".into(),
                text: "Hola".into(),
                via: SentVia::Phone,
                at: Utc::now(),
                delivery: Delivery::Opened,
            }
        };
        assert!(Message::try_from(fields(MessageChannel::Email, "Maria@Correo.mx")).is_ok());
        assert!(Message::try_from(fields(MessageChannel::Whatsapp, "55 1234 5678")).is_ok());
        for (channel, to) in [(MessageChannel::Email, "5512345678"), (MessageChannel::Sms, "maria@correo.mx")] {
            let refused = Message::try_from(fields(channel, to));
            assert!(matches!(refused, Err(DomainError::RecipientNotForChannel { .. })), "{channel:?} {to}");
        }
        let email = fields(MessageChannel::Email, "Maria@Correo.mx");
        assert_eq!(serde_json::to_value(&email.to).expect("json"), "maria@correo.mx");
        assert!(serde_json::from_value::<Recipient>(serde_json::json!("ni número ni correo")).is_err());
        assert_eq!(email_subject("Cobranza Justa"), "Mensaje de Cobranza Justa");
    }
}

//! Messages to a debtor: reminders and follow-ups by SMS, WhatsApp or email,
//! from templates (see [`Template`]) written in a respectful tone that
//! always name the sender and the lender. A message goes only to the debtor's own numbers and
//! addresses, so only the debtor reads of the debt. The gestor sends it from the phone (the record
//! says so) or queues it on the server's outbox, which sends it through a
//! gateway inside the contact hours (see `sync-server/src/outbox.rs`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    DomainError,
    contact::policy::ContactPolicy,
    debtor::DebtorFields,
    text::{Email, Phone, check_notes},
    validated,
};

mod filled;
mod template;
mod wording;

pub use filled::Expected;
pub use template::{
    MAX_TEMPLATE_NAME, MAX_TEMPLATE_TEXT, MAX_TEMPLATES, Placeholders, Purpose, REMINDER_TEMPLATE, Template,
    TemplateProblem, spanish_date,
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
    /// The template it was filled from for `account` by `gestor`, among the
    /// policy versions it may have been written under (each template with
    /// its own version's agency): one of its code that its text fills in
    /// (see [`Template::filled_in`]).
    pub fn filled_from<'a>(
        &self,
        versions: impl IntoIterator<Item = &'a ContactPolicy>,
        account: &DebtorFields,
        gestor: &str,
    ) -> Option<&'a Template> {
        versions.into_iter().find_map(|policy| {
            let expected = Expected { account, policy, gestor };
            policy.templates.iter().find(|t| t.code == self.template && t.filled_in(&self.text, &expected))
        })
    }

    /// Whether it may ask for payment, by the templates of its code in
    /// `versions`: one that collects, or none at all (not known not to).
    pub fn may_collect(&self, versions: &[ContactPolicy]) -> bool {
        let mut of_its_code = versions.iter().flat_map(|p| &p.templates).filter(|t| t.code == self.template).peekable();
        of_its_code.peek().is_none() || of_its_code.any(|t| t.collects)
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

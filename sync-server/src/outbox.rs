//! The message outbox: messages gestores queued from the app are sent
//! through the agency's SMS/WhatsApp gateway, each only inside the contact
//! hours of its debtor's zone, never to a deceased debtor's numbers. The
//! outcome is a server write on the message record (sent, with the gateway's
//! reference, or failed, with its reason), which syncs back to the gestor.
//!
//! A gateway is anything that implements [`Gateway`]: [`WebhookGateway`]
//! posts each message as JSON to a URL (the agency's SMS/WhatsApp provider,
//! or a small adapter in front of it) and reads back its reference:
//!
//! ```text
//! POST <url>   Authorization: Bearer <token>   (if a token is set)
//! {"id": "<message record id>", "channel": "sms" | "whatsapp", "to": "5512345678", "text": "…"}
//! 2xx  {"reference": "…"}        sent
//! 4xx  any body                  refused: the message fails with that body as its reason
//! 5xx or no answer               not sent now: the message stays queued for the next round
//! ```

use std::{future::Future, sync::Arc};

use campo_core::{
    RecordBody,
    contact::{Country, judge::Account, policy::ContactPolicy},
    ids::RecordId,
    message::{Delivery, Message, MessageChannel},
    text::Phone,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    error::ApiError,
    office,
    store::{Storage, StoredRecord},
};

/// A message as the gateway receives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outgoing {
    /// The message record's id: a gateway that dedupes by it sends a retried message once.
    pub id: RecordId,
    /// SMS or WhatsApp.
    pub channel: MessageChannel,
    /// The debtor's number.
    pub to: Phone,
    /// The text.
    pub text: String,
}

/// Why a gateway did not send.
#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
    /// Not now (no answer, a server error): try again next round.
    #[error("la pasarela no respondió: {0}")]
    Unavailable(String),
    /// Never (a bad number, a blocked sender): the message fails with this reason.
    #[error("la pasarela rechazó el mensaje: {0}")]
    Refused(String),
}

/// An SMS/WhatsApp gateway. Returns the gateway's reference for the message.
pub trait Gateway: Send + Sync {
    /// Sends one message.
    fn send(&self, message: &Outgoing) -> impl Future<Output = Result<String, GatewayError>> + Send;
}

/// Posts each message to a URL (see the module docs for the exchange).
pub struct WebhookGateway {
    http: reqwest::Client,
    url: String,
    token: Option<String>,
}

impl WebhookGateway {
    /// A gateway at `url`, with a bearer `token` if the provider wants one.
    pub fn new(url: &str, token: Option<String>) -> Self {
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(20))
            .build()
            .unwrap_or_else(|e| unreachable!("a client with a timeout always builds: {e}"));
        Self { http, url: url.into(), token }
    }
}

#[derive(Deserialize)]
struct Receipt {
    reference: String,
}

impl Gateway for WebhookGateway {
    async fn send(&self, message: &Outgoing) -> Result<String, GatewayError> {
        let mut request = self.http.post(&self.url).json(message);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.map_err(|e| GatewayError::Unavailable(e.to_string()))?;
        let status = response.status();
        if status.is_client_error() {
            let body = response.text().await.unwrap_or_default();
            return Err(GatewayError::Refused(format!("{status}: {}", body.chars().take(300).collect::<String>())));
        }
        if !status.is_success() {
            return Err(GatewayError::Unavailable(status.to_string()));
        }
        let receipt: Receipt = response.json().await.map_err(|e| GatewayError::Unavailable(e.to_string()))?;
        Ok(receipt.reference)
    }
}

/// What a round of the outbox did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    /// Taken by the gateway.
    pub sent: u64,
    /// Refused by the gateway, or about a deceased debtor.
    pub failed: u64,
    /// Outside the debtor's contact hours, or the gateway unavailable: still queued.
    pub waiting: u64,
}

/// How many queued messages one round looks at.
const ROUND: u32 = 200;

type Queued = (StoredRecord, Message, Option<(Country, Account)>);

/// The queued messages with their accounts, and the policies in force.
fn queued(storage: &dyn Storage) -> Result<(Vec<Queued>, Vec<ContactPolicy>), ApiError> {
    let mut tx = storage.read()?;
    let messages = tx.queued_messages(ROUND)?;
    let mut due = Vec::with_capacity(messages.len());
    for stored in messages {
        let Ok(RecordBody::Message(message)) = stored.record.parse_body() else { continue };
        let account = tx.contact_account(stored.record.debtor_id)?;
        due.push((stored, message, account));
    }
    let policies = Country::ALL.into_iter().map(|c| tx.policy(c)).collect::<Result<Vec<_>, _>>()?;
    Ok((due, policies))
}

/// One round: every queued message whose debtor is inside the contact hours
/// at `now` goes to `gateway`; the others wait for a later round. Storage
/// work runs on the blocking pool, the gateway's calls on the runtime.
pub async fn dispatch(
    storage: &Arc<dyn Storage>,
    gateway: &impl Gateway,
    now: DateTime<Utc>,
) -> Result<Round, ApiError> {
    let held = storage.clone();
    let (queued, policies) = tokio::task::spawn_blocking(move || queued(&*held)).await??;
    let mut round = Round::default();
    for (stored, message, account) in queued {
        let Some((country, account)) = account else { continue };
        let Some(policy) = policies.iter().find(|p| p.country == country) else { continue };
        let delivery = if account.flags.deceased {
            Delivery::Failed { reason: "el titular falleció: no se le envían mensajes".into() }
        } else if policy.check_time(now, account.zone).is_err() {
            round.waiting += 1;
            continue;
        } else {
            let outgoing = Outgoing {
                id: stored.record.id,
                channel: message.channel,
                to: message.to.clone(),
                text: message.text.clone(),
            };
            match gateway.send(&outgoing).await {
                Ok(reference) => Delivery::Sent { at: now, reference },
                Err(GatewayError::Refused(reason)) => Delivery::Failed { reason },
                Err(GatewayError::Unavailable(why)) => {
                    tracing::warn!(message = %stored.record.id, %why, "gateway unavailable; the message waits");
                    round.waiting += 1;
                    continue;
                }
            }
        };
        match delivery {
            Delivery::Sent { .. } => round.sent += 1,
            _ => round.failed += 1,
        }
        let held = storage.clone();
        tokio::task::spawn_blocking(move || record_delivery(&*held, &stored, message, delivery)).await??;
    }
    Ok(round)
}

/// Writes how a message went as the server's next version of its record.
fn record_delivery(
    storage: &dyn Storage,
    stored: &StoredRecord,
    message: Message,
    delivery: Delivery,
) -> Result<(), ApiError> {
    let mut tx = storage.write()?;
    // The record as it is now: the gestor's device may have written since it was read.
    let current = tx.record(stored.record.id)?.ok_or(ApiError::NotFound)?;
    let body = RecordBody::Message(message.delivered(delivery));
    office::write_next(&mut *tx, &current, &body, current.record.deleted, None)?;
    tx.commit()?;
    Ok(())
}

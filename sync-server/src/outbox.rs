//! The message outbox: messages gestores queued from the app are sent
//! through the agency's SMS, WhatsApp or email gateway, each only inside the contact
//! hours of its debtor's zone, and only while the account still allows it
//! (not deceased, no reminder in a dispute, the number or address still its own). Each
//! step is a server write on the message record (sending, then sent with the
//! gateway's reference or failed with its reason), which syncs back to the
//! gestor. A message is claimed before it is handed over, so a server that
//! stops mid-round never sends one twice.
//!
//! A gateway is anything that implements [`Gateway`]: [`WebhookGateway`]
//! posts each message as JSON to a URL (the agency's provider,
//! or a small adapter in front of it) and reads back its reference:
//!
//! ```text
//! POST <url>   Authorization: Bearer <token>   (if a token is set)
//! {"id": "<message record id>", "channel": "sms" | "whatsapp" | "email", "to": "5512345678", "text": "…"}
//!   (an email also carries "subject", naming the agency and nothing of the debt; "to" is then an address)
//! 2xx  {"reference": "…"}        sent
//! 4xx  any body                  refused: the message fails with that body as its reason
//! 5xx or no answer               not sent now: the message stays queued for the next round
//! ```

use std::{future::Future, sync::Arc};

use campo_core::{
    RecordBody,
    contact::Country,
    ids::RecordId,
    message::{Delivery, MessageChannel, Recipient, email_subject},
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{error::ApiError, office, store::Storage};

/// A message as the gateway receives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outgoing {
    /// The message record's id: a gateway that dedupes by it sends a retried message once.
    pub id: RecordId,
    /// SMS, WhatsApp or email.
    pub channel: MessageChannel,
    /// The debtor's number, or address for an email.
    pub to: Recipient,
    /// An email's subject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
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

/// How many queued messages one page of a round reads.
const PAGE: u32 = 200;

/// What to do with one queued message at `now`.
enum Next {
    /// Outside the hours: it waits.
    Wait,
    /// It may not go (a deceased debtor, a reminder in a dispute, a number
    /// no longer on the account, a reminder of a due since paid or
    /// cancelled): it fails with the reason.
    Fail(String),
    /// Claimed for the gateway: it goes.
    Send(Outgoing),
}

/// Decides, in one write transaction, what becomes of `id` now, from the
/// message and the account as they are at this moment (a device or the
/// office may have written since the page was read), and claims it for the
/// gateway if it goes: a message is handed to the gateway at most once.
fn claim(storage: &dyn Storage, id: RecordId, now: DateTime<Utc>) -> Result<Next, ApiError> {
    let mut tx = storage.write()?;
    let Some(current) = tx.record(id)? else { return Ok(Next::Wait) };
    let Ok(RecordBody::Message(message)) = current.record.parse_body() else { return Ok(Next::Wait) };
    if current.record.deleted || message.delivery != Delivery::Queued {
        return Ok(Next::Wait);
    }
    let account = match tx.record(current.record.debtor_id.into())?.map(|a| a.record.parse_body()) {
        Some(Ok(RecordBody::Debtor(account))) => account,
        _ => return Ok(Next::Wait),
    };
    let country = Country::from(account.currency);
    let policy = tx.policy(country)?;
    // A reminder queued earlier may have nothing left to remind of.
    let settled = match tx.reminder_of(id)? {
        Some((promise, due_on)) => match tx.record(promise)?.map(|p| (p.record.deleted, p.record.parse_body())) {
            Some((false, Ok(RecordBody::Promise(p)))) => !p.unpaid_dues().iter().any(|(_, on)| *on == due_on),
            _ => true,
        },
        None => false,
    };
    let next = if settled {
        Next::Fail("ya no hay nada que recordar: el pago llegó o la promesa se canceló".into())
    } else if account.deceased {
        Next::Fail("el titular falleció: no se le envían mensajes".into())
    } else if account.dispute && message.may_collect(&tx.policies_since(country, None)?) {
        Next::Fail("la cuenta está en aclaración: no se envían recordatorios de pago".into())
    } else if !message.to.is_the_debtors(&account) {
        Next::Fail("el número o correo ya no es de la cuenta".into())
    } else if policy.check_time(now, account.zone).is_err() {
        return Ok(Next::Wait);
    } else {
        let subject = (message.channel == MessageChannel::Email).then(|| email_subject(&policy.agency));
        Next::Send(Outgoing {
            id,
            channel: message.channel,
            to: message.to.clone(),
            subject,
            text: message.text.clone(),
        })
    };
    let delivery = match &next {
        Next::Fail(reason) => Delivery::Failed { reason: reason.clone() },
        _ => Delivery::Sending,
    };
    office::write_next(&mut *tx, &current, &RecordBody::Message(message.delivered(delivery)), false, None)?;
    tx.commit()?;
    Ok(next)
}

/// Writes what the gateway said of a message it was handed.
fn record_delivery(storage: &dyn Storage, id: RecordId, delivery: Delivery) -> Result<(), ApiError> {
    let mut tx = storage.write()?;
    let current = tx.record(id)?.ok_or(ApiError::NotFound)?;
    let Ok(RecordBody::Message(message)) = current.record.parse_body() else { return Err(ApiError::NotFound) };
    let body = RecordBody::Message(message.delivered(delivery));
    office::write_next(&mut *tx, &current, &body, current.record.deleted, None)?;
    tx.commit()?;
    Ok(())
}

/// One round: every queued message whose debtor is inside the contact hours
/// at `now` goes to `gateway`; the others wait for a later round. Storage
/// work runs on the blocking pool, the gateway's calls on the runtime.
pub async fn dispatch(
    storage: &Arc<dyn Storage>,
    gateway: &impl Gateway,
    now: DateTime<Utc>,
) -> Result<Round, ApiError> {
    let mut round = Round::default();
    let mut after = None;
    loop {
        let held = storage.clone();
        let page = tokio::task::spawn_blocking(move || held.read()?.queued_messages(after, PAGE)).await??;
        let Some(last) = page.last() else { return Ok(round) };
        after = Some(*last);
        for id in page {
            let held = storage.clone();
            let outgoing = match tokio::task::spawn_blocking(move || claim(&*held, id, now)).await?? {
                Next::Wait => {
                    round.waiting += 1;
                    continue;
                }
                Next::Fail(_) => {
                    round.failed += 1;
                    continue;
                }
                Next::Send(outgoing) => outgoing,
            };
            let delivery = match gateway.send(&outgoing).await {
                Ok(reference) => {
                    round.sent += 1;
                    Delivery::Sent { at: now, reference }
                }
                Err(GatewayError::Refused(reason)) => {
                    round.failed += 1;
                    Delivery::Failed { reason }
                }
                // Claimed and not sent: back in the queue for the next round.
                Err(GatewayError::Unavailable(why)) => {
                    tracing::warn!(message = %id, %why, "gateway unavailable; the message waits");
                    round.waiting += 1;
                    Delivery::Queued
                }
            };
            let held = storage.clone();
            tokio::task::spawn_blocking(move || record_delivery(&*held, id, delivery)).await??;
        }
    }
}

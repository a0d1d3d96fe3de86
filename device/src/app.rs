//! The operations behind the gestor's screens, one function each, so that the
//! Tauri shell's commands are one-liners. Store work runs on tokio's blocking
//! pool ([`Store::blocking`]): never on the UI thread, never stalling the runtime.

use std::path::PathBuf;

use campo_core::{
    RecordBody, RecordKind,
    agreement::Agreement,
    blob::{BlobId, ImageType, Photo},
    geo::GeoPoint,
    ids::{DebtorId, RecordId},
    outcome::Channel,
    rules::Refusal,
};
use chrono::{DateTime, NaiveDate, Utc};

use crate::{
    agenda::{Agenda, AgendaFilter},
    error::{DeviceError, Result},
    plans::{PlanPreview, PlanRequest},
    portfolio::{DebtorFile, FilterOptions, PortfolioPage, PortfolioQuery},
    route::DayRoute,
    store::{Addition, ContactAdvice, Draft, Notice, SessionInfo, Status, Store},
    sync::{Progress, SyncOptions, SyncReport},
};

/// Rows each section of the agenda shows at most.
pub const AGENDA_ROWS: u32 = 200;

/// Who is signed in, if anyone.
pub async fn session(store: &Store) -> Result<Option<SessionInfo>> {
    store.blocking(Store::session).await
}

/// Signs in and registers this install with the server.
pub async fn sign_in(
    store: &Store,
    server_url: &str,
    login: &str,
    password: &str,
    device_name: &str,
) -> Result<SessionInfo> {
    crate::sync::login(store, server_url, login, password, device_name).await?;
    session(store).await?.ok_or(DeviceError::NotSignedIn)
}

/// Syncs now, reporting progress as it goes.
pub async fn sync(store: &Store, progress: impl FnMut(&Progress)) -> Result<SyncReport> {
    crate::sync::sync(store, SyncOptions::default(), progress).await
}

/// Counts for the sync screen.
pub async fn status(store: &Store) -> Result<Status> {
    store.blocking(Store::status).await
}

/// Notices the gestor has not dismissed.
pub async fn notices(store: &Store) -> Result<Vec<Notice>> {
    store.blocking(Store::notices).await
}

/// Dismisses notices up to `up_to`.
pub async fn mark_notices_seen(store: &Store, up_to: i64) -> Result<()> {
    store.blocking(move |s| s.mark_notices_seen(up_to)).await
}

/// Today's agenda; `today` is the gestor's local date; `filter`, the counter tapped.
pub async fn agenda(store: &Store, today: NaiveDate, filter: Option<AgendaFilter>) -> Result<Agenda> {
    store.blocking(move |s| s.agenda(today, filter, AGENDA_ROWS)).await
}

/// Today's route from `from`, the gestor's position if the device has one.
pub async fn route(store: &Store, today: NaiveDate, from: Option<GeoPoint>) -> Result<DayRoute> {
    store.blocking(move |s| s.route(today, from)).await
}

/// The portfolio search.
pub async fn search(store: &Store, query: PortfolioQuery, today: NaiveDate) -> Result<PortfolioPage> {
    store.blocking(move |s| s.search(&query, today)).await
}

/// The regions and segments the filters offer.
pub async fn filter_options(store: &Store) -> Result<FilterOptions> {
    store.blocking(Store::filter_options).await
}

/// A debtor's file.
pub async fn debtor_file(store: &Store, debtor: DebtorId, today: NaiveDate) -> Result<DebtorFile> {
    store.blocking(move |s| s.debtor_file(debtor, today)).await
}

/// What the contact rules say of a visit or call to `debtor` at `at`, before
/// the form is filled: the hours and days in the debtor's zone, how often the
/// debtor was approached (the attempts this device holds), and the account's
/// flags. The same rules the server applies; here they warn.
pub async fn contact_rules(
    store: &Store,
    debtor: DebtorId,
    channel: Channel,
    at: DateTime<Utc>,
) -> Result<ContactAdvice> {
    store.blocking(move |s| s.contact_rules(debtor, channel, at)).await
}

/// The messages the gestor may send `debtor` on `today`, filled in.
pub async fn message_drafts(store: &Store, debtor: DebtorId, today: NaiveDate) -> Result<Vec<Draft>> {
    store.blocking(move |s| s.message_drafts(debtor, today)).await
}

/// Saves a visit, call, promise or message from a form. The body is checked by the
/// domain rules; a failure names the field, in Spanish, and stores nothing.
pub async fn save_activity(
    store: &Store,
    debtor: DebtorId,
    kind: RecordKind,
    body: serde_json::Value,
) -> Result<RecordId> {
    if !kind.device_may_create() {
        return Err(Refusal::MayNotCreate { record_kind: kind }.into());
    }
    let body = RecordBody::parse(kind, &body.to_string())?;
    store.blocking(move |s| s.create(debtor, &body)).await
}

/// Saves a new version of the gestor's record `id`, unsent or rejected (a
/// fix, or a justification added), to be sent again.
pub async fn edit_activity(store: &Store, id: RecordId, kind: RecordKind, body: serde_json::Value) -> Result<()> {
    let body = RecordBody::parse(kind, &body.to_string())?;
    store.blocking(move |s| s.edit(id, &body)).await
}

/// Adds a phone, an email or an address the debtor gave the gestor to their account.
pub async fn add_to_account(store: &Store, debtor: DebtorId, addition: Addition) -> Result<()> {
    store.blocking(move |s| s.add_to_account(debtor, &addition)).await
}

/// Cancels the promise `id` (the debtor changed their mind, or a plan
/// replaces it); the server keeps it, cancelled, and derives it no more.
pub async fn cancel_promise(store: &Store, id: RecordId) -> Result<()> {
    store.blocking(move |s| s.cancel_promise(id)).await
}

/// The plan the gestor and the debtor are talking over, worked out (the
/// instalments, whether its discount needs the supervisor), not saved.
pub async fn plan_preview(store: &Store, debtor: DebtorId, request: PlanRequest) -> Result<PlanPreview> {
    store.blocking(move |s| s.plan_preview(debtor, &request)).await
}

/// The written agreement of plan `id`, to show the debtor.
pub async fn agreement(store: &Store, id: RecordId) -> Result<Agreement> {
    store.blocking(move |s| s.agreement(id)).await
}

/// Saves the agreement of plan `id` as a PDF in `dir`; its path.
pub async fn save_agreement_pdf(store: &Store, id: RecordId, dir: PathBuf) -> Result<PathBuf> {
    store.blocking(move |s| s.save_agreement_pdf(id, &dir)).await
}

/// Records that the debtor accepted the supervisor's counter-offer on plan `id`.
pub async fn accept_counter_offer(store: &Store, id: RecordId) -> Result<()> {
    store.blocking(move |s| s.accept_counter_offer(id)).await
}

/// Keeps a photo the visit form attached (bytes already scaled down), for
/// the visit it will be saved with.
pub async fn attach_photo(store: &Store, bytes: Vec<u8>) -> Result<Photo> {
    store.blocking(move |s| s.attach_photo(&bytes)).await
}

/// A photo's bytes and format, for the timeline. The device keeps those it
/// took; one taken on another device (before a reassignment, say) comes from
/// the server the first time it is shown with signal, and is kept from then on.
pub async fn photo(store: &Store, blob: BlobId) -> Result<(ImageType, Vec<u8>)> {
    let held = blob.clone();
    if let Some(photo) = store.blocking(move |s| s.photo(&held)).await? {
        return Ok(photo);
    }
    let (server, token) = store.blocking(Store::token).await?;
    let (bytes, _) = crate::client::Client::new(&server, &token).photo(&blob).await?;
    let kept = bytes.clone();
    let photo = store.blocking(move |s| s.keep_server_photo(&blob, &kept)).await?;
    Ok((photo.image, bytes))
}

/// Signs out and clears the device. With work still unsent, refuses unless
/// `discard` names exactly how many records the gestor agreed to lose.
/// The server is told too, so the token stops working there; offline, the
/// device signs out all the same and the token expires unused.
pub async fn sign_out(store: &Store, discard: Option<u64>) -> Result<()> {
    let session = store.blocking(Store::token).await.ok();
    store.blocking(move |s| s.sign_out(discard)).await?;
    if let Some((server, token)) = session {
        crate::client::Client::new(&server, &token).logout().await;
    }
    Ok(())
}

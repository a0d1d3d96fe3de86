//! The operations behind the gestor's screens, one function each, so that the
//! Tauri shell's commands are one-liners. Store work runs on tokio's blocking
//! pool: never on the UI thread, never stalling the runtime.

use std::sync::Arc;

use campo_core::{
    RecordBody, RecordKind,
    ids::{DebtorId, RecordId},
};
use chrono::NaiveDate;

use crate::{
    error::{DeviceError, Result},
    portfolio::{Agenda, DebtorFile, FilterOptions, PortfolioPage, PortfolioQuery},
    store::{Notice, SessionInfo, Status, Store},
    sync::{Progress, SyncOptions, SyncReport},
};

/// Rows the agenda shows at most.
pub const AGENDA_ROWS: u32 = 200;

async fn blocking<T: Send + 'static>(
    store: &Arc<Store>,
    f: impl FnOnce(&Store) -> Result<T> + Send + 'static,
) -> Result<T> {
    let store = Arc::clone(store);
    tokio::task::spawn_blocking(move || f(&store)).await?
}

/// Who is signed in, if anyone.
pub async fn session(store: &Arc<Store>) -> Result<Option<SessionInfo>> {
    blocking(store, Store::session).await
}

/// Signs in and registers this install with the server.
pub async fn sign_in(
    store: &Arc<Store>,
    server_url: &str,
    login: &str,
    password: &str,
    device_name: &str,
) -> Result<SessionInfo> {
    crate::sync::login(store, server_url, login, password, device_name).await?;
    session(store).await?.ok_or(DeviceError::NotSignedIn)
}

/// Syncs now, reporting progress as it goes.
pub async fn sync(store: &Arc<Store>, progress: impl FnMut(&Progress)) -> Result<SyncReport> {
    crate::sync::sync(store, SyncOptions::default(), progress).await
}

/// Counts for the sync screen.
pub async fn status(store: &Arc<Store>) -> Result<Status> {
    blocking(store, Store::status).await
}

/// Notices the gestor has not dismissed.
pub async fn notices(store: &Arc<Store>) -> Result<Vec<Notice>> {
    blocking(store, Store::notices).await
}

/// Dismisses notices up to `up_to`.
pub async fn mark_notices_seen(store: &Arc<Store>, up_to: i64) -> Result<()> {
    blocking(store, move |s| s.mark_notices_seen(up_to)).await
}

/// Today's agenda; `today` is the gestor's local date.
pub async fn agenda(store: &Arc<Store>, today: NaiveDate) -> Result<Agenda> {
    blocking(store, move |s| s.agenda(today, AGENDA_ROWS)).await
}

/// The portfolio search.
pub async fn search(store: &Arc<Store>, query: PortfolioQuery, today: NaiveDate) -> Result<PortfolioPage> {
    blocking(store, move |s| s.search(&query, today)).await
}

/// The regions and segments the filters offer.
pub async fn filter_options(store: &Arc<Store>) -> Result<FilterOptions> {
    blocking(store, Store::filter_options).await
}

/// A debtor's file.
pub async fn debtor_file(store: &Arc<Store>, debtor: DebtorId, today: NaiveDate) -> Result<DebtorFile> {
    blocking(store, move |s| s.debtor_file(debtor, today)).await
}

/// Saves a visit, call or promise typed in a form. The body is checked by the
/// domain rules; a failure names the field, in Spanish, and stores nothing.
pub async fn save_activity(
    store: &Arc<Store>,
    debtor: DebtorId,
    kind: RecordKind,
    body: serde_json::Value,
) -> Result<RecordId> {
    if !matches!(kind, RecordKind::Visit | RecordKind::Call | RecordKind::Promise) {
        return Err(DeviceError::NotAllowed { message: format!("no puedes registrar {kind} desde el dispositivo") });
    }
    let body = RecordBody::parse(kind, &body.to_string())?;
    blocking(store, move |s| s.create(debtor, &body)).await
}

/// Signs out and clears the device. With work still unsent, refuses unless
/// `discard` names exactly how many records the gestor agreed to lose.
/// The server is told too, so the token stops working there; offline, the
/// device signs out all the same and the token expires unused.
pub async fn sign_out(store: &Arc<Store>, discard: Option<u64>) -> Result<()> {
    let session = store.token().ok();
    blocking(store, move |s| s.sign_out(discard)).await?;
    if let Some((server, token)) = session {
        crate::sync::logout(&server, &token).await;
    }
    Ok(())
}

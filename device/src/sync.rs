//! The sync client: signs in, pushes the outbox, pulls the feed.
//!
//! One sync is: push every pending write (in batches, each under an
//! idempotency key that is kept until the answer is applied), pull pages until
//! the feed is exhausted, then push again whatever the pull left waiting
//! (writes on debtors just reassigned away, writes made meanwhile), then
//! upload the photos of visits the server now holds. Every step
//! is committed locally as it completes, so an interrupted sync resumes where
//! it stopped. The calls themselves are `client.rs`; every SQLite step runs
//! on the blocking pool, so the next page downloads while one is stored.

use campo_core::{
    blob::BlobId,
    wire::{ErrorCode, LoginRequest, LoginResponse, MAX_PHOTO_CHUNK, PullQuery},
};
use serde::Serialize;

use crate::{
    client::Client,
    error::{DeviceError, Result},
    store::{OutboxBatch, PushTally, Store},
};

/// Records per push batch.
pub const PUSH_BATCH: usize = campo_core::wire::MAX_PUSH_RECORDS;

/// Tuning for one sync.
#[derive(Clone, Copy, Debug)]
pub struct SyncOptions {
    /// Records per push batch (at most the server's limit).
    pub push_batch: usize,
    /// Items per pulled page; `None` for the server's default.
    pub page_items: Option<u32>,
}

impl Default for SyncOptions {
    fn default() -> Self {
        Self { push_batch: PUSH_BATCH, page_items: None }
    }
}

/// Progress of a sync, for the screen.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Progress {
    /// A batch of pending writes was acknowledged.
    Pushed {
        /// Records in the batch.
        records: usize,
        /// Compressed bytes sent.
        wire_bytes: usize,
    },
    /// A photo reached the server whole.
    Photo {
        /// Its bytes.
        bytes: u32,
    },
    /// A page of the feed was applied.
    Pulled {
        /// Items in the page.
        items: usize,
        /// The cursor now stored.
        cursor: u64,
        /// Compressed bytes received.
        wire_bytes: usize,
        /// Whether more pages follow.
        more: bool,
    },
}

/// What a sync did.
#[derive(Clone, Debug, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncReport {
    /// Outcomes of pushed writes.
    pub pushed: PushTally,
    /// Feed items applied: records, grants and revocations.
    pub pulled: u64,
    /// Records among them.
    pub records: u64,
    /// Pages pulled.
    pub pages: u64,
    /// Compressed bytes sent.
    pub bytes_sent: u64,
    /// Compressed bytes received from the feed.
    pub bytes_received: u64,
    /// Debtors newly assigned.
    pub granted: u64,
    /// Debtors assigned away and purged.
    pub revoked: u64,
    /// Photos that reached the server whole.
    pub photos: u64,
}

impl SyncReport {
    /// Bytes on the wire per pulled record (grants and revocations are
    /// counted in the bytes, not in the records).
    pub fn bytes_per_record(&self) -> f64 {
        if self.records == 0 { 0.0 } else { self.bytes_received as f64 / self.records as f64 }
    }
}

/// Signs in on this device: registers a new replica with the server and
/// re-stamps any pending work under it.
pub async fn login(
    store: &Store,
    server_url: &str,
    login: &str,
    password: &str,
    device_name: &str,
) -> Result<LoginResponse> {
    let server = server_url.trim_end_matches('/').to_owned();
    let body = LoginRequest { login: login.into(), password: password.into(), device_name: Some(device_name.into()) };
    let (_, response) = Client::login(&server, &body).await?;
    let answer = response.clone();
    store.blocking(move |s| s.begin_session(&server, &answer)).await?;
    Ok(response)
}

/// Runs one full sync; `progress` hears of every batch and page.
/// A second call waits for the first to finish.
pub async fn sync(store: &Store, options: SyncOptions, mut progress: impl FnMut(&Progress)) -> Result<SyncReport> {
    let _one_at_a_time = store.sync_gate().lock().await;
    let (server, token) = store.blocking(Store::token).await?;
    let client = Client::new(&server, &token);
    let mut report = SyncReport::default();
    push_all(store, &client, options, &mut report, &mut progress).await?;
    // The clock lets the server catch a device restored from a backup before
    // the pull skips the writes it made after that backup.
    let (clock, cursor) = store.blocking(|s| Ok((s.clock()?, s.cursor()?))).await?;
    let query = |cursor: u64| PullQuery { cursor, clock: Some(clock), limit: options.page_items, max_bytes: None };
    let territories = tokio::spawn(client.territories());
    // The next page downloads while this one is written to disk.
    let mut next = Some(tokio::spawn(client.pull(&query(cursor))));
    while let Some(pending_page) = next.take() {
        let (page, wire_bytes) = answer(store, pending_page).await?;
        if page.more {
            next = Some(tokio::spawn(client.pull(&query(page.cursor))));
        }
        let pulled = Progress::Pulled { items: page.items.len(), cursor: page.cursor, wire_bytes, more: page.more };
        report.pulled += page.items.len() as u64;
        let tally = store.blocking(move |s| s.apply_page(&page)).await?;
        report.pages += 1;
        report.bytes_received += wire_bytes as u64;
        report.records += tally.records;
        report.granted += tally.granted;
        report.revoked += tally.revoked.len() as u64;
        progress(&pulled);
    }
    let (territories, _) = answer(store, territories).await?;
    store.blocking(move |s| s.put_territories(&territories)).await?;
    push_all(store, &client, options, &mut report, &mut progress).await?;
    upload_photos(store, &client, &mut report, &mut progress).await?;
    store.blocking(Store::finish_sync).await?;
    Ok(report)
}

/// Uploads the photos of visits the server holds, each from where the
/// server's copy ends, in chunks: a connection lost mid-photo costs one chunk.
async fn upload_photos(
    store: &Store,
    client: &Client,
    report: &mut SyncReport,
    progress: &mut impl FnMut(&Progress),
) -> Result<()> {
    for photo in store.blocking(Store::photos_due).await? {
        match upload_photo(store, client, &photo.blob, report).await? {
            Upload::Held => {}
            Upload::Sent => {
                report.photos += 1;
                progress(&Progress::Photo { bytes: photo.bytes });
            }
            // It stays waiting, and counted on the sync screen, rather than stop every later sync.
            Upload::Refused(why) => {
                tracing::warn!(blob = %photo.blob, %why, "the server does not take this photo");
                continue;
            }
        }
        let blob = photo.blob.clone();
        store.blocking(move |s| s.photo_uploaded(&blob)).await?;
    }
    Ok(())
}

/// What came of uploading one photo.
enum Upload {
    /// The server held it whole already.
    Held,
    /// It is whole on the server now.
    Sent,
    /// The server knows no visit of ours that names it, or its bytes are not
    /// what the visit declares.
    Refused(String),
}

async fn upload_photo(store: &Store, client: &Client, blob: &BlobId, report: &mut SyncReport) -> Result<Upload> {
    let refused = |e: DeviceError| match e {
        DeviceError::Server { code: ErrorCode::NotFound | ErrorCode::InvalidValue, message } => {
            Ok(Upload::Refused(message))
        }
        e => Err(e),
    };
    let mut status = match answer(store, tokio::spawn(client.photo_status(blob))).await {
        Ok((status, _)) if status.complete => return Ok(Upload::Held),
        Ok((status, _)) => status,
        Err(e) => return refused(e),
    };
    let held = blob.clone();
    let bytes = store
        .blocking(move |s| s.photo(&held))
        .await?
        .map(|(_, bytes)| bytes)
        .ok_or_else(|| DeviceError::NotFound { what: "una foto de la visita".into() })?;
    while !status.complete {
        let start = usize::try_from(status.received).unwrap_or(usize::MAX).min(bytes.len());
        let chunk = bytes[start..(start + MAX_PHOTO_CHUNK).min(bytes.len())].to_vec();
        report.bytes_sent += chunk.len() as u64;
        status = match answer(store, tokio::spawn(client.put_photo(blob, status.received, chunk))).await {
            Ok((status, _)) => status,
            // The server holds another length (a chunk that arrived though its
            // answer did not): ask again and go on from there.
            Err(DeviceError::Server { code: ErrorCode::StaleVersion, .. }) => {
                answer(store, tokio::spawn(client.photo_status(blob))).await?.0
            }
            Err(e) => return refused(e),
        };
    }
    Ok(Upload::Sent)
}

/// The answer to a request sent on its own task.
async fn answer<T>(store: &Store, sent: tokio::task::JoinHandle<Result<(T, usize)>>) -> Result<(T, usize)> {
    match sent.await? {
        // A refused session is forgotten so the UI asks the gestor to sign in.
        Err(DeviceError::SignInAgain) => {
            store.blocking(Store::drop_token).await?;
            Err(DeviceError::SignInAgain)
        }
        other => other,
    }
}

/// Pushes every pending write. Batches go to the server one at a time, in
/// order, but the device's own work overlaps the server's: the next batch is
/// made while one is out, and sent before the answer to that one is applied.
async fn push_all(
    store: &Store,
    client: &Client,
    options: SyncOptions,
    report: &mut SyncReport,
    progress: &mut impl FnMut(&Progress),
) -> Result<()> {
    let limit = options.push_batch;
    let next_batch = |after: Option<i64>| store.blocking(move |s| s.next_batch(after, limit));
    let dispatch = |batch: OutboxBatch| {
        let (answer, wire_bytes) = client.push(&batch.key, &batch.request);
        (batch, tokio::spawn(answer), wire_bytes)
    };
    let Some(first) = next_batch(None).await? else {
        return Ok(());
    };
    let mut out = dispatch(first);
    loop {
        let (batch, sent, wire_bytes) = out;
        let id = batch.id;
        let next = next_batch(Some(id)).await?;
        let (response, _) = answer(store, sent).await?;
        let following = next.map(dispatch);
        let records = response.results.len();
        let tally = store.blocking(move |s| s.apply_push(&batch, &response)).await?;
        report.pushed.accepted += tally.accepted;
        report.pushed.already_known += tally.already_known;
        report.pushed.merged += tally.merged;
        report.pushed.rejected += tally.rejected;
        report.bytes_sent += wire_bytes as u64;
        progress(&Progress::Pushed { records, wire_bytes });
        out = match following {
            Some(following) => following,
            // A write held back by the batch just applied may go now.
            None => match next_batch(Some(id)).await? {
                Some(next) => dispatch(next),
                None => return Ok(()),
            },
        };
    }
}

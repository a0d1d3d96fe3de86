//! The sync client: signs in, pushes the outbox, pulls the feed.
//!
//! One sync is: push every pending write (in batches, each under an
//! idempotency key that is kept until the answer is applied), pull pages until
//! the feed is exhausted, then push again whatever the pull left waiting
//! (writes on debtors just reassigned away, writes made meanwhile). Every step
//! is committed locally as it completes, so an interrupted sync resumes where
//! it stopped. Bodies are gzipped both ways and the wire bytes are counted.

use std::io::{Read, Write};

use campo_core::wire::{
    ErrorBody, ErrorCode, IDEMPOTENCY_HEADER, LoginRequest, LoginResponse, PROTOCOL_HEADER, PROTOCOL_VERSION, PullPage,
    PushResponse, Territory,
};
use flate2::{Compression, read::GzDecoder, write::GzEncoder};
use reqwest::{Method, RequestBuilder, header};
use serde::{Serialize, de::DeserializeOwned};

use crate::{
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
}

impl SyncReport {
    /// Bytes on the wire per pulled record (grants and revocations are
    /// counted in the bytes, not in the records).
    pub fn bytes_per_record(&self) -> f64 {
        if self.records == 0 { 0.0 } else { self.bytes_received as f64 / self.records as f64 }
    }
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(std::time::Duration::from_secs(15))
        .timeout(std::time::Duration::from_secs(120))
        .build()
        .unwrap_or_else(|e| unreachable!("a client with timeouts always builds: {e}"))
}

fn request(client: &reqwest::Client, method: Method, url: String, token: Option<&str>) -> RequestBuilder {
    let builder = client
        .request(method, url)
        .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
        .header(header::ACCEPT_ENCODING, "gzip");
    match token {
        Some(token) => builder.bearer_auth(token),
        None => builder,
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(bytes).and_then(|()| encoder.finish()).unwrap_or_else(|e| unreachable!("writing to memory: {e}"))
}

/// Sends a request; returns the parsed answer and its size on the wire.
async fn send<T: DeserializeOwned>(builder: RequestBuilder) -> Result<(T, usize)> {
    let response = builder.send().await?;
    let status = response.status();
    let gzipped = response.headers().get(header::CONTENT_ENCODING).is_some_and(|v| v == "gzip");
    let wire = response.bytes().await?;
    let mut body = Vec::new();
    if gzipped {
        GzDecoder::new(&wire[..])
            .read_to_end(&mut body)
            .map_err(|e| DeviceError::BadAnswer { message: format!("gzip: {e}") })?;
    } else {
        body.extend_from_slice(&wire);
    }
    if !status.is_success() {
        let error: ErrorBody = serde_json::from_slice(&body)
            .map_err(|_| DeviceError::BadAnswer { message: format!("el servidor respondió {status}") })?;
        return Err(match error.error {
            ErrorCode::Unauthorized | ErrorCode::ReplicaRewound => DeviceError::SignInAgain,
            code => DeviceError::Server { code, message: error.message },
        });
    }
    let value = serde_json::from_slice(&body)
        .map_err(|e| DeviceError::BadAnswer { message: format!("respuesta ilegible: {e}") })?;
    Ok((value, wire.len()))
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
    let server_url = server_url.trim_end_matches('/');
    let body = LoginRequest { login: login.into(), password: password.into(), device_name: Some(device_name.into()) };
    let builder = request(&http(), Method::POST, format!("{server_url}/v1/login"), None).json(&body);
    let response = match send::<LoginResponse>(builder).await {
        Err(DeviceError::SignInAgain) => {
            return Err(DeviceError::Server {
                code: ErrorCode::Unauthorized,
                message: "usuario o contraseña incorrectos".into(),
            });
        }
        other => other?.0,
    };
    store.begin_session(server_url, &response)?;
    Ok(response)
}

/// Tells the server this device's session is over. Best effort: the device
/// has signed out already, and a token nobody uses expires on its own.
pub(crate) async fn logout(server: &str, token: &str) {
    let builder = request(&http(), Method::POST, format!("{server}/v1/logout"), Some(token));
    if let Err(e) = builder.send().await.and_then(reqwest::Response::error_for_status) {
        tracing::info!(error = %e, "the server did not hear of the sign-out");
    }
}

/// Runs one full sync; `progress` hears of every batch and page.
/// A second call waits for the first to finish.
pub async fn sync(store: &Store, options: SyncOptions, mut progress: impl FnMut(&Progress)) -> Result<SyncReport> {
    let _one_at_a_time = store.sync_gate.lock().await;
    let (server, token) = store.token()?;
    let client = http();
    let mut report = SyncReport::default();
    push_all(store, &client, &server, &token, options, &mut report, &mut progress).await?;
    // The next page is fetched while this one is written to disk.
    // The clock lets the server catch a device restored from a backup before
    // the pull skips the writes it made after that backup.
    let clock = store.clock()?;
    let fetch = |cursor: u64| {
        let mut url = format!("{server}/v1/sync/pull?cursor={cursor}&clock={clock}");
        if let Some(limit) = options.page_items {
            url.push_str(&format!("&limit={limit}"));
        }
        tokio::spawn(send::<PullPage>(request(&client, Method::GET, url, Some(&token))))
    };
    let territories = tokio::spawn(send::<Vec<Territory>>(request(
        &client,
        Method::GET,
        format!("{server}/v1/territories"),
        Some(&token),
    )));
    let mut next = Some(fetch(store.cursor()?));
    while let Some(pending_page) = next.take() {
        let (page, wire_bytes) = answer(store, pending_page).await?;
        if page.more {
            next = Some(fetch(page.cursor));
        }
        let tally = store.apply_page(&page)?;
        report.pulled += page.items.len() as u64;
        report.pages += 1;
        report.bytes_received += wire_bytes as u64;
        report.records += tally.records;
        report.granted += tally.granted;
        report.revoked += tally.revoked.len() as u64;
        progress(&Progress::Pulled { items: page.items.len(), cursor: page.cursor, wire_bytes, more: page.more });
    }
    let (territories, _) = answer(store, territories).await?;
    store.put_territories(&territories)?;
    push_all(store, &client, &server, &token, options, &mut report, &mut progress).await?;
    store.finish_sync()?;
    Ok(report)
}

/// The answer to a request sent on its own task.
async fn answer<T>(store: &Store, sent: tokio::task::JoinHandle<Result<(T, usize)>>) -> Result<(T, usize)> {
    sent.await?.map_err(|e| signed_out(store, e))
}

/// A refused session is forgotten so the UI asks the gestor to sign in.
fn signed_out(store: &Store, error: DeviceError) -> DeviceError {
    if matches!(error, DeviceError::SignInAgain)
        && let Err(e) = store.drop_token()
    {
        return e;
    }
    error
}

/// Pushes every pending write. Batches go to the server one at a time, in
/// order, but the device's own work overlaps the server's: the next batch is
/// made while one is out, and sent before the answer to that one is applied.
async fn push_all(
    store: &Store,
    client: &reqwest::Client,
    server: &str,
    token: &str,
    options: SyncOptions,
    report: &mut SyncReport,
    progress: &mut impl FnMut(&Progress),
) -> Result<()> {
    let dispatch = |batch: OutboxBatch| {
        let body = gzip(batch.request.as_bytes());
        let wire_bytes = body.len();
        let builder = request(client, Method::POST, format!("{server}/v1/sync/push"), Some(token))
            .header(IDEMPOTENCY_HEADER, &batch.key)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::CONTENT_ENCODING, "gzip")
            .body(body);
        (batch, tokio::spawn(send::<PushResponse>(builder)), wire_bytes)
    };
    let Some(first) = store.next_batch(None, options.push_batch)? else {
        return Ok(());
    };
    let mut out = dispatch(first);
    loop {
        let (batch, sent, wire_bytes) = out;
        let next = store.next_batch(Some(batch.id), options.push_batch)?;
        let (response, _) = answer(store, sent).await?;
        let following = next.map(dispatch);
        let tally = store.apply_push(&batch, &response)?;
        report.pushed.accepted += tally.accepted;
        report.pushed.already_known += tally.already_known;
        report.pushed.merged += tally.merged;
        report.pushed.rejected += tally.rejected;
        report.bytes_sent += wire_bytes as u64;
        progress(&Progress::Pushed { records: response.results.len(), wire_bytes });
        out = match following {
            Some(following) => following,
            // A write held back by the batch just applied may go now.
            None => match store.next_batch(Some(batch.id), options.push_batch)? {
                Some(next) => dispatch(next),
                None => return Ok(()),
            },
        };
    }
}

//! The sync server's API as typed calls: sign in and out, push a batch, pull
//! a page, upload a photo, list the regions. One place knows the paths, the headers (protocol
//! version, bearer token, idempotency key, gzip both ways) and how an answer
//! is read; the sync loop and the test harness call these.
//!
//! Every call reports the bytes that crossed the wire, and an error is typed:
//! a network that fails is `Offline`, an answer that cannot be read is
//! `BadAnswer`, a refused session is `SignInAgain`.

use std::{
    future::Future,
    io::{Read, Write},
    sync::Arc,
};

use campo_core::{
    blob::BlobId,
    wire::{
        DEVICE_TIME_HEADER, ErrorBody, ErrorCode, IDEMPOTENCY_HEADER, LoginRequest, LoginResponse, PROTOCOL_HEADER,
        PROTOCOL_VERSION, PhotoChunk, PhotoStatus, PullPage, PullQuery, PushResponse, Territory,
    },
};
use flate2::{Compression, read::GzDecoder, write::GzEncoder};
use reqwest::{Method, RequestBuilder, header};
use serde::de::DeserializeOwned;

use crate::error::{DeviceError, Result};

/// A session with the sync server. Cheap to clone: clones share the
/// connection pool, so a request can be sent from its own task.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    server: Arc<str>,
    token: Arc<str>,
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(std::time::Duration::from_secs(15))
        .timeout(std::time::Duration::from_secs(120))
        .build()
        .unwrap_or_else(|e| unreachable!("a client with timeouts always builds: {e}"))
}

fn request(http: &reqwest::Client, method: Method, url: String, token: Option<&str>) -> RequestBuilder {
    let builder = http
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
    let (body, wire) = send_raw(builder).await?;
    let value = serde_json::from_slice(&body)
        .map_err(|e| DeviceError::BadAnswer { message: format!("respuesta ilegible: {e}") })?;
    Ok((value, wire))
}

/// Sends a request; returns the answer's bytes and their size on the wire.
async fn send_raw(builder: RequestBuilder) -> Result<(Vec<u8>, usize)> {
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
        let error: ErrorBody = serde_json::from_slice(&body).map_err(|_| {
            let message = format!("el servidor respondió {status}");
            // A proxy's page while the server restarts is no connection to it, not a strange network.
            match status.as_u16() {
                502..=504 => DeviceError::Offline { message },
                _ => DeviceError::BadAnswer { message },
            }
        })?;
        return Err(match error.error {
            ErrorCode::Unauthorized | ErrorCode::ReplicaRewound => DeviceError::SignInAgain,
            code => DeviceError::Server { code, message: error.message },
        });
    }
    Ok((body, wire.len()))
}

impl Client {
    /// Signs in at `server` (no trailing slash). A wrong login or password is
    /// `Server { code: Unauthorized }`, not "sign in again".
    pub async fn login(server: &str, body: &LoginRequest) -> Result<(Self, LoginResponse)> {
        let builder = request(&http(), Method::POST, format!("{server}/v1/login"), None).json(body);
        let response = match send::<LoginResponse>(builder).await {
            Err(DeviceError::SignInAgain) => {
                return Err(DeviceError::Server {
                    code: ErrorCode::Unauthorized,
                    message: "usuario o contraseña incorrectos".into(),
                });
            }
            other => other?.0,
        };
        Ok((Self::new(server, &response.token), response))
    }

    /// A session already held: `token` at `server`.
    pub fn new(server: &str, token: &str) -> Self {
        Self { http: http(), server: server.into(), token: token.into() }
    }

    fn call(&self, method: Method, path: &str) -> RequestBuilder {
        request(&self.http, method, format!("{}{path}", self.server), Some(&self.token))
    }

    /// Pushes a batch's request body (JSON, sent byte for byte on every try)
    /// under its idempotency `key`. Returns the answer, the bytes sent and the
    /// bytes received.
    pub fn push(
        &self,
        key: &str,
        request: &str,
    ) -> (impl Future<Output = Result<(PushResponse, usize)>> + use<>, usize) {
        let body = gzip(request.as_bytes());
        let sent = body.len();
        let builder = self
            .call(Method::POST, "/v1/sync/push")
            .header(IDEMPOTENCY_HEADER, key)
            .header(DEVICE_TIME_HEADER, chrono::Utc::now().to_rfc3339())
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::CONTENT_ENCODING, "gzip")
            .body(body);
        (send::<PushResponse>(builder), sent)
    }

    /// The feed page `query` asks for, and its bytes on the wire.
    pub fn pull(&self, query: &PullQuery) -> impl Future<Output = Result<(PullPage, usize)>> + use<> {
        send::<PullPage>(self.call(Method::GET, "/v1/sync/pull").query(query))
    }

    /// How much of `blob` the server holds.
    pub fn photo_status(&self, blob: &BlobId) -> impl Future<Output = Result<(PhotoStatus, usize)>> + use<> {
        send::<PhotoStatus>(self.call(Method::GET, &format!("/v1/photos/{blob}/status")))
    }

    /// Sends `chunk` of `blob`, starting at byte `offset` of the photo.
    pub fn put_photo(
        &self,
        blob: &BlobId,
        offset: u64,
        chunk: Vec<u8>,
    ) -> impl Future<Output = Result<(PhotoStatus, usize)>> + use<> {
        let builder = self
            .call(Method::PUT, &format!("/v1/photos/{blob}"))
            .query(&PhotoChunk { offset })
            .header(header::CONTENT_TYPE, "application/octet-stream")
            .body(chunk);
        send::<PhotoStatus>(builder)
    }

    /// A photo's bytes, as the server holds them.
    pub fn photo(&self, blob: &BlobId) -> impl Future<Output = Result<(Vec<u8>, usize)>> + use<> {
        send_raw(self.call(Method::GET, &format!("/v1/photos/{blob}")))
    }

    /// The regions of the gestor's portfolio, by name.
    pub fn territories(&self) -> impl Future<Output = Result<(Vec<Territory>, usize)>> + use<> {
        send::<Vec<Territory>>(self.call(Method::GET, "/v1/territories"))
    }

    /// Ends the session on the server. Best effort: the device has signed
    /// out already, and a token nobody uses expires on its own.
    pub async fn logout(&self) {
        if let Err(e) = self.call(Method::POST, "/v1/logout").send().await.and_then(reqwest::Response::error_for_status)
        {
            tracing::info!(error = %e, "the server did not hear of the sign-out");
        }
    }
}

//! What handlers take from a request: who is asking (by role), and bodies,
//! queries and paths that fail with our error shape, naming what is wrong.

use axum::{
    body::Bytes,
    extract::{FromRequest, FromRequestParts, Path, Query, Request},
    http::{StatusCode, header, request::Parts},
};
use campo_core::{
    ids::ReplicaId,
    wire::{MAX_BODY_BYTES, Role, UserInfo},
};
use serde::de::DeserializeOwned;

use super::AppState;
use crate::{auth, error::ApiError, store::Session};

/// Anyone signed in, with the hash of the token they came with.
pub struct Auth {
    /// Who.
    pub session: Session,
    /// The token's hash, to end this session.
    pub token_hash: Vec<u8>,
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        let token = match bearer {
            Some(token) => token,
            None => {
                let token = cookie_token(&parts.headers)
                    .ok_or(ApiError::Unauthorized("falta el token de acceso: inicia sesión"))?;
                check_same_origin(parts)?;
                token
            }
        };
        let hash = auth::token_hash(token);
        let lookup = hash.clone();
        let ended = ApiError::Unauthorized("tu sesión venció o se cerró: inicia sesión de nuevo");
        let session = state.read(move |tx| Ok(tx.session(&lookup)?)).await?.ok_or(ended)?;
        let (device, now) = (session.replica.is_some(), chrono::Utc::now());
        if !auth::within_lifetime(session.created_at, device, now) {
            return Err(ApiError::Unauthorized("tu sesión llegó a su límite de horas: inicia sesión de nuevo"));
        }
        // A token in use stays good: renewed now and then, not on every request.
        let until = auth::renewed_until(session.created_at, device, now);
        if auth::renewal_due(session.expires_at, device) && until > session.expires_at {
            let renewed = hash.clone();
            state.write(move |tx| Ok(tx.renew_token(&renewed, until)?)).await?;
        }
        Ok(Self { session, token_hash: hash })
    }
}

/// The console's session cookie, over plain HTTP (a server on a laptop or
/// in a test) and over HTTPS, where the `__Host-` prefix makes the browser
/// keep it only as sent: Secure, for this host alone, for every path.
const SESSION_COOKIE: &str = "campo_session";
const SECURE_SESSION_COOKIE: &str = "__Host-campo_session";

/// Whether the browser reached the server over HTTPS, as the TLS proxy in
/// front says (`X-Forwarded-Proto`). A client on plain HTTP that claims it
/// only gets a cookie its browser will not send back over HTTP.
pub(super) fn over_https(headers: &axum::http::HeaderMap) -> bool {
    let proto = headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok());
    proto.and_then(|p| p.split(',').next()).is_some_and(|p| p.trim().eq_ignore_ascii_case("https"))
}

/// The `Set-Cookie` value that carries a console session: out of page
/// scripts' reach, never sent by another site, for the whole server (the
/// console's pages and the API), ending with the browser unless the server
/// ends it first; over HTTPS, sent over HTTPS only.
pub(super) fn session_cookie(token: &str, https: bool) -> String {
    if https {
        format!("{SECURE_SESSION_COOKIE}={token}; Path=/; Secure; HttpOnly; SameSite=Strict")
    } else {
        format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict")
    }
}

/// The `Set-Cookie` value that clears the console session.
pub(super) fn cleared_cookie(https: bool) -> String {
    session_cookie("", https) + "; Max-Age=0"
}

/// The console session's token, from the request's cookies.
pub(super) fn cookie_token(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let pair = pair.trim();
            pair.strip_prefix(SECURE_SESSION_COOKIE).or_else(|| pair.strip_prefix(SESSION_COOKIE))?.strip_prefix('=')
        })
        .filter(|token| !token.is_empty())
}

/// A request riding on the session cookie that says it comes from a page of
/// another site is refused. SameSite=Strict already keeps browsers from
/// sending the cookie along, and every `/v1` call needs the protocol header,
/// which no form can send and no other origin may without our consent (we
/// answer no CORS preflight): this is the third lock on the door. Browsers
/// say where a request comes from in `Sec-Fetch-Site`, which survives a
/// proxy that rewrites `Host`; older ones only in `Origin`, compared with
/// `Host` as the browser addressed it.
fn check_same_origin(parts: &Parts) -> Result<(), ApiError> {
    let header = |name| parts.headers.get(name).and_then(|v: &axum::http::HeaderValue| v.to_str().ok());
    let same = match (header(header::HeaderName::from_static("sec-fetch-site")), header(header::ORIGIN)) {
        (Some(site), _) => matches!(site, "same-origin" | "none"),
        (None, None) => true,
        (None, Some(origin)) => {
            let origin_host = origin.split_once("://").map(|(_, rest)| rest);
            origin_host.zip(header(header::HOST)).is_some_and(|(o, h)| o.eq_ignore_ascii_case(h))
        }
    };
    if !same {
        return Err(ApiError::Refused(campo_core::wire::OfficeRefusal::CrossSite));
    }
    Ok(())
}

/// A gestor, from their device (`replica`) or a session without one.
pub struct Gestor {
    /// Who.
    pub user: UserInfo,
    /// Their device install, if the session is a device's.
    pub replica: Option<ReplicaId>,
}

impl FromRequestParts<AppState> for Gestor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Auth { session, .. } = Auth::from_request_parts(parts, state).await?;
        if session.user.role != Role::Gestor {
            return Err(ApiError::Forbidden);
        }
        Ok(Self { user: session.user, replica: session.replica })
    }
}

/// A supervisor, coordinator or admin: someone working in the console.
pub struct OfficeUser(pub UserInfo);

impl FromRequestParts<AppState> for OfficeUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Auth { session, .. } = Auth::from_request_parts(parts, state).await?;
        if session.user.role == Role::Gestor {
            return Err(ApiError::Forbidden);
        }
        Ok(Self(session.user))
    }
}

/// A coordinator or an admin: someone who moves accounts and imports the
/// lender's files.
pub struct Coordinator(pub UserInfo);

impl FromRequestParts<AppState> for Coordinator {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let OfficeUser(user) = OfficeUser::from_request_parts(parts, state).await?;
        if !matches!(user.role, Role::Coordinator | Role::Admin) {
            return Err(ApiError::Forbidden);
        }
        Ok(Self(user))
    }
}

/// An admin.
pub struct Admin(pub UserInfo);

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let OfficeUser(user) = OfficeUser::from_request_parts(parts, state).await?;
        if user.role != Role::Admin {
            return Err(ApiError::Forbidden);
        }
        Ok(Self(user))
    }
}

/// Parses a JSON body, naming where it is wrong (`records[3].base_vv: …`).
/// Anything after the value is refused too: a body means one thing only.
pub(super) fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut json = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut json).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        // The position means nothing to whoever reads the message; the path does.
        let text = inner.to_string();
        let position = format!(" at line {} column {}", inner.line(), inner.column());
        let text = text.strip_suffix(&position).unwrap_or(&text);
        ApiError::Malformed(if path == "." { text.to_owned() } else { format!("{path}: {text}") })
    })?;
    json.end().map_err(|e| ApiError::Malformed(format!("sobran datos después del JSON ({e})")))?;
    Ok(value)
}

/// A body read within [`MAX_BODY_BYTES`] (after decompression).
pub(super) async fn body_bytes(req: Request, state: &AppState) -> Result<Bytes, ApiError> {
    Bytes::from_request(req, state).await.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge(format!("la solicitud supera {} MiB", MAX_BODY_BYTES / (1024 * 1024)))
        } else {
            ApiError::Malformed(e.body_text())
        }
    })
}

/// JSON in, with our error shape instead of axum's plain-text rejections.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, ApiError> {
        parse_json(&body_bytes(req, state).await?).map(ApiJson)
    }
}

/// Query parameters, with our error shape.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned> FromRequestParts<AppState> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(q)| ApiQuery(q))
            .map_err(|e| ApiError::Malformed(e.body_text()))
    }
}

/// A path id, with our error shape.
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequestParts<AppState> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(p)| ApiPath(p))
            .map_err(|e| ApiError::Malformed(e.body_text()))
    }
}

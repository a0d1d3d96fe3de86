//! Signing in and out, and an admin ending a user's sessions.

use std::net::SocketAddr;

use axum::{
    Json,
    extract::{ConnectInfo, State},
    http::{HeaderMap, HeaderName, StatusCode, header},
    response::AppendHeaders,
};
use campo_core::{
    ids::{ReplicaId, UserId},
    wire::{ConsoleLogin, ErrorBody, LoginRequest, LoginResponse, RevokeResponse, Role, UserInfo},
};

use super::{
    AppState,
    extract::{self, Admin, ApiJson, ApiPath, Auth, OfficeUser},
};
use crate::{
    auth,
    error::ApiError,
    store::{AuditEntry, Tx},
};

/// Signs in. With `device_name`, registers a new device install (gestores
/// only) and returns its replica id. Failed attempts slow down further ones
/// from the same login or address (`429` with `Retry-After`).
#[utoipa::path(post, path = "/v1/login", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 429, body = ErrorBody, description = "Too many failed attempts; see Retry-After")))]
pub(super) async fn login(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, ApiError> {
    let device_name = req.device_name.as_deref().map(auth::device_name).transpose()?;
    let user = authenticate(&state, client, &req.login, req.password).await?;
    if device_name.is_some() && user.role != Role::Gestor {
        return Err(ApiError::Forbidden);
    }
    let response = state
        .write(move |tx| {
            let replica_id = match device_name {
                Some(name) => {
                    let id = ReplicaId::generate();
                    tx.insert_replica(id, user.id, &name)?;
                    Some(id)
                }
                None => None,
            };
            let token = open_session(tx, user.id, replica_id)?;
            Ok(LoginResponse { token, replica_id, user })
        })
        .await?;
    tracing::info!(user = %response.user.id, device = response.replica_id.is_some(), "signed in");
    Ok(Json(response))
}

/// Signs in to the console: supervisors, coordinators and admins only. The
/// session rides in an HttpOnly, SameSite=Strict cookie that page scripts
/// cannot read and other sites cannot send (Secure and `__Host-` behind a
/// TLS proxy that says `X-Forwarded-Proto: https`); it ends after
/// [`auth::CONSOLE_TOKEN_TTL`] unused, or at logout.
#[utoipa::path(post, path = "/v1/console/session", request_body = ConsoleLogin,
    responses((status = 200, body = UserInfo, description = "Signed in; the session cookie is set"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody, description = "A gestor: the console is for the office"),
        (status = 429, body = ErrorBody, description = "Too many failed attempts; see Retry-After")))]
pub(super) async fn console_login(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<ConsoleLogin>,
) -> Result<(AppendHeaders<[(HeaderName, String); 1]>, Json<UserInfo>), ApiError> {
    let user = authenticate(&state, client, &req.login, req.password).await?;
    if user.role == Role::Gestor {
        return Err(ApiError::OfficeOnly);
    }
    let id = user.id;
    let token = state.write(move |tx| open_session(tx, id, None)).await?;
    tracing::info!(user = %user.id, "signed in to the console");
    let cookie = extract::session_cookie(&token, extract::over_https(&headers));
    Ok((AppendHeaders([(header::SET_COOKIE, cookie)]), Json(user)))
}

/// Who is signed in to the console, for a page loaded with a session cookie.
#[utoipa::path(get, path = "/v1/console/session",
    responses((status = 200, body = UserInfo), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub(super) async fn console_session(OfficeUser(user): OfficeUser) -> Json<UserInfo> {
    Json(user)
}

/// Signs out of the console: the session (if the cookie still names one)
/// ends on the server, and the cookie is cleared whatever it held, so that a
/// browser left with a dead cookie is signed out too.
#[utoipa::path(delete, path = "/v1/console/session", responses((status = 204)))]
pub(super) async fn console_logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<(StatusCode, AppendHeaders<[(HeaderName, String); 1]>), ApiError> {
    if let Some(token) = extract::cookie_token(&headers) {
        let hash = auth::token_hash(token);
        state
            .write(move |tx| {
                if let Some(session) = tx.session(&hash)? {
                    tx.revoke_token(&hash)?;
                    audit_session(tx, "sign_out", session.user.id, None)?;
                    tracing::info!(user = %session.user.id, "signed out of the console");
                }
                Ok(())
            })
            .await?;
    }
    let cleared = extract::cleared_cookie(extract::over_https(&headers));
    Ok((StatusCode::NO_CONTENT, AppendHeaders([(header::SET_COOKIE, cleared)])))
}

/// Checks a login and password, slowing down guesses from the same login
/// or address; the user they belong to.
async fn authenticate(
    state: &AppState,
    client: SocketAddr,
    login: &str,
    password: String,
) -> Result<UserInfo, ApiError> {
    let login = auth::login_name(login)?;
    let throttled = |state: &AppState, login: &str| match state.throttle.wait(login, client.ip()) {
        Some(wait) => Err(ApiError::TooManyAttempts(wait)),
        None => Ok(()),
    };
    throttled(state, &login)?;
    let lookup = login.clone();
    let found = state.read(move |tx| Ok(tx.user_by_login(&lookup)?)).await?;
    let (user, hash) = found.map_or((None, None), |(u, h)| (Some(u), Some(h)));
    // Hashing runs with no transaction open, on the blocking pool, a bounded
    // number at a time: guessing clients cannot stall the sync.
    let (verified, turn) =
        state.hash(|| throttled(state, &login), move || auth::verify_login(&password, hash.as_deref())).await?;
    let Some(user) = user.filter(|_| verified) else {
        state.throttle.fail(&login, client.ip());
        tracing::info!(client = %client.ip(), "failed sign-in");
        return Err(ApiError::Unauthorized("usuario o contraseña incorrectos"));
    };
    state.throttle.succeed(&login);
    drop(turn);
    Ok(user)
}

/// A new session of `user` (from device `replica`, if any), in the audit
/// log; its token.
fn open_session(tx: &mut dyn Tx, user: UserId, replica: Option<ReplicaId>) -> Result<String, ApiError> {
    let (token, token_hash) = auth::new_token();
    let expires_at = chrono::Utc::now() + auth::token_ttl(replica.is_some());
    tx.insert_token(&token_hash, user, replica, expires_at)?;
    audit_session(tx, "sign_in", user, replica)?;
    Ok(token)
}

/// A session begun or ended, for the audit log: from which device, or the console.
fn audit_session(
    tx: &mut dyn Tx,
    action: &'static str,
    user: UserId,
    replica: Option<ReplicaId>,
) -> Result<(), ApiError> {
    let detail = serde_json::json!({ "device": replica });
    tx.put_audit(&AuditEntry { user: Some(user), action, target: Some(user.to_string()), detail: &detail })?;
    Ok(())
}

/// Ends this session on the server: its token stops working at once.
#[utoipa::path(post, path = "/v1/logout", responses((status = 204), (status = 401, body = ErrorBody)))]
pub(super) async fn logout(State(state): State<AppState>, who: Auth) -> Result<StatusCode, ApiError> {
    let (hash, user, replica) = (who.token_hash, who.session.user.id, who.session.replica);
    state
        .write(move |tx| {
            tx.revoke_token(&hash)?;
            audit_session(tx, "sign_out", user, replica)
        })
        .await?;
    tracing::info!(user = %who.session.user.id, "signed out");
    Ok(StatusCode::NO_CONTENT)
}

/// Ends every session of a user, on every device (a lost phone, someone who
/// left): their devices must sign in again, and keep their unsent work.
#[utoipa::path(post, path = "/v1/users/{id}/revoke-sessions", params(("id" = UserId, Path)),
    responses((status = 200, body = RevokeResponse), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(super) async fn revoke_sessions(
    State(state): State<AppState>,
    Admin(admin): Admin,
    ApiPath(id): ApiPath<UserId>,
) -> Result<Json<RevokeResponse>, ApiError> {
    let revoked = state
        .write(move |tx| {
            tx.user(id)?.ok_or(ApiError::NotFound)?;
            let revoked = tx.revoke_user_tokens(id)?;
            let detail = serde_json::json!({ "revoked": revoked });
            tx.put_audit(&AuditEntry {
                user: Some(admin.id),
                action: "revoke_sessions",
                target: Some(id.to_string()),
                detail: &detail,
            })?;
            Ok(revoked)
        })
        .await?;
    Ok(Json(RevokeResponse { revoked }))
}

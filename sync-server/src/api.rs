//! The HTTP API: routes, extractors and the OpenAPI document.
//!
//! Handlers are thin: they authenticate, parse, and hand a closure to
//! [`AppState::write`] or [`AppState::read`], which run it in one storage
//! transaction on the blocking pool. The logic lives in [`crate::sync`] and
//! [`crate::office`].

use std::sync::Arc;

use axum::{
    Json, Router,
    body::Bytes,
    extract::{FromRequest, FromRequestParts, Path, Query, Request, State},
    http::{StatusCode, header, request::Parts},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{get, post, put},
};
use campo_core::{
    ids::{DebtorId, RecordId, ReplicaId, UserId},
    wire::{
        ActivityRow, AssignRequest, ConflictRow, DebtorPatch, DeleteRequest, ErrorBody, IDEMPOTENCY_HEADER,
        LoginRequest, LoginResponse, MAX_BODY_BYTES, MAX_PUSH_RECORDS, PROTOCOL_HEADER, PROTOCOL_VERSION, PullPage,
        PullQuery, PushOutcome, PushRequest, PushResponse, RecordView, ReviewRequest, Role, Territory, VersionRow,
    },
};
use serde::{Deserialize, de::DeserializeOwned};
use tower_http::{CompressionLevel, compression::CompressionLayer, decompression::RequestDecompressionLayer};
use utoipa::OpenApi;

use crate::{
    auth,
    error::ApiError,
    office::{self, Scope},
    store::{ActivityFilter, Session, Storage, Tx},
    sync::{self, Pusher},
};

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    storage: Arc<dyn Storage>,
}

impl AppState {
    /// Runs `f` in a read transaction on the blocking pool.
    pub async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut dyn Tx) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let storage = self.storage.clone();
        tokio::task::spawn_blocking(move || f(&mut *storage.read()?)).await?
    }

    /// Runs `f` in a write transaction on the blocking pool; commits if it succeeds.
    pub async fn write<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut dyn Tx) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let storage = self.storage.clone();
        tokio::task::spawn_blocking(move || {
            let mut tx = storage.write()?;
            let out = f(&mut *tx)?;
            tx.commit()?;
            Ok(out)
        })
        .await?
    }
}

/// The signed-in user behind a request's bearer token.
pub struct Auth(pub Session);

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(ApiError::Unauthorized("falta el token de acceso: inicia sesión"))?;
        let hash = auth::token_hash(token);
        let session = state.read(move |tx| Ok(tx.session(&hash)?)).await?;
        session.map(Auth).ok_or(ApiError::Unauthorized("tu sesión ya no es válida: inicia sesión de nuevo"))
    }
}

impl Auth {
    fn require(&self, roles: &[Role]) -> Result<(), ApiError> {
        if roles.contains(&self.0.user.role) { Ok(()) } else { Err(ApiError::Forbidden) }
    }
}

/// Parses a JSON body, naming where it is wrong (`records[3].base_vv: …`).
/// Anything after the value is refused too: a body means one thing only.
fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
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
async fn body_bytes(req: Request, state: &AppState) -> Result<Bytes, ApiError> {
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

/// Refuses any `/v1` request that does not speak our protocol version, before
/// anything else is looked at.
async fn check_protocol(req: Request, next: Next) -> Response {
    let version = req.headers().get(PROTOCOL_HEADER).and_then(|v| v.to_str().ok());
    match version {
        Some(v) if v.trim() == PROTOCOL_VERSION.to_string() => next.run(req).await,
        other => ApiError::Protocol(other.unwrap_or("ninguna").to_owned()).into_response(),
    }
}

/// The whole application.
pub fn router(storage: Arc<dyn Storage>) -> Router {
    let v1 = Router::new()
        .route("/login", post(login))
        .route("/sync/push", post(push))
        .route("/sync/pull", get(pull))
        .route("/records/{id}", get(record))
        .route("/records/{id}/versions", get(versions))
        .route("/records/{id}/delete", post(delete))
        .route("/territories", get(territories))
        .route("/activities", get(activities))
        .route("/reviews", post(review))
        .route("/debtors/{id}", axum::routing::patch(patch_debtor))
        .route("/debtors/{id}/assignment", put(assign))
        .route("/conflicts", get(conflicts))
        .layer(middleware::from_fn(check_protocol));
    Router::new()
        .route("/healthz", get(healthz))
        .route("/openapi.json", get(openapi))
        .nest("/v1", v1)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(RequestDecompressionLayer::new())
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        .with_state(AppState { storage })
}

/// Liveness and storage check.
#[utoipa::path(get, path = "/healthz", responses((status = 200, description = "Serving; storage answers")))]
async fn healthz(State(state): State<AppState>) -> Result<Json<serde_json::Value>, ApiError> {
    state.read(|tx| Ok(tx.user_by_login("")?)).await?;
    Ok(Json(serde_json::json!({ "status": "ok" })))
}

/// This document.
#[utoipa::path(get, path = "/openapi.json", responses((status = 200, description = "The OpenAPI document")))]
async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// Signs in. With `device_name`, registers a new device install (gestores
/// only) and returns its replica id.
#[utoipa::path(post, path = "/v1/login", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = ErrorBody)))]
async fn login(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, ApiError> {
    let response = state
        .write(move |tx| {
            let bad = ApiError::Unauthorized("usuario o contraseña incorrectos");
            let (user, hash) = tx.user_by_login(req.login.trim())?.ok_or(bad)?;
            if !auth::verify_password(&req.password, &hash) {
                return Err(ApiError::Unauthorized("usuario o contraseña incorrectos"));
            }
            let replica_id = match req.device_name {
                Some(name) if user.role == Role::Gestor => {
                    let id = ReplicaId::generate();
                    tx.insert_replica(id, user.id, name.trim())?;
                    Some(id)
                }
                Some(_) => return Err(ApiError::Forbidden),
                None => None,
            };
            let (token, token_hash) = auth::new_token();
            tx.insert_token(&token_hash, user.id, replica_id)?;
            Ok(LoginResponse { token, replica_id, user })
        })
        .await?;
    tracing::info!(user = %response.user.id, device = response.replica_id.is_some(), "signed in");
    Ok(Json(response))
}

/// Pushes a device's pending records. Requires an `idempotency-key` header: a
/// retry with the same key and body gets the first answer and changes nothing.
#[utoipa::path(post, path = "/v1/sync/push", request_body = PushRequest,
    params(("idempotency-key" = String, Header, description = "Unique per batch; reused on retry")),
    responses((status = 200, body = PushResponse), (status = 409, body = ErrorBody), (status = 413, body = ErrorBody)))]
async fn push(State(state): State<AppState>, who: Auth, req: Request) -> Result<Response, ApiError> {
    who.require(&[Role::Gestor])?;
    let replica = who.0.replica.ok_or(ApiError::Forbidden)?;
    let key = req
        .headers()
        .get(IDEMPOTENCY_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|k| !k.is_empty() && k.len() <= 200)
        .ok_or_else(|| ApiError::Malformed(format!("falta el encabezado {IDEMPOTENCY_HEADER}")))?
        .to_owned();
    let bytes = body_bytes(req, &state).await?;
    let batch: PushRequest = parse_json(&bytes)?;
    if batch.records.len() > MAX_PUSH_RECORDS {
        return Err(ApiError::TooLarge(format!(
            "el lote trae {} registros; el máximo es {MAX_PUSH_RECORDS}",
            batch.records.len()
        )));
    }
    let pusher = Pusher { user: who.0.user.id, replica };
    let request_hash = auth::body_hash(&bytes);
    tracing::info!(user = %pusher.user, records = batch.records.len(), "applying push");
    let storage = state.storage.clone();
    let json = tokio::task::spawn_blocking(move || -> Result<String, ApiError> {
        let mut tx = storage.write()?;
        if let Some((hash, response)) = tx.idempotent(pusher.user, &key)? {
            return if hash == request_hash { Ok(response) } else { Err(ApiError::KeyReused) };
        }
        if sync::is_rewound(&mut *tx, pusher, &batch)? {
            tx.retire_replica(replica)?;
            tx.commit()?;
            tracing::warn!(user = %pusher.user, replica = %replica, "replica rewound; retired");
            return Err(ApiError::ReplicaRewound);
        }
        let response = sync::push(&mut *tx, pusher, &batch)?;
        let json = serde_json::to_string(&response).unwrap_or_else(|_| unreachable!("responses serialise"));
        tx.put_idempotent(pusher.user, &key, &request_hash, &json)?;
        tx.commit()?;
        let count = |f: fn(&PushOutcome) -> bool| response.results.iter().filter(|r| f(&r.outcome)).count();
        tracing::info!(
            user = %pusher.user,
            accepted = count(|o| matches!(o, PushOutcome::Accepted)),
            merged = count(|o| matches!(o, PushOutcome::Merged { .. })),
            rejected = count(|o| matches!(o, PushOutcome::Rejected { .. })),
            "push applied"
        );
        Ok(json)
    })
    .await??;
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

/// The next page of the gestor's change feed after `cursor`.
#[utoipa::path(get, path = "/v1/sync/pull", params(PullQuery), responses((status = 200, body = PullPage)))]
async fn pull(
    State(state): State<AppState>,
    who: Auth,
    ApiQuery(query): ApiQuery<PullQuery>,
) -> Result<Json<PullPage>, ApiError> {
    who.require(&[Role::Gestor])?;
    let (gestor, replica) = (who.0.user.id, who.0.replica);
    if let (Some(replica), Some(clock)) = (replica, query.clock) {
        let rewound = state.read(move |tx| Ok(sync::clock_went_back(tx, replica, clock)?)).await?;
        if rewound {
            state.write(move |tx| Ok(tx.retire_replica(replica)?)).await?;
            tracing::warn!(user = %gestor, replica = %replica, "replica rewound on pull; retired");
            return Err(ApiError::ReplicaRewound);
        }
    }
    let page = state.read(move |tx| Ok(sync::pull(tx, gestor, replica, &query)?)).await?;
    tracing::debug!(user = %gestor, items = page.items.len(), cursor = page.cursor, "pull");
    Ok(Json(page))
}

/// A record's current version, if it is in the user's scope.
#[utoipa::path(get, path = "/v1/records/{id}", params(("id" = RecordId, Path)),
    responses((status = 200, body = RecordView), (status = 404, body = ErrorBody)))]
async fn record(
    State(state): State<AppState>,
    who: Auth,
    ApiPath(id): ApiPath<RecordId>,
) -> Result<Json<RecordView>, ApiError> {
    let view = state
        .read(move |tx| {
            let r = office::visible_record(tx, &who.0.user, id)?;
            Ok(RecordView { record: r.record, after_reassignment: r.after_reassignment })
        })
        .await?;
    Ok(Json(view))
}

/// Every stored version of a record, oldest first: its audit trail, including
/// values that lost a conflict.
#[utoipa::path(get, path = "/v1/records/{id}/versions", params(("id" = RecordId, Path)),
    responses((status = 200, body = Vec<VersionRow>), (status = 404, body = ErrorBody)))]
async fn versions(
    State(state): State<AppState>,
    who: Auth,
    ApiPath(id): ApiPath<RecordId>,
) -> Result<Json<Vec<VersionRow>>, ApiError> {
    let rows = state
        .read(move |tx| {
            office::visible_record(tx, &who.0.user, id)?;
            Ok(tx
                .versions(id)?
                .into_iter()
                .map(|v| VersionRow {
                    record: v.record,
                    writer: v.writer.replica,
                    office: v.writer.office,
                    user: v.user,
                    after_reassignment: v.after_reassignment,
                    stored_at: v.stored_at,
                })
                .collect())
        })
        .await?;
    Ok(Json(rows))
}

/// Deletes a record, if it is still at the version read.
#[utoipa::path(post, path = "/v1/records/{id}/delete", params(("id" = RecordId, Path)), request_body = DeleteRequest,
    responses((status = 200, body = RecordView), (status = 409, body = ErrorBody)))]
async fn delete(
    State(state): State<AppState>,
    who: Auth,
    ApiPath(id): ApiPath<RecordId>,
    ApiJson(req): ApiJson<DeleteRequest>,
) -> Result<Json<RecordView>, ApiError> {
    Ok(Json(state.write(move |tx| office::delete_record(tx, &who.0.user, id, &req.if_vv)).await?))
}

/// Filters for the activity list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
struct ActivityQuery {
    /// Only this gestor's.
    gestor: Option<UserId>,
    /// Only those recorded after a reassignment.
    #[serde(default)]
    after_reassignment: bool,
    /// At most this many (default 100, at most 1000).
    limit: Option<u32>,
}

/// Visits and calls in the user's scope, newest first.
#[utoipa::path(get, path = "/v1/activities", params(ActivityQuery), responses((status = 200, body = Vec<ActivityRow>)))]
async fn activities(
    State(state): State<AppState>,
    who: Auth,
    ApiQuery(q): ApiQuery<ActivityQuery>,
) -> Result<Json<Vec<ActivityRow>>, ApiError> {
    who.require(&[Role::Supervisor, Role::Coordinator, Role::Admin])?;
    let rows = state
        .read(move |tx| {
            let scope = Scope::of(tx, &who.0.user)?;
            let gestores = match (scope.gestores(), q.gestor) {
                (None, g) => g.map(|g| vec![g]),
                (Some(mine), Some(g)) => Some(mine.into_iter().filter(|m| *m == g).collect()),
                (Some(mine), None) => Some(mine),
            };
            let filter = ActivityFilter {
                gestores,
                after_reassignment_only: q.after_reassignment,
                limit: q.limit.unwrap_or(100).clamp(1, 1000),
            };
            Ok(tx.activities(&filter)?)
        })
        .await?;
    Ok(Json(rows))
}

/// Every territory: devices show regions by name, and coordinators pick them.
#[utoipa::path(get, path = "/v1/territories", responses((status = 200, body = Vec<Territory>)))]
async fn territories(State(state): State<AppState>, _who: Auth) -> Result<Json<Vec<Territory>>, ApiError> {
    Ok(Json(state.read(|tx| Ok(tx.territories()?)).await?))
}

/// A supervisor's review of a visit or call.
#[utoipa::path(post, path = "/v1/reviews", request_body = ReviewRequest, responses((status = 200, body = RecordView)))]
async fn review(
    State(state): State<AppState>,
    who: Auth,
    ApiJson(req): ApiJson<ReviewRequest>,
) -> Result<Json<RecordView>, ApiError> {
    Ok(Json(state.write(move |tx| office::review(tx, &who.0.user, req)).await?))
}

/// Changes a debtor account's flags, phones or segment, if still at the version read.
#[utoipa::path(patch, path = "/v1/debtors/{id}", params(("id" = DebtorId, Path)), request_body = DebtorPatch,
    responses((status = 200, body = RecordView), (status = 409, body = ErrorBody)))]
async fn patch_debtor(
    State(state): State<AppState>,
    who: Auth,
    ApiPath(id): ApiPath<DebtorId>,
    ApiJson(patch): ApiJson<DebtorPatch>,
) -> Result<Json<RecordView>, ApiError> {
    Ok(Json(state.write(move |tx| office::patch_debtor(tx, &who.0.user, id, patch)).await?))
}

/// Reassigns a debtor to another gestor.
#[utoipa::path(put, path = "/v1/debtors/{id}/assignment", params(("id" = DebtorId, Path)), request_body = AssignRequest,
    responses((status = 204), (status = 409, body = ErrorBody)))]
async fn assign(
    State(state): State<AppState>,
    who: Auth,
    ApiPath(id): ApiPath<DebtorId>,
    ApiJson(req): ApiJson<AssignRequest>,
) -> Result<StatusCode, ApiError> {
    state.write(move |tx| office::reassign(tx, &who.0.user, id, req.gestor, req.expected_gestor)).await?;
    tracing::info!(debtor = %id, gestor = %req.gestor, "reassigned");
    Ok(StatusCode::NO_CONTENT)
}

/// Conflicts the server resolved in the user's scope, newest first.
#[utoipa::path(get, path = "/v1/conflicts", responses((status = 200, body = Vec<ConflictRow>)))]
async fn conflicts(State(state): State<AppState>, who: Auth) -> Result<Json<Vec<ConflictRow>>, ApiError> {
    who.require(&[Role::Supervisor, Role::Coordinator, Role::Admin])?;
    let rows = state
        .read(move |tx| {
            let gestores = Scope::of(tx, &who.0.user)?.gestores();
            Ok(tx.conflicts(gestores.as_deref(), 500)?)
        })
        .await?;
    Ok(Json(rows))
}

/// The OpenAPI document of every endpoint.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Campo sync server",
        description = "Device sync and the office API. Every /v1 request sends the `campo-protocol` header; every other /v1 request but login a bearer token."
    ),
    paths(
        healthz,
        openapi,
        login,
        push,
        pull,
        territories,
        record,
        versions,
        delete,
        activities,
        review,
        patch_debtor,
        assign,
        conflicts
    )
)]
pub struct ApiDoc;

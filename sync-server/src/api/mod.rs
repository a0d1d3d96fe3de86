//! The HTTP API: routes, the state handlers share, and the OpenAPI document.
//!
//! Handlers are thin and live by resource ([`sessions`], [`sync`],
//! [`records`], [`office`], [`audit`], [`conflicts`], [`kpis`], [`reassignments`], [`imports`], [`policies`], [`photos`], [`users`]); who may call them is in their arguments
//! ([`extract`]: `Gestor`, `OfficeUser`, `Coordinator`, `Admin`). They parse and hand a
//! closure to [`AppState::write`] or [`AppState::read`], which run it in one
//! storage transaction on the blocking pool. The logic lives in
//! [`crate::sync`] and [`crate::office`].

mod audit;
mod conflicts;
mod extract;
mod imports;
mod kpis;
mod office;
mod photos;
mod policies;
mod reassignments;
mod records;
mod sessions;
mod sync;
mod users;

use std::sync::Arc;

use axum::{
    Json, Router,
    extract::{Request, State},
    http::{HeaderValue, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{get, patch, post, put},
};
use campo_core::wire::{MAX_BODY_BYTES, PROTOCOL_HEADER, PROTOCOL_VERSION};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tower_http::{CompressionLevel, compression::CompressionLayer, decompression::RequestDecompressionLayer};
use utoipa::OpenApi;

use crate::{
    error::ApiError,
    store::{Storage, Tx},
    throttle::Throttle,
};

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    storage: Arc<dyn Storage>,
    photos: Arc<crate::blobs::BlobFiles>,
    throttle: Arc<Throttle>,
    /// Password hashes computed at once: at most half the cores, so sign-ins
    /// (and guesses) always leave room for sync.
    hashing: Arc<Semaphore>,
}

impl AppState {
    fn new(storage: Arc<dyn Storage>) -> std::io::Result<Self> {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        let photos = Arc::new(crate::blobs::BlobFiles::open(&storage.blob_dir())?);
        Ok(Self { storage, photos, throttle: Arc::default(), hashing: Arc::new(Semaphore::new((cores / 2).max(1))) })
    }

    /// Runs a password hash on the blocking pool, a bounded number at a time,
    /// unless `admit` (asked once a turn to hash has come) refuses. The turn
    /// comes back with the result, for the caller to give up once it has
    /// counted the outcome: attempts sent in parallel queue here, and each
    /// sees the failures of those before it.
    pub async fn hash<T: Send + 'static>(
        &self,
        admit: impl FnOnce() -> Result<(), ApiError>,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<(T, OwnedSemaphorePermit), ApiError> {
        let permit = self
            .hashing
            .clone()
            .acquire_owned()
            .await
            .unwrap_or_else(|_| unreachable!("the semaphore is never closed"));
        admit()?;
        // The turn goes with the work: a client that hangs up does not free
        // it while the hash still runs.
        Ok(tokio::task::spawn_blocking(move || (f(), permit)).await?)
    }

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

/// Refuses any `/v1` request that does not speak our protocol version, before
/// anything else is looked at. No answer is to be kept by a cache unless it
/// says so: they hold debtors' data, and the console runs in shared browsers.
async fn check_protocol(req: Request, next: Next) -> Response {
    let version = req.headers().get(PROTOCOL_HEADER).and_then(|v| v.to_str().ok());
    let mut response = match version {
        Some(v) if v.trim() == PROTOCOL_VERSION.to_string() => next.run(req).await,
        other => ApiError::Protocol(other.unwrap_or("ninguna").to_owned()).into_response(),
    };
    // A photo, named by its hash, says otherwise for itself.
    response.headers_mut().entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    response
}

/// The whole application; fails if the photo directory cannot be made.
pub fn router(storage: Arc<dyn Storage>) -> std::io::Result<Router> {
    let v1 = Router::new()
        .route("/login", post(sessions::login))
        .route("/logout", post(sessions::logout))
        .route(
            "/console/session",
            post(sessions::console_login).get(sessions::console_session).delete(sessions::console_logout),
        )
        .route("/users/{id}/revoke-sessions", post(sessions::revoke_sessions))
        .route("/users", get(users::list).post(users::create))
        .route("/users/{id}/password", post(users::reset_password))
        .route("/users/{id}/deactivate", post(users::deactivate))
        .route("/users/{id}/territories", put(users::set_territories))
        .route("/devices/{id}/revoke", post(users::revoke_device))
        .route("/teams", get(users::teams).post(users::create_team))
        .route("/sync/push", post(sync::push))
        .route("/sync/pull", get(sync::pull))
        .route("/records/{id}", get(records::record))
        .route("/records/{id}/versions", get(records::versions))
        .route("/records/{id}/delete", post(records::delete))
        .route("/territories", get(office::territories).post(users::create_territory))
        .route("/activities", get(office::activities))
        .route("/activities/{id}", get(office::activity))
        .route("/days", get(office::day))
        .route("/exports/activities", get(office::export_activities))
        .route("/gestores", get(office::gestores))
        .route("/kpis", get(kpis::report))
        .route("/exports/kpis", get(kpis::export))
        .route("/reviews", post(office::review))
        .route("/plans/waiting", get(office::plans_waiting))
        .route("/plans/{id}/decision", post(office::decide_plan))
        .route("/escalations", get(office::escalations))
        .route("/debtors/{id}", patch(office::patch_debtor))
        .route("/debtors/{id}/assignment", put(office::assign))
        .route("/workload", get(reassignments::workload))
        .route("/exports/workload", get(reassignments::export_workload))
        .route("/reassignments/accounts", post(reassignments::accounts))
        .route("/reassignments/preview", post(reassignments::preview))
        .route("/reassignments", get(reassignments::recent).post(reassignments::apply))
        .route("/reassignments/{id}/undo", post(reassignments::undo))
        .route("/conflicts", get(conflicts::list))
        .route("/conflicts/{id}", get(conflicts::detail))
        .route("/conflicts/{id}/settle", post(conflicts::settle))
        .route("/audit", get(audit::list))
        .route("/exports/audit", get(audit::export))
        .route(
            "/imports/debtors",
            post(imports::debtors).layer(axum::extract::DefaultBodyLimit::max(imports::MAX_IMPORT_BYTES)),
        )
        .route(
            "/imports/payments",
            post(imports::payments).layer(axum::extract::DefaultBodyLimit::max(imports::MAX_IMPORT_BYTES)),
        )
        .route("/policies", get(policies::policies))
        .route("/policies/{country}", put(policies::set_policy))
        .route("/policies/{country}/preview", post(policies::preview))
        .route("/photos/{blob}", get(photos::photo).put(photos::put_photo))
        .route("/photos/{blob}/status", get(photos::photo_status))
        .layer(middleware::from_fn(check_protocol));
    Ok(Router::new()
        .route("/healthz", get(healthz))
        .route("/openapi.json", get(openapi))
        .nest("/v1", v1)
        .merge(crate::console::routes())
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(RequestDecompressionLayer::new())
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        .with_state(AppState::new(storage)?))
}

/// Liveness and storage check.
#[utoipa::path(get, path = "/healthz", responses((status = 200, description = "Serving; storage answers")))]
async fn healthz(State(state): State<AppState>) -> Result<Json<serde_json::Value>, ApiError> {
    let storage = state.storage.clone();
    tokio::task::spawn_blocking(move || storage.ping()).await??;
    Ok(Json(serde_json::json!({ "status": "ok" })))
}

/// This document.
#[utoipa::path(get, path = "/openapi.json", responses((status = 200, description = "The OpenAPI document")))]
async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
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
        sessions::login,
        sessions::logout,
        sessions::console_login,
        sessions::console_session,
        sessions::console_logout,
        sessions::revoke_sessions,
        users::list,
        users::create,
        users::reset_password,
        users::deactivate,
        users::set_territories,
        users::revoke_device,
        users::teams,
        users::create_team,
        users::create_territory,
        sync::push,
        sync::pull,
        office::territories,
        records::record,
        records::versions,
        records::delete,
        office::activities,
        office::activity,
        office::day,
        office::export_activities,
        office::gestores,
        kpis::report,
        kpis::export,
        office::review,
        office::plans_waiting,
        office::decide_plan,
        office::escalations,
        office::patch_debtor,
        office::assign,
        reassignments::workload,
        reassignments::export_workload,
        reassignments::accounts,
        reassignments::preview,
        reassignments::recent,
        reassignments::apply,
        reassignments::undo,
        conflicts::list,
        conflicts::detail,
        conflicts::settle,
        audit::list,
        audit::export,
        imports::debtors,
        imports::payments,
        policies::policies,
        policies::set_policy,
        policies::preview,
        photos::photo_status,
        photos::put_photo,
        photos::photo
    )
)]
pub struct ApiDoc;

//! The device's two calls: push its writes, pull its feed.

use axum::{
    Json,
    extract::{Request, State},
    http::header,
    response::{IntoResponse, Response},
};
use campo_core::wire::{
    DEVICE_TIME_HEADER, ErrorBody, IDEMPOTENCY_HEADER, MAX_PUSH_RECORDS, PullPage, PullQuery, PushOutcome, PushRequest,
    PushResponse,
};

use super::{
    AppState,
    extract::{ApiQuery, Gestor, body_bytes, parse_json},
};
use crate::{
    auth,
    error::ApiError,
    sync::{self, Pusher},
};

/// Pushes a device's pending records. Requires an `idempotency-key` header: a
/// retry with the same key and body gets the first answer and changes nothing.
#[utoipa::path(post, path = "/v1/sync/push", request_body = PushRequest,
    params(("idempotency-key" = String, Header, description = "Unique per batch; reused on retry")),
    responses((status = 200, body = PushResponse), (status = 409, body = ErrorBody), (status = 413, body = ErrorBody)))]
pub(super) async fn push(State(state): State<AppState>, who: Gestor, req: Request) -> Result<Response, ApiError> {
    let replica = who.replica.ok_or(ApiError::Forbidden)?;
    let key = req
        .headers()
        .get(IDEMPOTENCY_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|k| !k.is_empty() && k.len() <= 200)
        .ok_or_else(|| ApiError::Malformed(format!("falta el encabezado {IDEMPOTENCY_HEADER}")))?
        .to_owned();
    // Read as the request arrives: the skew is the device's clock against the server's now.
    let clock_skew_ms = req
        .headers()
        .get(DEVICE_TIME_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| chrono::DateTime::parse_from_rfc3339(v).ok())
        .map(|device| (chrono::Utc::now() - device.to_utc()).num_milliseconds());
    let bytes = body_bytes(req, &state).await?;
    let batch: PushRequest = parse_json(&bytes)?;
    if batch.records.len() > MAX_PUSH_RECORDS {
        return Err(ApiError::TooLarge(format!(
            "el lote trae {} registros; el máximo es {MAX_PUSH_RECORDS}",
            batch.records.len()
        )));
    }
    let pusher = Pusher { user: who.user.id, replica, clock_skew_ms };
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

/// The next page of the gestor's change feed after `cursor`. With `clock`, a
/// device restored from a backup is told to sign in again (`409`).
#[utoipa::path(get, path = "/v1/sync/pull", params(PullQuery),
    responses((status = 200, body = PullPage), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub(super) async fn pull(
    State(state): State<AppState>,
    who: Gestor,
    ApiQuery(query): ApiQuery<PullQuery>,
) -> Result<Json<PullPage>, ApiError> {
    let (gestor, replica) = (who.user.id, who.replica);
    // One snapshot for the rewind check and the page; `Err`: the rewound replica.
    let page = state
        .read(move |tx| {
            if let (Some(replica), Some(clock)) = (replica, query.clock)
                && sync::clock_went_back(tx, replica, clock)?
            {
                return Ok(Err(replica));
            }
            Ok(Ok(sync::pull(tx, gestor, replica, &query)?))
        })
        .await?;
    let page = match page {
        Ok(page) => page,
        Err(replica) => {
            state.write(move |tx| Ok(tx.retire_replica(replica)?)).await?;
            tracing::warn!(user = %gestor, replica = %replica, "replica rewound on pull; retired");
            return Err(ApiError::ReplicaRewound);
        }
    };
    tracing::debug!(user = %gestor, items = page.items.len(), cursor = page.cursor, "pull");
    Ok(Json(page))
}

//! The console's calls: the visit log, reviews, account edits,
//! reassignments.

use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use campo_core::{
    RecordKind,
    ids::{DebtorId, RecordId, TerritoryId, UserId},
    wire::{
        ActivityDetail, ActivityPage, ActivityRow, AssignRequest, DayMap, DebtorPatch, ErrorBody, Escalation, Gestor,
        PlanDecision, RecordView, ReviewRequest, Territory, UserInfo, WaitingPlan,
    },
};
use serde::Deserialize;

use super::{
    AppState,
    extract::{ApiJson, ApiPath, ApiQuery, Auth, OfficeUser},
};
use crate::{
    error::ApiError,
    evidence, export,
    office::{self, Scope},
    store::{ActivityFilter, StoreResult, Tx},
};

/// Filters for the activity log; each one given narrows it.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub(super) struct ActivityQuery {
    /// Only this gestor's.
    gestor: Option<UserId>,
    /// Only visits, calls, promises or messages.
    kind: Option<RecordKind>,
    /// Only accounts of this territory.
    territory: Option<TerritoryId>,
    /// Only those that happened at or after this instant.
    from: Option<chrono::DateTime<chrono::Utc>>,
    /// Only those that happened before this instant.
    to: Option<chrono::DateTime<chrono::Utc>>,
    /// Only this outcome (`promise_to_pay`, `no_answer`, …).
    outcome: Option<String>,
    /// Only those where this party was reached (`debtor`, `relative`, …).
    party: Option<String>,
    /// Only those recorded after a reassignment.
    #[serde(default)]
    after_reassignment: bool,
    /// `true`: only those the contact rules let through flagged, with the
    /// gestor's justification; `false`: only those within every rule.
    flagged: Option<bool>,
    /// `true`: only those a supervisor reviewed; `false`: only those not yet.
    reviewed: Option<bool>,
    /// The `next` of the page before.
    before: Option<String>,
    /// At most this many (default 100, at most 1000).
    limit: Option<u32>,
}

/// The log's keyset cursor: when the last row happened, and its id.
fn cursor(row: &ActivityRow) -> String {
    format!("{}~{}", row.happened_at, row.record.id)
}

fn parse_cursor(text: &str) -> Result<(String, RecordId), ApiError> {
    let bad = || ApiError::Malformed(format!("before: «{text}» no es un `next` de esta lista"));
    let (at, id) = text.rsplit_once('~').ok_or_else(bad)?;
    Ok((at.to_owned(), id.parse().map_err(|_| bad())?))
}

/// What `q` asks of the log, within `user`'s scope: at most `limit` rows.
fn log_filter(tx: &mut dyn Tx, user: &UserInfo, q: ActivityQuery, limit: u32) -> Result<ActivityFilter, ApiError> {
    if q.kind
        .is_some_and(|k| !matches!(k, RecordKind::Visit | RecordKind::Call | RecordKind::Promise | RecordKind::Message))
    {
        return Err(ApiError::Malformed("kind: el registro lista visitas, llamadas, promesas y mensajes".into()));
    }
    let instant = |at: chrono::DateTime<chrono::Utc>| at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
    let gestores = match (Scope::of(tx, user)?.gestores(), q.gestor) {
        (None, g) => g.map(|g| vec![g]),
        (Some(mine), Some(g)) => Some(mine.into_iter().filter(|m| *m == g).collect()),
        (Some(mine), None) => Some(mine),
    };
    Ok(ActivityFilter {
        gestores,
        kind: q.kind,
        territory: q.territory,
        from: q.from.map(instant),
        to: q.to.map(instant),
        outcome: q.outcome,
        party: q.party,
        after_reassignment_only: q.after_reassignment,
        flagged: q.flagged,
        reviewed: q.reviewed,
        before: q.before.as_deref().map(parse_cursor).transpose()?,
        limit,
    })
}

/// The activity log of the user's scope: visits, calls, promises and
/// messages by when they happened, newest first, a page at a time.
#[utoipa::path(get, path = "/v1/activities", params(ActivityQuery), responses((status = 200, body = ActivityPage)))]
pub(super) async fn activities(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
    ApiQuery(q): ApiQuery<ActivityQuery>,
) -> Result<Json<ActivityPage>, ApiError> {
    let limit = q.limit.unwrap_or(100).clamp(1, 1000);
    let page = state
        .read(move |tx| {
            // One more than asked: whether there is a next page.
            let filter = log_filter(tx, &user, q, limit + 1)?;
            let mut rows = tx.activities(&filter)?;
            let more = rows.len() > limit as usize;
            rows.truncate(limit as usize);
            evidence::flag(tx, &mut rows)?;
            let next = if more { rows.last().map(cursor) } else { None };
            Ok(ActivityPage { rows, next })
        })
        .await?;
    Ok(Json(page))
}

/// The activity log as the list shows it, as one CSV file (UTF-8, comma,
/// a header row): every row the filters leave, newest first, from `before`
/// on, up to `limit` (default and most: [`export::MAX_ROWS`]).
#[utoipa::path(get, path = "/v1/exports/activities", params(ActivityQuery),
    responses((status = 200, content_type = "text/csv", body = String), (status = 413, body = ErrorBody)))]
pub(super) async fn export_activities(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
    ApiQuery(q): ApiQuery<ActivityQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let asked = q.limit;
    let limit = asked.unwrap_or(export::MAX_ROWS).clamp(1, export::MAX_ROWS);
    let csv = state
        .read(move |tx| {
            let mut filter = log_filter(tx, &user, q, export::PAGE)?;
            let mut csv = export::Activities::new();
            loop {
                let mut rows = tx.activities(&filter)?;
                let exhausted = rows.len() < export::PAGE as usize;
                filter.before = rows.last().map(|r| (r.happened_at.clone(), r.record.id));
                let room = (limit - csv.len()) as usize;
                if rows.len() > room {
                    // Cut short only when the user asked for so few.
                    if asked.is_none() {
                        return Err(ApiError::TooLarge(format!(
                            "el registro tiene más de {} filas con estos filtros: acorta el periodo o filtra por gestor o región",
                            export::MAX_ROWS
                        )));
                    }
                    rows.truncate(room);
                }
                evidence::flag(tx, &mut rows)?;
                rows.iter().for_each(|row| csv.push(row));
                if exhausted || (rows.len() == room && asked.is_some()) {
                    return Ok(csv.finish());
                }
            }
        })
        .await?;
    Ok(export::attachment("registro", csv))
}

/// One record of the log with its flags, the account and the account's
/// whole timeline; out of the user's scope it is not found.
#[utoipa::path(get, path = "/v1/activities/{id}", params(("id" = RecordId, Path)),
    responses((status = 200, body = ActivityDetail), (status = 404, body = ErrorBody)))]
pub(super) async fn activity(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
    ApiPath(id): ApiPath<RecordId>,
) -> Result<Json<ActivityDetail>, ApiError> {
    Ok(Json(state.read(move |tx| evidence::detail(tx, &user, id)).await?))
}

/// Which gestor's day.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub(super) struct DayQuery {
    /// The gestor, one in the user's scope.
    gestor: UserId,
    /// The debtors' local day (ISO 8601).
    day: chrono::NaiveDate,
}

/// A gestor's visits of one day, first to last, with where each was logged
/// and the account's addresses: the supervisor's map of the day.
#[utoipa::path(get, path = "/v1/days", params(DayQuery),
    responses((status = 200, body = DayMap), (status = 404, body = ErrorBody)))]
pub(super) async fn day(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
    ApiQuery(q): ApiQuery<DayQuery>,
) -> Result<Json<DayMap>, ApiError> {
    Ok(Json(state.read(move |tx| evidence::day_map(tx, &user, q.gestor, q.day)).await?))
}

/// A supervisor's decision on a plan waiting for approval: approve, reject,
/// or offer other terms.
#[utoipa::path(post, path = "/v1/plans/{id}/decision", request_body = PlanDecision, responses((status = 200, body = RecordView)))]
pub(super) async fn decide_plan(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
    ApiPath(id): ApiPath<RecordId>,
    ApiJson(req): ApiJson<PlanDecision>,
) -> Result<Json<RecordView>, ApiError> {
    Ok(Json(state.write(move |tx| office::decide_plan(tx, &user, id, req)).await?))
}

/// Accounts in the user's scope whose promises broke as often as the policy
/// lets pass before a supervisor hears, most misses first.
#[utoipa::path(get, path = "/v1/escalations", responses((status = 200, body = Vec<Escalation>)))]
pub(super) async fn escalations(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
) -> Result<Json<Vec<Escalation>>, ApiError> {
    Ok(Json(in_scope(&state, user, |tx, gestores| tx.escalations(gestores)).await?))
}

/// Payment plans in the user's scope waiting for a decision, oldest first:
/// the supervisor's queue.
#[utoipa::path(get, path = "/v1/plans/waiting", responses((status = 200, body = Vec<WaitingPlan>)))]
pub(super) async fn plans_waiting(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
) -> Result<Json<Vec<WaitingPlan>>, ApiError> {
    Ok(Json(in_scope(&state, user, |tx, gestores| tx.plans_waiting(gestores)).await?))
}

/// The gestores in the user's scope, by name: the console's gestor pickers.
#[utoipa::path(get, path = "/v1/gestores", responses((status = 200, body = Vec<Gestor>)))]
pub(super) async fn gestores(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
) -> Result<Json<Vec<Gestor>>, ApiError> {
    Ok(Json(in_scope(&state, user, |tx, gestores| tx.gestores(gestores)).await?))
}

/// The territories: every one for devices (they show regions by name),
/// supervisors and admins; a coordinator's own, which are all they balance.
#[utoipa::path(get, path = "/v1/territories", responses((status = 200, body = Vec<Territory>)))]
pub(super) async fn territories(State(state): State<AppState>, who: Auth) -> Result<Json<Vec<Territory>>, ApiError> {
    let user = who.session.user;
    Ok(Json(state.read(move |tx| office::territories(tx, &user)).await?))
}

/// A supervisor's review of a visit or call.
#[utoipa::path(post, path = "/v1/reviews", request_body = ReviewRequest, responses((status = 200, body = RecordView)))]
pub(super) async fn review(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
    ApiJson(req): ApiJson<ReviewRequest>,
) -> Result<Json<RecordView>, ApiError> {
    Ok(Json(state.write(move |tx| office::review(tx, &user, req)).await?))
}

/// Changes a debtor account's flags, phones or segment, if still at the version read.
#[utoipa::path(patch, path = "/v1/debtors/{id}", params(("id" = DebtorId, Path)), request_body = DebtorPatch,
    responses((status = 200, body = RecordView), (status = 409, body = ErrorBody)))]
pub(super) async fn patch_debtor(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
    ApiPath(id): ApiPath<DebtorId>,
    ApiJson(patch): ApiJson<DebtorPatch>,
) -> Result<Json<RecordView>, ApiError> {
    Ok(Json(state.write(move |tx| office::patch_debtor(tx, &user, id, patch)).await?))
}

/// Reassigns a debtor to another gestor.
#[utoipa::path(put, path = "/v1/debtors/{id}/assignment", params(("id" = DebtorId, Path)), request_body = AssignRequest,
    responses((status = 204), (status = 409, body = ErrorBody)))]
pub(super) async fn assign(
    State(state): State<AppState>,
    OfficeUser(user): OfficeUser,
    ApiPath(id): ApiPath<DebtorId>,
    ApiJson(req): ApiJson<AssignRequest>,
) -> Result<StatusCode, ApiError> {
    state.write(move |tx| office::reassign(tx, &user, id, req.gestor, req.expected_gestor)).await?;
    tracing::info!(debtor = %id, gestor = %req.gestor, "reassigned");
    Ok(StatusCode::NO_CONTENT)
}

/// Reads `list` for the gestores in `user`'s scope (`None`: everyone's).
pub(super) async fn in_scope<T: Send + 'static>(
    state: &AppState,
    user: UserInfo,
    list: impl FnOnce(&mut dyn Tx, Option<&[UserId]>) -> StoreResult<T> + Send + 'static,
) -> Result<T, ApiError> {
    state
        .read(move |tx| {
            let gestores = Scope::of(tx, &user)?.gestores();
            Ok(list(tx, gestores.as_deref())?)
        })
        .await
}

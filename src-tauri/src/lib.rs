//! The gestor's app: a thin Tauri shell. Each command is a one-liner into
//! [`campo_device::app`]; errors cross to the UI as [`DeviceError`]'s tagged
//! union, which the UI turns into a sentence in the gestor's language.
//!
//! The store lives in the app's data directory and is opened once at start.

use campo_core::{
    RecordKind,
    agreement::Agreement,
    blob::{BlobId, Photo},
    geo::GeoPoint,
    ids::{DebtorId, RecordId},
    outcome,
};
use campo_device::{
    DeviceError, Store, SyncReport,
    agenda::{Agenda, AgendaFilter},
    app,
    plans::{PlanPreview, PlanRequest},
    portfolio::{DebtorFile, FilterOptions, PortfolioPage, PortfolioQuery},
    route::DayRoute,
    store::{Addition, ContactAdvice, Draft, Notice, SessionInfo, Status},
    sync::Progress,
};
use chrono::{DateTime, NaiveDate, Utc};
use tauri::{Manager, State, ipc::Channel};

type Shared<'a> = State<'a, Store>;

/// Where agreements are saved as PDFs: `CAMPO_AGREEMENTS_DIR` (the
/// end-to-end tests set it), else a Campo folder among the user's
/// documents, else the app's own data folder.
struct AgreementsDir(std::path::PathBuf);
type Answer<T> = Result<T, DeviceError>;

/// Who is signed in, if anyone.
#[tauri::command]
async fn session(store: Shared<'_>) -> Answer<Option<SessionInfo>> {
    app::session(&store).await
}

/// Signs in and registers this install.
#[tauri::command]
async fn sign_in(
    store: Shared<'_>,
    server_url: String,
    login: String,
    password: String,
    device_name: String,
) -> Answer<SessionInfo> {
    app::sign_in(&store, &server_url, &login, &password, &device_name).await
}

/// Syncs now; progress arrives on `progress`.
#[tauri::command]
async fn sync(store: Shared<'_>, progress: Channel<Progress>) -> Answer<SyncReport> {
    app::sync(&store, |p| drop(progress.send(p.clone()))).await
}

/// Counts for the sync screen.
#[tauri::command]
async fn status(store: Shared<'_>) -> Answer<Status> {
    app::status(&store).await
}

/// Notices not yet dismissed.
#[tauri::command]
async fn notices(store: Shared<'_>) -> Answer<Vec<Notice>> {
    app::notices(&store).await
}

/// Dismisses notices up to `up_to`.
#[tauri::command]
async fn mark_notices_seen(store: Shared<'_>, up_to: i64) -> Answer<()> {
    app::mark_notices_seen(&store, up_to).await
}

/// Today's agenda, filtered by the counter tapped.
#[tauri::command]
async fn agenda(store: Shared<'_>, today: NaiveDate, filter: Option<AgendaFilter>) -> Answer<Agenda> {
    app::agenda(&store, today, filter).await
}

/// Today's route from the gestor's position, if known.
#[tauri::command]
async fn route(store: Shared<'_>, today: NaiveDate, from: Option<GeoPoint>) -> Answer<DayRoute> {
    app::route(&store, today, from).await
}

/// The portfolio search.
#[tauri::command]
async fn search(store: Shared<'_>, query: PortfolioQuery, today: NaiveDate) -> Answer<PortfolioPage> {
    app::search(&store, query, today).await
}

/// Regions and segments for the filters.
#[tauri::command]
async fn filter_options(store: Shared<'_>) -> Answer<FilterOptions> {
    app::filter_options(&store).await
}

/// A debtor's file.
#[tauri::command]
async fn debtor_file(store: Shared<'_>, debtor_id: DebtorId, today: NaiveDate) -> Answer<DebtorFile> {
    app::debtor_file(&store, debtor_id, today).await
}

/// What the contact rules say of a visit or call now, before the form is filled.
#[tauri::command]
async fn contact_rules(
    store: Shared<'_>,
    debtor_id: DebtorId,
    channel: outcome::Channel,
    at: DateTime<Utc>,
) -> Answer<ContactAdvice> {
    app::contact_rules(&store, debtor_id, channel, at).await
}

/// Saves a visit, call or promise.
#[tauri::command]
async fn save_activity(
    store: Shared<'_>,
    debtor_id: DebtorId,
    kind: RecordKind,
    body: serde_json::Value,
) -> Answer<RecordId> {
    app::save_activity(&store, debtor_id, kind, body).await
}

/// The messages the gestor may send a debtor, filled in.
#[tauri::command]
async fn message_drafts(store: Shared<'_>, debtor_id: DebtorId, today: NaiveDate) -> Answer<Vec<Draft>> {
    app::message_drafts(&store, debtor_id, today).await
}

/// A payment plan worked out, not saved.
#[tauri::command]
async fn plan_preview(store: Shared<'_>, debtor_id: DebtorId, request: PlanRequest) -> Answer<PlanPreview> {
    app::plan_preview(&store, debtor_id, request).await
}

/// The written agreement of plan `id`.
#[tauri::command]
async fn agreement(store: Shared<'_>, id: RecordId) -> Answer<Agreement> {
    app::agreement(&store, id).await
}

/// Saves the agreement of plan `id` as a PDF among the gestor's documents; its path.
#[tauri::command]
async fn save_agreement_pdf(store: Shared<'_>, dir: State<'_, AgreementsDir>, id: RecordId) -> Answer<String> {
    app::save_agreement_pdf(&store, id, dir.0.clone()).await.map(|p| p.display().to_string())
}

/// The debtor accepted the supervisor's counter-offer on plan `id`.
#[tauri::command]
async fn accept_counter_offer(store: Shared<'_>, id: RecordId) -> Answer<()> {
    app::accept_counter_offer(&store, id).await
}

/// Keeps a photo for a visit; the UI sends its bytes as the raw request body.
#[tauri::command]
async fn attach_photo(store: Shared<'_>, request: tauri::ipc::Request<'_>) -> Answer<Photo> {
    let bytes = match request.body() {
        tauri::ipc::InvokeBody::Raw(bytes) => bytes.clone(),
        tauri::ipc::InvokeBody::Json(_) => {
            return Err(DeviceError::BadAnswer { message: "la foto llegó sin bytes".into() });
        }
    };
    app::attach_photo(&store, bytes).await
}

/// A photo's bytes, raw, for the timeline.
#[tauri::command]
async fn photo(store: Shared<'_>, blob: BlobId) -> Answer<tauri::ipc::Response> {
    app::photo(&store, blob).await.map(|(_, bytes)| tauri::ipc::Response::new(bytes))
}

/// Saves a new version of an unsent or rejected record.
#[tauri::command]
async fn edit_activity(store: Shared<'_>, id: RecordId, kind: RecordKind, body: serde_json::Value) -> Answer<()> {
    app::edit_activity(&store, id, kind, body).await
}

/// Adds a phone, an email or an address to an account.
#[tauri::command]
async fn add_to_account(store: Shared<'_>, debtor_id: DebtorId, addition: Addition) -> Answer<()> {
    app::add_to_account(&store, debtor_id, addition).await
}

/// Cancels a promise.
#[tauri::command]
async fn cancel_promise(store: Shared<'_>, id: RecordId) -> Answer<()> {
    app::cancel_promise(&store, id).await
}

/// Signs out; `discard` confirms how many unsent records may be lost.
#[tauri::command]
async fn sign_out(store: Shared<'_>, discard: Option<u64>) -> Answer<()> {
    app::sign_out(&store, discard).await
}

/// Whether a visit's position comes from the platform's location service
/// through the geolocation plugin (a phone) rather than from the WebView's
/// own geolocation (desktop, where the plugin has nothing to offer).
#[tauri::command]
fn location_plugin() -> bool {
    cfg!(mobile)
}

/// Opens the store in the app's data directory (or `CAMPO_DEVICE_DB`, which
/// the end-to-end tests set) and starts the app.
#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    let builder = tauri::Builder::default();
    // Its permissions are granted in capabilities/mobile.json, for phones only.
    #[cfg(mobile)]
    let builder = builder.plugin(tauri_plugin_geolocation::init());
    builder
        .setup(|app| {
            let path = match std::env::var_os("CAMPO_DEVICE_DB") {
                Some(path) => path.into(),
                None => {
                    let dir = app.path().app_data_dir()?;
                    std::fs::create_dir_all(&dir)?;
                    dir.join("campo.db")
                }
            };
            app.manage(Store::open(&path)?);
            let agreements = match std::env::var_os("CAMPO_AGREEMENTS_DIR") {
                Some(dir) => dir.into(),
                None => app
                    .path()
                    .document_dir()
                    .map(|d| d.join("Campo"))
                    .or_else(|_| app.path().app_data_dir().map(|d| d.join("convenios")))?,
            };
            app.manage(AgreementsDir(agreements));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            session,
            sign_in,
            sync,
            status,
            notices,
            mark_notices_seen,
            agenda,
            route,
            search,
            filter_options,
            debtor_file,
            contact_rules,
            save_activity,
            attach_photo,
            photo,
            message_drafts,
            location_plugin,
            cancel_promise,
            plan_preview,
            accept_counter_offer,
            agreement,
            save_agreement_pdf,
            edit_activity,
            add_to_account,
            sign_out
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| panic!("Campo could not start: {e}"));
}

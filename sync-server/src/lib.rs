//! Campo's sync server: where gestores' devices sync, and the office API that
//! supervisors and coordinators use from the console.
//!
//! - [`store`]: storage behind the [`store::Storage`] trait; SQLite is the default.
//! - [`sync`]: push (idempotent, merging concurrent versions) and pull (a
//!   gap-free, paged change feed per gestor).
//! - [`office`]: writes made through the server (edits, deletes, reviews,
//!   reassignments, imports), serialised by compare-and-set.
//! - [`policy`]: contact policies as admins change them.
//! - `evidence`: the supervisor's log as the console reads it (flags, a record's detail).
//! - `conflicts`: what a merge lost, set beside the record and settled by a supervisor.
//! - `kpis`: the supervisor's KPIs of a period, for the gestores in the user's scope.
//! - `reassignments`: workloads, and bulk reassignments with a preview and an undo.
//! - [`outbox`]: queued messages sent through the agency's gateway, inside the contact hours.
//! - [`promises`]: promises derived from payments and the calendar; with them
//!   (`reminders`) the automatic reminders and the escalations to supervisors.
//! - `write`: the one way a version becomes current (history, feed, owner).
//! - [`api`]: the HTTP routes and the OpenAPI document; `console`: the
//!   console's pages, embedded in the binary.
//! - [`auth`]: password hashing and bearer tokens; `throttle`: failed sign-ins slow down;
//!   `users`: users and devices as admins manage them.
//! - [`blobs`]: photo files on disk, named by their SHA-256, uploaded in chunks.
//! - [`import`] and [`demo`]: loading a lender's portfolio, and a made-up one.
//!
//! The protocol is described in docs/sync.md.

pub mod api;
pub mod auth;
pub mod blobs;
mod conflicts;
mod console;
pub mod demo;
pub mod error;
mod evidence;
mod export;
pub mod import;
mod kpis;
pub mod office;
pub mod outbox;
pub mod policy;
pub mod promises;
mod reassignments;
mod reminders;
pub mod store;
pub mod sync;
mod throttle;
mod users;
mod write;

use std::{future::Future, sync::Arc};

use tokio::net::TcpListener;

pub use error::ApiError;
pub use store::{Storage, sqlite::SqliteStorage};

/// Serves the API on `listener` until `shutdown` completes, then finishes the
/// requests in flight. Tests pass a listener bound to port 0.
pub async fn launch_with_listener(
    listener: TcpListener,
    storage: Arc<dyn Storage>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    tracing::info!(addr = %listener.local_addr()?, "listening");
    // The client's address counts failed sign-ins per address.
    let app = api::router(storage)?.into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await
}

//! Campo on the gestor's device, without any UI: the local store and the sync
//! client. The Tauri app and the `campo-device` CLI are thin shells over it.
//!
//! - [`store`]: the SQLite database: the server's copy of the portfolio, the
//!   outbox of local writes, notices for the gestor.
//! - [`app`]: the operations behind the app's screens, one function each.
//! - [`agenda`]: today's plan: due today, the rest, done today.
//! - [`route`]: the order to visit today's accounts in.
//! - [`plans`]: payment plans worked out before they are saved, and their agreement.
//! - [`pdf`]: an agreement as a PDF file, made on the device.
//! - [`portfolio`]: the portfolio search and a debtor's file.
//! - [`sync`]: sign-in and sync with the server (push, then pull).
//! - [`client`]: the server's API as typed calls, which [`sync`] makes.
//! - [`error`]: [`DeviceError`], which reaches the UI as a tagged union.
//!
//! The protocol is described in docs/sync.md.

pub mod agenda;
pub mod app;
pub mod client;
pub mod error;
pub mod pdf;
pub mod plans;
pub mod portfolio;
pub mod route;
pub mod store;
pub mod sync;

pub use error::DeviceError;
pub use store::Store;
pub use sync::{SyncOptions, SyncReport, login, sync};

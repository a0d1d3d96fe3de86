//! The device library's one error type. It crosses into the UI as a tagged
//! union (`{"kind": "…", …}`); its `Display` is the Spanish sentence to show.

use campo_core::{DomainError, rules::Refusal, wire::ErrorCode};
use serde::Serialize;

/// Why a device operation failed.
#[derive(Debug, thiserror::Error, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DeviceError {
    /// No one has signed in on this device yet.
    #[error("inicia sesión para empezar")]
    NotSignedIn,
    /// The server no longer accepts this device's session (signed out, or the
    /// device was restored from a backup). Pending work is kept.
    #[error("inicia sesión de nuevo; tu trabajo pendiente se conserva y se enviará después")]
    SignInAgain,
    /// Another gestor signed in while this device still holds unsent work.
    #[error("este dispositivo tiene trabajo sin enviar de {login}; que esa persona inicie sesión y sincronice primero")]
    OtherUserPending {
        /// Whose work it is.
        login: String,
    },
    /// The server could not be reached. Nothing was lost; sync again later.
    #[error("sin conexión con el servidor ({message}); tu trabajo queda guardado en el dispositivo")]
    Offline {
        /// What the network said.
        message: String,
    },
    /// The server answered, but not in a way this app understands (a proxy's
    /// page, a cut answer, another program on that address). Nothing was lost.
    #[error(
        "el servidor respondió algo que la app no entiende ({message}); tu trabajo queda guardado en el dispositivo"
    )]
    BadAnswer {
        /// What could not be read.
        message: String,
    },
    /// A task inside the app stopped before finishing: a fault in the app,
    /// not the network. Nothing was lost.
    #[error("una tarea de la app se interrumpió ({message}); tu trabajo queda guardado en el dispositivo")]
    Interrupted {
        /// What stopped.
        message: String,
    },
    /// The server refused the request.
    #[error("{message}")]
    Server {
        /// The server's code.
        code: ErrorCode,
        /// The server's message, in Spanish.
        message: String,
    },
    /// A value fails the domain checks.
    #[error("{0}")]
    Invalid(#[from] DomainError),
    /// A gestor may not make this write (see `campo_core::rules`).
    #[error("{0}")]
    Refused(Refusal),
    /// No such debtor or record on this device.
    #[error("no existe {what} en este dispositivo")]
    NotFound {
        /// What was looked for.
        what: String,
    },
    /// The gestor may not make this change.
    #[error("{message}")]
    NotAllowed {
        /// Why.
        message: String,
    },
    /// Signing out would discard work the server has not received.
    #[error("hay {records} registros sin enviar; sincroniza antes de cerrar sesión o confirma que se perderán")]
    UnsentWork {
        /// How many records would be lost.
        records: u64,
    },
    /// The local database failed.
    #[error("error del almacenamiento local: {message}")]
    Storage {
        /// What SQLite said.
        message: String,
    },
}

impl From<Refusal> for DeviceError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            // A domain error reads the same wherever it comes from.
            Refusal::Invalid(e) => Self::Invalid(e),
            other => Self::Refused(other),
        }
    }
}

impl From<rusqlite::Error> for DeviceError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Storage { message: e.to_string() }
    }
}

impl From<std::io::Error> for DeviceError {
    fn from(e: std::io::Error) -> Self {
        Self::Storage { message: e.to_string() }
    }
}

impl From<rusqlite_migration::Error> for DeviceError {
    fn from(e: rusqlite_migration::Error) -> Self {
        Self::Storage { message: e.to_string() }
    }
}

impl From<reqwest::Error> for DeviceError {
    fn from(e: reqwest::Error) -> Self {
        // The network failing to carry an answer is being offline; an answer
        // that arrived and cannot be read is not.
        if e.is_decode() {
            Self::BadAnswer { message: e.to_string() }
        } else {
            Self::Offline { message: e.to_string() }
        }
    }
}

impl From<tokio::task::JoinError> for DeviceError {
    fn from(e: tokio::task::JoinError) -> Self {
        Self::Interrupted { message: e.to_string() }
    }
}

/// Device results.
pub type Result<T, E = DeviceError> = std::result::Result<T, E>;

//! The server's one error type, and how each becomes an HTTP answer.

use axum::{
    Json,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use campo_core::{
    DomainError,
    wire::{ErrorBody, ErrorCode, PROTOCOL_VERSION},
};

use crate::store::StoreError;

/// Why a request failed. The message is for people, in Spanish.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No valid token, or a wrong login or password.
    #[error("{0}")]
    Unauthorized(&'static str),
    /// The role may not do this.
    #[error("tu rol no permite esta operación")]
    Forbidden,
    /// A gestor signing in to the console.
    #[error("la consola es para supervisores, coordinadores y administradores; en campo usa la app Campo")]
    OfficeOnly,
    /// The role may do this, but not here or not to this: the reason says why.
    #[error("{0}")]
    Refused(campo_core::wire::OfficeRefusal),
    /// Nothing there, or nothing this user may see; the two look the same.
    #[error("no existe o no tienes acceso")]
    NotFound,
    /// The body does not parse.
    #[error("solicitud mal formada: {0}")]
    Malformed(String),
    /// A value fails the domain checks.
    #[error("{0}")]
    Invalid(#[from] DomainError),
    /// Too many records or bytes.
    #[error("{0}")]
    TooLarge(String),
    /// The client speaks another protocol version.
    #[error(
        "versión de protocolo no admitida ({0}); este servidor habla la versión {PROTOCOL_VERSION}: actualiza la app"
    )]
    Protocol(String),
    /// The device's counter went backwards.
    #[error("este dispositivo fue restaurado de un respaldo: inicia sesión de nuevo; tu trabajo pendiente se conserva")]
    ReplicaRewound,
    /// An idempotency key reused for another request.
    #[error("la clave de idempotencia ya se usó con otra solicitud")]
    KeyReused,
    /// The version read is stale.
    #[error("alguien más cambió este registro; vuelve a cargarlo e inténtalo de nuevo")]
    Stale,
    /// Too many failed sign-ins from this login or address.
    #[error("demasiados intentos fallidos: espera {} y vuelve a intentarlo", wait_in_words(*.0))]
    TooManyAttempts(std::time::Duration),
    /// A photo chunk that does not fit what the server holds, or bytes that
    /// are not what their name says.
    #[error("{0}")]
    Blob(#[from] crate::blobs::BlobError),
    /// An import found its file wrong and stored nothing.
    #[error("no se importó nada: {0}")]
    Import(campo_core::import::ImportRefusal),
    /// Storage failed.
    #[error("error interno del servidor; inténtalo de nuevo")]
    Store(#[from] StoreError),
    /// A background task failed.
    #[error("error interno del servidor; inténtalo de nuevo")]
    Task(#[from] tokio::task::JoinError),
}

impl ApiError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Unauthorized(_) => ErrorCode::Unauthorized,
            Self::Forbidden => ErrorCode::Forbidden,
            Self::Refused(refusal) => refusal.code(),
            Self::OfficeOnly => ErrorCode::OfficeOnly,
            Self::NotFound => ErrorCode::NotFound,
            Self::Malformed(_) => ErrorCode::MalformedRequest,
            Self::Invalid(_) => ErrorCode::InvalidValue,
            Self::Import(_) => ErrorCode::ImportRefused,
            Self::TooLarge(_) => ErrorCode::BatchTooLarge,
            Self::Protocol(_) => ErrorCode::ProtocolUnsupported,
            Self::ReplicaRewound => ErrorCode::ReplicaRewound,
            Self::KeyReused => ErrorCode::IdempotencyKeyReused,
            Self::Stale => ErrorCode::StaleVersion,
            Self::TooManyAttempts(_) => ErrorCode::TooManyAttempts,
            Self::Blob(e) => match e {
                crate::blobs::BlobError::WrongOffset { .. } => ErrorCode::StaleVersion,
                crate::blobs::BlobError::TooLong { .. } => ErrorCode::BatchTooLarge,
                crate::blobs::BlobError::Mismatch => ErrorCode::InvalidValue,
                crate::blobs::BlobError::Io(_) => ErrorCode::Internal,
            },
            Self::Store(_) | Self::Task(_) => ErrorCode::Internal,
        }
    }

    fn status(&self) -> StatusCode {
        match self.code() {
            ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorCode::Forbidden | ErrorCode::OfficeOnly | ErrorCode::Refused => StatusCode::FORBIDDEN,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::MalformedRequest => StatusCode::BAD_REQUEST,
            ErrorCode::InvalidValue => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::BatchTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::ProtocolUnsupported => StatusCode::UPGRADE_REQUIRED,
            ErrorCode::ReplicaRewound
            | ErrorCode::IdempotencyKeyReused
            | ErrorCode::StaleVersion
            | ErrorCode::Changed => StatusCode::CONFLICT,
            ErrorCode::TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::ImportRefused => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// Whole seconds, rounded up: a client that waits this long is let in.
fn seconds(wait: std::time::Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

fn wait_in_words(wait: std::time::Duration) -> String {
    match seconds(wait) {
        1 => "1 segundo".into(),
        s if s < 60 => format!("{s} segundos"),
        s => match s.div_ceil(60) {
            1 => "1 minuto".into(),
            m => format!("{m} minutos"),
        },
    }
}

impl From<crate::import::ImportError> for ApiError {
    fn from(error: crate::import::ImportError) -> Self {
        use crate::import::ImportError;
        match error {
            ImportError::Refused(refusal) => Self::Import(refusal),
            ImportError::Forbidden => Self::Forbidden,
            ImportError::Store(e) => Self::Store(e),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if matches!(self, Self::Store(_) | Self::Task(_) | Self::Blob(crate::blobs::BlobError::Io(_))) {
            tracing::error!(error = ?self, "request failed");
        }
        let invalid = match &self {
            Self::Invalid(e) => Some(e.clone()),
            _ => None,
        };
        let import = match &self {
            Self::Import(refusal) => Some(refusal.clone()),
            _ => None,
        };
        let refusal = match &self {
            Self::Refused(why) => Some(why.clone()),
            _ => None,
        };
        let body = ErrorBody { error: self.code(), message: self.to_string(), invalid, import, refusal };
        let mut response = (self.status(), Json(body)).into_response();
        if let Self::TooManyAttempts(wait) = self {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds(wait)));
        }
        response
    }
}

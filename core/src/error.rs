//! The one error type of the domain: what makes a value invalid.
//!
//! It serialises as a tagged union (`{"code": "…", …}`) so the UI can show it in
//! the user's language; its `Display` is the Spanish sentence for logs and tools.

use std::cell::RefCell;

use serde::{Deserialize, Serialize};

/// Why a value was refused. Each variant names the field at fault.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum DomainError {
    /// An amount below zero.
    #[error("{field}: el monto no puede ser negativo")]
    NegativeAmount {
        /// The field at fault.
        field: String,
    },
    /// An amount that must be positive is zero.
    #[error("{field}: el monto debe ser mayor que cero")]
    ZeroAmount {
        /// The field at fault.
        field: String,
    },
    /// More decimals than the currency has.
    #[error("{field}: el monto tiene más de 2 decimales")]
    TooManyDecimals {
        /// The field at fault.
        field: String,
    },
    /// The currency differs from the account's.
    #[error("la moneda {found} no coincide con la de la cuenta ({expected})")]
    CurrencyMismatch {
        /// The account's currency.
        expected: String,
        /// The currency given.
        found: String,
    },
    /// A latitude outside -90..=90.
    #[error("latitud fuera de rango: {value}")]
    LatitudeOutOfRange {
        /// The value given.
        value: String,
    },
    /// A longitude outside -180..=180.
    #[error("longitud fuera de rango: {value}")]
    LongitudeOutOfRange {
        /// The value given.
        value: String,
    },
    /// A GPS accuracy that is negative or not a number.
    #[error("precisión GPS inválida: {value}")]
    InvalidAccuracy {
        /// The value given.
        value: String,
    },
    /// An outcome code that is not on the list.
    #[error("código de resultado desconocido: {value}")]
    UnknownOutcome {
        /// The value given.
        value: String,
    },
    /// An outcome that does not apply to this kind of contact.
    #[error("el resultado {outcome} no aplica a una {channel}")]
    OutcomeNotForChannel {
        /// The outcome code.
        outcome: String,
        /// `visita` or `llamada`.
        channel: String,
    },
    /// A promise due before the day it was made.
    #[error("la promesa vence el {due_on}, antes de hoy ({made_on})")]
    PromiseDueInPast {
        /// The due date given.
        due_on: String,
        /// The day the promise was made.
        made_on: String,
    },
    /// Installments that do not add up to the promised amount.
    #[error("las parcialidades suman {total}, pero la promesa es de {amount}")]
    InstallmentsDoNotAddUp {
        /// Their sum.
        total: String,
        /// The promised amount.
        amount: String,
    },
    /// Installments out of date order, or the last one not on the due date.
    #[error("las parcialidades deben ir en orden de fecha y la última vencer con la promesa")]
    InstallmentsOutOfOrder,
    /// A required text left empty.
    #[error("{field}: no puede quedar vacío")]
    EmptyText {
        /// The field at fault.
        field: String,
    },
    /// A text longer than allowed.
    #[error("{field}: admite hasta {max} caracteres")]
    TextTooLong {
        /// The field at fault.
        field: String,
        /// The limit.
        max: usize,
    },
    /// A control character or an invisible mark that reorders text.
    #[error("{field}: contiene un carácter no permitido ({character}); bórralo y escribe el texto de nuevo")]
    ForbiddenCharacter {
        /// The field at fault.
        field: String,
        /// The character, as U+XXXX.
        character: String,
    },
    /// A photo larger than the limit.
    #[error("la foto pesa {bytes} bytes; el máximo es {max}")]
    PhotoTooLarge {
        /// Its size.
        bytes: u32,
        /// The limit.
        max: u32,
    },
    /// Bytes that are not a JPEG, PNG or WebP image.
    #[error("el archivo no es una foto (JPEG, PNG o WebP)")]
    NotAPhoto,
    /// More photos than a visit carries.
    #[error("una visita lleva hasta {max} fotos")]
    TooManyPhotos {
        /// The limit.
        max: u32,
    },
    /// Someone listed on an account who is neither co-obligor nor guarantor.
    #[error("{name}: en la cuenta solo figuran coobligados y avales")]
    NotBoundToTheDebt {
        /// Their name.
        name: String,
    },
    /// A contact policy whose window closes before it opens.
    #[error("el horario de contacto debe empezar antes de terminar ({from}–{until})")]
    EmptyContactWindow {
        /// Its start.
        from: String,
        /// Its end.
        until: String,
    },
    /// A contact policy cap that allows no attempt at all.
    #[error("{field}: debe permitir al menos un intento")]
    ZeroCap {
        /// The cap at fault.
        field: String,
    },
    /// A contact policy that keeps the debt from the debtor themselves.
    #[error("el deudor siempre puede tratar su propia deuda")]
    DebtorMustHear,
    /// Not a phone number.
    #[error("teléfono inválido: {value}")]
    InvalidPhone {
        /// The value given.
        value: String,
    },
    /// Not an email address.
    #[error("correo electrónico inválido: {value}")]
    InvalidEmail {
        /// The value given.
        value: String,
    },
    /// A message to a number by email, or to an address by SMS or WhatsApp.
    #[error("{to} no sirve para este medio: un correo va a una dirección, un SMS o WhatsApp a un teléfono")]
    RecipientNotForChannel {
        /// The recipient given.
        to: String,
    },
    /// A discount limit below 0 % or above 100 %.
    #[error("un límite de descuento va de 0 % a 100 %")]
    DiscountLimitOutOfRange,
    /// A plan with no instalments, or too many.
    #[error("un plan tiene de 1 a {max} parcialidades")]
    InstallmentCount {
        /// The most allowed.
        max: u32,
    },
    /// More grace days than a policy may give.
    #[error("los días de gracia no pueden pasar de {max}")]
    GraceTooLong {
        /// The most allowed.
        max: u32,
    },
    /// A balance's principal, interest and fees that do not add up to it.
    #[error("capital, intereses y comisiones no suman el saldo ({balance})")]
    BreakdownDoesNotAddUp {
        /// The balance.
        balance: String,
    },
    /// A plan that, with its discount, asks more than the account owes.
    #[error("el plan ({amount}) más el descuento ({discount}) pasa del saldo ({balance})")]
    PlanOverBalance {
        /// The plan's total.
        amount: String,
        /// Its discount.
        discount: String,
        /// The balance.
        balance: String,
    },
    /// A policy number outside what it may be.
    #[error("{field}: de {min} a {max}")]
    OutOfRange {
        /// The policy field.
        field: String,
        /// The least allowed.
        min: u32,
        /// The most allowed.
        max: u32,
    },
    /// A message template that does not hold up (see
    /// [`crate::message::Template::check`]).
    #[error("plantilla {template}: {problem}")]
    BadTemplate {
        /// Its code.
        template: String,
        /// What is wrong.
        problem: crate::message::TemplateProblem,
    },
    /// A segment given more points, either way, than the score allows.
    #[error("un segmento suma o resta a lo más {max} puntos de prioridad")]
    SegmentPointsOutOfRange {
        /// The most allowed either way.
        max: i32,
    },
    /// A time zone Campo does not serve.
    #[error("zona horaria desconocida: {value}")]
    UnknownZone {
        /// The value given.
        value: String,
    },
    /// An end time before the start time.
    #[error("la hora de fin es anterior a la de inicio")]
    EndsBeforeStart,
    /// An overdue amount or minimum payment above the balance.
    #[error("{field} no puede ser mayor que el saldo")]
    ExceedsBalance {
        /// The field at fault.
        field: String,
    },
    /// A record body that does not parse: wrong type, unknown field, missing field.
    #[error("registro inválido: {message}")]
    Malformed {
        /// What the parser said.
        message: String,
    },
}

thread_local! {
    /// The typed error behind the last domain check that failed while serde
    /// was deserialising on this thread. serde keeps only a message, and the
    /// UI needs the code and the field to say what is wrong in its language.
    static CHECK_FAILED: RefCell<Option<DomainError>> = const { RefCell::new(None) };
}

impl DomainError {
    /// Hands a failed domain check to serde as its error, keeping the typed
    /// error for [`DomainError::from_serde`].
    pub fn into_serde<E: serde::de::Error>(self) -> E {
        let error = E::custom(&self);
        CHECK_FAILED.with(|last| *last.borrow_mut() = Some(self));
        error
    }

    /// What a failed parse of a JSON body means: the domain check that
    /// failed inside it, else `Malformed` with the parser's message.
    pub fn from_serde(e: &serde_json::Error) -> Self {
        let message = e.to_string();
        let check = CHECK_FAILED.with(|last| last.borrow_mut().take());
        match check {
            // The check's own message starts serde's: the stash is this error's.
            Some(check) if message.starts_with(&check.to_string()) => check,
            _ => {
                // The position means nothing to a gestor filling in a form.
                let position = format!(" at line {} column {}", e.line(), e.column());
                Self::Malformed { message: message.strip_suffix(&position).unwrap_or(&message).to_owned() }
            }
        }
    }
}

/// Deserialises a checked type through its `TryFrom<raw>`, keeping the typed
/// error of a failed check (see [`DomainError::into_serde`]).
macro_rules! deserialize_via {
    ($name:ty, $raw:ty) => {
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Self::try_from(<$raw as ::serde::Deserialize>::deserialize(d)?).map_err($crate::DomainError::into_serde)
            }
        }
    };
}
pub(crate) use deserialize_via;

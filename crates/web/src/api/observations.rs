//! `POST /api/v1/observations`: a script records an actual value (DESIGN.md → Web routes).
//!
//! Accounts and tokens arrive in part two of the web application; until then no request has
//! the right to write: without an `Authorization` header the answer is 401 with
//! `WWW-Authenticate: Bearer`, with one it is 403. The request and the answers part two gives
//! (200 with the new version, 409 with the current value when `version` is stale) are
//! described in the OpenAPI document already, so scripts can be written against them now.
//! Credentials are checked before the body is read, as they will be then.

use axum::http::header::AUTHORIZATION;
use axum::http::HeaderMap;
use serde::Serialize;
use utoipa::ToSchema;

use super::schema::Amount;
use super::{ApiError, ErrorBody, ErrorDetail};
use crate::i18n::RequestLang;

/// An actual value to record.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewObservation {
    /// The plan's code.
    pub plan: String,
    /// The indicator's id (or its normalised name) in the plan.
    pub indicator: String,
    /// The year or month the value is for (`FY2024`).
    pub period: String,
    /// A number in the indicator's unit, or a milestone's state.
    pub value: Amount,
    /// The version of the value this edit replaces, as last read: the write is refused with
    /// 409 if someone has changed it since. Without it, the value is written whatever it was.
    #[schema(minimum = 0)]
    pub version: Option<i64>,
}

/// A recorded value's new version.
#[derive(Debug, Serialize, ToSchema)]
pub struct Recorded {
    /// The version the value now has.
    pub version: i64,
}

/// A stale edit: the value as it stands, and who wrote it when.
#[derive(Debug, Serialize, ToSchema)]
pub struct Conflict {
    /// `conflict`.
    pub error: ErrorDetail,
    /// The value as it stands.
    pub current: CurrentValue,
}

/// The value that a stale edit would have overwritten.
#[derive(Debug, Serialize, ToSchema)]
pub struct CurrentValue {
    /// The value.
    pub value: Amount,
    /// Its version.
    pub version: i64,
    /// Who wrote it.
    pub by: String,
    /// When (`2025-06-30T09:15:00Z`).
    pub at: String,
}

/// Records an actual value of an indicator (needs the right to write).
#[utoipa::path(
    post,
    path = "/api/v1/observations",
    tag = "write",
    request_body = NewObservation,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Recorded.", body = Recorded),
        (status = 401, description = "No credentials.", body = ErrorBody,
         headers(("WWW-Authenticate" = String, description = "`Bearer`"))),
        (status = 403, description = "The credentials carry no right to write this plan.", body = ErrorBody),
        (status = 409, description = "`version` is stale: the current value, its version and who wrote it when.", body = Conflict),
    )
)]
pub async fn record(lang: RequestLang, headers: HeaderMap) -> ApiError {
    if headers.contains_key(AUTHORIZATION) {
        ApiError::forbidden(lang.lang)
    } else {
        ApiError::unauthorized(lang.lang)
    }
}

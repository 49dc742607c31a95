//! The JSON API under `/api/v1`, and its OpenAPI 3 description at `/api/openapi.json`.
//!
//! The API reads what the pages read — plans from [`crate::cache::Plans`], evaluated by the
//! core's one evaluation — and writes it as the types of [`schema`], whose field names are the
//! command line's (`shinchoku evaluate --format json`, DESIGN.md → Evaluation JSON). The
//! OpenAPI document is generated from the handlers' `#[utoipa::path]` attributes and the
//! types' `ToSchema`, so it cannot drift from what the handlers answer; schemathesis checks
//! that in CI (`.ci/schemathesis.sh`).
//!
//! Every failure is an [`ApiError`]: `{"error": {"code", "message"}}` with 400, 401, 403, 404
//! or 500, never a database's text. Writes (`POST /api/v1/observations`) answer 401 without
//! credentials and 403 with them until accounts arrive (part two of the web application).

use std::sync::Arc;

use axum::http::header::{HeaderValue, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shinchoku_core::Lang;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::cache::Evaluated;
use crate::i18n::RequestLang;
use crate::App;

mod error;
pub mod evaluation;
pub mod observations;
pub mod plans;
pub mod schema;

pub use error::{ApiError, ErrorBody, ErrorDetail, NotFound};

/// The OpenAPI description, gathered from the handlers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "shinchoku API",
        description = "Plans, their indicators and observations, and their evaluation by fiscal \
                       year, as JSON. Numbers are JSON numbers with all their digits; periods \
                       are their canonical text (`FY2023`, `FY2022-FY2026`). Errors are \
                       `{\"error\": {\"code\", \"message\"}}`. Messages are Japanese unless \
                       `?lang=en` (or the `lang` cookie) asks for English."
    ),
    paths(
        plans::list,
        plans::plan,
        plans::nodes,
        plans::indicators,
        plans::indicator,
        plans::observations,
        evaluation::evaluation,
        observations::record,
        observations::upload,
    ),
    modifiers(&Bearer),
    tags(
        (name = "read", description = "Readable without credentials on a public server."),
        (name = "write", description = "Needs `Authorization: Bearer TOKEN` with the right to write."),
    )
)]
pub struct ApiDoc;

/// The `bearer` security scheme that writes name.
struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// `GET /api/openapi.json`.
pub async fn openapi(lang: RequestLang) -> Response {
    match ApiDoc::openapi().to_json() {
        Ok(json) => {
            let mut response = json.into_response();
            response
                .headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            response
        }
        Err(e) => {
            tracing::error!(error = %e, "openapi");
            ApiError::internal(lang.lang).into_response()
        }
    }
}

/// Any other path under `/api`: a JSON 404.
pub async fn not_found(lang: RequestLang) -> ApiError {
    ApiError::not_found(lang.lang, NotFound::Route)
}

/// Plan `code` from the cache (current as of this request), or 404.
async fn load(app: &App, code: &str, lang: Lang) -> Result<Arc<Evaluated>, ApiError> {
    app.plans()
        .refresh()
        .await
        .map_err(|e| ApiError::store(lang, &e))?;
    app.plans()
        .get(code)
        .await
        .map_err(|e| ApiError::store(lang, &e))?
        .ok_or(ApiError::not_found(lang, NotFound::Plan))
}

/// `?fy=YEAR`.
#[derive(Debug, Deserialize)]
pub struct FyParam {
    fy: Option<String>,
}

/// The fiscal years `?fy=` takes: the four-digit years a period can name.
const FY_RANGE: std::ops::RangeInclusive<i32> = 1000..=9999;

impl FyParam {
    /// The year asked for, if any; 400 unless it is a number in 1000–9999.
    fn year(&self, lang: Lang) -> Result<Option<i32>, ApiError> {
        let Some(text) = self.fy.as_deref() else {
            return Ok(None);
        };
        match text.parse::<i32>() {
            Ok(fy) if FY_RANGE.contains(&fy) => Ok(Some(fy)),
            _ => Err(ApiError::bad_request(match lang {
                Lang::Ja => "fy は 1000 から 9999 までの年度（西暦）で指定してください。".into(),
                Lang::En => "fy must be a fiscal year from 1000 to 9999.".into(),
            })),
        }
    }
}

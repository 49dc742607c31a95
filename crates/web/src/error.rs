//! A page that cannot be shown: not found (404), or a failure inside (500) whose cause goes to
//! the log under the request id, never to the reader.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use shinchoku_core::Lang;
use shinchoku_store::StoreError;

use crate::pages::{Layout, Rendered};

/// Why a page is not shown.
#[derive(Debug)]
pub enum PageError {
    /// No such plan, indicator or page.
    NotFound(Lang),
    /// The signed-in account may not see or do this; the message says why.
    Forbidden(Lang, String),
    /// The store failed; the reader sees only the request id.
    Store(Lang, StoreError),
    /// A template failed to render (a bug).
    Render(Lang, askama::Error),
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, lang) = match &self {
            PageError::NotFound(lang) => (StatusCode::NOT_FOUND, *lang),
            PageError::Forbidden(lang, _) => (StatusCode::FORBIDDEN, *lang),
            PageError::Store(lang, e) => {
                tracing::error!(error = %e, "store");
                (StatusCode::INTERNAL_SERVER_ERROR, *lang)
            }
            PageError::Render(lang, e) => {
                tracing::error!(error = %e, "template");
                (StatusCode::INTERNAL_SERVER_ERROR, *lang)
            }
        };
        let message = match &self {
            PageError::Forbidden(_, m) => Some(m.clone()),
            _ => None,
        };
        let body = crate::pages::error_page(Layout::new(lang, "/"), status, message);
        match body {
            Ok(Rendered(html)) => (status, Html(html)).into_response(),
            Err(_) => (status, status.canonical_reason().unwrap_or("error")).into_response(),
        }
    }
}

//! The stylesheet and the few static files, compiled into the binary so the server is one file.

use axum::extract::Path;
use axum::http::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use crate::i18n::RequestLang;
use crate::PageError;

/// The files, by name: (name, content type, bytes).
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../../static/app.css"),
    ),
    (
        "tokens.css",
        "text/css; charset=utf-8",
        include_bytes!("../../static/tokens.css"),
    ),
    (
        "sheet.css",
        "text/css; charset=utf-8",
        include_bytes!("../../static/sheet.css"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../../static/favicon.svg"),
    ),
];

/// `GET /static/{file}`.
pub async fn file(Path(name): Path<String>, lang: RequestLang) -> Result<Response, PageError> {
    let Some((_, kind, bytes)) = FILES.iter().find(|(n, _, _)| *n == name) else {
        return Err(PageError::NotFound(lang.lang));
    };
    let mut response = bytes.into_response();
    let h = response.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(
        CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    Ok(response)
}

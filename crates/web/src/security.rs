//! What every response carries for safety, and the request id every log line names.
//!
//! The pages load nothing from elsewhere and run no inline script, so the content security
//! policy allows only this origin; no page may be framed; a type is never sniffed. Each request
//! gets an id, logged with its method, path, status and time (`tracing`) and shown on an error
//! page, so a reader's report can be matched to the log without the log's text reaching them.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::extract::Request;
use axum::http::header::{
    HeaderValue, CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, SET_COOKIE,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use crate::i18n::RequestLang;

/// The policy: this origin only; styles from files (no inline `style` attributes are needed
/// in HTML; SVG presentation attributes are not styles); no frames of ours anywhere.
const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                   object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The id of one request, in the extensions of the request and of its response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestId(pub u64);

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:08x}", self.0)
    }
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

tokio::task_local! {
    /// The id of the request being handled, for an error page to show.
    static REQUEST_ID: RequestId;
}

/// The id of the request this task is handling (`00000000` outside one).
pub fn current_request_id() -> RequestId {
    REQUEST_ID.try_with(|id| *id).unwrap_or(RequestId(0))
}

/// The middleware: an id for the request, the headers on the response, one log line.
pub async fn headers(request: Request, next: Next) -> Response {
    let id = RequestId(NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let lang = RequestLang::of(request.uri().query(), None);
    let started = Instant::now();
    let span = tracing::info_span!("request", id = %id, %method, %path);
    let mut response = REQUEST_ID
        .scope(id, next.run(request).instrument(span.clone()))
        .await;
    let h = response.headers_mut();
    h.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if !h.contains_key(CACHE_CONTROL) {
        h.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    if let Ok(v) = HeaderValue::from_str(&id.to_string()) {
        h.insert("x-request-id", v);
    }
    if lang.from_query {
        // ?lang= is remembered for the next pages: a cookie a script cannot read.
        let cookie = format!(
            "lang={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
            crate::i18n::texts(lang.lang).code
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            h.append(SET_COOKIE, v);
        }
    }
    tracing::info!(
        parent: &span,
        status = response.status().as_u16(),
        micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
        "served"
    );
    response
}

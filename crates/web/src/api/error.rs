//! The one way an API request fails: a status and `{"error": {"code", "message"}}`.
//!
//! The code is a fixed word a script can branch on (`not_found`, `bad_request`,
//! `unauthorized`, `forbidden`, `internal`); the message is for people, in the reader's
//! language (Japanese unless `?lang=en` or the cookie says English). A store failure is logged
//! under the request id and answered with that id only: database text never reaches a client.
//! Our own extractors ([`Path`], [`Query`]) turn axum's rejections into this error, so serde's
//! English never reaches a client either.

use axum::extract::FromRequestParts;
use axum::http::header::{HeaderValue, WWW_AUTHENTICATE};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use serde::Serialize;
use shinchoku_core::Lang;
use shinchoku_store::StoreError;
use utoipa::ToSchema;

use crate::i18n::RequestLang;
use crate::security::current_request_id;

/// An error response's body.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// A fixed word to branch on: `not_found`, `bad_request`, `unauthorized`, `forbidden`,
    /// `csrf`, `conflict`, `invalid` or `internal`.
    #[schema(example = "not_found")]
    pub code: String,
    /// For people, in the reader's language.
    pub message: String,
}

/// A failed API request.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

fn words(lang: Lang, ja: &str, en: &str) -> String {
    match lang {
        Lang::Ja => ja.to_owned(),
        Lang::En => en.to_owned(),
    }
}

impl ApiError {
    /// 404: no such plan, indicator or route.
    pub fn not_found(lang: Lang, what: NotFound) -> ApiError {
        let message = match what {
            NotFound::Plan => words(lang, "計画が見つかりません。", "No such plan."),
            NotFound::Indicator => words(
                lang,
                "この計画にその指標はありません。",
                "The plan has no such indicator.",
            ),
            NotFound::Route => words(
                lang,
                "その API はありません（/api/openapi.json に一覧があります）。",
                "No such API route (/api/openapi.json lists them).",
            ),
        };
        ApiError {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            message,
        }
    }

    /// 400: a parameter that is not what the route takes.
    pub fn bad_request(message: String) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "bad_request",
            message,
        }
    }

    /// 401: no credentials (`WWW-Authenticate: Bearer` on the response).
    pub fn unauthorized(lang: Lang) -> ApiError {
        ApiError {
            status: StatusCode::UNAUTHORIZED,
            code: "unauthorized",
            message: words(
                lang,
                "ログインまたは認証が必要です（Authorization: Bearer トークン）。",
                "Sign-in or credentials are needed (Authorization: Bearer TOKEN).",
            ),
        }
    }

    /// 403: credentials that carry no right to write.
    pub fn forbidden(lang: Lang) -> ApiError {
        ApiError {
            status: StatusCode::FORBIDDEN,
            code: "forbidden",
            message: words(
                lang,
                "このアカウントにはこの操作の権限がありません。",
                "This account has no right to do this.",
            ),
        }
    }

    /// 403 with a message of its own.
    pub fn forbidden_because(message: String) -> ApiError {
        ApiError {
            status: StatusCode::FORBIDDEN,
            code: "forbidden",
            message,
        }
    }

    /// 403: a request signed in by cookie without its anti-forgery token.
    pub fn csrf(lang: Lang) -> ApiError {
        ApiError {
            status: StatusCode::FORBIDDEN,
            code: "csrf",
            message: words(
                lang,
                "フォームの確認用トークン（X-CSRF-Token）がないか、違っています。ページを読み込み直してください。",
                "The anti-forgery token (X-CSRF-Token) is missing or wrong; reload the page.",
            ),
        }
    }

    /// 500: the store failed. Logged with its cause; the reader gets the request id.
    pub fn store(lang: Lang, e: &StoreError) -> ApiError {
        tracing::error!(error = %e, "store");
        ApiError::internal(lang)
    }

    /// 500, its cause logged by the caller: the reader gets the request id.
    pub fn internal(lang: Lang) -> ApiError {
        let id = current_request_id();
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: match lang {
                Lang::Ja => format!("内部エラーが発生しました（要求 ID {id}）。"),
                Lang::En => format!("An internal error occurred (request id {id})."),
            },
        }
    }
}

/// What a 404 did not find.
#[derive(Debug, Clone, Copy)]
pub enum NotFound {
    /// The plan of the path.
    Plan,
    /// The indicator of the path.
    Indicator,
    /// The route.
    Route,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_owned(),
                message: self.message,
            },
        };
        let mut response = (self.status, Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"shinchoku\""),
            );
        }
        response
    }
}

/// axum's `Path`, failing with an [`ApiError`] (a segment that is not UTF-8 once decoded).
#[derive(Debug)]
pub struct Path<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Path<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let lang = lang_of(parts, state).await;
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(t)) => Ok(Path(t)),
            Err(_) => Err(ApiError::bad_request(words(
                lang,
                "URL のパスを読めません。",
                "The URL's path cannot be read.",
            ))),
        }
    }
}

/// axum's `Query`, failing with an [`ApiError`].
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let lang = lang_of(parts, state).await;
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(t)) => Ok(Query(t)),
            Err(_) => Err(ApiError::bad_request(words(
                lang,
                "クエリ文字列を読めません。",
                "The query string cannot be read.",
            ))),
        }
    }
}

/// The reader's language, for the message of a rejection.
async fn lang_of<S: Send + Sync>(parts: &mut Parts, state: &S) -> Lang {
    match RequestLang::from_request_parts(parts, state).await {
        Ok(l) => l.lang,
        Err(never) => match never {},
    }
}

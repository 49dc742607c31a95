//! `POST /api/v1/observations` (one actual value) and `POST /api/v1/actuals` (an Actuals CSV,
//! all rows or none): scripts write what the entry pages write, with the same rights
//! (DESIGN.md → Web routes).
//!
//! A script signs in with `Authorization: Bearer TOKEN` (`shinchoku token add --user NAME`);
//! a page's script may instead use its session cookie and send the page's anti-forgery token
//! in `X-CSRF-Token`. Without credentials the answer is 401 with `WWW-Authenticate: Bearer`;
//! an account without the right (a viewer, or an editor of another department) gets 403; a
//! stale `version` gets 409 with the value as it stands, its version and who wrote it when;
//! fields that do not read get 422 naming each. Rights are checked before the body is read.

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use shinchoku_core::Lang;
use utoipa::ToSchema;

use super::schema::Amount;
use super::{ApiError, ErrorBody, ErrorDetail, NotFound};
use crate::accounts::{Visitor, CSRF_HEADER};
use crate::i18n::RequestLang;
use crate::writes::{self, EntryInput, FieldProblem, UploadError, WriteError};
use crate::App;

/// An actual value to record.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "plan": "yamaguchi-industry-2022", "indicator": "i1", "period": "FY2024",
    "value": 24, "version": 1, "status": "final"
}))]
pub struct NewObservation {
    /// The plan's code.
    pub plan: String,
    /// The indicator's id in the plan.
    pub indicator: String,
    /// The year or month the value is for (`FY2024`; `2024` and `令和6年度` are read too).
    pub period: String,
    /// A number in the indicator's unit (`24`, or `"22.5%"` with the unit), a milestone's
    /// state, or `null` to delete the value.
    #[schema(value_type = Amount)]
    pub value: serde_json::Value,
    /// The version of the value this edit replaces, as last read (0: there was none): the
    /// write is refused with 409 if someone has changed it since. Without it, the value is
    /// written whatever it was.
    #[schema(minimum = 0)]
    #[serde(default)]
    pub version: Option<i64>,
    /// `final` (確定, the default), `provisional` (速報) or `estimate` (見込).
    #[serde(default)]
    pub status: Option<String>,
    /// A note.
    #[serde(default)]
    pub note: Option<String>,
}

/// A recorded value's new version.
#[derive(Debug, Serialize, ToSchema)]
pub struct Recorded {
    /// The version the value now has (0 once deleted).
    pub version: i64,
    /// Whether the same value was already stored (nothing written).
    pub unchanged: bool,
}

/// A stale edit: the value as it stands, and who wrote it when.
#[derive(Debug, Serialize, ToSchema)]
pub struct Conflict {
    /// `conflict`.
    pub error: ErrorDetail,
    /// The value as it stands; `null` when it has been deleted since.
    pub current: Option<CurrentValue>,
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

/// Fields that do not read: each named, with what is wrong.
#[derive(Debug, Serialize, ToSchema)]
pub struct Invalid {
    /// `invalid`.
    pub error: ErrorDetail,
    /// One entry per field.
    pub problems: Vec<Problem>,
}

/// A problem of one field (or one row and column of a file).
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// The line of the file (uploads only; 1 is the header).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// `period`, `value`, `status`, `note`; a file's column; empty for a whole row.
    pub field: String,
    /// What is wrong, in the reader's language.
    pub message: String,
}

impl From<FieldProblem> for Problem {
    fn from(p: FieldProblem) -> Self {
        Problem {
            line: None,
            field: p.field.to_owned(),
            message: p.message,
        }
    }
}

/// An upload's result.
#[derive(Debug, Serialize, ToSchema)]
pub struct Uploaded {
    /// Rows read.
    pub rows: u64,
    /// New values.
    pub inserted: u64,
    /// Values replaced (a new version each).
    pub updated: u64,
    /// Rows whose value was stored already.
    pub unchanged: u64,
    /// Rows with an empty value.
    pub skipped: u64,
}

/// The signed-in visitor's account, if the request may write at all: 401 without one, 403
/// for a cookie without its anti-forgery token.
fn writer<'v>(
    visitor: &'v Visitor,
    headers: &HeaderMap,
    lang: Lang,
) -> Result<&'v crate::accounts::Account, ApiError> {
    let account = visitor
        .account
        .as_ref()
        .ok_or(ApiError::unauthorized(lang))?;
    let token = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
    if !visitor.csrf_ok(token) {
        return Err(ApiError::csrf(lang));
    }
    if !account.enters_data() {
        return Err(ApiError::forbidden(lang));
    }
    Ok(account)
}

/// The body of a 422.
fn invalid(lang: Lang, problems: Vec<Problem>) -> Response {
    let body = Invalid {
        error: ErrorDetail {
            code: "invalid".into(),
            message: match lang {
                Lang::Ja => "入力を受け付けられません。".into(),
                Lang::En => "The input is refused.".into(),
            },
        },
        problems,
    };
    (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
}

/// A write's error as the API answers it.
pub(crate) fn write_error(e: WriteError, lang: Lang) -> Response {
    match e {
        WriteError::NoRight => ApiError::forbidden(lang).into_response(),
        WriteError::NoPlan => ApiError::not_found(lang, NotFound::Plan).into_response(),
        WriteError::NoIndicator => ApiError::not_found(lang, NotFound::Indicator).into_response(),
        WriteError::OtherDepartment { owner } => ApiError::forbidden_because(
            crate::pages::entry::other_department(lang, owner.as_deref()),
        )
        .into_response(),
        WriteError::Invalid(problems) => {
            invalid(lang, problems.into_iter().map(Problem::from).collect())
        }
        WriteError::Conflict(stale) => {
            let current = stale.current.map(|r| CurrentValue {
                value: Amount::of_observed(&r.observation.value),
                version: r.version,
                by: r.updated_by,
                at: r.updated_at,
            });
            let message = match (lang, &current) {
                (Lang::Ja, Some(c)) => format!(
                    "第{}版をもとにした変更ですが、{} が {} に第{}版へ更新しています。",
                    stale.expected, c.by, c.at, c.version
                ),
                (Lang::Ja, None) => format!(
                    "第{}版をもとにした変更ですが、その値は削除されています。",
                    stale.expected
                ),
                (Lang::En, Some(c)) => format!(
                    "The change was based on version {}, but {} wrote version {} at {}.",
                    stale.expected, c.by, c.version, c.at
                ),
                (Lang::En, None) => format!(
                    "The change was based on version {}, but the value has been deleted since.",
                    stale.expected
                ),
            };
            let body = Conflict {
                error: ErrorDetail {
                    code: "conflict".into(),
                    message,
                },
                current,
            };
            (StatusCode::CONFLICT, Json(body)).into_response()
        }
        WriteError::Store(e) => ApiError::store(lang, &e).into_response(),
    }
}

/// Records an actual value of an indicator (needs the right to write it).
#[utoipa::path(
    post,
    path = "/api/v1/observations",
    tag = "write",
    request_body = NewObservation,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Recorded.", body = Recorded),
        (status = 400, description = "The body is not the JSON object described.", body = ErrorBody),
        (status = 401, description = "No credentials.", body = ErrorBody,
         headers(("WWW-Authenticate" = String, description = "`Bearer`"))),
        (status = 403, description = "The account has no right to write this indicator (or a cookie came without its X-CSRF-Token).", body = ErrorBody),
        (status = 404, description = "No such plan or indicator.", body = ErrorBody),
        (status = 409, description = "`version` is stale: the current value, its version and who wrote it when.", body = Conflict),
        (status = 422, description = "A field does not read (a period outside the plan, a value that is not a number, a state not in the list).", body = Invalid),
    )
)]
pub async fn record(
    axum::extract::State(app): axum::extract::State<App>,
    visitor: Visitor,
    lang: RequestLang,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = lang.lang;
    let account = match writer(&visitor, &headers, lang) {
        Ok(a) => a,
        Err(e) => return e.into_response(),
    };
    let new: NewObservation = match serde_json::from_slice(&body) {
        Ok(n) => n,
        Err(_) => {
            return ApiError::bad_request(match lang {
                Lang::Ja => "本文は {\"plan\", \"indicator\", \"period\", \"value\", \"version\"?} の JSON オブジェクトにしてください。".into(),
                Lang::En => "The body must be a JSON object {\"plan\", \"indicator\", \"period\", \"value\", \"version\"?}.".into(),
            })
            .into_response()
        }
    };
    let value = match &new.value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::String(s) => s.clone(),
        _ => {
            return invalid(
                lang,
                vec![Problem {
                    line: None,
                    field: "value".into(),
                    message: match lang {
                        Lang::Ja => {
                            "value は数値か文字列（マイルストーンの状態）にしてください。".into()
                        }
                        Lang::En => {
                            "value must be a number or a string (a milestone's state)".into()
                        }
                    },
                }],
            )
        }
    };
    let input = EntryInput {
        plan: new.plan,
        indicator: new.indicator,
        period: new.period,
        value,
        status: new.status.unwrap_or_default(),
        note: new.note.unwrap_or_default(),
        version: new.version,
    };
    match writes::record(&app, account, &input, "api", lang).await {
        Ok(w) => Json(Recorded {
            version: w.outcome.version,
            unchanged: w.outcome.unchanged,
        })
        .into_response(),
        Err(e) => write_error(e, lang),
    }
}

/// Imports an Actuals CSV (DESIGN.md → Actuals CSV): every row or none.
#[utoipa::path(
    post,
    path = "/api/v1/actuals",
    tag = "write",
    request_body(content = String, content_type = "text/csv",
                 description = "An Actuals CSV: header plan,indicator,period,value and optionally status,as_of,source,note,breakdown; UTF-8 or Shift_JIS."),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every row imported.", body = Uploaded),
        (status = 401, description = "No credentials.", body = ErrorBody,
         headers(("WWW-Authenticate" = String, description = "`Bearer`"))),
        (status = 403, description = "The account enters no data.", body = ErrorBody),
        (status = 413, description = "Larger than 16 MiB.", body = ErrorBody),
        (status = 422, description = "Rows refused, each by line and column; nothing was written.", body = Invalid),
    )
)]
pub async fn upload(
    axum::extract::State(app): axum::extract::State<App>,
    visitor: Visitor,
    lang: RequestLang,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = lang.lang;
    let account = match writer(&visitor, &headers, lang) {
        Ok(a) => a,
        Err(e) => return e.into_response(),
    };
    upload_answer(&app, account, "actuals.csv", &body, lang).await
}

/// An upload's answer: 200 with the counts, or 422 naming the refused rows.
async fn upload_answer(
    app: &App,
    account: &crate::accounts::Account,
    file: &str,
    bytes: &[u8],
    lang: Lang,
) -> Response {
    match writes::upload(app, account, file, bytes, lang).await {
        Ok(s) => Json(Uploaded {
            rows: s.rows,
            inserted: s.inserted,
            updated: s.updated,
            unchanged: s.unchanged,
            skipped: s.skipped,
        })
        .into_response(),
        Err(UploadError::NoRight) => ApiError::forbidden(lang).into_response(),
        Err(UploadError::Unreadable(message)) => invalid(
            lang,
            vec![Problem {
                line: None,
                field: String::new(),
                message,
            }],
        ),
        Err(UploadError::Rows(rows)) => invalid(
            lang,
            rows.into_iter()
                .map(|r| Problem {
                    line: Some(r.line),
                    field: r.field.clone(),
                    message: shinchoku_core::Localize::in_lang(&r.problem, lang).to_string(),
                })
                .collect(),
        ),
        Err(UploadError::Store(e)) => ApiError::store(lang, &e).into_response(),
    }
}

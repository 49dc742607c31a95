//! `/login` and `/logout`: signing in with a name and a password, and out.
//!
//! The sign-in form carries an anti-forgery token that a cookie of its own must match (there
//! is no session yet to hold it). Failed attempts are counted in the database per account and
//! per address ([`MAX_PER_ACCOUNT`], [`MAX_PER_ADDRESS`] in [`WINDOW_SECS`]); past either, the
//! form answers 429 without checking the password. A name that does not exist costs the same
//! argon2 verification as a wrong password, so the time of the answer does not tell which. A
//! successful sign-in ends the session the browser had (if any) and starts one under a new id:
//! a session id planted before sign-in is worth nothing after it. The cookie is `HttpOnly`,
//! `SameSite=Lax`, and `Secure` when the request came through HTTPS (a reverse proxy's
//! `X-Forwarded-Proto: https`).

use std::net::SocketAddr;

use askama::Template;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::header::{COOKIE, LOCATION, RETRY_AFTER, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde::Deserialize;
use shinchoku_core::Lang;

use super::{render, Layout};
use crate::accounts::{cookie, Visitor, LOGIN_CSRF_COOKIE, SESSION_COOKIE, SESSION_SECS};
use crate::auth::{new_secret, same_secret, secret_hash, verify_password};
use crate::i18n::{pick, RequestLang};
use crate::{App, PageError};

/// Failed sign-ins naming one account, within [`WINDOW_SECS`], after which it is refused.
pub const MAX_PER_ACCOUNT: i64 = 5;
/// Failed sign-ins from one address, within [`WINDOW_SECS`], after which it is refused.
pub const MAX_PER_ADDRESS: i64 = 20;
/// The window failures are counted in: fifteen minutes.
pub const WINDOW_SECS: i64 = 15 * 60;

/// The words of the header's account links, and of the pages about rights.
#[derive(Debug)]
pub struct HeaderWords {
    pub login: &'static str,
    pub logout: &'static str,
    pub entry: &'static str,
    pub admin: &'static str,
    pub changes: &'static str,
    pub rounds: &'static str,
    pub forbidden: &'static str,
}

static HEADER_JA: HeaderWords = HeaderWords {
    login: "ログイン",
    logout: "ログアウト",
    entry: "データ入力",
    admin: "管理",
    changes: "最近の更新",
    rounds: "評価",
    forbidden: "この操作の権限がありません",
};

static HEADER_EN: HeaderWords = HeaderWords {
    login: "Sign in",
    logout: "Sign out",
    entry: "Data entry",
    admin: "Administration",
    changes: "Latest changes",
    rounds: "Evaluation",
    forbidden: "You have no right to do this",
};

/// The header's words in `lang`.
pub fn header_words(lang: Lang) -> &'static HeaderWords {
    pick(lang, &HEADER_JA, &HEADER_EN)
}

/// The sign-in page's words.
#[derive(Debug)]
pub struct Words {
    pub heading: &'static str,
    pub intro: &'static str,
    pub name: &'static str,
    pub password: &'static str,
    pub submit: &'static str,
    pub wrong: &'static str,
    pub throttled: &'static str,
    pub expired: &'static str,
}

static JA: Words = Words {
    heading: "ログイン",
    intro: "データ入力と管理にはログインが必要です。",
    name: "ユーザー名",
    password: "パスワード",
    submit: "ログイン",
    wrong: "ユーザー名またはパスワードが違います。",
    throttled: "ログインの失敗が続いたため、しばらく受け付けません。15分ほど待ってからもう一度お試しください。",
    expired: "フォームの有効期限が切れたか、確認用トークンが一致しません。もう一度入力してください。",
};

static EN: Words = Words {
    heading: "Sign in",
    intro: "Data entry and administration need a sign-in.",
    name: "User name",
    password: "Password",
    submit: "Sign in",
    wrong: "The user name or the password is wrong.",
    throttled: "Too many failed sign-ins: try again in about fifteen minutes.",
    expired: "The form has expired or its token does not match; please enter it again.",
};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    l: Layout,
    w: &'static Words,
    csrf: String,
    next: String,
    name: String,
    error: Option<&'static str>,
}

/// `?next=`.
#[derive(Debug, Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// The sign-in form.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    next: String,
}

/// Where to go after signing in: a path of this site, never another site (`//evil`, `/\evil`,
/// a scheme).
fn safe_next(next: &str) -> &str {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.contains(['\r', '\n'])
        && !next.starts_with("/login");
    if ok {
        next
    } else {
        "/"
    }
}

fn cookie_header(name: &str, value: &str, path: &str, max_age: i64, secure: bool) -> HeaderValue {
    let text = format!(
        "{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    );
    HeaderValue::from_str(&text).unwrap_or(HeaderValue::from_static("x=; Max-Age=0"))
}

fn https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// The form, with a new anti-forgery token in it and in its cookie.
fn form_page(
    lang: Lang,
    status: StatusCode,
    next: &str,
    name: &str,
    error: Option<&'static str>,
    headers: &HeaderMap,
) -> Result<Response, PageError> {
    let csrf = new_secret();
    let w = pick(lang, &JA, &EN);
    let page = LoginPage {
        l: Layout::new(lang, "/login").titled(w.heading),
        w,
        csrf: csrf.clone(),
        next: safe_next(next).to_owned(),
        name: name.to_owned(),
        error,
    };
    let mut response = (status, render(lang, &page)?).into_response();
    response.headers_mut().append(
        SET_COOKIE,
        cookie_header(LOGIN_CSRF_COOKIE, &csrf, "/login", 3600, https(headers)),
    );
    Ok(response)
}

/// `GET /login`.
pub async fn page(
    lang: RequestLang,
    visitor: Visitor,
    headers: HeaderMap,
    Query(q): Query<Next>,
) -> Result<Response, PageError> {
    let next = q.next.unwrap_or_default();
    if visitor.account.is_some() {
        return Ok(see_other(safe_next(&next)));
    }
    form_page(lang.lang, StatusCode::OK, &next, "", None, &headers)
}

fn see_other(to: &str) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(LOCATION, v);
    }
    r
}

/// A hash of no one's password, verified when the name is unknown so that the answer takes
/// as long as for a wrong password.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| crate::auth::hash_password(&new_secret()).unwrap_or_default())
}

/// `POST /login`.
pub async fn submit(
    State(app): State<App>,
    lang: RequestLang,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, PageError> {
    let lang = lang.lang;
    let w = pick(lang, &JA, &EN);
    let cookies = headers.get(COOKIE).and_then(|v| v.to_str().ok());
    let expected = cookie(cookies, LOGIN_CSRF_COOKIE).unwrap_or("");
    if expected.is_empty() || !same_secret(expected, &form.csrf) {
        return form_page(
            lang,
            StatusCode::FORBIDDEN,
            &form.next,
            &form.name,
            Some(w.expired),
            &headers,
        );
    }
    let name = form.name.trim();
    let address = peer.ip().to_string();
    let store = app.store();
    let failures = store
        .login_failures(name, &address, WINDOW_SECS)
        .await
        .map_err(|e| PageError::Store(lang, e))?;
    if failures.account >= MAX_PER_ACCOUNT || failures.address >= MAX_PER_ADDRESS {
        let mut r = form_page(
            lang,
            StatusCode::TOO_MANY_REQUESTS,
            &form.next,
            name,
            Some(w.throttled),
            &headers,
        )?;
        r.headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(WINDOW_SECS));
        return Ok(r);
    }
    let user = store
        .user(name)
        .await
        .map_err(|e| PageError::Store(lang, e))?;
    let hash = user
        .as_ref()
        .and_then(|u| u.password_hash.clone())
        .unwrap_or_else(|| dummy_hash().to_owned());
    let password = form.password;
    let verified = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .unwrap_or(false);
    let Some(user) = user.filter(|_| verified) else {
        store
            .record_login_failure(name, &address, WINDOW_SECS)
            .await
            .map_err(|e| PageError::Store(lang, e))?;
        return form_page(
            lang,
            StatusCode::UNAUTHORIZED,
            &form.next,
            name,
            Some(w.wrong),
            &headers,
        );
    };
    store
        .clear_login_failures(name)
        .await
        .map_err(|e| PageError::Store(lang, e))?;
    if let Some(old) = cookie(cookies, SESSION_COOKIE) {
        store
            .end_session(&secret_hash(old))
            .await
            .map_err(|e| PageError::Store(lang, e))?;
    }
    let sid = new_secret();
    store
        .create_session(&secret_hash(&sid), user.id, &new_secret(), SESSION_SECS)
        .await
        .map_err(|e| PageError::Store(lang, e))?;
    let secure = https(&headers);
    let mut r = see_other(safe_next(&form.next));
    let h = r.headers_mut();
    h.append(
        SET_COOKIE,
        cookie_header(SESSION_COOKIE, &sid, "/", SESSION_SECS, secure),
    );
    h.append(
        SET_COOKIE,
        cookie_header(LOGIN_CSRF_COOKIE, "", "/login", 0, secure),
    );
    Ok(r)
}

/// The sign-out form.
#[derive(Debug, Deserialize)]
pub struct LogoutForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /logout`: ends the session (with its token; 403 without).
pub async fn logout(
    State(app): State<App>,
    lang: RequestLang,
    visitor: Visitor,
    headers: HeaderMap,
    Form(form): Form<LogoutForm>,
) -> Result<Response, PageError> {
    let lang = lang.lang;
    let Some(hash) = visitor.session_hash.as_deref() else {
        return Ok(see_other("/"));
    };
    if !visitor.csrf_ok(Some(&form.csrf)) {
        return Err(PageError::Forbidden(
            lang,
            pick(lang, &JA, &EN).expired.to_owned(),
        ));
    }
    app.store()
        .end_session(hash)
        .await
        .map_err(|e| PageError::Store(lang, e))?;
    let mut r = see_other(if app.options().public { "/" } else { "/login" });
    r.headers_mut().append(
        SET_COOKIE,
        cookie_header(SESSION_COOKIE, "", "/", 0, https(&headers)),
    );
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_paths_of_this_site_are_gone_back_to() {
        assert_eq!(safe_next("/plans/p?fy=2024"), "/plans/p?fy=2024");
        for bad in [
            "//evil.example",
            "/\\evil",
            "https://evil.example",
            "",
            "/login?next=/",
        ] {
            assert_eq!(safe_next(bad), "/", "{bad}");
        }
    }
}

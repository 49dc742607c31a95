//! Who is asking, and what they may do: the signed-in account of a request (by its session
//! cookie or its bearer token), the roles and their rights, and the anti-forgery token of
//! forms.
//!
//! The middleware [`visitor`] runs before every handler: it finds the account, keeps it in the
//! request's extensions and in a task-local (so the frame of every page can show who is signed
//! in without each page passing it on), and, on a server that is not public, answers a visitor
//! who is not signed in with the sign-in page (pages) or 401 (the API). Rights are decided by
//! [`Account::may_write`] from the account's role and department and the department that owns
//! the indicator ([`owner_group`]), the same way for a form and for the API.

use std::collections::HashMap;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::{AUTHORIZATION, COOKIE, LOCATION};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use shinchoku_core::plan::Plan;
use shinchoku_store::{Assignment, User};

use crate::auth::{same_secret, secret_hash};
use crate::i18n::RequestLang;
use crate::App;

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "shinchoku_session";

/// The name of the cookie that carries the sign-in form's anti-forgery token before there is a
/// session.
pub const LOGIN_CSRF_COOKIE: &str = "shinchoku_login_csrf";

/// The header a script signed in by cookie sends its anti-forgery token in.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// How long a session lasts after sign-in: a working day.
pub const SESSION_SECS: i64 = 8 * 3600;

/// What a person may do (DESIGN.md → The yearly evaluation round).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Everything, accounts included.
    Admin,
    /// The planning office: every plan's data, the first review.
    Planner,
    /// The second review.
    Executive,
    /// The external review.
    Committee,
    /// A department's staff: their department's data.
    Editor,
    /// Reading only.
    Viewer,
}

impl Role {
    /// Every role, in the order the admin page lists them.
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::Planner,
        Role::Executive,
        Role::Committee,
        Role::Editor,
        Role::Viewer,
    ];

    /// The stored name: `admin`, `planner`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Planner => "planner",
            Role::Executive => "executive",
            Role::Committee => "committee",
            Role::Editor => "editor",
            Role::Viewer => "viewer",
        }
    }

    /// The role stored as `s`.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }

    /// Its name on a page.
    pub fn label(self, lang: shinchoku_core::Lang) -> &'static str {
        use shinchoku_core::Lang::{En, Ja};
        match (self, lang) {
            (Role::Admin, Ja) => "管理者",
            (Role::Planner, Ja) => "企画担当",
            (Role::Executive, Ja) => "幹部",
            (Role::Committee, Ja) => "外部評価委員",
            (Role::Editor, Ja) => "担当課",
            (Role::Viewer, Ja) => "閲覧者",
            (Role::Admin, En) => "administrator",
            (Role::Planner, En) => "planning office",
            (Role::Executive, En) => "executive",
            (Role::Committee, En) => "committee",
            (Role::Editor, En) => "department editor",
            (Role::Viewer, En) => "viewer",
        }
    }
}

/// A signed-in account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The sign-in name (what the audit log records).
    pub name: String,
    /// The role; an unknown stored role reads as [`Role::Viewer`].
    pub role: Role,
    /// The department, for an editor.
    pub group: Option<String>,
}

impl Account {
    fn of(user: User) -> Account {
        Account {
            role: Role::parse(&user.role).unwrap_or(Role::Viewer),
            name: user.name,
            group: user.group,
        }
    }

    /// Whether the account enters data at all (the entry pages are theirs).
    pub fn enters_data(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Planner | Role::Editor)
    }

    /// Whether the account may write the values of an indicator owned by department `owner`
    /// (`None`: no department owns it): administrators and the planning office every one,
    /// an editor those of their own department.
    pub fn may_write(&self, owner: Option<&str>) -> bool {
        match self.role {
            Role::Admin | Role::Planner => true,
            Role::Editor => matches!((owner, self.group.as_deref()), (Some(o), Some(g)) if o == g),
            Role::Executive | Role::Committee | Role::Viewer => false,
        }
    }
}

/// How a request was signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A session cookie from the sign-in page: its writes need the anti-forgery token.
    Session,
    /// A bearer token: a script's, sent deliberately, so no forgery to guard against.
    Token,
}

/// Who is asking: an account or nobody.
#[derive(Debug, Clone, Default)]
pub struct Visitor {
    /// The account, when signed in.
    pub account: Option<Account>,
    /// How.
    pub via: Option<Via>,
    /// The session's anti-forgery token (signed in by cookie).
    pub csrf: Option<String>,
    /// The hash of the session id (to end it at sign-out).
    pub session_hash: Option<String>,
}

impl Visitor {
    /// Whether `token` (from a form field or the `X-CSRF-Token` header) is this session's
    /// anti-forgery token. A request signed in by bearer token needs none.
    pub fn csrf_ok(&self, token: Option<&str>) -> bool {
        match (self.via, self.csrf.as_deref(), token) {
            (Some(Via::Token), _, _) => true,
            (Some(Via::Session), Some(mine), Some(theirs)) => same_secret(mine, theirs),
            _ => false,
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Visitor {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Visitor>()
            .cloned()
            .unwrap_or_default())
    }
}

tokio::task_local! {
    static CURRENT: Visitor;
}

/// The visitor of the request this task is answering (nobody outside one).
pub fn current() -> Visitor {
    CURRENT.try_with(Clone::clone).unwrap_or_default()
}

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie<'a>(header: Option<&'a str>, name: &str) -> Option<&'a str> {
    header?
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v)
}

/// Paths a visitor who is not signed in reaches on a server that is not public: the sign-in
/// page, the files it loads, and the API's description.
fn open_path(path: &str) -> bool {
    path == "/login" || path.starts_with("/static/") || path == "/api/openapi.json"
}

/// The middleware: finds the visitor, and asks for a sign-in where one is needed.
pub async fn visitor(State(app): State<App>, mut request: Request, next: Next) -> Response {
    let lang = RequestLang::of(
        request.uri().query(),
        request.headers().get(COOKIE).and_then(|v| v.to_str().ok()),
    )
    .lang;
    let api = request.uri().path().starts_with("/api/");
    let found = match find(&app, request.headers()).await {
        Ok(v) => v,
        Err(Found::BadToken) => return crate::api::ApiError::unauthorized(lang).into_response(),
        Err(Found::Store(e)) => {
            return if api {
                crate::api::ApiError::store(lang, &e).into_response()
            } else {
                crate::PageError::Store(lang, e).into_response()
            }
        }
    };
    if found.account.is_none() && !app.options().public && !open_path(request.uri().path()) {
        if api {
            return crate::api::ApiError::unauthorized(lang).into_response();
        }
        return to_login(request.method(), request.uri());
    }
    request.extensions_mut().insert(found.clone());
    CURRENT.scope(found, next.run(request)).await
}

/// A redirect to the sign-in page that comes back to `uri` (a `GET`'s; the page otherwise).
pub fn to_login(method: &Method, uri: &axum::http::Uri) -> Response {
    let back = if method == Method::GET {
        uri.path_and_query().map_or("/", |p| p.as_str()).to_owned()
    } else {
        "/".to_owned()
    };
    let location = format!("/login?next={}", crate::pages::query_value(&back));
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(LOCATION, v);
    }
    response
}

enum Found {
    BadToken,
    Store(shinchoku_store::StoreError),
}

async fn find(app: &App, headers: &axum::http::HeaderMap) -> Result<Visitor, Found> {
    if let Some(auth) = headers.get(AUTHORIZATION) {
        let token = auth
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(Found::BadToken)?;
        let user = app
            .store()
            .token_user(&secret_hash(token))
            .await
            .map_err(Found::Store)?
            .ok_or(Found::BadToken)?;
        return Ok(Visitor {
            account: Some(Account::of(user)),
            via: Some(Via::Token),
            csrf: None,
            session_hash: None,
        });
    }
    let cookies = headers.get(COOKIE).and_then(|v| v.to_str().ok());
    let Some(sid) = cookie(cookies, SESSION_COOKIE).filter(|s| !s.is_empty()) else {
        return Ok(Visitor::default());
    };
    let hash = secret_hash(sid);
    match app.store().session(&hash).await.map_err(Found::Store)? {
        Some(s) => Ok(Visitor {
            account: Some(Account::of(s.user)),
            via: Some(Via::Session),
            csrf: Some(s.csrf),
            session_hash: Some(hash),
        }),
        // An expired or unknown session: nobody (the sign-in page sets a new one).
        None => Ok(Visitor::default()),
    }
}

/// The department that owns indicator `indicator` of `plan`: the nearest assignment on its
/// node or the node's ancestors, else the whole plan's, else none.
pub fn owner_group<'a>(
    plan: &Plan,
    assignments: &'a [Assignment],
    indicator: &str,
) -> Option<&'a str> {
    let code = plan.code.as_str();
    let by_node: HashMap<Option<&str>, &str> = assignments
        .iter()
        .filter(|a| a.plan == code)
        .map(|a| (a.node.as_deref(), a.group.as_str()))
        .collect();
    let parents: HashMap<&str, Option<&str>> = plan
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.parent.as_deref()))
        .collect();
    let mut node = plan
        .indicators
        .iter()
        .find(|i| i.indicator.id == indicator)
        .and_then(|i| i.node.as_deref());
    // A bound on the walk: a tree has no cycles, but a stored one is not trusted to.
    for _ in 0..=parents.len() {
        let Some(n) = node else { break };
        if let Some(g) = by_node.get(&Some(n)) {
            return Some(g);
        }
        node = parents.get(n).copied().flatten();
    }
    by_node.get(&None).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(role: Role, group: Option<&str>) -> Account {
        Account {
            name: "x".into(),
            role,
            group: group.map(str::to_owned),
        }
    }

    #[test]
    fn editors_write_their_departments_indicators_and_planners_every_one() {
        let ed = account(Role::Editor, Some("観光課"));
        assert!(ed.may_write(Some("観光課")));
        assert!(!ed.may_write(Some("商工振興課")));
        assert!(!ed.may_write(None));
        assert!(!account(Role::Editor, None).may_write(None));
        assert!(account(Role::Planner, None).may_write(None));
        assert!(account(Role::Admin, None).may_write(Some("観光課")));
        for r in [Role::Viewer, Role::Executive, Role::Committee] {
            assert!(
                !account(r, Some("観光課")).may_write(Some("観光課")),
                "{r:?}"
            );
        }
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn cookies_are_found_by_name() {
        let h = Some("lang=en; shinchoku_session=abc; other=1");
        assert_eq!(cookie(h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(h, "lang"), Some("en"));
        assert_eq!(cookie(h, "none"), None);
        assert_eq!(cookie(None, "lang"), None);
    }

    #[test]
    fn a_form_needs_its_sessions_token_and_a_script_none() {
        let session = Visitor {
            via: Some(Via::Session),
            csrf: Some("t0ken".into()),
            ..Visitor::default()
        };
        assert!(session.csrf_ok(Some("t0ken")));
        assert!(!session.csrf_ok(Some("other")));
        assert!(!session.csrf_ok(None));
        let script = Visitor {
            via: Some(Via::Token),
            ..Visitor::default()
        };
        assert!(script.csrf_ok(None));
        assert!(!Visitor::default().csrf_ok(Some("t0ken")));
    }
}

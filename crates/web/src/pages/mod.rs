//! The pages: each module turns a request into a template's view; this one holds what they
//! share — the [`Layout`] around every page, rendering, and the error pages.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use shinchoku_core::Lang;

use crate::i18n::{texts, RequestLang, Texts};
use crate::security::current_request_id;
use crate::PageError;

pub mod admin;
pub mod assets;
pub mod changes;
pub mod dashboard;
pub mod diff;
pub mod entry;
pub mod indicator;
pub mod login;
pub mod organizations;
pub mod plan;
pub mod report;
pub mod roadmap;
pub mod rounds;

/// One step of the breadcrumb trail.
#[derive(Debug, Clone)]
pub struct Crumb {
    /// What it says.
    pub label: String,
    /// Where it goes; `None` for the page itself.
    pub href: Option<String>,
}

/// What the frame of every page needs: the language, the path (for the language switch), the
/// page's title and breadcrumb.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The words of its language.
    pub t: &'static Texts,
    /// This page in the other language.
    pub switch_href: String,
    /// The `<title>`, before the application's name.
    pub title: String,
    /// The trail from the dashboard to this page (empty on the dashboard).
    pub crumbs: Vec<Crumb>,
    /// The signed-in account, for the header (its name, the sign-out form).
    pub who: Option<Who>,
    /// The words of the header's account links.
    pub w: &'static login::HeaderWords,
}

/// The signed-in account as the header shows it.
#[derive(Debug, Clone)]
pub struct Who {
    /// The sign-in name.
    pub name: String,
    /// The role's name.
    pub role: &'static str,
    /// The session's anti-forgery token, for the sign-out form (none when signed in by token).
    pub csrf: String,
    /// Whether the entry pages are theirs.
    pub enters: bool,
    /// Whether the admin page is theirs.
    pub admin: bool,
}

impl Layout {
    /// The frame of the page at `path` in `lang`.
    pub fn new(lang: Lang, path: &str) -> Layout {
        let t = texts(lang);
        let visitor = crate::accounts::current();
        let who = visitor.account.as_ref().map(|a| Who {
            name: a.name.clone(),
            role: a.role.label(lang),
            csrf: visitor.csrf.clone().unwrap_or_default(),
            enters: a.enters_data(),
            admin: a.role == crate::accounts::Role::Admin,
        });
        Layout {
            t,
            switch_href: format!("{path}?lang={}", t.other_code),
            title: String::new(),
            crumbs: Vec::new(),
            who,
            w: login::header_words(lang),
        }
    }

    /// The same, titled.
    pub fn titled(mut self, title: impl Into<String>) -> Layout {
        self.title = title.into();
        self
    }

    /// The same, with a breadcrumb step (the last one added is the page itself).
    pub fn crumb(mut self, label: impl Into<String>, href: Option<String>) -> Layout {
        self.crumbs.push(Crumb {
            label: label.into(),
            href,
        });
        self
    }
}

/// A rendered page.
#[derive(Debug)]
pub struct Rendered(pub String);

impl IntoResponse for Rendered {
    fn into_response(self) -> Response {
        Html(self.0).into_response()
    }
}

/// Renders `template` for a reader of `lang`.
pub fn render(lang: Lang, template: &impl Template) -> Result<Rendered, PageError> {
    template
        .render()
        .map(Rendered)
        .map_err(|e| PageError::Render(lang, e))
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    l: Layout,
    heading: &'static str,
    body: String,
    request_id: Option<String>,
}

/// The page of an error with `status` (`message` says why, for a 403).
pub fn error_page(
    l: Layout,
    status: StatusCode,
    message: Option<String>,
) -> Result<Rendered, askama::Error> {
    let t = l.t;
    let (heading, body, request_id) = if status == StatusCode::NOT_FOUND {
        (t.not_found, t.not_found_body.to_owned(), None)
    } else if status == StatusCode::FORBIDDEN {
        (l.w.forbidden, message.unwrap_or_default(), None)
    } else {
        (
            t.server_error,
            t.server_error_body.to_owned(),
            Some(current_request_id().to_string()),
        )
    };
    let page = ErrorPage {
        l: l.titled(heading),
        heading,
        body,
        request_id,
    };
    page.render().map(Rendered)
}

/// Any path no route takes.
pub async fn not_found(lang: RequestLang) -> PageError {
    PageError::NotFound(lang.lang)
}

/// The fiscal year a page's `?fy=` asks for: a whole year from 1900 to 2200, else none (the
/// page then shows the plan's latest year with data).
pub fn asked_year(fy: Option<&str>) -> Option<i32> {
    fy.and_then(|s| s.trim().parse::<i32>().ok())
        .filter(|y| (1900..=2200).contains(y))
}

/// `ev` in the year `?fy=` asks for, or as cached.
pub fn in_asked_year(
    ev: std::sync::Arc<crate::cache::Evaluated>,
    fy: Option<&str>,
) -> std::sync::Arc<crate::cache::Evaluated> {
    match asked_year(fy) {
        Some(y) if Some(y) != ev.fy => std::sync::Arc::new(ev.in_year(y)),
        _ => ev,
    }
}

/// A query-string value, percent-encoded as a path segment is.
pub fn query_value(s: &str) -> String {
    segment(s)
}

/// A path segment with every character outside the unreserved set percent-encoded, so an id
/// such as `1-(2)` or `指標1` makes a link that routes back to it.
pub fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::segment;

    #[test]
    fn segments_encode_all_but_unreserved() {
        assert_eq!(segment("i1"), "i1");
        assert_eq!(segment("1-(2)"), "1-%282%29");
        assert_eq!(segment("指"), "%E6%8C%87");
        assert_eq!(segment("a/b c"), "a%2Fb%20c");
    }
}

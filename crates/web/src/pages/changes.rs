//! `/changes`: the latest changes to values, targets and baselines of every plan, newest first,
//! with who made them — what the dashboard shows ten of.

use askama::Template;
use axum::extract::State;

use super::dashboard::{change, Change};
use super::{render, Layout, Rendered};
use crate::i18n::RequestLang;
use crate::{App, PageError};

/// How many changes the page lists.
const CHANGES: u32 = 200;

#[derive(Template)]
#[template(path = "changes.html")]
struct Page {
    l: Layout,
    changes: Vec<Change>,
}

/// `GET /changes`.
pub async fn page(State(app): State<App>, lang: RequestLang) -> Result<Rendered, PageError> {
    let lang = lang.lang;
    let changes = app
        .store()
        .recent_changes(CHANGES)
        .await
        .map_err(|e| PageError::Store(lang, e))?
        .iter()
        .map(|c| change(c, lang))
        .collect();
    let l = Layout::new(lang, "/changes");
    let title = l.w.changes;
    let page = Page {
        l: l.titled(title).crumb(title, None),
        changes,
    };
    render(lang, &page)
}

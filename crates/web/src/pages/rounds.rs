//! `/rounds` and `/plans/{code}/rounds/{fy}/…`: the yearly evaluation round in the browser —
//! what the signed-in person owes and by when, a round's items with their stage, state and
//! grade, and an item's page where its stage's role submits (with 要因分析 and 今後の対応 where
//! the item needs them, the factual draft filled in to edit) or returns it with a reason.
//!
//! The rules are core's, applied by `round::LoadedRound::apply` as `shinchoku round` applies
//! them: a confirmed item or a closed round answers 409 before rights are checked; acting
//! outside one's stage or department 403; what a submission lacks 422 with the form kept. The
//! round is internal: every page asks for a sign-in, on a public server too.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header::LOCATION;
use axum::http::{HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde::Deserialize;
use shinchoku_core::lang::Localize;
use shinchoku_core::round::{ItemState, Person, Role, RoundError};
use shinchoku_core::Lang;
use shinchoku_store::{Actor, StoreError};

use super::{render, segment, Layout};
use crate::accounts::{to_login, Account, Visitor};
use crate::i18n::{pick, RequestLang};
use crate::round::{due_date, ActError, Action, LoadedRound};
use crate::{App, PageError};

/// The round pages' words.
#[derive(Debug)]
pub struct Words {
    pub heading: &'static str,
    pub owed: &'static str,
    pub owed_none: &'static str,
    pub all_rounds: &'static str,
    pub no_rounds: &'static str,
    pub due: &'static str,
    pub stages: &'static str,
    pub state: &'static str,
    pub open: &'static str,
    pub closed: &'static str,
    pub department: &'static str,
    pub stage: &'static str,
    pub grade: &'static str,
    pub explain: &'static str,
    pub yours: &'static str,
    pub cause: &'static str,
    pub next: &'static str,
    pub comment: &'static str,
    pub draft_note: &'static str,
    pub submit: &'static str,
    pub reason: &'static str,
    pub send_back: &'static str,
    pub history: &'static str,
    pub returned_by: &'static str,
    pub commented_by: &'static str,
    pub done: &'static str,
    pub meanwhile: &'static str,
    pub expired: &'static str,
    pub value: &'static str,
    pub sheet: &'static str,
    pub sheet_xlsx: &'static str,
}

static JA: Words = Words {
    heading: "評価",
    owed: "あなたの対応待ち",
    owed_none: "いま対応が必要な項目はありません。",
    all_rounds: "評価の一覧",
    no_rounds: "評価はまだ開始されていません（shinchoku round open）。",
    due: "期限",
    stages: "段階",
    state: "状態",
    open: "受付中",
    closed: "締切済",
    department: "担当課",
    stage: "段階",
    grade: "評価",
    explain: "要説明",
    yours: "対応待ち",
    cause: "要因分析",
    next: "今後の対応",
    comment: "コメント",
    draft_note: "数値から作った下書きです。担当課としての分析を書き加えてから提出してください（下書きのままでは提出できません）。",
    submit: "提出する",
    reason: "差戻しの理由",
    send_back: "差し戻す",
    history: "経過",
    returned_by: "差戻し",
    commented_by: "コメント",
    done: "記録しました。",
    meanwhile: "この項目はほかの人が先に操作しました。ページを読み込み直してください。",
    expired: "フォームの確認用トークンが一致しません。ページを読み込み直してください。",
    value: "実績値",
    sheet: "評価シート（印刷用）",
    sheet_xlsx: "Excel",
};

static EN: Words = Words {
    heading: "Evaluation",
    owed: "Waiting for you",
    owed_none: "Nothing waits for you now.",
    all_rounds: "Rounds",
    no_rounds: "No round has been opened yet (shinchoku round open).",
    due: "Due",
    stages: "Stages",
    state: "State",
    open: "open",
    closed: "closed",
    department: "Department",
    stage: "Stage",
    grade: "Grade",
    explain: "Explain",
    yours: "yours",
    cause: "Cause (要因分析)",
    next: "What will be done (今後の対応)",
    comment: "Comment",
    draft_note: "A draft written from the numbers: add the department's analysis before submitting (the draft as it is is refused).",
    submit: "Submit",
    reason: "Why it goes back",
    send_back: "Return",
    history: "History",
    returned_by: "returned",
    commented_by: "comment",
    done: "Recorded.",
    meanwhile: "Someone else acted on this item first; reload the page.",
    expired: "The form's token does not match; reload the page.",
    value: "Value",
    sheet: "Evaluation sheet (to print)",
    sheet_xlsx: "Excel",
};

fn person(account: &Account) -> Person<'_> {
    Person {
        name: &account.name,
        role: Role::parse(account.role.as_str()).unwrap_or(Role::Viewer),
        group: account.group.as_deref(),
    }
}

fn signed_in(visitor: &Visitor, method: &Method, uri: &Uri) -> Result<Account, Response> {
    visitor.account.clone().ok_or_else(|| to_login(method, uri))
}

/// One item someone owes.
#[derive(Debug)]
pub struct Owed {
    pub href: String,
    pub name: String,
    pub plan: String,
    pub year: String,
    pub stage: String,
    pub state: String,
    pub due: String,
}

/// One round in the list.
#[derive(Debug)]
pub struct RoundLine {
    pub href: String,
    pub plan: String,
    pub year: String,
    pub due: String,
    pub state: String,
    pub stages: String,
}

#[derive(Template)]
#[template(path = "rounds.html")]
struct ListPage {
    l: Layout,
    w: &'static Words,
    owed: Vec<Owed>,
    rounds: Vec<RoundLine>,
}

/// `GET /rounds`.
pub async fn list(
    State(app): State<App>,
    lang: RequestLang,
    visitor: Visitor,
    method: Method,
    uri: Uri,
) -> Response {
    let lang = lang.lang;
    let account = match signed_in(&visitor, &method, &uri) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let w = pick(lang, &JA, &EN);
    let infos = match app.store().rounds().await {
        Ok(r) => r,
        Err(e) => return PageError::Store(lang, e).into_response(),
    };
    let who = person(&account);
    let mut owed = Vec::new();
    let mut rounds = Vec::new();
    for info in &infos {
        let year = crate::view::fy(lang, info.fy);
        let href = format!("/plans/{}/rounds/{}", segment(&info.plan), info.fy);
        rounds.push(RoundLine {
            href: href.clone(),
            plan: info.plan.clone(),
            year: year.clone(),
            due: due_date(&info.due, lang),
            state: if info.state == "closed" {
                w.closed
            } else {
                w.open
            }
            .to_owned(),
            stages: info.stages.clone(),
        });
        if info.state == "closed" {
            continue;
        }
        let l = match LoadedRound::load(app.store(), &info.plan, info.fy).await {
            Ok(Some(l)) => l,
            Ok(None) => continue,
            Err(e) => return PageError::Store(lang, e).into_response(),
        };
        for pi in &l.plan.indicators {
            let id = &pi.indicator.id;
            let Some(item) = l.item(id) else { continue };
            let pos = l.position(item);
            let owner = l.owner(id);
            let Some(acting) = pos.acting(&l.stages) else {
                continue;
            };
            // An administrator may act anywhere, but is shown what waits for their role only.
            if who.role == Role::Admin || !who.acts_at(acting, owner.as_deref()) {
                continue;
            }
            owed.push(Owed {
                href: format!("{href}/items/{}", segment(id)),
                name: pi.indicator.name.clone(),
                plan: l.plan.title.clone(),
                year: year.clone(),
                stage: acting.label(lang).to_owned(),
                state: pos.state.label(lang).to_owned(),
                due: due_date(&info.due, lang),
            });
        }
    }
    let page = ListPage {
        l: Layout::new(lang, "/rounds")
            .titled(w.heading)
            .crumb(w.heading, None),
        w,
        owed,
        rounds,
    };
    match render(lang, &page) {
        Ok(r) => r.into_response(),
        Err(e) => e.into_response(),
    }
}

/// One item in a round's table.
#[derive(Debug)]
pub struct ItemLine {
    pub href: String,
    pub name: String,
    pub department: String,
    pub stage: String,
    pub state: String,
    pub grade: String,
    pub explain: bool,
    pub yours: bool,
}

#[derive(Template)]
#[template(path = "round.html")]
struct RoundPage {
    l: Layout,
    w: &'static Words,
    title: String,
    due: String,
    state: String,
    stages: String,
    items: Vec<ItemLine>,
    sheet: String,
}

async fn loaded(app: &App, code: &str, fy: &str, lang: Lang) -> Result<LoadedRound, Response> {
    let Ok(fy) = fy.parse::<i32>() else {
        return Err(PageError::NotFound(lang).into_response());
    };
    match LoadedRound::load(app.store(), code, fy).await {
        Ok(Some(l)) => Ok(l),
        Ok(None) | Err(StoreError::NotFound(_)) => Err(PageError::NotFound(lang).into_response()),
        Err(e) => Err(PageError::Store(lang, e).into_response()),
    }
}

/// `GET /plans/{code}/rounds/{fy}`.
pub async fn round(
    State(app): State<App>,
    lang: RequestLang,
    visitor: Visitor,
    method: Method,
    uri: Uri,
    Path((code, fy)): Path<(String, String)>,
) -> Response {
    let lang = lang.lang;
    let account = match signed_in(&visitor, &method, &uri) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let l = match loaded(&app, &code, &fy, lang).await {
        Ok(l) => l,
        Err(r) => return r,
    };
    let w = pick(lang, &JA, &EN);
    let who = person(&account);
    let base = format!("/plans/{}/rounds/{}", segment(&code), l.round.info.fy);
    let items = l
        .plan
        .indicators
        .iter()
        .enumerate()
        .filter_map(|(at, pi)| {
            let id = &pi.indicator.id;
            let item = l.item(id)?;
            let pos = l.position(item);
            let owner = l.owner(id);
            let yours = !l.closed()
                && pos
                    .acting(&l.stages)
                    .is_some_and(|s| who.acts_at(s, owner.as_deref()));
            Some(ItemLine {
                href: format!("{base}/items/{}", segment(id)),
                name: pi.indicator.name.clone(),
                department: owner.unwrap_or_else(|| "—".into()),
                stage: pos.stage.label(lang).to_owned(),
                state: pos.state.label(lang).to_owned(),
                grade: l.grade(item, at),
                explain: l.needs(at),
                yours,
            })
        })
        .collect();
    let year = crate::view::fy(lang, l.round.info.fy);
    let title = format!("{} {year}", l.plan.title);
    let page = RoundPage {
        l: Layout::new(lang, uri.path())
            .titled(format!("{title} | {}", w.heading))
            .crumb(w.heading, Some("/rounds".into()))
            .crumb(title.clone(), None),
        w,
        title,
        due: due_date(&l.round.info.due, lang),
        state: if l.closed() { w.closed } else { w.open }.to_owned(),
        stages: l
            .stages
            .list()
            .iter()
            .map(|s| s.label(lang))
            .collect::<Vec<_>>()
            .join(" → "),
        items,
        sheet: format!("{base}/sheet"),
    };
    match render(lang, &page) {
        Ok(r) => r.into_response(),
        Err(e) => e.into_response(),
    }
}

/// A comment or a return's reason as listed.
#[derive(Debug)]
pub struct Note {
    pub what: String,
    pub author: String,
    pub at: String,
    pub body: String,
}

#[derive(Template)]
#[template(path = "round_item.html")]
struct ItemPage {
    l: Layout,
    w: &'static Words,
    name: String,
    unit: String,
    stage: String,
    state: String,
    grade: String,
    value: String,
    cause: String,
    next: String,
    comment: String,
    notes: Vec<Note>,
    csrf: String,
    action: String,
    can_submit: bool,
    at_self: bool,
    can_return: bool,
    drafted: bool,
    notice: Option<String>,
    error: Option<String>,
}

/// The item form's fields.
#[derive(Debug, Deserialize, Default)]
pub struct ItemForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    cause: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    reason: String,
}

struct Shown<'a> {
    form: Option<&'a ItemForm>,
    notice: Option<String>,
    error: Option<String>,
}

fn item_page(
    l: &LoadedRound,
    id: &str,
    account: &Account,
    visitor: &Visitor,
    lang: Lang,
    uri: &Uri,
    shown: Shown<'_>,
) -> Result<ItemPage, PageError> {
    let w = pick(lang, &JA, &EN);
    let at = l.index(id).ok_or(PageError::NotFound(lang))?;
    let item = l.item(id).ok_or(PageError::NotFound(lang))?;
    let pi = l.plan.indicators.get(at).ok_or(PageError::NotFound(lang))?;
    let pos = l.position(item);
    let owner = l.owner(id);
    let who = person(account);
    let acting = pos.acting(&l.stages);
    let mine = !l.closed() && acting.is_some_and(|s| who.acts_at(s, owner.as_deref()));
    let at_self = acting == Some(shinchoku_core::round::Stage::SelfEvaluation);
    let mut drafted = false;
    let (cause, next, comment) = match shown.form {
        Some(f) => (f.cause.clone(), f.next.clone(), f.comment.clone()),
        None => {
            let mut cause = item.cause.clone().unwrap_or_default();
            if mine && at_self && cause.is_empty() && l.needs(at) {
                cause = l.draft(at, lang).unwrap_or_default();
                drafted = true;
            }
            (
                cause,
                item.next.clone().unwrap_or_default(),
                item.comment.clone().unwrap_or_default(),
            )
        }
    };
    let notes = l
        .round
        .comments
        .iter()
        .filter(|c| c.indicator == id)
        .map(|c| Note {
            what: if c.kind == "return" {
                w.returned_by
            } else {
                w.commented_by
            }
            .to_owned(),
            author: c.author.clone(),
            at: c.at.replace('T', " ").trim_end_matches('Z').to_owned(),
            body: c.body.clone(),
        })
        .collect();
    let figures = l.figures(at);
    let year = crate::view::fy(lang, l.round.info.fy);
    Ok(ItemPage {
        l: Layout::new(lang, uri.path())
            .titled(format!("{} | {}", pi.indicator.name, w.heading))
            .crumb(w.heading, Some("/rounds".into()))
            .crumb(
                format!("{} {year}", l.plan.title),
                Some(format!(
                    "/plans/{}/rounds/{}",
                    segment(&l.round.info.plan),
                    l.round.info.fy
                )),
            )
            .crumb(pi.indicator.name.clone(), None),
        w,
        name: pi.indicator.name.clone(),
        unit: pi.indicator.unit.clone(),
        stage: pos.stage.label(lang).to_owned(),
        state: pos.state.label(lang).to_owned(),
        grade: l.grade(item, at),
        value: item
            .value
            .clone()
            .or(figures.value)
            .unwrap_or_else(|| "—".into()),
        cause,
        next,
        comment,
        notes,
        csrf: visitor.csrf.clone().unwrap_or_default(),
        action: format!(
            "/plans/{}/rounds/{}/items/{}",
            segment(&l.round.info.plan),
            l.round.info.fy,
            segment(id)
        ),
        can_submit: mine,
        at_self,
        can_return: mine && pos.state == ItemState::Submitted,
        drafted,
        notice: shown.notice,
        error: shown.error,
    })
}

/// `GET /plans/{code}/rounds/{fy}/items/{id}`.
pub async fn item(
    State(app): State<App>,
    lang: RequestLang,
    visitor: Visitor,
    method: Method,
    uri: Uri,
    Path((code, fy, id)): Path<(String, String, String)>,
) -> Response {
    let lang = lang.lang;
    let account = match signed_in(&visitor, &method, &uri) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let l = match loaded(&app, &code, &fy, lang).await {
        Ok(l) => l,
        Err(r) => return r,
    };
    let done = uri.query().is_some_and(|q| q.contains("done=1"));
    let w = pick(lang, &JA, &EN);
    let shown = Shown {
        form: None,
        notice: done.then(|| w.done.to_owned()),
        error: None,
    };
    match item_page(&l, &id, &account, &visitor, lang, &uri, shown).and_then(|p| render(lang, &p)) {
        Ok(r) => r.into_response(),
        Err(e) => e.into_response(),
    }
}

/// Who asks what: the request's parts an action needs.
struct Asking {
    app: App,
    lang: Lang,
    visitor: Visitor,
    method: Method,
    uri: Uri,
}

/// `POST …/items/{id}/submit` and `…/return`.
async fn act(
    asking: Asking,
    (code, fy, id): (String, String, String),
    form: ItemForm,
    returning: bool,
) -> Response {
    let Asking {
        app,
        lang,
        visitor,
        method,
        uri,
    } = asking;
    let w = pick(lang, &JA, &EN);
    let account = match signed_in(&visitor, &method, &uri) {
        Ok(a) => a,
        Err(r) => return r,
    };
    if !visitor.csrf_ok(Some(&form.csrf)) {
        return PageError::Forbidden(lang, w.expired.to_owned()).into_response();
    }
    let l = match loaded(&app, &code, &fy, lang).await {
        Ok(l) => l,
        Err(r) => return r,
    };
    let action = if returning {
        Action::Return {
            reason: &form.reason,
        }
    } else {
        Action::Submit {
            cause: Some(form.cause.as_str()),
            next: Some(form.next.as_str()),
            comment: Some(form.comment.as_str()),
        }
    };
    let actor = Actor::new(account.name.clone()).with_source("web");
    let who = person(&account);
    let (status, message) = match l.apply(app.store(), &id, &who, action, &actor, lang).await {
        Ok(now) => {
            if returning {
                tell_of_return(&app, &l, &id, now, &account.name, &form.reason, lang).await;
            }
            let to = format!(
                "/plans/{}/rounds/{}/items/{}?done=1",
                segment(&code),
                l.round.info.fy,
                segment(&id)
            );
            let mut r = StatusCode::SEE_OTHER.into_response();
            if let Ok(v) = HeaderValue::from_str(&to) {
                r.headers_mut().insert(LOCATION, v);
            }
            return r;
        }
        Err(ActError::NoItem) => return PageError::NotFound(lang).into_response(),
        Err(ActError::Round(e @ RoundError::NotYours { .. })) => {
            return PageError::Forbidden(lang, e.in_lang(lang).to_string()).into_response()
        }
        Err(ActError::Round(e @ (RoundError::Confirmed | RoundError::Closed))) => {
            (StatusCode::CONFLICT, e.in_lang(lang).to_string())
        }
        Err(ActError::Round(e)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            e.in_lang(lang).to_string(),
        ),
        Err(ActError::Store(StoreError::Conflict { .. })) => {
            (StatusCode::CONFLICT, w.meanwhile.to_owned())
        }
        Err(ActError::Store(e)) => return PageError::Store(lang, e).into_response(),
    };
    let shown = Shown {
        form: Some(&form),
        notice: None,
        error: Some(message),
    };
    match item_page(&l, &id, &account, &visitor, lang, &uri, shown).and_then(|p| render(lang, &p)) {
        Ok(r) => (status, r).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `POST /plans/{code}/rounds/{fy}/items/{id}/submit`.
pub async fn submit(
    State(app): State<App>,
    lang: RequestLang,
    visitor: Visitor,
    method: Method,
    uri: Uri,
    Path(path): Path<(String, String, String)>,
    Form(form): Form<ItemForm>,
) -> Response {
    let asking = Asking {
        app,
        lang: lang.lang,
        visitor,
        method,
        uri,
    };
    act(asking, path, form, false).await
}

/// `POST /plans/{code}/rounds/{fy}/items/{id}/return`.
pub async fn send_back(
    State(app): State<App>,
    lang: RequestLang,
    visitor: Visitor,
    method: Method,
    uri: Uri,
    Path(path): Path<(String, String, String)>,
    Form(form): Form<ItemForm>,
) -> Response {
    let asking = Asking {
        app,
        lang: lang.lang,
        visitor,
        method,
        uri,
    };
    act(asking, path, form, true).await
}

/// E-mails the notice of a return to whoever owes the item now, when the server has a relay
/// (`serve --smtp`): in the background, since the return is done; a failure is logged, and
/// `shinchoku remind` tells them later.
async fn tell_of_return(
    app: &App,
    l: &LoadedRound,
    id: &str,
    now: shinchoku_core::round::Position,
    by: &str,
    reason: &str,
    lang: Lang,
) {
    let Some(relay) = app.options().mail.clone() else {
        return;
    };
    let users = match app.store().users().await {
        Ok(u) => u,
        Err(e) => {
            tracing::warn!(error = %e, "the notice of a return was not sent: no accounts");
            return;
        }
    };
    let (messages, _) = crate::mail::returned(l, id, now, by, reason, &users, lang);
    tokio::task::spawn_blocking(move || {
        for m in &messages {
            if let Err(e) = crate::mail::send(&relay.address, &relay.from, m) {
                tracing::warn!(to = %m.to, relay = %relay.address, error = %e, "the notice of a return was not sent");
            }
        }
    });
}

/// The sheet's query: one node, or every node.
#[derive(Debug, Deserialize, Default)]
pub struct SheetQuery {
    #[serde(default)]
    node: Option<String>,
}

async fn sheet_of(
    app: &App,
    visitor: &Visitor,
    method: &Method,
    uri: &Uri,
    (code, fy): (String, String),
    node: Option<&str>,
    lang: Lang,
) -> Result<crate::sheet::Sheet, Response> {
    signed_in(visitor, method, uri)?;
    let l = loaded(app, &code, &fy, lang).await?;
    crate::sheet::Sheet::of(&l, node.filter(|n| !n.is_empty()), lang)
        .map_err(|_| PageError::NotFound(lang).into_response())
}

/// `GET /plans/{code}/rounds/{fy}/sheet[?node=ID]`: the 評価シート, a document printable on A4.
pub async fn sheet(
    State(app): State<App>,
    lang: RequestLang,
    visitor: Visitor,
    method: Method,
    uri: Uri,
    Path(at): Path<(String, String)>,
    axum::extract::Query(q): axum::extract::Query<SheetQuery>,
) -> Response {
    let lang = lang.lang;
    let s = match sheet_of(&app, &visitor, &method, &uri, at, q.node.as_deref(), lang).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    match s.html(false) {
        Ok(html) => axum::response::Html(html).into_response(),
        Err(_) => PageError::NotFound(lang).into_response(),
    }
}

/// `GET /plans/{code}/rounds/{fy}/sheet.xlsx[?node=ID]`: the 評価シート as a workbook.
pub async fn sheet_xlsx(
    State(app): State<App>,
    lang: RequestLang,
    visitor: Visitor,
    method: Method,
    uri: Uri,
    Path(at): Path<(String, String)>,
    axum::extract::Query(q): axum::extract::Query<SheetQuery>,
) -> Response {
    let lang = lang.lang;
    let code = at.0.clone();
    let s = match sheet_of(&app, &visitor, &method, &uri, at, q.node.as_deref(), lang).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Ok(bytes) = s.xlsx() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let name = format!(
        "sheet-{}-{}.xlsx",
        code,
        s.years.last().copied().unwrap_or(0)
    );
    // The file name as an RFC 5987 value: the code may hold any character.
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(
        axum::http::header::CONTENT_TYPE,
        HeaderValue::from_static(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"sheet.xlsx\"; filename*=UTF-8''{encoded}"
    )) {
        h.insert(axum::http::header::CONTENT_DISPOSITION, v);
    }
    r
}

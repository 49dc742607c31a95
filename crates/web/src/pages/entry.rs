//! `/entry/…`: data entry for the departments. An editor sees the indicators their department
//! owns (planners and administrators every one), enters or corrects a year's value, status
//! (確定 / 速報 / 見込) and note, and uploads an Actuals CSV.
//!
//! The form carries the version of the value it was opened on. If someone else saved the same
//! year in between, the save is refused with 409 and the page shows both values — theirs, with
//! who saved it when, and the one just typed — with the form still filled in and now based on
//! their version, so saving again overwrites knowingly; nothing is overwritten silently. Field
//! problems (a year outside the plan, a number that is not one, a state not in the list) come
//! back beside their inputs in the reader's language (422). Every write goes to the audit log
//! under the account's name ([`crate::writes`]), which the indicator's page shows as its
//! history.

use std::collections::BTreeSet;

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::header::LOCATION;
use axum::http::{HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde::Deserialize;
use shinchoku_core::indicator::{
    IndicatorKind, ObservationStatus, ObservedValue, DEFAULT_MILESTONE_STATES,
};
use shinchoku_core::period::Period;
use shinchoku_core::Lang;

use super::{render, segment, Layout};
use crate::accounts::{owner_group, to_login, Account, Visitor};
use crate::i18n::{pick, RequestLang};
use crate::view;
use crate::writes::{self, EntryInput, FieldProblem, UploadError, WriteError};
use crate::{App, PageError};

/// The entry pages' words.
#[derive(Debug)]
pub struct Words {
    pub heading: &'static str,
    pub intro_editor: &'static str,
    pub intro_all: &'static str,
    pub none: &'static str,
    pub owner: &'static str,
    pub no_owner: &'static str,
    pub enter: &'static str,
    pub year: &'static str,
    pub status: &'static str,
    pub note: &'static str,
    pub updated: &'static str,
    pub empty: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub fix: &'static str,
    pub conflict_heading: &'static str,
    pub conflict_theirs: &'static str,
    pub conflict_deleted: &'static str,
    pub conflict_yours: &'static str,
    pub conflict_again: &'static str,
    pub value_hint: &'static str,
    pub delete_hint: &'static str,
    pub history: &'static str,
    pub upload: &'static str,
    pub upload_intro: &'static str,
    pub file: &'static str,
    pub send: &'static str,
    pub uploaded: &'static str,
    pub refused: &'static str,
    pub line: &'static str,
    pub column: &'static str,
    pub problem: &'static str,
    pub final_: &'static str,
    pub provisional: &'static str,
    pub estimate: &'static str,
    pub back: &'static str,
    pub expired: &'static str,
    pub no_file: &'static str,
}

static JA: Words = Words {
    heading: "データ入力",
    intro_editor: "担当課の指標の実績値を入力・修正できます。",
    intro_all: "すべての計画の指標の実績値を入力・修正できます。",
    none: "入力できる指標はありません。管理者に担当課の割り当てを依頼してください。",
    owner: "担当課",
    no_owner: "未割り当て",
    enter: "入力・修正",
    year: "年度",
    status: "状態",
    note: "備考",
    updated: "最終更新",
    empty: "未入力",
    save: "保存",
    saved: "保存しました。",
    fix: "入力内容を確認してください。",
    conflict_heading: "ほかの人が先にこの値を更新しました",
    conflict_theirs: "現在の値",
    conflict_deleted: "この値はほかの人が削除しました。",
    conflict_yours: "あなたの入力",
    conflict_again: "あなたの入力で上書きする場合は、内容を確かめてもう一度「保存」を押してください。",
    value_hint: "数値のみ（単位は省略できます）。全角数字や 1,234 のような区切りも読み取ります。",
    delete_hint: "空欄で保存するとこの年度の値を削除します。",
    history: "更新履歴",
    upload: "実績値CSVの取り込み",
    upload_intro: "見出し行が plan,indicator,period,value（任意で status,as_of,source,note,breakdown）の CSV（UTF-8 または Shift_JIS）か、shinchoku template で作った入力用ブック（.xlsx）を取り込みます。1行でも受け付けられない行があれば、何も取り込みません。",
    file: "CSVファイル",
    send: "取り込む",
    uploaded: "取り込みました",
    refused: "受け付けられない行があるため、何も取り込んでいません。",
    line: "行",
    column: "列",
    problem: "内容",
    final_: "確定",
    provisional: "速報",
    estimate: "見込",
    back: "入力一覧へ戻る",
    expired: "フォームの確認用トークンが一致しません。ページを読み込み直してから、もう一度入力してください。",
    no_file: "ファイルを選んでください。",
};

static EN: Words = Words {
    heading: "Data entry",
    intro_editor: "Enter or correct the actual values of your department's indicators.",
    intro_all: "Enter or correct the actual values of every plan's indicators.",
    none: "There is no indicator you can enter. Ask an administrator to assign your department.",
    owner: "Department",
    no_owner: "unassigned",
    enter: "Enter or correct",
    year: "Year",
    status: "Status",
    note: "Note",
    updated: "Last change",
    empty: "not entered",
    save: "Save",
    saved: "Saved.",
    fix: "Please check what you entered.",
    conflict_heading: "Someone else changed this value first",
    conflict_theirs: "The value now",
    conflict_deleted: "Someone else deleted this value.",
    conflict_yours: "What you entered",
    conflict_again: "To overwrite it with what you entered, check the form and press Save again.",
    value_hint: "A number (the unit may be left out); full-width digits and 1,234 are read too.",
    delete_hint: "Saving an empty value deletes this year's value.",
    history: "History",
    upload: "Import an Actuals CSV",
    upload_intro: "Imports a CSV whose header is plan,indicator,period,value (and optionally status,as_of,source,note,breakdown), UTF-8 or Shift_JIS, or the input workbook (.xlsx) shinchoku template writes. If any row is refused, nothing is imported.",
    file: "CSV file",
    send: "Import",
    uploaded: "Imported",
    refused: "Some rows are refused, so nothing was imported.",
    line: "Line",
    column: "Column",
    problem: "Problem",
    final_: "final",
    provisional: "provisional",
    estimate: "estimate",
    back: "Back to data entry",
    expired: "The form's token does not match. Reload the page and enter the value again.",
    no_file: "Choose a file.",
};

/// What a 403 says when the indicator is another department's.
pub fn other_department(lang: Lang, owner: Option<&str>) -> String {
    match (lang, owner) {
        (Lang::Ja, Some(o)) => format!("この指標は{o}の担当です。担当課の指標のみ入力できます。"),
        (Lang::Ja, None) => {
            "この指標には担当課が割り当てられていません。担当課の指標のみ入力できます。".into()
        }
        (Lang::En, Some(o)) => {
            format!("This indicator belongs to {o}; you can enter only your department's.")
        }
        (Lang::En, None) => {
            "This indicator is assigned to no department; you can enter only your department's."
                .into()
        }
    }
}

fn no_right(lang: Lang) -> String {
    match lang {
        Lang::Ja => "このアカウントはデータを入力できません（閲覧のみ）。".into(),
        Lang::En => "This account cannot enter data (reading only).".into(),
    }
}

/// The signed-in account with the right to enter data; else the sign-in page (nobody) or 403.
fn enterer(visitor: &Visitor, lang: Lang, method: &Method, uri: &Uri) -> Result<Account, Response> {
    let Some(account) = visitor.account.clone() else {
        return Err(to_login(method, uri));
    };
    if !account.enters_data() {
        return Err(PageError::Forbidden(lang, no_right(lang)).into_response());
    }
    Ok(account)
}

/// A write's refusal before any field is read, as a page.
fn refusal(e: WriteError, lang: Lang) -> Response {
    match e {
        WriteError::NoRight => PageError::Forbidden(lang, no_right(lang)).into_response(),
        WriteError::NoPlan | WriteError::NoIndicator => PageError::NotFound(lang).into_response(),
        WriteError::OtherDepartment { owner } => {
            PageError::Forbidden(lang, other_department(lang, owner.as_deref())).into_response()
        }
        WriteError::Store(e) => PageError::Store(lang, e).into_response(),
        // Only the form's own handler meets these, and it shows them on the form.
        WriteError::Invalid(_) | WriteError::Conflict(_) => {
            PageError::NotFound(lang).into_response()
        }
    }
}

fn see_other(to: &str) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(LOCATION, v);
    }
    r
}

/// One indicator in the list.
#[derive(Debug)]
pub struct Item {
    pub name: String,
    pub unit: String,
    pub owner: String,
    pub href: String,
    pub latest: String,
}

/// One plan's indicators in the list.
#[derive(Debug)]
pub struct PlanItems {
    pub title: String,
    pub code: String,
    pub items: Vec<Item>,
}

#[derive(Template)]
#[template(path = "entry.html")]
struct ListPage {
    l: Layout,
    w: &'static Words,
    intro: &'static str,
    plans: Vec<PlanItems>,
}

/// `GET /entry`: the indicators the account may enter, by plan.
pub async fn list(
    State(app): State<App>,
    lang: RequestLang,
    visitor: Visitor,
    method: Method,
    uri: Uri,
) -> Response {
    let lang = lang.lang;
    let account = match enterer(&visitor, lang, &method, &uri) {
        Ok(a) => a,
        Err(r) => return r,
    };
    match list_page(&app, &account, lang).await {
        Ok(r) => r,
        Err(e) => e.into_response(),
    }
}

async fn list_page(app: &App, account: &Account, lang: Lang) -> Result<Response, PageError> {
    let w = pick(lang, &JA, &EN);
    let store_err = |e| PageError::Store(lang, e);
    app.plans().refresh().await.map_err(store_err)?;
    let summaries = app.plans().list().await.map_err(store_err)?;
    let assignments = app.store().assignments(None).await.map_err(store_err)?;
    let mut plans = Vec::new();
    for s in summaries.iter() {
        let Some(ev) = app.plans().get(&s.code).await.map_err(store_err)? else {
            continue;
        };
        let items: Vec<Item> = ev
            .plan
            .indicators
            .iter()
            .filter_map(|pi| {
                let owner = owner_group(&ev.plan, &assignments, &pi.indicator.id);
                account.may_write(owner).then(|| Item {
                    name: pi.indicator.name.clone(),
                    unit: pi.indicator.unit.clone(),
                    owner: owner.unwrap_or(w.no_owner).to_owned(),
                    href: format!("/entry/{}/{}", segment(&s.code), segment(&pi.indicator.id)),
                    latest: pi
                        .observations
                        .iter()
                        .max_by_key(|o| o.period.end_year(ev.plan.fiscal_start))
                        .map(|o| format!("{}: {}", view::period(lang, o.period), shown(&o.value)))
                        .unwrap_or_else(|| w.empty.to_owned()),
                })
            })
            .collect();
        if !items.is_empty() {
            plans.push(PlanItems {
                title: ev.plan.title.clone(),
                code: s.code.clone(),
                items,
            });
        }
    }
    let page = ListPage {
        l: Layout::new(lang, "/entry")
            .titled(w.heading)
            .crumb(w.heading, None),
        w,
        intro: if account.role == crate::accounts::Role::Editor {
            w.intro_editor
        } else {
            w.intro_all
        },
        plans,
    };
    Ok(render(lang, &page)?.into_response())
}

fn shown(v: &ObservedValue) -> String {
    match v {
        ObservedValue::Number(d) => view::number(*d),
        ObservedValue::State(s) => s.clone(),
    }
}

fn status_word(w: &Words, s: ObservationStatus) -> &'static str {
    match s {
        ObservationStatus::Final => w.final_,
        ObservationStatus::Provisional => w.provisional,
        ObservationStatus::Estimate => w.estimate,
    }
}

/// One year of an indicator on its entry page.
#[derive(Debug)]
pub struct YearRow {
    pub label: String,
    pub value: String,
    pub status: String,
    pub note: String,
    pub updated: String,
    pub href: String,
    pub saved: bool,
}

#[derive(Template)]
#[template(path = "entry_indicator.html")]
struct IndicatorPage {
    l: Layout,
    w: &'static Words,
    name: String,
    unit: String,
    owner: String,
    rows: Vec<YearRow>,
    history_href: String,
    saved: bool,
}

/// `?saved=FY2024` after a save.
#[derive(Debug, Deserialize)]
pub struct Saved {
    saved: Option<String>,
}

/// The years an indicator takes values for: the plan's years, from its baseline's (if
/// earlier), with any other year it has a value or a target for.
fn years(ev: &crate::cache::Evaluated, indicator: &str) -> Vec<Period> {
    let plan = &ev.plan;
    let fs = plan.fiscal_start;
    let mut set: BTreeSet<i32> = BTreeSet::new();
    let pi = plan.indicators.iter().find(|i| i.indicator.id == indicator);
    if let Some(span) = plan.period {
        let (a, b) = span.year_span(fs);
        set.extend(a..=b.min(a.saturating_add(60)));
    }
    let mut months = Vec::new();
    if let Some(pi) = pi {
        if let Some(p) = pi.indicator.baseline.as_ref().and_then(|b| b.period) {
            set.insert(p.end_year(fs));
        }
        for o in &pi.observations {
            match o.period {
                Period::FiscalYear(y) | Period::CalendarYear(y) => {
                    set.insert(y);
                }
                other => months.push(other),
            }
        }
    }
    if set.is_empty() {
        set.insert(ev.fy.unwrap_or_else(view::current_fiscal_year));
    }
    let mut out: Vec<Period> = set.into_iter().map(Period::FiscalYear).collect();
    out.extend(months);
    out
}

/// `GET /entry/{plan}/{indicator}`: the indicator's years with their values.
pub async fn indicator(
    State(app): State<App>,
    lang: RequestLang,
    visitor: Visitor,
    method: Method,
    uri: Uri,
    Path((code, id)): Path<(String, String)>,
    Query(q): Query<Saved>,
) -> Response {
    let lang = lang.lang;
    let account = match enterer(&visitor, lang, &method, &uri) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let ev = match writes::may_write(&app, &account, &code, &id).await {
        Ok(ev) => ev,
        Err(e) => return refusal(e, lang),
    };
    let w = pick(lang, &JA, &EN);
    let records = match app.store().observation_records(&code, &id).await {
        Ok(r) => r,
        Err(e) => return PageError::Store(lang, e).into_response(),
    };
    let assignments = match app.store().assignments(Some(&code)).await {
        Ok(a) => a,
        Err(e) => return PageError::Store(lang, e).into_response(),
    };
    let Some(pi) = ev.plan.indicators.iter().find(|i| i.indicator.id == id) else {
        return PageError::NotFound(lang).into_response();
    };
    let saved = q.saved.as_deref().unwrap_or("");
    let rows = years(&ev, &id)
        .into_iter()
        .map(|p| {
            let r = records.iter().find(|r| r.observation.period == p);
            YearRow {
                label: view::period(lang, p),
                value: r.map_or_else(|| w.empty.to_owned(), |r| shown(&r.observation.value)),
                status: r.map_or(String::new(), |r| {
                    status_word(w, r.observation.status).to_owned()
                }),
                note: r.and_then(|r| r.note.clone()).unwrap_or_default(),
                updated: r.map_or(String::new(), |r| {
                    format!("{} {}", r.updated_by, r.updated_at)
                }),
                href: format!("/entry/{}/{}/{}", segment(&code), segment(&id), p),
                saved: saved == p.to_string(),
            }
        })
        .collect();
    let title = pi.indicator.name.clone();
    let page = IndicatorPage {
        l: Layout::new(lang, uri.path())
            .titled(format!("{title} | {}", w.heading))
            .crumb(w.heading, Some("/entry".into()))
            .crumb(title.clone(), None),
        w,
        name: title,
        unit: pi.indicator.unit.clone(),
        owner: owner_group(&ev.plan, &assignments, &id)
            .unwrap_or(w.no_owner)
            .to_owned(),
        rows,
        history_href: format!("/plans/{}/indicators/{}", segment(&code), segment(&id)),
        saved: !saved.is_empty(),
    };
    match render(lang, &page) {
        Ok(r) => r.into_response(),
        Err(e) => e.into_response(),
    }
}

/// A field of the form with its problem, if any.
#[derive(Debug, Default)]
pub struct Field {
    pub value: String,
    pub error: Option<String>,
}

/// A milestone's state as an option of the form.
#[derive(Debug)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// What the conflict box shows.
#[derive(Debug)]
pub struct ConflictBox {
    /// Their value, by whom, when (`None`: deleted).
    pub theirs: Option<(String, String, String)>,
    pub yours: String,
}

#[derive(Template)]
#[template(path = "entry_form.html")]
struct FormPage {
    l: Layout,
    w: &'static Words,
    name: String,
    unit: String,
    year: String,
    action: String,
    back_href: String,
    csrf: String,
    version: i64,
    value: Field,
    states: Vec<Choice>,
    status: Vec<Choice>,
    status_error: Option<String>,
    note: Field,
    problems: bool,
    /// A problem of the year itself (it has no input of its own: it is the page's).
    period_error: Option<String>,
    conflict: Option<ConflictBox>,
}

/// The form's fields as submitted.
#[derive(Debug, Deserialize, Default)]
pub struct EntryForm {
    #[serde(default)]
    value: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    csrf: String,
}

struct FormState<'a> {
    code: &'a str,
    id: &'a str,
    period: Period,
    version: i64,
    form: EntryForm,
    problems: Vec<FieldProblem>,
    conflict: Option<ConflictBox>,
}

fn form_page(
    ev: &crate::cache::Evaluated,
    visitor: &Visitor,
    lang: Lang,
    s: FormState<'_>,
) -> Result<FormPage, PageError> {
    let w = pick(lang, &JA, &EN);
    let pi = ev
        .plan
        .indicators
        .iter()
        .find(|i| i.indicator.id == s.id)
        .ok_or(PageError::NotFound(lang))?;
    let problem = |f: &str| {
        s.problems
            .iter()
            .filter(|p| p.field == f)
            .map(|p| p.message.clone())
            .reduce(|a, b| format!("{a} {b}"))
    };
    let states: Vec<Choice> = if pi.indicator.kind == IndicatorKind::Milestone {
        let list: Vec<String> = if pi.indicator.states.is_empty() {
            DEFAULT_MILESTONE_STATES.map(str::to_owned).to_vec()
        } else {
            pi.indicator.states.clone()
        };
        list.into_iter()
            .map(|st| Choice {
                selected: st == s.form.value,
                label: st.clone(),
                value: st,
            })
            .collect()
    } else {
        Vec::new()
    };
    let current_status = ObservationStatus::parse(&s.form.status).unwrap_or_default();
    let status = [
        ObservationStatus::Final,
        ObservationStatus::Provisional,
        ObservationStatus::Estimate,
    ]
    .into_iter()
    .map(|st| Choice {
        value: st.as_str().to_owned(),
        label: status_word(w, st).to_owned(),
        selected: st == current_status,
    })
    .collect();
    let year = view::period(lang, s.period);
    let entry_href = format!("/entry/{}/{}", segment(s.code), segment(s.id));
    Ok(FormPage {
        l: Layout::new(lang, "/entry")
            .titled(format!("{} {year} | {}", pi.indicator.name, w.heading))
            .crumb(w.heading, Some("/entry".into()))
            .crumb(pi.indicator.name.clone(), Some(entry_href.clone()))
            .crumb(year.clone(), None),
        w,
        name: pi.indicator.name.clone(),
        unit: pi.indicator.unit.clone(),
        year,
        action: format!("{entry_href}/{}", s.period),
        back_href: entry_href,
        csrf: visitor.csrf.clone().unwrap_or_default(),
        version: s.version,
        value: Field {
            error: problem("value"),
            value: s.form.value.clone(),
        },
        states,
        status,
        status_error: problem("status"),
        note: Field {
            error: problem("note"),
            value: s.form.note.clone(),
        },
        problems: !s.problems.is_empty(),
        period_error: problem("period"),
        conflict: s.conflict,
    })
}

/// `GET /entry/{plan}/{indicator}/{period}`: the form for one year.
pub async fn form(
    State(app): State<App>,
    lang: RequestLang,
    visitor: Visitor,
    method: Method,
    uri: Uri,
    Path((code, id, period)): Path<(String, String, String)>,
) -> Response {
    let lang = lang.lang;
    let account = match enterer(&visitor, lang, &method, &uri) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let ev = match writes::may_write(&app, &account, &code, &id).await {
        Ok(ev) => ev,
        Err(e) => return refusal(e, lang),
    };
    let Ok(period) = Period::parse(&period) else {
        return PageError::NotFound(lang).into_response();
    };
    let record = match app.store().observation_records(&code, &id).await {
        Ok(r) => r.into_iter().find(|r| r.observation.period == period),
        Err(e) => return PageError::Store(lang, e).into_response(),
    };
    let form = EntryForm {
        value: record
            .as_ref()
            .map(|r| match &r.observation.value {
                ObservedValue::Number(d) => d.normalize().to_string(),
                ObservedValue::State(s) => s.clone(),
            })
            .unwrap_or_default(),
        status: record
            .as_ref()
            .map(|r| r.observation.status.as_str().to_owned())
            .unwrap_or_default(),
        note: record
            .as_ref()
            .and_then(|r| r.note.clone())
            .unwrap_or_default(),
        ..EntryForm::default()
    };
    let state = FormState {
        code: &code,
        id: &id,
        period,
        version: record.as_ref().map_or(0, |r| r.version),
        form,
        problems: Vec::new(),
        conflict: None,
    };
    match form_page(&ev, &visitor, lang, state).and_then(|p| render(lang, &p)) {
        Ok(r) => r.into_response(),
        Err(e) => e.into_response(),
    }
}

/// `POST /entry/{plan}/{indicator}/{period}`: saves, or shows the form again with what is
/// wrong (422) or with the value someone else saved meanwhile (409).
pub async fn save(
    State(app): State<App>,
    lang: RequestLang,
    visitor: Visitor,
    method: Method,
    uri: Uri,
    Path((code, id, period)): Path<(String, String, String)>,
    Form(form): Form<EntryForm>,
) -> Response {
    let lang = lang.lang;
    let w = pick(lang, &JA, &EN);
    let account = match enterer(&visitor, lang, &method, &uri) {
        Ok(a) => a,
        Err(r) => return r,
    };
    if !visitor.csrf_ok(Some(&form.csrf)) {
        return PageError::Forbidden(lang, w.expired.to_owned()).into_response();
    }
    let ev = match writes::may_write(&app, &account, &code, &id).await {
        Ok(ev) => ev,
        Err(e) => return refusal(e, lang),
    };
    let Ok(parsed) = Period::parse(&period) else {
        return PageError::NotFound(lang).into_response();
    };
    let version = form.version.trim().parse::<i64>().ok().filter(|v| *v >= 0);
    let input = EntryInput {
        plan: code.clone(),
        indicator: id.clone(),
        period: parsed.to_string(),
        value: form.value.clone(),
        status: form.status.clone(),
        note: form.note.clone(),
        // A form always carries the version it was opened on; one without is stale by
        // definition (never a blind overwrite).
        version: Some(version.unwrap_or(0)),
    };
    let (status, state) = match writes::record(&app, &account, &input, "web", lang).await {
        Ok(_) => {
            return see_other(&format!(
                "/entry/{}/{}?saved={parsed}",
                segment(&code),
                segment(&id)
            ))
        }
        Err(WriteError::Invalid(problems)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            FormState {
                code: &code,
                id: &id,
                period: parsed,
                version: version.unwrap_or(0),
                form,
                problems,
                conflict: None,
            },
        ),
        Err(WriteError::Conflict(stale)) => {
            let yours = if form.value.trim().is_empty() {
                w.empty.to_owned()
            } else {
                form.value.clone()
            };
            (
                StatusCode::CONFLICT,
                FormState {
                    code: &code,
                    id: &id,
                    period: parsed,
                    version: stale.current.as_ref().map_or(0, |r| r.version),
                    conflict: Some(ConflictBox {
                        theirs: stale.current.as_ref().map(|r| {
                            (
                                shown(&r.observation.value),
                                r.updated_by.clone(),
                                r.updated_at.clone(),
                            )
                        }),
                        yours,
                    }),
                    form,
                    problems: Vec::new(),
                },
            )
        }
        Err(e) => return refusal(e, lang),
    };
    match form_page(&ev, &visitor, lang, state).and_then(|p| render(lang, &p)) {
        Ok(r) => (status, r).into_response(),
        Err(e) => e.into_response(),
    }
}

/// One refused row of an upload.
#[derive(Debug)]
pub struct RowLine {
    pub line: String,
    pub field: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "entry_upload.html")]
struct UploadPage {
    l: Layout,
    w: &'static Words,
    csrf: String,
    done: Option<String>,
    error: Option<String>,
    rows: Vec<RowLine>,
}

fn upload_page(
    visitor: &Visitor,
    lang: Lang,
    status: StatusCode,
    done: Option<String>,
    error: Option<String>,
    rows: Vec<RowLine>,
) -> Response {
    let w = pick(lang, &JA, &EN);
    let page = UploadPage {
        l: Layout::new(lang, "/entry/upload")
            .titled(w.upload)
            .crumb(w.heading, Some("/entry".into()))
            .crumb(w.upload, None),
        w,
        csrf: visitor.csrf.clone().unwrap_or_default(),
        done,
        error,
        rows,
    };
    match render(lang, &page) {
        Ok(r) => (status, r).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /entry/upload`: the upload form.
pub async fn upload_form(
    lang: RequestLang,
    visitor: Visitor,
    method: Method,
    uri: Uri,
) -> Response {
    let lang = lang.lang;
    if let Err(r) = enterer(&visitor, lang, &method, &uri) {
        return r;
    }
    upload_page(&visitor, lang, StatusCode::OK, None, None, Vec::new())
}

/// `POST /entry/upload` (multipart: `csrf`, `file`): imports every row or none, and lists the
/// refused rows by line and column.
pub async fn upload(
    State(app): State<App>,
    lang: RequestLang,
    visitor: Visitor,
    method: Method,
    uri: Uri,
    mut multipart: Multipart,
) -> Response {
    let lang = lang.lang;
    let w = pick(lang, &JA, &EN);
    let account = match enterer(&visitor, lang, &method, &uri) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let mut csrf = String::new();
    let mut file: Option<(String, Vec<u8>)> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => {
                return upload_page(
                    &visitor,
                    lang,
                    StatusCode::BAD_REQUEST,
                    None,
                    Some(w.no_file.to_owned()),
                    Vec::new(),
                )
            }
        };
        match field.name() {
            Some("csrf") => csrf = field.text().await.unwrap_or_default(),
            Some("file") => {
                let name = field
                    .file_name()
                    .filter(|n| !n.is_empty())
                    .unwrap_or("upload.csv")
                    .to_owned();
                match field.bytes().await {
                    Ok(b) => file = Some((name, b.to_vec())),
                    Err(_) => {
                        return upload_page(
                            &visitor,
                            lang,
                            StatusCode::PAYLOAD_TOO_LARGE,
                            None,
                            Some(w.no_file.to_owned()),
                            Vec::new(),
                        )
                    }
                }
            }
            _ => {}
        }
    }
    if !visitor.csrf_ok(Some(&csrf)) {
        return PageError::Forbidden(lang, w.expired.to_owned()).into_response();
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return upload_page(
            &visitor,
            lang,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some(w.no_file.to_owned()),
            Vec::new(),
        );
    };
    match writes::upload(&app, &account, &name, &bytes, lang).await {
        Ok(s) => {
            let done = match lang {
                Lang::Ja => format!(
                    "{}: {}（{}行: 新規{}件・置き換え{}件・変更なし{}件・空欄{}件）",
                    w.uploaded, name, s.rows, s.inserted, s.updated, s.unchanged, s.skipped
                ),
                Lang::En => format!(
                    "{} {name}: {} rows: {} new, {} replaced, {} unchanged, {} empty",
                    w.uploaded, s.rows, s.inserted, s.updated, s.unchanged, s.skipped
                ),
            };
            upload_page(&visitor, lang, StatusCode::OK, Some(done), None, Vec::new())
        }
        Err(UploadError::Rows(rows)) => {
            let rows = rows
                .into_iter()
                .map(|r| RowLine {
                    // A workbook's rows are named with their sheet: `実績.xlsx シート「…」`.
                    line: match r.file.split_once(" シート「") {
                        Some((_, sheet)) => format!("シート「{sheet} {}", r.line),
                        None => r.line.to_string(),
                    },
                    field: r.field.clone(),
                    message: shinchoku_core::Localize::in_lang(&r.problem, lang).to_string(),
                })
                .collect();
            upload_page(
                &visitor,
                lang,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                Some(w.refused.to_owned()),
                rows,
            )
        }
        Err(UploadError::Unreadable(message)) => upload_page(
            &visitor,
            lang,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some(message),
            Vec::new(),
        ),
        Err(UploadError::NoRight) => PageError::Forbidden(lang, no_right(lang)).into_response(),
        Err(UploadError::Store(e)) => PageError::Store(lang, e).into_response(),
    }
}

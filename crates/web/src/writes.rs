//! Writing actual values from the web: one value (the entry form, `POST /api/v1/observations`)
//! or a whole Actuals CSV (the upload page, `POST /api/v1/actuals`), with the same rights and
//! the same checks on every way in.
//!
//! Rights first: an account that writes nothing is refused before anything is read; then the
//! plan and the indicator must exist (404); then the indicator's department must be the
//! editor's ([`Account::may_write`]). The fields are read as the Actuals CSV reads its cells
//! (`parse_period_cell`, `parse_value_cell`: full-width digits, `22.5%`, `令和5年度`), and a
//! problem is told per field, in the reader's language, so a form shows it beside its input.
//! The store does the rest in one transaction: the indicator's kind and unit, the version the
//! edit was based on (a stale one is a conflict, answered with the value as it stands and who
//! wrote it), and the audit log with the account's name.

use std::collections::HashMap;
use std::fmt;

use shinchoku_core::actuals::IndicatorIndex;
use shinchoku_core::indicator::ObservationStatus;
use shinchoku_core::lang::Localize;
use shinchoku_core::period::Period;
use shinchoku_core::plan::Plan;
use shinchoku_core::quantity::Unit;
use shinchoku_core::Lang;
use shinchoku_import::actuals::{parse_period_cell, parse_value_cell, ActualsReader};
use shinchoku_store::{
    Actor, ActualInput, ActualsSummary, ObservationRecord, ObservationWrite, RecordOutcome,
    RowProblem, StoreError,
};

use crate::accounts::{owner_group, Account};
use crate::App;

/// One value to write, as a form or a request gives it: text, read here.
#[derive(Debug, Clone, Default)]
pub struct EntryInput {
    /// The plan's code.
    pub plan: String,
    /// The indicator's id.
    pub indicator: String,
    /// The year (`FY2024`, `2024`, `令和6年度`).
    pub period: String,
    /// The value (`24`, `22.5%`, a milestone's state); empty deletes it.
    pub value: String,
    /// 確定 / 速報 / 見込 (`final`, `provisional`, `estimate`); empty is 確定.
    pub status: String,
    /// A note.
    pub note: String,
    /// The version the edit is based on; `None` writes whatever is stored.
    pub version: Option<i64>,
}

/// A problem of one field of a form, told in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// `period`, `value`, `status`, `note`.
    pub field: &'static str,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// The value a stale edit would have overwritten.
#[derive(Debug, Clone)]
pub struct Stale {
    /// The value as stored now, with who wrote it when; `None` if it was deleted.
    pub current: Option<ObservationRecord>,
    /// The version the edit was based on.
    pub expected: i64,
}

/// Why a write is refused.
#[derive(Debug)]
pub enum WriteError {
    /// The account writes no values at all (a viewer, an executive, the committee).
    NoRight,
    /// No such plan.
    NoPlan,
    /// The plan has no such indicator.
    NoIndicator,
    /// The indicator belongs to another department.
    OtherDepartment {
        /// The department that owns it (`None`: no department does).
        owner: Option<String>,
    },
    /// Fields that do not read.
    Invalid(Vec<FieldProblem>),
    /// The value changed since the version the edit was based on.
    Conflict(Stale),
    /// The store failed.
    Store(StoreError),
}

impl From<StoreError> for WriteError {
    fn from(e: StoreError) -> Self {
        WriteError::Store(e)
    }
}

/// What a write did.
#[derive(Debug, Clone)]
pub struct Written {
    /// The store's outcome: the new version, the old value.
    pub outcome: RecordOutcome,
    /// The period, read.
    pub period: Period,
}

/// The plan `code` and the department that owns indicator `indicator` of it.
async fn plan_and_owner(
    app: &App,
    code: &str,
    indicator: &str,
) -> Result<(std::sync::Arc<crate::cache::Evaluated>, Option<String>), WriteError> {
    app.plans().refresh().await?;
    let ev = app.plans().get(code).await?.ok_or(WriteError::NoPlan)?;
    if !ev
        .plan
        .indicators
        .iter()
        .any(|i| i.indicator.id == indicator)
    {
        return Err(WriteError::NoIndicator);
    }
    let assignments = app.store().assignments(Some(code)).await?;
    let owner = owner_group(&ev.plan, &assignments, indicator).map(str::to_owned);
    Ok((ev, owner))
}

/// Whether `account` may write indicator `indicator` of plan `code`: the checks of
/// [`record`] before the fields are read (the entry page asks them before it shows a form).
///
/// # Errors
/// [`WriteError::NoRight`], [`WriteError::NoPlan`], [`WriteError::NoIndicator`],
/// [`WriteError::OtherDepartment`], or the store's failure.
pub async fn may_write(
    app: &App,
    account: &Account,
    code: &str,
    indicator: &str,
) -> Result<std::sync::Arc<crate::cache::Evaluated>, WriteError> {
    if !account.enters_data() {
        return Err(WriteError::NoRight);
    }
    let (ev, owner) = plan_and_owner(app, code, indicator).await?;
    if !account.may_write(owner.as_deref()) {
        return Err(WriteError::OtherDepartment { owner });
    }
    Ok(ev)
}

/// Writes one value for `account` (see the module doc).
///
/// # Errors
/// See [`WriteError`].
pub async fn record(
    app: &App,
    account: &Account,
    input: &EntryInput,
    source: &str,
    lang: Lang,
) -> Result<Written, WriteError> {
    let ev = may_write(app, account, &input.plan, &input.indicator).await?;
    let plan = &ev.plan;
    let mut problems = Vec::new();
    let period = match parse_period_cell(&input.period) {
        Ok(p) => match outside(plan, &input.indicator, p, lang) {
            Some(message) => {
                problems.push(FieldProblem {
                    field: "period",
                    message,
                });
                None
            }
            None => Some(p),
        },
        Err(e) => {
            problems.push(FieldProblem {
                field: "period",
                message: e.in_lang(lang).to_string(),
            });
            None
        }
    };
    let (value, unit) = match parse_value_cell(&input.value) {
        Ok(raw) => raw.observed(),
        Err(e) => {
            problems.push(FieldProblem {
                field: "value",
                message: e.in_lang(lang).to_string(),
            });
            (None, Unit::default())
        }
    };
    if let Some(v) = &value {
        let index = IndicatorIndex::of_plan(plan);
        if let Err(e) = index.check(&input.indicator, v.clone(), &unit) {
            problems.push(FieldProblem {
                field: "value",
                message: e.in_lang(lang).to_string(),
            });
        }
    }
    let status = if input.status.trim().is_empty() {
        Some(ObservationStatus::Final)
    } else {
        ObservationStatus::parse(&input.status)
    };
    if status.is_none() {
        problems.push(FieldProblem {
            field: "status",
            message: match lang {
                Lang::Ja => "状態は 確定・速報・見込 のいずれかを選んでください。".into(),
                Lang::En => "the status is one of final, provisional, estimate".into(),
            },
        });
    }
    if [&input.note, &input.value].iter().any(|t| t.contains('\0')) {
        problems.push(FieldProblem {
            field: "note",
            message: match lang {
                Lang::Ja => "NUL 文字は使えません。".into(),
                Lang::En => "a NUL character cannot be stored".into(),
            },
        });
    }
    let (Some(period), Some(status), true) = (period, status, problems.is_empty()) else {
        return Err(WriteError::Invalid(problems));
    };
    let note = input.note.trim();
    let write = ObservationWrite {
        plan: input.plan.clone(),
        indicator: input.indicator.clone(),
        period,
        breakdown: String::new(),
        value,
        unit,
        status,
        as_of: None,
        source: None,
        note: (!note.is_empty()).then(|| note.to_owned()),
        expected_version: input.version,
    };
    let actor = Actor::new(account.name.clone()).with_source(source);
    match app.store().record(&write, &actor).await {
        Ok(outcome) => Ok(Written { outcome, period }),
        Err(StoreError::Conflict {
            expected: Some(expected),
            ..
        }) => {
            let current = app
                .store()
                .observation_records(&input.plan, &input.indicator)
                .await?
                .into_iter()
                .find(|r| r.observation.period == period);
            Err(WriteError::Conflict(Stale { current, expected }))
        }
        Err(StoreError::Invalid(r)) => Err(WriteError::Invalid(vec![FieldProblem {
            field: "value",
            message: r.in_lang(lang).to_string(),
        }])),
        Err(StoreError::NotFound(_)) => Err(WriteError::NoIndicator),
        Err(e) => Err(WriteError::Store(e)),
    }
}

/// Why `p` is outside what indicator `indicator` of `plan` records values for: before its
/// baseline year and the plan's first year, or after the plan's last year. `None` inside (or
/// when the plan states no period).
fn outside(plan: &Plan, indicator: &str, p: Period, lang: Lang) -> Option<String> {
    let span = plan.period?;
    let fs = plan.fiscal_start;
    let (mut first, last) = span.year_span(fs);
    let baseline = plan
        .indicators
        .iter()
        .find(|i| i.indicator.id == indicator)
        .and_then(|i| i.indicator.baseline.as_ref())
        .and_then(|b| b.period);
    if let Some(b) = baseline {
        first = first.min(b.start_year(fs));
    }
    let (from, to) = p.year_span(fs);
    if from >= first && to <= last {
        return None;
    }
    Some(match lang {
        Lang::Ja => format!(
            "{}は計画の期間外です。{}から{}までの年度を入力してください。",
            crate::view::period(lang, p),
            crate::view::fy(lang, first),
            crate::view::fy(lang, last)
        ),
        Lang::En => format!(
            "{} is outside the plan: enter a year from {} to {}",
            crate::view::period(lang, p),
            crate::view::fy(lang, first),
            crate::view::fy(lang, last)
        ),
    })
}

/// A row of an uploaded file whose indicator another department owns.
#[derive(Debug, Clone)]
struct OtherDepartmentRow {
    indicator: String,
    owner: Option<String>,
}

impl Localize for OtherDepartmentRow {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (lang, &self.owner) {
            (Lang::Ja, Some(o)) => write!(
                f,
                "指標「{}」は{o}の担当で、このアカウントでは入力できません",
                self.indicator
            ),
            (Lang::Ja, None) => write!(
                f,
                "指標「{}」には担当課が割り当てられておらず、このアカウントでは入力できません",
                self.indicator
            ),
            (Lang::En, Some(o)) => write!(
                f,
                "indicator \"{}\" belongs to {o}; this account cannot enter it",
                self.indicator
            ),
            (Lang::En, None) => write!(
                f,
                "indicator \"{}\" is assigned to no department; this account cannot enter it",
                self.indicator
            ),
        }
    }
}

/// Why an upload is refused.
#[derive(Debug)]
pub enum UploadError {
    /// The account writes no values at all.
    NoRight,
    /// The file cannot be read as an Actuals CSV at all (no header, not text), told in the
    /// reader's language.
    Unreadable(String),
    /// Rows refused: nothing was written.
    Rows(Vec<RowProblem>),
    /// The store failed.
    Store(StoreError),
}

/// Imports an Actuals CSV, or a workbook of actual values (the input template of `shinchoku
/// template`, as Excel saved it: each sheet with the Actuals CSV's header), for `account`:
/// every row of every sheet or none. A row of an indicator the account may not write is
/// refused like a row with a bad value, naming its line (its sheet and row) and column.
///
/// # Errors
/// See [`UploadError`].
pub async fn upload(
    app: &App,
    account: &Account,
    file: &str,
    bytes: &[u8],
    lang: Lang,
) -> Result<ActualsSummary, UploadError> {
    if !account.enters_data() {
        return Err(UploadError::NoRight);
    }
    let parts: Vec<(String, Vec<u8>)> = if bytes.starts_with(b"PK\x03\x04") {
        match shinchoku_import::workbook::actuals_sheets(bytes, file) {
            Ok(Some(sheets)) => sheets.into_iter().map(|s| (s.label, s.csv)).collect(),
            Ok(None) => {
                return Err(UploadError::Unreadable(match lang {
                    Lang::Ja => format!(
                        "{file}: 計画・指標・年度・実績値 の見出しがあるシートがありません（shinchoku template で作ったブックに入力してください）"
                    ),
                    Lang::En => format!(
                        "{file}: no sheet has the headers plan, indicator, period and value (fill in the workbook shinchoku template writes)"
                    ),
                }))
            }
            Err(e) => return Err(UploadError::Unreadable(e.to_string())),
        }
    } else {
        vec![(file.to_owned(), bytes.to_vec())]
    };
    app.plans().refresh().await.map_err(UploadError::Store)?;
    let assignments = app
        .store()
        .assignments(None)
        .await
        .map_err(UploadError::Store)?;
    let mut tx = app.store().begin().await.map_err(UploadError::Store)?;
    // Whether the account may write each (plan, indicator as written) the file names, decided
    // once per pair: `Some(owner)` when the indicator is another department's (`owner` its
    // department, if any); `None` when it may, or when the plan or the indicator is unknown
    // (the import refuses those rows itself, in its words).
    let mut refused_owner: HashMap<(String, String), Option<Option<String>>> = HashMap::new();
    let mut total = ActualsSummary::default();
    let mut refused = Vec::new();
    for (label, csv) in &parts {
        let reader = ActualsReader::new(&csv[..], label)
            .map_err(|e| UploadError::Unreadable(e.in_lang(lang).to_string()))?;
        let actor = Actor::new(account.name.clone()).with_source(label);
        let mut imp = tx
            .import_actuals(label, &actor)
            .await
            .map_err(UploadError::Store)?;
        for item in reader {
            let row = match item {
                Ok(row) => row,
                Err(e) => {
                    imp.refuse(e.line, e.field.unwrap_or(""), e.problem);
                    continue;
                }
            };
            let key = (row.plan.clone(), row.indicator.clone());
            if !refused_owner.contains_key(&key) {
                let decision = app
                    .plans()
                    .get(&row.plan)
                    .await
                    .map_err(UploadError::Store)?
                    .and_then(|ev| {
                        let index = IndicatorIndex::of_plan(&ev.plan);
                        let id = index
                            .find(&row.indicator)
                            .ok()
                            .and_then(|at| index.id(at))?;
                        let owner = owner_group(&ev.plan, &assignments, id);
                        (!account.may_write(owner)).then(|| owner.map(str::to_owned))
                    });
                refused_owner.insert(key.clone(), decision);
            }
            if let Some(Some(owner)) = refused_owner.get(&key) {
                imp.refuse(
                    row.line,
                    "indicator",
                    OtherDepartmentRow {
                        indicator: row.indicator.clone(),
                        owner: owner.clone(),
                    },
                );
                continue;
            }
            let (value, unit) = row.value.observed();
            imp.add(ActualInput {
                line: row.line,
                plan: row.plan,
                indicator: row.indicator,
                period: row.period,
                value,
                unit,
                status: row.status,
                as_of: row.as_of,
                source: row.source,
                note: row.note,
                breakdown: row.breakdown.unwrap_or_default(),
            })
            .await
            .map_err(UploadError::Store)?;
        }
        match imp.finish().await {
            Ok(s) => {
                total.rows += s.rows;
                total.inserted += s.inserted;
                total.updated += s.updated;
                total.unchanged += s.unchanged;
                total.skipped += s.skipped;
            }
            Err(StoreError::Rows(rows)) => refused.extend(rows),
            Err(e) => return Err(UploadError::Store(e)),
        }
    }
    if !refused.is_empty() {
        return Err(UploadError::Rows(refused));
    }
    tx.commit().await.map_err(UploadError::Store)?;
    Ok(total)
}

//! `/plans/{code}/indicators/{id}`: one indicator — what it measures and aims at, its SVG
//! chart (with the same indicator in the other stored plans, its lineage), its observations
//! with status and source (a value taken from another plan names that plan and document),
//! the metrics of a fiscal year with their workings (`?fy=2023`, default the plan's latest
//! year with data) and the history of its changes.
//!
//! The plan and its evaluation come from the cache; the lineage, the observations' sources
//! and the history are read from the store on each request (three reads, side by side).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use askama::Template;
use axum::extract::{Path, Query, State};
use rust_decimal::Decimal;
use serde::Deserialize;
use shinchoku_core::diff::lineage_key;
use shinchoku_core::evaluate::{evaluate, Context, Evaluation, ForecastMethod};
use shinchoku_core::follow::Role;
use shinchoku_core::indicator::{
    BaselineStat, Comparator, Direction, IndicatorKind, ObservationStatus, ObservedValue,
};
use shinchoku_core::period::Period;
use shinchoku_core::plan::{Plan, PlanIndicator};
use shinchoku_core::quantity::Unit;
use shinchoku_core::Lang;
use shinchoku_report::{indicator_chart, ChartInput, EarlierSeries};
use shinchoku_store::{AuditEntry, LineagePoint, ObservationRecord, PlanSummary, StoreError};

use super::plan::{load, tabs, Tab};
use super::{render, segment, Layout, Rendered};
use crate::cache::Evaluated;
use crate::i18n::{texts, RequestLang};
use crate::view;
use crate::workings::{quantity, workings, Workings};
use crate::{App, PageError};

/// `?fy=`: the fiscal year whose metrics are shown.
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    fy: Option<String>,
}

/// One fact of the header.
#[derive(Debug)]
pub struct Fact {
    pub label: &'static str,
    pub value: String,
    pub href: Option<String>,
    /// More lines under the value (yearly targets).
    pub list: Vec<String>,
}

/// Where a value in the observations table came from.
#[derive(Debug)]
pub enum Source {
    /// The plan's own value: its 資料 and the file its last write came from.
    Own {
        source: Option<String>,
        file: Option<String>,
        note: Option<String>,
    },
    /// Taken from the same series in another plan.
    Borrowed {
        plan_href: String,
        plan_title: String,
        /// What the value was there (`（実績値）`, ` (baseline)`), in brackets.
        role: String,
        document: Option<String>,
    },
}

/// One row of the observations table.
#[derive(Debug)]
pub struct ObsRow {
    pub period: String,
    pub value: String,
    pub status: &'static str,
    pub as_of: String,
    pub source: Source,
}

/// One row of the history.
#[derive(Debug)]
pub struct HistoryRow {
    pub at: String,
    pub actor: String,
    pub what: String,
    pub change: String,
    pub source: String,
}

/// A fiscal year to choose.
#[derive(Debug)]
pub struct YearChoice {
    pub href: String,
    pub label: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "indicator.html")]
struct Page {
    l: Layout,
    p: &'static Words,
    tabs: Vec<Tab>,
    name: String,
    plan_href: String,
    plan_title: String,
    facts: Vec<Fact>,
    chart: String,
    observations: Vec<ObsRow>,
    years: Vec<YearChoice>,
    evaluated: Option<String>,
    workings: Option<Workings>,
    history: Vec<HistoryRow>,
}

/// `GET /plans/{code}/indicators/{id}`.
pub async fn page(
    State(app): State<App>,
    Path((code, id)): Path<(String, String)>,
    lang: RequestLang,
    Query(params): Query<Params>,
) -> Result<Rendered, PageError> {
    let lang = lang.lang;
    let ev = load(&app, &code, lang).await?;
    let Some(index) = ev
        .plan
        .indicators
        .iter()
        .position(|pi| pi.indicator.id == id)
    else {
        return Err(PageError::NotFound(lang));
    };
    let pi = &ev.plan.indicators[index];
    let store = app.store();
    let store_err = |e| match e {
        // Removed since the plan was read: as if it had never been.
        StoreError::NotFound(_) => PageError::NotFound(lang),
        e => PageError::Store(lang, e),
    };
    let key = lineage_key(pi);
    let (lineage, records, history, list) = tokio::try_join!(
        store.lineage(&key),
        store.observation_records(&code, &id),
        store.history(&code, &id),
        app.plans().list(),
    )
    .map_err(store_err)?;

    let fy = super::asked_year(params.fy.as_deref()).or(ev.fy);
    let evaluation = match fy {
        Some(y) if Some(y) == ev.fy => ev.evaluation(index).cloned(),
        Some(y) => Some(evaluate_one(&ev.plan, pi, y)),
        None => None,
    };
    let earlier = earlier(&ev.plan, pi, &lineage, &list);
    let chart = indicator_chart(
        &ChartInput {
            indicator: pi,
            evaluation: evaluation.as_ref(),
            earlier: &earlier,
            current_fy: Some(app.current_fy()),
            plan_period: ev.plan.period,
            fiscal_start: ev.plan.fiscal_start,
        },
        lang,
    );
    let page = build(
        &ev,
        pi,
        Built {
            fy,
            evaluation: evaluation.as_ref(),
            chart,
            records: &records,
            history,
        },
        lang,
    );
    render(lang, &page)
}

/// One indicator evaluated in `fy` as the cache evaluates a whole plan.
fn evaluate_one(plan: &Plan, pi: &PlanIndicator, fy: i32) -> Evaluation {
    let ctx = Context {
        fy,
        plan_period: plan.period,
        fiscal_start: plan.fiscal_start,
        scheme: &plan.grading,
        forecast: ForecastMethod::Linear,
    };
    evaluate(&pi.indicator, &pi.observations, &ctx)
}

/// The same indicator in the other stored plans: one line per plan, from its observations
/// and its baseline of one year (an observation wins over a baseline of the same year, the
/// later-ending of two observations of a year wins), in the indicator's unit, oldest plan
/// first. A window's running total and a milestone's states have no such line: another
/// plan's yearly flows are not on the scale of a running sum, and states are not numbers.
fn earlier(
    plan: &Plan,
    pi: &PlanIndicator,
    lineage: &[LineagePoint],
    list: &[PlanSummary],
) -> Vec<EarlierSeries> {
    let kind = pi.indicator.kind;
    if matches!(kind, IndicatorKind::PeriodTotal | IndicatorKind::Milestone) {
        return Vec::new();
    }
    let fs = plan.fiscal_start;
    let unit = Unit::new(&pi.indicator.unit);
    // plan code → (title, year → (is an observation, its last day, value))
    type Points = BTreeMap<i32, (bool, (i32, u8, u8), Decimal)>;
    let mut by_plan: BTreeMap<&str, (&str, Points)> = BTreeMap::new();
    for p in lineage {
        if p.plan == plan.code.as_str() {
            continue;
        }
        let observation = match p.role {
            "observation" => true,
            "baseline" => false,
            _ => continue,
        };
        let (Some(period), Some(value)) = (p.period, p.value) else {
            continue;
        };
        if period.is_window() {
            continue; // a mean or a total over years: no value of one year
        }
        let Ok(value) = unit.value_from(value, &Unit::new(&p.unit)) else {
            continue;
        };
        let year = period.end_year(fs);
        let key = (observation, period.last_day(fs), value);
        let entry = by_plan
            .entry(p.plan.as_str())
            .or_insert_with(|| (p.plan_title.as_str(), BTreeMap::new()));
        match entry.1.get(&year) {
            Some((o, last, _)) if (*o, *last) >= (key.0, key.1) => {}
            _ => {
                entry.1.insert(year, key);
            }
        }
    }
    let start = |code: &str| {
        list.iter()
            .find(|s| s.code == code)
            .and_then(|s| s.period)
            .map(|p| p.start_year(fs))
    };
    let mut series: Vec<(Option<i32>, i32, EarlierSeries)> = by_plan
        .into_iter()
        .filter(|(_, (_, points))| !points.is_empty())
        .map(|(code, (title, points))| {
            let first = points.keys().next().copied().unwrap_or_default();
            (
                start(code),
                first,
                EarlierSeries {
                    label: title.to_owned(),
                    points: points.into_iter().map(|(y, (_, _, v))| (y, v)).collect(),
                },
            )
        })
        .collect();
    // Oldest first: by the plan's first year, else by its first point.
    series.sort_by_key(|(start, first, _)| start.unwrap_or(*first));
    series.into_iter().map(|(_, _, s)| s).collect()
}

/// What the handler read, for [`build`].
struct Built<'a> {
    fy: Option<i32>,
    evaluation: Option<&'a Evaluation>,
    chart: String,
    records: &'a [ObservationRecord],
    history: Vec<AuditEntry>,
}

fn build(ev: &Evaluated, pi: &PlanIndicator, b: Built<'_>, lang: Lang) -> Page {
    let t = texts(lang);
    let p = words(lang);
    let plan = &ev.plan;
    let ind = &pi.indicator;
    let plan_href = format!("/plans/{}", segment(plan.code.as_str()));
    let path = format!("{plan_href}/indicators/{}", segment(&ind.id));
    let l = Layout::new(lang, &path)
        .titled(format!("{} | {}", ind.name, plan.title))
        .crumb(t.dashboard, Some("/".into()))
        .crumb(plan.title.clone(), Some(plan_href.clone()))
        .crumb(ind.name.clone(), None);

    let years = year_choices(plan, pi, b.fy, &path, lang);
    let workings = match (b.fy, b.evaluation) {
        (Some(fy), Some(e)) => Some(workings(plan, pi, e, fy, lang)),
        _ => None,
    };
    Page {
        l,
        p,
        tabs: tabs(plan, lang, "/indicators"),
        name: ind.name.clone(),
        plan_title: plan.title.clone(),
        facts: facts(plan, pi, &plan_href, lang),
        chart: b.chart,
        observations: observations(ev, pi, b.records, lang),
        years,
        evaluated: b.fy.map(|y| view::fy(lang, y)),
        workings,
        history: b
            .history
            .iter()
            .rev()
            .map(|e| history_row(e, lang))
            .collect(),
        plan_href,
    }
}

/// The header's facts: node, kind, unit, direction, baseline, target, yearly targets, source.
fn facts(plan: &Plan, pi: &PlanIndicator, plan_href: &str, lang: Lang) -> Vec<Fact> {
    let t = texts(lang);
    let p = words(lang);
    let ind = &pi.indicator;
    let fact = |label, value: String| Fact {
        label,
        value,
        href: None,
        list: Vec::new(),
    };
    let mut out = Vec::new();
    if let Some(node) = pi.node.as_deref().and_then(|n| plan.node(n)) {
        let mut value = String::new();
        for part in [node.kind.as_deref(), node.label.as_deref()]
            .into_iter()
            .flatten()
        {
            value.push_str(part);
            value.push(' ');
        }
        value.push_str(&node.title);
        out.push(Fact {
            // A segment's encoding is a query value's too: nothing but unreserved bytes left.
            href: Some(format!("{plan_href}?node={}", segment(&node.id))),
            ..fact(t.structure, value)
        });
    }
    out.push(fact(p.kind, kind_words(ind.kind, lang).to_owned()));
    if !ind.unit.is_empty() {
        out.push(fact(t.unit, ind.unit.clone()));
    }
    if ind.kind != IndicatorKind::Milestone {
        out.push(fact(
            p.direction,
            match ind.direction {
                Direction::Increase => p.increase,
                Direction::Decrease => p.decrease,
            }
            .to_owned(),
        ));
    }
    if let Some(b) = &ind.baseline {
        let value = match (b.value, &b.state) {
            (Some(v), _) => Some(quantity(v, &ind.unit, lang)),
            (None, Some(s)) => Some(s.clone()),
            (None, None) => None,
        };
        let mut text = value.unwrap_or_else(|| "—".into());
        if let Some(period) = b.period {
            text.push_str(&bracket(&view::period(lang, period), lang));
        }
        if b.stat == BaselineStat::Mean {
            text.push_str(&bracket(p.mean, lang));
        }
        if let Some(note) = b.note.as_deref().filter(|n| !n.trim().is_empty()) {
            text.push_str(&bracket(note, lang));
        }
        out.push(fact(t.baseline, text));
    }
    if let Some(target) = &ind.target {
        let comparator = match (lang, ind.comparator) {
            (_, Comparator::Exact) => "",
            (Lang::Ja, c) => c.suffix_ja(),
            (Lang::En, Comparator::AtLeast) => " or more",
            (Lang::En, _) => " or less",
        };
        let mut text = match (target.value, target.text.as_deref()) {
            (Some(v), Some(words)) => format!(
                "{}{comparator}{}",
                quantity(v, &ind.unit, lang),
                bracket(words, lang)
            ),
            (Some(v), None) => format!("{}{comparator}", quantity(v, &ind.unit, lang)),
            (None, Some(words)) => words.to_owned(),
            (None, None) => "—".into(),
        };
        if let Some(period) = target.period {
            text.push_str(&bracket(&view::period(lang, period), lang));
        }
        out.push(fact(t.target, text));
    }
    if !ind.yearly_targets.is_empty() {
        let mut yearly = ind.yearly_targets.clone();
        yearly.sort_by_key(|y| y.period.end_year(plan.fiscal_start));
        out.push(Fact {
            list: yearly
                .iter()
                .map(|y| {
                    format!(
                        "{}: {}",
                        view::period(lang, y.period),
                        quantity(y.value, &ind.unit, lang)
                    )
                })
                .collect(),
            ..fact(p.yearly_targets, String::new())
        });
    }
    if ind.kind == IndicatorKind::Milestone {
        out.push(fact(
            p.states,
            ind.milestone_states().collect::<Vec<_>>().join(" → "),
        ));
    }
    if let Some(source) = pi.source.as_deref().filter(|s| !s.trim().is_empty()) {
        out.push(fact(p.data_source, source.to_owned()));
    }
    if let Some(note) = pi.note.as_deref().filter(|s| !s.trim().is_empty()) {
        out.push(fact(p.note, note.to_owned()));
    }
    out
}

/// ` (x)` in English, `（x）` in Japanese.
fn bracket(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("（{s}）"),
        Lang::En => format!(" ({s})"),
    }
}

/// The kind in words: what A(t) is for it.
fn kind_words(kind: IndicatorKind, lang: Lang) -> &'static str {
    match (lang, kind) {
        (Lang::Ja, IndicatorKind::Level) => "水準（その年度までの最新の実績で評価）",
        (Lang::Ja, IndicatorKind::Cumulative) => "累計（その年度までの最新の累計値で評価）",
        (Lang::Ja, IndicatorKind::PeriodTotal) => "期間計（期間内の各年度の実績の合計で評価）",
        (Lang::Ja, IndicatorKind::Annual) => "単年（その年度の実績で評価）",
        (Lang::Ja, IndicatorKind::Milestone) => "段階（取組の進み具合で評価）",
        (Lang::Ja, IndicatorKind::Monitor) => "モニタリング（目標なし、推移のみ）",
        (Lang::En, IndicatorKind::Level) => "level (the latest value up to the year)",
        (Lang::En, IndicatorKind::Cumulative) => "cumulative (the latest running total)",
        (Lang::En, IndicatorKind::PeriodTotal) => {
            "period total (the sum of the yearly values in the window)"
        }
        (Lang::En, IndicatorKind::Annual) => "annual (the year's own value)",
        (Lang::En, IndicatorKind::Milestone) => "milestone (ordered states)",
        (Lang::En, IndicatorKind::Monitor) => "monitor (no target, trend only)",
    }
}

fn status_words(s: ObservationStatus, lang: Lang) -> &'static str {
    match (lang, s) {
        (Lang::Ja, ObservationStatus::Final) => "確定",
        (Lang::Ja, ObservationStatus::Provisional) => "速報",
        (Lang::Ja, ObservationStatus::Estimate) => "見込",
        (Lang::En, ObservationStatus::Final) => "final",
        (Lang::En, ObservationStatus::Provisional) => "provisional",
        (Lang::En, ObservationStatus::Estimate) => "estimate",
    }
}

/// The observations, in time order, each with where it came from.
fn observations(
    ev: &Evaluated,
    pi: &PlanIndicator,
    records: &[ObservationRecord],
    lang: Lang,
) -> Vec<ObsRow> {
    let p = words(lang);
    let ind = &pi.indicator;
    let own: HashMap<Period, &ObservationRecord> =
        records.iter().map(|r| (r.observation.period, r)).collect();
    pi.observations
        .iter()
        .map(|o| {
            let source = match ev.origin(&ind.id, o.period) {
                Some(b) => Source::Borrowed {
                    plan_href: format!("/plans/{}", segment(&b.origin.plan)),
                    plan_title: b.origin.title.clone(),
                    role: bracket(
                        match b.origin.role {
                            Role::Observation => p.role_observation,
                            Role::Baseline => p.role_baseline,
                        },
                        lang,
                    ),
                    document: b.origin.source.clone(),
                },
                None => {
                    let r = own.get(&o.period);
                    Source::Own {
                        source: r.and_then(|r| r.source.clone()),
                        file: r.and_then(|r| r.written_from.clone()),
                        note: r.and_then(|r| r.note.clone()),
                    }
                }
            };
            ObsRow {
                period: view::period(lang, o.period),
                value: match &o.value {
                    ObservedValue::Number(v) => quantity(*v, &ind.unit, lang),
                    ObservedValue::State(s) => s.clone(),
                },
                status: status_words(o.status, lang),
                as_of: o
                    .as_of
                    .map(|a| view::period(lang, a))
                    .unwrap_or_else(|| "—".into()),
                source,
            }
        })
        .collect()
}

/// The years a reader may evaluate: the plan's period and every year the indicator has a
/// value in, the chosen one marked.
fn year_choices(
    plan: &Plan,
    pi: &PlanIndicator,
    fy: Option<i32>,
    path: &str,
    lang: Lang,
) -> Vec<YearChoice> {
    let fs = plan.fiscal_start;
    let mut years: BTreeSet<i32> = pi
        .observations
        .iter()
        .map(|o| o.period.end_year(fs))
        .collect();
    if let Some((s, e)) = plan.period.map(|p| p.year_span(fs)) {
        // A plan's period is a few years; the bound only guards a bad row.
        if e >= s && e - s < 50 {
            years.extend(s..=e);
        }
    }
    years.extend(fy);
    years
        .into_iter()
        .filter(|y| (1900..=2200).contains(y))
        .map(|y| YearChoice {
            href: format!("{path}?fy={y}"),
            label: view::fy(lang, y),
            current: Some(y) == fy,
        })
        .collect()
}

/// An audit entry in words.
fn history_row(e: &AuditEntry, lang: Lang) -> HistoryRow {
    let t = texts(lang);
    let entity = match e.entity.as_str() {
        "observation" => t.value,
        "target" => t.target,
        "baseline" => t.baseline,
        other => other,
    };
    let action = match e.action.as_str() {
        "insert" => t.inserted,
        "update" => t.updated,
        "delete" => t.deleted,
        other => other,
    };
    let mut what = String::from(entity);
    if let Some(period) = &e.period {
        what.push(' ');
        match Period::parse(period) {
            Ok(p) => what.push_str(&view::period(lang, p)),
            Err(_) => what.push_str(period),
        }
    }
    if let Some(b) = e.breakdown.as_deref().filter(|b| !b.is_empty()) {
        what.push_str(&bracket(b, lang));
    }
    what.push_str(&bracket(action, lang));
    let change = match (&e.old_value, &e.new_value) {
        (Some(old), Some(new)) => format!("{old} → {new}"),
        (None, Some(new)) => format!("→ {new}"),
        (Some(old), None) => format!("{old} →"),
        (None, None) => "—".into(),
    };
    HistoryRow {
        at: e.at.replace('T', " ").trim_end_matches('Z').to_owned(),
        actor: e.actor.clone(),
        what,
        change,
        source: e.source.clone().unwrap_or_else(|| "—".into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Words of this page only
// ---------------------------------------------------------------------------------------------

/// The phrases only this page uses.
#[derive(Debug)]
pub struct Words {
    pub kind: &'static str,
    pub direction: &'static str,
    pub increase: &'static str,
    pub decrease: &'static str,
    pub mean: &'static str,
    pub yearly_targets: &'static str,
    pub states: &'static str,
    pub data_source: &'static str,
    pub note: &'static str,
    pub chart: &'static str,
    pub period: &'static str,
    pub status: &'static str,
    pub as_of: &'static str,
    pub source: &'static str,
    pub no_observations: &'static str,
    pub borrowed: &'static str,
    pub role_observation: &'static str,
    pub role_baseline: &'static str,
    pub written_from: &'static str,
    pub metrics: &'static str,
    pub choose_year: &'static str,
    pub no_evaluation: &'static str,
    pub inputs: &'static str,
    pub item: &'static str,
    pub value: &'static str,
    pub symbol: &'static str,
    pub working: &'static str,
    pub rules: &'static str,
    pub rule_condition: &'static str,
    pub applies: &'static str,
    pub reasons: &'static str,
    pub history: &'static str,
    pub no_history: &'static str,
    pub change: &'static str,
}

/// Japanese.
pub static JA: Words = Words {
    kind: "種別",
    direction: "方向",
    increase: "増加が望ましい",
    decrease: "減少が望ましい",
    mean: "平均",
    yearly_targets: "年度別目標",
    states: "段階",
    data_source: "資料",
    note: "備考",
    chart: "推移",
    period: "年度",
    status: "状態",
    as_of: "時点",
    source: "出典",
    no_observations: "実績値はまだありません。",
    borrowed: "他の計画の値",
    role_observation: "実績値",
    role_baseline: "基準値",
    written_from: "取込元",
    metrics: "評価と計算の内訳",
    choose_year: "評価年度を選ぶ",
    no_evaluation: "実績値がないため、まだ評価できません。",
    inputs: "比較する値",
    item: "項目",
    value: "値",
    symbol: "記号",
    working: "計算",
    rules: "評価の基準",
    rule_condition: "条件",
    applies: "該当",
    reasons: "注記",
    history: "変更履歴",
    no_history: "変更の記録はまだありません。",
    change: "変更前 → 変更後",
};

/// English.
pub static EN: Words = Words {
    kind: "Kind",
    direction: "Direction",
    increase: "higher is better",
    decrease: "lower is better",
    mean: "mean",
    yearly_targets: "Yearly targets",
    states: "States",
    data_source: "Data source",
    note: "Note",
    chart: "Values by year",
    period: "Year",
    status: "Status",
    as_of: "As of",
    source: "Source",
    no_observations: "No actual values yet.",
    borrowed: "From another plan",
    role_observation: "actual value",
    role_baseline: "baseline",
    written_from: "imported from",
    metrics: "Evaluation and its workings",
    choose_year: "Choose the year evaluated",
    no_evaluation: "No actual values yet: nothing to evaluate.",
    inputs: "Values compared",
    item: "Item",
    value: "Value",
    symbol: "Symbol",
    working: "Working",
    rules: "Grading rules",
    rule_condition: "Condition",
    applies: "applies",
    reasons: "Notes",
    history: "History of changes",
    no_history: "No change recorded yet.",
    change: "Before → after",
};

fn words(lang: Lang) -> &'static Words {
    crate::i18n::pick(lang, &JA, &EN)
}

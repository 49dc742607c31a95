//! What a document yields: DESIGN.md → Extraction JSON, as Rust types.
//!
//! These are the extractor's own types, serialisable, kept apart from core's: an extraction
//! is a draft for a person to review (it carries source lines, warnings and the names as
//! printed), and [`super::to_plan`] turns it into a core `Plan` once it is accepted.
//! Numbers are exact decimals and serialise as JSON numbers with all their digits
//! ([`crate::json`]); periods serialise in their canonical text form (`FY2021`, `FY2022-FY2026`, `2019-08`).

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use shinchoku_core::indicator::{Comparator, Direction, IndicatorKind};
use shinchoku_core::period::Period;
use shinchoku_core::Decimal;

use crate::json::JsonDecimal;

/// Everything read from one document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Extraction {
    /// The file name.
    pub document: String,
    /// What it was read from: the encoding of a text (`UTF-8`, `Shift_JIS`), `PDF`, `HTML (UTF-8)`,
    /// `xlsx` or `docx`.
    pub encoding: String,
    /// Title, period, as-of date.
    pub plan: PlanInfo,
    /// The structure tree, in document order.
    pub nodes: Vec<NodeOut>,
    /// Links between nodes (対応 / 関連 / 再掲).
    pub links: Vec<LinkOut>,
    /// Numeric targets, one per indicator (repeats merged).
    pub indicators: Vec<IndicatorOut>,
    /// `name：actual/target` entries of a progress report.
    pub progress_entries: Vec<ProgressEntry>,
    /// Yearly data series from data tables.
    pub series: Vec<SeriesOut>,
    /// Roadmap (工程表) items.
    pub roadmap: Vec<RoadmapOut>,
    /// Support institutions and their roles.
    pub organizations: Vec<OrganizationOut>,
    /// Committee members.
    pub members: Vec<MemberOut>,
    /// What looked wrong, with line numbers.
    pub warnings: Vec<Warning>,
    /// The heading lines of `nodes`, sorted, built once after the structure is read
    /// ([`super::NodeIndex`]); not part of the output.
    #[serde(skip)]
    pub node_index: Option<super::NodeIndex>,
}

/// What the document says about itself.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PlanInfo {
    /// The title: the heading the document prints, or the name its text gives itself, or,
    /// when it prints neither, a name built from what it prints (`title_from` says which).
    pub title: Option<String>,
    /// Where the title came from; none when there is no title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_from: Option<TitleFrom>,
    /// The government that issues the document, when its text says (`本県` and the
    /// prefecture it names most, or the place its title names).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<IssuerOut>,
    /// The plan period.
    #[serde(serialize_with = "period_opt")]
    pub period: Option<Period>,
    /// The date a report or list is as of (`令和元年8月` → `2019-08`).
    #[serde(serialize_with = "period_opt")]
    pub as_of: Option<Period>,
    /// The date the member list is as of (`（令和2年10月現在）`).
    #[serde(serialize_with = "period_opt", skip_serializing_if = "Option::is_none")]
    pub members_as_of: Option<Period>,
    /// The roles of the support-institution matrix, in column order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub organization_roles: Vec<String>,
}

/// Where a document's title came from (see [`super::title`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TitleFrom {
    /// The heading on its first lines (`やまぐち産業戦略推進計画`).
    Heading,
    /// The name its text gives itself (`「第2次…計画」（以下「本計画」という。）`).
    SelfName,
    /// Built from its issuer, subject, part and period, as it prints no title.
    Built,
}

/// The government that issues a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssuerOut {
    /// `山口県`, `みなと市`.
    pub name: String,
    /// 全国地方公共団体コード (`350001`), known for the prefectures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// A node of the structure tree.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NodeOut {
    /// `n1`, `n2`, … in document order.
    pub id: String,
    /// The parent's id.
    pub parent: Option<String>,
    /// The kind as the document names it (`基本方向`, `取組`, `プロジェクト`), when known.
    pub kind: Option<String>,
    /// The label as printed (`1`, `(1)`, `①`, `◆`).
    pub label: Option<String>,
    /// The title.
    pub title: String,
    /// Body text kept on the node (現状と課題 …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `new`, `modified` or `relisted`.
    pub marker: Option<String>,
    /// The title before a `modified` revision.
    pub old_title: Option<String>,
    /// Where the heading is.
    pub line: usize,
    /// Where the same heading is printed again (an overview repeated as chapters); what
    /// follows those lines belongs to this node too.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also_at: Vec<usize>,
}

/// A typed link between nodes.
#[derive(Debug, Clone, Serialize)]
pub struct LinkOut {
    /// From this node.
    pub from: String,
    /// To this node.
    pub to: String,
    /// `corresponds`, `related` or `relisted`.
    pub kind: String,
    /// Where the link is printed.
    pub line: usize,
}

/// A value with the period it is for.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ValueAt {
    /// The number; `null` for `—`.
    #[serde(serialize_with = "decimal_opt")]
    pub value: Option<Decimal>,
    /// When.
    #[serde(serialize_with = "period_opt")]
    pub period: Option<Period>,
    /// What the document adds beside the number (`単年`), or the words of a target in words.
    pub note: Option<String>,
    /// `mean` for a baseline or a target that is an average over its window.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stat: Option<String>,
}

/// One indicator, merged from every table that prints it.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorOut {
    /// `i1`, `i2`, … in order of first appearance.
    pub id: String,
    /// The normalised name.
    pub name: String,
    /// The unit (`件`, `%`, `億円`).
    pub unit: String,
    /// How A(t) is taken.
    #[serde(serialize_with = "kind")]
    pub kind: IndicatorKind,
    /// Which way is better.
    #[serde(serialize_with = "direction")]
    pub direction: Direction,
    /// How the target is written.
    #[serde(serialize_with = "comparator")]
    pub comparator: Comparator,
    /// 現状値.
    pub baseline: ValueAt,
    /// 目標値.
    pub target: ValueAt,
    /// Targets for single years (年度別目標).
    #[serde(serialize_with = "period_map", skip_serializing_if = "Vec::is_empty")]
    pub yearly_targets: Vec<(Period, Decimal)>,
    /// The node it belongs to.
    pub node: Option<String>,
    /// The project's name as printed.
    pub project: Option<String>,
    /// The bracketed category (`港湾`).
    pub category: Option<String>,
    /// The list label printed before the name (`①`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// A definition printed with the name (`(10Kmメッシュ毎に…)`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
    /// The source of its data (資料).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The line of its first appearance.
    pub source_line: usize,
    /// The lines where it is printed again.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also_at: Vec<usize>,
}

/// One `name：actual/target` entry of a progress report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ProgressEntry {
    /// The project's number (`①` → 1).
    pub project_no: Option<u32>,
    /// The project's name.
    pub project: Option<String>,
    /// The indicator's name.
    pub name: String,
    /// The actual value.
    #[serde(serialize_with = "decimal_opt")]
    pub actual: Option<Decimal>,
    /// The target value.
    #[serde(serialize_with = "decimal_opt")]
    pub target: Option<Decimal>,
    /// The target of the plan's end, when the entry prints a year's target and the plan's.
    #[serde(
        serialize_with = "decimal_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub final_target: Option<Decimal>,
    /// The unit.
    pub unit: String,
    /// `milestone` for a state entry, else the kind when the entry says (`累計`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// `at_least` for `以上`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparator: Option<String>,
    /// The actual as printed, for states (`実施中`).
    pub actual_text: Option<String>,
    /// The target as printed, for states (`実現`).
    pub target_text: Option<String>,
    /// The date the actual is as of (`（R1.8）`).
    #[serde(serialize_with = "period_opt")]
    pub as_of: Option<Period>,
    /// A printed grade (`◎ ○ △ ▲`, `A B C`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mark: Option<String>,
    /// `provisional` for a count during the year (an as-of month or day, `速報`), `estimate`
    /// for `見込`; `None` for a year's figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Where it is printed.
    pub line: usize,
}

/// A yearly data series from a data table.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SeriesOut {
    /// The row's (or table's) name, normalised.
    pub name: String,
    /// The unit.
    pub unit: String,
    /// Values by period, in column order.
    #[serde(serialize_with = "period_map")]
    pub values: Vec<(Period, Decimal)>,
    /// Targets by period, where the table pairs targets with actuals.
    #[serde(serialize_with = "period_map", skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<(Period, Decimal)>,
    /// A printed total (`合計`), when there is one.
    #[serde(
        serialize_with = "decimal_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub total: Option<Decimal>,
    /// 資料.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Where the row is.
    pub line: usize,
}

/// A roadmap (工程表) item.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RoadmapOut {
    /// The node it belongs to.
    pub node: Option<String>,
    /// The row's heading (取組), when the table has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// What is done.
    pub title: String,
    /// What the item consists of, as printed after its bracketed title
    /// (`<推進体制の強化> ・連携強化` → `連携強化`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// First year.
    #[serde(serialize_with = "period_opt")]
    pub start: Option<Period>,
    /// Last year.
    #[serde(serialize_with = "period_opt")]
    pub end: Option<Period>,
    /// Text printed under single years.
    #[serde(
        serialize_with = "period_text_map",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub notes: Vec<(Period, String)>,
    /// Where the row is.
    pub line: usize,
}

/// A support institution and its roles.
#[derive(Debug, Clone, Default, Serialize)]
pub struct OrganizationOut {
    /// The name, normalised.
    pub name: String,
    /// The roles marked for it, in column order.
    pub roles: Vec<String>,
    /// Where the row is.
    pub line: usize,
}

/// A committee member.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MemberOut {
    /// Their organisation.
    pub organization: Option<String>,
    /// Their position.
    pub position: Option<String>,
    /// Their name (`安達 秀樹`).
    pub name: String,
    /// The reading (`あだち ひでき`).
    pub reading: Option<String>,
    /// Where the row is.
    pub line: usize,
}

/// Something that looks wrong, at a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The line.
    pub line: usize,
    /// A short code (`series_sum`, `conflicting_values`, `unknown_unit`, …).
    pub code: String,
    /// What is wrong, for a person.
    pub message: String,
    /// How the line the warning names was cut into cells, when it was not taken as written
    /// (`空白の列揃えで 4 列に区切った行 / a line cut into 4 columns by aligned spaces`): a
    /// value read from a guessed column is checked against the guess. Filled in once for
    /// every warning by [`super::cite_evidence`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

fn decimal_opt<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => JsonDecimal(*d).serialize(s),
        None => s.serialize_none(),
    }
}

fn period_opt<S: Serializer>(p: &Option<Period>, s: S) -> Result<S::Ok, S::Error> {
    match p {
        Some(p) => s.serialize_str(&p.to_string()),
        None => s.serialize_none(),
    }
}

fn period_map<S: Serializer>(v: &[(Period, Decimal)], s: S) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(v.len()))?;
    for (p, d) in v {
        m.serialize_entry(&p.to_string(), &JsonDecimal(*d))?;
    }
    m.end()
}

fn period_text_map<S: Serializer>(v: &[(Period, String)], s: S) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(v.len()))?;
    for (p, t) in v {
        m.serialize_entry(&p.to_string(), t)?;
    }
    m.end()
}

fn kind<S: Serializer>(k: &IndicatorKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(k.as_str())
}

fn direction<S: Serializer>(d: &Direction, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(d.as_str())
}

fn comparator<S: Serializer>(c: &Comparator, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.as_str())
}

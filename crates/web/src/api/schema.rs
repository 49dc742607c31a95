//! The API's JSON types: serde writes them, utoipa describes them in `/api/openapi.json`, and
//! each is made from a core type here (core derives no serialization; STYLE.md).
//!
//! Numbers are [`Number`]s: a decimal's own digits as a JSON number
//! (`shinchoku_import::json::JsonDecimal`), never through `f64`. Periods are their canonical
//! text (`FY2023`, `FY2022-FY2026`, `2019-08`). A field that may have no value is always
//! present, as `null`.

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use shinchoku_core::follow::{Borrowed, Origin as CoreOrigin};
use shinchoku_core::indicator::{IndicatorKind, ObservedValue};
use shinchoku_core::period::Period;
use shinchoku_core::plan::{Node as CoreNode, Plan, PlanIndicator};
use shinchoku_import::json::JsonDecimal;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};

/// A decimal as a JSON number with all its digits (`78`, `0.624`,
/// `0.0714285714285714285714285714`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number(pub Decimal);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        JsonDecimal(self.0).serialize(s)
    }
}

impl PartialSchema for Number {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Number)
            .description(Some(
                "A decimal with all its digits, never rounded (rounding is for display).",
            ))
            .into()
    }
}

impl ToSchema for Number {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Number")
    }
}

fn number(d: Option<Decimal>) -> Option<Number> {
    d.map(Number)
}

/// A value: a number, or words (a milestone's state such as `実施中`, a target in words such
/// as `増加を目指す`).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(untagged)]
pub enum Amount {
    /// A number in the indicator's unit.
    Number(Number),
    /// Words.
    Text(String),
}

impl Amount {
    /// An observed value as an amount.
    pub fn of_observed(v: &ObservedValue) -> Amount {
        match v {
            ObservedValue::Number(d) => Amount::Number(Number(*d)),
            ObservedValue::State(s) => Amount::Text(s.clone()),
        }
    }
}

/// Counts by grade label, in the scheme's order (`{"A": 2, "B": 1, "C": 0, "D": 0, "—": 1}`).
#[derive(Debug, Clone, Default)]
pub struct Counts(pub Vec<(String, usize)>);

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (label, n) in &self.0 {
            m.serialize_entry(label, n)?;
        }
        m.end()
    }
}

impl PartialSchema for Counts {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(
                "The number of indicators with each grade, by the grade's label (`A`, `B`, \
                 `C`, `D`, `—` for none).",
            ))
            .additional_properties(Some(
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .minimum(Some(0)),
            ))
            .into()
    }
}

impl ToSchema for Counts {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("GradeCounts")
    }
}

/// A period as its canonical text.
fn period(p: Option<Period>) -> Option<String> {
    p.map(|p| p.to_string())
}

/// The government that issues a plan.
#[derive(Debug, Serialize, ToSchema)]
pub struct Issuer {
    /// `山口県`.
    pub name: String,
    /// 全国地方公共団体コード (`350001`).
    #[schema(required = true)]
    pub code: Option<String>,
}

impl Issuer {
    /// The plan's issuer.
    pub fn of(plan: &Plan) -> Option<Issuer> {
        plan.issuer.as_ref().map(|i| Issuer {
            name: i.name.clone(),
            code: i.code.clone(),
        })
    }
}

/// A node of the plan's tree: a basic direction, a measure, an initiative.
#[derive(Debug, Serialize, ToSchema)]
pub struct Node {
    /// Unique within the plan.
    pub id: String,
    /// The parent's id; `null` at the top.
    #[schema(required = true)]
    pub parent: Option<String>,
    /// The kind as the document names it (`基本方向`, `施策`).
    #[schema(required = true)]
    pub kind: Option<String>,
    /// The number label as printed (`1`, `(1)`, `①`).
    #[schema(required = true)]
    pub label: Option<String>,
    /// The title.
    pub title: String,
    /// Body text (現状と課題, 概要).
    #[schema(required = true)]
    pub body: Option<String>,
    /// How a revision marked it: `new`, `modified` or `relisted`.
    #[schema(required = true)]
    pub marker: Option<String>,
    /// The title before a revision that marked it `modified`, where the document prints it.
    #[schema(required = true)]
    pub old_title: Option<String>,
    /// The ids of the indicators that hang on this node itself (not beneath it).
    pub indicators: Vec<String>,
}

impl Node {
    /// `n` of `plan`.
    pub fn of(plan: &Plan, n: &CoreNode) -> Node {
        Node {
            id: n.id.clone(),
            parent: n.parent.clone(),
            kind: n.kind.clone(),
            label: n.label.clone(),
            title: n.title.clone(),
            body: n.body.clone(),
            marker: n.marker.as_ref().map(|m| m.as_str().to_owned()),
            old_title: match &n.marker {
                Some(shinchoku_core::plan::Marker::Modified { old_title }) => old_title.clone(),
                _ => None,
            },
            indicators: plan
                .indicators
                .iter()
                .filter(|pi| pi.node.as_deref() == Some(n.id.as_str()))
                .map(|pi| pi.indicator.id.clone())
                .collect(),
        }
    }
}

/// The value an indicator starts from (現状値).
#[derive(Debug, Serialize, ToSchema)]
pub struct Baseline {
    /// `null` where the document prints `—`.
    #[schema(required = true)]
    pub value: Option<Number>,
    /// When it was measured.
    #[schema(required = true)]
    pub period: Option<String>,
    /// `value`, or `mean` for an average over `period`.
    pub stat: String,
    /// What the document adds beside the number (`単年`).
    #[schema(required = true)]
    pub note: Option<String>,
    /// A milestone's state at the baseline.
    #[schema(required = true)]
    pub state: Option<String>,
}

/// What an indicator aims at (目標値).
#[derive(Debug, Serialize, ToSchema)]
pub struct Target {
    /// The number; `null` for a target in words.
    #[schema(required = true)]
    pub value: Option<Number>,
    /// The year it is due, or the window it sums over; `null` means the plan's end.
    #[schema(required = true)]
    pub period: Option<String>,
    /// A target in words (`増加を目指す`) or a milestone's target state.
    #[schema(required = true)]
    pub text: Option<String>,
}

/// A target for one year besides the final one.
#[derive(Debug, Serialize, ToSchema)]
pub struct YearlyTarget {
    /// The year (`FY2023`).
    pub period: String,
    /// The value due that year.
    pub value: Number,
}

/// An indicator as the plan defines it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Indicator {
    /// Unique within its plan.
    pub id: String,
    /// The normalised name.
    pub name: String,
    /// The unit of every value (`件`, `%`).
    pub unit: String,
    /// `level`, `cumulative`, `period_total`, `annual`, `milestone` or `monitor`.
    pub kind: String,
    /// `increase` or `decrease`.
    pub direction: String,
    /// How the target was written: `exact`, `at_least` (以上) or `at_most` (以下).
    pub comparator: String,
    /// The node it hangs on.
    #[schema(required = true)]
    pub node: Option<String>,
    /// The bracketed category of a summary table (`港湾`).
    #[schema(required = true)]
    pub category: Option<String>,
    /// Where its data come from (資料).
    #[schema(required = true)]
    pub source: Option<String>,
    /// A definition or other note.
    #[schema(required = true)]
    pub note: Option<String>,
    /// The key linking it to the same indicator in other plans, when the plan gives one.
    #[schema(required = true)]
    pub series_key: Option<String>,
    /// Where it starts from.
    #[schema(required = true)]
    pub baseline: Option<Baseline>,
    /// What it aims at; `null` for `monitor`.
    #[schema(required = true)]
    pub target: Option<Target>,
    /// Targets for single years besides the final one.
    pub yearly_targets: Vec<YearlyTarget>,
    /// A milestone's states in order (empty for the other kinds).
    pub states: Vec<String>,
}

impl Indicator {
    /// `pi` as the API shows it.
    pub fn of(pi: &PlanIndicator) -> Indicator {
        let ind = &pi.indicator;
        Indicator {
            id: ind.id.clone(),
            name: ind.name.clone(),
            unit: ind.unit.clone(),
            kind: ind.kind.as_str().to_owned(),
            direction: ind.direction.as_str().to_owned(),
            comparator: ind.comparator.as_str().to_owned(),
            node: pi.node.clone(),
            category: pi.category.clone(),
            source: pi.source.clone(),
            note: pi.note.clone(),
            series_key: pi.series_key.clone(),
            baseline: ind.baseline.as_ref().map(|b| Baseline {
                value: number(b.value),
                period: period(b.period),
                stat: b.stat.as_str().to_owned(),
                note: b.note.clone(),
                state: b.state.clone(),
            }),
            target: ind.target.as_ref().map(|t| Target {
                value: number(t.value),
                period: period(t.period),
                text: t.text.clone(),
            }),
            yearly_targets: ind
                .yearly_targets
                .iter()
                .map(|y| YearlyTarget {
                    period: y.period.to_string(),
                    value: Number(y.value),
                })
                .collect(),
            states: if ind.kind == IndicatorKind::Milestone {
                ind.milestone_states().map(str::to_owned).collect()
            } else {
                Vec::new()
            },
        }
    }
}

/// Where a value taken from another plan of the same series comes from.
#[derive(Debug, Serialize, ToSchema)]
pub struct Origin {
    /// The lending plan's code.
    pub plan: String,
    /// Its title.
    pub title: String,
    /// The indicator's id in that plan.
    pub indicator: String,
    /// `observation` (its 実績値) or `baseline` (its 現状値).
    pub role: String,
    /// The file the value was read from (`004_….txt`, `実績.csv:12`); `null` when none is
    /// known.
    #[schema(required = true)]
    pub source: Option<String>,
}

impl Origin {
    /// `o` as the API shows it.
    pub fn of(o: &CoreOrigin) -> Origin {
        Origin {
            plan: o.plan.clone(),
            title: o.title.clone(),
            indicator: o.indicator.clone(),
            role: o.role.as_str().to_owned(),
            source: o.source.clone(),
        }
    }
}

/// A value an evaluation took from another plan of the same series.
#[derive(Debug, Serialize, ToSchema)]
pub struct BorrowedValue {
    /// Its period.
    pub period: String,
    /// The value, in the borrowing indicator's unit.
    pub value: Amount,
    /// `final`, `provisional` or `estimate`.
    pub status: String,
    /// Where it comes from.
    pub from: Origin,
}

impl BorrowedValue {
    /// `b` as the API shows it.
    pub fn of(b: &Borrowed) -> BorrowedValue {
        BorrowedValue {
            period: b.observation.period.to_string(),
            value: Amount::of_observed(&b.observation.value),
            status: b.observation.status.as_str().to_owned(),
            from: Origin::of(&b.origin),
        }
    }
}

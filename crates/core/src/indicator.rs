//! Indicators (指標 / 数値目標 / KPI): what is measured, how it is written, what it aims at.
//!
//! The kind decides which value is compared at an evaluation year (DESIGN.md → Indicators):
//! a stock (`level`, `cumulative`), a sum of yearly flows over a window (`period_total`), the
//! year's own figure (`annual`), an ordered state (`milestone`) or a trend with no target
//! (`monitor`). These types hold data only; [`crate::evaluate`] computes from them.

use std::fmt;

use rust_decimal::Decimal;

use crate::period::Period;

/// How the compared value A(t) is taken from the observations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum IndicatorKind {
    /// A rate or a count of a stock: the latest observation at or before t.
    #[default]
    Level,
    /// A running total (`累計`): like a level.
    Cumulative,
    /// A sum of yearly flows over a window (`/3年`, `(2022～2026)`).
    PeriodTotal,
    /// One year's own figure (`単年`).
    Annual,
    /// Ordered states (`未着手 < 検討中 < 実施中 < 実現`).
    Milestone,
    /// Watched with no target: trend only, never graded.
    Monitor,
}

impl IndicatorKind {
    /// Every kind, in the order DESIGN.md lists them.
    pub const ALL: [IndicatorKind; 6] = [
        IndicatorKind::Level,
        IndicatorKind::Cumulative,
        IndicatorKind::PeriodTotal,
        IndicatorKind::Annual,
        IndicatorKind::Milestone,
        IndicatorKind::Monitor,
    ];

    /// The canonical name (`level`, `period_total`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            IndicatorKind::Level => "level",
            IndicatorKind::Cumulative => "cumulative",
            IndicatorKind::PeriodTotal => "period_total",
            IndicatorKind::Annual => "annual",
            IndicatorKind::Milestone => "milestone",
            IndicatorKind::Monitor => "monitor",
        }
    }

    /// The name a Japanese reader knows.
    pub fn label_ja(self) -> &'static str {
        match self {
            IndicatorKind::Level => "水準",
            IndicatorKind::Cumulative => "累計",
            IndicatorKind::PeriodTotal => "期間計",
            IndicatorKind::Annual => "単年",
            IndicatorKind::Milestone => "段階",
            IndicatorKind::Monitor => "モニタリング",
        }
    }

    /// Parses the canonical name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Kinds whose value is one observation that can be set against the baseline.
    pub fn compares_with_baseline(self) -> bool {
        matches!(
            self,
            IndicatorKind::Level | IndicatorKind::Cumulative | IndicatorKind::Annual
        )
    }
}

impl fmt::Display for IndicatorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Direction {
    /// Higher is better (the default).
    #[default]
    Increase,
    /// Lower is better (accidents, waiting lists).
    Decrease,
}

impl Direction {
    /// `increase` or `decrease`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
        }
    }

    /// Parses `increase` / `decrease`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "increase" => Some(Direction::Increase),
            "decrease" => Some(Direction::Decrease),
            _ => None,
        }
    }
}

/// How the target was written: a bare number, `以上` or `以下`. Shown with the target; a
/// target is met the same way whichever it is (exceeding a bare target counts as met).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Comparator {
    /// A bare number.
    #[default]
    Exact,
    /// `以上`.
    AtLeast,
    /// `以下`.
    AtMost,
}

impl Comparator {
    /// `exact`, `at_least` or `at_most`.
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::Exact => "exact",
            Comparator::AtLeast => "at_least",
            Comparator::AtMost => "at_most",
        }
    }

    /// Parses the canonical name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "exact" => Some(Comparator::Exact),
            "at_least" => Some(Comparator::AtLeast),
            "at_most" => Some(Comparator::AtMost),
            _ => None,
        }
    }

    /// The Japanese suffix (`以上`, `以下`, or nothing).
    pub fn suffix_ja(self) -> &'static str {
        match self {
            Comparator::Exact => "",
            Comparator::AtLeast => "以上",
            Comparator::AtMost => "以下",
        }
    }
}

/// How a baseline value was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BaselineStat {
    /// The value of its period (a window's value is the window's total).
    #[default]
    Value,
    /// An average over its window (`(24〜26年度平均)`).
    Mean,
}

impl BaselineStat {
    /// `value` or `mean`.
    pub fn as_str(self) -> &'static str {
        match self {
            BaselineStat::Value => "value",
            BaselineStat::Mean => "mean",
        }
    }

    /// Parses the canonical name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "value" => Some(BaselineStat::Value),
            "mean" => Some(BaselineStat::Mean),
            _ => None,
        }
    }
}

/// The value an indicator starts from (現状値 / 基準値).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Baseline {
    /// `None` where the document prints `—`.
    pub value: Option<Decimal>,
    /// When it was measured; `None` if the document does not say.
    pub period: Option<Period>,
    /// A single value or a mean over `period`.
    pub stat: BaselineStat,
    /// What the document adds beside the number (`単年`, `R3.3月末`).
    pub note: Option<String>,
    /// For milestones: the state at the baseline (`未着手`).
    pub state: Option<String>,
}

/// What an indicator aims at (目標値).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Target {
    /// The number; `None` for a target in words.
    pub value: Option<Decimal>,
    /// The year it is due, or the window it sums over; `None` means the plan's end (its whole
    /// period for `period_total`).
    pub period: Option<Period>,
    /// A target in words (`増加を目指す`), or a milestone's target state (`実現`).
    pub text: Option<String>,
}

/// A target for one year of the plan besides the final one (as in a 年度別目標 row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearlyTarget {
    /// The year.
    pub period: Period,
    /// The value due that year.
    pub value: Decimal,
}

/// The states a milestone passes through when the plan does not list its own.
pub const DEFAULT_MILESTONE_STATES: [&str; 4] = ["未着手", "検討中", "実施中", "実現"];

/// An indicator of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Indicator {
    /// Unique within its plan.
    pub id: String,
    /// The normalised name (`中小企業のIoT導入率`).
    pub name: String,
    /// The unit every value of this indicator is held in (`件`, `%`, `億円`).
    pub unit: String,
    /// How A(t) is taken.
    pub kind: IndicatorKind,
    /// Which way is better.
    pub direction: Direction,
    /// How the target was written.
    pub comparator: Comparator,
    /// Where it starts from.
    pub baseline: Option<Baseline>,
    /// What it aims at; `None` for `monitor`.
    pub target: Option<Target>,
    /// Targets for single years besides the final one.
    pub yearly_targets: Vec<YearlyTarget>,
    /// A milestone's ordered states; empty means [`DEFAULT_MILESTONE_STATES`].
    pub states: Vec<String>,
}

impl Indicator {
    /// The milestone states in force: the indicator's own, or the default ones.
    pub fn milestone_states(&self) -> impl Iterator<Item = &str> + Clone {
        let own = (!self.states.is_empty()).then_some(self.states.iter().map(String::as_str));
        let default = self
            .states
            .is_empty()
            .then_some(DEFAULT_MILESTONE_STATES.iter().copied());
        own.into_iter()
            .flatten()
            .chain(default.into_iter().flatten())
    }

    /// The rank of a state (0 = first), if it is one of [`Indicator::milestone_states`].
    pub fn state_rank(&self, state: &str) -> Option<usize> {
        let state = state.trim();
        self.milestone_states().position(|s| s == state)
    }
}

/// How sure an observed value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ObservationStatus {
    /// 確定.
    #[default]
    Final,
    /// 速報 (also a mid-year count, `9月30日現在`).
    Provisional,
    /// 見込.
    Estimate,
}

impl ObservationStatus {
    /// `final`, `provisional` or `estimate`.
    pub fn as_str(self) -> &'static str {
        match self {
            ObservationStatus::Final => "final",
            ObservationStatus::Provisional => "provisional",
            ObservationStatus::Estimate => "estimate",
        }
    }

    /// Parses the canonical name or its Japanese word.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "final" | "確定" => Some(ObservationStatus::Final),
            "provisional" | "速報" => Some(ObservationStatus::Provisional),
            "estimate" | "見込" | "見込み" => Some(ObservationStatus::Estimate),
            _ => None,
        }
    }
}

/// An observed value: a number, or a state for milestones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObservedValue {
    /// A number in the indicator's unit.
    Number(Decimal),
    /// A milestone state (`実施中`).
    State(String),
}

/// One actual value (実績値) of an indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    /// The year (or month, for a mid-year count) it is for.
    pub period: Period,
    /// The value.
    pub value: ObservedValue,
    /// How sure it is.
    pub status: ObservationStatus,
    /// The date it was counted at, when that is not the period's end (`（R1.8）`).
    pub as_of: Option<Period>,
}

impl Observation {
    /// A final numeric observation.
    pub fn number(period: Period, value: Decimal) -> Self {
        Observation {
            period,
            value: ObservedValue::Number(value),
            status: ObservationStatus::Final,
            as_of: None,
        }
    }

    /// A final milestone state.
    pub fn state(period: Period, state: impl Into<String>) -> Self {
        Observation {
            period,
            value: ObservedValue::State(state.into()),
            status: ObservationStatus::Final,
            as_of: None,
        }
    }

    /// The number, if it is one.
    pub fn as_number(&self) -> Option<Decimal> {
        match self.value {
            ObservedValue::Number(d) => Some(d),
            ObservedValue::State(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_round_trip() {
        for k in IndicatorKind::ALL {
            assert_eq!(IndicatorKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(IndicatorKind::parse("Level"), None);
    }

    #[test]
    fn milestones_use_default_states_unless_given() {
        let mut ind = Indicator::default();
        assert_eq!(ind.state_rank("実施中"), Some(2));
        ind.states = vec!["構想".into(), "着工".into(), "完成".into()];
        assert_eq!(ind.state_rank("実施中"), None);
        assert_eq!(ind.state_rank("完成"), Some(2));
    }
}

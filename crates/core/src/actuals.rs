//! Actual values matched to a plan's indicators: the one check that every way in shares.
//!
//! An Actuals CSV row names its indicator by id or by name and gives a value; whether it is
//! read into the database (`shinchoku import`, the store), recorded one at a time (`record`),
//! or applied to plan files in memory (`shinchoku evaluate DIR --actuals FILE`), the same
//! rows must be refused for the same reasons, in the same words. This module is that rule,
//! without IO:
//!
//! - [`check_texts`]: no text of a row holds a NUL character (databases cannot store one);
//! - [`IndicatorIndex::find`]: `indicator` is an id of the plan, else a name (compared in
//!   [`fold_printed_name`]'s form: spaces and widths folded, and note marks such as `※1`
//!   dropped, as the extractor drops them); a name two indicators share is refused, naming the
//!   id as the fix;
//! - [`check_value`]: a milestone takes one of its states, every other kind a number;
//! - [`in_own_unit`]: a number written with a unit (`22.5%`) is taken in the indicator's own
//!   unit or one of its scale family, converted exactly, and refused in another.
//!
//! Each refusal is data ([`Refusal`], [`ValueRefusal`]) told in the reader's language
//! ([`Localize`]); `Display` is the English text. Whether a plan exists is the caller's
//! business (stored, or among the files given), and so is the hint that says where the
//! plan's indicators are listed ([`Refusal::NoIndicator`] names neither).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use crate::indicator::{IndicatorKind, ObservedValue, DEFAULT_MILESTONE_STATES};
use crate::lang::{Lang, Localize};
use crate::quantity::{Unit, UnitMismatch};
use crate::text::fold_printed_name;
use crate::Decimal;

/// Why a value does not fit its indicator: the check of an import row, a `record` and a
/// progress report's values alike.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValueRefusal {
    /// A milestone's value that is none of its states.
    NotAState {
        /// As given.
        state: String,
        /// The milestone's states.
        states: Vec<String>,
    },
    /// A number for a milestone.
    NumberForMilestone(Decimal),
    /// Text for an indicator that takes numbers.
    TextForNumber {
        /// As given.
        text: String,
        /// The indicator's kind.
        kind: IndicatorKind,
    },
    /// A number written with a unit that is not the indicator's (`22.5kg` for `%`).
    OtherUnit {
        /// The number.
        value: Decimal,
        /// The unit written with it.
        written: Unit,
        /// The indicator's unit (empty: it has none).
        own: Unit,
    },
    /// A number in a unit of the indicator's scale family whose conversion does not fit an
    /// exact decimal.
    UnitOutOfRange {
        /// The number.
        value: Decimal,
        /// The unit written with it.
        written: Unit,
        /// The indicator's unit.
        own: Unit,
    },
}

/// Why a row of actual values is refused, once its plan is known.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// A text of the row holds U+0000.
    Nul,
    /// The indicator is named by a name that more than one indicator of the plan has.
    AmbiguousName {
        /// The name as written.
        name: String,
        /// The plan's code.
        plan: String,
    },
    /// The plan has no indicator with this id or name. Its words say so and no more: the
    /// caller adds where the plan's indicators are listed.
    NoIndicator {
        /// The plan's code.
        plan: String,
        /// The id or name as written.
        indicator: String,
    },
    /// A value that does not fit the indicator.
    Value(ValueRefusal),
    /// The same indicator, period and breakdown on an earlier line of the file too.
    Repeated {
        /// The indicator's id.
        indicator: String,
        /// The period, in its canonical text.
        period: String,
        /// The earlier line.
        first: u64,
    },
}

impl Refusal {
    /// The column the refusal concerns (`indicator`, `value`); `None` for the row as a whole.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Refusal::Nul | Refusal::Repeated { .. } => None,
            Refusal::AmbiguousName { .. } | Refusal::NoIndicator { .. } => Some("indicator"),
            Refusal::Value(_) => Some("value"),
        }
    }
}

impl From<ValueRefusal> for Refusal {
    fn from(v: ValueRefusal) -> Self {
        Refusal::Value(v)
    }
}

/// A number with its unit as written: `22.5kg`.
fn with_unit(value: &Decimal, unit: &Unit) -> String {
    format!("{}{unit}", value.normalize())
}

impl Localize for ValueRefusal {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ValueRefusal as V;
        let q = |s: &str| lang.quote(s).to_string();
        match (lang, self) {
            (Lang::En, V::NotAState { state, states }) => write!(
                f,
                "{} is not a state of this milestone; expected one of {}",
                q(state),
                states.join(", ")
            ),
            (Lang::Ja, V::NotAState { state, states }) => write!(
                f,
                "{}はこのマイルストーンの段階ではありません。{} のいずれかを書いてください",
                q(state),
                states.join("、")
            ),
            (Lang::En, V::NumberForMilestone(d)) => write!(
                f,
                "{d} is a number, but this indicator is a milestone: give its state"
            ),
            (Lang::Ja, V::NumberForMilestone(d)) => write!(
                f,
                "{d} は数値ですが、この指標はマイルストーンです。段階（実施中 など）を書いてください"
            ),
            (Lang::En, V::TextForNumber { text, kind }) => write!(
                f,
                "{} is not a number (a {} indicator takes numbers)",
                q(text),
                kind.as_str()
            ),
            (Lang::Ja, V::TextForNumber { text, kind }) => write!(
                f,
                "{}は数値として読めません。種別「{}」の指標には数値を書いてください",
                q(text),
                kind.label_ja()
            ),
            (Lang::En, V::OtherUnit { value, written, own }) if own.is_empty() => write!(
                f,
                "{} carries the unit {}, but this indicator has no unit: write the number \
                 alone ({})",
                q(&with_unit(value, written)),
                q(written.as_str()),
                value.normalize()
            ),
            (Lang::Ja, V::OtherUnit { value, written, own }) if own.is_empty() => write!(
                f,
                "{}には単位{}が付いていますが、この指標には単位がありません。数値だけ（{}）を\
                 書いてください",
                q(&with_unit(value, written)),
                q(written.as_str()),
                value.normalize()
            ),
            (Lang::En, V::OtherUnit { value, written, own }) => write!(
                f,
                "{} is in {}, but this indicator's unit is {}: write the number alone ({}) or \
                 with its unit ({})",
                q(&with_unit(value, written)),
                q(written.as_str()),
                q(own.as_str()),
                value.normalize(),
                with_unit(value, own)
            ),
            (Lang::Ja, V::OtherUnit { value, written, own }) => write!(
                f,
                "{}は数値として読めません。単位{}が付いていますが、この指標の単位は{}です。\
                 数値だけ（{}）か、この指標の単位を付けて（{}）書いてください",
                q(&with_unit(value, written)),
                q(written.as_str()),
                q(own.as_str()),
                value.normalize(),
                with_unit(value, own)
            ),
            (Lang::En, V::UnitOutOfRange { value, written, own }) => write!(
                f,
                "{} in {} does not fit an exact decimal: write it in {}",
                q(&with_unit(value, written)),
                q(own.as_str()),
                q(own.as_str())
            ),
            (Lang::Ja, V::UnitOutOfRange { value, written, own }) => write!(
                f,
                "{}を単位{}に直すと、正確に扱える桁数を超えます。{}で書いてください",
                q(&with_unit(value, written)),
                q(own.as_str()),
                q(own.as_str())
            ),
        }
    }
}

impl fmt::Display for ValueRefusal {
    /// The English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.localize(Lang::En, f)
    }
}

impl std::error::Error for ValueRefusal {}

impl Localize for Refusal {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Refusal as R;
        let q = |s: &str| lang.quote(s).to_string();
        match (lang, self) {
            (_, R::Value(v)) => v.localize(lang, f),
            (Lang::En, R::Nul) => f.write_str("the row holds a NUL character (U+0000); remove it"),
            (Lang::Ja, R::Nul) => {
                f.write_str("行に NUL 文字（U+0000）があります。取り除いてください")
            }
            (Lang::En, R::AmbiguousName { name, plan }) => write!(
                f,
                "{} names more than one indicator of plan {}: use the id",
                q(name),
                q(plan)
            ),
            (Lang::Ja, R::AmbiguousName { name, plan }) => write!(
                f,
                "{}は計画{}の複数の指標の名前です。指標の id で指定してください",
                q(name),
                q(plan)
            ),
            (Lang::En, R::NoIndicator { plan, indicator }) => write!(
                f,
                "plan {} has no indicator {} (neither an id nor a name)",
                q(plan),
                q(indicator)
            ),
            (Lang::Ja, R::NoIndicator { plan, indicator }) => write!(
                f,
                "計画{}に指標{}はありません（id とも名前とも一致しません）",
                q(plan),
                q(indicator)
            ),
            (
                Lang::En,
                R::Repeated {
                    indicator,
                    period,
                    first,
                },
            ) => write!(
                f,
                "indicator {} {period} is also on line {first}: give each indicator and period \
                 once per file",
                q(indicator)
            ),
            (
                Lang::Ja,
                R::Repeated {
                    indicator,
                    period,
                    first,
                },
            ) => write!(
                f,
                "指標{}の {period} は{first}行目にもあります。1つのファイルには指標と年度の組を\
                 1回ずつ書いてください",
                q(indicator)
            ),
        }
    }
}

impl fmt::Display for Refusal {
    /// The English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.localize(Lang::En, f)
    }
}

impl std::error::Error for Refusal {}

/// Refuses a row any of whose texts (plan, indicator, a state, source, note, breakdown) holds
/// a NUL character.
pub fn check_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Result<(), Refusal> {
    // U+0000 is the byte 0 in UTF-8, and no other character holds that byte.
    if texts.into_iter().any(|t| t.as_bytes().contains(&0)) {
        Err(Refusal::Nul)
    } else {
        Ok(())
    }
}

/// Checks a value against the indicator's kind: one of its states for a milestone (`states`
/// empty: [`DEFAULT_MILESTONE_STATES`]), a number for every other kind.
pub fn check_value(
    kind: IndicatorKind,
    states: &[String],
    value: &ObservedValue,
) -> Result<(), ValueRefusal> {
    match (kind, value) {
        (IndicatorKind::Milestone, ObservedValue::State(s)) => {
            let t = s.trim();
            let known = if states.is_empty() {
                DEFAULT_MILESTONE_STATES.contains(&t)
            } else {
                states.iter().any(|k| k == t)
            };
            if known {
                return Ok(());
            }
            let states = if states.is_empty() {
                DEFAULT_MILESTONE_STATES.map(str::to_owned).to_vec()
            } else {
                states.to_vec()
            };
            Err(ValueRefusal::NotAState {
                state: s.clone(),
                states,
            })
        }
        (IndicatorKind::Milestone, ObservedValue::Number(d)) => {
            Err(ValueRefusal::NumberForMilestone(*d))
        }
        (_, ObservedValue::State(s)) => Err(ValueRefusal::TextForNumber {
            text: s.clone(),
            kind,
        }),
        (_, ObservedValue::Number(_)) => Ok(()),
    }
}

/// A value as the indicator whose unit is `own` holds it: a number written with a unit
/// (`22.5%`, `written` = `%`) is taken when the unit is the indicator's own or of its scale
/// family ([`Unit::value_from`], which plan values go through too), and refused naming both
/// units otherwise. A bare number (`written` empty) and a state pass unchanged.
pub fn in_own_unit(
    own: &str,
    value: ObservedValue,
    written: &Unit,
) -> Result<ObservedValue, ValueRefusal> {
    match value {
        ObservedValue::Number(d) if !written.is_empty() => {
            let own = Unit::new(own);
            match own.value_from(d, written) {
                Ok(v) => Ok(ObservedValue::Number(v)),
                Err(UnitMismatch::OutOfRange) => Err(ValueRefusal::UnitOutOfRange {
                    value: d,
                    written: written.clone(),
                    own,
                }),
                Err(_) => Err(ValueRefusal::OtherUnit {
                    value: d,
                    written: written.clone(),
                    own,
                }),
            }
        }
        other => Ok(other),
    }
}

/// One indicator as the index knows it.
#[derive(Debug, Clone)]
struct Entry<'a> {
    id: Cow<'a, str>,
    name: Cow<'a, str>,
    kind: IndicatorKind,
    states: Cow<'a, [String]>,
    unit: Cow<'a, str>,
}

/// The indicators of one plan, found by id or by name.
///
/// Borrowed from a [`crate::plan::Plan`] ([`IndicatorIndex::of_plan`]) or owned (built with
/// [`IndicatorIndex::push`] from rows of a database). The map of names is built on the first
/// lookup that is no id, so a file that names indicators by id never folds a name.
#[derive(Debug)]
pub struct IndicatorIndex<'a> {
    plan: Cow<'a, str>,
    entries: Vec<Entry<'a>>,
    by_id: HashMap<Cow<'a, str>, usize>,
    /// Folded name → position; `None` when two indicators share the name.
    by_name: OnceLock<HashMap<String, Option<usize>>>,
}

impl<'a> IndicatorIndex<'a> {
    /// An empty index for the plan with this code.
    pub fn new(plan: impl Into<Cow<'a, str>>) -> Self {
        IndicatorIndex {
            plan: plan.into(),
            entries: Vec::new(),
            by_id: HashMap::new(),
            by_name: OnceLock::new(),
        }
    }

    /// The indicators of `plan`, borrowed.
    pub fn of_plan(plan: &'a crate::plan::Plan) -> Self {
        let mut index = IndicatorIndex::new(plan.code.as_str());
        index.entries.reserve(plan.indicators.len());
        index.by_id.reserve(plan.indicators.len());
        for pi in &plan.indicators {
            let ind = &pi.indicator;
            index.push(
                ind.id.as_str(),
                ind.name.as_str(),
                ind.kind,
                ind.states.as_slice(),
                ind.unit.as_str(),
            );
        }
        index
    }

    /// Adds an indicator; an id given twice keeps its first indicator.
    pub fn push(
        &mut self,
        id: impl Into<Cow<'a, str>>,
        name: impl Into<Cow<'a, str>>,
        kind: IndicatorKind,
        states: impl Into<Cow<'a, [String]>>,
        unit: impl Into<Cow<'a, str>>,
    ) {
        let id = id.into();
        let at = self.entries.len();
        self.by_id.entry(id.clone()).or_insert(at);
        self.entries.push(Entry {
            id,
            name: name.into(),
            kind,
            states: states.into(),
            unit: unit.into(),
        });
        // A name map built before this indicator is stale.
        self.by_name = OnceLock::new();
    }

    /// The code of the plan.
    pub fn plan(&self) -> &str {
        &self.plan
    }

    /// How many indicators.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the plan has no indicator.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The id of the indicator at `at` (a position [`IndicatorIndex::find`] gave).
    pub fn unit(&self, at: usize) -> Option<&str> {
        self.entries.get(at).map(|e| e.unit.as_ref())
    }

    /// The id of the indicator at `at`.
    pub fn id(&self, at: usize) -> Option<&str> {
        self.entries.get(at).map(|e| e.id.as_ref())
    }

    /// The position (in the order the indicators were added) of the indicator that
    /// `indicator` names: its id, else its name.
    pub fn find(&self, indicator: &str) -> Result<usize, Refusal> {
        if let Some(&at) = self.by_id.get(indicator) {
            return Ok(at);
        }
        let names = self.by_name.get_or_init(|| {
            let mut names: HashMap<String, Option<usize>> =
                HashMap::with_capacity(self.entries.len());
            for (at, e) in self.entries.iter().enumerate() {
                names
                    .entry(fold_printed_name(&e.name))
                    .and_modify(|k| *k = None)
                    .or_insert(Some(at));
            }
            names
        });
        match names.get(&fold_printed_name(indicator)) {
            Some(Some(at)) => Ok(*at),
            Some(None) => Err(Refusal::AmbiguousName {
                name: indicator.to_owned(),
                plan: self.plan.to_string(),
            }),
            None => Err(Refusal::NoIndicator {
                plan: self.plan.to_string(),
                indicator: indicator.to_owned(),
            }),
        }
    }

    /// [`IndicatorIndex::find`], then [`check_value`] and [`in_own_unit`] against what it
    /// found: the indicator's position and the value as it holds it.
    pub fn check(
        &self,
        indicator: &str,
        value: ObservedValue,
        written: &Unit,
    ) -> Result<(usize, ObservedValue), Refusal> {
        let at = self.find(indicator)?;
        Ok((at, self.check_at(at, value, written)?))
    }

    /// [`check_value`] and [`in_own_unit`] against the indicator at `at` (a position
    /// [`IndicatorIndex::find`] gave): what [`IndicatorIndex::check`] does once the
    /// indicator is found, for a caller that knows it already (rows of one indicator come
    /// together in a file, and its name need not be looked up for each).
    pub fn check_at(
        &self,
        at: usize,
        value: ObservedValue,
        written: &Unit,
    ) -> Result<ObservedValue, Refusal> {
        let Some(e) = self.entries.get(at) else {
            return Ok(value);
        };
        check_for(e.kind, &e.states, &e.unit, value, written)
    }
}

/// [`check_value`] and [`in_own_unit`] for an indicator of this kind, states and unit: what
/// [`IndicatorIndex::check_at`] does, for a caller that holds the indicator itself.
pub fn check_for(
    kind: IndicatorKind,
    states: &[String],
    unit: &str,
    value: ObservedValue,
    written: &Unit,
) -> Result<ObservedValue, Refusal> {
    check_value(kind, states, &value)?;
    Ok(in_own_unit(unit, value, written)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> IndicatorIndex<'static> {
        let mut ix = IndicatorIndex::new("p");
        let none = Vec::<String>::new;
        ix.push(
            "i1",
            "企業誘致件数",
            IndicatorKind::PeriodTotal,
            none(),
            "件",
        );
        ix.push(
            "i2",
            "中小企業の IoT 導入率",
            IndicatorKind::Level,
            none(),
            "%",
        );
        ix.push("i3", "計画策定", IndicatorKind::Milestone, none(), "");
        ix.push(
            "i4",
            "手続",
            IndicatorKind::Milestone,
            vec!["着手".to_owned(), "完了".to_owned()],
            "",
        );
        ix.push("i5", "同名", IndicatorKind::Level, none(), "人");
        ix.push("i6", "同名", IndicatorKind::Annual, none(), "人");
        ix.push("i7", "事業費", IndicatorKind::Level, none(), "億円");
        ix
    }

    fn n(v: i64) -> ObservedValue {
        ObservedValue::Number(Decimal::from(v))
    }

    fn s(v: &str) -> ObservedValue {
        ObservedValue::State(v.to_owned())
    }

    fn bare() -> Unit {
        Unit::new("")
    }

    #[test]
    fn an_indicator_is_found_by_id_then_by_folded_name() {
        let ix = index();
        assert_eq!(ix.find("i2"), Ok(1));
        assert_eq!(ix.find("中小企業のＩｏＴ導入率"), Ok(1));
        assert_eq!(ix.find(" 企業誘致件数 "), Ok(0));
        assert_eq!(ix.id(1), Some("i2"));
        // The id wins over a name, even a shared one.
        assert_eq!(ix.find("i5"), Ok(4));
    }

    #[test]
    fn a_name_copied_with_its_note_mark_finds_the_indicator() {
        // A name copied from the printed plan carries the footnote mark the extractor drops.
        let ix = index();
        assert_eq!(ix.find("企業誘致件数※1"), Ok(0));
        assert_eq!(ix.find("中小企業のIoT導入率*"), Ok(1));
    }

    #[test]
    fn a_shared_name_or_no_match_is_refused_in_the_indicator_column() {
        let ix = index();
        let e = ix.find("同名").unwrap_err();
        assert_eq!(e.field(), Some("indicator"));
        assert_eq!(
            e.to_string(),
            "\"同名\" names more than one indicator of plan \"p\": use the id"
        );
        assert_eq!(
            e.message(Lang::Ja),
            "「同名」は計画「p」の複数の指標の名前です。指標の id で指定してください"
        );
        let e = ix.find("i9").unwrap_err();
        assert_eq!(
            e.to_string(),
            "plan \"p\" has no indicator \"i9\" (neither an id nor a name)"
        );
    }

    #[test]
    fn values_must_fit_the_kind_and_the_unit() {
        let ix = index();
        assert_eq!(ix.check("i1", n(3), &bare()), Ok((0, n(3))));
        let e = ix.check("i1", s("未定"), &bare()).unwrap_err();
        assert_eq!(e.field(), Some("value"));
        assert_eq!(
            e.to_string(),
            "\"未定\" is not a number (a period_total indicator takes numbers)"
        );
        assert_eq!(
            ix.check("i3", s(" 実施中 "), &bare()),
            Ok((2, s(" 実施中 ")))
        );
        let e = ix.check("i3", s("完了"), &bare()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "\"完了\" is not a state of this milestone; expected one of 未着手, 検討中, 実施中, 実現"
        );
        assert!(ix.check("i4", s("完了"), &bare()).is_ok());
        let e = ix.check("i4", n(1), &bare()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "1 is a number, but this indicator is a milestone: give its state"
        );
        // A number in the indicator's own unit, or one of its scale family, is its number.
        assert_eq!(ix.check("i2", n(22), &Unit::new("%")), Ok((1, n(22))));
        assert_eq!(ix.check("i7", n(10000), &Unit::new("万円")), Ok((6, n(1))));
        let e = ix.check("i2", n(22), &Unit::new("kg")).unwrap_err();
        assert!(
            matches!(e, Refusal::Value(ValueRefusal::OtherUnit { .. })),
            "{e}"
        );
    }

    #[test]
    fn checking_at_a_found_position_is_checking_by_name() {
        let ix = index();
        let unit = Unit::new("%");
        for (named, value) in [
            ("i1", n(3)),
            ("i1", s("未定")),
            ("手続", s("完了")),
            ("i4", n(1)),
            ("中小企業の IoT 導入率", n(22)),
            ("i7", n(5)),
        ] {
            let Ok(at) = ix.find(named) else {
                panic!("{named} is an indicator of the index")
            };
            for written in [bare(), unit.clone()] {
                assert_eq!(
                    ix.check_at(at, value.clone(), &written).map(|v| (at, v)),
                    ix.check(named, value.clone(), &written),
                    "{named}"
                );
            }
        }
    }

    #[test]
    fn a_nul_anywhere_refuses_the_row() {
        assert_eq!(check_texts(["a", "b"]), Ok(()));
        let e = check_texts(["a", "b\0"]).unwrap_err();
        assert_eq!(e.field(), None);
        assert_eq!(
            e.to_string(),
            "the row holds a NUL character (U+0000); remove it"
        );
    }

    #[test]
    fn a_repeated_row_names_the_first_line() {
        let e = Refusal::Repeated {
            indicator: "i1".into(),
            period: "FY2024".into(),
            first: 3,
        };
        assert_eq!(e.field(), None);
        assert_eq!(
            e.to_string(),
            "indicator \"i1\" FY2024 is also on line 3: give each indicator and period once per file"
        );
    }

    #[test]
    fn indicators_borrowed_from_a_plan_are_found() {
        use crate::indicator::Indicator;
        use crate::plan::{Plan, PlanCode, PlanIndicator};
        let Some(code) = PlanCode::new("p") else {
            panic!("a valid code")
        };
        let mut plan = Plan::new(code, "t");
        plan.indicators.push(PlanIndicator {
            indicator: Indicator {
                id: "i1".into(),
                name: "件数".into(),
                kind: IndicatorKind::Level,
                unit: "件".into(),
                ..Indicator::default()
            },
            ..PlanIndicator::default()
        });
        let ix = IndicatorIndex::of_plan(&plan);
        assert_eq!(ix.plan(), "p");
        assert_eq!(ix.len(), 1);
        assert_eq!(ix.check("件数", n(1), &Unit::new("件")), Ok((0, n(1))));
    }
}

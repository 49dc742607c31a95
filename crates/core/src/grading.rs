//! Grading schemes: from the computed metrics to a status grade (評価区分).
//!
//! A scheme is an ordered list of rules; the first rule whose condition holds gives the grade.
//! Two schemes are built in (DESIGN.md → Metrics): `pace`, the default, which grades progress
//! against the expected pace in any year, and `final`, which grades the achievement once the
//! target year has come. A plan may define its own list with the same conditions, so that a
//! city with five grades (S, A, B, C, D) or other thresholds needs no code.
//!
//! Before any rule is tried, an indicator with no value is `—` (`no_data`), and so is one with
//! nothing yet due that has not already met its target (`not_due`).
//!
//! A threshold is compared with the metric's exact fraction ([`Ratio`], DESIGN.md → Metrics),
//! never with the rounded decimal that is shown: a pace of exactly 0.5 is C, and one of
//! 0.4999…97 is D even where its 28 decimals print as 0.5.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::ratio::Ratio;

/// A comparison in a rule: `>=`, `>`, `<=`, `<`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    /// `>=`
    Ge,
    /// `>`
    Gt,
    /// `<=`
    Le,
    /// `<`
    Lt,
}

impl Cmp {
    fn holds(self, a: Ratio, b: Ratio) -> bool {
        match self {
            Cmp::Ge => a >= b,
            Cmp::Gt => a > b,
            Cmp::Le => a <= b,
            Cmp::Lt => a < b,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Cmp::Ge => ">=",
            Cmp::Gt => ">",
            Cmp::Le => "<=",
            Cmp::Lt => "<",
        }
    }
}

/// The metric a threshold rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// 達成率.
    Achievement,
    /// 進捗率.
    Progress,
    /// progress / expected.
    Pace,
}

impl Metric {
    fn as_str(self) -> &'static str {
        match self {
            Metric::Achievement => "achievement",
            Metric::Progress => "progress",
            Metric::Pace => "pace",
        }
    }
}

/// When a rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// The target is met.
    Met,
    /// The value is worse than the baseline (level, cumulative, annual, milestone).
    WorseThanBaseline,
    /// A metric compared with a threshold, exactly; false when the metric could not be
    /// computed.
    Threshold(Metric, Cmp, Decimal),
    /// Always: the last rule of a scheme.
    Always,
}

/// A rule text that is not a condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionError {
    /// The text.
    pub input: String,
}

impl fmt::Display for ConditionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not a grading rule: {:?}; expected \"met\", \"worse_than_baseline\", \"always\" or \
             a metric (achievement, progress, pace) compared with a number, e.g. \"pace >= 0.95\"",
            self.input
        )
    }
}

impl std::error::Error for ConditionError {}

impl FromStr for Condition {
    type Err = ConditionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ConditionError {
            input: s.chars().take(60).collect(),
        };
        let t = s.trim();
        match t {
            "met" => return Ok(Condition::Met),
            "worse_than_baseline" => return Ok(Condition::WorseThanBaseline),
            "always" => return Ok(Condition::Always),
            _ => {}
        }
        let mut words = t.split_whitespace();
        let (Some(m), Some(c), Some(v), None) =
            (words.next(), words.next(), words.next(), words.next())
        else {
            return Err(err());
        };
        let metric = match m {
            "achievement" => Metric::Achievement,
            "progress" => Metric::Progress,
            "pace" => Metric::Pace,
            _ => return Err(err()),
        };
        let cmp = match c {
            ">=" => Cmp::Ge,
            ">" => Cmp::Gt,
            "<=" => Cmp::Le,
            "<" => Cmp::Lt,
            _ => return Err(err()),
        };
        let value = Decimal::from_str_exact(v).map_err(|_| err())?;
        Ok(Condition::Threshold(metric, cmp, value))
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Condition::Met => f.write_str("met"),
            Condition::WorseThanBaseline => f.write_str("worse_than_baseline"),
            Condition::Always => f.write_str("always"),
            Condition::Threshold(m, c, v) => {
                write!(f, "{} {} {}", m.as_str(), c.as_str(), v.normalize())
            }
        }
    }
}

/// One rule of a scheme: the grade it gives and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeRule {
    /// The grade as printed (`A`).
    pub label: String,
    /// Its meaning (`達成`).
    pub name: String,
    /// When it applies.
    pub condition: Condition,
}

/// When a scheme grades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Timing {
    /// In every year, against the expected pace.
    #[default]
    EveryYear,
    /// Only once the target year has come; earlier years are `not_due`.
    AfterTarget,
}

/// An ordered list of rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradingScheme {
    /// `pace`, `final`, or the plan's own name.
    pub name: String,
    /// When it grades.
    pub timing: Timing,
    /// The rules, tried in order.
    pub rules: Vec<GradeRule>,
}

/// A grade given by a scheme: the index of the rule that gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Grade(pub u8);

/// What a scheme needs to know of an evaluation: the ratios as exact fractions, so that no
/// rounding decides a grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GradeInput {
    /// The target is met.
    pub met: bool,
    /// The value is worse than the baseline.
    pub worse_than_baseline: bool,
    /// 達成率.
    pub achievement: Option<Ratio>,
    /// 進捗率.
    pub progress: Option<Ratio>,
    /// progress / expected.
    pub pace: Option<Ratio>,
}

fn rule(label: &str, name: &str, condition: Condition) -> GradeRule {
    GradeRule {
        label: label.into(),
        name: name.into(),
        condition,
    }
}

impl GradingScheme {
    /// The default scheme: A 達成 met · B 順調 pace ≥ 0.95 · C やや遅れ 0.5 ≤ pace < 0.95 ·
    /// D 遅れ pace < 0.5 or worse than baseline.
    pub fn pace() -> Self {
        GradingScheme {
            name: "pace".into(),
            timing: Timing::EveryYear,
            rules: vec![
                rule("A", "達成", Condition::Met),
                rule("D", "遅れ", Condition::WorseThanBaseline),
                rule(
                    "B",
                    "順調",
                    Condition::Threshold(Metric::Pace, Cmp::Ge, Decimal::new(95, 2)),
                ),
                rule(
                    "C",
                    "やや遅れ",
                    Condition::Threshold(Metric::Pace, Cmp::Ge, Decimal::new(5, 1)),
                ),
                rule("D", "遅れ", Condition::Always),
            ],
        }
    }

    /// The final-achievement scheme: after the target year, A ≥ 100 %, B ≥ 80 %, C ≥ 50 %,
    /// D below.
    pub fn final_achievement() -> Self {
        GradingScheme {
            name: "final".into(),
            timing: Timing::AfterTarget,
            rules: vec![
                rule("A", "達成", Condition::Met),
                rule(
                    "B",
                    "概ね達成",
                    Condition::Threshold(Metric::Achievement, Cmp::Ge, Decimal::new(8, 1)),
                ),
                rule(
                    "C",
                    "一定の成果",
                    Condition::Threshold(Metric::Achievement, Cmp::Ge, Decimal::new(5, 1)),
                ),
                rule("D", "未達成", Condition::Always),
            ],
        }
    }

    /// A built-in scheme by name (`pace`, `final`).
    pub fn builtin(name: &str) -> Option<Self> {
        match name {
            "pace" => Some(Self::pace()),
            "final" => Some(Self::final_achievement()),
            _ => None,
        }
    }

    /// True for the two built-in schemes, unchanged.
    pub fn is_builtin(&self) -> bool {
        Self::builtin(&self.name).as_ref() == Some(self)
    }

    /// The first rule that holds; `None` if none does (a scheme without `always` at its end).
    pub fn grade(&self, input: &GradeInput) -> Option<Grade> {
        let pos = self.rules.iter().position(|r| match r.condition {
            Condition::Met => input.met,
            Condition::WorseThanBaseline => input.worse_than_baseline,
            Condition::Always => true,
            Condition::Threshold(m, c, v) => {
                let x = match m {
                    Metric::Achievement => input.achievement,
                    Metric::Progress => input.progress,
                    Metric::Pace => input.pace,
                };
                x.is_some_and(|x| c.holds(x, Ratio::from(v)))
            }
        })?;
        u8::try_from(pos).ok().map(Grade)
    }

    /// The label of a grade (`A`), or `—` for none.
    pub fn label(&self, grade: Option<Grade>) -> &str {
        grade
            .and_then(|g| self.rules.get(usize::from(g.0)))
            .map_or("—", |r| r.label.as_str())
    }

    /// The meaning of a grade (`達成`), or `未把握` for none.
    pub fn name_of(&self, grade: Option<Grade>) -> &str {
        grade
            .and_then(|g| self.rules.get(usize::from(g.0)))
            .map_or("未把握", |r| r.name.as_str())
    }

    /// The distinct labels, each where it last appears (`A B C D` for the built-in schemes,
    /// whose early `D` for "worse than baseline" is an exception to the thresholds after it).
    pub fn labels(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for (i, r) in self.rules.iter().enumerate() {
            if !self.rules[i + 1..]
                .iter()
                .any(|later| later.label == r.label)
            {
                out.push(&r.label);
            }
        }
        out
    }

    /// The score of a set of graded indicators (a node's, the plan's), from their counts by
    /// label as `Plan::grade_counts` gives them: each grade worth its place in [`labels`]
    /// (the best 100, the worst 0, evenly between), averaged over the indicators that have a
    /// grade, to one decimal. `—` counts for nothing; `None` when no indicator has a grade.
    ///
    /// [`labels`]: GradingScheme::labels
    pub fn score(&self, counts: &[(String, usize)]) -> Option<crate::Decimal> {
        self.weighted_score(
            counts
                .iter()
                .map(|(label, n)| (label.as_str(), crate::Decimal::from(*n))),
        )
    }

    /// [`GradingScheme::score`] of indicators that weigh differently (`Plan::indicator_weights`):
    /// each `(label, weight)` is one indicator, or several of one label with their weights
    /// summed. The grades' worth averaged by weight, Σ w × worth / Σ w; `None` when nothing
    /// graded weighs anything (or the sums leave the range of a decimal).
    pub fn weighted_score<'a>(
        &self,
        graded: impl IntoIterator<Item = (&'a str, crate::Decimal)>,
    ) -> Option<crate::Decimal> {
        use crate::Decimal;
        let labels = self.labels();
        let steps = labels.len().saturating_sub(1).max(1);
        // Exactly: Σ w × (steps − place) × 100 over Σ w × steps, divided once, rounded once
        // (half away from zero, as 四捨五入), so equal shares always give equal scores.
        let mut points = Decimal::ZERO;
        let mut weight = Decimal::ZERO;
        for (label, w) in graded {
            let Some(at) = labels.iter().position(|l| *l == label) else {
                continue;
            };
            if w.is_sign_negative() || w.is_zero() {
                continue;
            }
            let worth = if labels.len() == 1 { steps } else { steps - at };
            points = points.checked_add(w.checked_mul(Decimal::from(worth * 100))?)?;
            weight = weight.checked_add(w)?;
        }
        if weight.is_zero() {
            return None;
        }
        let den = weight.checked_mul(Decimal::from(steps))?;
        let mut s = points
            .checked_div(den)?
            .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        s.rescale(1);
        Some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_averages_the_grades_places_and_ignores_the_ungraded() {
        let scheme = GradingScheme::pace();
        let c = |v: &[(&str, usize)]| {
            v.iter()
                .map(|(l, n)| ((*l).to_owned(), *n))
                .collect::<Vec<_>>()
        };
        assert_eq!(scheme.labels(), ["A", "B", "C", "D"]);
        assert_eq!(
            scheme.score(&c(&[("A", 1)])),
            Some(crate::Decimal::new(1000, 1))
        );
        assert_eq!(
            scheme.score(&c(&[("D", 3), ("—", 5)])),
            Some(crate::Decimal::new(0, 1))
        );
        // A and C: (100 + 33.3…) / 2 = 66.7
        assert_eq!(
            scheme.score(&c(&[("A", 1), ("B", 0), ("C", 1), ("D", 0), ("—", 2)])),
            Some(crate::Decimal::new(667, 1))
        );
        assert_eq!(scheme.score(&c(&[("—", 4)])), None);
        // 41.25 exactly rounds half up, however many indicators make the share.
        assert_eq!(
            scheme.score(&c(&[("B", 49), ("C", 1), ("D", 30)])),
            Some(crate::Decimal::new(413, 1))
        );
        assert_eq!(
            scheme.score(&c(&[("B", 98), ("C", 2), ("D", 60)])),
            Some(crate::Decimal::new(413, 1))
        );
        assert_eq!(scheme.score(&[]), None);
    }

    fn pace(p: &str) -> GradeInput {
        GradeInput {
            pace: Some(Ratio::from(Decimal::from_str_exact(p).unwrap())),
            ..GradeInput::default()
        }
    }

    fn check(scheme: &GradingScheme, input: GradeInput, expected: &str) {
        assert_eq!(scheme.label(scheme.grade(&input)), expected, "{input:?}");
    }

    #[test]
    fn pace_scheme_thresholds() {
        let s = GradingScheme::pace();
        check(
            &s,
            GradeInput {
                met: true,
                ..pace("0.1")
            },
            "A",
        );
        check(&s, pace("0.95"), "B");
        check(&s, pace("1.04"), "B");
        check(&s, pace("0.9499"), "C");
        check(&s, pace("0.5"), "C");
        check(&s, pace("0.4999"), "D");
        check(
            &s,
            GradeInput {
                worse_than_baseline: true,
                ..pace("2")
            },
            "D",
        );
        check(&s, GradeInput::default(), "D");
    }

    #[test]
    fn thresholds_compare_the_exact_fraction() {
        let s = GradingScheme::pace();
        let exact = |n: &str, d: &str| GradeInput {
            pace: Ratio::of(
                Decimal::from_str_exact(n).unwrap(),
                Decimal::from_str_exact(d).unwrap(),
            )
            .ok(),
            ..GradeInput::default()
        };
        check(&s, exact("1", "2"), "C");
        check(&s, exact("5.7", "6"), "B");
        // A third of 10^-28 below each threshold: rounded to 28 decimals, the threshold itself.
        check(&s, exact("1.4999999999999999999999999999", "3"), "D");
        check(&s, exact("2.8499999999999999999999999999", "3"), "C");
    }

    #[test]
    fn final_scheme_grades_achievement() {
        let s = GradingScheme::final_achievement();
        let a = |x: &str| GradeInput {
            achievement: Some(Ratio::from(Decimal::from_str_exact(x).unwrap())),
            ..GradeInput::default()
        };
        check(
            &s,
            GradeInput {
                met: true,
                ..a("1")
            },
            "A",
        );
        check(&s, a("0.8"), "B");
        check(&s, a("0.79"), "C");
        check(&s, a("0.5"), "C");
        check(&s, a("0.49"), "D");
    }

    #[test]
    fn conditions_parse_and_print() {
        for text in [
            "met",
            "worse_than_baseline",
            "always",
            "pace >= 0.95",
            "achievement < 1.2",
        ] {
            let c: Condition = text.parse().unwrap();
            assert_eq!(c.to_string(), text);
        }
        assert!("pace => 1".parse::<Condition>().is_err());
        assert!("speed >= 1".parse::<Condition>().is_err());
        assert!("pace >= x".parse::<Condition>().is_err());
        assert!("".parse::<Condition>().is_err());
    }

    #[test]
    fn builtin_schemes_are_recognised() {
        assert!(GradingScheme::pace().is_builtin());
        let mut custom = GradingScheme::pace();
        custom.rules.pop();
        assert!(!custom.is_builtin());
        assert_eq!(GradingScheme::pace().labels(), ["A", "B", "C", "D"]);
    }
}

//! Why a grade is what it is: an [`Evaluation`]'s metrics, each with its formula and the
//! numbers filled in, the grading rule that applied and the reasons, as the indicator page
//! shows them (`進捗率 = (A − B) / (T − B) = (10.7 − 10.5) / (13.3 − 10.5) = 7.1%`).
//!
//! Core computes; this module only tells how. Every result it shows is the evaluation's own
//! field, never a second computation: the grade is `Evaluation::grade`, the pace
//! `Evaluation::pace`. What it fills into a formula is what core reads — the indicator's
//! values as written, A as the evaluation took it, and the years of core's [`YearLine`] —
//! per kind, as DESIGN.md → Indicators defines them (crates/core/src/evaluate.rs). Where an
//! intermediate worked out here for the reader (the two products of the pace's one fraction,
//! the mean flow of a window's forecast) would not give back the field exactly, it is left
//! out rather than shown wrong; the unit tests check that each shown is the field's.
//!
//! A rounded number beside a threshold misleads (a pace of 0.4999… printed as 0.500 but
//! graded D), so a ratio whose rounding lands on one of the scheme's thresholds is shown with
//! all its digits, and a rounded value is marked `≈`.

use rust_decimal::Decimal;
use shinchoku_core::evaluate::{Evaluation, Reason, YearLine};
use shinchoku_core::grading::{Cmp, Condition, GradingScheme, Metric};
use shinchoku_core::indicator::{Direction, IndicatorKind, ObservedValue};
use shinchoku_core::plan::{Plan, PlanIndicator};
use shinchoku_core::ratio::Ratio;
use shinchoku_core::Lang;

use crate::view::{self, Badge};

/// One line of the workings: a value, and how it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// What it is (`進捗率`).
    pub name: &'static str,
    /// Its symbol in the formulas (`A`, `t_B`), or empty.
    pub symbol: &'static str,
    /// The value as shown (`7.1%`, `—`).
    pub value: String,
    /// The formula with the numbers filled in, ending in the value.
    pub formula: Option<String>,
    /// What else a reader needs (why a formula is not the usual one).
    pub note: Option<String>,
}

/// A rule of the grading scheme, as the page lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleView {
    /// Its grade, letter and word.
    pub badge: Badge,
    /// When it applies, in words.
    pub condition: String,
    /// This rule gave the grade.
    pub applied: bool,
}

/// The grade and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeWorking {
    /// The grade (`—` for none).
    pub badge: Badge,
    /// Why, in one sentence: `ペース 0.5 → C やや遅れ（0.5 ≤ ペース < 0.95）`.
    pub because: String,
    /// Every rule of the plan's scheme, in the order they are tried.
    pub rules: Vec<RuleView>,
    /// The scheme grades this indicator at all (a monitor, or one without a target, it
    /// never does: its rules are not worth listing).
    pub graded: bool,
}

/// A milestone's state among its states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateView {
    /// 1 for the first state.
    pub rank: usize,
    /// The state (`実施中`).
    pub name: String,
    /// What stands at this state: now, the baseline, the target.
    pub marks: Vec<&'static str>,
}

/// A reason from the evaluation, with its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReasonView {
    /// `no_data`.
    pub code: &'static str,
    /// `実績なし`, `no data`.
    pub label: &'static str,
}

/// Everything the page shows of one evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workings {
    /// The values and years compared: t, A, T, B, t_B, t_T.
    pub inputs: Vec<Line>,
    /// Met, against the baseline, achievement, progress, expected, pace, forecast, required
    /// pace: each with its formula.
    pub metrics: Vec<Line>,
    /// The grade with the rule that gave it.
    pub grade: GradeWorking,
    /// A milestone's states (empty for the other kinds).
    pub states: Vec<StateView>,
    /// The evaluation's reasons.
    pub reasons: Vec<ReasonView>,
}

/// The workings of `e`, the evaluation of `pi` (an indicator of `plan`) in fiscal year `fy`,
/// for a reader of `lang`. The forecast is explained as the page computes it: linear.
pub fn workings(plan: &Plan, pi: &PlanIndicator, e: &Evaluation, fy: i32, lang: Lang) -> Workings {
    let w = words(lang);
    let ctx = Ctx::new(plan, pi, e, fy, lang);
    let mut inputs = Vec::new();
    let mut metrics = Vec::new();
    ctx.inputs(w, &mut inputs);
    ctx.checks(w, &mut metrics);
    ctx.ratios(w, &mut metrics);
    ctx.outlook(w, &mut metrics);
    Workings {
        inputs,
        metrics,
        grade: ctx.grade(w),
        states: ctx.states(w),
        reasons: e
            .reasons
            .iter()
            .map(|r| ReasonView {
                code: r.as_str(),
                label: reason_label(r, lang),
            })
            .collect(),
    }
}

/// A value with its unit as a page prints it: `10.7%`, `12件`, in English `12 件`.
pub fn quantity(v: Decimal, unit: &str, lang: Lang) -> String {
    let n = view::number(v);
    match lang {
        Lang::En if !unit.is_empty() && unit != "%" => format!("{n} {unit}"),
        _ => format!("{n}{unit}"),
    }
}

/// A reason in the reader's language.
pub fn reason_label(r: Reason, lang: Lang) -> &'static str {
    if lang == Lang::Ja {
        return r.label_ja();
    }
    match r {
        Reason::NoData => "no data",
        Reason::NoBaseline => "no baseline",
        Reason::NoTarget => "no target",
        Reason::NoPeriod => "no period",
        Reason::WindowNotStarted => "window not started",
        Reason::WindowIncomplete => "some years missing",
        Reason::NotDue => "nothing due yet",
        Reason::TargetEqualsBaseline => "target equals baseline",
        Reason::Maintenance => "a level to hold",
        Reason::TextTarget => "target in words",
        Reason::TooFewPoints => "too few points to forecast",
        Reason::TargetMet => "target met",
        Reason::TargetPeriodPassed => "target period passed",
        Reason::DivisionByZero => "division by zero",
        Reason::Overflow => "number too large",
        Reason::UnknownState => "unknown state",
        Reason::NotNumeric => "not numeric",
        Reason::NonPositiveValues => "values not positive",
        _ => r.as_str(),
    }
}

// ---------------------------------------------------------------------------------------------
// What the formulas read
// ---------------------------------------------------------------------------------------------

/// The evaluation and what core read to make it, on one numeric scale (a milestone's states
/// by rank, as core compares them).
struct Ctx<'a> {
    plan: &'a Plan,
    pi: &'a PlanIndicator,
    e: &'a Evaluation,
    lang: Lang,
    /// t.
    t: i32,
    kind: IndicatorKind,
    dir: Direction,
    line: YearLine,
    /// A, B and T as core compares them: numbers, or a milestone's ranks.
    a: Option<Decimal>,
    b: Option<Decimal>,
    tv: Option<Decimal>,
    /// A target in words, graded by the direction of change.
    text_target: bool,
    /// The target lies on the near side of the baseline: a level to hold.
    maintenance: bool,
}

impl<'a> Ctx<'a> {
    fn new(plan: &'a Plan, pi: &'a PlanIndicator, e: &'a Evaluation, t: i32, lang: Lang) -> Self {
        let ind = &pi.indicator;
        let kind = ind.kind;
        let line = YearLine::of(ind, plan.period, plan.fiscal_start);
        // As core's `evaluate` reads them (crates/core/src/evaluate.rs).
        let (a, b, tv) = if kind == IndicatorKind::Milestone {
            let last = ind.milestone_states().count().saturating_sub(1);
            let tr = ind
                .target
                .as_ref()
                .and_then(|t| t.text.as_deref())
                .and_then(|s| ind.state_rank(s))
                .unwrap_or(last);
            let br = ind
                .baseline
                .as_ref()
                .and_then(|b| b.state.as_deref())
                .and_then(|s| ind.state_rank(s))
                .unwrap_or(0);
            (e.state.map(rank), Some(rank(br)), Some(rank(tr)))
        } else {
            (
                e.value,
                ind.baseline.as_ref().and_then(|b| b.value),
                e.target,
            )
        };
        let text_target = kind != IndicatorKind::Milestone
            && kind != IndicatorKind::Monitor
            && e.target.is_none()
            && ind.target.as_ref().is_some_and(|t| t.text.is_some());
        Ctx {
            plan,
            pi,
            e,
            lang,
            t,
            kind,
            dir: ind.direction,
            line,
            a,
            b,
            tv,
            text_target,
            maintenance: e.reasons.contains(Reason::Maintenance),
        }
    }

    fn unit(&self) -> &str {
        &self.pi.indicator.unit
    }

    fn is_milestone(&self) -> bool {
        self.kind == IndicatorKind::Milestone
    }

    /// A number with its unit, or a milestone's rank as a number.
    fn q(&self, v: Decimal) -> String {
        if self.is_milestone() {
            view::number(v)
        } else {
            quantity(v, self.unit(), self.lang)
        }
    }

    fn year(&self, y: i32) -> String {
        year_words(y, self.lang)
    }

    /// The years a window's sum covers by t: from its first year to t or its end.
    fn window_so_far(&self) -> Option<(i32, i32)> {
        match (self.kind, self.line.target_span) {
            (IndicatorKind::PeriodTotal, Some((ws, we))) if self.t >= ws => {
                Some((ws, self.t.min(we)))
            }
            _ => None,
        }
    }

    // -----------------------------------------------------------------------------------------
    // Inputs: t, A, T, B, t_B, t_T
    // -----------------------------------------------------------------------------------------

    fn inputs(&self, w: &Words, out: &mut Vec<Line>) {
        let ind = &self.pi.indicator;
        out.push(Line {
            name: w.fy,
            symbol: "t",
            value: self.year(self.t),
            formula: None,
            note: None,
        });

        // A.
        let (value, note) = if self.is_milestone() {
            match self.e.state.and_then(|r| ind.milestone_states().nth(r)) {
                Some(s) => (
                    fill(
                        w.state_of,
                        &[
                            s,
                            &states_count(self),
                            &(rank_of(self.e.state) + 1).to_string(),
                        ],
                    ),
                    self.observed_year(|o| matches!(o.value, ObservedValue::State(_)))
                        .map(|y| fill(w.observed_in, &[&view::fy(self.lang, y)])),
                ),
                None => ("—".into(), None),
            }
        } else {
            match self.e.value {
                Some(v) => {
                    let note = match self.window_so_far() {
                        Some((from, to)) => {
                            let mut n = fill(
                                w.sum_of,
                                &[&view::fy(self.lang, from), &view::fy(self.lang, to)],
                            );
                            if self.e.reasons.contains(Reason::WindowIncomplete) {
                                n.push_str(w.some_missing);
                            }
                            Some(n)
                        }
                        None => self
                            .observed_year(|o| matches!(o.value, ObservedValue::Number(_)))
                            .map(|y| {
                                if y == self.t || self.kind == IndicatorKind::Annual {
                                    fill(w.observed_in, &[&view::fy(self.lang, y)])
                                } else {
                                    fill(
                                        w.latest_up_to,
                                        &[&view::fy(self.lang, y), &view::fy(self.lang, self.t)],
                                    )
                                }
                            }),
                    };
                    (quantity(v, self.unit(), self.lang), note)
                }
                None => ("—".into(), None),
            }
        };
        out.push(Line {
            name: w.value,
            symbol: "A",
            value,
            formula: None,
            note,
        });

        // T.
        let target = ind.target.as_ref();
        let comparator = match self.lang {
            Lang::Ja => ind.comparator.suffix_ja(),
            Lang::En => match ind.comparator {
                shinchoku_core::indicator::Comparator::AtLeast => " or more",
                shinchoku_core::indicator::Comparator::AtMost => " or less",
                _ => "",
            },
        };
        let t_value = if self.is_milestone() {
            ind.milestone_states()
                .nth(rank_of(self.tv.and_then(to_usize)))
                .map(str::to_owned)
        } else {
            match (self.e.target, target.and_then(|t| t.text.as_deref())) {
                (Some(v), _) => Some(format!("{}{comparator}", self.q(v))),
                (None, Some(text)) => Some(text.to_owned()),
                (None, None) => None,
            }
        };
        if let Some(v) = t_value {
            out.push(Line {
                name: w.target,
                symbol: "T",
                value: v,
                formula: None,
                note: target
                    .and_then(|t| t.period)
                    .map(|p| view::period(self.lang, p)),
            });
        }
        if let Some(y) = self.e.yearly_target {
            out.push(Line {
                name: w.yearly_target,
                symbol: "",
                value: self.q(y),
                formula: None,
                note: Some(view::fy(self.lang, self.t)),
            });
        }

        // B.
        if let Some(b) = ind.baseline.as_ref() {
            let value = match (b.value, &b.state) {
                (Some(v), _) if !self.is_milestone() => Some(quantity(v, self.unit(), self.lang)),
                (_, Some(s)) if self.is_milestone() => Some(s.clone()),
                _ => None,
            };
            if let Some(value) = value {
                let mut note = b.period.map(|p| view::period(self.lang, p));
                if b.stat == shinchoku_core::indicator::BaselineStat::Mean {
                    note = Some(match note {
                        Some(n) => format!("{n} {}", w.mean),
                        None => w.mean.to_owned(),
                    });
                }
                out.push(Line {
                    name: w.baseline,
                    symbol: "B",
                    value,
                    formula: None,
                    note,
                });
            }
        }

        // The years.
        if self.kind == IndicatorKind::PeriodTotal {
            if let Some((ws, we)) = self.line.target_span {
                out.push(Line {
                    name: w.window,
                    symbol: "",
                    value: view::period(
                        self.lang,
                        shinchoku_core::period::Period::FiscalYears { start: ws, end: we },
                    ),
                    formula: None,
                    note: Some(fill(
                        w.years_n,
                        &[&(i64::from(we) - i64::from(ws) + 1).to_string()],
                    )),
                });
            }
        } else if self.kind != IndicatorKind::Monitor {
            if let Some(by) = self.line.base_year {
                let stated = ind.baseline.as_ref().and_then(|b| b.period).is_some();
                out.push(Line {
                    name: w.base_year,
                    symbol: "t_B",
                    value: self.year(by),
                    formula: None,
                    note: (!stated).then(|| w.base_year_default.to_owned()),
                });
            }
            if let Some((_, ty)) = self.line.target_span {
                let stated = target.and_then(|t| t.period).is_some();
                out.push(Line {
                    name: w.target_year,
                    symbol: "t_T",
                    value: self.year(ty),
                    formula: None,
                    note: (!stated).then(|| w.target_year_default.to_owned()),
                });
            }
        }
    }

    /// The fiscal year of the observation A was taken from: the latest year at or before t
    /// (t itself for `annual`) with an observation of that sort — the year core's choice
    /// lies in, whichever observation of that year it took.
    fn observed_year(
        &self,
        sort: impl Fn(&shinchoku_core::indicator::Observation) -> bool,
    ) -> Option<i32> {
        let fs = self.plan.fiscal_start;
        self.pi
            .observations
            .iter()
            .filter(|o| sort(o))
            .map(|o| o.period.end_year(fs))
            .filter(|y| match self.kind {
                IndicatorKind::Annual => *y == self.t,
                _ => *y <= self.t,
            })
            .max()
    }

    // -----------------------------------------------------------------------------------------
    // Met, and against the baseline
    // -----------------------------------------------------------------------------------------

    fn checks(&self, w: &Words, out: &mut Vec<Line>) {
        let e = self.e;
        let Some(a) = self.a else {
            return;
        };
        let sign = |x: Decimal, y: Decimal| match x.cmp(&y) {
            std::cmp::Ordering::Less => "<",
            std::cmp::Ordering::Equal => "=",
            std::cmp::Ordering::Greater => ">",
        };
        if let Some(met) = e.met {
            let verdict = if met { w.met_yes } else { w.met_no };
            let (formula, note) = match (self.text_target, self.b, self.tv) {
                (true, Some(b), _) => {
                    let rule = match self.dir {
                        Direction::Increase => "A > B",
                        Direction::Decrease => "A < B",
                    };
                    let text = self
                        .pi
                        .indicator
                        .target
                        .as_ref()
                        .and_then(|t| t.text.as_deref())
                        .unwrap_or_default();
                    (
                        Some(format!(
                            "{rule}: {} {} {} → {verdict}",
                            n(a),
                            sign(a, b),
                            n(b)
                        )),
                        Some(fill(w.text_target, &[text])),
                    )
                }
                (false, _, Some(tv)) => {
                    let rule = match self.dir {
                        Direction::Increase => "A ≥ T",
                        Direction::Decrease => "A ≤ T",
                    };
                    let cap =
                        self.kind == IndicatorKind::PeriodTotal && self.dir == Direction::Decrease;
                    (
                        Some(format!(
                            "{rule}: {} {} {} → {verdict}",
                            n(a),
                            sign(a, tv),
                            n(tv)
                        )),
                        if cap {
                            Some(w.cap_note.to_owned())
                        } else if self.maintenance {
                            Some(w.maintenance_note.to_owned())
                        } else {
                            None
                        },
                    )
                }
                _ => (None, None),
            };
            out.push(Line {
                name: w.met,
                symbol: "",
                value: verdict.to_owned(),
                formula,
                note,
            });
        }
        // Worse than the baseline: what the scheme's `worse_than_baseline` rule looks at
        // (level, cumulative, annual, milestone; never a window's running sum).
        let uses_baseline = self.kind.compares_with_baseline() || self.is_milestone();
        if let (true, Some(b)) = (uses_baseline, self.b) {
            let verdict = if e.worse_than_baseline {
                w.worse
            } else if a == b {
                w.unchanged
            } else {
                w.better
            };
            out.push(Line {
                name: w.against_baseline,
                symbol: "",
                value: verdict.to_owned(),
                formula: Some(format!(
                    "A {} B: {} {} {}",
                    sign(a, b),
                    n(a),
                    sign(a, b),
                    n(b)
                )),
                note: match self.dir {
                    Direction::Increase => None,
                    Direction::Decrease => Some(w.lower_is_better.to_owned()),
                },
            });
        }
    }

    // -----------------------------------------------------------------------------------------
    // Achievement, progress, expected, pace
    // -----------------------------------------------------------------------------------------

    fn ratios(&self, w: &Words, out: &mut Vec<Line>) {
        let e = self.e;
        let scheme = &self.plan.grading;
        let milestone_note = self.is_milestone().then(|| {
            fill(
                w.ranks_note,
                &[self
                    .pi
                    .indicator
                    .milestone_states()
                    .next()
                    .unwrap_or_default()],
            )
        });

        // Achievement: A / T, or T / A when lower is better.
        let mut achievement_line = None;
        if let (Some(a), Some(tv)) = (self.a, self.tv) {
            let value = ratio_percent(e.achievement, Metric::Achievement, scheme);
            let (sym, filled) = match self.dir {
                Direction::Increase => ("A / T", format!("{} / {}", n(a), n(tv))),
                Direction::Decrease => ("T / A", format!("{} / {}", n(tv), n(a))),
            };
            achievement_line = Some((sym, filled.clone()));
            out.push(Line {
                name: w.achievement,
                symbol: "",
                value: value.clone(),
                formula: Some(format!("{sym} = {filled} = {value}")),
                note: milestone_note.clone(),
            });
        }

        // Progress, as core's `evaluate` chooses it; its fraction (numerator, denominator)
        // for the pace.
        let progress = self.progress_fraction(w, achievement_line.as_ref());
        if let Some(p) = &progress {
            let value = ratio_percent(e.progress, Metric::Progress, scheme);
            let formula = match &p.filled {
                Some(filled) => format!("{} = {filled} = {value}", p.symbolic),
                None => format!("{} = {value}", p.symbolic),
            };
            out.push(Line {
                name: w.progress,
                symbol: "",
                value,
                formula: Some(formula),
                note: p.note.clone().or_else(|| milestone_note.clone()),
            });
        } else if self.maintenance && self.a.is_some() {
            out.push(Line {
                name: w.progress,
                symbol: "",
                value: "—".into(),
                formula: None,
                note: Some(w.maintenance_note.to_owned()),
            });
        }

        // Expected progress by t.
        let expected = self.expected_fraction(w);
        if let Some(x) = &expected {
            let value = view::percent(e.expected);
            out.push(Line {
                name: w.expected,
                symbol: "",
                value: value.clone(),
                formula: Some(format!(
                    "{} = {} = {} / {} = {value}",
                    x.symbolic, x.filled, x.done, x.span
                )),
                note: x.note.clone(),
            });
        }

        // Pace = progress / expected, as one fraction.
        if let Some(pace) = e.pace {
            let (value, exact) = pace_text(pace, scheme);
            let eq = if exact { "=" } else { "≈" };
            let formula = match (&progress, &expected) {
                (Some(p), Some(x)) => {
                    let mut f = format!(
                        "{} = {} × {} / ({} × {}) = {} × {} / ({} × {})",
                        w.pace_symbolic,
                        p.num_sym,
                        x.span_sym,
                        p.den_sym,
                        x.done_sym,
                        p.num_filled,
                        x.span_filled,
                        p.den_filled,
                        x.done_filled,
                    );
                    // The fraction's two products, when they give back core's pace.
                    let products = p
                        .num
                        .zip(p.den)
                        .and_then(|(pn, pd)| {
                            Some((
                                pn.checked_mul(Decimal::from(x.span))?,
                                pd.checked_mul(Decimal::from(x.done))?,
                            ))
                        })
                        .filter(|(num, den)| {
                            Ratio::of(*num, *den)
                                .and_then(Ratio::to_decimal)
                                .is_ok_and(|d| d.normalize() == pace.normalize())
                        });
                    if let Some((num, den)) = products {
                        f.push_str(&format!(" = {} / {}", n(num), n(den)));
                    }
                    f.push_str(&format!(" {eq} {value}"));
                    Some(f)
                }
                _ => Some(format!("{} {eq} {value}", w.pace_symbolic)),
            };
            out.push(Line {
                name: w.pace,
                symbol: "",
                value,
                formula,
                note: Some(w.pace_note.to_owned()),
            });
        } else if e.expected.is_some_and(|x| x.is_zero()) && self.a.is_some() {
            out.push(Line {
                name: w.pace,
                symbol: "",
                value: "—".into(),
                formula: None,
                note: Some(w.pace_not_due.to_owned()),
            });
        }
    }

    fn progress_fraction(
        &self,
        w: &Words,
        achievement: Option<&(&'static str, String)>,
    ) -> Option<Fraction> {
        let e = self.e;
        let (a, tv) = (self.a?, self.tv?);
        if self.maintenance {
            return None;
        }
        let window = self.kind == IndicatorKind::PeriodTotal;
        let as_achievement = |note: &str| {
            let (sym, filled) = achievement.cloned().unwrap_or_default();
            let (num, den, num_filled, den_filled, num_sym, den_sym) = match self.dir {
                Direction::Increase => (a, tv, n(a), n(tv), "A", "T"),
                Direction::Decrease => (tv, a, n(tv), n(a), "T", "A"),
            };
            Fraction {
                symbolic: format!("{} = {sym}", w.achievement),
                filled: Some(filled),
                note: Some(note.to_owned()),
                num: Some(num),
                den: Some(den),
                num_sym: num_sym.into(),
                den_sym: den_sym.into(),
                num_filled,
                den_filled,
            }
        };
        match self.b {
            Some(b) if !window && b == tv => {
                // Met or not: 1 or 0, nothing in between.
                let one = e.met == Some(true);
                let v = if one { "1" } else { "0" };
                Some(Fraction {
                    symbolic: if one { "1".into() } else { "0".into() },
                    filled: None,
                    note: Some(w.target_equals_baseline.to_owned()),
                    num: Some(if one { Decimal::ONE } else { Decimal::ZERO }),
                    den: Some(Decimal::ONE),
                    num_sym: v.into(),
                    den_sym: "1".into(),
                    num_filled: v.into(),
                    den_filled: "1".into(),
                })
            }
            Some(b) if !window => {
                // (A − B) / (T − B); for a decrease the same fraction, written the way round
                // that reads as a gain.
                let (ns, ds, nf, df, num, den) = match self.dir {
                    Direction::Increase => (
                        "(A − B)",
                        "(T − B)",
                        format!("({} − {})", n(a), n(b)),
                        format!("({} − {})", n(tv), n(b)),
                        a.checked_sub(b),
                        tv.checked_sub(b),
                    ),
                    Direction::Decrease => (
                        "(B − A)",
                        "(B − T)",
                        format!("({} − {})", n(b), n(a)),
                        format!("({} − {})", n(b), n(tv)),
                        b.checked_sub(a),
                        b.checked_sub(tv),
                    ),
                };
                Some(Fraction {
                    symbolic: format!("{ns} / {ds}"),
                    filled: Some(format!("{nf} / {df}")),
                    note: match self.dir {
                        Direction::Increase => None,
                        Direction::Decrease => Some(w.lower_is_better.to_owned()),
                    },
                    num,
                    den,
                    num_sym: ns.into(),
                    den_sym: ds.into(),
                    num_filled: nf,
                    den_filled: df,
                })
            }
            _ if window => Some(as_achievement(w.window_progress)),
            _ => Some(as_achievement(w.no_baseline_progress)),
        }
    }

    fn expected_fraction(&self, w: &Words) -> Option<Expected> {
        if self.kind == IndicatorKind::Monitor {
            return None;
        }
        let t = i64::from(self.t);
        let (ws, ty) = self.line.target_span?;
        let (ws, ty) = (i64::from(ws), i64::from(ty));
        if self.kind == IndicatorKind::PeriodTotal {
            let len = (ty - ws + 1).max(1);
            let done = (t - ws + 1).clamp(0, len);
            let upto = (t.min(ty)).max(ws - 1);
            return Some(Expected {
                symbolic: w.window_expected.to_owned(),
                filled: format!("({upto} − {ws} + 1) / ({ty} − {ws} + 1)"),
                done,
                span: len,
                done_sym: w.years_done_sym.to_owned(),
                span_sym: w.years_window_sym.to_owned(),
                done_filled: done.to_string(),
                span_filled: len.to_string(),
                note: (t > ty).then(|| w.window_over.to_owned()),
            });
        }
        let by = i64::from(self.line.base_year?);
        if ty <= by {
            let done = i64::from(t >= ty);
            return Some(Expected {
                symbolic: "t ≥ t_T ? 1 : 0".into(),
                filled: format!("{t} ≥ {ty} ? 1 : 0"),
                done,
                span: 1,
                done_sym: "1".into(),
                span_sym: "1".into(),
                done_filled: done.to_string(),
                span_filled: "1".into(),
                note: Some(w.target_not_after_base.to_owned()),
            });
        }
        let span = ty - by;
        let done = (t - by).clamp(0, span);
        let shown_t = t.clamp(by, ty);
        Some(Expected {
            symbolic: "(t − t_B) / (t_T − t_B)".into(),
            filled: format!("({shown_t} − {by}) / ({ty} − {by})"),
            done,
            span,
            done_sym: "(t − t_B)".into(),
            span_sym: "(t_T − t_B)".into(),
            done_filled: format!("({shown_t} − {by})"),
            span_filled: format!("({ty} − {by})"),
            note: if t > ty {
                Some(w.after_target_year.to_owned())
            } else if t < by {
                Some(w.before_base_year.to_owned())
            } else {
                None
            },
        })
    }

    // -----------------------------------------------------------------------------------------
    // Forecast and required pace
    // -----------------------------------------------------------------------------------------

    fn outlook(&self, w: &Words, out: &mut Vec<Line>) {
        if self.is_milestone() {
            return;
        }
        let e = self.e;
        let ty = self.line.target_span.map(|(_, y)| y);
        if let Some(f) = e.forecast {
            let (value, exact) = rounded(f, 2);
            let shown = quantity(value, self.unit(), self.lang);
            let eq = if exact { "=" } else { "≈" };
            let formula = match (self.kind, self.window_so_far(), e.value, ty) {
                (IndicatorKind::PeriodTotal, Some((ws, upto)), Some(sum), Some(ty)) => {
                    // current sum + mean yearly flow × years remaining.
                    let remaining = (i64::from(ty) - i64::from(self.t)).max(0);
                    let years = self.window_years_observed(ws, upto);
                    let check = years.and_then(|k| {
                        let mean = sum.checked_div(Decimal::from(k))?;
                        mean.checked_mul(Decimal::from(remaining))?.checked_add(sum)
                    });
                    let symbolic = w.window_forecast;
                    match (years, check) {
                        (Some(k), Some(c)) if c == f => Some(format!(
                            "{symbolic} = {} + ({} / {k}) × {remaining} {eq} {shown}",
                            n(sum),
                            n(sum)
                        )),
                        _ => Some(format!("{symbolic} {eq} {shown}")),
                    }
                }
                _ => {
                    let base = self
                        .pi
                        .indicator
                        .baseline
                        .as_ref()
                        .and_then(|b| b.period)
                        .map(|p| view::period(self.lang, p))
                        .unwrap_or_default();
                    Some(format!(
                        "{} {eq} {shown}",
                        fill(
                            w.linear_forecast,
                            &[
                                &base,
                                &view::fy(self.lang, self.t),
                                &ty.map(|y| view::fy(self.lang, y)).unwrap_or_default()
                            ]
                        )
                    ))
                }
            };
            out.push(Line {
                name: w.forecast,
                symbol: "",
                value: shown,
                formula,
                note: None,
            });
        }
        if let (Some(r), Some(a), Some(tv), Some(ty)) = (e.required_pace, e.value, e.target, ty) {
            let (value, exact) = rounded(r, 2);
            let shown = quantity(value, self.unit(), self.lang);
            let eq = if exact { "=" } else { "≈" };
            out.push(Line {
                name: w.required,
                symbol: "",
                value: format!("{shown}{}", w.per_year),
                formula: Some(format!(
                    "(T − A) / (t_T − t) = ({} − {}) / ({ty} − {}) {eq} {shown}{}",
                    n(tv),
                    n(a),
                    self.t,
                    w.per_year
                )),
                note: None,
            });
        }
    }

    /// How many years the window's observed flows cover up to `upto`: the divisor of the
    /// mean in core's forecast of a window (each observation of a year counts its year, one
    /// of a span inside the window its years, counted once).
    fn window_years_observed(&self, ws: i32, upto: i32) -> Option<i64> {
        let fs = self.plan.fiscal_start;
        let mut years = std::collections::BTreeSet::new();
        for o in &self.pi.observations {
            if o.as_number().is_none() {
                continue;
            }
            let (s, e) = o.period.year_span(fs);
            if s >= ws && e <= upto {
                years.extend(s..=e);
            }
        }
        i64::try_from(years.len()).ok().filter(|k| *k > 0)
    }

    // -----------------------------------------------------------------------------------------
    // The grade
    // -----------------------------------------------------------------------------------------

    fn grade(&self, w: &Words) -> GradeWorking {
        let e = self.e;
        let scheme = &self.plan.grading;
        let badge = Badge::of(scheme, e.grade, self.lang);
        let applied = e.grade.map(|g| usize::from(g.0));
        let rules = scheme
            .rules
            .iter()
            .enumerate()
            .map(|(i, rule)| RuleView {
                badge: Badge::of(
                    scheme,
                    u8::try_from(i).ok().map(shinchoku_core::grading::Grade),
                    self.lang,
                ),
                condition: condition_words(&rule.condition, self.lang),
                applied: applied == Some(i),
            })
            .collect();
        let because = match applied.and_then(|i| scheme.rules.get(i).map(|r| (i, r))) {
            Some((i, rule)) => {
                let grade = format!("{} {}", badge.letter, badge.word);
                // The metric the rule looked at, when it is one: then its bounds are told too.
                let metric = match rule.condition {
                    Condition::Threshold(m, ..) => Some(m),
                    Condition::Always => {
                        first_threshold_metric(scheme, i).filter(|m| self.metric_raw(*m).is_some())
                    }
                    _ => None,
                };
                let lead = match (metric, rule.condition) {
                    (Some(m), _) => {
                        format!("{} {}", metric_name(m, self.lang), self.metric_value(m))
                    }
                    (None, Condition::Met) => w.because_met.to_owned(),
                    (None, Condition::WorseThanBaseline) => w.because_worse.to_owned(),
                    (None, _) if self.maintenance => w.because_maintenance.to_owned(),
                    (None, _) if self.text_target => w.because_text_not_met.to_owned(),
                    (None, _) => w.because_always.to_owned(),
                };
                match metric.and_then(|_| bounds(scheme, i, self.lang)) {
                    Some(b) => fill(w.because_bounds, &[&lead, &grade, &b]),
                    None => fill(w.because, &[&lead, &grade]),
                }
            }
            None => {
                let r = e.reasons;
                if self.kind == IndicatorKind::Monitor || r.contains(Reason::NoTarget) {
                    w.ungraded_no_target
                } else if r.contains(Reason::WindowNotStarted) {
                    w.ungraded_window_not_started
                } else if e.value.is_none() && e.state.is_none() {
                    w.ungraded_no_data
                } else if r.contains(Reason::NotDue) {
                    if scheme.timing == shinchoku_core::grading::Timing::AfterTarget {
                        w.ungraded_after_target
                    } else {
                        w.ungraded_not_due
                    }
                } else {
                    w.ungraded_no_pace
                }
                .to_owned()
            }
        };
        GradeWorking {
            badge,
            because,
            rules,
            graded: self.kind != IndicatorKind::Monitor && !e.reasons.contains(Reason::NoTarget),
        }
    }

    fn metric_raw(&self, m: Metric) -> Option<Decimal> {
        match m {
            Metric::Achievement => self.e.achievement,
            Metric::Progress => self.e.progress,
            Metric::Pace => self.e.pace,
        }
    }

    fn metric_value(&self, m: Metric) -> String {
        let scheme = &self.plan.grading;
        match m {
            Metric::Pace => self
                .e
                .pace
                .map_or_else(|| "—".into(), |p| pace_text(p, scheme).0),
            _ => ratio_percent(self.metric_raw(m), m, scheme),
        }
    }

    // -----------------------------------------------------------------------------------------
    // A milestone's states
    // -----------------------------------------------------------------------------------------

    fn states(&self, w: &Words) -> Vec<StateView> {
        if !self.is_milestone() {
            return Vec::new();
        }
        let now = self.e.state;
        let base = self.b.and_then(to_usize);
        let target = self.tv.and_then(to_usize);
        self.pi
            .indicator
            .milestone_states()
            .enumerate()
            .map(|(i, s)| {
                let mut marks = Vec::new();
                if now == Some(i) {
                    marks.push(w.mark_now);
                }
                if base == Some(i) {
                    marks.push(w.mark_baseline);
                }
                if target == Some(i) {
                    marks.push(w.mark_target);
                }
                StateView {
                    rank: i + 1,
                    name: s.to_owned(),
                    marks,
                }
            })
            .collect()
    }
}

/// A fraction of the progress, for its line and the pace's.
struct Fraction {
    symbolic: String,
    filled: Option<String>,
    note: Option<String>,
    num: Option<Decimal>,
    den: Option<Decimal>,
    num_sym: String,
    den_sym: String,
    num_filled: String,
    den_filled: String,
}

/// The expected progress's fraction of years.
struct Expected {
    symbolic: String,
    filled: String,
    done: i64,
    span: i64,
    done_sym: String,
    span_sym: String,
    done_filled: String,
    span_filled: String,
    note: Option<String>,
}

fn rank(r: usize) -> Decimal {
    Decimal::from(u64::try_from(r).unwrap_or(u64::MAX))
}

fn to_usize(d: Decimal) -> Option<usize> {
    use rust_decimal::prelude::ToPrimitive;
    d.to_usize()
}

fn rank_of(r: Option<usize>) -> usize {
    r.unwrap_or(0)
}

fn states_count(c: &Ctx<'_>) -> String {
    c.pi.indicator.milestone_states().count().to_string()
}

/// A number in a formula: its digits, a negative one in brackets.
fn n(d: Decimal) -> String {
    if d.is_sign_negative() && !d.is_zero() {
        format!("({})", view::number(d))
    } else {
        view::number(d)
    }
}

/// `2020（令和2年度）` or `2020 (FY2020)`: a year as the formulas use it, and as people read it.
fn year_words(y: i32, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{y}（{}）", view::fy(lang, y)),
        Lang::En => format!("{y} (FY{y})"),
    }
}

/// `d` to `dp` decimals, and whether that is all of it.
fn rounded(d: Decimal, dp: u32) -> (Decimal, bool) {
    let r = d.round_dp(dp).normalize();
    (r, r == d.normalize())
}

/// A pace as shown, and whether it is exact: three decimals, unless rounding would land on
/// one of the scheme's pace thresholds that the exact value is not (then every digit).
fn pace_text(p: Decimal, scheme: &GradingScheme) -> (String, bool) {
    let (r, exact) = rounded(p, 3);
    if exact {
        return (view::number(r), true);
    }
    if thresholds(scheme, Metric::Pace).any(|v| v == r) {
        return (view::number(p.normalize()), true);
    }
    (view::number(r), false)
}

/// A ratio as a percentage (`62.4%`), with every digit when one decimal of a per cent would
/// land on one of the scheme's thresholds for `metric` that the exact value is not.
fn ratio_percent(d: Option<Decimal>, metric: Metric, scheme: &GradingScheme) -> String {
    let Some(d) = d else {
        return "—".into();
    };
    let shown = d.round_dp(3).normalize();
    if shown != d.normalize() && thresholds(scheme, metric).any(|v| v == shown) {
        if let Some(p) = d.checked_mul(Decimal::ONE_HUNDRED) {
            return format!("{}%", view::number(p.normalize()));
        }
    }
    view::percent(Some(d))
}

fn thresholds(scheme: &GradingScheme, metric: Metric) -> impl Iterator<Item = Decimal> + '_ {
    scheme.rules.iter().filter_map(move |r| match r.condition {
        Condition::Threshold(m, _, v) if m == metric => Some(v.normalize()),
        _ => None,
    })
}

fn metric_name(m: Metric, lang: Lang) -> &'static str {
    let w = words(lang);
    match m {
        Metric::Achievement => w.achievement,
        Metric::Progress => w.progress,
        Metric::Pace => w.pace,
    }
}

/// A threshold as a reader compares it: a pace as a number, the other ratios in per cent.
fn threshold_text(m: Metric, v: Decimal) -> String {
    match m {
        Metric::Pace => view::number(v),
        _ => match v.checked_mul(Decimal::ONE_HUNDRED) {
            Some(p) => format!("{}%", view::number(p.normalize())),
            None => view::number(v),
        },
    }
}

fn cmp_text(c: Cmp) -> &'static str {
    match c {
        Cmp::Ge => "≥",
        Cmp::Gt => ">",
        Cmp::Le => "≤",
        Cmp::Lt => "<",
    }
}

/// A rule's condition in words.
fn condition_words(c: &Condition, lang: Lang) -> String {
    let w = words(lang);
    match c {
        Condition::Met => w.cond_met.to_owned(),
        Condition::WorseThanBaseline => w.cond_worse.to_owned(),
        Condition::Threshold(m, cmp, v) => format!(
            "{} {} {}",
            metric_name(*m, lang),
            cmp_text(*cmp),
            threshold_text(*m, *v)
        ),
        Condition::Always => w.cond_always.to_owned(),
    }
}

/// The metric of the first threshold rule before rule `i`: what a closing `always` rule is
/// the rest of.
fn first_threshold_metric(scheme: &GradingScheme, i: usize) -> Option<Metric> {
    scheme.rules.iter().take(i).find_map(|r| match r.condition {
        Condition::Threshold(m, ..) => Some(m),
        _ => None,
    })
}

/// What holds of the metric when rule `i` applies: its own threshold and the negation of the
/// thresholds before it (`0.5 ≤ ペース < 0.95`), the tightest bound on each side. `None`
/// when no threshold bears on it.
fn bounds(scheme: &GradingScheme, i: usize, lang: Lang) -> Option<String> {
    let rule = scheme.rules.get(i)?;
    let metric = match rule.condition {
        Condition::Threshold(m, ..) => m,
        Condition::Always => first_threshold_metric(scheme, i)?,
        _ => return None,
    };
    // (value, strict)
    let mut lower: Option<(Decimal, bool)> = None;
    let mut upper: Option<(Decimal, bool)> = None;
    let mut tighten_lower = |v: Decimal, strict: bool| {
        if lower.is_none_or(|(lv, ls)| v > lv || (v == lv && strict && !ls)) {
            lower = Some((v, strict));
        }
    };
    let mut uppers = Vec::new();
    if let Condition::Threshold(_, c, v) = rule.condition {
        match c {
            Cmp::Ge => tighten_lower(v, false),
            Cmp::Gt => tighten_lower(v, true),
            Cmp::Le => uppers.push((v, false)),
            Cmp::Lt => uppers.push((v, true)),
        }
    }
    for earlier in scheme.rules.iter().take(i) {
        if let Condition::Threshold(m, c, v) = earlier.condition {
            if m != metric {
                continue;
            }
            // That rule did not hold: its negation does.
            match c {
                Cmp::Ge => uppers.push((v, true)),
                Cmp::Gt => uppers.push((v, false)),
                Cmp::Le => tighten_lower(v, true),
                Cmp::Lt => tighten_lower(v, false),
            }
        }
    }
    for (v, strict) in uppers {
        if upper.is_none_or(|(uv, us)| v < uv || (v == uv && strict && !us)) {
            upper = Some((v, strict));
        }
    }
    let name = metric_name(metric, lang);
    let op = |strict: bool| if strict { "<" } else { "≤" };
    let text = match (lower, upper) {
        (Some((l, ls)), Some((u, us))) => format!(
            "{} {} {name} {} {}",
            threshold_text(metric, l),
            op(ls),
            op(us),
            threshold_text(metric, u)
        ),
        (Some((l, ls)), None) => format!(
            "{name} {} {}",
            if ls { ">" } else { "≥" },
            threshold_text(metric, l)
        ),
        (None, Some((u, us))) => format!("{name} {} {}", op(us), threshold_text(metric, u)),
        (None, None) => return None,
    };
    Some(text)
}

/// `template` with `{0}`, `{1}`, … replaced by `args`: the phrases keep each language's own
/// word order.
fn fill(template: &str, args: &[&str]) -> String {
    let mut out = template.to_owned();
    for (i, a) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), a);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

/// The phrases of the workings, in each language.
#[derive(Debug)]
struct Words {
    fy: &'static str,
    value: &'static str,
    target: &'static str,
    yearly_target: &'static str,
    baseline: &'static str,
    base_year: &'static str,
    target_year: &'static str,
    window: &'static str,
    mean: &'static str,
    years_n: &'static str,
    base_year_default: &'static str,
    target_year_default: &'static str,
    observed_in: &'static str,
    latest_up_to: &'static str,
    sum_of: &'static str,
    some_missing: &'static str,
    state_of: &'static str,
    met: &'static str,
    met_yes: &'static str,
    met_no: &'static str,
    text_target: &'static str,
    cap_note: &'static str,
    maintenance_note: &'static str,
    against_baseline: &'static str,
    better: &'static str,
    worse: &'static str,
    unchanged: &'static str,
    lower_is_better: &'static str,
    achievement: &'static str,
    progress: &'static str,
    expected: &'static str,
    pace: &'static str,
    forecast: &'static str,
    required: &'static str,
    per_year: &'static str,
    ranks_note: &'static str,
    window_progress: &'static str,
    no_baseline_progress: &'static str,
    target_equals_baseline: &'static str,
    window_expected: &'static str,
    years_done_sym: &'static str,
    years_window_sym: &'static str,
    window_over: &'static str,
    target_not_after_base: &'static str,
    after_target_year: &'static str,
    before_base_year: &'static str,
    pace_symbolic: &'static str,
    pace_note: &'static str,
    pace_not_due: &'static str,
    window_forecast: &'static str,
    linear_forecast: &'static str,
    because: &'static str,
    because_bounds: &'static str,
    because_met: &'static str,
    because_worse: &'static str,
    because_always: &'static str,
    because_maintenance: &'static str,
    because_text_not_met: &'static str,
    ungraded_no_target: &'static str,
    ungraded_no_data: &'static str,
    ungraded_window_not_started: &'static str,
    ungraded_not_due: &'static str,
    ungraded_after_target: &'static str,
    ungraded_no_pace: &'static str,
    cond_met: &'static str,
    cond_worse: &'static str,
    cond_always: &'static str,
    mark_now: &'static str,
    mark_baseline: &'static str,
    mark_target: &'static str,
}

static JA: Words = Words {
    fy: "評価年度",
    value: "実績値",
    target: "目標値",
    yearly_target: "年度目標",
    baseline: "基準値",
    base_year: "基準年度",
    target_year: "目標年度",
    window: "目標期間",
    mean: "（平均）",
    years_n: "{0}年間",
    base_year_default: "基準年度の記載がないため、計画開始の前年度",
    target_year_default: "目標年度の記載がないため、計画期間の最終年度",
    observed_in: "{0}の実績",
    latest_up_to: "{0}の実績（{1}までで最新）",
    sum_of: "{0}から{1}までの実績の合計",
    some_missing: "（実績のない年度あり）",
    state_of: "{0}（{1}段階中{2}段階目）",
    met: "目標の達成",
    met_yes: "達成",
    met_no: "未達成",
    text_target: "文言の目標「{0}」: 基準値から望ましい方向へ変化していれば達成",
    cap_note: "期間の合計の上限は、期間が終わってから達成を判定します",
    maintenance_note: "目標が基準値より手前にあるため維持目標: 進捗率とペースはなく、維持できていれば A、できていなければ D",
    against_baseline: "基準値との比較",
    better: "改善",
    worse: "悪化",
    unchanged: "変化なし",
    lower_is_better: "減少が望ましい指標のため、基準値より小さいほど良い",
    achievement: "達成率",
    progress: "進捗率",
    expected: "想定進捗",
    pace: "ペース",
    forecast: "予測値",
    required: "必要な伸び",
    per_year: "／年",
    ranks_note: "段階の順位で計算（{0} = 0）",
    window_progress: "期間の合計は基準値を差し引かないため、達成率と同じ",
    no_baseline_progress: "基準値がないため、達成率と同じ",
    target_equals_baseline: "目標が基準値と同じ: 達成なら 100%、未達成なら 0%",
    window_expected: "(t − 期間の初年度 + 1) / 期間の年数",
    years_done_sym: "経過年数",
    years_window_sym: "期間の年数",
    window_over: "期間終了後は 100%",
    target_not_after_base: "目標年度が基準年度以前: 目標年度から 100%",
    after_target_year: "目標年度以降は 100%",
    before_base_year: "基準年度までは 0%",
    pace_symbolic: "ペース = 進捗率 ÷ 想定進捗",
    pace_note: "一つの分数として計算し、丸めるのは表示の時だけ（境界の 0.5 や 0.95 ちょうどは丸め誤差なくその評価になります）",
    pace_not_due: "想定進捗が 0%（まだ期限が来ていない）のためペースはありません",
    window_forecast: "予測値 = A + (A ÷ 実績のある年数) × 残りの年数",
    linear_forecast: "基準値（{0}）と{1}までの実績を通る最小二乗直線の{2}の値",
    because: "{0} → {1}",
    because_bounds: "{0} → {1}（{2}）",
    because_met: "目標を達成",
    because_worse: "基準値より悪化",
    because_always: "上のどの条件にも当たらない",
    because_maintenance: "維持目標を下回る",
    because_text_not_met: "望ましい方向へ変化していない",
    ungraded_no_target: "目標がないため評価しません（推移のみ）。",
    ungraded_no_data: "この年度までの実績がないため評価できません。",
    ungraded_window_not_started: "目標期間がまだ始まっていないため評価しません。",
    ungraded_not_due: "想定進捗が 0%（まだ期限が来ていない）で目標も未達成のため、まだ評価しません。",
    ungraded_after_target: "この評価方式は目標年度が来てから評価します。",
    ungraded_no_pace: "ペースを計算できないため評価できません（理由を参照）。",
    cond_met: "目標を達成",
    cond_worse: "基準値より悪化",
    cond_always: "上記以外",
    mark_now: "現在",
    mark_baseline: "基準",
    mark_target: "目標",
};

static EN: Words = Words {
    fy: "Evaluated year",
    value: "Actual",
    target: "Target",
    yearly_target: "Target for the year",
    baseline: "Baseline",
    base_year: "Baseline year",
    target_year: "Target year",
    window: "Target window",
    mean: "(mean)",
    years_n: "{0} years",
    base_year_default: "no baseline year given: the year before the plan starts",
    target_year_default: "no target year given: the plan's last year",
    observed_in: "observed in {0}",
    latest_up_to: "observed in {0} (the latest up to {1})",
    sum_of: "sum of the actuals from {0} to {1}",
    some_missing: " (some years have no value)",
    state_of: "{0} (state {2} of {1})",
    met: "Target met",
    met_yes: "met",
    met_no: "not met",
    text_target: "target in words “{0}”: met by any change in its direction since the baseline",
    cap_note: "a cap on a window's total is judged once the window is over",
    maintenance_note: "the target lies on the near side of the baseline, a level to hold: no progress or pace; A when held, else D",
    against_baseline: "Against the baseline",
    better: "better",
    worse: "worse",
    unchanged: "unchanged",
    lower_is_better: "lower is better: below the baseline is an improvement",
    achievement: "Achievement",
    progress: "Progress",
    expected: "Expected progress",
    pace: "Pace",
    forecast: "Forecast",
    required: "Required pace",
    per_year: " a year",
    ranks_note: "computed on the states' ranks ({0} = 0)",
    window_progress: "a window's sum is not reduced by a baseline: the achievement",
    no_baseline_progress: "no baseline: the achievement",
    target_equals_baseline: "the target equals the baseline: 100% when met, else 0%",
    window_expected: "(t − first year + 1) / years in the window",
    years_done_sym: "years so far",
    years_window_sym: "years in the window",
    window_over: "100% once the window is over",
    target_not_after_base: "the target year is not after the baseline year: 100% from the target year",
    after_target_year: "100% from the target year on",
    before_base_year: "0% up to the baseline year",
    pace_symbolic: "pace = progress ÷ expected",
    pace_note: "computed as one exact fraction, rounded only for display (a pace of exactly 0.5 or 0.95 takes that grade)",
    pace_not_due: "expected progress is 0% (nothing is due yet): no pace",
    window_forecast: "forecast = A + (A ÷ years observed) × years remaining",
    linear_forecast: "the least-squares line through the baseline ({0}) and the actuals up to {1}, read at {2}",
    because: "{0} → {1}",
    because_bounds: "{0} → {1} ({2})",
    because_met: "the target is met",
    because_worse: "worse than the baseline",
    because_always: "none of the rules above holds",
    because_maintenance: "the level to hold is not held",
    because_text_not_met: "no change in the wanted direction",
    ungraded_no_target: "No target: not graded (trend only).",
    ungraded_no_data: "No actual value up to this year: not graded.",
    ungraded_window_not_started: "The target window has not begun: not graded.",
    ungraded_not_due: "Nothing is due yet (expected progress 0%) and the target is not met: not graded yet.",
    ungraded_after_target: "This scheme grades once the target year has come.",
    ungraded_no_pace: "No pace can be computed: not graded (see the reasons).",
    cond_met: "target met",
    cond_worse: "worse than the baseline",
    cond_always: "otherwise",
    mark_now: "now",
    mark_baseline: "baseline",
    mark_target: "target",
};

fn words(lang: Lang) -> &'static Words {
    crate::i18n::pick(lang, &JA, &EN)
}

#[cfg(test)]
mod tests;

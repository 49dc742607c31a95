//! Evaluation: from an indicator and its observations to the metrics and grade of one year.
//!
//! This is the one evaluation that the command line, the web app, reports and the public site
//! all call. The formulas are DESIGN.md's (→ Indicators, Metrics), computed in exact decimals
//! so that `78 / 125` is `0.624` and not `0.6239999…`. The ratios — achievement, progress,
//! expected and pace — are each one exact fraction of the values as written
//! ([`crate::ratio::Ratio`]): the grade compares those fractions with its thresholds, so a pace
//! of exactly 0.5 is C whatever repeating decimals its progress and expected are, and each
//! decimal in [`Evaluation`] is its fraction divided once. A metric that cannot be computed is
//! `None`, and [`Evaluation::reasons`] says why; there is no NaN, no infinity and no panic, for
//! any input (overflow of the decimal range is a reason too: a ratio too large to show is
//! `None` with `overflow`, and still graded by its fraction).
//!
//! Cost: no allocation at all — observations are read in place, in any order. When several
//! observations fall in one year (a mid-year count and the year's final figure), the one that
//! ends latest counts; among equals, the later in the slice. Finding it compares each
//! observation with the others, so the cost grows with the square of an indicator's
//! observations: negligible for the one or two a year that plans have (BENCHMARKS.md).

use std::cmp::Ordering;
use std::fmt;

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;

use crate::grading::{Condition, Grade, GradeInput, GradingScheme, Metric, Timing};
use crate::indicator::{Direction, Indicator, IndicatorKind, Observation, ObservedValue};
use crate::period::{FiscalStart, Period};
use crate::ratio::{Ratio, RatioError};

/// How the value at the target period is forecast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ForecastMethod {
    /// Least squares through the baseline and the observations (DESIGN.md's default).
    #[default]
    Linear,
    /// Compound annual growth from the baseline to the latest value, as in UN ESCAP's SDG
    /// progress assessment.
    Cagr,
}

impl ForecastMethod {
    /// `linear` or `cagr`.
    pub fn as_str(self) -> &'static str {
        match self {
            ForecastMethod::Linear => "linear",
            ForecastMethod::Cagr => "cagr",
        }
    }

    /// Parses the canonical name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "linear" => Some(ForecastMethod::Linear),
            "cagr" => Some(ForecastMethod::Cagr),
            _ => None,
        }
    }
}

/// What an evaluation needs to know besides the indicator: the year and the plan's settings.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The evaluation year t (a fiscal year number).
    pub fy: i32,
    /// The plan's period, for targets and baselines that state none.
    pub plan_period: Option<Period>,
    /// The plan's fiscal-year start month.
    pub fiscal_start: FiscalStart,
    /// The plan's grading scheme.
    pub scheme: &'a GradingScheme,
    /// The forecast method.
    pub forecast: ForecastMethod,
}

/// Why a metric is missing or what is unusual about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reason {
    /// No observation to compare.
    NoData,
    /// No baseline value or period where one is needed.
    NoBaseline,
    /// No target: a monitor indicator.
    NoTarget,
    /// Neither the target nor the plan states a period.
    NoPeriod,
    /// The target window has not begun in the evaluation year.
    WindowNotStarted,
    /// Some years of the window so far have no observation; the sum is of the others.
    WindowIncomplete,
    /// Nothing is due yet (expected progress is 0).
    NotDue,
    /// The target equals the baseline: met or not, no progress in between.
    TargetEqualsBaseline,
    /// The target is on the wrong side of the baseline: a level to hold (維持).
    Maintenance,
    /// The target is in words: graded by the direction of change only.
    TextTarget,
    /// Fewer than two points to forecast from.
    TooFewPoints,
    /// The target is met: no pace is required.
    TargetMet,
    /// The target period has passed: no years remain.
    TargetPeriodPassed,
    /// A division by zero (a target of 0, an actual of 0 for a decrease).
    DivisionByZero,
    /// A number beyond the decimal range.
    Overflow,
    /// A milestone state that is not one of the indicator's states.
    UnknownState,
    /// A milestone: there is no numeric forecast or pace.
    NotNumeric,
    /// CAGR needs positive values.
    NonPositiveValues,
}

impl Reason {
    /// Every reason, in a fixed order.
    pub const ALL: [Reason; 18] = [
        Reason::NoData,
        Reason::NoBaseline,
        Reason::NoTarget,
        Reason::NoPeriod,
        Reason::WindowNotStarted,
        Reason::WindowIncomplete,
        Reason::NotDue,
        Reason::TargetEqualsBaseline,
        Reason::Maintenance,
        Reason::TextTarget,
        Reason::TooFewPoints,
        Reason::TargetMet,
        Reason::TargetPeriodPassed,
        Reason::DivisionByZero,
        Reason::Overflow,
        Reason::UnknownState,
        Reason::NotNumeric,
        Reason::NonPositiveValues,
    ];

    /// The canonical name (`no_data`).
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::NoData => "no_data",
            Reason::NoBaseline => "no_baseline",
            Reason::NoTarget => "no_target",
            Reason::NoPeriod => "no_period",
            Reason::WindowNotStarted => "window_not_started",
            Reason::WindowIncomplete => "window_incomplete",
            Reason::NotDue => "not_due",
            Reason::TargetEqualsBaseline => "target_equals_baseline",
            Reason::Maintenance => "maintenance",
            Reason::TextTarget => "text_target",
            Reason::TooFewPoints => "too_few_points",
            Reason::TargetMet => "target_met",
            Reason::TargetPeriodPassed => "target_period_passed",
            Reason::DivisionByZero => "division_by_zero",
            Reason::Overflow => "overflow",
            Reason::UnknownState => "unknown_state",
            Reason::NotNumeric => "not_numeric",
            Reason::NonPositiveValues => "non_positive_values",
        }
    }

    /// A short Japanese explanation for tables.
    pub fn label_ja(self) -> &'static str {
        match self {
            Reason::NoData => "実績なし",
            Reason::NoBaseline => "基準値なし",
            Reason::NoTarget => "目標なし",
            Reason::NoPeriod => "期間不明",
            Reason::WindowNotStarted => "期間開始前",
            Reason::WindowIncomplete => "欠測年あり",
            Reason::NotDue => "評価時期前",
            Reason::TargetEqualsBaseline => "目標＝基準値",
            Reason::Maintenance => "維持目標",
            Reason::TextTarget => "文言目標",
            Reason::TooFewPoints => "予測点不足",
            Reason::TargetMet => "達成済",
            Reason::TargetPeriodPassed => "目標期間経過",
            Reason::DivisionByZero => "ゼロ除算",
            Reason::Overflow => "桁あふれ",
            Reason::UnknownState => "不明な段階",
            Reason::NotNumeric => "数値でない",
            Reason::NonPositiveValues => "正でない値",
        }
    }

    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of reasons, without allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reasons(u32);

impl Reasons {
    /// Adds a reason.
    pub fn insert(&mut self, r: Reason) {
        self.0 |= r.bit();
    }

    /// True if the reason is in the set.
    pub fn contains(self, r: Reason) -> bool {
        self.0 & r.bit() != 0
    }

    /// True if there are none.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The reasons in [`Reason::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Reason> {
        Reason::ALL.into_iter().filter(move |r| self.contains(*r))
    }
}

/// The metrics of one indicator in one year.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Evaluation {
    /// A(t), the value compared: a number (`None` for milestones and missing data).
    pub value: Option<Decimal>,
    /// A milestone's state at t, as its rank among the indicator's states.
    pub state: Option<usize>,
    /// The target value T.
    pub target: Option<Decimal>,
    /// The yearly target for t, where the plan sets one.
    pub yearly_target: Option<Decimal>,
    /// Whether the target is met (`None` when it cannot be judged).
    pub met: Option<bool>,
    /// The value is worse than the baseline.
    pub worse_than_baseline: bool,
    /// 達成率: A / T (T / A for a decrease).
    pub achievement: Option<Decimal>,
    /// 進捗率: (A − B) / (T − B), or the achievement for windows and without a baseline.
    pub progress: Option<Decimal>,
    /// 想定進捗: the share of the way that is due by t.
    pub expected: Option<Decimal>,
    /// progress / expected, as one fraction: (A − B)(t_T − t_B) / ((T − B)(t − t_B)), or
    /// A × len / (T × done) for a window; rounded only here, never before the grade.
    pub pace: Option<Decimal>,
    /// The grade, from the plan's scheme; `None` is `—`.
    pub grade: Option<Grade>,
    /// The value expected at the target period.
    pub forecast: Option<Decimal>,
    /// (T − A) per remaining year.
    pub required_pace: Option<Decimal>,
    /// Why metrics are missing or unusual.
    pub reasons: Reasons,
}

/// The years an evaluation measures between, as [`evaluate`] reads them from the indicator
/// and the plan's period: where the target's span lies (for sums, the window) and the year
/// the baseline counts at. A page that explains an evaluation shows these years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearLine {
    /// The target's first and last fiscal year: its period's span; for a `period_total`
    /// target printed as one year, the window from the plan's start to that year; without a
    /// target period, the plan's period. `None` when neither states one.
    pub target_span: Option<(i32, i32)>,
    /// t_B: the baseline period's last year, or the year before the plan starts.
    pub base_year: Option<i32>,
}

impl YearLine {
    /// The year line of `ind` in a plan of `plan_period` whose years start at `fs`.
    pub fn of(ind: &Indicator, plan_period: Option<Period>, fs: FiscalStart) -> YearLine {
        let plan_span = plan_period.map(|p| p.year_span(fs));
        let target_span = match (ind.target.as_ref().and_then(|t| t.period), plan_span) {
            (Some(p), plan) if ind.kind == IndicatorKind::PeriodTotal && !p.is_window() => {
                // A window target printed as its last year: the window runs from the plan's
                // start.
                let y = p.end_year(fs);
                Some(match plan {
                    Some((ps, _)) if ps < y => (ps, y),
                    _ => (y, y),
                })
            }
            (Some(p), _) => Some(p.year_span(fs)),
            (None, plan) => plan,
        };
        let base_year = ind
            .baseline
            .as_ref()
            .and_then(|b| b.period)
            .map(|p| p.end_year(fs))
            .or_else(|| plan_span.map(|(s, _)| s.saturating_sub(1)));
        YearLine {
            target_span,
            base_year,
        }
    }
}

/// Evaluates one indicator in the year `ctx.fy`.
///
/// `observations` may come in any order; numbers are ignored for a milestone and states for
/// the other kinds (see [`crate::plan::Plan::check`], which reports such mix-ups).
pub fn evaluate(ind: &Indicator, observations: &[Observation], ctx: &Context<'_>) -> Evaluation {
    let mut e = Evaluation::default();
    let r = &mut e.reasons;
    let fs = ctx.fiscal_start;
    let t = ctx.fy;
    let kind = ind.kind;
    let target = ind.target.as_ref();
    let baseline = ind.baseline.as_ref();
    let dir = ind.direction;

    e.target = target.and_then(|t| t.value);
    e.yearly_target = ind
        .yearly_targets
        .iter()
        .find(|y| y.period.end_year(fs) == t)
        .map(|y| y.value);
    let text_target = kind != IndicatorKind::Milestone
        && kind != IndicatorKind::Monitor
        && e.target.is_none()
        && target.is_some_and(|t| t.text.is_some());
    let untargeted = kind == IndicatorKind::Monitor
        || (e.target.is_none() && !text_target && kind != IndicatorKind::Milestone);
    if untargeted {
        r.insert(Reason::NoTarget);
    }

    let YearLine {
        target_span,
        base_year,
    } = YearLine::of(ind, ctx.plan_period, fs);
    let base_value = baseline.and_then(|b| b.value);

    // A(t).
    let mut window_count = 0;
    match kind {
        IndicatorKind::Level | IndicatorKind::Cumulative | IndicatorKind::Monitor => {
            e.value = latest_number(observations, fs, |y| y <= t).map(|(_, v)| v);
        }
        IndicatorKind::Annual => {
            e.value = latest_number(observations, fs, |y| y == t).map(|(_, v)| v);
        }
        IndicatorKind::PeriodTotal => match target_span {
            Some((ws, _)) if t < ws => r.insert(Reason::WindowNotStarted),
            Some((ws, we)) => {
                let upto = t.min(we);
                match window_sum(observations, fs, ws, upto) {
                    Sum::Value { sum, years } => {
                        e.value = Some(sum);
                        window_count = years;
                        if i64::from(years) < i64::from(upto) - i64::from(ws) + 1 {
                            r.insert(Reason::WindowIncomplete);
                        }
                    }
                    Sum::Empty => {}
                    Sum::Overflow => r.insert(Reason::Overflow),
                }
            }
            None => r.insert(Reason::NoPeriod),
        },
        IndicatorKind::Milestone => {
            if let Some((_, state)) = latest_state(observations, fs, t) {
                match ind.state_rank(state) {
                    Some(rank) => e.state = Some(rank),
                    None => r.insert(Reason::UnknownState),
                }
            }
        }
    }
    let has_value = e.value.is_some() || e.state.is_some();
    if !has_value && !r.contains(Reason::WindowNotStarted) && !r.contains(Reason::UnknownState) {
        r.insert(Reason::NoData);
    }

    // Everything below compares A with B and T on one numeric scale: milestone states by rank.
    let (a, b, tv) = if kind == IndicatorKind::Milestone {
        let states = ind.milestone_states().count();
        let tr = target
            .and_then(|t| t.text.as_deref())
            .and_then(|s| ind.state_rank(s))
            .unwrap_or(states.saturating_sub(1));
        let br = baseline
            .and_then(|b| b.state.as_deref())
            .and_then(|s| ind.state_rank(s))
            .unwrap_or(0);
        (e.state.map(rank), Some(rank(br)), Some(rank(tr)))
    } else {
        (e.value, base_value, e.target)
    };
    let uses_baseline = kind.compares_with_baseline() || kind == IndicatorKind::Milestone;
    if kind.compares_with_baseline() && base_value.is_none() {
        r.insert(Reason::NoBaseline);
    }

    // Met, worse than baseline, maintenance.
    let maintenance = uses_baseline && matches!((b, tv), (Some(b), Some(tv)) if better(dir, b, tv));
    if maintenance {
        r.insert(Reason::Maintenance);
    }
    e.worse_than_baseline =
        uses_baseline && matches!((a, b), (Some(a), Some(b)) if better(dir, b, a));
    e.met = match (a, tv) {
        _ if kind == IndicatorKind::Monitor => None,
        (Some(a), Some(tv)) => Some(match (kind, dir) {
            // A cap on a window's total is met only once the window is complete.
            (IndicatorKind::PeriodTotal, Direction::Decrease) => {
                target_span.is_some_and(|(_, we)| t >= we) && a <= tv
            }
            _ => !better(dir, tv, a),
        }),
        // A target in words is met by any change in its direction.
        (Some(a), None) if text_target => b.map(|b| better(dir, a, b)),
        _ => None,
    };
    if text_target {
        r.insert(Reason::TextTarget);
    }

    // Achievement, progress, expected and pace: each one exact fraction of the values as
    // written (DESIGN.md → Metrics), so that pace = (A − B)(t_T − t_B) / ((T − B)(t − t_B))
    // whole. The grade compares these fractions; the decimals shown are each divided once.
    let mut achievement = None;
    let mut progress = None;
    let mut progress_is_achievement = false;
    if let (Some(a), Some(tv)) = (a, tv) {
        achievement = exact(
            match dir {
                Direction::Increase => Ratio::of(a, tv),
                Direction::Decrease => Ratio::of(tv, a),
            },
            r,
        );
        let window = kind == IndicatorKind::PeriodTotal;
        progress = match b {
            _ if maintenance => None,
            Some(b) if !window && b == tv => {
                r.insert(Reason::TargetEqualsBaseline);
                Some(if e.met == Some(true) {
                    Ratio::ONE
                } else {
                    Ratio::ZERO
                })
            }
            // The same fraction for a decrease: both differences change sign.
            Some(b) if !window => exact(Ratio::of_gains(a, b, tv), r),
            _ => {
                progress_is_achievement = true;
                achievement
            }
        };
    }

    // Expected progress by t.
    let expected = match (kind, target_span) {
        (IndicatorKind::Monitor, _) => None,
        (_, None) => {
            r.insert(Reason::NoPeriod);
            None
        }
        (IndicatorKind::PeriodTotal, Some((ws, we))) => {
            let len = (i64::from(we) - i64::from(ws) + 1).max(1);
            let done = (i64::from(t) - i64::from(ws) + 1).clamp(0, len);
            exact(Ratio::of_ints(done, len), r)
        }
        (_, Some((_, ty))) => match base_year {
            None => {
                r.insert(Reason::NoPeriod);
                None
            }
            Some(by) if ty <= by => Some(if t >= ty { Ratio::ONE } else { Ratio::ZERO }),
            Some(by) => {
                let span = i64::from(ty) - i64::from(by);
                let done = (i64::from(t) - i64::from(by)).clamp(0, span);
                exact(Ratio::of_ints(done, span), r)
            }
        },
    };

    // Pace.
    let not_due = expected.is_some_and(|x| x.is_zero());
    let pace = match (progress, expected) {
        (Some(p), Some(x)) if !x.is_zero() => exact(p.checked_div(x), r),
        _ => None,
    };
    e.achievement = shown(achievement, r);
    e.progress = if progress_is_achievement {
        e.achievement
    } else {
        shown(progress, r)
    };
    e.expected = shown(expected, r);
    e.pace = shown(pace, r);

    // Grade.
    let due_year = target_span.map(|(_, y)| y);
    e.grade = if untargeted || !has_value || e.met.is_none() {
        None
    } else if match ctx.scheme.timing {
        // The final scheme grades once the target year has come.
        Timing::AfterTarget => due_year.is_none_or(|y| t < y),
        // Nothing due yet and not already met: too early to say (a level to hold is always due).
        Timing::EveryYear => not_due && e.met == Some(false) && !maintenance,
    } {
        r.insert(Reason::NotDue);
        None
    } else if ctx.scheme.timing == Timing::EveryYear
        && pace.is_none()
        && e.met == Some(false)
        && !maintenance
        && !text_target
        && !e.worse_than_baseline
        && ctx
            .scheme
            .rules
            .iter()
            .any(|rule| matches!(rule.condition, Condition::Threshold(Metric::Pace, ..)))
    {
        // Nothing says how far along it should be (no period, a target of 0): the grade is
        // `—`, and the reasons already say why. (A pace too large to show as a decimal is
        // still a pace: it is graded by its fraction.)
        None
    } else {
        ctx.scheme.grade(&GradeInput {
            met: e.met == Some(true),
            worse_than_baseline: e.worse_than_baseline,
            achievement,
            progress,
            pace,
        })
    };

    // Forecast and required pace: numbers only.
    if kind == IndicatorKind::Milestone {
        r.insert(Reason::NotNumeric);
        return tidy(e);
    }
    let horizon = due_year;
    e.forecast = match (kind, horizon) {
        (_, None) => None,
        (IndicatorKind::PeriodTotal, Some(we)) => match (e.value, target_span) {
            (Some(sum), Some((ws, _))) if window_count > 0 => {
                let remaining = (i64::from(we) - i64::from(t)).max(0);
                match ctx.forecast {
                    ForecastMethod::Linear => {
                        let mean = div(sum, Decimal::from(window_count), r);
                        mean.and_then(|m| {
                            let extra = m.checked_mul(Decimal::from(remaining));
                            extra
                                .and_then(|x| x.checked_add(sum))
                                .or_else(|| overflow(r))
                        })
                    }
                    ForecastMethod::Cagr => {
                        cagr_window(observations, fs, ws, t.min(we), sum, remaining, r)
                    }
                }
            }
            _ => None,
        },
        (_, Some(ty)) => match (base_value, baseline.and_then(|b| b.period)) {
            (Some(bv), Some(bp)) => {
                let by = bp.end_year(fs);
                match ctx.forecast {
                    ForecastMethod::Linear => linear(observations, fs, by, bv, t, ty, r),
                    ForecastMethod::Cagr => cagr_level(observations, fs, by, bv, t, ty, r),
                }
            }
            _ => {
                r.insert(Reason::NoBaseline);
                None
            }
        },
    };

    e.required_pace = match (e.value, e.target, horizon) {
        (Some(a), Some(tv), Some(ty)) => {
            if e.met == Some(true) {
                r.insert(Reason::TargetMet);
                None
            } else if t >= ty {
                r.insert(Reason::TargetPeriodPassed);
                None
            } else {
                let remaining = Decimal::from(i64::from(ty) - i64::from(t));
                match tv.checked_sub(a) {
                    Some(gap) => div(gap, remaining, r),
                    None => overflow(r),
                }
            }
        }
        _ => None,
    };
    tidy(e)
}

fn tidy(mut e: Evaluation) -> Evaluation {
    for m in [
        &mut e.achievement,
        &mut e.progress,
        &mut e.expected,
        &mut e.pace,
        &mut e.forecast,
        &mut e.required_pace,
    ] {
        *m = m.map(|d| d.normalize());
    }
    e
}

fn rank(r: usize) -> Decimal {
    Decimal::from(u64::try_from(r).unwrap_or(u64::MAX))
}

/// True when `a` is strictly better than `b` in the indicator's direction.
fn better(dir: Direction, a: Decimal, b: Decimal) -> bool {
    match dir {
        Direction::Increase => a > b,
        Direction::Decrease => a < b,
    }
}

fn overflow(r: &mut Reasons) -> Option<Decimal> {
    r.insert(Reason::Overflow);
    None
}

fn reason_of(err: RatioError) -> Reason {
    match err {
        RatioError::DivisionByZero => Reason::DivisionByZero,
        RatioError::Overflow => Reason::Overflow,
    }
}

/// The fraction, or the reason there is none.
fn exact(x: Result<Ratio, RatioError>, r: &mut Reasons) -> Option<Ratio> {
    x.map_err(|err| r.insert(reason_of(err))).ok()
}

/// The fraction divided once into the decimal shown; `overflow` when it lies beyond the
/// decimal range (it is still graded by its fraction).
fn shown(x: Option<Ratio>, r: &mut Reasons) -> Option<Decimal> {
    x?.to_decimal().map_err(|err| r.insert(reason_of(err))).ok()
}

fn div(a: Decimal, b: Decimal, r: &mut Reasons) -> Option<Decimal> {
    if b.is_zero() {
        r.insert(Reason::DivisionByZero);
        return None;
    }
    a.checked_div(b).or_else(|| overflow(r))
}

/// Where an observation stands within its year: later-ending counts beat earlier ones. The
/// order in which the evaluation picks a year's figure (a year's own figure after any month or
/// day of it); charts place observations by it too.
pub fn position(o: &Observation, fs: FiscalStart) -> (i32, u16) {
    let year = o.period.end_year(fs);
    let within = match o.period {
        Period::Month { month, .. } => {
            let m = (u16::from(month) + 12 - u16::from(fs.month())) % 12;
            m * 32 + 31
        }
        Period::Date { month, day, .. } => {
            let m = (u16::from(month) + 12 - u16::from(fs.month())) % 12;
            m * 32 + u16::from(day)
        }
        _ => u16::MAX,
    };
    (year, within)
}

/// The observation that counts for its year: no other in the same year ends later (or, ending
/// at the same point, comes later in the slice). Only values of the same sort compete.
fn counts(
    observations: &[Observation],
    i: usize,
    fs: FiscalStart,
    competes: impl Fn(&Observation) -> bool,
) -> bool {
    let Some(me) = observations.get(i) else {
        return false;
    };
    let numeric = matches!(me.value, ObservedValue::Number(_));
    let (year, within) = position(me, fs);
    !observations.iter().enumerate().any(|(j, o)| {
        if j == i || !competes(o) || matches!(o.value, ObservedValue::Number(_)) != numeric {
            return false;
        }
        let (y, w) = position(o, fs);
        y == year && (w > within || (w == within && j > i))
    })
}

/// The latest number among observations whose year satisfies `keep`.
fn latest_number(
    observations: &[Observation],
    fs: FiscalStart,
    keep: impl Fn(i32) -> bool,
) -> Option<(i32, Decimal)> {
    let mut best: Option<((i32, u16), usize, Decimal)> = None;
    for (i, o) in observations.iter().enumerate() {
        let ObservedValue::Number(v) = o.value else {
            continue;
        };
        let pos = position(o, fs);
        if !keep(pos.0) {
            continue;
        }
        let newer = match &best {
            None => true,
            Some((bp, bi, _)) => match pos.cmp(bp) {
                Ordering::Greater => true,
                Ordering::Equal => i > *bi,
                Ordering::Less => false,
            },
        };
        if newer {
            best = Some((pos, i, v));
        }
    }
    best.map(|((y, _), _, v)| (y, v))
}

/// The latest milestone state at or before year `t`.
fn latest_state(observations: &[Observation], fs: FiscalStart, t: i32) -> Option<(i32, &str)> {
    let mut best: Option<((i32, u16), usize, &str)> = None;
    for (i, o) in observations.iter().enumerate() {
        let ObservedValue::State(s) = &o.value else {
            continue;
        };
        let pos = position(o, fs);
        if pos.0 > t {
            continue;
        }
        if best
            .as_ref()
            .is_none_or(|(bp, bi, _)| pos > *bp || (pos == *bp && i > *bi))
        {
            best = Some((pos, i, s.as_str()));
        }
    }
    best.map(|((y, _), _, s)| (y, s))
}

enum Sum {
    Value { sum: Decimal, years: i32 },
    Empty,
    Overflow,
}

/// The sum of the yearly flows observed in `[from, to]`, and how many years they cover.
/// An observation of a window counts when the window lies inside `[from, to]`.
fn window_sum(observations: &[Observation], fs: FiscalStart, from: i32, to: i32) -> Sum {
    let mut sum = Decimal::ZERO;
    let mut years = 0i32;
    for (i, o) in observations.iter().enumerate() {
        let ObservedValue::Number(v) = o.value else {
            continue;
        };
        let (s, e) = o.period.year_span(fs);
        let inside = |p: &Observation| {
            let (ps, pe) = p.period.year_span(fs);
            ps >= from && pe <= to
        };
        // Only observations of the same span compete (a year's figure beats its mid-year
        // count); a window's total stands in for its years only when nothing else inside
        // the window covers one of them.
        let same_span = |p: &Observation| inside(p) && p.period.year_span(fs) == (s, e);
        if !inside(o) || !counts(observations, i, fs, same_span) {
            continue;
        }
        let overlapped = s != e
            && observations.iter().any(|p| {
                let (ps, pe) = p.period.year_span(fs);
                matches!(p.value, ObservedValue::Number(_))
                    && inside(p)
                    && (ps, pe) != (s, e)
                    && ps <= e
                    && pe >= s
            });
        if overlapped {
            continue;
        }
        match sum.checked_add(v) {
            Some(x) => sum = x,
            None => return Sum::Overflow,
        }
        years = years.saturating_add(e.saturating_sub(s).saturating_add(1));
    }
    if years == 0 {
        Sum::Empty
    } else {
        Sum::Value { sum, years }
    }
}

/// Least squares through the baseline point and every observation after it up to `t`, read
/// at year `ty`. Years are measured from the baseline year so that sums stay small.
fn linear(
    observations: &[Observation],
    fs: FiscalStart,
    by: i32,
    bv: Decimal,
    t: i32,
    ty: i32,
    r: &mut Reasons,
) -> Option<Decimal> {
    let mut n = Decimal::ONE;
    let (mut sx, mut sy, mut sxx, mut sxy) = (Decimal::ZERO, bv, Decimal::ZERO, Decimal::ZERO);
    for (i, o) in observations.iter().enumerate() {
        let ObservedValue::Number(v) = o.value else {
            continue;
        };
        let y = o.period.end_year(fs);
        if y <= by || y > t || !counts(observations, i, fs, |_| true) {
            continue;
        }
        let x = Decimal::from(i64::from(y) - i64::from(by));
        let step = (|| {
            Some((
                n.checked_add(Decimal::ONE)?,
                sx.checked_add(x)?,
                sy.checked_add(v)?,
                sxx.checked_add(x.checked_mul(x)?)?,
                sxy.checked_add(x.checked_mul(v)?)?,
            ))
        })();
        match step {
            Some(s) => (n, sx, sy, sxx, sxy) = s,
            None => return overflow(r),
        }
    }
    if n < Decimal::TWO {
        r.insert(Reason::TooFewPoints);
        return None;
    }
    let at = Decimal::from(i64::from(ty) - i64::from(by));
    let result = (|| {
        let den = n.checked_mul(sxx)?.checked_sub(sx.checked_mul(sx)?)?;
        if den.is_zero() {
            return Some(None);
        }
        let slope = n
            .checked_mul(sxy)?
            .checked_sub(sx.checked_mul(sy)?)?
            .checked_div(den)?;
        let intercept = sy.checked_sub(slope.checked_mul(sx)?)?.checked_div(n)?;
        Some(Some(intercept.checked_add(slope.checked_mul(at)?)?))
    })();
    match result {
        Some(Some(v)) => Some(v),
        Some(None) => {
            r.insert(Reason::TooFewPoints);
            None
        }
        None => overflow(r),
    }
}

fn to_f64(d: Decimal) -> Option<f64> {
    d.to_f64().filter(|x| x.is_finite())
}

fn from_f64(x: f64, r: &mut Reasons) -> Option<Decimal> {
    if !x.is_finite() {
        return overflow(r);
    }
    Decimal::from_f64(x).or_else(|| overflow(r))
}

/// Compound growth from the baseline to the latest value, carried on to year `ty`.
fn cagr_level(
    observations: &[Observation],
    fs: FiscalStart,
    by: i32,
    bv: Decimal,
    t: i32,
    ty: i32,
    r: &mut Reasons,
) -> Option<Decimal> {
    let Some((ay, av)) = latest_number(observations, fs, |y| y > by && y <= t) else {
        r.insert(Reason::TooFewPoints);
        return None;
    };
    if bv <= Decimal::ZERO || av <= Decimal::ZERO {
        r.insert(Reason::NonPositiveValues);
        return None;
    }
    let (b, a) = (to_f64(bv)?, to_f64(av)?);
    let rate = (a / b).powf(1.0 / (f64::from(ay) - f64::from(by)));
    from_f64(a * rate.powf(f64::from(ty) - f64::from(ay)), r)
}

/// Window sums under compound growth of the yearly flows: the first and last flows observed
/// give the rate; the remaining years' flows grow on from the last.
fn cagr_window(
    observations: &[Observation],
    fs: FiscalStart,
    from: i32,
    to: i32,
    sum: Decimal,
    remaining: i64,
    r: &mut Reasons,
) -> Option<Decimal> {
    let yearly = |keep: &dyn Fn(i32) -> bool| {
        latest_number(observations, fs, |y| y >= from && y <= to && keep(y))
    };
    let last = yearly(&|_| true);
    // The earliest year: the latest number among years at or before the first observed year.
    let first_year = observations
        .iter()
        .filter(|o| matches!(o.value, ObservedValue::Number(_)))
        .map(|o| o.period.end_year(fs))
        .filter(|y| *y >= from && *y <= to)
        .min();
    let first = first_year.and_then(|fy| yearly(&|y| y == fy));
    let (Some((y1, f1)), Some((yl, fl))) = (first, last) else {
        r.insert(Reason::TooFewPoints);
        return None;
    };
    if remaining == 0 {
        return Some(sum);
    }
    if yl <= y1 {
        r.insert(Reason::TooFewPoints);
        return None;
    }
    if f1 <= Decimal::ZERO || fl <= Decimal::ZERO {
        r.insert(Reason::NonPositiveValues);
        return None;
    }
    let (a, b, s) = (to_f64(f1)?, to_f64(fl)?, to_f64(sum)?);
    let g = (b / a).powf(1.0 / (f64::from(yl) - f64::from(y1)));
    let n = remaining as f64;
    let extra = if (g - 1.0).abs() < 1e-12 {
        b * n
    } else {
        b * g * (g.powf(n) - 1.0) / (g - 1.0)
    };
    from_f64(s + extra, r)
}

#[cfg(test)]
mod tests;

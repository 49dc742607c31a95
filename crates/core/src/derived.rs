//! Ratio indicators: values computed each year from two other indicators of the plan.
//!
//! DESIGN.md → Ratios and breakdowns: an indicator may be `ratio = { numerator = "ID",
//! denominator = "ID", factor = 100000 }`, whose value each year is numerator / denominator ×
//! factor (`刑法犯認知件数（人口10万人当たり）` from the count and the population). This module is
//! that arithmetic and nothing else: the plan file reader turns the TOML into a [`RatioSpec`],
//! and [`resolve_ratios`] fills the ratio indicators of a [`Plan`] from their operands.
//!
//! The rules, each tested below:
//!
//! - **Exact, then rounded once to ten decimals.** A value is the exact fraction
//!   numerator × factor / denominator ([`crate::ratio::Ratio`], 256-bit integers, so the
//!   product never overflows on the way), rounded to at most [`RATIO_DECIMALS`] decimals,
//!   halves away from zero (`0.00000000005` → `0.0000000001`), then normalised (`12.50` →
//!   `12.5`). The rounding is the exact one: the fraction is compared with the two halfway
//!   points, so no earlier rounding to 28 digits can move a value across one. (From 10^17 up,
//!   where a `Decimal` holds fewer than 11 decimals, the value is the nearest `Decimal`, ties to
//!   even.) A quotient beyond the `Decimal` range gives no value for its period.
//! - **A zero denominator gives no value** for that period, and neither does a period that
//!   only one operand has, nor a state (a milestone's value).
//! - **The weaker status wins** (確定 < 速報 < 見込): a ratio of an estimate is an estimate;
//!   else of a provisional value, provisional. The as-of date is the later of the two.
//! - **Computed values win** ([`resolve_ratios`]): a value typed for a ratio indicator is kept
//!   for a period the computation does not cover, and replaced where it does, the replacement
//!   noted ([`RatioProblemKind::Overridden`]) when the two differ.
//! - **Ratios of ratios are resolved in dependency order**; a ratio that leads back round to
//!   itself is refused ([`RatioProblemKind::Cycle`]) with the circle it follows, and nothing
//!   loops. A ratio whose operand is a refused ratio is refused too.
//!
//! Nothing here panics, whatever the decimals.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;

use rust_decimal::prelude::RoundingStrategy;
use rust_decimal::Decimal;

use crate::indicator::{Observation, ObservationStatus, ObservedValue};
use crate::lang::{Lang, Localize};
use crate::period::{FiscalStart, Period};
use crate::plan::Plan;
use crate::quantity::format_decimal;
use crate::ratio::Ratio;

/// The most decimals a computed ratio keeps.
pub const RATIO_DECIMALS: u32 = 10;

/// How a ratio indicator is computed: `numerator / denominator × factor`, from two other
/// indicators of the same plan, named by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatioSpec {
    /// The id of the indicator divided (`犯罪件数`).
    pub numerator: String,
    /// The id of the indicator divided by (`人口`).
    pub denominator: String,
    /// What the quotient is multiplied by: `100` for a percentage, `100000` for "per 100,000".
    pub factor: Decimal,
}

/// `numerator × factor / denominator`, rounded as the module says: `None` for a zero
/// denominator, or a quotient beyond the `Decimal` range.
pub fn ratio_value(numerator: Decimal, denominator: Decimal, factor: Decimal) -> Option<Decimal> {
    if denominator.is_zero() {
        return None;
    }
    if numerator.is_zero() || factor.is_zero() {
        return Some(Decimal::ZERO);
    }
    // (n / d) / (1 / f) = n·f / d, as one fraction of 256-bit integers: nothing is rounded
    // before the end.
    let exact = Ratio::of(numerator, denominator)
        .and_then(|q| q.checked_div(Ratio::of(Decimal::ONE, factor)?))
        .ok()?;
    let nearest = exact.to_decimal().ok()?;
    let rounded =
        nearest.round_dp_with_strategy(RATIO_DECIMALS, RoundingStrategy::MidpointAwayFromZero);
    Some(exactly_rounded(exact, rounded).normalize())
}

/// `rounded` (the nearest decimal to `exact`, itself rounded to [`RATIO_DECIMALS`]) moved by
/// one step where that double rounding took it across a halfway point: `exact` must lie in
/// [rounded − ½ step, rounded + ½ step), or (rounded − ½ step, rounded + ½ step] when negative,
/// for halves to go away from zero.
fn exactly_rounded(exact: Ratio, rounded: Decimal) -> Decimal {
    let step = Decimal::new(1, RATIO_DECIMALS);
    let half = Decimal::new(5, RATIO_DECIMALS + 1);
    // Below 10^17 the halfway points (scale 11) fit a Decimal exactly; beyond, the nearest
    // decimal already has at most 11 decimals and is taken as it is.
    if rounded.abs() >= Decimal::from(100_000_000_000_000_000_i64) {
        return rounded;
    }
    let (Some(lo), Some(hi)) = (rounded.checked_sub(half), rounded.checked_add(half)) else {
        return rounded;
    };
    let (lo, hi) = (Ratio::from(lo), Ratio::from(hi));
    let negative = exact < Ratio::ZERO;
    let up = if negative { exact > hi } else { exact >= hi };
    let down = if negative { exact <= lo } else { exact < lo };
    let moved = if up {
        rounded.checked_add(step)
    } else if down {
        rounded.checked_sub(step)
    } else {
        None
    };
    moved.unwrap_or(rounded)
}

/// How sure a value is, as a rank: higher is less sure.
fn uncertainty(s: ObservationStatus) -> u8 {
    match s {
        ObservationStatus::Final => 0,
        ObservationStatus::Provisional => 1,
        ObservationStatus::Estimate => 2,
    }
}

/// The less sure of two statuses.
pub fn weaker_status(a: ObservationStatus, b: ObservationStatus) -> ObservationStatus {
    if uncertainty(b) > uncertainty(a) {
        b
    } else {
        a
    }
}

/// The later of two as-of dates, by their last day. An as-of date is a month or a day, whose
/// last day no fiscal start moves; a year given as one is placed with April's.
fn later_as_of(a: Option<Period>, b: Option<Period>) -> Option<Period> {
    let key = |p: Period| (p.last_day(FiscalStart::default()), p);
    match (a, b) {
        (Some(x), Some(y)) => Some(if key(y) > key(x) { y } else { x }),
        (x, None) => x,
        (None, y) => y,
    }
}

/// The ratio observations of two series: for each period of the numerator (in its order, the
/// first observation of a period only) that the denominator has too (its first numeric one),
/// [`ratio_value`] of the two numbers, with the weaker status and the later as-of date.
/// Periods with a zero denominator, a state on either side, or a quotient beyond the
/// `Decimal` range give nothing.
pub fn ratio_observations(
    numerator: &[Observation],
    denominator: &[Observation],
    factor: Decimal,
) -> Vec<Observation> {
    let mut below: HashMap<Period, (&Observation, Decimal)> = HashMap::new();
    for o in denominator {
        if let Some(d) = o.as_number() {
            below.entry(o.period).or_insert((o, d));
        }
    }
    let mut done: HashSet<Period> = HashSet::new();
    let mut out = Vec::new();
    for o in numerator {
        let Some(n) = o.as_number() else { continue };
        let Some(&(d_obs, d)) = below.get(&o.period) else {
            continue;
        };
        if !done.insert(o.period) {
            continue;
        }
        let Some(value) = ratio_value(n, d, factor) else {
            continue;
        };
        out.push(Observation {
            period: o.period,
            value: ObservedValue::Number(value),
            status: weaker_status(o.status, d_obs.status),
            as_of: later_as_of(o.as_of, d_obs.as_of),
        });
    }
    out
}

/// The numerator or the denominator of a ratio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operand {
    /// 分子.
    Numerator,
    /// 分母.
    Denominator,
}

impl Operand {
    /// `分子` / `numerator`, `分母` / `denominator`.
    pub fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Ja, Operand::Numerator) => "分子",
            (Lang::Ja, Operand::Denominator) => "分母",
            (Lang::En, Operand::Numerator) => "numerator",
            (Lang::En, Operand::Denominator) => "denominator",
        }
    }
}

/// Something [`resolve_ratios`] could not do, or did over a typed value: which ratio, and
/// what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatioProblem {
    /// The id of the ratio indicator.
    pub ratio: String,
    /// What is wrong; [`Localize`] tells it in either language.
    pub kind: RatioProblemKind,
}

/// What can stop a ratio being computed, or be worth telling when it is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RatioProblemKind {
    /// The plan has no indicator with the ratio's id.
    NoSuchRatio,
    /// A second definition for the same indicator; the first is used.
    Repeated,
    /// An operand that is no indicator of the plan.
    NoSuchOperand {
        /// Which operand.
        operand: Operand,
        /// The id as given.
        id: String,
    },
    /// An operand that is the ratio itself.
    SelfReference {
        /// Which operand.
        operand: Operand,
    },
    /// A factor of zero or below.
    FactorNotPositive {
        /// The factor as given.
        factor: Decimal,
    },
    /// An operand that is a ratio which could not be computed.
    OperandRefused {
        /// Which operand.
        operand: Operand,
        /// The operand's id.
        id: String,
    },
    /// Operands that lead, through other ratios, round in a circle: the ids followed, from
    /// this ratio to the first one met twice.
    Cycle {
        /// `[a, b, a]`, or `[c, a, b, a]` for a ratio that depends on a circle.
        path: Vec<String>,
    },
    /// A value typed for the ratio that the computation replaced (not a refusal: the
    /// computed value is in the plan).
    Overridden {
        /// The period.
        period: Period,
        /// The value that was typed.
        typed: ObservedValue,
        /// The value computed for it.
        computed: Decimal,
    },
}

impl RatioProblemKind {
    /// True when the ratio was not computed (every kind but
    /// [`RatioProblemKind::Overridden`]).
    pub fn refuses(&self) -> bool {
        !matches!(self, RatioProblemKind::Overridden { .. })
    }
}

impl Localize for RatioProblemKind {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use RatioProblemKind as K;
        let q = |s: &str| lang.quote(s).to_string();
        match (lang, self) {
            (Lang::Ja, K::NoSuchRatio) => f.write_str(
                "この id の指標が計画にありません。比率を置く指標の id を書いてください",
            ),
            (Lang::En, K::NoSuchRatio) => {
                f.write_str("the plan has no indicator with this id to hold the ratio")
            }
            (Lang::Ja, K::Repeated) => f.write_str("比率の定義が2回あります。最初の定義を使います"),
            (Lang::En, K::Repeated) => {
                f.write_str("defined a second time; the first definition is used")
            }
            (Lang::Ja, K::NoSuchOperand { operand, id }) => write!(
                f,
                "{}{}は計画の指標ではありません。計画にある指標の id を書いてください",
                operand.label(lang),
                q(id)
            ),
            (Lang::En, K::NoSuchOperand { operand, id }) => write!(
                f,
                "its {} {} is no indicator of the plan: give the id of one",
                operand.label(lang),
                q(id)
            ),
            (Lang::Ja, K::SelfReference { operand }) => write!(
                f,
                "{}がこの比率自身です。別の指標を指定してください",
                operand.label(lang)
            ),
            (Lang::En, K::SelfReference { operand }) => write!(
                f,
                "its {} is the ratio itself: name another indicator",
                operand.label(lang)
            ),
            (Lang::Ja, K::FactorNotPositive { factor }) => write!(
                f,
                "係数 {} は正の数ではありません。商に掛ける数（百分率なら 100、\
                 10万人当たりなら 100000）を書いてください",
                format_decimal(*factor)
            ),
            (Lang::En, K::FactorNotPositive { factor }) => write!(
                f,
                "the factor {} is not positive: give what the quotient is multiplied by \
                 (100 for a percentage, 100000 for a rate per 100,000)",
                format_decimal(*factor)
            ),
            (Lang::Ja, K::OperandRefused { operand, id }) => write!(
                f,
                "{}{}は計算できなかった比率の指標です。先にそちらを直してください",
                operand.label(lang),
                q(id)
            ),
            (Lang::En, K::OperandRefused { operand, id }) => write!(
                f,
                "its {} {} is a ratio that could not be computed: correct that one first",
                operand.label(lang),
                q(id)
            ),
            (Lang::Ja, K::Cycle { path }) => write!(
                f,
                "分子・分母をたどると比率が循環しています（{}）。どこかで比率でない指標を\
                 指定してください",
                path.join(" → ")
            ),
            (Lang::En, K::Cycle { path }) => write!(
                f,
                "its numerator and denominator lead round in a circle of ratios ({}): one of \
                 them must be an indicator that is not a ratio",
                path.join(" → ")
            ),
            (
                Lang::Ja,
                K::Overridden {
                    period,
                    typed,
                    computed,
                },
            ) => write!(
                f,
                "{period} に入力された値 {} は、分子と分母から計算した {} に置き換えました",
                shown(typed),
                format_decimal(*computed)
            ),
            (
                Lang::En,
                K::Overridden {
                    period,
                    typed,
                    computed,
                },
            ) => write!(
                f,
                "the value typed for {period} ({}) is replaced by the {} computed from the \
                 numerator and the denominator",
                shown(typed),
                format_decimal(*computed)
            ),
        }
    }
}

/// A typed value as a message shows it.
fn shown(v: &ObservedValue) -> String {
    match v {
        ObservedValue::Number(d) => format_decimal(*d),
        ObservedValue::State(s) => s.clone(),
    }
}

impl Localize for RatioProblem {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match lang {
            Lang::Ja => write!(f, "比率の指標{}: ", lang.quote(&self.ratio))?,
            Lang::En => write!(f, "ratio indicator {}: ", lang.quote(&self.ratio))?,
        }
        self.kind.localize(lang, f)
    }
}

impl fmt::Display for RatioProblemKind {
    /// The English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.localize(Lang::En, f)
    }
}

impl fmt::Display for RatioProblem {
    /// The English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.localize(Lang::En, f)
    }
}

impl std::error::Error for RatioProblem {}

/// Where one definition stands while the ratios are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// A later definition of an id defined before: ignored.
    Repeat,
    /// Refused; the plan's values for it are left as they are.
    Refused,
    /// Sound, waiting for its operands: the positions of the ratio, the numerator and the
    /// denominator among the plan's indicators.
    Waiting { at: usize, num: usize, den: usize },
    /// Computed.
    Done,
}

/// Fills each ratio indicator of `plan` (`specs`: its id and how it is computed) from its
/// numerator and denominator ([`ratio_observations`]), and says what it could not do.
///
/// A ratio whose operand is another ratio is computed after it (dependency order). Computed
/// values replace typed ones for the same period (noted with
/// [`RatioProblemKind::Overridden`] where they differ); typed values for other periods stay.
/// A refused ratio keeps the values it had. Each filled indicator's observations are left in
/// time order (last day of the period under the plan's fiscal start, then period, then as-of,
/// as [`crate::follow`] keeps them). The problems come in the order of `specs`.
pub fn resolve_ratios(plan: &mut Plan, specs: &[(String, RatioSpec)]) -> Vec<RatioProblem> {
    let mut problems: Vec<(usize, RatioProblem)> = Vec::new();
    let mut note = |at: usize, ratio: &str, kind: RatioProblemKind| {
        problems.push((
            at,
            RatioProblem {
                ratio: ratio.to_owned(),
                kind,
            },
        ));
    };

    // The first indicator with each id, as `Plan::indicator` finds it.
    let mut position: HashMap<&str, usize> = HashMap::with_capacity(plan.indicators.len());
    for (i, pi) in plan.indicators.iter().enumerate() {
        position.entry(pi.indicator.id.as_str()).or_insert(i);
    }
    // The first definition of each ratio.
    let mut definition: HashMap<&str, usize> = HashMap::with_capacity(specs.len());
    for (i, (id, _)) in specs.iter().enumerate() {
        definition.entry(id.as_str()).or_insert(i);
    }

    // What each definition is on its own.
    let mut state: Vec<State> = Vec::with_capacity(specs.len());
    for (i, (id, spec)) in specs.iter().enumerate() {
        if definition.get(id.as_str()) != Some(&i) {
            note(i, id, RatioProblemKind::Repeated);
            state.push(State::Repeat);
            continue;
        }
        let mut sound = true;
        let at = position.get(id.as_str()).copied();
        if at.is_none() {
            note(i, id, RatioProblemKind::NoSuchRatio);
            sound = false;
        }
        if spec.factor <= Decimal::ZERO {
            note(
                i,
                id,
                RatioProblemKind::FactorNotPositive {
                    factor: spec.factor,
                },
            );
            sound = false;
        }
        let mut operand = |operand: Operand, of: &str| -> Option<usize> {
            if of == id {
                note(i, id, RatioProblemKind::SelfReference { operand });
                return None;
            }
            let found = position.get(of).copied();
            if found.is_none() {
                note(
                    i,
                    id,
                    RatioProblemKind::NoSuchOperand {
                        operand,
                        id: of.to_owned(),
                    },
                );
            }
            found
        };
        let num = operand(Operand::Numerator, &spec.numerator);
        let den = operand(Operand::Denominator, &spec.denominator);
        state.push(match (sound, at, num, den) {
            (true, Some(at), Some(num), Some(den)) => State::Waiting { at, num, den },
            _ => State::Refused,
        });
    }

    // The definitions each one waits for (its operands that are ratios themselves), and the
    // ones that wait for it. Kahn's order: a definition is taken when nothing it waits for is
    // left, so a circle is never entered and is what remains at the end.
    let definition = &definition;
    let ratio_operands = move |i: usize| {
        specs.get(i).into_iter().flat_map(move |(_, s)| {
            [
                (Operand::Numerator, s.numerator.as_str()),
                (Operand::Denominator, s.denominator.as_str()),
            ]
            .into_iter()
            .filter_map(|(o, id)| definition.get(id).map(|&j| (o, id, j)))
            .filter(move |&(_, _, j)| j != i)
        })
    };
    let mut waits = vec![0usize; specs.len()];
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); specs.len()];
    for (i, s) in state.iter().enumerate() {
        if let State::Waiting { .. } = s {
            for (_, _, j) in ratio_operands(i) {
                waits[i] += 1;
                if let Some(d) = dependents.get_mut(j) {
                    d.push(i);
                }
            }
        }
    }
    let mut ready: VecDeque<usize> = (0..specs.len())
        .filter(|&i| match state[i] {
            State::Refused => true,
            State::Waiting { .. } => waits[i] == 0,
            State::Repeat | State::Done => false,
        })
        .collect();
    let fs = plan.fiscal_start;
    while let Some(i) = ready.pop_front() {
        if let (State::Waiting { at, num, den }, Some((id, spec))) = (state[i], specs.get(i)) {
            let mut refused = false;
            for (operand, of, j) in ratio_operands(i) {
                if state.get(j) == Some(&State::Refused) {
                    note(
                        i,
                        id,
                        RatioProblemKind::OperandRefused {
                            operand,
                            id: of.to_owned(),
                        },
                    );
                    refused = true;
                }
            }
            state[i] = if refused {
                State::Refused
            } else {
                for kind in fill(plan, fs, at, num, den, spec.factor) {
                    note(i, id, kind);
                }
                State::Done
            };
        }
        for &k in dependents.get(i).map(Vec::as_slice).unwrap_or_default() {
            if let Some(w) = waits.get_mut(k) {
                *w = w.saturating_sub(1);
                if *w == 0 {
                    ready.push_back(k);
                }
            }
        }
    }

    // What is still waiting is on a circle, or depends on one: follow the operands that are
    // still waiting until an id comes round again.
    for (i, (id, _)) in specs.iter().enumerate() {
        if !matches!(state[i], State::Waiting { .. }) {
            continue;
        }
        let mut path = vec![id.clone()];
        let mut seen = HashSet::from([i]);
        let mut here = i;
        // Each step goes to another definition still waiting, so the walk ends within
        // `specs.len()` steps; the bound only makes that plain.
        for _ in 0..specs.len() {
            let next = ratio_operands(here)
                .find(|&(_, _, j)| matches!(state.get(j), Some(State::Waiting { .. })));
            let Some((_, of, j)) = next else { break };
            path.push(of.to_owned());
            if !seen.insert(j) {
                break;
            }
            here = j;
        }
        note(i, id, RatioProblemKind::Cycle { path });
    }

    problems.sort_by_key(|&(i, _)| i);
    problems.into_iter().map(|(_, p)| p).collect()
}

/// Computes one ratio into the indicator at `at`, and says which typed values it replaced.
fn fill(
    plan: &mut Plan,
    fs: FiscalStart,
    at: usize,
    num: usize,
    den: usize,
    factor: Decimal,
) -> Vec<RatioProblemKind> {
    let computed = match (plan.indicators.get(num), plan.indicators.get(den)) {
        (Some(n), Some(d)) => ratio_observations(&n.observations, &d.observations, factor),
        _ => return Vec::new(),
    };
    let Some(target) = plan.indicators.get_mut(at) else {
        return Vec::new();
    };
    let by_period: HashMap<Period, Decimal> = computed
        .iter()
        .filter_map(|o| Some((o.period, o.as_number()?)))
        .collect();
    let mut notes = Vec::new();
    let typed = std::mem::take(&mut target.observations);
    let mut observations = computed;
    for o in typed {
        match by_period.get(&o.period) {
            None => observations.push(o),
            Some(&c) if o.as_number() == Some(c) => {}
            Some(&c) => notes.push(RatioProblemKind::Overridden {
                period: o.period,
                typed: o.value,
                computed: c,
            }),
        }
    }
    observations.sort_by_key(|o| (o.period.last_day(fs), o.period, o.as_of));
    target.observations = observations;
    notes
}

#[cfg(test)]
mod tests;

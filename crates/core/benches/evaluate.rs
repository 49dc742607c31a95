//! Benchmarks of the one evaluation: a large government's whole set of indicators in one fiscal
//! year, and one indicator at 10 and 100 observations to show that evaluation allocates
//! nothing, whatever the number of observations.
//!
//! `cargo bench -p shinchoku-core --bench evaluate`; the figures and the machine are in
//! BENCHMARKS.md. The inputs are built before the timed closure from a fixed xorshift seed, so
//! every run evaluates the same indicators. Divan's `AllocProfiler` wraps the system allocator
//! (the workspace forbids `unsafe`, which a counting allocator of our own would need) and
//! prints the allocations per iteration beside the times (and nothing where there are none).

use divan::counter::ItemsCount;
use divan::{black_box, AllocProfiler, Bencher};
use shinchoku_core::evaluate::{evaluate, Context, ForecastMethod};
use shinchoku_core::grading::GradingScheme;
use shinchoku_core::indicator::{
    Baseline, Direction, Indicator, IndicatorKind, Observation, Target,
};
use shinchoku_core::period::{FiscalStart, Period};
use shinchoku_core::plan::{Plan, PlanCode, PlanIndicator};
use shinchoku_core::Decimal;

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

fn main() {
    divan::main();
}

/// Indicators evaluated per iteration of the plan benchmarks.
const INDICATORS: usize = 100_000;
/// Observations per indicator in the plan benchmarks.
const OBSERVATIONS: usize = 10;
/// The plan's window: ten fiscal years.
const PLAN_START: i32 = 2021;
const PLAN_END: i32 = 2030;
/// The evaluation year, in the middle of the window.
const FY: i32 = 2025;

/// Marsaglia's xorshift64: deterministic data without another crate.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `lo..hi`.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        let span = u64::try_from(hi - lo).unwrap_or(1).max(1);
        lo + i64::try_from(self.next() % span).unwrap_or(0)
    }
}

fn fy(y: i32) -> Period {
    Period::FiscalYear(y)
}

/// One indicator of the kind given, with `n` yearly observations ending in the plan's last
/// year: a baseline the year before the first, a target for the plan's end, values that move
/// from the baseline towards the target with noise. One in five counts down. A period_total
/// sums yearly flows over the plan's window against the previous window's total.
fn indicator(rng: &mut XorShift, kind: IndicatorKind, n: usize) -> (Indicator, Vec<Observation>) {
    let n_years = i32::try_from(n).unwrap_or(i32::MAX);
    let first = PLAN_END - n_years + 1;
    let decrease = rng.between(0, 5) == 0;
    // Tenths, as plans print rates and counts (19.3 %, 1,234.5 億円).
    let base = rng.between(100, 1_000_000);
    let change = rng.between(10, 100); // % of the baseline to gain or lose
    let (direction, goal) = if decrease {
        (Direction::Decrease, base - base * change.min(90) / 100)
    } else {
        (Direction::Increase, base + base * change / 100)
    };
    let (baseline, target, observations) = if kind == IndicatorKind::PeriodTotal {
        // Yearly flows in tenths that add up to about the target over the ten-year window.
        let flow = goal;
        let obs = (first..=PLAN_END)
            .map(|y| {
                let v = flow + rng.between(-flow / 4, flow / 4 + 1);
                Observation::number(fy(y), Decimal::new(v, 1))
            })
            .collect();
        let window = |a, b| Period::fiscal_years(a, b).unwrap_or(fy(b));
        (
            Baseline {
                value: Some(Decimal::new(base * 10, 1)),
                period: Some(window(PLAN_START - 10, PLAN_START - 1)),
                ..Baseline::default()
            },
            Target {
                value: Some(Decimal::new(goal * 10, 1)),
                period: Some(window(PLAN_START, PLAN_END)),
                text: None,
            },
            obs,
        )
    } else {
        let steps = i64::from(PLAN_END - first + 1);
        let obs = (first..=PLAN_END)
            .map(|y| {
                let k = i64::from(y - first + 1);
                let path = base + (goal - base) * k / steps;
                let v = path + rng.between(-base / 20, base / 20 + 1);
                Observation::number(fy(y), Decimal::new(v, 1))
            })
            .collect();
        (
            Baseline {
                value: Some(Decimal::new(base, 1)),
                period: Some(fy(first - 1)),
                ..Baseline::default()
            },
            Target {
                value: Some(Decimal::new(goal, 1)),
                period: Some(fy(PLAN_END)),
                text: None,
            },
            obs,
        )
    };
    let ind = Indicator {
        id: format!("i{}", rng.next() % 1_000_000),
        name: "指標".into(),
        unit: "件".into(),
        kind,
        direction,
        baseline: Some(baseline),
        target: Some(target),
        ..Indicator::default()
    };
    (ind, observations)
}

/// The mix of kinds in the seed plans: mostly levels, then cumulative counts, window totals
/// and single-year figures.
fn kind_of(rng: &mut XorShift) -> IndicatorKind {
    match rng.between(0, 10) {
        0..=3 => IndicatorKind::Level,
        4..=5 => IndicatorKind::Cumulative,
        6..=7 => IndicatorKind::PeriodTotal,
        _ => IndicatorKind::Annual,
    }
}

fn plan_data() -> Vec<(Indicator, Vec<Observation>)> {
    let mut rng = XorShift(0x5eed_2025_cafe_f00d);
    (0..INDICATORS)
        .map(|_| {
            let kind = kind_of(&mut rng);
            indicator(&mut rng, kind, OBSERVATIONS)
        })
        .collect()
}

fn context(scheme: &GradingScheme, forecast: ForecastMethod) -> Context<'_> {
    Context {
        fy: FY,
        plan_period: Period::fiscal_years(PLAN_START, PLAN_END).ok(),
        fiscal_start: FiscalStart::APRIL,
        scheme,
        forecast,
    }
}

fn bench_plan(bencher: Bencher, forecast: ForecastMethod) {
    let data = plan_data();
    let scheme = GradingScheme::pace();
    let ctx = context(&scheme, forecast);
    bencher
        .counter(ItemsCount::new(INDICATORS))
        .bench_local(|| {
            let mut graded = 0usize;
            for (ind, obs) in &data {
                let e = evaluate(black_box(ind), black_box(obs), &ctx);
                graded += usize::from(e.grade.is_some());
                black_box(&e);
            }
            graded
        });
}

/// 100,000 indicators × 10 observations, pace scheme, linear forecast.
#[divan::bench(sample_count = 50)]
fn plan_100k_linear(bencher: Bencher) {
    bench_plan(bencher, ForecastMethod::Linear);
}

/// The same with the CAGR forecast.
#[divan::bench(sample_count = 50)]
fn plan_100k_cagr(bencher: Bencher) {
    bench_plan(bencher, ForecastMethod::Cagr);
}

/// The same 100,000 indicators through `Plan::evaluate`, which the command line calls: it
/// collects the evaluations into one vector, so the allocation columns show exactly one
/// allocation per iteration — the control that the profiler is counting at all (divan prints
/// no allocation rows where every count is zero).
#[divan::bench(sample_count = 50)]
fn plan_100k_linear_collected(bencher: Bencher) {
    let Some(code) = PlanCode::new("bench") else {
        return;
    };
    let mut plan = Plan::new(code, "bench");
    plan.period = Period::fiscal_years(PLAN_START, PLAN_END).ok();
    plan.indicators = plan_data()
        .into_iter()
        .map(|(indicator, observations)| PlanIndicator {
            indicator,
            observations,
            ..PlanIndicator::default()
        })
        .collect();
    bencher
        .counter(ItemsCount::new(INDICATORS))
        .bench_local(|| black_box(&plan).evaluate(FY, ForecastMethod::Linear));
}

/// One indicator of each of the four numeric kinds, evaluated in turn, at 10 and 100
/// observations: the allocation columns must read 0 for both.
#[divan::bench(args = [10, 100])]
fn four_indicators_by_observations(bencher: Bencher, n: usize) {
    let mut rng = XorShift(0x0b5e_4a71_0000_0001);
    let data: Vec<(Indicator, Vec<Observation>)> = [
        IndicatorKind::Level,
        IndicatorKind::Cumulative,
        IndicatorKind::PeriodTotal,
        IndicatorKind::Annual,
    ]
    .into_iter()
    .map(|kind| indicator(&mut rng, kind, n))
    .collect();
    let scheme = GradingScheme::pace();
    let ctx = context(&scheme, ForecastMethod::Linear);
    bencher.bench_local(|| {
        for (ind, obs) in &data {
            black_box(evaluate(black_box(ind), black_box(obs), &ctx));
        }
    });
}

//! Properties of both drawings over arbitrary input: whatever indicator, observations,
//! earlier plans, roadmap, years and text they get — empty, one point, all equal, the largest
//! and smallest decimals, periods built by hand with impossible months or reversed windows,
//! control characters and markup in names — they return one well-formed SVG element with its
//! frame (viewBox, role, title, desc), finite numbers only, every point inside the viewBox,
//! no raw markup from the input, and they never panic.

#![allow(clippy::unwrap_used)] // test helpers

mod support;

use proptest::prelude::*;
use proptest::test_runner::Config;
use shinchoku_core::evaluate::Evaluation;
use shinchoku_core::indicator::{
    Baseline, BaselineStat, Comparator, Direction, Indicator, IndicatorKind, Observation,
    ObservationStatus, ObservedValue, Target, YearlyTarget,
};
use shinchoku_core::period::{FiscalStart, Period};
use shinchoku_core::plan::{PlanIndicator, RoadmapItem};
use shinchoku_core::{Decimal, Lang};
use shinchoku_report::{indicator_chart, roadmap_gantt, ChartInput, EarlierSeries};
use support::{check_svg, outside_view_box};

fn config() -> Config {
    Config {
        cases: 384,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Decimals as plans hold them, and the edges: few small values (so values repeat and are
/// equal), any mantissa at any scale, and the extremes.
fn decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        4 => (-5i64..=5).prop_map(Decimal::from),
        4 => (-1_000_000i64..1_000_000, 0u32..=4).prop_map(|(m, s)| Decimal::new(m, s)),
        2 => (any::<i128>(), 0u32..=28).prop_map(|(m, s)| {
            let m = m % (1i128 << 96);
            Decimal::try_from_i128_with_scale(m, s).unwrap_or(Decimal::ONE)
        }),
        1 => Just(Decimal::MAX),
        1 => Just(Decimal::MIN),
        1 => Just(Decimal::new(1, 28)),
    ]
}

/// Years mostly near today, sometimes anywhere an `i32` reaches.
fn year() -> impl Strategy<Value = i32> {
    prop_oneof![
        8 => 2015i32..2032,
        1 => 1000i32..=9999,
        1 => any::<i32>(),
    ]
}

/// Every variant, including what only a hand-built value can hold (month 0, day 40,
/// windows running backwards).
fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        4 => year().prop_map(Period::FiscalYear),
        1 => year().prop_map(Period::CalendarYear),
        2 => (year(), year()).prop_map(|(start, end)| Period::FiscalYears { start, end }),
        1 => (year(), year()).prop_map(|(start, end)| Period::CalendarYears { start, end }),
        1 => (year(), any::<u8>()).prop_map(|(year, month)| Period::Month { year, month }),
        1 => (year(), any::<u8>(), any::<u8>())
            .prop_map(|(year, month, day)| Period::Date { year, month, day }),
    ]
}

/// Text: plain Japanese, markup, and anything at all.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "",
            "企業誘致件数",
            "<script>alert(1)</script>",
            "a & b \"c\" 'd' <e>",
            "実施中",
            "（仮称）やまぐちイノベーション創出推進拠点の整備に向けた基本構想の策定及び関係機関との協議",
            "Society5.0の実現に向けたIoT・AI・ロボット等の先端技術の導入支援",
        ])
        .prop_map(str::to_owned),
        2 => any::<String>(),
    ]
}

fn status() -> impl Strategy<Value = ObservationStatus> {
    prop_oneof![
        Just(ObservationStatus::Final),
        Just(ObservationStatus::Provisional),
        Just(ObservationStatus::Estimate),
    ]
}

fn observation() -> impl Strategy<Value = Observation> {
    let value = prop_oneof![
        3 => decimal().prop_map(ObservedValue::Number),
        1 => text().prop_map(ObservedValue::State),
    ];
    (period(), value, status(), proptest::option::of(period())).prop_map(
        |(period, value, status, as_of)| Observation {
            period,
            value,
            status,
            as_of,
        },
    )
}

prop_compose! {
    fn indicator()(
        kind in prop::sample::select(IndicatorKind::ALL.to_vec()),
        name in text(),
        unit in prop::sample::select(vec!["", "%", "件", "億円", "<u>&"]),
        decrease in any::<bool>(),
        baseline in proptest::option::of((
            proptest::option::of(decimal()),
            proptest::option::of(period()),
            any::<bool>(),
            proptest::option::of(text()),
        )),
        target in proptest::option::of((
            proptest::option::of(decimal()),
            proptest::option::of(period()),
            proptest::option::of(text()),
        )),
        yearly in prop::collection::vec((period(), decimal()), 0..4),
        states in prop::collection::vec(text(), 0..5),
        observations in prop::collection::vec(observation(), 0..12),
    ) -> PlanIndicator {
        PlanIndicator {
            indicator: Indicator {
                id: "i".into(),
                name,
                unit: unit.to_owned(),
                kind,
                direction: if decrease { Direction::Decrease } else { Direction::Increase },
                comparator: Comparator::AtLeast,
                baseline: baseline.map(|(value, period, mean, state)| Baseline {
                    value,
                    period,
                    stat: if mean { BaselineStat::Mean } else { BaselineStat::Value },
                    note: None,
                    state,
                }),
                target: target.map(|(value, period, text)| Target { value, period, text }),
                yearly_targets: yearly
                    .into_iter()
                    .map(|(period, value)| YearlyTarget { period, value })
                    .collect(),
                states,
            },
            observations,
            ..PlanIndicator::default()
        }
    }
}

fn earlier() -> impl Strategy<Value = Vec<EarlierSeries>> {
    prop::collection::vec(
        (text(), prop::collection::vec((year(), decimal()), 0..6))
            .prop_map(|(label, points)| EarlierSeries { label, points }),
        0..4,
    )
}

fn lang() -> impl Strategy<Value = Lang> {
    prop::sample::select(Lang::ALL.to_vec())
}

fn fiscal_start() -> impl Strategy<Value = FiscalStart> {
    (1u8..=12).prop_map(|m| FiscalStart::new(m).unwrap())
}

fn roadmap_item() -> impl Strategy<Value = RoadmapItem> {
    (
        text(),
        proptest::option::of(period()),
        proptest::option::of(period()),
        prop::collection::vec((period(), text()), 0..4),
    )
        .prop_map(|(title, start, end, notes)| RoadmapItem {
            node: None,
            title,
            start,
            end,
            notes,
        })
}

/// The checks every drawing passes, whatever it was given.
fn check(svg: &str) -> Result<(), TestCaseError> {
    if let Err(e) = check_svg(svg) {
        return Err(TestCaseError::fail(format!("{e}\n{svg}")));
    }
    prop_assert!(!svg.contains("NaN") && !svg.contains("<script"), "{}", svg);
    // Everything is drawn inside the drawing (a marker may overhang its edge a little).
    let outside = outside_view_box(svg, 8.0);
    prop_assert!(outside.is_empty(), "{:?}\n{}", outside, svg);
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_indicator_gives_a_well_formed_chart(
        pi in indicator(),
        forecast in proptest::option::of(decimal()),
        earlier in earlier(),
        current_fy in proptest::option::of(year()),
        plan_period in proptest::option::of(period()),
        fiscal_start in fiscal_start(),
        lang in lang(),
    ) {
        let evaluation = Evaluation { forecast, ..Evaluation::default() };
        let input = ChartInput {
            indicator: &pi,
            evaluation: Some(&evaluation),
            earlier: &earlier,
            current_fy,
            plan_period,
            fiscal_start,
        };
        check(&indicator_chart(&input, lang))?;
    }

    #[test]
    fn any_roadmap_gives_a_well_formed_gantt_chart(
        items in prop::collection::vec(roadmap_item(), 0..8),
        plan_period in proptest::option::of(period()),
        fiscal_start in fiscal_start(),
        current_fy in proptest::option::of(year()),
        lang in lang(),
    ) {
        check(&roadmap_gantt(&items, plan_period, fiscal_start, current_fy, lang))?;
    }
}

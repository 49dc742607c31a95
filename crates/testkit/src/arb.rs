//! Random sound plans for property tests: every field a plan holds, in every form — trees
//! whose parents come earlier, indicators of every kind with decimals of every scale (up to 28
//! digits after the point and 96-bit mantissas), every form of period, milestone states,
//! observations with status and as-of dates, repeated periods, and strings with quotes,
//! backslashes, line breaks and control characters.
//!
//! Shared by the plan file's properties (`crates/import/tests/planfile_props.rs`) and the
//! store's (`crates/store/tests/store_props.rs`), so that both prove their round trip on the
//! same plans. [`plan`] is the entry point.

use proptest::prelude::*;
use shinchoku_core::derived::RatioSpec;
use shinchoku_core::grading::{Condition, GradeRule, GradingScheme, Timing};
use shinchoku_core::indicator::{
    Baseline, BaselineStat, Comparator, Direction, Indicator, IndicatorKind, Observation,
    ObservationStatus, ObservedValue, Target, YearlyTarget, DEFAULT_MILESTONE_STATES,
};
use shinchoku_core::period::{FiscalStart, Period};
use shinchoku_core::plan::{
    Issuer, Link, LinkKind, Marker, Member, Node, Organization, Plan, PlanCode, PlanIndicator,
    RoadmapItem,
};
use shinchoku_core::Decimal;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z0-9 ]{0,12}",
        3 => "[ぁ-ん一-龥（）・、。]{1,12}",
        2 => any::<String>(),
        1 => "[\"\\\\\n\t\r#=\\[\\]{}'.,]{0,6}",
    ]
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

/// A state as the milestone check compares it: no surrounding spaces.
fn state() -> impl Strategy<Value = String> {
    "[a-zぁ-ん実施中現\"\\\\#=]{1,6}"
}

fn decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (-100_000_i64..100_000, 0_u32..4).prop_map(|(m, s)| Decimal::new(m, s)),
        (any::<i64>(), 0_u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
        (any::<i128>(), 0_u32..=28).prop_map(|(m, s)| {
            let m = m % (1_i128 << 96);
            Decimal::try_from_i128_with_scale(m, s).unwrap_or_default()
        }),
    ]
}

fn year() -> impl Strategy<Value = i32> {
    prop_oneof![3 => 1990_i32..2040, 1 => 1000_i32..=9999]
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        year().prop_map(Period::FiscalYear),
        year().prop_map(Period::CalendarYear),
        (1000_i32..9990, 1_i32..10).prop_map(|(s, n)| Period::FiscalYears {
            start: s,
            end: s + n
        }),
        (1000_i32..9990, 1_i32..10).prop_map(|(s, n)| Period::CalendarYears {
            start: s,
            end: s + n
        }),
        (year(), 1_u8..=12).prop_map(|(year, month)| Period::Month { year, month }),
        (year(), 1_u8..=12, 1_u8..=31)
            .prop_filter_map("a real date", |(y, m, d)| Period::date(y, m, d).ok()),
    ]
}

fn kind() -> impl Strategy<Value = IndicatorKind> {
    prop::sample::select(IndicatorKind::ALL.to_vec())
}

fn status() -> impl Strategy<Value = ObservationStatus> {
    prop_oneof![
        4 => Just(ObservationStatus::Final),
        1 => Just(ObservationStatus::Provisional),
        1 => Just(ObservationStatus::Estimate),
    ]
}

fn condition() -> impl Strategy<Value = Condition> {
    prop_oneof![
        Just(Condition::Met),
        Just(Condition::WorseThanBaseline),
        Just(Condition::Always),
        (
            prop::sample::select(vec!["achievement", "progress", "pace"]),
            prop::sample::select(vec![">=", ">", "<=", "<"]),
            decimal()
        )
            .prop_filter_map("a condition", |(m, c, v)| format!("{m} {c} {v}")
                .parse()
                .ok()),
    ]
}

fn grading() -> impl Strategy<Value = GradingScheme> {
    let custom = (
        text(),
        prop::bool::ANY,
        prop::collection::vec((text(), text(), condition()), 0..5),
    )
        .prop_map(|(name, after, rules)| GradingScheme {
            name,
            timing: if after {
                Timing::AfterTarget
            } else {
                Timing::EveryYear
            },
            rules: rules
                .into_iter()
                .map(|(label, name, condition)| GradeRule {
                    label,
                    name,
                    condition,
                })
                .collect(),
        });
    prop_oneof![
        2 => Just(GradingScheme::pace()),
        1 => Just(GradingScheme::final_achievement()),
        2 => custom,
    ]
}

/// A node before the tree is known: `parent` picks among the nodes before it.
#[derive(Debug, Clone)]
struct NodeSeed {
    id: String,
    parent: Option<usize>,
    kind: Option<String>,
    label: Option<String>,
    title: String,
    body: Option<String>,
    marker: Option<Marker>,
}

fn node_seed() -> impl Strategy<Value = NodeSeed> {
    let marker = prop_oneof![
        3 => Just(None),
        1 => Just(Some(Marker::New)),
        1 => Just(Some(Marker::Relisted)),
        1 => opt_text().prop_map(|old_title| Some(Marker::Modified { old_title })),
    ];
    (
        text(),
        prop::option::of(any::<usize>()),
        opt_text(),
        opt_text(),
        text(),
        opt_text(),
        marker,
    )
        .prop_map(|(id, parent, kind, label, title, body, marker)| NodeSeed {
            id,
            parent,
            kind,
            label,
            title,
            body,
            marker,
        })
}

#[derive(Debug, Clone)]
struct IndicatorSeed {
    id: String,
    node: Option<usize>,
    name: String,
    unit: String,
    kind: IndicatorKind,
    direction: Direction,
    comparator: Comparator,
    baseline: Option<Baseline>,
    target: Option<Target>,
    yearly_targets: Vec<YearlyTarget>,
    states: Vec<String>,
    /// Period, number, state pick, status, as-of.
    observations: Vec<(Period, Decimal, usize, ObservationStatus, Option<Period>)>,
    category: Option<String>,
    source: Option<String>,
    note: Option<String>,
    series_key: Option<String>,
}

fn baseline() -> impl Strategy<Value = Baseline> {
    (
        prop::option::of(decimal()),
        prop::option::of(period()),
        prop::bool::ANY,
        opt_text(),
        opt_text(),
    )
        .prop_map(|(value, period, mean, note, state)| Baseline {
            value,
            period,
            stat: if mean {
                BaselineStat::Mean
            } else {
                BaselineStat::Value
            },
            note,
            state,
        })
}

fn target() -> impl Strategy<Value = Target> {
    (
        prop::option::of(decimal()),
        prop::option::of(period()),
        opt_text(),
    )
        .prop_map(|(value, period, text)| Target {
            value,
            period,
            text,
        })
}

fn indicator_seed() -> impl Strategy<Value = IndicatorSeed> {
    let head = (
        text(),
        prop::option::of(any::<usize>()),
        text(),
        text(),
        kind(),
        prop::sample::select(vec![Direction::Increase, Direction::Decrease]),
        prop::sample::select(vec![
            Comparator::Exact,
            Comparator::AtLeast,
            Comparator::AtMost,
        ]),
    );
    let body = (
        prop::option::of(baseline()),
        prop::option::of(target()),
        prop::collection::vec(
            (period(), decimal()).prop_map(|(period, value)| YearlyTarget { period, value }),
            0..4,
        ),
        prop::collection::vec(state(), 0..5),
        prop::collection::vec(
            (
                prop_oneof![
                    4 => (2015_i32..2030).prop_map(Period::FiscalYear),
                    1 => period(),
                ],
                decimal(),
                any::<usize>(),
                status(),
                prop::option::of(period()),
            ),
            0..7,
        ),
        (opt_text(), opt_text(), opt_text(), opt_text()),
    );
    (head, body).prop_map(
        |(
            (id, node, name, unit, kind, direction, comparator),
            (
                baseline,
                target,
                yearly_targets,
                states,
                observations,
                (category, source, note, series_key),
            ),
        )| IndicatorSeed {
            id,
            node,
            name,
            unit,
            kind,
            direction,
            comparator,
            baseline,
            target,
            yearly_targets,
            states,
            observations,
            category,
            source,
            note,
            series_key,
        },
    )
}

fn roadmap_seed() -> impl Strategy<Value = (Option<usize>, RoadmapItem)> {
    (
        prop::option::of(any::<usize>()),
        text(),
        prop::option::of(period()),
        prop::option::of(period()),
        prop::collection::vec((period(), text()), 0..4),
    )
        .prop_map(|(node, title, start, end, notes)| {
            (
                node,
                RoadmapItem {
                    node: None,
                    title,
                    start,
                    end,
                    notes,
                },
            )
        })
}

/// Organisation, position, name, reading.
type MemberSeed = (Option<String>, Option<String>, String, Option<String>);

/// Makes the seeds into a sound plan: unique ids, references to nodes that exist, parents
/// before children, milestone observations among the states.
#[allow(clippy::too_many_arguments)]
fn build(
    code: String,
    title: String,
    issuer: Option<(String, Option<String>)>,
    period: Option<Period>,
    month: u8,
    grading: GradingScheme,
    source: Option<String>,
    nodes: Vec<NodeSeed>,
    links: Vec<(usize, usize, LinkKind)>,
    indicators: Vec<IndicatorSeed>,
    roadmap: Vec<(Option<usize>, RoadmapItem)>,
    organizations: Vec<(String, Vec<String>)>,
    members: Vec<MemberSeed>,
) -> Plan {
    let mut p = Plan::new(PlanCode::new(&code).unwrap(), title);
    p.issuer = issuer.map(|(name, code)| Issuer { name, code });
    p.period = period;
    p.fiscal_start = FiscalStart::new(month).unwrap();
    p.grading = grading;
    p.source = source;
    for (i, n) in nodes.into_iter().enumerate() {
        let parent = match (n.parent, i) {
            (Some(pick), 1..) => Some(p.nodes[pick % i].id.clone()),
            _ => None,
        };
        p.nodes.push(Node {
            // Every third node weighs something else than 1 (2, 0.3, 5, …), so the round
            // trips carry weights.
            weight: (i % 3 == 1).then(|| {
                let i = i64::try_from(i).unwrap_or(0);
                Decimal::new(i % 7 + 1, u32::try_from(i % 2).unwrap_or(0))
            }),
            id: format!("{}#{i}", n.id),
            parent,
            kind: n.kind,
            label: n.label,
            title: n.title,
            body: n.body,
            marker: n.marker,
        });
    }
    let node_id = |pick: Option<usize>, nodes: &[Node]| {
        pick.filter(|_| !nodes.is_empty())
            .map(|k| nodes[k % nodes.len()].id.clone())
    };
    if !p.nodes.is_empty() {
        for (a, b, kind) in links {
            p.links.push(Link {
                from: p.nodes[a % p.nodes.len()].id.clone(),
                to: p.nodes[b % p.nodes.len()].id.clone(),
                kind,
            });
        }
    }
    for (i, s) in indicators.into_iter().enumerate() {
        let milestone = s.kind == IndicatorKind::Milestone;
        let states: Vec<String> = if s.states.is_empty() {
            DEFAULT_MILESTONE_STATES
                .iter()
                .map(|s| s.to_string())
                .collect()
        } else {
            s.states.clone()
        };
        let observations = s
            .observations
            .into_iter()
            .map(|(period, number, pick, status, as_of)| Observation {
                period,
                value: if milestone {
                    ObservedValue::State(states[pick % states.len()].clone())
                } else {
                    ObservedValue::Number(number)
                },
                status,
                as_of,
            })
            .collect();
        // Every fifth indicator from the fourth is a ratio of two earlier ones (none of them a
        // ratio: those are the first and the last before it).
        let ratio = match (p.indicators.first(), p.indicators.last()) {
            (Some(first), Some(last))
                if i % 5 == 3 && first.ratio.is_none() && last.ratio.is_none() =>
            {
                Some(RatioSpec {
                    numerator: first.indicator.id.clone(),
                    denominator: last.indicator.id.clone(),
                    factor: Decimal::new(100_000, u32::try_from(i % 4).unwrap_or(0)),
                })
            }
            _ => None,
        };
        p.indicators.push(PlanIndicator {
            ratio,
            indicator: Indicator {
                id: format!("{}#{i}", s.id),
                name: s.name,
                unit: s.unit,
                kind: s.kind,
                direction: s.direction,
                comparator: s.comparator,
                baseline: s.baseline,
                target: s.target,
                yearly_targets: s.yearly_targets,
                states: s.states,
            },
            node: node_id(s.node, &p.nodes),
            category: s.category,
            source: s.source,
            note: s.note,
            series_key: s.series_key,
            observations,
        });
    }
    for (pick, mut item) in roadmap {
        item.node = node_id(pick, &p.nodes);
        p.roadmap.push(item);
    }
    p.organizations = organizations
        .into_iter()
        .map(|(name, roles)| Organization { name, roles })
        .collect();
    p.members = members
        .into_iter()
        .map(|(organization, position, name, reading)| Member {
            organization,
            position,
            name,
            reading,
        })
        .collect();
    p
}

/// A random sound plan (`Plan::check` finds nothing), random in every field it holds.
pub fn plan() -> impl Strategy<Value = Plan> {
    let head = (
        "[a-z0-9-]{1,24}",
        text(),
        prop::option::of((text(), prop::option::of("[0-9]{6}"))),
        prop::option::of(period()),
        prop_oneof![3 => Just(4_u8), 1 => 1_u8..=12],
        grading(),
        opt_text(),
    );
    let link_kind = prop::sample::select(vec![
        LinkKind::Corresponds,
        LinkKind::Related,
        LinkKind::Relisted,
    ]);
    let body = (
        prop::collection::vec(node_seed(), 0..8),
        prop::collection::vec((any::<usize>(), any::<usize>(), link_kind), 0..3),
        prop::collection::vec(indicator_seed(), 0..5),
        prop::collection::vec(roadmap_seed(), 0..3),
        prop::collection::vec((text(), prop::collection::vec(text(), 0..3)), 0..3),
        prop::collection::vec((opt_text(), opt_text(), text(), opt_text()), 0..3),
    );
    (head, body, any::<bool>()).prop_map(
        |(
            (code, title, issuer, period, month, grading, source),
            (nodes, links, indicators, roadmap, organizations, members),
            actuals_from_lineage,
        )| {
            let mut plan = build(
                code,
                title,
                issuer,
                period,
                month,
                grading,
                source,
                nodes,
                links,
                indicators,
                roadmap,
                organizations,
                members,
            );
            plan.actuals_from_lineage = actuals_from_lineage;
            plan
        },
    )
}

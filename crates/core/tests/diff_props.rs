//! Properties of `shinchoku_core::diff` that examples cannot pin down: a plan against itself has
//! no changes; one inserted, retitled or removed node is exactly one change of the right kind,
//! wherever it is and however the ids are renumbered; no pair of plans, however inconsistent,
//! makes it panic; the lineage key does not see width or spacing.

#![allow(clippy::unwrap_used)] // test helpers: a failure here is a broken fixture

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::Config;
use shinchoku_core::diff::{diff, lineage_key, IndicatorDiff, NodeChange, PlanDiff};
use shinchoku_core::indicator::{Baseline, Indicator, Target};
use shinchoku_core::period::Period;
use shinchoku_core::plan::{Node, Plan, PlanCode, PlanIndicator};
use shinchoku_core::Decimal;

fn config() -> Config {
    Config {
        cases: 512,
        failure_persistence: None,
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

const LABELS: &[&str] = &["◆", "○", "(1)", "(2)", "①", "1", "", "（1）"];
const KINDS: &[&str] = &["施策", "取組", "基本方向", ""];
/// Few titles, with width and spacing variants, so that titles repeat.
const TITLES: &[&str] = &[
    "推進体制の整備",
    "推進体制の 整備",
    "ＩｏＴ等の導入促進",
    "IoT等の導入促進",
    "研究開発力の強化及び人材の育成",
    "",
    " ",
];

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

fn plan_of(nodes: Vec<Node>) -> Plan {
    let mut p = Plan::new(PlanCode::new("x").unwrap(), "x");
    p.nodes = nodes;
    p
}

/// One node of a well-formed tree: a parent chosen among the nodes before it (or the top).
#[derive(Debug, Clone)]
struct Shape {
    parent: usize,
    label: &'static str,
    kind: &'static str,
    title: &'static str,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        any::<usize>(),
        select(LABELS),
        select(KINDS),
        select(TITLES),
    )
        .prop_map(|(parent, label, kind, title)| Shape {
            parent,
            label,
            kind,
            title,
        })
}

/// A well-formed tree of up to `max` nodes; titles are unique (`題0`, `題1`…) unless `repeat`,
/// when they come from [`TITLES`].
fn tree(shapes: &[Shape], repeat: bool) -> Plan {
    let nodes = shapes
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let parent = s.parent % (i + 1);
            Node {
                weight: None,
                id: format!("n{}", i + 1),
                parent: (parent > 0).then(|| format!("n{parent}")),
                kind: opt(s.kind),
                label: opt(s.label),
                title: if repeat {
                    s.title.to_owned()
                } else {
                    format!("題{i}")
                },
                body: None,
                marker: None,
            }
        })
        .collect();
    plan_of(nodes)
}

/// Renumbers the ids by position, as a re-import does, keeping the parent links.
fn renumber(mut p: Plan) -> Plan {
    let map: std::collections::HashMap<String, String> = p
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.clone(), format!("r{}", i + 1)))
        .collect();
    for n in &mut p.nodes {
        n.id = map[&n.id].clone();
        n.parent = n.parent.as_ref().map(|q| map[q].clone());
    }
    p
}

/// Any nodes at all: repeated and missing ids, parents that do not exist or go round.
fn any_nodes() -> impl Strategy<Value = Vec<Node>> {
    let node = (
        0usize..12,
        prop::option::of(0usize..14),
        select(LABELS),
        select(KINDS),
        select(TITLES),
        prop::option::of(select(TITLES)),
    )
        .prop_map(|(id, parent, label, kind, title, body)| Node {
            weight: None,
            id: format!("n{id}"),
            parent: parent.map(|p| format!("n{p}")),
            kind: opt(kind),
            label: opt(label),
            title: title.to_owned(),
            body: body.map(str::to_owned),
            marker: None,
        });
    prop::collection::vec(node, 0..30)
}

fn any_indicator() -> impl Strategy<Value = PlanIndicator> {
    (
        select(
            &[
                "中小企業のIoT導入率",
                "中小企業の ＩｏＴ 導入率",
                "企業誘致件数",
            ][..],
        ),
        select(&["%", "％", "件", ""][..]),
        prop::option::of(0i64..200),
        prop::option::of(2019i32..2027),
        prop::option::of(select(&["iot", "", "attraction"][..])),
        prop::option::of(0usize..14),
    )
        .prop_map(|(name, unit, value, year, series, node)| PlanIndicator {
            indicator: Indicator {
                id: "i".into(),
                name: name.into(),
                unit: unit.into(),
                baseline: Some(Baseline {
                    value: value.map(Decimal::from),
                    period: year.map(|y| Period::FiscalYear(y - 2)),
                    ..Baseline::default()
                }),
                target: value.map(|v| Target {
                    value: Some(Decimal::from(v + 10)),
                    period: year.map(Period::FiscalYear),
                    text: None,
                }),
                ..Indicator::default()
            },
            node: node.map(|n| format!("n{n}")),
            series_key: series.map(str::to_owned),
            ..PlanIndicator::default()
        })
}

fn any_indicators() -> impl Strategy<Value = Vec<PlanIndicator>> {
    prop::collection::vec(any_indicator(), 0..12)
}

fn any_plan() -> impl Strategy<Value = Plan> {
    (any_nodes(), any_indicators()).prop_map(|(nodes, inds)| {
        let mut p = plan_of(nodes);
        p.indicators = inds;
        p
    })
}

fn count(d: &PlanDiff, kind: &str) -> usize {
    d.nodes.iter().filter(|c| c.as_str() == kind).count()
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_plan_against_itself_has_no_changes(p in any_plan()) {
        let d = diff(&p, &p);
        prop_assert!(d.is_empty(), "{:?}", d);
    }

    #[test]
    fn a_tree_against_itself_renumbered_has_no_changes(
        shapes in prop::collection::vec(shape(), 0..40),
        repeat in any::<bool>(),
    ) {
        let p = tree(&shapes, repeat);
        prop_assert!(diff(&p, &renumber(p.clone())).is_empty());
    }

    #[test]
    fn any_two_plans_diff_without_panicking(a in any_plan(), b in any_plan()) {
        let d = diff(&a, &b);
        prop_assert_eq!(&d, &diff(&a, &b));
        // Each node is added, removed or the new side of a change at most once per kind, and
        // the changes come in the new document's order.
        let mut last = 0;
        for c in &d.nodes {
            if let Some(n) = c.new_node() {
                prop_assert!(n.index >= last);
                last = n.index;
                prop_assert!(n.index < b.nodes.len());
            }
            if let Some(o) = c.old_node() {
                prop_assert!(o.index < a.nodes.len());
            }
        }
        let added = count(&d, "added");
        let removed = count(&d, "removed");
        let modified = count(&d, "modified");
        let moved = count(&d, "moved");
        prop_assert!(added + modified + moved <= b.nodes.len());
        prop_assert!(removed + modified + moved <= a.nodes.len());
        // Every node is either matched or listed: old ones matched = new ones matched.
        prop_assert_eq!(a.nodes.len() - removed, b.nodes.len() - added);
        let ia = d.indicators.iter().filter(|c| matches!(c, IndicatorDiff::Added { .. })).count();
        let ir = d.indicators.iter().filter(|c| matches!(c, IndicatorDiff::Removed { .. })).count();
        prop_assert_eq!(a.indicators.len() - ir, b.indicators.len() - ia);
        for c in &d.indicators {
            let _ = c.describe();
        }
        for c in &d.nodes {
            let _ = c.describe();
        }
    }

    #[test]
    fn one_inserted_node_is_one_addition(
        shapes in prop::collection::vec(shape(), 0..40),
        at in any::<usize>(),
        new in shape(),
        repeat in any::<bool>(),
    ) {
        let old = tree(&shapes, repeat);
        let at = at % (old.nodes.len() + 1);
        let mut new_plan = old.clone();
        let parent = new.parent % (at + 1);
        new_plan.nodes.insert(at, Node { weight: None,
            id: "inserted".into(),
            parent: (parent > 0).then(|| format!("n{parent}")),
            kind: opt(new.kind),
            label: opt(new.label),
            title: if repeat { new.title.to_owned() } else { "追加した取組".to_owned() },
            body: None,
            marker: None,
        });
        let d = diff(&old, &renumber(new_plan));
        if repeat {
            // With repeated titles a duplicate may pair elsewhere (a move), but nothing is lost.
            prop_assert_eq!(count(&d, "added"), 1);
            prop_assert_eq!(count(&d, "removed"), 0);
            prop_assert_eq!(count(&d, "modified"), 0);
        } else {
            prop_assert_eq!(d.nodes.len(), 1, "{:?}", d.nodes);
            match &d.nodes[0] {
                NodeChange::Added { new } => {
                    prop_assert_eq!(new.index, at);
                    prop_assert_eq!(new.title.as_str(), "追加した取組");
                }
                other => prop_assert!(false, "{:?}", other),
            }
        }
    }

    #[test]
    fn one_retitled_node_is_one_modification(
        shapes in prop::collection::vec(shape(), 1..40),
        which in any::<usize>(),
    ) {
        let old = tree(&shapes, false);
        let r = which % old.nodes.len();
        let mut new_plan = old.clone();
        new_plan.nodes[r].title = "改めた題".into();
        let d = diff(&old, &renumber(new_plan));
        prop_assert_eq!(d.nodes.len(), 1, "{:?}", d.nodes);
        prop_assert_eq!(d.nodes[0].as_str(), "modified");
        let expected = format!("題{r}");
        prop_assert_eq!(d.nodes[0].old_title(), Some(expected.as_str()));
        prop_assert_eq!(d.nodes[0].node().title.as_str(), "改めた題");
    }

    #[test]
    fn one_removed_leaf_is_one_removal(
        shapes in prop::collection::vec(shape(), 1..40),
        which in any::<usize>(),
        repeat in any::<bool>(),
    ) {
        let old = tree(&shapes, repeat);
        let leaves: Vec<usize> = (0..old.nodes.len())
            .filter(|&i| !old.nodes.iter().any(|n| n.parent.as_deref() == Some(old.nodes[i].id.as_str())))
            .collect();
        let r = leaves[which % leaves.len()];
        let mut new_plan = old.clone();
        new_plan.nodes.remove(r);
        let d = diff(&old, &renumber(new_plan));
        if repeat {
            prop_assert_eq!(count(&d, "removed"), 1);
            prop_assert_eq!(count(&d, "added"), 0);
            prop_assert_eq!(count(&d, "modified"), 0);
        } else {
            prop_assert_eq!(d.nodes.len(), 1, "{:?}", d.nodes);
            match &d.nodes[0] {
                NodeChange::Removed { old: o } => prop_assert_eq!(o.index, r),
                other => prop_assert!(false, "{:?}", other),
            }
        }
    }

    #[test]
    fn one_added_indicator_is_one_addition(
        p in any_plan(),
        extra in any_indicator(),
        at in any::<usize>(),
    ) {
        let mut q = p.clone();
        let at = at % (q.indicators.len() + 1);
        q.indicators.insert(at, extra);
        let d = diff(&p, &q);
        prop_assert!(d.nodes.is_empty());
        prop_assert_eq!(
            d.indicators.iter().filter(|c| c.as_str() == "added").count(),
            1
        );
        prop_assert_eq!(
            d.indicators.iter().filter(|c| c.as_str() == "removed").count(),
            0
        );
    }

    #[test]
    fn the_lineage_key_ignores_width_and_spaces(
        name in "[!-~]{1,12}",
        spaces in prop::collection::vec((any::<usize>(), select(&[" ", "\u{3000}", "\t"][..])), 0..4),
        unit in select(&["%", "件", "km", "億円"][..]),
    ) {
        let wide: String = name
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
            .collect();
        let mut spaced: Vec<char> = wide.chars().collect();
        for (at, s) in &spaces {
            let at = at % (spaced.len() + 1);
            spaced.splice(at..at, s.chars());
        }
        let wide_unit: String = unit
            .chars()
            .map(|c| if c.is_ascii_graphic() { char::from_u32(c as u32 + 0xFEE0).unwrap() } else { c })
            .collect();
        let ind = |name: String, unit: &str| PlanIndicator {
            indicator: Indicator { name, unit: unit.into(), ..Indicator::default() },
            ..PlanIndicator::default()
        };
        let plain = lineage_key(&ind(name.clone(), unit));
        prop_assert_eq!(&plain, &format!("{name}|{unit}"));
        prop_assert_eq!(&lineage_key(&ind(spaced.into_iter().collect(), &wide_unit)), &plain);
    }
}

//! The roll-up score (`GradingScheme::score`) for any counts of grades: between 0 and 100, the
//! same for the same share of grades, up with a better grade added and down with a worse one;
//! and the plan's scores with per-node weights (`Plan::score`, `Plan::scores_by_node`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers

use proptest::prelude::*;
use shinchoku_core::evaluate::Evaluation;
use shinchoku_core::grading::{Grade, GradingScheme};
use shinchoku_core::indicator::Indicator;
use shinchoku_core::plan::{Node, Plan, PlanCode, PlanIndicator};
use shinchoku_core::Decimal;

fn counts(a: usize, b: usize, c: usize, d: usize, none: usize) -> Vec<(String, usize)> {
    [("A", a), ("B", b), ("C", c), ("D", d), ("—", none)]
        .into_iter()
        .map(|(l, n)| (l.to_owned(), n))
        .collect()
}

proptest! {
    #[test]
    fn a_score_is_bounded_and_moves_with_the_grades(
        a in 0usize..50, b in 0usize..50, c in 0usize..50, d in 0usize..50, none in 0usize..50,
    ) {
        let scheme = GradingScheme::pace();
        let here = scheme.score(&counts(a, b, c, d, none));
        prop_assert_eq!(here.is_some(), a + b + c + d > 0);
        let Some(s) = here else { return Ok(()) };
        prop_assert!(s >= Decimal::ZERO && s <= Decimal::ONE_HUNDRED);
        // Ungraded indicators count for nothing; the same shares give the same score.
        prop_assert_eq!(scheme.score(&counts(a, b, c, d, 0)), Some(s));
        prop_assert_eq!(scheme.score(&counts(2 * a, 2 * b, 2 * c, 2 * d, none)), Some(s));
        let better = scheme.score(&counts(a + 1, b, c, d, none)).unwrap_or_default();
        let worse = scheme.score(&counts(a, b, c, d + 1, none)).unwrap_or_default();
        prop_assert!(better >= s && worse <= s);
    }
}

/// A two-level plan: d1 holds m1 (two indicators) and m2 (one), graded A, A and D.
fn weighted_plan(w1: Option<Decimal>, w2: Option<Decimal>) -> (Plan, Vec<Evaluation>) {
    let mut plan = Plan::new(PlanCode::new("w").unwrap(), "w");
    let node = |id: &str, parent: Option<&str>, weight| Node {
        id: id.into(),
        parent: parent.map(str::to_owned),
        title: id.into(),
        weight,
        ..Node::default()
    };
    plan.nodes = vec![
        node("d1", None, None),
        node("m1", Some("d1"), w1),
        node("m2", Some("d1"), w2),
    ];
    for (id, at) in [("a", "m1"), ("b", "m1"), ("c", "m2")] {
        plan.indicators.push(PlanIndicator {
            indicator: Indicator {
                id: id.into(),
                ..Indicator::default()
            },
            node: Some(at.into()),
            ..PlanIndicator::default()
        });
    }
    let graded = |g: u8| Evaluation {
        grade: Some(Grade(g)),
        ..Evaluation::default()
    };
    let rule_of = |label: &str| plan.grading.rules.iter().position(|r| r.label == label);
    let (ra, rd) = (rule_of("A").unwrap(), rule_of("D").unwrap());
    let evs = vec![
        graded(u8::try_from(ra).unwrap()),
        graded(u8::try_from(ra).unwrap()),
        graded(u8::try_from(rd).unwrap()),
    ];
    (plan, evs)
}

#[test]
fn node_weights_weigh_their_indicators_in_every_score_above() {
    // Without weights: (100 + 100 + 0) / 3.
    let (plan, evs) = weighted_plan(None, None);
    assert_eq!(plan.score(&evs, None), Some(Decimal::new(667, 1)));
    assert_eq!(
        plan.scores_by_node(&evs),
        [
            Some(Decimal::new(667, 1)),
            Some(Decimal::new(1000, 1)),
            Some(Decimal::new(0, 1))
        ]
    );
    // m2 weighs 4: (100 + 100 + 4 × 0) / 6 at d1 and for the plan; m1 and m2 unchanged.
    let (plan, evs) = weighted_plan(None, Some(Decimal::from(4)));
    assert_eq!(plan.score(&evs, None), Some(Decimal::new(333, 1)));
    assert_eq!(plan.score(&evs, Some("d1")), Some(Decimal::new(333, 1)));
    assert_eq!(plan.score(&evs, Some("m1")), Some(Decimal::new(1000, 1)));
    assert_eq!(
        plan.scores_by_node(&evs),
        [
            Some(Decimal::new(333, 1)),
            Some(Decimal::new(1000, 1)),
            Some(Decimal::new(0, 1))
        ]
    );
    // A weight of 0 leaves a node out of the scores above it.
    let (plan, evs) = weighted_plan(None, Some(Decimal::ZERO));
    assert_eq!(plan.score(&evs, None), Some(Decimal::new(1000, 1)));
    assert_eq!(plan.scores_by_node(&evs)[2], None);
    // A negative weight is a problem of the plan.
    let (plan, _) = weighted_plan(Some(Decimal::from(-1)), None);
    assert!(plan.check().iter().any(|p| p.field == "nodes[m1].weight"));
}

proptest! {
    #[test]
    fn weights_change_nothing_when_they_are_all_alike(
        grades in proptest::collection::vec(0u8..6, 3),
        w in 1i64..1000, scale in 0u32..4,
    ) {
        let (plan, _) = weighted_plan(None, None);
        let evs: Vec<Evaluation> = grades
            .iter()
            .map(|&g| Evaluation { grade: (g < 5).then_some(Grade(g)), ..Evaluation::default() })
            .collect();
        let plain = plan.score(&evs, None);
        // The plain score is the counts' score.
        prop_assert_eq!(plain, plan.grading.score(&plan.grade_counts(&evs, None)));
        let k = Decimal::new(w, scale);
        let (alike, _) = weighted_plan(Some(k), Some(k));
        prop_assert_eq!(alike.score(&evs, None), plain);
        prop_assert_eq!(alike.scores_by_node(&evs), plan.scores_by_node(&evs));
        if let Some(s) = weighted_plan(Some(k), None).0.score(&evs, None) {
            prop_assert!(s >= Decimal::ZERO && s <= Decimal::ONE_HUNDRED);
        }
    }
}

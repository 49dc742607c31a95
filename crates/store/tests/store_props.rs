//! Property: nothing is lost. Any sound plan — random in every field, with decimals of every
//! scale, every form of period, strings with quotes, line breaks and control characters —
//! saved and loaded back is the same plan, on SQLite and on PostgreSQL; saving what was loaded
//! adds no version. The one documented exception: observations are one per period, so a plan
//! holding two values for one period keeps the last (ARCHITECTURE.md → departures). A plan
//! with a NUL character anywhere is refused whole, on both databases alike.

#![allow(clippy::unwrap_used)] // test code: a panic is how a property reports a failure

use std::sync::atomic::{AtomicU32, Ordering};

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use shinchoku_core::plan::{Plan, PlanCode};
use shinchoku_store::StoreError;
use shinchoku_testkit::arb;
use shinchoku_testkit::db::{actor, canonical, on_every_database};

static N: AtomicU32 = AtomicU32::new(0);

/// What the store promises to give back for `p`.
fn expected(mut p: Plan) -> Plan {
    for pi in &mut p.indicators {
        let mut kept: Vec<shinchoku_core::indicator::Observation> = Vec::new();
        for o in pi.observations.drain(..) {
            kept.retain(|k| k.period != o.period);
            kept.push(o);
        }
        pi.observations = kept;
    }
    canonical(p)
}

/// Whether any text of `p` holds U+0000. Debug output escapes it as `\0` and a backslash as
/// `\\`, so a NUL is a `0` after an odd run of backslashes.
fn holds_nul(p: &Plan) -> bool {
    let d = format!("{p:?}");
    let b = d.as_bytes();
    (0..b.len()).any(|i| {
        b[i] == b'0' && {
            let run = b[..i].iter().rev().take_while(|&&c| c == b'\\').count();
            run % 2 == 1
        }
    })
}

#[test]
fn a_saved_plan_loads_back_equal_on_every_database() {
    on_every_database(|store, db| async move {
        let mut runner = TestRunner::new(Config {
            cases: 48,
            failure_persistence: None,
            ..Config::default()
        });
        // proptest's runner is synchronous: generate the plans first, then check each.
        let mut plans = Vec::new();
        for _ in 0..48 {
            let tree = arb::plan().new_tree(&mut runner).unwrap();
            plans.push(tree.current());
        }
        for mut p in plans {
            let n = N.fetch_add(1, Ordering::SeqCst);
            let code = format!("{}-{n}", &p.code.as_str()[..p.code.as_str().len().min(40)]);
            p.code = PlanCode::new(&code).unwrap();
            let mut tx = store.begin().await.unwrap();
            match tx.save_plan(&p, &actor()).await {
                Ok(_) => {
                    tx.commit().await.unwrap();
                    assert!(!holds_nul(&p), "{db}: a plan with NUL was accepted");
                    let back = store.load_plan(&code, None).await.unwrap();
                    assert_eq!(back, expected(p.clone()), "{db}");
                    let mut tx = store.begin().await.unwrap();
                    let again = tx.save_plan(&back, &actor()).await.unwrap();
                    tx.commit().await.unwrap();
                    assert!(
                        again.unchanged,
                        "{db}: saving what was loaded added a version"
                    );
                    assert_eq!(
                        (again.observations_inserted, again.observations_updated),
                        (0, 0),
                        "{db}"
                    );
                }
                Err(StoreError::Invalid(m)) if m.to_string().contains("NUL") => {
                    assert!(holds_nul(&p), "{db}: {m}");
                }
                Err(e) => panic!("{db}: {e}\n{p:#?}"),
            }
        }
    });
}

//! `shinchoku bench-data` run as the benchmark runs it: the files it writes must read back as
//! plans and actuals, evaluate, repeat byte for byte for a seed, and keep their gaps under 30 %.

#![allow(clippy::unwrap_used)] // test helpers: a failure here is a broken test machine

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::str::FromStr;

use shinchoku_core::evaluate::ForecastMethod;
use shinchoku_core::indicator::{IndicatorKind, Observation};
use shinchoku_core::period::Period;
use shinchoku_core::plan::Plan;
use shinchoku_core::Decimal;
use shinchoku_testkit::bin::{self, stderr};
use shinchoku_testkit::scratch::scratch;

const HEADER: &str = "plan,indicator,period,value";

/// The binary under test.
const SHINCHOKU: &str = env!("CARGO_BIN_EXE_shinchoku");

fn shinchoku(args: &[&str], cwd: &Path) -> Output {
    bin::run(SHINCHOKU, args, cwd)
}

/// `bench-data` with the small sizes of these tests: 3 governments × 5 indicators × 4 years.
fn bench_data(out: &Path, seed: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "bench-data",
        "--governments",
        "3",
        "--indicators-per",
        "5",
        "--years",
        "4",
        "--seed",
        seed,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    shinchoku(&args, out.parent().unwrap())
}

fn plan_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// The CSV's data lines split into their four fields (the generator never quotes).
fn rows(csv: &str) -> Vec<[String; 4]> {
    csv.lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            assert_eq!(f.len(), 4, "{line}");
            [f[0], f[1], f[2], f[3]].map(str::to_owned)
        })
        .collect()
}

#[test]
fn writes_one_readable_plan_per_government_and_the_actuals_csv() {
    let s = scratch("files");
    let out = s.join("out");
    let o = bench_data(&out, "1", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("計画3件、指標15件"), "{}", stderr(&o));

    let files = plan_files(&out.join("plans"));
    let names: Vec<_> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["bench-0001.toml", "bench-0002.toml", "bench-0003.toml"]
    );
    for f in &files {
        let plan = shinchoku_import::read_plan_file(f).unwrap();
        assert_eq!(plan.indicators.len(), 5);
        assert!(plan.indicators.iter().all(|i| i.observations.is_empty()));
        assert!(plan.issuer.unwrap().name.starts_with("サンプル市"));
        assert_eq!(plan.period, Some(Period::fiscal_years(2021, 2024).unwrap()));
    }

    let csv = std::fs::read_to_string(out.join("actuals.csv")).unwrap();
    assert!(!csv.starts_with('\u{feff}'), "no BOM");
    assert_eq!(csv.lines().next(), Some(HEADER));
    // Nothing but the two outputs is left behind: no temporary files.
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 2);
}

#[test]
fn at_most_thirty_percent_of_the_cells_are_missing() {
    let s = scratch("gaps");
    let out = s.join("out");
    assert!(bench_data(&out, "1", &[]).status.success());
    let csv = std::fs::read_to_string(out.join("actuals.csv")).unwrap();
    let rows = rows(&csv);
    let cells = 3 * 5 * 4;
    assert!(rows.len() <= cells);
    assert!(
        rows.len() * 10 >= cells * 7,
        "{} rows of {cells}",
        rows.len()
    );
    // Per indicator too: each of the 15 has at least 3 of its 4 years (⌊0.3 × 4⌋ = 1 gap).
    let mut per: HashMap<(String, String), usize> = HashMap::new();
    for [plan, ind, _, _] in &rows {
        *per.entry((plan.clone(), ind.clone())).or_default() += 1;
    }
    assert_eq!(per.len(), 15);
    assert!(per.values().all(|&n| (3..=4).contains(&n)), "{per:?}");
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_other_data() {
    let s = scratch("seed");
    let (a, b, c) = (s.join("a"), s.join("b"), s.join("c"));
    for (dir, seed) in [(&a, "5"), (&b, "5"), (&c, "6")] {
        let o = bench_data(dir, seed, &[]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let read = |dir: &Path| {
        let mut all = vec![std::fs::read(dir.join("actuals.csv")).unwrap()];
        for f in plan_files(&dir.join("plans")) {
            all.push(std::fs::read(f).unwrap());
        }
        all
    };
    assert_eq!(read(&a), read(&b));
    let (ra, rc) = (read(&a), read(&c));
    assert_ne!(ra[0], rc[0], "the actuals differ");
    assert_ne!(ra[1..], rc[1..], "the plans differ");
}

#[test]
fn a_generated_plan_with_its_actuals_is_sound_and_evaluates() {
    let s = scratch("evaluate");
    let out = s.join("out");
    assert!(bench_data(&out, "1", &[]).status.success());
    let mut plans: Vec<Plan> = plan_files(&out.join("plans"))
        .iter()
        .map(|f| shinchoku_import::read_plan_file(f).unwrap())
        .collect();
    let csv = std::fs::read_to_string(out.join("actuals.csv")).unwrap();
    for [code, id, period, value] in rows(&csv) {
        let plan = plans
            .iter_mut()
            .find(|p| p.code.as_str() == code)
            .unwrap_or_else(|| panic!("no plan {code}"));
        let pi = plan
            .indicators
            .iter_mut()
            .find(|i| i.indicator.id == id)
            .unwrap_or_else(|| panic!("no indicator {code}/{id}"));
        let period = Period::parse(&period).unwrap();
        let o = if pi.indicator.kind == IndicatorKind::Milestone {
            Observation::state(period, value)
        } else {
            Observation::number(period, Decimal::from_str(&value).unwrap())
        };
        pi.observations.push(o);
    }
    for plan in &plans {
        assert_eq!(plan.check(), vec![], "{}", plan.code);
        assert_eq!(plan.latest_observed_year(), Some(2024));
        let evaluations = plan.evaluate(2024, ForecastMethod::Linear);
        assert_eq!(evaluations.len(), 5);
        // Every indicator with a number observed in 2024 or before has a value to compare.
        for (pi, e) in plan.indicators.iter().zip(&evaluations) {
            let kind = pi.indicator.kind;
            if kind != IndicatorKind::Milestone && kind != IndicatorKind::Annual {
                assert!(e.value.is_some(), "{}/{}", plan.code, pi.indicator.id);
            }
        }
    }
}

#[test]
fn existing_output_is_kept_unless_force() {
    let s = scratch("force");
    let out = s.join("out");
    assert!(bench_data(&out, "1", &[]).status.success());
    let before = std::fs::read(out.join("actuals.csv")).unwrap();
    std::fs::write(out.join("plans/stale.toml"), "left over").unwrap();

    let o = bench_data(&out, "2", &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(std::fs::read(out.join("actuals.csv")).unwrap(), before);

    let o = bench_data(&out, "2", &["--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_ne!(std::fs::read(out.join("actuals.csv")).unwrap(), before);
    // The whole directory is replaced: nothing stale survives to be benchmarked.
    assert!(!out.join("plans/stale.toml").exists());
    assert_eq!(plan_files(&out.join("plans")).len(), 3);
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 2);
}

#[test]
fn sizes_of_zero_or_too_large_are_usage_errors_and_write_nothing() {
    let s = scratch("usage");
    let out = s.join("out");
    for (flag, value) in [
        ("--governments", "0"),
        ("--indicators-per", "0"),
        ("--years", "0"),
        ("--years", "51"),
        ("--governments", "100001"),
    ] {
        let mut args = vec![
            "bench-data",
            "--governments",
            "1",
            "--indicators-per",
            "1",
            "--years",
            "1",
            "--out",
            out.to_str().unwrap(),
        ];
        let at = args.iter().position(|a| *a == flag).unwrap();
        args[at + 1] = value;
        let o = shinchoku(&args, &s);
        assert_eq!(o.status.code(), Some(2), "{flag} {value}: {}", stderr(&o));
        assert!(stderr(&o).contains(flag), "{}", stderr(&o));
        assert!(!out.exists());
    }
    // A negative size is clap's to refuse, with the same exit code.
    let o = shinchoku(
        &[
            "bench-data",
            "--governments",
            "-1",
            "--indicators-per",
            "1",
            "--years",
            "1",
            "--out",
            out.to_str().unwrap(),
        ],
        &s,
    );
    assert_eq!(o.status.code(), Some(2));
}

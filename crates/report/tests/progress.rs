//! The progress report's forms from one small plan: the CSV (BOM, header, one row per
//! indicator, numbers in their own columns, formulas neutralised), the Markdown table, the
//! HTML (escaped, A4) and the workbook, and the closed round's note.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers

use std::collections::HashMap;

use shinchoku_core::evaluate::ForecastMethod;
use shinchoku_core::indicator::{Baseline, Indicator, IndicatorKind, Observation, Target};
use shinchoku_core::period::Period;
use shinchoku_core::plan::{Issuer, Node, Plan, PlanCode, PlanIndicator};
use shinchoku_core::{Decimal, Lang};
use shinchoku_report::progress::{Report, ReportInput};

fn plan() -> Plan {
    let mut p = Plan::new(PlanCode::new("wakaba-2022").unwrap(), "若葉市総合計画");
    p.issuer = Some(Issuer {
        name: "若葉市".into(),
        code: Some("012345".into()),
    });
    p.period = Some(Period::FiscalYears {
        start: 2022,
        end: 2026,
    });
    p.nodes = vec![Node {
        id: "n1".into(),
        label: Some("1".into()),
        title: "=HYPERLINK(\"http://x\")".into(),
        ..Node::default()
    }];
    let ind = |id: &str, name: &str, unit: &str, base: i64, target: i64, obs: i64| PlanIndicator {
        indicator: Indicator {
            id: id.into(),
            name: name.into(),
            unit: unit.into(),
            kind: IndicatorKind::Level,
            baseline: Some(Baseline {
                value: Some(Decimal::from(base)),
                period: Some(Period::FiscalYear(2021)),
                ..Baseline::default()
            }),
            target: Some(Target {
                value: Some(Decimal::from(target)),
                period: Some(Period::FiscalYear(2026)),
                text: None,
            }),
            ..Indicator::default()
        },
        node: Some("n1".into()),
        observations: vec![Observation::number(
            Period::FiscalYear(2024),
            Decimal::from(obs),
        )],
        ..PlanIndicator::default()
    };
    p.indicators = vec![
        ind("i1", "観光客数", "万人", 100, 120, 112),
        ind("i2", "@SUM(A1) <b>", "件", 10, 20, 8),
    ];
    p
}

fn report(recorded: Option<&str>) -> Report {
    let p = plan();
    let evaluations = p.evaluate(2024, ForecastMethod::Linear);
    let comments: HashMap<String, String> =
        [("i1".to_owned(), "-減少の要因, 天候".to_owned())].into();
    Report::of(
        &ReportInput {
            plan: &p,
            evaluations: &evaluations,
            fy: Some(2024),
            comments: &comments,
            recorded,
        },
        Lang::Ja,
    )
}

#[test]
fn the_csv_is_one_row_per_indicator_with_numbers_apart_and_no_formula() {
    let csv = report(None).csv();
    assert!(
        csv.starts_with("\u{feff}団体コード,団体名,計画コード"),
        "{csv}"
    );
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert_eq!(
        lines[1],
        "012345,若葉市,wakaba-2022,若葉市総合計画,2024,令和6年度,,\"1 =HYPERLINK(\"\"http://x\"\")\",i1,観光客数,万人,100,2021,令和3年度,120,,2026,令和8年度,112,R6,93.3,60,B,\"'-減少の要因, 天候\""
    );
    assert!(lines[2].contains(",'@SUM(A1) <b>,"), "{}", lines[2]);
}

#[test]
fn markdown_html_and_the_workbook_say_the_same() {
    let r = report(Some("2025-07-31"));
    let md = r.markdown();
    assert!(
        md.contains("| 1 =HYPERLINK(\"http://x\") | 観光客数 | 112万人/120万人 | R6 | 93.3% | B |"),
        "{md}"
    );
    assert!(
        md.contains("締切時の記録") && md.contains("2025-07-31"),
        "{md}"
    );
    let html = r.html();
    assert!(html.contains("@page { size: A4"), "printable on A4");
    assert!(
        html.contains("@SUM(A1) &lt;b&gt;") && !html.contains("<b>"),
        "escaped"
    );
    assert!(html.contains("112万人/120万人"));
    assert!(html.contains("R6: 112万人"), "the values by year");
    // The measure's roll-up: its two indicators, B and D, scored (2 + 0) / (3 × 2) × 100.
    assert!(
        html.contains("<span class=\"rollup\">A 0・B 1・C 0・D 1・— 0　スコア: 33.3</span>"),
        "{html}"
    );
    assert_eq!(html.matches("<svg").count(), 2, "a chart per indicator");
    let xlsx = r.xlsx().unwrap();
    assert!(xlsx.starts_with(b"PK"));
    // The same report twice is the same bytes.
    assert_eq!(report(Some("2025-07-31")).xlsx().unwrap(), xlsx);
}

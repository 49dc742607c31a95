//! What the five seed documents are called once imported: title, where it came from, issuer
//! and plan code.
//!
//! Two of them print no title (one begins at `1 現状と課題`, one at the part label
//! `Ⅱ 産業編`) and were stored under their file names (`001_6ee9….txt`, code `001-6ee9…`);
//! a planner could not tell them apart. Each now carries the name its text gives it or one
//! built from what it prints, and a code a person can read. The answer key's `title_hint`s
//! (`やまぐち産業戦略推進計画 (FY2021-FY2023)`, `商工業振興の計画 産業編 (FY2022-FY2026)`) are
//! what a planner knows them as.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use shinchoku_import::extract::model::TitleFrom;
use shinchoku_import::extract::{extract, to_plan::to_plan};
use shinchoku_testkit::fixtures::document;

/// file, title, where it came from, code.
const SEEDS: [(&str, &str, TitleFrom, &str); 5] = [
    (
        "000_f60bbd089ba62cab.txt",
        "地方と東京圏の転出(入)超過数の状況",
        TitleFrom::Heading,
        "yamaguchi-regional-migration-status",
    ),
    (
        "001_6ee9265e4fb6d746.txt",
        "山口県 産業戦略プロジェクト（令和3年度～令和5年度）",
        TitleFrom::Built,
        "yamaguchi-industry-strategy-projects-2021",
    ),
    (
        "002_37690a6720ce00f4.txt",
        "産業戦略プロジェクトの進捗状況について（令和元年8月）",
        TitleFrom::Heading,
        "yamaguchi-industry-strategy-progress-2019-08",
    ),
    (
        "003_37a24a92b93bc0eb.txt",
        "「総合戦略アクションプラン」に追加した新たな取組等",
        TitleFrom::Heading,
        "yamaguchi-comprehensive-strategy-action-plan-additions",
    ),
    (
        "004_af65ec13672d85be.txt",
        "山口県 商工業振興 産業編（令和4年度～令和8年度）",
        TitleFrom::Built,
        "yamaguchi-commerce-industry-2022",
    ),
];

#[test]
fn every_seed_is_named_as_a_planner_would_recognise_it() {
    let mut problems = Vec::new();
    for (file, title, from, code) in SEEDS {
        let ex = extract(&std::fs::read(document(file)).unwrap(), file).unwrap();
        let plan = to_plan(&ex);
        let got = (
            plan.title.as_str(),
            ex.plan.title_from,
            plan.code.as_str(),
            plan.issuer
                .as_ref()
                .map(|i| (i.name.as_str(), i.code.as_deref())),
        );
        let want = (title, Some(from), code, Some(("山口県", Some("350001"))));
        if got != want {
            problems.push(format!("{file}:\n  got  {got:?}\n  want {want:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_seed_codes_are_unique_and_none_is_a_file_name() {
    let mut codes: Vec<&str> = SEEDS.iter().map(|s| s.3).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), SEEDS.len());
    for (file, ..) in SEEDS {
        let hex = file.get(4..20).unwrap();
        assert!(codes.iter().all(|c| !c.contains(hex)), "{file}");
    }
}

//! Roadmaps (工程表) read from the seed documents and from hand-made tables in the shapes
//! other governments print.
//!
//! The answer key has no roadmap field, so these are the roadmap's own checks: the number of
//! items of each of 001's nine 工程表 and their periods (the bar printed once and running to
//! the table's end, a row starting later, a later cell ending the item before it), 004's
//! nineteen 工程表 with their Western-year headers, and the fixtures under
//! `tests/fixtures/shapes/roadmap-*.txt`: status words with arrows (`検討 | → | 実施`), dots
//! with heading rows, bars into an open-ended last column (`2026年度以降`), text in the year
//! cells with "same as above" groups, and rows whose columns the PDF lost.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use shinchoku_core::text::fold_printed_name;
use shinchoku_import::extract::model::{Extraction, RoadmapOut};
use shinchoku_import::extract::text::Doc;
use shinchoku_import::extract::{extract, node_at, roadmap};
use shinchoku_testkit::fixtures::document;

fn manifest() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The roadmap the recogniser alone reads from a file.
fn roadmap_of(path: &Path) -> Vec<RoadmapOut> {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = Doc::new("t.txt", &text);
    let mut ex = Extraction::default();
    roadmap::recognize(&doc, &mut ex);
    ex.roadmap
}

fn seed(name: &str) -> Vec<RoadmapOut> {
    roadmap_of(&document(name))
}

fn fixture(name: &str) -> Vec<RoadmapOut> {
    roadmap_of(&manifest().join("tests/fixtures/shapes").join(name))
}

/// An item as `line title start-end`, with its notes.
fn show(r: &RoadmapOut) -> String {
    let p =
        |p: Option<shinchoku_core::period::Period>| p.map(|p| p.to_string()).unwrap_or_default();
    let mut s = format!("{} {} {}-{}", r.line, r.title, p(r.start), p(r.end));
    for (year, note) in &r.notes {
        s.push_str(&format!(" {year}:{note}"));
    }
    s
}

fn shown(items: &[RoadmapOut]) -> Vec<String> {
    items.iter().map(show).collect()
}

const DOC_001: &str = "001_6ee9265e4fb6d746.txt";
const DOC_004: &str = "004_af65ec13672d85be.txt";

#[test]
fn doc_001_first_roadmap_has_eight_items() {
    let items: Vec<RoadmapOut> = seed(DOC_001)
        .into_iter()
        .filter(|r| (37..=43).contains(&r.line))
        .collect();
    assert_eq!(
        shown(&items),
        [
            "37 オープンイノベーション推進体制の強化 FY2021-FY2023",
            "38 瀬戸内基幹企業群と地域中核企業群等との技術交流による研究開発等の促進 FY2021-FY2023",
            "39 技術交流を通じた人材の育成支援 FY2021-FY2023",
            "40 OB等人材バンクとプロフェッショナル人材戦略拠点の連携による人材確保の促進 FY2021-FY2023",
            "41 産学公が連携した人材育成プログラム等の実施 FY2021-FY2023",
            // A filled second year cell ends the item of the first.
            "42 産業人材の確保 FY2021-FY2021",
            "42 奨学金返還補助制度の充実による高度産業人材の確保 FY2022-FY2023",
            // Printed in the label column: its column is lost, so it spans the table.
            "43 「高校生県内就職促進プロジェクト」による人材の確保、若者の県内定着の促進 FY2021-FY2023",
        ]
    );
    // Empty label cells mean the group above.
    assert!(items.iter().all(|r| r.group.as_deref()
        == Some("重点成長分野におけるイノベーション創出の促進や人材の確保・育成")));
    assert_eq!(
        items[0].content.as_deref(),
        Some("「やまぐちR&Dラボ」と「やまぐち次世代産業推進ネットワーク」等との連携強化")
    );
}

#[test]
fn doc_001_has_nine_roadmaps_within_the_plan_period() {
    let items = seed(DOC_001);
    // Items per 工程表, by the header line each follows.
    let headers = [36, 94, 185, 234, 296, 352, 399, 461, 506];
    let counts: Vec<usize> = headers
        .iter()
        .enumerate()
        .map(|(k, &h)| {
            let next = headers.get(k + 1).copied().unwrap_or(usize::MAX);
            items.iter().filter(|r| r.line > h && r.line < next).count()
        })
        .collect();
    assert_eq!(counts, [8, 5, 5, 7, 4, 6, 5, 3, 4]);
    for r in &items {
        let (start, end) = (r.start.unwrap().to_string(), r.end.unwrap().to_string());
        assert!(
            start.as_str() >= "FY2021" && end.as_str() <= "FY2023" && start <= end,
            "{r:?}"
        );
        assert!(
            !r.title.contains('<') && !r.title.contains("</"),
            "HTML left: {r:?}"
        );
    }
}

#[test]
fn doc_001_a_later_cell_starts_a_later_item() {
    let items: Vec<String> = shown(&seed(DOC_001))
        .into_iter()
        .filter(|s| s.starts_with("402 "))
        .collect();
    assert_eq!(
        items,
        [
            "402 地域未来投資促進基本計画の策定 FY2021-FY2022",
            "402 基本計画に基づく地域経済牽引事業計画の承認等 FY2023-FY2023",
        ]
    );
}

#[test]
fn doc_004_has_nineteen_roadmaps_over_fy2022_fy2026() {
    let text = std::fs::read_to_string(document(DOC_004)).unwrap();
    let markers: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("【工程表】"))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(markers.len(), 19);
    let items = seed(DOC_004);
    for (k, &m) in markers.iter().enumerate() {
        let next = markers.get(k + 1).copied().unwrap_or(usize::MAX);
        let n = items.iter().filter(|r| r.line > m && r.line < next).count();
        assert!(n >= 3, "工程表 at line {m}: {n} items");
    }
    assert_eq!(items.len(), 150);
    for r in &items {
        // The 水中次世代モビリティ table starts in its 2023 column.
        let want_start = if (734..=739).contains(&r.line) {
            "FY2023"
        } else {
            "FY2022"
        };
        assert_eq!(r.start.unwrap().to_string(), want_start, "{r:?}");
        assert_eq!(r.end.unwrap().to_string(), "FY2026", "{r:?}");
    }
    let several: Vec<&str> = items
        .iter()
        .filter(|r| r.line == 241)
        .map(|r| r.title.as_str())
        .collect();
    assert_eq!(
        several,
        [
            "パンフレット等を活用した立地環境優位性のPR",
            "展示会等への出展による優良企業の新規開拓"
        ]
    );
}

#[test]
fn documents_without_a_roadmap_yield_none() {
    for doc in [
        "000_f60bbd089ba62cab.txt",
        "002_37690a6720ce00f4.txt",
        "003_37a24a92b93bc0eb.txt",
    ] {
        assert!(seed(doc).is_empty(), "{doc}");
    }
}

fn extracted(name: &str) -> Extraction {
    let bytes = std::fs::read(document(name)).unwrap();
    extract(&bytes, name).unwrap()
}

#[test]
fn every_item_belongs_to_the_node_of_its_line_or_the_ancestor_its_group_names() {
    for doc in [DOC_001, DOC_004] {
        let ex = extracted(doc);
        assert!(!ex.roadmap.is_empty(), "{doc}");
        for r in &ex.roadmap {
            let under = node_at(&ex, r.line);
            if r.node.as_deref() == under {
                continue;
            }
            // Else an ancestor of that node, titled with the item's group.
            let mut at = under.map(str::to_owned);
            let mut found = false;
            while let Some(id) = at {
                let n = ex.nodes.iter().find(|n| n.id == id).unwrap();
                if Some(n.id.as_str()) == r.node.as_deref() {
                    assert_eq!(
                        fold_printed_name(&n.title),
                        fold_printed_name(r.group.as_deref().unwrap_or_default()),
                        "{r:?}"
                    );
                    found = true;
                    break;
                }
                at = n.parent.clone();
            }
            assert!(found, "{doc}: {r:?} is not under node {under:?}");
        }
    }
}

#[test]
fn doc_004_roadmaps_belong_to_the_measure_their_first_column_names() {
    let ex = extracted(DOC_004);
    let item = ex.roadmap.iter().find(|r| r.line == 240).unwrap();
    let node = ex
        .nodes
        .iter()
        .find(|n| Some(n.id.as_str()) == item.node.as_deref())
        .unwrap();
    // Printed under the section's last sub-item (④), but its 取組 column names the measure.
    if ex
        .nodes
        .iter()
        .any(|n| fold_printed_name(&n.title) == "戦略的な企業誘致の推進")
    {
        assert_eq!(fold_printed_name(&node.title), "戦略的な企業誘致の推進");
    }
}

#[test]
fn shape_text_in_the_year_cells() {
    let items = fixture("roadmap-text-in-year-cells.txt");
    assert_eq!(
        shown(&items),
        [
            "4 商談会の開催 FY2022-FY2024",
            "5 オンライン販売の促進 FY2022-FY2022",
            "5 越境ECへの展開支援 FY2023-FY2024",
            "6 合同企業説明会の開催 FY2022-FY2024",
            "7 奨学金返還支援制度の創設 FY2023-FY2023",
            "7 制度の運用 FY2024-FY2024",
            "8 U・Iターン就職の促進 FY2022-FY2024",
        ]
    );
    let groups: Vec<&str> = items.iter().filter_map(|r| r.group.as_deref()).collect();
    assert_eq!(
        groups,
        [
            "販路開拓の支援",
            "販路開拓の支援",
            "販路開拓の支援",
            "人材の確保",
            "人材の確保",
            "人材の確保",
            "人材の確保"
        ]
    );
    assert_eq!(
        items[0].content.as_deref(),
        Some("県内外のバイヤーを招いた商談会の開催")
    );
    assert_eq!(
        items[3].content.as_deref(),
        Some("インターンシップの受入支援")
    );
}

#[test]
fn shape_status_words_and_arrows_under_r_years() {
    assert_eq!(
        shown(&fixture("roadmap-status-words-arrows.txt")),
        [
            "4 行政手続のオンライン化 FY2022-FY2026 FY2022:検討 FY2024:実施",
            // The table prints its arrows: a row whose last mark is a word ends there.
            "5 窓口キャッシュレス決済の導入 FY2023-FY2024 FY2023:試行 FY2024:本格導入",
            "6 公共施設予約システムの更新 FY2025-FY2026 FY2025:設計 FY2026:構築",
        ]
    );
}

#[test]
fn shape_dots_under_years_with_heading_rows() {
    let items = fixture("roadmap-dots-with-headings.txt");
    assert_eq!(
        shown(&items),
        [
            "5 個別施設計画の見直し FY2023-FY2023",
            "5 個別施設計画の見直し FY2027-FY2027",
            "6 劣化度調査の実施 FY2023-FY2027",
            "8 学校施設の統合 FY2024-FY2025",
        ]
    );
    let groups: Vec<&str> = items.iter().filter_map(|r| r.group.as_deref()).collect();
    assert_eq!(
        groups,
        [
            "(1)公共施設の長寿命化",
            "(1)公共施設の長寿命化",
            "(1)公共施設の長寿命化",
            "(2)施設の再編"
        ]
    );
}

#[test]
fn shape_bars_into_an_open_ended_last_column() {
    let items = fixture("roadmap-open-ended-bars.txt");
    assert_eq!(
        shown(&items),
        [
            "4 基幹業務システムの標準化 FY2024-FY2025 FY2025:継続",
            "5 窓口業務の改革 FY2025-FY2026",
            // An arrow printed once runs on to the table's end.
            "6 テレワークの推進 FY2024-FY2026",
        ]
    );
    assert_eq!(
        items[0].content.as_deref(),
        Some("標準準拠システムへの移行")
    );
}

#[test]
fn shape_western_years_and_rows_that_lost_their_columns() {
    let items = fixture("roadmap-western-years-lost-columns.txt");
    assert_eq!(
        shown(&items),
        [
            "4 観光地域づくり法人の機能強化 FY2022-FY2026",
            "5 マーケティングの強化 FY2022-FY2026",
            "5 人材の育成 FY2022-FY2026",
            "6 受入環境の充実 FY2022-FY2026",
            "7 多言語案内板の整備 FY2022-FY2026",
            "7 キャッシュレス化の支援 FY2022-FY2026",
            "8 体験型コンテンツの造成 FY2023-FY2026",
            "9 夜間観光の推進 FY2022-FY2026",
        ]
    );
    // `観光地域 づくりの推進`: the space a PDF leaves inside a word is dropped.
    assert_eq!(items[0].group.as_deref(), Some("観光地域づくりの推進"));
    assert_eq!(items[6].group.as_deref(), Some("新たな観光資源の創出"));
}

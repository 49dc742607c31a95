//! `roadmap_gantt` on a small hand-made roadmap: rows, bars, notes, year columns and the
//! current-year line, checked by their parts rather than byte for byte.

#![allow(clippy::unwrap_used)] // fixtures

mod support;

use shinchoku_core::period::{FiscalStart, Period};
use shinchoku_core::plan::RoadmapItem;
use shinchoku_core::Lang;
use shinchoku_report::roadmap_gantt;
use support::{attr, check_svg, count, desc, groups, title};

const PLAN: Period = Period::FiscalYears {
    start: 2022,
    end: 2026,
};

const LONG: &str = "（仮称）やまぐちイノベーション創出推進拠点の整備に向けた基本構想の策定、関係機関との協議及び事業者の公募・選定";

fn roadmap() -> Vec<RoadmapItem> {
    vec![
        RoadmapItem {
            title: "企業誘致の推進".into(),
            start: Some(Period::FiscalYear(2022)),
            end: Some(Period::FiscalYear(2026)),
            notes: vec![
                (Period::FiscalYear(2024), "運用開始".into()),
                (Period::FiscalYear(2023), "制度設計".into()),
            ],
            ..RoadmapItem::default()
        },
        RoadmapItem {
            title: "人材育成プログラムの実施".into(),
            start: Some(Period::FiscalYear(2023)),
            end: None,
            ..RoadmapItem::default()
        },
        RoadmapItem {
            title: LONG.into(),
            start: None,
            end: Some(Period::FiscalYear(2024)),
            ..RoadmapItem::default()
        },
    ]
}

fn gantt(items: &[RoadmapItem], current: Option<i32>, lang: Lang) -> String {
    let svg = roadmap_gantt(items, Some(PLAN), FiscalStart::APRIL, current, lang);
    if let Err(e) = check_svg(&svg) {
        panic!("{e}\n{svg}");
    }
    svg
}

/// (left, right) of a bar's rectangle.
fn bar_ends(bar: &str) -> (f64, f64) {
    let x = attr(bar, "x").unwrap();
    (x, x + attr(bar, "width").unwrap())
}

#[test]
fn each_item_is_a_row_with_a_bar_over_its_years() {
    let svg = gantt(&roadmap(), Some(2024), Lang::Ja);
    assert_eq!(count(&svg, "<g class=\"gantt-row\">"), 3);
    let bars = groups(&svg, "gantt-bar");
    // Three bars in the rows, one sample in the legend.
    assert_eq!(bars.len(), 4, "{bars:?}");
    let (full, from_2023, to_2024) = (bar_ends(bars[0]), bar_ends(bars[1]), bar_ends(bars[2]));
    // No end: to the plan's end, as the full bar; no start: from the plan's start.
    assert_eq!(from_2023.1, full.1);
    assert_eq!(to_2024.0, full.0);
    // Five equal columns: the second item starts a fifth of the way along.
    let slot = (full.1 - full.0 + 4.0) / 5.0;
    assert!(
        (from_2023.0 - (full.0 + slot)).abs() < 0.2,
        "{from_2023:?} {full:?}"
    );
    assert!(
        (to_2024.1 - (full.1 - 2.0 * slot)).abs() < 0.2,
        "{to_2024:?} {full:?}"
    );

    // Year columns labelled as tables print them.
    for label in ["R4(2022)", "R5(2023)", "R8(2026)"] {
        assert!(svg.contains(&format!(">{label}</text>")), "{label}");
    }
    // The current year: a vertical line and its label.
    let current = groups(&svg, "current-year")[0];
    assert!(current.contains("<line") && current.contains(">今年度<"));
    assert!(current.contains("令和6年度（2024年度）"));
    assert_eq!(title(&svg), "工程表");
    assert!(desc(&svg).contains("1. 企業誘致の推進（令和4年度～令和8年度（2022～2026年度））"));
    assert!(desc(&svg).contains("今年度は令和6年度（2024年度）"));
    for word in ["実施期間", "年度ごとの取組（下に記載）", "今年度"] {
        assert!(
            groups(&svg, "legend")[0].contains(&format!(">{word}</text>")),
            "{word}"
        );
    }
}

#[test]
fn notes_are_diamonds_on_the_bar_and_text_beneath_in_year_order() {
    let svg = gantt(&roadmap(), None, Lang::Ja);
    let notes = groups(&svg, "gantt-note");
    assert_eq!(count(notes[0], "<path d="), 2, "{}", notes[0]);
    assert!(notes[0].contains("<title>令和5年度（2023年度）: 制度設計</title>"));
    let text = groups(&svg, "gantt-notes\" fill=\"currentColor\" stroke=\"none")[0];
    let first = text.find(">R5 制度設計<").unwrap();
    let second = text.find(">R6 運用開始<").unwrap();
    assert!(first < second, "{text}");
    // Without a current year there is no line and the legend does not mention one.
    assert!(groups(&svg, "current-year").is_empty());
}

#[test]
fn a_long_japanese_title_is_wrapped_in_two_lines_with_the_whole_in_its_tooltip() {
    let svg = gantt(&roadmap(), None, Lang::Ja);
    let class = "gantt-title\" fill=\"currentColor\" stroke=\"none";
    let long = groups(&svg, class)[2];
    assert_eq!(count(long, "<text"), 2, "{long}");
    let joined: String = long
        .split("\">")
        .skip(1)
        .map(|t| t.split("</text>").next().unwrap())
        .collect();
    assert_eq!(joined, LONG, "wrapped, nothing lost");
    assert!(
        svg.contains(&format!("<title>{LONG}（")),
        "the whole title is the tooltip"
    );

    // Longer than two lines: the second is cut with an ellipsis; the tooltip keeps it all.
    let longer = format!("{LONG}。{LONG}");
    let items = [RoadmapItem {
        title: longer.clone(),
        ..RoadmapItem::default()
    }];
    let svg = gantt(&items, None, Lang::Ja);
    let title = groups(&svg, class)[0];
    assert_eq!(count(title, "<text"), 2, "{title}");
    assert!(title.contains("…</text>"), "{title}");
    assert!(svg.contains(&format!("<title>{longer}（")));
}

#[test]
fn english_labels_columns_by_fiscal_year() {
    let svg = gantt(&roadmap(), Some(2030), Lang::En);
    assert_eq!(title(&svg), "Roadmap");
    assert!(svg.contains(">FY2023</text>"));
    assert!(
        desc(&svg).contains("FY2030, is outside the roadmap"),
        "{}",
        desc(&svg)
    );
    assert!(groups(&svg, "current-year").is_empty());
}

#[test]
fn a_title_with_markup_is_drawn_as_text() {
    let items = [RoadmapItem {
        title: "<script>alert(1)</script>".into(),
        notes: vec![(Period::FiscalYear(2023), "a<b & \"c\"".into())],
        ..RoadmapItem::default()
    }];
    for lang in Lang::ALL {
        let svg = gantt(&items, Some(2023), lang);
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(svg.contains("a&lt;b &amp; &quot;c&quot;"));
    }
}

#[test]
fn an_empty_roadmap_says_so_and_a_roadmap_with_no_years_still_names_its_items() {
    let svg = gantt(&[], Some(2024), Lang::Ja);
    assert!(svg.contains("工程表の項目がありません"));
    let items = [RoadmapItem {
        title: "調査".into(),
        ..RoadmapItem::default()
    }];
    let svg = roadmap_gantt(&items, None, FiscalStart::APRIL, None, Lang::Ja);
    check_svg(&svg).unwrap();
    assert!(svg.contains(">調査</text>"));
    assert!(groups(&svg, "gantt-bar").is_empty());
}

#[test]
fn many_years_fall_back_to_two_line_labels() {
    let items = [RoadmapItem {
        title: "長期計画".into(),
        start: Some(Period::FiscalYear(2015)),
        end: Some(Period::FiscalYear(2034)),
        ..RoadmapItem::default()
    }];
    let svg = gantt(&items, Some(2024), Lang::Ja);
    assert!(!svg.contains("R6(2024)"));
    assert!(svg.contains(">2015</text>"));
}

//! Progress-report shapes other governments print, beyond the seed's, read into progress
//! entries.
//!
//! Each fixture under `tests/fixtures/shapes/progress-*.txt` is a small hand-made document in
//! one shape seen in published progress reports (進捗状況, 達成状況, KPI の検証): inline
//! `name：actual/target` entries under numbered projects, `実績 118件（目標 120件）`, a year's
//! target beside the final one with printed grades, KPI tables with 基準値 / 目標値 / 実績値 /
//! 達成率 / 評価 columns, and mid-year counts (`9月30日現在`). The recogniser runs alone, on a
//! fresh extraction, so these tests prove its rules and nothing else.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use shinchoku_core::period::Period;
use shinchoku_import::extract::model::{Extraction, ProgressEntry};
use shinchoku_import::extract::progress;
use shinchoku_import::extract::text::Doc;

fn read(name: &str, report_date: Option<Period>) -> Vec<ProgressEntry> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/shapes")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let doc = Doc::new(name, &text);
    let mut ex = Extraction::default();
    // The structure recogniser reads the report's date from its title; here it is given.
    ex.plan.as_of = report_date;
    progress::recognize(&doc, &mut ex);
    ex.progress_entries
}

/// An entry as one line: `project_no name actual/target unit [as_of] [status] [mark]`.
fn show(e: &ProgressEntry) -> String {
    let num = |d: Option<shinchoku_core::Decimal>| d.map(|d| d.normalize().to_string());
    let value = match (&e.actual_text, &e.target_text) {
        (Some(a), Some(t)) => format!("{a}/{t}"),
        _ => format!(
            "{}/{}{}",
            num(e.actual).unwrap_or_default(),
            num(e.target).unwrap_or_default(),
            e.unit
        ),
    };
    let mut s = format!(
        "{} {} {value}",
        e.project_no.map(|n| n.to_string()).unwrap_or("-".into()),
        e.name
    );
    if let Some(f) = num(e.final_target) {
        s.push_str(&format!(" final={f}"));
    }
    if let Some(c) = &e.comparator {
        s.push_str(&format!(" {c}"));
    }
    if let Some(p) = e.as_of {
        s.push_str(&format!(" @{p}"));
    }
    if let Some(st) = &e.status {
        s.push_str(&format!(" {st}"));
    }
    if let Some(m) = &e.mark {
        s.push_str(&format!(" [{m}]"));
    }
    s
}

fn check(name: &str, report_date: Option<Period>, expected: &[&str]) {
    let got: Vec<String> = read(name, report_date).iter().map(show).collect();
    assert_eq!(got, expected, "{name}");
}

#[test]
fn inline_entries_under_numbered_projects_in_a_table() {
    check(
        "progress-inline-colon-slash.txt",
        None,
        &[
            "1 観光客数 812/900万人 @FY2021",
            "1 外国人宿泊者数 2.4/10万人",
            "1 観光案内所の多言語化 実施中/完了",
            "2 周遊バス運行路線数 3/5路線",
            "2 Wi-Fi整備施設数 48/60施設 at_least @2022-08 provisional",
        ],
    );
    let got = read("progress-inline-colon-slash.txt", None);
    assert_eq!(got[0].project.as_deref(), Some("観光客の誘致促進"));
    assert_eq!(got[3].project.as_deref(), Some("受入環境の整備"));
    assert_eq!(got[2].kind.as_deref(), Some("milestone"));
}

#[test]
fn jisseki_with_the_target_in_brackets_under_bracketed_numbers() {
    check(
        "progress-jisseki-mokuhyo.txt",
        None,
        &[
            "1 創業件数 118/120件",
            "1 創業セミナー受講者数 264/300人",
            "2 事業承継診断件数 1532/1500件",
        ],
    );
}

#[test]
fn a_years_target_the_final_target_and_printed_grades() {
    check(
        "progress-final-target-grades.txt",
        None,
        &[
            "1 移住者数 312/300人 final=1500 [◎]",
            "1 空き家バンク成約件数 18/25件 final=120 [△]",
            "2 待機児童数 4/0人 at_most [×]",
        ],
    );
}

#[test]
fn a_kpi_table_with_rate_and_grade_columns() {
    // The `①` of a KPI row numbers the indicator, not a project; a row without an actual
    // (`—`) is an entry without one.
    check(
        "progress-kpi-table-grades.txt",
        None,
        &[
            "- 新規就農者数 46/50人 @FY2022 [A]",
            "- 農産物直売所の販売額 15.8/15億円 @FY2022 [S]",
            "- 耕作放棄地の面積 402/380ha at_most @FY2022 [B]",
            "- 6次産業化の認定件数 /10件 [−]",
        ],
    );
}

#[test]
fn mid_year_counts_are_dated_in_the_reports_year_and_provisional() {
    check(
        "progress-mid-year-as-of.txt",
        Period::month(2021, 11).ok(),
        &[
            "- 企業誘致件数 7/12件 @2021-09-30 provisional",
            "- 新規学卒者の県内就職率 68.2/70% @FY2020",
            "- UJIターン就職者数 205/400人 @2021-10 provisional",
        ],
    );
}

/// Entries of a text read whole, as `show` prints them.
fn read_text(text: &str) -> Vec<String> {
    let doc = Doc::new("t.txt", text);
    let mut ex = Extraction::default();
    progress::recognize(&doc, &mut ex);
    ex.progress_entries.iter().map(show).collect()
}

#[test]
fn the_present_value_beside_the_baseline_is_the_actual_where_the_caption_reports_progress() {
    let table = "指標名\t基準値(R2)\t現状値(R5)\t目標値(R7)\n\
                 がん検診の受診率\t21.4%\t24.9%\t30.0%\n";
    let report = read_text(&format!("成果指標の進捗状況について\n\n{table}"));
    assert_eq!(report, ["- がん検診の受診率 24.9/30% @FY2023"]);
    // The same table in a plan: 現状値 is where the plan starts from, no progress.
    assert!(read_text(&format!("東山市総合計画\n\n{table}")).is_empty());
}

#[test]
fn a_header_with_no_names_column_whose_first_column_holds_units_prints_no_names() {
    // Read as a list, its names would be the direction words. (A sentence above is no
    // caption to name it by.)
    let report = read_text(
        "施策評価の結果は次のとおりです。\n\
         単位\t目標年度\t目標値\t指標数値の目指す方向\tR3実績\tR4実績\n\
         組織\tR6\t48.0\t増加\t41\t44\n",
    );
    assert!(report.is_empty(), "{report:?}");
}

#[test]
fn years_right_before_the_target_are_actuals_in_an_evaluation_sheet_with_no_baseline_column() {
    let table = "指標名\t単位\t令和3年度\t令和4年度\t令和5年度\t目標値(令和8年度)\n\
                 市民一人あたりの貸出冊数\t冊\t5.8\t6.1\t6.3\t7.0\n";
    let report = read_text(&format!("令和6年度 事務事業評価シート\n\n{table}"));
    assert_eq!(report, ["- 市民一人あたりの貸出冊数 6.3/7冊 @FY2023"]);
    // In a plan the years are the years' targets.
    assert!(read_text(&format!("図書館サービス計画\n\n{table}")).is_empty());
}

#[test]
fn a_years_plan_is_the_target_and_its_accounts_the_actual() {
    let report = read_text(
        "令和5年度 経営強化プラン達成状況\n\
         指標名\tR5プラン\tR5決算\t差引\t評価\n\
         経常収支比率\t100.5%\t98.2%\t△2.3%\t×\n",
    );
    assert_eq!(report, ["- 経常収支比率 98.2/100.5% @FY2023 [×]"]);
    // A long cell that names a plan is no plan column (`…事業計画承認件数：41件/45件（R1.8）`).
    let inline =
        read_text("進捗状況\n① 企業支援\t・地域経済牽引事業計画承認件数：41件/45件（R1.8）\n");
    assert_eq!(inline.len(), 1, "{inline:?}");
}

#[test]
fn a_target_year_column_is_no_target_column() {
    // `目標年度` holds when the target is due; the target is under `目標値` after it.
    let report = read_text(
        "施策評価\n\
         指標名\t単位\t目標年度\t目標値\tR3実績\tR4実績\n\
         自主防災組織の結成数\t組織\tR6\t48.0\t41\t44\n",
    );
    assert_eq!(report, ["- 自主防災組織の結成数 44/48組織 @FY2022"]);
}

#[test]
fn year_columns_without_a_role_word_are_actuals_where_the_caption_reports_progress() {
    let table = "項目\t基準値(R1)\tR3\tR4\tR5\t目標値(R9)\n\
                 市営駐輪場の利用台数\t2,100台\t2,240台\t2,310台\t2,405台\t2,800台\n\
                 公民館講座の受講者数\t3,600人\t2,950人\t3,310人\t\t4,000人\n";
    let report = read_text(&format!("公共施設計画の進捗状況(令和5年度)\n\n{table}"));
    assert_eq!(report.len(), 2, "{report:?}");
    assert!(
        report[0].contains("市営駐輪場の利用台数 2405/2800"),
        "{report:?}"
    );
    // The latest year with a value: R5 is empty, so R4's.
    assert!(
        report[1].contains("公民館講座の受講者数 3310/4000"),
        "{report:?}"
    );
    // The same table in a plan: the years are the years' targets, no progress.
    assert!(read_text(&format!("公共施設計画\n\n{table}")).is_empty());
}

#[test]
fn a_header_of_two_rows_reads_as_one_and_a_group_column_names_nothing() {
    // 区分 merged down over its rows, a year over 目標値 and 実績値.
    let text = "区分\t指標\t単位\t令和5年度\t\t評価\n\
                \t\t\t目標値\t実績値\t\n\
                交通\t路線バスの年間利用者数\t万人\t310\t298\tB\n\
                \t駅前駐輪場の稼働率\t%\t80\t83.5\tA\n";
    let got = read_text(text);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].contains("路線バスの年間利用者数 298/310"), "{got:?}");
    assert!(got[1].contains("駅前駐輪場の稼働率 83.5/80"), "{got:?}");
}

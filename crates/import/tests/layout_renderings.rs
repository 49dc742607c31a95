//! Every text rendering of a table reads as the same table written with tabs (issue 16).
//!
//! Each test writes one small indicator table in one rendering — ` | ` cells, a Markdown
//! table, columns aligned by runs of spaces, rows broken over lines, one cell per line, a
//! run-on PDF paragraph, columns printed one after another — and checks that its extraction
//! gives the same indicators (name, unit, kind, baseline and target with their periods) as
//! the same table with tabs. The files in `tests/layout/` are real `pdftotext -layout` output
//! of PDFs that chromium printed from the small HTML pages beside them (how they were made:
//! `tests/layout/README.md`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use serde_json::Value;
use shinchoku_import::extract::extract_text;
use shinchoku_import::extract::text::{Doc, Split};

fn value_at(v: &Value) -> String {
    let value = match &v["value"] {
        Value::Null => "-".to_owned(),
        x => x.to_string(),
    };
    format!("{value}@{}", v["period"].as_str().unwrap_or("-"))
}

/// The indicators of a text, one line each: `name|unit|kind|baseline@period|target@period`.
fn indicators(text: &str) -> Vec<String> {
    let ex = extract_text(text, "t.txt", "UTF-8");
    let json = serde_json::to_value(&ex).unwrap();
    json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let s = |k: &str| i[k].as_str().unwrap_or_default().to_owned();
            format!(
                "{}|{}|{}|{}|{}",
                s("name"),
                s("unit"),
                s("kind"),
                value_at(&i["baseline"]),
                value_at(&i["target"])
            )
        })
        .collect()
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/layout")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The safety table of `kpi-table.html`, with tabs.
const SAFETY_TABS: &str = "成果指標\n\
指標名\t単位\t現状値 (R4)\t目標値 (R9)\n\
自主防災組織数\t組織\t16\t21\n\
防災訓練に参加した市民の割合（年間）\t%\t12.4\t30.0\n\
消防団員数\t人\t1,240\t1,500\n\
空き家の改修件数（累計）\t件\t35\t200\n\
\n\
指標は毎年度の評価で確認します。\n";

/// The tourism table of `kpi-years.html`, with tabs.
const TOURISM_TABS: &str = "重要業績評価指標（KPI）\n\
指標名\t基準値\t基準年度\t目標値\t目標年度\n\
観光入込客数（年間）\t412万人\t令和4年度\t500万人\t令和9年度\n\
市内宿泊者数\t38.6万人\t令和3年度\t45万人\t令和9年度\n\
外国人観光客の延べ宿泊数\t2,150人泊\t令和4年度\t5,000人泊\t令和9年度\n\
観光案内所の利用者満足度\t78.5%\t令和4年度\t85.0%\t令和9年度\n";

/// The environment table of `kpi-middle.html`, with tabs.
const WASTE_TABS: &str = "数値目標\n\
項目\t単位\t基準値 (H30)\t目標値 (R6)\n\
ごみの1人1日当たり排出量\tg\t912\t850\n\
リサイクル率\t%\t21.3\t25.0\n\
太陽光発電設備の設置件数（累計）\t件\t1,820\t3,000\n";

#[track_caller]
fn same_as_tabs(text: &str, tabs: &str, count: usize) {
    let want = indicators(tabs);
    assert_eq!(want.len(), count, "the tab table itself: {want:#?}");
    assert_eq!(indicators(text), want);
}

#[test]
fn the_tab_tables_give_their_indicators() {
    assert_eq!(
        indicators(SAFETY_TABS),
        [
            "自主防災組織数|組織|level|16@FY2022|21@FY2027",
            "防災訓練に参加した市民の割合|%|annual|12.4@FY2022|30@FY2027",
            "消防団員数|人|level|1240@FY2022|1500@FY2027",
            "空き家の改修件数|件|cumulative|35@FY2022|200@FY2027",
        ]
    );
}

#[test]
fn pdftotext_layout_columns_with_wrapped_names_read_as_tabs() {
    same_as_tabs(&fixture("kpi-table.txt"), SAFETY_TABS, 4);
}

#[test]
fn pdftotext_layout_columns_a_single_space_apart_read_as_tabs() {
    same_as_tabs(&fixture("kpi-years.txt"), TOURISM_TABS, 4);
}

#[test]
fn pdftotext_layout_names_centred_over_three_lines_join_their_values_row() {
    same_as_tabs(&fixture("kpi-middle.txt"), WASTE_TABS, 3);
}

#[test]
fn spaced_pipe_cells_read_as_tabs() {
    let text = "成果指標\n\
指標名 | 単位 | 現状値 (R4) | 目標値 (R9)\n\
自主防災組織数 | 組織 | 16 | 21\n\
防災訓練に参加した市民の割合（年間） | % | 12.4 | 30.0\n\
消防団員数 | 人 | 1,240 | 1,500\n\
空き家の改修件数（累計） | 件 | 35 | 200\n\
\n\
指標は毎年度の評価で確認します。\n";
    same_as_tabs(text, SAFETY_TABS, 4);
}

#[test]
fn a_markdown_table_reads_as_tabs() {
    let text = "成果指標\n\
\n\
| 指標名 | 単位 | 現状値 (R4) | 目標値 (R9) |\n\
|---|:--:|---:|---:|\n\
| 自主防災組織数 | 組織 | 16 | 21 |\n\
| 防災訓練に参加した市民の割合（年間） | % | 12.4 | 30.0 |\n\
| 消防団員数 | 人 | 1,240 | 1,500 |\n\
| 空き家の改修件数（累計） | 件 | 35 | 200 |\n\
\n\
指標は毎年度の評価で確認します。\n";
    same_as_tabs(text, SAFETY_TABS, 4);
    let doc = Doc::new("t.md", text);
    let header = doc.lines.iter().find(|l| l.no == 3).unwrap();
    assert_eq!(
        header.cells,
        ["指標名", "単位", "現状値 (R4)", "目標値 (R9)"]
    );
    assert_eq!(header.split, Split::Markdown);
    // The separator line is no line of the document, so the rows follow the header.
    assert!(doc.lines.iter().all(|l| l.no != 4));
}

#[test]
fn a_pipe_inside_prose_is_text() {
    let doc = Doc::new("t.txt", "A|B の比較を行う。\n次の段落。\n");
    assert_eq!(doc.lines[0].cells, ["A|B の比較を行う。"]);
    assert_eq!(doc.lines[0].split, Split::AsWritten);
}

#[test]
fn full_width_columns_aligned_by_runs_of_spaces_read_as_tabs() {
    // Typed with ideographic and ASCII spaces, the way a text file of a plan lines up.
    let text = "成果指標\n\
指標名　　　　　　　　　　　　　　　　　単位　　現状値 (R4)　目標値 (R9)\n\
自主防災組織数　　　　　　　　　　　　　組織　　16　　　　　21\n\
防災訓練に参加した市民の割合（年間）　　%       12.4        30.0\n\
消防団員数　　　　　　　　　　　　　　　人　　　1,240　　　 1,500\n\
空き家の改修件数（累計）　　　　　　　　件　　　35　　　　　200\n\
\n\
指標は毎年度の評価で確認します。\n";
    same_as_tabs(text, SAFETY_TABS, 4);
}

#[test]
fn a_single_space_inside_a_cell_does_not_cut_it() {
    let doc = Doc::new(
        "t.txt",
        "指標名          現状値 (R4)     目標値\n市民満足度      12.4 %          30.0 %\n",
    );
    assert_eq!(doc.lines[0].cells, ["指標名", "現状値 (R4)", "目標値"]);
    assert_eq!(doc.lines[1].cells, ["市民満足度", "12.4 %", "30.0 %"]);
    assert_eq!(doc.lines[1].split, Split::Spaces { columns: 3 });
}

#[test]
fn a_name_whose_first_part_stands_above_its_values_joins_the_row_below() {
    let text = "成果指標\n\
指標名              単位    現状値 (R4)   目標値 (R9)\n\
自主防災組織数      組織           16            21\n\
防災訓練に参加した\n\
市民の割合（年間）    %           12.4          30.0\n\
消防団員数          人          1,240         1,500\n\
空き家の改修件数    件             35           200\n\
（累計）\n";
    same_as_tabs(text, SAFETY_TABS, 4);
    let doc = Doc::new("t.txt", text);
    let joined = doc.lines.iter().find(|l| l.no == 4).unwrap();
    assert_eq!(joined.split, Split::Joined { lines: vec![4, 5] });
    assert_eq!(joined.split.describe(), "4〜5 行目をつないだ 1 行");
    assert_eq!(joined.cells[0], "防災訓練に参加した市民の割合(年間)");
}

#[test]
fn one_cell_per_line_reads_as_tabs() {
    let text = "成果指標\n\
指標名\n単位\n現状値 (R4)\n目標値 (R9)\n\
自主防災組織数\n組織\n16\n21\n\
防災訓練に参加した市民の割合（年間）\n%\n12.4\n30.0\n\
消防団員数\n人\n1,240\n1,500\n\
空き家の改修件数（累計）\n件\n35\n200\n\
\n\
指標は毎年度の評価で確認します。\n";
    same_as_tabs(text, SAFETY_TABS, 4);
    let doc = Doc::new("t.txt", text);
    let row = doc.lines.iter().find(|l| l.no == 6).unwrap();
    assert_eq!(row.cells, ["自主防災組織数", "組織", "16", "21"]);
    assert_eq!(
        row.split,
        Split::OneCellPerLine {
            lines: vec![6, 7, 8, 9]
        }
    );
}

#[test]
fn cells_a_blank_line_apart_read_as_tabs() {
    // A web page's table copied from the browser: every cell a paragraph of its own, a
    // value's year in brackets a paragraph under it.
    let text = "成果指標\n\n\
指標名\n\n単位\n\n現状値\n\n目標値\n\n\
自主防災組織数\n\n組織\n\n16\n\n(R4)\n\n21\n\n\
防災訓練に参加した市民の割合（年間）\n\n%\n\n12.4\n\n(R4)\n\n30.0\n\n\n\
指標は毎年度の評価で確認します。\n";
    let tabs = "成果指標\n\
指標名\t単位\t現状値\t目標値\n\
自主防災組織数\t組織\t16 (R4)\t21\n\
防災訓練に参加した市民の割合（年間）\t%\t12.4 (R4)\t30.0\n";
    same_as_tabs(text, tabs, 2);
    let doc = Doc::new("t.txt", text);
    let row = doc.lines.iter().find(|l| l.no == 11).unwrap();
    assert_eq!(row.cells, ["自主防災組織数", "組織", "16 (R4)", "21"]);
    assert_eq!(
        row.split,
        Split::OneCellPerLine {
            lines: vec![11, 13, 15, 17, 19]
        }
    );
    // The blank lines around the table still separate it from the text.
    assert!(doc
        .lines
        .iter()
        .any(|l| l.no == 32 && l.cells == ["指標は毎年度の評価で確認します。"]));
}

#[test]
fn columns_printed_one_after_another_are_paired_by_their_counts() {
    let text = "成果指標\n\
指標名\n単位\n現状値 (R4)\n目標値 (R9)\n\
自主防災組織数\n防災訓練に参加した市民の割合（年間）\n消防団員数\n空き家の改修件数（累計）\n\
組織\n%\n人\n件\n\
16\n12.4\n1,240\n35\n\
21\n30.0\n1,500\n200\n\
\n\
指標は毎年度の評価で確認します。\n";
    same_as_tabs(text, SAFETY_TABS, 4);
    let doc = Doc::new("t.txt", text);
    let row = doc.lines.iter().find(|l| l.no == 7).unwrap();
    assert_eq!(
        row.cells,
        ["防災訓練に参加した市民の割合(年間)", "%", "12.4", "30.0"]
    );
    assert_eq!(
        row.split,
        Split::Columns {
            lines: vec![7, 11, 15, 19]
        }
    );
}

#[test]
fn run_on_rows_under_a_header_are_cut_by_its_columns_and_the_kinds_of_words() {
    let text = "重要業績評価指標（KPI）\n\
指標名 基準値 基準年度 目標値 目標年度\n\
観光入込客数（年間） 412万人 令和4年度 500万人 令和9年度\n\
市内宿泊者数 38.6万人 令和3年度 45万人 令和9年度\n\
外国人観光客の延べ宿泊数 2,150人泊 令和4年度 5,000人泊 令和9年度\n\
観光案内所の利用者満足度 78.5% 令和4年度 85.0% 令和9年度\n";
    same_as_tabs(text, TOURISM_TABS, 4);
    let doc = Doc::new("t.txt", text);
    assert_eq!(doc.lines[2].split, Split::RunOn { columns: 5 });
}

#[test]
fn a_run_on_name_of_several_words_stays_one_cell() {
    let doc = Doc::new(
        "t.txt",
        "指標名 単位 現状値 目標値\n中小企業の I o T 導入率 % 10 20\n",
    );
    assert_eq!(
        doc.lines[1].cells,
        ["中小企業の I o T 導入率", "%", "10", "20"]
    );
}

#[test]
fn a_whole_table_run_on_in_one_line_is_cut_when_the_counts_divide() {
    let text = "成果指標\n\
指標名 単位 現状値 (R4) 目標値 (R9) 自主防災組織数 組織 16 21 消防団員数 人 1,240 1,500\n";
    let tabs = "成果指標\n\
指標名\t単位\t現状値 (R4)\t目標値 (R9)\n\
自主防災組織数\t組織\t16\t21\n\
消防団員数\t人\t1,240\t1,500\n";
    same_as_tabs(text, tabs, 2);
}

#[test]
fn a_run_on_line_that_counts_do_not_decide_stays_prose() {
    // Seven words after a four-column header: no cut is taken.
    let doc = Doc::new(
        "t.txt",
        "指標名 単位 現状値 目標値 自主防災組織数 組織 16 21 消防団員数 人 1,240\n",
    );
    assert!(!doc.lines[0].is_row());
    assert_eq!(doc.lines[0].split, Split::AsWritten);
}

#[test]
fn prose_with_runs_of_spaces_is_not_a_table() {
    let doc = Doc::new(
        "t.txt",
        "第1章  総論\n\nこの計画は、  市の目指す姿を示すものです。\n第1章　総則\n1　基本理念\n",
    );
    assert!(doc.lines.iter().all(|l| !l.is_row()), "{:#?}", doc.lines);
}

#[test]
fn lines_keep_their_first_source_line_number() {
    let doc = Doc::new("t.txt", &fixture("kpi-middle.txt"));
    let nos: Vec<usize> = doc.lines.iter().map(|l| l.no).collect();
    // Line 6 (`太陽光発電設備`) starts the third row; 4, 7 and 8 are parts of the rows they
    // join; 9 is the page's form feed.
    assert_eq!(nos, [1, 2, 3, 5, 6, 9]);
    let third = doc.lines.iter().find(|l| l.no == 6).unwrap();
    assert_eq!(
        third.split,
        Split::Joined {
            lines: vec![6, 7, 8]
        }
    );
}

#[test]
fn a_title_in_a_markdown_row_is_read_without_its_pipes() {
    let text = "| 第２次　山口市観光振興計画 | |\n|---|---|\n| 指標名 | 目標値 |\n| 観光客数 | 500万人 |\n";
    let ex = extract_text(text, "t.md", "UTF-8");
    assert_eq!(ex.plan.title.as_deref(), Some("第2次 山口市観光振興計画"));
}

#[test]
fn a_header_over_three_lines_and_numbered_rows_whose_name_starts_above_their_values() {
    // The shape `pdftotext -layout` prints for a table with a `No.` column, a header whose
    // value words stand a line above the others and years a line below, and names wrapped
    // with their first part (and the row's number) above the values.
    let text = [
        "■ 成果指標",
        "                             現状値 目標値",
        "No.         指標名           単位",
        "                              (R4) (R9)",
        " 1 自主防災組織数                組織     16     21",
        " 2 防災訓練に参加した市民の割合（年",
        "   間）                          % 12.4   30.0",
        " 3 消防団員数                     人  1,240  1,500",
        "",
    ]
    .join("\n");
    let text = text.as_str();
    let tabs = "■ 成果指標\n\
No.\t指標名\t単位\t現状値 (R4)\t目標値 (R9)\n\
1\t自主防災組織数\t組織\t16\t21\n\
2\t防災訓練に参加した市民の割合（年間）\t%\t12.4\t30.0\n\
3\t消防団員数\t人\t1,240\t1,500\n";
    same_as_tabs(text, tabs, 3);
    let doc = Doc::new("t.txt", text);
    assert_eq!(
        doc.lines[1].cells,
        ["No.", "指標名", "単位", "現状値 (R4)", "目標値 (R9)"]
    );
    assert_eq!(
        doc.lines[1].split,
        Split::Joined {
            lines: vec![2, 3, 4]
        }
    );
    let second = doc.lines.iter().find(|l| l.no == 6).unwrap();
    assert_eq!(
        second.cells[..2],
        ["2", "防災訓練に参加した市民の割合(年間)"]
    );
}

#[test]
fn value_and_period_row_pairs_with_the_name_between_them_read_as_tabs() {
    // Each indicator is a 数値 row over a 時点 row; the name, a cell spanning both, prints on
    // the line between them, and the label column has no header word of its own.
    let layout = "                    計画策定時 直近値 目標値\n\
         \x20        指標名\n\
         \x20                   数値 310人 342人 400人\n\
         市民ボランティア登録者数\n\
         \x20                   時点 R2     R4     R8\n\
         \x20                   数値 18.5% 19.9% 25.0%\n\
         公共交通の利用率(平日)\n\
         \x20                   時点 H30    R3     R8\n";
    let tabs = "指標名\t区分\t計画策定時\t直近値\t目標値\n\
         市民ボランティア登録者数\t数値\t310人\t342人\t400人\n\
         \t時点\tR2\tR4\tR8\n\
         公共交通の利用率(平日)\t数値\t18.5%\t19.9%\t25.0%\n\
         \t時点\tH30\tR3\tR8\n";
    same_as_tabs(layout, tabs, 2);
    let doc = Doc::new("t.txt", layout);
    let label = doc
        .lines
        .iter()
        .find(|l| l.cells.first().is_some_and(|c| c.starts_with("市民")));
    assert_eq!(
        label.map(|l| l.cells.clone()),
        Some(vec![
            "市民ボランティア登録者数".to_owned(),
            "数値".to_owned(),
            "310人".to_owned(),
            "342人".to_owned(),
            "400人".to_owned(),
        ])
    );
}

#[test]
fn a_line_of_bracketed_dates_under_a_row_dates_the_values_above_it() {
    // Each value cell printed its period on a second line: a span averaged or totalled, a
    // single year, a yearly target.
    let layout = "        指標              基準値          目標値\n\
         \x20救急搬送件数(件/年)              5,120        4,800\n\
         \x20                      (R1～R3平均)        (R9)\n\
         防犯灯の設置数(基)                  640          900\n\
         \x20                      (H30～R2累計) (R5～R9累計)\n\
         消防団の充足率(%)                   91.5         95.0\n\
         \x20                            (R3)          (R9)\n";
    let tabs = "指標\t基準値\t目標値\n\
         救急搬送件数(件/年)\t5,120(R1～R3平均)\t4,800(R9)\n\
         防犯灯の設置数(基)\t640(H30～R2累計)\t900(R5～R9累計)\n\
         消防団の充足率(%)\t91.5(R3)\t95.0(R9)\n";
    same_as_tabs(layout, tabs, 3);
    let got = indicators(layout);
    assert!(got[0].contains("5120@FY2019-FY2021"), "{got:?}");
    assert!(got[2].ends_with("91.5@FY2021|95@FY2027"), "{got:?}");
}

#[test]
fn a_row_with_its_notes_cell_blank_keeps_its_values_under_their_columns() {
    // Values print right of their header words, so by position alone the target would stand
    // under the notes column; the row is cut by what its words are.
    let layout = "         指標              基準値      目標値(R10)      備考\n\
         \x20市民農園の区画数                 240区画 300区画      農政課調べ\n\
         市民農園の利用者数                   3,600人      4,500人\n";
    let tabs = "指標\t基準値\t目標値(R10)\t備考\n\
         市民農園の区画数\t240区画\t300区画\t農政課調べ\n\
         市民農園の利用者数\t3,600人\t4,500人\t\n";
    same_as_tabs(layout, tabs, 2);
}

#[test]
fn a_name_that_opens_with_a_number_is_cut_as_a_name() {
    let layout = "        指標名           単位 現状値 目標値\n\
         \x203歳児健診の受診率        % 92.1 95.0\n\
         \x201人あたりの図書貸出冊数    冊 5.2 6.0\n";
    let tabs = "指標名\t単位\t現状値\t目標値\n\
         3歳児健診の受診率\t%\t92.1\t95.0\n\
         1人あたりの図書貸出冊数\t冊\t5.2\t6.0\n";
    same_as_tabs(layout, tabs, 2);
}

#[test]
fn a_second_header_line_printed_shifted_right_gives_each_year_to_its_own_column() {
    // The name's header cell, centred over two lines, is wide: pdftotext prints the years'
    // line a few columns right of the words above them, and the rate column takes no year.
    let text = "                 基準値 目標値 実績値 達成率 評価\n \
                重要業績評価指標（KPI） （R2）   （R7） （R5）\n\
                市内事業所の新規雇用者数 312人 400人 388人 97.0% A\n\
                創業支援による創業件数       18件 30件 24件 80.0% B+\n";
    assert_eq!(
        indicators(text),
        [
            "市内事業所の新規雇用者数|人|level|312@FY2020|400@FY2025",
            "創業支援による創業件数|件|level|18@FY2020|30@FY2025",
        ]
    );
}

/// Small tables of one indicator each, captioned by its name, with tabs.
const CAPTIONED_TABS: &str = "水質基準不適合率\n\
現状値(令和5年度)\t目標値(令和11年度)\t将来値(令和16年度)\n\
0%\t0%\t0%\n\
算定方法\n\
浄水施設の耐震化率\n\
現状値(令和5年度)\t目標値(令和11年度)\t将来値(令和16年度)\n\
26.0%\t48.5%\t100%\n\
指標設定にあたっての考え方など\n";

#[test]
fn captioned_tables_of_one_indicator_read_in_single_spaces_and_in_pdftotext_layout() {
    // A web page's text: the cells a single space apart.
    same_as_tabs(&CAPTIONED_TABS.replace('\t', " "), CAPTIONED_TABS, 2);
    // `pdftotext -layout` of the same page printed by chromium: the caption centred above,
    // the header a single space apart, the values under their headings, and the words after
    // the table (which must not be read as a wrapped value) at the left.
    same_as_tabs(
        "  【安全】安全な水の供給\n\
         \x20 水質基準不適合率\n\
         \x20              水質基準不適合率\n\
         \x20  現状値(令和5年度) 目標値(令和11年度) 将来値(令和16年度)\n\
         \x20  0%         0%          0%\n\
         \x20 算定方法\n\
         \x20 (水質基準不適合回数/全検査回数)×100\n\
         \x20 【強靭】災害に強い水道\n\
         \x20 浄水施設の耐震化率\n\
         \x20             浄水施設の耐震化率\n\
         \x20  現状値(令和5年度) 目標値(令和11年度) 将来値(令和16年度)\n\
         \x20  26.0%      48.5%       100%\n\
         \x20 指標設定にあたっての考え方など\n",
        CAPTIONED_TABS,
        2,
    );
}

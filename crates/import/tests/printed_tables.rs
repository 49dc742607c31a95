//! Plan tables printed to PDF and read back by `pdftotext -layout`: the shapes of published
//! 成果指標 tables, 工程表 and evaluation sheets as their printed text has them, each written
//! small with names and numbers of its own and checked against the same table with tabs (or
//! against what a careful reader takes from it).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use shinchoku_import::extract::extract_text;

fn value_at(v: &Value) -> String {
    let value = match &v["value"] {
        Value::Null => "-".to_owned(),
        x => x.to_string(),
    };
    format!("{value}@{}", v["period"].as_str().unwrap_or("-"))
}

/// The indicators of a text, one line each: `name|unit|baseline@period|target@period`.
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
                "{}|{}|{}|{}",
                s("name"),
                s("unit"),
                value_at(&i["baseline"]),
                value_at(&i["target"])
            )
        })
        .collect()
}

#[test]
fn value_columns_split_into_year_and_value_subcolumns_by_the_line_under_the_header() {
    // `策定時` and `目標` each spanned a 年度 and a 数値 subcolumn; pdftotext packs the line
    // of subheads to the left, so it says how the columns split, not where.
    let text = "  番号      項目           単位     策定時       目標\n\
                \x20                          年度 数値 年度 数値\n\
                \x20 1 森林ボランティア登録者数     人    H30   214 R8   300\n\
                \x20 2 里山保全協定の締結数       件    R1     9 R8    16\n";
    assert_eq!(
        indicators(text),
        [
            "森林ボランティア登録者数|人|214@FY2018|300@FY2026",
            "里山保全協定の締結数|件|9@FY2019|16@FY2026",
        ]
    );
}

#[test]
fn a_wrapped_note_printed_under_a_value_column_stays_with_its_note_and_a_name_beside_its_unit_is_cut_by_kinds(
) {
    // A narrow name column wraps every name; the note column's second line starts left of
    // its first, under the target's header; a name's second line stands a single space from
    // its unit.
    let text = "No.   指標名       現状値 目標値\n\
                \x20            単位 （R5）                     指標の説明\n\
                \x20                      （R11）\n\
                \x201 地域猫活動の登録グ\n\
                \x20  ループ数      団体    12      20 保健所に届け出た活動団体の数を年度末に集計し\n\
                \x20                              て公表したもの\n\
                \x202 動物愛護フェスタ来\n\
                \x20  場者数の年間合計 人    1,840   2,500 各年度の延べ来場者数\n";
    assert_eq!(
        indicators(text),
        [
            "地域猫活動の登録グループ数|団体|12@FY2023|20@FY2029",
            "動物愛護フェスタ来場者数の年間合計|人|1840@FY2023|2500@FY2029",
        ]
    );
}

#[test]
fn a_table_nested_in_a_form_cell_drops_the_label_beside_its_header_and_ends_at_the_next_label() {
    // An evaluation sheet: the label cell `評価指標` prints on the nested header's line, the
    // rows are indented by the label's cell, and the next label (`判定`) stands left of them.
    let text = "事業名   3-1 農村環境の保全\n\
                評価指標            指標名           策定時 目標値\n\
                \x20                          単位 （R1）   （R6）\n\
                \x20      多面的機能支払の取組面積     ha    2,310 2,600\n\
                \x20      ため池の改修済み箇所数      箇所     17    30\n\
                判定     A(順調)\n";
    assert_eq!(
        indicators(text),
        [
            "多面的機能支払の取組面積|ha|2310@FY2019|2600@FY2024",
            "ため池の改修済み箇所数|箇所|17@FY2019|30@FY2024",
        ]
    );
}

#[test]
fn years_that_outnumber_the_role_words_are_columns_the_actual_word_taking_the_middle_ones() {
    // 基準値 over one year, 実績値 over three, 目標値 over one, printed at staggered heights;
    // the second year is as near to 基準値 as to 実績値.
    let text = "     項目     単位 基準値\n\
                \x20               2021  2022\n\
                \x20                         実績値\n\
                \x20                          2023  2024\n\
                \x20                                      目標値\n\
                \x20                                       2027\n\
                公園の利用者数      千人 84.2 88.0 90.3 93.6 100.0\n\
                花壇ボランティア数    人  46  51  55  58  70\n";
    assert_eq!(
        indicators(text),
        [
            "公園の利用者数|千人|84.2@FY2021|100@FY2027",
            "花壇ボランティア数|人|46@FY2021|70@FY2027",
        ]
    );
    let ex = extract_text(text, "t.txt", "UTF-8");
    let latest: Vec<String> = ex
        .progress_entries
        .iter()
        .map(|e| format!("{} {:?}", e.name, e.actual.map(|d| d.to_string())))
        .collect();
    assert_eq!(
        latest,
        [
            r#"公園の利用者数 Some("93.6")"#,
            r#"花壇ボランティア数 Some("58")"#
        ]
    );
}

#[test]
fn names_printed_around_their_values_line_join_their_own_row_and_a_glued_row_number_is_cut() {
    // LibreOffice centres a two-line name on its row: the values' line holds no name, its
    // parts stand above and below; a one-line name touches its row's number.
    let text = "                        現状値        目標値\n\
                No.    指標名        単位\n\
                \x20                       （R5）       （R12）\n\
                \x20 1里道の草刈り延長       km        12.4       15.0\n\
                \x20  農業用水路の清掃参加\n\
                \x202                人          830      1,000\n\
                \x20  者数\n\
                \x20  ため池ハザードマップ\n\
                \x203                箇所          18         40\n\
                \x20  の作成数\n";
    assert_eq!(
        indicators(text),
        [
            "里道の草刈り延長|km|12.4@FY2023|15@FY2030",
            "農業用水路の清掃参加者数|人|830@FY2023|1000@FY2030",
            "ため池ハザードマップの作成数|箇所|18@FY2023|40@FY2030",
        ]
    );
}

#[test]
fn a_progress_name_split_around_its_values_line_stays_one_name() {
    let text = "                           目標値     実績値\n\
                \x20       KPI         単位                     達成率     評価\n\
                \x20                          （R8）    （R6）\n\
                地域おこし協力隊員の定着者\n\
                \x20                   人          12       9  75.0% B\n\
                数\n\
                空き家バンクの成約件数        件          40      44 110.0% A\n";
    let ex = extract_text(text, "t.txt", "UTF-8");
    let got: Vec<String> = ex
        .progress_entries
        .iter()
        .map(|e| {
            format!(
                "{} {:?}/{:?} {:?}",
                e.name,
                e.actual.map(|d| d.to_string()),
                e.target.map(|d| d.to_string()),
                e.mark
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            r#"地域おこし協力隊員の定着者数 Some("9")/Some("12") Some("B")"#,
            r#"空き家バンクの成約件数 Some("44")/Some("40") Some("A")"#,
        ]
    );
}

#[test]
fn a_numbered_row_whose_name_is_printed_around_its_values_line_keeps_number_and_values_apart() {
    let text = "No.     指標名         単位   現状値   目標値\n\
                \x20                          （R5）  （R11）\n\
                \x20   地域包括支援センターの\n\
                1                    件    4,210    5,000\n\
                \x20   相談件数\n\
                \x202  認知症サポーター数       人    8,930   12,000\n";
    assert_eq!(
        indicators(text),
        [
            "地域包括支援センターの相談件数|件|4210@FY2023|5000@FY2029",
            "認知症サポーター数|人|8930@FY2023|12000@FY2029",
        ]
    );
}

#[test]
fn role_words_under_bare_year_columns_go_to_the_years_by_order_and_a_glued_year_stands_apart() {
    // Each year's cell held 実績 on its second line, each value word's its year; pdftotext
    // packs the second line to the left, and glues the first year to 基準値 by one space.
    // 達成率, lower in its cell, prints on the second line after the others.
    let text = "   成果指標                基準値 R1       R2    R3 目標値\n\
                \x20               （H30） 実績 実績 実績 （R7） 達成率\n\
                図書館の年間来館者数              5,120 5,480 5,610 5,900 6,500 90.8%\n\
                読書ボランティアの人数             48    52    55    57    70 81.4%\n";
    assert_eq!(
        indicators(text),
        [
            "図書館の年間来館者数||5120@FY2018|6500@FY2025",
            "読書ボランティアの人数||48@FY2018|70@FY2025",
        ]
    );
    let ex = extract_text(text, "t.txt", "UTF-8");
    let latest: Vec<String> = ex
        .progress_entries
        .iter()
        .map(|e| format!("{} {:?}", e.name, e.actual.map(|d| d.to_string())))
        .collect();
    assert_eq!(
        latest,
        [
            r#"図書館の年間来館者数 Some("5900")"#,
            r#"読書ボランティアの人数 Some("57")"#
        ]
    );
}

#[test]
fn a_full_stop_wrapped_from_a_narrow_no_cell_leaves_the_header_whole() {
    // LibreOffice wraps `No.` in a narrow cell: `No` on the first header line, `.` on the
    // last, beside the years of the value words.
    let text = "No                    基準値       目標値\n\
                \x20       指標名     単位\n\
                .                     (R5)       (R11)\n\
                1 市民農園の区画数     区画        120         160\n\
                2 農業体験の参加者数   人          840       1,000\n";
    assert_eq!(
        indicators(text),
        [
            "市民農園の区画数|区画|120@FY2023|160@FY2029",
            "農業体験の参加者数|人|840@FY2023|1000@FY2029",
        ]
    );
}

#[test]
fn a_comparator_word_a_space_after_its_number_stays_with_the_number() {
    // A half-width number and a full-width 以下 print a space apart; the word is the
    // target's, not the next column's.
    let text = "No 指標名                 単位   基準値(R5)   目標値(R11)   備考\n\
                1 救急出動の平均到着時間 分        9.2    8.5 以下    R4 は 9.4 分\n\
                2 火災による死者数       人          3          0    R4 は 5 人\n";
    assert_eq!(
        indicators(text),
        [
            "救急出動の平均到着時間|分|9.2@FY2023|8.5@FY2029",
            "火災による死者数|人|3@FY2023|0@FY2029",
        ]
    );
    let ex = extract_text(text, "t.txt", "UTF-8");
    let json = serde_json::to_value(&ex).unwrap();
    assert_eq!(json["indicators"][0]["comparator"], "at_most");
}

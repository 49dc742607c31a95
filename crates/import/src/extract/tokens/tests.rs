//! The token-assembly reader on small forms of its own names and numbers.

use super::*;
use shinchoku_core::indicator::Direction;
use shinchoku_core::quantity::format_decimal;

fn run(text: &str) -> Extraction {
    let doc = Doc::new("t.txt", text);
    let mut ex = Extraction::default();
    recognize(&doc, &mut ex);
    ex
}

fn dec(d: Option<Decimal>) -> Option<String> {
    d.map(format_decimal)
}

#[test]
fn role_rows_under_a_year_header_take_the_listed_names_in_order() {
    // Names under 指標名, each baseline with its year, arrows, the years once, then per
    // indicator a 目標値 / 実績値 / 達成率 row with no name beside it.
    let ex = run(
        "基準値\n(時期)\n指標名\n図書館の利用者数\n放置自転車の件数\n\
                  210千人\n(2 年度)\n48件\n(3 年度)\n区分\n⇧\n⇩\n\
                  R4\nR5\nR6\n目標値\n215\n220\n230\n実績値\n212\n226\n達成率\n98.6%\n102.7%\n\
                  目標値\n45\n40\n30\n実績値\n44\n41\n達成率\n102.2%\n97.6%\n",
    );
    assert_eq!(ex.indicators.len(), 2, "{:?}", ex.indicators);
    let a = &ex.indicators[0];
    assert_eq!(a.name, "図書館の利用者数");
    assert_eq!(a.unit, "千人");
    assert_eq!(dec(a.baseline.value), Some("210".into()));
    assert_eq!(a.baseline.period, Some(Period::FiscalYear(2020)));
    assert_eq!(dec(a.target.value), Some("230".into()));
    assert_eq!(a.target.period, Some(Period::FiscalYear(2024)));
    assert_eq!(a.yearly_targets.len(), 2);
    let b = &ex.indicators[1];
    assert_eq!(b.name, "放置自転車の件数");
    assert_eq!(b.direction, Direction::Decrease);
    let p = &ex.progress_entries[1];
    assert_eq!(dec(p.actual), Some("41".into()));
    assert_eq!(dec(p.target), Some("40".into()));
}

#[test]
fn a_vertical_header_of_roles_is_filled_year_by_year() {
    // 計画値 / 実績値 printed together: the values are the years' (plan, actual) pairs,
    // whichever line the year labels fell on.
    let ex = run(
        "成果指標1\n講座の受講者数\n単位: 人\n令和2年度\n区分\n計画値\n実績値\n\
                  令和3年度\n80\n75\n令和4年度\n90\n93\n100\n88\n",
    );
    let p = &ex.progress_entries[0];
    assert_eq!(p.name, "講座の受講者数");
    assert_eq!(p.unit, "人");
    assert_eq!(dec(p.actual), Some("88".into()));
    assert_eq!(dec(p.target), Some("100".into()));
}

#[test]
fn labels_years_and_values_pair_by_their_order_and_counts() {
    // One base year and value; a check year with its target and actual; two target years.
    let ex = run(
        "森林の面積 目標 基準年度 令和 2 年度 410ha 進捗確認年度 目標 現状 令和 5 年度 \
                  420ha 416ha 年度目標 目標年度 令和 8 年度 令和 9 年度 430ha 440ha 森林は…",
    );
    let i = &ex.indicators[0];
    assert_eq!(i.name, "森林の面積");
    assert_eq!(dec(i.baseline.value), Some("410".into()));
    assert_eq!(i.baseline.period, Some(Period::FiscalYear(2020)));
    assert_eq!(dec(i.target.value), Some("440".into()));
    assert_eq!(i.target.period, Some(Period::FiscalYear(2027)));
    assert_eq!(i.yearly_targets.len(), 2);
    let p = &ex.progress_entries[0];
    assert_eq!(dec(p.actual), Some("416".into()));
    assert_eq!(dec(p.target), Some("420".into()));
}

#[test]
fn a_dash_glued_to_a_number_is_an_empty_cell_and_years_not_reached_are_missing() {
    // The final year printed before the name, the base year noted, a chart axis after.
    let ex = run(
        "R6\n\n(最終) ①\n\n市民農園の貸出件数\n\n(件)\n\n↑ 目 標\n\nR2\n\n(基準年度)\n\n\
                  R3\n\nR4\n\nR5\n\n120 130 140 150 160 実 績 -128 139\n\n\
                  200\n\n150\n\n100\n\n50\n\nR2\n\nR3\n",
    );
    let i = &ex.indicators[0];
    assert_eq!(i.name, "市民農園の貸出件数");
    assert_eq!(i.unit, "件");
    assert_eq!(dec(i.baseline.value), Some("120".into()));
    assert_eq!(i.baseline.period, Some(Period::FiscalYear(2020)));
    assert_eq!(dec(i.target.value), Some("160".into()));
    assert_eq!(i.target.period, Some(Period::FiscalYear(2024)));
    let p = &ex.progress_entries[0];
    assert_eq!(dec(p.actual), Some("139".into()));
    assert_eq!(dec(p.target), Some("140".into()));
    assert_eq!(dec(p.final_target), Some("160".into()));
    assert_eq!(ex.progress_entries.len(), 1, "the axis reads nothing");
}

#[test]
fn nothing_panics_on_fragments() {
    for t in [
        "",
        "-",
        "-1",
        "目標",
        "R5",
        "(",
        ")",
        "単位:",
        "① ",
        "目 標 R5 1 2 3 実 績 -",
        "指標名\nA\n1\n(2 年度)",
        "令和\n3 年度\n実績\n5",
    ] {
        let _ = run(t);
    }
}

#[test]
fn years_printed_with_their_roles_head_rows_and_a_last_column_goes_to_the_rows_in_order() {
    // `N 年度` / role headings, rows of a name with its unit and values, then the plan-end
    // target printed cell by cell with its heading, one per row.
    let ex = run("令和\n単位\n2 年度\n実績\n3 年度\n実績\n4 年度\n目標\n\
                  ア 公民館の利用者数\n千人\n51.2\n53.0\n55.0\n\
                  イ 公民館講座の満足度\n%\n80.1\n82.4\n85.0\n\
                  8 年度\n目標\n60.0\n8 年度\n目標\n90.0\n");
    let a = &ex.indicators[0];
    assert_eq!(a.name, "公民館の利用者数");
    assert_eq!(a.unit, "千人");
    assert_eq!(dec(a.target.value), Some("60".into()));
    assert_eq!(a.target.period, Some(Period::FiscalYear(2026)));
    assert_eq!(
        a.yearly_targets,
        vec![(Period::FiscalYear(2022), Decimal::new(55, 0))]
    );
    let p = &ex.progress_entries[1];
    assert_eq!(p.name, "公民館講座の満足度");
    assert_eq!(dec(p.actual), Some("82.4".into()));
    assert_eq!(dec(p.final_target), Some("90".into()));
}

#[test]
fn a_header_interleaved_with_the_first_row_and_names_after_the_values() {
    // Each (year, role) heading printed before its cell of the first row, the first column's
    // label after all the values, then the row labels with their names and the units.
    let ex = run("令和6年度 事業評価シート ⑤各指標の推移 \
                  240 3 年度末 251 4 年度計画 260 4 年度末 258 5 年度計画 270 \
                  61.0 62.5 64.0 63.2 66.0 15 14 12 13 10 当初値 \
                  対象指標A 市内の公園数 成果指標A 公園の利用者満足度 成果指標B 遊具の事故件数 か所 % 件 \
                  目標値の設定根拠 毎年度 1.5 ポイントずつ向上させる。");
    assert_eq!(ex.indicators.len(), 3, "{:?}", ex.indicators);
    let b = &ex.indicators[1];
    assert_eq!(b.name, "公園の利用者満足度");
    assert_eq!(b.unit, "%");
    assert_eq!(dec(b.baseline.value), Some("61".into()));
    assert_eq!(b.target.value, None, "a year's plan is no final target");
    assert_eq!(
        b.yearly_targets,
        vec![
            (Period::FiscalYear(2022), Decimal::new(640, 1)),
            (Period::FiscalYear(2023), Decimal::new(660, 1))
        ]
    );
    let p = &ex.progress_entries[2];
    assert_eq!(p.name, "遊具の事故件数");
    assert_eq!(p.unit, "件");
    assert_eq!(dec(p.actual), Some("13".into()));
    assert_eq!(dec(p.target), Some("12".into()));
}

#[test]
fn a_labelled_list_of_targets_and_year_runs_of_actuals_meet_by_name() {
    // `【目標値】name value(year)` items, then each series as years then as many values.
    let ex = run(
        "C 緑の保全 【目標値】市民1人当たり公園面積 12.0㎡(令和6年度) 緑化協定の件数 \
                  40件(令和6年度) ○継続実施 ① 公園の整備を進めた。 (公園課) \
                  市民1人当たり公園面積(㎡) R2 年 R3 年 R4 年 R5 年 R6 年 10.8 11.0 11.3 11.5 11.9 \
                  緑化協定の件数(件) R2 年 R3 年 R4 年 R5 年 R6 年 31 33 36 38 41 D 水の保全",
    );
    let i = &ex.indicators[1];
    assert_eq!(i.name, "緑化協定の件数");
    assert_eq!(dec(i.target.value), Some("40".into()));
    assert_eq!(i.target.period, Some(Period::FiscalYear(2024)));
    let p = &ex.progress_entries[0];
    assert_eq!(p.name, "市民1人当たり公園面積");
    assert_eq!(dec(p.actual), Some("11.9".into()));
    assert_eq!(dec(p.target), Some("12".into()));
    assert_eq!(
        p.mark, None,
        "a section's letter after the values is no grade"
    );
}

#[test]
fn names_and_values_pair_by_count_under_the_fullest_header_of_the_block() {
    // Names first (one with its first value and its unit after it), a header after them,
    // `-` for a value a row has not got, the whole header again at the end.
    let ex = run("■ 指標\n自転車通勤をする職員の割合\n18.5\n(%)\n継続\n\
                  公共交通の利用者数(千人)\n新規\n市内の充電設備数(基)\n継続\n\
                  目標値\n(R14)\n根拠\n30 総合計画\n見直し\n4,210\n4,500\n-\n40\n\
                  現状値\n(R4)\n目標値\n(R14)\n根拠\n");
    assert_eq!(ex.indicators.len(), 3, "{:?}", ex.indicators);
    let a = &ex.indicators[0];
    assert_eq!(a.name, "自転車通勤をする職員の割合");
    assert_eq!(a.unit, "%");
    assert_eq!(dec(a.baseline.value), Some("18.5".into()));
    assert_eq!(a.baseline.period, Some(Period::FiscalYear(2022)));
    assert_eq!(dec(a.target.value), Some("30".into()));
    assert_eq!(a.target.period, Some(Period::FiscalYear(2032)));
    let c = &ex.indicators[2];
    assert_eq!(c.name, "市内の充電設備数");
    assert_eq!(c.unit, "基");
    assert_eq!(c.baseline.value, None);
    assert_eq!(dec(c.target.value), Some("40".into()));
}

#[test]
fn a_year_grid_after_rows_already_read_gives_its_groups_to_them_in_order() {
    // The same sheet drawn row by row in one run-on line: name and baseline, then the grid.
    let ex = run(
        "指標名 基準値 図書館の利用者数 210千人 (2 年度) 放置自転車の件数 48件 (3 年度) \
                  R4 R5 R6 目標値 215 220 230 実績値 212 226 達成率 98.6% 102.7% \
                  目標値 45 40 30 実績値 44 41 達成率 102.2% 97.6% 評価 B",
    );
    assert_eq!(ex.indicators.len(), 2, "{:?}", ex.indicators);
    let a = &ex.indicators[0];
    assert_eq!(a.name, "図書館の利用者数");
    assert_eq!(dec(a.baseline.value), Some("210".into()));
    assert_eq!(dec(a.target.value), Some("230".into()));
    let b = &ex.indicators[1];
    assert_eq!(b.name, "放置自転車の件数");
    assert_eq!(dec(b.baseline.value), Some("48".into()));
    assert_eq!(b.baseline.period, Some(Period::FiscalYear(2021)));
    assert_eq!(dec(b.target.value), Some("30".into()));
    let p = &ex.progress_entries[1];
    assert_eq!(dec(p.actual), Some("41".into()));
    assert_eq!(dec(p.target), Some("40".into()));
}

#[test]
fn names_listed_under_a_name_head_are_taken_in_their_order() {
    // The last listed name stands right before the grid; the first group is still the first
    // name's. (Read by the assembler alone: other readers claim this text whole.)
    let toks = lex::tokenize(
        std::iter::once((
            1,
            "成果指標 指標名 図書館の貸出率 公民館の利用者数 R3 R4 R5 目標 40 42 44 実績 39 43 \
             目標 120 125 130 実績 118 127",
        )),
        None,
    );
    let recs = assemble::assemble(&toks);
    let names: Vec<Option<&str>> = recs.iter().map(|r| r.name.as_deref()).collect();
    assert_eq!(
        names,
        vec![Some("図書館の貸出率"), Some("公民館の利用者数")]
    );
    let first = recs.first().map(|r| r.cells.len());
    assert_eq!(first, Some(5));
}

#[test]
fn role_labels_glued_to_their_years_and_values_are_read() {
    // `指標 name 現状値(2019年度)12件 目標値(2024年度)20件`: one line per indicator, each value
    // after its role label and the label's year, nothing between them.
    let ex = run("基本目標1 しごとをつくる\n\
         指標 市内での創業件数 現状値(2019年度)12件 目標値(2024年度)20件\n\
         指標 観光入込客数 現状値(2019年)186万人 目標値(2024年)210万人\n");
    let got: Vec<_> = ex
        .indicators
        .iter()
        .map(|i| {
            (
                i.name.as_str(),
                i.unit.as_str(),
                dec(i.baseline.value),
                i.baseline.period,
                dec(i.target.value),
                i.target.period,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "市内での創業件数",
                "件",
                Some("12".into()),
                Some(Period::FiscalYear(2019)),
                Some("20".into()),
                Some(Period::FiscalYear(2024)),
            ),
            (
                "観光入込客数",
                "万人",
                Some("186".into()),
                Some(Period::CalendarYear(2019)),
                Some("210".into()),
                Some(Period::CalendarYear(2024)),
            ),
        ]
    );
}

#[test]
fn role_labels_with_a_colon_before_a_value_and_its_year_are_read() {
    // A bulleted name, then `現状値：15人（令和元年度）` and `目標値：0人（令和6年度）` lines.
    let ex = run(concat!(
        "（1）子育て支援の充実\n【成果指標】\n・保育所待機児童数\n",
        "\u{3000}現状値：15人（令和元年度）\n\u{3000}目標値：0人（令和6年度）\n",
        "・子育て支援センター利用者数\n\u{3000}現状値：8,400人（令和元年度）\n",
        "\u{3000}目標値：10,000人（令和6年度）\n",
    ));
    let got: Vec<_> = ex
        .indicators
        .iter()
        .map(|i| {
            (
                i.name.as_str(),
                dec(i.baseline.value),
                i.baseline.period,
                dec(i.target.value),
                i.target.period,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "保育所待機児童数",
                Some("15".into()),
                Some(Period::FiscalYear(2019)),
                Some("0".into()),
                Some(Period::FiscalYear(2024)),
            ),
            (
                "子育て支援センター利用者数",
                Some("8400".into()),
                Some(Period::FiscalYear(2019)),
                Some("10000".into()),
                Some(Period::FiscalYear(2024)),
            ),
        ]
    );
}

#[test]
fn a_label_glued_to_its_value_is_cut_only_at_a_role_word() {
    let cut = |w: &str| lex::split_glued(w);
    assert_eq!(
        cut("現状値(2019年度)12件"),
        ["現状値", "(2019年度)", "12件"]
    );
    assert_eq!(cut("目標値:0人(令和6年度)"), ["目標値", "0人(令和6年度)"]);
    assert_eq!(cut("実績値12.5%"), ["実績値", "12.5%"]);
    assert_eq!(
        cut("112団体(R1)→150団体(R6)"),
        ["112団体(R1)", "→", "150団体(R6)"]
    );
    // Words that only begin like a label, and names, stay whole.
    assert_eq!(cut("目標達成率"), ["目標達成率"]);
    assert_eq!(cut("現状値"), ["現状値"]);
    assert_eq!(cut("市内での創業件数"), ["市内での創業件数"]);
    assert_eq!(cut("基準値(時期)"), ["基準値(時期)"]);
}

#[test]
fn a_progress_line_of_labelled_values_gives_its_target_and_grade() {
    let ex = run("令和5年度 成果指標の達成状況\n\
         ・市民活動団体数 目標値150団体 実績値142団体 達成率94.7% 評価B\n\
         ・観光入込客数 目標値210万人 実績値221万人 達成率105.2% 評価:A\n");
    let got: Vec<_> = ex
        .progress_entries
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                dec(p.actual),
                dec(p.target),
                p.mark.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "市民活動団体数",
                Some("142".into()),
                Some("150".into()),
                Some("B")
            ),
            (
                "観光入込客数",
                Some("221".into()),
                Some("210".into()),
                Some("A")
            ),
        ]
    );
    assert_eq!(lex::split_glued("評価B"), ["評価", "B"]);
    assert_eq!(lex::split_glued("評価方法"), ["評価方法"]);
}

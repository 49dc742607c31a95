//! The indicator-table recogniser's unit tests, by concern as the module is.

use super::cells::{direction_of, kind_mark, read_value, year_value_list, Mark};
use super::header::{classify_header, Role};
use super::merge::{mark_overviews, name_match};
use super::names::{split_name, NameParts};
use super::periods::{find_period, survey_year, EraContext, Strength};
use super::recognize;
use super::table::read_tables;
use crate::extract::model::{Extraction, NodeOut};
use crate::extract::text::Doc;
use shinchoku_core::indicator::{Comparator, Direction, IndicatorKind};
use shinchoku_core::quantity::format_decimal;
use shinchoku_core::text::normalize;
use shinchoku_core::Decimal;

fn period(text: &str) -> Option<String> {
    find_period(text).map(|d| {
        let weak = if d.strength == Strength::Convention {
            " (convention)"
        } else {
            ""
        };
        format!("{}{weak}", d.period)
    })
}

#[test]
fn periods_are_found_in_headers_cells_and_notes() {
    for (text, want) in [
        ("4年度実績", None),
        ("令和5年度(2023年度)目標値", Some("FY2023")),
        ("令和5年(2023年)目標値", Some("CY2023")),
        ("現状値(R元年度・年)", Some("FY2019 (convention)")),
        ("【目標値】 (2026 年度)", Some("FY2026")),
        ("R7(目標)", Some("FY2025")),
        ("目標値R5", Some("FY2023")),
        ("全国1位 (2026年)", Some("CY2026")),
        ("2009~14年", Some("CY2009-CY2014")),
        ("(2020)", Some("FY2020 (convention)")),
        ("(2022～2026)", Some("FY2022-FY2026")),
        ("基準年/年度", None),
        ("研究開発等プロジェクト化件数", None),
    ] {
        assert_eq!(period(text).as_deref(), want, "{text}");
    }
}

#[test]
fn a_survey_year_is_a_calendar_year_with_its_source() {
    let (d, source) = survey_year("2019工業統計値（現状値）").unwrap();
    assert_eq!(d.period.to_string(), "CY2019");
    assert_eq!(source, "2019 工業統計");
    assert!(survey_year("2019年度実績").is_none());
}

#[test]
fn header_words_give_column_roles() {
    for (text, want) in [
        ("指標名", Role::Name),
        ("項目", Role::Name),
        ("KPI", Role::Name),
        ("目標(指標)名", Role::Name),
        ("■数値目標", Role::Name),
        ("全体指標", Role::Name),
        ("重要業績評価指標(KPI)", Role::Name),
        ("評価", Role::Ignore),
        // The rows' numbers or labels (`成果指標1`), not their names.
        ("指標No.", Role::Ignore),
        ("施策番号", Role::Ignore),
        ("プロジェクト名", Role::Project),
        ("重点成長分野等", Role::Group),
        ("単位", Role::Unit),
        ("方向性", Role::Direction),
        ("現状値数値", Role::Baseline),
        ("【現状】(2021年度)", Role::Baseline),
        ("策定時", Role::Baseline),
        ("2019工業統計値(現状値)", Role::Baseline),
        ("令和5年度(2023年度)目標値", Role::Target),
        ("目標(R5年度・年)", Role::Target),
        ("中間目標(R5)", Role::Interim),
        // A year's plan or projection on an evaluation form.
        ("6年度計画", Role::Target),
        ("R9見込み", Role::Target),
        ("3年度実績", Role::Baseline),
        ("本県の値", Role::Baseline),
        ("基準年/年度", Role::BaselinePeriod),
        ("目標年度", Role::TargetPeriod),
        ("年度", Role::BaselinePeriod),
        ("取組", Role::Group),
    ] {
        assert_eq!(classify_header(text), want, "{text}");
    }
    assert!(matches!(classify_header("R3"), Role::Year(_)));
}

#[test]
fn kind_words_say_how_a_value_is_counted() {
    for (text, want) in [
        ("3年", Some(Mark::Window(3))),
        ("5か年", Some(Mark::Window(5))),
        ("3年間", Some(Mark::Window(3))),
        ("1年", Some(Mark::Annual)),
        ("累計", Some(Mark::Cumulative)),
        ("(累計)", Some(Mark::Cumulative)),
        ("単年", Some(Mark::Annual)),
        ("期間計", Some(Mark::Total)),
        ("2023年", None),
        ("11回", None),
        ("", None),
    ] {
        assert_eq!(kind_mark(text), want, "{text}");
    }
}

fn parts(
    name: &str,
    label: Option<&str>,
    category: Option<&str>,
    definition: Option<&str>,
    unit: Option<&str>,
    marks: (bool, bool, bool),
) -> NameParts {
    NameParts {
        name: name.into(),
        label: label.map(Into::into),
        category: category.map(Into::into),
        definition: definition.map(Into::into),
        unit: unit.map(Into::into),
        cumulative: marks.0,
        annual: marks.1,
        relisted: marks.2,
        ..NameParts::default()
    }
}

#[test]
fn names_are_split_into_label_category_marks_units_and_definitions() {
    let none = (false, false, false);
    for (cell, want) in [
        (
            "①企業誘致件数",
            parts("企業誘致件数", Some("①"), None, None, None, none),
        ),
        (
            "(1) 認定農業者数",
            parts("認定農業者数", Some("(1)"), None, None, None, none),
        ),
        (
            "2. 森林整備面積(ha/年)",
            parts(
                "森林整備面積",
                Some("2."),
                None,
                None,
                Some("ha"),
                (false, true, false),
            ),
        ),
        (
            "[港湾] 石炭共同輸送の実施回数",
            parts(
                "石炭共同輸送の実施回数",
                None,
                Some("港湾"),
                None,
                None,
                none,
            ),
        ),
        (
            "水中次世代モビリティ関連プロジェクト化件数 (累計)",
            parts(
                "水中次世代モビリティ関連プロジェクト化件数",
                None,
                None,
                None,
                None,
                (true, false, false),
            ),
        ),
        (
            "企業誘致件数【再掲】",
            parts("企業誘致件数", None, None, None, None, (false, false, true)),
        ),
        (
            "中小企業の I o T 導入率【%】",
            parts("中小企業のIoT導入率", None, None, None, Some("%"), none),
        ),
        (
            "経営革新計画*目標達成件数",
            parts("経営革新計画目標達成件数", None, None, None, None, none),
        ),
        (
            "5G基盤展開率 (10Kmメッシュ毎に、基地局(親局)が整備されている地域の割合)",
            parts(
                "5G基盤展開率",
                None,
                None,
                Some("10Kmメッシュ毎に、基地局(親局)が整備されている地域の割合"),
                None,
                none,
            ),
        ),
        (
            "労働生産性（付加価値額/従業者数）",
            parts(
                "労働生産性(付加価値額/従業者数)",
                None,
                None,
                None,
                None,
                none,
            ),
        ),
        (
            "5G基盤展開率",
            parts("5G基盤展開率", None, None, None, None, none),
        ),
    ] {
        // Cells reach the recogniser normalised (text.rs).
        assert_eq!(split_name(&normalize(cell)), want, "{cell}");
    }
}

fn value(cell: &str) -> String {
    let s = read_value(cell);
    let mut out = match s.value {
        Some(v) => format_decimal(v),
        None => "-".into(),
    };
    if let Some(u) = &s.unit {
        out.push_str(&format!(" {u}"));
    }
    if let Some(p) = s.period {
        out.push_str(&format!(" @{}", p.period));
    }
    if let Some(n) = s.window_len {
        out.push_str(&format!(" /{n}"));
    }
    if s.comparator != Comparator::Exact {
        out.push_str(&format!(" {}", s.comparator.as_str()));
    }
    if s.cumulative {
        out.push_str(" cumulative");
    }
    if s.annual {
        out.push_str(" annual");
    }
    if s.mean {
        out.push_str(" mean");
    }
    if let Some(d) = s.direction {
        out.push_str(&format!(" {}", d.as_str()));
    }
    if let Some(t) = &s.text {
        out.push_str(&format!(" text={t}"));
    }
    if !s.notes.is_empty() {
        out.push_str(&format!(" note={}", s.notes.join(",")));
    }
    if s.no_value_word {
        out.push_str(" no_value_word");
    }
    out
}

#[test]
fn value_cells_keep_number_unit_window_and_marks() {
    for (cell, want) in [
        ("15件/3年", "15 件 /3"),
        ("21件(単年)", "21 件 annual"),
        ("- Km", "- km"),
        ("—", "-"),
        ("98 %以上", "98 % at_least"),
        ("38,300万円 (2018～2021)", "38300 万円 @FY2018-FY2021"),
        ("4,914人 (令和2年度)", "4914 人 @FY2020"),
        ("93.7 (令和2年度平均)", "93.7 @FY2020 mean"),
        ("45人以下 (2025年)", "45 人 @CY2025 at_most decrease"),
        ("6,308万人の維持", "6308 万人 increase note=維持"),
        ("増加を目指す", "- increase text=増加を目指す"),
        ("なし", "- no_value_word"),
        ("1,072人/年(2019)", "1072 人 @FY2019 annual"),
    ] {
        assert_eq!(value(cell), want, "{cell}");
    }
}

#[test]
fn a_change_from_the_baseline_is_a_target_in_words_not_a_level() {
    for (cell, want) in [
        ("25%増", "- increase text=25%増"),
        ("10人減(令和3年度比)", "- decrease text=10人減(令和3年度比)"),
        ("2割増", "- increase text=2割増"),
        // A level with a direction in words after it keeps its number.
        (
            "1,200件(増加を目指す)",
            "1200 件 increase note=増加を目指す",
        ),
    ] {
        assert_eq!(value(&normalize(cell)), want, "{cell}");
    }
}

#[test]
fn an_ideographic_comma_between_digit_groups_separates_thousands() {
    for (cell, want) in [
        ("7、250台(R12)", "7250 台 @FY2030"),
        ("1、204、500円", "1204500 円"),
        // Before fewer or more than three digits it separates items, and is no value's.
        ("3、14", "3 note=、14"),
    ] {
        assert_eq!(value(&normalize(cell)), want, "{cell}");
    }
}

#[test]
fn direction_words() {
    for (text, want) in [
        ("減少を目指す", Some(Direction::Decrease)),
        ("人口減少の抑制", Some(Direction::Increase)),
        ("増加", Some(Direction::Increase)),
        ("↓", Some(Direction::Decrease)),
        ("全国平均を上回る", Some(Direction::Increase)),
        ("1,200件", None),
        // A 望ましい方向 cell of a financial table.
        ("低いほどよい", Some(Direction::Decrease)),
        ("高い方が望ましい", Some(Direction::Increase)),
    ] {
        assert_eq!(direction_of(text), want, "{text}");
    }
}

#[test]
fn names_match_across_printings() {
    assert_eq!(name_match("企業誘致件数", "企業誘致件数"), 2);
    assert_eq!(
        name_match(
            "県航空宇宙クラスターの新規商談件数",
            "山口県航空宇宙クラスターの新規商談件数"
        ),
        1
    );
    assert_eq!(name_match("若者の県内定着率", "若者県内定着率"), 1);
    assert_eq!(name_match("創業数", "関係支援機関の支援による創業数"), 0);
    assert_eq!(
        name_match(
            "関係支援機関の支援による創業数",
            "関係支援機関の支援による女性創業数"
        ),
        0
    );
}

fn run(text: &str, nodes: &[(usize, &str)]) -> Extraction {
    let doc = Doc::new("t.txt", text);
    let mut ex = Extraction {
        nodes: nodes
            .iter()
            .enumerate()
            .map(|(i, (line, title))| NodeOut {
                id: format!("n{}", i + 1),
                title: (*title).to_owned(),
                line: *line,
                ..NodeOut::default()
            })
            .collect(),
        ..Extraction::default()
    };
    recognize(&doc, &mut ex);
    ex
}

#[test]
fn years_without_their_era_in_a_header_take_the_era_named_above() {
    let ex = run(
        "平成29年度 事務事業評価シート\n\
         事業名\t公民館講座事業\n\
         指標名\t28年度実績\t29年度計画\t32年度見込み\n\
         講座の受講者数(人)\t640\t660\t700\n",
        &[],
    );
    let i = &ex.indicators[0];
    assert_eq!(i.name, "講座の受講者数");
    assert_eq!(
        i.baseline.period.map(|p| p.to_string()),
        Some("FY2016".into())
    );
    assert_eq!(
        i.target.period.map(|p| p.to_string()),
        Some("FY2020".into())
    );
    assert_eq!(i.target.value.map(format_decimal), Some("700".into()));
    let yearly: Vec<(String, String)> = i
        .yearly_targets
        .iter()
        .map(|(p, v)| (p.to_string(), format_decimal(*v)))
        .collect();
    assert_eq!(yearly, [("FY2017".to_owned(), "660".to_owned())]);
}

#[test]
fn a_table_without_targets_is_dated_by_its_numbered_captions_bracket() {
    let ex = run(
        "図4 下水道事業の経営指標(令和2年度)\n\
         指標名\t単位\t本町の値\t全国平均値\n\
         汚水処理原価\t円/m3\t152.3\t160.0\n\
         経費回収率\t%\t101.7\t99.2\n",
        &[],
    );
    let names: Vec<(&str, Option<String>, Option<String>)> = ex
        .indicators
        .iter()
        .map(|i| {
            (
                i.name.as_str(),
                i.baseline.value.map(format_decimal),
                i.baseline.period.map(|p| p.to_string()),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("汚水処理原価", Some("152.3".into()), Some("FY2020".into())),
            ("経費回収率", Some("101.7".into()), Some("FY2020".into()))
        ]
    );
}

#[test]
fn a_caption_date_is_not_a_targets_tables_baseline_period() {
    let ex = run(
        "表2 経営指標の目標(令和2年度)\n\
         指標名\t単位\t現状値\t目標値\n\
         経費回収率\t%\t101.7\t105.0\n",
        &[],
    );
    assert_eq!(ex.indicators.len(), 1);
    assert_eq!(ex.indicators[0].baseline.period, None);
}

#[test]
fn an_empty_base_year_cell_is_the_one_above_and_a_dash_is_none() {
    let ex = run(
        "指標名\t現状値\t\t令和5年度(2023年度)目標値\n\
         \t数値\t基準年/年度\t\n\
         A件数(累計)\t20人\t令和元年度(2019年度)\t40人\n\
         B件数\t—\t—\t210件/3年\n\
         C額\t98.1億円\t\t115億円/3年\n",
        &[],
    );
    let got: Vec<(String, Option<String>, Option<String>)> = ex
        .indicators
        .iter()
        .map(|i| {
            (
                i.name.clone(),
                i.baseline.period.map(|p| p.to_string()),
                i.target.period.map(|p| p.to_string()),
            )
        })
        .collect();
    let p = |s: &str| Some(s.to_owned());
    assert_eq!(
        got,
        [
            ("A件数".to_owned(), p("FY2019"), p("FY2023")),
            ("B件数".to_owned(), None, p("FY2021-FY2023")),
            ("C額".to_owned(), None, p("FY2021-FY2023")),
        ]
    );
}

#[test]
fn a_role_word_over_year_and_value_subcolumns_heads_both() {
    // `策定時` and `目標` each span two subcolumns (an HTML `colspan`): the year of each row
    // is in the first, the value in the second.
    let ex = run(
        "番号\t項目\t単位\t策定時\t\t目標\t\n\
         \t\t\t年度\t値\t年度\t値\n\
         1\t森林ボランティア登録者数\t人\tH30\t214\tR8\t300\n\
         2\t里山保全協定の締結数\t件\tR1\t9\tR8\t16\n",
        &[],
    );
    let got: Vec<String> = ex
        .indicators
        .iter()
        .map(|i| {
            format!(
                "{} {:?}@{:?} {:?}@{:?}",
                i.name,
                i.baseline.value.map(format_decimal),
                i.baseline.period.map(|p| p.to_string()),
                i.target.value.map(format_decimal),
                i.target.period.map(|p| p.to_string()),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            r#"森林ボランティア登録者数 Some("214")@Some("FY2018") Some("300")@Some("FY2026")"#,
            r#"里山保全協定の締結数 Some("9")@Some("FY2019") Some("16")@Some("FY2026")"#,
        ]
    );
}

#[test]
fn an_indicator_belongs_where_it_is_placed_not_where_a_list_repeats_it() {
    let text = "2 数値目標\n\
                \n\
                項目\t現状\t目標値\n\
                ①A件数\t1件\t5件\n\
                ②B件数\t2件\t6件\n\
                \n\
                1 方向一\n\
                \n\
                ■ 数値目標\t現状\t目標値\n\
                A件数\t1件\t5件\n\
                \n\
                2 方向二\n\
                \n\
                ■ 数値目標\t現状\t目標値\n\
                B件数\t2件\t6件\n\
                A件数【再掲】\t1件\t5件\n";
    let ex = run(text, &[(1, "数値目標"), (7, "方向一"), (12, "方向二")]);
    let got: Vec<(&str, Option<&str>, usize)> = ex
        .indicators
        .iter()
        .map(|i| (i.name.as_str(), i.node.as_deref(), i.source_line))
        .collect();
    assert_eq!(got, [("A件数", Some("n2"), 4), ("B件数", Some("n3"), 5)]);
}

#[test]
fn a_project_title_in_the_structure_names_the_project() {
    let ex = run(
        "4 取組目標\n指標名\t現状値\t目標値\nA件数\t1件\t5件\n",
        &[(1, "観光振興プロジェクト")],
    );
    assert_eq!(
        ex.indicators.first().and_then(|i| i.project.as_deref()),
        Some("観光振興プロジェクト")
    );
}

#[test]
fn the_same_name_in_two_sections_with_other_numbers_is_one_indicator_warned_about() {
    let ex = run(
        "指標名\t現状値\t目標値\nA件数\t1件\t5件\n\n1 次\n\n指標名\t現状値\t目標値\nA件数\t1件\t6件\n",
        &[],
    );
    assert_eq!(ex.indicators.len(), 1);
    assert!(ex
        .warnings
        .iter()
        .any(|w| w.code == "conflicting_values" && w.line == 7 && w.message.contains("2")));
}

#[test]
fn a_table_of_words_only_is_no_table_of_targets() {
    let ex = run(
        "項目\t現状\t目標\n人材育成\t研修を実施している\t研修体系を見直し全庁で展開する\n",
        &[],
    );
    assert!(ex.indicators.is_empty());
}

#[test]
fn words_beside_a_target_number_set_only_the_direction() {
    let ex = run(
        "指標名\t現状値\t目標値\nA件数\t900件\t1,200件（増加を目指す）\n",
        &[],
    );
    let i = ex.indicators.first().unwrap();
    assert_eq!(i.target.value, Some(Decimal::from(1200)));
    assert_eq!(i.direction, Direction::Increase);
    let ex = run(
        "指標名\t現状値\t目標値\nB件数\t90件\t80件（減少を目指す）\n",
        &[],
    );
    assert_eq!(
        ex.indicators.first().unwrap().direction,
        Direction::Decrease
    );
}

#[test]
fn tables_without_an_indicator_header_are_left_alone() {
    for text in [
        "年度\tH30\tR1\tR2\n誘致件数\t28\t55\t78\n",
        "取組\t2022\t2023\n企業誘致\t推進\t\n",
        "プロジェクト\t主な取組\t取組目標に対する状況\n①港湾\t整備\t回数：11回/30回\n",
        "所 属\t役 職\t氏 名\n株式会社A\t社長\tあ い\n",
        "経営革新計画目標達成件数\t371件\t530件\n",
    ] {
        assert!(run(text, &[]).indicators.is_empty(), "{text}");
    }
}

#[test]
fn never_panics_on_odd_tables() {
    for text in [
        "",
        "\t\t\n\t",
        "指標名\t現状値\t目標値\n",
        "指標名\t現状値\t目標値\n\t\t\n",
        "指標名\t現状値\t目標値\n(\t)\t【\n",
        "指標名\t現状値\t目標値\nA\t9999999999999999999999999999999件\t1e400\n",
        "指標名\t現状値\t目標値\n①\t①\t①\n",
        "指標\t基準値(R99)\tR100\tR101\n)(\t-\t/0年\n",
        "項目\t【現状】(2021年度)\t【目標値】(9999年度)\nA\t1件/99年\t2件/99年\n",
        "項目\t現状\t目標\nA\t1件\t2件 (0001～0002)\n",
    ] {
        let _ = run(text, &[]);
    }
}

/// Which tables of `text` are lists of targets placed elsewhere.
fn overviews(text: &str) -> Vec<bool> {
    let doc = Doc::new("t.txt", text);
    let mut tables = read_tables(&doc, &crate::extract::blocks::classify(&doc));
    mark_overviews(&mut tables);
    tables.iter().map(|t| t.overview).collect()
}

#[test]
fn a_list_is_an_overview_when_its_names_are_spread_over_tables_none_holding_all() {
    let header = "指標名\t現状値\t目標値\n";
    let table = |rows: &[&str]| {
        let mut t = header.to_owned();
        for r in rows {
            t.push_str(&format!("{r}\t1件\t5件\n"));
        }
        t.push('\n');
        t
    };
    let doc = |tables: &[&[&str]]| tables.iter().map(|t| table(t)).collect::<String>();
    // A and B placed in two tables, listed together in a third.
    assert_eq!(
        overviews(&doc(&[
            &["A件数", "B件数"],
            &["A件数"],
            &["B件数", "C件数"]
        ])),
        [true, false, false]
    );
    // Another table holding both: two printings of one list, neither an overview.
    assert_eq!(
        overviews(&doc(&[
            &["A件数", "B件数"],
            &["A件数", "B件数"],
            &["B件数"]
        ])),
        [false, false, false]
    );
    // Only one of its names printed elsewhere.
    assert_eq!(
        overviews(&doc(&[&["A件数", "D件数"], &["A件数"], &["C件数"]])),
        [false, false, false]
    );
    // A `【再掲】` row places nothing: B is printed in no other table.
    assert_eq!(
        overviews(&doc(&[&["A件数", "B件数"], &["A件数"], &["B件数【再掲】"]])),
        [false, false, false]
    );
}

#[test]
fn header_labels_spaced_one_character_apart_are_read_as_words() {
    // Form sheets print their labels with a space between the characters.
    let ex = run(
        "指 標 名\t現 状 値\t目 標 値\n創業件数\t30件(R4)\t50件(R9)\n",
        &[],
    );
    let i = ex.indicators.first().unwrap();
    assert_eq!(i.name, "創業件数");
    assert_eq!(i.baseline.value, Some(Decimal::from(30)));
    assert_eq!(i.target.value, Some(Decimal::from(50)));
}

#[test]
fn words_in_a_baseline_cell_are_kept_as_its_note() {
    let ex = run(
        "指標名\t現状値\t目標値\n空き家対策件数\t調査中\t50件(R9)\n",
        &[],
    );
    let i = ex.indicators.first().unwrap();
    assert_eq!(i.baseline.value, None);
    assert_eq!(i.baseline.note.as_deref(), Some("調査中"));
    assert_eq!(i.target.value, Some(Decimal::from(50)));
}

#[test]
fn a_baseline_averaged_or_summed_over_years_keeps_its_span() {
    let ex = run(
        "指標名\t現状値\t目標値\n\
         観光入込客数\tH29～R3平均 45万人\t60万人(R9)\n\
         森林整備面積\t1,200ha(H30～R4平均)\t1,500ha(R9)\n\
         企業誘致件数\tR1～R3累計 36件\t60件(R5～R9累計)\n",
        &[],
    );
    // name, baseline value, its period, its statistic
    let got: Vec<String> = ex
        .indicators
        .iter()
        .map(|i| {
            format!(
                "{} {} {} {}",
                i.name,
                i.baseline.value.map(format_decimal).unwrap_or_default(),
                i.baseline.period.map(|p| p.to_string()).unwrap_or_default(),
                i.baseline.stat.as_deref().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "観光入込客数 45 FY2017-FY2021 mean",
            "森林整備面積 1200 FY2018-FY2022 mean",
            "企業誘致件数 36 FY2019-FY2021 -",
        ]
    );
}

#[test]
fn a_column_of_how_often_the_figure_is_measured_says_nothing_of_its_kind() {
    let ex = run(
        "成果指標の名称\t現状値(令和4年度)\t目標値(令和9年度)\t目標値(令和24年度)\t調査周期\n\
         公園に満足している市民の割合\t41.2%\t45%\t60%\t2年\n\
         都市公園面積\t8.6㎡\t9.0㎡\t10.5㎡\t毎年\n",
        &[],
    );
    let got: Vec<(IndicatorKind, Option<String>)> = ex
        .indicators
        .iter()
        .map(|i| (i.kind, i.target.period.map(|p| p.to_string())))
        .collect();
    assert_eq!(
        got,
        [
            (IndicatorKind::Level, Some("FY2042".into())),
            (IndicatorKind::Level, Some("FY2042".into())),
        ]
    );
}

#[test]
fn a_target_averaged_over_its_year_is_a_mean_as_a_baseline_is() {
    let ex = run(
        "指標\t現状\t目標\n県内景況指数\t96.2(令和3年度平均)\t102.0(令和8年度平均)\n\
         観光入込客数\t45万人(令和3年度)\t60万人(令和8年度)\n",
        &[],
    );
    let stats: Vec<(Option<&str>, Option<&str>, Option<String>)> = ex
        .indicators
        .iter()
        .map(|i| {
            (
                i.baseline.stat.as_deref(),
                i.target.stat.as_deref(),
                i.target.period.map(|p| p.to_string()),
            )
        })
        .collect();
    assert_eq!(
        stats,
        [
            (Some("mean"), Some("mean"), Some("FY2026".into())),
            (None, None, Some("FY2026".into())),
        ]
    );
}

#[test]
fn a_header_with_more_years_than_the_row_has_values_guesses_no_target() {
    let ex = run(
        "指標名\t現状値(R4)\tR5\tR6\tR7\tR8\tR9(目標)\n市民活動団体数\t120団体\t125団体\t130団体\t135団体\n",
        &[],
    );
    let i = ex.indicators.first().unwrap();
    assert_eq!(i.baseline.value, Some(Decimal::from(120)));
    // R9's target is not printed: it stays empty, and R7's value is no target.
    assert_eq!(i.target.value, None);
    assert_eq!(
        i.yearly_targets
            .iter()
            .map(|(p, v)| format!("{p}={v}"))
            .collect::<Vec<_>>(),
        ["FY2023=125", "FY2024=130", "FY2025=135"]
    );
}

#[test]
fn a_row_of_periods_under_a_row_of_values_dates_them() {
    let ex = run(
        "成果指標\t区分\t基準値\t目標値\n\
         市民活動団体数\t数値\t120団体\t150団体\n\
         \t時点\tR4年度\tR9年度\n\
         公園の利用者数\t数値\t35万人\t40万人\n\
         \t時点\t(R3年度)\t(R9年度)\n",
        &[],
    );
    let got: Vec<String> = ex
        .indicators
        .iter()
        .map(|i| {
            format!(
                "{} {}@{} {}@{}",
                i.name,
                i.baseline.value.map(format_decimal).unwrap_or_default(),
                i.baseline.period.map(|p| p.to_string()).unwrap_or_default(),
                i.target.value.map(format_decimal).unwrap_or_default(),
                i.target.period.map(|p| p.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "市民活動団体数 120@FY2022 150@FY2027",
            "公園の利用者数 35@FY2021 40@FY2027",
        ]
    );
}

#[test]
fn arrow_lines_with_a_dash_baseline_and_a_count_of_days() {
    let ex = run(
        "新規雇用者数: ― → 60人\n移住体験住宅の滞在日数:1,860日/年 → 2,400日/年\n",
        &[],
    );
    let got: Vec<String> = ex
        .indicators
        .iter()
        .map(|i| {
            format!(
                "{} {}→{}{}",
                i.name,
                i.baseline.value.map(format_decimal).unwrap_or("-".into()),
                i.target.value.map(format_decimal).unwrap_or_default(),
                i.unit
            )
        })
        .collect();
    assert_eq!(
        got,
        ["新規雇用者数 -→60人", "移住体験住宅の滞在日数 1860→2400日"]
    );
}

#[test]
fn figures_in_a_name_before_its_baseline_word_are_the_names() {
    let ex = run(
        "数値目標\n市民活動団体数 現状値 112団体(R1) → 目標値 150団体(R6)\n\
         ごみの1人1日当たり排出量 現状値 912g(R1) → 目標値 850g(R6)\n",
        &[],
    );
    let got: Vec<String> = ex
        .indicators
        .iter()
        .map(|i| {
            format!(
                "{} {}{}→{}",
                i.name,
                i.baseline.value.map(format_decimal).unwrap_or("-".into()),
                i.unit,
                i.target.value.map(format_decimal).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "市民活動団体数 112団体→150",
            "ごみの1人1日当たり排出量 912g→850"
        ]
    );
}

#[test]
fn items_run_on_in_one_line_are_read_one_by_one() {
    let ex = run(
        "基本目標Ⅰ ①婚姻件数:1,482 件(令和元年)→1,550 件(令和 6 年) ②出生数: 2,914 人(令和元年)→3,000 人(令和 6 年) \
         ◆女性の就業率 2025 年までに 74% (2019 年 71.2%) ◆県外からの移住者数 年間 2,400 人 (2019 年度 1,730 人) \
         ◆結婚希望実績指標 80%(2015 年 66%) ◆安心して子育てできると考える 人の割合 40%以上(2019 年度 21.6%)\n",
        &[],
    );
    let got: Vec<String> = ex
        .indicators
        .iter()
        .map(|i| {
            format!(
                "{} {}{}@{} {}@{}",
                i.name,
                i.baseline.value.map(format_decimal).unwrap_or_default(),
                i.unit,
                i.baseline.period.map(|p| p.to_string()).unwrap_or_default(),
                i.target.value.map(format_decimal).unwrap_or_default(),
                i.target.period.map(|p| p.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "婚姻件数 1482件@CY2019 1550@CY2024",
            "出生数 2914人@CY2019 3000@CY2024",
            "女性の就業率 71.2%@CY2019 74@CY2025",
            "県外からの移住者数 1730人@FY2019 2400@",
            "結婚希望実績指標 66%@CY2015 80@",
            "安心して子育てできると考える人の割合 21.6%@FY2019 40@",
        ]
    );
    assert_eq!(
        ex.indicators.last().map(|i| i.comparator),
        Some(Comparator::AtLeast)
    );
}

#[test]
fn arrow_targets_in_a_page_run_on_in_one_line_need_a_marker() {
    let page = "75 仮想県総合戦略の数値目標・KPI進捗状況調書 担当部・課名 農林水産部 1 項目 \
                [KPI] 農業産出額 (H26)2,905 億円 → (R1)3,100 億円 2 県総合戦略における位置付け \
                基本目標 1 本県における安定した雇用の創出 施策 農林水産業の成長産業化 \
                前年の 120 件 → 今年の 140 件 と増えた。";
    let ex = run(page, &[]);
    let got: Vec<String> = ex
        .indicators
        .iter()
        .map(|i| {
            format!(
                "{} {}@{} {}@{} {:?}",
                i.name,
                i.baseline.value.map(format_decimal).unwrap_or_default(),
                i.baseline.period.map(|p| p.to_string()).unwrap_or_default(),
                i.target.value.map(format_decimal).unwrap_or_default(),
                i.target.period.map(|p| p.to_string()).unwrap_or_default(),
                i.target.note,
            )
        })
        .collect();
    // The second arrow has no marker before it: its name cannot be told, and it is left.
    assert_eq!(got, ["農業産出額 2905@FY2014 3100@FY2019 None"]);
}

#[test]
fn a_unit_of_latin_letters_in_the_name_is_the_unit() {
    let ex = run(
        "環境指標\t基準値\t目標値\n市域の温室効果ガス排出量(千t-CO2)\t2,146\t1,330\n\
         1人1日当たりのごみ排出量(g)\t935\t850\n市内の公園数(市内)\t12\t15\n",
        &[],
    );
    let got: Vec<(String, String)> = ex
        .indicators
        .iter()
        .map(|i| (i.name.clone(), i.unit.clone()))
        .collect();
    assert_eq!(
        got[..2],
        [
            ("市域の温室効果ガス排出量".to_owned(), "千t-CO2".to_owned()),
            ("1人1日当たりのごみ排出量".to_owned(), "g".to_owned()),
        ]
    );
    // A bracket of Japanese words is no unit.
    assert_ne!(got.get(2).map(|g| g.1.as_str()), Some("市内"));
}

#[test]
fn a_state_under_way_against_a_state_to_reach_is_a_milestone() {
    let ex = run(
        "指標名\t単位\t現状値(R3)\t目標値(R8)\n\
         公共施設の長寿命化計画の策定\t−\t策定中\t策定\n\
         保育士資格取得支援の対象者の資格取得\t人\t全員取得\t全員取得\n\
         空き家バンクの成約件数\t件\t12\t60\n",
        &[],
    );
    let i = ex.indicators.first().unwrap();
    assert_eq!(i.kind, IndicatorKind::Milestone);
    assert_eq!(i.unit, "");
    assert_eq!(i.target.note.as_deref(), Some("策定"));
    assert_eq!(ex.indicators[1].kind, IndicatorKind::Level);
}

#[test]
fn a_note_under_the_table_dates_the_baselines_of_the_rows_it_marks() {
    let ex = run(
        "指標名\t単位\t現状値(R4)\t目標値(R9)\n\
         図書館の来館者数\t人\t152,000\t170,000\n\
         読書が好きな児童の割合※\t%\t61.5\t70.0\n\
         郷土資料のデジタル化件数※2\t件\t800\t2,000\n\
         \n\
         ※ 児童アンケート(隔年)による。現状値は令和3年度の値。\n\
         ※2 基準値はR2年度末の累計。\n",
        &[],
    );
    let got: Vec<String> = ex
        .indicators
        .iter()
        .map(|i| {
            format!(
                "{}@{}",
                i.name,
                i.baseline.period.map(|p| p.to_string()).unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "図書館の来館者数@FY2022",
            "読書が好きな児童の割合@FY2021",
            "郷土資料のデジタル化件数@FY2020",
        ]
    );
}

#[test]
fn arrow_targets_run_on_are_cut_after_each_right_side_and_a_lost_label_zero_is_dropped() {
    // Two arrows in one item (the second item's circled label lost and printed `0`), then one
    // arrow followed by the rest of a long paragraph.
    let ex = run(
        "目標 ⑦空き店舗数: 64 店(令和 2 年)→40 店(令和 7 年) 020 歳~29 歳の純移動数: ▲135 人(令和 2 年)\
         →▲50 人(令和 7 年) ⑨図書館の貸出冊数: 3.8 冊(令和 2 年度)→4.5 冊(令和 7 年度) 以下の表は各年の\
         実績を示したもので、矢印は前年と比べた増減を表しています。 参考)空き店舗数の推移 令和元 70 店 令和 2 64 店\n",
        &[],
    );
    let got: Vec<String> = ex
        .indicators
        .iter()
        .map(|i| {
            format!(
                "{} {}→{}{} {}",
                i.name,
                i.baseline.value.map(format_decimal).unwrap_or("-".into()),
                i.target.value.map(format_decimal).unwrap_or_default(),
                i.unit,
                i.target.period.map(|p| p.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "空き店舗数 64→40店 CY2025",
            "20歳~29歳の純移動数 -135→-50人 CY2025",
            "図書館の貸出冊数 3.8→4.5冊 FY2025",
        ]
    );
}

#[test]
fn a_cell_of_year_and_value_lines_lists_yearly_figures() {
    let list = |c: &str| {
        year_value_list(c).map(|v| {
            v.iter()
                .map(|(p, d)| format!("{p}={}", format_decimal(*d)))
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    assert_eq!(
        list("2022年度:1,200 2023年度: 1,400").as_deref(),
        Some("FY2022=1200 FY2023=1400")
    );
    assert_eq!(list("令和5年度:30").as_deref(), Some("FY2023=30"));
    // A figure for every year, a dash, a ratio: no list.
    assert_eq!(list("93.5以上 (毎年度)"), None);
    assert_eq!(list("-"), None);
    assert_eq!(list("2022年度:200 ほか"), None);
}

#[test]
fn a_target_column_whose_cells_list_years_and_values_holds_yearly_targets() {
    let ex = run(
        "指標名称(単位)\t基準値\t目標数値\t参考年間目標\n\
         市民農園の区画数(区画)\t120 (2021年度)\t200 (2026年度)\t2022年度:140 2023年度:160\n\
         体験農園の参加率(%)\t41.0 (2021年度)\t50.0 (2026年度)\t50.0以上 (毎年度)\n",
        &[],
    );
    let i = &ex.indicators[0];
    assert_eq!(i.target.value.map(format_decimal), Some("200".into()));
    let yearly: Vec<String> = i
        .yearly_targets
        .iter()
        .map(|(p, v)| format!("{p}={}", format_decimal(*v)))
        .collect();
    assert_eq!(yearly, ["FY2022=140", "FY2023=160"]);
    let j = &ex.indicators[1];
    assert_eq!(j.target.value.map(format_decimal), Some("50".into()));
    assert!(j.yearly_targets.is_empty());
}

#[test]
fn a_present_state_column_after_a_column_of_actuals_is_the_baseline() {
    let ex = run(
        "指標\t2022(実績)\t現状(2023)\t2025(目標)\t2030(目標)\n\
         市民農園の区画数\t118\t120\t140\t160\n",
        &[],
    );
    let i = &ex.indicators[0];
    assert_eq!(i.baseline.value.map(format_decimal), Some("120".into()));
    assert_eq!(
        i.baseline.period.map(|p| p.to_string()),
        Some("FY2023".into())
    );
    assert_eq!(i.target.value.map(format_decimal), Some("160".into()));
}

#[test]
fn a_bare_year_before_columns_of_actuals_is_the_baseline() {
    let ex = run(
        "指標\t令和3年\t令和4年実績\t令和5年実績\t最終目標\n\
         市民農園の区画数\t120区画\t134区画\t141区画\t180区画\n",
        &[],
    );
    let i = &ex.indicators[0];
    assert_eq!(i.name, "市民農園の区画数");
    assert_eq!(i.baseline.value.map(format_decimal), Some("120".into()));
    assert_eq!(
        i.baseline.period.map(|p| p.to_string()),
        Some("CY2021".into())
    );
}

#[test]
fn era_less_years_in_value_cells_take_the_era_named_above_the_table() {
    let ex = run(
        "みどり基本計画(令和5~9年度) 指標一覧\n\
         \n\
         指標\t現状\t目標\n\
         街路樹の植栽本数\t4,210本(4年度)\t4,800本(9年度)\n",
        &[],
    );
    let i = &ex.indicators[0];
    assert_eq!(
        i.baseline.period.map(|p| p.to_string()),
        Some("FY2022".into())
    );
    assert_eq!(
        i.target.period.map(|p| p.to_string()),
        Some("FY2027".into())
    );
}

#[test]
fn a_target_in_words_takes_the_era_less_year_it_ends_with() {
    let ex = run(
        "指標\t現状\t目標\n\
         放置自転車の台数\t310台(令和4年)\t減少を目指します(9年)\n",
        &[],
    );
    let i = &ex.indicators[0];
    assert_eq!(i.target.value, None);
    assert_eq!(
        i.target.period.map(|p| p.to_string()),
        Some("CY2027".into())
    );
}

#[test]
fn an_era_less_year_takes_the_era_of_the_nearest_era_qualified_year_within_reach() {
    let resolve = |context: &str, note: &str| {
        EraContext::of(context)
            .and_then(|e| e.resolve(note))
            .map(|d| d.period.to_string())
    };
    assert_eq!(
        resolve("令和6年度 実績", "3年度").as_deref(),
        Some("FY2021")
    );
    assert_eq!(
        resolve("令和6年度 実績", "元年度").as_deref(),
        Some("FY2019")
    );
    assert_eq!(resolve("R6 実績", "14年度").as_deref(), Some("FY2032"));
    assert_eq!(resolve("令和 6 年", "9年").as_deref(), Some("CY2027"));
    // Too far ahead in this era: the era before, while it lasted (平成29年度).
    assert_eq!(resolve("令和3年度", "29年度").as_deref(), Some("FY2017"));
    assert_eq!(resolve("令和3年度", "45年度"), None);
    // A plan written under 平成 counts on in it past its end (平成34年度 is FY2022).
    assert_eq!(resolve("平成30年度", "34年度").as_deref(), Some("FY2022"));
    // An era named without a year bounds nothing.
    assert_eq!(resolve("令和の計画", "20年度").as_deref(), Some("FY2038"));
    // A letter inside a word is no era; a number that is no year is not read.
    assert_eq!(EraContext::of("HDR映像 H2O"), None);
    assert_eq!(resolve("令和6年度", "123年度"), None);
    assert_eq!(resolve("令和6年度", "3人"), None);
    // A month of an era-less year is a date in that era (`（31年4月）` beside `（29年度）`).
    assert_eq!(resolve("令和5年度", "31年4月").as_deref(), Some("2019-04"));
    assert_eq!(
        resolve("令和6年度", "5年4月1日現在").as_deref(),
        Some("2023-04-01")
    );
    assert_eq!(resolve("令和6年度", "5年3月末").as_deref(), Some("2023-03"));
    assert_eq!(resolve("令和6年度", "5年13月"), None);
    assert_eq!(resolve("令和6年度", "5年4月1"), None);
}

#[test]
fn era_less_header_years_of_a_document_that_names_no_era_are_the_present_eras() {
    let ex = run(
        "数値目標\n\
         \n\
         数値目標項目\t単位\t5年度現状値\t11年度目標値\n\
         家庭菜園講習の受講者数\t人\t310\t420\n",
        &[],
    );
    let i = &ex.indicators[0];
    assert_eq!(
        i.baseline.period.map(|p| p.to_string()),
        Some("FY2023".into())
    );
    assert_eq!(
        i.target.period.map(|p| p.to_string()),
        Some("FY2029".into())
    );
    // A year too far ahead for 令和 is 平成's, as a plan written before 2019 meant it.
    let present = EraContext::present();
    assert_eq!(
        present.resolve("26年度").map(|d| d.period.to_string()),
        Some("FY2014".into())
    );
}

#[test]
fn era_less_years_in_value_cells_take_the_era_of_the_header() {
    let ex = run(
        "指標\t現状値(現況年度)\t令和6年度実績\t目標値(目標年度)\n\
         市民農園の利用区画数\t84区画(元年度)\t97区画\t120区画(13年度)\n\
         体験農園の参加者数\t310人(3年度)\t355人\t400人(13年度)\n",
        &[],
    );
    let periods: Vec<(Option<String>, Option<String>)> = ex
        .indicators
        .iter()
        .map(|i| {
            (
                i.baseline.period.map(|p| p.to_string()),
                i.target.period.map(|p| p.to_string()),
            )
        })
        .collect();
    assert_eq!(
        periods,
        [
            (Some("FY2019".into()), Some("FY2031".into())),
            (Some("FY2021".into()), Some("FY2031".into()))
        ]
    );
}

#[test]
fn a_number_after_a_phrase_of_what_it_is_counted_per_is_the_value() {
    assert_eq!(value("1日当たり45分"), "45 分 note=1日当たり");
    assert_eq!(
        value("1世帯あたり 2.6人 (2025年)"),
        "2.6 人 @CY2025 note=1世帯あたり"
    );
    assert_eq!(
        value("児童1人につき12冊以上"),
        "12 冊 at_least note=児童1人につき"
    );
    assert_eq!(value("年間 240回"), "240 回 annual");
    // A phrase with no number after it, or a bracket before the word, is no such phrase.
    assert_eq!(
        value("1人当たりの消費量を削減"),
        "- decrease text=1人当たりの消費量を削減"
    );
    assert_eq!(value("38分(1日当たり)"), "38 分 note=1日当たり");
}

#[test]
fn years_a_sentence_above_the_table_gives_its_columns_date_the_cells_without_one() {
    let ex = run(
        "次の指標で進捗を測ります。基準値は令和4年度、目標は令和 10 年度の値です。\n\
         \n\
         指標\t基準値\t目標\n\
         図書館の貸出冊数\t41万冊\t増加\n\
         読書会の参加者数\t260人(3年度)\t300人\n",
        &[],
    );
    let periods: Vec<(Option<String>, Option<String>)> = ex
        .indicators
        .iter()
        .map(|i| {
            (
                i.baseline.period.map(|p| p.to_string()),
                i.target.period.map(|p| p.to_string()),
            )
        })
        .collect();
    assert_eq!(
        periods,
        [
            (Some("FY2022".into()), Some("FY2028".into())),
            // A cell's own year comes first.
            (Some("FY2021".into()), Some("FY2028".into()))
        ]
    );
    // A role word with no year at once after it dates nothing.
    let ex = run(
        "目標は市民と共有し、2030年度に見直します。\n\
         指標\t現状\t目標\n\
         図書館の貸出冊数\t41万冊\t45万冊\n",
        &[],
    );
    assert_eq!(ex.indicators[0].target.period, None);
}

#[test]
fn a_small_table_of_one_indicator_is_named_by_its_caption() {
    let ex = run(
        "【安全】安全な水の供給\n\n\
         水質基準不適合率\n\
         現状値(令和5年度)\t目標値(令和11年度)\t将来値(令和16年度)\n\
         0%\t0%\t0%\n\n\
         算定方法\n\n\
         給水原価(円/m3)\n\
         (単位:円/m3)\n\
         現状値(令和5年度)\t目標値(令和11年度)\n\
         214.6\t220.0以下\n",
        &[],
    );
    type Read<'a> = (&'a str, &'a str, Option<String>, Option<String>, Comparator);
    let got: Vec<Read<'_>> = ex
        .indicators
        .iter()
        .map(|i| {
            (
                i.name.as_str(),
                i.unit.as_str(),
                i.baseline.value.map(format_decimal),
                i.target.value.map(format_decimal),
                i.comparator,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "水質基準不適合率",
                "%",
                Some("0".into()),
                Some("0".into()),
                Comparator::Exact
            ),
            (
                "給水原価",
                "円/m3",
                Some("214.6".into()),
                Some("220".into()),
                Comparator::AtMost
            ),
        ]
    );
    let periods: Vec<(Option<String>, Option<String>)> = ex
        .indicators
        .iter()
        .map(|i| {
            (
                i.baseline.period.map(|p| p.to_string()),
                i.target.period.map(|p| p.to_string()),
            )
        })
        .collect();
    assert_eq!(
        periods,
        vec![(Some("FY2023".into()), Some("FY2029".into())); 2]
    );
}

#[test]
fn a_source_cell_ending_in_a_running_total_mark_makes_the_indicator_cumulative() {
    let ex = run(
        "指標名\t策定時\t目標\t指標の出典・定義など\n\
         企業立地による新規雇用者数\t310人\t800人\t本市実績による(累計)\n\
         観光入込客数\t412万人\t450万人\t県観光入込客統計による(暦年)\n",
        &[],
    );
    let kinds: Vec<(&str, IndicatorKind)> = ex
        .indicators
        .iter()
        .map(|i| (i.name.as_str(), i.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("企業立地による新規雇用者数", IndicatorKind::Cumulative),
            ("観光入込客数", IndicatorKind::Level)
        ]
    );
}

#[test]
fn a_header_of_values_with_no_caption_or_no_value_row_is_no_indicator() {
    for text in [
        // A sentence above is no caption.
        "次の表は、水質の目標を示したものです。\n\
         現状値(令和5年度)\t目標値(令和11年度)\n\
         0%\t0%\n",
        // A row of words under the header is no row of one indicator's values.
        "水質基準不適合率\n\
         現状値(令和5年度)\t目標値(令和11年度)\n\
         維持\t向上\n",
        // Without a target column, the header is not of a captioned indicator.
        "水質基準不適合率\n\
         現状値(令和5年度)\t将来値(令和16年度)\n\
         0%\t0%\n",
    ] {
        let ex = run(text, &[]);
        assert!(ex.indicators.is_empty(), "{text}\n{:?}", ex.indicators);
    }
}

/// What a table printed on its side gives: each indicator's name, unit, baseline and target
/// with their periods.
fn sideways(ex: &Extraction) -> Vec<String> {
    ex.indicators
        .iter()
        .map(|i| {
            let at = |v: Option<Decimal>, p: Option<shinchoku_core::period::Period>| {
                format!(
                    "{}@{}",
                    v.map(format_decimal).unwrap_or_default(),
                    p.map(|p| p.to_string()).unwrap_or_default()
                )
            };
            format!(
                "{}|{}|{}|{}",
                i.name,
                i.unit,
                at(i.baseline.value, i.baseline.period),
                at(i.target.value, i.target.period)
            )
        })
        .collect()
}

#[test]
fn a_table_printed_on_its_side_reads_a_row_per_name() {
    let want = [
        "市内の創業件数|件|32@FY2022|50@FY2027",
        "観光入込客数|万人|412@FY2022|500@FY2027",
        "製造品出荷額等|億円|1250@FY2022|1400@FY2027",
    ];
    let tabs = "数値目標\n\
                項目\t市内の創業件数\t観光入込客数\t製造品出荷額等\n\
                現状値(令和4年度)\t32件\t412万人\t1,250億円\n\
                目標値(令和9年度)\t50件\t500万人\t1,400億円\n\
                \n\
                各目標は毎年度検証します。\n";
    assert_eq!(sideways(&run(tabs, &[])), want);
    // The same as a web page's table, its row heads as `<th>`.
    let html = "<html><body><p>数値目標</p><table>\
                <tr><th>項目</th><th>市内の創業件数</th><th>観光入込客数</th><th>製造品出荷額等</th></tr>\
                <tr><th>現状値(令和4年度)</th><td>32件</td><td>412万人</td><td>1,250億円</td></tr>\
                <tr><th>目標値(令和9年度)</th><td>50件</td><td>500万人</td><td>1,400億円</td></tr>\
                </table></body></html>";
    let ex = crate::extract::extract(html.as_bytes(), "t.html").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sideways(&ex), want);
    // A unit row among the value rows.
    let units = "項目\t市内の創業件数\t観光入込客数\n\
                 単位\t件\t万人\n\
                 基準値(令和4年度)\t32\t412\n\
                 目標値(令和9年度)\t50\t500\n";
    assert_eq!(sideways(&run(units, &[]))[..], want[..2]);
}

#[test]
fn names_across_a_row_over_rows_of_other_things_are_no_sideways_table() {
    for text in [
        // Rows headed by no value word.
        "項目\t市内の創業件数\t観光入込客数\n\
         担当課\t商工課\t観光課\n\
         区分\t新規\t継続\n",
        // A baseline row without a target row.
        "項目\t市内の創業件数\t観光入込客数\n\
         現状値(令和4年度)\t32件\t412万人\n",
        // Words where the values should be.
        "項目\t市内の創業件数\t観光入込客数\n\
         現状値(令和4年度)\t少ない\t多い\n\
         目標値(令和9年度)\t増加\t維持\n",
    ] {
        let ex = run(text, &[]);
        assert!(ex.indicators.is_empty(), "{text}\n{:?}", sideways(&ex));
    }
}

#[test]
fn a_period_row_may_date_a_stock_at_the_years_end_and_dash_a_missing_one() {
    let ex = run(
        "指標名\t区分\t基準値\t長期的目標値\n\
         橋梁の長寿命化修繕の着手率\t数値\t−\t100%\n\
         \t時点\t−\t令和10年度末\n",
        &[],
    );
    let got: Vec<String> = ex
        .indicators
        .iter()
        .map(|i| {
            format!(
                "{} {}@{}",
                i.name,
                i.target.value.map(format_decimal).unwrap_or_default(),
                i.target.period.map(|p| p.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(got, ["橋梁の長寿命化修繕の着手率 100@FY2028"]);
}

#[test]
fn era_less_header_years_take_the_era_written_above_the_table() {
    // `4年度 実績` under a title of 令和5年度 is FY2022's actual; a cell with no year is kept.
    let doc = Doc::new(
        "t.txt",
        "令和5年度 点検・評価\n\n指標\t4年度 実績\t5年度計画\n",
    );
    let cells: Vec<String> = ["指標", "4年度 実績", "5年度計画"]
        .map(String::from)
        .to_vec();
    let dated = super::table::eraless_header_years(&doc, 2, &cells);
    assert_eq!(
        dated.as_deref(),
        Some(
            &[
                "指標".to_owned(),
                "2022年度 実績".to_owned(),
                "2023年度計画".to_owned()
            ][..]
        )
    );
    // Without an era anywhere above, nothing is guessed.
    let bare = Doc::new("t.txt", "点検・評価\n\n指標\t4年度 実績\n");
    assert_eq!(
        super::table::eraless_header_years(&bare, 2, &cells[..2]),
        None
    );
}

#[test]
fn a_numeric_targets_header_beside_a_names_header_heads_the_targets() {
    // `数値目標` names the targets when it is the only names' header; beside `指標` it heads
    // the targets' column, as `目標値` would.
    let ex = run(
        "指標\t直近の実績値\t数値目標\n観光入込客数\t1,482千人(R3)\t1,800千人(R8)\n",
        &[],
    );
    let i = ex.indicators.first().unwrap();
    assert_eq!(i.name, "観光入込客数");
    assert_eq!(i.baseline.value, Some(Decimal::from(1482)));
    assert_eq!(i.target.value, Some(Decimal::from(1800)));
    assert_eq!(
        i.target.period.map(|p| p.to_string()).as_deref(),
        Some("FY2026")
    );
    let ex = run(
        "数値目標\t基準値\t目標値\n観光入込客数\t1,482千人\t1,800千人\n",
        &[],
    );
    assert_eq!(
        ex.indicators.first().map(|i| i.name.as_str()),
        Some("観光入込客数")
    );
}

#[test]
fn a_target_averaged_over_its_years_is_a_mean() {
    // `(R4-8の年平均)` after a target makes it a mean over FY2022-FY2026, as after a baseline.
    let ex = run(
        "指標名\t現状値\t目標値\n新設事業所数\t4.6件(H28-R3の年平均)\t5件(R4-8の年平均)\n",
        &[],
    );
    let i = ex.indicators.first().unwrap();
    assert_eq!(
        i.target.period.map(|p| p.to_string()).as_deref(),
        Some("FY2022-FY2026")
    );
    assert_eq!(i.target.stat.as_deref(), Some("mean"));
    assert_eq!(i.baseline.stat.as_deref(), Some("mean"));
}

//! Indicator tables in the shapes other governments print them, beyond the seed documents.
//!
//! Each fixture in `tests/fixtures/shapes/` is a small hand-made document in one shape seen in
//! published plans (総合計画, 総合戦略, 実施計画 KPI lists): column orders such as `指標名 | 単位 |
//! 基準値 | 基準年度 | 目標値 | 目標年度` and `KPI | 策定時 | 現状 | 目標(R7)`, periods inside value
//! cells, a `単位` column and `（単位：人）` captions, a `方向性` column, yearly target columns,
//! targets in words, decreasing targets, labels and units in the name cell, a page break inside
//! a table, a summary with a project column, a list of all targets repeated under the sections
//! that place them, and tables that are not indicator tables at all. The expectation is one
//! line per indicator:
//! `name|unit|kind|direction|comparator|baseline@period|target@period[|extras]`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use serde_json::Value;
use shinchoku_import::extract::extract_text;

fn value_at(v: &Value) -> String {
    let value = match &v["value"] {
        Value::Null => "-".to_owned(),
        x => x.to_string(),
    };
    format!("{value}@{}", v["period"].as_str().unwrap_or("-"))
}

/// One indicator in the expectation's form.
fn render(i: &Value) -> String {
    let s = |k: &str| i[k].as_str().unwrap_or_default().to_owned();
    let mut parts = vec![
        s("name"),
        s("unit"),
        s("kind"),
        s("direction"),
        s("comparator"),
        value_at(&i["baseline"]),
        value_at(&i["target"]),
    ];
    if let Some(st) = i["baseline"]["stat"].as_str() {
        parts.push(format!("stat={st}"));
    }
    if let Some(n) = i["baseline"]["note"].as_str() {
        parts.push(format!("bnote={n}"));
    }
    if let Some(n) = i["target"]["note"].as_str() {
        parts.push(format!("tnote={n}"));
    }
    if let Some(y) = i["yearly_targets"].as_object() {
        let y: Vec<String> = y.iter().map(|(p, v)| format!("{p}:{v}")).collect();
        parts.push(format!("yearly={}", y.join(",")));
    }
    for k in ["project", "category", "label", "definition"] {
        if let Some(x) = i[k].as_str() {
            parts.push(format!("{k}={x}"));
        }
    }
    parts.join("|")
}

/// The indicators and this recogniser's warnings (`line:code`) of one fixture.
fn check(file: &str, want: &[&str], want_warnings: &[&str]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/shapes")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let ex = extract_text(&text, file, "UTF-8");
    let v = serde_json::to_value(&ex).unwrap();
    let got: Vec<String> = v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(render)
        .collect();
    assert_eq!(got, want, "{file}: indicators");
    let warnings: Vec<String> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| {
            ["unknown_unit", "conflicting_values", "no_value_word"]
                .contains(&w["code"].as_str().unwrap_or_default())
        })
        .map(|w| format!("{}:{}", w["line"], w["code"].as_str().unwrap_or_default()))
        .collect();
    assert_eq!(warnings, want_warnings, "{file}: warnings");
}

/// `指標名 | 単位 | 基準値 | 基準年度 | 目標値 | 目標年度`: periods from their columns (`R1`,
/// `H30`, `令和元年度`), units from the unit column; a bare target below its baseline is a
/// decrease.
#[test]
fn base_and_target_years_in_their_own_columns() {
    check(
        "kpi-kijunchi-kijunnendo-mokuhyouchi-mokuhyounendo.txt",
        &[
            "移住相談件数|件|level|increase|exact|1240@FY2019|1500@FY2025",
            "新規就農者数|人|cumulative|increase|exact|35@FY2019|200@FY2025",
            "耕作放棄地面積|ha|level|decrease|exact|412.5@FY2018|380@FY2025",
        ],
        &[],
    );
}

/// `KPI | 策定時 | 現状 | 目標(R7)`: 策定時 is the baseline and 現状 a later observation; a
/// window `(R3～R7)` makes a period total; the header year dates a target printed without one.
#[test]
fn kpi_at_planning_time_now_and_target() {
    check(
        "kpi-sakuteiji-genjou-mokuhyou.txt",
        &[
            "企業立地件数|件|period_total|increase|exact|12@FY2019|60@FY2021-FY2025",
            "観光入込客数|千人|level|increase|exact|3120@FY2019|3500@FY2025",
            "市内就業率|%|level|increase|at_least|58.2@FY2015|60@FY2025",
        ],
        &[],
    );
}

/// `指標名 | 現状 | 目標` with the period in each cell: `(令和2年度)`, `(2022年)` calendar
/// years, `(令和2年度平均)` a mean, `─` no value, `以下` a decrease, a rank in words (lower is
/// better), an unknown unit warned about.
#[test]
fn periods_printed_inside_value_cells() {
    check(
        "genjou-mokuhyou-periods-in-cells.txt",
        &[
            "健康危機対策研修修了者数|人|level|increase|exact|4914@FY2020|6500@FY2024",
            "地域別消費総合指数||level|increase|exact|93.7@FY2020|101.9@FY2024|stat=mean",
            "新築住宅におけるZEHの割合|%|level|increase|exact|-@-|90@FY2027",
            "再生可能エネルギー生産量|万TJ|level|increase|exact|2.9@FY2020|3.7@FY2027",
            "交通事故死者数|人|level|decrease|at_most|46@CY2022|45@CY2025",
            "健康寿命の全国順位|位|level|decrease|exact|2@CY2020|1@CY2026|tnote=全国1位 (2026年)",
        ],
        &["7:unknown_unit", "9:unknown_unit"],
    );
}

/// `成果指標名 | 単位 | 現状値 (平成24年度) | 目標値 (平成29年度) | 方向性 | 指標の定義`:
/// `件/年` an annual flow, `減少を目指す` a decrease, the definition kept.
#[test]
fn unit_direction_and_definition_columns() {
    check(
        "unit-column-houkousei.txt",
        &[
            "自主防災組織数|組織|cumulative|increase|exact|16@FY2012|21@FY2017|definition=自主防災組織の結成数(累計)",
            "火災発生件数|件|annual|decrease|exact|27@FY2012|25@FY2017|definition=市内の年間の火災発生件数",
            "消防団員の充足率|%|level|increase|exact|95@FY2012|96@FY2017|definition=消防団員数÷条例定数×100",
        ],
        // 組織 is a unit the plans use: no warning.
        &[],
    );
}

/// A `（単位：人）` caption and a `（目標年度：令和7年度）` title date and measure a table
/// whose cells are bare numbers.
#[test]
fn captions_give_unit_and_target_year() {
    check(
        "unit-caption-target-year-caption.txt",
        &[
            "移住者数|人|level|increase|exact|512@FY2019|800@FY2025",
            "関係人口(ふるさと納税寄附者数)|人|level|increase|exact|3400@FY2019|5000@FY2025",
        ],
        &[],
    );
}

/// `指標 | 基準値(R1) | R3 | R4 | R5 | R6 | R7`, and a two-line header whose 目標値 spans year
/// columns: the latest year is the target, the others yearly targets; a falling path is a
/// decrease.
#[test]
fn yearly_target_columns() {
    check(
        "yearly-target-columns.txt",
        &[
            "保育所待機児童数|人|level|decrease|exact|48@FY2019|0@FY2025|yearly=FY2021:30,FY2022:20,FY2023:10,FY2024:5",
            "子育て支援拠点の利用者数|人|level|increase|exact|8200@FY2019|9700@FY2025|yearly=FY2021:8500,FY2022:8800,FY2023:9100,FY2024:9400",
            "シルバー人材センター会員数|人|level|increase|exact|1020@FY2019|1200@FY2025|yearly=FY2023:1100,FY2024:1150",
        ],
        &[],
    );
}

/// `減少を目指す`, `…の維持`, `増加` keep their words (and a number beside them), set the
/// direction, and leave no value where there is none.
#[test]
fn targets_in_words() {
    check(
        "text-targets-and-directions.txt",
        &[
            "刑法犯認知件数|件|level|decrease|exact|5728@FY2020|-@FY2025|tnote=減少を目指す",
            "市の人口|人|level|increase|exact|200000@FY2020|200000@FY2025|tnote=維持",
            "市民満足度|%|level|increase|exact|62@FY2020|-@FY2025|tnote=増加",
            "公共施設の延床面積|万m2|level|decrease|at_most|41.2@FY2020|41.2@FY2025",
        ],
        &["7:unknown_unit"],
    );
}

/// `(1)`, `2.`, `③` labels, a unit in the name (`（ha/年）`, `【%】`), and `なし` in a value
/// cell (no value, warned about).
#[test]
fn labels_and_units_printed_in_the_name() {
    check(
        "labels-and-units-in-names.txt",
        &[
            "認定農業者数|経営体|level|increase|exact|320@-|350@-|label=(1)",
            "森林整備面積|ha|annual|increase|exact|850@-|900@-|label=2.",
            "スマート農業導入率|%|level|increase|exact|12.5@-|30@-|label=③",
            "創業件数|件|level|increase|exact|20@-|20@-",
            "事業承継件数|件|level|increase|exact|-@-|10@-",
        ],
        &["4:unknown_unit", "12:no_value_word"],
    );
}

/// Rows after a blank line go on with the table; `1兆5,000億円` beside a baseline in 億円 is held in 億円.
#[test]
fn a_page_break_inside_a_table() {
    check(
        "page-break-continuation-and-scales.txt",
        &[
            "宿泊者数|千人|level|increase|exact|410@-|500@-",
            "観光消費額|億円|level|increase|exact|182@-|15000@-",
            "外国人宿泊者数|千人|level|increase|exact|12@-|30@-",
        ],
        &[],
    );
}

/// A summary with a project column and `[category]` prefixes merges with the projects' own
/// tables by name (spelled with or without `の`) and numbers, the same name in two projects
/// staying two indicators.
#[test]
fn summary_rows_merge_with_project_tables() {
    check(
        "summary-table-with-project-column.txt",
        &[
            "若者の県内定着率|%|level|increase|exact|42@FY2022|50@FY2027|project=若者定着プロジェクト",
            "創業支援件数|件|cumulative|increase|exact|30@FY2022|120@FY2027|project=若者定着プロジェクト|category=起業",
            "創業支援件数|件|cumulative|increase|exact|12@FY2022|60@FY2027|project=地域産業振興プロジェクト",
            "商談成約件数|件|level|increase|exact|-@-|40@FY2027|project=地域産業振興プロジェクト|category=販路",
        ],
        &[],
    );
}

/// A numbered list of all targets repeated in `■ 数値目標` blocks (header on the `■` line or
/// not, `【再掲】`, spaced `40 人`) gives one indicator each; a block printing another target
/// value is warned about.
#[test]
fn a_list_of_all_targets_and_the_sections_that_place_them() {
    check(
        "overview-list-and-placed-blocks.txt",
        &[
            "観光入込客数|千人|level|increase|exact|3100@FY2023|3500@FY2028|label=①",
            "新規就農者数|人|cumulative|increase|exact|40@FY2023|200@FY2028|label=②",
            "移住者数|人|period_total|increase|exact|520@FY2023|2800@FY2024-FY2028|label=③",
        ],
        &["13:conflicting_values"],
    );
}

/// Year-column data, a roadmap, a progress table and a count table have no indicator header.
#[test]
fn data_roadmap_progress_and_count_tables_are_not_indicator_tables() {
    check("not-indicator-tables.txt", &[], &[]);
}

/// Targets written on one line with an arrow outside any table (`【KPI】name baseline（R2）→
/// target（R7）`, the period before the value `(H25)4,356億円`, `現状 … ⇒ 目標 …`); arrows
/// between years in prose are no indicators.
#[test]
fn targets_on_one_line_with_an_arrow() {
    check(
        "kpi-arrow-lines.txt",
        &[
            "観光入込客数|千人|level|increase|exact|3100@FY2020|3500@FY2025",
            "農業産出額|億円|level|increase|exact|4356@FY2013|4380@FY2019",
            "移住者数|人|level|increase|exact|512@FY2019|800@FY2025",
        ],
        &[],
    );
}

/// `指標名 | H30 | R1 | R2 | 目標値(R7)`: years before the target with no baseline column are
/// the record so far, the latest of which is the baseline.
#[test]
fn past_years_before_the_target_give_the_baseline() {
    check(
        "history-years-then-target.txt",
        &[
            "市民活動団体数|団体|level|increase|exact|121@FY2020|150@FY2025",
            "1人1日当たりごみ排出量|g|level|decrease|exact|898@FY2020|850@FY2025",
        ],
        // g is a unit the plans use: no warning.
        &[],
    );
}

/// A warning about a row the front end cut from aligned spaces, or from a table printed one
/// cell per line, says how it was cut, so the reader checks the cut before the value; a row
/// written with tabs is taken as written and cites nothing.
#[test]
fn warnings_cite_how_their_line_was_cut_into_cells() {
    let spaced = "成果指標\n\
                  指標名              単位      現状値(R4)      目標値(R8)\n\
                  水辺の清掃回数      ぴよ      12              20\n";
    let ex = extract_text(spaced, "spaced.txt", "utf-8");
    let w = ex
        .warnings
        .iter()
        .find(|w| w.code == "unknown_unit")
        .expect("the unknown unit is warned about");
    assert_eq!(w.line, 3);
    assert_eq!(
        w.evidence.as_deref(),
        Some("空白の列揃えで 4 列に区切った行 / a line cut into 4 columns by aligned spaces")
    );
    let json = serde_json::to_value(w).unwrap();
    assert_eq!(json["evidence"], Value::String(w.evidence.clone().unwrap()));

    let tabbed = "成果指標\n指標名\t単位\t現状値(R4)\t目標値(R8)\n水辺の清掃回数\tぴよ\t12\t20\n";
    let ex = extract_text(tabbed, "tabbed.txt", "utf-8");
    let w = ex
        .warnings
        .iter()
        .find(|w| w.code == "unknown_unit")
        .expect("the unknown unit is warned about");
    assert_eq!(w.evidence, None);
    assert!(serde_json::to_value(w).unwrap().get("evidence").is_none());
}

//! Data tables, role matrices and member lists in the shapes other governments print them.
//!
//! The fixtures in `tests/fixtures/shapes/` are small hand-made documents, each in one shape
//! seen in published plans, statistics and committee pages beyond the seed documents: a
//! `推移` table under a `（単位：件）` line with 平成/令和 year headers and a `対前年比` column;
//! 見込量 / 実績値 pairs under group headings; calendar years in descending order with a
//! `合計` column; years down the first column; a 区分 | 所属・役職 | 氏名 list; a 氏名 |
//! ふりがな | 所属団体 | 役職 list with a count line; a ◎ / ○ matrix of institutions and
//! support roles. Each is run through the whole extractor and checked here.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use serde_json::{json, Value};
use shinchoku_import::extract::extract;

fn extracted(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/shapes")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let ex = extract(&bytes, name).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::to_value(&ex).unwrap()
}

/// The series as `{name: {unit, values, targets?, total?}}` for comparison.
fn series(v: &Value) -> Value {
    let mut out = serde_json::Map::new();
    for s in v["series"].as_array().cloned().unwrap_or_default() {
        let mut o = json!({"unit": s["unit"], "values": s["values"]});
        if let Some(t) = s.get("targets") {
            o["targets"] = t.clone();
        }
        if let Some(t) = s.get("total") {
            o["total"] = t.clone();
        }
        out.insert(s["name"].as_str().unwrap().to_owned(), o);
    }
    Value::Object(out)
}

fn warning_codes(v: &Value) -> Vec<String> {
    v["warnings"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|w| w["code"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn a_suii_table_with_a_unit_line_era_years_and_a_ratio_column() {
    let v = extracted("series-suii-tani-heisei-reiwa.txt");
    assert_eq!(
        series(&v),
        json!({
            "経営相談件数(窓口相談)": {"unit": "件", "values":
                {"FY2017": 1204, "FY2018": 1310, "FY2019": 1288, "FY2020": 1402}},
            "経営相談件数(巡回相談)": {"unit": "件", "values":
                {"FY2017": 856, "FY2018": 902, "FY2019": 1015, "FY2020": 998}},
        })
    );
    assert_eq!(v["series"][0]["source"], "市商工観光課調べ");
}

#[test]
fn planned_and_actual_rows_under_group_headings_pair_up() {
    let v = extracted("series-mikomi-jisseki-pairs.txt");
    assert_eq!(
        series(&v),
        json!({
            "就労移行支援": {"unit": "人", "values": {"FY2018": 290, "FY2019": 315},
                "targets": {"FY2018": 300, "FY2019": 320, "FY2020": 340}},
            "生活介護": {"unit": "人", "values": {"FY2018": 1480, "FY2019": 1522},
                "targets": {"FY2018": 1500, "FY2019": 1550, "FY2020": 1600}},
        })
    );
}

#[test]
fn calendar_years_in_descending_order_with_a_total_and_a_subset_row() {
    let v = extracted("series-calendar-years-descending.txt");
    assert_eq!(
        series(&v),
        json!({
            "入込客数": {"unit": "千人", "total": 7940, "values":
                {"CY2021": 2310, "CY2020": 2150, "CY2019": 3480}},
            "入込客数(県外客)": {"unit": "千人", "total": 3660, "values":
                {"CY2021": 1020, "CY2020": 880, "CY2019": 1760}},
        })
    );
    assert!(warning_codes(&v).is_empty(), "{:?}", v["warnings"]);
}

#[test]
fn years_down_the_first_column_are_read_across() {
    let v = extracted("series-transposed-years-down.txt");
    assert_eq!(
        series(&v),
        json!({
            "相談件数": {"unit": "件", "values":
                {"FY2018": 120, "FY2019": 130, "FY2020": 98}},
            "相談者数": {"unit": "人", "values":
                {"FY2018": 95, "FY2019": 101, "FY2020": 80, "FY2021": 88}},
        })
    );
}

#[test]
fn a_category_column_and_a_joint_organisation_position_column() {
    let v = extracted("members-kubun-shozoku-yakushoku.txt");
    assert_eq!(v["plan"]["members_as_of"], "2022-07-01");
    let members: Vec<Value> = v["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| json!([m["organization"], m["position"], m["name"], m["reading"]]))
        .collect();
    assert_eq!(
        members,
        [
            json!(["〇〇大学", "経済学部教授", "中村 智彦", null]),
            json!(["株式会社〇〇", "代表取締役", "加藤 淳", null]),
            json!(["〇〇商工会議所", "専務理事", "林 淳治", null]),
            json!(["〇〇銀行", "地域振興部長", "佐々木 健 一", null]),
            json!(["公募委員", null, "リー・マイケル", null]),
        ]
    );
    assert!(warning_codes(&v).is_empty(), "{:?}", v["warnings"]);
}

#[test]
fn a_reading_column_bracketed_readings_and_a_count_that_disagrees() {
    let v = extracted("members-shimei-furigana-count.txt");
    assert_eq!(v["plan"]["members_as_of"], "2023-04-01");
    let members: Vec<Value> = v["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| json!([m["organization"], m["position"], m["name"], m["reading"]]))
        .collect();
    assert_eq!(
        members,
        [
            json!(["〇〇市商工会", "会長", "山本 恵子", "やまもと けいこ"]),
            json!(["〇〇信用金庫", "常務理事", "田中 一郎", "たなか いちろう"]),
            json!(["〇〇大学", "准教授", "鈴木 花子", "すずき はなこ"]),
        ]
    );
    assert_eq!(warning_codes(&v), ["member_count"]);
}

#[test]
fn double_circles_and_single_circles_are_both_roles() {
    let v = extracted("matrix-shien-naiyou-double-circle.txt");
    assert_eq!(
        v["plan"]["organization_roles"],
        json!(["創業", "経営相談", "販路開拓", "資金調達", "事業承継"])
    );
    let orgs: Vec<Value> = v["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| json!([o["name"], o["roles"]]))
        .collect();
    assert_eq!(
        orgs,
        [
            json!(["商工会議所", ["創業", "経営相談", "販路開拓", "事業承継"]]),
            json!(["よろず支援拠点", ["創業", "経営相談", "販路開拓"]]),
            json!(["事業承継・引継ぎ支援センター", ["事業承継"]]),
            json!(["日本政策金融公庫", ["創業", "資金調達"]]),
            json!(["商工振興課", ["創業", "経営相談", "資金調達"]]),
        ]
    );
}

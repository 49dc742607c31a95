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

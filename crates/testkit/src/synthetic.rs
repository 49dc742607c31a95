//! Made-up documents of any size in the shapes the extractor reads, for the extraction
//! benchmarks (`crates/import/benches/extract.rs`) and the tests that check what they extract
//! to (`crates/import/tests/large_shapes.rs`): one indicator table of `n` rows, and a
//! document of `n` numbered headings with body text and tables under them. Both are plain
//! arithmetic on the row or heading number (no randomness), so a size always gives the same
//! text.
//!
//! The names are made of words picked by the digits of the row number, so every name is
//! distinct and none contains another, as in a real plan's list of targets.

use std::fmt::Write as _;

/// Place words, picked by the digits of a number in base 20.
const PLACES: [&str; 20] = [
    "東", "西", "南", "北", "中央", "港", "山手", "川辺", "緑", "桜", "旭", "栄", "若葉", "青葉",
    "本町", "新町", "浜", "丘", "森", "泉",
];

/// What is counted, picked by the last digit.
const SUBJECTS: [(&str, &str); 10] = [
    ("新規就農者数", "人"),
    ("創業件数", "件"),
    ("企業誘致件数", "件"),
    ("観光施設の利用者数", "人"),
    ("ボランティア登録者数", "人"),
    ("進出企業数", "社"),
    ("自主防災組織の活動カバー率", "%"),
    ("設置箇所数", "箇所"),
    ("製造品出荷額", "億円"),
    ("健康診断の受診率", "%"),
];

/// A distinct place name for `k` (below 160,000): four base-20 digits as place words, so no
/// two are equal and none contains another (every one has exactly four words).
fn place(k: usize) -> String {
    let mut place = String::new();
    let mut k = k;
    for _ in 0..4 {
        place.push_str(PLACES[k % PLACES.len()]);
        k /= PLACES.len();
    }
    place
}

/// A distinct indicator name for row `i`: `中央港東東地区の創業件数`, `（累計）` on some.
pub fn indicator_name(i: usize) -> (String, &'static str) {
    let (subject, unit) = SUBJECTS[i % SUBJECTS.len()];
    let place = place(i / SUBJECTS.len());
    let mark = if i % 7 == 3 && unit != "%" {
        "（累計）"
    } else {
        ""
    };
    (format!("{place}地区の{subject}{mark}"), unit)
}

/// Baseline and target numbers of row `i` (the target above the baseline).
fn values(i: usize, unit: &str) -> (String, String) {
    if unit == "%" {
        let b = 20 + i % 50;
        (format!("{b}.{}", i % 10), format!("{}.0", b + 10))
    } else {
        let b = 100 + (i * 37) % 9_000;
        (format_thousands(b), format_thousands(b + 50 + i % 400))
    }
}

fn format_thousands(n: usize) -> String {
    if n >= 1000 {
        format!("{},{:03}", n / 1000, n % 1000)
    } else {
        n.to_string()
    }
}

/// One indicator table of `rows` rows in the tab form a converted PDF prints:
/// `指標名 | 単位 | 現状値 | 目標値` with the years on a second header line, distinct names,
/// some baselines and targets carrying their own year or window in the cell.
pub fn huge_table(rows: usize) -> String {
    let mut out = String::with_capacity(rows * 80 + 200);
    out.push_str("第１章　数値目標\n\n");
    out.push_str("■ 重要業績評価指標（ＫＰＩ）\n");
    out.push_str("指標名\t単位\t現状値\t目標値\n");
    out.push_str("\t\t（令和３年度）\t（令和８年度）\n");
    for i in 0..rows {
        let (name, unit) = indicator_name(i);
        let (b, t) = values(i, unit);
        let (b, t) = match i % 5 {
            // A cell that says its own year, as tables often do for one row.
            1 => (format!("{b}（令和２年度）"), t),
            // A target summed over a window.
            2 if unit != "%" => (b, format!("{t}（2022～2026）")),
            _ => (b, t),
        };
        let _ = writeln!(out, "{name}\t{unit}\t{b}\t{t}");
    }
    out
}

/// Full-width digits, as headings are often printed.
fn wide(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
        .collect()
}

/// A document of at least `headings` numbered headings in the shapes the structure reader
/// knows: chapters `第１章`, sections `1`, subsections `（１）` with a `【現状と課題】` text, a
/// `■ 数値目標` table of two indicators and a `【主な取組】` list of items `①`…`⑥`. Returns the
/// text and the number of headings in it (whole chapters of 181 headings each). Every heading
/// has its own title: a title printed again is read as the same heading printed again.
pub fn many_headings(headings: usize) -> (String, usize) {
    // A chapter: itself, 5 sections, 5 subsections each, 6 items each = 1 + 5 + 25 + 150.
    // Items number ① to ⑥, well inside the enclosed numbers.
    const SECTIONS: usize = 5;
    const SUBSECTIONS: usize = 5;
    const ITEMS: usize = 6;
    let mut out = String::with_capacity(headings * 120);
    let mut count = 0;
    let mut row = 0;
    let mut chapter = 0;
    while count < headings {
        chapter += 1;
        let _ = writeln!(out, "第{}章　{}地区の振興\n", wide(chapter), place(count));
        count += 1;
        for s in 1..=SECTIONS {
            let _ = writeln!(out, "{s} {}地域の産業づくり", place(count));
            let _ = writeln!(
                out,
                "　地域の強みを活かし、産業と雇用の基盤を整えます。第{s}の柱として取り組みます。\n"
            );
            count += 1;
            for u in 1..=SUBSECTIONS {
                let _ = writeln!(out, "（{}）{}の担い手の確保", wide(u), place(count));
                out.push_str("【現状と課題】\n");
                out.push_str("　担い手は10年間で約３割減少し、平均年齢は68歳となっています。\n");
                count += 1;
                out.push_str("\n■ 数値目標\n");
                out.push_str("指標\t現状値（R2）\t目標値（R7）\n");
                for _ in 0..2 {
                    let (name, unit) = indicator_name(row);
                    let (b, t) = values(row, unit);
                    let _ = writeln!(out, "{name}\t{b}{unit}\t{t}{unit}");
                    row += 1;
                }
                out.push_str("\n【主な取組】\n");
                for k in 0..ITEMS {
                    let label = char::from_u32('①' as u32 + k as u32).unwrap_or('①');
                    let subject = SUBJECTS[(k + u) % SUBJECTS.len()].0;
                    let _ = writeln!(out, "　{label}　{}の{subject}の支援", place(count));
                    count += 1;
                }
                out.push('\n');
            }
        }
    }
    (out, count)
}

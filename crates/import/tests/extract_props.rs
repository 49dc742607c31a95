//! Properties of the extractor over generated input: it never panics, an error always names
//! a line, and whatever it reads makes a plan file that reads back.
//!
//! Two generators: any bytes at all (most are no text, which must give a located error, not
//! a panic), and text made of the pieces Japanese plans are written with — list labels,
//! revision marks, units, era years, dashes, tabs and line breaks in any order — which is
//! always text and so must always give an extraction. The fuzz target (`fuzz/`) covers the
//! same ground at a much larger scale; these run under `cargo test`.

#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use shinchoku_import::extract::text::{Doc, Split};
use shinchoku_import::extract::{extract, to_plan};
use shinchoku_import::read_plan;

/// The pieces of plan text.
#[rustfmt::skip] // a table: one piece a line would be a hundred lines
const PIECES: &[&str] = &[
    "\t", "\n", "\r\n", " ", "　", "①", "⑫", "(1)", "（２）", "1", "2.", "Ⅱ", "◆", "○", "▽",
    "・", "■", "〔", "〕", "【", "】", "新", "修正", "(旧:", "（旧：", ")", "）", "再掲", "【再掲】",
    "件", "%", "％", "億円", "万円", "km", "- Km", "人", "社", "年度", "令和", "平成", "元年",
    "R1.8", "H30", "H26-29", "2019", "2022～2026", "(2022～2026)", "/3年", "単年", "(累計)",
    "累計", "以上", "以下", "—", "-", "―", "0", "5", "38,300", "12.5", "：", ":", "/", "指標名",
    "現状値", "目標値", "基準値", "実績値", "項目", "数値目標", "工程表", "実施中", "実現", "対応",
    "関連", "合計", "資料", "プロジェクト", "基本方向", "取組", "委員", "氏名", "*", "※1",
    "産業", "企業誘致件数", "の", "増加を目指す", "維持",
    // The renderings of tables the front end cuts (extract/layout/).
    "|", " | ", "|---|:--:|", "｜", "  ", "    ", "　　", "単位", "基準年度", "目標年度", "(R4)",
    "令和4年度", "412万人", "\u{c}",
];

fn plan_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 0..200).prop_map(|v| v.concat())
}

/// Plan text in the pieces Shift_JIS can hold (`—` U+2014, for one, it cannot).
fn shift_jis_text() -> impl Strategy<Value = String> {
    let pieces: Vec<&'static str> = PIECES
        .iter()
        .copied()
        .filter(|p| !encoding_rs::SHIFT_JIS.encode(p).2)
        .collect();
    proptest::collection::vec(proptest::sample::select(pieces), 0..200).prop_map(|v| v.concat())
}

/// The plan file of an extraction reads back.
fn reads_back(ex: &shinchoku_import::extract::Extraction) -> Result<(), TestCaseError> {
    let toml = to_plan::to_plan_file(ex);
    match read_plan(&toml, "t.toml") {
        Ok(_) => Ok(()),
        Err(e) => Err(TestCaseError::fail(format!("{e}\n{toml}"))),
    }
}

proptest! {
    #[test]
    fn every_rendering_cut_keeps_line_order_and_reads_as_tabs(text in plan_text()) {
        let doc = Doc::new("t.txt", &text);
        let count = text.strip_prefix('\u{feff}').unwrap_or(&text).split('\n').count();
        let mut last = 0;
        for l in &doc.lines {
            // Rows of a table run on in one line share its number; otherwise numbers rise.
            prop_assert!(l.no >= last && l.no >= 1 && l.no <= count, "{l:?}");
            last = l.no;
            prop_assert!(!l.cells.is_empty());
            if l.split != Split::AsWritten {
                prop_assert_eq!(&l.text, &l.cells.join("\t"));
            } else if l.raw.contains('\t') {
                prop_assert_eq!(l.cells.len(), l.raw.split('\t').count());
            }
        }
    }

    #[test]
    fn any_bytes_give_an_extraction_or_an_error_at_a_line(
        bytes in proptest::collection::vec(any::<u8>(), 0..2000)
    ) {
        match extract(&bytes, "t.txt") {
            Ok(ex) => reads_back(&ex)?,
            Err(e) => prop_assert!(e.line >= 1, "{e}"),
        }
    }

    #[test]
    fn plan_like_text_always_gives_an_extraction(text in plan_text()) {
        let ex = extract(text.as_bytes(), "t.txt");
        prop_assert!(ex.is_ok(), "{:?}", ex.err());
        reads_back(&ex.unwrap())?;
    }

    #[test]
    fn plan_like_text_reads_the_same_in_shift_jis(text in shift_jis_text()) {
        let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
        prop_assert!(!unmappable);
        let a = extract(text.as_bytes(), "t.txt").unwrap();
        let b = extract(&sjis, "t.txt").unwrap();
        // Pure ASCII is UTF-8 whatever it was saved as; the rest must be detected.
        let want = if text.is_ascii() { "UTF-8" } else { "Shift_JIS" };
        prop_assert_eq!(b.encoding.as_str(), want);
        let mut a = serde_json::to_value(&a).unwrap();
        let mut b = serde_json::to_value(&b).unwrap();
        a["encoding"] = serde_json::Value::Null;
        b["encoding"] = serde_json::Value::Null;
        prop_assert_eq!(a, b);
    }
}

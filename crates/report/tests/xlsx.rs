//! The xlsx writer's package: every part is well-formed XML whatever text the cells hold, the
//! parts a reader looks for are there, and text comes back exactly as given (OOXML's `_xHHHH_`
//! escapes undone).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers

use std::io::{Cursor, Read};

use proptest::prelude::*;
use quick_xml::events::Event;
use quick_xml::Reader;
use shinchoku_core::Decimal;
use shinchoku_report::xlsx::{Style, Workbook, Worksheet};

fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().unwrap().into_owned(), s)
        })
        .collect()
}

/// Every text node of a part, unescaped, in order; panics on malformed XML.
fn texts(xml: &str) -> Vec<String> {
    let mut r = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut in_t = false;
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) if e.name().0 == "t" => {
                in_t = true;
                out.push(String::new());
            }
            Event::End(e) if e.name().0 == "t" => in_t = false,
            Event::Text(t) if in_t => {
                let s = t.xml_content(quick_xml::XmlVersion::Explicit1_0);
                if let Some(last) = out.last_mut() {
                    last.push_str(&s);
                }
            }
            Event::GeneralRef(g) if in_t => {
                let name = g.xml_content(quick_xml::XmlVersion::Explicit1_0);
                let c = match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unknown entity {other}"),
                };
                if let Some(last) = out.last_mut() {
                    last.push_str(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// OOXML's `_xHHHH_` escapes undone.
fn unescape(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '_'
            && i + 6 < chars.len()
            && chars[i + 1] == 'x'
            && chars[i + 2..i + 6].iter().all(char::is_ascii_hexdigit)
            && chars[i + 6] == '_'
        {
            let hex: String = chars[i + 2..i + 6].iter().collect();
            if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                out.push(c);
                i += 7;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[test]
fn a_workbook_has_the_parts_readers_look_for() {
    let mut s = Worksheet::new("施策1");
    s.text(0, 0, "評価シート", Style::Title);
    s.text(2, 0, "指標", Style::Header);
    s.number(3, 1, Decimal::new(125, 1), Style::Number);
    s.merge(0, 0, 0, 3);
    s.freeze_rows(3);
    s.landscape();
    let bytes = Workbook {
        sheets: vec![s, Worksheet::new("施策1")],
    }
    .to_bytes()
    .unwrap();
    let parts = parts(&bytes);
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    for want in [
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/sharedStrings.xml",
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
    ] {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
    for (_, body) in &parts {
        texts(body);
    }
    let book = &parts
        .iter()
        .find(|(n, _)| n == "xl/workbook.xml")
        .unwrap()
        .1;
    assert!(book.contains("name=\"施策1\"") && book.contains("name=\"施策1 (2)\""));
    let sheet = &parts
        .iter()
        .find(|(n, _)| n == "xl/worksheets/sheet1.xml")
        .unwrap()
        .1;
    assert!(sheet.contains("<v>12.5</v>"), "{sheet}");
    assert!(sheet.contains("state=\"frozen\"") && sheet.contains("orientation=\"landscape\""));
    assert!(sheet.contains("<mergeCell ref=\"A1:D1\"/>"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_text_is_written_as_well_formed_xml_and_comes_back(
        cells in proptest::collection::vec(any::<String>(), 1..8),
        name in any::<String>(),
    ) {
        let mut s = Worksheet::new(name);
        for (i, t) in cells.iter().enumerate() {
            s.text(u32::try_from(i).unwrap(), 0, t.clone(), Style::Text);
        }
        let bytes = Workbook { sheets: vec![s] }.to_bytes().unwrap();
        let parts = parts(&bytes);
        for (_, body) in &parts {
            texts(body);
        }
        let strings = &parts.iter().find(|(n, _)| n == "xl/sharedStrings.xml").unwrap().1;
        let back: Vec<String> = texts(strings).iter().map(|s| unescape(s)).collect();
        for t in cells.iter().filter(|t| !t.is_empty()) {
            // XML turns a carriage return into a line feed unless it is a reference.
            let t = t.replace("\r\n", "\n").replace('\r', "\n");
            prop_assert!(back.iter().any(|b| b.replace('\r', "\n") == t), "{t:?} not in {back:?}");
        }
    }
}

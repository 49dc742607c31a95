//! The node tree in the numbering schemes other governments use, beyond the seeds.
//!
//! Each `tests/fixtures/shapes/structure-*.txt` is a small hand-made extract in a shape seen
//! in published plans (総合戦略 `基本目標1 / 施策1 / ①`; 総合計画 `第3章 / 第1節 / 1 現状と課題 /
//! (1) / ①`; `Ⅰ / 1 / (1) / ア / (ア)`; a revision list of `◆`/`○` items with `新`/`修正`
//! markers; hyphenated `1-1-1` labels; an overview printed again as chapters; `対応・関連`
//! links; a project progress table). The `.tree` next to it is the expected tree, one node a
//! line, two spaces per level, children under their parent in document order:
//! `label title [kind] {marker 旧:old title}`, then `link: from kind to` lines (by title), and
//! `title:` / `as_of:` lines for the plan. All fixtures are checked and every difference is
//! reported at once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use shinchoku_import::extract::{extract, Extraction};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shapes")
}

/// The extraction in the `.tree` form.
fn render(ex: &Extraction) -> String {
    let mut out = String::new();
    if let Some(t) = &ex.plan.title {
        out.push_str(&format!("title: {t}\n"));
    }
    if let Some(p) = &ex.plan.as_of {
        out.push_str(&format!("as_of: {p}\n"));
    }
    fn walk(ex: &Extraction, parent: Option<&str>, depth: usize, out: &mut String) {
        for n in ex.nodes.iter().filter(|n| n.parent.as_deref() == parent) {
            out.push_str(&"  ".repeat(depth));
            if let Some(l) = &n.label {
                out.push_str(l);
                out.push(' ');
            }
            out.push_str(&n.title);
            if let Some(k) = &n.kind {
                out.push_str(&format!(" [{k}]"));
            }
            if let Some(m) = &n.marker {
                out.push_str(&format!(" {{{m}"));
                if let Some(o) = &n.old_title {
                    out.push_str(&format!(" 旧:{o}"));
                }
                out.push('}');
            }
            out.push('\n');
            walk(ex, Some(&n.id), depth + 1, out);
        }
    }
    walk(ex, None, 0, &mut out);
    let title = |id: &str| {
        ex.nodes
            .iter()
            .find(|n| n.id == id)
            .map(|n| n.title.clone())
            .unwrap_or_default()
    };
    for l in &ex.links {
        out.push_str(&format!(
            "link: {} {} {}\n",
            title(&l.from),
            l.kind,
            title(&l.to)
        ));
    }
    out
}

#[test]
fn numbering_schemes_of_other_governments_give_the_expected_trees() {
    let mut stems: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tree"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .filter(|s| s.starts_with("structure-"))
        .collect();
    stems.sort();
    assert!(stems.len() >= 5, "structure fixtures: {stems:?}");
    let mut failures = Vec::new();
    for stem in &stems {
        let text = std::fs::read(dir().join(format!("{stem}.txt"))).unwrap();
        let want = std::fs::read_to_string(dir().join(format!("{stem}.tree"))).unwrap();
        let ex = extract(&text, &format!("{stem}.txt")).unwrap();
        let got = render(&ex);
        if got.trim_end() != want.trim_end() {
            failures.push(format!("{stem}:\n--- got ---\n{got}--- want ---\n{want}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} structure fixtures differ:\n{}",
        failures.len(),
        stems.len(),
        failures.join("\n")
    );
}

#[test]
fn body_text_stays_on_the_innermost_heading_above_it() {
    let text = std::fs::read(dir().join("structure-dai-setsu-genjo-kadai.txt")).unwrap();
    let ex = extract(&text, "structure-dai-setsu-genjo-kadai.txt").unwrap();
    let body = |title: &str| {
        ex.nodes
            .iter()
            .find(|n| n.title == title)
            .and_then(|n| n.body.clone())
    };
    assert_eq!(
        body("現状と課題").as_deref(),
        Some(
            "【製造業】\n本市の製造品出荷額は近年横ばいで推移しています。\n・後継者の不足が課題となっています。"
        ),
        "a topic heading inside 現状と課題 is body text"
    );
    assert_eq!(body("企業立地の推進"), None);

    let text = std::fs::read(dir().join("structure-revision-shin-shusei.txt")).unwrap();
    let ex = extract(&text, "structure-revision-shin-shusei.txt").unwrap();
    let node = ex
        .nodes
        .iter()
        .find(|n| n.title == "事業承継の推進")
        .unwrap();
    assert_eq!(
        node.body.as_deref(),
        Some("・診断員の派遣 ・窓口の設置"),
        "a revision row's second cell is the body of the row's first item"
    );
}

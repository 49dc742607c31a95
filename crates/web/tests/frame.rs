//! The frame every page shares, as far as it can be checked without a browser (the browser
//! suite in `e2e/` checks the rest): the stylesheets use only DADS tokens that exist, the
//! vendored tokens name their version and licence, the icon is served, and headings never skip
//! a level.

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::on_every_database;
use shinchoku_core::plan::Node;
use shinchoku_testkit::fixtures::example_plan;

fn read_static(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("static")
        .join(name);
    std::fs::read_to_string(&path).unwrap()
}

/// The custom properties a stylesheet defines (`--name:`) and uses (`var(--name`).
fn properties(css: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let name = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect()
    };
    let mut defined = BTreeSet::new();
    let mut used = BTreeSet::new();
    for (i, _) in css.match_indices("--") {
        let n = name(&css[i + 2..]);
        if n.is_empty() {
            continue;
        }
        let after = css[i + 2 + n.len()..].trim_start();
        if css[..i].ends_with("var(") {
            used.insert(n);
        } else if after.starts_with(':') {
            defined.insert(n);
        }
    }
    (defined, used)
}

#[test]
fn the_stylesheet_uses_only_tokens_that_dads_defines() {
    let (tokens, _) = properties(&read_static("tokens.css"));
    let (own, used) = properties(&read_static("app.css"));
    assert!(
        tokens.len() > 200,
        "tokens.css holds DADS' tokens: {tokens:?}"
    );
    let unknown: Vec<_> = used
        .iter()
        .filter(|u| !tokens.contains(*u) && !own.contains(*u))
        .collect();
    assert!(
        unknown.is_empty(),
        "app.css uses undefined tokens: {unknown:?}"
    );
    for t in [
        "font-family-sans",
        "line-height-175",
        "color-primitive-yellow-300",
        "color-neutral-black",
    ] {
        assert!(used.contains(t), "app.css does not use --{t}");
    }
}

#[test]
fn the_vendored_tokens_name_their_package_version_and_licence() {
    let tokens = read_static("tokens.css");
    let script = read_static("update-tokens.sh");
    let version = script
        .lines()
        .find_map(|l| l.strip_prefix("VERSION="))
        .unwrap();
    let head: String = tokens.lines().take(30).collect::<Vec<_>>().join("\n");
    assert!(
        head.contains(&format!("@digital-go-jp/design-tokens {version}")),
        "{head}"
    );
    assert!(
        head.contains("MIT License") && head.contains("デジタル庁"),
        "{head}"
    );
}

#[test]
fn every_page_names_its_icon_and_the_icon_is_served() {
    on_every_database(|s| {
        let body = s.get("/").text();
        assert!(body.contains(r#"<link rel="icon" href="/static/favicon.svg""#));
        let icon = s.get("/static/favicon.svg");
        assert_eq!(icon.status, 200);
        assert_eq!(icon.header("content-type"), Some("image/svg+xml"));
    });
}

/// The levels of the headings in `html`, in order.
fn heading_levels(html: &str) -> Vec<u8> {
    html.match_indices("<h")
        .filter_map(|(i, _)| {
            let b = html.as_bytes();
            match (b.get(i + 2), b.get(i + 3)) {
                (Some(d @ b'1'..=b'6'), Some(b' ' | b'>')) => Some(d - b'0'),
                _ => None,
            }
        })
        .collect()
}

#[test]
fn plan_headings_never_skip_a_level_even_where_the_tree_does() {
    on_every_database(|s| {
        let mut p = example_plan("design-example.toml");
        let node = |id: &str, parent: Option<&str>| Node {
            id: id.into(),
            parent: parent.map(Into::into),
            title: format!("節 {id}"),
            ..Node::default()
        };
        // `d`, three levels down, is listed straight after the root `x`, as a document's
        // numbering can list an initiative under a chapter that is not its parent.
        p.nodes = vec![
            node("a", None),
            node("b", Some("a")),
            node("c", Some("b")),
            node("x", None),
            node("d", Some("c")),
        ];
        for pi in &mut p.indicators {
            pi.node = Some("d".into());
        }
        s.save(std::slice::from_ref(&p));
        let body = s.get(&format!("/plans/{}", p.code.as_str())).text();
        let levels = heading_levels(&body);
        assert_eq!(levels.first(), Some(&1), "{levels:?}");
        for w in levels.windows(2) {
            assert!(w[1] <= w[0] + 1, "a heading skips a level: {levels:?}");
        }
        // The node keeps its place in the tree for the eye.
        assert!(
            body.contains(r#"class="node depth-3" id="node-d""#),
            "{body}"
        );
    });
}

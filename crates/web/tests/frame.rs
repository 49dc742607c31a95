//! The frame every page shares, as far as it can be checked without a browser: the
//! stylesheets use only DADS tokens that exist, and the vendored tokens name their version and
//! licence.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

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

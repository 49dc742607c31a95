//! `shinchoku publish`: the static site of the stored plans — every relative link of every
//! page leads to a file of the site, every dataset the catalogue lists is there (CSV with a
//! BOM, JSON that parses), both languages are written, and an indicator id that looks like a
//! path writes nothing outside the folder.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use shinchoku_testkit::bin::{self, ok, stdout as out};
use shinchoku_testkit::fixtures::repo;
use shinchoku_testkit::scratch::scratch;

const SHINCHOKU: &str = env!("CARGO_BIN_EXE_shinchoku");

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Every `href="…"` and `src="…"` of a page.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_owned());
            }
        }
    }
    out
}

#[test]
fn the_published_site_links_only_to_its_own_files() {
    let dir = scratch("publish");
    let db = format!("sqlite:{}", dir.join("p.db").display());
    let run = |args: &[&str]| bin::run_env(SHINCHOKU, args, &dir, &[("SHINCHOKU_DB", &db)]);
    let plan = repo().join("examples/yamaguchi-industry-2022.toml");
    ok(run(&["import", plan.to_str().unwrap()]));
    // An id that looks like a way out of the folder.
    std::fs::write(
        dir.join("odd.toml"),
        "[plan]\ncode = \"odd-ids\"\ntitle = \"変な id の計画\"\nperiod = \"FY2022-FY2026\"\n\n\
         [[indicators]]\nid = \"../../escape\"\nname = \"<script>alert(1)</script>\"\nunit = \"件\"\n\
         kind = \"level\"\nobservations = { FY2023 = 5 }\n",
    )
    .unwrap();
    ok(run(&["import", dir.join("odd.toml").to_str().unwrap()]));
    let site = dir.join("site");
    let o = ok(run(&["publish", "--out", site.to_str().unwrap()]));
    assert!(out(&o).contains("計画2件"), "{}", out(&o));

    let all = files(&site);
    let set: BTreeSet<PathBuf> = all.iter().cloned().collect();
    for p in &all {
        assert!(p.starts_with(&site), "{} outside the site", p.display());
    }
    assert!(!dir.join("escape.html").exists() && !site.join("escape.html").exists());
    let mut checked = 0;
    for page in all
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let html = std::fs::read_to_string(page).unwrap();
        assert!(
            !html.contains("<script>"),
            "{}: text is escaped",
            page.display()
        );
        for link in links(&html) {
            assert!(
                !link.starts_with('/') && !link.contains("://"),
                "{}: {link} is not relative",
                page.display()
            );
            let target = page.parent().unwrap().join(&link);
            let mut resolved = PathBuf::new();
            for c in target.components() {
                match c {
                    std::path::Component::ParentDir => {
                        resolved.pop();
                    }
                    other => resolved.push(other),
                }
            }
            assert!(
                set.contains(&resolved),
                "{}: {link} leads to no file ({})",
                page.display(),
                resolved.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} links checked");
    for lang in ["", "en/"] {
        assert!(site.join(format!("{lang}index.html")).exists());
        assert!(site
            .join(format!(
                "{lang}plans/yamaguchi-industry-2022/indicators/i1.html"
            ))
            .exists());
    }
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("datapackage.json")).unwrap())
            .unwrap();
    let resources = package["resources"].as_array().unwrap();
    assert_eq!(resources.len(), 14 + 1, "one dataset per indicator");
    for r in resources {
        let csv = std::fs::read_to_string(site.join(r["path"].as_str().unwrap())).unwrap();
        assert!(csv.starts_with("\u{feff}period,fiscal_year,value"), "{csv}");
        let json = site.join(r["path"].as_str().unwrap().replace(".csv", ".json"));
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
        assert!(v["observations"].is_array());
    }
    let i5 = std::fs::read_to_string(site.join("plans/yamaguchi-industry-2022/indicators/i5.csv"))
        .unwrap();
    assert!(i5.contains("FY2021,2021,19.3,,%,final"), "{i5}");
}

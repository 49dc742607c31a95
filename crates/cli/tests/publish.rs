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

/// Every file under `dir`, by its path inside it, with its bytes and modification time.
fn tree(dir: &Path) -> std::collections::BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    files(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            let time = std::fs::metadata(&p).unwrap().modified().unwrap();
            (p.strip_prefix(dir).unwrap().to_path_buf(), (bytes, time))
        })
        .collect()
}

#[test]
fn publishing_again_rewrites_only_what_changed_and_equals_a_fresh_site() {
    let dir = scratch("publish-again");
    let db = format!("sqlite:{}", dir.join("p.db").display());
    let run = |args: &[&str]| bin::run_env(SHINCHOKU, args, &dir, &[("SHINCHOKU_DB", &db)]);
    let plan = repo().join("examples/yamaguchi-industry-2022.toml");
    ok(run(&["import", plan.to_str().unwrap()]));
    let site = dir.join("site");
    let publish = |to: &Path| out(&ok(run(&["publish", "--out", to.to_str().unwrap()])));
    assert!(publish(&site).contains("うち前回と同じ0件"));
    let first = tree(&site);

    // Nothing changed: every file is left as it was, its time included.
    std::thread::sleep(std::time::Duration::from_millis(50));
    let said = publish(&site);
    // The site's files, and beside them the list of them (`.shinchoku-site`).
    let pages = first.len() - 1;
    assert!(
        said.contains(&format!("{pages}ファイル、うち前回と同じ{pages}件")),
        "{said}"
    );
    assert_eq!(tree(&site), first);

    // One value changes: that indicator's files are written again, an untouched one's not.
    ok(run(&[
        "record",
        "--plan",
        "yamaguchi-industry-2022",
        "--indicator",
        "i5",
        "--period",
        "FY2021",
        "--value",
        "19.4",
    ]));
    std::thread::sleep(std::time::Duration::from_millis(50));
    publish(&site);
    let second = tree(&site);
    let i = |id: &str| PathBuf::from(format!("plans/yamaguchi-industry-2022/indicators/{id}"));
    for ext in ["csv", "json", "html"] {
        let p = i(&format!("i5.{ext}"));
        assert_ne!(second[&p].1, first[&p].1, "{} written again", p.display());
        assert_ne!(second[&p].0, first[&p].0);
        let p = i(&format!("i1.{ext}"));
        assert_eq!(second[&p], first[&p], "{} left as it was", p.display());
    }
    assert!(String::from_utf8_lossy(&second[&i("i5.csv")].0).contains("FY2021,2021,19.4,"));

    // The site published again is the site published afresh (the pages are drawn on several
    // threads, in no fixed order: each file's bytes must not depend on it).
    let fresh = dir.join("fresh");
    publish(&fresh);
    let bytes = |t: &std::collections::BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)>| {
        t.iter()
            .map(|(p, (b, _))| (p.clone(), b.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(bytes(&tree(&fresh)), bytes(&second));
}

#[test]
fn what_is_no_longer_published_is_removed_and_nothing_else() {
    let dir = scratch("publish-removed");
    let db = format!("sqlite:{}", dir.join("p.db").display());
    let run = |args: &[&str]| bin::run_env(SHINCHOKU, args, &dir, &[("SHINCHOKU_DB", &db)]);
    let plan = repo().join("examples/yamaguchi-industry-2022.toml");
    ok(run(&["import", plan.to_str().unwrap()]));
    std::fs::write(
        dir.join("small.toml"),
        "[plan]\ncode = \"small\"\ntitle = \"小さな計画\"\nperiod = \"FY2022-FY2026\"\n\n\
         [[indicators]]\nid = \"k1\"\nname = \"件数\"\nunit = \"件\"\nkind = \"level\"\n\
         observations = { FY2023 = 5 }\n",
    )
    .unwrap();
    ok(run(&["import", dir.join("small.toml").to_str().unwrap()]));
    let site = dir.join("site");
    ok(run(&["publish", "--out", site.to_str().unwrap()]));
    assert!(site.join("plans/small/indicators/k1.csv").exists());
    // What the site's owner keeps beside it stays, and a planted line cannot reach outside.
    std::fs::write(site.join("robots.txt"), "User-agent: *\n").unwrap();
    std::fs::write(site.join("plans/small/notes.txt"), "ours\n").unwrap();
    std::fs::write(dir.join("outside.txt"), "keep\n").unwrap();
    let manifest = site.join(".shinchoku-site");
    let mut list = std::fs::read_to_string(&manifest).unwrap();
    list.push_str("../outside.txt\n/etc/hostname\n");
    std::fs::write(&manifest, list).unwrap();

    let o = ok(run(&[
        "publish",
        "--out",
        site.to_str().unwrap(),
        "--plan",
        "yamaguchi-industry-2022",
    ]));
    // The small plan's index, page in two languages, CSV and JSON: 2 + 4 files.
    assert!(out(&o).contains("公開しなくなった6件を削除"), "{}", out(&o));
    assert!(!site.join("plans/small/indicators").exists());
    assert!(
        !site.join("en/plans/small").exists(),
        "an emptied folder goes"
    );
    assert!(site.join("plans/small/notes.txt").exists());
    assert!(site.join("robots.txt").exists());
    assert!(dir.join("outside.txt").exists());

    // What is left is the site of that plan alone, published afresh (and the owner's files).
    let fresh = dir.join("fresh");
    ok(run(&[
        "publish",
        "--out",
        fresh.to_str().unwrap(),
        "--plan",
        "yamaguchi-industry-2022",
    ]));
    std::fs::remove_file(site.join("robots.txt")).unwrap();
    std::fs::remove_file(site.join("plans/small/notes.txt")).unwrap();
    std::fs::remove_dir(site.join("plans/small")).unwrap();
    let bytes = |d: &Path| {
        tree(d)
            .into_iter()
            .map(|(p, (b, _))| (p, b))
            .collect::<Vec<_>>()
    };
    assert_eq!(bytes(&site), bytes(&fresh));
}

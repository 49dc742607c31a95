//! Generality check: hand-made documents in the shapes other governments publish.
//!
//! `tests/fixtures/general/NN-name.txt` are small made-up extracts (KPI tables, progress
//! reports, member lists, data tables, roadmaps, structure) written in the shapes observed in
//! other prefectures' and cities' published plans; each `NN-name.json` holds what the
//! extraction must yield, in the answer key's form (see the fixtures' README). Every fixture is
//! extracted, compared field by field with the same rules as `answer_key.rs` (names after NFKC
//! with whitespace, `*`/`※` marks, `【再掲】` and a trailing `(累計)` removed; a name that
//! contains the expected one also matches, but not one that starts with a list label), and all
//! mismatches of all fixtures are reported at once, grouped per fixture, with a pass count.
//! The plan's title, where it came from, its issuer and its code are checked too (the code as
//! `to_plan` derives it).
//! `GENERAL_SHAPES_DUMP=1 cargo test -p shinchoku-import --test general_shapes -- --nocapture`
//! also prints each fixture's extraction JSON.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use serde_json::Value;
use shinchoku_import::extract::extract;
use shinchoku_import::extract::to_plan::to_plan;
use shinchoku_testkit::answer_key::{name_matches, norm, same_number, unit_eq};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/general")
}

/// The fixture stems (`01-kpi-two-line-header`), sorted.
fn fixture_stems() -> Vec<String> {
    let mut stems: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures/general exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    stems.sort();
    stems
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

fn arr(v: &Value) -> Vec<Value> {
    v.as_array().cloned().unwrap_or_default()
}

/// The names of a list of extracted items, for "not found" messages.
fn names_of(items: &[Value], field: &str) -> String {
    let names: Vec<&str> = items.iter().map(|i| str_of(&i[field])).collect();
    format!("{names:?}")
}

// ---- the checks ----------------------------------------------------------------------------

/// Mismatches of one fixture.
#[derive(Default)]
struct Report(Vec<String>);

impl Report {
    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.0.push(what());
        }
    }

    fn push(&mut self, what: String) {
        self.0.push(what);
    }
}

fn check_plan(r: &mut Report, got: &Value, want: &Value) {
    for (key, field) in [
        ("plan_period", "period"),
        ("plan_as_of", "as_of"),
        ("members_as_of", "members_as_of"),
        ("plan_title", "title"),
        ("plan_title_from", "title_from"),
        ("plan_code", "code"),
        ("issuer", "issuer_name"),
        ("issuer_code", "issuer_code"),
    ] {
        // A list gives the accepted alternatives.
        let accepted = match want.get(key) {
            None | Some(Value::Null) => continue,
            Some(Value::Array(a)) => a.clone(),
            Some(w) => vec![w.clone()],
        };
        let g = &got["plan"][field];
        r.check(accepted.contains(g), || {
            format!(
                "plan.{field}: got {g}, expected {}",
                Value::Array(accepted.clone())
            )
        });
    }
}

fn check_indicators(r: &mut Report, got: &Value, want: &Value) {
    let all = arr(&got["indicators"]);
    if let Some(n) = want.get("indicator_count").and_then(Value::as_u64) {
        r.check(all.len() as u64 == n, || {
            format!(
                "indicator count: got {}, expected {n}; got names {}",
                all.len(),
                names_of(&all, "name")
            )
        });
    }
    for w in arr(&want["indicators"]) {
        check_indicator(r, &all, &w);
    }
}

fn check_indicator(r: &mut Report, all: &[Value], w: &Value) {
    let name = str_of(&w["name"]);
    let found: Vec<&Value> = all
        .iter()
        .filter(|g| name_matches(str_of(&g["name"]), name))
        .collect();
    let Some(g) = found.first() else {
        r.push(format!(
            "indicator {name:?}: not found; got names {}",
            names_of(all, "name")
        ));
        return;
    };
    let at = format!("indicator {name:?} (got name {:?})", str_of(&g["name"]));
    r.check(found.len() == 1, || {
        format!("{at}: {} indicators match, expected one", found.len())
    });
    let units: Vec<Value> = match w.get("units_accepted") {
        Some(Value::Array(a)) => a.clone(),
        _ => vec![w["unit"].clone()],
    };
    r.check(units.iter().any(|u| unit_eq(&g["unit"], u)), || {
        format!(
            "{at}: unit got {}, expected {}",
            g["unit"],
            Value::Array(units.clone())
        )
    });
    let kinds: Vec<&str> = match w.get("kinds_accepted") {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => vec![str_of(&w["kind"])],
    };
    r.check(kinds.contains(&str_of(&g["kind"])), || {
        format!("{at}: kind got {}, expected one of {kinds:?}", g["kind"])
    });
    // Comparator: absent means `exact`; null means not checked.
    match w.get("comparator") {
        Some(Value::Null) => {}
        c => {
            let c = c.and_then(Value::as_str).unwrap_or("exact");
            r.check(g["comparator"].as_str() == Some(c), || {
                format!("{at}: comparator got {}, expected {c:?}", g["comparator"])
            });
        }
    }
    if let Some(d) = w.get("direction").filter(|d| !d.is_null()) {
        r.check(&g["direction"] == d, || {
            format!("{at}: direction got {}, expected {d}", g["direction"])
        });
    }
    for side in ["baseline", "target"] {
        let (gs, ws) = (&g[side], &w[side]);
        r.check(same_number(&gs["value"], &ws["value"]), || {
            format!(
                "{at}: {side}.value got {}, expected {}",
                gs["value"], ws["value"]
            )
        });
        if !ws["period"].is_null() {
            r.check(gs["period"] == ws["period"], || {
                format!(
                    "{at}: {side}.period got {}, expected {}",
                    gs["period"], ws["period"]
                )
            });
        }
        if let Some(stat) = ws.get("stat").and_then(Value::as_str) {
            let got_stat = gs["stat"].as_str().unwrap_or("value");
            r.check(got_stat == stat, || {
                format!("{at}: {side}.stat got {got_stat:?}, expected {stat:?}")
            });
        }
        for key in ["note", "text"] {
            if let Some(words) = ws.get(key).and_then(Value::as_str) {
                r.check(
                    gs["note"]
                        .as_str()
                        .is_some_and(|n| norm(n).contains(&norm(words))),
                    || {
                        format!(
                            "{at}: {side}.note got {}, expected it to contain {words:?}",
                            gs["note"]
                        )
                    },
                );
            }
        }
    }
    if let Some(yearly) = w.get("yearly_targets").and_then(Value::as_object) {
        for (p, x) in yearly {
            let gv = &g["yearly_targets"][p];
            r.check(same_number(gv, x), || {
                format!(
                    "{at}: yearly_targets[{p}] got {gv}, expected {x} (got yearly_targets {})",
                    g["yearly_targets"]
                )
            });
        }
    }
}

fn check_progress(r: &mut Report, got: &Value, want: &Value) {
    let all = arr(&got["progress_entries"]);
    if let Some(n) = want.get("progress_count").and_then(Value::as_u64) {
        r.check(all.len() as u64 == n, || {
            format!(
                "progress entry count: got {}, expected {n}; got names {}",
                all.len(),
                names_of(&all, "name")
            )
        });
    }
    for w in arr(&want["progress_entries"]) {
        let name = str_of(&w["name"]);
        let Some(g) = all.iter().find(|g| name_matches(str_of(&g["name"]), name)) else {
            r.push(format!(
                "progress entry {name:?}: not found; got names {}",
                names_of(&all, "name")
            ));
            continue;
        };
        let at = format!("progress entry {name:?}");
        if w["kind"] == "milestone" {
            for f in ["actual_text", "target_text", "kind"] {
                r.check(g[f] == w[f], || {
                    format!("{at}: {f} got {}, expected {}", g[f], w[f])
                });
            }
        } else {
            for f in ["actual", "target"] {
                r.check(same_number(&g[f], &w[f]), || {
                    format!("{at}: {f} got {}, expected {}", g[f], w[f])
                });
            }
            if w.get("unit").is_some() {
                r.check(unit_eq(&g["unit"], &w["unit"]), || {
                    format!("{at}: unit got {}, expected {}", g["unit"], w["unit"])
                });
            }
        }
        for f in ["mark", "as_of", "comparator", "final_target"] {
            if let Some(x) = w.get(f) {
                let ok = if f == "final_target" {
                    same_number(&g[f], x)
                } else {
                    &g[f] == x
                };
                r.check(ok, || format!("{at}: {f} got {}, expected {x}", g[f]));
            }
        }
    }
}

fn check_members(r: &mut Report, got: &Value, want: &Value) {
    let all = arr(&got["members"]);
    if let Some(n) = want.get("member_count").and_then(Value::as_u64) {
        r.check(all.len() as u64 == n, || {
            format!(
                "member count: got {}, expected {n}; got names {}",
                all.len(),
                names_of(&all, "name")
            )
        });
    }
    for w in arr(&want["members"]) {
        let name = str_of(&w["name"]);
        let Some(g) = all.iter().find(|g| norm(str_of(&g["name"])) == norm(name)) else {
            r.push(format!(
                "member {name:?}: not found; got names {}",
                names_of(&all, "name")
            ));
            continue;
        };
        for f in ["organization", "position", "reading"] {
            let Some(x) = w.get(f) else { continue };
            let ok = match (g[f].as_str(), x.as_str()) {
                (Some(a), Some(b)) => norm(a) == norm(b),
                _ => g[f].is_null() && x.is_null(),
            };
            r.check(ok, || {
                format!("member {name:?}: {f} got {}, expected {x}", g[f])
            });
        }
    }
}

fn check_nodes(r: &mut Report, got: &Value, want: &Value) {
    let nodes = arr(&got["nodes"]);
    let by_title = |t: &str| nodes.iter().find(|n| norm(str_of(&n["title"])) == norm(t));
    for t in arr(&want["node_titles"]) {
        let t = str_of(&t);
        r.check(by_title(t).is_some(), || {
            format!(
                "node {t:?}: not found; got titles {}",
                names_of(&nodes, "title")
            )
        });
    }
    for w in arr(&want["node_parents"]) {
        let (t, p) = (str_of(&w["title"]), str_of(&w["parent"]));
        let Some(n) = by_title(t) else {
            continue; // already reported by node_titles when listed there
        };
        let parent = nodes.iter().find(|m| m["id"] == n["parent"]);
        let parent_title = parent.map(|m| str_of(&m["title"])).unwrap_or("(none)");
        r.check(norm(parent_title) == norm(p), || {
            format!("node {t:?}: parent got {parent_title:?}, expected {p:?}")
        });
    }
}

/// A roadmap row is checked by its span: the items whose title or group (the row heading)
/// contains the expected title are taken together (earliest start, latest end), so one item
/// per row and one item per cell are both read the same way.
fn check_roadmap(r: &mut Report, got: &Value, want: &Value) {
    let items = arr(&got["roadmap"]);
    for w in arr(&want["roadmap"]) {
        let t = str_of(&w["title"]);
        let row: Vec<&Value> = items
            .iter()
            .filter(|g| {
                norm(str_of(&g["title"])).contains(&norm(t))
                    || norm(str_of(&g["group"])).contains(&norm(t))
            })
            .collect();
        if row.is_empty() {
            r.push(format!(
                "roadmap item {t:?}: not found; got titles {}",
                names_of(&items, "title")
            ));
            continue;
        }
        let starts: Vec<&str> = row.iter().filter_map(|g| g["start"].as_str()).collect();
        let ends: Vec<&str> = row.iter().filter_map(|g| g["end"].as_str()).collect();
        let got_items: Vec<String> = row
            .iter()
            .map(|g| format!("{} {}..{}", str_of(&g["title"]), g["start"], g["end"]))
            .collect();
        for (f, got_value) in [
            ("start", starts.iter().min().copied()),
            ("end", ends.iter().max().copied()),
        ] {
            if let Some(x) = w.get(f).and_then(Value::as_str) {
                r.check(got_value == Some(x), || {
                    format!(
                        "roadmap item {t:?}: {f} got {got_value:?}, expected {x:?} (items: {})",
                        got_items.join("; ")
                    )
                });
            }
        }
    }
}

fn check_series(r: &mut Report, got: &Value, want: &Value) {
    let all = arr(&got["series"]);
    for w in arr(&want["series"]) {
        let name = str_of(&w["name"]);
        let same_name: Vec<&Value> = all
            .iter()
            .filter(|s| name_matches(str_of(&s["name"]), name))
            .collect();
        let values = w["values"].as_object().cloned().unwrap_or_default();
        let found = same_name
            .iter()
            .find(|s| values.iter().all(|(p, x)| same_number(&s["values"][p], x)));
        match found {
            None if same_name.is_empty() => r.push(format!(
                "series {name:?}: not found; got series names {}",
                names_of(&all, "name")
            )),
            None => {
                let got_values: Vec<String> =
                    same_name.iter().map(|s| s["values"].to_string()).collect();
                r.push(format!(
                    "series {name:?}: values expected {}, got {}",
                    w["values"],
                    got_values.join(" | ")
                ));
            }
            Some(s) => {
                if w.get("unit").is_some() {
                    r.check(unit_eq(&s["unit"], &w["unit"]), || {
                        format!(
                            "series {name:?}: unit got {}, expected {}",
                            s["unit"], w["unit"]
                        )
                    });
                }
            }
        }
    }
}

/// Extracts one fixture and lists every way it differs from its expected JSON.
fn run_fixture(stem: &str) -> Vec<String> {
    let dir = fixtures_dir();
    let file = format!("{stem}.txt");
    let bytes = std::fs::read(dir.join(&file)).unwrap();
    let want: Value = match std::fs::read_to_string(dir.join(format!("{stem}.json"))) {
        Err(e) => return vec![format!("{stem}.json: cannot be read: {e}")],
        Ok(t) => match serde_json::from_str(&t) {
            Err(e) => return vec![format!("{stem}.json: not valid JSON: {e}")],
            Ok(v) => v,
        },
    };
    let got = match catch_unwind(AssertUnwindSafe(|| extract(&bytes, &file))) {
        Err(_) => return vec!["extract panicked (see the panic message above)".to_owned()],
        Ok(Err(e)) => return vec![format!("extract failed: {e}")],
        Ok(Ok(ex)) => {
            let mut v = serde_json::to_value(&ex).unwrap();
            // What the plan is stored as: its code, and its issuer flattened for the checks.
            let plan = to_plan(&ex);
            v["plan"]["code"] = Value::from(plan.code.as_str());
            let issuer = plan.issuer.as_ref();
            v["plan"]["issuer_name"] = issuer.map_or(Value::Null, |i| Value::from(i.name.as_str()));
            v["plan"]["issuer_code"] = issuer
                .and_then(|i| i.code.as_deref())
                .map_or(Value::Null, Value::from);
            v
        }
    };
    if std::env::var_os("GENERAL_SHAPES_DUMP").is_some() {
        println!(
            "==== {file}\n{}",
            serde_json::to_string_pretty(&got).unwrap()
        );
    }
    let mut r = Report::default();
    check_plan(&mut r, &got, &want);
    check_indicators(&mut r, &got, &want);
    check_progress(&mut r, &got, &want);
    check_members(&mut r, &got, &want);
    check_nodes(&mut r, &got, &want);
    check_roadmap(&mut r, &got, &want);
    check_series(&mut r, &got, &want);
    r.0
}

#[test]
fn general_shapes() {
    let stems = fixture_stems();
    assert!(
        !stems.is_empty(),
        "no fixtures in {}",
        fixtures_dir().display()
    );
    let mut report = String::new();
    let mut passing = 0;
    let mut mismatches = 0;
    for stem in &stems {
        let problems = run_fixture(stem);
        if problems.is_empty() {
            passing += 1;
            writeln!(report, "ok   {stem}").unwrap();
        } else {
            mismatches += problems.len();
            writeln!(report, "FAIL {stem}: {} mismatches", problems.len()).unwrap();
            for p in &problems {
                writeln!(report, "       - {p}").unwrap();
            }
        }
    }
    let summary = format!(
        "{passing} of {} fixtures pass ({mismatches} mismatches in all)",
        stems.len()
    );
    println!("{report}\n{summary}");
    assert!(
        passing == stems.len(),
        "general shapes (tests/fixtures/general): {summary}\n{report}"
    );
}

/// Every fixture has its expected JSON, with an "about", and stays small.
#[test]
fn fixtures_are_well_formed() {
    for stem in fixture_stems() {
        let text = std::fs::read_to_string(fixtures_dir().join(format!("{stem}.txt")))
            .unwrap_or_else(|e| panic!("{stem}.txt is not UTF-8 text: {e}"));
        let lines = text.lines().count();
        assert!(
            (5..=40).contains(&lines),
            "{stem}.txt has {lines} lines (5-40 expected)"
        );
        let json = std::fs::read_to_string(fixtures_dir().join(format!("{stem}.json")))
            .unwrap_or_else(|e| panic!("{stem}.json missing: {e}"));
        let v: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{stem}.json: {e}"));
        assert!(
            v["about"].as_str().is_some_and(|a| !a.is_empty()),
            "{stem}.json has no \"about\""
        );
        assert!(
            v.get("plan_period").is_some(),
            "{stem}.json has no \"plan_period\" (null when the fixture states none)"
        );
    }
}

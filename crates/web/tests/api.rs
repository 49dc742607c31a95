//! The JSON API over HTTP from a real server on a fresh database (SQLite and PostgreSQL):
//! every route's status and shape, DESIGN.md's evaluation numbers digit for digit, the JSON
//! errors (404, 400), writes refused until accounts arrive (401, 403), and an OpenAPI
//! document that lists every route. That the API's evaluation equals `shinchoku evaluate
//! --format json` for every bundled plan is checked against the binary itself, in
//! crates/cli/tests/serve.rs.

#![allow(clippy::unwrap_used)]

mod common;

use common::{on_every_database, Server};
use serde_json::Value;
use shinchoku_core::plan::Plan;
use shinchoku_testkit::fixtures::{document, example_plan};
use shinchoku_testkit::http::{self, Response};

/// `GET path`, checked to be JSON with `status`.
fn get_json(s: &Server, path: &str, status: u16) -> Value {
    let r = s.get(path);
    assert_eq!(r.status, status, "{path}: {}", r.text());
    assert_eq!(r.header("content-type"), Some("application/json"), "{path}");
    r.json()
}

/// The body of an error: exactly `{"error": {"code", "message"}}`, with `code`.
fn assert_error(v: &Value, code: &str) {
    let obj = v.as_object().unwrap();
    assert_eq!(obj.len(), 1, "{v}");
    let e = v["error"].as_object().unwrap();
    assert_eq!(e.len(), 2, "{v}");
    assert_eq!(e["code"], code, "{v}");
    assert!(!e["message"].as_str().unwrap().is_empty(), "{v}");
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

/// A plan file's text read into a plan.
fn plan(text: &str) -> Plan {
    shinchoku_import::planfile::read_plan(text, "test.toml").unwrap()
}

#[test]
fn the_plan_list_gives_each_plan_its_counts_and_latest_year() {
    on_every_database(|s| {
        let empty = get_json(s, "/api/v1/plans", 200);
        assert_eq!(empty["total"], 0);
        assert_eq!(empty["plans"], Value::Array(Vec::new()));
        assert_eq!(empty["page"], 1);

        let p = example_plan("yamaguchi-industry-2022.toml");
        s.save(std::slice::from_ref(&p));
        let v = get_json(s, "/api/v1/plans", 200);
        assert_eq!(v["total"], 1);
        assert_eq!(v["pages"], 1);
        let item = &v["plans"][0];
        assert_eq!(
            keys(item),
            [
                "code",
                "grades",
                "href",
                "indicators",
                "issuer",
                "latest_fy",
                "nodes",
                "observations",
                "period",
                "title",
                "version"
            ]
        );
        assert_eq!(item["code"], p.code.as_str());
        assert_eq!(item["title"], p.title.as_str());
        assert_eq!(item["period"], "FY2022-FY2026");
        assert_eq!(item["issuer"]["name"], "山口県");
        assert_eq!(item["issuer"]["code"], "350001");
        assert_eq!(item["version"], 1);
        assert_eq!(item["nodes"], p.nodes.len());
        assert_eq!(item["indicators"], p.indicators.len());
        let stored: usize = p.indicators.iter().map(|pi| pi.observations.len()).sum();
        assert_eq!(item["observations"], stored);
        assert_eq!(item["latest_fy"], 2021);
        assert_eq!(item["href"], "/api/v1/plans/yamaguchi-industry-2022");
        let graded: u64 = item["grades"]
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum();
        assert_eq!(graded, p.indicators.len() as u64, "every indicator once");
        // The href answers.
        get_json(s, item["href"].as_str().unwrap(), 200);
        // A page past the last is empty, not an error.
        let past = get_json(s, "/api/v1/plans?page=2", 200);
        assert_eq!(past["plans"], Value::Array(Vec::new()));
        assert_eq!(past["total"], 1);
    });
}

#[test]
fn a_plan_answers_with_its_settings_tree_indicators_and_people() {
    on_every_database(|s| {
        let p = example_plan("yamaguchi-industry-2022.toml");
        s.save(std::slice::from_ref(&p));
        let v = get_json(s, "/api/v1/plans/yamaguchi-industry-2022", 200);
        assert_eq!(v["code"], "yamaguchi-industry-2022");
        assert_eq!(v["fiscal_year_start_month"], 4);
        assert_eq!(v["version"], 1);
        assert_eq!(v["latest_fy"], 2021);
        assert_eq!(v["actuals_from_lineage"], false);
        assert_eq!(v["grading"]["name"], "pace");
        let labels: Vec<&str> = v["grading"]["grades"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["label"].as_str().unwrap())
            .collect();
        assert_eq!(labels, ["A", "B", "C", "D"]);
        assert_eq!(v["grading"]["grades"][0]["name"], "達成");
        assert_eq!(v["nodes"].as_array().unwrap().len(), p.nodes.len());
        assert_eq!(
            v["organizations"].as_array().unwrap().len(),
            p.organizations.len()
        );
        assert_eq!(
            v["organizations"][0]["name"],
            p.organizations[0].name.as_str()
        );

        // Every indicator with its baseline, target and yearly targets, numbers as written.
        let inds = v["indicators"].as_array().unwrap();
        assert_eq!(inds.len(), p.indicators.len());
        for (json, pi) in inds.iter().zip(&p.indicators) {
            let ind = &pi.indicator;
            assert_eq!(json["id"], ind.id.as_str());
            assert_eq!(json["kind"], ind.kind.as_str());
            let yearly = json["yearly_targets"].as_array().unwrap();
            assert_eq!(yearly.len(), ind.yearly_targets.len(), "{json}");
            for (y, want) in yearly.iter().zip(&ind.yearly_targets) {
                assert_eq!(y["period"], want.period.to_string());
                assert_eq!(y["value"].to_string(), want.value.normalize().to_string());
            }
            match ind.target.as_ref().and_then(|t| t.value) {
                Some(t) => assert_eq!(
                    json["target"]["value"].to_string(),
                    t.normalize().to_string()
                ),
                None => assert!(json["target"].is_null() || json["target"]["value"].is_null()),
            }
            match ind.baseline.as_ref().and_then(|b| b.value) {
                Some(b) => assert_eq!(
                    json["baseline"]["value"].to_string(),
                    b.normalize().to_string()
                ),
                None => assert!(json["baseline"].is_null() || json["baseline"]["value"].is_null()),
            }
        }
        assert!(
            inds.iter()
                .any(|i| !i["yearly_targets"].as_array().unwrap().is_empty()),
            "the sample has yearly targets"
        );
    });
}

#[test]
fn nodes_and_indicators_are_listed_in_document_order() {
    on_every_database(|s| {
        let p = example_plan("yamaguchi-industry-2022.toml");
        s.save(std::slice::from_ref(&p));
        let nodes = get_json(s, "/api/v1/plans/yamaguchi-industry-2022/nodes", 200);
        assert_eq!(nodes["plan"], "yamaguchi-industry-2022");
        let ids: Vec<&str> = nodes["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap())
            .collect();
        let want: Vec<&str> = p.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, want);
        let first = &nodes["nodes"][0];
        assert_eq!(
            keys(first),
            [
                "body",
                "id",
                "indicators",
                "kind",
                "label",
                "marker",
                "old_title",
                "parent",
                "title"
            ]
        );
        // Every indicator hangs on the node that says it does.
        for pi in &p.indicators {
            let Some(node) = &pi.node else { continue };
            let n = nodes["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .find(|n| n["id"] == node.as_str())
                .unwrap();
            assert!(n["indicators"]
                .as_array()
                .unwrap()
                .contains(&Value::from(pi.indicator.id.as_str())));
        }

        let inds = get_json(s, "/api/v1/plans/yamaguchi-industry-2022/indicators", 200);
        let ids: Vec<&str> = inds["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap())
            .collect();
        let want: Vec<&str> = p
            .indicators
            .iter()
            .map(|pi| pi.indicator.id.as_str())
            .collect();
        assert_eq!(ids, want);
    });
}

/// DESIGN.md → Evaluation JSON: the design example's `i1` evaluated with `--fy 2024`, as
/// `shinchoku evaluate` prints it.
const DESIGN_I1_FY2024: &str = r#"{ "id": "i1", "name": "企業誘致件数", "kind": "period_total", "unit": "件",
      "value": 78, "target": 125, "achievement": 0.624, "progress": 0.624, "expected": 0.6,
      "pace": 1.04, "grade": "B", "forecast": 130, "required_pace": 23.5, "reasons": [] }"#;

#[test]
fn the_evaluation_is_design_md_s_example_digit_for_digit() {
    on_every_database(|s| {
        let p = example_plan("design-example.toml");
        s.save(std::slice::from_ref(&p));
        let v = get_json(
            s,
            "/api/v1/plans/yamaguchi-industry-2022/evaluation?fy=2024",
            200,
        );
        assert_eq!(
            keys(&v),
            ["fy", "grades", "indicators", "nodes", "plan", "score"]
        );
        // One B of a scheme A–D: two thirds of the way from the worst.
        assert_eq!(v["score"], serde_json::json!(66.7));
        assert_eq!(v["plan"], "yamaguchi-industry-2022");
        assert_eq!(v["fy"], 2024);
        // serde_json keeps the digits of both sides: 0.624 equals 0.624, never 0.6240.
        let want: Value = serde_json::from_str(DESIGN_I1_FY2024).unwrap();
        assert_eq!(v["indicators"][0], want);
        assert_eq!(v["grades"]["B"], 1);
        assert_eq!(v["grades"]["—"], 0);
        let nodes = v["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), p.nodes.len());
        assert_eq!(keys(&nodes[0]), ["grades", "id", "score", "title"]);
        assert_eq!(nodes[0]["score"], serde_json::json!(66.7));
        // d1 holds m1, which holds i1.
        assert_eq!(nodes[0]["id"], "d1");
        assert_eq!(nodes[0]["grades"]["B"], 1);

        // Without ?fy=, the latest year with an observation: the same answer here.
        let latest = get_json(s, "/api/v1/plans/yamaguchi-industry-2022/evaluation", 200);
        assert_eq!(latest, v);
        // Another year, another evaluation.
        let earlier = get_json(
            s,
            "/api/v1/plans/yamaguchi-industry-2022/evaluation?fy=2023",
            200,
        );
        assert_eq!(earlier["fy"], 2023);
        assert_eq!(earlier["indicators"][0]["value"].to_string(), "58");

        // The one indicator, with the same evaluation.
        let one = get_json(
            s,
            "/api/v1/plans/yamaguchi-industry-2022/indicators/i1",
            200,
        );
        assert_eq!(keys(&one), ["evaluation", "fy", "indicator", "plan"]);
        assert_eq!(one["fy"], 2024);
        assert_eq!(one["evaluation"], want);
        assert_eq!(one["indicator"]["target"]["period"], "FY2022-FY2026");
        assert_eq!(one["indicator"]["baseline"]["value"].to_string(), "25");
    });
}

#[test]
fn numbers_keep_all_their_digits() {
    on_every_database(|s| {
        s.save(&[plan(
            r#"[plan]
code = "digits"
title = "桁の計画"
period = "FY2022-FY2026"

[[indicators]]
id = "x"
name = "件数"
unit = "件"
kind = "level"
target = { value = 14, period = "FY2026" }
observations = { FY2024 = 1 }
"#,
        )]);
        let r = s.get("/api/v1/plans/digits/evaluation?fy=2024");
        assert_eq!(r.status, 200);
        let body = r.text();
        assert!(
            body.contains(r#""achievement":0.0714285714285714285714285714"#),
            "{body}"
        );
    });
}

#[test]
fn a_plan_without_observations_is_evaluated_in_the_current_year() {
    on_every_database(|s| {
        let mut p = example_plan("design-example.toml");
        for pi in &mut p.indicators {
            pi.observations.clear();
        }
        s.save(std::slice::from_ref(&p));
        let list = get_json(s, "/api/v1/plans", 200);
        assert_eq!(list["plans"][0]["latest_fy"], Value::Null);
        assert_eq!(list["plans"][0]["grades"]["—"], 1);
        // The test server's current fiscal year is 2024 (common::Server).
        let v = get_json(s, "/api/v1/plans/yamaguchi-industry-2022/evaluation", 200);
        assert_eq!(v["fy"], 2024);
        assert_eq!(v["indicators"][0]["grade"], "—");
        assert_eq!(v["indicators"][0]["value"], Value::Null);
        let one = get_json(
            s,
            "/api/v1/plans/yamaguchi-industry-2022/indicators/i1",
            200,
        );
        assert_eq!(one["fy"], Value::Null);
        assert_eq!(one["evaluation"], Value::Null);
    });
}

#[test]
fn a_fy_that_is_not_a_four_digit_year_is_a_400_with_a_json_error() {
    on_every_database(|s| {
        s.save(&[example_plan("design-example.toml")]);
        let base = "/api/v1/plans/yamaguchi-industry-2022/evaluation";
        for fy in ["abc", "999", "10000", "", "2024.5", "-2024", "2024x", "%FF"] {
            let v = get_json(s, &format!("{base}?fy={fy}"), 400);
            assert_error(&v, "bad_request");
        }
        let en = get_json(s, &format!("{base}?fy=abc&lang=en"), 400);
        assert_eq!(
            en["error"]["message"],
            "fy must be a fiscal year from 1000 to 9999."
        );
        for fy in ["1000", "9999"] {
            get_json(s, &format!("{base}?fy={fy}"), 200);
        }
        let v = get_json(s, "/api/v1/plans?page=0", 400);
        assert_error(&v, "bad_request");
        let v = get_json(s, "/api/v1/plans?page=x", 400);
        assert_error(&v, "bad_request");
    });
}

#[test]
fn an_unknown_plan_indicator_or_route_is_a_404_with_a_json_error() {
    on_every_database(|s| {
        s.save(&[example_plan("design-example.toml")]);
        for path in [
            "/api/v1/plans/no-such-plan",
            "/api/v1/plans/no-such-plan/nodes",
            "/api/v1/plans/no-such-plan/indicators",
            "/api/v1/plans/no-such-plan/indicators/i1",
            "/api/v1/plans/no-such-plan/indicators/i1/observations",
            "/api/v1/plans/no-such-plan/evaluation?fy=2024",
            "/api/v1/plans/yamaguchi-industry-2022/indicators/nope",
            "/api/v1/plans/yamaguchi-industry-2022/indicators/nope/observations",
            "/api/v1/plans/%E8%A8%88%E7%94%BB",
            "/api/v1/nothing/here",
            "/api/v2/plans",
        ] {
            let v = get_json(s, path, 404);
            assert_error(&v, "not_found");
        }
        let en = get_json(s, "/api/v1/plans/no-such-plan?lang=en", 404);
        assert_eq!(en["error"]["message"], "No such plan.");
        // A path that is not UTF-8 once decoded is a 400, in JSON too.
        let v = get_json(s, "/api/v1/plans/%FF", 400);
        assert_error(&v, "bad_request");
    });
}

fn post(s: &Server, headers: &[(&str, &str)], body: &str) -> Response {
    let mut h = vec![("content-type", "application/json")];
    h.extend_from_slice(headers);
    http::request(s.addr, "POST", "/api/v1/observations", &h, body.as_bytes())
}

#[test]
fn writing_answers_401_without_credentials_or_with_a_token_that_is_no_ones() {
    on_every_database(|s| {
        s.save(&[example_plan("design-example.toml")]);
        let body = r#"{"plan": "yamaguchi-industry-2022", "indicator": "i1", "period": "FY2025", "value": 40}"#;
        let r = post(s, &[], body);
        assert_eq!(r.status, 401);
        assert!(r.header("www-authenticate").unwrap().starts_with("Bearer"));
        assert_error(&r.json(), "unauthorized");
        let r = post(s, &[("authorization", "Bearer not-a-token")], body);
        assert_eq!(r.status, 401);
        assert_error(&r.json(), "unauthorized");
        let r = post(s, &[("authorization", "Basic eDp5")], body);
        assert_eq!(r.status, 401);
        // Credentials are checked before the body is read.
        let r = post(s, &[], "not json");
        assert_eq!(r.status, 401);
        // Nothing was written.
        let obs = get_json(
            s,
            "/api/v1/plans/yamaguchi-industry-2022/indicators/i1/observations",
            200,
        );
        assert_eq!(obs["observations"].as_array().unwrap().len(), 3);
    });
}

/// A plan of the FY2021–23 series that takes its actuals from later plans (as in
/// crates/cli/tests/lineage.rs).
const IOT_2021: &str = r#"[plan]
code = "iot-2021"
title = "IoT 導入の計画"
period = "FY2021-FY2023"
actuals_from_lineage = true

[[indicators]]
id = "iot"
name = "中小企業の IoT 導入率"
unit = "%"
kind = "level"
baseline = { value = 13.9, period = "FY2019" }
target = { value = 24, period = "FY2023" }
observations = { FY2020 = 15 }
"#;

#[test]
fn observations_have_their_status_and_borrowed_ones_name_their_origin() {
    on_every_database(|s| {
        let doc = document("004_af65ec13672d85be.txt");
        let ex = shinchoku_import::extract::extract(
            &std::fs::read(&doc).unwrap(),
            "004_af65ec13672d85be.txt",
        )
        .unwrap();
        let later = shinchoku_import::extract::to_plan::to_plan(&ex);
        s.save(&[plan(IOT_2021), later.clone()]);
        let v = get_json(s, "/api/v1/plans/iot-2021/indicators/iot/observations", 200);
        assert_eq!(keys(&v), ["indicator", "observations", "plan", "unit"]);
        assert_eq!(v["unit"], "%");
        let obs = v["observations"].as_array().unwrap();
        let own = obs.iter().find(|o| o["period"] == "FY2020").unwrap();
        assert_eq!(keys(own), ["as_of", "from", "period", "status", "value"]);
        assert_eq!(own["value"].to_string(), "15");
        assert_eq!(own["status"], "final");
        assert_eq!(own["from"], Value::Null, "its own value wins");
        let borrowed: Vec<&Value> = obs.iter().filter(|o| !o["from"].is_null()).collect();
        assert!(!borrowed.is_empty(), "{v:#}");
        for b in &borrowed {
            assert_eq!(b["from"]["plan"], later.code.as_str(), "{b}");
            assert!(b["from"]["indicator"].is_string());
            assert!(["observation", "baseline"].contains(&b["from"]["role"].as_str().unwrap()));
        }
        // The evaluation lists the borrowed values it read, as the command line does.
        let e = get_json(s, "/api/v1/plans/iot-2021/evaluation?fy=2021", 200);
        let list = e["indicators"][0]["borrowed"].as_array().unwrap();
        assert!(!list.is_empty(), "{e:#}");
        assert_eq!(list[0]["from"]["plan"], later.code.as_str());
        // A plan that borrows nothing has no `borrowed` key.
        let own = get_json(
            s,
            &format!("/api/v1/plans/{}/evaluation?fy=2022", later.code.as_str()),
            200,
        );
        assert!(own["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i.get("borrowed").is_none()));
    });
}

#[test]
fn the_api_shows_a_write_by_another_process_on_the_next_request() {
    on_every_database(|s| {
        let mut p = example_plan("design-example.toml");
        s.save(std::slice::from_ref(&p));
        let v = get_json(s, "/api/v1/plans/yamaguchi-industry-2022", 200);
        assert_eq!(v["version"], 1);
        p.title = "改定後の計画名".into();
        s.save(std::slice::from_ref(&p));
        let v = get_json(s, "/api/v1/plans/yamaguchi-industry-2022", 200);
        assert_eq!(v["title"], "改定後の計画名");
        assert_eq!(v["version"], 2);
    });
}

/// Every route of the API: (method, OpenAPI path, a concrete path that answers 2xx or the
/// documented error).
const ROUTES: [(&str, &str, &str); 9] = [
    ("get", "/api/v1/plans", "/api/v1/plans"),
    (
        "get",
        "/api/v1/plans/{code}",
        "/api/v1/plans/yamaguchi-industry-2022",
    ),
    (
        "get",
        "/api/v1/plans/{code}/nodes",
        "/api/v1/plans/yamaguchi-industry-2022/nodes",
    ),
    (
        "get",
        "/api/v1/plans/{code}/indicators",
        "/api/v1/plans/yamaguchi-industry-2022/indicators",
    ),
    (
        "get",
        "/api/v1/plans/{code}/indicators/{id}",
        "/api/v1/plans/yamaguchi-industry-2022/indicators/i1",
    ),
    (
        "get",
        "/api/v1/plans/{code}/indicators/{id}/observations",
        "/api/v1/plans/yamaguchi-industry-2022/indicators/i1/observations",
    ),
    (
        "get",
        "/api/v1/plans/{code}/evaluation",
        "/api/v1/plans/yamaguchi-industry-2022/evaluation?fy=2024",
    ),
    ("post", "/api/v1/observations", "/api/v1/observations"),
    ("post", "/api/v1/actuals", "/api/v1/actuals"),
];

/// Follows a local `$ref` (`#/components/schemas/Name`) in `doc`.
fn resolve<'a>(doc: &'a Value, r: &str) -> &'a Value {
    let name = r.strip_prefix("#/components/schemas/").unwrap();
    let found = &doc["components"]["schemas"][name];
    assert!(found.is_object(), "{r} resolves");
    found
}

/// Every `$ref` beneath `v`.
fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("$ref", Value::String(r)) => out.push(r),
                    _ => refs(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

#[test]
fn the_openapi_document_parses_and_lists_every_route() {
    on_every_database(|s| {
        s.save(&[example_plan("design-example.toml")]);
        let doc = get_json(s, "/api/openapi.json", 200);
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."), "{doc}");
        assert!(doc["info"]["title"].is_string());
        let paths = doc["paths"].as_object().unwrap();
        assert_eq!(
            paths.len(),
            ROUTES.len(),
            "{:?}",
            paths.keys().collect::<Vec<_>>()
        );
        for (method, path, concrete) in ROUTES {
            let op = &doc["paths"][path][method];
            assert!(op.is_object(), "{method} {path} documented");
            let ok = if method == "get" { "200" } else { "401" };
            let schema = &op["responses"][ok]["content"]["application/json"]["schema"];
            assert!(schema["$ref"].is_string(), "{method} {path}: {op}");
            // The documented route answers, with a documented status.
            let r = if method == "get" {
                s.get(concrete)
            } else {
                http::request(s.addr, "POST", concrete, &[], b"{}")
            };
            assert!(
                op["responses"][r.status.to_string()].is_object(),
                "{method} {concrete} answered {}",
                r.status
            );
        }
        let post = &doc["paths"]["/api/v1/observations"]["post"];
        for status in ["200", "401", "403", "404", "409", "422"] {
            assert!(post["responses"][status].is_object(), "POST {status}");
        }
        let body = &post["requestBody"]["content"]["application/json"]["schema"];
        let new = resolve(&doc, body["$ref"].as_str().unwrap());
        let mut required: Vec<&str> = new["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        required.sort_unstable();
        assert_eq!(required, ["indicator", "period", "plan", "value"]);
        assert!(post["security"][0]["bearer"].is_array());
        assert_eq!(
            doc["components"]["securitySchemes"]["bearer"]["scheme"],
            "bearer"
        );
        // Every reference resolves.
        let mut all = Vec::new();
        refs(&doc, &mut all);
        assert!(!all.is_empty());
        for r in all {
            resolve(&doc, r);
        }
    });
}

//! The pages, over HTTP from a real server on a fresh database (SQLite and PostgreSQL): what a
//! reader sees, the language, escaping, the security headers, and writes by another process.

#![allow(clippy::unwrap_used)]

mod common;

use common::on_every_database;
use shinchoku_testkit::fixtures::example_plan;

#[test]
fn an_empty_dashboard_says_how_to_start_with_the_security_headers() {
    on_every_database(|s| {
        let r = s.get("/");
        assert_eq!(r.status, 200);
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
        let body = r.text();
        assert!(body.contains("<html lang=\"ja\">"), "{body}");
        assert!(body.contains("計画はまだ登録されていません"), "{body}");
        let csp = r.header("content-security-policy").unwrap();
        assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"));
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(r.header("x-frame-options"), Some("DENY"));
        assert!(r.header("x-request-id").is_some_and(|id| id.len() == 8));
    });
}

#[test]
fn the_dashboard_lists_every_plan_and_links_to_it() {
    on_every_database(|s| {
        let a = example_plan("design-example.toml");
        let b = example_plan("yamaguchi-industry-2022.toml");
        s.save(&[a.clone(), b.clone()]);
        let body = s.get("/").text();
        for p in [&a, &b] {
            assert!(
                body.contains(&format!("href=\"/plans/{}\"", p.code.as_str())),
                "{body}"
            );
        }
        assert!(body.contains("令和"), "years carry their era: {body}");
        // Grades are told by letter and word, not colour alone.
        assert!(body.contains("badge-letter") && body.contains("badge-word"));
        let plan = s.get(&format!("/plans/{}", b.code.as_str()));
        assert_eq!(plan.status, 200);
        let plan = plan.text();
        for pi in &b.indicators {
            assert!(plan.contains(&pi.indicator.name), "{}", pi.indicator.name);
        }
    });
}

#[test]
fn english_by_query_is_remembered_in_a_cookie() {
    on_every_database(|s| {
        let r = s.get("/?lang=en");
        assert!(r.text().contains("<html lang=\"en\">"));
        let cookie = r.header("set-cookie").unwrap();
        assert!(
            cookie.starts_with("lang=en;") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        let again = s.get_with("/", &[("cookie", "lang=en")]).text();
        assert!(again.contains("<html lang=\"en\">") && again.contains("Dashboard"));
        assert!(
            s.get("/").text().contains("<html lang=\"ja\">"),
            "Japanese by default"
        );
    });
}

#[test]
fn a_plan_or_page_that_does_not_exist_is_a_404_in_the_readers_language() {
    on_every_database(|s| {
        let r = s.get("/plans/no-such-plan");
        assert_eq!(r.status, 404);
        assert!(r.text().contains("ページが見つかりません"));
        let r = s.get("/nothing/here?lang=en");
        assert_eq!(r.status, 404);
        assert!(r.text().contains("Page not found"));
    });
}

#[test]
fn titles_and_names_are_shown_as_text_never_as_markup() {
    on_every_database(|s| {
        let mut p = example_plan("design-example.toml");
        p.title = "<script>alert('title')</script>計画".into();
        p.indicators[0].indicator.name = "<img src=x onerror=alert(1)>指標".into();
        s.save(std::slice::from_ref(&p));
        for path in ["/".to_owned(), format!("/plans/{}", p.code.as_str())] {
            let body = s.get(&path).text();
            assert!(!body.contains("<script>alert"), "{path}: {body}");
            assert!(!body.contains("<img src=x"), "{path}");
            assert!(
                body.contains("&#60;script&#62;") || body.contains("&lt;script&gt;"),
                "{path}"
            );
        }
    });
}

#[test]
fn a_write_by_another_process_shows_on_the_next_request() {
    on_every_database(|s| {
        let mut p = example_plan("design-example.toml");
        s.save(std::slice::from_ref(&p));
        assert!(s.get("/").text().contains(&p.title));
        p.title = "改定後の計画名".into();
        s.save(std::slice::from_ref(&p));
        let body = s.get("/").text();
        assert!(body.contains("改定後の計画名"), "{body}");
        let plan = s.get(&format!("/plans/{}", p.code.as_str())).text();
        assert!(plan.contains("改定後の計画名"));
        // The latest changes name the plan.
        assert!(body.contains("最近の更新"));
    });
}

#[test]
fn the_plan_page_filters_by_grade_and_searches_by_name() {
    on_every_database(|s| {
        let p = example_plan("yamaguchi-industry-2022.toml");
        s.save(std::slice::from_ref(&p));
        let path = format!("/plans/{}", p.code.as_str());
        let all = s.get(&path).text();
        let total = p.indicators.len();
        assert!(all.contains(&format!("{total} / {total}")), "{all}");
        let first = &p.indicators[0].indicator.name;
        let q: String = first.chars().take(4).collect();
        let found = s.get(&format!("{path}?q={}", percent(&q))).text();
        assert!(found.contains(first.as_str()));
        let shown = p
            .indicators
            .iter()
            .filter(|pi| pi.indicator.name.contains(&q))
            .count();
        assert!(found.contains(&format!("{shown} / {total}")), "{found}");
        // A grade no indicator has: nothing shown, and the page says so.
        let none = s.get(&format!("{path}?grade=Z")).text();
        assert!(none.contains(&format!("0 / {total}")));
        assert!(none.contains("条件に合う指標はありません"));
    });
}

fn percent(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

#[test]
fn grades_are_counted_from_a_to_d_then_no_data() {
    on_every_database(|s| {
        let p = example_plan("yamaguchi-industry-2022.toml");
        s.save(std::slice::from_ref(&p));
        let body = s.get("/").text();
        let at = |l: &str| {
            body.find(&format!("<span class=\"badge-letter\">{l}</span>"))
                .unwrap_or_else(|| panic!("{l} in {body}"))
        };
        assert!(at("A") < at("B") && at("B") < at("C") && at("C") < at("D") && at("D") < at("—"));
    });
}

#[test]
fn a_plan_without_data_counts_each_nodes_own_indicators_as_no_data() {
    on_every_database(|s| {
        let mut p = example_plan("yamaguchi-industry-2022.toml");
        for pi in &mut p.indicators {
            pi.observations.clear();
        }
        s.save(std::slice::from_ref(&p));
        let body = s.get(&format!("/plans/{}", p.code.as_str())).text();
        let total = p.indicators.len();
        // The plan's own count is every indicator; no node counts more than it holds.
        for n in &p.nodes {
            let inside = p
                .indicators
                .iter()
                .filter(|pi| pi.node.as_deref().is_some_and(|at| p.is_within(at, &n.id)))
                .count();
            assert!(inside <= total);
        }
        let whole = format!("<span class=\"count\">{total}</span>");
        assert_eq!(
            body.matches(&whole).count(),
            1 + p
                .nodes
                .iter()
                .filter(|n| p
                    .indicators
                    .iter()
                    .filter(|pi| pi.node.as_deref().is_some_and(|at| p.is_within(at, &n.id)))
                    .count()
                    == total)
                .count(),
            "only the plan and nodes holding every indicator count {total}"
        );
    });
}

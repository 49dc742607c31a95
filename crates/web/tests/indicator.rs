//! The indicator page over HTTP from a real server on a fresh database (SQLite and
//! PostgreSQL): its chart, its observations with status and source (a value taken from
//! another plan naming that plan and its document), the workings of its grade, its history,
//! the language, escaping and 404s.

#![allow(clippy::unwrap_used)]

mod common;

use common::{on_every_database, Server};
use shinchoku_core::indicator::{Observation, ObservationStatus};
use shinchoku_core::period::Period;
use shinchoku_core::plan::Plan;
use shinchoku_core::Decimal;
use shinchoku_store::Store;
use shinchoku_testkit::db::{actor, runtime};
use shinchoku_testkit::fixtures::{document, example_plan};

/// The page of indicator `id` of `plan`.
fn path(plan: &Plan, id: &str) -> String {
    format!(
        "/plans/{}/indicators/{}",
        plan.code.as_str(),
        percent_unreserved(id)
    )
}

/// Every byte outside the unreserved set percent-encoded, as the pages write ids.
fn percent_unreserved(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A page's text with askama's escapes undone, to compare with what a reader sees.
fn unescape(body: &str) -> String {
    body.replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#38;", "&")
}

/// The page's text outside its inline SVG (whose own words are the chart's).
fn outside_chart(body: &str) -> String {
    match (body.find("<svg"), body.find("</svg>")) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &body[..a], &body[b..]),
        _ => body.to_owned(),
    }
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// Saves `plans` as `import` does, each written from its file.
fn save_from(s: &Server, plans: &[(Plan, &str)]) {
    let url = s.db.url.clone();
    let plans: Vec<(Plan, String)> = plans
        .iter()
        .map(|(p, f)| (p.clone(), (*f).to_owned()))
        .collect();
    runtime().block_on(async move {
        let store = Store::open(&url).await.unwrap();
        let mut tx = store.begin().await.unwrap();
        for (p, file) in &plans {
            tx.save_plan(p, &actor().with_source(file.as_str()))
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        store.close().await;
    });
}

/// A plan read from a published document, as `import` reads it.
fn from_document(file: &str) -> Plan {
    let bytes = std::fs::read(document(file)).unwrap();
    let ex = shinchoku_import::extract::extract(&bytes, file).unwrap();
    shinchoku_import::extract::to_plan::to_plan(&ex)
}

/// The issue-14 indicator: baseline 10.5 (FY2019), target 13.3 (FY2026), 10.7 in FY2020.
fn issue_14_plan(name: &str) -> Plan {
    let text = format!(
        "[plan]\ncode = \"issue-14\"\ntitle = \"例の計画\"\nperiod = \"FY2021-FY2026\"\n\n\
         [[nodes]]\nid = \"m1\"\nlabel = \"(1)\"\nkind = \"取組\"\ntitle = \"取組の例\"\n\n\
         [[indicators]]\nid = \"x1\"\nnode = \"m1\"\nname = \"{name}\"\nunit = \"%\"\nkind = \"level\"\n\
         baseline = {{ value = 10.5, period = \"FY2019\" }}\n\
         target = {{ value = 13.3, period = \"FY2026\" }}\n\
         observations = {{ FY2020 = 10.7 }}\n"
    );
    shinchoku_import::planfile::read_plan(&text, "issue-14.toml").unwrap()
}

#[test]
fn the_page_draws_the_chart_and_lists_the_observations_with_their_statuses() {
    on_every_database(|s| {
        // DESIGN.md's example plan, with a provisional and an estimated value added.
        let mut p = example_plan("design-example.toml");
        let fy = |y| Period::FiscalYear(y);
        p.indicators[0].observations.extend([
            Observation {
                status: ObservationStatus::Provisional,
                as_of: Some(Period::Month {
                    year: 2025,
                    month: 9,
                }),
                ..Observation::number(fy(2025), dec("12"))
            },
            Observation {
                status: ObservationStatus::Estimate,
                ..Observation::number(fy(2026), dec("25"))
            },
        ]);
        save_from(s, &[(p.clone(), "design-example.toml")]);
        let r = s.get(&path(&p, "i1"));
        assert_eq!(r.status, 200);
        let body = r.text();
        // The chart, inline, an image with its title.
        assert!(
            body.contains("<svg ") && body.contains("role=\"img\""),
            "{body}"
        );
        assert!(body.contains("<title>企業誘致件数の推移</title>"));
        let page = unescape(&outside_chart(&body));
        // The header: name, node (a link to the plan filtered by it), kind, target, the tabs
        // and the breadcrumb.
        assert!(page.contains("<h1>企業誘致件数</h1>"), "{page}");
        assert!(page.contains("href=\"/plans/yamaguchi-industry-2022?node=m1\""));
        assert!(page.contains("取組 (1) 戦略的な企業誘致の推進"));
        assert!(page.contains("期間計（期間内の各年度の実績の合計で評価）"));
        assert!(
            page.contains("125件（令和4年度～令和8年度（2022～2026年度））"),
            "{page}"
        );
        assert!(page.contains("25件（令和3年度（2021年度））"));
        assert!(page.contains("href=\"/plans/yamaguchi-industry-2022/roadmap\""));
        assert!(page.contains("<a href=\"/\">ダッシュボード</a>"));
        assert!(page.contains("<span aria-current=\"page\">企業誘致件数</span>"));
        // Every observation, with its status, in time order.
        let rows = [
            ("令和4年度（2022年度）", "30件", "確定"),
            ("令和5年度（2023年度）", "28件", "確定"),
            ("令和6年度（2024年度）", "20件", "確定"),
            ("令和7年度（2025年度）", "12件", "速報"),
            ("令和8年度（2026年度）", "25件", "見込"),
        ];
        let mut at = 0;
        for (period, value, status) in rows {
            let cell = format!("<th scope=\"row\" data-label=\"年度\">{period}</th>");
            let found = page[at..].find(&cell).map(|i| i + at);
            let i = found.unwrap_or_else(|| panic!("{period} after {at}: {page}"));
            let row = &page[i..i + page[i..].find("</tr>").unwrap()];
            assert!(row.contains(value) && row.contains(status), "{row}");
            at = i;
        }
        assert!(page.contains("令和7年9月（2025年9月）"), "the as-of month");
        // Each own value names the file it was written from.
        assert!(page.contains("取込元: design-example.toml"));
    });
}

#[test]
fn the_workings_fill_in_the_formula_and_name_the_rule_that_gave_the_grade() {
    on_every_database(|s| {
        let p = issue_14_plan("製造品出荷額の伸び率");
        s.save(std::slice::from_ref(&p));
        let page = unescape(&s.get(&path(&p, "x1")).text());
        assert!(
            page.contains("(A − B) / (T − B) = (10.7 − 10.5) / (13.3 − 10.5) = 7.1%"),
            "{page}"
        );
        assert!(page
            .contains("(t − t_B) / (t_T − t_B) = (2020 − 2019) / (2026 − 2019) = 1 / 7 = 14.3%"));
        assert!(page.contains(
            "= (10.7 − 10.5) × (2026 − 2019) / ((13.3 − 10.5) × (2020 − 2019)) = 1.4 / 2.8 = 0.5"
        ));
        assert!(page.contains("ペース 0.5 → C やや遅れ（0.5 ≤ ペース < 0.95）"));
        // The rule that applied, among all of the scheme's, marked in words.
        let applied = &page[page.find("<tr class=\"applied\">").unwrap()..];
        let applied = &applied[..applied.find("</tr>").unwrap()];
        assert!(
            applied.contains("ペース ≥ 0.5") && applied.contains("✓ 該当"),
            "{applied}"
        );
        assert!(applied.contains("badge-letter\">C<"));
        assert_eq!(page.matches("<tr class=\"applied\">").count(), 1);
        // The values compared.
        assert!(page.contains("2019（令和元年度（2019年度））"));
    });
}

#[test]
fn another_year_is_evaluated_on_request_and_the_plans_years_are_offered() {
    on_every_database(|s| {
        let p = example_plan("design-example.toml");
        s.save(std::slice::from_ref(&p));
        let base = path(&p, "i1");
        // By default the plan's latest year with data: FY2024, B.
        let page = unescape(&s.get(&base).text());
        assert!(page.contains(&format!(
            "<a href=\"{base}?fy=2024\" aria-current=\"page\">令和6年度（2024年度）</a>"
        )));
        for y in 2022..=2026 {
            assert!(page.contains(&format!("href=\"{base}?fy={y}\"")), "{y}");
        }
        assert!(page.contains("= 78 × 5 / (125 × 3) = 390 / 375 = 1.04"));
        // FY2023: 58 of 125 with two fifths of the window gone.
        let page = unescape(&s.get(&format!("{base}?fy=2023")).text());
        assert!(page.contains("評価年度: 令和5年度（2023年度）"), "{page}");
        assert!(page.contains("= 58 × 5 / (125 × 2) = 290 / 250 = 1.16"));
        // A year that is no number: the default.
        let page = unescape(&s.get(&format!("{base}?fy=soon")).text());
        assert!(page.contains("評価年度: 令和6年度（2024年度）"));
    });
}

#[test]
fn a_value_taken_from_another_plan_names_that_plan_and_its_document() {
    on_every_database(|s| {
        // The FY2021–23 plan (seed 001) follows its series; the FY2022–26 plan (seed 004)
        // prints the FY2021 value of the IoT rate.
        let mut p2021 = from_document("001_6ee9265e4fb6d746.txt");
        p2021.actuals_from_lineage = true;
        let p2022 = from_document("004_af65ec13672d85be.txt");
        save_from(
            s,
            &[
                (p2021.clone(), "001_6ee9265e4fb6d746.txt"),
                (p2022.clone(), "004_af65ec13672d85be.txt"),
            ],
        );
        let iot = &p2021
            .indicators
            .iter()
            .find(|pi| pi.indicator.name == "中小企業のIoT導入率")
            .unwrap()
            .indicator
            .id;
        let body = s.get(&path(&p2021, iot)).text();
        let page = unescape(&outside_chart(&body));
        let cell = "<th scope=\"row\" data-label=\"年度\">令和3年度（2021年度）</th>";
        let row = &page[page.find(cell).unwrap_or_else(|| panic!("{page}"))..];
        let row = &row[..row.find("</tr>").unwrap()];
        assert!(row.contains("19.3%"), "{row}");
        assert!(
            row.contains("<span class=\"tag borrowed\">他の計画の値</span>"),
            "{row}"
        );
        assert!(
            row.contains(&format!(
                "<a href=\"/plans/{}\">{}</a>（実績値）",
                p2022.code.as_str(),
                p2022.title
            )),
            "{row}"
        );
        assert!(row.contains("004_af65ec13672d85be.txt"), "{row}");
        // Graded with it: the FY2021 value against the FY2023 target.
        assert!(page.contains("(19.3 − 13.9) / (24 − 13.9)"), "{page}");
        // The other plan's line on the chart, named in its legend.
        assert!(body.contains("series-earlier"), "{body}");
        // English: the same mark in words.
        let en = unescape(&s.get(&format!("{}?lang=en", path(&p2021, iot))).text());
        assert!(en.contains("From another plan"));
        assert!(en.contains(" (actual value)"));
    });
}

#[test]
fn the_history_lists_every_change_newest_first() {
    on_every_database(|s| {
        let mut p = example_plan("design-example.toml");
        save_from(s, &[(p.clone(), "design-example.toml")]);
        p.indicators[0].observations[1] = Observation::number(Period::FiscalYear(2023), dec("29"));
        save_from(s, &[(p.clone(), "改定.toml")]);
        let page = unescape(&s.get(&path(&p, "i1")).text());
        let history = &page[page.find("id=\"history-heading\"").unwrap()..];
        let revised = history
            .find("28 → 29")
            .unwrap_or_else(|| panic!("{history}"));
        let first = history.find("→ 30").unwrap();
        assert!(revised < first, "the newest first: {history}");
        assert!(history.contains("実績値 令和5年度（2023年度）（修正）"));
        assert!(history.contains("改定.toml") && history.contains("design-example.toml"));
        assert!(history.contains("<td data-label=\"更新者\">test</td>"));
    });
}

#[test]
fn names_are_text_never_markup() {
    on_every_database(|s| {
        let mut p = issue_14_plan("<script>alert('name')</script>指標");
        p.title = "<script>alert('plan')</script>計画".into();
        p.nodes[0].title = "<img src=x onerror=alert(1)>".into();
        s.save(std::slice::from_ref(&p));
        let body = s.get(&path(&p, "x1")).text();
        assert!(!body.contains("<script>alert"), "{body}");
        assert!(!body.contains("<img src=x"), "{body}");
        assert!(body.contains("&#60;script&#62;") || body.contains("&lt;script&gt;"));
    });
}

#[test]
fn an_unknown_plan_or_indicator_is_a_404_in_the_readers_language() {
    on_every_database(|s| {
        let p = example_plan("design-example.toml");
        s.save(std::slice::from_ref(&p));
        for path in [
            "/plans/no-such-plan/indicators/i1".to_owned(),
            format!("/plans/{}/indicators/no-such", p.code.as_str()),
        ] {
            let r = s.get(&path);
            assert_eq!(r.status, 404, "{path}");
            assert!(r.text().contains("ページが見つかりません"), "{path}");
            let r = s.get(&format!("{path}?lang=en"));
            assert_eq!(r.status, 404, "{path}");
            assert!(r.text().contains("Page not found"), "{path}");
        }
    });
}

#[test]
fn ids_with_unusual_characters_are_linked_and_found() {
    on_every_database(|s| {
        let mut p = example_plan("yamaguchi-industry-2022.toml");
        let odd = "指標/1 (a)?#&";
        p.indicators[0].indicator.id = odd.into();
        s.save(std::slice::from_ref(&p));
        let plan_page = s.get(&format!("/plans/{}", p.code.as_str())).text();
        let href = path(&p, odd);
        assert!(
            plan_page.contains(&format!("href=\"{href}\"")),
            "{plan_page}"
        );
        let r = s.get(&href);
        assert_eq!(r.status, 200);
        assert!(r.text().contains(&p.indicators[0].indicator.name));
    });
}

#[test]
fn every_indicator_link_on_the_plan_page_opens_its_page() {
    on_every_database(|s| {
        let p = example_plan("yamaguchi-industry-2022.toml");
        s.save(std::slice::from_ref(&p));
        let plan_page = s.get(&format!("/plans/{}", p.code.as_str())).text();
        let prefix = format!("href=\"/plans/{}/indicators/", p.code.as_str());
        let links: Vec<&str> = plan_page
            .match_indices(&prefix)
            .map(|(i, _)| {
                let rest = &plan_page[i + 6..];
                &rest[..rest.find('"').unwrap()]
            })
            .collect();
        assert_eq!(links.len(), p.indicators.len(), "{plan_page}");
        for (link, pi) in links.iter().zip(&p.indicators) {
            let r = s.get(link);
            assert_eq!(r.status, 200, "{link}");
            let body = unescape(&r.text());
            assert!(
                body.contains(&format!("<h1>{}</h1>", pi.indicator.name)),
                "{link}"
            );
        }
    });
}

#[test]
fn the_page_reads_in_english() {
    on_every_database(|s| {
        let p = example_plan("design-example.toml");
        s.save(std::slice::from_ref(&p));
        let r = s.get(&format!("{}?lang=en", path(&p, "i1")));
        assert_eq!(r.status, 200);
        let page = unescape(&outside_chart(&r.text()));
        assert!(page.contains("<html lang=\"en\">"));
        for words in [
            "Evaluation and its workings",
            "period total (the sum of the yearly values in the window)",
            "Pace 1.04 → B on track (Pace ≥ 0.95)",
            "pace = progress ÷ expected = A × years in the window / (T × years so far)",
            "FY2022",
            "final",
            "History of changes",
            "Values by year",
        ] {
            assert!(page.contains(words), "{words}: {page}");
        }
        assert!(r
            .text()
            .contains("<title>企業誘致件数: values by fiscal year</title>"));
        // No Japanese labels of ours left (names and titles are the plan's own).
        for ja in ["評価と計算の内訳", "確定", "変更履歴", "比較する値"] {
            assert!(!page.contains(ja), "{ja}");
        }
    });
}

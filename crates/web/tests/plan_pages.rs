//! The plan's sub-pages over HTTP on both databases: the roadmap (Gantt chart and table), the
//! organisation (institutions × roles, committee members), the diff between versions, and the
//! printable progress report — with the sample documents' own data, in both languages, with
//! every text escaped.

#![allow(clippy::unwrap_used)]

mod common;

use common::{on_every_database, Server};
use rust_decimal::Decimal;
use shinchoku_core::plan::{Node, Plan, PlanCode};
use shinchoku_import::extract::{extract, to_plan::to_plan};
use shinchoku_testkit::fixtures::{document, example_plan};

/// 001: the FY2021–23 strategy, with a roadmap and the committee's members.
const PROJECTS_2021: &str = "001_6ee9265e4fb6d746.txt";
/// 002: the progress report of August 2019, `actual/target` per project.
const PROGRESS_2019: &str = "002_37690a6720ce00f4.txt";
/// 003: a revision list whose nodes carry 新 / 修正 markers.
const REVISION: &str = "003_37a24a92b93bc0eb.txt";
/// 004: the FY2022–26 plan, with a roadmap and the institutions × roles matrix.
const PLAN_2022: &str = "004_af65ec13672d85be.txt";

fn read(file: &str) -> Plan {
    let bytes = std::fs::read(document(file)).unwrap();
    to_plan(&extract(&bytes, file).unwrap())
}

fn page(s: &Server, plan: &Plan, tail: &str) -> String {
    let r = s.get(&format!("/plans/{}{tail}", plan.code.as_str()));
    assert_eq!(r.status, 200, "{tail}");
    r.text()
}

/// `&`, `<`, `>` and quotes as askama writes them, so a test can look for a plan's own text.
fn html(s: &str) -> String {
    s.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

#[test]
fn the_roadmap_is_a_gantt_chart_with_the_current_year_and_a_table_of_every_item() {
    on_every_database(|s| {
        let plan = read(PLAN_2022);
        assert!(plan.roadmap.len() > 100, "004 has its 工程表");
        s.save(std::slice::from_ref(&plan));
        let body = page(s, &plan, "/roadmap");
        assert!(
            body.contains("class=\"shinchoku-chart roadmap-gantt\""),
            "{body}"
        );
        // The test server's year is FY2024, inside the plan's FY2022–26: marked.
        assert!(body.contains("class=\"current-year\""), "{body}");
        assert!(body.contains("現在の年度: 令和6年度（2024年度）"));
        // The table: every item once as a row, with its measure and years in era form.
        assert_eq!(
            body.matches("<th scope=\"row\" data-label=\"取組\">")
                .count(),
            plan.roadmap.len()
        );
        let first = &plan.roadmap[0];
        assert!(body.contains(&html(&first.title)));
        let node = plan.node(first.node.as_deref().unwrap()).unwrap();
        assert!(body.contains(&html(&node.title)), "{}", node.title);
        assert!(body.contains("令和4年度（2022年度）") && body.contains("令和8年度（2026年度）"));
        // The plan's tabs, this one current, and the trail back.
        assert!(
            body.contains("/roadmap\" aria-current=\"page\">工程表</a>"),
            "{body}"
        );
        assert!(body.contains(&format!("href=\"/plans/{}\"", plan.code.as_str())));
        assert!(body.contains("aria-current=\"page\">工程表</span>"));
    });
}

#[test]
fn a_plan_without_a_roadmap_says_so_and_draws_nothing() {
    on_every_database(|s| {
        let plan = example_plan("design-example.toml");
        assert!(plan.roadmap.is_empty());
        s.save(std::slice::from_ref(&plan));
        let body = page(s, &plan, "/roadmap");
        assert!(body.contains("この計画には工程表がありません。"), "{body}");
        assert!(!body.contains("roadmap-gantt"));
        let en = page(s, &plan, "/roadmap?lang=en");
        assert!(en.contains("This plan has no roadmap."), "{en}");
    });
}

#[test]
fn the_organisation_page_shows_institutions_by_role_and_the_committee() {
    on_every_database(|s| {
        let p2022 = read(PLAN_2022);
        let p2021 = read(PROJECTS_2021);
        assert!(!p2022.organizations.is_empty() && !p2021.members.is_empty());
        s.save(&[p2022.clone(), p2021.clone()]);

        let body = page(s, &p2022, "/organizations");
        for role in [
            "創業支援",
            "成長支援",
            "技術支援",
            "事業活動支援",
            "経営基盤安定支援",
            "金融支援",
        ] {
            assert!(
                body.contains(&format!("<th scope=\"col\" class=\"mark\">{role}</th>")),
                "{role}"
            );
        }
        for o in &p2022.organizations {
            assert!(body.contains(&html(&o.name)), "{}", o.name);
        }
        // One ● per role an institution plays, each with a word for a screen reader.
        let marks: usize = p2022.organizations.iter().map(|o| o.roles.len()).sum();
        assert_eq!(
            body.matches("<span aria-hidden=\"true\">●</span>").count(),
            marks
        );
        assert_eq!(
            body.matches("<span class=\"visually-hidden\">該当</span>")
                .count(),
            marks
        );
        assert!(
            body.contains("この計画には委員名簿がありません。"),
            "004 lists no members"
        );

        let body = page(s, &p2021, "/organizations");
        for m in &p2021.members {
            assert!(body.contains(&html(&m.name)), "{}", m.name);
            assert!(body.contains(&html(m.reading.as_deref().unwrap())));
        }
        assert!(body.contains("安達 秀樹") && body.contains("株式会社トクヤマ"));
        assert!(body.contains("この計画には支援機関の記載がありません。"));

        let en = page(s, &p2022, "/organizations?lang=en");
        assert!(en.contains("Support institutions and their roles"));
        assert!(en.contains("<span class=\"visually-hidden\">yes</span>"));
    });
}

/// The example plan's second version: a measure retitled and one added, a target raised, an
/// indicator dropped and one added.
fn revised(v1: &Plan) -> Plan {
    let mut v2 = v1.clone();
    let m2 = v2.nodes.iter_mut().find(|n| n.id == "m2").unwrap();
    m2.title = "企業間連携の一層の促進".into();
    v2.nodes.push(Node {
        id: "m20".into(),
        parent: Some("d1".into()),
        label: Some("(20)".into()),
        kind: Some("取組".into()),
        title: "スタートアップの創出".into(),
        ..Node::default()
    });
    let target = v2.indicators[0].indicator.target.as_mut().unwrap();
    target.value = Some(Decimal::from(150));
    let dropped = v2.indicators.pop().unwrap();
    let mut added = dropped.clone();
    added.indicator.id = "new1".into();
    added.indicator.name = "スタートアップ創出件数".into();
    added.indicator.unit = "社".into();
    added.series_key = None;
    added.observations.clear();
    added.node = Some("m20".into());
    v2.indicators.push(added);
    v2
}

#[test]
fn the_diff_groups_what_a_second_version_added_changed_and_removed() {
    on_every_database(|s| {
        let v1 = example_plan("yamaguchi-industry-2022.toml");
        s.save(std::slice::from_ref(&v1));
        let one = page(s, &v1, "/diff");
        assert!(one.contains("比較できる版はまだありません"), "{one}");

        let v2 = revised(&v1);
        s.save(std::slice::from_ref(&v2));
        let body = page(s, &v1, "/diff");
        assert!(body.contains("第1版 → 第2版"), "{body}");
        let section = |id: &str| {
            let start = body.find(&format!("id=\"diff-{id}\"")).unwrap();
            let end = body[start..].find("</section>").unwrap();
            body[start..start + end].to_owned()
        };
        let added = section("added");
        assert!(added.contains(">新<"), "{added}");
        assert!(added.contains("(20) スタートアップの創出"), "{added}");
        assert!(added.contains("スタートアップ創出件数（社）"), "{added}");
        let changed = section("changed");
        assert!(changed.contains(">修正<"));
        assert!(
            changed.contains("名称 企業間連携の促進 → 企業間連携の一層の促進"),
            "{changed}"
        );
        let first = &v1.indicators[0].indicator;
        assert!(changed.contains(&html(&first.name)));
        assert!(changed.contains("目標値 125件 → 150件"), "{changed}");
        let removed = section("removed");
        assert!(removed.contains(">削除<"));
        let dropped = &v1.indicators.last().unwrap().indicator;
        assert!(removed.contains(&html(&dropped.name)), "{removed}");

        // The chooser offers both versions; from=2&to=2 compares a version with itself.
        assert!(
            body.contains("<option value=\"1\" selected>第1版"),
            "{body}"
        );
        assert!(body.contains("<option value=\"2\" selected>第2版"));
        let same = page(s, &v1, "/diff?from=2&to=2");
        assert!(same.contains("二つの版の間に変更はありません。"), "{same}");
        // A version that is not stored, or not a number, falls back to the default.
        let odd = page(s, &v1, "/diff?from=9&to=x");
        assert!(odd.contains("第1版 → 第2版"));
        // Reversed: what version 1 has that version 2 lacks is new from 2's side.
        let back = page(s, &v1, "/diff?from=2&to=1");
        assert!(back.contains("第2版 → 第1版"));

        let en = page(s, &v1, "/diff?lang=en");
        assert!(en.contains("version 1 → version 2"), "{en}");
        assert!(en.contains("target 125件 → 150件"), "{en}");
        assert!(en.contains(">New<") && en.contains(">Changed<") && en.contains(">Removed<"));
    });
}

#[test]
fn the_diff_lists_the_revisions_the_document_marks_itself() {
    on_every_database(|s| {
        let plan = read(REVISION);
        let marked = shinchoku_core::diff::marked(&plan);
        assert!(marked.len() > 5, "003 marks its revisions");
        s.save(std::slice::from_ref(&plan));
        let body = page(s, &plan, "/diff");
        assert!(body.contains("比較できる版はまだありません"));
        assert!(body.contains("文書に示された改訂（新・修正・再掲）"));
        assert!(
            body.contains("<span class=\"diff-mark\">新</span>"),
            "{body}"
        );
        assert!(
            body.contains("<span class=\"diff-mark\">修正</span>"),
            "{body}"
        );
        for m in &marked {
            assert!(
                body.contains(&html(&m.node.display())),
                "{}",
                m.node.display()
            );
        }
        let en = page(s, &plan, "/diff?lang=en");
        assert!(en.contains("<span class=\"diff-mark\">new</span>"));
    });
}

#[test]
fn the_progress_report_prints_actual_over_target_per_project_as_002_does() {
    on_every_database(|s| {
        let plan = read(PROGRESS_2019);
        s.save(std::slice::from_ref(&plan));
        let body = page(s, &plan, "/report");
        assert!(
            body.contains("進捗報告 <span class=\"report-year\">令和元年度（2019年度）</span>"),
            "{body}"
        );
        // The figures as the document prints them, each dated.
        for figure in [
            "11回/30回",
            "3.2km/3.9km",
            "42件/75件",
            "10.1%/16%",
            "実施中/実現",
            "78社/50社",
        ] {
            assert!(
                body.contains(&format!("<span class=\"figure\">{figure}</span>")),
                "{figure}: {body}"
            );
        }
        assert!(body.contains(
            "<span class=\"figure\">42件/75件</span><span class=\"as-of\">（R1.8）</span>"
        ));
        assert!(body.contains(
            "<span class=\"figure\">78社/50社</span><span class=\"as-of\">（R1.7）</span>"
        ));
        assert!(body.contains(
            "<span class=\"figure\">67億円/115億円</span><span class=\"as-of\">（H30）</span>"
        ));
        // Under each project, in the document's order, with its ▼ parts.
        let p1 = body.find("① 瀬戸内産業競争力・生産性強化").unwrap();
        let p3 = body.find("③ 大規模産業用地活用促進").unwrap();
        let figure = body.find("42件/75件").unwrap();
        assert!(p1 < p3 && p3 < figure);
        assert!(body.contains("<li>▼ 港湾の機能強化</li>"), "{body}");
        // Achievement and grade beside each figure; the grades summed at the top.
        assert!(body.contains("56.0%"), "42 / 75");
        assert!(body.contains("評価の概要") && body.contains("指標数: 17"));
        assert!(body.contains("class=\"gradecounts\""));
        // For print: the hint, and the title and year repeated at the top of every page.
        assert!(body.contains("Ctrl+P"));
        assert!(body.contains("<tr class=\"running-head\"><th colspan=\"2\">産業戦略プロジェクトの進捗状況について（令和元年8月）　進捗報告　令和元年度（2019年度）</th></tr>"), "{body}");

        let en = page(s, &plan, "/report?lang=en");
        assert!(en.contains("Progress report") && en.contains("FY2019"));
        assert!(
            en.contains(
                "<span class=\"figure\">42件/75件</span><span class=\"as-of\"> (Aug 2019)</span>"
            ),
            "{en}"
        );
    });
}

#[test]
fn the_report_of_a_plan_file_takes_its_year_from_the_query() {
    on_every_database(|s| {
        let plan = example_plan("design-example.toml");
        s.save(std::slice::from_ref(&plan));
        // FY2024, its latest year: the window's sum so far, 30 + 28 + 20.
        let body = page(s, &plan, "/report");
        assert!(
            body.contains(
                "<span class=\"figure\">78件/125件</span><span class=\"as-of\">（R6）</span>"
            ),
            "{body}"
        );
        assert!(body.contains("62.4%"));
        assert!(body.contains("(1) 戦略的な企業誘致の推進") && body.contains("1 産業基盤の整備"));
        // The roll-up score beside the grades: one B of A–D.
        assert!(
            body.contains("<p class=\"grade-score\">スコア 66.7"),
            "{body}"
        );
        assert!(page(s, &plan, "").contains("<p class=\"grade-score\">スコア 66.7"));
        let fy2022 = page(s, &plan, "/report?fy=2022");
        assert!(
            fy2022.contains(
                "<span class=\"figure\">30件/125件</span><span class=\"as-of\">（R4）</span>"
            ),
            "{fy2022}"
        );
        assert!(fy2022.contains("<option value=\"2022\" selected>"));
        // Not a year: the latest.
        assert!(page(s, &plan, "/report?fy=abc").contains("78件/125件"));
    });
}

#[test]
fn every_sub_page_of_an_unknown_plan_is_a_404() {
    on_every_database(|s| {
        for tail in ["roadmap", "organizations", "diff", "report"] {
            let r = s.get(&format!("/plans/no-such-plan/{tail}"));
            assert_eq!(r.status, 404, "{tail}");
            assert!(r.text().contains("ページが見つかりません"));
            let r = s.get(&format!("/plans/no-such-plan/{tail}?lang=en"));
            assert!(r.text().contains("Page not found"));
        }
    });
}

#[test]
fn names_on_every_sub_page_are_shown_as_text_never_as_markup() {
    on_every_database(|s| {
        let mut p = read(PROGRESS_2019);
        p.code = PlanCode::new("escaping").unwrap();
        p.title = "<script>alert('title')</script>計画".into();
        p.indicators[0].indicator.name = "<img src=x onerror=alert(1)>指標".into();
        p.indicators[0].indicator.unit = "<b>件</b>".into();
        p.nodes[0].title = "<script>alert('node')</script>".into();
        p.roadmap.push(shinchoku_core::plan::RoadmapItem {
            title: "<script>alert('item')</script>".into(),
            node: Some(p.nodes[0].id.clone()),
            ..Default::default()
        });
        p.organizations.push(shinchoku_core::plan::Organization {
            name: "<script>alert('org')</script>".into(),
            roles: vec!["<i>役割</i>".into()],
        });
        p.members.push(shinchoku_core::plan::Member {
            name: "<script>alert('member')</script>".into(),
            ..Default::default()
        });
        s.save(std::slice::from_ref(&p));
        let mut v2 = p.clone();
        v2.indicators[1].indicator.name = "<script>alert('v2')</script>".into();
        s.save(std::slice::from_ref(&v2));
        for tail in ["/roadmap", "/organizations", "/diff", "/report"] {
            let body = page(s, &p, tail);
            assert!(!body.contains("<script>"), "{tail}: {body}");
            assert!(!body.contains("<img src=x"), "{tail}");
            assert!(
                !body.contains("<b>件") && !body.contains("<i>役割"),
                "{tail}"
            );
            assert!(body.contains("&#60;script&#62;alert"), "{tail}");
        }
    });
}

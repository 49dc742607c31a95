//! The evaluation round in the web application, on SQLite and on PostgreSQL: what each person
//! owes, an item's page with the factual draft to edit, submission with and without the
//! explanation an item needs, a return with its reason, confirmation; 403 outside one's stage
//! or department, 409 on a confirmed item before rights are checked, the forms' tokens; the
//! e-mail to the editor when an item is returned; the 評価シート as a page and a workbook.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers

mod common;

use common::accounts::{as_session, setup, store_do, Who, PLAN_CODE};
use common::Server;
use shinchoku_core::indicator::{ObservationStatus, ObservedValue};
use shinchoku_core::quantity::Unit;
use shinchoku_store::{Actor, Figures, NewRound, ObservationWrite};
use shinchoku_testkit::db::databases;
use shinchoku_testkit::smtp::{body, sink};
use shinchoku_web::mail::Relay;
use shinchoku_web::round::LoadedRound;
use shinchoku_web::Options;

const FORM: &str = "application/x-www-form-urlencoded";
const ITEM: &str = "/plans/rights-plan/rounds/2024/items/i1";

fn pct(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

fn open_round(s: &Server) {
    store_do(&s.db.url, |store| {
        Box::pin(async move {
            let ids: Vec<String> = ["i1", "i3", "i2"].map(str::to_owned).to_vec();
            store
                .open_round(
                    &NewRound {
                        code: PLAN_CODE,
                        fy: 2024,
                        due: "2025-06-30",
                        stages: "self,first",
                        first_stage: "self",
                        indicators: &ids,
                    },
                    &Actor::new("admin1"),
                )
                .await
                .unwrap();
        })
    });
}

fn post(
    s: &Server,
    who: Who,
    path: &str,
    fields: &[(&str, &str)],
) -> shinchoku_testkit::http::Response {
    let mut body = format!("csrf={}", who.csrf());
    for (k, v) in fields {
        body.push_str(&format!("&{k}={}", pct(v)));
    }
    as_session(s, who, "POST", path, Some(FORM), &body)
}

/// The text of the textarea with id `id` in `page`.
fn textarea(page: &str, id: &str) -> String {
    let start = page.find(&format!("id=\"{id}\"")).unwrap();
    let open = page[start..].find('>').unwrap() + start + 1;
    let close = page[open..].find("</textarea>").unwrap() + open;
    page[open..close].to_owned()
}

#[test]
fn a_round_in_the_browser_pages_from_draft_to_confirmation() {
    for db in databases() {
        eprintln!("on {}", db.label);
        let (relay, mailed) = sink();
        let s = Server::start_with(
            db,
            Options {
                public: true,
                today_fy: Some(2024),
                mail: Some(Relay {
                    address: relay.clone(),
                    from: "kikaku@example.lg.jp".into(),
                }),
            },
        );
        setup(&s);
        open_round(&s);
        // Internal even on a public server.
        assert_eq!(
            as_session(&s, Who::Nobody, "GET", "/rounds", None, "").status,
            303
        );
        let owed = as_session(&s, Who::Own, "GET", "/rounds", None, "").text();
        assert!(
            owed.contains("企業誘致件数") && owed.contains("令和7年（2025年）6月30日"),
            "{owed}"
        );
        assert!(!owed.contains("観光客数"), "another department's item");
        let round = as_session(
            &s,
            Who::Viewer,
            "GET",
            "/plans/rights-plan/rounds/2024",
            None,
            "",
        );
        assert_eq!(round.status, 200);
        assert_eq!(
            as_session(
                &s,
                Who::Own,
                "GET",
                "/plans/rights-plan/rounds/2031",
                None,
                ""
            )
            .status,
            404
        );

        // The item needs an explanation (behind its path): the draft is there to edit.
        let page = as_session(&s, Who::Own, "GET", ITEM, None, "").text();
        let draft = textarea(&page, "round-cause");
        assert!(
            draft.contains("令和6年度（2024年度）の実績値は30件"),
            "{draft}"
        );
        let draft = draft
            .replace("&#40;", "(")
            .replace("&#41;", ")")
            .replace("&#60;", "<");
        // Other departments and other stages may not act.
        for who in [Who::Other, Who::Viewer, Who::Planner] {
            let r = post(
                &s,
                who,
                &format!("{ITEM}/submit"),
                &[("cause", "x"), ("next", "y")],
            );
            assert_eq!(r.status, 403, "{who:?}");
        }
        let r = post(
            &s,
            Who::Own,
            &format!("{ITEM}/submit"),
            &[("cause", ""), ("next", "")],
        );
        assert_eq!(r.status, 422);
        assert!(r.text().contains("要因分析"), "{}", r.text());
        let r = post(
            &s,
            Who::Own,
            &format!("{ITEM}/submit"),
            &[("cause", &draft), ("next", "説明会を増やす")],
        );
        assert_eq!(r.status, 422, "the draft as written");
        let cause = format!("{draft}景気の後退で引き合いが減った。");
        let r = post(
            &s,
            Who::Own,
            &format!("{ITEM}/submit"),
            &[("cause", &cause), ("next", "説明会を増やす")],
        );
        assert_eq!(r.status, 303, "{}", r.text());
        // The forms need their token.
        let r = as_session(
            &s,
            Who::Planner,
            "POST",
            &format!("{ITEM}/return"),
            Some(FORM),
            "reason=x",
        );
        assert_eq!(r.status, 403);
        // Returned by the planning office, then submitted again and confirmed.
        let r = post(&s, Who::Own, &format!("{ITEM}/return"), &[("reason", "x")]);
        assert_eq!(r.status, 403, "not the editor's to return");
        let r = post(
            &s,
            Who::Planner,
            &format!("{ITEM}/return"),
            &[("reason", "")],
        );
        assert_eq!(r.status, 422, "a reason is needed");
        let r = post(
            &s,
            Who::Planner,
            &format!("{ITEM}/return"),
            &[("reason", "根拠資料を添付してください")],
        );
        assert_eq!(r.status, 303);
        let page = as_session(&s, Who::Own, "GET", ITEM, None, "").text();
        assert!(
            page.contains("差戻し") && page.contains("根拠資料を添付してください"),
            "{page}"
        );
        // The server has a relay: the owning department's editor is told at once.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while mailed.lock().unwrap().is_empty() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let got = mailed.lock().unwrap().clone();
        assert_eq!(
            got.iter().map(|m| m.rcpt.as_str()).collect::<Vec<_>>(),
            ["own-editor@example.lg.jp"]
        );
        let text = body(&got[0].data);
        assert!(
            text.contains("根拠資料を添付してください") && text.contains("企業誘致件数"),
            "{text}"
        );
        assert!(
            textarea(&page, "round-cause").contains("景気の後退"),
            "the words are kept"
        );
        let r = post(
            &s,
            Who::Own,
            &format!("{ITEM}/submit"),
            &[("cause", &cause), ("next", "説明会を増やす")],
        );
        assert_eq!(r.status, 303);
        let r = post(
            &s,
            Who::Planner,
            &format!("{ITEM}/submit"),
            &[("comment", "了承")],
        );
        assert_eq!(r.status, 303);
        let page = as_session(&s, Who::Viewer, "GET", ITEM, None, "").text();
        assert!(page.contains("<dd id=\"item-state\">確定</dd>"), "{page}");
        // Confirmed: 409 whoever asks, before rights are checked.
        for who in [Who::Viewer, Who::Own, Who::Admin] {
            let r = post(&s, who, &format!("{ITEM}/submit"), &[]);
            assert_eq!(r.status, 409, "{who:?}");
        }

        // Closed (as `round close --force` closes it), the year's report is the round's record:
        // a value revised later changes today's report, not the record.
        let report = "/plans/rights-plan/report?fy=2024";
        let before = s.get(report).text();
        assert!(!before.contains("report-recorded"), "the round is open");
        store_do(&s.db.url, |store| {
            Box::pin(async move {
                let l = LoadedRound::load(&store, PLAN_CODE, 2024)
                    .await
                    .unwrap()
                    .unwrap();
                let unconfirmed: Vec<String> = l
                    .round
                    .items
                    .iter()
                    .filter(|i| i.state != "confirmed")
                    .map(|i| i.indicator.clone())
                    .collect();
                let frozen: Vec<(String, Figures)> = unconfirmed
                    .iter()
                    .filter_map(|id| l.index(id).map(|at| (id.clone(), l.figures(at))))
                    .collect();
                store
                    .close_round(
                        PLAN_CODE,
                        2024,
                        &unconfirmed,
                        &frozen,
                        &l.series(),
                        &Actor::new("admin1"),
                    )
                    .await
                    .unwrap();
            })
        });
        let recorded = s.get(report).text();
        assert!(recorded.contains("id=\"report-recorded\""), "{recorded}");
        assert!(recorded.contains(">30件/125件<"), "{recorded}");
        store_do(&s.db.url, |store| {
            Box::pin(async move {
                store
                    .record(
                        &ObservationWrite {
                            plan: PLAN_CODE.into(),
                            indicator: "i1".into(),
                            period: "FY2024".parse().unwrap(),
                            breakdown: String::new(),
                            value: Some(ObservedValue::Number(77.into())),
                            unit: Unit::default(),
                            status: ObservationStatus::Final,
                            as_of: None,
                            source: None,
                            note: None,
                            expected_version: None,
                        },
                        &Actor::new("admin1"),
                    )
                    .await
                    .unwrap();
            })
        });
        assert_eq!(s.get(report).text(), recorded, "the record does not move");
        let live = s.get(&format!("{report}&live=1")).text();
        assert!(!live.contains("report-recorded"), "{live}");
        // The same report downloads as CSV (the record, with a BOM), Markdown and a workbook.
        let csv = s.get("/plans/rights-plan/report.csv?fy=2024");
        assert_eq!(csv.status, 200);
        assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
        let text = csv.text();
        assert!(
            text.starts_with('\u{feff}') && text.contains(",30,"),
            "{text}"
        );
        let md = s.get("/plans/rights-plan/report.md?fy=2024").text();
        assert!(
            md.contains("締切時の記録") && md.contains("30件/125件"),
            "{md}"
        );
        assert!(s
            .get("/plans/rights-plan/report.xlsx")
            .body
            .starts_with(b"PK"));
        assert_eq!(s.get("/plans/no-such-plan/report.csv").status, 404);
        assert!(
            !live.contains(">30件/") && live.contains("件/125件"),
            "today's value: {live}"
        );

        // The 評価シート: a printable page (its stylesheet linked, no inline style under the
        // Content-Security-Policy) and a workbook, for anyone signed in; one node or all.
        let sheet = "/plans/rights-plan/rounds/2024/sheet";
        let r = as_session(&s, Who::Viewer, "GET", sheet, None, "");
        assert_eq!(r.status, 200);
        let page = r.text();
        assert!(
            page.contains("評価シート") && page.contains("了承"),
            "{page}"
        );
        assert!(
            page.contains("根拠資料を添付してください"),
            "the return's reason"
        );
        assert!(page.contains("/static/sheet.css") && !page.contains("<style"));
        let r = as_session(&s, Who::Viewer, "GET", "/static/sheet.css", None, "");
        assert!(r.status == 200 && r.text().contains("@page"));
        let r = as_session(&s, Who::Viewer, "GET", &format!("{sheet}.xlsx"), None, "");
        assert_eq!(r.status, 200);
        assert_eq!(
            r.header("content-type"),
            Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        );
        assert!(r.body.starts_with(b"PK"), "a ZIP package");
        let r = as_session(
            &s,
            Who::Viewer,
            "GET",
            &format!("{sheet}?node=nowhere"),
            None,
            "",
        );
        assert_eq!(r.status, 404);
        let r = s.get(sheet);
        assert_eq!(r.status, 303, "the round is internal: sign in first");
    }
}

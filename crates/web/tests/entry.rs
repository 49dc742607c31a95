//! Data entry through the pages, on SQLite and on PostgreSQL: problems told beside their
//! fields in Japanese, a stale edit answered with both values and who wrote the other, hostile
//! text stored as typed and shown escaped, an Actuals CSV upload that is all or nothing and
//! names each refused row, and every write in the indicator's history under its author.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers

mod common;

use common::accounts::{
    as_script, as_session, setup, store_do, upload, upload_bytes, version, Who, PLAN_CODE,
};
use common::Server;
use shinchoku_testkit::db::databases;
use shinchoku_testkit::http::{self, Response};

const FORM: &str = "application/x-www-form-urlencoded";

fn pct(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

fn save(s: &Server, who: Who, path: &str, value: &str, note: &str, version: i64) -> Response {
    let body = format!(
        "value={}&status=provisional&note={}&version={version}&csrf={}",
        pct(value),
        pct(note),
        who.csrf()
    );
    as_session(s, who, "POST", path, Some(FORM), &body)
}

#[test]
fn problems_are_told_beside_their_fields_in_japanese() {
    for db in databases() {
        eprintln!("on {}", db.label);
        let s = Server::start(db);
        setup(&s);
        let r = save(
            &s,
            Who::Own,
            "/entry/rights-plan/i1/FY2024",
            "十二件くらい",
            "",
            0,
        );
        assert_eq!(r.status, 422);
        let page = r.text();
        assert!(
            page.contains("aria-invalid=\"true\""),
            "the field is marked"
        );
        assert!(page.contains("数値"), "{page}");
        assert!(page.contains("十二件くらい"), "what was typed is kept");
        let r = save(&s, Who::Own, "/entry/rights-plan/i1/FY2040", "12", "", 0);
        assert_eq!(r.status, 422);
        assert!(r.text().contains("計画の期間外です"), "{}", r.text());
        let r = save(&s, Who::Own, "/entry/rights-plan/i3/FY2024", "完了", "", 0);
        assert_eq!(r.status, 422);
        let page = r.text();
        assert!(
            page.contains("未着手") && page.contains("実現"),
            "the states are listed"
        );
        // A milestone's form offers its states; one of them is taken.
        let form = as_session(
            &s,
            Who::Own,
            "GET",
            "/entry/rights-plan/i3/FY2024",
            None,
            "",
        );
        assert!(form.text().contains("<option value=\"実施中\""));
        let r = save(
            &s,
            Who::Own,
            "/entry/rights-plan/i3/FY2024",
            "実施中",
            "",
            0,
        );
        assert_eq!(r.status, 303);
        // Full-width digits and a thousands separator are read as the CSV reads them.
        let r = save(
            &s,
            Who::Own,
            "/entry/rights-plan/i1/FY2024",
            "１,２３４",
            "",
            0,
        );
        assert_eq!(r.status, 303, "{}", r.text());
        let page = as_session(
            &s,
            Who::Own,
            "GET",
            "/entry/rights-plan/i1?saved=FY2024",
            None,
            "",
        );
        assert!(page.text().contains("1,234"));
        assert!(page.text().contains("保存しました"));
    }
}

#[test]
fn a_stale_edit_shows_both_values_and_who_wrote_the_other() {
    for db in databases() {
        eprintln!("on {}", db.label);
        let s = Server::start(db);
        setup(&s);
        let path = "/entry/rights-plan/i1/FY2025";
        let form = as_session(&s, Who::Own, "GET", path, None, "");
        assert!(form.text().contains("name=\"version\" value=\"0\""));
        // Meanwhile a planner writes the same year through the API.
        let body = r#"{"plan": "rights-plan", "indicator": "i1", "period": "FY2025", "value": 77, "version": 0}"#;
        assert_eq!(
            as_script(
                &s,
                Who::Planner,
                "/api/v1/observations",
                "application/json",
                body
            )
            .status,
            200
        );
        let r = save(&s, Who::Own, path, "66", "", 0);
        assert_eq!(r.status, 409);
        let page = r.text();
        assert!(page.contains("class=\"theirs\">77<"), "{page}");
        assert!(page.contains("planner1"), "who wrote it");
        assert!(page.contains("class=\"yours\">66<"));
        assert!(
            page.contains("name=\"version\" value=\"1\""),
            "the form is now based on their version"
        );
        assert_eq!(version(&s, "i1", "FY2025"), 1, "nothing overwritten");
        // The same through the API: 409 with the current value, its version and author.
        let body = r#"{"plan": "rights-plan", "indicator": "i1", "period": "FY2025", "value": 55, "version": 0}"#;
        let r = as_script(
            &s,
            Who::Own,
            "/api/v1/observations",
            "application/json",
            body,
        );
        assert_eq!(r.status, 409);
        let v = r.json();
        assert_eq!(v["current"]["value"], 77);
        assert_eq!(v["current"]["version"], 1);
        assert_eq!(v["current"]["by"], "planner1");
        // Saving again, knowingly, overwrites.
        assert_eq!(save(&s, Who::Own, path, "66", "", 1).status, 303);
        assert_eq!(version(&s, "i1", "FY2025"), 2);
    }
}

const HOSTILE: [&str; 4] = [
    "<script>document.title='pwned'</script>",
    "\"><img src=x onerror=alert(1)>",
    "'; DROP TABLE observations; --",
    "' OR '1'='1",
];

#[test]
fn hostile_text_is_stored_as_typed_and_shown_escaped() {
    for db in databases() {
        eprintln!("on {}", db.label);
        let s = Server::start(db);
        setup(&s);
        for (n, text) in HOSTILE.iter().enumerate() {
            let year = 2022 + i32::try_from(n).unwrap();
            let path = format!("/entry/rights-plan/i1/FY{year}");
            let v = version(&s, "i1", &format!("FY{year}"));
            let r = save(&s, Who::Own, &path, "5", text, v);
            assert_eq!(r.status, 303, "{text}: {}", r.text());
            // As a value, it is refused as no number, and shown back escaped.
            let r = save(&s, Who::Own, &path, text, "", v + 1);
            assert_eq!(r.status, 422);
            assert!(!r.text().contains(text), "{text} is escaped on the form");
        }
        let url = s.db.url.clone();
        let notes: Vec<String> = store_do(&url, |store| {
            Box::pin(async move {
                store
                    .observation_records(PLAN_CODE, "i1")
                    .await
                    .unwrap()
                    .into_iter()
                    .filter_map(|r| r.note)
                    .collect()
            })
        });
        for text in HOSTILE {
            assert!(notes.iter().any(|n| n == text), "{text} stored as typed");
        }
        let page = as_session(&s, Who::Own, "GET", "/entry/rights-plan/i1", None, "").text();
        for text in HOSTILE {
            assert!(!page.contains(text), "{text} shown escaped");
        }
        assert!(page.contains("&#60;script&#62;"), "{page}");
        // The admin page's fields: an account's name, department and e-mail, and a
        // department's assignment, stored as typed and listed escaped.
        for text in HOSTILE {
            let body = format!(
                "name={}&role=editor&group={}&email={}&csrf={}",
                pct(text),
                pct(text),
                pct(text),
                Who::Admin.csrf()
            );
            let r = as_session(&s, Who::Admin, "POST", "/admin/users", Some(FORM), &body);
            assert_eq!(r.status, 200, "{text}: {}", r.text());
            let body = format!(
                "plan=rights-plan&node=m2&group={}&csrf={}",
                pct(text),
                Who::Admin.csrf()
            );
            let r = as_session(
                &s,
                Who::Admin,
                "POST",
                "/admin/assignments",
                Some(FORM),
                &body,
            );
            assert_eq!(r.status, 200, "{text}");
        }
        let admin = as_session(&s, Who::Admin, "GET", "/admin", None, "").text();
        for text in HOSTILE {
            assert!(
                !admin.contains(text),
                "{text} shown escaped on the admin page"
            );
        }
        let names: Vec<String> = store_do(&url, |store| {
            Box::pin(async move {
                store
                    .users()
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|u| u.name)
                    .collect()
            })
        });
        for text in HOSTILE {
            assert!(names.iter().any(|n| n == text), "{text} stored as typed");
        }
        // A sign-in with such a name is refused, and the form shows the name escaped.
        let form = http::get(s.addr, "/login", &[]);
        let pre = form
            .headers_named("set-cookie")
            .find_map(|c| c.strip_prefix("shinchoku_login_csrf="))
            .map(|c| c.split(';').next().unwrap_or("").to_owned())
            .unwrap();
        let cookie = format!("shinchoku_login_csrf={pre}");
        let body = format!("name={}&password=x&csrf={pre}", pct(HOSTILE[1]));
        let r = http::request(
            s.addr,
            "POST",
            "/login",
            &[("cookie", &cookie), ("content-type", FORM)],
            body.as_bytes(),
        );
        assert_eq!(r.status, 401);
        assert!(!r.text().contains(HOSTILE[1]));
        // The other tables are still there.
        assert_eq!(s.get("/api/v1/plans").status, 200);
    }
}

#[test]
fn an_upload_is_all_or_nothing_and_names_each_refused_row() {
    for db in databases() {
        eprintln!("on {}", db.label);
        let s = Server::start(db);
        setup(&s);
        let csv = "plan,indicator,period,value\n\
                   rights-plan,i1,FY2023,31\n\
                   rights-plan,i1,FY20X3,32\n\
                   rights-plan,i2,FY2023,101\n";
        let r = upload(&s, Who::Own, "実績.csv", csv);
        assert_eq!(r.status, 422);
        let page = r.text();
        assert!(page.contains("<td data-label=\"行\">3</td>"), "{page}");
        assert!(page.contains("<td data-label=\"列\">period</td>"));
        // Line 4 is another department's indicator.
        assert!(page.contains("<td data-label=\"行\">4</td>"));
        assert!(page.contains("観光課"));
        assert_eq!(version(&s, "i1", "FY2023"), 0, "nothing imported");
        let good = "plan,indicator,period,value,note\nrights-plan,i1,FY2023,31,速報値\n";
        let r = upload(&s, Who::Own, "実績.csv", good);
        assert_eq!(r.status, 200, "{}", r.text());
        assert!(r.text().contains("新規1件"));
        assert_eq!(version(&s, "i1", "FY2023"), 1);
        // The history of the indicator names who wrote what, and from which file.
        let page = s.get("/plans/rights-plan/indicators/i1").text();
        assert!(
            page.contains("own-editor"),
            "the audit log's author is shown"
        );
        let changes = s.get("/changes").text();
        assert!(changes.contains("own-editor"));
    }
}

/// A workbook as a department returns the input template: a sheet with the template's header
/// (the columns read back and the ones only there to help) and one row.
fn workbook(value: &str) -> Vec<u8> {
    use shinchoku_report::xlsx::{Style, Workbook, Worksheet};
    let mut ws = Worksheet::new("商工振興課");
    for (c, h) in [
        "計画",
        "指標",
        "指標名",
        "単位",
        "年度",
        "実績値",
        "状態",
        "備考",
    ]
    .iter()
    .enumerate()
    {
        ws.text(0, u32::try_from(c).unwrap(), *h, Style::Header);
    }
    for (c, v) in [
        "rights-plan",
        "i1",
        "企業誘致件数",
        "件",
        "FY2021",
        value,
        "速報",
        "",
    ]
    .iter()
    .enumerate()
    {
        ws.text(1, u32::try_from(c).unwrap(), *v, Style::Input);
    }
    Workbook { sheets: vec![ws] }.to_bytes().unwrap()
}

#[test]
fn a_filled_workbook_uploads_all_or_nothing_naming_sheet_and_row() {
    const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    for db in databases() {
        eprintln!("on {}", db.label);
        let s = Server::start(db);
        setup(&s);
        let r = upload_bytes(&s, Who::Own, "実績.xlsx", XLSX, &workbook("たくさん"));
        assert_eq!(r.status, 422);
        let page = r.text();
        assert!(page.contains("シート「商工振興課」 2"), "{page}");
        assert!(page.contains("<td data-label=\"列\">value</td>"), "{page}");
        assert_eq!(version(&s, "i1", "FY2021"), 0, "nothing imported");
        let r = upload_bytes(&s, Who::Own, "実績.xlsx", XLSX, &workbook("27"));
        assert_eq!(r.status, 200, "{}", r.text());
        assert!(r.text().contains("新規1件"), "{}", r.text());
        assert_eq!(version(&s, "i1", "FY2021"), 1);
    }
}

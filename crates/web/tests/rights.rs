//! Every route × every role, on a server that asks for a sign-in and on a public one, on
//! SQLite and on PostgreSQL: allowed, 303 to the sign-in page, 401, 403 or 404 as it should
//! be; the anti-forgery token is required of forms and of cookie-signed API writes; the
//! session id changes at sign-in; sign-ins are throttled.
//!
//! The roles: nobody, a viewer, an editor of the department that owns indicator `i1`
//! (商工振興課, through node `m1`), an editor of another department (観光課, owner of `m2` and
//! `i2`), a planner and an administrator. Sessions and tokens are made in the store the way
//! the sign-in page and `shinchoku token add` make them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers

mod common;

use common::accounts::{as_script, as_session, setup, upload, version, Who, ALL, PASSWORD};
use common::Server;
use shinchoku_testkit::db::databases;
use shinchoku_testkit::http::{self, Response};

fn form_body(who: Who, value: &str, version: i64) -> String {
    format!(
        "value={value}&status=final&note=&version={version}&csrf={}",
        who.csrf()
    )
}

fn check(label: &str, who: Who, r: &Response, want: u16) {
    assert_eq!(
        r.status,
        want,
        "{label} as {who:?}: {}",
        String::from_utf8_lossy(&r.body)
            .chars()
            .take(300)
            .collect::<String>()
    );
    if want == 303 && r.status == 303 && who == Who::Nobody {
        assert!(
            r.header("location")
                .unwrap_or("")
                .starts_with("/login?next="),
            "{label}: to the sign-in page"
        );
    }
}

/// `[nobody, viewer, own editor, other editor, planner, admin]`.
type Want = [u16; 6];

fn each(label: &str, want: Want, mut call: impl FnMut(Who) -> Response) {
    for (who, want) in ALL.into_iter().zip(want) {
        let r = call(who);
        check(label, who, &r, want);
    }
}

#[test]
fn every_route_answers_every_role_as_it_should_on_a_server_that_asks_for_a_sign_in() {
    for db in databases() {
        eprintln!("on {}", db.label);
        let s = Server::private(db);
        setup(&s);
        let read_page = [303, 200, 200, 200, 200, 200];
        for path in [
            "/",
            "/plans/rights-plan",
            "/plans/rights-plan/indicators/i1",
            "/plans/rights-plan/roadmap",
            "/plans/rights-plan/report",
            "/plans/rights-plan/organizations",
            "/plans/rights-plan/diff",
            "/changes",
        ] {
            each(&format!("GET {path}"), read_page, |w| {
                as_session(&s, w, "GET", path, None, "")
            });
        }
        for path in [
            "/api/v1/plans",
            "/api/v1/plans/rights-plan",
            "/api/v1/plans/rights-plan/nodes",
            "/api/v1/plans/rights-plan/indicators",
            "/api/v1/plans/rights-plan/indicators/i1",
            "/api/v1/plans/rights-plan/indicators/i1/observations",
            "/api/v1/plans/rights-plan/evaluation",
        ] {
            each(
                &format!("GET {path}"),
                [401, 200, 200, 200, 200, 200],
                |w| as_session(&s, w, "GET", path, None, ""),
            );
        }
        each("GET /api/nope", [401, 404, 404, 404, 404, 404], |w| {
            as_session(&s, w, "GET", "/api/nope", None, "")
        });
        each("GET /no-such-page", [303, 404, 404, 404, 404, 404], |w| {
            as_session(&s, w, "GET", "/no-such-page", None, "")
        });
        // Open to everyone: the sign-in page (a signed-in visitor is sent on), the styles,
        // the API's description.
        each("GET /login", [200, 303, 303, 303, 303, 303], |w| {
            as_session(&s, w, "GET", "/login", None, "")
        });
        each("GET /static/app.css", [200; 6], |w| {
            as_session(&s, w, "GET", "/static/app.css", None, "")
        });
        each("GET /api/openapi.json", [200; 6], |w| {
            as_session(&s, w, "GET", "/api/openapi.json", None, "")
        });
        each("GET /entry", [303, 403, 200, 200, 200, 200], |w| {
            as_session(&s, w, "GET", "/entry", None, "")
        });
        each("GET /entry/upload", [303, 403, 200, 200, 200, 200], |w| {
            as_session(&s, w, "GET", "/entry/upload", None, "")
        });
        let own = [303, 403, 200, 403, 200, 200];
        for path in ["/entry/rights-plan/i1", "/entry/rights-plan/i1/FY2024"] {
            each(&format!("GET {path}"), own, |w| {
                as_session(&s, w, "GET", path, None, "")
            });
        }
        each(
            "GET the other department's",
            [303, 403, 403, 200, 200, 200],
            |w| as_session(&s, w, "GET", "/entry/rights-plan/i2/FY2024", None, ""),
        );
        each(
            "GET /entry of no indicator",
            [303, 403, 404, 404, 404, 404],
            |w| as_session(&s, w, "GET", "/entry/rights-plan/nope", None, ""),
        );
        each(
            "GET /entry of no plan",
            [303, 403, 404, 404, 404, 404],
            |w| as_session(&s, w, "GET", "/entry/no-plan/i1/FY2024", None, ""),
        );
        // Saving: allowed ones are sent back to the indicator's entry page.
        each(
            "POST /entry/rights-plan/i1/FY2024",
            [303, 403, 303, 403, 303, 303],
            |w| {
                let v = version(&s, "i1", "FY2024");
                let r = as_session(
                    &s,
                    w,
                    "POST",
                    "/entry/rights-plan/i1/FY2024",
                    Some("application/x-www-form-urlencoded"),
                    &form_body(w, &format!("{}", 40 + v), v),
                );
                if r.status == 303 && w != Who::Nobody {
                    assert_eq!(
                        r.header("location"),
                        Some("/entry/rights-plan/i1?saved=FY2024")
                    );
                    assert_eq!(version(&s, "i1", "FY2024"), v + 1, "{w:?} wrote");
                }
                r
            },
        );
        // The API with bearer tokens.
        each(
            "POST /api/v1/observations",
            [401, 403, 200, 403, 200, 200],
            |w| {
                let body = r#"{"plan": "rights-plan", "indicator": "i1", "period": "FY2023", "value": 31}"#;
                as_script(&s, w, "/api/v1/observations", "application/json", body)
            },
        );
        each(
            "POST /api/v1/observations of no plan",
            [401, 403, 404, 404, 404, 404],
            |w| {
                let body =
                    r#"{"plan": "no-plan", "indicator": "i1", "period": "FY2023", "value": 31}"#;
                as_script(&s, w, "/api/v1/observations", "application/json", body)
            },
        );
        each(
            "POST /api/v1/actuals",
            [401, 403, 200, 422, 200, 200],
            |w| {
                let csv = "plan,indicator,period,value\nrights-plan,i1,FY2023,32\n";
                as_script(&s, w, "/api/v1/actuals", "text/csv", csv)
            },
        );
        // The admin page and its forms.
        each("GET /admin", [303, 403, 403, 403, 403, 200], |w| {
            as_session(&s, w, "GET", "/admin", None, "")
        });
        each(
            "POST /admin/assignments",
            [303, 403, 403, 403, 403, 200],
            |w| {
                let body = format!(
                    "plan=rights-plan&node=d1&group=%E4%BC%81%E7%94%BB%E8%AA%B2&csrf={}",
                    w.csrf()
                );
                as_session(
                    &s,
                    w,
                    "POST",
                    "/admin/assignments",
                    Some("application/x-www-form-urlencoded"),
                    &body,
                )
            },
        );
        each("POST /entry/upload", [303, 403, 200, 422, 200, 200], |w| {
            let csv = "plan,indicator,period,value\nrights-plan,i1,FY2022,35\n";
            upload(&s, w, "actuals.csv", csv)
        });
        let admin_form = |w: Who, path: &str, fields: &str| {
            let body = format!("{fields}&csrf={}", w.csrf());
            as_session(
                &s,
                w,
                "POST",
                path,
                Some("application/x-www-form-urlencoded"),
                &body,
            )
        };
        each("POST /admin/users", [303, 403, 403, 403, 403, 200], |w| {
            admin_form(
                w,
                "/admin/users",
                "name=made-here&role=viewer&group=&email=",
            )
        });
        each(
            "POST /admin/users/remove",
            [303, 403, 403, 403, 403, 200],
            |w| admin_form(w, "/admin/users/remove", "name=made-here"),
        );
        each(
            "POST /admin/assignments/remove",
            [303, 403, 403, 403, 403, 200],
            |w| admin_form(w, "/admin/assignments/remove", "plan=rights-plan&node=d1"),
        );
        each("POST /logout", [303, 303, 303, 303, 303, 303], |w| {
            // Signing out without the token is refused; the sessions stay for the others.
            let r = as_session(
                &s,
                w,
                "POST",
                "/logout",
                Some("application/x-www-form-urlencoded"),
                "csrf=wrong",
            );
            if w == Who::Nobody {
                r
            } else {
                assert_eq!(r.status, 403, "{w:?}: sign-out without its token");
                Response {
                    status: 303,
                    headers: Vec::new(),
                    body: Vec::new(),
                }
            }
        });
    }
}

#[test]
fn a_public_server_is_read_without_a_sign_in_and_written_with_one() {
    for db in databases() {
        eprintln!("on {}", db.label);
        let s = Server::start(db);
        setup(&s);
        for path in ["/", "/plans/rights-plan", "/changes", "/api/v1/plans"] {
            each(&format!("GET {path}"), [200; 6], |w| {
                as_session(&s, w, "GET", path, None, "")
            });
        }
        each("GET /entry", [303, 403, 200, 200, 200, 200], |w| {
            as_session(&s, w, "GET", "/entry", None, "")
        });
        each("GET /admin", [303, 403, 403, 403, 403, 200], |w| {
            as_session(&s, w, "GET", "/admin", None, "")
        });
        each(
            "POST /api/v1/observations",
            [401, 403, 200, 403, 200, 200],
            |w| {
                let body = r#"{"plan": "rights-plan", "indicator": "i1", "period": "FY2023", "value": 33}"#;
                as_script(&s, w, "/api/v1/observations", "application/json", body)
            },
        );
        // A signed-in reader's page names them; a page kept for nobody must not be given to
        // them, nor theirs to nobody.
        let header = "<span class=\"account-name\">own-editor";
        let anon = as_session(&s, Who::Nobody, "GET", "/", None, "").text();
        let mine = as_session(&s, Who::Own, "GET", "/", None, "").text();
        assert!(mine.contains(header), "the header names the account");
        assert!(mine.contains(&Who::Own.csrf()), "with its sign-out form");
        let anon_again = as_session(&s, Who::Nobody, "GET", "/", None, "").text();
        for page in [anon, anon_again] {
            assert!(!page.contains(header) && !page.contains(&Who::Own.csrf()));
        }
    }
}

#[test]
fn forms_and_cookie_signed_api_writes_need_their_token() {
    for db in databases() {
        eprintln!("on {}", db.label);
        let s = Server::start(db);
        setup(&s);
        let w = Who::Own;
        let v = version(&s, "i1", "FY2024");
        for csrf in ["", "csrf-of-someone-else"] {
            let body = format!("value=50&status=final&version={v}&csrf={csrf}");
            let r = as_session(
                &s,
                w,
                "POST",
                "/entry/rights-plan/i1/FY2024",
                Some("application/x-www-form-urlencoded"),
                &body,
            );
            assert_eq!(r.status, 403, "csrf {csrf:?}");
        }
        assert_eq!(version(&s, "i1", "FY2024"), v, "nothing written");
        let cookie = format!("shinchoku_session={}", w.sid());
        let body = r#"{"plan": "rights-plan", "indicator": "i1", "period": "FY2024", "value": 51}"#;
        let r = http::request(
            s.addr,
            "POST",
            "/api/v1/observations",
            &[("cookie", &cookie), ("content-type", "application/json")],
            body.as_bytes(),
        );
        assert_eq!(r.status, 403);
        assert_eq!(r.json()["error"]["code"], "csrf");
        let csrf = w.csrf();
        let r = http::request(
            s.addr,
            "POST",
            "/api/v1/observations",
            &[
                ("cookie", &cookie),
                ("content-type", "application/json"),
                ("x-csrf-token", &csrf),
            ],
            body.as_bytes(),
        );
        assert_eq!(r.status, 200, "{}", r.text());
    }
}

/// The `shinchoku_session` cookie a response sets, if any.
fn session_cookie(r: &Response) -> Option<String> {
    r.headers_named("set-cookie")
        .filter_map(|c| c.strip_prefix("shinchoku_session="))
        .map(|c| c.split(';').next().unwrap_or("").to_owned())
        .next()
}

/// Signs in as `name` with `password`, starting from the form; the response to the POST.
fn sign_in(s: &Server, name: &str, password: &str, planted: Option<&str>) -> Response {
    let form = http::get(s.addr, "/login?next=/entry", &[]);
    assert_eq!(form.status, 200);
    let pre = form
        .headers_named("set-cookie")
        .find_map(|c| c.strip_prefix("shinchoku_login_csrf="))
        .map(|c| c.split(';').next().unwrap_or("").to_owned())
        .unwrap();
    let html = form.text();
    assert!(
        html.contains(&format!("value=\"{pre}\"")),
        "the form carries its token"
    );
    let mut cookie = format!("shinchoku_login_csrf={pre}");
    if let Some(p) = planted {
        cookie.push_str(&format!("; shinchoku_session={p}"));
    }
    let body = format!(
        "name={}&password={}&csrf={pre}&next=%2Fentry",
        pct(name),
        pct(password)
    );
    http::request(
        s.addr,
        "POST",
        "/login",
        &[
            ("cookie", &cookie),
            ("content-type", "application/x-www-form-urlencoded"),
        ],
        body.as_bytes(),
    )
}

fn pct(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

#[test]
fn signing_in_makes_a_new_session_id_and_ends_the_planted_one() {
    for db in databases() {
        eprintln!("on {}", db.label);
        let s = Server::private(db);
        setup(&s);
        // A session id an attacker planted (here: a live session of the same account).
        let planted = Who::Own.sid();
        let r = sign_in(&s, "own-editor", PASSWORD, Some(&planted));
        assert_eq!(r.status, 303, "{}", r.text());
        assert_eq!(r.header("location"), Some("/entry"));
        let set = r
            .headers_named("set-cookie")
            .find(|c| c.starts_with("shinchoku_session="))
            .unwrap()
            .to_owned();
        assert!(
            set.contains("HttpOnly") && set.contains("SameSite=Lax"),
            "{set}"
        );
        let new = session_cookie(&r).unwrap();
        assert_ne!(new, planted);
        assert_eq!(new.len(), 64);
        let old = as_session(&s, Who::Own, "GET", "/entry", None, "");
        assert_eq!(old.status, 303, "the planted session no longer signs in");
        let cookie = format!("shinchoku_session={new}");
        let page = http::get(s.addr, "/entry", &[("cookie", &cookie)]);
        assert_eq!(page.status, 200);
        assert!(page.text().contains("企業誘致件数"));
        // A wrong password, a name that does not exist, a form without its token.
        let r = sign_in(&s, "own-editor", "これは違うパスワードです", None);
        assert_eq!(r.status, 401);
        assert!(session_cookie(&r).is_none());
        assert_eq!(sign_in(&s, "nobody-at-all", PASSWORD, None).status, 401);
        let r = http::request(
            s.addr,
            "POST",
            "/login",
            &[("content-type", "application/x-www-form-urlencoded")],
            format!("name=own-editor&password={}&csrf=x", pct(PASSWORD)).as_bytes(),
        );
        assert_eq!(r.status, 403);
        // Signing out ends the session.
        let csrf_page = page.text();
        let csrf = csrf_page
            .split("name=\"csrf\" value=\"")
            .nth(1)
            .and_then(|t| t.split('"').next())
            .unwrap()
            .to_owned();
        let r = http::request(
            s.addr,
            "POST",
            "/logout",
            &[
                ("cookie", &cookie),
                ("content-type", "application/x-www-form-urlencoded"),
            ],
            format!("csrf={csrf}").as_bytes(),
        );
        assert_eq!(r.status, 303);
        assert_eq!(
            http::get(s.addr, "/entry", &[("cookie", &cookie)]).status,
            303,
            "signed out"
        );
    }
}

#[test]
fn many_failures_from_one_address_throttle_it_whatever_the_account() {
    let db = shinchoku_testkit::db::sqlite_db();
    let s = Server::start(db);
    setup(&s);
    // Each failure names another account (none of them throttled on its own).
    for n in 0..shinchoku_web::LOGIN_MAX_PER_ADDRESS {
        let r = sign_in(&s, &format!("guess-{n}"), "まちがったパスワードです", None);
        assert_eq!(r.status, 401, "failure {n}");
    }
    let r = sign_in(&s, "admin1", PASSWORD, None);
    assert_eq!(r.status, 429, "the address is throttled");
    assert!(session_cookie(&r).is_none());
}

#[test]
fn repeated_failures_throttle_the_account_even_with_the_right_password() {
    for db in databases() {
        eprintln!("on {}", db.label);
        let s = Server::start(db);
        setup(&s);
        for n in 0..shinchoku_web::LOGIN_MAX_PER_ACCOUNT {
            let r = sign_in(&s, "planner1", "まちがったパスワードです", None);
            assert_eq!(r.status, 401, "failure {n}");
        }
        let r = sign_in(&s, "planner1", PASSWORD, None);
        assert_eq!(r.status, 429, "throttled");
        assert!(r.header("retry-after").is_some());
        assert!(session_cookie(&r).is_none());
        // Another account from the same address is not (yet) throttled.
        assert_eq!(sign_in(&s, "admin1", PASSWORD, None).status, 303);
    }
}

//! Accounts for the tests of rights and entry: a plan with two departments' nodes, an
//! account of every role with its session and token, made in the store the way the sign-in
//! page and `shinchoku token add` make them.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use shinchoku_core::period::Period;
use shinchoku_store::{NewUser, Store};
use shinchoku_testkit::db::runtime;
use shinchoku_testkit::http::{self, Response};
use shinchoku_web::auth::{hash_password, secret_hash};

use super::Server;

pub const PLAN: &str = r#"[plan]
code = "rights-plan"
title = "権限試験計画"
period = "FY2022-FY2026"

[[nodes]]
id = "d1"
title = "産業"

[[nodes]]
id = "m1"
parent = "d1"
title = "企業誘致"

[[nodes]]
id = "m2"
parent = "d1"
title = "観光振興"

[[indicators]]
id = "i1"
node = "m1"
name = "企業誘致件数"
unit = "件"
kind = "period_total"
baseline = { value = 25, period = "FY2021" }
target = { value = 125, period = "FY2022-FY2026" }
observations = { FY2022 = 30 }

[[indicators]]
id = "i3"
node = "m1"
name = "新工場の立地"
unit = ""
kind = "milestone"
target = { period = "FY2026", text = "実現" }

[[indicators]]
id = "i2"
node = "m2"
name = "観光客数"
unit = "万人"
kind = "level"
baseline = { value = 100, period = "FY2021" }
target = { value = 120, period = "FY2026" }
"#;

pub const PLAN_CODE: &str = "rights-plan";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Nobody,
    Viewer,
    Own,
    Other,
    Planner,
    Admin,
}

pub const ALL: [Who; 6] = [
    Who::Nobody,
    Who::Viewer,
    Who::Own,
    Who::Other,
    Who::Planner,
    Who::Admin,
];

impl Who {
    pub fn name(self) -> &'static str {
        match self {
            Who::Nobody => "",
            Who::Viewer => "viewer1",
            Who::Own => "own-editor",
            Who::Other => "other-editor",
            Who::Planner => "planner1",
            Who::Admin => "admin1",
        }
    }
    fn role(self) -> &'static str {
        match self {
            Who::Nobody => "",
            Who::Viewer => "viewer",
            Who::Own | Who::Other => "editor",
            Who::Planner => "planner",
            Who::Admin => "admin",
        }
    }
    fn group(self) -> Option<&'static str> {
        match self {
            Who::Own => Some("商工振興課"),
            Who::Other => Some("観光課"),
            _ => None,
        }
    }
    /// The session cookie's value (the store keeps its hash).
    pub fn sid(self) -> String {
        format!("session-of-{}", self.name())
    }
    pub fn csrf(self) -> String {
        format!("csrf-of-{}", self.name())
    }
    pub fn token(self) -> String {
        format!("token-of-{}", self.name())
    }
}

/// The password every account of these tests has.
pub const PASSWORD: &str = "夏の朝に海を見に行く予定";

pub fn store_do<T: Send + 'static>(
    url: &str,
    f: impl FnOnce(Store) -> std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send>>
        + Send
        + 'static,
) -> T {
    let url = url.to_owned();
    runtime().block_on(async move {
        let store = Store::open(&url).await.unwrap();
        let out = f(store.clone()).await;
        store.close().await;
        out
    })
}

/// The plan, the accounts, their sessions and tokens, and the departments' nodes.
pub fn setup(s: &Server) {
    s.save(&[shinchoku_import::read_plan(PLAN, "rights.toml").unwrap()]);
    let hash = hash_password(PASSWORD).unwrap();
    store_do(&s.db.url, move |store| {
        Box::pin(async move {
            for who in ALL.into_iter().filter(|w| *w != Who::Nobody) {
                let email = format!("{}@example.lg.jp", who.name());
                store
                    .add_user(&NewUser {
                        name: who.name(),
                        role: who.role(),
                        group: who.group(),
                        email: Some(&email),
                        password_hash: &hash,
                    })
                    .await
                    .unwrap();
                let id = store.user(who.name()).await.unwrap().unwrap().id;
                store
                    .create_session(&secret_hash(&who.sid()), id, &who.csrf(), 3600)
                    .await
                    .unwrap();
                store
                    .add_token(who.name(), &secret_hash(&who.token()), None)
                    .await
                    .unwrap();
            }
            store
                .assign(PLAN_CODE, Some("m1"), "商工振興課")
                .await
                .unwrap();
            store.assign(PLAN_CODE, Some("m2"), "観光課").await.unwrap();
        })
    });
}

pub fn version(s: &Server, indicator: &str, period: &str) -> i64 {
    let (indicator, period) = (indicator.to_owned(), Period::parse(period).unwrap());
    store_do(&s.db.url, move |store| {
        Box::pin(async move {
            store
                .observation_version(PLAN_CODE, &indicator, period, "")
                .await
                .unwrap()
        })
    })
}

/// A request as `who`, signed in by session cookie.
pub fn as_session(
    s: &Server,
    who: Who,
    method: &str,
    path: &str,
    content_type: Option<&str>,
    body: &str,
) -> Response {
    let cookie = format!("shinchoku_session={}", who.sid());
    let mut h: Vec<(&str, &str)> = Vec::new();
    if who != Who::Nobody {
        h.push(("cookie", &cookie));
    }
    if let Some(ct) = content_type {
        h.push(("content-type", ct));
    }
    http::request(s.addr, method, path, &h, body.as_bytes())
}

/// An API request as `who`, signed in by bearer token.
pub fn as_script(s: &Server, who: Who, path: &str, content_type: &str, body: &str) -> Response {
    let auth = format!("Bearer {}", who.token());
    let mut h: Vec<(&str, &str)> = vec![("content-type", content_type)];
    if who != Who::Nobody {
        h.push(("authorization", &auth));
    }
    http::request(s.addr, "POST", path, &h, body.as_bytes())
}

/// A multipart form with the anti-forgery token and one file.
pub fn upload(s: &Server, who: Who, name: &str, csv: &str) -> Response {
    upload_bytes(s, who, name, "text/csv", csv.as_bytes())
}

/// [`upload`] of any file.
pub fn upload_bytes(s: &Server, who: Who, name: &str, kind: &str, bytes: &[u8]) -> Response {
    let boundary = "----shinchoku-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: {kind}\r\n\r\n",
        who.csrf()
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let cookie = format!("shinchoku_session={}", who.sid());
    let ct = format!("multipart/form-data; boundary={boundary}");
    http::request(
        s.addr,
        "POST",
        "/entry/upload",
        &[("cookie", &cookie), ("content-type", &ct)],
        &body,
    )
}

//! Evaluated plans, kept between requests while the data does not change.
//!
//! Loading a plan is a dozen queries and evaluating it a pass over its indicators; a page
//! shows the same plan to many readers. [`Plans`] keeps each plan evaluated at its latest
//! fiscal year with data, and drops everything when the store's [`DataStamp`] moves — which
//! any write by any process does — so a page never shows data older than the request.
//!
//! Whole responses are kept the same way ([`pages`], a middleware): a `GET` that answered 200
//! is answered from memory, for the same path, query, language and fiscal year, until the
//! stamp moves. A request then costs the stamp's query and a copy of a reference.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State as AppState};
use axum::http::header::{HeaderValue, CONTENT_TYPE, SET_COOKIE};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use shinchoku_core::evaluate::{Evaluation, ForecastMethod};
use shinchoku_core::follow::{Borrowed, Followed};
use shinchoku_core::period::Period;
use shinchoku_core::plan::Plan;
use shinchoku_store::{DataStamp, PlanSummary, Store, StoreError};

/// A plan evaluated in one fiscal year.
#[derive(Debug)]
pub struct Evaluated {
    /// The plan, as stored now, with the values it takes from its series in other plans when
    /// its `actuals_from_lineage` setting is on.
    pub plan: Plan,
    /// Those borrowed values, with the plan and document each came from.
    pub borrowed: Vec<Borrowed>,
    /// The fiscal year evaluated: the latest with an observation, `None` when there is none.
    pub fy: Option<i32>,
    /// One evaluation per indicator, in the plan's order (empty without `fy`).
    pub evaluations: Vec<Evaluation>,
}

impl Evaluated {
    /// `followed` evaluated in `fy`, or in its latest fiscal year with data.
    pub fn new(followed: Followed, fy: Option<i32>) -> Evaluated {
        let Followed { plan, borrowed } = followed;
        let fy = fy.or_else(|| plan.latest_observed_year());
        let evaluations = match fy {
            Some(fy) => plan.evaluate(fy, ForecastMethod::Linear),
            None => Vec::new(),
        };
        Evaluated {
            plan,
            borrowed,
            fy,
            evaluations,
        }
    }

    /// The same plan evaluated in another fiscal year.
    pub fn in_year(&self, fy: i32) -> Evaluated {
        Evaluated::new(
            Followed {
                plan: self.plan.clone(),
                borrowed: self.borrowed.clone(),
            },
            Some(fy),
        )
    }

    /// The borrowed value of `indicator` for `period`, if that observation was borrowed.
    pub fn origin(&self, indicator: &str, period: Period) -> Option<&Borrowed> {
        self.borrowed
            .iter()
            .find(|b| b.indicator == indicator && b.observation.period == period)
    }

    /// One evaluation per indicator, as counted by grade: the plan's own, or, for a plan with
    /// no data at all (not evaluated), an empty evaluation each, which counts as `—`.
    pub fn graded(&self) -> std::borrow::Cow<'_, [Evaluation]> {
        if self.evaluations.is_empty() {
            std::borrow::Cow::Owned(vec![Evaluation::default(); self.plan.indicators.len()])
        } else {
            std::borrow::Cow::Borrowed(&self.evaluations)
        }
    }

    /// The evaluation of the indicator at `index` in the plan, if the plan was evaluated.
    pub fn evaluation(&self, index: usize) -> Option<&Evaluation> {
        self.evaluations.get(index)
    }
}

/// The cache: plans by code and the list of plans, valid for one [`DataStamp`].
#[derive(Debug)]
pub struct Plans {
    store: Store,
    state: Mutex<State>,
    /// Stamp queries started so far.
    started: AtomicU64,
    /// Held while a stamp query runs, with the last one's number and result.
    last: tokio::sync::Mutex<(u64, Option<DataStamp>)>,
}

#[derive(Debug, Default)]
struct State {
    stamp: Option<DataStamp>,
    list: Option<Arc<Vec<PlanSummary>>>,
    plans: HashMap<String, Arc<Evaluated>>,
    pages: HashMap<String, Page>,
}

/// A response kept whole: its content type and body (the headers every response carries are
/// added around it).
#[derive(Debug, Clone)]
pub struct Page {
    /// `text/html; charset=utf-8`, `application/json`.
    pub content_type: HeaderValue,
    /// The body.
    pub body: Bytes,
}

tokio::task_local! {
    /// The stamp the request being answered read.
    static REQUEST_STAMP: DataStamp;
}

/// Pages kept at most; past it the kept pages are dropped (a crawler asking for every
/// filter of every plan must not grow the server without bound).
const MAX_PAGES: usize = 4096;

/// The largest body kept.
const MAX_PAGE_BYTES: usize = 4 << 20;

impl Plans {
    /// An empty cache over `store`.
    pub fn new(store: Store) -> Plans {
        Plans {
            store,
            state: Mutex::new(State::default()),
            started: AtomicU64::new(0),
            last: tokio::sync::Mutex::new((0, None)),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock leaves only a cache behind: take it as it is.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Checks the stamp for this request and drops what it invalidates.
    ///
    /// Requests that arrive together share one query: a request takes the result of a query
    /// that started after it arrived (so it sees every write committed before it), and starts
    /// one itself only if none has. Under 64 concurrent readers that is two queries a round
    /// instead of 64, and never a stale page.
    pub async fn refresh(&self) -> Result<DataStamp, StoreError> {
        let arrived = self.started.load(Ordering::Acquire);
        let mut last = self.last.lock().await;
        let stamp = match *last {
            (n, Some(stamp)) if n > arrived => stamp,
            _ => {
                let n = self.started.fetch_add(1, Ordering::AcqRel) + 1;
                *last = (n, None);
                let stamp = self.store.data_stamp().await?;
                *last = (n, Some(stamp));
                stamp
            }
        };
        drop(last);
        let mut state = self.state();
        if state.stamp != Some(stamp) {
            *state = State {
                stamp: Some(stamp),
                ..State::default()
            };
        }
        Ok(stamp)
    }

    /// Keeps what `fill` does in the state, if the data has not moved past the stamp this
    /// request read: a request that read an older stamp may have read older data, and must
    /// not leave it under a newer stamp.
    fn keep(&self, fill: impl FnOnce(&mut State)) {
        let Ok(stamp) = REQUEST_STAMP.try_with(|s| *s) else {
            return; // outside a request's stamp (a test calling in directly): keep nothing
        };
        let mut state = self.state();
        if state.stamp == Some(stamp) {
            fill(&mut state);
        }
    }

    /// The page kept under `key`, if any.
    pub fn page(&self, key: &str) -> Option<Page> {
        self.state().pages.get(key).cloned()
    }

    /// Keeps `page` under `key` for as long as the data does not change.
    pub fn keep_page(&self, key: String, page: Page) {
        self.keep(|state| {
            if state.pages.len() >= MAX_PAGES {
                state.pages.clear();
            }
            state.pages.insert(key, page);
        });
    }

    /// Every stored plan, by code.
    pub async fn list(&self) -> Result<Arc<Vec<PlanSummary>>, StoreError> {
        if let Some(list) = self.state().list.clone() {
            return Ok(list);
        }
        let list = Arc::new(self.store.plans().await?);
        self.keep(|state| state.list = Some(list.clone()));
        Ok(list)
    }

    /// Plan `code` evaluated at its latest fiscal year with data; `None` if no such plan.
    pub async fn get(&self, code: &str) -> Result<Option<Arc<Evaluated>>, StoreError> {
        if let Some(p) = self.state().plans.get(code).cloned() {
            return Ok(Some(p));
        }
        let followed = match self.store.load_plan_as_evaluated(code, None).await {
            Ok(followed) => followed,
            Err(StoreError::NotFound(_)) => return Ok(None),
            Err(e) => return Err(e),
        };
        let evaluated = Arc::new(Evaluated::new(followed, None));
        self.keep(|state| {
            state.plans.insert(code.to_owned(), evaluated.clone());
        });
        Ok(Some(evaluated))
    }
}

/// The middleware that checks the stamp once per request and answers a `GET` from the kept
/// pages when it can.
pub async fn pages(AppState(app): AppState<crate::App>, request: Request, next: Next) -> Response {
    if request.uri().path().starts_with("/static/") {
        // Files compiled into the binary: nothing of the data's.
        return next.run(request).await;
    }
    let lang = crate::i18n::RequestLang::of(
        request.uri().query(),
        request
            .headers()
            .get(axum::http::header::COOKIE)
            .and_then(|v| v.to_str().ok()),
    )
    .lang;
    let stamp = match app.plans().refresh().await {
        Ok(stamp) => stamp,
        Err(e) => return crate::PageError::Store(lang, e).into_response(),
    };
    REQUEST_STAMP
        .scope(stamp, answer(app, lang, request, next))
        .await
}

async fn answer(
    app: crate::App,
    lang: shinchoku_core::Lang,
    request: Request,
    next: Next,
) -> Response {
    // A signed-in visitor's pages name them (and carry their session's anti-forgery token):
    // they are never kept, nor answered from what was kept for anyone else.
    let signed_in = request
        .extensions()
        .get::<crate::accounts::Visitor>()
        .is_some_and(|v| v.account.is_some());
    if request.method() != Method::GET || signed_in {
        return next.run(request).await;
    }
    let key = format!(
        "{}|{}|{}",
        crate::i18n::texts(lang).code,
        app.current_fy(),
        request.uri()
    );
    if let Some(page) = app.plans().page(&key) {
        return ([(CONTENT_TYPE, page.content_type)], page.body).into_response();
    }
    let response = next.run(request).await;
    let keep = response.status() == StatusCode::OK && !response.headers().contains_key(SET_COOKIE);
    let Some(content_type) = response
        .headers()
        .get(CONTENT_TYPE)
        .cloned()
        .filter(|_| keep)
    else {
        return response;
    };
    let small = axum::body::HttpBody::size_hint(response.body())
        .exact()
        .is_some_and(|n| n <= MAX_PAGE_BYTES as u64);
    if !small {
        return response;
    }
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(body) => {
            app.plans().keep_page(
                key,
                Page {
                    content_type,
                    body: body.clone(),
                },
            );
            Response::from_parts(parts, Body::from(body))
        }
        // A body of a known size that failed to arrive: a bug of a handler.
        Err(e) => {
            tracing::error!(error = %e, "page body");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

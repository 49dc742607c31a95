//! The web application: server-rendered pages and a JSON API over the [`Store`].
//!
//! Every page is HTML rendered on the server from askama templates (which escape every value
//! by default), so a page reads without JavaScript, prints, and works with a keyboard and a
//! screen reader. The binary (`shinchoku serve`, `shinchoku demo`) builds an [`App`] and calls
//! [`serve`]; tests call [`router`] on a listener of their own (port 0).
//!
//! Data flows one way: a request names a plan, [`cache::Plans`] gives back that plan evaluated
//! (loaded from the store once per change of the data, so a write by another process — a CLI
//! import — shows on the next request), and a page module turns it into a template's view.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::{any, get, post};
use axum::Router;
use shinchoku_store::Store;
use tokio::net::TcpListener;

pub mod accounts;
mod api;
pub mod auth;
pub mod cache;
mod error;
pub mod i18n;
pub mod mail;
mod pages;
pub mod reporting;
pub mod round;
mod security;
pub mod sheet;
mod view;
mod workings;
pub mod writes;

pub use error::PageError;
/// The sign-in throttle: failures per account and per address within the window (seconds).
pub use pages::login::{
    MAX_PER_ACCOUNT as LOGIN_MAX_PER_ACCOUNT, MAX_PER_ADDRESS as LOGIN_MAX_PER_ADDRESS,
    WINDOW_SECS as LOGIN_WINDOW_SECS,
};

/// What every request handler shares: the store and the cache of evaluated plans.
#[derive(Debug, Clone)]
pub struct App {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    store: Store,
    plans: cache::Plans,
    options: Options,
}

/// How the application is run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Readable without a login (`serve --public`, `demo`). Otherwise every page but the
    /// sign-in page asks for one; writing always does.
    pub public: bool,
    /// Evaluate plans with the fiscal year that is current today marked; `None` takes the
    /// system clock. Tests fix it so their pages do not change with the date.
    pub today_fy: Option<i32>,
    /// The SMTP relay that tells whoever owes an item the moment it is returned (`serve
    /// --smtp`); `None` sends nothing.
    pub mail: Option<mail::Relay>,
}

impl App {
    /// The application over `store`.
    pub fn new(store: Store, options: Options) -> App {
        App {
            inner: Arc::new(Inner {
                plans: cache::Plans::new(store.clone()),
                store,
                options,
            }),
        }
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The evaluated plans.
    pub fn plans(&self) -> &cache::Plans {
        &self.inner.plans
    }

    /// How it runs.
    pub fn options(&self) -> &Options {
        &self.inner.options
    }

    /// The current fiscal year (April to March), for the marks on charts.
    pub fn current_fy(&self) -> i32 {
        self.inner
            .options
            .today_fy
            .unwrap_or_else(view::current_fiscal_year)
    }
}

/// The largest Actuals CSV an upload takes: 16 MiB (about 300,000 rows).
pub const UPLOAD_LIMIT: usize = 16 << 20;

/// Every route of the application.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/", get(pages::dashboard::page))
        .route("/plans/{code}", get(pages::plan::page))
        .route("/plans/{code}/roadmap", get(pages::roadmap::page))
        .route(
            "/plans/{code}/organizations",
            get(pages::organizations::page),
        )
        .route("/plans/{code}/diff", get(pages::diff::page))
        .route("/plans/{code}/report", get(pages::report::page))
        .route("/plans/{code}/report.csv", get(pages::report::csv))
        .route("/plans/{code}/report.md", get(pages::report::markdown))
        .route("/plans/{code}/report.xlsx", get(pages::report::xlsx))
        .route("/plans/{code}/indicators/{id}", get(pages::indicator::page))
        .route("/login", get(pages::login::page).post(pages::login::submit))
        .route("/logout", post(pages::login::logout))
        .route("/changes", get(pages::changes::page))
        .route("/entry", get(pages::entry::list))
        .route(
            "/entry/upload",
            get(pages::entry::upload_form)
                .post(pages::entry::upload)
                .layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/entry/{code}/{id}", get(pages::entry::indicator))
        .route(
            "/entry/{code}/{id}/{period}",
            get(pages::entry::form).post(pages::entry::save),
        )
        .route("/rounds", get(pages::rounds::list))
        .route("/plans/{code}/rounds/{fy}", get(pages::rounds::round))
        .route("/plans/{code}/rounds/{fy}/sheet", get(pages::rounds::sheet))
        .route(
            "/plans/{code}/rounds/{fy}/sheet.xlsx",
            get(pages::rounds::sheet_xlsx),
        )
        .route(
            "/plans/{code}/rounds/{fy}/items/{id}",
            get(pages::rounds::item),
        )
        .route(
            "/plans/{code}/rounds/{fy}/items/{id}/submit",
            post(pages::rounds::submit),
        )
        .route(
            "/plans/{code}/rounds/{fy}/items/{id}/return",
            post(pages::rounds::send_back),
        )
        .route("/admin", get(pages::admin::show))
        .route("/admin/users", post(pages::admin::add_user))
        .route("/admin/users/remove", post(pages::admin::remove_user))
        .route("/admin/assignments", post(pages::admin::assign))
        .route("/admin/assignments/remove", post(pages::admin::unassign))
        .route("/static/{file}", get(pages::assets::file))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/v1/plans", get(api::plans::list))
        .route("/api/v1/plans/{code}", get(api::plans::plan))
        .route("/api/v1/plans/{code}/nodes", get(api::plans::nodes))
        .route(
            "/api/v1/plans/{code}/indicators",
            get(api::plans::indicators),
        )
        .route(
            "/api/v1/plans/{code}/indicators/{id}",
            get(api::plans::indicator),
        )
        .route(
            "/api/v1/plans/{code}/indicators/{id}/observations",
            get(api::plans::observations),
        )
        .route(
            "/api/v1/plans/{code}/evaluation",
            get(api::evaluation::evaluation),
        )
        .route("/api/v1/observations", post(api::observations::record))
        .route(
            "/api/v1/actuals",
            post(api::observations::upload).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/api/{*rest}", any(api::not_found))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            cache::pages,
        ))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            accounts::visitor,
        ))
        .layer(axum::middleware::from_fn(security::headers))
        .with_state(app)
}

/// Serves `app` on `listener` until `shutdown` resolves (Ctrl-C in the binary).
///
/// # Errors
/// The listener's IO error, if serving stops on one.
pub async fn serve(
    listener: TcpListener,
    app: App,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(app).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

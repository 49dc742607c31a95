//! A real server for each test: the application on 127.0.0.1, port 0, over a fresh database,
//! on a runtime of its own thread; it stops when the test drops it.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // each test file uses a part

pub mod accounts;

use std::net::SocketAddr;
use std::sync::mpsc;
use std::thread::JoinHandle;

use shinchoku_core::plan::Plan;
use shinchoku_store::Store;
use shinchoku_testkit::db::{actor, runtime, TestDb};
use shinchoku_testkit::http::{self, Response};
use shinchoku_web::{App, Options};

/// A running server and the database under it.
pub struct Server {
    pub addr: SocketAddr,
    pub db: TestDb,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// The application over `db`, listening on a free port, readable without a login.
    pub fn start(db: TestDb) -> Server {
        Server::start_with(
            db,
            Options {
                public: true,
                today_fy: Some(2024),
                mail: None,
            },
        )
    }

    /// The application over `db`, asking for a sign-in to read.
    pub fn private(db: TestDb) -> Server {
        Server::start_with(
            db,
            Options {
                public: false,
                today_fy: Some(2024),
                mail: None,
            },
        )
    }

    /// The application over `db` run with `options`.
    pub fn start_with(db: TestDb, options: Options) -> Server {
        let (tx, rx) = mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let url = db.url.clone();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let store = Store::open(&url).await.unwrap();
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                tx.send(listener.local_addr().unwrap()).unwrap();
                let app = App::new(store.clone(), options);
                shinchoku_web::serve(listener, app, async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
                store.close().await;
            });
        });
        let addr = rx.recv().expect("the server started");
        Server {
            addr,
            db,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// `GET path`.
    pub fn get(&self, path: &str) -> Response {
        http::get(self.addr, path, &[])
    }

    /// `GET path` with headers.
    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        http::get(self.addr, path, headers)
    }

    /// Saves `plans` through a store of its own, as another process (a CLI import) would.
    pub fn save(&self, plans: &[Plan]) {
        let url = self.db.url.clone();
        let plans = plans.to_vec();
        runtime().block_on(async move {
            let store = Store::open(&url).await.unwrap();
            let mut tx = store.begin().await.unwrap();
            for p in &plans {
                tx.save_plan(p, &actor()).await.unwrap();
            }
            tx.commit().await.unwrap();
            store.close().await;
        });
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// One server per database this run tests against (SQLite, and PostgreSQL when there is one).
pub fn on_every_database(test: impl Fn(&Server)) {
    for db in shinchoku_testkit::db::databases() {
        let label = db.label;
        eprintln!("on {label}");
        let server = Server::start(db);
        test(&server);
    }
}

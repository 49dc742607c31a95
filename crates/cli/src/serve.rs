//! `shinchoku serve` and `shinchoku demo`: the web application on an address, until Ctrl-C.
//!
//! The binary is thin here: it opens the store, builds the `shinchoku-web` application and
//! runs it on a multi-threaded runtime (both cores answer requests). Logs go to stderr, one
//! line per request with its id (`RUST_LOG`-style filtering is not needed for an intranet
//! server: `--quiet` turns them off).

use std::io::Write;
use std::net::SocketAddr;

use shinchoku_core::Lang;
use shinchoku_store::Store;
use shinchoku_web::{App, Options};

use crate::error::{CliError, Doing, Writing};

/// The arguments of `serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: crate::db::DbArg,
    /// The address to listen on. The default answers this machine only; `0.0.0.0:8080`
    /// answers the network (put it behind the office's reverse proxy for TLS).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Readable without a login (the public site). Without it every page asks for a sign-in
    /// (/login). Writing always needs one: data entry (/entry) for the accounts of
    /// `shinchoku user add`, the API with a token of `shinchoku token add`.
    #[arg(long)]
    pub public: bool,
    /// Tell whoever owes an item by e-mail the moment it is returned, through this SMTP relay
    /// (plain SMTP on the office network, no authentication).
    #[arg(long, value_name = "HOST:PORT", env = "SHINCHOKU_SMTP")]
    pub smtp: Option<String>,
    /// The sender's address of those e-mails.
    #[arg(long, value_name = "ADDR", default_value = "shinchoku@localhost")]
    pub mail_from: String,
    /// No log line per request.
    #[arg(long)]
    pub quiet: bool,
}

/// The arguments of `demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// Keep the demo's database here (`sqlite:demo.db`, `postgres://…`) instead of a
    /// temporary SQLite file.
    #[arg(long, value_name = "URL")]
    pub db: Option<String>,
    /// The address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Print the stored plans and their evaluations as tables and stop, instead of serving.
    #[arg(long)]
    pub print: bool,
    /// Tell whoever owes an item by e-mail the moment it is returned, through this SMTP relay,
    /// as `serve --smtp` does (to try the return e-mail, with a relay of your own).
    #[arg(long, value_name = "HOST:PORT", env = "SHINCHOKU_SMTP")]
    pub smtp: Option<String>,
    /// The sender's address of those e-mails.
    #[arg(long, value_name = "ADDR", default_value = "shinchoku@localhost")]
    pub mail_from: String,
    /// No log line per request.
    #[arg(long)]
    pub quiet: bool,
}

/// Runs `serve`.
pub fn serve(args: &ServeArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    logging(args.quiet);
    runtime()?.block_on(async {
        let store = crate::db::open(&args.db).await?;
        let options = Options {
            public: args.public,
            mail: relay(args.smtp.as_deref(), &args.mail_from),
            ..Options::default()
        };
        run(store, options, args.bind, lang, None, out).await
    })
}

/// Runs `demo`: the bundled samples stored in a database (a temporary one unless `--db`), then
/// served, readable without a login.
pub fn demo(args: &DemoArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    let temp = std::env::temp_dir().join(format!("shinchoku-demo-{}", std::process::id()));
    let db = match &args.db {
        Some(db) => db.clone(),
        None => {
            std::fs::create_dir_all(&temp).map_err(|source| CliError::System {
                doing: Doing::CreateDir(temp.display().to_string()),
                source,
            })?;
            format!("sqlite:{}", temp.join("demo.db").display())
        }
    };
    let result = if args.print {
        crate::evaluate::demo_print(&db, lang, out)
    } else {
        logging(args.quiet);
        served_demo(
            &db,
            args.bind,
            relay(args.smtp.as_deref(), &args.mail_from),
            lang,
            out,
        )
    };
    if args.db.is_none() {
        let _ = std::fs::remove_dir_all(&temp);
    }
    result
}

/// The relay the return e-mails go through, when `--smtp` names one.
fn relay(smtp: Option<&str>, from: &str) -> Option<shinchoku_web::mail::Relay> {
    smtp.map(|address| shinchoku_web::mail::Relay {
        address: address.to_owned(),
        from: from.to_owned(),
    })
}

fn served_demo(
    db: &str,
    bind: SocketAddr,
    mail: Option<shinchoku_web::mail::Relay>,
    lang: Lang,
    out: &mut impl Write,
) -> Result<(), CliError> {
    runtime()?.block_on(async {
        let store = crate::db::open(&crate::db::DbArg { db: db.to_owned() }).await?;
        crate::evaluate::store_samples(&store).await?;
        let admin = demo_admin(&store).await?;
        let options = Options {
            public: true,
            mail,
            ..Options::default()
        };
        run(store, options, bind, lang, Some((db, admin)), out).await
    })
}

async fn run(
    store: Store,
    options: Options,
    bind: SocketAddr,
    lang: Lang,
    demo: Option<(&str, Option<String>)>,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .map_err(|source| CliError::System {
            doing: Doing::Bind(bind.to_string()),
            source,
        })?;
    let addr = listener.local_addr().unwrap_or(bind);
    let mut text = match lang {
        Lang::Ja => format!("shinchoku を http://{addr}/ で公開しています（Ctrl-C で終了）。\n"),
        Lang::En => format!("shinchoku is serving on http://{addr}/ (Ctrl-C stops it).\n"),
    };
    if let Some((db, admin)) = demo {
        text.push_str(&match lang {
            Lang::Ja => format!(
                "デモ: 同梱のサンプル計画を {} に取り込みました。ログインなしで閲覧できます。\n",
                shinchoku_store::redact(db)
            ),
            Lang::En => format!(
                "demo: the bundled sample plans are stored in {}; readable without a login.\n",
                shinchoku_store::redact(db)
            ),
        });
        text.push_str(&match (lang, admin) {
            (Lang::Ja, Some(pw)) => format!(
                "管理者アカウント: {DEMO_ADMIN}  パスワード: {pw}\n\
                 （http://{addr}/login でログインすると、データ入力（/entry）と管理（/admin）を使えます）\n"
            ),
            (Lang::En, Some(pw)) => format!(
                "admin account: {DEMO_ADMIN}  password: {pw}\n\
                 (sign in at http://{addr}/login for data entry (/entry) and administration (/admin))\n"
            ),
            (Lang::Ja, None) => format!(
                "管理者アカウント {DEMO_ADMIN} はこのデータベースに作成済みです（パスワードは作成時に表示したもの）。\n"
            ),
            (Lang::En, None) => format!(
                "the admin account {DEMO_ADMIN} exists in this database already (its password was shown when it was made).\n"
            ),
        });
    }
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(CliError::output(Writing::Output))?;
    let app = App::new(store.clone(), options);
    let served = shinchoku_web::serve(listener, app, shutdown()).await;
    store.close().await;
    served.map_err(|source| CliError::System {
        doing: Doing::Bind(addr.to_string()),
        source,
    })
}

/// The demo's administrator.
const DEMO_ADMIN: &str = "admin";

/// Creates the demo's administrator with a new random password, returned to be printed once;
/// `None` when a kept database (`--db`) has one already.
async fn demo_admin(store: &Store) -> Result<Option<String>, CliError> {
    let password = shinchoku_web::auth::new_password(16);
    let hash = shinchoku_web::auth::hash_password(&password).map_err(|e| CliError::System {
        doing: Doing::Runtime,
        source: std::io::Error::other(e.to_string()),
    })?;
    let admin = shinchoku_store::NewUser {
        name: DEMO_ADMIN,
        role: "admin",
        group: None,
        email: None,
        password_hash: &hash,
    };
    match store.add_user(&admin).await {
        Ok(()) => Ok(Some(password)),
        Err(shinchoku_store::StoreError::Conflict { .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Resolves at Ctrl-C or SIGTERM (a service manager's stop).
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, CliError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| CliError::System {
            doing: Doing::Runtime,
            source,
        })
}

/// One line per request on stderr, unless `quiet`.
fn logging(quiet: bool) {
    if quiet {
        return;
    }
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_max_level(tracing::Level::INFO)
        .try_init();
}

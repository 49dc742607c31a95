//! `shinchoku user add|list|remove`, `shinchoku assign` and `shinchoku token add`: the people
//! who use the web application, the departments that own a plan's nodes, and the tokens
//! scripts write with (DESIGN.md → The yearly evaluation round, Web routes).
//!
//! A password is never an argument (it would stay in the shell's history and show in `ps`):
//! it is read from standard input when that is not a terminal (`echo … | shinchoku user add`),
//! else asked for twice without echo. It must have at least 12 characters and be none of the
//! common ones (the web crate's `auth::check_new_password`, the rule the web uses too). A token
//! is printed once, alone on standard output; only its hash is stored.

use std::io::{BufRead, IsTerminal, Write};

use clap::ValueEnum;
use shinchoku_core::lang::Lang;
use shinchoku_store::NewUser;
use shinchoku_web::auth::{check_new_password, hash_password, new_secret, secret_hash};

use crate::db::{block_on, open, write_out, DbArg, ListFormat};
use crate::error::{CliError, Doing, Input};

/// The roles of DESIGN.md → The yearly evaluation round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    /// Everything, accounts included.
    Admin,
    /// The planning office: every plan's data; the first review.
    Planner,
    /// The second review.
    Executive,
    /// The external review.
    Committee,
    /// A department's staff: their department's data (needs --group).
    Editor,
    /// Reading only.
    Viewer,
}

impl RoleArg {
    fn as_str(self) -> &'static str {
        match self {
            RoleArg::Admin => "admin",
            RoleArg::Planner => "planner",
            RoleArg::Executive => "executive",
            RoleArg::Committee => "committee",
            RoleArg::Editor => "editor",
            RoleArg::Viewer => "viewer",
        }
    }
}

/// `shinchoku user …`.
#[derive(Debug, clap::Args)]
pub struct UserArgs {
    #[command(subcommand)]
    pub command: UserCommand,
}

/// What `user` does.
#[derive(Debug, clap::Subcommand)]
pub enum UserCommand {
    /// Add an account. The password is read from standard input (a prompt on a terminal),
    /// never from an argument: at least 12 characters, not a common one.
    ///
    /// Examples:
    ///   shinchoku user add sato --role editor --group 商工振興課 --email sato@example.lg.jp
    ///   printf '%s\n' "$PASSWORD" | shinchoku user add planner1 --role planner
    #[command(verbatim_doc_comment)]
    Add(UserAddArgs),
    /// List the accounts: name, role, department, e-mail, created.
    List(UserListArgs),
    /// Remove an account, its sessions and its tokens (the audit log keeps its name).
    Remove(UserRemoveArgs),
}

/// `user add`.
#[derive(Debug, clap::Args)]
pub struct UserAddArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// The sign-in name.
    #[arg(value_name = "NAME")]
    pub name: String,
    /// What the account may do.
    #[arg(long, value_enum)]
    pub role: RoleArg,
    /// The department (担当課), for an editor: the nodes assigned to it are theirs.
    #[arg(long, value_name = "DEPT")]
    pub group: Option<String>,
    /// Where reminders go.
    #[arg(long, value_name = "ADDR")]
    pub email: Option<String>,
}

/// `user list`.
#[derive(Debug, clap::Args)]
pub struct UserListArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// `user remove`.
#[derive(Debug, clap::Args)]
pub struct UserRemoveArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// The sign-in name.
    #[arg(value_name = "NAME")]
    pub name: String,
}

/// `shinchoku assign`.
#[derive(Debug, clap::Args)]
pub struct AssignArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// The plan's code.
    #[arg(long, value_name = "CODE")]
    pub plan: String,
    /// The node (施策) the department owns; its children and their indicators inherit it.
    /// Without it, the whole plan.
    #[arg(long, value_name = "ID")]
    pub node: Option<String>,
    /// The department (担当課).
    #[arg(long, value_name = "DEPT", required_unless_present = "remove")]
    pub group: Option<String>,
    /// Take the node (or the whole plan) from its department instead.
    #[arg(long, conflicts_with = "group")]
    pub remove: bool,
}

/// `shinchoku token …`.
#[derive(Debug, clap::Args)]
pub struct TokenArgs {
    #[command(subcommand)]
    pub command: TokenCommand,
}

/// What `token` does.
#[derive(Debug, clap::Subcommand)]
pub enum TokenCommand {
    /// Make a bearer token for scripts, with the rights of --user, and print it once, alone
    /// on standard output (only its hash is stored: keep it, it cannot be shown again).
    ///
    /// Example:
    ///   TOKEN=$(shinchoku token add --user sato)
    ///   curl -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    ///     -d '{"plan":"…","indicator":"i1","period":"FY2024","value":42}' \
    ///     http://127.0.0.1:8080/api/v1/observations
    #[command(verbatim_doc_comment)]
    Add(TokenAddArgs),
}

/// `token add`.
#[derive(Debug, clap::Args)]
pub struct TokenAddArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// The account whose rights the token carries.
    #[arg(long, value_name = "NAME")]
    pub user: String,
    /// What the token is for (a script's name), kept with it.
    #[arg(long, value_name = "TEXT")]
    pub label: Option<String>,
}

/// Runs a command's work on a runtime of its own.
fn run(f: impl std::future::Future<Output = Result<(), CliError>>) -> Result<(), CliError> {
    block_on(f)?
}

/// Reads the new password: standard input's first line when it is no terminal, else a prompt
/// (twice, without echo).
fn read_password(lang: Lang) -> Result<String, CliError> {
    let stdin = std::io::stdin();
    let system = |source| CliError::System {
        doing: Doing::ReadPassword,
        source,
    };
    if !stdin.is_terminal() {
        let mut line = String::new();
        stdin.lock().read_line(&mut line).map_err(system)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    let (ask, again) = match lang {
        Lang::Ja => ("パスワード: ", "もう一度: "),
        Lang::En => ("password: ", "again: "),
    };
    let first = rpassword::prompt_password(ask).map_err(system)?;
    let second = rpassword::prompt_password(again).map_err(system)?;
    if first != second {
        return Err(CliError::Input(Input::PasswordsDiffer));
    }
    Ok(first)
}

/// Runs `user`.
pub fn user(args: &UserArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    match &args.command {
        UserCommand::Add(a) => add(a, lang, out),
        UserCommand::List(a) => list(a, lang, out),
        UserCommand::Remove(a) => run(async {
            let store = open(&a.db).await?;
            store.remove_user(&a.name).await?;
            write_out(
                out,
                &match lang {
                    Lang::Ja => format!("アカウント {} を削除しました。\n", a.name),
                    Lang::En => format!("removed the account {}\n", a.name),
                },
            )
        }),
    }
}

fn add(a: &UserAddArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    let name = a.name.trim();
    if name.is_empty() {
        return Err(CliError::Input(Input::EmptyName));
    }
    let group = a.group.as_deref().map(str::trim).filter(|g| !g.is_empty());
    if a.role == RoleArg::Editor && group.is_none() {
        return Err(CliError::Input(Input::EditorNeedsGroup));
    }
    let password = read_password(lang)?;
    check_new_password(&password, name)
        .map_err(|weak| CliError::Input(Input::WeakPassword(weak.message(lang))))?;
    let hash = hash_password(&password).map_err(|e| CliError::System {
        doing: Doing::Runtime,
        source: std::io::Error::other(e.to_string()),
    })?;
    run(async {
        let store = open(&a.db).await?;
        store
            .add_user(&NewUser {
                name,
                role: a.role.as_str(),
                group,
                email: a.email.as_deref().filter(|e| !e.trim().is_empty()),
                password_hash: &hash,
            })
            .await?;
        write_out(
            out,
            &match lang {
                Lang::Ja => format!("アカウント {name}（{}）を追加しました。\n", a.role.as_str()),
                Lang::En => format!("added the account {name} ({})\n", a.role.as_str()),
            },
        )
    })
}

fn list(a: &UserListArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    run(async {
        let store = open(&a.db).await?;
        let users = store.users().await?;
        let text = match a.format {
            ListFormat::Json => {
                let v: Vec<serde_json::Value> = users
                    .iter()
                    .map(|u| {
                        serde_json::json!({
                            "name": u.name, "role": u.role, "group": u.group,
                            "email": u.email, "created_at": u.created_at,
                        })
                    })
                    .collect();
                format!("{}\n", serde_json::Value::Array(v))
            }
            ListFormat::Table => {
                let head = match lang {
                    Lang::Ja => ["ユーザー名", "役割", "担当課", "メール", "作成日時"],
                    Lang::En => ["name", "role", "department", "e-mail", "created"],
                };
                let rows: Vec<Vec<String>> = users
                    .iter()
                    .map(|u| {
                        vec![
                            u.name.clone(),
                            u.role.clone(),
                            u.group.clone().unwrap_or_default(),
                            u.email.clone().unwrap_or_default(),
                            u.created_at.clone(),
                        ]
                    })
                    .collect();
                crate::output::simple_table(&head, &rows)
            }
        };
        write_out(out, &text)
    })
}

/// Runs `assign`.
pub fn assign(a: &AssignArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    run(async {
        let store = open(&a.db).await?;
        let node = a.node.as_deref();
        let whole = match lang {
            Lang::Ja => "計画全体",
            Lang::En => "the whole plan",
        };
        let what = node.unwrap_or(whole);
        if a.remove {
            let had = store.unassign(&a.plan, node).await?;
            let text = match (lang, had) {
                (Lang::Ja, true) => {
                    format!("{} {what} の担当課の割り当てを解除しました。\n", a.plan)
                }
                (Lang::Ja, false) => {
                    format!("{} {what} には担当課の割り当てがありません。\n", a.plan)
                }
                (Lang::En, true) => format!("{} {what}: no longer assigned\n", a.plan),
                (Lang::En, false) => format!("{} {what} had no department\n", a.plan),
            };
            return write_out(out, &text);
        }
        let group = a.group.as_deref().map(str::trim).unwrap_or_default();
        if group.is_empty() {
            return Err(CliError::Input(Input::EditorNeedsGroup));
        }
        if let Some(n) = node {
            let plan = store.load_plan(&a.plan, None).await?;
            if !plan.nodes.iter().any(|x| x.id == n) {
                return Err(CliError::Input(Input::NoNode {
                    plan: a.plan.clone(),
                    node: n.to_owned(),
                }));
            }
        }
        store.assign(&a.plan, node, group).await?;
        write_out(
            out,
            &match lang {
                Lang::Ja => format!("{} {what} を {group} の担当にしました。\n", a.plan),
                Lang::En => format!("{} {what} now belongs to {group}\n", a.plan),
            },
        )
    })
}

/// Runs `token`.
pub fn token(args: &TokenArgs, out: &mut impl Write) -> Result<(), CliError> {
    match &args.command {
        TokenCommand::Add(a) => run(async {
            let store = open(&a.db).await?;
            let token = new_secret();
            store
                .add_token(&a.user, &secret_hash(&token), a.label.as_deref())
                .await?;
            write_out(out, &format!("{token}\n"))
        }),
    }
}

//! `shinchoku round open|status|draft|submit|return|close`: the yearly evaluation round from the
//! command line (DESIGN.md → The yearly evaluation round).
//!
//! The rules are core's (`shinchoku_core::round`): who acts at which stage, what a submission
//! needs, the order of the checks (a confirmed item refuses with exit 3 before rights are
//! checked; acting outside one's stage or department is exit 5; a missing explanation exit 1).
//! The store keeps the round, its items with their versions, and the audit log. Each item is
//! evaluated in the round's year on the plan version the round was opened on, as `evaluate`
//! evaluates it; its figures are frozen when it is confirmed, the rest when the round closes.

use std::io::Write;

use clap::ValueEnum;
use shinchoku_core::lang::{Lang, Localize};
use shinchoku_core::round::{ItemState, Person, Role, RoundError, Stages};
use shinchoku_store::{Actor, Figures, NewRound, Store, StoreError};
use shinchoku_web::round::{ActError, Action, LoadedRound};

use crate::db::{block_on, open, write_out, DbArg};
use crate::error::{CliError, Input};

/// `shinchoku round …`.
#[derive(Debug, clap::Args)]
pub struct RoundArgs {
    #[command(subcommand)]
    pub command: RoundCommand,
}

/// The plan and year every `round` command names.
#[derive(Debug, clap::Args)]
pub struct Which {
    #[command(flatten)]
    pub db: DbArg,
    /// The plan's code.
    #[arg(long, value_name = "CODE")]
    pub plan: String,
    /// The fiscal year under review (2024 = 令和6年度).
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1000..=9999))]
    pub fy: i32,
}

/// What `round` does.
#[derive(Debug, clap::Subcommand)]
pub enum RoundCommand {
    /// Open the fiscal year's round: every indicator of the plan becomes an item at the first
    /// stage, not started; its department is the one `shinchoku assign` made its owner.
    ///
    /// Example:
    ///   shinchoku round open --plan yamaguchi-industry-2022 --fy 2024 --due 2025-06-30 --stages self,first
    #[command(verbatim_doc_comment)]
    Open(OpenArgs),
    /// Each item's department, stage, state and grade, and whether it needs an explanation;
    /// with --user, only what that account owes now.
    Status(StatusArgs),
    /// Print the factual draft of an item's 要因分析 (from the numbers), to edit before
    /// submitting: a cause equal to the draft is refused.
    Draft(ItemArgs),
    /// Complete the stage the item is at, as --as (the stage's role; a department's editor for
    /// the self-evaluation). An item graded C or D, worse than its baseline or without a value
    /// needs --cause and --next at the self-evaluation.
    Submit(SubmitArgs),
    /// Send a submitted item back to the stage it came from, with --reason.
    Return(ReturnArgs),
    /// Close the round: every item must be confirmed (--force closes anyway and records which
    /// were not). A closed round's record no longer changes; actual values stay revisable.
    Close(CloseArgs),
}

/// `round open`.
#[derive(Debug, clap::Args)]
pub struct OpenArgs {
    #[command(flatten)]
    pub which: Which,
    /// When the departments' self-evaluations are due (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub due: String,
    /// The stages, in order.
    #[arg(
        long,
        value_name = "LIST",
        default_value = "self,first,second,external"
    )]
    pub stages: String,
    #[command(flatten)]
    pub who: crate::db::ActorArg,
}

/// Output formats of `round status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// Aligned columns for people.
    Table,
    /// DESIGN.md's `round status` JSON.
    Json,
}

/// `round status`.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub which: Which,
    /// Only the items this account acts on now.
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
    pub format: StatusFormat,
}

/// `round draft`.
#[derive(Debug, clap::Args)]
pub struct ItemArgs {
    #[command(flatten)]
    pub which: Which,
    /// The item: an indicator's id.
    #[arg(long, value_name = "ID")]
    pub item: String,
}

/// `round submit`.
#[derive(Debug, clap::Args)]
pub struct SubmitArgs {
    #[command(flatten)]
    pub which: Which,
    /// The item: an indicator's id.
    #[arg(long, value_name = "ID")]
    pub item: String,
    /// The account acting (`shinchoku user add`).
    #[arg(long = "as", value_name = "USER")]
    pub user: String,
    /// 要因分析: why the value is where it is.
    #[arg(long, value_name = "TEXT")]
    pub cause: Option<String>,
    /// 今後の対応: what will be done.
    #[arg(long, value_name = "TEXT")]
    pub next: Option<String>,
    /// A comment (the self-evaluation's, or the review's at a later stage).
    #[arg(long, value_name = "TEXT")]
    pub comment: Option<String>,
}

/// `round return`.
#[derive(Debug, clap::Args)]
pub struct ReturnArgs {
    #[command(flatten)]
    pub which: Which,
    /// The item: an indicator's id.
    #[arg(long, value_name = "ID")]
    pub item: String,
    /// The account acting: the next stage's role.
    #[arg(long = "as", value_name = "USER")]
    pub user: String,
    /// Why it goes back: shown at the stage it returns to.
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    /// Tell whoever owes the item now, at once, through this SMTP relay (plain SMTP, no
    /// authentication; `shinchoku remind` would tell them later otherwise).
    #[arg(long, value_name = "HOST:PORT", env = "SHINCHOKU_SMTP")]
    pub smtp: Option<String>,
    /// The sender's address of that e-mail.
    #[arg(long, value_name = "ADDR", default_value = "shinchoku@localhost")]
    pub from: String,
}

/// `round close`.
#[derive(Debug, clap::Args)]
pub struct CloseArgs {
    #[command(flatten)]
    pub which: Which,
    /// Close although some items are not confirmed (they are recorded as such).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub who: crate::db::ActorArg,
}

/// Runs `round`.
pub fn run(args: &RoundArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    block_on(async {
        match &args.command {
            RoundCommand::Open(a) => open_round(a, lang, out).await,
            RoundCommand::Status(a) => status(a, lang, out).await,
            RoundCommand::Draft(a) => draft_cmd(a, lang, out).await,
            RoundCommand::Submit(a) => {
                act(&a.which, &a.item, &a.user, Act::Submit(a), lang, out).await
            }
            RoundCommand::Return(a) => {
                act(&a.which, &a.item, &a.user, Act::Return(a), lang, out).await
            }
            RoundCommand::Close(a) => close(a, lang, out).await,
        }
    })?
}

/// A `YYYY-MM-DD` that is a date (core's period reader: `2025-02-30` is none).
fn valid_date(s: &str) -> bool {
    matches!(
        shinchoku_core::period::Period::parse(s.trim()),
        Ok(shinchoku_core::period::Period::Date { .. })
    ) && s.trim().len() == 10
}

async fn open_round(a: &OpenArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    let stages = Stages::parse(&a.stages)
        .map_err(|e| CliError::Input(Input::Round(e.in_lang(lang).to_string())))?;
    if !valid_date(&a.due) {
        return Err(CliError::Input(Input::Round(match lang {
            Lang::Ja => format!("期限「{}」は YYYY-MM-DD の日付ではありません", a.due),
            Lang::En => format!("due date \"{}\" is no YYYY-MM-DD date", a.due),
        })));
    }
    let actor = crate::db::actor_of(&a.who)?;
    let store = open(&a.which.db).await?;
    let plan = store.load_plan(&a.which.plan, None).await?;
    let ids: Vec<String> = plan
        .indicators
        .iter()
        .map(|i| i.indicator.id.clone())
        .collect();
    store
        .open_round(
            &NewRound {
                code: &a.which.plan,
                fy: a.which.fy,
                due: &a.due,
                stages: &stages.text(),
                first_stage: stages.first().as_str(),
                indicators: &ids,
            },
            &actor,
        )
        .await?;
    write_out(
        out,
        &match lang {
            Lang::Ja => format!(
                "{} {} の評価を開始しました（{}項目、段階 {}、期限 {}）。\n",
                a.which.plan,
                crate::db::fy_text(a.which.fy, lang),
                ids.len(),
                stages.text(),
                a.due
            ),
            Lang::En => format!(
                "opened the round of {} {} ({} items, stages {}, due {})\n",
                a.which.plan,
                crate::db::fy_text(a.which.fy, lang),
                ids.len(),
                stages.text(),
                a.due
            ),
        },
    )
}

async fn load(store: &Store, which: &Which) -> Result<LoadedRound, CliError> {
    LoadedRound::load(store, &which.plan, which.fy)
        .await?
        .ok_or_else(|| {
            CliError::Input(Input::NoRound {
                plan: which.plan.clone(),
                fy: which.fy,
            })
        })
}

async fn status(a: &StatusArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    let store = open(&a.which.db).await?;
    let l = load(&store, &a.which).await?;
    let user =
        match &a.user {
            Some(name) => Some(store.user(name).await?.ok_or_else(|| {
                StoreError::NotFound(shinchoku_store::Missing::User(name.clone()))
            })?),
            None => None,
        };
    let closed = l.closed();
    let mut items = Vec::new();
    for pi in &l.plan.indicators {
        let id = &pi.indicator.id;
        let (Some(item), Some(at)) = (l.item(id), l.index(id)) else {
            continue;
        };
        let owner = l.owner(id);
        let pos = l.position(item);
        if let Some(u) = &user {
            let person = Person {
                name: &u.name,
                role: Role::parse(&u.role).unwrap_or(Role::Viewer),
                group: u.group.as_deref(),
            };
            let owes = !closed
                && pos
                    .acting(&l.stages)
                    .is_some_and(|s| person.acts_at(s, owner.as_deref()));
            if !owes {
                continue;
            }
        }
        let grade = l.grade(item, at);
        items.push((
            id.clone(),
            pi.indicator.name.clone(),
            owner,
            pos,
            grade,
            l.needs(at),
        ));
    }
    let text = match a.format {
        StatusFormat::Json => {
            let v = serde_json::json!({
                "plan": a.which.plan,
                "fy": a.which.fy,
                "state": l.round.info.state,
                "due": l.round.info.due,
                "stages": l.stages.list().iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                "items": items.iter().map(|(id, name, group, pos, grade, needs)| serde_json::json!({
                    "id": id, "name": name, "group": group,
                    "stage": pos.stage.as_str(), "state": pos.state.as_str(),
                    "grade": grade, "needs_explanation": needs,
                })).collect::<Vec<_>>(),
            });
            format!("{v}\n")
        }
        StatusFormat::Table => {
            let head = match lang {
                Lang::Ja => ["ID", "指標", "担当課", "段階", "状態", "評価", "要説明"],
                Lang::En => [
                    "id",
                    "indicator",
                    "department",
                    "stage",
                    "state",
                    "grade",
                    "explain",
                ],
            };
            let rows: Vec<Vec<String>> = items
                .iter()
                .map(|(id, name, group, pos, grade, needs)| {
                    vec![
                        id.clone(),
                        name.clone(),
                        group.clone().unwrap_or_else(|| "—".into()),
                        pos.stage.label(lang).to_owned(),
                        pos.state.label(lang).to_owned(),
                        grade.clone(),
                        if *needs { "●".into() } else { String::new() },
                    ]
                })
                .collect();
            let state = match (lang, closed) {
                (Lang::Ja, false) => "受付中",
                (Lang::Ja, true) => "締切済",
                (Lang::En, false) => "open",
                (Lang::En, true) => "closed",
            };
            let head_line = match lang {
                Lang::Ja => format!(
                    "{} {}: {state}、期限 {}、段階 {}\n",
                    a.which.plan,
                    crate::db::fy_text(a.which.fy, lang),
                    l.round.info.due,
                    l.stages.text()
                ),
                Lang::En => format!(
                    "{} {}: {state}, due {}, stages {}\n",
                    a.which.plan,
                    crate::db::fy_text(a.which.fy, lang),
                    l.round.info.due,
                    l.stages.text()
                ),
            };
            head_line + &crate::output::simple_table(&head, &rows)
        }
    };
    write_out(out, &text)
}

async fn draft_cmd(a: &ItemArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    let store = open(&a.which.db).await?;
    let l = load(&store, &a.which).await?;
    let at = l.index(&a.item).ok_or_else(|| no_item(&a.which, &a.item))?;
    let text = l.draft(at, lang).unwrap_or_default();
    write_out(out, &format!("{text}\n"))
}

fn no_item(which: &Which, item: &str) -> CliError {
    CliError::Input(Input::NoItem {
        plan: which.plan.clone(),
        fy: which.fy,
        item: item.to_owned(),
    })
}

enum Act<'a> {
    Submit(&'a SubmitArgs),
    Return(&'a ReturnArgs),
}

async fn act(
    which: &Which,
    item_id: &str,
    user: &str,
    what: Act<'_>,
    lang: Lang,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let store = open(&which.db).await?;
    let l = load(&store, which).await?;
    let item = l.item(item_id).ok_or_else(|| no_item(which, item_id))?;
    let pos = l.position(item);
    // A confirmed item refuses before anything else is looked at, the account included.
    if pos.state == ItemState::Confirmed {
        return Err(CliError::Round(RoundError::Confirmed));
    }
    let account = store
        .user(user)
        .await?
        .ok_or_else(|| StoreError::NotFound(shinchoku_store::Missing::User(user.to_owned())))?;
    let person = Person {
        name: &account.name,
        role: Role::parse(&account.role).unwrap_or(Role::Viewer),
        group: account.group.as_deref(),
    };
    let actor = Actor::new(account.name.clone()).with_source("cli");
    let action = match what {
        Act::Submit(a) => Action::Submit {
            cause: a.cause.as_deref(),
            next: a.next.as_deref(),
            comment: a.comment.as_deref(),
        },
        Act::Return(a) => Action::Return { reason: &a.reason },
    };
    let next = l
        .apply(&store, item_id, &person, action, &actor, lang)
        .await
        .map_err(|e| match e {
            ActError::NoItem => no_item(which, item_id),
            ActError::Round(r) => CliError::Round(r),
            ActError::Store(s) => CliError::Store(s),
        })?;
    if let Act::Return(a) = what {
        if let Some(relay) = &a.smtp {
            tell_of_return(&store, &l, item_id, next, &account.name, a, relay, lang).await?;
        }
    }
    write_out(
        out,
        &match lang {
            Lang::Ja => format!(
                "{item_id}: {}・{}\n",
                next.stage.label(lang),
                next.state.label(lang)
            ),
            Lang::En => format!(
                "{item_id}: {}, {}\n",
                next.stage.label(lang),
                next.state.label(lang)
            ),
        },
    )
}

/// E-mails the notice of a return to whoever owes the item now. The return is done whatever
/// happens here: an account without an address, or a relay that refuses, is named on standard
/// error (and `shinchoku remind` tells them later).
#[allow(clippy::too_many_arguments)]
async fn tell_of_return(
    store: &Store,
    l: &LoadedRound,
    item_id: &str,
    now: shinchoku_core::round::Position,
    by: &str,
    a: &ReturnArgs,
    relay: &str,
    lang: Lang,
) -> Result<(), CliError> {
    let users = store.users().await?;
    let (messages, nowhere) =
        shinchoku_web::mail::returned(l, item_id, now, by, &a.reason, &users, lang);
    for name in nowhere {
        eprintln!(
            "{}",
            match lang {
                Lang::Ja => format!(
                    "shinchoku: {name} にはメールアドレスがないため、差戻しを知らせていません"
                ),
                Lang::En =>
                    format!("shinchoku: {name} has no e-mail address; not told of the return"),
            }
        );
    }
    for m in &messages {
        if let Err(e) = shinchoku_web::mail::send(relay, &a.from, m) {
            eprintln!(
                "{}",
                match lang {
                    Lang::Ja => format!(
                        "shinchoku: 差し戻しましたが、{} へのメールを {relay} で送れませんでした（{e}）。shinchoku remind で知らせられます",
                        m.to
                    ),
                    Lang::En => format!(
                        "shinchoku: returned, but the e-mail to {} could not go through {relay} ({e}); shinchoku remind tells them later",
                        m.to
                    ),
                }
            );
        }
    }
    Ok(())
}

async fn close(a: &CloseArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    let actor = crate::db::actor_of(&a.who)?;
    let store = open(&a.which.db).await?;
    let l = load(&store, &a.which).await?;
    if l.closed() {
        return Err(CliError::Round(RoundError::Closed));
    }
    let unconfirmed: Vec<String> = l
        .round
        .items
        .iter()
        .filter(|i| i.state != "confirmed")
        .map(|i| i.indicator.clone())
        .collect();
    if !unconfirmed.is_empty() && !a.force {
        return Err(CliError::Input(Input::Unconfirmed(unconfirmed)));
    }
    let frozen: Vec<(String, Figures)> = unconfirmed
        .iter()
        .filter_map(|id| l.index(id).map(|at| (id.clone(), l.figures(at))))
        .collect();
    store
        .close_round(
            &a.which.plan,
            a.which.fy,
            &unconfirmed,
            &frozen,
            &l.series(),
            &actor,
        )
        .await?;
    write_out(
        out,
        &match (lang, unconfirmed.is_empty()) {
            (Lang::Ja, true) => format!(
                "{} {} の評価を締め切りました。\n",
                a.which.plan,
                crate::db::fy_text(a.which.fy, lang)
            ),
            (Lang::Ja, false) => format!(
                "{} {} の評価を締め切りました（未確定のまま: {}）。\n",
                a.which.plan,
                crate::db::fy_text(a.which.fy, lang),
                unconfirmed.join("、")
            ),
            (Lang::En, true) => format!(
                "closed the round of {} {}\n",
                a.which.plan,
                crate::db::fy_text(a.which.fy, lang)
            ),
            (Lang::En, false) => format!(
                "closed the round of {} {} (not confirmed: {})\n",
                a.which.plan,
                crate::db::fy_text(a.which.fy, lang),
                unconfirmed.join(", ")
            ),
        },
    )
}

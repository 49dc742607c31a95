//! `shinchoku remind`: one e-mail to each person who owes something in an open round — the
//! items by name, returned ones with the reason they came back, and the due date — through
//! plain SMTP (a relay on the office network), or printed with `--dry-run`.
//!
//! Whoever acts on an item now is the one who owes it (core's `Position::acting` and
//! `Person::acts_at`): the owning department's editors for a self-evaluation not yet
//! submitted or returned, the planners, executives or committee for a review. Administrators,
//! who may act anywhere, are not reminded of everything. Accounts without an e-mail address are
//! named on standard error and skipped. The SMTP client is `shinchoku_web::mail`'s (plain
//! SMTP, as DESIGN.md says; shared with the notice of a return). Dates read `令和7年（2025年）6月30日` in Japanese, `2025-06-30` in English.

use std::io::Write;

use shinchoku_core::lang::Lang;
use shinchoku_core::round::{ItemState, Person, Position, Role, RoundError, Stage, Stages};

use crate::db::{block_on, open};
use crate::error::{CliError, Doing, Usage, Writing};
use crate::round::Which;
use shinchoku_web::mail::{send, Message};

/// `shinchoku remind`.
#[derive(Debug, clap::Args)]
pub struct RemindArgs {
    #[command(flatten)]
    pub which: Which,
    /// The SMTP relay, `HOST:PORT` (plain SMTP, no authentication).
    #[arg(long, value_name = "HOST:PORT", env = "SHINCHOKU_SMTP")]
    pub smtp: Option<String>,
    /// The sender's address.
    #[arg(long, value_name = "ADDR", default_value = "shinchoku@localhost")]
    pub from: String,
    /// Print the messages instead of sending them.
    #[arg(long)]
    pub dry_run: bool,
}

/// Runs `remind`.
pub fn run(args: &RemindArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    if args.smtp.is_none() && !args.dry_run {
        return Err(CliError::Usage(Usage::NoSmtp));
    }
    let messages = block_on(messages(args, lang))??;
    let mut text = String::new();
    if args.dry_run {
        for m in &messages {
            text.push_str(&format!(
                "To: {}\nSubject: {}\n\n{}\n\n",
                m.to, m.subject, m.body
            ));
        }
    } else if let Some(relay) = &args.smtp {
        for m in &messages {
            send(relay, &args.from, m).map_err(|source| CliError::System {
                doing: Doing::Smtp(relay.clone()),
                source,
            })?;
        }
    }
    text.push_str(&match lang {
        Lang::Ja => format!(
            "{}件の督促を{}。\n",
            messages.len(),
            if args.dry_run {
                "表示しました"
            } else {
                "送信しました"
            }
        ),
        Lang::En => format!(
            "{} reminder{} {}\n",
            messages.len(),
            if messages.len() == 1 { "" } else { "s" },
            if args.dry_run { "shown" } else { "sent" }
        ),
    });
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(CliError::output(Writing::Output))
}

async fn messages(args: &RemindArgs, lang: Lang) -> Result<Vec<Message>, CliError> {
    let which = &args.which;
    let store = open(&which.db).await?;
    let round = store.round(&which.plan, which.fy).await?.ok_or_else(|| {
        CliError::Input(crate::error::Input::NoRound {
            plan: which.plan.clone(),
            fy: which.fy,
        })
    })?;
    if round.info.state == "closed" {
        return Err(CliError::Round(RoundError::Closed));
    }
    let plan = store
        .load_plan(&which.plan, Some(round.info.plan_version))
        .await?;
    let assignments = store.assignments(Some(&which.plan)).await?;
    let stages = Stages::parse(&round.info.stages).unwrap_or_default();
    let users = store.users().await?;
    let due = shinchoku_web::round::due_date(&round.info.due, lang);
    let year = crate::db::fy_text(which.fy, lang);
    let mut out = Vec::new();
    for u in &users {
        let role = Role::parse(&u.role).unwrap_or(Role::Viewer);
        if matches!(role, Role::Admin | Role::Viewer) {
            continue;
        }
        let person = Person {
            name: &u.name,
            role,
            group: u.group.as_deref(),
        };
        let mut lines = Vec::new();
        for pi in &plan.indicators {
            let id = &pi.indicator.id;
            let Some(item) = round.items.iter().find(|i| &i.indicator == id) else {
                continue;
            };
            let pos = Position {
                stage: Stage::parse(&item.stage).unwrap_or(stages.first()),
                state: ItemState::parse(&item.state).unwrap_or(ItemState::NotStarted),
            };
            let owner = shinchoku_web::accounts::owner_group(&plan, &assignments, id);
            let Some(acting) = pos.acting(&stages) else {
                continue;
            };
            if !person.acts_at(acting, owner) {
                continue;
            }
            let mut line = match lang {
                Lang::Ja => format!(
                    "・{}（{}：{}）",
                    pi.indicator.name,
                    acting.label(lang),
                    pos.state.label(lang)
                ),
                Lang::En => format!(
                    "- {} ({}: {})",
                    pi.indicator.name,
                    acting.label(lang),
                    pos.state.label(lang)
                ),
            };
            if pos.state == ItemState::Returned {
                if let Some(c) = round
                    .comments
                    .iter()
                    .rev()
                    .find(|c| &c.indicator == id && c.kind == "return")
                {
                    line.push_str(&match lang {
                        Lang::Ja => format!("\n　差戻しの理由（{}）：{}", c.author, c.body),
                        Lang::En => format!("\n  returned by {}: {}", c.author, c.body),
                    });
                }
            }
            lines.push(line);
        }
        if lines.is_empty() {
            continue;
        }
        let Some(to) = u.email.clone().filter(|e| !e.trim().is_empty()) else {
            eprintln!(
                "{}",
                match lang {
                    Lang::Ja => format!(
                        "shinchoku: {} にはメールアドレスがないため、督促を送りません（{}件）",
                        u.name,
                        lines.len()
                    ),
                    Lang::En => format!(
                        "shinchoku: {} has no e-mail address; no reminder sent ({} items)",
                        u.name,
                        lines.len()
                    ),
                }
            );
            continue;
        };
        let (subject, body) = match lang {
            Lang::Ja => (
                format!(
                    "【shinchoku】{} {}の評価：{}件の対応のお願い（期限 {due}）",
                    plan.title,
                    year,
                    lines.len()
                ),
                format!(
                    "{} 様\n\n{}（{}）の{}の評価で、次の{}件が{}さんの対応待ちです。\n期限は{due}です。\n\n{}\n\nshinchoku から自動で送信しています。\n",
                    u.name,
                    plan.title,
                    which.plan,
                    year,
                    lines.len(),
                    u.name,
                    lines.join("\n")
                ),
            ),
            Lang::En => (
                format!(
                    "[shinchoku] {} {}: {} item{} to act on (due {due})",
                    plan.title,
                    year,
                    lines.len(),
                    if lines.len() == 1 { "" } else { "s" }
                ),
                format!(
                    "Dear {},\n\nIn the {} evaluation of {} ({}), these {} items wait for you.\nThey are due on {due}.\n\n{}\n\nSent by shinchoku.\n",
                    u.name,
                    year,
                    plan.title,
                    which.plan,
                    lines.len(),
                    lines.join("\n")
                ),
            ),
        };
        out.push(Message { to, subject, body });
    }
    store.close().await;
    Ok(out)
}

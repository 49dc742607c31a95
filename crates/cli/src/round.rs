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
use shinchoku_core::evaluate::{Evaluation, ForecastMethod};
use shinchoku_core::lang::{Lang, Localize};
use shinchoku_core::plan::Plan;
use shinchoku_core::round::{
    draft, needs_explanation, send_back, submit, DraftFacts, ItemState, Person, Position, Role,
    RoundError, Stage, Stages, Submission,
};
use shinchoku_store::{Actor, Figures, ItemChange, NewRound, Round, RoundItem, Store, StoreError};

use crate::db::{block_on, open, DbArg};
use crate::error::{CliError, Input, Writing};

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

fn write_out(out: &mut impl Write, text: &str) -> Result<(), CliError> {
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(CliError::output(Writing::Output))
}

/// A `YYYY-MM-DD` that is a date.
fn valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u8>(), d.parse::<u8>()) else {
        return false;
    };
    y.to_string().len() == 4
        && (1..=12).contains(&m)
        && d >= 1
        && d <= shinchoku_core::period::days_in_month(y, m)
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

/// The round of `which`, the plan it reviews evaluated in its year, and the departments'
/// assignments.
struct Loaded {
    round: Round,
    plan: Plan,
    evaluations: Vec<Evaluation>,
    assignments: Vec<shinchoku_store::Assignment>,
    stages: Stages,
}

async fn load(store: &Store, which: &Which) -> Result<Loaded, CliError> {
    let round = store.round(&which.plan, which.fy).await?.ok_or_else(|| {
        CliError::Input(Input::NoRound {
            plan: which.plan.clone(),
            fy: which.fy,
        })
    })?;
    let followed = store
        .load_plan_as_evaluated(&which.plan, Some(round.info.plan_version))
        .await?;
    let evaluations = followed.plan.evaluate(which.fy, ForecastMethod::Linear);
    let assignments = store.assignments(Some(&which.plan)).await?;
    let stages = Stages::parse(&round.info.stages).unwrap_or_default();
    Ok(Loaded {
        round,
        plan: followed.plan,
        evaluations,
        assignments,
        stages,
    })
}

impl Loaded {
    fn index(&self, id: &str) -> Option<usize> {
        self.plan
            .indicators
            .iter()
            .position(|i| i.indicator.id == id)
    }

    fn owner(&self, id: &str) -> Option<String> {
        owner_group(&self.plan, &self.assignments, id)
    }

    fn item(&self, id: &str) -> Option<&RoundItem> {
        self.round.items.iter().find(|i| i.indicator == id)
    }

    fn position(item: &RoundItem, stages: &Stages) -> Position {
        Position {
            stage: Stage::parse(&item.stage).unwrap_or(stages.first()),
            state: ItemState::parse(&item.state).unwrap_or(ItemState::NotStarted),
        }
    }

    fn figures(&self, at: usize) -> Figures {
        let ev = self.evaluations.get(at);
        let text = |d: Option<shinchoku_core::Decimal>| d.map(|d| d.normalize().to_string());
        Figures {
            grade: Some(self.plan.grading.label(ev.and_then(|e| e.grade)).to_owned()),
            value: ev.and_then(|e| text(e.value)),
            achievement: ev.and_then(|e| text(e.achievement)),
            progress: ev.and_then(|e| text(e.progress)),
        }
    }

    fn needs(&self, at: usize) -> bool {
        self.evaluations
            .get(at)
            .is_some_and(|e| needs_explanation(e, &self.plan.grading))
    }

    /// The draft of item `at`'s explanation.
    fn draft(&self, at: usize, fy: i32, lang: Lang) -> Option<String> {
        let pi = self.plan.indicators.get(at)?;
        let now = self.evaluations.get(at)?;
        let start = self
            .plan
            .period
            .map_or(fy - 5, |p| p.start_year(self.plan.fiscal_start));
        let earlier: Vec<(i32, Evaluation)> = (start..fy)
            .filter_map(|y| {
                let ev = self
                    .plan
                    .evaluate(y, ForecastMethod::Linear)
                    .into_iter()
                    .nth(at)?;
                ev.value.map(|_| (y, ev))
            })
            .collect();
        Some(draft(
            &DraftFacts {
                fy,
                unit: &pi.indicator.unit,
                baseline: pi.indicator.baseline.as_ref().and_then(|b| b.value),
                now,
                earlier: &earlier,
                previous: None,
            },
            lang,
        ))
    }
}

/// The department that owns indicator `id`: the nearest assignment up its node's ancestors,
/// else the whole plan's (the web's rule, `shinchoku_web::accounts::owner_group`).
fn owner_group(
    plan: &Plan,
    assignments: &[shinchoku_store::Assignment],
    id: &str,
) -> Option<String> {
    shinchoku_web::accounts::owner_group(plan, assignments, id).map(str::to_owned)
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
    let closed = l.round.info.state == "closed";
    let mut items = Vec::new();
    for pi in &l.plan.indicators {
        let id = &pi.indicator.id;
        let (Some(item), Some(at)) = (l.item(id), l.index(id)) else {
            continue;
        };
        let owner = l.owner(id);
        let pos = Loaded::position(item, &l.stages);
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
        let grade = item
            .grade
            .clone()
            .unwrap_or_else(|| l.figures(at).grade.unwrap_or_else(|| "—".into()));
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
    let text = l.draft(at, a.which.fy, lang).unwrap_or_default();
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
    let at = l.index(item_id).ok_or_else(|| no_item(which, item_id))?;
    let pos = Loaded::position(item, &l.stages);
    let closed = l.round.info.state == "closed";
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
    let owner = l.owner(item_id);
    let actor = Actor::new(account.name.clone()).with_source("cli");
    let (next, change_note, cause, next_action, comment): (
        Position,
        Option<(&str, String)>,
        _,
        _,
        _,
    ) = match what {
        Act::Submit(a) => {
            let draft_text = l.draft(at, which.fy, lang);
            let s = Submission {
                cause: a.cause.as_deref(),
                next: a.next.as_deref(),
                needs_explanation: l.needs(at),
                draft: draft_text.as_deref(),
            };
            let next = submit(&l.stages, pos, closed, &person, owner.as_deref(), &s)
                .map_err(CliError::Round)?;
            let at_self = next.stage == Stage::SelfEvaluation;
            let note = (!at_self)
                .then(|| a.comment.clone())
                .flatten()
                .map(|c| ("comment", c));
            (
                next,
                note,
                a.cause.as_deref(),
                a.next.as_deref(),
                at_self.then_some(a.comment.as_deref()).flatten(),
            )
        }
        Act::Return(a) => {
            let next = send_back(&l.stages, pos, closed, &person, owner.as_deref(), &a.reason)
                .map_err(CliError::Round)?;
            (next, Some(("return", a.reason.clone())), None, None, None)
        }
    };
    let acting = pos.acting(&l.stages).unwrap_or(pos.stage);
    let figures = (next.state == ItemState::Confirmed).then(|| l.figures(at));
    store
        .change_item(
            &which.plan,
            which.fy,
            &ItemChange {
                indicator: item_id,
                expected_version: item.version,
                stage: next.stage.as_str(),
                state: next.state.as_str(),
                cause,
                next: next_action,
                comment,
                figures,
                note: change_note
                    .as_ref()
                    .map(|(k, body)| (*k, acting.as_str(), body.as_str())),
            },
            &actor,
        )
        .await?;
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

async fn close(a: &CloseArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    let actor = crate::db::actor_of(&a.who)?;
    let store = open(&a.which.db).await?;
    let l = load(&store, &a.which).await?;
    if l.round.info.state == "closed" {
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
        .close_round(&a.which.plan, a.which.fy, &unconfirmed, &frozen, &actor)
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

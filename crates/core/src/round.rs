//! The yearly evaluation round (評価, DESIGN.md → The yearly evaluation round) as rules without
//! IO: the stages an item passes, who acts at each, what a submission needs, and the factual
//! draft of an explanation.
//!
//! An item (an indicator in one fiscal year) stands at a [`Position`]: the stage it is in and
//! that stage's [`ItemState`]. While the stage is not submitted its own role acts on it; once
//! submitted, the next stage's role acts: `submit` completes that next stage (the item moves
//! there, submitted, or confirmed at the last stage), `return` sends it back (returned, with a
//! reason). So `self` / `submitted` reads "the department has submitted; the planning office
//! reviews next", as `round status` shows it. The checks come in a fixed order — a confirmed
//! item first (nothing changes it any more, whoever asks: [`RoundError::Confirmed`], exit 3),
//! then rights ([`RoundError::NotYours`], exit 5), then what the submission lacks (exit 1).

use std::fmt;

use crate::evaluate::Evaluation;
use crate::grading::GradingScheme;
use crate::lang::{Lang, Localize};

/// A stage of the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// 自己評価, by the owning department's editors.
    SelfEvaluation,
    /// 一次評価, by the planning office.
    First,
    /// 二次評価, by the executives.
    Second,
    /// 外部評価, by the committee.
    External,
}

impl Stage {
    /// Every stage, in the default order.
    pub const ALL: [Stage; 4] = [
        Stage::SelfEvaluation,
        Stage::First,
        Stage::Second,
        Stage::External,
    ];

    /// `self`, `first`, `second`, `external`.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::SelfEvaluation => "self",
            Stage::First => "first",
            Stage::Second => "second",
            Stage::External => "external",
        }
    }

    /// The stage named `s`.
    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|st| st.as_str() == s.trim())
    }

    /// Its name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Stage::SelfEvaluation, Lang::Ja) => "自己評価",
            (Stage::First, Lang::Ja) => "一次評価",
            (Stage::Second, Lang::Ja) => "二次評価",
            (Stage::External, Lang::Ja) => "外部評価",
            (Stage::SelfEvaluation, Lang::En) => "self-evaluation",
            (Stage::First, Lang::En) => "first review",
            (Stage::Second, Lang::En) => "second review",
            (Stage::External, Lang::En) => "external review",
        }
    }

    /// The role that acts at this stage (an administrator may act at any).
    pub fn role(self) -> Role {
        match self {
            Stage::SelfEvaluation => Role::Editor,
            Stage::First => Role::Planner,
            Stage::Second => Role::Executive,
            Stage::External => Role::Committee,
        }
    }
}

/// The stages of one round, in the order they run: at least one, none twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stages(Vec<Stage>);

impl Default for Stages {
    fn default() -> Self {
        Stages(Stage::ALL.to_vec())
    }
}

/// Why a list of stages is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StagesError {
    /// No stage.
    Empty,
    /// A word that is no stage.
    Unknown(String),
    /// A stage named twice.
    Twice(Stage),
}

impl Localize for StagesError {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self, lang) {
            (StagesError::Empty, Lang::Ja) => f.write_str("段階が一つもありません"),
            (StagesError::Empty, Lang::En) => f.write_str("no stage is given"),
            (StagesError::Unknown(s), Lang::Ja) => write!(
                f,
                "「{s}」は段階ではありません。self, first, second, external から選んでください"
            ),
            (StagesError::Unknown(s), Lang::En) => write!(
                f,
                "\"{s}\" is no stage: choose from self, first, second, external"
            ),
            (StagesError::Twice(s), Lang::Ja) => write!(f, "段階 {} が二度あります", s.as_str()),
            (StagesError::Twice(s), Lang::En) => write!(f, "stage {} is given twice", s.as_str()),
        }
    }
}

impl Stages {
    /// The stages named in `text`, comma-separated (`self,first`).
    ///
    /// # Errors
    /// An empty list, a word that is no stage, a stage named twice.
    pub fn parse(text: &str) -> Result<Stages, StagesError> {
        let mut out: Vec<Stage> = Vec::new();
        for word in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            let st = Stage::parse(word).ok_or_else(|| StagesError::Unknown(word.to_owned()))?;
            if out.contains(&st) {
                return Err(StagesError::Twice(st));
            }
            out.push(st);
        }
        if out.is_empty() {
            return Err(StagesError::Empty);
        }
        Ok(Stages(out))
    }

    /// The stages, in order.
    pub fn list(&self) -> &[Stage] {
        &self.0
    }

    /// The first stage.
    pub fn first(&self) -> Stage {
        self.0.first().copied().unwrap_or(Stage::SelfEvaluation)
    }

    /// The stage after `s`, if any.
    pub fn after(&self, s: Stage) -> Option<Stage> {
        let at = self.0.iter().position(|x| *x == s)?;
        self.0.get(at + 1).copied()
    }

    /// `self,first`.
    pub fn text(&self) -> String {
        self.0
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// Where an item stands within its stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemState {
    /// 未着手.
    NotStarted,
    /// 入力中: something saved, not submitted.
    Draft,
    /// 提出済: the stage is done; the next one acts.
    Submitted,
    /// 差戻し: sent back by the next stage, with a reason.
    Returned,
    /// 確定: the last stage is done; nothing changes it any more.
    Confirmed,
}

impl ItemState {
    /// `not_started`, `draft`, `submitted`, `returned`, `confirmed`.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemState::NotStarted => "not_started",
            ItemState::Draft => "draft",
            ItemState::Submitted => "submitted",
            ItemState::Returned => "returned",
            ItemState::Confirmed => "confirmed",
        }
    }

    /// The state named `s`.
    pub fn parse(s: &str) -> Option<ItemState> {
        [
            ItemState::NotStarted,
            ItemState::Draft,
            ItemState::Submitted,
            ItemState::Returned,
            ItemState::Confirmed,
        ]
        .into_iter()
        .find(|st| st.as_str() == s.trim())
    }

    /// Its name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ItemState::NotStarted, Lang::Ja) => "未着手",
            (ItemState::Draft, Lang::Ja) => "入力中",
            (ItemState::Submitted, Lang::Ja) => "提出済",
            (ItemState::Returned, Lang::Ja) => "差戻し",
            (ItemState::Confirmed, Lang::Ja) => "確定",
            (ItemState::NotStarted, Lang::En) => "not started",
            (ItemState::Draft, Lang::En) => "draft",
            (ItemState::Submitted, Lang::En) => "submitted",
            (ItemState::Returned, Lang::En) => "returned",
            (ItemState::Confirmed, Lang::En) => "confirmed",
        }
    }
}

/// An item's stage and its state there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Position {
    /// The stage.
    pub stage: Stage,
    /// Its state.
    pub state: ItemState,
}

impl Position {
    /// Where every item of a round with `stages` starts.
    pub fn start(stages: &Stages) -> Position {
        Position {
            stage: stages.first(),
            state: ItemState::NotStarted,
        }
    }

    /// The stage whose role acts on the item now: its own stage until submitted, the next one
    /// after; `None` once confirmed (or submitted at a stage the round no longer has after it).
    pub fn acting(self, stages: &Stages) -> Option<Stage> {
        match self.state {
            ItemState::Confirmed => None,
            ItemState::Submitted => stages.after(self.stage),
            _ => Some(self.stage),
        }
    }
}

/// What a person may do in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Any stage.
    Admin,
    /// 一次評価.
    Planner,
    /// 二次評価.
    Executive,
    /// 外部評価.
    Committee,
    /// 自己評価 of their department's items.
    Editor,
    /// None.
    Viewer,
}

impl Role {
    /// The role stored as `s` (`admin`, `planner`, …).
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim() {
            "admin" => Some(Role::Admin),
            "planner" => Some(Role::Planner),
            "executive" => Some(Role::Executive),
            "committee" => Some(Role::Committee),
            "editor" => Some(Role::Editor),
            "viewer" => Some(Role::Viewer),
            _ => None,
        }
    }
}

/// Who acts: a role and, for an editor, a department.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person<'a> {
    /// The account's name (for messages).
    pub name: &'a str,
    /// Its role.
    pub role: Role,
    /// Its department.
    pub group: Option<&'a str>,
}

impl Person<'_> {
    /// Whether the person acts at `stage` on an item owned by department `owner`.
    pub fn acts_at(&self, stage: Stage, owner: Option<&str>) -> bool {
        match self.role {
            Role::Admin => true,
            r if r != stage.role() => false,
            Role::Editor => matches!((self.group, owner), (Some(g), Some(o)) if g == o),
            _ => true,
        }
    }
}

/// Why an action on an item is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoundError {
    /// The item is confirmed: its record changes no more (exit 3, before rights are checked).
    Confirmed,
    /// The round is closed (exit 3).
    Closed,
    /// The person does not act at the stage the item is at, or not for its department
    /// (exit 5).
    NotYours {
        /// The stage that acts now.
        stage: Stage,
    },
    /// Nothing to send back: the item is not submitted to a later stage (exit 1).
    NothingToReturn,
    /// A return needs its reason (exit 1).
    NoReason,
    /// The submission lacks the explanation this item needs (exit 1): which of 要因分析 and
    /// 今後の対応.
    Explanation {
        /// 要因分析 is missing.
        cause: bool,
        /// 今後の対応 is missing.
        next: bool,
    },
    /// The explanation is the draft as shinchoku wrote it, not edited (exit 1).
    DraftUnedited,
}

impl Localize for RoundError {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self, lang) {
            (RoundError::Confirmed, Lang::Ja) => {
                f.write_str("この項目は確定済みです。確定後の評価は変更できません")
            }
            (RoundError::Confirmed, Lang::En) => {
                f.write_str("the item is confirmed: its evaluation no longer changes")
            }
            (RoundError::Closed, Lang::Ja) => f.write_str("この評価は締め切られています"),
            (RoundError::Closed, Lang::En) => f.write_str("the round is closed"),
            (RoundError::NotYours { stage }, Lang::Ja) => write!(
                f,
                "この項目はいま{}の段階です。その担当者（{}）以外は操作できません",
                stage.label(lang),
                role_word(*stage, lang)
            ),
            (RoundError::NotYours { stage }, Lang::En) => write!(
                f,
                "the item is at its {}: only {} may act on it",
                stage.label(lang),
                role_word(*stage, lang)
            ),
            (RoundError::NothingToReturn, Lang::Ja) => {
                f.write_str("差し戻せるのは、提出済みの項目だけです")
            }
            (RoundError::NothingToReturn, Lang::En) => {
                f.write_str("only a submitted item can be returned")
            }
            (RoundError::NoReason, Lang::Ja) => f.write_str("差戻しには理由（--reason）が必要です"),
            (RoundError::NoReason, Lang::En) => f.write_str("a return needs its reason (--reason)"),
            (RoundError::Explanation { cause, next }, Lang::Ja) => {
                let mut missing = Vec::new();
                if *cause {
                    missing.push("要因分析（--cause）");
                }
                if *next {
                    missing.push("今後の対応（--next）");
                }
                write!(
                    f,
                    "評価がC・D、基準値より悪い、または実績値がない項目は、{}を書かないと提出できません",
                    missing.join("と")
                )
            }
            (RoundError::Explanation { cause, next }, Lang::En) => {
                let mut missing = Vec::new();
                if *cause {
                    missing.push("its cause (--cause)");
                }
                if *next {
                    missing.push("what will be done (--next)");
                }
                write!(
                    f,
                    "an item graded C or D, worse than its baseline or without a value needs {} \
                     before it is submitted",
                    missing.join(" and ")
                )
            }
            (RoundError::DraftUnedited, Lang::Ja) => f.write_str(
                "要因分析が下書きのままです。数値の下書きに、担当課としての分析を書き加えてください",
            ),
            (RoundError::DraftUnedited, Lang::En) => f.write_str(
                "the cause is the draft as written: add the department's own analysis to it",
            ),
        }
    }
}

impl fmt::Display for RoundError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.localize(Lang::En, f)
    }
}

impl std::error::Error for RoundError {}

fn role_word(stage: Stage, lang: Lang) -> &'static str {
    match (stage, lang) {
        (Stage::SelfEvaluation, Lang::Ja) => "担当課",
        (Stage::First, Lang::Ja) => "企画担当",
        (Stage::Second, Lang::Ja) => "幹部",
        (Stage::External, Lang::Ja) => "外部評価委員",
        (Stage::SelfEvaluation, Lang::En) => "the owning department's editors",
        (Stage::First, Lang::En) => "the planning office",
        (Stage::Second, Lang::En) => "the executives",
        (Stage::External, Lang::En) => "the committee",
    }
}

/// The stage `who` acts at on the item at `pos`, after the checks every action shares, in
/// their order: a confirmed item, a closed round, then rights.
fn acting_for(
    stages: &Stages,
    pos: Position,
    closed: bool,
    who: &Person<'_>,
    owner: Option<&str>,
) -> Result<Stage, RoundError> {
    if pos.state == ItemState::Confirmed {
        return Err(RoundError::Confirmed);
    }
    if closed {
        return Err(RoundError::Closed);
    }
    let acting = pos.acting(stages).ok_or(RoundError::Confirmed)?;
    if !who.acts_at(acting, owner) {
        return Err(RoundError::NotYours { stage: acting });
    }
    Ok(acting)
}

/// What a submission brings.
#[derive(Debug, Clone, Copy, Default)]
pub struct Submission<'a> {
    /// 要因分析.
    pub cause: Option<&'a str>,
    /// 今後の対応.
    pub next: Option<&'a str>,
    /// Whether the item needs an explanation ([`needs_explanation`]).
    pub needs_explanation: bool,
    /// The draft shinchoku wrote for it, if one was shown: a cause equal to it is refused.
    pub draft: Option<&'a str>,
}

fn given(s: Option<&str>) -> bool {
    s.is_some_and(|t| !t.trim().is_empty())
}

/// Submits the item at `pos` for `who`: the acting stage is completed. See the module doc
/// for the order of the checks; a round that is closed refuses first.
///
/// # Errors
/// [`RoundError`].
pub fn submit(
    stages: &Stages,
    pos: Position,
    closed: bool,
    who: &Person<'_>,
    owner: Option<&str>,
    s: &Submission<'_>,
) -> Result<Position, RoundError> {
    let acting = acting_for(stages, pos, closed, who, owner)?;
    if acting == Stage::SelfEvaluation && s.needs_explanation {
        let (cause, next) = (!given(s.cause), !given(s.next));
        if cause || next {
            return Err(RoundError::Explanation { cause, next });
        }
        if let (Some(c), Some(d)) = (s.cause, s.draft) {
            if c.trim() == d.trim() {
                return Err(RoundError::DraftUnedited);
            }
        }
    }
    Ok(Position {
        stage: acting,
        state: if stages.after(acting).is_some() {
            ItemState::Submitted
        } else {
            ItemState::Confirmed
        },
    })
}

/// Returns the item at `pos` to the stage it was submitted from, for `who` (the next stage's
/// role), with `reason`.
///
/// # Errors
/// [`RoundError`].
pub fn send_back(
    stages: &Stages,
    pos: Position,
    closed: bool,
    who: &Person<'_>,
    owner: Option<&str>,
    reason: &str,
) -> Result<Position, RoundError> {
    acting_for(stages, pos, closed, who, owner)?;
    if pos.state != ItemState::Submitted {
        return Err(RoundError::NothingToReturn);
    }
    if reason.trim().is_empty() {
        return Err(RoundError::NoReason);
    }
    Ok(Position {
        stage: pos.stage,
        state: ItemState::Returned,
    })
}

/// Whether an item evaluated as `ev` under `scheme` needs 要因分析 and 今後の対応 before its
/// self-evaluation is submitted: graded C or D (a grade whose label is `C` or `D`, or below
/// them in the scheme's order), worse than its baseline, or without a value.
pub fn needs_explanation(ev: &Evaluation, scheme: &GradingScheme) -> bool {
    let no_value = ev.value.is_none() && ev.state.is_none();
    let low = ev.grade.is_some_and(|g| {
        let label = scheme.label(Some(g));
        matches!(label.chars().next(), Some('C' | 'D' | 'c' | 'd'))
    });
    no_value || low || ev.worse_than_baseline
}

/// What the draft of an explanation is written from: the numbers, never opinions.
#[derive(Debug, Clone)]
pub struct DraftFacts<'a> {
    /// The fiscal year evaluated.
    pub fy: i32,
    /// The indicator's unit.
    pub unit: &'a str,
    /// Its baseline value, if it has one.
    pub baseline: Option<rust_decimal::Decimal>,
    /// Its evaluation in `fy`.
    pub now: &'a Evaluation,
    /// Its evaluations in the years before `fy` that have a value, oldest first.
    pub earlier: &'a [(i32, Evaluation)],
    /// The same indicator in another plan before this one's period (the previous plan, or the
    /// document that set the baseline): its title, the year and the value then.
    pub previous: Option<(&'a str, i32, rust_decimal::Decimal)>,
}

/// A percentage with one decimal (`62.4%`).
fn pct(d: rust_decimal::Decimal) -> String {
    let mut p = (d * rust_decimal::Decimal::ONE_HUNDRED).round_dp(1);
    p.rescale(1);
    format!("{p}%")
}

fn num(d: rust_decimal::Decimal, unit: &str) -> String {
    format!("{}{unit}", d.normalize())
}

/// Behind the path: below the expected progress (a pace under 1) or worse than the baseline.
fn behind(ev: &Evaluation) -> bool {
    ev.pace.is_some_and(|p| p < rust_decimal::Decimal::ONE) || ev.worse_than_baseline
}

/// The factual part of 要因分析 for the department to edit: the value against the year's
/// expected path, since when it falls short, the pace now required, the same indicator in the
/// previous plan. It ends asking for the department's own analysis; submitting it unedited is
/// refused ([`RoundError::DraftUnedited`]).
pub fn draft(f: &DraftFacts<'_>, lang: Lang) -> String {
    use crate::period::Period;
    let year = |y: i32| match lang {
        Lang::Ja => crate::era::format_ja(Period::FiscalYear(y)),
        Lang::En => crate::era::format_en(Period::FiscalYear(y)),
    };
    let mut out: Vec<String> = Vec::new();
    let ev = f.now;
    match (ev.value, lang) {
        (None, Lang::Ja) => out.push(format!("{}の実績値はまだありません。", year(f.fy))),
        (None, Lang::En) => out.push(format!("There is no value for {} yet.", year(f.fy))),
        (Some(v), Lang::Ja) => {
            let mut s = format!("{}の実績値は{}", year(f.fy), num(v, f.unit));
            if let (Some(p), Some(e)) = (ev.progress, ev.expected) {
                s.push_str(&format!(
                    "で、進捗率は{}（この年度に想定される進捗は{}）です。",
                    pct(p),
                    pct(e)
                ));
            } else {
                s.push_str("です。");
            }
            out.push(s);
        }
        (Some(v), Lang::En) => {
            let mut s = format!("The value for {} is {}", year(f.fy), num(v, f.unit));
            if let (Some(p), Some(e)) = (ev.progress, ev.expected) {
                s.push_str(&format!(
                    ", {} of the way (the path expects {} by then).",
                    pct(p),
                    pct(e)
                ));
            } else {
                s.push('.');
            }
            out.push(s);
        }
    }
    if ev.worse_than_baseline {
        if let Some(b) = f.baseline {
            out.push(match lang {
                Lang::Ja => format!("基準値（{}）より悪化しています。", num(b, f.unit)),
                Lang::En => format!("It is worse than the baseline ({}).", num(b, f.unit)),
            });
        }
    }
    if behind(ev) {
        // The run of years behind the path that ends with this one.
        let mut since = f.fy;
        for (y, e) in f.earlier.iter().rev() {
            if e.value.is_some() && behind(e) {
                since = *y;
            } else {
                break;
            }
        }
        if since < f.fy {
            out.push(match lang {
                Lang::Ja => format!("{}から目標への経路を下回っています。", year(since)),
                Lang::En => format!(
                    "It has been behind the path to the target since {}.",
                    year(since)
                ),
            });
        }
    }
    if let Some(r) = ev.required_pace {
        out.push(match lang {
            Lang::Ja => format!(
                "目標の達成には、今後毎年度{}ずつの改善が必要です。",
                num(r.abs(), f.unit)
            ),
            Lang::En => format!(
                "Reaching the target needs {} more each year from now.",
                num(r.abs(), f.unit)
            ),
        });
    }
    if let Some((title, y, v)) = f.previous {
        out.push(match lang {
            Lang::Ja => format!(
                "同じ指標は、計画期間前の{}に{}でした（{title}）。",
                year(y),
                num(v, f.unit)
            ),
            Lang::En => format!(
                "Before this plan, it was {} in {} ({title}).",
                num(v, f.unit),
                year(y)
            ),
        });
    }
    out.push(match lang {
        Lang::Ja => "（ここに担当課としての要因の分析を書き加えてください）".to_owned(),
        Lang::En => "(Add the department's analysis of the causes here.)".to_owned(),
    });
    out.join(match lang {
        Lang::Ja => "",
        Lang::En => " ",
    })
}

#[cfg(test)]
mod tests;

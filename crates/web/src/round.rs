//! A round as a reader sees it: the stored round, the plan version it reviews evaluated in its
//! year, and the departments' assignments — what `shinchoku round` and the round pages both
//! need to apply core's rules (`shinchoku_core::round`) to an item: who owns it, where it
//! stands, its figures to freeze, whether it needs an explanation, the draft of one.

use shinchoku_core::evaluate::{Evaluation, ForecastMethod};
use shinchoku_core::lang::Lang;
use shinchoku_core::plan::Plan;
use shinchoku_core::round::{
    draft, needs_explanation, send_back, submit, DraftFacts, ItemState, Person, Position,
    RoundError, Stage, Stages, Submission,
};
use shinchoku_store::{
    Actor, Assignment, Figures, ItemChange, Round, RoundItem, Store, StoreError,
};

/// A round's due date (`2025-06-30`) as a reader of `lang` reads it: `令和7年（2025年）6月30日`
/// in Japanese, the date as stored in English (DESIGN.md → The yearly evaluation round).
pub fn due_date(due: &str, lang: Lang) -> String {
    let mut p = due.split('-').map(|x| x.parse::<i32>().ok());
    match (
        lang,
        p.next().flatten(),
        p.next().flatten(),
        p.next().flatten(),
    ) {
        (Lang::Ja, Some(y), Some(m), Some(d)) => format!(
            "{}{m}月{d}日",
            shinchoku_core::era::format_ja(shinchoku_core::period::Period::CalendarYear(y))
        ),
        _ => due.to_owned(),
    }
}

/// What a person does to an item.
#[derive(Debug, Clone, Copy)]
pub enum Action<'a> {
    /// Completes the acting stage, with the self-evaluation's words or a review's comment.
    Submit {
        /// 要因分析.
        cause: Option<&'a str>,
        /// 今後の対応.
        next: Option<&'a str>,
        /// A comment.
        comment: Option<&'a str>,
    },
    /// Sends the item back, with the reason.
    Return {
        /// Why.
        reason: &'a str,
    },
}

/// Why an action is not done.
#[derive(Debug)]
pub enum ActError {
    /// The round has no such item.
    NoItem,
    /// A rule of the round refused it.
    Round(RoundError),
    /// The store refused (a conflict: someone acted on the item meanwhile) or failed.
    Store(StoreError),
}

impl From<StoreError> for ActError {
    fn from(e: StoreError) -> Self {
        ActError::Store(e)
    }
}

/// The round of one plan and year with what its rules need.
#[derive(Debug)]
pub struct LoadedRound {
    /// The round as stored.
    pub round: Round,
    /// The plan version it reviews.
    pub plan: Plan,
    /// That plan evaluated in the round's year, one per indicator in the plan's order.
    pub evaluations: Vec<Evaluation>,
    /// The departments' assignments of the plan.
    pub assignments: Vec<Assignment>,
    /// The round's stages.
    pub stages: Stages,
    /// For the items that need an explanation: the same indicator in an earlier plan — its
    /// title, the latest year before this plan with a value there, and the value.
    pub previous: std::collections::HashMap<String, (String, i32, shinchoku_core::Decimal)>,
}

impl LoadedRound {
    /// The round of plan `code` in `fy`; `None` when none was opened.
    ///
    /// # Errors
    /// The store's.
    pub async fn load(
        store: &Store,
        code: &str,
        fy: i32,
    ) -> Result<Option<LoadedRound>, StoreError> {
        let Some(round) = store.round(code, fy).await? else {
            return Ok(None);
        };
        let followed = store
            .load_plan_as_evaluated(code, Some(round.info.plan_version))
            .await?;
        let mut plan = followed.plan;
        if let Some(series) = &round.series {
            // A closed round: the values it was evaluated on, not today's.
            let kept: std::collections::HashMap<
                &str,
                &Vec<shinchoku_core::indicator::Observation>,
            > = series.iter().map(|(id, obs)| (id.as_str(), obs)).collect();
            for pi in &mut plan.indicators {
                pi.observations = kept
                    .get(pi.indicator.id.as_str())
                    .map(|obs| (*obs).clone())
                    .unwrap_or_default();
            }
        }
        let evaluations = plan.evaluate(fy, ForecastMethod::Linear);
        let assignments = store.assignments(Some(code)).await?;
        let stages = Stages::parse(&round.info.stages).unwrap_or_default();
        let fs = plan.fiscal_start;
        let start = plan.period.map(|p| p.start_year(fs));
        let mut previous = std::collections::HashMap::new();
        for (pi, ev) in plan.indicators.iter().zip(&evaluations) {
            if !needs_explanation(ev, &plan.grading) {
                continue;
            }
            let key = shinchoku_core::diff::lineage_key(pi);
            let latest = store
                .lineage(&key)
                .await?
                .into_iter()
                .filter(|p| p.plan != code && p.role != "target")
                .filter_map(|p| {
                    let year = p.period?.end_year(fs);
                    let value = p.value?;
                    (start.is_none_or(|s| year < s)).then_some((p.plan_title, year, value))
                })
                .max_by_key(|(_, year, _)| *year);
            if let Some(found) = latest {
                previous.insert(pi.indicator.id.clone(), found);
            }
        }
        Ok(Some(LoadedRound {
            round,
            plan,
            evaluations,
            assignments,
            stages,
            previous,
        }))
    }

    /// Whether the round is closed.
    pub fn closed(&self) -> bool {
        self.round.info.state == "closed"
    }

    /// Every indicator's observations as the round evaluates them: what closing keeps.
    pub fn series(&self) -> Vec<(String, Vec<shinchoku_core::indicator::Observation>)> {
        self.plan
            .indicators
            .iter()
            .map(|pi| (pi.indicator.id.clone(), pi.observations.clone()))
            .collect()
    }

    /// The position of indicator `id` in the plan.
    pub fn index(&self, id: &str) -> Option<usize> {
        self.plan
            .indicators
            .iter()
            .position(|i| i.indicator.id == id)
    }

    /// The department that owns indicator `id`.
    pub fn owner(&self, id: &str) -> Option<String> {
        crate::accounts::owner_group(&self.plan, &self.assignments, id).map(str::to_owned)
    }

    /// The round's item of indicator `id`.
    pub fn item(&self, id: &str) -> Option<&RoundItem> {
        self.round.items.iter().find(|i| i.indicator == id)
    }

    /// Where `item` stands.
    pub fn position(&self, item: &RoundItem) -> Position {
        Position {
            stage: Stage::parse(&item.stage).unwrap_or(self.stages.first()),
            state: ItemState::parse(&item.state).unwrap_or(ItemState::NotStarted),
        }
    }

    /// The figures of the indicator at `at`, as they would be frozen now.
    pub fn figures(&self, at: usize) -> Figures {
        let ev = self.evaluations.get(at);
        let text = |d: Option<shinchoku_core::Decimal>| d.map(|d| d.normalize().to_string());
        Figures {
            grade: Some(self.plan.grading.label(ev.and_then(|e| e.grade)).to_owned()),
            value: ev.and_then(|e| text(e.value)),
            achievement: ev.and_then(|e| text(e.achievement)),
            progress: ev.and_then(|e| text(e.progress)),
        }
    }

    /// The grade an item shows: the frozen one, else today's.
    pub fn grade(&self, item: &RoundItem, at: usize) -> String {
        item.grade
            .clone()
            .or_else(|| self.figures(at).grade)
            .unwrap_or_else(|| "—".into())
    }

    /// The evaluations as the round records them: today's (on the kept series, once closed),
    /// with the frozen figures — grade, value, 達成率, 進捗率 — of every item that has them
    /// (confirmed, or in a closed round). What a closed round's report shows.
    pub fn recorded(&self) -> Vec<Evaluation> {
        let dec = |t: &Option<String>| {
            t.as_deref()
                .and_then(|t| t.parse::<shinchoku_core::Decimal>().ok())
        };
        self.plan
            .indicators
            .iter()
            .zip(&self.evaluations)
            .map(|(pi, e)| {
                let mut e = e.clone();
                if let Some(item) = self.item(&pi.indicator.id) {
                    if let Some(label) = &item.grade {
                        e.grade = self
                            .plan
                            .grading
                            .rules
                            .iter()
                            .position(|r| &r.label == label)
                            .and_then(|i| u8::try_from(i).ok())
                            .map(shinchoku_core::grading::Grade);
                        e.value = dec(&item.value);
                        e.achievement = dec(&item.achievement);
                        e.progress = dec(&item.progress);
                    }
                }
                e
            })
            .collect()
    }

    /// Whether the indicator at `at` needs an explanation at its self-evaluation.
    pub fn needs(&self, at: usize) -> bool {
        self.evaluations
            .get(at)
            .is_some_and(|e| needs_explanation(e, &self.plan.grading))
    }

    /// The draft of the explanation of the indicator at `at`.
    pub fn draft(&self, at: usize, lang: Lang) -> Option<String> {
        let fy = self.round.info.fy;
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
                previous: self
                    .previous
                    .get(&pi.indicator.id)
                    .map(|(title, year, value)| (title.as_str(), *year, *value)),
            },
            lang,
        ))
    }

    /// Applies `action` of `person` to item `id` (core's rules, in their order), and writes the
    /// item's new stage and state, its words, its figures when it is confirmed, and the comment
    /// or reason, as `actor`. Returns the item's new position.
    ///
    /// # Errors
    /// [`ActError`].
    pub async fn apply<'a>(
        &self,
        store: &Store,
        id: &str,
        person: &Person<'_>,
        action: Action<'a>,
        actor: &Actor,
        lang: Lang,
    ) -> Result<Position, ActError> {
        let item = self.item(id).ok_or(ActError::NoItem)?;
        let at = self.index(id).ok_or(ActError::NoItem)?;
        let pos = self.position(item);
        let owner = self.owner(id);
        let closed = self.closed();
        let round_err = ActError::Round;
        let (next, note, cause, next_action, comment) = match action {
            Action::Submit {
                cause,
                next,
                comment,
            } => {
                let draft_text = self.draft(at, lang);
                let s = Submission {
                    cause,
                    next,
                    needs_explanation: self.needs(at),
                    draft: draft_text.as_deref(),
                };
                let new = submit(&self.stages, pos, closed, person, owner.as_deref(), &s)
                    .map_err(round_err)?;
                let at_self = new.stage == Stage::SelfEvaluation;
                let note = if at_self {
                    None
                } else {
                    comment
                        .filter(|c| !c.trim().is_empty())
                        .map(|c| ("comment", c))
                };
                let words = |t: Option<&'a str>| t.filter(|t| !t.trim().is_empty());
                (
                    new,
                    note,
                    words(cause),
                    words(next),
                    if at_self { words(comment) } else { None },
                )
            }
            Action::Return { reason } => {
                let new = send_back(&self.stages, pos, closed, person, owner.as_deref(), reason)
                    .map_err(round_err)?;
                (new, Some(("return", reason)), None, None, None)
            }
        };
        let acting = pos.acting(&self.stages).unwrap_or(pos.stage);
        let figures = (next.state == ItemState::Confirmed).then(|| self.figures(at));
        store
            .change_item(
                &self.round.info.plan,
                self.round.info.fy,
                &ItemChange {
                    indicator: id,
                    expected_version: item.version,
                    stage: next.stage.as_str(),
                    state: next.state.as_str(),
                    cause,
                    next: next_action,
                    comment,
                    figures,
                    note: note.map(|(k, body)| (k, acting.as_str(), body)),
                },
                actor,
            )
            .await?;
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_due_date_reads_with_its_era_in_japanese() {
        assert_eq!(due_date("2025-06-30", Lang::Ja), "令和7年（2025年）6月30日");
        assert_eq!(due_date("2025-06-30", Lang::En), "2025-06-30");
        assert_eq!(due_date("not a date", Lang::Ja), "not a date");
    }
}

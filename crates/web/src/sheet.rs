//! The 評価シート: a round's record per node, in the layout Japanese offices use — the node and
//! its place in the plan, its department and grades, its indicators with baseline, target and
//! actual values by year, 達成率, 進捗率 and grade, then the department's self-evaluation
//! (要因分析, 今後の対応) and each review's comments, and the returns with their reasons.
//!
//! One model ([`Sheet`]) built from a [`LoadedRound`], written two ways: an HTML document
//! printable on A4 (the web page `/plans/{code}/rounds/{fy}/sheet`, and `shinchoku sheet
//! --format html`, which carries its stylesheet inline so the file stands alone), and an xlsx
//! workbook with one worksheet per node (`--format xlsx`, `…/sheet.xlsx`). A closed round is
//! shown from what it kept (its series and frozen figures), so its sheet does not change when
//! actual values are revised later; a confirmed item shows its frozen figures.

use askama::Template;
use shinchoku_core::indicator::{ObservationStatus, ObservedValue};
use shinchoku_core::lang::Lang;
use shinchoku_core::period::Period;
use shinchoku_core::round::Stage;
use shinchoku_core::Decimal;
use shinchoku_report::xlsx::{Style, Workbook, Worksheet, XlsxError};

use crate::round::{due_date, LoadedRound};
use crate::view;

/// The stylesheet of the sheet: linked by the web page, inlined in a file.
pub const CSS: &str = include_str!("../static/sheet.css");

/// A sheet's fixed words.
#[derive(Debug)]
pub struct Words {
    pub heading: &'static str,
    pub plan: &'static str,
    pub node: &'static str,
    pub place: &'static str,
    pub department: &'static str,
    pub grades: &'static str,
    pub score: &'static str,
    pub state: &'static str,
    pub due: &'static str,
    pub indicators: &'static str,
    pub indicator: &'static str,
    pub unit: &'static str,
    pub baseline: &'static str,
    pub target: &'static str,
    pub achievement: &'static str,
    pub progress: &'static str,
    pub grade: &'static str,
    pub stage_state: &'static str,
    pub self_evaluation: &'static str,
    pub cause: &'static str,
    pub next: &'static str,
    pub comment: &'static str,
    pub reviews: &'static str,
    pub returns: &'static str,
    pub none: &'static str,
    pub whole_plan: &'static str,
    pub open: &'static str,
    pub closed: &'static str,
    pub year: &'static str,
}

static JA: Words = Words {
    heading: "評価シート",
    plan: "計画",
    node: "施策",
    place: "体系",
    department: "担当課",
    grades: "評価の内訳",
    score: "点数",
    state: "状態",
    due: "期限",
    indicators: "成果指標",
    indicator: "指標",
    unit: "単位",
    baseline: "基準値",
    target: "目標値",
    achievement: "達成率",
    progress: "進捗率",
    grade: "評価",
    stage_state: "段階・状態",
    self_evaluation: "自己評価（担当課）",
    cause: "要因分析",
    next: "今後の対応",
    comment: "コメント",
    reviews: "評価者のコメント",
    returns: "差戻し",
    none: "—",
    whole_plan: "計画全体",
    open: "受付中",
    closed: "締切済（確定した記録）",
    year: "年度",
};

static EN: Words = Words {
    heading: "Evaluation sheet",
    plan: "Plan",
    node: "Measure",
    place: "Place in the plan",
    department: "Department",
    grades: "Grades",
    score: "Score",
    state: "State",
    due: "Due",
    indicators: "Indicators",
    indicator: "Indicator",
    unit: "Unit",
    baseline: "Baseline",
    target: "Target",
    achievement: "Achievement",
    progress: "Progress",
    grade: "Grade",
    stage_state: "Stage, state",
    self_evaluation: "Self-evaluation (department)",
    cause: "Cause (要因分析)",
    next: "What will be done (今後の対応)",
    comment: "Comment",
    reviews: "Reviewers' comments",
    returns: "Returns",
    none: "—",
    whole_plan: "Whole plan",
    open: "open",
    closed: "closed (the record is final)",
    year: "FY",
};

/// A value with the year it is for.
#[derive(Debug, Clone, Default)]
pub struct Dated {
    /// The number (for the workbook's number cell), when it is one.
    pub number: Option<Decimal>,
    /// As people read it (`38,300`, `実施中`, `増加を目指す`), `—` for none.
    pub text: String,
    /// The year, as people read it (`令和元年度（2019年度）`); empty when not said.
    pub when: String,
}

/// A review's comment or a return's reason.
#[derive(Debug, Clone)]
pub struct Note {
    /// The stage it was written at (`一次評価`).
    pub stage: String,
    /// Who wrote it.
    pub author: String,
    /// The day (`2025-07-10`).
    pub day: String,
    /// The words.
    pub body: String,
}

/// One indicator of a sheet.
#[derive(Debug, Clone)]
pub struct Row {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// 基準値.
    pub baseline: Dated,
    /// 目標値.
    pub target: Dated,
    /// The actual value of each of the sheet's years (`Sheet::years`).
    pub actuals: Vec<Dated>,
    /// 達成率 (a ratio: 0.624), and as shown (`62.4%`).
    pub achievement: (Option<Decimal>, String),
    /// 進捗率.
    pub progress: (Option<Decimal>, String),
    /// The grade's label (`B`, `—`).
    pub grade: String,
    /// Its stage and state in the round (`一次評価・提出済`).
    pub position: String,
    /// 要因分析.
    pub cause: String,
    /// 今後の対応.
    pub next: String,
    /// The self-evaluation's comment.
    pub comment: String,
    /// The reviews' comments, oldest first.
    pub reviews: Vec<Note>,
    /// The returns with their reasons, oldest first.
    pub returns: Vec<Note>,
}

/// One node's sheet.
#[derive(Debug, Clone)]
pub struct Page {
    /// The node's id (empty for the indicators no node holds).
    pub id: String,
    /// Its label and title (`(1) 企業誘致の推進`).
    pub title: String,
    /// Its ancestors, top first (`1 産業の振興`).
    pub place: Vec<String>,
    /// The departments that own its indicators.
    pub department: String,
    /// Its indicators by grade (`A 2・B 1・C 0・D 0・— 1`).
    pub grades: String,
    /// Its score, as the plan's (`75.0`), `—` without one.
    pub score: String,
    /// Its indicators.
    pub rows: Vec<Row>,
}

/// The sheets of a round: one page per node.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The reader's language.
    pub lang: Lang,
    /// The plan's title.
    pub plan: String,
    /// The plan's code.
    pub code: String,
    /// The round's year (`令和6年度（2024年度）`).
    pub year: String,
    /// `受付中` or `締切済`.
    pub state: String,
    /// The due date, as the reader reads dates.
    pub due: String,
    /// The fiscal years shown as columns, oldest first.
    pub years: Vec<i32>,
    /// The same, as people read them.
    pub year_labels: Vec<String>,
    /// The review stages of the round after the self-evaluation (`一次評価`, …).
    pub stages: Vec<String>,
    /// The pages.
    pub pages: Vec<Page>,
    /// The fixed words.
    pub w: &'static Words,
}

/// Why no sheet is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetError {
    /// The plan has no node of that id.
    NoNode(String),
}

/// The most year columns a sheet shows (the latest ones up to the round's year).
const MAX_YEARS: usize = 10;

impl Sheet {
    /// The sheets of round `l`: one page for `node` (its indicators and those beneath it), or
    /// without one a page per node that holds indicators itself, in the plan's order, and one
    /// for the indicators no node holds.
    ///
    /// # Errors
    /// [`SheetError::NoNode`] when the plan has no node `node`.
    pub fn of(l: &LoadedRound, node: Option<&str>, lang: Lang) -> Result<Sheet, SheetError> {
        let w = crate::i18n::pick(lang, &JA, &EN);
        let plan = &l.plan;
        let fy = l.round.info.fy;
        let fs = plan.fiscal_start;
        let first = plan
            .period
            .map_or(fy, |p| p.start_year(fs))
            .min(fy)
            .max(fy - (MAX_YEARS as i32 - 1));
        let years: Vec<i32> = (first..=fy).collect();
        let groups: Vec<(Option<&shinchoku_core::plan::Node>, Vec<usize>)> = match node {
            Some(id) => {
                let n = plan
                    .node(id)
                    .ok_or_else(|| SheetError::NoNode(id.to_owned()))?;
                let within = plan
                    .indicators
                    .iter()
                    .enumerate()
                    .filter(|(_, pi)| pi.node.as_deref().is_some_and(|at| plan.is_within(at, id)))
                    .map(|(i, _)| i)
                    .collect();
                vec![(Some(n), within)]
            }
            None => {
                let mut groups: Vec<(Option<&shinchoku_core::plan::Node>, Vec<usize>)> = plan
                    .nodes
                    .iter()
                    .map(|n| {
                        let own = plan
                            .indicators
                            .iter()
                            .enumerate()
                            .filter(|(_, pi)| pi.node.as_deref() == Some(n.id.as_str()))
                            .map(|(i, _)| i)
                            .collect::<Vec<_>>();
                        (Some(n), own)
                    })
                    .filter(|(_, own)| !own.is_empty())
                    .collect();
                let loose: Vec<usize> = plan
                    .indicators
                    .iter()
                    .enumerate()
                    .filter(|(_, pi)| pi.node.as_deref().is_none_or(|n| plan.node(n).is_none()))
                    .map(|(i, _)| i)
                    .collect();
                if !loose.is_empty() {
                    groups.push((None, loose));
                }
                groups
            }
        };
        let pages = groups
            .into_iter()
            .map(|(n, at)| page(l, n, &at, &years, lang, w))
            .collect();
        Ok(Sheet {
            lang,
            plan: plan.title.clone(),
            code: plan.code.as_str().to_owned(),
            year: view::fy(lang, fy),
            state: if l.closed() { w.closed } else { w.open }.to_owned(),
            due: due_date(&l.round.info.due, lang),
            year_labels: years.iter().map(|y| view::fy(lang, *y)).collect(),
            years,
            stages: l
                .stages
                .list()
                .iter()
                .filter(|s| **s != Stage::SelfEvaluation)
                .map(|s| s.label(lang).to_owned())
                .collect(),
            pages,
            w,
        })
    }

    /// The sheet as an HTML document: with the stylesheet inline (`inline_css`, for a file
    /// that stands alone) or linked from `/static/sheet.css` (the web page, whose
    /// Content-Security-Policy allows no inline style).
    ///
    /// # Errors
    /// The template's (it does not fail on any data).
    pub fn html(&self, inline_css: bool) -> Result<String, askama::Error> {
        SheetHtml {
            s: self,
            css: if inline_css { Some(CSS) } else { None },
            lang: match self.lang {
                Lang::Ja => "ja",
                Lang::En => "en",
            },
        }
        .render()
    }

    /// The sheet as an xlsx workbook: a worksheet per page, A4 landscape, the indicators'
    /// numbers as number cells.
    ///
    /// # Errors
    /// [`XlsxError`], which writing to memory does not give.
    pub fn xlsx(&self) -> Result<Vec<u8>, XlsxError> {
        let w = self.w;
        let mut sheets = Vec::new();
        for p in &self.pages {
            let mut ws = Worksheet::new(if p.id.is_empty() {
                w.whole_plan.to_owned()
            } else {
                p.title.clone()
            });
            ws.landscape();
            let years = self.years.len() as u32;
            // Columns: 指標, 単位, 基準値, 基準年度, 目標値, 目標年度, years…, 達成率, 進捗率, 評価, 段階・状態.
            let last = 6 + years + 3;
            ws.text(0, 0, format!("{}　{}", self.year, w.heading), Style::Title);
            ws.merge(0, 0, 0, last);
            let facts = [
                (w.plan, format!("{}（{}）", self.plan, self.code)),
                (w.node, p.title.clone()),
                (w.place, p.place.join(" › ")),
                (w.department, p.department.clone()),
                (w.grades, p.grades.clone()),
                (w.score, p.score.clone()),
                (w.state, format!("{}　{}: {}", self.state, w.due, self.due)),
            ];
            let mut r = 1;
            for (label, value) in facts {
                ws.text(r, 0, label, Style::Label);
                ws.text(r, 1, value, Style::Text);
                ws.merge(r, 1, r, last);
                r += 1;
            }
            r += 1;
            ws.text(r, 0, w.indicators, Style::Title);
            r += 1;
            let head_row = r;
            let mut head: Vec<String> = vec![
                w.indicator.into(),
                w.unit.into(),
                w.baseline.into(),
                format!("{}（{}）", w.baseline, w.year),
                w.target.into(),
                format!("{}（{}）", w.target, w.year),
            ];
            head.extend(self.year_labels.iter().cloned());
            head.extend([
                w.achievement.to_owned(),
                w.progress.to_owned(),
                w.grade.to_owned(),
                w.stage_state.to_owned(),
            ]);
            for (c, h) in head.iter().enumerate() {
                ws.text(r, c as u32, h.clone(), Style::Header);
            }
            r += 1;
            for row in &p.rows {
                ws.text(r, 0, row.name.clone(), Style::Text);
                ws.text(r, 1, row.unit.clone(), Style::Text);
                dated(&mut ws, r, 2, &row.baseline);
                dated(&mut ws, r, 4, &row.target);
                for (i, a) in row.actuals.iter().enumerate() {
                    value(&mut ws, r, 6 + i as u32, a);
                }
                let c = 6 + years;
                ratio(&mut ws, r, c, &row.achievement);
                ratio(&mut ws, r, c + 1, &row.progress);
                ws.text(r, c + 2, row.grade.clone(), Style::Text);
                ws.text(r, c + 3, row.position.clone(), Style::Text);
                r += 1;
            }
            ws.freeze_rows(head_row + 1);
            r += 1;
            ws.text(r, 0, w.self_evaluation, Style::Title);
            r += 1;
            for row in &p.rows {
                ws.text(r, 0, row.name.clone(), Style::Label);
                ws.merge(r, 0, r, last);
                r += 1;
                for (label, text) in [
                    (w.cause, &row.cause),
                    (w.next, &row.next),
                    (w.comment, &row.comment),
                ] {
                    ws.text(r, 0, label, Style::Label);
                    ws.text(r, 1, or_none(text, w), Style::Text);
                    ws.merge(r, 1, r, last);
                    r += 1;
                }
                for n in &row.reviews {
                    ws.text(r, 0, format!("{}（{}）", n.stage, w.comment), Style::Label);
                    ws.text(
                        r,
                        1,
                        format!("{}（{}, {}）", n.body, n.author, n.day),
                        Style::Text,
                    );
                    ws.merge(r, 1, r, last);
                    r += 1;
                }
                for n in &row.returns {
                    ws.text(r, 0, format!("{}（{}）", w.returns, n.stage), Style::Label);
                    ws.text(
                        r,
                        1,
                        format!("{}（{}, {}）", n.body, n.author, n.day),
                        Style::Text,
                    );
                    ws.merge(r, 1, r, last);
                    r += 1;
                }
            }
            ws.width(0, 30.0);
            ws.width(1, 8.0);
            for c in 2..6 {
                ws.width(c, 12.0);
            }
            for c in 6..6 + years {
                ws.width(c, 11.0);
            }
            for c in 6 + years..=last {
                ws.width(c, 10.0);
            }
            sheets.push(ws);
        }
        Workbook { sheets }.to_bytes()
    }
}

fn or_none(text: &str, w: &Words) -> String {
    if text.trim().is_empty() {
        w.none.to_owned()
    } else {
        text.to_owned()
    }
}

/// A value in one cell: a number cell when it is one, else its text.
fn value(ws: &mut Worksheet, r: u32, c: u32, d: &Dated) {
    match d.number {
        Some(n) => ws.number(r, c, n, Style::Number),
        None => ws.text(r, c, d.text.clone(), Style::Text),
    }
}

/// A value and its year in two cells.
fn dated(ws: &mut Worksheet, r: u32, c: u32, d: &Dated) {
    value(ws, r, c, d);
    ws.text(r, c + 1, d.when.clone(), Style::Text);
}

fn ratio(ws: &mut Worksheet, r: u32, c: u32, (n, text): &(Option<Decimal>, String)) {
    match n {
        Some(n) => ws.number(r, c, *n, Style::Percent),
        None => ws.text(r, c, text.clone(), Style::Text),
    }
}

#[derive(Template)]
#[template(path = "sheet.html")]
struct SheetHtml<'a> {
    s: &'a Sheet,
    css: Option<&'static str>,
    lang: &'static str,
}

fn page(
    l: &LoadedRound,
    node: Option<&shinchoku_core::plan::Node>,
    at: &[usize],
    years: &[i32],
    lang: Lang,
    w: &'static Words,
) -> Page {
    let plan = &l.plan;
    let title = shinchoku_report::progress::node_name;
    let mut place = Vec::new();
    if let Some(n) = node {
        let mut up = n.parent.as_deref();
        for _ in 0..plan.nodes.len() {
            let Some(p) = up.and_then(|id| plan.node(id)) else {
                break;
            };
            place.push(title(p));
            up = p.parent.as_deref();
        }
        place.reverse();
    }
    let rows: Vec<Row> = at.iter().filter_map(|&i| row(l, i, years, lang)).collect();
    let mut departments: Vec<String> = Vec::new();
    for &i in at {
        if let Some(d) = plan
            .indicators
            .get(i)
            .and_then(|pi| l.owner(&pi.indicator.id))
        {
            if !departments.contains(&d) {
                departments.push(d);
            }
        }
    }
    // The node's roll-up from the grades its items show (frozen where they are).
    let mut counts: Vec<(String, usize)> = plan
        .grading
        .labels()
        .into_iter()
        .chain(std::iter::once("—"))
        .map(|label| (label.to_owned(), 0))
        .collect();
    let weights = plan.indicator_weights();
    let mut weighted: Vec<(&str, Decimal)> = Vec::new();
    for r in &rows {
        if let Some(c) = counts.iter_mut().find(|(label, _)| *label == r.grade) {
            c.1 += 1;
        }
        let w = l.index(&r.id).and_then(|i| weights.get(i).copied());
        weighted.push((r.grade.as_str(), w.unwrap_or(Decimal::ONE)));
    }
    let grades = counts
        .iter()
        .map(|(label, n)| format!("{label} {n}"))
        .collect::<Vec<_>>()
        .join("・");
    let score = plan
        .grading
        .weighted_score(weighted)
        .map_or_else(|| w.none.to_owned(), |s| s.to_string());
    Page {
        id: node.map(|n| n.id.clone()).unwrap_or_default(),
        title: node.map_or_else(|| w.whole_plan.to_owned(), title),
        place,
        department: if departments.is_empty() {
            w.none.to_owned()
        } else {
            departments.join("、")
        },
        grades,
        score,
        rows,
    }
}

fn row(l: &LoadedRound, at: usize, years: &[i32], lang: Lang) -> Option<Row> {
    let pi = l.plan.indicators.get(at)?;
    let ind = &pi.indicator;
    let item = l.item(&ind.id)?;
    let fs = l.plan.fiscal_start;
    let when = |p: Option<Period>| p.map(|p| view::period(lang, p)).unwrap_or_default();
    let baseline = match &ind.baseline {
        Some(b) => Dated {
            number: b.value,
            text: b
                .value
                .map(view::number)
                .or_else(|| b.state.clone())
                .unwrap_or_else(|| "—".into()),
            when: when(b.period),
        },
        None => Dated {
            text: "—".into(),
            ..Dated::default()
        },
    };
    let target = match &ind.target {
        Some(t) => Dated {
            number: t.value,
            text: t
                .value
                .map(view::number)
                .or_else(|| t.text.clone())
                .unwrap_or_else(|| "—".into()),
            when: when(
                t.period
                    .or(l.plan.period.map(|p| Period::FiscalYear(p.end_year(fs)))),
            ),
        },
        None => Dated {
            text: "—".into(),
            ..Dated::default()
        },
    };
    let actuals = years
        .iter()
        .map(|&y| {
            let found = pi
                .observations
                .iter()
                .rev()
                .find(|o| o.period.end_year(fs) == y && o.period.start_year(fs) == y);
            match found {
                Some(o) => {
                    let mark = match (o.status, lang) {
                        (ObservationStatus::Final, _) => "",
                        (ObservationStatus::Provisional, Lang::Ja) => "（速報）",
                        (ObservationStatus::Estimate, Lang::Ja) => "（見込）",
                        (ObservationStatus::Provisional, Lang::En) => " (provisional)",
                        (ObservationStatus::Estimate, Lang::En) => " (estimate)",
                    };
                    match &o.value {
                        ObservedValue::Number(n) => Dated {
                            // A value not final is text in the workbook, so its mark stays.
                            number: mark.is_empty().then_some(*n),
                            text: format!("{}{mark}", view::number(*n)),
                            when: String::new(),
                        },
                        ObservedValue::State(s) => Dated {
                            number: None,
                            text: format!("{s}{mark}"),
                            when: String::new(),
                        },
                    }
                }
                None => Dated {
                    text: "—".into(),
                    ..Dated::default()
                },
            }
        })
        .collect();
    // Frozen figures once confirmed or closed; today's otherwise.
    let live = l.figures(at);
    let frozen = item.grade.is_some();
    let pick = |frozen_v: &Option<String>, live_v: &Option<String>| -> Option<Decimal> {
        let v = if frozen { frozen_v } else { live_v };
        v.as_deref().and_then(|t| t.parse::<Decimal>().ok())
    };
    let achievement = pick(&item.achievement, &live.achievement);
    let progress = pick(&item.progress, &live.progress);
    let pos = l.position(item);
    let notes = |kind: &str| -> Vec<Note> {
        l.round
            .comments
            .iter()
            .filter(|c| c.indicator == ind.id && c.kind == kind)
            .map(|c| Note {
                stage: Stage::parse(&c.stage)
                    .map_or_else(|| c.stage.clone(), |s| s.label(lang).to_owned()),
                author: c.author.clone(),
                day: c.at.chars().take(10).collect(),
                body: c.body.clone(),
            })
            .collect()
    };
    Some(Row {
        id: ind.id.clone(),
        name: ind.name.clone(),
        unit: ind.unit.clone(),
        baseline,
        target,
        actuals,
        achievement: (achievement, view::percent(achievement)),
        progress: (progress, view::percent(progress)),
        grade: l.grade(item, at),
        position: format!("{}・{}", pos.stage.label(lang), pos.state.label(lang)),
        cause: item.cause.clone().unwrap_or_default(),
        next: item.next.clone().unwrap_or_default(),
        comment: item.comment.clone().unwrap_or_default(),
        reviews: notes("comment"),
        returns: notes("return"),
    })
}

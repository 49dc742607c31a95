//! The progress report (進捗報告) of a plan in one fiscal year, as `shinchoku report` writes it:
//! one model ([`Report`]) from the plan and its evaluation, in four forms.
//!
//! - **Markdown**: a summary of the grades, then one table row per indicator.
//! - **CSV** (UTF-8 with a BOM, so Excel opens it) and **xlsx**: one row per indicator, with
//!   baseline, target, the year's value, 達成率 and 進捗率 in numeric columns of their own
//!   beside the text ones, the unit in its own column, Western years with the era beside them
//!   in a column of their own, and the issuing body's 全国地方公共団体コード — the machine-readable
//!   table rules of 総務省 (2020). Every text cell that begins with `=`, `+`, `-` or `@` is
//!   written with a leading `'`, so no spreadsheet takes it for a formula.
//! - **HTML**: seed 002's printed layout — per project or measure, each indicator as
//!   `actual/target unit (as-of)` with its achievement and grade, and its chart as inline SVG
//!   — as a standalone document printable on A4.
//!
//! A closed round's year is reported from what the round recorded ([`ReportInput::recorded`]
//! says when it closed; the caller passes the kept values and frozen grades), so the same
//! report comes out whatever actuals arrive later.
//!
//! Pure, like the rest of the crate: values in, text or bytes out; nothing panics.

use std::collections::HashMap;
use std::fmt::Write as _;

use shinchoku_core::era;
use shinchoku_core::evaluate::Evaluation;
use shinchoku_core::indicator::Comparator;
use shinchoku_core::period::Period;
use shinchoku_core::plan::{Node, Plan, PlanIndicator};
use shinchoku_core::{Decimal, Lang};

use crate::svg::Esc;
use crate::xlsx::{Style, Workbook, Worksheet, XlsxError};

/// What a report is made from.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// The plan, with the observations the evaluation read.
    pub plan: &'a Plan,
    /// One evaluation per indicator, in the plan's order (the year's).
    pub evaluations: &'a [Evaluation],
    /// The fiscal year reported; `None` when the plan has no data.
    pub fy: Option<i32>,
    /// The year's comment of each indicator that has one (the round's self-evaluation), by id.
    pub comments: &'a HashMap<String, String>,
    /// When the year's round was closed (`2025-07-31`), if the report is its record.
    pub recorded: Option<&'a str>,
}

/// One indicator's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// The baseline and its fiscal year.
    pub baseline: (Option<Decimal>, Option<i32>),
    /// The target (a number, or words) and the fiscal year it is due.
    pub target: (Option<Decimal>, Option<String>, Option<i32>),
    /// `以上` / `以下` (or English) for a bound target.
    pub bound: &'static str,
    /// The value compared in the year: a number, or a milestone's state.
    pub value: (Option<Decimal>, Option<String>),
    /// The date of that value as the document writes it (`R1.8`), empty without one.
    pub as_of: String,
    /// 達成率 and 進捗率, as fractions (0.624).
    pub achievement: Option<Decimal>,
    /// 進捗率.
    pub progress: Option<Decimal>,
    /// The grade's label (`B`, `—`) and its meaning (`概ね順調`).
    pub grade: (String, String),
    /// The year's comment.
    pub comment: String,
    /// Its chart over the fiscal years, an inline SVG (`crate::indicator_chart`).
    pub chart: String,
    /// Its values up to the year reported, as the chart's table says them (`R3: 19.3%`).
    pub values: Vec<String>,
}

/// A project or measure with its indicators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Its node's id (empty for indicators on no node).
    pub id: String,
    /// The nodes above it, top first (`1 産業基盤の整備`).
    pub context: Vec<String>,
    /// Its label and title.
    pub name: String,
    /// Its indicators.
    pub lines: Vec<Line>,
    /// The roll-up: the indicators on it and beneath it by grade (empty for indicators on no
    /// node), and their score (`Plan::scores_by_node`, weighted by the nodes' weights).
    pub grades: Vec<(String, usize)>,
    /// That score.
    pub score: Option<Decimal>,
}

/// A plan's progress report in one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The reader's language.
    pub lang: Lang,
    /// The plan's title and code.
    pub title: String,
    /// The plan's code.
    pub code: String,
    /// The issuing body and its 全国地方公共団体コード.
    pub issuer: (String, String),
    /// The year reported.
    pub fy: Option<i32>,
    /// The indicators by grade label, in the scheme's order, then `—`.
    pub grades: Vec<(String, usize)>,
    /// The plan's score (`Plan::score`).
    pub score: Option<Decimal>,
    /// When the year's round was closed, if this is its record.
    pub recorded: Option<String>,
    /// Per project or measure.
    pub sections: Vec<Section>,
}

struct Words {
    heading: &'static str,
    summary: &'static str,
    count: &'static str,
    score: &'static str,
    no_data: &'static str,
    unassigned: &'static str,
    at_least: &'static str,
    at_most: &'static str,
    recorded: &'static str,
    headers: [&'static str; 24],
    md_headers: [&'static str; 7],
}

static JA: Words = Words {
    heading: "進捗報告",
    summary: "評価の概要",
    count: "指標数",
    score: "スコア",
    no_data: "実績値のある年度がありません",
    unassigned: "施策に属さない指標",
    at_least: "以上",
    at_most: "以下",
    recorded: "この年度の評価は締め切られています。締切時の記録です（締切日",
    headers: [
        "団体コード",
        "団体名",
        "計画コード",
        "計画名",
        "年度",
        "年度（和暦）",
        "体系",
        "施策",
        "指標ID",
        "指標名",
        "単位",
        "基準値",
        "基準年度",
        "基準年度（和暦）",
        "目標値",
        "目標（文言）",
        "目標年度",
        "目標年度（和暦）",
        "実績値",
        "実績の時点",
        "達成率(%)",
        "進捗率(%)",
        "評価",
        "コメント",
    ],
    md_headers: [
        "施策",
        "指標",
        "実績値/目標値",
        "時点",
        "達成率",
        "評価",
        "コメント",
    ],
};

static EN: Words = Words {
    heading: "Progress report",
    summary: "Summary of grades",
    count: "Indicators",
    score: "Score",
    no_data: "no year with actual values",
    unassigned: "Indicators on no measure",
    at_least: " or more",
    at_most: " or less",
    recorded: "This year's round is closed: this is its record (closed on",
    headers: [
        "body_code",
        "body",
        "plan_code",
        "plan",
        "fy",
        "fy_era",
        "place",
        "measure",
        "indicator_id",
        "indicator",
        "unit",
        "baseline",
        "baseline_fy",
        "baseline_fy_era",
        "target",
        "target_text",
        "target_fy",
        "target_fy_era",
        "value",
        "as_of",
        "achievement_pct",
        "progress_pct",
        "grade",
        "comment",
    ],
    md_headers: [
        "Measure",
        "Indicator",
        "Actual/target",
        "As of",
        "Achievement",
        "Grade",
        "Comment",
    ],
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

/// A node as a report names it: its number label and title (`(1) 企業誘致の推進`).
pub fn node_name(n: &Node) -> String {
    match n.label.as_deref().map(str::trim) {
        Some(label) if !label.is_empty() => format!("{label} {}", n.title),
        _ => n.title.clone(),
    }
}

impl Report {
    /// The report of `input`, in `lang`.
    pub fn of(input: &ReportInput<'_>, lang: Lang) -> Report {
        let plan = input.plan;
        let w = words(lang);
        let mut by_node: HashMap<&str, Vec<Line>> = HashMap::new();
        let mut loose = Vec::new();
        for (i, pi) in plan.indicators.iter().enumerate() {
            let line = line(input, pi, input.evaluations.get(i), lang);
            match pi.node.as_deref().filter(|n| plan.node(n).is_some()) {
                Some(n) => by_node.entry(n).or_default().push(line),
                None => loose.push(line),
            }
        }
        let graded = !input.evaluations.is_empty();
        let counts = graded.then(|| plan.grade_counts_by_node(input.evaluations));
        let scores = graded.then(|| plan.scores_by_node(input.evaluations));
        let mut sections = Vec::new();
        for (i, n) in plan.nodes.iter().enumerate() {
            let Some(lines) = by_node.remove(n.id.as_str()) else {
                continue;
            };
            sections.push(Section {
                id: n.id.clone(),
                context: ancestors(plan, &n.id),
                name: node_name(n),
                lines,
                grades: counts
                    .as_ref()
                    .and_then(|c| c.get(i).cloned())
                    .unwrap_or_default(),
                score: scores.as_ref().and_then(|s| s.get(i).copied().flatten()),
            });
        }
        if !loose.is_empty() {
            sections.push(Section {
                id: String::new(),
                context: Vec::new(),
                name: w.unassigned.to_owned(),
                lines: loose,
                grades: Vec::new(),
                score: None,
            });
        }
        let evaluations = input.evaluations;
        Report {
            lang,
            title: plan.title.clone(),
            code: plan.code.as_str().to_owned(),
            issuer: plan
                .issuer
                .as_ref()
                .map(|i| (i.name.clone(), i.code.clone().unwrap_or_default()))
                .unwrap_or_default(),
            fy: input.fy,
            grades: plan.grade_counts(evaluations, None),
            score: if evaluations.is_empty() {
                None
            } else {
                plan.score(evaluations, None)
            },
            recorded: input.recorded.map(str::to_owned),
            sections,
        }
    }

    fn year(&self) -> String {
        let w = words(self.lang);
        match self.fy {
            Some(fy) => fy_text(self.lang, fy),
            None => w.no_data.to_owned(),
        }
    }

    fn grades_text(&self) -> String {
        self.grades
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect::<Vec<_>>()
            .join("・")
    }

    /// The report as Markdown: a heading, the summary, one table row per indicator.
    pub fn markdown(&self) -> String {
        let w = words(self.lang);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# {} {}　{}\n",
            md(&self.title),
            w.heading,
            self.year()
        );
        if let Some(when) = &self.recorded {
            let _ = writeln!(out, "> {} {when}）\n", w.recorded);
        }
        let total: usize = self.grades.iter().map(|(_, n)| n).sum();
        let _ = writeln!(out, "## {}\n", w.summary);
        let _ = writeln!(out, "- {}: {total}", w.count);
        let _ = writeln!(out, "- {}", self.grades_text());
        if let Some(s) = self.score {
            let _ = writeln!(out, "- {}: {s}", w.score);
        }
        out.push('\n');
        let _ = writeln!(out, "| {} |", w.md_headers.join(" | "));
        let _ = writeln!(
            out,
            "|{}",
            w.md_headers.iter().map(|_| "---|").collect::<String>()
        );
        for s in &self.sections {
            for l in &s.lines {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} | {} |",
                    md(&s.name),
                    md(&l.name),
                    md(&figure(l)),
                    md(&l.as_of),
                    percent(l.achievement),
                    md(&l.grade.0),
                    md(&l.comment)
                );
            }
        }
        out
    }

    /// The report as CSV: UTF-8 with a BOM, a header row, one row per indicator
    /// (the module doc says which columns and why).
    pub fn csv(&self) -> String {
        let w = words(self.lang);
        let mut out = String::from("\u{feff}");
        let head: Vec<String> = w.headers.iter().map(|h| csv_text(h)).collect();
        out.push_str(&head.join(","));
        out.push_str("\r\n");
        for row in self.rows() {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Cell::Text(t) => csv_text(t),
                    Cell::Number(n) => n.normalize().to_string(),
                    Cell::Empty => String::new(),
                })
                .collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out
    }

    /// The report as an xlsx workbook: one sheet, its header styled and frozen, numbers as
    /// number cells, the era beside each Western year.
    ///
    /// # Errors
    /// [`XlsxError`], which writing to memory does not give.
    pub fn xlsx(&self) -> Result<Vec<u8>, XlsxError> {
        let w = words(self.lang);
        let mut ws = Worksheet::new(w.heading);
        ws.landscape();
        for (c, h) in w.headers.iter().enumerate() {
            ws.text(0, col(c), *h, Style::Header);
        }
        for (r, row) in self.rows().iter().enumerate() {
            let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Text(t) => ws.text(r, col(c), neutral(t), Style::Text),
                    Cell::Number(n) => ws.number(r, col(c), *n, Style::Number),
                    Cell::Empty => ws.text(r, col(c), "", Style::Text),
                }
            }
        }
        ws.freeze_rows(1);
        let widths = [
            8.0, 10.0, 18.0, 24.0, 7.0, 14.0, 24.0, 24.0, 8.0, 30.0, 8.0, 10.0, 8.0, 12.0, 10.0,
            14.0, 8.0, 12.0, 10.0, 10.0, 9.0, 9.0, 6.0, 30.0,
        ];
        for (c, width) in widths.iter().enumerate() {
            ws.width(col(c), *width);
        }
        Workbook { sheets: vec![ws] }.to_bytes()
    }

    /// The report as a standalone HTML document in seed 002's layout, printable on A4.
    pub fn html(&self) -> String {
        let w = words(self.lang);
        let lang = match self.lang {
            Lang::Ja => "ja",
            Lang::En => "en",
        };
        let mut out = String::new();
        let title = format!("{} {}　{}", self.title, w.heading, self.year());
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
            Esc(&title),
            Esc(&title)
        );
        if let Some(when) = &self.recorded {
            let _ = writeln!(
                out,
                "<p class=\"recorded\">{} {}）</p>",
                Esc(w.recorded),
                Esc(when)
            );
        }
        let total: usize = self.grades.iter().map(|(_, n)| n).sum();
        let _ = write!(
            out,
            "<section class=\"summary\"><h2>{}</h2><p>{}: {total}　{}",
            Esc(w.summary),
            Esc(w.count),
            Esc(&self.grades_text())
        );
        if let Some(s) = self.score {
            let _ = write!(out, "　{}: {s}", Esc(w.score));
        }
        out.push_str("</p></section>\n<table>\n<thead><tr>");
        let _ = write!(
            out,
            "<th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
            Esc(w.md_headers[0]),
            Esc(w.md_headers[2])
        );
        out.push_str("</tr></thead>\n<tbody>\n");
        for s in &self.sections {
            out.push_str("<tr><th scope=\"row\">");
            if !s.context.is_empty() {
                let _ = write!(
                    out,
                    "<span class=\"context\">{}</span>",
                    Esc(&s.context.join(" › "))
                );
            }
            let _ = write!(out, "{}", Esc(&s.name));
            if !s.grades.is_empty() {
                let counts = s
                    .grades
                    .iter()
                    .map(|(l, n)| format!("{l} {n}"))
                    .collect::<Vec<_>>()
                    .join("・");
                let _ = write!(out, "<span class=\"rollup\">{}", Esc(&counts));
                if let Some(score) = s.score {
                    let _ = write!(out, "　{}: {score}", Esc(w.score));
                }
                out.push_str("</span>");
            }
            out.push_str("</th><td><ul>");
            for l in &s.lines {
                let _ = write!(
                    out,
                    "<li>{}：<span class=\"figure\">{}</span>{}　{}　<strong>{}</strong>{}",
                    Esc(&l.name),
                    Esc(&figure(l)),
                    if l.as_of.is_empty() {
                        String::new()
                    } else {
                        format!("<span class=\"as-of\">（{}）</span>", Esc(&l.as_of))
                    },
                    Esc(&percent(l.achievement)),
                    Esc(&l.grade.0),
                    if l.comment.is_empty() {
                        String::new()
                    } else {
                        format!("<p class=\"comment\">{}</p>", Esc(&l.comment))
                    }
                );
                if !l.values.is_empty() {
                    let _ = write!(out, "<p class=\"values\">{}</p>", Esc(&l.values.join("　")));
                }
                // The chart is the crate's own SVG: every text in it is escaped.
                let _ = write!(out, "<div class=\"chart\">{}</div>", l.chart);
                out.push_str("</li>");
            }
            out.push_str("</ul></td></tr>\n");
        }
        out.push_str("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
        out
    }

    /// The machine-readable rows: one per indicator, in the headers' order.
    fn rows(&self) -> Vec<Vec<Cell>> {
        let lang = self.lang;
        let mut rows = Vec::new();
        for s in &self.sections {
            for l in &s.lines {
                let text = |t: &str| {
                    if t.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(t.to_owned())
                    }
                };
                let num = |d: Option<Decimal>| d.map_or(Cell::Empty, Cell::Number);
                let year = |y: Option<i32>| y.map_or(Cell::Empty, |y| Cell::Number(y.into()));
                let pct = |d: Option<Decimal>| {
                    num(d
                        .and_then(|d| d.checked_mul(Decimal::ONE_HUNDRED))
                        .map(|d| d.round_dp(1)))
                };
                rows.push(vec![
                    text(&self.issuer.1),
                    text(&self.issuer.0),
                    text(&self.code),
                    text(&self.title),
                    year(self.fy),
                    text(&self.fy.map(|fy| era_only(lang, fy)).unwrap_or_default()),
                    text(&s.context.join(" › ")),
                    text(&s.name),
                    text(&l.id),
                    text(&l.name),
                    text(&l.unit),
                    num(l.baseline.0),
                    year(l.baseline.1),
                    text(&l.baseline.1.map(|y| era_only(lang, y)).unwrap_or_default()),
                    num(l.target.0),
                    text(l.target.1.as_deref().unwrap_or_default()),
                    year(l.target.2),
                    text(&l.target.2.map(|y| era_only(lang, y)).unwrap_or_default()),
                    match &l.value {
                        (Some(v), _) => Cell::Number(*v),
                        (None, Some(state)) => Cell::Text(state.clone()),
                        _ => Cell::Empty,
                    },
                    text(&l.as_of),
                    pct(l.achievement),
                    pct(l.progress),
                    text(&l.grade.0),
                    text(&l.comment),
                ]);
            }
        }
        rows
    }
}

enum Cell {
    Text(String),
    Number(Decimal),
    Empty,
}

fn col(c: usize) -> u32 {
    u32::try_from(c).unwrap_or(u32::MAX)
}

/// A text cell no spreadsheet reads as a formula: a leading `'` before `=`, `+`, `-` or `@`
/// (and before a tab or carriage return, which some read as the start of one).
pub fn neutral(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

/// A CSV field (RFC 4180): neutralised against formulas, quoted when it must be.
pub(crate) fn csv_text(text: &str) -> String {
    let t = neutral(text);
    if t.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", t.replace('"', "\"\""))
    } else {
        t
    }
}

/// Text for a Markdown table cell: pipes escaped, line breaks as spaces.
fn md(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// A fiscal year as a reader of `lang` reads it: `令和6年度（2024年度）`, `FY2024`.
pub(crate) fn fy_text(lang: Lang, fy: i32) -> String {
    match lang {
        Lang::Ja => era::format_ja(Period::FiscalYear(fy)),
        Lang::En => era::format_en(Period::FiscalYear(fy)),
    }
}

/// The era of a fiscal year alone (`令和6年度`), for the column beside the Western year.
fn era_only(lang: Lang, fy: i32) -> String {
    let full = fy_text(lang, fy);
    match full.split_once('（') {
        Some((era, _)) => era.to_owned(),
        None => full,
    }
}

/// A decimal with its own digits and thousands separators (`38,300`, `12.5`, `-0.25`): how
/// reports, sheets and the web's pages print a value.
pub fn number(d: Decimal) -> String {
    shinchoku_core::quantity::format_grouped(d)
}

/// A fraction as a percentage with one decimal (`62.4%`), `—` without one.
pub fn percent(d: Option<Decimal>) -> String {
    match d.and_then(|d| d.checked_mul(Decimal::ONE_HUNDRED)) {
        Some(p) => {
            let mut p = p.round_dp(1);
            p.rescale(1);
            format!("{p}%")
        }
        None => "—".into(),
    }
}

/// `42件/75件以上`, `実施中/実現`, `—/125件`: a line's value against its target, as seed 002
/// prints them.
pub fn figure(l: &Line) -> String {
    let unit = l.unit.trim();
    let actual = match &l.value {
        (Some(v), _) => format!("{}{unit}", number(*v)),
        (None, Some(s)) => s.clone(),
        _ => "—".into(),
    };
    let target = match &l.target {
        (Some(v), _, _) => format!("{}{unit}{}", number(*v), l.bound),
        (None, Some(t), _) => t.clone(),
        _ => "—".into(),
    };
    format!("{actual}/{target}")
}

fn line(input: &ReportInput<'_>, pi: &PlanIndicator, e: Option<&Evaluation>, lang: Lang) -> Line {
    let w = words(lang);
    let plan = input.plan;
    let fs = plan.fiscal_start;
    let ind = &pi.indicator;
    let state = e
        .and_then(|e| e.state)
        .and_then(|rank| ind.milestone_states().nth(rank))
        .map(str::to_owned);
    let value = (e.and_then(|e| e.value).filter(|_| state.is_none()), state);
    let has_value = value.0.is_some() || value.1.is_some();
    let as_of = match (has_value, input.fy) {
        (true, Some(fy)) => pi
            .observations
            .iter()
            .filter(|o| o.period.end_year(fs) <= fy)
            .max_by_key(|o| o.period.last_day(fs))
            .map(|o| {
                let p = o.as_of.unwrap_or(o.period);
                match lang {
                    Lang::Ja => era::format_short(p),
                    Lang::En => era::format_en(p),
                }
            })
            .unwrap_or_default(),
        _ => String::new(),
    };
    let target_value = e
        .and_then(|e| e.target)
        .or_else(|| ind.target.as_ref()?.value);
    let target_year = ind
        .target
        .as_ref()
        .and_then(|t| t.period)
        .or(plan.period)
        .map(|p| p.end_year(fs));
    Line {
        id: ind.id.clone(),
        name: ind.name.clone(),
        unit: ind.unit.clone(),
        baseline: (
            ind.baseline.as_ref().and_then(|b| b.value),
            ind.baseline
                .as_ref()
                .and_then(|b| b.period)
                .map(|p| p.end_year(fs)),
        ),
        target: (
            target_value,
            ind.target.as_ref().and_then(|t| t.text.clone()),
            target_year,
        ),
        bound: match (target_value, ind.comparator) {
            (None, _) | (_, Comparator::Exact) => "",
            (_, Comparator::AtLeast) => w.at_least,
            (_, Comparator::AtMost) => w.at_most,
        },
        value,
        as_of,
        achievement: e.and_then(|e| e.achievement),
        progress: e.and_then(|e| e.progress),
        grade: (
            plan.grading.label(e.and_then(|e| e.grade)).to_owned(),
            plan.grading.name_of(e.and_then(|e| e.grade)).to_owned(),
        ),
        comment: input.comments.get(&ind.id).cloned().unwrap_or_default(),
        values: pi
            .observations
            .iter()
            .filter(|o| input.fy.is_none_or(|fy| o.period.end_year(fs) <= fy))
            .map(|o| {
                let when = match lang {
                    Lang::Ja => era::format_short(o.as_of.unwrap_or(o.period)),
                    Lang::En => era::format_en(o.as_of.unwrap_or(o.period)),
                };
                let v = match &o.value {
                    shinchoku_core::indicator::ObservedValue::Number(n) => {
                        format!("{}{}", number(*n), ind.unit.trim())
                    }
                    shinchoku_core::indicator::ObservedValue::State(s) => s.clone(),
                };
                format!("{when}: {v}")
            })
            .collect(),
        chart: crate::indicator_chart(
            &crate::ChartInput {
                indicator: pi,
                evaluation: e,
                earlier: &[],
                current_fy: input.fy,
                plan_period: plan.period,
                fiscal_start: fs,
            },
            lang,
        ),
    }
}

/// The names of the nodes above `id`, from the top.
fn ancestors(plan: &Plan, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = plan.node(id).and_then(|n| n.parent.as_deref());
    while let Some(node) = at.and_then(|p| plan.node(p)) {
        // A plan is checked acyclic on reading; the bound only guards a bad one.
        if out.len() > plan.nodes.len() {
            break;
        }
        out.push(node_name(node));
        at = node.parent.as_deref();
    }
    out.reverse();
    out
}

/// The standalone HTML's stylesheet: A4, a row kept on one page, the header repeated.
const CSS: &str = "@page { size: A4; margin: 15mm; }
body { font-family: \"Noto Sans JP\", \"Hiragino Sans\", \"Yu Gothic\", sans-serif; color: #1a1a1a;
       background: #fff; margin: 0; font-size: 10.5pt; line-height: 1.6; }
main { max-width: 180mm; margin: 0 auto; padding: 12px; }
h1 { font-size: 15pt; } h2 { font-size: 12pt; }
.recorded { border: 1px solid #333; padding: 4px 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #333; padding: 4px 6px; vertical-align: top; text-align: left; }
thead th, tbody th { background: #efefef; }
tbody th { width: 30%; }
.context { display: block; font-weight: normal; font-size: 9pt; }
.rollup { display: block; font-weight: normal; font-size: 9pt; margin-top: 2px; }
ul { margin: 0; padding-left: 1.2em; }
.comment { margin: 2px 0 4px; font-size: 9.5pt; }
.values { margin: 2px 0; font-size: 9pt; }
.chart { max-width: 110mm; margin: 2px 0 8px; }
.chart svg { width: 100%; height: auto; }
li { break-inside: avoid; page-break-inside: avoid; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_fields_quoted() {
        assert_eq!(neutral("=1+1"), "'=1+1");
        assert_eq!(neutral("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutral("-5"), "'-5");
        assert_eq!(neutral("企業誘致件数"), "企業誘致件数");
        assert_eq!(csv_text("a,b"), "\"a,b\"");
        assert_eq!(csv_text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(number(Decimal::new(383000, 1)), "38,300");
        assert_eq!(percent(Some(Decimal::new(624, 3))), "62.4%");
        assert_eq!(era_only(Lang::Ja, 2024), "令和6年度");
    }
}

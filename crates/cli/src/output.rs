//! Rendering evaluations: DESIGN.md's JSON, CSV for Excel, and a table for people.
//!
//! JSON numbers are the decimals' own digits (`shinchoku_import::json::number`: `78`,
//! `0.624`, `0.0714285714285714285714285714`, never through `f64`); rounding is for the table
//! only. CSV carries a UTF-8 BOM so that Excel opens it as UTF-8, and prints decimals exactly.
//!
//! A value borrowed from another plan of the same series (core's `follow`) names its origin
//! wherever it is shown, up to the year evaluated: in JSON a `borrowed` list on the indicator,
//! each entry with its `from`; in CSV the `from` column; in the table a mark `※1` beside the
//! value and a note under the table.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde_json::{json, Map, Value};
use shinchoku_core::era;
use shinchoku_core::evaluate::{Evaluation, ForecastMethod};
use shinchoku_core::follow::{Borrowed, Followed, Role};
use shinchoku_core::indicator::{IndicatorKind, ObservedValue, Target};
use shinchoku_core::period::Period;
use shinchoku_core::plan::{Plan, PlanIndicator};
use shinchoku_core::quantity::{format_grouped, write_decimal};
use shinchoku_core::Decimal;
use shinchoku_import::json::number;
use unicode_width::UnicodeWidthStr;

use shinchoku_core::lang::Lang;

/// One plan's evaluation in one year.
#[derive(Debug)]
pub struct Evaluated<'p> {
    /// The plan.
    pub plan: &'p Plan,
    /// The year.
    pub fy: i32,
    /// One evaluation per indicator, in the plan's order.
    pub evaluations: Vec<Evaluation>,
    /// The values the plan borrowed from other plans (empty for a plan that borrows none).
    pub borrowed: &'p [Borrowed],
}

impl<'p> Evaluated<'p> {
    /// `followed` evaluated in `fy`.
    pub fn of(followed: &'p Followed, fy: i32, method: ForecastMethod) -> Self {
        Evaluated {
            plan: &followed.plan,
            fy,
            evaluations: followed.plan.evaluate(fy, method),
            borrowed: &followed.borrowed,
        }
    }

    /// The borrowed values of each indicator up to the year evaluated (a later one is not
    /// read by this evaluation), by indicator id, in time order.
    fn borrowed_by_indicator(&self) -> HashMap<&'p str, Vec<&'p Borrowed>> {
        let mut by: HashMap<&str, Vec<&Borrowed>> = HashMap::new();
        let fs = self.plan.fiscal_start;
        for b in self.borrowed {
            if b.observation.period.end_year(fs) <= self.fy {
                by.entry(b.indicator.as_str()).or_default().push(b);
            }
        }
        by
    }
}

/// A borrowed value as JSON: its period, value and status, and `from`, its origin.
fn borrowed_json(b: &Borrowed) -> Value {
    let o = &b.origin;
    json!({
        "period": b.observation.period.to_string(),
        "value": observed_json(&b.observation.value),
        "status": b.observation.status.as_str(),
        "from": {
            "plan": o.plan,
            "title": o.title,
            "indicator": o.indicator,
            "role": o.role.as_str(),
            "source": o.source,
        },
    })
}

fn observed_json(v: &ObservedValue) -> Value {
    match v {
        ObservedValue::Number(d) => number(*d),
        ObservedValue::State(s) => Value::from(s.as_str()),
    }
}

fn opt_number(d: Option<Decimal>) -> Value {
    d.map_or(Value::Null, number)
}

/// The compared value: a number, or a milestone's state.
fn value_of(pi: &PlanIndicator, e: &Evaluation) -> Value {
    match e.state {
        Some(rank) => pi
            .indicator
            .milestone_states()
            .nth(rank)
            .map_or(Value::Null, Value::from),
        None => opt_number(e.value),
    }
}

/// The target: a number, or the words (a milestone's state, `増加を目指す`).
fn target_of(pi: &PlanIndicator) -> Value {
    match &pi.indicator.target {
        Some(Target { value: Some(v), .. }) => number(*v),
        Some(Target { text: Some(t), .. }) => Value::from(t.as_str()),
        _ => Value::Null,
    }
}

fn counts_json(counts: &[(String, usize)]) -> Value {
    let mut m = Map::new();
    for (label, n) in counts {
        m.insert(label.clone(), Value::from(*n));
    }
    Value::Object(m)
}

/// DESIGN.md's evaluation object for one plan.
pub fn json(ev: &Evaluated<'_>) -> Value {
    let plan = ev.plan;
    let borrowed = ev.borrowed_by_indicator();
    let indicators: Vec<Value> = plan
        .indicators
        .iter()
        .zip(&ev.evaluations)
        .map(|(pi, e)| {
            let ind = &pi.indicator;
            let mut v = json!({
                "id": ind.id,
                "name": ind.name,
                "kind": ind.kind.as_str(),
                "unit": ind.unit,
                "value": value_of(pi, e),
                "target": target_of(pi),
                "achievement": opt_number(e.achievement),
                "progress": opt_number(e.progress),
                "expected": opt_number(e.expected),
                "pace": opt_number(e.pace),
                "grade": plan.grading.label(e.grade),
                "forecast": opt_number(e.forecast),
                "required_pace": opt_number(e.required_pace),
                "reasons": e.reasons.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            });
            if let (Some(list), Value::Object(m)) = (borrowed.get(ind.id.as_str()), &mut v) {
                let list = list.iter().map(|b| borrowed_json(b)).collect();
                m.insert("borrowed".into(), Value::Array(list));
            }
            v
        })
        .collect();
    let nodes: Vec<Value> = plan
        .nodes
        .iter()
        .zip(plan.grade_counts_by_node(&ev.evaluations))
        .zip(plan.scores_by_node(&ev.evaluations))
        .map(|((n, counts), score)| {
            json!({
                "id": n.id,
                "title": n.title,
                "grades": counts_json(&counts),
                "score": opt_number(score),
            })
        })
        .collect();
    let counts = plan.grade_counts(&ev.evaluations, None);
    json!({
        "plan": plan.code.as_str(),
        "fy": ev.fy,
        "indicators": indicators,
        "grades": counts_json(&counts),
        "score": opt_number(plan.score(&ev.evaluations, None)),
        "nodes": nodes,
    })
}

/// The CSV header of DESIGN.md.
pub const CSV_HEADER: &str =
    "plan,id,name,kind,unit,value,target,achievement,progress,expected,pace,grade,forecast,required_pace,reasons";

fn csv_field(out: &mut String, text: &str) {
    // Bytes, not chars: the four are ASCII, and UTF-8 never has them inside a character.
    // Every byte is looked at (no early exit), which compiles to a vector loop: most fields
    // hold none of them.
    let special = text.bytes().fold(false, |found, b| {
        found | (b == b',') | (b == b'"') | (b == b'\n') | (b == b'\r')
    });
    if special {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

fn csv_value(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A decimal as a CSV field: its exact digits (no quotes needed), or empty.
fn csv_decimal(out: &mut String, d: Option<Decimal>) {
    if let Some(d) = d {
        write_decimal(out, d);
    }
}

/// One CSV line per indicator (no header), decimals printed exactly. Written straight into
/// `out`, field by field: a national evaluation prints 143,040 lines. With `from`, a last
/// column names the origin of each borrowed value up to the year evaluated, as
/// `PERIOD:PLAN:FILE` (`FY2021:yamaguchi-commerce-industry-2022:004_….txt`; `PERIOD:PLAN`
/// when no file is known), separated by `;`.
pub fn csv_rows(ev: &Evaluated<'_>, from: bool, out: &mut String) {
    // About 200 bytes a line: room for them at once.
    out.reserve(ev.evaluations.len() * 256);
    let borrowed = if from {
        ev.borrowed_by_indicator()
    } else {
        HashMap::new()
    };
    for (pi, e) in ev.plan.indicators.iter().zip(&ev.evaluations) {
        let ind = &pi.indicator;
        for text in [
            ev.plan.code.as_str(),
            ind.id.as_str(),
            ind.name.as_str(),
            ind.kind.as_str(),
            ind.unit.as_str(),
        ] {
            csv_field(out, text);
            out.push(',');
        }
        match e.state {
            Some(_) => csv_field(out, &csv_value(&value_of(pi, e))),
            None => csv_decimal(out, e.value),
        }
        out.push(',');
        match &ind.target {
            Some(Target { value: Some(v), .. }) => write_decimal(out, *v),
            _ => csv_field(out, &csv_value(&target_of(pi))),
        }
        for d in [e.achievement, e.progress, e.expected, e.pace] {
            out.push(',');
            csv_decimal(out, d);
        }
        out.push(',');
        csv_field(out, ev.plan.grading.label(e.grade));
        for d in [e.forecast, e.required_pace] {
            out.push(',');
            csv_decimal(out, d);
        }
        out.push(',');
        // Reason names are fixed snake_case words: no quoting needed.
        for (i, r) in e.reasons.iter().enumerate() {
            if i > 0 {
                out.push(';');
            }
            out.push_str(r.as_str());
        }
        if from {
            out.push(',');
            let list = borrowed.get(ind.id.as_str()).map(Vec::as_slice);
            let origins: Vec<String> = list
                .unwrap_or_default()
                .iter()
                .map(|b| {
                    let mut s = format!("{}:{}", b.observation.period, b.origin.plan);
                    if let Some(f) = &b.origin.source {
                        s.push(':');
                        s.push_str(f);
                    }
                    s
                })
                .collect();
            csv_field(out, &origins.join(";"));
        }
        out.push_str("\r\n");
    }
}

/// A ratio as a percentage with one decimal (`62.4%`).
fn percent(d: Option<Decimal>) -> String {
    match d.and_then(|d| d.checked_mul(Decimal::ONE_HUNDRED)) {
        Some(p) => format!(
            "{}%",
            p.round_dp(1).normalize().to_string_with_one_decimal()
        ),
        None => "—".into(),
    }
}

trait OneDecimal {
    fn to_string_with_one_decimal(&self) -> String;
}

impl OneDecimal for Decimal {
    fn to_string_with_one_decimal(&self) -> String {
        let mut d = *self;
        d.rescale(1);
        d.to_string()
    }
}

fn amount(d: Option<Decimal>) -> String {
    d.map_or_else(|| "—".into(), |d| format_grouped(d.round_dp(2).normalize()))
}

/// A period for people in the chosen language.
pub fn period_text(p: Period, lang: Lang) -> String {
    match lang {
        Lang::Ja => era::format_ja(p),
        Lang::En => era::format_en(p),
    }
}

struct Column {
    title: &'static str,
    right: bool,
}

/// The table for people: one row per indicator, then the grade counts.
pub fn table(ev: &Evaluated<'_>, lang: Lang) -> String {
    let plan = ev.plan;
    let ja = lang == Lang::Ja;
    let year = period_text(Period::FiscalYear(ev.fy), lang);
    let mut out = String::new();
    if ja {
        let _ = writeln!(out, "{}（{}）　{}の評価", plan.title, plan.code, year);
    } else {
        let _ = writeln!(
            out,
            "{} ({}): evaluation for {}",
            plan.title, plan.code, year
        );
    }
    if let Some(p) = plan.period {
        let label = if ja { "計画期間" } else { "Plan period" };
        let _ = writeln!(out, "{label}: {}", period_text(p, lang));
    }
    out.push('\n');
    let columns: [Column; 11] = if ja {
        [
            Column {
                title: "No",
                right: true,
            },
            Column {
                title: "指標",
                right: false,
            },
            Column {
                title: "種別",
                right: false,
            },
            Column {
                title: "実績",
                right: true,
            },
            Column {
                title: "目標",
                right: true,
            },
            Column {
                title: "単位",
                right: false,
            },
            Column {
                title: "達成率",
                right: true,
            },
            Column {
                title: "進捗率",
                right: true,
            },
            Column {
                title: "想定進捗",
                right: true,
            },
            Column {
                title: "評価",
                right: false,
            },
            Column {
                title: "備考",
                right: false,
            },
        ]
    } else {
        [
            Column {
                title: "No",
                right: true,
            },
            Column {
                title: "Indicator",
                right: false,
            },
            Column {
                title: "Kind",
                right: false,
            },
            Column {
                title: "Actual",
                right: true,
            },
            Column {
                title: "Target",
                right: true,
            },
            Column {
                title: "Unit",
                right: false,
            },
            Column {
                title: "Achiev.",
                right: true,
            },
            Column {
                title: "Progress",
                right: true,
            },
            Column {
                title: "Expected",
                right: true,
            },
            Column {
                title: "Grade",
                right: false,
            },
            Column {
                title: "Notes",
                right: false,
            },
        ]
    };
    let borrowed = ev.borrowed_by_indicator();
    let mut notes_below: Vec<String> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (n, (pi, e)) in plan.indicators.iter().zip(&ev.evaluations).enumerate() {
        let ind = &pi.indicator;
        let mut actual = match e.state {
            Some(_) => csv_value(&value_of(pi, e)),
            None => amount(e.value),
        };
        if let Some(list) = borrowed.get(ind.id.as_str()) {
            let mark = format!("{}{}", if ja { "※" } else { "*" }, notes_below.len() + 1);
            actual.push_str(&mark);
            let values: Vec<String> = list
                .iter()
                .map(|b| origin_text(b, &ind.unit, lang))
                .collect();
            notes_below.push(format!(
                "{mark} {}: {}",
                ind.name,
                values.join(if ja { "、" } else { "; " })
            ));
        }
        let target = match &ind.target {
            Some(Target { value: Some(v), .. }) => {
                format!(
                    "{}{}",
                    format_grouped(*v),
                    if ja { ind.comparator.suffix_ja() } else { "" }
                )
            }
            Some(Target { text: Some(t), .. }) => t.clone(),
            _ => "—".into(),
        };
        let grade = match (e.grade, ja) {
            (Some(_), true) => format!(
                "{} {}",
                plan.grading.label(e.grade),
                plan.grading.name_of(e.grade)
            ),
            (None, true) => "— 未把握".into(),
            (_, false) => plan.grading.label(e.grade).to_owned(),
        };
        let notes: Vec<&str> = e
            .reasons
            .iter()
            .map(|r| if ja { r.label_ja() } else { r.as_str() })
            .collect();
        let kind = if ja {
            ind.kind.label_ja()
        } else {
            ind.kind.as_str()
        };
        let kind = if ind.kind == IndicatorKind::PeriodTotal && !ja {
            "period"
        } else {
            kind
        };
        rows.push(vec![
            (n + 1).to_string(),
            ind.name.clone(),
            kind.to_owned(),
            actual,
            target,
            ind.unit.clone(),
            percent(e.achievement),
            percent(e.progress),
            percent(e.expected),
            grade,
            notes.join(if ja { "・" } else { ", " }),
        ]);
    }
    aligned(&columns, &rows, &mut out);
    if !notes_below.is_empty() {
        out.push('\n');
        let _ = writeln!(
            out,
            "{}",
            if ja {
                "※ 他の計画から補った実績（同じ系列の指標）:"
            } else {
                "* Values taken from other plans (the same series):"
            }
        );
        for note in &notes_below {
            let _ = writeln!(out, "{note}");
        }
    }
    out.push('\n');
    let counts = plan.grade_counts(&ev.evaluations, None);
    let summary: Vec<String> = counts.iter().map(|(l, n)| format!("{l}: {n}")).collect();
    let label = if ja { "評価の内訳" } else { "Grades" };
    let _ = writeln!(out, "{label}  {}", summary.join("  "));
    out
}

/// A borrowed value and its origin for the note under the table:
/// `令和3年度（2021年度） 19.3% — yamaguchi-commerce-industry-2022「…」の実績（004_….txt）`.
fn origin_text(b: &Borrowed, unit: &str, lang: Lang) -> String {
    let value = match &b.observation.value {
        ObservedValue::Number(d) => format!("{}{unit}", format_grouped(*d)),
        ObservedValue::State(s) => s.clone(),
    };
    let o = &b.origin;
    let period = period_text(b.observation.period, lang);
    match lang {
        Lang::Ja => {
            let role = match o.role {
                Role::Observation => "実績",
                Role::Baseline => "現状値",
            };
            let file = o
                .source
                .as_ref()
                .map_or(String::new(), |f| format!("（{f}）"));
            format!("{period} {value} — {}「{}」の{role}{file}", o.plan, o.title)
        }
        Lang::En => {
            let file = o
                .source
                .as_ref()
                .map_or(String::new(), |f| format!(", {f}"));
            format!(
                "{period} {value} from {} \"{}\" ({}{file})",
                o.plan,
                o.title,
                o.role.as_str()
            )
        }
    }
}

/// Rows under titled columns, each column as wide as its widest cell (East Asian width), a
/// rule under the titles, trailing blanks trimmed.
fn aligned(columns: &[Column], rows: &[Vec<String>], out: &mut String) {
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| c.width()))
                .chain(std::iter::once(c.title.width()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<&str>, out: &mut String| {
        let mut s = String::new();
        for (i, (cell, c)) in cells.iter().zip(columns.iter()).enumerate() {
            let pad = widths[i].saturating_sub(cell.width());
            let last = i + 1 == columns.len();
            if c.right {
                s.push_str(&" ".repeat(pad));
                s.push_str(cell);
            } else {
                s.push_str(cell);
                if !last {
                    s.push_str(&" ".repeat(pad));
                }
            }
            if !last {
                s.push_str("  ");
            }
        }
        out.push_str(s.trim_end());
        out.push('\n');
    };
    line(columns.iter().map(|c| c.title).collect(), out);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(rule.iter().map(String::as_str).collect(), out);
    for r in rows {
        line(r.iter().map(String::as_str).collect(), out);
    }
}

/// A plain table of text cells, left-aligned, for the listing commands (`plans`, `history`).
pub fn simple_table(titles: &[&'static str], rows: &[Vec<String>]) -> String {
    let columns: Vec<Column> = titles
        .iter()
        .map(|&title| Column {
            title,
            right: false,
        })
        .collect();
    let mut out = String::new();
    aligned(&columns, rows, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_have_one_decimal() {
        assert_eq!(percent(Some(Decimal::new(624, 3))), "62.4%");
        assert_eq!(percent(Some(Decimal::ONE)), "100.0%");
        assert_eq!(
            percent(Some(Decimal::new(2, 0) / Decimal::new(3, 0))),
            "66.7%"
        );
        assert_eq!(percent(None), "—");
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        let mut s = String::new();
        csv_field(&mut s, "a,\"b\"");
        assert_eq!(s, "\"a,\"\"b\"\"\"");
    }
}

//! The Excel input template (`shinchoku template`): a workbook with a sheet per department for
//! its staff to fill in the year's actual values, which `shinchoku import` and the web upload
//! read back (DESIGN.md → Reports).
//!
//! Each sheet's first row is the header, in the Actuals CSV's own Japanese names where a column
//! is read back (`計画`, `指標`, `年度`, `実績値`, `状態`, `備考`) and in plain words where it is
//! only there to help (`指標名`, `単位`, `目標値`, `目標年度`, the earlier years' values), one
//! row per indicator below it. The sheet is protected without a password: only the value,
//! status and note cells (pale yellow) can be changed; the status takes one of `確定`, `速報`,
//! `見込`; a milestone's value one of its states, any other indicator's a number. A value
//! already stored for the year is filled in, to be corrected or kept.

use shinchoku_core::indicator::{IndicatorKind, ObservationStatus, ObservedValue};
use shinchoku_core::period::Period;
use shinchoku_core::plan::Plan;
use shinchoku_core::Decimal;

use crate::xlsx::{Style, Validation, Workbook, Worksheet, XlsxError};

/// The earlier years shown beside the one to fill.
const EARLIER_YEARS: i32 = 2;

/// The sheet of the indicators no department owns.
const NO_DEPARTMENT: &str = "担当課未設定";

/// What a template is made from.
#[derive(Debug, Clone, Copy)]
pub struct TemplateInput<'a> {
    /// The plan, with its stored observations.
    pub plan: &'a Plan,
    /// The fiscal year to fill in.
    pub fy: i32,
    /// The department that owns each indicator, in the plan's order (`None`: no one).
    pub owners: &'a [Option<String>],
}

/// The template as the bytes of an `.xlsx` file.
///
/// # Errors
/// [`XlsxError`], which writing to memory does not give.
pub fn template(input: &TemplateInput<'_>) -> Result<Vec<u8>, XlsxError> {
    let plan = input.plan;
    let fs = plan.fiscal_start;
    let fy = input.fy;
    // Departments in the order their first indicator comes.
    let mut departments: Vec<&str> = Vec::new();
    for i in 0..plan.indicators.len() {
        let d = owner(input, i);
        if !departments.contains(&d) {
            departments.push(d);
        }
    }
    let earlier: Vec<i32> = (fy - EARLIER_YEARS..fy).collect();
    let mut sheets = Vec::new();
    for d in departments {
        let mut ws = Worksheet::new(d);
        ws.landscape();
        ws.protect();
        let mut head: Vec<String> = ["計画", "指標", "指標名", "単位", "目標値", "目標年度"]
            .map(str::to_owned)
            .to_vec();
        head.extend(earlier.iter().map(|y| format!("{y}年度の実績（参考）")));
        head.extend(["年度", "実績値", "状態", "備考"].map(str::to_owned));
        for (c, h) in head.iter().enumerate() {
            ws.text(0, col(c), h.clone(), Style::Header);
        }
        let value_col = col(6 + earlier.len() + 1);
        let mut r = 1u32;
        for (i, pi) in plan.indicators.iter().enumerate() {
            if owner(input, i) != d {
                continue;
            }
            let ind = &pi.indicator;
            ws.text(r, 0, plan.code.as_str(), Style::Text);
            ws.text(r, 1, ind.id.clone(), Style::Text);
            ws.text(r, 2, ind.name.clone(), Style::Text);
            ws.text(r, 3, ind.unit.clone(), Style::Text);
            match ind.target.as_ref() {
                Some(t) if t.value.is_some() => {
                    ws.number(r, 4, t.value.unwrap_or_default(), Style::Number)
                }
                Some(t) => ws.text(r, 4, t.text.clone().unwrap_or_default(), Style::Text),
                None => ws.text(r, 4, "", Style::Text),
            }
            let target_year = ind
                .target
                .as_ref()
                .and_then(|t| t.period)
                .or(plan.period)
                .map(|p| p.end_year(fs));
            match target_year {
                Some(y) => ws.number(r, 5, Decimal::from(y), Style::Number),
                None => ws.text(r, 5, "", Style::Text),
            }
            let of_year = |y: i32| {
                pi.observations
                    .iter()
                    .rev()
                    .find(|o| o.period == Period::FiscalYear(y))
            };
            for (k, y) in earlier.iter().enumerate() {
                let c = col(6 + k);
                match of_year(*y).map(|o| &o.value) {
                    Some(ObservedValue::Number(n)) => ws.number(r, c, *n, Style::Number),
                    Some(ObservedValue::State(s)) => ws.text(r, c, s.clone(), Style::Text),
                    None => ws.text(r, c, "", Style::Text),
                }
            }
            ws.text(r, value_col - 1, format!("FY{fy}"), Style::Text);
            let now = of_year(fy);
            match now.map(|o| &o.value) {
                Some(ObservedValue::Number(n)) => ws.number(r, value_col, *n, Style::Input),
                Some(ObservedValue::State(s)) => ws.text(r, value_col, s.clone(), Style::Input),
                None => ws.text(r, value_col, "", Style::Input),
            }
            let status = match now.map(|o| o.status) {
                Some(ObservationStatus::Provisional) => "速報",
                Some(ObservationStatus::Estimate) => "見込",
                Some(ObservationStatus::Final) => "確定",
                None => "",
            };
            ws.text(r, value_col + 1, status, Style::Input);
            ws.text(r, value_col + 2, "", Style::Input);
            let rule = if ind.kind == IndicatorKind::Milestone {
                Validation::List(ind.milestone_states().map(str::to_owned).collect())
            } else {
                Validation::Decimal
            };
            ws.validate(
                (r, value_col, r, value_col),
                rule,
                "この指標の実績値は数値（マイルストーンは段階の名前）で入力してください",
            );
            r += 1;
        }
        if r > 1 {
            ws.validate(
                (1, value_col + 1, r - 1, value_col + 1),
                Validation::List(["確定", "速報", "見込"].map(str::to_owned).to_vec()),
                "状態は 確定・速報・見込 のいずれかです",
            );
        }
        ws.freeze_rows(1);
        let widths = [18.0, 8.0, 36.0, 8.0, 10.0, 9.0];
        for (c, w) in widths.iter().enumerate() {
            ws.width(col(c), *w);
        }
        for k in 0..earlier.len() {
            ws.width(col(6 + k), 12.0);
        }
        ws.width(value_col - 1, 9.0);
        ws.width(value_col, 12.0);
        ws.width(value_col + 1, 8.0);
        ws.width(value_col + 2, 30.0);
        sheets.push(ws);
    }
    Workbook { sheets }.to_bytes()
}

fn owner<'a>(input: &'a TemplateInput<'_>, i: usize) -> &'a str {
    input
        .owners
        .get(i)
        .and_then(Option::as_deref)
        .filter(|d| !d.trim().is_empty())
        .unwrap_or(NO_DEPARTMENT)
}

fn col(c: usize) -> u32 {
    u32::try_from(c).unwrap_or(u32::MAX)
}

//! Consistency checks: where a document contradicts itself, a warning with line numbers.
//!
//! Runs after every recogniser, over what they found. A plan document is imported anyway
//! (DESIGN.md → Importing documents); the warnings tell the planning office where to look, and
//! `shinchoku extract --strict` makes them fail. The checks:
//!
//! - `series_sum`: a data series whose years make up an indicator's baseline window (`862件
//!   (2018～2021)` beside the yearly 創業数) but do not add up to it;
//! - `baseline_differs`: a single-year baseline that differs from the same year in a series;
//! - `single_year_baseline`: a cumulative indicator whose baseline is marked as one year's
//!   figure (`21件(単年)` on a `(累計)` target);
//! - `unknown_unit`: a unit that is not in the list of units plans use, on a series or a
//!   progress entry (indicators are checked where they are read).
//!
//! Series and indicators are matched by name: the same normalised name once `の` and the
//! `(累計)` mark are set aside. (Containment would be too loose: a breakdown row such as
//! `バイオ関連分野の事業化件数` is part of `…、バイオ関連分野の事業化件数`, not the same.)

use std::collections::{HashMap, HashSet};

use shinchoku_core::indicator::IndicatorKind;
use shinchoku_core::period::{FiscalStart, Period};
use shinchoku_core::quantity::{format_decimal, Unit};
use shinchoku_core::text::fold_printed_name;
use shinchoku_core::Decimal;

use super::model::{Extraction, IndicatorOut, SeriesOut, Warning};
use super::text::Doc;

/// Adds the consistency warnings for what the other recognisers found.
pub fn recognize(_doc: &Doc, ex: &mut Extraction) {
    let mut warnings = Vec::new();
    // Series by subject, once: the matching is by equal keys, so a map keeps this linear.
    let mut by_subject: HashMap<String, Vec<&SeriesOut>> = HashMap::new();
    for s in &ex.series {
        let k = key(&s.name);
        if !k.is_empty() {
            by_subject.entry(k).or_default().push(s);
        }
    }
    for ind in &ex.indicators {
        single_year_baseline(ind, &mut warnings);
        for s in by_subject.get(&key(&ind.name)).into_iter().flatten() {
            series_against_baseline(ind, s, &mut warnings);
        }
    }
    for s in &ex.series {
        unknown_unit(&s.unit, s.line, "series", &s.name, &mut warnings);
    }
    for e in &ex.progress_entries {
        unknown_unit(&e.unit, e.line, "entry", &e.name, &mut warnings);
    }
    let mut seen: HashSet<(usize, String)> = ex
        .warnings
        .iter()
        .map(|w| (w.line, w.code.clone()))
        .collect();
    for w in warnings {
        if seen.insert((w.line, w.code.clone())) {
            ex.warnings.push(w);
        }
    }
}

/// The matching form of a name: normalised, `(累計)` and `の` set aside.
fn key(name: &str) -> String {
    let c = fold_printed_name(name);
    let c = c.strip_suffix("(累計)").unwrap_or(&c);
    c.replace('の', "")
}

fn single_year_baseline(ind: &IndicatorOut, out: &mut Vec<Warning>) {
    let single = ind
        .baseline
        .note
        .as_deref()
        .is_some_and(|n| n.contains("単年"));
    if ind.kind == IndicatorKind::Cumulative && single {
        out.push(Warning {
            line: ind.source_line,
            code: "single_year_baseline".into(),
            message: format!(
                "{}: 累計の指標ですが、現状値は単年の値です / a cumulative indicator with a \
                 single-year baseline: the baseline is not a running total",
                ind.name
            ),
            evidence: None,
        });
    }
}

fn series_against_baseline(ind: &IndicatorOut, s: &SeriesOut, out: &mut Vec<Warning>) {
    let (Some(b), Some(p)) = (ind.baseline.value, ind.baseline.period) else {
        return;
    };
    let fs = FiscalStart::APRIL;
    let cumulative_series = fold_printed_name(&s.name).ends_with("(累計)");
    if p.is_window() && !cumulative_series {
        // The yearly values of the window should add up to the window's baseline.
        let (from, to) = p.year_span(fs);
        let mut sum = Decimal::ZERO;
        let mut years = 0;
        for (sp, v) in &s.values {
            let y = sp.end_year(fs);
            if !sp.is_window() && (from..=to).contains(&y) {
                let Some(next) = sum.checked_add(*v) else {
                    return;
                };
                sum = next;
                years += 1;
            }
        }
        if years == p.year_count() && sum != b {
            out.push(Warning {
                line: s.line,
                code: "series_sum".into(),
                message: format!(
                    "{}: {} の合計は {} ですが、{}行目の現状値は {} です / the series sums to {} \
                     over {p}, but the baseline on line {} is {}",
                    ind.name,
                    p,
                    format_decimal(sum),
                    ind.source_line,
                    format_decimal(b),
                    format_decimal(sum),
                    ind.source_line,
                    format_decimal(b)
                ),
                evidence: None,
            });
        }
    } else if !p.is_window() {
        let year = p.end_year(fs);
        let value_of = |y: i32| {
            s.values
                .iter()
                .find(|(sp, _)| !sp.is_window() && sp.end_year(fs) == y)
                .map(|(_, v)| *v)
        };
        // A flow baseline against a running total: the year's increase.
        let seen = if cumulative_series && ind.kind != IndicatorKind::Cumulative {
            match (value_of(year), value_of(year - 1)) {
                (Some(a), Some(b0)) => a.checked_sub(b0),
                _ => None,
            }
        } else {
            value_of(year)
        };
        if let Some(v) = seen {
            if v != b && matches!(p, Period::FiscalYear(_) | Period::CalendarYear(_)) {
                out.push(Warning {
                    line: ind.source_line,
                    code: "baseline_differs".into(),
                    message: format!(
                        "{}: 現状値 {} ({p}) が{}行目の表の値 {} と異なります / the baseline {} \
                         differs from {} for the same year in the table on line {}",
                        ind.name,
                        format_decimal(b),
                        s.line,
                        format_decimal(v),
                        format_decimal(b),
                        format_decimal(v),
                        s.line
                    ),
                    evidence: None,
                });
            }
        }
    }
}

fn unknown_unit(unit: &str, line: usize, what: &str, name: &str, out: &mut Vec<Warning>) {
    if !unit.is_empty() && !Unit::new(unit).is_known() {
        out.push(Warning {
            line,
            code: "unknown_unit".into(),
            message: format!(
                "{what} {name}: 単位「{unit}」は既知の単位ではありません / unknown unit {unit:?}"
            ),
            evidence: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::model::ValueAt;
    use shinchoku_core::indicator::{Comparator, Direction};

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn indicator(
        name: &str,
        kind: IndicatorKind,
        value: &str,
        period: Period,
        note: Option<&str>,
    ) -> IndicatorOut {
        IndicatorOut {
            id: "i1".into(),
            name: name.into(),
            unit: "件".into(),
            kind,
            direction: Direction::Increase,
            comparator: Comparator::Exact,
            baseline: ValueAt {
                value: Some(d(value)),
                period: Some(period),
                note: note.map(Into::into),
                stat: None,
            },
            target: ValueAt::default(),
            yearly_targets: vec![],
            node: None,
            project: None,
            category: None,
            label: None,
            definition: None,
            source: None,
            source_line: 10,
            also_at: vec![],
        }
    }

    fn series(name: &str, values: &[(i32, &str)]) -> SeriesOut {
        SeriesOut {
            name: name.into(),
            unit: "件".into(),
            values: values
                .iter()
                .map(|(y, v)| (Period::FiscalYear(*y), d(v)))
                .collect(),
            line: 50,
            ..SeriesOut::default()
        }
    }

    fn run(ind: IndicatorOut, s: SeriesOut) -> Vec<String> {
        let mut ex = Extraction {
            indicators: vec![ind],
            series: vec![s],
            ..Extraction::default()
        };
        recognize(&Doc::new("t", ""), &mut ex);
        ex.warnings.into_iter().map(|w| w.code).collect()
    }

    const WINDOW: Period = Period::FiscalYears {
        start: 2018,
        end: 2021,
    };

    #[test]
    fn a_series_that_sums_to_its_baseline_is_quiet() {
        let ind = indicator(
            "関係支援機関の支援による創業数",
            IndicatorKind::PeriodTotal,
            "862",
            WINDOW,
            None,
        );
        let s = series(
            "関係支援機関の支援による創業数",
            &[(2018, "239"), (2019, "208"), (2020, "214"), (2021, "201")],
        );
        assert!(run(ind, s).is_empty());
    }

    #[test]
    fn a_series_that_does_not_sum_to_its_baseline_is_warned() {
        let ind = indicator("創業数", IndicatorKind::PeriodTotal, "900", WINDOW, None);
        let s = series(
            "創業数",
            &[(2018, "239"), (2019, "208"), (2020, "214"), (2021, "201")],
        );
        assert_eq!(run(ind, s), ["series_sum"]);
        // A breakdown that merely contains the name is another subject.
        let part = series(
            "関係支援機関の支援による創業数",
            &[(2018, "239"), (2019, "208"), (2020, "214"), (2021, "201")],
        );
        let ind = indicator("創業数", IndicatorKind::PeriodTotal, "900", WINDOW, None);
        assert!(run(ind, part).is_empty());
    }

    #[test]
    fn a_partial_series_is_not_summed() {
        let ind = indicator("創業数", IndicatorKind::PeriodTotal, "900", WINDOW, None);
        let s = series("創業数", &[(2020, "214"), (2021, "201")]);
        assert!(run(ind, s).is_empty());
    }

    #[test]
    fn a_baseline_that_differs_from_its_year_in_a_table_is_warned() {
        let ind = indicator(
            "中小企業のIoT導入率",
            IndicatorKind::Level,
            "19.3",
            Period::FiscalYear(2021),
            None,
        );
        assert!(run(
            ind.clone(),
            series("中小企業のIoT導入率", &[(2016, "3.9"), (2021, "19.3")])
        )
        .is_empty());
        assert_eq!(
            run(
                ind,
                series("中小企業のIoT導入率", &[(2016, "3.9"), (2021, "18.0")])
            ),
            ["baseline_differs"]
        );
    }

    #[test]
    fn a_flow_baseline_is_the_increase_of_a_running_total() {
        let ind = indicator(
            "企業誘致件数",
            IndicatorKind::PeriodTotal,
            "25",
            Period::CalendarYear(2021),
            None,
        );
        let mut s = series("企業の誘致件数(累計)", &[]);
        s.values = [(2018, "28"), (2019, "55"), (2020, "78"), (2021, "103")]
            .iter()
            .map(|(y, v)| (Period::CalendarYear(*y), d(v)))
            .collect();
        assert!(run(ind.clone(), s.clone()).is_empty());
        let mut wrong = ind;
        wrong.baseline.value = Some(d("26"));
        assert_eq!(run(wrong, s), ["baseline_differs"]);
    }

    #[test]
    fn a_cumulative_indicator_with_a_single_year_baseline_is_warned() {
        let ind = indicator(
            "山口県航空宇宙クラスターの新規商談件数",
            IndicatorKind::Cumulative,
            "21",
            Period::FiscalYear(2019),
            Some("単年"),
        );
        let mut ex = Extraction {
            indicators: vec![ind],
            ..Extraction::default()
        };
        recognize(&Doc::new("t", ""), &mut ex);
        assert_eq!(ex.warnings.len(), 1);
        assert!(ex.warnings[0].message.contains("航空宇宙"));
    }

    #[test]
    fn unknown_units_on_series_are_warned() {
        let mut ex = Extraction {
            series: vec![SeriesOut {
                name: "x".into(),
                unit: "ダース".into(),
                line: 3,
                ..SeriesOut::default()
            }],
            ..Extraction::default()
        };
        recognize(&Doc::new("t", ""), &mut ex);
        assert_eq!(ex.warnings[0].code, "unknown_unit");
    }
}

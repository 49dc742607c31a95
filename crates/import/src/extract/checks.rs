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
//!   progress entry (indicators are checked where they are read);
//! - `flattened_form` (text only, [`flattened_form`]): nothing read, although the text has a
//!   table's header words and figures: a table flattened out of a PDF or a web page, whose
//!   original document should be imported instead.
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

use super::lexicon;
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

/// Warns when a text yields no indicator, progress entry, series or roadmap although it reads like a
/// table of them flattened to text (`flattened_form`): it has the words that head such a
/// table (a target word such as `目標` and a value word such as `実績` or `現状`,
/// `lexicon::FORM_VALUE_WORDS`) and at least [`FLATTENED_MIN_VALUES`] numbers that are not
/// years or dates, one at least every [`FLATTENED_CHARS_PER_VALUE`] characters. That is what copying a form
/// or a table out of a PDF or a web page gives, in orders no reader can be sure of; the
/// original document (PDF, HTML, Excel, Word) is read as a table, so the warning says to
/// import that instead. Only for text: a document read from its original says nothing new.
pub fn flattened_form(doc: &Doc, ex: &mut Extraction) {
    if !ex.indicators.is_empty()
        || !ex.progress_entries.is_empty()
        || !ex.series.is_empty()
        || !ex.roadmap.is_empty()
    {
        return;
    }
    let (mut first, mut target, mut value, mut numbers) = (None, false, false, 0usize);
    let mut chars = 0usize;
    for line in &doc.lines {
        chars += line.text.chars().count();
        let words = fold_printed_name(&line.text);
        let t = lexicon::has_any(&words, lexicon::TARGET_HEADERS);
        let v = lexicon::has_any(&words, lexicon::FORM_VALUE_WORDS);
        if (t || v) && first.is_none() {
            first = Some(line.no);
        }
        target |= t;
        value |= v;
        numbers += value_numbers(&line.text);
    }
    let Some(line) = first else { return };
    if !(target && value)
        || numbers < FLATTENED_MIN_VALUES
        || numbers.saturating_mul(FLATTENED_CHARS_PER_VALUE) < chars
    {
        return;
    }
    ex.warnings.push(Warning {
        line,
        code: "flattened_form".into(),
        message: "表の見出しの語（目標・実績など）と数値がありますが、指標として読めた行はありません。\
                  PDF や Web ページの表を文字だけにした文章に見えます。元の文書（.pdf・.html・.xlsx・.docx）を\
                  そのまま読み込めば、表として読めます / the text has a table's header words (目標, \
                  実績 …) and numbers, but no row was read as an indicator: it looks like a table \
                  flattened to text out of a PDF or a web page. Import the original document \
                  (.pdf, .html, .xlsx, .docx), which is read as a table"
            .into(),
        evidence: Some(format!(
            "目標・実績などの語と、年や日付でない数値 {numbers} 個 / target and value words, \
             and {numbers} numbers that are not years or dates"
        )),
    });
}

/// How many numbers, not years or dates, a text needs before [`flattened_form`] takes it for
/// a flattened table: a plan's prose names a target and the present value now and then, a
/// table of them holds rows of figures.
pub const FLATTENED_MIN_VALUES: usize = 6;

/// And how dense they must be: at least one figure for this many characters of text. Tables
/// flattened out of a sheet or a page hold one for every 10–40 characters; a slide deck or a
/// plan's prose with a few targets in it, one for every few hundred.
pub const FLATTENED_CHARS_PER_VALUE: usize = 100;

/// The numbers in `text` that are values: runs of digits (with `,` and `.` inside) that are
/// not a year (`2024年`, `令和6`, `R6`, `H30`), a month or a day, a chapter or article number
/// (`第2章`), nor part of a list label or a date written with `/` or `-`.
fn value_numbers(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut count = 0;
    let mut i = 0;
    while i < chars.len() {
        if !chars.get(i).is_some_and(char::is_ascii_digit) {
            i += 1;
            continue;
        }
        let start = i;
        while chars.get(i).is_some_and(|c| {
            c.is_ascii_digit()
                || ((*c == ',' || *c == '.') && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        }) {
            i += 1;
        }
        let before = start.checked_sub(1).and_then(|k| chars.get(k)).copied();
        let after = chars.get(i).copied();
        let year_or_date = matches!(
            after,
            Some('年' | '月' | '日' | '/' | '-' | ')' | '.' | '章' | '節' | '条' | '号')
        ) || matches!(
            before,
            Some('R' | 'H' | 'S' | '和' | '成' | '/' | '-' | '(')
        );
        if !year_or_date {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::model::ValueAt;
    use shinchoku_core::indicator::{Comparator, Direction};

    fn flattened(text: &str) -> Vec<Warning> {
        let mut ex = Extraction::default();
        flattened_form(&Doc::new("f.txt", text), &mut ex);
        ex.warnings
    }

    #[test]
    fn a_table_flattened_to_text_that_gave_nothing_is_named_with_its_first_header_line() {
        // Cells in the order a PDF drew them: header words first, then names and figures.
        let text = "第2章 施策の評価\n成果指標\n基準値\n(R2)\n実 績 値\n(R5)\n目標値\n(R7)\n\
                    若葉市の新規就農者数 12人 15人 20人\n空き家バンクの登録件数 30件 41件 60件\n";
        let w = flattened(text);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].code, "flattened_form");
        assert_eq!(w[0].line, 3, "the first line with a header word");
        assert!(w[0].message.contains("元の文書"), "{}", w[0].message);
        assert!(
            w[0].evidence.as_deref().unwrap_or("").contains("数値 6 個"),
            "{w:?}"
        );
    }

    #[test]
    fn prose_with_a_target_and_a_few_figures_or_years_is_no_table() {
        // Target words and years, and fewer than six figures: a plan's prose.
        let prose = "令和7年度までに目標を達成するため、2024年から実績を毎年公表します。\n\
                     現状では 3 地区で 12 件の相談があります(R5)。\n";
        assert!(flattened(prose).is_empty());
        // Six figures and the words, spread over a long text: a slide deck's scattered figures.
        let deck = format!(
            "目標来場者数 30万人以上、実績は 12 会場。\n{}\n相談 4 件、補助 5 件、研修 6 回、視察 7 回。\n",
            "地域の産業づくりと人材の育成を進めます。".repeat(40)
        );
        assert!(flattened(&deck).is_empty());
        // Many figures but no target word: a table of statistics is not a table of targets.
        let stats = "人口の実績 1,200 1,180 1,150 1,120 1,100 1,090 1,080\n";
        assert!(flattened(stats).is_empty());
    }

    #[test]
    fn nothing_is_said_when_something_was_read() {
        let mut ex = Extraction::default();
        ex.indicators.push(indicator(
            "新規就農者数",
            IndicatorKind::Level,
            "12",
            Period::FiscalYear(2020),
            None,
        ));
        let text = "基準値 実績値 目標値\n新規就農者数 12 15 20 30 41 60\n";
        flattened_form(&Doc::new("f.txt", text), &mut ex);
        assert!(ex.warnings.is_empty());
    }

    #[test]
    fn years_dates_and_labels_are_not_counted_as_figures() {
        assert_eq!(
            value_numbers("2024年 R6 H30 令和6年度 2024/3/31 (1) 3月 1日 第2章 第3条"),
            0
        );
        assert_eq!(value_numbers("12人 1,234件 22.5% 0.5"), 4);
    }

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

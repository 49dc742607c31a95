//! Progress reports (進捗状況): the actual and the target of each indicator, as a report
//! prints them, into [`ProgressEntry`]s.
//!
//! A progress report states, per project, where each indicator stands against its target.
//! It is written in a few ways, all read here:
//! - **Inline**, in a cell or a line: `石炭共同輸送実施回数：11回/30回`, several to a cell
//!   (`・A：11回/30回 ・B：3.2km/3.9km`, or one after another separated by a space), with the
//!   colon full- or half-width, the slash too (`42件／75件`), and `実績42件（目標75件）`.
//! - **As a table** whose header has an actual column and a target column
//!   (`指標名 | 目標値 | 実績値 | 達成率 | 評価`), the name in its own column — headed
//!   `経営目標（指標）` too; of two actual columns of different years the later one; under a
//!   target header spanning `年度 | 値` the value; the unit from a caption above the table
//!   (`（単位：人）`) when the header has none; a `達成状況` column's marks when no 評価 column.
//!   Era-less years in the header (`4年度 実績 | 5年度 計画 | 5年度 実績`) take the era written
//!   above; a difference column (`計画と実績の比較`) is no actual; bracketed units under an
//!   empty header cell (`(%)`) are the rows' units; a graded row with no target (`A-3`) is an
//!   entry without one; and an evaluation sheet's year grid of its measures (`活動指標名 |
//!   単位 | years`, no target) in a report gives each its latest year's actual.
//!
//! What an entry carries, and from what:
//! - actual and target read by [`parse_quantity`] (`3.2km`, `67億円`, `10.1%`, `5件以上` →
//!   comparator `at_least`); the unit is the target's (the actual's when the target has
//!   none); a pair whose units do not convert is no entry (`15件/3年` is a window, `6/11` a
//!   date), nor is a pair without any unit — except in a table's actual and target columns,
//!   whose headers say what each number is (a unit stated once for the page, or not at all).
//! - milestone states: two words that are no numbers (`実施中/実現`) → kind `milestone`,
//!   `actual_text`, `target_text`.
//! - notes in brackets after the pair: an as-of note (`（R1.8）` → `2019-08`, `（H30）` →
//!   `FY2018`: a bare era year is a fiscal year, `（R1.7時点）`, `（～R1.7）`, `（9月30日現在）`
//!   with the year of the report's date, never after it); the plan's final target beside a
//!   year's (`42件/30件（最終目標75件）` → `final_target`); a target written as a note
//!   (`実績42件（目標75件）`); `速報` / `見込` (status).
//! - `status`: `provisional` for a count during the year (an as-of month or day, `速報`,
//!   `暫定`), `estimate` for `見込`.
//! - a printed grade (`◎ ○ △ ▲ ×`, `S A B C D E`) → `mark`, from a grade column or after the
//!   last entry of a cell (`【A】`, `評価：◎`, or alone at the cell's end).
//! - the project: the row's first cell (`① 瀬戸内産業競争力・生産性強化 ▼…` → 1 and its name,
//!   up to the first `▼`), an empty first cell meaning the project above; else a numbered line
//!   above the entries; else the node the entry's line belongs to.
//!
//! The document's own date (`（令和元年8月）` in the title) is the structure recogniser's
//! `plan.as_of`; an entry's `as_of` is only its own note.
//!
//! Guarantees: never panics (character-wise scanning, no slicing at a non-char boundary);
//! linear in the length of each line.

use std::borrow::Cow;

use shinchoku_core::era::parse_period;
use shinchoku_core::indicator::Comparator;
use shinchoku_core::period::Period;
use shinchoku_core::quantity::{parse_quantity, Quantity, Unit, Window};
use shinchoku_core::text::{close_up_spaces, fold_printed_name};
use shinchoku_core::Decimal;

use super::blocks::{self, Block, Blocks, Kind};
use super::lexicon;
use super::model::{Extraction, ProgressEntry, Warning};
use super::scan::{
    clean_text, enclosed_number, html_segments, label_number, latin_unit, rate_phrase, split_label,
};
use super::text::{Doc, Line};

mod grid;
mod records;

/// Adds what this recogniser finds in `doc` to `ex`.
pub fn recognize(doc: &Doc, ex: &mut Extraction) {
    let named = super::indicators::name_captioned(doc);
    let doc = named.as_ref().unwrap_or(doc);
    recognize_in(doc, &blocks::classify(doc), ex);
}

/// Adds what this recogniser finds to `ex`: the progress lists `blocks` labels, and the
/// entries written on every other line.
pub fn recognize_in(doc: &Doc, blocks: &Blocks, ex: &mut Extraction) {
    let ctx = Context {
        report_date: ex.plan.as_of,
        in_columns: false,
    };
    let mut out = Found::default();
    let mut in_table = vec![false; doc.lines.len()];
    for block in blocks.of(Kind::Progress) {
        read_table(doc, block, &ctx, &mut in_table, &mut out);
    }
    // A data series' year grid of an evaluation sheet's measures is their actuals too.
    for block in blocks.of(Kind::Series) {
        read_actuals_grid(doc, block, &mut in_table, &mut out);
    }
    let mut project: Option<Project> = None;
    // The last non-blank line, which names the indicator of a `実績値(…目標値)=…` line below.
    let mut above: Option<&Line> = None;
    // The legend of `name=@target A actual B rate` lines, once one is printed.
    let mut legend: Option<Legend> = None;
    for (i, line) in doc.lines.iter().enumerate() {
        if in_table.get(i).copied().unwrap_or(false) || line.is_blank() {
            continue;
        }
        if let Some(l) = legend_of(&line.text) {
            legend = Some(l);
            above = Some(line);
            continue;
        }
        if let Some(mut e) = legend
            .as_ref()
            .and_then(|l| legend_entry(line, l, &ctx, &mut out.warnings))
        {
            if let Some(p) = project.as_ref() {
                e.project_no = p.no;
                e.project.clone_from(&p.name);
            }
            out.entries.push(e);
            above = Some(line);
            continue;
        }
        match key_value_entry(line, above, &ctx, &mut out.warnings) {
            Some(mut e) => {
                if let Some(p) = project.as_ref() {
                    e.project_no = p.no;
                    e.project.clone_from(&p.name);
                }
                out.entries.push(e);
            }
            None => {
                let before = out.entries.len();
                read_line(line, &ctx, &mut project, &mut out);
                if out.entries.len() == before && !line.is_row() {
                    read_prose(line, &ctx, project.as_ref(), &mut out);
                }
            }
        }
        above = Some(line);
    }
    // Records printed one field per line (`progress/records.rs`).
    let loose: Vec<&Line> = doc
        .lines
        .iter()
        .enumerate()
        .filter(|(i, l)| {
            !l.is_blank() && !l.is_row() && !in_table.get(*i).copied().unwrap_or(false)
        })
        .map(|(_, l)| l)
        .collect();
    out.entries
        .extend(records::read(&loose, &ctx, &mut out.warnings));
    // KPI sheets' year grids run on in a line (`kpi_sheet_runon.rs`).
    for line in &loose {
        for g in super::kpi_sheet_runon::year_grids(&line.text) {
            out.entries
                .extend(records::from_grid(&g, line.no, &ctx, &mut out.warnings));
        }
    }
    // Year grids run on in a paragraph (`progress/grid.rs`).
    for (i, line) in doc.lines.iter().enumerate() {
        if !line.is_row() && !in_table.get(i).copied().unwrap_or(false) {
            out.entries.extend(grid::run_on_grids(&line.text, line.no));
        }
    }
    out.entries.sort_by_key(|e| e.line);
    for mut e in out.entries {
        if e.project_no.is_none() && e.project.is_none() {
            if let Some((no, title)) = node_project(ex, e.line) {
                e.project_no = no;
                e.project = Some(title);
            }
        }
        ex.progress_entries.push(e);
    }
    ex.warnings.extend(out.warnings);
}

/// What the recogniser knows of the whole document.
struct Context {
    /// The report's date, which gives a year to an as-of note without one.
    report_date: Option<Period>,
    /// The value is read from a table's actual and target columns, whose headers say what
    /// each number is: two bare numbers are a pair there (a table whose unit is stated once
    /// for the page, or not at all), where in a line `6/11` is a date.
    in_columns: bool,
}

#[derive(Default)]
struct Found {
    entries: Vec<ProgressEntry>,
    warnings: Vec<Warning>,
}

/// A project: its number and name as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Project {
    no: Option<u32>,
    name: Option<String>,
}

/// The project of the node `line` belongs to ([`super::node_at`], by binary search), when
/// that node is numbered.
fn node_project(ex: &Extraction, line: usize) -> Option<(Option<u32>, String)> {
    let after = ex.nodes.partition_point(|n| n.line <= line);
    let node = ex.nodes.get(after.checked_sub(1)?)?;
    let no = node.label.as_deref().and_then(label_number)?;
    Some((Some(no), node.title.clone()))
}

// ---------------------------------------------------------------------------------------
// Lines and inline entries

fn read_line(line: &Line, ctx: &Context, project: &mut Option<Project>, out: &mut Found) {
    let may_hold = |t: &str| t.contains('/') || t.contains("目標");
    let mut entries: Vec<ProgressEntry> = Vec::new();
    // Cells used as an entry's name are no project.
    let mut name_cells: Vec<usize> = Vec::new();
    let mut first_has_entries = false;
    // An entry needs a slash (`11回/30回`) or a target word (`実績42件(目標75件)`): other
    // cells are passed over at the cost of one search.
    for (j, cell) in line.cells.iter().enumerate() {
        if !may_hold(cell) {
            continue;
        }
        let text = clean_text(cell);
        let found = scan_cell(&text, ctx, line.no, &mut out.warnings);
        if !found.is_empty() {
            first_has_entries |= j == 0;
            entries.extend(found);
            continue;
        }
        // A cell that is only `42件／75件`: its name is the cell before it. Numbers only:
        // two words split by a slash in a cell of their own are a header (`基準年/年度`) as
        // often as states.
        if j == 0 || text.chars().count() > MAX_VALUE_CHARS {
            continue;
        }
        let Some(v) = read_value(&text, ctx).filter(|v| v.actual.is_some()) else {
            continue;
        };
        let name = (0..j).rev().find_map(|k| {
            let c = clean_text(line.cells.get(k)?);
            (!c.is_empty()).then_some((k, c))
        });
        if let Some((k, name)) = name.and_then(|(k, c)| Some((k, entry_name(&c)?))) {
            name_cells.push(k);
            entries.push(v.into_entry(name, line.no, &mut out.warnings));
        }
    }
    if line.is_row() {
        // The first cell names the project when it is numbered or holds the entries' row
        // heading; a header row (`プロジェクト | 主な取組 | 状況`) is neither, nor a cell
        // that is an entry's name.
        let first = line.cells.first().map_or("", String::as_str);
        let numbered = split_label(&first_segment(first)).0.is_some();
        if !first.is_empty()
            && !first_has_entries
            && !name_cells.contains(&0)
            && (numbered || !entries.is_empty())
        {
            *project = Some(project_of(first));
        }
    } else if entries.is_empty() && line.text.chars().next().is_some_and(opens_label) {
        if let Some(p) = numbered_heading(&line.text) {
            *project = Some(p);
        }
    }
    for mut e in entries {
        if let Some(p) = project.as_ref() {
            e.project_no = p.no;
            e.project.clone_from(&p.name);
        }
        out.entries.push(e);
    }
}

/// The text of a cell before its second HTML paragraph: `<p>⑤ 名前</p> <p>▼…</p>` → `⑤ 名前`.
fn first_segment(cell: &str) -> String {
    if cell.starts_with('<') {
        html_segments(cell).into_iter().next().unwrap_or_default()
    } else {
        cell.split('<').next().unwrap_or(cell).to_owned()
    }
}

/// A character a list label can open with: a circled number, `(`, a digit.
fn opens_label(c: char) -> bool {
    enclosed_number(c).is_some() || c == '(' || c.is_ascii_digit()
}

/// The project a row's first cell names: its list number and its name up to the first mark
/// of a sub-item (`▼`, `・`, a second paragraph).
fn project_of(cell_html: &str) -> Project {
    let segments = html_segments(cell_html);
    let first = segments.first().map_or("", String::as_str);
    let (no, rest) = split_label(first);
    let name = cut_at_sub_item(rest);
    Project {
        no,
        name: Some(fold_printed_name(name)).filter(|n| !n.is_empty()),
    }
}

/// A line that opens with a list number and holds no entry: a project's heading.
fn numbered_heading(text: &str) -> Option<Project> {
    let (no, rest) = split_label(text);
    let no = no?;
    let name = fold_printed_name(cut_at_sub_item(rest));
    (!name.is_empty()).then_some(Project {
        no: Some(no),
        name: Some(name),
    })
}

fn cut_at_sub_item(s: &str) -> &str {
    let mut end = s.len();
    let mut prev_space = true;
    for (i, c) in s.char_indices() {
        if matches!(c, '▼' | '▽' | '■' | '●' | '◆') || (c == '・' && prev_space) {
            end = i;
            break;
        }
        prev_space = c.is_whitespace();
    }
    s.get(..end).unwrap_or(s).trim()
}

/// Every `name：value` entry of a cell, left to right. A name starts after the previous
/// entry, a `・` / `●` item mark, a sentence end or the cell's start.
fn scan_cell(
    text: &str,
    ctx: &Context,
    line: usize,
    warnings: &mut Vec<Warning>,
) -> Vec<ProgressEntry> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<ProgressEntry> = Vec::new();
    let mut name_from = 0usize;
    let mut i = 0usize;
    while i < chars.len() {
        let at_colon = chars.get(i) == Some(&':');
        // `実績42件(目標75件)` without a colon: the name ends at 実績.
        let at_jisseki = !at_colon
            && starts_with(&chars, i, "実績")
            && i > name_from
            && chars
                .get(i.wrapping_sub(1))
                .is_some_and(|c| c.is_whitespace())
            && value_follows(&chars, i + 2);
        if !(at_colon || at_jisseki) {
            i += 1;
            continue;
        }
        let value_start = if at_colon { i + 1 } else { i };
        if at_colon && !value_may_follow(&chars, value_start) {
            i += 1;
            continue;
        }
        let Some((run, end)) = value_run(&chars, value_start) else {
            i += 1;
            continue;
        };
        // The name is read only for a value, so text of many colons stays linear.
        let found = read_value(&run, ctx).and_then(|v| {
            let raw: String = chars.get(name_from..i)?.iter().collect();
            Some((v, entry_name(&raw)?))
        });
        match found {
            Some((v, name)) => {
                out.push(v.into_entry(name, line, warnings));
                name_from = end;
                i = end;
            }
            None => i += 1,
        }
    }
    // A grade after the last entry: `【A】`, `評価：◎`, or a grade alone at the end.
    if let Some(last) = out.last_mut() {
        let rest: String = chars.get(name_from..).unwrap_or_default().iter().collect();
        if let Some(m) = trailing_grade(&rest) {
            last.mark = Some(m);
        }
    }
    out
}

fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(k, w)| chars.get(at + k) == Some(&w))
}

/// What follows a colon can open a value: a digit, a minus sign, `実績`, or a word (a state).
fn value_may_follow(chars: &[char], mut at: usize) -> bool {
    while chars.get(at).is_some_and(|c| c.is_whitespace()) {
        at += 1;
    }
    chars.get(at).is_some_and(|&c| {
        c.is_ascii_digit() || matches!(c, '△' | '▲' | '-') || (c.is_alphabetic() && !c.is_ascii())
    })
}

/// A number follows at `at`, after `値`, a colon and spaces.
fn value_follows(chars: &[char], mut at: usize) -> bool {
    while chars
        .get(at)
        .is_some_and(|&c| c == '値' || c == ':' || c.is_whitespace())
    {
        at += 1;
    }
    chars.get(at).is_some_and(|c| c.is_ascii_digit())
}

/// The longest value text read, in characters (`1兆2,000億円/1兆5,000億円(最終目標2兆円)
/// (R5.9月末時点速報値)` is 41). It was 240 bytes: 80 characters of kanji, but three times as
/// many of ASCII.
const MAX_VALUE_CHARS: usize = 80;

/// The longest note looked for after a space (`(令和5年9月30日現在速報値)`).
const MAX_NOTE_CHARS: usize = 40;

/// Results told in a sentence ([`super::prose`]): `削減率は4.2%(目標8%)`, `目標の1万2千人を上回る
/// 約1万3千8百人`.
fn read_prose(line: &Line, ctx: &Context, project: Option<&Project>, out: &mut Found) {
    // Only lines that speak of a target can hold one.
    if !line.text.contains("目標") {
        return;
    }
    let text = clean_text(&line.text);
    let glued = super::prose::dated_results(&text);
    let series = super::prose::series_results(&text);
    for r in super::prose::results(&text)
        .into_iter()
        .chain(glued)
        .chain(series)
    {
        let Some(v) = read_value(&format!("{}/{}", r.actual, r.target), ctx) else {
            continue;
        };
        let Some(name) = entry_name(&r.name) else {
            continue;
        };
        let mut e = v.into_entry(name, line.no, &mut out.warnings);
        if let Some(p) = project {
            e.project_no = p.no;
            e.project.clone_from(&p.name);
        }
        out.entries.push(e);
    }
}

/// What each field of a legend's value lines holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Target,
    Actual,
    Other,
}

/// A legend that says how the lines below print their values: `▽環境指標項目(単位)=@4年度目標値
/// A4年度実績値B達成率(%)` — after `=`, each field opens with a one-character separator
/// (here `@`, `A`, `B`: a page's rendering of ①②③) and names what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Legend {
    /// Each field's separator and role, in order.
    fields: Vec<(char, Field)>,
    /// The year the legend's target and actual are of (`4年度`).
    year: Option<Period>,
}

/// The legend a line prints, if it is one: at least a target and an actual field, each opened
/// by a separator that is no letter of the field's words.
fn legend_of(text: &str) -> Option<Legend> {
    let (_, right) = text.split_once('=')?;
    if !(right.contains("目標") && right.contains("実績")) || right.chars().count() > 60 {
        return None;
    }
    let chars: Vec<char> = right.chars().collect();
    let is_year_char =
        |c: char| c.is_ascii_digit() || matches!(c, '年' | '度' | '元' | '令' | '和' | '平' | '成');
    let mut fields = Vec::new();
    let mut year = None;
    let mut k = 0;
    while k + 1 < chars.len() {
        let role = match (chars.get(k), chars.get(k + 1)) {
            (Some('目'), Some('標')) => Some(Field::Target),
            (Some('実'), Some('績')) => Some(Field::Actual),
            (Some('達'), Some('成')) => Some(Field::Other),
            _ => None,
        };
        let Some(role) = role else {
            k += 1;
            continue;
        };
        // The field opens with its year (`4年度`), and before it the separator.
        let mut start = k;
        while start > 0 && chars.get(start - 1).is_some_and(|&c| is_year_char(c)) {
            start -= 1;
        }
        let sep = *chars.get(start.checked_sub(1)?)?;
        if sep.is_whitespace() || is_year_char(sep) {
            return None;
        }
        if start < k {
            let y: String = chars.get(start..k).unwrap_or_default().iter().collect();
            year = year.or_else(|| parse_period(&y).ok());
        }
        fields.push((sep, role));
        k += 2;
    }
    let has = |f: Field| fields.iter().any(|(_, g)| *g == f);
    (has(Field::Target) && has(Field::Actual)).then_some(Legend { fields, year })
}

/// A value line read by a legend: `▽河川愛護団体の登録数(団体)=@52A55B105・8`. The name is the
/// text before `=` without its bullet, the unit its bracket; a value's `・` is its decimal
/// point and `、` its thousands separator, as such pages print them.
fn legend_entry(
    line: &Line,
    legend: &Legend,
    ctx: &Context,
    warnings: &mut Vec<Warning>,
) -> Option<ProgressEntry> {
    let (left, right) = line.text.split_once('=')?;
    let mut values: Vec<(Field, String)> = Vec::new();
    let mut rest = right.trim();
    for (n, (sep, field)) in legend.fields.iter().enumerate() {
        rest = rest.strip_prefix(*sep)?;
        let end = legend
            .fields
            .get(n + 1)
            .and_then(|(next, _)| rest.find(*next))
            .unwrap_or(rest.len());
        values.push((
            *field,
            rest.get(..end)?.replace('・', ".").replace('、', ","),
        ));
        rest = rest.get(end..)?;
    }
    let get = |f: Field| values.iter().find(|(g, _)| *g == f).map(|(_, v)| v.clone());
    let (actual, target) = (get(Field::Actual)?, get(Field::Target)?);
    let left = left
        .trim()
        .trim_start_matches(['▽', '▼', '・', '○', '◇', '◆']);
    // `(団体)`: the unit, for values printed bare.
    let (name, unit) = match left.strip_suffix(')').and_then(|l| l.rsplit_once('(')) {
        Some((n, u)) if u.chars().count() <= 12 && !u.is_empty() => (n, u),
        _ => (left, ""),
    };
    // Bare numbers take the bracket's unit, which may itself hold a slash (`平方メートル/人`).
    let bare = |t: &str| {
        parse_quantity(t)
            .ok()
            .filter(|q| q.unit.is_empty())
            .and_then(|q| q.value)
    };
    let mut v = match (bare(&actual), bare(&target)) {
        (a, Some(t)) if a.is_some() || actual.trim().is_empty() => Value {
            actual: a,
            target: Some(t),
            unit: unit.to_owned(),
            ..Value::default()
        },
        _ => read_value(&format!("{actual}/{target}"), ctx)
            .filter(|v| v.actual.is_some() || v.target.is_some())?,
    };
    if v.as_of.is_none() {
        v.as_of = legend.year;
    }
    let name = entry_name(name)?;
    Some(v.into_entry(name, line.no, warnings))
}

/// A form's `key=value` line under the indicator's name: `実績値(令和4年度目標値)=412億円(560億円)`
/// (the actual, and in brackets the year's target, of the year the key names), `実績値=412億円`.
/// The name is the line above, when it is a name (short, no sentence).
fn key_value_entry(
    line: &Line,
    above: Option<&Line>,
    ctx: &Context,
    warnings: &mut Vec<Warning>,
) -> Option<ProgressEntry> {
    let t = line.text.as_str();
    let (key, value) = t.split_once('=')?;
    let key: String = key.chars().filter(|c| !c.is_whitespace()).collect();
    let rest = lexicon::ACTUAL_WORDS
        .iter()
        .find_map(|w| key.strip_prefix(w))?;
    // `(令和4年度目標値)`: the year, and that the bracket in the value is its target.
    let (year, has_target) = match rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => {
            let year = lexicon::TARGET_LABELS
                .iter()
                .find_map(|w| inner.strip_suffix(w))?;
            (parse_period(year).ok(), true)
        }
        None if rest.is_empty() => (None, false),
        None => return None,
    };
    let value = value.trim();
    let (actual, target) = match value.strip_suffix(')').and_then(|v| v.split_once('(')) {
        Some((a, b)) if has_target => (a.trim(), Some(b.trim())),
        _ => (value, None),
    };
    let text = match target {
        Some(b) => format!("{actual}/{b}"),
        None => actual.to_owned(),
    };
    let mut v = read_value(&text, ctx).filter(|v| v.actual.is_some())?;
    if v.as_of.is_none() {
        v.as_of = year;
    }
    let name = above
        .filter(|l| !l.is_row())
        .and_then(|l| entry_name(&l.text))?;
    Some(v.into_entry(name, line.no, warnings))
}

/// The value text from `start`: up to white space, `、`, `。` or an item mark outside
/// brackets, or a colon, with a bracketed note after a space (`41件/45件 (R1.8)`) taken
/// along. Returns the text and the index after it; `None` for a text too long to be a value
/// or with a bracket left open.
fn value_run(chars: &[char], start: usize) -> Option<(String, usize)> {
    let mut i = start;
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    let mut depth = 0usize;
    let mut run = String::new();
    // `実績 120件`: the word and the number may be spaced apart.
    for word in lexicon::ACTUAL_WORDS {
        if starts_with(chars, i, word) {
            run.push_str(word);
            i += word.chars().count();
            while chars.get(i).is_some_and(|&c| c == ':' || c.is_whitespace()) {
                i += 1;
            }
            break;
        }
    }
    let mut run_chars = 0usize;
    while let Some(&c) = chars.get(i) {
        if run_chars == MAX_VALUE_CHARS {
            // No value is this long: give up here, so a long text is read once.
            return None;
        }
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            // A colon opens the next entry, at any depth: a value holds none.
            ':' => break,
            c if depth == 0
                && (c.is_whitespace()
                    || matches!(c, '、' | '。' | '・' | ';' | '●' | '【' | '[')) =>
            {
                break
            }
            _ => {}
        }
        run.push(c);
        run_chars += 1;
        i += 1;
    }
    if depth > 0 {
        // A bracket left open: no value (and no work to read it as one).
        return None;
    }
    // A note in brackets printed after a space belongs to the value before it.
    let mut j = i;
    while chars.get(j).is_some_and(|c| c.is_whitespace()) {
        j += 1;
    }
    if chars.get(j) == Some(&'(') && !run.is_empty() {
        let window = j..chars.len().min(j + MAX_NOTE_CHARS);
        if let Some(close) = window.into_iter().find(|&k| chars.get(k) == Some(&')')) {
            let note: String = chars.get(j..=close).unwrap_or_default().iter().collect();
            if is_note(note.trim_start_matches('(').trim_end_matches(')')) {
                run.push_str(&note);
                i = close + 1;
            }
        }
    }
    Some((run, i))
}

/// Whether a bracketed text is a note this module reads (as-of, target, status, grade).
fn is_note(inner: &str) -> bool {
    !matches!(classify_note(inner, None), Note::Other)
}

/// The name before an entry's colon: from the last item mark or sentence end, list label and
/// marks dropped, compacted. `None` for what cannot be a name (empty, only digits and signs,
/// too long, or inside an unclosed bracket).
fn entry_name(raw: &str) -> Option<String> {
    let mut s = raw.trim();
    // After the last item mark (`・` after a space or at the start), bullet or sentence end.
    let mut start = 0;
    let mut prev_space = true;
    for (i, c) in s.char_indices() {
        let mark = matches!(
            c,
            '●' | '○' | '◆' | '◇' | '■' | '□' | '▽' | '▼' | '。' | '>'
        ) || (c == '・' && prev_space);
        if mark {
            start = i + c.len_utf8();
        }
        prev_space = c.is_whitespace();
    }
    s = s.get(start..).unwrap_or("").trim();
    // An unmatched `)` ends what came before (the tail of an earlier note).
    let mut depth = 0i32;
    let mut cut = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '「' | '【' => depth += 1,
            ')' | '」' | '】' => {
                depth -= 1;
                if depth < 0 {
                    cut = i + c.len_utf8();
                    depth = 0;
                }
            }
            _ => {}
        }
    }
    s = s.get(cut..).unwrap_or("").trim();
    if depth > 0 {
        return None;
    }
    let (_, rest) = split_label(s);
    let rest = rest.trim_start_matches(['-', '*', '・']);
    // A bracketed label before the name (`【KPI】`, `【指標】`, `【新規】`) says what the line is,
    // not what the indicator is called.
    let rest = rest
        .strip_prefix('【')
        .and_then(|r| r.split_once('】'))
        .filter(|(label, name)| label.chars().count() <= 6 && !name.trim().is_empty())
        .map_or(rest, |(_, name)| name.trim_start());
    let rest = lexicon::ACTUAL_WORDS
        .iter()
        .find_map(|w| rest.trim_end().strip_suffix(w))
        .unwrap_or(rest);
    let name = fold_printed_name(rest);
    let letters = name
        .chars()
        .filter(|c| c.is_alphabetic() && !c.is_ascii_digit())
        .count();
    (letters >= 2 && name.chars().count() <= 80).then_some(name)
}

// ---------------------------------------------------------------------------------------
// Values

/// An actual against a target, as read from a value text.
#[derive(Debug, Clone, Default, PartialEq)]
struct Value {
    actual: Option<Decimal>,
    target: Option<Decimal>,
    final_target: Option<Decimal>,
    unit: String,
    kind: Option<String>,
    comparator: Option<String>,
    actual_text: Option<String>,
    target_text: Option<String>,
    as_of: Option<Period>,
    status: Option<String>,
    mark: Option<String>,
    /// An as-of note without a year that the report's date could not place.
    undated: Option<String>,
}

impl Value {
    /// The entry, and a warning about an as-of note that could not be dated. A kind mark at
    /// the end of the name (`(累計)`, `(単年)`, `(年間)`) leaves the name for the kind.
    fn into_entry(
        mut self,
        name: String,
        line: usize,
        warnings: &mut Vec<Warning>,
    ) -> ProgressEntry {
        let mut name = name;
        for (mark, kind) in lexicon::PROGRESS_KIND_TAILS {
            if let Some(rest) = name.strip_suffix(mark).filter(|r| !r.is_empty()) {
                name = rest.to_owned();
                self.kind.get_or_insert_with(|| (*kind).to_owned());
                break;
            }
        }
        if let Some(text) = &self.undated {
            warnings.push(Warning {
                line,
                code: "undated_as_of".to_owned(),
                message: format!(
                    "{name}: the as-of note ({text}) has no year and the document's date is \
                     unknown: the entry has no as_of"
                ),
                evidence: None,
            });
        }
        ProgressEntry {
            project_no: None,
            project: None,
            name,
            actual: self.actual,
            target: self.target,
            final_target: self.final_target,
            unit: self.unit,
            kind: self.kind,
            comparator: self.comparator,
            actual_text: self.actual_text,
            target_text: self.target_text,
            as_of: self.as_of,
            mark: self.mark,
            status: self.status,
            line,
        }
    }
}

/// What a bracketed note after a value says.
#[derive(Debug, Clone, PartialEq)]
enum Note {
    /// `目標75件`, `最終目標75件`: a target (the plan's final one when `final_`).
    Target { text: String, final_: bool },
    /// `R1.8`, `H30`, `9月30日現在`, with a status word if any.
    AsOf {
        period: Option<Period>,
        status: Option<&'static str>,
        text: String,
    },
    /// `速報`, `見込`: a status alone.
    Status(&'static str),
    /// `A`, `◎`.
    Grade(String),
    /// Anything else (`累計`, `単年`): left to the quantity parser.
    Other,
}

fn classify_note(inner: &str, report_date: Option<Period>) -> Note {
    let t: String = inner.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return Note::Other;
    }
    if let Some(g) = grade(&t) {
        return Note::Grade(g);
    }
    if let Some(pos) = t.find("目標") {
        let after = t.get(pos + "目標".len()..).unwrap_or("");
        let after = after.strip_prefix('値').unwrap_or(after);
        let after = after.strip_prefix(':').unwrap_or(after);
        if parse_quantity(after).is_ok_and(|q| q.value.is_some()) {
            let before = t.get(..pos).unwrap_or("");
            return Note::Target {
                text: after.to_owned(),
                final_: before.contains("最終") || !before.is_empty(),
            };
        }
        return Note::Other;
    }
    let mut rest = t.clone();
    let mut status = None;
    for (w, s) in lexicon::STATUS_WORDS {
        if let Some(p) = rest.find(w) {
            status = Some(*s);
            rest.replace_range(p..p + w.len(), "");
            break;
        }
    }
    let rest = rest.trim_start_matches(['~', '〜', '～']);
    let rest = lexicon::ACTUAL_WORDS
        .iter()
        .find_map(|w| rest.strip_suffix(w))
        .or_else(|| rest.strip_suffix("まで"))
        .unwrap_or(rest);
    if rest.is_empty() {
        return status.map_or(Note::Other, Note::Status);
    }
    if let Some(p) = as_of_period(rest, report_date) {
        return Note::AsOf {
            period: Some(p),
            status,
            text: t,
        };
    }
    if yearless_date(rest).is_some() {
        return Note::AsOf {
            period: None,
            status,
            text: t,
        };
    }
    Note::Other
}

/// An as-of note as a period: what [`parse_period`] reads (`R1.8`, `H30`, `令和元年9月30日現在`),
/// or a month and day without a year (`9月30日現在`) placed in the year of the report's date,
/// never after it.
fn as_of_period(text: &str, report_date: Option<Period>) -> Option<Period> {
    if let Ok(p) = parse_period(text) {
        return match p {
            Period::FiscalYear(_)
            | Period::CalendarYear(_)
            | Period::Month { .. }
            | Period::Date { .. } => Some(p),
            _ => None,
        };
    }
    let (month, day) = yearless_date(text)?;
    let report = report_date?;
    let (ry, rm, rd) = match report {
        Period::Date { year, month, day } => (year, month, day),
        Period::Month { year, month } => (year, month, 31),
        // A fiscal year's report: its months run April to March.
        Period::FiscalYear(y) => (y + 1, 3, 31),
        Period::CalendarYear(y) => (y, 12, 31),
        _ => return None,
    };
    let year = if (month, day.unwrap_or(1)) > (rm, rd) {
        ry - 1
    } else {
        ry
    };
    let year = match report {
        Period::FiscalYear(y) if month >= 4 => y,
        _ => year,
    };
    match day {
        Some(d) => Period::date(year, month, d).ok(),
        None => Period::month(year, month).ok(),
    }
}

/// `9月30日現在`, `9月末時点`, `9月` → (month, day).
fn yearless_date(text: &str) -> Option<(u8, Option<u8>)> {
    let mut t = text;
    for suffix in lexicon::AS_OF_WORDS {
        t = t.strip_suffix(suffix).unwrap_or(t);
    }
    let t = t.strip_suffix("末").unwrap_or(t);
    let (m, rest) = t.split_once('月')?;
    let month: u8 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
    if rest.is_empty() {
        return Some((month, None));
    }
    let d = rest.strip_suffix('日')?;
    let day: u8 = d.parse().ok().filter(|d| (1..=31).contains(d))?;
    Some((month, Some(day)))
}

/// A printed grade: `◎ ○ 〇 △ ▲ × ✕`, one of `S A B C D E` (refined by a sign, `B+`, or by
/// a small letter, `Ab`), a small letter alone (`a b c`), or a word a review grades with
/// ([`lexicon::GRADE_WORDS`]: `順調`, `概ね順調`, `やや遅れている`).
pub(crate) fn grade(t: &str) -> Option<String> {
    let t = t.trim();
    if lexicon::GRADE_WORDS.contains(&t) {
        return Some(t.to_owned());
    }
    let mut chars = t.chars();
    // `a`, `b`, `c` alone, and a letter with a small letter after it (`Ab`, `Cc`: two grades
    // in one, of the whole and of a part).
    match (chars.next(), chars.next(), chars.next()) {
        (Some(c), None, None) if lexicon::GRADE_SMALL_LETTERS.contains(&c) => {
            return Some(c.to_string())
        }
        (Some(c), Some(d), None)
            if lexicon::GRADE_LETTERS.contains(&c) && lexicon::GRADE_SMALL_LETTERS.contains(&d) =>
        {
            return Some(t.to_owned())
        }
        _ => {}
    }
    let mut chars = t.chars();
    let c = chars.next()?;
    // A letter grade may be refined by a sign (`B+`, `A-`); after NFKC `＋` is `+`.
    let letter = lexicon::GRADE_LETTERS.contains(&c);
    // A letter grade divided by a number (`A-1`, `A-2`: reached, improving) is a grade of
    // its own, as a legend after the table spells out.
    let rest: String = chars.clone().collect();
    if let Some(d) = rest
        .strip_prefix(['-', '−'])
        .filter(|d| d.chars().count() == 1 && d.chars().all(|x| x.is_ascii_digit()))
    {
        return letter.then(|| format!("{c}-{d}"));
    }
    let sign = match chars.next() {
        None => None,
        Some(s @ ('+' | '-' | '−')) if chars.next().is_none() => Some(s),
        Some(_) => return None,
    };
    match (c, sign) {
        // `〇` (a kanji zero) is printed for `○`.
        ('〇', None) => Some("○".to_owned()),
        (c, None) if letter || lexicon::GRADE_MARKS.contains(&c) => Some(c.to_string()),
        (c, Some('+')) if letter => Some(format!("{c}+")),
        (c, Some(_)) if letter => Some(format!("{c}-")),
        _ => None,
    }
}

/// The grade printed in a grade column: a [`grade`], or a dash, which in a grade column is a
/// grade of its own (`−`: not evaluated, no value to judge), kept as `−`.
fn grade_cell(t: &str) -> Option<String> {
    grade(t)
        .or_else(|| matches!(t.trim(), "-" | "−" | "―" | "—" | "ー" | "‐").then(|| "−".to_owned()))
}

/// A grade after a cell's last entry: alone, `【A】`, `[A]`, `(A)`, `評価:A`.
fn trailing_grade(rest: &str) -> Option<String> {
    let t: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t
        .strip_prefix("評価")
        .map_or(t.as_str(), |r| r.trim_start_matches(':'));
    let inner = t
        .strip_prefix('【')
        .and_then(|r| r.strip_suffix('】'))
        .or_else(|| t.strip_prefix('[').and_then(|r| r.strip_suffix(']')))
        .or_else(|| t.strip_prefix('(').and_then(|r| r.strip_suffix(')')))
        .unwrap_or(t);
    grade(inner)
}

/// Splits trailing bracketed groups off a text: `45件(R1.8)` → (`45件`, [`R1.8`]).
fn peel_notes(s: &str) -> (String, Vec<String>) {
    let mut core: Vec<char> = s.trim().chars().collect();
    let mut notes = Vec::new();
    while core.last() == Some(&')') {
        let mut depth = 0usize;
        let mut open = None;
        for k in (0..core.len()).rev() {
            match core.get(k) {
                Some(')') => depth += 1,
                Some('(') => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        open = Some(k);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(open) = open else { break };
        if open == 0 {
            break;
        }
        let inner: String = core
            .get(open + 1..core.len().saturating_sub(1))
            .unwrap_or_default()
            .iter()
            .collect();
        notes.insert(0, inner);
        core.truncate(open);
        while core.last().is_some_and(|c| c.is_whitespace()) {
            core.pop();
        }
    }
    (core.into_iter().collect(), notes)
}

/// Reads a value text: `11回/30回`, `41件/45件(R1.8)`, `0件/5件以上`, `実施中/実現`,
/// `42件/30件(最終目標75件)`, `42件(目標75件)`, `実績42件(目標75件)`. `None` when it is no
/// actual-against-target.
fn read_value(text: &str, ctx: &Context) -> Option<Value> {
    let t = text.trim();
    let t = lexicon::ACTUAL_WORDS
        .iter()
        .find_map(|w| t.strip_prefix(w))
        .unwrap_or(t)
        .trim_start_matches([':', ' ']);
    let slash = top_level_slashes(t);
    let (actual_text, target_raw) = match slash.as_slice() {
        [k] => (t.get(..*k)?, Some(t.get(k + 1..)?)),
        [] => (t, None),
        _ => return None,
    };
    let mut v = Value::default();
    let (actual_core, actual_notes) = peel_notes(actual_text);
    let (target_core, target_notes) = target_raw.map(peel_notes).unwrap_or_default();
    let mut target_src: Option<String> = target_raw.map(|_| target_core);
    let mut kept: Vec<String> = Vec::new();
    let mut yearless: Option<String> = None;
    for note in actual_notes.iter().chain(&target_notes) {
        match classify_note(note, ctx.report_date) {
            Note::Target { text, final_ } => {
                if target_src.is_none() && !final_ {
                    target_src = Some(text);
                } else if let Ok(q) = parse_quantity(&text) {
                    v.final_target = q.value;
                }
            }
            Note::AsOf {
                period,
                status,
                text,
            } => {
                if v.as_of.is_none() {
                    v.as_of = period;
                    if period.is_none() {
                        yearless = Some(text);
                    }
                }
                v.status = status.map(str::to_owned).or(v.status);
            }
            Note::Status(s) => v.status = Some(s.to_owned()),
            Note::Grade(g) => v.mark = Some(g),
            Note::Other => kept.push(note.clone()),
        }
    }
    let target_src = target_src?;
    // Notes this module does not read (`累計`, `単年`) go back to the target's text.
    let target_text = if kept.is_empty() {
        target_src
    } else {
        format!("{target_src}({})", kept.join(")("))
    };
    match (parse_quantity(&actual_core), parse_quantity(&target_text)) {
        // An actual of `—` (not yet known) against a target is an entry without an actual.
        (Ok(a), Ok(b))
            if b.value.is_some() && (a.value.is_some() || !actual_core.trim().is_empty()) =>
        {
            let unit = numeric_units(&a, &b).or_else(|| {
                (ctx.in_columns && a.unit.is_empty() && b.unit.is_empty()).then(String::new)
            })?;
            if a.value.is_some() {
                v.actual = match Unit::new(&unit) == a.unit || a.unit.is_empty() {
                    true => a.value,
                    false => a.value_in(&Unit::new(&unit)),
                };
                v.actual?;
            }
            v.target = b.value;
            v.unit = unit;
            v.comparator = match b.comparator {
                Comparator::AtLeast => Some("at_least".to_owned()),
                Comparator::AtMost => Some("at_most".to_owned()),
                Comparator::Exact => None,
            };
            v.kind = kind_of(&a, &b);
        }
        (Err(_), Err(_)) if is_state(&actual_core) && is_state(&target_text) => {
            v.kind = Some("milestone".to_owned());
            v.actual_text = Some(close_up_spaces(&actual_core));
            v.target_text = Some(close_up_spaces(&target_text));
        }
        _ => return None,
    }
    if v.status.is_none() && matches!(v.as_of, Some(Period::Month { .. } | Period::Date { .. })) {
        v.status = Some("provisional".to_owned());
    }
    if let Some(text) = yearless {
        v.status.get_or_insert_with(|| "provisional".to_owned());
        v.undated = Some(text);
    }
    Some(v)
}

/// Byte offsets of `/` outside brackets.
fn top_level_slashes(s: &str) -> Vec<usize> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '/' if depth == 0 => out.push(i),
            _ => {}
        }
    }
    out
}

/// The entry's unit: the target's, else the actual's; `None` when neither has one or they
/// do not convert (`15件/3年` is a window, not an entry).
fn numeric_units(a: &Quantity, b: &Quantity) -> Option<String> {
    match (a.unit.is_empty(), b.unit.is_empty()) {
        (true, true) => None,
        (true, false) => Some(b.unit.to_string()),
        (false, true) => Some(a.unit.to_string()),
        (false, false) if a.unit == b.unit => Some(b.unit.to_string()),
        (false, false) => a
            .value
            .and_then(|x| Unit::convert(x, &a.unit, &b.unit))
            .map(|_| b.unit.to_string()),
    }
}

fn kind_of(a: &Quantity, b: &Quantity) -> Option<String> {
    if a.cumulative || b.cumulative {
        Some("cumulative".to_owned())
    } else if a.annual || b.annual {
        Some("annual".to_owned())
    } else if matches!(b.window, Some(Window::Years(_) | Window::Length(_))) {
        Some("period_total".to_owned())
    } else {
        None
    }
}

/// A milestone state: a short word of letters, no digits, no brackets (`実施中`, `実現`,
/// `未着手`).
fn is_state(s: &str) -> bool {
    let s = s.trim();
    let n = s.chars().count();
    (1..=12).contains(&n) && s.chars().all(|c| c.is_alphabetic() && !c.is_ascii())
}

// ---------------------------------------------------------------------------------------
// Tables with an actual column and a target column

/// The columns of a progress table's header.
#[derive(Debug, Clone, Default)]
struct Columns {
    name: usize,
    actual: usize,
    /// The last column the actual's header spans: a header word over several year columns
    /// (`実績値` over `R4 R5 R6`, an HTML `colspan` whose header cells after it are empty).
    actual_last: usize,
    target: usize,
    /// The last column the target's header spans (`目標` over `年度 | 値`).
    target_last: usize,
    final_target: Option<usize>,
    mark: Option<usize>,
    /// The period the actual column is for (`実績値(R5年度)`).
    actual_period: Option<Period>,
    /// The period of each column from `actual` to `actual_last`, as its header says.
    actual_periods: Vec<Option<Period>>,
    /// The unit the header states (`(単位:件)`).
    unit: Option<String>,
    /// A column of units (`単位`), one per row.
    unit_column: Option<usize>,
}

/// True when the table whose header is line `header` reports progress: its header has a
/// column of achievement rates ([`lexicon::PROGRESS_RATE_HEADS`]), or a caption or heading in
/// the few lines above it, or the document's title (its first lines), says so
/// ([`lexicon::PROGRESS_REPORT_WORDS`]).
pub(crate) fn reported(doc: &Doc, header: usize) -> bool {
    // A sheet exported whole as one table prints its title and captions as rows whose only
    // cell is the first.
    let caption = |l: &Line| !l.is_row() || l.cells.iter().skip(1).all(|c| c.trim().is_empty());
    let says = |l: &Line| caption(l) && lexicon::has_any(&l.text, lexicon::PROGRESS_REPORT_WORDS);
    let above = doc
        .lines
        .get(header.saturating_sub(REPORT_CAPTION_LINES)..header)
        .unwrap_or_default();
    let title = doc
        .lines
        .iter()
        .filter(|l| !l.is_blank())
        .take(REPORT_TITLE_LINES);
    let rate_column = doc.lines.get(header).is_some_and(|h| {
        h.is_row()
            && h.cells.iter().any(|c| {
                let c = fold_printed_name(c);
                lexicon::PROGRESS_RATE_HEADS
                    .iter()
                    .any(|w| c.starts_with(w))
            })
    });
    rate_column
        || above.iter().any(says)
        || title
            .filter(|l| l.no < doc.lines.get(header).map_or(0, |h| h.no))
            .any(says)
}

/// How many lines above a table are read for its caption.
const REPORT_CAPTION_LINES: usize = 6;
/// How many first lines of a document are read as its title.
const REPORT_TITLE_LINES: usize = 3;

/// The run of year columns with no role word (`R3年度 | R4年度 | R5年度`) between a baseline
/// column and the first target column of a header's cells, or right before the target when
/// no column is the baseline's.
fn bare_years(cells: &[String], target: usize) -> Option<(usize, usize)> {
    let bare =
        |c: &String| header_period(c).is_some() && !lexicon::has_any(c, lexicon::YEAR_ROLE_WORDS);
    // A column of the target's year (`目標年度`) printed before the target's value belongs to
    // the target: the years run up to it.
    let target_years = cells
        .get(..target)?
        .iter()
        .rev()
        .take_while(|c| super::indicators::is_period_header(c))
        .count();
    let target = target.saturating_sub(target_years);
    // With no baseline column, the run of years right before the target (`指標名 | 単位 |
    // 令和元年度 | 令和2年度 | 令和3年度 | 目標値`), after a column that is none.
    let first = match cells.iter().take(target).rposition(|c| {
        lexicon::has_any(c, lexicon::PROGRESS_BASELINE_HEADERS) || c.contains(lexicon::CURRENT_WORD)
    }) {
        Some(base) => base + 1,
        None => {
            let run = cells
                .get(..target)?
                .iter()
                .rev()
                .take_while(|c| bare(c))
                .count();
            (run > 0 && run < target).then(|| target - run)?
        }
    };
    let run = cells.get(first..target)?;
    (!run.is_empty() && run.iter().all(bare)).then(|| (first, target - 1))
}

/// The most characters of a header cell of a year and what its figure is (`H25プラン`).
const MAX_YEAR_HEAD_CHARS: usize = 12;

fn columns_of(line: &Line, reported: bool) -> Option<Columns> {
    if !line.is_row() || !lexicon::has_any(&line.text, lexicon::PLAN_HEAD_WORDS) {
        return None;
    }
    let cells: Vec<String> = line
        .cells
        .iter()
        .map(|c| fold_printed_name(&clean_text(c)))
        .collect();
    let is_rate = |c: &str| c.contains('率') || c.contains("状況");
    // The actual: `実績`; or `最新値` / `直近値` beside a column of the plan's own baseline
    // (`策定時`, `基準`), which says the latest value is progress, not the baseline.
    let has_baseline = cells
        .iter()
        .any(|c| lexicon::has_any(c, lexicon::PROGRESS_BASELINE_HEADERS));
    // A year's plan (`H25プラン`, `R5計画`) is its target; its accounts (`H25決算`) the actual.
    let year_word = |c: &str, words: &[&str]| {
        c.chars().count() <= MAX_YEAR_HEAD_CHARS
            && header_period(c).is_some()
            && lexicon::has_any(c, words)
    };
    let year_plan = |c: &str| year_word(c, &["計画", "プラン"]);
    let is_actual = |c: &str| {
        (c.contains("実績") || year_word(c, &["決算"]))
            && !is_rate(c)
            && !c.contains("目標")
            && !is_difference(c)
    };
    // The names' column may hold 目標 as part of what it names (`経営目標（指標）`): a name
    // word, no actual, and no value word or year after 目標 (`目標値`, `目標(R7)`).
    // `指標数値の目指す方向` heads directions, not names.
    let names_header = |c: &str| {
        lexicon::has_any(c, lexicon::PROGRESS_NAME_HEADERS)
            && !c.contains("方向")
            && !c.contains("実績")
            && !lexicon::ROW_NUMBER_HEADER_ENDS
                .iter()
                .any(|w| c.ends_with(w))
            && (!c.contains("目標") || (!c.contains("目標値") && header_period(c).is_none()))
    };
    // In a table that reports progress, `現状値` beside the baseline is the latest value too.
    let latest = |c: &str| {
        lexicon::PROGRESS_LATEST_HEADERS
            .iter()
            .any(|w| c.starts_with(w))
            || (reported && c.starts_with(lexicon::CURRENT_WORD))
    };
    let worded = cells.iter().position(|c| is_actual(c)).or_else(|| {
        has_baseline
            .then(|| cells.iter().position(|c| latest(c) && !c.contains("目標")))
            .flatten()
    });
    let targets: Vec<usize> = cells
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            (c.contains("目標") || year_plan(c))
                && !is_rate(c)
                && !c.contains("実績")
                && !names_header(c)
                && !super::indicators::is_period_header(c)
        })
        .map(|(i, _)| i)
        .collect();
    let target = *targets.first()?;
    // In a table that reports progress, year columns with no role word between the baseline
    // and the target are the actuals of those years.
    let bare = match worded {
        Some(_) => None,
        None if reported => bare_years(&cells, target),
        None => None,
    };
    let actual = worded.or(bare.map(|b| b.0))?;
    let final_target = targets.get(1).copied();
    let (target, final_target) = match final_target {
        // `最終目標` or the later year is the plan's target; the other the year's.
        Some(f) if cells.get(target).is_some_and(|c| c.contains("最終")) => (f, Some(target)),
        other => (target, other),
    };
    // Without a names header the first column holds the names, unless its header says it
    // holds something else (`単位`, `目標年度`, `現状値`): then the table prints no names.
    let name = match cells.iter().position(|c| names_header(c)) {
        Some(n) => n,
        None => {
            let first = cells.first().map(String::as_str).unwrap_or_default();
            let other = matches!(
                lexicon::head_word(first),
                Some(
                    lexicon::HeadKind::Unit | lexicon::HeadKind::Period | lexicon::HeadKind::Value
                )
            );
            if other {
                return None;
            }
            0
        }
    };
    if name == actual || name == target {
        return None;
    }
    // A grade column; `重要業績評価指標（KPI）` names the indicators, it grades nothing.
    let grade_column = |words: &[&str]| {
        cells.iter().enumerate().position(|(k, c)| {
            k != name
                && lexicon::has_any(c, words)
                && !lexicon::has_any(c, lexicon::EVALUATION_INDICATOR_HEADERS)
                && !c.contains('率')
                && !c.contains("目標")
                && !c.contains("実績")
                // `中間評価 (R3)`: an evaluation's year heads the values it found, no grades.
                && header_period(c).is_none()
        })
    };
    // Without a grade column, a 達成状況 column may print the marks (`○ ×`); its cells are
    // read as grades only when they are grades (`未達成` is none).
    let mark = grade_column(lexicon::GRADE_HEADERS)
        .or_else(|| grade_column(lexicon::GRADE_STATUS_HEADERS));
    // The actual word over several years: empty header cells after it (a `colspan`), or the
    // same word again with each year (`実績値 R4 | 実績値 R5`).
    let span_of = |first: usize| {
        (first + 1..cells.len())
            .take_while(|&k| cells.get(k).is_some_and(|c| c.is_empty() || is_actual(c)))
            .last()
            .unwrap_or(first)
    };
    let mut actual = actual;
    let mut actual_last = bare.map_or_else(|| span_of(actual), |b| b.1);
    // An actual column apart from the first, for a later year (`令和4年度実績 | 令和5年度目標 |
    // 令和5年度実績`): the first is last year's figure, the later one the progress.
    let latest_in = |from: usize, to: usize| {
        (from..=to)
            .filter_map(|k| cells.get(k).and_then(|c| header_period(c)))
            .max()
    };
    while let Some(k) =
        (actual_last + 1..cells.len()).find(|&k| cells.get(k).is_some_and(|c| is_actual(c)))
    {
        match (
            latest_in(actual, actual_last),
            cells.get(k).and_then(|c| header_period(c)),
        ) {
            (Some(before), Some(later)) if later > before => {
                actual = k;
                actual_last = span_of(k);
            }
            _ => break,
        }
    }
    // The target word over a 年度 and a 値 column (a `colspan` with a second header row): the
    // empty header cells after it.
    let target_last = (target + 1..cells.len())
        .take_while(|&k| cells.get(k).is_some_and(|c| c.is_empty()))
        .last()
        .unwrap_or(target);
    let actual_periods: Vec<Option<Period>> = (actual..=actual_last)
        .map(|k| cells.get(k).and_then(|c| header_period(c)))
        .collect();
    let actual_period = actual_periods.first().copied().flatten();
    let unit = cells.iter().find_map(|c| header_unit(c));
    let unit_column = cells.iter().position(|c| c == "単位");
    Some(Columns {
        name,
        actual,
        actual_last,
        target,
        target_last,
        final_target,
        mark,
        actual_period,
        actual_periods,
        unit,
        unit_column,
    })
}

/// True when a header cell heads the difference between two value columns (`差引`, `増減`,
/// `計画と実績の比較`, `目標との差`): its numbers are no value of the row, though the header
/// names the plan and the actual it compares.
fn is_difference(cell: &str) -> bool {
    lexicon::DIFFERENCE_HEADS.iter().any(|w| cell.ends_with(w))
}

/// A column of units printed in brackets (`(%)`, `(人)`) under an empty header cell — the
/// name's header spanning it — one a row: the row's unit, as a `単位` column's.
fn unheaded_unit_column(header: &Line, rows: &[Line]) -> Option<usize> {
    let rows: Vec<&Line> = rows.iter().filter(|l| l.is_row()).collect();
    (1..header.cells.len()).find(|&k| {
        let mut cells = rows
            .iter()
            .filter_map(|l| l.cells.get(k))
            .filter(|c| !c.is_empty());
        header.cells.get(k).is_some_and(|h| h.trim().is_empty())
            && cells.clone().next().is_some()
            && cells.all(|c| bracketed_unit(c).is_some())
    })
}

/// The unit a cell prints alone in brackets (`(%)`, `(円)`, `(t-CO2)`).
fn bracketed_unit(cell: &str) -> Option<String> {
    let inner = clean_text(cell);
    let inner = inner.trim().strip_prefix('(')?.strip_suffix(')')?.trim();
    let unit = Unit::new(inner);
    (unit.is_known() || per_unit(&unit))
        .then(|| unit.as_str().to_owned())
        .or_else(|| latin_unit(inner))
}

/// The period in a header cell: `実績値(R5年度)` → FY2023, `R5実績` → FY2023.
fn header_period(cell: &str) -> Option<Period> {
    let (core, notes) = peel_notes(cell);
    for n in &notes {
        if let Ok(p) = parse_period(n) {
            return Some(p);
        }
    }
    let mut stripped = core.to_string();
    for w in lexicon::ACTUAL_WORDS {
        stripped = stripped.replace(w, "");
    }
    let mut stripped = stripped.replace("目標値", "");
    // A year's plan and accounts (`H25プラン`, `R5計画`, `H25決算`).
    for w in ["プラン", "計画", "決算"] {
        stripped = stripped.replace(w, "");
    }
    parse_period(&stripped).ok()
}

/// `(単位:件)` in a header cell → `件`.
fn header_unit(cell: &str) -> Option<String> {
    let pos = cell.find("単位")?;
    let rest = cell.get(pos + "単位".len()..)?;
    let rest = rest.trim_start_matches([':', ' ']);
    let unit: String = rest
        .chars()
        .take_while(|&c| c != ')' && c != '】' && !c.is_whitespace())
        .collect();
    (!unit.is_empty()).then_some(unit)
}

/// A unit per unit whose both sides are known units (`円/m3`, `人/日`), as a water or
/// hospital bureau prints it in the name cell (`給水原価(円/m3)`).
fn per_unit(unit: &Unit) -> bool {
    unit.as_str().split_once('/').is_some_and(|(a, b)| {
        !a.is_empty() && !b.is_empty() && Unit::new(a).is_known() && Unit::new(b).is_known()
    })
}

/// True when the row at `i` heads a progress list (`指標 | 目標値 | 実績値 | 評価`), alone or
/// with the row under it ([`header_at`]).
pub(crate) fn is_table_header(doc: &Doc, i: usize, reported: bool) -> bool {
    // The second row of a two-row header heads nothing of its own.
    if i > 0 && header_at(doc, i - 1, reported).1 {
        return false;
    }
    header_at(doc, i, reported)
        .0
        .is_some_and(|l| columns_of(&l, reported).is_some())
}

/// The header a progress list at row `i` has: the row itself when it reads as one; else the
/// row and the one under it as one row — each column's two words joined, a word spanning
/// columns (followed by empty cells) over each of them (`令和5年度` over `目標値 | 実績値`) —
/// when the row under it holds only header words and empty cells; and whether the second row
/// was used.
fn header_at(doc: &Doc, i: usize, reported: bool) -> (Option<Line>, bool) {
    let Some(line) = doc.lines.get(i) else {
        return (None, false);
    };
    let line = dated_header(doc, i, line);
    if columns_of(&line, reported).is_some() {
        return (Some(line.into_owned()), false);
    }
    let Some(next) = doc.lines.get(i + 1) else {
        return (None, false);
    };
    let next = &dated_header(doc, i, next);
    let sub_header = next.cells.len() == line.cells.len()
        && next.cells.iter().any(String::is_empty)
        && next.cells.iter().all(|c| {
            c.is_empty()
                || (!c.chars().any(|ch| ch.is_ascii_digit()) || header_period(c).is_some())
                    && c.chars().count() <= 12
        });
    if !line.is_row() || !sub_header {
        return (None, false);
    }
    let mut over = String::new();
    let cells: Vec<String> = line
        .cells
        .iter()
        .zip(&next.cells)
        .map(|(top, below)| {
            if !top.is_empty() {
                over.clone_from(top);
            } else if below.is_empty() {
                over.clear();
            }
            let top = if top.is_empty() { over.as_str() } else { top };
            format!("{top}{below}")
        })
        .collect();
    let mut merged = line.into_owned();
    merged.text = cells.join("\t");
    merged.cells = cells;
    (Some(merged), true)
}

/// A year grid of an evaluation sheet's own measures with no target (`活動指標名 | 単位 |
/// 令和2年度 | 令和3年度 | 令和4年度`) in a report: each row's latest year with a number is its
/// actual, an entry with no target. The subject's grid (`対象指標名`) is none; the rows end at
/// the first that has no number in a year column.
fn read_actuals_grid(doc: &Doc, block: &Block, in_table: &mut [bool], out: &mut Found) {
    let Some(header) = doc.lines.get(block.header).filter(|l| l.is_row()) else {
        return;
    };
    let cells: Vec<String> = header
        .cells
        .iter()
        .map(|c| fold_printed_name(&clean_text(c)))
        .collect();
    let Some(first) = cells.first() else { return };
    if !lexicon::has_any(first, lexicon::PERFORMANCE_NAME_HEADS) {
        return;
    }
    let unit_column = cells.iter().position(|c| c == "単位");
    let mut years: Vec<(usize, Period)> = Vec::new();
    for (k, c) in cells.iter().enumerate().skip(1) {
        if Some(k) == unit_column || c.is_empty() {
            continue;
        }
        match header_period(c) {
            Some(p) if !lexicon::has_any(c, lexicon::YEAR_ROLE_WORDS) => years.push((k, p)),
            // Any other column (a target, a rate) makes it another table.
            _ => return,
        }
    }
    if years.is_empty() || !reported(doc, block.header) {
        return;
    }
    for j in block.header + 1..block.end {
        let Some(line) = doc.lines.get(j).filter(|l| l.is_row()) else {
            break;
        };
        let cell = |k: usize| line.cells.get(k).map(|c| clean_text(c)).unwrap_or_default();
        let latest = years.iter().rev().find_map(|&(k, p)| {
            parse_quantity(&cell(k))
                .ok()
                .and_then(|q| q.value.map(|v| (v, q.unit, p)))
        });
        let (Some((value, printed_unit, period)), Some(name)) = (latest, entry_name(&cell(0)))
        else {
            break;
        };
        let unit = unit_column
            .map(&cell)
            .map(|u| bracketed_unit(&u).unwrap_or(u))
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| printed_unit.to_string());
        let v = Value {
            actual: Some(value),
            unit,
            as_of: Some(period),
            ..Value::default()
        };
        out.entries
            .push(v.into_entry(name, line.no, &mut out.warnings));
        for k in [block.header, j] {
            if let Some(flag) = in_table.get_mut(k) {
                *flag = true;
            }
        }
    }
}

/// A header row with its era-less years (`5年度 計画`, `4年度 実績`) given the era the table or
/// the text above it writes (`令和5年度 点検・評価`), as the indicator tables date theirs: a
/// year's plan and its actual are told apart and ordered by their years. Other rows as they
/// are.
fn dated_header<'a>(doc: &Doc, i: usize, line: &'a Line) -> Cow<'a, Line> {
    let heads = |words: &[&str]| lexicon::has_any(&line.text, words);
    if !line.is_row() || !(heads(lexicon::PLAN_HEAD_WORDS) || heads(lexicon::RESULT_HEAD_WORDS)) {
        return Cow::Borrowed(line);
    }
    match super::indicators::eraless_header_years(doc, i, &line.cells) {
        Some(cells) => {
            let mut dated = line.clone();
            dated.text = cells.join("\t");
            dated.cells = cells;
            Cow::Owned(dated)
        }
        None => Cow::Borrowed(line),
    }
}

/// Reads one progress list: its header, and its rows up to the next header.
fn read_table(doc: &Doc, block: &Block, ctx: &Context, in_table: &mut [bool], out: &mut Found) {
    let reported = reported(doc, block.header);
    // A header of two rows (a year over 目標値 and 実績値) is read as one; its second row is
    // no table row.
    let (header, sub) = header_at(doc, block.header, reported);
    let Some(mut cols) = header.as_ref().and_then(|l| columns_of(l, reported)) else {
        return;
    };
    // A unit stated once above the table (`（単位：人）`) when the header states none; only a
    // unit (a caption's run-on text after `単位` is none).
    if cols.unit.is_none() {
        cols.unit = super::indicators::caption_unit_above(doc, block.header)
            .filter(|u| Unit::new(u).is_known() || latin_unit(u).is_some());
    }
    if cols.unit_column.is_none() {
        let first = block.header + if sub { 2 } else { 1 };
        let rows = doc.lines.get(first..block.end).unwrap_or_default();
        cols.unit_column = header.as_ref().and_then(|h| unheaded_unit_column(h, rows));
    }
    for j in block.header..block.end {
        if let Some(flag) = in_table.get_mut(j) {
            *flag = true;
        }
        if j == block.header || (sub && j == block.header + 1) {
            continue;
        }
        let Some(line) = doc.lines.get(j) else { break };
        // A 時点 row under a row of values gives the actual's date (`| 時点 | H28 | R1 |`).
        if let (Some(prev), Some(p)) = (out.entries.last_mut(), period_row_at(line, &cols)) {
            if prev.line + 1 == line.no {
                prev.as_of = Some(p);
                continue;
            }
        }
        if let Some(e) = table_row(line, &cols, ctx, &mut out.warnings) {
            out.entries.push(e);
        }
    }
}

/// The period in the actual's column of a row of dates (`| 時点 | H28 | R1 | R7`): no name, and
/// every other cell empty, a date, or `時点`.
fn period_row_at(line: &Line, cols: &Columns) -> Option<Period> {
    let cell = |k: usize| {
        line.cells
            .get(k)
            .map(|c| fold_printed_name(c))
            .unwrap_or_default()
    };
    if !cell(cols.name).is_empty() && cell(cols.name) != "時点" {
        return None;
    }
    let all_dates = line
        .cells
        .iter()
        .map(|c| fold_printed_name(c))
        .all(|c| c.is_empty() || c == "時点" || parse_period(&c).is_ok());
    all_dates
        .then(|| parse_period(&cell(cols.actual)).ok())
        .flatten()
}

fn table_row(
    line: &Line,
    cols: &Columns,
    ctx: &Context,
    warnings: &mut Vec<Warning>,
) -> Option<ProgressEntry> {
    let cell = |k: usize| line.cells.get(k).map(|c| clean_text(c)).unwrap_or_default();
    let name_cell = cell(cols.name);
    // `リサイクル率(%)`, `排出量(千t-CO2)`: the unit printed in the name cell.
    // Note marks after the bracket (`【千t-CO2】※*3`) mark the name, not the unit.
    let bare = name_cell.trim_end_matches(|c: char| matches!(c, '※' | '*') || c.is_ascii_digit());
    let (name_cell, name_unit) = match bare
        .strip_suffix(')')
        .and_then(|n| n.rsplit_once('('))
        .or_else(|| bare.strip_suffix('】').and_then(|n| n.rsplit_once('【')))
        .and_then(|(n, u)| {
            // `【単位：％】`: the unit after its label.
            let u = lexicon::UNIT_HEADS
                .iter()
                .find_map(|w| u.strip_prefix(w))
                .map_or(u, |r| r.trim_start_matches([':', '：']));
            // `(件/年)`: the unit of an annual count; the count is in 件.
            let u = u.strip_suffix("/年").unwrap_or(u);
            let unit = Unit::new(u);
            let known = (unit.is_known() || per_unit(&unit)).then(|| unit.as_str().to_owned());
            known.or_else(|| latin_unit(u)).map(|u| (n.to_owned(), u))
        }) {
        Some((n, u)) => (n, Some(u)),
        None => (name_cell, None),
    };
    let name = entry_name(&name_cell)?;
    // A number without a unit takes the row's unit cell, else the name's, else the header's.
    let unit = cols
        .unit_column
        .map(&cell)
        .map(|u| bracketed_unit(&u).unwrap_or(u))
        .filter(|u| !u.is_empty())
        .or(name_unit)
        .or_else(|| cols.unit.clone());
    // A unit with a slash of its own (`円/m3`) would split the pair `actual/target` twice: the
    // bare numbers are read as a pair of the columns, and the entry takes the unit after.
    let slashed = unit.as_ref().filter(|u| u.contains('/')).cloned();
    // A bare number takes the unit before its bracketed notes: `41.2 (R4)` is `41.2千t(R4)`.
    let with_unit = |s: String| {
        let (core, notes) = peel_notes(&s);
        match unit.as_ref().filter(|_| slashed.is_none()) {
            Some(u)
                if parse_quantity(&core).is_ok_and(|q| q.value.is_some() && q.unit.is_empty()) =>
            {
                let notes: String = notes.iter().map(|n| format!("({n})")).collect();
                // The unit goes before a comparator word: `860以下` is `860g以下`.
                let (number, word) = lexicon::COMPARATOR_WORDS
                    .iter()
                    .find_map(|w| core.strip_suffix(w).map(|n| (n, *w)))
                    .unwrap_or((core.as_str(), ""));
                format!("{number}{u}{word}{notes}")
            }
            _ => s,
        }
    };
    // Under an actual header spanning several years, the latest year with a value.
    let latest = (cols.actual..=cols.actual_last)
        .rev()
        .map(|k| (k, cell(k)))
        .find(|(_, c)| parse_quantity(c).is_ok_and(|q| q.value.is_some()));
    let as_of = match &latest {
        Some((k, _)) => cols
            .actual_periods
            .get(k - cols.actual)
            .copied()
            .flatten()
            .or(cols.actual_period),
        None => cols.actual_period,
    };
    // A unit per something glued to the value (`12人/年`, `168円/m3`) holds a slash of its
    // own: the value is read without it and the entry takes it after.
    let (actual, actual_per) = per_denominator(without_rate_phrase(
        latest.map_or_else(|| cell(cols.actual), |(_, c)| c),
    ));
    let actual = with_unit(actual);
    // Under a target header spanning a year column and a value column, the value: the first
    // cell of the span that is no year.
    let target_cell = if cols.target_last > cols.target {
        (cols.target..=cols.target_last)
            .map(&cell)
            .find(|c| !c.is_empty() && parse_period(c).is_err())
            .unwrap_or_default()
    } else {
        cell(cols.target)
    };
    let (target_cell, target_per) = per_denominator(without_rate_phrase(target_cell));
    let target = with_unit(target_cell);
    let per = target_per.or(actual_per);
    let mark = cols.mark.and_then(|k| grade_cell(&cell(k)));
    if target.is_empty() {
        return graded_without_target(&actual, mark, as_of)
            .map(|v| v.into_entry(name, line.no, warnings));
    }
    if actual.is_empty() {
        return None;
    }
    // Words in the actual's cell against a number in the target's (`調査中`, `集計中`) say
    // why there is no actual yet: the entry has none, as for a dash. Words against words
    // stay a milestone's states.
    let target_is_number = parse_quantity(&target).is_ok_and(|q| q.value.is_some());
    let actual = if is_state(&actual) && target_is_number {
        "—".to_owned()
    } else {
        actual
    };
    let (target_core, target_notes) = peel_notes(&target);
    let mut text = format!("{actual}/{target_core}");
    for n in &target_notes {
        text.push_str(&format!("({n})"));
    }
    let in_columns = Context {
        report_date: ctx.report_date,
        in_columns: true,
    };
    let mut v = read_value(&text, &in_columns)?;
    if let Some(f) = cols.final_target {
        let f = with_unit(cell(f));
        let q = parse_quantity(&f).ok();
        v.final_target = q.as_ref().and_then(|q| q.value);
        // A row whose unit is printed on its final target alone (`61.0 | 70 | 68.5 | 100%`).
        if let Some(q) = q.filter(|q| v.unit.is_empty() && !q.unit.is_empty()) {
            v.unit = q.unit.to_string();
        }
    }
    if v.as_of.is_none() && v.actual.is_some() {
        v.as_of = as_of;
    }
    if let Some(m) = mark {
        v.mark = Some(m);
    }
    // `/年` marks an annual flow (DESIGN.md), any other denominator is the unit's.
    if per.as_deref() == Some("年") {
        v.kind.get_or_insert_with(|| "annual".to_owned());
    }
    let mut e = v.into_entry(name, line.no, warnings);
    if let Some(u) = slashed.filter(|_| e.unit.is_empty()) {
        e.unit = u;
    }
    if let Some(d) = per.filter(|d| d != "年" && !e.unit.is_empty()) {
        e.unit = format!("{}/{d}", e.unit);
    }
    Some(e)
}

/// A row graded with no target (`A-3`: improved on the baseline where no target was set): its
/// actual, a number, is progress without a target. A row without a grade, or whose actual is
/// no number (a dash), is none.
fn graded_without_target(
    actual: &str,
    mark: Option<String>,
    as_of: Option<Period>,
) -> Option<Value> {
    let mark = mark.filter(|m| m.as_str() != "−")?;
    let q = parse_quantity(actual).ok()?;
    let value = q.value?;
    Some(Value {
        actual: Some(value),
        unit: q.unit.to_string(),
        as_of,
        mark: Some(mark),
        ..Value::default()
    })
}

/// A cell without the phrase of what its number is counted per (`1日当たり150分` → `150分`).
fn without_rate_phrase(cell: String) -> String {
    match rate_phrase(&cell) {
        Some((_, rest)) => rest.to_owned(),
        None => cell,
    }
}

/// A cell whose value carries a unit per something (`12人/年`, `168円/m3 (R5)`), split into the
/// value with its notes (`12人`, `168円 (R5)`) and the denominator (`年`, `m3`); any other cell
/// as it is. Only one slash, with a number before it and none after, is a unit's.
fn per_denominator(cell: String) -> (String, Option<String>) {
    let (core, notes) = peel_notes(&cell);
    let [k] = top_level_slashes(&core)[..] else {
        return (cell, None);
    };
    let (Some(before), Some(after)) = (core.get(..k), core.get(k + 1..)) else {
        return (cell, None);
    };
    let after = after.trim();
    let unit_like = (1..=4).contains(&after.chars().count())
        && after
            .chars()
            .all(|c| c.is_alphabetic() || c.is_ascii_digit())
        && !after.starts_with(|c: char| c.is_ascii_digit());
    let numbered = parse_quantity(before).is_ok_and(|q| q.value.is_some() && !q.unit.is_empty());
    if !unit_like || !numbered {
        return (cell, None);
    }
    let notes: String = notes.iter().map(|n| format!("({n})")).collect();
    (format!("{}{notes}", before.trim()), Some(after.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_limited_in_characters_not_bytes() {
        // The longest value the reader knows, its last note padded to 80 characters (196 bytes
        // of UTF-8, within the old 240-byte limit), and to one more, which is refused now.
        let value = |n: usize| {
            let longest = "1兆2,000億円/1兆5,000億円(最終目標2兆円)(R5.9月末時点速報値";
            format!("{longest}{})", "値".repeat(n - 41))
        };
        let chars = |s: String| s.chars().collect::<Vec<char>>();
        let (run, _) = value_run(&chars(value(MAX_VALUE_CHARS)), 0).unwrap_or_default();
        assert_eq!(run.chars().count(), MAX_VALUE_CHARS);
        assert_eq!(value_run(&chars(value(MAX_VALUE_CHARS + 1)), 0), None);
    }

    fn entries_with(text: &str, as_of: Option<Period>) -> Vec<ProgressEntry> {
        let doc = Doc::new("t.txt", text);
        let mut ex = Extraction::default();
        ex.plan.as_of = as_of;
        recognize(&doc, &mut ex);
        ex.progress_entries
    }

    fn entries(text: &str) -> Vec<ProgressEntry> {
        entries_with(text, None)
    }

    /// `name actual/target unit` of every entry, numbers as printed.
    fn check(text: &str, expected: &[&str]) {
        let got: Vec<String> = entries(text)
            .iter()
            .map(|e| match (&e.actual_text, &e.target_text) {
                (Some(a), Some(t)) => format!("{} {a}/{t}", e.name),
                _ => format!(
                    "{} {}/{} {}",
                    e.name,
                    e.actual
                        .map(|d| d.normalize().to_string())
                        .unwrap_or_default(),
                    e.target
                        .map(|d| d.normalize().to_string())
                        .unwrap_or_default(),
                    e.unit
                ),
            })
            .collect();
        assert_eq!(got, expected, "in:\n{text}");
    }

    #[test]
    fn a_names_header_that_holds_the_word_target_names_the_rows() {
        // `経営目標（指標）` heads the names: 目標 is part of what it names, with no 値 or year.
        let e = entries(
            "区分\t経営目標（指標）\t目標値（R6）\t実績値（R6）\t評価\n\
             財務\t料金回収率（％）\t98.0\t98.6\tA\n",
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].name, "料金回収率");
        assert_eq!(e[0].actual, Some(Decimal::new(986, 1)));
        assert_eq!(e[0].target, Some(Decimal::new(98, 0)));
        assert_eq!(e[0].unit, "%");
        assert_eq!(e[0].mark.as_deref(), Some("A"));
    }

    #[test]
    fn a_column_headed_as_the_rows_numbers_holds_labels_and_the_unit_label_bracket_the_unit() {
        // `指標No.` holds `成果指標1`, a label: the names are under `指標名`, each with its unit
        // after the label 単位 in brackets at its end.
        check(
            "指標No.\t指標名\t目標値(a)\t実績値(b)\t達成率\t評価\n\
             成果指標1\t里山保全活動の参加率【単位:%】\t40.0\t36.5\t91.3%\tB\n\
             サブ指標1\t間伐の実施面積【単位：ha】\t120\t131\t109.2%\tA\n",
            &[
                "里山保全活動の参加率 36.5/40 %",
                "間伐の実施面積 131/120 ha",
            ],
        );
    }

    #[test]
    fn a_target_header_over_a_year_and_a_value_column_takes_the_value() {
        // 目標 spans 年度 and 値 (an HTML `colspan`, its second cell empty in the first row).
        let e = entries(
            "指標\t実績\t\t目標\t\t評価\n\
             \tR4\tR5\t年度\t値\t\n\
             里山保全活動の参加者数\t410\t455\tR9\t600\t○\n",
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].actual, Some(Decimal::new(455, 0)));
        assert_eq!(e[0].target, Some(Decimal::new(600, 0)));
        assert_eq!(e[0].mark.as_deref(), Some("○"));
    }

    #[test]
    fn a_unit_captioned_above_the_table_is_the_units_of_its_rows() {
        let e = entries(
            "（単位：台）\n\
             指標\t目標値\t実績値\n\
             電気自動車の充電器設置数\t40\t35\n",
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].unit, "台");
        // A caption's run-on text after 単位 is no unit.
        let e = entries(
            "単位…件数:件 割合:%\n\
             指標\t目標値\t実績値\n\
             電気自動車の充電器設置数\t40\t35\n",
        );
        assert!(e.iter().all(|e| e.unit.is_empty()), "{e:?}");
    }

    #[test]
    fn of_two_actual_columns_the_later_years_is_the_progress() {
        // Last year's actual first, then this year's target and actual.
        let e = entries(
            "指標\t単位\t令和6年度実績\t令和7年度目標\t令和7年度実績\t達成状況\n\
             救急搬送の受入件数\t件\t2,310\t2,500\t2,460\t×\n",
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].actual, Some(Decimal::new(2460, 0)));
        assert_eq!(e[0].target, Some(Decimal::new(2500, 0)));
        assert_eq!(e[0].as_of, Some(Period::FiscalYear(2025)));
        // Without a 評価 column, the 達成状況 column's marks are the grades.
        assert_eq!(e[0].mark.as_deref(), Some("×"));
    }

    #[test]
    fn a_phrase_of_what_the_numbers_are_counted_per_is_not_read_as_their_unit() {
        let e = entries(
            "指標\t目標値\t実績値\n\
             高齢者の外出時間\t1日当たり90分\t1日当たり72分 (2024年)\n",
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].actual, Some(Decimal::new(72, 0)));
        assert_eq!(e[0].target, Some(Decimal::new(90, 0)));
        assert_eq!(e[0].unit, "分");
    }

    #[test]
    fn a_unit_per_something_glued_to_the_values_is_no_pair_separator() {
        let e = entries(
            "指標\t目標値\t実績値\n\
             移住相談の件数\t40件/年 (9年度)\t35件/年\n\
             給水原価\t160円/m3\t171円/m3\n",
        );
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e[0].actual, Some(Decimal::new(35, 0)));
        assert_eq!(e[0].target, Some(Decimal::new(40, 0)));
        assert_eq!(e[0].unit, "件");
        assert_eq!(e[0].kind.as_deref(), Some("annual"));
        assert_eq!(e[1].actual, Some(Decimal::new(171, 0)));
        assert_eq!(e[1].unit, "円/m3");
        // A slash between two numbers is no unit's.
        assert_eq!(per_denominator("3/5".to_owned()), ("3/5".to_owned(), None));
        assert_eq!(
            per_denominator("12人/年 (R5)".to_owned()),
            ("12人(R5)".to_owned(), Some("年".to_owned()))
        );
    }

    #[test]
    fn a_status_column_of_words_beside_a_grade_column_gives_no_mark() {
        let e = entries(
            "指標\t目標値\t実績値\t達成状況\t評価\n\
             公園の年間利用者数（人）\t5,000\t4,700\t未達成\tB\n",
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].mark.as_deref(), Some("B"));
    }

    #[test]
    fn a_units_column_goes_before_a_targets_comparator_word() {
        // `8.5以下` with `分` from the unit column is `8.5分以下`, at most 8.5 minutes.
        let e = entries(
            "指標\t単位\t目標値\t実績値\n\
             救急車の現場到着時間\t分\t8.5以下\t8.9\n",
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].target, Some(Decimal::new(85, 1)));
        assert_eq!(e[0].actual, Some(Decimal::new(89, 1)));
        assert_eq!(e[0].unit, "分");
    }

    #[test]
    fn a_unit_per_unit_in_the_name_cell_is_the_rows_unit() {
        let e = entries(
            "指標\t目標値\t実績値\n\
             汚水処理原価（円／㎥）\t142.0以下\t139.5\n",
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].name, "汚水処理原価");
        assert_eq!(e[0].unit, "円/m3");
        assert_eq!(e[0].actual, Some(Decimal::new(1395, 1)));
        assert_eq!(e[0].target, Some(Decimal::new(142, 0)));
    }

    #[test]
    fn a_value_with_its_bracketed_year_takes_the_rows_unit_and_the_year_as_its_date() {
        let e = entries(
            "指標名\t策定時の値\t現況値\t年度目標値\t達成度\n\
             自転車道の整備延長【km】\t12.5 (H29)\t14.1 (R3)\t15.0\t△\n",
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].actual, Some(Decimal::new(141, 1)));
        assert_eq!(e[0].target, Some(Decimal::new(15, 0)));
        assert_eq!(e[0].unit, "km");
        assert_eq!(e[0].as_of, Some(Period::FiscalYear(2021)));
        assert_eq!(e[0].mark.as_deref(), Some("△"));
    }

    #[test]
    fn entries_in_a_cell_are_split_at_their_item_marks() {
        check(
            "① 競争力強化 ▼港湾の機能強化\t<ul style=\"list-style-type: none\"> ・会議開催（5/27）\t<ul style=\"list-style-type: none\"> ・輸送実施回数：11回/30回 ・管路の更新延長：3.2km/3.9km ・国道・県道の整備延長：11.4km/30km ・連携事業の実現：実施中/実現\n",
            &[
                "輸送実施回数 11/30 回",
                "管路の更新延長 3.2/3.9 km",
                "国道・県道の整備延長 11.4/30 km",
                "連携事業の実現 実施中/実現",
            ],
        );
    }

    #[test]
    fn entries_without_marks_follow_each_other() {
        check(
            "<p>⑥ 人材確保</p>\t<ul> 研修会開催（第1回：7/10） \t<ul> 参加企業数：78社/50社（R1.7） 県内就業者数：10人/20人\n",
            &["参加企業数 78/50 社", "県内就業者数 10/20 人"],
        );
    }

    #[test]
    fn the_project_is_the_rows_first_cell_and_carries_down() {
        let got = entries(
            "プロジェクト\t主な取組\t状況\n\
             ① 瀬戸内産業競争力・生産性強化 ▼港湾\t取組\t・回数：11回/30回\n\
             \t\t・延長：3.2km/3.9km\n\
             <p>⑤ 地域中核企業等立地促進</p> <p>▼誘致</p>\t取組\t件数：22件/20件\n",
        );
        let got: Vec<(Option<u32>, Option<&str>, &str)> = got
            .iter()
            .map(|e| (e.project_no, e.project.as_deref(), e.name.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(1), Some("瀬戸内産業競争力・生産性強化"), "回数"),
                (Some(1), Some("瀬戸内産業競争力・生産性強化"), "延長"),
                (Some(5), Some("地域中核企業等立地促進"), "件数"),
            ]
        );
    }

    #[test]
    fn a_numbered_heading_line_is_the_project_of_the_lines_below() {
        let got = entries("② 企業誘致の推進\n・企業誘致件数：42件／75件\n");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].project_no, Some(2));
        assert_eq!(got[0].project.as_deref(), Some("企業誘致の推進"));
        assert_eq!(got[0].name, "企業誘致件数");
    }

    #[test]
    fn as_of_notes_are_months_or_fiscal_years() {
        let got = entries(
            "・承認件数：41件/45件（R1.8） ・付加価値増加額：67億円/115億円（H30） ・参加企業数：78社/50社（R1.7時点） ・訪問企業数：70社/100社 （～R1.7）\n",
        );
        let as_of: Vec<String> = got
            .iter()
            .map(|e| e.as_of.map(|p| p.to_string()).unwrap_or_default())
            .collect();
        assert_eq!(as_of, ["2019-08", "FY2018", "2019-07", "2019-07"]);
        let status: Vec<Option<&str>> = got.iter().map(|e| e.status.as_deref()).collect();
        assert_eq!(
            status,
            [
                Some("provisional"),
                None,
                Some("provisional"),
                Some("provisional")
            ]
        );
    }

    #[test]
    fn at_least_targets_and_unit_conversions() {
        let got = entries("誘致件数：0件/5件以上\n");
        assert_eq!(got[0].comparator.as_deref(), Some("at_least"));
        let got = entries("出荷額：9,500億円/1兆2,000億円\n");
        assert_eq!(got[0].actual, Some(Decimal::from(9500)));
        assert_eq!(got[0].target, Some(Decimal::from(12000)));
        assert_eq!(got[0].unit, "億円");
    }

    #[test]
    fn dates_windows_and_bare_numbers_are_no_entries() {
        check("開催日：6/11\n", &[]);
        check("目標：15件/3年\n", &[]);
        check("テーマ別ワークショップ開催（第1回：8/27、今後随時）\n", &[]);
        check("計画期間:H28~31年度 総事業費142百万円\n", &[]);
        check("第1回会議：2月 6日開催\n", &[]);
        check("比率：0.8/1.2\n", &[]);
    }

    #[test]
    fn jisseki_with_the_target_in_brackets() {
        check(
            "・企業誘致件数 実績42件（目標75件）\n・創業件数：実績 120件（目標 100件）\n",
            &["企業誘致件数 42/75 件", "創業件数 120/100 件"],
        );
    }

    #[test]
    fn a_years_target_and_the_final_target() {
        let got = entries("企業誘致件数：42件/30件（最終目標75件）\n");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].actual, Some(Decimal::from(42)));
        assert_eq!(got[0].target, Some(Decimal::from(30)));
        assert_eq!(got[0].final_target, Some(Decimal::from(75)));
    }

    #[test]
    fn key_value_lines_under_the_indicator_name() {
        let got = entries(
            "【成果指標の達成状況】\n 観光消費額\n  実績値(令和4年度目標値)=412億円(560億円)\n 外国人延べ宿泊者数\n  実績値(R4年度目標値)=3.8万人泊(12.0万人泊)\n",
        );
        let got: Vec<String> = got
            .iter()
            .map(|e| {
                format!(
                    "{} {}/{}{} {}",
                    e.name,
                    e.actual
                        .map(|d| d.normalize().to_string())
                        .unwrap_or_default(),
                    e.target
                        .map(|d| d.normalize().to_string())
                        .unwrap_or_default(),
                    e.unit,
                    e.as_of.map(|p| p.to_string()).unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                "観光消費額 412/560億円 FY2022",
                "外国人延べ宿泊者数 3.8/12万人泊 FY2022"
            ]
        );
    }

    #[test]
    fn lines_read_by_the_legend_printed_above_them() {
        // The legend's ①②③ came out as `@`, `A`, `B`; `・` is the decimal point.
        let got = entries(
            "▽環境指標項目(単位)=@4年度目標値A4年度実績値B達成率(%)\n\
             ◇自然と共生する地域づくり\n\
             ▽河川愛護団体の登録数(団体)=@52A55B105・8\n\
             ▽1人あたりの都市公園面積(平方メートル/人)=@11・6A11・4B98・3\n\
             ▽里山保全活動の面積(ha)=@1、250A1、318B105・4\n",
        );
        let got: Vec<String> = got
            .iter()
            .map(|e| {
                format!(
                    "{} {}/{} {}",
                    e.name,
                    e.actual
                        .map(|d| d.normalize().to_string())
                        .unwrap_or_default(),
                    e.target
                        .map(|d| d.normalize().to_string())
                        .unwrap_or_default(),
                    e.unit,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                "河川愛護団体の登録数 55/52 団体",
                "1人あたりの都市公園面積 11.4/11.6 平方メートル/人",
                "里山保全活動の面積 1318/1250 ha",
            ]
        );
        // Without a legend, such a line is no entry.
        assert!(entries("▽河川愛護団体の登録数(団体)=@52A55B105・8\n").is_empty());
    }

    #[test]
    fn a_unit_printed_on_the_final_target_alone_is_the_rows() {
        let got = entries(
            "指標名\t基準値\t今年度目標値\t今年度実績値\t長期的目標値\n\
             橋梁の長寿命化修繕の着手率\t−\t70\t68.5\t100%\n",
        );
        let got: Vec<(String, String)> = got
            .iter()
            .map(|e| (e.name.clone(), e.unit.clone()))
            .collect();
        assert_eq!(
            got,
            [("橋梁の長寿命化修繕の着手率".to_owned(), "%".to_owned())]
        );
    }

    #[test]
    fn a_column_of_rates_makes_bare_years_the_actuals_whatever_the_caption() {
        // No caption says this is a report; its 達成率 column does.
        let got = entries(
            "観光施策\n目標指標\t基準値(平成30年)\t令和4年\t令和5年\t目標値(令和7年)\t達成率\n\
             観光入込客数(万人)\t1,012\t688\t941\t1,050\t89.6%\n",
        );
        let got: Vec<String> = got
            .iter()
            .map(|e| {
                let d = |v: Option<Decimal>| v.map(|d| d.normalize().to_string());
                format!("{} {:?}/{:?} {}", e.name, d(e.actual), d(e.target), e.unit)
            })
            .collect();
        assert_eq!(got, ["観光入込客数 Some(\"941\")/Some(\"1050\") 万人"]);
        // Without it, and with no caption, the years are a plan's.
        assert!(entries(
            "観光施策\n目標指標\t基準値(平成30年)\t令和4年\t令和5年\t目標値(令和7年)\n\
             観光入込客数(万人)\t1,012\t688\t941\t1,050\n",
        )
        .is_empty());
    }

    #[test]
    fn a_unit_in_the_name_cell_is_the_unit_of_bare_numbers() {
        let got = entries(
            "環境指標\t基準値 (R1)\t実績値 (R4)\t目標値 (R12)\t評価\n\
             市域の温室効果ガス排出量(千t-CO2)\t2,146\t1,982\t1,330\t○\n\
             リサイクル率(%)\t18.4\t17.1\t25.0\t×\n\
             不法投棄の件数(件/年)\t64\t−\t40\t−\n\
             太陽光発電の導入件数【件】※*2\t2,450\t2,880\t3,000\t△\n",
        );
        let got: Vec<String> = got
            .iter()
            .map(|e| {
                format!(
                    "{} {}/{} {} {}",
                    e.name,
                    e.actual
                        .map(|d| d.normalize().to_string())
                        .unwrap_or_default(),
                    e.target
                        .map(|d| d.normalize().to_string())
                        .unwrap_or_default(),
                    e.unit,
                    e.mark.as_deref().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                "市域の温室効果ガス排出量 1982/1330 千t-CO2 ○",
                "リサイクル率 17.1/25 % ×",
                "不法投棄の件数 /40 件 −",
                "太陽光発電の導入件数 2880/3000 件 △",
            ]
        );
    }

    #[test]
    fn words_in_the_actual_cell_against_a_number_are_an_entry_without_an_actual() {
        let got = entries(
            "指標\t目標値\t実績値\t評価\n\
             図書館の来館者数(人)\t52,000\t集計中\t−\n\
             公園の清掃回数(回)\t36\t41\tA\n",
        );
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].name, "図書館の来館者数");
        assert_eq!(got[0].actual, None);
        assert_eq!(got[0].actual_text, None);
        assert_eq!(got[0].target, Some(Decimal::from(52_000)));
        assert_eq!(got[0].unit, "人");
        assert_eq!(got[1].actual, Some(Decimal::from(41)));
    }

    #[test]
    fn a_bracketed_label_before_the_name_is_no_part_of_it() {
        let got = entries("【KPI】空き家バンク登録件数:実績35件(目標60件)\n");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].name, "空き家バンク登録件数");
        assert_eq!(got[0].actual, Some(Decimal::from(35)));
        assert_eq!(got[0].target, Some(Decimal::from(60)));
    }

    #[test]
    fn small_letters_two_letter_grades_and_grade_words_are_grades() {
        for (cell, want) in [
            ("a", Some("a")),
            ("Ab", Some("Ab")),
            ("B+", Some("B+")),
            ("概ね順調", Some("概ね順調")),
            ("やや遅れている", Some("やや遅れている")),
            ("未達成", Some("未達成")),
            // A word that only contains a grade word, and two capitals, are no grades.
            ("達成に向けて取り組む", None),
            ("AB", None),
            ("ab", None),
        ] {
            assert_eq!(grade(cell).as_deref(), want, "{cell}");
        }
    }

    #[test]
    fn grades_after_the_entry() {
        for (text, mark) in [
            ("企業誘致件数：42件/75件 △\n", "△"),
            ("企業誘致件数：42件/75件【B】\n", "B"),
            ("企業誘致件数：42件/75件 評価：◎\n", "◎"),
        ] {
            let got = entries(text);
            assert_eq!(got.len(), 1, "{text}");
            assert_eq!(got[0].mark.as_deref(), Some(mark), "{text}");
        }
    }

    #[test]
    fn a_mid_year_count_takes_the_year_of_the_report_and_is_provisional() {
        let report = Period::month(2020, 11).ok();
        let got = entries_with("企業誘致件数：12件/30件（9月30日現在）\n", report);
        assert_eq!(got[0].as_of, Period::date(2020, 9, 30).ok());
        assert_eq!(got[0].status.as_deref(), Some("provisional"));
        // Never after the report's date: in a report of August, November is last year's.
        let got = entries_with(
            "件数：12件/30件（11月末時点）\n",
            Period::month(2020, 8).ok(),
        );
        assert_eq!(got[0].as_of, Period::month(2019, 11).ok());
        // A fiscal year's report: January is in the next calendar year.
        let got = entries_with(
            "件数：12件/30件（1月末現在）\n",
            Some(Period::FiscalYear(2020)),
        );
        assert_eq!(got[0].as_of, Period::month(2021, 1).ok());
    }

    #[test]
    fn a_mid_year_count_without_the_reports_date_is_warned_about() {
        let doc = Doc::new("t.txt", "企業誘致件数：12件/30件（9月30日現在）\n");
        let mut ex = Extraction::default();
        recognize(&doc, &mut ex);
        assert_eq!(ex.progress_entries[0].as_of, None);
        assert_eq!(ex.warnings.len(), 1);
        assert_eq!(ex.warnings[0].code, "undated_as_of");
    }

    #[test]
    fn estimates_and_preliminary_figures() {
        let got = entries("観光客数：820万人/900万人（R5見込）\n");
        assert_eq!(got[0].as_of, Some(Period::FiscalYear(2023)));
        assert_eq!(got[0].status.as_deref(), Some("estimate"));
        let got = entries("観光客数：820万人/900万人（速報値）\n");
        assert_eq!(got[0].status.as_deref(), Some("provisional"));
    }

    #[test]
    fn a_table_with_actual_and_target_columns() {
        let got = entries(
            "指標名\t基準値\t目標値(R6)\t実績値(R5)\t達成率\t評価\n\
             ① 企業誘致件数\t25件\t125件\t78件\t62.4%\t○\n\
             創業者数\t100人\t150人\t170人\t113%\t◎\n\
             移住者数（単年）\t—\t500人\t—\t—\t-\n\
             空き家活用件数\t10件\t40件\t35件\t87.5%\tB+\n\
             相談件数\t10件\t40件\t20件\t50%\tＣ－\n",
        );
        let got: Vec<String> = got
            .iter()
            .map(|e| {
                format!(
                    "{} {}/{} {} {}",
                    e.name,
                    e.actual.map(|d| d.to_string()).unwrap_or_default(),
                    e.target.map(|d| d.to_string()).unwrap_or_default(),
                    e.as_of.map(|p| p.to_string()).unwrap_or_default(),
                    e.mark.as_deref().unwrap_or_default(),
                )
            })
            .collect();
        // A row without an actual (`—`) is an entry with none; `(単年)` is its kind; a dash
        // in the grade column is the grade `−` (not evaluated).
        assert_eq!(
            got,
            [
                "企業誘致件数 78/125 FY2023 ○",
                "創業者数 170/150 FY2023 ◎",
                "移住者数 /500  −",
                "空き家活用件数 35/40 FY2023 B+",
                "相談件数 20/40 FY2023 C-",
            ]
        );
    }

    #[test]
    fn an_actual_header_over_several_years_takes_the_latest_year_with_a_value() {
        // `実績` spans three year columns (its header cells after it empty); the last year
        // not yet measured is blank.
        let got = entries(
            "項目\t単位\t実績\t\t\t目標\n             \t\t2022\t2023\t2024\t2028\n             図書館来館者数\t千人\t212\t236\t\t300\n             読書会の開催回数\t回\t14\t17\t19\t24\n",
        );
        let got: Vec<String> = got
            .iter()
            .map(|e| {
                format!(
                    "{} {}/{}",
                    e.name,
                    e.actual.map(|d| d.to_string()).unwrap_or_default(),
                    e.target.map(|d| d.to_string()).unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(got, ["図書館来館者数 236/300", "読書会の開催回数 19/24"]);
        // The same word over each year (`実績 R4 | 実績 R5`): the latest filled, and its year.
        let got = entries(
            "項目\t実績 R4\t実績 R5\t実績 R6\t目標 R9\n             市民農園の区画数\t120区画\t128区画\t—\t150区画\n",
        );
        let got: Vec<String> = got
            .iter()
            .map(|e| {
                format!(
                    "{} {}/{} {}",
                    e.name,
                    e.actual.map(|d| d.to_string()).unwrap_or_default(),
                    e.target.map(|d| d.to_string()).unwrap_or_default(),
                    e.as_of.map(|p| p.to_string()).unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(got, ["市民農園の区画数 128/150 FY2023"]);
    }

    #[test]
    fn a_table_with_the_unit_in_the_header_and_a_final_target_column() {
        let got = entries("KPI(単位:件)\tR5目標\t最終目標(R8)\tR5実績\n企業誘致件数\t30\t75\t42\n");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].unit, "件");
        assert_eq!(got[0].actual, Some(Decimal::from(42)));
        assert_eq!(got[0].target, Some(Decimal::from(30)));
        assert_eq!(got[0].final_target, Some(Decimal::from(75)));
        assert_eq!(got[0].as_of, Some(Period::FiscalYear(2023)));
    }

    #[test]
    fn bare_numbers_under_actual_and_target_headers_are_a_pair_without_a_unit() {
        // The unit is stated once for the page, or not at all; the headers say which number
        // is the actual and which the target.
        let got = entries(
            "施策指標\t最終目標値 (A)\tR4実績値 (B)\t達成率 (B)/(A)\n\
             公園の清掃回数\t36\t31\t86.1%\n\
             河川の水質適合率\t95.0\t97.2\t102.3%\n",
        );
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].name, "公園の清掃回数");
        assert_eq!(got[0].actual, Some(Decimal::from(31)));
        assert_eq!(got[0].target, Some(Decimal::from(36)));
        assert_eq!(got[0].unit, "");
        assert_eq!(got[1].actual, Some(Decimal::new(972, 1)));
        // In a line, two bare numbers are no pair (`6/11` is a date).
        assert!(entries("説明会の開催:6/11").is_empty());
    }

    #[test]
    fn a_cell_of_actual_over_target_takes_its_name_from_the_cell_before() {
        let got = entries("指標\t実績/目標\n企業誘致件数\t42件／75件\n");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].name, "企業誘致件数");
        assert_eq!(got[0].project, None);
    }

    #[test]
    fn labels_read_as_numbers() {
        assert_eq!(split_label("① 企業誘致"), (Some(1), "企業誘致"));
        assert_eq!(split_label("⑩ 拠点"), (Some(10), "拠点"));
        assert_eq!(split_label("㉑ 拠点"), (Some(21), "拠点"));
        assert_eq!(split_label("(3) 拠点"), (Some(3), "拠点"));
        assert_eq!(split_label("2. 拠点"), (Some(2), "拠点"));
        assert_eq!(split_label("2050年"), (None, "2050年"));
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in [
            ":",
            "::/",
            "a:/b",
            "名前：/",
            "名前：(",
            "名前：)/(",
            "名前：1件/(2件",
            "実績",
            "実績1",
            " 実績1件(目標",
            "(((((:1件/2件",
            "①\t\t",
            "指標\t目標\t実績\n\t\t\n",
            "名前：1件/2件（9月99日現在）",
            "名前：1件/2件（13月現在）",
            "名前：1件/2件【",
        ] {
            let _ = entries(text);
        }
    }

    #[test]
    fn a_years_plan_and_its_actual_with_era_less_years_are_read_in_the_era_above() {
        // `5年度計画` is this year's target and the later of two actual columns the progress,
        // their years given the era the title above writes; `4年度実績` is last year's.
        let text = "令和5年度 点検・評価\n\n指標\t4年度 実績\t5年度 計画\t5年度 実績\n\
                    病床利用率\t74.8%\t79.0%\t76.2%\n";
        check(text, &["病床利用率 76.2/79 %"]);
        assert_eq!(entries(text)[0].as_of, Some(Period::FiscalYear(2023)));
    }

    #[test]
    fn a_difference_column_naming_the_plan_and_the_actual_is_no_actual() {
        // `計画と実績の比較` holds the actual minus the plan: its numbers are no value of the row.
        check(
            "指標\t目標値\t実績値\t計画と実績の比較\n病床利用率\t79.0%\t76.2%\t-2.8\n",
            &["病床利用率 76.2/79 %"],
        );
        assert!(is_difference("差引"));
        assert!(is_difference("目標との差"));
        assert!(!is_difference("実績値"));
    }

    #[test]
    fn a_column_of_bracketed_units_under_an_empty_header_cell_gives_each_row_its_unit() {
        // The name's header spans the unit column: `(%)`, `(人)` are the rows' units.
        check(
            "指標\t\t目標値\t実績値\n経常収支比率\t(%)\t100.2\t99.1\n入院患者数\t(人)\t255.0\t246.3\n",
            &["経常収支比率 99.1/100.2 %", "入院患者数 246.3/255 人"],
        );
        assert_eq!(bracketed_unit("(円)").as_deref(), Some("円"));
        assert_eq!(bracketed_unit("(入院)"), None);
    }

    #[test]
    fn a_years_plan_header_is_dated() {
        // `R5計画` is the plan of FY2023, as `R5プラン` is.
        assert_eq!(header_period("R5計画"), Some(Period::FiscalYear(2023)));
        assert_eq!(
            header_period("2023年度計画"),
            Some(Period::FiscalYear(2023))
        );
    }

    #[test]
    fn a_letter_grade_divided_by_a_number_is_a_grade() {
        // `A-1`, `A-2`, `A-3` grade a health plan's goals; `A-12` and `1-1` are no grades.
        assert_eq!(grade("A-1").as_deref(), Some("A-1"));
        assert_eq!(grade("B−2").as_deref(), Some("B-2"));
        assert_eq!(grade("A-").as_deref(), Some("A-"));
        assert_eq!(grade("A-12"), None);
        assert_eq!(grade("1-1"), None);
    }

    #[test]
    fn an_evaluations_column_with_its_year_holds_values_not_grades() {
        // `中間評価 (R3)` holds the value found then; the grades are the 達成状況 column's.
        let text = "評価指標\t策定時(H29)\t中間評価(R3)\t直近値\t目標値\t達成状況\n\
                    健診受診率\t58.2%\t-\t71.4%\t70.0%\tA-1\n";
        let e = entries(text);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].mark.as_deref(), Some("A-1"));
    }

    #[test]
    fn a_graded_row_without_a_target_is_progress_without_one() {
        // A sub-row graded `A-3` (improved, no target set) with an empty 目標値 cell: its actual
        // is progress with no target; an ungraded row without a target is none.
        let text = "評価指標\t策定時\t直近値\t目標値\t達成状況\n\
                    悪性新生物\t281.4\t268.2\t\tA-3\n\
                    心疾患\t142.8\t161.9\t\t\n";
        let e = entries(text);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].name, "悪性新生物");
        assert_eq!(e[0].actual, Some(Decimal::new(2682, 1)));
        assert_eq!(e[0].target, None);
        assert_eq!(e[0].mark.as_deref(), Some("A-3"));
    }

    #[test]
    fn years_before_a_target_year_column_are_the_actuals() {
        // `令和2年度 | 令和3年度 | 令和4年度 | 目標年度 | 目標値` under a report's title: the
        // target's year column stands between the years and the target; the latest year is
        // the actual.
        check(
            "令和5年度事務事業評価シート\n\n成果指標名\t単位\t令和2年度\t令和3年度\t令和4年度\t目標年度\t目標値\n\
             有収率\t%\t90.4\t90.9\t91.2\t令和12年度\t93.0\n",
            &["有収率 91.2/93 %"],
        );
    }

    #[test]
    fn a_sheets_title_row_of_one_cell_is_its_caption() {
        // A sheet saved whole as one table prints its title as a row whose other cells are
        // empty: it says the table reports, as a title line would.
        let t = |row| crate::extract::text::Split::Table {
            table: "HTML の表 1".to_owned(),
            row,
        };
        let cells = |c: &[&str]| c.iter().map(|s| (*s).to_owned()).collect::<Vec<String>>();
        let doc = Doc::from_rows(
            "t.html",
            [
                (cells(&["令和5年度事務事業評価シート", "", ""]), t(1)),
                (cells(&["指標名", "R4", "目標値"]), t(2)),
                (cells(&["有収率", "91.2%", "93.0%"]), t(3)),
            ],
        );
        assert!(reported(&doc, 1));
        let plain = Doc::from_rows(
            "t.html",
            [
                (cells(&["令和5年度事務事業評価シート", "", "x"]), t(1)),
                (cells(&["指標名", "R4", "目標値"]), t(2)),
            ],
        );
        assert!(!reported(&plain, 1));
    }

    #[test]
    fn an_evaluation_sheets_activity_measures_by_year_are_actuals_without_targets() {
        // Under a report's title, `活動指標名 | 単位 | years` gives each measure's latest year
        // as its actual; the subject's grid (`対象指標名`) gives none.
        let e = entries(
            "令和5年度事務事業評価シート\n\n\
             対象指標名\t単位\t令和3年度\t令和4年度\n管路総延長\tm\t93,522\t93,655\n\n\
             活動指標名\t単位\t令和3年度\t令和4年度\n管路更新延長\tm\t2,306\t2,411\n",
        );
        let got: Vec<String> = e
            .iter()
            .map(|e| {
                format!(
                    "{} {:?} {:?} {} {:?}",
                    e.name, e.actual, e.target, e.unit, e.as_of
                )
            })
            .collect();
        assert_eq!(
            got,
            [format!(
                "管路更新延長 {:?} None m {:?}",
                Some(Decimal::from(2411)),
                Some(Period::FiscalYear(2022))
            )]
        );
        // Without a title that says it reports, the years may be a plan's: nothing is read.
        assert!(
            entries("活動指標名\t単位\t令和3年度\t令和4年度\n管路更新延長\tm\t2,306\t2,411\n")
                .is_empty()
        );
    }
}

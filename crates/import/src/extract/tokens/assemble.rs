//! Assembly: a block's tokens into records of (name, role, period) → value, by the order the
//! grid declares.
//!
//! The tokens are cut into **windows**: maximal runs of grid tokens (values, years, role
//! labels, year notes, marks, arrows, units, header words) between runs of text. Text between
//! windows is where names are. A window without values only declares: its years and role
//! labels wait for the values of the next window (a header printed before the name of the
//! first row). A window with values is read by the first of these that accounts for its
//! values by count:
//!
//! 1. **Columns after a name list.** Names listed after a name head (`指標名`) are the rows;
//!    a run of as many values (each with its own bracketed year) is the column the role label
//!    before the names heads, a run of as many arrows their directions.
//! 2. **One column printed cell by cell**: the same (year, role) heading before each value
//!    (`11年度 目標 3,000 11年度 目標 60.0 …`), no more often than rows were read: the rows'
//!    cells, in order (a sheet's plan-end targets printed after all its grids).
//! 3. **A header interleaved with the first row**: each (year, role) heading printed before
//!    its cell of the first row, the other rows bare after it, the labels of the columns
//!    before the first heading after all the values (`612 2 年度末 615 … 622 38.4 … 当初値`):
//!    rows × columns values, two rows at least.
//! 4. **Roles down, years across, cells by column** (a vertical header of role labels): the
//!    values are years × roles, filled year by year, the roles in their printed order.
//! 5. **Segments**: labels and years, then values. Each run of values takes the labels and
//!    years printed since the run before: each year printed with its role (`3 年度 実績 …
//!    6 年度 目標`) is a column, and that header holds for the runs of as many values after
//!    it, each a row; as many years as values pair one to one (and become the grid's years,
//!    sorted, for the rows after); one year is every value's; none leaves the grid's years,
//!    filled from the first (years not yet reached are missing); as many labels as values pair
//!    one to one, else the last label is the row's. A role printed again for a year it has
//!    starts the next record. Years with as many values and no label are the years' own
//!    figures (actuals); `name value(year)` items after a bracketed label (`【目標値】`) go on
//!    under it. A grade among a row's cells is its mark, one after them labels what follows.
//!    A chart's axis (whole numbers falling by one step) is dropped.
//!
//! **The whole block by count.** When the block's names (text with a unit or a measure word
//! at its end) × the columns of the fullest (year, role) header it prints anywhere equal all
//! its values, the values fill the rows in order, and that reading replaces the windows'
//! (a comparison table printed with its header after its first rows).
//!
//! Each record takes its name from the text before its window: the candidate with a list
//! label before it or a unit after it (text ending in a role word, `…目標値及び実績値`, is a
//! heading, never a name), else the next name of the listed names, else the most name-like
//! text. Rows a window printed before their names take the labelled names after it, in
//! order, when there are exactly as many, and the units printed alone among them when those are as
//! many too. A record of one value without a year is dropped (a number in a sentence). Counts
//! that do not fit leave the window unread: nothing is guessed.

use shinchoku_core::indicator::{Comparator, Direction};
use shinchoku_core::period::Period;
use shinchoku_core::Decimal;

use super::super::lexicon;
use super::lex::{Kind, Qual, Role, Tok};

/// One value of a record.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell {
    pub role: Role,
    pub period: Option<Period>,
    pub qual: Option<Qual>,
    pub value: Option<Decimal>,
    pub unit: String,
    pub comparator: Comparator,
}

/// One indicator's values, as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Record {
    pub name: Option<String>,
    pub unit: Option<String>,
    pub direction: Option<Direction>,
    pub mark: Option<String>,
    pub cells: Vec<Cell>,
    pub line: usize,
}

impl Record {
    fn has_cell(&self, r: Role, period: Option<Period>) -> bool {
        self.cells.iter().any(|c| c.role == r && c.period == period)
    }
}

/// The number of roles ([`role_index`]).
const ROLES: usize = 9;

/// A role's place in per-role counts.
fn role_index(r: Role) -> usize {
    match r {
        Role::Baseline => 0,
        Role::Current => 1,
        Role::Target => 2,
        Role::Plan => 3,
        Role::Final => 4,
        Role::Actual => 5,
        Role::Rate => 6,
        Role::Grade => 7,
        Role::Estimate => 8,
    }
}

/// A year column: the year, its note, the role its heading says.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Year {
    period: Period,
    qual: Option<Qual>,
}

/// A value with the year printed after it in brackets.
#[derive(Debug, Clone)]
struct Val {
    value: Option<Decimal>,
    unit: String,
    comparator: Comparator,
    own: Option<Period>,
    line: usize,
}

/// What a window holds, in order.
#[derive(Debug, Clone)]
enum Item {
    Year(Year),
    Label(Role),
    Val(Val),
    Dir(Direction),
    Mark(String),
}

fn is_text(k: &Kind) -> bool {
    matches!(k, Kind::Name | Kind::Sentence | Kind::ListLabel)
}

fn value_role(r: Role) -> bool {
    !matches!(r, Role::Grade)
}

/// The items of a window: a bracketed year after a value is that value's own; a year note
/// qualifies the year next to it.
fn items(toks: &[Tok]) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    let mut k = 0;
    while let Some(t) = toks.get(k) {
        k += 1;
        match &t.kind {
            Kind::Value {
                value,
                unit,
                comparator,
            } => {
                let own = match toks.get(k).map(|n| &n.kind) {
                    Some(Kind::Period {
                        period: Some(p),
                        bracketed: true,
                        role: None,
                        ..
                    }) if value.is_some() => {
                        k += 1;
                        Some(*p)
                    }
                    _ => None,
                };
                out.push(Item::Val(Val {
                    value: *value,
                    unit: unit.clone(),
                    comparator: *comparator,
                    own,
                    line: t.line,
                }));
            }
            Kind::Period {
                period: Some(p),
                role,
                ..
            } => {
                // A note after the year (`R3 (基準年度)`) or before it (`(最終) R7` is rare).
                let qual = match toks.get(k).map(|n| &n.kind) {
                    Some(Kind::Qual(q)) => {
                        k += 1;
                        Some(*q)
                    }
                    _ => None,
                };
                if let Some(r) = role {
                    out.push(Item::Label(*r));
                }
                out.push(Item::Year(Year { period: *p, qual }));
            }
            Kind::Role(r) => out.push(Item::Label(*r)),
            Kind::Dir(d) => out.push(Item::Dir(*d)),
            Kind::Mark(m) => out.push(Item::Mark(m.clone())),
            _ => {}
        }
    }
    drop_axes(&mut out);
    out
}

/// The least values a chart's axis prints.
const AXIS_MIN: usize = 4;

/// Drops a chart's axis: whole numbers without units falling by one step, a run of their own
/// under no role label, or the end of a run with the years of the chart's other axis after
/// it (`1000 950 900 850 800 R3 R4`).
fn drop_axes(its: &mut Vec<Item>) {
    let mut keep = vec![true; its.len()];
    let mut k = 0;
    while k < its.len() {
        let run = its
            .iter()
            .skip(k)
            .take_while(|i| matches!(i, Item::Val(v) if v.unit.is_empty() && v.own.is_none()))
            .count();
        if run == 0 {
            k += 1;
            continue;
        }
        let labelled = k
            .checked_sub(1)
            .and_then(|b| its.get(b))
            .is_some_and(|i| matches!(i, Item::Label(_) | Item::Year(_)));
        let years_after = matches!(its.get(k + run), Some(Item::Year(_)));
        let vals: Vec<Option<Decimal>> = its
            .iter()
            .skip(k)
            .take(run)
            .map(|i| match i {
                Item::Val(v) => v.value,
                _ => None,
            })
            .collect();
        // The longest falling run of one step at the end.
        let mut tail = 0;
        let mut step = None;
        for w in vals.windows(2).rev() {
            let (Some(Some(a)), Some(Some(b))) = (w.first(), w.get(1)) else {
                break;
            };
            let d = *a - *b;
            let whole = a.fract().is_zero() && b.fract().is_zero();
            if d <= Decimal::ZERO || !whole || step.is_some_and(|s| s != d) {
                break;
            }
            step = Some(d);
            tail = if tail == 0 { 2 } else { tail + 1 };
        }
        let axis = tail >= AXIS_MIN && (years_after || (tail == run && !labelled));
        if axis {
            for slot in keep.iter_mut().skip(k + run - tail).take(tail) {
                *slot = false;
            }
        }
        k += run;
    }
    let mut flags = keep.into_iter();
    its.retain(|_| flags.next().unwrap_or(true));
}

/// The reader's state over a block.
#[derive(Default)]
struct State {
    records: Vec<Record>,
    /// Years and labels declared by windows without values, for the next window.
    pending: Vec<Item>,
    /// The grid's year columns, sorted.
    years: Vec<Year>,
    /// Names listed after a name head, with the next to take.
    listed: Vec<(String, usize)>,
    next_listed: usize,
    /// True when a column of values was read against the listed names: they are the rows.
    listed_confirmed: bool,
    /// The grid's columns of (role, year), when its header declares each year's role.
    cols: Vec<(Role, Option<Year>)>,
    /// The label of a list of `name value(year)` items (`【目標値】`), while it goes on.
    list_role: Option<Role>,
    /// How many records have a name; and each folded name's record.
    named: usize,
    by_name: std::collections::HashMap<String, usize>,
    /// Records of the last window read without a name: its rows printed before their names.
    awaiting: Vec<usize>,
    /// The records of the window being read.
    window_records: Vec<usize>,
}

/// A name candidate in the text before a window, and how name-like it is.
struct Candidate {
    name: String,
    line: usize,
    unit: Option<String>,
    score: u8,
    /// A list label or a name head is printed before it.
    labelled: bool,
}

/// Reads a block's tokens into records.
pub(crate) fn assemble(toks: &[Tok]) -> Vec<Record> {
    let mut st = State::default();
    let mut k = 0;
    let mut span_start = 0;
    let mut listing = false;
    while k < toks.len() {
        // Text: names, and the list after a name head.
        if toks.get(k).is_some_and(|t| is_text(&t.kind)) {
            if listing {
                if let Some(t) = toks.get(k).filter(|t| t.kind == Kind::Name) {
                    st.listed.push((t.text.clone(), t.line));
                } else {
                    listing = false;
                }
            }
            k += 1;
            continue;
        }
        let start = k;
        while toks.get(k).is_some_and(|t| !is_text(&t.kind)) {
            k += 1;
        }
        let window = toks.get(start..k).unwrap_or_default();
        if window.iter().any(|t| t.kind == Kind::NameHead) && !has_values(window) {
            // A name head: the names listed after it are the rows, in order.
            listing = true;
            st.listed.clear();
            st.next_listed = 0;
            st.listed_confirmed = false;
        } else if has_values(window) {
            listing = false;
        }
        let mut its = items(window);
        if !its.iter().any(|i| matches!(i, Item::Val(_))) {
            st.pending.append(&mut its);
            continue;
        }
        // The text before the window, with the window's first token (a unit after a name):
        // first the names of the rows the window before printed without them.
        let span = toks.get(span_start..(start + 1).min(k)).unwrap_or_default();
        let used = name_awaiting(&mut st, span);
        let span = span.get(used..).unwrap_or_default();
        let mut all = std::mem::take(&mut st.pending);
        all.append(&mut its);
        st.window_records.clear();
        read_window(&mut st, all, span);
        st.awaiting = st
            .window_records
            .iter()
            .copied()
            .filter(|&r| st.records.get(r).is_some_and(|r| r.name.is_none()))
            .collect();
        span_start = k;
    }
    let rest = toks.get(span_start..).unwrap_or_default();
    name_awaiting(&mut st, rest);
    // A reading of the whole block that accounts for every value by count is preferred to
    // the windows' readings, which account for their own values only.
    by_count(&mut st, toks);
    st.records
}

/// The whole block by count: its names (text with a unit or a measure word at
/// its end, in order) and all its values (in order) under the header that declares the most
/// (year, role) columns anywhere in the block — before the rows, among them or after them —
/// when the values are exactly names × columns, row by row (`name 42.3 (%) … 長期目標値 (R12)
/// … 12 40 - 320 … 現状値 (R2) 長期目標値 (R12)`). A unit printed alone between a name and
/// the next is the first's.
fn by_count(st: &mut State, toks: &[Tok]) {
    let mut header: Vec<(Role, Year)> = Vec::new();
    let mut vals: Vec<Val> = Vec::new();
    // (role, year) headings printed in all: as many as the values when each value is printed
    // after its own (`現状値(2019年度)12件 目標値(2024年度)20件` on every row).
    let mut declared = 0;
    let mut k = 0;
    while k < toks.len() {
        if toks.get(k).is_some_and(|t| is_text(&t.kind)) {
            k += 1;
            continue;
        }
        let start = k;
        while toks.get(k).is_some_and(|t| !is_text(&t.kind)) {
            k += 1;
        }
        let its = items(toks.get(start..k).unwrap_or_default());
        let heads: Vec<&Item> = its.iter().collect();
        let pairs = descriptors(&heads);
        declared += pairs.len();
        if pairs.len() > header.len() {
            header = pairs;
        }
        vals.extend(its.into_iter().filter_map(|i| match i {
            Item::Val(v) => Some(v),
            _ => None,
        }));
    }
    let names: Vec<(usize, Candidate)> = candidates(toks)
        .into_iter()
        .filter(|(_, c)| c.score >= 1)
        .collect();
    if header.len() < 2
        || names.len() < 2
        || vals.len() != names.len() * header.len()
        || declared >= vals.len()
    {
        return;
    }
    // Every value of the block is accounted for: this reading replaces the windows'.
    st.records.clear();
    st.by_name.clear();
    st.named = 0;
    for (j, ((at, c), row)) in names.iter().zip(vals.chunks(header.len())).enumerate() {
        // A unit alone after the name, before the next name.
        let next = names.get(j + 1).map_or(toks.len(), |(n, _)| *n);
        let lone = toks
            .get(at + 1..next)
            .unwrap_or_default()
            .iter()
            .find_map(|t| match &t.kind {
                Kind::Unit(u) => Some(u.clone()),
                _ => None,
            });
        let mut rec = Record {
            name: Some(c.name.clone()),
            unit: c.unit.clone().or(lone),
            line: c.line,
            ..Record::default()
        };
        for ((r, y), v) in header.iter().zip(row) {
            rec.cells.push(cell(*r, Some(*y), v));
        }
        push_record(st, rec);
    }
}

/// Names the rows a window printed before their names (`612 2 年度末 615 … 当初値 対象指標A
/// name … 成果指標A name`): the names after it with a list label before them, in order, when
/// there are exactly as many; the units printed alone among them, in order, when there are as many as rows.
/// Returns how many tokens of `span` it used.
fn name_awaiting(st: &mut State, span: &[Tok]) -> usize {
    let waiting = std::mem::take(&mut st.awaiting);
    if waiting.is_empty() {
        return 0;
    }
    let strong: Vec<(usize, Candidate)> = candidates(span)
        .into_iter()
        .filter(|(_, c)| c.labelled)
        .collect();
    if strong.len() != waiting.len() {
        return 0;
    }
    let used = strong.get(waiting.len() - 1).map_or(0, |(k, _)| k + 1);
    let first = strong.first().map_or(0, |(k, _)| *k);
    let units: Vec<String> = span
        .iter()
        .skip(first)
        .filter_map(|t| match &t.kind {
            Kind::Unit(u) => Some(u.clone()),
            _ => None,
        })
        .collect();
    let units_fit = units.len() == waiting.len();
    for (j, (r, (_, c))) in waiting.iter().zip(&strong).enumerate() {
        st.by_name.entry(fold(&c.name)).or_insert(*r);
        st.named += 1;
        if let Some(rec) = st.records.get_mut(*r) {
            rec.name = Some(c.name.clone());
            rec.line = c.line;
            rec.unit = if units_fit {
                units.get(j).cloned()
            } else {
                c.unit.clone()
            };
        }
    }
    used
}

fn has_values(w: &[Tok]) -> bool {
    w.iter()
        .any(|t| matches!(t.kind, Kind::Value { value: Some(_), .. }))
}

/// The candidates for a name in the text before a window.
fn candidates(span: &[Tok]) -> Vec<(usize, Candidate)> {
    let mut out = Vec::new();
    let last_text = span.iter().rposition(|t| is_text(&t.kind));
    for (k, t) in span.iter().enumerate() {
        if t.kind != Kind::Name {
            continue;
        }
        let before = k.checked_sub(1).and_then(|b| span.get(b));
        let after = span.get(k + 1);
        let (name, bracket_unit) = split_unit(&t.text);
        let unit_after = match after.map(|a| &a.kind) {
            Some(Kind::Unit(u)) => Some(u.clone()),
            _ => None,
        };
        let mut score = 0;
        let labelled = before.is_some_and(|b| matches!(b.kind, Kind::ListLabel | Kind::NameHead));
        if labelled {
            score += 2;
        }
        if unit_after.is_some() || bracket_unit.is_some() {
            score += 2;
        }
        // The measure word before a bracketed qualifier (`面積(山林)`).
        let base = match name.strip_suffix(')').and_then(|n| n.rsplit_once('(')) {
            Some((b, _)) if !b.is_empty() => b,
            _ => name.as_str(),
        };
        if base
            .chars()
            .last()
            .is_some_and(|c| lexicon::MEASURE_END_CHARS.contains(&c) || c == '合')
        {
            score += 1;
        }
        // The text right before the grid's values.
        if span.get(k + 1).is_some() && last_text == Some(k) {
            score += 1;
        }
        if ends_in_role(&name) {
            // `…の目標値及び実績値`: a heading over a grid, no indicator.
            continue;
        }
        out.push((
            k,
            Candidate {
                name,
                line: t.line,
                unit: bracket_unit.or(unit_after),
                score,
                labelled,
            },
        ));
    }
    out
}

/// True when a text ends in a value's role word (`目標値`, `実績値`): what a grid holds, no
/// indicator's name.
fn ends_in_role(name: &str) -> bool {
    [
        "目標値",
        "実績値",
        "現状値",
        "基準値",
        "計画値",
        "目標",
        "実績",
    ]
    .iter()
    .any(|w| name.ends_with(w))
}

/// A name and the unit in brackets at its end (`創業・起業の年間件数(件)`).
pub(crate) fn split_unit(text: &str) -> (String, Option<String>) {
    if let Some((n, u)) = text.strip_suffix(')').and_then(|t| t.rsplit_once('(')) {
        let u = u.trim();
        // A count's counter word (`家庭の数(世帯)`): short, all kanji.
        let counter = n.trim_end().ends_with('数')
            && (1..=2).contains(&u.chars().count())
            && u.chars().all(super::super::scan::is_kanji);
        if lexicon::is_unit(u) || super::super::scan::latin_unit(u).is_some() || counter {
            return (n.trim().to_owned(), Some(u.to_owned()));
        }
    }
    (text.to_owned(), None)
}

/// Reads one window's items (the pending declarations first).
fn read_window(st: &mut State, mut its: Vec<Item>, span: &[Tok]) {
    let cands: Vec<Candidate> = candidates(span).into_iter().map(|(_, c)| c).collect();
    let line = its
        .iter()
        .find_map(|i| match i {
            Item::Val(v) => Some(v.line),
            _ => None,
        })
        .unwrap_or(0);
    // 1. Columns after a name list.
    let rows = st.listed.len();
    if rows >= 2 {
        its = columns_after_names(st, its, line);
    }
    // 2. One (year, role) column printed cell by cell, each cell with its heading: the rows
    // read so far, in order; at the window's end, after the rows it closes.
    if column_by_cells(st, &its) {
        return;
    }
    let tail = cell_column_start(&its);
    if tail > 0 {
        let cells = its.split_off(tail);
        read_window_rows(st, its, &cands, line);
        column_by_cells(st, &cells);
        return;
    }
    read_window_rows(st, its, &cands, line);
}

/// Rules 3 to 5 on a window.
fn read_window_rows(st: &mut State, its: Vec<Item>, cands: &[Candidate], line: usize) {
    if interleaved(st, &its, line) {
        return;
    }
    // 3. A vertical header of roles over years, filled year by year.
    if by_columns(st, &its, cands, line) {
        return;
    }
    // 4. Segments.
    segments(st, &its, cands, line);
}

/// Runs of as many values as the listed names, each with its own year, under the role label
/// declared before the names; runs of as many arrows. What is left is returned.
fn columns_after_names(st: &mut State, its: Vec<Item>, line: usize) -> Vec<Item> {
    let n = st.listed.len();
    let role = its.iter().find_map(|i| match i {
        Item::Label(r) if value_role(*r) => Some(*r),
        _ => None,
    });
    let mut rest = Vec::new();
    let mut seen_value = false;
    let mut took = false;
    let mut k = 0;
    while k < its.len() {
        // A run of values each with its own year, or of arrows, as long as the list.
        let vals: Vec<&Val> = its
            .iter()
            .skip(k)
            .map_while(|i| match i {
                Item::Val(v) if v.own.is_some() => Some(v),
                _ => None,
            })
            .collect();
        let dirs: Vec<Direction> = its
            .iter()
            .skip(k)
            .map_while(|i| match i {
                Item::Dir(d) => Some(*d),
                _ => None,
            })
            .collect();
        if let (Some(role), true) = (role, vals.len() == n) {
            for (j, v) in vals.iter().enumerate() {
                let r = record_for_listed(st, j, line);
                if let Some(rec) = st.records.get_mut(r) {
                    rec.cells.push(Cell {
                        role,
                        period: v.own,
                        qual: None,
                        value: v.value,
                        unit: v.unit.clone(),
                        comparator: v.comparator,
                    });
                }
            }
            st.listed_confirmed = true;
            seen_value = true;
            took = true;
            k += n;
            continue;
        }
        if dirs.len() == n {
            for (j, d) in dirs.iter().enumerate() {
                let r = record_for_listed(st, j, line);
                if let Some(rec) = st.records.get_mut(r) {
                    rec.direction = Some(*d);
                }
            }
            seen_value = true;
            k += n;
            continue;
        }
        // Any other run is left whole to the rules after.
        let run = vals.len().max(dirs.len()).max(1);
        for i in its.iter().skip(k).take(run) {
            // The role label the column took stays out of the rows that follow.
            let used = !seen_value && matches!(i, Item::Label(r) if Some(*r) == role);
            if matches!(i, Item::Val(_) | Item::Dir(_)) {
                seen_value = true;
            }
            if !used {
                rest.push(i.clone());
            }
        }
        k += run;
    }
    if took {
        rest
    } else {
        its
    }
}

/// The record of the `j`-th listed name, made when missing.
fn record_for_listed(st: &mut State, j: usize, line: usize) -> usize {
    let Some((name, l)) = st.listed.get(j).cloned() else {
        return usize::MAX;
    };
    let (name, unit) = split_unit(&name);
    if let Some(&r) = st.by_name.get(&fold(&name)) {
        return r;
    }
    add_record(
        st,
        Record {
            name: Some(name),
            unit,
            line: if l > 0 { l } else { line },
            ..Record::default()
        },
    )
}

/// Adds a record as it is; its index.
fn add_record(st: &mut State, rec: Record) -> usize {
    let k = st.records.len();
    if let Some(name) = rec.name.as_deref() {
        st.by_name.entry(fold(name)).or_insert(k);
        st.named += 1;
    }
    st.records.push(rec);
    k
}

/// The years a set of items declares, sorted, without repeats.
fn years_of(its: &[Item]) -> Vec<Year> {
    let mut ys: Vec<Year> = Vec::new();
    for i in its {
        if let Item::Year(y) = i {
            match ys.iter_mut().find(|x| x.period == y.period) {
                Some(x) => {
                    if x.qual.is_none() {
                        x.qual = y.qual;
                    }
                }
                None => ys.push(*y),
            }
        }
    }
    ys.sort_by_key(|y| y.period);
    ys
}

/// Where a run of (year, role, value) cells under one heading, two at least, ends the window
/// (the last may have no value); 0 when none does.
fn cell_column_start(its: &[Item]) -> usize {
    let heading = |k: usize| match (its.get(k), its.get(k + 1)) {
        (Some(Item::Year(y)), Some(Item::Label(r)))
        | (Some(Item::Label(r)), Some(Item::Year(y))) => Some((*r, y.period)),
        _ => None,
    };
    let mut end = its.len();
    // A last heading without its value.
    if end >= 2 && heading(end - 2).is_some() {
        end -= 2;
    }
    let mut start = end;
    let mut first: Option<(Role, Period)> = None;
    while start >= 3 {
        let k = start - 3;
        let (Some(h), Some(Item::Val(_))) = (heading(k), its.get(k + 2)) else {
            break;
        };
        if first.is_some_and(|f| f != h) {
            break;
        }
        first = Some(h);
        start = k;
    }
    let cells = (end - start) / 3;
    if cells >= 2 && start > 0 {
        start
    } else {
        0
    }
}

/// Rule 2: `11年度 目標 3,000 11年度 目標 60.0 …` — the same (year, role) heading before each
/// value, as many times as rows were read (the last may be empty): the rows' cells in order.
fn column_by_cells(st: &mut State, its: &[Item]) -> bool {
    let mut cells: Vec<(Role, Year, Option<&Val>)> = Vec::new();
    // A header declared before (pending from a window without values) is passed over.
    let Some(first) = its.iter().position(|i| matches!(i, Item::Val(_))) else {
        return false;
    };
    let mut k = first.saturating_sub(2);
    while k < its.len() {
        let (y, r) = match (its.get(k), its.get(k + 1)) {
            (Some(Item::Year(y)), Some(Item::Label(r)))
            | (Some(Item::Label(r)), Some(Item::Year(y))) => (y, r),
            _ => return false,
        };
        let v = match its.get(k + 2) {
            Some(Item::Val(v)) => {
                k += 3;
                Some(v)
            }
            _ => {
                k += 2;
                None
            }
        };
        cells.push((*r, *y, v));
    }
    let same = cells
        .windows(2)
        .all(|w| matches!(w, [a, b] if a.0 == b.0 && a.1.period == b.1.period));
    let rows: Vec<usize> = (0..st.records.len())
        .filter(|&r| st.records.get(r).is_some_and(|r| !r.cells.is_empty()))
        .collect();
    let valued = cells.iter().filter(|c| c.2.is_some()).count();
    if cells.len() < 2 || !same || valued > rows.len() || cells.len() > rows.len() + 1 {
        return false;
    }
    for (row, (r, y, v)) in rows.iter().zip(&cells) {
        if let (Some(rec), Some(v)) = (st.records.get_mut(*row), v) {
            rec.cells.push(cell(*r, Some(*y), v));
        }
    }
    true
}

/// Rule 3: a header interleaved with the first row's values (`612 2 年度末 615 3 年度末 618
/// 4 年度計画 620 … 5 年度計画 622 38.4 40.2 …`): each (year, role) heading printed before its
/// cell of the first row, the values before the first heading in columns whose role labels
/// follow all the values (`当初値`), the other rows' values bare after it. As many values as
/// rows × columns, two rows at least; the rows wait for their names after the window.
fn interleaved(st: &mut State, its: &[Item], line: usize) -> bool {
    let Some(first) = its.iter().position(|i| matches!(i, Item::Val(_))) else {
        return false;
    };
    let rest = its.get(first..).unwrap_or_default();
    let vals = |from: usize| {
        rest.iter()
            .skip(from)
            .take_while(|i| matches!(i, Item::Val(_)))
            .count()
    };
    let lead = vals(0);
    let mut k = lead;
    let mut heads: Vec<(Role, Year)> = Vec::new();
    let mut last_run = 0;
    loop {
        let pair = match (rest.get(k), rest.get(k + 1)) {
            (Some(Item::Year(y)), Some(Item::Label(r)))
            | (Some(Item::Label(r)), Some(Item::Year(y)))
                if value_role(*r) =>
            {
                Some((*r, *y))
            }
            _ => None,
        };
        let Some(pair) = pair else { break };
        let run = vals(k + 2);
        if run == 0 || last_run > 1 {
            return false;
        }
        heads.push(pair);
        last_run = run;
        k += 2 + run;
    }
    let trailing: Vec<Role> = rest
        .iter()
        .skip(k)
        .filter_map(|i| match i {
            Item::Label(r) if value_role(*r) => Some(*r),
            _ => None,
        })
        .collect();
    let total: Vec<&Val> = rest
        .iter()
        .filter_map(|i| match i {
            Item::Val(v) => Some(v),
            _ => None,
        })
        .collect();
    let width = lead + heads.len();
    if heads.len() < 2
        || last_run < 2
        || !total.len().is_multiple_of(width)
        || total.len() / width < 2
    {
        return false;
    }
    let mut cols: Vec<Option<(Role, Option<Year>)>> = (0..lead)
        .map(|j| {
            (trailing.len() == lead)
                .then(|| trailing.get(j).map(|r| (*r, None)))
                .flatten()
        })
        .collect();
    cols.extend(heads.iter().map(|(r, y)| Some((*r, Some(*y)))));
    for row in total.chunks(width) {
        let mut rec = Record {
            line: row.first().map_or(line, |v| v.line),
            ..Record::default()
        };
        for (col, v) in cols.iter().zip(row) {
            if let Some((r, y)) = col {
                rec.cells.push(cell(*r, *y, v));
            }
        }
        push_record(st, rec);
    }
    true
}

/// Rule 4: role labels printed together (a vertical header), years, and years × roles values.
fn by_columns(st: &mut State, its: &[Item], cands: &[Candidate], line: usize) -> bool {
    let mut roles: Vec<Role> = Vec::new();
    let mut adjacent = false;
    let mut prev_label = false;
    for i in its {
        match i {
            Item::Label(r) if value_role(*r) => {
                if prev_label {
                    adjacent = true;
                }
                if !roles.contains(r) {
                    roles.push(*r);
                }
                prev_label = true;
            }
            Item::Year(_) => {}
            _ => prev_label = false,
        }
    }
    let years = years_of(its);
    let vals: Vec<&Val> = its
        .iter()
        .filter_map(|i| match i {
            Item::Val(v) => Some(v),
            _ => None,
        })
        .collect();
    if roles.is_empty()
        || years.len() < 2
        || vals.len() != years.len() * roles.len()
        || !(roles.len() == 1 || adjacent)
    {
        return false;
    }
    let mut rec = Record {
        line,
        ..Record::default()
    };
    let mut vs = vals.iter();
    for y in &years {
        for r in &roles {
            if let Some(v) = vs.next() {
                rec.cells.push(cell(*r, Some(*y), v));
            }
        }
    }
    st.years = years;
    name_record(st, &mut rec, cands, true);
    push_record(st, rec);
    true
}

fn cell(role: Role, y: Option<Year>, v: &Val) -> Cell {
    Cell {
        role,
        period: v.own.or(y.map(|y| y.period)),
        qual: y.and_then(|y| y.qual),
        value: v.value,
        unit: v.unit.clone(),
        comparator: v.comparator,
    }
}

/// Rule 5: each run of values with the labels and years printed since the run before.
fn segments(st: &mut State, its: &[Item], cands: &[Candidate], line: usize) {
    let last_cell = its
        .iter()
        .rposition(|i| matches!(i, Item::Val(_) | Item::Label(_)));
    // How many labels of each role follow each position, for the year-grid rule.
    let mut labels_after: Vec<[u32; ROLES]> = vec![[0; ROLES]; its.len() + 1];
    for (k, i) in its.iter().enumerate().rev() {
        let mut counts = labels_after.get(k + 1).copied().unwrap_or([0; ROLES]);
        if let Item::Label(r) = i {
            if let Some(c) = counts.get_mut(role_index(*r)) {
                *c += 1;
            }
        }
        if let Some(slot) = labels_after.get_mut(k) {
            *slot = counts;
        }
    }
    let mut current: Option<Record> = None;
    let mut heads: Vec<&Item> = Vec::new();
    let mut k = 0;
    let mut first_record = true;
    while k < its.len() {
        let Some(item) = its.get(k) else { break };
        if !matches!(item, Item::Val(_)) {
            if let Item::Dir(d) = item {
                if let Some(c) = current.as_mut() {
                    if c.direction.is_none() {
                        c.direction = Some(*d);
                    }
                }
            }
            // A grade among a row's cells is its mark; one after the last cell, before text,
            // labels what follows (`B 水環境の保全`).
            // A grade right after its label (`評価 B`) is the row's wherever it stands.
            let labelled = k > 0 && matches!(its.get(k - 1), Some(Item::Label(Role::Grade)));
            let inside = labelled || last_cell.is_some_and(|l| l > k);
            if let (Item::Mark(m), true) = (item, inside) {
                if let Some(c) = current.as_mut() {
                    c.mark = Some(m.clone());
                }
            }
            heads.push(item);
            k += 1;
            continue;
        }
        let mut vals: Vec<&Val> = Vec::new();
        while let Some(Item::Val(v)) = its.get(k) {
            vals.push(v);
            k += 1;
        }
        let labels: Vec<Role> = heads
            .iter()
            .filter_map(|i| match i {
                Item::Label(r) if value_role(*r) => Some(*r),
                _ => None,
            })
            .collect();
        let seg_years = years_of(&heads.iter().map(|i| (*i).clone()).collect::<Vec<_>>());
        let pairs = descriptors(&heads);
        heads.clear();
        let n = vals.len();
        let mut row_under_header = false;
        // (role, year) of each value, or none when the counts do not fit.
        let cols: Option<Vec<(Role, Option<Year>)>> = if pairs.len() == n && n >= 2 {
            // Each year printed with its role (`3 年度 実績 … 6 年度 目標`).
            Some(pairs.iter().map(|(r, y)| (*r, Some(*y))).collect())
        } else if labels.len() >= 2 && labels.len() >= n {
            let ls = labels.get(labels.len() - n..).unwrap_or_default();
            match seg_years.len() {
                1 => Some(
                    ls.iter()
                        .map(|r| (*r, seg_years.first().copied()))
                        .collect(),
                ),
                m if m == n => Some(
                    ls.iter()
                        .zip(seg_years.iter())
                        .map(|(r, y)| (*r, Some(*y)))
                        .collect(),
                ),
                0 => Some(ls.iter().map(|r| (*r, None)).collect()),
                _ => None,
            }
        } else if let Some(role) = labels.last().copied() {
            if seg_years.len() >= 2 && seg_years.len() >= n {
                st.years = seg_years.clone();
                // A year grid after rows already read (`name 210 (R2) name 48 (R3) R4 R5 R6
                // 目標値 … 実績値 … 目標値 …`): as many groups as those rows are theirs, in order.
                let groups = 1 + labels_after
                    .get(k)
                    .and_then(|c| c.get(role_index(role)))
                    .map_or(0, |c| *c as usize);
                let named =
                    st.named + usize::from(current.as_ref().is_some_and(|c| c.name.is_some()));
                let unlisted = !st.listed_confirmed || st.next_listed >= st.listed.len();
                if unlisted && groups >= 2 && groups == named {
                    let earlier: Vec<(String, usize)> = st
                        .records
                        .iter()
                        .chain(current.iter())
                        .filter_map(|r| r.name.clone().map(|n| (n, r.line)))
                        .collect();
                    if let Some(done) = current.take() {
                        push_record(st, done);
                    }
                    st.listed = earlier;
                    st.next_listed = 0;
                    st.listed_confirmed = true;
                }
            }
            if seg_years.len() == 1 && n == 1 {
                Some(vec![(role, seg_years.first().copied())])
            } else if st.years.len() >= n && st.years.len() >= 2 {
                Some(st.years.iter().take(n).map(|y| (role, Some(*y))).collect())
            } else if n == 1 {
                Some(vec![(role, None)])
            } else {
                None
            }
        } else if labels.is_empty() && n >= 2 && seg_years.len() == n {
            // Years and as many values, no role printed: the years' own figures.
            row_under_header = true;
            Some(seg_years.iter().map(|y| (Role::Actual, Some(*y))).collect())
        } else if labels.is_empty() && n == 1 && vals.iter().all(|v| v.own.is_some()) {
            // `name 24%(令和5年度)` after `【目標値】name 850g以下(令和5年度)`: the list goes on
            // under the label before.
            st.list_role.map(|r| vec![(r, None)])
        } else if labels.is_empty() && n >= 2 && st.cols.len() == n {
            // A row of values under the header of (year, role) columns declared before.
            row_under_header = true;
            Some(st.cols.clone())
        } else {
            None
        };
        let Some(cols) = cols else { continue };
        st.list_role = match (labels.as_slice(), vals.as_slice()) {
            ([r], [v]) if v.own.is_some() => Some(*r),
            ([], [v]) if v.own.is_some() => st.list_role,
            _ => None,
        };
        if labels.len() >= 2 && cols.len() >= 2 && cols.iter().all(|(_, y)| y.is_some()) {
            st.cols = cols.clone();
        }
        // A role printed again for a year it has starts the next record.
        let again = row_under_header
            || current.as_ref().is_some_and(|c| {
                cols.iter()
                    .any(|(r, y)| c.has_cell(*r, y.map(|y| y.period)))
            });
        if again {
            if let Some(done) = current.take() {
                push_record(st, done);
            }
        }
        let rec = current.get_or_insert_with(|| Record {
            line: vals.first().map_or(line, |v| v.line),
            ..Record::default()
        });
        if rec.name.is_none() {
            let mut taken = std::mem::take(rec);
            name_record(st, &mut taken, cands, first_record);
            first_record = false;
            *rec = taken;
        }
        for ((r, y), v) in cols.iter().zip(vals) {
            rec.cells.push(cell(*r, *y, v));
        }
    }
    if let Some(done) = current {
        push_record(st, done);
    }
}

/// The (role, year) headings of a header that prints each year with its role, before or
/// after it: adjacent pairs, in order.
fn descriptors(heads: &[&Item]) -> Vec<(Role, Year)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < heads.len() {
        match (heads.get(k), heads.get(k + 1)) {
            (Some(Item::Year(y)), Some(Item::Label(r)))
            | (Some(Item::Label(r)), Some(Item::Year(y)))
                if value_role(*r) =>
            {
                out.push((*r, *y));
                k += 2;
            }
            _ => k += 1,
        }
    }
    out
}

/// Names a record: the first record of a window from the text before it when a candidate is
/// name-like enough, else the next listed name, else the best candidate.
fn name_record(st: &mut State, rec: &mut Record, cands: &[Candidate], first: bool) {
    if st.listed_confirmed && take_listed(st, rec) {
        return;
    }
    let best = if first {
        cands
            .iter()
            .enumerate()
            .max_by_key(|(k, c)| (c.score, *k))
            .map(|(_, c)| c)
    } else {
        None
    };
    // The nearest name is one of a list printed under a name head: the list's order wins.
    let listed = best.is_some_and(|c| st.listed.iter().any(|(n, _)| split_unit(n).0 == c.name));
    if let Some(c) = best.filter(|c| c.score >= 2 && !listed) {
        rec.name = Some(c.name.clone());
        rec.unit = c.unit.clone();
        rec.line = c.line;
        return;
    }
    if take_listed(st, rec) {
        return;
    }
    if let Some(c) = best.filter(|c| c.score >= 1) {
        rec.name = Some(c.name.clone());
        rec.unit = c.unit.clone();
        rec.line = c.line;
    }
}

/// Names a record by the next listed name, when one is left.
fn take_listed(st: &mut State, rec: &mut Record) -> bool {
    let Some((name, line)) = st.listed.get(st.next_listed).cloned() else {
        return false;
    };
    st.next_listed += 1;
    let (name, unit) = split_unit(&name);
    rec.name = Some(name);
    rec.unit = unit;
    rec.line = line;
    true
}

/// A name without its brackets and colons, for matching a name printed twice
/// (`面積:山林`, `面積(山林)`).
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '(' | ')' | ':' | '：' | ' '))
        .collect()
}

/// Adds a record, merged into one of the same name read before (a column read apart).
fn push_record(st: &mut State, rec: Record) {
    // One value with no year is no grid's record (a number in a sentence).
    let valued: Vec<&Cell> = rec.cells.iter().filter(|c| c.value.is_some()).collect();
    if valued.len() == 1 && valued.iter().all(|c| c.period.is_none()) {
        return;
    }
    if let Some(name) = rec.name.as_deref() {
        let found = st.by_name.get(&fold(name)).copied();
        if let Some(r) = found.and_then(|k| st.records.get_mut(k)) {
            r.cells.extend(rec.cells);
            if r.direction.is_none() {
                r.direction = rec.direction;
            }
            if r.unit.is_none() {
                r.unit = rec.unit;
            }
            if rec.mark.is_some() {
                r.mark = rec.mark;
            }
            return;
        }
    }
    let k = add_record(st, rec);
    st.window_records.push(k);
}

//! Tables read from their ruled lines: the cells a PDF draws, filled with the words inside
//! them, as rows of cells with their spans, the shape an HTML or Word table has.
//!
//! A ruled table is a set of horizontal and vertical [`Rule`]s that touch each other. Its
//! column boundaries are where its vertical rules stand (and its outer edges), its row
//! boundaries where its horizontal rules stand; a grid position is joined to its neighbour
//! when no rule separates them, so a cell spanning columns (`基準値` over `年度` and `値`) or
//! rows (`環境指標` beside two header rows) is one cell, as in the source table. Each word goes
//! into the cell its middle falls in; a cell's lines are joined without a space between
//! Japanese text (a name wrapped in its cell is one name) and with one between Latin words.
//! Spans follow the rule of [`super::super`]: the text in the first position, the positions it
//! covers empty.
//!
//! What is no table: a single box (a framed note), lines that close no grid of at least two
//! columns and two rows, a grid with no words in it (a chart's grid lines). A page of more
//! than [`MAX_RULES`] rules is not read for tables (a map). Positions within 3 points of
//! each other are one (a double border, `border-spacing`, a border drawn per cell).

use super::rules::Rule;
use super::words::Word;
use crate::extract::layout::tokens;

/// The most rules on a page read for tables.
pub const MAX_RULES: usize = 4_000;

/// Rule positions closer than this (points) are one boundary.
const NEAR: f64 = 3.0;

/// How far (points) a rule may stop short of another and still touch it.
const TOUCH: f64 = 2.0;

/// The most space (points) between two rules of one table ruled across only: a row of ten
/// lines of text.
const MAX_ROW: f64 = 150.0;

/// One table found on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The top of the table (points, y downwards).
    pub top: f64,
    /// The bottom of the table.
    pub bottom: f64,
    /// The left edge of the table.
    pub left: f64,
    /// The right edge of the table.
    pub right: f64,
    /// The top of each row in [`Table::rows`].
    pub row_tops: Vec<f64>,
    /// The rows, each of the same number of cells; a spanned cell's text in its first
    /// position, empty cells for the rest.
    pub rows: Vec<Vec<String>>,
    /// The indices of the page's words that are inside the table.
    pub words: Vec<usize>,
}

impl Table {
    /// Where the table stands in the reading order of its page: its top, or for a table drawn
    /// inside a cell of `others`, just above the row that holds it (as an HTML table inside a
    /// cell reads: its rows before the row holding it).
    pub fn place(&self, others: &[Table]) -> f64 {
        others
            .iter()
            .filter(|o| {
                o.top < self.top
                    && self.bottom <= o.bottom
                    && o.left <= self.left
                    && self.right <= o.right
            })
            .filter_map(|o| o.row_tops.iter().rev().find(|&&t| t <= self.top).copied())
            .fold(self.top, f64::min)
            - 0.001
    }
}

/// The ruled tables of a page, top to bottom.
pub fn tables(rules: &[Rule], words: &[Word]) -> Vec<Table> {
    if rules.len() > MAX_RULES {
        return Vec::new();
    }
    let mut sets = Sets::new(rules.len());
    for i in 0..rules.len() {
        for j in i + 1..rules.len() {
            if touch(&rules[i], &rules[j]) {
                sets.join(i, j);
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of = vec![usize::MAX; rules.len()];
    for i in 0..rules.len() {
        let root = sets.find(i);
        if group_of[root] == usize::MAX {
            group_of[root] = groups.len();
            groups.push(Vec::new());
        }
        groups[group_of[root]].push(i);
    }
    let mut grids: Vec<Grid> = Vec::new();
    // The horizontal rules of groups that close no grid: rows ruled across only.
    let mut across = Vec::new();
    for g in &groups {
        let rules: Vec<Rule> = g.iter().map(|&i| rules[i]).collect();
        match Grid::of(&rules) {
            Some(grid) => grids.push(grid),
            None => across.extend(rules.into_iter().filter(|r| r.horizontal)),
        }
    }
    // Rows ruled across below a grid (a header drawn as cells, a body of lines or shaded
    // rows) are that grid's rows, in its columns.
    // Grids drawn one under another across the same columns (shaded rows) are one table.
    grids.sort_by(|a, b| a.ys[0].total_cmp(&b.ys[0]));
    let mut stacked: Vec<Grid> = Vec::new();
    for g in grids {
        match stacked.iter_mut().rev().find(|s| s.continues(&g)) {
            Some(s) => s.absorb(g),
            None => stacked.push(g),
        }
    }
    let mut grids = stacked;
    // A table drawn inside another's cell is read first, so its words are its own.
    grids.sort_by(|a, b| a.area().total_cmp(&b.area()));
    let mut lines = joined(across);
    let tops: Vec<f64> = grids.iter().map(|g| g.ys[0]).collect();
    for grid in &mut grids {
        grid.extend(&mut lines, &tops);
    }
    let mut taken = vec![false; words.len()];
    let mut out: Vec<Table> = grids
        .iter_mut()
        .filter_map(|g| g.fill(words, &mut taken))
        .collect();
    for stack in stacks(lines) {
        let left = stack.iter().map(|r| r.from).fold(f64::INFINITY, f64::min);
        let right = stack.iter().map(|r| r.to).fold(f64::NEG_INFINITY, f64::max);
        let ys = positions(stack.iter().map(|r| r.at));
        if let Some(t) = ruled_across(&ys, left, right, words, &mut taken) {
            out.push(t);
        }
    }
    out.sort_by(|a, b| a.top.total_cmp(&b.top));
    out
}

/// Horizontal rules with the pieces on one line that meet end to end joined into one (a
/// border drawn cell by cell).
fn joined(mut h: Vec<Rule>) -> Vec<Rule> {
    h.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    let mut lines: Vec<Rule> = Vec::new();
    for r in h {
        match lines.last_mut() {
            Some(l) if (l.at - r.at).abs() <= 1.0 && r.from <= l.to + TOUCH => {
                l.to = l.to.max(r.to);
            }
            _ => lines.push(r),
        }
    }
    lines
}

/// Lines (joined, top to bottom) that rule the rows of one table: lines of the same extent
/// (within 3 points at each end) stacked at most [`MAX_ROW`] points apart, at least three of
/// them (two rows).
fn stacks(lines: Vec<Rule>) -> Vec<Vec<Rule>> {
    let mut stacks: Vec<Vec<Rule>> = Vec::new();
    for l in lines {
        let fits = stacks.iter_mut().rev().find(|s| {
            s.last().is_some_and(|last| {
                (last.from - l.from).abs() <= NEAR
                    && (last.to - l.to).abs() <= NEAR
                    && l.at - last.at <= MAX_ROW
            })
        });
        match fits {
            Some(s) => s.push(l),
            None => stacks.push(vec![l]),
        }
    }
    stacks.retain(|s| positions(s.iter().map(|r| r.at)).len() >= 3);
    stacks
}

/// A table whose rows are ruled across but whose columns are not (a table with horizontal
/// lines only, or rows shaded in turn): the rows from the rules `ys`, the columns where the
/// rows' words leave a gap all the way down. Only rows of the most common number of word
/// groups decide the gaps (a header word spanning two columns, a group row across the table
/// does not close one); a word goes into the column its middle is in.
fn ruled_across(
    ys: &[f64],
    left: f64,
    right: f64,
    words: &[Word],
    taken: &mut [bool],
) -> Option<Table> {
    let inside: Vec<usize> = (0..words.len())
        .filter(|&i| {
            let w = &words[i];
            !taken[i]
                && (left..=right).contains(&w.cx())
                && ys.first().is_some_and(|&t| w.cy() >= t)
                && ys.last().is_some_and(|&b| w.cy() <= b)
        })
        .collect();
    // Each row's word groups: words of a line closer than a character's width.
    let rows: Vec<Vec<(f64, f64)>> = ys
        .windows(2)
        .map(|band| {
            let in_row: Vec<&Word> = inside
                .iter()
                .map(|&i| &words[i])
                .filter(|w| w.cy() >= band[0] && w.cy() < band[1])
                .collect();
            groups_across(&in_row)
        })
        .collect();
    let mut counts: Vec<usize> = rows.iter().map(Vec::len).filter(|&n| n >= 2).collect();
    counts.sort_unstable();
    let mode = counts
        .chunk_by(|a, b| a == b)
        .max_by_key(|c| (c.len(), c.first().copied().unwrap_or(0)))
        .and_then(|c| c.first().copied())?;
    let mut covered: Vec<(f64, f64)> = rows
        .iter()
        .filter(|r| r.len() == mode)
        .flatten()
        .copied()
        .collect();
    covered.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut xs = vec![left];
    let mut reach = f64::NEG_INFINITY;
    for (x0, x1) in covered {
        if reach.is_finite() && x0 - reach >= 2.0 {
            xs.push((reach + x0) / 2.0);
        }
        reach = reach.max(x1);
    }
    xs.push(right);
    let xs = positions(xs.into_iter());
    if xs.len() < 3 {
        return None;
    }
    let nr = ys.len() - 1;
    let grid = Grid {
        xs,
        ys: ys.to_vec(),
        h: Vec::new(),
        v: Vec::new(),
        ruled: vec![false; ys.len() - 1],
    };
    debug_assert!(nr > 0);
    grid.fill(words, taken)
}

/// One line's words of a row in groups: words closer than the width of a character of theirs
/// are one group (a cell's words); each group as its left and right edges.
fn groups_across(words: &[&Word]) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for line in lines(words) {
        let mut line_groups: Vec<(f64, f64)> = Vec::new();
        for w in line {
            let em = w.em().unwrap_or(0.0);
            match line_groups.last_mut() {
                Some(g) if w.x0 - g.1 < em.max(1.0) => g.1 = g.1.max(w.x1),
                _ => line_groups.push((w.x0, w.x1)),
            }
        }
        out.extend(line_groups);
    }
    // Groups of several lines that overlap across are one (a cell wrapped over lines).
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f64, f64)> = Vec::new();
    for g in out {
        match merged.last_mut() {
            Some(m) if g.0 <= m.1 => m.1 = m.1.max(g.1),
            _ => merged.push(g),
        }
    }
    merged
}

/// True when two rules touch: a horizontal and a vertical one that cross or meet, or two
/// on one line that meet end to end.
fn touch(a: &Rule, b: &Rule) -> bool {
    if a.horizontal != b.horizontal {
        let (h, v) = if a.horizontal { (a, b) } else { (b, a) };
        v.at >= h.from - TOUCH
            && v.at <= h.to + TOUCH
            && h.at >= v.from - TOUCH
            && h.at <= v.to + TOUCH
    } else {
        (a.at - b.at).abs() <= 1.0 && a.from <= b.to + TOUCH && b.from <= a.to + TOUCH
    }
}

/// The grid one group of touching rules draws: its column and row boundaries, the rules, and
/// which of its rows the rules draw (rows added below by [`Grid::extend`] and
/// [`Grid::absorb`] are ruled across only, in the grid's columns).
#[derive(Debug, Clone)]
struct Grid {
    xs: Vec<f64>,
    ys: Vec<f64>,
    h: Vec<Rule>,
    v: Vec<Rule>,
    ruled: Vec<bool>,
}

impl Grid {
    /// The grid of a group of touching rules: at least two columns and one row.
    fn of(rules: &[Rule]) -> Option<Grid> {
        let (h, v): (Vec<Rule>, Vec<Rule>) = rules.iter().partition(|r| r.horizontal);
        if h.len() < 2 || v.len() < 2 {
            return None;
        }
        let left = h.iter().map(|r| r.from).fold(f64::INFINITY, f64::min);
        let right = h.iter().map(|r| r.to).fold(f64::NEG_INFINITY, f64::max);
        let top = v.iter().map(|r| r.from).fold(f64::INFINITY, f64::min);
        let bottom = v.iter().map(|r| r.to).fold(f64::NEG_INFINITY, f64::max);
        let xs = positions(v.iter().map(|r| r.at).chain([left, right]));
        let ys = positions(h.iter().map(|r| r.at).chain([top, bottom]));
        if xs.len() < 3 || ys.len() < 2 {
            return None;
        }
        let ruled = vec![true; ys.len() - 1];
        Some(Grid {
            xs,
            ys,
            h,
            v,
            ruled,
        })
    }

    /// Takes the lines below the grid that rule rows across its whole width (within 3 points
    /// at each end), each at most [`MAX_ROW`] points below the last, none past another grid's
    /// top (`tops`): rows of the same columns, as a table whose header is drawn as cells and
    /// whose body rows are separated by lines, or shaded in turn, reads. Lines taken are
    /// removed from `lines`.
    fn extend(&mut self, lines: &mut Vec<Rule>, tops: &[f64]) {
        let (Some(&left), Some(&right)) = (self.xs.first(), self.xs.last()) else {
            return;
        };
        loop {
            let Some(&bottom) = self.ys.last() else {
                return;
            };
            let next = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| {
                    (l.from - left).abs() <= NEAR
                        && (l.to - right).abs() <= NEAR
                        && l.at > bottom + NEAR
                        && l.at - bottom <= MAX_ROW
                        && !tops.iter().any(|&t| t > bottom + NEAR && t < l.at)
                })
                .min_by(|a, b| a.1.at.total_cmp(&b.1.at))
                .map(|(i, l)| (i, l.at));
            let Some((i, at)) = next else {
                return;
            };
            lines.remove(i);
            // Lines drawn just above the grid's bottom (a double rule) are not rows.
            lines
                .retain(|l| !(l.at <= at + NEAR && l.at > bottom && (l.from - left).abs() <= NEAR));
            self.ys.push(at);
            self.ruled.push(false);
        }
    }

    /// Takes in a grid drawn below this one across the same width, at most [`MAX_ROW`] points
    /// below (rows shaded in turn, each shaded row drawn as cells of its own): its rows, and
    /// the unshaded row between as a row ruled across only.
    fn absorb(&mut self, below: Grid) {
        let (Some(&bottom), Some(&top)) = (self.ys.last(), below.ys.first()) else {
            return;
        };
        if top - bottom > NEAR {
            self.ys.push(top);
            self.ruled.push(false);
        }
        self.ys.extend(below.ys.iter().skip(1));
        self.ruled.extend(below.ruled);
        self.h.extend(below.h);
        self.v.extend(below.v);
    }

    /// True when `below` stands under this grid across the same width and columns, close
    /// enough to be the same table's next rows.
    fn continues(&self, below: &Grid) -> bool {
        let (Some(&bottom), Some(&top)) = (self.ys.last(), below.ys.first()) else {
            return false;
        };
        self.xs.len() == below.xs.len()
            && self
                .xs
                .iter()
                .zip(&below.xs)
                .all(|(a, b)| (a - b).abs() <= NEAR)
            && top >= bottom - NEAR
            && top - bottom <= MAX_ROW
    }

    /// The grid with its rows that no vertical rule crosses, inside a grid whose columns other
    /// rows draw, read as rows ruled across only (a body of dotted lines under a header of
    /// cells, inside a frame that touches both), when their words stand in three columns or
    /// more; a row of fewer (a title across the table) stays one cell.
    fn open_rows(&self, words: &[Word], taken: &[bool]) -> Grid {
        let mut grid = self.clone();
        let nc = self.xs.len().saturating_sub(1);
        for (r, band) in self.ys.windows(2).enumerate() {
            if !self.ruled.get(r).copied().unwrap_or(false) {
                continue;
            }
            let mid = (band[0] + band[1]) / 2.0;
            let crossed = self
                .xs
                .iter()
                .take(nc)
                .skip(1)
                .any(|&x| crosses(&self.v, x, mid));
            if crossed {
                continue;
            }
            let mut columns: Vec<usize> = words
                .iter()
                .zip(taken)
                .filter(|(w, t)| !**t && w.cy() >= band[0] && w.cy() < band[1])
                .filter(|(w, _)| w.cx() >= self.xs[0] && w.cx() <= self.xs[nc])
                .map(|(w, _)| self.xs.partition_point(|&b| b <= w.cx()).clamp(1, nc) - 1)
                .collect();
            columns.sort_unstable();
            columns.dedup();
            if columns.len() >= 3 {
                if let Some(flag) = grid.ruled.get_mut(r) {
                    *flag = false;
                }
            }
        }
        grid
    }

    /// The grid's area, in square points.
    fn area(&self) -> f64 {
        match (
            self.xs.first(),
            self.xs.last(),
            self.ys.first(),
            self.ys.last(),
        ) {
            (Some(l), Some(r), Some(t), Some(b)) => (r - l) * (b - t),
            _ => 0.0,
        }
    }

    /// The grid positions joined into cells where no rule separates them; rows below the
    /// ruled ones are separated at every column boundary.
    fn cells(&self) -> Sets {
        let (nr, nc) = (self.ys.len() - 1, self.xs.len() - 1);
        let mut sets = Sets::new(nr * nc);
        // A wall between two grid positions: a rule at their boundary across the middle of
        // the other direction's span.
        let ruled = |r: usize| self.ruled.get(r).copied().unwrap_or(false);
        for (r, row) in self.ys.windows(2).enumerate() {
            if !ruled(r) {
                continue;
            }
            let mid = (row[0] + row[1]) / 2.0;
            for (c, &x) in self.xs.iter().enumerate().take(nc).skip(1) {
                if !crosses(&self.v, x, mid) {
                    sets.join(r * nc + c - 1, r * nc + c);
                }
            }
        }
        for (c, col) in self.xs.windows(2).enumerate() {
            let mid = (col[0] + col[1]) / 2.0;
            for (r, &y) in self.ys.iter().enumerate().take(nr).skip(1) {
                if ruled(r - 1) && ruled(r) && !crosses(&self.h, y, mid) {
                    sets.join((r - 1) * nc + c, r * nc + c);
                }
            }
        }
        sets
    }

    /// The grid's table: each word not yet `taken` goes into the cell its middle is in.
    /// `None` when words fill fewer than two rows or two columns.
    fn fill(&self, words: &[Word], taken: &mut [bool]) -> Option<Table> {
        let (ys, xs) = (&self.ys[..], &self.xs[..]);
        let (nr, nc) = (ys.len().checked_sub(1)?, xs.len().checked_sub(1)?);
        if nr == 0 || nc == 0 {
            return None;
        }
        let mut sets = self.open_rows(words, taken).cells();
        let sets = &mut sets;
        // Each cell's words.
        let mut cell_words: Vec<Vec<usize>> = vec![Vec::new(); nr * nc];
        let mut inside = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let (x, y) = (w.cx(), w.cy());
            if taken[i] || x < xs[0] || x > xs[nc] || y < ys[0] || y > ys[nr] {
                continue;
            }
            let r = ys.partition_point(|&b| b <= y).clamp(1, nr) - 1;
            let c = xs.partition_point(|&b| b <= x).clamp(1, nc) - 1;
            cell_words[sets.find(r * nc + c)].push(i);
            inside.push(i);
        }
        // A grid with words in fewer than two rows or two columns is no table of values.
        let filled: Vec<usize> = (0..nr * nc)
            .filter(|&p| sets.find(p) == p && !cell_words[p].is_empty())
            .collect();
        let distinct = |f: &dyn Fn(usize) -> usize| {
            let mut v: Vec<usize> = filled.iter().map(|&p| f(p)).collect();
            v.sort_unstable();
            v.dedup();
            v.len()
        };
        if distinct(&|p| p / nc) < 2 || distinct(&|p| p % nc) < 2 {
            return None;
        }
        // A cell's root is its smallest grid position, its top left: where its text goes.
        let mut rows = vec![vec![String::new(); nc]; nr];
        for &p in &filled {
            let cell: Vec<&Word> = cell_words[p].iter().map(|&i| &words[i]).collect();
            rows[p / nc][p % nc] = cell_text(&cell);
        }
        // Grid lines that cut no cell of their own (a double border) leave empty rows and
        // columns: not the table's.
        let keep_cols: Vec<bool> = (0..nc)
            .map(|c| rows.iter().any(|r| !r[c].is_empty()))
            .collect();
        let (row_tops, rows): (Vec<f64>, Vec<Vec<String>>) = rows
            .into_iter()
            .zip(ys)
            .filter(|(r, _)| r.iter().any(|c| !c.is_empty()))
            .map(|(r, &top)| {
                (
                    top,
                    r.into_iter()
                        .zip(&keep_cols)
                        .filter(|(_, k)| **k)
                        .map(|(c, _)| c)
                        .collect(),
                )
            })
            .unzip();
        for &i in &inside {
            taken[i] = true;
        }
        Some(Table {
            top: ys[0],
            bottom: ys[nr],
            left: xs[0],
            right: xs[nc],
            row_tops,
            rows,
            words: inside,
        })
    }
}

/// True when one of `rules` stands at `at` and runs across `mid`: a wall between the two grid
/// positions on either side of `at`, at the middle `mid` of their span the other way.
fn crosses(rules: &[Rule], at: f64, mid: f64) -> bool {
    rules
        .iter()
        .any(|w| (w.at - at).abs() <= NEAR && w.from - TOUCH <= mid && mid <= w.to + TOUCH)
}

/// Positions sorted, those within [`NEAR`] of the one before joined into their mean.
fn positions(at: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut v: Vec<f64> = at.filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, f64, usize)> = Vec::new(); // (last, sum, count)
    for x in v {
        match out.last_mut() {
            Some((last, sum, n)) if x - *last <= NEAR => {
                *last = x;
                *sum += x;
                *n += 1;
            }
            _ => out.push((x, x, 1)),
        }
    }
    out.into_iter().map(|(_, s, n)| s / n as f64).collect()
}

/// The text of the words in one cell: its lines top to bottom, each left to right.
pub fn cell_text(words: &[&Word]) -> String {
    let mut out = String::new();
    for line in lines(words) {
        let text = line_text(&line, None);
        let joins_latin = out
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && text
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if joins_latin {
            out.push(' ');
        }
        out.push_str(&text);
    }
    out
}

/// Words grouped into lines, top to bottom, each line left to right: a word is on a line when
/// its middle is within a quarter of the taller one's height of the line's.
pub fn lines<'a>(words: &[&'a Word]) -> Vec<Vec<&'a Word>> {
    let mut sorted: Vec<&Word> = words.to_vec();
    sorted.sort_by(|a, b| a.cy().total_cmp(&b.cy()).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<(f64, f64, Vec<&Word>)> = Vec::new(); // (middle, height, words)
    for w in sorted {
        match out.last_mut() {
            Some((cy, h, line)) if (w.cy() - *cy).abs() <= 0.25 * h.max(w.height()) => {
                line.push(w);
            }
            _ => out.push((w.cy(), w.height(), vec![w])),
        }
    }
    out.into_iter()
        .map(|(_, _, mut line)| {
            line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            line
        })
        .collect()
}

/// One line's words joined: nothing between words that touch, one space between words apart.
/// With `columns` (the page's left edge and half the width of a Japanese character), each word
/// is placed at the column its position gives, as `pdftotext -layout` places it, so columns of
/// text outside ruled tables keep their alignment.
pub fn line_text(line: &[&Word], columns: Option<(f64, f64)>) -> String {
    let mut out = String::new();
    let mut width = 0usize;
    let mut prev: Option<&Word> = None;
    for w in line {
        if let Some(p) = prev {
            let gap = w.x0 - p.x1;
            let mut spaces = usize::from(gap >= 0.5);
            if let Some((left, half)) = columns {
                if half > 0.0 {
                    if gap >= 4.0 * half {
                        spaces = 2;
                    }
                    let col = ((w.x0 - left) / half).round().max(0.0) as usize;
                    spaces = spaces.max(col.saturating_sub(width)).min(400);
                }
            }
            for _ in 0..spaces {
                out.push(' ');
            }
            width += spaces;
        }
        out.push_str(&w.text);
        width += w.text.chars().map(tokens::width).sum::<usize>();
        prev = Some(w);
    }
    out
}

/// Disjoint sets over `0..n`, for joining rules into tables and grid positions into cells.
struct Sets(Vec<usize>);

impl Sets {
    fn new(n: usize) -> Self {
        Sets((0..n).collect())
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(at: f64, from: f64, to: f64) -> Rule {
        Rule {
            horizontal: true,
            at,
            from,
            to,
        }
    }
    fn v(at: f64, from: f64, to: f64) -> Rule {
        Rule {
            horizontal: false,
            at,
            from,
            to,
        }
    }
    fn w(x0: f64, y: f64, text: &str) -> Word {
        let width = text.chars().map(tokens::width).sum::<usize>() as f64 * 5.0;
        Word {
            x0,
            y0: y - 6.0,
            x1: x0 + width,
            y1: y + 6.0,
            text: text.to_owned(),
        }
    }

    /// A table of two header rows: 指標 and 単位 span both; 基準 spans 年度 and 値.
    ///
    /// ```text
    /// 0   100  140        240
    /// | 指標 | 単位 |   基準    |  10
    /// |      |      | 年度 | 値 |  30
    /// | 人口 | 人   | R1   | 95 |  50
    /// | 面積 | ha   | R2   | 12 |  70
    /// ```
    fn two_header_rows() -> (Vec<Rule>, Vec<Word>) {
        let rules = vec![
            h(0.0, 0.0, 240.0),
            h(20.0, 140.0, 240.0),
            h(40.0, 0.0, 240.0),
            h(60.0, 0.0, 240.0),
            h(80.0, 0.0, 240.0),
            v(0.0, 0.0, 80.0),
            v(100.0, 0.0, 80.0),
            v(140.0, 0.0, 80.0),
            v(190.0, 20.0, 80.0),
            v(240.0, 0.0, 80.0),
        ];
        let words = vec![
            w(10.0, 20.0, "指標"),
            w(110.0, 20.0, "単位"),
            w(170.0, 10.0, "基準"),
            w(150.0, 30.0, "年度"),
            w(200.0, 30.0, "値"),
            w(10.0, 50.0, "人口"),
            w(110.0, 50.0, "人"),
            w(150.0, 50.0, "R1"),
            w(200.0, 50.0, "95"),
            w(10.0, 70.0, "面積"),
            w(110.0, 70.0, "ha"),
            w(150.0, 70.0, "R2"),
            w(200.0, 70.0, "12"),
            w(10.0, 120.0, "※注"),
        ];
        (rules, words)
    }

    #[test]
    fn a_ruled_table_reads_as_rows_of_cells_with_its_spans() {
        let (rules, words) = two_header_rows();
        let t = tables(&rules, &words);
        assert_eq!(t.len(), 1);
        let rows: Vec<Vec<&str>> = t[0]
            .rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(
            rows,
            vec![
                vec!["指標", "単位", "基準", ""],
                vec!["", "", "年度", "値"],
                vec!["人口", "人", "R1", "95"],
                vec!["面積", "ha", "R2", "12"],
            ]
        );
        assert_eq!((t[0].top, t[0].bottom), (0.0, 80.0));
        assert_eq!(t[0].words.len(), 13, "the note below is no cell");
    }

    #[test]
    fn double_borders_are_one_boundary_and_open_sides_are_closed() {
        // Each cell drawn with its own border 2 pt from its neighbour's; no left or right
        // edge (a table ruled only inside).
        let rules = vec![
            h(0.0, 0.0, 100.0),
            h(2.0, 0.0, 100.0),
            h(20.0, 0.0, 100.0),
            h(22.0, 0.0, 100.0),
            h(40.0, 0.0, 100.0),
            v(50.0, 0.0, 40.0),
            v(52.0, 0.0, 40.0),
        ];
        let words = vec![
            w(5.0, 11.0, "名"),
            w(60.0, 11.0, "値"),
            w(5.0, 31.0, "甲"),
            w(60.0, 31.0, "3"),
        ];
        let t = tables(&rules, &words);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows, vec![vec!["名", "値"], vec!["甲", "3"]]);
    }

    #[test]
    fn rows_ruled_across_below_a_header_of_cells_are_rows_in_its_columns() {
        // A header drawn as cells (shaded, or boxed), the body separated by lines across.
        let mut rules = vec![h(0.0, 0.0, 150.0), h(20.0, 0.0, 150.0)];
        rules.extend([v(0.0, 0.0, 20.0), v(100.0, 0.0, 20.0), v(150.0, 0.0, 20.0)]);
        rules.extend([h(40.0, 0.0, 150.0), h(60.0, 0.0, 150.0)]);
        let words = vec![
            w(5.0, 10.0, "指標"),
            w(105.0, 10.0, "値"),
            w(5.0, 30.0, "人口"),
            w(105.0, 30.0, "95"),
            w(5.0, 50.0, "面積"),
            w(105.0, 50.0, "12"),
        ];
        let t = tables(&rules, &words);
        assert_eq!(t.len(), 1);
        assert_eq!(
            t[0].rows,
            vec![vec!["指標", "値"], vec!["人口", "95"], vec!["面積", "12"]]
        );
    }

    #[test]
    fn a_table_ruled_across_only_takes_its_columns_from_the_gaps_between_words() {
        let rules = vec![
            h(0.0, 0.0, 200.0),
            h(20.0, 0.0, 120.0),
            h(20.0, 120.0, 200.0),
            h(40.0, 0.0, 200.0),
            h(60.0, 0.0, 200.0),
        ];
        let words = vec![
            w(5.0, 10.0, "指標名"),
            w(130.0, 10.0, "目標値"),
            w(5.0, 30.0, "市民の満足度"),
            w(150.0, 30.0, "80"),
            w(5.0, 50.0, "参加者数"),
            w(140.0, 50.0, "1,200"),
            w(5.0, 90.0, "※注"),
        ];
        let t = tables(&rules, &words);
        assert_eq!(t.len(), 1);
        assert_eq!(
            t[0].rows,
            vec![
                vec!["指標名", "目標値"],
                vec!["市民の満足度", "80"],
                vec!["参加者数", "1,200"]
            ]
        );
        // Lines far apart, or of different widths, rule no table.
        let apart = vec![
            h(0.0, 0.0, 200.0),
            h(200.0, 0.0, 200.0),
            h(400.0, 0.0, 200.0),
        ];
        assert!(tables(&apart, &words).is_empty());
    }

    #[test]
    fn rows_shaded_in_turn_are_one_table_with_the_unshaded_rows_between() {
        // Each shaded cell's edges (a header at 0-20, shaded rows at 40-60 and 80-100); the
        // rows at 20-40 and 60-80 are not drawn at all.
        let cell = |x0: f64, x1: f64, y0: f64, y1: f64| {
            vec![h(y0, x0, x1), h(y1, x0, x1), v(x0, y0, y1), v(x1, y0, y1)]
        };
        let mut rules = Vec::new();
        for (y0, y1) in [(0.0, 20.0), (40.0, 60.0), (80.0, 100.0)] {
            rules.extend(cell(0.0, 100.0, y0, y1));
            rules.extend(cell(100.0, 150.0, y0, y1));
        }
        let words: Vec<Word> = [
            ("指標", "値"),
            ("甲", "1"),
            ("乙", "2"),
            ("丙", "3"),
            ("丁", "4"),
        ]
        .iter()
        .enumerate()
        .flat_map(|(i, (a, b))| {
            let y = 10.0 + 20.0 * i as f64;
            [w(5.0, y, a), w(105.0, y, b)]
        })
        .collect();
        let t = tables(&rules, &words);
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(
            t[0].rows,
            vec![
                vec!["指標", "値"],
                vec!["甲", "1"],
                vec!["乙", "2"],
                vec!["丙", "3"],
                vec!["丁", "4"]
            ]
        );
    }

    #[test]
    fn rows_no_vertical_rule_crosses_in_a_framed_grid_take_its_columns() {
        // A frame around a header of three cells; the body rows are lines across the frame.
        let mut rules = vec![h(0.0, 0.0, 150.0), h(20.0, 0.0, 150.0), h(40.0, 0.0, 150.0)];
        rules.extend([h(60.0, 0.0, 150.0), v(0.0, 0.0, 60.0), v(150.0, 0.0, 60.0)]);
        rules.extend([v(60.0, 0.0, 20.0), v(100.0, 0.0, 20.0)]);
        let words = vec![
            w(5.0, 10.0, "指標"),
            w(65.0, 10.0, "目標"),
            w(105.0, 10.0, "実績"),
            w(5.0, 30.0, "人口"),
            w(65.0, 30.0, "95"),
            w(105.0, 30.0, "90"),
            w(5.0, 50.0, "基本目標2の指標"),
        ];
        let t = tables(&rules, &words);
        assert_eq!(t.len(), 1);
        assert_eq!(
            t[0].rows,
            vec![
                vec!["指標", "目標", "実績"],
                vec!["人口", "95", "90"],
                // A row of one title across the table stays one cell.
                vec!["基本目標2の指標", "", ""],
            ]
        );
    }

    #[test]
    fn a_box_a_lone_line_and_an_empty_grid_are_no_tables() {
        let frame = vec![
            h(0.0, 0.0, 100.0),
            h(30.0, 0.0, 100.0),
            v(0.0, 0.0, 30.0),
            v(100.0, 0.0, 30.0),
        ];
        assert!(tables(&frame, &[w(5.0, 15.0, "※注意")]).is_empty());
        assert!(tables(&[h(0.0, 0.0, 100.0)], &[]).is_empty());
        let (rules, _) = two_header_rows();
        assert!(tables(&rules, &[]).is_empty());
    }

    #[test]
    fn a_cell_of_several_lines_joins_japanese_without_a_space_and_latin_with_one() {
        let a = w(0.0, 10.0, "住宅用太陽光発電設備の");
        let b = w(0.0, 24.0, "設置件数");
        let c = w(0.0, 38.0, "CO2");
        let d = w(0.0, 52.0, "t");
        assert_eq!(cell_text(&[&b, &a]), "住宅用太陽光発電設備の設置件数");
        assert_eq!(cell_text(&[&c, &d]), "CO2 t");
        let x = w(0.0, 10.0, "250");
        let y = Word {
            x0: x.x1 + 2.0,
            x1: x.x1 + 22.0,
            ..w(0.0, 10.0, "以下")
        };
        assert_eq!(cell_text(&[&y, &x]), "250 以下");
    }

    #[test]
    fn text_outside_tables_keeps_its_columns() {
        let a = w(0.0, 10.0, "指標");
        let b = w(100.0, 10.0, "12");
        assert_eq!(
            line_text(&[&a, &b], Some((0.0, 5.0))),
            format!("指標{}12", " ".repeat(16))
        );
        assert_eq!(line_text(&[&a, &b], None), "指標 12");
    }
}

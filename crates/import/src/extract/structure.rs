//! The node tree of a plan, read from the numbering its headings use.
//!
//! Japanese plans number their levels with a handful of label styles — `第1章`, `Ⅰ`, `1`,
//! `1.`, `1-1`, `(1)`/`⑴`, `①`, `ア`, `(ア)`, `【1】`, word labels such as `基本目標1` or
//! `施策1-1`, symbols (`◆`, `○`, `■`, `▼` …) and bracketed headings (`【…】`, `〔…〕`) — but
//! every government nests them in its own order. So no style has a fixed rank: the level of a
//! style is the order in which styles open, kept as a stack of the headings on the current
//! path. A heading whose style is already on the stack closes everything below it and becomes
//! a sibling there; a new style opens a level below the current heading. On top of that:
//!
//! - **Numbers decide between equal styles.** A label that continues the numbering of a level
//!   (`2` after `1`) goes there, even when the same style is open at two depths. A list that
//!   restarts at `1` where the last was `m > 1` restarts at the same level (a template repeated
//!   per unprinted unit, as in a plan that prints `1 現状と課題 … 4 取組目標` once per project).
//!   When a later label continues an *earlier* run (`2 数値目標` after `1 施策展開の基本方向`,
//!   `1 …`, …, `5 …`), the run printed in between was nested: it is moved under the label that
//!   began it (bounded look-back, so this stays linear).
//! - **A heading printed twice is one node.** When an overview lists headings that a later
//!   chapter prints again with their text, the chapter's heading is merged into the overview's
//!   node of the same style, label and title (`fold_printed_name` form): for the first heading of a
//!   repeat only when the earlier node is an overview entry — it has children and they are bare
//!   titles (no body, no children), unlike a `〔…〕` printed over two sections' own measures —
//!   then for its siblings and children while the repeat goes on. Body text is appended.
//! - **Table rows are not headings**, except in a table whose first cells carry labelled items
//!   and no cell holds a value (a revision list, a project table). There a cell is split into
//!   items at every symbol (`◆ … 新 ○ … ○ …`), each with the revision word printed before it;
//!   the row's other cells are the body of the row's first item (in a project table the `▼`
//!   lines of the first cell become the project's children; its entries, in the other cells,
//!   stay body for the progress recogniser). A table of values (numbers, `—`, period headers,
//!   現状/目標 columns) is left to the other recognisers.
//! - **Body text** (paragraphs, `- ` and `・`/`▽`/`●` bullets, captions) belongs to the innermost
//!   heading above it, joined with newlines. Headings whose title names a part of a node rather
//!   than a node — `〔現 状〕`, `■ 現状と課題`, `【取組内容】`, `【工程表】`, `■ 数値目標`
//!   (`lexicon::GENERIC_HEADINGS`) — stay in the body and open a *body block*: until the next numbered heading,
//!   unnumbered headings (symbols, `【…】` topics) are body too. A numbered heading with such a
//!   title (`1 現状と課題`) is a node but opens a body block as well. A symbol line that is a `- `
//!   list item or a sentence (ends with `。`, or is long) is body, and so is every line led by
//!   `・`, `▽`, `●`, `※`: those mark the detail under a node, not a level (a plan that lists
//!   each measure's actions as `▽` lines under it, or as `- ・` items under a `■` measure). Numbered items (`- ① …` too) are always nodes: numbering
//!   is how a document says "this is a level".
//! - **Revision markers**: `新`/`新規`/`追加` → `new`; `修正`/`変更`/`改訂`/`拡充` → `modified`,
//!   with `(旧:…)` as the old title; `(再掲)`, `[再掲…]`, `〔再掲…〕` → `relisted` (only when no
//!   other marker), linked (`relisted`) to the earlier node of the same title if there is one.
//! - **Kinds**: a word label names its level (`基本目標1` → `基本目標`); a table's header cell
//!   names its rows (`プロジェクト`); a bracketed sub-block heading that names items
//!   (`【取組内容】`) names the numbered items after it; prose `N(つ)の<語>` names the one level
//!   with exactly N nodes (`5つの基本方向` → the level of five). Siblings of one style share
//!   the kind of the first.
//! - **Links** (`対応・関連する「…プロジェクト」`): the lines after such a header are names of
//!   nodes of the quoted kind; the first correspond (`corresponds`), after a `関連` word or line
//!   they are `related`. They link from the outermost heading opened since the previous links
//!   block (a growth field whose measures precede the block, or the one measure in a block of
//!   its own) to the node of that name, created (kind from the header, no parent) if the
//!   document has none.
//! - **Title and period**: read by [`super::title`]; the title line is not a node.
//!
//! PDF-to-text sometimes glues headings with `**` (`(6) …**【取組内容】****① …**`): such a line
//! is split where a piece starts with a label. HTML tags left by the conversion are dropped.
//!
//! Guarantees: never panics (no unchecked indexing or slicing), linear time (bounded look-back,
//! hash maps for merges and names, depth capped at `MAX_DEPTH`); ids `n1`, `n2`, … follow
//! document order, and every node's `line` is where its heading is first printed, so
//! [`super::node_at`] finds the node a line belongs to.

use std::collections::HashMap;

use shinchoku_core::era::parse_period;
use shinchoku_core::quantity::parse_quantity;
use shinchoku_core::text::{collapse_spaces, drop_note_marks, fold_printed_name};

use super::lexicon;
use super::model::{Extraction, LinkOut, NodeOut};
use super::scan::{self, clean_text};
use super::text::{Doc, Line};

/// The deepest nesting kept; a deeper new style replaces the innermost level instead.
const MAX_DEPTH: usize = 32;
/// How far back a run that continues an earlier one is looked for.
const LOOK_BACK: usize = 256;
/// How many earlier printings of one heading are kept as targets for merging a repeat.
const MERGE_CANDIDATES: usize = 4;
/// A symbol heading longer than this is a sentence with a bullet, not a heading.
const MAX_SYMBOL_TITLE: usize = 60;
/// The longest title, in characters, tested for a generic heading: the longest of
/// `lexicon::GENERIC_HEADINGS` is 13, and a PDF conversion may space a heading out
/// (`〔現　　状〕`).
const GENERIC_TITLE_MAX_CHARS: usize = 40;
/// The longest line, in characters, tested for a links header (`対応・関連する「…」`, at most 40
/// once its spaces are dropped): the cheap test before the line is folded.
const LINKS_LINE_MAX_CHARS: usize = 80;
/// A line that opens with a heading label and runs on longer than this (in characters) is a
/// paragraph run on after its heading (a PDF's page flattened into one line): only the label
/// and the first word after it are the heading.
const RUN_ON_HEADING_CHARS: usize = 200;

/// Symbols that head items of a level of their own. `●`, `・`, `▽`, `※`, `▶` and the like are
/// bullets of body text.
pub(super) const STRONG: &[char] = &['◆', '◇', '■', '□', '○', '〇', '◯', '◎', '▼', '★', '☆', '▲'];

/// Characters a numbered heading's title cannot start with (`2 %`, `3 ~ 5`).
const BAD_TITLE_START: &str = ".,:;~～-%/)";

/// Katakana list labels in order.
const GOJUON: &str =
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";

/// Adds the node tree, links and (through [`super::title`]) the document's title to `ex`.
pub fn recognize(doc: &Doc, ex: &mut Extraction) {
    let title_lines = super::title::recognize(doc, ex);
    let blocks = analyse_blocks(doc);
    let mut b = Builder::new(ex.nodes.len());
    let mut block_iter = blocks.iter().peekable();
    for (i, line) in doc.lines.iter().enumerate() {
        if title_lines.contains(&i) || line.is_blank() {
            continue;
        }
        while block_iter.peek().is_some_and(|blk| blk.end <= i) {
            block_iter.next();
        }
        let block = block_iter.peek().filter(|blk| blk.start <= i);
        if line.is_row() {
            b.end_links();
            let Some(block) = block else { continue };
            if block.data {
                continue;
            }
            let filled: Vec<&String> = line.cells.iter().filter(|c| !c.is_empty()).collect();
            if filled.len() >= 2 {
                b.row(line, block.header_kind.as_deref());
                continue;
            }
            if let Some(cell) = filled.first() {
                b.plain(cell, line.no);
            }
            continue;
        }
        b.plain(&line.text, line.no);
    }
    b.finish(ex);
}

// ---------------------------------------------------------------------------------------------
// Reading one heading
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    New,
    Modified,
    Relisted,
}

impl Marker {
    fn as_str(self) -> &'static str {
        match self {
            Marker::New => "new",
            Marker::Modified => "modified",
            Marker::Relisted => "relisted",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeadKind {
    /// A numbered label: `1`, `(1)`, `①`, `ア`, `第1章`, `基本目標1` …
    Numbered,
    /// A symbol: `◆`, `○`, `■` …
    Symbol,
    /// A line that is one bracketed title: `【…】`, `〔…〕`.
    Bracket,
}

/// A label read at the start of a line.
#[derive(Debug, Clone)]
struct Label<'a> {
    kind: HeadKind,
    /// The style: which labels are of one level (`(N)` for `(1)` and `⑴`).
    style: String,
    number: Option<u32>,
    /// As printed (`(1)`, `①`, `基本目標1`), none for bracketed titles.
    label: Option<String>,
    /// The kind a word label names (`基本目標`).
    named_kind: Option<String>,
    /// The text after the label.
    rest: &'a str,
}

/// One heading (a line may hold several: `◆ … 新 ○ … ○ …`).
#[derive(Debug, Clone)]
struct Head {
    kind: HeadKind,
    style: String,
    number: Option<u32>,
    label: Option<String>,
    named_kind: Option<String>,
    title: String,
    marker: Option<Marker>,
    old_title: Option<String>,
    /// The line was a `- ` list item.
    dashed: bool,
}

/// Reads the headings a line (or table cell) starts with; empty when it starts with none.
fn parse_heads(text: &str) -> Vec<Head> {
    let (dashed, s) = strip_dash(text);
    let (prefix, label) = match heading_label(s) {
        Some(l) => (None, l),
        None => {
            let (m, rest) = strip_marker(s);
            let Some(m) = m else { return Vec::new() };
            match heading_label(rest) {
                Some(l) if l.kind != HeadKind::Bracket => (Some(m), l),
                _ => return Vec::new(),
            }
        }
    };
    if label.kind == HeadKind::Bracket {
        let (title, _, _) = clean_title(label.rest);
        // `- 〔再掲:産業編 P49〕` is a note on the item above, not a heading.
        if title.is_empty() || dashed || title.starts_with("再掲") || title.starts_with('旧') {
            return Vec::new();
        }
        return vec![Head {
            kind: HeadKind::Bracket,
            style: label.style,
            number: None,
            label: None,
            named_kind: None,
            title,
            marker: None,
            old_title: None,
            dashed,
        }];
    }
    let pieces = split_items(label.rest);
    let mut heads = Vec::with_capacity(pieces.len());
    for (n, piece) in pieces.into_iter().enumerate() {
        let (title, suffix, old_title) = clean_title(piece.text);
        if title.is_empty() {
            if n == 0 {
                return Vec::new();
            }
            continue;
        }
        let prefix = if n == 0 { prefix } else { piece.marker };
        let marker = if old_title.is_some() {
            Some(Marker::Modified)
        } else {
            prefix.or(suffix)
        };
        let head = match (n, piece.symbol) {
            (0, _) | (_, None) => Head {
                kind: label.kind,
                style: label.style.clone(),
                number: label.number,
                label: label.label.clone(),
                named_kind: label.named_kind.clone(),
                title,
                marker,
                old_title,
                dashed,
            },
            (_, Some(sym)) => Head {
                kind: HeadKind::Symbol,
                style: symbol_style(sym),
                number: None,
                label: Some(sym.to_string()),
                named_kind: None,
                title,
                marker,
                old_title,
                dashed,
            },
        };
        heads.push(head);
    }
    heads
}

/// True when a line (or cell) starts with a heading label (`1 …`, `(1) …`, `第1章 …`).
pub(super) fn starts_with_heading(text: &str) -> bool {
    !parse_heads(text).is_empty()
}

/// Splits off a leading `- ` list mark (how PDF-to-text writes list items).
pub(super) fn strip_dash(s: &str) -> (bool, &str) {
    let t = s.trim_start();
    for p in ["- ", "‐ ", "– ", "− "] {
        if let Some(r) = t.strip_prefix(p) {
            return (true, r.trim_start());
        }
    }
    (false, t)
}

/// A revision word at the start (`新 `, `修正 `, `【新規】`), and what follows it.
fn strip_marker(s: &str) -> (Option<Marker>, &str) {
    let mut chars = s.chars();
    if let Some(open) = chars.next() {
        if let Some(close) = closer(open) {
            let inner_start = open.len_utf8();
            if let Some(end) = s.get(inner_start..).and_then(|r| r.find(close)) {
                let inner = s.get(inner_start..inner_start + end).unwrap_or("").trim();
                if let Some(m) = marker_word(inner) {
                    let rest = s.get(inner_start + end + close.len_utf8()..).unwrap_or("");
                    return (Some(m), rest.trim_start());
                }
            }
        }
    }
    let token_end = s.find(char::is_whitespace).unwrap_or(s.len());
    let token = s.get(..token_end).unwrap_or("");
    match marker_word(token) {
        Some(m) if token_end < s.len() => (Some(m), s.get(token_end..).unwrap_or("").trim_start()),
        _ => (None, s),
    }
}

fn marker_word(w: &str) -> Option<Marker> {
    if lexicon::REVISION_NEW_WORDS.contains(&w) {
        Some(Marker::New)
    } else if lexicon::REVISION_MODIFIED_WORDS.contains(&w) {
        Some(Marker::Modified)
    } else {
        None
    }
}

/// The closing bracket of an opening one.
fn closer(c: char) -> Option<char> {
    Some(match c {
        '(' => ')',
        '【' => '】',
        '〔' => '〕',
        '[' => ']',
        '《' => '》',
        '〈' => '〉',
        '<' => '>',
        '「' => '」',
        '『' => '』',
        _ => return None,
    })
}

fn symbol_style(c: char) -> String {
    match c {
        '〇' | '◯' => "○".to_owned(),
        c => c.to_string(),
    }
}

/// Reads the label a (dash-stripped) line starts with.
fn heading_label(s: &str) -> Option<Label<'_>> {
    let first = s.chars().next()?;
    if let Some(close) = closer(first) {
        return bracket_label(s, first, close);
    }
    if first == '第' {
        if let Some(l) = chapter_label(s) {
            return Some(l);
        }
    }
    if let Some(l) = word_label(s) {
        return Some(l);
    }
    let after_first = s.get(first.len_utf8()..).unwrap_or("");
    if let Some(n) = roman_value(first) {
        let rest = after_first.trim_start_matches(['.', '、', ' ']);
        let upper = ('\u{2160}'..='\u{216F}').contains(&first);
        return titled(Label {
            kind: HeadKind::Numbered,
            style: if upper { "Ⅰ" } else { "ⅰ" }.to_owned(),
            number: Some(n),
            label: Some(first.to_string()),
            named_kind: None,
            rest,
        });
    }
    if first.is_ascii_digit() {
        return digit_label(s);
    }
    if let Some((n, style)) = enclosed_label(first) {
        return titled(Label {
            kind: HeadKind::Numbered,
            style: style.to_owned(),
            number: Some(n),
            label: Some(first.to_string()),
            named_kind: None,
            rest: after_first.trim_start(),
        });
    }
    if let Some(n) = gojuon(first) {
        let sep = after_first.chars().next()?;
        let style = match sep {
            ' ' | '.' | '、' => "ア",
            ')' => "ア)",
            _ => return None,
        };
        return titled(Label {
            kind: HeadKind::Numbered,
            style: style.to_owned(),
            number: Some(n),
            label: Some(first.to_string()),
            named_kind: None,
            rest: after_first.get(sep.len_utf8()..).unwrap_or("").trim_start(),
        })
        .filter(|l| title_ok(l.rest));
    }
    // `○○市` is a placeholder name, not a bullet.
    if STRONG.contains(&first) && !after_first.starts_with(first) {
        return titled(Label {
            kind: HeadKind::Symbol,
            style: symbol_style(first),
            number: None,
            label: Some(first.to_string()),
            named_kind: None,
            rest: after_first.trim_start(),
        });
    }
    None
}

/// A label is a heading only with a title after it.
fn titled(l: Label<'_>) -> Option<Label<'_>> {
    (!l.rest.trim().is_empty()).then_some(l)
}

/// `(1) …`, `(ア) …`, `【1】 …`, or a line that is one bracketed title (`【…】`, `〔…〕`).
fn bracket_label(s: &str, open: char, close: char) -> Option<Label<'_>> {
    let inner_start = open.len_utf8();
    let end = inner_start + s.get(inner_start..)?.find(close)?;
    let inner = s.get(inner_start..end)?.trim();
    let after = s.get(end + close.len_utf8()..)?.trim_start();
    if let Some(n) = small_number(inner) {
        let label = Label {
            kind: HeadKind::Numbered,
            style: format!("{open}N{close}"),
            number: Some(n),
            label: Some(format!("{open}{n}{close}")),
            named_kind: None,
            rest: after,
        };
        return titled(label).filter(|l| title_ok(l.rest));
    }
    let mut inner_chars = inner.chars();
    if let (Some(k), None) = (inner_chars.next(), inner_chars.next()) {
        if let Some(n) = gojuon(k) {
            let label = Label {
                kind: HeadKind::Numbered,
                style: format!("{open}ア{close}"),
                number: Some(n),
                label: Some(format!("{open}{k}{close}")),
                named_kind: None,
                rest: after,
            };
            return titled(label);
        }
    }
    // Parentheses and quotes around a whole line are annotations and quotations, not headings.
    if after.is_empty() && !inner.is_empty() && !matches!(open, '(' | '<' | '「' | '『') {
        return Some(Label {
            kind: HeadKind::Bracket,
            style: format!("{open}{close}"),
            number: None,
            label: None,
            named_kind: None,
            rest: inner,
        });
    }
    None
}

/// `第1章`, `第2節`, `第三部`, `第1 …`.
fn chapter_label(s: &str) -> Option<Label<'_>> {
    let (n, after) = leading_number(s.strip_prefix('第')?.trim_start())?;
    let trimmed = after.trim_start();
    let suffix = trimmed.chars().next()?;
    let (style, label, rest) = if "章節部編款項".contains(suffix) {
        (
            format!("第N{suffix}"),
            format!("第{n}{suffix}"),
            trimmed.get(suffix.len_utf8()..)?,
        )
    } else if after.starts_with(char::is_whitespace) {
        // `第1 基本的な考え方`: a bare ordinal and a space.
        ("第N".to_owned(), format!("第{n}"), trimmed)
    } else {
        return None;
    };
    titled(Label {
        kind: HeadKind::Numbered,
        style,
        number: Some(n),
        label: Some(label),
        named_kind: None,
        rest: rest.trim_start_matches([' ', '.', ':', '、']).trim_start(),
    })
}

/// `基本目標1 …`, `施策1-1 …`, `基本施策 2-1 …`, `重点戦略Ⅱ …`: a level noun and a number.
fn word_label(s: &str) -> Option<Label<'_>> {
    let word_end = s
        .char_indices()
        .take_while(|&(_, c)| is_word_char(c))
        .take(12)
        .last()
        .map(|(i, c)| i + c.len_utf8())?;
    let word = s.get(..word_end)?;
    if !lexicon::LEVEL_NOUNS.iter().any(|n| word.ends_with(n)) {
        return None;
    }
    let rest = s.get(word_end..)?;
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let first = rest.chars().next()?;
    let (shape, number, printed, rest) = if first.is_ascii_digit() {
        let (parts, len) = hyphen_parts(rest)?;
        let shape = vec!["N"; parts.len()].join("-");
        let printed = parts
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join("-");
        (shape, *parts.last()?, printed, rest.get(len..)?)
    } else if let Some(n) = roman_value(first) {
        (
            "Ⅰ".to_owned(),
            n,
            first.to_string(),
            rest.get(first.len_utf8()..)?,
        )
    } else if let Some((n, style)) = enclosed_label(first) {
        (
            style.to_owned(),
            n,
            first.to_string(),
            rest.get(first.len_utf8()..)?,
        )
    } else {
        return None;
    };
    let sep = rest.chars().next()?;
    if !matches!(sep, ' ' | ':' | '.' | '、' | ')') {
        return None;
    }
    let rest = rest.get(sep.len_utf8()..)?.trim_start();
    if !title_ok(rest) {
        return None;
    }
    let word = word.trim();
    Some(Label {
        kind: HeadKind::Numbered,
        style: format!("{word}{shape}"),
        number: Some(number),
        label: Some(format!("{word}{printed}")),
        named_kind: Some(word.to_owned()),
        rest,
    })
}

/// `1 …`, `1. …`, `1) …`, `1、…`, `1-1 …`, `1-1-1 …`.
fn digit_label(s: &str) -> Option<Label<'_>> {
    let (parts, len) = hyphen_parts(s)?;
    let rest = s.get(len..)?;
    let number = *parts.last()?;
    if parts.len() > 1 {
        let title = rest.trim_start_matches([' ', '.']);
        let label = Label {
            kind: HeadKind::Numbered,
            style: vec!["N"; parts.len()].join("-"),
            number: Some(number),
            label: Some(
                parts
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join("-"),
            ),
            named_kind: None,
            rest: title,
        };
        return titled(label).filter(|l| title_ok(l.rest));
    }
    let sep = rest.chars().next()?;
    let style = match sep {
        ' ' => "N",
        '.' => "N.",
        ')' => "N)",
        '、' => "N、",
        _ => return None,
    };
    let title = rest.get(sep.len_utf8()..)?.trim_start();
    // `1.9兆円` is a number, not a label.
    if sep == '.' && title.starts_with(|c: char| c.is_ascii_digit()) && !rest.starts_with(". ") {
        return None;
    }
    let label = Label {
        kind: HeadKind::Numbered,
        style: style.to_owned(),
        number: Some(number),
        label: Some(number.to_string()),
        named_kind: None,
        rest: title,
    };
    titled(label).filter(|l| title_ok(l.rest))
}

/// The numbers of `1`, `1-2`, `1-2-3` (each at most 99) and the bytes they take.
fn hyphen_parts(s: &str) -> Option<(Vec<u32>, usize)> {
    let mut parts = Vec::new();
    let mut pos = 0;
    loop {
        let digits = s
            .get(pos..)?
            .chars()
            .take_while(char::is_ascii_digit)
            .count();
        if digits == 0 || digits > 2 {
            return None;
        }
        let n: u32 = s.get(pos..pos + digits)?.parse().ok()?;
        parts.push(n);
        pos += digits;
        let rest = s.get(pos..)?;
        let dash = rest.chars().next();
        match dash {
            Some(d @ ('-' | '−' | '‐' | '‑' | '–'))
                if rest
                    .get(d.len_utf8()..)
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
                    && parts.len() < 5 =>
            {
                pos += d.len_utf8();
            }
            _ => return Some((parts, pos)),
        }
    }
}

/// A title a numbered label can carry: not a value (`2 4.5%`), a count (`3 件`) or a date
/// (`2 年度の実績`).
fn title_ok(t: &str) -> bool {
    let t = t.trim();
    let Some(first) = t.chars().next() else {
        return false;
    };
    if BAD_TITLE_START.contains(first) {
        return false;
    }
    let date = lexicon::LABEL_DATE_WORDS.iter().any(|w| {
        t.strip_prefix(w)
            .is_some_and(|r| !r.starts_with(|c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c)))
    });
    let value = |s: &str| parse_quantity(s).is_ok_and(|q| q.value.is_some() && q.unit.is_known());
    // Only a title that starts with a number can be a value, and only a short one a unit.
    let number = first.is_ascii_digit() && value(t);
    let unit = t.chars().count() <= 4 && value(&format!("1{t}"));
    !date && !number && !unit
}

/// `①`–`㊿` (`①`), `❶` (`❶`), `⑴` (`(N)`), `⒈` (`N.`).
/// An enclosed numeral's number ([`scan::enclosed_number`]) and its label style: the circled
/// kinds are one style, the negative circled another, `⑴` is `(N)` and `⒈` is `N.`.
fn enclosed_label(c: char) -> Option<(u32, &'static str)> {
    let n = scan::enclosed_number(c)?;
    let style = match u32::from(c) {
        0x2776..=0x277F | 0x278A..=0x2793 => "❶",
        0x2474..=0x2487 => "(N)",
        0x2488..=0x249B => "N.",
        0x24F5..=0x24FE => "⓵",
        _ => "①",
    };
    Some((n, style))
}

fn roman_value(c: char) -> Option<u32> {
    let u = c as u32;
    match u {
        0x2160..=0x216B => Some(u - 0x2160 + 1),
        0x2170..=0x217B => Some(u - 0x2170 + 1),
        _ => None,
    }
}

fn gojuon(c: char) -> Option<u32> {
    GOJUON
        .chars()
        .position(|k| k == c)
        .and_then(|p| u32::try_from(p + 1).ok())
}

/// `12` → 12 (at most 99).
fn small_number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 2 || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A number in digits or kanji numerals (`12`, `十二`) at the start of `s`.
fn leading_number(s: &str) -> Option<(u32, &str)> {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        if digits > 3 {
            return None;
        }
        let n = s.get(..digits)?.parse().ok()?;
        return Some((n, s.get(digits..)?));
    }
    let len: usize = s
        .chars()
        .take_while(|&c| is_kanji_numeral(c))
        .take(4)
        .map(char::len_utf8)
        .sum();
    if len == 0 {
        return None;
    }
    let mut total = 0u32;
    let mut unit = 0u32;
    for c in s.get(..len)?.chars() {
        let d = "〇一二三四五六七八九".chars().position(|k| k == c);
        match (c, d) {
            ('十', _) => {
                total += unit.max(1) * 10;
                unit = 0;
            }
            (_, Some(d)) => unit = u32::try_from(d).ok()?,
            _ => return None,
        }
    }
    Some((total + unit, s.get(len..)?))
}

fn is_kanji_numeral(c: char) -> bool {
    "〇一二三四五六七八九十".contains(c)
}

/// Characters of a word label's word: kanji, katakana (`・` too), and `の` (`施策の柱`).
fn is_word_char(c: char) -> bool {
    scan::is_kanji(c) || scan::is_katakana(c) || matches!(c, '・' | 'の')
}

/// One item of a line split at its symbols.
#[derive(Debug)]
struct Piece<'a> {
    marker: Option<Marker>,
    symbol: Option<char>,
    text: &'a str,
}

/// Splits the text after a label at every symbol that follows a space, each with the
/// revision word printed before it: `A 新 ○ B ○ C` → `A`, `新 ○ B`, `○ C`.
fn split_items(rest: &str) -> Vec<Piece<'_>> {
    // (start of the piece's marker word or symbol, byte of the symbol, marker)
    let mut cuts: Vec<(usize, usize, Option<Marker>, char)> = Vec::new();
    let mut prev_space = false;
    for (i, c) in rest.char_indices() {
        if STRONG.contains(&c) && prev_space {
            let before = rest.get(..i).unwrap_or("").trim_end();
            let token_start = before
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(p, c)| p + c.len_utf8());
            let token = before.get(token_start..).unwrap_or("");
            let floor = cuts.last().map_or(0, |&(_, sym, _, s)| sym + s.len_utf8());
            match marker_word(token) {
                Some(m) if token_start >= floor => cuts.push((token_start, i, Some(m), c)),
                _ => cuts.push((i, i, None, c)),
            }
        }
        prev_space = c.is_whitespace();
    }
    let mut pieces = Vec::with_capacity(cuts.len() + 1);
    let first_end = cuts.first().map_or(rest.len(), |c| c.0);
    pieces.push(Piece {
        marker: None,
        symbol: None,
        text: rest.get(..first_end).unwrap_or(""),
    });
    for (k, &(_, sym, marker, c)) in cuts.iter().enumerate() {
        let start = sym + c.len_utf8();
        let end = cuts.get(k + 1).map_or(rest.len(), |n| n.0).max(start);
        pieces.push(Piece {
            marker,
            symbol: Some(c),
            text: rest.get(start..end).unwrap_or(""),
        });
    }
    pieces
}

/// A title without glossary marks and with its trailing revision marks read:
/// (title, marker, old title).
fn clean_title(raw: &str) -> (String, Option<Marker>, Option<String>) {
    let mut t = collapse_spaces(&drop_note_marks(raw));
    let mut marker = None;
    let mut old = None;
    for _ in 0..8 {
        let Some((start, inner)) = last_group(&t) else {
            break;
        };
        let inner = inner.trim();
        if let Some(o) = inner.strip_prefix('旧') {
            let o = o.trim_start_matches([':', ' ', '：']).trim();
            if !o.is_empty() {
                old = Some(o.to_owned());
            }
            marker = Some(Marker::Modified);
        } else if inner.starts_with("再掲") {
            marker = marker.or(Some(Marker::Relisted));
        } else if let Some(m) = marker_word(inner) {
            marker = Some(m);
        } else {
            break;
        }
        t = t.get(..start).unwrap_or("").trim_end().to_owned();
    }
    (t, marker, old)
}

/// The bracket group that ends `t`: (its start, its inner text), nesting respected.
pub(super) fn last_group(t: &str) -> Option<(usize, &str)> {
    let close = t.chars().last()?;
    let open = match close {
        ')' => '(',
        '】' => '【',
        ']' => '[',
        '〕' => '〔',
        '〉' => '〈',
        _ => return None,
    };
    let mut depth = 0usize;
    for (i, c) in t.char_indices().rev() {
        if c == close {
            depth += 1;
        } else if c == open {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                let inner = t.get(i + open.len_utf8()..t.len() - close.len_utf8())?;
                return Some((i, inner));
            }
        }
    }
    None
}

/// True when a title names a part of a node (現状と課題, 工程表 …).
pub(super) fn is_generic(title: &str) -> bool {
    if title.chars().count() > GENERIC_TITLE_MAX_CHARS {
        return false;
    }
    let c = fold_printed_name(title);
    let c = c.trim_matches(|ch| {
        matches!(
            ch,
            '【' | '】' | '〔' | '〕' | '[' | ']' | '《' | '》' | '〈' | '〉'
        )
    });
    lexicon::GENERIC_HEADINGS.contains(&c)
}

/// `第1章 計画の概要 ……… 1`: a heading, a leader and a page number.
fn is_toc_entry(text: &str) -> bool {
    let rest = text
        .trim_end()
        .trim_end_matches(|c: char| c.is_ascii_digit());
    if rest.len() == text.trim_end().len() {
        return false;
    }
    let leaders = rest
        .trim_end()
        .chars()
        .rev()
        .take_while(|&c| ".…‥・･·".contains(c) || c == ' ')
        .filter(|&c| c != ' ')
        .count();
    leaders >= 3
}

/// A numbered heading run on with a paragraph after it (`第2章 計画の目標 2-1 基本目標 本計画
/// では、…。 …`, longer than [`RUN_ON_HEADING_CHARS`] with a sentence in it): the label and its
/// first word, and the rest of the line; `None` for any other line.
fn split_run_on_heading(text: &str) -> Option<(&str, &str)> {
    if !text.contains('。') || text.chars().nth(RUN_ON_HEADING_CHARS).is_none() {
        return None;
    }
    let label = heading_label(text)?;
    if label.kind != HeadKind::Numbered {
        return None;
    }
    let at = text.len().checked_sub(label.rest.len())?;
    let word = label.rest.find(' ')?;
    let (head, rest) = text.split_at_checked(at + word)?;
    let rest = rest.trim_start();
    (!rest.is_empty()).then_some((head.trim_end(), rest))
}

/// A symbol line that reads as a sentence is a bullet of body text.
fn sentence_like(title: &str) -> bool {
    title.ends_with('。') || title.chars().count() > MAX_SYMBOL_TITLE
}

// ---------------------------------------------------------------------------------------------
// Tables and title
// ---------------------------------------------------------------------------------------------

/// A run of table rows and what it is.
#[derive(Debug)]
struct BlockInfo {
    start: usize,
    end: usize,
    /// A table of values: its rows are never headings.
    data: bool,
    /// The header's first cell, naming the rows' items (`プロジェクト`).
    header_kind: Option<String>,
}

fn analyse_blocks(doc: &Doc) -> Vec<BlockInfo> {
    doc.row_blocks()
        .into_iter()
        .map(|b| {
            let rows = doc.lines.get(b.start..b.end).unwrap_or(&[]);
            let header = rows.first();
            let data = rows
                .iter()
                .any(|l| l.cells.iter().skip(1).any(|c| is_value_cell(c)))
                || header.is_some_and(|l| l.cells.iter().skip(1).any(|c| is_value_header(c)));
            let header_kind = header.and_then(|l| {
                let filled = l.cells.iter().filter(|c| !c.is_empty()).count();
                let first = clean_text(l.cells.first()?);
                let c = fold_printed_name(&first);
                let n = c.chars().count();
                (filled >= 2
                    && parse_heads(&first).is_empty()
                    && (1..=12).contains(&n)
                    && !c
                        .chars()
                        .any(|ch| ch.is_ascii_digit() || "。、・".contains(ch)))
                .then_some(c)
            });
            BlockInfo {
                start: b.start,
                end: b.end,
                data,
                header_kind,
            }
        })
        .collect()
}

/// A cell holding a value: a number (with a known unit), or a dash for "no value".
fn is_value_cell(cell: &str) -> bool {
    let t = clean_text(cell);
    if t.is_empty() || t.chars().count() > 40 {
        return false;
    }
    if matches!(t.as_str(), "—" | "-" | "－" | "―" | "‐" | "–" | "−") {
        return true;
    }
    parse_quantity(&t).is_ok_and(|q| q.value.is_some() && q.unit.is_known())
}

/// A header cell of a value column: a period (`令和3年度`, `H30`) or 現状/目標/実績 ….
fn is_value_header(cell: &str) -> bool {
    let t = clean_text(cell);
    if t.is_empty() || t.chars().count() > 40 {
        return false;
    }
    if parse_period(&t).is_ok() {
        return true;
    }
    let c = fold_printed_name(&t);
    let c = c.trim_start_matches(['【', '[', '(', '〔']);
    lexicon::VALUE_COLUMN_HEADERS
        .iter()
        .any(|w| c.starts_with(w))
}

// ---------------------------------------------------------------------------------------------
// Links (対応 / 関連)
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LinkKind {
    Corresponds,
    Related,
}

impl LinkKind {
    fn as_str(self) -> &'static str {
        match self {
            LinkKind::Corresponds => "corresponds",
            LinkKind::Related => "related",
        }
    }
}

/// What a links header (`対応・関連する「産業戦略プロジェクト」`) says.
#[derive(Debug, Clone)]
struct LinksHeader {
    kind: LinkKind,
    /// The kind of the linked nodes (`プロジェクト`).
    node_kind: String,
    /// The ending every linked name has (the same level noun).
    suffix: String,
}

/// True when a line is a links header (`対応・関連する「…」`).
pub(super) fn is_links_header(text: &str) -> bool {
    links_header(text).is_some()
}

fn links_header(text: &str) -> Option<LinksHeader> {
    // Cheap tests first: this runs on every line of body text.
    if text.chars().count() > LINKS_LINE_MAX_CHARS
        || !(text.contains(lexicon::LINK_CORRESPONDS) || text.contains(lexicon::LINK_RELATED))
    {
        return None;
    }
    let c = fold_printed_name(text);
    if c.chars().count() > 40 || !lexicon::LINKS_HEADER_OPENS.iter().any(|o| c.starts_with(o)) {
        return None;
    }
    let quoted = c
        .split_once(['「', '【', '『'])
        .and_then(|(_, r)| r.split_once(['」', '】', '』']))
        .map(|(q, _)| q.to_owned());
    let name = match quoted {
        Some(q) => q,
        None => c.rsplit_once("する").map(|(_, r)| r.to_owned())?,
    };
    if name.is_empty() {
        return None;
    }
    // The linked names end with the level noun the header names (`…プロジェクト`).
    let suffix = lexicon::LEVEL_NOUNS
        .iter()
        .filter(|n| name.ends_with(*n))
        .max_by_key(|n| n.len())
        .map(|n| (*n).to_owned())?;
    let kind = if c.contains(lexicon::LINK_CORRESPONDS) {
        LinkKind::Corresponds
    } else {
        LinkKind::Related
    };
    Some(LinksHeader {
        kind,
        node_kind: suffix.clone(),
        suffix,
    })
}

/// An open links block.
#[derive(Debug)]
struct LinkBlock {
    header: LinksHeader,
    kind: LinkKind,
    owner: Option<usize>,
}

// ---------------------------------------------------------------------------------------------
// Building the tree
// ---------------------------------------------------------------------------------------------

/// What the builder knows of a node beyond its `NodeOut`.
#[derive(Debug, Default)]
struct Meta {
    style: String,
    number: Option<u32>,
    parent: Option<usize>,
    children: Vec<usize>,
    body: Vec<String>,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    node: usize,
    /// Reached by merging a repeated heading into an earlier node.
    merged: bool,
}

#[derive(Debug, Default)]
struct Builder {
    /// Ids continue after nodes already in the extraction.
    base: usize,
    nodes: Vec<NodeOut>,
    meta: Vec<Meta>,
    roots: Vec<usize>,
    stack: Vec<Entry>,
    /// (style, label, folded title) → nodes, for merging repeated headings.
    by_heading: HashMap<(String, String, String), Vec<usize>>,
    /// folded title → first node, for 再掲 and links.
    by_title: HashMap<String, usize>,
    links: Vec<LinkOut>,
    /// Inside a 現状と課題-like block: unnumbered headings are body.
    body_block: bool,
    /// The kind a `【取組内容】` heading gives the next numbered items.
    pending_kind: Option<String>,
    block: Option<LinkBlock>,
    /// Node count when the previous links block ended.
    links_since: usize,
    /// (N, word, the node whose body says it) phrases of the prose: `5つの基本方向`.
    counted: Vec<(usize, String, Option<usize>)>,
}

impl Builder {
    fn new(base: usize) -> Self {
        Builder {
            base,
            ..Builder::default()
        }
    }

    fn id(&self, i: usize) -> String {
        format!("n{}", self.base + i + 1)
    }

    /// A line outside tables: split where `**` glued headings, then read piece by piece.
    fn plain(&mut self, text: &str, line: usize) {
        let text = clean_text(text);
        if text.is_empty() {
            return;
        }
        if text.contains("**") {
            let pieces: Vec<&str> = text
                .split("**")
                .map(|p| p.trim_matches(['*', ' ']))
                .filter(|p| !p.is_empty())
                .collect();
            if pieces.len() > 1 && pieces.iter().skip(1).any(|p| !parse_heads(p).is_empty()) {
                for p in pieces {
                    self.segment(p, line);
                }
                return;
            }
        }
        self.segment(&text, line);
    }

    /// A piece of a line: a heading run on with the text after it is read as the heading,
    /// then the rest of the line again ([`split_run_on_heading`]).
    fn segment(&mut self, text: &str, line: usize) {
        let mut text = text;
        while let Some((head, rest)) = split_run_on_heading(text) {
            self.segment_one(head, line);
            text = rest;
        }
        self.segment_one(text, line);
    }

    fn segment_one(&mut self, text: &str, line: usize) {
        if self.link_item(text, line) {
            return;
        }
        // A table of contents repeats the headings with page numbers: the headings count
        // where they are printed with their text.
        if is_toc_entry(text) {
            return;
        }
        let heads = parse_heads(text);
        let Some(first) = heads.first() else {
            if let Some(h) = links_header(text) {
                self.start_links(h);
                return;
            }
            self.body(text);
            return;
        };
        let generic = is_generic(&first.title);
        match first.kind {
            HeadKind::Numbered => {
                let hint = self.pending_kind.take();
                for (k, h) in heads.into_iter().enumerate() {
                    let hint = if k == 0 { hint.as_deref() } else { None };
                    self.heading(h, line, hint);
                }
                self.body_block = generic;
            }
            HeadKind::Symbol => {
                if first.dashed || self.body_block || generic || sentence_like(&first.title) {
                    self.body(text);
                    self.body_block |= generic;
                } else {
                    for h in heads {
                        self.heading(h, line, None);
                    }
                    self.body_block = false;
                }
            }
            HeadKind::Bracket => {
                if generic {
                    let kind = fold_printed_name(&first.title);
                    self.body(text);
                    self.body_block = true;
                    self.pending_kind = lexicon::ITEM_KIND_HEADINGS
                        .contains(&kind.as_str())
                        .then_some(kind);
                } else if self.body_block {
                    self.body(text);
                } else {
                    for h in heads {
                        self.heading(h, line, None);
                    }
                }
            }
        }
    }

    /// A table row: its first cell's items are headings, the other cells their body.
    fn row(&mut self, line: &Line, header_kind: Option<&str>) {
        let Some(first) = line.cells.first() else {
            return;
        };
        let first = clean_text(first);
        let heads = parse_heads(&first);
        if heads.first().is_none_or(|h| h.kind == HeadKind::Bracket) {
            return;
        }
        let mut row_head = None;
        for (k, h) in heads.into_iter().enumerate() {
            let hint = if k == 0 { header_kind } else { None };
            let idx = self.heading(h, line.no, hint);
            row_head.get_or_insert(idx);
        }
        self.body_block = false;
        self.pending_kind = None;
        let Some(head) = row_head else { return };
        for cell in line.cells.iter().skip(1) {
            let text = clean_text(cell);
            if text.is_empty() {
                continue;
            }
            self.count_phrases(&text);
            if let Some(m) = self.meta.get_mut(head) {
                m.body.push(text);
            }
        }
    }

    /// Body text: kept on the innermost heading above it.
    fn body(&mut self, text: &str) {
        self.pending_kind = None;
        self.count_phrases(text);
        let Some(&top) = self.stack.last() else {
            return;
        };
        if let Some(m) = self.meta.get_mut(top.node) {
            // A chapter that repeats an overview entry often repeats its summary too.
            if top.merged && m.body.iter().take(8).any(|b| b == text) {
                return;
            }
            m.body.push(text.to_owned());
        }
    }

    fn count_phrases(&mut self, text: &str) {
        // A document states its levels' counts a few times, not thousands.
        let digit_no = text.as_bytes().windows(4).any(|w| {
            w.first().is_some_and(u8::is_ascii_digit) && w.get(1..) == Some("の".as_bytes())
        });
        if (digit_no || text.contains("つの")) && self.counted.len() < 64 {
            let holder = self.stack.last().map(|e| e.node);
            self.counted.extend(
                counted_phrases(text)
                    .into_iter()
                    .map(|(n, w)| (n, w, holder)),
            );
        }
    }

    /// Places a heading in the tree and returns its node (new, or the earlier node it
    /// repeats).
    fn heading(&mut self, h: Head, line: usize, hint: Option<&str>) -> usize {
        self.end_links();
        let positions: Vec<usize> = self
            .stack
            .iter()
            .enumerate()
            .filter(|(_, e)| self.meta.get(e.node).is_some_and(|m| m.style == h.style))
            .map(|(p, _)| p)
            .collect();
        let continued = h.number.and_then(|n| {
            positions.iter().rev().copied().find(|&p| {
                self.stack
                    .get(p)
                    .and_then(|e| self.meta.get(e.node))
                    .and_then(|m| m.number)
                    .and_then(|m| m.checked_add(1))
                    == Some(n)
            })
        });
        let level = continued
            .or(positions.last().copied())
            .unwrap_or_else(|| self.stack.len().min(MAX_DEPTH - 1));
        let popped_merged = self.stack.get(level).is_some_and(|e| e.merged);
        self.stack.truncate(level);
        let parent = self.stack.last().map(|e| e.node);
        let parent_merged = self.stack.last().is_some_and(|e| e.merged);
        if continued.is_none() && !positions.is_empty() {
            if let Some(n) = h.number.filter(|&n| n > 1) {
                self.nest_run(parent, &h.style, n - 1);
            }
        }
        let title_key = fold_printed_name(&h.title);
        let key = (
            h.style.clone(),
            h.label.clone().unwrap_or_default(),
            title_key.clone(),
        );
        if let Some(y) = self.merge_target(&key, parent, popped_merged || parent_merged) {
            self.adopt(y, parent);
            if let Some(n) = self.nodes.get_mut(y) {
                n.also_at.push(line);
                if n.kind.is_none() {
                    n.kind = h.named_kind.or_else(|| hint.map(str::to_owned));
                }
            }
            return y;
        }
        let idx = self.nodes.len();
        let kind = h
            .named_kind
            .or_else(|| hint.map(str::to_owned))
            .or_else(|| self.sibling_kind(parent, &h.style));
        let marker = h.marker;
        self.nodes.push(NodeOut {
            id: self.id(idx),
            parent: parent.map(|p| self.id(p)),
            kind,
            label: h.label,
            title: h.title,
            body: None,
            marker: marker.map(|m| m.as_str().to_owned()),
            old_title: h.old_title,
            line,
            also_at: Vec::new(),
        });
        self.meta.push(Meta {
            style: h.style,
            number: h.number,
            parent,
            ..Meta::default()
        });
        if let Some(list) = self.children_mut(parent) {
            list.push(idx);
        }
        self.stack.push(Entry {
            node: idx,
            merged: false,
        });
        if marker == Some(Marker::Relisted) {
            if let Some(&orig) = self.by_title.get(&title_key) {
                self.links.push(LinkOut {
                    from: self.id(idx),
                    to: self.id(orig),
                    kind: "relisted".to_owned(),
                    line,
                });
            }
        }
        self.by_title.entry(title_key).or_insert(idx);
        // An overview prints a heading once or twice before its chapter; later repeats of
        // the same heading are not merge targets, so the list stays short.
        let repeats = self.by_heading.entry(key).or_default();
        if repeats.len() < MERGE_CANDIDATES {
            repeats.push(idx);
        }
        idx
    }

    fn children_mut(&mut self, parent: Option<usize>) -> Option<&mut Vec<usize>> {
        match parent {
            None => Some(&mut self.roots),
            Some(p) => self.meta.get_mut(p).map(|m| &mut m.children),
        }
    }

    /// The kind of the last earlier sibling of the same style.
    fn sibling_kind(&self, parent: Option<usize>, style: &str) -> Option<String> {
        let list = match parent {
            None => &self.roots,
            Some(p) => &self.meta.get(p)?.children,
        };
        list.iter()
            .rev()
            .take(LOOK_BACK)
            .find(|&&s| self.meta.get(s).is_some_and(|m| m.style == style))
            .and_then(|&s| self.nodes.get(s))
            .and_then(|n| n.kind.clone())
    }

    /// A label `want + 1` that continues no open level: if an earlier sibling numbered `want`
    /// was followed by a run starting at 1, that run was its children.
    fn nest_run(&mut self, parent: Option<usize>, style: &str, want: u32) {
        let Some(list) = self.children_mut(parent) else {
            return;
        };
        // Only the last LOOK_BACK siblings are searched (and copied): linear time.
        let offset = list.len().saturating_sub(LOOK_BACK);
        let list_snapshot: Vec<usize> = list.get(offset..).unwrap_or(&[]).to_vec();
        let len = list_snapshot.len();
        let same = |i: usize| self.meta.get(i).is_some_and(|m| m.style == style);
        for k in (0..len).rev() {
            let Some(&s) = list_snapshot.get(k) else {
                continue;
            };
            if !same(s) || self.meta.get(s).and_then(|m| m.number) != Some(want) {
                continue;
            }
            let next = list_snapshot
                .get(k + 1..)
                .unwrap_or(&[])
                .iter()
                .find(|&&t| same(t));
            if next.is_none_or(|&t| self.meta.get(t).and_then(|m| m.number) != Some(1)) {
                continue;
            }
            let moved: Vec<usize> = list_snapshot.get(k + 1..).unwrap_or(&[]).to_vec();
            if let Some(list) = self.children_mut(parent) {
                list.truncate(offset + k + 1);
            }
            let sid = self.id(s);
            for &m in &moved {
                if let Some(n) = self.nodes.get_mut(m) {
                    n.parent = Some(sid.clone());
                }
                if let Some(meta) = self.meta.get_mut(m) {
                    meta.parent = Some(s);
                }
            }
            if let Some(meta) = self.meta.get_mut(s) {
                meta.children.extend(moved);
            }
            return;
        }
    }

    /// The earlier node a heading repeats, if it should be merged into it.
    fn merge_target(
        &self,
        key: &(String, String, String),
        parent: Option<usize>,
        in_merge: bool,
    ) -> Option<usize> {
        let candidates = self.by_heading.get(key)?;
        candidates.iter().copied().find(|&y| {
            if self.stack.iter().any(|e| e.node == y) {
                return false;
            }
            let Some(m) = self.meta.get(y) else {
                return false;
            };
            if m.parent == parent {
                in_merge
            } else {
                // An overview entry: it lists children that are bare titles. A heading whose
                // children have text of their own (the same 〔…〕 over two sections' measures)
                // is a look-alike, not a repeat.
                !m.children.is_empty()
                    && m.children.iter().take(LOOK_BACK).all(|&c| {
                        self.meta
                            .get(c)
                            .is_some_and(|cm| cm.body.is_empty() && cm.children.is_empty())
                    })
            }
        })
    }

    /// Makes `y` the current heading: the stack becomes its path.
    fn adopt(&mut self, y: usize, parent: Option<usize>) {
        if self.meta.get(y).is_some_and(|m| m.parent == parent) {
            self.stack.push(Entry {
                node: y,
                merged: true,
            });
            return;
        }
        let mut path = vec![y];
        let mut cur = self.meta.get(y).and_then(|m| m.parent);
        while let Some(p) = cur {
            if path.len() >= MAX_DEPTH {
                break;
            }
            path.push(p);
            cur = self.meta.get(p).and_then(|m| m.parent);
        }
        path.reverse();
        self.stack = path
            .into_iter()
            .map(|node| Entry {
                node,
                merged: node == y,
            })
            .collect();
    }

    fn start_links(&mut self, header: LinksHeader) {
        let owner = self
            .stack
            .iter()
            .find(|e| e.node >= self.links_since)
            .or(self.stack.last())
            .map(|e| e.node);
        self.block = Some(LinkBlock {
            kind: header.kind,
            header,
            owner,
        });
    }

    fn end_links(&mut self) {
        if self.block.take().is_some() {
            self.links_since = self.nodes.len();
        }
    }

    /// A line of an open links block: a name (maybe after `関連`), or a `関連` line.
    fn link_item(&mut self, text: &str, line: usize) -> bool {
        let Some(block) = &self.block else {
            return false;
        };
        if parse_heads(text)
            .first()
            .is_some_and(|h| h.kind == HeadKind::Numbered)
        {
            self.end_links();
            return false;
        }
        let s = strip_dash(text).1.trim_start_matches(|c: char| {
            STRONG.contains(&c) || "・●▽▶-".contains(c) || c.is_whitespace()
        });
        let mut kind = block.kind;
        let mut name = s;
        for (word, k) in [
            (lexicon::LINK_RELATED, LinkKind::Related),
            (lexicon::LINK_CORRESPONDS, LinkKind::Corresponds),
        ] {
            if let Some(r) = s.strip_prefix(word) {
                if r.is_empty() || r.starts_with(char::is_whitespace) {
                    kind = k;
                    name = r.trim_start();
                }
            }
        }
        if name.is_empty() {
            if let Some(b) = &mut self.block {
                b.kind = kind;
            }
            return true;
        }
        let (name, _, _) = clean_title(name);
        let fits = name.ends_with(block.header.suffix.as_str())
            && !name.ends_with('。')
            && name.chars().count() <= 60;
        if !fits {
            self.end_links();
            return false;
        }
        let owner = block.owner;
        let node_kind = block.header.node_kind.clone();
        let suffix = block.header.suffix.clone();
        if let Some(b) = &mut self.block {
            b.kind = kind;
        }
        let target = self.named_node(&name, &suffix, &node_kind, line);
        if let Some(from) = owner {
            let (from, to) = (self.id(from), self.id(target));
            let kind = kind.as_str().to_owned();
            if !self
                .links
                .iter()
                .rev()
                .take(LOOK_BACK)
                .any(|l| l.from == from && l.to == to && l.kind == kind)
            {
                self.links.push(LinkOut {
                    from,
                    to,
                    kind,
                    line,
                });
            }
        }
        true
    }

    /// The node of that name (the title with or without the kind's ending), created without a
    /// parent when the document prints none.
    fn named_node(&mut self, name: &str, suffix: &str, kind: &str, line: usize) -> usize {
        let key = fold_printed_name(name);
        if let Some(&i) = self.by_title.get(&key) {
            return i;
        }
        if let Some(short) = key.strip_suffix(suffix) {
            if let Some(&i) = self.by_title.get(short) {
                return i;
            }
        }
        let idx = self.nodes.len();
        self.nodes.push(NodeOut {
            id: self.id(idx),
            parent: None,
            kind: Some(kind.to_owned()),
            label: None,
            title: name.to_owned(),
            body: None,
            marker: None,
            old_title: None,
            line,
            also_at: Vec::new(),
        });
        self.meta.push(Meta {
            style: String::from("\u{0}link"),
            ..Meta::default()
        });
        self.by_title.insert(key, idx);
        idx
    }

    fn finish(mut self, ex: &mut Extraction) {
        for (n, m) in self.nodes.iter_mut().zip(&self.meta) {
            if !m.body.is_empty() {
                n.body = Some(m.body.join("\n"));
            }
        }
        self.name_counted_levels();
        ex.nodes.extend(self.nodes);
        ex.links.extend(self.links);
    }

    /// `5つの基本方向`: the one level of exactly five nodes is 基本方向.
    fn name_counted_levels(&mut self) {
        if self.counted.is_empty() {
            return;
        }
        let mut depth = vec![0usize; self.meta.len()];
        let mut levels: HashMap<(&str, usize), Vec<usize>> = HashMap::new();
        for (i, m) in self.meta.iter().enumerate() {
            if m.style.starts_with('\u{0}') {
                continue;
            }
            let d = m.parent.and_then(|p| depth.get(p)).map_or(0, |d| d + 1);
            if let Some(slot) = depth.get_mut(i) {
                *slot = d;
            }
            levels.entry((m.style.as_str(), d)).or_default().push(i);
        }
        for (n, word, holder) in &self.counted {
            // A level the document names otherwise (`【取組内容】`) is not the one counted.
            let unnamed = |v: &&Vec<usize>| {
                v.iter()
                    .all(|&i| self.nodes.get(i).is_some_and(|n| n.kind.is_none()))
            };
            let matching: Vec<&Vec<usize>> = levels
                .values()
                .filter(|v| v.len() == *n)
                .filter(unnamed)
                .collect();
            // Several levels of that size: the one beneath the heading whose text counts them.
            let level = match matching.as_slice() {
                [one] => *one,
                [] => continue,
                many => {
                    let under: Vec<&&Vec<usize>> = many
                        .iter()
                        .filter(|v| v.iter().all(|&i| self.descends(i, *holder)))
                        .collect();
                    let [one] = under.as_slice() else { continue };
                    **one
                }
            };
            for &i in level {
                if let Some(node) = self.nodes.get_mut(i) {
                    if node.kind.is_none() {
                        node.kind = Some(word.clone());
                    }
                }
            }
        }
    }
}

impl Builder {
    /// True when `node` lies beneath `ancestor` (anything lies beneath the document).
    fn descends(&self, node: usize, ancestor: Option<usize>) -> bool {
        let Some(a) = ancestor else { return true };
        let mut cur = self.meta.get(node).and_then(|m| m.parent);
        for _ in 0..MAX_DEPTH * 2 {
            match cur {
                Some(p) if p == a => return true,
                Some(p) => cur = self.meta.get(p).and_then(|m| m.parent),
                None => return false,
            }
        }
        false
    }
}

/// `N(つ)の<語>` phrases naming a level: `5つの基本方向` → (5, 基本方向).
fn counted_phrases(text: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize| chars.get(i).copied();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_number = at(i).is_some_and(|c| c.is_ascii_digit())
            && (i == 0 || at(i - 1).is_some_and(|p| !p.is_ascii_digit() && !"第.,".contains(p)));
        if !starts_number {
            i += 1;
            continue;
        }
        let start = i;
        while at(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        let digits: String = chars.get(start..i).unwrap_or(&[]).iter().collect();
        let Ok(n) = digits.parse::<usize>() else {
            continue;
        };
        let mut j = i;
        while at(j) == Some(' ') {
            j += 1;
        }
        if at(j) == Some('つ') {
            j += 1;
        }
        if at(j) != Some('の') {
            continue;
        }
        j += 1;
        if at(j).is_some_and(|c| "「『\"".contains(c)) {
            j += 1;
        }
        let word: String = chars
            .get(j..)
            .unwrap_or(&[])
            .iter()
            .take_while(|&&c| is_word_char(c) && c != 'の')
            .collect();
        if n >= 2
            && lexicon::LEVEL_NOUNS.iter().any(|l| word.ends_with(l))
            && !lexicon::NOT_LEVEL_NOUNS.contains(&word.as_str())
        {
            out.push((n, word));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_generic_heading_is_limited_in_characters_not_bytes() {
        // `現状と課題・今後の方向性` spaced out by a PDF conversion: 40 characters (64 bytes)
        // is still a heading; one more and it is a line of text.
        let spaced = |n: usize| format!("現{}状と課題・今後の方向性", " ".repeat(n - 12));
        assert!(is_generic(&spaced(GENERIC_TITLE_MAX_CHARS)));
        assert!(!is_generic(&spaced(GENERIC_TITLE_MAX_CHARS + 1)));
    }

    #[test]
    fn a_links_header_is_limited_in_characters_not_bytes() {
        // 80 characters, 118 bytes: the old limit of 160 bytes was 53 characters of kanji.
        let header = "対応・関連する「産業戦略プロジェクト」";
        let spaced = |n: usize| format!("対応{}{}", " ".repeat(n - 19), &header[6..]);
        assert_eq!(
            spaced(LINKS_LINE_MAX_CHARS).chars().count(),
            LINKS_LINE_MAX_CHARS
        );
        assert!(is_links_header(&spaced(LINKS_LINE_MAX_CHARS)));
        assert!(!is_links_header(&spaced(LINKS_LINE_MAX_CHARS + 1)));
    }

    /// The tree as indented lines: `label title [kind] {marker (old)}`.
    fn tree(text: &str) -> String {
        let doc = Doc::new("t.txt", text);
        let mut ex = Extraction::default();
        recognize(&doc, &mut ex);
        render(&ex)
    }

    fn render(ex: &Extraction) -> String {
        let mut out = String::new();
        for n in &ex.nodes {
            let mut depth = 0;
            let mut p = n.parent.clone();
            while let Some(id) = p {
                depth += 1;
                p = ex
                    .nodes
                    .iter()
                    .find(|m| m.id == id)
                    .and_then(|m| m.parent.clone());
            }
            out.push_str(&"  ".repeat(depth));
            if let Some(l) = &n.label {
                out.push_str(l);
                out.push(' ');
            }
            out.push_str(&n.title);
            if let Some(k) = &n.kind {
                out.push_str(&format!(" [{k}]"));
            }
            if let Some(m) = &n.marker {
                out.push_str(&format!(" {{{m}"));
                if let Some(o) = &n.old_title {
                    out.push_str(&format!(" 旧:{o}"));
                }
                out.push('}');
            }
            out.push('\n');
        }
        out
    }

    fn check(input: &str, expected: &str) {
        let got = tree(input);
        let lines: Vec<&str> = expected.lines().filter(|l| !l.trim().is_empty()).collect();
        let indent = lines
            .iter()
            .map(|l| l.len() - l.trim_start().len())
            .min()
            .unwrap_or(0);
        let want: String = lines
            .iter()
            .map(|l| format!("{}\n", l.get(indent..).unwrap_or(l)))
            .collect();
        assert_eq!(got, want, "\n--- got ---\n{got}--- want ---\n{want}");
    }

    fn label_of(s: &str) -> Option<(String, Option<u32>, String)> {
        heading_label(s).map(|l| (l.style, l.number, l.rest.to_owned()))
    }

    #[test]
    fn label_styles_are_read_with_their_numbers() {
        type Case<'a> = (&'a str, Option<(&'a str, Option<u32>, &'a str)>);
        let cases: &[Case] = &[
            ("1 産業基盤の整備", Some(("N", Some(1), "産業基盤の整備"))),
            (
                "2 2050年カーボンニュートラル",
                Some(("N", Some(2), "2050年カーボンニュートラル")),
            ),
            ("1.事業の概要", Some(("N.", Some(1), "事業の概要"))),
            ("(12) 創業の支援", Some(("(N)", Some(12), "創業の支援"))),
            ("⑶ 観光の振興", Some(("(N)", Some(3), "観光の振興"))),
            ("③ 需要拡大", Some(("①", Some(3), "需要拡大"))),
            ("ウ がん検診", Some(("ア", Some(3), "がん検診"))),
            ("(イ) 大腸がん検診", Some(("(ア)", Some(2), "大腸がん検診"))),
            ("第2章 施策の方向", Some(("第N章", Some(2), "施策の方向"))),
            ("第三節 観光", Some(("第N節", Some(3), "観光"))),
            (
                "第1 基本的な考え方",
                Some(("第N", Some(1), "基本的な考え方")),
            ),
            ("Ⅱ 産業編", Some(("Ⅰ", Some(2), "産業編"))),
            ("1-2-3 創業の支援", Some(("N-N-N", Some(3), "創業の支援"))),
            (
                "基本目標1 しごとをつくる",
                Some(("基本目標N", Some(1), "しごとをつくる")),
            ),
            (
                "施策1:農林業の振興",
                Some(("施策N", Some(1), "農林業の振興")),
            ),
            (
                "基本施策 2-1 健康長寿",
                Some(("基本施策N-N", Some(1), "健康長寿")),
            ),
            (
                "【1】 地域課題への対応",
                Some(("【N】", Some(1), "地域課題への対応")),
            ),
            ("◆ 研究開発の強化", Some(("◆", None, "研究開発の強化"))),
            ("〇 相談体制", Some(("○", None, "相談体制"))),
            ("〔現 状〕", Some(("〔〕", None, "現 状"))),
            // Numbers, dates and prose are not labels.
            ("2050年カーボンニュートラル", None),
            ("1.9兆円", None),
            ("3 件", None),
            ("2 4.5%", None),
            ("2021 年度の実績", None),
            ("アドバイザー等の派遣", None),
            ("第1回会議:2月6日開催", None),
            ("目標1,200人", None),
            ("(写真提供:防衛装備庁)", None),
            ("■", None),
        ];
        for (input, want) in cases {
            let got = label_of(input);
            let want = want.map(|(s, n, r)| (s.to_owned(), n, r.to_owned()));
            assert_eq!(got, want, "{input}");
        }
    }

    #[test]
    fn a_cell_is_split_into_items_with_their_revision_words() {
        let heads = parse_heads(
            "新 ◆ 研究開発力の強化 新 ○ 人材の育成 ○ 人材確保の支援(再掲) 修正 ○ 商業の振興(旧:サービス業の振興)",
        );
        let got: Vec<(String, String, Option<Marker>, Option<String>)> = heads
            .into_iter()
            .map(|h| (h.label.unwrap_or_default(), h.title, h.marker, h.old_title))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "◆".into(),
                    "研究開発力の強化".into(),
                    Some(Marker::New),
                    None
                ),
                ("○".into(), "人材の育成".into(), Some(Marker::New), None),
                (
                    "○".into(),
                    "人材確保の支援".into(),
                    Some(Marker::Relisted),
                    None
                ),
                (
                    "○".into(),
                    "商業の振興".into(),
                    Some(Marker::Modified),
                    Some("サービス業の振興".into())
                ),
            ]
        );
    }

    #[test]
    fn a_heading_run_on_with_a_long_paragraph_is_only_its_label_and_first_word() {
        let para = "本計画では、市民と共に緑を守ります。".repeat(12);
        check(
            &format!("第3章 緑の目標 3-1 基本目標 {para} 指標名 現状 目標\n"),
            "
            第3章 緑の目標
              3-1 基本目標
            ",
        );
        // A short heading line is read as before.
        check("第3章 緑の目標 と 取組\n", "第3章 緑の目標 と 取組\n");
    }

    #[test]
    fn styles_nest_in_the_order_they_first_appear() {
        check(
            "(1) 産業\n① 誘致\n② 連携\n(2) 観光\n① 誘客\n",
            "
            (1) 産業
              ① 誘致
              ② 連携
            (2) 観光
              ① 誘客
            ",
        );
        // The same styles, the other way round.
        check(
            "① 産業\n(1) 誘致\n(2) 連携\n② 観光\n",
            "
            ① 産業
              (1) 誘致
              (2) 連携
            ② 観光
            ",
        );
    }

    #[test]
    fn a_run_nested_under_a_label_is_found_when_the_outer_list_resumes() {
        check(
            "1 施策の体系\n1 産業振興\n2 観光振興\n3 人材育成\n2 数値目標\n3 推進体制\n",
            "
            1 施策の体系
              1 産業振興
              2 観光振興
              3 人材育成
            2 数値目標
            3 推進体制
            ",
        );
    }

    #[test]
    fn a_template_repeated_per_unprinted_unit_stays_flat() {
        check(
            "1 現状と課題\n2 概要\n1 現状と課題\n2 概要\n",
            "
            1 現状と課題
            2 概要
            1 現状と課題
            2 概要
            ",
        );
    }

    #[test]
    fn body_text_stays_on_its_heading_and_generic_blocks_swallow_topics() {
        let doc = Doc::new(
            "t.txt",
            "1 産業基盤の整備\n■ 現状と課題\n【企業誘致】\n- 誘致が進んでいます。\n■ 今後の取組方針\n(1) 企業誘致の推進\n【取組内容】\n- ① 誘致活動の展開\n- ▽ 重点的な誘致\n② 産業団地の整備\n【工程表】\n",
        );
        let mut ex = Extraction::default();
        recognize(&doc, &mut ex);
        assert_eq!(
            render(&ex),
            "1 産業基盤の整備\n  (1) 企業誘致の推進\n    ① 誘致活動の展開 [取組内容]\n    ② 産業団地の整備 [取組内容]\n"
        );
        assert_eq!(
            ex.nodes[0].body.as_deref(),
            Some("■ 現状と課題\n【企業誘致】\n- 誘致が進んでいます。\n■ 今後の取組方針")
        );
        assert_eq!(ex.nodes[2].body.as_deref(), Some("- ▽ 重点的な誘致"));
    }

    #[test]
    fn headings_glued_with_double_asterisks_are_split() {
        check(
            "(6) 医療関連産業の育成**【取組内容】****① 医療イノベーション*の推進**\n写真**② ヘルスケア産業の創出**\n",
            "
            (6) 医療関連産業の育成
              ① 医療イノベーションの推進 [取組内容]
              ② ヘルスケア産業の創出 [取組内容]
            ",
        );
    }

    #[test]
    fn counted_phrases_name_the_level_with_that_many_nodes() {
        assert_eq!(
            counted_phrases(
                "「整備」、「推進」の2つの基本方向を定め、これに沿った3の取組により、14の数値目標"
            ),
            vec![(2, "基本方向".to_owned()), (3, "取組".to_owned())]
        );
        check(
            "1 体系\n2つの基本方向と3の取組を定めます。\n1 整備\n(1) 誘致\n(2) 連携\n2 推進\n(3) 創業\n2 目標\n",
            "
            1 体系
              1 整備 [基本方向]
                (1) 誘致 [取組]
                (2) 連携 [取組]
              2 推進 [基本方向]
                (3) 創業 [取組]
            2 目標
            ",
        );
    }

    #[test]
    fn links_go_from_the_field_to_named_projects() {
        let doc = Doc::new(
            "t.txt",
            "1 基礎素材型産業\n■ 港湾の機能強化\n■ 企業間連携の促進\n対応・関連する「産業戦略プロジェクト」\n■ 競争力強化プロジェクト\n関連 イノベーション加速化プロジェクト\n人材確保プロジェクト\n2 輸送用機械関連産業\n■ 自動車新時代への対応\n対応・関連する「産業戦略プロジェクト」\n- 競争力強化プロジェクト\n関連\n人材確保プロジェクト\n",
        );
        let mut ex = Extraction::default();
        recognize(&doc, &mut ex);
        let title = |id: &str| {
            ex.nodes
                .iter()
                .find(|n| n.id == id)
                .map(|n| n.title.clone())
                .unwrap_or_default()
        };
        let got: Vec<(String, String, String)> = ex
            .links
            .iter()
            .map(|l| (title(&l.from), l.kind.clone(), title(&l.to)))
            .collect();
        let want = [
            ("基礎素材型産業", "corresponds", "競争力強化プロジェクト"),
            (
                "基礎素材型産業",
                "related",
                "イノベーション加速化プロジェクト",
            ),
            ("基礎素材型産業", "related", "人材確保プロジェクト"),
            (
                "輸送用機械関連産業",
                "corresponds",
                "競争力強化プロジェクト",
            ),
            ("輸送用機械関連産業", "related", "人材確保プロジェクト"),
        ];
        let want: Vec<(String, String, String)> = want
            .iter()
            .map(|(a, b, c)| ((*a).into(), (*b).into(), (*c).into()))
            .collect();
        assert_eq!(got, want);
        let projects: Vec<&NodeOut> = ex
            .nodes
            .iter()
            .filter(|n| n.kind.as_deref() == Some("プロジェクト"))
            .collect();
        assert_eq!(projects.len(), 3, "each project is one node");
        assert!(projects.iter().all(|p| p.parent.is_none()));
    }

    #[test]
    fn the_title_line_and_its_date_are_the_plans() {
        let doc = Doc::new(
            "t.txt",
            "\n産業戦略プロジェクトの進捗状況について（令和元年8月）\n\n1 概要\n",
        );
        let mut ex = Extraction::default();
        recognize(&doc, &mut ex);
        assert_eq!(
            ex.plan.title.as_deref(),
            Some("産業戦略プロジェクトの進捗状況について（令和元年8月）")
        );
        assert_eq!(
            ex.plan.as_of.map(|p| p.to_string()).as_deref(),
            Some("2019-08")
        );
        assert_eq!(ex.nodes.len(), 1, "the title is not a node");
        // A numbered first line is a heading, not a title.
        let doc = Doc::new("t.txt", "1 現状と課題\n");
        let mut ex = Extraction::default();
        recognize(&doc, &mut ex);
        assert_eq!(ex.plan.title, None);
    }

    #[test]
    fn tables_of_values_are_not_headings_but_project_tables_are() {
        check(
            "指標名\t現状値\t目標値\n①企業誘致件数\t25件\t125件\n■中小企業経営革新計画\t\t\n\nプロジェクト\t主な取組\n① 瀬戸内産業競争力強化 ▼港湾の機能強化 ▼工業用水\t・連携会議の開催\n<p>② 自動車イノベーション創出</p>\t・研究会\n",
            "
            ① 瀬戸内産業競争力強化 [プロジェクト]
              ▼ 港湾の機能強化
              ▼ 工業用水
            ② 自動車イノベーション創出 [プロジェクト]
            ",
        );
    }

    #[test]
    fn the_plan_period_is_read_from_a_stated_period_line() {
        let period = |text: &str| {
            let doc = Doc::new("t.txt", text);
            let mut ex = Extraction::default();
            recognize(&doc, &mut ex);
            ex.plan.period.map(|p| p.to_string())
        };
        assert_eq!(
            period("みなと町総合戦略\n計画期間：令和２年度～令和６年度\n").as_deref(),
            Some("FY2020-FY2024")
        );
        assert_eq!(
            period("計画\n計画期間　令和３年度～令和７年度（５年間）\n").as_deref(),
            Some("FY2021-FY2025")
        );
        assert_eq!(
            period("計画\n計画期間は、令和5年度から令和9年度までの5年間とします。\n").as_deref(),
            Some("FY2023-FY2027")
        );
        assert_eq!(
            period("山口県商工業振興計画（2022～2026）\n1 概要\n").as_deref(),
            Some("FY2022-FY2026")
        );
        // A sub-plan's period in a slide, followed by other text, is not the plan's.
        assert_eq!(
            period("資料\n計画期間:H28~31年度 総事業費142百万円\n"),
            None
        );
    }

    #[test]
    fn look_alike_headings_over_different_sections_stay_apart() {
        // The same 〔…〕 heads each field's own measures: not an overview repeated.
        check(
            "1 医療関連産業\n〔成長産業の育成〕\n■ 医療関連産業の育成\n- ・ 研究開発の促進\n2 バイオ関連産業\n〔成長産業の育成〕\n■ バイオ産業の育成\n- ・ 推進体制の整備\n",
            "
            1 医療関連産業
              成長産業の育成
                ■ 医療関連産業の育成
            2 バイオ関連産業
              成長産業の育成
                ■ バイオ産業の育成
            ",
        );
    }

    #[test]
    fn a_table_of_contents_is_not_the_tree() {
        check(
            "目次\n第1章 計画の概要 ........ 1\n第2章 施策の展開 …… 5\n第1章 計画の概要\n1 策定の趣旨\n第2章 施策の展開\n",
            "
            第1章 計画の概要
              1 策定の趣旨
            第2章 施策の展開
            ",
        );
    }

    #[test]
    fn notes_and_placeholders_are_not_headings() {
        check(
            "(1) 企業誘致の推進\n① 誘致活動の展開\n- ▽ 重点的な誘致\n- 〔再掲：産業編 P49〕\n○○市との連携\n",
            "
            (1) 企業誘致の推進
              ① 誘致活動の展開
            ",
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "",
            "\t\t\n\t",
            "(",
            "【",
            "第",
            "第一",
            "1-",
            "1-1-1-1-1-1-1-1",
            "新",
            "新 ◆",
            "◆ ○ ○",
            "**",
            "** ① **",
            "(旧:",
            "x (旧:) ()",
            "<p",
            "<p>",
            "対応する「」",
            "対応する「プロジェクト」\n関連\n- \n■",
            "99つの",
            "1つの",
            "ア",
            "ア.",
            "⑴",
        ] {
            let _ = tree(text);
        }
        let deep: String = (0..200)
            .map(|i| format!("{}目標1 x{i}\n", "あ".repeat(i % 7)))
            .collect();
        let _ = tree(&deep);
    }
}

//! The document as lines and cells, normalised once for every recogniser.
//!
//! Text extracted from PDFs mixes full-width and half-width forms (`（累計）`, `１５件`,
//! `I o T`), so every line is normalised once, here, by core's [`normalize`]: NFKC, except
//! the list labels whose NFKC form loses meaning for a plan (`①` would become `1`, `Ⅱ`
//! `II`). Each line is cut into cells here, by the front end in [`layout`] that knows every
//! rendering a table takes in text, so recognisers see a table row as cells.
//!
//! Every input ends here as one shape, rows of cells: text through [`Doc::new`], the tables of
//! an HTML page, a workbook or a Word document through [`Doc::from_rows`]. Each line keeps
//! the evidence of how it was cut into cells ([`Split`]), so a warning can say why a value was
//! read from the column it was.
//!
//! Guarantees: building a [`Doc`] never fails and never panics, in time linear in the input;
//! line numbers are 1-based and count every line of the input, blank ones included (a row
//! joined from several lines has the number of its first).

use shinchoku_core::text::normalize;

use super::layout;

/// One line of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the input.
    pub no: usize,
    /// The line as read (without its line break, characters printed with a space between them
    /// joined: `layout::spaced`); for a row joined from several lines, those
    /// lines joined by line breaks.
    pub raw: String,
    /// The line normalised ([`normalize`]) and trimmed; for a row cut from another rendering
    /// than tabs, its cells joined by tabs, as the same row written with tabs reads.
    pub text: String,
    /// The cells of the line, each normalised and trimmed, as [`Line::split`] says it was
    /// cut; one cell when the line is no table row. Empty cells are kept (they mean "same as
    /// above" in some tables).
    pub cells: Vec<String>,
    /// How the line was cut into its cells.
    pub split: Split,
}

/// The evidence for how a line was cut into cells: what a warning cites when a value was read
/// from a column, and what a reader of the code sees when it asks where a cell came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Split {
    /// Not cut: the line is one cell, or its cells were separated by tabs as written.
    #[default]
    AsWritten,
    /// Cells of a table in a structured input: an HTML `<table>`, a worksheet, a Word table.
    /// `table` counts the input's tables from 1; `row` is the row within it, from 1 (for a
    /// worksheet, its row number).
    Table {
        /// What the table is, for a person: `HTML の表 2`, `シート「指標」`, `Word の表 1`.
        table: String,
        /// The row, from 1.
        row: usize,
    },
    /// Cells separated by ` | ` in a block of lines that all have the same number of them.
    Pipes,
    /// A row of a Markdown table (`| a | b |`, with or without its `|---|` line).
    Markdown,
    /// Cut at runs of spaces that line up with the `columns` columns of its block (the
    /// columns `pdftotext -layout` prints).
    Spaces {
        /// How many columns the block has.
        columns: usize,
    },
    /// Cut where cells stand a single space apart, by the header's `columns` columns and what
    /// the words look like (a number with its unit, a year, a name): a guess, made only when
    /// one cut fits best.
    RunOn {
        /// How many columns the header has.
        columns: usize,
    },
    /// Cut where no separator stands at all, in cells glued together: the header's `columns`
    /// header words, each row found by its unit and cut by the shapes of its numbers that the
    /// other rows share (`layout/glued.rs`): a guess.
    Glued {
        /// How many columns the header has.
        columns: usize,
    },
    /// A row printed over several source lines (a wrapped name, a unit on the next line),
    /// joined into one; `lines` are the source lines, in order. The row's `no` is the first.
    Joined {
        /// The source lines joined.
        lines: Vec<usize>,
    },
    /// A table printed one cell per line; `lines` are the lines of this row's cells.
    OneCellPerLine {
        /// The source lines of the cells, in column order.
        lines: Vec<usize>,
    },
    /// A table printed column after column (all names, then all units, then all values);
    /// `lines` are the lines this row's cells were paired from.
    Columns {
        /// The source lines of the cells, in column order.
        lines: Vec<usize>,
    },
}

impl Split {
    /// The evidence in words, for a warning; empty for a line taken as written.
    pub fn describe(&self) -> String {
        match self {
            Split::AsWritten => String::new(),
            Split::Table { table, row } => format!("{table} の {row} 行目"),
            Split::Pipes => "「|」で区切られたセル".to_owned(),
            Split::Markdown => "Markdown の表の行".to_owned(),
            Split::Spaces { columns } => format!("空白の列揃えで {columns} 列に区切った行"),
            Split::RunOn { columns } => {
                format!(
                    "1 字の空白で続くセルを、見出しの {columns} 列と語の種類から区切った行（推定）"
                )
            }
            Split::Glued { columns } => format!(
                "区切りなしで続くセルを、見出しの {columns} 語と単位・数の形から区切った行（推定）"
            ),
            Split::Joined { lines } => format!("{}をつないだ 1 行", span(lines)),
            Split::OneCellPerLine { lines } => {
                format!("1 行に 1 セルずつ書かれた表（{}）", span(lines))
            }
            Split::Columns { lines } => format!(
                "列ごとに続けて書かれた表から組んだ行（{} 行目）",
                lines
                    .iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join("・")
            ),
        }
    }
}

impl Split {
    /// The evidence in English, for the English half of a warning.
    pub fn describe_en(&self) -> String {
        match self {
            Split::AsWritten => String::new(),
            Split::Table { table, row } => format!("row {row} of {table}"),
            Split::Pipes => "cells separated by |".to_owned(),
            Split::Markdown => "a Markdown table row".to_owned(),
            Split::Spaces { columns } => {
                format!("a line cut into {columns} columns by aligned spaces")
            }
            Split::RunOn { columns } => format!(
                "cells run on with single spaces, cut by the header's {columns} columns and the \
                 kinds of words (a guess)"
            ),
            Split::Glued { columns } => format!(
                "cells glued together with no separator, cut by the header's {columns} words \
                 and the shapes of units and numbers (a guess)"
            ),
            Split::Joined { lines } => format!("one row joined from {}", span_en(lines)),
            Split::OneCellPerLine { lines } => {
                format!("a table written one cell per line ({})", span_en(lines))
            }
            Split::Columns { lines } => format!(
                "a row paired from a table printed column after column (lines {})",
                lines
                    .iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// Source lines in English: `line 3`, `lines 3-5`.
fn span_en(lines: &[usize]) -> String {
    match (lines.first(), lines.last()) {
        (Some(a), Some(b)) if a != b => format!("lines {a}-{b}"),
        (Some(a), _) => format!("line {a}"),
        _ => String::new(),
    }
}

/// Source lines in words: `3 行目`, `3〜5 行目`.
fn span(lines: &[usize]) -> String {
    match (lines.first(), lines.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}〜{b} 行目"),
        (Some(a), _) => format!("{a} 行目"),
        _ => String::new(),
    }
}

impl Line {
    /// The line numbered `offset` lines further on, with the lines its evidence cites.
    fn shifted(mut self, offset: usize) -> Self {
        self.no += offset;
        if let Split::Joined { lines }
        | Split::OneCellPerLine { lines }
        | Split::Columns { lines } = &mut self.split
        {
            for l in lines {
                *l += offset;
            }
        }
        self
    }

    /// True when the line has nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty() && self.cells.iter().all(String::is_empty)
    }

    /// True when the line is a table row (it has at least two cells).
    pub fn is_row(&self) -> bool {
        self.cells.len() > 1
    }
}

/// A part of a document read in parts ([`Doc::from_parts`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Text, for the text front end.
    Text(String),
    /// Rows already cut into cells, with the evidence of each.
    Rows(Vec<(Vec<String>, Split)>),
}

/// A document: its name and its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// The file name, for messages.
    pub file: String,
    /// Every line, in order.
    pub lines: Vec<Line>,
}

/// A run of consecutive table rows (lines with tabs), by index into [`Doc::lines`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowBlock {
    /// Index of the first row.
    pub start: usize,
    /// Index one past the last row.
    pub end: usize,
}

impl Doc {
    /// Splits decoded text into normalised lines, and each line into its cells by the
    /// rendering its table is in ([`layout`]): tabs, pipes, runs of spaces, one cell per
    /// line, rows broken over lines. Lines absorbed into a row (a wrapped name, a Markdown
    /// separator) are not lines of the result; every line's `no` is its first source line.
    pub fn new(file: &str, text: &str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // Spaced-out characters joined first, so every rendering sees the words.
        let text = layout::spaced::join(text);
        let sources = layout::sources(&text);
        Doc {
            file: file.to_owned(),
            lines: layout::cut(&sources),
        }
    }

    /// A document from rows already cut into cells (the tables and paragraphs of a structured
    /// input), one line per row, numbered from 1 in the order given. Cells are normalised and
    /// trimmed as [`Doc::new`] does; a row of one cell is a line of text.
    pub fn from_rows(file: &str, rows: impl IntoIterator<Item = (Vec<String>, Split)>) -> Self {
        let lines = rows
            .into_iter()
            .enumerate()
            .map(|(i, (cells, split))| {
                let cells: Vec<String> = cells
                    .iter()
                    // A cell's own tabs and line breaks are spaces inside it; they cut nothing.
                    .map(|c| {
                        normalize(&c.replace(['\t', '\r', '\n'], " "))
                            .trim()
                            .to_owned()
                    })
                    .collect();
                let raw = cells.join("\t");
                let cells = if cells.is_empty() {
                    vec![String::new()]
                } else {
                    cells
                };
                Line {
                    no: i + 1,
                    text: raw.trim().to_owned(),
                    raw,
                    cells,
                    split,
                }
            })
            .collect();
        Doc {
            file: file.to_owned(),
            lines,
        }
    }

    /// A document from parts in order, each numbered on from the lines of the parts before
    /// it: text read by the text front end ([`Doc::new`]), rows already cut
    /// ([`Doc::from_rows`]). A PDF is read so: the text of its pages, and the tables its
    /// ruled lines draw as rows of cells.
    pub fn from_parts(file: &str, parts: Vec<Part>) -> Self {
        let mut lines = Vec::new();
        let mut offset = 0;
        for part in parts {
            let (doc, n) = match part {
                Part::Text(text) => {
                    let n = text.split('\n').count();
                    (Doc::new(file, &text), n)
                }
                Part::Rows(rows) => {
                    let n = rows.len();
                    (Doc::from_rows(file, rows), n)
                }
            };
            lines.extend(doc.lines.into_iter().map(|l| l.shifted(offset)));
            offset += n;
        }
        Doc {
            file: file.to_owned(),
            lines,
        }
    }

    /// Maximal runs of consecutive table rows. A blank line ends a run.
    pub fn row_blocks(&self) -> Vec<RowBlock> {
        let mut blocks = Vec::new();
        let mut start = None;
        for (i, l) in self.lines.iter().enumerate() {
            match (l.is_row(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    blocks.push(RowBlock { start: s, end: i });
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            blocks.push(RowBlock {
                start: s,
                end: self.lines.len(),
            });
        }
        blocks
    }

    /// The index of the next non-blank line at or after `i`.
    pub fn next_nonblank(&self, i: usize) -> Option<usize> {
        (i..self.lines.len()).find(|&j| !self.lines[j].is_blank())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_numbered_and_split_into_cells() {
        let d = Doc::new(
            "t.txt",
            "\u{feff}見出し\r\n\n項目\t現状\t目標\n①件数\t25件\t125件\n",
        );
        assert_eq!(d.lines.len(), 5);
        assert_eq!(d.lines[0].text, "見出し");
        assert!(d.lines[1].is_blank());
        assert_eq!(d.lines[3].no, 4);
        assert_eq!(d.lines[3].cells, ["①件数", "25件", "125件"]);
        assert_eq!(d.row_blocks(), [RowBlock { start: 2, end: 4 }]);
    }

    #[test]
    fn rows_of_a_structured_input_keep_their_cells_and_evidence() {
        let t = |row| Split::Table {
            table: "HTML の表 1".to_owned(),
            row,
        };
        let d = Doc::from_rows(
            "t.html",
            [
                (vec!["成果指標".to_owned()], Split::AsWritten),
                (
                    vec!["指標名".into(), "現状値\n(R4)".into(), "目標値".into()],
                    t(1),
                ),
                (vec!["１５件".into(), "a\tb".into()], t(2)),
            ],
        );
        assert_eq!(d.lines.len(), 3);
        assert!(!d.lines[0].is_row());
        assert_eq!(d.lines[1].cells, ["指標名", "現状値 (R4)", "目標値"]);
        assert_eq!(d.lines[2].cells, ["15件", "a b"]);
        assert_eq!(d.lines[2].no, 3);
        assert_eq!(d.lines[2].split.describe(), "HTML の表 1 の 2 行目");
        assert_eq!(d.row_blocks(), [RowBlock { start: 1, end: 3 }]);
    }
}

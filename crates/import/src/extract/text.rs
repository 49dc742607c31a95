//! The document as lines and cells, normalised once for every recogniser.
//!
//! Text extracted from PDFs mixes full-width and half-width forms (`（累計）`, `１５件`,
//! `I o T`), so every line is normalised once, here, by core's [`normalize`]: NFKC, except
//! the list labels whose NFKC form loses meaning for a plan (`①` would become `1`, `Ⅱ`
//! `II`). Tab-separated cells are split here, so recognisers see a table row as cells.
//!
//! Every input ends here as one shape, rows of cells: text through [`Doc::new`], the tables of
//! an HTML page, a workbook or a Word document through [`Doc::from_rows`]. Each line keeps
//! the evidence of how it was cut into cells ([`Split`]), so a warning can say why a value was
//! read from the column it was.
//!
//! Guarantees: building a [`Doc`] never fails and never panics; line numbers are 1-based and
//! count every line of the input, blank ones included.

use shinchoku_core::text::normalize;

/// One line of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the input.
    pub no: usize,
    /// The line as read (without its line break).
    pub raw: String,
    /// The line normalised ([`normalize`]) and trimmed.
    pub text: String,
    /// The tab-separated cells of the line, each normalised and trimmed; one cell when the
    /// line has no tab. Empty cells are kept (they mean "same as above" in some tables).
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
}

impl Split {
    /// The evidence in words, for a warning; empty for a line taken as written.
    pub fn describe(&self) -> String {
        match self {
            Split::AsWritten => String::new(),
            Split::Table { table, row } => format!("{table} の {row} 行目"),
        }
    }
}

impl Line {
    /// True when the line has nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty() && self.cells.iter().all(String::is_empty)
    }

    /// True when the line is a table row (it has at least two cells).
    pub fn is_row(&self) -> bool {
        self.cells.len() > 1
    }
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
    /// Splits decoded text into normalised lines.
    pub fn new(file: &str, text: &str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines = text
            .split('\n')
            .enumerate()
            .map(|(i, raw)| {
                let raw = raw.strip_suffix('\r').unwrap_or(raw);
                // NFKC keeps tabs, so the normalised line splits into the normalised cells.
                let norm = normalize(raw);
                let cells: Vec<String> = norm.split('\t').map(|c| c.trim().to_owned()).collect();
                Line {
                    no: i + 1,
                    raw: raw.to_owned(),
                    text: norm.trim().to_owned(),
                    cells,
                    split: Split::AsWritten,
                }
            })
            .collect();
        Doc {
            file: file.to_owned(),
            lines,
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

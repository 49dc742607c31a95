//! The document as lines and cells, normalised once for every recogniser.
//!
//! Text extracted from PDFs mixes full-width and half-width forms (`（累計）`, `１５件`,
//! `I o T`), so every line is normalised once, here, by core's [`normalize`]: NFKC, except
//! the list labels whose NFKC form loses meaning for a plan (`①` would become `1`, `Ⅱ`
//! `II`). Tab-separated cells are split here, so recognisers see a table row as cells.
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
}

impl Line {
    /// True when the line has nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty() && self.cells.iter().all(String::is_empty)
    }

    /// True when the line is a table row (it has at least one tab).
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
}

//! A table's rows laid out with their spans: the one place where a cell spanning several
//! columns or rows becomes positions in a row.
//!
//! A spanned cell's text is in its first position (top left); every other position it covers
//! is an empty cell (the module doc of [`super`] says why). The algorithm is HTML's table
//! model cut down: a row skips the columns a cell above still covers, and each cell covers
//! `colspan` columns and `rowspan` rows. Spans are clamped as browsers clamp them (colspan to
//! 1000, rowspan to 65534), and every position laid out counts against a cell budget, so a
//! table of huge spans is refused instead of filling memory.

/// Browsers' limit on `colspan`.
pub const MAX_COLSPAN: usize = 1000;
/// Browsers' limit on `rowspan`.
pub const MAX_ROWSPAN: usize = 65534;

/// The budget ran out: the table lays out more cells than allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooManyCells;

/// One table's layout state.
#[derive(Debug, Default)]
pub struct Grid {
    /// For each column, how many rows after the current one a cell above still covers.
    pending: Vec<usize>,
    /// For each column, whether a cell above covers it in the current row.
    covered: Vec<bool>,
    /// The current row's cells.
    row: Vec<String>,
    /// Whether a row is open.
    open: bool,
}

impl Grid {
    /// Opens a row (closing one left open is the caller's business: [`Grid::end_row`]).
    pub fn start_row(&mut self) {
        self.covered = self.pending.iter().map(|&p| p > 0).collect();
        for p in &mut self.pending {
            *p = p.saturating_sub(1);
        }
        self.row.clear();
        self.open = true;
    }

    /// Lays out a cell at the next free column of the open row (opening one if none is),
    /// taking `budget` down by the positions it fills.
    pub fn cell(
        &mut self,
        text: String,
        colspan: usize,
        rowspan: usize,
        budget: &mut usize,
    ) -> Result<(), TooManyCells> {
        if !self.open {
            self.start_row();
        }
        let colspan = colspan.clamp(1, MAX_COLSPAN);
        let rowspan = rowspan.clamp(1, MAX_ROWSPAN);
        self.skip_covered(budget)?;
        take(budget, colspan)?;
        let at = self.row.len();
        self.row.push(text);
        self.row
            .extend(std::iter::repeat_n(String::new(), colspan - 1));
        if rowspan > 1 {
            if self.pending.len() < at + colspan {
                self.pending.resize(at + colspan, 0);
            }
            for p in &mut self.pending[at..at + colspan] {
                *p = rowspan - 1;
            }
        }
        Ok(())
    }

    /// Closes the open row and returns its cells, the columns covered from above filled in
    /// as empty cells; `None` when no row is open.
    pub fn end_row(&mut self, budget: &mut usize) -> Result<Option<Vec<String>>, TooManyCells> {
        if !self.open {
            return Ok(None);
        }
        self.open = false;
        let last_covered = self.covered.iter().rposition(|&c| c).map_or(0, |i| i + 1);
        if self.row.len() < last_covered {
            take(budget, last_covered - self.row.len())?;
            self.row.resize(last_covered, String::new());
        }
        Ok(Some(std::mem::take(&mut self.row)))
    }

    /// Fills the columns a cell above covers at the current position with empty cells.
    fn skip_covered(&mut self, budget: &mut usize) -> Result<(), TooManyCells> {
        while self.covered.get(self.row.len()).copied().unwrap_or(false) {
            take(budget, 1)?;
            self.row.push(String::new());
        }
        Ok(())
    }
}

/// Takes `n` from the budget, or fails when it has less.
fn take(budget: &mut usize, n: usize) -> Result<(), TooManyCells> {
    *budget = budget.checked_sub(n).ok_or(TooManyCells)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lays out rows of `(text, colspan, rowspan)` and returns the rows.
    fn lay_out(rows: &[&[(&str, usize, usize)]]) -> Vec<Vec<String>> {
        let mut g = Grid::default();
        let mut budget = 1000;
        let mut out = Vec::new();
        for r in rows {
            g.start_row();
            for (t, c, s) in *r {
                g.cell((*t).to_owned(), *c, *s, &mut budget).unwrap();
            }
            out.push(g.end_row(&mut budget).unwrap().unwrap());
        }
        out
    }

    #[test]
    fn a_spanned_cell_keeps_its_text_first_and_leaves_the_rest_empty() {
        let rows = lay_out(&[
            &[("分野", 1, 3), ("指標", 1, 1), ("目標値", 2, 1)],
            &[("件数", 1, 1), ("R7", 1, 1), ("R9", 1, 1)],
            &[("率", 1, 1), ("1", 1, 1), ("2", 1, 1)],
            &[("次", 1, 1)],
        ]);
        assert_eq!(rows[0], ["分野", "指標", "目標値", ""]);
        assert_eq!(rows[1], ["", "件数", "R7", "R9"]);
        assert_eq!(rows[2], ["", "率", "1", "2"]);
        assert_eq!(rows[3], ["次"]);
    }

    #[test]
    fn a_row_span_past_the_last_cell_of_a_row_still_fills_it() {
        let rows = lay_out(&[&[("a", 1, 1), ("b", 1, 2)], &[("c", 1, 1)]]);
        assert_eq!(rows[1], ["c", ""]);
    }

    #[test]
    fn huge_spans_are_clamped_and_counted_against_the_budget() {
        let mut g = Grid::default();
        let mut budget = 5000;
        g.cell("x".into(), usize::MAX, usize::MAX, &mut budget)
            .unwrap();
        assert_eq!(budget, 4000);
        let row = g.end_row(&mut budget).unwrap().unwrap();
        assert_eq!(row.len(), MAX_COLSPAN);
        let mut small = 10;
        g.start_row();
        assert_eq!(g.end_row(&mut small), Err(TooManyCells));
    }
}

//! Fitting a line's words to a header's columns: which words make which cell.
//!
//! A header says what each column holds (names, units, values, periods: [`HeadKind`]); a row's
//! words say what they look like ([`Kind`]). When the words are more than the columns (a name
//! of several words, `12.4 %`, `16 (R4)`), the cut is the one whose cells look most like
//! their columns, found by dynamic programming over (column, word) — at most
//! [`MAX_EXTRA`] + 1 words per cell, so the work per line is bounded. A cut is taken only
//! when it is the only best one and every cell is plausible for its column: otherwise the
//! line is not cut, never guessed.

use super::tokens::{gap, Kind, Token};
use crate::extract::lexicon::HeadKind;

/// How many more words than columns a row may have and still be cut.
pub const MAX_EXTRA: usize = 8;

/// The cost above which a cell is implausible for its column.
pub const PLAUSIBLE: u32 = 2;

/// How unlike its column the cell made of words of these kinds is: 0 for a cell that looks as
/// expected, up to [`PLAUSIBLE`] for one that may be (a target in words), more for one that
/// is not.
pub fn cell_cost(kinds: &[Kind], col: HeadKind) -> u32 {
    use Kind::*;
    let Some(&first) = kinds.first() else {
        return 9;
    };
    match col {
        HeadKind::Name => match first {
            Text | Paren | Unit => 0,
            _ if kinds.contains(&Text) => 1,
            _ => 3,
        },
        HeadKind::Other => u32::from(first != Text),
        HeadKind::Unit => match kinds {
            [Unit] | [Dash] => 0,
            [Paren] => 1,
            [Text] => 1,
            _ => 6,
        },
        HeadKind::Value => match kinds {
            [Num]
            | [Num, Unit]
            | [Num, Paren]
            | [Num, Unit, Paren]
            | [Paren, Num]
            | [Dash]
            | [Dash, Paren] => 0,
            [Year] | [Num, Year] | [Year, Num] => 1,
            _ if kinds.iter().all(|k| matches!(k, Text | Paren)) => 2,
            _ => 5,
        },
        HeadKind::Period => match kinds {
            [Year] | [Year, Paren] | [Dash] => 0,
            [Paren] => 1,
            [Num] => 2,
            _ => 5,
        },
    }
}

/// The best cut of `tokens` into one cell per column: the word ranges, and whether any cut
/// fell at a single space (a guess from the kinds, not from the layout). `None` when the words
/// are fewer than the columns, too many more, the best cut is not the only one, or a cell is
/// implausible for its column.
pub fn fit(tokens: &[Token], cols: &[HeadKind]) -> Option<(Vec<(usize, usize)>, bool)> {
    let (t_n, c_n) = (tokens.len(), cols.len());
    if c_n == 0 || t_n < c_n || t_n > c_n + MAX_EXTRA {
        return None;
    }
    let span = t_n - c_n + 1; // the most words one cell can have
    let kinds: Vec<Kind> = tokens.iter().map(|t| t.kind).collect();
    let last_value = cols
        .iter()
        .rposition(|c| matches!(c, HeadKind::Value | HeadKind::Period));
    // dp[j][t]: (cost, number of cuts with that cost, start of the last cell) for the first
    // j columns made of the first t words.
    const NONE: (u32, u32, usize) = (u32::MAX, 0, 0);
    let mut dp = vec![vec![NONE; t_n + 1]; c_n + 1];
    dp[0][0] = (0, 1, 0);
    for j in 1..=c_n {
        for t in j..=(t_n - (c_n - j)) {
            let mut best = NONE;
            let from = t.saturating_sub(span).max(j - 1);
            for (s, &(pc, pn, _)) in dp[j - 1].iter().enumerate().take(t).skip(from) {
                if pn == 0 {
                    continue;
                }
                let mut c = pc + step_cost(tokens, &kinds, s, t, cols[j - 1]);
                // A note after the values opens with words (`全国平均 25.1%`); a number
                // opening it more likely ends the words before it.
                if cols[j - 1] == HeadKind::Other
                    && last_value.is_some_and(|v| j - 1 > v)
                    && kinds[s] == Kind::Num
                {
                    c += 1;
                }
                if c < best.0 {
                    best = (c, pn, s);
                } else if c == best.0 {
                    best.1 = best.1.saturating_add(pn);
                }
            }
            dp[j][t] = best;
        }
    }
    let (_, count, _) = dp[c_n][t_n];
    if count != 1 {
        return None;
    }
    let mut ranges = vec![(0, 0); c_n];
    let mut t = t_n;
    for j in (1..=c_n).rev() {
        let s = dp[j][t].2;
        ranges[j - 1] = (s, t);
        t = s;
    }
    let mut single = false;
    for (j, &(s, e)) in ranges.iter().enumerate() {
        if cell_cost(kinds.get(s..e)?, cols[j]) > PLAUSIBLE {
            return None;
        }
        if s > 0 && gap(&tokens[s - 1], &tokens[s]) < 2 {
            single = true;
        }
    }
    Some((ranges, single))
}

/// The cost of words `s..t` as the cell of a column: how unlike the column they look, a
/// heavy cost for every run of spaces inside the cell (a layout cut the cell would ignore),
/// and a small one for cutting between two words of text at a single space.
fn step_cost(tokens: &[Token], kinds: &[Kind], s: usize, t: usize, col: HeadKind) -> u32 {
    let mut c = cell_cost(&kinds[s..t], col);
    for w in tokens[s..t].windows(2) {
        if gap(&w[0], &w[1]) >= 2 {
            c += 3;
        }
    }
    if s > 0
        && gap(&tokens[s - 1], &tokens[s]) < 2
        && kinds[s - 1] == Kind::Text
        && kinds[s] == Kind::Text
    {
        c += 1;
    }
    c
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokens;
    use super::*;

    fn cut(line: &str, cols: &[HeadKind]) -> Option<Vec<String>> {
        let t = tokens(line, 64)?;
        let (ranges, _) = fit(&t, cols)?;
        Some(
            ranges
                .iter()
                .map(|&(s, e)| {
                    t[s..e]
                        .iter()
                        .map(|t| t.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect(),
        )
    }

    use HeadKind::*;

    #[test]
    fn a_name_of_several_words_stays_one_cell() {
        assert_eq!(
            cut(
                "中小企業の I o T 導入率 % 10 20",
                &[Name, Unit, Value, Value]
            )
            .unwrap(),
            ["中小企業の I o T 導入率", "%", "10", "20"]
        );
    }

    #[test]
    fn a_number_keeps_its_unit_and_year() {
        assert_eq!(
            cut("市民満足度 12.4 % 30.0 % (R9)", &[Name, Value, Value]).unwrap(),
            ["市民満足度", "12.4 %", "30.0 % (R9)"]
        );
    }

    #[test]
    fn a_note_after_the_values_opens_with_its_words_not_a_number() {
        assert_eq!(
            cut(
                "河川の水質基準達成率 88.0% 県平均を上回る 県平均 91.3%",
                &[Name, Value, Value, Other]
            )
            .unwrap(),
            [
                "河川の水質基準達成率",
                "88.0%",
                "県平均を上回る",
                "県平均 91.3%"
            ]
        );
    }

    #[test]
    fn prose_and_ambiguous_rows_are_not_cut() {
        assert_eq!(cut("この計画 は 市民 と 共に", &[Name, Value, Value]), None);
        assert_eq!(cut("消防団員数 人", &[Name, Unit, Value]), None);
    }
}

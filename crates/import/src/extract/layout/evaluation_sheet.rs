//! An evaluation sheet's indicator grid as `pdftotext -layout` prints it (施策評価調書): a
//! header of a name column, a row-label column and years (`指標名  区分  R2  R3  R4`), then
//! for each indicator a few labelled rows (`目標値`, `実績値`, `達成率`) of values under the
//! years, the indicator's name and its baseline printed in the name column across those rows
//! (`製造品出荷額等(億` / `円)` / `基準値 4,512(R1)`), a narrow label's last character on the
//! next line (`目標` / `値`), the sheet's vertical label one character a line at the left.
//!
//! The cells are told by what they are, not where they stand, since the sheet centres them:
//! a row label is a series row word of the lexicon ([`lexicon::SERIES_TARGET_ROWS`],
//! [`lexicon::SERIES_ACTUAL_ROWS`], [`lexicon::SERIES_DERIVED_ROWS`]) or the start of one, a
//! character alone that completes the label above is its wrapped end, the numbers after a
//! label are its values (filling the years from the first: later years not yet there), a
//! character alone left of the header's name word is the vertical label (passed over), and
//! every other word is the name column's. An indicator starts at a row label its group
//! already has; its name cell is the name column's words on its lines, joined. The grid ends
//! at a blank line or at a line that opens with another header word (`評価`).
//!
//! Each indicator comes out as one row per label: the name cell on the first, the label, and
//! the values, as the same grid written with tabs reads.

use super::tokens::{tokens, Kind, Token};
use super::{cell, join_wrapped, row, Source};
use crate::extract::lexicon::{self, head_word, HeadKind};
use crate::extract::text::{Line, Split};

/// The most words a line of the grid may have.
const MAX_WORDS: usize = 24;

/// The most lines a grid may have.
const MAX_LINES: usize = 400;

/// One labelled row of an indicator.
struct LabelRow {
    label: String,
    values: Vec<String>,
    lines: Vec<usize>,
}

/// One indicator: its name column's words and its labelled rows.
#[derive(Default)]
struct Group {
    name: String,
    rows: Vec<LabelRow>,
}

/// Reads the grid whose header is line `i` into `out`; the number of lines used.
pub fn block(src: &[Source<'_>], i: usize, out: &mut Vec<Line>) -> Option<usize> {
    let s = src.get(i)?;
    let head = tokens(s.raw, MAX_WORDS)?;
    let (name_head, rest) = head.split_first()?;
    let (label_head, years) = rest.split_first()?;
    if head_word(&name_head.text) != Some(HeadKind::Name)
        || !lexicon::ROW_LABEL_HEADS.contains(&label_head.text.as_str())
        || years.len() < 2
        || !years.iter().all(|t| t.kind == Kind::Year)
    {
        return None;
    }
    let left_edge = name_head.start;
    let mut groups: Vec<Group> = Vec::new();
    let mut j = i + 1;
    while let Some(l) = src.get(j).filter(|_| j - i < MAX_LINES) {
        if l.norm.trim().is_empty() || l.norm.contains('\t') {
            break;
        }
        let Some(toks) = tokens(l.raw, MAX_WORDS) else {
            break;
        };
        let toks: Vec<&Token> = toks
            .iter()
            .filter(|t| !(t.end <= left_edge && t.text.chars().count() == 1))
            .collect();
        if toks.first().is_some_and(|t| opens_other_field(&t.text)) {
            break;
        }
        read_line(l, &toks, &mut groups);
        j += 1;
    }
    let groups: Vec<Group> = groups.into_iter().filter(|g| !g.name.is_empty()).collect();
    if groups.is_empty() {
        return None;
    }
    let n = head.len();
    out.push(row(
        s.no,
        s.raw.to_owned(),
        head.iter().map(|t| t.text.clone()).collect(),
        Split::Spaces { columns: n },
    ));
    for g in groups {
        for (k, r) in g.rows.into_iter().enumerate() {
            let mut cells = vec![if k == 0 {
                g.name.clone()
            } else {
                String::new()
            }];
            cells.push(r.label);
            let mut values = r.values.into_iter();
            cells.extend((2..n).map(|_| values.next().unwrap_or_default()));
            let raw = r
                .lines
                .iter()
                .filter_map(|&no| src.get(no.checked_sub(1)?).map(|l| l.raw))
                .collect::<Vec<_>>()
                .join("\n");
            let no = r.lines.first().copied().unwrap_or(s.no);
            out.push(row(no, raw, cells, Split::Joined { lines: r.lines }));
        }
    }
    Some(j - i)
}

/// Reads the same grid printed one cell per line at `i` into `out`; the number of lines used.
///
/// The header's cells stand one a line (`指標名` / `区分` / `R3` / `R4` / `R5`); then for
/// each indicator its name's lines, and each labelled row as its label's line and one line per
/// value after it (`目標値` / `210` / `220` / `230`), as many as the years or fewer. The
/// lines are gathered into the lines the `-layout` form prints (the header on one line, a
/// label with its values on one), and that grid is read by [`block`], so both forms are read
/// by one rule. The grid ends at a blank line, a line with a tab, a year (another header) or
/// a line that opens another field of the sheet.
pub fn per_line_block(src: &[Source<'_>], i: usize, out: &mut Vec<Line>) -> Option<usize> {
    let alone = |k: usize| -> Option<Token> {
        let s = src.get(k)?;
        match tokens(s.raw, 2)?.as_slice() {
            [w] if !s.norm.contains('\t') => Some(w.clone()),
            _ => None,
        }
    };
    let name_head = alone(i)?;
    let label = alone(i + 1)?;
    if head_word(&name_head.text) != Some(HeadKind::Name)
        || !lexicon::ROW_LABEL_HEADS.contains(&label.text.as_str())
    {
        return None;
    }
    let years = (i + 2..src.len().min(i + 2 + MAX_WORDS))
        .take_while(|&k| alone(k).is_some_and(|w| w.kind == Kind::Year))
        .count();
    if years < 2 {
        return None;
    }
    // The gathered lines: their text, and the source lines each was gathered from.
    let head: Vec<usize> = (i..i + 2 + years).collect();
    let mut gathered: Vec<(String, Vec<usize>)> = vec![(
        head.iter()
            .filter_map(|&k| alone(k).map(|w| w.text))
            .collect::<Vec<_>>()
            .join("  "),
        head,
    )];
    let mut k = i + 2 + years;
    // The lines of the name of the indicator whose rows come next.
    let mut name: (String, Vec<usize>) = (String::new(), Vec::new());
    while k < src.len() && k - i < MAX_LINES {
        let s = &src[k];
        let t = s.norm.trim();
        let one = alone(k);
        if t.is_empty()
            || s.norm.contains('\t')
            || one.as_ref().is_some_and(|w| w.kind == Kind::Year)
        {
            break;
        }
        if one
            .as_ref()
            .is_some_and(|w| row_label_words().any(|l| l == w.text))
        {
            // The name's lines before the label are printed beside it in the other form.
            let (mut text, mut lines) = std::mem::take(&mut name);
            if !text.is_empty() {
                text.push_str("  ");
            }
            text.push_str(t);
            lines.push(k);
            k += 1;
            let mut values = 0;
            while values < years {
                match alone(k) {
                    Some(w) if matches!(w.kind, Kind::Num | Kind::Dash) => {
                        text.push_str("  ");
                        text.push_str(&w.text);
                        lines.push(k);
                        values += 1;
                        k += 1;
                    }
                    _ => break,
                }
            }
            gathered.push((text, lines));
            continue;
        }
        if one.as_ref().is_some_and(|w| opens_other_field(&w.text))
            || tokens(s.raw, MAX_WORDS).is_none()
        {
            break;
        }
        join_wrapped(&mut name.0, t);
        name.1.push(k);
        k += 1;
    }
    // Name lines with no labelled row after them are no part of the grid.
    let view: Vec<Source<'_>> = gathered
        .iter()
        .map(|(text, lines)| Source {
            no: lines.first().map_or(0, |&l| src[l].no),
            raw: text,
            norm: text.clone(),
        })
        .collect();
    let mut got = Vec::new();
    let used = block(&view, 0, &mut got)?;
    let lines_of = |no: usize| -> Vec<usize> {
        gathered
            .iter()
            .find(|(_, ls)| {
                ls.first()
                    .is_some_and(|&l| src.get(l).is_some_and(|s| s.no == no))
            })
            .map_or_else(Vec::new, |(_, ls)| ls.clone())
    };
    for mut l in got {
        let view_lines = match &l.split {
            Split::Joined { lines } => lines.clone(),
            _ => vec![l.no],
        };
        let lines: Vec<usize> = view_lines.iter().flat_map(|&no| lines_of(no)).collect();
        l.raw = lines
            .iter()
            .map(|&k| src[k].raw)
            .collect::<Vec<_>>()
            .join("\n");
        l.split = Split::OneCellPerLine {
            lines: lines.iter().map(|&k| src[k].no).collect(),
        };
        out.push(l);
    }
    let last = gathered.get(used.checked_sub(1)?)?.1.last().copied()?;
    Some(last + 1 - i)
}

/// A row label of the grid, or the start of one (`達成` of `達成率`).
fn is_row_label(w: &str) -> bool {
    row_label_words().any(|l| l == w || (l.starts_with(w) && w.chars().count() >= 2))
}

fn row_label_words() -> impl Iterator<Item = &'static str> {
    lexicon::SERIES_TARGET_ROWS
        .iter()
        .chain(lexicon::SERIES_ACTUAL_ROWS)
        .chain(lexicon::SERIES_DERIVED_ROWS)
        .copied()
}

/// A line that opens another field of the sheet (`評価`, `備考`): the grid has ended.
fn opens_other_field(w: &str) -> bool {
    matches!(
        head_word(w),
        Some(HeadKind::Name | HeadKind::Other | HeadKind::Unit | HeadKind::Period)
    ) && !is_row_label(w)
}

/// Reads one line of the grid into the groups.
fn read_line(l: &Source<'_>, toks: &[&Token], groups: &mut Vec<Group>) {
    let at = toks.iter().position(|t| is_row_label(&t.text));
    // A character alone that completes the label above (`値` under `目標`).
    let tail = at.is_none().then(|| {
        toks.iter().position(|t| {
            t.text.chars().count() == 1
                && groups.last().and_then(|g| g.rows.last()).is_some_and(|r| {
                    row_label_words().any(|w| w == format!("{}{}", r.label, t.text))
                })
        })
    });
    let split = at.or(tail.flatten());
    let (name_words, after) = match split {
        Some(k) => (&toks[..k], &toks[k..]),
        None => (toks, &toks[toks.len()..]),
    };
    if let Some(k) = at {
        let label = toks[k].text.clone();
        let repeats = groups.last().is_none_or(|g| {
            g.rows
                .iter()
                .any(|r| r.label.starts_with(&label) || label.starts_with(&r.label))
        });
        if repeats {
            groups.push(Group::default());
        }
    }
    let Some(g) = groups.last_mut() else {
        return;
    };
    if !name_words.is_empty() {
        let (a, b) = (name_words[0], name_words[name_words.len() - 1]);
        let words = cell(l.raw.get(a.bytes.0..b.bytes.1).unwrap_or_default());
        join_wrapped(&mut g.name, &words);
    }
    let Some((first, values)) = after.split_first() else {
        return;
    };
    let values = values
        .iter()
        .filter(|t| matches!(t.kind, Kind::Num | Kind::Dash))
        .map(|t| t.text.clone());
    if at.is_some() {
        g.rows.push(LabelRow {
            label: first.text.clone(),
            values: values.collect(),
            lines: vec![l.no],
        });
    } else if let Some(r) = g.rows.last_mut() {
        r.label.push_str(&first.text);
        r.values.extend(values);
        r.lines.push(l.no);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<Vec<String>> {
        let src = super::super::sources(text);
        let mut out = Vec::new();
        let _ = block(&src, 0, &mut out);
        out.into_iter().map(|l| l.cells).collect()
    }

    #[test]
    fn the_grid_printed_one_cell_per_line_reads_as_the_laid_out_grid() {
        let src = super::super::sources(
            "指標名\n区分\nR3\nR4\nR5\n公民館講座の数\n(講座)\n目標値\n40\n45\n50\n\
             実績値\n38\n46\n駐輪場の台数\n目標値\n300\n320\n340\n実績値\n―\n\
             評価\nA\n",
        );
        let mut out = Vec::new();
        assert_eq!(per_line_block(&src, 0, &mut out), Some(21));
        let rows: Vec<Vec<String>> = out.iter().map(|l| l.cells.clone()).collect();
        assert_eq!(rows[0], ["指標名", "区分", "R3", "R4", "R5"]);
        assert_eq!(
            rows[1],
            ["公民館講座の数(講座)", "目標値", "40", "45", "50"]
        );
        assert_eq!(rows[2], ["", "実績値", "38", "46", ""]);
        assert_eq!(rows[3], ["駐輪場の台数", "目標値", "300", "320", "340"]);
        assert_eq!(rows[4], ["", "実績値", "―", "", ""]);
        assert_eq!(rows.len(), 5);
        assert_eq!(
            out[2].split,
            Split::OneCellPerLine {
                lines: vec![12, 13, 14]
            }
        );
        // A header without years, or without its label column, is no such grid.
        let src = super::super::sources("指標名\n区分\n目標値\n40\n");
        assert_eq!(per_line_block(&src, 0, &mut Vec::new()), None);
        let src = super::super::sources("指標名\nR3\nR4\n目標値\n40\n");
        assert_eq!(per_line_block(&src, 0, &mut Vec::new()), None);
    }

    #[test]
    fn labelled_rows_under_years_with_the_name_across_them() {
        let rows = cut(concat!(
            "      指標名     区分    R3     R4     R5\n",
            "                 目標     210    220    230\n",
            "                 値\n",
            "  図書館の利用 実績     205    226\n",
            "  者数(千人)     値\n",
            "成 基準値 198(R2)\n",
            "果               達成    97.6%  102.7%\n",
            "                 率\n",
            "   公民館講座の  目標      40     45     50\n",
            "   数(講座)       実績      38\n",
            "評価  A\n",
        ));
        assert_eq!(rows[0], ["指標名", "区分", "R3", "R4", "R5"]);
        assert_eq!(
            rows[1],
            [
                "図書館の利用者数(千人)基準値 198(R2)",
                "目標値",
                "210",
                "220",
                "230"
            ]
        );
        assert_eq!(rows[2], ["", "実績値", "205", "226", ""]);
        assert_eq!(rows[3], ["", "達成率", "97.6%", "102.7%", ""]);
        assert_eq!(rows[4], ["公民館講座の数(講座)", "目標", "40", "45", "50"]);
        assert_eq!(rows[5], ["", "実績", "38", "", ""]);
        assert_eq!(rows.len(), 6);
    }
}

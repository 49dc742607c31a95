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

//! A form's indicators printed as a name line and a line of values beneath it, what a PDF's
//! text layer gives for an evaluation sheet (事務事業評価表): the name with its column
//! headings after it on one line (`見学会の参加者数(人) 4年度実績 5年度計画 8年度見込み 備考`),
//! the values alone on the next (`120 130 150`), and further indicators as the same pair of
//! lines, with the headings again or with the name alone.
//!
//! The first name line ends in two or more column headings: header words of the lexicon
//! ([`head_word`]) or a year with what its figure is (`4年度実績`, `R5計画`,
//! [`lexicon::YEAR_COLUMN_WORDS`]); the words before them are the name. The line beneath holds
//! only numbers and dashes, as many as the value headings, which they fill in order (any other
//! heading's cell stays empty). A later pair is a row of the same table when its name line
//! has the same headings or none, and its values the same count. The form's vertical labels
//! between the pairs, one character a line (`活` / `動` / `指` / `標`), are passed over. The
//! name column's heading is [`lexicon::NAME_COLUMN_HEAD`], which the form prints elsewhere.

use super::tokens::{tokens, Kind, Token};
use super::{cell, row, Source};
use crate::extract::lexicon::{self, head_word, HeadKind};
use crate::extract::text::{Line, Split};

/// The most words a name line may have.
const MAX_WORDS: usize = 16;

/// Reads the pairs of lines at `i` into `out`; the number of lines used.
pub fn block(src: &[Source<'_>], i: usize, out: &mut Vec<Line>) -> Option<usize> {
    let first = src.get(i)?;
    let toks = tokens(first.raw, MAX_WORDS)?;
    let f = toks.iter().position(is_heading)?;
    if f == 0 {
        return headings_over_values(src, i, &toks, out);
    }
    if toks[0].kind == Kind::Num || !toks[f..].iter().all(is_heading) {
        return None;
    }
    let heads: Vec<&Token> = toks[f..].iter().collect();
    let values = heads.iter().filter(|h| is_value_heading(h)).count();
    if heads.len() < 2 || values < 2 {
        return None;
    }
    let head_texts: Vec<String> = heads.iter().map(|t| t.text.clone()).collect();
    let mut rows = Vec::new();
    let mut j = i;
    loop {
        // Vertical labels before a pair, one character a line.
        let mut k = j;
        if !rows.is_empty() {
            while src.get(k).is_some_and(is_vertical_label) {
                k += 1;
            }
        }
        let Some(name) = src.get(k).and_then(|l| name_of(l, &head_texts)) else {
            break;
        };
        let Some(vals) = src.get(k + 1).and_then(|l| values_of(l, values)) else {
            break;
        };
        let mut cells = vec![name];
        let mut v = vals.into_iter();
        for h in &heads {
            cells.push(if is_value_heading(h) {
                v.next().unwrap_or_default()
            } else {
                String::new()
            });
        }
        let (a, b) = (&src[k], &src[k + 1]);
        rows.push(row(
            a.no,
            format!("{}\n{}", a.raw, b.raw),
            cells,
            Split::Joined {
                lines: vec![a.no, b.no],
            },
        ));
        j = k + 2;
    }
    if rows.is_empty() {
        return None;
    }
    let mut head = vec![lexicon::NAME_COLUMN_HEAD.to_owned()];
    head.extend(head_texts);
    let n = head.len();
    out.push(row(
        first.no,
        first.raw.to_owned(),
        head,
        Split::RunOn { columns: n },
    ));
    out.extend(rows);
    Some(j - i)
}

/// A line of headings alone over a line of as many values: a small table of one indicator,
/// whose name is its caption on a line above (`基幹管路の耐震適合率`, then `現状値(令和3年度)
/// 目標値(令和9年度) 将来値(令和14年度)` over `38.2% 50.0% 60.0%`), as a web page of one table
/// per indicator gives its text. The two lines become a header row and a row; the indicator
/// tables take the name from the caption.
fn headings_over_values(
    src: &[Source<'_>],
    i: usize,
    toks: &[Token],
    out: &mut Vec<Line>,
) -> Option<usize> {
    let values = toks.iter().filter(is_value_heading).count();
    if toks.len() < 2 || values < 2 || !toks.iter().all(is_heading) {
        return None;
    }
    let (first, next) = (src.get(i)?, src.get(i + 1)?);
    let vals = cells_under(toks, next)?;
    let n = toks.len();
    out.push(row(
        first.no,
        first.raw.to_owned(),
        toks.iter().map(|t| t.text.clone()).collect(),
        Split::RunOn { columns: n },
    ));
    out.push(row(
        next.no,
        next.raw.to_owned(),
        vals,
        Split::RunOn { columns: n },
    ));
    Some(2)
}

/// A column heading: a header word, a year with what its figure is (`4年度実績`), or the
/// heading of a direction column (`指標数値の目指す方向`).
fn is_heading(t: &Token) -> bool {
    head_word(&t.text).is_some() || year_heading(&t.text) || direction_heading(&t.text)
}

/// The heading of a column of directions, a phrase ending in one of
/// [`lexicon::DIRECTION_HEAD_ENDS`] (`指標数値の目指す方向`, `めざす方向性`).
fn direction_heading(t: &str) -> bool {
    t.chars().count() <= MAX_DIRECTION_HEAD_CHARS
        && lexicon::DIRECTION_HEAD_ENDS.iter().any(|w| t.ends_with(w))
}

/// The most characters a direction column's heading has.
const MAX_DIRECTION_HEAD_CHARS: usize = 16;

/// The cells of the line beneath a line of headings alone: a number or a dash under each
/// value heading, two at least, and a short word (a unit, a year, `増加`) under each other
/// heading. A line shorter than the headings leaves the first ones empty, when none of them
/// heads values (a unit cell left blank: `毎年度 60.0 維持 58 63` under `単位 目標年度 目標値
/// 方向 R3実績 R4実績`); `None` for any other line.
fn cells_under(heads: &[Token], l: &Source<'_>) -> Option<Vec<String>> {
    let toks = tokens(l.raw, heads.len())?;
    let blank = heads.len().checked_sub(toks.len())?;
    if heads.get(..blank)?.iter().any(|h| is_value_heading(&h)) {
        return None;
    }
    let mut values = 0;
    for (h, t) in heads.get(blank..)?.iter().zip(&toks) {
        let fits = if is_value_heading(&h) {
            matches!(t.kind, Kind::Num | Kind::Dash)
        } else {
            t.kind != Kind::Num && t.text.chars().count() <= MAX_WORD_CELL
        };
        if !fits {
            return None;
        }
        values += usize::from(t.kind == Kind::Num && is_value_heading(&h));
    }
    (values >= 2).then(|| {
        std::iter::repeat_n(String::new(), blank)
            .chain(toks.into_iter().map(|t| t.text))
            .collect()
    })
}

/// The most characters of a word under a heading that is no value's (a unit, a year, a
/// direction).
const MAX_WORD_CELL: usize = 12;

/// A heading over values: a value word, or a year with what its figure is.
fn is_value_heading(t: &&Token) -> bool {
    year_heading(&t.text) || head_word(&t.text) == Some(HeadKind::Value)
}

/// `4年度実績`, `R5計画`, `2026年度見込み`: a year (an era's, or one without its era) and a
/// [`lexicon::YEAR_COLUMN_WORDS`] word.
pub fn year_heading(t: &str) -> bool {
    let Some(year) = lexicon::YEAR_COLUMN_WORDS
        .iter()
        .find_map(|w| t.strip_suffix(w))
    else {
        return false;
    };
    let digits = year.trim_start_matches(|c: char| !c.is_ascii_digit());
    let lead = &year[..year.len() - digits.len()];
    let num = digits.trim_end_matches(|c: char| !c.is_ascii_digit());
    let end = &digits[num.len()..];
    !num.is_empty()
        && num.len() <= 4
        && matches!(end, "年度" | "年" | "")
        && (lead.is_empty() || lexicon::ERAS.contains(&lead) || matches!(lead, "R" | "H"))
}

/// A vertical label's line: one character.
fn is_vertical_label(l: &Source<'_>) -> bool {
    let mut c = l.norm.trim().chars();
    c.next().is_some() && c.next().is_none()
}

/// The name on a name line: the words before `heads` when it ends in them, or the whole line
/// when it has no heading; `None` for any other line.
fn name_of(l: &Source<'_>, heads: &[String]) -> Option<String> {
    let toks = tokens(l.raw, MAX_WORDS)?;
    let first = toks.first()?;
    if first.kind != Kind::Text || is_heading(first) {
        return None;
    }
    let f = toks.iter().position(is_heading);
    let name_end = match f {
        None => toks.len(),
        Some(f) => {
            let same = toks.len() - f == heads.len()
                && toks[f..].iter().zip(heads).all(|(t, h)| t.text == *h);
            if !same {
                return None;
            }
            f
        }
    };
    let (a, b) = (toks.first()?, toks.get(name_end - 1)?);
    Some(cell(l.raw.get(a.bytes.0..b.bytes.1).unwrap_or_default()))
}

/// The values on a line of `n` numbers or dashes and nothing else.
fn values_of(l: &Source<'_>, n: usize) -> Option<Vec<String>> {
    let toks = tokens(l.raw, n)?;
    (toks.len() == n
        && toks
            .iter()
            .all(|t| matches!(t.kind, Kind::Num | Kind::Dash)))
    .then(|| toks.into_iter().map(|t| t.text).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> (Vec<Vec<String>>, Option<usize>) {
        let src = super::super::sources(text);
        let mut out = Vec::new();
        let used = block(&src, 0, &mut out);
        (out.into_iter().map(|l| l.cells).collect(), used)
    }

    #[test]
    fn a_name_with_its_headings_then_its_values_beneath_is_a_row() {
        let (rows, used) = cut(
            "図書館の貸出冊数(冊) 3年度実績 4年度計画 7年度見込み 備考\n\
             4,100 4,300 5,000\n\
             活\n動\n\
             読み聞かせ会の開催回数(回)\n\
             12 14 20\n\
             次の表\n",
        );
        assert_eq!(
            rows,
            [
                vec!["指標名", "3年度実績", "4年度計画", "7年度見込み", "備考"],
                vec!["図書館の貸出冊数(冊)", "4,100", "4,300", "5,000", ""],
                vec!["読み聞かせ会の開催回数(回)", "12", "14", "20", ""],
            ]
        );
        assert_eq!(used, Some(6));
    }

    #[test]
    fn headings_alone_over_as_many_values_are_a_header_and_a_row() {
        let (rows, used) = cut("現状値(令和3年度) 目標値(令和9年度) 将来値(令和14年度)\n\
             38.2% 50.0% 60.0%\n\
             算定方法\n");
        assert_eq!(
            rows,
            [
                vec![
                    "現状値(令和3年度)",
                    "目標値(令和9年度)",
                    "将来値(令和14年度)"
                ],
                vec!["38.2%", "50.0%", "60.0%"],
            ]
        );
        assert_eq!(used, Some(2));
        // Values of another count, or words, are not the headings' row.
        for next in ["38.2% 50.0%", "38.2% 50.0% 高い"] {
            let text = format!("現状値(令和3年度) 目標値(令和9年度) 将来値(令和14年度)\n{next}\n");
            assert_eq!(cut(&text).1, None, "{next}");
        }
    }

    #[test]
    fn under_headings_a_unit_a_year_and_a_direction_are_cells_too() {
        let heads = "単位 目標年度 目標値 指標数値の目指す方向 R3実績 R4実績 R5見込 R6計画";
        let (rows, used) = cut(&format!("{heads}\n組織 R6 48.0 増加 41 44 46 48\n"));
        assert_eq!(
            rows[1],
            ["組織", "R6", "48.0", "増加", "41", "44", "46", "48"]
        );
        assert_eq!(rows[0].len(), 8);
        assert_eq!(used, Some(2));
        // The unit's cell left empty: the line is one cell short, from the left.
        let (rows, _) = cut(&format!("{heads}\n毎年度 60.0 維持 58 63 60 60\n"));
        assert_eq!(
            rows[1],
            ["", "毎年度", "60.0", "維持", "58", "63", "60", "60"]
        );
        for next in [
            // A word under a value heading.
            "組織 R6 48.0 増加 41 多数 46 48",
            // A number under a heading of no value.
            "12 R6 48.0 増加 41 44 46 48",
            // Short by more than the headings of no value before the first value heading.
            "増加 41 44 46 48",
            // One value only.
            "組織 R6 - 増加 - - - 48",
        ] {
            assert_eq!(cut(&format!("{heads}\n{next}\n")).1, None, "{next}");
        }
    }

    #[test]
    fn values_of_another_count_end_the_table() {
        let (rows, used) = cut("図書館の貸出冊数(冊) R3実績 R4計画\n\
             4,100 4,300\n\
             閲覧席の数(席)\n\
             80\n");
        assert_eq!(rows.len(), 2);
        assert_eq!(used, Some(2));
    }

    #[test]
    fn year_headings() {
        assert!(year_heading("4年度実績"));
        assert!(year_heading("R5計画"));
        assert!(year_heading("2026年度見込み"));
        assert!(year_heading("令和8年度目標"));
        assert!(!year_heading("実績"));
        assert!(!year_heading("事業計画"));
    }
}

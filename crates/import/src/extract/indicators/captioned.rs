//! Tables of one indicator named by their caption, given the name column they do not print,
//! before any reader sees them: water and hospital plans and evaluation pages print one small
//! table per indicator, its name a line above the header (or an HTML `<caption>`):
//!
//! ```text
//! 成果指標1 市民活動団体の登録数
//! 単位 | 目標年度 | 目標値 | 指標数値の目指す方向 | R3実績 | R4実績
//! 団体 | R6       | 160.0  | 増加                 | 132    | 141
//! ```
//!
//! [`name_captioned`] rewrites each such header and its one row with a name column first
//! ([`lexicon::NAME_COLUMN_HEAD`] over the caption), so the indicator tables, the progress
//! lists and every other reader read it as the named table it means, each its own way. A
//! table of 数値/時点 row pairs whose header leaves the names' cell empty, its name in a small
//! table above it (a 工程表's sheet), is given its name and a label column the same way
//! ([`paired`]).

use super::header::{header_cols, is_header_start, HeaderCol, Role};
use super::periods::caption_unit;
use super::table::{target_and_start, values_only};
use crate::extract::lexicon;
use crate::extract::scan::enclosed_number;
use crate::extract::text::{Doc, Line, Split};
use shinchoku_core::text::fold_normalized_printed_name;

/// Words a caption may open with before the indicator's number (`成果指標1`, `指標②`,
/// `KPI 3`): a label of the table, not part of the name.
const CAPTION_LABELS: &[&str] = &["成果指標", "活動指標", "評価指標", "指標", "KPI"];

/// The most characters of a caption taken as a name.
const MAX_NAME_CHARS: usize = 60;

/// The most characters a non-value cell of the one row may have (a unit, a target year, a
/// direction word).
const MAX_WORD_CELL: usize = 12;

/// `doc` with every captioned table of one indicator given a name column; `None` when it has
/// none, so the caller keeps the document it has. A table row right after the one row (a
/// cost per unit of the indicator, in the same HTML table) is no row of it: a blank line is
/// put between them, with the row's line number.
pub(crate) fn name_captioned(doc: &Doc) -> Option<Doc> {
    let mut lines: Option<Vec<Line>> = None;
    let mut skip = false;
    let mut paired_until = 0;
    for (i, line) in doc.lines.iter().enumerate() {
        if std::mem::take(&mut skip) || i < paired_until {
            continue;
        }
        if let Some(rows) = paired(doc, i) {
            let out = lines.get_or_insert_with(|| doc.lines.get(..i).unwrap_or_default().to_vec());
            paired_until = i + rows.len();
            out.extend(rows);
            continue;
        }
        let named = captioned(doc, i).map(|(header, row)| {
            let after = doc.lines.get(i + 2).is_some_and(Line::is_row);
            let blank = after.then(|| Line {
                no: row.no,
                raw: String::new(),
                text: String::new(),
                cells: vec![String::new()],
                split: Split::AsWritten,
            });
            (header, row, blank)
        });
        match named {
            Some((header, row, blank)) => {
                let out =
                    lines.get_or_insert_with(|| doc.lines.get(..i).unwrap_or_default().to_vec());
                out.push(header);
                out.push(row);
                out.extend(blank);
                skip = true;
            }
            None => {
                if let Some(out) = lines.as_mut() {
                    out.push(line.clone());
                }
            }
        }
    }
    lines.map(|lines| Doc {
        file: doc.file.clone(),
        lines,
    })
}

/// The header at line `i` and the row under it given a name column, when they are a
/// captioned table of one indicator.
fn captioned(doc: &Doc, i: usize) -> Option<(Line, Line)> {
    let line = doc.lines.get(i).filter(|l| is_header_start(l))?;
    let texts: Vec<String> = line
        .cells
        .iter()
        .map(|c| fold_normalized_printed_name(c))
        .collect();
    let head = header_cols(&texts);
    let name = caption_name(doc, i, &head)?;
    let row = doc
        .lines
        .get(i + 1)
        .filter(|r| caption_row(&head, &r.cells))?;
    Some((
        with_first(line, lexicon::NAME_COLUMN_HEAD),
        with_first(row, &name),
    ))
}

/// A table of one indicator in 数値/時点 row pairs whose header leaves the names' cell empty
/// and whose name stands above it, in a small table of its own under a name heading or as a
/// caption line (a 工程表's sheet: `指標名 | 指標の分類` / `name | 成果指標`, then `| 基準値 |
/// 目標値` over `数値 | 412km | 460km` and `時点 | H27 | R9`): the header, the values' row and
/// the periods' row rewritten as the tab rendering of such pairs has them — a name column
/// ([`lexicon::NAME_COLUMN_HEAD`]) and a label column ([`lexicon::PAIR_LABEL_HEAD`]), the
/// name on the values' row, the periods' row under it with no name.
fn paired(doc: &Doc, i: usize) -> Option<Vec<Line>> {
    let header = doc.lines.get(i).filter(|l| l.is_row())?;
    let (values, periods) = (doc.lines.get(i + 1)?, doc.lines.get(i + 2)?);
    let label = |l: &Line, words: &[&str]| {
        l.is_row()
            && l.cells.len() == header.cells.len()
            && l.cells
                .first()
                .is_some_and(|c| words.contains(&fold_normalized_printed_name(c).as_str()))
    };
    if header.cells.first().is_none_or(|c| !c.trim().is_empty())
        || !label(values, lexicon::VALUE_ROW_LABELS)
        || !label(periods, lexicon::PERIOD_ROW_LABELS)
    {
        return None;
    }
    let texts: Vec<String> = header
        .cells
        .iter()
        .skip(1)
        .map(|c| fold_normalized_printed_name(c))
        .collect();
    let head = header_cols(&texts);
    if !target_and_start(head.iter().map(|h| &h.role)) || !head.iter().all(|h| h.role.is_value()) {
        return None;
    }
    let name = pair_name(doc, i)?;
    let rewrite = |l: &Line, first: &str| {
        let mut l = l.clone();
        if let Some(c) = l.cells.first_mut() {
            *c = lexicon::PAIR_LABEL_HEAD.to_owned();
        }
        l.cells.insert(0, first.to_owned());
        l.text = l.cells.join("\t");
        l
    };
    let header = rewrite(header, lexicon::NAME_COLUMN_HEAD);
    let keep = |l: &Line, first: &str| {
        let mut l = l.clone();
        l.cells.insert(0, first.to_owned());
        l.text = l.cells.join("\t");
        l
    };
    Some(vec![header, keep(values, &name), keep(periods, "")])
}

/// The name of a table of 数値/時点 pairs: the cell under a name heading (`指標名`) in the
/// small table right above it (blank lines between), or a caption line above it as
/// [`caption_name`] takes one.
fn pair_name(doc: &Doc, header: usize) -> Option<String> {
    let mut i = header;
    while i > 0 {
        i -= 1;
        let l = doc.lines.get(i)?;
        if l.is_blank() {
            continue;
        }
        if !l.is_row() {
            return name_like(without_label(l.text.trim()));
        }
        let above = doc.lines.get(i.checked_sub(1)?).filter(|a| a.is_row())?;
        let col = above.cells.iter().position(|c| {
            let c = fold_normalized_printed_name(c);
            lexicon::NAME_HEADS.contains(&c.as_str())
        })?;
        return name_like(l.cells.get(col)?.trim());
    }
    None
}

/// `line` with `cell` as its first cell.
fn with_first(line: &Line, cell: &str) -> Line {
    let mut l = line.clone();
    l.cells.insert(0, cell.to_owned());
    l.text = l.cells.join("\t");
    l
}

/// The name a table of one indicator is captioned with, when its header has no name column:
/// `基幹管路の耐震適合率` on the line above `現状値(令和3年度) | 目標値(令和9年度) | 将来値(令和14年
/// 年度)`.
///
/// The header must hold nothing but value columns (baseline, current, target, interim, year),
/// units, periods, a direction and columns of no known role, with a target and a baseline or
/// current one among them, and its first cell not empty (an empty first header cell heads
/// the names: `| 現状値 | 目標値`). The caption is the first line above it that is text, not a
/// table row, skipping blank lines and a unit's caption (`(単位:%)`), of 2 to 60 characters,
/// and no sentence (no `。`); a label it opens with (`成果指標1`) is no part of the name. A
/// row of the table above the header is the caption when it is a label and a name
/// ([`label_row`]).
fn caption_name(doc: &Doc, header: usize, head: &[HeaderCol]) -> Option<String> {
    let unnamed = head.first().is_none_or(|h| h.role == Role::Empty);
    let only_values = head.iter().all(|h| {
        h.role.is_value()
            || matches!(
                h.role,
                Role::Unit
                    | Role::Other
                    | Role::Empty
                    | Role::Direction
                    | Role::TargetPeriod
                    | Role::BaselinePeriod
            )
    });
    if unnamed || !(only_values && target_and_start(head.iter().map(|h| &h.role))) {
        return None;
    }
    let mut i = header;
    let mut seen = 0;
    while i > 0 && seen < 3 {
        i -= 1;
        let l = doc.lines.get(i)?;
        if l.is_blank() {
            continue;
        }
        if l.is_row() {
            return label_row(&l.cells);
        }
        seen += 1;
        let text = l.text.trim();
        if caption_unit(text).is_some_and(|_| text.starts_with(['(', '（', '[', '［', '<', '＜']))
        {
            continue;
        }
        return name_like(without_label(text));
    }
    None
}

/// The name in a row of the same table above the header that labels it (`成果指標1 | name`,
/// the rest of the row empty, as an HTML table prints its caption row): two cells with text,
/// the first a label ([`CAPTION_LABELS`] with or without its number).
fn label_row(cells: &[String]) -> Option<String> {
    let mut full = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty());
    let (label, name) = (full.next()?, full.next()?);
    if full.next().is_some() {
        return None;
    }
    let label = fold_normalized_printed_name(label);
    let labelled = CAPTION_LABELS.iter().any(|w| {
        label.strip_prefix(w).is_some_and(|n| {
            n.is_empty()
                || n.chars().all(|c| c.is_ascii_digit())
                || (n.chars().count() == 1 && n.chars().all(|c| enclosed_number(c).is_some()))
        })
    });
    name_like(name).filter(|_| labelled)
}

/// `text` as an indicator's name when it can be one: 2 to [`MAX_NAME_CHARS`] characters and
/// no sentence (no `。`).
fn name_like(text: &str) -> Option<String> {
    let chars = text.chars().count();
    ((2..=MAX_NAME_CHARS).contains(&chars) && !text.contains('。')).then(|| text.to_owned())
}

/// A caption without the label it opens with: `成果指標1 市民活動団体の登録数` → the name; a
/// label word then a number (ASCII or enclosed, `指標②`) then a space or a colon.
fn without_label(text: &str) -> &str {
    for w in CAPTION_LABELS {
        let Some(rest) = text.strip_prefix(w) else {
            continue;
        };
        let rest = rest.trim_start();
        let num = match rest.chars().next() {
            Some(c) if enclosed_number(c).is_some() => c.len_utf8(),
            _ => rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len(),
        };
        if num == 0 {
            continue;
        }
        let after = rest.get(num..).unwrap_or_default();
        let name = after
            .strip_prefix([' ', ':', '：', '.', '．'])
            .map(str::trim_start)
            .unwrap_or_default();
        if !name.is_empty() {
            return name;
        }
    }
    text
}

/// True when `cells` are the one row of a captioned table under `head`: values, dashes or
/// empty cells under the value columns, with one value at least, and under the others (a
/// unit, a target year, a direction, a value beyond the plan: `団体 | R6 | 160.0 | 増加 | 132 |
/// 141`) short cells.
fn caption_row(head: &[HeaderCol], cells: &[String]) -> bool {
    if !(2..=head.len()).contains(&cells.len()) {
        return false;
    }
    let (values, other): (Vec<_>, Vec<_>) =
        head.iter().zip(cells).partition(|(h, _)| h.role.is_value());
    let values: Vec<String> = values.into_iter().map(|(_, c)| c.clone()).collect();
    values_only(&values)
        && other
            .iter()
            .all(|(_, c)| c.chars().count() <= MAX_WORD_CELL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_before_the_name_is_no_part_of_it() {
        assert_eq!(
            without_label("成果指標1 市民活動団体の登録数"),
            "市民活動団体の登録数"
        );
        assert_eq!(without_label("指標② 公募委員の割合"), "公募委員の割合");
        assert_eq!(without_label("KPI 3:創業件数"), "創業件数");
        assert_eq!(without_label("指標の達成度"), "指標の達成度");
        assert_eq!(without_label("成果指標1"), "成果指標1");
        assert_eq!(
            without_label("基幹管路の耐震適合率"),
            "基幹管路の耐震適合率"
        );
    }
}

#[cfg(test)]
mod doc_tests {
    use super::*;

    /// The cells of every line after the pass, or `None` when it changed nothing.
    fn named(text: &str) -> Option<Vec<Vec<String>>> {
        let doc = Doc::new("t.txt", text);
        name_captioned(&doc).map(|d| d.lines.into_iter().map(|l| l.cells).collect())
    }

    fn cells(line: &str) -> Vec<String> {
        line.split('\t').map(str::to_owned).collect()
    }

    #[test]
    fn a_captioned_header_and_its_row_get_a_name_column() {
        let text = "5.成果指標\n\
                    成果指標1 自主防災組織の結成数\n\
                    単位\t目標年度\t目標値\t指標数値の目指す方向\tR3実績\tR4実績\n\
                    組織\tR6\t48.0\t増加\t41\t44\n\
                    単位あたりコスト1\n";
        let lines = named(text).unwrap();
        assert_eq!(
            lines[2],
            cells("指標名\t単位\t目標年度\t目標値\t指標数値の目指す方向\tR3実績\tR4実績")
        );
        assert_eq!(
            lines[3],
            cells("自主防災組織の結成数\t組織\tR6\t48.0\t増加\t41\t44")
        );
        // The caption and the lines around stay as they were.
        assert_eq!(lines[1], ["成果指標1 自主防災組織の結成数"]);
        assert_eq!(lines[4], ["単位あたりコスト1"]);
    }

    #[test]
    fn a_label_and_name_row_above_is_the_caption_and_the_table_ends_after_its_row() {
        // As an HTML table prints it: the caption row, the header, the row, then rows of
        // another kind in the same table.
        let text = "成果指標1\t自主防災組織の結成率\t\t\n\
                    単位\t目標年度\t目標値\tR5実績\n\
                    %\tR7\t85.0\t76.8\n\
                    単位あたりコスト1\t千円\t823.6\t\n";
        let lines = named(text).unwrap();
        assert_eq!(lines[1], cells("指標名\t単位\t目標年度\t目標値\tR5実績"));
        assert_eq!(lines[2], cells("自主防災組織の結成率\t%\tR7\t85.0\t76.8"));
        // A blank line between the row and the next row, which is no row of the table.
        assert_eq!(lines[3], [""]);
        assert_eq!(lines[4], cells("単位あたりコスト1\t千円\t823.6\t"));
        let doc = Doc::new("t.txt", text);
        let whole = name_captioned(&doc).unwrap();
        assert_eq!(whole.lines[3].no, 3, "the blank line has its row's number");
        // A row of two texts that is no label and a name is no caption.
        assert_eq!(
            named("防災対策\t自主防災組織の結成率\n単位\t目標値\tR5実績\n%\t85.0\t76.8\n"),
            None
        );
    }

    #[test]
    fn pairs_of_values_and_periods_take_the_name_of_the_small_table_above() {
        let text = "指標1\n指標名\t指標の分類\n県管理道路の歩道整備延長\t成果指標\n\n\
                    \t基準値\t今年度目標値\t今年度実績値\t長期的目標値\n\
                    数値\t412km\t436km\t437km\t460km\n\
                    時点\tH27\tR5\tR5\tR9\n";
        let lines = named(text).unwrap();
        assert_eq!(
            lines[4],
            cells("指標名\t区分\t基準値\t今年度目標値\t今年度実績値\t長期的目標値")
        );
        assert_eq!(
            lines[5],
            cells("県管理道路の歩道整備延長\t数値\t412km\t436km\t437km\t460km")
        );
        assert_eq!(lines[6], cells("\t時点\tH27\tR5\tR5\tR9"));
        // A caption line serves as well; pairs under a header that names its rows do not.
        let lines = named("橋梁の修繕着手率\n\t基準値\t目標値\n数値\t61.0\t100%\n時点\tR4\tR10\n");
        assert_eq!(
            lines.unwrap()[2],
            cells("橋梁の修繕着手率\t数値\t61.0\t100%")
        );
        assert_eq!(
            named("橋梁の修繕着手率\n指標名\t基準値\t目標値\n数値\t61.0\t100%\n時点\tR4\tR10\n"),
            None
        );
    }

    #[test]
    fn a_value_beyond_the_plan_and_a_unit_caption_above_are_allowed() {
        let text = "基幹管路の耐震適合率\n\
                    (単位:%)\n\
                    現状値(令和3年度)\t目標値(令和9年度)\t将来値(令和14年度)\n\
                    38.2%\t50.0%\t60.0%\n";
        let lines = named(text).unwrap();
        assert_eq!(lines[3], cells("基幹管路の耐震適合率\t38.2%\t50.0%\t60.0%"));
    }

    #[test]
    fn tables_that_are_no_captioned_table_of_one_indicator_are_left_alone() {
        for text in [
            // A name column of its own.
            "指標の一覧\n指標名\t現状値\t目標値\n図書館の利用者数\t120\t150\n",
            // The names' empty header cell.
            "指標の一覧\n\t現状値\t目標値\n図書館の利用者数\t120\t150\n",
            // A sentence above, not a caption.
            "指標は次のとおりとする。\n現状値\t目標値\n120\t150\n",
            // A row of names, not of values.
            "図書館の利用者数\n現状値\t目標値\n多い\t少ない\n",
            // No baseline or current value beside the target.
            "図書館の利用者数\n目標値\t将来値\n150\t170\n",
            // A long text under a column of no value.
            "図書館の利用者数\n現状値\t目標値\t備考\n120\t150\t開館時間の延長により増加を見込む\n",
            // A row above the header: the header is inside a table.
            "図書館\t利用者数\n現状値\t目標値\n120\t150\n",
        ] {
            assert_eq!(named(text), None, "{text}");
        }
    }
}

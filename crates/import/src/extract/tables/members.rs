//! Member lists (委員名簿) → members with organisation, position, name and reading.
//!
//! Governments print the committee behind a plan as a table under a dated caption:
//!
//! ```text
//! 7 山口県産業戦略本部委員名簿（令和2年10月現在）
//! 所 属            役 職            氏 名
//! 株式会社トクヤマ  代表取締役 …     あだち ひでき 安達 秀樹
//! （12名）
//! ```
//!
//! The columns differ from one government to the next (氏名 first, a 区分 column, one
//! `所属・役職` column, a ふりがな column, two lists side by side), so the header decides:
//!
//! - a row with a 氏名 / 名前 / 委員名 cell and at least one cell for the organisation
//!   (所属, 団体名 …), the position (役職, 職名), both (`所属・役職`) or the reading
//!   (ふりがな, よみがな) is a member header; spaces inside header words are ignored;
//! - a header that names a column twice holds lists side by side; each part is read down in
//!   turn (left list first);
//! - every row below it with a name is a member; a repeated header (a page break) is skipped.
//!   `所属・役職` is split at its first space into organisation and position.
//!
//! The name cell may carry the reading before the name (`あだち ひでき 安達 秀樹`), after it
//! (`安達 秀樹 あだち ひでき`, two words at least, so a given name written in kana is not
//! taken for a reading) or in brackets (`安達 秀樹（あだち ひでき）`); a reading is kana only
//! and only split off when the rest has kanji (a name in katakana is a name). The name keeps
//! the space printed between family and given name; a name spaced out character by character
//! (`佐 藤 清 雄`) is closed up.
//!
//! The list's date is the `（令和2年10月現在）` of a line above the header
//! (`plan.members_as_of`); a count line below it (`（12名）`, `計12名`) that disagrees with the
//! rows read is warned (`member_count`).
//!
//! Guarantees: never panics; linear in the size of each block.

use shinchoku_core::era::parse_period;
use shinchoku_core::period::Period;
use shinchoku_core::text::{collapse_spaces, fold_printed_name};

use super::super::blocks::Block;
use super::super::lexicon;
use super::super::model::{Extraction, MemberOut, Warning};
use super::super::scan::{is_hiragana, is_kanji, is_katakana, strip_tags};
use super::super::text::{Doc, Line};
use super::bracket_groups;

/// How many non-blank lines above a header are searched for the list's date.
const AS_OF_REACH: usize = 6;

/// What a column of a member list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Reading,
    Org,
    Position,
    /// `所属・役職`: organisation and position in one cell.
    OrgPosition,
    Other,
}

fn field(cell: &str) -> Field {
    let c = fold_printed_name(cell);
    let c = c
        .trim_start_matches(['【', '[', '<'])
        .trim_end_matches(['】', ']', '>']);
    if lexicon::READING_HEADERS.contains(&c) {
        Field::Reading
    } else if lexicon::MEMBER_NAME_HEADERS
        .iter()
        .any(|n| c.starts_with(n))
    {
        Field::Name
    } else if lexicon::ORG_HEADERS.contains(&c) {
        Field::Org
    } else if lexicon::POSITION_HEADERS.contains(&c) {
        Field::Position
    } else if lexicon::has_any(c, lexicon::ORG_POSITION_ORG_WORDS)
        && lexicon::has_any(c, lexicon::ORG_POSITION_POSITION_WORDS)
    {
        Field::OrgPosition
    } else {
        Field::Other
    }
}

/// One list of a header: the column of each field it has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Part {
    name: usize,
    reading: Option<usize>,
    org: Option<usize>,
    position: Option<usize>,
    org_position: Option<usize>,
}

/// True when a row is a member list's header ([`member_header`]).
pub(super) fn is_member_header(row: &Line) -> bool {
    member_header(row).is_some()
}

/// Reads a member header into its lists (one, or several side by side).
fn member_header(row: &Line) -> Option<Vec<Part>> {
    // Every name column's word has 名 (氏名, 名前, 委員名): rows without it are no header.
    if row.cells.len() < 2 || !row.text.contains('名') {
        return None;
    }
    let fields: Vec<Field> = row.cells.iter().map(|c| field(c)).collect();
    // Split where a field repeats: the start of the next list.
    let mut parts: Vec<Vec<(usize, Field)>> = vec![Vec::new()];
    for (k, f) in fields.iter().enumerate() {
        if *f == Field::Other {
            continue;
        }
        let repeats = parts.last().is_some_and(|p| p.iter().any(|(_, g)| g == f));
        if repeats {
            parts.push(Vec::new());
        }
        if let Some(p) = parts.last_mut() {
            p.push((k, *f));
        }
    }
    let parts: Vec<Part> = parts
        .into_iter()
        .filter_map(|p| {
            let find = |f: Field| p.iter().find(|(_, g)| *g == f).map(|(k, _)| *k);
            let part = Part {
                name: find(Field::Name)?,
                reading: find(Field::Reading),
                org: find(Field::Org),
                position: find(Field::Position),
                org_position: find(Field::OrgPosition),
            };
            let more = part.reading.is_some()
                || part.org.is_some()
                || part.position.is_some()
                || part.org_position.is_some();
            more.then_some(part)
        })
        .collect();
    (!parts.is_empty()).then_some(parts)
}

/// Adds the members of the member lists `blocks` to `ex`: each from its first header to the
/// end of its rows, later header rows passed over.
pub(super) fn recognize<'a>(
    doc: &Doc,
    blocks: impl Iterator<Item = &'a Block>,
    ex: &mut Extraction,
) {
    for b in blocks {
        let Some(parts) = doc.lines.get(b.header).and_then(member_header) else {
            continue;
        };
        let body = doc.lines.get(b.header + 1..b.end).unwrap_or_default();
        // One pass over the rows, a list per part, then the parts in order (left list first):
        // each cell is looked at once, however many lists stand side by side.
        let mut lists: Vec<Vec<MemberOut>> = vec![Vec::new(); parts.len()];
        for row in body {
            if member_header(row).is_some() {
                continue;
            }
            for (part, list) in parts.iter().zip(lists.iter_mut()) {
                if part.name >= row.cells.len() {
                    break;
                }
                if let Some(m) = member(row, part) {
                    list.push(m);
                }
            }
        }
        let found: Vec<MemberOut> = lists.into_iter().flatten().collect();
        if found.is_empty() {
            continue;
        }
        if ex.plan.members_as_of.is_none() {
            ex.plan.members_as_of = as_of_above(doc, b.header);
        }
        if let Some((n, line)) = count_below(doc, b.rows.end) {
            if n != found.len() {
                ex.warnings.push(Warning {
                    line,
                    code: "member_count".into(),
                    message: format!(
                        "名簿の人数 {n}名 と表の行数 {} が一致しません / the list says {n} \
                         members but {} were read",
                        found.len(),
                        found.len()
                    ),
                    evidence: None,
                });
            }
        }
        ex.members.extend(found);
    }
}

fn cell(row: &Line, k: Option<usize>) -> Option<&str> {
    let c = row.cells.get(k?)?.trim();
    (!c.is_empty()).then_some(c)
}

/// One row of one list, or `None` when it names nobody.
fn member(row: &Line, part: &Part) -> Option<MemberOut> {
    let raw = strip_tags(cell(row, Some(part.name))?);
    if raw.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let (name, reading) = split_name_reading(&raw);
    if name.is_empty() {
        return None;
    }
    let text = |k| cell(row, k).map(|c| collapse_spaces(&strip_tags(c)));
    let mut organization = text(part.org);
    let mut position = text(part.position);
    if let Some(both) = text(part.org_position) {
        let (o, p) = split_org_position(&both);
        organization.get_or_insert(o);
        if let Some(p) = p {
            position.get_or_insert(p);
        }
    }
    Some(MemberOut {
        organization,
        position,
        name,
        reading: text(part.reading).or(reading),
        line: row.no,
    })
}

/// Splits a `所属・役職` cell: at the first space followed by a title-like word
/// (`国立大学法人 山口大学 理事` → `国立大学法人 山口大学` / `理事`), else at the first space
/// (`株式会社A 取締役 営業部長`), else all organisation.
fn split_org_position(both: &str) -> (String, Option<String>) {
    let spaces: Vec<usize> = both.match_indices(' ').map(|(i, _)| i).collect();
    let titled = spaces.iter().copied().find(|&i| {
        let next = both[i + 1..].split(' ').next().unwrap_or_default();
        // One-character parts end a title (`理事長`, `教授`); inside a word they are names
        // (`長崎大学`).
        lexicon::POSITION_TITLE_PARTS.iter().any(|t| {
            if t.chars().count() == 1 {
                next.ends_with(t)
            } else {
                next.contains(t)
            }
        })
    });
    match titled.or(spaces.first().copied()) {
        Some(i) => (both[..i].to_owned(), Some(both[i + 1..].to_owned())),
        None => (both.to_owned(), None),
    }
}

/// True for a word written in kana only (a reading), `・` allowed.
fn is_kana_word(w: &str) -> bool {
    !w.is_empty()
        && w.chars()
            .all(|c| is_hiragana(c) || is_katakana(c) || c == '・' || c == ' ')
}

/// Splits a name cell into the name and its reading; see the module documentation.
fn split_name_reading(cell: &str) -> (String, Option<String>) {
    let s = collapse_spaces(cell);
    let has_kanji = |t: &str| t.chars().any(is_kanji);
    // `安達 秀樹（あだち ひでき）` and `（あだち ひでき）安達 秀樹`.
    if let Some(&(start, end, inner)) = bracket_groups(&s).first() {
        let reading = collapse_spaces(inner);
        let rest = format!("{} {}", &s[..start], &s[end..]);
        if is_kana_word(&reading) && has_kanji(&rest) {
            return (name_form(&rest), Some(reading));
        }
    }
    let words: Vec<&str> = s.split(' ').filter(|w| !w.is_empty()).collect();
    if words.iter().any(|w| has_kanji(w)) {
        let leading = words.iter().take_while(|w| is_kana_word(w)).count();
        let trailing = words.iter().rev().take_while(|w| is_kana_word(w)).count();
        let (reading, name): (&[&str], &[&str]) = if leading > 0 {
            let (r, n) = words.split_at(leading);
            (r, n)
        } else if trailing >= 2 {
            let (n, r) = words.split_at(words.len() - trailing);
            (r, n)
        } else {
            (&[], &words)
        };
        if !reading.is_empty() {
            return (name_form(&name.join(" ")), Some(reading.join(" ")));
        }
    }
    (name_form(&s), None)
}

/// A name as printed, with one space between words; spaced-out single characters closed up.
fn name_form(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() > 2 && words.iter().all(|w| w.chars().count() == 1) {
        words.concat()
    } else {
        words.join(" ")
    }
}

/// The date of the list: a `（令和2年10月現在）` or `令和2年10月1日現在` on a line above the
/// header, nearest first.
fn as_of_above(doc: &Doc, header: usize) -> Option<Period> {
    let mut seen = 0;
    let mut i = header;
    while i > 0 && seen < AS_OF_REACH {
        i -= 1;
        let line = doc.lines.get(i)?;
        if line.is_blank() {
            continue;
        }
        seen += 1;
        if line.is_row() {
            return None;
        }
        if let Some(p) = as_of_in(&line.text) {
            return Some(p);
        }
    }
    None
}

/// A date marked 現在 / 時点 in a line, bracketed or not.
fn as_of_in(text: &str) -> Option<Period> {
    for (_, _, inner) in bracket_groups(text) {
        if lexicon::has_any(inner, lexicon::AS_OF_MARKS) {
            if let Ok(p) = parse_period(inner) {
                return Some(p);
            }
        }
    }
    for mark in lexicon::AS_OF_MARKS {
        let Some(at) = text.find(mark) else { continue };
        let before = &text[..at];
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| {
                c.is_ascii_digit()
                    || matches!(
                        c,
                        '年' | '月' | '日' | '元' | '.' | '令' | '和' | '平' | '成' | '昭' | ' '
                    )
            })
            .last()
            .map_or(at, |(i, _)| i);
        if let Ok(p) = parse_period(&text[start..at + mark.len()]) {
            return Some(p);
        }
    }
    None
}

/// The count printed below the list (`（12名）`, `計12名`, `以上12名`) and its line.
fn count_below(doc: &Doc, end: usize) -> Option<(usize, usize)> {
    let mut seen = 0;
    for line in doc.lines.iter().skip(end) {
        if line.is_blank() {
            continue;
        }
        seen += 1;
        if seen > 2 || line.is_row() || line.text.chars().count() > 20 {
            return None;
        }
        let c = fold_printed_name(&line.text);
        let digits: String = c
            .trim_start_matches(['(', '計', '以', '上', '合', ':'])
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let after = c.split_once(digits.as_str()).map(|(_, a)| a);
        if !digits.is_empty() && after.is_some_and(|a| a.starts_with('名') || a.starts_with('人'))
        {
            return digits.parse().ok().map(|n| (n, line.no));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::blocks::Kind;

    fn run(text: &str) -> Extraction {
        let doc = Doc::new("t.txt", text);
        let mut ex = Extraction::default();
        recognize(
            &doc,
            crate::extract::blocks::classify(&doc).of(Kind::Members),
            &mut ex,
        );
        ex
    }

    type Row<'a> = (Option<&'a str>, Option<&'a str>, &'a str, Option<&'a str>);

    fn check(text: &str, want: &[Row]) {
        let ex = run(text);
        let got: Vec<Row> = ex
            .members
            .iter()
            .map(|m| {
                (
                    m.organization.as_deref(),
                    m.position.as_deref(),
                    m.name.as_str(),
                    m.reading.as_deref(),
                )
            })
            .collect();
        assert_eq!(got, want, "{text}");
    }

    #[test]
    fn the_organisation_position_name_list_with_readings_before_names() {
        let text = "7 産業戦略本部委員名簿（令和2年10月現在）\n\n（五十音順（氏名）、敬称略）\n\n\
                    所 属\t役 職\t氏 名\n\
                    株式会社トクヤマ\t代表取締役 専務執行役員\tあだち ひでき 安達 秀樹\n\
                    国立大学法人山口大学\t理事・副学長\tかみにし けん 上西 研\n\n（2名）\n";
        check(
            text,
            &[
                (
                    Some("株式会社トクヤマ"),
                    Some("代表取締役 専務執行役員"),
                    "安達 秀樹",
                    Some("あだち ひでき"),
                ),
                (
                    Some("国立大学法人山口大学"),
                    Some("理事・副学長"),
                    "上西 研",
                    Some("かみにし けん"),
                ),
            ],
        );
        let ex = run(text);
        assert_eq!(
            ex.plan.members_as_of,
            Some(Period::Month {
                year: 2020,
                month: 10
            })
        );
        assert!(ex.warnings.is_empty());
    }

    #[test]
    fn a_count_that_differs_is_warned() {
        let ex = run("氏名\t所属\n山田 太郎\tA社\n\n（3名）\n");
        assert_eq!(ex.members.len(), 1);
        assert_eq!(ex.warnings.len(), 1);
        assert_eq!(ex.warnings[0].code, "member_count");
        assert_eq!(ex.warnings[0].line, 4);
    }

    #[test]
    fn name_first_with_a_category_and_a_joint_organisation_position_column() {
        check(
            "区分\t所属・役職\t氏名\n委員長\t名古屋大学 客員教授\t水谷 研治\n\
             産業界\tA株式会社 取締役執行役員\t加藤 淳\n\t行政機関\tゲーリー・シェイファー\n",
            &[
                (Some("名古屋大学"), Some("客員教授"), "水谷 研治", None),
                (Some("A株式会社"), Some("取締役執行役員"), "加藤 淳", None),
                (Some("行政機関"), None, "ゲーリー・シェイファー", None),
            ],
        );
    }

    #[test]
    fn joint_cells_split_before_the_title() {
        for (both, org, pos) in [
            (
                "株式会社トクヤマ 代表取締役 専務執行役員",
                "株式会社トクヤマ",
                Some("代表取締役 専務執行役員"),
            ),
            (
                "国立大学法人 山口大学 理事",
                "国立大学法人 山口大学",
                Some("理事"),
            ),
            (
                "国立大学法人 長崎大学 教授",
                "国立大学法人 長崎大学",
                Some("教授"),
            ),
            ("〇〇大学 経済学部教授", "〇〇大学", Some("経済学部教授")),
            ("北浜商工会議所 会頭", "北浜商工会議所", Some("会頭")),
            ("公募委員", "公募委員", None),
            ("A社 B事業所", "A社", Some("B事業所")),
        ] {
            assert_eq!(
                split_org_position(both),
                (org.to_owned(), pos.map(str::to_owned)),
                "{both}"
            );
        }
    }

    #[test]
    fn a_reading_column_and_bracketed_readings() {
        check(
            "氏名\tふりがな\t所属\t役職\n安達 秀樹\tあだち ひでき\tA社\t社長\n",
            &[(
                Some("A社"),
                Some("社長"),
                "安達 秀樹",
                Some("あだち ひでき"),
            )],
        );
        check(
            "氏名\t所属\n安達 秀樹（あだち ひでき）\tA社\n",
            &[(Some("A社"), None, "安達 秀樹", Some("あだち ひでき"))],
        );
        check(
            "氏名\t団体名\n安達 秀樹 あだち ひでき\tA社\n山田 はな\tB会\n",
            &[
                (Some("A社"), None, "安達 秀樹", Some("あだち ひでき")),
                (Some("B会"), None, "山田 はな", None),
            ],
        );
    }

    #[test]
    fn lists_side_by_side_are_read_left_then_right() {
        check(
            "氏名\t所属\t氏名\t所属\n佐 藤 清 雄\tA町\t水谷  隆\tB村\n鈴木 一郎\tC市\t\t\n",
            &[
                (Some("A町"), None, "佐藤清雄", None),
                (Some("C市"), None, "鈴木 一郎", None),
                (Some("B村"), None, "水谷 隆", None),
            ],
        );
    }

    #[test]
    fn a_repeated_header_is_skipped_and_the_date_may_be_unbracketed() {
        let ex = run(
            "委員名簿 令和5年4月1日現在\n氏名\t役職\n山田 太郎\t会長\n氏名\t役職\n鈴木 次郎\t委員\n",
        );
        assert_eq!(ex.members.len(), 2);
        assert_eq!(
            ex.plan.members_as_of,
            Some(Period::Date {
                year: 2023,
                month: 4,
                day: 1
            })
        );
    }

    #[test]
    fn tables_without_a_name_column_are_no_list() {
        for text in [
            "所属\t役職\n株式会社A\t社長\n",
            "氏名\t備考\n山田 太郎\t\n",
            "区分\tH30\tR1\n件数\t1\t2\n",
        ] {
            assert!(run(text).members.is_empty(), "{text}");
        }
    }

    #[test]
    fn never_panics_on_odd_lists() {
        for text in [
            "氏名\t所属\n(\t)\n",
            "氏名\t所属\n（）\t\n",
            "氏名\t所属\n 　\tA\n",
        ] {
            let _ = run(text);
        }
    }
}

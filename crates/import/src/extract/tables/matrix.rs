//! Support-institution matrices → organisations with roles.
//!
//! A plan lists who supports whom as a matrix: institutions down the first column, support
//! roles across the header, a mark where an institution plays a role:
//!
//! ```text
//! 支援機関等          創業支援  成長支援  技術支援  …
//! やまぐち産業振興財団 〔中核的支援機関〕 総合的な支援を行う。  ○  ○  ○
//! 山口県産業技術センター 〔…〕 …                              ○      ○
//! ```
//!
//! The rule: a header row of at least two words (no numbers, no years, no marks) over rows
//! whose cells after the first are only marks (`○ ◎ ● ◯ 〇 △ ✓ ★ ☆`) or empty, with at least
//! one mark, is a matrix. Each row with a mark is an organisation whose roles are the header
//! words of its marked columns, in column order (a main `◎` and a secondary `○` are both
//! roles); the header words, compacted (`創 業 支 援` → `創業支援`), are the plan's role
//! vocabulary (`plan.organization_roles`), extended in order by later matrices. A matrix
//! printed over two pages repeats its header; the second header simply continues it.
//!
//! The name is the first cell up to the institution's description: the first bracketed
//! phrase (`〔中小企業に対する中核的支援機関〕`, `[金融支援機関]`) or the first sentence-like
//! word (one holding `、` or `。`), with converter tags (`<p>`) removed and compacted. An
//! institution listed twice is one organisation with the union of its roles.
//!
//! Guarantees: never panics; linear in the size of each block (organisations and role words
//! are merged through maps by name).

use std::collections::HashMap;

use shinchoku_core::era::parse_period;
use shinchoku_core::quantity::parse_quantity;
use shinchoku_core::text::fold_printed_name;

use super::super::blocks::Block;
use super::super::lexicon;
use super::super::model::{Extraction, OrganizationOut};
use super::super::scan::strip_tags;
use super::super::text::{Doc, Line};

/// A role word is a label, not a phrase.
const ROLE_MAX_CHARS: usize = 20;

/// Adds the organisations of the role matrices `blocks` to `ex`: each header's rows up to
/// the first that is no row of marks.
pub(super) fn recognize<'a>(
    doc: &Doc,
    blocks: impl Iterator<Item = &'a Block>,
    ex: &mut Extraction,
) {
    // The organisations and role words known so far, by name: a matrix of thousands of rows
    // is merged through these, not by searching every organisation for each row.
    let mut known = Known::default();
    for (i, o) in ex.organizations.iter().enumerate() {
        known.orgs.entry(o.name.clone()).or_insert(i);
    }
    for (i, r) in ex.plan.organization_roles.iter().enumerate() {
        known.roles.entry(r.clone()).or_insert(i);
    }
    for b in blocks {
        let Some(rows) = doc.lines.get(b.header..b.end) else {
            continue;
        };
        {
            let i = 0;
            let Some(roles) = rows.get(i).and_then(role_header) else {
                continue;
            };
            let mut j = i + 1;
            let mut found = Vec::new();
            while let Some(row) = rows.get(j) {
                match matrix_row(row, &roles) {
                    Some(org) => {
                        if let Some(org) = org {
                            found.push(org);
                        }
                        j += 1;
                    }
                    None => break,
                }
            }
            if !found.is_empty() {
                for r in &roles {
                    if !known.roles.contains_key(r) {
                        known
                            .roles
                            .insert(r.clone(), ex.plan.organization_roles.len());
                        ex.plan.organization_roles.push(r.clone());
                    }
                }
                for org in found {
                    add(ex, &mut known, org);
                }
            }
        }
    }
}

/// The organisations of an extraction and the role words of its vocabulary, each by name
/// with its index (the first of a name).
#[derive(Default)]
struct Known {
    orgs: HashMap<String, usize>,
    roles: HashMap<String, usize>,
}

/// Adds an organisation, merging it with one of the same name.
fn add(ex: &mut Extraction, index: &mut Known, org: OrganizationOut) {
    let same = index.orgs.get(&org.name).copied();
    if let Some(known) = same.and_then(|i| ex.organizations.get_mut(i)) {
        for r in org.roles {
            if !known.roles.contains(&r) {
                known.roles.push(r);
            }
        }
        known
            .roles
            .sort_by_key(|r| index.roles.get(r).copied().unwrap_or(usize::MAX));
    } else {
        index.orgs.insert(org.name.clone(), ex.organizations.len());
        ex.organizations.push(org);
    }
}

/// True for a cell that is a mark (`○`, `◎`, …).
fn is_mark(cell: &str) -> bool {
    lexicon::ROLE_MARKS.contains(&cell.trim())
}

/// The role words of a header row: every cell after the first a short word that is neither a
/// number, a year nor a mark; at least two.
pub(super) fn role_header(row: &Line) -> Option<Vec<String>> {
    let rest = row.cells.get(1..)?;
    // Cheap refusals first: most rows hold numbers, marks, prose or gaps.
    let filled = rest
        .iter()
        .rposition(|c| !c.trim().is_empty())
        .map_or(0, |k| k + 1);
    if filled < 2
        || rest.iter().take(filled).any(|c| {
            // Bytes first, cheaply: over 4 × 2 × the limit in bytes is over 2 × the limit in
            // characters too (a character is at most four bytes), so this only saves counting.
            c.len() > 8 * ROLE_MAX_CHARS
                || c.trim().is_empty()
                || c.chars().count() > 2 * ROLE_MAX_CHARS
                || c.bytes().any(|b| b.is_ascii_digit())
                || is_mark(c)
        })
    {
        return None;
    }
    let mut roles: Vec<String> = rest
        .iter()
        .map(|c| fold_printed_name(&strip_tags(c)))
        .collect();
    while roles.last().is_some_and(String::is_empty) {
        roles.pop();
    }
    let word = |r: &String| {
        !r.is_empty()
            && r.chars().count() <= ROLE_MAX_CHARS
            && !is_mark(r)
            && !r.chars().any(|c| c.is_ascii_digit())
            && parse_period(r).is_err()
            && parse_quantity(r).map_or(true, |q| q.value.is_none())
    };
    (roles.len() >= 2 && roles.iter().all(word)).then_some(roles)
}

/// A body row: `Some(Some(org))` for an institution with marks, `Some(None)` for a row that
/// belongs to the matrix but names no role (a group heading, an institution without marks),
/// `None` for a row that is not part of the matrix (text in a role column).
fn matrix_row(row: &Line, roles: &[String]) -> Option<Option<OrganizationOut>> {
    let (first, rest) = row.cells.split_first()?;
    let mut marked = Vec::new();
    for (k, cell) in rest.iter().enumerate() {
        let c = cell.trim();
        if c.is_empty() {
            continue;
        }
        if !is_mark(c) {
            return None;
        }
        marked.push(roles.get(k)?.clone());
    }
    let name = org_name(first);
    if name.is_empty() || marked.is_empty() {
        return Some(None);
    }
    Some(Some(OrganizationOut {
        name,
        roles: marked,
        line: row.no,
    }))
}

/// The institution's name in a first cell that may go on with its description.
fn org_name(cell: &str) -> String {
    let s = strip_tags(cell);
    let s = s.trim();
    let cut = s
        .char_indices()
        .find(|&(i, c)| i > 0 && matches!(c, '〔' | '[' | '【' | '［' | '〈'))
        .map_or(s.len(), |(i, _)| i);
    let head = &s[..cut];
    let words: Vec<&str> = head
        .split_whitespace()
        .take_while(|w| !w.contains(['、', '。']))
        .collect();
    let name = if words.is_empty() {
        head.split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned()
    } else {
        words.join(" ")
    };
    fold_printed_name(&name)
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
            crate::extract::blocks::classify(&doc).of(Kind::Matrix),
            &mut ex,
        );
        ex
    }

    fn orgs(ex: &Extraction) -> Vec<(String, Vec<String>)> {
        ex.organizations
            .iter()
            .map(|o| (o.name.clone(), o.roles.clone()))
            .collect()
    }

    fn check(text: &str, roles: &[&str], want: &[(&str, &[&str])]) {
        let ex = run(text);
        assert_eq!(ex.plan.organization_roles, roles, "{text}");
        let want: Vec<(String, Vec<String>)> = want
            .iter()
            .map(|(n, r)| (n.to_string(), r.iter().map(|s| s.to_string()).collect()))
            .collect();
        assert_eq!(orgs(&ex), want, "{text}");
    }

    #[test]
    fn marks_under_role_columns_become_roles() {
        check(
            "支 援 機 関 等\t創 業 支 援\t成 長 支 援\t金 融 支 援\n\
             やまぐち産業振興財団 〔中核的支援機関〕 総合的な支援を行う。\t○\t○\t○\n\
             山口県産業技術センター 〔技術支援機関〕 試験研究を行う。\t○\t\t\n\
             <p>山口県信用保証協会 [金融支援機関] 債務保証を実施する。</p>\t○\t\t○\n",
            &["創業支援", "成長支援", "金融支援"],
            &[
                (
                    "やまぐち産業振興財団",
                    &["創業支援", "成長支援", "金融支援"],
                ),
                ("山口県産業技術センター", &["創業支援"]),
                ("山口県信用保証協会", &["創業支援", "金融支援"]),
            ],
        );
    }

    #[test]
    fn a_repeated_header_continues_the_matrix() {
        let text = "機関\t相談\t融資\nA機関\t○\t\n\n機関\t相談\t融資\nB機関\t\t◎\n";
        check(
            text,
            &["相談", "融資"],
            &[("A機関", &["相談"]), ("B機関", &["融資"])],
        );
    }

    #[test]
    fn double_circles_and_names_without_description() {
        check(
            "支援機関\t創業\t販路開拓\t事業承継\n商工会議所\t◎\t○\t\nよろず支援拠点\t○\t◎\t◎\n金融機関\t\t\t\n",
            &["創業", "販路開拓", "事業承継"],
            &[
                ("商工会議所", &["創業", "販路開拓"]),
                ("よろず支援拠点", &["創業", "販路開拓", "事業承継"]),
            ],
        );
    }

    #[test]
    fn tables_of_numbers_text_or_years_are_no_matrix() {
        for text in [
            "区分\t事業所数\t従業者数\n合計\t55,759\t571,202\n",
            "取組\t2022\t2023\n企業誘致\t○\t○\n",
            "施策\t評価\t方向性\n創業支援\t○\t拡充する\n",
            "項目\t評価\n創業\t○\n",
            "所属\t役職\t氏名\n株式会社A\t社長\t山田 太郎\n",
        ] {
            let ex = run(text);
            assert!(
                ex.organizations.is_empty(),
                "{text}: {:?}",
                ex.organizations
            );
            assert!(ex.plan.organization_roles.is_empty(), "{text}");
        }
    }

    #[test]
    fn names_stop_at_the_description() {
        assert_eq!(
            org_name("地場産業振興センター（周南地域） [地域資源活用の推進機関] 新製品…"),
            "地場産業振興センター(周南地域)"
        );
        assert_eq!(
            org_name("やまぐちDX推進拠点「Y-BASE」 [DX推進拠点] 全県的な…"),
            "やまぐちDX推進拠点「Y-BASE」"
        );
        assert_eq!(
            org_name("公益財団法人 振興財団 相談、助言を行う。"),
            "公益財団法人振興財団"
        );
        assert_eq!(org_name("金融機関"), "金融機関");
        assert_eq!(org_name("【A】"), "【A】");
    }

    #[test]
    fn an_institution_in_two_matrices_is_one_organisation_with_roles_in_header_order() {
        // The second matrix adds a role word and names A機関 again: one A機関, its roles the
        // union, in the order the words first appear in the headers.
        let text = "機関\t相談\t融資\nA機関\t\t○\nB機関\t○\t\n\n\
                    機関\t研修\t相談\nC機関\t○\t\nA機関\t○\t◎\n";
        check(
            text,
            &["相談", "融資", "研修"],
            &[
                ("A機関", &["相談", "融資", "研修"]),
                ("B機関", &["相談"]),
                ("C機関", &["研修"]),
            ],
        );
    }
}

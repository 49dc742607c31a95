//! The government that issues a document, from what its text says.
//!
//! A plan speaks as its issuer: a prefecture's plan says `本県`, `県内`, `県民`; a city's
//! `本市`, `市内`, `市民`; a town's `本町`, `町内`. So the issuer is found in two steps:
//!
//! 1. **Which kind of body speaks**: the suffix (`県`, `市`, `町`, `村`, `都`, `府`, `道`) whose
//!    self-references (`本県`/`当県` count twice, `県内`/`県民`/`県政`/`全県` once) are most
//!    frequent.
//! 2. **Which body of that kind**: the one of that suffix the text names most — a prefecture
//!    from the table of the 47 (`山口県`, with its 全国地方公共団体コード), else any name
//!    written before the suffix (`みなと県`, `北浜市`) named at least twice.
//!
//! A title that names a body (`第２期みなと町…総合戦略`, `やまぐち産業戦略推進計画`) names the
//! issuer before the text is asked: a city or town before a prefecture (`みなと県北浜市…`).
//!
//! Names written before a suffix are read back from it over at most three kanji or five kana
//! (particles such as `では` dropped), and words that merely end in a suffix character are
//! not names: `本市`, `各市`, `市町村`, `市場`, `中心市街地`, `都市`. One pass over the first
//! `MAX_LINES` lines: linear, and bounded on a very long document.

use std::collections::HashMap;

use shinchoku_core::text::normalize;

use super::lexicon;
use super::model::IssuerOut;
use super::scan::{is_kana, is_kanji};
use super::text::Doc;
use crate::naming::prefectures::{self, Prefecture};

/// How many lines are read: a document speaks as its issuer from its first pages.
const MAX_LINES: usize = 5_000;

/// The issuer the title names, else the one the text speaks as (see the module doc).
pub fn find(doc: &Doc, title: Option<&str>) -> Option<IssuerOut> {
    if let Some(found) = title.and_then(|t| in_title(&normalize(t))) {
        return Some(found);
    }
    let mut reading = Reading::default();
    for line in doc.lines.iter().take(MAX_LINES) {
        reading.line(&line.text);
    }
    reading.issuer()
}

/// The body a title names: a city, town or village it names, else a prefecture (by name or
/// by its kana brand).
fn in_title(title: &str) -> Option<IssuerOut> {
    let mut reading = Reading::default();
    reading.line(title);
    let municipality = reading
        .names
        .iter()
        .filter(|(name, _)| name.ends_with(['市', '町', '村']))
        .min_by_key(|(_, n)| n.first)
        .map(|(name, _)| name.clone());
    if let Some(name) = municipality {
        return Some(IssuerOut { name, code: None });
    }
    let prefecture = reading
        .prefectures
        .iter()
        .min_by_key(|(_, n)| n.first)
        .map(|(p, _)| *p)
        .or_else(|| {
            title
                .char_indices()
                .filter(|(i, _)| {
                    // A brand is a word: not the tail of a longer kana run.
                    title
                        .get(..*i)
                        .and_then(|b| b.chars().last())
                        .is_none_or(|c| !is_kana(c))
                })
                .find_map(|(i, _)| title.get(i..).and_then(prefectures::by_kana_prefix))
        });
    if let Some(p) = prefecture {
        return Some(of_prefecture(p));
    }
    reading
        .names
        .iter()
        .min_by_key(|(_, n)| n.first)
        .map(|(name, _)| IssuerOut {
            name: name.clone(),
            code: None,
        })
}

fn of_prefecture(p: &Prefecture) -> IssuerOut {
    IssuerOut {
        name: p.name.to_owned(),
        code: Some(p.code.to_owned()),
    }
}

/// How often, and first where, a name occurs.
#[derive(Debug, Clone, Copy)]
struct Count {
    n: usize,
    first: usize,
}

/// What one pass over the lines has seen.
#[derive(Debug, Default)]
struct Reading {
    /// Self-references per suffix (`本県` → `県`).
    selves: HashMap<char, usize>,
    /// Prefectures of the table, by occurrence.
    prefectures: Vec<(&'static Prefecture, Count)>,
    /// Other names before a suffix (`みなと県`, `北浜市`).
    names: HashMap<String, Count>,
    /// Bytes read so far, for first occurrences.
    seen: usize,
}

impl Reading {
    fn line(&mut self, text: &str) {
        for (i, c) in text.char_indices() {
            if lexicon::GOVERNMENT_SUFFIXES.contains(&c) {
                let head = text.get(..i).unwrap_or("");
                let tail = text.get(i + c.len_utf8()..).unwrap_or("");
                self.suffix(head, c, tail, self.seen + i);
            }
        }
        self.seen += text.len() + 1;
    }

    /// A suffix `c` at byte `at` of the text read so far, between `head` and `tail`.
    fn suffix(&mut self, head: &str, c: char, tail: &str, at: usize) {
        let before = head.chars().next_back();
        let after = tail.chars().next();
        if before.is_some_and(|b| lexicon::SELF_BEFORE_SUFFIX.contains(&b)) {
            *self.selves.entry(c).or_default() += 2;
        } else if after.is_some_and(|a| lexicon::SELF_AFTER_SUFFIX.contains(&a))
            || before == Some('全')
        {
            *self.selves.entry(c).or_default() += 1;
        }
        // Most suffixes follow a word of self-reference or a particle: no name to read.
        let Some(last) = before.filter(|b| is_kanji(*b) || is_kana(*b)) else {
            return;
        };
        if lexicon::NOT_NAME_BEFORE_SUFFIX.contains(&last) {
            return;
        }
        if let Some(p) = prefecture_ending(head, last, c) {
            bump(&mut self.prefectures, p, at);
            return;
        }
        if after.is_some_and(|a| lexicon::NOT_AFTER_SUFFIX.contains(&a)) {
            return;
        }
        if let Some(stem) = name_ending(head) {
            let name = format!("{stem}{c}");
            match self.names.get_mut(&name) {
                Some(n) => n.n += 1,
                None => {
                    self.names.insert(name, Count { n: 1, first: at });
                }
            }
        }
    }

    /// The kind of body that speaks, and then the body of that kind named most.
    fn issuer(&self) -> Option<IssuerOut> {
        let speaker = lexicon::GOVERNMENT_SUFFIXES
            .iter()
            .filter_map(|s| self.selves.get(s).map(|n| (*s, *n)))
            .max_by_key(|(s, n)| {
                (
                    *n,
                    std::cmp::Reverse(lexicon::GOVERNMENT_SUFFIXES.iter().position(|x| x == s)),
                )
            })?
            .0;
        let best_prefecture = self
            .prefectures
            .iter()
            .filter(|(p, _)| p.name.ends_with(speaker))
            .max_by_key(|(_, c)| (c.n, std::cmp::Reverse(c.first)));
        if let Some((p, _)) = best_prefecture {
            return Some(of_prefecture(p));
        }
        self.names
            .iter()
            .filter(|(name, c)| name.ends_with(speaker) && c.n >= 2)
            .max_by_key(|(_, c)| (c.n, std::cmp::Reverse(c.first)))
            .map(|(name, _)| IssuerOut {
                name: name.clone(),
                code: None,
            })
    }
}

fn bump<K: PartialEq>(counts: &mut Vec<(K, Count)>, key: K, at: usize) {
    match counts.iter_mut().find(|(k, _)| *k == key) {
        Some((_, c)) => c.n += 1,
        None => counts.push((key, Count { n: 1, first: at })),
    }
}

/// The prefecture whose name is `head`'s last two or three characters and `suffix`
/// (`山口` + `県`, `京都` + `府`, `北海` + `道`).
fn prefecture_ending(head: &str, last: char, suffix: char) -> Option<&'static Prefecture> {
    prefectures::PREFECTURES.iter().find(|p| {
        p.name
            .strip_suffix(suffix)
            .is_some_and(|stem| stem.ends_with(last) && head.ends_with(stem))
    })
}

/// The name `head` ends with, before a suffix (`北浜` of `北浜市`, `みなと` of `みなと県`): up
/// to three kanji, or two to five kana, not a word of [`lexicon::NOT_NAME_PREFIXES`].
fn name_ending(head: &str) -> Option<&str> {
    let start_of_run = |keep: &dyn Fn(char) -> bool, most: usize| {
        head.char_indices()
            .rev()
            .take_while(|(_, c)| keep(*c))
            .take(most)
            .last()
            .map(|(i, _)| i)
    };
    let stem = if let Some(i) = start_of_run(
        &|c| is_kanji(c) && !lexicon::NAME_BOUNDARIES.contains(&c),
        3,
    ) {
        head.get(i..)?
    } else {
        let i = start_of_run(&is_kana, 8)?;
        let run = head.get(i..)?;
        if run.chars().count() > 7 {
            return None;
        }
        let run = lexicon::LEADING_PARTICLES
            .iter()
            .find_map(|p| run.strip_prefix(p).filter(|rest| rest.chars().count() >= 2))
            .unwrap_or(run);
        if !(2..=5).contains(&run.chars().count()) {
            return None;
        }
        run
    };
    (!lexicon::NOT_NAME_PREFIXES.contains(&stem)).then_some(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issuer(text: &str, title: Option<&str>) -> Option<(String, Option<String>)> {
        find(&Doc::new("t.txt", text), title).map(|i| (i.name, i.code))
    }

    fn named(name: &str, code: Option<&str>) -> Option<(String, Option<String>)> {
        Some((name.to_owned(), code.map(str::to_owned)))
    }

    #[test]
    fn a_prefecture_speaks_as_本県_and_is_the_one_it_names_most() {
        let text = "本県の産業は、山口県産業技術センターと連携し…\n県内企業の広島県への進出\n山口県の強み\n";
        assert_eq!(issuer(text, None), named("山口県", Some("350001")));
        let text = "府内の中小企業\n京都府の取組\n";
        assert_eq!(issuer(text, None), named("京都府", Some("260002")));
    }

    #[test]
    fn a_city_speaks_as_本市_and_is_the_city_it_names_at_least_twice() {
        let text = "本市では、北浜市総合計画に基づき、県内市町村と連携して…\n北浜市の人口\n市民の皆様\nみなと県の補助\n中心市街地の活性化\n";
        assert_eq!(issuer(text, None), named("北浜市", None));
        // A city named once is not enough.
        assert_eq!(issuer("本市では、北浜市と連携\n", None), None);
    }

    #[test]
    fn names_in_kana_are_read_without_the_particles_before_them() {
        let text = "本町では、みなと町の将来像を…\nではみなと町の人口は\n町民の皆様\n";
        assert_eq!(issuer(text, None), named("みなと町", None));
        let text = "本県では、みなと県の産業を…\nみなと県の人口は\n";
        assert_eq!(issuer(text, None), named("みなと県", None));
    }

    #[test]
    fn the_title_names_the_issuer_first() {
        assert_eq!(
            issuer(
                "本県の…山口県\n",
                Some("第２期みなと町まち・ひと・しごと創生総合戦略")
            ),
            named("みなと町", None)
        );
        assert_eq!(
            issuer("", Some("やまぐち産業戦略推進計画")),
            named("山口県", Some("350001"))
        );
        assert_eq!(
            issuer("", Some("みなと県北浜市観光振興計画")),
            named("北浜市", None)
        );
        // A title that names no body leaves it to the text.
        assert_eq!(
            issuer(
                "本県では\n山口県の\n",
                Some("産業戦略プロジェクトの進捗状況について")
            ),
            named("山口県", Some("350001"))
        );
        // Words that end in a suffix character are not bodies.
        assert_eq!(issuer("", Some("都市計画マスタープラン")), None);
        assert_eq!(issuer("", Some("中心市街地活性化基本計画")), None);
    }

    #[test]
    fn a_document_that_speaks_as_no_body_has_no_issuer() {
        assert_eq!(issuer("山口県と広島県の比較\n", None), None);
        assert_eq!(issuer("", None), None);
    }
}

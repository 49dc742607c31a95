//! The name a document gives itself: its title, the date printed with it, the plan period it
//! states, its issuer, and — where it prints no title — a name built from what it prints.
//!
//! Japanese plan documents name themselves in a few ways; the first a document offers is its
//! title ([`TitleFrom`] records which):
//!
//! 1. **The heading on its first lines** (`Heading`). Page furniture is passed over — page
//!    numbers (`- 1 -`), a bare publication date (`令和6年3月`), taglines in `～ … ～`, draft
//!    marks (`（案）`, `【概要版】`) — and so is a line that only names the issuer (`みなと市`,
//!    `みなと市 産業振興部`), which is put before the heading when it stands right above it and
//!    the heading does not name it. A part label (`Ⅱ 産業編`, `第2部 各論`) is a part of a
//!    larger document, not its title: it is remembered (a part qualifies a name the text gives
//!    itself, or a built name) and passed over. A bracketed period or date on the line after
//!    the heading (`（令和6年度～令和10年度）`) belongs to it. The search ends at a table of
//!    contents (`目次`), front matter (`はじめに`), a numbered or generic heading (`第1章 …`,
//!    `1 現状と課題`), a sentence or a table row: the body has begun.
//! 2. **The name its text gives itself** (`SelfName`): `「第2次みなと県産業振興基本計画」（以下
//!    「本計画」という。）`, `本計画「…計画」`, `この戦略（…戦略）` — a 計画 / 戦略 / プラン / 方針 /
//!    ビジョン / 構想 / 指針 / 大綱 that the text says is itself, in its first [`SELF_LINES`]
//!    lines. Other plans it quotes (`「みなと県総合計画」との整合`) are not it. This comes before a
//!    heading that names no kind of document (a first slide's heading, a caption) and after one
//!    that does (`…計画`, `…の進捗状況について`). With the part: `…計画 産業編`.
//! 3. **A name built from what it prints** (`Built`, by `complete`, once the whole document
//!    is read): the issuer ([`super::issuer`]); what it is about — the subject of a sentence
//!    about the plan itself (`計画期間中の商工業振興を推進` → `商工業振興`), else the qualified
//!    name it quotes for its top-level units (`「産業戦略プロジェクト」` in a document of
//!    `プロジェクト`s); the part; the period: `山口県 商工業振興 産業編（令和4年度～令和8年度）`.
//!    Built only when something says what (a subject, a unit name or a part) and something says
//!    whose or when (the issuer or the period).
//! 4. Else no title: the plan is named after its file ([`super::to_plan`]).
//!
//! The plan period is a `計画期間：令和2年度～令和6年度` line near the start (also `計画期間は、
//! …から…まで` and `本計画の期間は、…`), else a window at the end of the title. The as-of date is
//! a month or day in brackets at the end of the title (`（令和元年8月）`).
//!
//! Guarantees: never panics; reads the first lines for the heading, the first [`SELF_LINES`]
//! lines for what the text says of itself, and every line once at most for a unit name, so it
//! stays linear in the document.

use shinchoku_core::era::{format_ja, parse_period};
use shinchoku_core::period::Period;
use shinchoku_core::text::{collapse_spaces, fold_printed_name, normalize};

use super::lexicon;
use super::model::{Extraction, TitleFrom};
use super::scan::{clean_text, is_kana, is_kanji, is_katakana};
use super::structure::{
    is_generic, is_links_header, last_group, starts_with_heading, strip_dash, STRONG,
};
use super::text::{Doc, Line, Split};

/// How many non-blank lines are looked at for the heading.
const FRONT_LINES: usize = 15;
/// How many lines are read for the name the text gives itself and for its subject.
pub const SELF_LINES: usize = 400;

/// Sets the document's title (and where it came from), its as-of date and its stated period
/// on `ex`, and returns the indices of the lines the title was printed on (they are not nodes).
pub(super) fn recognize(doc: &Doc, ex: &mut Extraction) -> Vec<usize> {
    let front = front(doc);
    let strong = front
        .heading
        .as_ref()
        .is_some_and(|h| names_a_kind(&h.text));
    let own = if strong { None } else { self_name(doc) };
    let found = match (front.heading, own) {
        (_, Some(name)) => {
            let name = match front.part {
                Some(part) => format!("{name} {part}"),
                None => name,
            };
            Some((Vec::new(), name, TitleFrom::SelfName))
        }
        (Some(h), None) => Some((h.lines, h.title, TitleFrom::Heading)),
        (None, None) => None,
    };
    if ex.plan.period.is_none() {
        ex.plan.period = stated_period(doc, found.as_ref().map(|(_, t, _)| t.as_str()));
    }
    let Some((lines, title, from)) = found else {
        return Vec::new();
    };
    if ex.plan.as_of.is_none() {
        ex.plan.as_of =
            last_group(&normalize(&title)).and_then(|(_, inner)| match parse_period(inner) {
                Ok(p @ (Period::Month { .. } | Period::Date { .. })) => Some(p),
                _ => None,
            });
    }
    if ex.plan.title.is_none() {
        ex.plan.title = Some(title);
        ex.plan.title_from = Some(from);
    }
    lines
}

/// Once the whole document is read: its issuer, and a built title when it has none.
pub(super) fn complete(doc: &Doc, ex: &mut Extraction) {
    if ex.plan.issuer.is_none() {
        ex.plan.issuer = super::issuer::find(doc, ex.plan.title.as_deref());
    }
    if ex.plan.title.is_none() {
        if let Some(t) = built_name(doc, ex) {
            ex.plan.title = Some(t);
            ex.plan.title_from = Some(TitleFrom::Built);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The first lines
// ---------------------------------------------------------------------------------------------

/// What the first lines hold.
#[derive(Debug, Default)]
struct Front {
    heading: Option<Heading>,
    /// The part the document is (`産業編`).
    part: Option<String>,
}

#[derive(Debug)]
struct Heading {
    /// The lines it is printed on.
    lines: Vec<usize>,
    /// As printed.
    title: String,
    /// Normalised, for the tests on its words.
    text: String,
}

fn front(doc: &Doc) -> Front {
    let mut out = Front::default();
    let mut issuer_above: Option<(usize, String, String)> = None;
    let mut prev: Option<usize> = None;
    let mut lines = doc
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_blank())
        .take(FRONT_LINES)
        .peekable();
    while let Some((i, line)) = lines.next() {
        let above = prev.replace(i);
        let Some((text, printed)) = single_cell(line) else {
            break;
        };
        if is_page_furniture(&text) {
            continue;
        }
        if is_contents(&text) || lexicon::FRONT_MATTER.contains(&fold_printed_name(&text).as_str())
        {
            break;
        }
        if let Some(part) = part_name(&text) {
            out.part = Some(part);
            continue;
        }
        if is_issuer_line(&text) {
            issuer_above = Some((i, text, printed));
            continue;
        }
        if !title_like(&text) {
            break;
        }
        let mut heading = Heading {
            lines: vec![i],
            title: printed,
            text,
        };
        if let Some((j, name, name_printed)) = issuer_above.take() {
            if Some(j) == above
                && !fold_printed_name(&heading.text).contains(&fold_printed_name(&name))
            {
                heading.lines.insert(0, j);
                heading.title = format!("{name_printed} {}", heading.title);
                heading.text = format!("{name} {}", heading.text);
            }
        }
        if let Some((j, next)) = lines.peek() {
            if let Some((next_text, next_printed)) = single_cell(next) {
                if is_bracketed_period(&next_text) && !ends_with_period(&heading.text) {
                    heading.lines.push(*j);
                    heading.title.push_str(&next_printed);
                    heading.text.push_str(&next_text);
                }
            }
        }
        out.heading = Some(heading);
        break;
    }
    out
}

/// The one filled cell of a line, normalised and as printed; `None` for a table row.
fn single_cell(line: &Line) -> Option<(String, String)> {
    let mut filled = line.cells.iter().enumerate().filter(|(_, c)| !c.is_empty());
    let (k, cell) = filled.next()?;
    if filled.next().is_some() {
        return None;
    }
    let text = clean_text(cell);
    // The printed form is the raw cell only where the raw line was cut at its tabs; a line
    // cut from another rendering (pipes, spaces) has its own separators in its raw text.
    let printed = if line.split == Split::AsWritten {
        line.raw
            .split('\t')
            .nth(k)
            .map(clean_text)
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| text.clone())
    } else {
        text.clone()
    };
    Some((text, printed))
}

/// A short unnumbered line that is not a sentence, a heading of the body or a list item.
fn title_like(text: &str) -> bool {
    let n = text.chars().count();
    (2..=80).contains(&n)
        && !text.ends_with('。')
        && !starts_with_heading(text)
        && !is_generic(text)
        && !strip_dash(text).0
        && !text.starts_with(|c: char| "([【〔《〈<".contains(c) || STRONG.contains(&c))
        && !is_links_header(text)
}

/// Page numbers (`- 1 -`, `P.3`, `12/40`), a bare date (`令和6年3月`), a tagline (`～ … ～`),
/// a draft or edition mark (`（案）`, `【概要版】`).
fn is_page_furniture(text: &str) -> bool {
    let digits: String = text
        .chars()
        .filter(|c| !" -‐–—―~〜()/.Pp頁".contains(*c))
        .collect();
    if !digits.is_empty() && digits.len() <= 4 && digits.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    if text.chars().count() <= 20 && parse_period(text).is_ok() {
        return true;
    }
    let waves = ['~', '〜', '-', '―', '—', '‐'];
    if text.chars().count() > 2 && text.starts_with(waves) && text.ends_with(waves) {
        return true;
    }
    let bare = text.trim_matches(|c: char| "()[]【】〔〕<>《》 ".contains(c));
    lexicon::DRAFT_MARKS.contains(&bare)
}

/// `目次`, `目 次`, `もくじ`, `CONTENTS`.
fn is_contents(text: &str) -> bool {
    let c = fold_printed_name(text).to_lowercase();
    lexicon::CONTENTS_HEADINGS.contains(&c.as_str())
}

/// The name of the part a line labels: `Ⅱ 産業編` → `産業編`, `第2部 各論` → `各論`, `産業編`.
fn part_name(text: &str) -> Option<String> {
    let c = collapse_spaces(text);
    if let Some(rest) = c.strip_prefix('第') {
        let number_end = rest
            .char_indices()
            .find(|(_, ch)| !(ch.is_ascii_digit() || "一二三四五六七八九十".contains(*ch)))
            .map_or(rest.len(), |(i, _)| i);
        let after = rest.get(number_end..)?;
        if number_end > 0 {
            if let Some(name) = after.strip_prefix(['部', '編']) {
                let name = name.trim();
                return Some(if name.is_empty() {
                    c.clone()
                } else {
                    name.to_owned()
                });
            }
        }
        return None;
    }
    let (label, rest) = c.split_once(' ').unwrap_or(("", c.as_str()));
    let roman = !label.is_empty()
        && label
            .chars()
            .all(|ch| ('\u{2160}'..='\u{217F}').contains(&ch) || "IVX".contains(ch));
    let part_like = |name: &str| {
        (name.ends_with('編') || name.ends_with('部') || lexicon::PART_NAMES.contains(&name))
            && (2..=12).contains(&name.chars().count())
            && !name.contains(' ')
    };
    if roman && part_like(rest) {
        return Some(rest.to_owned());
    }
    (label.is_empty() && c.ends_with('編') && part_like(&c)).then_some(c)
}

/// A line that only names the issuer, perhaps with its department (`みなと市`,
/// `山口県 商工労働部`).
fn is_issuer_line(text: &str) -> bool {
    let c = fold_printed_name(text);
    let Some(rest) = strip_government(&c) else {
        return false;
    };
    rest.is_empty()
        || (rest.chars().count() <= 30
            && lexicon::DEPARTMENT_ENDS.iter().any(|d| rest.ends_with(d))
            && !lexicon::PLAN_KINDS.iter().any(|k| rest.contains(k)))
}

/// What follows a government's name at the start of `c` (`みなと市産業振興部` → `産業振興部`).
fn strip_government(c: &str) -> Option<&str> {
    if let Some(p) = crate::naming::prefectures::PREFECTURES
        .iter()
        .find(|p| c.starts_with(p.name))
    {
        return c
            .get(p.name.len()..)
            .map(|rest| strip_government(rest).unwrap_or(rest));
    }
    for (i, ch) in c.char_indices().take(7) {
        if "県市町村都府".contains(ch) {
            let stem = c.get(..i)?;
            let n = stem.chars().count();
            let one_script = stem.chars().all(is_kanji) || stem.chars().all(is_kana);
            if (2..=5).contains(&n) && one_script {
                return c.get(i + ch.len_utf8()..);
            }
        }
    }
    None
}

/// `（令和6年度～令和10年度）`, `(令和元年8月)`: a period or a date in brackets, alone.
fn is_bracketed_period(text: &str) -> bool {
    last_group(text).is_some_and(|(start, inner)| start == 0 && parse_period(inner.trim()).is_ok())
}

fn ends_with_period(text: &str) -> bool {
    last_group(text).is_some_and(|(_, inner)| parse_period(inner.trim()).is_ok())
}

/// True when a title names a kind of document (`…計画`, `…の進捗状況について`).
fn names_a_kind(title: &str) -> bool {
    lexicon::PLAN_KINDS
        .iter()
        .chain(lexicon::REPORT_WORDS)
        .any(|w| title.contains(w))
}

// ---------------------------------------------------------------------------------------------
// What the text says of itself
// ---------------------------------------------------------------------------------------------

/// The name the text gives itself (see the module doc, 2).
fn self_name(doc: &Doc) -> Option<String> {
    doc.lines
        .iter()
        .take(SELF_LINES)
        .find_map(|l| defined_as_self(&l.text).or_else(|| named_after_self(&l.text)))
}

/// `「X」（以下「本計画」という。）` or `X(以下、本計画)`: the X defined as the plan itself.
fn defined_as_self(text: &str) -> Option<String> {
    let mut from = 0;
    while let Some(p) = text.get(from..)?.find("(以下").map(|p| p + from) {
        from = p + "(以下".len();
        let inner = text.get(from..)?;
        let inner = inner.get(..inner.find(')').unwrap_or(inner.len()))?;
        let mut abbreviation = inner.to_owned();
        for w in lexicon::DEFINITION_FILLERS {
            abbreviation = abbreviation.replace(w, "");
        }
        let abbreviation: String = abbreviation
            .chars()
            .filter(|c| !"、,「」『』\"。 ".contains(*c))
            .collect();
        if !is_self_word(&abbreviation) {
            continue;
        }
        let before = text.get(..p)?.trim_end();
        let name = match before.chars().last() {
            Some('」') => quoted_before(before, '「'),
            Some('』') => quoted_before(before, '『'),
            _ => Some(run_before(before)),
        };
        if let Some(name) = name.filter(|n| plan_name_ok(n)) {
            return Some(name);
        }
    }
    None
}

/// `本計画「X」`, `この計画（X）`: the X named right after a word for the plan itself.
fn named_after_self(text: &str) -> Option<String> {
    for (p, _) in text.match_indices(['本', 'こ', '当']) {
        if text
            .get(..p)
            .and_then(|b| b.chars().last())
            .is_some_and(is_word_char)
        {
            continue;
        }
        let rest = text.get(p..)?;
        let Some(len) = self_word_at(rest) else {
            continue;
        };
        let after = rest.get(len..)?.trim_start();
        let (open, close) = match after.chars().next() {
            Some('「') => ('「', '」'),
            Some('『') => ('『', '』'),
            Some('(') => ('(', ')'),
            _ => continue,
        };
        let inner = after.get(open.len_utf8()..)?;
        let name = inner.get(..inner.find(close)?)?.trim();
        if plan_name_ok(name) {
            return Some(name.to_owned());
        }
    }
    None
}

/// The length of the word for the plan itself that `text` starts with (`本計画`, `この戦略`).
fn self_word_at(text: &str) -> Option<usize> {
    let (prefix, rest) = lexicon::SELF_PREFIXES
        .iter()
        .find_map(|p| text.strip_prefix(p).map(|r| (p.len(), r)))?;
    lexicon::PLAN_KINDS
        .iter()
        .find(|k| rest.starts_with(*k))
        .map(|k| prefix + k.len())
}

/// `本計画`, `この計画`, `当計画`, … for every kind.
fn self_words() -> impl Iterator<Item = String> {
    lexicon::SELF_PREFIXES
        .iter()
        .flat_map(|p| lexicon::PLAN_KINDS.iter().map(move |k| format!("{p}{k}")))
}

/// A word that stands for the document itself: `本計画`, `この戦略`, bare `計画`, `本書`.
fn is_self_word(w: &str) -> bool {
    w == "本書" || lexicon::PLAN_KINDS.contains(&w) || self_words().any(|s| s == w)
}

/// The text inside the last `open … close` group that ends `before`.
fn quoted_before(before: &str, open: char) -> Option<String> {
    let start = before.rfind(open)?;
    let inner = before.get(start + open.len_utf8()..)?;
    Some(inner.trim_end_matches(['」', '』']).trim().to_owned())
}

/// The name that ends `before`: back to a comma, a full stop, a bracket, a space or the
/// particles は / を / が.
fn run_before(before: &str) -> String {
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| "、。,.「」『』() \t:：はをが".contains(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    before.get(start..).unwrap_or("").trim().to_owned()
}

/// A plan's name: a kind of document in it, 2–60 characters, no sentence.
fn plan_name_ok(name: &str) -> bool {
    (2..=60).contains(&name.chars().count())
        && lexicon::PLAN_KINDS.iter().any(|k| name.contains(k))
        && !name.contains('。')
}

// ---------------------------------------------------------------------------------------------
// A built name
// ---------------------------------------------------------------------------------------------

/// The name built from what the document prints (see the module doc, 3).
fn built_name(doc: &Doc, ex: &Extraction) -> Option<String> {
    let part = front(doc).part;
    let what = subject(doc).or_else(|| unit_name(doc, ex));
    if what.is_none() && part.is_none() {
        return None;
    }
    let issuer = ex.plan.issuer.as_ref().map(|i| i.name.clone());
    let when = ex.plan.period.map(era_text);
    if issuer.is_none() && when.is_none() {
        return None;
    }
    let issuer = issuer.filter(|i| !what.as_ref().is_some_and(|w| w.contains(i.as_str())));
    let mut name = [issuer, what, part]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(w) = when {
        name.push_str(&format!("（{w}）"));
    }
    Some(name)
}

/// A period as a title prints it: `令和4年度～令和8年度` (the era form, without the Western one).
fn era_text(p: Period) -> String {
    let text = format_ja(p);
    match text.split_once('（') {
        Some((era, _)) => era.to_owned(),
        None => text,
    }
}

/// What a sentence about the plan itself says it is about: `計画期間中の商工業振興を推進` →
/// `商工業振興`; `本計画は、本市の観光の振興を図る` → `観光振興`.
fn subject(doc: &Doc) -> Option<String> {
    doc.lines.iter().take(SELF_LINES).find_map(|line| {
        line.text
            .split('。')
            .filter_map(after_self_reference)
            .find_map(subject_in)
    })
}

/// The text after the first word for the plan itself in a sentence (`本計画`, `この計画`,
/// `計画期間中`; not `本計画` inside `基本計画`).
fn after_self_reference(sentence: &str) -> Option<&str> {
    const DURING: &str = "計画期間中";
    sentence
        .match_indices(['本', 'こ', '当', '計'])
        .find_map(|(p, _)| {
            let inside_a_word = sentence
                .get(..p)
                .and_then(|b| b.chars().last())
                .is_some_and(is_word_char);
            if inside_a_word {
                return None;
            }
            let rest = sentence.get(p..)?;
            let len = if rest.starts_with(DURING) {
                DURING.len()
            } else {
                self_word_at(rest)?
            };
            rest.get(len..)
        })
}

/// The first word ending in a policy word (`商工業振興`), or `X の <policy word>` joined.
fn subject_in(text: &str) -> Option<String> {
    let runs = word_runs(text);
    for (k, (run, next)) in runs.iter().enumerate() {
        let n = run.chars().count();
        if let Some(w) = lexicon::POLICY_WORDS.iter().find(|w| run.ends_with(*w)) {
            if n >= w.chars().count() + 2 {
                return Some(run.clone());
            }
        }
        if *next == Some('の') && n >= 2 {
            if let Some((following, _)) = runs.get(k + 1) {
                if lexicon::POLICY_WORDS.contains(&following.as_str()) {
                    return Some(format!("{run}{following}"));
                }
            }
        }
    }
    None
}

/// The runs of word characters in a text, each with the character after it.
fn word_runs(text: &str) -> Vec<(String, Option<char>)> {
    let mut runs = Vec::new();
    let mut run = String::new();
    for c in text.chars() {
        if is_word_char(c) {
            run.push(c);
        } else if !run.is_empty() {
            runs.push((std::mem::take(&mut run), Some(c)));
        }
    }
    if !run.is_empty() {
        runs.push((run, None));
    }
    runs
}

/// The name the document quotes for its top-level units: in a document whose top-level nodes
/// are `プロジェクト`s, the most quoted `「…プロジェクト」` (`産業戦略プロジェクト`).
fn unit_name(doc: &Doc, ex: &Extraction) -> Option<String> {
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for k in ex
        .nodes
        .iter()
        .filter(|n| n.parent.is_none())
        .filter_map(|n| n.kind.as_deref())
    {
        match kinds.iter_mut().find(|(x, _)| *x == k) {
            Some((_, n)) => *n += 1,
            None => kinds.push((k, 1)),
        }
    }
    let kind = kinds.iter().rev().max_by_key(|(_, n)| *n)?.0;
    let mut names: Vec<(String, usize)> = Vec::new();
    for line in doc.lines.iter().filter(|l| l.text.contains('「')) {
        for piece in line.text.split('「').skip(1) {
            let Some((quoted, _)) = piece.split_once('」') else {
                continue;
            };
            let n = quoted.chars().count();
            if quoted.ends_with(kind) && quoted != kind && n <= 30 && !quoted.contains('、') {
                match names.iter_mut().find(|(x, _)| x == quoted) {
                    Some((_, c)) => *c += 1,
                    None => names.push((quoted.to_owned(), 1)),
                }
            }
        }
    }
    names
        .into_iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map(|(name, _)| name)
}

fn is_word_char(c: char) -> bool {
    is_kanji(c) || is_katakana(c) || c.is_ascii_alphanumeric() || c == '・'
}

// ---------------------------------------------------------------------------------------------
// The plan period
// ---------------------------------------------------------------------------------------------

/// The plan period the document states near its start: a `計画期間：令和2年度～令和6年度`
/// line (or the prose `計画期間は、令和2年度から令和6年度までの5年間`, `本計画の期間は、…`),
/// else a window in brackets at the end of the title (`（2022～2026）`).
fn stated_period(doc: &Doc, title: Option<&str>) -> Option<Period> {
    let years = |p: Period| {
        matches!(
            p,
            Period::FiscalYears { .. }
                | Period::CalendarYears { .. }
                | Period::FiscalYear(_)
                | Period::CalendarYear(_)
        )
        .then_some(p)
    };
    let read = |text: &str| -> Option<Period> {
        let text = text.trim();
        if let Ok(p) = parse_period(text) {
            return years(p);
        }
        // `令和3年度～令和7年度（5年間）`
        if let Some((start, _)) = last_group(text) {
            if let Ok(p) = parse_period(text.get(..start)?.trim()) {
                return years(p);
            }
        }
        // `令和2年度から令和6年度までの5年間`
        let (from, rest) = text.split_once("から")?;
        let (to, _) = rest.split_once("まで")?;
        years(parse_period(&format!("{from}～{to}")).ok()?)
    };
    // Where the document presents itself: a period stated deep inside is a sub-plan's.
    for line in doc.lines.iter().filter(|l| !l.is_blank()).take(40) {
        if line.is_row() || line.text.chars().count() > 80 {
            continue;
        }
        let c = collapse_spaces(&line.text);
        let Some(rest) = lexicon::PERIOD_OPENERS
            .iter()
            .find_map(|o| c.strip_prefix(o))
        else {
            continue;
        };
        let rest = rest.trim_start_matches(['は', '、', ':', ' ', '：', 'を']);
        if let Some(p) = read(rest) {
            return Some(p);
        }
    }
    let t = normalize(title?);
    last_group(&t).and_then(|(_, inner)| read(inner))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract_text;

    fn named(text: &str) -> (Option<String>, Option<TitleFrom>) {
        let ex = extract_text(text, "t.txt", "UTF-8");
        (ex.plan.title, ex.plan.title_from)
    }

    fn some(title: &str, from: TitleFrom) -> (Option<String>, Option<TitleFrom>) {
        (Some(title.to_owned()), Some(from))
    }

    #[test]
    fn page_furniture_and_the_issuer_line_above_the_heading_are_passed_over() {
        let text = "- 1 -\n\n北浜市\n地域公共交通計画\n～誰もが移動しやすいまちへ～\n令和5年3月\n北浜市 都市整備部\n目次\n第1章 計画の概要……1\n";
        assert_eq!(
            named(text),
            some("北浜市 地域公共交通計画", TitleFrom::Heading)
        );
        // Not when the heading names the issuer itself, nor after a line in between.
        assert_eq!(
            named("みなと市\n第3次みなと市観光振興計画\n").0.as_deref(),
            Some("第3次みなと市観光振興計画")
        );
        assert_eq!(
            named("北浜市\n（案）\n交通計画\n").0.as_deref(),
            Some("交通計画")
        );
        for furniture in [
            "- 12 -",
            "P.3",
            "12/40",
            "令和6年3月",
            "～ みんなの未来 ～",
            "【概要版】",
            "(案)",
        ] {
            assert!(is_page_furniture(&normalize(furniture)), "{furniture}");
        }
        for text in ["北浜市観光振興計画", "第2期総合戦略", "2050年に向けて"] {
            assert!(!is_page_furniture(text), "{text}");
        }
    }

    #[test]
    fn a_bracketed_period_or_date_under_the_heading_belongs_to_it() {
        let ex = extract_text(
            "第3次みなと市観光振興計画\n（令和６年度～令和10年度）\n令和6年3月\nみなと市\n",
            "t.txt",
            "UTF-8",
        );
        assert_eq!(
            ex.plan.title.as_deref(),
            Some("第3次みなと市観光振興計画（令和６年度～令和10年度）")
        );
        assert_eq!(
            ex.plan.period.map(|p| p.to_string()).as_deref(),
            Some("FY2024-FY2028")
        );
        let ex = extract_text(
            "総合戦略の進捗状況について\n（令和6年8月）\n1 しごと\n",
            "t.txt",
            "UTF-8",
        );
        assert_eq!(
            ex.plan.title.as_deref(),
            Some("総合戦略の進捗状況について（令和6年8月）")
        );
        assert_eq!(
            ex.plan.as_of.map(|p| p.to_string()).as_deref(),
            Some("2024-08")
        );
        assert!(ex.nodes.iter().all(|n| !n.title.contains("令和6年8月")));
    }

    #[test]
    fn a_part_label_is_a_part_not_a_title() {
        for (line, part) in [
            ("Ⅱ 産業編", Some("産業編")),
            ("Ⅲ　各論", Some("各論")),
            ("第2部 分野別計画", Some("分野別計画")),
            ("第3編", Some("第3編")),
            ("産業編", Some("産業編")),
            ("第1章 計画の推進", None),
            ("Ⅰ 安心して暮らせるまちづくり", None),
            ("北浜市観光振興計画", None),
        ] {
            assert_eq!(part_name(&normalize(line)).as_deref(), part, "{line}");
        }
        assert_eq!(named("Ⅱ 産業編\n第1章 計画の推進\n"), (None, None));
    }

    #[test]
    fn front_matter_and_contents_end_the_search_for_a_heading() {
        assert_eq!(named("はじめに\n本市は…\n").0, None);
        assert_eq!(named("目次\n1 概要\n").0, None);
    }

    #[test]
    fn the_name_the_text_gives_itself_is_a_plan_it_says_is_itself() {
        let n = |s: &str| defined_as_self(&normalize(s));
        assert_eq!(
            n("このたび、「第２次みなと県産業振興基本計画」（以下「本計画」という。）を策定しました。").as_deref(),
            Some("第2次みなと県産業振興基本計画")
        );
        assert_eq!(
            n("本市では、第2次北浜市総合計画(以下「計画」という。)に基づき").as_deref(),
            Some("第2次北浜市総合計画")
        );
        // Another plan, given a short name of its own.
        assert_eq!(
            n("「みなと県総合計画」(以下「総合計画」という。)との整合"),
            None
        );
        assert_eq!(n("「みなと県」(以下「本県」という。)"), None);
        let a = |s: &str| named_after_self(&normalize(s));
        assert_eq!(
            a("本計画「北浜市DX推進計画」は、").as_deref(),
            Some("北浜市DX推進計画")
        );
        assert_eq!(
            a("この戦略（第２期みなと町総合戦略）では").as_deref(),
            Some("第2期みなと町総合戦略")
        );
        // `本計画` inside `基本計画` is not the plan itself.
        assert_eq!(a("基本計画「北浜市農業計画」"), None);
    }

    #[test]
    fn a_self_name_comes_after_a_heading_of_a_kind_and_before_any_other() {
        let defines = "「第2期北浜市総合戦略」(以下「本戦略」という。)は、";
        assert_eq!(
            named(&format!("地域の現状\n1 人口\n{defines}\n")),
            some("第2期北浜市総合戦略", TitleFrom::SelfName)
        );
        assert_eq!(
            named(&format!("北浜市観光振興計画\n1 概要\n{defines}\n")),
            some("北浜市観光振興計画", TitleFrom::Heading)
        );
        // With the part it is.
        assert_eq!(
            named(&format!("第2部 各論\n1 人口\n{defines}\n"))
                .0
                .as_deref(),
            Some("第2期北浜市総合戦略 各論")
        );
    }

    #[test]
    fn a_name_is_built_from_issuer_subject_part_and_period() {
        let text = "Ⅱ 産業編\n第1章 計画の推進\n本県の産業は、みなと県の強みを活かし、計画期間中の商工業振興を推進します。\nみなと県の人口\n計画期間：令和4年度～令和8年度\n";
        assert_eq!(
            named(text),
            some(
                "みなと県 商工業振興 産業編（令和4年度～令和8年度）",
                TitleFrom::Built
            )
        );
        let s = |t: &str| subject_in(t);
        assert_eq!(
            s("の商工業振興を推進していきます").as_deref(),
            Some("商工業振興")
        );
        assert_eq!(s("は、本市の観光の振興を図る").as_deref(), Some("観光振興"));
        assert_eq!(s("に掲げる数値目標の達成度や施策の評価"), None);
        // Nothing says whose or when: nothing is built.
        assert_eq!(named("Ⅱ 産業編\n第1章 計画の推進\n"), (None, None));
    }

    #[test]
    fn a_document_of_units_is_named_after_the_units_it_quotes() {
        let text = "1 港湾の強化\n本県の港湾は…\n対応・関連する「重点戦略プロジェクト」\n港湾整備プロジェクト\nみなと県の港湾\nみなと県の物流\n取組\t令和3年度\t令和4年度\t令和5年度\n";
        let ex = extract_text(text, "t.txt", "UTF-8");
        assert_eq!(
            ex.plan.title.as_deref(),
            Some("みなと県 重点戦略プロジェクト"),
            "{:?}",
            ex.nodes
        );
    }

    #[test]
    fn the_period_is_read_from_the_plan_speaking_of_its_own_period() {
        let ex = extract_text(
            "目次\n第1章 計画の概要\n本計画の期間は、令和5年度から令和9年度までの5年間とします。\n",
            "t.txt",
            "UTF-8",
        );
        assert_eq!(
            ex.plan.period.map(|p| p.to_string()).as_deref(),
            Some("FY2023-FY2027")
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "",
            "(以下",
            "(以下「本計画」",
            "」(以下「本計画」という。)",
            "本計画「",
            "この計画(",
            "第",
            "Ⅱ",
            "第一部",
            "\u{0}",
            "本",
            "計画期間中の",
            "「」「「」」",
            "北浜市\n",
            "Ⅱ 産業編\n本県\n本県\n",
        ] {
            let _ = named(text);
            let _ = defined_as_self(text);
            let _ = named_after_self(text);
            let _ = part_name(text);
        }
    }
}

//! Plan codes made from what a plan is called.
//!
//! A plan's code (DESIGN.md → Plan file) is ASCII, `[a-z0-9-]+`, and the handle a planner
//! types (`shinchoku evaluate --plan yamaguchi-industry-2022`), so it should say which plan it
//! is. [`plan_code`] derives it from the title, deterministically, in three parts:
//!
//! 1. **Whose**: the issuer's romaji — a prefecture's from [`prefectures`], or a place written
//!    in kana (`みなと市` → `minato`, [`kana`]); a place written in kanji has no reading here
//!    and is left out.
//! 2. **What**: up to three words of the title in English, from a vocabulary of the words plan
//!    titles are made of — fields (`産業` industry, `観光` tourism, `福祉` welfare …) and kinds
//!    (`総合計画` comprehensive-plan, `戦略` strategy, `進捗状況` progress …) — and the title's
//!    own ASCII words (`DX`, `IoT`), in the title's order, none repeated; the words that say
//!    what a report or list is (`progress`, `members`) are kept before the others.
//! 3. **When**: the start year of its period (`2022`), or the month of a report (`2019-08`).
//!
//! `山口県 商工業振興 産業編`, FY2022–FY2026 → `yamaguchi-commerce-industry-2022`. When the title
//! has no word of the vocabulary, six hex digits of a hash of the title stand for the what,
//! so that differently named plans still get different codes (`plan-` leads when no issuer
//! does: `plan-10fc37-2022`); with neither issuer nor date, `plan-` and eight hex digits. Codes are at most 64 characters (words are dropped from the
//! end to fit).
//!
//! A document that prints no title at all (the title is then its file name) keeps the code of
//! its file stem, [`file_code`]: the only name it has.
//!
//! Two different plans can still be given the same code (the same issuer, words and year);
//! `shinchoku import --code` names a plan otherwise.

pub mod kana;
pub mod prefectures;

use shinchoku_core::period::Period;
use shinchoku_core::plan::{Issuer, PlanCode};
use shinchoku_core::text::normalize;

/// The most words of the title a code takes.
const MAX_WORDS: usize = 3;
/// Words that say what kind of document a report or a list is: kept first.
const REPORT_KINDS: &[&str] = &[
    "progress",
    "results",
    "report",
    "evaluation",
    "members",
    "additions",
    "revision",
    "summary",
    "trends",
    "status",
    "roadmap",
];
/// The longest code [`PlanCode::new`] accepts.
const MAX_LEN: usize = 64;
/// How much of a title is read for its words: a title is a line, not a document.
const MAX_TITLE_CHARS: usize = 200;

/// The words plan titles are made of, in English. At each place in a title the longest entry
/// that matches is taken (`総合計画` before `計画`).
const VOCABULARY: &[(&str, &str)] = &[
    // What kind of document.
    ("まち・ひと・しごと創生", "regional-revitalization"),
    ("地方創生", "regional-revitalization"),
    ("総合計画", "comprehensive-plan"),
    ("総合戦略", "comprehensive-strategy"),
    ("基本計画", "basic-plan"),
    ("実施計画", "implementation-plan"),
    ("行動計画", "action-plan"),
    ("アクションプラン", "action-plan"),
    ("計画", "plan"),
    ("プラン", "plan"),
    ("戦略", "strategy"),
    ("ビジョン", "vision"),
    ("方針", "policy"),
    ("構想", "concept"),
    ("指針", "guidelines"),
    ("大綱", "outline"),
    ("プロジェクト", "projects"),
    ("施策", "measures"),
    ("数値目標", "targets"),
    ("指標", "indicators"),
    ("進捗状況", "progress"),
    ("進捗", "progress"),
    ("取組状況", "progress"),
    ("達成状況", "progress"),
    ("実績", "results"),
    ("報告", "report"),
    ("評価", "evaluation"),
    ("名簿", "members"),
    ("追加", "additions"),
    ("改訂", "revision"),
    ("概要", "summary"),
    ("推移", "trends"),
    ("状況", "status"),
    ("ロードマップ", "roadmap"),
    ("工程表", "roadmap"),
    // What field.
    ("商工業", "commerce-industry"),
    ("商工", "commerce-industry"),
    ("産業", "industry"),
    ("工業", "manufacturing"),
    ("ものづくり", "manufacturing"),
    ("商業", "commerce"),
    ("中小企業", "sme"),
    ("創業", "startups"),
    ("イノベーション", "innovation"),
    ("科学技術", "science-technology"),
    ("観光", "tourism"),
    ("農林水産", "agriculture-forestry-fisheries"),
    ("農林", "agriculture-forestry"),
    ("農業", "agriculture"),
    ("就農", "farming"),
    ("林業", "forestry"),
    ("水産", "fisheries"),
    ("環境", "environment"),
    ("温暖化", "climate"),
    ("脱炭素", "decarbonization"),
    ("エネルギー", "energy"),
    ("水素", "hydrogen"),
    ("福祉", "welfare"),
    ("障害", "disability"),
    ("高齢者", "elderly"),
    ("介護", "long-term-care"),
    ("健康", "health"),
    ("医療", "medical"),
    ("子育て", "childcare"),
    ("子ども", "children"),
    ("教育", "education"),
    ("文化", "culture"),
    ("スポーツ", "sports"),
    ("人権", "human-rights"),
    ("男女共同参画", "gender-equality"),
    ("都市", "urban"),
    ("交通", "transport"),
    ("住宅", "housing"),
    ("防災", "disaster-prevention"),
    ("強靱化", "resilience"),
    ("強靭化", "resilience"),
    ("デジタル", "digital"),
    ("情報化", "ict"),
    ("雇用", "employment"),
    ("人材", "human-resources"),
    ("移住", "migration"),
    ("転出", "migration"),
    ("転入", "migration"),
    ("定住", "settlement"),
    ("人口", "population"),
    ("地方", "regional"),
    ("国際", "international"),
    ("行政改革", "administrative-reform"),
    ("行財政", "administration"),
];

/// The code of a plan with this title, issuer and date (see the module doc).
pub fn plan_code(title: &str, issuer: Option<&Issuer>, date: Option<Period>) -> PlanCode {
    let title: String = normalize(title).chars().take(MAX_TITLE_CHARS).collect();
    let who = issuer.and_then(|i| issuer_romaji(&i.name));
    let mut skip: Vec<String> = Vec::new();
    if let Some(i) = issuer {
        skip.push(normalize(&i.name));
    }
    let words = title_words(&title, &skip);
    let when = date.map(code_date);

    let mut distinct: Vec<&str> = Vec::new();
    let mut seen: Vec<&str> = who.iter().map(String::as_str).collect();
    for w in words.iter().map(String::as_str) {
        if w.split('-').all(|part| seen.contains(&part)) {
            continue;
        }
        seen.extend(w.split('-'));
        distinct.push(w);
    }
    // What a document is (a progress report, a member list) is kept before what it is about.
    let essential = distinct.iter().filter(|w| REPORT_KINDS.contains(w)).count();
    let mut others = MAX_WORDS.saturating_sub(essential);
    let mut what: Vec<&str> = Vec::new();
    for w in distinct {
        if what.len() == MAX_WORDS {
            break;
        }
        if REPORT_KINDS.contains(&w) {
            what.push(w);
        } else if others > 0 {
            others -= 1;
            what.push(w);
        }
    }
    let hash = format!("{:06x}", fnv1a(&title) >> 40);
    let mut lead = who.as_deref();
    if what.is_empty() {
        if who.is_none() && when.is_none() {
            return hashed(&title);
        }
        // A code does not start with hex digits: `plan-` leads when nothing else does.
        lead = lead.or(Some("plan"));
        what.push(&hash);
    }
    loop {
        let parts: Vec<&str> = lead
            .into_iter()
            .chain(what.iter().copied())
            .chain(when.iter().map(String::as_str))
            .collect();
        let code = parts.join("-");
        if code.len() <= MAX_LEN || what.len() <= 1 {
            if let Some(c) = PlanCode::new(&code) {
                return c;
            }
            return hashed(&title);
        }
        what.pop();
    }
}

/// The code of a document that prints no title: its file stem as `[a-z0-9-]+`
/// (`004_af65….txt` → `004-af65…`), else `plan-` and a hash of `title`.
pub fn file_code(document: &str, title: &str) -> PlanCode {
    let name = file_name(document);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let mut code = String::new();
    for c in stem.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if code.len() >= MAX_LEN {
                break;
            }
            code.push(c);
        } else if !code.is_empty() && !code.ends_with('-') && code.len() < MAX_LEN - 1 {
            code.push('-');
        }
    }
    PlanCode::new(code.trim_end_matches('-')).unwrap_or_else(|| hashed(title))
}

/// The last component of a path (`/`- or `\`-separated).
pub fn file_name(document: &str) -> &str {
    document.rsplit(['/', '\\']).next().unwrap_or(document)
}

/// How an issuer is written in a code: a prefecture's romaji (`山口県` → `yamaguchi`), or
/// the romaji of a place written in kana (`みなと市` → `minato`); `None` for a place in kanji.
pub fn issuer_romaji(name: &str) -> Option<String> {
    let name = normalize(name);
    if let Some(p) = prefectures::by_name(&name) {
        return Some(p.romaji.to_owned());
    }
    let stem = name.strip_suffix(['都', '道', '府', '県', '市', '区', '町', '村'])?;
    kana::romaji(stem).filter(|r| !r.is_empty())
}

/// `plan-` and eight hex digits of a hash of the title.
fn hashed(title: &str) -> PlanCode {
    let code = format!("plan-{:08x}", fnv1a(title) >> 32);
    // `plan-` and eight hex digits is always a code: the loop ends on its first turn, and is
    // a loop only because the constructor returns an `Option` (no `expect` outside tests).
    loop {
        if let Some(c) = PlanCode::new(&code) {
            return c;
        }
    }
}

/// The words of a title in English, in order (see [`VOCABULARY`]); the names in `skip` (the
/// issuer) and prefecture names and kana brands are passed over, being the issuer's part.
fn title_words(title: &str, skip: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = title;
    while let Some(c) = rest.chars().next() {
        let skipped = skip
            .iter()
            .filter(|s| !s.is_empty() && rest.starts_with(s.as_str()))
            .map(String::len)
            .max()
            .or_else(|| {
                prefectures::PREFECTURES
                    .iter()
                    .find(|p| rest.starts_with(p.name))
                    .map(|p| p.name.len())
            })
            .or_else(|| prefectures::by_kana_prefix(rest).map(|p| p.kana.len()));
        if let Some(n) = skipped {
            rest = rest.get(n..).unwrap_or("");
            continue;
        }
        if let Some((jp, en)) = VOCABULARY
            .iter()
            .filter(|(jp, _)| rest.starts_with(jp))
            .max_by_key(|(jp, _)| jp.len())
        {
            out.push((*en).to_owned());
            rest = rest.get(jp.len()..).unwrap_or("");
            continue;
        }
        if c.is_ascii_alphabetic() {
            let end = rest
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len());
            out.push(rest.get(..end).unwrap_or("").to_ascii_lowercase());
            rest = rest.get(end..).unwrap_or("");
            continue;
        }
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    out
}

/// A period as the last part of a code: a year or window by its first year (`2022`), a month
/// `2019-08`, a day `2019-08-30`.
fn code_date(p: Period) -> String {
    match p {
        Period::FiscalYear(y) | Period::CalendarYear(y) => y.to_string(),
        Period::FiscalYears { start, .. } | Period::CalendarYears { start, .. } => {
            start.to_string()
        }
        Period::Month { year, month } => format!("{year}-{month:02}"),
        Period::Date { year, month, day } => format!("{year}-{month:02}-{day:02}"),
    }
}

/// FNV-1a, 64 bits: stable across runs and platforms, unlike `std`'s hasher.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issuer(name: &str) -> Issuer {
        Issuer {
            name: name.into(),
            code: None,
        }
    }

    fn code(title: &str, by: Option<&str>, date: Option<&str>) -> String {
        let by = by.map(issuer);
        let date = date.map(|d| Period::parse(d).unwrap_or_else(|e| panic!("{d}: {e}")));
        plan_code(title, by.as_ref(), date).to_string()
    }

    #[test]
    fn codes_say_whose_what_and_when() {
        let check = |title: &str, by: Option<&str>, date: Option<&str>, want: &str| {
            assert_eq!(code(title, by, date), want, "{title}");
        };
        check(
            "山口県 商工業振興 産業編（令和4年度～令和8年度）",
            Some("山口県"),
            Some("FY2022-FY2026"),
            "yamaguchi-commerce-industry-2022",
        );
        check(
            "産業戦略プロジェクトの進捗状況について（令和元年8月）",
            Some("山口県"),
            Some("2019-08"),
            "yamaguchi-industry-strategy-progress-2019-08",
        );
        // A kana brand names its prefecture, and is not read again as a word.
        check(
            "やまぐち産業戦略推進計画",
            Some("山口県"),
            Some("FY2021-FY2023"),
            "yamaguchi-industry-strategy-plan-2021",
        );
        // A place in kana is spelled; one in kanji has no reading and is left out.
        check(
            "第３次みなと市観光振興計画",
            Some("みなと市"),
            Some("FY2024-FY2028"),
            "minato-tourism-plan-2024",
        );
        check(
            "北浜市地域福祉計画",
            Some("北浜市"),
            Some("FY2023-FY2027"),
            "welfare-plan-2023",
        );
        // The longest word wins, ASCII words are kept, nothing repeats.
        check(
            "みなと県DX推進計画",
            Some("みなと県"),
            Some("FY2024"),
            "minato-dx-plan-2024",
        );
        check(
            "第２期総合戦略 総合戦略 まち・ひと・しごと創生",
            None,
            None,
            "comprehensive-strategy-regional-revitalization",
        );
    }

    #[test]
    fn a_title_without_known_words_gets_a_hash_for_what() {
        let a = code("みなと県の概況", Some("みなと県"), None);
        let b = code("みなと県の沿革", Some("みなと県"), None);
        assert!(
            a.starts_with("minato-") && a.len() == "minato-".len() + 6,
            "{a}"
        );
        assert_ne!(a, b);
        assert_eq!(
            code("みなと県の概況", Some("みなと県"), None),
            a,
            "deterministic"
        );
        assert_eq!(code("", None, None), "plan-cbf29ce4");
        assert!(code("概況", None, None).starts_with("plan-"));
        let c = code("概況", None, Some("FY2022"));
        assert!(c.starts_with("plan-") && c.ends_with("-2022"), "{c}");
    }

    #[test]
    fn codes_are_always_valid_and_at_most_64_characters() {
        let long = "産業観光福祉環境教育文化交通住宅防災雇用人材移住人口".repeat(20);
        for title in [
            long.as_str(),
            "",
            "\u{0}",
            "ー",
            "ABC-def_ghi",
            "(((",
            "計画".repeat(500).as_str(),
        ] {
            let c = code(title, Some("鹿児島県"), Some("2019-08-30"));
            assert!(c.len() <= 64, "{c}");
            assert!(PlanCode::new(&c).is_some(), "{c}");
        }
    }

    #[test]
    fn codes_come_from_the_file_stem_or_a_hash_of_the_title() {
        let check = |doc: &str, title: &str, want: &str| {
            assert_eq!(file_code(doc, title).as_str(), want, "{doc}");
        };
        check("004_af65ec13672d85be.txt", "", "004-af65ec13672d85be");
        check("dir/Sub/Plan 2022 (R4).TXT", "", "plan-2022-r4");
        check("C:\\docs\\kpi__list.txt", "", "kpi-list");
        check("", "", "plan-cbf29ce4");
        let a = file_code("総合計画.txt", "第2次総合計画").to_string();
        assert!(a.starts_with("plan-") && a.len() == 13, "{a}");
        assert_eq!(file_code("計画.txt", "第2次総合計画").to_string(), a);
        assert_ne!(file_code("計画.txt", "第3次総合計画").to_string(), a);
        let long = format!("{}.txt", "a-".repeat(60));
        assert!(file_code(&long, "").as_str().len() <= 64);
    }

    #[test]
    fn issuers_are_spelled_when_they_can_be() {
        assert_eq!(issuer_romaji("山口県").as_deref(), Some("yamaguchi"));
        assert_eq!(issuer_romaji("東京都").as_deref(), Some("tokyo"));
        assert_eq!(issuer_romaji("さいたま市").as_deref(), Some("saitama"));
        assert_eq!(issuer_romaji("北浜市"), None);
        assert_eq!(issuer_romaji("市"), None);
    }
}

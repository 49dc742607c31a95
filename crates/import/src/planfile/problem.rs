//! What can be wrong in a plan file, as data, and how each problem is told in Japanese and
//! in English ([`Localize`]).
//!
//! The reader records what it found ([`PlanFileProblem`]: the value as written, what was
//! expected); the words come when a person reads it, in their language, both side by side in
//! one `match`. The TOML reader's own words (a syntax error, a value of the wrong type) are
//! English from the `toml` crate: they are quoted inside a Japanese sentence that says what
//! kind of problem it is.

use std::fmt;

use shinchoku_core::grading::ConditionError;
use shinchoku_core::lang::{Lang, Localize};
use shinchoku_core::period::Period;
use shinchoku_core::plan::PlanProblemKind;

/// One problem of a plan file; [`super::PlanFileError`] says where.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PlanFileProblem {
    /// The file could not be read; the system's words.
    Unreadable {
        /// What failed.
        error: String,
        /// What to check.
        hint: ReadHint,
    },
    /// The bytes are not UTF-8.
    NotUtf8 {
        /// The byte offset of the first bad byte.
        at: usize,
    },
    /// The text is not TOML; the TOML reader's words.
    TomlSyntax(String),
    /// A value of a type the plan file does not take there; the TOML reader's words.
    TomlValue(String),
    /// A key the plan file does not know.
    UnknownKey {
        /// The key, as the TOML reader quotes it (`` `titel` ``).
        key: String,
        /// The keys expected there, as the TOML reader lists them (`` `id`, `title` ``).
        expected: Option<String>,
    },
    /// A required key that is missing.
    MissingKey(String),
    /// An unquoted TOML date (`2019-08-31`).
    TomlDate,
    /// A period in a form other than the canonical one (`令和5年度` for `FY2023`).
    NotCanonical {
        /// As written.
        text: String,
        /// The canonical form.
        period: Period,
    },
    /// A text that is no period.
    NotAPeriod {
        /// As written.
        text: String,
        /// Why.
        why: PeriodFault,
    },
    /// A float that is not finite (`inf`, `nan`).
    NotFinite(String),
    /// A number that does not fit a decimal exactly.
    TooBig(String),
    /// A string that is no decimal number.
    NotANumber {
        /// As written.
        text: String,
        /// The same without thousands separators, when that is a number.
        without_separators: Option<String>,
    },
    /// A name that is none of a fixed set (`kind = "levle"`).
    NotOneOf {
        /// As written.
        text: String,
        /// What it should be.
        what: Choice,
        /// The names it may be.
        names: Vec<String>,
    },
    /// A plan code with characters other than `a-z`, `0-9`, `-`.
    BadCode(String),
    /// A fiscal-year start that is no month.
    NotAMonth(String),
    /// A grading scheme name that is not built in.
    NotAScheme(String),
    /// A grading rule that is no rule.
    BadRule(String),
    /// `old_title` with a marker other than `modified`.
    OldTitleWithMarker(String),
    /// `old_title` without any marker.
    OldTitleWithoutMarker,
    /// Text observed for an indicator that takes numbers.
    TextForNumber {
        /// The text.
        text: String,
        /// The indicator's kind (`level`).
        kind: &'static str,
        /// The kind's Japanese name (`水準`).
        kind_ja: &'static str,
    },
    /// A problem of the plan as a whole ([`shinchoku_core::plan::Plan::check`]), or a
    /// reference to a node that is not there.
    Plan(PlanProblemKind),
}

/// What to check when a file cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadHint {
    /// The path.
    Path,
    /// The file's permissions.
    Permissions,
    /// Nothing in particular.
    None,
}

/// Why a text is no period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodFault {
    /// A year outside 1000–9999.
    YearOutOfRange,
    /// A month or day that does not exist.
    NoSuchDate,
    /// A window whose end comes before its start, or that mixes FY and CY.
    BadWindow,
    /// Not a period at all.
    NotAPeriod,
}

/// The fixed sets of names a plan file value may be one of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// `kind`.
    Kind,
    /// `direction`.
    Direction,
    /// `comparator`.
    Comparator,
    /// `baseline.stat`.
    BaselineStat,
    /// `observation_details[].status`.
    ObservationStatus,
    /// `marker`.
    Marker,
    /// `links[].kind`.
    LinkKind,
    /// `grading.timing`.
    Timing,
}

impl Choice {
    fn en(self) -> &'static str {
        match self {
            Choice::Kind => "a kind",
            Choice::Direction => "a direction",
            Choice::Comparator => "a comparator",
            Choice::BaselineStat => "a baseline statistic",
            Choice::ObservationStatus => "an observation status",
            Choice::Marker => "a revision marker",
            Choice::LinkKind => "a link kind",
            Choice::Timing => "a timing",
        }
    }

    fn ja(self) -> &'static str {
        match self {
            Choice::Kind => "指標の種別",
            Choice::Direction => "目標の向き",
            Choice::Comparator => "目標の比較（以上・以下）",
            Choice::BaselineStat => "基準値の取り方",
            Choice::ObservationStatus => "実績の状態",
            Choice::Marker => "改訂の印",
            Choice::LinkKind => "リンクの種類",
            Choice::Timing => "評価の時期",
        }
    }
}

const PERIODS_EN: &str =
    "expected FY2023, CY2023, FY2021-FY2023, CY2021-CY2023, 2019-08 or 2019-08-31";
const PERIODS_JA: &str =
    "FY2023、CY2023、FY2021-FY2023、CY2021-CY2023、2019-08、2019-08-31 のように書いてください";

impl Localize for PlanFileProblem {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use PlanFileProblem as P;
        let q = |s: &str| lang.quote(s).to_string();
        match lang {
            Lang::En => match self {
                P::Unreadable { error, hint } => {
                    let hint = match hint {
                        ReadHint::Path => "; check the path",
                        ReadHint::Permissions => "; check the file's permissions",
                        ReadHint::None => "",
                    };
                    write!(f, "cannot read the plan file: {error}{hint}")
                }
                P::NotUtf8 { at } => write!(
                    f,
                    "the plan file is not UTF-8 (byte {at}); save it as UTF-8 (a Shift_JIS \
                     file must be converted first)"
                ),
                P::TomlSyntax(m) | P::TomlValue(m) => f.write_str(m),
                P::UnknownKey { key, expected } => match expected {
                    Some(e) => write!(f, "unknown key {key}; expected {e}"),
                    None => write!(f, "unknown key {key}"),
                },
                P::MissingKey(k) => write!(f, "missing key {k}; it is required here"),
                P::TomlDate => f.write_str(
                    "a TOML date or time is not a plan file value; quote it (\"2019-08-31\") \
                     or use a period such as \"FY2019\"",
                ),
                P::NotCanonical { text, period } => {
                    write!(f, "{} is not in the canonical form; write \"{period}\"", q(text))
                }
                P::NotAPeriod { text, why } => {
                    let why = match why {
                        PeriodFault::YearOutOfRange => "has a year outside 1000-9999",
                        PeriodFault::NoSuchDate => "names no such month or day",
                        PeriodFault::BadWindow => {
                            "is not a window (the end must not come before the start, and \
                             both ends must be FY or both CY)"
                        }
                        PeriodFault::NotAPeriod => "is not a period",
                    };
                    write!(f, "{} {why}; {PERIODS_EN}", q(text))
                }
                P::NotFinite(x) => write!(
                    f,
                    "{x} is not a number a plan can hold; write a finite number"
                ),
                P::TooBig(shown) => write!(
                    f,
                    "{shown} does not fit a decimal exactly (at most 28 digits after the point \
                     and 29 in all)"
                ),
                P::NotANumber {
                    text,
                    without_separators,
                } => match without_separators {
                    Some(plain) => write!(
                        f,
                        "{} is not a number; write it without separators, e.g. \"{plain}\"",
                        q(text)
                    ),
                    None => write!(
                        f,
                        "{} is not a number; write e.g. 30, 19.3 or \"19.3\"",
                        q(text)
                    ),
                },
                P::NotOneOf { text, what, names } => write!(
                    f,
                    "{} is not {}; expected one of {}",
                    q(text),
                    what.en(),
                    names.join(", ")
                ),
                P::BadCode(code) => write!(
                    f,
                    "{} is not a plan code; use 1-64 characters of a-z, 0-9 and - (e.g. \
                     \"yamaguchi-industry-2022\")",
                    q(code)
                ),
                P::NotAMonth(m) => write!(
                    f,
                    "{m} is not a month; write a whole number 1-12 (4 for April, the default)"
                ),
                P::NotAScheme(name) => write!(
                    f,
                    "{} is not a built-in grading scheme; expected \"pace\" or \"final\", or a \
                     table {{ name, timing, grades }} for the plan's own",
                    q(name)
                ),
                P::BadRule(input) => write!(
                    f,
                    "{}",
                    ConditionError {
                        input: input.clone()
                    }
                ),
                P::OldTitleWithMarker(m) => write!(
                    f,
                    "old_title goes with marker = \"modified\", not {}; drop it or change the \
                     marker",
                    q(m)
                ),
                P::OldTitleWithoutMarker => {
                    f.write_str("old_title needs marker = \"modified\" on the same node")
                }
                P::TextForNumber { text, kind, .. } => {
                    let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
                        "an"
                    } else {
                        "a"
                    };
                    write!(
                        f,
                        "{} is text, but {article} {kind} indicator needs a number; write e.g. \
                         30 or 19.3 (only a milestone's observations are states)",
                        q(text)
                    )
                }
                P::Plan(k) => k.localize(lang, f),
            },
            Lang::Ja => match self {
                P::Unreadable { error, hint } => {
                    let hint = match hint {
                        ReadHint::Path => "。パスを確かめてください",
                        ReadHint::Permissions => "。ファイルの権限を確かめてください",
                        ReadHint::None => "",
                    };
                    write!(f, "計画ファイルを読めません（{error}）{hint}")
                }
                P::NotUtf8 { at } => write!(
                    f,
                    "計画ファイルが UTF-8 ではありません（{at}バイト目）。UTF-8 で保存してください\
                     （Shift_JIS のファイルは先に変換が必要です）"
                ),
                P::TomlSyntax(m) => write!(f, "TOML の書き方に誤りがあります（{m}）"),
                P::TomlValue(m) => write!(f, "計画ファイルの値として読めません（{m}）"),
                P::UnknownKey { key, expected } => match expected {
                    Some(e) => write!(
                        f,
                        "キー {key} は計画ファイルにありません。ここで使えるキー: {}",
                        e.strip_prefix("one of ").unwrap_or(e)
                    ),
                    None => write!(f, "キー {key} は計画ファイルにありません"),
                },
                P::MissingKey(k) => write!(f, "キー {k} がありません。ここでは必須です"),
                P::TomlDate => f.write_str(
                    "引用符のない日付は TOML の日付になり、計画ファイルの値になりません。\
                     \"2019-08-31\" のように引用符で囲むか、\"FY2019\" のような期間を書いてください",
                ),
                P::NotCanonical { text, period } => write!(
                    f,
                    "{}は標準の書き方ではありません。\"{period}\" と書いてください",
                    q(text)
                ),
                P::NotAPeriod { text, why } => {
                    let why = match why {
                        PeriodFault::YearOutOfRange => "年が1000～9999の範囲の外です",
                        PeriodFault::NoSuchDate => "存在しない月か日です",
                        PeriodFault::BadWindow => {
                            "期間として正しくありません（終わりが始まりより前でなく、両端とも FY か\
                             両端とも CY にします）"
                        }
                        PeriodFault::NotAPeriod => "期間として読めません",
                    };
                    write!(f, "{}は{why}。{PERIODS_JA}", q(text))
                }
                P::NotFinite(x) => {
                    write!(f, "{x} は計画で扱える数値ではありません。有限の数値を書いてください")
                }
                P::TooBig(shown) => write!(
                    f,
                    "{shown} は正確に扱える桁数（小数点以下28桁、全体で29桁）を超えています"
                ),
                P::NotANumber {
                    text,
                    without_separators,
                } => match without_separators {
                    Some(plain) => write!(
                        f,
                        "{}は数値ではありません。桁区切りを付けずに \"{plain}\" のように書いてください",
                        q(text)
                    ),
                    None => write!(
                        f,
                        "{}は数値ではありません。30、19.3、\"19.3\" のように書いてください",
                        q(text)
                    ),
                },
                P::NotOneOf { text, what, names } => write!(
                    f,
                    "{}は{}ではありません。{} のいずれかを書いてください",
                    q(text),
                    what.ja(),
                    names.join("、")
                ),
                P::BadCode(code) => write!(
                    f,
                    "{}は計画のコードに使えません。a-z、0-9、- の1～64文字にしてください\
                     （例: \"yamaguchi-industry-2022\"）",
                    q(code)
                ),
                P::NotAMonth(m) => write!(
                    f,
                    "{m} は月ではありません。1～12の整数を書いてください（既定は4月の 4）"
                ),
                P::NotAScheme(name) => write!(
                    f,
                    "{}は組み込みの評価方式ではありません。\"pace\" か \"final\"、または計画独自の\
                     方式を表 {{ name, timing, grades }} で書いてください",
                    q(name)
                ),
                P::BadRule(input) => write!(
                    f,
                    "{}は評価の規則として読めません。\"met\"、\"worse_than_baseline\"、\"always\"、\
                     または指標（achievement、progress、pace）と数値の比較（例: \"pace >= 0.95\"）\
                     を書いてください",
                    q(input)
                ),
                P::OldTitleWithMarker(m) => write!(
                    f,
                    "old_title は marker = \"modified\" のときに書きます（marker は{}）。\
                     old_title を消すか marker を変えてください",
                    q(m)
                ),
                P::OldTitleWithoutMarker => f.write_str(
                    "old_title には同じノードに marker = \"modified\" が必要です",
                ),
                P::TextForNumber { text, kind_ja, .. } => write!(
                    f,
                    "{}は文字です。種別「{kind_ja}」の指標の実績は 30 や 19.3 のような数値で\
                     書いてください（段階を書くのはマイルストーンだけです）",
                    q(text)
                ),
                P::Plan(k) => k.localize(lang, f),
            },
        }
    }
}

impl fmt::Display for PlanFileProblem {
    /// The English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.localize(Lang::En, f)
    }
}

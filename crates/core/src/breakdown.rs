//! Breakdowns (内訳): values of one indicator by sex, by area, by school type, and the totals
//! they must agree with.
//!
//! DESIGN.md → Ratios and breakdowns: an Actuals CSV row may carry a `breakdown`
//! (`性別=女性`, `地域=岩国`); rows without one are totals. For counts a missing total is the
//! sum of its parts, and a given total that differs from that sum refuses the file, naming the
//! line; rates (`%`, ratios) are never summed, so their total must be given. This module is
//! that arithmetic, for one indicator at a time, without IO:
//!
//! - [`parse_key`] reads one `dimension=member` pair;
//! - [`aggregation`] decides from the unit whether parts add up ([`Aggregation::Sum`]) or not
//!   ([`Aggregation::Given`]);
//! - [`totals`] takes the indicator's rows ([`Part`]) and returns its total for each period,
//!   or every problem, each with the line it is found at ([`BreakdownProblem::line`]).
//!
//! The rules, for one period:
//!
//! - A breakdown lists every member of its dimension: the parts given are all the parts, so
//!   a dimension's sum is the sum of the members given.
//! - **Sum**: a given total must equal the sum of each dimension's members
//!   ([`BreakdownProblem::TotalDiffers`], at the total's line). Without one, the total is the
//!   sum of the members, and two dimensions must sum alike
//!   ([`BreakdownProblem::DimensionsDisagree`], at the first line of the dimension that
//!   disagrees with the one met first).
//! - **Given**: a total must be given when parts are ([`BreakdownProblem::RateWithoutTotal`],
//!   at the first part's line); parts are never added, nor checked against the total.
//! - A total twice, or a member of a dimension twice, is refused at the later line.
//!
//! The result does not depend on the order of the parts: they are taken in the order of their
//! lines. Nothing here panics; a sum beyond the `Decimal` range is a problem, not a wrap.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use rust_decimal::Decimal;

use crate::lang::{Lang, Localize};
use crate::period::Period;
use crate::quantity::format_decimal;

/// Whether an indicator's parts add up to its total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Aggregation {
    /// Counts and amounts (`件`, `人`, `万円`): a missing total is the sum of the parts, and a
    /// given one must equal it.
    Sum,
    /// Rates, shares, ratios, averages (`%`, `倍`, `件/10万人`): parts are never summed; the
    /// total must be given.
    Given,
}

/// Units (or parts of one) that mark a rate, a share or a value per something: a total of
/// such values is never the sum of its parts.
const RATE_MARKS: &[&str] = &[
    "%",
    "％",
    "‰",
    "割",
    "ポイント",
    "倍",
    "率",
    "当たり",
    "当り",
    "あたり",
    "/",
    "／",
    "対",
];

/// Whole units whose values are never added though they mark nothing per something: an age
/// (`歳`, as in 平均年齢) and a rank (`位`).
const UNSUMMED_UNITS: &[&str] = &["歳", "位"];

/// How an indicator with this unit is totalled.
///
/// The rule: a ratio indicator ([`crate::derived`]) is [`Aggregation::Given`], and so is a
/// unit that contains a mark of a rate or of a value per something — `%` (either width), `‰`,
/// `割`, `ポイント`, `倍`, `率`, `当たり`/`当り`/`あたり`, `/` (either width: `件/10万人`,
/// `円/人`) or `対` (`人口千対`) — or that is an age (`歳`) or a rank (`位`). Every other unit —
/// `件`, `人`, `円`, `万円`, `社`, `t`, `㎡`, none at all — is a count or an amount:
/// [`Aggregation::Sum`].
pub fn aggregation(unit: &str, is_ratio: bool) -> Aggregation {
    let unit = unit.trim();
    if is_ratio || RATE_MARKS.iter().any(|m| unit.contains(m)) || UNSUMMED_UNITS.contains(&unit) {
        Aggregation::Given
    } else {
        Aggregation::Sum
    }
}

/// Reads one breakdown pair, `dimension=member` (`性別=女性`; `性別＝女性` too), each side
/// trimmed. A text without `=`, with a second `=`, or with an empty side is refused.
pub fn parse_key(s: &str) -> Result<(String, String), BreakdownProblem> {
    let key = || s.trim().to_owned();
    let mut sides = s.split(['=', '＝']);
    let (Some(dimension), Some(member)) = (sides.next(), sides.next()) else {
        return Err(BreakdownProblem::NoEquals { key: key() });
    };
    if sides.next().is_some() {
        return Err(BreakdownProblem::SecondEquals { key: key() });
    }
    let (dimension, member) = (dimension.trim(), member.trim());
    if dimension.is_empty() {
        return Err(BreakdownProblem::EmptyDimension { key: key() });
    }
    if member.is_empty() {
        return Err(BreakdownProblem::EmptyMember { key: key() });
    }
    Ok((dimension.to_owned(), member.to_owned()))
}

/// One row of an indicator: a total, or the value of one member of one dimension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The line of the file it was read from.
    pub line: u64,
    /// The period it is for.
    pub period: Period,
    /// `(dimension, member)` (`("性別", "女性")`); `None` for a total.
    pub dimension: Option<(String, String)>,
    /// The value.
    pub value: Decimal,
}

/// Why a breakdown key, or an indicator's parts and totals, are refused.
///
/// A problem found among rows carries the line it is found at ([`BreakdownProblem::line`]);
/// its text does not repeat that line (the caller puts it in front, `FILE:12: `, as for every
/// located problem) but names any other line it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BreakdownProblem {
    /// A key without `=`.
    NoEquals {
        /// The key as given, trimmed.
        key: String,
    },
    /// A key with more than one `=`.
    SecondEquals {
        /// The key as given, trimmed.
        key: String,
    },
    /// A key with nothing before `=`.
    EmptyDimension {
        /// The key as given, trimmed.
        key: String,
    },
    /// A key with nothing after `=`.
    EmptyMember {
        /// The key as given, trimmed.
        key: String,
    },
    /// A second total for one period.
    RepeatedTotal {
        /// The later line.
        line: u64,
        /// The earlier line.
        first: u64,
        /// The period.
        period: Period,
    },
    /// A member of a dimension given twice for one period.
    RepeatedMember {
        /// The later line.
        line: u64,
        /// The earlier line.
        first: u64,
        /// The period.
        period: Period,
        /// The dimension (`性別`).
        dimension: String,
        /// The member (`女性`).
        member: String,
    },
    /// A given total that is not the sum of a dimension's members.
    TotalDiffers {
        /// The total's line.
        line: u64,
        /// The period.
        period: Period,
        /// The dimension whose members sum otherwise.
        dimension: String,
        /// The total given.
        total: Decimal,
        /// The sum of the dimension's members.
        sum: Decimal,
    },
    /// Without a total, two dimensions whose members sum differently.
    DimensionsDisagree {
        /// The first line of `dimension`.
        line: u64,
        /// The period.
        period: Period,
        /// The dimension that disagrees.
        dimension: String,
        /// Its sum.
        sum: Decimal,
        /// The dimension met first, whose sum would be the total.
        other: String,
        /// That dimension's sum.
        other_sum: Decimal,
    },
    /// Parts of a rate without its total: rates are never summed.
    RateWithoutTotal {
        /// The first part's line.
        line: u64,
        /// The period.
        period: Period,
        /// The first part's dimension.
        dimension: String,
    },
    /// Members whose sum is beyond the range of a value.
    SumTooLarge {
        /// The dimension's first line.
        line: u64,
        /// The period.
        period: Period,
        /// The dimension.
        dimension: String,
    },
}

impl BreakdownProblem {
    /// The line the problem is found at; `None` for a key read on its own ([`parse_key`]).
    pub fn line(&self) -> Option<u64> {
        use BreakdownProblem as P;
        match self {
            P::NoEquals { .. }
            | P::SecondEquals { .. }
            | P::EmptyDimension { .. }
            | P::EmptyMember { .. } => None,
            P::RepeatedTotal { line, .. }
            | P::RepeatedMember { line, .. }
            | P::TotalDiffers { line, .. }
            | P::DimensionsDisagree { line, .. }
            | P::RateWithoutTotal { line, .. }
            | P::SumTooLarge { line, .. } => Some(*line),
        }
    }
}

impl Localize for BreakdownProblem {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use BreakdownProblem as P;
        let q = |s: &str| lang.quote(s).to_string();
        let n = |d: &Decimal| format_decimal(*d);
        match (lang, self) {
            (Lang::Ja, P::NoEquals { key }) => write!(
                f,
                "内訳{}に「=」がありません。区分=項目（性別=女性 など）の形で書いてください",
                q(key)
            ),
            (Lang::En, P::NoEquals { key }) => write!(
                f,
                "breakdown {} has no \"=\": write dimension=member (性別=女性)",
                q(key)
            ),
            (Lang::Ja, P::SecondEquals { key }) => write!(
                f,
                "内訳{}には「=」が2つ以上あります。区分=項目を1組ずつ書いてください",
                q(key)
            ),
            (Lang::En, P::SecondEquals { key }) => write!(
                f,
                "breakdown {} has more than one \"=\": write one dimension=member pair",
                q(key)
            ),
            (Lang::Ja, P::EmptyDimension { key }) => write!(
                f,
                "内訳{}の「=」の前（区分: 性別、地域 など）が空です",
                q(key)
            ),
            (Lang::En, P::EmptyDimension { key }) => write!(
                f,
                "breakdown {} has nothing before \"=\": name the dimension (性別, 地域)",
                q(key)
            ),
            (Lang::Ja, P::EmptyMember { key }) => write!(
                f,
                "内訳{}の「=」の後（項目: 女性、岩国 など）が空です",
                q(key)
            ),
            (Lang::En, P::EmptyMember { key }) => write!(
                f,
                "breakdown {} has nothing after \"=\": name the member (女性, 岩国)",
                q(key)
            ),
            (Lang::Ja, P::RepeatedTotal { first, period, .. }) => write!(
                f,
                "{period} の合計（内訳のない行）は{first}行目にもあります。1回だけ書いてください"
            ),
            (Lang::En, P::RepeatedTotal { first, period, .. }) => write!(
                f,
                "the total for {period} (a row without a breakdown) is also on line {first}: \
                 give it once"
            ),
            (
                Lang::Ja,
                P::RepeatedMember {
                    first,
                    period,
                    dimension,
                    member,
                    ..
                },
            ) => write!(
                f,
                "{period} の内訳{}は{first}行目にもあります。1回だけ書いてください",
                q(&format!("{dimension}={member}"))
            ),
            (
                Lang::En,
                P::RepeatedMember {
                    first,
                    period,
                    dimension,
                    member,
                    ..
                },
            ) => write!(
                f,
                "the part {} for {period} is also on line {first}: give each part once",
                q(&format!("{dimension}={member}"))
            ),
            (
                Lang::Ja,
                P::TotalDiffers {
                    period,
                    dimension,
                    total,
                    sum,
                    ..
                },
            ) => write!(
                f,
                "{period} の合計 {} が、内訳{}の和 {} と一致しません。合計か内訳を直してください\
                 （内訳にはその区分のすべての項目を書きます）",
                n(total),
                q(dimension),
                n(sum)
            ),
            (
                Lang::En,
                P::TotalDiffers {
                    period,
                    dimension,
                    total,
                    sum,
                    ..
                },
            ) => write!(
                f,
                "the total for {period} is {}, but its {} parts sum to {}: correct the total or \
                 the parts (a breakdown lists every member of its dimension)",
                n(total),
                q(dimension),
                n(sum)
            ),
            (
                Lang::Ja,
                P::DimensionsDisagree {
                    period,
                    dimension,
                    sum,
                    other,
                    other_sum,
                    ..
                },
            ) => write!(
                f,
                "{period} の内訳{}の和 {} が、内訳{}の和 {} と一致しません。どちらも同じ合計の\
                 内訳です。内訳を直すか、合計を書いてください",
                q(dimension),
                n(sum),
                q(other),
                n(other_sum)
            ),
            (
                Lang::En,
                P::DimensionsDisagree {
                    period,
                    dimension,
                    sum,
                    other,
                    other_sum,
                    ..
                },
            ) => write!(
                f,
                "the {} parts for {period} sum to {}, but the {} parts sum to {}: both break \
                 down the same total; correct the parts, or give the total",
                q(dimension),
                n(sum),
                q(other),
                n(other_sum)
            ),
            (
                Lang::Ja,
                P::RateWithoutTotal {
                    period, dimension, ..
                },
            ) => write!(
                f,
                "{period} には内訳{}がありますが、合計がありません。率は内訳を足し合わせて求め\
                 られないので、内訳のない行に合計を書いてください",
                q(dimension)
            ),
            (
                Lang::En,
                P::RateWithoutTotal {
                    period, dimension, ..
                },
            ) => write!(
                f,
                "{period} has {} parts but no total: rates are never summed, so give the \
                 total on a row without a breakdown",
                q(dimension)
            ),
            (
                Lang::Ja,
                P::SumTooLarge {
                    period, dimension, ..
                },
            ) => write!(
                f,
                "{period} の内訳{}の和が、値として扱える範囲を超えます",
                q(dimension)
            ),
            (
                Lang::En,
                P::SumTooLarge {
                    period, dimension, ..
                },
            ) => write!(
                f,
                "the {} parts for {period} sum beyond the largest value that can be held",
                q(dimension)
            ),
        }
    }
}

impl fmt::Display for BreakdownProblem {
    /// The English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.localize(Lang::En, f)
    }
}

impl std::error::Error for BreakdownProblem {}

/// One dimension's members for one period, as they are met in line order.
#[derive(Debug)]
struct Dimension<'a> {
    /// The line of its first member.
    first: u64,
    /// Each member and its line.
    members: HashMap<&'a str, u64>,
    /// The sum of the members; `None` past the `Decimal` range.
    sum: Option<Decimal>,
}

/// The totals of one indicator, one per period in [`Period`]'s order (time order within one
/// sort of period), from its rows: totals given, and parts summed where `agg` allows, as the
/// module's rules say. Every problem is returned, in the order of their lines; the result is
/// the same for the parts in any order.
pub fn totals(
    parts: &[Part],
    agg: Aggregation,
) -> Result<Vec<(Period, Decimal)>, Vec<BreakdownProblem>> {
    let mut rows: Vec<&Part> = parts.iter().collect();
    rows.sort_by(|a, b| {
        (a.period, a.line, &a.dimension, a.value).cmp(&(b.period, b.line, &b.dimension, b.value))
    });
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for group in rows.chunk_by(|a, b| a.period == b.period) {
        let Some(period) = group.first().map(|p| p.period) else {
            continue;
        };
        let mut total: Option<&Part> = None;
        let mut dimensions: BTreeMap<&str, Dimension<'_>> = BTreeMap::new();
        for p in group {
            match &p.dimension {
                None => match total {
                    Some(t) => problems.push(BreakdownProblem::RepeatedTotal {
                        line: p.line,
                        first: t.line,
                        period,
                    }),
                    None => total = Some(p),
                },
                Some((dimension, member)) => {
                    let d = dimensions.entry(dimension).or_insert_with(|| Dimension {
                        first: p.line,
                        members: HashMap::new(),
                        sum: Some(Decimal::ZERO),
                    });
                    if let Some(&first) = d.members.get(member.as_str()) {
                        problems.push(BreakdownProblem::RepeatedMember {
                            line: p.line,
                            first,
                            period,
                            dimension: dimension.clone(),
                            member: member.clone(),
                        });
                    } else {
                        d.members.insert(member, p.line);
                        d.sum = d.sum.and_then(|s| s.checked_add(p.value));
                    }
                }
            }
        }
        // The dimensions in the order they are met; a name breaks a tie of lines.
        let mut met: Vec<(&str, &Dimension<'_>)> =
            dimensions.iter().map(|(n, d)| (*n, d)).collect();
        met.sort_by_key(|(_, d)| d.first);
        if agg == Aggregation::Given {
            match (total, met.first()) {
                (Some(t), _) => out.push((period, t.value)),
                (None, Some((name, d))) => problems.push(BreakdownProblem::RateWithoutTotal {
                    line: d.first,
                    period,
                    dimension: (*name).to_owned(),
                }),
                (None, None) => {}
            }
            continue;
        }
        let mut sums = Vec::with_capacity(met.len());
        for (name, d) in &met {
            match d.sum {
                Some(sum) => sums.push((*name, d.first, sum)),
                None => problems.push(BreakdownProblem::SumTooLarge {
                    line: d.first,
                    period,
                    dimension: (*name).to_owned(),
                }),
            }
        }
        match total {
            Some(t) => {
                for &(name, _, sum) in &sums {
                    if sum != t.value {
                        problems.push(BreakdownProblem::TotalDiffers {
                            line: t.line,
                            period,
                            dimension: name.to_owned(),
                            total: t.value,
                            sum,
                        });
                    }
                }
                out.push((period, t.value));
            }
            None => {
                let Some(&(other, _, other_sum)) = sums.first() else {
                    continue;
                };
                for &(name, line, sum) in sums.iter().skip(1) {
                    if sum != other_sum {
                        problems.push(BreakdownProblem::DimensionsDisagree {
                            line,
                            period,
                            dimension: name.to_owned(),
                            sum,
                            other: other.to_owned(),
                            other_sum,
                        });
                    }
                }
                out.push((period, other_sum));
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        // Stable: problems of one line stay in the order they were found.
        problems.sort_by_key(|p| p.line());
        Err(problems)
    }
}

#[cfg(test)]
mod tests;

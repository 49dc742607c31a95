//! The extractor's vocabulary: the words a published plan heads its tables with and writes
//! its units in, one list per concern, in one place.
//!
//! Every list here is data, not logic: a recogniser asks "is this a header word" or "is this a
//! unit" through the small functions below, so the words can later be loaded as a setting
//! without touching the recognisers. Lists are matched against text already normalised by
//! core's `normalize` (NFKC: `（` is `(`, `％` is `%`), so each word is written in that form.
//!
//! Today the front end ([`super::layout`]) reads these lists to find a table's header when
//! its cells are not separated by tabs; the recognisers still carry their own lists (for
//! example `indicators.rs`'s `VALUE_WORDS`), which will move here.

/// Words that head a column of names: the indicator, the item, the KPI.
pub const NAME_HEADS: &[&str] = &[
    "指標名",
    "成果指標",
    "指標",
    "項目",
    "KPI",
    "名称",
    "数値目標",
    "事業名",
    "施策名",
];

/// Words that head a column of values: a baseline, an actual, a target, a projection.
pub const VALUE_HEADS: &[&str] = &[
    "現状値",
    "基準値",
    "実績値",
    "目標値",
    "策定時",
    "計画策定時",
    "当初値",
    "現況値",
    "直近値",
    "見込値",
    "中間目標",
    "最終目標",
    "目標",
    "現状",
    "基準",
    "実績",
    "現況",
    "達成率",
    "進捗率",
];

/// Words that head a column of periods: the year a baseline or target belongs to.
pub const PERIOD_HEADS: &[&str] = &[
    "基準年度",
    "目標年度",
    "基準年",
    "目標年",
    "実績年度",
    "年度",
    "年次",
    "時点",
];

/// The word that heads a column of units.
pub const UNIT_HEADS: &[&str] = &["単位"];

/// Other words a table header is made of, whose column is neither names nor values.
pub const OTHER_HEADS: &[&str] = &[
    "No.",
    "No",
    "番号",
    "区分",
    "分野",
    "方向性",
    "評価",
    "備考",
    "担当課",
    "担当",
    "所管課",
    "出典",
    "定義",
    "指標の説明",
    "指標の定義",
    "説明",
    "算出方法",
];

/// Units a value or a unit column is written in (normalised: `%`, not `％`). A value cell may
/// carry one after its number (`412万人`), a unit column holds one alone.
pub const UNITS: &[&str] = &[
    "%",
    "人",
    "件",
    "回",
    "組織",
    "団体",
    "箇所",
    "か所",
    "ヶ所",
    "カ所",
    "人泊",
    "万人",
    "千人",
    "円",
    "千円",
    "万円",
    "億円",
    "百万円",
    "ha",
    "km",
    "m",
    "m2",
    "t",
    "kg",
    "日",
    "時間",
    "台",
    "戸",
    "校",
    "社",
    "事業所",
    "施設",
    "店舗",
    "世帯",
    "ポイント",
    "pt",
    "倍",
    "本",
    "人日",
    "件数",
    "割",
    "歳",
    "年",
    "店",
    "区",
    "経営体",
    "品目",
    "地区",
    "路線",
    "棟",
    "基",
    "機関",
    "企業",
    "者",
    "名",
];

/// What a header cell says its column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadKind {
    /// Names (`指標名`, `項目`).
    Name,
    /// Units (`単位`).
    Unit,
    /// Values (`現状値`, `目標値`, or a year heading a column of a year grid).
    Value,
    /// Periods (`基準年度`, `目標年度`).
    Period,
    /// Anything else a header is made of (`備考`, `区分`).
    Other,
}

/// The kind of column a header cell heads, when the cell starts with a header word; `None`
/// for text that is no header word. Periods are looked up before values, so `基準年度` is a
/// period column and `基準値` a value column.
pub fn head_kind(cell: &str) -> Option<HeadKind> {
    let starts = |words: &[&str]| words.iter().any(|w| cell.starts_with(w));
    if starts(UNIT_HEADS) {
        Some(HeadKind::Unit)
    } else if starts(PERIOD_HEADS) {
        Some(HeadKind::Period)
    } else if starts(NAME_HEADS) && !starts(VALUE_HEADS) {
        Some(HeadKind::Name)
    } else if starts(VALUE_HEADS) {
        Some(HeadKind::Value)
    } else if starts(OTHER_HEADS) {
        Some(HeadKind::Other)
    } else {
        None
    }
}

/// The kind of column a header cell heads when the cell is a header word and nothing else,
/// but for a bracketed part after it (`現状値(R4)`, `目標値【R9】`): `目標達成に向けて` starts
/// with a header word and is none.
pub fn head_word(cell: &str) -> Option<HeadKind> {
    let word = match cell.find(['(', '【', '[']) {
        Some(i) if cell.ends_with([')', '】', ']']) => cell[..i].trim_end(),
        _ => cell,
    };
    let known = [
        NAME_HEADS,
        VALUE_HEADS,
        PERIOD_HEADS,
        UNIT_HEADS,
        OTHER_HEADS,
    ]
    .iter()
    .any(|list| list.contains(&word));
    if OTHER_HEADS.contains(&word) {
        // `指標の説明` starts with `指標` and heads no column of names.
        Some(HeadKind::Other)
    } else if known {
        head_kind(word)
    } else {
        None
    }
}

/// True when `word` is a unit of [`UNITS`], alone or per year (`件/年`).
pub fn is_unit(word: &str) -> bool {
    let w = word.strip_suffix("/年").unwrap_or(word);
    UNITS.contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words_say_what_their_column_holds() {
        assert_eq!(head_kind("指標名"), Some(HeadKind::Name));
        assert_eq!(head_kind("単位"), Some(HeadKind::Unit));
        assert_eq!(head_kind("現状値(R4)"), Some(HeadKind::Value));
        assert_eq!(head_kind("目標値"), Some(HeadKind::Value));
        assert_eq!(head_kind("基準年度"), Some(HeadKind::Period));
        assert_eq!(head_kind("基準値"), Some(HeadKind::Value));
        assert_eq!(head_kind("備考"), Some(HeadKind::Other));
        assert_eq!(head_kind("自主防災組織数"), None);
        assert_eq!(head_word("現状値(R4)"), Some(HeadKind::Value));
        assert_eq!(head_word("目標達成に向けて"), None);
        assert_eq!(head_word("指標の説明"), Some(HeadKind::Other));
    }

    #[test]
    fn units_alone_or_per_year() {
        assert!(is_unit("%"));
        assert!(is_unit("件/年"));
        assert!(!is_unit("自主防災組織数"));
    }
}

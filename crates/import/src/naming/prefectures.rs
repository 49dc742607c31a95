//! The 47 prefectures: name, reading, romaji and 全国地方公共団体コード.
//!
//! A plan's issuer is a government; the prefectures are few and fixed, so they are a table
//! here rather than something guessed from text. The code is the six-digit 全国地方公共団体コード
//! (two digits of the prefecture, `000`, and the check digit), the one DESIGN.md's issuer
//! carries (`山口県 350001`). The reading lets a title written in the prefecture's kana brand
//! (`やまぐち産業戦略推進計画`) name its prefecture; the romaji (modified Hepburn without
//! macrons, as the prefectures write themselves) makes plan codes readable.

use crate::extract::scan::is_hiragana;

/// One prefecture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prefecture {
    /// `山口県`, `東京都`, `北海道`.
    pub name: &'static str,
    /// The reading in hiragana, without the suffix: `やまぐち`.
    pub kana: &'static str,
    /// `yamaguchi`.
    pub romaji: &'static str,
    /// 全国地方公共団体コード with its check digit: `350001`.
    pub code: &'static str,
}

const fn p(
    name: &'static str,
    kana: &'static str,
    romaji: &'static str,
    code: &'static str,
) -> Prefecture {
    Prefecture {
        name,
        kana,
        romaji,
        code,
    }
}

/// Every prefecture, in the order of their codes.
pub const PREFECTURES: [Prefecture; 47] = [
    p("北海道", "ほっかいどう", "hokkaido", "010006"),
    p("青森県", "あおもり", "aomori", "020001"),
    p("岩手県", "いわて", "iwate", "030007"),
    p("宮城県", "みやぎ", "miyagi", "040002"),
    p("秋田県", "あきた", "akita", "050008"),
    p("山形県", "やまがた", "yamagata", "060003"),
    p("福島県", "ふくしま", "fukushima", "070009"),
    p("茨城県", "いばらき", "ibaraki", "080004"),
    p("栃木県", "とちぎ", "tochigi", "090000"),
    p("群馬県", "ぐんま", "gunma", "100005"),
    p("埼玉県", "さいたま", "saitama", "110001"),
    p("千葉県", "ちば", "chiba", "120006"),
    p("東京都", "とうきょう", "tokyo", "130001"),
    p("神奈川県", "かながわ", "kanagawa", "140007"),
    p("新潟県", "にいがた", "niigata", "150002"),
    p("富山県", "とやま", "toyama", "160008"),
    p("石川県", "いしかわ", "ishikawa", "170003"),
    p("福井県", "ふくい", "fukui", "180009"),
    p("山梨県", "やまなし", "yamanashi", "190004"),
    p("長野県", "ながの", "nagano", "200000"),
    p("岐阜県", "ぎふ", "gifu", "210005"),
    p("静岡県", "しずおか", "shizuoka", "220001"),
    p("愛知県", "あいち", "aichi", "230006"),
    p("三重県", "みえ", "mie", "240001"),
    p("滋賀県", "しが", "shiga", "250007"),
    p("京都府", "きょうと", "kyoto", "260002"),
    p("大阪府", "おおさか", "osaka", "270008"),
    p("兵庫県", "ひょうご", "hyogo", "280003"),
    p("奈良県", "なら", "nara", "290009"),
    p("和歌山県", "わかやま", "wakayama", "300004"),
    p("鳥取県", "とっとり", "tottori", "310000"),
    p("島根県", "しまね", "shimane", "320005"),
    p("岡山県", "おかやま", "okayama", "330001"),
    p("広島県", "ひろしま", "hiroshima", "340006"),
    p("山口県", "やまぐち", "yamaguchi", "350001"),
    p("徳島県", "とくしま", "tokushima", "360007"),
    p("香川県", "かがわ", "kagawa", "370002"),
    p("愛媛県", "えひめ", "ehime", "380008"),
    p("高知県", "こうち", "kochi", "390003"),
    p("福岡県", "ふくおか", "fukuoka", "400009"),
    p("佐賀県", "さが", "saga", "410004"),
    p("長崎県", "ながさき", "nagasaki", "420000"),
    p("熊本県", "くまもと", "kumamoto", "430005"),
    p("大分県", "おおいた", "oita", "440001"),
    p("宮崎県", "みやざき", "miyazaki", "450006"),
    p("鹿児島県", "かごしま", "kagoshima", "460001"),
    p("沖縄県", "おきなわ", "okinawa", "470007"),
];

/// The prefecture of this name (`山口県`).
pub fn by_name(name: &str) -> Option<&'static Prefecture> {
    PREFECTURES.iter().find(|p| p.name == name)
}

/// The prefecture whose kana brand (`やまぐち`) `text` starts with, when the brand is a word
/// of its own there: followed by something other than hiragana (`やまぐち産業…`, not
/// `ならない`).
pub fn by_kana_prefix(text: &str) -> Option<&'static Prefecture> {
    PREFECTURES.iter().find(|p| {
        text.strip_prefix(p.kana)
            .is_some_and(|rest| !rest.starts_with(is_hiragana))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 総務省's check digit: the weighted sum 6,5,4,3,2 of the five digits, 11 minus its
    /// remainder mod 11, last digit.
    fn check_digit(code: &str) -> Option<u32> {
        let digits: Vec<u32> = code
            .chars()
            .take(5)
            .map(|c| c.to_digit(10))
            .collect::<Option<_>>()?;
        let sum: u32 = digits.iter().zip([6, 5, 4, 3, 2]).map(|(d, w)| d * w).sum();
        Some((11 - sum % 11) % 10)
    }

    #[test]
    fn codes_are_in_order_and_carry_their_check_digit() {
        for (i, p) in PREFECTURES.iter().enumerate() {
            assert_eq!(p.code.len(), 6, "{}", p.name);
            assert_eq!(
                p.code.get(..2),
                Some(format!("{:02}", i + 1).as_str()),
                "{}",
                p.name
            );
            assert_eq!(p.code.get(2..5), Some("000"), "{}", p.name);
            let last = p.code.chars().last().and_then(|c| c.to_digit(10));
            assert_eq!(last, check_digit(p.code), "{}", p.name);
        }
    }

    #[test]
    fn romaji_is_the_reading_in_hepburn() {
        for p in PREFECTURES {
            assert_eq!(
                crate::naming::kana::romaji(p.kana).as_deref(),
                Some(p.romaji),
                "{}",
                p.name
            );
        }
    }

    #[test]
    fn names_and_kana_brands_find_their_prefecture() {
        assert_eq!(by_name("山口県").map(|p| p.code), Some("350001"));
        assert_eq!(by_name("山口"), None);
        assert_eq!(
            by_kana_prefix("やまぐち産業戦略推進計画").map(|p| p.name),
            Some("山口県")
        );
        assert_eq!(by_kana_prefix("ならない"), None);
        assert_eq!(by_kana_prefix("なら"), Some(&PREFECTURES[28]));
    }
}

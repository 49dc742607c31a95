//! Kana to romaji, for the parts of a plan code that a title writes in kana.
//!
//! Plan codes are ASCII (`[a-z0-9-]+`), and a place written in kana (`みなと市`, a prefecture's
//! brand `やまぐち`) can be spelled in them as people spell it: modified Hepburn without
//! macrons (`とうきょう` → `tokyo`, `おおいた` → `oita`, `しゃ` → `sha`, `っち` → `tchi`).
//! Kanji cannot be read without a dictionary, so only all-kana words are romanised.

/// The romaji of a word written only in hiragana or katakana (and `ー`); `None` for anything
/// else or an empty word.
pub fn romaji(word: &str) -> Option<String> {
    let chars: Vec<char> = word.chars().map(to_hiragana).collect();
    if chars.is_empty() {
        return None;
    }
    let mut out = String::new();
    let mut double_next = false;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        i += 1;
        match c {
            'っ' => {
                double_next = true;
                continue;
            }
            // A long-vowel mark lengthens the vowel before it; the folding below drops it.
            'ー' => continue,
            'ゃ' | 'ゅ' | 'ょ' | 'ぁ' | 'ぃ' | 'ぅ' | 'ぇ' | 'ぉ' => {
                // A small kana with nothing to join is read as its full-size vowel.
                out.push_str(small_alone(c));
                continue;
            }
            _ => {}
        }
        let mut syllable = syllable(c)?.to_owned();
        if let Some(&small) = chars.get(i) {
            if let Some(joined) = join(&syllable, small) {
                syllable = joined;
                i += 1;
            }
        }
        if double_next {
            double_next = false;
            if syllable.starts_with("ch") {
                out.push('t');
            } else if let Some(first) = syllable.chars().next().filter(|c| !"aiueon".contains(*c)) {
                out.push(first);
            }
        }
        out.push_str(&syllable);
    }
    // Long vowels as the prefectures and cities write themselves: Tokyo, Osaka, Kyushu.
    Some(out.replace("ou", "o").replace("oo", "o").replace("uu", "u"))
}

/// Katakana as hiragana (`ア` → `あ`); other characters unchanged.
fn to_hiragana(c: char) -> char {
    match c {
        '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        c => c,
    }
}

/// A syllable followed by a small kana: `き`+`ゃ` → `kya`, `し`+`ょ` → `sho`, `ふ`+`ぁ` → `fa`.
fn join(syllable: &str, small: char) -> Option<String> {
    let vowel = match small {
        'ゃ' => "ya",
        'ゅ' => "yu",
        'ょ' => "yo",
        'ぁ' => "a",
        'ぃ' => "i",
        'ぅ' => "u",
        'ぇ' => "e",
        'ぉ' => "o",
        _ => return None,
    };
    let stem = syllable.get(..syllable.len().checked_sub(1)?)?;
    if let Some(v) = vowel.strip_prefix('y') {
        if !syllable.ends_with('i') || stem.is_empty() {
            return None;
        }
        // しゃ, ちゃ, じゃ drop the y: sha, cha, ja.
        if matches!(stem, "sh" | "ch" | "j") {
            return Some(format!("{stem}{v}"));
        }
        return Some(format!("{stem}{vowel}"));
    }
    if stem.is_empty() {
        return None;
    }
    Some(format!("{stem}{vowel}"))
}

fn small_alone(c: char) -> &'static str {
    match c {
        'ゃ' => "ya",
        'ゅ' => "yu",
        'ょ' => "yo",
        'ぁ' => "a",
        'ぃ' => "i",
        'ぅ' => "u",
        'ぇ' => "e",
        _ => "o",
    }
}

/// The Hepburn spelling of one full-size hiragana.
fn syllable(c: char) -> Option<&'static str> {
    Some(match c {
        'あ' => "a",
        'い' => "i",
        'う' => "u",
        'え' => "e",
        'お' => "o",
        'か' => "ka",
        'き' => "ki",
        'く' => "ku",
        'け' => "ke",
        'こ' => "ko",
        'さ' => "sa",
        'し' => "shi",
        'す' => "su",
        'せ' => "se",
        'そ' => "so",
        'た' => "ta",
        'ち' => "chi",
        'つ' => "tsu",
        'て' => "te",
        'と' => "to",
        'な' => "na",
        'に' => "ni",
        'ぬ' => "nu",
        'ね' => "ne",
        'の' => "no",
        'は' => "ha",
        'ひ' => "hi",
        'ふ' => "fu",
        'へ' => "he",
        'ほ' => "ho",
        'ま' => "ma",
        'み' => "mi",
        'む' => "mu",
        'め' => "me",
        'も' => "mo",
        'や' => "ya",
        'ゆ' => "yu",
        'よ' => "yo",
        'ら' => "ra",
        'り' => "ri",
        'る' => "ru",
        'れ' => "re",
        'ろ' => "ro",
        'わ' => "wa",
        'ゐ' => "i",
        'ゑ' => "e",
        'を' => "o",
        'ん' => "n",
        'が' => "ga",
        'ぎ' => "gi",
        'ぐ' => "gu",
        'げ' => "ge",
        'ご' => "go",
        'ざ' => "za",
        'じ' => "ji",
        'ず' => "zu",
        'ぜ' => "ze",
        'ぞ' => "zo",
        'だ' => "da",
        'ぢ' => "ji",
        'づ' => "zu",
        'で' => "de",
        'ど' => "do",
        'ば' => "ba",
        'び' => "bi",
        'ぶ' => "bu",
        'べ' => "be",
        'ぼ' => "bo",
        'ぱ' => "pa",
        'ぴ' => "pi",
        'ぷ' => "pu",
        'ぺ' => "pe",
        'ぽ' => "po",
        'ゔ' => "vu",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kana_words_are_spelled_in_hepburn_without_macrons() {
        for (kana, want) in [
            ("みなと", "minato"),
            ("さいたま", "saitama"),
            ("つくば", "tsukuba"),
            ("とうきょう", "tokyo"),
            ("おおいた", "oita"),
            ("ほっかいどう", "hokkaido"),
            ("とっとり", "tottori"),
            ("きょうと", "kyoto"),
            ("しゃちょう", "shacho"),
            ("まっちゃ", "matcha"),
            ("みどり", "midori"),
            ("ミナト", "minato"),
            ("ファーム", "famu"),
            ("じゃ", "ja"),
        ] {
            assert_eq!(romaji(kana).as_deref(), Some(want), "{kana}");
        }
    }

    #[test]
    fn anything_but_kana_has_no_romaji() {
        for w in ["", "山口", "みなと市", "abc", "み なと"] {
            assert_eq!(romaji(w), None, "{w:?}");
        }
        // A stray small kana or sokuon never panics.
        assert_eq!(romaji("っ").as_deref(), Some(""));
        assert_eq!(romaji("ゃ").as_deref(), Some("ya"));
    }
}

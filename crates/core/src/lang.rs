//! The language a person reads shinchoku in, and messages that can be told in either.
//!
//! DESIGN.md: "The UI is Japanese by default, English selectable." The choice is a value of
//! the domain, like a plan's fiscal-year start: the command line takes it from `--lang` (or
//! `SHINCHOKU_LANG`), the web will take it from `?lang=` or a cookie, and every crate that
//! speaks to a person renders in it — the readers' located errors (`shinchoku-import`), the
//! store's refusals (`shinchoku-store`), the command line's own messages. It lives here
//! because core is the one crate all of them depend on, and because it is pure: a language is
//! a value, and a message is data (what was found, where, what was expected) rendered on
//! demand, never a string fixed in one language where the problem was found.
//!
//! A type that a person may read implements [`Localize`]: one `match lang` per message, the
//! Japanese and the English side by side, so the two cannot drift apart. By convention such a
//! type's `Display` is its English text (for logs, tests and programs that do not choose),
//! and whatever reaches a person goes through [`Localize::in_lang`]. A location prefix
//! (`FILE:12:3: `) is the same in both languages; the words after it are not.

use std::fmt;

/// The languages shinchoku speaks. Japanese is the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// 日本語 (`ja`): the default, as the planning offices read.
    #[default]
    Ja,
    /// English (`en`).
    En,
}

impl Lang {
    /// Every language, the default first.
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    /// `ja` or `en`, in any letter case, trimmed; `None` for anything else.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("ja") {
            Some(Lang::Ja)
        } else if s.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// `ja` or `en`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// A text quoted as the language quotes: `「22.5kg」` in Japanese, `"22.5kg"` in English
    /// (with Rust's escapes, so that a control character or a stray quote shows).
    pub fn quote(self, text: &str) -> Quoted<'_> {
        Quoted { text, lang: self }
    }

    /// The label before a problem of one column of a row: `column "value": ` in English,
    /// `列「value」: ` in Japanese. The column keeps its English name, which a header may use
    /// in either language (`value` or `値`).
    pub fn column(self, name: &str) -> Column<'_> {
        Column { name, lang: self }
    }
}

/// A column label; made by [`Lang::column`].
#[derive(Debug, Clone, Copy)]
pub struct Column<'a> {
    name: &'a str,
    lang: Lang,
}

impl fmt::Display for Column<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.lang {
            Lang::Ja => write!(f, "列「{}」: ", self.name),
            Lang::En => write!(f, "column \"{}\": ", self.name),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text in the language's quotation marks; made by [`Lang::quote`].
#[derive(Debug, Clone, Copy)]
pub struct Quoted<'a> {
    text: &'a str,
    lang: Lang,
}

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.lang {
            Lang::Ja => write!(f, "「{}」", self.text),
            Lang::En => write!(f, "{:?}", self.text),
        }
    }
}

/// Something a person reads, told in the language they chose.
pub trait Localize {
    /// Writes the text in `lang`.
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result;

    /// The text in `lang`, as a value to `format!` or `write!`. (A `dyn Localize` is
    /// reached through a reference or a `Box`, which are `Localize` themselves.)
    fn in_lang(&self, lang: Lang) -> InLang<'_, Self>
    where
        Self: Sized,
    {
        InLang { inner: self, lang }
    }

    /// The text in `lang`, as a string.
    fn message(&self, lang: Lang) -> String {
        InLang { inner: self, lang }.to_string()
    }
}

/// A [`Localize`] value in one language: its `Display` is the text in that language.
#[derive(Debug)]
pub struct InLang<'a, T: ?Sized> {
    inner: &'a T,
    lang: Lang,
}

impl<T: Localize + ?Sized> fmt::Display for InLang<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.localize(self.lang, f)
    }
}

impl<T: Localize + ?Sized> Localize for &T {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).localize(lang, f)
    }
}

impl<T: Localize + ?Sized> Localize for Box<T> {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).localize(lang, f)
    }
}

impl<T: Localize + ?Sized> Localize for std::sync::Arc<T> {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).localize(lang, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Greeting(&'static str);

    impl Localize for Greeting {
        fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match lang {
                Lang::Ja => write!(f, "{}さん、こんにちは", self.0),
                Lang::En => write!(f, "hello, {}", self.0),
            }
        }
    }

    #[test]
    fn japanese_is_the_default_and_both_names_parse() {
        assert_eq!(Lang::default(), Lang::Ja);
        assert_eq!(Lang::parse(" EN "), Some(Lang::En));
        assert_eq!(Lang::parse("ja"), Some(Lang::Ja));
        assert_eq!(Lang::parse("fr"), None);
        for l in Lang::ALL {
            assert_eq!(Lang::parse(l.as_str()), Some(l));
        }
    }

    #[test]
    fn a_message_renders_in_the_language_asked_for() {
        let g = Greeting("山田");
        assert_eq!(g.message(Lang::Ja), "山田さん、こんにちは");
        assert_eq!(g.message(Lang::En), "hello, 山田");
        let boxed: Box<dyn Localize> = Box::new(Greeting("x"));
        assert_eq!(format!("{}", boxed.in_lang(Lang::En)), "hello, x");
    }

    #[test]
    fn quotes_follow_the_language() {
        assert_eq!(Lang::Ja.quote("22.5kg").to_string(), "「22.5kg」");
        assert_eq!(Lang::En.quote("22.5kg").to_string(), "\"22.5kg\"");
        assert_eq!(Lang::En.quote("a\"b").to_string(), "\"a\\\"b\"");
        assert_eq!(Lang::Ja.column("value").to_string(), "列「value」: ");
        assert_eq!(Lang::En.column("value").to_string(), "column \"value\": ");
    }
}

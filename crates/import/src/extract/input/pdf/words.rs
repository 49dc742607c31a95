//! The words of a PDF with their boxes, as `pdftotext -bbox-layout` prints them.
//!
//! `pdftotext -bbox-layout` writes an XHTML page of `<page width height>` elements holding
//! `<word xMin yMin xMax yMax>text</word>`, in points from the page's top left corner, y
//! downwards: the same coordinates `pdftocairo -svg` draws in ([`super::rules`]), so a word
//! can be placed in the cell a table's rules draw around it ([`super::lattice`]).
//!
//! Only `page` and `word` are read; `flow`, `block` and `line` (poppler's own guess at the
//! reading order) are not needed. Broken markup ends the reading where it breaks: what was
//! read before is kept. Nothing here panics on any input.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::extract::input::package::{attr, local, reference, text};
use crate::extract::layout::tokens::width;

/// One word and its box, in points, y downwards.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Left edge.
    pub x0: f64,
    /// Top edge.
    pub y0: f64,
    /// Right edge.
    pub x1: f64,
    /// Bottom edge.
    pub y1: f64,
    /// The word, as printed.
    pub text: String,
}

impl Word {
    /// The middle of the box, across.
    pub fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }

    /// The middle of the box, down.
    pub fn cy(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }

    /// The width of a full-width character in the word's font: its width over its columns (a
    /// Japanese character two, a digit one); `None` for a word of no width.
    pub fn em(&self) -> Option<f64> {
        let columns: usize = self.text.chars().map(width).sum();
        let em = 2.0 * (self.x1 - self.x0) / columns as f64;
        (columns > 0 && em.is_finite() && em > 0.0).then_some(em)
    }

    /// The box's height (the font's, as poppler measures it: more than the glyphs' own).
    pub fn height(&self) -> f64 {
        (self.y1 - self.y0).max(0.0)
    }
}

/// The words of one page, in the order printed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// The words.
    pub words: Vec<Word>,
}

/// The pages of a `pdftotext -bbox-layout` output, in order; a word outside any page, or with
/// a coordinate that is no finite number, is dropped.
pub fn pages(xml: &[u8]) -> Vec<Page> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().expand_empty_elements = true;
    reader.config_mut().trim_text(false);
    let mut pages: Vec<Page> = Vec::new();
    // The open word: its box and the text so far.
    let mut word: Option<Word> = None;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) => match local(&e) {
                "page" => pages.push(Page::default()),
                "word" => word = open(&e),
                _ => {}
            },
            Event::Text(t) => {
                if let Some(w) = word.as_mut() {
                    w.text.push_str(&text(&t));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(w) = word.as_mut() {
                    w.text.push_str(&reference(&r));
                }
            }
            Event::End(e) if e.local_name().as_ref() == "word" => {
                if let (Some(w), Some(page)) = (word.take(), pages.last_mut()) {
                    if !w.text.trim().is_empty() {
                        page.words.push(w);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    pages
}

/// A `<word>` element's box, or `None` when a coordinate is missing or no finite number.
fn open(e: &BytesStart<'_>) -> Option<Word> {
    let num = |name: &str| {
        attr(e, name)
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|v| v.is_finite())
    };
    Some(Word {
        x0: num("xMin")?,
        y0: num("yMin")?,
        x1: num("xMax")?,
        y1: num("yMax")?,
        text: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_read_with_their_boxes_page_by_page() {
        let xml = br#"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "x">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body><doc>
<page width="595" height="842"><flow><block><line>
<word xMin="10.5" yMin="20" xMax="30" yMax="32">&#x6307;&#x6A19;&amp;A</word>
<word xMin="40" yMin="20" xMax="50" yMax="32">12.5</word>
</line></block></flow></page>
<page width="595" height="842"><word xMin="1" yMin="2" xMax="3" yMax="4">R5</word>
<word xMin="nan" yMin="2" xMax="3" yMax="4">x</word><word xMin="1" yMin="2" xMax="3">y</word>
</page></doc></body></html>"#;
        let p = pages(xml);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].words.len(), 2);
        assert_eq!(p[0].words[0].text, "指標&A");
        assert_eq!(p[0].words[0].x0, 10.5);
        assert_eq!(p[0].words[1].cy(), 26.0);
        assert_eq!(p[1].words.len(), 1, "{:?}", p[1]);
        assert_eq!(p[1].words[0].text, "R5");
    }

    #[test]
    fn broken_markup_keeps_what_was_read() {
        let p = pages(b"<page><word xMin=\"1\" yMin=\"1\" xMax=\"2\" yMax=\"2\">a</word><word <<<");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].words.len(), 1);
        assert!(pages(b"").is_empty());
        assert!(pages(b"<word xMin=\"1\" yMin=\"1\" xMax=\"2\" yMax=\"2\">a</word>").is_empty());
    }
}

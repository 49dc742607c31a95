//! What encoding bytes are in: the one sniffer of the document extractor
//! ([`crate::extract::decode`]) and the Actuals CSV reader ([`crate::actuals`]).
//!
//! Japanese offices still save text as Shift_JIS (Windows' CP932, which is what
//! `encoding_rs::SHIFT_JIS` decodes: WHATWG's Shift_JIS includes the NEC and IBM extensions,
//! so `①`, `㈱` and `～` come through), and a plan document may be in EUC-JP. The decision,
//! for both readers:
//!
//! 1. A byte order mark decides: UTF-8, UTF-16LE or UTF-16BE ([`byte_order_mark`]).
//! 2. Bytes that are no text at all are refused ([`binary`], [`is_pdf`]): a ZIP archive (xlsx,
//!    docx), an old Office file, NUL bytes in the first [`SNIFF_LEN`] bytes (binary, or UTF-16
//!    saved without a mark); the extractor also names a PDF.
//! 3. Otherwise [`sniff`]: valid UTF-8 (pure ASCII included) is UTF-8; text that reads as
//!    UTF-8, Japanese included, up to a bad byte is damaged UTF-8, not a legacy encoding; else
//!    the legacy encodings the reader accepts are tried without replacement — Shift_JIS, and
//!    for documents EUC-JP — and when several read the bytes whole the one whose text looks
//!    less like mojibake wins (EUC-JP bytes read as Shift_JIS turn into half-width katakana
//!    and private-use characters), a tie to the first; when none does, the one that reads
//!    furthest, UTF-8 included, a tie to the earlier.
//!
//! The extractor sniffs the whole file; the CSV reader, which streams, sniffs a window of its
//! buffer from the first non-ASCII byte on, so its memory stays bounded. Guarantees: never
//! panics, linear in the input.

use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// How far into the input binary markers are looked for: NUL bytes past this point are
/// taken as text (a stray control character), not as a binary file.
pub(crate) const SNIFF_LEN: usize = 8 * 1024;

/// The encoding the byte order mark at the start of `head` names (`UTF_8`, `UTF_16LE`,
/// `UTF_16BE`) and the mark's length; `None` without a mark.
pub(crate) fn byte_order_mark(head: &[u8]) -> Option<(&'static Encoding, usize)> {
    if head.starts_with(b"\xEF\xBB\xBF") {
        Some((UTF_8, 3))
    } else if head.starts_with(b"\xFF\xFE") {
        Some((UTF_16LE, 2))
    } else if head.starts_with(b"\xFE\xFF") {
        Some((UTF_16BE, 2))
    } else {
        None
    }
}

/// A file that is no text, by what its first bytes say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Binary {
    /// `PK\x03\x04`: a ZIP archive, such as an xlsx or docx file.
    Zip,
    /// The compound-file signature of an old Office file (xls, doc).
    OldOffice,
    /// A NUL byte at this offset, within the first [`SNIFF_LEN`] bytes.
    Nul {
        /// The byte offset.
        at: usize,
    },
}

/// What the first bytes of a file without a byte order mark say it is, when it is no text.
pub(crate) fn binary(head: &[u8]) -> Option<Binary> {
    if head.starts_with(b"PK\x03\x04") {
        return Some(Binary::Zip);
    }
    if head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Some(Binary::OldOffice);
    }
    let sniffed = head.get(..SNIFF_LEN).unwrap_or(head);
    sniffed
        .iter()
        .position(|&b| b == 0)
        .map(|at| Binary::Nul { at })
}

/// True when the bytes, after any leading white space, are a PDF (`%PDF-`).
pub(crate) fn is_pdf(head: &[u8]) -> bool {
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    head.get(start..).unwrap_or_default().starts_with(b"%PDF-")
}

/// Where a strict decode stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stop {
    /// Byte offset of the first bad byte, in the decoded slice.
    pub offset: usize,
    /// The 1-based line it is on.
    pub line: usize,
}

/// What [`sniff`] found the bytes to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sniffed<'a> {
    /// Valid UTF-8: the whole window, or all of it but a character it cuts off before more
    /// input comes.
    Utf8(&'a str),
    /// UTF-8, with enough multi-byte characters before a bad byte to rule out a legacy
    /// encoding read by chance: a damaged or cut UTF-8 file.
    DamagedUtf8(Stop),
    /// A legacy encoding that reads the window whole, and the text it reads.
    Legacy {
        /// The encoding.
        encoding: &'static Encoding,
        /// The window decoded (without its last character, when the window cuts it before
        /// more input comes).
        text: String,
    },
    /// Nothing reads the window whole: where each encoding tried stopped, UTF-8 first, and the
    /// index of the one that read furthest (a tie to the earlier).
    Unreadable {
        /// Each encoding tried and where it stopped.
        tried: Vec<(&'static Encoding, Stop)>,
        /// The index into `tried` of the encoding that read furthest.
        furthest: usize,
    },
}

/// Decides the encoding of `window` (see the module doc, step 3), trying the `legacy`
/// encodings in order; `eof` when the input ends with the window (else a character cut at
/// its end is no error).
pub(crate) fn sniff<'a>(window: &'a [u8], eof: bool, legacy: &[&'static Encoding]) -> Sniffed<'a> {
    let utf8 = match std::str::from_utf8(window) {
        Ok(t) => return Sniffed::Utf8(t),
        Err(e) => {
            let valid = window.get(..e.valid_up_to()).unwrap_or_default();
            if e.error_len().is_none() && !eof {
                return Sniffed::Utf8(std::str::from_utf8(valid).unwrap_or_default());
            }
            let stop = Stop {
                offset: e.valid_up_to(),
                line: line_at(window, e.valid_up_to()),
            };
            if utf8_evidence(valid) {
                return Sniffed::DamagedUtf8(stop);
            }
            stop
        }
    };
    let mut tried = vec![(UTF_8, utf8)];
    let mut read: Vec<(&'static Encoding, String)> = Vec::new();
    for &enc in legacy {
        match strict(enc, window, eof) {
            Ok(text) => read.push((enc, text)),
            Err(stop) => tried.push((enc, stop)),
        }
    }
    // The least mojibake wins; `min_by_key` keeps the first of equals.
    if let Some(best) = (0..read.len()).min_by_key(|&i| mojibake_score(&read[i].1)) {
        let (encoding, text) = read.swap_remove(best);
        return Sniffed::Legacy { encoding, text };
    }
    let furthest = tried
        .iter()
        .enumerate()
        .max_by_key(|(i, (_, stop))| (stop.offset, std::cmp::Reverse(*i)))
        .map_or(0, |(i, _)| i);
    Sniffed::Unreadable { tried, furthest }
}

/// Decodes the whole of `bytes` with `enc`, refusing any malformed sequence; `last` when the
/// input ends with `bytes` (else a character cut at the end waits for more, and is left out).
pub(crate) fn strict(enc: &'static Encoding, bytes: &[u8], last: bool) -> Result<String, Stop> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::new();
    let mut read = 0;
    loop {
        let rest = bytes.get(read..).unwrap_or_default();
        let need = decoder
            .max_utf8_buffer_length_without_replacement(rest.len())
            .unwrap_or(rest.len())
            .max(16);
        out.reserve(need);
        let (result, n) = decoder.decode_to_string_without_replacement(rest, &mut out, last);
        read += n;
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(bad, after) => {
                let offset = read.saturating_sub(usize::from(bad) + usize::from(after));
                // The text decoded so far holds the line breaks before the bad bytes, in
                // any encoding (UTF-16's included).
                let line = 1 + out.bytes().filter(|&b| b == b'\n').count();
                return Err(Stop { offset, line });
            }
        }
    }
}

/// The 1-based line of byte `at` of an ASCII-compatible encoding.
pub(crate) fn line_at(bytes: &[u8], at: usize) -> usize {
    let before = bytes.get(..at).unwrap_or(bytes);
    1 + before.iter().filter(|&&b| b == b'\n').count()
}

/// True when a valid UTF-8 prefix holds enough multi-byte characters to rule out Shift_JIS
/// or EUC-JP read by chance: their text passes for one UTF-8 character now and then (a
/// Shift_JIS kanji led by 0xE0-0xEF), but not for several. Without this a UTF-8 file with one
/// damaged byte would be read, without an error, as Shift_JIS mojibake.
fn utf8_evidence(valid: &[u8]) -> bool {
    const ENOUGH: usize = 4;
    // Lead bytes count characters; a valid prefix has only whole ones.
    valid.iter().filter(|&&b| b >= 0xC0).take(ENOUGH).count() >= ENOUGH
}

/// How much a decoded text looks like the wrong encoding: half-width katakana, private-use
/// characters (CP932's user-defined area) and C1 controls, which real plan text has few of.
fn mojibake_score(text: &str) -> usize {
    text.chars()
        .filter(|&c| {
            matches!(c,
                '\u{FF61}'..='\u{FF9F}'
                | '\u{E000}'..='\u{F8FF}'
                | '\u{0080}'..='\u{009F}'
            )
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{EUC_JP, SHIFT_JIS};

    const TEXT: &str = "①企業誘致件数\t25件\t125件（2022～2026）\n㈱やまぐち産業振興財団\n";

    fn encode(enc: &'static Encoding, text: &str) -> Vec<u8> {
        enc.encode(text).0.into_owned()
    }

    #[test]
    fn marks_and_binaries_are_named_by_their_first_bytes() {
        assert_eq!(byte_order_mark(b"\xEF\xBB\xBFa"), Some((UTF_8, 3)));
        assert_eq!(byte_order_mark(b"\xFF\xFEa\0"), Some((UTF_16LE, 2)));
        assert_eq!(byte_order_mark(b"\xFE\xFF\0a"), Some((UTF_16BE, 2)));
        assert_eq!(byte_order_mark(b"plan"), None);
        assert_eq!(binary(b"PK\x03\x04..."), Some(Binary::Zip));
        assert_eq!(binary(b"ab\0c"), Some(Binary::Nul { at: 2 }));
        let late_nul = [vec![b'a'; SNIFF_LEN], vec![0]].concat();
        assert_eq!(binary(&late_nul), None);
        assert!(is_pdf(b"\n %PDF-1.7"));
        assert!(!is_pdf(b"plan %PDF-"));
    }

    #[test]
    fn each_encoding_is_told_from_the_others() {
        let utf8 = TEXT.as_bytes();
        assert_eq!(sniff(utf8, true, &[SHIFT_JIS, EUC_JP]), Sniffed::Utf8(TEXT));
        let sjis = encode(SHIFT_JIS, TEXT);
        let euc = encode(EUC_JP, TEXT);
        for (bytes, enc) in [(&sjis, SHIFT_JIS), (&euc, EUC_JP)] {
            match sniff(bytes, true, &[SHIFT_JIS, EUC_JP]) {
                Sniffed::Legacy { encoding, text } => {
                    assert_eq!(encoding, enc);
                    assert_eq!(text, TEXT);
                }
                other => panic!("{}: {other:?}", enc.name()),
            }
        }
        // The CSV reader tries Shift_JIS alone: EUC-JP is no encoding of its.
        assert!(matches!(
            sniff(&euc, true, &[SHIFT_JIS]),
            Sniffed::Unreadable { .. }
        ));
    }

    #[test]
    fn a_window_that_cuts_a_character_is_no_error_before_the_end() {
        let utf8 = TEXT.as_bytes();
        let cut = &utf8[..2];
        assert_eq!(sniff(cut, false, &[SHIFT_JIS]), Sniffed::Utf8(""));
        let sjis = encode(SHIFT_JIS, "あいう");
        assert!(matches!(
            sniff(&sjis[..3], false, &[SHIFT_JIS]),
            Sniffed::Legacy { encoding, .. } if encoding == SHIFT_JIS
        ));
    }

    #[test]
    fn utf8_damaged_after_japanese_is_damaged_utf8_at_its_line() {
        let mut bytes = "一行目\n二行目の企業誘致\n".as_bytes().to_vec();
        bytes.push(0xFF);
        assert_eq!(
            sniff(&bytes, true, &[SHIFT_JIS, EUC_JP]),
            Sniffed::DamagedUtf8(Stop {
                offset: bytes.len() - 1,
                line: 3
            })
        );
    }

    #[test]
    fn unreadable_bytes_name_the_encoding_that_read_furthest() {
        let bytes = [b'a', b'b', 0x82, 0xA0, 0xFF, 0xFF];
        match sniff(&bytes, true, &[SHIFT_JIS, EUC_JP]) {
            Sniffed::Unreadable { tried, furthest } => {
                assert_eq!(tried.len(), 3);
                assert_eq!(tried[furthest].0, SHIFT_JIS);
            }
            other => panic!("{other:?}"),
        }
    }
}

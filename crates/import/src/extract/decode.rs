//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, Shift_JIS / CP932 and
//! EUC-JP, detected; anything else refused with the place it stops being text.
//!
//! Japanese offices still save text as Shift_JIS (Windows' CP932, which is what
//! `encoding_rs::SHIFT_JIS` decodes: WHATWG's Shift_JIS includes the NEC and IBM extensions,
//! so `①`, `㈱` and `～` come through). The order of decision:
//!
//! 1. A byte order mark decides: UTF-8, UTF-16LE or UTF-16BE. Bytes that do not follow the
//!    encoding the mark claims are an error (a mark is a promise).
//! 2. Bytes that are no text at all are refused with a hint: a PDF (`%PDF-`), a ZIP archive
//!    (xlsx, docx), an old Office file, or NUL bytes in the first 8 KiB (binary, or UTF-16
//!    saved without a mark).
//! 3. Valid UTF-8 is UTF-8 (pure ASCII included). Text that reads as UTF-8, Japanese
//!    included, up to a bad byte is UTF-8 with an error there, not a legacy encoding.
//! 4. Otherwise the Japanese legacy encodings are tried without replacement: Shift_JIS, then
//!    EUC-JP. When both read the bytes cleanly the one whose text looks less like mojibake
//!    wins (EUC-JP bytes read as Shift_JIS turn into half-width katakana and private-use
//!    characters); a tie goes to Shift_JIS, by far the more common.
//! 5. Else an [`ExtractError`] naming the line and byte offset where the encoding that read
//!    furthest stopped, and every encoding tried.
//!
//! Guarantees: never panics, linear in the input, and an error's line is always ≥ 1 (lines are
//! counted as [`super::text::Doc`] counts them: one more than the line breaks before the
//! place).

use std::fmt;

use encoding_rs::{DecoderResult, Encoding, EUC_JP, SHIFT_JIS, UTF_16BE, UTF_16LE};

/// Bytes that are no text in any encoding the extractor reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractError {
    /// The file.
    pub file: String,
    /// The line of the first byte that could not be read (1-based).
    pub line: usize,
    /// What was found, what was tried and what to do.
    pub message: String,
}

impl fmt::Display for ExtractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ExtractError {}

/// Decoded text and the name of its encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte order mark.
    pub text: String,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE`, `Shift_JIS` or `EUC-JP`.
    pub encoding: &'static str,
}

/// How far into the input binary markers are looked for: NUL bytes past this point are
/// taken as text (a stray control character), not as a binary file.
const SNIFF_LEN: usize = 8 * 1024;

/// Decodes a document (see the module doc for the order of decision).
pub fn decode(bytes: &[u8], file: &str) -> Result<Decoded, ExtractError> {
    let error = |line: usize, message: String| ExtractError {
        file: file.to_owned(),
        line: line.max(1),
        message,
    };

    // 1. A byte order mark.
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(t) => Ok(Decoded {
                text: t.to_owned(),
                encoding: "UTF-8",
            }),
            Err(e) => {
                let stop = utf8_stop(rest, &e);
                Err(error(
                    stop.line,
                    format!(
                        "the file starts with a UTF-8 byte order mark, but {} is not UTF-8; \
                         save it again as UTF-8",
                        stop.describe(bytes, 3)
                    ),
                ))
            }
        };
    }
    for (bom, enc, name) in [
        (b"\xFF\xFE", UTF_16LE, "UTF-16LE"),
        (b"\xFE\xFF", UTF_16BE, "UTF-16BE"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return match strict(enc, rest) {
                Ok(text) => Ok(Decoded {
                    text,
                    encoding: name,
                }),
                Err(stop) => Err(error(
                    stop.line,
                    format!(
                        "the file starts with a {name} byte order mark, but {} is not {name}; \
                         save it again as UTF-8",
                        stop.describe(bytes, 2)
                    ),
                )),
            };
        }
    }

    // 2. Not text at all.
    if let Some(kind) = binary_kind(bytes) {
        return Err(error(1, kind.to_owned()));
    }
    let head = bytes.get(..SNIFF_LEN).unwrap_or(bytes);
    if let Some(at) = head.iter().position(|&b| b == 0) {
        return Err(error(
            line_at(bytes, at),
            format!(
                "a NUL byte at byte offset {at}: this looks like a binary file, not text \
                 (or UTF-16 saved without a byte order mark); save it as UTF-8 text"
            ),
        ));
    }

    // 3. UTF-8, and UTF-8 with a bad byte once Japanese has been read as UTF-8 before it.
    let utf8_stop = match std::str::from_utf8(bytes) {
        Ok(t) => {
            return Ok(Decoded {
                text: t.to_owned(),
                encoding: "UTF-8",
            })
        }
        Err(e) => utf8_stop(bytes, &e),
    };
    if utf8_evidence(bytes.get(..utf8_stop.offset).unwrap_or_default()) {
        return Err(error(
            utf8_stop.line,
            format!(
                "the text is UTF-8 up to {}, which is not UTF-8 (a damaged or cut file, or \
                 two encodings mixed); save the file again as UTF-8",
                utf8_stop.describe(bytes, 0)
            ),
        ));
    }

    // 4. The Japanese legacy encodings.
    let sjis = strict(SHIFT_JIS, bytes);
    let euc = strict(EUC_JP, bytes);
    match (sjis, euc) {
        (Ok(s), Ok(e)) => {
            let (text, encoding) = if mojibake_score(&e) < mojibake_score(&s) {
                (e, "EUC-JP")
            } else {
                (s, "Shift_JIS")
            };
            Ok(Decoded { text, encoding })
        }
        (Ok(text), Err(_)) => Ok(Decoded {
            text,
            encoding: "Shift_JIS",
        }),
        (Err(_), Ok(text)) => Ok(Decoded {
            text,
            encoding: "EUC-JP",
        }),
        // 5. Nothing reads it: report where the likeliest encoding stopped.
        (Err(s), Err(e)) => {
            let tried = [("UTF-8", utf8_stop), ("Shift_JIS", s), ("EUC-JP", e)];
            let furthest = tried
                .iter()
                .enumerate()
                .max_by_key(|(i, (_, stop))| (stop.offset, std::cmp::Reverse(*i)))
                .map_or(0, |(i, _)| i);
            let (name, best) = &tried[furthest];
            let others: Vec<String> = tried
                .iter()
                .filter(|(n, _)| n != name)
                .map(|(n, stop)| format!("{n} stops at line {}", stop.line))
                .collect();
            Err(error(
                best.line,
                format!(
                    "not text in any encoding read here (tried UTF-8, Shift_JIS/CP932 and \
                     EUC-JP): read as {name}, the one that gets furthest, {} cannot be read \
                     ({}); save the file as UTF-8",
                    best.describe(bytes, 0),
                    others.join(", ")
                ),
            ))
        }
    }
}

/// Where a strict decode stopped.
#[derive(Debug, Clone, Copy)]
struct Stop {
    /// Byte offset of the first bad byte, in the decoded slice.
    offset: usize,
    /// The line it is on.
    line: usize,
}

impl Stop {
    /// `byte 0x82 at byte offset 1234 (line 5)`: `whole` is the file and `skip` the bytes of
    /// the byte order mark, which come before the decoded slice.
    fn describe(&self, whole: &[u8], skip: usize) -> String {
        let at = self.offset.saturating_add(skip);
        match whole.get(at) {
            Some(b) => format!("byte 0x{b:02X} at byte offset {at} (line {})", self.line),
            None => format!(
                "the end of the file (line {}: a character cut off)",
                self.line
            ),
        }
    }
}

/// Where `from_utf8` stopped.
fn utf8_stop(bytes: &[u8], e: &std::str::Utf8Error) -> Stop {
    let offset = e.valid_up_to();
    Stop {
        offset,
        line: line_at(bytes, offset),
    }
}

/// The 1-based line of byte `at` of an ASCII-compatible encoding.
fn line_at(bytes: &[u8], at: usize) -> usize {
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

/// Decodes the whole of `bytes` with `enc`, refusing any malformed sequence.
fn strict(enc: &'static Encoding, bytes: &[u8]) -> Result<String, Stop> {
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
        let (result, n) = decoder.decode_to_string_without_replacement(rest, &mut out, true);
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

/// What kind of non-text file the bytes are, as a message with what to do instead.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head = bytes.get(start..).unwrap_or_default();
    if head.starts_with(b"%PDF-") {
        Some("this looks like a PDF: convert it to text first (e.g. pdftotext -layout)")
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some(
            "this looks like a ZIP archive (an xlsx or docx file): save it as text \
             (UTF-8, tab-separated for tables) first",
        )
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        Some("this looks like an old Office file (xls, doc): save it as text (UTF-8) first")
    } else {
        None
    }
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

    /// A few lines in the shapes plans print, with CP932's own characters (`①`, `㈱`, `～`).
    const SAMPLE: &str = "産業戦略プロジェクトの進捗状況について（令和元年８月）\n\
         ①企業誘致件数\t25件\t125件（2022～2026）\n\
         ㈱やまぐち産業振興財団\tｶﾀｶﾅ\n";

    fn encode(enc: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, had_errors) = enc.encode(text);
        assert!(!had_errors, "{} cannot encode the sample", enc.name());
        bytes.into_owned()
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for u in text.encode_utf16() {
            let b = if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            };
            out.extend(b);
        }
        out
    }

    /// Decodes and checks text and encoding.
    fn check(bytes: &[u8], text: &str, encoding: &str) {
        let d = decode(bytes, "t.txt").unwrap();
        assert_eq!(d.encoding, encoding);
        assert_eq!(d.text, text);
    }

    /// Decodes, expecting an error at `line` whose message contains every one of `words`.
    fn check_err(bytes: &[u8], line: usize, words: &[&str]) {
        let e = decode(bytes, "t.txt").unwrap_err();
        assert_eq!(e.line, line, "{e}");
        for w in words {
            assert!(e.message.contains(w), "{w:?} not in {e}");
        }
        assert!(e.to_string().starts_with(&format!("t.txt:{line}: ")));
    }

    #[test]
    fn utf8_is_read_with_or_without_bom() {
        check(SAMPLE.as_bytes(), SAMPLE, "UTF-8");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(SAMPLE.as_bytes());
        check(&bom, SAMPLE, "UTF-8");
        check(b"", "", "UTF-8");
        check(b"plain ascii\n", "plain ascii\n", "UTF-8");
    }

    #[test]
    fn shift_jis_is_detected_with_cp932_characters() {
        let bytes = encode(SHIFT_JIS, SAMPLE);
        assert!(std::str::from_utf8(&bytes).is_err());
        // CP932's NEC special characters: ① is 0x8740.
        assert!(bytes.windows(2).any(|w| w == [0x87, 0x40]));
        check(&bytes, SAMPLE, "Shift_JIS");
    }

    #[test]
    fn shift_jis_with_windows_line_breaks_keeps_them_for_the_line_splitter() {
        let text = SAMPLE.replace('\n', "\r\n");
        check(&encode(SHIFT_JIS, &text), &text, "Shift_JIS");
    }

    #[test]
    fn euc_jp_is_detected() {
        let text = "数値目標\n指標名\t現状値\t目標値\n企業誘致件数\t25件\t125件\n";
        check(&encode(EUC_JP, text), text, "EUC-JP");
    }

    #[test]
    fn utf16_with_a_bom_is_read_in_either_byte_order() {
        check(&utf16(SAMPLE, false), SAMPLE, "UTF-16LE");
        check(&utf16(SAMPLE, true), SAMPLE, "UTF-16BE");
    }

    #[test]
    fn a_pdf_is_refused_with_what_to_do() {
        check_err(
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj",
            1,
            &["PDF", "pdftotext -layout"],
        );
        check_err(b"\n  %PDF-1.4\n", 1, &["PDF"]);
    }

    #[test]
    fn office_files_are_refused_with_what_to_do() {
        check_err(
            b"PK\x03\x04\x14\x00\x06\x00",
            1,
            &["xlsx", "save it as text"],
        );
        check_err(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00", 1, &["xls"]);
    }

    #[test]
    fn nul_bytes_near_the_start_mean_binary_and_name_their_line() {
        check_err(
            b"line one\nline two\x00\x01",
            2,
            &["NUL", "byte offset 17", "binary"],
        );
        // UTF-16 without a mark has NULs in every other byte.
        let mut no_bom = utf16("abc\n", false);
        no_bom.drain(..2);
        check_err(&no_bom, 1, &["UTF-16"]);
    }

    #[test]
    fn a_nul_far_into_a_text_is_just_a_character() {
        let mut bytes = vec![b'a'; SNIFF_LEN + 10];
        bytes.push(0);
        assert_eq!(decode(&bytes, "t.txt").unwrap().encoding, "UTF-8");
    }

    #[test]
    fn undecodable_bytes_name_line_offset_and_encodings_tried() {
        // Valid Shift_JIS up to line 3, then 0xFF, which no encoding tried here reads.
        let mut bytes = encode(SHIFT_JIS, "数値目標\n指標名\t現状値\n");
        bytes.extend(b"x\xFF\xFF\xFFy\n");
        let at = bytes.len() - 5;
        check_err(
            &bytes,
            3,
            &[
                "UTF-8",
                "Shift_JIS",
                "EUC-JP",
                "read as Shift_JIS",
                &format!("byte 0xFF at byte offset {at}"),
            ],
        );
    }

    #[test]
    fn a_bom_that_lies_is_an_error_at_the_bad_byte() {
        let mut bytes = b"\xEF\xBB\xBFok\nok\n".to_vec();
        bytes.extend(encode(SHIFT_JIS, "数値"));
        check_err(&bytes, 3, &["UTF-8 byte order mark", "byte offset 9"]);
        // An odd byte left over after UTF-16 code units.
        let mut odd = utf16("ab\ncd", false);
        odd.push(b'x');
        check_err(&odd, 2, &["UTF-16LE", "byte 0x78 at byte offset 12"]);
    }

    #[test]
    fn utf8_text_with_one_bad_byte_is_an_error_not_shift_jis_mojibake() {
        // Cut in the middle of a character: these bytes happen to read as Shift_JIS, but the
        // Japanese before them was UTF-8.
        let mut bytes = "一行目\n二行目\n".as_bytes().to_vec();
        bytes.extend(&"三".as_bytes()[..2]);
        check_err(&bytes, 3, &["UTF-8", "byte 0xE4 at byte offset 20"]);
        let mut bytes = "数値目標\n指標名\t現状値\n".as_bytes().to_vec();
        bytes.extend(b"x\x82\xA0y\n");
        check_err(&bytes, 3, &["UTF-8", "byte 0x82 at byte offset"]);
    }

    #[test]
    fn shift_jis_that_starts_like_utf8_is_still_shift_jis() {
        // A Shift_JIS kanji led by 0xE0-0xEF can pass for one UTF-8 character.
        check(
            &encode(SHIFT_JIS, "漾澀\n数値目標\n"),
            "漾澀\n数値目標\n",
            "Shift_JIS",
        );
    }
}

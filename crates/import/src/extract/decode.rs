//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, Shift_JIS / CP932 and
//! EUC-JP, detected; anything else refused with the place it stops being text.
//!
//! The encoding is decided by the sniffer the Actuals CSV reader shares
//! (`crate::encoding`, where the order of decision is written), here over the whole file
//! and with both legacy encodings, Shift_JIS and EUC-JP. What is decided here is what to tell
//! the user:
//!
//! 1. A byte order mark decides; bytes that do not follow the encoding the mark claims are an
//!    error (a mark is a promise).
//! 2. Bytes that are no text at all are refused with a hint: a PDF, a ZIP archive (xlsx,
//!    docx), an old Office file, or NUL bytes near the start.
//! 3. UTF-8 with a bad byte after Japanese read as UTF-8 is an error there, not a legacy
//!    encoding.
//! 4. Bytes no encoding reads are an [`ExtractError`] naming the line and byte offset where
//!    the encoding that read furthest stopped, and every encoding tried.
//!
//! Guarantees: never panics, linear in the input, and an error's line is always ≥ 1 (lines are
//! counted as [`super::text::Doc`] counts them: one more than the line breaks before the
//! place).

use std::fmt;

use encoding_rs::{EUC_JP, SHIFT_JIS, UTF_8};

use crate::encoding::{self, Binary, Sniffed, Stop};

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

/// Decodes a document (see the module doc for the order of decision).
pub fn decode(bytes: &[u8], file: &str) -> Result<Decoded, ExtractError> {
    let error = |line: usize, message: String| ExtractError {
        file: file.to_owned(),
        line: line.max(1),
        message,
    };

    // 1. A byte order mark.
    if let Some((enc, len)) = encoding::byte_order_mark(bytes) {
        let rest = bytes.get(len..).unwrap_or_default();
        let name = enc.name();
        let read = if enc == UTF_8 {
            std::str::from_utf8(rest)
                .map(str::to_owned)
                .map_err(|e| utf8_stop(rest, &e))
        } else {
            encoding::strict(enc, rest, true)
        };
        return match read {
            Ok(text) => Ok(Decoded {
                text,
                encoding: name,
            }),
            Err(stop) => Err(error(
                stop.line,
                format!(
                    "the file starts with a {name} byte order mark, but {} is not {name}; \
                     save it again as UTF-8",
                    describe(stop, bytes, len)
                ),
            )),
        };
    }

    // 2. Not text at all.
    if encoding::is_pdf(bytes) {
        return Err(error(
            1,
            "this looks like a PDF: convert it to text first (e.g. pdftotext -layout)".into(),
        ));
    }
    match encoding::binary(bytes) {
        Some(Binary::Zip) => {
            return Err(error(
                1,
                "this is a ZIP archive, but neither an Excel workbook (.xlsx) nor a Word \
                 document (.docx) (an .ods, .odt or .pptx?): save it as .xlsx, .docx or text \
                 (UTF-8, tab-separated for tables) first"
                    .into(),
            ))
        }
        Some(Binary::OldOffice) => {
            return Err(error(
                1,
                "this looks like an old Office file (xls, doc): save it as text (UTF-8) first"
                    .into(),
            ))
        }
        Some(Binary::Nul { at }) => {
            return Err(error(
                encoding::line_at(bytes, at),
                format!(
                    "a NUL byte at byte offset {at}: this looks like a binary file, not text \
                     (or UTF-16 saved without a byte order mark); save it as UTF-8 text"
                ),
            ))
        }
        None => {}
    }

    // 3. UTF-8, the legacy encodings, or where each stopped.
    match encoding::sniff(bytes, true, &[SHIFT_JIS, EUC_JP]) {
        Sniffed::Utf8(text) => Ok(Decoded {
            text: text.to_owned(),
            encoding: "UTF-8",
        }),
        Sniffed::Legacy { encoding, text } => Ok(Decoded {
            text,
            encoding: encoding.name(),
        }),
        Sniffed::DamagedUtf8(stop) => Err(error(
            stop.line,
            format!(
                "the text is UTF-8 up to {}, which is not UTF-8 (a damaged or cut file, or \
                 two encodings mixed); save the file again as UTF-8",
                describe(stop, bytes, 0)
            ),
        )),
        // 4. Nothing reads it: report where the likeliest encoding stopped.
        Sniffed::Unreadable { tried, furthest } => {
            let (best_enc, best) = tried
                .get(furthest)
                .copied()
                .unwrap_or((UTF_8, Stop { offset: 0, line: 1 }));
            let others: Vec<String> = tried
                .iter()
                .filter(|(enc, _)| *enc != best_enc)
                .map(|(enc, stop)| format!("{} stops at line {}", enc.name(), stop.line))
                .collect();
            Err(error(
                best.line,
                format!(
                    "not text in any encoding read here (tried UTF-8, Shift_JIS/CP932 and \
                     EUC-JP): read as {}, the one that gets furthest, {} cannot be read \
                     ({}); save the file as UTF-8",
                    best_enc.name(),
                    describe(best, bytes, 0),
                    others.join(", ")
                ),
            ))
        }
    }
}

/// `byte 0x82 at byte offset 1234 (line 5)`: where `stop` is, in the words of a message;
/// `whole` is the file and `skip` the bytes of the byte order mark, which come before the
/// decoded slice.
fn describe(stop: Stop, whole: &[u8], skip: usize) -> String {
    let at = stop.offset.saturating_add(skip);
    match whole.get(at) {
        Some(b) => format!("byte 0x{b:02X} at byte offset {at} (line {})", stop.line),
        None => format!(
            "the end of the file (line {}: a character cut off)",
            stop.line
        ),
    }
}

/// Where `from_utf8` stopped.
fn utf8_stop(bytes: &[u8], e: &std::str::Utf8Error) -> Stop {
    let offset = e.valid_up_to();
    Stop {
        offset,
        line: encoding::line_at(bytes, offset),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::SNIFF_LEN;
    use encoding_rs::Encoding;

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
            &["xlsx", "docx", "save it as"],
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

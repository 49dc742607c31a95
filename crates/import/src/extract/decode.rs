//! Bytes to text: UTF-8 with or without BOM, or Shift_JIS / CP932. (Being written.)

use std::fmt;

/// Bytes that are no text in any encoding the extractor reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractError {
    /// The file.
    pub file: String,
    /// The line of the first byte that could not be read.
    pub line: usize,
    /// What was expected.
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
    /// The text.
    pub text: String,
    /// `UTF-8` or `Shift_JIS`.
    pub encoding: &'static str,
}

/// Decodes a document.
pub fn decode(bytes: &[u8], file: &str) -> Result<Decoded, ExtractError> {
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(Decoded {
            text: t.to_owned(),
            encoding: "UTF-8",
        }),
        Err(e) => Err(ExtractError {
            file: file.to_owned(),
            line: 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count(),
            message: "not UTF-8 text".into(),
        }),
    }
}

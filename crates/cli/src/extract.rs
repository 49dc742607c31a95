//! `shinchoku extract`: a plan document's text, read and printed as JSON or as a plan file.
//!
//! Reads the whole file (or standard input for `-`), calls the extractor once and prints the
//! result; the extractor's warnings, and for `--format toml` those of turning the extraction
//! into a plan, go to stderr as `FILE:LINE: 警告: message` (`warning:` with `--lang en`), one a
//! line, in line order. The extractor writes each warning's message in both languages already
//! (`日本語 / English`); only the frame follows `--lang`. A warning about a line that was not
//! taken as written ends with how it was cut into cells (`（読み方: 空白の列揃えで 4 列に区切った
//! 行 / …）`).
//! `--strict` turns any warning into exit 1, after everything is printed, so a script sees both
//! the output and the reason it failed.

use std::io::{Read, Write};
use std::path::Path;

use std::fmt;

use shinchoku_core::lang::{Lang, Localize};
use shinchoku_import::extract::model::Warning;
use shinchoku_import::extract::{extract, to_plan};

use crate::error::{CliError, Reading, Writing};
use crate::{ExtractArgs, ExtractFormat};

/// One warning of a document as the command line prints it: `FILE:LINE: 警告: message`
/// (`warning:` in English; no line for a warning about the whole document).
#[derive(Debug)]
pub struct WarningLine<'a> {
    /// The document as the user named it.
    pub file: &'a str,
    /// The warning.
    pub warning: &'a Warning,
}

impl Localize for WarningLine<'_> {
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.file)?;
        if self.warning.line != 0 {
            write!(f, ":{}", self.warning.line)?;
        }
        let word = match lang {
            Lang::Ja => "警告",
            Lang::En => "warning",
        };
        write!(f, ": {word}: {}", self.warning.message)?;
        // How the line was cut into cells, when it was not taken as written: the reader
        // checks the cut before the value.
        match (&self.warning.evidence, lang) {
            (Some(e), Lang::Ja) => write!(f, "（読み方: {e}）"),
            (Some(e), Lang::En) => write!(f, " (read as: {e})"),
            (None, _) => Ok(()),
        }
    }
}

/// Every warning, one a line.
pub fn warning_lines(lang: Lang, file: &str, warnings: &[Warning]) -> String {
    let mut lines = String::new();
    for warning in warnings {
        lines.push_str(&WarningLine { file, warning }.message(lang));
        lines.push('\n');
    }
    lines
}

/// Runs `extract`.
pub fn run(
    args: &ExtractArgs,
    lang: Lang,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), CliError> {
    let stdin = args.file == Path::new("-");
    let shown = if stdin {
        "<stdin>".to_owned()
    } else {
        args.file.display().to_string()
    };
    let bytes = if stdin {
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .map_err(CliError::read(Reading::Stdin))?;
        b
    } else {
        std::fs::read(&args.file).map_err(CliError::read(Reading::File(shown.clone())))?
    };
    // The extraction names the document by its file name (DESIGN.md's `"document":
    // "004_….txt"`); messages name the path as given, as a compiler's do.
    let document = if stdin {
        "-".to_owned()
    } else {
        args.file
            .file_name()
            .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned())
    };
    let ex = extract(&bytes, &document).map_err(|error| CliError::Extract {
        file: shown.clone(),
        error,
    })?;

    let mut warnings: Vec<Warning> = ex.warnings.clone();
    let text = match args.format {
        ExtractFormat::Json => {
            // Only a serializer of our own could fail here; the output is what was not made.
            let mut s = serde_json::to_string_pretty(&ex).map_err(|e| CliError::Output {
                doing: Writing::Json,
                source: e.into(),
            })?;
            s.push('\n');
            s
        }
        ExtractFormat::Toml => {
            let (plan, more) = to_plan::to_plan_with_warnings(&ex);
            warnings.extend(more);
            shinchoku_import::planfile::write_plan(&plan)
        }
    };
    warnings.sort_by_key(|w| w.line);
    let lines = warning_lines(lang, &shown, &warnings);
    err.write_all(lines.as_bytes())
        .map_err(CliError::output(Writing::Warnings))?;
    out.write_all(text.as_bytes())
        .map_err(CliError::output(Writing::Output))?;
    if args.strict && !warnings.is_empty() {
        return Err(CliError::Strict {
            file: shown,
            count: warnings.len(),
        });
    }
    Ok(())
}

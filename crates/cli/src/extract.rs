//! `shinchoku extract`: a plan document's text, read and printed as JSON or as a plan file.
//!
//! Reads the whole file (or standard input for `-`), calls the extractor once and prints the
//! result; the extractor's warnings, and for `--format toml` those of turning the extraction
//! into a plan, go to stderr as `FILE:LINE: warning: message`, one a line, in line order.
//! `--strict` turns any warning into exit 1, after everything is printed, so a script sees both
//! the output and the reason it failed.

use std::io::{Read, Write};
use std::path::Path;

use shinchoku_import::extract::model::Warning;
use shinchoku_import::extract::{extract, to_plan};

use crate::error::CliError;
use crate::{ExtractArgs, ExtractFormat};

/// Runs `extract`.
pub fn run(args: &ExtractArgs, out: &mut impl Write, err: &mut impl Write) -> Result<(), CliError> {
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
            .map_err(CliError::read("reading standard input".into()))?;
        b
    } else {
        std::fs::read(&args.file).map_err(CliError::read(format!("reading {shown}")))?
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
                doing: "writing the extraction as JSON",
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
    let mut lines = String::new();
    for w in &warnings {
        // Line 0: a warning about the document as a whole.
        if w.line == 0 {
            lines.push_str(&format!("{shown}: warning: {}\n", w.message));
        } else {
            lines.push_str(&format!("{shown}:{}: warning: {}\n", w.line, w.message));
        }
    }
    err.write_all(lines.as_bytes())
        .map_err(CliError::output("writing the warnings"))?;
    out.write_all(text.as_bytes())
        .map_err(CliError::output("writing the output"))?;
    if args.strict && !warnings.is_empty() {
        return Err(CliError::Strict {
            file: shown,
            count: warnings.len(),
        });
    }
    Ok(())
}

//! `shinchoku extract`: a plan document's text, read and printed as JSON or as a plan file.
//!
//! Reads the whole file (or standard input for `-`), calls the extractor once and prints the
//! result; the extractor's warnings, and for `--format toml` those of turning the extraction
//! into a plan, go to stderr as `FILE:LINE: warning: message`, one a line, in line order.
//! `--strict` turns any warning into exit 1, after everything is printed, so a script sees both
//! the output and the reason it failed.

use std::io::{Read, Write};
use std::path::Path;

use anyhow::{anyhow, Context as _};
use shinchoku_import::extract::model::Warning;
use shinchoku_import::extract::{extract, to_plan};

use crate::{ExtractArgs, ExtractFormat, Failure};

/// Runs `extract`.
pub fn run(args: &ExtractArgs, out: &mut impl Write, err: &mut impl Write) -> Result<(), Failure> {
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
            .context("reading standard input")
            .map_err(Failure::BadInput)?;
        b
    } else {
        std::fs::read(&args.file)
            .with_context(|| format!("reading {shown}"))
            .map_err(Failure::BadInput)?
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
    let ex = extract(&bytes, &document)
        .map_err(|e| Failure::BadInput(anyhow!("{shown}:{}: {}", e.line, e.message)))?;

    let mut warnings: Vec<Warning> = ex.warnings.clone();
    let text = match args.format {
        ExtractFormat::Json => {
            let mut s = serde_json::to_string_pretty(&ex)
                .context("writing the extraction as JSON")
                .map_err(Failure::BadInput)?;
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
        .context("writing the warnings")
        .map_err(Failure::BadInput)?;
    out.write_all(text.as_bytes())
        .context("writing the output")
        .map_err(Failure::BadInput)?;
    if args.strict && !warnings.is_empty() {
        return Err(Failure::BadInput(anyhow!(
            "{shown}: {} warning{} (--strict)",
            warnings.len(),
            if warnings.len() == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}

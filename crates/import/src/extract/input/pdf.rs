//! A PDF's text layer, read by poppler's `pdftotext -layout`, run as a subprocess.
//!
//! Chosen by measurement (BENCHMARKS.md, "Reading PDFs"): on PDFs printed from plan tables,
//! `pdftotext -layout` recovers the Japanese exactly and keeps each row's cells on one line in
//! column order, aligned by spaces, which the text front end ([`super::super::text`]) reads
//! as columns; the Rust readers tried did not keep the layout. `pdftotext` comes with
//! Debian's `poppler-utils`.
//!
//! What is ours, and fuzzed: the subprocess is given the bytes on standard input and read
//! back within a time limit ([`TIME_LIMIT`]) and a bound on its output ([`MAX_OUTPUT`]); a
//! missing `pdftotext`, a PDF it cannot read and a PDF with no text (a scan) are refused with
//! a message that says what to do. Page breaks (form feeds) become blank lines, so the line
//! numbers in warnings are those of `pdftotext -layout FILE.pdf - | tr '\f' '\n'`.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::refuse;
use crate::extract::ExtractError;

/// The program that reads a PDF's text layer.
pub const PROGRAM: &str = "pdftotext";

/// How long `pdftotext` may take (a PDF of a thousand pages reads in a few seconds).
pub const TIME_LIMIT: Duration = Duration::from_secs(60);

/// The most text read from `pdftotext` (64 MiB; a plan of a thousand pages prints a few).
pub const MAX_OUTPUT: usize = 64 << 20;

/// Reads the text layer of a PDF.
pub fn read(bytes: &[u8], file: &str) -> Result<String, ExtractError> {
    if !crate::encoding::is_pdf(bytes.get(..1024).unwrap_or(bytes)) {
        return Err(refuse(
            file,
            "PDF ではありません（先頭が %PDF- ではありません）。ファイルを確かめてください".into(),
            "this is not a PDF (it does not start with %PDF-); check the file".into(),
        ));
    }
    let out = run(
        PROGRAM,
        &["-layout", "-enc", "UTF-8", "-", "-"],
        bytes,
        TIME_LIMIT,
        MAX_OUTPUT,
    )
    .map_err(|e| refusal(file, e))?;
    text_of(&out, file)
}

/// The text `pdftotext` printed, as the extractor reads it: page breaks as blank lines; no
/// text at all (only blank pages) is refused as a scan.
pub fn text_of(output: &[u8], file: &str) -> Result<String, ExtractError> {
    let text = String::from_utf8_lossy(output);
    if text.chars().all(|c| c.is_whitespace() || c == '\u{c}') {
        let pages = text.matches('\u{c}').count();
        return Err(refuse(
            file,
            format!(
                "文字情報のない PDF（スキャン画像）です（{pages} ページ、文字なし）。\
                 OCR で文字を付けた PDF か、元の文書（Word、Excel、テキスト）を使ってください"
            ),
            format!(
                "this PDF has no text layer ({pages} pages, no text: a scanned image); use a PDF \
                 with text (run OCR on it) or the original document (Word, Excel, text)"
            ),
        ));
    }
    Ok(text.replace('\u{c}', "\n"))
}

/// Why running the reader gave no text.
#[derive(Debug)]
pub enum RunError {
    /// The program is not installed.
    Missing,
    /// It could not be started, or talked to.
    Io(std::io::Error),
    /// It ran past the time limit and was stopped.
    Timeout(Duration),
    /// It printed more than the bound.
    TooLong(usize),
    /// It stopped with an error: its exit status and the start of what it said.
    Failed(String, String),
}

/// The refusal for a run that gave no text.
fn refusal(file: &str, e: RunError) -> ExtractError {
    let (ja, en) = match e {
        RunError::Missing => (
            format!(
                "PDF を読むには poppler-utils の {PROGRAM} が必要です（Debian / Ubuntu: \
                 sudo apt-get install poppler-utils）"
            ),
            format!(
                "reading a PDF needs {PROGRAM} from poppler-utils (Debian / Ubuntu: sudo apt-get \
                 install poppler-utils)"
            ),
        ),
        RunError::Io(e) => (
            format!("{PROGRAM} を動かせません（{e}）"),
            format!("cannot run {PROGRAM} ({e})"),
        ),
        RunError::Timeout(t) => (
            format!(
                "{PROGRAM} が {} 秒で読み終えませんでした。ページを分けた PDF にしてください",
                t.as_secs()
            ),
            format!(
                "{PROGRAM} did not finish reading in {} s; split the PDF into smaller files",
                t.as_secs()
            ),
        ),
        RunError::TooLong(n) => (
            format!(
                "PDF の文字が {} MiB を超えます。計画の部分だけの PDF にしてください",
                n >> 20
            ),
            format!(
                "the PDF's text is over {} MiB; make a PDF of the plan's pages only",
                n >> 20
            ),
        ),
        RunError::Failed(status, said) => (
            format!(
                "{PROGRAM} がこの PDF を読めませんでした（{status}: {said}）。壊れているか、\
                 パスワードで保護されています"
            ),
            format!(
                "{PROGRAM} could not read this PDF ({status}: {said}); it is damaged or protected \
                 by a password"
            ),
        ),
    };
    refuse(file, ja, en)
}

/// Runs `program` with `input` on its standard input and returns what it printed, stopping
/// it after `limit` and refusing more than `max` bytes of output (reading stops there, so
/// the program is not waited on to print the rest).
pub fn run(
    program: &str,
    args: &[&str],
    input: &[u8],
    limit: Duration,
    max: usize,
) -> Result<Vec<u8>, RunError> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => RunError::Missing,
            _ => RunError::Io(e),
        })?;
    let (stdin, stdout, stderr) = (child.stdin.take(), child.stdout.take(), child.stderr.take());
    std::thread::scope(|s| {
        s.spawn(move || {
            // A program that stops reading early (a file it refuses) closes the pipe: not
            // our error, its status says what happened.
            if let Some(mut stdin) = stdin {
                let _ = stdin.write_all(input);
            }
        });
        let out = s.spawn(move || bounded(stdout, max.saturating_add(1)));
        let said = s.spawn(move || bounded(stderr, 2048));
        let deadline = Instant::now() + limit;
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Ok(status),
                Ok(None) if Instant::now() >= deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break Err(RunError::Timeout(limit));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break Err(RunError::Io(e));
                }
            }
        };
        let out = out.join().unwrap_or_default();
        let said = said.join().unwrap_or_default();
        let status = status?;
        if out.len() > max {
            return Err(RunError::TooLong(max));
        }
        if !status.success() {
            let said = String::from_utf8_lossy(&said);
            let first = said.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            return Err(RunError::Failed(
                status.to_string(),
                first.trim().to_owned(),
            ));
        }
        Ok(out)
    })
}

/// Reads a pipe to its end or to `max` bytes, whichever comes first, then closes it.
fn bounded(pipe: Option<impl Read>, max: usize) -> Vec<u8> {
    let mut out = Vec::new();
    if let Some(pipe) = pipe {
        let _ = pipe.take(max as u64).read_to_end(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_breaks_become_blank_lines() {
        let t = text_of("表1\n\u{c}表2\n\u{c}".as_bytes(), "p.pdf").unwrap();
        assert_eq!(t, "表1\n\n表2\n\n");
    }

    #[test]
    fn a_pdf_with_pages_but_no_text_is_refused_as_a_scan() {
        let e = text_of(b"\n\x0c\n  \x0c", "scan.pdf").unwrap_err();
        assert!(
            e.message
                .starts_with("文字情報のない PDF（スキャン画像）です（2 ページ"),
            "{e}"
        );
        assert!(e.message.contains("no text layer"));
        assert!(e.to_string().starts_with("scan.pdf:1: "));
        assert!(text_of(b"", "scan.pdf").is_err());
    }

    #[test]
    fn bytes_that_are_no_pdf_are_refused_before_any_program_runs() {
        let e = read(b"<html>", "x.pdf").unwrap_err();
        assert!(e.message.contains("PDF ではありません"), "{e}");
    }

    #[test]
    fn a_missing_program_is_named_with_its_package() {
        let e = run("shinchoku-no-such-program", &[], b"", TIME_LIMIT, 10).unwrap_err();
        assert!(matches!(e, RunError::Missing), "{e:?}");
        let e = refusal("p.pdf", e);
        assert!(
            e.message.contains("poppler-utils の pdftotext が必要です"),
            "{e}"
        );
        assert!(e.message.contains("apt-get install poppler-utils"));
    }

    #[test]
    fn a_program_past_its_time_limit_is_stopped() {
        let e = run("sleep", &["30"], b"", Duration::from_millis(100), 10).unwrap_err();
        assert!(matches!(e, RunError::Timeout(_)), "{e:?}");
        assert!(refusal("p.pdf", e)
            .message
            .contains("秒で読み終えませんでした"));
    }

    #[test]
    fn output_past_the_bound_is_refused_without_waiting_for_the_rest() {
        let e = run("yes", &[], b"", TIME_LIMIT, 1000).unwrap_err();
        assert!(matches!(e, RunError::TooLong(1000)), "{e:?}");
    }

    #[test]
    fn a_failing_program_reports_its_status_and_first_words() {
        let e = run(
            "sh",
            &["-c", "echo 'Syntax Error: broken' >&2; exit 1"],
            b"x",
            TIME_LIMIT,
            10,
        )
        .unwrap_err();
        let e = refusal("p.pdf", e);
        assert!(e.message.contains("Syntax Error: broken"), "{e}");
        // Input the program never reads does not block it.
        let big = vec![b'x'; 1 << 20];
        assert_eq!(run("true", &[], &big, TIME_LIMIT, 10).unwrap(), b"");
        assert_eq!(run("cat", &[], b"abc", TIME_LIMIT, 10).unwrap(), b"abc");
    }
}

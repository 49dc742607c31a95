//! A PDF's text layer, read by poppler: `pdftotext -layout` for its text, and for its ruled
//! tables the words' boxes (`pdftotext -bbox-layout`, [`words`]) placed in the cells the
//! table's lines draw (`pdftocairo -svg`, [`rules`], [`lattice`]). Each runs as a subprocess.
//!
//! Chosen by measurement (BENCHMARKS.md, "Reading PDFs"): on PDFs printed from plan tables,
//! `pdftotext -layout` recovers the Japanese exactly and keeps each row's cells on one line in
//! column order, aligned by spaces, which the text front end ([`super::super::text`]) reads
//! as columns; the Rust readers tried did not keep the layout. But spaces lose what a ruled
//! table says plainly: a header of two rows prints as one line of interleaved words, a cell
//! spanning rows lands between them, a name wrapped in its cell around its row's values. So a
//! page whose lines draw a table is read by geometry: the table becomes rows of cells with
//! their spans, as the same table in HTML or Word reads ([`Split::Table`], `2 ページの表 1`),
//! and the page's other text is laid out line by line at the columns its words stand at.
//! Pages without a ruled table, and any PDF whose drawing cannot be read, are read as
//! `pdftotext -layout` prints them. `pdftotext` and `pdftocairo` come with Debian's
//! `poppler-utils`.
//!
//! What is ours, and fuzzed: the subprocesses are given the bytes on standard input and read
//! back within a time limit ([`TIME_LIMIT`]) and a bound on their output ([`MAX_OUTPUT`],
//! [`MAX_DRAWING`]); a missing `pdftotext`, a PDF it cannot read and a PDF with no text (a
//! scan) are refused with a message that says what to do; the reading of the words, the
//! drawing and the tables ([`compose`]) takes any bytes. Page breaks become blank lines. Line
//! numbers in warnings count the lines of the document as read: for a PDF without ruled
//! tables those of `pdftotext -layout FILE.pdf - | tr '\f' '\n'`; a table row is one line.

pub mod lattice;
pub mod rules;
pub mod words;

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{blank_line, refuse, Read as Input, Rows};
use crate::extract::text::{Doc, Part, Split};
use crate::extract::ExtractError;

/// The program that reads a PDF's text layer.
pub const PROGRAM: &str = "pdftotext";

/// How long `pdftotext` may take (a PDF of a thousand pages reads in a few seconds).
pub const TIME_LIMIT: Duration = Duration::from_secs(60);

/// The most text read from `pdftotext` (64 MiB; a plan of a thousand pages prints a few).
pub const MAX_OUTPUT: usize = 64 << 20;

/// The most drawing read from `pdftocairo -svg` (256 MiB: the glyphs of each page are drawn
/// too). A PDF that draws more is read without its ruled tables.
pub const MAX_DRAWING: usize = 256 << 20;

/// The program that draws a PDF's pages, for the lines of its tables.
pub const DRAWER: &str = "pdftocairo";

/// Reads a PDF: its ruled tables as rows of cells and the rest as text ([`compose`]), or,
/// when no page draws a table, its text as `pdftotext -layout` prints it.
pub fn read(bytes: &[u8], file: &str) -> Result<Input, ExtractError> {
    if !crate::encoding::is_pdf(bytes.get(..1024).unwrap_or(bytes)) {
        return Err(refuse(
            file,
            "PDF ではありません（先頭が %PDF- ではありません）。ファイルを確かめてください".into(),
            "this is not a PDF (it does not start with %PDF-); check the file".into(),
        ));
    }
    // The drawing takes longest (it draws the glyphs too): drawn beside the two text runs.
    let (layout, boxes, drawing) = std::thread::scope(|s| {
        let drawing = s.spawn(|| run(DRAWER, &["-svg", "-", "-"], bytes, TIME_LIMIT, MAX_DRAWING));
        let layout = run(
            PROGRAM,
            &["-layout", "-enc", "UTF-8", "-", "-"],
            bytes,
            TIME_LIMIT,
            MAX_OUTPUT,
        );
        let boxes = match layout {
            Ok(_) => run(
                PROGRAM,
                &["-bbox-layout", "-enc", "UTF-8", "-", "-"],
                bytes,
                TIME_LIMIT,
                MAX_OUTPUT.saturating_mul(4),
            )
            .ok(),
            Err(_) => None,
        };
        (layout, boxes, drawing.join().ok().and_then(Result::ok))
    });
    let layout = layout.map_err(|e| refusal(file, e))?;
    let text = text_of(&layout, file)?;
    let encoding = "PDF".to_owned();
    if let (Some(boxes), Some(drawing)) = (boxes, drawing) {
        let rules = rules::pages(&drawing);
        drop(drawing);
        let words = words::pages(&boxes);
        if let Some(doc) = compose(file, &String::from_utf8_lossy(&layout), &words, &rules) {
            return Ok(Input::Doc { doc, encoding });
        }
    }
    Ok(Input::Text { text, encoding })
}

/// A document from what poppler printed of a PDF: `layout`, the text of `pdftotext -layout`
/// (pages ended by form feeds); `pages`, the words of each page with their boxes; `rules`,
/// each page's ruled lines. A page with a ruled table ([`lattice::tables`]) becomes its text
/// lines laid out from its words and its tables as rows ([`Split::Table`]), in the order they
/// stand on the page; every other page is its `-layout` text. `None` when no page has a table,
/// or the three disagree on the number of pages.
pub fn compose(
    file: &str,
    layout: &str,
    pages: &[words::Page],
    rules: &[Vec<rules::Rule>],
) -> Option<Doc> {
    let texts: Vec<&str> = layout.split('\u{c}').collect();
    let n = pages.len();
    // pdftotext ends every page with a form feed: one piece more than pages.
    if n == 0 || rules.len() != n || texts.len() < n {
        return None;
    }
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut found = false;
    // The table whose rows are being gathered (its page and number on it), and the rows.
    let mut rows: Rows = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    // The blank line a page break leaves, held back while a table may run on.
    let mut page_break = String::new();
    for (p, (page, page_rules)) in pages.iter().zip(rules).enumerate() {
        let mut tables = lattice::tables(page_rules, &page.words);
        tables.retain(|t| !is_header_band(t, &page.words));
        if tables.is_empty() {
            end_table(&mut parts, &mut rows, &mut open);
            text.push_str(&page_break);
            page_break.clear();
            text.push_str(texts[p]);
            text.push('\n');
            continue;
        }
        found = true;
        let mut used = vec![false; page.words.len()];
        for t in &tables {
            for &i in &t.words {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
            }
        }
        let free: Vec<&words::Word> = page
            .words
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(w, _)| w)
            .collect();
        let columns = columns(&page.words);
        // The page's text lines and table rows, in reading order: a table's rows together
        // at its place ([`lattice::Table::place`]), each line at its middle.
        let mut items: Vec<(f64, Item)> = lattice::lines(&free)
            .into_iter()
            .map(|line| {
                let y = line.first().map_or(0.0, |w| w.cy());
                (y, Item::Line(lattice::line_text(&line, Some(columns))))
            })
            .collect();
        for (k, t) in tables.iter().enumerate() {
            let at = t.place(&tables);
            items.extend(
                t.rows
                    .iter()
                    .enumerate()
                    .map(|(r, cells)| (at, Item::Row(k, r, cells.clone()))),
            );
        }
        items.sort_by(|a, b| a.0.total_cmp(&b.0));
        // A table the page before ended with goes on here when the page opens with rows of
        // as many cells (a table printed over two pages whose header is not repeated).
        let first_row = items.first().and_then(|(_, i)| match i {
            Item::Row(k, _, cells) => Some((*k, cells.len())),
            Item::Line(_) => None,
        });
        match (first_row, open.take(), rows.last().map(|r| r.0.len())) {
            (Some((k, n)), Some(_), Some(m)) if n == m => open = Some((p, k)),
            (_, before, _) => {
                open = before;
                end_table(&mut parts, &mut rows, &mut open);
                text.push_str(&page_break);
            }
        }
        page_break.clear();
        for (_, item) in items {
            match item {
                Item::Line(line) => {
                    end_table(&mut parts, &mut rows, &mut open);
                    text.push_str(&line);
                    text.push('\n');
                }
                Item::Row(k, r, cells) => {
                    let k = (p, k);
                    if open != Some(k) {
                        end_table(&mut parts, &mut rows, &mut open);
                        // Text ending in a line break ends in a blank line: what separates
                        // it from the table.
                        if !text.is_empty() {
                            if !text.ends_with('\n') {
                                text.push('\n');
                            }
                            parts.push(Part::Text(std::mem::take(&mut text)));
                        }
                        open = Some(k);
                    }
                    let table = format!("{} ページの表 {}", p + 1, k.1 + 1);
                    rows.push((cells, Split::Table { table, row: r + 1 }));
                }
            }
        }
        // The page break: a blank line, unless a table runs on to the next page.
        page_break.push('\n');
        if open.is_none() {
            text.push_str(&page_break);
            page_break.clear();
        }
    }
    end_table(&mut parts, &mut rows, &mut open);
    if !found {
        return None;
    }
    if !text.is_empty() {
        parts.push(Part::Text(text));
    }
    Some(Doc::from_parts(file, parts))
}

/// True when a ruled table is only a header's band — at most two rows, no figure in its
/// cells — whose rows go on below it without rules: figures right under it, inside its width
/// (a shaded `<th>` row over borderless `<td>` rows). Read as a table of its own it would part
/// the header from its rows; read with the page's text, header and rows are one table laid
/// out by spaces.
fn is_header_band(t: &lattice::Table, words: &[words::Word]) -> bool {
    let figure = |s: &str| {
        let s = s.trim();
        s.starts_with(|c: char| c.is_ascii_digit())
            && s.chars().filter(char::is_ascii_digit).count() * 2 >= s.chars().count()
    };
    if t.rows.len() > 2 || t.rows.iter().flatten().any(|c| figure(c)) {
        return false;
    }
    let mut heights: Vec<f64> = t
        .words
        .iter()
        .filter_map(|&i| words.get(i))
        .map(words::Word::height)
        .collect();
    heights.sort_by(f64::total_cmp);
    let Some(&h) = heights.get(heights.len() / 2) else {
        return false;
    };
    // The first line under the band, within three lines of it, inside its width.
    let below: Vec<&words::Word> = words
        .iter()
        .filter(|w| w.y0 >= t.bottom - 1.0 && w.y0 < t.bottom + 3.0 * h)
        .filter(|w| w.x0 >= t.left - 1.0 && w.x1 <= t.right + 1.0)
        .collect();
    let Some(top) = below.iter().map(|w| w.cy()).min_by(f64::total_cmp) else {
        return false;
    };
    below
        .iter()
        .filter(|w| (w.cy() - top).abs() < h / 2.0 && figure(&w.text))
        .count()
        >= 2
}

/// A line of a page's text, or a row of one of its tables (which, which row, its cells).
enum Item {
    Line(String),
    Row(usize, usize, Vec<String>),
}

/// Ends the table whose rows are being gathered, if one is: its rows become a part,
/// followed by a blank line.
fn end_table(parts: &mut Vec<Part>, rows: &mut Rows, open: &mut Option<(usize, usize)>) {
    if open.take().is_some() && !rows.is_empty() {
        let mut done = std::mem::take(rows);
        blank_line(&mut done);
        parts.push(Part::Rows(done));
    }
}

/// Where a page's text starts across, and half the width of a Japanese character on it (the
/// median over its words): the grid [`lattice::line_text`] places words on.
fn columns(words: &[words::Word]) -> (f64, f64) {
    let left = words.iter().map(|w| w.x0).fold(f64::INFINITY, f64::min);
    let mut ems: Vec<f64> = words.iter().filter_map(words::Word::em).collect();
    ems.sort_by(f64::total_cmp);
    let em = ems.get(ems.len() / 2).copied().unwrap_or(10.0);
    (if left.is_finite() { left } else { 0.0 }, em / 2.0)
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

    /// A word one line high (10 points) at `x0..x1`, its top at `y0`.
    fn w(x0: f64, y0: f64, x1: f64, text: &str) -> words::Word {
        words::Word {
            x0,
            y0,
            x1,
            y1: y0 + 10.0,
            text: text.to_owned(),
        }
    }

    /// Page 1: a heading and a ruled table of two rows (指標 | 値, 甲 | 3) drawn by lines;
    /// page 2: text only.
    fn two_pages() -> (String, Vec<words::Page>, Vec<Vec<rules::Rule>>) {
        let layout = "第１章 指標\n指標    値\n甲      3\n\u{c}※ 注記\n\u{c}".to_owned();
        let pages = vec![
            words::Page {
                words: vec![
                    w(5.0, -20.0, 35.0, "第１章"),
                    w(40.0, -20.0, 60.0, "指標"),
                    w(5.0, 5.0, 25.0, "指標"),
                    w(55.0, 5.0, 65.0, "値"),
                    w(5.0, 25.0, 15.0, "甲"),
                    w(55.0, 25.0, 60.0, "3"),
                ],
            },
            words::Page {
                words: vec![w(5.0, 5.0, 35.0, "※注記")],
            },
        ];
        let h = |at: f64| rules::Rule {
            horizontal: true,
            at,
            from: 0.0,
            to: 100.0,
        };
        let v = |at: f64| rules::Rule {
            horizontal: false,
            at,
            from: 0.0,
            to: 40.0,
        };
        let rules = vec![
            vec![h(0.0), h(20.0), h(40.0), v(0.0), v(50.0), v(100.0)],
            vec![],
        ];
        (layout, pages, rules)
    }

    #[test]
    fn a_ruled_header_over_unruled_rows_of_figures_is_no_table_of_its_own() {
        let band = |rows: Vec<Vec<&str>>| lattice::Table {
            top: 0.0,
            bottom: 20.0,
            left: 0.0,
            right: 100.0,
            row_tops: vec![0.0],
            rows: rows
                .into_iter()
                .map(|r| r.into_iter().map(str::to_owned).collect())
                .collect(),
            words: vec![0, 1, 2],
        };
        let header = vec![
            w(5.0, 5.0, 25.0, "指標名"),
            w(55.0, 5.0, 75.0, "現状値"),
            w(80.0, 5.0, 95.0, "目標値"),
        ];
        let mut figures = header.clone();
        figures.extend([
            w(5.0, 25.0, 35.0, "待機児童数"),
            w(55.0, 25.0, 65.0, "23"),
            w(80.0, 25.0, 85.0, "0"),
        ]);
        let header_row = vec![vec!["指標名", "現状値", "目標値"]];
        assert!(is_header_band(&band(header_row.clone()), &figures));
        // Words under it, not figures: a heading's box over text, a table of its own.
        let mut prose = header.clone();
        prose.push(w(5.0, 25.0, 95.0, "本文が続く"));
        assert!(!is_header_band(&band(header_row.clone()), &prose));
        // A table with figures of its own stays a table, whatever follows it.
        let with_row = vec![vec!["指標名", "現状値", "目標値"], vec!["甲", "3", "5"]];
        assert!(!is_header_band(&band(with_row), &figures));
        // Figures far below (a later table) leave the band a table.
        let mut far = header;
        far.extend([w(55.0, 80.0, 65.0, "23"), w(80.0, 80.0, 85.0, "0")]);
        assert!(!is_header_band(&band(header_row), &far));
    }

    #[test]
    fn a_page_with_a_ruled_table_reads_its_rows_as_cells_and_other_pages_as_their_text() {
        let (layout, pages, rules) = two_pages();
        let doc = compose("p.pdf", &layout, &pages, &rules).unwrap();
        let lines: Vec<(usize, Vec<&str>)> = doc
            .lines
            .iter()
            .map(|l| (l.no, l.cells.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            lines,
            vec![
                (1, vec!["第1章 指標"]),
                (2, vec![""]),
                (3, vec!["指標", "値"]),
                (4, vec!["甲", "3"]),
                (5, vec![""]),
                (6, vec![""]),
                (7, vec!["※ 注記"]),
                (8, vec![""]),
                (9, vec![""]),
            ]
        );
        assert_eq!(
            doc.lines[3].split,
            Split::Table {
                table: "1 ページの表 1".into(),
                row: 2
            }
        );
        // No ruled table anywhere, or pages that do not agree: the text is read instead.
        assert!(compose("p.pdf", &layout, &pages, &[vec![], vec![]]).is_none());
        assert!(compose("p.pdf", &layout, &pages[..1], &rules[..1]).is_some());
        assert!(compose("p.pdf", &layout, &pages, &rules[..1]).is_none());
        assert!(compose("p.pdf", "", &[], &[]).is_none());
    }

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

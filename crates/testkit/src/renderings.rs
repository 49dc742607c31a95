//! The same text with its tables in other renderings than tabs: what a table looks like once
//! it is copied from a web page (` | ` cells) or printed by `pdftotext -layout` (columns
//! aligned by runs of spaces). The extractor's front end must read each as the tab form, so
//! tests compare the extractions and benchmarks time each rendering of one document.

/// The display width of text as a fixed-width terminal or `pdftotext -layout` counts it: one
/// column for ASCII, two for everything else (the Japanese of a plan is full width). Close
/// enough to align made-up tables; the extractor itself counts with `unicode-width`.
fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Every line with a tab, its cells separated by ` | ` instead.
pub fn as_pipes(text: &str) -> String {
    text.split('\n')
        .map(|l| {
            if l.contains('\t') {
                l.split('\t').collect::<Vec<_>>().join(" | ")
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every block of consecutive lines with tabs laid out in columns aligned by runs of spaces:
/// each column as wide as its widest cell, then two spaces.
pub fn as_spaces(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].contains('\t') {
            out.push(lines[i].to_owned());
            i += 1;
            continue;
        }
        let end = (i..lines.len())
            .find(|&j| !lines[j].contains('\t'))
            .unwrap_or(lines.len());
        let rows: Vec<Vec<&str>> = lines[i..end]
            .iter()
            .map(|l| l.split('\t').collect())
            .collect();
        let mut widths: Vec<usize> = Vec::new();
        for r in &rows {
            for (k, c) in r.iter().enumerate() {
                if widths.len() <= k {
                    widths.push(0);
                }
                widths[k] = widths[k].max(width(c));
            }
        }
        for r in &rows {
            let mut line = String::new();
            for (k, c) in r.iter().enumerate() {
                line.push_str(c);
                if k + 1 < r.len() {
                    line.push_str(&" ".repeat(widths[k] - width(c) + 2));
                }
            }
            out.push(line.trim_end().to_owned());
        }
        i = end;
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_cells_become_pipes_or_aligned_columns() {
        let t = "表\n指標名\t単位\n件数\t件\n";
        assert_eq!(as_pipes(t), "表\n指標名 | 単位\n件数 | 件\n");
        assert_eq!(as_spaces(t), "表\n指標名  単位\n件数    件\n");
    }
}

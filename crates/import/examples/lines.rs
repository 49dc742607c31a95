//! Prints how a document is read into lines and cells, one line per row with its cells
//! separated by ` | ` and the evidence of the cut: what to look at first when a table does
//! not extract as expected.
//!
//! ```sh
//! cargo run -p shinchoku-import --example lines -- 計画.pdf
//! ```

use shinchoku_import::extract::input::{self, Read};
use shinchoku_import::extract::text::Doc;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: lines FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let doc = match input::read(&bytes, &path) {
        Ok(Read::Text { text, .. }) => Doc::new(&path, &text),
        Ok(Read::Doc { doc, .. }) => doc,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    for l in &doc.lines {
        let how = l.split.describe();
        let how = if how.is_empty() {
            String::new()
        } else {
            format!("   〔{how}〕")
        };
        println!("{:>5}: {}{how}", l.no, l.cells.join(" | "));
    }
}

//! Prints what a document extracts to, as the extraction JSON (indicators, progress entries
//! and the rest): what to compare with a fixture's key.
//!
//! ```sh
//! cargo run -p shinchoku-import --example extract -- 計画.txt
//! ```

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: extract FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    match shinchoku_import::extract::extract(&bytes, &path) {
        Ok(ex) => match serde_json::to_string_pretty(&ex) {
            Ok(s) => println!("{s}"),
            Err(e) => eprintln!("{e}"),
        },
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}

//! Ingest the Factbook archive's folder into a library and time it (issue 12's benchmark
//! uses this; `bench/editions/run.sh` runs it beside SQLite FTS5).
//!
//!     target/release/examples/ingest_editions DIR LIBRARY
//!
//! Prints the report as JSON with `seconds`.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(lib)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: ingest_editions DIR LIBRARY");
        std::process::exit(2);
    };
    let t = std::time::Instant::now();
    let mut library = match library::Library::open(std::path::Path::new(lib)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("ingest_editions: {e}");
            std::process::exit(1);
        }
    };
    match library.ingest_editions(std::path::Path::new(dir)) {
        Ok(report) => {
            let mut v = serde_json::to_value(&report).unwrap_or_default();
            v["seconds"] = serde_json::json!(t.elapsed().as_secs_f64());
            println!("{v}");
        }
        Err(e) => {
            eprintln!("ingest_editions: {e}");
            std::process::exit(1);
        }
    }
}

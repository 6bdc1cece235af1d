//! Code the events of stdin without a library: `cargo run -p events --example code -- events
//! --json --date 2000-01-01 < text`. The same JSON as `areabook events --json` (the fields the
//! evaluation reads), for working on the coder without building the whole binary:
//! `python3 eval/events/score.py --bin target/release/examples/code`.

use std::io::Read;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let date = args
        .iter()
        .position(|a| a == "--date")
        .and_then(|i| args.get(i + 1))
        .and_then(|d| timex::Date::parse(d));
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("code: stdin: {e}");
        std::process::exit(1);
    }
    let coder = match events::Coder::embedded() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("code: {e}");
            std::process::exit(1);
        }
    };
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let config = events::Config {
        data_as_of: date,
        country: None,
    };
    let rows: Vec<serde_json::Value> = events::code_paragraphs(&coder, &refs, &config)
        .into_iter()
        .map(|c| {
            let e = c.event;
            serde_json::json!({
                "source": e.source.name, "source_text": e.source.text,
                "source_code": (!e.source.code.is_empty()).then_some(&e.source.code),
                "target": e.target.as_ref().map(|t| &t.name),
                "target_code": e.target.as_ref().map(|t| &t.code),
                "type": e.kind, "mode": e.mode, "start": c.start, "end": c.end,
                "trigger": e.trigger, "negated": e.negated, "rule": e.rule,
                "sentence": &refs[c.paragraph][c.sentence.clone()],
            })
        })
        .collect();
    println!("{}", serde_json::json!({ "events": rows }));
}

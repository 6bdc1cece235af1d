//! Reads text (a file or stdin) and prints its temporal expressions as a JSON array.
//!
//! `cargo run --release -p timex --example tag -- [--dct YYYY-MM-DD] [--news] [FILE]`
//! With `--throughput SECONDS FILE...` it instead tags the files repeatedly for about that many
//! seconds on one thread and prints `words seconds words_per_second`.

use std::io::Read;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dct = None;
    let mut news = false;
    let mut file = None;
    let mut throughput: Option<f64> = None;
    let mut files = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dct" => dct = args.next().and_then(|d| timex::Date::parse(&d)),
            "--news" => news = true,
            "--throughput" => throughput = args.next().and_then(|s| s.parse().ok()),
            _ if throughput.is_some() => files.push(a),
            _ => file = Some(a),
        }
    }
    let config = if news { timex::Config::news(dct) } else { timex::Config::narrative(dct) };
    if let Some(seconds) = throughput {
        let texts: Vec<String> = files.iter().map(|f| std::fs::read_to_string(f).expect("read input")).collect();
        let words_per_pass: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
        let start = Instant::now();
        let (mut words, mut tags) = (0usize, 0usize);
        while start.elapsed().as_secs_f64() < seconds {
            for t in &texts {
                tags += timex::tag(t, &config).len();
            }
            words += words_per_pass;
        }
        let elapsed = start.elapsed().as_secs_f64();
        println!("{words} {elapsed:.4} {:.0} {tags}", words as f64 / elapsed);
        return;
    }
    let mut text = String::new();
    match file {
        Some(f) => text = std::fs::read_to_string(f).expect("read input"),
        None => {
            std::io::stdin().read_to_string(&mut text).expect("read stdin");
        }
    }
    let tags = timex::tag(&text, &config);
    println!("{}", serde_json::to_string(&tags).expect("serialize"));
}

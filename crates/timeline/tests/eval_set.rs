//! The evaluation set as a regression test: entries read from our annotated paragraphs
//! (`eval/timeline/`) must keep matching the gold (strict: words, start, end, modifier).
//! The numbers for the note come from `cargo run --release -p timeline --example eval`.

#[path = "../../../eval/timeline/format.rs"]
mod format;

#[test]
fn entries_match_the_annotated_paragraphs() {
    let src = include_str!("../../../eval/timeline/paragraphs.txt");
    let paragraphs = format::parse(src).expect("the evaluation set parses");
    assert!(
        paragraphs.len() >= 20,
        "the set has {} paragraphs",
        paragraphs.len()
    );
    let names = timeline::Names::new([]);
    let (mut tp, mut sys, mut gold) = (0usize, 0usize, 0usize);
    for p in &paragraphs {
        let config = timeline::Config {
            data_as_of: timex::Date::parse(&p.data_as_of),
            names: &names,
        };
        let mut found: Vec<(String, String, String, String)> =
            timeline::extract(&[p.text.as_str()], &config)
                .iter()
                .map(|e| {
                    let m = e
                        .modifier
                        .map(|m| format!("{m:?}").to_ascii_uppercase())
                        .unwrap_or_default();
                    (
                        p.text[e.expression.clone()].to_owned(),
                        e.interval.start.to_string(),
                        e.interval.end.to_string(),
                        m,
                    )
                })
                .collect();
        sys += found.len();
        gold += p.gold_entries.len();
        for g in &p.gold_entries {
            let key = (
                g.expression.replace("\\n", "\n"),
                g.start.clone(),
                g.end.clone(),
                g.modifier.to_ascii_uppercase(),
            );
            if let Some(i) = found.iter().position(|f| *f == key) {
                found.swap_remove(i);
                tp += 1;
            }
        }
    }
    let (p, r) = (
        tp as f64 / sys.max(1) as f64,
        tp as f64 / gold.max(1) as f64,
    );
    assert!(
        p >= 0.95 && r >= 0.95,
        "entries: precision {p:.3}, recall {r:.3} ({tp} of {sys} system, {gold} gold)"
    );
}

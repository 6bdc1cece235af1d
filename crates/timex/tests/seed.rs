//! The canonical Country Studies page (Soviet Union, relations with Japan, data as of May 1989)
//! must come out right. Reads `../shared/data/seed/000_49231554a86fdc85.txt`.

#[test]
fn seed_page_soviet_japanese_relations() {
    let Some(path) = testshared::require("data/seed/000_49231554a86fdc85.txt") else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("read seed page");
    let config = timex::Config::narrative(timex::Date::parse("1989-05"));
    let tags = timex::tag(&text, &config);
    let got: Vec<(&str, &str, Option<timex::Mod>)> = tags.iter().map(|t| (t.text.as_str(), t.value.as_str(), t.modifier)).collect();
    use timex::Mod::{End, Mid};
    let expected: &[(&str, &str, Option<timex::Mod>)] = &[
        ("1904", "1904", None),
        ("05", "1905", None),
        ("1918", "1918", None),
        ("21", "1921", None),
        ("1922", "1922", None),
        ("the waning days of World War II", "1945", Some(End)),
        ("1941", "1941", None),
        ("August 1945", "1945-08", None),
        ("January 1986", "1986-01", None),
        ("December 1988", "1988-12", None),
        ("mid-1986", "1986", Some(Mid)),
        ("1989", "1989", None),
    ];
    for e in expected {
        assert!(got.contains(e), "missing {e:?} in {got:?}");
    }
    // Offsets are character offsets that slice the input to the tag's text.
    let chars: Vec<char> = text.chars().collect();
    for t in &tags {
        assert_eq!(chars[t.start..t.end].iter().collect::<String>(), t.text);
    }
    // "As of 1989" states its own date: the year, not the section's data-as-of date (May 1989).
    let as_of = tags.iter().find(|t| t.text == "1989").expect("As of 1989");
    assert!(text[..].contains("As of 1989") && as_of.value == "1989");
}

//! Unit tests of the rule families, on sentences written for these tests.

use crate::{tag, Config, Date};

fn check(text: &str, expected: &[(&str, &str)]) {
    let config = Config::narrative(Date::parse("1989-05"));
    let got: Vec<(String, String)> = tag(text, &config).into_iter().map(|t| (t.text, t.value)).collect();
    let want: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(got, want, "in {text:?}");
}

#[test]
fn years_and_months() {
    check("Troops landed in August 1945 and left in 1946.", &[("August 1945", "1945-08"), ("1946", "1946")]);
}

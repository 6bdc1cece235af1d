//! End-to-end tests of `extract` on text written for them.

use crate::{Config, Names, extract};

fn names() -> Names {
    Names::new([
        (1, "Soviet Union"),
        (1, "Soviet"),
        (2, "Japan"),
        (2, "Japanese"),
        (3, "China"),
        (3, "Chinese"),
    ])
}

/// `(expression, start, end, granularity, mod)` of every entry.
fn read(paragraphs: &[&str], as_of: &str) -> Vec<(String, String, String, &'static str, String)> {
    let names = names();
    let config = Config {
        data_as_of: timex::Date::parse(as_of),
        names: &names,
    };
    extract(paragraphs, &config)
        .into_iter()
        .map(|e| {
            let p = paragraphs[e.paragraph];
            (
                p[e.expression.clone()].to_string(),
                e.interval.start.to_string(),
                e.interval.end.to_string(),
                e.interval.granularity.as_str(),
                e.modifier.map(|m| format!("{m:?}")).unwrap_or_default(),
            )
        })
        .collect()
}

fn row(
    e: &str,
    s: &str,
    t: &str,
    g: &'static str,
    m: &str,
) -> (String, String, String, &'static str, String) {
    (e.into(), s.into(), t.into(), g, m.into())
}

#[test]
fn ranges_are_one_entry() {
    let got = read(
        &[
            "The treaty of 1904-05 held. Between 1960 and 1965 the army grew; from 1975 to 1979 it shrank \
           (1980\u{2013}84). Trade rose from June 1918 to April 1920.",
        ],
        "1990-01",
    );
    assert_eq!(
        got,
        vec![
            row("1904-05", "1904", "1905", "year", ""),
            row("Between 1960 and 1965", "1960", "1965", "year", ""),
            row("from 1975 to 1979", "1975", "1979", "year", ""),
            row("1980\u{2013}84", "1980", "1984", "year", ""),
            row(
                "from June 1918 to April 1920",
                "1918-06",
                "1920-04",
                "month",
                ""
            ),
        ]
    );
}

#[test]
fn present_takes_the_data_as_of_and_durations_stay_out() {
    let got = read(
        &[
            "The program ran for 66 years under a four-year plan. Currently the Chinese hold the islands.",
        ],
        "1987-07",
    );
    assert_eq!(
        got,
        vec![row("Currently", "1987-07", "1987-07", "month", "")]
    );
}

#[test]
fn decades_centuries_and_modifiers() {
    let got = read(
        &["In the 1920s and in mid-1986, as in the nineteenth century, Japan traded."],
        "1989-05",
    );
    assert_eq!(
        got,
        vec![
            row("the 1920s", "1920", "1929", "decade", ""),
            row("mid-1986", "1986", "1986", "year", "Mid"),
            row("the nineteenth century", "1800", "1899", "century", ""),
        ]
    );
}

#[test]
fn sentences_carry_the_states_they_name_or_inherit() {
    let names = names();
    let config = Config {
        data_as_of: timex::Date::parse("1989-05"),
        names: &names,
    };
    let paras = [
        "In 1972 no state was named here.",
        "The Soviet envoy reached Tokyo in 1986. In 1987 talks stalled. China protested in 1988.",
    ];
    let e = extract(&paras, &config);
    let summary: Vec<(usize, Vec<u32>, bool)> = e
        .iter()
        .map(|e| (e.paragraph, e.countries.clone(), e.from_context))
        .collect();
    assert_eq!(
        summary,
        vec![
            (0, vec![], false),
            (1, vec![1], false),
            (1, vec![1], true),
            (1, vec![3], false)
        ]
    );
    assert_eq!(&paras[1][e[2].sentence.clone()], "In 1987 talks stalled.");
}

#[test]
fn non_ascii_text_keeps_byte_ranges_right() {
    let got = read(
        &["Côte d’Ivoire’s élite met in August 1945 — then again in 1950–51."],
        "1990",
    );
    assert_eq!(
        got,
        vec![
            row("August 1945", "1945-08", "1945-08", "month", ""),
            row("1950–51", "1950", "1951", "year", "")
        ]
    );
}

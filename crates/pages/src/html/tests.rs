//! Tests of the HTML-to-text converter: pages, fragments, entities and linear work.

use super::*;

#[test]
fn entities() {
    assert_eq!(
        decode_entities("C&ocirc;te d&#39;Ivoire &amp; &#x4E;&#233; &bogus; a&b"),
        "Côte d'Ivoire & Né &bogus; a&b"
    );
    assert_eq!(
        decode_entities("Inde&shy;pendence &mdash; x&nbsp;y"),
        "Independence — x y"
    );
}

#[test]
fn the_full_html5_table_and_the_whatwg_rules() {
    // Names no hand-written list had, including one that stands for two code points.
    assert_eq!(
        decode_entities("&CounterClockwiseContourIntegral; &hearts; &NotNestedGreaterGreater;"),
        "\u{2233} \u{2665} \u{2AA2}\u{338}"
    );
    // Windows-1252 numbers, invalid code points, and the legacy names that need no `;`.
    assert_eq!(
        decode_entities("&#150;&#x97; &#0; &#1114112; &#xD800; &copy 1994 &ampx"),
        "\u{2013}\u{2014} \u{FFFD} \u{FFFD} \u{FFFD} \u{A9} 1994 &x"
    );
    // Unknown or malformed references stay as written.
    assert_eq!(
        decode_entities("AT&T R&D &foo &foo; &#; &#x; &#xZZ; & &;"),
        "AT&T R&D &foo &foo; &#; &#x; &#xZZ; & &;"
    );
}

#[test]
fn drops_chrome_keeps_title_and_headings() {
    let h = "<html><head><title>Ruritania - The River Trade</title><style>p{}</style></head>\
             <body><nav><a>Home</a></nav><script>var x = '<p>';</script>\
             <h2>The River Trade</h2><p>First   line\nstill first.</p><p>Second&nbsp;one.</p>\
             <footer>Copyright</footer></body></html>";
    let t = html_to_text(h);
    assert_eq!(t.title.as_deref(), Some("Ruritania - The River Trade"));
    assert_eq!(t.headings, vec!["The River Trade".to_string()]);
    assert_eq!(
        t.text,
        "The River Trade\n\nFirst line still first.\n\nSecond one."
    );
}

#[test]
fn fragments_keep_chrome_elements_as_content_but_not_scripts() {
    let h = "<header>Kept</header><script>dropped()</script><p>Body</p><footer>Also kept</footer>";
    assert_eq!(fragment_paragraphs(h), ["Kept", "Body", "Also kept"]);
    assert_eq!(html_to_text(h).text, "Body");
}

#[test]
fn broken_markup_does_not_panic() {
    for h in [
        "<",
        "<p",
        "<!-- x",
        "a < b > c",
        "<script>never closed",
        "&#99999999;",
        "&#x;",
        "&#99999999999999999999999999999;",
    ] {
        let _ = html_to_text(h);
        let _ = fragment_paragraphs(h);
    }
    assert_eq!(html_to_text("a < b").text, "a < b");
}

#[test]
fn breaks_and_paragraphs_split_fragments() {
    assert_eq!(
        fragment_paragraphs(
            "<p>One  <strong>bold</strong>\n line.</p><p>Two<br>Three<br/><br />Four</p>"
        ),
        ["One bold line.", "Two", "Three", "Four"]
    );
}

#[test]
fn fragment_entities_are_decoded_after_tags_are_stripped() {
    assert_eq!(
        fragment_paragraphs("C&ocirc;te d&rsquo;Ivoire"),
        ["Côte d\u{2019}Ivoire"]
    );
    assert_eq!(
        fragment_paragraphs("a &lt;b&gt; c &amp; d"),
        ["a <b> c & d"]
    );
    assert_eq!(
        fragment_paragraphs("x&nbsp;&nbsp;y &#233; &#xE9; &Scaron;"),
        ["x y é é Š"]
    );
    assert_eq!(
        fragment_paragraphs("AT&T &bogus; &#xZZ; &"),
        ["AT&T &bogus; &#xZZ; &"]
    );
}

#[test]
fn stray_angle_brackets_and_comments() {
    assert_eq!(fragment_paragraphs("1 < 2 and 3 > 2"), ["1 < 2 and 3 > 2"]);
    assert_eq!(
        fragment_paragraphs("other <1% (2020 est.)"),
        ["other <1% (2020 est.)"]
    );
    assert_eq!(fragment_paragraphs("a<!-- hidden <p> -->b"), ["ab"]);
    assert_eq!(fragment_paragraphs("unclosed <b"), ["unclosed <b"]);
    assert!(fragment_paragraphs("<p> </p><br>").is_empty());
}

/// Input that once made a scanner search to the end of the text from every `<` or `&`.
fn adversarial(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len())
}

/// 1 MB of each unit converts correctly, and the scan examines at most a few bytes per input
/// byte. (The old Factbook scanner examined some 10^11 bytes for 1 MB of `<`.)
#[test]
fn adversarial_input_takes_linear_work() {
    const SIZE: usize = 1 << 20;
    // (repeated unit, what the page text is)
    let cases: &[(&str, Option<&str>)] = &[
        ("<", None),
        ("&", None),
        ("&&<<", None),
        ("<a", None),
        ("</", None),
        ("<!", None),
        ("&#", None),
        ("&#x", None),
        ("&amp", Some("&")),
        ("&nbsp;x", Some(" x")),
        ("&abcdefghijklmnopqrstuvwxyzabcdefghijklmnop", None),
        ("<!--", Some("")),
        ("<p>&", Some("&")),
    ];
    for &(unit, decoded_unit) in cases {
        let input = adversarial(unit, SIZE);
        for options in [Options::PAGE, Options::FRAGMENT] {
            let (out, work) = convert_counting(&input, options);
            assert!(
                work <= 4 * input.len(),
                "{unit:?}: {work} bytes examined for {} of input",
                input.len()
            );
            let expected = match decoded_unit {
                None => input.clone(),
                Some("") => String::new(),
                Some(d) => d.repeat(input.len() / unit.len()),
            };
            let expected = match unit {
                "<p>&" => vec!["&"; input.len() / unit.len()].join("\n\n"),
                _ => collapse(&expected),
            };
            assert!(out.text == expected, "{unit:?}: wrong text");
        }
    }
}

/// Doubling the input at most doubles the work (plus a little), for a mix of everything.
#[test]
fn work_grows_linearly_with_mixed_input() {
    let unit = "<p>a &amp; b</p><<&&<!-- c --><b>d</b>&#233;&bogus;<br>";
    let work = |n: usize| convert_counting(&unit.repeat(n), Options::PAGE).1;
    let (small, large) = (work(10_000), work(20_000));
    assert!(large <= 2 * small + unit.len(), "{small} then {large}");
    assert!(small <= 4 * 10_000 * unit.len(), "{small}");
}

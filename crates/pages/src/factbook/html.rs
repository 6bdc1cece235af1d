//! HTML fragments of the Factbook JSON to plain-text paragraphs.
//!
//! The Factbook's values use a handful of tags (`p`, `br`, `b`, `strong`, `em`, `small`) and
//! named or numeric character references. Block tags and `<br>` end a paragraph; every other tag
//! is dropped without adding a space; `<!-- comments -->` are removed; entities are decoded after
//! the tags are gone (so `&lt;b&gt;` stays text); whitespace, including no-break spaces, collapses.

/// Convert one HTML fragment to its non-empty plain-text paragraphs.
pub(crate) fn to_paragraphs(fragment: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut rest = fragment;
    while let Some(lt) = rest.find('<') {
        current.push_str(&rest[..lt]);
        let after = &rest[lt + 1..];
        if let Some(comment) = after.strip_prefix("!--") {
            rest = match comment.find("-->") {
                Some(end) => &comment[end + 3..],
                None => "",
            };
            continue;
        }
        let is_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let Some(gt) = after.find('>').filter(|_| is_tag) else {
            current.push('<');
            rest = after;
            continue;
        };
        let name: String = after[..gt]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if is_block(&name) {
            flush(&mut current, &mut paragraphs);
        }
        rest = &after[gt + 1..];
    }
    current.push_str(rest);
    flush(&mut current, &mut paragraphs);
    paragraphs
}

/// Tags that separate paragraphs.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "br" | "p"
            | "div"
            | "li"
            | "ul"
            | "ol"
            | "tr"
            | "table"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "hr"
    )
}

/// Decode and tidy `raw` and, when anything is left, push it as a paragraph.
fn flush(raw: &mut String, paragraphs: &mut Vec<String>) {
    let decoded = decode_entities(raw);
    raw.clear();
    let text = collapse_whitespace(&decoded);
    if !text.is_empty() {
        paragraphs.push(text);
    }
}

/// Collapse runs of whitespace (including U+00A0) into one space and trim.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Decode `&name;`, `&#123;` and `&#x1F;` references; unknown or malformed ones stay as written.
pub(crate) fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&end| end > 0 && end <= 32);
        let decoded = end.and_then(|end| decode_reference(&after[..end]));
        match (end, decoded) {
            (Some(end), Some(ch)) => {
                out.push(ch);
                rest = &after[end + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference (without `&` and `;`) stands for.
fn decode_reference(reference: &str) -> Option<char> {
    if let Some(number) = reference.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    let code = match reference {
        "amp" => 0x26,
        "lt" => 0x3c,
        "gt" => 0x3e,
        "quot" => 0x22,
        "apos" => 0x27,
        "nbsp" => 0xa0,
        "ndash" => 0x2013,
        "mdash" => 0x2014,
        "lsquo" => 0x2018,
        "rsquo" => 0x2019,
        "sbquo" => 0x201a,
        "ldquo" => 0x201c,
        "rdquo" => 0x201d,
        "bdquo" => 0x201e,
        "hellip" => 0x2026,
        "bull" => 0x2022,
        "prime" => 0x2032,
        "Prime" => 0x2033,
        "euro" => 0x20ac,
        "trade" => 0x2122,
        "minus" => 0x2212,
        "OElig" => 0x152,
        "oelig" => 0x153,
        "Scaron" => 0x160,
        "scaron" => 0x161,
        "Yuml" => 0x178,
        "Zcaron" => 0x17d,
        "zcaron" => 0x17e,
        "fnof" => 0x192,
        "circ" => 0x2c6,
        "tilde" => 0x2dc,
        "ensp" => 0x2002,
        "emsp" => 0x2003,
        "thinsp" => 0x2009,
        "zwnj" => 0x200c,
        "zwj" => 0x200d,
        "lrm" => 0x200e,
        "rlm" => 0x200f,
        "dagger" => 0x2020,
        "Dagger" => 0x2021,
        "permil" => 0x2030,
        "lsaquo" => 0x2039,
        "rsaquo" => 0x203a,
        _ => 0xa0 + LATIN1.iter().position(|&name| name == reference)? as u32,
    };
    char::from_u32(code)
}

/// HTML 4 names of U+00A0 ..= U+00FF, in code-point order.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_and_paragraphs_split_text() {
        assert_eq!(
            to_paragraphs(
                "<p>One  <strong>bold</strong>\n line.</p><p>Two<br>Three<br/><br />Four</p>"
            ),
            ["One bold line.", "Two", "Three", "Four"]
        );
    }

    #[test]
    fn entities_are_decoded_after_tags_are_stripped() {
        assert_eq!(
            to_paragraphs("C&ocirc;te d&rsquo;Ivoire"),
            ["Côte d\u{2019}Ivoire"]
        );
        assert_eq!(to_paragraphs("a &lt;b&gt; c &amp; d"), ["a <b> c & d"]);
        assert_eq!(
            to_paragraphs("x&nbsp;&nbsp;y &#233; &#xE9; &Scaron;"),
            ["x y é é Š"]
        );
        assert_eq!(
            to_paragraphs("AT&T &bogus; &#xZZ; &"),
            ["AT&T &bogus; &#xZZ; &"]
        );
    }

    #[test]
    fn stray_angle_brackets_and_comments() {
        assert_eq!(to_paragraphs("1 < 2 and 3 > 2"), ["1 < 2 and 3 > 2"]);
        assert_eq!(to_paragraphs("a<!-- hidden <p> -->b"), ["ab"]);
        assert_eq!(to_paragraphs("unclosed <b"), ["unclosed <b"]);
        assert!(to_paragraphs("<p> </p><br>").is_empty());
    }
}

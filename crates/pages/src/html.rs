//! A small, linear HTML-to-text converter, enough for mirror pages.
//!
//! Drops `script`, `style`, `nav`, `header`, `footer`, `noscript`, `head` (keeping `<title>`),
//! turns block elements into line breaks (paragraph-like ones into blank lines), records h1–h3
//! text as headings (and leaves it in the text as its own block, so the layout rules see what a
//! crawler would have seen), and decodes entities. One pass over the bytes, no backtracking.

/// Text extracted from an HTML page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlText {
    /// The body as text: lines, with blank lines between paragraph-level blocks.
    pub text: String,
    /// The `<title>` text, whitespace-collapsed.
    pub title: Option<String>,
    /// The text of each h1–h3 element, in order.
    pub headings: Vec<String>,
}

/// Whether bytes look like HTML rather than extracted text.
pub fn looks_like_html(text: &str, path: Option<&str>) -> bool {
    let head: String = text
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    let marked = [
        "<!doctype",
        "<html",
        "<body",
        "<head",
        "<p>",
        "<p ",
        "<div",
        "<title",
        "<br",
    ]
    .iter()
    .any(|m| head.contains(m));
    let html_path = path.is_some_and(|p| {
        let p = p.to_ascii_lowercase();
        p.ends_with(".html") || p.ends_with(".htm")
    });
    marked || (html_path && head.contains('<') && head.contains('>'))
}

const SKIP: &[&str] = &[
    "script", "style", "nav", "header", "footer", "noscript", "head", "select", "iframe",
];
const PARA: &[&str] = &[
    "p",
    "div",
    "table",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "section",
    "article",
    "h4",
    "h5",
    "h6",
    "hr",
    "dl",
    "center",
    "form",
    "main",
    "aside",
];
const LINE: &[&str] = &["br", "li", "tr", "dd", "dt", "option"];
const HEADING: &[&str] = &["h1", "h2", "h3"];

/// Convert HTML to text (see the module docs).
pub fn html_to_text(html: &str) -> HtmlText {
    let mut out = HtmlText::default();
    let mut text = String::with_capacity(html.len() / 2);
    // Stack of skipped elements we are inside (only their names).
    let mut skip_depth: Vec<String> = Vec::new();
    let mut in_title = false;
    let mut title = String::new();
    let mut heading: Option<String> = None;
    let mut in_pre = false;
    let mut no_more_gt = false;
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            // Comments.
            if html[i..].starts_with("<!--") {
                i = match html[i + 4..].find("-->") {
                    Some(e) => i + 4 + e + 3,
                    None => bytes.len(),
                };
                continue;
            }
            let next = bytes.get(i + 1).copied().unwrap_or(b' ');
            let tag_like = next.is_ascii_alphabetic() || next == b'/' || next == b'!';
            let found = if tag_like && !no_more_gt {
                html[i..].find('>')
            } else {
                None
            };
            if tag_like && found.is_none() {
                no_more_gt = true;
            }
            let end = match found {
                Some(e) => i + e,
                None => {
                    // A lone `<`: treat as text.
                    push_text(
                        &mut text,
                        &mut title,
                        &mut heading,
                        in_title,
                        &skip_depth,
                        "<",
                        in_pre,
                    );
                    i += 1;
                    continue;
                }
            };
            let tag = &html[i + 1..end];
            i = end + 1;
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
                .collect::<String>()
                .to_ascii_lowercase();
            if name.is_empty() || name.starts_with('!') {
                continue;
            }
            let self_closing = tag.ends_with('/');
            if !skip_depth.is_empty() {
                if name == "title" {
                    in_title = !closing;
                } else if closing && skip_depth.last() == Some(&name) {
                    skip_depth.pop();
                } else if !closing && !self_closing && SKIP.contains(&name.as_str()) {
                    skip_depth.push(name);
                }
                continue;
            }
            if name == "title" {
                in_title = !closing;
                continue;
            }
            if SKIP.contains(&name.as_str()) {
                if !closing && !self_closing {
                    skip_depth.push(name);
                }
                continue;
            }
            if HEADING.contains(&name.as_str()) {
                if closing {
                    if let Some(h) = heading.take() {
                        let h = collapse(&h);
                        if !h.is_empty() {
                            out.headings.push(h);
                        }
                    }
                    text.push_str("\n\n");
                } else {
                    heading = Some(String::new());
                    text.push_str("\n\n");
                }
                continue;
            }
            if name == "pre" {
                in_pre = !closing;
            }
            if PARA.contains(&name.as_str()) {
                text.push_str("\n\n");
            } else if LINE.contains(&name.as_str()) {
                text.push('\n');
            } else if name == "td" || name == "th" {
                text.push(' ');
            }
            continue;
        }
        // Text run up to the next tag.
        let end = html[i..].find('<').map_or(bytes.len(), |e| i + e);
        let raw = &html[i..end];
        i = end;
        if !skip_depth.is_empty() && !in_title {
            continue;
        }
        let decoded = decode_entities(raw);
        push_text(
            &mut text,
            &mut title,
            &mut heading,
            in_title,
            &skip_depth,
            &decoded,
            in_pre,
        );
    }
    out.title = Some(collapse(&title)).filter(|t| !t.is_empty());
    out.text = tidy_lines(&text);
    out
}

fn push_text(
    text: &mut String,
    title: &mut String,
    heading: &mut Option<String>,
    in_title: bool,
    skip_depth: &[String],
    s: &str,
    in_pre: bool,
) {
    if in_title {
        title.push_str(s);
        return;
    }
    if let Some(h) = heading.as_mut() {
        h.push_str(s);
    }
    if skip_depth.is_empty() {
        if in_pre {
            text.push_str(s);
        } else {
            // Source newlines inside a block are just spaces in HTML.
            for c in s.chars() {
                text.push(if c == '\n' || c == '\r' || c == '\t' {
                    ' '
                } else {
                    c
                });
            }
        }
    }
}

/// Collapse runs of whitespace (incl. no-break space) to one space and trim.
fn collapse(s: &str) -> String {
    s.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Trim each line, collapse spaces inside lines, and keep at most one blank line in a row.
fn tidy_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let line = collapse(line);
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(&line);
    }
    out
}

/// Decode HTML entities: numeric (`&#233;`, `&#xE9;`) and the common named ones. Unknown
/// entities are kept as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after
            .char_indices()
            .take(10)
            .find(|&(_, c)| c == ';')
            .map(|(k, _)| k);
        let decoded = semi.and_then(|k| decode_one(&after[..k]).map(|c| (c, k)));
        match decoded {
            Some((c, k)) => {
                if let Some(c) = c {
                    out.push(c);
                }
                rest = &after[k + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// One entity body (between `&` and `;`). `Some(None)` means "decodes to nothing" (`&shy;`).
fn decode_one(name: &str) -> Option<Option<char>> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        // Windows-1252 numeric references, common on old pages.
        let code = match code {
            0x91 => 0x2018,
            0x92 => 0x2019,
            0x93 => 0x201C,
            0x94 => 0x201D,
            0x96 => 0x2013,
            0x97 => 0x2014,
            c => c,
        };
        return Some(Some(char::from_u32(code).unwrap_or('\u{FFFD}')));
    }
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "shy" => return Some(None),
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "middot" => '·',
        "bull" => '•',
        "deg" => '°',
        "copy" => '©',
        "reg" => '®',
        "times" => '×',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sect" => '§',
        "para" => '¶',
        "aacute" => 'á',
        "agrave" => 'à',
        "acirc" => 'â',
        "auml" => 'ä',
        "atilde" => 'ã',
        "aring" => 'å',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "iacute" => 'í',
        "igrave" => 'ì',
        "icirc" => 'î',
        "iuml" => 'ï',
        "oacute" => 'ó',
        "ograve" => 'ò',
        "ocirc" => 'ô',
        "ouml" => 'ö',
        "otilde" => 'õ',
        "oslash" => 'ø',
        "uacute" => 'ú',
        "ugrave" => 'ù',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "ccedil" => 'ç',
        "ntilde" => 'ñ',
        "szlig" => 'ß',
        "Eacute" => 'É',
        "Aacute" => 'Á',
        "Oacute" => 'Ó',
        "Uuml" => 'Ü',
        "Ouml" => 'Ö',
        "Auml" => 'Ä',
        "Ccedil" => 'Ç',
        "Ntilde" => 'Ñ',
        _ => return None,
    };
    Some(Some(c))
}

#[cfg(test)]
mod tests {
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
    fn broken_markup_does_not_panic() {
        for h in [
            "<",
            "<p",
            "<!-- x",
            "a < b > c",
            "<script>never closed",
            "&#99999999;",
            "&#x;",
        ] {
            let _ = html_to_text(h);
        }
        assert_eq!(html_to_text("a < b").text, "a < b");
    }
}

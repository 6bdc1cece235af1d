//! The one HTML-to-text converter, for mirror pages and World Factbook values alike.
//!
//! One forward pass over the bytes, no backtracking: every search for a tag's `>` or a
//! comment's `-->` starts where the scan is and, when it fails, is never repeated (the rest of
//! the input has no such character, so every later `<` is text). Work is therefore linear in the
//! input, whatever it holds (`<<<<…`, `&&&&…`, an unclosed `<!--`).
//!
//! - `script`, `style` and `noscript` are dropped with their content; with
//!   [`Options::drop_chrome`] (mirror pages) so are `nav`, `header`, `footer`, `head`, `select`
//!   and `iframe`.
//! - `<title>` text goes to [`HtmlText::title`], never into the text.
//! - Paragraph-level elements (`p`, `div`, `table`, `ul`, h4–h6, …) become blank lines; `br`,
//!   `li`, `tr`, `dd`, `dt` and `option` line breaks; table cells a space; any other tag is
//!   dropped without a space (`<b>`, `<em>`). h1–h3 text is kept as its own block and also
//!   recorded in [`HtmlText::headings`].
//! - Comments are removed; a `<` that does not open a tag (`1 < 2`, `<3%`, a `<b` never closed)
//!   is text.
//! - Character references are decoded in each text run by the `htmlize` crate, which follows
//!   the WHATWG rules with the full HTML5 named-entity table: numeric references (with the
//!   Windows-1252 fix-ups for `&#150;` and the like, U+FFFD for invalid code points), the legacy
//!   names that need no `;` (`&amp`, `&copy`), and unknown ones (`AT&T`, `&bogus;`) left as
//!   written. Decoding happens after tags are gone, so `&lt;b&gt;` stays text. Soft hyphens
//!   (`&shy;`) are dropped.
//! - Whitespace (including no-break spaces) collapses to one space within a line, lines are
//!   trimmed and at most one blank line is kept in a row; inside `<pre>` source line breaks are
//!   kept.

use std::borrow::Cow;

/// Text extracted from HTML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlText {
    /// The body as text: lines, with blank lines between paragraph-level blocks.
    pub text: String,
    /// The `<title>` text, whitespace-collapsed.
    pub title: Option<String>,
    /// The text of each h1–h3 element, in order.
    pub headings: Vec<String>,
}

impl HtmlText {
    /// The non-blank lines of [`HtmlText::text`]: every block and every line break ends a
    /// paragraph. This is how Factbook values become paragraphs.
    pub fn paragraphs(&self) -> Vec<String> {
        self.text
            .lines()
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

/// What differs between the converter's two uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Drop page chrome with everything inside it: `nav`, `header`, `footer`, `head` (its
    /// `<title>` is still read), `select` and `iframe`. Set for whole mirror pages; a Factbook
    /// value is content throughout.
    pub drop_chrome: bool,
}

impl Options {
    /// For whole mirror pages: chrome is dropped.
    pub const PAGE: Options = Options { drop_chrome: true };
    /// For HTML fragments such as Factbook values: everything but scripts and styles is content.
    pub const FRAGMENT: Options = Options { drop_chrome: false };
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

/// Elements dropped with their content in every mode.
const ALWAYS_SKIP: &[&str] = &["script", "style", "noscript"];
/// Elements dropped with their content when [`Options::drop_chrome`] is set.
const CHROME: &[&str] = &["nav", "header", "footer", "head", "select", "iframe"];
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

/// Convert a whole mirror page (chrome dropped): `convert(html, Options::PAGE)`.
pub fn html_to_text(html: &str) -> HtmlText {
    convert(html, Options::PAGE)
}

/// Convert an HTML fragment (a Factbook value) to its non-empty plain-text paragraphs.
///
/// ```
/// let html = "<p>Founded in the 12th&nbsp;century.</p><p>AT&T<br>1 < 2</p>";
/// assert_eq!(
///     pages::html::fragment_paragraphs(html),
///     ["Founded in the 12th century.", "AT&T", "1 < 2"]
/// );
/// ```
pub fn fragment_paragraphs(html: &str) -> Vec<String> {
    convert(html, Options::FRAGMENT).paragraphs()
}

/// Convert HTML to text (see the module docs).
pub fn convert(html: &str, options: Options) -> HtmlText {
    convert_counting(html, options).0
}

/// [`convert`], plus the number of input bytes the scan examined (each search's span, each
/// decoded run), which the tests hold to a small multiple of the input's length.
pub(crate) fn convert_counting(html: &str, options: Options) -> (HtmlText, usize) {
    let mut c = Converter {
        options,
        text: String::with_capacity(html.len() / 2),
        title: String::new(),
        headings: Vec::new(),
        heading: None,
        skip: Vec::new(),
        in_title: false,
        in_pre: false,
        work: 0,
    };
    c.run(html);
    let out = HtmlText {
        text: tidy_lines(&c.text),
        title: Some(collapse(&c.title)).filter(|t| !t.is_empty()),
        headings: c.headings,
    };
    (out, c.work)
}

/// The converter's state during its one pass.
struct Converter {
    options: Options,
    /// The text so far, before [`tidy_lines`].
    text: String,
    /// The `<title>` text so far.
    title: String,
    /// Finished h1–h3 texts.
    headings: Vec<String>,
    /// The h1–h3 element being read, if any.
    heading: Option<String>,
    /// The skipped elements we are inside, innermost last.
    skip: Vec<&'static str>,
    in_title: bool,
    in_pre: bool,
    /// Bytes examined so far (see [`convert_counting`]).
    work: usize,
}

impl Converter {
    /// Position of `needle` in `hay[from..]` (absolute), counting the bytes examined.
    fn find(&mut self, hay: &str, from: usize, needle: &str) -> Option<usize> {
        let found = hay[from..].find(needle).map(|at| from + at);
        self.work += found.map_or(hay.len(), |at| at + needle.len()) - from;
        found
    }

    fn run(&mut self, html: &str) {
        let bytes = html.as_bytes();
        // Set once a search for `>` has failed: no later `<` can open a tag either.
        let mut no_more_gt = false;
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != b'<' {
                // A text run up to the next `<`.
                let end = self.find(html, i, "<").unwrap_or(bytes.len());
                self.text_run(&html[i..end]);
                i = end;
                continue;
            }
            if html[i..].starts_with("<!--") {
                i = match self.find(html, i + 4, "-->") {
                    Some(end) => end + 3,
                    None => bytes.len(),
                };
                continue;
            }
            let next = bytes.get(i + 1).copied().unwrap_or(b' ');
            let tag_like = next.is_ascii_alphabetic() || next == b'/' || next == b'!';
            let end = match tag_like && !no_more_gt {
                true => self.find(html, i + 1, ">"),
                false => None,
            };
            let Some(end) = end else {
                no_more_gt |= tag_like;
                self.push_text("<");
                i += 1;
                continue;
            };
            self.tag(&html[i + 1..end]);
            i = end + 1;
        }
    }

    /// Handle one tag, given what is between `<` and `>`.
    fn tag(&mut self, tag: &str) {
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || name.starts_with('!') {
            return;
        }
        let self_closing = tag.ends_with('/');
        let skipped = ALWAYS_SKIP
            .iter()
            .chain(if self.options.drop_chrome {
                CHROME
            } else {
                &[]
            })
            .find(|s| **s == name)
            .copied();
        if name == "title" {
            self.in_title = !closing;
            return;
        }
        if !self.skip.is_empty() {
            if closing && self.skip.last().is_some_and(|s| *s == name) {
                self.skip.pop();
            } else if let Some(s) = skipped.filter(|_| !closing && !self_closing) {
                self.skip.push(s);
            }
            return;
        }
        if let Some(s) = skipped {
            if !closing && !self_closing {
                self.skip.push(s);
            }
            return;
        }
        if HEADING.contains(&name.as_str()) {
            if closing {
                if let Some(h) = self.heading.take() {
                    let h = collapse(&h);
                    if !h.is_empty() {
                        self.headings.push(h);
                    }
                }
            } else {
                self.heading = Some(String::new());
            }
            self.text.push_str("\n\n");
            return;
        }
        if name == "pre" {
            self.in_pre = !closing;
        }
        if PARA.contains(&name.as_str()) {
            self.text.push_str("\n\n");
        } else if LINE.contains(&name.as_str()) {
            self.text.push('\n');
        } else if name == "td" || name == "th" {
            self.text.push(' ');
        }
    }

    /// A run of text between tags: decoded, unless it is inside a skipped element.
    fn text_run(&mut self, raw: &str) {
        if !self.skip.is_empty() && !self.in_title {
            return;
        }
        self.work += raw.len();
        let decoded = decode_entities(raw);
        self.push_text(&decoded);
    }

    fn push_text(&mut self, s: &str) {
        if self.in_title {
            self.title.push_str(s);
            return;
        }
        if let Some(h) = self.heading.as_mut() {
            h.push_str(s);
        }
        if !self.skip.is_empty() {
            return;
        }
        if self.in_pre {
            self.text.push_str(s);
            return;
        }
        // Source line breaks inside a block are just spaces in HTML.
        self.text.extend(s.chars().map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c => c,
        }));
    }
}

/// Collapse runs of whitespace (incl. no-break space) to one space and trim.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
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

/// Decode character references as HTML text does (see the module docs): the full HTML5 table
/// and numeric references via `htmlize`; unknown ones stay as written; soft hyphens are dropped
/// and no-break spaces become plain spaces. Linear in the input.
///
/// ```
/// assert_eq!(
///     pages::html::decode_entities("C&ocirc;te d&#39;Ivoire &amp; AT&T &bogus; &CounterClockwiseContourIntegral;"),
///     "Côte d'Ivoire & AT&T &bogus; \u{2233}"
/// );
/// ```
pub fn decode_entities(s: &str) -> String {
    let decoded: Cow<'_, str> = htmlize::unescape(s);
    if !decoded.contains(['\u{ad}', '\u{a0}']) {
        return decoded.into_owned();
    }
    decoded
        .chars()
        .filter(|&c| c != '\u{ad}')
        .map(|c| if c == '\u{a0}' { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests;

//! The search query language, read by hand: one linear pass, bounded, and forgiving.
//!
//! What a user can type:
//! - words: all must match (`Kuril islands`);
//! - `"exact phrases"` (an unclosed quote runs to the end);
//! - `-excluded` words or phrases;
//! - `a OR b`: either (binds tighter than the implicit AND: `a OR b c` is `(a OR b) AND c`);
//! - `( … )` groups, at most [`MAX_DEPTH`] deep;
//! - `title:word`, `title:"a phrase"`, `body:word`: one field only.
//!
//! Everything else is text. A `word:` that is not a field name is two words (so a pasted
//! Factbook line such as `total: 123,201,945` searches for what it says); brackets, braces,
//! carets, stars and stray parentheses are punctuation, which the index's tokenizer drops.
//! The only errors are queries that ask for nothing (empty, only exclusions), an explicit
//! field with nothing after it (`title:`), and queries beyond the bounds below, which are
//! refused at once instead of being allowed to pin a core.

use std::fmt;

/// Longest query accepted, in bytes.
pub const MAX_QUERY_LEN: usize = 1000;
/// Most words and phrases in one query.
pub const MAX_TERMS: usize = 64;
/// Deepest nesting of parentheses.
pub const MAX_DEPTH: usize = 8;

/// A field a query may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldName {
    /// The section title.
    Title,
    /// The section text.
    Body,
}

/// One leaf: a word or a phrase, optionally limited to one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    /// The text as typed (the tokenizer splits it into terms later).
    pub text: String,
    /// Quoted: its words must be adjacent, in order.
    pub phrase: bool,
    /// Only this field (`None`: title and body).
    pub field: Option<FieldName>,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A word or phrase.
    Leaf(Leaf),
    /// All of these must match, none of `not` may.
    And {
        /// Required parts.
        all: Vec<Node>,
        /// Excluded parts.
        not: Vec<Node>,
    },
    /// Any of these.
    Or(Vec<Node>),
}

/// Why a query was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// Nothing to search for.
    Empty,
    /// Only `-excluded` parts.
    OnlyExclusions,
    /// Longer than [`MAX_QUERY_LEN`].
    TooLong(usize),
    /// More than [`MAX_TERMS`] words and phrases.
    TooManyTerms,
    /// Parentheses deeper than [`MAX_DEPTH`].
    TooDeep,
    /// `title:` with nothing after it.
    EmptyField(&'static str),
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::Empty => write!(f, "empty query"),
            QueryError::OnlyExclusions => {
                write!(f, "the query only excludes words; add a word to search for")
            }
            QueryError::TooLong(n) => write!(f, "{n} bytes is longer than {MAX_QUERY_LEN}"),
            QueryError::TooManyTerms => write!(f, "more than {MAX_TERMS} words or phrases"),
            QueryError::TooDeep => write!(f, "parentheses nested more than {MAX_DEPTH} deep"),
            QueryError::EmptyField(name) => {
                write!(f, "{name}: needs a word or \"phrase\" after it")
            }
        }
    }
}

/// Parse a query. Linear in its length; refuses what is over the bounds.
pub fn parse(text: &str) -> Result<Node, QueryError> {
    if text.len() > MAX_QUERY_LEN {
        return Err(QueryError::TooLong(text.len()));
    }
    let mut p = Parser {
        chars: text.chars().collect(),
        at: 0,
        terms: 0,
    };
    let node = p.group(0)?;
    match &node {
        Node::And { all, not } if all.is_empty() => Err(if not.is_empty() {
            QueryError::Empty
        } else {
            QueryError::OnlyExclusions
        }),
        _ => Ok(node),
    }
}

impl Node {
    /// Every leaf that adds to a match (not under an exclusion), in order.
    pub fn positive_leaves(&self) -> Vec<&Leaf> {
        let mut out = Vec::new();
        fn walk<'a>(n: &'a Node, out: &mut Vec<&'a Leaf>) {
            match n {
                Node::Leaf(l) => out.push(l),
                Node::And { all, .. } => all.iter().for_each(|c| walk(c, out)),
                Node::Or(any) => any.iter().for_each(|c| walk(c, out)),
            }
        }
        walk(self, &mut out);
        out
    }

    /// Whether the query is plain words only (no phrase, field, OR, group or exclusion).
    pub fn is_plain_words(&self) -> bool {
        match self {
            Node::Leaf(l) => !l.phrase && l.field.is_none(),
            Node::And { all, not } => {
                not.is_empty()
                    && all
                        .iter()
                        .all(|n| matches!(n, Node::Leaf(l) if !l.phrase && l.field.is_none()))
            }
            Node::Or(_) => false,
        }
    }
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    terms: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    /// Items until `)` (when nested) or the end; `OR` joins its neighbours.
    fn group(&mut self, depth: usize) -> Result<Node, QueryError> {
        let mut all: Vec<Node> = Vec::new();
        let mut not: Vec<Node> = Vec::new();
        let mut or_pending = false;
        loop {
            self.skip_space();
            let Some(c) = self.peek() else { break };
            if c == ')' {
                self.at += 1;
                if depth > 0 {
                    break;
                }
                continue; // a stray `)` is punctuation
            }
            if self.keyword("OR") {
                or_pending = !all.is_empty();
                continue;
            }
            if self.keyword("AND") {
                continue;
            }
            let negated = match c {
                '-' => {
                    self.at += 1;
                    true
                }
                '+' => {
                    self.at += 1;
                    false
                }
                _ => false,
            };
            let Some(item) = self.atom(depth)? else {
                continue;
            };
            if negated {
                not.push(item);
                or_pending = false;
            } else if or_pending {
                or_pending = false;
                match all.pop() {
                    Some(Node::Or(mut any)) => {
                        any.push(item);
                        all.push(Node::Or(any));
                    }
                    Some(prev) => all.push(Node::Or(vec![prev, item])),
                    None => all.push(item),
                }
            } else {
                all.push(item);
            }
        }
        if all.len() == 1 && not.is_empty() {
            return Ok(all.pop().unwrap_or(Node::And {
                all: vec![],
                not: vec![],
            }));
        }
        Ok(Node::And { all, not })
    }

    /// `OR`/`AND` as a whole word (followed by space or the end).
    fn keyword(&mut self, word: &str) -> bool {
        let n = word.chars().count();
        let matches = self.chars[self.at..]
            .iter()
            .take(n)
            .copied()
            .eq(word.chars())
            && self
                .chars
                .get(self.at + n)
                .is_none_or(|c| c.is_whitespace());
        if matches {
            self.at += n;
        }
        matches
    }

    fn count_term(&mut self) -> Result<(), QueryError> {
        self.terms += 1;
        if self.terms > MAX_TERMS {
            return Err(QueryError::TooManyTerms);
        }
        Ok(())
    }

    /// A group, phrase, field query or word; `None` for nothing (a lone `-`).
    fn atom(&mut self, depth: usize) -> Result<Option<Node>, QueryError> {
        match self.peek() {
            None => Ok(None),
            Some(c) if c.is_whitespace() => Ok(None),
            Some('(') => {
                if depth + 1 > MAX_DEPTH {
                    return Err(QueryError::TooDeep);
                }
                self.at += 1;
                let inner = self.group(depth + 1)?;
                Ok(match inner {
                    Node::And { all, not } if all.is_empty() && not.is_empty() => None,
                    n => Some(n),
                })
            }
            Some('"') => {
                self.count_term()?;
                Ok(Some(Node::Leaf(self.phrase(None))))
            }
            Some(_) => {
                let start = self.at;
                let word = self.word();
                if let Some((name, field)) = field_prefix(&word) {
                    self.at = start + name.chars().count() + 1;
                    self.skip_space();
                    return match self.peek() {
                        Some('"') => {
                            self.count_term()?;
                            Ok(Some(Node::Leaf(self.phrase(Some(field)))))
                        }
                        Some(c) if !c.is_whitespace() && c != '(' && c != ')' => {
                            self.count_term()?;
                            let text = self.word();
                            Ok(Some(Node::Leaf(Leaf {
                                text,
                                phrase: false,
                                field: Some(field),
                            })))
                        }
                        _ => Err(QueryError::EmptyField(name)),
                    };
                }
                self.count_term()?;
                Ok(Some(Node::Leaf(Leaf {
                    text: word,
                    phrase: false,
                    field: None,
                })))
            }
        }
    }

    /// A run up to whitespace, a quote or a parenthesis.
    fn word(&mut self) -> String {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| !c.is_whitespace() && c != '"' && c != '(' && c != ')')
        {
            self.at += 1;
        }
        self.chars[start..self.at].iter().collect()
    }

    /// `"…"`, the opening quote at the cursor; an unclosed quote runs to the end.
    fn phrase(&mut self, field: Option<FieldName>) -> Leaf {
        self.at += 1;
        let start = self.at;
        while self.peek().is_some_and(|c| c != '"') {
            self.at += 1;
        }
        let text: String = self.chars[start..self.at].iter().collect();
        if self.peek() == Some('"') {
            self.at += 1;
        }
        // A trailing `*` or `~N` (the syntax of other engines) is punctuation here.
        Leaf {
            text,
            phrase: true,
            field,
        }
    }
}

/// `title:` / `body:` at the start of a word (case-insensitive).
fn field_prefix(word: &str) -> Option<(&'static str, FieldName)> {
    let (name, _) = word.split_once(':')?;
    if name.eq_ignore_ascii_case("title") {
        Some(("title", FieldName::Title))
    } else if name.eq_ignore_ascii_case("body") {
        Some(("body", FieldName::Body))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(text: &str) -> Node {
        Node::Leaf(Leaf {
            text: text.into(),
            phrase: false,
            field: None,
        })
    }

    fn and(all: Vec<Node>) -> Node {
        Node::And { all, not: vec![] }
    }

    #[test]
    fn words_phrases_fields_exclusions_and_or() {
        assert_eq!(parse("Kuril").unwrap(), leaf("Kuril"));
        assert_eq!(parse("a b").unwrap(), and(vec![leaf("a"), leaf("b")]));
        assert_eq!(
            parse("title:\"Northern Territories\" -Australia").unwrap(),
            Node::And {
                all: vec![Node::Leaf(Leaf {
                    text: "Northern Territories".into(),
                    phrase: true,
                    field: Some(FieldName::Title)
                })],
                not: vec![leaf("Australia")],
            }
        );
        assert_eq!(
            parse("a OR b c").unwrap(),
            and(vec![Node::Or(vec![leaf("a"), leaf("b")]), leaf("c")])
        );
        assert_eq!(
            parse("(a OR b)").unwrap(),
            Node::Or(vec![leaf("a"), leaf("b")])
        );
    }

    #[test]
    fn pasted_text_is_text() {
        // A word before a colon that is not a field stays a word.
        assert_eq!(
            parse("total: 123,201,945").unwrap(),
            and(vec![leaf("total:"), leaf("123,201,945")])
        );
        assert_eq!(parse("[1945]").unwrap(), leaf("[1945]"));
        assert_eq!(
            parse("war: Japan)").unwrap(),
            and(vec![leaf("war:"), leaf("Japan")])
        );
        assert_eq!(
            parse("\"unclosed phrase").unwrap().positive_leaves()[0].text,
            "unclosed phrase"
        );
        assert!(parse("a^2 b* c~1 {x TO y}").is_ok());
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(parse(""), Err(QueryError::Empty));
        assert_eq!(parse("   ( ) "), Err(QueryError::Empty));
        assert_eq!(parse("-Japan"), Err(QueryError::OnlyExclusions));
        assert_eq!(parse("title:"), Err(QueryError::EmptyField("title")));
        assert_eq!(parse("title: )"), Err(QueryError::EmptyField("title")));
        assert_eq!(
            parse("title: Japan").unwrap(),
            Node::Leaf(Leaf {
                text: "Japan".into(),
                phrase: false,
                field: Some(FieldName::Title)
            })
        );
        let deep = format!("{}Japan{}", "(".repeat(200), ")".repeat(200));
        assert_eq!(parse(&deep), Err(QueryError::TooDeep));
        let many = "w ".repeat(MAX_TERMS + 1);
        assert_eq!(parse(&many), Err(QueryError::TooManyTerms));
        let long = "x".repeat(MAX_QUERY_LEN + 1);
        assert_eq!(parse(&long), Err(QueryError::TooLong(MAX_QUERY_LEN + 1)));
        assert!(parse(&format!("{}Japan", "(".repeat(MAX_DEPTH))).is_ok());
    }

    #[test]
    fn plain_words_are_recognized() {
        assert!(parse("Northern Territories").unwrap().is_plain_words());
        assert!(!parse("\"Northern Territories\"").unwrap().is_plain_words());
        assert!(!parse("a -b").unwrap().is_plain_words());
    }
}

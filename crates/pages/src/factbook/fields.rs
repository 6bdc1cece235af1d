//! One Factbook field's value → its readable paragraphs and its `(label, value)` subfields.
//!
//! A field's value is either its own text (`{"text": "<html>"}`) or subfields keyed by label
//! (`{"total ": {"text": …}, "male": …, "note": "<strong>note:</strong> …"}`). The paragraphs
//! fold the subfields in as `label: value`; [`field_fields`] keeps them apart.

use super::{Node, html};
use crate::types::Field;

/// A field's paragraphs: its own text, or its subfields folded in as `label: value`.
pub(super) fn field_paragraphs(title: &str, value: &Node) -> Vec<String> {
    let mut paragraphs = Vec::new();
    match value {
        Node::Text(text) => paragraphs.extend(html::fragment_paragraphs(text)),
        Node::Object(children) => {
            for (key, child) in children {
                let label = subfield_label(title, key.trim());
                match child {
                    Node::Text(text) => push_labelled(&mut paragraphs, label, text),
                    Node::Object(_) => match child.text() {
                        Some(text) => push_labelled(&mut paragraphs, label, text),
                        None => {
                            let nested = field_paragraphs(key.trim(), child);
                            let label = label.unwrap_or_default();
                            for paragraph in nested {
                                match label.is_empty() {
                                    true => paragraphs.push(paragraph),
                                    false => paragraphs.push(format!("{label} - {paragraph}")),
                                }
                            }
                        }
                    },
                    Node::Other => {}
                }
            }
        }
        Node::Other => {}
    }
    paragraphs
}

/// The label to show for subfield `key` of field `title`; `None` for the field's own text (key
/// `text`, or the field's name repeated, as in Languages → Languages).
fn subfield_label(title: &str, key: &str) -> Option<String> {
    if key == "text" || key.is_empty() || key == title {
        return None;
    }
    match key.strip_prefix(title).map(str::trim) {
        Some(rest) if !rest.is_empty() && rest.len() < key.len() => Some(rest.to_owned()),
        _ => Some(key.to_owned()),
    }
}

/// Push `html`'s paragraphs, the first prefixed with `label: ` unless it already starts with
/// the label (or the label's last `:`-part, or the word `note`).
fn push_labelled(paragraphs: &mut Vec<String>, label: Option<String>, html_text: &str) {
    let mut converted = html::fragment_paragraphs(html_text).into_iter();
    let Some(first) = converted.next() else {
        return;
    };
    let first = match label {
        None => first,
        Some(label) => {
            let last = label
                .rsplit(':')
                .next()
                .unwrap_or_default()
                .trim()
                .to_lowercase();
            let lower = first.to_lowercase();
            let says_it = (!last.is_empty() && lower.starts_with(&format!("{last}:")))
                || (label.starts_with("note") && lower.starts_with("note"));
            if says_it {
                first
            } else {
                format!("{label}: {first}")
            }
        }
    };
    paragraphs.push(first);
    paragraphs.extend(converted);
}

/// A field's subfields as [`Field`]s, in the Factbook's order; empty when the field is only
/// text (its section's title and paragraphs say it all).
///
/// The label is the wheel's key, trimmed (`total`, `border countries`, `improved: urban`,
/// `Real GDP growth rate 2024`), except that the field's own text (key `text`) is labelled with
/// the field's name. The value is the subfield's paragraphs joined by a blank line, without a
/// leading repeat of the label (`note: …` under `note`, `urban: 98.9%` under
/// `improved: urban`). Subfields with no text are left out; nested subfields (not seen in the
/// real wheel) are labelled `outer - inner`.
pub(super) fn field_fields(title: &str, value: &Node) -> Vec<Field> {
    let Node::Object(children) = value else {
        return Vec::new();
    };
    if value.text().is_some() {
        return Vec::new();
    }
    let mut fields = Vec::new();
    for (key, child) in children {
        let key = key.trim();
        let label = match key {
            "" | "text" => title,
            key => key,
        };
        match child {
            Node::Text(text) => push_field(&mut fields, label, text),
            Node::Object(_) => match child.text() {
                Some(text) => push_field(&mut fields, label, text),
                None => fields.extend(field_fields(label, child).into_iter().map(|inner| {
                    let label = match inner.label == label {
                        true => inner.label,
                        false => format!("{label} - {}", inner.label),
                    };
                    Field {
                        label,
                        value: inner.value,
                    }
                })),
            },
            Node::Other => {}
        }
    }
    fields
}

/// Push the subfield `label` with `html_text` converted, unless it has no text.
fn push_field(fields: &mut Vec<Field>, label: &str, html_text: &str) {
    let mut paragraphs = html::fragment_paragraphs(html_text);
    if let Some(first) = paragraphs.first_mut() {
        let said = label.rsplit(':').next().unwrap_or_default().trim();
        if let Some(rest) = strip_label(first, said) {
            *first = rest.to_owned();
        }
        if first.is_empty() {
            paragraphs.remove(0);
        }
    }
    if !paragraphs.is_empty() {
        fields.push(Field {
            label: label.to_owned(),
            value: paragraphs.join("\n\n"),
        });
    }
}

/// `text` without a leading `label:` (ASCII case-insensitive) and the spaces after it.
fn strip_label<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let head = text.get(..label.len())?;
    if label.is_empty() || !head.eq_ignore_ascii_case(label) {
        return None;
    }
    text[label.len()..].strip_prefix(':').map(str::trim_start)
}

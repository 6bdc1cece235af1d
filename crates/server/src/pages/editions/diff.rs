//! The redline between two editions (`/diff/{country}?from=&to=&field=`): every field of the
//! entity that changed, appeared or went between the two (or one field, changed or not),
//! word by word from the library's `EditionDiff`, words only in the older edition in `<del>`
//! and words new in the newer in `<ins>`, with a form to choose the editions and a field.
//! `from` defaults to the entity's first edition and `to` to its last.

use std::collections::BTreeSet;

use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};

use super::{editions_href, entry, history_href, library_problem, problem, span};
use crate::api::{
    EditionParams, FIRST_EDITION, LAST_EDITION, blocking, checked_name, diff_editions,
};
use crate::html::{Crumb, Head, count, encode, layout};
use crate::pages::search::sentence;
use crate::{AppError, AppState};

/// What the page shows.
struct DiffPage {
    entity: library::EditionEntity,
    diff: library::EditionDiff,
    /// The field asked for, by its canonical name.
    field: Option<String>,
    /// The fields of the two editions, for the form.
    fields: Vec<String>,
    /// Whether each edition has an entry for the entity.
    in_from: bool,
    in_to: bool,
}

enum Loaded {
    Redirect(String),
    Page(Box<DiffPage>),
}

fn load(
    lib: &library::Library,
    asked: &str,
    field: Option<&str>,
    from: Option<u16>,
    to: Option<u16>,
) -> library::Result<Loaded> {
    let entity = lib.edition_entity(asked)?;
    if entity.name != asked {
        return Ok(Loaded::Redirect(entity.name));
    }
    let (from, to) = diff_editions(&entity, from, to);
    // The field's canonical name (it may be in neither edition).
    let field = match field {
        Some(f) => Some(lib.field_history(&entity.name, f)?.field),
        None => None,
    };
    let diff = lib.edition_diff(&entity.name, field.as_deref(), from, to)?;
    let old = entry(lib, &entity.name, from)?;
    let new = entry(lib, &entity.name, to)?;
    let mut fields: BTreeSet<String> = old.keys().chain(new.keys()).cloned().collect();
    fields.extend(field.clone());
    Ok(Loaded::Page(Box::new(DiffPage {
        in_from: !old.is_empty(),
        in_to: !new.is_empty(),
        fields: fields.into_iter().collect(),
        field,
        entity,
        diff,
    })))
}

/// `GET /diff/{country}[?from=&to=&field=]`: the redline; another name of the entity
/// redirects to the page under its latest name.
pub(crate) async fn diff(
    State(state): State<AppState>,
    Path(country): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let checked = EditionParams::parse(raw.as_deref()).and_then(|p| {
        checked_name("country", &country)?;
        let (from, to) = p.editions()?;
        Ok((from, to, p.field()?.map(str::to_owned)))
    });
    let (from, to, field) = match checked {
        Ok(ok) => ok,
        Err(e) => return Ok(problem(e.status(), &sentence(e.message()), &[])),
    };
    let asked = country.clone();
    let f = field.clone();
    let page = match blocking(&state, move |lib| load(lib, &asked, f.as_deref(), from, to)).await? {
        Ok(Loaded::Page(page)) => page,
        Ok(Loaded::Redirect(name)) => {
            let mut to = format!("/diff/{}", encode(&name));
            if let Some(raw) = raw.filter(|r| !r.is_empty()) {
                to = format!("{to}?{raw}");
            }
            return Ok(Redirect::permanent(&to).into_response());
        }
        Err(e) => {
            let known = blocking(&state, {
                let c = country.clone();
                move |lib| lib.edition_entity(&c).map(|e| e.name).ok()
            })
            .await?;
            return match known {
                Some(name) => library_problem(e, &|s| {
                    format!("/diff/{}?field={}", encode(&name), encode(s))
                }),
                None => library_problem(e, &|s| format!("/diff/{}", encode(s))),
            };
        }
    };
    Ok(render(&page).into_response())
}

/// Words in a run of ops of one kind.
fn words(ops: &[library::DiffOp], op: &str) -> usize {
    ops.iter()
        .filter(|o| o.op == op)
        .map(|o| o.text.split_whitespace().count())
        .sum()
}

/// The redline of one field.
pub(crate) fn redline(ops: &[library::DiffOp]) -> Markup {
    html! {
        p class="redline" {
            @for o in ops {
                @match o.op {
                    "insert" => { ins { (o.text) } }
                    "delete" => { del { (o.text) } }
                    _ => { (o.text) }
                }
            }
        }
    }
}

/// The form: two editions and a field.
fn form(page: &DiffPage) -> Markup {
    let e = &page.entity;
    let d = &page.diff;
    let label = |y: u16| {
        if (e.first_edition..=e.last_edition).contains(&y) {
            y.to_string()
        } else {
            format!("{y} (no entry)")
        }
    };
    html! {
        form class="diff-pick" action={ "/diff/" (encode(&e.name)) } method="get" aria-label="Choose two editions" {
            p {
                label for="from" { "From" } " "
                select id="from" name="from" {
                    @for y in FIRST_EDITION..=LAST_EDITION {
                        option value=(y) selected[y == d.from] { (label(y)) }
                    }
                }
                " "
                label for="to" { "to" } " "
                select id="to" name="to" {
                    @for y in FIRST_EDITION..=LAST_EDITION {
                        option value=(y) selected[y == d.to] { (label(y)) }
                    }
                }
            }
            p {
                label for="field" { "Field" } " "
                select id="field" name="field" {
                    option value="" selected[page.field.is_none()] { "Every field that changed" }
                    @for f in &page.fields {
                        option value=(f) selected[page.field.as_deref() == Some(f.as_str())] { (f) }
                    }
                }
            }
            p { button type="submit" { "Compare" } }
        }
    }
}

fn render(page: &DiffPage) -> Markup {
    let d = &page.diff;
    let name = &page.entity.name;
    let mut title = format!("{name}: {} → {}", d.from, d.to);
    if let Some(f) = &page.field {
        title = format!("{f} of {title}");
    }
    let body = html! {
        p class="kicker" { "World Factbook · what changed" }
        h1 { (title) }
        p class="lede" {
            @if page.field.is_none() {
                (count(d.fields.len(), "field", "fields")) " of " (name) "’s entry changed, appeared or went between the "
                (d.from) " and the " (d.to) " editions. "
            }
            "Words struck through are in the " (d.from) " edition only; underlined words are new in " (d.to) "."
        }
        @if !page.in_from || !page.in_to {
            p class="note" {
                @if !page.in_from { "The " (d.from) " edition has no entry for " (name) ". " }
                @if !page.in_to { "The " (d.to) " edition has no entry for " (name) ". " }
                (name) " has entries in " (span(page.entity.first_edition, page.entity.last_edition)) "."
            }
        }
        (form(page))
        p class="links" {
            a href=(editions_href(name)) { (name) " edition by edition" }
            @if let Some(f) = &page.field {
                " · " a href=(history_href(name, f)) { "History of " (f) }
            }
        }
        @if d.fields.is_empty() {
            p class="empty" {
                @if page.field.is_some() { "Neither edition has this field." }
                @else { "Nothing changed between these two editions." }
            }
        }
        @if d.fields.len() > 1 {
            nav class="in-chapter" aria-label="Fields that changed" {
                ol {
                    @for f in &d.fields {
                        li { a href={ "#f-" (library::anchor(&f.field)) } { (f.field) } }
                    }
                }
            }
        }
        @for f in &d.fields {
            @let (added, removed) = (words(&f.ops, "insert"), words(&f.ops, "delete"));
            @let equal = words(&f.ops, "equal");
            section class="redline-field" id={ "f-" (library::anchor(&f.field)) } {
                h2 { a href=(history_href(name, &f.field)) { (f.field) } }
                p class="change-count" {
                    @if added + removed == 0 { "Unchanged." }
                    @else if equal == 0 && removed == 0 { "New in " (d.to) "." }
                    @else if equal == 0 && added == 0 { "Not in the " (d.to) " edition." }
                    @else {
                        (count(added, "word", "words")) " added, " (count(removed, "word", "words")) " taken out."
                    }
                }
                (redline(&f.ops))
            }
        }
    };
    let crumbs = [
        Crumb::link("/".into(), "Country Listing"),
        Crumb::link(editions_href(name), &format!("{name}, Factbook editions")),
        Crumb::here(&format!("{} → {}", d.from, d.to)),
    ];
    let description = format!(
        "What changed in the World Factbook's entry for {name} from the {} to the {} edition, word by word: {}.",
        d.from,
        d.to,
        count(d.fields.len(), "field", "fields")
    );
    let head = Head {
        title: &title,
        description: &description,
    };
    layout(head, &crumbs, "", body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redline_marks_words_and_escapes_them() {
        let op = |op: &'static str, text: &str| library::DiffOp {
            op,
            text: text.into(),
        };
        let ops = [
            op("equal", "Japanese "),
            op("delete", "99%"),
            op("insert", "<b>97.5%</b>"),
        ];
        assert_eq!(
            redline(&ops).into_string(),
            "<p class=\"redline\">Japanese <del>99%</del><ins>&lt;b&gt;97.5%&lt;/b&gt;</ins></p>"
        );
        assert_eq!((words(&ops, "insert"), words(&ops, "equal")), (1, 1));
    }
}

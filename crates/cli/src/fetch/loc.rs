//! The Library of Congress digital collection "Country Studies" through the loc.gov JSON API.
//!
//! - The collection: `<base>/collections/country-studies/?fo=json&c=100`, page after page by
//!   the answer's `pagination.next` (on the same host, at most 50 pages); each of `results`
//!   is an item with its `id` (the item's URL), `title` and `date`.
//! - An item: its URL with `fo=json`. `item` gives the catalogue facts (`title`, `date`,
//!   `library_of_congress_control_number` or `number_lccn`, `rights_advisory` or `rights`),
//!   `resources[]` the files: `fulltext_file` (the whole book's OCR text) and `pdf` (its scan).
//! - The full text is saved in the library (`<library>/books/<lccn>.txt`) and ingested as a
//!   printed book ([`crate::cmd`]'s `ingest_book`): the second run reads everything from the
//!   library and the polite client's cache, without a request.
//!
//! Every request goes through the [`polite`](super::polite) client: robots.txt, one request
//! every 3 s to `www.loc.gov` and `tile.loc.gov` whatever `--rate` says (loc.gov blocks
//! bursts for an hour), 429 and 5xx retried with exponential backoff honouring `Retry-After`,
//! the raw-bytes cache. `AREABOOK_LOC_BASE` replaces `https://www.loc.gov` (tests, mirrors).

use anyhow::{Context, Result, bail};
use library::{Library, PrintedReport, PrintedSource};
use serde_json::Value;

use super::polite::Client;

/// The API's root: `AREABOOK_LOC_BASE` or `https://www.loc.gov`.
pub fn base() -> String {
    std::env::var("AREABOOK_LOC_BASE")
        .ok()
        .filter(|b| !b.trim().is_empty())
        .unwrap_or_else(|| "https://www.loc.gov".to_owned())
        .trim_end_matches('/')
        .to_owned()
}

/// One item of the collection, as the collection lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The item's URL.
    pub url: String,
    /// Its title (`Mongolia : a country study / …`).
    pub title: String,
    /// Its date (`1991`).
    pub date: Option<String>,
}

/// An item's catalogue facts and files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    /// The item's URL.
    pub url: String,
    /// LCCN.
    pub lccn: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Date.
    pub date: Option<String>,
    /// Rights statement.
    pub rights: Option<String>,
    /// The whole book's OCR text.
    pub fulltext: Option<String>,
    /// The scan.
    pub pdf: Option<String>,
}

fn with_json(url: &str) -> String {
    if url.contains("fo=json") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&fo=json")
    } else {
        format!("{url}?fo=json")
    }
}

fn host(url: &str) -> Option<String> {
    url::Url::parse(url).ok()?.host_str().map(str::to_owned)
}

/// `http://www.loc.gov/…` as `https://www.loc.gov/…` (the API lists items over http).
fn upgrade(url: &str, base: &str) -> String {
    if base.starts_with("https://")
        && let Some(rest) = url.strip_prefix("http://")
    {
        return format!("https://{rest}");
    }
    url.to_owned()
}

fn json(client: &Client, url: &str) -> Result<Value> {
    let page = client.get(url).with_context(|| format!("reading {url}"))?;
    serde_json::from_slice(&page.bytes).with_context(|| format!("{url}: not JSON"))
}

/// A string, or the strings of an array joined: the API gives both shapes.
fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(|x| text(Some(x))).collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        }
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Every item of the collection, following `pagination.next`.
pub fn collection(client: &Client, base: &str) -> Result<Vec<Listed>> {
    let mut url = format!("{base}/collections/country-studies/?fo=json&c=100");
    let mut out = Vec::new();
    let home = host(&url);
    for _ in 0..50 {
        let page = json(client, &url)?;
        let results = page
            .get("results")
            .and_then(Value::as_array)
            .with_context(|| format!("{url}: no `results` in the answer"))?;
        for r in results {
            let Some(item_url) = text(r.get("id")).or_else(|| text(r.get("url"))) else {
                continue;
            };
            if !item_url.contains("/item/") {
                continue;
            }
            out.push(Listed {
                url: upgrade(&item_url, base),
                title: text(r.get("title")).unwrap_or_default(),
                date: text(r.get("date")),
            });
        }
        let next = page
            .get("pagination")
            .and_then(|p| p.get("next"))
            .and_then(Value::as_str)
            .map(|n| upgrade(n, base));
        match next {
            Some(n) if host(&n) == home && n != url => url = with_json(&n),
            _ => return Ok(out),
        }
    }
    Ok(out)
}

/// An item's facts and files.
pub fn item(client: &Client, url: &str) -> Result<Item> {
    let api = with_json(url);
    let v = json(client, &api)?;
    let it = v
        .get("item")
        .with_context(|| format!("{api}: no `item` in the answer"))?;
    let mut out = Item {
        url: url.to_owned(),
        lccn: text(it.get("library_of_congress_control_number"))
            .or_else(|| text(it.get("number_lccn"))),
        title: text(it.get("title")),
        date: text(it.get("date")),
        rights: text(it.get("rights_advisory")).or_else(|| text(it.get("rights"))),
        ..Item::default()
    };
    for r in v
        .get("resources")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if out.fulltext.is_none() {
            out.fulltext = text(r.get("fulltext_file")).filter(|u| u.starts_with("http"));
        }
        if out.pdf.is_none() {
            out.pdf = text(r.get("pdf")).filter(|u| u.starts_with("http"));
        }
    }
    Ok(out)
}

/// The collection's item for a book: its title names the book's country (the newest edition
/// when there are several).
pub fn find<'a>(listed: &'a [Listed], book: &pages::BookInfo) -> Option<&'a Listed> {
    listed
        .iter()
        .filter(|l| {
            let lower = l.title.to_ascii_lowercase();
            let name = match lower.find("a country study") {
                Some(end) => l.title[..end].trim().trim_end_matches([':', ',']).trim(),
                None => l.title.split([':', '/']).next().unwrap_or("").trim(),
            };
            pages::book_for_country(name).is_some_and(|b| b.title == book.title)
        })
        .max_by_key(|l| l.date.clone().unwrap_or_default())
}

/// Fetch `book` from the collection and store it as a printed book.
pub fn fetch_book(
    client: &Client,
    lib: &mut Library,
    book: &pages::BookInfo,
    bar: &indicatif::ProgressBar,
) -> Result<PrintedReport> {
    let base = base();
    // Three steps per book on the run's bar (the collection, the item, the full text), so
    // `--all` shows how far it is and its ETA.
    bar.set_length(bar.length().unwrap_or(0) + 3);
    bar.set_message("loc.gov: the collection");
    let listed = collection(client, &base)?;
    bar.inc(1);
    let Some(found) = find(&listed, book) else {
        bail!(
            "the Library of Congress collection lists no item for {} ({} items)",
            book.title,
            listed.len()
        );
    };
    bar.set_message(format!("loc.gov: {}", found.url));
    let item = item(client, &found.url)?;
    bar.inc(1);
    let Some(fulltext) = item.fulltext.clone() else {
        bail!("{}: the item has no full text", item.url);
    };
    bar.set_message(format!("loc.gov: {fulltext}"));
    let page = client
        .get(&fulltext)
        .with_context(|| format!("reading {fulltext}"))?;
    bar.inc(1);
    let text = String::from_utf8_lossy(&page.bytes);
    if !pages::fulltext::looks_like_fulltext(&text) {
        bail!("{fulltext}: not the OCR text of a Country Study");
    }
    let name = item
        .lccn
        .clone()
        .unwrap_or_else(|| library::slug(book.title));
    let dir = lib.dir().join("books");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let file = dir.join(format!("{}.txt", library::slug(&name)));
    std::fs::write(&file, page.bytes.as_slice())
        .with_context(|| format!("writing {}", file.display()))?;
    let source = PrintedSource {
        lccn: item.lccn.clone(),
        title: item.title.clone(),
        date: item.date.clone(),
        rights: item.rights.clone(),
        item_url: Some(item.url.clone()),
        pdf_url: item.pdf.clone(),
        fulltext_url: Some(fulltext.clone()),
    };
    let label = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (report, _) = crate::cmd::ingest_book(lib, &file, &label, None, source)
        .with_context(|| format!("{}: rebuilding the book", file.display()))?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(title: &str, date: &str) -> Listed {
        Listed {
            url: format!("https://www.loc.gov/item/{date}/"),
            title: title.to_owned(),
            date: Some(date.to_owned()),
        }
    }

    #[test]
    fn the_newest_edition_of_the_book_is_found() {
        let all = vec![
            listed(
                "Japan : a country study / edited by Ronald E. Dolan",
                "1992",
            ),
            listed("Soviet Union : a country study", "1991"),
            listed("Japan, a country study / Foreign Area Studies", "1983"),
            listed("Bahrain : a country study", "1994"),
        ];
        let japan = pages::book_for_country("Japan").unwrap();
        assert_eq!(
            find(&all, japan).map(|l| l.date.as_deref()),
            Some(Some("1992"))
        );
        let soviet = pages::book_for_country("USSR").unwrap();
        assert_eq!(
            find(&all, soviet).map(|l| l.date.as_deref()),
            Some(Some("1991"))
        );
        let gulf = pages::book_for_country("Oman").unwrap();
        assert!(find(&all, gulf).is_none() || gulf.title == "Persian Gulf States");
    }

    #[test]
    fn api_shapes() {
        assert_eq!(
            text(Some(&serde_json::json!(["a", "b"]))).as_deref(),
            Some("a b")
        );
        assert_eq!(text(Some(&serde_json::json!(" x "))).as_deref(), Some("x"));
        assert_eq!(text(Some(&serde_json::json!([]))), None);
        assert_eq!(
            with_json("https://www.loc.gov/item/1/"),
            "https://www.loc.gov/item/1/?fo=json"
        );
        assert_eq!(with_json("https://h/?sp=2"), "https://h/?sp=2&fo=json");
        assert_eq!(
            upgrade("http://www.loc.gov/item/1/", "https://www.loc.gov"),
            "https://www.loc.gov/item/1/"
        );
        assert_eq!(
            upgrade("http://127.0.0.1:9/item/1/", "http://127.0.0.1:9"),
            "http://127.0.0.1:9/item/1/"
        );
    }
}

//! The orchestration's pieces on loopback: planning from a mirror's TOC, filling in from a
//! later source.

use super::plan;
use super::testserver::{Reply, Server};
use crate::fetch::polite::{Client, Options};

fn client() -> Client {
    let mut options = Options::new(None);
    options.rate = 0.0;
    Client::new(options)
}

#[test]
fn a_mirror_plan_keeps_its_folder_and_names_chapters() {
    let server = Server::start();
    server.route(
        "/gulf/toc.html",
        Reply::ok(
            "<b>Chapter 1. Kuwait</b><ul><li><a href='k1.html'>Climate</a>\
             <li><a href='/other/x.html'>Elsewhere</a><li><a href='k1.html#top'>Again</a></ul>\
             <b>Chapter 2. Oman</b><ul><li><a href='o1.html'>Climate</a>\
             <li><a href='http://192.0.2.1/gulf/o2.html'>Off host</a></ul>",
        ),
    );
    let book = pages::book_for_country("Oman").unwrap();
    let entries = plan::mirror(&client(), &format!("{}/gulf/toc.html", server.base), book).unwrap();
    let got: Vec<(String, Option<&str>, String)> = entries
        .iter()
        .map(|e| {
            (
                e.title.clone(),
                e.country,
                e.url.rsplit('/').next().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Climate".into(), Some("Kuwait"), "k1.html".into()),
            ("Climate".into(), Some("Oman"), "o1.html".into()),
        ]
    );
}

#[test]
fn a_section_page_alone_is_its_own_plan() {
    let server = Server::start();
    server.route("/japan/21.htm", Reply::ok("<p>No links here.</p>"));
    let book = pages::book_for_country("Japan").unwrap();
    let url = format!("{}/japan/21.htm", server.base);
    let entries = plan::mirror(&client(), &url, book).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].fetch.as_deref(), Some(url.as_str()));
}

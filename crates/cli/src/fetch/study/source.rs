//! Where a book can come from, in the order `fetch study` tries them.

use anyhow::Result;

/// The Internet Archive's Wayback Machine: captures at `<base>/<timestamp>id_/<url>`.
pub const WAYBACK: &str = "https://web.archive.org/web";
/// countrystudies.us, unless `$AREABOOK_COUNTRYSTUDIES_URL` names a mirror of it.
pub const COUNTRYSTUDIES_US: &str = "https://countrystudies.us";

/// One source of Country Studies pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The Library of Congress's digital collection (the books as published). Issue 14 plugs
    /// its fetcher in here (`fetch/loc.rs`); until then it answers "not available yet".
    Loc,
    /// The LoC's retired web pages (`lcweb2.loc.gov/frd/cs/<cc>toc.html` and the query
    /// system's section pages) as a Wayback-style archive captured them.
    LocWayback {
        /// Base URL of the captures (`https://web.archive.org/web`, a pywb collection).
        archive: String,
    },
    /// countrystudies.us: `/<book-slug>/` lists `/<book-slug>/<n>.htm` section pages.
    CountryStudiesUs {
        /// The site's root URL.
        base: String,
    },
    /// Any other mirror: a table-of-contents (or section) page whose links within the same
    /// host and folder are the book's sections.
    Mirror {
        /// The page to start from.
        url: String,
    },
}

/// The rights statement recorded for pages of a source.
pub fn rights(source: &Source) -> &'static str {
    match source {
        Source::Loc | Source::LocWayback { .. } => {
            "public domain (a work of the U.S. Government: Library of Congress, Federal Research Division)"
        }
        Source::CountryStudiesUs { .. } => {
            "text public domain (Library of Congress); the site asserts copyright over its pages"
        }
        Source::Mirror { .. } => {
            "text public domain (Library of Congress); the mirror's own terms apply to its pages"
        }
    }
}

impl Source {
    /// A short name for logs, provenance and `toc` (`loc-wayback`, `countrystudies.us`, a host).
    pub fn name(&self) -> String {
        match self {
            Source::Loc => "loc".into(),
            Source::LocWayback { .. } => "loc-wayback".into(),
            Source::CountryStudiesUs { .. } => "countrystudies.us".into(),
            Source::Mirror { url } => url::Url::parse(url)
                .ok()
                .and_then(|u| u.host_str().map(str::to_owned))
                .unwrap_or_else(|| url.clone()),
        }
    }
}

/// The sources to try for `--from` and `--archive`: one source when `--from` names one, else
/// the default order (LoC digital collection, LoC pages in the archive, countrystudies.us).
pub fn sources(from: Option<&str>, archive: Option<&str>) -> Result<Vec<Source>> {
    let archive = archive
        .map(|a| a.trim_end_matches('/').to_owned())
        .unwrap_or_else(|| WAYBACK.to_owned());
    if !archive.starts_with("http://") && !archive.starts_with("https://") {
        return Err(super::usage(
            "archive",
            &format!("takes an http(s) URL (the archive's capture base, e.g. {WAYBACK})"),
        ));
    }
    let countrystudies = std::env::var("AREABOOK_COUNTRYSTUDIES_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| COUNTRYSTUDIES_US.to_owned())
        .trim_end_matches('/')
        .to_owned();
    Ok(match from {
        None => vec![
            Source::Loc,
            Source::LocWayback { archive },
            Source::CountryStudiesUs {
                base: countrystudies,
            },
        ],
        Some("loc") => vec![Source::Loc],
        Some("loc-wayback" | "wayback") => vec![Source::LocWayback { archive }],
        Some("countrystudies.us" | "countrystudies") => vec![Source::CountryStudiesUs {
            base: countrystudies,
        }],
        Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
            vec![Source::Mirror {
                url: url.to_owned(),
            }]
        }
        Some(other) => {
            return Err(super::usage(
                "from",
                &format!(
                    "{other:?}: expected loc, loc-wayback, countrystudies.us or a mirror's http(s) URL"
                ),
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_by_flag() {
        let all = sources(None, None).unwrap();
        assert_eq!(all[0], Source::Loc);
        assert_eq!(
            all[1],
            Source::LocWayback {
                archive: WAYBACK.into()
            }
        );
        assert_eq!(
            sources(Some("loc-wayback"), Some("http://127.0.0.1:9/eot2008/")).unwrap(),
            vec![Source::LocWayback {
                archive: "http://127.0.0.1:9/eot2008".into()
            }]
        );
        assert_eq!(
            sources(Some("http://m.test/japan/"), None).unwrap()[0].name(),
            "m.test"
        );
        assert!(sources(Some("gopher"), None).is_err());
        assert!(sources(None, Some("ftp://x")).is_err());
    }
}

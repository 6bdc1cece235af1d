//! `areabook fetch study` and `fetch pages`: whole books from the web, politely.

#[cfg(test)]
pub(crate) mod testserver;

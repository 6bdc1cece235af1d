//! End-to-end tests of the World Factbook editions: `ingest` of the archive's folder,
//! `history` and `diff`, on a folder written for these tests (and the real one when shared).

use std::path::Path;

mod common;

use common::{json, run, stderr, stdout};

/// A tiny archive folder in the archive's layout: Utopia (master 1) in 1990–1992 and a former
/// state in 1990 only.
fn write_archive(dir: &Path) {
    std::fs::create_dir_all(dir.join("fields")).unwrap();
    let w = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
    w(
        "master_countries.sql",
        "INSERT INTO MasterCountries (MasterCountryID, CanonicalCode, CanonicalName, ISOAlpha2, EntityType, AdministeringMasterCountryID) VALUES\n  (1, N'JA', N'Japan', N'JP', N'sovereign', NULL);\n",
    );
    w(
        "countries.sql",
        "INSERT INTO Countries (CountryID, Year, Code, Name, Source, MasterCountryID) VALUES\n  (10, 1990, N'ja', N'Japan', N'text', 1),\n  (11, 1990, N'ur', N'Soviet Union', N'text', NULL),\n  (20, 1991, N'ja', N'Japan', N'text', 1),\n  (30, 1992, N'ja', N'Japan', N'text', 1);\n",
    );
    w(
        "categories.sql",
        "INSERT INTO CountryCategories (CategoryID, CountryID, CategoryTitle) VALUES\n  (100, 10, N'People'), (101, 11, N'People'), (200, 20, N'People'), (300, 30, N'People');\n",
    );
    w(
        "field_name_mappings.sql",
        "INSERT INTO FieldNameMappings (MappingID, OriginalName, CanonicalName, MappingType, ConsolidatedTo, IsNoise, FirstYear, LastYear, UseCount, Notes) VALUES\n  (1, N'Ethnic divisions', N'Ethnic groups', N'rename', NULL, 0, 1990, 1991, 2, NULL);\n",
    );
    let fields = |rows: &str| {
        format!(
            "INSERT INTO CountryFields (FieldID, CategoryID, CountryID, FieldName, Content) VALUES\n{rows};\n"
        )
    };
    w(
        "fields/country_fields_1990.sql",
        &fields(
            "  (1, 100, 10, N'Population', N'123,456,789 (July 1990), growth rate 0.5% (1990)'),\n  (2, 100, 10, N'Ethnic divisions', N'Japanese 99%; Korean 1%'),\n  (4, 101, 11, N'Population', N'290,000,000 (July 1990)')",
        ),
    );
    w(
        "fields/country_fields_1991.sql",
        &fields(
            "  (6, 200, 20, N'Population', N'124,000,000 (July 1991)'),\n  (7, 200, 20, N'Ethnic divisions', N'Japanese 99%; Korean 1%')",
        ),
    );
    w(
        "fields/country_fields_1992.sql",
        &fields(
            "  (8, 300, 30, N'Population', N'124,500,000 (July 1992 est.)'),\n  (9, 300, 30, N'Ethnic groups', N'Japanese 99.4%; Korean 0.6%'),\n  (10, 300, 30, N'Broken', @)",
        ),
    );
}

#[test]
fn ingest_then_history_and_diff() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    write_archive(&archive);
    let lib = tmp.path().join("lib");
    // The malformed row is named by file and line; the rest is read; exit 1.
    let out = run(&lib, &["ingest", archive.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("country_fields_1992.sql: line 4"),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("3 Factbook editions (1990–1992)"),
        "{}",
        stdout(&out)
    );

    let out = run(&lib, &["history", "Japan", "Population", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["field"], "Population");
    assert_eq!(v["editions"][0]["value"], 123_456_789.0);
    assert_eq!(v["editions"][0]["unit"], "persons");
    assert_eq!(v["editions"][0]["date_est"], "1990-07");
    assert_eq!(v["editions"].as_array().unwrap().len(), 3);

    // A renamed field is found by either name; the name then is reported.
    let out = run(&lib, &["history", "Japan", "Ethnic divisions", "--csv"]);
    let csv = stdout(&out);
    assert!(
        csv.starts_with("edition,value,unit,date_est,name_then,entity_then,unchanged,text\n"),
        "{csv}"
    );
    assert!(
        csv.contains("1990,,,,Ethnic divisions,,false,Japanese 99%; Korean 1%"),
        "{csv}"
    );
    assert!(csv.contains("1991,,,,Ethnic divisions,,true,"), "{csv}");

    let out = run(&lib, &["history", "Japan", "Population"]);
    let text = stdout(&out);
    assert!(
        text.contains("Japan — Population (3 editions, 1990–1992)"),
        "{text}"
    );
    assert!(text.contains("123,456,789 (1990-07)"), "{text}");

    // The former state keeps its own identity.
    let out = run(&lib, &["history", "Soviet Union", "Population", "--json"]);
    assert_eq!(json(&out)["editions"][0]["value"], 290_000_000.0);

    let out = run(
        &lib,
        &["diff", "Japan", "--from", "1990", "--to", "1992", "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    let ethnic = v["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "Ethnic groups")
        .expect("changed field");
    let ops: Vec<(&str, &str)> = ethnic["ops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["op"].as_str().unwrap(), o["text"].as_str().unwrap()))
        .collect();
    assert!(ops.contains(&("delete", "99%;")), "{ops:?}");
    assert!(ops.contains(&("insert", "99.4%;")), "{ops:?}");
    let out = run(
        &lib,
        &[
            "diff",
            "Japan",
            "--field",
            "ethnic groups",
            "--from",
            "1990",
            "--to",
            "1992",
        ],
    );
    assert!(
        stdout(&out).contains("[-99%;-]{+99.4%;+}"),
        "{}",
        stdout(&out)
    );

    // Search finds each distinct text once, with the editions that print it; --as-of keeps
    // one edition's texts.
    let out = run(&lib, &["search", "Korean", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["total"], 2, "{v}");
    let editions: Vec<String> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["editions"].to_string())
        .collect();
    assert!(
        editions.contains(&"[1990,1991]".to_string()),
        "{editions:?}"
    );
    assert!(editions.contains(&"[1992]".to_string()), "{editions:?}");
    let out = run(&lib, &["search", "Korean", "--as-of", "1991", "--json"]);
    let v = json(&out);
    assert_eq!(v["total"], 1, "{v}");
    assert!(v["hits"][0]["snippet"].as_str().unwrap().contains("99%"));
    let out = run(&lib, &["search", "Korean", "--as-of", "1992"]);
    let text = stdout(&out);
    assert!(text.contains("(edition 1992)"), "{text}");
    assert!(
        text.contains("areabook history japan \"Ethnic groups\""),
        "{text}"
    );
    let out = run(
        &lib,
        &[
            "search",
            "Korean",
            "--book",
            "world-factbook-1990-ja",
            "--json",
        ],
    );
    assert_eq!(json(&out)["total"], 1, "{}", stderr(&out));
    let out = run(&lib, &["check", "--json"]);
    assert_eq!(json(&out)["ok"], true);

    // Bad input: unknown names (exit 1, did you mean), bad years (exit 2).
    let out = run(&lib, &["history", "Japn", "Population"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("Japan"), "{}", stderr(&out));
    let out = run(&lib, &["history", "Japan", "Populaton"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("Population"), "{}", stderr(&out));
    let out = run(&lib, &["diff", "Japan", "--from", "1992", "--to", "1990"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = run(&lib, &["diff", "Japan", "--from", "1989", "--to", "1990"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn the_real_archive_ingests_whole() {
    let Some(dir) = testshared::require("data/factbook-editions") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let out = run(&lib, &["--json", "ingest", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    let r = &v["editions"][0];
    assert_eq!(r["editions"].as_array().unwrap().len(), 36);
    assert_eq!(r["error_count"], 0);
    assert!(r["field_editions"].as_u64().unwrap() > 1_000_000);
    // Half the field-editions repeat the edition before: stored once.
    assert!(r["texts"].as_u64().unwrap() < 520_000);
    let out = run(&lib, &["history", "Soviet Union", "Population", "--json"]);
    let v = json(&out);
    let years: Vec<u64> = v["editions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["edition"].as_u64().unwrap())
        .collect();
    assert_eq!(years, [1990, 1991]);
    let out = run(&lib, &["history", "Russia", "Population", "--json"]);
    let v = json(&out);
    assert!(v["editions"].as_array().unwrap().len() >= 30);
    assert!(
        v["editions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["unit"] == "persons" || e["value"].is_null())
    );
}

#[test]
fn compare_sets_a_study_beside_the_editions() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    write_archive(&archive);
    let lib = tmp.path().join("lib");
    // Our own study page: Japan, its economy, data as of 1989.
    let page = tmp.path().join("japan-economy.txt");
    std::fs::write(
        &page,
        "Country Listing\n\nJapan Table of Contents\n\nThe Economy\n\n\
         The growers of the northern plain sold rice to the cities, and the ports of the \
         inland sea shipped steel abroad in record tonnage that year.\n\n\
         Data as of January 1991\n",
    )
    .unwrap();
    let out = run(
        &lib,
        &["ingest", archive.to_str().unwrap(), page.to_str().unwrap()],
    );
    assert!(
        stdout(&out).contains("Factbook editions"),
        "{}",
        stderr(&out)
    );
    let out = run(&lib, &["compare", "Japan", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["study"]["data_as_of"], "1991-01");
    assert_eq!(v["then"]["data_as_of"], "1991");
    assert_eq!(v["latest"]["data_as_of"], "1992");
    let subjects: Vec<&str> = v["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["subject"].as_str().unwrap())
        .collect();
    assert!(subjects.contains(&"Society"), "{subjects:?}");
    // --as-of picks another edition; outside 1990-2025 is a usage error.
    let out = run(&lib, &["compare", "Japan", "--as-of", "1990", "--json"]);
    assert_eq!(json(&out)["then"]["data_as_of"], "1990");
    let out = run(&lib, &["compare", "Japan", "--as-of", "1950"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&lib, &["compare", "Atlantis"]);
    assert_eq!(out.status.code(), Some(1));
}

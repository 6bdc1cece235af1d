//! Every export format over a small library of our own text: the files exist, hold every
//! section, and have the structure their readers expect, line by line.

mod common;

use std::collections::BTreeSet;

use arrow_array::{Array, Int32Array, ListArray, StringArray, StructArray};
use export::NoProgress;
use library::ExportFilter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn section_ids(lib: &library::Library, filter: &ExportFilter) -> Vec<String> {
    let mut ids = Vec::new();
    lib.export_sections(filter, |s| -> library::Result<()> {
        ids.push(s.section_id);
        Ok(())
    })
    .unwrap();
    ids
}

fn lines(path: &std::path::Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        text.ends_with('\n'),
        "{} must end with a newline",
        path.display()
    );
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

#[test]
fn jsonl_has_every_field_of_every_section() {
    let (_d, lib) = common::library();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("all.jsonl");
    let w = export::jsonl::write(&lib, &ExportFilter::default(), &path, &NoProgress).unwrap();
    let rows = lines(&path);
    assert_eq!(w.rows as usize, rows.len());
    assert_eq!(rows.len(), lib.section_ids().unwrap().len());
    let ids: Vec<&str> = rows
        .iter()
        .map(|r| r["section_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, lib.section_ids().unwrap());
    for r in &rows {
        let id = r["section_id"].as_str().unwrap();
        let shown = lib.section(id).unwrap();
        assert_eq!(r["display_title"], shown.display_title.as_str());
        assert_eq!(
            r["paragraphs"],
            serde_json::to_value(&shown.paragraphs).unwrap()
        );
        assert_eq!(
            r["provenance"],
            serde_json::to_value(&shown.provenance).unwrap()
        );
        assert_eq!(
            r["data_as_of"],
            serde_json::to_value(&shown.data_as_of).unwrap()
        );
        assert!(export::jsonl::is_export_line(&r.to_string()));
    }
    let first = rows
        .iter()
        .find(|r| r["section_title"] == "Early Settlement")
        .unwrap();
    assert_eq!(first["provenance"].as_array().unwrap().len(), 2);
    assert_eq!(first["book_kind"], "country-study");
    assert!(
        !std::fs::read_to_string(&path)
            .unwrap()
            .contains("/home/someone")
    );
}

#[test]
fn filters_select_by_book_country_and_years() {
    let (_d, lib) = common::library();
    let all = section_ids(&lib, &ExportFilter::default());
    let f = |book: Option<&str>, country: Option<&str>, from, to| {
        lib.export_filter(ExportFilter {
            book: book.map(str::to_owned),
            country: country.map(str::to_owned),
            as_of_from: from,
            as_of_to: to,
        })
    };
    let japan = section_ids(&lib, &f(None, Some("JP"), None, None).unwrap());
    assert_eq!(japan.len(), 3);
    let fb = section_ids(&lib, &f(None, None, Some(2000), None).unwrap());
    assert_eq!(fb.len() + japan.len(), all.len());
    assert!(section_ids(&lib, &f(None, None, Some(1991), Some(1999)).unwrap()).is_empty());
    assert_eq!(
        section_ids(&lib, &f(Some("japan"), None, None, Some(1990)).unwrap()),
        japan
    );
    assert!(matches!(
        f(Some("japn"), None, None, None),
        Err(library::Error::NotFound { .. })
    ));
    assert!(matches!(
        f(None, Some("Atlantis"), None, None),
        Err(library::Error::NotFound { .. })
    ));
}

#[test]
fn parquet_tables_hold_every_row_with_nested_provenance() {
    let (_d, lib) = common::library();
    let out = tempfile::tempdir().unwrap();
    let w =
        export::parquet::write(&lib, &ExportFilter::default(), out.path(), &NoProgress).unwrap();
    let names: Vec<String> = w
        .files
        .iter()
        .map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "sections.parquet",
            "timeline.parquet",
            "mentions.parquet",
            "events.parquet"
        ]
    );
    let file = std::fs::File::open(out.path().join("sections.parquet")).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let mut seen = BTreeSet::new();
    for batch in reader {
        let batch = batch.unwrap();
        let col = |n: &str| batch.column_by_name(n).unwrap().clone();
        let ids = col("section_id");
        let ids = ids.as_any().downcast_ref::<StringArray>().unwrap();
        let years = col("as_of_year");
        let years = years.as_any().downcast_ref::<Int32Array>().unwrap();
        let titles = col("section_title");
        let titles = titles.as_any().downcast_ref::<StringArray>().unwrap();
        let prov = col("provenance");
        let prov = prov.as_any().downcast_ref::<ListArray>().unwrap();
        for i in 0..batch.num_rows() {
            let id = ids.value(i).to_owned();
            let shown = lib.section(&id).unwrap();
            assert_eq!(
                titles
                    .is_null(i)
                    .then_some(())
                    .map_or(Some(titles.value(i)), |_| None),
                shown.section_title.as_deref()
            );
            let year = shown
                .data_as_of
                .as_deref()
                .map(|a| a[..4].parse::<i32>().unwrap());
            assert_eq!((!years.is_null(i)).then(|| years.value(i)), year);
            let copies = prov.value(i);
            let copies = copies.as_any().downcast_ref::<StructArray>().unwrap();
            assert_eq!(copies.len(), shown.provenance.len());
            let mirrors = copies.column_by_name("mirror").unwrap();
            let mirrors = mirrors.as_any().downcast_ref::<StringArray>().unwrap();
            for (j, p) in shown.provenance.iter().enumerate() {
                assert_eq!(mirrors.value(j), p.mirror);
            }
            seen.insert(id);
        }
    }
    let all: BTreeSet<String> = lib.section_ids().unwrap().into_iter().collect();
    assert_eq!(seen, all);
    // The reading tables are there too, with rows for our sections.
    let rows = |name: &str| -> usize {
        let file = std::fs::File::open(out.path().join(name)).unwrap();
        ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap()
            .map(|b| b.unwrap().num_rows())
            .sum()
    };
    assert_eq!(rows("timeline.parquet") as u64, w.files[1].rows);
    assert!(w.files[1].rows > 0, "the 1905 and 1951 sentences are dated");
    assert_eq!(rows("mentions.parquet") as u64, w.files[2].rows);
    assert!(w.files[2].rows > 0, "Osaka, Tokyo, Moscow are named");
    assert_eq!(rows("events.parquet") as u64, w.files[3].rows);
    assert!(!out.path().join("sections.parquet.part").exists());
}

#[test]
fn opensearch_bulk_is_action_then_document_with_a_mapping() {
    let (_d, lib) = common::library();
    let out = tempfile::tempdir().unwrap();
    let engine = export::bulk::Engine::OpenSearch;
    export::bulk::write(
        &lib,
        &ExportFilter::default(),
        out.path(),
        engine,
        &NoProgress,
    )
    .unwrap();
    let rows = lines(&out.path().join("bulk-0001.ndjson"));
    assert_eq!(rows.len(), 2 * lib.section_ids().unwrap().len());
    let mut ids = Vec::new();
    for pair in rows.chunks(2) {
        let action = &pair[0]["index"];
        assert_eq!(pair[0].as_object().unwrap().len(), 1, "one action per line");
        assert_eq!(action["_index"], "areabook");
        let id = action["_id"].as_str().unwrap();
        assert!(export::valid_id(id), "{id}");
        assert_eq!(pair[1]["id"], id);
        assert!(pair[1]["body"].as_str().unwrap().len() > 10);
        ids.push(id.to_owned());
    }
    assert_eq!(ids, lib.section_ids().unwrap());
    let mapping: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("mapping.json")).unwrap())
            .unwrap();
    let props = mapping["mappings"]["properties"].as_object().unwrap();
    assert_eq!(props["data_as_of"]["type"], "date");
    assert_eq!(props["country_id"]["type"], "keyword");
    assert_eq!(props["body"]["analyzer"], "en_fold");
    // Every field of a document is mapped (the mapping is strict).
    for k in rows[1].as_object().unwrap().keys() {
        assert!(props.contains_key(k), "{k} is not in mapping.json");
    }
    // Stable across runs.
    let again = tempfile::tempdir().unwrap();
    export::bulk::write(
        &lib,
        &ExportFilter::default(),
        again.path(),
        engine,
        &NoProgress,
    )
    .unwrap();
    assert_eq!(
        std::fs::read(out.path().join("bulk-0001.ndjson")).unwrap(),
        std::fs::read(again.path().join("bulk-0001.ndjson")).unwrap()
    );
}

#[test]
fn meilisearch_documents_have_the_primary_key_and_settings_name_real_attributes() {
    let (_d, lib) = common::library();
    let out = tempfile::tempdir().unwrap();
    let engine = export::bulk::Engine::Meilisearch;
    export::bulk::write(
        &lib,
        &ExportFilter::default(),
        out.path(),
        engine,
        &NoProgress,
    )
    .unwrap();
    let rows = lines(&out.path().join("documents.ndjson"));
    assert_eq!(rows.len(), lib.section_ids().unwrap().len());
    let settings: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("settings.json")).unwrap())
            .unwrap();
    for r in &rows {
        assert!(export::valid_id(r["id"].as_str().unwrap()));
        assert!(r["as_of_year"].is_i64(), "as_of_year must be a number: {r}");
        for list in [
            "searchableAttributes",
            "filterableAttributes",
            "sortableAttributes",
        ] {
            for a in settings[list].as_array().unwrap() {
                assert!(
                    r.get(a.as_str().unwrap()).is_some(),
                    "{list}: {a} is not a field"
                );
            }
        }
    }
}

#[test]
fn quickwit_documents_fit_the_index_config() {
    let (_d, lib) = common::library();
    let out = tempfile::tempdir().unwrap();
    let engine = export::bulk::Engine::Quickwit;
    export::bulk::write(
        &lib,
        &ExportFilter::default(),
        out.path(),
        engine,
        &NoProgress,
    )
    .unwrap();
    let rows = lines(&out.path().join("documents.ndjson"));
    assert_eq!(rows.len(), lib.section_ids().unwrap().len());
    let config = std::fs::read_to_string(out.path().join("index-config.yaml")).unwrap();
    assert!(config.contains("index_id: areabook"));
    let mapped: Vec<&str> = config
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- name: "))
        .collect();
    for k in rows[0].as_object().unwrap().keys() {
        assert!(
            mapped.contains(&k.as_str()),
            "{k} is not in the index config"
        );
    }
    for r in &rows {
        let date = r["as_of_date"].as_str().unwrap();
        assert_eq!(date.len(), 10, "{date}");
    }
}

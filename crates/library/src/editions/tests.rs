//! The edition tables on an archive folder written for these tests.

use std::path::Path;

use crate::Library;

/// Write a tiny archive folder: Utopia (master 1) in three editions, with a renamed field and
/// an unchanged one, and a former state with no master id in 1990 only.
fn write_archive(dir: &Path) {
    super::test_archive::write(
        dir,
        &super::test_archive::Rows {
            masters: "  (1, N'JA', N'Japan', N'JP', N'sovereign', NULL)",
            countries: "  (10, 1990, N'ja', N'Japan', N'text', 1),\n  (11, 1990, N'ur', N'Soviet Union', N'text', NULL),\n  (20, 1991, N'ja', N'Japan', N'text', 1),\n  (30, 1992, N'ja', N'Japan', N'text', 1)",
            categories: "  (100, 10, N'People'), (101, 11, N'People'), (200, 20, N'People'), (300, 30, N'People')",
            mappings: "  (1, N'Ethnic divisions', N'Ethnic groups', N'rename', NULL, 0, 1990, 1991, 2, NULL),\n  (2, N'and the rest', N'and the rest', N'noise', NULL, 1, 1990, 1990, 1, NULL)",
            fields: &[
                (
                    1990,
                    "  (1, 100, 10, N'Population', N'123,456,789 (July 1990), growth rate 0.5% (1990)'),\n  (2, 100, 10, N'Ethnic divisions', N'Japanese 99%; Korean 1%'),\n  (3, 100, 10, N'and the rest', N'fragment'),\n  (4, 101, 11, N'Population', N'290,000,000 (July 1990)'),\n  (5, 100, 99, N'Population', N'orphan row')",
                ),
                (
                    1991,
                    "  (6, 200, 20, N'Population', N'124,000,000 (July 1991)'),\n  (7, 200, 20, N'Ethnic divisions', N'Japanese 99%; Korean 1%')",
                ),
                (
                    1992,
                    "  (8, 300, 30, N'Population', N'124,500,000 (July 1992 est.)'),\n  (9, 300, 30, N'Ethnic groups', N'Japanese 99.4%; Korean 0.6%')",
                ),
            ],
        },
    );
}

#[test]
fn editions_are_stored_as_versions_and_answer_history_and_diff() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    write_archive(&archive);
    let mut lib = Library::open(&tmp.path().join("lib")).unwrap();
    let report = lib.ingest_editions(&archive).unwrap();
    assert_eq!(report.editions, [1990, 1991, 1992]);
    assert_eq!(report.entities, 2);
    // The noise fragment is not a field; the unknown entity-edition is an error naming it.
    assert_eq!(report.field_editions, 7);
    assert_eq!(report.error_count, 1);
    assert!(
        report.errors[0].contains("country_fields_1990.sql") && report.errors[0].contains("99")
    );
    // "Japanese 99%; Korean 1%" is one text for two editions.
    assert_eq!(report.texts, 6);

    let h = lib.field_history("Japan", "ethnic divisions").unwrap();
    assert_eq!(h.field, "Ethnic groups");
    let editions: Vec<u16> = h.editions.iter().map(|r| r.edition).collect();
    assert_eq!(editions, [1990, 1991, 1992]);
    assert_eq!(h.editions[0].name_then.as_deref(), Some("Ethnic divisions"));
    assert!(h.editions[1].unchanged && !h.editions[2].unchanged);

    let p = lib.field_history("JA", "Population").unwrap();
    assert_eq!(p.editions[0].value, Some(123_456_789.0));
    assert_eq!(p.editions[0].unit, Some("persons"));
    assert_eq!(p.editions[0].date_est.as_deref(), Some("1990-07"));

    // A former state keeps its own identity, found by the name the edition printed.
    let su = lib.field_history("Soviet Union", "Population").unwrap();
    assert_eq!(su.editions.len(), 1);
    assert_eq!(su.editions[0].value, Some(290_000_000.0));

    let d = lib.edition_diff("Japan", None, 1990, 1992).unwrap();
    let ethnic = d
        .fields
        .iter()
        .find(|f| f.field == "Ethnic groups")
        .unwrap();
    assert!(
        ethnic
            .ops
            .iter()
            .any(|o| o.op == "delete" && o.text.contains("99%"))
    );
    assert!(
        ethnic
            .ops
            .iter()
            .any(|o| o.op == "insert" && o.text.contains("99.4%"))
    );
    // Unchanged fields are left out unless asked for.
    let d = lib.edition_diff("Japan", None, 1990, 1991).unwrap();
    assert!(d.fields.iter().all(|f| f.field != "Ethnic groups"));
    let d = lib
        .edition_diff("Japan", Some("Ethnic groups"), 1990, 1991)
        .unwrap();
    assert_eq!(d.fields[0].ops.len(), 1);
    assert_eq!(d.fields[0].ops[0].op, "equal");

    // Errors name what was asked for.
    let err = lib
        .field_history("Japn", "Population")
        .unwrap_err()
        .to_string();
    assert!(err.contains("Japn") && err.contains("Japan"), "{err}");
    let err = lib
        .field_history("Japan", "Populaton")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("Populaton") && err.contains("Population"),
        "{err}"
    );
    assert!(lib.edition_diff("Japan", None, 1992, 1990).is_err());

    // Ingesting again changes nothing.
    let again = lib.ingest_editions(&archive).unwrap();
    assert_eq!(
        (again.field_editions, again.new_texts, again.texts),
        (7, 0, 6)
    );
    // A library without editions says so, and how to add them.
    let bare = Library::open(&tmp.path().join("bare")).unwrap();
    let err = bare.field_history("Japan", "Population").unwrap_err();
    assert!(matches!(err, crate::Error::NoEditions(_)), "{err}");
    assert!(err.to_string().contains("areabook ingest"), "{err}");
    let not = lib.ingest_editions(tmp.path()).unwrap_err().to_string();
    assert!(not.contains("not the Factbook archive's folder"), "{not}");
}

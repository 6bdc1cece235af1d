//! Linking on a small table written for the tests.

use crate::{Context, Gazetteer, Kind, infer_country, parse_tsv};

const TABLE: &str = "\
Q15180\thistoric-state\tSoviet Union\tUSSR|U.S.S.R.\t55.75\t37.62\tSUHH\t\t1922-12-30\t1991-12-26\tstate:russian-empire\tQ159\t\tcurated
state:russian-empire\thistoric-state\tRussian Empire\timperial Russia|Russia\t59.94\t30.31\tRUEM\t\t1721\t1917\t\tQ15180\t\tcurated
Q159\tstate\tRussia\tRussian Federation\t55.75\t37.62\tRU\t\t1991-12-26\t\tQ15180\t\t\tcurated
Q17\tstate\tJapan\t\t35.68\t139.69\tJP\t\t\t\t\t\t\tcurated
Q230\tstate\tGeorgia\t\t41.72\t44.78\tGE\t\t1991\t\t\t\t\tcurated
Q1428\tregion\tGeorgia\t\t33.0\t-83.5\tUS\t10000000\t\t\t\t\t\tcurated
Q30\tstate\tUnited States\tUS|U.S.\t38.9\t-77.0\tUS\t\t\t\t\t\t\tcurated
Q657\tstate\tChad\t\t12.1\t15.0\tTD\t\t\t\t\t\t\tcurated
Q810\tstate\tJordan\t\t31.95\t35.93\tJO\t\t\t\t\t\t\tcurated
Q148\tstate\tChina\t\t39.9\t116.4\tCN\t\t\t\t\t\t\tcurated
Q39001\tsea\tSouth China Sea\t\t12.0\t113.0\t\t\t\t\t\t\t\tcurated
geonames:2013348\tcity\tVladivostok\t\t43.1056\t131.8735\tRU\t604901\t\t\t\t\t\tGeoNames
geonames:1\tcity\tTokyo\t\t35.6895\t139.6917\tJP\t8336599\t\t\t\t\t\tGeoNames
geonames:2\tcity\tSmalltown\t\t10.0\t10.0\tJO\t5000\t\t\t\t\t\tGeoNames
Q1\tcity\tParis\t\t48.85\t2.35\tFR\t2138551\t\t\t\t\t\tGeoNames
Q2\tcity\tParis\t\t33.66\t-95.55\tUS\t24782\t\t\t\t\t\tGeoNames
Q3\tstate\tFrance\t\t48.85\t2.35\tFR\t\t\t\t\t\t\tcurated
Q23556\tcity\tAtlanta\t\t33.75\t-84.39\tUS\t498044\t\t\t\t\t\tGeoNames
Q994\tcity\tTbilisi\t\t41.69\t44.83\tGE\t1049498\t\t\t\t\t\tGeoNames
Q4\tcity\tBirmingham\t\t52.48\t-1.90\tGB\t984333\t\t\t\t\t\tGeoNames
Q5\tcity\tBirmingham\t\t33.52\t-86.81\tUS\t212237\t\t\t\t\t\tGeoNames
Q173\tregion\tAlabama\t\t32.8\t-86.8\tUS\t\t\t\t\t\t\tcurated
person:stalin\tperson\tJoseph Stalin\tStalin|Joseph V. Stalin\t\t\tSUHH\t\t1924\t1953\t\t\tGeneral Secretary\tcurated
person:gorbachev\tperson\tMikhail Gorbachev\tGorbachev|Mikhail S. Gorbachev\t\t\tSUHH\t\t1985\t1991\t\t\tGeneral Secretary\tcurated
";

fn g() -> Gazetteer {
    let demonyms = vec![
        ("Soviet Union", vec!["Soviet", "Soviets"]),
        ("Japan", vec!["Japanese"]),
        ("China", vec!["Chinese"]),
    ];
    Gazetteer::new(parse_tsv(TABLE).unwrap(), &demonyms)
}

fn names(g: &Gazetteer, text: &str, ctx: &Context) -> Vec<String> {
    g.link(text, ctx)
        .iter()
        .map(|m| format!("{}={}", &text[m.start..m.end], g.entity(m.entity).name))
        .collect()
}

#[test]
fn names_adjectives_and_longest_forms() {
    let g = g();
    let ctx = Context::default();
    assert_eq!(
        names(
            &g,
            "Soviet-Japanese relations: the Soviet Union and Japan's ports.",
            &ctx
        ),
        [
            "Soviet=Soviet Union",
            "Japanese=Japan",
            "Soviet Union=Soviet Union",
            "Japan=Japan"
        ]
    );
    assert_eq!(
        names(
            &g,
            "ships in the South China Sea and fine china from China",
            &ctx
        ),
        ["South China Sea=South China Sea", "China=China"]
    );
    assert_eq!(
        names(
            &g,
            "GORBACHEV met Stalin's heirs; Mikhail S. Gorbachev spoke.",
            &ctx
        ),
        [
            "GORBACHEV=Mikhail Gorbachev",
            "Stalin=Joseph Stalin",
            "Mikhail S. Gorbachev=Mikhail Gorbachev"
        ]
    );
}

#[test]
fn common_words_titles_and_longer_names_are_not_links() {
    let g = g();
    let ctx = Context::default();
    assert!(
        names(
            &g,
            "In May the Foreign Minister said the turkey was roasted.",
            &ctx
        )
        .is_empty()
    );
    assert!(
        names(
            &g,
            "Fans of Michael Jordan and Georgia O'Keeffe visited Lake Chad.",
            &ctx
        )
        .is_empty()
    );
    assert_eq!(
        names(
            &g,
            "Jordan, Chad and Georgia voted. Imperial Japan fell.",
            &ctx
        ),
        [
            "Jordan=Jordan",
            "Chad=Chad",
            "Georgia=Georgia",
            "Japan=Japan"
        ]
    );
}

#[test]
fn ambiguity_is_resolved_by_context_and_date() {
    let g = g();
    let us = Context {
        year: Some(1990),
        country: Some("US".into()),
    };
    assert_eq!(
        names(&g, "Atlanta is in Georgia.", &us),
        ["Atlanta=Atlanta", "Georgia=Georgia"]
    );
    let georgia = &g.link("Atlanta is in Georgia.", &us)[1];
    assert_eq!(g.entity(georgia.entity).kind, Kind::Region);
    assert!(georgia.confidence < 1.0);
    let plain = Context::default();
    assert_eq!(
        g.entity(g.link("Georgia voted.", &plain)[0].entity).kind,
        Kind::State
    );
    // Paris: the French capital, unless the text names the United States or is about it.
    assert_eq!(
        g.entity(g.link("He flew to Paris.", &plain)[0].entity)
            .country
            .as_deref(),
        Some("FR")
    );
    assert_eq!(
        g.entity(g.link("The U.S. town of Paris.", &plain)[0].entity)
            .name,
        "United States"
    );
    assert_eq!(
        g.entity(g.link("The U.S. town of Paris.", &plain)[1].entity)
            .country
            .as_deref(),
        Some("US")
    );
    assert_eq!(
        g.entity(g.link("The town of Paris grew.", &us)[0].entity)
            .country
            .as_deref(),
        Some("US")
    );
    // A state that did not exist yet still beats a town of its name.
    let y1989 = Context {
        year: Some(1989),
        country: None,
    };
    assert_eq!(
        g.entity(g.link("Georgia voted.", &y1989)[0].entity).kind,
        Kind::State
    );
    // Russia before 1917 is the empire; after 1991 the federation.
    let old = Context {
        year: Some(1905),
        country: None,
    };
    let new = Context {
        year: Some(2025),
        country: None,
    };
    assert_eq!(
        g.entity(g.link("Russia lost.", &old)[0].entity).name,
        "Russian Empire"
    );
    assert_eq!(
        g.entity(g.link("Russia lost.", &new)[0].entity).name,
        "Russia"
    );
}

#[test]
fn small_towns_need_their_country_in_the_text() {
    let g = g();
    assert!(names(&g, "Smalltown grew.", &Context::default()).is_empty());
    assert_eq!(
        names(&g, "In Jordan, Smalltown grew.", &Context::default()),
        ["Jordan=Jordan", "Smalltown=Smalltown"]
    );
}

#[test]
fn the_country_of_a_page_is_inferred_from_its_narrative() {
    let g = g();
    let text = "The Japanese economy grew. Tokyo and Japan's ports boomed, and Japanese exports to China rose.";
    let inf = infer_country(&g, text, None).unwrap();
    assert_eq!(inf.name, "Japan");
    assert!(inf.evidence.iter().any(|(w, n)| w == "Japanese" && *n == 2));
    assert!(
        infer_country(&g, "Japan and China met. China and Japan talked.", None).is_none(),
        "no clear lead"
    );
    assert!(infer_country(&g, "Nothing here.", None).is_none());
}

#[test]
fn odd_text_never_panics() {
    let g = g();
    for t in [
        "",
        "Ü",
        "日本 Japan\u{301}",
        "Soviet\u{0}Union",
        "J",
        "GEORGIA GEORGIA",
    ] {
        let _ = g.link(t, &Context::default());
        let _ = infer_country(&g, t, Some(1990));
    }
}

#[test]
fn accents_factbook_capitals_and_combining_forms() {
    let table = "Q1\tstate\tCôte d'Ivoire\tIvory Coast\t7.5\t-5.5\tCI\t\t\t\t\t\t\tcurated\nQ148\tstate\tChina\t\t35\t103\tCN\t\t\t\t\t\t\tcurated\nQ142\tstate\tFrance\t\t46\t2\tFR\t\t\t\t\t\t\tcurated\nperson:franco\tperson\tFrancisco Franco\tFranco\t\t\tES\t\t1939\t1975\t\t\t\tcurated\nperson:tudman\tperson\tFranjo Tuđman\tTuđman\t\t\tHR\t\t1990\t1999\t\t\t\tcurated\n";
    let g = Gazetteer::new(parse_tsv(table).unwrap(), &[]);
    let ctx = Context::default();
    assert_eq!(
        names(&g, "Cote d'Ivoire and Côte d’Ivoire", &ctx),
        ["Cote d'Ivoire=Côte d'Ivoire", "Côte d’Ivoire=Côte d'Ivoire"]
    );
    assert_eq!(
        names(&g, "Franjo TUĐMAN and Franjo Tudman", &ctx),
        ["Franjo TUĐMAN=Franjo Tuđman", "Franjo Tudman=Franjo Tuđman"]
    );
    assert_eq!(
        names(
            &g,
            "the Sino-Soviet split; Franco ruled; Franco-German ties",
            &ctx
        ),
        ["Sino=China", "Franco=Francisco Franco", "Franco=France"]
    );
}

#[test]
fn a_page_counts_for_the_state_of_its_date() {
    let g = g();
    let text = "Vladivostok and Russia's Pacific ports grew; Russia built roads.";
    assert_eq!(
        infer_country(&g, text, Some(1985)).unwrap().name,
        "Soviet Union"
    );
    assert_eq!(infer_country(&g, text, Some(2020)).unwrap().name, "Russia");
}

#[test]
fn a_page_about_a_state_names_its_own_leaders() {
    let g = g();
    // Japan is named more often, but the page speaks through the Soviet side's leaders.
    let text = "Gorbachev sought better ties with Japan. Japan wanted the islands back; Gorbachev and \
                Stalin's heirs refused Japan. The Soviet Union held firm.";
    assert_eq!(
        infer_country(&g, text, Some(1989)).unwrap().name,
        "Soviet Union"
    );
}

#[test]
fn a_place_and_the_larger_place_after_its_comma_share_a_country() {
    let g = g();
    let ctx = Context::default();
    let kind = |text: &str, name: &str| {
        g.link(text, &ctx)
            .iter()
            .find(|m| &text[m.start..m.end] == name)
            .map(|m| g.entity(m.entity).country.clone().unwrap_or_default())
            .unwrap()
    };
    // The state wins by default; a US city before the comma makes it the US state.
    assert_eq!(kind("Flights to Georgia resumed.", "Georgia"), "GE");
    assert_eq!(
        kind("She flew from Atlanta, Georgia to Paris.", "Georgia"),
        "US"
    );
    assert_eq!(
        kind("She flew from Tbilisi, Georgia to Paris.", "Georgia"),
        "GE"
    );
    // and the larger place picks the city: Birmingham in Alabama, not England.
    assert_eq!(
        kind("Mail in Birmingham, Alabama was held.", "Birmingham"),
        "US"
    );
    assert_eq!(kind("Mail in Birmingham was held.", "Birmingham"), "GB");
    // A list of states is not a hierarchy.
    assert_eq!(kind("Armenia, Georgia, and Chad", "Georgia"), "GE");
}

#[test]
fn unambiguous_places_tip_a_name_toward_their_country() {
    let g = g();
    let ctx = Context::default();
    let text = "The US reported cases in Atlanta. Georgia officials said more would come.";
    let m = g.link(text, &ctx);
    let georgia = m
        .iter()
        .find(|m| &text[m.start..m.end] == "Georgia")
        .unwrap();
    assert_eq!(g.entity(georgia.entity).country.as_deref(), Some("US"));
    // Without the US named, one city is not enough to overturn the state.
    let text = "Cases in Atlanta. Georgia officials said more would come.";
    let m = g.link(text, &ctx);
    let georgia = m
        .iter()
        .find(|m| &text[m.start..m.end] == "Georgia")
        .unwrap();
    assert_eq!(g.entity(georgia.entity).country.as_deref(), Some("GE"));
}

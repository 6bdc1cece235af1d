//! How prose writes places: qualifiers after a comma, a division's rank after its name,
//! institutions named after a place, "the town of X", small places named again. Each test uses
//! a small table written for it, so it fails when the rule breaks, whatever the embedded table
//! holds; the last one checks that the embedded table has the provinces and counties.

use gazetteer::{Context, Gazetteer, Kind, parse_tsv};

const TABLE: &str = "\
Q30\tstate\tUnited States\tUS|U.S.\t39.8\t-98.6\tUS\t\t\t\t\t\t\tcurated
Q114\tstate\tKenya\t\t0.5\t37.9\tKE\t\t\t\t\t\t\tcurated
Q1\tregion\tIndiana\t\t39.9\t-86.3\tUS\t\t\t\t\t\tUS state\ttest
Q2\tregion\tIowa\t\t42.1\t-93.5\tUS\t\t\t\t\t\tUS state\ttest
Q3\tregion\tAlabama\t\t32.8\t-86.8\tUS\t\t\t\t\t\tUS state\ttest
Q4\tregion\tCalifornia\t\t37.2\t-119.5\tUS\t\t\t\t\t\tUS state\ttest
region:us-iowa-scott-county\tregion\tScott County\t\t41.57\t-90.60\tUS\t\t\t\t\t\tsecond-level division; point: centre of its places\ttest
region:us-indiana-scott-county\tregion\tScott County\t\t38.69\t-85.74\tUS\t\t\t\t\t\tsecond-level division; point: centre of its places\ttest
region:us-texas-bexar-county\tregion\tBexar County\t\t29.45\t-98.52\tUS\t\t\t\t\t\tsecond-level division; point: centre of its places\ttest
region:gb-england-suffolk\tregion\tSuffolk\t\t52.2\t1.08\tGB\t\t\t\t\t\tsecond-level division; point: centre of its places\ttest
region:ke-nyanza\tregion\tNyanza\t\t-0.5\t34.6\tKE\t\t\t\t\t\tfirst-level division; point: centre of its places\ttest
geonames:10\tcity\tHueytown\t\t33.45\t-87.0\tUS\t16000\t\t\t\t\t\ttest
geonames:11\tcity\tCamborne\t\t50.21\t-5.30\tGB\t20000\t\t\t\t\t\ttest
geonames:12\tcity\tThimphu\t\t27.47\t89.64\tBT\t98676\t\t\t\t\tnational capital\ttest
geonames:13\tcity\tGreenfield\t\t40.56\t-85.66\tUS\t29000\t\t\t\t\t\ttest
geonames:14\tcity\tGreenfield\t\t40.59\t-83.13\tUS\t36000\t\t\t\t\t\ttest
";

fn g() -> Gazetteer {
    Gazetteer::new(parse_tsv(TABLE).unwrap(), &[])
}

/// `(surface, entity id)` for each mention.
fn linked(g: &Gazetteer, text: &str) -> Vec<(String, String)> {
    g.link(text, &Context::default())
        .iter()
        .map(|m| {
            (
                text[m.start..m.end].to_owned(),
                g.entity(m.entity).id.clone(),
            )
        })
        .collect()
}

fn surfaces(g: &Gazetteer, text: &str) -> Vec<String> {
    linked(g, text).into_iter().map(|(s, _)| s).collect()
}

#[test]
fn a_small_town_with_its_qualifier_links_and_is_known_after() {
    let g = g();
    // Alone, a town of 16,000 people is too likely to be something else.
    assert!(surfaces(&g, "Hueytown firefighters inspected it.").is_empty());
    // With its state after the comma it is the town, and so is the next bare mention.
    assert_eq!(
        surfaces(
            &g,
            "Workers in Hueytown, Alabama fell ill. Hueytown firefighters came."
        ),
        ["Hueytown", "Alabama", "Hueytown"]
    );
    // A qualifier in another country does not vouch for it.
    assert_eq!(surfaces(&g, "Hueytown, Kenya."), ["Kenya"]);
}

#[test]
fn words_that_announce_a_settlement_vouch_for_it() {
    let g = g();
    assert!(surfaces(&g, "An incident in Camborne was reported.").is_empty());
    assert_eq!(
        surfaces(&g, "An incident in the town of Camborne was reported."),
        ["Camborne"]
    );
}

#[test]
fn a_national_capital_needs_no_country_beside_it() {
    let g = g();
    assert_eq!(surfaces(&g, "Planners in Thimphu hoped."), ["Thimphu"]);
}

#[test]
fn a_county_alone_needs_its_country_and_a_county_of_two_states_takes_its_qualifier() {
    let g = g();
    assert!(surfaces(&g, "A farm in Suffolk.").is_empty());
    let l = linked(&g, "Austin, in Scott County, Indiana, was the centre.");
    assert_eq!(
        l[0],
        (
            "Scott County".to_owned(),
            "region:us-indiana-scott-county".to_owned()
        )
    );
    let l = linked(&g, "Davenport is in Scott County, Iowa.");
    assert_eq!(l[0].1, "region:us-iowa-scott-county");
    // Towns of one name: the one nearer the state after the comma.
    let l = linked(&g, "Janet Evans of Greenfield, Indiana said so.");
    assert_eq!(l[0].1, "geonames:13");
}

#[test]
fn a_list_is_not_a_qualifier() {
    let g = g();
    let l = linked(&g, "Cases in Indiana, Iowa, California and Alabama.");
    let ids: Vec<&str> = l.iter().map(|(_, id)| id.as_str()).collect();
    assert_eq!(ids, ["Q1", "Q2", "Q4", "Q3"]);
}

#[test]
fn a_divisions_rank_after_its_name_is_part_of_the_mention() {
    let g = g();
    assert_eq!(
        surfaces(&g, "Clashes in Nyanza Province and Bexar County."),
        ["Nyanza Province", "Bexar County"]
    );
    // Not when the rank opens a longer name: "the Nyanza Province Council" keeps "Nyanza".
    assert_eq!(surfaces(&g, "The Nyanza Province Council met."), ["Nyanza"]);
}

#[test]
fn a_place_may_qualify_an_institution() {
    let g = g();
    assert_eq!(
        surfaces(
            &g,
            "The California Department of Public Health and Indiana Governor Mike Pence agreed."
        ),
        ["California", "Indiana"]
    );
    // An agreement named after where it was made.
    assert_eq!(surfaces(&g, "They signed the Iowa Agreement."), ["Iowa"]);
}

#[test]
fn the_embedded_table_has_provinces_and_counties_with_points() {
    let g = Gazetteer::embedded();
    for (name, country) in [
        ("Suffolk", "GB"),
        ("Pangasinan", "PH"),
        ("Guerrero", "MX"),
        ("Bavaria", "DE"),
        ("Ontario", "CA"),
    ] {
        let e = g
            .lookup(name)
            .into_iter()
            .find(|e| e.kind == Kind::Region && e.country.as_deref() == Some(country))
            .unwrap_or_else(|| panic!("{name} ({country}) is missing"));
        assert!(e.lat.is_some() && e.lon.is_some(), "{name} has no point");
        assert!(
            e.note
                .as_deref()
                .is_some_and(|n| n.contains("centre of its")),
            "{name}: {:?}",
            e.note
        );
    }
    // Scott County exists in several US states.
    let scotts = g
        .lookup("Scott County")
        .into_iter()
        .filter(|e| e.kind == Kind::Region)
        .count();
    assert!(scotts >= 3, "{scotts}");
}

#[test]
fn a_bare_name_shared_by_an_island_and_the_division_named_for_it_is_the_island() {
    let g = Gazetteer::embedded();
    let text = "Trawlers out of the port worked the waters off Sakhalin all winter.";
    let found = g.link(text, &Context::default());
    let kinds: Vec<(String, Kind)> = found
        .iter()
        .map(|m| (g.entity(m.entity).name.clone(), g.entity(m.entity).kind))
        .collect();
    assert!(
        kinds.contains(&("Sakhalin".to_string(), Kind::Island)),
        "{kinds:?}"
    );
    // Written with its rank, the division is meant.
    let found = g.link(
        "The governor of Sakhalin Oblast resigned.",
        &Context::default(),
    );
    assert!(
        found
            .iter()
            .any(|m| g.entity(m.entity).kind == Kind::Region),
        "{:?}",
        found
            .iter()
            .map(|m| &g.entity(m.entity).name)
            .collect::<Vec<_>>()
    );
}

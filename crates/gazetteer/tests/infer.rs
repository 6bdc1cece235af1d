//! The country a page is about: states that did not exist yet stand for the state they came
//! from, and a state named as the other party of a relation counts less. A small table
//! written for the tests.

use gazetteer::{Gazetteer, infer_country, parse_tsv};

const TABLE: &str = "\
Q36704\thistoric-state\tYugoslavia\t\t44.8\t20.5\tYUCS\t\t1918\t2003\t\tQ37024|state:slovenia|state:croatia\t\ttest
Q37024\thistoric-state\tSerbia and Montenegro\t\t44.8\t20.5\tCSXX\t\t2003\t2006\tQ36704\tQ403\t\ttest
Q403\tstate\tSerbia\t\t44.0\t20.8\tRS\t\t2006\t\tQ37024\t\t\ttest
state:slovenia\tstate\tSlovenia\t\t46.1\t14.8\tSI\t\t1992\t\t\t\t\ttest
state:croatia\tstate\tCroatia\t\t45.1\t15.2\tHR\t\t1992\t\t\t\t\ttest
Q183\tstate\tGermany\t\t51.0\t10.0\tDE\t\t1990\t\tQ713750|Q16957\t\t\ttest
Q713750\thistoric-state\tWest Germany\t\t50.7\t7.1\tDDDE\t\t1949\t1990\t\tQ183\t\ttest
Q16957\thistoric-state\tEast Germany\t\t52.5\t13.4\tDDDE\t\t1949\t1990\t\tQ183\t\ttest
state:bhutan\tstate\tBhutan\t\t27.4\t90.4\tBT\t\t\t\t\t\t\ttest
state:india\tstate\tIndia\t\t22.8\t79.5\tIN\t\t\t\t\t\t\ttest
geonames:1\tcity\tThimphu\t\t27.47\t89.64\tBT\t98676\t\t\t\t\tnational capital\ttest
";

fn g() -> Gazetteer {
    let demonyms = vec![
        ("India", vec!["Indian"]),
        ("Bhutan", vec!["Bhutanese"]),
        ("Slovenia", vec!["Slovenian"]),
    ];
    Gazetteer::new(parse_tsv(TABLE).unwrap(), &demonyms)
}

#[test]
fn a_state_that_did_not_exist_yet_stands_for_the_state_it_came_from() {
    let g = g();
    let text = "Slovenia earned more than Serbia, and Slovenia and Croatia paid for Serbia.";
    // In 1990 all three were Yugoslavia (Serbia by way of Serbia and Montenegro).
    assert_eq!(
        infer_country(&g, text, Some(1990)).unwrap().name,
        "Yugoslavia"
    );
    // Today they are themselves, and no one of them leads.
    let today = infer_country(&g, text, Some(2020));
    assert!(
        today.as_ref().is_none_or(|i| i.name != "Yugoslavia"),
        "{today:?}"
    );
    // A state that came from two (Germany: East or West) stands for neither.
    let i = infer_country(&g, "Germany and Germany again.", Some(1985)).unwrap();
    assert_eq!(i.name, "Germany");
}

#[test]
fn a_state_named_as_the_other_party_counts_half() {
    let g = g();
    // India twice as a partner (1/2 + 1/4) and Bhutan's capital once (1): Bhutan leads.
    let text = "Planners in Thimphu sold power to India and bought grain from India.";
    assert_eq!(infer_country(&g, text, Some(1991)).unwrap().name, "Bhutan");
    // The same words with India as the subject: India leads.
    let text = "Planners in Thimphu waited. India sold power and India bought grain.";
    assert_eq!(infer_country(&g, text, Some(1991)).unwrap().name, "India");
}

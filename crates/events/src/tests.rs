//! The coder on sentences written for these tests (history and news register).

use gazetteer::Context;

use crate::{Coder, EventType, code_paragraphs};

fn coder() -> Coder {
    Coder::embedded().expect("embedded tables")
}

/// `TYPE SOURCE>TARGET` of each event, `!` before negated ones.
fn code(text: &str, year: i32) -> Vec<String> {
    let ctx = Context {
        year: Some(year),
        country: None,
    };
    coder()
        .code_sentence(text, &ctx)
        .into_iter()
        .map(|e| {
            format!(
                "{}{} {}>{}",
                if e.negated { "!" } else { "" },
                e.kind,
                e.source.code,
                e.target.map_or("-".to_string(), |t| t.code)
            )
        })
        .collect()
}

#[test]
fn wars_invasions_and_occupations() {
    assert_eq!(
        code(
            "In August 1945 the Soviet Union declared war on Japan.",
            1945
        ),
        ["FIGHT SUN>JPN"]
    );
    assert_eq!(
        code("Germany invaded Poland in September 1939.", 1939),
        ["FIGHT DEU>POL"]
    );
    assert_eq!(
        code("Poland was invaded by Germany in 1939.", 1939),
        ["FIGHT DEU>POL"]
    );
    assert_eq!(
        code("Japanese troops occupied Vladivostok from 1918.", 1918),
        ["COERCE JPNMIL>RUS"]
    );
}

#[test]
fn incorporation_runs_from_the_actor_after_into() {
    assert_eq!(
        code(
            "After the war the islands of Japan were incorporated into the Soviet Union.",
            1946
        ),
        ["COERCE SUN>JPN"]
    );
}

#[test]
fn treaties_signed_abrogated_and_prevented() {
    // Signing a formal agreement is CAMEO 057, PLOVER SUPPORT; two signatories sign with
    // each other.
    assert_eq!(
        code("Japan and China signed a treaty of peace in 1978.", 1978),
        ["SUPPORT JPN>CHN", "SUPPORT CHN>JPN"]
    );
    assert_eq!(
        code("Japan and China agreed to end the dispute.", 1978)[0],
        "AGREE JPN>CHN"
    );
    // An intention to cooperate is AGREE; to use force, THREATEN.
    assert_eq!(
        code("Portugal will support Turkey.", 1990),
        ["AGREE PRT>TUR"]
    );
    assert_eq!(
        code("Iraq said it would invade Kuwait.", 1990),
        ["THREATEN IRQ>KWT"]
    );
    assert_eq!(
        code(
            "In April 1945 the Soviet Union abrogated its neutrality pact with Japan.",
            1945
        ),
        ["REJECT SUN>JPN"]
    );
    // A treaty that was prevented is not an agreement.
    // A treaty another cause prevented did not happen: coded, and negated.
    assert_eq!(
        code(
            "The dispute prevented Japan's conclusion of a peace treaty with the Soviet Union.",
            1989
        ),
        ["!SUPPORT JPN>-"]
    );
    assert_eq!(
        code(
            "The war prevented Japan from signing a treaty with the Soviet Union.",
            1989
        ),
        ["!SUPPORT JPN>SUN"]
    );
}

#[test]
fn visits_ambassadors_and_refusals() {
    assert_eq!(
        code("Shevardnadze visited Tokyo in January 1986.", 1986),
        ["CONSULT SUNGOV>JPN"]
    );
    assert_eq!(
        code("Moscow refused to return the islands to Japan.", 1989),
        ["REJECT RUS>JPN"]
    );
    assert_eq!(
        code("France recalled its ambassador from Iran.", 1987),
        ["SANCTION FRA>IRN"]
    );
    assert_eq!(
        code("Egypt broke off relations with Iran in 1980.", 1980),
        ["SANCTION EGY>IRN"]
    );
}

#[test]
fn negation_and_until() {
    // Declining to cooperate is a rejection; what was prevented or failed did not happen.
    assert_eq!(
        code("Japan did not recognize the Soviet Union.", 1935),
        ["REJECT JPN>SUN"]
    );
    assert_eq!(
        code(
            "Syria says it will not accept more refugees from Iraq.",
            2000
        )[0],
        "REJECT SYR>IRQ"
    );
    assert_eq!(
        code("Iran failed to sign an accord with Iraq.", 1980)[0],
        "REJECT IRN>IRQ"
    );
    let blocked = code("Britain blocked the signing of a treaty with Iran.", 1980);
    assert!(
        !blocked.iter().any(|e| e.starts_with("SUPPORT")),
        "{blocked:?}"
    );
    assert_eq!(
        code("Moscow refused to meet Japan's envoy.", 1980)[0],
        "REJECT RUS>JPNGOV"
    );
    assert_eq!(
        code(
            "The party will boycott the elections unless Algeria lifts the ban.",
            1991
        )[0]
        .split(' ')
        .next(),
        Some("THREATEN")
    );
    // "did not leave until 1922" dates a withdrawal; it does not deny it.
    let p = ["Japan occupied Vladivostok in 1918 and did not leave until 1922."];
    let coded = code_paragraphs(&coder(), &p, &Default::default());
    let dated: Vec<(String, Option<String>)> = coded
        .iter()
        .map(|c| (c.event.kind.to_string(), c.start.clone()))
        .collect();
    assert_eq!(
        dated,
        [
            ("COERCE".to_string(), Some("1918".to_string())),
            ("RETREAT".to_string(), Some("1922".to_string()))
        ]
    );
    let left = code(
        "Japanese forces did not leave Siberia until 1922 and withdrew from Russia.",
        1922,
    );
    assert!(left.iter().any(|e| e == "RETREAT JPNMIL>RUS"), "{left:?}");
}

#[test]
fn nominalizations_take_possessor_and_of() {
    let e = code(
        "Japan protested Stalin's absorption of the Kuril Islands.",
        1946,
    );
    assert!(e.contains(&"DISAPPROVE JPN>SUNGOV".to_string()), "{e:?}");
    assert!(e.iter().any(|e| e.starts_with("COERCE SUNGOV>")), "{e:?}");
}

#[test]
fn news_register_through_the_cameo_dictionary() {
    let e = code("Serbia accused Albania of supporting the rebels.", 2000);
    assert_eq!(e.first().map(String::as_str), Some("DISAPPROVE SRB>ALB"));
    let e = code(
        "The Sudanese government agreed to a ceasefire with the rebels.",
        2000,
    );
    assert!(
        e.first().is_some_and(|e| e.starts_with("AGREE SDNGOV")),
        "{e:?}"
    );
    // A subject the gazetteer does not know is kept by its words and sector.
    let e = coder().code_sentence("Rebels attacked a convoy near Juba.", &Context::default());
    assert_eq!(
        (e[0].source.text.as_str(), e[0].source.code.as_str()),
        ("Rebels", "REB")
    );
    // No trigger, no event.
    assert!(code("The weather was fine and the harvest good.", 2000).is_empty());
    assert!(code("Japan is an archipelago off the coast of Asia.", 2000).is_empty());
}

#[test]
fn dates_come_from_the_sentence_or_the_one_before() {
    let paragraphs = [
        "In 1904 Japan attacked Russia at Port Arthur. Russia sued for peace after Japan destroyed its fleet.",
    ];
    let coded = code_paragraphs(&coder(), &paragraphs, &Default::default());
    assert!(coded.len() >= 2, "{coded:?}");
    assert_eq!(coded[0].start.as_deref(), Some("1904"));
    assert!(!coded[0].date_inherited);
    let later = coded
        .iter()
        .find(|c| c.sentence.start > 0)
        .expect("second sentence");
    assert_eq!(later.start.as_deref(), Some("1904"));
    assert!(later.date_inherited);
    assert!(coded.iter().all(|c| c.event.kind != EventType::Protest));
}

#[test]
fn territory_is_taken_from_the_paragraphs_other_state() {
    // A paragraph about two states: the islands are Russia's today, but they were taken from
    // (and are refused to) Japan.
    let paragraphs = [
        "In 1945 the Soviet Union declared war on Japan. The southern Kuril Islands were then incorporated into the Soviet Union, and Moscow still refuses to return the islands.",
    ];
    let coded = code_paragraphs(&coder(), &paragraphs, &Default::default());
    let pairs: Vec<String> = coded
        .iter()
        .map(|c| {
            let t = c.event.target.as_ref().map_or("-", |t| t.code.as_str());
            format!("{} {}>{}", c.event.kind, c.event.source.code, t)
        })
        .collect();
    assert!(pairs.contains(&"COERCE SUN>JPN".to_string()), "{pairs:?}");
    // The place's words stay the target's text.
    let incorporated = coded
        .iter()
        .find(|c| c.event.kind == EventType::Coerce)
        .unwrap();
    assert!(
        incorporated
            .event
            .target
            .as_ref()
            .unwrap()
            .text
            .contains("Kuril")
    );
    // A place that is not the actor's own stays its state's ("occupied Vladivostok": Russia).
    let p = ["Japan occupied Vladivostok in 1918."];
    let coded = code_paragraphs(&coder(), &p, &Default::default());
    assert_eq!(coded[0].event.target.as_ref().unwrap().code, "RUS");
    // A purpose takes the main subject: "in order to occupy".
    let e = code(
        "Stalin declared war days before Japan surrendered in order to occupy Manchuria.",
        1945,
    );
    assert!(e.iter().any(|e| e.starts_with("COERCE SUNGOV")), "{e:?}");
}

#[test]
fn a_sentence_restating_one_event_yields_it_once() {
    let p = ["Japan defeated imperial Russia in the Russo-Japanese War of 1904-05."];
    let coded = code_paragraphs(&coder(), &p, &Default::default());
    let fights = coded
        .iter()
        .filter(|c| c.event.kind == EventType::Fight)
        .count();
    assert_eq!(fights, 1, "{coded:?}");
}

#[test]
fn weapons_appeals_asylum_and_strikes() {
    // Bombs are not an army's weapons of war: ASSAULT; an army's shelling is FIGHT.
    assert_eq!(
        code("A car bomb killed two soldiers of Lebanon in Beirut.", 1990)[0]
            .split(' ')
            .next(),
        Some("ASSAULT")
    );
    assert_eq!(
        code("Iraq shelled Iran's positions near Basra.", 1986)[0],
        "FIGHT IRQ>IRN"
    );
    // Urging, pressing and "must" are demands; asylum sought or granted.
    assert_eq!(
        code("France urged Chad to accept the ceasefire.", 1987)[0],
        "DEMAND FRA>TCD"
    );
    assert_eq!(
        code("Chadians sought asylum in Sudan.", 1985)[0]
            .split(' ')
            .next(),
        Some("DEMAND")
    );
    assert_eq!(
        code("Sudan granted asylum to Chadian refugees.", 1985)[0],
        "AID SDN>TCDCVL"
    );
    // Calling off a strike concedes; evacuating the wounded is aid.
    assert_eq!(
        code("The unions of Poland called off the strike.", 1988)[0]
            .split(' ')
            .next(),
        Some("CONCEDE")
    );
    assert_eq!(
        code("Japan evacuated the wounded from Kuwait.", 1990)[0],
        "AID JPN>KWT"
    );
    // A light verb's noun must be its own object, not one in a clause of its own.
    assert_eq!(
        code("France announced an aid program for Chad.", 1990),
        ["AID FRA>TCD"]
    );
    let e = code("France announced that it would halt all aid to Chad.", 1990);
    assert!(
        !e.is_empty() && e.iter().all(|e| !e.starts_with("AID")),
        "{e:?}"
    );
}

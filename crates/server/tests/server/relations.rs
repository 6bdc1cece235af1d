//! `/api/relations` over pages of our own: the events between two states (the library's
//! `Relations`, as `areabook relations A B --json`), one state's partners, names and codes,
//! filters and pages, the parameter checks (400) and unknown states (404).

use axum::http::StatusCode;
use serde_json::Value;

use crate::fixtures::{HOSTILE_EVENT, Reply, get, related};

struct Lib {
    _dir: tempfile::TempDir,
    state: server::AppState,
}

fn lib() -> Lib {
    let dir = tempfile::tempdir().unwrap();
    let state = related(dir.path());
    Lib { _dir: dir, state }
}

fn json_ok(r: &Reply) -> Value {
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.content_type(), "application/json");
    r.json()
}

/// `(type, start, end)` of every event.
fn events(v: &Value) -> Vec<(String, String, String)> {
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or("").to_owned();
            (s("type"), s("start"), s("end"))
        })
        .collect()
}

fn t(kind: &str, start: &str, end: &str) -> (String, String, String) {
    (kind.into(), start.into(), end.into())
}

#[tokio::test]
async fn a_pair_is_the_librarys_relations() {
    let l = lib();
    let json = json_ok(&get(&l.state, "/api/relations?a=Soviet%20Union&b=Japan").await);
    let want = l
        .state
        .library
        .relations(&library::RelationsQuery {
            a: "Soviet Union".into(),
            b: Some("Japan".into()),
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        json,
        serde_json::to_value(&want).unwrap(),
        "the shape of --json"
    );
    let got = events(&json);
    for want in [
        t("FIGHT", "1904", "1905"),
        t("CONSULT", "1986-01", "1986-01"),
        t("DISAPPROVE", "1975", "1975"),
    ] {
        assert!(got.contains(&want), "{want:?} missing from {got:?}");
    }
    // From the Japan book too, and never the attack that did not happen.
    assert!(got.iter().any(|(_, s, _)| s == "1956-10"), "{got:?}");
    assert!(got.iter().all(|(_, s, _)| s != "1960"), "{got:?}");
    assert_eq!(json["total"], got.len());
    assert_eq!(json["a"]["codes"], serde_json::json!(["SUN", "RUS"]));
    let hostile = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == "DISAPPROVE")
        .unwrap();
    assert_eq!(
        hostile["sentence"], HOSTILE_EVENT,
        "JSON carries the text as written"
    );
    assert_eq!(hostile["trigger"], "protested");
    // Names, aliases, ISO and CAMEO codes, either order: the same events.
    for q in [
        "a=SUN&b=JPN",
        "a=japan&b=ussr",
        "a=%20Soviet%20Union%20&b=JP",
    ] {
        let other = json_ok(&get(&l.state, &format!("/api/relations?{q}")).await);
        assert_eq!(other["total"], json["total"], "{q}");
    }
}

#[tokio::test]
async fn filters_and_pages() {
    let l = lib();
    let base = "/api/relations?a=soviet-union&b=japan";
    let all = json_ok(&get(&l.state, base).await);
    let fights = json_ok(&get(&l.state, &format!("{base}&type=fight")).await);
    assert_eq!(fights["type"], "FIGHT");
    assert!(events(&fights).iter().all(|(k, _, _)| k == "FIGHT"));
    assert_eq!(fights["total"], all["by_type"]["FIGHT"]);
    let eighties = json_ok(&get(&l.state, &format!("{base}&from=1980&to=1989")).await);
    assert_eq!(events(&eighties), [t("CONSULT", "1986-01", "1986-01")]);
    let second = json_ok(&get(&l.state, &format!("{base}&limit=1&offset=1")).await);
    assert_eq!(second["total"], all["total"]);
    assert_eq!(second["events"][0], all["events"][1]);
    let past = json_ok(&get(&l.state, &format!("{base}&offset=1000")).await);
    assert_eq!(past["events"], serde_json::json!([]));
    assert_eq!(past["total"], all["total"]);
    // Empty parameters count as not given.
    let empty = json_ok(&get(&l.state, &format!("{base}&type=&from=&to=&limit=&offset=")).await);
    assert_eq!(empty, all);
}

#[tokio::test]
async fn one_state_alone_is_its_partners() {
    let l = lib();
    for uri in ["/api/relations?a=Soviet%20Union", "/api/relations?a=SUN&b="] {
        let json = json_ok(&get(&l.state, uri).await);
        assert_eq!(json["state"]["id"], "soviet-union", "{uri}");
        let partners = json["partners"].as_array().unwrap();
        assert_eq!(partners[0]["name"], "Japan", "{json}");
        assert_eq!(partners[0]["id"], "japan");
        assert!(partners.iter().any(|p| p["name"] == "China"), "{json}");
        let pair = json_ok(&get(&l.state, "/api/relations?a=soviet-union&b=japan").await);
        assert_eq!(partners[0]["count"], pair["total"]);
        assert_eq!(partners[0]["by_type"], pair["by_type"]);
    }
    let fights = json_ok(&get(&l.state, "/api/relations?a=japan&type=FIGHT").await);
    let partners = fights["partners"].as_array().unwrap();
    assert_eq!(partners.len(), 1, "{fights}");
    assert_eq!(
        partners[0]["by_type"],
        serde_json::json!({"FIGHT": partners[0]["count"]})
    );
}

#[tokio::test]
async fn bad_parameters_are_400_and_unknown_states_404() {
    let l = lib();
    let long = "x".repeat(201);
    for (query, says) in [
        ("", "a is required"),
        ("a=", "a is required"),
        ("b=Japan", "a is required"),
        ("a=Japan&b=China&from=19", "from must be a four-digit year"),
        (
            "a=Japan&b=China&from=1990&to=1980",
            "from (1990) is after to (1980)",
        ),
        (
            "a=Japan&b=China&type=war",
            "type: \"war\" is not a PLOVER event type",
        ),
        (
            "a=Japan&b=China&limit=0",
            "limit must be between 1 and 2000",
        ),
        (
            "a=Japan&b=China&limit=2001",
            "limit must be between 1 and 2000",
        ),
        (
            "a=Japan&b=China&offset=1000001",
            "offset must be at most 1000000",
        ),
        ("a=Japan&a=China", "bad query string"),
        (&format!("a={long}"), "a is 201 characters"),
    ] {
        let r = get(&l.state, &format!("/api/relations?{query}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{query}: {}", r.body);
        let json = r.json();
        assert_eq!(json["status"], 400);
        assert!(
            json["error"].as_str().unwrap().contains(says),
            "{query}: {json}"
        );
    }
    for (query, missing, suggestion) in [
        ("a=Atlantis", "Atlantis", None),
        (
            "a=Japan&b=Soviet%20Unoin",
            "Soviet Unoin",
            Some("Soviet Union"),
        ),
        ("a=%20&b=Japan", " ", None),
    ] {
        let r = get(&l.state, &format!("/api/relations?{query}")).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{query}: {}", r.body);
        let json = r.json();
        assert!(json["error"].as_str().unwrap().contains(missing), "{json}");
        if let Some(s) = suggestion {
            assert!(
                json["suggestions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x == s),
                "{json}"
            );
        }
    }
}

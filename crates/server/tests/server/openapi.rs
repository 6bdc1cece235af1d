//! `/api/openapi.json` against the server: every documented operation is called with its
//! example parameters and its answer validated against the documented schema, in every
//! documented media type (chosen with `format`); every documented error status is provoked
//! and checked too; and every API route the server has is documented.

use serde_json::Value;

use crate::fixtures::{get, shared};

/// Check `value` against a (small) JSON Schema subset: `$ref`, `type` (one or several),
/// `oneOf`, `enum`, `minimum`, `maximum`, `required`, `properties` (no others allowed, as
/// every object schema says with `additionalProperties: false`), `items`.
fn validate(value: &Value, schema: &Value, schemas: &Value, at: &str) -> Result<(), String> {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r
            .strip_prefix("#/components/schemas/")
            .ok_or(format!("{at}: non-local $ref {r}"))?;
        let target = &schemas[name];
        if target.is_null() {
            return Err(format!("{at}: dangling $ref {r}"));
        }
        return validate(value, target, schemas, at);
    }
    if let Some(options) = schema["oneOf"].as_array() {
        return match options
            .iter()
            .filter(|o| validate(value, o, schemas, at).is_ok())
            .count()
        {
            1 => Ok(()),
            n => Err(format!(
                "{at}: {value:.200} matches {n} of oneOf, not exactly one"
            )),
        };
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    if !types.is_empty() {
        let actual = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        if !(types.contains(&actual) || (actual == "integer" && types.contains(&"number"))) {
            return Err(format!("{at}: {actual} is not {types:?}"));
        }
    }
    if let (Some(min), Some(n)) = (schema["minimum"].as_f64(), value.as_f64())
        && n < min
    {
        return Err(format!("{at}: {n} is below the minimum {min}"));
    }
    if let (Some(max), Some(n)) = (schema["maximum"].as_f64(), value.as_f64())
        && n > max
    {
        return Err(format!("{at}: {n} is above the maximum {max}"));
    }
    if let Some(allowed) = schema["enum"].as_array()
        && !allowed.contains(value)
    {
        return Err(format!("{at}: {value} not in {allowed:?}"));
    }
    if let Value::Object(map) = value {
        for key in schema["required"].as_array().into_iter().flatten() {
            let key = key.as_str().unwrap();
            if !map.contains_key(key) {
                return Err(format!("{at}: missing required {key:?} in {value:.200}"));
            }
        }
        if let Some(props) = schema["properties"].as_object() {
            for (k, v) in map {
                let sub = props
                    .get(k)
                    .ok_or(format!("{at}: undocumented key {k:?}"))?;
                validate(v, sub, schemas, &format!("{at}.{k}"))?;
            }
        }
    }
    if let (Value::Array(items), Some(item_schema)) = (value, schema.get("items")) {
        // The first few items are enough to catch a shape mismatch.
        for (i, item) in items.iter().take(3).enumerate() {
            validate(item, item_schema, schemas, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

fn example(p: &Value) -> String {
    match &p["example"] {
        Value::String(s) => s.clone(),
        Value::Null => panic!("parameter {} has no example", p["name"]),
        other => other.to_string(),
    }
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The request for an operation: examples for every parameter, then `tweak` applied to
/// (name, location, value) — `None` drops the parameter.
fn uri(path: &str, op: &Value, tweak: &dyn Fn(&str, &str, String) -> Option<String>) -> String {
    let mut uri = path.to_owned();
    let mut query = Vec::new();
    for p in op["parameters"].as_array().into_iter().flatten() {
        let name = p["name"].as_str().unwrap();
        let location = p["in"].as_str().unwrap();
        let Some(value) = tweak(name, location, example(p)) else {
            continue;
        };
        match location {
            "path" => uri = uri.replace(&format!("{{{name}}}"), &encode(&value)),
            "query" => query.push(format!("{name}={}", encode(&value))),
            other => panic!("parameter location {other}"),
        }
    }
    assert!(!uri.contains('{'), "unfilled path parameter in {uri}");
    if !query.is_empty() {
        uri = format!("{uri}?{}", query.join("&"));
    }
    uri
}

#[tokio::test]
async fn every_documented_operation_answers_as_documented() {
    let Some(state) = shared() else { return };
    let r = get(&state, "/api/openapi.json").await;
    assert_eq!(r.status.as_u16(), 200);
    assert_eq!(r.content_type(), "application/json");
    let spec = r.json();
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    let schemas = &spec["components"]["schemas"];
    let paths = spec["paths"].as_object().unwrap();

    // Every API route the server has is documented, and nothing else.
    let mut documented: Vec<&str> = paths.keys().map(String::as_str).collect();
    documented.sort();
    assert_eq!(
        documented,
        [
            "/api",
            "/api/books",
            "/api/books/{id}",
            "/api/books/{id}/chapters/{heading}",
            "/api/compare",
            "/api/countries",
            "/api/countries/{id}",
            "/api/diff",
            "/api/entities/{id}",
            "/api/history",
            "/api/openapi.json",
            "/api/places",
            "/api/relations",
            "/api/search",
            "/api/sections/{id}",
            "/api/sections/{id}/citation",
            "/api/sections/{id}/entities",
            "/api/timeline",
            "/healthz"
        ]
    );

    let mut calls = 0;
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            assert_eq!(method, "get", "{path}: only GET is served");
            let has_required_query = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|p| p["required"] == true && p["in"] == "query");
            for (status, response) in op["responses"].as_object().unwrap() {
                let has_json_schema = response["content"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .any(|(m, c)| m.ends_with("json") && !c["schema"].is_null());
                assert!(has_json_schema, "{path} {status}: no JSON schema");
                // Every documented media type, each asked for with its `format`.
                for (media_type, content) in response["content"].as_object().unwrap() {
                    let format = match media_type.as_str() {
                        // JSON, or GeoJSON (the places route's only answer).
                        "application/json" | "application/geo+json" => None,
                        other => Some(
                            FORMATS
                                .iter()
                                .find(|(m, _)| *m == other)
                                .unwrap_or_else(|| panic!("{path}: which format gives {other}?"))
                                .1,
                        ),
                    };
                    let with_format = |name: &str, v: String| match (name, format) {
                        ("format", Some(f)) => f.to_owned(),
                        _ => v,
                    };
                    let uri = match status.as_str() {
                        "200" => uri(path, op, &|name, _, v| Some(with_format(name, v))),
                        // Not found: an unknown id, or an unknown country filter.
                        "404" => uri(path, op, &|name, location, v| match (name, location) {
                            (_, "path") => Some("no-such-id".into()),
                            ("country" | "a", _) => Some("No Such Country".into()),
                            _ => Some(v),
                        }),
                        // Bad request: leave out the required query parameters; where none
                        // is required, ask for a format that does not exist.
                        "400" => uri(path, op, &|name, _, v| {
                            let required = op["parameters"].as_array().unwrap().iter().any(|p| {
                                p["name"] == name && p["required"] == true && p["in"] == "query"
                            });
                            match name {
                                _ if required => None,
                                "format" if !has_required_query => Some("no-such-format".into()),
                                _ => Some(v),
                            }
                        }),
                        // URI too long: the first parameter padded past the limit.
                        "414" => {
                            let first = op["parameters"][0]["name"].as_str().unwrap();
                            uri(path, op, &|name, _, v| {
                                Some(if name == first {
                                    format!("{v}{}", "x".repeat(server::MAX_URI_LEN))
                                } else {
                                    v
                                })
                            })
                        }
                        other => panic!("{path}: no way to provoke documented status {other}"),
                    };
                    let r = get(&state, &uri).await;
                    assert_eq!(r.status.as_str(), status, "{uri}: {:.300}", r.body);
                    let content_type = r.content_type();
                    assert!(
                        content_type == media_type
                            || content_type.starts_with(&format!("{media_type}; charset=utf-8")),
                        "{uri}: {content_type}, documented {media_type}"
                    );
                    if media_type.ends_with("json") {
                        let at = format!("{uri} {status}");
                        if let Err(e) = validate(&r.json(), &content["schema"], schemas, &at) {
                            panic!("{e}");
                        }
                    } else {
                        assert!(!r.body.is_empty(), "{uri}");
                    }
                    calls += 1;
                    // Error answers are JSON whatever was asked.
                    if status != "200" {
                        break;
                    }
                }
            }
        }
    }
    assert_eq!(
        calls, 61,
        "24 success answers (19 routes; the timeline and the history in 2 media types, the \
         citation in 4) and 37 documented errors"
    );
    // A TimelineJS document is the other JSON a timeline answers.
    let op = &paths["/api/timeline"]["get"];
    let r = get(
        &state,
        &uri("/api/timeline", op, &|name, _, v| {
            Some(if name == "format" {
                "timelinejs".into()
            } else {
                v
            })
        }),
    )
    .await;
    let schema = &op["responses"]["200"]["content"]["application/json"]["schema"];
    validate(&r.json(), schema, schemas, "timelinejs").unwrap();
    assert!(!r.json()["events"].as_array().unwrap().is_empty());
}

/// The media type each `format` value answers in.
const FORMATS: [(&str, &str); 4] = [
    ("text/csv", "csv"),
    ("text/plain", "text"),
    ("application/x-bibtex", "bibtex"),
    ("application/vnd.citationstyles.csl+json", "csl-json"),
];

#[tokio::test]
async fn the_example_search_finds_the_seed_page() {
    let Some(state) = shared() else { return };
    let spec = get(&state, "/api/openapi.json").await.json();
    let op = &spec["paths"]["/api/search"]["get"];
    let r = get(&state, &uri("/api/search", op, &|_, _, v| Some(v))).await;
    let json = r.json();
    assert_eq!(json["total"], 1, "{json}");
    assert_eq!(json["hits"][0]["country"], "Soviet Union");
    assert_eq!(json["hits"][0]["data_as_of"], "1989-05");
}

#[test]
fn the_validator_rejects_wrong_shapes() {
    let schemas = serde_json::json!({
        "Link": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
    });
    let schema =
        serde_json::json!({"oneOf": [{"$ref": "#/components/schemas/Link"}, {"type": "null"}]});
    assert!(validate(&serde_json::json!({"id": "a"}), &schema, &schemas, "x").is_ok());
    assert!(validate(&Value::Null, &schema, &schemas, "x").is_ok());
    assert!(validate(&serde_json::json!({"id": 1}), &schema, &schemas, "x").is_err());
    assert!(
        validate(
            &serde_json::json!({"id": "a", "extra": 1}),
            &schema,
            &schemas,
            "x"
        )
        .is_err()
    );
    assert!(validate(&serde_json::json!({}), &schema, &schemas, "x").is_err());
}

#[test]
fn every_object_schema_is_closed_and_every_search_filter_is_documented() {
    let spec: Value = serde_json::from_str(include_str!("../../src/openapi.json")).unwrap();
    // Closed objects: Schemathesis (tools/schemathesis.sh) then fails on an undocumented
    // key, as `validate` above does.
    for (name, schema) in spec["components"]["schemas"].as_object().unwrap() {
        if schema["type"] == "object" && schema.get("properties").is_some() {
            assert_eq!(
                schema["additionalProperties"],
                Value::Bool(false),
                "{name} must say additionalProperties: false"
            );
        }
    }
    // The CLI's `search` flags, under their query-string names, in the CLI's order.
    let names: Vec<&str> = spec["paths"]["/api/search"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "q",
            "country",
            "book",
            "as_of_from",
            "as_of_to",
            "limit",
            "offset"
        ]
    );
    // Every operation has an id, and every operation a link names exists.
    let mut ids = Vec::new();
    for item in spec["paths"].as_object().unwrap().values() {
        ids.push(item["get"]["operationId"].as_str().unwrap().to_owned());
    }
    for item in spec["paths"].as_object().unwrap().values() {
        for response in item["get"]["responses"].as_object().unwrap().values() {
            for link in response["links"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|l| l.1)
            {
                let op = link["operationId"].as_str().unwrap();
                assert!(
                    ids.iter().any(|i| i == op),
                    "link to unknown operation {op}"
                );
            }
        }
    }
}

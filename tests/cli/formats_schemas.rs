//! The JSON Schemas and the loader give the same verdict (issue 14): one
//! corpus (tests/fixtures/schema_corpus.json) of catalog and profile
//! documents, each run through `certpath` and through real JSON Schema
//! validators (the `jsonschema` crate, and Python's `jsonschema` with
//! format checking), all required to agree with the verdict written down.

use crate::consumers::{python, run_python};
use crate::util::{certpath, fixture, run};
use serde_json::Value;

struct Case {
    kind: &'static str,
    name: String,
    valid: bool,
    doc: Value,
}

fn corpus() -> Vec<Case> {
    let text = std::fs::read_to_string(fixture("schema_corpus.json")).unwrap();
    let all: Value = serde_json::from_str(&text).unwrap();
    let mut out = Vec::new();
    for kind in ["catalog", "profile"] {
        for c in all[kind].as_array().unwrap() {
            out.push(Case {
                kind,
                name: c["name"].as_str().unwrap().to_string(),
                valid: c["valid"].as_bool().unwrap(),
                doc: c["doc"].clone(),
            });
        }
    }
    out
}

fn schema(kind: &str) -> String {
    let (out, err, code) = run(certpath().args(["catalog", "schema", kind]));
    assert_eq!(code, 0, "{err}");
    out
}

/// The loader's verdict: `catalog validate` alone for a catalog, `profile
/// show` for a profile (against the bundled catalog).
fn loader_accepts(case: &Case, dir: &std::path::Path) -> bool {
    let file = dir.join(format!(
        "{}.json",
        case.name.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    ));
    std::fs::write(&file, case.doc.to_string()).unwrap();
    let (_, err, code) = match case.kind {
        "catalog" => run(certpath()
            .args(["--no-builtin", "catalog", "validate"])
            .arg(&file)),
        _ => run(certpath().args(["profile", "show", "--profile"]).arg(&file)),
    };
    assert!(code == 0 || code == 65, "{}: exit {code}: {err}", case.name);
    code == 0
}

#[test]
fn schema_and_loader_agree_on_every_document_of_the_corpus() {
    let cases = corpus();
    assert!(cases.len() >= 90, "{} cases", cases.len());
    assert!(cases.iter().any(|c| c.valid) && cases.iter().any(|c| !c.valid));
    let validators: Vec<(&str, jsonschema::Validator)> = ["catalog", "profile"]
        .into_iter()
        .map(|k| {
            let s: Value = serde_json::from_str(&schema(k)).unwrap();
            (
                k,
                jsonschema::validator_for(&s).expect("a valid JSON Schema"),
            )
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut wrong = Vec::new();
    for c in &cases {
        let v = &validators.iter().find(|(k, _)| *k == c.kind).unwrap().1;
        let schema_ok = v.is_valid(&c.doc);
        let loader_ok = loader_accepts(c, dir.path());
        if schema_ok != c.valid || loader_ok != c.valid {
            wrong.push(format!(
                "{} `{}`: expected {}, schema {}, loader {}",
                c.kind, c.name, c.valid, schema_ok, loader_ok
            ));
        }
    }
    assert!(wrong.is_empty(), "disagreements:\n{}", wrong.join("\n"));
}

/// Python's `jsonschema`, with `format` checked too, agrees as well.
#[test]
fn python_jsonschema_agrees_with_the_corpus() {
    let Some(py) = python(&["jsonschema"], "python_jsonschema_agrees_with_the_corpus") else {
        return;
    };
    let script = r#"
import sys, json
from jsonschema import Draft202012Validator, FormatChecker
schemas = json.loads(sys.argv[1])
corpus = json.load(sys.stdin)
wrong = []
for kind in ("catalog", "profile"):
    v = Draft202012Validator(schemas[kind], format_checker=FormatChecker())
    for c in corpus[kind]:
        ok = v.is_valid(c["doc"])
        if ok != c["valid"]:
            wrong.append(f"{kind} {c['name']}: expected {c['valid']}, schema {ok}")
print("\n".join(wrong))
"#;
    let schemas = serde_json::json!({
        "catalog": serde_json::from_str::<Value>(&schema("catalog")).unwrap(),
        "profile": serde_json::from_str::<Value>(&schema("profile")).unwrap(),
    });
    let corpus = std::fs::read_to_string(fixture("schema_corpus.json")).unwrap();
    let out = run_python(&py, script, &[&schemas.to_string()], &corpus);
    assert!(out.trim().is_empty(), "disagreements:\n{out}");
}

//! The planning rules of issues 11 and 13 on a small catalog made for
//! them: tests/fixtures/roles-rules.json. Hours per level: Basics 5, 10,
//! 20, 40; Deep 50, 100, 150, 200; Extra 3 each.

use crate::util::{certpath, fixture, run};
use assert_cmd::Command;
use serde_json::Value;

fn rules() -> Command {
    let mut c = certpath();
    c.arg("--no-builtin")
        .arg("--catalog")
        .arg(fixture("roles-rules.json"));
    c
}

fn json_of(args: &[&str]) -> Value {
    let (out, err, code) = run(rules().args(args).args(["--format", "json"]));
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("bad JSON ({e}): {out}"))
}

#[test]
fn why_a_cert_the_plan_passed_over_is_needed_through_its_any_of() {
    let plan = json_of(&["plan", "--role", "demand-role", "--no-profile"]);
    let chosen = plan["choices"][0]["chosen"].as_str().unwrap().to_string();
    let other = if chosen == "popular-cert" {
        "quick-cert"
    } else {
        "popular-cert"
    };
    let (out, err, code) =
        run(rules().args(["why", other, "--role", "demand-role", "--no-profile"]));
    assert_eq!(code, 0, "an accepted option is needed: {out}{err}");
    assert!(
        out.contains("one of the accepted options"),
        "says it is an option: {out}"
    );
    let v = json_of(&["why", other, "--role", "demand-role", "--no-profile"]);
    assert_eq!(
        v["chains"][0]["path"],
        serde_json::json!(["demand-role", other])
    );
    assert_eq!(v["chains"][0]["instead_of"], chosen.as_str());
    // The chosen one has a plain chain.
    let v = json_of(&["why", &chosen, "--role", "demand-role", "--no-profile"]);
    assert!(v["chains"][0].get("instead_of").is_none(), "{v}");
}

#[test]
fn unknown_study_hours_and_demand_and_grace_are_shown() {
    let (out, _, code) = run(rules().args(["cert", "mystery-cert"]));
    assert_eq!(code, 0);
    assert!(out.contains("Study hours | unknown"), "{out}");
    let v = json_of(&["cert", "mystery-cert"]);
    assert_eq!(v["certification"]["study_hours"], Value::Null);
    let (out, _, _) = run(rules().args(["cert", "asked-more"]));
    assert!(out.contains("500 job postings ask for it"), "{out}");
    let v = json_of(&["cert", "asked-more"]);
    assert_eq!(v["certification"]["demand"], 500);
    let (out, _, _) = run(rules().args(["cert", "lapse-grace"]));
    assert!(
        out.contains("late renewal up to 12 months after expiry"),
        "{out}"
    );
}

#[test]
fn roles_asking_for_one_retired_cert_make_one_warning_with_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("retired.json");
    let roles: Vec<Value> = (0..3)
        .map(|i| serde_json::json!({"id": format!("r{i}"), "name": format!("R{i}"), "certifications": ["old"]}))
        .collect();
    let doc = serde_json::json!({
        "certifications": [
            {"id": "old", "name": "Old", "vendor": "V", "exams": [{"code": "O-1"}],
             "status": "retired", "replaced_by": ["new"]},
            {"id": "new", "name": "New", "vendor": "V", "exams": [{"code": "N-1"}]}
        ],
        "roles": roles
    });
    std::fs::write(&file, doc.to_string()).unwrap();
    let (_, err, code) = run(certpath()
        .args(["--no-builtin", "catalog", "validate"])
        .arg(&file));
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].contains("role `r0` and 2 more roles ask for retired certification `old`"),
        "{err}"
    );
}

/// A profile file in a temporary folder (kept alive by the returned guard).
fn profile(doc: Value) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    (dir, path)
}

#[test]
fn gap_lists_skill_choices_experience_degrees_and_suggestions() {
    let g = json_of(&["gap", "--role", "senior-role", "--no-profile"]);
    let kinds: Vec<&str> = g["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["skill", "any_of", "experience"]);
    assert_eq!(g["requirements"][1]["id"], "any_of:cloud-a|cloud-b");
    assert_eq!(g["requirements"][2]["id"], "experience:senior-role");
    assert_eq!(g["requirements"][2]["need"], 36);
    assert_eq!(g["suggestions"][0]["id"], "extra");
    // A bachelor's degree waives 12 months; Cloud B at 2 meets the any_of.
    let (_d, p) = profile(serde_json::json!({
        "degree": "bachelor",
        "skills": {"cloud-b": 2},
        "experience_months": {"systems": 30}
    }));
    let g = json_of(&[
        "gap",
        "--role",
        "senior-role",
        "--profile",
        p.to_str().unwrap(),
    ]);
    assert_eq!(g["requirements"][1]["met"], true);
    assert_eq!(g["requirements"][1]["have"], "cloud-b");
    assert_eq!(g["requirements"][2]["need"], 24);
    assert_eq!(g["requirements"][2]["met"], true);
    let (out, _, _) = run(rules().args(["gap", "--role", "senior-role", "--no-profile"]));
    assert!(
        out.contains("Also useful, not required (not counted): Extra to level 2"),
        "{out}"
    );
    // A degree in a cert any_of.
    let (_d, p) = profile(serde_json::json!({"degree": "master"}));
    let g = json_of(&[
        "gap",
        "--role",
        "degree-role",
        "--profile",
        p.to_str().unwrap(),
    ]);
    assert_eq!(g["requirements"][0]["met"], true);
    assert_eq!(g["requirements"][0]["have"], "master degree");
    assert_eq!(
        g["requirements"][0]["need"],
        serde_json::json!(["entry-cert", {"degree": "bachelor"}])
    );
    let (out, _, _) = run(rules().args(["gap", "--role", "degree-role", "--no-profile"]));
    assert!(
        out.contains("one of: Entry Cert, or a bachelor's degree or higher"),
        "{out}"
    );
}

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

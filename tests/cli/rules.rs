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
    assert!(out.contains("Study hours: unknown"), "{out}");
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

fn plan_of(args: &[&str]) -> Value {
    let mut a = vec!["plan"];
    a.extend_from_slice(args);
    json_of(&a)
}

fn step_ids(plan: &Value) -> Vec<String> {
    plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect()
}

fn code_of(args: &[&str]) -> i32 {
    run(rules().args(args)).2
}

#[test]
fn role_experience_is_a_step_dates_the_finish_and_caps_readiness() {
    let p = plan_of(&["--role", "senior-role", "--no-profile"]);
    let x = p["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "experience:senior-role")
        .unwrap_or_else(|| panic!("an experience step: {p}"));
    assert_eq!(x["kind"], "experience");
    assert_eq!(x["months"], 36);
    assert_eq!(x["area"], "systems");
    assert_eq!(x["for"], serde_json::json!(["senior-role"]));
    assert_eq!(p["summary"]["finish"], "2029-11-24");
    assert_eq!(p["summary"]["readiness_percent"], 0);
    assert_eq!(
        code_of(&["check", "--role", "senior-role", "--no-profile"]),
        1
    );
    // Every skill there, a bachelor's (36 - 12 = 24 months asked), 12 had:
    // readiness is at most the share of the experience, 50%.
    let (_d, f) = profile(serde_json::json!({
        "degree": "bachelor", "skills": {"basics": 2, "cloud-a": 2},
        "experience_months": {"systems": 12}
    }));
    let f = f.to_str().unwrap();
    let p = plan_of(&["--role", "senior-role", "--profile", f]);
    assert_eq!(step_ids(&p), ["experience:senior-role"]);
    assert_eq!(p["steps"][0]["months"], 12);
    assert_eq!(p["summary"]["readiness_percent"], 50);
    assert_eq!(
        code_of(&["check", "--role", "senior-role", "--profile", f]),
        1
    );
    let (_d, f) = profile(serde_json::json!({
        "degree": "bachelor", "skills": {"basics": 2, "cloud-a": 2},
        "experience_months": {"systems": 24}
    }));
    let f = f.to_str().unwrap();
    assert_eq!(
        code_of(&["check", "--role", "senior-role", "--profile", f]),
        0
    );
    let (out, _, _) = run(rules().args(["plan", "--role", "senior-role", "--no-profile"]));
    assert!(out.contains("systems experience"), "{out}");
}

#[test]
fn a_skill_any_of_plans_one_option_and_optional_skills_are_suggestions() {
    let p = plan_of(&["--role", "senior-role", "--no-profile"]);
    let ids = step_ids(&p);
    assert!(ids.contains(&"cloud-a".to_string()), "{ids:?}");
    assert!(
        !ids.contains(&"cloud-b".to_string()),
        "one option only: {ids:?}"
    );
    assert!(
        !ids.contains(&"extra".to_string()),
        "optional is no step: {ids:?}"
    );
    let c = &p["choices"][0];
    assert_eq!(c["any_of"], serde_json::json!(["cloud-a", "cloud-b"]));
    assert_eq!(c["chosen"], "cloud-a");
    assert_eq!(p["suggestions"][0]["id"], "extra");
    assert_eq!(p["suggestions"][0]["to_level"], 2);
    assert_eq!(p["suggestions"][0]["hours"], 6);
    // Readiness counts the core only: with Basics and Cloud A there, the
    // study part is done (the experience remains).
    let (out, _, _) = run(rules().args(["plan", "--role", "senior-role", "--no-profile"]));
    assert!(out.contains("Also useful"), "{out}");
    assert!(out.contains("Extra"), "{out}");
    // An option already there wins: Cloud B at 2.
    let p = plan_of(&[
        "--role",
        "senior-role",
        "--no-profile",
        "--have",
        "cloud-b=2",
    ]);
    let ids = step_ids(&p);
    assert!(!ids.iter().any(|i| i.starts_with("cloud")), "{ids:?}");
}

#[test]
fn a_degree_meets_a_cert_any_of_that_accepts_it() {
    assert_eq!(
        code_of(&["check", "--role", "degree-role", "--no-profile"]),
        1
    );
    let p = plan_of(&["--role", "degree-role", "--no-profile"]);
    assert!(step_ids(&p).contains(&"entry-cert".to_string()));
    let (_d, f) = profile(serde_json::json!({"degree": "master"}));
    let f = f.to_str().unwrap();
    assert_eq!(
        code_of(&["check", "--role", "degree-role", "--profile", f]),
        0
    );
    let (_d, f) = profile(serde_json::json!({"degree": "associate"}));
    let f = f.to_str().unwrap();
    assert_eq!(
        code_of(&["check", "--role", "degree-role", "--profile", f]),
        1
    );
}

#[test]
fn same_as_counts_both_ways_and_is_learned_once() {
    // Shells at 3 is Scripting at 2 (the link's level), and back.
    assert_eq!(
        code_of(&[
            "check",
            "--role",
            "script-role",
            "--no-profile",
            "--have",
            "shells=3"
        ]),
        0
    );
    let g = json_of(&[
        "gap",
        "--role",
        "both-role",
        "--no-profile",
        "--have",
        "scripting=2",
    ]);
    assert_eq!(
        g["requirements"][0]["have"], 2,
        "Scripting 2 counts as Shells 2"
    );
    // Shells 2 is Scripting 2: one skill learned, not both.
    let p = plan_of(&["--role", "both-role", "--no-profile"]);
    let ids = step_ids(&p);
    assert!(!ids.contains(&"shells".to_string()), "{ids:?}");
    assert_eq!(p["summary"]["total_hours"], 10 + 20 + 40);
    // rank agrees with check.
    let r = json_of(&["rank", "--no-profile", "--have", "shells=3"]);
    let script = r["roles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "script-role")
        .unwrap();
    assert_eq!(script["readiness_percent"], 100);
}

#[test]
fn the_most_requested_option_wins_unless_another_is_clearly_sooner() {
    // Popular 35 + 40 = 75 h, Quick 35 + 30 = 65 h: 10 h is not a third.
    let p = plan_of(&["--role", "demand-role", "--no-profile"]);
    let c = &p["choices"][0];
    assert_eq!(c["chosen"], "popular-cert");
    assert_eq!(c["runner_up"], "quick-cert");
    assert_eq!(c["rule"], "demand");
    assert_eq!(
        c["why"],
        "most requested by employers; Quick Cert would take 10 fewer hours and cost $100 less"
    );
    let (out, _, _) = run(rules().args(["plan", "--role", "demand-role", "--no-profile"]));
    assert!(
        out.contains("Chose popular-cert over quick-cert: most requested by employers; Quick Cert would take 10 fewer"),
        "{out}"
    );
    // Slow 300 + 20 = 320 h against Quick's 65 h: clearly sooner.
    let p = plan_of(&["--role", "override-role", "--no-profile"]);
    let c = &p["choices"][0];
    assert_eq!(c["chosen"], "quick-cert");
    assert_eq!(c["runner_up"], "slow-cert");
    assert_eq!(c["rule"], "sooner");
    assert!(
        c["why"]
            .as_str()
            .unwrap()
            .contains("255 fewer hours than Slow Cert"),
        "{c}"
    );
    // Sourced demand figures rank the options when all have one.
    let p = plan_of(&["--role", "figure-role", "--no-profile"]);
    assert_eq!(p["choices"][0]["chosen"], "asked-more");
    assert_eq!(p["choices"][0]["rule"], "demand");
}

#[test]
fn choose_by_and_prefer_override_the_rule() {
    let chosen = |extra: &[&str]| {
        let mut a = vec!["--role", "demand-role", "--no-profile"];
        a.extend_from_slice(extra);
        let p = plan_of(&a);
        (
            p["choices"][0]["chosen"].as_str().unwrap().to_string(),
            p["choices"][0]["rule"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(
        chosen(&["--choose-by", "time"]),
        ("quick-cert".into(), "time".into())
    );
    assert_eq!(
        chosen(&["--choose-by", "cost"]),
        ("quick-cert".into(), "cost".into())
    );
    assert_eq!(
        chosen(&["--choose-by", "demand"]),
        ("popular-cert".into(), "demand".into())
    );
    assert_eq!(
        chosen(&["--prefer", "quick-cert"]),
        ("quick-cert".into(), "prefer".into())
    );
    // Always the most requested, even when another is far sooner.
    let p = plan_of(&[
        "--role",
        "override-role",
        "--no-profile",
        "--choose-by",
        "demand",
    ]);
    assert_eq!(p["choices"][0]["chosen"], "slow-cert");
    let (_, err, code) =
        run(rules().args(["plan", "--role", "demand-role", "--choose-by", "luck"]));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn unknown_hours_or_prices_never_win_a_choice_on_that_account() {
    // Mystery is listed first: it wins on demand, and the reason says
    // what is unknown.
    let p = plan_of(&["--role", "unknown-role", "--no-profile"]);
    let c = &p["choices"][0];
    assert_eq!(c["chosen"], "mystery-cert");
    let why = c["why"].as_str().unwrap();
    assert!(why.starts_with("most requested by employers"), "{why}");
    assert!(
        why.contains("Mystery Cert's study hours and price are unknown"),
        "{why}"
    );
    // Listed second, its unknown hours (35 known + ?) cannot make it
    // "clearly sooner" than Quick's 65, nor quicker, nor cheaper.
    for by in [None, Some("time"), Some("cost")] {
        let mut a = vec!["--role", "unknown-second-role", "--no-profile"];
        if let Some(b) = by {
            a.extend(["--choose-by", b]);
        }
        let p = plan_of(&a);
        let c = &p["choices"][0];
        assert_eq!(c["chosen"], "quick-cert", "{by:?}: {c}");
        assert!(
            c["why"]
                .as_str()
                .unwrap()
                .contains("Mystery Cert's study hours and price are unknown"),
            "{by:?}: {c}"
        );
    }
}

#[test]
fn a_recommendation_is_met_by_a_higher_cert_with_the_shared_skills() {
    let p = plan_of(&["--role", "sec-role", "--no-profile"]);
    assert!(
        step_ids(&p).contains(&"net-entry".to_string()),
        "{:?}",
        step_ids(&p)
    );
    // Net Pro (associate) gives Net 3 but Cabling 1 only: not every skill
    // of Net Entry, yet what Sec Entry builds on (Net 2) is there.
    let p = plan_of(&["--role", "sec-role", "--no-profile", "--have", "net-pro"]);
    assert_eq!(step_ids(&p), ["sec", "sec-entry"]);
    // The same skills self-assessed, without a cert that high: still
    // recommended.
    let p = plan_of(&["--role", "sec-role", "--no-profile", "--have", "net=3"]);
    assert!(step_ids(&p).contains(&"net-entry".to_string()));
}

#[test]
fn a_lapsed_cert_is_not_held_the_plan_retakes_or_renews_it() {
    // Lapse Retake: 2 years from 2024-01-01, lapsed 2026-01-01; no late renewal.
    let (_d, f) = profile(serde_json::json!({
        "certifications": [{"id": "lapse-retake", "earned": "2024-01-01"}]
    }));
    let f = f.to_str().unwrap();
    assert_eq!(
        code_of(&["check", "--role", "retake-role", "--profile", f]),
        1
    );
    let p = plan_of(&["--role", "retake-role", "--profile", f]);
    assert_eq!(step_ids(&p), ["lapse-retake"], "its skills still count");
    assert!(p["steps"][0]["why"]
        .as_str()
        .unwrap()
        .contains("lapsed on 2026-01-01"));
    let g = json_of(&["gap", "--role", "retake-role", "--profile", f]);
    assert_eq!(g["requirements"][0]["met"], false);
    assert_eq!(
        g["requirements"][0]["have"],
        "lapse-retake lapsed on 2026-01-01"
    );
    let (out, _, _) = run(rules().args(["gap", "--role", "retake-role", "--profile", f]));
    assert!(
        out.contains("it counts for its skills but no longer"),
        "{out}"
    );
    // Lapse Grace: 3 years from 2023-06-01, lapsed 2026-06-01, late
    // renewal accepted 12 months: a renewal step, no exam.
    let (_d, f) = profile(serde_json::json!({
        "certifications": [{"id": "lapse-grace", "earned": "2023-06-01"}]
    }));
    let f = f.to_str().unwrap();
    assert_eq!(
        code_of(&["check", "--role", "grace-role", "--profile", f]),
        1
    );
    let p = plan_of(&["--role", "grace-role", "--profile", f]);
    assert_eq!(step_ids(&p), ["renewal:lapse-grace"]);
    assert_eq!(p["steps"][0]["kind"], "renewal");
    assert_eq!(p["steps"][0]["late"], true);
    // Past the grace: the exam again.
    let (_d, f) = profile(serde_json::json!({
        "certifications": [{"id": "lapse-grace", "earned": "2022-01-01"}]
    }));
    let p = plan_of(&["--role", "grace-role", "--profile", f.to_str().unwrap()]);
    assert_eq!(step_ids(&p), ["lapse-grace"]);
}

#[test]
fn an_exam_past_its_retirement_is_booked_under_the_successor() {
    // Basics 0->1 5 h + 10 h: the exam falls on 2026-12-05, after OC-1
    // retires (2026-11-30). OC-2 is priced by Next Code Cert: $250.
    let p = plan_of(&["--role", "successor-role", "--no-profile"]);
    let exam = p["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "old-code-cert")
        .unwrap();
    assert_eq!(exam["exams"], serde_json::json!(["OC-2"]));
    assert_eq!(exam["cost_usd"], 250);
    assert!(exam.get("cost_assumed").is_none(), "{exam}");
    let codes: Vec<&str> = p["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap_or_default())
        .collect();
    assert!(
        codes.contains(&"exam-after-retirement"),
        "{}",
        p["warnings"]
    );
    // US-2's price is not known: the old one, marked as assumed.
    let p = plan_of(&["--role", "unpriced-role", "--no-profile"]);
    let exam = p["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "unpriced-successor-cert")
        .unwrap();
    assert_eq!(exam["exams"], serde_json::json!(["US-2"]));
    assert_eq!(exam["cost_usd"], 180);
    assert_eq!(exam["cost_assumed"], true);
    let (out, _, _) = run(rules().args(["plan", "--role", "unpriced-role", "--no-profile"]));
    assert!(out.contains("US-2"), "{out}");
    assert!(out.contains("assumed"), "{out}");
}

#[test]
fn a_lapsed_cert_gets_no_renewals_of_its_old_cycle() {
    // Lapse Retake lapsed 2026-01-01 (2 years); its old cycle would renew
    // on 2028-01-01. The plan retakes it instead: renewals follow the
    // new exam's date, none from the old cycle.
    let (_d, f) = profile(serde_json::json!({
        "certifications": [{"id": "lapse-retake", "earned": "2024-01-01"}]
    }));
    let p = plan_of(&[
        "--role",
        "retake-role",
        "--profile",
        f.to_str().unwrap(),
        "--hours-per-week",
        "1",
        "--start",
        "2027-12-01",
    ]);
    let renewals: Vec<&str> = p["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == "renewal")
        .map(|s| s["start"].as_str().unwrap())
        .collect();
    assert!(!renewals.contains(&"2028-01-01"), "{renewals:?}");
}

#[test]
fn an_option_is_not_sooner_when_the_roles_own_experience_ends_the_plan() {
    // Senior IT Project Manager asks for years of experience: PRINCE2
    // Practitioner has no experience rule and fewer hours than PMP, but
    // the plan ends on the role's experience date with either, so the most
    // requested (PMP) is taken.
    let (out, err, code) = run(certpath().args([
        "plan",
        "--no-profile",
        "--role",
        "senior-it-project-manager",
        "--format",
        "json",
    ]));
    assert_eq!(code, 0, "{err}");
    let plan: Value = serde_json::from_str(&out).expect("JSON");
    let choice = &plan["choices"][0];
    assert_eq!(choice["chosen"], "pmi-pmp", "{choice}");
    assert_eq!(choice["rule"], "demand", "{choice}");
    // Without the role's experience to wait for, time decides as before.
    let (out, _, _) = run(certpath().args([
        "plan",
        "--no-profile",
        "--role",
        "senior-it-project-manager",
        "--choose-by",
        "time",
        "--format",
        "json",
    ]));
    let plan: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(plan["choices"][0]["rule"], "time");
}

#[test]
fn an_option_that_builds_on_a_held_cert_a_level_up_continues_the_path() {
    let choice = |args: &[&str]| -> Value {
        let (out, err, code) = run(certpath()
            .args(["plan", "--no-profile", "--format", "json"])
            .args(args));
        assert_eq!(code, 0, "{err}");
        let plan: Value = serde_json::from_str(&out).expect("JSON");
        plan["choices"][0].clone()
    };
    // AZ-305 requires AZ-104 and is a level above it.
    let c = choice(&["--role", "cloud-architect", "--have", "microsoft-az-104"]);
    assert_eq!(c["chosen"], "microsoft-az-305", "{c}");
    assert_eq!(c["rule"], "path", "{c}");
    assert!(c["why"]
        .as_str()
        .unwrap()
        .starts_with("builds on AZ-104, which you hold"));
    // Without it, employer demand decides.
    let c = choice(&["--role", "cloud-architect"]);
    assert_eq!(c["rule"], "demand", "{c}");
    // Network+ recommends A+, but at the same level: a start, not a path.
    let c = choice(&["--role", "network-engineer", "--have", "comptia-a-plus"]);
    assert_eq!(
        (&c["chosen"], &c["rule"]),
        (&"cisco-ccna".into(), &"demand".into()),
        "{c}"
    );
}

#[test]
fn a_cert_earned_before_its_vendor_started_renewals_stays_valid_for_life() {
    // CompTIA Server+ joined the CE program on 2025-10-01 and A+ on
    // 2011-01-01: certs earned earlier are good for life; Project+ earned
    // in 2026 lasts 3 years.
    let (_d, f) = profile(serde_json::json!({
        "certifications": [
            {"id": "comptia-server-plus", "earned": "2015-05-01"},
            {"id": "comptia-a-plus", "earned": "2008-03-01"},
            {"id": "comptia-project-plus", "earned": "2026-01-10"}
        ]
    }));
    let f = f.to_str().unwrap();
    let gap = |role: &str, today: &str| -> Value {
        let (out, err, code) = run(certpath().env("CERTPATH_TODAY", today).args([
            "gap",
            "--role",
            role,
            "--profile",
            f,
            "--format",
            "json",
        ]));
        assert!(code == 0, "exit {code}: {err}");
        serde_json::from_str(&out).unwrap()
    };
    let any_of_have = |g: &Value| -> String {
        let r = g["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["kind"] == "any_of")
            .expect("the role has a cert choice");
        r["have"].as_str().unwrap_or_default().to_string()
    };
    let g = gap("systems-administrator", "2030-01-01");
    assert_eq!(any_of_have(&g), "comptia-server-plus");
    let g = gap("it-support-specialist", "2030-01-01");
    let a_plus = g["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "comptia-a-plus")
        .expect("IT Support asks for A+");
    assert_eq!(a_plus["met"], true, "{a_plus}");
    let g = gap("project-coordinator", "2030-01-01");
    assert_eq!(
        any_of_have(&g),
        "comptia-project-plus lapsed on 2029-01-10",
        "earned after the change: 3 years"
    );
}

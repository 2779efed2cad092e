//! Output that fits where it goes (issue 6): Markdown and CSV, counselor
//! batches, completions and man, catalog export and JSON Schemas.

use crate::util::{certpath, csv_table, fixture, json, run};
use serde_json::Value;

fn small() -> assert_cmd::Command {
    let mut c = certpath();
    c.arg("--no-builtin")
        .arg("--catalog")
        .arg(fixture("planner.json"));
    c
}

#[test]
fn plan_csv_has_the_design_columns_and_adds_up() {
    let (out, err, code) =
        run(certpath().args(["plan", "--role", "network-engineer", "--format", "csv"]));
    assert_eq!(code, 0, "{err}");
    let (headers, rows) = csv_table(&out);
    assert_eq!(
        headers,
        [
            "n",
            "kind",
            "id",
            "name",
            "from_level",
            "to_level",
            "hours",
            "cost_usd",
            "required",
            "for",
            "start",
            "end"
        ]
    );
    let plan = json(certpath().args(["plan", "--role", "network-engineer"]));
    assert_eq!(
        rows.len(),
        plan["steps"].as_array().unwrap().len(),
        "one row per step, no summary rows"
    );
    let hours: f64 = rows.iter().map(|r| r[6].parse::<f64>().unwrap()).sum();
    assert_eq!(hours, plan["summary"]["total_hours"].as_f64().unwrap());
    assert!(out.contains("\r\n"), "RFC 4180 line ends");
}

#[test]
fn csv_quotes_fields_with_commas() {
    // Skill names like "Security governance, risk and compliance" hold commas.
    let (out, _, code) = run(certpath().args(["skills", "--format", "csv"]));
    assert_eq!(code, 0);
    let (headers, rows) = csv_table(&out);
    assert_eq!(headers, ["id", "name", "domain", "hours", "requires"]);
    assert!(
        rows.iter().any(|r| r[1].contains(',')),
        "a name with a comma survives the round trip"
    );
    for r in &rows {
        assert_eq!(r[3].split(';').count(), 4, "hours joined with ;");
    }
}

#[test]
fn gap_rank_and_certs_as_csv() {
    let (out, _, _) = run(certpath().args([
        "gap",
        "--role",
        "network-engineer",
        "--have",
        "cisco-ccna",
        "--format",
        "csv",
    ]));
    let (headers, rows) = csv_table(&out);
    assert_eq!(headers[..3], ["kind", "id", "name"]);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert!(rows.iter().any(|r| r[0] == "any_of"
        && r[col("held_cert")] == "cisco-ccna"
        && r[col("met")] == "true"));
    let (out, _, _) = run(small().args(["rank", "--format", "csv"]));
    let (headers, rows) = csv_table(&out);
    assert_eq!(headers[..3], ["id", "name", "readiness_percent"]);
    assert_eq!(rows.len(), 5);
    let (out, _, _) = run(certpath().args(["certs", "--format", "csv", "--vendor", "CompTIA"]));
    let (headers, rows) = csv_table(&out);
    assert_eq!(headers[0], "id");
    assert!(rows.iter().all(|r| r[2] == "CompTIA"));
}

#[test]
fn markdown_plan_is_a_report_with_the_summary_first() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("me.json");
    std::fs::write(&p, r#"{"name": "Alex Doe", "target_role": "starter-role"}"#).unwrap();
    let (out, err, code) = run(small()
        .args(["plan", "--format", "markdown", "--profile"])
        .arg(&p));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("# Plan to Starter Role (starter-role)\n"),
        "{out}"
    );
    assert!(out.contains("For Alex Doe, made on 2026-11-24"), "{out}");
    let summary = out.find("## Summary").expect("a summary");
    let steps = out.find("## Steps").expect("steps");
    assert!(summary < steps, "the summary comes first");
    assert!(
        out.contains("| # | Step | Hours | Cost | Start | End | Why |"),
        "{out}"
    );
    assert!(
        out.contains("| 2 | Exam Starter Cert (ST-1) | 10 | $100 |"),
        "{out}"
    );
}

#[test]
fn unsupported_formats_are_usage_errors() {
    let (_, err, code) = run(certpath().args(["cert", "comptia-a-plus", "--format", "csv"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("does not write --format csv")
            && err.contains("hint: use one of: table, json, markdown"),
        "{err}"
    );
    let (_, _, code) = run(certpath()
        .args(["catalog", "validate", "--format", "markdown"])
        .arg(fixture("small.json")));
    assert_eq!(code, 2);
}

#[test]
fn batch_with_hostile_names_stays_inside_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let profiles = dir.path().join("profiles");
    std::fs::create_dir(&profiles).unwrap();
    let long = "x".repeat(300);
    let names = [
        "../../etc/passwd",
        "con",
        "Alex Doe",
        "Alex Doe",
        "",
        long.as_str(),
        "a/b\\c",
        "index",
    ];
    for (i, n) in names.iter().enumerate() {
        let body = serde_json::json!({ "name": n, "target_role": "starter-role" });
        std::fs::write(profiles.join(format!("{i}.json")), body.to_string()).unwrap();
    }
    let out_dir = dir.path().join("reports");
    let (out, err, code) = run(small()
        .args(["plan", "--format", "markdown", "--out-dir"])
        .arg(&out_dir)
        .arg("--profile")
        .arg(&profiles));
    assert_eq!(code, 0, "{err}");
    let mut files: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        names.len() + 1,
        "one report per client and the index: {files:?}"
    );
    assert!(files.contains(&"index.md".to_string()));
    for f in &files {
        assert!(
            f.ends_with(".md") && !f.contains("..") && !f.starts_with('.'),
            "{f}"
        );
        assert!(f.chars().count() <= 64 + 5, "{f}");
    }
    assert!(
        files.contains(&"alex-doe.md".to_string()) && files.contains(&"alex-doe-2.md".to_string())
    );
    assert!(files.contains(&"client-con.md".to_string()));
    assert!(
        files.contains(&"index-2.md".to_string()),
        "a client named index does not replace the index"
    );
    assert!(!dir.path().join("etc").exists());
    assert_eq!(
        out.lines().count(),
        names.len() + 1,
        "stdout lists what was written"
    );
    let index = std::fs::read_to_string(out_dir.join("index.md")).unwrap();
    assert!(
        index.contains("| Alex Doe | Starter Role (starter-role) | 0% |"),
        "{index}"
    );
}

#[test]
fn batch_reports_a_bad_profile_and_writes_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    std::fs::write(&a, r#"{"name": "Good", "target_role": "starter-role"}"#).unwrap();
    std::fs::write(&b, r#"{"name": "Bad", "skills": {"nope": 2}}"#).unwrap();
    let out_dir = dir.path().join("out");
    let (_, err, code) = run(small()
        .args(["plan", "--format", "csv", "--out-dir"])
        .arg(&out_dir)
        .arg("--profile")
        .arg(&a)
        .arg("--profile")
        .arg(&b));
    assert_eq!(code, 65, "{err}");
    assert!(err.contains("unknown skill `nope`"), "{err}");
    assert!(out_dir.join("good.csv").exists());
    let (headers, rows) = csv_table(&std::fs::read_to_string(out_dir.join("index.csv")).unwrap());
    assert_eq!(
        headers,
        [
            "client",
            "profile",
            "role_id",
            "role_name",
            "readiness_percent",
            "finish",
            "total_hours",
            "report",
            "error"
        ]
    );
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][2..5], ["starter-role", "Starter Role", "0"]);
    assert_eq!(rows[1][7], "", "{rows:?}");
    assert!(rows[1][8].contains("nope"), "{rows:?}");
}

#[test]
fn several_profiles_need_out_dir() {
    let (_, err, code) = run(small()
        .args(["plan", "--role", "starter-role", "--profile"])
        .arg(fixture("planner.json"))
        .arg("--profile")
        .arg(fixture("planner.json")));
    assert_eq!(code, 2);
    assert!(err.contains("--out-dir"), "{err}");
}

#[test]
fn completions_and_man_name_every_command() {
    let commands = [
        "plan",
        "gap",
        "next",
        "why",
        "rank",
        "check",
        "roles",
        "role",
        "certs",
        "cert",
        "skills",
        "skill",
        "catalog",
        "completions",
        "man",
    ];
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (out, err, code) = run(certpath().args(["completions", shell]));
        assert_eq!(code, 0, "{err}");
        for c in commands {
            assert!(out.contains(c), "{shell} completions name {c}");
        }
    }
    let (out, _, code) = run(certpath().arg("man"));
    assert_eq!(code, 0);
    assert!(
        out.starts_with(".ie") || out.contains(".TH certpath"),
        "roff"
    );
    for c in commands {
        assert!(out.contains(c), "man names {c}");
    }
}

fn validator(schema: &str) -> jsonschema::Validator {
    let v: Value = serde_json::from_str(schema).unwrap();
    jsonschema::validator_for(&v).expect("a valid JSON Schema")
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn bundled_catalog_and_export_match_the_catalog_schema() {
    let (schema, _, code) = run(certpath().args(["catalog", "schema", "catalog"]));
    assert_eq!(code, 0);
    let v = validator(&schema);
    for (name, text) in certpath::catalog::BUNDLED {
        let doc: Value = serde_json::from_str(text).unwrap();
        assert_eq!(errors(&v, &doc), Vec::<String>::new(), "{name}");
    }
    let dir = tempfile::tempdir().unwrap();
    let (_, err, code) = run(certpath().args(["catalog", "export"]).arg(dir.path()));
    assert_eq!(code, 0, "{err}");
    let (_, err, code) = run(certpath()
        .args(["--no-builtin", "catalog", "validate"])
        .arg(dir.path()));
    assert_eq!(code, 0, "the export loads on its own: {err}");
    // Role experience, skill any_of and optional skills, a degree in a
    // role's any_of and same_as (issues 11 and 13) pass both.
    let rules = fixture("roles-rules.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&rules).unwrap()).unwrap();
    assert_eq!(errors(&v, &doc), Vec::<String>::new(), "roles-rules.json");
    let (_, err, code) = run(certpath()
        .args(["--no-builtin", "catalog", "validate"])
        .arg(&rules));
    assert_eq!(code, 0, "{err}");
    // A document the loader refuses, the schema refuses too.
    let bad: Value = serde_json::json!({"skills": [{"id": "Bad Id", "name": "x", "domain": "d", "hours": [1, 2, 3]}]});
    assert!(!errors(&v, &bad).is_empty());
    let (_, _, code) = run(certpath().args(["catalog", "export"]).arg(dir.path()));
    assert_eq!(code, 73, "no clobbering without --force");
    let (_, _, code) = run(certpath()
        .args(["catalog", "export", "--force"])
        .arg(dir.path()));
    assert_eq!(code, 0);
}

#[test]
fn profiles_match_the_profile_schema() {
    let (schema, _, _) = run(certpath().args(["catalog", "schema", "profile"]));
    let v = validator(&schema);
    let good = serde_json::json!({
        "format": 1, "name": "Alex", "skills": {"ip-addressing": 2},
        "certifications": ["comptia-a-plus", {"id": "comptia-network-plus", "earned": "2025-03-14"}],
        "experience_months": {"security": 12}, "degree": "bachelor", "hours_per_week": 8,
        "target_role": "network-engineer",
        "history": [{"date": "2026-11-20", "id": "comptia-a-plus", "from": null, "to": "held"}]
    });
    assert_eq!(errors(&v, &good), Vec::<String>::new());
    let (_, err, code) = run(certpath()
        .args(["gap", "--role", "network-engineer", "--profile", "-"])
        .write_stdin(good.to_string()));
    assert_eq!(code, 0, "what the schema accepts, certpath reads: {err}");
    for bad in [
        serde_json::json!({"skills": {"ip-addressing": 7}}),
        serde_json::json!({"degree": "phd"}),
        serde_json::json!({"experience_months": {"hacking": 3}}),
        serde_json::json!({"unknown": true}),
    ] {
        assert!(!errors(&v, &bad).is_empty(), "{bad}");
    }
}

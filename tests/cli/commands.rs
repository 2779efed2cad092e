//! Every command and format through the binary, on the bundled catalog.

use crate::util::{certpath, fixture, json, run};
use serde_json::Value;

fn steps(plan: &Value) -> &Vec<Value> {
    plan["steps"].as_array().expect("steps")
}

fn position(plan: &Value, id: &str) -> Option<usize> {
    steps(plan).iter().position(|s| s["id"] == id)
}

fn plan_json(args: &[&str]) -> Value {
    json(certpath().arg("plan").args(args))
}

#[test]
fn beginner_to_cybersecurity_follows_comptia_pathway() {
    let plan = plan_json(&["--role", "cybersecurity-analyst", "--no-profile"]);
    let a = position(&plan, "comptia-a-plus").expect("A+ planned");
    let n = position(&plan, "comptia-network-plus").expect("Network+ planned");
    let s = position(&plan, "comptia-security-plus").expect("Security+ planned");
    assert!(a < n && n < s, "A+ {a}, Network+ {n}, Security+ {s}");
    // Every skill step for A+ comes before the A+ exam.
    for (i, st) in steps(&plan).iter().enumerate() {
        let for_: Vec<&str> = st["for"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        if st["kind"] == "skill" && for_ == ["comptia-a-plus"] {
            assert!(i < a, "{} comes after the A+ exam", st["id"]);
        }
    }
    // A+ and Network+ are only recommended; Security+ is required.
    assert_eq!(steps(&plan)[a]["required"], false);
    assert_eq!(steps(&plan)[s]["required"], true);
}

#[test]
fn ccna_holder_is_not_told_to_take_network_plus() {
    let plan = plan_json(&["--role", "network-engineer", "--have", "cisco-ccna"]);
    assert!(position(&plan, "comptia-network-plus").is_none());
    assert!(position(&plan, "cisco-ccna").is_none());
    let gap = json(certpath().args(["gap", "--role", "network-engineer", "--have", "cisco-ccna"]));
    let any = gap["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "any_of")
        .expect("any_of requirement");
    assert_eq!(any["met"], true);
    assert_eq!(any["have"], "cisco-ccna");
}

#[test]
fn plan_json_has_the_design_fields_and_totals_add_up() {
    let plan = plan_json(&["--role", "network-engineer", "--no-profile"]);
    assert_eq!(plan["format"], 1);
    assert_eq!(plan["role"]["id"], "network-engineer");
    let total: f64 = steps(&plan)
        .iter()
        .map(|s| s["hours"].as_f64().unwrap())
        .sum();
    assert_eq!(plan["summary"]["total_hours"].as_f64().unwrap(), total);
    let cost: f64 = steps(&plan)
        .iter()
        .filter_map(|s| s["cost_usd"].as_f64())
        .sum();
    assert_eq!(plan["summary"]["total_cost_usd"].as_f64().unwrap(), cost);
    assert_eq!(
        plan["summary"]["steps"].as_u64().unwrap() as usize,
        steps(&plan).len()
    );
    for (i, s) in steps(&plan).iter().enumerate() {
        assert_eq!(s["n"].as_u64().unwrap() as usize, i + 1);
        for key in [
            "kind", "id", "name", "hours", "cost_usd", "required", "for", "start", "end", "why",
        ] {
            assert!(s.get(key).is_some(), "step {i} lacks {key}");
        }
    }
    for key in [
        "steps",
        "total_hours",
        "total_cost_usd",
        "unknown_costs",
        "annual_fees_usd",
        "readiness_percent",
        "hours_per_week",
        "start",
        "finish",
        "budget_usd",
    ] {
        assert!(plan["summary"].get(key).is_some(), "summary lacks {key}");
    }
    assert_eq!(plan["summary"]["start"], crate::util::TODAY);
    assert_eq!(plan["summary"]["hours_per_week"], 10);
    assert_eq!(plan["summary"]["readiness_percent"], 0);
    let choice = &plan["choices"][0];
    assert_eq!(
        choice["any_of"],
        serde_json::json!(["cisco-ccna", "comptia-network-plus"])
    );
    assert!(choice["runner_up"].is_string());
}

#[test]
fn prefer_overrides_the_choice() {
    let plan = plan_json(&[
        "--role",
        "network-engineer",
        "--prefer",
        "comptia-network-plus",
    ]);
    assert!(position(&plan, "comptia-network-plus").is_some());
    assert!(position(&plan, "cisco-ccna").is_none());
    assert_eq!(plan["choices"][0]["why"], "chosen with --prefer");
}

#[test]
fn skip_recommended_leaves_out_soft_prerequisites() {
    let plan = plan_json(&["--role", "cybersecurity-analyst", "--skip-recommended"]);
    assert!(position(&plan, "comptia-a-plus").is_none());
    assert!(position(&plan, "comptia-network-plus").is_none());
    assert!(position(&plan, "comptia-security-plus").is_some());
    assert!(steps(&plan).iter().all(|s| s["required"] == true));
}

#[test]
fn held_certs_raise_skills_and_are_never_planned() {
    let plan = plan_json(&[
        "--role",
        "cybersecurity-analyst",
        "--have",
        "comptia-a-plus",
        "--have",
        "comptia-network-plus",
    ]);
    assert!(position(&plan, "comptia-a-plus").is_none());
    assert!(position(&plan, "comptia-network-plus").is_none());
    // Network+ covers networking fundamentals at 3: nothing left to learn there.
    assert!(position(&plan, "networking-fundamentals").is_none());
    assert!(plan["summary"]["readiness_percent"].as_u64().unwrap() > 0);
}

#[test]
fn experience_step_gates_the_pmp_exam_and_degree_waives_months() {
    let plan = plan_json(&["--role", "senior-it-project-manager", "--prefer", "pmi-pmp"]);
    let x = position(&plan, "experience:pmi-pmp").expect("experience step");
    let e = position(&plan, "pmi-pmp").expect("exam step");
    assert_eq!(x + 1, e, "experience stands right before the exam");
    let st = &steps(&plan)[x];
    assert_eq!(st["months"], 60);
    assert_eq!(st["area"], "project-management");
    assert_eq!(st["hours"], 0);
    assert_eq!(st["end"], "2031-11-24");
    assert_eq!(
        steps(&plan)[e]["end"],
        "2031-11-24",
        "the exam waits for the experience"
    );

    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("me.json");
    std::fs::write(
        &p,
        r#"{"degree": "bachelor", "experience_months": {"project-management": 12}}"#,
    )
    .unwrap();
    let plan = json(
        certpath()
            .args([
                "plan",
                "--role",
                "senior-it-project-manager",
                "--prefer",
                "pmi-pmp",
                "--profile",
            ])
            .arg(&p),
    );
    let x = position(&plan, "experience:pmi-pmp").expect("experience step");
    assert_eq!(
        steps(&plan)[x]["months"],
        24,
        "60 - 24 (bachelor) - 12 (held)"
    );
}

#[test]
fn schedule_follows_hours_per_week_and_start() {
    let plan = plan_json(&[
        "--role",
        "it-support-specialist",
        "--hours-per-week",
        "20",
        "--start",
        "2027-01-01",
    ]);
    let first = &steps(&plan)[0];
    assert_eq!(first["start"], "2027-01-01");
    let hours = first["hours"].as_f64().unwrap();
    let days = (hours * 7.0 / 20.0).ceil() as i64;
    let end = jiff::civil::date(2027, 1, 1)
        .checked_add(jiff::Span::new().days(days))
        .unwrap();
    assert_eq!(first["end"], end.to_string());
    assert_eq!(plan["summary"]["hours_per_week"], 20);
    // Each study step starts where the previous ended.
    let study: Vec<&Value> = steps(&plan)
        .iter()
        .filter(|s| s["kind"] != "experience")
        .collect();
    for w in study.windows(2) {
        assert_eq!(w[0]["end"], w[1]["start"]);
    }
}

#[test]
fn retiring_exam_is_warned_with_its_successor() {
    // At 10 hours a week the Security+ exam falls before SY0-701's reported
    // retirement; at 3 it falls after.
    let fast = plan_json(&[
        "--role",
        "cybersecurity-analyst",
        "--have",
        "comptia-a-plus",
        "--have",
        "comptia-network-plus",
    ]);
    assert!(!fast["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().contains("retires")));
    let plan = plan_json(&[
        "--role",
        "cybersecurity-analyst",
        "--have",
        "comptia-a-plus",
        "--have",
        "comptia-network-plus",
        "--hours-per-week",
        "3",
    ]);
    let warnings = plan["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| w["code"] == "exam-after-retirement"
            && w["exam"] == "SY0-701"
            && w["successor"] == "SY0-801"
            && w["message"].as_str().unwrap().contains("SY0-701 retires")
            && w["message"].as_str().unwrap().contains("SY0-801")),
        "{warnings:?}"
    );
}

#[test]
fn held_retired_cert_credits_skills_and_names_its_replacement() {
    let plan = plan_json(&[
        "--role",
        "cybersecurity-analyst",
        "--have",
        "comptia-casp-plus",
    ]);
    let warnings = plan["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| w["code"] == "retired-held"
            && w["cert"] == "comptia-casp-plus"
            && w["message"].as_str().unwrap().contains("retired")
            && w["message"].as_str().unwrap().contains("SecurityX")),
        "{warnings:?}"
    );
}

#[test]
fn unknown_prices_are_counted_and_named() {
    let plan = plan_json(&["--role", "senior-it-project-manager", "--prefer", "pmi-pmp"]);
    assert_eq!(plan["summary"]["unknown_costs"], 1);
    let exam = &steps(&plan)[position(&plan, "pmi-pmp").unwrap()];
    assert!(exam["cost_usd"].is_null());
    assert!(exam["known_cost_usd"].as_f64().unwrap() > 0.0);
    assert!(plan["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["code"] == "unknown-price"
            && w["cert"] == "pmi-pmp"
            && w["message"].as_str().unwrap().contains("unknown")));
}

#[test]
fn role_defaults_to_the_profile_target_and_is_required_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("me.json");
    std::fs::write(&p, r#"{"format": 1, "target_role": "network-engineer"}"#).unwrap();
    let plan = json(certpath().args(["plan", "--profile"]).arg(&p));
    assert_eq!(plan["role"]["id"], "network-engineer");
    let (_, err, code) = run(certpath().arg("plan"));
    assert_eq!(code, 2);
    assert!(
        err.contains("no role given") && err.contains("hint: "),
        "{err}"
    );
}

#[test]
fn default_profile_is_used_and_announced() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("certpath");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(
        conf.join("profile.json"),
        r#"{"certifications": ["comptia-a-plus"]}"#,
    )
    .unwrap();
    let (out, err, code) = run(certpath().env("XDG_CONFIG_HOME", dir.path()).args([
        "plan",
        "--role",
        "it-support-specialist",
        "--format",
        "json",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("using profile"), "{err}");
    let plan: Value = serde_json::from_str(&out).unwrap();
    assert!(position(&plan, "comptia-a-plus").is_none());
    let (_, err, _) = run(certpath().env("XDG_CONFIG_HOME", dir.path()).args([
        "plan",
        "--role",
        "it-support-specialist",
        "-q",
    ]));
    assert!(!err.contains("using profile"), "-q silences notes: {err}");
}

#[test]
fn same_input_gives_byte_identical_output() {
    let a = run(certpath().args(["plan", "--role", "cybersecurity-analyst"]));
    let b = run(certpath().args(["plan", "--role", "cybersecurity-analyst"]));
    assert_eq!(a, b);
    let a = run(certpath().args(["plan", "--role", "cloud-architect", "--format", "json"]));
    let b = run(certpath().args(["plan", "--role", "cloud-architect", "--format", "json"]));
    assert_eq!(a, b);
}

#[test]
fn gap_reports_requirements_and_readiness() {
    let gap = json(certpath().args([
        "gap",
        "--role",
        "it-support-specialist",
        "--have",
        "comptia-a-plus",
    ]));
    assert_eq!(gap["format"], 1);
    let reqs = gap["requirements"].as_array().unwrap();
    let cert = reqs.iter().find(|r| r["kind"] == "cert").unwrap();
    assert_eq!(cert["id"], "comptia-a-plus");
    assert_eq!(cert["met"], true);
    let readiness = gap["readiness_percent"].as_u64().unwrap();
    assert!(readiness > 50 && readiness <= 100, "{readiness}");
    let (out, _, code) = run(certpath().args(["gap", "--role", "it-support-specialist"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("Gap to IT Support Specialist") && out.contains("readiness 0%"),
        "{out}"
    );
}

#[test]
fn gap_shows_experience_requirements() {
    let gap = json(certpath().args([
        "gap",
        "--role",
        "senior-it-project-manager",
        "--prefer",
        "pmi-pmp",
    ]));
    let x = gap["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "experience")
        .expect("experience");
    assert_eq!(x["id"], "experience:pmi-pmp");
    assert_eq!(x["need"], 60);
    assert_eq!(x["have"], 0);
    assert_eq!(x["met"], false);
}

#[test]
fn roles_lists_the_seven_roles() {
    let v = json(certpath().arg("roles"));
    let ids: Vec<&str> = v["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for id in [
        "it-support-specialist",
        "systems-administrator",
        "network-engineer",
        "cybersecurity-analyst",
        "cloud-architect",
        "database-administrator",
        "it-project-manager",
    ] {
        assert!(ids.contains(&id), "{id} missing");
    }
    let (out, _, code) = run(certpath().arg("roles"));
    assert_eq!(code, 0);
    assert!(
        out.contains("Network Engineer") && out.starts_with('+'),
        "plain ASCII table when piped: {out}"
    );
}

#[test]
fn role_by_alias_and_prefix() {
    let v = json(certpath().args(["role", "network engineer"]));
    assert_eq!(v["role"]["id"], "network-engineer");
    let v = json(certpath().args(["role", "LAN/WAN engineer"]));
    assert_eq!(v["role"]["id"], "network-engineer");
    let (out, _, code) = run(certpath().args(["role", "network-engineer"]));
    assert_eq!(code, 0);
    assert!(out.contains("Network Engineer (network-engineer)"));
}

#[test]
fn certs_filters() {
    let v = json(certpath().args(["certs", "--vendor", "comptia"]));
    let list = v["certifications"].as_array().unwrap();
    assert!(!list.is_empty());
    assert!(list.iter().all(|c| c["vendor"] == "CompTIA"));
    assert!(
        list.iter().all(|c| c["status"] == "active"),
        "retired hidden by default"
    );
    let v = json(certpath().args(["certs", "--vendor", "CompTIA", "--include-retired"]));
    assert!(v["certifications"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == "comptia-casp-plus"));
    let v = json(certpath().args(["certs", "--level", "fundamentals"]));
    assert!(v["certifications"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["level"] == "fundamentals"));
    let (_, err, code) = run(certpath().args(["certs", "--vendor", "Compta"]));
    assert_eq!(code, 65);
    assert!(err.contains("did you mean `CompTIA`"), "{err}");
    let (_, _, code) = run(certpath().args(["certs", "--level", "wizard"]));
    assert_eq!(code, 65, "an unknown level, like an unknown vendor");
}

#[test]
fn cert_shows_facts_and_sources() {
    let v = json(certpath().args(["cert", "network+"]));
    let c = &v["certification"];
    assert_eq!(c["id"], "comptia-network-plus");
    assert_eq!(c["exams"][0]["code"], "N10-009");
    assert!(!c["sources"].as_array().unwrap().is_empty());
    assert!(v["used_by"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["id"] == "network-engineer"));
    let (out, _, code) = run(certpath().args(["cert", "comptia-network-plus"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("N10-009") && out.contains("N10-008") && out.contains("Sources"),
        "{out}"
    );
}

#[test]
fn skills_filter_and_skill_unlocks() {
    let v = json(certpath().args(["skills", "--domain", "networking"]));
    let list = v["skills"].as_array().unwrap();
    assert!(list.iter().all(|s| s["domain"] == "networking"));
    assert!(list.iter().any(|s| s["id"] == "ip-addressing"));
    let (_, err, code) = run(certpath().args(["skills", "--domain", "networkin"]));
    assert_eq!(code, 65);
    assert!(err.contains("did you mean `networking`"), "{err}");
    let v = json(certpath().args(["skill", "ip-addressing"]));
    assert_eq!(v["skill"]["id"], "ip-addressing");
    let unlocks = v["unlocks"].as_array().unwrap();
    assert!(unlocks
        .iter()
        .any(|u| u["id"] == "comptia-network-plus" && u["edge"] == "covers"));
    let (out, _, _) = run(certpath().args(["skill", "ip-addressing"]));
    assert!(out.contains("Requires") && out.contains("Unlocks"), "{out}");
}

#[test]
fn catalog_validate_accepts_a_good_overlay() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("extra.json");
    std::fs::write(
        &f,
        r#"{"format": 1, "skills": [{"id": "ansible", "name": "Ansible", "domain": "automation",
            "hours": [4, 10, 20, 40], "requires": [{"skill": "linux-administration", "level": 2}]}],
           "roles": [{"id": "automation-engineer", "name": "Automation Engineer",
            "skills": [{"skill": "ansible", "level": 3}]}]}"#,
    )
    .unwrap();
    let (out, err, code) = run(certpath().args(["catalog", "validate"]).arg(&f));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("valid: "), "{out}");
    let v = json(certpath().args(["catalog", "validate"]).arg(&f));
    assert_eq!(v["valid"], true);
    // The overlay plans like the bundled catalog.
    let plan = json(
        certpath()
            .args(["plan", "--role", "automation-engineer", "--catalog"])
            .arg(&f),
    );
    let a = position(&plan, "ansible").unwrap();
    let l = position(&plan, "linux-administration").unwrap();
    assert!(l < a);
}

#[test]
fn no_builtin_starts_empty() {
    let (_, err, code) = run(certpath()
        .args(["role", "network-engineer", "--no-builtin", "--catalog"])
        .arg(fixture("small.json")));
    assert_eq!(code, 65, "{err}");
    let v = json(
        certpath()
            .args(["roles", "--no-builtin", "--catalog"])
            .arg(fixture("small.json")),
    );
    assert_eq!(v["roles"].as_array().unwrap().len(), 1);
}

#[test]
fn help_and_version() {
    let (out, _, code) = run(certpath().arg("--help"));
    assert_eq!(code, 0);
    for cmd in [
        "plan", "gap", "roles", "role", "certs", "cert", "skills", "skill", "catalog",
    ] {
        assert!(out.contains(cmd), "--help names {cmd}");
    }
    let (out, _, code) = run(certpath().arg("--version"));
    assert_eq!(code, 0);
    assert!(out.starts_with("certpath "));
    let (_, err, code) = run(&mut certpath());
    assert_eq!(code, 2, "{err}");
}

#[test]
fn bad_certpath_today_is_a_usage_error() {
    let (_, err, code) = run(certpath().env("CERTPATH_TODAY", "tomorrow").args(["roles"]));
    assert_eq!(code, 2);
    assert!(err.contains("CERTPATH_TODAY"), "{err}");
}

#[test]
fn colour_only_when_asked() {
    let (out, _, _) = run(certpath().args(["roles"]));
    assert!(!out.contains('\x1b'));
    let (out, _, _) = run(certpath().args(["roles", "--color", "always"]));
    assert!(out.contains('\x1b'));
}

#[test]
fn columns_sets_the_table_width() {
    let (out, _, _) =
        run(certpath()
            .env("COLUMNS", "80")
            .args(["plan", "--role", "network-engineer"]));
    let widest = out.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 80, "a line of {widest} columns");
}

#[test]
fn closed_pipe_exits_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // A catalog large enough that the output overflows the pipe buffer;
    // a role that asks for every skill, so its plan is as long (and is
    // written to stdout as it is made, in JSON and CSV).
    let dir = tempfile::tempdir().unwrap();
    let skills: Vec<String> = (0..3000)
        .map(|i| format!(r#"{{"id": "bulk-skill-{i}", "name": "Bulk skill number {i}", "domain": "bulk", "hours": [1, 2, 3, 4]}}"#))
        .collect();
    let needs: Vec<String> = (0..3000)
        .map(|i| format!(r#"{{"skill": "bulk-skill-{i}", "level": 2}}"#))
        .collect();
    let f = dir.path().join("bulk.json");
    std::fs::write(
        &f,
        format!(
            r#"{{"skills": [{}], "roles": [{{"id": "bulk-role", "name": "Bulk", "skills": [{}]}}]}}"#,
            skills.join(","),
            needs.join(",")
        ),
    )
    .unwrap();
    for args in [
        &["skills", "--format", "json"][..],
        &["plan", "--role", "bulk-role", "--format", "json"],
        &["plan", "--role", "bulk-role", "--format", "csv"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_certpath"))
            .args(args)
            .arg("--catalog")
            .arg(&f)
            .arg("--no-profile")
            .env("CERTPATH_TODAY", crate::util::TODAY)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // stdout is dropped here: the pipe is closed.
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
#[cfg(target_os = "linux")]
fn a_full_disk_under_stdout_is_an_io_error_not_a_success() {
    // /dev/full fails every write with ENOSPC: the text outputs and the
    // streamed ones (plan JSON and CSV) exit 74 with one line that says so.
    for format in ["table", "json", "csv"] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full exists on Linux");
        let out = crate::util::certpath_std()
            .args(["plan", "--role", "network-engineer", "--no-profile"])
            .args(["--format", format])
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(74), "{format}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("cannot write the output"), "{format}: {err}");
        if format == "json" {
            // With --format json the error is JSON too.
            let e: serde_json::Value = serde_json::from_str(&err).expect("a JSON error");
            assert_eq!(e["error"]["code"], 74);
        } else {
            assert!(
                err.starts_with("error: ") && err.lines().count() <= 2,
                "{err}"
            );
        }
    }
}

#[test]
fn without_certpath_today_the_plan_starts_today_in_the_local_zone() {
    // The clock's date, in TZ when it is set, else in /etc/localtime's
    // zone: the same day jiff's own system zone gives (either side of
    // midnight while the test runs).
    let start = |tz: Option<&str>| -> String {
        let mut cmd = crate::util::certpath_std();
        cmd.env_remove("CERTPATH_TODAY").env_remove("TZ");
        if let Some(tz) = tz {
            cmd.env("TZ", tz);
        }
        let out = cmd
            .args(["plan", "--role", "it-support-specialist", "--no-profile"])
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        plan["summary"]["start"].as_str().unwrap().to_string()
    };
    let days = |zone: jiff::tz::TimeZone| -> [String; 2] {
        let now = jiff::Timestamp::now();
        [
            now.to_zoned(zone.clone()).date().to_string(),
            (now + jiff::SignedDuration::from_secs(60))
                .to_zoned(zone)
                .date()
                .to_string(),
        ]
    };
    let local = days(jiff::tz::TimeZone::system());
    assert!(local.contains(&start(None)), "{local:?}");
    let kiritimati = jiff::tz::TimeZone::get("Pacific/Kiritimati").unwrap();
    let far = days(kiritimati);
    assert!(far.contains(&start(Some("Pacific/Kiritimati"))), "{far:?}");
}

//! Bad input: broken catalogs, profiles, `--have` values, names and flags.
//! Each test checks the exit code (DESIGN.md section 4) and that stderr
//! names the file, the place (JSON path or line/column) and the fix.

use crate::util::{certpath, fixture, run};
use serde_json::Value;

/// A fixture under tests/fixtures/bad, as the tool prints it.
fn bad(name: &str) -> String {
    fixture(&format!("bad/{name}")).display().to_string()
}

/// Fails with the whole output unless the run ended with `want`.
fn expect_code(got: (String, String, i32), want: i32) -> (String, String) {
    let (out, err, code) = got;
    assert_eq!(
        code, want,
        "exit code {code}, want {want}\n--- stdout:\n{out}\n--- stderr:\n{err}"
    );
    (out, err)
}

/// Finds the `error:` line for `file` at `place` whose message contains
/// `message`, and checks that the next line is a `hint:` containing `hint`.
/// Returns the error line.
fn expect_problem(err: &str, file: &str, place: &str, message: &str, hint: &str) -> String {
    let lines: Vec<&str> = err.lines().collect();
    let head = if place.is_empty() {
        format!("error: {file}: ")
    } else {
        format!("error: {file}: {place}: ")
    };
    let Some(i) = lines
        .iter()
        .position(|l| l.starts_with(&head) && l.contains(message))
    else {
        panic!("no line starting `{head}` containing `{message}` in stderr:\n{err}");
    };
    let next = lines.get(i + 1).copied().unwrap_or("");
    assert!(
        next.starts_with("hint: ") && next.contains(hint),
        "the error line is not followed by `hint: ...{hint}...`; stderr:\n{err}"
    );
    lines[i].to_string()
}

/// The number of `error:` lines.
fn error_lines(err: &str) -> usize {
    err.lines().filter(|l| l.starts_with("error: ")).count()
}

/// `certpath catalog validate FILES...`, on top of the bundled catalog or alone.
fn validate(files: &[&str], builtin: bool) -> (String, String, i32) {
    let mut cmd = certpath();
    if !builtin {
        cmd.arg("--no-builtin");
    }
    cmd.args(["catalog", "validate"]);
    for f in files {
        cmd.arg(bad(f));
    }
    run(&mut cmd)
}

/// Parses stderr as the JSON error document of DESIGN.md section 4.
fn json_error(err: &str) -> Value {
    serde_json::from_str(err).unwrap_or_else(|e| panic!("stderr is not JSON ({e}):\n{err}"))
}

// ---------------------------------------------------------------------------
// Catalogs: syntax and shape

#[test]
fn catalog_missing_comma_names_line_and_column() {
    let (_, err) = expect_code(validate(&["missing-comma.json"], false), 65);
    expect_problem(
        &err,
        &bad("missing-comma.json"),
        "line 6 column 7",
        "malformed JSON",
        "missing comma",
    );
}

#[test]
fn catalog_missing_comma_via_catalog_option_on_plan() {
    let (out, err) = expect_code(
        run(certpath()
            .arg("--catalog")
            .arg(bad("missing-comma.json"))
            .args(["plan", "--role", "network-engineer"])),
        65,
    );
    assert!(
        out.is_empty(),
        "no plan on stdout when the catalog is bad: {out}"
    );
    expect_problem(
        &err,
        &bad("missing-comma.json"),
        "line 6 column 7",
        "malformed JSON",
        "missing comma",
    );
}

#[test]
fn catalog_empty_file_is_bad_data() {
    let (_, err) = expect_code(validate(&["empty.json"], false), 65);
    expect_problem(
        &err,
        &bad("empty.json"),
        "",
        "the file is empty",
        "write a JSON object",
    );
}

#[test]
fn catalog_not_an_object_is_bad_data() {
    let (_, err) = expect_code(validate(&["not-object.json"], false), 65);
    // The place is the whole document, so no JSON path is printed.
    let line = expect_problem(&err, &bad("not-object.json"), "", "expected an object", "");
    assert!(line.contains("array"), "says what it found: {line}");
}

#[test]
fn catalog_invalid_utf8_is_bad_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("latin1.json");
    std::fs::write(
        &path,
        b"{\"skills\": [{\"id\": \"caf\xe9\", \"name\": \"x\", \"domain\": \"d\", \"hours\": [1, 2, 3, 4]}]}",
    )
    .expect("write the fixture");
    let shown = path.display().to_string();
    let (_, err) = expect_code(
        run(certpath()
            .args(["--no-builtin", "catalog", "validate"])
            .arg(&path)),
        65,
    );
    expect_problem(&err, &shown, "byte 23", "not valid UTF-8", "UTF-8");
}

// ---------------------------------------------------------------------------
// Catalogs: fields

#[test]
fn catalog_unknown_field_suggests_the_known_one() {
    let (_, err) = expect_code(validate(&["unknown-field.json"], false), 65);
    expect_problem(
        &err,
        &bad("unknown-field.json"),
        "skills[0].hourz",
        "unknown field `hourz`",
        "did you mean `hours`",
    );
}

#[test]
fn catalog_skill_without_domain() {
    let (_, err) = expect_code(validate(&["skill-missing-domain.json"], false), 65);
    expect_problem(
        &err,
        &bad("skill-missing-domain.json"),
        "skills[0]",
        "missing field `domain`",
        "add `domain`",
    );
}

#[test]
fn catalog_cert_without_exams() {
    let (_, err) = expect_code(validate(&["cert-missing-exams.json"], false), 65);
    expect_problem(
        &err,
        &bad("cert-missing-exams.json"),
        "certifications[0]",
        "missing field `exams`",
        "add `exams`",
    );
}

#[test]
fn catalog_bad_ids_suggest_kebab_case() {
    let (_, err) = expect_code(validate(&["bad-ids.json"], false), 65);
    let file = bad("bad-ids.json");
    expect_problem(
        &err,
        &file,
        "skills[0].id",
        "bad id `IP_Addressing`",
        "use `ip-addressing`",
    );
    expect_problem(
        &err,
        &file,
        "skills[1].id",
        "bad id `Routing`",
        "use `routing`",
    );
    assert_eq!(error_lines(&err), 2, "stderr:\n{err}");
}

#[test]
fn catalog_id_longer_than_64_characters() {
    let (_, err) = expect_code(validate(&["long-id.json"], false), 65);
    let line = expect_problem(
        &err,
        &bad("long-id.json"),
        "skills[0].id",
        "bad id `a-very-long-identifier",
        "",
    );
    assert!(line.contains("64 characters"), "{line}");
    // The id is already lowercase kebab-case: the fix is to shorten it.
    let hint = err
        .lines()
        .find(|l| l.starts_with("hint: "))
        .unwrap_or_default()
        .to_lowercase();
    assert!(
        hint.contains("short") || hint.contains("64"),
        "the hint should say to shorten the id; stderr:\n{err}"
    );
}

#[test]
fn catalog_level_outside_0_to_4() {
    let (_, err) = expect_code(validate(&["level-out-of-range.json"], true), 65);
    let file = bad("level-out-of-range.json");
    expect_problem(
        &err,
        &file,
        "skills[0].requires[0].level",
        "level 7 is outside 0-4",
        "0 none",
    );
    expect_problem(
        &err,
        &file,
        "skills[1].requires[0].level",
        "level -1 is outside 0-4",
        "4 expert",
    );
}

#[test]
fn catalog_hours_with_three_numbers() {
    let (_, err) = expect_code(validate(&["hours-three.json"], false), 65);
    expect_problem(
        &err,
        &bad("hours-three.json"),
        "skills[0].hours",
        "four non-negative numbers",
        "[4, 8, 16, 30]",
    );
}

#[test]
fn catalog_hours_with_a_negative_number() {
    let (_, err) = expect_code(validate(&["hours-negative.json"], false), 65);
    let line = expect_problem(
        &err,
        &bad("hours-negative.json"),
        "skills[0].hours",
        "four non-negative numbers",
        "level 0 to 1",
    );
    assert!(line.contains("-2"), "shows the bad value: {line}");
}

#[test]
fn catalog_unknown_experience_area() {
    let (_, err) = expect_code(validate(&["unknown-area.json"], false), 65);
    let line = expect_problem(
        &err,
        &bad("unknown-area.json"),
        "certifications[0].experience.area",
        "`hacking`",
        "security",
    );
    assert!(line.contains("unknown"), "{line}");
}

#[test]
fn catalog_unknown_renewal_by() {
    let (_, err) = expect_code(validate(&["unknown-renewal.json"], false), 65);
    expect_problem(
        &err,
        &bad("unknown-renewal.json"),
        "certifications[0].renewal.by",
        "`retest`",
        "did you mean `retake`",
    );
}

// ---------------------------------------------------------------------------
// Catalogs: references, ids across files, cycles

#[test]
fn catalog_unknown_reference_suggests_the_close_id() {
    let (_, err) = expect_code(validate(&["unknown-ref.json"], true), 65);
    expect_problem(
        &err,
        &bad("unknown-ref.json"),
        "skills[0].requires[0].skill",
        "unknown skill `networking-fundamental`",
        "did you mean `networking-fundamentals`",
    );
}

#[test]
fn catalog_unknown_reference_via_catalog_option_on_plan() {
    let (out, err) = expect_code(
        run(certpath()
            .arg("--catalog")
            .arg(bad("unknown-ref.json"))
            .args(["plan", "--role", "network-engineer"])),
        65,
    );
    assert!(out.is_empty(), "no plan on stdout: {out}");
    expect_problem(
        &err,
        &bad("unknown-ref.json"),
        "skills[0].requires[0].skill",
        "unknown skill `networking-fundamental`",
        "did you mean `networking-fundamentals`",
    );
}

#[test]
fn catalog_reference_of_the_wrong_kind() {
    let (_, err) = expect_code(validate(&["wrong-kind-ref.json"], true), 65);
    expect_problem(
        &err,
        &bad("wrong-kind-ref.json"),
        "skills[0].requires[0].skill",
        "`comptia-a-plus` is a certification, not a skill",
        "name a skill",
    );
}

#[test]
fn catalog_duplicate_id_within_one_file() {
    let (_, err) = expect_code(validate(&["duplicate-id.json"], false), 65);
    let line = expect_problem(
        &err,
        &bad("duplicate-id.json"),
        "skills[1]",
        "duplicate id `twice`",
        "unique",
    );
    assert!(line.contains("skills[0]"), "names the first place: {line}");
}

#[test]
fn catalog_same_id_in_a_later_file_replaces_the_bundled_entry() {
    let (out, err) = expect_code(validate(&["replace-bundled.json"], true), 0);
    assert_eq!(error_lines(&err), 0, "stderr:\n{err}");
    assert!(out.contains("valid"), "stdout:\n{out}");
    let (out, err) = expect_code(
        run(certpath()
            .args(["skill", "networking-fundamentals", "--catalog"])
            .arg(bad("replace-bundled.json"))),
        0,
    );
    assert!(
        out.contains("Network basics, our way"),
        "shows the replacing name; stdout:\n{out}\nstderr:\n{err}"
    );
    assert!(
        !out.contains("Networking fundamentals ("),
        "the bundled entry is gone; stdout:\n{out}"
    );
}

#[test]
fn catalog_id_of_a_skill_in_one_file_and_a_cert_in_another() {
    let (_, err) = expect_code(
        validate(&["kind-clash-skill.json", "kind-clash-cert.json"], false),
        65,
    );
    let line = expect_problem(
        &err,
        &bad("kind-clash-cert.json"),
        "certifications[0]",
        "id `clash-id` is a certification here but a skill",
        "choose another id",
    );
    assert!(
        line.contains(&bad("kind-clash-skill.json")),
        "names the other file: {line}"
    );
}

#[test]
fn catalog_id_of_a_bundled_skill_reused_for_a_cert() {
    let (_, err) = expect_code(validate(&["kind-clash-bundled.json"], true), 65);
    expect_problem(
        &err,
        &bad("kind-clash-bundled.json"),
        "certifications[0]",
        "id `networking-fundamentals` is a certification here but a skill",
        "choose another id",
    );
}

#[test]
fn catalog_cycle_of_three_skills_is_printed_whole() {
    let (_, err) = expect_code(validate(&["cycle-skills.json"], false), 65);
    let line = expect_problem(
        &err,
        &bad("cycle-skills.json"),
        "skills[0]",
        "cyc-a -> cyc-b -> cyc-c -> cyc-a",
        "remove one edge",
    );
    assert!(line.contains("cycle"), "{line}");
    assert_eq!(error_lines(&err), 1, "one cycle, one error; stderr:\n{err}");
}

#[test]
fn catalog_cycle_between_two_certs() {
    let (_, err) = expect_code(validate(&["cycle-certs.json"], false), 65);
    expect_problem(
        &err,
        &bad("cycle-certs.json"),
        "certifications[0]",
        "loop-cert-a -> loop-cert-b -> loop-cert-a",
        "remove one edge",
    );
}

// ---------------------------------------------------------------------------
// Catalogs: reporting

#[test]
fn catalog_reports_every_problem_at_once() {
    let (_, err) = expect_code(validate(&["several-problems.json"], false), 65);
    let file = bad("several-problems.json");
    expect_problem(
        &err,
        &file,
        "skills[0].id",
        "bad id `Bad_Id`",
        "use `bad-id`",
    );
    expect_problem(
        &err,
        &file,
        "skills[1]",
        "missing field `hours`",
        "add `hours`",
    );
    expect_problem(
        &err,
        &file,
        "skills[2].colour",
        "unknown field `colour`",
        "allowed fields",
    );
    expect_problem(
        &err,
        &file,
        "certifications[0]",
        "missing field `vendor`",
        "add `vendor`",
    );
    assert_eq!(error_lines(&err), 4, "stderr:\n{err}");
    assert_eq!(
        err.trim_end().lines().last(),
        Some("4 problems found"),
        "stderr:\n{err}"
    );
}

#[test]
fn catalog_errors_as_json_list() {
    let (out, err) = expect_code(
        run(certpath()
            .args(["--no-builtin", "--format", "json", "catalog", "validate"])
            .arg(bad("several-problems.json"))),
        65,
    );
    assert!(out.is_empty(), "stdout: {out}");
    let doc = json_error(&err);
    assert_eq!(doc["format"], 1, "{doc}");
    let Some(errors) = doc["errors"].as_array() else {
        panic!("no `errors` list: {doc}");
    };
    assert_eq!(errors.len(), 4, "{doc}");
    for e in errors {
        assert_eq!(e["code"], 65, "{e}");
        assert_eq!(e["file"], bad("several-problems.json").as_str(), "{e}");
        for key in ["message", "hint", "path"] {
            assert!(
                e[key].as_str().is_some_and(|s| !s.is_empty()),
                "`{key}` missing: {e}"
            );
        }
    }
    assert_eq!(errors[0]["path"], "skills[0].id", "{doc}");
    assert_eq!(errors[2]["path"], "skills[2].colour", "{doc}");
    assert_eq!(errors[3]["message"], "missing field `vendor`", "{doc}");
}

#[test]
fn catalog_single_error_as_json() {
    let (_, err) = expect_code(
        run(certpath()
            .args(["catalog", "validate", "--format", "json"])
            .arg(bad("unknown-ref.json"))),
        65,
    );
    let doc = json_error(&err);
    assert_eq!(doc["format"], 1, "{doc}");
    assert!(doc.get("errors").is_none(), "one problem is `error`: {doc}");
    let e = &doc["error"];
    assert_eq!(e["code"], 65, "{doc}");
    assert_eq!(e["file"], bad("unknown-ref.json").as_str(), "{doc}");
    assert_eq!(e["path"], "skills[0].requires[0].skill", "{doc}");
    assert!(
        e["message"]
            .as_str()
            .is_some_and(|m| m.contains("networking-fundamental")),
        "{doc}"
    );
    assert!(
        e["hint"]
            .as_str()
            .is_some_and(|h| h.contains("did you mean `networking-fundamentals`")),
        "{doc}"
    );
}

// ---------------------------------------------------------------------------
// Catalogs: paths

#[test]
fn catalog_missing_path_exits_66() {
    let (_, err) = expect_code(validate(&["no-such-catalog.json"], true), 66);
    expect_problem(
        &err,
        &bad("no-such-catalog.json"),
        "",
        "no such file",
        "check the path",
    );
}

#[test]
fn catalog_missing_path_via_catalog_option_exits_66() {
    let (_, err) = expect_code(
        run(certpath()
            .arg("--catalog")
            .arg(bad("no-such-catalog.json"))
            .args(["plan", "--role", "network-engineer"])),
        66,
    );
    expect_problem(
        &err,
        &bad("no-such-catalog.json"),
        "",
        "no such file",
        "check the path",
    );
}

#[test]
fn catalog_folder_without_json_files_exits_66() {
    let (_, err) = expect_code(validate(&["no-json-folder"], true), 66);
    expect_problem(
        &err,
        &bad("no-json-folder"),
        "",
        "no *.json files",
        "catalog file",
    );
}

#[test]
fn catalog_folder_loads_its_files_in_name_order() {
    let (out, err) = expect_code(validate(&["two-files"], false), 0);
    assert!(
        out.contains("2 skills"),
        "both files loaded; stdout:\n{out}\nstderr:\n{err}"
    );
    // 20-second.json comes after 10-first.json: its entry replaces the first.
    let (out, err) = expect_code(
        run(certpath()
            .arg("--no-builtin")
            .arg("--catalog")
            .arg(bad("two-files"))
            .args(["skill", "order-skill"])),
        0,
    );
    assert!(
        out.contains("Order skill from the second file"),
        "stdout:\n{out}\nstderr:\n{err}"
    );
    assert!(out.contains("Order follower"), "stdout:\n{out}");
}

// ---------------------------------------------------------------------------
// Catalogs: retired certs

#[test]
fn role_asking_for_a_retired_cert_is_a_warning_and_plans_the_replacement() {
    let file = bad("retired-role.json");
    let (_, err) = expect_code(validate(&["retired-role.json"], true), 0);
    assert_eq!(error_lines(&err), 0, "stderr:\n{err}");
    let warning = err
        .lines()
        .find(|l| l.starts_with("warning: "))
        .unwrap_or_else(|| panic!("no warning; stderr:\n{err}"));
    assert!(warning.contains(&file), "{warning}");
    assert!(warning.contains("roles[0].certifications[0]"), "{warning}");
    assert!(warning.contains("comptia-casp-plus"), "{warning}");
    assert!(warning.contains("comptia-securityx"), "{warning}");

    let (out, err) = expect_code(
        run(certpath().arg("--catalog").arg(&file).args([
            "plan",
            "--role",
            "legacy-security-architect",
            "--format",
            "json",
        ])),
        0,
    );
    assert!(err.contains("comptia-securityx"), "stderr:\n{err}");
    let plan: Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("bad JSON ({e}): {out}"));
    let exams: Vec<&str> = plan["steps"]
        .as_array()
        .unwrap_or_else(|| panic!("no steps: {plan}"))
        .iter()
        .filter(|s| s["kind"] == "exam")
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert!(exams.contains(&"comptia-securityx"), "exams: {exams:?}");
    assert!(!exams.contains(&"comptia-casp-plus"), "exams: {exams:?}");
}

#[test]
fn retired_cert_replaced_only_by_retired_certs() {
    let file = bad("retired-replacement-loop.json");
    let (out, err, code) = run(certpath().arg("--catalog").arg(&file).args([
        "gap",
        "--role",
        "loop-role",
        "--format",
        "json",
    ]));
    if code == 65 {
        // Rejected as bad data: fine, if it says where and how to fix it.
        let doc = json_error(&err);
        let e = if doc["error"].is_object() {
            doc["error"].clone()
        } else {
            doc["errors"][0].clone()
        };
        assert_eq!(e["file"], file.as_str(), "{doc}");
        assert!(e["path"].is_string() && e["hint"].is_string(), "{doc}");
        return;
    }
    assert_eq!(code, 0, "stderr:\n{err}");
    let gap: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("bad JSON ({e}): {out}"));
    let unmet = gap["requirements"]
        .as_array()
        .is_some_and(|r| r.iter().any(|x| x["met"] == false));
    assert!(unmet, "the retired cert is not held: {gap}");
    assert!(
        gap["readiness_percent"].as_u64().is_some_and(|p| p < 100),
        "100% only when nothing remains (DESIGN.md 5.10): {gap}"
    );
}

// ---------------------------------------------------------------------------
// Profiles

/// `certpath gap --role network-engineer --profile FILE`.
fn gap_with_profile(name: &str) -> (String, String, i32) {
    run(certpath()
        .args(["gap", "--role", "network-engineer", "--profile"])
        .arg(bad(name)))
}

#[test]
fn profile_unknown_skill_suggests_the_close_id() {
    let (_, err) = expect_code(gap_with_profile("profile-unknown-skill.json"), 65);
    expect_problem(
        &err,
        &bad("profile-unknown-skill.json"),
        "skills.ip-adressing",
        "unknown skill `ip-adressing`",
        "did you mean `ip-addressing`",
    );
}

#[test]
fn profile_unknown_cert_suggests_the_close_id() {
    let (_, err) = expect_code(gap_with_profile("profile-unknown-cert.json"), 65);
    expect_problem(
        &err,
        &bad("profile-unknown-cert.json"),
        "certifications[0]",
        "unknown certification `comptia-netwrk-plus`",
        "did you mean `comptia-network-plus`",
    );
}

#[test]
fn profile_level_five() {
    let (_, err) = expect_code(gap_with_profile("profile-level-five.json"), 65);
    expect_problem(
        &err,
        &bad("profile-level-five.json"),
        "skills.ip-addressing",
        "level 5 is outside 0-4",
        "4 expert",
    );
}

#[test]
fn profile_unknown_field() {
    let (_, err) = expect_code(gap_with_profile("profile-unknown-field.json"), 65);
    expect_problem(
        &err,
        &bad("profile-unknown-field.json"),
        "hours_per_wek",
        "unknown field `hours_per_wek`",
        "did you mean `hours_per_week`",
    );
}

#[test]
fn profile_from_a_newer_certpath() {
    let (_, err) = expect_code(gap_with_profile("profile-format-two.json"), 65);
    expect_problem(
        &err,
        &bad("profile-format-two.json"),
        "format",
        "newer certpath",
        "upgrade certpath",
    );
}

#[test]
fn profile_unknown_degree() {
    let (_, err) = expect_code(gap_with_profile("profile-bad-degree.json"), 65);
    expect_problem(
        &err,
        &bad("profile-bad-degree.json"),
        "degree",
        "`doctorate`",
        "bachelor",
    );
}

#[test]
fn profile_malformed_json() {
    let (_, err) = expect_code(gap_with_profile("profile-malformed.json"), 65);
    expect_problem(
        &err,
        &bad("profile-malformed.json"),
        "line 3 column 3",
        "malformed JSON",
        "missing comma",
    );
}

#[test]
fn profile_missing_file_exits_66() {
    let (_, err) = expect_code(gap_with_profile("no-such-profile.json"), 66);
    expect_problem(
        &err,
        &bad("no-such-profile.json"),
        "",
        "no such file",
        "--no-profile",
    );
}

#[test]
fn profile_from_stdin() {
    let text = std::fs::read_to_string(fixture("bad/profile-good.json")).expect("fixture");
    let (out, err) = expect_code(
        run(certpath()
            .args([
                "gap",
                "--role",
                "network-engineer",
                "--profile",
                "-",
                "--format",
                "json",
            ])
            .write_stdin(text)),
        0,
    );
    let gap: Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("bad JSON ({e}): {out}\n{err}"));
    let nf = gap["requirements"]
        .as_array()
        .and_then(|r| r.iter().find(|x| x["id"] == "networking-fundamentals"))
        .unwrap_or_else(|| panic!("no networking-fundamentals requirement: {gap}"));
    assert_eq!(nf["have"], 3, "the stdin profile was read: {gap}");
}

#[test]
fn profile_bad_from_stdin_exits_65() {
    let (_, err) = expect_code(
        run(certpath()
            .args(["gap", "--role", "network-engineer", "--profile", "-"])
            .write_stdin(r#"{ "skills": { "ip-addressing": 9 } }"#)),
        65,
    );
    expect_problem(
        &err,
        "<stdin>",
        "skills.ip-addressing",
        "level 9 is outside 0-4",
        "4 expert",
    );
}

#[test]
fn profile_from_certpath_profile_env_is_announced() {
    let (out, err) = expect_code(
        run(certpath()
            .env("CERTPATH_PROFILE", bad("profile-good.json"))
            .args(["gap", "--role", "network-engineer", "--format", "json"])),
        0,
    );
    assert!(
        err.contains("using profile") && err.contains(&bad("profile-good.json")),
        "stderr:\n{err}"
    );
    let gap: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("bad JSON ({e}): {out}"));
    let nf = gap["requirements"]
        .as_array()
        .and_then(|r| r.iter().find(|x| x["id"] == "networking-fundamentals"))
        .unwrap_or_else(|| panic!("no networking-fundamentals requirement: {gap}"));
    assert_eq!(nf["have"], 3, "the env profile was read: {gap}");
}

#[test]
fn no_profile_ignores_certpath_profile() {
    // The env names a bad profile: reading it would fail with 65.
    let (out, err) = expect_code(
        run(certpath()
            .env("CERTPATH_PROFILE", bad("profile-level-five.json"))
            .args([
                "gap",
                "--role",
                "network-engineer",
                "--no-profile",
                "--format",
                "json",
            ])),
        0,
    );
    assert!(!err.contains("using profile"), "stderr:\n{err}");
    let gap: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("bad JSON ({e}): {out}"));
    let nf = gap["requirements"]
        .as_array()
        .and_then(|r| r.iter().find(|x| x["id"] == "networking-fundamentals"))
        .unwrap_or_else(|| panic!("no networking-fundamentals requirement: {gap}"));
    assert_eq!(nf["have"], 0, "starts from zero: {gap}");
}

// ---------------------------------------------------------------------------
// --have

/// `certpath gap --role network-engineer --have VALUE`.
fn gap_with_have(value: &str) -> (String, String, i32) {
    run(certpath().args(["gap", "--role", "network-engineer", "--have", value]))
}

#[test]
fn have_skill_without_level_is_a_usage_error() {
    let (_, err) = expect_code(gap_with_have("networking-fundamentals"), 2);
    expect_problem(
        &err,
        "--have networking-fundamentals",
        "",
        "needs a level",
        "networking-fundamentals=LEVEL",
    );
}

#[test]
fn have_cert_with_level_is_a_usage_error() {
    let (_, err) = expect_code(gap_with_have("comptia-a-plus=3"), 2);
    expect_problem(
        &err,
        "--have comptia-a-plus=3",
        "",
        "takes no level",
        "--have comptia-a-plus",
    );
}

#[test]
fn have_level_nine_is_bad_data_like_an_unknown_id() {
    let (_, err) = expect_code(gap_with_have("ip-addressing=9"), 65);
    expect_problem(
        &err,
        "--have ip-addressing=9",
        "",
        "unknown level `9`",
        "4 expert",
    );
}

#[test]
fn have_unknown_id_is_bad_data() {
    let (_, err) = expect_code(gap_with_have("nosuchthing"), 65);
    assert!(
        err.contains("unknown") && err.contains("`nosuchthing`"),
        "stderr:\n{err}"
    );
    assert!(
        err.lines().any(|l| l.starts_with("hint: ")),
        "stderr:\n{err}"
    );
}

#[test]
fn have_unknown_id_close_to_a_known_one_suggests_it() {
    let (_, err) = expect_code(gap_with_have("ip-adressing=2"), 65);
    let line = err
        .lines()
        .find(|l| l.starts_with("error: "))
        .unwrap_or_else(|| panic!("no error line; stderr:\n{err}"));
    assert!(
        line.contains("unknown") && line.contains("`ip-adressing`"),
        "{line}"
    );
    assert!(
        err.contains("hint: did you mean `ip-addressing`?"),
        "stderr:\n{err}"
    );
}

// ---------------------------------------------------------------------------
// Names

#[test]
fn unknown_role_suggests_the_close_one() {
    let (out, err) = expect_code(run(certpath().args(["role", "netwrk-engineer"])), 65);
    assert!(out.is_empty(), "stdout: {out}");
    assert!(
        err.contains("error: unknown role `netwrk-engineer`"),
        "stderr:\n{err}"
    );
    assert!(
        err.contains("hint: did you mean `network-engineer`?"),
        "stderr:\n{err}"
    );
}

#[test]
fn ambiguous_cert_prefix_lists_candidates() {
    let (out, err) = expect_code(run(certpath().args(["cert", "comptia"])), 65);
    assert!(out.is_empty(), "stdout: {out}");
    let line = err
        .lines()
        .find(|l| l.starts_with("error: "))
        .unwrap_or_else(|| panic!("no error line; stderr:\n{err}"));
    for id in [
        "comptia-a-plus",
        "comptia-network-plus",
        "comptia-security-plus",
    ] {
        assert!(line.contains(id), "lists `{id}`: {line}");
    }
    assert!(
        err.lines().any(|l| l.starts_with("hint: ")),
        "stderr:\n{err}"
    );
}

#[test]
fn a_whole_word_prefix_resolves_and_says_to_what() {
    // Not the id, but the role's display name once case is folded.
    let (out, err) = expect_code(run(certpath().args(["role", "Network Engineer"])), 0);
    assert!(
        out.lines()
            .next()
            .is_some_and(|l| l.contains("(network-engineer)")),
        "stdout:\n{out}\nstderr:\n{err}"
    );
    assert!(
        err.contains("note: `Network Engineer` is the role `network-engineer`"),
        "stderr:\n{err}"
    );
    // Typed exactly, the id is not repeated back.
    let (_, err) = expect_code(run(certpath().args(["role", "network-engineer"])), 0);
    assert!(!err.contains("note:"), "stderr:\n{err}");
    // `-q` keeps the note quiet.
    let (_, err) = expect_code(run(certpath().args(["-q", "role", "Network Engineer"])), 0);
    assert!(err.is_empty(), "stderr:\n{err}");
}

#[test]
fn a_prefix_that_cuts_a_word_is_unknown() {
    let (_, err) = expect_code(run(certpath().args(["role", "network-eng"])), 65);
    assert!(
        err.contains("hint: did you mean `network-engineer`?"),
        "stderr:\n{err}"
    );
    // `pm` begins `PMO ...` of the project coordinator only by letters: it
    // must not pick that role.
    let (out, err) = expect_code(run(certpath().args(["gap", "--role", "pm"])), 65);
    assert!(out.is_empty(), "stdout: {out}");
    assert!(err.contains("error: unknown role `pm`"), "stderr:\n{err}");
}

#[test]
fn display_names_resolve_with_case_spaces_and_plus_folded() {
    for name in [
        "CompTIA Security+",
        "comptia security plus",
        "COMPTIA  SECURITY+",
    ] {
        let (out, err) = expect_code(run(certpath().args(["cert", name])), 0);
        assert!(
            out.contains("(comptia-security-plus)"),
            "{name}: stdout:\n{out}\nstderr:\n{err}"
        );
        assert!(
            err.contains(&format!(
                "note: `{name}` is the certification `comptia-security-plus`"
            )),
            "{name}: stderr:\n{err}"
        );
    }
}

#[test]
fn an_ambiguous_word_lists_every_candidate() {
    let (out, err) = expect_code(run(certpath().args(["role", "network"])), 65);
    assert!(out.is_empty(), "stdout: {out}");
    let line = err.lines().find(|l| l.starts_with("error: ")).unwrap_or("");
    for id in [
        "network-administrator",
        "network-architect",
        "network-engineer",
        "network-technician",
    ] {
        assert!(line.contains(id), "lists `{id}`: {line}");
    }
}

// ---------------------------------------------------------------------------
// Usage errors

#[test]
fn zero_hours_per_week_is_a_usage_error() {
    let (out, err) = expect_code(run(certpath().args(["plan", "--hours-per-week", "0"])), 2);
    assert!(out.is_empty(), "stdout: {out}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("error: ") && l.contains("--hours-per-week")),
        "stderr:\n{err}"
    );
    assert!(
        err.lines().any(|l| l.starts_with("hint: ")),
        "stderr:\n{err}"
    );
}

#[test]
fn usage_error_as_json() {
    let (_, err) = expect_code(
        run(certpath().args(["plan", "--hours-per-week", "0", "--format", "json"])),
        2,
    );
    let doc = json_error(&err);
    assert_eq!(doc["format"], 1, "{doc}");
    assert_eq!(doc["error"]["code"], 2, "{doc}");
    assert!(
        doc["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("--hours-per-week")),
        "{doc}"
    );
    assert!(doc["error"]["hint"].is_string(), "{doc}");
}

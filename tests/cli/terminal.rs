//! The command line as people type it: global options on either side of
//! the command, help, bad values, completion and man pages.

use crate::util::{certpath, fixture, json, run};

#[test]
fn repeated_global_options_accumulate_on_both_sides_of_the_command() {
    let gap = json(
        certpath()
            .args(["--no-profile", "--have", "networking-fundamentals=3"])
            .args([
                "gap",
                "--role",
                "network-engineer",
                "--have",
                "ip-addressing=2",
            ]),
    );
    let have = |id: &str| {
        gap["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .map(|r| r["have"].clone())
    };
    assert_eq!(have("networking-fundamentals"), Some(3.into()), "{gap}");
    assert_eq!(have("ip-addressing"), Some(2.into()), "{gap}");

    // `--catalog x role y --catalog z`: the role is in z.
    let (out, err, code) = run(certpath()
        .args(["--no-builtin", "--catalog"])
        .arg(fixture("small.json"))
        .args(["role", "either-role", "--catalog"])
        .arg(fixture("planner.json")));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("either-role"), "{out}");
}

#[test]
fn a_single_valued_global_option_takes_its_last_value() {
    let (out, err, code) = run(certpath().args(["--format", "csv", "roles", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with('{'), "{out}");
}

#[test]
fn a_format_a_command_does_not_write_lists_the_ones_it_does() {
    let (_, err, code) = run(certpath().args(["graph", "--format", "csv"]));
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: `graph` does not write --format csv\nhint: use one of: dot, mermaid\n"
    );
    // Given before the command, it is checked against the command's list.
    let (_, err, code) = run(certpath().args(["--format", "csv", "cert", "comptia-a-plus"]));
    assert_eq!(code, 2);
    assert!(err.contains("`cert` does not write --format csv"), "{err}");
    let (_, err, code) = run(certpath().args(["plan", "--format", "yaml"]));
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: invalid value 'yaml' for '--format <FORMAT>'\n\
         hint: use one of: table, json, markdown, csv, mermaid, taskwarrior, ics\n"
    );
}

#[test]
fn a_missing_argument_is_named_and_the_hint_names_the_command() {
    let (_, err, code) = run(certpath().arg("cert"));
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: the following required arguments were not provided: <NAME>\n\
         hint: see `certpath cert --help`\n"
    );
}

#[test]
fn help_groups_commands_and_puts_global_options_apart() {
    let (out, _, code) = run(certpath().arg("--help"));
    assert_eq!(code, 0);
    let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("no {s:?} in {out}"));
    let order = [
        "Plan commands:",
        "  plan ",
        "Explore commands:",
        "  roles ",
        "Progress commands:",
        "  done ",
        "Catalog commands:",
        "Shell commands:",
        "  man ",
        "Global options:",
        "Examples:",
    ];
    for w in order.windows(2) {
        assert!(at(w[0]) < at(w[1]), "{} before {}", w[0], w[1]);
    }

    let (out, _, code) = run(certpath().args(["plan", "--help"]));
    assert_eq!(code, 0);
    let own = out.find("\nOptions:").expect("own options");
    let global = out.find("\nGlobal options:").expect("global options");
    let role = out.find("--role").unwrap();
    let catalog = out.find("--catalog").unwrap();
    assert!(own < role && role < global && global < catalog, "{out}");
    let formats = &out[out.find("      --format <FORMAT>").unwrap()..];
    assert!(
        formats.contains("- ics:") && !formats.contains("- dot:"),
        "{out}"
    );
    assert!(out.contains("Examples:\n  # the plan to a role\n  $ certpath plan --role"));

    let (out, _, _) = run(certpath().args(["graph", "--help"]));
    let formats = &out[out.find("      --format <FORMAT>").unwrap()..];
    assert!(
        formats.contains("- dot:") && !formats.contains("- table:"),
        "{out}"
    );
    assert!(formats.contains("[default: dot]"), "{out}");
}

#[test]
fn have_takes_level_names_as_profile_set_does() {
    let gap = json(certpath().args([
        "--no-profile",
        "gap",
        "--role",
        "network-engineer",
        "--have",
        "ip-addressing=Proficient",
    ]));
    let ip = gap["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "ip-addressing")
        .cloned()
        .unwrap();
    assert_eq!(ip["have"], 3, "{gap}");
}

#[test]
fn an_unknown_level_is_the_same_kind_of_mistake_as_an_unknown_id() {
    let have = |h: &str| {
        run(certpath().args(["--no-profile", "gap", "-r", "network-engineer", "--have", h]))
    };
    let (_, err_id, code_id) = have("no-such-skill=2");
    let (_, err_level, code_level) = have("ip-addressing=guru");
    assert_eq!((code_id, code_level), (65, 65), "{err_id}{err_level}");
    assert!(err_level.contains("unknown level `guru`"), "{err_level}");
    assert!(err_level.contains("2 working"), "{err_level}");
    let (_, err, code) = run(certpath().args(["certs", "--level", "guru"]));
    assert_eq!(code, 65, "{err}");
    assert!(
        err.contains("use one of: fundamentals, entry, associate"),
        "{err}"
    );
}

#[test]
fn list_filters_ignore_case() {
    let lower = json(certpath().args(["certs", "--level", "associate", "--vendor", "cisco"]));
    let upper = json(certpath().args(["certs", "--level", "Associate", "--vendor", "CISCO"]));
    assert_eq!(lower, upper);
    assert!(
        !lower["certifications"].as_array().unwrap().is_empty(),
        "{lower}"
    );
    let lower = json(certpath().args(["skills", "--domain", "networking"]));
    let upper = json(certpath().args(["skills", "--domain", "Networking"]));
    assert_eq!(lower, upper);
    assert!(!lower["skills"].as_array().unwrap().is_empty(), "{lower}");
}

/// A profile file in a fresh folder whose name needs quoting in a shell.
fn profile_in_tempdir(json: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("my profile.json");
    std::fs::write(&file, json).unwrap();
    (dir, file)
}

#[test]
fn done_takes_a_date_and_keeps_the_history_in_date_order() {
    let (_dir, file) = profile_in_tempdir(r#"{"target_role": "network-engineer"}"#);
    let done = |args: &[&str]| run(certpath().args(["done", "-p"]).arg(&file).args(args));
    assert_eq!(done(&["routing=1"]).2, 0);
    let (_, err, code) = done(&["ip-addressing=working", "--date", "2026-11-01"]);
    assert_eq!(code, 0, "{err}");
    let history = json(certpath().args(["profile", "history", "-p"]).arg(&file));
    let days: Vec<&str> = history["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    assert_eq!(days, ["2026-11-01", "2026-11-24"], "{history}");
    assert_eq!(history["history"][0]["to"], 2);

    let (_, err, code) = done(&["switching-vlans=1", "--date", "2026-12-01"]);
    assert_eq!(code, 2);
    assert!(err.contains("after today (2026-11-24)"), "{err}");
    let (_, err, code) = done(&["switching-vlans=1", "--date", "2026-02-30"]);
    assert_eq!(code, 2, "{err}");
    let (_, err, code) = done(&["--undo", "routing", "--date", "2026-11-01"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn profile_history_lists_the_records_and_undo_points_at_it() {
    let (_dir, file) = profile_in_tempdir(r#"{"target_role": "network-engineer"}"#);
    run(certpath()
        .args(["done", "comptia-a-plus", "--date", "2026-10-01", "-p"])
        .arg(&file));
    let (out, err, code) = run(certpath().args(["profile", "history", "-p"]).arg(&file));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("| 2026-10-01 | comptia-a-plus |"), "{out}");
    assert!(out.contains(": held"), "{out}");
    let (_, err, code) = run(certpath()
        .args(["done", "--undo", "routing", "-p"])
        .arg(&file));
    assert_eq!(code, 2);
    assert!(
        err.contains("`certpath profile history --profile '"),
        "the hint points at profile history, on the same file: {err}"
    );
}

#[test]
fn hints_keep_the_profile_and_catalog_flags() {
    let (_dir, file) = profile_in_tempdir(r#"{"skills": {"ip-addressing": 3}}"#);
    let (_, err, code) = run(certpath()
        .args(["done", "ip-addressing=1", "-p"])
        .arg(&file)
        .arg("--catalog")
        .arg(crate::util::fixture("small.json")));
    assert_eq!(code, 2, "{err}");
    let quoted = format!("--profile '{}'", file.display());
    let hint = err.lines().find(|l| l.starts_with("hint: ")).unwrap();
    assert!(
        hint.contains("`certpath profile set ip-addressing 1 --catalog ")
            && hint.contains(&format!("{quoted}`")),
        "{hint}"
    );
    let (out, _, _) = run(certpath()
        .args(["progress", "--role", "network-engineer", "-p"])
        .arg(&file));
    assert!(
        out.contains(&format!("`certpath done ID[=LEVEL] {quoted}`")),
        "{out}"
    );
}

#[test]
fn progress_measures_a_pace_only_from_a_week_of_records() {
    let (_dir, file) =
        profile_in_tempdir(r#"{"target_role": "network-engineer", "hours_per_week": 6}"#);
    run(certpath()
        .args(["done", "ip-addressing=3", "-p"])
        .arg(&file));
    let p = json(certpath().args(["progress", "-p"]).arg(&file));
    assert_eq!(p["days"], 0);
    assert_eq!(p["pace_from"], "plan", "{p}");
    assert_eq!(p["hours_per_week"], 6, "{p}");
    let (out, _, _) = run(certpath().args(["progress", "-p"]).arg(&file));
    assert!(
        out.contains("fewer than 7 days of records give no pace yet"),
        "{out}"
    );

    let later = certpath()
        .env("CERTPATH_TODAY", "2026-12-08")
        .args(["progress", "-p"])
        .arg(&file)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let p: serde_json::Value = serde_json::from_slice(&later.stdout).unwrap();
    assert_eq!(p["days"], 14);
    assert_eq!(p["pace_from"], "records", "{p}");
    let done = p["hours_done"].as_f64().unwrap();
    assert_eq!(
        p["hours_per_week"].as_f64().unwrap(),
        (done / 2.0 * 10.0).round() / 10.0
    );
}

#[test]
fn batch_errors_name_the_client_file() {
    let dir = tempfile::tempdir().unwrap();
    let profiles = dir.path().join("clients");
    std::fs::create_dir(&profiles).unwrap();
    std::fs::write(
        profiles.join("ana.json"),
        r#"{"name": "Ana", "target_role": "network-engineer"}"#,
    )
    .unwrap();
    std::fs::write(profiles.join("bo.json"), r#"{"name": "Bo"}"#).unwrap();
    let (_, err, code) = run(certpath()
        .arg("plan")
        .arg("-p")
        .arg(&profiles)
        .arg("--out-dir")
        .arg(dir.path().join("out")));
    assert_eq!(code, 2, "{err}");
    let bo = profiles.join("bo.json").display().to_string();
    assert!(
        err.starts_with(&format!("error: {bo}: no role given")),
        "{err}"
    );
}

fn rank(args: &[&str]) -> Vec<serde_json::Value> {
    let v = json(certpath().args(["rank", "--no-profile"]).args(args));
    v["roles"].as_array().unwrap().clone()
}

#[test]
fn rank_sorts_by_finish_hours_or_readiness_and_takes_the_schedule() {
    let finish = rank(&["--have", "comptia-a-plus"]);
    let days: Vec<&str> = finish
        .iter()
        .map(|r| r["finish"].as_str().unwrap())
        .collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "{days:?}");
    let hours = rank(&["--have", "comptia-a-plus", "--sort", "hours"]);
    let h: Vec<f64> = hours
        .iter()
        .map(|r| r["remaining_hours"].as_f64().unwrap())
        .collect();
    assert!(h.windows(2).all(|w| w[0] <= w[1]), "{h:?}");
    let ready = rank(&["--have", "comptia-a-plus", "--sort", "readiness"]);
    let r: Vec<u64> = ready
        .iter()
        .map(|r| r["readiness_percent"].as_u64().unwrap())
        .collect();
    assert!(r.windows(2).all(|w| w[0] >= w[1]), "{r:?}");
    assert_ne!(finish, ready, "the orders differ on the bundled catalog");

    let later = rank(&[
        "--start",
        "2027-06-01",
        "--hours-per-week",
        "20",
        "--top",
        "1",
    ]);
    assert_eq!(later.len(), 1);
    assert!(
        later[0]["finish"].as_str().unwrap() > "2027-06-01",
        "{later:?}"
    );
    let (_, err, code) = run(certpath().args(["rank", "--sort", "cost"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("use one of: finish, hours, readiness"),
        "{err}"
    );
}

#[test]
fn man_writes_a_page_per_command_clean_under_mandoc() {
    let dir = tempfile::tempdir().unwrap();
    let (out, err, code) = run(certpath().args(["man", "--out-dir"]).arg(dir.path()));
    assert_eq!(code, 0, "{err}");
    let pages: Vec<std::path::PathBuf> = out.lines().map(std::path::PathBuf::from).collect();
    let names: Vec<String> = pages
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for want in [
        "certpath.1",
        "certpath-plan.1",
        "certpath-rank.1",
        "certpath-catalog-validate.1",
        "certpath-profile-history.1",
        "certpath-man.1",
    ] {
        assert!(names.iter().any(|n| n == want), "no {want} in {names:?}");
    }
    let main = std::fs::read_to_string(dir.path().join("certpath.1")).unwrap();
    // Every page the main page names exists.
    for named in main.split("\\fBcertpath\\-").skip(1) {
        let name = named.split("\\fR").next().unwrap().replace("\\-", "-");
        assert!(
            names.contains(&format!("certpath-{name}.1")),
            "certpath-{name}(1) missing"
        );
    }
    let plan = std::fs::read_to_string(dir.path().join("certpath-plan.1")).unwrap();
    assert!(
        plan.contains(".TH CERTPATH-PLAN 1 2026-11-24 \"certpath "),
        "the date in the date slot, the version after it: {}",
        plan.lines().find(|l| l.starts_with(".TH")).unwrap_or("")
    );
    for section in [
        ".SH OPTIONS",
        ".SH \"GLOBAL OPTIONS\"",
        ".SH EXAMPLES",
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH \"SEE ALSO\"",
        "\\-\\-max\\-hours",
        "CERTPATH_TODAY",
    ] {
        assert!(plan.contains(section), "no {section} in certpath-plan.1");
    }
    let Some(mandoc) = crate::util::tool("mandoc") else {
        return;
    };
    for page in &pages {
        let lint = std::process::Command::new(&mandoc)
            .args(["-Tlint", "-Wstyle"])
            .arg(page)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&lint.stdout).into_owned()
            + &String::from_utf8_lossy(&lint.stderr);
        assert!(
            lint.status.success() && said.is_empty(),
            "{}: {said}",
            page.display()
        );
    }
    // Without --out-dir, the main page on stdout.
    let (out, _, code) = run(certpath().arg("man"));
    assert_eq!(code, 0);
    assert_eq!(out, main);
}

#[test]
fn every_example_in_help_runs() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let profile = dir.join("me.json");
    std::fs::write(
        &profile,
        r#"{"name": "Me", "target_role": "network-engineer"}"#,
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("clients")).unwrap();
    std::fs::copy(&profile, dir.join("clients/me.json")).unwrap();
    std::fs::create_dir_all(dir.join("my-catalog")).unwrap();
    std::fs::copy(
        crate::util::fixture("small.json"),
        dir.join("my-catalog/small.json"),
    )
    .unwrap();
    for dirs in [
        ".local/share/bash-completion/completions",
        ".config/fish/completions",
    ] {
        std::fs::create_dir_all(dir.join(dirs)).unwrap();
    }
    let bin = assert_cmd::cargo::cargo_bin("certpath");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let cmd = certpath::cli::command();
    let mut ran = 0;
    for p in certpath::cli::help::paths(&cmd) {
        for (line, _) in certpath::cli::help::examples(&p) {
            // assess asks questions on a terminal, catalog import reads
            // the NICE files: their tests run them.
            if line.starts_with("certpath assess") || line.starts_with("certpath catalog import") {
                continue;
            }
            let out = std::process::Command::new("sh")
                .args(["-c", line])
                .current_dir(dir)
                .env_clear()
                .env("PATH", &path)
                .env("HOME", dir)
                .env("XDG_CONFIG_HOME", dir.join("config"))
                .env("CERTPATH_PROFILE", &profile)
                .env("CERTPATH_TODAY", crate::util::TODAY)
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            let code = out.status.code().unwrap_or(-1);
            assert!(
                code == 0 || (code == 1 && line.contains("check")),
                "`{line}` (help of `{p}`) exits {code}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            ran += 1;
        }
    }
    assert!(ran > 40, "{ran} examples");
}

#[test]
fn every_format_a_command_lists_in_help_it_writes() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("me.json");
    let write_profile = || {
        std::fs::write(
            &profile,
            r#"{"target_role": "network-engineer", "history": [{"date": "2026-11-01", "id": "routing", "from": null, "to": 1}], "skills": {"routing": 1}}"#,
        )
        .unwrap()
    };
    let small = crate::util::fixture("small.json");
    let small = small.to_str().unwrap();
    let export = dir.path().join("export");
    let export = export.to_str().unwrap();
    let args: &[(&str, &[&str])] = &[
        ("plan", &["plan", "-r", "network-engineer"]),
        ("gap", &["gap", "-r", "network-engineer"]),
        ("next", &["next", "-r", "network-engineer"]),
        ("why", &["why", "ip-addressing", "-r", "network-engineer"]),
        ("rank", &["rank", "--top", "2"]),
        ("check", &["check", "-r", "network-engineer"]),
        ("roles", &["roles"]),
        ("role", &["role", "network-engineer"]),
        ("certs", &["certs"]),
        ("cert", &["cert", "comptia-a-plus"]),
        ("skills", &["skills"]),
        ("skill", &["skill", "ip-addressing"]),
        ("graph", &["graph", "-r", "scrum-master"]),
        ("done", &["done", "switching-vlans=1"]),
        ("progress", &["progress"]),
        ("profile show", &["profile", "show"]),
        ("profile set", &["profile", "set", "name", "Me"]),
        ("profile unset", &["profile", "unset", "name"]),
        ("profile history", &["profile", "history"]),
        ("catalog validate", &["catalog", "validate", small]),
        ("catalog export", &["catalog", "export", "--force", export]),
        ("catalog schema", &["catalog", "schema"]),
        ("completions", &["completions", "bash"]),
        ("man", &["man"]),
    ];
    let cmd = certpath::cli::command();
    let paths = certpath::cli::help::paths(&cmd);
    for (path, argv) in args {
        assert!(paths.iter().any(|p| p == path), "{path}");
        for format in certpath::cli::help::formats(path) {
            write_profile();
            let (_, err, code) = run(certpath()
                .args(*argv)
                .arg("-p")
                .arg(&profile)
                .args(["--format", format.name()]));
            assert!(
                code == 0 || (code == 1 && *path == "check"),
                "`{}` --format {} exits {code}: {err}",
                argv.join(" "),
                format.name()
            );
        }
    }
}

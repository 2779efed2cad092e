//! `catalog import nice`: the real NICE Framework components v2.0.0 and
//! DoD 8140 matrix (public-domain US government works, committed under
//! tests/fixtures/frameworks/) become a catalog that loads on top of the
//! bundled one.

use crate::util::{certpath, fixture, json, run};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn nice_file() -> PathBuf {
    fixture("frameworks/nice-framework-components-v2.0.0.json")
}

fn matrix_file() -> PathBuf {
    fixture("frameworks/dod8140-cwqp-it-qualification-matrix-2024-02-16.xlsx")
}

/// A fresh, empty folder for one test.
fn folder(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("import")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// The import of the real files with the matrix, made once: its folder,
/// stdout and stderr.
fn imported() -> &'static (PathBuf, String, String) {
    static DONE: OnceLock<(PathBuf, String, String)> = OnceLock::new();
    DONE.get_or_init(|| {
        let dir = folder("full");
        let (out, err, code) = run(certpath()
            .args(["catalog", "import", "nice"])
            .arg(nice_file())
            .arg("--matrix")
            .arg(matrix_file())
            .arg("-o")
            .arg(&dir));
        assert_eq!(code, 0, "stderr:\n{err}");
        (dir, out, err)
    })
}

fn catalog_json(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("nice.json")).expect("nice.json"))
        .expect("JSON")
}

#[test]
fn the_real_files_import_and_load_on_top_of_the_bundled_catalog() {
    let (dir, out, err) = imported();
    assert_eq!(out.trim(), dir.join("nice.json").display().to_string());
    assert!(
        err.contains("imported 41 work roles and 1169 knowledge and skill statements"),
        "stderr:\n{err}"
    );
    // The three relationships to ids the file never defines are said.
    assert!(err.contains("PD-WRL-001 -> T1385"), "stderr:\n{err}");
    let (vout, verr, code) = run(certpath().args(["catalog", "validate"]).arg(dir));
    assert_eq!(code, 0, "stderr:\n{verr}");
    let bundled = json(certpath().args(["roles"]))["roles"]
        .as_array()
        .unwrap()
        .len();
    assert!(
        vout.starts_with("valid: ") && vout.contains(&format!("{} roles in all", bundled + 41)),
        "{vout}"
    );
    assert_eq!(
        vout.lines().count(),
        1,
        "it patches nothing bundled:\n{vout}"
    );
}

#[test]
fn nice_names_and_ids_resolve() {
    let (dir, _, _) = imported();
    for name in [
        "nice-io-wrl-005",
        "IO-WRL-005",
        "Systems Administration (IO-WRL-005)",
        "systems administration",
    ] {
        let v = json(certpath().arg("--catalog").arg(dir).args(["role", name]));
        assert_eq!(v["role"]["id"], "nice-io-wrl-005", "{name}");
    }
    let v = json(
        certpath()
            .arg("--catalog")
            .arg(dir)
            .args(["skill", "K0018"]),
    );
    assert_eq!(v["skill"]["id"], "nice-k0018");
    assert_eq!(v["skill"]["name"], "Knowledge of encryption algorithms");
}

#[test]
fn entries_follow_the_documented_rules() {
    let (dir, _, _) = imported();
    let v = catalog_json(dir);
    let skills = v["skills"].as_array().unwrap();
    assert_eq!(skills.len(), 1169);
    let k = skills.iter().find(|s| s["id"] == "nice-k0018").unwrap();
    assert_eq!(k["hours"], serde_json::json!([1, 3, 8, 20]));
    assert_eq!(k["aliases"], serde_json::json!(["K0018"]));
    assert_eq!(
        k["same_as"],
        serde_json::json!([{ "skill": "cryptography", "level": 2 }])
    );
    assert_eq!(k["x-nice"]["type"], "knowledge");
    let s = skills.iter().find(|s| s["id"] == "nice-s0011").unwrap();
    assert_eq!(s["hours"], serde_json::json!([2, 6, 16, 40]));
    let roles = v["roles"].as_array().unwrap();
    assert_eq!(roles.len(), 41);
    let sysadmin = roles.iter().find(|r| r["id"] == "nice-io-wrl-005").unwrap();
    assert_eq!(sysadmin["name"], "Systems Administration (IO-WRL-005)");
    assert!(sysadmin["skills"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["level"] == 2));
    // DCWF 451 at the basic tier names A+, CND, Network+ and Security+;
    // CND has no bundled entry.
    assert_eq!(
        sysadmin["certifications"],
        serde_json::json!([{ "any_of": ["comptia-a-plus", "comptia-network-plus", "comptia-security-plus"] }])
    );
    assert_eq!(sysadmin["x-nice"]["opm_codes"], serde_json::json!(["451"]));
    assert!(sysadmin["x-nice"]["dod8140"]["basic"]
        .as_array()
        .unwrap()
        .contains(&Value::from("CND")));
    assert!(!sysadmin["x-nice"]["tasks"].as_array().unwrap().is_empty());
    // A role the matrix does not cover asks for no certification.
    let data = roles.iter().find(|r| r["id"] == "nice-io-wrl-001").unwrap();
    assert!(data.get("certifications").is_none(), "{data}");
}

#[test]
fn a_security_plus_holder_is_partly_ready_for_every_role_that_accepts_it() {
    let (dir, _, _) = imported();
    let v = catalog_json(dir);
    let accepting: Vec<String> = v["roles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["certifications"][0]["any_of"]
                .as_array()
                .is_some_and(|a| a.contains(&Value::from("comptia-security-plus")))
        })
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert!(accepting.len() >= 10, "{accepting:?}");
    let rank = json(certpath().arg("--catalog").arg(dir).args([
        "--no-profile",
        "--have",
        "comptia-security-plus",
        "rank",
    ]));
    let empty = json(
        certpath()
            .arg("--catalog")
            .arg(dir)
            .args(["--no-profile", "rank"]),
    );
    let readiness = |v: &Value, id: &str| {
        v["roles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .map(|r| r["readiness_percent"].as_u64().unwrap())
            .unwrap()
    };
    for id in &accepting {
        assert_eq!(readiness(&empty, id), 0, "{id}");
        assert!(readiness(&rank, id) > 0, "{id}");
    }
}

#[test]
fn a_csv_matrix_and_a_chosen_tier() {
    let dir = folder("csv");
    let csv = dir.join("tab-a.csv");
    std::fs::write(
        &csv,
        "Provider Name,Offering,Acronym,Offering Type,Work Role Code,Work Role Title,Proficiency\n\
         CompTIA,,A+,Certification,451,System Administrator,Basic\n\
         CompTIA,,Security+,Certification,451,System Administrator,Intermediate\n\
         ISC2,,CISSP,Certification,451,System Administrator,Advanced\n\
         DAU,,X-1,Course,451,System Administrator,Basic\n",
    )
    .unwrap();
    let out = dir.join("out");
    let (_, err, code) = run(certpath()
        .args(["catalog", "import", "nice"])
        .arg(nice_file())
        .arg("--matrix")
        .arg(&csv)
        .args(["--tier", "intermediate", "-o"])
        .arg(&out));
    assert_eq!(code, 0, "stderr:\n{err}");
    let v = catalog_json(&out);
    let roles = v["roles"].as_array().unwrap();
    let sysadmin = roles.iter().find(|r| r["id"] == "nice-io-wrl-005").unwrap();
    assert_eq!(
        sysadmin["certifications"],
        serde_json::json!([{ "any_of": ["comptia-security-plus"] }])
    );
    assert_eq!(
        roles
            .iter()
            .filter(|r| r.get("certifications").is_some())
            .count(),
        1,
        "only DCWF 451 is in this matrix"
    );
    // Without the matrix no role asks for a certification.
    let out2 = dir.join("out2");
    let (_, err, code) = run(certpath()
        .args(["catalog", "import", "nice"])
        .arg(nice_file())
        .arg("-o")
        .arg(&out2));
    assert_eq!(code, 0, "stderr:\n{err}");
    let v = catalog_json(&out2);
    assert!(v["roles"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r.get("certifications").is_none()));
}

#[test]
fn bad_inputs_exit_with_their_codes() {
    let dir = folder("bad");
    // Not a NICE file.
    let not_nice = dir.join("roles.json");
    std::fs::write(&not_nice, r#"{"elements": []}"#).unwrap();
    let (_, err, code) = run(certpath()
        .args(["catalog", "import", "nice"])
        .arg(&not_nice)
        .arg("-o")
        .arg(dir.join("o")));
    assert_eq!(code, 65, "stderr:\n{err}");
    assert!(
        err.contains(&format!("error: {}: no work roles", not_nice.display())),
        "stderr:\n{err}"
    );
    assert!(
        err.contains("hint: give the NICE Framework components JSON"),
        "stderr:\n{err}"
    );
    // Malformed JSON says where.
    std::fs::write(&not_nice, "{\"elements\": [").unwrap();
    let (_, err, code) = run(certpath()
        .args(["catalog", "import", "nice"])
        .arg(&not_nice)
        .arg("-o")
        .arg(dir.join("o")));
    assert_eq!(code, 65, "stderr:\n{err}");
    assert!(err.contains("line 1"), "stderr:\n{err}");
    // A missing file.
    let (_, _, code) = run(certpath()
        .args(["catalog", "import", "nice", "no-such.json", "-o"])
        .arg(dir.join("o")));
    assert_eq!(code, 66);
    // A matrix that is neither xlsx nor csv, and one without the columns.
    let (_, err, code) = run(certpath()
        .args(["catalog", "import", "nice"])
        .arg(nice_file())
        .args(["--matrix", "m.pdf", "-o"])
        .arg(dir.join("o")));
    assert_eq!(code, 2, "stderr:\n{err}");
    let csv = dir.join("m.csv");
    std::fs::write(&csv, "a,b\n1,2\n").unwrap();
    let (_, err, code) = run(certpath()
        .args(["catalog", "import", "nice"])
        .arg(nice_file())
        .arg("--matrix")
        .arg(&csv)
        .arg("-o")
        .arg(dir.join("o")));
    assert_eq!(code, 65, "stderr:\n{err}");
    assert!(
        err.contains("Acronym, Work Role Code and Proficiency"),
        "stderr:\n{err}"
    );
    // No overwriting without --force.
    let out = dir.join("twice");
    let args = |c: &mut assert_cmd::Command| {
        c.args(["catalog", "import", "nice"])
            .arg(nice_file())
            .arg("-o")
            .arg(&out);
    };
    let mut first = certpath();
    args(&mut first);
    assert_eq!(run(&mut first).2, 0);
    let mut again = certpath();
    args(&mut again);
    let (_, err, code) = run(&mut again);
    assert_eq!(code, 73, "stderr:\n{err}");
    let mut forced = certpath();
    args(&mut forced);
    assert_eq!(run(forced.arg("--force")).2, 0);
}

#[test]
fn a_self_contained_import_plans_alike_with_and_without_the_bundled_catalog() {
    let dir = folder("self-contained");
    let (_, err, code) = run(certpath()
        .args(["catalog", "import", "nice"])
        .arg(nice_file())
        .arg("--matrix")
        .arg(matrix_file())
        .arg("--self-contained")
        .arg("-o")
        .arg(&dir));
    assert_eq!(code, 0, "stderr:\n{err}");
    assert!(
        err.contains("load it alone with --no-builtin"),
        "stderr:\n{err}"
    );
    // Its copies of bundled entries change nothing, so nothing is listed.
    let (out, err, code) = run(certpath().args(["catalog", "validate"]).arg(&dir));
    assert_eq!(code, 0, "stderr:\n{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    let (out, err, code) = run(certpath()
        .args(["--no-builtin", "catalog", "validate"])
        .arg(&dir));
    assert_eq!(code, 0, "stderr:\n{err}");
    assert!(out.contains("41 roles in all"), "{out}");
    let rank = |no_builtin: bool| {
        let mut c = certpath();
        if no_builtin {
            c.arg("--no-builtin");
        }
        let v = json(c.arg("--catalog").arg(&dir).args([
            "--no-profile",
            "--have",
            "comptia-security-plus",
            "rank",
        ]));
        v["roles"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["id"].as_str().unwrap().starts_with("nice-"))
            .map(|r| {
                (
                    r["id"].to_string(),
                    (r["readiness_percent"].clone(), r["remaining_hours"].clone()),
                )
            })
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let with = rank(false);
    assert_eq!(with.len(), 41);
    assert_eq!(with, rank(true));
}

#[test]
fn same_as_links_make_covered_statements_count() {
    let (dir, _, _) = imported();
    // IO-WRL-001 (Data Analysis) asks for no certification: only the
    // statements linked to skills Security+ covers can make it ready.
    let v = json(certpath().arg("--catalog").arg(dir).args([
        "--no-profile",
        "--have",
        "comptia-security-plus",
        "gap",
        "--role",
        "nice-io-wrl-001",
    ]));
    assert!(v["readiness_percent"].as_u64().unwrap() > 0, "{v}");
}

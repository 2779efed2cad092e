//! Overlays on the bundled catalog: an entry with an existing id patches
//! the fields it gives, `"replace": true` replaces it whole, and both are
//! listed; `x-*` keys travel with entries and profiles.

use crate::util::{certpath, json, run};
use serde_json::{json as j, Value};
use std::path::{Path, PathBuf};

/// Writes `value` as `name` in a fresh folder of its own.
fn write(dir: &str, name: &str, value: &Value) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("overlays")
        .join(dir);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    let p = d.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(value).expect("JSON")).expect("write");
    p
}

/// The bundled catalog's counts (skills, certifications, roles), as
/// `catalog validate` reports them for an overlay that adds nothing.
/// `dir` is the test's own folder: tests run in parallel.
fn bundled_counts(dir: &str) -> (usize, usize, usize) {
    let p = write(dir, "empty.json", &j!({ "format": 1 }));
    let (out, err, code) = run(certpath().arg("catalog").arg("validate").arg(&p));
    assert_eq!(code, 0, "stderr:\n{err}");
    let inner = out.split_once(" (").unwrap().1;
    let n: Vec<usize> = inner
        .split(", ")
        .map(|part| part.split(' ').next().unwrap().parse().unwrap())
        .collect();
    (n[0], n[1], n[2])
}

fn cert(catalog: &Path, id: &str) -> Value {
    let v = json(certpath().arg("--catalog").arg(catalog).args(["cert", id]));
    v["certification"].clone()
}

#[test]
fn a_price_change_patches_and_keeps_the_rest() {
    let bundled = json(certpath().args(["cert", "comptia-security-plus"]))["certification"].clone();
    let p = write(
        "price",
        "price.json",
        &j!({ "format": 1, "certifications": [
            { "id": "comptia-security-plus", "exams": [{ "code": "SY0-701", "cost_usd": 1 }] }
        ]}),
    );
    let patched = cert(&p, "comptia-security-plus");
    assert_eq!(
        patched["exams"],
        j!([{ "code": "SY0-701", "cost_usd": 1, "retires": null }])
    );
    for kept in [
        "name",
        "covers",
        "study_hours",
        "renewal",
        "validity_years",
        "sources",
        "aliases",
    ] {
        assert_eq!(patched[kept], bundled[kept], "`{kept}` kept");
    }
    assert!(!patched["covers"].as_array().unwrap().is_empty());
}

#[test]
fn replace_true_replaces_the_entry_whole() {
    let p = write(
        "replace",
        "replace.json",
        &j!({ "format": 1, "certifications": [
            { "id": "comptia-security-plus", "replace": true, "name": "Security+ (ours)",
              "vendor": "CompTIA", "exams": [{ "code": "SY0-701", "cost_usd": 1 }] }
        ]}),
    );
    let c = cert(&p, "comptia-security-plus");
    assert_eq!(c["name"], "Security+ (ours)");
    assert_eq!(c["covers"], j!([]));
    assert_eq!(
        c["study_hours"],
        Value::Null,
        "unknown, not kept from the bundled entry"
    );
    // Replacing needs what a new entry needs.
    let p = write(
        "replace-bad",
        "replace.json",
        &j!({ "format": 1, "skills": [{ "id": "dns", "replace": true, "hours": [1, 1, 1, 1] }] }),
    );
    let (_, err, code) = run(certpath().arg("catalog").arg("validate").arg(&p));
    assert_eq!(code, 65, "stderr:\n{err}");
    assert!(
        err.contains("skills[0]: missing field `name`"),
        "stderr:\n{err}"
    );
}

#[test]
fn validate_and_verbose_list_every_patched_or_replaced_id() {
    let p = write(
        "list",
        "mine.json",
        &j!({ "format": 1,
              "skills": [{ "id": "dns", "hours": [1, 2, 3, 4] },
                         { "id": "acme-thing", "name": "Acme", "domain": "x", "hours": [1, 1, 1, 1] }],
              "roles": [{ "id": "network-engineer", "replace": true, "name": "NE",
                          "skills": [{ "skill": "dns", "level": 2 }] }] }),
    );
    let shown = p.display().to_string();
    let (skills, certs, roles) = bundled_counts("counts-list");
    let skills = skills + 1; // acme-thing
    let (out, err, code) = run(certpath().arg("catalog").arg("validate").arg(&p));
    assert_eq!(code, 0, "stderr:\n{err}");
    assert_eq!(
        out,
        format!(
            "valid: {shown} ({skills} skills, {certs} certifications, {roles} roles in all)\n\
             {shown}: skills[0]: patches the skill `dns` of data/skills.json (bundled)\n\
             {shown}: roles[0]: replaces the role `network-engineer` of data/roles.json (bundled)\n"
        )
    );
    assert!(err.is_empty(), "validate lists on stdout only:\n{err}");
    let v = json(certpath().arg("catalog").arg("validate").arg(&p));
    assert_eq!(v["overlaid"][0]["id"], "dns");
    assert_eq!(v["overlaid"][0]["replaced"], false);
    assert_eq!(v["overlaid"][1]["id"], "network-engineer");
    assert_eq!(v["overlaid"][1]["replaced"], true);
    // Any command: one line by default, each entry with -v, nothing with -q.
    let (_, err, code) = run(certpath().arg("--catalog").arg(&p).args(["skill", "dns"]));
    assert_eq!(code, 0);
    assert!(
        err.contains("note: --catalog files patch or replace 2 existing entries: `dns`, `network-engineer` (-v says where)"),
        "stderr:\n{err}"
    );
    let (_, err, _) = run(certpath()
        .arg("--catalog")
        .arg(&p)
        .args(["-v", "skill", "dns"]));
    assert!(
        err.contains(&format!(
            "note: {shown}: skills[0]: patches the skill `dns` of data/skills.json (bundled)"
        )),
        "stderr:\n{err}"
    );
    let (_, err, _) = run(certpath()
        .arg("--catalog")
        .arg(&p)
        .args(["-q", "skill", "dns"]));
    assert!(err.is_empty(), "stderr:\n{err}");
    // The patched skill kept its name and prerequisites.
    let s = json(certpath().arg("--catalog").arg(&p).args(["skill", "dns"]));
    assert_eq!(s["skill"]["name"], "DNS");
    assert_eq!(s["skill"]["hours"], j!([1, 2, 3, 4]));
    assert!(!s["skill"]["requires"].as_array().unwrap().is_empty());
}

#[test]
fn a_patch_is_checked_like_any_entry() {
    let p = write(
        "bad-patch",
        "bad.json",
        &j!({ "format": 1, "skills": [{ "id": "dns", "hours": [1, 2], "replace": "yes" }] }),
    );
    let (_, err, code) = run(certpath().arg("catalog").arg("validate").arg(&p));
    assert_eq!(code, 65, "stderr:\n{err}");
    assert!(
        err.contains("skills[0].replace: `replace` must be true or false"),
        "stderr:\n{err}"
    );
    assert!(
        err.contains("skills[0].hours: `hours` must be four"),
        "stderr:\n{err}"
    );
}

#[test]
fn x_keys_are_allowed_kept_on_export_and_ignored_by_the_planner() {
    let (skills, certs, roles) = bundled_counts("counts-x-keys");
    let p = write(
        "x-keys",
        "x.json",
        &j!({ "format": 1, "x-generator": "test",
              "skills": [{ "id": "acme-thing", "name": "Acme", "domain": "x", "hours": [1, 1, 1, 1],
                           "x-source-id": "K0001",
                           "requires": [{ "skill": "dns", "level": 1 }] }],
              "certifications": [{ "id": "comptia-a-plus", "x-note": { "tier": 1 } }],
              "roles": [{ "id": "acme-role", "name": "Acme role", "x-tasks": ["T1", "T2"],
                          "skills": [{ "skill": "acme-thing", "level": 1 }] }] }),
    );
    let plain = write(
        "x-keys-plain",
        "x.json",
        &j!({ "format": 1,
              "skills": [{ "id": "acme-thing", "name": "Acme", "domain": "x", "hours": [1, 1, 1, 1],
                           "requires": [{ "skill": "dns", "level": 1 }] }],
              "roles": [{ "id": "acme-role", "name": "Acme role",
                          "skills": [{ "skill": "acme-thing", "level": 1 }] }] }),
    );
    let with = json(
        certpath()
            .arg("--catalog")
            .arg(&p)
            .args(["plan", "--role", "acme-role"]),
    );
    let without =
        json(
            certpath()
                .arg("--catalog")
                .arg(&plain)
                .args(["plan", "--role", "acme-role"]),
        );
    assert_eq!(with["steps"], without["steps"], "x-* keys change no plan");
    // Other unknown keys are still refused.
    let bad = write(
        "y-keys",
        "y.json",
        &j!({ "format": 1, "skills": [{ "id": "acme-thing", "name": "Acme", "domain": "x",
                                         "hours": [1, 1, 1, 1], "y-source": 1 }] }),
    );
    let (_, err, code) = run(certpath().arg("catalog").arg("validate").arg(&bad));
    assert_eq!(code, 65);
    assert!(err.contains("unknown field `y-source`"), "stderr:\n{err}");
    // Export writes the loaded catalog with the x-* keys, and it loads back alone.
    let out = p.parent().unwrap().join("export");
    let (_, err, code) = run(certpath()
        .arg("--catalog")
        .arg(&p)
        .arg("catalog")
        .arg("export")
        .arg(&out));
    assert_eq!(code, 0, "stderr:\n{err}");
    let text = std::fs::read_to_string(out.join("catalog.json")).expect("catalog.json");
    let v: Value = serde_json::from_str(&text).expect("JSON");
    let find = |list: &str, id: &str| {
        v[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(find("skills", "acme-thing")["x-source-id"], "K0001");
    assert_eq!(find("roles", "acme-role")["x-tasks"], j!(["T1", "T2"]));
    let a_plus = find("certifications", "comptia-a-plus");
    assert_eq!(a_plus["x-note"], j!({ "tier": 1 }));
    assert!(
        !a_plus["covers"].as_array().unwrap().is_empty(),
        "the patch kept the rest"
    );
    let (vout, err, code) = run(certpath()
        .arg("--no-builtin")
        .args(["catalog", "validate"])
        .arg(out.join("catalog.json")));
    assert_eq!(code, 0, "stderr:\n{err}");
    assert!(
        vout.contains(&format!(
            "({} skills, {certs} certifications, {} roles in all)",
            skills + 1,
            roles + 1
        )),
        "{vout}"
    );
}

#[test]
fn profiles_keep_their_x_keys() {
    let p = write(
        "x-profile",
        "me.json",
        &j!({ "format": 1, "name": "Alex", "x-crm-id": 42, "skills": { "dns": 1 } }),
    );
    let (_, err, code) = run(certpath()
        .arg("--profile")
        .arg(&p)
        .args(["profile", "set", "dns", "2"]));
    assert_eq!(code, 0, "stderr:\n{err}");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    assert_eq!(v["x-crm-id"], 42);
    assert_eq!(v["skills"]["dns"], 2);
}

#[test]
fn the_schema_accepts_patches_and_x_keys_and_still_asks_a_replacement_for_everything() {
    let (schema, _, code) = run(certpath().args(["catalog", "schema", "catalog"]));
    assert_eq!(code, 0);
    let schema: Value = serde_json::from_str(&schema).unwrap();
    let v = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let patch = j!({ "format": 1, "x-by": "me",
                     "certifications": [{ "id": "comptia-security-plus", "x-tier": 2,
                                          "exams": [{ "code": "SY0-701", "cost_usd": 1, "x-seen": "2026-12" }] }] });
    assert!(
        v.is_valid(&patch),
        "{:?}",
        v.iter_errors(&patch)
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
    );
    let replace = j!({ "skills": [{ "id": "dns", "replace": true, "hours": [1, 1, 1, 1] }] });
    assert!(!v.is_valid(&replace), "a replacement needs name and domain");
    let other = j!({ "skills": [{ "id": "dns", "y-key": 1 }] });
    assert!(!v.is_valid(&other));
}

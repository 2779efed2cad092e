//! The commands that write profiles (`done`, `profile set|unset`) and read
//! them (`profile show`, `progress`): atomic writes, owner-only files,
//! round trips, failures that leave the old file whole.

use crate::util::{certpath, fixture, run, TODAY};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A copy of tests/fixtures/profiles/NAME in a fresh folder.
fn copy_profile(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::copy(fixture(&format!("profiles/{name}")), &file).unwrap();
    (dir, file)
}

fn with_profile(file: &Path, args: &[&str]) -> (String, String, i32) {
    run(certpath().args(args).arg("--profile").arg(file))
}

fn read(file: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
}

#[cfg(unix)]
fn mode(file: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(file).unwrap().permissions().mode() & 0o777
}

#[test]
fn done_then_undo_leaves_the_profile_byte_for_byte() {
    let (_dir, file) = copy_profile("alex.json");
    let original = std::fs::read(&file).unwrap();
    for id in [
        "cisco-ccna",
        "ip-addressing=3",
        "routing=1",
        "security-fundamentals=2",
    ] {
        let (out, err, code) = with_profile(&file, &["done", id]);
        assert_eq!(code, 0, "done {id}: {err}");
        assert!(out.starts_with("Recorded in "), "{out}");
    }
    let v = read(&file);
    assert_eq!(v["history"].as_array().unwrap().len(), 4);
    assert_eq!(
        v["history"][0],
        serde_json::json!({ "date": TODAY, "id": "cisco-ccna", "from": null, "to": "held" })
    );
    assert_eq!(
        v["history"][1],
        serde_json::json!({ "date": TODAY, "id": "ip-addressing", "from": null, "to": 3 })
    );
    // Undone in any order, all of them: the file is what it was.
    for id in [
        "ip-addressing",
        "security-fundamentals",
        "cisco-ccna",
        "routing",
    ] {
        let (out, err, code) = with_profile(&file, &["done", "--undo", id]);
        assert_eq!(code, 0, "undo {id}: {err}");
        assert!(out.starts_with("Undone in "), "{out}");
    }
    assert_eq!(
        String::from_utf8(std::fs::read(&file).unwrap()).unwrap(),
        String::from_utf8(original).unwrap()
    );
}

#[test]
fn done_then_undo_keeps_a_hand_written_profile_s_content() {
    let (_dir, file) = copy_profile("hand-written.json");
    let original = read(&file);
    let (_, err, code) = with_profile(&file, &["done", "comptia-network-plus"]);
    assert_eq!(code, 0, "{err}");
    let (_, err, code) = with_profile(&file, &["done", "--undo", "comptia-network-plus"]);
    assert_eq!(code, 0, "{err}");
    let mut expected = original;
    expected["format"] = 1.into();
    let mut got = read(&file);
    // Key order and layout are certpath's; the content is the same.
    got.as_object_mut().unwrap().sort_keys();
    expected.as_object_mut().unwrap().sort_keys();
    assert_eq!(got, expected);
}

/// `certpath --no-builtin --catalog small.json ARGS --profile FILE`: plans
/// whose numbers do not move when the bundled catalog grows.
fn small(file: &Path, args: &[&str]) -> (String, String, i32) {
    run(certpath()
        .arg("--no-builtin")
        .arg("--catalog")
        .arg(fixture("small.json"))
        .args(args)
        .arg("--profile")
        .arg(file))
}

#[test]
fn done_says_what_changed_in_the_plan() {
    let (_dir, file) = copy_profile("small.json");
    let (out, err, code) = small(&file, &["done", "basics"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        format!(
            "Recorded in {}: Basics (basics) level 0 -> level 2\n\
             Plan to Small Role (small-role):\n  \
             steps left    3 -> 2 (1 done)\n  \
             study hours   20 -> 14 (6 fewer)\n  \
             finish        2026-12-22 -> 2026-12-14 (8 days sooner)\n  \
             readiness     0% -> 30%\n",
            file.display()
        ),
        "a skill without a level reaches the level of its next plan step"
    );
    // JSON: the change and the plan's numbers before and after.
    let (out, err, code) = small(&file, &["done", "starter-cert", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v,
        serde_json::json!({
            "format": 1,
            "file": file.display().to_string(),
            "undo": false,
            "change": { "date": TODAY, "id": "starter-cert", "kind": "cert",
                        "name": "Starter Cert", "from": null, "to": "held" },
            "role": { "id": "small-role", "name": "Small Role" },
            "before": { "steps": 2, "total_hours": 14.0, "finish": "2026-12-14", "readiness_percent": 30 },
            "after": { "steps": 1, "total_hours": 4.0, "finish": "2026-11-30", "readiness_percent": 80 }
        })
    );
    // Undo says the plan grows again.
    let (out, err, code) = small(&file, &["done", "--undo", "starter-cert"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Starter Cert (starter-cert) no longer held"),
        "{out}"
    );
    assert!(out.contains("steps left    1 -> 2 (1 more)"), "{out}");
    // Without a role: recorded, and how to see the plan's change.
    let (_d, bare) = copy_profile("alex.json");
    let (out, err, code) = run(certpath()
        .args(["done", "routing=3", "--no-builtin", "--catalog"])
        .arg(fixture("small.json"))
        .arg("--profile")
        .arg(&bare));
    assert_eq!(
        code, 65,
        "alex.json names ids the small catalog lacks: {err}"
    );
    assert!(out.is_empty());
    let fresh = _d.path().join("fresh.json");
    let (out, err, code) = small(&fresh, &["done", "advanced=1"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Set a target role"), "{out}");
    assert!(err.contains("created profile"), "{err}");
}

#[test]
fn done_refuses_what_it_cannot_record_and_writes_nothing() {
    let (_dir, file) = copy_profile("alex.json");
    let original = std::fs::read(&file).unwrap();
    for (args, code_wanted, says) in [
        (vec!["done", "comptia-a-plus=2"], 2, "takes no level"),
        (
            vec!["done", "windows-client=1"],
            2,
            "profile set windows-client 1",
        ),
        (
            vec!["done", "ip-adressing=2"],
            65,
            "did you mean `ip-addressing`",
        ),
        (vec!["done", "routing=7"], 65, "unknown level `7`"),
        (vec!["done", "--undo", "routing"], 2, "no recorded progress"),
        (vec!["done", "experience:pmi-pmp"], 2, "experience_months"),
        (vec!["done", "routing=2", "--have", "python=1"], 2, "--have"),
    ] {
        let (_, err, code) = with_profile(&file, &args);
        assert_eq!(code, code_wanted, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    let (out, _, code) = with_profile(&file, &["done", "comptia-a-plus"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Nothing to record"), "{out}");
    assert_eq!(std::fs::read(&file).unwrap(), original);
    let (_, err, code) = run(certpath().args(["done", "routing=1", "--profile", "-"]));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn an_invalid_profile_is_exit_65_and_stays_untouched() {
    let dir = tempfile::tempdir().unwrap();
    for bad in [
        "profile-level-five.json",
        "profile-unknown-skill.json",
        "profile-format-two.json",
        "profile-malformed.json",
    ] {
        let file = dir.path().join(bad);
        std::fs::copy(fixture(&format!("bad/{bad}")), &file).unwrap();
        let original = std::fs::read(&file).unwrap();
        for args in [
            vec!["done", "routing=1"],
            vec!["profile", "set", "name", "X"],
            vec!["profile", "unset", "name"],
        ] {
            let (_, err, code) = with_profile(&file, &args);
            assert_eq!(code, 65, "{bad} {args:?}: {err}");
            assert!(err.contains(bad), "names the file: {err}");
        }
        assert_eq!(std::fs::read(&file).unwrap(), original, "{bad} untouched");
    }
}

/// Whether this user can write in a read-only folder anyway (root can).
fn can_write_anyway(dir: &Path) -> bool {
    let probe = dir.join("probe");
    let ok = std::fs::write(&probe, b"x").is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

#[cfg(unix)]
#[test]
fn a_failed_write_exits_73_and_leaves_the_old_file_whole() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, file) = copy_profile("alex.json");
    let original = std::fs::read(&file).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let writable = can_write_anyway(dir.path());
    let (_, err, code) = with_profile(&file, &["done", "cisco-ccna"]);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    if writable {
        eprintln!("skipped the read-only folder check: this user writes there anyway (root)");
    } else {
        assert_eq!(code, 73, "{err}");
        assert!(err.contains("cannot write"), "{err}");
        assert_eq!(std::fs::read(&file).unwrap(), original);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file left");
    }
}

#[test]
fn a_write_into_a_path_that_cannot_hold_a_file_exits_73() {
    // Fails for every user, root included: a file stands where a folder
    // should be, or the folder is missing.
    let (dir, file) = copy_profile("alex.json");
    let original = std::fs::read(&file).unwrap();
    let inside_a_file = file.join("p.json");
    let (_, err, code) = run(certpath()
        .args(["profile", "set", "name", "X", "--profile"])
        .arg(&inside_a_file));
    assert_eq!(code, 73, "{err}");
    assert!(err.contains("cannot write"), "{err}");
    let missing = dir.path().join("no-such-folder").join("p.json");
    let (_, err, code) = run(certpath()
        .args(["profile", "set", "name", "X", "--profile"])
        .arg(&missing));
    assert_eq!(code, 73, "{err}");
    assert!(err.contains("does not exist"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), original);
}

#[test]
fn profile_set_unset_and_show() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("new.json");
    for (k, v) in [
        ("name", "Robin Roe"),
        ("target_role", "SOC analyst"),
        ("hours_per_week", "7.5"),
        ("degree", "bachelor"),
        ("experience_months.security", "18"),
        ("python", "2"),
        ("comptia-security-plus", "2025-06-30"),
        ("comptia-a-plus", "held"),
    ] {
        let (out, err, code) = with_profile(&file, &["profile", "set", k, v]);
        assert_eq!(code, 0, "{k}: {err}");
        assert!(out.contains("(not set) ->"), "{out}");
    }
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o600);
    let v = read(&file);
    assert_eq!(v["name"], "Robin Roe");
    assert_eq!(
        v["target_role"], "cybersecurity-analyst",
        "an alias resolves to the id"
    );
    assert_eq!(v["hours_per_week"], 7.5);
    assert_eq!(v["degree"], "bachelor");
    assert_eq!(v["experience_months"]["security"], 18);
    assert_eq!(v["skills"]["python"], 2);
    assert_eq!(
        v["certifications"],
        serde_json::json!([{ "id": "comptia-security-plus", "earned": "2025-06-30" }, "comptia-a-plus"])
    );
    // Show: a table for people, the file's JSON for scripts.
    let (out, err, code) = with_profile(&file, &["profile", "show"]);
    assert_eq!(code, 0, "{err}");
    for s in [
        "Robin Roe",
        "Cybersecurity Analyst (cybersecurity-analyst)",
        "7.5",
        "security 18 months",
        "CompTIA Security+ (comptia-security-plus), earned 2025-06-30",
        "| Python scripting",
        "2 working",
    ] {
        assert!(out.contains(s), "{s}: {out}");
    }
    let (out, _, _) = with_profile(&file, &["profile", "show", "--format", "json"]);
    assert_eq!(out, std::fs::read_to_string(&file).unwrap());
    // The same value again changes nothing.
    let (out, _, code) = with_profile(&file, &["profile", "set", "degree", "bachelor"]);
    assert_eq!(code, 0);
    assert!(out.contains("unchanged"), "{out}");
    // Unset, then the profile holds only what is left.
    for k in [
        "name",
        "target_role",
        "hours_per_week",
        "degree",
        "experience_months.security",
        "python",
        "comptia-security-plus",
    ] {
        let (_, err, code) = with_profile(&file, &["profile", "unset", k]);
        assert_eq!(code, 0, "{k}: {err}");
    }
    assert_eq!(
        read(&file),
        serde_json::json!({ "format": 1, "certifications": ["comptia-a-plus"] })
    );
    // Mistakes: usage errors with a hint, the file as it was.
    let before = std::fs::read(&file).unwrap();
    for (args, code_wanted, says) in [
        (
            vec!["profile", "set", "nmae", "X"],
            2,
            "did you mean `name`?",
        ),
        (
            vec!["profile", "set", "degree", "phd"],
            65,
            "unknown degree",
        ),
        (
            vec!["profile", "set", "hours_per_week", "200"],
            2,
            "1 to 168",
        ),
        (
            vec!["profile", "set", "python", "5"],
            65,
            "unknown level `5`",
        ),
        (
            vec!["profile", "set", "experience_months.secrity", "3"],
            2,
            "experience_months.security",
        ),
        (
            vec!["profile", "set", "comptia-a-plus", "yesterday"],
            2,
            "the day you earned it",
        ),
        (
            vec!["profile", "set", "target_role", "astronaut"],
            65,
            "unknown role",
        ),
        (vec!["profile", "set", "history", "[]"], 2, "certpath done"),
    ] {
        let (_, err, code) = with_profile(&file, &args);
        assert_eq!(code, code_wanted, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(err.contains("hint:") || code == 65, "{err}");
    }
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn without_profile_the_default_profile_is_created_owner_only() {
    let config = tempfile::tempdir().unwrap();
    let (out, err, code) = run(certpath()
        .env("XDG_CONFIG_HOME", config.path())
        .args(["profile", "set", "name", "Dee"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Dee"));
    let file = config.path().join("certpath").join("profile.json");
    assert!(
        err.contains(&file.display().to_string()),
        "says which file: {err}"
    );
    assert_eq!(read(&file)["name"], "Dee");
    #[cfg(unix)]
    {
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(file.parent().unwrap()), 0o700);
    }
    // $CERTPATH_PROFILE wins over the default.
    let other = config.path().join("other.json");
    let (_, err, code) = run(certpath()
        .env("XDG_CONFIG_HOME", config.path())
        .env("CERTPATH_PROFILE", &other)
        .args(["done", "python=1"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(read(&other)["skills"]["python"], 1);
    assert!(read(&file).get("skills").is_none());
    // --no-profile with a command that writes: refused.
    let (_, err, code) = run(certpath().env("XDG_CONFIG_HOME", config.path()).args([
        "done",
        "python=2",
        "--no-profile",
    ]));
    assert_eq!(code, 2, "{err}");
    // show with no profile at all: 66 and how to make one.
    let (_, err, code) = run(certpath().args(["profile", "show"]));
    assert_eq!(code, 66, "{err}");
    assert!(err.contains("certpath assess"), "{err}");
}

#[test]
fn progress_adds_up_the_history() {
    let (_dir, file) = copy_profile("small.json");
    for (day, id) in [("2026-11-01", "basics=2"), ("2026-11-15", "starter-cert")] {
        let (_, err, code) = run(certpath()
            .env("CERTPATH_TODAY", day)
            .args(["--no-builtin", "--catalog"])
            .arg(fixture("small.json"))
            .args(["done", id, "--profile"])
            .arg(&file));
        assert_eq!(code, 0, "{err}");
    }
    let (out, err, code) = small(&file, &["progress"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "Progress toward Small Role (small-role)
+------------+-------------------------+------------+-----------+
| Date       | Change                  | Hours left | Readiness |
+===============================================================+
| start      | before the first record | 20         | 0%        |
| 2026-11-01 | Basics: 0 -> 2          | 14         | 30%       |
| 2026-11-15 | Starter Cert: held      | 4          | 80%       |
+------------+-------------------------+------------+-----------+
16 study hours done since 2026-11-01 (in 23 days): about 4.9 hours a week.
Readiness 0% then, 80% now; 4 study hours left, about 1 week at this pace.
"
    );
    let (out, err, code) = small(&file, &["progress", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["format"], 1);
    assert_eq!(v["role"]["id"], "small-role");
    assert_eq!(v["since"], "2026-11-01");
    assert_eq!(v["today"], TODAY);
    assert_eq!(v["days"], 23);
    assert_eq!(v["hours_done"], 16);
    assert_eq!(v["hours_per_week"], 4.9);
    assert_eq!(v["readiness_then"], 0);
    assert_eq!(v["readiness_now"], 80);
    assert_eq!(v["hours_left"], 4);
    assert_eq!(
        v["entries"][0],
        serde_json::json!({ "date": "2026-11-01", "id": "basics", "name": "Basics",
                            "from": null, "to": 2, "hours_left": 14, "readiness_percent": 30 })
    );
    // Without history: says how to start.
    let (_d, fresh) = copy_profile("small.json");
    let (out, _, code) = small(&fresh, &["progress"]);
    assert_eq!(code, 0);
    assert!(out.contains("No progress recorded yet"), "{out}");
    assert!(out.contains("20 study hours left, readiness 0%"), "{out}");
}

//! Reliability (README, "Reliability"): a bug is one line and exit 70,
//! input is bounded, hostile text cannot drive the terminal, huge graphs
//! cannot overflow the stack.

use crate::util::{certpath, run};

#[test]
fn a_bug_is_one_line_naming_its_place_and_exit_70() {
    let (out, err, code) = run(certpath().env("CERTPATH_DEBUG_PANIC", "1").arg("roles"));
    assert_eq!(code, 70, "stderr:\n{err}");
    assert!(out.is_empty());
    assert!(
        err.starts_with("error: internal error: CERTPATH_DEBUG_PANIC is set at src/lib.rs:"),
        "stderr:\n{err}"
    );
    assert!(err.contains("; please report it"), "stderr:\n{err}");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
    let (_, err, code) = run(certpath()
        .env("CERTPATH_DEBUG_PANIC", "1")
        .args(["roles", "--format", "json"]));
    assert_eq!(code, 70);
    let v: serde_json::Value = serde_json::from_str(&err).expect("a JSON error");
    assert_eq!(v["error"]["code"], 70);
}

#[test]
fn endless_input_is_an_exit_65_error_at_the_limit() {
    let (out, err, code) = run(certpath().args(["--catalog", "/dev/zero", "roles"]));
    assert_eq!(code, 65, "stderr:\n{err}");
    assert!(out.is_empty());
    assert_eq!(
        err.lines().next().unwrap_or_default(),
        "error: /dev/zero: larger than the input limit of 256 MB",
        "{err}"
    );
    assert!(err.contains("CERTPATH_MAX_INPUT"), "{err}");
    let zero = std::fs::File::open("/dev/zero").expect("/dev/zero");
    let out = crate::util::certpath_std()
        .env("CERTPATH_MAX_INPUT", "1M")
        .stdin(zero)
        .args(["-p", "-", "gap", "--role", "soc-analyst"])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(65), "stderr:\n{err}");
    assert!(
        err.starts_with("error: <stdin>: larger than the input limit of 1 MB"),
        "{err}"
    );
}

#[test]
fn the_input_limit_can_be_changed_and_a_bad_one_is_a_usage_error() {
    let catalog = crate::util::fixture("small.json");
    let size = std::fs::metadata(&catalog).expect("fixture").len();
    let below = (size - 1).to_string();
    let (_, err, code) = run(certpath()
        .env("CERTPATH_MAX_INPUT", &below)
        .arg("--catalog")
        .arg(&catalog)
        .args(["--no-builtin", "roles"]));
    assert_eq!(code, 65, "{err}");
    assert!(
        err.contains(&format!("input limit of {below} bytes")),
        "{err}"
    );
    let (_, err, code) = run(certpath()
        .env("CERTPATH_MAX_INPUT", size.to_string())
        .arg("--catalog")
        .arg(&catalog)
        .args(["--no-builtin", "roles"]));
    assert_eq!(code, 0, "{err}");
    let (_, err, code) = run(certpath().env("CERTPATH_MAX_INPUT", "lots").arg("roles"));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with("error: CERTPATH_MAX_INPUT=lots: not a size"),
        "{err}"
    );
}

#[test]
fn control_characters_in_a_path_do_not_reach_the_terminal() {
    let (_, err, code) =
        run(certpath().args(["-p", "a\x1b]0;owned\x07\nerror: forged.json", "plan"]));
    assert_eq!(code, 66, "{err}");
    assert!(!err.contains('\x1b') && !err.contains('\x07'), "{err:?}");
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error:")).count(),
        1,
        "{err}"
    );
    assert!(
        err.contains(r"a\x1b]0;owned\x07\nerror: forged.json"),
        "{err}"
    );
}

/// Ids of `n` bundled skills.
fn skill_ids(n: usize) -> Vec<String> {
    let (out, err, code) = run(certpath().args(["skills", "--format", "csv"]));
    assert_eq!(code, 0, "{err}");
    let ids: Vec<String> = out
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .map(str::to_string)
        .take(n)
        .collect();
    assert_eq!(ids.len(), n);
    ids
}

fn profile_json(p: &std::path::Path) -> serde_json::Value {
    let text = std::fs::read_to_string(p).expect("the profile");
    serde_json::from_str(&text).expect("a whole profile")
}

#[test]
fn twenty_concurrent_writers_lose_no_record() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path().join("client.json");
    let ids = skill_ids(20);
    // Ten `done` and ten `profile set` at once, on one profile that does
    // not exist yet: the first to get the lock creates it.
    let children: Vec<_> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let mut cmd = crate::util::certpath_std();
            cmd.arg("-p").arg(&p);
            if i % 2 == 0 {
                cmd.args(["done", &format!("{id}=1")]);
            } else {
                cmd.args(["profile", "set", id, "2"]);
            }
            cmd.stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawns")
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().expect("waits");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{err}");
    }
    let v = profile_json(&p);
    let skills = v["skills"].as_object().expect("skills");
    for (i, id) in ids.iter().enumerate() {
        let want = if i % 2 == 0 { 1 } else { 2 };
        assert_eq!(
            skills.get(id),
            Some(&serde_json::json!(want)),
            "{id} lost: {v}"
        );
    }
    assert_eq!(v["history"].as_array().map(Vec::len), Some(10), "{v}");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("lists")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left, ["client.json"], "nothing is left beside the profile");
}

#[test]
fn a_waiting_writer_says_so_and_then_writes() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path().join("client.json");
    let (_, err, code) = run(certpath()
        .arg("-p")
        .arg(&p)
        .args(["profile", "set", "name", "Dana"]));
    assert_eq!(code, 0, "{err}");
    // This test holds the lock as another certpath would.
    let held = std::fs::File::open(&p).expect("opens");
    held.lock().expect("locks");
    let mut child = crate::util::certpath_std()
        .arg("-p")
        .arg(&p)
        .args(["profile", "set", "hours_per_week", "7"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawns");
    let mut stderr = std::io::BufReader::new(child.stderr.take().expect("stderr"));
    let mut line = String::new();
    stderr.read_line(&mut line).expect("reads");
    let waiting = format!(
        "note: waiting for another certpath to finish writing {}",
        p.display()
    );
    assert_eq!(line.trim_end(), waiting);
    // Still waiting: nothing written while the lock is held.
    assert_eq!(profile_json(&p)["hours_per_week"], serde_json::Value::Null);
    held.unlock().expect("unlocks");
    let status = child.wait().expect("waits");
    assert_eq!(status.code(), Some(0));
    let v = profile_json(&p);
    assert_eq!(v["hours_per_week"], 7);
    assert_eq!(v["name"], "Dana");
}

#[cfg(unix)]
fn mode(p: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(p)
        .expect("exists")
        .permissions()
        .mode()
        & 0o777
}

#[cfg(unix)]
#[test]
fn writes_never_follow_a_planted_link() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("temp dir");
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "keep me").expect("writes");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    symlink("../victim", out.join("sam-rivera.md")).expect("links");
    let sam = crate::util::fixture("../../docs/examples/sam.json");
    let (_, err, code) = run(certpath()
        .arg("-p")
        .arg(&sam)
        .args(["plan", "--format", "markdown", "--out-dir"])
        .arg(&out));
    assert_eq!(code, 73, "{err}");
    assert!(
        err.contains(&format!(
            "{}: cannot write: is a symbolic link",
            out.join("sam-rivera.md").display()
        )),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&victim).expect("reads"), "keep me");
    assert_eq!(mode(&victim), 0o644);
    // A profile that is a link is not written through either.
    let link = dir.path().join("link.json");
    symlink(&victim, &link).expect("links");
    let (_, err, code) = run(certpath().arg("-p").arg(&link).args(["done", "python=1"]));
    assert_eq!(code, 73, "{err}");
    assert_eq!(std::fs::read_to_string(&victim).expect("reads"), "keep me");
    // Nor an exported catalog file, even with --force.
    let export = dir.path().join("export");
    let (_, err, code) = run(certpath().args(["catalog", "export"]).arg(&export));
    assert_eq!(code, 0, "{err}");
    let first = std::fs::read_dir(&export)
        .expect("lists")
        .next()
        .expect("a file")
        .expect("entry")
        .path();
    std::fs::remove_file(&first).expect("removes");
    symlink(&victim, &first).expect("links");
    let (_, err, code) = run(certpath()
        .args(["catalog", "export", "--force"])
        .arg(&export));
    assert_eq!(code, 73, "{err}");
    assert_eq!(std::fs::read_to_string(&victim).expect("reads"), "keep me");
}

#[test]
fn json_reports_are_not_written_over_the_profiles_they_come_from() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clients = dir.path().join("clients");
    std::fs::create_dir(&clients).expect("mkdir");
    let examples = crate::util::fixture("../../docs/examples/clients");
    for e in std::fs::read_dir(&examples).expect("lists") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), clients.join(e.file_name())).expect("copies");
    }
    let before: Vec<_> = std::fs::read_dir(&clients)
        .expect("lists")
        .map(|e| std::fs::read(e.expect("entry").path()).expect("reads"))
        .collect();
    let (out, err, code) = run(certpath()
        .arg("-p")
        .arg(&clients)
        .args(["plan", "--format", "json", "--out-dir"])
        .arg(&clients));
    assert_eq!(code, 73, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("into the folder the profile"), "{err}");
    let after: Vec<_> = std::fs::read_dir(&clients)
        .expect("lists")
        .map(|e| std::fs::read(e.expect("entry").path()).expect("reads"))
        .collect();
    assert_eq!(before, after, "the profiles are untouched");
    // Markdown reports cannot collide with *.json profiles: allowed.
    let (_, err, code) = run(certpath()
        .arg("-p")
        .arg(&clients)
        .args(["plan", "--format", "markdown", "--out-dir"])
        .arg(&clients));
    assert_eq!(code, 0, "{err}");
}

#[cfg(unix)]
#[test]
fn new_files_are_0600_and_folders_0700_whatever_the_umask() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bin = env!("CARGO_BIN_EXE_certpath");
    let sam = crate::util::fixture("../../docs/examples/sam.json");
    let out = dir.path().join("reports");
    let p = dir.path().join("new.json");
    let script = format!(
        "umask 000 && '{bin}' -p '{}' plan --out-dir '{}' && '{bin}' -p '{}' done python=1",
        sam.display(),
        out.display(),
        p.display()
    );
    // The shell, with the environment certpath runs in.
    let base = crate::util::certpath_std();
    let mut sh = std::process::Command::new("sh");
    sh.env_clear();
    for (k, v) in base.get_envs() {
        if let Some(v) = v {
            sh.env(k, v);
        }
    }
    let status = sh.arg("-c").arg(&script).status().expect("runs");
    assert!(status.success());
    assert_eq!(mode(&out), 0o700);
    assert_eq!(mode(&out.join("sam-rivera.txt")), 0o600);
    assert_eq!(mode(&out.join("index.txt")), 0o600);
    assert_eq!(mode(&p), 0o600);
}

#[cfg(unix)]
#[test]
fn a_replaced_profile_keeps_its_owner_and_mode() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path().join("client.json");
    let (_, err, code) = run(certpath()
        .arg("-p")
        .arg(&p)
        .args(["profile", "set", "name", "Lee"]));
    assert_eq!(code, 0, "{err}");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    // Giving the file to someone else needs root; without it, the group
    // the test owns is given instead, which any user may do.
    let me = std::fs::metadata(&p).expect("stat");
    let root = me.uid() == 0;
    let (uid, gid) = if root {
        (4321, 4321)
    } else {
        (me.uid(), me.gid())
    };
    std::os::unix::fs::chown(&p, Some(uid), Some(gid)).expect("chown");
    let (_, err, code) = run(certpath().arg("-p").arg(&p).args(["done", "python=1"]));
    assert_eq!(code, 0, "{err}");
    let after = std::fs::metadata(&p).expect("stat");
    assert_eq!((after.uid(), after.gid()), (uid, gid));
    assert_eq!(after.permissions().mode() & 0o777, 0o640);
}

#[test]
fn a_profile_with_a_245_character_name_can_be_updated() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path().join(format!("{}.json", "n".repeat(240)));
    for level in ["1", "2", "3"] {
        let (_, err, code) = run(certpath()
            .arg("-p")
            .arg(&p)
            .args(["done", &format!("python={level}")]));
        assert_eq!(code, 0, "{err}");
    }
    assert_eq!(profile_json(&p)["skills"]["python"], 3);
}

#[test]
fn a_folder_at_the_default_profile_path_is_named_as_such() {
    let home = tempfile::tempdir().expect("temp dir");
    let config = home.path().join("config");
    std::fs::create_dir_all(config.join("certpath").join("profile.json")).expect("mkdir");
    let (_, err, code) = run(certpath()
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", &config)
        .args(["done", "python=1"]));
    assert_eq!(code, 73, "{err}");
    assert!(!err.contains("--no-profile"), "{err}");
    assert!(
        err.contains("profile.json: cannot write the default profile: the path is a folder"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn environment_variables_that_are_not_utf8_are_errors() {
    use std::os::unix::ffi::OsStrExt;
    let bad = std::ffi::OsStr::from_bytes(b"2026-\xff-01");
    for var in ["CERTPATH_TODAY", "CERTPATH_PROFILE"] {
        let (_, err, code) = run(certpath()
            .env(var, bad)
            .args(["gap", "--role", "soc-analyst"]));
        assert_eq!(code, 2, "{var}: {err}");
        assert!(err.starts_with(&format!("error: {var}=`2026-")), "{err}");
        assert!(err.contains("is not valid UTF-8"), "{err}");
    }
}

/// A catalog of one chain of `n` skills, `s0` <- `s1` <- ... and a role
/// asking for the last; with `cycle`, `s0` also requires the last.
fn chain_catalog(n: usize, cycle: bool) -> String {
    let mut s = String::with_capacity(n * 128);
    s.push_str("{\"format\": 1, \"skills\": [\n");
    for i in 0..n {
        let requires = match (i, cycle) {
            (0, false) => String::new(),
            (0, true) => format!(
                ", \"requires\": [{{\"skill\": \"s{}\", \"level\": 1}}]",
                n - 1
            ),
            _ => format!(
                ", \"requires\": [{{\"skill\": \"s{}\", \"level\": 1}}]",
                i - 1
            ),
        };
        let comma = if i + 1 < n { "," } else { "" };
        s.push_str(&format!(
            "{{\"id\": \"s{i}\", \"name\": \"S{i}\", \"domain\": \"general\", \"hours\": [1, 1, 1, 1]{requires}}}{comma}\n"
        ));
    }
    s.push_str(&format!(
        "], \"roles\": [{{\"id\": \"top\", \"name\": \"Top\", \"skills\": [{{\"skill\": \"s{}\", \"level\": 1}}]}}]}}\n",
        n - 1
    ));
    s
}

/// Every graph walk is iterative: a chain of 200,000 skills goes through
/// validate (cycle detection), plan, why, graph and next without a stack
/// overflow, and a cycle that long is reported as one line. The commands
/// run at once, as separate processes.
#[test]
fn a_chain_of_200000_skills_goes_through_every_graph_walk() {
    const N: usize = 200_000;
    let dir = tempfile::tempdir().expect("temp dir");
    let chain = dir.path().join("chain.json");
    let cycle = dir.path().join("cycle.json");
    std::fs::write(&chain, chain_catalog(N, false)).expect("writes");
    std::fs::write(&cycle, chain_catalog(N, true)).expect("writes");
    let on = |args: &[&str], catalog: &std::path::Path| {
        let mut cmd = crate::util::certpath_std();
        cmd.args(["--no-builtin", "--no-profile"]);
        if args[0] == "catalog" {
            cmd.args(args).arg(catalog);
        } else {
            cmd.arg("--catalog").arg(catalog).args(args);
        }
        cmd.stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        (args.join(" "), cmd.spawn().expect("spawns"))
    };
    let runs = vec![
        on(&["catalog", "validate"], &chain),
        on(&["catalog", "validate"], &cycle),
        on(&["plan", "--role", "top", "--format", "csv"], &chain),
        on(&["why", "s0", "--role", "top", "--format", "json"], &chain),
        on(&["graph", "--role", "top"], &chain),
        on(&["next", "--role", "top", "--format", "json"], &chain),
    ];
    let mut outs = Vec::new();
    for (what, child) in runs {
        let out = child.wait_with_output().expect("waits");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!stderr.contains("overflow"), "{what}: {stderr}");
        outs.push((out.status.code(), stdout, stderr));
    }
    let mut outs = outs.into_iter();
    let mut get = || outs.next().expect("ran");
    let (code, out, err) = get();
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("valid:"), "{out}");
    let (code, _, cycle_err) = get();
    assert_eq!(code, Some(65), "{cycle_err}");
    assert_eq!(
        cycle_err
            .lines()
            .filter(|l| l.starts_with("error:"))
            .count(),
        1,
        "{cycle_err}"
    );
    assert!(
        cycle_err.contains(&format!("cycle: s0 -> s{} -> s{}", N - 1, N - 2))
            && cycle_err.contains(&format!("({} more)", N + 1 - 20)),
        "{}",
        &cycle_err[..cycle_err.len().min(2000)]
    );
    let (code, out, err) = get();
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.lines().count(), N + 1, "a header and a step per skill");
    let (code, out, err) = get();
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["chains"][0]["path"].as_array().map(Vec::len), Some(N + 1));
    let (code, out, err) = get();
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.matches(" -> ").count(), N, "an edge per requirement");
    let (code, out, err) = get();
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("\"s0\""), "{}", &out[..out.len().min(2000)]);
}

/// Control characters in every text field a catalog and a profile have:
/// no command's text output (tables, Markdown, notes, errors) lets one
/// through raw.
#[test]
fn control_characters_from_files_never_reach_the_terminal_raw() {
    let e = "\u{1b}]0;owned\u{7}\u{1b}[2J";
    let catalog = serde_json::json!({
        "format": 1,
        "skills": [
            { "id": "basics", "name": format!("Basics{e}"), "domain": "general",
              "hours": [1, 2, 3, 4], "description": "desc\u{1b}[31mred\u{9b}2J", "note": "n\u{1b}[5m" },
            { "id": "advanced", "name": "Adv\r\nerror: forged", "domain": "general",
              "hours": [1, 2, 3, 4], "requires": [{ "skill": "basics", "level": 1 }] }
        ],
        "certifications": [{
            "id": "c1", "name": "Cert\u{1b}[2J", "vendor": "V\u{1b}[1m",
            "exams": [{ "code": "X\u{1b}[2J-1", "cost_usd": 10 }], "study_hours": 5,
            "covers": [{ "skill": "basics", "level": 2 }],
            "sources": ["https://e.org/\u{1b}[2J"], "as_of": "2026-11", "note": "cn\u{7}"
        }],
        "roles": [{ "id": "r", "name": "Role\u{1b}[31m", "description": "rd\u{1b}[1m",
                    "skills": [{ "skill": "advanced", "level": 2 }], "certifications": ["c1"] }]
    });
    let profile = serde_json::json!({
        "format": 1, "name": "Dana\u{1b}[2J\rerror: forged",
        "skills": { "basics": 1 }, "target_role": "r"
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let cat = dir.path().join("cat.json");
    std::fs::write(&cat, catalog.to_string()).expect("writes");
    let p = dir.path().join("p.json");
    let commands: &[&[&str]] = &[
        &["roles"],
        &["role", "r"],
        &["skills"],
        &["skill", "basics"],
        &["skill", "advanced"],
        &["certs"],
        &["cert", "c1"],
        &["plan"],
        &["plan", "--format", "markdown"],
        &["plan", "--compare", "r"],
        &["gap"],
        &["gap", "--format", "markdown"],
        &["next"],
        &["why", "basics"],
        &["rank"],
        &["rank", "--format", "markdown"],
        &["profile", "show"],
        &["progress"],
        &["done", "basics=2"],
        &["done", "c1"],
        &["profile", "set", "name", "Z"],
        &["catalog", "validate"],
    ];
    let raw = |t: &str| t.chars().filter(|c| c.is_control() && *c != '\n').count();
    for args in commands {
        std::fs::write(&p, profile.to_string()).expect("writes");
        let mut cmd = certpath();
        cmd.args(["--no-builtin", "-p"]).arg(&p);
        if args[0] == "catalog" {
            cmd.args(*args).arg(&cat);
        } else {
            cmd.arg("--catalog").arg(&cat).args(*args);
        }
        let (out, err, code) = run(&mut cmd);
        assert!(code == 0 || code == 1, "{args:?}: exit {code}\n{err}");
        assert_eq!(raw(&out), 0, "{args:?} stdout:\n{out:?}");
        assert_eq!(raw(&err), 0, "{args:?} stderr:\n{err:?}");
        assert!(
            !out.lines()
                .chain(err.lines())
                .any(|l| l.starts_with("error: forged")),
            "{args:?}: a forged error line"
        );
    }
}

//! The table of bad inputs (tests/bad_inputs/cases.json): every case run
//! through the binary, its exit code and a fragment of its message
//! checked. One test, so that one run lists every case that fails.

use crate::util::{certpath, fixture, TODAY};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("bad_inputs")
}

/// `{here}`, `{fixtures}` and `{tmp}` in a case's text.
fn fill(s: &str, tmp: &Path) -> String {
    s.replace("{here}", &here().display().to_string())
        .replace("{fixtures}", &fixture("bad").display().to_string())
        .replace("{tmp}", &tmp.display().to_string())
}

/// Whether this process is held to file permissions (it is not as root):
/// found by trying, not by asking who we are.
pub fn permissions_enforced() -> bool {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).expect("a folder");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let enforced = std::fs::write(locked.join("probe"), b"x").is_err();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    enforced
}

fn setup(case: &Value, tmp: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let Some(s) = case.get("setup") else { return };
    for d in s["dirs"].as_array().into_iter().flatten() {
        std::fs::create_dir_all(tmp.join(d.as_str().expect("a dir"))).expect("make the dir");
    }
    for (path, text) in s["files"].as_object().into_iter().flatten() {
        let p = tmp.join(path);
        std::fs::create_dir_all(p.parent().expect("a parent")).expect("make the dir");
        std::fs::write(&p, fill(text.as_str().expect("text"), tmp)).expect("write the file");
    }
    for (path, mode) in s["modes"].as_object().into_iter().flatten() {
        let mode = u32::from_str_radix(mode.as_str().expect("octal"), 8).expect("octal");
        std::fs::set_permissions(tmp.join(path), std::fs::Permissions::from_mode(mode))
            .expect("chmod");
    }
}

/// Gives write permission back, so that the temporary folder can go.
fn unlock(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if path.is_symlink() {
        return;
    }
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755));
    if let Ok(entries) = std::fs::read_dir(path) {
        for e in entries.flatten() {
            unlock(&e.path());
        }
    }
}

/// Runs a case: (stdout, stderr, exit code).
fn run(case: &Value, args: &[String], tmp: &Path) -> (String, String, i32) {
    if case["tty"].as_bool() == Some(true) {
        return run_in_a_terminal(args);
    }
    let mut cmd = certpath();
    cmd.args(args);
    for (k, v) in case["env"].as_object().into_iter().flatten() {
        cmd.env(k, v.as_str().expect("an env value"));
    }
    cmd.write_stdin(case["stdin"].as_str().unwrap_or("").to_string());
    cmd.current_dir(tmp);
    let out = cmd.output().expect("runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// In a pseudo-terminal, stdout and stderr arrive together: both are
/// returned as stderr.
fn run_in_a_terminal(args: &[String]) -> (String, String, i32) {
    use rexpect::process::WaitStatus;
    let home = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("empty-home");
    std::fs::create_dir_all(&home).expect("temp home");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_certpath"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("CERTPATH_TODAY", TODAY)
        .args(args);
    let mut p = rexpect::session::spawn_command(cmd, Some(10_000)).expect("spawns in a pty");
    let out = p.exp_eof().unwrap_or_else(|e| format!("(no end: {e})"));
    let code = match p.process().wait() {
        Ok(WaitStatus::Exited(_, c)) => c,
        other => {
            let _ = p.process_mut().exit();
            panic!("the terminal run did not exit: {other:?}; output:\n{out}")
        }
    };
    (String::new(), out, code)
}

#[test]
fn every_bad_input_of_the_table_gets_its_exit_code_and_message() {
    let text = std::fs::read_to_string(here().join("cases.json")).expect("the table");
    let table: Value = serde_json::from_str(&text).expect("the table is JSON");
    let cases = table["cases"].as_array().expect("a list of cases");
    assert!(cases.len() >= 60, "the table has {} cases", cases.len());
    let enforced = permissions_enforced();
    let mut failures = Vec::new();
    let mut skipped = Vec::new();
    for case in cases {
        let name = case["name"].as_str().expect("a name");
        if case["needs"].as_str() == Some("permissions") && !enforced {
            skipped.push(name);
            continue;
        }
        let tmp = tempfile::tempdir().expect("temp dir");
        setup(case, tmp.path());
        let args: Vec<String> = case["args"]
            .as_array()
            .expect("args")
            .iter()
            .map(|a| fill(a.as_str().expect("an arg"), tmp.path()))
            .collect();
        let (out, err, code) = run(case, &args, tmp.path());
        unlock(tmp.path());
        let want = case["code"].as_i64().expect("a code") as i32;
        let mut wrong = Vec::new();
        if code != want {
            wrong.push(format!("exit code {code}, want {want}"));
        }
        if let Some(f) = case["stderr"].as_str() {
            if !err.contains(&fill(f, tmp.path())) {
                wrong.push(format!("stderr lacks {f:?}"));
            }
        }
        if let Some(f) = case["stdout"].as_str() {
            if !out.contains(f) {
                wrong.push(format!("stdout lacks {f:?}"));
            }
        }
        if err.contains("internal error")
            || err.contains("RUST_BACKTRACE")
            || code == 70
            || code == 101
            || code == 134
        {
            wrong.push("a panic or a crash".to_string());
        }
        if !wrong.is_empty() {
            failures.push(format!(
                "{name}: {}\n  certpath {}\n  --- stdout:\n{out}\n  --- stderr:\n{err}",
                wrong.join("; "),
                args.join(" ")
            ));
        }
    }
    if !skipped.is_empty() {
        eprintln!(
            "skipped (file permissions are not enforced for this user): {}",
            skipped.join("; ")
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

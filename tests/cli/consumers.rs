//! The real programs people feed certpath's formats to (Python's
//! `icalendar` and `jsonschema`, `markdown-it-py`, `markdownlint-cli2`,
//! Taskwarrior, Graphviz), found on PATH. A test whose consumer is missing
//! fails under `CI=true` (.ci/run installs them all) and otherwise says
//! SKIPPED on stderr and passes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn on_path(tool: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(tool))
        .find(|p| p.is_file())
}

fn missing(what: &str, test: &str) {
    assert!(
        std::env::var("CI").is_err(),
        "{test}: {what} is not installed, and CI must run this test (see .ci/run)"
    );
    eprintln!("SKIPPED: {test} needs {what}; install it to run this test");
}

/// A program on PATH, or `None` after saying SKIPPED (a failure under CI).
pub fn tool(name: &str, test: &str) -> Option<PathBuf> {
    let found = on_path(name);
    if found.is_none() {
        missing(&format!("`{name}`"), test);
    }
    found
}

/// `python3` when it can import every module of `modules`, else `None`
/// after saying SKIPPED (a failure under CI).
pub fn python(modules: &[&str], test: &str) -> Option<PathBuf> {
    let want = format!("python3 with {}", modules.join(", "));
    let Some(py) = on_path("python3") else {
        missing(&want, test);
        return None;
    };
    let imports = format!("import {}", modules.join(", "));
    let ok = Command::new(&py)
        .args(["-c", &imports])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        missing(&want, test);
        return None;
    }
    Some(py)
}

/// Runs `program args` with `input` on stdin and `env` set; returns
/// (stdout, stderr, success).
pub fn pipe(
    program: &Path,
    args: &[&str],
    input: &str,
    env: &[(&str, &Path)],
) -> (String, String, bool) {
    let mut cmd = Command::new(program);
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("the program starts");
    // A program may exit without reading all of stdin; that is its answer.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes());
    let out = child.wait_with_output().expect("the program runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}

/// Runs a Python script (given on the command line) on `input`; panics
/// with its stderr when it fails.
pub fn run_python(py: &Path, script: &str, args: &[&str], input: &str) -> String {
    let mut all = vec!["-c", script];
    all.extend(args);
    let (out, err, ok) = pipe(py, &all, input, &[]);
    assert!(ok, "python check failed:\n{err}\n{out}");
    out
}

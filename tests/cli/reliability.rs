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

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

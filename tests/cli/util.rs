//! The test helpers: the binary in a hermetic environment.

use assert_cmd::Command;
use std::path::PathBuf;

/// The pinned date every test runs on.
pub const TODAY: &str = "2026-11-24";

/// `certpath` with a hermetic environment: no colour, 100 columns, an empty
/// HOME and config folder (so no default profile), today pinned.
pub fn certpath() -> Command {
    Command::from_std(certpath_std())
}

/// The same, as a `std::process::Command`: for tests that need what
/// assert_cmd cannot give (an endless stdin, several processes at once).
pub fn certpath_std() -> std::process::Command {
    let home = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("empty-home");
    std::fs::create_dir_all(&home).expect("temp home");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_certpath"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("CERTPATH_TODAY", TODAY);
    cmd
}

/// A file under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

/// Runs and returns (stdout, stderr, exit code).
pub fn run(cmd: &mut Command) -> (String, String, i32) {
    let out = cmd.output().expect("runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// Runs with `--format json` and parses stdout.
pub fn json(cmd: &mut Command) -> serde_json::Value {
    let (out, err, code) = run(cmd.arg("--format").arg("json"));
    assert_eq!(code, 0, "stderr: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("bad JSON ({e}): {out}"))
}

/// A program the test needs, from PATH. Missing, the test fails under
/// CI=true (.ci/run installs it) and otherwise says SKIPPED and returns
/// `None`.
pub fn tool(name: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "`{name}` is not installed (.ci/run installs it)"
        );
        eprintln!("SKIPPED: `{name}` is not installed");
    }
    found
}

/// The header and the rows, read strictly: every record as long as the
/// header, valid quoting.
pub fn csv_table(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = r
        .headers()
        .expect("a header line")
        .iter()
        .map(String::from)
        .collect();
    let rows = r
        .records()
        .map(|rec| {
            rec.unwrap_or_else(|e| panic!("bad CSV record ({e}) in:\n{text}"))
                .iter()
                .map(String::from)
                .collect()
        })
        .collect();
    (headers, rows)
}

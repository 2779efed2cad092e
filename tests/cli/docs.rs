//! Every command example in README.md and docs/*.md runs here, so a changed
//! output fails the suite instead of rotting in the docs.
//!
//! An example is a ```` ```console ```` block: lines starting with `$ ` are
//! commands (run by bash, so pipes, `jq` and `echo $?` work), the lines up
//! to the next command are what it prints (stdout and stderr together). A
//! line `...` stands for any number of lines. Each page runs in a fresh
//! copy of `docs/examples/` with today pinned to 2026-11-24, 100 columns,
//! no colour and an empty home folder; the commands of a page run in order,
//! so one example may use a file an earlier one wrote.
//!
//! `CERTPATH_DOCS=overwrite cargo test --test cli docs::` rewrites the
//! outputs from the current binary, keeping each `...` cut where it was.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

struct Example {
    /// 1-based line of the `$ ` command in the page.
    line: usize,
    command: String,
    /// Index in the page's lines of the first expected line, and how many.
    out_at: usize,
    out_len: usize,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pages() -> Vec<PathBuf> {
    let mut pages = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

fn examples(lines: &[&str]) -> Vec<Example> {
    let mut out = Vec::new();
    let mut in_console = false;
    let mut fence = false;
    let mut current: Option<Example> = None;
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("```") {
            if fence {
                if let Some(ex) = current.take() {
                    out.push(ex);
                }
                fence = false;
                in_console = false;
            } else {
                fence = true;
                in_console = line.trim() == "```console";
            }
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ ") {
            if let Some(ex) = current.take() {
                out.push(ex);
            }
            current = Some(Example {
                line: i + 1,
                command: cmd.to_string(),
                out_at: i + 1,
                out_len: 0,
            });
        } else if let Some(ex) = current.as_mut() {
            ex.out_len += 1;
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read examples") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

fn run(dir: &Path, command: &str) -> String {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_certpath"));
    let path = format!(
        "{}:{}",
        bin.parent().expect("bin dir").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let home = dir.join(".home");
    std::fs::create_dir_all(home.join(".task")).expect("home");
    let taskrc = home.join(".taskrc");
    if !taskrc.exists() {
        std::fs::write(&taskrc, "").expect("taskrc");
    }
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!("exec 2>&1\n{command}"))
        .current_dir(dir)
        .env_clear()
        .env("PATH", path)
        .env("HOME", &home)
        .env("LANG", "C.UTF-8")
        .env("COLUMNS", "100")
        .env("CERTPATH_TODAY", "2026-11-24")
        .stdin(Stdio::null())
        .output()
        .expect("bash runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Does `actual` match `expected`, where a `...` line matches any lines?
fn matches(expected: &[&str], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((&"...", rest)) => (0..=actual.len()).any(|k| matches(rest, &actual[k..])),
        Some((e, rest)) => actual
            .split_first()
            .is_some_and(|(a, arest)| a.trim_end() == e.trim_end() && matches(rest, arest)),
    }
}

/// The new expected text: the actual output, cut where the old one was.
/// The head and tail keep their lengths; a middle piece is found again by
/// its exact lines, else by the step it shows (a table row's second cell).
fn recut(expected: &[&str], actual: &[&str]) -> Vec<String> {
    let actual: Vec<String> = actual.iter().map(|l| l.trim_end().to_string()).collect();
    if expected.is_empty() && actual.len() > 14 {
        let mut out = actual[..6].to_vec();
        out.push("...".to_string());
        out.extend_from_slice(&actual[actual.len() - 4..]);
        return out;
    }
    let pieces: Vec<&[&str]> = expected.split(|l| *l == "...").collect();
    if pieces.len() == 1 {
        return actual;
    }
    let (head, tail) = (pieces[0].len(), pieces[pieces.len() - 1].len());
    if actual.len() <= head + tail {
        return actual;
    }
    let mut out = actual[..head].to_vec();
    let end = actual.len() - tail;
    let mut cursor = head;
    for piece in &pieces[1..pieces.len() - 1] {
        if let Some(at) = find_piece(piece, &actual[cursor..end]) {
            let at = cursor + at;
            let len = piece.len().min(end - at);
            out.push("...".to_string());
            out.extend_from_slice(&actual[at..at + len]);
            cursor = at + len;
        }
    }
    out.push("...".to_string());
    out.extend_from_slice(&actual[end..]);
    out
}

/// Where a middle piece of an example's output stands in the new output.
fn find_piece(piece: &[&str], actual: &[String]) -> Option<usize> {
    let first = piece.first()?;
    let exact = actual
        .windows(piece.len())
        .position(|w| w.iter().zip(piece).all(|(a, p)| a == p.trim_end()));
    exact.or_else(|| {
        let key = row_key(first)?;
        actual.iter().position(|a| row_key(a) == Some(key))
    })
}

/// A table row's second cell: the step's name, stable when numbers move.
fn row_key(line: &str) -> Option<&str> {
    let cell = line.strip_prefix('|')?.split('|').nth(1)?.trim();
    (!cell.is_empty()).then_some(cell)
}

fn tools_present() -> Vec<&'static str> {
    ["jq", "task", "dot"]
        .into_iter()
        .filter(|t| {
            Command::new("sh")
                .arg("-c")
                .arg(format!("command -v {t}"))
                .stdout(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
        .collect()
}

#[test]
fn every_example_in_the_docs_prints_what_the_docs_say() {
    let tools = tools_present();
    let missing: Vec<_> = ["jq", "task", "dot"]
        .into_iter()
        .filter(|t| !tools.contains(t))
        .collect();
    if !missing.is_empty() {
        assert!(
            std::env::var("CI").is_err(),
            "the docs examples need {missing:?} (.ci/run installs them)"
        );
        eprintln!("SKIPPED: docs examples need {missing:?}; install them to run this test");
        return;
    }
    let overwrite = std::env::var("CERTPATH_DOCS").is_ok_and(|v| v == "overwrite");
    let mut failures = Vec::new();
    let mut ran = 0;
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("page");
        let lines: Vec<&str> = text.lines().collect();
        let exs = examples(&lines);
        if exs.is_empty() {
            continue;
        }
        let dir = tempfile::tempdir().expect("tempdir");
        copy_dir(&root().join("docs").join("examples"), dir.path());
        let name = page
            .strip_prefix(root())
            .unwrap_or(&page)
            .display()
            .to_string();
        let mut rewritten: Vec<String> = Vec::new();
        let mut next_line = 0;
        for ex in &exs {
            ran += 1;
            let out = run(dir.path(), &ex.command);
            let actual: Vec<&str> = out.lines().collect();
            let expected = &lines[ex.out_at..ex.out_at + ex.out_len];
            if !matches(expected, &actual) {
                failures.push(format!(
                    "{name}:{}: $ {}\n--- expected\n{}\n--- actual\n{}",
                    ex.line,
                    ex.command,
                    expected.join("\n"),
                    out.trim_end()
                ));
            }
            rewritten.extend(lines[next_line..ex.out_at].iter().map(|l| l.to_string()));
            rewritten.extend(recut(expected, &actual));
            next_line = ex.out_at + ex.out_len;
        }
        if overwrite {
            rewritten.extend(lines[next_line..].iter().map(|l| l.to_string()));
            let mut new = rewritten.join("\n");
            new.push('\n');
            if new != text {
                std::fs::write(&page, new).expect("rewrite page");
            }
        }
    }
    assert!(ran > 0, "no examples found in the docs");
    if !overwrite {
        assert!(
            failures.is_empty(),
            "{} of {ran} docs examples differ (CERTPATH_DOCS=overwrite rewrites them):\n\n{}",
            failures.len(),
            failures.join("\n\n")
        );
    }
}

#[test]
fn the_example_matcher_takes_cuts_and_nothing_else() {
    assert!(matches(&["a", "...", "d"], &["a", "b", "c", "d"]));
    assert!(matches(&["a", "...", "d"], &["a", "d"]));
    assert!(!matches(&["a", "...", "d"], &["a", "b", "c"]));
    assert!(!matches(&["a", "b"], &["a", "b", "c"]));
    assert_eq!(
        recut(&["x", "...", "z"], &["1", "2", "3", "4"]),
        vec!["1", "...", "4"]
    );
    let new = ["h", "| 1 | a |", "| 2 | Exam X | 9 |", "| 3 | b |", "t"];
    assert_eq!(
        recut(&["h", "...", "| 7 | Exam X | 5 |", "...", "t"], &new),
        vec!["h", "...", "| 2 | Exam X | 9 |", "...", "t"]
    );
}

//! Markdown as its readers take it (issue 14): every Markdown output,
//! with names built to turn into links, emphasis, lists and HTML, parsed
//! by a CommonMark parser (Python's markdown-it-py) and linted by
//! markdownlint-cli2 with its default rules.

use crate::consumers::{python, run_python, tool};
use crate::util::{certpath, fixture, run};
use serde_json::Value;

/// Parses Markdown (CommonMark with GitHub's tables and strikethrough)
/// and prints what a reader gets: links, images, emphasis and HTML found,
/// and the text of every inline run.
const PARSE: &str = r#"
import sys, json
from markdown_it import MarkdownIt
md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
found = {"links": [], "images": 0, "emphasis": 0, "html": [], "code": 0, "lists": 0, "text": []}
def walk(tokens):
    for t in tokens:
        if t.type == "link_open": found["links"].append(t.attrs.get("href"))
        elif t.type == "image": found["images"] += 1
        elif t.type in ("em_open", "strong_open", "s_open"): found["emphasis"] += 1
        elif t.type in ("html_inline", "html_block"): found["html"].append(t.content.strip())
        elif t.type in ("code_inline", "code_block", "fence"): found["code"] += 1
        elif t.type == "ordered_list_open": found["lists"] += 1
        elif t.type == "text": found["text"].append(t.content)
        if t.children: walk(t.children)
walk(md.parse(sys.stdin.read()))
print(json.dumps(found))
"#;

/// The hostile catalog's names, as a reader must see them.
const NAMES: [&str; 4] = [
    "[click](https://evil.example) *bold* _u_ `code` <b>x</b> | pipe & \\ end",
    "=HYPERLINK(\"http://x\") [Role](http://x) #1; end",
    "Hash # Cert: part; two",
    "@SUM(A1:A2)",
];

/// Every Markdown output: the bundled catalog and the hostile one, each
/// command that writes Markdown, and a batch's index and report.
fn outputs() -> Vec<(String, String)> {
    let hostile = fixture("hostile.json");
    let h = [
        "--no-builtin",
        "--catalog",
        hostile.to_str().unwrap(),
        "--no-profile",
    ];
    let runs: Vec<Vec<&str>> = vec![
        vec!["plan", "--role", "hostile-role"],
        vec!["gap", "--role", "hostile-role"],
        vec!["why", "at-skill", "--role", "hostile-role"],
        vec!["rank"],
        vec!["roles"],
        vec!["role", "hostile-role"],
        vec!["certs"],
        vec!["cert", "hash-cert"],
        vec!["skills"],
        vec!["skill", "link-skill"],
    ];
    let mut out = Vec::new();
    for args in &runs {
        let (text, err, code) = run(certpath().args(h).args(args).args(["--format", "markdown"]));
        assert_eq!(code, 0, "{args:?}: {err}");
        out.push((format!("hostile {}", args.join(" ")), text));
    }
    for args in [
        vec!["plan", "--role", "information-security-manager"],
        vec!["plan", "--role", "network-engineer", "--max-hours", "100"],
        vec!["gap", "--role", "network-engineer"],
        vec!["rank"],
        vec!["certs"],
        vec!["cert", "isc2-cissp"],
    ] {
        let (text, err, code) = run(certpath()
            .arg("--no-profile")
            .args(&args)
            .args(["--format", "markdown"]));
        assert_eq!(code, 0, "{args:?}: {err}");
        out.push((args.join(" "), text));
    }
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("client.json");
    std::fs::write(
        &p,
        r#"{"name": "[Eve](http://x) *x* 1. two", "target_role": "hostile-role"}"#,
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    let (_, err, code) = run(certpath()
        .args(["--no-builtin", "--catalog", hostile.to_str().unwrap()])
        .args(["plan", "--format", "markdown", "--out-dir"])
        .arg(&out_dir)
        .arg("--profile")
        .arg(&p));
    assert_eq!(code, 0, "{err}");
    for entry in std::fs::read_dir(&out_dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        out.push((
            format!("batch {}", path.file_name().unwrap().to_string_lossy()),
            text,
        ));
    }
    out
}

#[test]
fn commonmark_shows_every_name_as_written() {
    let Some(py) = python(&["markdown_it"], "commonmark_shows_every_name_as_written") else {
        return;
    };
    let mut seen = std::collections::BTreeSet::new();
    for (what, text) in outputs() {
        let found: Value = serde_json::from_str(&run_python(&py, PARSE, &[], &text)).unwrap();
        let links: Vec<&str> = found["links"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        // The only link is the one certpath writes: index.md to a report.
        let ours = what == "batch index.md";
        assert!(
            links.iter().all(|l| ours && l.ends_with(".md")),
            "{what}: links {links:?}\n{text}"
        );
        for key in ["images", "emphasis", "code", "lists"] {
            assert_eq!(found[key], 0, "{what}: {key}\n{text}");
        }
        for html in found["html"].as_array().unwrap() {
            let html = html.as_str().unwrap();
            assert!(
                html.starts_with("<!-- markdownlint-"),
                "{what}: HTML {html:?}\n{text}"
            );
        }
        let all: String = found["text"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect::<Vec<_>>()
            .join("\n");
        for name in NAMES {
            if all.contains(name) {
                seen.insert(name);
            }
        }
        if what == "batch index.md" {
            assert!(all.contains("[Eve](http://x) *x* 1. two"), "{all}");
        }
    }
    assert_eq!(seen.len(), NAMES.len(), "names never shown whole: {seen:?}");
}

#[test]
fn markdownlint_finds_nothing_with_its_default_rules() {
    let Some(lint) = tool(
        "markdownlint-cli2",
        "markdownlint_finds_nothing_with_its_default_rules",
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (i, (what, text)) in outputs().into_iter().enumerate() {
        let name = format!("out{i:02}.md");
        std::fs::write(dir.path().join(&name), &text).unwrap();
        files.push((name, what));
    }
    let out = std::process::Command::new(lint)
        .current_dir(dir.path())
        .arg("*.md")
        .output()
        .expect("markdownlint-cli2 runs");
    let report =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "markdownlint found problems ({files:?}):\n{report}"
    );
    assert!(
        report.contains(&format!("Linting: {} file(s)", files.len())),
        "{report}"
    );
}

//! The real programs people feed certpath's formats to (Python's
//! `icalendar` and `jsonschema`, `markdown-it-py`, `markdownlint-cli2`,
//! Taskwarrior, Graphviz), found on PATH. A test whose consumer is missing
//! fails under `CI=true` (.ci/run installs them all) and otherwise says
//! SKIPPED on stderr and passes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A program on PATH, if there is one.
pub fn on_path(tool: &str) -> Option<PathBuf> {
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

/// Reads a Mermaid diagram with Mermaid itself (under jsdom, from npm's
/// global folder) and prints what it understood as JSON: a Gantt chart's
/// title and tasks, or a flowchart's nodes and edges, with Mermaid's
/// entity codes decoded as it decodes them when drawing.
const MERMAID_CHECK: &str = r#"
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { createRequire } from "node:module";
const root = process.argv[2];
const { JSDOM } = createRequire(join(root, "index.js"))("jsdom");
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import(pathToFileURL(join(root, "mermaid/dist/mermaid.core.mjs")).href);
mermaid.initialize({ startOnLoad: false });
let text = "";
for await (const chunk of process.stdin) text += chunk;
const decode = (s) => (s ?? "").replace(/\uFB02\u00B0\u00B0(\d+)\u00B6\u00DF/g, (_, n) => String.fromCharCode(Number(n)))
  .replace(/\uFB02\u00B0(\w+)\u00B6\u00DF/g, (_, n) => { const el = dom.window.document.createElement("div"); el.innerHTML = `&${n};`; return el.textContent; })
  .trim();
try {
  await mermaid.parse(text);
  const d = await mermaid.mermaidAPI.getDiagramFromText(text);
  if (d.type === "gantt") {
    const tasks = d.db.getTasks().map((t) => ({ task: decode(t.task), section: decode(t.section), milestone: !!t.milestone, id: t.id }));
    console.log(JSON.stringify({ type: d.type, title: decode(d.db.getDiagramTitle()), tasks }));
  } else {
    const v = d.db.getVertices();
    const vertices = v instanceof Map ? [...v.values()] : Object.values(v);
    console.log(JSON.stringify({ type: d.type,
      nodes: vertices.map((x) => ({ id: x.id, text: decode(x.text) })),
      edges: d.db.getEdges().map((e) => ({ from: e.start, to: e.end, text: decode(e.text) })) }));
  }
} catch (e) {
  console.error("Mermaid refused it: " + (e.message || e));
  process.exit(1);
}
"#;

/// Mermaid 11 and jsdom, installed with `npm install -g` (.ci/run does),
/// as a checker: `Some(check)` where `check(text)` returns what Mermaid
/// understood, or panics with Mermaid's error.
pub fn mermaid(test: &str) -> Option<impl Fn(&str) -> serde_json::Value> {
    let Some(node) = on_path("node") else {
        missing("node", test);
        return None;
    };
    let root = on_path("npm").and_then(|npm| {
        let out = Command::new(npm).args(["root", "-g"]).output().ok()?;
        let root = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
        (root.join("mermaid/dist/mermaid.core.mjs").is_file() && root.join("jsdom").is_dir())
            .then_some(root)
    });
    let Some(root) = root else {
        missing(
            "mermaid and jsdom from npm (npm install -g mermaid@11 jsdom)",
            test,
        );
        return None;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("check.mjs");
    std::fs::write(&script, MERMAID_CHECK).expect("script");
    Some(move |text: &str| {
        let _keep = &dir;
        let (out, err, ok) = pipe(
            &node,
            &[script.to_str().unwrap(), root.to_str().unwrap()],
            text,
            &[],
        );
        assert!(ok, "{err}\n{text}");
        serde_json::from_str(&out).expect("the checker prints JSON")
    })
}

//! Pictures and calendars: `graph --format dot|mermaid` and the plan's
//! Mermaid Gantt chart, Taskwarrior import JSON and iCalendar file.
//!
//! DOT is rendered by Graphviz itself (`dot -Tsvg`; .ci/run installs it).
//! Mermaid's own parser needs a browser build, so the Mermaid is checked
//! by a validator for the subset certpath writes (below); the same output
//! was also checked once with mermaid 11's `mermaid.parse` under Node.
//! Taskwarrior JSON is imported by `task` when it is installed; the
//! iCalendar file is parsed back here.

use crate::consumers::{pipe, tool as tool_or_skip};
use crate::util::{certpath, fixture, run, TODAY};
use certpath::catalog::{Catalog, Source};
use certpath::plan::{Options, Plan, Planner, StepKind};
use certpath::profile::Profile;
use certpath::render::{ics, mermaid, taskwarrior};
use jiff::civil::Date;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

// ---------------------------------------------------------------- helpers

fn planner_catalog() -> [String; 3] {
    [
        "--no-builtin".to_string(),
        "--catalog".to_string(),
        fixture("planner.json").display().to_string(),
    ]
}

/// stdout of a command that must succeed.
fn ok(args: &[&str]) -> String {
    let (out, err, code) = run(certpath().args(args));
    assert_eq!(code, 0, "certpath {}\nstderr: {err}", args.join(" "));
    out
}

fn graph(extra: &[&str], format: &str) -> String {
    let mut args: Vec<String> = vec!["graph".into()];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.extend(["--format".to_string(), format.to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    ok(&args)
}

fn planner_graph(extra: &[&str], format: &str) -> String {
    let cat = planner_catalog();
    let mut args: Vec<&str> = cat.iter().map(String::as_str).collect();
    args.extend(extra);
    graph(&args, format)
}

/// Renders DOT to SVG with Graphviz and returns the SVG; `None` (and a
/// note) when `dot` is not installed.
fn render_svg(text: &str) -> Option<String> {
    let dot = tool_or_skip("dot", "DOT checked structurally only")?;
    let (svg, err, ok) = pipe(&dot, &["-Tsvg"], text, &[]);
    assert!(ok, "dot -Tsvg failed: {err}\n{text}");
    assert!(
        !err.contains("Warning") && !err.contains("Error"),
        "dot complained: {err}"
    );
    assert!(svg.contains("<svg"), "no SVG from dot");
    Some(svg)
}

/// The time stamp of a run on the pinned day (midnight UTC).
fn now() -> jiff::Timestamp {
    date(TODAY)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .expect("a time")
        .timestamp()
}

fn date(s: &str) -> Date {
    s.parse().unwrap_or_else(|e| panic!("bad date {s:?}: {e}"))
}

fn load(catalog: Option<&Path>) -> Catalog {
    let sources = match catalog {
        Some(p) => Source::from_path(p).expect("catalog readable"),
        None => Source::bundled(),
    };
    Catalog::load(&sources).expect("catalog valid")
}

/// A plan made by the library, as `certpath plan` makes it.
fn make_plan(cat: &Catalog, role: &str, have: &[&str], profile: Option<&str>) -> Plan {
    let mut p = match profile {
        Some(name) => {
            let path = fixture(name);
            let text = std::fs::read_to_string(&path).expect("profile");
            Profile::parse(&path.display().to_string(), &text, cat).expect("profile valid")
        }
        None => Profile::default(),
    };
    for h in have {
        p.apply_have(h, cat).expect("--have");
    }
    let mut opts = Options::new(date(TODAY));
    opts.hours_per_week = p.hours_per_week.unwrap_or(10.0);
    let role = cat.resolve_role(role).expect("role");
    Planner::new(cat, &p, opts).plan(role)
}

/// A few plans with every kind of step: skills, exams, experience
/// (before and after its exam) and renewals.
fn sample_plans() -> Vec<(String, Plan)> {
    let small = load(Some(&fixture("planner.json")));
    let bundled = load(None);
    let mut out = vec![
        (
            "planner small-role".to_string(),
            make_plan(&small, "small-role", &[], None),
        ),
        (
            "planner overlap-role".to_string(),
            make_plan(&small, "overlap-role", &["basics=1"], None),
        ),
        (
            "planner starter-role, done".to_string(),
            make_plan(&small, "starter-role", &["starter-cert"], None),
        ),
        (
            "alex network-engineer".to_string(),
            make_plan(
                &bundled,
                "network-engineer",
                &[],
                Some("profiles/alex.json"),
            ),
        ),
    ];
    for r in &bundled.roles {
        out.push((
            format!("bundled {} from nothing", r.id),
            make_plan(&bundled, &r.id, &[], None),
        ));
    }
    out
}

fn is_mermaid_id(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

// ------------------------------------------------- the Mermaid validators

/// Checks a flowchart in the subset certpath writes: the header, one
/// statement per line, node ids of `[A-Za-z0-9_]`, declared once, quoted
/// labels with no raw quote, every edge and class naming declared nodes.
fn check_flowchart(text: &str) -> Result<(usize, usize), String> {
    let mut lines = text.lines();
    if lines.next() != Some("flowchart RL") {
        return Err("the first line is not `flowchart RL`".into());
    }
    let mut nodes = HashSet::new();
    let mut edges = 0;
    let mut classes = HashSet::new();
    for (n, raw) in lines.enumerate() {
        let line = raw.trim();
        let at = |m: &str| format!("line {}: {m}: {raw}", n + 2);
        if line.is_empty() || line.starts_with("%%") {
            continue;
        }
        if let Some(rest) = line.strip_prefix("classDef ") {
            let name = rest.split(' ').next().unwrap_or("");
            if !is_mermaid_id(name) {
                return Err(at("bad class name"));
            }
            classes.insert(name.to_string());
        } else if let Some(rest) = line.strip_prefix("class ") {
            let (ids, class) = rest
                .rsplit_once(' ')
                .ok_or_else(|| at("class without name"))?;
            if !classes.contains(class) {
                return Err(at("undefined class"));
            }
            for id in ids.split(',') {
                if !nodes.contains(id) {
                    return Err(at("class names an undeclared node"));
                }
            }
        } else if line.contains("-->") || line.contains("-.->") {
            // `FROM -->|"label"| TO`, or `-.->` for a dashed edge.
            let bad = || at("not `A -->|\"label\"| B`");
            let (from, rest) = line.split_once(' ').ok_or_else(bad)?;
            let (arrow, rest) = rest.split_once("|\"").ok_or_else(bad)?;
            let (label, to) = rest.rsplit_once("\"| ").ok_or_else(bad)?;
            if arrow != "-->" && arrow != "-.->" {
                return Err(at("unknown arrow"));
            }
            if label.is_empty() || label.contains(['"', '|', '<', '>']) {
                return Err(at("empty label, or a raw quote, bar or bracket in it"));
            }
            for id in [from, to] {
                if !nodes.contains(id) {
                    return Err(at(&format!("edge names undeclared node {id}")));
                }
            }
            edges += 1;
        } else {
            let open = line.find(['[', '(', '{']).ok_or_else(|| at("not a node"))?;
            let (id, shape) = line.split_at(open);
            if !is_mermaid_id(id) {
                return Err(at("bad node id"));
            }
            if id == "end" || id.starts_with(['o', 'x']) {
                return Err(at("an id Mermaid reads as a keyword or an arrow"));
            }
            let label = [("[\"", "\"]"), ("(\"", "\")"), ("{{\"", "\"}}")]
                .iter()
                .find_map(|(o, c)| shape.strip_prefix(o).and_then(|s| s.strip_suffix(c)))
                .ok_or_else(|| at("unknown node shape"))?;
            if label.replace("<br>", "").contains(['"', '<', '>', '`']) {
                return Err(at("a raw quote, angle bracket or backtick in a label"));
            }
            if !nodes.insert(id.to_string()) {
                return Err(at("node declared twice"));
            }
        }
    }
    Ok((nodes.len(), edges))
}

/// Whether `s` holds one of `chars` outside Mermaid's entity codes
/// (`#58;`), which Mermaid reads as the character they stand for.
fn raw_special(s: &str, chars: &[char]) -> bool {
    let mut rest = s;
    let mut plain = String::new();
    while let Some(i) = rest.find('#') {
        plain.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with(';') {
            rest = &after[digits + 1..];
        } else {
            plain.push('#');
            rest = after;
        }
    }
    plain.push_str(rest);
    plain.contains(chars)
}

/// One task of a Gantt chart, as read back.
#[derive(Debug)]
struct GanttTask {
    text: String,
    id: String,
    tags: Vec<String>,
    start: Date,
    end: Option<Date>,
}

/// Checks a Gantt chart in the subset certpath writes: header, title,
/// dateFormat, sections, tasks `TEXT :tags, id, YYYY-MM-DD, YYYY-MM-DD|0d`
/// with valid dates, the end not before the start, unique ids.
fn check_gantt(text: &str) -> Result<Vec<GanttTask>, String> {
    let mut lines = text.lines();
    if lines.next() != Some("gantt") {
        return Err("the first line is not `gantt`".into());
    }
    let mut tasks = Vec::new();
    let mut ids = HashSet::new();
    let mut date_format = false;
    let mut section = false;
    for (n, raw) in lines.enumerate() {
        let line = raw.trim();
        let at = |m: &str| format!("line {}: {m}: {raw}", n + 2);
        if line.is_empty() || line.starts_with("%%") {
            continue;
        }
        if let Some(t) = line.strip_prefix("title ") {
            if raw_special(t, &['#', ';']) {
                return Err(at("title with # or ;"));
            }
        } else if let Some(f) = line.strip_prefix("dateFormat ") {
            if f != "YYYY-MM-DD" {
                return Err(at("unexpected dateFormat"));
            }
            date_format = true;
        } else if line.starts_with("axisFormat ") {
        } else if let Some(s) = line.strip_prefix("section ") {
            if s.trim().is_empty() || raw_special(s, &[':', '#', ';']) {
                return Err(at("bad section name"));
            }
            section = true;
        } else {
            if !date_format || !section {
                return Err(at("a task before dateFormat or outside a section"));
            }
            let (text, meta) = line.split_once(':').ok_or_else(|| at("no `:`"))?;
            let text = text.trim();
            if text.is_empty() || raw_special(text, &['#', ';']) {
                return Err(at("bad task text"));
            }
            let fields: Vec<&str> = meta.split(',').map(str::trim).collect();
            if fields.len() < 3 || meta.contains(['#', ';']) {
                return Err(at("task data is not `tags, id, start, end`"));
            }
            let (tags, rest) = fields.split_at(fields.len() - 3);
            for t in tags {
                if !["crit", "milestone", "done", "active"].contains(t) {
                    return Err(at("unknown tag"));
                }
            }
            let id = rest[0];
            if !is_mermaid_id(id) || !ids.insert(id.to_string()) {
                return Err(at("bad or repeated task id"));
            }
            let start: Date = rest[1].parse().map_err(|_| at("bad start date"))?;
            let end = if rest[2] == "0d" {
                if !tags.contains(&"milestone") {
                    return Err(at("0d on a task that is not a milestone"));
                }
                None
            } else {
                let end: Date = rest[2].parse().map_err(|_| at("bad end date"))?;
                if end <= start {
                    return Err(at("a task that ends before it starts: make it a milestone"));
                }
                Some(end)
            };
            tasks.push(GanttTask {
                text: text.to_string(),
                id: id.to_string(),
                tags: tags.iter().map(|t| t.to_string()).collect(),
                start,
                end,
            });
        }
    }
    if !date_format {
        return Err("no dateFormat".into());
    }
    Ok(tasks)
}

// ---------------------------------------------------------------- graph

#[test]
fn graph_of_a_role_as_dot() {
    let dot = planner_graph(&["--role", "small-role", "--no-profile"], "dot");
    insta::assert_snapshot!(dot);
    render_svg(&dot);
}

#[test]
fn graph_of_a_role_as_mermaid() {
    let text = planner_graph(&["--role", "small-role", "--have", "basics=3"], "mermaid");
    insta::assert_snapshot!(text);
    let (nodes, edges) = check_flowchart(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!((nodes, edges), (5, 5));
}

#[test]
fn graph_shapes_and_edge_styles_differ_by_kind() {
    let dot = planner_graph(&["--no-profile"], "dot");
    let line = |id: &str| {
        dot.lines()
            .find(|l| l.trim_start().starts_with(&format!("\"{id}\" [")))
            .unwrap_or_else(|| panic!("no node {id}"))
            .to_string()
    };
    assert!(line("overlap-role").contains("shape=doubleoctagon"));
    assert!(line("starter-cert").contains("shape=box"));
    assert!(line("basics").contains("shape=ellipse"));
    // Hard requirements solid, any_of labeled.
    assert!(dot.contains("\"pro-cert\" -> \"starter-cert\" [label=\"requires\", "));
    assert!(dot.contains("\"either-role\" -> \"alt-cert\" [label=\"any of\", "));
    let edge = |from: &str, to: &str| {
        dot.lines()
            .find(|l| {
                l.trim_start()
                    .starts_with(&format!("\"{from}\" -> \"{to}\" ["))
            })
            .unwrap_or_else(|| panic!("no edge {from} -> {to}"))
            .to_string()
    };
    assert!(!edge("pro-cert", "starter-cert").contains("dashed"));
    let mermaid = planner_graph(&["--no-profile"], "mermaid");
    assert!(mermaid.contains("r_overlap_role{{\"Overlap Role\"}}"));
    assert!(mermaid.contains("c_starter_cert[\"Starter Cert\"]"));
    assert!(mermaid.contains("s_basics(\"Basics<br>need 2\")"));
    check_flowchart(&mermaid).unwrap_or_else(|e| panic!("{e}\n{mermaid}"));
}

#[test]
fn graph_recommended_edges_are_dashed() {
    // The bundled Network+ recommends A+.
    let dot = graph(&["--role", "network-engineer", "--no-profile"], "dot");
    let line = dot
        .lines()
        .find(|l| {
            l.contains("\"comptia-network-plus\" -> \"comptia-a-plus\" [label=\"recommends\"")
        })
        .unwrap_or_else(|| panic!("{dot}"));
    assert!(line.ends_with(", style=dashed];"), "{line}");
    let mermaid = graph(&["--role", "network-engineer", "--no-profile"], "mermaid");
    assert!(mermaid.contains("c_comptia_network_plus -.->|\"recommends\"| c_comptia_a_plus"));
    check_flowchart(&mermaid).unwrap_or_else(|e| panic!("{e}\n{mermaid}"));
}

#[test]
fn graph_marks_what_the_profile_meets() {
    let dot = planner_graph(&["--role", "small-role", "--have", "starter-cert"], "dot");
    assert!(dot.contains(
        "\"starter-cert\" [label=\"Starter Cert\\nheld\", shape=box, style=\"rounded,filled\", fillcolor=\"#c8e6c9\"];"
    ), "{dot}");
    // The cert covers basics at 2, which is what the drawn edges ask.
    assert!(dot.contains(
        "\"basics\" [label=\"Basics\\nhave 2, need 2\", shape=ellipse, style=\"filled\""
    ));
    assert!(dot.contains("\"advanced\" [label=\"Advanced\\nneed 2\", shape=ellipse];"));
    let mermaid = planner_graph(
        &["--role", "small-role", "--have", "starter-cert"],
        "mermaid",
    );
    assert!(
        mermaid.contains("class c_starter_cert,s_basics met"),
        "{mermaid}"
    );
    // A whole role met is marked too.
    let dot = planner_graph(&["--role", "starter-role", "--have", "starter-cert"], "dot");
    assert!(dot.contains("\"starter-role\" [label=\"Starter Role\\nevery requirement met\", shape=doubleoctagon, style=\"filled\""));
}

#[test]
fn graph_reads_the_profile_file() {
    let dot = graph(
        &[
            "--role",
            "network-engineer",
            "--profile",
            &fixture("profiles/alex.json").display().to_string(),
        ],
        "dot",
    );
    assert!(dot.contains("\"comptia-network-plus\" [label=\"CompTIA Network+\\nheld\""));
    render_svg(&dot);
}

#[test]
fn graph_of_the_role_only_reaches_its_requirements() {
    let dot = planner_graph(&["--role", "other-role", "--no-profile"], "dot");
    let nodes: Vec<&str> = dot
        .lines()
        .filter(|l| {
            l.contains(" [label=") && !l.contains("->") && !l.trim_start().starts_with("graph [")
        })
        .collect();
    assert_eq!(nodes.len(), 2, "{dot}");
    assert!(!dot.contains("starter-cert"));
}

#[test]
fn graph_of_the_bundled_catalog_renders_whole_and_per_role() {
    let whole = graph(&["--no-profile", "--full"], "dot");
    render_svg(&whole);
    let mermaid = graph(&["--no-profile", "--full"], "mermaid");
    let (nodes, edges) = check_flowchart(&mermaid).unwrap_or_else(|e| panic!("{e}"));
    let cat = load(None);
    assert_eq!(nodes, cat.skills.len() + cat.certs.len() + cat.roles.len());
    assert_eq!(edges, whole.lines().filter(|l| l.contains(" -> ")).count());
    for r in &cat.roles {
        let dot = graph(&["--role", &r.id, "--no-profile"], "dot");
        assert!(dot.contains(&format!("\"{}\" [", r.id)));
        render_svg(&dot);
        let m = graph(&["--role", &r.id, "--no-profile"], "mermaid");
        check_flowchart(&m).unwrap_or_else(|e| panic!("{}: {e}\n{m}", r.id));
    }
}

#[test]
fn graph_warns_when_mermaid_would_refuse_the_size() {
    let (_, err, code) = run(certpath().args(["graph", "--no-profile", "--format", "mermaid"]));
    assert_eq!(code, 0);
    assert!(err.contains("drawn as a summary"), "{err}");
    let (_, err, code) =
        run(certpath().args(["graph", "--no-profile", "--format", "mermaid", "--full"]));
    assert_eq!(code, 0);
    assert!(err.contains("Mermaid draws at most 500 edges"), "{err}");
    let (_, err, _) = run(certpath().args([
        "graph",
        "--no-profile",
        "--role",
        "network-engineer",
        "--format",
        "mermaid",
    ]));
    assert!(err.is_empty(), "{err}");
}

#[test]
fn graph_output_is_deterministic() {
    for format in ["dot", "mermaid"] {
        let a = graph(&["--no-profile"], format);
        let b = graph(&["--no-profile"], format);
        assert_eq!(a, b);
    }
}

#[test]
fn graph_needs_dot_or_mermaid() {
    for format in ["json", "csv", "markdown"] {
        let (out, err, code) = run(certpath().args(["graph", "--no-profile", "--format", format]));
        assert_eq!(code, 2, "{format}: {err}");
        assert!(out.is_empty());
        assert!(err.contains("use one of: dot, mermaid"), "{err}");
    }
    // With no --format (the table default), a graph is drawn as DOT.
    let (plain, err, code) =
        run(certpath().args(["graph", "--no-profile", "--role", "network-engineer"]));
    assert_eq!(code, 0, "{err}");
    let (dot, _, _) = run(certpath().args([
        "graph",
        "--no-profile",
        "--role",
        "network-engineer",
        "--format",
        "dot",
    ]));
    assert_eq!(plain, dot);
    assert!(plain.starts_with("digraph"), "{plain}");
}

#[test]
fn graph_of_an_unknown_role_is_bad_data() {
    let (_, err, code) = run(certpath().args([
        "graph",
        "--no-profile",
        "--role",
        "network-enginer",
        "--format",
        "dot",
    ]));
    assert_eq!(code, 65);
    assert!(err.contains("did you mean"), "{err}");
}

/// Names with every character DOT or Mermaid reads specially.
const HOSTILE: &str = r#"{
  "skills": [
    { "id": "tricky", "name": "Say \"hi\" [x] {y} <b>&amp;</b> #1; a:b | c \\N `t`",
      "domain": "general", "hours": [1, 1, 1, 1] }
  ],
  "certifications": [
    { "id": "weird-cert", "name": "C:\\temp\\\"quoted\" end", "vendor": "V",
      "exams": [{ "code": "W-1", "cost_usd": 10 }], "study_hours": 1,
      "covers": [{ "skill": "tricky", "level": 2 }],
      "sources": ["https://example.org"], "as_of": "2026-11" }
  ],
  "roles": [
    { "id": "end", "name": "end --> x[\"y\"]", "certifications": ["weird-cert"],
      "skills": [{ "skill": "tricky", "level": 3 }] }
  ]
}"#;

fn hostile_catalog() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("hostile.json"), HOSTILE).expect("write");
    dir
}

#[test]
fn graph_escapes_hostile_names() {
    let dir = hostile_catalog();
    let path = dir.path().join("hostile.json").display().to_string();
    let base = ["--no-builtin", "--catalog", path.as_str(), "--no-profile"];
    let dot = graph(&base, "dot");
    if let Some(svg) = render_svg(&dot) {
        let svg = svg.replace("&#45;", "-");
        // Each name comes out of Graphviz as written, XML-escaped.
        let cat = load(Some(&dir.path().join("hostile.json")));
        for name in [&cat.skills[0].name, &cat.certs[0].name, &cat.roles[0].name] {
            let xml = name
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;");
            assert!(
                svg.contains(&format!(">{xml}</text>")),
                "{name} not in\n{svg}"
            );
        }
    }
    let mermaid = graph(&base, "mermaid");
    check_flowchart(&mermaid).unwrap_or_else(|e| panic!("{e}\n{mermaid}"));
    assert!(mermaid.contains(
        "s_tricky(\"Say #quot;hi#quot; [x] {y} #lt;b#gt;#amp;amp;#lt;/b#gt; #35;1; a:b | c \\N #96;t#96;<br>need 3\")"
    ), "{mermaid}");
    assert!(mermaid.contains("r_end{{\"end --#gt; x[#quot;y#quot;]\"}}"));
}

// ---------------------------------------------------------------- gantt

#[test]
fn gantt_of_a_plan_with_experience_and_renewals() {
    let cat = load(Some(&fixture("planner.json")));
    let plan = make_plan(&cat, "small-role", &[], None);
    let kinds: HashSet<StepKind> = plan.steps.iter().map(|s| s.kind).collect();
    assert!(kinds.contains(&StepKind::Experience) && kinds.contains(&StepKind::Renewal));
    let text = mermaid::gantt(&plan);
    insta::assert_snapshot!(text);
    let tasks = check_gantt(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(
        tasks.len(),
        plan.steps.len() + 1,
        "a task per step and the finish"
    );
    for s in &plan.steps {
        let t = tasks
            .iter()
            .find(|t| t.id == format!("step{}", s.n))
            .unwrap_or_else(|| panic!("no task for step {}", s.n));
        assert_eq!(t.start, if t.end.is_some() { s.start } else { s.end });
        if let Some(end) = t.end {
            assert_eq!(end, s.end);
        }
        assert_eq!(
            t.tags.contains(&"crit".to_string()),
            s.kind == StepKind::Exam
        );
        assert!(!t.text.is_empty());
    }
    let finish = tasks.last().expect("finish");
    assert_eq!(finish.start, plan.summary.finish);
}

#[test]
fn gantt_is_valid_for_every_sample_plan() {
    for (what, plan) in sample_plans() {
        let text = mermaid::gantt(&plan);
        let tasks = check_gantt(&text).unwrap_or_else(|e| panic!("{what}: {e}\n{text}"));
        assert_eq!(tasks.len(), plan.steps.len() + 1, "{what}");
        assert_eq!(text, mermaid::gantt(&plan), "{what}: not deterministic");
    }
}

#[test]
fn gantt_of_an_empty_plan_still_parses() {
    let cat = load(Some(&fixture("planner.json")));
    let plan = make_plan(&cat, "starter-role", &["starter-cert"], None);
    assert!(plan.steps.is_empty());
    let tasks = check_gantt(&mermaid::gantt(&plan)).expect("valid");
    assert_eq!(tasks.len(), 1);
}

// ------------------------------------------------------------ taskwarrior

/// Checks Taskwarrior import JSON against the plan it came from.
fn check_tasks(text: &str, plan: &Plan) -> Vec<Value> {
    let tasks: Vec<Value> = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(tasks.len(), plan.steps.len());
    let uuids: Vec<&str> = tasks
        .iter()
        .map(|t| t["uuid"].as_str().expect("uuid"))
        .collect();
    let unique: HashSet<&&str> = uuids.iter().collect();
    assert_eq!(unique.len(), uuids.len(), "repeated uuids");
    let tw_date = |v: &Value| {
        let s = v.as_str().expect("a date string");
        assert_eq!(s.len(), 16, "{s}");
        assert!(s.ends_with('Z') && &s[8..9] == "T", "{s}");
        date(&format!("{}-{}-{}", &s[0..4], &s[4..6], &s[6..8]))
    };
    for (t, s) in tasks.iter().zip(&plan.steps) {
        let u = t["uuid"].as_str().expect("uuid");
        let hex: String = u.chars().filter(|c| *c != '-').collect();
        assert_eq!(u.len(), 36);
        assert!(
            hex.len() == 32 && hex.chars().all(|c| c.is_ascii_hexdigit()),
            "{u}"
        );
        assert_eq!(
            [8, 13, 18, 23].map(|i| &u[i..i + 1]),
            ["-", "-", "-", "-"],
            "{u}"
        );
        assert!(!t["description"].as_str().expect("text").is_empty());
        assert_eq!(t["project"], format!("certpath.{}", plan.role.id));
        assert_eq!(t["status"], "pending");
        // Entered now (the run), not on the plan's start.
        assert_eq!(tw_date(&t["entry"]), date(TODAY));
        assert_eq!(tw_date(&t["scheduled"]), s.start);
        assert_eq!(tw_date(&t["due"]), s.end);
        let tags: Vec<&str> = t["tags"]
            .as_array()
            .expect("tags")
            .iter()
            .map(|x| x.as_str().expect("tag"))
            .collect();
        assert!(tags.contains(&"certpath"));
        let deps: Vec<&str> = t
            .get("depends")
            .map(|d| {
                d.as_array()
                    .expect("depends is an array")
                    .iter()
                    .map(|x| x.as_str().expect("uuid"))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(deps.len(), s.deps.len());
        for (d, i) in deps.iter().zip(&s.deps) {
            assert!(uuids.contains(d), "depends on a task that is not there");
            assert_eq!(*d, uuids[*i]);
        }
    }
    tasks
}

#[test]
fn taskwarrior_tasks_of_a_plan() {
    let cat = load(Some(&fixture("planner.json")));
    let plan = make_plan(&cat, "small-role", &[], None);
    let text = taskwarrior::tasks(&plan, now(), &[]);
    insta::assert_snapshot!(text);
    check_tasks(&text, &plan);
}

#[test]
fn taskwarrior_json_is_valid_for_every_sample_plan() {
    for (what, plan) in sample_plans() {
        let text = taskwarrior::tasks(&plan, now(), &[]);
        check_tasks(&text, &plan);
        assert_eq!(
            text,
            taskwarrior::tasks(&plan, now(), &[]),
            "{what}: not deterministic"
        );
    }
}

#[test]
fn taskwarrior_uuids_are_stable_across_profiles() {
    // The same step keeps its uuid when the plan around it changes.
    let cat = load(Some(&fixture("planner.json")));
    let a = make_plan(&cat, "small-role", &[], None);
    let b = make_plan(&cat, "small-role", &["basics=1"], None);
    let ua = taskwarrior::step_uuids(&a);
    let ub = taskwarrior::step_uuids(&b);
    let exam = |p: &Plan, u: &[String]| {
        let i = p
            .steps
            .iter()
            .position(|s| s.id == "pro-cert")
            .expect("exam");
        u[i].clone()
    };
    assert_eq!(exam(&a, &ua), exam(&b, &ub));
}

/// `task import` into a scratch database, when Taskwarrior is installed.
#[test]
fn taskwarrior_imports_the_plan() {
    let Some(task) = tool_or_skip("task", "the Taskwarrior import is not tried") else {
        return;
    };
    let cat = load(None);
    let plan = make_plan(&cat, "network-engineer", &[], None);
    assert!(plan.steps.iter().any(|s| !s.deps.is_empty()));
    let text = taskwarrior::tasks(&plan, now(), &[]);
    let dir = tempfile::tempdir().expect("temp dir");
    let rc = dir.path().join("taskrc");
    std::fs::write(&rc, "").expect("taskrc");
    let data = dir.path().join("data");
    std::fs::create_dir(&data).expect("data dir");
    let env = [("TASKRC", rc.as_path()), ("TASKDATA", data.as_path())];
    let quiet = ["rc.confirmation=off", "rc.verbose=nothing", "rc.hooks=off"];
    let task_run = |args: &[&str], input: &str| {
        let mut all: Vec<&str> = quiet.to_vec();
        all.extend(args);
        let (out, err, ok) = pipe(&task, &all, input, &env);
        assert!(ok, "task {args:?} failed: {err}");
        out
    };
    task_run(&["import", "-"], &text);
    let count = |t: &dyn Fn(&[&str], &str) -> String| {
        t(&["status:pending", "count"], "")
            .trim()
            .parse::<usize>()
            .expect("a count")
    };
    assert_eq!(count(&task_run), plan.steps.len());
    // Importing again updates the same tasks: the uuids are stable.
    task_run(&["import", "-"], &text);
    assert_eq!(count(&task_run), plan.steps.len());
    // Dependencies survive: Taskwarrior exports what it imported.
    let exported: Vec<Value> =
        serde_json::from_str(&task_run(&["export"], "")).expect("task export is JSON");
    let by_uuid: HashMap<&str, &Value> = exported
        .iter()
        .map(|t| (t["uuid"].as_str().expect("uuid"), t))
        .collect();
    let uuids = taskwarrior::step_uuids(&plan);
    for (s, u) in plan.steps.iter().zip(&uuids) {
        let t = by_uuid.get(u.as_str()).expect("imported");
        let mut got: Vec<String> = match &t["depends"] {
            Value::Array(a) => a
                .iter()
                .map(|x| x.as_str().expect("uuid").to_string())
                .collect(),
            Value::String(s) => s.split(',').map(str::to_string).collect(),
            _ => Vec::new(),
        };
        got.sort();
        let mut want: Vec<String> = s.deps.iter().map(|d| uuids[*d].clone()).collect();
        want.sort();
        assert_eq!(got, want, "step {}", s.n);
        assert_eq!(t["project"], "certpath.network-engineer");
    }
}

// ---------------------------------------------------------------- ics

/// One event, as read back: its properties by name (parameters dropped).
type Event = BTreeMap<String, String>;

/// Parses an iCalendar file strictly: CRLF only, lines of at most 75
/// octets, BEGIN/END balanced, text values escaped; returns the events.
fn check_ics(text: &str) -> Result<Vec<Event>, String> {
    if !text.ends_with("\r\n") {
        return Err("no final CRLF".into());
    }
    if text.replace("\r\n", "").contains(['\r', '\n']) {
        return Err("a bare CR or LF".into());
    }
    let mut logical: Vec<String> = Vec::new();
    for line in text.trim_end_matches("\r\n").split("\r\n") {
        if line.len() > 75 {
            return Err(format!("{} octets: {line}", line.len()));
        }
        match line.strip_prefix(' ') {
            Some(rest) => logical
                .last_mut()
                .ok_or("a continuation first")?
                .push_str(rest),
            None => logical.push(line.to_string()),
        }
    }
    let mut stack: Vec<String> = Vec::new();
    let mut events = Vec::new();
    let mut event: Option<Event> = None;
    let mut calendar: Event = BTreeMap::new();
    for l in &logical {
        let (name, value) = l.split_once(':').ok_or_else(|| format!("no colon: {l}"))?;
        let prop = name.split(';').next().unwrap_or("").to_string();
        if prop.is_empty() || !prop.bytes().all(|b| b.is_ascii_uppercase() || b == b'-') {
            return Err(format!("bad property name: {l}"));
        }
        match prop.as_str() {
            "BEGIN" => {
                if value == "VEVENT" {
                    event = Some(BTreeMap::new());
                }
                stack.push(value.to_string());
            }
            "END" => {
                if stack.pop().as_deref() != Some(value) {
                    return Err(format!("END:{value} does not close what is open"));
                }
                if value == "VEVENT" {
                    events.push(event.take().ok_or("END:VEVENT outside an event")?);
                }
            }
            _ => {
                if ["SUMMARY", "DESCRIPTION", "X-WR-CALNAME"].contains(&prop.as_str()) {
                    let mut chars = value.chars();
                    while let Some(c) = chars.next() {
                        match c {
                            '\\' if !matches!(chars.next(), Some('\\' | ';' | ',' | 'n' | 'N')) => {
                                return Err(format!("bad escape: {l}"))
                            }
                            '\\' => {}
                            ';' | ',' => return Err(format!("unescaped {c}: {l}")),
                            _ => {}
                        }
                    }
                }
                let target = event.as_mut().unwrap_or(&mut calendar);
                if target.insert(name.to_string(), value.to_string()).is_some() {
                    return Err(format!("{name} twice"));
                }
            }
        }
    }
    if !stack.is_empty() {
        return Err(format!("not closed: {stack:?}"));
    }
    if logical.first().map(String::as_str) != Some("BEGIN:VCALENDAR") {
        return Err("does not start with BEGIN:VCALENDAR".into());
    }
    if calendar.get("VERSION").map(String::as_str) != Some("2.0")
        || !calendar.contains_key("PRODID")
    {
        return Err("no VERSION:2.0 or PRODID".into());
    }
    Ok(events)
}

fn ics_date(s: &str) -> Date {
    assert_eq!(s.len(), 8, "{s}");
    date(&format!("{}-{}-{}", &s[0..4], &s[4..6], &s[6..8]))
}

fn check_events(text: &str, plan: &Plan) {
    let events = check_ics(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(events.len(), plan.steps.len(), "one event per step");
    let uids: HashSet<&str> = events.iter().map(|e| e["UID"].as_str()).collect();
    assert_eq!(uids.len(), events.len(), "repeated UIDs");
    for (e, s) in events.iter().zip(&plan.steps) {
        let start = ics_date(&e["DTSTART;VALUE=DATE"]);
        let end = ics_date(&e["DTEND;VALUE=DATE"]);
        assert!(end > start, "DTEND is exclusive, after DTSTART");
        if s.kind == StepKind::Exam {
            assert_eq!(start, s.end, "an exam is on its exam day");
            assert_eq!(end, s.end.tomorrow().expect("date"));
        } else {
            assert_eq!(start, s.start);
            assert_eq!(end, s.end.tomorrow().expect("date"));
        }
        // Generation time: CERTPATH_TODAY pins it to midnight UTC.
        let stamp = &e["DTSTAMP"];
        assert_eq!(ics_date(&stamp[..8]), date(TODAY));
        assert!(stamp.ends_with("T000000Z"));
        assert_eq!(e["SEQUENCE"], "0", "a first calendar");
        assert_eq!(&e["LAST-MODIFIED"], stamp);
        assert!(e.contains_key("SUMMARY") && e.contains_key("DESCRIPTION"));
    }
}

#[test]
fn ics_of_a_plan() {
    let cat = load(Some(&fixture("planner.json")));
    let plan = make_plan(&cat, "small-role", &[], None);
    let text = ics::calendar(&plan, now(), &[]);
    insta::assert_snapshot!(text.replace("\r\n", "⏎\n"));
    check_events(&text, &plan);
}

#[test]
fn ics_is_valid_for_every_sample_plan() {
    for (what, plan) in sample_plans() {
        let text = ics::calendar(&plan, now(), &[]);
        check_events(&text, &plan);
        assert_eq!(
            text,
            ics::calendar(&plan, now(), &[]),
            "{what}: not deterministic"
        );
    }
}

#[test]
fn ics_escapes_and_folds_hostile_names() {
    let dir = hostile_catalog();
    let cat = load(Some(&dir.path().join("hostile.json")));
    let plan = make_plan(&cat, "end", &[], None);
    let text = ics::calendar(&plan, now(), &[]);
    check_events(&text, &plan);
    let unfolded = text.replace("\r\n ", "");
    assert!(
        unfolded.contains("Say \"hi\" [x] {y} <b>&amp\\;</b> #1\\; a:b | c \\\\N `t`"),
        "{unfolded}"
    );
}

// ------------------------------------------------------- through the CLI

#[test]
fn plan_writes_the_gantt_tasks_and_calendar() {
    let cat = load(Some(&fixture("planner.json")));
    let plan = make_plan(&cat, "small-role", &[], None);
    let planner = planner_catalog();
    let cli = |format: &str| {
        let mut args: Vec<&str> = planner.iter().map(String::as_str).collect();
        args.extend([
            "plan",
            "--role",
            "small-role",
            "--no-profile",
            "--format",
            format,
        ]);
        ok(&args)
    };
    assert_eq!(cli("mermaid"), mermaid::gantt(&plan));
    assert_eq!(cli("taskwarrior"), taskwarrior::tasks(&plan, now(), &[]));
    assert_eq!(cli("ics"), ics::calendar(&plan, now(), &[]));
}

#[test]
fn plan_formats_from_a_profile_file() {
    let cat = load(None);
    let plan = make_plan(&cat, "network-engineer", &[], Some("profiles/alex.json"));
    let profile = fixture("profiles/alex.json").display().to_string();
    let cli = |format: &str| ok(&["plan", "--profile", &profile, "--format", format]);
    let gantt = cli("mermaid");
    check_gantt(&gantt).unwrap_or_else(|e| panic!("{e}\n{gantt}"));
    assert_eq!(gantt, mermaid::gantt(&plan));
    check_tasks(&cli("taskwarrior"), &plan);
    check_events(&cli("ics"), &plan);
}

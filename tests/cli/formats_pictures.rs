//! Pictures as their programs read them (issue 14): Mermaid charts read
//! back by Mermaid itself (names with `;`, `:`, `#` intact, within its
//! default limits, no false "Ready" milestone on a cut plan), and DOT laid
//! out by Graphviz (a readable summary of the whole catalog, clusters by
//! domain and vendor, edge labels coloured and tied to their edges).

use crate::consumers::{mermaid, pipe, tool};
use crate::util::{certpath, fixture, run};
use serde_json::Value;

fn ok(cmd: &mut assert_cmd::Command) -> (String, String) {
    let (out, err, code) = run(cmd);
    assert_eq!(code, 0, "{err}");
    (out, err)
}

fn hostile() -> assert_cmd::Command {
    let mut c = certpath();
    c.args(["--no-builtin", "--catalog"])
        .arg(fixture("hostile.json"))
        .arg("--no-profile");
    c
}

#[test]
fn mermaid_reads_hostile_names_back_exactly() {
    let Some(check) = mermaid("mermaid_reads_hostile_names_back_exactly") else {
        return;
    };
    let (gantt, _) = ok(hostile().args(["plan", "--role", "hostile-role", "--format", "mermaid"]));
    let read = check(&gantt);
    assert_eq!(read["type"], "gantt");
    let role = r#"=HYPERLINK("http://x") [Role](http://x) #1; end"#;
    assert_eq!(read["title"], format!("Plan to {role}"));
    let tasks = read["tasks"].as_array().unwrap();
    let names: Vec<&str> = tasks.iter().map(|t| t["task"].as_str().unwrap()).collect();
    for want in ["Learn @SUM(A1:A2) 0->1", "Learn =1+1 0->2"] {
        assert!(names.contains(&want), "{want:?} not in {names:?}");
    }
    assert!(tasks
        .iter()
        .any(|t| t["section"] == format!("More for {role}")));
    // The flowchart keeps `;`, `:` and `#` in its labels too.
    let (chart, _) = ok(hostile().args(["graph", "--role", "hostile-role", "--format", "mermaid"]));
    let read = check(&chart);
    let texts: Vec<&str> = read["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&role), "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Hash # Cert: part; two")),
        "{texts:?}"
    );
}

#[test]
fn a_cut_plan_ends_with_what_is_left_not_ready() {
    let Some(check) = mermaid("a_cut_plan_ends_with_what_is_left_not_ready") else {
        return;
    };
    let args = [
        "--no-profile",
        "plan",
        "--role",
        "network-engineer",
        "--format",
        "mermaid",
    ];
    let (whole, _) = ok(certpath().args(args));
    let last = |text: &str| {
        check(text)["tasks"]
            .as_array()
            .unwrap()
            .last()
            .cloned()
            .unwrap()
    };
    let end = last(&whole);
    assert_eq!(end["task"], "Ready for Network Engineer");
    assert_eq!(end["milestone"], true);
    let (cut, _) = ok(certpath().args(args).args(["--max-hours", "150"]));
    assert!(!cut.contains("Ready for"), "{cut}");
    let end = last(&cut);
    assert_eq!(end["id"], "cut");
    assert_eq!(end["milestone"], true);
    let text = end["task"].as_str().unwrap();
    assert!(
        text.starts_with("Plan cut here, ") && text.ends_with("to Network Engineer"),
        "{text}"
    );
}

#[test]
fn the_whole_catalog_in_mermaid_stays_within_its_default_limits() {
    let Some(check) = mermaid("the_whole_catalog_in_mermaid_stays_within_its_default_limits")
    else {
        return;
    };
    let (chart, err) = ok(certpath().args(["--no-profile", "graph", "--format", "mermaid"]));
    assert!(
        chart.chars().count() <= 50_000,
        "{} characters",
        chart.len()
    );
    let read = check(&chart);
    let edges = read["edges"].as_array().unwrap().len();
    assert!((1..=500).contains(&edges), "{edges} edges");
    let note = read["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "certpath_note")
        .expect("a note in the picture");
    assert!(
        note["text"].as_str().unwrap().starts_with("Summary: "),
        "{note}"
    );
    assert!(err.contains("drawn as a summary"), "{err}");
    // --full draws every node and says Mermaid needs its limits raised.
    let (full, err) =
        ok(certpath().args(["--no-profile", "graph", "--format", "mermaid", "--full"]));
    assert!(full.chars().count() > 50_000);
    assert!(err.contains("maxTextSize"), "{err}");
    // One role fits whole.
    let (role, err) = ok(certpath().args([
        "--no-profile",
        "graph",
        "--role",
        "systems-administrator",
        "--format",
        "mermaid",
    ]));
    assert!(err.is_empty(), "{err}");
    assert!(!role.contains("certpath_note"));
    check(&role);
}

/// `dot -Tjson`: the layout Graphviz made.
fn layout(dot: &std::path::Path, text: &str) -> Value {
    let (out, err, ok) = pipe(dot, &["-Tjson"], text, &[]);
    assert!(ok && !err.contains("Warning"), "dot: {err}");
    serde_json::from_str(&out).expect("dot -Tjson is JSON")
}

/// The size of the drawing in points, from its bounding box.
fn size(layout: &Value) -> (f64, f64) {
    let bb: Vec<f64> = layout["bb"]
        .as_str()
        .unwrap()
        .split(',')
        .map(|x| x.parse().unwrap())
        .collect();
    (bb[2] - bb[0], bb[3] - bb[1])
}

#[test]
fn the_whole_catalog_in_dot_is_a_readable_summary() {
    let Some(dot) = tool("dot", "the_whole_catalog_in_dot_is_a_readable_summary") else {
        return;
    };
    let (text, err) = ok(certpath().args(["--no-profile", "graph"]));
    assert!(err.contains("drawn as a summary"), "{err}");
    let summary = layout(&dot, &text);
    let (w, h) = size(&summary);
    // Drawn whole it was 4976 x 31643 px; the summary fits a few screens.
    assert!(w < 2500.0 && h < 3000.0, "{w} x {h} pt");
    let edges = summary["edges"].as_array().unwrap().len();
    assert!(edges <= 120, "{edges} arrows");
    assert!(summary["label"].as_str().unwrap().contains("Summary: "));
    let (full, _) = ok(certpath().args(["--no-profile", "graph", "--full"]));
    let full = layout(&dot, &full);
    let (fw, fh) = size(&full);
    assert!(
        fw * fh > 4.0 * w * h,
        "--full draws everything: {fw} x {fh}"
    );
}

#[test]
fn dot_clusters_by_domain_and_ties_labels_to_edges() {
    let Some(dot) = tool("dot", "dot_clusters_by_domain_and_ties_labels_to_edges") else {
        return;
    };
    let (text, _) = ok(certpath().args(["--no-profile", "graph", "--role", "network-engineer"]));
    let l = layout(&dot, &text);
    assert_eq!(l["rankdir"], "RL");
    let objects = l["objects"].as_array().unwrap();
    let cluster = |label: &str| {
        objects
            .iter()
            .find(|o| o["label"] == label && o["name"].as_str().unwrap().starts_with("cluster"))
            .unwrap_or_else(|| panic!("no cluster {label}"))
    };
    let member = |cluster: &Value, id: &str| {
        cluster["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| objects[i.as_u64().unwrap() as usize]["name"] == id)
    };
    assert!(member(cluster("networking skills"), "ip-addressing"));
    assert!(member(cluster("Cisco certifications"), "cisco-ccna"));
    assert!(!member(cluster("networking skills"), "network-engineer"));
    // Each edge's label is drawn in the edge's colour and tied to it by
    // a line, and each kind of edge has a colour of its own.
    let mut colour_of = std::collections::BTreeMap::new();
    for e in l["edges"].as_array().unwrap() {
        assert_eq!(e["fontcolor"], e["color"], "{e}");
        assert_eq!(e["decorate"], "true", "{e}");
        let verb = e["label"]
            .as_str()
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .to_string();
        let c = e["color"].as_str().unwrap().to_string();
        assert_eq!(colour_of.entry(verb).or_insert_with(|| c.clone()), &c);
    }
    let colours: std::collections::BTreeSet<_> = colour_of.values().collect();
    assert_eq!(colours.len(), colour_of.len(), "{colour_of:?}");
    assert!(colour_of.len() >= 3, "{colour_of:?}");
}

//! Exact output, held in insta snapshots: stdout, stderr and the exit code
//! together. CERTPATH_TODAY is pinned by `util::certpath`.

use crate::util::{certpath, run};

fn snap(args: &[&str]) -> String {
    let (out, err, code) = run(certpath().args(args));
    format!(
        "$ certpath {}\nexit: {code}\n--- stdout\n{out}--- stderr\n{err}",
        args.join(" ")
    )
}

#[test]
fn plan_beginner_to_network_engineer() {
    insta::assert_snapshot!(snap(&[
        "plan",
        "--role",
        "network-engineer",
        "--no-profile"
    ]));
}

#[test]
fn plan_beginner_to_network_engineer_json() {
    insta::assert_snapshot!(snap(&[
        "plan",
        "--role",
        "network-engineer",
        "--no-profile",
        "--format",
        "json"
    ]));
}

#[test]
fn plan_a_plus_and_network_plus_holder_to_cybersecurity_analyst() {
    insta::assert_snapshot!(snap(&[
        "plan",
        "--role",
        "cybersecurity-analyst",
        "--have",
        "comptia-a-plus",
        "--have",
        "comptia-network-plus",
    ]));
}

#[test]
fn plan_a_plus_and_network_plus_holder_to_cybersecurity_analyst_json() {
    insta::assert_snapshot!(snap(&[
        "plan",
        "--role",
        "cybersecurity-analyst",
        "--have",
        "comptia-a-plus",
        "--have",
        "comptia-network-plus",
        "--format",
        "json",
    ]));
}

#[test]
fn gap_ccna_holder_to_network_engineer() {
    insta::assert_snapshot!(snap(&[
        "gap",
        "--role",
        "network-engineer",
        "--have",
        "cisco-ccna"
    ]));
}

#[test]
fn unknown_role_error() {
    insta::assert_snapshot!(snap(&["plan", "--role", "netwrk-engineer"]));
}

#[test]
fn rank_empty_profile() {
    insta::assert_snapshot!(snap(&["rank"]));
}

#[test]
fn next_beginner_to_cybersecurity_analyst() {
    insta::assert_snapshot!(snap(&["next", "--role", "cybersecurity-analyst"]));
}

#[test]
fn why_ip_addressing_for_network_engineer() {
    insta::assert_snapshot!(snap(&[
        "why",
        "ip-addressing",
        "--role",
        "network-engineer"
    ]));
}

#[test]
fn plan_compare_cloud_architect_and_systems_administrator() {
    insta::assert_snapshot!(snap(&[
        "plan",
        "--role",
        "cloud-architect",
        "--compare",
        "systems-administrator",
        "--have",
        "comptia-a-plus",
    ]));
}

/// Every format of plan, gap and rank, on the small hand-worked catalog
/// (tests/fixtures/planner.json) so they do not move with the bundled data.
fn small(args: &[&str]) -> String {
    let fixture = crate::util::fixture("planner.json");
    let mut all = vec!["--no-builtin", "--catalog", fixture.to_str().unwrap()];
    all.extend(args);
    let (out, err, code) = run(certpath().args(&all));
    format!(
        "$ certpath {}\nexit: {code}\n--- stdout\n{out}--- stderr\n{err}",
        args.join(" ")
    )
}

#[test]
fn formats_of_plan_gap_and_rank() {
    let start = ["--start", "2026-12-20", "--have", "basics=1"];
    for format in ["table", "json", "markdown", "csv"] {
        let mut plan = vec!["plan", "--role", "small-role", "--format", format];
        plan.extend(start);
        insta::assert_snapshot!(format!("plan_{format}"), small(&plan));
        insta::assert_snapshot!(
            format!("gap_{format}"),
            small(&[
                "gap",
                "--role",
                "small-role",
                "--have",
                "basics=2",
                "--format",
                format
            ])
        );
        insta::assert_snapshot!(
            format!("rank_{format}"),
            small(&["rank", "--have", "basics=2", "--format", format])
        );
    }
}

//! Persona plans (issue 11): each core role planned for three people, read
//! the way an IT hiring manager would read them: someone with no IT
//! background, an A+ holder, and someone who holds a related professional
//! certification; none of them has work experience yet. The plans are
//! pinned as Markdown reports, one line a step, so a change in the catalog
//! or the planner shows up as a readable diff.

use crate::util::{certpath, run};

/// The related professional certification each role's third persona holds.
const ROLES: &[(&str, &str)] = &[
    ("it-support-specialist", "cisco-ccst-it-support"),
    ("systems-administrator", "microsoft-md-102"),
    ("network-engineer", "comptia-network-plus"),
    ("cybersecurity-analyst", "cisco-ccna"),
    ("cloud-architect", "microsoft-az-104"),
    ("database-administrator", "oracle-sql-associate"),
    ("it-project-manager", "scrum-org-psm-i"),
];

/// The plan for `role` as a Markdown report, with the command that made it.
fn plan(role: &str, have: Option<&str>) -> String {
    let mut args = vec!["plan", "--role", role, "--format", "markdown"];
    if let Some(cert) = have {
        args.extend(["--have", cert]);
    }
    let (out, err, code) = run(certpath().args(&args));
    assert_eq!(code, 0, "{args:?}: {err}");
    format!("$ certpath {}\n{out}", args.join(" "))
}

fn personas(role: &str) {
    let related = ROLES
        .iter()
        .find(|(r, _)| *r == role)
        .map(|(_, c)| *c)
        .expect("a core role");
    insta::assert_snapshot!(format!("{role}_from_zero"), plan(role, None));
    insta::assert_snapshot!(
        format!("{role}_from_a_plus"),
        plan(role, Some("comptia-a-plus"))
    );
    insta::assert_snapshot!(format!("{role}_from_{related}"), plan(role, Some(related)));
}

#[test]
fn it_support_specialist() {
    personas("it-support-specialist");
}

#[test]
fn systems_administrator() {
    personas("systems-administrator");
}

#[test]
fn network_engineer() {
    personas("network-engineer");
}

#[test]
fn cybersecurity_analyst() {
    personas("cybersecurity-analyst");
}

#[test]
fn cloud_architect() {
    personas("cloud-architect");
}

#[test]
fn database_administrator() {
    personas("database-administrator");
}

#[test]
fn it_project_manager() {
    personas("it-project-manager");
}

/// Every core role has its personas above.
#[test]
fn the_seven_core_roles_are_covered() {
    assert_eq!(ROLES.len(), 7);
    let v = crate::util::json(certpath().arg("roles"));
    let ids: Vec<&str> = v["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for (role, _) in ROLES {
        assert!(ids.contains(role), "{role} is not a bundled role");
    }
}

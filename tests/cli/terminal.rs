//! The command line as people type it: global options on either side of
//! the command, help, bad values, completion and man pages.

use crate::util::{certpath, fixture, json, run};

#[test]
fn repeated_global_options_accumulate_on_both_sides_of_the_command() {
    let gap = json(
        certpath()
            .args(["--no-profile", "--have", "networking-fundamentals=3"])
            .args([
                "gap",
                "--role",
                "network-engineer",
                "--have",
                "ip-addressing=2",
            ]),
    );
    let have = |id: &str| {
        gap["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .map(|r| r["have"].clone())
    };
    assert_eq!(have("networking-fundamentals"), Some(3.into()), "{gap}");
    assert_eq!(have("ip-addressing"), Some(2.into()), "{gap}");

    // `--catalog x role y --catalog z`: the role is in z.
    let (out, err, code) = run(certpath()
        .args(["--no-builtin", "--catalog"])
        .arg(fixture("small.json"))
        .args(["role", "either-role", "--catalog"])
        .arg(fixture("planner.json")));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("either-role"), "{out}");
}

#[test]
fn a_single_valued_global_option_takes_its_last_value() {
    let (out, err, code) = run(certpath().args(["--format", "csv", "roles", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with('{'), "{out}");
}

#[test]
fn a_format_a_command_does_not_write_lists_the_ones_it_does() {
    let (_, err, code) = run(certpath().args(["graph", "--format", "csv"]));
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: `graph` does not write --format csv\nhint: use one of: dot, mermaid\n"
    );
    // Given before the command, it is checked against the command's list.
    let (_, err, code) = run(certpath().args(["--format", "csv", "cert", "comptia-a-plus"]));
    assert_eq!(code, 2);
    assert!(err.contains("`cert` does not write --format csv"), "{err}");
    let (_, err, code) = run(certpath().args(["plan", "--format", "yaml"]));
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: invalid value 'yaml' for '--format <FORMAT>'\n\
         hint: use one of: table, json, markdown, csv, mermaid, taskwarrior, ics\n"
    );
}

#[test]
fn a_missing_argument_is_named_and_the_hint_names_the_command() {
    let (_, err, code) = run(certpath().arg("cert"));
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: the following required arguments were not provided: <NAME>\n\
         hint: see `certpath cert --help`\n"
    );
}

#[test]
fn help_groups_commands_and_puts_global_options_apart() {
    let (out, _, code) = run(certpath().arg("--help"));
    assert_eq!(code, 0);
    let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("no {s:?} in {out}"));
    let order = [
        "Plan commands:",
        "  plan ",
        "Explore commands:",
        "  roles ",
        "Progress commands:",
        "  done ",
        "Catalog commands:",
        "Shell commands:",
        "  man ",
        "Global options:",
        "Examples:",
    ];
    for w in order.windows(2) {
        assert!(at(w[0]) < at(w[1]), "{} before {}", w[0], w[1]);
    }

    let (out, _, code) = run(certpath().args(["plan", "--help"]));
    assert_eq!(code, 0);
    let own = out.find("\nOptions:").expect("own options");
    let global = out.find("\nGlobal options:").expect("global options");
    let role = out.find("--role").unwrap();
    let catalog = out.find("--catalog").unwrap();
    assert!(own < role && role < global && global < catalog, "{out}");
    let formats = &out[out.find("      --format <FORMAT>").unwrap()..];
    assert!(
        formats.contains("- ics:") && !formats.contains("- dot:"),
        "{out}"
    );
    assert!(out.contains("Examples:\n  # the plan to a role\n  $ certpath plan --role"));

    let (out, _, _) = run(certpath().args(["graph", "--help"]));
    let formats = &out[out.find("      --format <FORMAT>").unwrap()..];
    assert!(
        formats.contains("- dot:") && !formats.contains("- table:"),
        "{out}"
    );
    assert!(formats.contains("[default: dot]"), "{out}");
}

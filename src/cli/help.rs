//! What `--help` and the man pages say beyond the flags: the commands in
//! groups, each command's formats and examples.

use super::Format;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Arg, Command, ValueEnum};

/// The top-level commands by what they are for, in help order.
pub const GROUPS: [(&str, &[&str]); 5] = [
    ("Plan", &["plan", "gap", "next", "why", "rank", "check"]),
    (
        "Explore",
        &["roles", "role", "certs", "cert", "skills", "skill", "graph"],
    ),
    ("Progress", &["assess", "done", "progress", "profile"]),
    ("Catalog", &["catalog"]),
    ("Shell", &["completions", "man"]),
];

/// The formats a command writes, by its path (`plan`, `catalog validate`):
/// its `--format` list in help and the values clap accepts for it.
pub fn formats(path: &str) -> &'static [Format] {
    use Format::*;
    match path {
        "plan" => &[Table, Json, Markdown, Csv, Mermaid, Taskwarrior, Ics],
        "gap" | "next" | "why" | "rank" | "roles" | "role" | "certs" | "skills" => {
            &[Table, Json, Markdown, Csv]
        }
        "cert" | "skill" => &[Table, Json, Markdown],
        "graph" => &[Dot, Mermaid],
        // Commands that always print one thing (a script, roff, a schema)
        // have no --format to choose.
        "completions" | "man" | "catalog schema" => &[Table],
        // Commands that print records or nothing: json makes their
        // output (and their errors) JSON.
        _ => &[Table, Json],
    }
}

/// Examples for a command, by its path: one `$ command` line each, with
/// a `#` comment saying what it does.
pub fn examples(path: &str) -> &'static [(&'static str, &'static str)] {
    match path {
        "" => &[
            ("certpath roles", "the roles certpath can plan for"),
            (
                "certpath plan --role network-engineer --have comptia-a-plus",
                "the plan, as if you held CompTIA A+",
            ),
            ("certpath rank --top 5", "the five roles you are closest to"),
            ("certpath assess", "answer questions; writes your profile"),
        ],
        "plan" => &[
            (
                "certpath plan --role network-engineer",
                "the plan to a role",
            ),
            (
                "certpath plan -r cloud-engineer --have python=working --hours-per-week 6",
                "with a skill you have and 6 hours a week",
            ),
            (
                "certpath plan -r devops-engineer --format ics > plan.ics",
                "the schedule for a calendar",
            ),
            (
                "certpath plan -p clients/ --out-dir reports/",
                "one report per profile in a folder",
            ),
        ],
        "gap" => &[
            (
                "certpath gap --role cybersecurity-analyst",
                "what is missing",
            ),
            (
                "certpath gap -r data-analyst --format csv",
                "the same as rows for a spreadsheet",
            ),
        ],
        "next" => &[
            ("certpath next --role network-engineer", "what to start now"),
            (
                "certpath next -r cloud-engineer --have aws-cloud-practitioner",
                "after passing an exam",
            ),
        ],
        "why" => &[
            (
                "certpath why subnetting --role network-engineer",
                "why the plan has this step",
            ),
            (
                "certpath why comptia-security-plus -r cybersecurity-analyst --format json",
                "the chains for a script",
            ),
        ],
        "rank" => &[
            ("certpath rank --top 5", "the five roles that finish first"),
            ("certpath rank --sort readiness", "the most ready first"),
            (
                "certpath rank --have comptia-a-plus --hours-per-week 15",
                "as if you held A+ and studied 15 hours a week",
            ),
        ],
        "check" => &[(
            "certpath check --role it-support-specialist && echo ready",
            "exit 0 when ready, 1 when not",
        )],
        "roles" => &[
            ("certpath roles", "every role"),
            ("certpath roles --format csv", "as rows"),
        ],
        "role" => &[("certpath role network-engineer", "what the role asks for")],
        "certs" => &[
            (
                "certpath certs --vendor comptia",
                "one vendor's certifications",
            ),
            ("certpath certs --level associate", "one level"),
        ],
        "cert" => &[(
            "certpath cert comptia-security-plus",
            "exams, price, prerequisites, renewal and sources",
        )],
        "skills" => &[("certpath skills --domain networking", "one domain's skills")],
        "skill" => &[("certpath skill subnetting", "what it requires and unlocks")],
        "graph" => &[
            (
                "certpath graph --role network-engineer | dot -Tsvg > role.svg",
                "a picture with Graphviz",
            ),
            (
                "certpath graph -r scrum-master --format mermaid",
                "a Mermaid flowchart",
            ),
        ],
        "assess" => &[
            ("certpath assess", "write or continue your profile"),
            (
                "certpath assess -o alex.json --redo networking",
                "ask again about one domain",
            ),
        ],
        "done" => &[
            (
                "certpath done comptia-a-plus",
                "a certification earned today",
            ),
            (
                "certpath done subnetting=working --date 2026-11-01",
                "a skill level reached on a day",
            ),
            (
                "certpath done --undo subnetting",
                "take the last record back",
            ),
        ],
        "progress" => &[(
            "certpath progress --role network-engineer",
            "hours done and readiness since the first record",
        )],
        "profile" | "profile show" => &[("certpath profile show", "the profile")],
        "profile set" => &[
            (
                "certpath profile set target_role network-engineer",
                "the role",
            ),
            ("certpath profile set python working", "a skill's level"),
            (
                "certpath profile set comptia-a-plus 2025-03-14",
                "a cert held, with the day it was earned",
            ),
        ],
        "profile unset" => &[("certpath profile unset python", "forget a skill")],
        "profile history" => &[("certpath profile history", "every done record")],
        "catalog" | "catalog validate" => &[(
            "certpath catalog validate my-catalog/",
            "check your own catalog files",
        )],
        "catalog export" => &[(
            "certpath catalog export my-catalog/",
            "the bundled files, to edit",
        )],
        "catalog import" => &[(
            "certpath catalog import nice nice-v2.0.0.json --matrix dod8140.xlsx -o nice/",
            "NICE work roles, with DoD 8140 certifications",
        )],
        "catalog schema" => &[(
            "certpath catalog schema profile > profile.schema.json",
            "a schema for editors",
        )],
        "completions" => &[
            (
                "certpath completions bash > ~/.local/share/bash-completion/completions/certpath",
                "bash",
            ),
            (
                "certpath completions fish > ~/.config/fish/completions/certpath.fish",
                "fish",
            ),
        ],
        "man" => &[(
            "certpath man --out-dir ~/.local/share/man/man1",
            "every page, for `man certpath-plan`",
        )],
        _ => &[],
    }
}

/// The examples as help text.
pub fn examples_text(path: &str) -> Option<String> {
    let ex = examples(path);
    if ex.is_empty() {
        return None;
    }
    let mut out = String::from("Examples:\n");
    for (cmd, what) in ex {
        out.push_str(&format!("  # {what}\n  $ {cmd}\n"));
    }
    Some(out.trim_end().to_string())
}

/// The per-command `--format`: the same id as the global one (so its value
/// reaches the configuration) but only the formats the command writes.
fn format_arg(path: &str) -> Arg {
    let list = formats(path);
    let values: Vec<clap::builder::PossibleValue> =
        list.iter().filter_map(|f| f.to_possible_value()).collect();
    let parser = PossibleValuesParser::new(values)
        .map(|s: String| Format::from_str(&s, false).expect("a possible value is a format"));
    Arg::new("format")
        .long("format")
        .value_name("FORMAT")
        .value_parser(parser)
        .default_value(list[0].name())
        .help("Output format")
        .help_heading(super::GLOBAL_HEADING)
        .hide(list.len() == 1)
}

/// The top-level help: commands in groups, then the global options.
fn top_template(cmd: &Command) -> String {
    let width = GROUPS
        .iter()
        .flat_map(|(_, names)| names.iter())
        .map(|n| n.len())
        .max()
        .unwrap_or(0);
    let mut t = String::from("{about-with-newline}\n{usage-heading} {usage}\n");
    for (group, names) in GROUPS {
        t.push_str(&format!("\n{group} commands:\n"));
        for name in names {
            let about = cmd
                .find_subcommand(name)
                .and_then(|s| s.get_about())
                .map(|a| a.to_string())
                .unwrap_or_default();
            t.push_str(&format!("  {name:width$}  {about}\n"));
        }
    }
    t.push_str(&format!(
        "\n{}:\n{{options}}{{after-help}}",
        super::GLOBAL_HEADING
    ));
    // Braces in the text would be read as template tags.
    t
}

/// Adds to the command what the derive cannot say: grouped commands,
/// per-command formats, examples, and last-wins for single-valued options.
pub fn decorate(mut cmd: Command) -> Command {
    let template = top_template(&cmd);
    // The global options in one order in every command's help, the
    // command's own `--format` in the global one's place.
    let globals: Vec<String> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.get_id().to_string())
        .collect();
    for (i, id) in globals.iter().enumerate() {
        cmd = cmd.mut_arg(id, |a| a.display_order(GLOBAL_ORDER + i));
    }
    let format_at = globals.iter().position(|id| id == "format").unwrap_or(0);
    let cmd = decorate_sub(cmd, "", GLOBAL_ORDER + format_at);
    cmd.help_template(template)
}

/// Where the global options start in help order (after a command's own).
const GLOBAL_ORDER: usize = 1000;

fn decorate_sub(mut cmd: Command, path: &str, format_order: usize) -> Command {
    cmd = cmd.args_override_self(true);
    if let Some(ex) = examples_text(path) {
        cmd = cmd.after_help(ex);
    }
    if !cmd.has_subcommands() && !path.is_empty() {
        cmd = cmd.arg(format_arg(path).display_order(format_order));
    }
    // Each subcommand in its place (`mut_subcommand` takes one out and
    // pushes it back, moving all the others each time).
    cmd.mut_subcommands(|s| {
        let sub_path = if path.is_empty() {
            s.get_name().to_string()
        } else {
            format!("{path} {}", s.get_name())
        };
        decorate_sub(s, &sub_path, format_order)
    })
}

/// Every command's path, the top level's first (`""`).
pub fn paths(cmd: &Command) -> Vec<String> {
    fn walk(cmd: &Command, path: &str, out: &mut Vec<String>) {
        out.push(path.to_string());
        for s in cmd.get_subcommands() {
            let p = if path.is_empty() {
                s.get_name().to_string()
            } else {
                format!("{path} {}", s.get_name())
            };
            walk(s, &p, out);
        }
    }
    let mut out = Vec::new();
    walk(cmd, "", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_in_one_group_and_has_examples() {
        let cmd = crate::cli::command();
        let top: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
        for name in &top {
            let n = GROUPS.iter().filter(|(_, g)| g.contains(name)).count();
            assert_eq!(n, 1, "{name} is in {n} groups");
        }
        for (_, g) in GROUPS {
            for name in g {
                assert!(top.contains(name), "group names unknown command {name}");
            }
        }
        for p in paths(&cmd) {
            assert!(!examples(&p).is_empty(), "`{p}` has no examples");
            for (line, _) in examples(&p) {
                assert!(line.starts_with("certpath"), "{line}");
            }
        }
    }
}

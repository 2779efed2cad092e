//! The terminal layout (issue 14): every default table output at 60, 80
//! and 120 columns fits the width and never breaks a word; long plans stop
//! after 40 steps on a terminal; the width comes from COLUMNS, else the
//! terminal; colour only where it may be.

use crate::util::{certpath, fixture, run};
use std::collections::BTreeSet;

/// What people run, each with its default (table) output.
fn commands() -> Vec<(&'static str, Vec<String>)> {
    let profile = |name: &str| fixture("profiles").join(name).display().to_string();
    let long_names = fixture("long-names.json").display().to_string();
    let v = |args: &[&str]| args.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let with = |first: Vec<String>, rest: &[&str]| {
        let mut a = first;
        a.extend(v(rest));
        a
    };
    vec![
        (
            "plan",
            v(&["plan", "--role", "network-engineer", "--no-profile"]),
        ),
        (
            "plan_budget",
            v(&[
                "plan",
                "--role",
                "cloud-architect",
                "--no-profile",
                "--budget",
                "100",
            ]),
        ),
        (
            "gap",
            with(v(&["gap", "-p"]), &[])
                .into_iter()
                .chain([profile("alex.json")])
                .collect(),
        ),
        (
            "next",
            v(&["next", "--role", "network-engineer", "--no-profile"]),
        ),
        (
            "why",
            v(&[
                "why",
                "ip-addressing",
                "--role",
                "network-engineer",
                "--no-profile",
            ]),
        ),
        ("rank", v(&["rank", "--no-profile", "--top", "6"])),
        (
            "rank_long_names",
            v(&["rank", "--no-profile", "--no-builtin", "--catalog"])
                .into_iter()
                .chain([long_names])
                .collect(),
        ),
        ("certs", v(&["certs", "--vendor", "cisco"])),
        ("roles", v(&["roles"])),
        ("skills", v(&["skills", "--domain", "networking"])),
        ("cert", v(&["cert", "cisco-ccna"])),
        ("role", v(&["role", "network-engineer"])),
        ("skill", v(&["skill", "routing"])),
        (
            "progress",
            v(&["progress", "-p"])
                .into_iter()
                .chain([profile("history.json")])
                .collect(),
        ),
        (
            "profile_show",
            v(&["profile", "show", "-p"])
                .into_iter()
                .chain([profile("alex.json")])
                .collect(),
        ),
    ]
}

fn output(args: &[String], columns: u16) -> String {
    let (out, err, code) = run(certpath().env("COLUMNS", columns.to_string()).args(args));
    assert_eq!(code, 0, "certpath {args:?}: {err}");
    out
}

/// A word with the table's frame and the punctuation around it taken off,
/// so `(cisco-ccna)`, `Why:` and `|` compare as the words they hold.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| c.is_whitespace() || "|+=".contains(c))
        .map(|w| w.trim_matches(|c: char| "()[],;:.".contains(c)))
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c == '-'))
        .map(str::to_string)
        .collect()
}

/// Checks one output at one width: every line fits, unless it is a single
/// word too long for any width (a URL); every word is one that the
/// unwrapped output (1000 columns) has whole, so none was cut in two; and
/// every word of the unwrapped output's cells is still there.
fn check(name: &str, args: &[String], columns: u16) -> String {
    let out = output(args, columns);
    let wide = output(args, 1000);
    for line in out.lines() {
        let w = unicode_width(line);
        if w > columns as usize {
            assert_eq!(
                line.split_whitespace().count(),
                1,
                "{name} at {columns}: line of {w} columns: {line:?}\n{out}"
            );
        }
    }
    let whole = words(&wide);
    let got = words(&out);
    for w in &got {
        assert!(
            whole.contains(w),
            "{name} at {columns}: {w:?} is not a word of the unwrapped output (a broken word?)\n{out}"
        );
    }
    // Header words may become labels or go (`#`, `Step`); cell words stay.
    let headers = header_words(&wide);
    for w in whole.difference(&got) {
        assert!(
            headers.contains(w),
            "{name} at {columns}: {w:?} went missing\n{out}"
        );
    }
    out
}

/// The words of the header rows of the boxed tables in `text`.
fn header_words(text: &str) -> BTreeSet<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = BTreeSet::new();
    for (i, l) in lines.iter().enumerate() {
        if l.starts_with("+=") && i > 0 {
            out.extend(words(lines[i - 1]));
        }
    }
    out
}

fn unicode_width(s: &str) -> usize {
    // Box-drawing and the text of the bundled catalog are one column wide.
    s.chars().count()
}

#[test]
fn every_default_output_fits_60_80_and_120_columns_without_a_broken_word() {
    for (name, args) in commands() {
        let mut shots = String::new();
        for columns in [60, 80, 120] {
            let out = check(name, &args, columns);
            shots.push_str(&format!("=== COLUMNS={columns}\n{out}"));
        }
        let here = fixture("").display().to_string();
        insta::assert_snapshot!(
            format!("layout_{name}"),
            shots.replace(&here, "<fixtures>/")
        );
    }
}

#[test]
fn below_90_columns_a_plan_is_a_stacked_list_and_compact() {
    let args: Vec<String> = [
        "plan",
        "--role",
        "cybersecurity-analyst",
        "--have",
        "comptia-a-plus",
        "--have",
        "comptia-network-plus",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let out = output(&args, 80);
    assert!(!out.contains('|'), "no grid at 80 columns: {out}");
    assert!(out.contains("\n1. Learn "), "{out}");
    let steps = out
        .lines()
        .filter(|l| {
            l.split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
        })
        .count();
    assert_eq!(steps, 16, "{out}");
    // 81 lines for these 16 steps before; now about three a step.
    assert!(
        out.lines().count() <= 60,
        "{} lines:\n{out}",
        out.lines().count()
    );
    let wide = output(&args, 120);
    assert!(
        wide.contains("| #  | Step"),
        "a grid at 120 columns: {wide}"
    );
}

#[test]
fn the_id_column_no_longer_takes_its_own_38_characters() {
    let out = output(&["certs".to_string()], 120);
    assert!(!out.contains("| Id "), "{out}");
    assert!(out.contains("| AWS Certified Cloud Practitioner"), "{out}");
    assert!(out.contains("| aws-cloud-practitioner "), "{out}");
    // 410 lines before at 80 columns; now about two a certification.
    let narrow = output(&["certs".to_string()], 80);
    let certs = narrow.lines().filter(|l| !l.starts_with(' ')).count();
    let lines = narrow.lines().count();
    assert!(
        lines <= certs * 5 / 2 && lines < 205,
        "{lines} lines for {certs} certifications"
    );
}

#[test]
fn an_empty_cost_column_is_left_out() {
    let out = output(
        &["plan", "--role", "network-engineer", "--have", "cisco-ccna"].map(String::from),
        120,
    );
    assert!(out.contains("| Step") && !out.contains("Cost"), "{out}");
}

#[test]
fn rank_keeps_one_row_per_role_with_long_names() {
    let args: Vec<String> = ["rank", "--no-profile", "--no-builtin", "--catalog"]
        .map(String::from)
        .into_iter()
        .chain([fixture("long-names.json").display().to_string()])
        .collect();
    let out = output(&args, 120);
    // One row per role: its Ready cell is on the row's first line only.
    let rows = out.lines().filter(|l| l.contains(" 0%  ")).count();
    assert_eq!(rows, 5, "{out}");
    assert!(out.contains("| Systems "), "{out}");
    for columns in [60, 80] {
        let out = output(&args, columns);
        assert_eq!(out.matches("Ready: 0%").count(), 5, "{out}");
        assert!(
            out.contains("Systems Administration (IO-WRL-005) (nice-io-wrl-005)"),
            "{out}"
        );
    }
}

#[test]
fn piped_output_without_columns_is_80_wide() {
    let (out, _, code) = run(certpath().env_remove("COLUMNS").arg("certs"));
    assert_eq!(code, 0);
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
    assert!(!out.contains('|'), "a stacked list at 80: {out}");
}

#[test]
fn colour_marks_what_must_not_be_missed_and_only_when_asked() {
    let plan = [
        "plan",
        "--role",
        "cloud-architect",
        "--no-profile",
        "--budget",
        "100",
        "--color",
        "always",
    ]
    .map(String::from);
    let out = output(&plan, 120);
    assert!(
        out.contains("\x1b[31m$150 over budget\x1b[0m"),
        "over budget in red: {out}"
    );
    let plan_ne = [
        "plan",
        "--role",
        "network-engineer",
        "--no-profile",
        "--color",
        "always",
    ]
    .map(String::from);
    let out = output(&plan_ne, 120);
    assert!(out.contains("\x1b[1m\x1b[33mWarnings:\x1b[0m"), "{out}");
    let gap = [
        "gap",
        "--role",
        "network-engineer",
        "--no-profile",
        "--color",
        "always",
    ]
    .map(String::from);
    assert!(
        output(&gap, 120).contains("\x1b[31mno\x1b[0m"),
        "unmet in red"
    );
    // Off: --color never, NO_COLOR (util sets it), TERM=dumb, a pipe.
    for extra in [&["--color", "never"][..], &[]] {
        let mut args = plan[..6].to_vec();
        args.extend(extra.iter().map(|s| s.to_string()));
        assert!(!output(&args, 120).contains('\x1b'));
    }
    let (out, _, _) = run(certpath()
        .env_remove("NO_COLOR")
        .env("TERM", "dumb")
        .args(&plan[..6]));
    assert!(!out.contains('\x1b'), "{out}");
}

#[cfg(unix)]
mod pty {
    use super::*;
    use rexpect::session::spawn_command;

    /// `sh -c SCRIPT` in a pseudo-terminal 100 columns wide, the hermetic
    /// environment of util.rs, COLUMNS unset.
    fn in_terminal(script: &str) -> String {
        let home = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("empty-home");
        std::fs::create_dir_all(&home).expect("temp home");
        let mut cmd = std::process::Command::new("sh");
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env("CERTPATH_TODAY", crate::util::TODAY)
            .env("CERTPATH", env!("CARGO_BIN_EXE_certpath"))
            .env("LONG", fixture("long-plan.json"))
            .arg("-c")
            .arg(format!("stty cols 100 rows 50; {script}"));
        let mut p = spawn_command(cmd, Some(30_000)).expect("spawns in a pty");
        let out = p.exp_eof().expect("ends");
        out.replace("\r\n", "\n")
    }

    #[test]
    fn a_long_plan_on_a_terminal_stops_after_40_steps() {
        let out =
            in_terminal(r#""$CERTPATH" --no-builtin --catalog "$LONG" plan --role long-role"#);
        let first = out.find("55 steps, 55 study hours").expect("summary first");
        let step40 = out.find("Learn Topic 40").expect("step 40");
        assert!(first < step40, "{out}");
        assert!(!out.contains("Learn Topic 41"), "{out}");
        assert!(
            out.contains("... 15 more steps (--all, or --format csv/json)\n"),
            "{out}"
        );

        let all = in_terminal(
            r#""$CERTPATH" --no-builtin --catalog "$LONG" plan --role long-role --all"#,
        );
        assert!(
            all.contains("Learn Topic 55") && !all.contains("more steps"),
            "{all}"
        );
        // Piped: the whole plan, at the width of the terminal on stderr
        // (100 columns: a grid; the 80 of a pipe alone would stack it).
        let piped = in_terminal(
            r#""$CERTPATH" --no-builtin --catalog "$LONG" plan --role long-role | cat"#,
        );
        assert!(
            piped.contains("| 55 | Learn Topic 55") && !piped.contains("more steps"),
            "{piped}"
        );
        let alone = in_terminal(
            r#""$CERTPATH" --no-builtin --catalog "$LONG" plan --role long-role 2>/dev/null | cat"#,
        );
        assert!(alone.contains("\n55. Learn Topic 55"), "{alone}");
    }
}

#[test]
fn a_warning_on_stderr_is_coloured_only_when_asked() {
    let file = fixture("bad").join("retired-role.json");
    let args = |color: &str| {
        let mut c = certpath();
        c.arg("--catalog")
            .arg(&file)
            .args(["roles", "--format", "json", "--color", color]);
        c
    };
    let (_, err, code) = run(&mut args("always"));
    assert_eq!(code, 0, "{err}");
    assert!(err.starts_with("\x1b[1m\x1b[33mwarning:\x1b[0m "), "{err}");
    // auto: stderr is a pipe here.
    let (_, err, _) = run(&mut args("auto"));
    assert!(err.starts_with("warning: "), "{err}");
}

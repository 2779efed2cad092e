//! The man pages: one for certpath and one per command (certpath-plan.1,
//! certpath-catalog-validate.1 ...), built from the same clap command as
//! `--help`, with the sections clap_mangen does not write: EXAMPLES, EXIT
//! STATUS, ENVIRONMENT, FILES and SEE ALSO.

use super::help;
use roff::{bold, roman, Roff};

/// The exit codes, as DESIGN.md section 4 sets them.
const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success (also when the reader of the output closes the pipe early)."),
    ("1", "check found a gap; why found no chain."),
    ("2", "A usage error: an unknown option, a missing argument, a value the option does not take (--format yaml, --sort cost) or of the wrong shape (not a number, not a date)."),
    ("65", "Bad data: a catalog or profile file; a word the catalog's vocabulary lacks (an unknown or ambiguous id, an unknown level, degree, vendor or domain); text that is not UTF-8."),
    ("66", "An input file or folder is missing or unreadable."),
    ("70", "An internal error (a bug): one line to report."),
    ("73", "An output file cannot be created."),
    ("74", "Another input or output error."),
];

const ENVIRONMENT: &[(&str, &str)] = &[
    ("CERTPATH_PROFILE", "The profile to read and write when --profile is not given."),
    ("CERTPATH_TODAY", "The day to plan from, YYYY-MM-DD, instead of the clock: the same inputs then give the same output."),
    ("COLUMNS", "The width of tables, instead of the terminal's."),
    ("NO_COLOR", "When set and not empty, no colour with --color auto."),
    ("TERM", "When dumb, no colour with --color auto."),
];

const FILES: &[(&str, &str)] = &[
    ("$XDG_CONFIG_HOME/certpath/profile.json", "The default profile (~/.config/certpath/profile.json when XDG_CONFIG_HOME is unset; ~/Library/Application Support/certpath/profile.json on macOS, %APPDATA%\\certpath\\profile.json on Windows), read when neither --profile nor CERTPATH_PROFILE names one."),
];

/// Every page as (file name, roff text): certpath.1 first, then each
/// command's page in help order. `date` goes in the date slot of `.TH`.
pub fn pages(date: &str) -> Vec<(String, String)> {
    let mut cmd = super::command().disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, "", date, &mut out);
    out
}

fn walk(cmd: &clap::Command, path: &str, date: &str, out: &mut Vec<(String, String)>) {
    out.push((format!("{}.1", page_name(path)), page(cmd, path, date)));
    for sub in cmd.get_subcommands() {
        let p = join(path, sub.get_name());
        walk(sub, &p, date, out);
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path} {name}")
    }
}

/// `certpath`, `certpath-plan`, `certpath-catalog-validate`.
fn page_name(path: &str) -> String {
    std::iter::once("certpath")
        .chain(path.split_whitespace())
        .collect::<Vec<_>>()
        .join("-")
}

/// clap_mangen writes each piece with roff's two-line preamble; one is
/// enough.
const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

fn page(cmd: &clap::Command, path: &str, date: &str) -> String {
    let title = page_name(path);
    let version = cmd.get_version().unwrap_or(env!("CARGO_PKG_VERSION"));
    let man = clap_mangen::Man::new(cmd.clone())
        .title(title.to_uppercase())
        .date(date)
        .source(format!("certpath {version}"))
        .manual("certpath manual");
    let mut parts: Vec<u8> = Vec::new();
    let w = &mut parts;
    man.render_title(w)
        .and_then(|_| man.render_name_section(w))
        .and_then(|_| man.render_synopsis_section(w))
        .and_then(|_| man.render_description_section(w))
        .and_then(|_| man.render_options_section(w))
        .and_then(|_| {
            if cmd.has_subcommands() {
                man.render_subcommands_section(w)
            } else {
                Ok(())
            }
        })
        .expect("writing to memory");
    let text = String::from_utf8(parts).expect("roff is UTF-8");
    let mut text = format!("{PREAMBLE}{}", text.replace(PREAMBLE, ""));
    text.push_str(&sections(cmd, path).to_roff());
    tidy(&text)
}

/// What `mandoc -Tlint` would flag in clap_mangen's roff, made right: the
/// empty line between two `.br` (a paragraph break by accident) becomes
/// `.sp`, trailing blanks go, and text lines wrap at 80 bytes (roff fills
/// them back into paragraphs).
fn tidy(roff: &str) -> String {
    let roff = roff.replace("\n.br\n\n.br\n", "\n.sp\n");
    let mut out = String::with_capacity(roff.len());
    for line in roff.lines() {
        let line = line.trim_end();
        if line.starts_with('.') || line.len() <= 80 {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let mut rest = line;
        while rest.len() > 80 {
            // The last blank that fits and is not an escaped one (`\ `).
            // A line that starts with `.` or `'` would be a request.
            let bytes = rest.as_bytes();
            let cut = (1..=80).rev().find(|&i| {
                bytes[i] == b' ' && bytes[i - 1] != b'\\' && !rest[i + 1..].starts_with(['.', '\''])
            });
            let Some(i) = cut else { break };
            out.push_str(&rest[..i]);
            out.push('\n');
            rest = &rest[i + 1..];
        }
        out.push_str(rest);
        out.push('\n');
    }
    out
}

/// EXAMPLES, EXIT STATUS, ENVIRONMENT, FILES, SEE ALSO.
fn sections(cmd: &clap::Command, path: &str) -> Roff {
    let mut r = Roff::new();
    let examples = help::examples(path);
    if !examples.is_empty() {
        r.control("SH", ["EXAMPLES"]);
        for (i, (line, what)) in examples.iter().enumerate() {
            if i > 0 {
                r.control("PP", []);
            }
            r.text([roman(format!("{}:", capitalise(what)))]);
            r.control("IP", []);
            r.text([bold(format!("$ {line}"))]);
        }
    }
    for (heading, items) in [
        ("EXIT STATUS", EXIT_STATUS),
        ("ENVIRONMENT", ENVIRONMENT),
        ("FILES", FILES),
    ] {
        r.control("SH", [heading]);
        for (term, what) in items {
            r.control("TP", []);
            r.text([bold(*term)]);
            r.text([roman(*what)]);
        }
    }
    r.control("SH", ["SEE ALSO"]);
    let mut refs: Vec<String> = Vec::new();
    if !path.is_empty() {
        let parent = path.rsplit_once(' ').map_or("", |(p, _)| p);
        refs.push(page_name(parent));
    }
    refs.extend(
        cmd.get_subcommands()
            .map(|s| page_name(&join(path, s.get_name()))),
    );
    let mut inline = Vec::new();
    for (i, name) in refs.iter().enumerate() {
        if i > 0 {
            inline.push(roman(", "));
        }
        inline.push(bold(name.as_str()));
        inline.push(roman("(1)"));
    }
    r.text(inline);
    r
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

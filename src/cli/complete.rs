//! Completion scripts with the catalog's ids written in: `plan --role
//! <TAB>` offers role ids, `--have`, `--prefer`, `cert`, `skill`, `why`
//! and `done` offer cert and skill ids, `--vendor`, `--domain` and
//! `--level` their words, `--format` the formats the command writes. The
//! ids come from the catalog `completions` loads (bundled, plus
//! `--catalog`), so the script is regenerated when the catalog changes.

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Arg, Command};

/// The words to complete, each with a description (a name) or none.
#[derive(Debug, Default, Clone)]
pub struct Words {
    pub roles: Vec<(String, String)>,
    pub certs: Vec<(String, String)>,
    pub skills: Vec<(String, String)>,
    pub vendors: Vec<String>,
    pub domains: Vec<String>,
    pub cert_levels: Vec<String>,
    /// `profile set|unset` keys other than skill and cert ids.
    pub profile_keys: Vec<String>,
}

/// The completion script for `shell`.
pub fn script(shell: clap_complete::Shell, words: &Words) -> String {
    let fish_words;
    let words = if shell == clap_complete::Shell::Fish {
        fish_words = fish_escaped(words);
        &fish_words
    } else {
        words
    };
    let mut cmd = with_words(super::command(), words);
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "certpath", &mut buf);
    let mut script = String::from_utf8_lossy(&buf).into_owned();
    if shell == clap_complete::Shell::Fish {
        script.push_str(&fish_positionals(&cmd, words));
    }
    script
}

/// clap_complete's fish script completes options and commands but not
/// positional values (`certpath cert <TAB>`): one `complete` line each.
fn fish_positionals(cmd: &Command, w: &Words) -> String {
    fn walk(cmd: &Command, path: &[&str], w: &Words, out: &mut String) {
        let joined = path.join(" ");
        for arg in cmd.get_positionals() {
            let Some(values) = offered(&joined, arg.get_id().as_str(), w) else {
                continue;
            };
            let cond = match path {
                [one] => format!("__fish_certpath_using_subcommand {one}"),
                [first, rest @ ..] => format!(
                    "__fish_certpath_using_subcommand {first}; and __fish_seen_subcommand_from {}",
                    rest.join(" ")
                ),
                [] => continue,
            };
            let words: Vec<String> = values
                .iter()
                .map(|v| match v.get_help() {
                    Some(h) => format!(
                        "{}\\t'{}'",
                        fish_quoted(v.get_name()),
                        fish_quoted(&h.to_string())
                    ),
                    None => fish_quoted(v.get_name()),
                })
                .collect();
            out.push_str(&format!(
                "complete -c certpath -n \"{cond}\" -f -a \"{}\"\n",
                words.join(" ")
            ));
        }
        for sub in cmd.get_subcommands() {
            let mut p = path.to_vec();
            p.push(sub.get_name());
            walk(sub, &p, w, out);
        }
    }
    let mut out = String::from("\n# Values of positional arguments (ids).\n");
    walk(cmd, &[], w, &mut out);
    out
}

/// fish expands what `complete -a` lists like a command line, so the
/// words clap_complete writes as they are (`Broadcom (VMware)`) need
/// their parentheses, blanks and other special characters escaped.
fn fish_escaped(w: &Words) -> Words {
    let esc = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|s| {
                s.chars()
                    .flat_map(|c| {
                        let special = c.is_whitespace() || "()[]{}$*?;&|<>#'\"\\~".contains(c);
                        special.then_some('\\').into_iter().chain([c])
                    })
                    .collect()
            })
            .collect()
    };
    Words {
        vendors: esc(&w.vendors),
        domains: esc(&w.domains),
        ..w.clone()
    }
}

/// Text for inside `'...'` within `"..."` in fish.
fn fish_quoted(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\'', "\\'")
        .replace('"', "\\\"")
        .replace('$', "\\$")
}

fn values(lists: &[&[(String, String)]]) -> Vec<PossibleValue> {
    lists
        .iter()
        .flat_map(|l| l.iter())
        .map(|(id, name)| PossibleValue::new(id.clone()).help(name.clone()))
        .collect()
}

fn plain(words: &[String]) -> Vec<PossibleValue> {
    words
        .iter()
        .map(|w| PossibleValue::new(w.clone()))
        .collect()
}

/// The values to offer for argument `arg` of the command at `path`.
fn offered(path: &str, arg: &str, w: &Words) -> Option<Vec<PossibleValue>> {
    let ids = |lists: &[&[(String, String)]]| Some(values(lists));
    match (path, arg) {
        // --have matters where a plan is made: offering its ids in every
        // command would make the scripts several times longer.
        ("" | "plan" | "gap" | "next" | "why" | "rank" | "check" | "progress", "have")
        | ("why" | "done", "id") => ids(&[&w.certs, &w.skills]),
        (_, "have") => Some(Vec::new()),
        (_, "role" | "compare") | ("role", "name") => ids(&[&w.roles]),
        (_, "prefer") | ("cert", "name") => ids(&[&w.certs]),
        ("skill", "name") => ids(&[&w.skills]),
        (_, "avoid" | "vendor") => Some(plain(&w.vendors)),
        ("skills", "domain") => Some(plain(&w.domains)),
        ("certs", "level") => Some(plain(&w.cert_levels)),
        ("profile set" | "profile unset", "key") => {
            let mut v = plain(&w.profile_keys);
            v.extend(values(&[&w.skills, &w.certs]));
            Some(v)
        }
        _ => None,
    }
}

fn with_values(arg: Arg, values: Vec<PossibleValue>) -> Arg {
    // Only the script sees these lists: parsing keeps resolving aliases
    // and prefixes. No values: any string, as before.
    if values.is_empty() {
        return arg.value_parser(clap::builder::NonEmptyStringValueParser::new());
    }
    arg.value_parser(PossibleValuesParser::new(values))
        .hide_possible_values(true)
}

/// The command with the words set per command: first each command's own
/// arguments (before `build`, which fixes the positionals' order), then,
/// built, the global `--have` that `build` copied into every command.
fn with_words(cmd: Command, w: &Words) -> Command {
    fn walk(mut cmd: Command, path: &str, w: &Words, only: Option<&str>) -> Command {
        let args: Vec<(String, bool)> = cmd
            .get_arguments()
            .map(|a| (a.get_id().to_string(), a.is_positional()))
            .filter(|(id, _)| only.is_none_or(|o| o == id))
            .collect();
        // `mut_arg` moves an argument to the end: every positional is
        // touched, in order, so that they keep their order.
        for (id, positional) in args {
            match offered(path, &id, w) {
                Some(v) => cmd = cmd.mut_arg(&id, |a| with_values(a, v)),
                None if positional => cmd = cmd.mut_arg(&id, |a| a),
                None => {}
            }
        }
        let subs: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        for name in subs {
            let p = if path.is_empty() {
                name.clone()
            } else {
                format!("{path} {name}")
            };
            cmd = cmd.mut_subcommand(&name, |s| walk(s, &p, w, only));
        }
        cmd
    }
    let mut cmd = walk(cmd, "", w, None);
    cmd.build();
    walk(cmd, "", w, Some("have"))
}

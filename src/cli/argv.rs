//! The command line before clap reads it: global options gathered from
//! wherever they were given and put right after the innermost command
//! name, in the order given.
//!
//! clap keeps a global option's values from one side of the command only
//! (the command's side wins), so `certpath --have a=3 plan --have b=2`
//! would plan with `b` alone. Moved together, repeatable options
//! (`--have`, `--catalog`, `--profile`) accumulate and a single-valued one
//! (`--format`, `--color`) takes its last value. Being parsed by the
//! innermost command, `--format` is checked against that command's own
//! list of formats.

use clap::Command;
use std::ffi::{OsStr, OsString};

/// `args` (program name first) with every global option of `cmd` moved
/// after the innermost command name, and that command's path (`plan`,
/// `catalog validate`; empty for none). Anything after `--` stays as it
/// is; an option whose value is missing stays where it is, for clap to
/// report.
pub fn gather_globals(cmd: &Command, args: Vec<OsString>) -> (Vec<OsString>, String) {
    let mut path: Vec<String> = Vec::new();
    let globals: Vec<&clap::Arg> = cmd.get_arguments().filter(|a| a.is_global_set()).collect();
    let mut out: Vec<OsString> = Vec::with_capacity(args.len());
    let mut moved: Vec<OsString> = Vec::new();
    let mut insert_at = 1.min(args.len());
    let mut cur = cmd;
    let mut positionals = 0usize;
    let mut it = args.into_iter().peekable();
    if let Some(bin) = it.next() {
        out.push(bin);
    }
    while let Some(tok) = it.next() {
        let Some(s) = tok.to_str().map(str::to_string) else {
            out.push(tok);
            continue;
        };
        if s == "--" {
            out.push(tok);
            out.extend(it.by_ref());
            break;
        }
        if let Some(long) = s.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, _)) => (n, true),
                None => (long, false),
            };
            let global = globals.iter().find(|a| a.get_long() == Some(name));
            let local = || cur.get_arguments().find(|a| a.get_long() == Some(name));
            match global {
                Some(a) => take(a, tok, inline, &mut it, &mut moved, &mut out),
                None => {
                    let takes = local().is_some_and(takes_value);
                    out.push(tok);
                    if takes && !inline {
                        push_value(&mut it, &mut out);
                    }
                }
            }
            continue;
        }
        if s.len() > 1 && s.starts_with('-') {
            // A cluster of short flags, `-q`, `-p FILE`, `-pFILE`, `-qp FILE`.
            let chars: Vec<char> = s[1..].chars().collect();
            let mut all_global = true;
            let mut value_needed = false;
            for (i, c) in chars.iter().enumerate() {
                let g = globals.iter().find(|a| a.get_short() == Some(*c));
                let a = g
                    .copied()
                    .or_else(|| cur.get_arguments().find(|a| a.get_short() == Some(*c)));
                all_global &= g.is_some();
                if a.is_some_and(takes_value) {
                    value_needed = i + 1 == chars.len();
                    break;
                }
            }
            if all_global {
                let inline = !value_needed;
                let shown = globals
                    .iter()
                    .find(|a| a.get_short() == chars.last().copied());
                match shown {
                    Some(a) if value_needed => take(a, tok, inline, &mut it, &mut moved, &mut out),
                    _ => moved.push(tok),
                }
            } else {
                out.push(tok);
                if value_needed {
                    push_value(&mut it, &mut out);
                }
            }
            continue;
        }
        // A command name, or a positional value.
        let sub = (positionals == 0)
            .then(|| cur.find_subcommand(OsStr::new(&s)))
            .flatten();
        out.push(tok);
        match sub {
            Some(sc) => {
                cur = sc;
                path.push(sc.get_name().to_string());
                insert_at = out.len();
            }
            None => positionals += 1,
        }
    }
    out.splice(insert_at..insert_at, moved);
    (out, path.join(" "))
}

fn takes_value(a: &clap::Arg) -> bool {
    a.get_num_args().is_some_and(|n| n.takes_values()) || a.get_action().takes_values()
}

/// Moves a global option (and its value, when it takes one and the value
/// is not inline) to `moved`; leaves it in place when the value is missing.
fn take(
    a: &clap::Arg,
    tok: OsString,
    inline: bool,
    it: &mut std::iter::Peekable<std::vec::IntoIter<OsString>>,
    moved: &mut Vec<OsString>,
    out: &mut Vec<OsString>,
) {
    if !takes_value(a) || inline {
        moved.push(tok);
        return;
    }
    let value_ok = it
        .peek()
        .and_then(|v| v.to_str())
        .is_some_and(|v| v == "-" || !v.starts_with('-'))
        || it.peek().is_some_and(|v| v.to_str().is_none());
    if value_ok {
        moved.push(tok);
        moved.extend(it.next());
    } else {
        out.push(tok);
    }
}

fn push_value(it: &mut std::iter::Peekable<std::vec::IntoIter<OsString>>, out: &mut Vec<OsString>) {
    if it
        .peek()
        .and_then(|v| v.to_str())
        .is_none_or(|v| v == "-" || !v.starts_with('-'))
    {
        out.extend(it.next());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gather(line: &str) -> String {
        let cmd = crate::cli::command();
        let args = line.split(' ').map(OsString::from).collect();
        gather_globals(&cmd, args)
            .0
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn globals_move_after_the_innermost_command() {
        assert_eq!(
            gather("certpath --have a=3 plan --have b=2 --role r"),
            "certpath plan --have a=3 --have b=2 --role r"
        );
        assert_eq!(
            gather("certpath --catalog x role y --catalog z"),
            "certpath role --catalog x --catalog z y"
        );
        assert_eq!(
            gather("certpath -q --format=json catalog validate a b -p f"),
            "certpath catalog validate -q --format=json -p f a b"
        );
        assert_eq!(
            gather("certpath -qp f.json profile show"),
            "certpath profile show -qp f.json"
        );
        assert_eq!(gather("certpath -pf.json gap"), "certpath gap -pf.json");
    }

    #[test]
    fn the_innermost_command_is_named() {
        let cmd = crate::cli::command();
        let path =
            |line: &str| gather_globals(&cmd, line.split(' ').map(OsString::from).collect()).1;
        assert_eq!(
            path("certpath -q catalog validate plan"),
            "catalog validate"
        );
        assert_eq!(path("certpath --have plan"), "");
        assert_eq!(path("certpath why plan"), "why");
    }

    #[test]
    fn values_of_local_options_and_after_dashes_stay() {
        // `--role plan` is a value, not the plan command.
        assert_eq!(
            gather("certpath why --role plan x --have y"),
            "certpath why --have y --role plan x"
        );
        assert_eq!(
            gather("certpath done x -- --have y"),
            "certpath done x -- --have y"
        );
        // A missing value is left for clap to report.
        assert_eq!(gather("certpath plan --have"), "certpath plan --have");
        assert_eq!(
            gather("certpath plan --have --role r"),
            "certpath plan --have --role r"
        );
        assert_eq!(gather("certpath -p - plan"), "certpath plan -p -");
        assert_eq!(gather("certpath --have x"), "certpath --have x");
    }
}

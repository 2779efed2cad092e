//! certpath plans the route from what a person knows and holds to an IT
//! role: the skills to learn, the exams to sit, the experience to gain, in
//! order, with hours, costs and dates.
//!
//! The binary is a thin wrapper around [`main`]; everything else is here:
//! the catalog and its validation ([`catalog`]), the graph ([`graph`]),
//! profiles ([`profile`]), the planner ([`plan`]), the commands
//! ([`commands`]) and the renderers ([`render`]).

#![forbid(unsafe_code)]

pub mod catalog;
pub mod cli;
pub mod commands;
pub mod config;
pub mod dense;
pub mod error;
pub mod graph;
pub mod import;
pub mod input;
pub mod json;
pub mod model;
pub mod names;
pub mod num;
pub mod plan;
pub mod profile;
pub mod prompt;
pub mod render;
pub mod text;
pub mod write;

use error::Error;
use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

/// What the panic hook saw: the message and its place, `file:line`.
static PANIC: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Runs the command line and returns the exit code; never panics on input.
/// Set by [`main`]: the process ends once the command's output is
/// written, so the large things a command holds (the catalog, a plan)
/// need not be freed piece by piece first; the system takes the memory
/// back at once. Library callers leave it unset and free as usual.
static EXITING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether this is the command-line process, which ends after its command.
pub(crate) fn exiting() -> bool {
    EXITING.load(std::sync::atomic::Ordering::Relaxed)
}

/// Lets go of a value made of many small allocations (a catalog, a plan)
/// that a command is done with: freeing them one by one would delay the
/// exit. The command-line process leaves them to the system; elsewhere a
/// `large` one is freed on a thread of its own, a small one at once.
pub(crate) fn let_go<T: Send + 'static>(value: T, large: bool) {
    if exiting() {
        std::mem::forget(value);
    } else if large {
        // When no thread can be made, it is freed here.
        let _ = std::thread::Builder::new().spawn(move || drop(value));
    }
}

pub fn main() -> ExitCode {
    EXITING.store(true, std::sync::atomic::Ordering::Relaxed);
    let args: Vec<OsString> = std::env::args_os().collect();
    let json = wants_json(&args);
    // A bug must not print a backtrace at the user: the hook keeps what
    // and where, and the bug is reported as one line, exit 70.
    std::panic::set_hook(Box::new(|info| {
        let what = if let Some(s) = info.payload().downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = info.payload().downcast_ref::<String>() {
            s.clone()
        } else {
            "unknown failure".to_string()
        };
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_else(|| "an unknown place".to_string());
        let _ = PANIC.set(format!("{what} at {at}"));
    }));
    // The output is written inside the guard too: a streamed document is
    // made while it is written.
    let result = std::panic::catch_unwind(|| run(args).and_then(write_output));
    let code = match result {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => report(&e, json),
        Err(_) => {
            let what = PANIC.get().map_or("unknown failure", String::as_str);
            let e = Error::new(
                error::Code::Software,
                error::Problem::new(format!("internal error: {what}; please report it")),
            )
            .with_hint("include the command you ran and its input files");
            report(&e, json)
        }
    };
    ExitCode::from(code)
}

/// Parses arguments, resolves the configuration and runs the command.
pub fn run(args: Vec<OsString>) -> Result<commands::Output, Error> {
    // Debug builds only: a way for the tests to prove that a bug is
    // reported as one line with exit 70.
    #[cfg(debug_assertions)]
    if std::env::var_os("CERTPATH_DEBUG_PANIC").is_some() {
        panic!("CERTPATH_DEBUG_PANIC is set");
    }
    let cli = match cli::parse(args) {
        Ok(c) => c,
        Err(e) => return clap_error(e),
    };
    input::limit()?;
    let cfg = config::Config::new(&cli.global)?;
    commands::dispatch(&cfg, &cli.command)
}

fn clap_error(bad: cli::BadArgs) -> Result<commands::Output, Error> {
    use clap::error::{ContextKind, ContextValue, ErrorKind::*};
    let e = bad.error;
    match e.kind() {
        DisplayHelp | DisplayVersion | DisplayHelpOnMissingArgumentOrSubcommand => {
            let code = if e.kind() == DisplayHelpOnMissingArgumentOrSubcommand {
                2
            } else {
                0
            };
            let text = e.render().to_string();
            if code == 0 {
                Ok(commands::Output::ok(text).with_code(code))
            } else {
                let _ = std::io::stderr().write_all(text.as_bytes());
                Err(Error {
                    code: error::Code::Usage,
                    problems: Vec::new(),
                })
            }
        }
        _ => {
            let rendered = e.render().to_string();
            let mut lines = rendered.lines().filter(|l| !l.trim().is_empty());
            let first = lines.next().unwrap_or("bad arguments");
            let mut message = first.strip_prefix("error: ").unwrap_or(first).to_string();
            // "the following required arguments were not provided:" and
            // its list, on one line.
            if message.ends_with(':') {
                let items: Vec<&str> = lines
                    .take_while(|l| l.starts_with(' '))
                    .map(str::trim)
                    .collect();
                message = format!("{message} {}", items.join(" "));
            }
            let command = match bad.command.as_str() {
                "" => "certpath".to_string(),
                c => format!("certpath {c}"),
            };
            // Each command accepts only the formats it writes: say so
            // (as the commands themselves do) when the format exists.
            if let (Some(ContextValue::String(arg)), Some(ContextValue::String(value)), false) = (
                e.get(ContextKind::InvalidArg),
                e.get(ContextKind::InvalidValue),
                bad.command.is_empty(),
            ) {
                let known = <cli::Format as clap::ValueEnum>::from_str(value, false).is_ok();
                if arg.starts_with("--format") && known {
                    message = format!("`{}` does not write --format {value}", bad.command);
                }
            }
            let valid = match e.get(ContextKind::ValidValue) {
                Some(ContextValue::Strings(v)) if !v.is_empty() => {
                    Some(format!("use one of: {}", v.join(", ")))
                }
                _ => None,
            };
            let hint = valid
                .or_else(|| {
                    rendered
                        .lines()
                        .find_map(|l| l.trim().strip_prefix("tip: "))
                        .map(str::to_string)
                })
                .unwrap_or_else(|| format!("see `{command} --help`"));
            Err(Error::usage(message).with_hint(hint))
        }
    }
}

/// Does the command line ask for JSON? Read before parsing, so that even a
/// usage error is reported as JSON.
fn wants_json(args: &[OsString]) -> bool {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    args.windows(2)
        .any(|w| w[0] == "--format" && w[1] == "json")
        || args.iter().any(|a| a == "--format=json")
}

/// Writes a command's output to stdout; returns its exit code. A closed
/// pipe (`certpath plan | head`) is not an error.
fn write_output(out: commands::Output) -> Result<u8, Error> {
    let code = out.code;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = w
        .write_all(out.text.as_bytes())
        .and_then(|()| match out.stream {
            Some(stream) => stream(&mut w),
            None => Ok(()),
        })
        .and_then(|()| w.flush());
    match written {
        Ok(()) => Ok(code),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(code),
        Err(e) => Err(Error::io(format!("cannot write the output: {e}"))),
    }
}

fn report(e: &Error, json: bool) -> u8 {
    if !e.problems.is_empty() {
        let text = if json { e.to_json() } else { e.to_text() };
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
    e.exit_code()
}

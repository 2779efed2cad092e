//! One file per command: each takes the configuration and returns its
//! output; nothing here prints.

pub mod batch;
pub mod browse;
pub mod catalog;
pub mod check;
pub mod gap;
pub mod graph;
pub mod next;
pub mod plan;
pub mod rank;
pub mod why;

pub mod assess;
pub mod done;
pub mod profile_cmd;
pub mod progress;

use crate::catalog::Catalog;
use crate::cli::{Command, Format, RoleChoice};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::Role;
use crate::plan::{Options, Planner};
use crate::profile::Profile;

/// What a command produced: stdout text and the exit code.
/// A command's result: the text for stdout, then what `stream` writes
/// (a long document written straight to stdout through a buffer instead
/// of built as one string first), and the exit code.
pub struct Output {
    pub text: String,
    pub code: u8,
    pub stream: Option<Stream>,
}

/// Writes a document to stdout, piece by piece.
pub type Stream = Box<dyn FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>>;

impl Output {
    pub fn ok(text: String) -> Output {
        Output {
            text,
            code: 0,
            stream: None,
        }
    }

    /// A document written by `stream` (exit 0).
    pub fn streamed(stream: Stream) -> Output {
        Output {
            text: String::new(),
            code: 0,
            stream: Some(stream),
        }
    }

    /// This output with exit code `code`.
    pub fn with_code(mut self, code: u8) -> Output {
        self.code = code;
        self
    }
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Output")
            .field("text", &self.text)
            .field("code", &self.code)
            .field("stream", &self.stream.is_some())
            .finish()
    }
}

pub fn dispatch(cfg: &Config, command: &Command) -> Result<Output> {
    let profile_command = match command {
        Command::Assess(_) => Some("assess"),
        Command::Done(_) => Some("done"),
        Command::Progress(_) => Some("progress"),
        Command::Profile(_) => Some("profile"),
        _ => None,
    };
    if let Some(name) = profile_command {
        if !matches!(cfg.format, Format::Table | Format::Json) {
            return Err(unsupported(cfg, name, &[Format::Table, Format::Json]));
        }
    }
    let batch_ok = matches!(command, Command::Plan(a) if a.out_dir.is_some());
    if !cfg.batch.is_empty() && !batch_ok {
        return Err(batch::needs_out_dir());
    }
    match command {
        Command::Plan(a) => plan::run(cfg, a),
        Command::Gap(a) => gap::run(cfg, a),
        Command::Roles => browse::roles(cfg),
        Command::Role { name } => browse::role(cfg, name),
        Command::Certs(a) => browse::certs(cfg, a),
        Command::Cert { name } => browse::cert(cfg, name),
        Command::Skills { domain } => browse::skills(cfg, domain.as_deref()),
        Command::Skill { name } => browse::skill(cfg, name),
        Command::Catalog(c) => catalog::run(cfg, c),
        Command::Completions { shell } => catalog::completions(cfg, *shell),
        Command::Man(a) => catalog::man(cfg, a),
        Command::Next { choice, schedule } => next::run(cfg, choice, schedule),
        Command::Why { id, choice } => why::run(cfg, id, choice),
        Command::Rank(a) => rank::run(cfg, a),
        Command::Check { choice } => check::run(cfg, choice),
        Command::Assess(a) => assess::run(cfg, a),
        Command::Done(a) => done::run(cfg, a),
        Command::Progress(a) => progress::run(cfg, a),
        Command::Profile(c) => profile_cmd::run(cfg, c),
        Command::Graph(a) => graph::run(cfg, a),
    }
}

/// The usage error for a format a command does not write.
pub fn unsupported(cfg: &Config, command: &str, supported: &[Format]) -> Error {
    let names: Vec<&str> = supported.iter().map(|f| f.name()).collect();
    Error::usage(format!(
        "`{command}` does not write --format {}",
        cfg.format.name()
    ))
    .with_hint(format!("use one of: {}", names.join(", ")))
}

/// The role a command works on: `--role`, else the profile's target_role.
pub fn target_role<'c>(
    cat: &'c Catalog,
    profile: &Profile,
    choice: &RoleChoice,
) -> Result<&'c Role> {
    match (&choice.role, &profile.target_role) {
        (Some(r), _) => cat.resolve_role(r),
        (None, Some(r)) => cat.resolve_role(r),
        (None, None) => Err(Error::usage("no role given").with_hint(
            "pass --role ROLE (see `certpath roles`), or set target_role in the profile",
        )),
    }
}

/// Everything a planning command needs, loaded once.
pub struct Setup {
    pub cat: Catalog,
    pub profile: Profile,
}

impl Setup {
    pub fn load(cfg: &Config) -> Result<Setup> {
        Setup::with(cfg, cfg.load_catalog(&[])?)
    }

    /// [`Setup::load`] for a command that reads the catalog's graph.
    pub fn load_with_graph(cfg: &Config) -> Result<Setup> {
        Setup::with(cfg, cfg.load_catalog_with_graph()?)
    }

    fn with(cfg: &Config, cat: Catalog) -> Result<Setup> {
        let profile = cfg.load_profile(&cat)?;
        Ok(Setup { cat, profile })
    }

    /// Planning options for this profile (see [`options`]).
    pub fn options(
        &self,
        cfg: &Config,
        choice: &RoleChoice,
        hours_per_week: Option<f64>,
        start: Option<jiff::civil::Date>,
    ) -> Result<Options> {
        options(&self.cat, &self.profile, cfg, choice, hours_per_week, start)
    }

    /// A planner for this profile.
    pub fn planner(
        &self,
        cfg: &Config,
        choice: &RoleChoice,
        hours_per_week: Option<f64>,
        start: Option<jiff::civil::Date>,
    ) -> Result<Planner<'_>> {
        let opts = self.options(cfg, choice, hours_per_week, start)?;
        Ok(Planner::new(&self.cat, &self.profile, opts))
    }
}

/// Planning options for a profile: `--prefer` names resolved to cert ids,
/// `--avoid` vendors checked, hours a week from the flag, else the
/// profile, else 10.
pub fn options(
    cat: &Catalog,
    profile: &Profile,
    cfg: &Config,
    choice: &RoleChoice,
    hours_per_week: Option<f64>,
    start: Option<jiff::civil::Date>,
) -> Result<Options> {
    let mut prefer = Vec::new();
    for p in &choice.prefer {
        let (_, id) = cat.resolve(p, &[crate::catalog::Kind::Cert])?;
        prefer.push(id);
    }
    let mut opts = Options::new(cfg.today);
    opts.skip_recommended = choice.skip_recommended;
    opts.prefer = prefer;
    opts.avoid = vendors(cat, &choice.avoid)?;
    opts.choose_by = match choice.choose_by {
        None => crate::plan::ChooseBy::Balanced,
        Some(crate::cli::ChooseBy::Time) => crate::plan::ChooseBy::Time,
        Some(crate::cli::ChooseBy::Cost) => crate::plan::ChooseBy::Cost,
        Some(crate::cli::ChooseBy::Demand) => crate::plan::ChooseBy::Demand,
    };
    opts.hours_per_week = hours_per_week.or(profile.hours_per_week).unwrap_or(10.0);
    opts.start = start.unwrap_or(cfg.today);
    Ok(opts)
}

/// A plan whose dates fit the calendar, or the error that it runs past
/// 9999-12-31 (the planner dates such steps on that last day instead of
/// overflowing): a `--start` near the end of the calendar, or a catalog
/// whose hours add up to millennia.
pub fn dated(plan: crate::plan::Plan) -> Result<crate::plan::Plan> {
    if plan.summary.finish < jiff::civil::Date::MAX {
        return Ok(plan);
    }
    Err(past_the_last_date(&plan.role.id))
}

/// Lets go of a plan the command is done with ([`crate::let_go`]): a plan
/// of tens of thousands of steps is hundreds of thousands of small
/// allocations.
pub fn free_later(plan: crate::plan::Plan) {
    let large = plan.steps.len() >= 2_000;
    crate::let_go(plan, large);
}

/// The error for a plan to `role` that would end after 9999-12-31.
pub fn past_the_last_date(role: &str) -> Error {
    Error::data(crate::error::Problem::new(format!(
        "the plan to {role} runs past {}, the last date certpath can show",
        jiff::civil::Date::MAX
    )))
    .with_hint("start earlier (--start), or give more hours a week (--hours-per-week)")
}

/// Checks `--avoid` vendors against the catalog.
pub fn vendors(cat: &Catalog, names: &[String]) -> Result<Vec<String>> {
    let mut known: Vec<&str> = cat.certs.iter().map(|c| c.vendor.as_str()).collect();
    known.sort();
    known.dedup();
    names
        .iter()
        .map(|v| match known.iter().find(|k| k.eq_ignore_ascii_case(v)) {
            Some(k) => Ok(k.to_string()),
            None => {
                let hint = match crate::names::closest_word(v, known.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("vendors: {}", known.join(", ")),
                };
                Err(Error::data(
                    crate::error::Problem::new(format!("unknown vendor `{v}`")).hint(hint),
                ))
            }
        })
        .collect()
}

//! The command line, as clap sees it. Nothing here is used past
//! `config.rs`, which turns it into a checked configuration.

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::path::PathBuf;

pub mod argv;
pub mod complete;
pub mod help;
pub mod man;

/// The heading of the options every command takes.
pub const GLOBAL_HEADING: &str = "Global options";

/// The full command: the derived one plus grouped help, per-command
/// formats and examples ([`help::decorate`]).
pub fn command() -> clap::Command {
    help::decorate(Cli::command())
}

/// A command line clap refused (or `--help`), with the command it was for.
#[derive(Debug)]
pub struct BadArgs {
    pub error: clap::Error,
    /// The innermost command given (`plan`, `catalog validate`), or empty.
    pub command: String,
}

/// Parses a command line (program name first). Global options count
/// wherever they are given ([`argv::gather_globals`]).
pub fn parse(args: Vec<OsString>) -> Result<Cli, BadArgs> {
    let cmd = command();
    let (args, command) = argv::gather_globals(&cmd, args);
    // The command tree is freed here, not left to the system at exit:
    // the catalog read next reuses its memory, where fresh pages would
    // cost about 90 page faults (more than freeing it costs).
    cmd.try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m))
        .map_err(|error| BadArgs { error, command })
}

/// Plan the skills, certifications and experience between you and an IT role.
///
/// certpath compares what you know and hold with what a role asks for and
/// prints the ordered plan: what to learn, which exams to sit, how many
/// hours, how much money, and by which date.
#[derive(Debug, Parser)]
#[command(name = "certpath", version, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
#[command(next_help_heading = GLOBAL_HEADING)]
pub struct Global {
    /// Load a catalog file, or every *.json in a folder, on top of the
    /// bundled catalog; an entry with an existing id patches the fields it
    /// gives ("replace": true replaces it whole) (repeatable)
    #[arg(long, global = true, value_name = "PATH")]
    pub catalog: Vec<PathBuf>,

    /// Start from an empty catalog instead of the bundled one
    #[arg(long, global = true)]
    pub no_builtin: bool,

    /// Read the profile from this file ('-' for stdin); default
    /// $CERTPATH_PROFILE, else the user's default profile if it exists.
    /// With `plan --out-dir`, repeatable, or a folder of profiles
    #[arg(long, short = 'p', global = true, value_name = "PATH")]
    pub profile: Vec<String>,

    /// Start from an empty profile
    #[arg(long, global = true, conflicts_with = "profile")]
    pub no_profile: bool,

    /// Plan as if you held CERT or knew SKILL at LEVEL (0-4 or none,
    /// awareness, working, proficient, expert), on top of the profile
    /// (repeatable): --have comptia-a-plus --have ip-addressing=working
    #[arg(long, global = true, value_name = "ID[=LEVEL]")]
    pub have: Vec<String>,

    /// Output format; each command's help lists the formats it writes
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t = Format::Table,
        hide_possible_values = true
    )]
    pub format: Format,

    /// When to use colour: auto means a terminal, NO_COLOR unset or empty,
    /// and TERM not dumb
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print no notes on stderr (errors still print)
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,

    /// Say more on stderr: every entry a --catalog file patches or replaces
    #[arg(long, short = 'v', global = true, conflicts_with = "quiet")]
    pub verbose: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for people (boxed on a terminal, plain ASCII otherwise)
    Table,
    /// One JSON document with "format": 1, for scripts
    Json,
    /// A Markdown report (plan, gap, rank, role, cert) or table
    Markdown,
    /// Comma-separated rows with a header line (RFC 4180), where the output is rows
    Csv,
    /// Graphviz DOT (graph)
    Dot,
    /// Mermaid: a flowchart (graph) or a Gantt chart of the schedule (plan)
    Mermaid,
    /// Taskwarrior import JSON, one task per step with dependencies (plan)
    Taskwarrior,
    /// An iCalendar file of the scheduled steps (plan)
    Ics,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Dot => "dot",
            Format::Mermaid => "mermaid",
            Format::Taskwarrior => "taskwarrior",
            Format::Ics => "ics",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The ordered plan to a role: skills, exams, experience, hours, cost, dates
    Plan(PlanArgs),
    /// What the role asks for that the profile lacks, with readiness %
    Gap(GapArgs),
    /// List the roles
    Roles,
    /// Show one role: what it asks for
    Role {
        /// Role id, alias or unique prefix
        name: String,
    },
    /// List the certifications
    Certs(CertsArgs),
    /// Show one certification: exams, price, prerequisites, renewal, sources
    Cert {
        /// Certification id, alias or unique prefix
        name: String,
    },
    /// List the skills
    Skills {
        /// Only skills of this domain (networking, security ...)
        #[arg(long)]
        domain: Option<String>,
    },
    /// Show one skill: what it requires and what it unlocks
    Skill {
        /// Skill id, alias or unique prefix
        name: String,
    },
    /// Work on catalog files
    #[command(subcommand)]
    Catalog(CatalogCommand),
    /// Print a shell completion script (see the README for where it goes)
    Completions {
        /// bash, zsh, fish, powershell or elvish
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write one page per command into a folder
    Man(ManArgs),
    /// The steps you can start now, ranked by how much of the role they unlock
    Next {
        #[command(flatten)]
        choice: RoleChoice,
        #[command(flatten)]
        schedule: ScheduleArgs,
    },
    /// Every chain of requirements from the role down to ID; exit 1 when there is none
    Why {
        /// Skill or certification id, alias or unique prefix
        id: String,
        #[command(flatten)]
        choice: RoleChoice,
    },
    /// Every role for this profile, the one you can finish first on top
    Rank(RankArgs),
    /// No output; exit 0 when the profile is ready for the role, 1 when not
    Check {
        #[command(flatten)]
        choice: RoleChoice,
    },
    /// Interactive self-assessment that writes a profile (needs a terminal)
    Assess(AssessArgs),
    /// Record a cert earned or a skill level reached; say what changed in the plan
    Done(DoneArgs),
    /// Study hours done, readiness then and now, and hours a week, from `done` records
    Progress(ProgressArgs),
    /// Read and edit a profile: show, set KEY VALUE, unset KEY
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// The graph of a role (or of the whole catalog) as a picture:
    /// --format dot (Graphviz) or --format mermaid
    Graph(GraphArgs),
}

#[derive(Debug, Args)]
pub struct RankArgs {
    /// Show only the first N roles
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Order: finish (the earliest finish date first), hours (the fewest
    /// study hours left first) or readiness (the most ready first)
    #[arg(long, value_enum, default_value_t = RankSort::Finish)]
    pub sort: RankSort,
    /// Leave out what is only recommended (soft prerequisites)
    #[arg(long)]
    pub skip_recommended: bool,
    /// Leave out this vendor's certs wherever there is another option (repeatable)
    #[arg(long, value_name = "VENDOR")]
    pub avoid: Vec<String>,
    /// How to choose between accepted options (see `plan --help`)
    #[arg(long, value_name = "RULE")]
    pub choose_by: Option<ChooseBy>,
    #[command(flatten)]
    pub schedule: ScheduleArgs,
}

/// How `rank` orders the roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RankSort {
    Finish,
    Hours,
    Readiness,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write certpath.1 and one page per command (certpath-plan.1 ...)
    /// into DIR instead of printing the main page
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RoleChoice {
    /// The target role (id, alias or unique prefix); default the profile's target_role
    #[arg(long, short = 'r')]
    pub role: Option<String>,

    /// Leave out what is only recommended (soft prerequisites)
    #[arg(long)]
    pub skip_recommended: bool,

    /// Choose this cert whenever it is one of several options (repeatable)
    #[arg(long, value_name = "CERT")]
    pub prefer: Vec<String>,

    /// Leave out this vendor's certs wherever there is another option
    /// (repeatable, case-insensitive)
    #[arg(long, value_name = "VENDOR")]
    pub avoid: Vec<String>,

    /// How to choose between accepted options: by default the most
    /// requested by employers unless another finishes clearly sooner
    #[arg(long, value_name = "RULE")]
    pub choose_by: Option<ChooseBy>,
}

/// How `--choose-by` decides between the options of an any_of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChooseBy {
    /// The option finished soonest
    Time,
    /// The option with the fewest known exam dollars
    Cost,
    /// Always the option employers ask for most
    Demand,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub choice: RoleChoice,

    #[command(flatten)]
    pub schedule: ScheduleArgs,

    /// Money for exam fees: marks the first exam it does not cover
    #[arg(long, value_name = "USD", value_parser = parse_money)]
    pub budget: Option<f64>,

    /// Stop the plan at the last step whose running cost fits (known costs)
    #[arg(long, value_name = "USD", value_parser = parse_money)]
    pub max_cost: Option<f64>,

    /// Stop the plan at the last step whose running study hours fit
    #[arg(long, value_name = "HOURS", value_parser = parse_money)]
    pub max_hours: Option<f64>,

    /// Also plan this role and show the two plans side by side, shared steps first
    #[arg(long, value_name = "ROLE")]
    pub compare: Option<String>,

    /// Write one report per profile into DIR (with an index), named from
    /// each profile's name: for several --profile files or a folder of them
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Print every step on a terminal too (there the table stops after
    /// the first 40 steps; piped output always has them all)
    #[arg(long)]
    pub all: bool,

    /// With --format ics: the calendar the last run wrote; with --format
    /// taskwarrior: what `task export` gives. Keeps done tasks done, moves
    /// SEQUENCE on for moved events, and retires steps no longer planned
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// Study hours per week, 1-168 (default the profile's, else 10)
    #[arg(long, value_name = "N", value_parser = parse_hours)]
    pub hours_per_week: Option<f64>,

    /// The day the plan starts, YYYY-MM-DD (default today)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub start: Option<jiff::civil::Date>,
}

#[derive(Debug, Args)]
pub struct GapArgs {
    #[command(flatten)]
    pub choice: RoleChoice,
}

#[derive(Debug, Args)]
pub struct CertsArgs {
    /// Only this vendor's certifications (case-insensitive)
    #[arg(long)]
    pub vendor: Option<String>,
    /// Only this level (fundamentals, entry, associate, professional, expert, specialty)
    #[arg(long)]
    pub level: Option<String>,
    /// Include retired certifications
    #[arg(long)]
    pub include_retired: bool,
}

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Write the bundled catalog's files into DIR, to edit and load with --catalog
    Export {
        /// The folder to write into (created when missing)
        dir: PathBuf,
        /// Replace files that are already there
        #[arg(long)]
        force: bool,
    },
    /// Print the JSON Schema of catalog or profile files, for editors
    Schema {
        /// Which schema
        #[arg(value_enum, default_value_t = SchemaKind::Catalog)]
        which: SchemaKind,
    },
    /// Turn a published framework into a catalog file that loads on top of
    /// the bundled catalog: `catalog import nice FILE.json [--matrix
    /// 8140.xlsx] -o DIR` writes DIR/nice.json
    Import {
        /// The framework the file holds
        #[arg(value_enum)]
        framework: Framework,
        /// The framework's file: for nice, the NICE Framework components
        /// JSON as NIST publishes it
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The DoD 8140 qualification matrix (.xlsx as published, or TAB A
        /// as .csv): roles then ask for the bundled certifications it names
        #[arg(long, value_name = "FILE")]
        matrix: Option<PathBuf>,
        /// The DoD 8140 tier whose certifications a role asks for; default
        /// each role's lowest tier that names a bundled certification
        #[arg(long, value_enum, requires = "matrix")]
        tier: Option<TierArg>,
        /// Also copy in the bundled skills and certifications it refers to
        /// (and what they refer to), so that it loads with --no-builtin too
        #[arg(long)]
        self_contained: bool,
        /// The folder to write into (created when missing)
        #[arg(long, short = 'o', value_name = "DIR")]
        output: PathBuf,
        /// Replace the file if it is already there
        #[arg(long)]
        force: bool,
    },
    /// Check catalog files on top of the bundled catalog (alone with
    /// --no-builtin); exit 0 when valid, 65 with every problem when not
    Validate {
        /// Catalog files or folders
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

fn parse_hours(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(n) if (1.0..=168.0).contains(&n) => Ok(n),
        _ => Err("expected a number of hours from 1 to 168".to_string()),
    }
}

fn parse_money(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(n) if n.is_finite() && n >= 0.0 => Ok(n),
        _ => Err("expected a non-negative number".to_string()),
    }
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    crate::json::parse_date(s).ok_or_else(|| "expected a date YYYY-MM-DD".to_string())
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    #[command(flatten)]
    pub choice: RoleChoice,

    /// The profile to write (and to continue, when it exists); default
    /// --profile, else $CERTPATH_PROFILE, else the user's default profile
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Ask again about a skill domain (networking, security ...) or one of
    /// name, role, certs, skills, degree, experience, hours (repeatable)
    #[arg(long, value_name = "DOMAIN")]
    pub redo: Vec<String>,
}

#[derive(Debug, Args)]
pub struct DoneArgs {
    /// A cert earned (`comptia-a-plus`) or a skill reached (`python=2` or
    /// `python=working`; without a level, the level of the plan's next
    /// step for it)
    #[arg(value_name = "ID[=LEVEL]")]
    pub id: String,

    /// Take back the last record for ID instead (`certpath profile
    /// history` lists the records)
    #[arg(long)]
    pub undo: bool,

    /// The day it happened, YYYY-MM-DD, today or before (default today)
    #[arg(long, value_name = "DATE", value_parser = parse_date, conflicts_with = "undo")]
    pub date: Option<jiff::civil::Date>,

    #[command(flatten)]
    pub choice: RoleChoice,
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    #[command(flatten)]
    pub choice: RoleChoice,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Print the profile (`--format json`: the file's JSON)
    Show,
    /// Set a field: name, target_role, hours_per_week, degree,
    /// experience_months.AREA, a skill's level (`python 2`) or a cert held
    /// (`comptia-a-plus held` or its date earned, `comptia-a-plus 2025-03-14`)
    Set {
        /// name, target_role, hours_per_week, degree, experience_months.AREA, SKILL or CERT
        key: String,
        /// The new value
        value: String,
    },
    /// Remove a field, a skill's level or a cert (`history` clears the history)
    Unset {
        /// name, target_role, hours_per_week, degree, experience_months[.AREA], SKILL, CERT or history
        key: String,
    },
    /// The records `done` wrote, oldest first: what changed and on which day
    History,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Draw this role and everything its requirements reach (id, alias or
    /// unique prefix); without it, the whole catalog
    #[arg(long, short = 'r')]
    pub role: Option<String>,

    /// Draw every node even when the picture is too big to read (DOT) or
    /// over Mermaid's default limits; otherwise such a picture is a
    /// summary by domain
    #[arg(long)]
    pub full: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Catalog,
    Profile,
}

/// A framework `catalog import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Framework {
    /// NIST NICE Workforce Framework for Cybersecurity (SP 800-181r1) components JSON
    Nice,
}

/// A DoD 8140 proficiency tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TierArg {
    Basic,
    Intermediate,
    Advanced,
}

//! One file per command: each takes the configuration and returns its
//! output; nothing here prints.

pub mod browse;
pub mod catalog;
pub mod gap;
pub mod plan;

use crate::catalog::Catalog;
use crate::cli::{Command, RoleChoice};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::Role;
use crate::plan::{Options, Planner};
use crate::profile::Profile;

/// What a command produced: stdout text and the exit code.
#[derive(Debug)]
pub struct Output {
    pub text: String,
    pub code: u8,
}

impl Output {
    pub fn ok(text: String) -> Output {
        Output { text, code: 0 }
    }
}

pub fn dispatch(cfg: &Config, command: &Command) -> Result<Output> {
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
    }
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
        let cat = cfg.load_catalog(&[])?;
        let profile = cfg.load_profile(&cat)?;
        Ok(Setup { cat, profile })
    }

    /// A planner for this profile; `--prefer` names are resolved to cert ids.
    pub fn planner(
        &self,
        cfg: &Config,
        choice: &RoleChoice,
        hours_per_week: Option<f64>,
        start: Option<jiff::civil::Date>,
    ) -> Result<Planner<'_>> {
        let mut prefer = Vec::new();
        for p in &choice.prefer {
            let (_, id) = self.cat.resolve(p, &[crate::catalog::Kind::Cert])?;
            prefer.push(id);
        }
        let opts = Options {
            skip_recommended: choice.skip_recommended,
            prefer,
            hours_per_week: hours_per_week
                .or(self.profile.hours_per_week)
                .unwrap_or(10.0),
            start: start.unwrap_or(cfg.today),
            today: cfg.today,
        };
        Ok(Planner::new(&self.cat, &self.profile, opts))
    }
}

//! `certpath check`: no output; exit 0 when ready for the role, 1 when not.

use super::{target_role, Output, Setup};
use crate::cli::RoleChoice;
use crate::config::Config;
use crate::error::Result;

pub fn run(cfg: &Config, choice: &RoleChoice) -> Result<Output> {
    let setup = Setup::load(cfg)?;
    let role = target_role(&setup.cat, &setup.profile, choice)?;
    // Renewals keep a cert current; they are not a gap, unless the cert
    // has lapsed already and waits for a late renewal.
    let ready = setup.planner(cfg, choice, None, None)?.standing(role).ready;
    Ok(Output::ok(String::new()).with_code(if ready { 0 } else { 1 }))
}

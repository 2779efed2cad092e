//! Integration tests: the real binary, one test binary, modules by theme.

#[path = "cli/util.rs"]
mod util;

#[path = "cli/commands.rs"]
mod commands;

#[path = "cli/snapshots.rs"]
mod snapshots;

#[path = "cli/props.rs"]
mod props;

#[path = "cli/bad_input.rs"]
mod bad_input;

#[path = "cli/planner.rs"]
mod planner;

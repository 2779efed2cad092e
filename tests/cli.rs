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

#[path = "cli/assess.rs"]
mod assess;

#[path = "cli/profile_cmds.rs"]
mod profile_cmds;

#[path = "cli/catalog_data.rs"]
mod catalog_data;

#[path = "cli/ecosystem.rs"]
mod ecosystem;

#[path = "cli/pictures.rs"]
mod pictures;

#[path = "cli/bad_table.rs"]
mod bad_table;

#[path = "cli/writes.rs"]
mod writes;

#[path = "cli/fuzz.rs"]
mod fuzz;

#[path = "cli/docs.rs"]
mod docs;

#[path = "cli/reliability.rs"]
mod reliability;

#[path = "cli/personas.rs"]
mod personas;

#[path = "cli/formats_csv.rs"]
mod formats_csv;

#[path = "cli/overlays.rs"]
mod overlays;

#[path = "cli/rules.rs"]
mod rules;

#[path = "cli/consumers.rs"]
mod consumers;

#[path = "cli/formats_sync.rs"]
mod formats_sync;

#[path = "cli/terminal.rs"]
mod terminal;

#[path = "cli/formats_pictures.rs"]
mod formats_pictures;

#[path = "cli/import.rs"]
mod import;

#[path = "cli/formats_markdown.rs"]
mod formats_markdown;

#[path = "cli/formats_schemas.rs"]
mod formats_schemas;

#[path = "cli/completion.rs"]
mod completion;

#[path = "cli/layout.rs"]
mod layout;

//! `certpath catalog validate`.

use super::Output;
use crate::cli::{CatalogCommand, Format};
use crate::config::Config;
use crate::error::Result;
use crate::render;
use serde_json::json;

pub fn run(cfg: &Config, cmd: &CatalogCommand) -> Result<Output> {
    match cmd {
        CatalogCommand::Validate { paths } => {
            let cat = cfg.load_catalog(paths)?;
            let files: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            Ok(Output::ok(match cfg.format {
                Format::Json => render::json(&json!({
                    "format": 1,
                    "valid": true,
                    "files": files,
                    "skills": cat.skills.len(),
                    "certifications": cat.certs.len(),
                    "roles": cat.roles.len(),
                    "warnings": cat.warnings,
                })),
                Format::Table => format!(
                    "valid: {} ({} skills, {} certifications, {} roles in all)\n",
                    files.join(", "),
                    cat.skills.len(),
                    cat.certs.len(),
                    cat.roles.len()
                ),
            }))
        }
    }
}

//! `certpath catalog validate|export|schema`, `completions` and `man`.

use super::Output;
use crate::catalog::BUNDLED;
use crate::cli::{CatalogCommand, Format, SchemaKind};
use crate::config::Config;
use crate::error::{Code, Error, Problem, Result};
use crate::render;
use crate::write::write_atomic_all;
use clap::CommandFactory;
use serde_json::json;
use std::path::{Path, PathBuf};

pub fn run(cfg: &Config, cmd: &CatalogCommand) -> Result<Output> {
    match cmd {
        CatalogCommand::Export { dir, force } => export(cfg, dir, *force),
        CatalogCommand::Schema { which } => Ok(Output::ok(
            match which {
                SchemaKind::Catalog => CATALOG_SCHEMA,
                SchemaKind::Profile => PROFILE_SCHEMA,
            }
            .to_string(),
        )),
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
                Format::Markdown
                | Format::Csv
                | Format::Dot
                | Format::Mermaid
                | Format::Taskwarrior
                | Format::Ics => {
                    return Err(super::unsupported(
                        cfg,
                        "catalog validate",
                        &[Format::Table, Format::Json],
                    ))
                }
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

/// The JSON Schemas of catalog and profile files.
pub const CATALOG_SCHEMA: &str = include_str!("../../schemas/catalog.schema.json");
pub const PROFILE_SCHEMA: &str = include_str!("../../schemas/profile.schema.json");

/// `catalog export DIR`: the bundled files, as they are, to edit.
fn export(cfg: &Config, dir: &Path, force: bool) -> Result<Output> {
    crate::write::create_dir(dir)?;
    let targets: Vec<(PathBuf, &str)> = BUNDLED
        .iter()
        .map(|(name, text)| {
            let file = Path::new(name).file_name().expect("a file name");
            (dir.join(file), *text)
        })
        .collect();
    if !force {
        if let Some((p, _)) = targets.iter().find(|(p, _)| p.exists()) {
            return Err(Error::new(
                Code::CantCreate,
                Problem::at(&p.display().to_string(), "", "already exists"),
            )
            .with_hint("pass --force to replace it, or export into an empty folder"));
        }
    }
    let files: Vec<(&Path, &[u8])> = targets
        .iter()
        .map(|(p, text)| (p.as_path(), text.as_bytes()))
        .collect();
    write_atomic_all(&files, None)?;
    let mut out = String::new();
    for (p, _) in &targets {
        out.push_str(&format!("{}\n", p.display()));
    }
    cfg.note(&format!(
        "wrote {} catalog files; load them with --no-builtin --catalog {}",
        targets.len(),
        dir.display()
    ));
    Ok(Output::ok(out))
}

/// `completions SHELL`: the script clap_complete writes.
pub fn completions(shell: clap_complete::Shell) -> String {
    let mut cmd = crate::cli::Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "certpath", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// `man`: the roff man page clap_mangen writes.
pub fn man() -> Result<Output> {
    let cmd = crate::cli::Cli::command();
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut buf)
        .map_err(|e| Error::io(format!("cannot render the man page: {e}")))?;
    Ok(Output::ok(String::from_utf8_lossy(&buf).into_owned()))
}

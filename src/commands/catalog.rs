//! `certpath catalog validate|export|schema`, `completions` and `man`.

use super::Output;
use crate::catalog::BUNDLED;
use crate::cli::{CatalogCommand, Format, ManArgs, SchemaKind};
use crate::config::Config;
use crate::error::{Code, Error, Problem, Result};
use crate::render;
use crate::write::write_atomic;
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
            let cat = cfg.load_catalog_only(paths)?;
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
                    "overlaid": cat.overlaid,
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
                Format::Table => {
                    let mut out = format!(
                        "valid: {} ({} skills, {} certifications, {} roles in all)\n",
                        files.join(", "),
                        cat.skills.len(),
                        cat.certs.len(),
                        cat.roles.len()
                    );
                    for o in &cat.overlaid {
                        out.push_str(&crate::catalog::describe_overlaid(o));
                        out.push('\n');
                    }
                    out
                }
            }))
        }
    }
}

/// The JSON Schemas of catalog and profile files.
pub const CATALOG_SCHEMA: &str = include_str!("../../schemas/catalog.schema.json");
pub const PROFILE_SCHEMA: &str = include_str!("../../schemas/profile.schema.json");

/// `catalog export DIR`: the bundled files, as they are, to edit; with
/// `--catalog` (or `--no-builtin`), the catalog as loaded, overlays merged
/// and `x-*` keys kept, as one `catalog.json`.
fn export(cfg: &Config, dir: &Path, force: bool) -> Result<Output> {
    let merged = if cfg.catalog_paths.is_empty() && !cfg.no_builtin {
        None
    } else {
        let cat = cfg.load_catalog(&[])?;
        Some(render::json(&cat.to_value()))
    };
    crate::write::create_dir(dir)?;
    let targets: Vec<(PathBuf, &str)> = match &merged {
        Some(text) => vec![(dir.join("catalog.json"), text.as_str())],
        None => BUNDLED
            .iter()
            .map(|(name, text)| {
                let file = Path::new(name).file_name().expect("a file name");
                (dir.join(file), *text)
            })
            .collect(),
    };
    if !force {
        if let Some((p, _)) = targets.iter().find(|(p, _)| p.exists()) {
            return Err(Error::new(
                Code::CantCreate,
                Problem::at(&p.display().to_string(), "", "already exists"),
            )
            .with_hint("pass --force to replace it, or export into an empty folder"));
        }
    }
    let mut out = String::new();
    for (p, text) in &targets {
        write_atomic(p, text.as_bytes())?;
        out.push_str(&format!("{}\n", p.display()));
    }
    cfg.note(&format!(
        "wrote {} catalog {}; load {} with --no-builtin --catalog {}",
        targets.len(),
        if targets.len() == 1 { "file" } else { "files" },
        if targets.len() == 1 { "it" } else { "them" },
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

/// `man`: the main page on stdout, or every page into `--out-dir`.
pub fn man(cfg: &Config, args: &ManArgs) -> Result<Output> {
    let date = cfg.today.to_string();
    let mut pages = crate::cli::man::pages(&date);
    let Some(dir) = &args.out_dir else {
        return Ok(Output::ok(pages.swap_remove(0).1));
    };
    crate::write::create_dir(dir)?;
    let mut out = String::new();
    for (name, text) in &pages {
        let p = dir.join(name);
        write_atomic(&p, text.as_bytes())?;
        out.push_str(&format!("{}\n", p.display()));
    }
    cfg.note(&format!(
        "wrote {} man pages; read them with `man -l {}`",
        pages.len(),
        dir.join("certpath.1").display()
    ));
    Ok(Output::ok(out))
}

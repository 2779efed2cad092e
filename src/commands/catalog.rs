//! `certpath catalog validate|export|schema`, `completions` and `man`.

use super::Output;
use crate::catalog::BUNDLED;
use crate::cli::{CatalogCommand, Format, ManArgs, SchemaKind};
use crate::config::Config;
use crate::error::{Code, Error, Problem, Result};
use crate::render;
use crate::write::write_atomic;
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
    let mut out = String::new();
    for (p, text) in &targets {
        write_atomic(p, text.as_bytes(), None)?;
        out.push_str(&format!("{}\n", p.display()));
    }
    cfg.note(&format!(
        "wrote {} catalog files; load them with --no-builtin --catalog {}",
        targets.len(),
        dir.display()
    ));
    Ok(Output::ok(out))
}

/// `completions SHELL`: the script clap_complete writes, with the ids of
/// the catalog (bundled and `--catalog`) to offer.
pub fn completions(cfg: &Config, shell: clap_complete::Shell) -> Result<Output> {
    let cat = cfg.load_catalog(&[])?;
    let pairs = |v: Vec<(&str, &str)>| -> Vec<(String, String)> {
        v.into_iter()
            .map(|(id, name)| (id.to_string(), name.to_string()))
            .collect()
    };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v.dedup();
        v
    };
    let words = crate::cli::complete::Words {
        roles: pairs(
            cat.roles
                .iter()
                .map(|r| (r.id.as_str(), r.name.as_str()))
                .collect(),
        ),
        certs: pairs(
            cat.certs
                .iter()
                .map(|c| (c.id.as_str(), c.name.as_str()))
                .collect(),
        ),
        skills: pairs(
            cat.skills
                .iter()
                .map(|s| (s.id.as_str(), s.name.as_str()))
                .collect(),
        ),
        vendors: sorted(cat.certs.iter().map(|c| c.vendor.clone()).collect()),
        domains: sorted(cat.skills.iter().map(|s| s.domain.clone()).collect()),
        cert_levels: crate::catalog::CERT_LEVELS
            .iter()
            .map(|s| s.to_string())
            .collect(),
        profile_keys: super::profile_cmd::KEYS
            .iter()
            .map(|s| s.to_string())
            .collect(),
    };
    Ok(Output::ok(crate::cli::complete::script(shell, &words)))
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
        write_atomic(&p, text.as_bytes(), None)?;
        out.push_str(&format!("{}\n", p.display()));
    }
    cfg.note(&format!(
        "wrote {} man pages; read them with `man -l {}`",
        pages.len(),
        dir.join("certpath.1").display()
    ));
    Ok(Output::ok(out))
}

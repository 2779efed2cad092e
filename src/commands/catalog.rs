//! `certpath catalog validate|export|schema`, `completions` and `man`.

use super::Output;
use crate::catalog::BUNDLED;
use crate::cli::{CatalogCommand, Format, Framework, ManArgs, SchemaKind, TierArg};
use crate::config::Config;
use crate::error::{Code, Error, Problem, Result};
use crate::render;
use crate::write::write_atomic;
use serde_json::json;
use std::path::{Path, PathBuf};

pub fn run(cfg: &Config, cmd: &CatalogCommand) -> Result<Output> {
    match cmd {
        CatalogCommand::Export { dir, force } => export(cfg, dir, *force),
        CatalogCommand::Import {
            framework: Framework::Nice,
            file,
            matrix,
            tier,
            self_contained,
            output,
            force,
        } => import_nice(
            cfg,
            file,
            matrix.as_deref(),
            *tier,
            *self_contained,
            output,
            *force,
        ),
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

/// Refuses to replace `path` unless `force`: exit 73.
fn refuse_overwrite(path: &Path, force: bool) -> Result<()> {
    if !force && path.exists() {
        return Err(Error::new(
            Code::CantCreate,
            Problem::at(&path.display().to_string(), "", "already exists"),
        )
        .with_hint("pass --force to replace it, or write into an empty folder"));
    }
    Ok(())
}

/// A file's text, or exit 66 (missing) or 65 (not UTF-8).
fn read_text(path: &Path) -> Result<String> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::read(&shown, &e))?;
    String::from_utf8(bytes).map_err(|e| {
        Error::data(
            Problem::at(
                &shown,
                &format!("byte {}", e.utf8_error().valid_up_to()),
                "not valid UTF-8",
            )
            .hint("save the file as UTF-8"),
        )
    })
}

/// `catalog import nice FILE [--matrix M] [--tier T] -o DIR`: reads the
/// NICE components (and the DoD 8140 matrix), builds the catalog against
/// the loaded one, checks that it loads on top of it, and writes
/// DIR/nice.json.
fn import_nice(
    cfg: &Config,
    file: &Path,
    matrix: Option<&Path>,
    tier: Option<TierArg>,
    self_contained: bool,
    dir: &Path,
    force: bool,
) -> Result<Output> {
    use crate::import::{self, Tier};
    let shown = file.display().to_string();
    let nice = import::read_nice(&shown, &read_text(file)?)?;
    let rows =
        match matrix {
            None => None,
            Some(m) => {
                let m_shown = m.display().to_string();
                let ext = m
                    .extension()
                    .map(|e| e.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                Some(match ext.as_str() {
                    "xlsx" | "xlsm" => {
                        let bytes = std::fs::read(m).map_err(|e| Error::read(&m_shown, &e))?;
                        import::read_matrix_xlsx(&m_shown, bytes)?
                    }
                    "csv" => import::read_matrix_csv(&m_shown, &read_text(m)?)?,
                    _ => return Err(Error::usage(format!(
                        "--matrix {m_shown}: expected a .xlsx or .csv file"
                    ))
                    .with_hint(
                        "give the DoD 8140 matrix as published (.xlsx) or its TAB A saved as .csv",
                    )),
                })
            }
        };
    let tier = tier.map(|t| match t {
        TierArg::Basic => Tier::Basic,
        TierArg::Intermediate => Tier::Intermediate,
        TierArg::Advanced => Tier::Advanced,
    });
    let base = cfg.load_catalog(&[])?;
    let (value, summary) = import::build(&nice, rows.as_deref(), &base, tier, self_contained);
    let text = render::json(&value);
    let target = dir.join("nice.json");
    let target_shown = target.display().to_string();
    // What is written must load on top of what it was built against.
    let mut sources = if cfg.no_builtin {
        Vec::new()
    } else {
        crate::catalog::Source::bundled()
    };
    for p in &cfg.catalog_paths {
        sources.extend(crate::catalog::Source::from_path(p)?);
    }
    sources.push(crate::catalog::Source {
        name: target_shown.clone(),
        text: text.clone().into(),
    });
    crate::catalog::Catalog::load(&sources)?;
    if self_contained {
        crate::catalog::Catalog::load(&sources[sources.len() - 1..])?;
    }
    crate::write::create_dir(dir)?;
    refuse_overwrite(&target, force)?;
    write_atomic(&target, text.as_bytes())?;
    let unmapped = if summary.certs_unmapped.is_empty() {
        String::new()
    } else {
        format!(
            "; matrix certifications with no bundled entry (kept in x-nice.dod8140): {}",
            summary.certs_unmapped.join(", ")
        )
    };
    if !summary.dangling.is_empty() {
        cfg.note(&format!(
            "{shown}: {} links name elements the file does not define, skipped: {}",
            summary.dangling.len(),
            summary.dangling.join(", ")
        ));
    }
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    cfg.note(&format!(
        "imported {} and {} ({} the same as a bundled skill), {} kept; {} for certifications{unmapped}",
        count(summary.roles, "work role", "work roles"),
        count(summary.skills, "knowledge or skill statement", "knowledge and skill statements"),
        summary.same_as,
        count(summary.tasks, "task", "tasks"),
        count(summary.roles_with_certs, "role asks", "roles ask"),
    ));
    if self_contained {
        cfg.note(&format!(
            "copied in {}; load it alone with --no-builtin --catalog {}, or on top of the bundled catalog with --catalog {}",
            count(summary.copied, "entry of the catalog", "entries of the catalog"),
            dir.display(),
            dir.display()
        ));
    } else {
        cfg.note(&format!(
            "load it on top of the bundled catalog with --catalog {}",
            dir.display()
        ));
    }
    Ok(Output::ok(match cfg.format {
        Format::Json => render::json(&json!({
            "format": 1,
            "file": target_shown,
            "summary": summary,
        })),
        _ => format!("{target_shown}\n"),
    }))
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

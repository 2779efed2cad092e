//! Counselor batches: `plan --profile a.json --profile b.json --out-dir DIR`
//! (or a folder of profiles) writes one report per client and an index.
//!
//! Report names come from each profile's name, made safe: letters and
//! digits kept, everything else a hyphen, no dot-dot, no separator, no
//! control character, no device name, at most 64 characters; two clients
//! with one name get `-2`, `-3` ... so none overwrites another.

use super::plan::{plan_doc, steps_csv};
use super::{target_role, Output};
use crate::catalog::Catalog;
use crate::cli::{Format, PlanArgs};
use crate::config::{Config, ProfileSource};
use crate::error::{Code, Error, Result};
use crate::model::Role;
use crate::plan::{fmt_num, Options, Planner, RoleRef};
use crate::profile::Profile;
use crate::render::doc::Doc;
use crate::render::grid::Grid;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::Path;

/// Names Windows reserves for devices, whatever the extension.
const DEVICE_NAMES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A file stem made safe from a client's name.
pub fn safe_stem(name: &str) -> String {
    let mut out = String::new();
    for ch in name.chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() && !ch.is_control() {
            out.push(ch);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut stem: String = out.trim_matches('-').chars().take(64).collect();
    stem = stem.trim_end_matches('-').to_string();
    if stem.is_empty() {
        stem = "client".to_string();
    }
    if DEVICE_NAMES.contains(&stem.as_str()) {
        stem = format!("client-{stem}");
    }
    stem
}

/// `stem`, or `stem-2`, `stem-3` ... the first not yet taken (compared
/// case-insensitively, as some file systems do).
fn unique(stem: String, taken: &mut HashSet<String>) -> String {
    let mut candidate = stem.clone();
    let mut n = 2;
    while !taken.insert(candidate.to_lowercase()) {
        candidate = format!("{stem}-{n}");
        n += 1;
    }
    candidate
}

fn extension(format: Format) -> &'static str {
    match format {
        Format::Markdown => "md",
        Format::Json | Format::Taskwarrior => "json",
        Format::Csv => "csv",
        Format::Ics => "ics",
        Format::Mermaid => "mmd",
        Format::Dot => "dot",
        Format::Table => "txt",
    }
}

/// One line of the index.
struct Entry {
    client: String,
    source: String,
    file: Option<String>,
    role: Option<RoleRef>,
    readiness: Option<u32>,
    finish: Option<String>,
    hours: Option<f64>,
    error: Option<String>,
}

/// Reports go next to the profiles they were made from only when their
/// names cannot collide: a JSON report in a folder of JSON profiles could
/// replace a client's profile (and would be read as one next time).
fn refuse_profile_folder(profiles: &[ProfileSource], dir: &Path, ext: &str) -> Result<()> {
    let Ok(out) = std::fs::metadata(dir) else {
        return Ok(()); // not there yet: no profile is read from it
    };
    for source in profiles {
        let ProfileSource::File { path, .. } = source else {
            continue;
        };
        let same_ext = path
            .extension()
            .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext));
        let folder = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        if same_ext && std::fs::metadata(folder).is_ok_and(|m| crate::write::same_file(&m, &out)) {
            return Err(Error::new(
                Code::CantCreate,
                crate::error::Problem::at(
                    &dir.display().to_string(),
                    "",
                    format!(
                        "cannot write .{ext} reports into the folder the profile {} is read from: a report could replace a profile",
                        path.display()
                    ),
                ),
            )
            .with_hint("write the reports to another folder, e.g. --out-dir reports"));
        }
    }
    Ok(())
}

pub fn run(cfg: &Config, args: &PlanArgs, dir: &Path) -> Result<Output> {
    if args.compare.is_some() {
        return Err(Error::usage("--out-dir and --compare do not go together")
            .with_hint("compare two roles for one profile, without --out-dir"));
    }
    if matches!(
        cfg.format,
        Format::Dot | Format::Mermaid | Format::Taskwarrior | Format::Ics
    ) {
        return Err(super::unsupported(
            cfg,
            "plan --out-dir",
            &[Format::Table, Format::Json, Format::Markdown, Format::Csv],
        ));
    }
    let cat = cfg.load_catalog(&[])?;
    let profiles: Vec<ProfileSource> = if cfg.batch.is_empty() {
        vec![cfg.profile.clone()]
    } else {
        cfg.batch
            .iter()
            .map(|p| ProfileSource::File {
                path: p.clone(),
                announce: false,
            })
            .collect()
    };
    refuse_profile_folder(&profiles, dir, extension(cfg.format))?;
    crate::write::create_dir(dir)?;
    let shown = |source: &ProfileSource| match source {
        ProfileSource::File { path, .. } => path.display().to_string(),
        ProfileSource::Stdin => "<stdin>".to_string(),
        ProfileSource::Empty => "(empty profile)".to_string(),
    };
    // Each client's profile, role and options, in order.
    let clients: Vec<(ProfileSource, Result<Client>)> = profiles
        .into_iter()
        .map(|source| {
            let one = Config {
                profile: source.clone(),
                batch: Vec::new(),
                ..cfg.clone()
            };
            let client = prepare(&one, &cat, args);
            (source, client)
        })
        .collect();
    // An empty profile's hours to each role, once per role and options.
    let mut keys: Vec<(&Role, Options)> = Vec::new();
    for c in clients.iter().filter_map(|(_, c)| c.as_ref().ok()) {
        if !keys.iter().any(|(r, o)| r.id == c.role.id && *o == c.opts) {
            keys.push((c.role, c.opts.clone()));
        }
    }
    let baselines: Vec<f64> = keys
        .par_iter()
        .map(|(role, opts)| Planner::new(&cat, &Profile::default(), opts.clone()).baseline(role))
        .collect();
    let baseline = |c: &Client| -> f64 {
        let k = keys
            .iter()
            .position(|(r, o)| r.id == c.role.id && *o == c.opts)
            .expect("every client's key is listed");
        baselines[k]
    };
    // The plans, in parallel, a few clients per core at a time: each
    // report is written to its temporary file as soon as its group is
    // done, so memory holds a group's reports, not the whole batch's. All
    // are synced and put in place together at the end.
    let mut staged = crate::write::Staged::in_folder(dir)?;
    let mut taken = HashSet::new();
    taken.insert("index".to_string());
    let mut entries = Vec::new();
    let mut failed = Vec::new();
    let group = rayon::current_num_threads().max(1) * 2;
    let mut clients = clients.into_iter().peekable();
    while clients.peek().is_some() {
        let part: Vec<_> = clients.by_ref().take(group).collect();
        let reports: Vec<Option<Result<Report>>> = part
            .par_iter()
            .map(|(_, c)| c.as_ref().ok().map(|c| report(cfg, &cat, c, baseline(c))))
            .collect();
        for ((source, client), report) in part.into_iter().zip(reports) {
            let outcome = match (client, report) {
                (Ok(c), Some(Ok(r))) => Ok((c, r)),
                (Ok(_), Some(Err(e))) | (Err(e), _) => Err(e),
                (Ok(_), None) => unreachable!("a client read well has a report"),
            };
            match outcome {
                Ok((c, r)) => {
                    let client = c.profile.name.clone().unwrap_or_else(|| match &source {
                        ProfileSource::File { path, .. } => path
                            .file_stem()
                            .map(|s| s.to_string_lossy().into_owned())
                            .unwrap_or_default(),
                        _ => String::new(),
                    });
                    let file = format!(
                        "{}.{}",
                        unique(safe_stem(&client), &mut taken),
                        extension(cfg.format)
                    );
                    // Reports hold a client's personal data, like profiles.
                    staged.stage(&dir.join(&file), r.text.as_bytes())?;
                    entries.push(Entry {
                        client,
                        source: shown(&source),
                        file: Some(file),
                        role: Some(r.role),
                        readiness: Some(r.readiness),
                        finish: Some(r.finish),
                        hours: Some(r.hours),
                        error: None,
                    });
                }
                Err(e) => {
                    let shown = shown(&source);
                    let line = e.problems.first().map(|p| p.line()).unwrap_or_default();
                    entries.push(Entry {
                        client: String::new(),
                        source: shown.clone(),
                        file: None,
                        role: None,
                        readiness: None,
                        finish: None,
                        hours: None,
                        error: Some(line),
                    });
                    // On stderr, every problem names the client's file, also
                    // those that do not come from it (an unknown --role).
                    let mut e = e;
                    for p in &mut e.problems {
                        p.file.get_or_insert_with(|| shown.clone());
                    }
                    failed.push(e);
                }
            }
        }
    }
    let index_name = format!("index.{}", extension(cfg.format));
    staged.stage(&dir.join(&index_name), index(cfg, &entries).as_bytes())?;
    staged.commit()?;
    let written = entries.iter().filter(|e| e.file.is_some()).count();
    let mut text = String::new();
    for e in &entries {
        if let Some(f) = &e.file {
            text.push_str(&format!("{}\n", dir.join(f).display()));
        }
    }
    text.push_str(&format!("{}\n", dir.join(&index_name).display()));
    if failed.is_empty() {
        cfg.note(&format!(
            "wrote {written} reports and an index to {}",
            dir.display()
        ));
        Ok(Output::ok(text))
    } else {
        // The good reports are written; the bad profiles are reported and
        // make the exit code.
        let _ = std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes());
        // Bad data in any profile makes the code 65, whatever else failed.
        let code = if failed.iter().any(|e| e.code == Code::Data) {
            Code::Data
        } else {
            failed[0].code
        };
        let problems = failed.into_iter().flat_map(|e| e.problems).collect();
        Err(Error { code, problems })
    }
}

/// A client read well: the profile, the role to plan and the options.
struct Client<'c> {
    profile: Profile,
    role: &'c Role,
    opts: Options,
}

/// One client's report and the figures the index shows.
struct Report {
    text: String,
    role: RoleRef,
    readiness: u32,
    finish: String,
    hours: f64,
}

/// Reads one client's profile, role and options.
fn prepare<'c>(cfg: &Config, cat: &'c Catalog, args: &PlanArgs) -> Result<Client<'c>> {
    let profile = cfg.load_profile(cat)?;
    let role = target_role(cat, &profile, &args.choice)?;
    let opts = super::plan::plan_options(cat, &profile, cfg, args)?;
    Ok(Client {
        profile,
        role,
        opts,
    })
}

/// One client's plan, rendered, with readiness against `baseline`.
fn report(cfg: &Config, cat: &Catalog, c: &Client, baseline: f64) -> Result<Report> {
    let plan = super::dated(
        Planner::new(cat, &c.profile, c.opts.clone()).plan_with_baseline(c.role, baseline),
    )?;
    let name = c.profile.name.as_deref();
    let text = match cfg.format {
        Format::Json => crate::render::json(&plan),
        Format::Markdown => plan_doc(&plan, name, cfg.today, true).markdown(),
        Format::Csv => steps_csv(&plan.steps.iter().collect::<Vec<_>>(), &[], |_| Vec::new()),
        _ => plan_doc(&plan, name, cfg.today, true).text(&Config {
            color: false,
            tty: false,
            ..cfg.clone()
        }),
    };
    Ok(Report {
        text,
        role: plan.role.clone(),
        readiness: plan.summary.readiness_percent,
        finish: plan.summary.finish.to_string(),
        hours: plan.summary.total_hours,
    })
}

fn index(cfg: &Config, entries: &[Entry]) -> String {
    let role_text = |e: &Entry| {
        e.role
            .as_ref()
            .map(|r| format!("{} ({})", r.name, r.id))
            .unwrap_or_default()
    };
    if cfg.format == Format::Csv {
        // Plain values: ids apart from names, readiness a number.
        let mut g = Grid::new(&[
            "client",
            "profile",
            "role_id",
            "role_name",
            "readiness_percent",
            "finish",
            "total_hours",
            "report",
            "error",
        ]);
        for e in entries {
            g.row(vec![
                e.client.clone(),
                e.source.clone(),
                e.role.as_ref().map(|r| r.id.clone()).unwrap_or_default(),
                e.role.as_ref().map(|r| r.name.clone()).unwrap_or_default(),
                e.readiness.map(|r| r.to_string()).unwrap_or_default(),
                e.finish.clone().unwrap_or_default(),
                e.hours.map(fmt_num).unwrap_or_default(),
                e.file.clone().unwrap_or_default(),
                e.error.clone().unwrap_or_default(),
            ]);
        }
        return g.csv();
    }
    if cfg.format == Format::Json {
        let rows: Vec<serde_json::Value> = entries
            .iter()
            .map(|e| {
                serde_json::json!({
                    "client": e.client, "profile": e.source, "report": e.file, "role": role_text(e),
                    "readiness_percent": e.readiness, "finish": e.finish,
                    "total_hours": e.hours.map(whole_or_not),
                    "error": e.error,
                })
            })
            .collect();
        return crate::render::json(&serde_json::json!({ "format": 1, "reports": rows }));
    }
    let mut g = Grid::new(&["Client", "Role", "Readiness", "Finish", "Hours", "Report"])
        .keep(&[2, 3, 4])
        .raw_markdown(&[5]);
    for e in entries {
        let report = match (&e.file, &e.error) {
            // A link, written raw: its text escaped, its target in `<>`.
            (Some(f), _) if cfg.format == Format::Markdown => {
                format!(
                    "[{}](<{}>)",
                    crate::render::md::inline(f),
                    f.replace(['<', '>'], "")
                )
            }
            (Some(f), _) => f.clone(),
            (None, Some(err)) => format!("not written: {err}"),
            (None, None) => String::new(),
        };
        let failed = e.error.is_some();
        g.row(vec![
            if e.client.is_empty() {
                e.source.clone()
            } else {
                e.client.clone()
            },
            role_text(e),
            e.readiness.map(|r| format!("{r}%")).unwrap_or_default(),
            e.finish.clone().unwrap_or_default(),
            e.hours.map(fmt_num).unwrap_or_default(),
            report,
        ]);
        if failed {
            g.alert(5);
        }
    }
    match cfg.format {
        Format::Markdown => {
            let mut doc = Doc::new("Client plans");
            doc.para(format!(
                "Made on {} with certpath {}.",
                cfg.today,
                env!("CARGO_PKG_VERSION")
            ));
            doc.grid(g);
            doc.markdown()
        }
        _ => {
            let mut doc = Doc::new("Client plans");
            doc.grid(g);
            doc.text(&Config {
                color: false,
                ..cfg.clone()
            })
        }
    }
}

/// Where a batch without --out-dir would have written.
pub fn needs_out_dir() -> Error {
    Error::usage("several profiles (or a folder of them) need --out-dir")
        .with_hint("run `certpath plan --profile a.json --profile b.json --out-dir reports/`")
}

/// `102` rather than `102.0`, like every other JSON document.
fn whole_or_not(n: f64) -> serde_json::Value {
    if n.fract() == 0.0 && n.abs() < 9e15 {
        serde_json::Value::from(n as i64)
    } else {
        serde_json::Value::from(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_safe() {
        assert_eq!(safe_stem("Alex Doe"), "alex-doe");
        assert_eq!(safe_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_stem("con"), "client-con");
        assert_eq!(safe_stem("CON"), "client-con");
        assert_eq!(safe_stem(""), "client");
        assert_eq!(safe_stem("..."), "client");
        assert_eq!(safe_stem("a\u{0}b\nc"), "a-b-c");
        assert_eq!(safe_stem("Zoë Müller"), "zoë-müller");
        assert_eq!(safe_stem(&"x".repeat(300)).len(), 64);
    }

    #[test]
    fn names_never_collide() {
        let mut taken = HashSet::new();
        taken.insert("index".to_string());
        assert_eq!(unique("alex".into(), &mut taken), "alex");
        assert_eq!(unique("alex".into(), &mut taken), "alex-2");
        assert_eq!(unique("Alex".into(), &mut taken), "Alex-3");
        assert_eq!(unique("index".into(), &mut taken), "index-2");
    }
}

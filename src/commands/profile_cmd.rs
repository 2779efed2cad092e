//! `certpath profile show|set|unset`: read and edit a profile without a
//! text editor; and what every command that writes a profile shares: which
//! file it writes, how it loads it, how it saves it.

use super::Output;
use crate::catalog::{Catalog, Kind};
use crate::cli::{Format, ProfileCommand};
use crate::config::{default_profile_path, Config, ProfileSource};
use crate::error::{Code, Error, Problem, Result};
use crate::model::{Degree, AREAS, LEVEL_NAMES};
use crate::names;
use crate::profile::Profile;
use crate::render::grid::Grid;
use crate::render::{self, table};
use crate::write;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// The profile file a command writes.
#[derive(Debug, Clone)]
pub struct Target {
    pub path: PathBuf,
    /// How to name it on a later command line: `--profile PATH`, or nothing
    /// when certpath finds it by itself ($CERTPATH_PROFILE, the default).
    pub flag: Option<String>,
    /// The user's default profile: its folder is created when missing.
    pub is_default: bool,
}

impl Target {
    pub fn shown(&self) -> String {
        self.path.display().to_string()
    }
}

/// Which file `assess`, `done` and `profile set|unset` write: `-o FILE`,
/// else `--profile FILE`, else $CERTPATH_PROFILE, else the default profile.
pub fn write_target(cfg: &Config, output: Option<&Path>) -> Result<Target> {
    if !cfg.have.is_empty() {
        return Err(
            Error::usage("--have only changes what a plan assumes; it is not written")
                .with_hint("record progress with `certpath done ID[=LEVEL]`, or edit with `certpath profile set KEY VALUE`"),
        );
    }
    if let Some(o) = output {
        match &cfg.profile {
            ProfileSource::File {
                path,
                announce: false,
            } if path != o => {
                return Err(Error::usage(format!(
                    "both --profile {} and -o {} name the file to write",
                    path.display(),
                    o.display()
                ))
                .with_hint("give one of them"))
            }
            ProfileSource::Stdin => {
                return Err(Error::usage("--profile - and -o both name the profile")
                    .with_hint("give -o FILE only"))
            }
            _ => {}
        }
        return Ok(Target {
            path: o.to_path_buf(),
            flag: Some(o.display().to_string()),
            is_default: false,
        });
    }
    match &cfg.profile {
        ProfileSource::File { path, announce } => Ok(Target {
            path: path.clone(),
            flag: (!announce).then(|| path.display().to_string()),
            is_default: false,
        }),
        ProfileSource::Stdin => Err(Error::usage(
            "--profile - reads the profile from stdin, where nothing can be saved",
        )
        .with_hint("name the file to write with --profile FILE")),
        ProfileSource::Empty => match default_profile_path() {
            // Something else than a file where the default profile goes.
            Some(p) if p.exists() && !p.is_file() => Err(Error::new(
                Code::CantCreate,
                Problem::at(
                    &p.display().to_string(),
                    "",
                    "cannot write the default profile: the path is a folder, not a file",
                ),
            )
            .with_hint("move the folder away, or name the file to write with --profile FILE")),
            // Config takes an existing default profile unless --no-profile.
            Some(p) if p.exists() => Err(Error::usage(
                "--no-profile: this command writes a profile and needs a file",
            )
            .with_hint("name the file to write with --profile FILE")),
            Some(p) => Ok(Target {
                path: p,
                flag: None,
                is_default: true,
            }),
            None => Err(Error::new(
                Code::CantCreate,
                Problem::new("cannot find the user's config folder for the default profile"),
            )
            .with_hint("name the file with --profile FILE, or set $CERTPATH_PROFILE")),
        },
    }
}

/// The target's profile, or an empty one when the file does not exist yet.
/// A file that does not validate is an error (65) and stays as it is.
///
/// Takes the profile's write lock first and keeps it until the command
/// ends, so that a concurrent writer waits instead of losing this change
/// or having its own lost (crate::write).
pub fn load(cfg: &Config, cat: &Catalog, target: &Target) -> Result<(Profile, bool)> {
    if target.flag.is_none() {
        cfg.note(&format!("using profile {}", target.shown()));
    }
    if target.is_default {
        if let Some(dir) = target.path.parent() {
            write::create_private_dir(dir)?;
        }
    }
    write::lock(&target.path)?;
    match Profile::read_file(&target.path, cat)? {
        Some(p) => Ok((p, true)),
        None => Ok((Profile::default(), false)),
    }
}

/// Writes the profile atomically, readable by its owner only. What is
/// written is read back first: certpath never saves a profile it could not
/// load.
pub fn save(cat: &Catalog, target: &Target, profile: &Profile) -> Result<()> {
    let text = profile.to_json();
    Profile::parse(&target.shown(), &text, cat)?;
    if target.is_default {
        if let Some(dir) = target.path.parent() {
            write::create_private_dir(dir)?;
        }
    }
    write::write_atomic(&target.path, text.as_bytes())
}

/// `--profile PATH` for a suggested command, or nothing.
pub fn profile_flag(target: &Target) -> String {
    match &target.flag {
        Some(f) => format!(" --profile {}", shell_word(f)),
        None => String::new(),
    }
}

/// The flags that name the same catalog and profile files again
/// (`--catalog C --profile F`), for the commands a hint or a message
/// suggests: pasted, they work on the same files.
pub fn same_files(cfg: &Config) -> String {
    let profile = match &cfg.profile {
        ProfileSource::File {
            path,
            announce: false,
        } => format!(" --profile {}", shell_word(&path.display().to_string())),
        _ => String::new(),
    };
    format!("{}{profile}", catalog_flags(cfg))
}

/// `text` with `flags` added to every `` `certpath ...` `` it suggests.
pub fn keep_flags(text: &str, flags: &str) -> String {
    if flags.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + flags.len());
    let mut rest = text;
    while let Some(at) = rest.find("`certpath ") {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        match from[1..].find('`') {
            Some(end) => {
                out.push_str(&from[..end + 1]);
                out.push_str(flags);
                out.push('`');
                rest = &from[end + 2..];
            }
            None => {
                out.push_str(from);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Quotes a word for a POSIX shell when it needs it.
pub fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:@%+,".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// `--no-builtin` and `--catalog` as given, for a suggested command line.
pub fn catalog_flags(cfg: &Config) -> String {
    let mut s = String::new();
    if cfg.no_builtin {
        s.push_str(" --no-builtin");
    }
    for c in &cfg.catalog_paths {
        s.push_str(" --catalog ");
        s.push_str(&shell_word(&c.display().to_string()));
    }
    s
}

pub fn run(cfg: &Config, cmd: &ProfileCommand) -> Result<Output> {
    match cmd {
        ProfileCommand::Show => show(cfg),
        ProfileCommand::Set { key, value } => edit(cfg, key, Some(value)),
        ProfileCommand::Unset { key } => edit(cfg, key, None),
        ProfileCommand::History => history(cfg),
    }
}

fn show(cfg: &Config) -> Result<Output> {
    let cat = cfg.load_catalog(&[])?;
    let shown = shown_source(cfg)?;
    let p = cfg.load_profile(&cat)?;
    if cfg.format == Format::Json {
        return Ok(Output::ok(p.to_json()));
    }
    let mut out = table::heading(cfg, &format!("Profile {shown}"));
    let exp: Vec<String> = p
        .experience_months
        .iter()
        .map(|(a, m)| format!("{a} {m} months"))
        .collect();
    let certs: Vec<String> = p
        .certifications
        .iter()
        .map(|c| {
            let mut s = format!("{} ({})", cat.name_of(&c.id), c.id);
            if let Some(d) = c.earned {
                s.push_str(&format!(", earned {d}"));
            }
            if cat.cert(&c.id).is_some_and(|c| c.is_retired()) {
                s.push_str(", retired");
            }
            s
        })
        .collect();
    let history = match p.history.last() {
        None => String::new(),
        Some(last) => format!(
            "{} change{}, the last on {}",
            p.history.len(),
            if p.history.len() == 1 { "" } else { "s" },
            last.date
        ),
    };
    let rows = [
        ("name", p.name.clone().unwrap_or_default()),
        (
            "target_role",
            p.target_role
                .as_deref()
                .map(|r| format!("{} ({r})", cat.name_of(r)))
                .unwrap_or_default(),
        ),
        (
            "hours_per_week",
            p.hours_per_week
                .map(crate::plan::fmt_num)
                .unwrap_or_default(),
        ),
        (
            "degree",
            if p.degree != Degree::None || p.has("degree") {
                degree_word(p.degree).to_string()
            } else {
                String::new()
            },
        ),
        ("experience_months", exp.join("; ")),
        ("certifications", certs.join("; ")),
        ("history", history),
    ];
    out.push_str(&Grid::fields(&rows).text(cfg));
    if p.skills.is_empty() {
        out.push_str("No skill levels recorded.\n");
    } else {
        let mut t = Grid::new(&["Skill", "Id", "Level"])
            .keep(&[1, 2])
            .title(&[0, 1])
            .bare(&[2]);
        for (id, l) in &p.skills {
            t.row(vec![
                cat.name_of(id).to_string(),
                id.clone(),
                format!("{l} {}", LEVEL_NAMES[*l as usize]),
            ]);
        }
        out.push_str(&t.text(cfg));
    }
    Ok(Output::ok(out))
}

/// `profile history`: the records `done` wrote, oldest first.
fn history(cfg: &Config) -> Result<Output> {
    let cat = cfg.load_catalog(&[])?;
    let shown = shown_source(cfg)?;
    let p = cfg.load_profile(&cat)?;
    if cfg.format == Format::Json {
        let records: Vec<Value> = p
            .history
            .iter()
            .map(|e| {
                json!({
                    "date": e.date,
                    "id": e.id,
                    "name": cat.name_of(&e.id),
                    "from": e.from,
                    "to": e.to,
                })
            })
            .collect();
        return Ok(Output::ok(render::json(&json!({
            "format": 1,
            "file": shown,
            "history": records,
        }))));
    }
    let flags = same_files(cfg);
    let mut out = table::heading(cfg, &format!("History of {shown}"));
    if p.history.is_empty() {
        out.push_str(&keep_flags(
            "No records yet: `certpath done ID[=LEVEL]` writes one.\n",
            &flags,
        ));
        return Ok(Output::ok(out));
    }
    let mut t = Grid::new(&["Date", "Id", "Change"])
        .keep(&[0, 1])
        .title(&[0])
        .bare(&[1, 2]);
    for e in &p.history {
        t.row(vec![
            e.date.to_string(),
            e.id.clone(),
            format!("{}: {}", cat.name_of(&e.id), change_words(&e.from, &e.to)),
        ]);
    }
    out.push_str(&t.text(cfg));
    out.push_str(&keep_flags(
        "`certpath done --undo ID` takes back the last record for ID.\n",
        &flags,
    ));
    Ok(Output::ok(out))
}

/// `held`, `no longer held`, `1 -> 3`: a record's change in words.
pub fn change_words(from: &Value, to: &Value) -> String {
    let level = |v: &Value| v.as_u64().unwrap_or(0).to_string();
    if to == "held" {
        "held".to_string()
    } else if to.is_null() && from == "held" {
        "no longer held".to_string()
    } else {
        format!("{} -> {}", level(from), level(to))
    }
}

/// How the profile being read is named, or an error when there is none.
fn shown_source(cfg: &Config) -> Result<String> {
    Ok(match &cfg.profile {
        ProfileSource::Empty => {
            let where_ = default_profile_path()
                .map(|p| format!(" (the default is {})", p.display()))
                .unwrap_or_default();
            return Err(Error::new(
                Code::NoInput,
                Problem::new(format!("no profile to show{where_}")),
            )
            .with_hint("create one with `certpath assess`, or name one with --profile FILE"));
        }
        ProfileSource::Stdin => "<stdin>".to_string(),
        ProfileSource::File { path, .. } => path.display().to_string(),
    })
}

/// What a KEY of `profile set|unset` names.
#[derive(Debug, Clone, PartialEq)]
enum Key {
    Name,
    TargetRole,
    HoursPerWeek,
    Degree,
    Experience(String),
    AllExperience,
    Skill(String),
    Cert(String),
    History,
}

/// The keys of `profile set|unset` besides skill and cert ids.
pub const KEYS: &[&str] = &[
    "name",
    "target_role",
    "hours_per_week",
    "degree",
    "experience_months",
    "history",
];

fn parse_key(cat: &Catalog, key: &str) -> Result<Key> {
    let k = key.replace('-', "_");
    match k.as_str() {
        "name" => return Ok(Key::Name),
        "target_role" | "role" => return Ok(Key::TargetRole),
        "hours_per_week" | "hours" => return Ok(Key::HoursPerWeek),
        "degree" => return Ok(Key::Degree),
        "experience_months" | "experience" => return Ok(Key::AllExperience),
        "history" => return Ok(Key::History),
        "format" => {
            return Err(
                Error::usage("`format` is set by certpath").with_hint(format!(
                    "keys: {}, a skill id or a cert id",
                    KEYS.join(", ")
                )),
            )
        }
        _ => {}
    }
    if let Some(area) = key
        .strip_prefix("experience_months.")
        .or_else(|| key.strip_prefix("experience."))
    {
        if AREAS.contains(&area) {
            return Ok(Key::Experience(area.to_string()));
        }
        let hint = match names::closest_word(area, AREAS.iter().copied()) {
            Some(s) => format!("did you mean `experience_months.{s}`?"),
            None => format!("areas: {}", AREAS.join(", ")),
        };
        return Err(Error::usage(format!("unknown experience area `{area}`")).with_hint(hint));
    }
    let (kinds, name): (&[Kind], &str) = if let Some(s) = key.strip_prefix("skills.") {
        (&[Kind::Skill], s)
    } else if let Some(c) = key
        .strip_prefix("certifications.")
        .or_else(|| key.strip_prefix("certs."))
    {
        (&[Kind::Cert], c)
    } else {
        (&[Kind::Skill, Kind::Cert], key)
    };
    match cat.resolve(name, kinds) {
        Ok((Kind::Skill, id)) => Ok(Key::Skill(id)),
        Ok((_, id)) => Ok(Key::Cert(id)),
        Err(e) => {
            // A typo of a field name is more likely than of an id.
            if let Some(s) = names::closest_word(&k, KEYS.iter().copied()) {
                return Err(Error::usage(format!("unknown key `{key}`"))
                    .with_hint(format!("did you mean `{s}`?")));
            }
            Err(e)
        }
    }
}

fn degree_word(d: Degree) -> &'static str {
    match d {
        Degree::None => "none",
        Degree::Associate => "associate",
        Degree::Bachelor => "bachelor",
        Degree::Master => "master",
    }
}

pub use crate::profile::parse_level;

fn show_value(v: &Value) -> String {
    match v {
        Value::Null => "(not set)".to_string(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.as_f64().map_or(n.to_string(), crate::plan::fmt_num),
        other => other.to_string(),
    }
}

/// Applies a set (`Some(value)`) or an unset (`None`); returns the value
/// before and after, as JSON.
fn apply(cat: &Catalog, p: &mut Profile, key: &Key, value: Option<&str>) -> Result<(Value, Value)> {
    let before: Value;
    let after: Value;
    match key {
        Key::Name => {
            before = json!(p.name);
            match value {
                Some(v) if v.trim().is_empty() => {
                    return Err(Error::usage("the name is empty")
                        .with_hint("to remove the name, use `certpath profile unset name`"))
                }
                Some(v) => p.name = Some(v.trim().to_string()),
                None => {
                    p.name = None;
                    p.unmark("name");
                }
            }
            after = json!(p.name);
        }
        Key::TargetRole => {
            before = json!(p.target_role);
            match value {
                Some(v) => p.target_role = Some(cat.resolve_role(v)?.id.clone()),
                None => {
                    p.target_role = None;
                    p.unmark("target_role");
                }
            }
            after = json!(p.target_role);
        }
        Key::HoursPerWeek => {
            before = json!(p.hours_per_week);
            match value {
                Some(v) => match v.trim().parse::<f64>() {
                    Ok(h) if (1.0..=168.0).contains(&h) => p.hours_per_week = Some(h),
                    _ => {
                        return Err(Error::usage(format!(
                            "hours_per_week `{v}` is not a number from 1 to 168"
                        ))
                        .with_hint("give the study hours you have in a week, e.g. 8"))
                    }
                },
                None => {
                    p.hours_per_week = None;
                    p.unmark("hours_per_week");
                }
            }
            after = json!(p.hours_per_week);
        }
        Key::Degree => {
            before = if p.degree != Degree::None || p.has("degree") {
                json!(p.degree)
            } else {
                Value::Null
            };
            match value {
                Some(v) => {
                    let Some(d) = Degree::parse(&v.to_lowercase()) else {
                        let hint = match names::closest_word(v, Degree::WORDS.iter().copied()) {
                            Some(s) => format!(
                                "did you mean `{s}`? (one of: {})",
                                Degree::WORDS.join(", ")
                            ),
                            None => format!("use one of: {}", Degree::WORDS.join(", ")),
                        };
                        return Err(Error::data(
                            Problem::new(format!("unknown degree `{v}`")).hint(hint),
                        ));
                    };
                    p.degree = d;
                    p.mark("degree");
                    after = json!(d);
                }
                None => {
                    p.degree = Degree::None;
                    p.unmark("degree");
                    after = Value::Null;
                }
            }
        }
        Key::Experience(area) => {
            before = json!(p.experience_months.get(area));
            match value {
                Some(v) => {
                    let months = v.trim().parse::<u32>().ok().filter(|m| *m <= 100_000);
                    let Some(m) = months else {
                        return Err(Error::usage(format!(
                            "experience_months.{area} `{v}` is not a whole number of months"
                        ))
                        .with_hint("give months, e.g. 18 for a year and a half"));
                    };
                    p.experience_months.insert(area.clone(), m);
                }
                None => {
                    p.experience_months.remove(area);
                }
            }
            after = json!(p.experience_months.get(area));
        }
        Key::AllExperience => {
            before = json!(p.experience_months);
            if value.is_some() {
                return Err(Error::usage("experience_months takes an area")
                    .with_hint(format!(
                        "write `certpath profile set experience_months.AREA MONTHS` with AREA one of: {}",
                        AREAS.join(", ")
                    )));
            }
            p.experience_months.clear();
            p.unmark("experience_months");
            after = Value::Null;
        }
        Key::Skill(id) => {
            before = json!(p.skills.get(id));
            match value {
                Some(v) => {
                    let l = parse_level(v, id)?;
                    p.set_skill(id, l);
                }
                None => {
                    p.skills.remove(id);
                }
            }
            after = json!(p.skills.get(id));
        }
        Key::Cert(id) => {
            let state = |p: &Profile| match p.certifications.iter().find(|c| c.id == *id) {
                None => Value::Null,
                Some(c) => match c.earned {
                    Some(d) => json!(format!("held, earned {d}")),
                    None => json!("held"),
                },
            };
            before = state(p);
            match value {
                Some(v) => {
                    let earned = match v.trim() {
                        "held" | "yes" | "true" => None,
                        d => Some(crate::json::parse_date(d).ok_or_else(|| {
                            Error::usage(format!("`{v}` is neither `held` nor a date"))
                                .with_hint(format!(
                                    "write `certpath profile set {id} held`, or the day you earned it: `certpath profile set {id} 2025-03-14`"
                                ))
                        })?),
                    };
                    p.set_cert(id, earned);
                }
                None => {
                    p.remove_cert(id);
                }
            }
            after = state(p);
        }
        Key::History => {
            before = json!(p.history.len());
            if value.is_some() {
                return Err(Error::usage("history is written by `certpath done`")
                    .with_hint("record progress with `certpath done ID[=LEVEL]`; `certpath profile unset history` clears it"));
            }
            p.history.clear();
            p.unmark("history");
            after = json!(0);
        }
    }
    Ok((before, after))
}

/// Why a retired cert still matters, in one line.
pub fn retired_note(cat: &Catalog, id: &str) -> String {
    let repl: Vec<&str> = cat
        .active_replacements(id)
        .into_iter()
        .map(|r| cat.name_of(r))
        .collect();
    format!(
        "{} is retired; it still counts for the skills it covered, and plans name its replacement ({})",
        cat.name_of(id),
        repl.join(", ")
    )
}

fn key_name(key: &Key) -> String {
    match key {
        Key::Name => "name".into(),
        Key::TargetRole => "target_role".into(),
        Key::HoursPerWeek => "hours_per_week".into(),
        Key::Degree => "degree".into(),
        Key::Experience(a) => format!("experience_months.{a}"),
        Key::AllExperience => "experience_months".into(),
        Key::Skill(id) => format!("skills.{id}"),
        Key::Cert(id) => format!("certifications.{id}"),
        Key::History => "history".into(),
    }
}

fn edit(cfg: &Config, key: &str, value: Option<&String>) -> Result<Output> {
    let target = write_target(cfg, None)?;
    let flags = same_files(cfg);
    edit_on(cfg, key, value, target).map_err(|e| e.map_hints(|h| keep_flags(h, &flags)))
}

fn edit_on(cfg: &Config, key: &str, value: Option<&String>, target: Target) -> Result<Output> {
    let cat = cfg.load_catalog(&[])?;
    let (mut p, existed) = load(cfg, &cat, &target)?;
    let k = parse_key(&cat, key)?;
    let (before, after) = apply(&cat, &mut p, &k, value.map(String::as_str))?;
    let name = key_name(&k);
    if let (Key::Cert(id), Some(_)) = (&k, value) {
        if cat.cert(id).is_some_and(|c| c.is_retired()) {
            cfg.note(&retired_note(&cat, id));
        }
    }
    let changed = before != after || !existed;
    if changed {
        save(&cat, &target, &p)?;
        if !existed {
            cfg.note(&format!("created profile {}", target.shown()));
        }
    }
    if cfg.format == Format::Json {
        return Ok(Output::ok(render::json(&json!({
            "format": 1,
            "file": target.shown(),
            "key": name,
            "from": before,
            "to": after,
            "changed": changed,
        }))));
    }
    let text = if changed {
        format!(
            "{name}: {} -> {}\n",
            show_value(&before),
            show_value(&after)
        )
    } else {
        format!("{name}: unchanged ({})\n", show_value(&after))
    };
    // Values from the file must not drive the terminal (crate::text).
    Ok(Output::ok(crate::text::escape_lines(&text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Catalog {
        crate::catalog::fixture("small.json")
    }

    #[test]
    fn keys_resolve_fields_areas_skills_and_certs() {
        let cat = small();
        assert_eq!(
            parse_key(&cat, "hours-per-week").unwrap(),
            Key::HoursPerWeek
        );
        assert_eq!(
            parse_key(&cat, "experience_months.security").unwrap(),
            Key::Experience("security".into())
        );
        assert_eq!(
            parse_key(&cat, "basics").unwrap(),
            Key::Skill("basics".into())
        );
        assert_eq!(
            parse_key(&cat, "certs.starter").unwrap(),
            Key::Cert("starter-cert".into())
        );
        let e = parse_key(&cat, "nmae").unwrap_err();
        assert_eq!(e.code, Code::Usage);
        assert!(e.to_text().contains("`name`"), "{}", e.to_text());
        assert_eq!(
            parse_key(&cat, "experience_months.secrity")
                .unwrap_err()
                .code,
            Code::Usage
        );
        assert_eq!(
            parse_key(&cat, "zzzz-unknown").unwrap_err().code,
            Code::Data
        );
    }

    #[test]
    fn set_then_unset_returns_to_the_same_profile() {
        let cat = small();
        let mut p = Profile::default();
        let start = p.to_json();
        for (k, v) in [
            ("name", "Ada"),
            ("target_role", "small"),
            ("hours_per_week", "7.5"),
            ("degree", "bachelor"),
            ("experience_months.it", "12"),
            ("basics", "3"),
            ("starter-cert", "2025-03-14"),
        ] {
            let key = parse_key(&cat, k).unwrap();
            apply(&cat, &mut p, &key, Some(v)).unwrap();
        }
        let text = p.to_json();
        assert_eq!(Profile::parse("t", &text, &cat).unwrap().to_json(), text);
        assert!(text.contains("\"hours_per_week\": 7.5"), "{text}");
        assert!(text.contains("\"earned\": \"2025-03-14\""), "{text}");
        for k in [
            "name",
            "target_role",
            "hours_per_week",
            "degree",
            "experience_months.it",
            "basics",
            "starter-cert",
        ] {
            let key = parse_key(&cat, k).unwrap();
            apply(&cat, &mut p, &key, None).unwrap();
        }
        assert_eq!(p.to_json(), start);
    }

    #[test]
    fn bad_values_are_usage_errors_and_unknown_words_bad_data() {
        let cat = small();
        let mut p = Profile::default();
        for (k, v) in [
            ("hours_per_week", "0"),
            ("hours_per_week", "many"),
            ("starter-cert", "2025-13-01"),
            ("experience_months.it", "-3"),
            ("name", " "),
        ] {
            let key = parse_key(&cat, k).unwrap();
            let e = apply(&cat, &mut p, &key, Some(v)).unwrap_err();
            assert_eq!(e.code, Code::Usage, "{k} {v}");
        }
        // Like an unknown id: a word that names no degree or level.
        for (k, v) in [
            ("target_role", "no-such-role"),
            ("degree", "bachelors"),
            ("basics", "5"),
            ("basics", "guru"),
        ] {
            let key = parse_key(&cat, k).unwrap();
            let e = apply(&cat, &mut p, &key, Some(v)).unwrap_err();
            assert_eq!(e.code, Code::Data, "{k} {v}");
        }
        assert_eq!(p, Profile::default(), "a refused edit changes nothing");
    }

    #[test]
    fn suggested_commands_keep_the_flags() {
        assert_eq!(
            keep_flags(
                "use `certpath profile set x 2`, or `certpath done x`.",
                " --profile 'my file.json'"
            ),
            "use `certpath profile set x 2 --profile 'my file.json'`, or `certpath done x --profile 'my file.json'`."
        );
        assert_eq!(
            keep_flags("see `certpath roles`", ""),
            "see `certpath roles`"
        );
        assert_eq!(keep_flags("`certpath x", " -q"), "`certpath x");
    }

    #[test]
    fn shell_words_are_quoted_when_needed() {
        assert_eq!(shell_word("/tmp/me.json"), "/tmp/me.json");
        assert_eq!(shell_word("my file.json"), "'my file.json'");
        assert_eq!(shell_word("it's.json"), r"'it'\''s.json'");
    }
}

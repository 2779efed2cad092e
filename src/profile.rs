//! One person's self-assessment (DESIGN.md section 3).

use crate::catalog::{check_format, Catalog, Kind};
use crate::error::{Error, Result};
use crate::json::{self, index, join, Reader};
use crate::model::{Degree, AREAS, LEVEL_NAMES};
use crate::names;
use jiff::civil::Date;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub struct HeldCert {
    pub id: String,
    pub earned: Option<Date>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub date: Date,
    pub id: String,
    pub from: Value,
    pub to: Value,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Profile {
    pub name: Option<String>,
    pub skills: BTreeMap<String, u8>,
    pub certifications: Vec<HeldCert>,
    pub experience_months: BTreeMap<String, u32>,
    pub degree: Degree,
    pub hours_per_week: Option<f64>,
    pub target_role: Option<String>,
    pub history: Vec<HistoryEntry>,
    /// The file's top-level `x-*` keys: written back as they were, never
    /// read by the planner.
    pub extras: Map<String, Value>,
    /// The single-valued fields the file had (or an edit set) even when
    /// null or the default: written back as they were, so that an answered
    /// question (`"degree": "none"`, `"name": null`) stays answered and an
    /// untouched field does not appear. Lists and maps are written when
    /// not empty, so that a record taken back leaves no empty trace.
    pub explicit: BTreeSet<&'static str>,
}

/// The fields that hold one value (see `Profile::explicit`).
const SCALARS: &[&str] = &["name", "degree", "hours_per_week", "target_role"];

const FIELDS: &[&str] = &[
    "$schema",
    "format",
    "name",
    "skills",
    "certifications",
    "experience_months",
    "degree",
    "hours_per_week",
    "target_role",
    "history",
];

impl Profile {
    /// Parses and validates a profile against the catalog.
    pub fn parse(file: &str, text: &str, cat: &Catalog) -> Result<Profile> {
        let value = json::parse(file, text).map_err(Error::data)?;
        let mut r = Reader::new(file);
        let p = read(&mut r, &value, cat);
        if r.problems.is_empty() {
            Ok(p)
        } else {
            Err(Error::data_many(r.problems))
        }
    }

    pub fn holds(&self, id: &str) -> bool {
        self.certifications.iter().any(|c| c.id == id)
    }

    /// Reads and validates a profile file; `None` when there is no file.
    pub fn read_file(path: &Path, cat: &Catalog) -> Result<Option<Profile>> {
        let shown = path.display().to_string();
        let bytes = match crate::input::read_file(path) {
            Ok(b) => b,
            // A path through a file cannot hold a profile yet either.
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(None)
            }
            Err(e) => return Err(not_found(&shown, &e)),
        };
        let text = String::from_utf8(bytes).map_err(|_| {
            Error::data(crate::error::Problem::at(&shown, "", "not valid UTF-8"))
                .with_hint("save the profile as UTF-8")
        })?;
        Profile::parse(&shown, &text, cat).map(Some)
    }

    /// Whether the field is written even when empty (see `explicit`).
    pub fn has(&self, field: &str) -> bool {
        self.explicit.contains(field)
    }

    /// Marks a single-valued field as answered, so that it is written even
    /// when null or the default.
    pub fn mark(&mut self, field: &str) {
        if let Some(f) = SCALARS.iter().find(|f| **f == field) {
            self.explicit.insert(f);
        }
    }

    pub fn unmark(&mut self, field: &str) {
        self.explicit.remove(field);
    }

    /// The profile as DESIGN.md section 3 writes it: `format` first, the
    /// fields in a fixed order, empty lists and maps left out, a null or
    /// default value left out unless the file had it (see `explicit`). Pretty-printed with a final newline, so that the
    /// same profile always gives the same bytes.
    pub fn to_json(&self) -> String {
        let mut m = Map::new();
        m.insert("format".into(), json!(1));
        if self.name.is_some() || self.has("name") {
            m.insert("name".into(), json!(self.name));
        }
        if !self.skills.is_empty() {
            m.insert("skills".into(), json!(self.skills));
        }
        if !self.certifications.is_empty() {
            let certs: Vec<Value> = self
                .certifications
                .iter()
                .map(|c| match c.earned {
                    None => json!(c.id),
                    Some(d) => json!({ "id": c.id, "earned": d.to_string() }),
                })
                .collect();
            m.insert("certifications".into(), Value::Array(certs));
        }
        if !self.experience_months.is_empty() {
            m.insert("experience_months".into(), json!(self.experience_months));
        }
        if self.degree != Degree::None || self.has("degree") {
            m.insert("degree".into(), json!(self.degree));
        }
        if self.hours_per_week.is_some() || self.has("hours_per_week") {
            let h = match self.hours_per_week {
                Some(h) if h.fract() == 0.0 => json!(h as u64),
                Some(h) => json!(h),
                None => Value::Null,
            };
            m.insert("hours_per_week".into(), h);
        }
        if self.target_role.is_some() || self.has("target_role") {
            m.insert("target_role".into(), json!(self.target_role));
        }
        if !self.history.is_empty() {
            let h: Vec<Value> = self
                .history
                .iter()
                .map(|e| {
                    json!({ "date": e.date.to_string(), "id": e.id, "from": e.from, "to": e.to })
                })
                .collect();
            m.insert("history".into(), Value::Array(h));
        }
        m.extend(self.extras.iter().map(|(k, v)| (k.clone(), v.clone())));
        let mut s = serde_json::to_string_pretty(&Value::Object(m)).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Sets a skill's self-assessed level; returns the level it had.
    pub fn set_skill(&mut self, id: &str, level: u8) -> Option<u8> {
        self.skills.insert(id.to_string(), level)
    }

    /// Adds a held cert, or sets the date of one already held; returns the
    /// entry it replaced.
    pub fn set_cert(&mut self, id: &str, earned: Option<Date>) -> Option<HeldCert> {
        let new = HeldCert {
            id: id.to_string(),
            earned,
        };
        match self.certifications.iter_mut().find(|c| c.id == id) {
            Some(c) => Some(std::mem::replace(c, new)),
            None => {
                self.certifications.push(new);
                None
            }
        }
    }

    /// Removes a held cert; returns it when it was there.
    pub fn remove_cert(&mut self, id: &str) -> Option<HeldCert> {
        let i = self.certifications.iter().position(|c| c.id == id)?;
        Some(self.certifications.remove(i))
    }

    /// The most recent history entry for `id`, removed.
    pub fn take_last_history(&mut self, id: &str) -> Option<HistoryEntry> {
        let i = self.history.iter().rposition(|e| e.id == id)?;
        Some(self.history.remove(i))
    }

    /// Months in an area; every area also counts toward `it`.
    pub fn months_in(&self, area: &str) -> u32 {
        if area == "it" {
            self.experience_months.values().sum()
        } else {
            self.experience_months.get(area).copied().unwrap_or(0)
        }
    }

    /// Applies one `--have` value: `CERT` or `SKILL=LEVEL`.
    pub fn apply_have(&mut self, have: &str, cat: &Catalog) -> Result<()> {
        let (name, level) = match have.split_once('=') {
            Some((n, l)) => (n, Some(l)),
            None => (have, None),
        };
        let (kind, id) = cat.resolve(name, &[Kind::Cert, Kind::Skill])?;
        match (kind, level) {
            (Kind::Cert, None) => {
                if !self.holds(&id) {
                    self.certifications.push(HeldCert { id, earned: None });
                }
                Ok(())
            }
            (Kind::Cert, Some(_)) => Err(Error::usage(format!(
                "--have {have}: `{id}` is a certification and takes no level"
            ))
            .with_hint(format!("write --have {id}"))),
            (Kind::Skill, None) => Err(Error::usage(format!(
                "--have {have}: `{id}` is a skill and needs a level"
            ))
            .with_hint(format!(
                "write --have {id}=LEVEL with LEVEL 0-4 or its name (working)"
            ))),
            (Kind::Skill, Some(l)) => {
                let n = parse_level(l, &format!("--have {have}"))?;
                self.skills.insert(id, n);
                Ok(())
            }
            (Kind::Role, _) => unreachable!("roles are not resolved here"),
        }
    }
}

/// A skill level given by a person: 0-4 or its name (`working`, any
/// case). Anything else is an unknown level, the same kind of mistake as
/// an unknown id (exit 65), with the levels in the hint.
pub fn parse_level(s: &str, what: &str) -> Result<u8> {
    let s = s.trim();
    match s.parse::<u8>() {
        Ok(n) if n <= 4 => Ok(n),
        _ => LEVEL_NAMES
            .iter()
            .position(|n| n.eq_ignore_ascii_case(s))
            .map(|n| n as u8)
            .ok_or_else(|| {
                Error::data(
                    crate::error::Problem::new(format!("{what}: unknown level `{s}`"))
                        .hint("levels are 0 none, 1 awareness, 2 working, 3 proficient, 4 expert"),
                )
            }),
    }
}

fn unknown(r: &mut Reader, cat: &Catalog, path: &str, id: &str, kind: Kind) {
    if let Some(k) = cat.kind_of(id) {
        r.error(
            path,
            format!("`{id}` is a {}, not a {}", k.word(), kind.word()),
            Some(format!("name a {} here", kind.word())),
        );
        return;
    }
    let candidates: Vec<&str> = match kind {
        Kind::Skill => cat.skills.iter().map(|s| s.id.as_str()).collect(),
        Kind::Cert => cat.certs.iter().map(|s| s.id.as_str()).collect(),
        Kind::Role => cat.roles.iter().map(|s| s.id.as_str()).collect(),
    };
    let hint = match names::closest(id, candidates) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!(
            "list the known ids with `certpath {}s`",
            if kind == Kind::Cert {
                "cert"
            } else {
                kind.word()
            }
        ),
    };
    r.error(path, format!("unknown {} `{id}`", kind.word()), Some(hint));
}

fn read(r: &mut Reader, value: &Value, cat: &Catalog) -> Profile {
    let mut p = Profile::default();
    let Some(m) = r.object(value, "", FIELDS, &[]) else {
        return p;
    };
    p.explicit = SCALARS
        .iter()
        .copied()
        .filter(|f| m.contains_key(*f))
        .collect();
    check_format(r, m, "profile");
    p.extras = m
        .iter()
        .filter(|(k, _)| crate::json::is_extension(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    p.name = r.string(m, "", "name");
    match m.get("skills") {
        None | Some(Value::Null) => {}
        Some(Value::Object(skills)) => {
            for (id, lv) in skills {
                let path = join("skills", id);
                let level = r.level_value(lv, &path);
                if cat.skill(id).is_none() {
                    unknown(r, cat, &path, id, Kind::Skill);
                } else if let Some(level) = level {
                    p.skills.insert(id.clone(), level);
                }
            }
        }
        Some(_) => r.error(
            "skills",
            "expected an object of skill ids and levels",
            Some("write \"skills\": { \"ip-addressing\": 2 }".into()),
        ),
    }
    for (i, v) in r.array(m, "", "certifications").iter().enumerate() {
        let path = index("certifications", i);
        let (id, earned) = match v {
            Value::String(s) => (Some(s.clone()), None),
            other => match r.object(other, &path, &["id", "earned"], &["id"]) {
                Some(om) => (r.string(om, &path, "id"), r.date(om, &path, "earned")),
                None => (None, None),
            },
        };
        let Some(id) = id else { continue };
        if cat.cert(&id).is_none() {
            unknown(r, cat, &path, &id, Kind::Cert);
        } else if p.holds(&id) {
            r.error(
                &path,
                format!("`{id}` is listed twice"),
                Some("keep one entry".into()),
            );
        } else {
            p.certifications.push(HeldCert { id, earned });
        }
    }
    match m.get("experience_months") {
        None | Some(Value::Null) => {}
        Some(Value::Object(areas)) => {
            for area in areas.keys() {
                if !AREAS.contains(&area.as_str()) {
                    let hint = match names::closest_word(area, AREAS.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!("use one of: {}", AREAS.join(", ")),
                    };
                    r.error(
                        &join("experience_months", area),
                        format!("unknown experience area `{area}`"),
                        Some(hint),
                    );
                } else if let Some(n) = r.whole(areas, "experience_months", area) {
                    p.experience_months.insert(area.clone(), n);
                }
            }
        }
        Some(_) => r.error(
            "experience_months",
            "expected an object of areas and months",
            Some("write \"experience_months\": { \"security\": 12 }".into()),
        ),
    }
    if let Some(d) = r.word(m, "", "degree", Degree::WORDS) {
        p.degree = Degree::parse(&d).unwrap_or_default();
    }
    if let Some(h) = r.number(m, "", "hours_per_week") {
        if (1.0..=168.0).contains(&h) {
            p.hours_per_week = Some(h);
        } else {
            r.error(
                "hours_per_week",
                format!("{h} hours per week is outside 1-168"),
                Some("give a number from 1 to 168".into()),
            );
        }
    }
    if let Some(role) = r.string(m, "", "target_role") {
        if cat.role(&role).is_none() {
            unknown(r, cat, "target_role", &role, Kind::Role);
        } else {
            p.target_role = Some(role);
        }
    }
    for (i, v) in r.array(m, "", "history").iter().enumerate() {
        let path = index("history", i);
        let Some(hm) = r.object(v, &path, &["date", "id", "from", "to"], &["date", "id"]) else {
            continue;
        };
        let date = r.date(hm, &path, "date");
        let id = r.string(hm, &path, "id");
        if let (Some(date), Some(id)) = (date, id) {
            p.history.push(HistoryEntry {
                date,
                id,
                from: hm.get("from").cloned().unwrap_or(Value::Null),
                to: hm.get("to").cloned().unwrap_or(Value::Null),
            });
        }
    }
    p
}

/// Describes a problem found in a profile given on the command line.
pub fn not_found(path: &str, err: &std::io::Error) -> Error {
    let e = Error::read(path, err);
    if err.kind() == std::io::ErrorKind::NotFound {
        e.with_hint("check the path, or use --no-profile to start from an empty profile")
    } else {
        e
    }
}

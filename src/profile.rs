//! One person's self-assessment (DESIGN.md section 3).

use crate::catalog::{check_format, Catalog, Kind};
use crate::error::{Error, Result};
use crate::json::{self, index, join, Reader};
use crate::model::{Degree, AREAS};
use crate::names;
use jiff::civil::Date;
use serde_json::Value;
use std::collections::BTreeMap;

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
}

const FIELDS: &[&str] = &[
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
            .with_hint(format!("write --have {id}=LEVEL with LEVEL from 0 to 4"))),
            (Kind::Skill, Some(l)) => match l.parse::<u8>() {
                Ok(n) if n <= 4 => {
                    self.skills.insert(id, n);
                    Ok(())
                }
                _ => Err(
                    Error::usage(format!("--have {have}: level `{l}` is not 0-4")).with_hint(
                        "levels are 0 none, 1 awareness, 2 working, 3 proficient, 4 expert",
                    ),
                ),
            },
            (Kind::Role, _) => unreachable!("roles are not resolved here"),
        }
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
    check_format(r, m, "profile");
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

//! Browsing the catalog: roles, role, certs, cert, skills, skill.

use super::{unsupported, Output};
use crate::catalog::{Catalog, Kind, CERT_LEVELS};
use crate::cli::{CertsArgs, Format};
use crate::config::Config;
use crate::error::{Error, Problem, Result};
use crate::graph::Edge;
use crate::model::{Cert, Prereq, Role, RoleCert, Skill};
use crate::names;
use crate::plan::fmt_num;
use crate::render::doc::Doc;
use crate::render::grid::Grid;
use crate::render::{self, cert_cost, dollars};
use serde::Serialize;
use serde_json::json;

fn role_certs(cat: &Catalog, role: &Role) -> String {
    role.certifications
        .iter()
        .map(|rc| match rc {
            RoleCert::One(id) => cat.name_of(id).to_string(),
            RoleCert::AnyOf { any_of, .. } => any_of
                .iter()
                .map(|o| cat.name_of(o))
                .collect::<Vec<_>>()
                .join(" or "),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn roles(cfg: &Config) -> Result<Output> {
    let cat = cfg.load_catalog(&[])?;
    let mut roles: Vec<&Role> = cat.roles.iter().collect();
    roles.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Output::ok(match cfg.format {
        Format::Json => {
            let rows: Vec<_> = roles
                .iter()
                .map(|r| {
                    json!({
                        "id": r.id, "name": r.name, "aliases": r.aliases,
                        "skills": r.skills.len(), "certifications": r.certifications,
                    })
                })
                .collect();
            render::json(&json!({ "format": 1, "roles": rows }))
        }
        Format::Table | Format::Markdown | Format::Csv => {
            let mut g = Grid::new(&["Id", "Name", "Skills", "Certifications"])
                .keep(&[0, 2])
                .id_under(1, 0);
            for r in roles {
                g.row(vec![
                    r.id.clone(),
                    r.name.clone(),
                    r.skills.len().to_string(),
                    if cfg.format == Format::Csv {
                        role_cert_ids(r)
                    } else {
                        role_certs(&cat, r)
                    },
                ]);
            }
            match cfg.format {
                Format::Csv => g.csv(),
                Format::Markdown => Doc::new("Roles").grid(g).markdown(),
                _ => g.text(cfg),
            }
        }
        _ => return Err(unsupported(cfg, "roles", &ROWS)),
    }))
}

/// The formats of commands whose output is rows.
const ROWS: [Format; 4] = [Format::Table, Format::Json, Format::Markdown, Format::Csv];
/// The formats of commands whose output is one record.
const RECORD: [Format; 3] = [Format::Table, Format::Json, Format::Markdown];

/// `a;b|c`: certs joined with `;`, the options of an any_of with `|`.
fn role_cert_ids(role: &Role) -> String {
    role.certifications
        .iter()
        .map(|rc| rc.options().join("|"))
        .collect::<Vec<_>>()
        .join(";")
}

pub fn role(cfg: &Config, name: &str) -> Result<Output> {
    let cat = cfg.load_catalog(&[])?;
    let r = cat.resolve_role(name)?;
    Ok(Output::ok(match cfg.format {
        Format::Json => render::json(&json!({ "format": 1, "role": r })),
        Format::Table | Format::Markdown | Format::Csv => {
            let mut g = Grid::new(&["Asks for", "Kind", "Level"])
                .keep(&[1, 2])
                .title(&[0, 1]);
            let mut csv = Grid::new(&["kind", "id", "name", "level"]);
            for s in &r.skills {
                g.row(vec![
                    cat.name_of(&s.skill).to_string(),
                    "skill".into(),
                    level_name(s.level),
                ]);
                csv.row(vec![
                    "skill".into(),
                    s.skill.clone(),
                    cat.name_of(&s.skill).to_string(),
                    s.level.to_string(),
                ]);
            }
            for rc in &r.certifications {
                let names = rc
                    .options()
                    .iter()
                    .map(|o| cat.name_of(o))
                    .collect::<Vec<_>>()
                    .join(" or ");
                let kind = match rc {
                    RoleCert::One(_) => "cert",
                    RoleCert::AnyOf { .. } => "one of",
                };
                g.row(vec![names.clone(), kind.into(), String::new()]);
                csv.row(vec![
                    kind.replace(' ', "_"),
                    rc.options().join("|"),
                    names,
                    String::new(),
                ]);
            }
            let mut doc = Doc::new(format!("{} ({})", r.name, r.id));
            if let Some(d) = &r.description {
                doc.para(d.clone());
            }
            if !r.aliases.is_empty() {
                doc.para(format!("Also called: {}", r.aliases.join(", ")));
            }
            doc.grid(g);
            if let Some(n) = &r.note {
                doc.para(format!("Note: {n}"));
            }
            match cfg.format {
                Format::Csv => csv.csv(),
                Format::Markdown => doc.markdown(),
                _ => doc.text(cfg),
            }
        }
        _ => return Err(unsupported(cfg, "role", &ROWS)),
    }))
}

fn level_name(l: u8) -> String {
    format!("{l} {}", crate::model::LEVEL_NAMES[l as usize])
}

#[derive(Serialize)]
struct CertRow<'a> {
    id: &'a str,
    name: &'a str,
    vendor: &'a str,
    level: Option<&'a str>,
    status: crate::model::Status,
    exams: Vec<String>,
    cost_usd: Option<f64>,
    study_hours: Option<f64>,
    validity_years: Option<f64>,
}

pub fn certs(cfg: &Config, a: &CertsArgs) -> Result<Output> {
    let cat = cfg.load_catalog(&[])?;
    if let Some(l) = &a.level {
        if !CERT_LEVELS.iter().any(|c| c.eq_ignore_ascii_case(l)) {
            return Err(Error::data(
                Problem::new(format!("unknown level `{l}`"))
                    .hint(format!("use one of: {}", CERT_LEVELS.join(", "))),
            ));
        }
    }
    if let Some(v) = &a.vendor {
        let mut vendors: Vec<&str> = cat.certs.iter().map(|c| c.vendor.as_str()).collect();
        vendors.sort();
        vendors.dedup();
        if !vendors.iter().any(|x| x.eq_ignore_ascii_case(v)) {
            let hint = match names::closest_word(v, vendors.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("vendors: {}", vendors.join(", ")),
            };
            return Err(Error::data(
                Problem::new(format!("unknown vendor `{v}`")).hint(hint),
            ));
        }
    }
    let mut list: Vec<&Cert> = cat
        .certs
        .iter()
        .filter(|c| a.include_retired || !c.is_retired())
        .filter(|c| {
            a.vendor
                .as_ref()
                .is_none_or(|v| c.vendor.eq_ignore_ascii_case(v))
        })
        .filter(|c| {
            a.level
                .as_ref()
                .is_none_or(|l| c.level.as_ref().is_some_and(|c| c.eq_ignore_ascii_case(l)))
        })
        .collect();
    list.sort_by(|x, y| x.vendor.cmp(&y.vendor).then(x.id.cmp(&y.id)));
    Ok(Output::ok(match cfg.format {
        Format::Json => {
            let rows: Vec<CertRow> = list
                .iter()
                .map(|c| CertRow {
                    id: &c.id,
                    name: &c.name,
                    vendor: &c.vendor,
                    level: c.level.as_deref(),
                    status: c.status,
                    exams: c.exam_codes(),
                    cost_usd: c.cost(),
                    study_hours: c.study_hours,
                    validity_years: c.validity_years,
                })
                .collect();
            render::json(&json!({ "format": 1, "certifications": rows }))
        }
        Format::Csv => {
            let mut g = Grid::new(&[
                "id",
                "name",
                "vendor",
                "level",
                "status",
                "exams",
                "cost_usd",
                "study_hours",
                "validity_years",
            ]);
            for c in list {
                g.row(vec![
                    c.id.clone(),
                    c.name.clone(),
                    c.vendor.clone(),
                    c.level.clone().unwrap_or_default(),
                    if c.is_retired() { "retired" } else { "active" }.to_string(),
                    c.exam_codes().join(";"),
                    c.cost().map(fmt_num).unwrap_or_default(),
                    c.study_hours.map(fmt_num).unwrap_or_default(),
                    c.validity_years.map(fmt_num).unwrap_or_default(),
                ]);
            }
            g.csv()
        }
        Format::Table | Format::Markdown => {
            let mut g = Grid::new(&["Id", "Name", "Vendor, level", "Exams", "Cost"])
                .keep(&[0, 4])
                .id_under(1, 0)
                .bare(&[2]);
            for c in list {
                let mut name = c.name.clone();
                if c.is_retired() {
                    name.push_str(" (retired)");
                }
                g.row(vec![
                    c.id.clone(),
                    name,
                    match &c.level {
                        Some(l) => format!("{}, {l}", c.vendor),
                        None => c.vendor.clone(),
                    },
                    c.exam_codes().join(" + "),
                    cert_cost(c),
                ]);
            }
            if cfg.format == Format::Markdown {
                Doc::new("Certifications").grid(g).markdown()
            } else {
                g.text(cfg)
            }
        }
        _ => return Err(unsupported(cfg, "certs", &ROWS)),
    }))
}

fn prereq_text(cat: &Catalog, p: &Prereq) -> String {
    match p {
        Prereq::Cert { cert } => cat.name_of(cert).to_string(),
        Prereq::Skill { skill, level } => format!("{} at level {level}", cat.name_of(skill)),
        Prereq::AnyOf { any_of } => {
            format!(
                "one of {}",
                any_of
                    .iter()
                    .map(|o| cat.name_of(o))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    }
}

/// Who points at `id` and how: `(id, how)` lines.
fn used_by(cat: &Catalog, id: &str) -> Vec<serde_json::Value> {
    cat.graph()
        .dependents(id)
        .into_iter()
        .map(|(other, e)| {
            let level = match e {
                Edge::Requires(l) | Edge::Recommends(l) | Edge::RoleNeeds(l) => l,
                Edge::Covers(l) => Some(l),
                Edge::AnyOf { .. } => None,
            };
            json!({
                "id": other,
                "kind": cat.kind_of(&other).map(|k| k.word()),
                "edge": e.label(),
                "hard": e.is_hard(),
                "level": level,
            })
        })
        .collect()
}

fn used_by_text(cat: &Catalog, rows: &[serde_json::Value]) -> String {
    rows.iter()
        .map(|r| {
            let id = r["id"].as_str().unwrap_or_default();
            let mut s = format!(
                "{} ({})",
                cat.name_of(id),
                r["edge"].as_str().unwrap_or_default()
            );
            if let Some(l) = r["level"].as_u64() {
                s = format!(
                    "{} ({} level {l})",
                    cat.name_of(id),
                    r["edge"].as_str().unwrap_or_default()
                );
            }
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn cert(cfg: &Config, name: &str) -> Result<Output> {
    let cat = cfg.load_catalog(&[])?;
    let (_, id) = cat.resolve(name, &[Kind::Cert])?;
    let c = cat.cert(&id).expect("resolved");
    let users = used_by(&cat, &id);
    Ok(Output::ok(match cfg.format {
        Format::Json => render::json(&json!({ "format": 1, "certification": c, "used_by": users })),
        Format::Table | Format::Markdown => {
            let mut doc = Doc::new(format!("{} ({})", c.name, c.id));
            if let Some(d) = &c.description {
                doc.para(d.clone());
            }
            let exams = c
                .exams
                .iter()
                .map(|e| {
                    let mut s = format!("{} {}", e.code, dollars(e.cost_usd));
                    if let Some(r) = e.retires {
                        s.push_str(&format!(", retires {r}"));
                    }
                    if let Some(n) = &e.successor {
                        s.push_str(&format!(", successor {n}"));
                    }
                    s
                })
                .collect::<Vec<_>>()
                .join("; ");
            let list = |v: &[String]| {
                v.iter()
                    .map(|x| cat.name_of(x).to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let rows: Vec<(&str, String)> = vec![
                ("Vendor", c.vendor.clone()),
                ("Level", c.level.clone().unwrap_or_default()),
                ("Status", format!("{:?}", c.status).to_lowercase()),
                ("Exams", exams),
                ("Earlier exam codes", c.retired_exams.join(", ")),
                (
                    "Study hours",
                    match c.study_hours {
                        Some(h) => format!("{} on top of the covered skills", fmt_num(h)),
                        None => "unknown".to_string(),
                    },
                ),
                (
                    "Required training",
                    c.required_training
                        .as_ref()
                        .map(|t| {
                            format!(
                                "{} hours, cost {}{}",
                                fmt_num(t.hours),
                                dollars(t.cost_usd),
                                t.note
                                    .as_ref()
                                    .map(|n| format!(": {n}"))
                                    .unwrap_or_default()
                            )
                        })
                        .unwrap_or_default(),
                ),
                (
                    "Valid for",
                    c.validity_years
                        .map(|y| format!("{} years", fmt_num(y)))
                        .unwrap_or_else(|| "no expiry".into()),
                ),
                (
                    "Renewal",
                    c.renewal
                        .as_ref()
                        .map(|r| {
                            format!(
                                "{}{}{}",
                                r.by,
                                match r.grace_months {
                                    0 => String::new(),
                                    m => format!(" (late renewal up to {m} months after expiry)"),
                                },
                                r.note
                                    .as_ref()
                                    .map(|n| format!(": {n}"))
                                    .unwrap_or_default()
                            )
                        })
                        .unwrap_or_default(),
                ),
                (
                    "Annual fee",
                    c.annual_fee_usd
                        .map(|f| dollars(Some(f)))
                        .unwrap_or_default(),
                ),
                (
                    "Demand",
                    c.demand
                        .map(|d| format!("{d} job postings ask for it (see sources)"))
                        .unwrap_or_default(),
                ),
                (
                    "Covers",
                    c.covers
                        .iter()
                        .map(|s| format!("{} {}", cat.name_of(&s.skill), s.level))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                (
                    "Requires",
                    c.requires
                        .iter()
                        .map(|p| prereq_text(&cat, p))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                (
                    "Recommends",
                    c.recommends
                        .iter()
                        .map(|p| prereq_text(&cat, p))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                (
                    "Experience",
                    c.experience
                        .as_ref()
                        .map(|e| {
                            let mut s = format!(
                                "{} months of {}",
                                e.months,
                                crate::model::area_words(&e.area)
                            );
                            s.push_str(if e.before_exam {
                                ", before the exam"
                            } else {
                                ", may come after the exam"
                            });
                            for w in &e.waivers {
                                s.push_str(&format!(
                                    "; {} degree waives {} months",
                                    serde_json::to_value(w.degree)
                                        .ok()
                                        .and_then(|v| v.as_str().map(String::from))
                                        .unwrap_or_default(),
                                    w.months
                                ));
                            }
                            if let Some(n) = &e.note {
                                s.push_str(&format!(" ({n})"));
                            }
                            s
                        })
                        .unwrap_or_default(),
                ),
                ("Replaced by", list(&c.replaced_by)),
                ("Satisfies", list(&c.satisfies)),
                ("Renews", list(&c.renews)),
                ("Used by", used_by_text(&cat, &users)),
                ("Sources", c.sources.join("\n")),
                ("As of", c.as_of.clone().unwrap_or_default()),
                ("Note", c.note.clone().unwrap_or_default()),
            ];
            doc.grid(Grid::fields(&rows));
            if cfg.format == Format::Markdown {
                doc.markdown()
            } else {
                doc.text(cfg)
            }
        }
        _ => return Err(unsupported(cfg, "cert", &RECORD)),
    }))
}

pub fn skills(cfg: &Config, domain: Option<&str>) -> Result<Output> {
    let cat = cfg.load_catalog(&[])?;
    if let Some(d) = domain {
        let mut domains: Vec<&str> = cat.skills.iter().map(|s| s.domain.as_str()).collect();
        domains.sort();
        domains.dedup();
        if !domains.iter().any(|x| x.eq_ignore_ascii_case(d)) {
            let hint = match names::closest_word(d, domains.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("domains: {}", domains.join(", ")),
            };
            return Err(Error::data(
                Problem::new(format!("unknown domain `{d}`")).hint(hint),
            ));
        }
    }
    let mut list: Vec<&Skill> = cat
        .skills
        .iter()
        .filter(|s| domain.is_none_or(|d| s.domain.eq_ignore_ascii_case(d)))
        .collect();
    list.sort_by(|a, b| a.domain.cmp(&b.domain).then(a.id.cmp(&b.id)));
    Ok(Output::ok(match cfg.format {
        Format::Json => {
            let rows: Vec<_> = list
                .iter()
                .map(|s| json!({ "id": s.id, "name": s.name, "domain": s.domain, "hours": s.hours, "requires": s.requires }))
                .collect();
            render::json(&json!({ "format": 1, "skills": rows }))
        }
        Format::Csv => {
            let mut g = Grid::new(&["id", "name", "domain", "hours", "requires"]);
            for s in list {
                g.row(vec![
                    s.id.clone(),
                    s.name.clone(),
                    s.domain.clone(),
                    s.hours
                        .iter()
                        .map(|h| fmt_num(*h))
                        .collect::<Vec<_>>()
                        .join(";"),
                    s.requires
                        .iter()
                        .map(|r| format!("{}={}", r.skill, r.level))
                        .collect::<Vec<_>>()
                        .join(";"),
                ]);
            }
            g.csv()
        }
        Format::Table | Format::Markdown => {
            let mut g = Grid::new(&["Id", "Name", "Domain", "Hours to 4", "Requires"])
                .keep(&[0, 3])
                .id_under(1, 0);
            for s in list {
                g.row(vec![
                    s.id.clone(),
                    s.name.clone(),
                    s.domain.clone(),
                    fmt_num(s.hours.iter().sum()),
                    s.requires
                        .iter()
                        .map(|r| format!("{} {}", r.skill, r.level))
                        .collect::<Vec<_>>()
                        .join(", "),
                ]);
            }
            if cfg.format == Format::Markdown {
                Doc::new("Skills").grid(g).markdown()
            } else {
                g.text(cfg)
            }
        }
        _ => return Err(unsupported(cfg, "skills", &ROWS)),
    }))
}

pub fn skill(cfg: &Config, name: &str) -> Result<Output> {
    let cat = cfg.load_catalog(&[])?;
    let (_, id) = cat.resolve(name, &[Kind::Skill])?;
    let s = cat.skill(&id).expect("resolved");
    let users = used_by(&cat, &id);
    Ok(Output::ok(match cfg.format {
        Format::Json => render::json(&json!({ "format": 1, "skill": s, "unlocks": users })),
        Format::Table | Format::Markdown => {
            let mut doc = Doc::new(format!("{} ({})", s.name, s.id));
            if let Some(d) = &s.description {
                doc.para(d.clone());
            }
            let hours = (0..4)
                .map(|i| format!("{}->{}: {}", i, i + 1, fmt_num(s.hours[i])))
                .collect::<Vec<_>>()
                .join(", ");
            let rows: Vec<(&str, String)> = vec![
                ("Domain", s.domain.clone()),
                ("Hours", hours),
                (
                    "Requires",
                    s.requires
                        .iter()
                        .map(|r| format!("{} at level {}", cat.name_of(&r.skill), r.level))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                ("Unlocks", used_by_text(&cat, &users)),
                ("Note", s.note.clone().unwrap_or_default()),
            ];
            doc.grid(Grid::fields(&rows));
            if cfg.format == Format::Markdown {
                doc.markdown()
            } else {
                doc.text(cfg)
            }
        }
        _ => return Err(unsupported(cfg, "skill", &RECORD)),
    }))
}

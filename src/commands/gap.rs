//! `certpath gap`: each requirement of the role, what the person has, and
//! readiness.

use super::{target_role, Output, Setup};
use crate::catalog::Catalog;
use crate::cli::{Format, GapArgs};
use crate::config::Config;
use crate::error::Result;
use crate::model::{Degree, Experience, Role, RoleCert, SkillLevel, LEVEL_NAMES};
use crate::plan::{Have, RoleRef, Standing};
use crate::render;
use crate::render::doc::Doc;
use crate::render::grid::Grid;
use serde::Serialize;
use serde_json::{json, Value};

#[derive(Debug, Serialize)]
pub struct Gap {
    pub format: u32,
    pub role: RoleRef,
    pub readiness_percent: u32,
    pub requirements: Vec<Requirement>,
    /// Skills the role marks optional: useful, not asked for, not counted
    /// (present when the role has some).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Requirement>,
    /// Held certs whose validity has run out: they count for their
    /// skills, not for requirements.
    pub lapsed: Vec<Lapsed>,
}

#[derive(Debug, Serialize)]
pub struct Lapsed {
    pub id: String,
    pub name: String,
    pub earned: jiff::civil::Date,
    pub expired: jiff::civil::Date,
}

#[derive(Debug, Serialize)]
pub struct Requirement {
    pub kind: &'static str,
    pub id: String,
    pub name: String,
    pub need: Value,
    pub have: Value,
    pub met: bool,
    /// The cert held for a cert or any_of requirement, and the cert whose
    /// `satisfies` stands in for it, as ids (CSV columns).
    #[serde(skip)]
    pub held: Option<String>,
    #[serde(skip)]
    pub via: Option<String>,
}

pub fn run(cfg: &Config, args: &GapArgs) -> Result<Output> {
    let setup = Setup::load(cfg)?;
    let role = target_role(&setup.cat, &setup.profile, &args.choice)?;
    let planner = setup.planner(cfg, &args.choice, None, None)?;
    let standing = planner.standing(role);
    let gap = gap(&setup.cat, &planner.have, role, &standing, cfg.today);
    Ok(Output::ok(match cfg.format {
        Format::Json => render::json(&gap),
        Format::Table => gap_table(cfg, &gap),
        Format::Markdown => gap_doc(&gap).markdown(),
        Format::Csv => gap_csv(&gap),
        _ => {
            return Err(super::unsupported(
                cfg,
                "gap",
                &[Format::Table, Format::Json, Format::Markdown, Format::Csv],
            ))
        }
    }))
}

/// The role's requirements against what the person has.
pub fn gap(
    cat: &Catalog,
    have: &Have,
    role: &Role,
    standing: &Standing,
    today: jiff::civil::Date,
) -> Gap {
    let mut reqs = Vec::new();
    for s in &role.skills {
        reqs.push(skill_requirement(cat, have, s));
    }
    let mut suggestions = Vec::new();
    for ch in &role.skill_choices {
        if ch.optional {
            suggestions.extend(ch.any_of.iter().map(|s| skill_requirement(cat, have, s)));
            continue;
        }
        let held = ch.any_of.iter().find(|s| have.level(&s.skill) >= s.level);
        reqs.push(Requirement {
            kind: "any_of",
            id: format!(
                "any_of:{}",
                ch.any_of
                    .iter()
                    .map(|s| s.skill.as_str())
                    .collect::<Vec<_>>()
                    .join("|")
            ),
            name: format!(
                "one of: {}",
                ch.any_of
                    .iter()
                    .map(|s| format!("{} {}", cat.name_of(&s.skill), s.level))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            need: json!(ch.any_of),
            have: held.map_or(Value::Null, |s| json!(s.skill)),
            met: held.is_some(),
            held: None,
            via: None,
        });
    }
    let mut experience_of = Vec::new();
    for rc in &role.certifications {
        // A retired cert stands for its replacements.
        let mut options: Vec<&str> = Vec::new();
        for o in rc.options() {
            options.push(o);
            if cat.cert(o).is_some_and(|c| c.is_retired()) {
                options.extend(cat.active_replacements(o));
            }
        }
        let held = options.iter().copied().find(|o| have.holds(o));
        let degree = rc.degree().filter(|d| have.degree >= *d);
        let have_value = match (held, degree) {
            (Some(h), _) => match have.via.get(h) {
                Some(v) => json!(format!("satisfied by {v}")),
                None => json!(h),
            },
            (None, Some(_)) => json!(format!("{} degree", Degree::WORDS[have.degree as usize])),
            (None, None) => lapsed_value(cat, have, &options, today),
        };
        let met = held.is_some() || degree.is_some();
        let via = held.and_then(|h| have.via.get(h)).map(|v| v.to_string());
        match rc {
            RoleCert::One(id) => reqs.push(Requirement {
                kind: "cert",
                id: id.clone(),
                name: cat.name_of(id).to_string(),
                need: json!("held"),
                have: have_value,
                met,
                held: held.map(String::from),
                via: via.clone(),
            }),
            RoleCert::AnyOf { any_of, degree } => reqs.push(Requirement {
                kind: "any_of",
                id: format!("any_of:{}", any_of.join("|")),
                name: format!(
                    "one of: {}{}",
                    any_of
                        .iter()
                        .map(|o| cat.name_of(o))
                        .collect::<Vec<_>>()
                        .join(", "),
                    degree
                        .map(|d| format!(", or {} or higher", render::degree(d)))
                        .unwrap_or_default()
                ),
                need: json!(rc)["any_of"].take(),
                have: have_value,
                met,
                held: held.map(String::from),
                via,
            }),
        }
        if !met {
            // The option the plan chose (or the only one).
            if let Some(o) = options
                .iter()
                .find(|o| standing.planned.contains(**o))
                .or(options.first())
            {
                experience_of.push(o.to_string());
            }
        }
    }
    for id in experience_of {
        let Some(cert) = cat.cert(&id) else { continue };
        let Some(exp) = &cert.experience else {
            continue;
        };
        reqs.push(experience_requirement(have, exp, &id, &cert.name));
    }
    if let Some(exp) = &role.experience {
        reqs.push(experience_requirement(have, exp, &role.id, &role.name));
    }
    let lapsed = have
        .lapsed(cat, today)
        .into_iter()
        .map(|(c, expired)| Lapsed {
            id: c.id.clone(),
            name: c.name.clone(),
            earned: have.earned[c.id.as_str()],
            expired,
        })
        .collect();
    Gap {
        format: 1,
        role: standing.role.clone(),
        readiness_percent: standing.readiness_percent,
        requirements: reqs,
        suggestions,
        lapsed,
    }
}

/// The months of `exp` the cert or role `id` (named `name`) asks for,
/// against what the person has.
fn experience_requirement(have: &Have, exp: &Experience, id: &str, name: &str) -> Requirement {
    let need = exp.months_for(have.degree);
    let h = have.months_in(&exp.area);
    Requirement {
        kind: "experience",
        id: format!("experience:{id}"),
        name: exp.label(name),
        need: json!(need),
        have: json!(h),
        met: h >= need,
        held: None,
        via: None,
    }
}

fn skill_requirement(cat: &Catalog, have: &Have, s: &SkillLevel) -> Requirement {
    let h = have.level(&s.skill);
    Requirement {
        kind: "skill",
        id: s.skill.clone(),
        name: cat.name_of(&s.skill).to_string(),
        need: json!(s.level),
        have: json!(h),
        met: h >= s.level,
        held: None,
        via: None,
    }
}

/// `lapsed on DATE` for an option the profile holds but let lapse.
fn lapsed_value(cat: &Catalog, have: &Have, options: &[&str], today: jiff::civil::Date) -> Value {
    have.lapsed(cat, today)
        .into_iter()
        .find(|(c, _)| options.contains(&c.id.as_str()))
        .map_or(Value::Null, |(c, d)| {
            json!(format!("{} lapsed on {d}", c.id))
        })
}

fn show(kind: &str, v: &Value) -> String {
    match (kind, v) {
        ("skill", Value::Number(n)) => {
            let l = n.as_u64().unwrap_or(0) as usize;
            format!("{l} {}", LEVEL_NAMES.get(l).copied().unwrap_or(""))
        }
        ("experience", Value::Number(n)) => format!("{n} months"),
        ("any_of", Value::Array(_)) => "one of them".to_string(),
        (_, Value::String(s)) => s.clone(),
        (_, Value::Null) => "-".to_string(),
        (_, other) => other.to_string(),
    }
}

/// The gap as a table, with the count of what is missing.
/// The gap as a document, for the terminal or Markdown.
pub fn gap_doc(gap: &Gap) -> Doc {
    let mut g = Grid::new(&["Requirement", "Kind", "Need", "Have", "Met"])
        .keep(&[1, 4])
        .title(&[0, 1]);
    for r in &gap.requirements {
        g.row(vec![
            r.name.clone(),
            r.kind.replace('_', " "),
            show(r.kind, &r.need),
            show(r.kind, &r.have),
            if r.met { "yes" } else { "no" }.to_string(),
        ]);
        if !r.met {
            g.alert(4);
        }
    }
    let mut doc = Doc::new(format!("Gap to {} ({})", gap.role.name, gap.role.id));
    doc.grid(g);
    let missing = gap.requirements.iter().filter(|r| !r.met).count();
    doc.para(format!(
        "{missing} of {} requirements missing; readiness {}%",
        gap.requirements.len(),
        gap.readiness_percent
    ));
    let useful: Vec<String> = gap
        .suggestions
        .iter()
        .filter(|s| !s.met)
        .map(|s| format!("{} to level {}", s.name, s.need))
        .collect();
    if !useful.is_empty() {
        doc.para(format!(
            "Also useful, not required (not counted): {}",
            useful.join(", ")
        ));
    }
    for l in &gap.lapsed {
        doc.para(format!(
            "Lapsed: {} (earned {}, expired {}): it counts for its skills but no longer counts as held; renew or retake it",
            l.name, l.earned, l.expired
        ));
    }
    doc
}

pub fn gap_table(cfg: &Config, gap: &Gap) -> String {
    gap_doc(gap).text(cfg)
}

/// One CSV row per requirement with plain values: `need` and `have` are
/// numbers (levels for skills, months for experience, in `unit`), empty
/// for certs; `status` says where the requirement stands (`met`,
/// `missing`, `held`, `satisfied` when another cert stands in for it,
/// named in `held_via`); `options` lists an any_of's cert ids.
pub fn gap_csv(gap: &Gap) -> String {
    let mut g = Grid::new(&[
        "kind",
        "id",
        "name",
        "need",
        "have",
        "unit",
        "status",
        "met",
        "options",
        "held_cert",
        "held_via",
    ]);
    let num = |v: &Value| v.as_u64().map(|n| n.to_string()).unwrap_or_default();
    for r in &gap.requirements {
        let numeric = match r.kind {
            "skill" => Some("level"),
            "experience" => Some("months"),
            _ => None,
        };
        let (need, have, unit) = match numeric {
            Some(unit) => (num(&r.need), num(&r.have), unit.to_string()),
            None => Default::default(),
        };
        let status = match (numeric, r.met, &r.via) {
            (Some(_), true, _) => "met",
            (_, false, _) => "missing",
            (None, true, Some(_)) => "satisfied",
            (None, true, None) => "held",
        };
        let options = if r.kind == "any_of" {
            r.need
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|x| match x {
                            Value::String(s) => s.clone(),
                            Value::Object(o) if o.contains_key("degree") => {
                                format!("degree={}", o["degree"].as_str().unwrap_or_default())
                            }
                            Value::Object(o) => format!(
                                "{}={}",
                                o.get("skill").and_then(Value::as_str).unwrap_or_default(),
                                o.get("level").unwrap_or(&Value::Null)
                            ),
                            other => other.to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join(";")
                })
                .unwrap_or_default()
        } else {
            String::new()
        };
        g.row(vec![
            r.kind.to_string(),
            r.id.clone(),
            r.name.clone(),
            need,
            have,
            unit,
            status.to_string(),
            r.met.to_string(),
            options,
            r.held.clone().unwrap_or_default(),
            r.via.clone().unwrap_or_default(),
        ]);
    }
    g.csv()
}

//! The catalog and profile types (DESIGN.md sections 2 and 3).

use jiff::civil::Date;
use serde::Serialize;

/// The experience areas, one list everywhere.
pub const AREAS: &[&str] = &[
    "support",
    "networking",
    "systems",
    "security",
    "cloud",
    "database",
    "development",
    "project-management",
    "audit",
    "it",
];

pub const LEVEL_NAMES: [&str; 5] = ["none", "awareness", "working", "proficient", "expert"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Degree {
    #[default]
    None,
    Associate,
    Bachelor,
    Master,
}

impl Degree {
    pub const WORDS: &'static [&'static str] = &["none", "associate", "bachelor", "master"];

    pub fn parse(s: &str) -> Option<Degree> {
        Some(match s {
            "none" => Degree::None,
            "associate" => Degree::Associate,
            "bachelor" => Degree::Bachelor,
            "master" => Degree::Master,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillLevel {
    pub skill: String,
    pub level: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skill {
    pub id: String,
    pub name: String,
    pub domain: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(serialize_with = "crate::render::num4")]
    pub hours: [f64; 4],
    pub requires: Vec<SkillLevel>,
    /// Skills this one is the same as, up to a level: holding either
    /// counts as holding the other at that level (both ways).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub same_as: Vec<SkillLevel>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Skill {
    /// Hours to go from level `from` to level `to`.
    pub fn hours_between(&self, from: u8, to: u8) -> f64 {
        (from..to).map(|i| self.hours[i as usize]).sum()
    }
}

/// A prerequisite: a cert, a skill at a level, or one of several certs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Prereq {
    Cert { cert: String },
    Skill { skill: String, level: u8 },
    AnyOf { any_of: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exam {
    pub code: String,
    #[serde(serialize_with = "crate::render::opt_num")]
    pub cost_usd: Option<f64>,
    pub retires: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Renewal {
    pub by: String,
    /// Months after expiry during which the vendor still accepts a late
    /// renewal (PMI's suspension year); 0: an expired cert is earned again.
    #[serde(skip_serializing_if = "is_zero")]
    pub grace_months: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Training {
    #[serde(serialize_with = "crate::render::num")]
    pub hours: f64,
    #[serde(serialize_with = "crate::render::opt_num")]
    pub cost_usd: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waiver {
    pub degree: Degree,
    pub months: u32,
}

/// An experience area as people write it: `it` is "IT", and hyphens are
/// spaces (`project-management` is "project management").
pub fn area_words(area: &str) -> String {
    if area.eq_ignore_ascii_case("it") {
        "IT".to_string()
    } else {
        area.replace('-', " ")
    }
}

/// Experience a cert or a role asks for. On a role, `before_exam` has no
/// meaning and is always true.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Experience {
    pub months: u32,
    pub area: String,
    pub before_exam: bool,
    pub waivers: Vec<Waiver>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A role's experience as the catalog format has it: no `before_exam`.
fn role_experience<S: serde::Serializer>(x: &Option<Experience>, s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct RoleExperience<'a> {
        months: u32,
        area: &'a str,
        waivers: &'a [Waiver],
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<&'a str>,
    }
    match x {
        None => s.serialize_none(),
        Some(x) => serde::Serialize::serialize(
            &RoleExperience {
                months: x.months,
                area: &x.area,
                waivers: &x.waivers,
                note: x.note.as_deref(),
            },
            s,
        ),
    }
}

impl Experience {
    /// The name of this experience as something to gain for `of` (a cert
    /// or a role): "IT experience for Cloud Architect".
    pub fn label(&self, of: &str) -> String {
        format!("{} experience for {of}", area_words(&self.area))
    }

    /// Months this person needs, after the best waiver their degree earns.
    pub fn months_for(&self, degree: Degree) -> u32 {
        let off = self
            .waivers
            .iter()
            .filter(|w| degree >= w.degree)
            .map(|w| w.months)
            .max()
            .unwrap_or(0);
        self.months.saturating_sub(off)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Active,
    Retired,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cert {
    pub id: String,
    pub name: String,
    pub vendor: String,
    pub level: Option<String>,
    pub exams: Vec<Exam>,
    pub retired_exams: Vec<String>,
    /// Exam preparation on top of the covered skills; `None` when the
    /// catalog does not know it (never counted as 0 when choosing).
    #[serde(serialize_with = "crate::render::opt_num")]
    pub study_hours: Option<f64>,
    #[serde(serialize_with = "crate::render::opt_num")]
    pub validity_years: Option<f64>,
    /// `validity_years` holds for certs earned on or after this day;
    /// earlier ones stay valid for life (a vendor that starts renewals).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validity_from: Option<Date>,
    pub renewal: Option<Renewal>,
    pub required_training: Option<Training>,
    #[serde(serialize_with = "crate::render::opt_num")]
    pub annual_fee_usd: Option<f64>,
    pub covers: Vec<SkillLevel>,
    pub requires: Vec<Prereq>,
    pub recommends: Vec<Prereq>,
    pub experience: Option<Experience>,
    pub status: Status,
    pub replaced_by: Vec<String>,
    pub satisfies: Vec<String>,
    pub renews: Vec<String>,
    pub sources: Vec<String>,
    pub as_of: Option<String>,
    /// How many job postings ask for it, from a survey named in `sources`
    /// (CyberSeek, a vendor's report): ranks the options of an any_of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demand: Option<u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Cert {
    /// How the cert is renewed (`ce`, `retake`, ...): a cert that says
    /// nothing is sat again.
    pub fn renewal_by(&self) -> &str {
        self.renewal.as_ref().map_or("retake", |r| r.by.as_str())
    }

    pub fn is_retired(&self) -> bool {
        self.status == Status::Retired
    }

    /// Exam fees plus mandatory training; `None` when any part is unknown.
    pub fn cost(&self) -> Option<f64> {
        let mut total = 0.0;
        for e in &self.exams {
            total += e.cost_usd?;
        }
        if let Some(t) = &self.required_training {
            total += t.cost_usd?;
        }
        Some(total)
    }

    /// The known part of the cost: exams and training whose price is known.
    pub fn known_cost(&self) -> f64 {
        let exams: f64 = self.exams.iter().filter_map(|e| e.cost_usd).sum();
        exams
            + self
                .required_training
                .as_ref()
                .and_then(|t| t.cost_usd)
                .unwrap_or(0.0)
    }

    /// Exam preparation plus mandatory training hours; an unknown
    /// `study_hours` counts 0 here (see [`Cert::hours_known`]).
    pub fn prep_hours(&self) -> f64 {
        self.study_hours.unwrap_or(0.0) + self.required_training.as_ref().map_or(0.0, |t| t.hours)
    }

    /// Whether the catalog knows the exam preparation hours.
    pub fn hours_known(&self) -> bool {
        self.study_hours.is_some()
    }

    pub fn exam_codes(&self) -> Vec<String> {
        self.exams.iter().map(|e| e.code.clone()).collect()
    }
}

/// A role's cert requirement: one cert, or any of several; an any_of may
/// also accept a degree in place of a cert (`{ "degree": "bachelor" }`).
#[derive(Debug, Clone, PartialEq)]
pub enum RoleCert {
    One(String),
    AnyOf {
        any_of: Vec<String>,
        /// A degree at this level or higher meets the requirement.
        degree: Option<Degree>,
    },
}

impl RoleCert {
    /// The certs that meet the requirement.
    pub fn options(&self) -> &[String] {
        match self {
            RoleCert::One(id) => std::slice::from_ref(id),
            RoleCert::AnyOf { any_of, .. } => any_of,
        }
    }

    /// The degree that meets the requirement instead of a cert, if any.
    pub fn degree(&self) -> Option<Degree> {
        match self {
            RoleCert::One(_) => None,
            RoleCert::AnyOf { degree, .. } => *degree,
        }
    }
}

impl Serialize for RoleCert {
    /// As the catalog writes it: an id, or `{ "any_of": [ID, ...,
    /// { "degree": D }] }`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            RoleCert::One(id) => s.serialize_str(id),
            RoleCert::AnyOf { any_of, degree } => {
                let mut items: Vec<serde_json::Value> =
                    any_of.iter().map(|c| serde_json::json!(c)).collect();
                if let Some(d) = degree {
                    items.push(serde_json::json!({ "degree": d }));
                }
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("any_of", &items)?;
                m.end()
            }
        }
    }
}

/// A role's skill requirement beyond its plain `skills`: one of several
/// skills (`any_of`), or a skill only suggested (`optional`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillChoice {
    pub any_of: Vec<SkillLevel>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Role {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Skills the role asks for, each at its level.
    pub skills: Vec<SkillLevel>,
    /// Skills asked for as one of several, and skills only suggested
    /// (`optional`: shown, never planned, not counted in readiness).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skill_choices: Vec<SkillChoice>,
    pub certifications: Vec<RoleCert>,
    /// Work experience the role asks for (senior roles). Written without
    /// `before_exam`, which a role's experience does not accept.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "role_experience"
    )]
    pub experience: Option<Experience>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where each of `skills`, then each of `skill_choices`, stands in the
    /// file's `skills` list: for messages.
    #[serde(skip)]
    pub skill_places: Vec<usize>,
}

impl Role {
    /// The skill choices the role requires (not the optional ones).
    pub fn required_choices(&self) -> impl Iterator<Item = &SkillChoice> {
        self.skill_choices.iter().filter(|c| !c.optional)
    }

    /// The skills only suggested.
    pub fn optional_skills(&self) -> impl Iterator<Item = &SkillChoice> {
        self.skill_choices.iter().filter(|c| c.optional)
    }
}

#[cfg(test)]
mod tests {
    use super::area_words;

    #[test]
    fn experience_areas_read_as_people_write_them() {
        assert_eq!(area_words("it"), "IT");
        assert_eq!(area_words("project-management"), "project management");
        assert_eq!(area_words("networking"), "networking");
    }
}

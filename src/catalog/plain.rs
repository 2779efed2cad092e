//! The fast path of loading: entries as they usually are, parsed straight
//! from their text into typed structs, without a tree of values between.
//!
//! Each reader here takes only what the full reader of its kind
//! (`read_skill`, `read_cert`, `read_role`) accepts without a word, and
//! gives exactly what that reader would. Anything else (a field it does
//! not know, an `x-*` key, a repeated key, a wrong type, a value out of
//! range, a number written as `2.0`) is `None`, and the full reader then
//! reads the entry and says what is wrong with it. Nulls count as absent,
//! as they do there.

use super::{CERT_LEVELS, RENEWAL_BY};
use crate::json::{self, MAX_HOURS, MAX_MONTHS, MAX_YEARS};
use crate::model::*;
use crate::names;
use serde::de::value::MapAccessDeserializer;
use serde::{Deserialize, Deserializer};

mod quick;

/// The most a price may be (`Reader::number`).
const MAX_USD: f64 = 1e9;

/// A whole catalog file in one pass, when every entry in it takes the
/// fast path and `new` takes every id (an id loaded before makes a
/// patch); `None` when anything needs the full readers. The top level
/// may have `$schema` (a string), `format` 1 and the three lists.
pub(super) fn file(text: &str, new: impl Fn(&str) -> bool) -> Option<Entries> {
    // Editors on Windows may save a byte-order mark; it is not content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let f: FileEntry = match quick::file(text) {
        Some(f) => f,
        None => serde_json::from_str(text).ok()?,
    };
    if !matches!(f.format, None | Some(Some(1))) {
        return None;
    }
    fn all<E, T>(
        list: Option<Vec<E>>,
        read: impl Fn(E) -> Option<T>,
        id: impl Fn(&T) -> &str,
        new: &impl Fn(&str) -> bool,
    ) -> Option<Vec<T>> {
        list.unwrap_or_default()
            .into_iter()
            .map(|e| read(e).filter(|x| new(id(x))))
            .collect()
    }
    Some(Entries {
        skills: all(f.skills, SkillEntry::read, |x| &x.id, &new)?,
        certs: all(f.certifications, CertEntry::read, |x| &x.id, &new)?,
        roles: all(f.roles, RoleEntry::read, |x| &x.id, &new)?,
    })
}

/// A catalog file whose top level is as `read_top` accepts it without a
/// word.
#[derive(Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
struct FileEntry {
    #[serde(rename = "$schema")]
    _schema: Option<String>,
    /// Null is an unknown format, not an absent one.
    #[serde(default, deserialize_with = "given")]
    format: Option<Option<u64>>,
    skills: Option<Vec<SkillEntry>>,
    certifications: Option<Vec<CertEntry>>,
    roles: Option<Vec<RoleEntry>>,
}

/// The entries of a file, in its order.
pub(super) struct Entries {
    pub skills: Vec<Skill>,
    pub certs: Vec<Cert>,
    pub roles: Vec<Role>,
}

/// A skill: the fields `read_skill` knows but `same_as` and `replace`,
/// the id valid, four hours in range, levels 0-4.
pub(super) fn skill(raw: &str) -> Option<Skill> {
    quick::skill_entry(raw)
        .or_else(|| serde_json::from_str::<SkillEntry>(raw).ok())?
        .read()
}

#[derive(Deserialize, Default, Debug, PartialEq)]
#[serde(remote = "Self", deny_unknown_fields)]
pub(super) struct SkillEntry {
    id: Option<String>,
    name: Option<String>,
    domain: Option<String>,
    description: Option<String>,
    hours: Option<Vec<f64>>,
    requires: Option<Vec<Level>>,
    aliases: Option<Vec<String>>,
    note: Option<String>,
}

impl SkillEntry {
    fn read(self) -> Option<Skill> {
        let hours: [f64; 4] = self.hours?.try_into().ok()?;
        if !hours.iter().all(|h| in_range(Some(*h), MAX_HOURS)) {
            return None;
        }
        Some(Skill {
            id: self.id.filter(|id| names::valid_id(id))?,
            name: self.name?,
            domain: self.domain?,
            description: self.description,
            hours,
            requires: levels(self.requires)?,
            same_as: Vec::new(),
            aliases: self.aliases.unwrap_or_default(),
            note: self.note,
        })
    }
}

/// A certification: the fields `read_cert` knows but `replace`, each of
/// the right type and in range, the words among those allowed, dates
/// that are dates, at least one exam.
pub(super) fn cert(raw: &str) -> Option<Cert> {
    quick::cert_entry(raw)
        .or_else(|| serde_json::from_str::<CertEntry>(raw).ok())?
        .read()
}

#[derive(Deserialize, Default, Debug, PartialEq)]
#[serde(remote = "Self", deny_unknown_fields)]
pub(super) struct CertEntry {
    id: Option<String>,
    name: Option<String>,
    vendor: Option<String>,
    level: Option<String>,
    exams: Option<Vec<PlainExam>>,
    retired_exams: Option<Vec<String>>,
    study_hours: Option<f64>,
    validity_years: Option<f64>,
    validity_from: Option<String>,
    renewal: Option<PlainRenewal>,
    required_training: Option<PlainTraining>,
    annual_fee_usd: Option<f64>,
    covers: Option<Vec<Level>>,
    requires: Option<Vec<PlainPrereq>>,
    recommends: Option<Vec<PlainPrereq>>,
    experience: Option<PlainExperience>,
    status: Option<String>,
    replaced_by: Option<Vec<String>>,
    satisfies: Option<Vec<String>>,
    renews: Option<Vec<String>>,
    sources: Option<Vec<String>>,
    as_of: Option<String>,
    demand: Option<u64>,
    aliases: Option<Vec<String>>,
    description: Option<String>,
    note: Option<String>,
}

#[derive(Deserialize, Default, Debug, PartialEq)]
#[serde(remote = "Self", deny_unknown_fields)]
struct PlainExam {
    code: Option<String>,
    cost_usd: Option<f64>,
    retires: Option<String>,
    successor: Option<String>,
}

#[derive(Deserialize, Default, Debug, PartialEq)]
#[serde(remote = "Self", deny_unknown_fields)]
struct PlainRenewal {
    by: Option<String>,
    grace_months: Option<u64>,
    note: Option<String>,
}

#[derive(Deserialize, Default, Debug, PartialEq)]
#[serde(remote = "Self", deny_unknown_fields)]
struct PlainTraining {
    hours: Option<f64>,
    cost_usd: Option<f64>,
    note: Option<String>,
}

#[derive(Deserialize, Default, Debug, PartialEq)]
#[serde(remote = "Self", deny_unknown_fields)]
struct PlainPrereq {
    cert: Option<String>,
    skill: Option<String>,
    level: Option<u64>,
    any_of: Option<Vec<String>>,
}

#[derive(Deserialize, Default, Debug, PartialEq)]
#[serde(remote = "Self", deny_unknown_fields)]
struct PlainExperience {
    months: Option<u64>,
    area: Option<String>,
    before_exam: Option<bool>,
    waivers: Option<Vec<PlainWaiver>>,
    note: Option<String>,
}

fn prereqs(list: Option<Vec<PlainPrereq>>) -> Option<Vec<Prereq>> {
    list.unwrap_or_default()
        .into_iter()
        .map(|p| match (p.cert, p.skill, p.level, p.any_of) {
            (Some(cert), None, None, None) => Some(Prereq::Cert { cert }),
            (None, Some(skill), Some(level), None) => Some(Prereq::Skill {
                skill,
                level: level_of(level)?,
            }),
            (None, None, None, Some(any_of)) if !any_of.is_empty() => {
                Some(Prereq::AnyOf { any_of })
            }
            _ => None,
        })
        .collect()
}

impl CertEntry {
    fn read(self) -> Option<Cert> {
        let exams = self
            .exams
            .filter(|e| !e.is_empty())?
            .into_iter()
            .map(|e| {
                Some(Exam {
                    code: e.code?,
                    cost_usd: usd(e.cost_usd)?,
                    retires: date(e.retires)?,
                    successor: e.successor,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let renewal = match self.renewal {
            None => None,
            Some(r) => Some(Renewal {
                by: r.by.filter(|b| RENEWAL_BY.contains(&b.as_str()))?,
                grace_months: months(r.grace_months)?.unwrap_or(0),
                note: r.note,
            }),
        };
        let required_training = match self.required_training {
            None => None,
            Some(t) => Some(Training {
                hours: t.hours.filter(|h| in_range(Some(*h), MAX_HOURS))?,
                cost_usd: usd(t.cost_usd)?,
                note: t.note,
            }),
        };
        let experience = match self.experience {
            None => None,
            Some(x) => Some(experience(
                x.months,
                x.area,
                x.before_exam.unwrap_or(true),
                x.waivers,
                x.note,
            )?),
        };
        let status = match self.status.as_deref() {
            None | Some("active") => Status::Active,
            Some("retired") => Status::Retired,
            Some(_) => return None,
        };
        if let Some(a) = &self.as_of {
            if json::parse_date(a).is_none() && json::parse_date(&format!("{a}-01")).is_none() {
                return None;
            }
        }
        if !(in_range(self.study_hours, MAX_HOURS) && in_range(self.validity_years, MAX_YEARS)) {
            return None;
        }
        if self
            .level
            .as_deref()
            .is_some_and(|l| !CERT_LEVELS.contains(&l))
        {
            return None;
        }
        Some(Cert {
            id: self.id.filter(|id| names::valid_id(id))?,
            name: self.name?,
            vendor: self.vendor?,
            level: self.level,
            exams,
            retired_exams: self.retired_exams.unwrap_or_default(),
            study_hours: self.study_hours,
            validity_years: self.validity_years,
            validity_from: date(self.validity_from)?,
            renewal,
            required_training,
            annual_fee_usd: usd(self.annual_fee_usd)?,
            covers: levels(self.covers)?,
            requires: prereqs(self.requires)?,
            recommends: prereqs(self.recommends)?,
            experience,
            status,
            replaced_by: self.replaced_by.unwrap_or_default(),
            satisfies: self.satisfies.unwrap_or_default(),
            renews: self.renews.unwrap_or_default(),
            sources: self.sources.unwrap_or_default(),
            as_of: self.as_of,
            demand: months(self.demand)?.map(u64::from),
            aliases: self.aliases.unwrap_or_default(),
            description: self.description,
            note: self.note,
        })
    }
}

/// A role: the fields `read_role` knows but `replace`; skills as
/// `{skill, level}` (optionally `optional`) or `{any_of: [...]}`
/// (optionally `optional`), certifications as ids or `{any_of: [...]}`
/// with at least one cert and at most one degree; something asked for.
pub(super) fn role(raw: &str) -> Option<Role> {
    serde_json::from_str::<RoleEntry>(raw).ok()?.read()
}

#[derive(Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub(super) struct RoleEntry {
    id: Option<String>,
    name: Option<String>,
    aliases: Option<Vec<String>>,
    description: Option<String>,
    note: Option<String>,
    skills: Option<Vec<RoleSkill>>,
    certifications: Option<Vec<RoleCertItem>>,
    experience: Option<RoleExperience>,
}

#[derive(Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
struct RoleSkill {
    skill: Option<String>,
    level: Option<u64>,
    /// Present, even as null, is not absent here: `read_role_skills`
    /// refuses `any_of` beside `skill` whatever its value.
    #[serde(default, deserialize_with = "given")]
    any_of: Option<Option<Vec<Level>>>,
    optional: Option<bool>,
}

/// A role's experience has no `before_exam`.
#[derive(Deserialize)]
#[serde(remote = "Self", deny_unknown_fields)]
struct RoleExperience {
    months: Option<u64>,
    area: Option<String>,
    waivers: Option<Vec<PlainWaiver>>,
    note: Option<String>,
}

impl RoleEntry {
    fn read(self) -> Option<Role> {
        let mut read = super::RoleSkills::default();
        for (i, s) in self.skills.unwrap_or_default().into_iter().enumerate() {
            let optional = s.optional.unwrap_or(false);
            let any_of = match (s.skill, s.level, s.any_of) {
                (Some(skill), Some(level), None) => vec![SkillLevel {
                    skill,
                    level: level_of(level)?,
                }],
                (None, None, Some(Some(any_of))) if !any_of.is_empty() => levels(Some(any_of))?,
                _ => return None,
            };
            read.add(i, any_of, optional);
        }
        let (skills, skill_choices, plain_at) = read.done();
        let certifications = self
            .certifications
            .unwrap_or_default()
            .into_iter()
            .map(RoleCertItem::into_role_cert)
            .collect::<Option<Vec<_>>>()?;
        if skills.is_empty() && skill_choices.is_empty() && certifications.is_empty() {
            return None;
        }
        let experience = match self.experience {
            None => None,
            Some(x) => Some(experience(x.months, x.area, true, x.waivers, x.note)?),
        };
        Some(Role {
            id: self.id.filter(|id| names::valid_id(id))?,
            name: self.name?,
            aliases: self.aliases.unwrap_or_default(),
            description: self.description,
            skills,
            skill_choices,
            certifications,
            experience,
            note: self.note,
            skill_places: plain_at,
        })
    }
}

/// `{"skill": ID, "level": N}` and nothing else.
#[derive(Deserialize, Debug, PartialEq)]
#[serde(remote = "Self", deny_unknown_fields)]
struct Level {
    skill: String,
    level: u64,
}

/// Levels 0-4 each, or `None`.
fn levels(list: Option<Vec<Level>>) -> Option<Vec<SkillLevel>> {
    list.unwrap_or_default()
        .into_iter()
        .map(|l| {
            Some(SkillLevel {
                skill: l.skill,
                level: level_of(l.level)?,
            })
        })
        .collect()
}

fn level_of(level: u64) -> Option<u8> {
    u8::try_from(level).ok().filter(|l| *l <= 4)
}

#[derive(Deserialize, Default, Debug, PartialEq)]
#[serde(remote = "Self", deny_unknown_fields)]
struct PlainWaiver {
    degree: Option<String>,
    months: Option<u64>,
}

/// An experience requirement whose months, area and waivers are all
/// good.
fn experience(
    total: Option<u64>,
    area: Option<String>,
    before_exam: bool,
    waivers: Option<Vec<PlainWaiver>>,
    note: Option<String>,
) -> Option<Experience> {
    let waivers = waivers
        .unwrap_or_default()
        .into_iter()
        .map(|w| {
            let degree = w
                .degree
                .filter(|d| Degree::WORDS[1..].contains(&d.as_str()))?;
            Some(Waiver {
                degree: Degree::parse(&degree)?,
                months: months(w.months)??,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Experience {
        months: months(total)??,
        area: area.filter(|a| AREAS.contains(&a.as_str()))?,
        before_exam,
        waivers,
        note,
    })
}

/// Whether a number, when there is one, is within 0 and `max`.
fn in_range(n: Option<f64>, max: f64) -> bool {
    n.is_none_or(|n| (0.0..=max).contains(&n))
}

/// A price, when there is one: `None` when it is out of range.
fn usd(n: Option<f64>) -> Option<Option<f64>> {
    in_range(n, MAX_USD).then_some(n)
}

/// A whole number of months, when there is one: `None` when it is out of
/// range.
fn months(n: Option<u64>) -> Option<Option<u32>> {
    match n {
        None => Some(None),
        Some(n) if n <= u64::from(MAX_MONTHS) => Some(Some(n as u32)),
        Some(_) => None,
    }
}

/// A date `YYYY-MM-DD`, when there is one: `None` when it is not a date.
fn date(s: Option<String>) -> Option<Option<jiff::civil::Date>> {
    match s {
        None => Some(None),
        Some(s) => json::parse_date(&s).map(Some),
    }
}

/// A field that may be null, told apart from one that is absent (which
/// `#[serde(default)]` makes `None`).
fn given<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// One of a role's `certifications`: an id, or `{"any_of": [...]}` whose
/// items are ids or `{"degree": D}`.
enum RoleCertItem {
    One(String),
    AnyOf(Vec<AnyOfItem>),
}

enum AnyOfItem {
    Cert(String),
    Degree(String),
}

impl RoleCertItem {
    fn into_role_cert(self) -> Option<RoleCert> {
        match self {
            RoleCertItem::One(id) => Some(RoleCert::One(id)),
            RoleCertItem::AnyOf(items) => {
                let (mut any_of, mut degree) = (Vec::new(), None);
                for item in items {
                    match item {
                        AnyOfItem::Cert(id) => any_of.push(id),
                        AnyOfItem::Degree(_) if degree.is_some() => return None,
                        AnyOfItem::Degree(d) => {
                            if !Degree::WORDS[1..].contains(&d.as_str()) {
                                return None;
                            }
                            degree = Some(Degree::parse(&d)?);
                        }
                    }
                }
                (!any_of.is_empty()).then_some(RoleCert::AnyOf { any_of, degree })
            }
        }
    }
}

impl<'de> Deserialize<'de> for RoleCertItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RoleCertItem, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct AnyOf {
            any_of: Vec<AnyOfItem>,
        }
        d.deserialize_any(StrOrMap {
            one: RoleCertItem::One,
            map: |m: AnyOf| RoleCertItem::AnyOf(m.any_of),
            what: "a cert id or {\"any_of\": [...]}",
        })
    }
}

impl<'de> Deserialize<'de> for AnyOfItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<AnyOfItem, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Degree {
            degree: String,
        }
        d.deserialize_any(StrOrMap {
            one: AnyOfItem::Cert,
            map: |m: Degree| AnyOfItem::Degree(m.degree),
            what: "a cert id or {\"degree\": D}",
        })
    }
}

/// `Deserialize` for structs that only a JSON object gives. serde's derive
/// (here with `remote = "Self"`, which makes its reader an inherent
/// function) also takes an array of the fields in order, which the full
/// readers refuse: `["x", 2]` is no `{"skill": "x", "level": 2}`.
macro_rules! objects_only {
    ($($t:ident),* $(,)?) => {$(
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<$t, D::Error> {
                struct Object;
                impl<'de> serde::de::Visitor<'de> for Object {
                    type Value = $t;

                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("an object")
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<$t, A::Error> {
                        $t::deserialize(MapAccessDeserializer::new(map))
                    }
                }
                d.deserialize_map(Object)
            }
        }
    )*};
}

objects_only!(
    FileEntry,
    SkillEntry,
    CertEntry,
    PlainExam,
    PlainRenewal,
    PlainTraining,
    PlainPrereq,
    PlainExperience,
    RoleEntry,
    RoleSkill,
    RoleExperience,
    Level,
    PlainWaiver,
);

/// A visitor for a value that is either a string or an object of type
/// `M`, each made into a `T`: an untagged enum without the buffering.
struct StrOrMap<T, M> {
    one: fn(String) -> T,
    map: fn(M) -> T,
    what: &'static str,
}

impl<'de, T, M: Deserialize<'de>> serde::de::Visitor<'de> for StrOrMap<T, M> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.what)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        Ok((self.one)(v.to_string()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<T, E> {
        Ok((self.one)(v))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        M::deserialize(MapAccessDeserializer::new(map)).map(self.map)
    }
}

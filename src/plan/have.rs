//! What a person has (DESIGN.md 5.1): skill levels, raised by held certs,
//! the certs held directly and through `satisfies`, experience and degree.

use crate::catalog::Catalog;
use crate::model::{Cert, Degree};
use crate::names::{IdHash, IdMap};
use crate::profile::Profile;
use jiff::civil::Date;
use jiff::ToSpan;
use std::collections::{BTreeMap, HashSet};

/// What a person has: skill levels raised by held certs, and the certs held
/// (with everything they satisfy).
#[derive(Debug, Clone)]
pub struct Have<'c> {
    levels: IdMap<&'c str, u8>,
    held: HashSet<&'c str, IdHash>,
    /// Held directly, not through `satisfies`.
    pub direct: Vec<&'c str>,
    /// For each cert held only through `satisfies`, the cert that satisfies it.
    pub via: BTreeMap<&'c str, &'c str>,
    pub degree: Degree,
    experience: BTreeMap<String, u32>,
    /// The date each directly held cert was earned, where the profile says.
    pub earned: BTreeMap<&'c str, Date>,
    /// Certs the profile holds whose validity ran out before the plan
    /// starts, with the day they lapsed: they count for their skills, not
    /// for requirements (see [`Have::on`]).
    pub expired: BTreeMap<&'c str, Date>,
    /// The highest tier (see [`tier`]) among the certs held.
    top_tier: Option<u8>,
}

impl<'c> Have<'c> {
    /// What the person has, every held cert counted whatever its date.
    pub fn new(cat: &'c Catalog, profile: &Profile) -> Have<'c> {
        Have::build(cat, profile, None)
    }

    /// What the person has on `day`: a cert lapsed by then (its earned
    /// date plus `validity_years`) still counts for the skills it covers,
    /// but is not held for any requirement, nor for what it satisfies.
    pub fn on(cat: &'c Catalog, profile: &Profile, day: Date) -> Have<'c> {
        Have::build(cat, profile, Some(day))
    }

    fn build(cat: &'c Catalog, profile: &Profile, day: Option<Date>) -> Have<'c> {
        let mut levels: IdMap<&str, u8> = IdMap::default();
        for (id, l) in &profile.skills {
            if let Some(s) = cat.skill(id) {
                levels.insert(s.id.as_str(), *l);
            }
        }
        let mut held = HashSet::default();
        let mut direct = Vec::new();
        let mut via = BTreeMap::new();
        let mut earned = BTreeMap::new();
        let mut expired = BTreeMap::new();
        let mut top_tier = None;
        for hc in &profile.certifications {
            let Some(c) = cat.cert(&hc.id) else { continue };
            direct.push(c.id.as_str());
            if let Some(d) = hc.earned {
                earned.insert(c.id.as_str(), d);
            }
            let lapsed = match (day, hc.earned) {
                (Some(day), Some(d)) => expiry(c, d).filter(|e| *e < day),
                _ => None,
            };
            match lapsed {
                Some(e) => {
                    expired.insert(c.id.as_str(), e);
                }
                None => {
                    held.insert(c.id.as_str());
                    top_tier = top_tier.max(Some(tier(c)));
                }
            }
            for cov in &c.covers {
                let s = cat.skill(&cov.skill).expect("validated");
                let e = levels.entry(s.id.as_str()).or_insert(0);
                *e = (*e).max(cov.level);
            }
        }
        // Satisfies is transitive: walk it from every directly held cert
        // that has not lapsed.
        for root in direct.iter().copied().filter(|d| !expired.contains_key(d)) {
            let mut stack = vec![root];
            while let Some(id) = stack.pop() {
                for s in &cat.cert(id).expect("held").satisfies {
                    let s = cat.cert(s).expect("validated").id.as_str();
                    if held.insert(s) {
                        via.insert(s, root);
                        stack.push(s);
                    }
                }
            }
        }
        direct.sort();
        same_as(cat, &mut levels);
        Have {
            levels,
            held,
            direct,
            via,
            degree: profile.degree,
            experience: profile.experience_months.clone(),
            earned,
            expired,
            top_tier,
        }
    }

    /// Whether a cert the profile holds has lapsed, and whether its vendor
    /// still accepts a late renewal on `day`.
    pub fn lapsed_on(&self, cat: &Catalog, cert: &str, day: Date) -> Option<(Date, bool)> {
        let lapsed = *self.expired.get(cert)?;
        let grace = cat
            .cert(cert)
            .and_then(|c| c.renewal.as_ref())
            .map_or(0, |r| r.grace_months);
        let late_ok = grace > 0
            && lapsed
                .checked_add(i64::from(grace).months())
                .is_ok_and(|end| end >= day);
        Some((lapsed, late_ok))
    }

    /// Whether the profile's degree meets `degree` (that level or higher).
    pub fn has_degree(&self, degree: Degree) -> bool {
        self.degree >= degree
    }

    /// Held certs whose validity ran out before `day`: (cert, expiry).
    pub fn lapsed(&self, cat: &'c Catalog, day: Date) -> Vec<(&'c Cert, Date)> {
        self.earned
            .iter()
            .filter_map(|(id, d)| {
                let c = cat.cert(id)?;
                let exp = expiry(c, *d)?;
                (exp < day).then_some((c, exp))
            })
            .collect()
    }

    /// Nothing that planning counts: no skill above 0, no cert, no
    /// experience, no degree. Plans for it are those of an empty profile.
    pub(super) fn is_empty(&self) -> bool {
        self.levels.values().all(|l| *l == 0)
            && self.held.is_empty()
            && self.experience.values().all(|m| *m == 0)
            && self.degree == Degree::None
    }

    pub fn level(&self, skill: &str) -> u8 {
        self.levels.get(skill).copied().unwrap_or(0)
    }

    /// The skills the person has above level 0, with their levels.
    pub fn levels(&self) -> impl Iterator<Item = (&'c str, u8)> + '_ {
        self.levels.iter().map(|(id, l)| (*id, *l))
    }

    pub fn holds(&self, cert: &str) -> bool {
        self.held.contains(cert)
    }

    /// Months of experience in an area; every area counts toward `it`.
    pub fn months_in(&self, area: &str) -> u32 {
        if area == "it" {
            self.experience.values().sum()
        } else {
            self.experience.get(area).copied().unwrap_or(0)
        }
    }

    /// Months still missing for a cert's experience rule.
    pub fn missing_months(&self, cert: &Cert) -> u32 {
        cert.experience.as_ref().map_or(0, |e| {
            e.months_for(self.degree)
                .saturating_sub(self.months_in(&e.area))
        })
    }

    /// A `recommends` cert is met when held, or when every skill it covers
    /// is already there.
    pub(super) fn knows(&self, cat: &Catalog, cert: &str) -> bool {
        self.holds(cert)
            || cat.cert(cert).is_some_and(|c| {
                !c.covers.is_empty() && c.covers.iter().all(|s| self.level(&s.skill) >= s.level)
            })
    }

    /// A cert recommended before `before` is met as `knows` says, or when
    /// the person holds a cert of its tier or higher and already has the
    /// skills it shares with `before` (what `before` builds on) at its
    /// levels: a CCNA holder needs no Network+ before Security+.
    pub(super) fn knows_for(&self, cat: &Catalog, cert: &str, before: &str) -> bool {
        if self.knows(cat, cert) {
            return true;
        }
        let (Some(r), Some(b)) = (cat.cert(cert), cat.cert(before)) else {
            return false;
        };
        if self.top_tier.is_none_or(|t| t < tier(r)) {
            return false;
        }
        let mut shared = r
            .covers
            .iter()
            .filter(|s| b.covers.iter().any(|x| x.skill == s.skill))
            .peekable();
        shared.peek().is_some() && shared.all(|s| self.level(&s.skill) >= s.level)
    }
}

/// A cert's tier, for "this high or higher": fundamentals 0, entry 1,
/// associate (or none given) 2, professional and specialty 3, expert 4.
pub fn tier(c: &Cert) -> u8 {
    match c.level.as_deref() {
        Some("fundamentals") => 0,
        Some("entry") => 1,
        Some("associate") | None => 2,
        Some("professional") | Some("specialty") => 3,
        Some(_) => 4,
    }
}

/// Raises levels along `same_as` links, both ways, each up to the link's
/// level, until nothing changes (links may chain).
fn same_as<'c>(cat: &'c Catalog, levels: &mut IdMap<&'c str, u8>) {
    let links: Vec<(&'c str, &'c str, u8)> = cat
        .skills
        .iter()
        .flat_map(|s| {
            s.same_as.iter().filter_map(move |t| {
                Some((s.id.as_str(), cat.skill(&t.skill)?.id.as_str(), t.level))
            })
        })
        .collect();
    if links.is_empty() {
        return;
    }
    loop {
        let mut changed = false;
        for &(a, b, cap) in &links {
            let (la, lb) = (
                levels.get(a).copied().unwrap_or(0),
                levels.get(b).copied().unwrap_or(0),
            );
            if la.min(cap) > lb {
                levels.insert(b, la.min(cap));
                changed = true;
            }
            if lb.min(cap) > la {
                levels.insert(a, lb.min(cap));
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// How long a cert earned on `earned` stays valid, in months; `None` when
/// it does not expire (never, or not when earned before `validity_from`).
pub fn validity_months(cert: &Cert, earned: Date) -> Option<i64> {
    if cert.validity_from.is_some_and(|from| earned < from) {
        return None;
    }
    cert.validity_years
        .map(|y| (y * 12.0).round() as i64)
        .filter(|m| *m > 0)
}

/// The day a cert earned on `earned` expires.
pub fn expiry(cert: &Cert, earned: Date) -> Option<Date> {
    earned
        .checked_add(validity_months(cert, earned)?.months())
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::testing::{catalog, fixture, profile};
    use jiff::civil::date;

    /// Two skills the same up to 2; a lapsing cert with a grace period, an
    /// entry cert recommended before another, an associate cert.
    fn rules() -> crate::catalog::Catalog {
        catalog(
            r#"{"format": 1,
            "skills": [
              {"id": "a", "name": "A", "domain": "d", "hours": [1, 2, 3, 4],
               "same_as": [{"skill": "b", "level": 2}]},
              {"id": "b", "name": "B", "domain": "d", "hours": [1, 2, 3, 4]},
              {"id": "c", "name": "C", "domain": "d", "hours": [1, 2, 3, 4]}],
            "certifications": [
              {"id": "grace", "name": "Grace", "vendor": "V", "exams": [{"code": "G"}],
               "validity_years": 1, "renewal": {"by": "cpe", "grace_months": 6},
               "covers": [{"skill": "c", "level": 2}]},
              {"id": "entry", "name": "Entry", "vendor": "V", "level": "entry",
               "exams": [{"code": "E"}], "covers": [{"skill": "b", "level": 2}, {"skill": "c", "level": 2}]},
              {"id": "next", "name": "Next", "vendor": "V", "level": "entry",
               "exams": [{"code": "N"}], "covers": [{"skill": "b", "level": 1}],
               "recommends": [{"cert": "entry"}]},
              {"id": "pro", "name": "Pro", "vendor": "V", "level": "associate",
               "exams": [{"code": "P"}], "covers": [{"skill": "b", "level": 3}]}]}"#,
        )
    }

    #[test]
    fn same_as_counts_both_ways_up_to_the_links_level() {
        let cat = rules();
        let have = Have::new(&cat, &profile(&[("a", 4)], &[]));
        assert_eq!(have.level("b"), 2, "capped at the link's level");
        let have = Have::new(&cat, &profile(&[("b", 1)], &[]));
        assert_eq!(have.level("a"), 1);
    }

    #[test]
    fn a_lapsed_cert_counts_for_its_skills_not_as_held() {
        let cat = rules();
        let p = profile(&[], &[("grace", Some(date(2025, 9, 1)))]);
        // Valid to 2026-09-01; 6 months of grace to 2027-03-01.
        let have = Have::on(&cat, &p, date(2026, 12, 1));
        assert!(!have.holds("grace"));
        assert_eq!(have.level("c"), 2);
        assert_eq!(
            have.lapsed_on(&cat, "grace", date(2026, 12, 1)),
            Some((date(2026, 9, 1), true))
        );
        assert_eq!(
            have.lapsed_on(&cat, "grace", date(2027, 4, 1)),
            Some((date(2026, 9, 1), false))
        );
        // Before it lapses, and without a date: held.
        assert!(Have::on(&cat, &p, date(2026, 6, 1)).holds("grace"));
        assert!(Have::new(&cat, &p).holds("grace"));
    }

    #[test]
    fn a_recommendation_is_met_by_a_higher_cert_with_the_shared_skills() {
        let cat = rules();
        // Pro (associate) gives B 3 but not C: Entry's skills are not all
        // there, yet what Next shares with it (B) is.
        let have = Have::new(&cat, &profile(&[], &[("pro", None)]));
        assert!(!have.knows(&cat, "entry"));
        assert!(have.knows_for(&cat, "entry", "next"));
        // The same skill self-assessed, with no cert that high: not met.
        let have = Have::new(&cat, &profile(&[("b", 3)], &[]));
        assert!(!have.knows_for(&cat, "entry", "next"));
    }

    #[test]
    fn a_held_cert_raises_the_skills_it_covers() {
        let cat = fixture();
        let have = Have::new(&cat, &profile(&[("basics", 1)], &[("starter-cert", None)]));
        assert_eq!(have.level("basics"), 2);
        assert_eq!(have.level("advanced"), 0);
        assert!(have.holds("starter-cert"));
        assert!(!have.holds("alt-cert"));
        assert_eq!(have.direct, ["starter-cert"]);
        assert!(!have.is_empty());
        // A skill above the cert's level stays where the profile has it.
        let have = Have::new(&cat, &profile(&[("basics", 3)], &[("starter-cert", None)]));
        assert_eq!(have.level("basics"), 3);
    }

    #[test]
    fn an_empty_profile_is_empty_and_unknown_ids_are_ignored() {
        let cat = fixture();
        assert!(Have::new(&cat, &Profile::default()).is_empty());
        let have = Have::new(
            &cat,
            &profile(&[("nope", 3), ("basics", 0)], &[("gone", None)]),
        );
        assert!(have.is_empty());
        assert_eq!(have.level("nope"), 0);
    }

    #[test]
    fn satisfies_is_followed_through_chains() {
        let cat = catalog(
            r#"{"format": 1,
            "skills": [{"id": "s", "name": "S", "domain": "d", "hours": [1, 2, 3, 4]}],
            "certifications": [
              {"id": "top", "name": "Top", "vendor": "V", "exams": [{"code": "T", "cost_usd": 1}],
               "study_hours": 1, "satisfies": ["mid"], "sources": ["https://example.org"], "as_of": "2026-11"},
              {"id": "mid", "name": "Mid", "vendor": "V", "exams": [{"code": "M", "cost_usd": 1}],
               "study_hours": 1, "satisfies": ["low"], "sources": ["https://example.org"], "as_of": "2026-11"},
              {"id": "low", "name": "Low", "vendor": "V", "exams": [{"code": "L", "cost_usd": 1}],
               "study_hours": 1, "covers": [{"skill": "s", "level": 2}],
               "sources": ["https://example.org"], "as_of": "2026-11"}],
            "roles": [{"id": "r", "name": "R", "certifications": ["low"]}]}"#,
        );
        let have = Have::new(&cat, &profile(&[], &[("top", None)]));
        assert!(have.holds("mid") && have.holds("low"));
        assert_eq!(have.via.get("low"), Some(&"top"));
        assert_eq!(have.via.get("mid"), Some(&"top"));
        assert_eq!(have.direct, ["top"]);
        // Held through satisfies: the skills of `low` are not raised.
        assert_eq!(have.level("s"), 0);
        // But a recommends of `low` is known.
        assert!(have.knows(&cat, "low"));
    }

    #[test]
    fn experience_counts_every_area_toward_it_and_degrees_waive_months() {
        let cat = fixture();
        let mut p = profile(&[], &[]);
        p.experience_months.insert("networking".into(), 10);
        p.experience_months.insert("security".into(), 4);
        let have = Have::new(&cat, &p);
        assert_eq!(have.months_in("it"), 14);
        assert_eq!(have.months_in("networking"), 10);
        assert_eq!(have.months_in("cloud"), 0);
        assert_eq!(have.missing_months(cat.cert("pro-cert").unwrap()), 10);
        assert_eq!(have.missing_months(cat.cert("starter-cert").unwrap()), 0);
    }

    #[test]
    fn validity_and_expiry_and_lapsed_certs() {
        let cat = fixture();
        let starter = cat.cert("starter-cert").unwrap();
        assert_eq!(validity_months(starter, date(2026, 1, 1)), Some(12));
        assert_eq!(
            validity_months(cat.cert("alt-cert").unwrap(), date(2026, 1, 1)),
            None
        );
        assert_eq!(expiry(starter, date(2025, 1, 15)), Some(date(2026, 1, 15)));
        let have = Have::new(
            &cat,
            &profile(&[], &[("starter-cert", Some(date(2025, 1, 15)))]),
        );
        let lapsed = have.lapsed(&cat, date(2026, 12, 1));
        assert_eq!(lapsed.len(), 1);
        assert_eq!(lapsed[0].1, date(2026, 1, 15));
        assert!(have.lapsed(&cat, date(2026, 1, 15)).is_empty());
    }
}

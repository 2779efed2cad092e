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
}

impl<'c> Have<'c> {
    pub fn new(cat: &'c Catalog, profile: &Profile) -> Have<'c> {
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
        for hc in &profile.certifications {
            let Some(c) = cat.cert(&hc.id) else { continue };
            direct.push(c.id.as_str());
            if let Some(d) = hc.earned {
                earned.insert(c.id.as_str(), d);
            }
            held.insert(c.id.as_str());
            for cov in &c.covers {
                let s = cat.skill(&cov.skill).expect("validated");
                let e = levels.entry(s.id.as_str()).or_insert(0);
                *e = (*e).max(cov.level);
            }
        }
        // Satisfies is transitive: walk it from every directly held cert.
        for root in direct.clone() {
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
        Have {
            levels,
            held,
            direct,
            via,
            degree: profile.degree,
            experience: profile.experience_months.clone(),
            earned,
        }
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
}

/// How long a cert stays valid, in months; `None` when it does not expire.
pub fn validity_months(cert: &Cert) -> Option<i64> {
    cert.validity_years
        .map(|y| (y * 12.0).round() as i64)
        .filter(|m| *m > 0)
}

/// The day a cert earned on `earned` expires.
pub fn expiry(cert: &Cert, earned: Date) -> Option<Date> {
    earned.checked_add(validity_months(cert)?.months()).ok()
}

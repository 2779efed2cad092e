//! The catalog's skill references resolved once to dense numbers, so that
//! the planner's walks index arrays instead of hashing and comparing ids
//! (issue 10: a role of a deep framework reaches 90,000 skills, each
//! through a few prerequisites).
//!
//! A skill's number is its rank in id order: whatever is keyed by it
//! iterates in the id order the outputs are written in, and ties broken by
//! it fall as ties broken by id do.

use crate::catalog::Catalog;
use crate::model::{Skill, SkillLevel};

/// A skill's rank among the catalog's skills in id order.
pub type Rank = u32;

/// Skill references by rank: built once per catalog
/// ([`Catalog::dense`]), after it validated.
#[derive(Debug, Default)]
pub struct Dense {
    /// The catalog index of the skill of each rank.
    skill_at: Vec<u32>,
    /// The rank of each skill, by catalog index.
    rank: Vec<Rank>,
    /// Each skill's prerequisites as ranks and levels, by rank: those of
    /// rank `r` are `requires[req_from[r]..req_from[r + 1]]`.
    req_from: Vec<u32>,
    requires: Vec<(Rank, u8)>,
    /// Each cert's covered skills as ranks and levels, by cert index.
    cov_from: Vec<u32>,
    covers: Vec<(Rank, u8)>,
}

impl Dense {
    /// Resolves every skill reference of a validated catalog.
    pub fn build(cat: &Catalog) -> Dense {
        let n = cat.skills.len();
        let mut skill_at: Vec<u32> = (0..n as u32).collect();
        skill_at
            .sort_unstable_by(|a, b| cat.skills[*a as usize].id.cmp(&cat.skills[*b as usize].id));
        let mut rank = vec![0; n];
        for (r, i) in skill_at.iter().enumerate() {
            rank[*i as usize] = r as Rank;
        }
        let resolve = |list: &[SkillLevel], out: &mut Vec<(Rank, u8)>| {
            out.extend(list.iter().map(|s| {
                let i = cat.skill_index(&s.skill).expect("validated");
                (rank[i], s.level)
            }));
        };
        let mut req_from = Vec::with_capacity(n + 1);
        let mut requires = Vec::new();
        for i in &skill_at {
            req_from.push(requires.len() as u32);
            resolve(&cat.skills[*i as usize].requires, &mut requires);
        }
        req_from.push(requires.len() as u32);
        let mut cov_from = Vec::with_capacity(cat.certs.len() + 1);
        let mut covers = Vec::new();
        for c in &cat.certs {
            cov_from.push(covers.len() as u32);
            resolve(&c.covers, &mut covers);
        }
        cov_from.push(covers.len() as u32);
        Dense {
            skill_at,
            rank,
            req_from,
            requires,
            cov_from,
            covers,
        }
    }

    /// The number of skills.
    pub fn len(&self) -> usize {
        self.skill_at.len()
    }

    pub fn is_empty(&self) -> bool {
        self.skill_at.is_empty()
    }

    /// The rank of the skill at catalog index `index`.
    pub fn rank(&self, index: usize) -> Rank {
        self.rank[index]
    }

    /// The rank of the skill `id`, if the catalog has it.
    pub fn rank_of(&self, cat: &Catalog, id: &str) -> Option<Rank> {
        cat.skill_index(id).map(|i| self.rank[i])
    }

    /// The skill of rank `r`.
    pub fn skill<'c>(&self, cat: &'c Catalog, r: Rank) -> &'c Skill {
        &cat.skills[self.skill_at[r as usize] as usize]
    }

    /// The prerequisites of the skill of rank `r`.
    pub fn requires(&self, r: Rank) -> &[(Rank, u8)] {
        let r = r as usize;
        &self.requires[self.req_from[r] as usize..self.req_from[r + 1] as usize]
    }

    /// The skills the cert at catalog index `cert` covers.
    pub fn covers(&self, cert: usize) -> &[(Rank, u8)] {
        &self.covers[self.cov_from[cert] as usize..self.cov_from[cert + 1] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_follow_id_order_and_references_resolve_to_them() {
        let cat = crate::catalog::fixture("planner.json");
        let d = Dense::build(&cat);
        assert_eq!(d.len(), cat.skills.len());
        let ids: Vec<&str> = (0..d.len() as Rank)
            .map(|r| d.skill(&cat, r).id.as_str())
            .collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(ids, sorted);
        for (i, s) in cat.skills.iter().enumerate() {
            let r = d.rank(i);
            assert_eq!(d.skill(&cat, r).id, s.id);
            assert_eq!(d.rank_of(&cat, &s.id), Some(r));
            let want: Vec<(&str, u8)> = s
                .requires
                .iter()
                .map(|x| (x.skill.as_str(), x.level))
                .collect();
            let got: Vec<(&str, u8)> = d
                .requires(r)
                .iter()
                .map(|(q, l)| (d.skill(&cat, *q).id.as_str(), *l))
                .collect();
            assert_eq!(got, want, "{}", s.id);
        }
        for (i, c) in cat.certs.iter().enumerate() {
            let want: Vec<(&str, u8)> = c
                .covers
                .iter()
                .map(|x| (x.skill.as_str(), x.level))
                .collect();
            let got: Vec<(&str, u8)> = d
                .covers(i)
                .iter()
                .map(|(q, l)| (d.skill(&cat, *q).id.as_str(), *l))
                .collect();
            assert_eq!(got, want, "{}", c.id);
        }
        assert_eq!(d.rank_of(&cat, "no-such-skill"), None);
    }
}

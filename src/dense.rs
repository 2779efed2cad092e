//! The catalog's skill references resolved once to dense numbers, so that
//! the planner's walks index arrays instead of hashing and comparing ids
//! (issue 10: a role of a deep framework reaches 90,000 skills, each
//! through a few prerequisites).
//!
//! A skill's number is its rank in id order: whatever is keyed by it
//! iterates in the id order the outputs are written in, and ties broken by
//! it fall as ties broken by id do.

use crate::catalog::{Catalog, PARALLEL_FROM};
use crate::model::{Skill, SkillLevel};

/// A skill's rank among the catalog's skills in id order.
pub type Rank = u32;

/// References flattened: for each entry an offset into one list of
/// (skill rank, level).
type Flat = (Vec<u32>, Vec<(Rank, u8)>);

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
    /// Each skill's hours per level, by rank: a closure's totals read
    /// them in rank order, not from skills spread over the catalog.
    hours: Vec<[f64; 4]>,
    /// The skills each before its prerequisites, made when a closure is
    /// first swept ([`Dense::sweep_order`]).
    sweep: std::sync::OnceLock<Option<SweepOrder>>,
}

/// An order of the skills in which each comes before its prerequisites:
/// a closure that keeps only top levels grows its skills in one pass
/// along it, each skill expanded after everything that needs it
/// (`Planner::sweep`), not through a stack.
#[derive(Debug)]
pub struct SweepOrder {
    /// The rank at each place, and the place of each rank; both empty
    /// where the ranks from the last to the first are such an order (a
    /// framework whose ids number each skill after its prerequisites).
    at: Vec<Rank>,
    place: Vec<u32>,
    len: usize,
}

impl SweepOrder {
    /// The place of the skill of rank `r`.
    #[inline]
    pub fn place(&self, r: Rank) -> usize {
        if self.place.is_empty() {
            self.len - 1 - r as usize
        } else {
            self.place[r as usize] as usize
        }
    }

    /// The rank at place `p`.
    #[inline]
    pub fn at(&self, p: usize) -> Rank {
        if self.at.is_empty() {
            (self.len - 1 - p) as Rank
        } else {
            self.at[p]
        }
    }
}

impl Dense {
    /// Resolves every skill reference of a validated catalog.
    pub fn build(cat: &Catalog) -> Dense {
        let n = cat.skills.len();
        // Each id beside its index (no trip through the skill to compare
        // two ids), sorted by a sort that finds runs already in order: a
        // catalog file usually lists its skills in id order, so the
        // bundled skills and a large framework's are two runs, merged.
        let mut by_id: Vec<(&str, u32)> = cat
            .skills
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i as u32))
            .collect();
        by_id.sort_by(|a, b| a.0.cmp(b.0));
        let skill_at: Vec<u32> = by_id.into_iter().map(|(_, i)| i).collect();
        let mut rank = vec![0; n];
        for (r, i) in skill_at.iter().enumerate() {
            rank[*i as usize] = r as Rank;
        }
        let (req_from, requires) = flatten(cat, &rank, &skill_at, |i| &cat.skills[i].requires);
        let certs: Vec<u32> = (0..cat.certs.len() as u32).collect();
        let (cov_from, covers) = flatten(cat, &rank, &certs, |i| &cat.certs[i].covers);
        let hours = skill_at
            .iter()
            .map(|i| cat.skills[*i as usize].hours)
            .collect();
        Dense {
            hours,
            sweep: std::sync::OnceLock::new(),
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

    /// The catalog index of the skill of rank `r`.
    pub fn index(&self, r: Rank) -> usize {
        self.skill_at[r as usize] as usize
    }

    /// The skill of rank `r`.
    pub fn skill<'c>(&self, cat: &'c Catalog, r: Rank) -> &'c Skill {
        &cat.skills[self.skill_at[r as usize] as usize]
    }

    /// The hours from `from` to `to` of the skill of rank `r`, added as
    /// [`Skill::hours_between`] adds them.
    pub fn hours_between(&self, r: Rank, from: u8, to: u8) -> f64 {
        let hours = &self.hours[r as usize];
        (from..to).map(|i| hours[i as usize]).sum()
    }

    /// The hours of every skill from the higher of `have` and `floor`
    /// (each by rank, for every skill) up to `tops` (by rank, 0 past its
    /// end), added up in no fixed order: the same sum as each skill's
    /// [`Dense::hours_between`] added in rank order only where hours add
    /// up exactly (`Catalog::hours_add_exactly`). A skill's hours are the
    /// difference of two of its running sums, without a branch on what
    /// varies from one skill to the next: a closure of 90,000 skills is
    /// read in one pass.
    pub fn hours_up_to(&self, have: &[u8], floor: Option<&[u8]>, tops: &[u8]) -> f64 {
        const RUN: usize = 64;
        assert!(have.len() == self.len() && floor.is_none_or(|f| f.len() == self.len()));
        let mut sum = 0.0;
        for (run, (tops, hours)) in tops.chunks(RUN).zip(self.hours.chunks(RUN)).enumerate() {
            // A run of skills the closure lacks: its hours are not read
            // (an option grown over a base holds a few skills of 100,000).
            if tops.iter().all(|t| *t == 0) {
                continue;
            }
            let at = run * RUN;
            let have = &have[at..at + tops.len()];
            let floor = floor.map(|f| &f[at..at + tops.len()]);
            for (i, ((&top, h), &low)) in tops.iter().zip(hours).zip(have).enumerate() {
                let from = usize::from(floor.map_or(low, |f| low.max(f[i])).min(4));
                let upto = [
                    0.0,
                    h[0],
                    h[0] + h[1],
                    h[0] + h[1] + h[2],
                    h[0] + h[1] + h[2] + h[3],
                ];
                sum += upto[usize::from(top.min(4)).max(from)] - upto[from];
            }
        }
        sum
    }

    /// Whether the skills' prerequisites go round.
    pub fn has_cycle(&self) -> bool {
        crate::graph::has_cycle(self.len(), |r| {
            self.requires(r as Rank).iter().map(|(q, _)| *q as usize)
        })
    }

    /// An order of the skills, each before its prerequisites; `None`
    /// when they form a cycle (a catalog that did not validate).
    pub fn sweep_order(&self) -> Option<&SweepOrder> {
        self.sweep
            .get_or_init(|| {
                let len = self.len();
                let down = (0..len as Rank).all(|r| self.requires(r).iter().all(|(q, _)| *q < r));
                if down {
                    return Some(SweepOrder {
                        at: Vec::new(),
                        place: Vec::new(),
                        len,
                    });
                }
                let at: Vec<Rank> = crate::graph::kahn_order(len, |r| {
                    self.requires(r as Rank).iter().map(|(q, _)| *q as usize)
                })?
                .into_iter()
                .map(|r| r as Rank)
                .collect();
                let mut place = vec![0; len];
                for (p, r) in at.iter().enumerate() {
                    place[*r as usize] = p as u32;
                }
                Some(SweepOrder { at, place, len })
            })
            .as_ref()
    }

    /// The prerequisites of the skill of rank `r`.
    #[inline]
    pub fn requires(&self, r: Rank) -> &[(Rank, u8)] {
        let r = r as usize;
        &self.requires[self.req_from[r] as usize..self.req_from[r + 1] as usize]
    }

    /// The skills the cert at catalog index `cert` covers.
    pub fn covers(&self, cert: usize) -> &[(Rank, u8)] {
        &self.covers[self.cov_from[cert] as usize..self.cov_from[cert + 1] as usize]
    }
}

/// The references `list` gives for each of `entries` (catalog indexes),
/// as ranks and levels, flattened: offsets into one list of references
/// (with the end as a last offset). Made in parts on every core for a
/// large catalog.
fn flatten<'c>(
    cat: &'c Catalog,
    rank: &[Rank],
    entries: &[u32],
    list: impl Fn(usize) -> &'c [SkillLevel] + Sync,
) -> Flat {
    let part = |chunk: &[u32]| {
        let mut from = Vec::with_capacity(chunk.len());
        let mut refs = Vec::new();
        for i in chunk {
            from.push(refs.len() as u32);
            refs.extend(list(*i as usize).iter().map(|s| {
                let at = cat.skill_index(&s.skill).expect("validated");
                (rank[at], s.level)
            }));
        }
        (from, refs)
    };
    let parts: Vec<Flat> = if entries.len() >= PARALLEL_FROM {
        use rayon::prelude::*;
        let size = entries.len().div_ceil(rayon::current_num_threads().max(1));
        entries.par_chunks(size).map(part).collect()
    } else {
        vec![part(entries)]
    };
    let mut from = Vec::with_capacity(entries.len() + 1);
    let mut refs = Vec::new();
    for (f, r) in parts {
        let base = refs.len() as u32;
        from.extend(f.into_iter().map(|x| x + base));
        refs.extend(r);
    }
    from.push(refs.len() as u32);
    (from, refs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_follow_id_order_and_references_resolve_to_them() {
        same_references(&crate::catalog::fixture("planner.json"));
    }

    #[test]
    fn hours_up_to_are_each_skills_hours_between_added_up() {
        // Hours in quarters (exact), 300 skills: runs of 64 with and
        // without skills in them, a last run of 44.
        let n = 300;
        let skills: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    r#"{{"id": "s{i:03}", "name": "S", "domain": "d", "hours": [{}, {}, 0.25, {}]}}"#,
                    i % 7,
                    (i % 5) as f64 * 1.5,
                    i % 3
                )
            })
            .collect();
        let cat = crate::plan::testing::catalog(&format!(
            r#"{{"format": 1, "skills": [{}], "certifications": [], "roles": []}}"#,
            skills.join(",")
        ));
        assert!(cat.hours_add_exactly());
        let d = Dense::build(&cat);
        let level =
            |seed: usize| -> Vec<u8> { (0..n).map(|r| ((r * seed + r / 7) % 5) as u8).collect() };
        let have = level(3);
        let floor = level(11);
        // Every level everywhere, none in the second run, a short list.
        let mut tops = level(7);
        tops[64..128].fill(0);
        let short = &tops[..100];
        for (tops, floor) in [
            (&tops[..], None),
            (&tops[..], Some(&floor[..])),
            (short, None),
            (short, Some(&floor[..])),
        ] {
            let expected: f64 = tops
                .iter()
                .enumerate()
                .map(|(r, &top)| {
                    let from = floor.map_or(have[r], |f| have[r].max(f[r]));
                    d.hours_between(r as Rank, from, top)
                })
                .sum();
            assert_eq!(d.hours_up_to(&have, floor, tops), expected);
            assert!(expected > 20.0, "hours to add: {expected}");
        }
    }

    #[test]
    fn a_large_catalog_resolves_in_parts_as_a_small_one_does() {
        // Past PARALLEL_FROM, ids out of order, several prerequisites each.
        let n = PARALLEL_FROM + 900;
        let skills: Vec<String> = (0..n)
            .map(|i| {
                let reqs: Vec<String> = [i / 2, i / 3, i.saturating_sub(7)]
                    .iter()
                    .filter(|&&j| j < i)
                    .map(|j| format!(r#"{{"skill": "s{}", "level": {}}}"#, (j * 7919) % n, 1 + j % 4))
                    .collect();
                format!(
                    r#"{{"id": "s{}", "name": "S{i}", "domain": "d", "hours": [{}, 1, 2, 3], "requires": [{}]}}"#,
                    (i * 7919) % n,
                    i % 10,
                    reqs.join(",")
                )
            })
            .collect();
        let cat = crate::plan::testing::catalog(&format!(
            r#"{{"format": 1, "skills": [{}], "certifications": [
                {{"id": "c", "name": "C", "vendor": "V", "exams": [{{"code": "X"}}],
                  "covers": [{{"skill": "s5", "level": 2}}, {{"skill": "s4000", "level": 3}}]}}],
            "roles": []}}"#,
            skills.join(",")
        ));
        same_references(&cat);
    }

    #[test]
    fn skills_listed_in_id_order_keep_their_places() {
        let skills: Vec<String> = (0..50)
            .map(|i| {
                let req = if i > 0 {
                    format!(r#"{{"skill": "s{:02}", "level": 2}}"#, i / 2)
                } else {
                    String::new()
                };
                format!(
                    r#"{{"id": "s{i:02}", "name": "S{i}", "domain": "d", "hours": [1, 1, 1, 1], "requires": [{req}]}}"#
                )
            })
            .collect();
        let cat = crate::plan::testing::catalog(&format!(
            r#"{{"format": 1, "skills": [{}], "certifications": [], "roles": []}}"#,
            skills.join(",")
        ));
        let d = Dense::build(&cat);
        assert!((0..50).all(|i| d.rank(i) == i as Rank && d.index(i as Rank) == i));
        same_references(&cat);
    }

    /// Ranks are in id order and every reference resolves to the skill
    /// and level the catalog gives.
    fn same_references<'c>(cat: &'c Catalog) {
        let d = Dense::build(cat);
        assert_eq!(d.len(), cat.skills.len());
        let ids: Vec<&str> = (0..d.len() as Rank)
            .map(|r| d.skill(cat, r).id.as_str())
            .collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(ids, sorted);
        // References as the catalog gives them, and as resolved.
        let given = |list: &'c [SkillLevel]| -> Vec<(&'c str, u8)> {
            list.iter().map(|x| (x.skill.as_str(), x.level)).collect()
        };
        let resolved = |list: &[(Rank, u8)]| -> Vec<(&'c str, u8)> {
            list.iter()
                .map(|(q, l)| (d.skill(cat, *q).id.as_str(), *l))
                .collect()
        };
        for (i, s) in cat.skills.iter().enumerate() {
            let r = d.rank(i);
            assert_eq!(d.skill(cat, r).id, s.id);
            assert_eq!(d.rank_of(cat, &s.id), Some(r));
            assert_eq!(resolved(d.requires(r)), given(&s.requires), "{}", s.id);
            for from in 0..=4 {
                for to in from..=4 {
                    assert_eq!(d.hours_between(r, from, to), s.hours_between(from, to));
                }
            }
        }
        for (i, c) in cat.certs.iter().enumerate() {
            assert_eq!(resolved(d.covers(i)), given(&c.covers), "{}", c.id);
        }
        assert_eq!(d.rank_of(cat, "no-such-skill"), None);
    }
}

//! The closure as steps (DESIGN.md 5.5): one per skill level asked for,
//! one per exam, one per experience wait, with their dependencies.

use super::closure::{CertNeed, Closure, Need, Reason};
use super::schedule::renewal_step;
use super::{Planner, Step, StepKind};
use crate::catalog::Catalog;
use crate::dense::{Dense, Rank};
use crate::model::{Experience, Prereq, Role, RoleCert};
use crate::names::IdMap;
use jiff::civil::Date;
use std::fmt::Write as _;

impl<'c> Planner<'c> {
    /// Turns the closure into steps with their dependencies, and gives
    /// each step's place in the catalog (skills, then certs; `usize::MAX`
    /// for the rest), which breaks ties in the order.
    pub(super) fn steps(&self, c: &Closure<'c>, role: &Role) -> (Vec<Step>, Vec<usize>) {
        self.steps_from(c, role, PARALLEL_FROM)
    }

    /// [`Planner::steps`], the skills' steps made on every core when
    /// there are `parallel_from` skills or more.
    fn steps_from(
        &self,
        c: &Closure<'c>,
        role: &Role,
        parallel_from: usize,
    ) -> (Vec<Step>, Vec<usize>) {
        let by_rank = c.skills.needs();
        // Split a skill's learning only where an exam or the role needs a
        // level; levels other skills build on are reached on the way. The
        // levels to stop at, per skill, as a set of bits (levels are small).
        let stops: Vec<u32> = by_rank
            .iter()
            .map(|(_, needs)| {
                let top = needs.iter().map(|n| n.level).max().unwrap_or(0);
                needs
                    .iter()
                    .filter(|n| n.reason != Reason::SkillPrereq)
                    .fold(1u32 << top, |m, n| m | 1 << n.level)
            })
            .collect();
        let skill_count: usize = stops.iter().map(|s| s.count_ones() as usize).sum();
        // Room for every step from the start: a list of 100,000 steps that
        // outgrew its room would stand twice in memory while it moves.
        let mut steps: Vec<Step> =
            Vec::with_capacity(skill_count + 2 * c.certs.len() + c.late_renewals.len() + 1);
        // (skill rank, to_level, step index) of each skill step: in rank
        // order, and in level order per skill. Each set bit of a skill's
        // stops is one step.
        let mut skill_steps: Vec<(Rank, u8, usize)> = Vec::with_capacity(skill_count);
        let skills: Vec<(Rank, &[Need<'c>])> = by_rank.iter().collect();
        // Each step's skill (its place in `skills`) and levels, from the
        // person's level up to each stop in turn.
        let mut slots: Vec<(u32, u8, u8)> = Vec::with_capacity(skill_count);
        for (k, (&(r, _), &stops)) in skills.iter().zip(&stops).enumerate() {
            let mut from = self.level_at(r);
            for l in (0..32).filter(|l| stops & (1 << l) != 0) {
                skill_steps.push((r, l, skill_steps.len()));
                slots.push((k as u32, from, l));
                from = l;
            }
        }
        // Each step stands alone: a long plan's are made on every core,
        // straight into their places in the list.
        let make = SkillSteps {
            cat: self.cat,
            dense: self.dense,
            lean: self.lean,
            role,
        };
        let step = |room: &mut Room<'c>, &(k, from, to): &(u32, u8, u8)| {
            let (r, needs) = skills[k as usize];
            make.step(room, r, needs, from, to)
        };
        if slots.len() >= parallel_from && rayon::current_num_threads() >= 2 {
            use rayon::prelude::*;
            steps.par_extend(slots.par_iter().map_init(Room::default, step));
        } else {
            let mut room = Room::default();
            steps.extend(slots.iter().map(|slot| step(&mut room, slot)));
        }
        let achieving = |r: Rank, level: u8| -> Option<usize> {
            let from = skill_steps.partition_point(|s| s.0 < r);
            skill_steps[from..]
                .iter()
                .take_while(|s| s.0 == r)
                .find(|s| s.1 >= level)
                .map(|s| s.2)
        };
        // Skill steps: the previous level of the same skill, and the skill's
        // prerequisites when it starts from zero.
        for (k, &(r, _, idx)) in skill_steps.iter().enumerate() {
            if k > 0 && skill_steps[k - 1].0 == r {
                steps[idx].deps.push(skill_steps[k - 1].2);
            } else if steps[idx].from_level == Some(0) {
                for &(q, l) in self.dense.requires(r) {
                    steps[idx].deps.extend(achieving(q, l));
                }
            }
        }
        let mut exam_step: IdMap<&str, usize> = IdMap::default();
        // (exam step, the cert's catalog index)
        let mut exam_at: Vec<(usize, usize)> = Vec::with_capacity(c.certs.len());
        for (id, need) in &c.certs {
            let at = self.cat.cert_index(id).expect("validated");
            let cert = &self.cat.certs[at];
            exam_at.push((steps.len(), at));
            let mut for_: Vec<String> = need.by.iter().map(|(b, _)| b.to_string()).collect();
            for_.sort();
            for_.dedup();
            exam_step.insert(id, steps.len());
            let price = super::Price::of(cert);
            steps.push(Step {
                kind: StepKind::Exam,
                id: id.to_string(),
                name: if self.lean {
                    String::new()
                } else {
                    cert.name.clone()
                },
                exams: Some(if self.lean {
                    Vec::new()
                } else {
                    cert.exam_codes()
                }),
                hours: cert.prep_hours(),
                cost_usd: price.cost,
                known_cost_usd: price.known,
                required: need.required,
                for_,
                over_budget: Some(false),
                why: if self.lean {
                    String::new()
                } else if let Some(d) = c
                    .retakes
                    .contains(id)
                    .then(|| self.have.expired.get(id))
                    .flatten()
                {
                    format!(
                        "your {} lapsed on {d} and cannot be renewed late: take the exam again; {}",
                        self.cat.short_name(id),
                        self.cert_why(need, role)
                    )
                } else {
                    self.cert_why(need, role)
                },
                ..blank_step()
            });
        }
        for ((id, need), &(me, at)) in c.certs.iter().zip(&exam_at) {
            let cert = &self.cat.certs[at];
            let mut deps = Vec::new();
            for &(q, l) in self.dense.covers(at) {
                deps.extend(achieving(q, l));
            }
            let mut prereqs: Vec<&Prereq> = cert.requires.iter().collect();
            if !self.opts.skip_recommended {
                prereqs.extend(&cert.recommends);
            }
            for p in prereqs {
                match p {
                    Prereq::Skill { skill, level } => {
                        deps.extend(achieving(self.rank_of(skill), *level))
                    }
                    Prereq::Cert { cert } => deps.extend(exam_step.get(cert.as_str()).copied()),
                    Prereq::AnyOf { any_of } => deps.extend(
                        any_of
                            .iter()
                            .filter_map(|o| exam_step.get(o.as_str()).copied()),
                    ),
                }
            }
            steps[me].deps = deps;
            let missing = self.have.missing_months(cert);
            if missing > 0 {
                let exp = cert.experience.as_ref().expect("has experience");
                let idx = steps.len();
                let have = self.have.months_in(&exp.area);
                let needed = exp.months_for(self.have.degree);
                let mut why = format!(
                    "{} asks for {needed} months of {} experience; you have {have}",
                    cert.name,
                    crate::model::area_words(&exp.area)
                );
                why.push_str(if exp.before_exam {
                    " (before the exam)"
                } else {
                    " (the exam may come first; the credential is awarded once the experience is there)"
                });
                steps.push(experience_step(
                    exp,
                    id,
                    &cert.name,
                    missing,
                    need.required,
                    why,
                ));
                if exp.before_exam {
                    steps[me].deps.push(idx);
                } else {
                    steps[idx].deps.push(me);
                }
            }
        }
        for id in &c.late_renewals {
            let cert = self.cat.cert(id).expect("validated");
            let by = cert.renewal_by();
            let mut step = renewal_step(cert, by, self.opts.start, None);
            step.late = true;
            if let Some((lapsed, _)) = self.have.lapsed_on(self.cat, id, self.opts.start) {
                let grace = cert.renewal.as_ref().map_or(0, |r| r.grace_months);
                step.why = format!(
                    "your {} lapsed on {lapsed}; {} accepts a late renewal for {grace} months: renew it now ({})",
                    cert.name, cert.vendor, step.why
                );
            }
            step.name = format!("Renew {} (late)", cert.name);
            steps.push(step);
        }
        if let Some(step) = self.role_experience(role) {
            steps.push(step);
        }
        for s in &mut steps {
            s.deps.sort_unstable();
            s.deps.dedup();
        }
        let mut place = vec![usize::MAX; steps.len()];
        for &(r, _, idx) in &skill_steps {
            place[idx] = self.dense.index(r);
        }
        for &(idx, at) in &exam_at {
            place[idx] = self.cat.skills.len() + at;
        }
        (steps, place)
    }

    /// The work experience the role asks for and the person lacks, as a
    /// step (the months still missing), if any.
    pub(super) fn role_experience(&self, role: &Role) -> Option<Step> {
        let exp = role.experience.as_ref()?;
        let needed = exp.months_for(self.have.degree);
        let have = self.have.months_in(&exp.area);
        let missing = self.role_months(role);
        if missing == 0 {
            return None;
        }
        let why = if self.lean {
            String::new()
        } else {
            let mut why = format!(
                "{} asks for {needed} months of {} experience; you have {have}",
                role.name,
                crate::model::area_words(&exp.area)
            );
            if needed < exp.months {
                why.push_str(&format!(
                    " (your degree counts for {} months)",
                    exp.months - needed
                ));
            }
            if let Some(n) = &exp.note {
                why.push_str(&format!(": {n}"));
            }
            why
        };
        Some(experience_step(
            exp, &role.id, &role.name, missing, true, why,
        ))
    }

    /// The months of the role's own experience the person lacks.
    pub(super) fn role_months(&self, role: &Role) -> u32 {
        role.experience.as_ref().map_or(0, |e| {
            e.months_for(self.have.degree)
                .saturating_sub(self.have.months_in(&e.area))
        })
    }

    pub(super) fn cert_why(&self, need: &CertNeed, role: &Role) -> String {
        let mut parts: Vec<String> = need
            .by
            .iter()
            .map(|(by, reason)| {
                let name = self.cat.short_name(by);
                match reason {
                    Reason::Role => {
                        let any = role
                            .certifications
                            .iter()
                            .any(|rc| matches!(rc, RoleCert::AnyOf { .. }));
                        if any {
                            format!("{} asks for it (or an alternative)", role.name)
                        } else {
                            format!("{} asks for it", role.name)
                        }
                    }
                    Reason::Recommends => format!("recommended before {name}"),
                    _ => format!("required before {name}"),
                }
            })
            .collect();
        parts.sort();
        parts.dedup();
        parts.join("; ")
    }
}

/// Plans of this many skill steps or more have them made on every core.
const PARALLEL_FROM: usize = 4096;

/// What making a skill's steps reads: the catalog and the role, not the
/// planner (whose memo stays on its own thread).
struct SkillSteps<'a, 'c> {
    cat: &'c Catalog,
    dense: &'c Dense,
    lean: bool,
    role: &'a Role,
}

/// Lists a thread reuses from one skill step to the next: what the step
/// is for, and the names of the skills that build on it.
#[derive(Default)]
struct Room<'c> {
    by: Vec<&'c str>,
    builds: Vec<&'c str>,
}

impl<'c> SkillSteps<'_, 'c> {
    /// The step of skill `r` (with its `needs`) from level `from` to `to`.
    fn step(&self, room: &mut Room<'c>, r: Rank, needs: &[Need<'c>], from: u8, to: u8) -> Step {
        let skill = self.dense.skill(self.cat, r);
        let at = |n: &&Need| n.level > from && n.level <= to;
        let by = &mut room.by;
        by.clear();
        by.extend(needs.iter().filter(at).map(|n| n.by));
        by.sort_unstable();
        by.dedup();
        Step {
            kind: StepKind::Skill,
            id: skill.id.clone(),
            name: if self.lean {
                String::new()
            } else {
                skill.name.clone()
            },
            from_level: Some(from),
            to_level: Some(to),
            hours: skill.hours_between(from, to),
            cost_usd: Some(0.0),
            required: needs.iter().any(|n| n.required && n.level >= to),
            for_: by.iter().map(|b| b.to_string()).collect(),
            why: if self.lean {
                String::new()
            } else {
                self.why(needs.iter().filter(at), &mut room.builds)
            },
            ..blank_step()
        }
    }

    /// Why a skill step is in the plan: what asks for its levels directly
    /// (sorted), then what builds on it.
    fn why<'n>(
        &self,
        needs: impl Iterator<Item = &'n Need<'c>>,
        builds: &mut Vec<&'c str>,
    ) -> String
    where
        'c: 'n,
    {
        let (cat, role) = (self.cat, self.role);
        let mut direct: Vec<String> = Vec::new();
        builds.clear();
        for n in needs {
            let l = n.level;
            match n.reason {
                Reason::Role => direct.push(format!("{} asks for level {l}", role.name)),
                Reason::Covers => direct.push(format!(
                    "the {} exam tests it at level {l}",
                    cat.short_name(n.by)
                )),
                Reason::Requires => {
                    direct.push(format!("{} requires level {l}", cat.short_name(n.by)))
                }
                Reason::Recommends => direct.push(format!(
                    "recommended at level {l} before {}",
                    cat.short_name(n.by)
                )),
                Reason::SkillPrereq => builds.push(self.dense.skill(cat, n.builder).name.as_str()),
            }
        }
        direct.sort();
        direct.dedup();
        builds.sort();
        builds.dedup();
        // The parts joined by "; ", written into one string made with
        // room for them all.
        let room = direct.iter().map(|d| d.len() + 2).sum::<usize>()
            + builds.iter().take(2).map(|b| b.len()).sum::<usize>()
            + 32;
        let mut out = String::with_capacity(room);
        for d in &direct {
            if !out.is_empty() {
                out.push_str("; ");
            }
            out.push_str(d);
        }
        if !builds.is_empty() {
            if !out.is_empty() {
                out.push_str("; ");
            }
            out.push_str(builds[0]);
            match builds.len() {
                1 => out.push_str(" builds on it"),
                2 => {
                    out.push_str(" and ");
                    out.push_str(builds[1]);
                    out.push_str(" build on it");
                }
                n => {
                    out.push_str(", ");
                    out.push_str(builds[1]);
                    // No String for the count: written into `out`.
                    let _ = write!(out, " and {} more build on it", n - 2);
                }
            }
        }
        out
    }
}

pub(super) fn blank_step() -> Step {
    let d = Date::constant(2000, 1, 1);
    Step {
        n: 0,
        kind: StepKind::Skill,
        id: String::new(),
        name: String::new(),
        from_level: None,
        to_level: None,
        exams: None,
        area: None,
        months: None,
        by: None,
        hours: 0.0,
        cost_usd: None,
        known_cost_usd: None,
        required: true,
        for_: Vec::new(),
        over_budget: None,
        start: d,
        end: d,
        why: String::new(),
        deps: Vec::new(),
        late: false,
        cost_assumed: false,
    }
}

/// The step of `missing` months of `exp` that the cert or role `id`
/// (named `name`) waits for.
fn experience_step(
    exp: &Experience,
    id: &str,
    name: &str,
    missing: u32,
    required: bool,
    why: String,
) -> Step {
    Step {
        kind: StepKind::Experience,
        id: format!("experience:{id}"),
        name: exp.label(name),
        area: Some(exp.area.clone()),
        months: Some(missing),
        hours: 0.0,
        cost_usd: Some(0.0),
        required,
        for_: vec![id.to_string()],
        why,
        ..blank_step()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::testing::{catalog, fixture, opts};
    use crate::plan::Target;
    use crate::profile::Profile;

    #[test]
    fn a_long_plans_steps_made_on_every_core_are_those_made_on_one() {
        // A chain of skills, each needed at levels 1 to 3 along the way
        // (exams stop some at 1, the role at 3): a long plan.
        let n = PARALLEL_FROM + 7;
        let skills: Vec<String> = (0..n)
            .map(|i| {
                let req = if i == 0 {
                    String::new()
                } else {
                    format!(r#"{{"skill": "s{:05}", "level": {}}}"#, i - 1, 1 + i % 3)
                };
                format!(
                    r#"{{"id": "s{i:05}", "name": "S {i}", "domain": "d", "hours": [1, 2, 3, 5], "requires": [{req}]}}"#
                )
            })
            .collect();
        let certs: Vec<String> = (0..n)
            .step_by(500)
            .map(|i| {
                format!(
                    r#"{{"id": "c{i}", "name": "C {i}", "vendor": "V", "level": "entry", "exams": [{{"code": "E{i}", "cost_usd": 100}}], "study_hours": 10, "covers": [{{"skill": "s{i:05}", "level": 1}}]}}"#
                )
            })
            .collect();
        let cert_ids: Vec<String> = (0..n).step_by(500).map(|i| format!(r#""c{i}""#)).collect();
        let cat = catalog(&format!(
            r#"{{"format": 1, "skills": [{}], "certifications": [{}], "roles": [{{"id": "r", "name": "R", "skills": [{{"skill": "s{:05}", "level": 3}}], "certifications": [{}]}}]}}"#,
            skills.join(","),
            certs.join(","),
            n - 1,
            cert_ids.join(",")
        ));
        let role = cat.role("r").unwrap();
        let me = crate::plan::testing::profile(&[("s00000", 1), ("s00001", 2)], &[]);
        let p = Planner::new(&cat, &me, opts());
        let c = p.closure(&Planner::targets(role), "r");
        let one = p.steps_from(&c, role, usize::MAX);
        assert!(one.0.len() > PARALLEL_FROM, "{} steps", one.0.len());
        assert!(one
            .0
            .iter()
            .any(|s| s.to_level == Some(1) && s.from_level == Some(0)));
        assert_eq!(p.steps_from(&c, role, 0), one);
        assert_eq!(p.steps(&c, role), one);
    }

    #[test]
    fn steps_carry_their_dependencies_and_an_experience_wait() {
        let cat = fixture();
        let role = cat.role("small-role").unwrap();
        let p = Planner::new(&cat, &Profile::default(), opts());
        let c = p.closure(&[Target::One("pro-cert")], "small-role");
        let (steps, _) = p.steps(&c, role);
        let at = |id: &str| steps.iter().position(|s| s.id == id).unwrap();
        let ids: Vec<&str> = steps.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "advanced",
                "basics",
                "pro-cert",
                "starter-cert",
                "experience:pro-cert"
            ]
        );
        assert_eq!(steps[at("advanced")].deps, [at("basics")]);
        assert_eq!(steps[at("advanced")].hours, 30.0);
        assert_eq!(steps[at("starter-cert")].deps, [at("basics")]);
        assert_eq!(
            steps[at("pro-cert")].deps,
            [
                at("advanced"),
                at("starter-cert"),
                at("experience:pro-cert")
            ]
        );
        let x = &steps[at("experience:pro-cert")];
        assert_eq!((x.kind, x.months), (StepKind::Experience, Some(24)));
        assert_eq!(
            x.why,
            "Pro Cert asks for 24 months of IT experience; you have 0 (before the exam)"
        );
        assert_eq!(
            steps[at("basics")].why,
            "the Starter Cert exam tests it at level 2; Advanced builds on it"
        );
        assert_eq!(steps[at("starter-cert")].why, "required before Pro Cert");
    }

    #[test]
    fn a_skill_is_split_only_where_a_level_is_asked_for() {
        let cat = catalog(
            r#"{"format": 1,
            "skills": [{"id": "a", "name": "A", "domain": "d", "hours": [1, 2, 4, 8]},
                       {"id": "b", "name": "B", "domain": "d", "hours": [1, 1, 1, 1],
                        "requires": [{"skill": "a", "level": 1}]}],
            "certifications": [{"id": "c", "name": "C", "vendor": "V", "exams": [{"code": "C1", "cost_usd": 5}],
               "study_hours": 3, "covers": [{"skill": "a", "level": 2}],
               "sources": ["https://example.org"], "as_of": "2026-11"}],
            "roles": [{"id": "r", "name": "R", "skills": [{"skill": "a", "level": 4}, {"skill": "b", "level": 1}],
                       "certifications": ["c"]}]}"#,
        );
        let role = cat.role("r").unwrap();
        let p = Planner::new(&cat, &Profile::default(), opts());
        let c = p.closure(
            &[
                Target::Skill("a", 4),
                Target::Skill("b", 1),
                Target::One("c"),
            ],
            "r",
        );
        let (steps, _) = p.steps(&c, role);
        let levels: Vec<(&str, Option<u8>, Option<u8>, f64)> = steps
            .iter()
            .filter(|s| s.kind == StepKind::Skill)
            .map(|s| (s.id.as_str(), s.from_level, s.to_level, s.hours))
            .collect();
        // a: to 2 for the exam, to 4 for the role; b's need of level 1 is
        // reached on the way.
        assert_eq!(
            levels,
            [
                ("a", Some(0), Some(2), 3.0),
                ("a", Some(2), Some(4), 12.0),
                ("b", Some(0), Some(1), 1.0)
            ]
        );
        assert_eq!(steps[1].deps, [0]);
        assert_eq!(steps[2].deps, [0]);
        assert_eq!(steps[3].deps, [0]);
        assert_eq!(steps[0].for_, ["b", "c"]);
        assert_eq!(steps[1].for_, ["r"]);
    }
}

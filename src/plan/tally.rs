//! A role's totals without its steps (docs/planning.md, "Ranking"): what
//! `rank` shows of every role, from the closure alone. Hours, readiness
//! and the finish add up alike in any order; so do the exams' prices,
//! unless an exam's code retires while the plan runs, and then the plan
//! is made to date it.

use super::closure::{Closure, Reason};
use super::schedule::{day_after, months_after, renewal_cost, study_days};
use super::{Plan, Planner, Price, StepKind};
use crate::dense::Rank;
use crate::model::{Prereq, Role};
use jiff::civil::Date;

/// What reaching a role takes, as `rank` shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    pub readiness_percent: u32,
    /// Study hours left, as the plan counts them.
    pub hours: f64,
    /// The known price of the exams (and of late renewals): what reaching
    /// the role costs, without the renewals of certs during a long plan.
    pub cost_usd: f64,
    /// The exams (and late renewals) whose price is not known.
    pub unknown_costs: usize,
    /// The plan's finish: study at the person's pace, or the experience
    /// the role or a cert waits for, whichever ends later.
    pub finish: Date,
    /// The role's own requirements still open, the furthest first (at
    /// most three): a skill by the hours from the person's level to the
    /// role's, a cert by its exam's preparation.
    pub top_gaps: Vec<String>,
}

/// Top gaps shown per role.
const TOP_GAPS: usize = 3;

impl<'c> Planner<'c> {
    /// The tally of `role`, with readiness measured against `empty`'s
    /// baseline (a planner for an empty profile, shared across roles).
    pub fn tally(&self, role: &'c Role, empty: &Planner<'c>) -> Tally {
        let c = self.closure_tops(&Self::targets(role), &role.id);
        let top_gaps = self.top_gaps(&c, role);
        let exact = self.cat.totals_add_exactly();
        let Some(t) = exact.then(|| self.tally_of(&c, role, empty)).flatten() else {
            return Tally::of(&self.plan_against(role, empty), top_gaps);
        };
        Tally { top_gaps, ..t }
    }

    /// The tally from the closure; `None` when an exam's price depends on
    /// its date (its code retires while the plan runs).
    fn tally_of(&self, c: &Closure<'c>, role: &'c Role, empty: &Planner<'c>) -> Option<Tally> {
        let start = self.opts.start;
        let hours = self.totals(c).hours;
        let role_months = self.role_months(role);
        let mut finish = day_after(start, study_days(hours, self.opts.hours_per_week));
        if role_months > 0 {
            finish = finish.max(months_after(start, role_months));
        }
        for id in c.certs.keys() {
            let missing = self
                .have
                .missing_months(self.cat.cert(id).expect("validated"));
            if missing > 0 {
                finish = finish.max(months_after(start, missing));
            }
        }
        let (mut cost, mut unknown) = (0.0, 0);
        for id in c.certs.keys() {
            let cert = self.cat.cert(id).expect("validated");
            let mut price = Price::of(cert);
            // A code retired by the finish but not by the start retires
            // while the plan runs: the exam's date decides its price.
            if self.retired_by(cert, finish).count() > self.retired_by(cert, start).count() {
                return None;
            }
            // Every exam ends on the start or later, and on the finish or
            // earlier: a code retired before the start is booked under its
            // successor on any date.
            for e in self.retired_by(cert, start) {
                self.rebook(&mut price, e);
            }
            cost += price.cost.or(price.known).unwrap_or(0.0);
            unknown += usize::from(price.cost.is_none());
        }
        for id in &c.late_renewals {
            let cert = self.cat.cert(id).expect("validated");
            let by = cert.renewal_by();
            match renewal_cost(cert, by) {
                Some(x) => cost += x,
                None => unknown += 1,
            }
        }
        let left = c.skills.len() + c.certs.len() + usize::from(role_months > 0);
        let baseline = self.baseline_against(role, empty, hours);
        Some(Tally {
            readiness_percent: self.rate(role, hours, baseline, left),
            hours,
            cost_usd: cost,
            unknown_costs: unknown,
            finish,
            top_gaps: Vec::new(),
        })
    }

    /// The role's own requirements in the closure, the most hours first,
    /// then by id, as the plan's steps done for the role count them: a
    /// cert by its exam's preparation, a skill by the levels the role
    /// itself asks for past those an exam stops at below them.
    fn top_gaps(&self, c: &Closure<'c>, role: &'c Role) -> Vec<String> {
        // The skill levels the role asks for, by skill.
        let mut asks: Vec<(Rank, u8)> = Vec::new();
        let mut ask = |id: &str, level: u8| {
            let r = self.same_skill(self.rank_of(id), level);
            if self.level_at(r) < level {
                asks.push((r, level));
            }
        };
        for s in &role.skills {
            ask(&s.skill, s.level);
        }
        for ch in role.required_choices() {
            let options = &ch.any_of;
            if options.iter().any(|o| self.have.level(&o.skill) >= o.level) {
                continue;
            }
            // One option is planned as it is; of several, the one chosen.
            let chosen = match options.as_slice() {
                [one] => Some(one),
                _ => c
                    .choices
                    .iter()
                    .find(|x| x.any_of.iter().eq(options.iter().map(|o| &o.skill)))
                    .and_then(|x| options.iter().find(|o| o.skill == x.chosen)),
            };
            if let Some(o) = chosen {
                ask(&o.skill, o.level);
            }
        }
        asks.sort_unstable();
        asks.dedup();
        let exp_id = format!("experience:{}", role.id);
        let mut gaps: Vec<(f64, &str)> = Vec::new();
        for (k, &(r, level)) in asks.iter().enumerate() {
            // The role's step for this level starts where the step below
            // it ends: the person's level, a level the role asks for too,
            // or one an exam (or a cert's prerequisite) stops at.
            let have = self.level_at(r);
            let below_own = asks[..k]
                .iter()
                .rev()
                .take_while(|(q, _)| *q == r)
                .map(|(_, l)| *l)
                .max();
            let from = self
                .exam_stops(c, r)
                .filter(|l| *l < level)
                .chain(below_own)
                .fold(have, u8::max);
            let skill = self.dense.skill(self.cat, r);
            gaps.push((skill.hours_between(from, level), skill.id.as_str()));
        }
        for (id, need) in &c.certs {
            if need
                .by
                .iter()
                .any(|(b, r)| *b == role.id && *r == Reason::Role)
            {
                gaps.push((self.cat.cert(id).expect("validated").prep_hours(), id));
            }
        }
        if self.role_months(role) > 0 {
            gaps.push((0.0, &exp_id));
        }
        // A skill asked for at two levels: its steps for the role add up.
        gaps.sort_by(|a, b| a.1.cmp(b.1));
        gaps.dedup_by(|next, kept| {
            let same = next.1 == kept.1;
            if same {
                kept.0 += next.0;
            }
            same
        });
        gaps.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        gaps.into_iter()
            .take(TOP_GAPS)
            .map(|(_, id)| id.to_string())
            .collect()
    }

    /// The levels of the skill of rank `r` that the closure's exams need
    /// it at: covered, or a prerequisite of the cert.
    fn exam_stops<'a>(
        &'a self,
        c: &'a Closure<'c>,
        r: Rank,
    ) -> impl Iterator<Item = u8> + use<'a, 'c> {
        c.certs.keys().flat_map(move |id| {
            let at = self.cat.cert_index(id).expect("validated");
            let cert = &self.cat.certs[at];
            let soft: &[Prereq] = if self.opts.skip_recommended {
                &[]
            } else {
                &cert.recommends
            };
            let prereqs = cert.requires.iter().chain(soft).filter_map(|p| match p {
                Prereq::Skill { skill, level } => Some((self.rank_of(skill), *level)),
                _ => None,
            });
            self.dense
                .covers(at)
                .iter()
                .copied()
                .chain(prereqs)
                .filter(move |&(q, l)| self.same_skill(q, l) == r)
                .map(|(_, l)| l)
        })
    }
}

impl Tally {
    /// The tally a plan shows (where the closure alone cannot tell it):
    /// its totals without the renewals of certs during the plan.
    fn of(plan: &Plan, top_gaps: Vec<String>) -> Tally {
        let counted = || {
            plan.steps
                .iter()
                .filter(|s| s.kind != StepKind::Renewal || s.late)
        };
        Tally {
            readiness_percent: plan.summary.readiness_percent,
            hours: plan.summary.total_hours,
            cost_usd: counted()
                .filter_map(|s| s.cost_usd.or(s.known_cost_usd))
                .sum(),
            unknown_costs: counted().filter(|s| s.cost_usd.is_none()).count(),
            finish: plan.summary.finish,
            top_gaps,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Catalog, Source};
    use crate::plan::testing::{catalog, fixture, opts, people, profile};
    use crate::plan::Options;
    use crate::profile::Profile;
    use jiff::civil::date;

    /// The tally's figures against the plan's own, for every role of
    /// `cat` and each of `people`: the same hours, readiness and finish;
    /// the cost and unknown prices of its steps but renewals during the
    /// plan; top gaps among the steps done for the role, as many as there
    /// are of those (up to three).
    fn same_as_plans(cat: &Catalog, people: &[Profile], o: Options) {
        let empty_profile = Profile::default();
        let empty = Planner::new(cat, &empty_profile, o.clone());
        for person in people {
            let planner = Planner::new(cat, person, o.clone());
            for role in &cat.roles {
                let plan = planner.plan(role);
                let t = planner.tally(role, &empty);
                let whose = format!("{} for {:?}", role.id, person.certifications);
                assert_eq!(
                    Tally {
                        top_gaps: Vec::new(),
                        ..t.clone()
                    },
                    Tally::of(&plan, Vec::new()),
                    "{whose}"
                );
                let mut own: Vec<&str> = plan
                    .steps
                    .iter()
                    .filter(|s| s.kind != StepKind::Renewal && s.for_.contains(&role.id))
                    .map(|s| s.id.as_str())
                    .collect();
                own.sort_unstable();
                own.dedup();
                assert_eq!(t.top_gaps.len(), own.len().min(TOP_GAPS), "{whose}");
                for g in &t.top_gaps {
                    assert!(own.contains(&g.as_str()), "{g} in {whose}");
                }
            }
        }
    }

    #[test]
    fn every_bundled_roles_tally_is_its_plans() {
        let cat = Catalog::load(&Source::bundled()).unwrap();
        assert!(cat.totals_add_exactly());
        for hours in [3.0, 10.0, 40.0] {
            same_as_plans(
                &cat,
                &people(),
                Options {
                    hours_per_week: hours,
                    ..opts()
                },
            );
        }
    }

    #[test]
    fn lapsed_certs_successor_codes_and_experience_tally_as_planned() {
        let cat = fixture();
        same_as_plans(&cat, &[Profile::default()], opts());
        let cat = crate::catalog::fixture("roles-rules.json");
        let people = [
            Profile::default(),
            profile(&[], &[("lapse-grace", Some(date(2023, 6, 1)))]),
            profile(&[], &[("lapse-retake", Some(date(2024, 1, 1)))]),
        ];
        // From the start, the old codes have retired: every exam is booked
        // under its successor, which the closure tells.
        same_as_plans(&cat, &people, opts());
        // Before they retire, the exams' dates decide: the plan is made.
        let early = Options {
            start: date(2026, 11, 25),
            ..opts()
        };
        same_as_plans(&cat, &people, early.clone());
        let role = cat.role("successor-role").unwrap();
        let from_closure = |o: Options| {
            let p = Planner::new(&cat, &Profile::default(), o);
            let c = p.closure_tops(&Planner::targets(role), &role.id);
            p.tally_of(&c, role, &p).map(|t| t.cost_usd)
        };
        assert_eq!(from_closure(opts()), Some(250.0), "booked as OC-2");
        assert_eq!(from_closure(early), None);
    }

    #[test]
    fn prices_in_cents_are_added_in_the_plans_order() {
        let cat = catalog(
            r#"{"format": 1, "skills": [{"id": "s", "name": "S", "domain": "d", "hours": [1, 1, 1, 1]}],
            "certifications": [
              {"id": "a", "name": "A", "vendor": "V", "exams": [{"code": "A1", "cost_usd": 0.1}], "covers": [{"skill": "s", "level": 1}], "validity_years": 1},
              {"id": "b", "name": "B", "vendor": "V", "exams": [{"code": "B1", "cost_usd": 0.2}], "requires": [{"cert": "a"}]},
              {"id": "c", "name": "C", "vendor": "V", "exams": [{"code": "C1", "cost_usd": 0.7}]}],
            "roles": [{"id": "r", "name": "R", "certifications": ["c", "b"]}]}"#,
        );
        assert!(!cat.costs_add_exactly());
        same_as_plans(&cat, &[Profile::default()], opts());
    }

    #[test]
    fn a_gap_is_the_roles_own_part_of_a_skill() {
        // The role asks basics at 3; the cert covers it at 2 on the way:
        // the role's own part is 2 -> 3. Other, asked for at the level the
        // cert covers it at, is the role's whole.
        let cat = catalog(
            r#"{"format": 1, "skills": [
              {"id": "basics", "name": "Basics", "domain": "d", "hours": [5, 10, 20, 40]},
              {"id": "other", "name": "Other", "domain": "d", "hours": [10, 10, 10, 10]}],
            "certifications": [
              {"id": "cert", "name": "Cert", "vendor": "V", "exams": [{"code": "C1", "cost_usd": 10}], "study_hours": 12, "covers": [{"skill": "basics", "level": 2}, {"skill": "other", "level": 4}]}],
            "roles": [{"id": "r", "name": "R", "skills": [{"skill": "basics", "level": 3}, {"skill": "other", "level": 4}], "certifications": ["cert"],
                       "experience": {"months": 12, "area": "it"}}]}"#,
        );
        let p = Planner::new(&cat, &Profile::default(), opts());
        let role = cat.role("r").unwrap();
        let t = p.tally(role, &p);
        // other 0 -> 4: 40 hours; basics 2 -> 3: 20; cert: 12.
        assert_eq!(t.top_gaps, ["other", "basics", "cert"]);
        assert_eq!(t.finish, date(2027, 12, 1), "the role's year of experience");
        assert_eq!(t.hours, 5.0 + 10.0 + 20.0 + 40.0 + 12.0);
        same_as_plans(&cat, &[Profile::default()], opts());
    }
}

//! Choices (DESIGN.md 5.4): which option of an any_of to plan, scored by
//! the hours, experience and cost each brings.

use super::closure::{top_need, Closure};
use super::{Planner, Target};
use crate::model::Prereq;
use crate::num::fmt_num;
use serde::Serialize;
use std::collections::HashSet;

/// A choice made between the options of an any_of.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    pub any_of: Vec<String>,
    pub chosen: String,
    pub runner_up: Option<String>,
    #[serde(serialize_with = "crate::num::opt_num")]
    pub delta_hours: Option<f64>,
    #[serde(serialize_with = "crate::num::opt_num")]
    pub delta_cost_usd: Option<f64>,
    pub why: String,
}

/// What an option of an any_of costs on its own.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Score {
    /// Calendar days to finish at this person's pace: study time, or the
    /// longest experience a cert must wait for, whichever is longer.
    pub(super) days: u32,
    pub(super) hours: f64,
    pub(super) months: u32,
    /// The longest single wait for experience, in months.
    pub(super) wait: u32,
    pub(super) cost: f64,
}

impl<'c> Planner<'c> {
    /// Picks the option of an any_of to plan, or `None` when one is met.
    pub(super) fn pick(
        &self,
        c: &mut Closure<'c>,
        options: &'c [String],
        soft: bool,
    ) -> Option<&'c str> {
        self.pick_with(c, options, soft, None)
    }

    /// Like `pick`, scoring options with `scorer` (default: each alone).
    pub(super) fn pick_with(
        &self,
        c: &mut Closure<'c>,
        options: &'c [String],
        soft: bool,
        scorer: Option<&dyn Fn(&'c str) -> Score>,
    ) -> Option<&'c str> {
        let mut opts: Vec<&'c str> = Vec::new();
        for o in options {
            let cert = self.cat.cert(o).expect("validated");
            if self.have.holds(&cert.id) || (soft && self.have.knows(self.cat, &cert.id)) {
                if let Some(via) = self.have.via.get(cert.id.as_str()) {
                    c.satisfied.insert((cert.id.as_str(), via));
                }
                return None;
            }
            // A retired option stands for the active certs that replace it.
            for r in self.cat.active_replacements(&cert.id) {
                if self.have.holds(r) {
                    return None;
                }
                if !opts.contains(&r) {
                    opts.push(r);
                }
            }
        }
        if !self.opts.avoid.is_empty() {
            let kept: Vec<&'c str> = opts
                .iter()
                .copied()
                .filter(|o| !self.opts.avoids(self.cat.cert(o).expect("validated")))
                .collect();
            if kept.len() == 1 && opts.len() > 1 {
                // Say so, or the avoided options vanish without a word.
                c.choices.push(Choice {
                    any_of: options.to_vec(),
                    chosen: kept[0].to_string(),
                    runner_up: None,
                    delta_hours: None,
                    delta_cost_usd: None,
                    why: "the other options' vendors are avoided (--avoid)".to_string(),
                });
            }
            if !kept.is_empty() {
                opts = kept;
            } else if soft {
                return None;
            }
        }
        if opts.len() <= 1 {
            return opts.first().copied();
        }
        let all: Vec<String> = options.to_vec();
        if let Some(p) = self.opts.prefer.iter().find(|p| opts.contains(&p.as_str())) {
            let chosen = *opts.iter().find(|o| *o == p).expect("found");
            c.choices.push(Choice {
                any_of: all,
                chosen: chosen.to_string(),
                runner_up: None,
                delta_hours: None,
                delta_cost_usd: None,
                why: "chosen with --prefer".to_string(),
            });
            return Some(chosen);
        }
        let mut scored: Vec<(Score, &'c str)> = opts
            .iter()
            .map(|o| (scorer.map_or_else(|| self.score(o), |f| f(o)), *o))
            .collect();
        scored.sort_by(|(a, x), (b, y)| {
            a.days
                .cmp(&b.days)
                .then(a.hours.total_cmp(&b.hours))
                .then(a.months.cmp(&b.months))
                .then(a.cost.total_cmp(&b.cost))
                .then(x.cmp(y))
        });
        let (best, chosen) = scored[0];
        let (second, runner) = scored[1];
        let scope = if scorer.is_some() {
            "in the whole plan"
        } else {
            "counting each option with the prerequisites it brings"
        };
        let why = if best.wait < second.wait && best.days < second.days {
            format!(
                "{} fewer months of experience to wait for {scope}",
                second.wait - best.wait
            )
        } else if best.hours != second.hours {
            let fewer = second.hours - best.hours;
            if fewer > 0.0 {
                format!("{} fewer study hours {scope}", fmt_num(fewer))
            } else {
                format!(
                    "done sooner despite {} more study hours {scope}",
                    fmt_num(-fewer)
                )
            }
        } else if best.months != second.months {
            format!(
                "{} fewer months of experience {scope}",
                second.months - best.months
            )
        } else if best.cost != second.cost {
            format!(
                "${} less in known exam fees",
                fmt_num(second.cost - best.cost)
            )
        } else {
            "equal hours, experience and cost: first by id".to_string()
        };
        let choice = Choice {
            any_of: all,
            chosen: chosen.to_string(),
            runner_up: Some(runner.to_string()),
            delta_hours: Some(second.hours - best.hours),
            delta_cost_usd: Some(second.cost - best.cost),
            why,
        };
        if !c.choices.contains(&choice) {
            c.choices.push(choice);
        }
        Some(chosen)
    }

    /// An option's own unmet closure: hours, experience months, known cost.
    pub(super) fn score(&self, id: &'c str) -> Score {
        if let Some(s) = self.scores.borrow().get(id) {
            return *s;
        }
        // The options below this one first, deepest first: each then finds
        // the options below it scored, and a chain of any_ofs thousands
        // long does not become as deep a recursion.
        for o in self.options_below(id) {
            self.score_alone(o);
        }
        self.score_alone(id)
    }

    pub(super) fn score_alone(&self, id: &'c str) -> Score {
        if let Some(s) = self.scores.borrow().get(id) {
            return *s;
        }
        let s = self.totals(&self.closure_with(&[Target::One(id)], id, false));
        self.scores.borrow_mut().insert(id, s);
        s
    }

    /// The certs below `id` that planning it may score as options (of an
    /// any_of, or as a retired cert's replacements), not scored yet,
    /// deepest first. Below a cert scored already, everything is scored.
    pub(super) fn options_below(&self, id: &'c str) -> Vec<&'c str> {
        let scored = self.scores.borrow();
        let mut options: HashSet<&'c str> = HashSet::new();
        let mut seen: HashSet<&'c str> = HashSet::new();
        let mut done: Vec<&'c str> = Vec::new();
        // (cert, whether what it leads to was pushed)
        let mut stack: Vec<(&'c str, bool)> = vec![(id, false)];
        while let Some((at, pushed)) = stack.pop() {
            if pushed {
                done.push(at);
                continue;
            }
            if !seen.insert(at) {
                continue;
            }
            stack.push((at, true));
            let Some(cert) = self.cat.cert(at) else {
                continue;
            };
            let mut next: Vec<(&'c str, bool)> = Vec::new();
            if cert.is_retired() {
                next.extend(cert.replaced_by.iter().map(|r| (r.as_str(), true)));
            } else {
                let soft: &'c [Prereq] = if self.opts.skip_recommended {
                    &[]
                } else {
                    &cert.recommends
                };
                for p in cert.requires.iter().chain(soft) {
                    match p {
                        Prereq::Cert { cert } => next.push((cert.as_str(), false)),
                        Prereq::AnyOf { any_of } => {
                            next.extend(any_of.iter().map(|o| (o.as_str(), true)))
                        }
                        Prereq::Skill { .. } => {}
                    }
                }
            }
            for (n, option) in next {
                if scored.contains_key(n) {
                    continue;
                }
                if option {
                    options.insert(n);
                }
                if !seen.contains(n) {
                    stack.push((n, false));
                }
            }
        }
        done.retain(|c| *c != id && options.contains(c));
        done
    }

    /// Study hours, experience months and known cost of a closure.
    pub(super) fn totals(&self, c: &Closure<'c>) -> Score {
        self.totals_of(c.skills.iter().map(top_need), c.certs.keys().copied())
    }

    /// Study hours, experience months and known cost of skills (each at
    /// its top level) and certs, both in id order.
    pub(super) fn totals_of(
        &self,
        skills: impl Iterator<Item = (&'c str, u8)>,
        certs: impl Iterator<Item = &'c str>,
    ) -> Score {
        let mut s = Score {
            days: 0,
            hours: 0.0,
            months: 0,
            wait: 0,
            cost: 0.0,
        };
        for (skill, top) in skills {
            s.hours += self
                .cat
                .skill(skill)
                .expect("validated")
                .hours_between(self.have.level(skill), top);
        }
        for cert in certs {
            let cert = self.cat.cert(cert).expect("validated");
            s.hours += cert.prep_hours();
            let missing = self.have.missing_months(cert);
            s.months += missing;
            s.wait = s.wait.max(missing);
            s.cost += cert.cost().unwrap_or(0.0);
        }
        let study = (s.hours * 7.0 / self.opts.hours_per_week).ceil();
        let waiting = (f64::from(s.wait) * 30.44).ceil();
        s.days = study.max(waiting) as u32;
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::testing::{fixture, opts, profile};
    use crate::profile::Profile;

    #[test]
    fn an_any_of_goes_to_the_option_done_sooner_and_says_why() {
        let cat = fixture();
        let plan =
            Planner::new(&cat, &Profile::default(), opts()).plan(cat.role("either-role").unwrap());
        assert_eq!(plan.choices.len(), 1);
        let ch = &plan.choices[0];
        // starter-cert: 10 + 15 hours; alt-cert: 12 + 15.
        assert_eq!(ch.chosen, "starter-cert");
        assert_eq!(ch.runner_up.as_deref(), Some("alt-cert"));
        assert_eq!(ch.delta_hours, Some(2.0));
        assert_eq!(ch.delta_cost_usd, Some(-50.0));
        assert_eq!(ch.why, "2 fewer study hours in the whole plan");
    }

    #[test]
    fn prefer_and_avoid_decide_and_say_so() {
        let cat = fixture();
        let role = cat.role("either-role").unwrap();
        let mut o = opts();
        o.prefer = vec!["alt-cert".into()];
        let plan = Planner::new(&cat, &Profile::default(), o).plan(role);
        assert_eq!(plan.choices[0].chosen, "alt-cert");
        assert_eq!(plan.choices[0].why, "chosen with --prefer");
        let mut o = opts();
        o.avoid = vec!["example".into()];
        let plan = Planner::new(&cat, &Profile::default(), o).plan(role);
        assert_eq!(plan.choices[0].chosen, "alt-cert");
        assert_eq!(plan.choices[0].runner_up, None);
        assert!(plan.choices[0].why.contains("--avoid"));
    }

    #[test]
    fn a_held_option_meets_the_any_of() {
        let cat = fixture();
        let me = profile(&[], &[("alt-cert", None)]);
        let p = Planner::new(&cat, &me, opts());
        let mut c = Closure::new();
        let role = cat.role("either-role").unwrap();
        assert_eq!(
            p.pick(&mut c, role.certifications[0].options(), false),
            None
        );
        assert!(c.choices.is_empty());
    }

    #[test]
    fn an_option_is_scored_with_what_it_brings_and_remembered() {
        let cat = fixture();
        let p = Planner::new(&cat, &Profile::default(), opts());
        let s = p.score("pro-cert");
        // pro 20 + starter 10 + advanced 30 + basics 15 hours; 24 months.
        assert_eq!(s.hours, 75.0);
        assert_eq!(s.months, 24);
        assert_eq!(s.wait, 24);
        assert_eq!(s.cost, 400.0);
        assert_eq!(s.days, (24.0f64 * 30.44).ceil() as u32);
        assert!(p.scores.borrow().contains_key("pro-cert"));
        assert_eq!(
            p.totals_of([("basics", 2)].into_iter(), [].into_iter())
                .hours,
            15.0
        );
    }
}

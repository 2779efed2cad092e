//! Choices (DESIGN.md 5.4): which option of an any_of to plan, scored by
//! the hours, experience and cost each brings.

use super::closure::{Closure, Floor};
use super::{ChooseBy, Planner, Target};
use crate::model::{Prereq, SkillLevel};
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
    /// Which rule decided it.
    pub rule: Rule,
    pub why: String,
}

/// The rule that decided a choice (docs/planning.md, "The choice rule").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rule {
    /// The option employers ask for most.
    Demand,
    /// The option that builds on a cert the person holds (it requires or
    /// recommends it): their vendor's next step.
    Path,
    /// Another option finishes clearly sooner than the most requested.
    Sooner,
    /// `--choose-by time`: the soonest finish.
    Time,
    /// `--choose-by cost`: the fewest known dollars.
    Cost,
    /// `--prefer`.
    Prefer,
    /// `--avoid` left one option.
    Avoid,
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
    /// Whether the option's own certs all have known study hours, and
    /// known prices: an unknown never wins a choice on that account.
    pub(super) hours_known: bool,
    pub(super) cost_known: bool,
}

/// An option being decided on: its id, its score, its name for the reader.
struct Candidate<'c> {
    id: &'c str,
    score: Score,
    name: String,
}

/// How a choice came out: indexes into the candidates, the rule, the words.
struct Decision {
    chosen: usize,
    runner: usize,
    rule: Rule,
    why: String,
}

/// Records a decided choice in the closure, once.
fn record(c: &mut Closure<'_>, any_of: Vec<String>, candidates: &[Candidate<'_>], d: Decision) {
    let (best, second) = (candidates[d.chosen].score, candidates[d.runner].score);
    let choice = Choice {
        any_of,
        chosen: candidates[d.chosen].id.to_string(),
        runner_up: Some(candidates[d.runner].id.to_string()),
        // What is unknown on either side makes no difference known.
        delta_hours: (best.hours_known && second.hours_known).then_some(second.hours - best.hours),
        delta_cost_usd: (best.cost_known && second.cost_known).then_some(second.cost - best.cost),
        rule: d.rule,
        why: d.why,
    };
    if !c.choices.contains(&choice) {
        c.choices.push(choice);
    }
}

impl<'c> Planner<'c> {
    /// Picks the option of an any_of to plan, or `None` when one is met.
    pub(super) fn pick(
        &self,
        c: &mut Closure<'c>,
        options: &'c [String],
        soft: bool,
    ) -> Option<&'c str> {
        self.pick_with(c, options, soft, None, None)
    }

    /// Like `pick`, scoring options with `scorer` (default: each alone);
    /// `before` is the cert whose recommendation this is, if it is one.
    pub(super) fn pick_with(
        &self,
        c: &mut Closure<'c>,
        options: &'c [String],
        soft: bool,
        scorer: Option<&dyn Fn(&'c str) -> Score>,
        before: Option<&'c str>,
    ) -> Option<&'c str> {
        let mut opts: Vec<&'c str> = Vec::new();
        for o in options {
            let cert = self.cat.cert(o).expect("validated");
            let known = soft
                && match before {
                    Some(b) => self.have.knows_for(self.cat, &cert.id, b),
                    None => self.have.knows(self.cat, &cert.id),
                };
            if self.have.holds(&cert.id) || known {
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
                    rule: Rule::Avoid,
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
                rule: Rule::Prefer,
                why: "chosen with --prefer".to_string(),
            });
            return Some(chosen);
        }
        // Employer demand: the listed order, or the sourced figures when
        // every option has one.
        let figures: Option<Vec<u64>> = opts
            .iter()
            .map(|o| self.cat.cert(o).and_then(|x| x.demand))
            .collect();
        if figures.is_some() {
            opts.sort_by_key(|o| std::cmp::Reverse(self.cat.cert(o).and_then(|x| x.demand)));
        }
        // An option a level above an associate-or-higher cert the person
        // holds, that builds on it (requires or recommends it), continues
        // their path (AZ-104 to AZ-305, Oracle SQL to Oracle DBA): it comes
        // first, ahead of the employer-demand order. An entry cert (A+
        // before Network+ or Server+) is a start, not a path.
        let level_rank = |l: &str| crate::catalog::CERT_LEVELS.iter().position(|x| *x == l);
        let associate = level_rank("associate");
        let rank = |l: &Option<String>| level_rank(l.as_deref()?);
        let builds_on = |o: &str| -> Option<&'c str> {
            let cert = self.cat.cert(o)?;
            cert.requires
                .iter()
                .chain(&cert.recommends)
                .find_map(|p| match p {
                    Prereq::Cert { cert: held }
                        if self.have.holds(held)
                            && self.cat.cert(held).is_some_and(|h| {
                                matches!((rank(&h.level), rank(&cert.level)),
                                        (Some(a), Some(b)) if Some(a) >= associate && a < b)
                            }) =>
                    {
                        Some(held.as_str())
                    }
                    _ => None,
                })
        };
        let mut path: Option<&'c str> = None;
        if let Some(i) = opts.iter().position(|o| builds_on(o).is_some()) {
            path = builds_on(opts[i]);
            opts[..=i].rotate_right(1);
        }
        let candidates: Vec<Candidate<'c>> = opts
            .iter()
            .map(|o| Candidate {
                id: o,
                score: scorer.map_or_else(|| self.score(o), |f| f(o)),
                name: if self.lean {
                    String::new()
                } else {
                    self.cat.short_name(o).to_string()
                },
            })
            .collect();
        let postings = figures.map(|_| {
            candidates
                .iter()
                .map(|x| self.cat.cert(x.id).and_then(|c| c.demand).unwrap_or(0))
                .collect::<Vec<_>>()
        });
        let held = path.map(|h| self.cat.short_name(h).to_string());
        let d = self.decide(
            &candidates,
            scorer.is_some(),
            postings.as_deref(),
            held.as_deref(),
        );
        let chosen = candidates[d.chosen].id;
        record(c, all, &candidates, d);
        Some(chosen)
    }

    /// Picks the option of a role's skill any_of to plan, or `None` when
    /// one is met. The options are in the order employers ask for them.
    pub(super) fn pick_skill(
        &self,
        c: &mut Closure<'c>,
        options: &'c [SkillLevel],
        scorer: Option<&dyn Fn(&'c str, u8) -> Score>,
    ) -> Option<(&'c str, u8)> {
        if options.iter().any(|o| self.have.level(&o.skill) >= o.level) {
            return None;
        }
        if options.len() == 1 {
            return Some((&options[0].skill, options[0].level));
        }
        let candidates: Vec<Candidate<'c>> = options
            .iter()
            .map(|o| Candidate {
                id: &o.skill,
                score: match scorer {
                    Some(f) => f(&o.skill, o.level),
                    None => self.totals(&self.closure_with(
                        &[Target::Skill(&o.skill, o.level)],
                        &o.skill,
                        false,
                        false,
                    )),
                },
                name: if self.lean {
                    String::new()
                } else {
                    self.cat.name_of(&o.skill).to_string()
                },
            })
            .collect();
        let d = self.decide(&candidates, scorer.is_some(), None, None);
        let o = &options[d.chosen];
        record(
            c,
            options.iter().map(|o| o.skill.clone()).collect(),
            &candidates,
            d,
        );
        Some((&o.skill, o.level))
    }

    /// Decides between candidates listed most requested first (at least
    /// two), by `--choose-by` (docs/planning.md, "The choice rule").
    /// `path` names the held cert the first candidate builds on, if any.
    fn decide(
        &self,
        cands: &[Candidate<'c>],
        whole: bool,
        postings: Option<&[u64]>,
        path: Option<&str>,
    ) -> Decision {
        let time_key = |a: &Score, b: &Score| {
            b.hours_known
                .cmp(&a.hours_known)
                .then(a.days.cmp(&b.days))
                .then(a.hours.total_cmp(&b.hours))
                .then(a.months.cmp(&b.months))
                .then(a.cost.total_cmp(&b.cost))
        };
        let by_time = |skip: Option<usize>| -> Vec<usize> {
            let mut idx: Vec<usize> = (0..cands.len()).filter(|i| Some(*i) != skip).collect();
            idx.sort_by(|&a, &b| {
                time_key(&cands[a].score, &cands[b].score).then(cands[a].id.cmp(cands[b].id))
            });
            idx
        };
        let scope = if whole {
            "in the whole plan"
        } else {
            "counting each option with the prerequisites it brings"
        };
        let (chosen, runner, rule) = match self.opts.choose_by {
            ChooseBy::Time => {
                let t = by_time(None);
                (t[0], t[1], Rule::Time)
            }
            ChooseBy::Cost => {
                let mut idx: Vec<usize> = (0..cands.len()).collect();
                idx.sort_by(|&a, &b| {
                    let (x, y) = (&cands[a].score, &cands[b].score);
                    y.cost_known
                        .cmp(&x.cost_known)
                        .then(x.cost.total_cmp(&y.cost))
                        .then(time_key(x, y))
                        .then(cands[a].id.cmp(cands[b].id))
                });
                (idx[0], idx[1], Rule::Cost)
            }
            ChooseBy::Demand | ChooseBy::Balanced => {
                // The most requested, against the quickest other option
                // whose hours are known.
                let other = by_time(Some(0))
                    .into_iter()
                    .find(|i| cands[*i].score.hours_known);
                let top = &cands[0].score;
                let sooner = other.filter(|&o| {
                    let (t, d) = (f64::from(top.days), f64::from(cands[o].score.days));
                    self.opts.choose_by == ChooseBy::Balanced && t > 0.0 && t - d >= t / 3.0
                });
                match sooner {
                    Some(o) => (o, 0, Rule::Sooner),
                    None if path.is_some() => (0, other.unwrap_or(1), Rule::Path),
                    None => (0, other.unwrap_or(1), Rule::Demand),
                }
            }
        };
        let (c, r) = (&cands[chosen], &cands[runner]);
        let (b, s) = (&c.score, &r.score);
        let hours_known = b.hours_known && s.hours_known;
        let mut why = match rule {
            Rule::Demand | Rule::Path => {
                let mut w = match path.filter(|_| rule == Rule::Path) {
                    Some(held) => format!("builds on {held}, which you hold"),
                    None => "most requested by employers".to_string(),
                };
                if let (Some(p), Rule::Demand) = (postings, rule) {
                    w.push_str(&format!(" ({} job postings)", p[chosen]));
                }
                // The money goes with the clause it belongs to: the
                // runner-up's when the runner-up is the subject.
                let money = |runner_first: bool| -> String {
                    if !(b.cost_known && s.cost_known) || s.cost == b.cost {
                        return String::new();
                    }
                    let d = fmt_num((s.cost - b.cost).abs());
                    match (runner_first, s.cost > b.cost) {
                        (true, true) => format!(" and cost ${d} more"),
                        (true, false) => format!(" and cost ${d} less"),
                        (false, true) => format!(", ${d} cheaper"),
                        (false, false) => format!(", ${d} more in known fees"),
                    }
                };
                if hours_known && s.hours < b.hours {
                    w.push_str(&format!(
                        "; {} would take {} fewer hours{}",
                        r.name,
                        fmt_num(b.hours - s.hours),
                        money(true)
                    ));
                } else if hours_known && s.hours > b.hours {
                    w.push_str(&format!(
                        ", and {} fewer hours than {}{}",
                        fmt_num(s.hours - b.hours),
                        r.name,
                        money(false)
                    ));
                } else {
                    w.push_str(&money(false));
                }
                w
            }
            Rule::Sooner if s.hours > b.hours => format!(
                "finishes clearly sooner: {} fewer hours than {}, the most requested",
                fmt_num(s.hours - b.hours),
                r.name
            ),
            Rule::Sooner => format!(
                "finishes clearly sooner: {} days before {}, the most requested",
                s.days - b.days,
                r.name
            ),
            Rule::Cost if b.cost_known && s.cost_known && s.cost > b.cost => format!(
                "${} less in known exam fees {scope}",
                fmt_num(s.cost - b.cost)
            ),
            _ => time_words(b, s, scope),
        };
        // Name what is not known, once per option.
        for x in cands {
            let what = match (x.score.hours_known, x.score.cost_known) {
                (false, false) => "study hours and price are unknown",
                (false, true) => "study hours are unknown",
                (true, false) => "price is unknown",
                (true, true) => continue,
            };
            why.push_str(&format!("; {}'s {what}", x.name));
        }
        Decision {
            chosen,
            runner,
            rule,
            why,
        }
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
        let s = self.totals(&self.closure_with(&[Target::One(id)], id, false, false));
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
        if c.skills.keeps_needs() || c.skills.few() || !self.cat.hours_add_exactly() {
            return self.totals_of(c.skills.tops(), c.certs.keys().copied());
        }
        // Most of the catalog, in hours that add up alike in any order:
        // every level at once.
        let mut s = self.totals_of(std::iter::empty(), c.certs.keys().copied());
        s.hours += self
            .dense
            .hours_up_to(&self.levels, None, c.skills.levels());
        self.with_days(s)
    }

    /// Study hours, experience months and known cost of skills (each at
    /// its top level) and certs, both in id order.
    pub(super) fn totals_of(
        &self,
        skills: impl Iterator<Item = (crate::dense::Rank, u8)>,
        certs: impl Iterator<Item = &'c str>,
    ) -> Score {
        let mut s = Score {
            days: 0,
            hours: 0.0,
            months: 0,
            wait: 0,
            cost: 0.0,
            hours_known: true,
            cost_known: true,
        };
        for (r, top) in skills {
            s.hours += self.dense.hours_between(r, self.level_at(r), top);
        }
        for cert in certs {
            self.count_cert(&mut s, cert);
        }
        self.with_days(s)
    }

    /// The totals of `base` (a closure's, which `floor` holds) with what
    /// `more` adds to it: its skills past the levels the base has, its
    /// certs the base lacks. The same figures as the totals of both
    /// together where hours and prices add up alike in any order, from
    /// `more` alone rather than from every skill of both.
    pub(super) fn totals_over(&self, base: Score, floor: &Floor<'c>, more: &Closure<'c>) -> Score {
        let mut s = base;
        if more.skills.few() {
            for (r, top) in more.skills.tops() {
                let from = self.level_at(r).max(floor.skills[r as usize]);
                s.hours += self.dense.hours_between(r, from, top);
            }
        } else {
            s.hours +=
                self.dense
                    .hours_up_to(&self.levels, Some(&floor.skills), more.skills.levels());
        }
        for cert in more.certs.keys() {
            if !floor.certs.contains(cert) {
                self.count_cert(&mut s, cert);
            }
        }
        self.with_days(s)
    }

    /// Adds a cert's preparation, experience and price to `s`.
    fn count_cert(&self, s: &mut Score, cert: &str) {
        let cert = self.cat.cert(cert).expect("validated");
        s.hours += cert.prep_hours();
        let missing = self.have.missing_months(cert);
        s.months += missing;
        s.wait = s.wait.max(missing);
        s.cost += cert.cost().unwrap_or(0.0);
        s.hours_known &= cert.hours_known();
        s.cost_known &= cert.cost().is_some();
    }

    /// `s` with its days: study at this pace, or the longest wait for
    /// experience, whichever is longer.
    fn with_days(&self, mut s: Score) -> Score {
        let study = (s.hours * 7.0 / self.opts.hours_per_week).ceil();
        let waiting = (f64::from(s.wait) * 30.44).ceil();
        s.days = study.max(waiting) as u32;
        s
    }
}

/// Why one option is sooner than another, as the time rule sees it.
fn time_words(best: &Score, second: &Score, scope: &str) -> String {
    if best.wait < second.wait && best.days < second.days {
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::testing::{fixture, opts, profile};
    use crate::profile::Profile;

    #[test]
    fn an_options_totals_over_the_base_are_those_of_both_together() {
        // A third of the bundled roles as the base, a quarter of the
        // catalog's certs as an option grown on it, for people from none
        // to some.
        let cat = crate::catalog::Catalog::load(&crate::catalog::Source::bundled()).unwrap();
        assert!(cat.totals_add_exactly());
        let people = [
            Profile::default(),
            profile(
                &[("networking-fundamentals", 3), ("linux-administration", 2)],
                &[("comptia-a-plus", None)],
            ),
        ];
        let mut compared = 0;
        for person in &people {
            let p = Planner::new(&cat, person, opts());
            for role in cat.roles.iter().step_by(3) {
                let base = p.closure_with(&Planner::targets(role), &role.id, false, false);
                let skills: Vec<_> = base.skills.tops().collect();
                let certs: Vec<&str> = base.certs.keys().copied().collect();
                let mut floor = Floor::new(Vec::new(), p.dense.len(), &[]);
                floor.add(&base);
                let floor = std::rc::Rc::new(floor);
                let base_totals = p.totals_of(skills.iter().copied(), certs.iter().copied());
                // Grown as a choice grows an option, past what the base
                // expanded; or from scratch, meeting the base's certs again.
                let options = cat.certs.iter().filter(|c| !c.is_retired()).step_by(4);
                for (cert, again) in options.flat_map(|c| [(c, false), (c, true)]) {
                    let mut more = Closure {
                        expanded: if again {
                            Default::default()
                        } else {
                            base.expanded.clone()
                        },
                        floor: Some(floor.clone()),
                        ..Closure::new(false)
                    };
                    p.add_target(&mut more, &Target::One(&cert.id), &role.id);
                    let both = p.totals_of(
                        super::super::closure::union_max(
                            skills.iter().copied(),
                            more.skills.tops(),
                        ),
                        super::super::closure::union(
                            certs.iter().copied(),
                            more.certs.keys().copied(),
                        ),
                    );
                    let over = p.totals_over(base_totals, &floor, &more);
                    assert_eq!(
                        (over.hours, over.months, over.wait, over.cost, over.days),
                        (both.hours, both.months, both.wait, both.cost, both.days),
                        "{} on {}",
                        cert.id,
                        role.id
                    );
                    compared += usize::from(more.skills.tops().next().is_some());
                }
            }
        }
        assert!(compared > 50, "options that add skills: {compared}");
    }

    #[test]
    fn an_any_of_goes_to_the_most_requested_option_and_says_why() {
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
        // Listed first (most requested), and no slower.
        assert_eq!(ch.rule, Rule::Demand);
        assert_eq!(
            ch.why,
            "most requested by employers, and 2 fewer hours than Alternative Cert, $50 more in known fees"
        );
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
        let mut c = Closure::new(false);
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
            p.totals_of([(p.rank_of("basics"), 2)].into_iter(), [].into_iter())
                .hours,
            15.0
        );
    }
}

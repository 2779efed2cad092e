//! Dates (DESIGN.md 5.7), renewals (5.8), a budget and the cut at
//! --max-cost / --max-hours.

use super::have::validity_months;
use super::order::renumber;
use super::steps::blank_step;
use super::{Left, Plan, Planner, Step, StepKind};
use crate::model::Cert;
use jiff::civil::Date;
use jiff::ToSpan;
use std::collections::HashMap;

impl<'c> Planner<'c> {
    /// Marks exams from the first one the budget does not cover.
    pub(super) fn apply_budget(&self, plan: &mut Plan) {
        let Some(budget) = self.opts.budget else {
            return;
        };
        plan.summary.budget_usd = Some(budget);
        let mut spent = 0.0;
        let mut past: Option<f64> = None;
        for s in &mut plan.steps {
            let cost = s.cost_usd.or(s.known_cost_usd).unwrap_or(0.0);
            spent += cost;
            if s.kind == StepKind::Exam {
                if past.is_none() && spent > budget + 1e-9 {
                    past = Some(0.0);
                }
                s.over_budget = Some(past.is_some());
            }
            if let Some(p) = past.as_mut() {
                *p += cost;
            }
        }
        plan.summary.cost_past_budget_usd = Some(past.unwrap_or(0.0));
    }

    /// Stops the plan at the last step that fits --max-hours and --max-cost.
    pub(super) fn apply_cut(&self, plan: &mut Plan) {
        if self.opts.max_hours.is_none() && self.opts.max_cost.is_none() {
            return;
        }
        let (mut hours, mut cost) = (0.0, 0.0);
        let mut keep = plan.steps.len();
        for (i, s) in plan.steps.iter().enumerate() {
            hours += s.hours;
            cost += s.cost_usd.or(s.known_cost_usd).unwrap_or(0.0);
            let over = self.opts.max_hours.is_some_and(|m| hours > m + 1e-9)
                || self.opts.max_cost.is_some_and(|m| cost > m + 1e-9);
            if over {
                keep = i;
                break;
            }
        }
        let cut = plan.steps.split_off(keep);
        let (h, c, u) = totals(&cut);
        plan.summary.left = Some(Left {
            steps: cut.len(),
            hours: h,
            cost_usd: c,
            unknown_costs: u,
        });
        let (h, c, u) = totals(&plan.steps);
        plan.summary.steps = plan.steps.len();
        plan.summary.total_hours = h;
        plan.summary.total_cost_usd = c;
        plan.summary.unknown_costs = u;
        plan.summary.finish = plan
            .steps
            .iter()
            .map(|s| s.end)
            .max()
            .unwrap_or(self.opts.start);
        if let Some(p) = plan.summary.cost_past_budget_usd.as_mut() {
            *p = plan
                .steps
                .iter()
                .skip_while(|s| s.over_budget != Some(true))
                .filter_map(|s| s.cost_usd.or(s.known_cost_usd))
                .sum();
        }
    }
}

impl<'c> Planner<'c> {
    /// Dates every step (DESIGN.md 5.7); returns the finish date.
    pub(super) fn schedule(&self, steps: &mut [Step]) -> Date {
        let start = self.opts.start;
        let hpw = self.opts.hours_per_week;
        // The day of the last date asked for, and that date: a step starts
        // on the day the one before it ends, and short steps share days.
        let mut last = (0, start);
        let mut date_at = |hours: f64| -> Date {
            let days = study_days(hours, hpw);
            if days != last.0 {
                last = (days, day_after(start, days));
            }
            last.1
        };
        let mut clock = 0.0;
        let mut exp_end: HashMap<String, Date> = HashMap::new();
        let mut finish = start;
        for s in steps.iter_mut() {
            match s.kind {
                StepKind::Experience => {
                    s.start = start;
                    s.end = months_after(start, s.months.unwrap_or(0));
                    exp_end.insert(s.for_[0].clone(), s.end);
                }
                _ => {
                    s.start = date_at(clock);
                    clock += s.hours;
                    s.end = date_at(clock);
                    // Most plans wait for no experience: no look-up then.
                    let waits = if exp_end.is_empty() {
                        None
                    } else {
                        exp_end.get(&s.id)
                    };
                    let gate = waits.filter(|_| {
                        self.cat
                            .cert(&s.id)
                            .and_then(|c| c.experience.as_ref())
                            .is_some_and(|x| x.before_exam)
                    });
                    if let Some(e) = gate.filter(|e| **e > s.end) {
                        s.why.push_str(&format!(
                            "; preparation ends {}, the exam waits for the experience until {e}",
                            s.end
                        ));
                        s.end = *e;
                    }
                }
            }
            finish = finish.max(s.end);
        }
        finish
    }

    /// Renewal steps (DESIGN.md 5.8) for held certs with an earned date
    /// and for certs the plan earns, at each expiry before the finish;
    /// a planned cert that `renews` another ends that one's steps from
    /// the day it is earned. They sit in date order among the steps.
    pub(super) fn add_renewals(&self, steps: Vec<Step>, finish: Date) -> Vec<Step> {
        // (cert, the day it is held, its exam step)
        let mut earned: Vec<(&Cert, Date, Option<usize>)> = Vec::new();
        for (id, d) in &self.have.earned {
            // A lapsed cert has no cycle to keep: it is renewed late or
            // earned again by the plan (whose exam starts a new one).
            if self.have.expired.contains_key(id) {
                continue;
            }
            earned.push((self.cat.cert(id).expect("held"), *d, None));
        }
        // The end of the first experience step for each cert.
        let mut experience_ends: HashMap<&str, Date> = HashMap::new();
        for x in steps.iter().filter(|x| x.kind == StepKind::Experience) {
            if let Some(f) = x.for_.first() {
                experience_ends.entry(f.as_str()).or_insert(x.end);
            }
        }
        for (i, s) in steps.iter().enumerate() {
            if s.kind != StepKind::Exam {
                continue;
            }
            let cert = self.cat.cert(&s.id).expect("planned");
            let experience_end = experience_ends.get(s.id.as_str()).copied();
            let awarded = experience_end.map_or(s.end, |e| e.max(s.end));
            earned.push((cert, awarded, Some(i)));
        }
        let mut renewed_from: HashMap<&str, Date> = HashMap::new();
        for (cert, d, exam) in &earned {
            if exam.is_some() {
                for r in &cert.renews {
                    let e = renewed_from.entry(r.as_str()).or_insert(*d);
                    *e = (*e).min(*d);
                }
            }
        }
        let mut renewals: Vec<Step> = Vec::new();
        for (cert, d, exam) in &earned {
            let Some(months) = validity_months(cert, *d) else {
                continue;
            };
            let by = cert.renewal_by();
            if by == "none" {
                continue;
            }
            let mut at = *d;
            loop {
                let Ok(next) = at.checked_add(months.months()) else {
                    break;
                };
                at = next;
                if at >= finish || renewed_from.get(cert.id.as_str()).is_some_and(|r| *r <= at) {
                    break;
                }
                if at < self.opts.start {
                    continue;
                }
                renewals.push(renewal_step(cert, by, at, *exam));
            }
        }
        if renewals.is_empty() {
            return steps;
        }
        renewals.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
        // A renewal goes before the first study step that starts after it.
        // The renewals join the steps at the end (as steps n.., their
        // exams' places as they are), then every step is moved to its
        // place in the order: in place, as a second list of a long plan's
        // steps would double its memory for a moment.
        let n = steps.len();
        let mut order: Vec<usize> = Vec::with_capacity(n + renewals.len());
        let mut r = 0;
        for (i, s) in steps.iter().enumerate() {
            while r < renewals.len()
                && s.kind != StepKind::Experience
                && renewals[r].start < s.start
            {
                order.push(n + r);
                r += 1;
            }
            order.push(i);
        }
        order.extend((r..renewals.len()).map(|k| n + k));
        let mut steps = steps;
        steps.extend(renewals);
        renumber(steps, &order)
    }
}

/// Hours, known cost and the count of unknown costs of some steps.
pub(super) fn totals(steps: &[Step]) -> (f64, f64, usize) {
    (
        steps.iter().map(|s| s.hours).sum(),
        steps
            .iter()
            .filter_map(|s| s.cost_usd.or(s.known_cost_usd))
            .sum(),
        steps.iter().filter(|s| s.cost_usd.is_none()).count(),
    )
}

/// A renewal step for `cert` due on `at`.
/// The days of study `hours` take at `hours_per_week`: a step that ends
/// partway through a day ends on that day.
pub(super) fn study_days(hours: f64, hours_per_week: f64) -> i64 {
    (hours * 7.0 / hours_per_week - 1e-9).ceil().max(0.0) as i64
}

/// The day `days` after `start`; past the calendar, its last day, which
/// the commands refuse to show as a date (`commands::dated`).
pub(super) fn day_after(start: Date, days: i64) -> Date {
    start.checked_add(days.days()).unwrap_or(Date::MAX)
}

/// The day experience of `months` months, gained from `start`, is there.
pub(super) fn months_after(start: Date, months: u32) -> Date {
    start
        .checked_add(i64::from(months).months())
        .unwrap_or(Date::MAX)
}

/// What renewing `cert` by `by` costs: a retake its exams' price, the
/// free assessment nothing, credits an unknown amount.
pub(super) fn renewal_cost(cert: &Cert, by: &str) -> Option<f64> {
    match by {
        "retake" => cert.cost(),
        "assessment" => Some(0.0),
        _ => None,
    }
}

pub(super) fn renewal_step(cert: &Cert, by: &str, at: Date, exam: Option<usize>) -> Step {
    let cost = renewal_cost(cert, by);
    let how = match by {
        "ce" => "earn continuing-education credits (or a higher cert that renews it)",
        "cpe" => "report continuing professional education credits",
        "assessment" => "pass the free online renewal assessment",
        _ => "pass the current exam again",
    };
    let mut why = format!("{} expires on {at}: {how}", cert.name);
    if let Some(n) = cert.renewal.as_ref().and_then(|r| r.note.as_ref()) {
        why.push_str(&format!(" ({n})"));
    }
    Step {
        kind: StepKind::Renewal,
        id: format!("renewal:{}", cert.id),
        name: format!("Renew {}", cert.name),
        by: Some(by.to_string()),
        cost_usd: cost,
        for_: vec![cert.id.clone()],
        start: at,
        end: at,
        why,
        deps: exam.into_iter().collect(),
        ..blank_step()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::testing::{fixture, opts, profile, TODAY};
    use crate::profile::Profile;
    use jiff::civil::date;

    fn starter_plan(o: crate::plan::Options) -> Plan {
        let cat = fixture();
        Planner::new(&cat, &Profile::default(), o).plan(cat.role("starter-role").unwrap())
    }

    #[test]
    fn steps_are_dated_at_the_weekly_pace_and_exams_wait_for_experience() {
        let cat = fixture();
        let p = Planner::new(&cat, &Profile::default(), opts());
        let plan = p.plan(cat.role("small-role").unwrap());
        let d: Vec<(&str, Date, Date)> = plan
            .steps
            .iter()
            .map(|s| (s.id.as_str(), s.start, s.end))
            .collect();
        assert_eq!(d[0], ("basics", TODAY, date(2026, 12, 12)));
        assert_eq!(
            d[1],
            ("starter-cert", date(2026, 12, 12), date(2026, 12, 19))
        );
        assert_eq!(d[3], ("experience:pro-cert", TODAY, date(2028, 12, 1)));
        assert_eq!(d[4].2, date(2028, 12, 1));
        assert!(plan.steps[4]
            .why
            .ends_with("the exam waits for the experience until 2028-12-01"));
        assert_eq!(plan.summary.finish, date(2028, 12, 1));
    }

    #[test]
    fn a_budget_marks_the_exams_past_it() {
        let mut o = opts();
        o.budget = Some(50.0);
        let plan = starter_plan(o);
        assert_eq!(plan.steps[1].over_budget, Some(true));
        assert_eq!(plan.summary.cost_past_budget_usd, Some(100.0));
        let mut o = opts();
        o.budget = Some(100.0);
        let plan = starter_plan(o);
        assert_eq!(plan.steps[1].over_budget, Some(false));
        assert_eq!(plan.summary.cost_past_budget_usd, Some(0.0));
    }

    #[test]
    fn a_cut_keeps_the_steps_that_fit_and_counts_the_rest() {
        let mut o = opts();
        o.max_hours = Some(20.0);
        let plan = starter_plan(o);
        assert_eq!(plan.steps.len(), 1);
        assert_eq!(plan.summary.total_hours, 15.0);
        assert_eq!(
            plan.summary.left,
            Some(Left {
                steps: 1,
                hours: 10.0,
                cost_usd: 100.0,
                unknown_costs: 0
            })
        );
        assert_eq!(plan.summary.finish, plan.steps[0].end);
    }

    #[test]
    fn held_certs_are_renewed_at_each_expiry_before_the_finish() {
        let cat = fixture();
        // Earned 2026-06-01, valid a year: held at the start (a cert
        // lapsed by then is not held, and is planned again).
        let me = profile(&[], &[("starter-cert", Some(date(2026, 6, 1)))]);
        let plan = Planner::new(&cat, &me, opts()).plan(cat.role("small-role").unwrap());
        let renewals: Vec<(Date, Option<&str>, Option<f64>)> = plan
            .steps
            .iter()
            .filter(|s| s.kind == StepKind::Renewal)
            .map(|s| (s.start, s.by.as_deref(), s.cost_usd))
            .collect();
        assert_eq!(
            renewals,
            [
                (date(2027, 6, 1), Some("ce"), None),
                (date(2028, 6, 1), Some("ce"), None)
            ]
        );
        for (i, s) in plan.steps.iter().enumerate() {
            assert_eq!(s.n, i + 1);
            assert!(s.deps.iter().all(|d| *d < i));
        }
    }

    #[test]
    fn a_renewal_costs_what_its_way_costs() {
        let cat = fixture();
        let c = cat.cert("starter-cert").unwrap();
        let at = date(2027, 1, 1);
        assert_eq!(renewal_step(c, "retake", at, None).cost_usd, Some(100.0));
        assert_eq!(renewal_step(c, "assessment", at, None).cost_usd, Some(0.0));
        assert_eq!(renewal_step(c, "ce", at, Some(3)).cost_usd, None);
        assert_eq!(renewal_step(c, "ce", at, Some(3)).deps, [3]);
        assert_eq!(
            renewal_step(c, "cpe", at, None).why,
            "Starter Cert expires on 2027-01-01: report continuing professional education credits"
        );
        let steps = [
            renewal_step(c, "retake", at, None),
            renewal_step(c, "ce", at, None),
        ];
        assert_eq!(totals(&steps), (0.0, 100.0, 1));
    }
}

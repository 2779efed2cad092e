//! The planner (DESIGN.md section 5): what the person has, what the role
//! needs, the closure of what is missing, the steps, their order and their
//! schedule. Pure functions of a catalog, a profile and options: no I/O.

mod choose;
mod closure;
mod have;
mod order;
mod schedule;
mod steps;
mod tally;
mod warnings;

pub use crate::num::fmt_num;
pub use choose::{Choice, Rule};
pub use have::{expiry, validity_months, Have};
pub use tally::Tally;
pub use warnings::{as_of_date, Warning};

use crate::catalog::Catalog;
use crate::model::{Cert, Role, RoleCert, SkillLevel};
use crate::profile::Profile;
use choose::Score;
use jiff::civil::Date;
use order::{merge_adjacent, renumber};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::HashMap;

/// How to plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub skip_recommended: bool,
    /// Certs that win any any_of they appear in.
    pub prefer: Vec<String>,
    pub hours_per_week: f64,
    pub start: Date,
    pub today: Date,
    /// Vendors (lowercase) whose certs are left out wherever there is
    /// another option.
    pub avoid: Vec<String>,
    /// Money for exam fees: exams past it are marked `over_budget`.
    pub budget: Option<f64>,
    /// Stop the plan at the last step whose running known cost fits.
    pub max_cost: Option<f64>,
    /// Stop the plan at the last step whose running study hours fit.
    pub max_hours: Option<f64>,
    /// How an any_of is decided (docs/planning.md, "The choice rule").
    pub choose_by: ChooseBy,
}

/// How the option of an any_of is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChooseBy {
    /// The most requested option, unless another finishes clearly sooner
    /// (by a third of the whole plan's time).
    #[default]
    Balanced,
    /// The option finished soonest.
    Time,
    /// The option with the fewest known exam dollars.
    Cost,
    /// Always the most requested option.
    Demand,
}

impl Options {
    /// Plain options: 10 hours a week from `today`, nothing left out.
    pub fn new(today: Date) -> Options {
        Options {
            skip_recommended: false,
            prefer: Vec::new(),
            hours_per_week: 10.0,
            start: today,
            today,
            avoid: Vec::new(),
            budget: None,
            max_cost: None,
            max_hours: None,
            choose_by: ChooseBy::Balanced,
        }
    }

    pub(crate) fn avoids(&self, cert: &Cert) -> bool {
        self.avoid
            .iter()
            .any(|v| v.eq_ignore_ascii_case(&cert.vendor))
    }
}

/// The planner: a catalog, a person and options.
pub struct Planner<'c> {
    pub cat: &'c Catalog,
    /// The catalog's skill references as dense numbers.
    dense: &'c crate::dense::Dense,
    /// The person's level of each skill, by rank.
    levels: Vec<u8>,
    pub have: Have<'c>,
    pub opts: Options,
    scores: RefCell<HashMap<&'c str, Score>>,
    /// Plans without the reasons (`why`) and warnings, for summaries.
    lean: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    Skill,
    Exam,
    Experience,
    Renewal,
}

impl StepKind {
    /// The kind as JSON and CSV write it.
    pub fn word(self) -> &'static str {
        match self {
            StepKind::Skill => "skill",
            StepKind::Exam => "exam",
            StepKind::Experience => "experience",
            StepKind::Renewal => "renewal",
        }
    }
}

/// One step of a plan, as DESIGN.md section 7 gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub n: usize,
    pub kind: StepKind,
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_level: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_level: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exams: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    /// How a renewal is done: ce, retake, assessment, cpe, none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(serialize_with = "crate::num::num")]
    pub hours: f64,
    #[serde(serialize_with = "crate::num::opt_num")]
    pub cost_usd: Option<f64>,
    /// When `cost_usd` is unknown, the part of it that is known (an exam
    /// fee beside a training course of unknown price).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::num::opt_num"
    )]
    pub known_cost_usd: Option<f64>,
    pub required: bool,
    #[serde(rename = "for")]
    pub for_: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub over_budget: Option<bool>,
    #[serde(serialize_with = "crate::num::date")]
    pub start: Date,
    #[serde(serialize_with = "crate::num::date")]
    pub end: Date,
    pub why: String,
    /// Indexes (0-based) of the steps this one needs first; in JSON, their
    /// step numbers as `after`.
    #[serde(rename = "after", serialize_with = "step_numbers")]
    pub deps: Vec<usize>,
    /// A renewal of a cert already lapsed, which its vendor still accepts.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub late: bool,
    /// The exam is booked under its successor code, whose price is not
    /// known: `cost_usd` is the old code's price, assumed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cost_assumed: bool,
}

/// An optional skill of the role, and what reaching it would take.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub id: String,
    pub name: String,
    pub from_level: u8,
    pub to_level: u8,
    #[serde(serialize_with = "crate::num::num")]
    pub hours: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub steps: usize,
    #[serde(serialize_with = "crate::num::num")]
    pub total_hours: f64,
    #[serde(serialize_with = "crate::num::num")]
    pub total_cost_usd: f64,
    pub unknown_costs: usize,
    #[serde(serialize_with = "crate::num::num")]
    pub annual_fees_usd: f64,
    pub readiness_percent: u32,
    #[serde(serialize_with = "crate::num::num")]
    pub hours_per_week: f64,
    #[serde(serialize_with = "crate::num::date")]
    pub start: Date,
    #[serde(serialize_with = "crate::num::date")]
    pub finish: Date,
    #[serde(serialize_with = "crate::num::opt_num")]
    pub budget_usd: Option<f64>,
    /// With a budget: the known costs from the first exam it does not cover on.
    #[serde(serialize_with = "crate::num::opt_num")]
    pub cost_past_budget_usd: Option<f64>,
    /// With --max-cost or --max-hours: what was left out past the cut.
    pub left: Option<Left>,
}

/// What a cut plan leaves for later.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Left {
    pub steps: usize,
    #[serde(serialize_with = "crate::num::num")]
    pub hours: f64,
    #[serde(serialize_with = "crate::num::num")]
    pub cost_usd: f64,
    pub unknown_costs: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub format: u32,
    pub role: RoleRef,
    pub choices: Vec<Choice>,
    pub steps: Vec<Step>,
    /// Skills the role marks optional that the person lacks: shown, not
    /// planned, not counted (present when there are some).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Suggestion>,
    pub summary: Summary,
    pub warnings: Vec<Warning>,
}

/// Where a person stands against a role ([`Planner::standing`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub role: RoleRef,
    pub readiness_percent: u32,
    /// Nothing left to do but keep held certs current.
    pub ready: bool,
    /// The skills and certs the plan would take up.
    pub planned: std::collections::BTreeSet<String>,
    /// The any_of choices the plan makes.
    pub choices: Vec<Choice>,
}

impl Standing {
    /// The standing a plan shows.
    pub fn of(plan: &Plan) -> Standing {
        Standing {
            role: plan.role.clone(),
            readiness_percent: plan.summary.readiness_percent,
            ready: plan
                .steps
                .iter()
                .all(|s| s.kind == StepKind::Renewal && !s.late),
            planned: plan
                .steps
                .iter()
                .filter(|s| matches!(s.kind, StepKind::Skill | StepKind::Exam))
                .map(|s| s.id.clone())
                .collect(),
            choices: plan.choices.clone(),
        }
    }
}

/// A target of the plan: what the role asks for.
#[derive(Debug, Clone)]
pub(crate) enum Target<'c> {
    Skill(&'c str, u8),
    Cert(&'c RoleCert),
    One(&'c str),
    /// One of several skills (a role's required skill any_of).
    Choice(&'c [SkillLevel]),
}

impl<'c> Planner<'c> {
    pub fn new(cat: &'c Catalog, profile: &Profile, opts: Options) -> Planner<'c> {
        let dense = cat.dense();
        let have = Have::on(cat, profile, opts.start);
        let mut levels = vec![0; dense.len()];
        for (id, l) in have.levels() {
            if let Some(r) = dense.rank_of(cat, id) {
                levels[r as usize] = l;
            }
        }
        Planner {
            cat,
            dense,
            levels,
            have,
            opts,
            scores: RefCell::new(HashMap::new()),
            lean: false,
        }
    }

    /// This planner, making plans without their reasons (`why`) and
    /// warnings: for `rank`, which shows only the totals.
    pub fn lean(mut self) -> Planner<'c> {
        self.lean = true;
        self
    }

    /// A planner for the same person and options, with its own memo: for
    /// another thread.
    pub fn fork(&self) -> Planner<'c> {
        Planner {
            cat: self.cat,
            dense: self.dense,
            levels: self.levels.clone(),
            have: self.have.clone(),
            opts: self.opts.clone(),
            scores: RefCell::new(self.scores.borrow().clone()),
            lean: self.lean,
        }
    }

    /// The plan to `role`.
    pub fn plan(&self, role: &'c Role) -> Plan {
        let empty = Planner::new(self.cat, &Profile::default(), self.opts.clone());
        self.plan_against(role, &empty)
    }

    /// The plan, with readiness measured against `empty`'s plan (a planner
    /// for an empty profile, shared across roles by `rank`).
    pub fn plan_against(&self, role: &'c Role, empty: &Planner<'c>) -> Plan {
        let plan = self.plan_unrated(role);
        let hours = plan.steps.iter().map(|s| s.hours).sum();
        let baseline = self.baseline_against(role, empty, hours);
        self.rated(role, plan, baseline)
    }

    /// The baseline of `role` from `empty` (a planner for an empty
    /// profile); `hours` when this planner's is that empty profile's
    /// too, with the same options: no need to plan twice.
    fn baseline_against(&self, role: &'c Role, empty: &Planner<'c>, hours: f64) -> f64 {
        if self.have.is_empty() && empty.have.is_empty() && self.opts == empty.opts {
            hours
        } else {
            empty.baseline(role)
        }
    }

    /// The plan, with readiness measured against `baseline`, the hours of
    /// an empty profile's plan to the role with the same options (see
    /// [`Planner::baseline`]): for batches, which share it across clients.
    pub fn plan_with_baseline(&self, role: &'c Role, baseline: f64) -> Plan {
        self.rated(role, self.plan_unrated(role), baseline)
    }

    /// The hours of this planner's plan to `role`: with a planner for an
    /// empty profile, the baseline readiness is measured against.
    pub fn baseline(&self, role: &'c Role) -> f64 {
        if self.cat.hours_add_exactly() {
            // The baseline's steps add up to its closure's hours, and
            // these hours add up alike in any order: no need to make
            // the steps, order and date them.
            let c = self.closure_tops(&Self::targets(role), &role.id);
            self.totals(&c).hours
        } else {
            self.plan_unrated(role).steps.iter().map(|s| s.hours).sum()
        }
    }

    fn rated(&self, role: &Role, mut plan: Plan, baseline: f64) -> Plan {
        let left = plan
            .steps
            .iter()
            .filter(|s| s.kind != StepKind::Renewal)
            .count();
        plan.summary.readiness_percent = self.rate(role, plan.summary.total_hours, baseline, left);
        self.apply_budget(&mut plan);
        self.apply_cut(&mut plan);
        plan
    }

    /// Readiness (DESIGN.md 5.10) from the hours and steps that remain,
    /// capped by the role's own experience at the share of it there.
    fn rate(&self, role: &Role, remaining: f64, baseline: f64, steps_left: usize) -> u32 {
        let mut r = readiness(remaining, baseline, steps_left);
        if let Some(exp) = &role.experience {
            let needed = exp.months_for(self.have.degree);
            let have = self.have.months_in(&exp.area).min(needed);
            if have < needed {
                r = r.min((100 * u64::from(have) / u64::from(needed)) as u32);
            }
        }
        r
    }

    /// Where the person stands against `role`, as `gap`, `check` and
    /// `why` need it. Made from the closure alone (no steps, order or dates) when the
    /// catalog's hours add up alike in any order, else from the plan: the
    /// same figures either way.
    pub fn standing(&self, role: &'c Role) -> Standing {
        if !self.cat.hours_add_exactly() {
            return Standing::of(&self.plan(role));
        }
        let c = self.closure_tops(&Self::targets(role), &role.id);
        let hours = self.totals(&c).hours;
        // The plan's steps other than renewals: a skill step or more per
        // skill, an exam per cert (with its experience), the role's
        // experience.
        let left = c.skills.len() + c.certs.len() + usize::from(self.role_months(role) > 0);
        let baseline = if self.have.is_empty() {
            hours
        } else {
            Planner::new(self.cat, &Profile::default(), self.opts.clone()).baseline(role)
        };
        Standing {
            role: RoleRef {
                id: role.id.clone(),
                name: role.name.clone(),
            },
            readiness_percent: self.rate(role, hours, baseline, left),
            ready: left == 0 && c.late_renewals.is_empty(),
            planned: c
                .skills
                .tops()
                .map(|(r, _)| self.skill_id(r))
                .chain(c.certs.keys().copied())
                .map(str::to_string)
                .collect(),
            choices: c.choices,
        }
    }

    /// The person's level of the skill of rank `r`.
    #[inline]
    pub(crate) fn level_at(&self, r: crate::dense::Rank) -> u8 {
        self.levels[r as usize]
    }

    fn targets(role: &'c Role) -> Vec<Target<'c>> {
        let mut t: Vec<Target> = role
            .skills
            .iter()
            .map(|s| Target::Skill(&s.skill, s.level))
            .collect();
        t.extend(role.required_choices().map(|ch| Target::Choice(&ch.any_of)));
        t.extend(role.certifications.iter().map(Target::Cert));
        t
    }

    fn plan_unrated(&self, role: &'c Role) -> Plan {
        let c = self.closure(&Self::targets(role), &role.id);
        let (mut steps, place) = self.steps(&c, role);
        let order = self.order(&steps, &place);
        steps = merge_adjacent(renumber(steps, &order));
        let finish = self.schedule(&mut steps);
        self.book_successors(&mut steps);
        let steps = self.add_renewals(steps, finish);
        let mut warnings = if self.lean {
            Vec::new()
        } else {
            self.warnings(&c, &steps)
        };
        warnings.dedup();
        let total_hours: f64 = steps.iter().map(|s| s.hours).sum();
        let total_cost: f64 = steps
            .iter()
            .filter_map(|s| s.cost_usd.or(s.known_cost_usd))
            .sum();
        let unknown = steps.iter().filter(|s| s.cost_usd.is_none()).count();
        let fees: f64 = steps
            .iter()
            .filter(|s| s.kind == StepKind::Exam)
            .filter_map(|s| self.cat.cert(&s.id).and_then(|c| c.annual_fee_usd))
            .sum();
        Plan {
            format: 1,
            role: RoleRef {
                id: role.id.clone(),
                name: role.name.clone(),
            },
            choices: c.choices,
            suggestions: self.suggestions(role),
            summary: Summary {
                steps: steps.len(),
                total_hours,
                total_cost_usd: total_cost,
                unknown_costs: unknown,
                annual_fees_usd: fees,
                readiness_percent: 0,
                hours_per_week: self.opts.hours_per_week,
                start: self.opts.start,
                finish,
                budget_usd: None,
                cost_past_budget_usd: None,
                left: None,
            },
            steps,
            warnings,
        }
    }
}

impl<'c> Planner<'c> {
    /// The role's optional skills the person lacks, each with its hours.
    fn suggestions(&self, role: &Role) -> Vec<Suggestion> {
        role.optional_skills()
            .flat_map(|ch| &ch.any_of)
            .filter_map(|s| {
                let from = self.have.level(&s.skill);
                let skill = self.cat.skill(&s.skill)?;
                (from < s.level).then(|| Suggestion {
                    id: skill.id.clone(),
                    name: skill.name.clone(),
                    from_level: from,
                    to_level: s.level,
                    hours: skill.hours_between(from, s.level),
                })
            })
            .collect()
    }

    /// An exam dated after its code retires is booked under the successor
    /// code: at the successor's price when the catalog knows it (another
    /// cert's exam with that code), else at the old price, marked assumed.
    fn book_successors(&self, steps: &mut [Step]) {
        for s in steps.iter_mut().filter(|s| s.kind == StepKind::Exam) {
            let Some(cert) = self.cat.cert(&s.id) else {
                continue;
            };
            let mut price = Price {
                cost: s.cost_usd,
                known: s.known_cost_usd,
                assumed: s.cost_assumed,
            };
            for e in self.retired_by(cert, s.end) {
                let next = e.successor.as_ref().expect("a successor");
                if let Some(code) = s
                    .exams
                    .as_mut()
                    .and_then(|x| x.iter_mut().find(|c| **c == e.code))
                {
                    *code = next.clone();
                }
                self.rebook(&mut price, e);
            }
            (s.cost_usd, s.known_cost_usd, s.cost_assumed) =
                (price.cost, price.known, price.assumed);
        }
    }

    /// The exams of `cert` whose code has retired by `end`, for a
    /// successor code.
    fn retired_by<'a>(
        &self,
        cert: &'a Cert,
        end: Date,
    ) -> impl Iterator<Item = &'a crate::model::Exam> + 'a {
        cert.exams
            .iter()
            .filter(move |e| e.successor.is_some() && e.retires.is_some_and(|r| end > r))
    }

    /// An exam's price booked under its successor code.
    fn rebook(&self, price: &mut Price, e: &crate::model::Exam) {
        let next = e.successor.as_ref().expect("a successor");
        let new = self
            .cat
            .certs
            .iter()
            .flat_map(|c| &c.exams)
            .find(|x| x.code == *next)
            .and_then(|x| x.cost_usd);
        match (new, e.cost_usd) {
            (Some(p), Some(old)) => price.cost = price.cost.map(|c| c - old + p),
            (Some(p), None) => price.known = Some(price.known.unwrap_or(0.0) + p),
            (None, _) => price.assumed = true,
        }
    }
}

/// An exam step's price: its cost when wholly known, else the known part;
/// `assumed` when booked under a successor code of unknown price.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Price {
    cost: Option<f64>,
    known: Option<f64>,
    assumed: bool,
}

impl Price {
    /// The price of `cert`'s exam step, booked under its own codes.
    fn of(cert: &Cert) -> Price {
        let cost = cert.cost();
        Price {
            cost,
            known: Some(cert.known_cost()).filter(|k| cost.is_none() && *k > 0.0),
            assumed: false,
        }
    }
}

fn step_numbers<S: serde::Serializer>(deps: &[usize], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(deps.iter().map(|d| d + 1))
}

/// `floor(100 × (1 − remaining / baseline))`, capped at 99 while anything
/// remains; 100 when nothing does.
pub fn readiness(remaining: f64, baseline: f64, steps_left: usize) -> u32 {
    if steps_left == 0 {
        return 100;
    }
    if baseline <= 0.0 {
        return 0;
    }
    let r = (100.0 * (1.0 - remaining / baseline) + 1e-9).floor();
    r.clamp(0.0, 99.0) as u32
}

/// Catalogs, profiles and options for the planner's unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::Options;
    use crate::catalog::{Catalog, Source};
    use crate::profile::{HeldCert, Profile};
    use jiff::civil::{date, Date};

    /// tests/fixtures/planner.json: basics <- advanced; starter-cert and
    /// alt-cert cover basics 2, adv-cert and pro-cert advanced 2, pro-cert
    /// requires starter-cert and 24 months of it experience.
    pub(crate) fn fixture() -> Catalog {
        crate::catalog::fixture("planner.json")
    }

    /// A catalog from JSON text, which must be valid.
    pub(crate) fn catalog(json: &str) -> Catalog {
        Catalog::load(&[Source {
            name: "test.json".to_string(),
            text: json.to_string().into(),
        }])
        .unwrap_or_else(|e| panic!("test catalog is invalid: {e:?}"))
    }

    /// A profile with these skill levels and these certs (with the day
    /// each was earned, when given).
    pub(crate) fn profile(skills: &[(&str, u8)], certs: &[(&str, Option<Date>)]) -> Profile {
        Profile {
            skills: skills.iter().map(|(s, l)| (s.to_string(), *l)).collect(),
            certifications: certs
                .iter()
                .map(|(id, earned)| HeldCert {
                    id: id.to_string(),
                    earned: *earned,
                })
                .collect(),
            ..Profile::default()
        }
    }

    /// People for the bundled catalog, from zero to lapsed certs held,
    /// experience and a degree.
    pub(crate) fn people() -> Vec<Profile> {
        let mut senior = profile(&[("routing", 3)], &[("microsoft-az-104", None)]);
        senior.experience_months = [("it".to_string(), 70), ("security".to_string(), 30)]
            .into_iter()
            .collect();
        senior.degree = crate::model::Degree::Bachelor;
        vec![
            Profile::default(),
            profile(
                &[("networking-fundamentals", 2)],
                &[("comptia-a-plus", None)],
            ),
            profile(
                &[],
                &[
                    ("cisco-ccna", Some(date(2020, 1, 1))),
                    ("isc2-cissp", Some(date(2023, 1, 1))),
                ],
            ),
            profile(&[], &[("comptia-security-plus", None), ("pmi-pmp", None)]),
            senior,
        ]
    }

    pub(crate) const TODAY: Date = date(2026, 12, 1);

    /// 10 hours a week from 2026-12-01.
    pub(crate) fn opts() -> Options {
        Options::new(TODAY)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{fixture, opts, profile};
    use super::*;

    #[test]
    fn a_step_kinds_word_is_its_json() {
        for k in [
            StepKind::Skill,
            StepKind::Exam,
            StepKind::Experience,
            StepKind::Renewal,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.word());
        }
    }

    #[test]
    fn readiness_is_floored_capped_below_100_and_100_only_when_done() {
        assert_eq!(readiness(50.0, 100.0, 3), 50);
        assert_eq!(readiness(33.4, 100.0, 1), 66);
        assert_eq!(readiness(0.001, 100.0, 1), 99);
        assert_eq!(readiness(0.0, 100.0, 0), 100);
        assert_eq!(readiness(10.0, 0.0, 1), 0);
        assert_eq!(readiness(150.0, 100.0, 1), 0);
    }

    #[test]
    fn a_plan_has_its_steps_totals_and_dates() {
        let cat = fixture();
        let p = Planner::new(&cat, &Profile::default(), opts());
        let plan = p.plan(cat.role("starter-role").unwrap());
        let ids: Vec<(&str, StepKind)> =
            plan.steps.iter().map(|s| (s.id.as_str(), s.kind)).collect();
        assert_eq!(
            ids,
            [
                ("basics", StepKind::Skill),
                ("starter-cert", StepKind::Exam)
            ]
        );
        assert_eq!(plan.summary.total_hours, 25.0);
        assert_eq!(plan.summary.total_cost_usd, 100.0);
        assert_eq!(plan.summary.readiness_percent, 0);
        // 25 hours at 10 a week: 17.5 days, so the 18th day.
        assert_eq!(plan.summary.finish, jiff::civil::date(2026, 12, 19));
        assert_eq!(plan.steps[1].deps, [0]);
        assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
    }

    #[test]
    fn readiness_is_measured_against_an_empty_profile() {
        let cat = fixture();
        let me = profile(&[("basics", 2)], &[]);
        let plan = Planner::new(&cat, &me, opts()).plan(cat.role("starter-role").unwrap());
        // 10 of the 25 hours left.
        assert_eq!(plan.summary.total_hours, 10.0);
        assert_eq!(plan.summary.readiness_percent, 60);
    }

    #[test]
    fn a_shared_baseline_gives_the_plan_its_own_would() {
        let cat = fixture();
        let me = profile(&[("basics", 2)], &[]);
        for role in &cat.roles {
            let empty = Planner::new(&cat, &Profile::default(), opts());
            let base = empty.baseline(role);
            assert_eq!(base, empty.plan(role).summary.total_hours, "{}", role.id);
            let p = Planner::new(&cat, &me, opts());
            assert_eq!(
                p.plan_with_baseline(role, base),
                p.plan(role),
                "{}",
                role.id
            );
        }
    }

    #[test]
    fn a_lean_plan_has_the_same_totals_without_words() {
        let cat = fixture();
        let role = cat.role("small-role").unwrap();
        let full = Planner::new(&cat, &Profile::default(), opts()).plan(role);
        let lean = Planner::new(&cat, &Profile::default(), opts())
            .lean()
            .plan(role);
        assert_eq!(full.summary, lean.summary);
        let words = |p: &Plan| -> Vec<bool> {
            p.steps
                .iter()
                .filter(|s| s.kind == StepKind::Skill)
                .map(|s| s.why.is_empty())
                .collect()
        };
        assert_eq!(words(&lean), [true; 2]);
        assert_eq!(words(&full), [false; 2]);
        assert!(lean.warnings.is_empty());
    }

    #[test]
    fn the_standing_from_the_closure_is_the_plans_own() {
        // Every bundled role, for people from zero to lapsed certs held,
        // experience and a degree: gap and check read the closure, plan
        // the steps; both must tell the same.
        let cat = Catalog::load(&crate::catalog::Source::bundled()).unwrap();
        assert!(cat.hours_add_exactly(), "the fast path is the one tested");
        let people = super::testing::people();
        same_standing(&cat, &people);
        // Lapsed certs renewed late or earned again, senior roles' own
        // experience, choices of skills and degrees.
        let cat = crate::catalog::fixture("roles-rules.json");
        assert!(cat.hours_add_exactly());
        let d = jiff::civil::date;
        same_standing(
            &cat,
            &[
                Profile::default(),
                profile(&[], &[("lapse-grace", Some(d(2023, 6, 1)))]),
                profile(&[], &[("lapse-retake", Some(d(2024, 1, 1)))]),
                profile(&[("basics", 4)], &[("lapse-grace", Some(d(2022, 1, 1)))]),
            ],
        );
    }

    /// Every role of `cat`, for each of `people`: the standing from the
    /// closure is the one the plan shows.
    fn same_standing(cat: &Catalog, people: &[Profile]) {
        for person in people {
            let planner = Planner::new(cat, person, opts());
            for role in &cat.roles {
                assert_eq!(
                    planner.standing(role),
                    Standing::of(&planner.plan(role)),
                    "{} for {:?}",
                    role.id,
                    person.certifications
                );
            }
        }
    }
}

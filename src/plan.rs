//! The planner (DESIGN.md section 5): what the person has, what the role
//! needs, the closure of what is missing, the steps, their order and their
//! schedule. Pure functions of a catalog, a profile and options: no I/O.

use crate::catalog::Catalog;
use crate::model::{Cert, Degree, Prereq, Role, RoleCert};
use crate::names::{IdHash, IdMap};
use crate::profile::Profile;
use jiff::civil::Date;
use jiff::ToSpan;
use serde::Serialize;
use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet};
use std::rc::Rc;

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
        }
    }

    fn avoids(&self, cert: &Cert) -> bool {
        self.avoid
            .iter()
            .any(|v| v.eq_ignore_ascii_case(&cert.vendor))
    }
}

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
    fn is_empty(&self) -> bool {
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
    fn knows(&self, cat: &Catalog, cert: &str) -> bool {
        self.holds(cert)
            || cat.cert(cert).is_some_and(|c| {
                !c.covers.is_empty() && c.covers.iter().all(|s| self.level(&s.skill) >= s.level)
            })
    }
}

/// Why something is in the closure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Reason {
    Role,
    Covers,
    Requires,
    Recommends,
    SkillPrereq,
}

#[derive(Debug, Clone)]
struct Need<'c> {
    level: u8,
    by: &'c str,
    required: bool,
    reason: Reason,
}

#[derive(Debug, Clone, Default)]
struct CertNeed<'c> {
    by: Vec<(&'c str, Reason)>,
    required: bool,
}

/// One call of a recursive closure, waiting on `Planner::grow`'s stack:
/// a skill at a level, a cert, or a prerequisite, each with what needs it,
/// whether as required, and why.
#[derive(Debug, Clone, Copy)]
enum Grow<'c> {
    Skill(&'c str, u8, &'c str, bool, Reason),
    Cert(&'c str, &'c str, bool, Reason),
    Prereq(&'c Prereq, &'c str, bool, Reason),
}

/// A choice made between the options of an any_of.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    pub any_of: Vec<String>,
    pub chosen: String,
    pub runner_up: Option<String>,
    #[serde(serialize_with = "crate::render::opt_num")]
    pub delta_hours: Option<f64>,
    #[serde(serialize_with = "crate::render::opt_num")]
    pub delta_cost_usd: Option<f64>,
    pub why: String,
}

/// What an option of an any_of costs on its own.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Score {
    /// Calendar days to finish at this person's pace: study time, or the
    /// longest experience a cert must wait for, whichever is longer.
    days: u32,
    hours: f64,
    months: u32,
    /// The longest single wait for experience, in months.
    wait: u32,
    cost: f64,
}

/// The unmet closure of some targets.
struct Closure<'c> {
    /// When only the totals of this closure and another are wanted: what
    /// the other holds (and has expanded), not worth growing again.
    floor: Option<Rc<Floor<'c>>>,
    skills: BTreeMap<&'c str, Vec<Need<'c>>>,
    certs: BTreeMap<&'c str, CertNeed<'c>>,
    /// Skills and certs already expanded, and whether as required.
    expanded: IdMap<&'c str, bool>,
    choices: Vec<Choice>,
    /// Retired certs met on the way, with what was planned instead.
    replaced: BTreeSet<(&'c str, &'c str)>,
    /// Requirements met through `satisfies`: (the cert asked for, the
    /// cert held that stands in for it).
    satisfied: BTreeSet<(&'c str, &'c str)>,
    /// Certs of an avoided vendor planned because nothing else will do.
    unavoidable: BTreeSet<&'c str>,
}

/// The planner: a catalog, a person and options.
pub struct Planner<'c> {
    pub cat: &'c Catalog,
    pub have: Have<'c>,
    pub opts: Options,
    scores: RefCell<HashMap<&'c str, Score>>,
    /// Plans without the reasons (`why`) and warnings, for summaries.
    lean: bool,
}

/// What `totals` reads of a closure, and what was expanded in it.
#[derive(Default)]
struct Reach<'c> {
    /// Each skill with its top level, in id order.
    skills: Vec<(&'c str, u8)>,
    /// The certs, in id order.
    certs: Vec<&'c str>,
    expanded: IdMap<&'c str, bool>,
}

impl<'c> Reach<'c> {
    fn of(c: &Closure<'c>) -> Reach<'c> {
        Reach {
            skills: c.skills.iter().map(top_need).collect(),
            certs: c.certs.keys().copied().collect(),
            expanded: c.expanded.clone(),
        }
    }
}

/// What a closure holds, for `Closure::floor`: each skill at its top
/// level, and the certs.
struct Floor<'c> {
    skills: IdMap<&'c str, u8>,
    certs: HashSet<&'c str, IdHash>,
}

/// A skill of a closure with the top level it is needed at.
fn top_need<'c>((skill, needs): (&&'c str, &Vec<Need<'c>>)) -> (&'c str, u8) {
    (*skill, needs.iter().map(|n| n.level).max().unwrap_or(0))
}

/// The union of two id-ordered lists of skills, each at the higher of its
/// levels, in id order.
fn union_max<'c>(
    a: impl Iterator<Item = (&'c str, u8)>,
    b: impl Iterator<Item = (&'c str, u8)>,
) -> impl Iterator<Item = (&'c str, u8)> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) => match x.0.cmp(y.0) {
            std::cmp::Ordering::Less => a.next(),
            std::cmp::Ordering::Greater => b.next(),
            std::cmp::Ordering::Equal => {
                let (x, y) = (a.next()?, b.next()?);
                Some((x.0, x.1.max(y.1)))
            }
        },
        (Some(_), None) => a.next(),
        (None, _) => b.next(),
    })
}

/// The union of two id-ordered lists of ids, in id order.
fn union<'c>(
    a: impl Iterator<Item = &'c str>,
    b: impl Iterator<Item = &'c str>,
) -> impl Iterator<Item = &'c str> {
    union_max(a.map(|x| (x, 0)), b.map(|x| (x, 0))).map(|(x, _)| x)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    Skill,
    Exam,
    Experience,
    Renewal,
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
    #[serde(serialize_with = "crate::render::num")]
    pub hours: f64,
    #[serde(serialize_with = "crate::render::opt_num")]
    pub cost_usd: Option<f64>,
    /// When `cost_usd` is unknown, the part of it that is known (an exam
    /// fee beside a training course of unknown price).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::render::opt_num"
    )]
    pub known_cost_usd: Option<f64>,
    pub required: bool,
    #[serde(rename = "for")]
    pub for_: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub over_budget: Option<bool>,
    pub start: Date,
    pub end: Date,
    pub why: String,
    /// Indexes (0-based) of the steps this one needs first; in JSON, their
    /// step numbers as `after`.
    #[serde(rename = "after", serialize_with = "step_numbers")]
    pub deps: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub steps: usize,
    #[serde(serialize_with = "crate::render::num")]
    pub total_hours: f64,
    #[serde(serialize_with = "crate::render::num")]
    pub total_cost_usd: f64,
    pub unknown_costs: usize,
    #[serde(serialize_with = "crate::render::num")]
    pub annual_fees_usd: f64,
    pub readiness_percent: u32,
    #[serde(serialize_with = "crate::render::num")]
    pub hours_per_week: f64,
    pub start: Date,
    pub finish: Date,
    #[serde(serialize_with = "crate::render::opt_num")]
    pub budget_usd: Option<f64>,
    /// With a budget: the known costs from the first exam it does not cover on.
    #[serde(serialize_with = "crate::render::opt_num")]
    pub cost_past_budget_usd: Option<f64>,
    /// With --max-cost or --max-hours: what was left out past the cut.
    pub left: Option<Left>,
}

/// What a cut plan leaves for later.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Left {
    pub steps: usize,
    #[serde(serialize_with = "crate::render::num")]
    pub hours: f64,
    #[serde(serialize_with = "crate::render::num")]
    pub cost_usd: f64,
    pub unknown_costs: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub format: u32,
    pub role: RoleRef,
    pub choices: Vec<Choice>,
    pub steps: Vec<Step>,
    pub summary: Summary,
    pub warnings: Vec<String>,
}

/// A target of the plan: what the role asks for.
#[derive(Debug, Clone)]
enum Target<'c> {
    Skill(&'c str, u8),
    Cert(&'c RoleCert),
    One(&'c str),
}

impl<'c> Planner<'c> {
    pub fn new(cat: &'c Catalog, profile: &Profile, opts: Options) -> Planner<'c> {
        Planner {
            cat,
            have: Have::new(cat, profile),
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
            have: self.have.clone(),
            opts: self.opts.clone(),
            scores: RefCell::new(self.scores.borrow().clone()),
            lean: self.lean,
        }
    }

    fn closure(&self, targets: &[Target<'c>], by: &'c str) -> Closure<'c> {
        self.closure_with(targets, by, true)
    }

    /// The closure of `targets`. With `whole_plan`, an any_of the role asks
    /// for is decided by what each option adds to the rest of the plan
    /// (options overlap with the role's other needs); inside that
    /// comparison, and for nested any_ofs, each option is scored alone.
    fn closure_with(&self, targets: &[Target<'c>], by: &'c str, whole_plan: bool) -> Closure<'c> {
        let mut c = Closure::new();
        // Whether an any_of was decided on the whole plan: the targets
        // after it are then not in `c` as each option's plan has them.
        let scored = std::cell::Cell::new(false);
        for (i, t) in targets.iter().enumerate() {
            match t {
                Target::Skill(s, l) => self.add_skill(&mut c, s, *l, by, true, Reason::Role),
                Target::One(id) => self.add_cert(&mut c, id, by, true, Reason::Role),
                Target::Cert(rc) => {
                    // Each option is scored on the closure of the targets
                    // with the option in place of the any_of. What a closure
                    // holds does not depend on the order its targets are
                    // added in, so that is the targets before this one (in
                    // `c` already, unless an earlier any_of was decided on
                    // the whole plan), then the targets after it, both made
                    // once, then what the option adds to them.
                    let before = (whole_plan && !scored.get() && rc.options().len() > 1)
                        .then(|| Reach::of(&c));
                    let nothing = Reach::default();
                    let floor: std::cell::OnceCell<Rc<Floor<'c>>> = std::cell::OnceCell::new();
                    let rest: std::cell::OnceCell<Closure<'c>> = std::cell::OnceCell::new();
                    let with = |o: &'c str| -> Score {
                        scored.set(true);
                        let after = rest.get_or_init(|| match &before {
                            Some(b) => {
                                let mut after = Closure {
                                    expanded: b.expanded.clone(),
                                    ..Closure::new()
                                };
                                for t in &targets[i + 1..] {
                                    self.add_target(&mut after, t, by);
                                }
                                after
                            }
                            None => {
                                let mut t: Vec<Target<'c>> = targets.to_vec();
                                t.remove(i);
                                self.closure_with(&t, by, false)
                            }
                        });
                        let before = before.as_ref().unwrap_or(&nothing);
                        let floor = floor.get_or_init(|| {
                            Rc::new(Floor {
                                skills: union_max(
                                    before.skills.iter().copied(),
                                    after.skills.iter().map(top_need),
                                )
                                .collect(),
                                certs: union(
                                    before.certs.iter().copied(),
                                    after.certs.keys().copied(),
                                )
                                .collect(),
                            })
                        });
                        // The expansions made so far are copied, not the
                        // needs; what the rest has already is not grown again.
                        let mut more = Closure {
                            expanded: after.expanded.clone(),
                            floor: Some(floor.clone()),
                            ..Closure::new()
                        };
                        self.add_cert(&mut more, o, by, true, Reason::Role);
                        self.totals_of(
                            union_max(
                                union_max(
                                    before.skills.iter().copied(),
                                    after.skills.iter().map(top_need),
                                ),
                                more.skills.iter().map(top_need),
                            ),
                            union(
                                union(before.certs.iter().copied(), after.certs.keys().copied()),
                                more.certs.keys().copied(),
                            ),
                        )
                    };
                    let scorer: Option<&dyn Fn(&'c str) -> Score> =
                        if whole_plan { Some(&with) } else { None };
                    if let Some(id) = self.pick_with(&mut c, rc.options(), false, scorer) {
                        self.add_cert(&mut c, id, by, true, Reason::Role);
                    }
                }
            }
        }
        c
    }

    /// Adds one target as a plan without whole-plan choices does.
    fn add_target(&self, c: &mut Closure<'c>, t: &Target<'c>, by: &'c str) {
        match t {
            Target::Skill(s, l) => self.add_skill(c, s, *l, by, true, Reason::Role),
            Target::One(id) => self.add_cert(c, id, by, true, Reason::Role),
            Target::Cert(rc) => {
                if let Some(id) = self.pick_with(c, rc.options(), false, None) {
                    self.add_cert(c, id, by, true, Reason::Role);
                }
            }
        }
    }

    fn add_skill(
        &self,
        c: &mut Closure<'c>,
        id: &'c str,
        level: u8,
        by: &'c str,
        required: bool,
        reason: Reason,
    ) {
        self.grow(c, Grow::Skill(id, level, by, required, reason));
    }

    fn add_cert(
        &self,
        c: &mut Closure<'c>,
        id: &'c str,
        by: &'c str,
        required: bool,
        reason: Reason,
    ) {
        self.grow(c, Grow::Cert(id, by, required, reason));
    }

    /// Adds what `first` needs to the closure, and what that needs, depth
    /// first as a recursion would, but on a stack of its own: a chain of
    /// prerequisites thousands long must not overflow the thread's stack.
    fn grow(&self, c: &mut Closure<'c>, first: Grow<'c>) {
        let mut stack = vec![first];
        while let Some(g) = stack.pop() {
            let mark = stack.len();
            match g {
                Grow::Skill(id, level, by, required, reason) => {
                    let have = self.have.level(id);
                    if have >= level {
                        continue;
                    }
                    if let Some(f) = &c.floor {
                        if f.skills.get(id).is_some_and(|l| *l >= level)
                            && (have > 0 || c.expanded.contains_key(id))
                        {
                            continue;
                        }
                    }
                    c.skills.entry(id).or_default().push(Need {
                        level,
                        by,
                        required,
                        reason,
                    });
                    if have > 0 || !c.expand(id, required) {
                        continue;
                    }
                    let skill = self.cat.skill(id).expect("validated");
                    for r in &skill.requires {
                        stack.push(Grow::Skill(
                            &r.skill,
                            r.level,
                            id,
                            required,
                            Reason::SkillPrereq,
                        ));
                    }
                }
                Grow::Cert(id, by, required, reason) => {
                    let cert = self.cat.cert(id).expect("validated");
                    let id = cert.id.as_str();
                    if let Some(f) = &c.floor {
                        if f.certs.contains(id) && c.expanded.contains_key(id) {
                            continue;
                        }
                    }
                    if self.have.holds(id) {
                        if let Some(via) = self.have.via.get(id) {
                            c.satisfied.insert((id, via));
                        }
                        continue;
                    }
                    if self.opts.avoids(cert) {
                        c.unavoidable.insert(id);
                    }
                    if cert.is_retired() {
                        if let Some(r) = self.pick(c, &cert.replaced_by, false) {
                            c.replaced
                                .insert((id, self.cat.cert(r).expect("validated").id.as_str()));
                            stack.push(Grow::Cert(r, by, required, reason));
                        }
                        continue;
                    }
                    let need = c.certs.entry(id).or_default();
                    if !need.by.contains(&(by, reason)) {
                        need.by.push((by, reason));
                    }
                    need.required |= required;
                    if !c.expand(id, required) {
                        continue;
                    }
                    for s in &cert.covers {
                        stack.push(Grow::Skill(&s.skill, s.level, id, required, Reason::Covers));
                    }
                    for p in &cert.requires {
                        stack.push(Grow::Prereq(p, id, required, Reason::Requires));
                    }
                    if !self.opts.skip_recommended {
                        for p in &cert.recommends {
                            stack.push(Grow::Prereq(p, id, false, Reason::Recommends));
                        }
                    }
                }
                Grow::Prereq(p, by, required, reason) => {
                    let soft = reason == Reason::Recommends;
                    match p {
                        Prereq::Skill { skill, level } => {
                            stack.push(Grow::Skill(skill, *level, by, required, reason));
                        }
                        Prereq::Cert { cert } => {
                            let avoided = self.cat.cert(cert).is_some_and(|x| self.opts.avoids(x));
                            if !(soft && (avoided || self.have.knows(self.cat, cert))) {
                                stack.push(Grow::Cert(cert, by, required, reason));
                            }
                        }
                        Prereq::AnyOf { any_of } => {
                            if let Some(id) = self.pick(c, any_of, soft) {
                                stack.push(Grow::Cert(id, by, required, reason));
                            }
                        }
                    }
                }
            }
            // The first need pushed is the first to grow, as in a recursion.
            stack[mark..].reverse();
        }
    }

    /// Picks the option of an any_of to plan, or `None` when one is met.
    fn pick(&self, c: &mut Closure<'c>, options: &'c [String], soft: bool) -> Option<&'c str> {
        self.pick_with(c, options, soft, None)
    }

    /// Like `pick`, scoring options with `scorer` (default: each alone).
    fn pick_with(
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
    fn score(&self, id: &'c str) -> Score {
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

    fn score_alone(&self, id: &'c str) -> Score {
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
    fn options_below(&self, id: &'c str) -> Vec<&'c str> {
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
    fn totals(&self, c: &Closure<'c>) -> Score {
        self.totals_of(c.skills.iter().map(top_need), c.certs.keys().copied())
    }

    /// Study hours, experience months and known cost of skills (each at
    /// its top level) and certs, both in id order.
    fn totals_of(
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

    /// The plan to `role`.
    pub fn plan(&self, role: &'c Role) -> Plan {
        let empty = Planner::new(self.cat, &Profile::default(), self.opts.clone());
        self.plan_against(role, &empty)
    }

    /// The plan, with readiness measured against `empty`'s plan (a planner
    /// for an empty profile, shared across roles by `rank`).
    pub fn plan_against(&self, role: &'c Role, empty: &Planner<'c>) -> Plan {
        let mut plan = self.plan_unrated(role);
        // An empty profile is its own baseline: no need to plan twice.
        let baseline: f64 =
            if self.have.is_empty() && empty.have.is_empty() && self.opts == empty.opts {
                plan.steps.iter().map(|s| s.hours).sum()
            } else if self.cat.hours_add_exactly() {
                // The baseline's steps add up to its closure's hours, and
                // these hours add up alike in any order: no need to make
                // the steps, order and date them.
                let c = empty.closure(&Self::targets(role), &role.id);
                empty.totals(&c).hours
            } else {
                empty.plan_unrated(role).steps.iter().map(|s| s.hours).sum()
            };
        let left = plan
            .steps
            .iter()
            .filter(|s| s.kind != StepKind::Renewal)
            .count();
        plan.summary.readiness_percent = readiness(plan.summary.total_hours, baseline, left);
        self.apply_budget(&mut plan);
        self.apply_cut(&mut plan);
        plan
    }

    /// Marks exams from the first one the budget does not cover.
    fn apply_budget(&self, plan: &mut Plan) {
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
    fn apply_cut(&self, plan: &mut Plan) {
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

    fn targets(role: &'c Role) -> Vec<Target<'c>> {
        let mut t: Vec<Target> = role
            .skills
            .iter()
            .map(|s| Target::Skill(&s.skill, s.level))
            .collect();
        t.extend(role.certifications.iter().map(Target::Cert));
        t
    }

    fn plan_unrated(&self, role: &'c Role) -> Plan {
        let c = self.closure(&Self::targets(role), &role.id);
        let mut steps = self.steps(&c, role);
        let order = self.order(&steps);
        steps = merge_adjacent(renumber(steps, &order));
        let finish = self.schedule(&mut steps);
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

    /// Turns the closure into steps with their dependencies.
    fn steps(&self, c: &Closure<'c>, role: &Role) -> Vec<Step> {
        let mut steps: Vec<Step> = Vec::new();
        // (skill, to_level) -> step index, in level order per skill.
        let mut skill_steps: IdMap<&str, Vec<(u8, usize)>> = IdMap::default();
        for (id, needs) in &c.skills {
            let skill = self.cat.skill(id).expect("validated");
            // Split a skill's learning only where an exam or the role needs
            // a level; levels other skills build on are reached on the way.
            let top = needs.iter().map(|n| n.level).max().unwrap_or(0);
            let mut levels: Vec<u8> = needs
                .iter()
                .filter(|n| n.reason != Reason::SkillPrereq)
                .map(|n| n.level)
                .chain([top])
                .collect();
            levels.sort_unstable();
            levels.dedup();
            let mut from = self.have.level(id);
            for l in levels {
                let at: Vec<&Need> = needs
                    .iter()
                    .filter(|n| n.level > from && n.level <= l)
                    .collect();
                let mut for_: Vec<String> = at.iter().map(|n| n.by.to_string()).collect();
                for_.sort();
                for_.dedup();
                let required = needs.iter().any(|n| n.required && n.level >= l);
                let why = if self.lean {
                    String::new()
                } else {
                    self.skill_why(&at, role)
                };
                let idx = steps.len();
                skill_steps.entry(id).or_default().push((l, idx));
                steps.push(Step {
                    kind: StepKind::Skill,
                    id: id.to_string(),
                    name: if self.lean {
                        String::new()
                    } else {
                        skill.name.clone()
                    },
                    from_level: Some(from),
                    to_level: Some(l),
                    hours: skill.hours_between(from, l),
                    cost_usd: Some(0.0),
                    required,
                    for_,
                    why,
                    ..blank_step()
                });
                from = l;
            }
        }
        let achieving = |skill: &str, level: u8| -> Option<usize> {
            skill_steps
                .get(skill)
                .and_then(|v| v.iter().find(|(l, _)| *l >= level).map(|(_, i)| *i))
        };
        // Skill steps: the previous level of the same skill, and the skill's
        // prerequisites when it starts from zero.
        for v in skill_steps.values() {
            for (k, (_, idx)) in v.iter().enumerate() {
                if k > 0 {
                    steps[*idx].deps.push(v[k - 1].1);
                } else if steps[*idx].from_level == Some(0) {
                    let skill = self.cat.skill(&steps[*idx].id).expect("validated");
                    for r in &skill.requires {
                        if let Some(d) = achieving(&r.skill, r.level) {
                            steps[*idx].deps.push(d);
                        }
                    }
                }
            }
        }
        let mut exam_step: IdMap<&str, usize> = IdMap::default();
        for (id, need) in &c.certs {
            let cert = self.cat.cert(id).expect("validated");
            let mut for_: Vec<String> = need.by.iter().map(|(b, _)| b.to_string()).collect();
            for_.sort();
            for_.dedup();
            exam_step.insert(id, steps.len());
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
                cost_usd: cert.cost(),
                known_cost_usd: Some(cert.known_cost())
                    .filter(|k| cert.cost().is_none() && *k > 0.0),
                required: need.required,
                for_,
                over_budget: Some(false),
                why: if self.lean {
                    String::new()
                } else {
                    self.cert_why(need, role)
                },
                ..blank_step()
            });
        }
        for (id, need) in &c.certs {
            let cert = self.cat.cert(id).expect("validated");
            let me = exam_step[id];
            let mut deps = Vec::new();
            for s in &cert.covers {
                deps.extend(achieving(&s.skill, s.level));
            }
            let mut prereqs: Vec<&Prereq> = cert.requires.iter().collect();
            if !self.opts.skip_recommended {
                prereqs.extend(&cert.recommends);
            }
            for p in prereqs {
                match p {
                    Prereq::Skill { skill, level } => deps.extend(achieving(skill, *level)),
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
                    cert.name, exp.area
                );
                why.push_str(if exp.before_exam {
                    " (before the exam)"
                } else {
                    " (the exam may come first; the credential is awarded once the experience is there)"
                });
                steps.push(Step {
                    kind: StepKind::Experience,
                    id: format!("experience:{id}"),
                    name: format!("{} experience for {}", exp.area, cert.name),
                    area: Some(exp.area.clone()),
                    months: Some(missing),
                    hours: 0.0,
                    cost_usd: Some(0.0),
                    required: need.required,
                    for_: vec![id.to_string()],
                    why,
                    ..blank_step()
                });
                if exp.before_exam {
                    steps[me].deps.push(idx);
                } else {
                    steps[idx].deps.push(me);
                }
            }
        }
        for s in &mut steps {
            s.deps.sort_unstable();
            s.deps.dedup();
        }
        steps
    }

    fn skill_why(&self, needs: &[&Need], role: &Role) -> String {
        let mut direct: Vec<String> = Vec::new();
        let mut builds: Vec<&str> = Vec::new();
        for n in needs {
            let by = self.cat.short_name(n.by);
            let l = n.level;
            match n.reason {
                Reason::Role => direct.push(format!("{} asks for level {l}", role.name)),
                Reason::Covers => direct.push(format!("the {by} exam tests it at level {l}")),
                Reason::Requires => direct.push(format!("{by} requires level {l}")),
                Reason::Recommends => direct.push(format!("recommended at level {l} before {by}")),
                Reason::SkillPrereq => builds.push(by),
            }
        }
        direct.sort();
        direct.dedup();
        builds.sort();
        builds.dedup();
        match builds.len() {
            0 => {}
            1 => direct.push(format!("{} builds on it", builds[0])),
            2 => direct.push(format!("{} and {} build on it", builds[0], builds[1])),
            n => direct.push(format!(
                "{}, {} and {} more build on it",
                builds[0],
                builds[1],
                n - 2
            )),
        }
        direct.join("; ")
    }

    fn cert_why(&self, need: &CertNeed, role: &Role) -> String {
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

    /// The milestone order (DESIGN.md 5.6): certs in dependency order, each
    /// exam right after the skill steps it still needs; then the rest.
    fn order(&self, steps: &[Step]) -> Vec<usize> {
        let n = steps.len();
        let weight: Vec<usize> = steps
            .iter()
            .map(|s| match s.kind {
                StepKind::Skill => self.cat.skill_index(&s.id).unwrap_or(usize::MAX),
                StepKind::Exam => self
                    .cat
                    .cert_index(&s.id)
                    .map_or(usize::MAX, |i| i + self.cat.skills.len()),
                _ => usize::MAX,
            })
            .collect();
        let exams: Vec<usize> = (0..n)
            .filter(|&i| steps[i].kind == StepKind::Exam)
            .collect();
        // Hours to reach each exam: its whole dependency set.
        let mut reach: HashMap<usize, u64> = HashMap::new();
        // One visit mark for all exams: a step is seen in this exam's walk
        // when its mark is the exam's number (no clearing between walks).
        let mut seen = vec![usize::MAX; n];
        let mut stack = Vec::new();
        for &e in &exams {
            stack.push(e);
            let mut hours = 0.0;
            while let Some(i) = stack.pop() {
                if std::mem::replace(&mut seen[i], e) == e {
                    continue;
                }
                hours += steps[i].hours;
                stack.extend(steps[i].deps.iter().copied());
            }
            reach.insert(e, (hours * 100.0).round() as u64);
        }
        // Exam-to-exam edges, directly or through experience steps.
        let mut exam_deps: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut indegree: HashMap<usize, usize> = exams.iter().map(|&e| (e, 0)).collect();
        for &e in &exams {
            for &d in &steps[e].deps {
                if steps[d].kind == StepKind::Exam {
                    exam_deps.entry(d).or_default().push(e);
                    *indegree.get_mut(&e).expect("exam") += 1;
                }
            }
        }
        // Lower tiers first (an entry cert before an associate one, as the
        // vendors' pathways go), then fewer hours to reach, then id.
        let tier = |e: usize| -> u8 {
            match self.cat.cert(&steps[e].id).and_then(|c| c.level.as_deref()) {
                Some("fundamentals") => 0,
                Some("entry") => 1,
                Some("associate") | None => 2,
                Some("professional") | Some("specialty") => 3,
                Some(_) => 4,
            }
        };
        let key = |e: usize| Reverse((tier(e), reach[&e], steps[e].id.clone(), e));
        let mut heap: BinaryHeap<_> = exams
            .iter()
            .filter(|e| indegree[e] == 0)
            .map(|&e| key(e))
            .collect();
        // The experience steps that come right after an exam (it is their
        // one dependency), in step order: `emit` needs no search for them.
        let mut follows: HashMap<usize, Vec<usize>> = HashMap::new();
        for (x, s) in steps.iter().enumerate() {
            if s.kind == StepKind::Experience && s.deps.len() == 1 {
                follows.entry(s.deps[0]).or_default().push(x);
            }
        }
        let mut out = Vec::with_capacity(n);
        let mut done = vec![false; n];
        while let Some(Reverse((_, _, _, e))) = heap.pop() {
            self.emit(steps, e, &weight, &follows, &mut done, &mut out);
            for &next in exam_deps.get(&e).map(Vec::as_slice).unwrap_or(&[]) {
                let d = indegree.get_mut(&next).expect("exam");
                *d -= 1;
                if *d == 0 {
                    heap.push(key(next));
                }
            }
        }
        let mut rest: Vec<usize> = (0..n).filter(|&i| !done[i]).collect();
        rest.sort_by_key(|&a| emit_key(steps, &weight, a));
        for i in rest {
            self.emit(steps, i, &weight, &follows, &mut done, &mut out);
        }
        out
    }

    /// Emits step `root` after everything it needs, depth first; an exam's
    /// experience step stands right before it (or right after it).
    fn emit(
        &self,
        steps: &[Step],
        root: usize,
        weight: &[usize],
        follows: &HashMap<usize, Vec<usize>>,
        done: &mut [bool],
        out: &mut Vec<usize>,
    ) {
        // Iterative post-order: (step, children pushed?).
        let mut stack = vec![(root, false)];
        while let Some((i, expanded)) = stack.pop() {
            if done[i] {
                continue;
            }
            if expanded {
                done[i] = true;
                out.push(i);
                if steps[i].kind == StepKind::Exam {
                    // An experience step that follows this exam comes right after it.
                    if let Some(x) = follows
                        .get(&i)
                        .and_then(|xs| xs.iter().copied().find(|&x| !done[x]))
                    {
                        done[x] = true;
                        out.push(x);
                    }
                }
                continue;
            }
            stack.push((i, true));
            let mut deps: Vec<usize> = steps[i]
                .deps
                .iter()
                .copied()
                .filter(|d| !done[*d])
                .collect();
            // Experience last (so it stands right before the exam), the rest by id.
            deps.sort_by(|&a, &b| {
                let ka = (
                    steps[a].kind == StepKind::Experience,
                    emit_key(steps, weight, a),
                );
                let kb = (
                    steps[b].kind == StepKind::Experience,
                    emit_key(steps, weight, b),
                );
                kb.cmp(&ka)
            });
            for d in deps {
                stack.push((d, false));
            }
        }
    }

    /// Dates every step (DESIGN.md 5.7); returns the finish date.
    fn schedule(&self, steps: &mut [Step]) -> Date {
        let start = self.opts.start;
        let hpw = self.opts.hours_per_week;
        let date_at = |hours: f64| -> Date {
            let days = (hours * 7.0 / hpw - 1e-9).ceil().max(0.0) as i64;
            start.checked_add(days.days()).unwrap_or(start)
        };
        let mut clock = 0.0;
        let mut exp_end: HashMap<String, Date> = HashMap::new();
        let mut finish = start;
        for s in steps.iter_mut() {
            match s.kind {
                StepKind::Experience => {
                    s.start = start;
                    s.end = start
                        .checked_add((s.months.unwrap_or(0) as i64).months())
                        .unwrap_or(start);
                    exp_end.insert(s.for_[0].clone(), s.end);
                }
                _ => {
                    s.start = date_at(clock);
                    clock += s.hours;
                    s.end = date_at(clock);
                    let gate = exp_end.get(&s.id).filter(|_| {
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
    fn add_renewals(&self, steps: Vec<Step>, finish: Date) -> Vec<Step> {
        // (cert, the day it is held, its exam step)
        let mut earned: Vec<(&Cert, Date, Option<usize>)> = Vec::new();
        for (id, d) in &self.have.earned {
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
            let Some(months) = validity_months(cert) else {
                continue;
            };
            let by = cert.renewal.as_ref().map_or("retake", |r| r.by.as_str());
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
        let mut order: Vec<(bool, usize)> = Vec::new();
        let mut r = 0;
        for (i, s) in steps.iter().enumerate() {
            while r < renewals.len()
                && s.kind != StepKind::Experience
                && renewals[r].start < s.start
            {
                order.push((true, r));
                r += 1;
            }
            order.push((false, i));
        }
        order.extend((r..renewals.len()).map(|k| (true, k)));
        let mut new_index = vec![0; steps.len()];
        for (pos, (is_renewal, i)) in order.iter().enumerate() {
            if !is_renewal {
                new_index[*i] = pos;
            }
        }
        let mut steps: Vec<Option<Step>> = steps.into_iter().map(Some).collect();
        let mut renewals: Vec<Option<Step>> = renewals.into_iter().map(Some).collect();
        order
            .iter()
            .enumerate()
            .map(|(pos, (is_renewal, i))| {
                let mut s = if *is_renewal {
                    renewals[*i].take().expect("once")
                } else {
                    steps[*i].take().expect("once")
                };
                s.n = pos + 1;
                s.deps = s.deps.iter().map(|d| new_index[*d]).collect();
                s
            })
            .collect()
    }

    fn warnings(&self, c: &Closure, steps: &[Step]) -> Vec<String> {
        let mut w = Vec::new();
        for (asked, held) in &c.satisfied {
            w.push(format!(
                "{} counts for {}: you hold it, and it stands in for {}",
                self.cat.name_of(held),
                self.cat.name_of(asked),
                self.cat.short_name(asked)
            ));
        }
        for id in &c.unavoidable {
            w.push(format!(
                "{} is planned although its vendor is avoided: nothing else meets the requirement",
                self.cat.name_of(id)
            ));
        }
        for (cert, exp) in self.have.lapsed(self.cat, self.opts.start) {
            w.push(format!(
                "your {} lapsed on {exp}: it still counts for its skills, but renew or retake it before relying on it",
                cert.name
            ));
        }

        for (old, new) in &c.replaced {
            w.push(format!(
                "`{old}` is retired: planning its replacement `{new}` ({}) instead",
                self.cat.name_of(new)
            ));
        }
        for s in steps.iter().filter(|s| s.kind == StepKind::Exam) {
            let cert = self.cat.cert(&s.id).expect("planned");
            for e in &cert.exams {
                if let Some(r) = e.retires {
                    if s.end > r {
                        let then = match &e.successor {
                            Some(n) => format!("take {n} instead"),
                            None => "check the vendor for its successor".to_string(),
                        };
                        w.push(format!(
                            "{}: exam {} retires on {r}, before this plan's exam date {}: {then}",
                            cert.name, e.code, s.end
                        ));
                    }
                }
            }
            if cert.cost().is_none() {
                let codes: Vec<&str> = cert
                    .exams
                    .iter()
                    .filter(|e| e.cost_usd.is_none())
                    .map(|e| e.code.as_str())
                    .collect();
                let what = if codes.is_empty() {
                    "the mandatory training".to_string()
                } else {
                    format!("exam {}", codes.join(", "))
                };
                w.push(format!(
                    "{}: the price of {what} is unknown and not counted in the total",
                    cert.name
                ));
            }
            match cert.as_of.as_deref().and_then(as_of_date) {
                Some(d) if d < self.opts.today.checked_sub(12.months()).unwrap_or(d) => w.push(format!(
                    "{}: the catalog's facts date from {}, more than 12 months ago: check the vendor's page",
                    cert.name,
                    cert.as_of.as_deref().unwrap_or_default()
                )),
                None => w.push(format!(
                    "{}: the catalog's facts carry no as_of date: check the vendor's page",
                    cert.name
                )),
                _ => {}
            }
        }
        let mut unknown_renewals: Vec<&str> = steps
            .iter()
            .filter(|s| s.kind == StepKind::Renewal && s.cost_usd.is_none())
            .map(|s| s.name.as_str())
            .collect();
        unknown_renewals.dedup();
        for name in unknown_renewals {
            w.push(format!(
                "{name}: the renewal fee is not in the catalog and not counted in the total"
            ));
        }
        for id in &self.have.direct {
            let cert = self.cat.cert(id).expect("held");
            if cert.is_retired() {
                let repl: Vec<String> = cert
                    .replaced_by
                    .iter()
                    .map(|r| format!("{} ({r})", self.cat.name_of(r)))
                    .collect();
                w.push(format!(
                    "you hold {}, which is retired: it still counts for the skills it covered; its replacement is {}",
                    cert.name,
                    repl.join(" or ")
                ));
            }
        }
        w
    }
}

impl<'c> Closure<'c> {
    fn new() -> Closure<'c> {
        Closure {
            floor: None,
            skills: BTreeMap::new(),
            certs: BTreeMap::new(),
            expanded: IdMap::default(),
            choices: Vec::new(),
            replaced: BTreeSet::new(),
            satisfied: BTreeSet::new(),
            unavoidable: BTreeSet::new(),
        }
    }

    /// Marks `id` expanded; true when it must be (re-)expanded now: the
    /// first time, or again when a required need reaches what was optional.
    fn expand(&mut self, id: &'c str, required: bool) -> bool {
        match self.expanded.entry(id) {
            std::collections::hash_map::Entry::Occupied(mut e) => {
                if *e.get() || !required {
                    false
                } else {
                    e.insert(true);
                    true
                }
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(required);
                true
            }
        }
    }
}

fn step_numbers<S: serde::Serializer>(deps: &[usize], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(deps.iter().map(|d| d + 1))
}

fn blank_step() -> Step {
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
    }
}

fn step_key(s: &Step) -> (String, u8) {
    (s.id.clone(), s.to_level.unwrap_or(0))
}

/// Among steps free to come next: catalog order (the order a catalog's
/// author lists skills in is their teaching order), then id.
fn emit_key(steps: &[Step], rank: &[usize], i: usize) -> (usize, String, u8) {
    let (id, level) = step_key(&steps[i]);
    (rank[i], id, level)
}

/// Joins two steps of the same skill that ended up side by side
/// (`0->2` then `2->3` becomes `0->3`): one topic, studied in one go.
fn merge_adjacent(steps: Vec<Step>) -> Vec<Step> {
    let mut out: Vec<Step> = Vec::with_capacity(steps.len());
    // old index -> new index
    let mut map: Vec<usize> = Vec::with_capacity(steps.len());
    for s in steps {
        if let Some(last) = out.last_mut() {
            if last.kind == StepKind::Skill
                && s.kind == StepKind::Skill
                && last.id == s.id
                && last.to_level == s.from_level
            {
                last.to_level = s.to_level;
                last.hours += s.hours;
                last.required |= s.required;
                for f in s.for_ {
                    if !last.for_.contains(&f) {
                        last.for_.push(f);
                    }
                }
                last.for_.sort();
                if !s.why.is_empty() && !last.why.contains(&s.why) {
                    last.why = format!("{}; {}", last.why, s.why);
                }
                last.deps.extend(s.deps);
                map.push(out.len() - 1);
                continue;
            }
        }
        map.push(out.len());
        out.push(s);
    }
    for (i, s) in out.iter_mut().enumerate() {
        s.n = i + 1;
        let mut deps: Vec<usize> = s.deps.iter().map(|d| map[*d]).filter(|d| *d != i).collect();
        deps.sort_unstable();
        deps.dedup();
        s.deps = deps;
    }
    out
}

fn renumber(steps: Vec<Step>, order: &[usize]) -> Vec<Step> {
    let mut pos = vec![0; steps.len()];
    for (new, &old) in order.iter().enumerate() {
        pos[old] = new;
    }
    let mut slots: Vec<Option<Step>> = steps.into_iter().map(Some).collect();
    order
        .iter()
        .enumerate()
        .map(|(new, &old)| {
            let mut s = slots[old].take().expect("each step once");
            s.n = new + 1;
            s.deps = s.deps.iter().map(|d| pos[*d]).collect();
            s.deps.sort_unstable();
            s
        })
        .collect()
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

/// `YYYY-MM` or `YYYY-MM-DD` as a date (the first of the month).
pub fn as_of_date(s: &str) -> Option<Date> {
    crate::json::parse_date(s).or_else(|| crate::json::parse_date(&format!("{s}-01")))
}

/// A number without a needless `.0`.
pub fn fmt_num(n: f64) -> String {
    if (n - n.round()).abs() < 1e-9 {
        format!("{}", n.round() as i64)
    } else {
        format!("{:.1}", n)
    }
}

/// Hours, known cost and the count of unknown costs of some steps.
fn totals(steps: &[Step]) -> (f64, f64, usize) {
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
fn renewal_step(cert: &Cert, by: &str, at: Date, exam: Option<usize>) -> Step {
    let cost = match by {
        "retake" => cert.cost(),
        "assessment" => Some(0.0),
        _ => None,
    };
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

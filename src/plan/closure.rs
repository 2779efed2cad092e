//! The closure (DESIGN.md 5.3): everything a role's requirements reach
//! that the person does not have yet, grown on a stack of its own, with
//! why each part is there.

use super::choose::{Choice, Score};
use super::{Planner, Target};
use crate::dense::{Dense, Rank, SweepOrder};
use crate::model::Prereq;
use crate::names::{IdHash, IdMap};
use std::cell::{Cell, OnceCell};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::rc::Rc;

/// Why something is in the closure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Reason {
    Role,
    Covers,
    Requires,
    Recommends,
    SkillPrereq,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Need<'c> {
    pub(super) level: u8,
    pub(super) by: &'c str,
    pub(super) required: bool,
    pub(super) reason: Reason,
    /// The rank of `by` when it is a skill that builds on this one
    /// (`Reason::SkillPrereq`), [`NO_SKILL`] otherwise: a plan names
    /// tens of thousands of such skills, by rank without a look-up.
    pub(super) builder: Rank,
}

/// [`Need::builder`] of a need that no skill builds.
pub(super) const NO_SKILL: Rank = Rank::MAX;

#[derive(Debug, Clone, Default)]
pub(super) struct CertNeed<'c> {
    pub(super) by: Vec<(&'c str, Reason)>,
    pub(super) required: bool,
}

/// One call of a recursive closure, waiting on `Planner::grow`'s stack:
/// a skill at a level, a cert, or a prerequisite, each with what needs it,
/// whether as required, and why (and a skill's builder, as in [`Need`]:
/// a need from a builder names it by rank, its id left empty until the
/// need is kept).
#[derive(Debug, Clone, Copy)]
pub(super) enum Grow<'c> {
    Skill(Rank, u8, &'c str, bool, Reason, Rank),
    Cert(&'c str, &'c str, bool, Reason),
    Prereq(&'c Prereq, &'c str, bool, Reason),
}

/// The unmet closure of some targets.
pub(super) struct Closure<'c> {
    /// When only the totals of this closure and another are wanted: what
    /// the other holds (and has expanded), not worth growing again.
    pub(super) floor: Option<Rc<Floor<'c>>>,
    pub(super) skills: Skills<'c>,
    pub(super) certs: BTreeMap<&'c str, CertNeed<'c>>,
    pub(super) expanded: Expanded<'c>,
    pub(super) choices: Vec<Choice>,
    /// Retired certs met on the way, with what was planned instead.
    pub(super) replaced: BTreeSet<(&'c str, &'c str)>,
    /// Requirements met through `satisfies`: (the cert asked for, the
    /// cert held that stands in for it).
    pub(super) satisfied: BTreeSet<(&'c str, &'c str)>,
    /// Certs of an avoided vendor planned because nothing else will do.
    pub(super) unavoidable: BTreeSet<&'c str>,
    /// Lapsed certs asked for that the vendor still renews late.
    pub(super) late_renewals: BTreeSet<&'c str>,
    /// Lapsed certs asked for that must be earned again.
    pub(super) retakes: BTreeSet<&'c str>,
    /// Skills to expand, by their place in the sweep order (for a closure
    /// of top levels: see [`Planner::sweep`]).
    pub(super) pending: Pending,
}

/// A set of places in the sweep order, taken from the first: a skill's
/// prerequisites all come at later places, so the set is swept once.
#[derive(Debug, Clone, Default)]
pub(super) struct Pending {
    words: Vec<u64>,
    /// Every word before this one is empty.
    first: usize,
}

impl Pending {
    #[inline]
    fn mark(&mut self, p: usize) {
        let w = p / 64;
        if w >= self.words.len() {
            self.words.resize(w + 1, 0);
        }
        self.words[w] |= 1 << (p % 64);
        self.first = self.first.min(w);
    }

    /// Room for places up to `n`: the words.
    fn cover(&mut self, n: usize) -> &mut [u64] {
        let words = n.div_ceil(64);
        if self.words.len() < words {
            self.words.resize(words, 0);
        }
        &mut self.words
    }
}

/// What [`Planner::sweep`] works on, each cut to the catalog's skills
/// (so that an index checked once is checked for all), borrowed apart
/// from the closure.
struct Sweep<'a> {
    have: &'a [u8],
    level: &'a mut [u8],
    expanded: &'a mut [u8],
    words: &'a mut [u64],
    /// The ranks in the closure, each listed as the sweep takes it (a
    /// skill it expands), or when it comes (one it does not).
    present: &'a mut Vec<Rank>,
}

impl Sweep<'_> {
    /// Expands the marked places from the word `first` on, each skill's
    /// prerequisites admitted unless `held` (by the index, the level
    /// needed, the person's level and whether it is expanded); returns
    /// the word the set is empty before.
    ///
    /// Without branches on what varies from one prerequisite to the
    /// next (whether it is new, had, to expand): a mispredicted branch
    /// costs more than the work it would skip.
    #[inline(always)]
    fn run(
        &mut self,
        dense: &Dense,
        order: &SweepOrder,
        first: usize,
        held: impl Fn(usize, u8, u8, bool) -> bool,
    ) -> usize {
        let n = self.have.len();
        let mut w = first;
        while let Some(&word) = self.words.get(w) {
            if word == 0 {
                w += 1;
                continue;
            }
            self.words[w] = word & (word - 1);
            let p = w * 64 + word.trailing_zeros() as usize;
            let r = order.at(p);
            self.present.push(r);
            for &(q, l) in dense.requires(r) {
                let i = q as usize;
                if i >= n {
                    continue;
                }
                let h = self.have[i];
                let seen = self.expanded[i] != NOT;
                let admit = (h < l) & !held(i, l, h, seen);
                let was = self.level[i];
                let now = if admit { was.max(l) } else { was };
                self.level[i] = now;
                let expand = admit & (h == 0) & !seen;
                self.expanded[i] |= u8::from(expand) * REQUIRED;
                // A prerequisite's place is after this one's.
                let at = order.place(q);
                self.words[at / 64] |= u64::from(expand) << (at % 64);
                // New, and not to be taken (had in part, or expanded
                // already): listed now. Seldom, so the branch is cheap.
                if (was == 0) & (now != 0) & !expand {
                    self.present.push(q);
                }
            }
        }
        w
    }
}

/// The skills of a closure, by rank ([`crate::dense`], so in id order):
/// the top level each is needed at, and, for the steps of a plan, every
/// need of each. Where only totals are read (an option's score, a
/// baseline, a standing), the needs are not kept.
#[derive(Debug)]
pub(super) struct Skills<'c> {
    /// The top level by rank (0: not in the closure).
    level: Vec<u8>,
    /// The ranks in the closure: in the order they came, or for a swept
    /// closure in the order the sweep took them.
    present: Vec<Rank>,
    /// Every need, in the order they came: one list for the whole
    /// closure, grouped by skill when the steps are made
    /// ([`Skills::needs`]), not a list per skill.
    needs: Option<Vec<(Rank, Need<'c>)>>,
}

impl<'c> Skills<'c> {
    /// Every need kept, or only top levels.
    pub(super) fn new(needs: bool) -> Skills<'c> {
        Skills {
            level: Vec::new(),
            present: Vec::new(),
            needs: needs.then(Vec::new),
        }
    }

    fn add(&mut self, r: Rank, need: Need<'c>) {
        self.raise(r, need.level);
        if let Some(needs) = &mut self.needs {
            needs.push((r, need));
        }
    }

    /// Raises the top level of the skill of rank `r` to `level`, and
    /// lists it when it is new.
    #[inline(always)]
    fn raise(&mut self, r: Rank, level: u8) {
        // A need is for level 1 or more: 0 marks a skill not seen.
        if self.level.get(r as usize).is_none_or(|l| *l == 0) {
            self.present.push(r);
        }
        self.level_up(r, level);
    }

    /// Raises the top level of the skill of rank `r` to `level`, not
    /// listing it: a skill a sweep expands is listed when it is taken.
    #[inline(always)]
    fn level_up(&mut self, r: Rank, level: u8) {
        let i = r as usize;
        if i >= self.level.len() {
            self.level.resize(i + 1, 0);
        }
        self.level[i] = self.level[i].max(level);
    }

    pub(super) fn len(&self) -> usize {
        self.present.len()
    }

    /// The top level of each skill by rank (0 where the closure lacks it,
    /// and past the end).
    pub(super) fn levels(&self) -> &[u8] {
        &self.level
    }

    /// The levels of a catalog of `n` skills, and the ranks present.
    fn all(&mut self, n: usize) -> (&mut [u8], &mut Vec<Rank>) {
        if self.level.len() < n {
            self.level.resize(n, 0);
        }
        (&mut self.level, &mut self.present)
    }

    /// Whether the closure holds few of the skills its levels cover (an
    /// option over its base, a closure in a wide catalog): then what
    /// reads its skills reads them from its list, not from its levels.
    pub(super) fn few(&self) -> bool {
        self.present.len() * 16 < self.level.len()
    }

    /// Whether every need is kept (a plan's closure), or only top levels.
    pub(super) fn keeps_needs(&self) -> bool {
        self.needs.is_some()
    }

    /// The ranks in the closure, in order.
    fn ranks(&self) -> Vec<Rank> {
        self.tops().map(|(r, _)| r).collect()
    }

    /// Each skill with the top level it is needed at, in rank order.
    pub(super) fn tops(&self) -> impl Iterator<Item = (Rank, u8)> + '_ {
        // Most of the ranks seen: read off the levels; a few: sorted.
        let few = self.few();
        let sorted = if few {
            let mut ranks = self.present.clone();
            ranks.sort_unstable();
            ranks
        } else {
            Vec::new()
        };
        let scan = if few { 0 } else { self.level.len() as Rank };
        (0..scan)
            .filter(|r| self.level[*r as usize] > 0)
            .chain(sorted)
            .map(|r| (r, self.level[r as usize]))
    }

    /// Every need of each skill, grouped by skill in rank order, each
    /// skill's in the order they came: for a closure made with its needs
    /// (a plan's own).
    pub(super) fn needs(&self) -> ByRank<'c> {
        let list = self
            .needs
            .as_ref()
            .expect("a plan's closure keeps every need");
        let ranks = self.ranks();
        // A counting sort: where each skill's needs start, then each need
        // put in its place.
        let mut at = vec![0u32; self.level.len()];
        for (r, _) in list {
            at[*r as usize] += 1;
        }
        let mut starts = Vec::with_capacity(ranks.len() + 1);
        let mut next = 0u32;
        for &r in &ranks {
            starts.push(next);
            let count = at[r as usize];
            at[r as usize] = next;
            next += count;
        }
        starts.push(next);
        let mut order: Vec<Option<Need<'c>>> = vec![None; list.len()];
        for (r, need) in list {
            let slot = &mut at[*r as usize];
            order[*slot as usize] = Some(*need);
            *slot += 1;
        }
        ByRank {
            ranks,
            starts,
            needs: order
                .into_iter()
                .map(|n| n.expect("each place filled"))
                .collect(),
        }
    }
}

/// The needs of a closure's skills, grouped by skill ([`Skills::needs`]).
pub(super) struct ByRank<'c> {
    ranks: Vec<Rank>,
    /// Where each skill's needs start in `needs`, and their end.
    starts: Vec<u32>,
    needs: Vec<Need<'c>>,
}

impl<'c> ByRank<'c> {
    /// Each skill with its needs, in rank order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (Rank, &[Need<'c>])> + '_ {
        self.ranks.iter().enumerate().map(|(k, &r)| {
            let (from, to) = (self.starts[k] as usize, self.starts[k + 1] as usize);
            (r, &self.needs[from..to])
        })
    }

    /// The needs of the skill of rank `r` (none when it is not in the closure).
    #[cfg(test)]
    pub(super) fn of(&self, r: Rank) -> &[Need<'c>] {
        self.iter()
            .find(|(x, _)| *x == r)
            .map_or(&[], |(_, needs)| needs)
    }
}

/// The skills and certs a closure has expanded (what they need is in
/// it), and whether as required.
#[derive(Debug, Clone, Default)]
pub(super) struct Expanded<'c> {
    /// By skill rank; see [`Expanded::mark`] for the values.
    skills: Vec<u8>,
    certs: IdMap<&'c str, u8>,
}

/// Not expanded, expanded as optional, expanded as required.
const NOT: u8 = 0;
const OPTIONAL: u8 = 1;
const REQUIRED: u8 = 2;

impl<'c> Expanded<'c> {
    /// Marks a state expanded; true when it must be (re-)expanded now: the
    /// first time, or again when a required need reaches what was optional.
    #[inline]
    fn mark(state: &mut u8, required: bool) -> bool {
        let was = *state;
        if was == REQUIRED || (was == OPTIONAL && !required) {
            return false;
        }
        *state = if required { REQUIRED } else { OPTIONAL };
        true
    }

    #[inline]
    pub(super) fn skill(&mut self, r: Rank, required: bool) -> bool {
        let r = r as usize;
        if r >= self.skills.len() {
            self.skills.resize(r + 1, NOT);
        }
        Expanded::mark(&mut self.skills[r], required)
    }

    pub(super) fn cert(&mut self, id: &'c str, required: bool) -> bool {
        Expanded::mark(self.certs.entry(id).or_insert(NOT), required)
    }

    /// The states of a catalog of `n` skills, by rank.
    fn all_skills(&mut self, n: usize) -> &mut [u8] {
        if self.skills.len() < n {
            self.skills.resize(n, NOT);
        }
        &mut self.skills
    }

    pub(super) fn has_skill(&self, r: Rank) -> bool {
        self.skills.get(r as usize).is_some_and(|s| *s != NOT)
    }

    pub(super) fn has_cert(&self, id: &str) -> bool {
        self.certs.contains_key(id)
    }
}

/// What `totals` reads of a closure, and what was expanded in it.
pub(super) struct Reach<'c> {
    /// Each skill's top level, by rank (0 where the closure lacks it;
    /// ranks past the end lacking too).
    pub(super) skills: Vec<u8>,
    /// The certs, in id order.
    pub(super) certs: Vec<&'c str>,
    pub(super) expanded: Expanded<'c>,
    /// The closure's totals, where hours and prices add up alike in any
    /// order (see `Planner::totals_over`).
    pub(super) totals: Option<Score>,
}

impl<'c> Reach<'c> {
    pub(super) fn of(p: &Planner<'c>, c: &Closure<'c>) -> Reach<'c> {
        Reach {
            skills: c.skills.level.clone(),
            certs: c.certs.keys().copied().collect(),
            expanded: c.expanded.clone(),
            totals: p.cat.totals_add_exactly().then(|| p.totals(c)),
        }
    }

    /// What an empty closure holds.
    fn none(p: &Planner<'c>) -> Reach<'c> {
        Reach::of(p, &Closure::new(false))
    }
}

/// What a closure holds, for `Closure::floor`: each skill at its top
/// level (by rank, 0 where the closure does not have it), and the certs.
pub(super) struct Floor<'c> {
    pub(super) skills: Vec<u8>,
    pub(super) certs: HashSet<&'c str, IdHash>,
}

impl<'c> Floor<'c> {
    /// The floor of a catalog of `len` skills that holds the skills of
    /// `levels` (top levels by rank) and `certs`.
    pub(super) fn new(mut levels: Vec<u8>, len: usize, certs: &[&'c str]) -> Floor<'c> {
        levels.resize(len, 0);
        Floor {
            skills: levels,
            certs: certs.iter().copied().collect(),
        }
    }

    /// Whether a need for the skill at index `i` at `level` is held
    /// already, with what it needs: the floor has it at that level, and
    /// the person has some of it (it is not expanded) or the closure
    /// has expanded it. 0 where the floor lacks it: a need is for level 1
    /// or more.
    #[inline(always)]
    pub(super) fn holds(&self, i: usize, level: u8, have: u8, expanded: bool) -> bool {
        self.skills[i] >= level && (have > 0 || expanded)
    }

    /// Holds what `more` holds too, each skill at the higher of its levels.
    pub(super) fn add(&mut self, more: &Closure<'c>) {
        for (r, l) in more.skills.tops() {
            let at = &mut self.skills[r as usize];
            *at = (*at).max(l);
        }
        self.certs.extend(more.certs.keys().copied());
    }

    /// Each skill held with its level, in rank order.
    pub(super) fn tops(&self) -> impl Iterator<Item = (Rank, u8)> + '_ {
        (0..self.skills.len() as Rank)
            .map(|r| (r, self.skills[r as usize]))
            .filter(|(_, l)| *l > 0)
    }
}

/// The union of two ordered lists of keys with levels, each at the higher
/// of its levels, in order.
pub(super) fn union_max<K: Ord + Copy>(
    a: impl Iterator<Item = (K, u8)>,
    b: impl Iterator<Item = (K, u8)>,
) -> impl Iterator<Item = (K, u8)> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) => match x.0.cmp(&y.0) {
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
pub(super) fn union<'c>(
    a: impl Iterator<Item = &'c str>,
    b: impl Iterator<Item = &'c str>,
) -> impl Iterator<Item = &'c str> {
    union_max(a.map(|x| (x, 0)), b.map(|x| (x, 0))).map(|(x, _)| x)
}

impl<'c> Planner<'c> {
    /// The closure of a plan to `targets`, with every need of each skill
    /// (its steps are made from them).
    pub(super) fn closure(&self, targets: &[Target<'c>], by: &'c str) -> Closure<'c> {
        self.closure_with(targets, by, true, true)
    }

    /// The same closure with only the top level each skill is needed at:
    /// where its totals, what it holds and its choices are all that is read.
    pub(super) fn closure_tops(&self, targets: &[Target<'c>], by: &'c str) -> Closure<'c> {
        self.closure_with(targets, by, true, false)
    }

    /// The closure of `targets`. With `whole_plan`, an any_of the role asks
    /// for is decided by what each option adds to the rest of the plan
    /// (options overlap with the role's other needs); inside that
    /// comparison, and for nested any_ofs, each option is scored alone
    /// (from closures of top levels only). With `needs`, every need of each
    /// skill is kept.
    pub(super) fn closure_with(
        &self,
        targets: &[Target<'c>],
        by: &'c str,
        whole_plan: bool,
        needs: bool,
    ) -> Closure<'c> {
        let mut c = Closure::new(needs);
        // Whether an any_of was decided on the whole plan: the targets
        // after it are then not in `c` as each option's plan has them.
        let scored = Cell::new(false);
        // The days the role's own experience keeps the plan open: no option
        // finishes the whole plan sooner than that (a cert without an
        // experience rule is not "sooner" for a role that asks for years).
        let role_days = if whole_plan {
            self.cat.role(by).map_or(0, |r| {
                (f64::from(self.role_months(r)) * 30.44).ceil() as u32
            })
        } else {
            0
        };
        for (i, t) in targets.iter().enumerate() {
            match t {
                Target::Skill(s, l) => self.add_skill(&mut c, s, *l, by, true, Reason::Role),
                Target::One(id) => self.add_cert(&mut c, id, by, true, Reason::Role),
                Target::Cert(_) | Target::Choice(_) => {
                    if let Target::Cert(rc) = t {
                        // A degree the any_of accepts, and the person has.
                        if rc.degree().is_some_and(|d| self.have.has_degree(d)) {
                            continue;
                        }
                    }
                    let many = match t {
                        Target::Cert(rc) => rc.options().len() > 1,
                        Target::Choice(any_of) => any_of.len() > 1,
                        _ => false,
                    };
                    // Each option is scored on the closure of the targets
                    // with the option in place of the any_of. What a closure
                    // holds does not depend on the order its targets are
                    // added in, so that is the targets before this one (in
                    // `c` already, unless an earlier any_of was decided on
                    // the whole plan), then the targets after it, both made
                    // once, then what the option adds to them.
                    let before = (whole_plan && !scored.get() && many).then(|| Reach::of(self, &c));
                    let nothing = OnceCell::new();
                    type Base<'c> = (Vec<&'c str>, Rc<Floor<'c>>, Option<Score>);
                    let base: OnceCell<Base<'c>> = OnceCell::new();
                    let rest: OnceCell<Closure<'c>> = OnceCell::new();
                    let with = |o: Target<'c>| -> Score {
                        scored.set(true);
                        let after = rest.get_or_init(|| match &before {
                            Some(b) => {
                                let mut after = Closure {
                                    expanded: b.expanded.clone(),
                                    ..Closure::new(false)
                                };
                                for t in &targets[i + 1..] {
                                    self.add_target(&mut after, t, by);
                                }
                                after
                            }
                            None => {
                                let mut t: Vec<Target<'c>> = targets.to_vec();
                                t.remove(i);
                                self.closure_with(&t, by, false, false)
                            }
                        });
                        let before = match &before {
                            Some(b) => b,
                            None => nothing.get_or_init(|| Reach::none(self)),
                        };
                        // What the targets other than the any_of hold, made
                        // once for all its options.
                        let (certs, floor, base_totals) = base.get_or_init(|| {
                            let certs: Vec<&'c str> =
                                union(before.certs.iter().copied(), after.certs.keys().copied())
                                    .collect();
                            let mut floor =
                                Floor::new(before.skills.clone(), self.dense.len(), &before.certs);
                            // Where hours and prices add up alike in any
                            // order, each option's totals are the base's
                            // with what the option adds, and the base's are
                            // those before the any_of with what the rest adds.
                            let totals = before.totals.map(|t| self.totals_over(t, &floor, after));
                            floor.add(after);
                            let floor = Rc::new(floor);
                            (certs, floor, totals)
                        });
                        // The expansions made so far are copied, not the
                        // needs; what the rest has already is not grown again.
                        let mut more = Closure {
                            expanded: after.expanded.clone(),
                            floor: Some(floor.clone()),
                            ..Closure::new(false)
                        };
                        self.add_target(&mut more, &o, by);
                        let mut s = match base_totals {
                            Some(t) => self.totals_over(*t, floor, &more),
                            None => self.totals_of(
                                union_max(floor.tops(), more.skills.tops()),
                                union(certs.iter().copied(), more.certs.keys().copied()),
                            ),
                        };
                        // What is unknown is the option's own part: its certs.
                        let own = self.totals_of(std::iter::empty(), more.certs.keys().copied());
                        s.hours_known = own.hours_known;
                        s.cost_known = own.cost_known;
                        s.days = s.days.max(role_days);
                        s
                    };
                    match t {
                        Target::Cert(rc) => {
                            let f = |o: &'c str| with(Target::One(o));
                            let scorer: Option<&dyn Fn(&'c str) -> Score> =
                                if whole_plan { Some(&f) } else { None };
                            if let Some(id) =
                                self.pick_with(&mut c, rc.options(), false, scorer, None)
                            {
                                self.add_cert(&mut c, id, by, true, Reason::Role);
                            }
                        }
                        Target::Choice(any_of) => {
                            let f = |s: &'c str, l: u8| with(Target::Skill(s, l));
                            let scorer: Option<&dyn Fn(&'c str, u8) -> Score> =
                                if whole_plan { Some(&f) } else { None };
                            if let Some((s, l)) = self.pick_skill(&mut c, any_of, scorer) {
                                self.add_skill(&mut c, s, l, by, true, Reason::Role);
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        c
    }

    /// Adds one target as a plan without whole-plan choices does.
    pub(super) fn add_target(&self, c: &mut Closure<'c>, t: &Target<'c>, by: &'c str) {
        match t {
            Target::Skill(s, l) => self.add_skill(c, s, *l, by, true, Reason::Role),
            Target::One(id) => self.add_cert(c, id, by, true, Reason::Role),
            Target::Cert(rc) => {
                if rc.degree().is_some_and(|d| self.have.has_degree(d)) {
                    return;
                }
                if let Some(id) = self.pick_with(c, rc.options(), false, None, None) {
                    self.add_cert(c, id, by, true, Reason::Role);
                }
            }
            Target::Choice(any_of) => {
                if let Some((s, l)) = self.pick_skill(c, any_of, None) {
                    self.add_skill(c, s, l, by, true, Reason::Role);
                }
            }
        }
    }

    pub(super) fn add_skill(
        &self,
        c: &mut Closure<'c>,
        id: &'c str,
        level: u8,
        by: &'c str,
        required: bool,
        reason: Reason,
    ) {
        let r = self.rank_of(id);
        self.grow(c, Grow::Skill(r, level, by, required, reason, NO_SKILL));
    }

    /// The rank of a skill the catalog validated.
    pub(super) fn rank_of(&self, id: &str) -> Rank {
        self.dense.rank_of(self.cat, id).expect("validated")
    }

    /// The id of the skill of rank `r`.
    pub(super) fn skill_id(&self, r: Rank) -> &'c str {
        self.dense.skill(self.cat, r).id.as_str()
    }

    pub(super) fn add_cert(
        &self,
        c: &mut Closure<'c>,
        id: &'c str,
        by: &'c str,
        required: bool,
        reason: Reason,
    ) {
        self.grow(c, Grow::Cert(id, by, required, reason));
    }

    /// The skill a need for `id` up to `level` is learned as: the skill
    /// `id` declares itself the same as up to that level (`same_as`), so
    /// that two names of one skill are learned once; else `id`.
    pub(super) fn same_skill(&self, r: Rank, level: u8) -> Rank {
        if !self.cat.has_same_as() {
            return r;
        }
        let id = self.skill_id(r);
        let mut at = id;
        // A chain of links, followed a few steps at most (links may loop).
        for _ in 0..8 {
            let Some(next) = self
                .cat
                .skill(at)
                .and_then(|s| s.same_as.iter().find(|t| t.level >= level))
                .and_then(|t| self.cat.skill(&t.skill))
            else {
                break;
            };
            if next.id == id {
                break;
            }
            at = next.id.as_str();
        }
        self.rank_of(at)
    }

    /// The order a closure sweeps its skills in: a closure of top levels
    /// does, where no skill is learned under another's name.
    pub(super) fn sweeps(&self, c: &Closure<'c>) -> Option<&'c SweepOrder> {
        (!c.skills.keeps_needs() && !self.cat.has_same_as())
            .then(|| self.dense.sweep_order())
            .flatten()
    }

    /// The person's level of the skill of rank `r` when a need for it
    /// at `level` adds to the closure; `None` when the person has it, or
    /// the floor holds it (and what it needs) already.
    #[inline(always)]
    fn admits(&self, c: &Closure<'c>, r: Rank, level: u8) -> Option<u8> {
        let have = self.level_at(r);
        if have >= level {
            return None;
        }
        if let Some(f) = &c.floor {
            if f.holds(r as usize, level, have, c.expanded.has_skill(r)) {
                return None;
            }
        }
        Some(have)
    }

    /// Raises a skill of a closure of top levels to `level` (admitted, the
    /// person at `have`), and marks it for the sweep to expand when the
    /// person has none of it (what a skill builds on is needed from level
    /// 1) and it is not expanded yet.
    fn raise(&self, c: &mut Closure<'c>, order: &SweepOrder, r: Rank, level: u8, have: u8) {
        if have == 0 && !c.expanded.has_skill(r) {
            // Listed when the sweep takes it.
            c.skills.level_up(r, level);
            c.expanded.skill(r, true);
            c.pending.mark(order.place(r));
        } else {
            c.skills.raise(r, level);
        }
    }

    /// Expands the marked skills of a closure of top levels, in the
    /// sweep order: a skill after every skill that needs it, so each is
    /// expanded once, with no stack of needs (a deep framework's role
    /// reaches 90,000 skills, each with a few prerequisites). What a
    /// closure of top levels reaches does not depend on whether a need is
    /// required: a skill expanded once is not expanded again.
    ///
    /// The same admission as [`Planner::admits`] and raise as
    /// [`Planner::raise`], on slices: this loop is most of `rank`.
    fn sweep(&self, c: &mut Closure<'c>, order: &SweepOrder) {
        let n = self.dense.len();
        let floor = c.floor.clone();
        let (level, present) = c.skills.all(n);
        let first = c.pending.first;
        let mut s = Sweep {
            have: &self.levels[..n],
            level: &mut level[..n],
            expanded: &mut c.expanded.all_skills(n)[..n],
            words: c.pending.cover(n),
            present,
        };
        // The loop made twice: most closures have no floor.
        c.pending.first = match floor.as_deref() {
            None => s.run(self.dense, order, first, |_, _, _, _| false),
            Some(f) => s.run(self.dense, order, first, |i, l, h, seen| {
                f.holds(i, l, h, seen)
            }),
        };
    }

    /// Adds what `first` needs to the closure, and what that needs, depth
    /// first as a recursion would, but on a stack of its own: a chain of
    /// prerequisites thousands long must not overflow the thread's stack.
    pub(super) fn grow(&self, c: &mut Closure<'c>, first: Grow<'c>) {
        let sweep = self.sweeps(c);
        let mut stack = vec![first];
        while let Some(g) = stack.pop() {
            let mark = stack.len();
            match g {
                Grow::Skill(r, level, by, required, reason, builder) => {
                    let r = self.same_skill(r, level);
                    let Some(have) = self.admits(c, r, level) else {
                        continue;
                    };
                    if let Some(order) = sweep {
                        self.raise(c, order, r, level, have);
                        continue;
                    }
                    // A builder's id is read only where the needs are
                    // kept: reading it from its skill for every skill of a
                    // long closure would fetch them all, at random.
                    let by = if builder != NO_SKILL && c.skills.keeps_needs() {
                        self.skill_id(builder)
                    } else {
                        by
                    };
                    c.skills.add(
                        r,
                        Need {
                            level,
                            by,
                            required,
                            reason,
                            builder,
                        },
                    );
                    if have > 0 || !c.expanded.skill(r, required) {
                        continue;
                    }
                    for &(q, l) in self.dense.requires(r) {
                        stack.push(Grow::Skill(q, l, "", required, Reason::SkillPrereq, r));
                    }
                }
                Grow::Cert(id, by, required, reason) => {
                    let at = self.cat.cert_index(id).expect("validated");
                    let cert = &self.cat.certs[at];
                    let id = cert.id.as_str();
                    if let Some(f) = &c.floor {
                        if f.certs.contains(id) && c.expanded.has_cert(id) {
                            continue;
                        }
                    }
                    if self.have.holds(id) {
                        if let Some(via) = self.have.via.get(id) {
                            c.satisfied.insert((id, via));
                        }
                        continue;
                    }
                    // Held but lapsed: renewed late where the vendor still
                    // accepts it, else earned again.
                    if let Some((_, late)) = self.have.lapsed_on(self.cat, id, self.opts.start) {
                        if late {
                            c.late_renewals.insert(id);
                            continue;
                        }
                        c.retakes.insert(id);
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
                    if !c.expanded.cert(id, required) {
                        continue;
                    }
                    for &(q, l) in self.dense.covers(at) {
                        stack.push(Grow::Skill(q, l, id, required, Reason::Covers, NO_SKILL));
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
                            let r = self.rank_of(skill);
                            stack.push(Grow::Skill(r, *level, by, required, reason, NO_SKILL));
                        }
                        Prereq::Cert { cert } => {
                            let avoided = self.cat.cert(cert).is_some_and(|x| self.opts.avoids(x));
                            if !(soft && (avoided || self.have.knows_for(self.cat, cert, by))) {
                                stack.push(Grow::Cert(cert, by, required, reason));
                            }
                        }
                        Prereq::AnyOf { any_of } => {
                            let before = soft.then_some(by);
                            if let Some(id) = self.pick_with(c, any_of, soft, None, before) {
                                stack.push(Grow::Cert(id, by, required, reason));
                            }
                        }
                    }
                }
            }
            // The first need pushed is the first to grow, as in a recursion.
            stack[mark..].reverse();
        }
        if let Some(order) = sweep {
            self.sweep(c, order);
        }
    }
}

impl<'c> Closure<'c> {
    /// An empty closure; with `needs`, it keeps every need of each skill.
    pub(super) fn new(needs: bool) -> Closure<'c> {
        Closure {
            floor: None,
            skills: Skills::new(needs),
            certs: BTreeMap::new(),
            expanded: Expanded::default(),
            choices: Vec::new(),
            replaced: BTreeSet::new(),
            satisfied: BTreeSet::new(),
            unavoidable: BTreeSet::new(),
            late_renewals: BTreeSet::new(),
            retakes: BTreeSet::new(),
            pending: Pending::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::testing::{catalog, fixture, opts, people, profile};
    use crate::profile::Profile;

    fn needs<'a>(p: &Planner, c: &'a Closure, skill: &str) -> Vec<(u8, &'a str, Reason)> {
        let mut v: Vec<_> = c
            .skills
            .needs()
            .of(p.rank_of(skill))
            .iter()
            .map(|n| (n.level, n.by, n.reason))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn the_closure_follows_covers_requires_and_skill_prerequisites() {
        let cat = fixture();
        let p = Planner::new(&cat, &Profile::default(), opts());
        let c = p.closure(&[Target::One("pro-cert")], "small-role");
        let certs: Vec<&str> = c.certs.keys().copied().collect();
        assert_eq!(certs, ["pro-cert", "starter-cert"]);
        assert_eq!(c.certs["starter-cert"].by, [("pro-cert", Reason::Requires)]);
        assert!(c.certs["starter-cert"].required);
        assert_eq!(needs(&p, &c, "advanced"), [(2, "pro-cert", Reason::Covers)]);
        assert_eq!(
            needs(&p, &c, "basics"),
            [
                (2, "advanced", Reason::SkillPrereq),
                (2, "starter-cert", Reason::Covers)
            ]
        );
        assert!(c.choices.is_empty());
    }

    #[test]
    fn what_is_had_is_left_out() {
        let cat = fixture();
        let me = profile(&[("basics", 2)], &[("starter-cert", None)]);
        let p = Planner::new(&cat, &me, opts());
        let c = p.closure(&[Target::One("pro-cert")], "small-role");
        assert_eq!(c.certs.keys().copied().collect::<Vec<_>>(), ["pro-cert"]);
        let skills: Vec<&str> = c
            .skills
            .needs()
            .iter()
            .map(|(r, _)| p.skill_id(r))
            .collect();
        assert_eq!(skills, ["advanced"]);
    }

    #[test]
    fn a_chain_thousands_long_grows_without_recursion() {
        let n = 5000;
        let mut skills =
            vec![r#"{"id": "s0", "name": "S0", "domain": "d", "hours": [1, 1, 1, 1]}"#.to_string()];
        for i in 1..n {
            skills.push(format!(
                r#"{{"id": "s{i}", "name": "S{i}", "domain": "d", "hours": [1, 1, 1, 1], "requires": [{{"skill": "s{}", "level": 1}}]}}"#,
                i - 1
            ));
        }
        let cat = catalog(&format!(
            r#"{{"format": 1, "skills": [{}], "certifications": [],
            "roles": [{{"id": "r", "name": "R", "skills": [{{"skill": "s{}", "level": 1}}]}}]}}"#,
            skills.join(","),
            n - 1
        ));
        let p = Planner::new(&cat, &Profile::default(), opts());
        let last = format!("s{}", n - 1);
        let c = p.closure(&[Target::Skill(&last, 1)], "r");
        assert_eq!(c.skills.len(), n);
    }

    #[test]
    fn expanding_again_only_when_a_required_need_reaches_an_optional_one() {
        let mut e = Expanded::default();
        assert!(e.cert("x", false));
        assert!(!e.cert("x", false));
        assert!(e.cert("x", true));
        assert!(!e.cert("x", true));
        assert!(!e.cert("x", false));
        assert!(!e.has_skill(7));
        assert!(e.skill(7, false));
        assert!(!e.skill(7, false));
        assert!(e.skill(7, true));
        assert!(!e.skill(7, true));
        assert!(!e.skill(7, false));
        assert!(e.has_skill(7) && !e.has_skill(6) && e.has_cert("x"));
    }

    #[test]
    fn a_closure_of_top_levels_holds_what_one_of_needs_does() {
        let cat = fixture();
        let me = profile(&[("basics", 1)], &[]);
        for person in [Profile::default(), me] {
            let p = Planner::new(&cat, &person, opts());
            for role in &cat.roles {
                let targets = Planner::targets(role);
                let full = p.closure(&targets, &role.id);
                let tops = p.closure_tops(&targets, &role.id);
                assert!(full.skills.tops().eq(tops.skills.tops()), "{}", role.id);
                assert_eq!(full.skills.len(), tops.skills.len());
                assert!(full.certs.keys().eq(tops.certs.keys()), "{}", role.id);
                assert_eq!(full.choices, tops.choices);
                assert_eq!(p.totals(&full), p.totals(&tops));
            }
        }
    }

    /// A catalog whose ids number each skill after its prerequisites
    /// (`s0000` builds on nothing), so that its ranks from the last to the
    /// first are the sweep order; a role asks for the top skills, through a
    /// cert whose any_of prerequisite picks between two deep options.
    fn numbered() -> crate::catalog::Catalog {
        let n: usize = 400;
        let skills: Vec<String> = (0..n)
            .map(|i| {
                let reqs: Vec<String> = [i / 2, i.saturating_sub(3), i * 2 / 3]
                    .iter()
                    .filter(|&&j| j < i)
                    .map(|j| format!(r#"{{"skill": "s{j:04}", "level": {}}}"#, 1 + (i + j) % 4))
                    .collect();
                format!(
                    r#"{{"id": "s{i:04}", "name": "S{i}", "domain": "d", "hours": [{}, 2, 3, 4], "requires": [{}]}}"#,
                    1 + i % 5,
                    reqs.join(",")
                )
            })
            .collect();
        catalog(&format!(
            r#"{{"format": 1, "skills": [{}], "certifications": [
                {{"id": "low", "name": "Low", "vendor": "V", "exams": [{{"code": "L", "cost_usd": 100}}],
                  "covers": [{{"skill": "s0300", "level": 2}}]}},
                {{"id": "high", "name": "High", "vendor": "V", "exams": [{{"code": "H", "cost_usd": 200}}],
                  "covers": [{{"skill": "s0390", "level": 3}}]}},
                {{"id": "top", "name": "Top", "vendor": "V", "exams": [{{"code": "T", "cost_usd": 300}}],
                  "covers": [{{"skill": "s0399", "level": 1}}],
                  "requires": [{{"any_of": ["low", "high"]}}]}}],
            "roles": [
                {{"id": "r", "name": "R", "skills": [{{"skill": "s0398", "level": 4}}, {{"skill": "s0200", "level": 2}}],
                  "certifications": ["top", {{"any_of": ["low", "high"]}}]}}]}}"#,
            skills.join(",")
        ))
    }

    #[test]
    fn a_swept_closure_reaches_what_the_stack_does() {
        // The bundled catalog, whose ids are not in dependency order (a
        // sweep order from Kahn's algorithm), and one whose ids are.
        let bundled =
            crate::catalog::Catalog::load(&crate::catalog::Source::bundled()).expect("bundled");
        let numbered = numbered();
        let mut people = people();
        people.push(profile(&[("s0100", 2), ("s0250", 1), ("s0398", 3)], &[]));
        let mut grown = 0;
        for cat in [&bundled, &numbered] {
            assert!(!cat.has_same_as());
            for person in &people {
                let p = Planner::new(cat, person, opts());
                for role in &cat.roles {
                    let targets = Planner::targets(role);
                    // A plan's closure keeps its needs, and grows on a stack.
                    let stack = p.closure_with(&targets, &role.id, false, true);
                    let swept = p.closure_with(&targets, &role.id, false, false);
                    assert!(p.sweeps(&swept).is_some() && p.sweeps(&stack).is_none());
                    assert!(stack.skills.tops().eq(swept.skills.tops()), "{}", role.id);
                    assert_eq!(stack.skills.len(), swept.skills.len(), "{}", role.id);
                    assert!(stack.certs.keys().eq(swept.certs.keys()), "{}", role.id);
                    assert_eq!(stack.choices, swept.choices, "{}", role.id);
                    grown += stack.skills.len();
                    // The role's second half grown over its first half's
                    // floor, as a choice grows an option over its base.
                    let half = targets.len() / 2;
                    let base = p.closure_with(&targets[..half], &role.id, false, false);
                    let mut floor = Floor::new(Vec::new(), p.dense.len(), &[]);
                    floor.add(&base);
                    let floor = Rc::new(floor);
                    let over = |needs: bool| {
                        let mut more = Closure {
                            expanded: base.expanded.clone(),
                            floor: Some(floor.clone()),
                            ..Closure::new(needs)
                        };
                        for t in &targets[half..] {
                            p.add_target(&mut more, t, &role.id);
                        }
                        p.totals_over(p.totals(&base), &floor, &more)
                    };
                    assert_eq!(over(true), over(false), "{}", role.id);
                }
            }
        }
        assert!(grown > 3000, "skills grown: {grown}");
    }

    #[test]
    fn the_sweep_order_puts_each_skill_before_its_prerequisites() {
        let bundled =
            crate::catalog::Catalog::load(&crate::catalog::Source::bundled()).expect("bundled");
        for cat in [&bundled, &numbered()] {
            let d = cat.dense();
            let order = d.sweep_order().expect("no cycle");
            for r in 0..d.len() as Rank {
                assert_eq!(order.at(order.place(r)), r);
                for (q, _) in d.requires(r) {
                    assert!(order.place(r) < order.place(*q), "{r} before {q}");
                }
            }
        }
        // The numbered catalog's order is its ranks from the last.
        let cat = numbered();
        let order = cat.dense().sweep_order().expect("no cycle");
        assert!((0..400).all(|r| order.place(r) == 399 - r as usize));
    }

    #[test]
    fn top_levels_come_in_rank_order_few_or_many() {
        let need = |level| Need {
            level,
            by: "x",
            required: true,
            reason: Reason::Role,
            builder: NO_SKILL,
        };
        // A few ranks far apart: sorted.
        let mut few = Skills::new(false);
        for (r, l) in [(900, 1), (3, 2), (900, 3), (40, 1)] {
            few.add(r, need(l));
        }
        assert_eq!(few.len(), 3);
        assert_eq!(few.tops().collect::<Vec<_>>(), [(3, 2), (40, 1), (900, 3)]);
        // Most ranks: read in order.
        let mut many = Skills::new(false);
        for (r, l) in [(2, 1), (0, 4), (1, 2), (0, 1)] {
            many.add(r, need(l));
        }
        assert_eq!(many.tops().collect::<Vec<_>>(), [(0, 4), (1, 2), (2, 1)]);
        let mut needs = Skills::new(true);
        for (r, l) in [(2, 1), (0, 4), (1, 2), (0, 1)] {
            needs.add(r, need(l));
        }
        assert!(needs.tops().eq(many.tops()));
        let by_rank = needs.needs();
        assert_eq!(by_rank.of(0).len(), 2);
        assert_eq!(
            by_rank
                .iter()
                .map(|(r, n)| (r, n.len()))
                .collect::<Vec<_>>(),
            [(0, 2), (1, 1), (2, 1)]
        );
        assert_eq!(
            by_rank.of(0)[0].level,
            4,
            "a skill's needs in the order they came"
        );
    }

    #[test]
    fn unions_keep_id_order_and_the_higher_level() {
        let a = [("a", 1), ("c", 3), ("d", 1)];
        let b = [("b", 2), ("c", 1), ("d", 2)];
        let u: Vec<_> = union_max(a.into_iter(), b.into_iter()).collect();
        assert_eq!(u, [("a", 1), ("b", 2), ("c", 3), ("d", 2)]);
        let u: Vec<_> = union(["a", "c"].into_iter(), ["b", "c"].into_iter()).collect();
        assert_eq!(u, ["a", "b", "c"]);
    }
}

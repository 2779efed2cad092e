//! The order of the steps (DESIGN.md 5.6), and moving steps to it.

use super::steps::blank_step;
use super::{Planner, Step, StepKind};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

impl<'c> Planner<'c> {
    /// The milestone order (DESIGN.md 5.6): certs in dependency order, each
    /// exam right after the skill steps it still needs; then the rest.
    /// `weight` is each step's place in the catalog (see `steps`).
    pub(super) fn order(&self, steps: &[Step], weight: &[usize]) -> Vec<usize> {
        let n = steps.len();
        // The tie order of steps free to come next, as one number per step
        // (catalog order, then id, then level): sorting by it compares no
        // strings.
        let mut by_key: Vec<usize> = (0..n).collect();
        by_key.sort_by(|&a, &b| emit_key(steps, weight, a).cmp(&emit_key(steps, weight, b)));
        let mut tie = vec![0u32; n];
        for (r, &i) in by_key.iter().enumerate() {
            tie[i] = r as u32;
        }
        let exams: Vec<usize> = (0..n)
            .filter(|&i| steps[i].kind == StepKind::Exam)
            .collect();
        // Hours to reach each exam: its whole dependency set.
        let flat = Flat::of(steps);
        let mut reach: HashMap<usize, u64> = HashMap::new();
        // One visit mark for all exams: a step is seen in this exam's walk
        // when its mark is the exam's number (no clearing between walks).
        let mut seen = vec![u32::MAX; n];
        let mut stack: Vec<u32> = Vec::new();
        for (mark, &e) in exams.iter().enumerate() {
            let mark = mark as u32;
            stack.push(e as u32);
            let mut hours = 0.0;
            while let Some(i) = stack.pop() {
                let i = i as usize;
                if std::mem::replace(&mut seen[i], mark) == mark {
                    continue;
                }
                hours += flat.hours[i];
                stack.extend_from_slice(flat.deps(i));
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
        let key = |e: usize| Reverse((tier(e), reach[&e], steps[e].id.as_str(), e));
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
            emit(&flat, e, &tie, &follows, &mut done, &mut out);
            for &next in exam_deps.get(&e).map(Vec::as_slice).unwrap_or(&[]) {
                let d = indegree.get_mut(&next).expect("exam");
                *d -= 1;
                if *d == 0 {
                    heap.push(key(next));
                }
            }
        }
        let mut rest: Vec<usize> = (0..n).filter(|&i| !done[i]).collect();
        rest.sort_by_key(|&a| tie[a]);
        for i in rest {
            emit(&flat, i, &tie, &follows, &mut done, &mut out);
        }
        out
    }
}

/// The steps as the walks of [`Planner::order`] read them: each step's
/// kind, hours and dependencies in lists of a few bytes a step (the
/// dependencies of all steps in one list), not a step of 272 bytes
/// fetched from anywhere in memory at each visit: a long plan's walks
/// visit every step once per exam.
struct Flat {
    kind: Vec<StepKind>,
    hours: Vec<f64>,
    /// Step `i`'s dependencies are `deps[from[i]..from[i + 1]]`.
    from: Vec<u32>,
    deps: Vec<u32>,
}

impl Flat {
    fn of(steps: &[Step]) -> Flat {
        let mut from = Vec::with_capacity(steps.len() + 1);
        let mut deps = Vec::with_capacity(steps.iter().map(|s| s.deps.len()).sum());
        for s in steps {
            from.push(deps.len() as u32);
            deps.extend(s.deps.iter().map(|&d| d as u32));
        }
        from.push(deps.len() as u32);
        Flat {
            kind: steps.iter().map(|s| s.kind).collect(),
            hours: steps.iter().map(|s| s.hours).collect(),
            from,
            deps,
        }
    }

    fn deps(&self, i: usize) -> &[u32] {
        &self.deps[self.from[i] as usize..self.from[i + 1] as usize]
    }
}

/// Emits step `root` after everything it needs, depth first; an exam's
/// experience step stands right before it (or right after it).
fn emit(
    flat: &Flat,
    root: usize,
    tie: &[u32],
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
            if flat.kind[i] == StepKind::Exam {
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
        // The dependencies not done yet go on the stack, experience
        // first (so it comes out last, right before the exam), then by
        // tie order from the last: the first by id comes out first.
        let at = stack.len();
        stack.extend(
            flat.deps(i)
                .iter()
                .map(|&d| d as usize)
                .filter(|d| !done[*d])
                .map(|d| (d, false)),
        );
        let key = |&(d, _): &(usize, bool)| (flat.kind[d] == StepKind::Experience, tie[d]);
        stack[at..].sort_by_key(|x| std::cmp::Reverse(key(x)));
    }
}

/// Among steps free to come next: catalog order (the order a catalog's
/// author lists skills in is their teaching order), then id.
pub(super) fn emit_key<'s>(steps: &'s [Step], rank: &[usize], i: usize) -> (usize, &'s str, u8) {
    (rank[i], &steps[i].id, steps[i].to_level.unwrap_or(0))
}

/// Joins two steps of the same skill that ended up side by side
/// (`0->2` then `2->3` becomes `0->3`): one topic, studied in one go.
pub(super) fn merge_adjacent(mut steps: Vec<Step>) -> Vec<Step> {
    // In place: `steps[..kept]` are the steps so far; a step merged into
    // the one before it leaves a blank behind, dropped at the end. A
    // second vector of tens of thousands of steps would double the plan's
    // memory for a moment.
    let mut kept = 0;
    // old index -> new index
    let mut map: Vec<usize> = Vec::with_capacity(steps.len());
    for i in 0..steps.len() {
        if kept > 0 {
            let (last, s) = (&steps[kept - 1], &steps[i]);
            if last.kind == StepKind::Skill
                && s.kind == StepKind::Skill
                && last.id == s.id
                && last.to_level == s.from_level
            {
                let s = std::mem::replace(&mut steps[i], blank_step());
                let last = &mut steps[kept - 1];
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
                map.push(kept - 1);
                continue;
            }
        }
        map.push(kept);
        steps.swap(kept, i);
        kept += 1;
    }
    steps.truncate(kept);
    for (i, s) in steps.iter_mut().enumerate() {
        s.n = i + 1;
        // In place: a new list per step would be an allocation per step.
        for d in &mut s.deps {
            *d = map[*d];
        }
        s.deps.retain(|d| *d != i);
        s.deps.sort_unstable();
        s.deps.dedup();
    }
    steps
}

/// The steps in `order` (every index once), numbered, with their
/// dependencies pointing at the new places. The steps are moved in place,
/// along the cycles of the permutation.
pub(super) fn renumber(mut steps: Vec<Step>, order: &[usize]) -> Vec<Step> {
    debug_assert_eq!(order.len(), steps.len(), "each step once");
    let mut pos = vec![0; steps.len()];
    for (new, &old) in order.iter().enumerate() {
        pos[old] = new;
    }
    // Where the step now at i goes: swapping it there brings another step
    // to i, until the one that belongs at i arrives.
    let mut dest = pos.clone();
    for i in 0..steps.len() {
        while dest[i] != i {
            let j = dest[i];
            steps.swap(i, j);
            dest.swap(i, j);
        }
    }
    for (new, s) in steps.iter_mut().enumerate() {
        s.n = new + 1;
        for d in &mut s.deps {
            *d = pos[*d];
        }
        s.deps.sort_unstable();
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::steps::blank_step;
    use crate::plan::testing::{fixture, opts};
    use crate::profile::Profile;

    fn skill(id: &str, from: u8, to: u8, hours: f64, deps: Vec<usize>) -> Step {
        Step {
            id: id.to_string(),
            from_level: Some(from),
            to_level: Some(to),
            hours,
            for_: vec![format!("for-{id}-{to}")],
            why: format!("why {to}"),
            deps,
            ..blank_step()
        }
    }

    #[test]
    fn adjacent_steps_of_one_skill_merge_and_dependencies_follow() {
        let steps = vec![
            skill("a", 0, 2, 3.0, vec![]),
            skill("a", 2, 3, 4.0, vec![0]),
            skill("b", 0, 1, 1.0, vec![1]),
        ];
        let out = merge_adjacent(steps);
        assert_eq!(out.len(), 2);
        assert_eq!(
            (out[0].from_level, out[0].to_level, out[0].hours),
            (Some(0), Some(3), 7.0)
        );
        assert_eq!(out[0].for_, ["for-a-2", "for-a-3"]);
        assert_eq!(out[0].why, "why 2; why 3");
        assert!(out[0].deps.is_empty());
        assert_eq!((out[1].n, out[1].deps.clone()), (2, vec![0]));
    }

    #[test]
    fn runs_of_one_skill_merge_in_place_wherever_they_are() {
        let steps = vec![
            skill("a", 0, 1, 1.0, vec![]),
            skill("a", 1, 2, 1.0, vec![0]),
            skill("b", 0, 1, 1.0, vec![1]),
            skill("c", 0, 1, 1.0, vec![2]),
            skill("c", 1, 2, 1.0, vec![3]),
            skill("c", 2, 3, 1.0, vec![4, 0]),
            skill("d", 0, 1, 1.0, vec![5, 2]),
        ];
        let out = merge_adjacent(steps);
        type Row<'a> = (&'a str, usize, Option<u8>, Option<u8>, f64, Vec<usize>);
        let got: Vec<Row> = out
            .iter()
            .map(|s| {
                (
                    s.id.as_str(),
                    s.n,
                    s.from_level,
                    s.to_level,
                    s.hours,
                    s.deps.clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("a", 1, Some(0), Some(2), 2.0, vec![]),
                ("b", 2, Some(0), Some(1), 1.0, vec![0]),
                ("c", 3, Some(0), Some(3), 3.0, vec![0, 1]),
                ("d", 4, Some(0), Some(1), 1.0, vec![1, 2]),
            ]
        );
    }

    #[test]
    fn renumbering_moves_steps_and_their_dependencies() {
        let steps = vec![
            skill("a", 0, 1, 1.0, vec![]),
            skill("b", 0, 1, 1.0, vec![0]),
            skill("c", 0, 1, 1.0, vec![0, 1]),
        ];
        let out = renumber(steps, &[2, 0, 1]);
        let ids: Vec<(&str, usize, Vec<usize>)> = out
            .iter()
            .map(|s| (s.id.as_str(), s.n, s.deps.clone()))
            .collect();
        assert_eq!(
            ids,
            [("c", 1, vec![1, 2]), ("a", 2, vec![]), ("b", 3, vec![1])]
        );
    }

    use proptest::prelude::*;

    proptest! {
        /// Any order, however its cycles run: each step lands where the
        /// order puts it, numbered, its dependencies renamed to match.
        #[test]
        fn renumbering_in_place_follows_any_order(
            order in (1usize..40).prop_flat_map(|n| {
                Just((0..n).collect::<Vec<usize>>()).prop_shuffle()
            })
        ) {
            let n = order.len();
            let steps: Vec<Step> = (0..n)
                .map(|i| skill(&format!("s{i}"), 0, 1, 1.0, (0..i).filter(|d| (i + d) % 3 == 0).collect()))
                .collect();
            let before = steps.clone();
            let out = renumber(steps, &order);
            let mut pos = vec![0; n];
            for (new, &old) in order.iter().enumerate() {
                pos[old] = new;
            }
            for (new, &old) in order.iter().enumerate() {
                prop_assert_eq!(&out[new].id, &before[old].id);
                prop_assert_eq!(out[new].n, new + 1);
                let mut deps: Vec<usize> = before[old].deps.iter().map(|d| pos[*d]).collect();
                deps.sort_unstable();
                prop_assert_eq!(&out[new].deps, &deps);
            }
        }
    }

    #[test]
    fn the_order_puts_every_step_after_what_it_needs_and_exams_early() {
        let cat = fixture();
        let p = Planner::new(&cat, &Profile::default(), opts());
        let plan = p.plan(cat.role("small-role").unwrap());
        for (i, s) in plan.steps.iter().enumerate() {
            assert!(
                s.deps.iter().all(|d| *d < i),
                "step {} before its needs",
                s.n
            );
            assert_eq!(s.n, i + 1);
        }
        let ids: Vec<&str> = plan.steps.iter().map(|s| s.id.as_str()).collect();
        // The entry cert right after its skill, the experience right
        // before the exam that waits for it.
        assert_eq!(
            ids,
            [
                "basics",
                "starter-cert",
                "advanced",
                "experience:pro-cert",
                "pro-cert",
                "renewal:starter-cert"
            ]
        );
    }
}

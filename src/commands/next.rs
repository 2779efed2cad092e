//! `certpath next`: the plan steps a person can start today, ranked by how
//! much of the plan each one unlocks.

use super::{target_role, Output, Setup};
use crate::cli::{Format, RoleChoice, ScheduleArgs};
use crate::config::Config;
use crate::error::Result;
use crate::plan::{fmt_num, Plan, StepKind};
use crate::render;
use crate::render::doc::Doc;
use crate::render::grid::Grid;
use serde_json::{json, Value};

/// A startable step: its index in the plan, and how many steps depend on it.
pub struct Startable {
    pub index: usize,
    pub unlocks: usize,
    pub next: bool,
}

/// Study and exam steps whose prerequisites are all met now, most
/// unlocking first; the plan's own next step is marked.
pub fn startable(plan: &Plan) -> Vec<Startable> {
    let starts: Vec<usize> = plan
        .steps
        .iter()
        .enumerate()
        .filter(|(_, s)| matches!(s.kind, StepKind::Skill | StepKind::Exam) && s.deps.is_empty())
        .map(|(i, _)| i)
        .collect();
    let unlocks = unlocks(plan, &starts);
    let mut out: Vec<Startable> = starts
        .iter()
        .zip(unlocks)
        .map(|(&index, unlocks)| Startable {
            index,
            unlocks,
            next: false,
        })
        .collect();
    if let Some(first) = out.iter_mut().min_by_key(|s| s.index) {
        first.next = true;
    }
    out.sort_by(|a, b| b.unlocks.cmp(&a.unlocks).then(a.index.cmp(&b.index)));
    out
}

/// For each of `starts`, how many other steps build on it (directly or
/// not). One pass over the steps in dependency order per 64 starts: each
/// step carries a bit per start that reaches it, the union of its
/// dependencies' bits; a step counts for every bit it carries. The 64
/// counts are kept bit-sliced (plane p holds bit p of every count), so a
/// step adds all its bits at once instead of one count at a time.
///
/// The passes read the dependencies from one compact array in pass order
/// (a large plan's steps do not fit in a cache; their own lists, read
/// once per pass, made most of the time), and run on every core.
fn unlocks(plan: &Plan, starts: &[usize]) -> Vec<usize> {
    let order = dependency_order(plan);
    let n = order.len();
    let mut pos = vec![u32::MAX; plan.steps.len()];
    for (p, &i) in order.iter().enumerate() {
        pos[i] = p as u32;
    }
    // The dependencies of the step at position p, as positions:
    // `deps[from[p]..from[p + 1]]`.
    let mut from: Vec<u32> = Vec::with_capacity(n + 1);
    let mut deps: Vec<u32> = Vec::new();
    for &i in &order {
        from.push(deps.len() as u32);
        deps.extend(plan.steps[i].deps.iter().map(|d| pos[*d]));
    }
    from.push(deps.len() as u32);
    let pass = |chunk: &[usize]| -> Vec<usize> {
        let mut bits = vec![0u64; n];
        for (k, &s) in chunk.iter().enumerate() {
            bits[pos[s] as usize] = 1 << k;
        }
        let mut planes: Vec<u64> = Vec::new();
        for p in 0..n {
            let mine = &deps[from[p] as usize..from[p + 1] as usize];
            let mut b = mine.iter().fold(0, |acc, d| acc | bits[*d as usize]);
            // The start itself is not one of the steps it unlocks.
            let own = bits[p];
            b &= !own;
            add_bits(&mut planes, b);
            bits[p] = b | own;
        }
        (0..chunk.len()).map(|k| count_of(&planes, k)).collect()
    };
    if starts.len() <= 64 {
        return pass(starts);
    }
    use rayon::prelude::*;
    starts.par_chunks(64).flat_map_iter(pass).collect()
}

/// The count of bit `k`, read from its bit in every plane.
fn count_of(planes: &[u64], k: usize) -> usize {
    planes
        .iter()
        .enumerate()
        .map(|(p, plane)| (((plane >> k) & 1) as usize) << p)
        .sum()
}

/// Adds one to the bit-sliced count of every bit set in `word`: a ripple
/// of carries through the planes, two steps on average.
fn add_bits(planes: &mut Vec<u64>, word: u64) {
    let mut carry = word;
    for plane in planes.iter_mut() {
        if carry == 0 {
            return;
        }
        let next = *plane & carry;
        *plane ^= carry;
        carry = next;
    }
    if carry != 0 {
        planes.push(carry);
    }
}

/// The steps' indices, each after the steps it depends on.
fn dependency_order(plan: &Plan) -> Vec<usize> {
    let n = plan.steps.len();
    let mut waiting: Vec<usize> = plan.steps.iter().map(|s| s.deps.len()).collect();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, s) in plan.steps.iter().enumerate() {
        for &d in &s.deps {
            dependents[d].push(i);
        }
    }
    let mut order: Vec<usize> = (0..n).filter(|&i| waiting[i] == 0).collect();
    let mut at = 0;
    while at < order.len() {
        let i = order[at];
        at += 1;
        for &j in &dependents[i] {
            waiting[j] -= 1;
            if waiting[j] == 0 {
                order.push(j);
            }
        }
    }
    order
}

pub fn run(cfg: &Config, choice: &RoleChoice, schedule: &ScheduleArgs) -> Result<Output> {
    let setup = Setup::load(cfg)?;
    let role = target_role(&setup.cat, &setup.profile, choice)?;
    let planner = setup.planner(cfg, choice, schedule.hours_per_week, schedule.start)?;
    let plan = super::dated(planner.plan(role))?;
    let list = startable(&plan);
    let text = match cfg.format {
        Format::Json => {
            let steps: Vec<Value> = list
                .iter()
                .map(|s| {
                    let mut v = serde_json::to_value(&plan.steps[s.index]).unwrap_or(Value::Null);
                    v["unlocks"] = json!(s.unlocks);
                    v["next"] = json!(s.next);
                    v
                })
                .collect();
            render::json(&json!({ "format": 1, "role": plan.role, "steps": steps }))
        }
        Format::Csv => {
            let steps: Vec<&crate::plan::Step> =
                list.iter().map(|s| &plan.steps[s.index]).collect();
            let by_n = |n: usize| list.iter().find(|s| plan.steps[s.index].n == n);
            super::plan::steps_csv(&steps, &["unlocks", "next"], |st| {
                let s = by_n(st.n).expect("listed");
                vec![s.unlocks.to_string(), s.next.to_string()]
            })
        }
        Format::Table | Format::Markdown => {
            let mut doc = Doc::new(format!(
                "What you can start now for {} ({})",
                plan.role.name, plan.role.id
            ));
            if list.is_empty() {
                doc.para("Nothing to start now: every study and exam step left waits for another step or for experience.");
            } else {
                let mut g = Grid::new(&["Step #", "Step", "Hours", "Unlocks", "Why"])
                    .keep(&[0, 2, 3])
                    .number(0)
                    .title(&[1])
                    .drop_first(&[4])
                    .para(&[4]);
                for s in &list {
                    let st = &plan.steps[s.index];
                    let mut label = crate::render::step_label(st);
                    if s.next {
                        label.push_str(" [next in plan]");
                    }
                    g.row(vec![
                        st.n.to_string(),
                        label,
                        fmt_num(st.hours),
                        s.unlocks.to_string(),
                        st.why.clone(),
                    ]);
                }
                doc.grid(g);
                doc.para("Unlocks: how many later steps of the plan build on it.");
            }
            if cfg.format == Format::Markdown {
                doc.markdown()
            } else {
                doc.text(cfg)
            }
        }
        _ => {
            return Err(super::unsupported(
                cfg,
                "next",
                &[Format::Table, Format::Json, Format::Markdown, Format::Csv],
            ))
        }
    };
    super::free_later(plan);
    Ok(Output::ok(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::testing::{catalog, fixture, opts};
    use crate::plan::Planner;
    use crate::profile::Profile;

    #[test]
    fn bit_sliced_counts_add_up_like_plain_ones() {
        let mut planes = Vec::new();
        let mut plain = [0usize; 64];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..5000 {
            // xorshift: words with any mix of bits, all ones and none.
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            for word in [x, u64::MAX, 0] {
                add_bits(&mut planes, word);
                for (k, c) in plain.iter_mut().enumerate() {
                    *c += ((word >> k) & 1) as usize;
                }
            }
        }
        for (k, c) in plain.iter().enumerate() {
            let sliced = count_of(&planes, k);
            assert_eq!(sliced, *c, "bit {k}");
        }
    }

    /// What each start unlocks, by a walk from each.
    fn walked(plan: &Plan, starts: &[usize]) -> Vec<usize> {
        let n = plan.steps.len();
        starts
            .iter()
            .map(|&s| {
                let mut seen = vec![false; n];
                let mut count = 0;
                let mut stack = vec![s];
                while let Some(i) = stack.pop() {
                    for (j, st) in plan.steps.iter().enumerate() {
                        if st.deps.contains(&i) && !std::mem::replace(&mut seen[j], true) {
                            count += 1;
                            stack.push(j);
                        }
                    }
                }
                count
            })
            .collect()
    }

    #[test]
    fn unlocks_match_a_walk_from_each_start_past_64_starts() {
        let mut skills = Vec::new();
        let mut asks = Vec::new();
        for i in 0..100 {
            skills.push(format!(
                r#"{{"id": "s{i:03}", "name": "S{i}", "domain": "d", "hours": [1, 1, 1, 1]}}"#
            ));
            skills.push(format!(
                r#"{{"id": "t{i:03}", "name": "T{i}", "domain": "d", "hours": [1, 1, 1, 1],
                "requires": [{{"skill": "s{i:03}", "level": 1}}, {{"skill": "s{:03}", "level": 1}}]}}"#,
                (i + 1) % 100
            ));
            asks.push(format!(r#"{{"skill": "t{i:03}", "level": 1}}"#));
        }
        skills.push(
            r#"{"id": "u", "name": "U", "domain": "d", "hours": [1, 1, 1, 1],
            "requires": [{"skill": "t000", "level": 1}, {"skill": "t050", "level": 1}]}"#
                .to_string(),
        );
        asks.push(r#"{"skill": "u", "level": 1}"#.to_string());
        let cat = catalog(&format!(
            r#"{{"format": 1, "skills": [{}], "certifications": [],
            "roles": [{{"id": "r", "name": "R", "skills": [{}]}}]}}"#,
            skills.join(","),
            asks.join(",")
        ));
        let plan = Planner::new(&cat, &Profile::default(), opts()).plan(cat.role("r").unwrap());
        let list = startable(&plan);
        assert_eq!(list.len(), 100);
        let starts: Vec<usize> = list.iter().map(|s| s.index).collect();
        let got: Vec<usize> = list.iter().map(|s| s.unlocks).collect();
        assert_eq!(got, walked(&plan, &starts));
        // s000 and s050 unlock their two t's and u; s001 and s051 too.
        assert_eq!(got[..4], [3, 3, 3, 3]);
        assert!(got[4..].iter().all(|u| *u == 2));
        assert_eq!(list.iter().filter(|s| s.next).count(), 1);
    }

    #[test]
    fn unlocks_on_a_plan_with_certs_and_experience() {
        let cat = fixture();
        let plan =
            Planner::new(&cat, &Profile::default(), opts()).plan(cat.role("small-role").unwrap());
        let list = startable(&plan);
        let starts: Vec<usize> = list.iter().map(|s| s.index).collect();
        let got: Vec<usize> = list.iter().map(|s| s.unlocks).collect();
        assert_eq!(got, walked(&plan, &starts));
        assert!(got[0] >= 3, "{got:?}");
    }
}

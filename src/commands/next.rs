//! `certpath next`: the plan steps a person can start today, ranked by how
//! much of the plan each one unlocks.

use super::{target_role, Output, Setup};
use crate::cli::{Format, RoleChoice, ScheduleArgs};
use crate::config::Config;
use crate::error::Result;
use crate::plan::{fmt_num, Plan, StepKind};
use crate::render::{self, table};
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
    let n = plan.steps.len();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, s) in plan.steps.iter().enumerate() {
        for &d in &s.deps {
            dependents[d].push(i);
        }
    }
    let mut out: Vec<Startable> = plan
        .steps
        .iter()
        .enumerate()
        .filter(|(_, s)| matches!(s.kind, StepKind::Skill | StepKind::Exam) && s.deps.is_empty())
        .map(|(i, _)| {
            let mut seen = vec![false; n];
            let mut stack = dependents[i].clone();
            let mut count = 0;
            while let Some(j) = stack.pop() {
                if !std::mem::replace(&mut seen[j], true) {
                    count += 1;
                    stack.extend(dependents[j].iter().copied());
                }
            }
            Startable {
                index: i,
                unlocks: count,
                next: false,
            }
        })
        .collect();
    if let Some(first) = out.iter_mut().min_by_key(|s| s.index) {
        first.next = true;
    }
    out.sort_by(|a, b| b.unlocks.cmp(&a.unlocks).then(a.index.cmp(&b.index)));
    out
}

pub fn run(cfg: &Config, choice: &RoleChoice, schedule: &ScheduleArgs) -> Result<Output> {
    let setup = Setup::load(cfg)?;
    let role = target_role(&setup.cat, &setup.profile, choice)?;
    let planner = setup.planner(cfg, choice, schedule.hours_per_week, schedule.start)?;
    let plan = planner.plan(role);
    let list = startable(&plan);
    Ok(Output::ok(match cfg.format {
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
        Format::Table => {
            let mut out = table::heading(
                cfg,
                &format!(
                    "What you can start now for {} ({})",
                    plan.role.name, plan.role.id
                ),
            );
            if list.is_empty() {
                out.push_str("Nothing to start: the plan has no study or exam steps left.\n");
                return Ok(Output::ok(out));
            }
            let mut t = table::new(cfg, &["Step #", "Step", "Hours", "Unlocks", "Why"]);
            for s in &list {
                let st = &plan.steps[s.index];
                let mut label = super::plan::step_label(st);
                if s.next {
                    label.push_str(" [next in plan]");
                }
                t.add_row(vec![
                    st.n.to_string(),
                    label,
                    fmt_num(st.hours),
                    s.unlocks.to_string(),
                    st.why.clone(),
                ]);
            }
            table::keep(&mut t, &[0, 2, 3]);
            out.push_str(&table::finish(t));
            out.push_str("Unlocks: how many later steps of the plan build on it.\n");
            out
        }
    }))
}

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
    let plan = super::dated(planner.plan(role))?;
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
    }))
}
